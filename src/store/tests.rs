//! Store tests: idempotent imports, rollback, and the queries.

use super::*;
use crate::model::{Bar, Date, IndexBar, Symbol};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn sym(s: &str) -> Symbol {
    Symbol::parse_stock(s).unwrap()
}

fn bar(date: &str, close: i64) -> Bar {
    Bar {
        date: day(date),
        open: close,
        high: close,
        low: close,
        close,
        prev_close: None,
        volume: Some(100),
        amount: Some(1234.5),
        turnover: None,
        st: Some(false),
    }
}

fn import(store: &mut Store, rows: &[(&str, Option<&str>, Bar)]) -> ImportCounts {
    store
        .import_bars(|sink| -> Result<()> {
            for (s, name, b) in rows {
                sink.add(sym(s), *name, b)?;
            }
            Ok(())
        })
        .unwrap()
}

#[test]
fn reimport_adds_nothing_and_changes_are_counted() {
    let mut store = Store::open_in_memory().unwrap();
    let rows = vec![
        ("002881", Some("美格智能"), bar("2025-02-06", 4869)),
        ("002881", Some("美格智能"), bar("2025-02-07", 5356)),
        ("600126", Some("杭钢股份"), bar("2025-02-07", 700)),
    ];
    let c = import(&mut store, &rows);
    assert_eq!((c.read, c.added, c.updated, c.unchanged), (3, 3, 0, 0));
    let c = import(&mut store, &rows);
    assert_eq!((c.read, c.added, c.updated, c.unchanged), (3, 0, 0, 3));
    let mut changed = rows.clone();
    changed[1].2.close = 5300;
    changed[1].2.low = 5300;
    let c = import(&mut store, &changed);
    assert_eq!((c.added, c.updated, c.unchanged), (0, 1, 2));
    assert_eq!(store.counts().unwrap(), (2, 3, 0));
}

#[test]
fn a_less_complete_file_does_not_erase_columns() {
    let mut store = Store::open_in_memory().unwrap();
    let mut full = bar("2025-02-07", 5356);
    full.prev_close = Some(4869);
    import(&mut store, &[("002881", None, full.clone())]);
    let mut sparse = full.clone();
    sparse.prev_close = None;
    sparse.volume = None;
    let c = import(&mut store, &[("002881", None, sparse)]);
    assert_eq!(c.unchanged, 1);
    assert_eq!(store.bars(sym("002881"), ..).unwrap(), vec![full]);
}

#[test]
fn a_failing_fill_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &[("002881", None, bar("2025-02-06", 4869))]);
    let r: anyhow::Result<ImportCounts> = store.import_bars(|sink| {
        sink.add(sym("002881"), Some("x"), &bar("2025-02-07", 5356))?;
        sink.add(sym("600126"), None, &bar("2025-02-07", 700))?;
        anyhow::bail!("bad row")
    });
    assert_eq!(r.unwrap_err().to_string(), "bad row");
    assert_eq!(store.counts().unwrap(), (1, 1, 0));
    assert_eq!(store.latest_date().unwrap(), Some(day("2025-02-06")));
    assert_eq!(store.security(sym("002881")).unwrap().unwrap().name, None);
}

#[test]
fn queries() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.latest_date().unwrap(), None);
    import(
        &mut store,
        &[
            ("002881", Some("美格智能"), bar("2025-02-05", 4426)),
            ("002881", Some("美格智能"), bar("2025-02-06", 4869)),
            ("002881", Some("美格智能"), bar("2025-02-07", 5356)),
            ("600126", Some("杭钢股份"), bar("2025-02-07", 700)),
            ("920493", Some("并行科技"), bar("2024-12-02", 6793)),
        ],
    );
    let s = sym("002881");
    let window = store
        .bars(s, day("2025-02-06")..=day("2025-02-07"))
        .unwrap();
    assert_eq!(window.len(), 2);
    assert_eq!(window[0].close, 4869);
    assert_eq!(store.bars(s, ..day("2025-02-06")).unwrap().len(), 1);
    assert_eq!(store.bars(s, day("2025-02-06")..).unwrap().len(), 2);
    assert_eq!(
        store.symbols().unwrap(),
        vec![sym("600126"), sym("002881"), sym("920493")]
    );
    let sec = store.security(s).unwrap().unwrap();
    assert_eq!(sec.name.as_deref(), Some("美格智能"));
    assert_eq!(store.security(sym("000001")).unwrap(), None);
    assert_eq!(
        store.securities_by_name("杭钢股份").unwrap()[0].symbol,
        sym("600126")
    );
    assert_eq!(store.securities_by_name("美格").unwrap()[0].symbol, s);
    assert!(store.securities_by_name("不存在").unwrap().is_empty());
    assert_eq!(store.latest_date().unwrap(), Some(day("2025-02-07")));
    assert_eq!(
        store.trading_dates(day("2025-01-01")..).unwrap(),
        vec![day("2025-02-05"), day("2025-02-06"), day("2025-02-07")]
    );
    let between: Vec<(Symbol, usize)> = store
        .bars_between(day("2025-02-06")..=day("2025-02-07"))
        .unwrap()
        .map(|r| r.map(|(s, b)| (s, b.len())))
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(between, vec![(sym("600126"), 1), (s, 2)]);
}

#[test]
fn index_bars_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let code = Symbol::parse_index("000001.SH").unwrap();
    let b = IndexBar {
        date: day("2025-02-07"),
        open: 3250.12,
        high: 3271.42,
        low: 3222.3,
        close: 3270.657,
    };
    let c = store
        .import_index(|sink| -> Result<()> { sink.add(code, &b) })
        .unwrap();
    assert_eq!(c.added, 1);
    let c = store
        .import_index(|sink| -> Result<()> { sink.add(code, &b) })
        .unwrap();
    assert_eq!(c.unchanged, 1);
    assert_eq!(store.index_bars(code, ..).unwrap(), vec![b]);
    // An index is not a stock: 000001.SH bars do not show up as 000001.SZ.
    assert!(store.bars(sym("000001"), ..).unwrap().is_empty());
}

#[test]
fn file_store_is_wal_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    {
        let mut store = Store::open(&path).unwrap();
        import(&mut store, &[("002881", None, bar("2025-02-07", 5356))]);
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::current_version());
    assert_eq!(store.counts().unwrap().1, 1);
}

#[test]
fn security_ids_round_trip_and_sort_like_symbols() {
    use super::keys::{sid, sid_symbol};
    let syms = ["600126.SH", "000001.SZ", "920493.BJ", "000001.SH"];
    for s in syms {
        let sym: Symbol = if s == "000001.SH" {
            Symbol::parse_index(s).unwrap()
        } else {
            sym(s)
        };
        assert_eq!(sid_symbol(sid(sym)), Some(sym));
    }
    assert_eq!(sid(sym("600126")), 1_600_126);
    assert!(sid(sym("688316")) < sid(sym("000001")));
    assert_eq!(sid_symbol(4_000_001), None);
}

#[test]
fn a_second_writer_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    Store::open(&path).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let (waiting_tx, waiting_rx) = std::sync::mpsc::channel();
    let p = path.clone();
    let first = std::thread::spawn(move || {
        let mut store = Store::open(&p).unwrap();
        store
            .import_bars(|sink| -> Result<()> {
                sink.add(sym("002881"), None, &bar("2025-02-06", 4869))?;
                tx.send(()).unwrap();
                // Hold the write transaction until the other writer says it waits.
                waiting_rx.recv().unwrap();
                sink.add(sym("002881"), None, &bar("2025-02-07", 5356))
            })
            .unwrap()
    });
    rx.recv().unwrap();
    let mut store = Store::open(&path).unwrap();
    store.on_wait(move |_, _| waiting_tx.send(()).unwrap());
    let c = import(&mut store, &[("600126", None, bar("2025-02-07", 700))]);
    assert_eq!(c.added, 1);
    assert_eq!(first.join().unwrap().added, 2);
    assert_eq!(store.counts().unwrap(), (2, 3, 0));
}

#[test]
fn a_writer_tells_once_that_it_waits_and_gives_up_after_its_wait() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.db");
    let mut store = Store::open(&path).unwrap();
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let told = std::rc::Rc::new(std::cell::Cell::new(0));
    let t = told.clone();
    store.on_wait(move |p, wait| {
        assert!(p.ends_with("h.db"));
        assert_eq!(wait, std::time::Duration::from_millis(700));
        t.set(t.get() + 1);
    });
    store.set_wait(std::time::Duration::from_millis(700));
    let start = std::time::Instant::now();
    let err = store
        .import_bars(|sink| sink.add(sym("002881"), None, &bar("2025-02-07", 5356)))
        .unwrap_err();
    assert!(start.elapsed() >= std::time::Duration::from_millis(700));
    assert!(matches!(err, Error::Busy { .. }), "{err}");
    assert!(err.to_string().contains("--wait"), "{err}");
    assert_eq!(told.get(), 1, "told once, not once per retry");

    // Readers are not held up by the other writer.
    assert_eq!(store.counts().unwrap(), (0, 0, 0));
    holder.execute_batch("ROLLBACK").unwrap();
    let c = import(&mut store, &[("002881", None, bar("2025-02-07", 5356))]);
    assert_eq!(c.added, 1);
    assert_eq!(told.get(), 1);
}
