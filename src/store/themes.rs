//! User themes added with `hypecheck theme add`: stored as their TOML text, keyed by id.

use rusqlite::{params, OptionalExtension};

use super::{sql, Result, Store};

impl Store {
    /// Stores (or replaces) a user theme's TOML text under its id; returns whether a theme
    /// of that id was already stored.
    pub fn add_theme(&mut self, id: &str, toml: &str, origin: &str) -> Result<bool> {
        let had = self.user_theme(id)?.is_some();
        self.write("adding a theme", |tx, path| {
            tx.execute(
                "INSERT INTO themes (id, toml, origin, added_at)
                 VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
                 ON CONFLICT (id) DO UPDATE SET toml = excluded.toml,
                     origin = excluded.origin, added_at = excluded.added_at",
                params![id, toml, origin],
            )
            .map_err(sql(path, "adding a theme"))
        })?;
        Ok(had)
    }

    /// A user theme's TOML text and where it came from.
    pub fn user_theme(&self, id: &str) -> Result<Option<(String, String)>> {
        self.conn
            .query_row("SELECT toml, origin FROM themes WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(sql(&self.path, "reading a theme"))
    }

    /// The ids of the user themes, sorted.
    pub fn user_theme_ids(&self) -> Result<Vec<String>> {
        let e = sql(&self.path, "listing themes");
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM themes ORDER BY id")
            .map_err(&e)?;
        let ids = stmt.query_map([], |r| r.get(0)).map_err(&e)?;
        ids.collect::<rusqlite::Result<Vec<String>>>().map_err(e)
    }
}
