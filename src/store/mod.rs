//! The SQLite store: the only module that knows SQL (design.md §2).
//!
//! One file (`hypecheck.db` by default) in WAL mode with a busy timeout, so that a second
//! writer waits instead of failing. The schema is a list of migrations applied in order
//! ([`schema`]); `PRAGMA user_version` records how many ran. Imports run one transaction
//! per file through [`Store::import_bars`], [`Store::import_index`] and
//! [`Store::import_docs`]: upserts are idempotent and counted, and when the caller's closure
//! fails nothing of the file stays. Documents are searchable with [`Store::search`]
//! (FTS5 over jieba words; see `docs.rs`).
//!
//! Revenue composition ([`Store::import_segments`], [`Store::segments`]) and theme
//! members ([`Store::import_members`], [`Store::members`], [`Store::themes_of`]) follow
//! the same pattern.
//!
//! Dated ST lists are stored by [`Store::import_st`] and override `bar.st` in
//! [`Store::bars`] and [`Store::bars_between`] (see `st.rs` for the rules).
//!
//! Encoding: a security is the integer `sid` = exchange rank (SH 1, SZ 2, BJ 3) × 10^6 +
//! code (`600126.SH` → 1600126; `securities` also keeps exchange and code as text), dates
//! are the integer `YYYYMMDD`, stock prices integer fen, index levels REAL. Integer keys
//! make the bars table smaller and imports faster than text keys.
//!
//! ```
//! use hypecheck::model::{Bar, Date, Symbol};
//! use hypecheck::store::Store;
//!
//! let mut store = Store::open_in_memory()?;
//! let sym = Symbol::parse_stock("002881")?;
//! let date = Date::from_ymd_opt(2025, 2, 7).unwrap();
//! let bar = Bar { date, open: 3800, high: 4180, low: 3790, close: 4180, prev_close: Some(3800),
//!     volume: None, amount: None, turnover: None, st: None };
//! let counts = store.import_bars(|sink| sink.add(sym, Some("美格智能"), &bar))?;
//! assert_eq!(counts.added, 1);
//! assert_eq!(store.bars(sym, ..)?, vec![bar]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod bars;
mod docs;
mod members;
pub mod schema;
mod segments;
mod st;
mod themes;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

pub use bars::{BarSink, BarsBetween, ImportCounts, IndexSink, Security};
pub use docs::{search_tokens, Change, DocSink, Hit, SearchFilter, Snippet};
pub use members::{Member, MemberSink};
pub use segments::{SegmentCounts, SegmentSink};
pub use st::{StCounts, StPeriod, StSource};

/// An error of the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite refused an operation.
    #[error("store {path}: {what}: {cause}")]
    Sqlite {
        /// The store file.
        path: String,
        /// What was being done.
        what: &'static str,
        /// SQLite's error.
        cause: rusqlite::Error,
    },
    /// The store was written by a newer hypecheck.
    #[error(
        "store {path} has schema version {found}, newer than this hypecheck knows ({known}); \
         upgrade hypecheck"
    )]
    NewerSchema {
        /// The store file.
        path: String,
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// A stored value this build cannot read.
    #[error("store {path}: {what}")]
    Corrupt {
        /// The store file.
        path: String,
        /// What is wrong.
        what: String,
    },
}

/// A result of the store.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How long a writer waits for another writer's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens (creating when missing) the store file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(sql(&name, "opening"))?;
        Store::init(conn, name, true)
    }

    /// A store in memory, for tests and examples.
    pub fn open_in_memory() -> Result<Store> {
        let name = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(sql(&name, "opening"))?;
        Store::init(conn, name, false)
    }

    fn init(conn: Connection, path: String, wal: bool) -> Result<Store> {
        configure(&conn, wal).map_err(sql(&path, "setting up the connection"))?;
        let mut store = Store { conn, path };
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// The store file as given (`:memory:` for an in-memory store).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql(&self.path, "reading the schema version"))
    }
}

fn configure(conn: &Connection, wal: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if wal {
        // WAL lets readers go on while one writer imports; NORMAL sync never corrupts the
        // file (a power cut may lose the last commits, not half of one).
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MiB of page cache keeps a whole-market import from spilling mid-transaction.
    conn.pragma_update(None, "cache_size", -65536)
}

/// Maps a SQLite error to [`Error::Sqlite`].
impl Store {
    /// Runs `body` in one write transaction: `BEGIN IMMEDIATE`, so a writer in another
    /// process waits for this one; commits when `body` returns `Ok`, and when it fails (or
    /// panics) nothing it wrote stays. Every import goes through here.
    fn write<T, E: From<Error>>(
        &mut self,
        what: &'static str,
        body: impl FnOnce(&rusqlite::Transaction<'_>, &str) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let path = self.path.as_str();
        let e = sql(path, what);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(&e)?;
        let value = body(&tx, path)?;
        tx.commit().map_err(&e)?;
        Ok(value)
    }
}

fn sql<'a>(path: &'a str, what: &'static str) -> impl Fn(rusqlite::Error) -> Error + 'a {
    move |cause| Error::Sqlite {
        path: path.to_string(),
        what,
        cause,
    }
}

#[cfg(test)]
mod tests;
