//! [`StReader`]: dated lists of special treatment (ST, 风险警示), so that a stock's ST status
//! on each date comes from the list rather than from a name column (which is often a later
//! snapshot: docs/market-rules.md §1, last bullet).
//!
//! Two formats, told apart by the header ([`StFormat`]):
//! - **Tushare `stock_st`** daily list, `ts_code,name,trade_date,type,type_name`: one row per
//!   ST stock per trading day. A row says "this stock was ST on this day"; the list says
//!   more by what it leaves out (see [`StList`]). Tushare's `type` is always `ST` (the
//!   board, 风险警示板), so *ST is read from that day's name. Any `code` column with a `trade_date`
//!   (or `date`, 日期, 交易日期) column and no start column is read this way.
//! - **Periods** `code,start[,end][,kind]` (also `start_date`/`end_date`, and 代码,开始日期,
//!   结束日期,类型): one row per period, both ends inclusive; an empty end means "still ST";
//!   kind is `ST` or `*ST` (default `ST`).
//!
//! Plain or gzip, UTF-8 or GBK (as every ingest reader). Bad rows are row-level errors
//! ([`Error::is_row_error`]) naming file, line, column and value, so a caller can report
//! them all and refuse the file. The main types are [`StReader`] (rows as read) and
//! [`StList`] (a whole file: periods plus, for a daily list, its coverage). Nothing here
//! stores or applies the list; `store` does that when bars leave it.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;

use super::columns::{parse_code, CodeKind, CODE, NAME};
use super::number::{parse_date, trim};
use super::source::{self, Encoding};
use super::split::Splitter;
use super::{value_error, Error};
use crate::model::{Date, StKind, StPeriod, Symbol};

/// The format of an ST list file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StFormat {
    /// Tushare `stock_st`: one row per ST stock per trading day.
    Daily,
    /// `code,start[,end][,kind]`: one row per period.
    Periods,
}

impl StFormat {
    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            StFormat::Daily => "Tushare stock_st",
            StFormat::Periods => "ST periods",
        }
    }
}

/// One row of an ST list as read: a period of special treatment, both ends inclusive, with
/// the line it comes from; for a daily list, a row is a period of one day until
/// [`merge_daily`] joins them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StRow {
    /// The stock.
    pub symbol: Symbol,
    /// The first ST day.
    pub start: Date,
    /// The last ST day; `None` while still ST.
    pub end: Option<Date>,
    /// ST or *ST.
    pub kind: StKind,
    /// The line of the (first) row it comes from.
    pub line: u64,
}

impl StRow {
    /// The period the row states.
    pub fn period(&self) -> StPeriod {
        StPeriod {
            symbol: self.symbol,
            start: self.start,
            end: self.end,
            kind: self.kind,
        }
    }
}

/// Which column holds what.
#[derive(Debug, Clone, Default)]
struct Columns {
    code: usize,
    date: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    kind: Option<usize>,
    name: Option<usize>,
}

const DATE: &[&str] = &["trade_date", "date", "日期", "交易日期"];
const START: &[&str] = &["start", "start_date", "开始日期", "起始日期"];
const END: &[&str] = &["end", "end_date", "结束日期", "终止日期"];
const KIND: &[&str] = &["kind", "type", "类型", "st_type"];

/// Reads an ST list file row by row.
///
/// ```no_run
/// use hypecheck::ingest::{StList, StReader};
/// let mut reader = StReader::open("stock_st.csv".as_ref())?;
/// let mut rows = Vec::new();
/// while let Some(p) = reader.next_row()? {
///     rows.push(p);
/// }
/// let list = StList::new(reader.format(), rows);
/// println!("{} periods, coverage {:?}", list.periods.len(), list.coverage);
/// # Ok::<(), hypecheck::ingest::Error>(())
/// ```
pub struct StReader {
    file: String,
    record: Splitter<Box<dyn Read + Send>>,
    headers: Vec<String>,
    cols: Columns,
    format: StFormat,
    encoding: Encoding,
    done: bool,
    rows: u64,
}

impl StReader {
    /// Opens an ST list and detects its format from the header.
    pub fn open(path: &Path) -> Result<StReader, Error> {
        let file = path.display().to_string();
        let src = source::open(path, &file)?;
        let mut record = Splitter::new(src.reader);
        let has_header = record.next_record().map_err(|cause| Error::Io {
            file: file.clone(),
            cause,
        })?;
        let headers: Vec<String> = if has_header {
            (0..record.len())
                .map(|i| String::from_utf8_lossy(record.get(i).unwrap_or(b"")).into_owned())
                .collect()
        } else {
            Vec::new()
        };
        let (format, cols) = detect(&file, &headers)?;
        Ok(StReader {
            file,
            record,
            headers,
            cols,
            format,
            encoding: src.encoding,
            done: false,
            rows: 0,
        })
    }

    /// The detected format.
    pub fn format(&self) -> StFormat {
        self.format
    }

    /// The detected encoding.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Data rows seen so far, good or bad.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The next row as a period (one day long for a daily list), `Ok(None)` at the end.
    pub fn next_row(&mut self) -> Result<Option<StRow>, Error> {
        if self.done {
            return Ok(None);
        }
        match self.record.next_record() {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return Ok(None);
            }
            Err(cause) => {
                self.done = true;
                return Err(Error::Io {
                    file: self.file.clone(),
                    cause,
                });
            }
        }
        self.rows += 1;
        if self.record.len() != self.headers.len() {
            return Err(Error::Csv {
                file: self.file.clone(),
                line: self.record.line(),
                problem: format!(
                    "found {} fields where the header has {}",
                    self.record.len(),
                    self.headers.len()
                ),
            });
        }
        self.parse().map(Some)
    }

    fn field(&self, i: usize) -> &[u8] {
        trim(self.record.get(i).unwrap_or(b""))
    }

    fn bad(&self, i: usize, problem: &str, fix: &'static str) -> Error {
        value_error(
            &self.file,
            self.record.line(),
            &self.headers[i],
            self.field(i),
            problem,
            fix,
        )
    }

    fn date(&self, i: usize) -> Result<Date, Error> {
        parse_date(self.field(i))
            .ok_or_else(|| self.bad(i, "is not a date", "write dates as YYYY-MM-DD or YYYYMMDD"))
    }

    fn parse(&self) -> Result<StRow, Error> {
        let c = &self.cols;
        let text = String::from_utf8_lossy(self.field(c.code));
        let symbol = parse_code(text.trim(), CodeKind::Stock)
            .map_err(|(problem, fix)| self.bad(c.code, problem, fix))?;
        let line = self.record.line();
        let text = |i: Option<usize>| i.map(|i| String::from_utf8_lossy(self.field(i)));
        let kind_text = c.kind.map(|i| String::from_utf8_lossy(self.field(i)));
        if let Some(d) = c.date {
            let date = self.date(d)?;
            // Tushare's `type` is the board (always `ST`, type_name 风险警示板, also for
            // *ST stocks): the name of that day is what tells *ST (退市风险警示).
            let starred = text(c.name).is_some_and(|n| {
                let n = n.trim_start_matches('S');
                n.starts_with('*') || n.starts_with('＊')
            });
            let kind = if starred {
                StKind::StarSt
            } else {
                kind_text
                    .and_then(|k| StKind::parse(&k))
                    .unwrap_or(StKind::St)
            };
            return Ok(StRow {
                symbol,
                start: date,
                end: Some(date),
                kind,
                line,
            });
        }
        let kind = match (c.kind, kind_text) {
            (Some(i), Some(k)) if !k.is_empty() => StKind::parse(&k)
                .ok_or_else(|| self.bad(i, "is not an ST kind", "write ST or *ST"))?,
            _ => StKind::St,
        };
        let s = c.start.unwrap_or(0);
        if self.field(s).is_empty() {
            return Err(self.bad(s, "is empty", "fill in the first ST day or remove the row"));
        }
        let start = self.date(s)?;
        let end = match c.end {
            Some(e) if !self.field(e).is_empty() => Some(self.date(e)?),
            _ => None,
        };
        if let (Some(e), Some(end)) = (c.end, end) {
            if end < start {
                return Err(self.bad(
                    e,
                    &format!("is before the start {start}"),
                    "swap the dates or fix the row",
                ));
            }
        }
        Ok(StRow {
            symbol,
            start,
            end,
            kind,
            line,
        })
    }
}

/// Finds the columns; the start column decides between the periods and the daily format.
fn detect(file: &str, headers: &[String]) -> Result<(StFormat, Columns), Error> {
    let names: Vec<String> = headers
        .iter()
        .map(|c| {
            c.trim_start_matches('\u{feff}')
                .trim()
                .trim_matches('"')
                .to_ascii_lowercase()
        })
        .collect();
    let find = |set: &[&str]| names.iter().position(|n| set.contains(&n.as_str()));
    let missing = |column: &'static str| Error::MissingColumn {
        file: file.to_string(),
        format: "ST list",
        column,
        header: super::error::shown_header(&headers.join(",")),
    };
    let code = find(CODE).ok_or_else(|| missing("code (or ts_code)"))?;
    let mut cols = Columns {
        code,
        kind: find(KIND),
        name: find(NAME),
        ..Columns::default()
    };
    if let Some(start) = find(START) {
        cols.start = Some(start);
        cols.end = find(END);
        return Ok((StFormat::Periods, cols));
    }
    cols.date = Some(find(DATE).ok_or_else(|| missing("trade_date (or start)"))?);
    Ok((StFormat::Daily, cols))
}

/// A whole ST list file: its periods and, for a daily list, the dates it covers.
///
/// Semantics, applied by `store` when bars are read:
/// - a date inside a period is ST;
/// - a date inside the **coverage** of a daily list (its first to its last `trade_date`)
///   but in no period is **not** ST: the daily list names every ST stock of every day, so
///   absence is knowledge;
/// - a date outside every coverage and every period keeps the bar's own flag (a name
///   column or baostock `isST`).
///
/// A periods file has no coverage: its periods only add ST days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StList {
    /// The format it was read from.
    pub format: StFormat,
    /// The periods, ordered by stock and start.
    pub periods: Vec<StRow>,
    /// First and last trading date of a daily list; `None` for a periods file.
    pub coverage: Option<(Date, Date)>,
    /// The distinct dates of a daily list, oldest first (empty for a periods file): a
    /// trading day inside the coverage but missing here reads as "no stock was ST".
    pub calendar: Vec<Date>,
}

impl StList {
    /// Builds the list from the rows of one file, merging a daily list's rows into periods
    /// ([`merge_daily`]).
    pub fn new(format: StFormat, rows: Vec<StRow>) -> StList {
        match format {
            StFormat::Daily => {
                let calendar: Vec<Date> = rows
                    .iter()
                    .map(|r| r.start)
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                StList {
                    format,
                    periods: merge_daily(&rows),
                    coverage: calendar.first().copied().zip(calendar.last().copied()),
                    calendar,
                }
            }
            StFormat::Periods => {
                let mut periods = rows;
                periods.sort_by_key(|p| (p.symbol, p.start, p.end.is_none(), p.end));
                StList {
                    format,
                    periods,
                    coverage: None,
                    calendar: Vec::new(),
                }
            }
        }
    }

    /// How many stocks the list names.
    pub fn stocks(&self) -> usize {
        self.periods
            .iter()
            .map(|p| p.symbol)
            .collect::<BTreeSet<_>>()
            .len()
    }
}

/// Merges one-day rows of a daily list into periods: a stock's rows on consecutive dates
/// **of the list** (the distinct `trade_date`s in the file, so weekends and holidays do not
/// break a period) with the same kind make one period. A change ST → *ST starts a new
/// period; repeated rows count once.
pub fn merge_daily(rows: &[StRow]) -> Vec<StRow> {
    let calendar: BTreeSet<Date> = rows.iter().map(|r| r.start).collect();
    let index: HashMap<Date, usize> = calendar.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let mut days: Vec<&StRow> = rows.iter().collect();
    days.sort_by_key(|r| (r.symbol, r.start, r.line));
    let mut out: Vec<(StRow, usize)> = Vec::new();
    for r in days {
        let i = index[&r.start];
        if let Some((last, last_i)) = out.last_mut() {
            if last.symbol == r.symbol && *last_i == i {
                continue; // the same stock and day again
            }
            if last.symbol == r.symbol && *last_i + 1 == i && last.kind == r.kind {
                last.end = Some(r.start);
                *last_i = i;
                continue;
            }
        }
        out.push((*r, i));
    }
    out.into_iter().map(|(p, _)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn day(code: &str, date: &str, kind: StKind, line: u64) -> StRow {
        StRow {
            symbol: Symbol::parse_stock(code).unwrap(),
            start: d(date),
            end: Some(d(date)),
            kind,
            line,
        }
    }

    fn spans(ps: &[StRow]) -> Vec<(String, String, String, &'static str)> {
        ps.iter()
            .map(|p| {
                (
                    p.symbol.to_string(),
                    p.start.to_string(),
                    p.end.map_or("-".into(), |e| e.to_string()),
                    p.kind.as_str(),
                )
            })
            .collect()
    }

    fn s(a: &str, b: &str, c: &str, k: &'static str) -> (String, String, String, &'static str) {
        (a.into(), b.into(), c.into(), k)
    }

    #[test]
    fn consecutive_list_days_merge_across_weekends_and_gaps_split() {
        use StKind::*;
        // The list's own calendar: Fri 01-05, Mon 01-08, Tue 01-09, Wed 01-10.
        let rows = vec![
            day("600001", "2024-01-05", St, 2),
            day("600001", "2024-01-08", St, 4),
            day("000002", "2024-01-05", St, 3),
            day("000002", "2024-01-09", St, 6),
            day("000002", "2024-01-10", St, 8),
            day("600001", "2024-01-10", StarSt, 7),
            day("600001", "2024-01-08", St, 9), // repeated row
        ];
        let list = StList::new(StFormat::Daily, rows);
        assert_eq!(
            spans(&list.periods),
            vec![
                // Friday and Monday are consecutive list days: one period.
                s("600001.SH", "2024-01-05", "2024-01-08", "ST"),
                // Absent on 01-09: the period ends; ST → *ST starts another.
                s("600001.SH", "2024-01-10", "2024-01-10", "*ST"),
                // Absent on 01-08 (a list day): two periods.
                s("000002.SZ", "2024-01-05", "2024-01-05", "ST"),
                s("000002.SZ", "2024-01-09", "2024-01-10", "ST"),
            ]
        );
        assert_eq!(list.coverage, Some((d("2024-01-05"), d("2024-01-10"))));
        assert_eq!(list.calendar.len(), 4);
        assert_eq!(list.stocks(), 2);
        assert_eq!(list.periods[0].line, 2);
    }

    #[test]
    fn kinds_parse() {
        for (t, k) in [
            ("ST", Some(StKind::St)),
            ("st", Some(StKind::St)),
            ("*ST", Some(StKind::StarSt)),
            ("＊ST", Some(StKind::StarSt)),
            ("S*ST", Some(StKind::StarSt)),
            ("SST", Some(StKind::St)),
            ("PT", None),
            ("", None),
        ] {
            assert_eq!(StKind::parse(t), k, "{t}");
        }
    }

    fn read(text: &str) -> Result<(StFormat, Vec<StRow>, Vec<String>), Error> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("st.csv");
        std::fs::write(&p, text).unwrap();
        let mut r = StReader::open(&p)?;
        let (mut ok, mut bad) = (Vec::new(), Vec::new());
        loop {
            match r.next_row() {
                Ok(Some(p)) => ok.push(p),
                Ok(None) => break,
                Err(e) if e.is_row_error() => bad.push(e.to_string()),
                Err(e) => return Err(e),
            }
        }
        Ok((r.format(), ok, bad))
    }

    #[test]
    fn both_formats_and_chinese_headers() {
        let (f, rows, bad) = read(
            "ts_code,name,trade_date,type,type_name\n\
             600001.SH,*ST甲,20240105,ST,风险警示\n000002.SZ,ST乙,20240105,ST,风险警示\n",
        )
        .unwrap();
        assert_eq!((f, bad.len()), (StFormat::Daily, 0));
        assert_eq!(rows[0].kind, StKind::StarSt, "the name's * decides");
        assert_eq!(rows[1].kind, StKind::St);
        let (f, rows, _) =
            read("code,start,end,kind\n600001,2024-01-05,,*ST\n2,2024-02-01,2024-03-01,\n")
                .unwrap();
        assert_eq!(f, StFormat::Periods);
        assert_eq!(
            spans(&rows),
            vec![
                s("600001.SH", "2024-01-05", "-", "*ST"),
                s("000002.SZ", "2024-02-01", "2024-03-01", "ST"),
            ]
        );
        let (f, rows, _) = read("代码,开始日期,结束日期\n600001.SH,20240105,20240110\n").unwrap();
        assert_eq!((f, rows[0].end), (StFormat::Periods, Some(d("2024-01-10"))));
    }

    #[test]
    fn bad_rows_name_line_column_and_value() {
        let (_, ok, bad) = read(
            "code,start_date,end_date,kind\n600001,2024-01-05,2024-01-01,ST\n\
             60000x,2024-01-05,,ST\n600001,2024-13-01,,ST\n600001,2024-01-05,,PT\n600002,2024-01-02,,ST\n",
        )
        .unwrap();
        assert_eq!(ok.len(), 1);
        assert_eq!(bad.len(), 4);
        assert!(
            bad[0].contains("line 2, column end_date: '2024-01-01' is before the start 2024-01-05"),
            "{}",
            bad[0]
        );
        assert!(
            bad[1].contains("line 3, column code: '60000x' is not a stock code"),
            "{}",
            bad[1]
        );
        assert!(
            bad[2].contains("line 4, column start_date: '2024-13-01' is not a date"),
            "{}",
            bad[2]
        );
        assert!(
            bad[3].contains("line 5, column kind: 'PT' is not an ST kind"),
            "{}",
            bad[3]
        );
        let e = read("code,open,close\n").unwrap_err().to_string();
        assert!(e.contains("has no trade_date (or start) column"), "{e}");
        let e = read("").unwrap_err().to_string();
        assert!(e.contains("has no code (or ts_code) column"), "{e}");
    }
}
