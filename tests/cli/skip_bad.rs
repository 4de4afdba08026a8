//! `import KIND --skip-bad [--rejects PATH]`: the good rows of a file with a few bad ones
//! are stored, each bad row is written with its line and reason to `FILE.rejects.jsonl`
//! (or PATH), and the summary says how many; without the flag the file is refused whole.

use hypecheck::model::Symbol;
use hypecheck::store::Store;

use crate::util::{arg, fixture, shared_data, Sandbox};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn rejects(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn good_rows_are_stored_and_each_bad_row_is_written_with_its_line_and_reason() {
    let sb = Sandbox::new();
    let file = sb.path("bars.csv");
    std::fs::copy(fixture("bad_rows.csv"), &file).unwrap();
    // Without the flag: refused whole, and the message says what --skip-bad would do.
    let out = sb.run(&["--lang", "en", "import", "bars", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--skip-bad"), "{}", stderr(&out));
    assert!(!sb.path("bars.csv.rejects.jsonl").exists());

    let line = sb.ok(&["--lang", "en", "import", "bars", "--skip-bad", arg(&file)]);
    assert!(line.contains("2 added"), "{line}");
    assert!(line.contains("3 rejected"), "{line}");
    let written = sb.path("bars.csv.rejects.jsonl");
    assert!(line.contains(arg(&written)), "{line}");
    let rows = rejects(&written);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["line"], 3);
    assert_eq!(
        rows[0]["row"],
        "002881,2025-02-06,48.69,48.69,48.69,12.3x,44.26"
    );
    let reason = rows[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("column close: '12.3x' is not a price"),
        "{reason}"
    );
    assert_eq!(rows[1]["line"], 4);
    assert_eq!(rows[2]["line"], 5);
    let store = Store::open(&sb.db()).unwrap();
    let sym = Symbol::parse_stock("002881").unwrap();
    assert_eq!(store.bars(sym, ..).unwrap().len(), 2, "02-05 and 02-11");

    // In Chinese, the count and the file are said too.
    let line = sb.ok(&["import", "bars", "--skip-bad", arg(&file)]);
    assert!(line.contains("拒绝 3"), "{line}");
}

#[test]
fn rejects_of_several_files_go_to_one_path_and_every_kind_takes_the_flag() {
    let sb = Sandbox::new();
    let a = sb.path("a.csv");
    let b = sb.path("b.csv");
    std::fs::write(&a, "code,name\n002881,美格智能\n60000x,坏\n").unwrap();
    std::fs::write(&b, "code,name\n600126,杭钢股份\nzzz,坏\n").unwrap();
    let out = sb.path("bad.jsonl");
    std::fs::write(&out, "stale\n").unwrap();
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "deepseek",
        "--skip-bad",
        "--rejects",
        arg(&out),
        arg(&a),
        arg(&b),
    ]);
    let rows = rejects(&out);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["file"], arg(&a));
    assert_eq!(rows[1]["file"], arg(&b));
    assert_eq!(rows[1]["row"], "zzz,坏");
    let store = Store::open(&sb.db()).unwrap();
    assert_eq!(store.members("deepseek").unwrap().len(), 2);

    for kind in [
        "bars", "index", "docs", "segments", "shares", "members", "listings", "names", "codes",
        "st",
    ] {
        let help = sb.ok(&["import", kind, "--help"]);
        assert!(
            help.contains("--skip-bad") && help.contains("--rejects"),
            "{kind}: {help}"
        );
    }
}

#[test]
fn the_real_qa_corpus_imports_with_its_one_dateless_record_set_aside() {
    let Some(file) = shared_data("real-qa/qa.jsonl") else {
        return;
    };
    let sb = Sandbox::new();
    let rejects_path = sb.path("qa.rejects.jsonl");
    let line = sb.ok(&[
        "--lang",
        "en",
        "import",
        "docs",
        "--skip-bad",
        "--rejects",
        arg(&rejects_path),
        arg(&file),
    ]);
    assert!(
        line.contains("2282 documents read, 2282 added") && line.contains("1 rejected"),
        "{line}"
    );
    let rows = rejects(&rejects_path);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["line"], 2205);
    assert!(rows[0]["row"].as_str().unwrap().contains("603629.SH"));
    assert!(rows[0]["reason"].as_str().unwrap().contains("no date"));
}
