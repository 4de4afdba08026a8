//! The row loop shared by the bar and the index readers: one reused [`Splitter`] buffer,
//! positions for messages, and the per-field parsers that turn bytes into model values or
//! into an [`Error`] naming file, line, column and value.

use std::io::Read;
use std::path::Path;

use super::header::{self, Field, Layout};
use super::number::{self, FenIssue};
use super::source::{self, Encoding, Progress, Source};
use super::split::Splitter;
use super::{value_error, Error};
use crate::model::{Date, Fen, Symbol};

use super::columns::parse_code;
pub(crate) use super::columns::CodeKind;

/// An open file positioned after its header.
pub(crate) struct Rows {
    /// The file as named in messages.
    pub file: String,
    /// The current row.
    record: Splitter<Box<dyn Read + Send>>,
    /// Where the fields are.
    pub layout: Layout,
    /// The detected encoding.
    pub encoding: Encoding,
    /// Whether the file was gzip-compressed.
    pub gzip: bool,
    /// Bytes read from disk.
    pub progress: Progress,
    done: bool,
    last_code: Vec<u8>,
    last_symbol: Option<Symbol>,
}

impl Rows {
    /// Opens `path` and detects its layout from the header.
    pub fn open(path: &Path, need_code: bool) -> Result<Rows, Error> {
        let file = path.display().to_string();
        let src = source::open(path, &file)?;
        Rows::from_source(file, src, need_code)
    }

    /// Detects the layout of an opened source, named `file` in messages.
    pub fn from_source(file: String, src: Source, need_code: bool) -> Result<Rows, Error> {
        let mut record = Splitter::new(src.reader);
        match record.next_record() {
            Ok(true) => {}
            Ok(false) => return Err(Error::Empty { file }),
            Err(cause) => return Err(Error::Io { file, cause }),
        }
        let cells: Vec<String> = (0..record.len())
            .map(|i| String::from_utf8_lossy(record.get(i).unwrap_or(b"")).into_owned())
            .collect();
        let layout = header::detect(&file, &cells, need_code)?;
        Ok(Rows {
            file,
            record,
            layout,
            encoding: src.encoding,
            gzip: src.gzip,
            progress: src.progress,
            done: false,
            last_code: Vec::new(),
            last_symbol: None,
        })
    }

    /// Reads the next row; `Ok(false)` at the end. A row with the wrong number of fields is
    /// a row-level error; read errors end the file.
    pub fn advance(&mut self) -> Result<bool, Error> {
        if self.done {
            return Ok(false);
        }
        match self.record.next_record() {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return Ok(false);
            }
            Err(cause) => {
                self.done = true;
                return Err(Error::Io {
                    file: self.file.clone(),
                    cause,
                });
            }
        }
        let want = self.layout.headers.len();
        if self.record.len() != want {
            return Err(Error::Csv {
                file: self.file.clone(),
                line: self.line(),
                problem: format!(
                    "found {} fields where the header has {want}",
                    self.record.len()
                ),
            });
        }
        Ok(true)
    }

    /// The 1-based line where the current row starts.
    pub fn line(&self) -> u64 {
        self.record.line()
    }

    /// The raw bytes of a field, if the file has the column.
    #[inline]
    pub fn get(&self, f: Field) -> Option<&[u8]> {
        self.layout
            .col(f)
            .map(|i| number::trim(self.record.get(i).unwrap_or(b"")))
    }

    /// Whether open, high, low and close are all empty: a day without trading, as some
    /// vendors write suspensions and gaps.
    pub fn no_prices(&self) -> bool {
        [Field::Open, Field::High, Field::Low, Field::Close]
            .into_iter()
            .all(|f| self.get(f).is_none_or(<[u8]>::is_empty))
    }

    /// Builds a value error for a field of the current row.
    pub fn bad(&self, f: Field, problem: impl Into<String>, fix: &'static str) -> Error {
        let i = self.layout.col(f).unwrap_or(0);
        value_error(
            &self.file,
            self.line(),
            self.layout.header(i),
            self.record.get(i).unwrap_or(b""),
            problem,
            fix,
        )
    }

    /// Builds a row error for the current row.
    pub fn bad_row(&self, problem: String) -> Error {
        Error::Row {
            file: self.file.clone(),
            line: self.line(),
            problem,
        }
    }

    /// The security of the current row, cached across rows of the same code.
    pub fn symbol(&mut self, kind: CodeKind) -> Result<Symbol, Error> {
        // Field access (not `self.get`) keeps the borrow of `record` apart from `last_code`.
        let raw = match self.layout.col(Field::Code) {
            Some(i) => number::trim(self.record.get(i).unwrap_or(b"")),
            None => b"",
        };
        if let Some(s) = self.last_symbol {
            if raw == self.last_code.as_slice() {
                return Ok(s);
            }
        }
        let text = std::str::from_utf8(raw).unwrap_or("");
        match parse_code(text, kind) {
            Ok(s) => {
                self.last_code.clear();
                self.last_code.extend_from_slice(raw);
                self.last_symbol = Some(s);
                Ok(s)
            }
            Err((problem, fix)) => Err(self.bad(Field::Code, problem, fix)),
        }
    }

    /// The date of the current row.
    #[inline]
    pub fn date(&self) -> Result<Date, Error> {
        let raw = self.get(Field::Date).unwrap_or(b"");
        number::parse_date(raw).ok_or_else(|| {
            self.bad(
                Field::Date,
                "is not a date",
                "write dates as YYYY-MM-DD or YYYYMMDD",
            )
        })
    }

    /// A required stock price in fen, positive and on the 0.01 tick.
    #[inline]
    pub fn price(&self, f: Field) -> Result<Fen, Error> {
        let raw = self.get(f).unwrap_or(b"");
        match number::parse_fen(raw) {
            Ok(p) if p > 0 => Ok(p),
            Ok(_) => Err(self.bad(
                f,
                "is not a positive price",
                "fix the value or remove the row",
            )),
            Err(_) if raw.is_empty() => Err(self.bad(
                f,
                "is empty where a price is needed",
                "fill in the price or remove the row",
            )),
            Err(FenIssue::NotANumber) => {
                Err(self.bad(f, "is not a price", "fix the value or remove the row"))
            }
            Err(FenIssue::SubFen) => Err(self.bad(
                f,
                "has more than two decimals, which unadjusted A-share prices never have: the \
                 file looks adjusted (复权)",
                "import unadjusted (不复权) prices",
            )),
        }
    }

    /// A required index level, positive.
    pub fn level(&self, f: Field) -> Result<f64, Error> {
        let raw = self.get(f).unwrap_or(b"");
        match number::parse_decimal(raw).map(|d| d.to_f64()) {
            Some(v) if v > 0.0 => Ok(v),
            Some(_) => Err(self.bad(
                f,
                "is not a positive index level",
                "fix the value or remove the row",
            )),
            None => Err(self.bad(f, "is not a number", "fix the value or remove the row")),
        }
    }

    /// An optional non-negative decimal; empty is `None`.
    #[inline]
    pub fn optional(&self, f: Field) -> Result<Option<number::Decimal>, Error> {
        let Some(raw) = self.get(f) else {
            return Ok(None);
        };
        if raw.is_empty() {
            return Ok(None);
        }
        match number::parse_decimal(raw) {
            Some(d) if d.mantissa >= 0 => Ok(Some(d)),
            Some(_) => Err(self.bad(f, "is negative", "fix the value or leave the field empty")),
            None => Err(self.bad(
                f,
                "is not a number",
                "fix the value or leave the field empty",
            )),
        }
    }
}
