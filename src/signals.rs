//! The per-bar signal dataset straight from bar files, without a store: what
//! `hypecheck signals` writes and a quant loads (one row per stock and trading day, as
//! CSV or Parquet from one column schema, [`columns`]).
//!
//! Columns ([`COLUMNS`]): `code,date,close_fen,prev_close_fen,limit_pct,limit_up_fen,
//! limit_down_fen,limit_up,limit_down,blown,one_price,streak,gap,ret5,st,amount,ret_d30,
//! abnormal`, then `excess_d5,excess_d30` when benchmark indices are given
//! ([`EXCESS_COLUMNS`]). In CSV booleans are 0/1, fractions have six decimals, the
//! amount (成交额, yuan) two, and unknown values are empty. `st` is the ST status the
//! limit was computed with: empty when it is unknown (ST状态未知: a name's ST mark that
//! prices neither refute nor confirm, [`market::judge_name_st`]), and then the limit
//! columns are empty too. `abnormal` is 1 on a day an abnormal-fluctuation estimate
//! triggers ([`market::abnormal_events`], either cumulation), measured against the
//! stock's benchmark index when one is given, else against the stock's own moves (which
//! overstates deviations in a rising market); only with an index are suspensions seen
//! (its days are the trading calendar). Rows are sorted by exchange (`BJ`, `SH`, `SZ`),
//! code and date.
//!
//! B shares (SSE 900xxx quoted in US dollars to 0.001, SZSE 200xxx in Hong Kong dollars)
//! are not computed: their rows are counted in [`Summary::b_shares`] and the command says
//! so (docs/market-rules.md §1).
//!
//! New listings: a file only shows when a stock's data begins, so a stock whose first bar
//! is later than where its exchange's data begins in the input (the date most of its
//! stocks begin on, [`market::data_start`]) is taken to have listed on that day, and its
//! IPO days get no limit ([`crate::market::no_limit_day`]). A stock that was suspended
//! when the file begins is misread the same way; a listing table, where imported into the
//! store, is better.
//!
//! Reading and computing overlap: the caller's thread parses (with decompression on the
//! reader's own helper thread) while workers (two or more) apply the rules to each
//! finished stock and encode its rows for the output ([`Chunk`]). A stock whose listing
//! the whole input decides otherwise than the part read before it (rare: a newer stock
//! ahead of the older ones of its exchange) is computed again from a second read of its
//! rows.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, TrySendError};
use std::thread;

use crate::ingest::{self, BarReader, IndexReader};
use crate::market::{
    self, abnormal_events_with, excess_return, fluctuation::benchmark_candidates, n_day_return,
    Board, Cumulation, FluctuationInputs, Signal, StockInfo,
};
use crate::model::{Bar, Date, Exchange, IndexBar, Symbol};
use crate::report::columns::{self, Batch, Chunk, Column, TableWriter};
use crate::report::Format;

/// The columns every run writes.
pub const COLUMNS: &[Column] = &[
    Column::text("code"),
    Column::date("date"),
    Column::i64("close_fen"),
    Column::i64("prev_close_fen").nullable(),
    Column::i64("limit_pct").nullable(),
    Column::i64("limit_up_fen").nullable(),
    Column::i64("limit_down_fen").nullable(),
    Column::bool("limit_up"),
    Column::bool("limit_down"),
    Column::bool("blown"),
    Column::bool("one_price"),
    Column::i64("streak"),
    Column::f64("gap").nullable(),
    Column::f64("ret5").nullable(),
    Column::bool("st").nullable(),
    Column::f64("amount").nullable().decimals(2),
    Column::f64("ret_d30").nullable(),
    Column::bool("abnormal"),
];

/// The columns added when benchmark indices are given: the 5- and 30-day returns minus
/// the benchmark's over the same dates.
pub const EXCESS_COLUMNS: &[Column] = &[
    Column::f64("excess_d5").nullable(),
    Column::f64("excess_d30").nullable(),
];

/// The columns of a run, with or without benchmarks.
pub fn columns(with_benchmarks: bool) -> Vec<Column> {
    let mut c = COLUMNS.to_vec();
    if with_benchmarks {
        c.extend_from_slice(EXCESS_COLUMNS);
    }
    c
}

/// The CSV header without benchmarks.
pub fn header() -> String {
    columns::names(COLUMNS).join(",")
}

/// Benchmark indices read from index files: each stock is measured against the index
/// given for all (`--benchmark`), else the first of its board's candidates that the
/// files hold ([`benchmark_candidates`]), else the files' only index when they hold one.
#[derive(Debug, Clone, Default)]
pub struct Benchmarks {
    indices: HashMap<Symbol, (Vec<IndexBar>, Vec<Date>)>,
    fixed: Option<Symbol>,
}

impl Benchmarks {
    /// Reads index files; `fixed` is the index every stock is measured against, and the
    /// code of files without a code column.
    pub fn read(paths: &[PathBuf], fixed: Option<Symbol>) -> Result<Benchmarks, Error> {
        let mut bars: HashMap<Symbol, Vec<IndexBar>> = HashMap::new();
        for path in paths {
            let mut reader = IndexReader::open(path, fixed).map_err(|e| match e {
                ingest::Error::NoCode { file } => Error::IndexWithoutCode(file),
                e => Error::Read(e),
            })?;
            while let Some(row) = reader.next_row()? {
                bars.entry(row.symbol).or_default().push(row.bar);
            }
        }
        if let Some(code) = fixed.filter(|c| !bars.contains_key(c)) {
            return Err(Error::NoSuchIndex(code));
        }
        let indices = bars
            .into_iter()
            .map(|(symbol, mut b)| {
                b.sort_by_key(|x| x.date);
                b.dedup_by_key(|x| x.date);
                let dates = b.iter().map(|x| x.date).collect();
                (symbol, (b, dates))
            })
            .collect();
        Ok(Benchmarks { indices, fixed })
    }

    /// The indices read.
    pub fn symbols(&self) -> BTreeSet<Symbol> {
        self.indices.keys().copied().collect()
    }

    /// The index a stock of `board` is measured against, its bars and its trading days.
    pub fn for_board(&self, board: Board) -> Option<(Symbol, &[IndexBar], &[Date])> {
        let pick = |s: Symbol| {
            self.indices
                .get(&s)
                .map(|(b, d)| (s, b.as_slice(), d.as_slice()))
        };
        if let Some(s) = self.fixed {
            return pick(s);
        }
        benchmark_candidates(board)
            .iter()
            .filter_map(|c| Symbol::parse_index(c).ok())
            .find_map(pick)
            .or_else(
                || match self.indices.keys().collect::<Vec<_>>().as_slice() {
                    [only] => pick(**only),
                    _ => None,
                },
            )
    }
}

/// How to write the dataset.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// `Csv` or `Parquet`.
    pub format: Format,
    /// Benchmark indices (adds the excess columns).
    pub benchmarks: Option<&'a Benchmarks>,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stocks written.
    pub stocks: u64,
    /// Rows written.
    pub rows: u64,
    /// Rows of the input skipped because they are not A-share stocks (funds, indices).
    pub not_stocks: u64,
    /// Rows of B shares skipped: quoted in foreign currency, to 0.001 US dollar on the SSE,
    /// which this tool's fen prices cannot hold; never computed, always reported.
    pub b_shares: u64,
    /// Suspended days skipped by the reader.
    pub suspended: u64,
    /// Input files without a prev-close column (ex-rights days may be misjudged there).
    pub files_without_prev_close: u64,
    /// Rows whose ST status is unknown (ST状态未知), written without a limit.
    pub st_unknown: u64,
    /// Stocks with such rows.
    pub st_unknown_stocks: u64,
    /// With benchmarks: the board and index each stock was measured against.
    pub benchmarks: BTreeSet<(Board, Symbol)>,
    /// With benchmarks: stocks for which no index was found (their excess cells are empty).
    pub without_benchmark: u64,
}

/// One stock's rows, ready for the output.
struct Done {
    info: StockInfo,
    /// The first bar's date (where the listing is inferred from).
    first: Date,
    rows: Chunk,
    /// How many bars (rows) the stock has.
    count: usize,
    /// How many of them have an unknown ST status.
    st_unknown: usize,
    /// The index it was measured against, if any.
    benchmark: Option<Symbol>,
}

/// The worker's reusable state.
struct Compute<'a> {
    options: Options<'a>,
    columns: Vec<Column>,
    signals: Vec<Signal>,
    abnormal: Vec<bool>,
    /// The rows of the stock at hand (handed on as they are for Parquet).
    batch: Batch,
    /// Their CSV text.
    csv: Vec<u8>,
}

impl Compute<'_> {
    fn done(&mut self, mut info: StockInfo, mut bars: Vec<Bar>) -> Done {
        if !bars.is_sorted_by_key(|b| b.date) {
            bars.sort_by_key(|b| b.date); // stable: the earlier row of a date comes first
            bars.dedup_by_key(|b| b.date);
        }
        info.st_unknown = market::judge_name_st(&info, &mut bars).unknown;
        market::analyze_into(&info, &bars, &mut self.signals);
        let bench = self
            .options
            .benchmarks
            .and_then(|b| b.for_board(info.board));
        self.abnormal_days(&info, &bars, bench.map(|(_, ix, cal)| (ix, cal)));
        let excess = self.options.benchmarks.map(|_| bench.map(|(_, ix, _)| ix));
        self.batch.clear();
        self.batch.reserve(bars.len());
        rows(
            &info,
            &bars,
            &self.signals,
            &self.abnormal,
            excess,
            &mut self.batch,
        );
        let rows = match self.options.format {
            Format::Csv => {
                // Encoded into the reused buffer, kept at its size.
                self.csv.clear();
                self.batch.write_csv_rows(&mut self.csv);
                Chunk::Csv(self.csv.clone())
            }
            _ => Chunk::Rows(std::mem::replace(
                &mut self.batch,
                Batch::new(&self.columns),
            )),
        };
        Done {
            info,
            first: bars.first().map_or(Date::MIN, |b| b.date),
            rows,
            count: bars.len(),
            st_unknown: self.signals.iter().filter(|s| s.st_unknown).count(),
            benchmark: bench.map(|(s, _, _)| s),
        }
    }

    /// Marks the days on which an abnormal-fluctuation estimate triggers.
    fn abnormal_days(
        &mut self,
        info: &StockInfo,
        bars: &[Bar],
        bench: Option<(&[IndexBar], &[Date])>,
    ) {
        self.abnormal.clear();
        self.abnormal.resize(bars.len(), false);
        let inputs =
            FluctuationInputs::new(bars, &self.signals, bench.map(|b| b.0), bench.map(|b| b.1));
        for method in [Cumulation::Sum, Cumulation::Compound] {
            let events = abnormal_events_with(info, bars, &inputs, method);
            for e in events {
                if let Ok(i) = bars.binary_search_by_key(&e.date, |b| b.date) {
                    self.abnormal[i] = true;
                }
            }
        }
    }
}

/// Reads every file, applies the market rules to each stock and writes the dataset to
/// `out` in `options.format` (`Csv` or `Parquet`).
pub fn write_signals<W: Write + Send>(
    paths: &[PathBuf],
    out: W,
    options: &Options<'_>,
) -> Result<Summary, Error> {
    let columns = columns(options.benchmarks.is_some());
    let mut writer = TableWriter::new(out, options.format, &columns)?;
    let compute = || Compute {
        options: *options,
        columns: columns.clone(),
        signals: Vec::new(),
        abnormal: Vec::new(),
        batch: Batch::new(&columns),
        csv: Vec::new(),
    };
    let mut summary = Summary::default();
    // The rules and the encoding of a stock take about as long as reading its rows, so
    // at least two workers share them: the reader need not wait for one while a core is
    // free, and more cores take more of them.
    let workers = thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
    let (txs, rxs): (Vec<_>, Vec<_>) = (0..workers)
        .map(|_| sync_channel::<(StockInfo, Vec<Bar>)>(128))
        .unzip();
    let (mut done, read) = thread::scope(|scope| {
        let handles: Vec<_> = rxs
            .into_iter()
            .map(|rx| {
                scope.spawn(|| {
                    let mut c = compute();
                    rx.into_iter()
                        .map(|(info, bars)| c.done(info, bars))
                        .collect::<Vec<Done>>()
                })
            })
            .collect();
        let mut next = 0;
        let read = read_groups(paths, &mut summary, None, |info, bars| {
            // To the next worker with room, else wait for the next one. A worker only
            // stops early by panicking; the joins below report that.
            let mut item = (info, bars);
            for k in 0..workers {
                let i = (next + k) % workers;
                match txs[i].try_send(item) {
                    Ok(()) => {
                        next = (i + 1) % workers;
                        return;
                    }
                    Err(TrySendError::Full(back) | TrySendError::Disconnected(back)) => {
                        item = back;
                    }
                }
            }
            let _ = txs[next].send(item);
            next = (next + 1) % workers;
        });
        drop(txs);
        let done: Vec<Done> = handles
            .into_iter()
            .flat_map(|h| h.join().expect("signals worker panicked"))
            .collect();
        (done, read)
    });
    let split = read?;
    if !split.is_empty() {
        // Some stock's rows were not together (an unsorted file, or several files): read
        // again and gather every stock's bars before applying the rules.
        summary = Summary::default();
        done = gathered(paths, &mut summary, None, &mut compute())?;
    }
    // Rows were computed with the listing known at the time; a stock whose listing the
    // whole input decides otherwise is computed again from its rows.
    let starts = market::data_starts(done.iter().map(|d| (d.info.symbol.exchange, d.first)));
    let listing =
        |d: &Done| market::inferred_listing(d.first, *starts.get(&d.info.symbol.exchange)?);
    let redo: HashMap<Symbol, Option<Date>> = done
        .iter()
        .filter(|d| listing(d) != d.info.listing_date)
        .map(|d| (d.info.symbol, listing(d)))
        .collect();
    if !redo.is_empty() {
        done.retain(|d| !redo.contains_key(&d.info.symbol));
        let mut scratch = Summary::default();
        done.extend(gathered(paths, &mut scratch, Some(&redo), &mut compute())?);
    }
    done.sort_by(|a, b| sort_key(&a.info.symbol).cmp(&sort_key(&b.info.symbol)));

    for d in &done {
        writer.write_chunk(&d.rows)?;
        summary.rows += d.count as u64;
        summary.st_unknown += d.st_unknown as u64;
        summary.st_unknown_stocks += u64::from(d.st_unknown > 0);
        if options.benchmarks.is_some() {
            match d.benchmark {
                Some(s) => {
                    summary.benchmarks.insert((d.info.board, s));
                }
                None => summary.without_benchmark += 1,
            }
        }
    }
    writer.finish()?;
    summary.stocks = done.len() as u64;
    Ok(summary)
}

/// The slow path: every stock's bars (or only those of `only`, with the listing date it
/// gives) gathered from all files before the rules run.
fn gathered(
    paths: &[PathBuf],
    summary: &mut Summary,
    only: Option<&HashMap<Symbol, Option<Date>>>,
    compute: &mut Compute<'_>,
) -> Result<Vec<Done>, Error> {
    let mut all: HashMap<Symbol, (StockInfo, Vec<Bar>)> = HashMap::new();
    let keep = only.map(|o| o.keys().copied().collect::<HashSet<Symbol>>());
    read_groups(paths, summary, keep.as_ref(), |info, bars| {
        all.entry(info.symbol)
            .or_insert_with(|| (info, Vec::new()))
            .1
            .extend(bars);
    })?;
    for (_, bars) in all.values_mut() {
        bars.sort_by_key(|b| b.date);
        bars.dedup_by_key(|b| b.date);
    }
    let starts = market::data_starts(
        all.values()
            .filter_map(|(info, bars)| Some((info.symbol.exchange, bars.first()?.date))),
    );
    Ok(all
        .into_values()
        .map(|(mut info, bars)| {
            info.listing_date = match only {
                Some(o) => o.get(&info.symbol).copied().flatten(),
                None => bars.first().and_then(|b| {
                    market::inferred_listing(b.date, *starts.get(&info.symbol.exchange)?)
                }),
            };
            compute.done(info, bars)
        })
        .collect())
}

/// Why the dataset could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file could not be read, or has a bad row.
    #[error(transparent)]
    Read(#[from] ingest::Error),
    /// The output could not be written.
    #[error(transparent)]
    Write(#[from] columns::Error),
    /// An index file without a code column, and no `--benchmark` to name it.
    #[error("{0}: the index file has no code column; give its code with --benchmark, e.g. --benchmark 000001.SH")]
    IndexWithoutCode(String),
    /// `--benchmark` names an index the index files do not hold.
    #[error("the index files hold no bars of {0}")]
    NoSuchIndex(Symbol),
}

/// The row order: exchange suffix, then code.
fn sort_key(s: &Symbol) -> (&'static str, &str) {
    (s.exchange.suffix(), s.code())
}

/// Streams the files, handing each finished run of one stock's rows (of the stocks in
/// `only`, when given) to `emit`; returns the symbols whose rows came in more than one run.
///
/// Each run's listing date is inferred against the data start of the stocks read so far
/// ([`RunningStarts`]), which is the final one as soon as most stocks of the exchange have
/// been read: a file sorted by code only redoes the few stocks read before that.
fn read_groups(
    paths: &[PathBuf],
    summary: &mut Summary,
    only: Option<&HashSet<Symbol>>,
    mut emit: impl FnMut(StockInfo, Vec<Bar>),
) -> Result<HashSet<Symbol>, ingest::Error> {
    let mut starts = RunningStarts::default();
    let mut seen: HashSet<Symbol> = HashSet::new();
    let mut split: HashSet<Symbol> = HashSet::new();
    for path in paths {
        let mut reader = BarReader::open(path)?;
        if !reader.has_prev_close() {
            summary.files_without_prev_close += 1;
        }
        // The run being read: the stock, its bars when they are handed on (`only`), and
        // its earliest date.
        let mut current: Option<(StockInfo, Option<Vec<Bar>>, Date)> = None;
        let mut last_len = 0;
        let mut flush = |cur: Option<(StockInfo, Option<Vec<Bar>>, Date)>,
                         starts: &mut RunningStarts| {
            let Some((mut info, bars, own)) = cur else {
                return;
            };
            let start = starts.add(info.symbol.exchange, own);
            if let Some(bars) = bars {
                info.listing_date = market::inferred_listing(own, start);
                emit(info, bars);
            }
        };
        while let Some(row) = reader.next_row()? {
            let bar = row.bar;
            match &mut current {
                Some((info, bars, own)) if info.symbol == row.symbol => {
                    *own = (*own).min(bar.date);
                    if let Some(bars) = bars {
                        bars.push(bar);
                    }
                }
                _ => {
                    let Some(info) = StockInfo::new(row.symbol) else {
                        summary.not_stocks += 1;
                        continue;
                    };
                    if !seen.insert(row.symbol) {
                        split.insert(row.symbol);
                    }
                    if let Some((_, Some(bars), _)) = &current {
                        last_len = bars.len();
                    }
                    flush(current.take(), &mut starts);
                    let date = bar.date;
                    let bars = only.is_none_or(|o| o.contains(&row.symbol)).then(|| {
                        // Room for as many bars as the last stock had: most have as many.
                        let mut bars = Vec::with_capacity(last_len.max(1));
                        bars.push(bar);
                        bars
                    });
                    current = Some((info, bars, date));
                }
            }
        }
        flush(current.take(), &mut starts);
        summary.suspended += reader.stats().suspended;
        summary.b_shares += reader.stats().b_shares;
    }
    Ok(split)
}

/// [`market::data_start`] of each exchange over the stocks read so far, kept up to date
/// one stock's first bar at a time.
#[derive(Default)]
struct RunningStarts {
    counts: HashMap<(Exchange, Date), usize>,
    /// Per exchange, the date most first bars fall on (the earliest on a tie) and how many.
    best: HashMap<Exchange, (Date, usize)>,
}

impl RunningStarts {
    /// Counts a stock's first bar; returns its exchange's data start now.
    fn add(&mut self, ex: Exchange, first: Date) -> Date {
        let n = self.counts.entry((ex, first)).or_default();
        *n += 1;
        let n = *n;
        let best = self.best.entry(ex).or_insert((first, n));
        if n > best.1 || (n == best.1 && first < best.0) {
            *best = (first, n);
        }
        best.0
    }
}

/// Appends the rows of `bars`, whose `signals` and abnormal days are computed; `excess`
/// is `Some` when the excess columns are written (holding the benchmark's bars when the
/// stock has one).
fn rows(
    info: &StockInfo,
    bars: &[Bar],
    signals: &[Signal],
    abnormal: &[bool],
    excess: Option<Option<&[IndexBar]>>,
    out: &mut Batch,
) {
    let code = info.symbol.to_string();
    for (i, (bar, s)) in bars.iter().zip(signals).enumerate() {
        let st = match (s.st_unknown, bar.st) {
            (true, _) => None,
            (false, st) => Some(st == Some(true)),
        };
        out.push(code.as_str())
            .push(bar.date)
            .push(bar.close)
            .push(s.prev_close)
            .push(s.limit_pct)
            .push(s.limit_up_price)
            .push(s.limit_down_price)
            .push(s.limit_up)
            .push(s.limit_down)
            .push(s.blown)
            .push(s.one_price)
            .push(s.streak)
            .push(s.gap(bar))
            .push(n_day_return(bars, signals, i, 5))
            .push(st)
            .push(bar.amount)
            .push(n_day_return(bars, signals, i, 30))
            .push(abnormal[i]);
        if let Some(index) = excess {
            let exc = |n| index.and_then(|ix| excess_return(bars, signals, i, n, ix));
            out.push(exc(5)).push(exc(30));
        }
        out.end_row();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: Options<'static> = Options {
        format: Format::Csv,
        benchmarks: None,
    };

    /// The running data start is the mode of the first bars so far, the earliest on a tie,
    /// per exchange.
    #[test]
    fn running_start_is_the_mode_so_far() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let mut s = RunningStarts::default();
        assert_eq!(s.add(Exchange::Sh, d("2021-03-18")), d("2021-03-18"));
        assert_eq!(s.add(Exchange::Sh, d("2020-12-29")), d("2020-12-29"));
        assert_eq!(s.add(Exchange::Sh, d("2021-03-18")), d("2021-03-18"));
        assert_eq!(s.add(Exchange::Sh, d("2022-01-05")), d("2021-03-18"));
        assert_eq!(s.add(Exchange::Sz, d("2024-07-19")), d("2024-07-19"));
        assert_eq!(s.add(Exchange::Sh, d("2020-12-29")), d("2020-12-29"));
    }

    /// A STAR stock whose data begins after the file's first date is a new listing: its
    /// first five days have no limit even when a close lands on +20%, and its streak
    /// starts on day 6. The same stock in a file that starts with it is judged limited.
    #[test]
    fn later_first_bar_means_a_new_listing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bars.csv");
        // The new stock comes first, so its rows are redone once the older stock shows
        // that the file begins earlier.
        let ipo = [
            ("2025-03-04", "30.00"),
            ("2025-03-05", "36.00"), // +20% exactly, but an IPO day
            ("2025-03-06", "40.00"),
            ("2025-03-07", "41.00"),
            ("2025-03-10", "42.00"),
            ("2025-03-11", "50.40"), // day 6: a real +20% limit-up
        ];
        let older = [("2025-03-03", "10.00"), ("2025-03-04", "10.10")];
        let mut text = String::from("code,date,open,high,low,close\n");
        for (code, rows) in [("688999", &ipo[..]), ("688001", &older[..])] {
            for (d, c) in rows {
                text.push_str(&format!("{code},{d},{c},{c},{c},{c}\n"));
            }
        }
        std::fs::write(&path, &text).unwrap();
        let mut out = Vec::new();
        write_signals(std::slice::from_ref(&path), &mut out, &CSV).unwrap();
        let out = String::from_utf8(out).unwrap();
        let row = |date: &str| {
            out.lines()
                .find(|l| l.starts_with("688999.SH") && l.contains(date))
                .unwrap()
                .to_string()
        };
        assert!(
            row("2025-03-05").starts_with("688999.SH,2025-03-05,3600,3000,,,,0,"),
            "{out}"
        );
        assert!(
            row("2025-03-11").starts_with("688999.SH,2025-03-11,5040,4200,20,5040,3360,1,0,0,1,1,"),
            "{out}"
        );

        // Without the earlier stock the file starts with 688999: no listing is inferred.
        let only: String = text
            .lines()
            .filter(|l| !l.starts_with("688001"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, only + "\n").unwrap();
        let mut out = Vec::new();
        write_signals(&[path], &mut out, &CSV).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("688999.SH,2025-03-05,3600,3000,20,3600,2400,1,0,0,1,1,"),
            "{out}"
        );
    }
}
