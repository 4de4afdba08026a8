//! [`Table`]: a small CSV table (revenue composition, theme members, listing dates) read
//! row by row with the bar files' [`Splitter`], after the same gzip and encoding detection. Columns are
//! found by name through a synonym list, so vendor exports and the generic format share one
//! reader; values stay text and the format readers parse them into model types, with
//! errors that name file, line, column and value.

use std::io::Read;
use std::path::Path;

use super::columns::{parse_code, CodeKind};
use super::number;
use super::source::{self, Encoding};
use super::split::Splitter;
use super::{value_error, Error};
use crate::model::{Date, Symbol};

/// An open table positioned after its header.
pub(crate) struct Table {
    /// The file as named in messages.
    pub file: String,
    /// The header cells as written.
    pub headers: Vec<String>,
    /// The detected encoding.
    pub encoding: Encoding,
    reader: Splitter<Box<dyn Read + Send>>,
}

impl Table {
    /// Opens `path` and reads its header line.
    pub fn open(path: &Path) -> Result<Table, Error> {
        let file = path.display().to_string();
        let src = source::open(path, &file)?;
        let mut reader = Splitter::new(src.reader);
        let io = |cause| Error::Io {
            file: file.clone(),
            cause,
        };
        let has_header = reader.next_record().map_err(io)?;
        let cells = (0..reader.len()).map(|i| number::trim(reader.get(i).unwrap_or(b"")));
        if !has_header || cells.clone().all(<[u8]>::is_empty) {
            return Err(Error::Empty { file });
        }
        let headers = cells
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        Ok(Table {
            file,
            headers,
            encoding: src.encoding,
            reader,
        })
    }

    /// The index of the first column whose lower-cased name is in `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        let lower: Vec<String> = self.headers.iter().map(|h| h.to_lowercase()).collect();
        names.iter().find_map(|n| lower.iter().position(|h| h == n))
    }

    /// The index of the column `names` name, or the error that says the file of `format`
    /// lacks `column` (what to write, with the names tried in brackets).
    pub fn need(
        &self,
        names: &[&str],
        format: &'static str,
        column: &'static str,
    ) -> Result<usize, Error> {
        self.column(names).ok_or_else(|| Error::MissingColumn {
            file: self.file.clone(),
            format,
            column,
            header: super::error::shown_header(&self.header_line()),
        })
    }

    /// The header line, for messages.
    pub fn header_line(&self) -> String {
        self.headers.join(",")
    }

    /// Reads the next row; `Ok(false)` at the end. Blank lines are skipped; a row with
    /// another number of fields than the header is a row-level error.
    pub fn advance(&mut self) -> Result<bool, Error> {
        loop {
            let more = self.reader.next_record().map_err(|cause| Error::Io {
                file: self.file.clone(),
                cause,
            })?;
            if !more {
                return Ok(false);
            }
            let r = &self.reader;
            if (0..r.len()).all(|i| number::trim(r.get(i).unwrap_or(b"")).is_empty()) {
                continue;
            }
            if r.len() != self.headers.len() {
                return Err(Error::Csv {
                    file: self.file.clone(),
                    line: self.line(),
                    problem: format!(
                        "found {} fields where the header has {}",
                        r.len(),
                        self.headers.len()
                    ),
                });
            }
            return Ok(true);
        }
    }

    /// The 1-based line where the current row starts.
    pub fn line(&self) -> u64 {
        self.reader.line()
    }

    /// A field of the current row as trimmed text ("" when the column is absent).
    pub fn text(&self, col: Option<usize>) -> String {
        col.and_then(|i| self.reader.get(i))
            .map(|b| String::from_utf8_lossy(number::trim(b)).trim().to_string())
            .unwrap_or_default()
    }

    /// A value error for a column of the current row.
    pub fn bad(&self, col: usize, problem: impl Into<String>, fix: &'static str) -> Error {
        value_error(
            &self.file,
            self.line(),
            self.headers.get(col).map_or("", String::as_str),
            self.reader.get(col).unwrap_or(b""),
            problem,
            fix,
        )
    }

    /// The stock of a code column (see [`parse_code`]).
    pub fn symbol(&self, col: usize) -> Result<Symbol, Error> {
        parse_code(&self.text(Some(col)), CodeKind::Stock)
            .map_err(|(problem, fix)| self.bad(col, problem, fix))
    }

    /// A date column: `YYYY-MM-DD`, `YYYYMMDD` or `YYYY/MM/DD`, with an optional time of day
    /// after a space or `T`; empty is `None`.
    pub fn date(&self, col: usize) -> Result<Option<Date>, Error> {
        let text = self.text(Some(col));
        if text.is_empty() {
            return Ok(None);
        }
        let day = match text.find([' ', 'T']) {
            Some(at) if at >= 8 => &text[..at],
            _ => text.as_str(),
        };
        number::parse_date(day.as_bytes()).map(Some).ok_or_else(|| {
            self.bad(
                col,
                "is not a date",
                "write dates as YYYY-MM-DD or YYYYMMDD",
            )
        })
    }

    /// A number column: empty, `-`, `--`, `NaN` and `None` are `None`; exponents are
    /// accepted (pandas writes `1e+16`); a trailing `%` divides by 100.
    pub fn number(&self, col: Option<usize>) -> Result<Option<f64>, Error> {
        let Some(col) = col else { return Ok(None) };
        let text = self.text(Some(col)).replace(',', "");
        if matches!(
            text.as_str(),
            "" | "-" | "--" | "nan" | "NaN" | "None" | "<NA>"
        ) {
            return Ok(None);
        }
        let (digits, scale) = match text.strip_suffix('%') {
            Some(d) => (d.trim(), 0.01),
            None => (text.as_str(), 1.0),
        };
        match digits.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v * scale)),
            _ => Err(self.bad(
                col,
                "is not a number",
                "fix the value or leave the field empty",
            )),
        }
    }
}
