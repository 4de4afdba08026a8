//! [`ShareReader`]: share-count (股本) files, docs/design.md §7 `import shares FILE`.
//!
//! Formats, told apart by the header (the counts are stored in shares, 股):
//! - **generic** `code,date,float_shares,total_shares` in any column order, counts in
//!   shares (synonyms: 流通股本/流通股/float, 总股本/total);
//! - **Tushare** `daily_basic`: `ts_code,trade_date,...,total_share,float_share,free_share,
//!   total_mv,circ_mv` — `float_share` (流通股本) and `total_share` (总股本) in 万股
//!   (10,000 shares); `free_share` (自由流通股本) is not the float turnover is quoted on and
//!   is ignored;
//! - **AkShare** `stock_value_em` (东方财富 估值分析, one row per trading day):
//!   `数据日期,当日收盘价,当日涨跌幅,总市值,流通市值,总股本,流通股本,...`, in shares; the
//!   frame has no code column: pass `--code`;
//! - **AkShare** `stock_zh_a_gbjg_em` (东方财富 股本结构, one row per change):
//!   `变更日期,总股本,流通受限股份,...,已流通股份,已上市流通A股,变动原因`, in shares; the float
//!   is 已上市流通A股 (已流通股份 also counts B and H shares, read only when the A-share
//!   column is empty); no code column: pass `--code`;
//! - **AkShare** `stock_share_change_cninfo` (巨潮 公司股本变动, one row per change):
//!   `证券代码,证券简称,机构名称,公告日期,变动日期,...,总股本,...,已流通股份,人民币普通股,...`,
//!   in 万股; the date is 变动日期 (when the change took effect, not 公告日期), the float
//!   人民币普通股 (the tradable A shares), else 已流通股份.
//!
//! A row holds from its date on (a daily table's row for its day); the counts in force on a
//! day are the latest row's on or before it ([`crate::model::ShareCount::asof`]).
//! Checks, each a row error naming line, column and value: a count that is negative or not
//! a number; a non-zero count under one million shares in a table counted in shares (no
//! listed company has so few: the file counts in 万股) or over 10^8 万股 in a table
//! counted in 万股 (the file counts in shares); a float above the total; a row with
//! neither count; the same stock and date twice with other counts. A float of 0 (the
//! structure before listing in a 股本结构 history) is kept: it gives no turnover.

use std::collections::HashMap;
use std::path::Path;

use super::columns::CODE;
use super::table::Table;
use super::Error;
use crate::model::{Date, ShareCount, Symbol};

/// The format of a share-count file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareFormat {
    /// `code,date,float_shares,total_shares`, in shares.
    Generic,
    /// Tushare Pro `daily_basic`, in 万股.
    Tushare,
    /// AkShare `stock_value_em`, in shares.
    AkShareValue,
    /// AkShare `stock_zh_a_gbjg_em`, in shares.
    AkShareStructure,
    /// AkShare `stock_share_change_cninfo`, in 万股.
    AkShareCninfo,
}

impl ShareFormat {
    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            ShareFormat::Generic => "generic shares",
            ShareFormat::Tushare => "Tushare daily_basic",
            ShareFormat::AkShareValue => "AkShare stock_value_em",
            ShareFormat::AkShareStructure => "AkShare stock_zh_a_gbjg_em",
            ShareFormat::AkShareCninfo => "AkShare stock_share_change_cninfo",
        }
    }

    /// How many shares one unit of the file's counts is.
    fn unit(self) -> u64 {
        match self {
            ShareFormat::Tushare | ShareFormat::AkShareCninfo => 10_000,
            _ => 1,
        }
    }
}

/// One row of a share-count file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRecord {
    /// The stock.
    pub symbol: Symbol,
    /// The counts and the day they hold from.
    pub count: ShareCount,
    /// The line where the row starts.
    pub line: u64,
}

/// Under this many shares a non-zero count is taken for a count in 万股.
const FEWEST_SHARES: f64 = 1_000_000.0;
/// Over this many 万股 a count is taken for a count in shares (the largest A-share company
/// has under 4×10^7 万股).
const MOST_WAN: f64 = 100_000_000.0;

const GENERIC_DATE: &[&str] = &[
    "date",
    "trade_date",
    "日期",
    "交易日期",
    "数据日期",
    "变动日期",
];
const GENERIC_FLOAT: &[&str] = &["float_shares", "float", "流通股本", "流通股"];
const GENERIC_TOTAL: &[&str] = &["total_shares", "total", "总股本"];

/// Column positions.
struct Cols {
    code: Option<usize>,
    date: usize,
    /// Float columns, first non-empty wins.
    float: Vec<usize>,
    total: Option<usize>,
}

/// Reads a share-count file row by row; row-level errors leave it usable.
pub struct ShareReader {
    table: Table,
    format: ShareFormat,
    cols: Cols,
    code: Option<Symbol>,
    seen: HashMap<(Symbol, Date), (u64, ShareCount)>,
    rows: u64,
    repeated: u64,
}

impl ShareReader {
    /// Opens a file and detects its format; `code` is the stock of a file without a code
    /// column (AkShare's per-stock frames). Fails when a needed column is missing.
    pub fn open(path: &Path, code: Option<Symbol>) -> Result<ShareReader, Error> {
        let table = Table::open(path)?;
        let has = |n: &str| table.column(&[n]).is_some();
        let format = if has("total_share") || has("float_share") {
            ShareFormat::Tushare
        } else if has("已上市流通a股") {
            ShareFormat::AkShareStructure
        } else if has("人民币普通股") || (has("变动日期") && has("已流通股份")) {
            ShareFormat::AkShareCninfo
        } else if has("数据日期") && has("流通股本") {
            ShareFormat::AkShareValue
        } else {
            ShareFormat::Generic
        };
        let shown = match format {
            ShareFormat::Generic => "shares (generic code,date,float_shares,total_shares)",
            f => f.name(),
        };
        let col = |names: &[&str]| table.column(names);
        let need = |names: &[&str], column: &'static str| table.need(names, shown, column);
        let cols = match format {
            ShareFormat::Tushare => Cols {
                code: col(CODE),
                date: need(&["trade_date", "date"], "trade_date")?,
                float: col(&["float_share"]).into_iter().collect(),
                total: col(&["total_share"]),
            },
            ShareFormat::AkShareStructure => Cols {
                code: col(CODE),
                date: need(&["变更日期"], "变更日期")?,
                float: [col(&["已上市流通a股"]), col(&["已流通股份"])]
                    .into_iter()
                    .flatten()
                    .collect(),
                total: col(&["总股本"]),
            },
            ShareFormat::AkShareCninfo => Cols {
                code: col(CODE),
                date: need(&["变动日期"], "变动日期")?,
                float: [col(&["人民币普通股"]), col(&["已流通股份"])]
                    .into_iter()
                    .flatten()
                    .collect(),
                total: col(&["总股本"]),
            },
            ShareFormat::AkShareValue => Cols {
                code: col(CODE),
                date: need(&["数据日期"], "数据日期")?,
                float: col(&["流通股本"]).into_iter().collect(),
                total: col(&["总股本"]),
            },
            ShareFormat::Generic => Cols {
                code: col(CODE),
                date: need(GENERIC_DATE, "date")?,
                float: col(GENERIC_FLOAT).into_iter().collect(),
                total: col(GENERIC_TOTAL),
            },
        };
        if cols.float.is_empty() && cols.total.is_none() {
            need(
                &["float_shares"],
                "float_shares (流通股本) or total_shares (总股本)",
            )?;
        }
        if cols.code.is_none() && code.is_none() {
            return Err(Error::NoStockCode {
                file: table.file.clone(),
                format: format.name(),
            });
        }
        Ok(ShareReader {
            table,
            format,
            cols,
            code,
            seen: HashMap::new(),
            rows: 0,
            repeated: 0,
        })
    }

    /// The detected format.
    pub fn format(&self) -> ShareFormat {
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
    pub fn next_row(&mut self) -> Result<Option<ShareRecord>, Error> {
        loop {
            if !self.table.advance()? {
                return Ok(None);
            }
            let rec = self.parse()?;
            let key = (rec.symbol, rec.count.date);
            match self.seen.get(&key) {
                None => {
                    self.seen.insert(key, (rec.line, rec.count));
                }
                Some((_, first)) if *first == rec.count => {
                    self.repeated += 1;
                    continue;
                }
                Some(&(first_line, _)) => {
                    return Err(Error::Duplicate {
                        file: self.table.file.clone(),
                        line: rec.line,
                        first_line,
                        symbol: rec.symbol.to_string(),
                        date: rec.count.date.to_string(),
                    })
                }
            }
            self.rows += 1;
            return Ok(Some(rec));
        }
    }

    fn parse(&self) -> Result<ShareRecord, Error> {
        let t = &self.table;
        let c = &self.cols;
        let symbol = match (c.code, self.code) {
            (Some(col), _) => t.symbol(col)?,
            (None, Some(s)) => s,
            (None, None) => unreachable!("checked in open"),
        };
        let date = t.date(c.date)?.ok_or_else(|| {
            t.bad(
                c.date,
                "is empty where the date is needed",
                "fill in the date the counts hold from, e.g. 2025-02-07",
            )
        })?;
        let mut float = None;
        for &col in &c.float {
            if let Some(v) = self.count(col)? {
                float = Some(v);
                break;
            }
        }
        let total = match c.total {
            Some(col) => self.count(col)?,
            None => None,
        };
        if float.is_none() && total.is_none() {
            return Err(Error::Row {
                file: t.file.clone(),
                line: t.line(),
                problem: "the row has neither a float (流通股本) nor a total (总股本) share count"
                    .to_string(),
            });
        }
        if let (Some(f), Some(tot), Some(col)) = (float, total, c.float.first()) {
            if f > tot && tot > 0 {
                return Err(t.bad(
                    *col,
                    format!("is more than the total share count ({tot} shares)"),
                    "check both counts: the float (流通股本) is part of the total (总股本)",
                ));
            }
        }
        Ok(ShareRecord {
            symbol,
            count: ShareCount {
                date,
                float_shares: float,
                total_shares: total,
            },
            line: t.line(),
        })
    }

    /// One count in shares; empty is `None`.
    fn count(&self, col: usize) -> Result<Option<u64>, Error> {
        let t = &self.table;
        let Some(v) = t.number(Some(col))? else {
            return Ok(None);
        };
        if v < 0.0 {
            return Err(t.bad(col, "is negative", "fix the share count"));
        }
        let unit = self.format.unit();
        if unit == 1 && v > 0.0 && v < FEWEST_SHARES {
            return Err(t.bad(
                col,
                "is under one million shares, which no listed company has: the file seems to \
                 count in 万股 (10,000 shares)",
                "multiply the counts by 10,000, or name the columns float_share,total_share \
                 as Tushare daily_basic does (万股)",
            ));
        }
        if unit > 1 && v > MOST_WAN {
            return Err(t.bad(
                col,
                "is over 10^8 万股, more than any listed company has: the file seems to count in \
                 shares, not 万股",
                "divide the counts by 10,000, or name the columns float_shares,total_shares \
                 (counted in shares)",
            ));
        }
        Ok(Some((v * unit as f64).round() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, code: Option<&str>) -> (Vec<ShareRecord>, Vec<String>, ShareFormat) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, text).unwrap();
        let code = code.map(|c| Symbol::parse_stock(c).unwrap());
        let mut r = ShareReader::open(&path, code).unwrap();
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

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn generic_counts_are_shares() {
        let (rows, errs, format) = read(
            "code,date,float_shares,total_shares\n\
             002881,2025-02-07,262000000,266000000\n\
             002881.SZ,20250210,,266000000\n",
            None,
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, ShareFormat::Generic);
        assert_eq!(rows[0].symbol.to_string(), "002881.SZ");
        assert_eq!(rows[0].count.date, d("2025-02-07"));
        assert_eq!(rows[0].count.float_shares, Some(262_000_000));
        assert_eq!(rows[1].count.float_shares, None);
        assert_eq!(rows[1].count.total_shares, Some(266_000_000));
    }

    #[test]
    fn tushare_daily_basic_counts_are_wan_shares() {
        let (rows, errs, format) = read(
            "ts_code,trade_date,close,turnover_rate,turnover_rate_f,volume_ratio,pe,pe_ttm,pb,ps,\
             ps_ttm,dv_ratio,dv_ttm,total_share,float_share,free_share,total_mv,circ_mv\n\
             002881.SZ,20250207,41.8,20.1,30.2,2.1,80,90,5,3,3,,,26648.3651,26213.3312,\
             18000.1,1113901.4,1095717.2\n",
            None,
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, ShareFormat::Tushare);
        assert_eq!(rows[0].count.total_shares, Some(266_483_651));
        assert_eq!(rows[0].count.float_shares, Some(262_133_312));
    }

    #[test]
    fn akshare_frames_map_onto_the_counts() {
        // stock_value_em: shares, no code column.
        let (rows, errs, format) = read(
            ",数据日期,当日收盘价,当日涨跌幅,总市值,流通市值,总股本,流通股本,PE(TTM),PE(静),市净率,PEG值,市现率,市销率\n\
             0,2025-02-07,41.8,10.0,11139014000.0,10957173000.0,266483651.0,262133312.0,80,90,5,1,2,3\n",
            Some("002881"),
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, ShareFormat::AkShareValue);
        assert_eq!(rows[0].symbol.to_string(), "002881.SZ");
        assert_eq!(rows[0].count.float_shares, Some(262_133_312));

        // stock_zh_a_gbjg_em: the A-share float, not 已流通股份 (which counts H shares).
        let (rows, errs, format) = read(
            "变更日期,总股本,流通受限股份,其他内资持股(受限),境内法人持股(受限),境内自然人持股(受限),已流通股份,已上市流通A股,变动原因\n\
             2019-07-22,40000000,40000000,,,,0,0,发行前股本\n\
             2024-06-28,1500000000,100000000,,,,1400000000,1200000000,限售股份上市流通\n\
             2024-09-30,1500000000,100000000,,,,1400000000,,定期报告\n",
            Some("600126"),
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, ShareFormat::AkShareStructure);
        assert_eq!(rows[0].count.float_shares, Some(0), "before listing");
        assert_eq!(rows[1].count.float_shares, Some(1_200_000_000));
        assert_eq!(rows[2].count.float_shares, Some(1_400_000_000), "fallback");

        // stock_share_change_cninfo: 万股, dated by 变动日期.
        let (rows, errs, format) = read(
            "证券代码,证券简称,机构名称,公告日期,变动日期,变动原因编码,变动原因,总股本,未流通股份,已流通股份,人民币普通股,境外上市外资股-H股\n\
             002594,比亚迪,比亚迪股份有限公司,2024-08-01,2024-07-30,1,回购注销,290925.0,0,290925.0,116537.9,174387.1\n",
            None,
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, ShareFormat::AkShareCninfo);
        assert_eq!(rows[0].count.date, d("2024-07-30"));
        assert_eq!(rows[0].count.total_shares, Some(2_909_250_000));
        assert_eq!(rows[0].count.float_shares, Some(1_165_379_000));
    }

    #[test]
    fn bad_rows_name_line_column_and_value() {
        let (rows, errs, _) = read(
            "code,date,float_shares,total_shares\n\
             002881,2025-02-07,262000000,266000000\n\
             002881,2025-02-10,26213.3312,26648.3651\n\
             002881,2025-02-11,300000000,266000000\n\
             002881,,262000000,266000000\n\
             002881,2025-02-12,,\n\
             002881,2025-02-13,-5,266000000\n\
             002881,2025-02-07,262000001,266000000\n\
             002881,2025-02-07,262000000,266000000\n",
            None,
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(errs.len(), 6, "{errs:?}");
        assert!(errs[0].contains("line 3, column float_shares: '26213.3312'"));
        assert!(errs[0].contains("万股"));
        assert!(errs[1].contains("line 4, column float_shares: '300000000' is more than"));
        assert!(errs[2].contains("line 5, column date: ''"));
        assert!(errs[3].contains("line 6: the row has neither"));
        assert!(errs[4].contains("line 7, column float_shares: '-5' is negative"));
        assert!(errs[5].contains("line 8") && errs[5].contains("already appeared on line 2"));
    }

    #[test]
    fn wan_share_tables_refuse_counts_in_shares() {
        let (_, errs, _) = read(
            "ts_code,trade_date,total_share,float_share\n002881.SZ,20250207,266483651,262133312\n",
            None,
        );
        assert!(errs[0].contains("count in shares"), "{errs:?}");
    }

    #[test]
    fn a_frame_without_code_needs_the_code() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(
            &path,
            "数据日期,总股本,流通股本\n2025-02-07,266483651,262133312\n",
        )
        .unwrap();
        let e = ShareReader::open(&path, None)
            .err()
            .expect("error")
            .to_string();
        assert!(e.contains("--code"), "{e}");
    }
}
