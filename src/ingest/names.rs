//! Dated names and code changes, plain or gzip, UTF-8 or GBK; bad rows are row-level errors
//! naming file, line, column and value.
//!
//! - [`NameReader`]: a name-change history, `code,date,name` in any column order: the
//!   stock was called `name` from `date` on; an empty date is the name before the first
//!   change the file knows. Tushare `namechange` (`ts_code,name,start_date,...`) reads as
//!   it is; the SZSE list (`stock_info_sz_change_name`: 变更日期, 证券代码, 变更后简称) too.
//! - [`CodeChangeReader`]: `old_code,new_code[,date]` (原代码/旧代码, 新代码, 切换日期): the
//!   stock traded as `old_code` until the day before `date` and as `new_code` from `date`.
//!   Tushare's `bse_mapping` (`name,o_code,n_code,list_date`) reads as it is; its `list_date`
//!   is the listing, not the change, and is not read. Without a date column, a legacy BSE
//!   code (43/83/87/88) moving to 920 takes the day of the BSE's switch, 2025-10-09; any
//!   other pair needs a date.

use std::path::Path;

use super::columns::CODE;
use super::table::Table;
use super::Error;
use crate::model::{Date, Exchange, Symbol};

const NAME_DATE: &[&str] = &[
    "date",
    "start_date",
    "start",
    "变更日期",
    "开始日期",
    "启用日期",
];
const NEW_NAME: &[&str] = &["变更后简称", "name", "证券简称", "简称", "名称", "股票简称"];
const OLD_CODE: &[&str] = &[
    "old_code",
    "o_code",
    "old",
    "原代码",
    "旧代码",
    "原证券代码",
    "旧证券代码",
];
const NEW_CODE: &[&str] = &["new_code", "n_code", "new", "新代码", "新证券代码"];
const CHANGE_DATE: &[&str] = &["date", "切换日期", "变更日期", "启用日期", "生效日期"];

/// The day all BSE stocks listed before 2024-04-22 moved to 920xxx codes (the BSE's notice
/// of 2025-09-12; docs/market-rules.md §1).
pub const BSE_SWITCH: Date = match Date::from_ymd_opt(2025, 10, 9) {
    Some(d) => d,
    None => panic!("invalid constant date"),
};

/// Reads a name-change history row by row.
pub struct NameReader {
    table: Table,
    code: usize,
    date: usize,
    name: usize,
    rows: u64,
}

impl NameReader {
    /// Opens a file; fails without a code, a date or a name column.
    pub fn open(path: &Path) -> Result<NameReader, Error> {
        let table = Table::open(path)?;
        let format = "names (code,date,name)";
        let code = table.need(CODE, format, "code (代码)")?;
        let date = table.need(NAME_DATE, format, "date (start_date, 变更日期)")?;
        let name = table.need(NEW_NAME, format, "name (变更后简称, 证券简称)")?;
        Ok(NameReader {
            table,
            code,
            date,
            name,
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

    /// The next (stock, first day of the name or `None` before the first change, name).
    pub fn next_row(&mut self) -> Result<Option<(Symbol, Option<Date>, String)>, Error> {
        if !self.table.advance()? {
            return Ok(None);
        }
        self.rows += 1;
        let symbol = self.table.symbol(self.code)?;
        let date = self.table.date(self.date)?;
        let name = self.table.text(Some(self.name));
        if name.is_empty() {
            return Err(self
                .table
                .bad(self.name, "is empty", "give the stock's name"));
        }
        Ok(Some((symbol, date, name)))
    }
}

/// Reads a code-change mapping row by row.
pub struct CodeChangeReader {
    table: Table,
    old: usize,
    new: usize,
    date: Option<usize>,
    rows: u64,
}

impl CodeChangeReader {
    /// Opens a file; fails without an old-code or a new-code column.
    pub fn open(path: &Path) -> Result<CodeChangeReader, Error> {
        let table = Table::open(path)?;
        let format = "code changes (old_code,new_code,date)";
        let old = table.need(OLD_CODE, format, "old_code (原代码)")?;
        let new = table.need(NEW_CODE, format, "new_code (新代码)")?;
        let date = table.column(CHANGE_DATE);
        Ok(CodeChangeReader {
            table,
            old,
            new,
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

    /// The next (old code, new code, first day under the new code).
    pub fn next_row(&mut self) -> Result<Option<(Symbol, Symbol, Date)>, Error> {
        if !self.table.advance()? {
            return Ok(None);
        }
        self.rows += 1;
        let old = self.table.symbol(self.old)?;
        let new = self.table.symbol(self.new)?;
        if old == new || old.exchange != new.exchange {
            return Err(self.table.bad(
                self.new,
                format!("is no new code of {old} (the same code, or another exchange)"),
                "give the code the stock moved to on the same exchange",
            ));
        }
        let given = match self.date {
            Some(col) => self.table.date(col)?,
            None => None,
        };
        let bse = old.exchange == Exchange::Bj
            && new.code().starts_with("920")
            && !old.code().starts_with("920");
        let date = match (given, bse) {
            (Some(d), _) => d,
            (None, true) => BSE_SWITCH,
            (None, false) => {
                let col = self.date.unwrap_or(self.new);
                return Err(self.table.bad(
                    col,
                    "has no date of the change",
                    "add a date column (the first trading day under the new code)",
                ));
            }
        };
        Ok(Some((old, new, date)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn names_from_the_szse_list_and_tushare() {
        let (_d, p) = file("变更日期,证券代码,证券简称,变更前简称,变更后简称\n2020-01-01,000005,ST星源,深星源A,ST星源\n");
        let mut r = NameReader::open(&p).unwrap();
        let (s, d, n) = r.next_row().unwrap().unwrap();
        assert_eq!(
            (s.to_string(), d, n.as_str()),
            (
                "000005.SZ".into(),
                Some("2020-01-01".parse().unwrap()),
                "ST星源"
            )
        );
        let (_d, p) = file("ts_code,name,start_date,end_date\n600848.SH,ST自仪,20010508,20061008\n600848.SH,自仪股份,,20010507\n");
        let mut r = NameReader::open(&p).unwrap();
        assert!(r.next_row().unwrap().unwrap().1.is_some());
        assert_eq!(r.next_row().unwrap().unwrap().1, None);
        let (_d, p) = file("code,date,name\n600848,2001-13-08,ST自仪\n");
        let e = NameReader::open(&p).unwrap().next_row().unwrap_err();
        assert!(
            e.is_row_error() && e.to_string().contains("2001-13-08"),
            "{e}"
        );
    }

    #[test]
    fn bse_changes_take_the_switch_day_and_others_need_a_date() {
        let (_d, p) = file("原代码,新代码\n839493,920493\n");
        let mut r = CodeChangeReader::open(&p).unwrap();
        let (o, n, d) = r.next_row().unwrap().unwrap();
        assert_eq!(
            (o.to_string(), n.to_string(), d),
            ("839493.BJ".into(), "920493.BJ".into(), BSE_SWITCH)
        );
        let (_d, p) = file("name,o_code,n_code,list_date\n方大新材,838163.BJ,920163.BJ,20200727\n");
        let (o, n, d) = CodeChangeReader::open(&p)
            .unwrap()
            .next_row()
            .unwrap()
            .unwrap();
        assert_eq!(
            (o.to_string(), n.to_string(), d),
            ("838163.BJ".into(), "920163.BJ".into(), BSE_SWITCH)
        );
        let (_d, p) = file("old_code,new_code\n600001,600002\n");
        let e = CodeChangeReader::open(&p).unwrap().next_row().unwrap_err();
        assert!(e.is_row_error() && e.to_string().contains("date"), "{e}");
        let (_d, p) =
            file("old_code,new_code,date\n430489,920489,2025-10-09\n839493,600493,2025-10-09\n");
        let mut r = CodeChangeReader::open(&p).unwrap();
        assert!(r.next_row().unwrap().is_some());
        assert!(r.next_row().unwrap_err().is_row_error());
    }
}
