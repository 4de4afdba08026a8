//! Forward returns: what a stock did after a day, against its benchmark. These are the only
//! look-ahead numbers of a panel or a study, kept apart from everything assessed as of a day.

use crate::market::Signal;
use crate::model::{Bar, Date, Fen, IndexBar};

/// A stock's wealth and its benchmark's level on every day of a trading calendar, from which
/// forward returns over any number of days are read in constant time.
///
/// The stock's wealth is the product of its daily changes against each day's previous-close
/// reference (ex-rights aware where the vendor gives one, as [`crate::market::n_day_return`]),
/// carried over the days it did not trade; the benchmark's level is its close on the day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Forward {
    /// Wealth on each calendar day (NaN before the stock's first bar).
    growth: Vec<f64>,
    /// The benchmark's close on each calendar day (NaN where it has none).
    bench: Vec<f64>,
    /// Calendar index of the stock's last bar: later days have no wealth (its data ends).
    last: Option<usize>,
}

impl Forward {
    /// Builds the series over `calendar` (sorted trading days) from the stock's bars and
    /// their signals (same length, sorted) and the benchmark's bars (sorted), if any.
    pub fn build(
        calendar: &[Date],
        bars: &[Bar],
        signals: &[Signal],
        index: Option<&[IndexBar]>,
    ) -> Forward {
        let closes = bars
            .iter()
            .zip(signals)
            .map(|(b, s)| (b.date, b.close, s.prev_close));
        Forward::from_closes(calendar, closes, index)
    }

    /// As [`Forward::build`], from each bar's date, close and previous-close reference (in
    /// date order).
    pub fn from_closes(
        calendar: &[Date],
        closes: impl IntoIterator<Item = (Date, Fen, Option<Fen>)>,
        index: Option<&[IndexBar]>,
    ) -> Forward {
        let mut growth = Vec::with_capacity(calendar.len());
        let mut closes = closes.into_iter().peekable();
        let (mut w, mut known) = (1.0f64, false);
        let mut last_bar: Option<Date> = None;
        for day in calendar {
            while let Some((date, close, prev)) = closes.next_if(|c| c.0 <= *day) {
                let change = prev.filter(|p| *p > 0).map(|p| close as f64 / p as f64);
                // A bar without a reference (the first one) starts the wealth at 1.
                w = if known {
                    w * change.unwrap_or(1.0)
                } else {
                    1.0
                };
                known = true;
                last_bar = Some(date);
            }
            growth.push(if known { w } else { f64::NAN });
        }
        // Bars after the calendar's end still say the stock's data goes on.
        if let Some((date, ..)) = closes.last() {
            last_bar = Some(date);
        }
        // The last calendar day on or before the stock's last bar: later days have no data.
        let last = last_bar.and_then(|b| calendar.partition_point(|d| *d <= b).checked_sub(1));
        let bench = match index {
            Some(ix) => calendar
                .iter()
                .map(|d| {
                    ix.binary_search_by(|b| b.date.cmp(d))
                        .ok()
                        .map(|i| ix[i].close)
                        .filter(|c| *c > 0.0)
                        .unwrap_or(f64::NAN)
                })
                .collect(),
            None => vec![f64::NAN; calendar.len()],
        };
        Forward {
            growth,
            bench,
            last,
        }
    }

    /// The series from levels given day by day: the stock's wealth (NaN where unknown) and
    /// its benchmark's close (NaN where missing); the stock's data ends with its last finite
    /// wealth.
    pub fn from_levels(growth: Vec<f64>, bench: Vec<f64>) -> Forward {
        let last = growth.iter().rposition(|g| g.is_finite());
        Forward {
            growth,
            bench,
            last,
        }
    }

    /// Calendar days covered.
    pub fn len(&self) -> usize {
        self.growth.len()
    }

    /// Whether no day is covered.
    pub fn is_empty(&self) -> bool {
        self.growth.is_empty()
    }

    fn end(&self, t: usize, k: usize) -> Option<usize> {
        let e = t.checked_add(k)?;
        (e < self.growth.len() && self.last.is_some_and(|l| e <= l)).then_some(e)
    }

    /// The stock's return from the close of calendar day `t` to the close `k` trading days
    /// later; `None` where the calendar or the stock's data ends first, or the stock has no
    /// bar on or before day `t`.
    pub fn ret(&self, t: usize, k: usize) -> Option<f64> {
        let e = self.end(t, k)?;
        let (a, b) = (self.growth[t], self.growth[e]);
        (a.is_finite() && b.is_finite()).then(|| b / a - 1.0)
    }

    /// [`Forward::ret`] minus the benchmark's return between the same days; `None` also where
    /// the benchmark lacks either day.
    pub fn excess(&self, t: usize, k: usize) -> Option<f64> {
        let r = self.ret(t, k)?;
        let e = t + k;
        let (a, b) = (self.bench[t], self.bench[e]);
        (a.is_finite() && b.is_finite()).then(|| r - (b / a - 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::market::{analyze, StockInfo};
    use crate::model::Symbol;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn bar(date: &str, close: i64) -> Bar {
        Bar {
            date: day(date),
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

    fn index(d: &[(&str, f64)]) -> Vec<IndexBar> {
        d.iter()
            .map(|(date, c)| IndexBar {
                date: day(date),
                open: *c,
                high: *c,
                low: *c,
                close: *c,
            })
            .collect()
    }

    #[test]
    fn forward_returns_follow_the_closes_and_end_with_the_data() {
        let cal: Vec<Date> = [
            "2025-03-03",
            "2025-03-04",
            "2025-03-05",
            "2025-03-06",
            "2025-03-07",
        ]
        .iter()
        .map(|d| day(d))
        .collect();
        let info = StockInfo::new(Symbol::parse_stock("600001").unwrap()).unwrap();
        // Suspended on 03-05; its data ends on 03-06.
        let bars = vec![
            bar("2025-03-03", 1000),
            bar("2025-03-04", 1100),
            bar("2025-03-06", 1210),
        ];
        let signals = analyze(&info, &bars);
        let ix = index(&[
            ("2025-03-03", 100.0),
            ("2025-03-04", 101.0),
            ("2025-03-06", 102.0),
        ]);
        let f = Forward::build(&cal, &bars, &signals, Some(&ix));
        assert!((f.ret(0, 1).unwrap() - 0.10).abs() < 1e-12);
        assert!((f.ret(0, 3).unwrap() - 0.21).abs() < 1e-12);
        // Suspended: the stock's value is its last close.
        assert!((f.ret(1, 1).unwrap()).abs() < 1e-12);
        assert!((f.excess(0, 1).unwrap() - 0.09).abs() < 1e-12);
        // The index has no 03-05: no excess that needs it.
        assert_eq!(f.excess(0, 2), None);
        assert!((f.excess(0, 3).unwrap() - 0.19).abs() < 1e-12);
        // After the stock's last bar, and past the calendar: no data.
        assert_eq!(f.ret(0, 4), None);
        assert_eq!(f.ret(3, 2), None);
        // Without a benchmark, no excess.
        let plain = Forward::build(&cal, &bars, &signals, None);
        assert!(plain.ret(0, 1).is_some() && plain.excess(0, 1).is_none());
    }

    #[test]
    fn a_day_before_the_first_bar_has_no_forward_return() {
        let cal: Vec<Date> = ["2025-03-03", "2025-03-04", "2025-03-05"]
            .iter()
            .map(|d| day(d))
            .collect();
        let info = StockInfo::new(Symbol::parse_stock("600001").unwrap()).unwrap();
        let bars = vec![bar("2025-03-04", 1000), bar("2025-03-05", 900)];
        let f = Forward::build(&cal, &bars, &analyze(&info, &bars), None);
        assert_eq!(f.ret(0, 1), None);
        assert!((f.ret(1, 1).unwrap() + 0.1).abs() < 1e-12);
    }
}
