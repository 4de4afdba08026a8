//! [`SegmentReader`]: revenue-composition (主营构成) files, docs/design.md §4 `import segments`.
//!
//! Formats, told apart by the header:
//! - **AkShare** `stock_zygc_em`: `股票代码,报告日期,分类类型,主营构成,主营收入,收入比例,
//!   主营成本,...` (收入比例 a fraction as AkShare returns it; 分类类型 按行业分类/按产品分类/
//!   按地区分类);
//! - **Tushare** `fina_mainbz`: `ts_code,end_date,bz_item,bz_sales,...` (no breakdown kind,
//!   no share: the share comes from revenue later);
//! - **generic** `code,period,kind,segment,revenue,share` in any column order, as the
//!   AkShare bridge writes it (kind `industry`/`product`/`region`/`other` or the Chinese
//!   labels; empty kind is `other`).
//!
//! Shares are kept as written, fraction or percentage (a trailing `%` is divided by 100):
//! [`crate::exposure`] decides the scale per breakdown. Revenue is in yuan. The same
//! (security, period, kind, segment) twice in one file is a row error unless the two rows
//! are equal (then the repeat is skipped and counted).

use std::collections::HashMap;
use std::path::Path;

use super::columns::CODE;
use super::table::Table;
use super::{Encoding, Error};
use crate::model::{Date, SegmentKind, SegmentRow, Symbol};

/// The format of a revenue-composition file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentFormat {
    /// AkShare `stock_zygc_em` (Chinese columns).
    AkShare,
    /// Tushare Pro `fina_mainbz`.
    Tushare,
    /// `code,period,kind,segment,revenue,share`.
    Generic,
}

impl SegmentFormat {
    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            SegmentFormat::AkShare => "AkShare stock_zygc_em",
            SegmentFormat::Tushare => "Tushare fina_mainbz",
            SegmentFormat::Generic => "generic segments",
        }
    }
}

/// One row of a revenue-composition file.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRecord {
    /// The company.
    pub symbol: Symbol,
    /// The segment row.
    pub row: SegmentRow,
    /// The day the report was published, when the file says (`published`, 公告日期).
    pub published: Option<Date>,
    /// The line where the row starts.
    pub line: u64,
}

const PERIOD: &[&str] = &["period", "end_date", "report_date", "报告日期", "报告期"];
const KIND: &[&str] = &["kind", "分类类型", "分类方向"];
const SEGMENT: &[&str] = &["segment", "bz_item", "主营构成", "项目名称"];
const REVENUE: &[&str] = &["revenue", "bz_sales", "主营收入", "营业收入"];
const SHARE: &[&str] = &["share", "收入比例", "营收比例"];
const PUBLISHED: &[&str] = &["published", "ann_date", "公告日期", "披露日期"];

/// Column positions.
struct Cols {
    code: usize,
    period: usize,
    kind: Option<usize>,
    segment: usize,
    revenue: Option<usize>,
    share: Option<usize>,
    published: Option<usize>,
}

/// (symbol, period key, kind, segment): what may appear once per file.
type RowKey = (Symbol, i32, SegmentKind, String);

/// (line, revenue, share) of a key's first row.
type FirstSeen = (u64, Option<f64>, Option<f64>);

/// Reads a revenue-composition file row by row. Row-level errors
/// ([`Error::is_row_error`]) leave the reader usable, so every bad row can be reported.
pub struct SegmentReader {
    table: Table,
    format: SegmentFormat,
    cols: Cols,
    seen: HashMap<RowKey, FirstSeen>,
    rows: u64,
    repeated: u64,
}

impl SegmentReader {
    /// Opens a file and detects its format; fails when a required column is missing.
    pub fn open(path: &Path) -> Result<SegmentReader, Error> {
        let table = Table::open(path)?;
        let format = if table.column(&["主营构成"]).is_some() {
            SegmentFormat::AkShare
        } else if table.column(&["bz_item"]).is_some() {
            SegmentFormat::Tushare
        } else {
            SegmentFormat::Generic
        };
        let format_name = match format {
            SegmentFormat::Generic => "segments (generic code,period,kind,segment,revenue,share)",
            f => f.name(),
        };
        let need = |names: &[&str], column: &'static str| table.need(names, format_name, column);
        let cols = Cols {
            code: need(CODE, "code (股票代码)")?,
            period: need(PERIOD, "period (报告日期)")?,
            segment: need(SEGMENT, "segment (主营构成)")?,
            kind: table.column(KIND),
            revenue: table.column(REVENUE),
            share: table.column(SHARE),
            published: table.column(PUBLISHED),
        };
        if cols.revenue.is_none() && cols.share.is_none() {
            need(
                &["revenue", "share"],
                "revenue (主营收入) or share (收入比例)",
            )?;
        }
        Ok(SegmentReader {
            table,
            format,
            cols,
            seen: HashMap::new(),
            rows: 0,
            repeated: 0,
        })
    }

    /// The detected format.
    pub fn format(&self) -> SegmentFormat {
        self.format
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.table.file
    }

    /// The detected text encoding.
    pub fn encoding(&self) -> Encoding {
        self.table.encoding
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
    pub fn next_row(&mut self) -> Result<Option<SegmentRecord>, Error> {
        loop {
            if !self.table.advance()? {
                return Ok(None);
            }
            let rec = self.parse()?;
            let key = (
                rec.symbol,
                crate::ingest::number::date_key(rec.row.period),
                rec.row.kind,
                rec.row.segment.clone(),
            );
            let value = (rec.line, rec.row.revenue, rec.row.share);
            match self.seen.get(&key) {
                None => {
                    self.seen.insert(key, value);
                }
                Some(&(_, revenue, share)) if revenue == value.1 && share == value.2 => {
                    self.repeated += 1;
                    continue;
                }
                Some(&(first, _, _)) => {
                    return Err(Error::Row {
                        file: self.table.file.clone(),
                        line: rec.line,
                        problem: format!(
                            "{} {} {} segment '{}' already appeared on line {first} with \
                             another revenue or share",
                            rec.symbol,
                            rec.row.period,
                            rec.row.kind.as_str(),
                            rec.row.segment
                        ),
                    });
                }
            }
            self.rows += 1;
            return Ok(Some(rec));
        }
    }

    fn parse(&self) -> Result<SegmentRecord, Error> {
        let t = &self.table;
        let c = &self.cols;
        let symbol = t.symbol(c.code)?;
        let period = t.date(c.period)?.ok_or_else(|| {
            t.bad(
                c.period,
                "is empty where the report period is needed",
                "fill in the period end, e.g. 2024-12-31",
            )
        })?;
        let kind = match c.kind {
            None => SegmentKind::Other,
            Some(col) => parse_kind(&t.text(Some(col))).ok_or_else(|| {
                t.bad(
                    col,
                    "is not a breakdown kind",
                    "write industry, product, region or other (按行业分类, 按产品分类, 按地区分类)",
                )
            })?,
        };
        let segment = t.text(Some(c.segment));
        if segment.is_empty() {
            return Err(t.bad(
                c.segment,
                "is empty where the segment name is needed",
                "fill in the segment or remove the row",
            ));
        }
        Ok(SegmentRecord {
            symbol,
            row: SegmentRow {
                period,
                kind,
                segment,
                revenue: t.number(c.revenue)?,
                share: t.number(c.share)?,
            },
            published: match c.published {
                Some(col) => t.date(col)?,
                None => None,
            },
            line: t.line(),
        })
    }
}

/// A breakdown kind; vendor labels of the form 按…分类 that hypecheck does not know are
/// an unclassified breakdown.
fn parse_kind(s: &str) -> Option<SegmentKind> {
    SegmentKind::parse(s).or_else(|| {
        let t = s.trim();
        (t.starts_with('按') && t.ends_with("分类")).then_some(SegmentKind::Other)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<SegmentRecord>, Vec<Error>, SegmentFormat) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, text).unwrap();
        let mut r = SegmentReader::open(&path).unwrap();
        let (mut rows, mut errs) = (Vec::new(), Vec::new());
        loop {
            match r.next_row() {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => break,
                Err(e) if e.is_row_error() => errs.push(e),
                Err(e) => panic!("{e}"),
            }
        }
        (rows, errs, r.format())
    }

    #[test]
    fn akshare_frame_with_index_column_and_timestamps() {
        let (rows, errs, format) = read(
            ",股票代码,报告日期,分类类型,主营构成,主营收入,收入比例,主营成本,成本比例,主营利润,利润比例,毛利率\n\
             0,2881,2024-12-31 00:00:00,按产品分类,算力服务,2700000.0,0.0006,1,1,1,1,0.3\n\
             1,2881,2024-12-31,按地区分类,境内,3.0e9,,1,1,1,1,0.2\n\
             2,2881,2024-12-31,按业务分类,通信,,12.5%,1,1,1,1,0.2\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(format, SegmentFormat::AkShare);
        assert_eq!(rows[0].symbol.to_string(), "002881.SZ");
        assert_eq!(rows[0].row.kind, SegmentKind::Product);
        assert_eq!(rows[0].row.share, Some(0.0006));
        assert_eq!(rows[1].row.revenue, Some(3.0e9));
        assert_eq!(rows[1].row.share, None);
        assert_eq!(rows[2].row.kind, SegmentKind::Other);
        assert_eq!(rows[2].row.share, Some(0.125));
    }

    #[test]
    fn bad_values_name_line_column_and_value() {
        let (rows, errs, _) = read(
            "code,period,kind,segment,revenue,share\n\
             002881.SZ,2024-12-31,product,PCB,1,0.5\n\
             002881.SZ,2024-13-31,product,AI,1,0.5\n\
             002881.SZ,2024-12-31,by-product,AI,1,0.5\n\
             002881.SZ,2024-12-31,product,AI,lots,0.5\n\
             002881.SZ,2024-12-31,product,PCB,1,0.5\n\
             002881.SZ,2024-12-31,product,PCB,2,0.5\n",
        );
        assert_eq!(rows.len(), 1);
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].contains("line 3, column period: '2024-13-31' is not a date"));
        assert!(msgs[1].contains("line 4, column kind: 'by-product'"));
        assert!(msgs[2].contains("line 5, column revenue: 'lots' is not a number"));
        assert!(msgs[3].contains("line 7:") && msgs[3].contains("already appeared on line 2"));
    }

    #[test]
    fn gbk_and_gzip_files_read_like_utf8() {
        let text = "股票代码,报告日期,分类类型,主营构成,主营收入,收入比例\n\
                    301890,2024-12-31,按产品分类,AI服务器主板,240000000,0.2\n";
        let dir = tempfile::tempdir().unwrap();
        let gbk = dir.path().join("gbk.csv");
        std::fs::write(&gbk, encoding_rs::GBK.encode(text).0).unwrap();
        let gz = dir.path().join("s.csv.gz");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut enc, text.as_bytes()).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        for path in [gbk, gz] {
            let mut r = SegmentReader::open(&path).unwrap();
            let rec = r.next_row().unwrap().expect("row");
            assert_eq!(rec.row.segment, "AI服务器主板");
            assert_eq!(rec.row.kind, SegmentKind::Product);
            assert!(r.next_row().unwrap().is_none());
        }
    }

    #[test]
    fn a_header_without_segment_column_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.csv");
        std::fs::write(&path, "code,date,open\n002881,2025-02-07,1\n").unwrap();
        let err = SegmentReader::open(&path).err().expect("error").to_string();
        assert!(err.contains("has no period"), "{err}");
    }
}
