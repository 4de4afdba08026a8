//! The per-bar signal dataset straight from bar files, without a store: what
//! `hypecheck signals` writes and a quant loads (one CSV row per stock and trading day).
//!
//! Columns: `code,date,close_fen,prev_close_fen,limit_pct,limit_up_fen,limit_down_fen,
//! limit_up,limit_down,blown,one_price,streak,gap,ret5,st` (see [`HEADER`]); booleans are
//! 0/1, fractions have six decimals, unknown values are empty. `st` is the ST status the
//! limit was computed with: empty when it is unknown (ST状态未知: a name's ST mark that
//! prices neither refute nor confirm, [`market::judge_name_st`]), and then the limit
//! columns are empty too. Rows are sorted by exchange (`BJ`, `SH`, `SZ`), code and date.
//!
//! B shares (SSE 900xxx quoted in US dollars to 0.001, SZSE 200xxx in Hong Kong dollars)
//! are not computed: their rows are counted in [`Summary::b_shares`] and the command says
//! so (docs/market-rules.md §1).
//!
//! New listings: a file only shows when a stock's data begins, so a stock whose first bar
//! is later than where its exchange's data begins in the input (the date most of its
//! stocks begin on, [`market::data_start`]) is taken to have listed on that day, and its IPO days get no limit ([`crate::market::no_limit_day`]).
//! A stock that was suspended when the file begins is misread the same way; a listing
//! table, where imported into the store, is better.
//!
//! Reading and computing overlap: the caller's thread parses (with decompression on the
//! reader's own helper thread) while a worker applies the rules to each finished stock.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::thread;

use crate::ingest::{self, BarReader};
use crate::market::{self, n_day_return, Signal, StockInfo};
use crate::model::{Bar, Date, Exchange, Symbol};

/// The CSV header.
pub const HEADER: &str = "code,date,close_fen,prev_close_fen,limit_pct,limit_up_fen,\
limit_down_fen,limit_up,limit_down,blown,one_price,streak,gap,ret5,st";

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
}

/// One stock's rendered rows, and what is needed to redo the first ones.
struct Done {
    info: StockInfo,
    /// The stock's first bars, as far as another listing date could change their rows:
    /// up to the first close after the IPO days that is not limit-up (from there on the
    /// rows are the same whatever the listing date).
    head: Vec<Bar>,
    /// Every bar as read, when some bar is marked ST: the judgement of the name's marks
    /// ([`market::judge_name_st`]) runs over the whole history, and another listing date
    /// can change it anywhere, so such a stock is redone whole.
    marked: Option<Vec<Bar>>,
    /// Bytes of `rows` that belong to `head`.
    head_len: usize,
    /// Every bar's row, in date order.
    rows: Vec<u8>,
    /// How many bars (rows) the stock has.
    count: usize,
    /// How many of them have an unknown ST status.
    st_unknown: usize,
}

/// Rows after this many first bars do not depend on the listing date unless a streak
/// carries on past them (registration IPOs have five days without a limit).
const IPO_DAYS: usize = 5;

impl Done {
    fn new(mut info: StockInfo, mut bars: Vec<Bar>, signals: &mut Vec<Signal>) -> Done {
        if !bars.is_sorted_by_key(|b| b.date) {
            bars.sort_by_key(|b| b.date); // stable: the earlier row of a date comes first
            bars.dedup_by_key(|b| b.date);
        }
        let mut rows = Vec::with_capacity(bars.len() * 80);
        let marked = bars
            .iter()
            .any(|b| b.st == Some(true))
            .then(|| bars.clone());
        info.st_unknown = market::judge_name_st(&info, &mut bars).unknown;
        market::analyze_into(&info, &bars, signals);
        let head = (IPO_DAYS..bars.len())
            .find(|&i| !signals[i].limit_up)
            .unwrap_or(bars.len());
        render(&info, &bars[..head], signals, &mut rows, 0);
        let head_len = rows.len();
        render(&info, &bars, signals, &mut rows, head);
        Done {
            info,
            head: bars[..head].to_vec(),
            marked,
            head_len,
            rows,
            count: bars.len(),
            st_unknown: signals.iter().filter(|s| s.st_unknown).count(),
        }
    }

    /// Re-renders the rows that another listing date changes.
    fn relist(&mut self, listing: Option<Date>, signals: &mut Vec<Signal>) {
        self.info.listing_date = listing;
        if let Some(bars) = self.marked.take() {
            *self = Done::new(self.info, bars, signals);
            return;
        }
        market::analyze_into(&self.info, &self.head, signals);
        let mut rows = Vec::with_capacity(self.rows.len());
        render(&self.info, &self.head, signals, &mut rows, 0);
        rows.extend_from_slice(&self.rows[self.head_len..]);
        self.head_len = rows.len() - (self.rows.len() - self.head_len);
        self.rows = rows;
    }
}

/// Reads every file, applies the market rules to each stock and writes the CSV to `out`.
pub fn write_signals(paths: &[PathBuf], out: &mut dyn Write) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let (tx, rx) = sync_channel::<(StockInfo, Vec<Bar>)>(256);
    let worker = thread::spawn(move || {
        let mut signals = Vec::new();
        rx.into_iter()
            .map(|(info, bars)| Done::new(info, bars, &mut signals))
            .collect::<Vec<Done>>()
    });
    let read = read_groups(paths, &mut summary, |info, bars| {
        // The worker only stops early by panicking; the join below reports that.
        let _ = tx.send((info, bars));
    });
    drop(tx);
    let mut done = worker.join().expect("signals worker panicked");
    let (_, split) = read?;
    if !split.is_empty() {
        // Some stock's rows were not together (an unsorted file, or several files): read
        // again and gather every stock's bars before applying the rules.
        summary = Summary::default();
        done = gathered(paths, &mut summary)?;
    }
    // Rows were rendered with the listing known at the time; redo the heads that the
    // final start of each exchange's data changes.
    let first_dates = market::data_starts(
        done.iter()
            .filter_map(|d| Some((d.info.symbol.exchange, d.head.first()?.date))),
    );
    let mut signals = Vec::new();
    for d in &mut done {
        let listing = listing_date(&d.head, &first_dates, d.info.symbol.exchange);
        if listing != d.info.listing_date {
            d.relist(listing, &mut signals);
        }
    }
    done.sort_by(|a, b| sort_key(&a.info.symbol).cmp(&sort_key(&b.info.symbol)));

    out.write_all(HEADER.as_bytes()).map_err(write_error)?;
    out.write_all(b"\n").map_err(write_error)?;
    for d in &done {
        out.write_all(&d.rows).map_err(write_error)?;
        summary.rows += d.count as u64;
        summary.st_unknown += d.st_unknown as u64;
        summary.st_unknown_stocks += u64::from(d.st_unknown > 0);
    }
    out.flush().map_err(write_error)?;
    summary.stocks = done.len() as u64;
    Ok(summary)
}

/// The slow path: every stock's bars gathered from all files before the rules run.
fn gathered(paths: &[PathBuf], summary: &mut Summary) -> Result<Vec<Done>, Error> {
    let mut all: HashMap<Symbol, (StockInfo, Vec<Bar>)> = HashMap::new();
    read_groups(paths, summary, |info, bars| {
        all.entry(info.symbol)
            .or_insert_with(|| (info, Vec::new()))
            .1
            .extend(bars);
    })?;
    let mut signals = Vec::new();
    Ok(all
        .into_values()
        .map(|(mut info, mut bars)| {
            bars.sort_by_key(|b| b.date);
            bars.dedup_by_key(|b| b.date);
            info.listing_date = None;
            Done::new(info, bars, &mut signals)
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
    #[error("cannot write the signals: {0}")]
    Write(#[source] std::io::Error),
}

fn write_error(e: std::io::Error) -> Error {
    Error::Write(e)
}

/// The row order: exchange suffix, then code.
fn sort_key(s: &Symbol) -> (&'static str, &str) {
    (s.exchange.suffix(), s.code())
}

/// The first date per exchange, and the symbols whose rows came in more than one group.
type ReadOutcome = (HashMap<Exchange, Date>, HashSet<Symbol>);

/// Streams the files, handing each finished run of one stock's rows to `emit`.
fn read_groups(
    paths: &[PathBuf],
    summary: &mut Summary,
    mut emit: impl FnMut(StockInfo, Vec<Bar>),
) -> Result<ReadOutcome, ingest::Error> {
    let mut first_dates: HashMap<Exchange, Date> = HashMap::new();
    let mut seen: HashSet<Symbol> = HashSet::new();
    let mut split: HashSet<Symbol> = HashSet::new();
    for path in paths {
        let mut reader = BarReader::open(path)?;
        if !reader.has_prev_close() {
            summary.files_without_prev_close += 1;
        }
        let mut current: Option<(StockInfo, Vec<Bar>)> = None;
        let mut flush = |cur: Option<(StockInfo, Vec<Bar>)>,
                         first_dates: &HashMap<Exchange, Date>| {
            if let Some((mut info, bars)) = cur {
                info.listing_date = listing_date(&bars, first_dates, info.symbol.exchange);
                emit(info, bars);
            }
        };
        while let Some(row) = reader.next_row()? {
            let bar = row.bar;
            first_dates
                .entry(row.symbol.exchange)
                .and_modify(|d| *d = (*d).min(bar.date))
                .or_insert(bar.date);
            match &mut current {
                Some((info, bars)) if info.symbol == row.symbol => bars.push(bar),
                _ => {
                    let Some(info) = StockInfo::new(row.symbol) else {
                        summary.not_stocks += 1;
                        continue;
                    };
                    if !seen.insert(row.symbol) {
                        split.insert(row.symbol);
                    }
                    flush(current.take(), &first_dates);
                    current = Some((info, vec![bar]));
                }
            }
        }
        flush(current.take(), &first_dates);
        summary.suspended += reader.stats().suspended;
        summary.b_shares += reader.stats().b_shares;
    }
    Ok((first_dates, split))
}

/// The listing date to assume: the stock's first bar, when it is later than `first`, the
/// start of its exchange's data.
fn listing_date(bars: &[Bar], first: &HashMap<Exchange, Date>, ex: Exchange) -> Option<Date> {
    let own = bars.iter().map(|b| b.date).min()?;
    market::inferred_listing(own, *first.get(&ex)?)
}

/// Appends the CSV rows of `bars[from..]`, whose `signals` are computed.
fn render(info: &StockInfo, bars: &[Bar], signals: &[Signal], out: &mut Vec<u8>, from: usize) {
    let mut code = [0u8; 9];
    code[..6].copy_from_slice(info.symbol.code().as_bytes());
    code[6] = b'.';
    code[7..].copy_from_slice(info.symbol.exchange.suffix().as_bytes());
    let mut ints = itoa::Buffer::new();
    for (i, (bar, s)) in bars.iter().zip(signals.iter()).enumerate().skip(from) {
        out.extend_from_slice(&code);
        out.push(b',');
        write_date(out, bar.date);
        out.push(b',');
        out.extend_from_slice(ints.format(bar.close).as_bytes());
        for v in [
            s.prev_close,
            s.limit_pct.map(i64::from),
            s.limit_up_price,
            s.limit_down_price,
        ] {
            out.push(b',');
            if let Some(v) = v {
                out.extend_from_slice(ints.format(v).as_bytes());
            }
        }
        for flag in [s.limit_up, s.limit_down, s.blown, s.one_price] {
            out.extend_from_slice(if flag { b",1" } else { b",0" });
        }
        out.push(b',');
        out.extend_from_slice(ints.format(s.streak).as_bytes());
        out.push(b',');
        write_fraction(out, s.gap(bar));
        out.push(b',');
        write_fraction(out, n_day_return(bars, signals, i, 5));
        out.extend_from_slice(match (s.st_unknown, bar.st) {
            (true, _) => b",\n",
            (false, Some(true)) => b",1\n",
            (false, _) => b",0\n",
        });
    }
}

fn write_date(out: &mut Vec<u8>, date: Date) {
    use chrono::Datelike;
    let (y, m, d) = (date.year(), date.month(), date.day());
    let digits = [
        (y / 1000) % 10,
        (y / 100) % 10,
        (y / 10) % 10,
        y % 10,
        -1,
        (m / 10) as i32,
        (m % 10) as i32,
        -1,
        (d / 10) as i32,
        (d % 10) as i32,
    ];
    out.extend(
        digits
            .iter()
            .map(|&x| if x < 0 { b'-' } else { b'0' + x as u8 }),
    );
}

/// A fraction with six decimals (`-0.012833`), or nothing when unknown.
fn write_fraction(out: &mut Vec<u8>, x: Option<f64>) {
    let Some(x) = x.filter(|x| x.is_finite()) else {
        return;
    };
    let micros = (x * 1e6).round() as i64;
    if micros < 0 {
        out.push(b'-');
    }
    let a = micros.unsigned_abs();
    let mut ints = itoa::Buffer::new();
    out.extend_from_slice(ints.format(a / 1_000_000).as_bytes());
    out.push(b'.');
    let frac = ints.format(a % 1_000_000);
    out.extend(std::iter::repeat_n(b'0', 6 - frac.len()));
    out.extend_from_slice(frac.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_have_six_decimals() {
        let mut v = Vec::new();
        for x in [
            Some(0.610827),
            Some(-0.012833),
            Some(0.0),
            None,
            Some(2.5e-7),
            Some(-1.0),
        ] {
            write_fraction(&mut v, x);
            v.push(b'|');
        }
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "0.610827|-0.012833|0.000000||0.000000|-1.000000|"
        );
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
        write_signals(std::slice::from_ref(&path), &mut out).unwrap();
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
        write_signals(&[path], &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains("688999.SH,2025-03-05,3600,3000,20,3600,2400,1,0,0,1,1,"),
            "{out}"
        );
    }

    #[test]
    fn dates_are_iso() {
        let mut v = Vec::new();
        write_date(&mut v, "2025-02-07".parse().unwrap());
        assert_eq!(v, b"2025-02-07");
    }
}
