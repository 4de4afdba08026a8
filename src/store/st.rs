//! Dated ST lists (风险警示): storing them ([`Store::import_st`]) and applying them to bars
//! as they leave the store ([`StOverlay`], used by `Store::bars` and `Store::bars_between`).
//!
//! Two families of periods live in `st_periods`, told apart by `source`:
//! - `list`: periods of a daily list (Tushare `stock_st`). Each import also records its
//!   coverage (first and last list date) in `st_coverage`. Within its coverage a file is
//!   the truth: stored `list` periods are cut back to outside the coverage and the file's
//!   periods put in, so a corrected re-download replaces an older one, and re-importing
//!   the same file changes nothing.
//! - `periods`: periods of a `code,start,end,kind` file. They only add ST days: they are
//!   united with the stored ones of the same stock and kind, never cut.
//!
//! A bar's `st` as read from the store: **true** on a date inside any period (of either
//! family); else **false** on a date inside any daily list's coverage (the list names every
//! ST stock of every day, so absence is knowledge); else the bar's own flag as imported (a
//! name column, which is often a later snapshot, or baostock `isST`). A generic period
//! thus wins over absence from a daily list: both are the user's imports, and a union
//! never drops a known ST day.
//!
//! This module does not read files (see `ingest::StReader`) and knows no limit rule: the
//! limit percentage follows from `bar.st` in `market`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection};

use super::keys::{date_key, key_date, sid};
use super::Error;
use super::{sql, Result, Store};
use crate::model::{Bar, Date, StKind, StPeriod, Symbol};

/// Which kind of file a set of periods comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StSource {
    /// A daily list naming every ST stock of every day (Tushare `stock_st`): it has a
    /// coverage, within which absence means "not ST".
    DailyList,
    /// Periods (`code,start,end,kind`): they only add ST days.
    Periods,
}

impl StSource {
    fn key(self) -> &'static str {
        match self {
            StSource::DailyList => "list",
            StSource::Periods => "periods",
        }
    }
}

/// What one ST import did, counted in stored periods.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StCounts {
    /// Periods handed over.
    pub read: u64,
    /// Stored periods that are new.
    pub added: u64,
    /// Stored periods removed: replaced by the file within its coverage, or merged into a
    /// longer period.
    pub removed: u64,
    /// Periods of the file the store already knew (stored as such, or within a stored
    /// period of the same stock and kind).
    pub unchanged: u64,
    /// Whether the coverage was new (always false for a periods file).
    pub coverage_added: bool,
}

/// A stored period as keys: (sid, start, end or `i32::MAX`, kind).
type Row = (i64, i32, i32, String);

const OPEN_END: i32 = i32::MAX;

impl Store {
    /// Stores the periods of one ST list file in one transaction (see the module docs for
    /// how a daily list's `coverage` and the two families combine). Importing the same
    /// file again adds and removes nothing.
    pub fn import_st(
        &mut self,
        source: StSource,
        coverage: Option<(Date, Date)>,
        periods: &[StPeriod],
    ) -> Result<StCounts> {
        self.write("importing an ST list", |tx, path| {
            let e = sql(path, "importing an ST list");
            let old = stored(tx, source).map_err(&e)?;
            let incoming: Vec<Row> = periods
                .iter()
                .map(|p| {
                    let end = p.end.map_or(OPEN_END, date_key);
                    (
                        sid(p.symbol),
                        date_key(p.start),
                        end,
                        p.kind.as_str().to_string(),
                    )
                })
                .collect();
            let known = known_count(&old, &incoming);
            let want: BTreeSet<Row> = match (source, coverage) {
                (StSource::DailyList, Some((c0, c1))) => {
                    let (c0, c1) = (date_key(c0), date_key(c1));
                    let mut keep = cut_out(&old, c0, c1);
                    keep.extend(incoming);
                    keep
                }
                (StSource::DailyList, None) => old.clone(),
                (StSource::Periods, _) => unite(old.iter().cloned().chain(incoming)),
            };
            let mut counts = StCounts {
                read: periods.len() as u64,
                ..StCounts::default()
            };
            {
                let mut del = tx
                    .prepare(
                        "DELETE FROM st_periods WHERE sid = ?1 AND source = ?2 AND start_date = ?3",
                    )
                    .map_err(&e)?;
                for r in old.difference(&want) {
                    counts.removed +=
                        del.execute(params![r.0, source.key(), r.1]).map_err(&e)? as u64;
                }
                let mut add = tx
                    .prepare(
                        "INSERT INTO st_periods (sid, start_date, end_date, kind, source)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                    )
                    .map_err(&e)?;
                for r in want.difference(&old) {
                    let end = (r.2 != OPEN_END).then_some(r.2);
                    add.execute(params![r.0, r.1, end, r.3, source.key()])
                        .map_err(&e)?;
                    counts.added += 1;
                }
                counts.unchanged = known;
                if let (StSource::DailyList, Some((c0, c1))) = (source, coverage) {
                    counts.coverage_added = tx
                        .execute(
                            "INSERT OR IGNORE INTO st_coverage (start_date, end_date, source)
                             VALUES (?1, ?2, 'list')",
                            params![date_key(c0), date_key(c1)],
                        )
                        .map_err(&e)?
                        == 1;
                }
            }
            Ok(counts)
        })
    }

    /// The stored ST periods of one stock (both families), oldest first.
    pub fn st_periods(&self, symbol: Symbol) -> Result<Vec<StPeriod>> {
        let e = sql(&self.path, "reading ST periods");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT start_date, end_date, kind FROM st_periods WHERE sid = ?1
                 ORDER BY start_date, source",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([sid(symbol)], |r| {
                Ok((r.get::<_, i32>(0)?, r.get::<_, Option<i32>>(1)?, r.get(2)?))
            })
            .map_err(&e)?;
        rows.map(|r| {
            let (s, end, kind): (i32, Option<i32>, String) = r.map_err(&e)?;
            let kind = StKind::parse(&kind).ok_or_else(|| Error::Corrupt {
                path: self.path.clone(),
                what: format!("'{kind}' is not an ST kind"),
            })?;
            Ok(StPeriod {
                symbol,
                start: key_date(s, &self.path)?,
                end: end.map(|k| key_date(k, &self.path)).transpose()?,
                kind,
            })
        })
        .collect()
    }

    /// The date ranges covered by imported daily lists, oldest first.
    pub fn st_coverage(&self) -> Result<Vec<(Date, Date)>> {
        let e = sql(&self.path, "reading ST list coverage");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT start_date, end_date FROM st_coverage ORDER BY start_date")
            .map_err(&e)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, i32>(1)?)))
            .map_err(&e)?;
        rows.map(|r| {
            let (a, b) = r.map_err(&e)?;
            Ok((key_date(a, &self.path)?, key_date(b, &self.path)?))
        })
        .collect()
    }
}

fn stored(conn: &Connection, source: StSource) -> rusqlite::Result<BTreeSet<Row>> {
    let mut stmt = conn.prepare(
        "SELECT sid, start_date, coalesce(end_date, ?2), kind FROM st_periods WHERE source = ?1",
    )?;
    let rows = stmt.query_map(params![source.key(), OPEN_END], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    rows.collect()
}

/// How many of `incoming` lie within a row of `old` of the same stock and kind.
fn known_count(old: &BTreeSet<Row>, incoming: &[Row]) -> u64 {
    let mut by: HashMap<(i64, &str), Vec<(i32, i32)>> = HashMap::new();
    for (id, s, e, kind) in old {
        by.entry((*id, kind.as_str())).or_default().push((*s, *e));
    }
    let within = |(id, s, e, kind): &Row| {
        by.get(&(*id, kind.as_str()))
            .is_some_and(|spans| spans.iter().any(|&(a, b)| a <= *s && *e <= b))
    };
    incoming.iter().filter(|r| within(r)).count() as u64
}

/// The rows with the days `c0..=c1` cut out (a row across the coverage keeps both ends).
fn cut_out(rows: &BTreeSet<Row>, c0: i32, c1: i32) -> BTreeSet<Row> {
    let mut out = BTreeSet::new();
    for (id, s, e, kind) in rows {
        if *e < c0 || *s > c1 {
            out.insert((*id, *s, *e, kind.clone()));
            continue;
        }
        if *s < c0 {
            out.insert((*id, *s, day_before(c0), kind.clone()));
        }
        if *e > c1 {
            out.insert((*id, day_after(c1), *e, kind.clone()));
        }
    }
    out
}

/// Unites overlapping or touching periods of the same stock and kind.
fn unite(rows: impl Iterator<Item = Row>) -> BTreeSet<Row> {
    let mut by: BTreeMap<(i64, String), Vec<(i32, i32)>> = BTreeMap::new();
    for (id, s, e, kind) in rows {
        by.entry((id, kind)).or_default().push((s, e));
    }
    let mut out = BTreeSet::new();
    for ((id, kind), mut spans) in by {
        spans.sort_unstable();
        let mut cur: Option<(i32, i32)> = None;
        for (s, e) in spans {
            match &mut cur {
                Some((_, ce)) if s <= day_after(*ce) => *ce = (*ce).max(e),
                _ => {
                    if let Some((a, b)) = cur.replace((s, e)) {
                        out.insert((id, a, b, kind.clone()));
                    }
                }
            }
        }
        if let Some((a, b)) = cur {
            out.insert((id, a, b, kind));
        }
    }
    out
}

fn shift(k: i32, days: i64) -> i32 {
    if k == OPEN_END {
        return k;
    }
    match key_date(k, "")
        .ok()
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
    {
        Some(d) => date_key(d),
        None => k,
    }
}

fn day_before(k: i32) -> i32 {
    shift(k, -1)
}

fn day_after(k: i32) -> i32 {
    shift(k, 1)
}

/// The ST knowledge of a date window, loaded once per query and applied to each bar.
#[derive(Debug, Default)]
pub(super) struct StOverlay {
    periods: HashMap<i64, Vec<(i32, i32)>>,
    coverage: Vec<(i32, i32)>,
}

impl StOverlay {
    /// Loads the periods (of one stock, or of all when `only` is `None`) and coverages
    /// that touch `lo..=hi`.
    pub(super) fn load(
        conn: &Connection,
        path: &str,
        only: Option<i64>,
        lo: i32,
        hi: i32,
    ) -> Result<StOverlay> {
        let e = sql(path, "reading ST periods");
        let mut overlay = StOverlay::default();
        // One stock seeks by the key; the whole market reads the (small) table once.
        let which = match only {
            Some(_) => "sid = ?1",
            None => "?1 IS NULL",
        };
        let mut stmt = conn
            .prepare_cached(&format!(
                "SELECT sid, start_date, coalesce(end_date, ?4) FROM st_periods
                 WHERE {which} AND start_date <= ?3 AND coalesce(end_date, ?4) >= ?2"
            ))
            .map_err(&e)?;
        let mut rows = stmt.query(params![only, lo, hi, OPEN_END]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            let (id, s, end): (i64, i32, i32) = (
                r.get(0).map_err(&e)?,
                r.get(1).map_err(&e)?,
                r.get(2).map_err(&e)?,
            );
            overlay.periods.entry(id).or_default().push((s, end));
        }
        let mut stmt = conn
            .prepare_cached(
                "SELECT start_date, end_date FROM st_coverage
                 WHERE start_date <= ?2 AND end_date >= ?1",
            )
            .map_err(&e)?;
        let mut rows = stmt.query(params![lo, hi]).map_err(&e)?;
        while let Some(r) = rows.next().map_err(&e)? {
            overlay
                .coverage
                .push((r.get(0).map_err(&e)?, r.get(1).map_err(&e)?));
        }
        Ok(overlay)
    }

    /// Sets `st` of the bars of stock `id` from the periods and coverage.
    pub(super) fn apply(&self, id: i64, bars: &mut [Bar]) {
        let periods = self.periods.get(&id).map_or(&[][..], Vec::as_slice);
        if periods.is_empty() && self.coverage.is_empty() {
            return;
        }
        let within = |spans: &[(i32, i32)], k: i32| spans.iter().any(|&(s, e)| s <= k && k <= e);
        for bar in bars {
            let k = date_key(bar.date);
            if within(periods, k) {
                bar.st = Some(true);
            } else if within(&self.coverage, k) {
                bar.st = Some(false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn p(code: &str, start: &str, end: Option<&str>, kind: &str) -> StPeriod {
        StPeriod {
            symbol: Symbol::parse_stock(code).unwrap(),
            start: d(start),
            end: end.map(d),
            kind: StKind::parse(kind).unwrap(),
        }
    }

    fn bar(date: &str, st: Option<bool>) -> Bar {
        Bar {
            date: d(date),
            open: 100,
            high: 100,
            low: 100,
            close: 100,
            prev_close: None,
            volume: None,
            amount: None,
            turnover: None,
            st,
        }
    }

    fn st_of(store: &Store, code: &str, dates: &[(&str, Option<bool>)]) -> Vec<Option<bool>> {
        let mut bars: Vec<Bar> = dates.iter().map(|(dt, st)| bar(dt, *st)).collect();
        let id = sid(Symbol::parse_stock(code).unwrap());
        StOverlay::load(&store.conn, "t", Some(id), 0, i32::MAX)
            .unwrap()
            .apply(id, &mut bars);
        bars.iter().map(|b| b.st).collect()
    }

    #[test]
    fn coverage_says_not_st_and_outside_it_the_bar_flag_stands() {
        let mut store = Store::open_in_memory().unwrap();
        let cov = Some((d("2024-01-02"), d("2024-12-31")));
        store
            .import_st(
                StSource::DailyList,
                cov,
                &[p("600001", "2024-03-01", Some("2024-05-31"), "ST")],
            )
            .unwrap();
        let got = st_of(
            &store,
            "600001",
            &[
                ("2023-12-29", Some(true)),  // before the coverage: the name flag stands
                ("2024-02-01", Some(true)),  // covered, not listed: not ST
                ("2024-03-01", Some(false)), // listed: ST whatever the bar said
                ("2024-05-31", None),
                ("2024-06-03", None),       // covered, not listed
                ("2025-01-02", Some(true)), // after the coverage
                ("2025-01-03", None),
            ],
        );
        assert_eq!(
            got,
            [
                Some(true),
                Some(false),
                Some(true),
                Some(true),
                Some(false),
                Some(true),
                None
            ]
        );
        // Another stock, never listed: not ST inside the coverage only.
        assert_eq!(
            st_of(
                &store,
                "000002",
                &[("2024-06-03", Some(true)), ("2025-06-03", Some(true))]
            ),
            [Some(false), Some(true)]
        );
    }

    #[test]
    fn bars_and_bars_between_take_st_from_the_list() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = (
            Symbol::parse_stock("600001").unwrap(),
            Symbol::parse_stock("000002").unwrap(),
        );
        let dates = ["2024-03-01", "2024-03-04", "2024-03-05"];
        store
            .import_bars(|sink| -> Result<()> {
                for s in [a, b] {
                    for dt in dates {
                        sink.add(s, Some("*ST快照"), &bar(dt, Some(true)))?;
                    }
                }
                Ok(())
            })
            .unwrap();
        store
            .import_st(
                StSource::DailyList,
                Some((d("2024-03-01"), d("2024-03-04"))),
                &[p("600001", "2024-03-04", Some("2024-03-04"), "ST")],
            )
            .unwrap();
        let flags = |bars: &[Bar]| bars.iter().map(|b| b.st).collect::<Vec<_>>();
        let want_a = [Some(false), Some(true), Some(true)];
        let want_b = [Some(false), Some(false), Some(true)];
        assert_eq!(flags(&store.bars(a, ..).unwrap()), want_a);
        assert_eq!(flags(&store.bars(b, ..).unwrap()), want_b);
        let all: Vec<_> = store
            .bars_between(d("2024-03-01")..=d("2024-03-05"))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(all[0].0, a);
        assert_eq!(flags(&all[0].1), want_a);
        assert_eq!(flags(&all[1].1), want_b);
    }

    #[test]
    fn a_daily_list_is_the_truth_within_its_coverage_and_reimports_add_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let jan_jun = Some((d("2024-01-02"), d("2024-06-28")));
        let first = [p("600001", "2024-03-01", Some("2024-06-28"), "ST")];
        let c = store
            .import_st(StSource::DailyList, jan_jun, &first)
            .unwrap();
        assert_eq!((c.added, c.removed, c.coverage_added), (1, 0, true));
        let c = store
            .import_st(StSource::DailyList, jan_jun, &first)
            .unwrap();
        assert_eq!(
            (c.added, c.removed, c.unchanged, c.coverage_added),
            (0, 0, 1, false)
        );
        // A later list for May–Dec: ST only until May 10. It replaces May–Jun and keeps
        // March–April from the first list.
        let may_dec = Some((d("2024-05-06"), d("2024-12-31")));
        let second = [p("600001", "2024-05-06", Some("2024-05-10"), "ST")];
        let c = store
            .import_st(StSource::DailyList, may_dec, &second)
            .unwrap();
        assert_eq!((c.added, c.removed), (2, 1));
        let sym = Symbol::parse_stock("600001").unwrap();
        let kept: Vec<(Date, Option<Date>)> = store
            .st_periods(sym)
            .unwrap()
            .iter()
            .map(|p| (p.start, p.end))
            .collect();
        assert_eq!(
            kept,
            [
                (d("2024-03-01"), Some(d("2024-05-05"))),
                (d("2024-05-06"), Some(d("2024-05-10")))
            ]
        );
        let c = store
            .import_st(StSource::DailyList, may_dec, &second)
            .unwrap();
        assert_eq!((c.added, c.removed, c.unchanged), (0, 0, 1));
        assert_eq!(store.st_coverage().unwrap().len(), 2);
    }

    #[test]
    fn generic_periods_unite_and_only_add() {
        let mut store = Store::open_in_memory().unwrap();
        let ps = [
            p("600001", "2024-01-01", Some("2024-01-31"), "ST"),
            p("600001", "2024-02-01", Some("2024-02-29"), "ST"),
            p("600001", "2024-03-01", None, "*ST"),
        ];
        let c = store.import_st(StSource::Periods, None, &ps).unwrap();
        assert_eq!((c.read, c.added), (3, 2), "touching ST periods unite");
        let c = store.import_st(StSource::Periods, None, &ps[..1]).unwrap();
        assert_eq!(
            (c.added, c.removed, c.unchanged),
            (0, 0, 1),
            "within a stored period"
        );
        // Same start as a daily-list period: the two families do not collide.
        store
            .import_st(
                StSource::DailyList,
                Some((d("2024-01-01"), d("2024-01-31"))),
                &[p("600001", "2024-01-01", Some("2024-01-05"), "ST")],
            )
            .unwrap();
        // Positive knowledge from the periods file wins over absence from the list.
        assert_eq!(
            st_of(
                &store,
                "600001",
                &[("2024-01-20", None), ("2026-01-05", Some(false))]
            ),
            [Some(true), Some(true)]
        );
    }

    #[test]
    fn a_failed_import_leaves_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        // The same stock and start twice in one call violates the key: nothing stays.
        let dup = [
            p("600001", "2024-01-01", Some("2024-01-05"), "ST"),
            p("600001", "2024-01-01", Some("2024-01-09"), "ST"),
        ];
        assert!(store
            .import_st(
                StSource::DailyList,
                Some((d("2024-01-01"), d("2024-01-31"))),
                &dup
            )
            .is_err());
        assert!(store.st_coverage().unwrap().is_empty());
        assert!(store
            .st_periods(Symbol::parse_stock("600001").unwrap())
            .unwrap()
            .is_empty());
    }
}
