//! [`IndexReader`]: the streaming reader of benchmark index files (上证指数, 创业板指, …).
//!
//! Same formats as stock bars; the code comes from a code/symbol column or, for files
//! without one (`date,open,close,high,low,...`), from the caller (`--code`). Levels stay
//! `f64` ([`IndexBar`]); volume and amount are not kept.

use std::path::Path;

use super::header::{Field, Format};
use super::rows::{CodeKind, Rows};
use super::source::Progress;
use super::Error;
use crate::model::{IndexBar, Symbol};

/// One row of an index file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndexRow {
    /// The index.
    pub symbol: Symbol,
    /// The bar.
    pub bar: IndexBar,
    /// The line where the row starts.
    pub line: u64,
}

/// Reads an index file row by row; bad values (not a number, not positive, not a date, a
/// code other than `--code`) are row-level errors as in [`super::BarReader`]; a day whose
/// open or close lies outside its range is kept and counted ([`IndexReader::inconsistent`]).
pub struct IndexReader {
    rows: Rows,
    code: Option<Symbol>,
    rows_read: u64,
    skipped: u64,
    inconsistent: u64,
}

impl IndexReader {
    /// Opens an index file. `code` is required when the file has no code column; when it
    /// has one, every row must name the same index as `code`.
    pub fn open(path: &Path, code: Option<Symbol>) -> Result<IndexReader, Error> {
        let rows = Rows::open(path, false)?;
        if code.is_none() && rows.layout.col(Field::Code).is_none() {
            return Err(Error::NoCode { file: rows.file });
        }
        Ok(IndexReader {
            rows,
            code,
            rows_read: 0,
            skipped: 0,
            inconsistent: 0,
        })
    }

    /// The detected vendor format.
    pub fn format(&self) -> Format {
        self.rows.layout.format
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.rows.file
    }

    /// Bytes read so far, for progress bars.
    pub fn progress(&self) -> &Progress {
        &self.rows.progress
    }

    /// Rows returned so far.
    pub fn rows_read(&self) -> u64 {
        self.rows_read
    }

    /// Rows without any price (or baostock `tradestatus` 0) skipped.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Rows kept although open or close lies outside their high–low range (or high is
    /// below low): vendor glitches in old index histories.
    pub fn inconsistent(&self) -> u64 {
        self.inconsistent
    }

    /// The next index bar, `Ok(None)` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<IndexRow>, Error> {
        loop {
            if !self.rows.advance()? {
                return Ok(None);
            }
            if self.rows.get(Field::TradeStatus) == Some(b"0") || self.rows.no_prices() {
                self.skipped += 1;
                continue;
            }
            let row = self.parse()?;
            self.rows_read += 1;
            return Ok(Some(row));
        }
    }

    fn parse(&mut self) -> Result<IndexRow, Error> {
        let r = &mut self.rows;
        let symbol = match (self.code, r.layout.col(Field::Code)) {
            (Some(code), None) => code,
            (None, Some(_)) => r.symbol(CodeKind::Index)?,
            (Some(code), Some(_)) => {
                let s = r.symbol(CodeKind::Index)?;
                if s != code {
                    return Err(r.bad(
                        Field::Code,
                        format!("is another index than --code {code}"),
                        "pass the code the file holds, or leave out --code",
                    ));
                }
                s
            }
            (None, None) => {
                return Err(Error::NoCode {
                    file: r.file.clone(),
                })
            }
        };
        let date = r.date()?;
        let open = r.level(Field::Open)?;
        let high = r.level(Field::High)?;
        let low = r.level(Field::Low)?;
        let close = r.level(Field::Close)?;
        // Vendors' index histories have days whose open or close lies outside the high–low
        // range (sh000001 in 1991–1996, sz399001 as late as 2016). Levels only feed
        // benchmark returns, so such rows are kept as given and counted, not refused.
        if high < low || !(low..=high).contains(&open) || !(low..=high).contains(&close) {
            self.inconsistent += 1;
        }
        Ok(IndexRow {
            symbol,
            bar: IndexBar {
                date,
                open,
                high,
                low,
                close,
            },
            line: r.line(),
        })
    }
}
