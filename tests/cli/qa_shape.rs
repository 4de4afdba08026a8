//! The Q&A shape of AkShare's fetchers and most scrapers (`code,name,platform,
//! question_date,answer_date,question,answer,source,question_id,url`) read as Q&A without
//! flags by `import docs` and `classify --input`, dated by the answer; Chinese kind words.

use hypecheck::model::{Date, DocKind};
use hypecheck::store::Store;

use crate::util::{arg, fixture, shared_data, Sandbox};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_qa_shape_imports_without_flags_and_the_answer_counts_from_its_date() {
    let sb = Sandbox::new();
    let file = fixture("qa/qa_shape.jsonl");
    // One record has neither date: a bad row, named; the file is refused whole.
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("line 4: no date; the record has neither a question_date nor an answer_date"),
        "{err}"
    );
    // classify reads the same records, flags unneeded, and reports the bad one.
    let out = sb.run(&[
        "classify",
        "--theme",
        "deepseek",
        "--input",
        arg(&file),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "irm-9001");
    assert_eq!(lines[0]["kind"], "qa");
    assert_eq!(lines[0]["date"], "2025-02-20", "the answer's date");
    assert_eq!(lines[1]["date"], "2025-02-05", "an open question's date");
    assert!(stderr(&out).contains("第 4 行"), "{}", stderr(&out));

    // Without the dateless record the file imports, and both dates are kept.
    let good = sb.path("good.jsonl");
    let text = std::fs::read_to_string(&file).unwrap();
    let kept: Vec<&str> = text.lines().take(3).collect();
    std::fs::write(&good, kept.join("\n")).unwrap();
    let line = sb.ok(&["import", "docs", arg(&good)]);
    assert!(
        line.contains("读取 3 篇，新增 3") && line.contains("回答日期缺失（按提问日期计） 1"),
        "{line}"
    );
    let store = Store::open(&sb.db()).unwrap();
    let answered = store.document("irm-9001").unwrap().unwrap();
    assert_eq!(answered.kind, DocKind::Qa);
    assert_eq!(
        (answered.date, answered.question_date),
        (d("2025-02-20"), Some(d("2025-02-03")))
    );
    let undated = store.document("sse-1742001").unwrap().unwrap();
    assert_eq!(
        undated.date,
        d("2025-02-06"),
        "no answer date: the question's"
    );
}

#[test]
fn the_real_qa_corpus_is_read_as_qa() {
    let Some(file) = shared_data("real-qa/qa.jsonl") else {
        return;
    };
    let sb = Sandbox::new();
    let out = sb.run(&[
        "classify",
        "--theme",
        "compute",
        "--input",
        arg(&file),
        "--json",
    ]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // 2,283 records, one without any date (603629.SH, line 2205).
    assert_eq!(lines.len(), 2282);
    assert!(lines.iter().all(|l| l["kind"] == "qa"));
    let err = stderr(&out);
    assert!(err.contains("第 2205 行：缺少日期"), "{err}");
    assert_eq!(err.matches("缺少日期").count(), 1, "{err}");
}

#[test]
fn kind_words_are_read_and_an_unknown_word_lists_the_accepted_ones() {
    let sb = Sandbox::new();
    let file = fixture("qa/kind_words.csv");
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("line 5, column kind: '研报' is not a document kind")
            && err.contains("关注函/问询函/监管")
            && err.contains("--kind-map WORD=KIND"),
        "{err}"
    );
    let line = sb.ok(&["import", "docs", arg(&file), "--kind-map", "研报=news"]);
    assert!(line.contains("新增 4"), "{line}");
    let store = Store::open(&sb.db()).unwrap();
    let kinds: Vec<DocKind> = store
        .documents_between(..)
        .unwrap()
        .iter()
        .map(|doc| doc.kind)
        .collect();
    for kind in [
        DocKind::News,
        DocKind::Regulator,
        DocKind::Post,
        DocKind::News,
    ] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    assert!(!kinds.contains(&DocKind::Announcement), "a repost is news");
    // A bad --kind-map is a usage error that says the form.
    let out = sb.run(&["import", "docs", arg(&file), "--kind-map", "研报"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("WORD=KIND"), "{}", stderr(&out));
}
