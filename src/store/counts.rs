//! What an import did, row by row, and the counted upsert every sink runs: insert a row
//! the store lacks, else update one that differs, else leave it.

use rusqlite::{Statement, ToSql};

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

    /// Runs `insert` (which must do nothing when the key exists), else `update` (which
    /// must do nothing when the row is equal) with the same values, and counts the outcome.
    pub(super) fn upsert(
        &mut self,
        insert: &mut Statement<'_>,
        update: &mut Statement<'_>,
        values: &[&dyn ToSql],
    ) -> rusqlite::Result<Change> {
        let change = if insert.execute(values)? == 1 {
            Change::Added
        } else if update.execute(values)? == 1 {
            Change::Updated
        } else {
            Change::Unchanged
        };
        self.count(change);
        Ok(change)
    }
}
