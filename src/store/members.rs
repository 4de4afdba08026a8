//! Theme constituents: the import sink ([`MemberSink`]), [`Store::members`] and
//! [`Store::themes_of`].
//!
//! One row per (theme, security, source): the same stock listed by eastmoney and by a
//! user's file is two memberships, each with its own reason and date. A re-import updates
//! name, reason and date; a column the new file lacks (empty) keeps the stored value.

use rusqlite::{params, Row, Statement};

use super::keys::{date_key, key_date, sid, sid_symbol};
use super::segments::now;
use super::{sql, Error, ImportCounts, Result, Store, Upsert};
use crate::model::{printable, Date, Symbol};

/// A stock's membership in a theme, as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    /// The theme id.
    pub theme: String,
    /// The stock.
    #[serde(rename = "code")]
    pub symbol: Symbol,
    /// The stock's name as the source gave it.
    pub name: Option<String>,
    /// Why the stock is in the theme (入选理由).
    pub reason: Option<String>,
    /// Who lists it (eastmoney, ths, user, ...).
    pub source: String,
    /// The date the file gave without saying which (the day the membership was seen).
    pub joined: Option<Date>,
    /// When it was added to the theme, when the file says (`added`).
    pub added: Option<Date>,
    /// When it was removed from the theme, when the file says (`removed`).
    pub removed: Option<Date>,
    /// When the row was last added or changed, UTC ISO 8601.
    pub imported_at: String,
}

const INSERT: &str = "INSERT INTO theme_members
    (theme, sid, name, reason, source, joined, imported_at, added, removed)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING";

const UPDATE: &str = "UPDATE theme_members SET
    name = coalesce(?3, name), reason = coalesce(?4, reason), joined = coalesce(?6, joined),
    imported_at = ?7, added = coalesce(?8, added), removed = coalesce(?9, removed)
    WHERE theme = ?1 AND sid = ?2 AND source = ?5 AND (
        name IS NOT coalesce(?3, name) OR reason IS NOT coalesce(?4, reason)
        OR joined IS NOT coalesce(?6, joined) OR added IS NOT coalesce(?8, added)
        OR removed IS NOT coalesce(?9, removed))";

// The name fills a security the store does not name yet; bar files stay the authority.
const NAME_SECURITY: &str = "INSERT INTO securities (sid, exchange, code, name)
    VALUES (?1, ?2, ?3, ?4)
    ON CONFLICT (sid) DO UPDATE SET name = excluded.name
    WHERE securities.name IS NULL AND excluded.name IS NOT NULL";

const COLUMNS: &str = "theme, sid, name, reason, source, joined, imported_at, added, removed";

/// Receives the members of one file inside its transaction (see [`Store::import_members`]).
pub struct MemberSink<'t> {
    theme: String,
    rows: Upsert<'t>,
    security: Statement<'t>,
    now: String,
    path: &'t str,
}

impl MemberSink<'_> {
    /// Adds or updates one membership of the sink's theme, without `added` or `removed`
    /// dates.
    pub fn add(
        &mut self,
        symbol: Symbol,
        name: Option<&str>,
        reason: Option<&str>,
        source: &str,
        joined: Option<Date>,
    ) -> Result<()> {
        self.add_dated(symbol, name, reason, source, joined, (None, None))
    }

    /// Adds or updates one membership of the sink's theme with the days it was added and
    /// removed (`dates`), when the file says.
    pub fn add_dated(
        &mut self,
        symbol: Symbol,
        name: Option<&str>,
        reason: Option<&str>,
        source: &str,
        joined: Option<Date>,
        dates: (Option<Date>, Option<Date>),
    ) -> Result<()> {
        let e = sql(self.path, "storing a theme member");
        let id = sid(symbol);
        let (name, reason) = (name.map(printable), reason.map(printable));
        let source = printable(source);
        let values = params![
            self.theme,
            id,
            name,
            reason,
            source,
            joined.map(date_key),
            self.now,
            dates.0.map(date_key),
            dates.1.map(date_key)
        ];
        self.rows.row(values)?;
        self.security
            .execute(params![id, symbol.exchange.suffix(), symbol.code(), name])
            .map_err(&e)?;
        Ok(())
    }
}

impl Store {
    /// Imports one file's members of `theme` in one transaction, like
    /// [`Store::import_bars`].
    pub fn import_members<E: From<Error>>(
        &mut self,
        theme: &str,
        fill: impl FnOnce(&mut MemberSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing theme members", |tx, path| {
            let e = sql(path, "importing theme members");
            let counts = {
                let mut sink = MemberSink {
                    theme: theme.to_string(),
                    rows: Upsert::new(tx, path, "storing a theme member", INSERT, UPDATE)?,
                    security: tx.prepare(NAME_SECURITY).map_err(&e)?,
                    now: now(),
                    path,
                };
                fill(&mut sink)?;
                sink.rows.counts()
            };
            Ok(counts)
        })
    }

    /// The members of a theme, in code order (one entry per source).
    pub fn members(&self, theme: &str) -> Result<Vec<Member>> {
        self.query_members(
            &format!("SELECT {COLUMNS} FROM theme_members WHERE theme = ?1 ORDER BY sid, source"),
            theme,
        )
    }

    /// Every theme a stock belongs to, by theme id (one entry per source).
    pub fn themes_of(&self, symbol: Symbol) -> Result<Vec<Member>> {
        self.query_members(
            &format!("SELECT {COLUMNS} FROM theme_members WHERE sid = ?1 ORDER BY theme, source"),
            sid(symbol),
        )
    }

    /// The theme ids that have members, sorted.
    pub fn member_themes(&self) -> Result<Vec<String>> {
        let e = sql(&self.path, "listing themes with members");
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT theme FROM theme_members ORDER BY theme")
            .map_err(&e)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(&e)?;
        rows.collect::<rusqlite::Result<_>>().map_err(&e)
    }

    fn query_members(&self, query: &str, key: impl rusqlite::ToSql) -> Result<Vec<Member>> {
        let e = sql(&self.path, "reading theme members");
        let mut stmt = self.conn.prepare_cached(query).map_err(&e)?;
        let mut rows = stmt.query([key]).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            out.push(member_from_row(r, &self.path)?);
        }
        Ok(out)
    }
}

fn member_from_row(r: &Row<'_>, path: &str) -> Result<Member> {
    let e = sql(path, "reading a theme member");
    let id: i64 = r.get(1).map_err(&e)?;
    let joined: Option<i32> = r.get(5).map_err(&e)?;
    let added: Option<i32> = r.get(7).map_err(&e)?;
    let removed: Option<i32> = r.get(8).map_err(&e)?;
    Ok(Member {
        theme: r.get(0).map_err(&e)?,
        symbol: sid_symbol(id).ok_or_else(|| Error::Corrupt {
            path: path.to_string(),
            what: format!("{id} is not a security id"),
        })?,
        name: r.get(2).map_err(&e)?,
        reason: r.get(3).map_err(&e)?,
        source: r.get(4).map_err(&e)?,
        joined: joined.map(|k| key_date(k, path)).transpose()?,
        imported_at: r.get(6).map_err(&e)?,
        added: added.map(|k| key_date(k, path)).transpose()?,
        removed: removed.map(|k| key_date(k, path)).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reimport_updates_reason_and_date_and_adds_no_duplicate() {
        let mut store = Store::open_in_memory().unwrap();
        let a = Symbol::parse_stock("301890").unwrap();
        let b = Symbol::parse_stock("003890").unwrap();
        let d = |day| Date::from_ymd_opt(2025, 2, day);
        let add = |store: &mut Store, theme: &str, reason: Option<&str>, joined| {
            store
                .import_members(theme, |sink| -> Result<()> {
                    sink.add(a, Some("磐石电子"), reason, "ths", joined)?;
                    sink.add(b, None, None, "eastmoney", None)
                })
                .unwrap()
        };
        assert_eq!(add(&mut store, "compute", Some("AI主板"), d(6)).added, 2);
        assert_eq!(
            add(&mut store, "compute", Some("AI主板"), d(6)).unchanged,
            2
        );
        let c = add(&mut store, "compute", Some("AI服务器主板"), d(7));
        assert_eq!((c.added, c.updated, c.unchanged), (0, 1, 1));
        // An empty reason keeps the stored one.
        add(&mut store, "compute", None, None);
        add(&mut store, "deepseek", Some("适配"), d(8));
        let members = store.members("compute").unwrap();
        assert_eq!(members.len(), 2);
        let m = members.iter().find(|m| m.symbol == a).unwrap();
        assert_eq!(m.reason.as_deref(), Some("AI服务器主板"));
        assert_eq!(m.joined, d(7));
        let themes: Vec<String> = store
            .themes_of(a)
            .unwrap()
            .into_iter()
            .map(|m| m.theme)
            .collect();
        assert_eq!(themes, ["compute", "deepseek"]);
        assert_eq!(store.member_themes().unwrap(), ["compute", "deepseek"]);
        // The member file's name fills the unnamed security.
        let sec = store.security(a).unwrap().unwrap();
        assert_eq!(sec.name.as_deref(), Some("磐石电子"));
    }
}
