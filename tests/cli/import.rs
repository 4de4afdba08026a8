//! `hypecheck import bars|index`: idempotent imports, atomic refusal of bad files, real data.

use hypecheck::store::Store;

use crate::util::{arg, fixture, shared_data, Sandbox};

/// (securities, bars, index bars) in the sandbox store.
fn counts(sb: &Sandbox) -> (u64, u64, u64) {
    Store::open(&sb.db()).unwrap().counts().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn importing_twice_adds_nothing_the_second_time() {
    let sb = Sandbox::new();
    let f = fixture("akshare_002881.csv");
    let first = sb.ok(&["import", "bars", arg(&f)]);
    assert!(
        first.contains("（AkShare）：读取 4 行，新增 4，更新 0，未变 0，拒绝 0"),
        "{first}"
    );
    let second = sb.ok(&["--lang", "en", "import", "bars", arg(&f)]);
    assert!(
        second.contains("(AkShare): 4 rows read, 0 added, 0 updated, 4 unchanged, 0 rejected"),
        "{second}"
    );
    assert_eq!(counts(&sb), (1, 4, 0));
}

#[test]
fn every_vendor_format_of_the_same_days_agrees() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&fixture("akshare_002881.csv"))]);
    // The GBK copy is byte-for-byte the same data: nothing changes.
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "bars",
        arg(&fixture("akshare_002881_gbk.csv")),
    ]);
    assert!(out.contains("0 added, 0 updated, 4 unchanged"), "{out}");
    // Tushare has no turnover; a missing column keeps the stored value.
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "bars",
        arg(&fixture("tushare_002881.csv")),
    ]);
    assert!(out.contains("0 added, 0 updated, 4 unchanged"), "{out}");
}

#[test]
fn a_bad_file_is_refused_whole_and_the_store_is_unchanged() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&fixture("generic_mixed.csv"))]);
    let before = counts(&sb);
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "bars",
        arg(&fixture("bad_rows.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("hypecheck: "), "{err}");
    assert!(
        err.contains("3 bad rows; nothing from this file was stored"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 3, column close: '12.3x' is not a price; fix the value or remove the row"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 4: high 53.00 is below low 53.56"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(counts(&sb), before);
    // 002881's good rows 2025-02-05 and 2025-02-11 were not stored either.
    let store = Store::open(&sb.db()).unwrap();
    let sym = hypecheck::model::Symbol::parse_stock("002881").unwrap();
    assert_eq!(store.bars(sym, ..).unwrap().len(), 2);
}

#[test]
fn other_files_of_the_run_are_still_imported() {
    let sb = Sandbox::new();
    let out = sb.run(&[
        "import",
        "bars",
        arg(&fixture("duplicate_rows.csv")),
        arg(&fixture("baostock_daily.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("第 5 行：002881.SZ 2025-02-06 已在第 3 行出现且数值不同"),
        "{err}"
    );
    assert!(err.contains("2 个文件中有 1 个被拒绝导入"), "{err}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("新增 3，更新 0，未变 0，拒绝 0，跳过停牌 1"),
        "{stdout}"
    );
    assert_eq!(counts(&sb), (2, 3, 0));
}

#[test]
fn adjusted_and_unknown_files_are_refused() {
    let sb = Sandbox::new();
    for (file, needle) in [
        (
            "baostock_adjustflag2.csv",
            "column adjustflag: '2' means forward-adjusted (前复权)",
        ),
        (
            "adjusted_prices.csv",
            "line 3, column open: '10.385' has more than two decimals",
        ),
        ("unknown_header.csv", "unknown header 'foo,bar,baz'"),
    ] {
        let out = sb.run(&["--lang", "en", "import", "bars", arg(&fixture(file))]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(stderr(&out).contains(needle), "{file}: {}", stderr(&out));
    }
    assert_eq!(counts(&sb), (0, 0, 0));
}

#[test]
fn the_prev_close_notice_is_given_once() {
    let sb = Sandbox::new();
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "bars",
        arg(&fixture("generic_mixed.csv")),
        arg(&fixture("generic_mixed.csv.gz")),
        arg(&fixture("generic_mixed_bom.csv")),
    ]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(
        err.matches("ex-rights days may be misjudged").count(),
        1,
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.matches("0 added, 0 updated, 5 unchanged").count(),
        2,
        "{stdout}"
    );
}

#[test]
fn index_files_need_a_code_when_they_have_none() {
    let sb = Sandbox::new();
    let f = fixture("index_no_code.csv");
    let out = sb.run(&["import", "index", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("请给出指数代码，如 --code 000001.SH"));
    let out = sb.run(&["--lang", "en", "import", "index", arg(&f)]);
    assert!(stderr(&out).contains("pass the index code, e.g. --code 000001.SH"));
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "index",
        "--code",
        "sh000001",
        arg(&f),
    ]);
    assert!(
        out.contains("(generic 000001.SH): 3 rows read, 2 added, 0 updated, 0 unchanged, 0 rejected, 1 rows without prices skipped"),
        "{out}"
    );
    assert_eq!(counts(&sb), (0, 0, 2));
}

#[test]
fn real_theme_stocks_bse_and_indices() {
    let (Some(target), Some(bse), Some(sh), Some(cyb)) = (
        shared_data("suiwenfeng-stock/target_stocks_2024-11_2025-03.csv"),
        shared_data("overwatch-mercy-stock-data/920493_bingxing_2024-12_2025-03.csv"),
        shared_data("hriszc-zechenhehuo/sh000001_index_daily.csv.gz"),
        shared_data("liuzesensengsheng-gupiao/399006.SZ_chinext_index_daily.csv"),
    ) else {
        return;
    };
    let sb = Sandbox::new();
    let out = sb.ok(&["--lang", "en", "import", "bars", arg(&target), arg(&bse)]);
    assert!(out.contains("588 rows read, 588 added"), "{out}");
    assert!(out.contains("79 rows read, 79 added"), "{out}");
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "index",
        "--code",
        "000001.SH",
        arg(&sh),
    ]);
    assert!(out.contains("8694 rows read, 8694 added"), "{out}");
    let out = sb.ok(&["--lang", "en", "import", "index", arg(&cyb)]);
    assert!(
        out.contains("(generic 399006.SZ): 1989 rows read, 1989 added"),
        "{out}"
    );

    let store = Store::open(&sb.db()).unwrap();
    let d = |s: &str| -> hypecheck::model::Date { s.parse().unwrap() };
    let meige = hypecheck::model::Symbol::parse_stock("002881").unwrap();
    let bars = store
        .bars(meige, d("2025-02-07")..=d("2025-02-07"))
        .unwrap();
    assert_eq!((bars[0].close, bars[0].prev_close), (5356, Some(4869)));
    let bx = hypecheck::model::Symbol::parse_stock("920493").unwrap();
    let bars = store.bars(bx, d("2025-02-07")..=d("2025-02-07")).unwrap();
    assert_eq!((bars[0].open, bars[0].close), (11300, 14007));
    assert_eq!(bars[0].volume, Some(10_115_700));
    // turnover_pct 31.19 (percent) is stored as a fraction.
    assert!((bars[0].turnover.unwrap() - 0.3119).abs() < 1e-12);
    assert_eq!(
        store.security(bx).unwrap().unwrap().name.as_deref(),
        Some("并行科技")
    );
    assert_eq!(store.latest_date().unwrap(), Some(d("2025-03-31")));
    let szzs = hypecheck::model::Symbol::parse_index("000001.SH").unwrap();
    assert_eq!(store.index_bars(szzs, ..).unwrap().len(), 8694);
}

/// Tests of tens of seconds each, left out of the fast tier (`cargo test-fast`).
mod slow {
    use super::*;

    #[test]
    fn whole_market_file() {
        let Some(all) = shared_data("suiwenfeng-stock/daily_bars_long.csv.gz") else {
            return;
        };
        let sb = Sandbox::new();
        let out = sb.ok(&["--lang", "en", "import", "bars", arg(&all)]);
        assert!(
            out.contains("2780618 rows read, 2729044 added, 0 updated, 0 unchanged, 0 rejected, 105 suspended skipped, 51469 B-share rows skipped"),
            "{out}"
        );
        let (securities, bars, _) = counts(&sb);
        assert_eq!(bars, 2_729_044);
        // 5,240 codes in the file less the 43 SSE and 39 SZSE B shares.
        assert_eq!(securities, 5_240 - 43 - 39);
        let store = Store::open(&sb.db()).unwrap();
        let hg = hypecheck::model::Symbol::parse_stock("600126").unwrap();
        let d: hypecheck::model::Date = "2025-02-17".parse().unwrap();
        assert_eq!(store.bars(hg, d..=d).unwrap()[0].close, 1225);
        drop(store);

        // The 连板天梯 of 2025-02-07 over the whole market: the DeepSeek stocks stand where the
        // data README's streaks put them that day, highest streak first.
        let ladder: serde_json::Value =
            serde_json::from_str(&sb.ok(&["ladder", "--date", "2025-02-07", "--json"])).unwrap();
        let stocks = ladder["stocks"].as_array().unwrap();
        let streak = |code: &str| {
            stocks
                .iter()
                .find(|e| e["code"] == code)
                .map(|e| e["streak"].as_u64().unwrap())
        };
        assert_eq!(streak("002881.SZ"), Some(5), "美格智能");
        assert_eq!(streak("000818.SZ"), Some(4), "航锦科技");
        assert_eq!(streak("600126.SH"), Some(3), "杭钢股份");
        assert_eq!(streak("688316.SH"), Some(3), "青云科技");
        assert_eq!(streak("688158.SH"), Some(3), "优刻得");
        assert_eq!(streak("300588.SZ"), None, "熙菱信息 did not close limit-up");
        let streaks: Vec<u64> = stocks
            .iter()
            .map(|e| e["streak"].as_u64().unwrap())
            .collect();
        assert!(streaks.windows(2).all(|w| w[0] >= w[1]), "{streaks:?}");
        assert!(streaks.iter().all(|&s| s >= 1));
        assert_eq!(
            ladder["summary"]["limit_up"].as_u64(),
            Some(stocks.len() as u64)
        );
        assert_eq!(ladder["summary"]["highest"].as_u64(), Some(streaks[0]));
        assert!(ladder["summary"]["traded"].as_u64().unwrap() > 5000);

        // One rule path: `stock` and `signals` agree on every (code, date) of the file's A
        // shares: 2,780,618 rows less 51,469 B-share rows, 816 rows of SZSE preferred shares
        // (140xxx) and 105 suspended rows.
        let compared = crate::market::stock_agrees_with_signals(&sb.db(), &all);
        assert_eq!(compared, 2_728_228);

        // Where nothing decides a name's ST mark, signals leaves the status (and the limit)
        // empty: 1,211 bars of 133 stocks; every B-share row is named, never computed.
        let signals = sb.path("signals.csv");
        let run = sb.run(&["--lang", "en", "signals", arg(&all), "--out", arg(&signals)]);
        assert!(run.status.success());
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("51469 B-share rows not computed"), "{err}");
        let text = std::fs::read_to_string(&signals).unwrap();
        // The st column (the 15th) is empty where the status is unknown.
        let unknown: Vec<&str> = text
            .lines()
            .filter(|l| l.split(',').nth(14) == Some(""))
            .collect();
        let undecided: std::collections::HashSet<&str> = unknown.iter().map(|l| &l[..9]).collect();
        assert_eq!((unknown.len(), undecided.len()), (1211, 133));
        assert!(unknown.iter().all(|l| l.split(',').nth(4) == Some("")));

        // The ladder of 2025-02-07 equals an independent script's (pandas, decimal
        // rounding; tests/scripts/ladder_check.py) under the ST regime the tool inferred.
        if crate::fetch_py::python_with_pandas() {
            let script = crate::util::root().join("tests/scripts/ladder_check.py");
            let out = std::process::Command::new("python3")
                .args([arg(&script), arg(&all), arg(&signals), "2025-02-07"])
                .output()
                .expect("run python3");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let want: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let mut theirs: Vec<(String, u64)> = want["stocks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e[0].as_str().unwrap().to_string(), e[1].as_u64().unwrap()))
                .collect();
            let mut ours: Vec<(String, u64)> = stocks
                .iter()
                .map(|e| {
                    let code = e["code"].as_str().unwrap();
                    (code[..6].to_string(), e["streak"].as_u64().unwrap())
                })
                .collect();
            theirs.sort();
            ours.sort();
            assert_eq!(ours, theirs);
            assert_eq!(ours.len(), 88, "limit-up closes on 2025-02-07");
            for key in ["traded", "limit_up", "limit_down", "blown", "st_unknown"] {
                assert_eq!(ladder["summary"][key], want[key], "{key}");
            }
        }
        // 001395 listed on 2025-01-27 (the SZSE data begins 2024-07-19): 2025-02-07, its fourth
        // trading day, is an IPO
        // day without a limit, not a 10% day with a close above its 涨停价.
        let v: serde_json::Value =
            serde_json::from_str(&sb.ok(&["stock", "001395", "--asof", "2025-02-07", "--json"]))
                .unwrap();
        assert_eq!(v["limit_pct"], serde_json::Value::Null, "{v}");
        assert_eq!(v["limit_up_price"], serde_json::Value::Null, "{v}");
        assert_eq!(v["limit_up"], false, "{v}");
    }
}
