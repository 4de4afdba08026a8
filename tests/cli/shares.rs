//! `hypecheck import shares`: share counts (股本) from the generic, Tushare and AkShare
//! shapes, stored in shares and read back as of a date.

use hypecheck::model::{Date, ShareCount, Symbol};
use hypecheck::store::Store;

use crate::util::{arg, fixture, Sandbox};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn shares(sb: &Sandbox, code: &str) -> Vec<ShareCount> {
    let store = Store::open(&sb.db()).unwrap();
    store.shares(Symbol::parse_stock(code).unwrap()).unwrap()
}

#[test]
fn every_shape_stores_shares_and_a_reimport_changes_nothing() {
    let sb = Sandbox::new();
    let generic = fixture("shares/generic.csv");
    let out = sb.ok(&["import", "shares", arg(&generic)]);
    assert!(
        out.contains("（通用股本 002881.SZ 600126.SH）：读取 2 行，新增 2，更新 0，未变 0，拒绝 0"),
        "{out}"
    );
    let out = sb.ok(&["--lang", "en", "import", "shares", arg(&generic)]);
    assert!(
        out.contains("2 rows read, 0 added, 0 updated, 2 unchanged, 0 rejected"),
        "{out}"
    );
    // Tushare daily_basic counts in 万股; the stored counts are shares.
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "shares",
        arg(&fixture("shares/tushare_daily_basic.csv")),
    ]);
    assert!(out.contains("(Tushare daily_basic 002881.SZ)"), "{out}");
    // AkShare stock_value_em has no code column: --code names the stock. Its rows are the
    // same days and counts as Tushare's, in shares: nothing changes.
    let value_em = fixture("shares/akshare_value_em.csv");
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "shares",
        arg(&value_em),
        "--code",
        "002881",
    ]);
    assert!(out.contains("0 added, 0 updated, 2 unchanged"), "{out}");
    let rows = shares(&sb, "002881");
    assert_eq!(rows.len(), 3, "{rows:?}");
    let feb7 = ShareCount::asof(&rows, d("2025-02-10")).unwrap();
    assert_eq!(feb7.date, d("2025-02-07"));
    assert_eq!(feb7.float_shares, Some(262_133_312));
    assert_eq!(feb7.total_shares, Some(266_483_651));
    assert_eq!(
        ShareCount::asof(&rows, d("2025-01-31")).unwrap().date,
        d("2025-01-02")
    );
}

#[test]
fn a_frame_without_code_asks_for_it_and_a_bad_row_is_named() {
    let sb = Sandbox::new();
    let out = sb.run(&[
        "import",
        "shares",
        arg(&fixture("shares/akshare_value_em.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--code"), "{err}");

    let bad = sb.path("bad.csv");
    std::fs::write(
        &bad,
        "code,date,float_shares,total_shares\n\
         002881,2025-02-07,262133312,266483651\n\
         002881,2025-02-10,26213.3312,26648.3651\n",
    )
    .unwrap();
    let out = sb.run(&["--lang", "en", "import", "shares", arg(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3, column float_shares: '26213.3312'") && err.contains("万股"),
        "{err}"
    );
    assert!(shares(&sb, "002881").is_empty(), "refused whole");
}
