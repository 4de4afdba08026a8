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
