//! Several processes on one store (issue 6): a writer waits for another writer and says so,
//! gives up after `--wait` with a clear message, readers go on while imports run, nothing is
//! lost when two imports and a scan run at once, and a killed import leaves the store as it
//! was and the next import succeeds.

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

/// Starts `hypecheck ARGS` in the background with stderr going to `err`.
fn spawn(sb: &Sandbox, args: &[&str], err: &Path) -> Child {
    sb.cmd()
        .args(args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(err).unwrap())
        .spawn()
        .expect("start hypecheck")
}

/// Waits for `child` at most `limit`; kills it and fails when it takes longer.
fn finish(mut child: Child, limit: Duration, what: &str) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `file` until it contains `needle`; fails after `limit`.
fn wait_for_text(file: &Path, needle: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        if text.contains(needle) {
            return text;
        }
        assert!(
            start.elapsed() < limit,
            "{} never said {needle:?}; it said:\n{text}",
            file.display()
        );
        std::thread::sleep(Duration::from_millis(50));
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
    let zh = wait_for_text(&e1, "正被另一个进程写入", Duration::from_secs(30));
    assert!(zh.contains("--wait"), "{zh}");
    let en = wait_for_text(&e2, "is busy", Duration::from_secs(30));
    assert!(en.contains("waiting"), "{en}");

    // Readers are not blocked by the held write lock, and see the committed state.
    assert_eq!(scan_json(&sb), scan_before);
    sb.ok(&["ladder", "--date", "2025-04-17"]);

    holder.execute_batch("COMMIT").unwrap();
    drop(holder);
    assert!(finish(bars_import, Duration::from_secs(60), "bar import").success());
    assert!(finish(docs_import, Duration::from_secs(60), "doc import").success());
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
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "waited {:?}",
            t.elapsed()
        );
    }
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert_eq!(contents(&sb.db()), before);
}

#[test]
fn two_imports_and_scans_at_once_lose_nothing() {
    let sb = Sandbox::with_scan_data();
    let (a, b) = (sb.path("a.csv"), sb.path("b.csv"));
    let na = write_bars(&a, 600_200, 40, 2000);
    let nb = write_bars(&b, 600_300, 40, 2000);
    let before = bar_count(&sb.db());
    let scan_before = scan_json(&sb);

    let ia = spawn(&sb, &["import", "bars", arg(&a)], &sb.path("a.err"));
    let ib = spawn(&sb, &["import", "bars", arg(&b)], &sb.path("b.err"));
    // Scans while both imports run (the demo stocks are not touched by them).
    let mut scans = 0;
    let start = Instant::now();
    while scans < 3 || start.elapsed() < Duration::from_millis(500) {
        assert_eq!(
            scan_json(&sb),
            scan_before,
            "a scan saw a half-written store"
        );
        scans += 1;
        if scans > 50 {
            break;
        }
    }
    assert!(finish(ia, Duration::from_secs(120), "import a").success());
    assert!(finish(ib, Duration::from_secs(120), "import b").success());
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
            write_bars(&big_bars, 601_000, 300, 2000),
            &big_bars,
            " rows read",
        ),
        (
            "docs",
            write_docs(&big_docs, 40_000),
            &big_docs,
            " documents read",
        ),
    ];
    for (kind, n, file, unit) in cases {
        let before = contents(&sb.db());
        for delay_ms in [300, 1200, 2500] {
            let mut child = sb
                .cmd()
                .args(["import", kind, arg(file)])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay_ms));
            let finished = child.try_wait().unwrap().is_some();
            assert!(
                !finished,
                "the {kind} import ended within {delay_ms} ms; make the file bigger"
            );
            child.kill().unwrap(); // SIGKILL: no destructor, no rollback runs
            child.wait().unwrap();
            assert_eq!(
                contents(&sb.db()),
                before,
                "{kind} import killed after {delay_ms} ms: the store changed"
            );
            integrity_ok(&sb.db());
        }
        let out = sb.ok(&["--lang", "en", "import", kind, arg(file)]);
        assert!(out.contains(&format!("{n}{unit}, {n} added,")), "{out}");
        integrity_ok(&sb.db());
    }
    // The documents' full-text index took the new documents too.
    let hits = sb.ok(&["search", "第39999问", "--json"]);
    assert!(hits.contains("39999"), "{hits}");
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
