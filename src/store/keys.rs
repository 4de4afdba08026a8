//! The store's integer keys: a security as one `sid`, a date as `YYYYMMDD`. Every table
//! module uses them; they live apart so that no table module needs another.

use std::ops::{Bound, RangeBounds};

use super::{Error, Result};
use crate::model::{Date, Exchange, Symbol};

/// The security as one integer key: exchange rank (SH 1, SZ 2, BJ 3) × 10^6 + code, so
/// `600126.SH` is 1600126 and keys sort like [`Symbol`].
pub(super) fn sid(s: Symbol) -> i64 {
    let rank = match s.exchange {
        Exchange::Sh => 1,
        Exchange::Sz => 2,
        Exchange::Bj => 3,
    };
    let code = s
        .code()
        .bytes()
        .fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
    rank * 1_000_000 + code
}

/// The inverse of [`sid`].
pub(super) fn sid_symbol(id: i64) -> Option<Symbol> {
    let exchange = match id / 1_000_000 {
        1 => Exchange::Sh,
        2 => Exchange::Sz,
        3 => Exchange::Bj,
        _ => return None,
    };
    Symbol::new(exchange, &format!("{:06}", id % 1_000_000)).ok()
}

/// A date as the integer `YYYYMMDD`.
pub(super) fn date_key(d: Date) -> i32 {
    use chrono::Datelike;
    // Clamped so that range bounds such as `Date::MIN`/`Date::MAX` cannot overflow; no
    // stored date is outside these years.
    d.year().clamp(0, 9999) * 10000 + d.month() as i32 * 100 + d.day() as i32
}

/// A `YYYYMMDD` key back as a date; a key that is no date means a corrupt store.
pub(super) fn key_date(k: i32, path: &str) -> Result<Date> {
    let m = (k / 100 % 100) as u32;
    let d = (k % 100) as u32;
    Date::from_ymd_opt(k / 10000, m, d).ok_or_else(|| Error::Corrupt {
        path: path.to_string(),
        what: format!("{k} is not a date"),
    })
}

/// Inclusive `YYYYMMDD` bounds of a date range.
pub(super) fn key_range(r: &impl RangeBounds<Date>) -> (i32, i32) {
    let lo = match r.start_bound() {
        Bound::Included(d) => date_key(*d),
        Bound::Excluded(d) => date_key(*d) + 1,
        Bound::Unbounded => i32::MIN,
    };
    let hi = match r.end_bound() {
        Bound::Included(d) => date_key(*d),
        Bound::Excluded(d) => date_key(*d) - 1,
        Bound::Unbounded => i32::MAX,
    };
    (lo, hi)
}
