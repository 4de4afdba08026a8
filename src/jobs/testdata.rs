//! Stores for the jobs' unit tests: the bundled demo sample, and synthetic bars.

use std::path::PathBuf;

use crate::ingest::DocDefaults;
use crate::jobs::import;
use crate::model::{Bar, Date, Symbol};
use crate::store::Store;
use crate::theme::Theme;

type Res = Result<(), Box<dyn std::error::Error>>;

pub(crate) fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn demo(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("demo")
        .join(file)
}

/// The demo's fictional theme.
pub(crate) fn demo_theme() -> Theme {
    let toml = std::fs::read_to_string(demo("theme.toml")).unwrap();
    Theme::parse(&toml, "demo/theme.toml").unwrap()
}

/// An in-memory store with the demo's bars, index levels, documents, members and
/// revenue segments (what `hypecheck demo` imports).
pub(crate) fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    import::bars(
        &mut store,
        &demo("bars.csv"),
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::index(
        &mut store,
        &demo("index.csv"),
        None,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::docs(
        &mut store,
        &demo("docs.jsonl"),
        DocDefaults::default(),
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::members(
        &mut store,
        &demo("members.csv"),
        &demo_theme().id,
        None,
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    import::segments(
        &mut store,
        &demo("segments.csv"),
        &mut import::BadRows::refuse(),
    )
    .unwrap();
    store
}

/// A store with one SZSE main-board stock (000001.SZ) that closed limit-up on each of
/// `n` consecutive weekdays; returns the store and the last day.
pub(crate) fn limit_up_run(n: usize) -> (Store, Date) {
    let symbol = Symbol::parse_stock("000001.SZ").unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut date = day("2024-01-01");
    let mut close = 1000i64;
    let mut list = Vec::new();
    // One quiet day first, then the run.
    for i in 0..=n {
        while matches!(
            chrono::Datelike::weekday(&date),
            chrono::Weekday::Sat | chrono::Weekday::Sun
        ) {
            date = date.succ_opt().unwrap();
        }
        let prev = close;
        if i > 0 {
            close = crate::market::limit::limit_up_price(prev, 10, symbol.exchange);
        }
        list.push(Bar {
            date,
            open: prev,
            high: close,
            low: prev,
            close,
            prev_close: (i > 0).then_some(prev),
            volume: Some(1000),
            amount: None,
            turnover: None,
            st: Some(false),
        });
        date = date.succ_opt().unwrap();
    }
    store
        .import_bars(|sink| -> Res {
            for b in &list {
                sink.add(symbol, Some("测试股份"), b)?;
            }
            Ok(())
        })
        .unwrap();
    let last = list.last().unwrap().date;
    (store, last)
}
