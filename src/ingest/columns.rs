//! Column names every reader accepts for the same thing, in one place: a file that names
//! its code column `ts_code` or 证券代码 reads the same as bars, segments, members or an
//! ST list. Names are compared lower-cased. And how every reader reads a code cell
//! ([`parse_code`]).

use crate::model::{Exchange, Symbol, SymbolError};

/// Which kind of code a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeKind {
    Stock,
    Index,
}

/// Why a code cell is not a code, and what to do: `(problem, fix)`.
pub(crate) type CodeProblem = (&'static str, &'static str);

/// A code cell (trimmed) as a security. Spreadsheets and pandas drop leading zeros of
/// numeric codes, so 2881 is 002881. SZSE preferred shares (优先股, 140001 宁行优01 …) are
/// in whole-market dumps: `parse_stock` cannot place the 14 prefix, but only SZSE uses it.
pub(crate) fn parse_code(text: &str, kind: CodeKind) -> Result<Symbol, CodeProblem> {
    let padded;
    let text = if !text.is_empty() && text.len() < 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        padded = format!("{text:0>6}");
        padded.as_str()
    } else {
        text
    };
    let parsed = match kind {
        CodeKind::Stock if text.len() == 6 && text.starts_with("14") => {
            Symbol::new(Exchange::Sz, text)
        }
        CodeKind::Stock => Symbol::parse_stock(text),
        CodeKind::Index => Symbol::parse_index(text),
    };
    parsed.map_err(|e| match (e, kind) {
        (SymbolError::AmbiguousExchange(_), CodeKind::Stock) => (
            "does not tell the exchange",
            "write the code as CODE.SH, CODE.SZ or CODE.BJ",
        ),
        (SymbolError::AmbiguousExchange(_), CodeKind::Index) => (
            "does not tell the exchange",
            "write the code as CODE.SH, CODE.SZ or CODE.BJ, or pass --code",
        ),
        (SymbolError::Malformed(_), CodeKind::Stock) => (
            "is not a stock code",
            "write six digits such as 002881, 002881.SZ or sz.002881",
        ),
        (SymbolError::Malformed(_), CodeKind::Index) => (
            "is not an index code",
            "write six digits with the exchange, such as 000300.SH or sh.000300",
        ),
    })
}

/// Names of the stock-code column.
pub(crate) const CODE: &[&str] = &[
    "code",
    "symbol",
    "ts_code",
    "con_code",
    "stock_code",
    "股票代码",
    "代码",
    "证券代码",
];

/// Names of the stock-name column.
pub(crate) const NAME: &[&str] = &[
    "name",
    "short_name",
    "名称",
    "股票名称",
    "股票简称",
    "证券简称",
];
