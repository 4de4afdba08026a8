//! A stock's market series: the heat of every bar, computed once over its history, so that
//! the heat as of any day is a lookup ([`MarketSeries::at`]) rather than a re-analysis.
//!
//! No value of a day depends on a later bar. The one rule that looked at the whole history
//! is the test of a name's ST marks against prices ([`market::judge_name_st_where`]): a
//! later price that refutes the mark clears earlier marks. Here the judgement of a day uses
//! only the bars up to it: the history is cut into epochs at every bar that can change the
//! judgement (a refuting bar, a close at an ST-only limit price) and each epoch is judged
//! on the bars up to its own end (which, within an epoch, judges each earlier day as the
//! prefix ending on that day would).

use serde::Serialize;

use super::{Thresholds, UP_STAT_LOOKBACK};
use crate::market::{
    self, abnormal_events_with, excess_return, limit_down_price, limit_pct, limit_up_price,
    n_day_return, Cumulation, Direction, FluctuationInputs, Signal, StockInfo, UpStat,
};
use crate::model::{Bar, Date, Fen, IndexBar};

/// The market facts of one bar as of its own date (nothing later counts), with the window
/// values over the `window` bars ending at it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DayHeat {
    /// The bar's date.
    pub date: Date,
    /// Close in fen.
    pub close: Fen,
    /// The previous-close reference in fen (`None` on the first bar).
    pub prev_close: Option<Fen>,
    /// Closed at the up-limit.
    pub limit_up: bool,
    /// Closed at the down-limit.
    pub limit_down: bool,
    /// ST status that day; `None` when unknown (no limit asserted).
    pub st: Option<bool>,
    /// Consecutive limit-up closes ending at the bar (当前连板).
    pub streak: u32,
    /// The longest streak within the window ending at the bar (最高连板).
    pub max_streak: u32,
    /// N天M板 of the current run.
    pub up_stat: UpStat,
    /// Returns over 1, 5, 10 and 30 trading days and over the window, fractions.
    pub ret_d1: Option<f64>,
    /// Five trading days.
    pub ret_d5: Option<f64>,
    /// Ten trading days.
    pub ret_d10: Option<f64>,
    /// Thirty trading days.
    pub ret_d30: Option<f64>,
    /// The window.
    pub ret_window: Option<f64>,
    /// Excess returns against the benchmark over 5, 10, 30 days and the window.
    pub excess_d5: Option<f64>,
    /// Ten trading days.
    pub excess_d10: Option<f64>,
    /// Thirty trading days.
    pub excess_d30: Option<f64>,
    /// The window.
    pub excess_window: Option<f64>,
    /// An abnormal-fluctuation estimate (either method) fired within the window.
    pub abnormal: bool,
    /// 成交额 in yuan, when the bar has it.
    pub amount: Option<f64>,
    /// Volume in shares, when the bar has it.
    pub volume: Option<i64>,
    /// 换手率 as the vendor gave it (fraction), when the bar has it.
    pub turnover: Option<f64>,
    /// Hot by the thresholds the series was built with (docs/design.md §6).
    pub hot: bool,
}

/// The heat of every bar of one stock (sorted by date).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarketSeries {
    /// One entry per bar, oldest first.
    pub days: Vec<DayHeat>,
}

impl MarketSeries {
    /// The index of the stock's last bar on or before `date`.
    pub fn index_at(&self, date: Date) -> Option<usize> {
        self.days.partition_point(|d| d.date <= date).checked_sub(1)
    }

    /// The heat of the stock's last bar on or before `date`.
    pub fn at(&self, date: Date) -> Option<&DayHeat> {
        self.index_at(date).map(|i| &self.days[i])
    }
}

/// What [`market_series`] needs besides the bars.
#[derive(Debug, Clone, Copy)]
pub struct SeriesInput<'a> {
    /// Board and listing date (its `st_unknown` is ignored: the series judges it per epoch).
    pub info: &'a StockInfo,
    /// The benchmark index's bars, sorted.
    pub index: Option<&'a [IndexBar]>,
    /// The store's trading days, sorted (gaps reset the abnormal-fluctuation run).
    pub calendar: &'a [Date],
    /// Window and hot thresholds.
    pub thresholds: &'a Thresholds,
}

/// The series of a stock's `bars` (sorted, dated names and lists already applied to the ST
/// marks), where `decided` tells the dates whose ST mark a dated list or name history
/// decides (those are not judged against prices).
pub fn market_series(
    input: &SeriesInput<'_>,
    bars: &[Bar],
    decided: &dyn Fn(Date) -> bool,
) -> MarketSeries {
    let info = StockInfo {
        st_unknown: None,
        ..*input.info
    };
    let mut days = Vec::with_capacity(bars.len());
    let ends = epoch_ends(&info, bars, decided);
    let mut start = 0;
    for end in ends {
        let mut prefix = bars[..end].to_vec();
        let judged = market::judge_name_st_where(&info, &mut prefix, decided);
        let info = StockInfo {
            st_unknown: judged.unknown,
            ..info
        };
        fill_days(input, &info, &prefix, start, &mut days);
        start = end;
    }
    MarketSeries { days }
}

/// The ends (exclusive) of the judgement epochs of `bars`: the bars that can change the
/// judgement of the name's ST marks begin a new epoch; the last end is `bars.len()`.
fn epoch_ends(info: &StockInfo, bars: &[Bar], decided: &dyn Fn(Date) -> bool) -> Vec<usize> {
    let differs = |b: &Bar| {
        b.st == Some(true)
            && limit_pct(info.board, true, b.date) < limit_pct(info.board, false, b.date)
            && !decided(b.date)
    };
    if !bars.iter().any(differs) {
        return vec![bars.len()];
    }
    let plain = market::analyze(info, bars);
    let ex = info.symbol.exchange;
    let mut ends: Vec<usize> = (0..bars.len())
        .filter(|&i| {
            let (b, s) = (&bars[i], &plain[i]);
            if !differs(b) {
                return false;
            }
            let refutes = s.limit_up_price.is_some_and(|u| b.close > u || b.high > u)
                || (b.prev_close.is_some()
                    && s.limit_down_price.is_some_and(|d| b.close < d || b.low < d));
            let agrees = s
                .prev_close
                .filter(|_| s.limit_pct.is_some())
                .is_some_and(|pc| {
                    let normal = limit_pct(info.board, false, b.date);
                    (s.limit_up_price == Some(b.close) && limit_up_price(pc, normal, ex) != b.close)
                        || (s.limit_down_price == Some(b.close)
                            && limit_down_price(pc, normal, ex) != b.close)
                });
            refutes || agrees
        })
        .filter(|&i| i > 0)
        .collect();
    ends.push(bars.len());
    ends.dedup();
    ends
}

/// Appends the days `from..bars.len()` of a judged prefix.
fn fill_days(
    input: &SeriesInput<'_>,
    info: &StockInfo,
    bars: &[Bar],
    from: usize,
    out: &mut Vec<DayHeat>,
) {
    let t = input.thresholds;
    let window = t.window.max(1);
    let signals: Vec<Signal> = market::analyze(info, bars);
    let calendar = Some(input.calendar);
    let mut fired = vec![false; bars.len()];
    // Heat counts a rise only: a fall that triggers the estimate is `abnormal`, not hot.
    let mut fired_up = vec![false; bars.len()];
    let inputs = FluctuationInputs::new(bars, &signals, input.index, calendar);
    for method in [Cumulation::Sum, Cumulation::Compound] {
        for e in abnormal_events_with(info, bars, &inputs, method) {
            if let Ok(i) = bars.binary_search_by(|b| b.date.cmp(&e.date)) {
                fired[i] = true;
                fired_up[i] |= e.direction == Direction::Up;
            }
        }
    }
    let ret = |i, n| n_day_return(bars, &signals, i, n);
    let exc = |i, n| {
        input
            .index
            .and_then(|ix| excess_return(bars, &signals, i, n, ix))
    };
    for i in from..bars.len() {
        let (b, s) = (&bars[i], &signals[i]);
        let lo = (i + 1).saturating_sub(window);
        let max_streak = market::max_streak(&signals[lo..=i]);
        let abnormal = fired[lo..=i].iter().any(|f| *f);
        let abnormal_up = fired_up[lo..=i].iter().any(|f| *f);
        let ret_window = ret(i, window);
        let excess_window = exc(i, window);
        let hot = max_streak >= t.hot_streak
            || abnormal_up
            || excess_window
                .or(ret_window)
                .is_some_and(|x| x >= t.hot_excess);
        out.push(DayHeat {
            date: b.date,
            close: b.close,
            prev_close: s.prev_close,
            limit_up: s.limit_up,
            limit_down: s.limit_down,
            st: (!s.st_unknown).then_some(b.st.unwrap_or(false)),
            streak: s.streak,
            max_streak,
            up_stat: market::up_stat(&signals, i, UP_STAT_LOOKBACK),
            ret_d1: s.change(b),
            ret_d5: ret(i, 5),
            ret_d10: ret(i, 10),
            ret_d30: ret(i, 30),
            ret_window,
            excess_d5: exc(i, 5),
            excess_d10: exc(i, 10),
            excess_d30: exc(i, 30),
            excess_window,
            abnormal,
            amount: b.amount,
            volume: b.volume,
            turnover: b.turnover,
            hot,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::market_dossier;
    use crate::model::Symbol;

    fn bar(date: Date, prev: Fen, close: Fen, st: bool) -> Bar {
        Bar {
            date,
            open: prev,
            high: close.max(prev),
            low: close.min(prev),
            close,
            prev_close: Some(prev),
            volume: Some(1000),
            amount: Some(1.0e6),
            turnover: None,
            st: Some(st),
        }
    }

    fn days(n: usize) -> Vec<Date> {
        let mut d: Date = "2024-01-02".parse().unwrap();
        let mut out = Vec::new();
        while out.len() < n {
            if chrono::Datelike::weekday(&d).number_from_monday() <= 5 {
                out.push(d);
            }
            d = d.succ_opt().unwrap();
        }
        out
    }

    /// A walk with limit-up runs, so streaks, returns and abnormal triggers all occur.
    fn walk(n: usize, st: impl Fn(usize) -> bool) -> Vec<Bar> {
        let dates = days(n);
        let mut close: Fen = 1000;
        let mut out = Vec::new();
        for (i, d) in dates.into_iter().enumerate() {
            let prev = close;
            close = match i % 17 {
                3..=5 => limit_up_price(prev, 10, crate::model::Exchange::Sh),
                9 => prev * 96 / 100,
                _ => prev + if i % 2 == 0 { 7 } else { -5 },
            };
            out.push(bar(d, prev, close, st(i)));
        }
        out
    }

    /// The series of `bars` with the default thresholds and the bars' own dates as the
    /// calendar (returned with the calendar and thresholds, for the dossier to compare).
    fn series_of(info: &StockInfo, bars: &[Bar]) -> (MarketSeries, Vec<Date>, Thresholds) {
        let calendar: Vec<Date> = bars.iter().map(|b| b.date).collect();
        let t = Thresholds::default();
        let input = SeriesInput {
            info,
            index: None,
            calendar: &calendar,
            thresholds: &t,
        };
        let s = market_series(&input, bars, &|_| false);
        (s, calendar, t)
    }

    /// A fall that triggers the abnormal-fluctuation estimate is a fact (`abnormal`), not
    /// heat: "股价过热" is never said of a stock that collapsed.
    #[test]
    fn a_collapse_is_abnormal_but_not_hot() {
        let info = StockInfo::new(Symbol::parse_stock("600126").unwrap()).unwrap();
        let dates = days(40);
        let mut close: Fen = 1000;
        let mut bars = Vec::new();
        for (i, d) in dates.into_iter().enumerate() {
            let prev = close;
            close = if (30..33).contains(&i) {
                limit_down_price(prev, 10, crate::model::Exchange::Sh)
            } else {
                prev + if i % 2 == 0 { 3 } else { -3 }
            };
            bars.push(bar(d, prev, close, false));
        }
        let (s, calendar, t) = series_of(&info, &bars);
        let last = s.days.last().unwrap();
        assert!(last.abnormal, "three limit-down days trigger the estimate");
        assert!(!last.hot);
        // The dossier's heat agrees.
        let m = market_dossier(
            &info,
            None,
            &bars,
            last.date,
            t.window,
            None,
            Some(&calendar),
        )
        .unwrap();
        assert!(m.abnormal.triggered);
        assert!(!crate::assess::Heat::of_dossier(&m, &t).hot);
    }

    #[test]
    fn each_day_equals_the_dossier_of_that_day() {
        let info = StockInfo::new(Symbol::parse_stock("600126").unwrap()).unwrap();
        let bars = walk(120, |_| false);
        let (s, calendar, t) = series_of(&info, &bars);
        assert_eq!(s.days.len(), bars.len());
        for (i, b) in bars.iter().enumerate() {
            let m = market_dossier(&info, None, &bars, b.date, t.window, None, Some(&calendar))
                .unwrap();
            let d = &s.days[i];
            assert_eq!((d.streak, d.max_streak), (m.streak, m.max_streak), "{i}");
            assert_eq!(d.abnormal, m.abnormal.triggered, "{i}");
            assert_eq!(d.ret_window, m.window_return, "{i}");
            assert_eq!(d.ret_d30, m.returns.d30, "{i}");
            assert_eq!(d.up_stat, m.up_stat, "{i}");
        }
        assert!(s.days.iter().any(|d| d.max_streak >= 3 && d.hot));
        assert!(s.days.iter().any(|d| d.abnormal));
        assert_eq!(s.at(bars[50].date), Some(&s.days[50]));
        assert_eq!(s.at("2000-01-01".parse().unwrap()), None);
    }

    #[test]
    fn a_later_price_does_not_change_an_earlier_day() {
        // A name marked ST on every bar; a rise above the ST limit late in the history
        // refutes the marks. Judged over the whole history, the early 5% closes stop being
        // limit-ups; as of their own days they still are.
        let info = StockInfo::new(Symbol::parse_stock("600126").unwrap()).unwrap();
        let dates = days(40);
        let mut bars = Vec::new();
        let mut close: Fen = 1000;
        for (i, d) in dates.iter().enumerate() {
            let prev = close;
            close = match i {
                5 | 6 => limit_up_price(prev, 5, crate::model::Exchange::Sh),
                30 => prev * 108 / 100,
                _ => prev + 1,
            };
            bars.push(bar(*d, prev, close, true));
        }
        let t = Thresholds::default();
        let input = SeriesInput {
            info: &info,
            index: None,
            calendar: &dates,
            thresholds: &t,
        };
        let s = market_series(&input, &bars, &|_| false);
        // Day 6 as of day 6: the ST limit agrees with the name, two boards.
        assert_eq!(s.days[6].streak, 2);
        // Every day before the refutation keeps what it saw then.
        for i in 0..30 {
            let mut prefix = bars[..=i].to_vec();
            let j = market::judge_name_st(&info, &mut prefix);
            let own = StockInfo {
                st_unknown: j.unknown,
                ..info
            };
            let sig = market::analyze(&own, &prefix);
            assert_eq!(s.days[i].streak, sig[i].streak, "{i}");
            assert_eq!(s.days[i].limit_up, sig[i].limit_up, "{i}");
        }
        // Judged on the whole history, day 6 was no limit-up: the look-ahead avoided.
        let mut all = bars.clone();
        let j = market::judge_name_st(&info, &mut all);
        assert!(j.refuted.is_some());
        let whole = market::analyze(&info, &all);
        assert_eq!(whole[6].streak, 0);
    }
}
