//! One stock's market dossier from the store, its benchmark, and finding a stock by code
//! or name.

use super::{Error, Result};
use crate::assess::{market_dossier, MarketDossier};
use crate::market::{fluctuation::benchmark_candidates, StockInfo};
use crate::model::{Date, IndexBar, Symbol};
use crate::store::Store;

/// How many matches [`Error::AmbiguousStock`] lists.
const SHOWN_MATCHES: usize = 10;

/// The market dossier of a stock as of `asof` (default: its latest bar) over a look-back
/// `window` of trading days (a given `asof` must be a trading day of the store, see
/// [`super::trading_day`]), with excess returns and deviations against `benchmark`
/// (default: the first of the board's candidates that the store has, see [`benchmark`]).
pub fn dossier(
    store: &Store,
    info: &StockInfo,
    name: Option<String>,
    asof: Option<Date>,
    window: usize,
    benchmark_index: Option<Symbol>,
) -> Result<MarketDossier> {
    if let Some(d) = asof {
        super::trading_day(store, d)?;
    }
    dossier_upto(store, info, name, asof, window, benchmark_index)
}

/// [`dossier`] from the stock's last bar on or before `asof`, whatever day `asof` is (a
/// scan as of a weekend, or of a day after the last bar, looks at the bars it has; the
/// dossier says which day its bar is from).
pub fn dossier_upto(
    store: &Store,
    info: &StockInfo,
    name: Option<String>,
    asof: Option<Date>,
    window: usize,
    benchmark_index: Option<Symbol>,
) -> Result<MarketDossier> {
    let symbol = info.symbol;
    let mut info = *info;
    let bars = match asof {
        Some(d) => super::stock_bars(store, &mut info, ..=d)?,
        None => super::stock_bars(store, &mut info, ..)?,
    };
    let no_bars = Error::NoBars { symbol, asof };
    let Some(last) = bars.last() else {
        return Err(no_bars);
    };
    let asof = asof.unwrap_or(last.date);
    let (bench_symbol, index) = benchmark(store, &info, benchmark_index, asof)?;
    let calendar = store.trading_dates(..=asof)?;
    let bench = bench_symbol.map(|s| (s, index.as_slice()));
    let dated = store.name_on(symbol, last.date)?;
    let mut d = market_dossier(
        &info,
        dated.clone().or(name),
        &bars,
        asof,
        window,
        bench,
        Some(&calendar),
    )
    .ok_or(no_bars)?;
    if dated.is_some() {
        d.name_current = false;
    }
    let volume = bars.last().and_then(|b| b.volume);
    Ok(d.with_shares(&store.shares(symbol)?, volume))
}

/// The benchmark index and its bars up to `asof`: `given` (an error when the store has
/// none of its bars), or else the first of the board's candidates that the store has
/// (`None` when it has none).
pub fn benchmark(
    store: &Store,
    info: &StockInfo,
    given: Option<Symbol>,
    asof: Date,
) -> Result<(Option<Symbol>, Vec<IndexBar>)> {
    if let Some(symbol) = given {
        let bars = store.index_bars(symbol, ..=asof)?;
        if bars.is_empty() {
            return Err(Error::NoBenchmarkBars(symbol));
        }
        return Ok((Some(symbol), bars));
    }
    for code in benchmark_candidates(info.board) {
        let Ok(symbol) = Symbol::parse_index(code) else {
            continue;
        };
        let bars = store.index_bars(symbol, ..=asof)?;
        if !bars.is_empty() {
            return Ok((Some(symbol), bars));
        }
    }
    Ok((None, Vec::new()))
}

/// The latest name the store knows for a stock (the name column of its latest imported
/// bars), or the old code's when it changed code and has none under the new one.
pub fn current_name(store: &Store, symbol: Symbol) -> Result<Option<String>> {
    if let Some(name) = store.security(symbol)?.and_then(|s| s.name) {
        return Ok(Some(name));
    }
    for (old, _) in store.predecessors(symbol)?.into_iter().rev() {
        if let Some(name) = store.security(old)?.and_then(|s| s.name) {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// A stock from what a user typed: a code (`002881`, `002881.SZ`, `sz002881`), or else the
/// exact name of one stock in the store; with its name when the store knows it.
pub fn resolve_stock(store: &Store, input: &str) -> Result<(Symbol, Option<String>)> {
    // An old code that changed (the BSE's 83xxxx → 920xxx) is the stock under its new one.
    let current = |symbol: Symbol| -> Result<Symbol> {
        Ok(store.successor(symbol)?.map_or(symbol, |(new, _)| new))
    };
    if let Ok(symbol) = Symbol::parse_stock(input) {
        let symbol = current(symbol)?;
        return Ok((symbol, current_name(store, symbol)?));
    }
    let mut found = store.securities_by_name(input.trim())?;
    // One company under its old and its new code is one match.
    for s in &mut found {
        s.symbol = current(s.symbol)?;
    }
    found.sort_by_key(|s| s.symbol);
    found.dedup_by_key(|s| s.symbol);
    match found.as_slice() {
        [one] => Ok((one.symbol, current_name(store, one.symbol)?)),
        [] => Err(Error::UnknownStock(input.to_string())),
        many => Err(Error::AmbiguousStock {
            input: input.to_string(),
            matches: many
                .iter()
                .take(SHOWN_MATCHES)
                .map(|s| (s.symbol, s.name.clone()))
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::testdata::{day, demo_store};
    use crate::model::Lang;

    fn info(code: &str) -> StockInfo {
        StockInfo::new(Symbol::parse_stock(code).unwrap()).unwrap()
    }

    /// The demo stock 605890's dossier as of `asof` (the last bar without), 10-day window,
    /// the board's own benchmark.
    fn yunfan(store: &Store, asof: Option<&str>) -> Result<MarketDossier> {
        dossier(store, &info("605890.SH"), None, asof.map(day), 10, None)
    }

    #[test]
    fn a_name_resolves_to_its_code_and_a_code_to_its_name() {
        let store = demo_store();
        let (symbol, name) = resolve_stock(&store, "云帆科技").unwrap();
        assert_eq!(symbol.to_string(), "605890.SH");
        assert_eq!(name.as_deref(), Some("云帆科技"));
        let (symbol, name) = resolve_stock(&store, "605890").unwrap();
        assert_eq!(symbol.to_string(), "605890.SH");
        assert_eq!(name.as_deref(), Some("云帆科技"));
        assert!(matches!(
            resolve_stock(&store, "没有这家公司"),
            Err(Error::UnknownStock(_))
        ));
        // A B share's name is told why it is not there.
        let err = resolve_stock(&store, "万科Ｂ").unwrap_err();
        assert!(err.message(Lang::Zh).contains("B股"), "{err}");
        assert!(!Error::UnknownStock("没有这家公司".into())
            .message(Lang::En)
            .contains("B shares"));
    }

    #[test]
    fn the_dossier_takes_the_last_bar_on_or_before_the_date() {
        let store = demo_store();
        let d = yunfan(&store, Some("2025-04-18")).unwrap();
        assert_eq!(d.asof, day("2025-04-18"));
        assert!(d.bar_date <= d.asof);
        // The SSE main board's benchmark, which the demo's index file has.
        assert!(d.abnormal.benchmark.is_some(), "{:?}", d.abnormal);
        let latest = yunfan(&store, None).unwrap();
        assert!(latest.asof >= d.asof);
    }

    #[test]
    fn no_bars_and_a_missing_benchmark_are_errors() {
        let store = demo_store();
        let early = yunfan(&store, Some("2000-01-04"));
        assert!(
            matches!(early, Err(Error::BeforeFirstBar { .. })),
            "{early:?}"
        );
        let missing = Symbol::parse_index("000300.SH").unwrap();
        let r = dossier(&store, &info("605890.SH"), None, None, 10, Some(missing));
        assert!(matches!(r, Err(Error::NoBenchmarkBars(_))), "{r:?}");
        let empty = Store::open_in_memory().unwrap();
        let r = yunfan(&empty, None);
        assert!(matches!(r, Err(Error::NoBars { asof: None, .. })));
        let r = yunfan(&empty, Some("2025-04-18"));
        assert!(matches!(r, Err(Error::EmptyStore)), "{r:?}");
    }
}
