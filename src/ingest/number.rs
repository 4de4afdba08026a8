//! Field parsers over raw bytes: decimals, prices in fen, dates.
//!
//! Prices go from decimal text straight to integer fen without passing through `f64`, so
//! `12.25` is exactly 1225 fen. Nothing here allocates; callers turn a `None` or an
//! [`FenIssue`] into an [`super::Error`] that names the file, line and column.

use crate::model::{Date, Fen};

/// A decimal number as written: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// The digits as an integer, with the sign.
    pub mantissa: i64,
    /// How many digits follow the decimal point.
    pub scale: u32,
}

/// The largest scale we accept; `10^18` still fits in `i64`.
const MAX_SCALE: u32 = 18;

/// Powers of ten up to `10^18`.
const POW10: [i64; 19] = {
    let mut t = [1i64; 19];
    let mut i = 1;
    while i < 19 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Strips ASCII spaces and tabs at both ends.
#[inline]
pub(crate) fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = s {
        s = rest;
    }
    s
}

/// Parses `[+-]digits[.digits]`; `None` for anything else (empty, exponents, letters) or
/// more than 18 significant digits.
#[inline]
pub(crate) fn parse_decimal(s: &[u8]) -> Option<Decimal> {
    let s = trim(s);
    let (neg, digits) = match s {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, s),
    };
    let mut mantissa: i64 = 0;
    let mut scale = 0u32;
    let mut seen_dot = false;
    let mut any_digit = false;
    for &b in digits {
        let d = b.wrapping_sub(b'0');
        if d < 10 {
            // One more digit would not fit in 18 significant digits.
            if mantissa >= 100_000_000_000_000_000 {
                return None;
            }
            mantissa = mantissa * 10 + i64::from(d);
            any_digit = true;
            scale += u32::from(seen_dot);
        } else if b == b'.' && !seen_dot {
            seen_dot = true;
        } else {
            return None;
        }
    }
    if !any_digit || scale > MAX_SCALE {
        return None;
    }
    Some(Decimal {
        mantissa: if neg { -mantissa } else { mantissa },
        scale,
    })
}

impl Decimal {
    /// The value as `f64` (exact for up to 15 significant digits, correctly rounded beyond).
    pub fn to_f64(self) -> f64 {
        // Both operands are exact in f64 (|mantissa| < 10^18 may round, scale ≤ 18 is exact),
        // so one division gives the nearest double for all realistic inputs.
        self.mantissa as f64 / POW10[self.scale as usize] as f64
    }

    /// The value times `mult` as `f64`; exact when the product is an integer below 2^53
    /// (Tushare's `27826.262` 千元 is exactly 27,826,262 yuan).
    pub fn to_f64_times(self, mult: i64) -> f64 {
        let div = POW10[self.scale as usize] as f64;
        match self.mantissa.checked_mul(mult) {
            Some(m) => m as f64 / div,
            None => (i128::from(self.mantissa) * i128::from(mult)) as f64 / div,
        }
    }

    /// The value times `mult`, rounded to the nearest integer (half away from zero).
    pub fn to_i64_times(self, mult: i64) -> Option<i64> {
        if self.scale == 0 {
            return self.mantissa.checked_mul(mult);
        }
        let m = i128::from(self.mantissa) * i128::from(mult);
        let d = i128::from(POW10[self.scale as usize]);
        let q = m / d;
        let r = m % d;
        let q = if 2 * r.abs() >= d { q + m.signum() } else { q };
        i64::try_from(q).ok()
    }
}

/// Why a decimal is not a price in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FenIssue {
    /// Not a number at all.
    NotANumber,
    /// Digits beyond the second decimal that are not zero (`10.385`).
    SubFen,
}

/// Parses a price in yuan to fen: `12.25` → 1225, `65.220` → 6522. Digits beyond the
/// second decimal must be zeros: A-share prices tick in whole fen, so `10.385` means the
/// file holds adjusted prices (or an index level).
#[inline]
pub(crate) fn parse_fen(s: &[u8]) -> Result<Fen, FenIssue> {
    let d = parse_decimal(s).ok_or(FenIssue::NotANumber)?;
    if d.scale <= 2 {
        return d
            .mantissa
            .checked_mul(POW10[(2 - d.scale) as usize])
            .ok_or(FenIssue::NotANumber);
    }
    let div = POW10[(d.scale - 2) as usize];
    if d.mantissa % div != 0 {
        return Err(FenIssue::SubFen);
    }
    Ok(d.mantissa / div)
}

/// Parses `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, also with a trailing midnight time
/// (`2025-02-07 00:00:00`, as pandas writes dates).
#[inline]
pub(crate) fn parse_date(s: &[u8]) -> Option<Date> {
    let s = trim(s);
    let s = match s.len() {
        19 if &s[10..] == b" 00:00:00" || &s[10..] == b"T00:00:00" => &s[..10],
        _ => s,
    };
    let num = |b: &[u8]| -> Option<u32> {
        b.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = match s.len() {
        8 => (num(&s[..4])?, num(&s[4..6])?, num(&s[6..])?),
        10 if s[4] == s[7] && (s[4] == b'-' || s[4] == b'/') => {
            (num(&s[..4])?, num(&s[5..7])?, num(&s[8..])?)
        }
        _ => return None,
    };
    Date::from_ymd_opt(y as i32, m, d)
}

/// A date as the integer `YYYYMMDD`, the store's and the duplicate check's compact form.
pub(crate) fn date_key(d: Date) -> i32 {
    use chrono::Datelike;
    d.year() * 10000 + d.month() as i32 * 100 + d.day() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_to_fen_exactly() {
        assert_eq!(parse_fen(b"12.25"), Ok(1225));
        assert_eq!(parse_fen(b"12.3"), Ok(1230));
        assert_eq!(parse_fen(b"12"), Ok(1200));
        assert_eq!(parse_fen(b" 65.220 "), Ok(6522));
        assert_eq!(parse_fen(b"140.070000"), Ok(14007));
        assert_eq!(parse_fen(b"0.01"), Ok(1));
        assert_eq!(parse_fen(b"-1.20"), Ok(-120));
        assert_eq!(parse_fen(b".5"), Ok(50));
        // 0.1 + 0.2 style float noise cannot happen: no f64 on the way.
        assert_eq!(parse_fen(b"10.29"), Ok(1029));
    }

    #[test]
    fn sub_fen_and_garbage_are_refused() {
        assert_eq!(parse_fen(b"10.385"), Err(FenIssue::SubFen));
        assert_eq!(parse_fen(b"12.3x"), Err(FenIssue::NotANumber));
        assert_eq!(parse_fen(b""), Err(FenIssue::NotANumber));
        assert_eq!(parse_fen(b"-"), Err(FenIssue::NotANumber));
        assert_eq!(parse_fen(b"1e3"), Err(FenIssue::NotANumber));
        assert_eq!(parse_fen(b"1.2.3"), Err(FenIssue::NotANumber));
        assert_eq!(parse_fen(b"nan"), Err(FenIssue::NotANumber));
    }

    #[test]
    fn decimals_scale_and_round() {
        let d = parse_decimal(b"27532368.0").unwrap();
        assert_eq!(d.to_i64_times(1), Some(27532368));
        assert_eq!(parse_decimal(b"1.5").unwrap().to_i64_times(1), Some(2));
        assert_eq!(parse_decimal(b"-1.5").unwrap().to_i64_times(1), Some(-2));
        assert_eq!(
            parse_decimal(b"33437").unwrap().to_i64_times(100),
            Some(3343700)
        );
        assert_eq!(parse_decimal(b"1007.391").unwrap().to_f64(), 1007.391);
        assert_eq!(
            parse_decimal(b"27826.262").unwrap().to_f64_times(1000),
            27826262.0
        );
        assert_eq!(parse_decimal(b"0.000123").unwrap().to_f64(), 0.000123);
        assert!(parse_decimal(b"1234567890123456789").is_none());
        assert_eq!(
            parse_decimal(b"000000000000000000001.5").unwrap().mantissa,
            15
        );
        assert!(parse_decimal(b"0.0000000000000000001").is_none());
        assert!(parse_decimal(b".").is_none());
    }

    #[test]
    fn dates_in_every_accepted_form() {
        let d = Date::from_ymd_opt(2025, 2, 7).unwrap();
        for s in [
            "2025-02-07",
            "20250207",
            "2025/02/07",
            " 2025-02-07",
            "2025-02-07 00:00:00",
        ] {
            assert_eq!(parse_date(s.as_bytes()), Some(d), "{s}");
        }
        for s in [
            "2025-02-30",
            "2025-2-7",
            "2025-02/07",
            "2025020",
            "07/02/2025",
            "",
        ] {
            assert_eq!(parse_date(s.as_bytes()), None, "{s}");
        }
        assert_eq!(date_key(d), 20250207);
    }
}
