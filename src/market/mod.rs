//! Market rules over one stock's daily bars: board, daily limit, limit prices in integer fen,
//! 涨停/跌停/炸板/一字板, streaks (连板), N天M板, returns, excess returns and
//! abnormal-fluctuation (异常波动) estimates.
//!
//! Pure functions, no I/O: callers load bars (from files or the store) and pass them in.
//! The main entry point is [`analyze`], which judges every bar of a stock by the rule of
//! its own date and returns one [`Signal`] per bar.
//!
//! ```
//! use hypecheck::market::{analyze, StockInfo};
//! use hypecheck::model::{Bar, Symbol};
//!
//! let info = StockInfo::new(Symbol::parse_stock("600126").unwrap()).unwrap();
//! let bar = |d: &str, o, h, l, c| Bar {
//!     date: d.parse().unwrap(), open: o, high: h, low: l, close: c,
//!     prev_close: None, volume: None, amount: None, turnover: None, st: None,
//! };
//! let bars = [bar("2025-02-04", 420, 425, 415, 420), bar("2025-02-05", 430, 462, 428, 462)];
//! let signals = analyze(&info, &bars);
//! assert_eq!(signals[1].limit_up_price, Some(462));
//! assert!(signals[1].limit_up);
//! assert_eq!(signals[1].streak, 1);
//! ```

mod board;
pub mod fluctuation;
pub mod limit;
mod returns;

pub use board::Board;
pub use fluctuation::{
    abnormal_events, abnormal_events_with, AbnormalEvent, Cumulation, Direction, FluctuationInputs,
};
pub use limit::{limit_down_price, limit_pct, limit_up_price, no_limit_day};
pub use returns::{excess_return, n_day_return};

use crate::model::{Bar, Date, Exchange, Fen, Symbol};

/// What the rules need to know about a stock besides its bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StockInfo {
    /// The stock.
    pub symbol: Symbol,
    /// Its board.
    pub board: Board,
    /// Its listing date (上市日期), when known. Without it no bar is taken for an IPO day,
    /// except that a bar without a previous close never has a limit.
    pub listing_date: Option<Date>,
    /// The dates (both ends inclusive) on which an ST mark of the stock's name is neither
    /// refuted nor confirmed by prices ([`judge_name_st`]): a bar marked ST there has an
    /// unknown ST status (ST状态未知), and no limit is asserted for it.
    pub st_unknown: Option<(Date, Date)>,
}

impl StockInfo {
    /// Info for an A-share stock with an unknown listing date; `None` when the symbol is
    /// not an A-share stock.
    pub fn new(symbol: Symbol) -> Option<StockInfo> {
        Board::of(&symbol).map(|board| StockInfo {
            symbol,
            board,
            listing_date: None,
            st_unknown: None,
        })
    }
}

/// Where the data of one exchange begins: the date on which most of its stocks have their
/// first bar (the earliest such date on a tie). Not the earliest first bar: a file that
/// begins on 2021-03-18 for nearly every stock may hold a few that begin earlier.
pub fn data_start(first_bars: impl IntoIterator<Item = Date>) -> Option<Date> {
    let mut counts: std::collections::BTreeMap<Date, usize> = std::collections::BTreeMap::new();
    for d in first_bars {
        *counts.entry(d).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|&(_, n)| n == most).map(|(d, _)| d)
}

/// [`data_start`] of every exchange, from each stock's (exchange, first bar).
pub fn data_starts(
    first_bars: impl IntoIterator<Item = (Exchange, Date)>,
) -> std::collections::HashMap<Exchange, Date> {
    let mut by_exchange: std::collections::HashMap<Exchange, Vec<Date>> = Default::default();
    for (ex, d) in first_bars {
        by_exchange.entry(ex).or_default().push(d);
    }
    by_exchange
        .into_iter()
        .filter_map(|(ex, dates)| data_start(dates).map(|d| (ex, d)))
        .collect()
}

/// The listing date to assume for a stock whose listing date is not given: its first bar,
/// when that is later than where its exchange's data begins ([`data_start`]), since the
/// data then shows the day it began trading. A stock suspended when the data begins is
/// misread the same way; an imported listing date wins over this. `signals` and every
/// store-based command decide it here.
pub fn inferred_listing(first_bar: Date, data_start: Date) -> Option<Date> {
    (first_bar > data_start).then_some(first_bar)
}

/// The rules applied to one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal {
    /// The bar's date.
    pub date: Date,
    /// The previous-close reference: the bar's own `prev_close` (ex-rights aware, from the
    /// vendor), else the previous bar's close; `None` on a stock's first bar.
    pub prev_close: Option<Fen>,
    /// The daily limit in percent; `None` on a day without a limit (IPO days, first bar).
    pub limit_pct: Option<u32>,
    /// 涨停价.
    pub limit_up_price: Option<Fen>,
    /// 跌停价.
    pub limit_down_price: Option<Fen>,
    /// Closed at the up-limit (涨停), by exact fen equality.
    pub limit_up: bool,
    /// Closed at the down-limit (跌停).
    pub limit_down: bool,
    /// Touched the up-limit and closed below it (炸板).
    pub blown: bool,
    /// Open, high, low and close all at the up-limit (一字板).
    pub one_price: bool,
    /// Consecutive limit-up closes ending with this bar (连板), counted over the stock's own
    /// trading days: a suspension does not break it; a day without a limit does.
    pub streak: u32,
    /// Consecutive limit-down closes ending with this bar.
    pub down_streak: u32,
    /// The stock's ST status is unknown this day (a name's ST mark that neither prices nor
    /// a dated list decide, see [`judge_name_st`]): no limit is asserted, so the limit
    /// fields are `None` and the flags false.
    pub st_unknown: bool,
}

impl Signal {
    /// The day's change against the previous-close reference (涨跌幅), as a fraction.
    pub fn change(&self, bar: &Bar) -> Option<f64> {
        self.prev_close
            .filter(|&p| p > 0)
            .map(|p| bar.close as f64 / p as f64 - 1.0)
    }

    /// The opening gap (高开/低开) against the previous-close reference, as a fraction.
    pub fn gap(&self, bar: &Bar) -> Option<f64> {
        self.prev_close
            .filter(|&p| p > 0)
            .map(|p| bar.open as f64 / p as f64 - 1.0)
    }
}

/// Applies the rules to every bar of one stock. `bars` must be sorted by date, one bar per
/// trading day of the stock (suspended days absent). ST status per bar is `bar.st`
/// (no mark = not ST), except that a bar marked ST within `info.st_unknown` has an unknown
/// status and no limit ([`Signal::st_unknown`]).
///
/// New listings: when `info.listing_date` is known, the stock's first trading days are
/// judged by [`no_limit_day`]; a streak starts on the first day with a limit (so a new
/// stock's run of one-price boards from day 6 counts, as Tushare and 东方财富's `lbc` do).
pub fn analyze(info: &StockInfo, bars: &[Bar]) -> Vec<Signal> {
    let mut out = Vec::with_capacity(bars.len());
    analyze_into(info, bars, &mut out);
    out
}

/// [`analyze`] into a caller's buffer (cleared first), to reuse one allocation across
/// many stocks.
pub fn analyze_into(info: &StockInfo, bars: &[Bar], out: &mut Vec<Signal>) {
    out.clear();
    // Index of the listing day within `bars`, when the listing falls inside them. A listing
    // before the first bar (a window cut from a longer history) leaves the IPO days out.
    let listing_at = info
        .listing_date
        .filter(|&l| bars.first().is_some_and(|b| b.date <= l))
        .map(|l| bars.partition_point(|b| b.date < l));
    let exchange = info.symbol.exchange;
    let mut prev: Option<(Fen, u32, u32)> = None; // previous close, streak, down streak
    for (i, bar) in bars.iter().enumerate() {
        let prev_close = bar.prev_close.or(prev.map(|p| p.0));
        let ipo_day = match (info.listing_date, listing_at) {
            (Some(l), Some(at)) if i >= at => no_limit_day(info.board, l, i - at),
            _ => false,
        };
        let st = bar.st.unwrap_or(false);
        let st_unknown = st
            && info
                .st_unknown
                .is_some_and(|(a, b)| a <= bar.date && bar.date <= b);
        let pct = match prev_close {
            Some(p) if p > 0 && !ipo_day && !st_unknown => {
                Some(limit_pct(info.board, st, bar.date))
            }
            _ => None,
        };
        let up = pct
            .zip(prev_close)
            .map(|(p, pc)| limit_up_price(pc, p, exchange));
        let down = pct
            .zip(prev_close)
            .map(|(p, pc)| limit_down_price(pc, p, exchange));
        let limit_up = up == Some(bar.close);
        let limit_down = down == Some(bar.close);
        let (streak, down_streak) = prev.map_or((0, 0), |p| (p.1, p.2));
        let signal = Signal {
            date: bar.date,
            prev_close,
            limit_pct: pct,
            limit_up_price: up,
            limit_down_price: down,
            limit_up,
            limit_down,
            blown: up.is_some_and(|u| bar.high >= u && bar.close < u),
            one_price: up
                .is_some_and(|u| bar.open == u && bar.high == u && bar.low == u && bar.close == u),
            streak: if limit_up { streak + 1 } else { 0 },
            down_streak: if limit_down { down_streak + 1 } else { 0 },
            st_unknown,
        };
        prev = Some((bar.close, signal.streak, signal.down_streak));
        out.push(signal);
    }
}

/// A bar that its day's limits say cannot be: the data, or what the rules assumed (ST
/// status, listing date, previous close), is wrong on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impossible {
    /// The close is above the up-limit price.
    CloseAboveUp,
    /// The close is below the down-limit price.
    CloseBelowDown,
    /// The high is above the up-limit price (the close within the limits).
    HighAboveUp,
}

/// What is impossible about `bar` under its `signal`'s limits, if anything (the first of
/// close above the up-limit, close below the down-limit, high above the up-limit).
pub fn impossible(bar: &Bar, signal: &Signal) -> Option<Impossible> {
    let up = signal.limit_up_price;
    let down = signal.limit_down_price;
    if up.is_some_and(|u| bar.close > u) {
        Some(Impossible::CloseAboveUp)
    } else if down.is_some_and(|d| bar.close < d) {
        Some(Impossible::CloseBelowDown)
    } else if up.is_some_and(|u| bar.high > u) {
        Some(Impossible::HighAboveUp)
    } else {
        None
    }
}

/// What prices say about the ST marks of a stock's name ([`judge_name_st`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NameSt {
    /// The last bar whose prices prove the stock was not under the ST limit; every ST mark
    /// on or before it was cleared.
    pub refuted: Option<Date>,
    /// The first bar after that which closed at an ST limit price (up or down) that the
    /// normal limit does not share: prices agree with the name from there on.
    pub agreed: Option<Date>,
    /// The ST-marked dates between the two (or after the last proof, when no close agrees),
    /// on which nothing decides: ST状态未知. Set it as [`StockInfo::st_unknown`].
    pub unknown: Option<(Date, Date)>,
}

/// Tests a name's ST prefix against prices (docs/market-rules.md §2.2a). A name column is
/// often a later snapshot, so its ST mark is a hypothesis:
/// - a bar marked ST whose close or high is above the ST up-limit (or, when the bar has the
///   vendor's previous close, whose close or low is below the ST down-limit) proves the
///   stock was not under the ST limit that day, and a name says nothing about the days
///   before such a proof: every ST mark on or before the last refuting bar is cleared;
/// - after it, the first close exactly at an ST limit price (up or down) where the normal
///   limit price differs is where prices agree with the name; the marks from there on
///   stay (ST);
/// - a stretch of marks that begins right after a day a dated list says was ST carries
///   that status on (ST);
/// - the marks between the last proof and that agreement (all of them after the proof when
///   no close agrees) are undecided: [`NameSt::unknown`], which the caller sets as
///   [`StockInfo::st_unknown`] so that [`analyze`] asserts no limit there.
///
/// No limit-up is lost by not asserting one on the undecided days: a close at the ST
/// up-limit would have been the agreement, and a close at the normal up-limit (above the
/// ST one) a proof, so no close there is at either candidate up-limit.
///
/// Only where the ST limit differs from the normal one (main board before 2026-07-06,
/// ChiNext before 2020-08-24). `signals` and the store-based commands apply it alike, over
/// the stock's whole history.
pub fn judge_name_st(info: &StockInfo, bars: &mut [Bar]) -> NameSt {
    judge_name_st_where(info, bars, |_| false)
}

/// [`judge_name_st`] for the ST marks of the dates that a dated ST list does not decide
/// (`decided`): the marks of decided dates are the list's and stay as they are, and an
/// undecided stretch ends where a decided date begins.
pub fn judge_name_st_where(
    info: &StockInfo,
    bars: &mut [Bar],
    decided: impl Fn(Date) -> bool,
) -> NameSt {
    let differs = |b: &Bar| {
        limit_pct(info.board, true, b.date) < limit_pct(info.board, false, b.date)
            && !decided(b.date)
    };
    if !bars.iter().any(|b| b.st == Some(true) && differs(b)) {
        return NameSt::default();
    }
    let plain = StockInfo {
        st_unknown: None,
        ..*info
    };
    let signals = analyze(&plain, bars);
    let last = (0..bars.len()).rev().find(|&i| {
        let (b, s) = (&bars[i], &signals[i]);
        b.st == Some(true)
            && differs(b)
            && (s.limit_up_price.is_some_and(|u| b.close > u || b.high > u)
                || (b.prev_close.is_some()
                    && s.limit_down_price.is_some_and(|d| b.close < d || b.low < d)))
    });
    if let Some(last) = last {
        for b in &mut bars[..=last] {
            if b.st == Some(true) && !decided(b.date) {
                b.st = Some(false);
            }
        }
    }
    let from = last.map_or(0, |l| l + 1);
    let marked = |i: &usize| bars[*i].st == Some(true) && differs(&bars[*i]);
    let agreed = (from..bars.len()).filter(marked).find(|&i| {
        let (b, s) = (&bars[i], &signals[i]);
        let Some(pc) = s.prev_close.filter(|_| s.limit_pct.is_some()) else {
            return false;
        };
        let normal = limit_pct(info.board, false, b.date);
        let ex = info.symbol.exchange;
        (s.limit_up_price == Some(b.close) && limit_up_price(pc, normal, ex) != b.close)
            || (s.limit_down_price == Some(b.close) && limit_down_price(pc, normal, ex) != b.close)
    });
    // A stretch that begins right after a day a dated list says was ST carries that
    // status on: the list and the name agree at its ends, and no price refutes it.
    let first = (from..bars.len())
        .find(marked)
        .filter(|&f| !(f > 0 && decided(bars[f - 1].date) && bars[f - 1].st == Some(true)));
    let until = first.map_or(bars.len(), |f| {
        let listed = (f..bars.len()).find(|&i| decided(bars[i].date));
        agreed
            .unwrap_or(bars.len())
            .min(listed.unwrap_or(bars.len()))
    });
    let first = first.filter(|&f| f < until);
    let unknown = first.map(|f| {
        let l = (f..until).rev().find(marked).unwrap_or(f);
        (bars[f].date, bars[l].date)
    });
    NameSt {
        refuted: last.map(|l| bars[l].date),
        agreed: agreed.map(|a| bars[a].date),
        unknown,
    }
}

/// 涨停统计 "N天M板": `boards` limit-up closes within the last `days` trading days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct UpStat {
    /// The window in trading days (N).
    pub days: u32,
    /// Limit-up closes within it (M).
    pub boards: u32,
}

/// N天M板 ending at bar `idx`, with the window chosen the way the ladders show it: from
/// the earliest limit-up close within the last `lookback` bars up to `idx` (so five
/// boards in a row read "5天5板", and boards on days 1, 2 and 4 of four read "4天3板").
/// With no limit-up close in the lookback, `{days: 0, boards: 0}`.
///
/// 东方财富 does not document its window (docs/market-rules.md §3, [U]); this rule reproduces
/// its display for runs inside the lookback, which callers usually set to 10.
pub fn up_stat(signals: &[Signal], idx: usize, lookback: usize) -> UpStat {
    let start = (idx + 1).saturating_sub(lookback.max(1));
    let window = &signals[start..=idx];
    match window.iter().position(|s| s.limit_up) {
        None => UpStat { days: 0, boards: 0 },
        Some(first) => UpStat {
            days: (window.len() - first) as u32,
            boards: window.iter().filter(|s| s.limit_up).count() as u32,
        },
    }
}

/// The longest streak among `signals` (e.g. the bars of a look-back window).
pub fn max_streak(signals: &[Signal]) -> u32 {
    signals.iter().map(|s| s.streak).max().unwrap_or(0)
}

#[cfg(test)]
mod tests;
