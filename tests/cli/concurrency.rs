//! Several processes on one store (issue 6): a writer waits for another writer and says so,
//! gives up after `--wait` with a clear message, readers go on while imports run, nothing is
//! lost when two imports and a scan run at once, and a killed import leaves the store as it
//! was and the next import succeeds.
//!
//! No test here guesses by the clock where another process is. An import started with
//! `HYPECHECK_TEST_PAUSE=FILE@N` writes FILE once it has stored N rows inside its open write
//! transaction and waits there until FILE is removed (`FILE@commit`: after the last row,
//! right before the commit); the tests act on that signal, and check that the write lock
//! is really held at that moment. Time limits below only stop a hung test; none of them
//! is a claim about speed.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::util::{arg, fixture, Sandbox};

/// A generic bar file of `stocks` × `days` rows on SSE codes from `first_code`, each row
/// valid (prices in fen steps, high ≥ open/close ≥ low, weekdays only).
fn write_bars(path: &Path, first_code: u32, stocks: u32, days: u32) -> u64 {
    let mut dates = Vec::new();
    let mut d = hypecheck::model::Date::from_ymd_opt(2015, 1, 5).unwrap();
    while dates.len() < days as usize {
        use chrono::Datelike;
        if d.weekday().number_from_monday() <= 5 {
            dates.push(d.format("%Y-%m-%d").to_string());
        }
        d = d.succ_opt().unwrap();
    }
    let mut s = String::from("code,date,open,high,low,close,prev_close,volume\n");
    for k in 0..stocks {
        let code = first_code + k;
        for (i, date) in dates.iter().enumerate() {
            // A price that moves a little every day and stays within ±10%.
            let prev = 1000 + ((i + k as usize) % 50) as u32;
            let close = 1000 + ((i + 1 + k as usize) % 50) as u32;
            let (lo, hi) = (prev.min(close) - 5, prev.max(close) + 5);
            let _ = writeln!(
                s,
                "{code},{date},{}.{:02},{}.{:02},{}.{:02},{}.{:02},{}.{:02},{}",
                prev / 100,
                prev % 100,
                hi / 100,
                hi % 100,
                lo / 100,
                lo % 100,
                close / 100,
                close % 100,
                prev / 100,
                prev % 100,
                10_000 + i
            );
        }
    }
    std::fs::write(path, s).unwrap();
    u64::from(stocks) * u64::from(days)
}

/// Every row of every table, as text, sorted: two stores with the same digest hold the
/// same data.
fn contents(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let mut line = t.clone();
            for i in 0..n {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                let _ = write!(line, "|{v:?}");
            }
            rows.push(line);
        }
    }
    rows.sort();
    rows
}

fn integrity_ok(db: &Path) {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0, "foreign keys broken");
}

fn bar_count(db: &Path) -> u64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM bars", [], |r| r.get(0))
        .unwrap()
}

fn doc_count(db: &Path) -> u64 {
    Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap()
}

/// A limit that only stops a test whose child process hangs; no test relies on it.
const HANG: Duration = Duration::from_secs(600);

/// Starts `hypecheck ARGS` in the background with stderr going to `err`.
fn spawn(sb: &Sandbox, args: &[&str], err: &Path) -> Child {
    spawn_with(sb.cmd(), args, err)
}

/// Starts `hypecheck ARGS` that pauses inside its write transaction at `at` (a row count or
/// `commit`) and signals through `signal` (see the module doc).
fn spawn_paused(sb: &Sandbox, args: &[&str], err: &Path, signal: &Path, at: &str) -> Child {
    let mut cmd = sb.cmd();
    cmd.env("HYPECHECK_TEST_PAUSE", format!("{}@{at}", signal.display()));
    spawn_with(cmd, args, err)
}

fn spawn_with(mut cmd: Command, args: &[&str], err: &Path) -> Child {
    cmd.args(args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(err).unwrap())
        .spawn()
        .expect("start hypecheck")
}

/// Waits until `child` signals through `signal` that it paused inside its transaction, and
/// returns what it said; fails when it ended without pausing.
fn wait_for_pause(child: &mut Child, signal: &Path, err: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(text) = std::fs::read_to_string(signal) {
            return text;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "the import ended ({status}) without pausing inside its transaction:\n{}",
                std::fs::read_to_string(err).unwrap_or_default()
            );
        }
        assert!(start.elapsed() < HANG, "no pause signal: the test hangs");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Whether another process holds the store's write lock right now (an immediate
/// transaction cannot start).
fn write_lock_held(db: &Path) -> bool {
    let conn = Connection::open(db).unwrap();
    conn.busy_timeout(Duration::ZERO).unwrap();
    match conn.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            conn.execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(rusqlite::Error::SqliteFailure(f, _)) => {
            assert_eq!(f.code, rusqlite::ErrorCode::DatabaseBusy, "{f}");
            true
        }
        Err(e) => panic!("{e}"),
    }
}

/// Waits for `child` to end; kills it and fails when it hangs.
fn finish(mut child: Child, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("{what} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Polls `file` until it contains `needle`; fails when the test hangs.
fn wait_for_text(file: &Path, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            start.elapsed() < HANG,
            "{} never said {needle:?}; it said:\n{text}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn scan_json(sb: &Sandbox) -> String {
    sb.ok(&[
        "scan",
        "--theme",
        "deepseek",
        "--asof",
        "2025-04-18",
        "--format",
        "json",
    ])
}

#[test]
fn writers_wait_for_a_held_lock_say_so_and_readers_go_on() {
    let sb = Sandbox::with_scan_data();
    let scan_before = scan_json(&sb);
    let bars = sb.path("more.csv");
    let n = write_bars(&bars, 600_100, 3, 40);
    let before = bar_count(&sb.db());
    let docs_before = doc_count(&sb.db());

    // Another process (here: this test) holds the write lock.
    let holder = Connection::open(sb.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let (e1, e2) = (sb.path("import1.err"), sb.path("import2.err"));
    let bars_import = spawn(&sb, &["--wait", "60", "import", "bars", arg(&bars)], &e1);
    let docs_import = spawn(
        &sb,
        &[
            "--lang",
            "en",
            "--wait",
            "60",
            "import",
            "docs",
            arg(&fixture("docs/docs.jsonl")),
        ],
        &e2,
    );
    let zh = wait_for_text(&e1, "正被另一个进程写入");
    assert!(zh.contains("--wait"), "{zh}");
    let en = wait_for_text(&e2, "is busy");
    assert!(en.contains("waiting"), "{en}");

    // Readers are not blocked by the held write lock, and see the committed state.
    assert_eq!(scan_json(&sb), scan_before);
    sb.ok(&["ladder", "--date", "2025-04-17"]);

    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    assert!(finish(bars_import, "bar import").success());
    assert!(finish(docs_import, "doc import").success());
    assert_eq!(bar_count(&sb.db()), before + n, "rows lost");
    assert!(
        doc_count(&sb.db()) > docs_before,
        "the waiting doc import stored nothing"
    );
    integrity_ok(&sb.db());
}

#[test]
fn a_writer_gives_up_after_its_wait_and_says_what_to_do() {
    let sb = Sandbox::with_scan_data();
    let before = contents(&sb.db());
    let holder = Connection::open(sb.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    for (lang, busy, hint) in [
        ("zh", "仍未释放写锁", "--wait"),
        ("en", "stayed busy for 1 s", "--wait"),
    ] {
        let t = Instant::now();
        let out = sb.run(&[
            "--lang",
            lang,
            "--wait",
            "1",
            "import",
            "bars",
            arg(&fixture("generic_mixed.csv")),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains(busy) && err.contains(hint), "{err}");
        assert!(
            err.contains(arg(&sb.db())),
            "the message names the store: {err}"
        );
        // It gave up only after the wait it was given (its own message says how long).
        assert!(t.elapsed() >= Duration::from_secs(1), "{:?}", t.elapsed());
    }
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(contents(&sb.db()), before);
}

#[test]
fn two_imports_and_scans_at_once_lose_nothing() {
    let sb = Sandbox::with_scan_data();
    let (a, b) = (sb.path("a.csv"), sb.path("b.csv"));
    let na = write_bars(&a, 600_200, 40, 500);
    let nb = write_bars(&b, 600_300, 40, 500);
    let before = bar_count(&sb.db());
    let scan_before = scan_json(&sb);

    // Import a pauses half-way inside its transaction; import b starts while a holds the
    // write lock, then pauses too once a has committed and it has the lock.
    let (sa, sb_sig) = (sb.path("a.paused"), sb.path("b.paused"));
    let (ea, eb) = (sb.path("a.err"), sb.path("b.err"));
    let half = (na / 2).to_string();
    let mut ia = spawn_paused(&sb, &["import", "bars", arg(&a)], &ea, &sa, &half);
    wait_for_pause(&mut ia, &sa, &ea);
    let mut ib = spawn_paused(&sb, &["import", "bars", arg(&b)], &eb, &sb_sig, "commit");
    wait_for_text(&eb, "正被另一个进程写入");

    // Scans while a is inside its transaction and b waits: they see the committed state.
    assert!(write_lock_held(&sb.db()), "a does not hold the write lock");
    for _ in 0..3 {
        assert_eq!(
            scan_json(&sb),
            scan_before,
            "a scan saw a half-written store"
        );
    }
    assert_eq!(
        bar_count(&sb.db()),
        before,
        "a's rows seen before its commit"
    );

    // a goes on and commits; b takes the lock, writes everything and pauses before its
    // commit: a scan then sees a's rows and none of b's.
    std::fs::remove_file(&sa).unwrap();
    assert!(finish(ia, "import a").success());
    wait_for_pause(&mut ib, &sb_sig, &eb);
    assert!(write_lock_held(&sb.db()), "b does not hold the write lock");
    assert_eq!(scan_json(&sb), scan_before);
    assert_eq!(
        bar_count(&sb.db()),
        before + na,
        "b's rows seen before its commit"
    );
    std::fs::remove_file(&sb_sig).unwrap();
    assert!(finish(ib, "import b").success());

    assert_eq!(bar_count(&sb.db()), before + na + nb, "rows lost");
    integrity_ok(&sb.db());
    // Importing again adds nothing: every row arrived once.
    let again = sb.ok(&["--lang", "en", "import", "bars", arg(&a), arg(&b)]);
    assert_eq!(again.matches(" 0 added,").count(), 2, "{again}");
}

/// Question-and-answer documents on DeepSeek, one per line, all distinct.
fn write_docs(path: &Path, n: u32) -> u64 {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(
            s,
            r#"{{"code":"{:06}","date":"2025-0{}-1{}","kind":"qa","question":"请问公司与DeepSeek是否有合作？第{i}问","answer":"公司产品已完成与DeepSeek模型的适配，相关业务尚未产生收入，敬请投资者注意风险。编号{i}"}}"#,
            600_000 + i % 500,
            1 + i % 9,
            i % 10
        );
    }
    std::fs::write(path, s).unwrap();
    u64::from(n)
}

#[test]
fn a_killed_import_leaves_the_store_as_it_was_and_the_next_one_succeeds() {
    let sb = Sandbox::with_scan_data();
    let big_bars = sb.path("big.csv");
    let big_docs = sb.path("big.jsonl");
    let cases = [
        (
            "bars",
            write_bars(&big_bars, 601_000, 100, 500),
            &big_bars,
            " rows read",
        ),
        (
            "docs",
            write_docs(&big_docs, 4_000),
            &big_docs,
            " documents read",
        ),
    ];
    for (kind, n, file, unit) in cases {
        let before = contents(&sb.db());
        let before_bytes = settled_bytes(&sb.db());
        // Killed after the first row, half-way, and with every row written but before the
        // commit: the last is the largest uncommitted state an import can leave.
        for at in ["1".to_string(), (n / 2).to_string(), "commit".to_string()] {
            let (signal, err) = (sb.path("paused"), sb.path("import.err"));
            let mut child = spawn_paused(&sb, &["import", kind, arg(file)], &err, &signal, &at);
            let said = wait_for_pause(&mut child, &signal, &err);
            assert!(said.contains("transaction open") || said.contains("before commit"));
            assert!(
                write_lock_held(&sb.db()),
                "the {kind} import paused at {at} without its write transaction"
            );
            child.kill().unwrap(); // SIGKILL: no destructor, no rollback runs
            child.wait().unwrap();
            std::fs::remove_file(&signal).unwrap();
            assert_eq!(
                contents(&sb.db()),
                before,
                "{kind} import killed at {at}: the store changed"
            );
            integrity_ok(&sb.db());
            assert!(
                settled_bytes(&sb.db()) == before_bytes,
                "{kind} import killed at {at}: the store file is not byte-for-byte as before"
            );
        }
        let out = sb.ok(&["--lang", "en", "import", kind, arg(file)]);
        assert!(out.contains(&format!("{n}{unit}, {n} added,")), "{out}");
        integrity_ok(&sb.db());
    }
    // The documents' full-text index took the new documents too.
    let hits = sb.ok(&["search", "第3999问", "--json"]);
    assert!(hits.contains("3999"), "{hits}");
}

/// The store file's bytes once every committed change is in it (the WAL checkpointed and
/// emptied).
fn settled_bytes(db: &Path) -> Vec<u8> {
    let conn = Connection::open(db).unwrap();
    let busy: i64 = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(busy, 0, "checkpoint blocked");
    drop(conn);
    std::fs::read(db).unwrap()
}

/// The waiting and giving up above need a real second process; this one checks that the
/// binary is the one that takes `--wait` from the environment too.
#[test]
fn the_wait_can_come_from_the_environment() {
    let sb = Sandbox::with_scan_data();
    let holder = Connection::open(sb.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_hypecheck"))
        .args(["--db", arg(&sb.db()), "--lang", "en", "import", "bars"])
        .arg(fixture("generic_mixed.csv"))
        .env("HYPECHECK_WAIT", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stayed busy for 1 s"));
}
