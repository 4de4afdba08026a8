//! Loads a theme's [`Context`] from the store, once: every store query of a scan (or of a
//! panel over many days) happens here, none in the per-stock, per-day loop.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use super::listings::StFacts;
use super::Result;
use crate::assess::context::{DatedExposure, MemberSpan};
use crate::assess::series::{market_series, SeriesInput};
use crate::assess::{ClassifiedDoc, Context, StockContext, Thresholds};
use crate::exposure::exposure_by_period;
use crate::market::fluctuation::benchmark_candidates;
use crate::model::{Document, IndexBar, Symbol};
use crate::store::Store;
use crate::text::Lexicon;
use crate::theme::Theme;

/// Loads the context of `theme` from the store: its stocks (members and stocks with a
/// document that mentions the theme, an old code counted as its new one), each with its
/// market series under `t`, its documents about the theme classified with `lexicon`, its
/// memberships and its revenue exposures.
///
/// Each stock's bars are read once (with its name history, ST periods and revenue
/// segments); the calendar, listings, documents, members, code changes, ST list coverage
/// and each benchmark index once per load.
pub fn load_context(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    t: &Thresholds,
) -> Result<Context> {
    load(store, theme, lexicon, t, Stocks::Theme)
}

/// [`load_context`] for one stock only (`stock CODE --theme ID`), whether or not it is in
/// the theme's scope; the context's theme-wide counts are the whole theme's.
pub fn load_stock_context(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    t: &Thresholds,
    symbol: Symbol,
) -> Result<Context> {
    load(store, theme, lexicon, t, Stocks::One(symbol))
}

/// [`load_context`] with every stock of the store, in the theme's scope or not (the panel's
/// and the study's `--all-stocks`); each stock's scope on a day is still known
/// ([`StockContext::in_scope`]).
pub fn load_all_stocks_context(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    t: &Thresholds,
) -> Result<Context> {
    load(store, theme, lexicon, t, Stocks::All)
}

/// Which stocks a context holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stocks {
    /// The theme's scope: members and stocks with a document about it.
    Theme,
    /// One stock, in scope or not.
    One(Symbol),
    /// Every stock of the store.
    All,
}

fn load(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    t: &Thresholds,
    stocks: Stocks,
) -> Result<Context> {
    let only = match stocks {
        Stocks::One(s) => Some(s),
        _ => None,
    };
    let matcher = theme.matcher();
    let calendar = store.trading_dates(..)?;
    let listings = super::Listings::load(store)?;
    let successor: HashMap<Symbol, Symbol> = store
        .code_changes()?
        .into_iter()
        .map(|(old, new, _)| (old, new))
        .collect();
    let current = |s: Symbol| {
        let mut s = s;
        // A chain of changes ends; a cycle in bad data must not hang.
        for _ in 0..8 {
            match successor.get(&s) {
                Some(&n) => s = n,
                None => break,
            }
        }
        s
    };
    let all_docs = store.documents_between(..)?;
    let documents = all_docs.len() as u64;
    let mut theme_docs = Vec::new();
    let mut docs: BTreeMap<Symbol, Vec<ClassifiedDoc>> = BTreeMap::new();
    let about: Vec<&Document> = all_docs
        .iter()
        .filter(|d| matcher.mentions(&d.full_text()))
        .collect();
    // What each company's own answers say of its trade, as of each document's date.
    let trades = super::OwnTrades::of(&matcher, about.iter().copied(), current);
    for d in about {
        theme_docs.push((d.date, d.kind));
        let symbol = current(d.symbol);
        if only.is_some_and(|o| o != symbol) {
            continue;
        }
        let c = trades.classify(lexicon, &matcher, d, symbol);
        docs.entry(symbol).or_default().push(c);
    }
    drop(all_docs);
    let rows = store.members(&theme.id)?;
    let members = rows.len();
    let mut spans: BTreeMap<Symbol, Vec<MemberSpan>> = BTreeMap::new();
    for m in rows {
        spans
            .entry(current(m.symbol))
            .or_default()
            .push(MemberSpan {
                reason: m.reason,
                source: m.source,
                // From the members file's `added`/`removed` (docs/design.md §6 "As of a
                // date"); an undated membership counts on every day.
                added: m.added,
                removed: m.removed,
            });
    }
    let mut symbols: Vec<Symbol> = match stocks {
        Stocks::One(o) => vec![o],
        Stocks::Theme => docs.keys().chain(spans.keys()).copied().collect(),
        Stocks::All => docs
            .keys()
            .chain(spans.keys())
            .copied()
            .chain(store.symbols()?.into_iter().map(current))
            .collect(),
    };
    symbols.sort();
    symbols.dedup();
    let coverage = Rc::new(store.st_coverage()?);
    let mut indices: HashMap<Symbol, Index> = HashMap::new();
    let mut stocks = Vec::new();
    for symbol in symbols {
        let Some(info) = listings.info(symbol) else {
            continue; // an index or fund: no verdict applies
        };
        let (benchmark, index) = benchmark_of(store, &info, &mut indices)?;
        let mut bars = store.bars(symbol, ..)?;
        let facts = StFacts::load_with(store, symbol, Rc::clone(&coverage))?;
        facts.apply(&mut bars);
        let input = SeriesInput {
            info: &info,
            index: index.as_deref().map(Vec::as_slice),
            calendar: &calendar,
            thresholds: t,
        };
        let series = market_series(&input, &bars, &|d| facts.decided(d));
        let segments = store.segments(symbol)?;
        // A report counts from its publication date, else its period's statutory deadline.
        let out_on = super::report_dates(store, symbol)?;
        let mut exposures: Vec<DatedExposure> = exposure_by_period(&segments, &theme.segments)
            .into_iter()
            .map(|x| {
                let (available, published) = out_on(x.period);
                DatedExposure {
                    available,
                    published,
                    exposure: x,
                }
            })
            .collect();
        exposures.sort_by_key(|x| x.available);
        let name = super::current_name(store, symbol)?;
        let shares = store.shares(symbol)?;
        stocks.push(StockContext {
            info,
            name,
            names: facts.history.clone(),
            benchmark,
            series,
            docs: docs.remove(&symbol).unwrap_or_default(),
            members: spans.remove(&symbol).unwrap_or_default(),
            exposures,
            shares,
        });
    }
    Ok(Context {
        theme_id: theme.id.clone(),
        theme_name: theme.name.clone(),
        thresholds: *t,
        calendar,
        stocks,
        theme_docs,
        documents,
        members,
    })
}

/// An index's bars, shared by the stocks of its board.
type Index = Rc<Vec<IndexBar>>;

/// The first of the board's benchmark candidates that the store has bars of, read once
/// per load.
fn benchmark_of(
    store: &Store,
    info: &crate::market::StockInfo,
    cache: &mut HashMap<Symbol, Index>,
) -> Result<(Option<Symbol>, Option<Index>)> {
    for code in benchmark_candidates(info.board) {
        let Ok(symbol) = Symbol::parse_index(code) else {
            continue;
        };
        let bars = match cache.get(&symbol) {
            Some(b) => Rc::clone(b),
            None => {
                let b = Rc::new(store.index_bars(symbol, ..)?);
                cache.insert(symbol, Rc::clone(&b));
                b
            }
        };
        if !bars.is_empty() {
            return Ok((Some(symbol), Some(bars)));
        }
    }
    Ok((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::assess_at;
    use crate::jobs::testdata::{day, demo_store, demo_theme};

    #[test]
    fn a_load_reads_each_stocks_bars_once_and_a_day_reads_nothing() {
        let store = demo_store();
        let theme = demo_theme();
        let t = Thresholds::default();
        store.count_statements();
        let before = crate::store::statements_run();
        let ctx = load_context(&store, &theme, Lexicon::builtin(), &t).unwrap();
        let runs = |list: &[(String, u64)], pat: &str| -> u64 {
            list.iter()
                .filter(|(s, _)| s.contains(pat) && s.contains("WHERE sid = ?1"))
                .map(|(_, n)| *n)
                .sum()
        };
        let after = crate::store::statements_run();
        let bar_reads = runs(&after, "FROM bars") - runs(&before, "FROM bars");
        assert!(ctx.stocks.len() >= 6, "{}", ctx.stocks.len());
        assert_eq!(bar_reads, ctx.stocks.len() as u64, "{after:?}");
        let docs = |l: &[(String, u64)]| -> u64 {
            l.iter()
                .filter(|(s, _)| s.contains("FROM documents d"))
                .map(|(_, n)| *n)
                .sum()
        };
        assert_eq!(docs(&after) - docs(&before), 1);
        // Assessing any number of days runs no statement.
        let total = |l: &[(String, u64)]| l.iter().map(|(_, n)| n).sum::<u64>();
        let loaded = total(&crate::store::statements_run());
        for d in ctx.trading_days().to_vec() {
            let _ = assess_at(&ctx, d);
        }
        assert_eq!(total(&crate::store::statements_run()), loaded);
        // The scan of a day equals the context's assessment of that day.
        let asof = day("2025-04-18");
        let scan = crate::jobs::scan(&store, &theme, asof, &t).unwrap();
        assert_eq!(scan.report, assess_at(&ctx, asof));
    }
}
