//! The import pipeline: every file format goes through one driver.
//!
//! A reader of `ingest` yields rows ([`Rows`], implemented by the six readers: bars, index
//! bars, documents, revenue segments, share counts, theme members, ST lists); [`drive`] hands each row to
//! the store inside the file's one transaction, collects the bad rows, and refuses the
//! whole file when there is any (the transaction rolls back, nothing of the file stays);
//! each import returns a [`Summary`] (rendered by `report::import`).
//!
//! ```
//! use hypecheck::jobs::import;
//! use hypecheck::store::Store;
//!
//! let dir = std::env::temp_dir().join(format!("hypecheck-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let file = dir.join("members.csv");
//! std::fs::write(&file, "code,name,reason\n002881,美格智能,接入DeepSeek\n")?;
//! let mut store = Store::open_in_memory()?;
//! let summary = import::members(&mut store, &file, "deepseek", None)?;
//! assert_eq!(summary.counts.added, 1);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

use crate::ingest::{
    self, BarReader, BarRow, CodeChangeReader, DocDefaults, DocReader, DocRow, IndexReader,
    IndexRow, ListingReader, MemberReader, MemberRecord, NameReader, PdfMethod, Progress,
    SegmentReader, SegmentRecord, ShareReader, ShareRecord, StFormat, StList, StReader, StRow,
};
use crate::messages;
use crate::model::{Date, Lang, StPeriod, Symbol};
use crate::store::{self, ImportCounts, StCounts, StSource, Store};

/// How many bad rows of one file an error lists.
pub const SHOWN_BAD_ROWS: usize = 10;

/// How often (in rows) the driver reports progress.
const PROGRESS_EVERY: u64 = 65536;

/// A reader of one file's rows, as the driver sees it.
pub trait Rows {
    /// One row as read.
    type Row<'a>
    where
        Self: 'a;
    /// The next row; `Ok(None)` at the end. A bad row is an error for which
    /// [`ingest::Error::is_row_error`] holds, and reading may go on after it.
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>, ingest::Error>;
    /// The file's name, for messages.
    fn file(&self) -> &str;
    /// Bytes read so far out of the total, for readers of big files.
    fn progress(&self) -> Option<&Progress> {
        None
    }
}

impl Rows for BarReader {
    type Row<'a> = BarRow<'a>;
    fn next_row(&mut self) -> Result<Option<BarRow<'_>>, ingest::Error> {
        BarReader::next_row(self)
    }
    fn file(&self) -> &str {
        BarReader::file(self)
    }
    fn progress(&self) -> Option<&Progress> {
        Some(BarReader::progress(self))
    }
}

impl Rows for ListingReader {
    type Row<'a> = (Symbol, Date);
    fn next_row(&mut self) -> Result<Option<(Symbol, Date)>, ingest::Error> {
        ListingReader::next_row(self)
    }
    fn file(&self) -> &str {
        ListingReader::file(self)
    }
}

impl Rows for NameReader {
    type Row<'a> = (Symbol, Option<Date>, String);
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>, ingest::Error> {
        NameReader::next_row(self)
    }
    fn file(&self) -> &str {
        NameReader::file(self)
    }
}

impl Rows for CodeChangeReader {
    type Row<'a> = (Symbol, Symbol, Date);
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>, ingest::Error> {
        CodeChangeReader::next_row(self)
    }
    fn file(&self) -> &str {
        CodeChangeReader::file(self)
    }
}

impl Rows for IndexReader {
    type Row<'a> = IndexRow;
    fn next_row(&mut self) -> Result<Option<IndexRow>, ingest::Error> {
        IndexReader::next_row(self)
    }
    fn file(&self) -> &str {
        IndexReader::file(self)
    }
    fn progress(&self) -> Option<&Progress> {
        Some(IndexReader::progress(self))
    }
}

impl Rows for DocReader {
    type Row<'a> = DocRow;
    fn next_row(&mut self) -> Result<Option<DocRow>, ingest::Error> {
        self.next_doc()
    }
    fn file(&self) -> &str {
        DocReader::file(self)
    }
}

impl Rows for SegmentReader {
    type Row<'a> = SegmentRecord;
    fn next_row(&mut self) -> Result<Option<SegmentRecord>, ingest::Error> {
        SegmentReader::next_row(self)
    }
    fn file(&self) -> &str {
        SegmentReader::file(self)
    }
}

impl Rows for MemberReader {
    type Row<'a> = MemberRecord;
    fn next_row(&mut self) -> Result<Option<MemberRecord>, ingest::Error> {
        MemberReader::next_row(self)
    }
    fn file(&self) -> &str {
        MemberReader::file(self)
    }
}

impl Rows for ShareReader {
    type Row<'a> = ShareRecord;
    fn next_row(&mut self) -> Result<Option<ShareRecord>, ingest::Error> {
        ShareReader::next_row(self)
    }
    fn file(&self) -> &str {
        ShareReader::file(self)
    }
}

impl Rows for StReader {
    type Row<'a> = StRow;
    fn next_row(&mut self) -> Result<Option<StRow>, ingest::Error> {
        StReader::next_row(self)
    }
    fn file(&self) -> &str {
        StReader::file(self)
    }
}

/// Why a file was not imported.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file cannot be read at all (missing, unknown format, bad header).
    #[error(transparent)]
    Read(#[from] ingest::Error),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The file has bad rows; nothing of it was stored.
    #[error("{}", self.message(Lang::En))]
    BadRows {
        /// The file.
        file: String,
        /// How many rows are bad.
        count: usize,
        /// The first [`SHOWN_BAD_ROWS`] of them.
        shown: Vec<ingest::Error>,
    },
    /// A daily ST list of a single stock: its absences would wrongly mean "not ST".
    #[error("{}", self.message(Lang::En))]
    OneStockDailyList {
        /// The file.
        file: String,
    },
}

impl Error {
    /// The message in the user's language (reader and store errors are in English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Read(e) => e.to_string(),
            Error::Store(e) => e.to_string(),
            Error::BadRows { file, count, shown } => messages::bad_rows(lang, file, *count, shown),
            Error::OneStockDailyList { file } => messages::one_stock_daily_list(lang, file),
        }
    }
}

/// A result of an import.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The one row loop: hands every row to `add` until the first bad row; after that nothing
/// more is stored (the file will be refused), but the rest is still read so that every bad
/// row can be reported. `Err` when any row was bad, which rolls the caller's transaction
/// back. `tick` hears the reader's progress at the start and every 65,536 rows.
pub fn drive<R: Rows>(
    reader: &mut R,
    tick: &mut dyn FnMut(&Progress),
    mut add: impl FnMut(R::Row<'_>) -> store::Result<()>,
) -> Result<()> {
    let (mut count, mut shown) = (0usize, Vec::new());
    if let Some(p) = reader.progress() {
        tick(p);
    }
    let mut n = 0u64;
    loop {
        n += 1;
        match reader.next_row() {
            Ok(Some(row)) if count == 0 => add(row)?,
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) if e.is_row_error() => {
                count += 1;
                if shown.len() < SHOWN_BAD_ROWS {
                    shown.push(e);
                }
            }
            Err(e) => return Err(e.into()),
        }
        if n % PROGRESS_EVERY == 0 {
            if let Some(p) = reader.progress() {
                tick(p);
            }
        }
    }
    if count == 0 {
        Ok(())
    } else {
        Err(Error::BadRows {
            file: reader.file().to_string(),
            count,
            shown,
        })
    }
}

/// What one imported file held.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The file's name.
    pub file: String,
    /// The format it was read as (`akshare`, `generic`, `jsonl`…).
    pub format: &'static str,
    /// What kind of file it was, with what its summary names.
    pub what: What,
    /// Rows (or documents) read.
    pub read: u64,
    /// Rows added, updated and unchanged in the store.
    pub counts: ImportCounts,
    /// Counts worth a word, each non-zero.
    pub notes: Vec<(Note, u64)>,
    /// Documents left out, each with why (a linked PDF without text, when the defaults
    /// say to skip those).
    pub skipped: Vec<String>,
}

/// The kind of an imported file, with what its summary names.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// Stock bars; `prev_close` says whether the file has the previous-close reference
    /// (without it ex-rights days may be misjudged).
    Bars {
        /// The file has a previous-close column.
        prev_close: bool,
    },
    /// Index bars of these indices.
    Index(Vec<Symbol>),
    /// Documents; the PDF text extractor used, for a PDF.
    Docs(Option<PdfMethod>),
    /// Revenue composition of these companies.
    Segments(Vec<Symbol>),
    /// Members of this theme.
    Members(String),
    /// Share counts of these stocks.
    Shares(Vec<Symbol>),
    /// Listing dates.
    Listings,
    /// Dated names (a name-change history).
    Names,
    /// Code changes (old code → new code).
    CodeChanges,
}

/// A count a summary mentions when it is not zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// Suspended days skipped.
    Suspended,
    /// B-share rows skipped.
    BShares,
    /// Repeated rows.
    Repeated,
    /// Index rows without prices skipped.
    NoPrices,
    /// Index rows whose open or close lies outside high-low, kept as given.
    Inconsistent,
    /// Stored segments a re-imported breakdown no longer lists, removed.
    SegmentsRemoved,
    /// Documents whose linked PDF gave no text, left out.
    UnreadablePdfs,
    /// Answered Q&A records without an answer date, counted from their question's date.
    UndatedAnswers,
}

fn notes(list: &[(Note, u64)]) -> Vec<(Note, u64)> {
    list.iter().copied().filter(|(_, n)| *n > 0).collect()
}

/// Imports one file of stock bars in one transaction.
pub fn bars(store: &mut Store, path: &Path, tick: &mut dyn FnMut(&Progress)) -> Result<Summary> {
    let mut reader = BarReader::open(path)?;
    let counts = store.import_bars(|sink| {
        drive(&mut reader, tick, |row| {
            sink.add(row.symbol, row.name, &row.bar)
        })
    })?;
    let stats = reader.stats();
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Bars {
            prev_close: reader.has_prev_close(),
        },
        read: stats.lines(),
        counts,
        skipped: Vec::new(),
        notes: notes(&[
            (Note::Suspended, stats.suspended),
            (Note::BShares, stats.b_shares),
            (Note::Repeated, stats.repeated),
        ]),
    })
}

/// Imports one file of index bars in one transaction; `code` names the index of a file
/// without a code column.
pub fn index(
    store: &mut Store,
    path: &Path,
    code: Option<Symbol>,
    tick: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let mut reader = IndexReader::open(path, code)?;
    let mut symbols = Vec::new();
    let counts = store.import_index(|sink| {
        drive(&mut reader, tick, |row| {
            if !symbols.contains(&row.symbol) {
                symbols.push(row.symbol);
            }
            sink.add(row.symbol, &row.bar)
        })
    })?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Index(symbols),
        read: reader.rows_read() + reader.skipped(),
        counts,
        skipped: Vec::new(),
        notes: notes(&[
            (Note::NoPrices, reader.skipped()),
            (Note::Inconsistent, reader.inconsistent()),
        ]),
    })
}

/// Imports one document file in one transaction; `defaults` fill in what the file lacks.
pub fn docs(store: &mut Store, path: &Path, defaults: DocDefaults) -> Result<Summary> {
    let mut reader = DocReader::open(path, defaults)?;
    let counts = store.import_docs(|sink| {
        drive(&mut reader, &mut |_| {}, |row| {
            sink.add(&row.doc, row.name.as_deref()).map(drop)
        })
    })?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Docs(reader.pdf_method()),
        read: counts.read,
        counts,
        notes: notes(&[
            (Note::UnreadablePdfs, reader.skipped().len() as u64),
            (Note::UndatedAnswers, reader.undated_answers()),
        ]),
        skipped: reader.skipped().to_vec(),
    })
}

/// Imports one revenue-composition file in one transaction; each breakdown (company,
/// period, kind) it carries replaces the stored one.
pub fn segments(store: &mut Store, path: &Path) -> Result<Summary> {
    let mut reader = SegmentReader::open(path)?;
    let mut symbols = Vec::new();
    let counts = store.import_segments(|sink| {
        drive(&mut reader, &mut |_| {}, |rec| {
            if !symbols.contains(&rec.symbol) {
                symbols.push(rec.symbol);
            }
            sink.add_published(rec.symbol, &rec.row, rec.published)
        })
    })?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Segments(symbols),
        read: reader.rows_read() + reader.repeated(),
        counts: counts.rows,
        skipped: Vec::new(),
        notes: notes(&[
            (Note::Repeated, reader.repeated()),
            (Note::SegmentsRemoved, counts.removed),
        ]),
    })
}

/// Imports one file of share counts (股本) in one transaction; `code` names the stock of a
/// file without a code column (AkShare's per-stock frames).
pub fn shares(store: &mut Store, path: &Path, code: Option<Symbol>) -> Result<Summary> {
    let mut reader = ShareReader::open(path, code)?;
    let mut symbols = Vec::new();
    let source = reader.format().name();
    let counts = store.import_shares(source, |sink| {
        drive(&mut reader, &mut |_| {}, |rec| {
            if symbols.last() != Some(&rec.symbol) && !symbols.contains(&rec.symbol) {
                symbols.push(rec.symbol);
            }
            sink.add(rec.symbol, &rec.count)
        })
    })?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Shares(symbols),
        read: reader.rows_read() + reader.repeated(),
        counts,
        skipped: Vec::new(),
        notes: notes(&[(Note::Repeated, reader.repeated())]),
    })
}

/// Imports one file of theme members in one transaction; `source` names the source of
/// rows without one (default `user`).
pub fn members(
    store: &mut Store,
    path: &Path,
    theme: &str,
    source: Option<&str>,
) -> Result<Summary> {
    let mut reader = MemberReader::open(path)?;
    let counts = store.import_members(theme, |sink| {
        drive(&mut reader, &mut |_| {}, |m| {
            let source = m.source.as_deref().or(source).unwrap_or("user");
            let (name, reason) = (m.name.as_deref(), m.reason.as_deref());
            sink.add_dated(m.symbol, name, reason, source, m.joined, (m.added, m.removed))
        })
    })?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: reader.format().name(),
        what: What::Members(theme.to_string()),
        read: reader.rows_read() + reader.repeated(),
        counts,
        skipped: Vec::new(),
        notes: notes(&[(Note::Repeated, reader.repeated())]),
    })
}

/// Imports a listing-date file (`code,listing_date`) in one transaction.
pub fn listings(store: &mut Store, path: &Path) -> Result<Summary> {
    let mut reader = ListingReader::open(path)?;
    let counts =
        store.import_listings(|sink| drive(&mut reader, &mut |_| {}, |(s, d)| sink.add(s, d)))?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: "listings",
        what: What::Listings,
        read: reader.rows(),
        counts,
        skipped: Vec::new(),
        notes: Vec::new(),
    })
}

/// Imports a name-change history (`code,date,name`) in one transaction: the names the
/// ladder shows for a past date, and the ST status a dated name gives (jobs::judge_name_st).
pub fn names(store: &mut Store, path: &Path) -> Result<Summary> {
    let mut reader = NameReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, |row| {
        rows.push(row);
        Ok(())
    })?;
    let counts = store.import_names(&rows)?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: "names",
        what: What::Names,
        read: reader.rows(),
        counts,
        skipped: Vec::new(),
        notes: Vec::new(),
    })
}

/// Imports code changes (`old_code,new_code[,date]`) in one transaction: the old code's
/// bars join the new code's history.
pub fn code_changes(store: &mut Store, path: &Path) -> Result<Summary> {
    let mut reader = CodeChangeReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, |row| {
        rows.push(row);
        Ok(())
    })?;
    let counts = store.import_code_changes(&rows)?;
    Ok(Summary {
        file: reader.file().to_string(),
        format: "code changes",
        what: What::CodeChanges,
        read: reader.rows(),
        counts,
        skipped: Vec::new(),
        notes: Vec::new(),
    })
}

/// What one imported ST list held.
#[derive(Debug, Clone, PartialEq)]
pub struct StSummary {
    /// The file's name.
    pub file: String,
    /// Daily list or periods.
    pub format: StFormat,
    /// Rows read.
    pub rows: u64,
    /// Stocks named.
    pub stocks: usize,
    /// Periods read, added, removed and unchanged in the store.
    pub counts: StCounts,
    /// A daily list's first and last date; stocks it does not name are not ST then.
    pub coverage: Option<(Date, Date)>,
    /// Trading days of the store inside the coverage that the list lacks (a page not
    /// downloaded?): on them every stock reads as not ST.
    pub missing_days: Vec<Date>,
}

/// Imports one ST list in one transaction: a daily list (Tushare `stock_st`) is the truth
/// within its dates, a periods file only adds ST days (see `store::st`).
pub fn st(store: &mut Store, path: &Path) -> Result<StSummary> {
    let mut reader = StReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, |row| {
        rows.push(row);
        Ok(())
    })?;
    let list = StList::new(reader.format(), rows);
    if list.format == StFormat::Daily && list.stocks() == 1 {
        // Absence from a daily list means "not ST", which only holds for a list of the
        // whole market (pro.stock_st by trade date, not by ts_code).
        return Err(Error::OneStockDailyList {
            file: reader.file().to_string(),
        });
    }
    let source = match list.format {
        StFormat::Daily => StSource::DailyList,
        StFormat::Periods => StSource::Periods,
    };
    let periods: Vec<StPeriod> = list.periods.iter().map(StRow::period).collect();
    let counts = store.import_st(source, list.coverage, &periods)?;
    let missing_days = match list.coverage {
        Some((a, b)) => store
            .trading_dates(a..=b)?
            .into_iter()
            .filter(|d| list.calendar.binary_search(d).is_err())
            .collect(),
        None => Vec::new(),
    };
    Ok(StSummary {
        file: reader.file().to_string(),
        format: list.format,
        rows: reader.rows(),
        stocks: list.stocks(),
        counts,
        coverage: list.coverage,
        missing_days,
    })
}

/// What kind of file to import, with what it needs: the commands' `import` subcommands and
/// what `fetch` wrote ([`super::fetch::import_job`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Stock bars.
    Bars,
    /// Index bars, of this index when the file has no code column.
    Index(Option<Symbol>),
    /// Documents, with defaults for what the file lacks.
    Docs(DocDefaults),
    /// Revenue composition.
    Segments,
    /// Share counts, of this stock when the file has no code column.
    Shares(Option<Symbol>),
    /// Members of a theme; `source` for rows without one.
    Members {
        /// The theme id.
        theme: String,
        /// The source of rows without one.
        source: Option<String>,
    },
    /// An ST list.
    St,
    /// Listing dates.
    Listings,
    /// Dated names.
    Names,
    /// Code changes.
    Codes,
}

/// What [`file`] imported.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// Rows of any table but an ST list.
    Rows(Summary),
    /// An ST list, which says more ([`StSummary`]).
    St(StSummary),
}

/// Imports one file of `job`'s kind in one transaction; `tick` hears the progress of bar
/// and index files.
pub fn file(
    store: &mut Store,
    job: &Job,
    path: &Path,
    tick: &mut dyn FnMut(&Progress),
) -> Result<Imported> {
    let rows = match job {
        Job::Bars => bars(store, path, tick),
        Job::Index(code) => index(store, path, *code, tick),
        Job::Docs(defaults) => docs(store, path, defaults.clone()),
        Job::Segments => segments(store, path),
        Job::Shares(code) => shares(store, path, *code),
        Job::Listings => listings(store, path),
        Job::Names => names(store, path),
        Job::Codes => code_changes(store, path),
        Job::Members { theme, source } => members(store, path, theme, source.as_deref()),
        Job::St => return st(store, path).map(Imported::St),
    };
    rows.map(Imported::Rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn a_file_with_a_bad_row_is_refused_whole_and_every_bad_row_is_counted() {
        let (_dir, path) = write(
            "members.csv",
            "code,name\n002881,美格智能\n60000x,坏\n600126,杭钢股份\nzzz,坏\n",
        );
        let mut store = Store::open_in_memory().unwrap();
        let e = members(&mut store, &path, "deepseek", None).unwrap_err();
        let Error::BadRows { count, shown, .. } = &e else {
            panic!("{e}");
        };
        assert_eq!((*count, shown.len()), (2, 2));
        assert!(store.members("deepseek").unwrap().is_empty(), "rolled back");
        assert!(
            e.message(Lang::Zh).contains("2 行有误"),
            "{}",
            e.message(Lang::Zh)
        );
    }

    #[test]
    fn a_reimport_adds_nothing_and_the_summary_counts_rows() {
        let (_dir, path) = write(
            "segments.csv",
            "code,period,kind,segment,revenue,share\n\
             301890.SZ,2024-12-31,product,AI服务器主板,1200000000,0.40\n\
             301890.SZ,2024-12-31,product,工业控制板卡,1500000000,0.50\n",
        );
        let mut store = Store::open_in_memory().unwrap();
        let first = segments(&mut store, &path).unwrap();
        assert_eq!((first.read, first.counts.added), (2, 2));
        assert_eq!(
            first.what,
            What::Segments(vec![Symbol::parse_stock("301890").unwrap()])
        );
        let again = segments(&mut store, &path).unwrap();
        assert_eq!((again.counts.added, again.counts.unchanged), (0, 2));
    }

    #[test]
    fn a_daily_st_list_of_one_stock_is_refused() {
        let (_dir, path) = write(
            "st.csv",
            "ts_code,name,trade_date,type,type_name\n600001.SH,ST甲,20240102,ST,风险警示板\n",
        );
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            st(&mut store, &path),
            Err(Error::OneStockDailyList { .. })
        ));
    }
}
