//! The SQLite store: the only module that knows SQL (docs/design.md §2).
//!
//! One file (`hypecheck.db` by default) in WAL mode: readers never wait for a writer, and
//! a second writer waits for the first ([`Store::set_wait`], default 60 s), telling
//! [`Store::on_wait`] once that it waits, then fails with [`Error::Busy`]. Opening an
//! up-to-date store takes no lock. The schema is a list of migrations applied in order
//! ([`schema`]); `PRAGMA user_version` records how many ran. Imports run one transaction
//! per file through [`Store::import_bars`], [`Store::import_index`] and
//! [`Store::import_docs`]: upserts are idempotent and counted, and when the caller's closure
//! fails nothing of the file stays. Documents are searchable with [`Store::search`]
//! (FTS5 over jieba words; see `docs.rs`).
//!
//! Revenue composition ([`Store::import_segments`], [`Store::segments`]) and theme
//! members ([`Store::import_members`], [`Store::members`], [`Store::themes_of`]) and share
//! counts ([`Store::import_shares`], [`Store::shares`], [`Store::all_shares`]) follow the
//! same pattern.
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
mod counts;
mod docs;
mod keys;
mod latest;
mod members;
mod names;
pub mod schema;
mod segments;
mod shares;
mod st;
mod themes;

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

pub use bars::{BarSink, BarsBetween, IndexSink, ListingSink, Security};
use counts::Upsert;
pub use counts::{Change, ImportCounts};
pub use docs::{search_tokens, DocSink, Hit, SearchFilter, Snippet};
pub use members::{Member, MemberSink};
pub use segments::{SegmentCounts, SegmentSink};
pub use shares::ShareSink;
pub use st::{StCounts, StSource};

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
    /// Another process held the store's write lock for longer than the wait allowed.
    #[error(
        "store {path} stayed busy for {waited_s} s: another process (an import?) is writing \
         to it; wait for it to finish and run this again, or allow a longer wait with --wait"
    )]
    Busy {
        /// The store file.
        path: String,
        /// How long this process waited, in seconds.
        waited_s: u64,
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

/// How long a writer waits by default for another writer's transaction before giving up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// How long one attempt to take the write lock blocks inside SQLite before
/// [`Store::write`] tells the caller it is waiting and tries again.
const LOCK_POLL: Duration = Duration::from_millis(200);

thread_local! {
    static STATEMENTS: std::cell::RefCell<std::collections::HashMap<String, u64>> =
        Default::default();
}

fn count_statement(e: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(_, sql) = e {
        STATEMENTS.with(|m| {
            let mut m = m.borrow_mut();
            match m.get_mut(sql) {
                Some(n) => *n += 1,
                None => {
                    m.insert(sql.to_string(), 1);
                }
            }
        });
    }
}

/// The SQL statements that the stores of this thread run since they called
/// [`Store::count_statements`], with how many times each started running (a statement
/// re-run counts again), most frequent first: what a job costs in store queries.
pub fn statements_run() -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> =
        STATEMENTS.with(|m| m.borrow().iter().map(|(s, n)| (s.clone(), *n)).collect());
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: String,
    wait: Duration,
    on_wait: Option<WaitNotice>,
}

/// What [`Store::on_wait`] calls: the store path and the longest wait.
type WaitNotice = Box<dyn FnMut(&str, Duration)>;

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
        let mut store = Store {
            conn,
            path,
            wait: DEFAULT_WAIT,
            on_wait: None,
        };
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Counts the statements this store runs from now on, per SQL text, on this thread
    /// ([`statements_run`]), for measuring what a job costs in store queries.
    pub fn count_statements(&self) {
        self.conn.trace_v2(
            rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
            Some(count_statement),
        );
    }

    /// How long a write waits for another process's write transaction before failing with
    /// [`Error::Busy`] (default [`DEFAULT_WAIT`]). Readers never wait for writers (WAL).
    pub fn set_wait(&mut self, wait: Duration) {
        self.wait = wait;
        // Statements outside `write` (schema upgrades, `add_theme`) wait inside SQLite.
        let _ = self.conn.busy_timeout(wait);
    }

    /// Called once per write that has to wait for another process, with the store path and
    /// the longest wait, so that a command can say why it is not moving.
    pub fn on_wait(&mut self, notice: impl FnMut(&str, Duration) + 'static) {
        self.on_wait = Some(Box::new(notice));
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
    conn.busy_timeout(DEFAULT_WAIT)?;
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
    /// process waits for this one (telling [`Store::on_wait`] once, giving up with
    /// [`Error::Busy`] after [`Store::set_wait`]); commits when `body` returns `Ok`, and
    /// when it fails (or panics, or the process is killed) nothing it wrote stays. Every
    /// import goes through here.
    fn write<T, E: From<Error>>(
        &mut self,
        what: &'static str,
        body: impl FnOnce(&rusqlite::Transaction<'_>, &str) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let path = self.path.as_str();
        let e = sql(path, what);
        let start = std::time::Instant::now();
        let mut told = false;
        let poll = LOCK_POLL.min(self.wait);
        self.conn.busy_timeout(poll).map_err(&e)?;
        let tx = loop {
            use rusqlite::{ffi::ErrorCode, Error as E, TransactionBehavior::Immediate};
            match rusqlite::Transaction::new_unchecked(&self.conn, Immediate) {
                Ok(tx) => break Ok(tx),
                Err(E::SqliteFailure(f, _))
                    if f.code == ErrorCode::DatabaseBusy && start.elapsed() < self.wait =>
                {
                    if !told {
                        told = true;
                        if let Some(notice) = self.on_wait.as_mut() {
                            notice(path, self.wait);
                        }
                    }
                }
                Err(E::SqliteFailure(f, _)) if f.code == ErrorCode::DatabaseBusy => {
                    break Err(Error::Busy {
                        path: path.to_string(),
                        waited_s: start.elapsed().as_secs(),
                    })
                }
                Err(other) => break Err(e(other)),
            }
        };
        self.conn.busy_timeout(self.wait).map_err(&e)?;
        let tx = tx?;
        let value = body(&tx, path)?;
        pause::before_commit(what);
        tx.commit().map_err(&e)?;
        Ok(value)
    }
}

/// A test-only pause point inside the write transaction, so a test can act at a known
/// place of an import (kill it, or read beside it) whatever the machine's speed.
/// `HYPECHECK_TEST_PAUSE=FILE@N` makes the import write `FILE` once it has stored `N` rows
/// (documents, bars) inside its open transaction, and then wait, the transaction still
/// open, until `FILE` is removed (or the process is killed); `FILE@commit` does the same
/// after the last row, right before the commit. Unset (always, for users), it costs one
/// check of a cached value per row.
pub(crate) mod pause {
    use std::sync::OnceLock;

    enum At {
        Rows(u64),
        Commit,
    }

    fn spec() -> Option<&'static (String, At)> {
        static SPEC: OnceLock<Option<(String, At)>> = OnceLock::new();
        SPEC.get_or_init(|| {
            let v = std::env::var("HYPECHECK_TEST_PAUSE").ok()?;
            let (file, at) = v.rsplit_once('@')?;
            let at = match at {
                "commit" => At::Commit,
                n => At::Rows(n.parse().ok()?),
            };
            Some((file.to_string(), at))
        })
        .as_ref()
    }

    fn hold(file: &str, message: &str) {
        // Written whole to a temporary name and renamed, so the test never reads half.
        let tmp = format!("{file}.tmp");
        if std::fs::write(&tmp, message).is_err() || std::fs::rename(&tmp, file).is_err() {
            return;
        }
        while std::path::Path::new(file).exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    /// Called after each stored row with the number stored so far in this transaction.
    pub(crate) fn row_written(what: &str, rows: u64) {
        if let Some((file, At::Rows(n))) = spec() {
            if rows == *n {
                hold(
                    file,
                    &format!("{what}: {rows} rows written, transaction open\n"),
                );
            }
        }
    }

    /// Called when the transaction's work is done, right before it commits.
    pub(crate) fn before_commit(what: &str) {
        if let Some((file, At::Commit)) = spec() {
            hold(file, &format!("{what}: all rows written, before commit\n"));
        }
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
