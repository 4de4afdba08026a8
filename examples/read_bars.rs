//! Measures the bar reader's throughput on one file (not a test):
//! `cargo run --release --example read_bars -- ../shared/data/suiwenfeng-stock/daily_bars_long.csv.gz`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("read_bars: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let path: PathBuf = std::env::args_os()
        .nth(1)
        .ok_or("usage: read_bars FILE")?
        .into();
    let start = Instant::now();
    let mut reader = hypecheck::ingest::BarReader::open(&path)?;
    let mut closes: i64 = 0;
    while let Some(row) = reader.next_row()? {
        closes = closes.wrapping_add(row.bar.close);
    }
    let secs = start.elapsed().as_secs_f64();
    let stats = reader.stats();
    let rows = stats.lines();
    println!(
        "{}: {rows} rows ({} bars, {} suspended, {} B-share) in {secs:.3} s = {:.0} rows/s ({} format, checksum {closes})",
        path.display(),
        stats.rows,
        stats.suspended,
        stats.b_shares,
        rows as f64 / secs,
        reader.format().name()
    );
    Ok(())
}
