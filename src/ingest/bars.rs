//! [`BarReader`]: the streaming reader of stock bar files, one validated [`BarRow`] at a time
//! with no per-row allocation.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::header::{Field, Format};
use super::rows::{CodeKind, Rows};
use super::source::{self, Encoding, Progress};
use super::Error;
use crate::model::{Bar, Symbol};

/// One row of a bar file: the security, its name on that row if the file has a name
/// column, the bar, and the row's 1-based line.
#[derive(Debug, Clone, PartialEq)]
pub struct BarRow<'a> {
    /// The security.
    pub symbol: Symbol,
    /// The name as written on this row (may be a later snapshot, see [`BarReader`]).
    pub name: Option<&'a str>,
    /// The validated bar.
    pub bar: Bar,
    /// The line where the row starts.
    pub line: u64,
}

/// Counts kept while reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadStats {
    /// Rows returned as bars.
    pub rows: u64,
    /// Rows of suspended days skipped (baostock `tradestatus` 0, no prices at all, or open,
    /// high and low all 0 with no volume).
    pub suspended: u64,
    /// Rows of B shares skipped (SSE 900xxx quoted in US dollars to 0.001, SZSE 200xxx in
    /// Hong Kong dollars): not A-shares, and not prices in fen.
    pub b_shares: u64,
    /// Exact repeats of an earlier row skipped.
    pub repeated: u64,
}

impl ReadStats {
    /// Every data row seen: returned, skipped or repeated.
    pub fn lines(&self) -> u64 {
        self.rows + self.suspended + self.b_shares + self.repeated
    }
}

/// Reads a stock bar file row by row.
///
/// Every row is checked: prices positive and on the 0.01 tick, high ≥ low, open and close
/// within [low, high], no second row for the same security and date with other values.
/// A bad row yields an error for which [`Error::is_row_error`] is true, and the next call
/// goes on with the next row.
///
/// ST status comes from baostock's `isST`, else from a `name` column (`ST`, `*ST`, `S*ST`
/// prefixes). A name column that is a later snapshot (as in the suiwenfeng whole-market
/// file, whose names are those of 2025-05-23) gives the *current* ST status on every
/// historical row, which is wrong for history; a dated ST list is the cure.
///
/// Exact repeats of a row are skipped when they follow a row of the same security in date
/// order; when a file is not sorted by date an exact repeat is returned again (storing it
/// twice changes nothing).
///
/// ```no_run
/// let mut reader = hypecheck::ingest::BarReader::open("bars.csv".as_ref())?;
/// while let Some(row) = reader.next_row()? {
///     println!("{} {} {}", row.symbol, row.bar.date, row.bar.close);
/// }
/// # Ok::<(), hypecheck::ingest::Error>(())
/// ```
pub struct BarReader {
    rows: Rows,
    seen: Option<Seen>,
    stats: ReadStats,
    name_st: NameSt,
}

impl BarReader {
    /// Opens a bar file: plain or gzip, UTF-8 or GBK, any supported format.
    pub fn open(path: &Path) -> Result<BarReader, Error> {
        BarReader::with_rows(Rows::open(path, true)?, path)
    }

    /// Reads a bar file from any byte stream (stdin, a download, bytes in memory) exactly as
    /// [`BarReader::open`] reads a file: gzip and the encoding are detected from the bytes.
    /// `name` stands for the file in messages and in the check for adjusted-price names
    /// (`600000_qfq.csv`).
    ///
    /// ```
    /// let csv = b"code,date,open,high,low,close\n002881,2025-02-07,48.69,53.56,48.00,53.56\n";
    /// let mut reader = hypecheck::ingest::BarReader::from_reader("bars.csv", &csv[..])?;
    /// assert_eq!(reader.next_row()?.unwrap().bar.close, 5356);
    /// # Ok::<(), hypecheck::ingest::Error>(())
    /// ```
    pub fn from_reader(name: &str, reader: impl Read + Send + 'static) -> Result<BarReader, Error> {
        let src = source::from_reader(Box::new(reader), 0, name)?;
        BarReader::with_rows(
            Rows::from_source(name.to_string(), src, true)?,
            Path::new(name),
        )
    }

    fn with_rows(rows: Rows, path: &Path) -> Result<BarReader, Error> {
        if let Some(reason) = adjusted_file_name(path) {
            return Err(Error::Adjusted {
                file: rows.file,
                reason,
            });
        }
        Ok(BarReader {
            rows,
            seen: Some(Seen::default()),
            stats: ReadStats::default(),
            name_st: NameSt::default(),
        })
    }

    /// Turns the duplicate check off (it keeps 16 bytes per row) for callers that
    /// handle repeats themselves.
    pub fn without_duplicate_check(mut self) -> BarReader {
        self.seen = None;
        self
    }

    /// The detected vendor format.
    pub fn format(&self) -> Format {
        self.rows.layout.format
    }

    /// The detected encoding.
    pub fn encoding(&self) -> Encoding {
        self.rows.encoding
    }

    /// Whether the file was gzip-compressed.
    pub fn is_gzip(&self) -> bool {
        self.rows.gzip
    }

    /// Whether rows carry the exchange's previous close (a prev-close or change column).
    /// Without it, ex-rights days look like big moves.
    pub fn has_prev_close(&self) -> bool {
        self.rows.layout.has_prev_close()
    }

    /// The file as named in messages.
    pub fn file(&self) -> &str {
        &self.rows.file
    }

    /// Bytes read so far, for progress bars.
    pub fn progress(&self) -> &Progress {
        &self.rows.progress
    }

    /// Counts so far.
    pub fn stats(&self) -> ReadStats {
        self.stats
    }

    /// The next bar, `Ok(None)` at the end of the file.
    #[allow(clippy::should_implement_trait)]
    pub fn next_row(&mut self) -> Result<Option<BarRow<'_>>, Error> {
        let (symbol, bar, line) = loop {
            if !self.rows.advance()? {
                return Ok(None);
            }
            let (symbol, bar) = match self.parse()? {
                Parsed::Bar(symbol, bar) => (symbol, bar),
                Parsed::Suspended => {
                    self.stats.suspended += 1;
                    continue;
                }
                Parsed::BShare => {
                    self.stats.b_shares += 1;
                    continue;
                }
            };
            let line = self.rows.line();
            if let Some(seen) = &mut self.seen {
                match seen.check(symbol, &bar, line) {
                    Check::New => {}
                    Check::Repeat => {
                        self.stats.repeated += 1;
                        continue;
                    }
                    Check::Conflict(first_line) => {
                        return Err(Error::Duplicate {
                            file: self.rows.file.clone(),
                            line,
                            first_line,
                            symbol: symbol.to_string(),
                            date: bar.date.to_string(),
                        })
                    }
                }
            }
            break (symbol, bar, line);
        };
        self.stats.rows += 1;
        let raw_name = self.rows.get(Field::Name).filter(|n| !n.is_empty());
        if let Some(raw) = raw_name {
            if let Some((problem, fix)) = self.name_st.invalid(raw) {
                return Err(self.rows.bad(Field::Name, problem, fix));
            }
        }
        // `invalid` decoded the name (once per change of name); it is valid here.
        let name = raw_name.map(|_| self.name_st.name.as_str());
        Ok(Some(BarRow {
            symbol,
            name,
            bar,
            line,
        }))
    }

    /// Parses the current row.
    fn parse(&mut self) -> Result<Parsed, Error> {
        let r = &mut self.rows;
        if r.get(Field::TradeStatus) == Some(b"0") {
            return Ok(Parsed::Suspended);
        }
        if let Some(flag) = r.get(Field::AdjustFlag) {
            if flag != b"3" {
                let problem = match flag {
                    b"1" => "means backward-adjusted (后复权) prices",
                    b"2" => "means forward-adjusted (前复权) prices",
                    _ => "is not a baostock adjustflag (3 = unadjusted)",
                };
                return Err(r.bad(
                    Field::AdjustFlag,
                    problem,
                    "download unadjusted prices (adjustflag=\"3\")",
                ));
            }
        }
        if is_suspension_row(r) {
            return Ok(Parsed::Suspended);
        }
        let symbol = r.symbol(CodeKind::Stock)?;
        if symbol.is_b_share() {
            return Ok(Parsed::BShare);
        }
        let date = r.date()?;
        let open = r.price(Field::Open)?;
        let high = r.price(Field::High)?;
        let low = r.price(Field::Low)?;
        let close = r.price(Field::Close)?;
        let prev_close = match (r.get(Field::PrevClose), r.get(Field::Change)) {
            (Some(b""), _) => None,
            (Some(_), _) => Some(r.price(Field::PrevClose)?),
            (None, Some(b"")) | (None, None) => None,
            (None, Some(_)) => {
                let change = super::number::parse_fen(r.get(Field::Change).unwrap_or(b""));
                match change {
                    Ok(c) if close - c > 0 => Some(close - c),
                    _ => {
                        return Err(r.bad(
                            Field::Change,
                            "is not a price change that leaves a positive previous close",
                            "fix the value or remove the row",
                        ))
                    }
                }
            }
        };
        let volume = match r.optional(Field::Volume)? {
            Some(d) => Some(d.to_i64_times(r.layout.volume_mult).ok_or_else(|| {
                r.bad(
                    Field::Volume,
                    "is too large",
                    "fix the value or leave it empty",
                )
            })?),
            None => None,
        };
        let amount = r
            .optional(Field::Amount)?
            .map(|d| d.to_f64_times(r.layout.amount_mult));
        let turnover = match r.optional(Field::Turnover)? {
            Some(d) => Some(d.to_f64()),
            None => r.optional(Field::TurnoverPct)?.map(|d| d.to_f64() / 100.0),
        };
        let st = match r.get(Field::St) {
            Some(b"1") => Some(true),
            Some(b"0") => Some(false),
            Some(b"") | None => self.name_st.st(r.get(Field::Name)),
            Some(_) => {
                return Err(r.bad(
                    Field::St,
                    "is not 0 or 1",
                    "fix the value or leave it empty",
                ))
            }
        };
        let yuan = crate::model::fen_to_yuan;
        if high < low {
            return Err(r.bad_row(format!("high {} is below low {}", yuan(high), yuan(low))));
        }
        for (what, p) in [("open", open), ("close", close)] {
            if p < low || p > high {
                return Err(r.bad_row(format!(
                    "{what} {} is outside the day's range {}..{}",
                    yuan(p),
                    yuan(low),
                    yuan(high)
                )));
            }
        }
        if let Some(day) = weekend(date) {
            return Err(r.bad(
                Field::Date,
                format!("is a {day}; the exchanges do not trade on weekends"),
                "fix the date or remove the row",
            ));
        }
        if let (Some(v), Some(a)) = (volume, amount) {
            if let Some((problem, fix)) = unit_mismatch(v, a, low, high) {
                return Err(r.bad(Field::Volume, problem, fix));
            }
        }
        Ok(Parsed::Bar(
            symbol,
            Bar {
                date,
                open,
                high,
                low,
                close,
                prev_close,
                volume,
                amount,
                turnover,
                st,
            },
        ))
    }
}

/// What one row holds.
enum Parsed {
    Bar(Symbol, Bar),
    Suspended,
    BShare,
}

/// Whether the row is a suspended day as some dumps write it: no prices at all, or open,
/// high and low 0 with no volume (the close repeats the last trade).
fn is_suspension_row(r: &Rows) -> bool {
    let zero = |f| {
        r.get(f)
            .is_some_and(|v| !v.is_empty() && v.iter().all(|&b| b == b'0' || b == b'.'))
    };
    match r.get(Field::Open) {
        Some(b"") => r.no_prices(),
        _ => {
            zero(Field::Open)
                && zero(Field::High)
                && zero(Field::Low)
                && r.get(Field::Volume)
                    .is_none_or(|v| v.is_empty() || zero(Field::Volume))
        }
    }
}

/// `Saturday` or `Sunday` for a weekend date.
fn weekend(date: crate::model::Date) -> Option<&'static str> {
    use chrono::Datelike;
    match date.weekday() {
        chrono::Weekday::Sat => Some("Saturday"),
        chrono::Weekday::Sun => Some("Sunday"),
        _ => None,
    }
}

/// Volume (shares) and amount (yuan) must agree with the day's prices: amount ÷ volume is
/// the average price, which lies between low and high. A factor of about 100 means the
/// volume is in 手 (lots of 100 shares); about 1/1000 or 1/10000 that the amount is in
/// 千元 or 万元. Small disagreements (rounded amounts, odd lots) are left alone.
fn unit_mismatch(volume: i64, amount: f64, low: i64, high: i64) -> Option<(String, &'static str)> {
    if volume <= 0 || amount <= 0.0 {
        return None;
    }
    let avg = amount / volume as f64 * 100.0; // fen per share
    let (lo, hi) = (low as f64, high as f64);
    let shown = |x: f64| format!("{:.2}", x / 100.0);
    if avg > hi * 30.0 {
        Some((
            format!(
                "with amount {amount:.0} yuan gives an average price of {} yuan, about {:.0} times the day's range {}..{}: the volume looks like 手 (lots of 100 shares)",
                shown(avg),
                avg / hi,
                shown(lo),
                shown(hi)
            ),
            "give the volume in shares (手 × 100), or use the vendor's own header so hypecheck knows its units",
        ))
    } else if avg < lo / 30.0 {
        Some((
            format!(
                "with amount {amount:.0} gives an average price of {} yuan, far below the day's range {}..{}: the amount looks like 千元 or 万元, or the volume like shares where 手 were meant",
                shown(avg),
                shown(lo),
                shown(hi)
            ),
            "give the amount in yuan and the volume in shares, or use the vendor's own header so hypecheck knows its units",
        ))
    } else {
        None
    }
}

/// The last name seen, decoded, with its ST status: a file grouped by security decodes and
/// tests each name once.
#[derive(Default)]
struct NameSt {
    name: String,
    valid: bool,
    st: Option<bool>,
}

impl NameSt {
    /// Makes `raw` the current name unless it already is.
    fn update(&mut self, raw: &[u8]) {
        if raw != self.name.as_bytes() || (!self.valid && !raw.is_empty()) {
            self.name.clear();
            match std::str::from_utf8(raw)
                .ok()
                .filter(|_| !raw.contains(&0))
                .ok_or(())
            {
                Ok(n) => {
                    self.name.push_str(n);
                    self.valid = true;
                }
                Err(_) => self.valid = false,
            }
            self.st = self.valid.then(|| is_st_name(&self.name));
        }
    }

    /// Why `raw` cannot be a name (a NUL byte; not UTF-8 in a file that starts as UTF-8),
    /// with what to do; `None` when it can.
    fn invalid(&mut self, raw: &[u8]) -> Option<(&'static str, &'static str)> {
        self.update(raw);
        if self.valid {
            return None;
        }
        Some(if raw.contains(&0) {
            (
                "contains a NUL byte",
                "the file is damaged or partly UTF-16; re-save it as UTF-8 or GBK",
            )
        } else {
            (
                "is not UTF-8, although the file starts as UTF-8 (it mixes encodings)",
                "re-save the whole file in one encoding (UTF-8 or GBK)",
            )
        })
    }

    /// The ST status a name column gives.
    fn st(&mut self, raw: Option<&[u8]>) -> Option<bool> {
        let raw = raw.filter(|n| !n.is_empty())?;
        self.update(raw);
        self.st
    }
}

/// Whether a name marks special treatment: `ST`, `*ST`, `S*ST`, `SST` (also with a
/// full-width asterisk).
pub fn is_st_name(name: &str) -> bool {
    let n = name.trim_start();
    let n = n
        .strip_prefix('S')
        .filter(|r| r.starts_with(['*', '＊', 'S']))
        .unwrap_or(n);
    let n = n.trim_start_matches(['*', '＊']);
    n.starts_with("ST")
}

/// A file named like `600000_qfq.csv` holds adjusted prices.
fn adjusted_file_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    ["qfq", "hfq", "前复权", "后复权"]
        .iter()
        .find(|m| name.contains(*m))
        .map(|m| format!("the file name mentions '{m}', i.e. adjusted prices"))
}

/// What the duplicate check found.
enum Check {
    New,
    Repeat,
    /// Same security and date as this earlier line, other values.
    Conflict(u64),
}

/// Per security, the dates seen so far (sorted) with a fingerprint of the bar and its line.
#[derive(Default)]
struct Seen {
    index: HashMap<Symbol, usize>,
    per_symbol: Vec<Vec<(i32, u32, u64)>>,
    last: Option<(Symbol, usize)>,
}

impl Seen {
    fn check(&mut self, symbol: Symbol, bar: &Bar, line: u64) -> Check {
        let slot = match self.last {
            Some((s, i)) if s == symbol => i,
            _ => {
                let next = self.per_symbol.len();
                let i = *self.index.entry(symbol).or_insert(next);
                if i == next {
                    self.per_symbol.push(Vec::new());
                }
                self.last = Some((symbol, i));
                i
            }
        };
        let dates = &mut self.per_symbol[slot];
        let key = super::number::date_key(bar.date);
        let fp = fingerprint(bar);
        let line32 = u32::try_from(line).unwrap_or(u32::MAX);
        // Files are almost always in date order: the fast path is a push.
        if dates.last().is_none_or(|&(d, _, _)| d < key) {
            dates.push((key, line32, fp));
            return Check::New;
        }
        match dates.binary_search_by_key(&key, |&(d, _, _)| d) {
            Ok(i) if dates[i].2 == fp => Check::Repeat,
            Ok(i) => Check::Conflict(u64::from(dates[i].1)),
            Err(i) => {
                dates.insert(i, (key, line32, fp));
                Check::New
            }
        }
    }
}

/// A 64-bit fingerprint of a bar's values (not its date).
fn fingerprint(b: &Bar) -> u64 {
    let parts = [
        b.open as u64,
        b.high as u64,
        b.low as u64,
        b.close as u64,
        b.prev_close.map_or(u64::MAX, |p| p as u64),
        b.volume.map_or(u64::MAX, |v| v as u64),
        b.amount.map_or(u64::MAX, f64::to_bits),
        b.turnover.map_or(u64::MAX, f64::to_bits),
        b.st.map_or(2, u64::from),
    ];
    parts.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &p| {
        (h ^ p).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29)
    })
}

#[cfg(test)]
mod tests;
