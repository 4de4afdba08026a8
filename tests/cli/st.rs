//! `hypecheck import st`: a dated ST list overrides a name column that is a later snapshot,
//! so the limit percentage of each day follows the list (docs/market-rules.md §1, §2.1).

use std::io::Write;

use hypecheck::model::Symbol;
use hypecheck::store::Store;
use serde_json::Value;

use crate::util::{arg, fixture, Sandbox};

fn st(name: &str) -> std::path::PathBuf {
    fixture(&format!("st/{name}"))
}

/// `stock CODE --asof DATE --json` as (st, limit_pct, limit_up).
fn day(sb: &Sandbox, code: &str, date: &str) -> (bool, u64, bool) {
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", code, "--asof", date, "--json"])).unwrap();
    assert_eq!(v["bar_date"], date, "{code} has a bar on {date}");
    (
        v["st"].as_bool().unwrap(),
        v["limit_pct"].as_u64().unwrap(),
        v["limit_up"].as_bool().unwrap(),
    )
}

/// Every stored ST period (of the fixture's stocks) and the coverage, to compare stores.
fn snapshot(sb: &Sandbox) -> String {
    let store = Store::open(&sb.db()).unwrap();
    let mut out = format!("{:?}", store.st_coverage().unwrap());
    for code in ["600001", "600002", "000005"] {
        let sym = Symbol::parse_stock(code).unwrap();
        out += &format!("{:?}", store.st_periods(sym).unwrap());
    }
    out
}

#[test]
fn a_daily_list_overrides_a_later_name_snapshot() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&st("bars.csv"))]);
    // Without a list, the name column (*ST示例, a later snapshot) is a hypothesis: no price
    // refutes it, and none agrees before 2024-06-13 (11.03, the 5% limit-up of 10.50, where
    // 10% would give 11.55). Before that, nothing decides: ST状态未知, no limit asserted.
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600001", "--asof", "2024-06-05", "--json"]))
            .unwrap();
    assert_eq!(
        (
            &v["st"],
            &v["limit_pct"],
            &v["limit_up_price"],
            &v["limit_up"]
        ),
        (
            &Value::Null,
            &Value::Null,
            &Value::Null,
            &Value::from(false)
        ),
        "{v}"
    );
    let t = sb.ok(&["stock", "600001", "--asof", "2024-06-05"]);
    assert!(t.contains("ST状态未知") && t.contains("import st"), "{t}");
    let t = sb.ok(&["--lang", "en", "stock", "600001", "--asof", "2024-06-12"]);
    assert!(t.contains("ST status unknown"), "{t}");
    assert_eq!(day(&sb, "600001", "2024-06-13"), (true, 5, true));
    assert_eq!(day(&sb, "600001", "2024-06-17"), (true, 5, false));
    // signals says the same: an empty ST column and empty limits on the unknown days.
    let out = sb.path("signals.csv");
    let run = sb.run(&["signals", arg(&st("bars.csv")), "--out", arg(&out)]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("ST状态未知 3 行（1 只股票）"), "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    let row = |date: &str| {
        csv.lines()
            .find(|l| l.starts_with(&format!("600001.SH,{date},")))
            .unwrap()
            .to_string()
    };
    assert!(row("2024-06-05").starts_with("600001.SH,2024-06-05,1030,1020,,,,0,0,0,0,0,"));
    assert_eq!(
        row("2024-06-05").split(',').nth(14),
        Some(""),
        "the st column: {}",
        row("2024-06-05")
    );
    assert!(row("2024-06-13").starts_with("600001.SH,2024-06-13,1103,1050,5,1103,"));
    assert_eq!(
        row("2024-06-13").split(',').nth(14),
        Some("1"),
        "the st column: {}",
        row("2024-06-13")
    );

    let out = sb.ok(&["import", "st", arg(&st("stock_st_2024.csv"))]);
    assert!(
        out.contains(
            "（Tushare stock_st）：读取 12 行，2 只股票 2 个 ST 区间；仓库新增 2，移除 0，未变 0"
        ) && out.contains("覆盖 2024-06-03 至 2024-06-14"),
        "{out}"
    );
    // Covered and not listed: not ST, 10%.
    assert_eq!(day(&sb, "600001", "2024-06-05"), (false, 10, false));
    // Listed from 2024-06-12: ST, 5%, and 11.03 is the 5% limit-up of 10.50.
    assert_eq!(day(&sb, "600001", "2024-06-13"), (true, 5, true));
    // After the list's last day the name flag stands again: the list says ST on its last
    // day, the name says ST, and no price refutes it.
    assert_eq!(day(&sb, "600001", "2024-06-17"), (true, 5, false));
    // The 2026-07-06 switch still applies to ST days: 5% on Friday, 10% on Monday.
    assert_eq!(day(&sb, "600001", "2026-07-03"), (true, 5, true));
    assert_eq!(day(&sb, "600001", "2026-07-06"), (true, 10, true));
}

#[test]
fn generic_periods_add_st_days_and_the_switch_applies() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&st("bars.csv"))]);
    // 示例乙 has no ST name: 6.30 is not a limit-up at 10%.
    assert_eq!(day(&sb, "000005", "2026-07-03"), (false, 10, false));
    let out = sb.ok(&["--lang", "en", "import", "st", arg(&st("periods.csv"))]);
    assert!(
        out.contains("(ST periods): 2 rows read, 2 ST periods of 2 stocks; stored 2 added"),
        "{out}"
    );
    assert_eq!(day(&sb, "000005", "2026-07-03"), (true, 5, true));
    assert_eq!(day(&sb, "000005", "2026-07-06"), (true, 10, true));
}

#[test]
fn ladder_sees_the_list_through_bars_between() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&st("bars.csv"))]);
    let ladder = |date: &str| -> Vec<String> {
        let v: Value = serde_json::from_str(&sb.ok(&["ladder", "--date", date, "--json"])).unwrap();
        v["stocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_string())
            .collect()
    };
    // 000005 closed +5%: a limit-up only once the periods file says it was ST.
    assert_eq!(ladder("2026-07-03"), ["600001.SH"]);
    sb.ok(&["import", "st", arg(&st("periods.csv"))]);
    assert_eq!(ladder("2026-07-03"), ["600001.SH", "000005.SZ"]);
}

#[test]
fn a_bad_list_is_refused_whole_and_reimports_add_nothing() {
    let sb = Sandbox::new();
    sb.ok(&["import", "st", arg(&st("stock_st_2024.csv"))]);
    let before = snapshot(&sb);

    let out = sb.run(&["--lang", "en", "import", "st", arg(&st("stock_st_bad.csv"))]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("2 bad rows; nothing from this file was stored"),
        "{err}"
    );
    assert!(
        err.contains(
            "stock_st_bad.csv line 3, column trade_date: '2024061' is not a date; write dates \
             as YYYY-MM-DD or YYYYMMDD"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 4, column ts_code: '60000X.SH' is not a stock code"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(snapshot(&sb), before);

    // The same list again, gzip-compressed and in GBK: nothing changes.
    let text = std::fs::read_to_string(st("stock_st_2024.csv")).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gz = sb.path("stock_st_2024_gbk.csv.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::default(),
    );
    enc.write_all(&gbk).unwrap();
    enc.finish().unwrap();
    let out = sb.ok(&["--lang", "en", "import", "st", arg(&gz)]);
    assert!(
        out.contains("stored 0 added, 0 removed, 2 unchanged"),
        "{out}"
    );
    assert_eq!(snapshot(&sb), before);
}

#[test]
fn a_daily_list_of_one_stock_is_refused() {
    let sb = Sandbox::new();
    let one = sb.path("one.csv");
    std::fs::write(
        &one,
        "ts_code,name,trade_date,type,type_name\n600001.SH,ST示例,20240612,ST,风险警示\n",
    )
    .unwrap();
    let out = sb.run(&["import", "st", arg(&one)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("每日 ST 名单只有一只股票"), "{err}");
    assert_eq!(snapshot(&sb), "[][][][]");
}

#[test]
fn a_list_missing_a_trading_day_of_the_store_is_flagged() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&st("bars.csv"))]);
    let text = std::fs::read_to_string(st("stock_st_2024.csv")).unwrap();
    let gap = sb.path("gap.csv");
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("20240605")).collect();
    std::fs::write(&gap, kept.join("\n") + "\n").unwrap();
    let out = sb.run(&["--lang", "en", "import", "st", arg(&gap)]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lacks 1 trading day the store has (2024-06-05)"),
        "{err}"
    );
    // The complete list says nothing.
    let out = sb.run(&["import", "st", arg(&st("stock_st_2024.csv"))]);
    assert!(out.status.success() && out.stderr.is_empty());
}

/// A dated name history (`import names`) gives the ladder the name of its day instead of a
/// later one, and decides ST status where no ST list does; without it the ladder marks the
/// name it shows as the current one. The names and dates are made up for the test.
#[test]
fn dated_names_name_the_day_and_decide_st() {
    let sb = Sandbox::new();
    let bars = sb.path("bars.csv");
    std::fs::write(
        &bars,
        "code,name,date,open,high,low,close\n\
         600355,*ST示例,2025-02-06,3.38,3.38,3.38,3.38\n\
         600355,*ST示例,2025-02-07,3.40,3.72,3.40,3.72\n\
         600355,*ST示例,2025-02-10,3.70,3.70,3.60,3.65\n\
         600355,*ST示例,2025-05-06,3.60,3.65,3.50,3.60\n\
         600126,示例钢铁,2025-02-06,4.20,4.20,4.20,4.20\n\
         600126,示例钢铁,2025-02-07,4.30,4.62,4.30,4.62\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&bars)]);
    let ladder = |date: &str| -> Value {
        serde_json::from_str(&sb.ok(&["ladder", "--date", date, "--json"])).unwrap()
    };
    let l = ladder("2025-02-07");
    assert!(
        l["stocks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["name_current"] == true),
        "{l}"
    );
    assert!(l["stocks"].to_string().contains("*ST示例"), "{l}");
    let t = sb.ok(&["ladder", "--date", "2025-02-07"]);
    assert!(t.contains("名称为现名，非当日名称"), "{t}");
    let t = sb.ok(&["--lang", "en", "ladder", "--date", "2025-02-07"]);
    assert!(t.contains("Names are current, not the day's"), "{t}");
    // After the refuting +10.06% nothing decides 2025-02-10: ST状态未知, counted.
    let l = ladder("2025-02-10");
    assert_eq!(l["summary"]["st_unknown"], 1, "{l}");
    let t = sb.ok(&["ladder", "--date", "2025-02-10"]);
    // The stock is named, not only counted.
    assert!(t.contains("ST状态未知 1 只股票（600355.SH"), "{t}");
    assert_eq!(
        l["st_unknown_stocks"][0].as_str().map(|s| &s[..9]),
        Some("600355.SH"),
        "{l}"
    );

    let names = sb.path("names.csv");
    std::fs::write(
        &names,
        "code,date,name\n600355,,示例电子\n600355,2025-04-30,*ST示例\n",
    )
    .unwrap();
    let out = sb.ok(&["--lang", "en", "import", "names", arg(&names)]);
    assert!(out.contains("2 rows read, 2 added"), "{out}");
    let l = ladder("2025-02-07");
    let entry = |code: &str| {
        l["stocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(entry("600355.SH")["name"], "示例电子", "{l}");
    assert_eq!(entry("600355.SH")["name_current"], false, "{l}");
    assert_eq!(entry("600126.SH")["name_current"], true, "{l}");
    // Only 600126's name is the current one: it alone is marked.
    let t = sb.ok(&["ladder", "--date", "2025-02-07"]);
    assert!(
        t.contains("示例钢铁*") && !t.contains("示例电子*") && t.contains("带 * 的名称为现名"),
        "{t}"
    );
    // The dossier and a scan name the stock as it was called that day.
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600355", "--asof", "2025-02-07", "--json"]))
            .unwrap();
    assert_eq!(
        (&v["name"], &v["name_current"]),
        (&"示例电子".into(), &false.into())
    );
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600355", "--asof", "2025-05-06", "--json"]))
            .unwrap();
    assert_eq!(v["name"], "*ST示例", "{v}");
    let members = sb.path("members.csv");
    std::fs::write(&members, "code\n600355\n").unwrap();
    sb.ok(&["import", "members", arg(&members), "--theme", "deepseek"]);
    let v: Value = serde_json::from_str(&sb.ok(&[
        "scan",
        "--theme",
        "deepseek",
        "--asof",
        "2025-02-07",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v["stocks"][0]["name"], "示例电子", "{v}");
    // The dated name decides: not ST on 2025-02-10, ST from 2025-04-30.
    assert_eq!(ladder("2025-02-10")["summary"]["st_unknown"], 0);
    assert_eq!(day(&sb, "600355", "2025-02-10"), (false, 10, false));
    assert_eq!(day(&sb, "600355", "2025-05-06"), (true, 5, false));
    // Re-importing adds nothing.
    let out = sb.ok(&["--lang", "en", "import", "names", arg(&names)]);
    assert!(out.contains("2 unchanged"), "{out}");
}

/// A code change joins one company's history: the BSE moved 839493 to 920493 on
/// 2025-10-09. Without the mapping 920493 looks like a new listing whose first day has no
/// limit; with it, 920493 has the old bars (the 30% limit-up of 2025-02-07 at 140.07), its
/// first day under the new code is a normal 30% day, and 839493 finds 920493.
#[test]
fn a_code_change_joins_one_companys_history() {
    let sb = Sandbox::new();
    let bars = sb.path("bars.csv");
    std::fs::write(
        &bars,
        "code,name,date,open,high,low,close\n\
         839493,并行科技,2025-02-06,100.00,108.00,99.00,107.75\n\
         839493,并行科技,2025-02-07,110.00,140.07,110.00,140.07\n\
         920493,并行科技,2025-10-09,150.00,182.09,149.00,182.09\n\
         920493,并行科技,2025-10-10,180.00,185.00,170.00,175.00\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&bars)]);
    let stock = |code: &str, date: &str| -> Value {
        serde_json::from_str(&sb.ok(&["stock", code, "--asof", date, "--json"])).unwrap()
    };
    let v = stock("920493", "2025-10-09");
    assert_eq!(
        v["limit_pct"],
        Value::Null,
        "a new listing without the mapping: {v}"
    );
    let codes = sb.path("codes.csv");
    std::fs::write(&codes, "原代码,新代码\n839493,920493\n").unwrap();
    let out = sb.ok(&["--lang", "en", "import", "codes", arg(&codes)]);
    assert!(out.contains("1 rows read, 1 added"), "{out}");
    let v = stock("920493", "2025-10-09");
    assert_eq!(
        (&v["limit_pct"], &v["limit_up_price"], &v["limit_up"]),
        (&Value::from(30), &Value::from(182.09), &Value::from(true)),
        "{v}"
    );
    assert_eq!(
        v["streak"], 2,
        "the limit-up of 2025-02-07 under the old code counts: {v}"
    );
    // By name too: one company under two codes is one match.
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "并行科技", "--asof", "2025-02-07", "--json"]))
            .unwrap();
    assert_eq!(v["code"], "920493.BJ", "{v}");
    let v = stock("839493", "2025-02-07");
    assert_eq!(
        (&v["code"], &v["limit_up_price"], &v["limit_up"]),
        (
            &Value::from("920493.BJ"),
            &Value::from(140.07),
            &Value::from(true)
        ),
        "{v}"
    );
    let l: Value =
        serde_json::from_str(&sb.ok(&["ladder", "--date", "2025-02-07", "--json"])).unwrap();
    assert_eq!(l["stocks"][0]["code"], "920493.BJ", "{l}");
    assert_eq!(l["summary"]["traded"], 1, "{l}");
    let out = sb.ok(&["--lang", "en", "check"]);
    assert!(out.contains("no bar breaks"), "{out}");
}

/// The current name is the name of the latest-dated bar, whatever order the files come
/// in (a backfill does not rename the stock), and a dated name finds its stock.
#[test]
fn the_current_name_is_the_latest_bars_and_a_dated_name_finds_the_stock() {
    let sb = Sandbox::new();
    let new = sb.path("new.csv");
    let old = sb.path("old.csv");
    std::fs::write(
        &new,
        "code,name,date,open,high,low,close\n600001,新名称,2025-01-03,10,10,10,10\n",
    )
    .unwrap();
    std::fs::write(
        &old,
        "code,name,date,open,high,low,close\n600001,旧名称,2025-01-02,10,10,10,10\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&new)]);
    sb.ok(&["import", "bars", arg(&old)]);
    let head = |args: &[&str]| sb.ok(args).lines().next().unwrap_or_default().to_string();
    let h = head(&["stock", "600001", "--asof", "2025-01-03"]);
    assert!(h.starts_with("600001.SH 新名称"), "{h}");
    // A later file carrying a newer name renames it.
    let newer = sb.path("newer.csv");
    std::fs::write(
        &newer,
        "code,name,date,open,high,low,close\n600001,更新名称,2025-01-06,10,10,10,10\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&newer)]);
    let h = head(&["stock", "600001"]);
    assert!(h.starts_with("600001.SH 更新名称"), "{h}");
    // A name of the dated history finds the stock, as the names the ladder shows.
    let names = sb.path("names.csv");
    std::fs::write(&names, "code,date,name\n600001,2024-06-01,曾用名称\n").unwrap();
    sb.ok(&["import", "names", arg(&names)]);
    let h = head(&["stock", "曾用名称", "--asof", "2025-01-03"]);
    assert!(h.starts_with("600001.SH"), "{h}");
}
