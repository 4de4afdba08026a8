//! Abnormal-fluctuation (股票交易异常波动) **estimates** from daily bars.
//!
//! The exchanges publish the official list (Tushare `stk_shock`); this module only
//! estimates it, because the public material disagrees on two points (docs/market-rules.md
//! §4.4): how deviations cumulate ([`Cumulation::Sum`] of daily deviations, or
//! [`Cumulation::Compound`] interval return minus index interval return) and which index
//! is the benchmark (configurable; see [`BENCHMARK_CANDIDATES`]). The turnover criterion of
//! the main boards needs tradable float shares and is not estimated.

use super::{Board, Signal, StockInfo};
use crate::model::{Bar, Date, IndexBar};

/// How daily deviations add up over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cumulation {
    /// Sum of the daily close-to-close deviations (stock change − index change).
    Sum,
    /// Interval return of the stock minus interval return of the index.
    Compound,
}

/// Direction of a fluctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Price deviation upward (涨幅偏离).
    Up,
    /// Price deviation downward (跌幅偏离).
    Down,
}

/// One estimated abnormal-fluctuation trigger.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AbnormalEvent {
    /// The trading day on which the threshold was reached.
    pub date: Date,
    /// The first day of the window.
    pub start: Date,
    /// Window length in the stock's trading days (1–3).
    pub days: u32,
    /// Up or down.
    pub direction: Direction,
    /// The cumulation used.
    pub method: Cumulation,
    /// The cumulative deviation as a fraction (0.2058 = 20.58%).
    pub deviation: f64,
    /// The threshold that was reached, as a fraction.
    pub threshold: f64,
    /// Always true: this is an estimate, not the exchange's publication.
    pub estimated: bool,
}

/// Candidate benchmark indices per board, in order of preference; the public sources
/// disagree (docs/market-rules.md §4.4), so callers take the first one they have data for and
/// may override it.
pub const BENCHMARK_CANDIDATES: &[(Board, &[&str])] = &[
    (Board::ShMain, &["000002.SH", "000001.SH"]),
    (Board::SzMain, &["399107.SZ", "399106.SZ", "399001.SZ"]),
    (Board::ChiNext, &["399102.SZ", "399006.SZ"]),
    (Board::Star, &["000680.SH", "000688.SH"]),
    (Board::Bse, &["899050.BJ"]),
];

/// The benchmark candidates of one board.
pub fn benchmark_candidates(board: Board) -> &'static [&'static str] {
    BENCHMARK_CANDIDATES
        .iter()
        .find(|(b, _)| *b == board)
        .map_or(&[], |(_, c)| c)
}

/// The cumulative price-deviation threshold for a stock on `date` (docs/market-rules.md §4.1):
/// main board 20% (ST 12% until 2026-07-03, then 20% [U]); ChiNext 30% from 2020-08-24
/// (20% before, as a main-board-like board); STAR 30%; BSE 40%.
pub fn abnormal_threshold(board: Board, st: bool, date: Date) -> f64 {
    match board {
        Board::ShMain | Board::SzMain => {
            if st && date < super::limit::MAIN_ST_10PCT_SINCE {
                0.12
            } else {
                0.20
            }
        }
        Board::ChiNext if date >= super::limit::CHINEXT_REFORM => 0.30,
        Board::ChiNext => {
            if st {
                0.12
            } else {
                0.20
            }
        }
        Board::Star => 0.30,
        Board::Bse => 0.40,
    }
}

/// Longest window, in the stock's trading days ("3 consecutive trading days"; a window of
/// 2 that reaches the threshold already triggers).
const WINDOW: usize = 3;

/// Estimated abnormal-fluctuation triggers over a stock's bars.
///
/// - `index`: the benchmark's bars, sorted by date; `None` measures the stock's own
///   change (no benchmark), which overstates deviations in a rising market.
/// - `calendar`: the trading dates, sorted; when given, a bar that follows a suspension
///   starts the count afresh (indicators reset on resumption). Without it suspensions
///   are not seen.
///
/// Days without a limit are excluded and restart the count; after a trigger the count
/// restarts the next trading day (the exchange publishes, then recomputes).
pub fn abnormal_events(
    info: &StockInfo,
    bars: &[Bar],
    signals: &[Signal],
    index: Option<&[IndexBar]>,
    method: Cumulation,
    calendar: Option<&[Date]>,
) -> Vec<AbnormalEvent> {
    let inputs = FluctuationInputs::new(bars, signals, index, calendar);
    abnormal_events_with(info, bars, &inputs, method)
}

/// What the abnormal-fluctuation estimate reads of each bar, computed once for both
/// [`Cumulation`] methods: the day's (stock change, index change), `None` when either is
/// unknown or the day has no limit, and whether the bar follows a suspension.
#[derive(Debug, Clone)]
pub struct FluctuationInputs {
    moves: Vec<Option<(f64, f64)>>,
    resumed: Vec<bool>,
}

impl FluctuationInputs {
    /// The inputs of `bars` (with their `signals`) against `index` and the trading
    /// `calendar` (gaps in it reset the run).
    pub fn new(
        bars: &[Bar],
        signals: &[Signal],
        index: Option<&[IndexBar]>,
        calendar: Option<&[Date]>,
    ) -> FluctuationInputs {
        // The index's close on each bar's date, found by one walk over both sorted lists.
        let closes: Option<Vec<Option<f64>>> = index.map(|ix| {
            let mut k = 0;
            bars.iter()
                .map(|b| {
                    while k < ix.len() && ix[k].date < b.date {
                        k += 1;
                    }
                    ix.get(k)
                        .filter(|x| x.date == b.date)
                        .map(|x| x.close)
                        .filter(|c| *c > 0.0)
                })
                .collect()
        });
        let moves = (0..bars.len())
            .map(|i| daily_moves(bars, signals, closes.as_deref(), i))
            .collect();
        let resumed = (0..bars.len())
            .map(|i| {
                i > 0 && calendar.is_some_and(|c| follows_gap(c, bars[i - 1].date, bars[i].date))
            })
            .collect();
        FluctuationInputs { moves, resumed }
    }
}

/// [`abnormal_events`] from inputs computed once ([`FluctuationInputs::new`] of the same
/// bars).
pub fn abnormal_events_with(
    info: &StockInfo,
    bars: &[Bar],
    inputs: &FluctuationInputs,
    method: Cumulation,
) -> Vec<AbnormalEvent> {
    let mut events = Vec::new();
    // Daily (stock change, index change) of the bars since the last reset.
    let mut run: Vec<(f64, f64)> = Vec::with_capacity(WINDOW);
    for i in 0..bars.len() {
        if inputs.resumed[i] {
            run.clear();
        }
        let Some(day) = inputs.moves[i] else {
            run.clear();
            continue;
        };
        if run.len() == WINDOW {
            run.remove(0);
        }
        run.push(day);
        let st = bars[i].st.unwrap_or(false);
        let threshold = abnormal_threshold(info.board, st, bars[i].date);
        if let Some((days, dev)) = strongest(&run, method, threshold) {
            events.push(AbnormalEvent {
                date: bars[i].date,
                start: bars[i + 1 - days].date,
                days: days as u32,
                direction: if dev > 0.0 {
                    Direction::Up
                } else {
                    Direction::Down
                },
                method,
                deviation: dev,
                threshold,
                estimated: true,
            });
            run.clear();
        }
    }
    events
}

/// The stock's and the index's change on bar `i` (`index_closes`: the index's close on each
/// bar's date), or `None` when either is unknown or the day has no limit.
fn daily_moves(
    bars: &[Bar],
    signals: &[Signal],
    index_closes: Option<&[Option<f64>]>,
    i: usize,
) -> Option<(f64, f64)> {
    signals[i].limit_pct?;
    let stock = signals[i].change(&bars[i])?;
    let idx = match index_closes {
        None => 0.0,
        Some(closes) => closes[i]? / (*closes.get(i.checked_sub(1)?)?)? - 1.0,
    };
    Some((stock, idx))
}

/// Of the windows ending today (1 to 3 days), the one whose deviation reaches the
/// threshold furthest, as (days, deviation).
fn strongest(run: &[(f64, f64)], method: Cumulation, threshold: f64) -> Option<(usize, f64)> {
    // A hair of tolerance: 20% reached exactly must count despite binary fractions.
    const EPS: f64 = 1e-9;
    (1..=run.len())
        .map(|days| (days, deviation(&run[run.len() - days..], method)))
        .filter(|(_, dev)| dev.abs() + EPS >= threshold)
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
}

fn deviation(window: &[(f64, f64)], method: Cumulation) -> f64 {
    match method {
        Cumulation::Sum => window.iter().map(|(s, i)| s - i).sum(),
        Cumulation::Compound => {
            let s: f64 = window.iter().map(|(s, _)| 1.0 + s).product();
            let i: f64 = window.iter().map(|(_, i)| 1.0 + i).product();
            s - i
        }
    }
}

/// Whether trading days lie strictly between `a` and `b` (the stock was suspended).
fn follows_gap(calendar: &[Date], a: Date, b: Date) -> bool {
    let ia = calendar.partition_point(|d| *d <= a);
    let ib = calendar.partition_point(|d| *d < b);
    ib > ia
}
