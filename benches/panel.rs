//! The panel against the naive way in the same run: `hypecheck panel` walks a theme's
//! context (loaded once) day by day; the naive way runs the per-date scan (which loads
//! everything again) for every day. Two inputs:
//!
//! 1. a generated 700-member theme over 1,000 trading days with 10 documents per stock
//!    (`tests/synth`: limit-up runs, posts, announcements, answers and news);
//! 2. the whole-market file of `../shared/data` with `--all-stocks` over its whole range,
//!    against the built-in `deepseek` theme, with the real investor Q&A imported.
//!
//! For each: the context load, the walk alone (stock-day assessments per second, one
//! core), the walk writing the Parquet file, and the per-date scan on a sample of days extrapolated
//! to every day; the ratio; and the peak memory of each phase (VmHWM, reset between
//! phases). The results are checked: the panel's row count, and the panel's rows of each
//! sampled day against that day's scan.
//!
//! Run: `cargo bench --bench panel` (`BENCH_SAMPLE=N` scanned days per input, default 3;
//! `BENCH_SKIP_MARKET=1` leaves out the whole-market input).

#[path = "../tests/synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hypecheck::assess::{assess_stock_at, Thresholds};
use hypecheck::ingest::DocDefaults;
use hypecheck::jobs::{self, import, PanelData};
use hypecheck::model::{Date, Symbol};
use hypecheck::panel::{self, Span};
use hypecheck::report;
use hypecheck::store::Store;
use hypecheck::text::Lexicon;
use hypecheck::theme::Theme;

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Peak resident memory since the last reset, in MB (Linux; `None` elsewhere).
fn peak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the peak to the current resident size (Linux ≥ 4.0).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mb(x: Option<f64>) -> String {
    x.map_or("?".into(), |m| format!("{m:.0} MB"))
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Option<f64>) {
    reset_peak();
    let t = Instant::now();
    let out = f();
    (out, t.elapsed(), peak_mb())
}

/// The figures of one input.
struct Figures {
    rows: u64,
    load: Duration,
    walk: Duration,
    parquet: Duration,
    parquet_bytes: u64,
    naive_per_day: Duration,
    days: usize,
}

fn run(name: &str, store: &Store, theme: &Theme, all_stocks: bool, sample: usize) -> Figures {
    let t = Thresholds::default();
    let lex = Lexicon::builtin();
    let (data, load, peak) = timed(|| jobs::load_panel(store, theme, lex, &t, all_stocks).unwrap());
    let cal = &data.ctx.calendar;
    let span = data.span(cal[0], *cal.last().unwrap()).unwrap();
    println!(
        "[{name}] context: {} stocks, {} trading days, loaded in {:.2} s (peak {})",
        data.ctx.stocks.len(),
        span.days(),
        secs(load),
        mb(peak)
    );
    let (rows, walk, peak) = timed(|| {
        panel::walk::<std::convert::Infallible>(&data.ctx, &data.indices, span, &mut |_| Ok(()))
            .unwrap()
    });
    println!(
        "[{name}] walk: {rows} stock-days in {:.3} s = {:.0} stock-day assessments/s on one core (peak {})",
        secs(walk),
        rows as f64 / secs(walk),
        mb(peak)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.parquet");
    let ((), parquet, peak) = timed(|| {
        let w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let mut sink = report::panel::TableSink::new(w, report::Format::Parquet).unwrap();
        let n = panel::walk(&data.ctx, &data.indices, span, &mut |r| sink.row(r)).unwrap();
        sink.finish().unwrap();
        assert_eq!(n, rows);
    });
    let parquet_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "[{name}] walk + Parquet: {:.3} s, {:.1} MB written (peak {})",
        secs(parquet),
        parquet_bytes as f64 / 1e6,
        mb(peak)
    );
    let days: Vec<Date> = (0..sample)
        .map(|i| cal[span.from + (span.days() - 1) * (i + 1) / (sample + 1)])
        .collect();
    let (_, naive, peak) = timed(|| {
        for day in &days {
            naive_day(store, theme, &t, all_stocks, *day, &data);
        }
    });
    let naive_per_day = naive / sample as u32;
    println!(
        "[{name}] per-date scan: {} days sampled, {:.3} s per day (peak {}) → {:.0} s for all {} days",
        sample,
        secs(naive_per_day),
        mb(peak),
        secs(naive_per_day) * span.days() as f64,
        span.days()
    );
    Figures {
        rows,
        load,
        walk,
        parquet,
        parquet_bytes,
        naive_per_day,
        days: span.days(),
    }
}

/// The naive way for one day: load everything again and assess every stock as of the day
/// (`scan`'s path; with `all_stocks`, every stock of the store). Checked against the
/// panel's rows of that day.
fn naive_day(store: &Store, theme: &Theme, t: &Thresholds, all: bool, day: Date, p: &PanelData) {
    let lex = Lexicon::builtin();
    let verdicts: Vec<(Symbol, &'static str)> = if all {
        let ctx = jobs::context::load_all_stocks_context(store, theme, lex, t).unwrap();
        ctx.stocks
            .iter()
            .filter(|s| s.in_scope(day) || s.heat_at(day).is_some())
            .map(|s| (s.info.symbol, assess_stock_at(&ctx, s, day).verdict.name()))
            .collect()
    } else {
        let scan = jobs::scan(store, theme, day, t).unwrap();
        scan.report
            .stocks
            .iter()
            .map(|a| (Symbol::parse_stock(&a.code).unwrap(), a.verdict.name()))
            .collect()
    };
    let i = p.ctx.calendar.binary_search(&day).unwrap();
    let span = Span {
        from: i,
        to: i,
        all_stocks: all,
    };
    let mut from_panel = Vec::new();
    panel::walk::<std::convert::Infallible>(&p.ctx, &p.indices, span, &mut |r| {
        from_panel.push((r.symbol, r.verdict.name()));
        Ok(())
    })
    .unwrap();
    let (mut a, mut b) = (verdicts, from_panel);
    a.sort();
    b.sort();
    assert_eq!(a, b, "the panel's rows of {day} differ from its scan");
}

fn report(name: &str, f: &Figures) {
    let panel = f.load + f.walk;
    let naive = f.naive_per_day * f.days as u32;
    println!(
        "[{name}] RESULT: {} stock-days; walk {:.0}/s; panel (load + walk) {:.2} s, with Parquet {:.2} s ({:.1} MB); per-date scan extrapolated {:.0} s; panel {:.0}× faster ({:.0}× with Parquet)",
        f.rows,
        f.rows as f64 / secs(f.walk),
        secs(panel),
        secs(f.load + f.parquet),
        f.parquet_bytes as f64 / 1e6,
        secs(naive),
        secs(naive) / secs(panel),
        secs(naive) / secs(f.load + f.parquet),
    );
}

fn generated(dir: &Path) -> (Store, Theme) {
    let spec = synth::Spec {
        roles: [234, 233, 233],
        days: 1000,
        runs: 12,
        extra_docs: 10,
        ..synth::Spec::default()
    };
    synth::generate(dir, &spec);
    let mut store = Store::open(&dir.join("bench.db")).unwrap();
    let theme = Theme::parse(synth::THEME, "synth").unwrap();
    import::bars(
        &mut store,
        &dir.join("bars.csv"),
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::index(
        &mut store,
        &dir.join("index.csv"),
        None,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::docs(
        &mut store,
        &dir.join("docs.jsonl"),
        DocDefaults::default(),
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::members(
        &mut store,
        &dir.join("members.csv"),
        &theme.id,
        None,
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    (store, theme)
}

fn whole_market(dir: &Path, root: &Path) -> Option<(Store, Theme)> {
    let data = root.join("../shared/data");
    let bars = data.join("suiwenfeng-stock/daily_bars_long.csv.gz");
    if !bars.exists() {
        println!(
            "skipped: {} is absent (this bench needs the real market data, which this checkout does not have)",
            bars.display()
        );
        return None;
    }
    let mut store = Store::open(&dir.join("market.db")).unwrap();
    let t = Instant::now();
    import::bars(
        &mut store,
        &bars,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .unwrap();
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
        let symbol = Symbol::parse_index(code).unwrap();
        import::index(
            &mut store,
            &data.join(file),
            Some(symbol),
            &mut |_| {},
            &mut import::BadRows::refuse(),
        )
        .unwrap();
    }
    let qa = qa_as_docs(&data.join("real-qa/qa.jsonl"), dir);
    import::docs(
        &mut store,
        &qa,
        DocDefaults::default(),
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    println!(
        "[market] store built in {:.1} s (not timed below)",
        secs(t.elapsed())
    );
    let theme = jobs::find_theme(Some(&store), "deepseek").unwrap();
    Some((store, theme))
}

/// The real Q&A records as documents dated by their answer (the question when unanswered).
fn qa_as_docs(src: &Path, dir: &Path) -> PathBuf {
    let mut out = String::new();
    for line in std::fs::read_to_string(src).unwrap().lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let answered = d["answer"].as_str().is_some_and(|a| !a.trim().is_empty());
        let date = match (&d["answer_date"], &d["question_date"]) {
            (serde_json::Value::String(a), _) if answered => a.clone(),
            (_, serde_json::Value::String(q)) => q.clone(),
            _ => continue,
        };
        let doc = serde_json::json!({"code": d["code"], "date": date, "kind": "qa",
            "question": d["question"], "answer": d["answer"], "url": d["url"]});
        out.push_str(&doc.to_string());
        out.push('\n');
    }
    let path = dir.join("qa.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample: usize = std::env::var("BENCH_SAMPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let (store, theme) = generated(dir.path());
    println!(
        "[generated] 700 stocks × 1,000 days generated and imported in {:.1} s (not timed below)",
        secs(t.elapsed())
    );
    let f = run("generated", &store, &theme, false, sample);
    assert_eq!(f.rows, 700 * 1000, "one row per member and day");
    report("generated", &f);
    drop(store);
    if std::env::var("BENCH_SKIP_MARKET").is_ok_and(|v| v == "1") {
        return;
    }
    if let Some((store, theme)) = whole_market(dir.path(), &root) {
        let f = run("market --all-stocks", &store, &theme, true, sample);
        report("market --all-stocks", &f);
    }
}
