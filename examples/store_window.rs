//! Measures `Store::bars_between` over a whole-market store (not a test):
//! `cargo run --release --example store_window -- hypecheck.db 2025-02-01 2025-03-01`

use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("store_window: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, from, to] = args.as_slice() else {
        return Err("usage: store_window DB FROM TO".into());
    };
    let (from, to): (hypecheck::model::Date, hypecheck::model::Date) = (from.parse()?, to.parse()?);
    let store = hypecheck::store::Store::open(db.as_ref())?;
    let start = Instant::now();
    let (mut stocks, mut bars) = (0, 0);
    for item in store.bars_between(from..=to)? {
        let (_, b) = item?;
        stocks += 1;
        bars += b.len();
    }
    println!(
        "{stocks} stocks, {bars} bars in {:.3} s; latest date {:?}",
        start.elapsed().as_secs_f64(),
        store.latest_date()?
    );
    Ok(())
}
