//! Share counts (股本) of a stock as of a date: plain data, read by `ingest` (`import
//! shares`), kept by `store`, used to turn a day's volume and close into 换手率, 流通市值
//! and 总市值.

use super::Date;

/// A stock's share counts from `date` on: a row of a daily table (Tushare `daily_basic`,
/// AkShare `stock_value_em`) holds for its day, a row of a share-change table (AkShare
/// `stock_zh_a_gbjg_em`, `stock_share_change_cninfo`) holds until the next change. Either
/// way the counts in force on a day are those of the latest row dated on or before it
/// ([`ShareCount::asof`]). Counts are in shares (股), whatever the source's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ShareCount {
    /// The first day the counts hold.
    pub date: Date,
    /// Tradable A shares (流通股本, 已上市流通A股), when known.
    pub float_shares: Option<u64>,
    /// All shares (总股本), when known.
    pub total_shares: Option<u64>,
}

impl ShareCount {
    /// The row in force on `date` among `rows` sorted by date (as [`crate::store`] returns
    /// them): the latest dated on or before it; `None` when every row is later.
    ///
    /// ```
    /// use hypecheck::model::{Date, ShareCount};
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// let rows = [
    ///     ShareCount { date: d("2024-06-30"), float_shares: Some(100), total_shares: Some(200) },
    ///     ShareCount { date: d("2025-01-10"), float_shares: Some(150), total_shares: Some(200) },
    /// ];
    /// assert_eq!(ShareCount::asof(&rows, d("2025-01-09")).unwrap().float_shares, Some(100));
    /// assert_eq!(ShareCount::asof(&rows, d("2025-01-10")).unwrap().float_shares, Some(150));
    /// assert!(ShareCount::asof(&rows, d("2024-01-01")).is_none());
    /// ```
    pub fn asof(rows: &[ShareCount], date: Date) -> Option<&ShareCount> {
        let after = rows.partition_point(|r| r.date <= date);
        after.checked_sub(1).map(|i| &rows[i])
    }

    /// Turnover (换手率) of a day's `volume` in shares as a fraction of the float; `None`
    /// without a float count.
    pub fn turnover(&self, volume: u64) -> Option<f64> {
        self.float_shares
            .filter(|&f| f > 0)
            .map(|f| volume as f64 / f as f64)
    }

    /// Float market value (流通市值) in yuan at a close in fen; `None` without a float
    /// count.
    pub fn float_value(&self, close_fen: i64) -> Option<f64> {
        self.float_shares
            .map(|f| f as f64 * close_fen as f64 / 100.0)
    }

    /// Total market value (总市值) in yuan at a close in fen; `None` without a total
    /// count.
    pub fn total_value(&self, close_fen: i64) -> Option<f64> {
        self.total_shares
            .map(|t| t as f64 * close_fen as f64 / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_turnover_from_counts() {
        let c = ShareCount {
            date: Date::from_ymd_opt(2025, 2, 7).unwrap(),
            float_shares: Some(200_000_000),
            total_shares: None,
        };
        assert_eq!(c.turnover(10_000_000), Some(0.05));
        assert_eq!(c.float_value(4180), Some(8_360_000_000.0));
        assert_eq!(c.total_value(4180), None);
        let none = ShareCount {
            float_shares: Some(0),
            ..c
        };
        assert_eq!(none.turnover(1), None, "no division by a zero float");
    }
}
