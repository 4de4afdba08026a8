//! CSV and Parquet from one column schema: `signals`, `scan`, `ladder` and `evidence` write
//! both, and pandas and polars read every Parquet file back cell for cell equal to its CSV
//! (`tests/scripts/parquet_check.py`). Without python3 + pandas + polars + pyarrow the
//! read-back is skipped with a notice, and fails under `HYPECHECK_REQUIRE_SHARED=1`.

use std::process::Command;

use crate::util::{arg, root, Sandbox};

/// Whether python3 has pandas, pyarrow and polars.
fn python_with_parquet() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pandas, pyarrow, polars"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("HYPECHECK_REQUIRE_SHARED").as_deref() != Ok("1"),
            "python3 with pandas, pyarrow and polars is missing and HYPECHECK_REQUIRE_SHARED=1 \
             (pip install pandas pyarrow polars)"
        );
        eprintln!(
            "skipped: python3 with pandas, pyarrow and polars is absent; Parquet not read back"
        );
    }
    ok
}

/// Writes `args` once with `--format csv` and once with `--format parquet`; returns both
/// paths.
fn both(sb: &Sandbox, name: &str, args: &[&str]) -> (std::path::PathBuf, std::path::PathBuf) {
    let csv = sb.path(&format!("{name}.csv"));
    let pq = sb.path(&format!("{name}.parquet"));
    for (format, out) in [("csv", &csv), ("parquet", &pq)] {
        let mut a = args.to_vec();
        a.extend(["--format", format, "--out", arg(out)]);
        sb.ok(&a);
    }
    let bytes = std::fs::read(&pq).unwrap();
    assert!(
        bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
        "{name}: not a Parquet file"
    );
    (csv, pq)
}

#[test]
fn parquet_reads_back_like_the_csv() {
    let sb = Sandbox::with_scan_data();
    let bars = root().join("demo/bars.csv");
    let index = root().join("demo/index.csv");
    let signals = both(
        &sb,
        "signals",
        &["signals", arg(&bars), "--index", arg(&index)],
    );
    let scan = both(
        &sb,
        "scan",
        &["scan", "--theme", "deepseek", "--asof", "2025-04-18"],
    );
    let ladder = both(&sb, "ladder", &["ladder", "--date", "2025-04-16"]);
    let evidence = both(
        &sb,
        "evidence",
        &["evidence", "--theme", "deepseek", "--all"],
    );

    // signals gains amount, ret_d30, abnormal and, with an index, the excess columns; the
    // demo's hot stock has an abnormal day and every stock an excess return.
    let text = std::fs::read_to_string(&signals.0).unwrap();
    let head: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    for name in ["amount", "ret_d30", "abnormal", "excess_d5", "excess_d30"] {
        assert!(head.contains(&name), "{name} missing from {head:?}");
    }
    let col = |name: &str| head.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert!(rows.iter().any(|r| r[col("abnormal")] == "1"), "{text}");
    assert!(rows.iter().any(|r| !r[col("excess_d30")].is_empty()));
    assert!(rows.iter().all(|r| !r[col("amount")].is_empty()));

    if !python_with_parquet() {
        return;
    }
    let script = root().join("tests/scripts/parquet_check.py");
    let mut c = Command::new("python3");
    c.arg(&script);
    for (csv, pq) in [&signals, &scan, &ladder, &evidence] {
        c.arg(csv).arg(pq);
    }
    let out = c.output().expect("run python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = v["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 4);
    for t in tables {
        assert!(t["rows"].as_u64().unwrap() > 0, "{t}");
    }
    // The types a reader sees are the schema's.
    let types = &tables[0]["types"];
    assert_eq!(types["date"], "date");
    assert_eq!(types["close_fen"], "int");
    assert_eq!(types["limit_up"], "bool");
    assert_eq!(types["ret5"], "float");
    assert_eq!(tables[1]["types"]["name"], "text");
}

/// Parquet is refused on a terminal only; `--format parquet` is refused where it does not
/// fit, and `--json` stays an alias of `--format json`.
#[test]
fn formats_fit_their_command() {
    let sb = Sandbox::with_scan_data();
    let run = sb.run(&["ladder", "--date", "2025-04-16", "--format", "html"]);
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("table、json、csv、parquet"), "{err}");
    let a = sb.ok(&["ladder", "--date", "2025-04-16", "--json"]);
    let b = sb.ok(&["ladder", "--date", "2025-04-16", "--format", "json"]);
    assert_eq!(a, b);
    let run = sb.run(&["ladder", "--json", "--format", "csv"]);
    assert_eq!(run.status.code(), Some(2));
    // Piped (not a terminal): the bytes come out.
    let run = sb.run(&["ladder", "--date", "2025-04-16", "--format", "parquet"]);
    assert!(run.status.success());
    assert!(run.stdout.starts_with(b"PAR1"));
}
