//! [`MemberReader`]: theme-constituent files, docs/design.md §4 `import members FILE --theme ID`.
//!
//! Formats, told apart by the header:
//! - **generic** `code[,name][,reason][,source][,date][,added][,removed]` in any column
//!   order, as the AkShare bridge writes it (`reason` is the 入选理由; `added` the day the
//!   stock joined the theme and `removed` the day it left, which the as-of rules use;
//!   `date` a day the file gives without saying which, e.g. the day the membership was
//!   seen, which they do not); synonyms: 代码/股票代码/ts_code/con_code/stock_code, 名称/
//!   股票简称/short_name, 入选理由/desc, 来源, joined/in_date/纳入日期/入选日期 for
//!   `added`, out_date/剔除日期/调出日期 for `removed`;
//! - **AkShare** `stock_board_concept_cons_em` export: `序号,代码,名称,最新价,...`; the
//!   quote columns are ignored and the source is `eastmoney`.
//!
//! The same security twice in one file (for the same source) is a row error unless the rows
//! are equal.

use std::collections::HashMap;
use std::path::Path;

use super::columns::{CODE, NAME};
use super::table::Table;
use super::Error;
use crate::model::{Date, Symbol};

/// The format of a theme-constituent file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberFormat {
    /// AkShare `stock_board_concept_cons_em` (代码, 名称 and quote columns).
    AkShare,
    /// `code[,name][,reason][,source][,date]`.
    Generic,
}

impl MemberFormat {
    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            MemberFormat::AkShare => "AkShare stock_board_concept_cons_em",
            MemberFormat::Generic => "generic members",
        }
    }
}

/// One row of a theme-constituent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    /// The stock.
    pub symbol: Symbol,
    /// The stock's name, when given.
    pub name: Option<String>,
    /// Why the stock is in the theme (入选理由), when given.
    pub reason: Option<String>,
    /// Who lists the stock in the theme (eastmoney, ths, ...), when the file says.
    pub source: Option<String>,
    /// The `date` column: a day the file gives without saying which (e.g. when the
    /// membership was seen).
    pub joined: Option<Date>,
    /// When the stock was added to the theme, when given.
    pub added: Option<Date>,
    /// When the stock was removed from the theme, when given.
    pub removed: Option<Date>,
    /// The line where the row starts.
    pub line: u64,
}

const REASON: &[&str] = &["reason", "desc", "入选理由", "理由"];
const SOURCE: &[&str] = &["source", "来源"];
const DATE: &[&str] = &["date", "日期"];
const ADDED: &[&str] = &["added", "joined", "in_date", "纳入日期", "入选日期"];
const REMOVED: &[&str] = &["removed", "out_date", "剔除日期", "调出日期"];
/// Quote columns of `stock_board_concept_cons_em` that mark its export.
const CONS_MARKERS: &[&str] = &["最新价", "涨跌幅", "序号"];

/// Reads a theme-constituent file row by row; row-level errors leave it usable.
pub struct MemberReader {
    table: Table,
    format: MemberFormat,
    code: usize,
    name: Option<usize>,
    reason: Option<usize>,
    source: Option<usize>,
    date: Option<usize>,
    added: Option<usize>,
    removed: Option<usize>,
    seen: HashMap<(Symbol, Option<String>), MemberRecord>,
    rows: u64,
    repeated: u64,
}

impl MemberReader {
    /// Opens a file and detects its format; fails without a code column.
    pub fn open(path: &Path) -> Result<MemberReader, Error> {
        let table = Table::open(path)?;
        let format = if table.column(CONS_MARKERS).is_some() && table.column(&["代码"]).is_some()
        {
            MemberFormat::AkShare
        } else {
            MemberFormat::Generic
        };
        let shown = "members (code[,name][,reason][,source][,date])";
        let code = table.need(CODE, shown, "code (代码)")?;
        Ok(MemberReader {
            format,
            code,
            name: table.column(NAME),
            reason: table.column(REASON),
            source: table.column(SOURCE),
            date: table.column(DATE),
            added: table.column(ADDED),
            removed: table.column(REMOVED),
            table,
            seen: HashMap::new(),
            rows: 0,
            repeated: 0,
        })
    }

    /// The detected format.
    pub fn format(&self) -> MemberFormat {
        self.format
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.table.file
    }

    /// Rows returned so far.
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    /// Rows skipped because an equal row came before.
    pub fn repeated(&self) -> u64 {
        self.repeated
    }

    /// The next row, `Ok(None)` at the end of the file.
    pub fn next_row(&mut self) -> Result<Option<MemberRecord>, Error> {
        loop {
            if !self.table.advance()? {
                return Ok(None);
            }
            let rec = self.parse()?;
            let key = (rec.symbol, rec.source.clone());
            match self.seen.get(&key) {
                None => {
                    self.seen.insert(key, rec.clone());
                }
                Some(first) if same_values(first, &rec) => {
                    self.repeated += 1;
                    continue;
                }
                Some(first) => {
                    return Err(Error::Row {
                        file: self.table.file.clone(),
                        line: rec.line,
                        problem: format!(
                            "{} already appeared on line {} with another name, reason or date",
                            rec.symbol, first.line
                        ),
                    })
                }
            }
            self.rows += 1;
            return Ok(Some(rec));
        }
    }

    fn parse(&self) -> Result<MemberRecord, Error> {
        let t = &self.table;
        let opt = |col: Option<usize>| Some(t.text(col)).filter(|s| !s.is_empty());
        let source = match self.format {
            MemberFormat::AkShare => opt(self.source).or_else(|| Some("eastmoney".into())),
            MemberFormat::Generic => opt(self.source),
        };
        Ok(MemberRecord {
            symbol: t.symbol(self.code)?,
            name: opt(self.name),
            reason: opt(self.reason),
            source,
            joined: match self.date {
                Some(col) => t.date(col)?,
                None => None,
            },
            added: match self.added {
                Some(col) => t.date(col)?,
                None => None,
            },
            removed: match self.removed {
                Some(col) => t.date(col)?,
                None => None,
            },
            line: t.line(),
        })
    }
}

/// Whether two rows say the same thing (lines aside).
fn same_values(a: &MemberRecord, b: &MemberRecord) -> bool {
    (&a.name, &a.reason, a.joined, a.added, a.removed)
        == (&b.name, &b.reason, b.joined, b.added, b.removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<MemberRecord>, Vec<String>, MemberFormat) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        std::fs::write(&path, text).unwrap();
        let mut r = MemberReader::open(&path).unwrap();
        let (mut rows, mut errs) = (Vec::new(), Vec::new());
        loop {
            match r.next_row() {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => break,
                Err(e) if e.is_row_error() => errs.push(e.to_string()),
                Err(e) => panic!("{e}"),
            }
        }
        (rows, errs, r.format())
    }

    #[test]
    fn akshare_cons_export_gets_eastmoney_as_source() {
        let (rows, errs, format) = read(
            "序号,代码,名称,最新价,涨跌幅\n1,2881,美格智能,45.1,10.0\n2,688041,海光信息,150,5\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, MemberFormat::AkShare);
        assert_eq!(rows[0].symbol.to_string(), "002881.SZ");
        assert_eq!(rows[0].name.as_deref(), Some("美格智能"));
        assert_eq!(rows[1].source.as_deref(), Some("eastmoney"));
        assert_eq!(rows[1].reason, None);
    }

    #[test]
    fn generic_rows_with_reasons_dates_and_bad_values() {
        let (rows, errs, format) = read(
            "code,name,reason,source,date\n\
             002881.SZ,美格智能,算力模组,ths,2025-02-06\n\
             002881.SZ,美格智能,算力模组,ths,2025-02-06\n\
             600000,浦发银行,,,\n\
             12345678,坏代码,,,\n\
             688041,海光信息,,,2025-02-30\n\
             002881.SZ,美格智能,另一个理由,ths,2025-02-06\n",
        );
        assert_eq!(format, MemberFormat::Generic);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].joined, Date::from_ymd_opt(2025, 2, 6));
        assert_eq!(rows[1].reason, None);
        assert_eq!(rows[1].source, None);
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert!(errs[0].contains("line 5, column code: '12345678' is not a stock code"));
        assert!(errs[1].contains("line 6, column date: '2025-02-30' is not a date"));
        assert!(errs[2].contains("line 7:") && errs[2].contains("already appeared on line 2"));
    }
}
