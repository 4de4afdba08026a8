//! The import pipeline: every file format goes through one driver.
//!
//! A reader of `ingest` yields rows ([`RowReader`], implemented by the six readers: bars, index
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
//! let summary = import::members(&mut store, &file, "deepseek", None, &mut import::BadRows::refuse())?;
//! assert_eq!(summary.counts.added, 1);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

use super::kind::Kind;
use crate::ingest::{
    self, BarReader, BarRow, CodeChangeReader, DocDefaults, DocReader, DocRow, FilingHead,
    IndexReader, IndexRow, ListingReader, MemberReader, MemberRecord, NameReader, PdfMethod,
    Progress, SegmentReader, SegmentRecord, ShareReader, ShareRecord, StFormat, StList, StReader,
    StRow,
};
use crate::messages;

/// A summary's format name in the run's language, for the import summary lines.
pub use crate::ingest::format_name as format_label;
use crate::model::{Date, Lang, StPeriod, Symbol};
use crate::store::{self, ImportCounts, StCounts, StSource, Store};

/// How many bad rows of one file an error lists.
pub const SHOWN_BAD_ROWS: usize = 10;

/// How often (in rows) the driver reports progress.
const PROGRESS_EVERY: u64 = 65536;

/// A reader of one file's rows, as the driver sees it.
pub trait RowReader {
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

impl RowReader for BarReader {
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

impl RowReader for ListingReader {
    type Row<'a> = (Symbol, Date);
    fn next_row(&mut self) -> Result<Option<(Symbol, Date)>, ingest::Error> {
        ListingReader::next_row(self)
    }
    fn file(&self) -> &str {
        ListingReader::file(self)
    }
}

impl RowReader for NameReader {
    type Row<'a> = (Symbol, Option<Date>, String);
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>, ingest::Error> {
        NameReader::next_row(self)
    }
    fn file(&self) -> &str {
        NameReader::file(self)
    }
}

impl RowReader for CodeChangeReader {
    type Row<'a> = (Symbol, Symbol, Date);
    fn next_row(&mut self) -> Result<Option<Self::Row<'_>>, ingest::Error> {
        CodeChangeReader::next_row(self)
    }
    fn file(&self) -> &str {
        CodeChangeReader::file(self)
    }
}

impl RowReader for IndexReader {
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

impl RowReader for DocReader {
    type Row<'a> = DocRow;
    fn next_row(&mut self) -> Result<Option<DocRow>, ingest::Error> {
        self.next_doc()
    }
    fn file(&self) -> &str {
        DocReader::file(self)
    }
}

impl RowReader for SegmentReader {
    type Row<'a> = SegmentRecord;
    fn next_row(&mut self) -> Result<Option<SegmentRecord>, ingest::Error> {
        SegmentReader::next_row(self)
    }
    fn file(&self) -> &str {
        SegmentReader::file(self)
    }
}

impl RowReader for MemberReader {
    type Row<'a> = MemberRecord;
    fn next_row(&mut self) -> Result<Option<MemberRecord>, ingest::Error> {
        MemberReader::next_row(self)
    }
    fn file(&self) -> &str {
        MemberReader::file(self)
    }
}

impl RowReader for ShareReader {
    type Row<'a> = ShareRecord;
    fn next_row(&mut self) -> Result<Option<ShareRecord>, ingest::Error> {
        ShareReader::next_row(self)
    }
    fn file(&self) -> &str {
        ShareReader::file(self)
    }
}

impl RowReader for StReader {
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
    /// A members file was given no theme to store its stocks under.
    #[error("{}", self.message(Lang::En))]
    NoTheme,
    /// A daily ST list of a single stock: its absences would wrongly mean "not ST".
    #[error("{}", self.message(Lang::En))]
    OneStockDailyList {
        /// The file.
        file: String,
    },
}

impl Error {
    /// The message in the user's language (store errors are in English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Read(e) => e.message(lang),
            Error::Store(e) => e.to_string(),
            Error::BadRows { file, count, shown } => {
                let shown: Vec<String> = shown.iter().map(|e| e.message(lang)).collect();
                messages::bad_rows(lang, file, *count, &shown)
            }
            Error::OneStockDailyList { file } => messages::one_stock_daily_list(lang, file),
            Error::NoTheme => messages::members_need_theme(lang),
        }
    }
}

/// A result of an import.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What becomes of a file's bad rows: refused (the default: one bad row refuses the whole
/// file, nothing of it is stored) or, with `--skip-bad`, set aside while the good rows are
/// stored; the rows set aside are kept here, in file order.
#[derive(Debug, Default)]
pub struct BadRows {
    skip: bool,
    rejected: Vec<ingest::Error>,
}

impl BadRows {
    /// One bad row refuses the whole file.
    pub fn refuse() -> BadRows {
        BadRows::default()
    }

    /// Bad rows are set aside and the good ones stored.
    pub fn skip() -> BadRows {
        BadRows {
            skip: true,
            rejected: Vec::new(),
        }
    }

    /// Whether bad rows are set aside.
    pub fn skips(&self) -> bool {
        self.skip
    }

    /// The bad rows set aside so far, each with its line and why.
    pub fn rejected(&self) -> &[ingest::Error] {
        &self.rejected
    }

    /// Takes the bad rows set aside, leaving none.
    pub fn take(&mut self) -> Vec<ingest::Error> {
        std::mem::take(&mut self.rejected)
    }
}

/// The one row loop: hands every row to `add`. A bad row either refuses the file (the
/// default: after it nothing more is stored, but the rest is still read so that every bad
/// row can be reported, and `Err` rolls the caller's transaction back) or, when `bad`
/// skips, is set aside in `bad` while the good rows go on being stored. `tick` hears the
/// reader's progress at the start and every 65,536 rows.
pub fn drive<R: RowReader>(
    reader: &mut R,
    tick: &mut dyn FnMut(&Progress),
    bad: &mut BadRows,
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
            Err(e) if e.is_row_error() && bad.skip => bad.rejected.push(e),
            Err(e) if e.is_row_error() => {
                count += 1;
                if shown.len() < SHOWN_BAD_ROWS {
                    shown.push(e);
                }
            }
            Err(e) => return Err(e.into()),
        }
        if n.is_multiple_of(PROGRESS_EVERY) {
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
    /// What kind of file it was.
    pub kind: Kind,
    /// The stocks (bars, sorted), indices (index bars) or companies (segments) the file
    /// held.
    pub symbols: Vec<Symbol>,
    /// The first and last date of a bar file's rows.
    pub dates: Option<(Date, Date)>,
    /// The theme of a members file.
    pub theme: Option<String>,
    /// A bar file without the previous-close reference (ex-rights days may be misjudged).
    pub no_prev_close: bool,
    /// The PDF text extractor used, for a PDF document.
    pub pdf: Option<PdfMethod>,
    /// Rows (or documents) read.
    pub read: u64,
    /// Rows added, updated and unchanged in the store.
    pub counts: ImportCounts,
    /// Bad rows set aside ([`BadRows::skip`]); 0 when bad rows refuse the file.
    pub rejected: u64,
    /// Counts worth a word, each non-zero.
    pub notes: Vec<(Note, u64)>,
    /// Documents left out, each with why (a linked PDF without text, when the defaults
    /// say to skip those).
    pub skipped: Vec<String>,
    /// What a text or PDF document's own header and footer gave that the flags did not.
    pub from_text: FilingHead,
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

impl Summary {
    /// A summary of a file of `kind` with nothing beyond its counts.
    fn new(kind: Kind, file: &str, format: &'static str, read: u64, counts: ImportCounts) -> Self {
        Summary {
            file: file.to_string(),
            format,
            kind,
            symbols: Vec::new(),
            dates: None,
            theme: None,
            no_prev_close: false,
            pdf: None,
            read,
            counts,
            rejected: 0,
            notes: Vec::new(),
            skipped: Vec::new(),
            from_text: FilingHead::default(),
        }
    }
}

impl Summary {
    /// Whether a bar of `symbol` on `date` is among the rows of this (bar) file, as far as
    /// its stocks and its dates tell.
    pub fn covers(&self, symbol: Symbol, date: Date) -> bool {
        self.dates.is_some_and(|(a, b)| (a..=b).contains(&date))
            && self.symbols.binary_search(&symbol).is_ok()
    }
}

fn notes(list: &[(Note, u64)]) -> Vec<(Note, u64)> {
    list.iter().copied().filter(|(_, n)| *n > 0).collect()
}

/// Imports one file of stock bars in one transaction.
pub fn bars(
    store: &mut Store,
    path: &Path,
    tick: &mut dyn FnMut(&Progress),
    bad: &mut BadRows,
) -> Result<Summary> {
    let mut reader = BarReader::open(path)?;
    let mut symbols = std::collections::BTreeSet::new();
    let mut dates: Option<(Date, Date)> = None;
    let mut last: Option<Symbol> = None;
    let counts = store.import_bars(|sink| {
        drive(&mut reader, tick, bad, |row| {
            // Rows come grouped by stock: the set is touched once per stock.
            if last != Some(row.symbol) {
                symbols.insert(row.symbol);
                last = Some(row.symbol);
            }
            let d = row.bar.date;
            dates = Some(dates.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
            sink.add(row.symbol, row.name, &row.bar)
        })
    })?;
    let stats = reader.stats();
    Ok(Summary {
        symbols: symbols.into_iter().collect(),
        dates,
        no_prev_close: !reader.has_prev_close(),
        notes: notes(&[
            (Note::Suspended, stats.suspended),
            (Note::BShares, stats.b_shares),
            (Note::Repeated, stats.repeated),
        ]),
        ..Summary::new(
            Kind::Bars,
            reader.file(),
            reader.format().name(),
            stats.lines(),
            counts,
        )
    })
}

/// Imports one file of index bars in one transaction; `code` names the index of a file
/// without a code column.
pub fn index(
    store: &mut Store,
    path: &Path,
    code: Option<Symbol>,
    tick: &mut dyn FnMut(&Progress),
    bad: &mut BadRows,
) -> Result<Summary> {
    let mut reader = IndexReader::open(path, code)?;
    let mut symbols = Vec::new();
    let counts = store.import_index(|sink| {
        drive(&mut reader, tick, bad, |row| {
            if !symbols.contains(&row.symbol) {
                symbols.push(row.symbol);
            }
            sink.add(row.symbol, &row.bar)
        })
    })?;
    Ok(Summary {
        symbols,
        notes: notes(&[
            (Note::NoPrices, reader.skipped()),
            (Note::Inconsistent, reader.inconsistent()),
        ]),
        ..Summary::new(
            Kind::Index,
            reader.file(),
            reader.format().name(),
            reader.rows_read() + reader.skipped(),
            counts,
        )
    })
}

/// Imports one document file in one transaction; `defaults` fill in what the file lacks.
pub fn docs(
    store: &mut Store,
    path: &Path,
    defaults: DocDefaults,
    bad: &mut BadRows,
) -> Result<Summary> {
    let mut reader = DocReader::open(path, defaults)?;
    let counts = store.import_docs(|sink| {
        drive(&mut reader, &mut |_| {}, bad, |row| {
            sink.add(&row.doc, row.name.as_deref()).map(drop)
        })
    })?;
    Ok(Summary {
        pdf: reader.pdf_method(),
        notes: notes(&[
            (Note::UnreadablePdfs, reader.skipped().len() as u64),
            (Note::UndatedAnswers, reader.undated_answers()),
        ]),
        skipped: reader.skipped().to_vec(),
        from_text: reader.from_text().clone(),
        ..Summary::new(
            Kind::Docs,
            reader.file(),
            reader.format().name(),
            counts.read,
            counts,
        )
    })
}

/// Imports one revenue-composition file in one transaction; each breakdown (company,
/// period, kind) it carries replaces the stored one.
pub fn segments(store: &mut Store, path: &Path, bad: &mut BadRows) -> Result<Summary> {
    let mut reader = SegmentReader::open(path)?;
    let mut symbols = Vec::new();
    let counts = store.import_segments(|sink| {
        drive(&mut reader, &mut |_| {}, bad, |rec| {
            if !symbols.contains(&rec.symbol) {
                symbols.push(rec.symbol);
            }
            sink.add_published(rec.symbol, &rec.row, rec.published)
        })
    })?;
    Ok(Summary {
        symbols,
        notes: notes(&[
            (Note::Repeated, reader.repeated()),
            (Note::SegmentsRemoved, counts.removed),
        ]),
        ..Summary::new(
            Kind::Segments,
            reader.file(),
            reader.format().name(),
            reader.rows_read() + reader.repeated(),
            counts.rows,
        )
    })
}

/// Imports one file of share counts (股本) in one transaction; `code` names the stock of a
/// file without a code column (AkShare's per-stock frames).
pub fn shares(
    store: &mut Store,
    path: &Path,
    code: Option<Symbol>,
    bad: &mut BadRows,
) -> Result<Summary> {
    let mut reader = ShareReader::open(path, code)?;
    let mut symbols = Vec::new();
    let source = reader.format().name();
    let counts = store.import_shares(source, |sink| {
        drive(&mut reader, &mut |_| {}, bad, |rec| {
            if symbols.last() != Some(&rec.symbol) && !symbols.contains(&rec.symbol) {
                symbols.push(rec.symbol);
            }
            sink.add(rec.symbol, &rec.count)
        })
    })?;
    Ok(Summary {
        symbols,
        notes: notes(&[(Note::Repeated, reader.repeated())]),
        ..Summary::new(
            Kind::Shares,
            reader.file(),
            reader.format().name(),
            reader.rows_read() + reader.repeated(),
            counts,
        )
    })
}

/// Imports one file of theme members in one transaction; `source` names the source of
/// rows without one (default `user`).
pub fn members(
    store: &mut Store,
    path: &Path,
    theme: &str,
    source: Option<&str>,
    bad: &mut BadRows,
) -> Result<Summary> {
    let mut reader = MemberReader::open(path)?;
    let counts = store.import_members(theme, |sink| {
        drive(&mut reader, &mut |_| {}, bad, |m| {
            let source = m.source.as_deref().or(source).unwrap_or("user");
            let (name, reason) = (m.name.as_deref(), m.reason.as_deref());
            sink.add_dated(
                m.symbol,
                name,
                reason,
                source,
                m.joined,
                (m.added, m.removed),
            )
        })
    })?;
    Ok(Summary {
        theme: Some(theme.to_string()),
        notes: notes(&[(Note::Repeated, reader.repeated())]),
        ..Summary::new(
            Kind::Members,
            reader.file(),
            reader.format().name(),
            reader.rows_read() + reader.repeated(),
            counts,
        )
    })
}

/// Imports a listing-date file (`code,listing_date`) in one transaction.
pub fn listings(store: &mut Store, path: &Path, bad: &mut BadRows) -> Result<Summary> {
    let mut reader = ListingReader::open(path)?;
    let counts = store
        .import_listings(|sink| drive(&mut reader, &mut |_| {}, bad, |(s, d)| sink.add(s, d)))?;
    Ok(Summary::new(
        Kind::Listings,
        reader.file(),
        "listings",
        reader.rows(),
        counts,
    ))
}

/// Imports a name-change history (`code,date,name`) in one transaction: the names the
/// ladder shows for a past date, and the ST status a dated name gives (jobs::judge_name_st).
pub fn names(store: &mut Store, path: &Path, bad: &mut BadRows) -> Result<Summary> {
    let mut reader = NameReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, bad, |row| {
        rows.push(row);
        Ok(())
    })?;
    let counts = store.import_names(&rows)?;
    Ok(Summary::new(
        Kind::Names,
        reader.file(),
        "names",
        reader.rows(),
        counts,
    ))
}

/// Imports code changes (`old_code,new_code[,date]`) in one transaction: the old code's
/// bars join the new code's history.
pub fn code_changes(store: &mut Store, path: &Path, bad: &mut BadRows) -> Result<Summary> {
    let mut reader = CodeChangeReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, bad, |row| {
        rows.push(row);
        Ok(())
    })?;
    let counts = store.import_code_changes(&rows)?;
    Ok(Summary::new(
        Kind::Codes,
        reader.file(),
        "code changes",
        reader.rows(),
        counts,
    ))
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
    /// Bad rows set aside ([`BadRows::skip`]).
    pub rejected: u64,
    /// A daily list's first and last date; stocks it does not name are not ST then.
    pub coverage: Option<(Date, Date)>,
    /// Trading days of the store inside the coverage that the list lacks (a page not
    /// downloaded?): on them every stock reads as not ST.
    pub missing_days: Vec<Date>,
}

/// Imports one ST list in one transaction: a daily list (Tushare `stock_st`) is the truth
/// within its dates, a periods file only adds ST days (see `store::st`).
pub fn st(store: &mut Store, path: &Path, bad: &mut BadRows) -> Result<StSummary> {
    let mut reader = StReader::open(path)?;
    let mut rows = Vec::new();
    drive(&mut reader, &mut |_| {}, bad, |row| {
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
        rejected: 0,
        coverage: list.coverage,
        missing_days,
    })
}

/// A file to import: its [`Kind`] and the options that kind takes (the commands' `import
/// KIND`, and what `fetch` wrote: [`super::fetch::Request::import_job`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// What the file holds.
    pub kind: Kind,
    /// Index bars: the index of a file without a code column; share counts: the stock of a
    /// file without one.
    pub code: Option<Symbol>,
    /// Documents: defaults for what the file lacks.
    pub docs: DocDefaults,
    /// Members: the theme (required).
    pub theme: Option<String>,
    /// Members: the source of rows without one.
    pub source: Option<String>,
}

impl Job {
    /// A file of `kind` with default options.
    pub fn new(kind: Kind) -> Job {
        Job {
            kind,
            code: None,
            docs: DocDefaults::default(),
            theme: None,
            source: None,
        }
    }

    /// Documents read with `defaults`.
    pub fn docs(defaults: DocDefaults) -> Job {
        Job {
            docs: defaults,
            ..Job::new(Kind::Docs)
        }
    }

    /// Members of `theme`; `source` for rows without one.
    pub fn members(theme: &str, source: Option<&str>) -> Job {
        Job {
            theme: Some(theme.to_string()),
            source: source.map(str::to_string),
            ..Job::new(Kind::Members)
        }
    }
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
/// and index files; `bad` says whether bad rows refuse the file or are set aside (and
/// then holds them; the summary counts them).
pub fn file(
    store: &mut Store,
    job: &Job,
    path: &Path,
    tick: &mut dyn FnMut(&Progress),
    bad: &mut BadRows,
) -> Result<Imported> {
    let rows = match job.kind {
        Kind::Bars => bars(store, path, tick, bad),
        Kind::Index => index(store, path, job.code, tick, bad),
        Kind::Shares => shares(store, path, job.code, bad),
        Kind::Docs => docs(store, path, job.docs.clone(), bad),
        Kind::Segments => segments(store, path, bad),
        Kind::Listings => listings(store, path, bad),
        Kind::Names => names(store, path, bad),
        Kind::Codes => code_changes(store, path, bad),
        Kind::Members => {
            let theme = job.theme.as_deref().ok_or(Error::NoTheme)?;
            members(store, path, theme, job.source.as_deref(), bad)
        }
        Kind::St => {
            let mut s = st(store, path, bad)?;
            s.rejected = bad.rejected().len() as u64;
            return Ok(Imported::St(s));
        }
    };
    let mut summary = rows?;
    summary.rejected = bad.rejected().len() as u64;
    Ok(Imported::Rows(summary))
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
        let e = members(&mut store, &path, "deepseek", None, &mut BadRows::refuse()).unwrap_err();
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
        let first = segments(&mut store, &path, &mut BadRows::refuse()).unwrap();
        assert_eq!((first.read, first.counts.added), (2, 2));
        assert_eq!(first.kind, Kind::Segments);
        assert_eq!(first.symbols, [Symbol::parse_stock("301890").unwrap()]);
        let again = segments(&mut store, &path, &mut BadRows::refuse()).unwrap();
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
            st(&mut store, &path, &mut BadRows::refuse()),
            Err(Error::OneStockDailyList { .. })
        ));
    }
}
