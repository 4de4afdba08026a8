//! Listing dates for the store-based commands: one decision, made the way `signals` makes
//! it from a file, so that `stock`, `ladder`, `scan` and `signals` judge a new stock's IPO
//! days alike (docs/market-rules.md §2.2).

use std::collections::HashMap;

use super::Result;
use crate::market::{self, data_starts, inferred_listing, StockInfo};
use crate::model::{Bar, Date, Symbol};
use crate::store::Store;

/// The listing date of every stock in the store: an imported listing date where there is
/// one, else the stock's first bar when that is later than where its exchange's data
/// begins in the store ([`data_start`], [`inferred_listing`]).
#[derive(Debug, Clone, Default)]
pub struct Listings {
    dates: HashMap<Symbol, Date>,
}

impl Listings {
    /// Reads what the store knows (one index seek per stock).
    pub fn load(store: &Store) -> Result<Listings> {
        let rows = store.first_bars()?;
        let first = data_starts(rows.iter().map(|(symbol, _, d)| (symbol.exchange, *d)));
        let dates = rows
            .into_iter()
            .filter_map(|(symbol, listed, d)| {
                let inferred = first
                    .get(&symbol.exchange)
                    .and_then(|&f| inferred_listing(d, f));
                listed.or(inferred).map(|l| (symbol, l))
            })
            .collect();
        Ok(Listings { dates })
    }

    /// The listing date of a stock, when known or inferred.
    pub fn date(&self, symbol: Symbol) -> Option<Date> {
        self.dates.get(&symbol).copied()
    }

    /// What the rules need to know about a stock: its board and listing date; `None` when
    /// the symbol is not an A-share stock.
    pub fn info(&self, symbol: Symbol) -> Option<StockInfo> {
        StockInfo::new(symbol).map(|mut info| {
            info.listing_date = self.date(symbol);
            info
        })
    }
}

/// A stock's bars in a date range, with its name's ST marks judged against prices
/// ([`judge_name_st`]): those prices refute cleared, and `info.st_unknown` set to the
/// dates on which nothing decides.
pub fn stock_bars(
    store: &Store,
    info: &mut StockInfo,
    dates: impl std::ops::RangeBounds<Date>,
) -> Result<Vec<Bar>> {
    let mut bars = store.bars(info.symbol, dates)?;
    judge_name_st(store, info, &mut bars)?;
    Ok(bars)
}

/// Judges the name's ST marks of `bars` (a stretch of the stock's history) over the
/// stock's whole history in the store ([`market::judge_name_st`]), so that a window and
/// the whole history agree: the marks that prices refute are cleared, and
/// `info.st_unknown` is set to the dates on which nothing decides.
///
/// What decides, first to last: a dated ST list (within its periods, and within a daily
/// list's coverage); a dated name history (`import names`, `fetch st`: the name the stock
/// had that day, ST when it carries the prefix); else the bar's own mark, judged against
/// prices.
pub fn judge_name_st(store: &Store, info: &mut StockInfo, bars: &mut [Bar]) -> Result<()> {
    info.st_unknown = None;
    let facts = StFacts::load(store, info.symbol)?;
    if facts.history.is_empty() && !bars.iter().any(|b| b.st == Some(true)) {
        return Ok(());
    }
    facts.apply(bars);
    if !bars.iter().any(|b| b.st == Some(true)) {
        return Ok(());
    }
    let decided = |d: Date| facts.decided(d);
    let mut all = store.bars(info.symbol, ..)?;
    facts.apply(&mut all);
    let judged = market::judge_name_st_where(info, &mut all, decided);
    if let Some(last) = judged.refuted {
        bars.iter_mut()
            .filter(|b| b.date <= last && b.st == Some(true) && !decided(b.date))
            .for_each(|b| b.st = Some(false));
    }
    info.st_unknown = judged.unknown;
    Ok(())
}

/// What the store says about a stock's ST status besides its bars' name marks: its dated
/// name history, its dated ST periods and the days daily ST lists cover.
#[derive(Debug, Clone, Default)]
pub(crate) struct StFacts {
    pub(crate) history: Vec<(Option<Date>, String)>,
    periods: Vec<crate::model::StPeriod>,
    coverage: std::rc::Rc<Vec<(Date, Date)>>,
}

impl StFacts {
    fn load(store: &Store, symbol: Symbol) -> Result<StFacts> {
        let coverage = std::rc::Rc::new(store.st_coverage()?);
        StFacts::load_with(store, symbol, coverage)
    }

    /// [`StFacts::load`] with the list coverage already read.
    pub(crate) fn load_with(
        store: &Store,
        symbol: Symbol,
        coverage: std::rc::Rc<Vec<(Date, Date)>>,
    ) -> Result<StFacts> {
        Ok(StFacts {
            history: store.names(symbol)?,
            periods: store.st_periods(symbol)?,
            coverage,
        })
    }

    /// A dated ST list decides the date (within its periods, or a daily list's coverage).
    fn listed(&self, d: Date) -> bool {
        self.periods
            .iter()
            .any(|p| p.start <= d && p.end.is_none_or(|e| d <= e))
            || self.coverage.iter().any(|&(a, b)| a <= d && d <= b)
    }

    /// The name the history gives for a date: the latest dated name on or before it, else
    /// the name before the first change; whether it carries the ST prefix.
    fn named(&self, d: Date) -> Option<bool> {
        self.history
            .iter()
            .rev()
            .find(|(start, _)| start.is_none_or(|s| s <= d))
            .map(|(_, name)| crate::ingest::is_st_name(name))
    }

    /// Whether a dated list or name history decides the ST status of the date.
    pub(crate) fn decided(&self, d: Date) -> bool {
        self.listed(d) || self.named(d).is_some()
    }

    /// Sets the ST marks the name history gives on the dates no list decides.
    pub(crate) fn apply(&self, bars: &mut [Bar]) {
        for b in bars.iter_mut().filter(|b| !self.listed(b.date)) {
            if let Some(st) = self.named(b.date) {
                b.st = Some(st);
            }
        }
    }
}

/// [`Listings::info`] for one stock.
pub fn stock_info(store: &Store, symbol: Symbol) -> Result<Option<StockInfo>> {
    Ok(Listings::load(store)?.info(symbol))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(d: &str, close: i64) -> Bar {
        Bar {
            date: d.parse().unwrap(),
            open: close,
            high: close,
            low: close,
            close,
            prev_close: None,
            volume: None,
            amount: None,
            turnover: None,
            st: None,
        }
    }

    #[test]
    fn a_stock_that_begins_later_than_its_exchange_listed_on_its_first_bar() {
        let mut store = Store::open_in_memory().unwrap();
        let old = Symbol::parse_stock("600126").unwrap();
        let new = Symbol::parse_stock("603999").unwrap();
        let sz = Symbol::parse_stock("001395").unwrap();
        store
            .import_bars(|sink| {
                sink.add(old, None, &bar("2025-01-02", 420))?;
                sink.add(old, None, &bar("2025-02-05", 430))?;
                sink.add(new, None, &bar("2025-02-05", 1000))?;
                sink.add(sz, None, &bar("2025-02-05", 3000))?;
                Ok::<(), crate::store::Error>(())
            })
            .unwrap();
        let l = Listings::load(&store).unwrap();
        assert_eq!(l.date(old), None, "the data begins with it");
        assert_eq!(l.date(new), Some("2025-02-05".parse().unwrap()));
        assert_eq!(
            l.date(sz),
            None,
            "the only SZSE stock begins its exchange's data"
        );
        let info = stock_info(&store, new).unwrap().unwrap();
        assert_eq!(info.listing_date, l.date(new));
    }
}
