//! 连板天梯: the stocks that closed limit-up on one day, highest streak first.

use serde::Serialize;

use super::UP_STAT_LOOKBACK;
use crate::market::{self, Board, Signal, StockInfo, UpStat};
use crate::model::{Bar, Date};

/// One rung of the ladder (docs/design.md §7 `ladder`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LadderEntry {
    /// `CODE.EX`.
    pub code: String,
    /// The name, when known: the one of the day when a dated name history says it, else
    /// the latest name known (then `name_current`).
    pub name: Option<String>,
    /// The name is the stock's latest known name, not necessarily the one of the day (no
    /// dated name history covers the day).
    pub name_current: bool,
    /// Board id.
    pub board: Board,
    /// Consecutive limit-up closes ending on the day.
    pub streak: u32,
    /// N天M板 of the current run.
    pub up_stat: UpStat,
    /// 一字板.
    pub one_price: bool,
    /// The day's limit in percent.
    pub limit_pct: u32,
    /// Close (= the up-limit price) in yuan.
    pub close: f64,
    /// The day's change as a fraction.
    pub change: Option<f64>,
    /// Turnover rate as a fraction, when the data has it.
    pub turnover: Option<f64>,
    /// Amount traded in yuan, when the data has it.
    pub amount: Option<f64>,
}

/// A day's 连板天梯: the counts and every stock that closed limit-up, highest streak first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ladder {
    /// The trading day.
    pub date: Date,
    /// The day's counts.
    pub summary: LadderSummary,
    /// The rungs ([`sort_ladder`] order).
    pub stocks: Vec<LadderEntry>,
    /// What the rungs were narrowed to, when they were (`summary` stays the whole
    /// market's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<LadderFilter>,
    /// The stocks counted in `summary.st_unknown`, as `CODE name`, by code.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub st_unknown_stocks: Vec<String>,
}

/// How a ladder was narrowed (`ladder --theme`, `--board`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LadderFilter {
    /// Only the members of this theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Only stocks on these boards (empty: every board).
    pub boards: Vec<crate::market::Board>,
    /// How many rungs the whole market had.
    pub before: usize,
}

/// The day's counts besides the ladder itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LadderSummary {
    /// Stocks that traded that day.
    pub traded: u32,
    /// Limit-up closes (涨停).
    pub limit_up: u32,
    /// Limit-down closes (跌停).
    pub limit_down: u32,
    /// Touched the up-limit and failed to hold it (炸板).
    pub blown: u32,
    /// The highest streak.
    pub highest: u32,
    /// Stocks whose ST status is unknown that day (ST状态未知: a name's ST mark that
    /// neither a dated list nor prices decide): no limit is asserted for them, so they are
    /// in none of the counts above; none of them reached either possible up-limit.
    pub st_unknown: u32,
}

impl LadderSummary {
    /// Counts one stock's signal on the day.
    pub fn count(&mut self, s: &Signal) {
        self.traded += 1;
        self.limit_up += u32::from(s.limit_up);
        self.limit_down += u32::from(s.limit_down);
        self.blown += u32::from(s.blown);
        self.highest = self.highest.max(s.streak);
        self.st_unknown += u32::from(s.st_unknown);
    }
}

/// The stock's rung on `date`, when its bar of that day closed limit-up, together with
/// that day's signal (for [`LadderSummary::count`]). `bars` must end on or before `date`
/// and should reach back further than any streak.
pub fn ladder_entry(
    info: &StockInfo,
    name: Option<String>,
    bars: &[Bar],
    date: Date,
) -> (Option<Signal>, Option<LadderEntry>) {
    let signals = market::analyze(info, bars);
    let Some(idx) = bars.iter().rposition(|b| b.date == date) else {
        return (None, None);
    };
    let (bar, s) = (&bars[idx], signals[idx]);
    if !s.limit_up {
        return (Some(s), None);
    }
    let entry = LadderEntry {
        code: info.symbol.to_string(),
        name_current: name.is_some(),
        name,
        board: info.board,
        streak: s.streak,
        up_stat: market::up_stat(&signals, idx, UP_STAT_LOOKBACK),
        one_price: s.one_price,
        limit_pct: s.limit_pct.unwrap_or(0),
        close: bar.close as f64 / 100.0,
        change: s.change(bar),
        turnover: bar.turnover,
        amount: bar.amount,
    };
    (Some(s), Some(entry))
}

/// Highest streak first; then more boards in the window, then code.
pub fn sort_ladder(entries: &mut [LadderEntry]) {
    entries.sort_by(|a, b| {
        b.streak
            .cmp(&a.streak)
            .then(b.up_stat.boards.cmp(&a.up_stat.boards))
            .then(a.code.cmp(&b.code))
    });
}
