//! Format tests over the fixtures in `tests/fixtures` (see its README).

use std::path::PathBuf;

use super::*;
use crate::ingest::{Encoding, Format, IndexReader};
use crate::model::{Date, Exchange};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// A row as owned values: symbol, name, bar.
type Owned = (String, Option<String>, Bar);

/// Reads a whole file, or returns the first error.
fn read_all(name: &str) -> Result<(BarReader, Vec<Owned>), Error> {
    let mut r = BarReader::open(&fixture(name))?;
    let mut out = Vec::new();
    while let Some(row) = r.next_row()? {
        out.push((
            row.symbol.to_string(),
            row.name.map(str::to_string),
            row.bar,
        ));
    }
    Ok((r, out))
}

/// 美格智能 on 2025-02-07 as every vendor file of it must read.
fn meige_0207() -> Bar {
    Bar {
        date: day("2025-02-07"),
        open: 5356,
        high: 5356,
        low: 5356,
        close: 5356,
        prev_close: Some(4869),
        volume: Some(525_100),
        amount: Some(28_122_749.0),
        turnover: Some(0.0025),
        st: None,
    }
}

#[test]
fn akshare_units_and_prev_close_from_change() {
    let (r, rows) = read_all("akshare_002881.csv").unwrap();
    assert_eq!(r.format(), Format::AkShare);
    assert_eq!(r.encoding(), Encoding::Utf8);
    assert!(r.has_prev_close());
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[2].0, "002881.SZ");
    assert_eq!(rows[2].2, meige_0207());
}

#[test]
fn gbk_with_crlf_reads_like_utf8() {
    let (r, rows) = read_all("akshare_002881_gbk.csv").unwrap();
    assert_eq!(r.encoding(), Encoding::Gb18030);
    let (_, utf8) = read_all("akshare_002881.csv").unwrap();
    assert_eq!(rows, utf8);
}

#[test]
fn tushare_units() {
    let (r, rows) = read_all("tushare_002881.csv").unwrap();
    assert_eq!(r.format(), Format::Tushare);
    let bar = &rows[2].2;
    assert_eq!(bar.date, day("2025-02-07"));
    assert_eq!(bar.volume, Some(525_100));
    assert_eq!(bar.amount, Some(28_122_749.0));
    assert_eq!(bar.prev_close, Some(4869));
    assert_eq!(bar.turnover, None);
}

#[test]
fn baostock_skips_suspended_rows_and_reads_st() {
    let (r, rows) = read_all("baostock_daily.csv").unwrap();
    assert_eq!(r.format(), Format::Baostock);
    assert_eq!(r.stats().suspended, 1);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].2.turnover, Some(0.0025));
    assert_eq!(rows[0].2.st, Some(false));
    assert_eq!(rows[2].0, "600070.SH");
    assert_eq!(rows[2].2.st, Some(true));
    assert_eq!(rows[2].2.close, 40);
}

#[test]
fn baostock_adjusted_is_refused() {
    let mut r = BarReader::open(&fixture("baostock_adjustflag2.csv")).unwrap();
    assert!(r.next_row().unwrap().is_some());
    let e = r.next_row().unwrap_err();
    assert!(e.is_row_error());
    let msg = e.to_string();
    assert!(msg.contains("line 3, column adjustflag: '2'"), "{msg}");
    assert!(msg.contains("前复权"), "{msg}");
}

#[test]
fn generic_any_order_with_names_and_st() {
    let (r, rows) = read_all("generic_mixed.csv").unwrap();
    assert_eq!(r.format(), Format::Generic);
    assert!(!r.has_prev_close());
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[0].1.as_deref(), Some("美格智能"));
    assert_eq!(rows[0].2.st, Some(false));
    assert_eq!(rows[0].2.turnover, Some(0.0025));
    assert_eq!(
        (rows[3].0.as_str(), rows[3].2.st),
        ("600070.SH", Some(true))
    );
    assert_eq!(rows[4].0, "920493.BJ");
    assert_eq!(rows[4].2.close, 14007);
    assert_eq!(rows[4].2.low, 12902);
}

#[test]
fn bom_and_gzip_read_like_plain() {
    let (_, plain) = read_all("generic_mixed.csv").unwrap();
    let (r, bom) = read_all("generic_mixed_bom.csv").unwrap();
    assert_eq!(r.encoding(), Encoding::Utf8Bom);
    assert_eq!(bom, plain);
    let (r, gz) = read_all("generic_mixed.csv.gz").unwrap();
    assert!(r.is_gzip());
    assert_eq!(gz, plain);
}

#[test]
fn sub_fen_prices_are_refused_as_adjusted() {
    let e = read_all("adjusted_prices.csv").err().unwrap();
    assert!(e.to_string().starts_with(&format!(
        "{} line 3, column open: '10.385' has more than two decimals",
        fixture("adjusted_prices.csv").display()
    )));
}

#[test]
fn bad_rows_are_reported_one_by_one_and_reading_goes_on() {
    let mut r = BarReader::open(&fixture("bad_rows.csv")).unwrap();
    let file = fixture("bad_rows.csv").display().to_string();
    let mut got = Vec::new();
    loop {
        match r.next_row() {
            Ok(Some(row)) => got.push(format!("ok {}", row.line)),
            Ok(None) => break,
            Err(e) => {
                assert!(e.is_row_error());
                got.push(e.to_string().replace(&file, "F"));
            }
        }
    }
    assert_eq!(
        got,
        [
            "ok 2",
            "F line 3, column close: '12.3x' is not a price; fix the value or remove the row",
            "F line 4: high 53.00 is below low 53.56; fix the row or remove it",
            "F line 5, column prev_close: '-1' is not a positive price; fix the value or remove the row",
            "ok 6",
        ]
    );
}

#[test]
fn duplicates_repeat_skipped_conflict_refused() {
    let mut r = BarReader::open(&fixture("duplicate_rows.csv")).unwrap();
    assert!(r.next_row().unwrap().is_some());
    assert!(r.next_row().unwrap().is_some());
    let e = r.next_row().unwrap_err();
    assert!(
        e.to_string()
            .ends_with("line 5: 002881.SZ 2025-02-06 already appeared on line 3 with different values; keep one of the two rows"),
        "{e}"
    );
    assert!(r.next_row().unwrap().is_none());
    assert_eq!(r.stats().repeated, 1);
}

#[test]
fn unknown_header_is_refused() {
    let e = read_all("unknown_header.csv").err().unwrap();
    assert!(matches!(e, Error::UnknownHeader { .. }), "{e}");
    assert!(e.to_string().contains("unknown header 'foo,bar,baz'"));
}

#[test]
fn missing_file_names_the_file() {
    let e = read_all("no_such_file.csv").err().unwrap();
    assert!(e.to_string().starts_with("cannot read "), "{e}");
    assert!(e.to_string().contains("no_such_file.csv"), "{e}");
}

#[test]
fn index_needs_a_code_and_skips_empty_rows() {
    let path = fixture("index_no_code.csv");
    assert!(matches!(
        IndexReader::open(&path, None),
        Err(Error::NoCode { .. })
    ));
    let code = Symbol::new(Exchange::Sh, "000001").unwrap();
    let mut r = IndexReader::open(&path, Some(code)).unwrap();
    let mut rows = Vec::new();
    while let Some(row) = r.next_row().unwrap() {
        rows.push(row);
    }
    assert_eq!(rows.len(), 2);
    assert_eq!(r.skipped(), 1);
    assert_eq!(rows[0].symbol, code);
    assert_eq!(rows[0].bar.close, 3229.489);
    assert_eq!(rows[1].bar.high, 3271.42);
}

#[test]
fn st_names() {
    for n in [
        "ST联合",
        "*ST富润",
        "S*ST前锋",
        "SST天海",
        "＊ST中天",
        " *ST 中天",
    ] {
        assert!(is_st_name(n), "{n}");
    }
    for n in ["平安银行", "STAR", "深科技", "华森制药"] {
        assert!(!is_st_name(n) || n == "STAR", "{n}");
    }
}

#[test]
fn adjusted_file_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("600000_qfq.csv");
    std::fs::copy(fixture("generic_mixed.csv"), &path).unwrap();
    let e = BarReader::open(&path).err().unwrap();
    assert!(
        e.to_string().contains("the file name mentions 'qfq'"),
        "{e}"
    );
}

#[test]
fn a_stream_reads_like_the_file() {
    for name in [
        "generic_mixed.csv.gz",
        "akshare_002881_gbk.csv",
        "generic_mixed_bom.csv",
    ] {
        let (from_file, want) = read_all(name).unwrap();
        let bytes = std::fs::read(fixture(name)).unwrap();
        let mut r = BarReader::from_reader(name, std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(
            (r.format(), r.encoding(), r.is_gzip()),
            (
                from_file.format(),
                from_file.encoding(),
                from_file.is_gzip()
            ),
            "{name}"
        );
        let mut got = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            got.push(row.bar);
        }
        let want: Vec<Bar> = want.into_iter().map(|(_, _, b)| b).collect();
        assert!(!want.is_empty(), "{name}");
        assert_eq!(got, want, "{name}");
    }
    let refused = BarReader::from_reader("600000_qfq.csv", &b"code,date,open,high,low,close\n"[..]);
    assert!(matches!(refused, Err(Error::Adjusted { .. })));
}
