//! A stock's recent closes for the price charts of the HTML report.

use crate::market::{self, StockInfo};
use crate::model::{Bar, Date};

/// One day of a price chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// The trading date.
    pub date: Date,
    /// The close in yuan.
    pub close: f64,
    /// The day's move against the previous close (the exchange's reference when known), a
    /// fraction; `None` on a stock's first bar.
    pub change: Option<f64>,
    /// Whether the day closed at the up-limit.
    pub limit_up: bool,
    /// Whether the day closed at the down-limit.
    pub limit_down: bool,
    /// The amount traded (成交额) in yuan, when the data has it.
    pub amount: Option<f64>,
}

/// A stock's recent closes for its chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// `CODE.EX`, as in the report.
    pub code: String,
    /// Oldest first.
    pub points: Vec<ChartPoint>,
}

/// The chart of the last `n` of `bars` (sorted, oldest first), limit-up days marked.
pub fn price_chart(info: &StockInfo, bars: &[Bar], n: usize) -> Chart {
    let signals = market::analyze(info, bars);
    let from = bars.len().saturating_sub(n);
    Chart {
        code: info.symbol.to_string(),
        points: bars[from..]
            .iter()
            .zip(&signals[from..])
            .map(|(b, s)| ChartPoint {
                date: b.date,
                close: b.close as f64 / 100.0,
                change: s
                    .prev_close
                    .filter(|p| *p > 0)
                    .map(|p| b.close as f64 / p as f64 - 1.0),
                limit_up: s.limit_up,
                limit_down: s.limit_down,
                amount: b.amount,
            })
            .collect(),
    }
}
