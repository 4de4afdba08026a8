//! `hypecheck panel`: the rows of a day equal `scan` of that day (on the demo and on the
//! DeepSeek stocks of the real data, every day of a range); no column before the `fwd_` ones
//! changes when later data is added to the store; the files load in pandas and polars.

use std::collections::BTreeMap;
use std::path::Path;

use hypecheck::assess::{ScanReport, Thresholds, Verdict};
use hypecheck::jobs::{self, PanelData};
use hypecheck::model::Date;
use hypecheck::panel;
use hypecheck::store::Store;
use hypecheck::text::{Flag, Lexicon, Substance};
use hypecheck::theme::Theme;

use crate::util::{arg, root, shared_data, Sandbox};

/// What a panel row and a scan's stock must agree on.
#[derive(Debug, Clone, PartialEq)]
struct Day {
    code: String,
    verdict: Verdict,
    substance: Substance,
    flags: Vec<Flag>,
    docs_checked: usize,
    newest: Option<Date>,
    hot: bool,
    streak: Option<u32>,
    max_streak: Option<u32>,
    ret_window: Option<f64>,
    amount: Option<f64>,
    turnover: Option<f64>,
}

/// The panel's in-scope rows, by day, sorted by code.
fn panel_days(data: &PanelData, from: Date, to: Date) -> BTreeMap<Date, Vec<Day>> {
    let span = data.span(from, to).unwrap();
    let mut out: BTreeMap<Date, Vec<Day>> = BTreeMap::new();
    panel::walk::<std::convert::Infallible>(&data.ctx, &data.indices, span, &mut |r| {
        if r.in_scope {
            out.entry(r.date).or_default().push(Day {
                code: r.symbol.to_string(),
                verdict: r.verdict,
                substance: r.substance,
                flags: r.flags.to_vec(),
                docs_checked: r.docs_checked as usize,
                newest: r.newest_evidence,
                hot: r.hot,
                streak: r.heat.map(|h| h.streak),
                max_streak: r.heat.map(|h| h.max_streak),
                ret_window: r.heat.and_then(|h| h.ret_d10),
                amount: r.heat.and_then(|h| h.amount),
                turnover: r.turnover,
            });
        }
        Ok(())
    })
    .unwrap();
    for rows in out.values_mut() {
        rows.sort_by(|a, b| a.code.cmp(&b.code));
    }
    out
}

/// A scan's stocks as the panel shows them, sorted by code.
fn scan_days(r: &ScanReport, window_from: Date) -> Vec<Day> {
    let mut out: Vec<Day> = r
        .stocks
        .iter()
        .map(|a| Day {
            code: a.code.clone(),
            verdict: a.verdict,
            substance: a.substance,
            flags: a.flags.clone(),
            docs_checked: a.docs_checked,
            newest: a.newest_evidence,
            hot: a
                .heat
                .as_ref()
                .is_some_and(|h| h.hot && h.bar_date >= window_from),
            streak: a.heat.as_ref().map(|h| h.streak),
            max_streak: a.heat.as_ref().map(|h| h.max_streak),
            ret_window: a.heat.as_ref().and_then(|h| h.returns.d10),
            amount: a.market.as_ref().and_then(|m| m.amount),
            turnover: a.market.as_ref().and_then(|m| m.turnover),
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// Checks every trading day of `from..=to`: the panel's rows equal the scan; `fresh` days
/// are also scanned from the store from scratch (`jobs::scan`). Returns the days checked.
fn assert_panel_equals_scans(
    store: &Store,
    theme: &Theme,
    from: Date,
    to: Date,
    fresh: usize,
) -> usize {
    let t = Thresholds::default();
    let data = jobs::load_panel(store, theme, Lexicon::builtin(), &t, false).unwrap();
    let days = panel_days(&data, from, to);
    let span = data.span(from, to).unwrap();
    let calendar = &data.ctx.calendar[span.from..=span.to];
    let step = (calendar.len() / fresh.max(1)).max(1);
    for (i, day) in calendar.iter().enumerate() {
        let window_from = data.ctx.window_start(*day).unwrap();
        let scan = if i % step == 0 {
            jobs::scan(store, theme, *day, &t).unwrap().report
        } else {
            jobs::scan_at(&data.ctx, *day).report
        };
        let want = scan_days(&scan, window_from);
        let got = days.get(day).cloned().unwrap_or_default();
        assert_eq!(got, want, "{day}");
    }
    calendar.len()
}

fn demo_theme() -> Theme {
    let toml = std::fs::read_to_string(root().join("demo/theme.toml")).unwrap();
    Theme::parse(&toml, "demo/theme.toml").unwrap()
}

fn import_demo(sb: &Sandbox, upto: Option<&str>) {
    let keep = |file: &str, date_col: usize| -> std::path::PathBuf {
        let text = std::fs::read_to_string(root().join("demo").join(file)).unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines {
            let date = line.split(',').nth(date_col).unwrap();
            if upto.is_none_or(|u| date <= u) {
                out.push_str(line);
                out.push('\n');
            }
        }
        let path = sb.path(file);
        std::fs::write(&path, out).unwrap();
        path
    };
    let bars = keep("bars.csv", 2);
    let index = keep("index.csv", 1);
    let members = keep("members.csv", 4);
    // Revenue segments count from their publication.
    let segments = keep("segments.csv", 6);
    // Share counts count from their date (all before the demo's bars).
    let shares = keep("shares.csv", 1);
    let text = std::fs::read_to_string(root().join("demo/docs.jsonl")).unwrap();
    let docs: String = text
        .lines()
        .filter(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            upto.is_none_or(|u| v["date"].as_str().unwrap() <= u)
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let docs_path = sb.path("docs.jsonl");
    std::fs::write(&docs_path, docs).unwrap();
    sb.ok(&["import", "bars", arg(&bars)]);
    sb.ok(&["import", "index", arg(&index)]);
    sb.ok(&["import", "docs", arg(&docs_path)]);
    let theme = root().join("demo/theme.toml");
    sb.ok(&["import", "members", arg(&members), "--theme", "lingxi"]);
    sb.ok(&["import", "segments", arg(&segments)]);
    sb.ok(&["import", "shares", arg(&shares)]);
    let _ = theme;
}

#[test]
fn the_panel_of_every_demo_day_equals_its_scan() {
    let sb = Sandbox::new();
    import_demo(&sb, None);
    let store = Store::open(&sb.db()).unwrap();
    let (from, to) = ("2025-03-03".parse().unwrap(), "2025-04-18".parse().unwrap());
    let n = assert_panel_equals_scans(&store, &demo_theme(), from, to, 34);
    assert!(n >= 30, "{n} days");
}

/// The fields of a CSV line (the panel writes no quoted commas in these files).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `panel` over the demo's range into `out` (the format from its extension).
fn demo_panel(sb: &Sandbox, theme: &Path, out: &Path) -> std::process::Output {
    sb.run(&[
        "panel",
        "--theme",
        arg(theme),
        "--from",
        "2025-03-03",
        "--to",
        "2025-04-18",
        "--out",
        arg(out),
    ])
}

fn panel_csv(sb: &Sandbox, theme: &Path, from: &str, to: &str, extra: &[&str]) -> String {
    let out = sb.path("panel.csv");
    let mut args = vec![
        "panel",
        "--theme",
        arg(theme),
        "--from",
        from,
        "--to",
        to,
        "--out",
        arg(&out),
    ];
    args.extend_from_slice(extra);
    sb.ok(&args);
    std::fs::read_to_string(out).unwrap()
}

/// The columns before the first `fwd_` one.
fn as_of_columns(header: &str) -> usize {
    header
        .split(',')
        .position(|c| c.starts_with("fwd_"))
        .unwrap()
}

#[test]
fn later_data_changes_only_the_forward_columns_on_the_demo() {
    let theme = root().join("demo/theme.toml");
    let (from, to) = ("2025-03-03", "2025-04-10");
    let early = Sandbox::new();
    import_demo(&early, Some(to));
    let full = Sandbox::new();
    import_demo(&full, None);
    for extra in [&[][..], &["--all-stocks"][..]] {
        let a = panel_csv(&early, &theme, from, to, extra);
        let b = panel_csv(&full, &theme, from, to, extra);
        let k = as_of_columns(a.lines().next().unwrap());
        let (ra, rb) = (csv_rows(&a), csv_rows(&b));
        let key = |r: &Vec<String>| (r[0].clone(), r[1].clone());
        let rb: BTreeMap<_, _> = rb.iter().map(|r| (key(r), r)).collect();
        assert!(!ra.is_empty());
        let mut filled = 0;
        for r in &ra {
            let other = rb
                .get(&key(r))
                .unwrap_or_else(|| panic!("{:?} missing", key(r)));
            assert_eq!(r[..k], other[..k], "{:?}", key(r));
            // Forward returns that ran past the early store's end are known in the full one.
            filled += (k..r.len())
                .filter(|&i| r[i].is_empty() && !other[i].is_empty())
                .count();
        }
        assert!(filled > 0, "the full store adds forward returns");
        // Rows of the full store in the same range that the early one lacks would be
        // look-ahead too (a stock that entered the scope later).
        assert_eq!(rb.len(), ra.len(), "{extra:?}");
    }
}

#[test]
fn the_panel_loads_in_pandas_and_polars_and_json_and_parquet_equal_csv() {
    let sb = Sandbox::new();
    import_demo(&sb, None);
    let theme = root().join("demo/theme.toml");
    let csv_text = panel_csv(&sb, &theme, "2025-03-03", "2025-04-18", &[]);
    let rows = csv_rows(&csv_text);
    let json = sb.path("panel.json");
    let msg = demo_panel(&sb, &theme, &json);
    assert!(msg.status.success());
    let note = String::from_utf8_lossy(&msg.stderr);
    assert!(note.contains(&format!("{} 行", rows.len())), "{note}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let objects = v.as_array().unwrap();
    assert_eq!(objects.len(), rows.len());
    // The same cells: text as text, numbers within the CSV's 6 decimals, nulls empty.
    let header: Vec<&str> = csv_text.lines().next().unwrap().split(',').collect();
    for (o, r) in objects.iter().zip(&rows) {
        for (name, cell) in header.iter().zip(r) {
            match &o[*name] {
                serde_json::Value::Null => assert_eq!(cell, "", "{name}"),
                serde_json::Value::Bool(b) => assert_eq!(cell, if *b { "1" } else { "0" }),
                serde_json::Value::Number(n) => {
                    let x: f64 = cell.parse().unwrap();
                    assert!((x - n.as_f64().unwrap()).abs() < 1e-5, "{name}: {cell} {n}");
                }
                serde_json::Value::String(t) => assert_eq!(cell, t, "{name}"),
                other => panic!("{name}: {other}"),
            }
        }
    }
    // The same panel as Parquet (the format from the extension).
    let parquet = sb.path("panel.parquet");
    let msg = demo_panel(&sb, &theme, &parquet);
    assert!(
        msg.status.success(),
        "{}",
        String::from_utf8_lossy(&msg.stderr)
    );
    assert!(std::fs::read(&parquet).unwrap().starts_with(b"PAR1"));
    // pandas and polars, when installed: the README's one line, for CSV and for Parquet, and
    // the Parquet file holds the CSV's rows with typed columns.
    let script = format!(
        r#"
import sys
try:
    import pandas as pd, polars as pl
except ImportError:
    print("skip"); sys.exit(0)
a = pd.read_csv({c:?})
b = pl.read_csv({c:?})
assert len(a) == len(b) == {n}, (len(a), len(b))
assert list(a.columns) == b.columns
assert a["verdict"].isin(["hype_rider", "speculative", "unverified", "clarified", "substantive", "cold"]).all()
assert a["fwd_excess_d1"].isna().any() and a["fwd_excess_d1"].notna().any()
p = pd.read_parquet({q:?})
q = pl.read_parquet({q:?})
assert list(p.columns) == list(a.columns) == q.columns
assert len(p) == len(q) == {n}
assert q.schema["date"] == pl.Date and q.schema["hot"] == pl.Boolean
assert q.schema["streak"] == pl.Int64 and q.schema["fwd_excess_d20"] == pl.Float64
for col in a.columns:
    x, y = a[col], p[col]
    if str(q.schema[col]) in ("Float64",):
        assert ((x - y).abs().fillna(0) < 1e-5).all() and (x.isna() == y.isna()).all(), col
    elif q.schema[col] == pl.Boolean:
        assert (x.isna() == y.isna()).all(), col
        assert (x.dropna().astype(int).values == y.dropna().astype(int).values).all(), col
    elif q.schema[col] == pl.Date:
        assert (x.fillna("").astype(str).values == y.map(lambda d: "" if d is None or d != d else str(d)).values).all(), col
    else:
        assert (x.fillna("").astype(str).values == y.fillna("").astype(str).values).all(), col
print("ok")
"#,
        c = sb.path("panel.csv").display().to_string(),
        q = parquet.display().to_string(),
        n = rows.len(),
    );
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(&script)
        .output();
    match out {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(
                o.status.success(),
                "{text}{}",
                String::from_utf8_lossy(&o.stderr)
            );
            if text.trim() == "skip" {
                if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
                    panic!("pandas and polars are missing and HYPECHECK_REQUIRE_SHARED=1");
                }
                eprintln!("skipped: python3 without pandas and polars");
            }
        }
        Err(_) => eprintln!("skipped: no python3"),
    }
}

/// The DeepSeek stocks of the whole-market file (the seven of its cut), the benchmark
/// indices, and the disclosures quoted in the news as documents, into a store; `later`
/// adds what came after 2025-03-31: the real investor Q&A (2025-12 on).
fn deepseek_store(sb: &Sandbox, later: bool) -> Option<()> {
    let bars = shared_data("suiwenfeng-stock/target_stocks_2024-11_2025-03.csv")?;
    let news = shared_data("news-quoted-disclosures/news_quoted_disclosures.jsonl")?;
    let qa = shared_data("real-qa/qa.jsonl")?;
    sb.ok(&["import", "bars", arg(&bars)]);
    for (file, code) in [
        (
            "hriszc-zechenhehuo/sh000001_index_daily.csv.gz",
            "000001.SH",
        ),
        (
            "hriszc-zechenhehuo/sz399001_index_daily.csv.gz",
            "399001.SZ",
        ),
        (
            "liuzesensengsheng-gupiao/399006.SZ_chinext_index_daily.csv",
            "399006.SZ",
        ),
        (
            "xxxavier524-quant-trade/sh000688_star50_2024-11-29_2025-03-31.csv",
            "000688.SH",
        ),
    ] {
        let path = shared_data(file)?;
        sb.ok(&["import", "index", arg(&path), "--code", code]);
    }
    let mut jsonl = String::new();
    for line in std::fs::read_to_string(news).unwrap().lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let date = d["event_date"].as_str().unwrap();
        if !later && date > "2025-03-31" {
            continue;
        }
        let t = d["doc_type"].as_str().unwrap();
        let kind = if t.contains("互动") {
            "post"
        } else if ["公告", "澄清", "异常波动"].iter().any(|w| t.contains(w)) {
            "announcement"
        } else {
            "news"
        };
        let doc = serde_json::json!({"code": d["code"], "date": date, "kind": kind,
            "text": d["excerpt"], "source": d["source_outlet"]});
        jsonl.push_str(&doc.to_string());
        jsonl.push('\n');
    }
    let f = sb.path("news.jsonl");
    std::fs::write(&f, jsonl).unwrap();
    sb.ok(&["import", "docs", arg(&f)]);
    if later {
        // A Q&A counts from its answer's date (the question's when unanswered).
        let mut jsonl = String::new();
        for line in std::fs::read_to_string(qa).unwrap().lines() {
            let d: serde_json::Value = serde_json::from_str(line).unwrap();
            let answered = d["answer"].as_str().is_some_and(|a| !a.trim().is_empty());
            let date = match (&d["answer_date"], &d["question_date"]) {
                (serde_json::Value::String(a), _) if answered => a.clone(),
                (_, serde_json::Value::String(q)) => q.clone(),
                _ => continue, // one record is dated nowhere
            };
            let doc = serde_json::json!({"code": d["code"], "date": date, "kind": "qa",
                "question": d["question"], "answer": d["answer"], "url": d["url"]});
            jsonl.push_str(&doc.to_string());
            jsonl.push('\n');
        }
        let f = sb.path("qa.jsonl");
        std::fs::write(&f, jsonl).unwrap();
        sb.ok(&["import", "docs", arg(&f)]);
        // The same stocks' bars after the cut, from the whole-market file.
        let whole = shared_data("suiwenfeng-stock/daily_bars_long.csv.gz")?;
        let codes: Vec<String> = std::fs::read_to_string(&bars)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(whole).unwrap()),
            &mut text,
        )
        .unwrap();
        let mut lines = text.lines();
        let mut out = format!("{}\n", lines.next().unwrap());
        for line in lines {
            let mut f = line.splitn(4, ',');
            let (code, _, date) = (f.next().unwrap(), f.next(), f.next().unwrap_or(""));
            if date > "2025-03-31" && codes.iter().any(|c| c == code) {
                out.push_str(line);
                out.push('\n');
            }
        }
        assert!(out.lines().count() > 7 * 30, "bars after the cut");
        let f = sb.path("later_bars.csv");
        std::fs::write(&f, out).unwrap();
        sb.ok(&["import", "bars", arg(&f)]);
    }
    Some(())
}

#[test]
fn the_panel_of_every_day_of_the_deepseek_episode_equals_its_scan() {
    let sb = Sandbox::new();
    if deepseek_store(&sb, false).is_none() {
        return;
    }
    let store = Store::open(&sb.db()).unwrap();
    let theme = jobs::find_theme(Some(&store), "deepseek").unwrap();
    let (from, to) = ("2024-12-02".parse().unwrap(), "2025-03-31".parse().unwrap());
    let n = assert_panel_equals_scans(&store, &theme, from, to, 8);
    assert!(n > 70, "{n} days");
    // The episode is in it: some stock was hot with a verdict other than cold.
    let data = jobs::load_panel(
        &store,
        &theme,
        Lexicon::builtin(),
        &Thresholds::default(),
        false,
    )
    .unwrap();
    let days = panel_days(&data, from, to);
    assert!(days
        .values()
        .flatten()
        .any(|d| d.hot && d.verdict != Verdict::Cold));
}

#[test]
fn later_data_changes_only_the_forward_columns_on_the_deepseek_stocks() {
    let early = Sandbox::new();
    if deepseek_store(&early, false).is_none() {
        return;
    }
    let full = Sandbox::new();
    deepseek_store(&full, true).unwrap();
    let theme = Path::new("deepseek");
    let a = panel_csv(&early, theme, "2024-12-02", "2025-03-31", &["--all-stocks"]);
    let b = panel_csv(&full, theme, "2024-12-02", "2025-03-31", &["--all-stocks"]);
    let k = as_of_columns(a.lines().next().unwrap());
    let (ra, rb) = (csv_rows(&a), csv_rows(&b));
    assert_eq!(ra.len(), rb.len());
    let mut filled = 0;
    for (x, y) in ra.iter().zip(&rb) {
        assert_eq!(x[..k], y[..k]);
        filled += (k..x.len())
            .filter(|&i| x[i].is_empty() && !y[i].is_empty())
            .count();
    }
    // The later bars give the last days of the range their forward returns.
    assert!(filled > 7 * 19, "{filled}");
}

/// An output file whose extension names no format is refused before anything is loaded,
/// not written as CSV under a misleading name.
#[test]
fn an_unknown_extension_is_refused() {
    let sb = Sandbox::new();
    import_demo(&sb, None);
    let theme = root().join("demo/theme.toml");
    let out = sb.path("panel.xlsx");
    let run = demo_panel(&sb, &theme, &out);
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("无法从扩展名 .xlsx 判断格式"), "{err}");
    assert!(!out.exists());
}
