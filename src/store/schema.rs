//! Schema migrations: [`MIGRATIONS`] is applied in order, each once, all pending ones in one
//! transaction; `PRAGMA user_version` holds how many have run. To change the schema,
//! append a migration; never edit one that has shipped.

use rusqlite::{Connection, TransactionBehavior};

use super::{sql, Error, Result};

/// The migrations, oldest first. Index `i` brings the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: securities, daily bars, index bars, trading dates, ST periods. `sid` is the
    // security as one integer (see `store::sid`), so keys compare as integers.
    "
    CREATE TABLE securities (
        sid       INTEGER PRIMARY KEY,
        exchange  TEXT NOT NULL,
        code      TEXT NOT NULL,
        name      TEXT,
        board     TEXT,
        list_date INTEGER
    );
    CREATE INDEX securities_name ON securities(name);

    CREATE TABLE bars (
        sid        INTEGER NOT NULL,
        date       INTEGER NOT NULL,
        open       INTEGER NOT NULL,
        high       INTEGER NOT NULL,
        low        INTEGER NOT NULL,
        close      INTEGER NOT NULL,
        prev_close INTEGER,
        volume     INTEGER,
        amount     REAL,
        turnover   REAL,
        st         INTEGER,
        PRIMARY KEY (sid, date)
    ) WITHOUT ROWID;

    CREATE TABLE index_bars (
        sid   INTEGER NOT NULL,
        date  INTEGER NOT NULL,
        open  REAL NOT NULL,
        high  REAL NOT NULL,
        low   REAL NOT NULL,
        close REAL NOT NULL,
        PRIMARY KEY (sid, date)
    ) WITHOUT ROWID;

    CREATE TABLE trading_dates (
        date INTEGER PRIMARY KEY
    );

    CREATE TABLE st_periods (
        sid        INTEGER NOT NULL,
        start_date INTEGER NOT NULL,
        end_date   INTEGER,
        kind       TEXT NOT NULL,
        source     TEXT,
        PRIMARY KEY (sid, start_date)
    ) WITHOUT ROWID;
    ",
    // 2: documents and their full-text index. `n` pins the rowid (a rowid that is not an
    // INTEGER PRIMARY KEY may change on VACUUM) so the FTS rows keep pointing at their
    // document; `id` is the stable id users and evidence see. The FTS table is
    // contentless: it holds the jieba tokens of title, text, question and answer joined by
    // spaces (see `store::docs`), and snippets are cut from `documents` itself.
    "
    CREATE TABLE documents (
        n           INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        sid         INTEGER NOT NULL,
        date        INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        title       TEXT,
        text        TEXT NOT NULL,
        question    TEXT,
        answer      TEXT,
        url         TEXT,
        source      TEXT,
        imported_at TEXT NOT NULL
    );
    CREATE INDEX documents_sid_date ON documents(sid, date);
    CREATE INDEX documents_date ON documents(date);

    CREATE VIRTUAL TABLE documents_fts USING fts5(
        tokens, content = '', contentless_delete = 1, tokenize = 'unicode61'
    );
    ",
    // 3: segments and theme members. `segments` holds revenue composition (主营构成) as
    // imported: one row per security, report period, breakdown kind and segment, the share
    // as given (fraction or percentage; `exposure` normalises per breakdown). A re-import
    // replaces each (sid, period, kind) breakdown it carries. `theme_members` holds theme
    // constituents, one row per theme, security and source of the membership.
    "
    CREATE TABLE segments (
        sid         INTEGER NOT NULL,
        period      INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        segment     TEXT NOT NULL,
        revenue     REAL,
        share       REAL,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (sid, period, kind, segment)
    ) WITHOUT ROWID;

    CREATE TABLE theme_members (
        theme       TEXT NOT NULL,
        sid         INTEGER NOT NULL,
        name        TEXT,
        reason      TEXT,
        source      TEXT NOT NULL,
        joined      INTEGER,
        imported_at TEXT NOT NULL,
        PRIMARY KEY (theme, sid, source)
    ) WITHOUT ROWID;
    CREATE INDEX theme_members_sid ON theme_members(sid);
    ",
    // 4: ST list coverage. The date ranges that imported daily ST lists cover (within
    // them a stock absent from the list is not ST), and `source` ('list' or 'periods')
    // added to the key of `st_periods` so that a daily list's period and a generic one
    // starting the same day do not collide (store/st.rs).
    "
    CREATE TABLE st_coverage (
        start_date INTEGER NOT NULL,
        end_date   INTEGER NOT NULL,
        source     TEXT NOT NULL,
        PRIMARY KEY (start_date, end_date)
    ) WITHOUT ROWID;

    CREATE TABLE st_periods_keyed (
        sid        INTEGER NOT NULL,
        start_date INTEGER NOT NULL,
        end_date   INTEGER,
        kind       TEXT NOT NULL,
        source     TEXT NOT NULL,
        PRIMARY KEY (sid, source, start_date)
    ) WITHOUT ROWID;
    INSERT INTO st_periods_keyed
        SELECT sid, start_date, end_date, kind, coalesce(source, 'periods') FROM st_periods;
    DROP TABLE st_periods;
    ALTER TABLE st_periods_keyed RENAME TO st_periods;
    ",
    // 5: user themes (`hypecheck theme add FILE`): the TOML text as given, so `--theme ID`
    // finds it in this store; parsed again on use by `theme::Theme::parse`.
    "
    CREATE TABLE themes (
        id       TEXT PRIMARY KEY,
        toml     TEXT NOT NULL,
        origin   TEXT NOT NULL,
        added_at TEXT NOT NULL
    ) WITHOUT ROWID;
    ",
    // 6: dated names (a name-change history: the name from `start_date` on; 0 = the name
    // before the first change the history knows) and code changes (the BSE's move to
    // 920xxx codes: `old_sid` became `new_sid` on `date`), store/names.rs.
    "
    CREATE TABLE names (
        sid        INTEGER NOT NULL,
        start_date INTEGER NOT NULL,
        name       TEXT NOT NULL,
        PRIMARY KEY (sid, start_date)
    ) WITHOUT ROWID;

    CREATE TABLE code_changes (
        old_sid INTEGER PRIMARY KEY,
        new_sid INTEGER NOT NULL,
        date    INTEGER NOT NULL
    );
    CREATE INDEX code_changes_new ON code_changes(new_sid);
    ",
    // 7: the date of the bar a security's name came from, so that importing an older file
    // after a newer one (a backfill) does not make the older name the current one.
    "
    ALTER TABLE securities ADD COLUMN name_date INTEGER;
    ",
    // 8: share counts (股本, `import shares`): a stock's float and total shares from `date`
    // on, in shares; the counts as of a day are the latest row on or before it
    // (store/shares.rs). `source` is the format of the file the row came from.
    "
    CREATE TABLE shares (
        sid          INTEGER NOT NULL,
        date         INTEGER NOT NULL,
        float_shares INTEGER,
        total_shares INTEGER,
        source       TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        PRIMARY KEY (sid, date)
    ) WITHOUT ROWID;
    ",
    // 9: the date a Q&A record's question was asked. `documents.date` is the date the
    // document counts from (a Q&A answer's date; an unanswered question's date), so an
    // answer given weeks after its question is not read before it was given.
    "
    ALTER TABLE documents ADD COLUMN question_date INTEGER;
    ",
    // 10: the dates of the as-of rules (docs/design.md §6 "As of a date"): when a stock was
    // added to and removed from a theme (`joined` stays the date a file gave without saying
    // which: the day the membership was seen), and when a revenue report was published.
    "
    ALTER TABLE theme_members ADD COLUMN added INTEGER;
    ALTER TABLE theme_members ADD COLUMN removed INTEGER;
    ALTER TABLE segments ADD COLUMN published INTEGER;
    ",
];

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Applies the pending migrations in one transaction.
pub(super) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let e = sql(path, "migrating the schema");
    // An up-to-date store needs no write lock: readers must open it while an import runs.
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(&e)?;
    if found == current_version() {
        return Ok(());
    }
    // IMMEDIATE takes the write lock first, so two processes opening a new store at once
    // do not both migrate.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&e)?;
    let found: i64 = tx
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(&e)?;
    let known = current_version();
    if found > known {
        return Err(Error::NewerSchema {
            path: path.to_string(),
            found,
            known,
        });
    }
    if found == known {
        return Ok(());
    }
    for m in &MIGRATIONS[found as usize..] {
        tx.execute_batch(m).map_err(&e)?;
    }
    tx.pragma_update(None, "user_version", known).map_err(&e)?;
    tx.commit().map_err(&e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_record_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, "t").unwrap();
        migrate(&mut conn, "t").unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, current_version());
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn, "t"),
            Err(Error::NewerSchema { found: 99, .. })
        ));
    }
}
