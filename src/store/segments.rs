//! Revenue composition (主营构成): the import sink ([`SegmentSink`]) and
//! [`Store::segments`].
//!
//! A breakdown, one (security, report period, kind) table, is replaced as a whole by each
//! file that carries it: rows of the breakdown that the file no longer lists are removed,
//! so a renamed segment does not stay beside its new name and push the shares above 100%.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::keys::{date_key, key_date, sid};
use super::{sql, Error, ImportCounts, Result, Store, Upsert};
use crate::model::{printable, SegmentKind, SegmentRow, Symbol};

/// What one segments import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SegmentCounts {
    /// Rows read, added, updated and unchanged.
    pub rows: ImportCounts,
    /// Stored rows removed because a re-imported breakdown no longer lists them.
    pub removed: u64,
}

const INSERT: &str = "INSERT INTO segments
    (sid, period, kind, segment, revenue, share, imported_at, published)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";

const UPDATE: &str = "UPDATE segments SET revenue = ?5, share = ?6, imported_at = ?7,
    published = coalesce(?8, published)
    WHERE sid = ?1 AND period = ?2 AND kind = ?3 AND segment = ?4
    AND (revenue IS NOT ?5 OR share IS NOT ?6 OR published IS NOT coalesce(?8, published))";

/// A breakdown: (sid, period key, kind).
type Breakdown = (i64, i32, &'static str);

/// Receives the segment rows of one file inside its transaction
/// (see [`Store::import_segments`]).
pub struct SegmentSink<'t> {
    rows: Upsert<'t>,
    seen: HashMap<Breakdown, HashSet<String>>,
    now: String,
}

impl SegmentSink<'_> {
    /// Adds or updates one segment row of a company.
    pub fn add(&mut self, symbol: Symbol, row: &SegmentRow) -> Result<()> {
        self.add_published(symbol, row, None)
    }

    /// Adds or updates one segment row of a company with the day its report was
    /// published, when the file says.
    pub fn add_published(
        &mut self,
        symbol: Symbol,
        row: &SegmentRow,
        published: Option<crate::model::Date>,
    ) -> Result<()> {
        let segment = printable(row.segment.trim());
        let segment = segment.trim();
        let key = (sid(symbol), date_key(row.period), row.kind.as_str());
        self.seen
            .entry(key)
            .or_default()
            .insert(segment.to_string());
        let values = params![
            key.0,
            key.1,
            key.2,
            segment,
            row.revenue,
            row.share,
            self.now,
            published.map(date_key)
        ];
        self.rows.row(values)?;
        Ok(())
    }
}

impl Store {
    /// Imports one file's segment rows in one transaction, like [`Store::import_bars`]:
    /// `fill` adds rows; when it fails nothing stays. Each breakdown the file carries
    /// replaces the stored one.
    pub fn import_segments<E: From<Error>>(
        &mut self,
        fill: impl FnOnce(&mut SegmentSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<SegmentCounts, E> {
        self.write("importing segments", |tx, path| {
            let e = sql(path, "importing segments");
            let counts = {
                let mut sink = SegmentSink {
                    rows: Upsert::new(tx, path, "storing a segment", INSERT, UPDATE)?,
                    seen: HashMap::new(),
                    now: now(),
                };
                fill(&mut sink)?;
                let mut list = tx
                    .prepare(
                        "SELECT segment FROM segments WHERE sid = ?1 AND period = ?2 AND kind = ?3",
                    )
                    .map_err(&e)?;
                let mut delete = tx
                    .prepare(
                        "DELETE FROM segments
                         WHERE sid = ?1 AND period = ?2 AND kind = ?3 AND segment = ?4",
                    )
                    .map_err(&e)?;
                let mut removed = 0;
                for ((id, period, kind), names) in &sink.seen {
                    let stored = list
                        .query_map(params![id, period, kind], |r| r.get::<_, String>(0))
                        .map_err(&e)?
                        .collect::<rusqlite::Result<Vec<String>>>()
                        .map_err(&e)?;
                    for gone in stored.iter().filter(|s| !names.contains(*s)) {
                        removed += delete
                            .execute(params![id, period, kind, gone])
                            .map_err(&e)? as u64;
                    }
                }
                SegmentCounts {
                    rows: sink.rows.counts(),
                    removed,
                }
            };
            Ok(counts)
        })
    }

    /// The revenue-composition rows of a company, by period, kind and segment name.
    pub fn segments(&self, symbol: Symbol) -> Result<Vec<SegmentRow>> {
        let e = sql(&self.path, "reading segments");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT period, kind, segment, revenue, share FROM segments
                 WHERE sid = ?1 ORDER BY period, kind, segment",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([sid(symbol)], |r| {
                Ok((
                    r.get::<_, i32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<f64>>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                ))
            })
            .map_err(&e)?;
        rows.map(|r| {
            let (period, kind, segment, revenue, share) = r.map_err(&e)?;
            Ok(SegmentRow {
                period: key_date(period, &self.path)?,
                kind: SegmentKind::parse(&kind).ok_or_else(|| Error::Corrupt {
                    path: self.path.clone(),
                    what: format!("'{kind}' is not a segment kind"),
                })?,
                segment,
                revenue,
                share,
            })
        })
        .collect()
    }
}

impl Store {
    /// The publication date of each report period of a company whose rows give one (the
    /// earliest, when its breakdowns disagree), by period.
    pub fn segments_published(
        &self,
        symbol: Symbol,
    ) -> Result<Vec<(crate::model::Date, crate::model::Date)>> {
        let e = sql(&self.path, "reading segment publication dates");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT period, min(published) FROM segments
                 WHERE sid = ?1 AND published IS NOT NULL GROUP BY period ORDER BY period",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([sid(symbol)], |r| {
                Ok((r.get::<_, i32>(0)?, r.get::<_, i32>(1)?))
            })
            .map_err(&e)?;
        rows.map(|r| {
            let (p, d) = r.map_err(&e)?;
            Ok((key_date(p, &self.path)?, key_date(d, &self.path)?))
        })
        .collect()
    }
}

/// The import time stamp: UTC, ISO 8601 to the second.
pub(super) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn row(segment: &str, share: f64) -> SegmentRow {
        SegmentRow {
            period: Date::from_ymd_opt(2024, 12, 31).unwrap(),
            kind: SegmentKind::Product,
            segment: segment.into(),
            revenue: None,
            share: Some(share),
        }
    }

    fn import(store: &mut Store, sym: Symbol, rows: &[SegmentRow]) -> SegmentCounts {
        store
            .import_segments(|sink| -> Result<()> {
                rows.iter().try_for_each(|r| sink.add(sym, r))
            })
            .unwrap()
    }

    #[test]
    fn reimport_is_idempotent_and_replaces_the_breakdown() {
        let mut store = Store::open_in_memory().unwrap();
        let sym = Symbol::parse_stock("301890").unwrap();
        let first = [row("板卡", 0.8), row("算力服务", 0.2)];
        assert_eq!(import(&mut store, sym, &first).rows.added, 2);
        let again = import(&mut store, sym, &first);
        assert_eq!((again.rows.unchanged, again.removed), (2, 0));
        // 算力服务 renamed 算力租赁, 板卡 restated: the old name goes.
        let renamed = import(&mut store, sym, &[row("板卡", 0.7), row("算力租赁", 0.3)]);
        assert_eq!(
            (renamed.rows.added, renamed.rows.updated, renamed.removed),
            (1, 1, 1)
        );
        let stored = store.segments(sym).unwrap();
        assert_eq!(stored, vec![row("板卡", 0.7), row("算力租赁", 0.3)]);
        // Another company's breakdown is untouched.
        let other = Symbol::parse_stock("002999").unwrap();
        assert!(store.segments(other).unwrap().is_empty());
    }

    #[test]
    fn a_failed_file_leaves_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let sym = Symbol::parse_stock("301890").unwrap();
        let r: std::result::Result<SegmentCounts, Error> = store.import_segments(|sink| {
            sink.add(sym, &row("板卡", 1.0))?;
            Err(Error::Corrupt {
                path: "t".into(),
                what: "simulated".into(),
            })
        });
        assert!(r.is_err());
        assert!(store.segments(sym).unwrap().is_empty());
    }
}
