//! `hypecheck signals`, `stock` and `ladder` on the real data in `../shared/data`: the facts
//! its README lists (streaks of the DeepSeek episode, 美格智能's five-day return, the BSE
//! 30% limit-up) must come out of the rules.

use std::collections::HashMap;

use serde_json::Value;

use crate::util::{arg, shared_data, Sandbox};

const TARGET: &str = "suiwenfeng-stock/target_stocks_2024-11_2025-03.csv";
const BSE: &str = "overwatch-mercy-stock-data/920493_bingxing_2024-12_2025-03.csv";

/// One parsed row of the signals CSV.
struct Row {
    code: String,
    date: String,
    limit_pct: String,
    limit_up: bool,
    streak: u32,
    ret5: Option<f64>,
    close_fen: i64,
    limit_up_fen: Option<i64>,
}

fn signals(sb: &Sandbox, files: &[&str]) -> Vec<Row> {
    let out = sb.path("signals.csv");
    let mut args = vec!["signals"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--out", arg(&out)]);
    sb.ok(&args);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(hypecheck::signals::header().as_str()));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), hypecheck::signals::COLUMNS.len(), "{l}");
            Row {
                code: f[0].into(),
                date: f[1].into(),
                close_fen: f[2].parse().unwrap(),
                limit_pct: f[4].into(),
                limit_up_fen: f[5].parse().ok(),
                limit_up: f[7] == "1",
                streak: f[11].parse().unwrap(),
                ret5: f[13].parse().ok(),
            }
        })
        .collect()
}

/// The longest streak of each stock in [from, to] and the date it ended.
fn longest_streaks(rows: &[Row], from: &str, to: &str) -> HashMap<String, (u32, String)> {
    let mut best: HashMap<String, (u32, String)> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| r.date.as_str() >= from && r.date.as_str() <= to)
    {
        let e = best.entry(r.code.clone()).or_insert((0, String::new()));
        if r.streak > e.0 {
            *e = (r.streak, r.date.clone());
        }
    }
    best
}

#[test]
fn streaks_of_the_deepseek_episode() {
    let Some(target) = shared_data(TARGET) else {
        return;
    };
    let sb = Sandbox::new();
    let rows = signals(&sb, &[arg(&target)]);
    let best = longest_streaks(&rows, "2024-12-01", "2025-03-15");
    let expect = [
        ("600126.SH", 9, "2025-02-17"), // 杭钢股份
        ("002881.SZ", 8, "2025-02-12"), // 美格智能
        ("688316.SH", 6, "2025-02-12"), // 青云科技
        ("000818.SZ", 6, "2025-02-11"), // 航锦科技
        ("688158.SH", 4, "2025-02-10"), // 优刻得
        ("688620.SH", 2, "2025-02-06"), // 安凯微
    ];
    for (code, streak, end) in expect {
        assert_eq!(best[code], (streak, end.to_string()), "{code}");
    }
    // 熙菱信息 never made its 20% limit: its best day, +11.49% on 2025-02-07, is far below.
    assert_eq!(best["300588.SZ"].0, 0);
    let xiling = rows
        .iter()
        .find(|r| r.code == "300588.SZ" && r.date == "2025-02-07")
        .unwrap();
    assert_eq!(xiling.limit_pct, "20");
    assert!(!xiling.limit_up);
    assert!(xiling.close_fen < xiling.limit_up_fen.unwrap());

    // 美格智能: five as of 2025-02-07 and +61.08% over the five trading days to it.
    let meige = rows
        .iter()
        .find(|r| r.code == "002881.SZ" && r.date == "2025-02-07")
        .unwrap();
    assert_eq!(meige.streak, 5);
    assert_eq!(format!("{:.4}", meige.ret5.unwrap()), "0.6108");
}

#[test]
fn stock_dossier_and_bse_limit_up_from_the_store() {
    let (Some(target), Some(bse), Some(sz)) = (
        shared_data(TARGET),
        shared_data(BSE),
        shared_data("hriszc-zechenhehuo/sz399001_index_daily.csv.gz"),
    ) else {
        return;
    };
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&target), arg(&bse)]);
    sb.ok(&["import", "index", "--code", "399001.SZ", arg(&sz)]);

    let json = |args: &[&str]| -> Value { serde_json::from_str(&sb.ok(args)).unwrap() };
    let d = json(&["stock", "002881", "--asof", "2025-02-07", "--json"]);
    assert_eq!(d["code"], "002881.SZ");
    assert_eq!(d["name"], "美格智能");
    assert_eq!(d["board"], "sz_main");
    assert_eq!(d["limit_pct"], 10);
    assert_eq!(d["limit_up_price"], 53.56);
    assert_eq!(d["close"], 53.56);
    assert_eq!(d["limit_up"], true);
    assert_eq!(d["streak"], 5);
    assert_eq!(d["up_stat"]["days"], 5);
    assert_eq!(d["up_stat"]["boards"], 5);
    assert!((d["returns"]["d5"].as_f64().unwrap() - 0.6108).abs() < 5e-5);
    // Excess over 深证成指, the benchmark the store has for the SZSE main board.
    assert_eq!(d["abnormal"]["benchmark"], "399001.SZ");
    assert!(d["excess"]["d5"].as_f64().unwrap() < d["returns"]["d5"].as_f64().unwrap());
    assert_eq!(d["abnormal"]["estimated"], true);
    assert_eq!(d["abnormal"]["triggered"], true);

    // 并行科技 (BSE) closed at its 30% limit on 2025-02-07: 107.75 × 1.3 = 140.075, and the
    // BSE truncates, so the limit is 140.07. The vendor's limit_up_flag says 否 that day
    // (computed with half-up rounding); the exchange rule wins.
    let b = json(&["stock", "920493", "--asof", "2025-02-07", "--json"]);
    assert_eq!(b["board"], "bse");
    assert_eq!(b["limit_pct"], 30);
    assert_eq!(b["limit_up_price"], 140.07);
    assert_eq!(b["limit_up"], true);
    assert_eq!(b["up_stat"]["boards"], 2, "两度30%涨停 in three days");

    // A code given by name, and a date given as YYYYMMDD, resolve the same way.
    let by_name = json(&["stock", "杭钢股份", "--asof", "20250217", "--json"]);
    assert_eq!(by_name["code"], "600126.SH");
    assert_eq!(by_name["streak"], 9);

    let table = sb.ok(&["stock", "002881", "--asof", "2025-02-07"]);
    assert!(
        table.contains("5天5板") && table.contains("+61.08%"),
        "{table}"
    );
    let en = sb.ok(&["--lang", "en", "stock", "002881", "--asof", "2025-02-07"]);
    assert!(
        en.contains("limit-up price") && en.contains("53.56"),
        "{en}"
    );
}

#[test]
fn ladder_of_the_theme_stocks() {
    let Some(target) = shared_data(TARGET) else {
        return;
    };
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&target)]);
    let v: Value =
        serde_json::from_str(&sb.ok(&["ladder", "--date", "2025-02-07", "--json"])).unwrap();
    let got: Vec<(String, u64)> = v["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["streak"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("002881.SZ", 5),
        ("000818.SZ", 4),
        ("600126.SH", 3),
        ("688158.SH", 3),
        ("688316.SH", 3),
    ];
    let want: Vec<(String, u64)> = want.iter().map(|(c, s)| (c.to_string(), *s)).collect();
    assert_eq!(got, want);
    assert_eq!(v["summary"]["limit_up"], 5);
    assert_eq!(v["summary"]["highest"], 5);
    let text = sb.ok(&["ladder", "--date", "2025-02-07"]);
    assert!(
        text.contains("连板天梯") && text.contains("美格智能"),
        "{text}"
    );
}

#[test]
fn signals_refuses_a_bad_file_and_leaves_no_output() {
    let sb = Sandbox::new();
    let bad = sb.path("bad.csv");
    std::fs::write(&bad, "code,date,open,high,low,close\n600000,2025-01-02,10.00,10.50,9.90,10.20\n600000,2025-01-03,10.2x,10.50,9.90,10.20\n").unwrap();
    let out_path = sb.path("out.csv");
    let out = sb.run(&["signals", arg(&bad), "--out", arg(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第 3 行") && err.contains("10.2x"), "{err}");
    assert!(!out_path.exists());
    assert!(std::fs::read_dir(sb.dir.path())
        .unwrap()
        .all(|e| { !e.unwrap().file_name().to_string_lossy().contains("partial") }));
}

#[test]
fn signals_do_not_depend_on_row_order_or_file_split() {
    let Some(target) = shared_data(TARGET) else {
        return;
    };
    let sb = Sandbox::new();
    let whole = sb.path("whole.csv");
    sb.ok(&["signals", arg(&target), "--out", arg(&whole)]);
    let expected = std::fs::read_to_string(&whole).unwrap();

    // The same rows shuffled (reversed within each stock and interleaved), and the same
    // rows cut into two files by date.
    let text = std::fs::read_to_string(&target).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let mut shuffled: Vec<&str> = lines.clone();
    shuffled.reverse();
    shuffled.sort_by_key(|l| l.split(',').nth(2).unwrap().to_string());
    let write = |name: &str, rows: &[&str]| {
        let p = sb.path(name);
        std::fs::write(&p, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
        p
    };
    let shuffled = write("shuffled.csv", &shuffled);
    let (early, late): (Vec<&str>, Vec<&str>) = lines
        .iter()
        .partition(|l| l.split(',').nth(2).unwrap() < "2025-01-15");
    let (early, late) = (write("early.csv", &early), write("late.csv", &late));

    for files in [vec![arg(&shuffled)], vec![arg(&late), arg(&early)]] {
        let out = sb.path("again.csv");
        let mut args = vec!["signals"];
        args.extend(files.iter().copied());
        args.extend(["--out", arg(&out)]);
        sb.ok(&args);
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            expected,
            "{files:?}"
        );
    }
}

/// A read command on a store file that does not exist refuses, says how to import, and
/// does not create the file; in both languages.
#[test]
fn read_commands_refuse_a_missing_store_and_do_not_create_it() {
    let sb = Sandbox::new();
    let db = sb.db();
    for (lang, words) in [
        ("zh", ["不存在", "import bars"]),
        ("en", ["does not exist", "import bars"]),
    ] {
        for args in [
            &["ladder", "--date", "2025-02-07"][..],
            &["stock", "600126", "--asof", "2025-02-07"],
            &["scan", "--theme", "deepseek", "--asof", "2025-02-07"],
            &["search", "深度求索"],
            &["evidence", "--theme", "deepseek"],
            &["themes-of", "600126"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(args);
            let out = sb.run(&all);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(words.iter().all(|w| err.contains(w)), "{args:?}: {err}");
            assert!(!db.exists(), "{args:?} created the store");
        }
    }
}

/// Bars of one stock around the 2025 Spring Festival closure (2025-01-28..2025-02-04).
fn spring_festival_store() -> Sandbox {
    let sb = Sandbox::new();
    let file = sb.path("bars.csv");
    let mut text = String::from("code,name,date,open,high,low,close\n");
    for (d, c) in [
        ("2025-01-24", "4.20"),
        ("2025-01-27", "4.22"),
        ("2025-02-05", "4.64"),
        ("2025-02-06", "5.10"),
        ("2025-02-07", "5.61"),
    ] {
        text.push_str(&format!("600126,杭钢股份,{d},{c},{c},{c},{c}\n"));
    }
    std::fs::write(&file, text).unwrap();
    sb.ok(&["import", "bars", arg(&file)]);
    sb
}

/// A holiday is 非交易日 with the trading days around it, and a date after the last bar says
/// so and names the last day, for `ladder` and `stock`, in both languages; never an empty
/// ladder with exit code 0.
#[test]
fn a_holiday_or_a_date_after_the_data_is_named_not_answered_empty() {
    let sb = spring_festival_store();
    for cmd in [
        &["ladder", "--date"][..],
        &["stock", "600126", "--asof"][..],
    ] {
        let run = |lang: &str, date: &str| {
            let mut all = vec!["--lang", lang];
            all.extend_from_slice(cmd);
            all.push(date);
            let out = sb.run(&all);
            assert_eq!(out.status.code(), Some(1), "{all:?}");
            String::from_utf8_lossy(&out.stderr).into_owned()
        };
        let zh = run("zh", "2025-01-30");
        assert!(
            zh.contains("非交易日") && zh.contains("2025-01-27") && zh.contains("2025-02-05"),
            "{zh}"
        );
        let en = run("en", "2025-02-01");
        assert!(
            en.contains("not a trading day")
                && en.contains("2025-01-27")
                && en.contains("2025-02-05"),
            "{en}"
        );
        let zh = run("zh", "2025-02-10");
        assert!(zh.contains("最后") && zh.contains("2025-02-07"), "{zh}");
        let en = run("en", "2025-02-10");
        assert!(
            en.contains("after the last bar") && en.contains("2025-02-07"),
            "{en}"
        );
    }
    // The trading day itself answers.
    let text = sb.ok(&["ladder", "--date", "2025-02-07"]);
    assert!(text.contains("杭钢股份"), "{text}");
}

/// `stock` (the store, `jobs::Listings`, `jobs::stock_bars` with the name's ST marks judged
/// against prices, `market::analyze` as `assess::market_dossier` applies it) and `signals`
/// (the file) agree on the limit-up price, the 涨停 flag and the ST status (ST, not ST or
/// unknown) of every (code, date) of `file`, which `db` holds alone. Compared through the
/// library, one stock at a time; returns how many rows were compared.
pub fn stock_agrees_with_signals(db: &std::path::Path, file: &std::path::Path) -> usize {
    use hypecheck::model::{Date, Symbol};
    let mut csv = Vec::new();
    let csv_only = hypecheck::signals::Options {
        format: hypecheck::report::Format::Csv,
        benchmarks: None,
    };
    hypecheck::signals::write_signals(&[file.to_path_buf()], &mut csv, &csv_only).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let store = hypecheck::store::Store::open(db).unwrap();
    let listings = hypecheck::jobs::Listings::load(&store).unwrap();
    let mut compared = 0;
    let mut disagree = Vec::new();
    // The stock being compared: its code and, per date, (limit-up price, 涨停, ST status).
    type Judged = HashMap<Date, (Option<i64>, bool, &'static str)>;
    let mut current: Option<(String, Judged)> = None;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if current.as_ref().is_none_or(|(c, _)| c != f[0]) {
            let symbol = Symbol::parse_stock(f[0]).unwrap();
            let mut info = listings.info(symbol).unwrap();
            let bars = hypecheck::jobs::stock_bars(&store, &mut info, ..).unwrap();
            let signals = hypecheck::market::analyze(&info, &bars);
            let by_date = signals
                .iter()
                .zip(&bars)
                .map(|(s, b)| {
                    let st = match (s.st_unknown, b.st) {
                        (true, _) => "",
                        (false, Some(true)) => "1",
                        (false, _) => "0",
                    };
                    (s.date, (s.limit_up_price, s.limit_up, st))
                })
                .collect();
            current = Some((f[0].to_string(), by_date));
        }
        let (_, by_date) = current.as_ref().unwrap();
        let date: Date = f[1].parse().unwrap();
        let got = by_date.get(&date).copied();
        let want = (f[5].parse::<i64>().ok(), f[7] == "1", f[14]);
        if got != Some(want) {
            disagree.push(format!("{} {date}: stock {got:?}, signals {want:?}", f[0]));
        }
        compared += 1;
    }
    assert!(
        disagree.is_empty(),
        "{} rows disagree, first: {:?}",
        disagree.len(),
        &disagree[..disagree.len().min(10)]
    );
    compared
}

/// A close above its ST limit is reported by the import summary, by `check` and in the
/// dossier, with what was assumed (*ST精伦 on 2025-02-07: +10.06% where 5% gives 3.55),
/// when a dated ST list says ST; with only the name, prices refute the name instead.
#[test]
fn impossible_bars_are_reported_not_computed_over() {
    let sb = Sandbox::new();
    let file = sb.path("bars.csv");
    std::fs::write(
        &file,
        "code,name,date,open,high,low,close\n\
         600355,*ST精伦,2025-02-06,3.38,3.38,3.38,3.38\n\
         600355,*ST精伦,2025-02-07,3.40,3.72,3.40,3.72\n\
         600355,*ST精伦,2025-02-10,3.70,3.70,3.60,3.65\n",
    )
    .unwrap();
    let out = sb.ok(&["import", "bars", arg(&file)]);
    assert!(!out.contains("矛盾"), "{out}");
    // The name alone: +10.06% proves 600355 was not under the 5% ST limit that day.
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600355", "--asof", "2025-02-07", "--json"]))
            .unwrap();
    assert_eq!(
        (&v["limit_pct"], &v["st"]),
        (&Value::from(10), &Value::from(false)),
        "{v}"
    );
    assert!(v.get("impossible").is_none(), "{v}");
    // A dated ST list that says ST wins over prices: then the bar is impossible.
    let st = sb.path("st.csv");
    std::fs::write(
        &st,
        "code,start,end,kind
600355,2025-01-01,,*ST
",
    )
    .unwrap();
    sb.ok(&["import", "st", arg(&st)]);
    let out = sb.ok(&["import", "bars", arg(&file)]);
    assert!(
        out.contains("本次导入的K线中 1 根K线与当日涨跌停规则矛盾")
            && out.contains("600355.SH 2025-02-07"),
        "{out}"
    );
    // Files without impossible bars: no examples, and the store's total said once a run.
    let (clean, other) = (sb.path("clean.csv"), sb.path("other.csv"));
    for (path, code) in [(&clean, "600000"), (&other, "600001")] {
        std::fs::write(
            path,
            format!(
                "code,name,date,open,high,low,close\n\
                 {code},甲,2025-02-06,10.00,10.20,9.90,10.10\n\
                 {code},甲,2025-02-07,10.10,10.30,10.00,10.20\n"
            ),
        )
        .unwrap();
    }
    let out = sb.ok(&["import", "bars", arg(&clean), arg(&other)]);
    assert_eq!(
        out.matches("仓库中共有 1 根与涨跌停规则矛盾的K线").count(),
        1,
        "{out}"
    );
    assert!(!out.contains("本次导入") && !out.contains("例如"), "{out}");
    let out = sb.ok(&["--lang", "en", "check"]);
    assert!(
        out.contains("600355.SH 2025-02-07 close 3.72 above the up-limit 3.55 (assumed: ±5%, ST,")
            && out.contains("1 bars break their day's limits: close above the up-limit 1"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&sb.ok(&["check", "--json"])).unwrap();
    assert_eq!(v[0]["kind"], "close_above_up");
    assert_eq!(v[0]["symbol"], "600355.SH");
    let t = sb.ok(&["stock", "600355", "--asof", "2025-02-07"]);
    assert!(
        t.contains("数据与涨跌停规则矛盾") && t.contains("3.55"),
        "{t}"
    );
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600355", "--asof", "2025-02-07", "--json"]))
            .unwrap();
    assert_eq!(v["impossible"]["limit_up_price"], 355);
    let v: Value =
        serde_json::from_str(&sb.ok(&["stock", "600355", "--asof", "2025-02-10", "--json"]))
            .unwrap();
    assert!(v.get("impossible").is_none(), "{v}");
}

/// An imported listing date wins over the inferred one, for `stock` and `check` alike: a
/// stock that begins with its exchange's data is taken as listed before it until a
/// listing file says it listed that day.
#[test]
fn imported_listing_dates_exempt_ipo_days() {
    let sb = Sandbox::new();
    let bars = sb.path("bars.csv");
    std::fs::write(
        &bars,
        "code,date,open,high,low,close\n\
         600126,2025-01-02,10.00,10.00,10.00,10.00\n\
         600126,2025-01-03,10.10,10.10,10.10,10.10\n\
         603999,2025-01-02,10.00,10.00,10.00,10.00\n\
         603999,2025-01-03,12.00,12.00,12.00,12.00\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&bars)]);
    let dossier = || -> Value {
        serde_json::from_str(&sb.ok(&["stock", "603999", "--asof", "2025-01-03", "--json"]))
            .unwrap()
    };
    let v = dossier();
    assert_eq!(v["limit_pct"], 10, "{v}");
    assert_eq!(v["impossible"]["kind"], "close_above_up", "{v}");
    let listings = sb.path("listings.csv");
    std::fs::write(&listings, "ts_code,list_date\n603999.SH,20250102\n").unwrap();
    let out = sb.ok(&["--lang", "en", "import", "listings", arg(&listings)]);
    assert!(out.contains("1 rows read"), "{out}");
    let v = dossier();
    assert_eq!(v["limit_pct"], Value::Null, "{v}");
    assert!(v.get("impossible").is_none(), "{v}");
    let out = sb.ok(&["--lang", "en", "check"]);
    assert!(out.contains("no bar breaks"), "{out}");
    // A bad date is refused with its line and value, and nothing changes.
    std::fs::write(&listings, "code,listing_date\n603999,2025-13-02\n").unwrap();
    let out = sb.run(&["import", "listings", arg(&listings)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2025-13-02"));
}

/// B shares are never computed silently: `signals` counts their rows and says why they are
/// left out, and `stock` refuses a B-share code by name, in both languages.
#[test]
fn b_shares_are_named_not_skipped_silently() {
    let sb = Sandbox::new();
    let file = sb.path("bars.csv");
    std::fs::write(
        &file,
        "code,date,open,high,low,close\n\
         600126,2025-02-06,4.20,4.62,4.20,4.62\n\
         900901,2025-02-06,0.30,0.31,0.30,0.31\n\
         900901,2025-02-07,0.31,0.32,0.30,0.32\n\
         200002,2025-02-07,5.00,5.10,4.90,5.00\n",
    )
    .unwrap();
    let out = sb.path("signals.csv");
    let run = sb.run(&["signals", arg(&file), "--out", arg(&out)]);
    assert!(run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("B股 3 行未计算") && err.contains("0.001"),
        "{err}"
    );
    let run = sb.run(&["--lang", "en", "signals", arg(&file), "--out", arg(&out)]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("3 B-share rows not computed"), "{err}");
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(!csv.contains("900901") && !csv.contains("200002"), "{csv}");

    let imported = sb.ok(&["--lang", "en", "import", "bars", arg(&file)]);
    assert!(imported.contains("3 B-share rows skipped"), "{imported}");
    let run = sb.run(&["stock", "900901"]);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("900901.SH 是B股"), "{err}");
    let run = sb.run(&["--lang", "en", "stock", "200002"]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("200002.SZ is a B share"), "{err}");
}

/// An old Beijing code (moved to 920xxx on 2025-10-09) is pointed at its new code and at
/// `import codes`, not only told "no bars".
#[test]
fn an_old_beijing_code_is_pointed_at_its_new_code() {
    let sb = Sandbox::new();
    sb.ok(&[
        "import",
        "bars",
        arg(&crate::util::root().join("demo/bars.csv")),
    ]);
    let out = sb.run(&["stock", "839493"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("北交所旧代码") && err.contains("920493.BJ") && err.contains("import codes"),
        "{err}"
    );
    let out = sb.run(&["--lang", "en", "stock", "839493"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("old Beijing code, 920493.BJ"), "{err}");
}
