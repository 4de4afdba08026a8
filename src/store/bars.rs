//! Bars, index bars and securities: the import sinks ([`BarSink`], [`IndexSink`]) and the
//! queries the commands use.

use std::collections::{HashMap, HashSet};
use std::ops::RangeBounds;

use rusqlite::{params, CachedStatement, Row, Statement};

use super::keys::{date_key, key_date, key_range, sid, sid_symbol};
use super::st::StOverlay;
use super::{sql, Change, Error, ImportCounts, Result, Store, Upsert};
use crate::model::{printable, Bar, Date, IndexBar, Symbol};

/// A security as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    /// The security.
    pub symbol: Symbol,
    /// The latest name imported (a bar file's name column).
    pub name: Option<String>,
    /// The board, when known.
    pub board: Option<String>,
    /// The listing date, when known.
    pub list_date: Option<Date>,
}

const INSERT_BAR: &str = "INSERT INTO bars
    (sid, date, open, high, low, close, prev_close, volume, amount, turnover, st)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
    ON CONFLICT DO NOTHING";

// A re-import never erases: a column the new file lacks (NULL) keeps the stored value.
const UPDATE_BAR: &str = "UPDATE bars SET
    open = ?3, high = ?4, low = ?5, close = ?6,
    prev_close = coalesce(?7, prev_close), volume = coalesce(?8, volume),
    amount = coalesce(?9, amount), turnover = coalesce(?10, turnover), st = coalesce(?11, st)
    WHERE sid = ?1 AND date = ?2 AND (
        open IS NOT ?3 OR high IS NOT ?4 OR low IS NOT ?5 OR close IS NOT ?6
        OR prev_close IS NOT coalesce(?7, prev_close) OR volume IS NOT coalesce(?8, volume)
        OR amount IS NOT coalesce(?9, amount) OR turnover IS NOT coalesce(?10, turnover)
        OR st IS NOT coalesce(?11, st))";

pub(super) const UPSERT_SECURITY: &str = "INSERT INTO securities (sid, exchange, code, name)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (sid) DO UPDATE SET name = excluded.name
    WHERE excluded.name IS NOT NULL AND excluded.name IS NOT securities.name";

/// A bar file's name for a security: the name of its latest-dated row, kept unless a
/// stored name comes from a later bar (a backfill of older bars leaves the current name).
const SET_BAR_NAME: &str = "UPDATE securities SET name = ?2, name_date = ?3
    WHERE sid = ?1 AND (name_date IS NULL OR name_date <= ?3)
    AND (name IS NOT ?2 OR name_date IS NOT ?3)";

const ADD_SECURITY: &str = "INSERT INTO securities (sid, exchange, code)
    VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING";

const INSERT_INDEX: &str = "INSERT INTO index_bars (sid, date, open, high, low, close)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";

const UPDATE_INDEX: &str = "UPDATE index_bars SET open = ?3, high = ?4, low = ?5, close = ?6
    WHERE sid = ?1 AND date = ?2
    AND (open IS NOT ?3 OR high IS NOT ?4 OR low IS NOT ?5 OR close IS NOT ?6)";

const INSERT_LISTING: &str = "INSERT INTO securities (sid, exchange, code, list_date)
    VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING";

const UPDATE_LISTING: &str =
    "UPDATE securities SET list_date = ?4 WHERE sid = ?1 AND list_date IS NOT ?4";

const BAR_COLUMNS: &str = "date, open, high, low, close, prev_close, volume, amount, turnover, st";

/// Receives the bars of one file inside its transaction (see [`Store::import_bars`]).
pub struct BarSink<'t> {
    bars: Upsert<'t>,
    security: Statement<'t>,
    last: Option<Symbol>,
    /// Per security, the name of its latest-dated row in the file, and that date.
    names: HashMap<i64, (i32, String)>,
    dates: HashSet<i32>,
    path: &'t str,
}

impl BarSink<'_> {
    /// Adds or updates one bar, and the security's name when given.
    pub fn add(&mut self, symbol: Symbol, name: Option<&str>, bar: &Bar) -> Result<()> {
        let e = sql(self.path, "storing a bar");
        let id = sid(symbol);
        if self.last != Some(symbol) {
            let (ex, code) = (symbol.exchange.suffix(), symbol.code());
            self.security.execute(params![id, ex, code]).map_err(&e)?;
            self.last = Some(symbol);
        }
        let date = date_key(bar.date);
        if let Some(name) = name {
            match self.names.get_mut(&id) {
                Some((d, n)) if *d <= date => {
                    *d = date;
                    if n != name {
                        *n = name.to_string();
                    }
                }
                Some(_) => {}
                None => {
                    self.names.insert(id, (date, name.to_string()));
                }
            }
        }
        let values = params![
            id,
            date,
            bar.open,
            bar.high,
            bar.low,
            bar.close,
            bar.prev_close,
            bar.volume,
            bar.amount,
            bar.turnover,
            bar.st
        ];
        if self.bars.row(values)? == Change::Added {
            self.dates.insert(date);
        }
        super::pause::row_written("importing bars", self.bars.counts().read);
        Ok(())
    }

    /// Counts so far.
    pub fn counts(&self) -> ImportCounts {
        self.bars.counts()
    }
}

/// Receives the index bars of one file inside its transaction.
pub struct IndexSink<'t>(Upsert<'t>);

impl IndexSink<'_> {
    /// Adds or updates one index bar.
    pub fn add(&mut self, symbol: Symbol, bar: &IndexBar) -> Result<()> {
        let values = params![
            sid(symbol),
            date_key(bar.date),
            bar.open,
            bar.high,
            bar.low,
            bar.close
        ];
        self.0.row(values)?;
        Ok(())
    }

    /// Counts so far.
    pub fn counts(&self) -> ImportCounts {
        self.0.counts()
    }
}

/// Receives listing dates inside their file's transaction (see [`Store::import_listings`]).
pub struct ListingSink<'t>(Upsert<'t>);

impl ListingSink<'_> {
    /// Sets one stock's listing date (the security is added when new).
    pub fn add(&mut self, symbol: Symbol, date: Date) -> Result<()> {
        let values = params![
            sid(symbol),
            symbol.exchange.suffix(),
            symbol.code(),
            date_key(date)
        ];
        self.0.row(values)?;
        Ok(())
    }

    /// Counts so far.
    pub fn counts(&self) -> ImportCounts {
        self.0.counts()
    }
}

impl Store {
    /// Imports one file's listing dates in one transaction, like [`Store::import_bars`]. A
    /// stored listing date wins over the one inferred from the first bar.
    pub fn import_listings<E: From<Error>>(
        &mut self,
        fill: impl FnOnce(&mut ListingSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing listing dates", |tx, path| {
            let mut sink = ListingSink(Upsert::new(
                tx,
                path,
                "storing a listing date",
                INSERT_LISTING,
                UPDATE_LISTING,
            )?);
            fill(&mut sink)?;
            Ok(sink.counts())
        })
    }

    /// Imports one file's bars in one transaction: `fill` adds rows to the sink; when it
    /// returns `Ok` the transaction commits, when it fails (or panics) nothing it added
    /// stays. A writer in another process waits for this one.
    pub fn import_bars<E: From<Error>>(
        &mut self,
        fill: impl FnOnce(&mut BarSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing bars", |tx, path| {
            let e = sql(path, "importing bars");
            let counts = {
                let mut sink = BarSink {
                    bars: Upsert::new(tx, path, "storing a bar", INSERT_BAR, UPDATE_BAR)?,
                    security: tx.prepare(ADD_SECURITY).map_err(&e)?,
                    last: None,
                    names: HashMap::new(),
                    dates: HashSet::new(),
                    path,
                };
                fill(&mut sink)?;
                let mut set_name = tx.prepare(SET_BAR_NAME).map_err(&e)?;
                for (id, (date, name)) in &sink.names {
                    set_name
                        .execute(params![id, printable(name), date])
                        .map_err(&e)?;
                }
                let mut add_date = tx
                    .prepare("INSERT OR IGNORE INTO trading_dates (date) VALUES (?1)")
                    .map_err(&e)?;
                for d in &sink.dates {
                    add_date.execute([d]).map_err(&e)?;
                }
                sink.counts()
            };
            Ok(counts)
        })
    }

    /// Imports one file's index bars in one transaction, like [`Store::import_bars`].
    pub fn import_index<E: From<Error>>(
        &mut self,
        fill: impl FnOnce(&mut IndexSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing index bars", |tx, path| {
            let what = "storing an index bar";
            let mut sink = IndexSink(Upsert::new(tx, path, what, INSERT_INDEX, UPDATE_INDEX)?);
            fill(&mut sink)?;
            Ok(sink.counts())
        })
    }

    /// The bars of one stock in a date range, oldest first: `store.bars(sym, ..)` for all,
    /// `store.bars(sym, from..=to)` for a window. `st` follows the imported ST lists where
    /// they know the date ([`Store::import_st`]). A stock that took over an old code
    /// ([`Store::import_code_changes`]) has that code's bars before the change too.
    pub fn bars(&self, symbol: Symbol, dates: impl RangeBounds<Date>) -> Result<Vec<Bar>> {
        let (lo, hi) = key_range(&dates);
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BAR_COLUMNS} FROM bars
                 WHERE sid = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date"
            ))
            .map_err(sql(&self.path, "reading bars"))?;
        let olds = self.predecessors(symbol)?;
        let mut bars = Vec::new();
        for (old, since) in &olds {
            let end = hi.min(date_key(*since) - 1);
            let mut part = symbol_bars(&mut stmt, *old, lo, end, &self.path)?;
            StOverlay::load(&self.conn, &self.path, Some(sid(*old)), lo, end)?
                .apply(sid(*old), &mut part);
            bars.extend(part);
        }
        let mut own = symbol_bars(&mut stmt, symbol, lo, hi, &self.path)?;
        StOverlay::load(&self.conn, &self.path, Some(sid(symbol)), lo, hi)?
            .apply(sid(symbol), &mut own);
        if bars.is_empty() {
            return Ok(own);
        }
        bars.extend(own);
        // Stable: on a date under both codes, the old code's bar (before the change) stays.
        bars.sort_by_key(|b| b.date);
        bars.dedup_by_key(|b| b.date);
        Ok(bars)
    }

    /// The bars of every stock in a date range, one stock at a time in code order, for
    /// whole-market passes (连板天梯). Each stock costs one index seek, so a short window
    /// over a long history reads only the window. The ST lists of the window are loaded
    /// once and applied as in [`Store::bars`]. An old code that changed is not a stock of
    /// its own: its bars come with its new code's ([`Store::bars`]).
    pub fn bars_between(&self, dates: impl RangeBounds<Date>) -> Result<BarsBetween<'_>> {
        let (lo, hi) = key_range(&dates);
        let symbols = self.symbols()?;
        let stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {BAR_COLUMNS} FROM bars
                 WHERE sid = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date"
            ))
            .map_err(sql(&self.path, "reading bars"))?;
        let st = StOverlay::load(&self.conn, &self.path, None, lo, hi)?;
        let mut joined = std::collections::HashMap::new();
        for (old, new, since) in self.code_changes()? {
            joined
                .entry(new)
                .or_insert_with(Vec::new)
                .push((old, date_key(since)));
        }
        Ok(BarsBetween {
            stmt,
            st,
            symbols: symbols.into_iter(),
            joined,
            lo,
            hi,
            path: &self.path,
        })
    }

    /// The levels of one index in a date range, oldest first.
    pub fn index_bars(
        &self,
        symbol: Symbol,
        dates: impl RangeBounds<Date>,
    ) -> Result<Vec<IndexBar>> {
        let (lo, hi) = key_range(&dates);
        let e = sql(&self.path, "reading index bars");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT date, open, high, low, close FROM index_bars
                 WHERE sid = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map(params![sid(symbol), lo, hi], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    IndexBar {
                        date: Date::MIN,
                        open: r.get(1)?,
                        high: r.get(2)?,
                        low: r.get(3)?,
                        close: r.get(4)?,
                    },
                ))
            })
            .map_err(&e)?;
        rows.map(|r| {
            let (k, mut bar) = r.map_err(&e)?;
            bar.date = key_date(k, &self.path)?;
            Ok(bar)
        })
        .collect()
    }

    /// One security, if stored.
    pub fn security(&self, symbol: Symbol) -> Result<Option<Security>> {
        let e = sql(&self.path, "reading a security");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT sid, name, board, list_date FROM securities WHERE sid = ?1")
            .map_err(&e)?;
        let mut rows = stmt.query([sid(symbol)]).map_err(&e)?;
        match rows.next().map_err(&e)? {
            Some(r) => Ok(Some(security_from_row(r, &self.path)?)),
            None => Ok(None),
        }
    }

    /// Securities by name, their current one or one of their dated names
    /// ([`Store::import_names`]): the exact name if any security has it, else every name
    /// that contains `name` (so `美格` finds 美格智能).
    pub fn securities_by_name(&self, name: &str) -> Result<Vec<Security>> {
        let e = sql(&self.path, "looking up a name");
        for query in [
            "SELECT sid, name, board, list_date FROM securities
             WHERE name = ?1 OR sid IN (SELECT sid FROM names WHERE name = ?1) ORDER BY sid",
            "SELECT sid, name, board, list_date FROM securities
             WHERE instr(name, ?1) > 0 OR sid IN (SELECT sid FROM names WHERE instr(name, ?1) > 0)
             ORDER BY sid",
        ] {
            let mut stmt = self.conn.prepare_cached(query).map_err(&e)?;
            let mut rows = stmt.query([name]).map_err(&e)?;
            let mut found = Vec::new();
            while let Some(r) = rows.next().map_err(&e)? {
                found.push(security_from_row(r, &self.path)?);
            }
            if !found.is_empty() {
                return Ok(found);
            }
        }
        Ok(Vec::new())
    }

    /// Every stock that has bars, in code order (SH, then SZ, then BJ). An old code that
    /// changed ([`Store::import_code_changes`]) is listed as its new code.
    pub fn symbols(&self) -> Result<Vec<Symbol>> {
        let e = sql(&self.path, "listing securities");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT coalesce(c.new_sid, s.sid) AS id FROM securities s
                 LEFT JOIN code_changes c ON c.old_sid = s.sid
                 WHERE EXISTS (SELECT 1 FROM bars b WHERE b.sid = s.sid) ORDER BY id",
            )
            .map_err(&e)?;
        let mut rows = stmt.query([]).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let id: i64 = r.get(0).map_err(&e)?;
            if let Some(s) = sid_symbol(id) {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// When each stock with bars began, as the store knows it: (stock, imported listing
    /// date, first bar), in code order. One index seek per stock; no rule is applied here
    /// (see `jobs::Listings`). An old code that changed counts as its new code: the
    /// company began trading under the old one.
    pub fn first_bars(&self) -> Result<Vec<(Symbol, Option<Date>, Date)>> {
        let e = sql(&self.path, "reading first bars");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT coalesce(c.new_sid, f.sid) AS id, min(f.list_date), min(f.first) FROM (
                     SELECT s.sid, s.list_date,
                            (SELECT min(b.date) FROM bars b WHERE b.sid = s.sid) AS first
                     FROM securities s) f
                 LEFT JOIN code_changes c ON c.old_sid = f.sid
                 WHERE f.first IS NOT NULL GROUP BY id ORDER BY id",
            )
            .map_err(&e)?;
        let mut rows = stmt.query([]).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let id: i64 = r.get(0).map_err(&e)?;
            let list: Option<i32> = r.get(1).map_err(&e)?;
            let first: i32 = r.get(2).map_err(&e)?;
            let Some(symbol) = sid_symbol(id) else {
                continue;
            };
            out.push((
                symbol,
                list.map(|k| key_date(k, &self.path)).transpose()?,
                key_date(first, &self.path)?,
            ));
        }
        Ok(out)
    }

    /// The latest date with stock bars.
    pub fn latest_date(&self) -> Result<Option<Date>> {
        let k: Option<i32> = self
            .conn
            .query_row("SELECT max(date) FROM trading_dates", [], |r| r.get(0))
            .map_err(sql(&self.path, "reading the latest date"))?;
        k.map(|k| key_date(k, &self.path)).transpose()
    }

    /// The dates with stock bars in a range, oldest first (the trading calendar as far as
    /// the imported files tell it).
    pub fn trading_dates(&self, dates: impl RangeBounds<Date>) -> Result<Vec<Date>> {
        let (lo, hi) = key_range(&dates);
        let e = sql(&self.path, "reading trading dates");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT date FROM trading_dates WHERE date BETWEEN ?1 AND ?2 ORDER BY date",
            )
            .map_err(&e)?;
        let keys = stmt
            .query_map([lo, hi], |r| r.get::<_, i32>(0))
            .map_err(&e)?;
        keys.map(|k| key_date(k.map_err(&e)?, &self.path)).collect()
    }

    /// How many rows the main tables hold: (securities, bars, index bars).
    pub fn counts(&self) -> Result<(u64, u64, u64)> {
        let e = sql(&self.path, "counting rows");
        let count = |t: &str| -> Result<u64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .map_err(&e)
        };
        Ok((count("securities")?, count("bars")?, count("index_bars")?))
    }
}

/// The bars of every stock in a window, from [`Store::bars_between`].
pub struct BarsBetween<'a> {
    stmt: CachedStatement<'a>,
    st: StOverlay,
    symbols: std::vec::IntoIter<Symbol>,
    /// Per new code, its old codes and the first day under the new one.
    joined: std::collections::HashMap<Symbol, Vec<(Symbol, i32)>>,
    lo: i32,
    hi: i32,
    path: &'a str,
}

impl Iterator for BarsBetween<'_> {
    type Item = Result<(Symbol, Vec<Bar>)>;

    fn next(&mut self) -> Option<Self::Item> {
        for symbol in self.symbols.by_ref() {
            let mut bars = Vec::new();
            for &(old, since) in self.joined.get(&symbol).map_or(&[][..], Vec::as_slice) {
                let end = self.hi.min(since - 1);
                match symbol_bars(&mut self.stmt, old, self.lo, end, self.path) {
                    Ok(mut part) => {
                        self.st.apply(sid(old), &mut part);
                        bars.extend(part);
                    }
                    Err(e) => return Some(Err(e)),
                }
            }
            match symbol_bars(&mut self.stmt, symbol, self.lo, self.hi, self.path) {
                Ok(mut own) => {
                    self.st.apply(sid(symbol), &mut own);
                    bars.extend(own);
                }
                Err(e) => return Some(Err(e)),
            }
            if bars.is_empty() {
                continue;
            }
            bars.sort_by_key(|b| b.date);
            bars.dedup_by_key(|b| b.date);
            return Some(Ok((symbol, bars)));
        }
        None
    }
}

fn symbol_bars(
    stmt: &mut Statement<'_>,
    symbol: Symbol,
    lo: i32,
    hi: i32,
    path: &str,
) -> Result<Vec<Bar>> {
    let e = sql(path, "reading bars");
    let mut rows = stmt.query(params![sid(symbol), lo, hi]).map_err(&e)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next().map_err(&e)? {
        out.push(bar_from_row(r, path)?);
    }
    Ok(out)
}

fn bar_from_row(r: &Row<'_>, path: &str) -> Result<Bar> {
    let e = sql(path, "reading a bar");
    Ok(Bar {
        date: key_date(r.get(0).map_err(&e)?, path)?,
        open: r.get(1).map_err(&e)?,
        high: r.get(2).map_err(&e)?,
        low: r.get(3).map_err(&e)?,
        close: r.get(4).map_err(&e)?,
        prev_close: r.get(5).map_err(&e)?,
        volume: r.get(6).map_err(&e)?,
        amount: r.get(7).map_err(&e)?,
        turnover: r.get(8).map_err(&e)?,
        st: r.get(9).map_err(&e)?,
    })
}

fn symbol_from_row(r: &Row<'_>, at: usize, path: &str) -> Result<Symbol> {
    let id: i64 = r.get(at).map_err(sql(path, "reading a security"))?;
    sid_symbol(id).ok_or_else(|| Error::Corrupt {
        path: path.to_string(),
        what: format!("{id} is not a security id"),
    })
}

fn security_from_row(r: &Row<'_>, path: &str) -> Result<Security> {
    let e = sql(path, "reading a security");
    let list_date: Option<i32> = r.get(3).map_err(&e)?;
    Ok(Security {
        symbol: symbol_from_row(r, 0, path)?,
        name: r.get(1).map_err(&e)?,
        board: r.get(2).map_err(&e)?,
        list_date: list_date.map(|k| key_date(k, path)).transpose()?,
    })
}
