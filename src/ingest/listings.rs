//! [`ListingReader`]: listing dates (上市日期), `code,listing_date` in any column order
//! (also `list_date` as Tushare `stock_basic` writes it, `ipo_date`, 上市日期, 上市时间),
//! plain or gzip, UTF-8 or GBK. Bad rows are row-level errors naming file, line, column and
//! value.

use std::path::Path;

use super::columns::CODE;
use super::table::Table;
use super::Error;
use crate::model::{Date, Symbol};

const LISTED: &[&str] = &[
    "listing_date",
    "list_date",
    "ipo_date",
    "上市日期",
    "上市时间",
];

/// Reads a listing-date file row by row.
pub struct ListingReader {
    table: Table,
    code: usize,
    date: usize,
    rows: u64,
}

impl ListingReader {
    /// Opens a file; fails without a code or a listing-date column.
    pub fn open(path: &Path) -> Result<ListingReader, Error> {
        let table = Table::open(path)?;
        let format = "listings (code,listing_date)";
        let code = table.need(CODE, format, "code (代码)")?;
        let date = table.need(LISTED, format, "listing_date (list_date, 上市日期)")?;
        Ok(ListingReader {
            table,
            code,
            date,
            rows: 0,
        })
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.table.file
    }

    /// Rows read so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The next (stock, listing date), `Ok(None)` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<(Symbol, Date)>, Error> {
        if !self.table.advance()? {
            return Ok(None);
        }
        self.rows += 1;
        let symbol = self.table.symbol(self.code)?;
        let date = self.table.date(self.date)?.ok_or_else(|| {
            self.table
                .bad(self.date, "is empty", "give the listing date as YYYY-MM-DD")
        })?;
        Ok(Some((symbol, date)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_dates_in_any_order_and_bad_rows_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.csv");
        std::fs::write(
            &path,
            "list_date,ts_code\n20250127,001395.SZ\n2025-13-01,600126\n",
        )
        .unwrap();
        let mut r = ListingReader::open(&path).unwrap();
        let first = r.next_row().unwrap().unwrap();
        assert_eq!(first.0.to_string(), "001395.SZ");
        assert_eq!(first.1, "2025-01-27".parse().unwrap());
        let e = r.next_row().unwrap_err();
        assert!(
            e.is_row_error() && e.to_string().contains("2025-13-01"),
            "{e}"
        );
        assert!(r.next_row().unwrap().is_none());
    }
}
