//! Daily use: fetch only what is new. Each stock's bars (and each index's levels) start the
//! day after the last one stored, each stock's announcements at the latest one stored (the
//! import recognises the documents it already has by id and leaves them unchanged); what
//! the store already has through the end of the range is left out and said.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDateTime, NaiveTime, Weekday};

use super::{AnnouncementOptions, Request, Result};
use crate::model::{Date, DocKind, Symbol};
use crate::store::Store;

/// The last day whose bars can be fetched at `now` (Beijing time): today once the day's
/// data are out (15:30), else the weekday before. Exchange holidays are not known here: a
/// holiday's fetch finds no rows.
pub fn last_trading_day(now: NaiveDateTime) -> Date {
    let close = NaiveTime::from_hms_opt(15, 30, 0).unwrap_or(NaiveTime::MIN);
    let mut day = now.date();
    if now.time() < close {
        day = day.pred_opt().unwrap_or(day);
    }
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.pred_opt().unwrap_or(day);
    }
    day
}

/// Stocks (or indices) a fetch left out because the store has them through the end of
/// its range.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    /// The fetch command (`bars`, `index`).
    pub command: &'static str,
    /// What was left out.
    pub symbols: Vec<Symbol>,
    /// The end of the range.
    pub through: Date,
}

/// Where each of `symbols` starts within `from..=to`: the day after its `last` stored date
/// (`next`: 1), or that date itself (`next`: 0: documents of the last day may have come
/// after the last fetch), when the store has the range's start (its `first` date on or
/// before `begins`, the store's first trading day of the range, or `first` unknown);
/// grouped by start date. Symbols stored through `to` are returned apart.
fn starts(
    symbols: &[Symbol],
    last: &[(Symbol, Date)],
    (first, begins): (&[(Symbol, Date)], Date),
    (from, to): (Date, Date),
    next: u64,
) -> (BTreeMap<Date, Vec<Symbol>>, Vec<Symbol>) {
    let find = |list: &[(Symbol, Date)], s: &Symbol| {
        list.binary_search_by_key(s, |(sym, _)| *sym)
            .ok()
            .map(|i| list[i].1)
    };
    let (mut groups, mut current) = (BTreeMap::<Date, Vec<Symbol>>::new(), Vec::new());
    for s in symbols {
        let start = match find(last, s) {
            Some(l) if find(first, s).is_none_or(|f| f <= begins) => {
                let after = l.checked_add_days(Days::new(next)).unwrap_or(l);
                if after > to {
                    current.push(*s);
                    continue;
                }
                after.max(from)
            }
            _ => from,
        };
        groups.entry(start).or_default().push(*s);
    }
    (groups, current)
}

/// Bars of `symbols` (every stock with bars when `None`) from the day after each one's
/// last bar through `to`; `from` starts a stock the store has no bars of. Returns the
/// requests (one per start date) and the stocks already current.
pub fn bars_update(
    store: &Store,
    symbols: Option<&[Symbol]>,
    from: Date,
    to: Date,
) -> Result<(Vec<Request>, Option<Current>)> {
    let last = store.last_bars()?;
    let all: Vec<Symbol>;
    let symbols = match symbols {
        Some(s) => s,
        None => {
            all = last.iter().map(|(s, _)| *s).collect();
            &all
        }
    };
    let (groups, current) = starts(symbols, &last, (&[], from), (from, to), 1);
    let requests = groups
        .iter()
        .map(|(start, codes)| Request::bars(codes, *start, to))
        .collect::<Result<Vec<_>>>()?;
    Ok((requests, current_of("bars", current, to)))
}

/// `fetch bars --update`: every stock with bars (or the members of `theme`) from the day
/// after its last bar through `to`; a member without bars gets the history a theme's
/// fetch as of `to` would ([`super::asof_range`] with a 10-day window).
pub fn update_bars(
    store: &Store,
    theme: Option<&str>,
    to: Date,
) -> Result<(Vec<Request>, Option<Current>)> {
    let members = match theme {
        Some(t) => {
            let mut m: Vec<Symbol> = store.members(t)?.iter().map(|m| m.symbol).collect();
            m.sort();
            m.dedup();
            if m.is_empty() {
                return Err(super::Error::NoMembers(t.to_string()));
            }
            Some(m)
        }
        None if store.latest_date()?.is_none() => {
            return Err(crate::jobs::Error::EmptyStore.into());
        }
        None => None,
    };
    let (from, _) = super::asof_range(to, 10);
    bars_update(store, members.as_deref(), from, to)
}

fn current_of(command: &'static str, symbols: Vec<Symbol>, through: Date) -> Option<Current> {
    (!symbols.is_empty()).then_some(Current {
        command,
        symbols,
        through,
    })
}

/// A theme's bars, index levels and announcements from `from` to `to`, each starting
/// where the store's data end (see [`starts`]); what is current is returned apart.
pub(super) fn theme_ranged(
    store: &Store,
    codes: &[Symbol],
    indices: &[Symbol],
    (from, to): (Date, Date),
) -> Result<(Vec<Request>, Vec<Current>)> {
    let firsts: Vec<(Symbol, Date)> = store
        .first_bars()?
        .into_iter()
        .map(|(s, _, first)| (s, first))
        .collect();
    // A stock whose bars begin after the store's first trading day of the range misses its
    // start (or listed later): its whole range is fetched.
    let begins = store
        .trading_dates(from..=to)?
        .first()
        .copied()
        .unwrap_or(from);
    let range = (from, to);
    let (bars, bars_current) = starts(codes, &store.last_bars()?, (&firsts, begins), range, 1);
    let last_index = store.last_index_bars()?;
    let (index, index_current) = starts(indices, &last_index, (&[], from), range, 1);
    let last_ann = store.last_documents(DocKind::Announcement)?;
    let (ann, _) = starts(codes, &last_ann, (&[], from), range, 0);
    let mut requests = Vec::new();
    for (start, codes) in &bars {
        requests.push(Request::bars(codes, *start, to)?);
    }
    for (start, codes) in &index {
        requests.push(Request::index(codes, *start, to)?);
    }
    let opts = AnnouncementOptions::default();
    for (start, codes) in &ann {
        requests.push(Request::announcements(codes, *start, to, &opts)?);
    }
    let current = [
        current_of("bars", bars_current, to),
        current_of("index", index_current, to),
    ];
    Ok((requests, current.into_iter().flatten().collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_last_trading_day_is_a_weekday_after_its_close() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(last_trading_day(at("2025-04-18 16:00")), day("2025-04-18"));
        assert_eq!(last_trading_day(at("2025-04-18 10:00")), day("2025-04-17"));
        // Saturday, and Monday morning: the Friday before.
        assert_eq!(last_trading_day(at("2025-04-19 16:00")), day("2025-04-18"));
        assert_eq!(last_trading_day(at("2025-04-21 09:00")), day("2025-04-18"));
    }

    #[test]
    fn each_stock_starts_after_its_last_bar_and_current_ones_are_left_out() {
        let s = |c: &str| Symbol::parse_stock(c).unwrap();
        let (a, b, c, d) = (s("600000"), s("600001"), s("000001"), s("000002"));
        let mut last = vec![
            (a, day("2025-04-17")),
            (b, day("2025-04-18")),
            (c, day("2025-04-17")),
            (d, day("2025-04-10")),
        ];
        last.sort();
        // d's history begins after the range's start: its whole range is fetched.
        let first = vec![(d, day("2025-04-01"))];
        let (groups, current) = starts(
            &[a, b, c, d, s("600002")],
            &last,
            (&first, day("2025-03-03")),
            (day("2025-03-01"), day("2025-04-18")),
            1,
        );
        assert_eq!(current, [b]);
        assert_eq!(groups[&day("2025-04-18")], [a, c]);
        assert_eq!(groups[&day("2025-03-01")], [d, s("600002")]);
        // Documents start on their last day again.
        let range = (day("2025-03-01"), day("2025-04-17"));
        let (groups, current) = starts(&[a], &last, (&[], range.0), range, 0);
        assert!(current.is_empty());
        assert_eq!(groups[&day("2025-04-17")], [a]);
    }
}
