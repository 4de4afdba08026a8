//! The day's 连板天梯 from the store.

use chrono::Days;

use super::Result;
use crate::assess::{ladder_entry, sort_ladder, Ladder, LadderSummary};
use crate::model::Date;
use crate::store::Store;

/// Calendar days of history loaded per stock; a streak reaching further back makes that
/// stock's whole history load.
pub const LADDER_HISTORY_DAYS: u64 = 90;

/// Every stock that closed limit-up on `date`, highest streak first, and the day's counts.
/// A date that is not a trading day of the store (see [`super::trading_day`]) is an error,
/// not an empty ladder.
pub fn ladder(store: &Store, date: Date) -> Result<Ladder> {
    super::trading_day(store, date)?;
    let from = date
        .checked_sub_days(Days::new(LADDER_HISTORY_DAYS))
        .unwrap_or(Date::MIN);
    let mut summary = LadderSummary::default();
    let mut stocks = Vec::new();
    let mut st_unknown_stocks = Vec::new();
    let listings = super::Listings::load(store)?;
    for item in store.bars_between(from..=date)? {
        let (symbol, mut bars) = item?;
        let Some(mut info) = listings.info(symbol) else {
            continue;
        };
        super::judge_name_st(store, &mut info, &mut bars)?;
        let (mut signal, mut entry) = ladder_entry(&info, None, &bars, date);
        // The streak may start before the window: load the whole history then.
        if entry
            .as_ref()
            .is_some_and(|e| e.streak as usize + 1 >= bars.len())
        {
            bars = super::stock_bars(store, &mut info, ..=date)?;
            (signal, entry) = ladder_entry(&info, None, &bars, date);
        }
        if let Some(s) = signal {
            summary.count(&s);
            if s.st_unknown {
                let name = super::current_name(store, symbol)?.unwrap_or_default();
                st_unknown_stocks.push(format!("{symbol} {name}").trim_end().to_string());
            }
        }
        if let Some(mut e) = entry {
            match store.name_on(symbol, date)? {
                Some(name) => {
                    e.name = Some(name);
                    e.name_current = false;
                }
                None => {
                    e.name = super::current_name(store, symbol)?;
                    e.name_current = e.name.is_some();
                }
            }
            stocks.push(e);
        }
    }
    sort_ladder(&mut stocks);
    st_unknown_stocks.sort();
    Ok(Ladder {
        date,
        summary,
        stocks,
        filter: None,
        st_unknown_stocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::testdata::{day, demo_store, limit_up_run};

    use crate::jobs::Error;

    #[test]
    fn an_empty_store_has_no_ladder() {
        let store = Store::open_in_memory().unwrap();
        let r = ladder(&store, day("2025-04-17"));
        assert!(matches!(r, Err(Error::EmptyStore)), "{r:?}");
    }

    #[test]
    fn a_day_without_trading_or_beyond_the_data_is_an_error() {
        let store = demo_store();
        let last = store.latest_date().unwrap().unwrap();
        let days = store.trading_dates(..).unwrap();
        // The first calendar day between two trading days that is not one of them.
        let (gap, before, after) = days
            .windows(2)
            .find(|w| w[0].succ_opt() != Some(w[1]))
            .map(|w| (w[0].succ_opt().unwrap(), w[0], w[1]))
            .unwrap();
        match ladder(&store, gap) {
            Err(Error::NotTradingDay {
                date,
                before: b,
                after: a,
            }) => {
                assert_eq!((date, b, a), (gap, Some(before), Some(after)));
            }
            other => panic!("{other:?}"),
        }
        let later = last.succ_opt().unwrap();
        assert!(matches!(
            ladder(&store, later),
            Err(Error::AfterLastBar { last: l, .. }) if l == last
        ));
        assert!(matches!(
            ladder(&store, day("2000-01-04")),
            Err(Error::BeforeFirstBar { first, .. }) if first == days[0]
        ));
    }

    #[test]
    fn the_demo_peak_day_has_a_ladder_sorted_by_streak() {
        let store = demo_store();
        let l = ladder(&store, day("2025-04-17")).unwrap();
        assert!(!l.stocks.is_empty());
        assert!(l.stocks.windows(2).all(|w| w[0].streak >= w[1].streak));
        assert_eq!(l.summary.highest, l.stocks[0].streak);
        assert_eq!(l.summary.limit_up as usize, l.stocks.len());
        assert!(
            l.stocks.iter().all(|e| e.name.is_some()),
            "names come from the store"
        );
    }

    #[test]
    fn a_streak_longer_than_the_history_window_reloads_the_whole_history() {
        // 70 limit-up closes in a row: more trading days than 90 calendar days hold.
        let (store, last) = limit_up_run(70);
        let l = ladder(&store, last).unwrap();
        assert_eq!(l.stocks.len(), 1);
        assert_eq!(l.stocks[0].streak, 70);
    }
}
