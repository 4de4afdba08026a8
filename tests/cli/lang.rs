//! One language per run: in a Chinese run (the default) the summary and every detail line
//! of an error (file, line, column, value, what to do) are Chinese; `--lang en` is English
//! throughout.

use crate::util::{arg, fixture, Sandbox};

fn stderr_of(sb: &Sandbox, args: &[&str]) -> String {
    let out = sb.run(args);
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn errors_speak_the_language_of_the_run_in_every_detail() {
    let sb = Sandbox::new();
    let unknown = sb.path("unknown.csv");
    std::fs::write(&unknown, "foo,bar\n1,2\n").unwrap();
    let empty = sb.path("empty.csv");
    std::fs::write(&empty, "").unwrap();

    let err = stderr_of(&sb, &["import", "bars", arg(&unknown)]);
    assert!(
        err.contains("unknown.csv：无法识别的表头 'foo,bar'"),
        "{err}"
    );
    assert!(
        !err.contains("unknown header") && !err.contains("expected"),
        "{err}"
    );
    let err = stderr_of(&sb, &["import", "bars", arg(&empty)]);
    assert!(err.contains("empty.csv：文件是空的"), "{err}");
    let err = stderr_of(&sb, &["classify", "--theme", "nosuch"]);
    assert!(err.contains("题材 `nosuch` 既不是内置题材 id"), "{err}");
    assert!(!err.contains("neither"), "{err}");

    // Bad rows: the summary and each detail line.
    let bad = fixture("segments/bad_rows.csv");
    let err = stderr_of(&sb, &["import", "segments", arg(&bad)]);
    assert!(err.contains("2 行有误，整个文件未导入"), "{err}");
    assert!(
        err.contains("bad_rows.csv 第 3 行，revenue 列：'about 240m' 不是数字；"),
        "{err}"
    );
    assert!(
        err.contains("第 4 行，kind 列：'by-product' 不是构成分类；请写 industry"),
        "{err}"
    );
    assert!(!err.contains(" line ") && !err.contains("column"), "{err}");

    // English throughout with --lang en.
    let err = stderr_of(&sb, &["--lang", "en", "import", "segments", arg(&bad)]);
    assert!(
        err.contains("bad_rows.csv line 3, column revenue: 'about 240m' is not a number"),
        "{err}"
    );
    let err = stderr_of(&sb, &["--lang", "en", "import", "bars", arg(&empty)]);
    assert!(err.contains("the file is empty"), "{err}");
}

/// The detail of a bad row is Chinese in a Chinese run whatever the reader found (a
/// weekend date, volume in 手, an adjusted price, a JSON line cut short, a wrong type), and
/// English with `--lang en`.
#[test]
fn bad_row_details_are_chinese_for_bars_and_documents() {
    let sb = Sandbox::new();
    let bars = sb.path("bars.csv");
    std::fs::write(
        &bars,
        "code,date,open,high,low,close,volume,amount\n\
         002881,2025-02-05,44.26,44.26,44.26,44.26,1000,4426000\n\
         002881,2025-02-08,44.26,44.26,44.26,44.26,100000,4426000\n\
         002881,2025-02-10,44.26,44.26,44.26,44.261,100000,4426000\n",
    )
    .unwrap();
    let err = stderr_of(&sb, &["import", "bars", arg(&bars)]);
    for want in [
        "bars.csv 第 2 行，volume 列：'1000' 与成交额 4426000 元算出的均价为 4426.00 元",
        "成交量像是以手（每手 100 股）计；请以股为单位给出成交量",
        "bars.csv 第 3 行，date 列：'2025-02-08' 是星期六；交易所周末不交易；请修正日期或删除该行",
        "bars.csv 第 4 行，close 列：'44.261' 多于两位小数",
        "请导入不复权价格",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert!(!err.contains(" the ") && !err.contains("yuan"), "{err}");
    let err = stderr_of(&sb, &["--lang", "en", "import", "bars", arg(&bars)]);
    assert!(
        err.contains("bars.csv line 3, column date: '2025-02-08' is a Saturday"),
        "{err}"
    );
    assert!(err.contains("the volume looks like 手"), "{err}");
    assert!(!err.contains("第 "), "{err}");

    let docs = sb.path("docs.jsonl");
    std::fs::write(
        &docs,
        "{\"code\":\"002881\",\"date\":\"2025-02-07\",\"kind\":\"news\",\"text\":\"涨停\"}\n\
         [1,2]\n\
         {\"code\": \"002881\", \"date\":\n\
         {\"code\":\"002881\",\"date\":\"2025-02-07\",\"kind\":\"news\",\"text\":5}\n\
         {\"code\":\"002881\",\"kind\":\"news\",\"text\":\"缺日期\"}\n",
    )
    .unwrap();
    let err = stderr_of(&sb, &["import", "docs", arg(&docs)]);
    for want in [
        "docs.jsonl 第 2 行：不是 JSON 对象（是数组）；每行写一个 JSON 文档",
        "docs.jsonl 第 3 行：不是 JSON 对象（第 26 列：值没写完行就结束了）",
        "docs.jsonl 第 4 行，text 列：'5' 是数字，不是文本；请把该字段写成 JSON 字符串",
        "docs.jsonl 第 5 行：缺少日期；请加上日期（如 2025-02-07），或给出 --date",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert!(!err.contains("EOF") && !err.contains(" a "), "{err}");
    let err = stderr_of(&sb, &["--lang", "en", "import", "docs", arg(&docs)]);
    for want in [
        "docs.jsonl line 2: not a JSON object (found an array)",
        "docs.jsonl line 3: not a JSON object (EOF while parsing a value at column 26)",
        "docs.jsonl line 5: no date; add a date such as 2025-02-07, or pass --date",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
}

/// A mistyped command line is a usage error (exit 2), said in the run's language: the
/// flag, the value and what is accepted in Chinese by default, clap's English with
/// `--lang en`.
#[test]
fn usage_errors_speak_the_language_of_the_run() {
    let sb = Sandbox::new();
    let zh = sb.run(&["scan", "--theme", "deepseek", "--asof", "2025-02-30"]);
    assert_eq!(zh.status.code(), Some(2));
    let text = String::from_utf8_lossy(&zh.stderr);
    assert!(
        text.contains("错误：参数 --asof <ASOF> 的值 '2025-02-30' 无效：不是日期"),
        "{text}"
    );
    assert!(
        !text.contains("error:") && !text.contains("is not a date"),
        "{text}"
    );
    let en = sb.run(&["--lang", "en", "scan", "--theme", "deepseek", "--bogus"]);
    assert_eq!(en.status.code(), Some(2));
    let text = String::from_utf8_lossy(&en.stderr);
    assert!(text.contains("unexpected argument '--bogus'"), "{text}");
    // --help is not an error and still exits 0.
    let help = sb.run(&["scan", "--help"]);
    assert_eq!(help.status.code(), Some(0));
}
