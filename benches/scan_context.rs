//! A theme scan of about 700 members over the whole-market bar file, with the real investor
//! Q&A corpus imported, run two ways in the same process on the same store:
//! - **per stock** (the scan as it was before `assess::Context`): per stock of the scope its
//!   name, documents, bars (twice: the chart's and the dossier's, each with the ST
//!   judgement's reload of the whole history), benchmark, membership and segments read from
//!   the store, the documents classified, and `market::analyze` run over its history;
//! - **context** (`jobs::load_context` + `jobs::scan_at`): the theme read once, each stock's
//!   bars once, then the day assessed from plain data.
//!
//! It prints wall time and the SQL statements each ran (total, and those that read a
//! stock's bars: `FROM bars … WHERE sid = ?1`), the ratio, and checks that both give the
//! same verdicts where the rules did not change (heat and substance).
//!
//! Run: `cargo bench --bench scan_context`. The store is built once under `target/bench-scan/`
//! (`import bars` of the whole-market file, `import docs` of `../shared/data/real-qa`
//! with each record dated by its answer, or its question when unanswered, moved 15 months
//! earlier so that the records fall inside the bars' dates (timing only), the theme's members:
//! the corpus's companies and the first stocks of the store in code order, 700 in all).
//! `BENCH_RUNS=N` repeats each way N times and keeps the best (default 3).

use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hypecheck::assess::{assess_stock, Heat, StockInput, Thresholds};
use hypecheck::jobs;
use hypecheck::store::{statements_run, Store};
use hypecheck::text::Lexicon;

const MEMBERS: usize = 700;
const THEME: &str = "compute";

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bars = root.join("../shared/data/suiwenfeng-stock/daily_bars_long.csv.gz");
    let qa = root.join("../shared/data/real-qa/qa.jsonl");
    if !bars.exists() || !qa.exists() {
        println!("skipped: the whole-market bars or the real Q&A corpus is absent (this bench needs the real data, which this checkout does not have)");
        return;
    }
    let dir = root.join("target/bench-scan");
    let db = dir.join("store.db");
    if !dir.join("ready").exists() {
        build_store(&dir, &db, &bars, &qa);
    }
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let store = Store::open(&db).expect("open the bench store");
    store.count_statements();
    let theme = jobs::find_theme(Some(&store), THEME).expect("theme");
    let asof = store.latest_date().unwrap().unwrap();
    let t = Thresholds::default();

    let mut old = None;
    let mut new = None;
    for _ in 0..runs {
        let (d, q, b, n) = measure(|| per_stock(&store, &theme, asof, &t));
        if old
            .as_ref()
            .is_none_or(|o: &(Duration, u64, u64, usize)| d < o.0)
        {
            old = Some((d, q, b, n));
        }
        let (d, q, b, n) = measure(|| {
            let ctx = jobs::load_context(&store, &theme, Lexicon::builtin(), &t).unwrap();
            jobs::scan_at(&ctx, asof).report.stocks.len()
        });
        if new
            .as_ref()
            .is_none_or(|o: &(Duration, u64, u64, usize)| d < o.0)
        {
            new = Some((d, q, b, n));
        }
    }
    let (od, oq, ob, on) = old.unwrap();
    let (nd, nq, nb, nn) = new.unwrap();
    println!("theme {THEME}, as of {asof}, best of {runs}:");
    println!(
        "  per stock (before): {:>7.3} s, {oq:>6} statements, {ob:>5} bar reads, {on} stocks",
        od.as_secs_f64()
    );
    println!(
        "  context   (after):  {:>7.3} s, {nq:>6} statements, {nb:>5} bar reads, {nn} stocks",
        nd.as_secs_f64()
    );
    println!(
        "  ratio: {:.2}x faster, {:.2}x fewer statements; bar reads per stock: {:.2} before, {:.2} after",
        od.as_secs_f64() / nd.as_secs_f64(),
        oq as f64 / nq as f64,
        ob as f64 / on.max(1) as f64,
        nb as f64 / nn.max(1) as f64,
    );
}

/// Time, statements, bar reads and the result of `f`.
fn measure(f: impl FnOnce() -> usize) -> (Duration, u64, u64, usize) {
    let before = statements_run();
    let start = Instant::now();
    let n = f();
    let d = start.elapsed();
    let after = statements_run();
    let count = |l: &[(String, u64)], pred: &dyn Fn(&str) -> bool| -> u64 {
        l.iter().filter(|(s, _)| pred(s)).map(|(_, n)| n).sum()
    };
    let all = |_: &str| true;
    let bars = |s: &str| s.contains("FROM bars") && s.contains("WHERE sid = ?1");
    (
        d,
        count(&after, &all) - count(&before, &all),
        count(&after, &bars) - count(&before, &bars),
        n,
    )
}

/// The scan as it ran before the context: every fact of a stock read inside the loop.
fn per_stock(
    store: &Store,
    theme: &hypecheck::theme::Theme,
    asof: hypecheck::model::Date,
    t: &Thresholds,
) -> usize {
    let lex = Lexicon::builtin();
    let matcher = theme.matcher();
    let listings = jobs::Listings::load(store).unwrap();
    let mut scope: Vec<_> = store
        .documents_between(..)
        .unwrap()
        .iter()
        .filter(|d| d.date <= asof && matcher.mentions(&d.full_text()))
        .map(|d| d.symbol)
        .collect();
    scope.extend(store.members(&theme.id).unwrap().iter().map(|m| m.symbol));
    for s in &mut scope {
        if let Some((new, _)) = store.successor(*s).unwrap() {
            *s = new;
        }
    }
    scope.sort();
    scope.dedup();
    let mut n = 0;
    for symbol in scope {
        let Some(info) = listings.info(symbol) else {
            continue;
        };
        let name = match store.name_on(symbol, asof).unwrap() {
            Some(n) => Some(n),
            None => jobs::current_name(store, symbol).unwrap(),
        };
        let docs: Vec<_> = jobs::classify_all(
            lex,
            &matcher,
            &store.documents_for(symbol, ..=asof).unwrap(),
        )
        .map(|(_, c)| c)
        .collect();
        let mut judged = info;
        let bars = jobs::stock_bars(store, &mut judged, ..=asof).unwrap();
        let market = if bars.is_empty() {
            None
        } else {
            jobs::dossier(store, &info, name.clone(), Some(asof), t.window, None).ok()
        };
        let heat = market.as_ref().map(|m| Heat::of_dossier(m, t));
        let member = jobs::membership(store, theme, symbol).unwrap();
        let exposure = jobs::exposure(store, theme, symbol, asof).unwrap();
        let code = symbol.to_string();
        let input = StockInput {
            code: &code,
            name: name.as_deref(),
            heat: heat.as_ref(),
            window_from: None,
            docs: &docs,
            membership: member.as_ref(),
            exposure: exposure.as_ref(),
            membership_dated: None,
            market: None,
        };
        let _ = assess_stock(&input, asof, t);
        let _ = hypecheck::assess::price_chart(&judged, &bars, jobs::CHART_BARS);
        n += 1;
    }
    n
}

fn build_store(dir: &Path, db: &Path, bars: &Path, qa: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_hypecheck"));
    let run = |args: &[&str]| {
        let out = Command::new(&bin)
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .expect("run hypecheck");
        assert!(
            out.status.success(),
            "hypecheck {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    println!("building the bench store in {} (once)…", dir.display());
    run(&["import", "bars", bars.to_str().unwrap()]);
    // The Q&A corpus as documents, moved 15 months earlier into the bars' dates.
    let docs = dir.join("qa_docs.jsonl");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&docs).unwrap());
    let mut companies = BTreeSet::new();
    for line in std::io::BufReader::new(std::fs::File::open(qa).unwrap()).lines() {
        let r: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
        let date = r["answer_date"]
            .as_str()
            .or(r["question_date"].as_str())
            .and_then(|d| d.parse::<hypecheck::model::Date>().ok());
        let Some(date) = date.and_then(|d| d.checked_sub_months(chrono::Months::new(15))) else {
            continue;
        };
        let code = r["code"].as_str().unwrap().to_string();
        companies.insert(code.clone());
        let doc = serde_json::json!({
            "code": code, "date": date.to_string(), "kind": "qa", "text": "",
            "question": r["question"], "answer": r["answer"], "url": r["url"],
            "source": r["platform"],
        });
        writeln!(w, "{doc}").unwrap();
    }
    drop(w);
    run(&["import", "docs", docs.to_str().unwrap()]);
    // The members: the corpus's companies and the first stocks of the store, 700 in all.
    let store = Store::open(db).unwrap();
    let mut members: Vec<String> = companies.into_iter().collect();
    for s in store.symbols().unwrap() {
        if members.len() >= MEMBERS {
            break;
        }
        let code = s.to_string();
        if !members.contains(&code) && hypecheck::market::StockInfo::new(s).is_some() {
            members.push(code);
        }
    }
    drop(store);
    let file = dir.join("members.csv");
    let mut csv = String::from("code,source\n");
    for m in &members {
        csv.push_str(&format!("{m},bench\n"));
    }
    std::fs::write(&file, csv).unwrap();
    run(&[
        "import",
        "members",
        file.to_str().unwrap(),
        "--theme",
        THEME,
    ]);
    std::fs::write(dir.join("ready"), "").unwrap();
}
