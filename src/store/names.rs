//! Names as of a date and code changes: a name-change history ([`Store::import_names`],
//! [`Store::name_on`]) and the mapping of an old code to its new one
//! ([`Store::import_code_changes`]), which joins one company's bars under two codes (the
//! BSE's move to 920xxx codes: 839493 became 920493 on 2025-10-09).
//!
//! A name row says "from `start` on, the stock was called `name`"; a row without a start
//! is the name before the first change the history knows. A code change says "`old`
//! became `new` on `date`": [`Store::bars`] of `new` then also returns `old`'s bars before
//! `date`, [`Store::first_bars`] counts `old`'s first bar as `new`'s, and
//! [`Store::successor`] lets a caller treat `old` as `new`.

use rusqlite::params;

use super::keys::{date_key, key_date, sid, sid_symbol};
use super::{sql, ImportCounts, Result, Store, Upsert};
use crate::model::{printable, Date, Symbol};

/// The key of a name known only to precede the first change of a history.
const BEFORE_FIRST: i32 = 0;

impl Store {
    /// Stores dated names in one transaction: (stock, the first day of the name or `None`
    /// for the name before the first known change, the name). Importing the same rows
    /// again changes nothing; a row for a stored (stock, start) replaces its name.
    pub fn import_names(
        &mut self,
        rows: &[(Symbol, Option<Date>, String)],
    ) -> Result<ImportCounts> {
        self.write("importing names", |tx, path| {
            let mut upsert = Upsert::new(
                tx,
                path,
                "storing a name",
                "INSERT INTO names (sid, start_date, name) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                "UPDATE names SET name = ?3 WHERE sid = ?1 AND start_date = ?2
                 AND name IS NOT ?3",
            )?;
            for (symbol, start, name) in rows {
                let key = start.map_or(BEFORE_FIRST, date_key);
                let name = printable(name.trim());
                upsert.row(params![sid(*symbol), key, name.as_ref()])?;
            }
            Ok(upsert.counts())
        })
    }

    /// The stock's name on `date` from the stored history: the name of the latest change
    /// on or before it, or the name before the first change when `date` precedes them
    /// all; `None` when the store has no history for the stock. A code change is followed:
    /// a date before it asks the old code's history too.
    pub fn name_on(&self, symbol: Symbol, date: Date) -> Result<Option<String>> {
        let e = sql(&self.path, "reading a dated name");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT name FROM names WHERE sid = ?1 AND start_date <= ?2
                 ORDER BY start_date DESC LIMIT 1",
            )
            .map_err(&e)?;
        let mut ids = vec![sid(symbol)];
        for (old, since) in self.predecessors(symbol)? {
            if date < since {
                ids.insert(0, sid(old));
            }
        }
        for id in ids {
            let found: Option<String> = stmt
                .query_row(params![id, date_key(date)], |r| r.get(0))
                .map(Some)
                .or_else(|err| match err {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    other => Err(other),
                })
                .map_err(&e)?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// The stored name history of a stock (with the old code's, when it changed code),
    /// oldest first: (first day of the name, or `None` for the name before the first known
    /// change, name).
    pub fn names(&self, symbol: Symbol) -> Result<Vec<(Option<Date>, String)>> {
        let e = sql(&self.path, "reading dated names");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT start_date, name FROM names WHERE sid = ?1 ORDER BY start_date")
            .map_err(&e)?;
        let mut ids: Vec<(i64, Option<Date>)> = self
            .predecessors(symbol)?
            .into_iter()
            .map(|(old, since)| (sid(old), Some(since)))
            .collect();
        ids.push((sid(symbol), None));
        let mut out = Vec::new();
        for (id, until) in ids {
            let rows = stmt
                .query_map([id], |r| Ok((r.get::<_, i32>(0)?, r.get::<_, String>(1)?)))
                .map_err(&e)?;
            for r in rows {
                let (k, name) = r.map_err(&e)?;
                let start = (k != BEFORE_FIRST)
                    .then(|| key_date(k, &self.path))
                    .transpose()?;
                if until.is_some_and(|u| start.is_some_and(|s| s >= u)) {
                    continue;
                }
                // The new code's name before its first change is the old code's last name.
                if start.is_none() && !out.is_empty() {
                    continue;
                }
                out.push((start, name));
            }
        }
        Ok(out)
    }

    /// Stores code changes in one transaction: (old code, new code, the first day under
    /// the new code). Importing the same rows again changes nothing.
    pub fn import_code_changes(&mut self, rows: &[(Symbol, Symbol, Date)]) -> Result<ImportCounts> {
        self.write("importing code changes", |tx, path| {
            let mut upsert = Upsert::new(
                tx,
                path,
                "storing a code change",
                "INSERT INTO code_changes (old_sid, new_sid, date) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                "UPDATE code_changes SET new_sid = ?2, date = ?3 WHERE old_sid = ?1
                 AND (new_sid IS NOT ?2 OR date IS NOT ?3)",
            )?;
            for (old, new, date) in rows {
                upsert.row(params![sid(*old), sid(*new), date_key(*date)])?;
            }
            Ok(upsert.counts())
        })
    }

    /// The new code of `old` and the day it took effect, when `old` changed code.
    pub fn successor(&self, old: Symbol) -> Result<Option<(Symbol, Date)>> {
        let e = sql(&self.path, "reading a code change");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT new_sid, date FROM code_changes WHERE old_sid = ?1")
            .map_err(&e)?;
        let mut rows = stmt.query([sid(old)]).map_err(&e)?;
        let Some(r) = rows.next().map_err(&e)? else {
            return Ok(None);
        };
        let (new, date): (i64, i32) = (r.get(0).map_err(&e)?, r.get(1).map_err(&e)?);
        let Some(symbol) = sid_symbol(new) else {
            return Ok(None);
        };
        Ok(Some((symbol, key_date(date, &self.path)?)))
    }

    /// The old codes that became `new`, each with the first day under `new`.
    pub fn predecessors(&self, new: Symbol) -> Result<Vec<(Symbol, Date)>> {
        let e = sql(&self.path, "reading code changes");
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT old_sid, date FROM code_changes WHERE new_sid = ?1 ORDER BY date",
            )
            .map_err(&e)?;
        let rows = stmt
            .query_map([sid(new)], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i32>(1)?))
            })
            .map_err(&e)?;
        let mut out = Vec::new();
        for r in rows {
            let (old, d) = r.map_err(&e)?;
            if let Some(s) = sid_symbol(old) {
                out.push((s, key_date(d, &self.path)?));
            }
        }
        Ok(out)
    }

    /// Every code change: (old, new, date).
    pub fn code_changes(&self) -> Result<Vec<(Symbol, Symbol, Date)>> {
        let e = sql(&self.path, "reading code changes");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT old_sid, new_sid, date FROM code_changes ORDER BY old_sid")
            .map_err(&e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i32>(2)?,
                ))
            })
            .map_err(&e)?;
        let mut out = Vec::new();
        for r in rows {
            let (old, new, d) = r.map_err(&e)?;
            if let (Some(o), Some(n)) = (sid_symbol(old), sid_symbol(new)) {
                out.push((o, n, key_date(d, &self.path)?));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn s(c: &str) -> Symbol {
        Symbol::parse_stock(c).unwrap()
    }

    #[test]
    fn names_as_of_a_date_and_reimports_change_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = vec![
            (s("000005"), None, "深星源A".to_string()),
            (s("000005"), Some(d("2020-01-01")), "ST星源".to_string()),
            (s("000005"), Some(d("2022-05-06")), "*ST星源".to_string()),
        ];
        let c = store.import_names(&rows).unwrap();
        assert_eq!((c.read, c.added), (3, 3));
        let c = store.import_names(&rows).unwrap();
        assert_eq!((c.added, c.updated, c.unchanged), (0, 0, 3));
        let on = |date| store.name_on(s("000005"), d(date)).unwrap();
        assert_eq!(on("2019-12-31").as_deref(), Some("深星源A"));
        assert_eq!(on("2020-01-01").as_deref(), Some("ST星源"));
        assert_eq!(on("2025-02-07").as_deref(), Some("*ST星源"));
        assert_eq!(store.name_on(s("600001"), d("2025-02-07")).unwrap(), None);
    }

    #[test]
    fn a_code_change_is_followed_both_ways() {
        let mut store = Store::open_in_memory().unwrap();
        let (old, new) = (s("839493"), s("920493"));
        let c = store
            .import_code_changes(&[(old, new, d("2025-10-09"))])
            .unwrap();
        assert_eq!(c.added, 1);
        let c = store
            .import_code_changes(&[(old, new, d("2025-10-09"))])
            .unwrap();
        assert_eq!(c.unchanged, 1);
        assert_eq!(store.successor(old).unwrap(), Some((new, d("2025-10-09"))));
        assert_eq!(store.successor(new).unwrap(), None);
        assert_eq!(store.predecessors(new).unwrap(), [(old, d("2025-10-09"))]);
        store
            .import_names(&[(old, None, "并行科技".to_string())])
            .unwrap();
        assert_eq!(
            store.name_on(new, d("2025-02-07")).unwrap().as_deref(),
            Some("并行科技")
        );
    }
}
