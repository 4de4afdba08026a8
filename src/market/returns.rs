//! N-day returns and excess returns against a benchmark index.

use super::Signal;
use crate::model::{Bar, IndexBar};

/// The stock's return over the `n` trading days ending at bar `idx`, as a fraction:
/// the product of the daily changes against each day's previous-close reference. Where
/// the vendor gives an ex-rights reference (Tushare `pre_close`, baostock `preclose`) this
/// is ex-rights aware; without one it equals `close[idx] / close[idx-n] − 1`.
/// `None` when fewer than `n` earlier bars exist.
pub fn n_day_return(bars: &[Bar], signals: &[Signal], idx: usize, n: usize) -> Option<f64> {
    if n == 0 || idx < n || idx >= bars.len() {
        return None;
    }
    let mut growth = 1.0;
    for i in idx + 1 - n..=idx {
        growth *= bars[i].close as f64 / signals[i].prev_close.filter(|&p| p > 0)? as f64;
    }
    Some(growth - 1.0)
}

/// The stock's `n`-day return minus the index's return between the same two dates
/// (the stock's bar `idx - n` and bar `idx`). `None` when either return is unknown or
/// the index lacks one of the dates. `index` must be sorted by date.
pub fn excess_return(
    bars: &[Bar],
    signals: &[Signal],
    idx: usize,
    n: usize,
    index: &[IndexBar],
) -> Option<f64> {
    let stock = n_day_return(bars, signals, idx, n)?;
    let start = index_close(index, bars[idx - n].date)?;
    let end = index_close(index, bars[idx].date)?;
    Some(stock - (end / start - 1.0))
}

/// The index close on `date`, by binary search.
pub(crate) fn index_close(index: &[IndexBar], date: crate::model::Date) -> Option<f64> {
    index
        .binary_search_by(|b| b.date.cmp(&date))
        .ok()
        .map(|i| index[i].close)
        .filter(|c| *c > 0.0)
}
