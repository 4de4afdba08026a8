//! Plain data shared by every module: securities, exchanges, dates and daily bars.
//!
//! Nothing here does I/O or knows a market rule; `market` interprets these types and
//! `ingest`/`store` produce them. Prices are integer fen (0.01 yuan) so that limit prices
//! compare exactly (docs/design.md §3).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

mod document;
mod segment;
mod shares;
mod st;

pub use document::{
    content_id, fnv1a_hex, text_id, DateFrom, DocKind, Document, FilingHead, KindFrom,
};
pub use segment::{SegmentKind, SegmentRow};
pub use shares::ShareCount;
pub use st::{StKind, StPeriod};

/// A trading date. Always printed as ISO `YYYY-MM-DD`.
pub type Date = chrono::NaiveDate;

/// `s` without the characters that would act on a terminal or reorder what a reader sees
/// instead of being shown: C0 and C1 control characters (ESC sequences among them) other
/// than tab and line feed, DEL, and the Unicode bidirectional embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069). A carriage return becomes a line break.
/// Everything hypecheck stores from a file goes through here, so no report, table or
/// terminal ever receives them. Borrows when nothing changes.
///
/// ```
/// use hypecheck::model::printable;
/// assert_eq!(printable("云帆\u{1b}[2J科技\r\n"), "云帆[2J科技\n");
/// assert_eq!(printable("a\u{202e}cba\rb"), "acba\nb");
/// ```
pub fn printable(s: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        (c.is_control() && c != '\t' && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
        } else if !hidden(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A price in fen (0.01 yuan).
pub type Fen = i64;

/// A stock exchange of the A-share market.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Exchange {
    /// Shanghai Stock Exchange (上交所).
    Sh,
    /// Shenzhen Stock Exchange (深交所).
    Sz,
    /// Beijing Stock Exchange (北交所).
    Bj,
}

impl Exchange {
    /// The two-letter suffix used in `CODE.EX`.
    pub fn suffix(self) -> &'static str {
        match self {
            Exchange::Sh => "SH",
            Exchange::Sz => "SZ",
            Exchange::Bj => "BJ",
        }
    }

    /// Parses `SH`, `sh`, `SZ`, `BJ` (case-insensitive).
    pub fn parse(s: &str) -> Option<Exchange> {
        match s.to_ascii_uppercase().as_str() {
            "SH" | "SS" | "SSE" | "XSHG" => Some(Exchange::Sh),
            "SZ" | "SZSE" | "XSHE" => Some(Exchange::Sz),
            "BJ" | "BSE" => Some(Exchange::Bj),
            _ => None,
        }
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.suffix())
    }
}

/// A listed security: exchange plus 6-digit code (docs/design.md §3). `000001.SH` (an index) and
/// `000001.SZ` (a stock) are different symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol {
    /// Where it is listed.
    pub exchange: Exchange,
    code: [u8; 6],
}

/// Why a string is not a security code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    /// Not six ASCII digits with an optional exchange prefix or suffix.
    #[error(
        "'{0}' is not a security code: expected six digits such as 002881, 002881.SZ or sz002881"
    )]
    Malformed(String),
    /// The exchange cannot be inferred from the code and was not given.
    #[error("'{0}': the exchange cannot be inferred from the code; write it as CODE.SH, CODE.SZ or CODE.BJ")]
    AmbiguousExchange(String),
}

impl Symbol {
    /// Builds a symbol from an exchange and six ASCII digits.
    pub fn new(exchange: Exchange, code: &str) -> Result<Symbol, SymbolError> {
        let bytes = code.as_bytes();
        if bytes.len() != 6 || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(SymbolError::Malformed(code.to_string()));
        }
        let mut c = [0u8; 6];
        c.copy_from_slice(bytes);
        Ok(Symbol { exchange, code: c })
    }

    /// The six-digit code without the exchange.
    pub fn code(&self) -> &str {
        // The constructor only admits ASCII digits.
        std::str::from_utf8(&self.code).unwrap_or("000000")
    }

    /// Whether this is a B share (B股): SSE 900xxx, quoted in US dollars to 0.001, or SZSE
    /// 200xxx/201xxx, quoted in Hong Kong dollars to 0.01. Not A-shares: hypecheck reports
    /// and refuses them rather than computing their limits (docs/market-rules.md §1).
    pub fn is_b_share(&self) -> bool {
        match self.exchange {
            Exchange::Sh => self.code().starts_with("900"),
            Exchange::Sz => self.code().starts_with("20"),
            Exchange::Bj => false,
        }
    }

    /// Parses a **stock** code in any accepted form (`002881`, `sz002881`, `SZ002881`,
    /// `sz.002881`, `002881.SZ`), inferring the exchange from the code when none is given:
    /// 60/68/90 → SH, 00/30/20 → SZ, 92/43/83/87/88 → BJ.
    pub fn parse_stock(s: &str) -> Result<Symbol, SymbolError> {
        let (ex, code) = split_exchange(s)?;
        match ex {
            Some(ex) => Symbol::new(ex, code),
            None => match infer_stock_exchange(code) {
                Some(ex) => Symbol::new(ex, code),
                None => Err(SymbolError::AmbiguousExchange(s.trim().to_string())),
            },
        }
    }

    /// Parses an **index** code; the exchange must be written (`000001.SH`, `sh000001`,
    /// `sh.000001`) except for the unambiguous SZSE 399xxx and BSE 899xxx families.
    pub fn parse_index(s: &str) -> Result<Symbol, SymbolError> {
        let (ex, code) = split_exchange(s)?;
        let ex = match ex {
            Some(ex) => ex,
            None if code.starts_with("399") => Exchange::Sz,
            None if code.starts_with("899") => Exchange::Bj,
            None => return Err(SymbolError::AmbiguousExchange(s.trim().to_string())),
        };
        Symbol::new(ex, code)
    }
}

/// Splits an optional exchange prefix (`sz`, `sz.`) or suffix (`.SZ`) from the code.
fn split_exchange(s: &str) -> Result<(Option<Exchange>, &str), SymbolError> {
    let t = s.trim();
    let bad = || SymbolError::Malformed(t.to_string());
    let is_code = |c: &str| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit());
    if let Some((a, b)) = t.split_once('.') {
        let (ex, code) = if is_code(a) { (b, a) } else { (a, b) };
        if !is_code(code) {
            return Err(bad());
        }
        return Ok((Some(Exchange::parse(ex).ok_or_else(bad)?), code));
    }
    if t.len() == 8 && t.is_char_boundary(2) {
        let (p, code) = t.split_at(2);
        if let (Some(ex), true) = (Exchange::parse(p), is_code(code)) {
            return Ok((Some(ex), code));
        }
    }
    if is_code(t) {
        return Ok((None, t));
    }
    Err(bad())
}

fn infer_stock_exchange(code: &str) -> Option<Exchange> {
    match &code[..2] {
        "60" | "68" | "90" => Some(Exchange::Sh),
        "00" | "30" | "20" => Some(Exchange::Sz),
        "92" | "43" | "83" | "87" | "88" => Some(Exchange::Bj),
        _ => None,
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.code(), self.exchange)
    }
}

impl FromStr for Symbol {
    type Err = SymbolError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Symbol::parse_stock(s)
    }
}

impl serde::Serialize for Symbol {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One trading day of one stock, unadjusted, in integer fen.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The trading date.
    pub date: Date,
    /// Opening price.
    pub open: Fen,
    /// Highest price.
    pub high: Fen,
    /// Lowest price.
    pub low: Fen,
    /// Closing price.
    pub close: Fen,
    /// The exchange's previous-close reference (前收盘价; ex-rights aware) when the source
    /// has it; `None` means "take the previous bar's close".
    pub prev_close: Option<Fen>,
    /// Volume in shares.
    pub volume: Option<i64>,
    /// Turnover amount in yuan.
    pub amount: Option<f64>,
    /// Turnover rate (换手率) as a fraction of tradable shares.
    pub turnover: Option<f64>,
    /// Special treatment (ST / *ST) on this date when the source says so.
    pub st: Option<bool>,
}

/// One trading day of a benchmark index. Index levels are not prices, so they stay `f64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexBar {
    /// The trading date.
    pub date: Date,
    /// Opening level.
    pub open: f64,
    /// Highest level.
    pub high: f64,
    /// Lowest level.
    pub low: f64,
    /// Closing level.
    pub close: f64,
}

/// The display language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (the default: our users read Chinese).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Formats fen as yuan with two decimals (`1234` → `12.34`).
pub fn fen_to_yuan(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_form() {
        for s in [
            "002881",
            "sz002881",
            "SZ002881",
            "sz.002881",
            "002881.SZ",
            " 002881.sz ",
        ] {
            let sym = Symbol::parse_stock(s).unwrap();
            assert_eq!(sym.to_string(), "002881.SZ", "{s}");
        }
        assert_eq!(
            Symbol::parse_stock("688316").unwrap().to_string(),
            "688316.SH"
        );
        assert_eq!(
            Symbol::parse_stock("920493").unwrap().to_string(),
            "920493.BJ"
        );
        assert_eq!(
            Symbol::parse_stock("839493").unwrap().to_string(),
            "839493.BJ"
        );
    }

    #[test]
    fn index_needs_exchange_unless_unambiguous() {
        assert!(matches!(
            Symbol::parse_index("000001"),
            Err(SymbolError::AmbiguousExchange(_))
        ));
        assert_eq!(
            Symbol::parse_index("sh000001").unwrap().to_string(),
            "000001.SH"
        );
        assert_eq!(
            Symbol::parse_index("399006").unwrap().to_string(),
            "399006.SZ"
        );
        assert_ne!(
            Symbol::parse_index("000001.SH").unwrap(),
            Symbol::parse_stock("000001").unwrap()
        );
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "12345",
            "1234567",
            "abcdef",
            "002881.XX",
            "sz00288a",
            "150001",
        ] {
            assert!(Symbol::parse_stock(s).is_err(), "{s}");
        }
    }

    #[test]
    fn fen_formatting() {
        assert_eq!(fen_to_yuan(14007), "140.07");
        assert_eq!(fen_to_yuan(5), "0.05");
        assert_eq!(fen_to_yuan(-120), "-1.20");
    }
}
