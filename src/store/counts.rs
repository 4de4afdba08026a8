//! What an import did, row by row, and the counted upsert every sink runs: insert a row
//! the store lacks, else update one that differs, else leave it.

use rusqlite::{Statement, ToSql, Transaction};

use super::{sql, Result};

/// What one import did, row by row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    /// Rows handed to the sink.
    pub read: u64,
    /// Rows for a (security, date) the store did not have.
    pub added: u64,
    /// Rows that changed a stored row.
    pub updated: u64,
    /// Rows equal to what was stored.
    pub unchanged: u64,
}

/// What an upsert did with one row (for documents: [`super::DocSink::add`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A row (document) the store did not have.
    Added,
    /// A stored row with the same key and other content, now replaced.
    Updated,
    /// The same row was stored already.
    Unchanged,
}

impl ImportCounts {
    /// Counts one row handed to a sink.
    pub(super) fn count(&mut self, change: Change) {
        self.read += 1;
        match change {
            Change::Added => self.added += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// The counted upsert of one table inside an import's transaction: `insert` must do
/// nothing when the key exists, `update` nothing when the row is equal; both take the
/// same values.
pub(super) struct Upsert<'t> {
    insert: Statement<'t>,
    update: Statement<'t>,
    counts: ImportCounts,
    path: &'t str,
    /// What a row is, for errors ("storing a bar").
    what: &'static str,
}

impl<'t> Upsert<'t> {
    /// Prepares both statements.
    pub(super) fn new(
        tx: &'t Transaction<'_>,
        path: &'t str,
        what: &'static str,
        insert: &str,
        update: &str,
    ) -> Result<Upsert<'t>> {
        let e = sql(path, what);
        Ok(Upsert {
            insert: tx.prepare(insert).map_err(&e)?,
            update: tx.prepare(update).map_err(&e)?,
            counts: ImportCounts::default(),
            path,
            what,
        })
    }

    /// Inserts, else updates, one row, and counts the outcome.
    pub(super) fn row(&mut self, values: &[&dyn ToSql]) -> Result<Change> {
        let e = sql(self.path, self.what);
        let change = if self.insert.execute(values).map_err(&e)? == 1 {
            Change::Added
        } else if self.update.execute(values).map_err(&e)? == 1 {
            Change::Updated
        } else {
            Change::Unchanged
        };
        self.counts.count(change);
        Ok(change)
    }

    /// The counts so far.
    pub(super) fn counts(&self) -> ImportCounts {
        self.counts
    }
}
