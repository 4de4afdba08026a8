//! [`Error`]: why a bar or document file cannot be read, always naming the file and, for a bad row, the
//! line, the column as written in the header and the offending value, plus what to do.

use std::io;

/// An error reading a bar file. Row-level errors ([`Error::is_row_error`]) leave the reader
/// usable: the next call reads the next row, so a caller can report every bad row at once.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file cannot be opened, read or decompressed.
    #[error("cannot read {file}: {cause}")]
    Io {
        /// The file as given.
        file: String,
        /// The operating system's or decompressor's error.
        cause: io::Error,
    },
    /// The file is in an encoding we do not read (UTF-16), or not text.
    #[error("{file}: the file is {encoding}; save it as UTF-8 or GBK")]
    Encoding {
        /// The file as given.
        file: String,
        /// The detected encoding.
        encoding: &'static str,
    },
    /// The file starts as UTF-8 and has bytes further on that are not.
    #[error(
        "{file} line {line}: the file is UTF-8 up to this line and not from here on: it mixes \
         two encodings (GBK lines pasted into a UTF-8 file?); re-save the whole file in one \
         encoding (UTF-8 or GBK)"
    )]
    MixedEncoding {
        /// The file as given.
        file: String,
        /// The first line that is not UTF-8.
        line: u64,
    },
    /// The file is empty or has no header line.
    #[error(
        "{file}: the file is empty (or only blank): there is nothing to import; check that \
         the download or export finished"
    )]
    Empty {
        /// The file as given.
        file: String,
    },
    /// The header matches none of the supported formats.
    #[error(
        "{file}: unknown header '{header}'; expected AkShare stock_zh_a_hist \
         (日期,股票代码,开盘,收盘,最高,最低,...), Tushare daily (ts_code,trade_date,open,...), \
         baostock (date,code,open,...,adjustflag,...) or generic code,date,open,high,low,close"
    )]
    UnknownHeader {
        /// The file as given.
        file: String,
        /// The header line.
        header: String,
    },
    /// A required column is missing from a recognised header.
    #[error("{file}: the {format} header '{header}' has no {column} column; add it")]
    MissingColumn {
        /// The file as given.
        file: String,
        /// The detected format.
        format: &'static str,
        /// The missing column (its generic name).
        column: &'static str,
        /// The header line.
        header: String,
    },
    /// The file holds adjusted (复权) prices, which limit checks cannot use.
    #[error(
        "{file}: {reason}; hypecheck needs unadjusted (不复权) prices because limit prices are \
         computed from the raw previous close"
    )]
    Adjusted {
        /// The file as given.
        file: String,
        /// What gave it away.
        reason: String,
    },
    /// An index file with no code column, and no code given.
    #[error("{file}: the file has no code column; pass the index code, e.g. --code 000001.SH")]
    NoCode {
        /// The file as given.
        file: String,
    },
    /// A per-stock table (an AkShare frame) with no code column, and no code given.
    #[error(
        "{file}: the {format} file has no code column; pass the stock's code, e.g. --code \
         002881.SZ"
    )]
    NoStockCode {
        /// The file as given.
        file: String,
        /// The detected format.
        format: &'static str,
    },
    /// A row with another number of fields than the header.
    #[error("{file} line {line}: {problem}; fix the row or remove it")]
    Csv {
        /// The file as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// The parser's description.
        problem: String,
    },
    /// One field holds a bad value.
    #[error("{file} line {line}, column {column}: '{value}' {problem}; {fix}")]
    Value {
        /// The file as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// The column as written in the header.
        column: String,
        /// The bad value (lossily decoded).
        value: String,
        /// What is wrong with it.
        problem: String,
        /// What to do.
        fix: &'static str,
    },
    /// The fields parse, but do not fit together (high below low, close outside the range).
    #[error("{file} line {line}: {problem}; fix the row or remove it")]
    Row {
        /// The file as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// What does not fit.
        problem: String,
    },
    /// The same security and date twice in one file with different values.
    #[error(
        "{file} line {line}: {symbol} {date} already appeared on line {first_line} with \
         different values; keep one of the two rows"
    )]
    Duplicate {
        /// The file as given.
        file: String,
        /// The later line.
        line: u64,
        /// The earlier line.
        first_line: u64,
        /// The security, `CODE.EX`.
        symbol: String,
        /// The date, ISO.
        date: String,
    },
    /// A document line that is not a JSON object.
    #[error("{file} line {line}: not a JSON object ({problem}); write one JSON document per line")]
    Json {
        /// The file as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// The parser's description.
        problem: String,
    },
    /// A document without required fields: every one it lacks, at once.
    #[error("{file} line {line}: no {field}; {fix}")]
    MissingField {
        /// The file as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// The missing fields (`code, date and kind`).
        field: String,
        /// What to do about each.
        fix: String,
    },
    /// A document CSV whose header matches no document format.
    #[error(
        "{file}: unknown header '{header}'; expected CSV with code,date,kind and text (or \
         question,answer) columns, an AkShare 互动易 export (stock_irm_cninfo: \
         股票代码,问题,回答内容,提问时间,...) or an e互动 export (stock_sns_sseinfo: \
         股票代码,问题,回答,问题时间,回答时间,...)"
    )]
    DocHeader {
        /// The file as given.
        file: String,
        /// The header line.
        header: String,
    },
    /// A plain-text or PDF file that says neither in its text nor in flags the security,
    /// date or kind it is about: every missing value at once, each with its flag.
    #[error(
        "{file}: the {format} file does not say its {}; pass {}",
        Needed::list_en(missing),
        Needed::flags(missing)
    )]
    NeedsFlags {
        /// The file as given.
        file: String,
        /// The detected format.
        format: &'static str,
        /// What is missing, in the order code, date, kind.
        missing: Vec<Needed>,
    },
    /// A PDF whose text cannot be recovered.
    #[error("{file}: no text could be extracted from the PDF: {reason}")]
    Pdf {
        /// The file as given.
        file: String,
        /// Why, and what to do.
        reason: String,
    },
}

/// A value a text or PDF document needs and neither its text nor a flag gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    /// The stock code (`--code`).
    Code,
    /// The date (`--date`).
    Date,
    /// The kind (`--kind`).
    Kind,
}

impl Needed {
    /// The flag that gives the value, with its form.
    pub fn flag(self) -> &'static str {
        match self {
            Needed::Code => "--code CODE",
            Needed::Date => "--date YYYY-MM-DD",
            Needed::Kind => "--kind announcement|regulator|qa|post|news",
        }
    }

    /// The value, and where in the text it was looked for.
    fn en(self) -> &'static str {
        match self {
            Needed::Code => "stock code (no 证券代码 line at its top)",
            Needed::Date => "date (none under the 董事会 signature at its end, or in its title)",
            Needed::Kind => "kind (no 公告编号, and no title ending 公告)",
        }
    }

    /// The Chinese of [`Needed::en`].
    pub(crate) fn zh(self) -> &'static str {
        match self {
            Needed::Code => "股票代码（开头没有“证券代码”一行）",
            Needed::Date => "日期（文末“董事会”落款下和标题中都没有日期）",
            Needed::Kind => "类型（没有公告编号，标题也不以“公告”结尾）",
        }
    }

    fn list_en(missing: &[Needed]) -> String {
        let names: Vec<&str> = missing.iter().map(|m| m.en()).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{}, or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }

    /// The flags of `missing`, space-separated.
    pub(crate) fn flags(missing: &[Needed]) -> String {
        missing
            .iter()
            .map(|m| m.flag())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Error {
    /// Whether only one row is bad; the reader can go on with the next row.
    pub fn is_row_error(&self) -> bool {
        matches!(
            self,
            Error::Csv { .. }
                | Error::Value { .. }
                | Error::Row { .. }
                | Error::Duplicate { .. }
                | Error::Json { .. }
                | Error::MissingField { .. }
        )
    }

    /// The 1-based line of a row-level error.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::Csv { line, .. }
            | Error::Value { line, .. }
            | Error::Row { line, .. }
            | Error::Duplicate { line, .. }
            | Error::Json { line, .. }
            | Error::MissingField { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Builds [`Error::Value`] from raw bytes.
pub(crate) fn value_error(
    file: &str,
    line: u64,
    column: &str,
    value: &[u8],
    problem: impl Into<String>,
    fix: &'static str,
) -> Error {
    Error::Value {
        file: file.to_string(),
        line,
        column: column.to_string(),
        value: shown(value),
        problem: problem.into(),
        fix,
    }
}

/// How a value from a file is quoted in a message: control characters (NUL, ESC…) written
/// as escapes so that they show instead of acting on the terminal, bytes that are not
/// UTF-8 as `\x..`, and a long value cut after 60 characters with its length.
pub(crate) fn shown(value: &[u8]) -> String {
    const MAX: usize = 60;
    let text = String::from_utf8_lossy(value);
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == MAX {
            out.push_str(&format!("… ({} bytes in all)", value.len()));
            return out;
        }
        match c {
            '\u{FFFD}' if std::str::from_utf8(value).is_err() => out.push_str("\\x??"),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// [`shown`] for a header line.
pub(crate) fn shown_header(header: &str) -> String {
    shown(header.as_bytes())
}
