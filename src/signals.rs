//! The per-bar signal dataset straight from bar files, without a store: what
//! `hypecheck signals` writes and a quant loads (one CSV row per stock and trading day).
//!
//! Columns: `code,date,close_fen,prev_close_fen,limit_pct,limit_up_fen,limit_down_fen,
//! limit_up,limit_down,blown,one_price,streak,gap,ret5` (see [`HEADER`]); booleans are 0/1,
//! fractions have six decimals, unknown values are empty. Rows are sorted by exchange
//! (`BJ`, `SH`, `SZ`), code and date.
//!
//! New listings: a file only shows when a stock's data begins, so a stock whose first bar
//! is later than the first bar of any stock of its exchange in the input is taken to have
//! listed on that day, and its IPO days get no limit ([`crate::market::no_limit_day`]).
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
limit_down_fen,limit_up,limit_down,blown,one_price,streak,gap,ret5";

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Stocks written.
    pub stocks: u64,
    /// Rows written.
    pub rows: u64,
    /// Rows of the input skipped because they are not A-share stocks (B shares, funds).
    pub not_stocks: u64,
    /// Suspended days skipped by the reader.
    pub suspended: u64,
    /// Input files without a prev-close column (ex-rights days may be misjudged there).
    pub files_without_prev_close: u64,
}

/// One stock's bars and their rendered rows.
struct Done {
    info: StockInfo,
    bars: Vec<Bar>,
    rows: Vec<u8>,
}

/// Reads every file, applies the market rules to each stock and writes the CSV to `out`.
pub fn write_signals(paths: &[PathBuf], out: &mut dyn Write) -> Result<Summary, Error> {
    let mut summary = Summary::default();
    let (tx, rx) = sync_channel::<(StockInfo, Vec<Bar>)>(256);
    let worker = thread::spawn(move || {
        let mut signals = Vec::new();
        let mut done = Vec::new();
        for (info, mut bars) in rx {
            if !bars.is_sorted_by_key(|b| b.date) {
                bars.sort_by_key(|b| b.date);
            }
            let mut rows = Vec::with_capacity(bars.len() * 72);
            render(&info, &bars, &mut signals, &mut rows);
            done.push(Done { info, bars, rows });
        }
        done
    });

    let read = read_groups(paths, &mut summary, |info, bars| {
        // The worker only stops early by panicking; the join below reports that.
        let _ = tx.send((info, bars));
    });
    drop(tx);
    let mut done = worker.join().expect("signals worker panicked");
    let (first_dates, split) = read?;

    merge_split(&mut done, &split);
    // A stock's rows were rendered with the listing known so far; redo the ones the
    // final first dates of their exchange change.
    let mut signals = Vec::new();
    for d in &mut done {
        let listing = listing_date(&d.bars, &first_dates, d.info.symbol.exchange);
        if listing != d.info.listing_date {
            d.info.listing_date = listing;
            d.rows.clear();
            render(&d.info, &d.bars, &mut signals, &mut d.rows);
        }
    }
    done.sort_by(|a, b| sort_key(&a.info.symbol).cmp(&sort_key(&b.info.symbol)));

    out.write_all(HEADER.as_bytes()).map_err(write_error)?;
    out.write_all(b"\n").map_err(write_error)?;
    for d in &done {
        out.write_all(&d.rows).map_err(write_error)?;
        summary.rows += d.bars.len() as u64;
    }
    out.flush().map_err(write_error)?;
    summary.stocks = done.len() as u64;
    Ok(summary)
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
    }
    Ok((first_dates, split))
}

/// The listing date to assume: the stock's first bar, when it is later than the first
/// bar of its exchange in the input.
fn listing_date(bars: &[Bar], first: &HashMap<Exchange, Date>, ex: Exchange) -> Option<Date> {
    let own = bars.iter().map(|b| b.date).min()?;
    first.get(&ex).filter(|f| own > **f).map(|_| own)
}

/// Joins the groups of a stock whose rows were not contiguous in the input (or came from
/// several files): bars merged by date, the first row of a date kept.
fn merge_split(done: &mut Vec<Done>, split: &HashSet<Symbol>) {
    if split.is_empty() {
        return;
    }
    let mut merged: HashMap<Symbol, Done> = HashMap::new();
    let mut keep = Vec::with_capacity(done.len());
    for d in done.drain(..) {
        if !split.contains(&d.info.symbol) {
            keep.push(d);
            continue;
        }
        match merged.get_mut(&d.info.symbol) {
            Some(m) => m.bars.extend(d.bars),
            None => {
                merged.insert(d.info.symbol, d);
            }
        }
    }
    let mut signals = Vec::new();
    for (_, mut d) in merged {
        d.bars.sort_by_key(|b| b.date); // stable: the earlier row of a date comes first
        d.bars.dedup_by_key(|b| b.date);
        d.info.listing_date = None;
        d.rows.clear();
        render(&d.info, &d.bars, &mut signals, &mut d.rows);
        keep.push(d);
    }
    *done = keep;
}

/// Applies the rules to one stock and appends its CSV rows.
fn render(info: &StockInfo, bars: &[Bar], signals: &mut Vec<Signal>, out: &mut Vec<u8>) {
    market::analyze_into(info, bars, signals);
    let mut code = [0u8; 9];
    code[..6].copy_from_slice(info.symbol.code().as_bytes());
    code[6] = b'.';
    code[7..].copy_from_slice(info.symbol.exchange.suffix().as_bytes());
    let mut ints = itoa::Buffer::new();
    for (i, (bar, s)) in bars.iter().zip(signals.iter()).enumerate() {
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
        out.push(b'\n');
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

    #[test]
    fn dates_are_iso() {
        let mut v = Vec::new();
        write_date(&mut v, "2025-02-07".parse().unwrap());
        assert_eq!(v, b"2025-02-07");
    }
}
