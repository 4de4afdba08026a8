//! Share counts (股本): the import sink ([`ShareSink`]), [`Store::shares`] (one stock's rows
//! by date, so the counts as of a day are a lookup: [`ShareCount::asof`]) and
//! [`Store::all_shares`] (every stock's, for a whole scan or panel at once).
//!
//! One row per (security, date); a re-import of the same row changes nothing, a row with
//! other counts for a stored (security, date) replaces them. A count the new row lacks
//! (empty) keeps the stored one, so a file of floats and a file of totals add up.

use rusqlite::params;

use super::keys::{date_key, key_date, sid, sid_symbol};
use super::segments::now;
use super::{sql, Error, ImportCounts, Result, Store, Upsert};
use crate::model::{ShareCount, Symbol};

const INSERT: &str =
    "INSERT INTO shares (sid, date, float_shares, total_shares, source, imported_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";

const UPDATE: &str = "UPDATE shares SET
    float_shares = coalesce(?3, float_shares), total_shares = coalesce(?4, total_shares),
    source = ?5, imported_at = ?6
    WHERE sid = ?1 AND date = ?2 AND (
        float_shares IS NOT coalesce(?3, float_shares)
        OR total_shares IS NOT coalesce(?4, total_shares))";

/// Receives the share counts of one file inside its transaction (see
/// [`Store::import_shares`]).
pub struct ShareSink<'t> {
    rows: Upsert<'t>,
    source: String,
    now: String,
}

impl ShareSink<'_> {
    /// Adds or updates the counts of one stock from one date.
    pub fn add(&mut self, symbol: Symbol, count: &ShareCount) -> Result<()> {
        let (float, total) = (
            count.float_shares.map(to_sql),
            count.total_shares.map(to_sql),
        );
        self.rows.row(params![
            sid(symbol),
            date_key(count.date),
            float,
            total,
            self.source,
            self.now
        ])?;
        Ok(())
    }
}

/// Share counts fit SQLite's signed integer (no company has 2^63 shares).
fn to_sql(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Imports one file's share counts in one transaction, like [`Store::import_bars`];
    /// `source` names the file's format in the stored rows.
    pub fn import_shares<E: From<Error>>(
        &mut self,
        source: &str,
        fill: impl FnOnce(&mut ShareSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing share counts", |tx, path| {
            let mut sink = ShareSink {
                rows: Upsert::new(tx, path, "storing share counts", INSERT, UPDATE)?,
                source: source.to_string(),
                now: now(),
            };
            fill(&mut sink)?;
            Ok(sink.rows.counts())
        })
    }

    /// A stock's share counts sorted by date; [`ShareCount::asof`] finds the row in force
    /// on a day. A code change is followed: `new`'s rows come after the old code's rows
    /// dated before the change.
    pub fn shares(&self, symbol: Symbol) -> Result<Vec<ShareCount>> {
        let e = sql(&self.path, "reading share counts");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT date, float_shares, total_shares FROM shares
                 WHERE sid = ?1 AND date < ?2 ORDER BY date",
            )
            .map_err(&e)?;
        // The old code's rows before the change, then the stock's own.
        let mut parts: Vec<(i64, i32)> = self
            .predecessors(symbol)?
            .into_iter()
            .map(|(old, since)| (sid(old), date_key(since)))
            .collect();
        parts.push((sid(symbol), i32::MAX));
        let mut out = Vec::new();
        for (id, before) in parts {
            let rows = stmt
                .query_map(params![id, before], |r| {
                    Ok((
                        r.get::<_, i32>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                    ))
                })
                .map_err(&e)?;
            for row in rows {
                let (date, float, total) = row.map_err(&e)?;
                out.push(self.share_count(date, float, total)?);
            }
        }
        // A row under the new code dated before the change wins over the old code's.
        out.sort_by_key(|c| c.date);
        out.reverse();
        out.dedup_by_key(|c| c.date);
        out.reverse();
        Ok(out)
    }

    /// Every stock's share counts, by stock and date (code changes not followed: use
    /// [`Store::shares`] for one stock's whole history).
    pub fn all_shares(&self) -> Result<Vec<(Symbol, Vec<ShareCount>)>> {
        let e = sql(&self.path, "reading share counts");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sid, date, float_shares, total_shares FROM shares ORDER BY sid, date",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                ))
            })
            .map_err(&e)?;
        let mut out: Vec<(Symbol, Vec<ShareCount>)> = Vec::new();
        for row in rows {
            let (id, date, float, total) = row.map_err(&e)?;
            let symbol = sid_symbol(id).ok_or_else(|| Error::Corrupt {
                path: self.path.clone(),
                what: format!("{id} is not a security key"),
            })?;
            let count = self.share_count(date, float, total)?;
            match out.last_mut() {
                Some((s, list)) if *s == symbol => list.push(count),
                _ => out.push((symbol, vec![count])),
            }
        }
        Ok(out)
    }

    fn share_count(&self, date: i32, float: Option<i64>, total: Option<i64>) -> Result<ShareCount> {
        let count = |n: Option<i64>| n.map(|n| u64::try_from(n).unwrap_or(0));
        Ok(ShareCount {
            date: key_date(date, &self.path)?,
            float_shares: count(float),
            total_shares: count(total),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn c(date: &str, float: Option<u64>, total: Option<u64>) -> ShareCount {
        ShareCount {
            date: d(date),
            float_shares: float,
            total_shares: total,
        }
    }

    fn import(store: &mut Store, rows: &[(Symbol, ShareCount)]) -> ImportCounts {
        store
            .import_shares::<Error>("test", |sink| {
                for (s, c) in rows {
                    sink.add(*s, c)?;
                }
                Ok(())
            })
            .unwrap()
    }

    #[test]
    fn reimport_is_idempotent_and_an_empty_count_keeps_the_stored_one() {
        let mut store = Store::open_in_memory().unwrap();
        let s = Symbol::parse_stock("002881").unwrap();
        let rows = [
            (s, c("2025-02-10", Some(150), Some(300))),
            (s, c("2025-02-07", Some(100), Some(300))),
        ];
        assert_eq!(import(&mut store, &rows).added, 2);
        let again = import(&mut store, &rows);
        assert_eq!((again.added, again.unchanged), (0, 2));
        let totals_only = import(&mut store, &[(s, c("2025-02-07", None, Some(310)))]);
        assert_eq!(totals_only.updated, 1);
        assert_eq!(
            store.shares(s).unwrap(),
            vec![
                c("2025-02-07", Some(100), Some(310)),
                c("2025-02-10", Some(150), Some(300))
            ]
        );
        let all = store.all_shares().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].1.len(), 2);
        let asof = ShareCount::asof(&all[0].1, d("2025-02-09")).unwrap();
        assert_eq!(asof.float_shares, Some(100));
    }

    #[test]
    fn a_failed_file_leaves_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let s = Symbol::parse_stock("002881").unwrap();
        let r: std::result::Result<ImportCounts, Error> = store.import_shares("t", |sink| {
            sink.add(s, &c("2025-02-07", Some(1), Some(2)))?;
            Err(Error::Corrupt {
                path: "t".into(),
                what: "stop".into(),
            })
        });
        assert!(r.is_err());
        assert!(store.shares(s).unwrap().is_empty());
    }

    #[test]
    fn a_code_change_is_followed() {
        let mut store = Store::open_in_memory().unwrap();
        let (old, new) = (
            Symbol::parse_stock("839493.BJ").unwrap(),
            Symbol::parse_stock("920493.BJ").unwrap(),
        );
        store
            .import_code_changes(&[(old, new, d("2025-10-09"))])
            .unwrap();
        import(
            &mut store,
            &[
                (old, c("2024-06-30", Some(50_000_000), None)),
                (old, c("2025-11-01", Some(1), None)),
                (new, c("2025-10-09", Some(60_000_000), None)),
            ],
        );
        let rows = store.shares(new).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.float_shares).collect::<Vec<_>>(),
            vec![Some(50_000_000), Some(60_000_000)],
            "the old code's rows after the change are not the new code's"
        );
    }
}
