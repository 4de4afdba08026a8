//! A theme scan from Rust, without the binary: imports a bar file, index levels and a
//! document file into a fresh store, then prints each stock's verdict.
//! `cargo run --example scan -- demo/bars.csv demo/index.csv demo/docs.jsonl demo/theme.toml 2025-04-18`

use hypecheck::assess::Thresholds;
use hypecheck::ingest::DocDefaults;
use hypecheck::jobs::{self, import};
use hypecheck::store::Store;
use hypecheck::theme::Theme;

fn main() {
    if let Err(e) = run() {
        eprintln!("scan: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bars, index, docs, theme, asof] = args.as_slice() else {
        return Err("usage: scan BARS INDEX DOCS THEME.toml ASOF".into());
    };
    let mut store = Store::open_in_memory()?;
    import::bars(
        &mut store,
        bars.as_ref(),
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )?;
    import::index(
        &mut store,
        index.as_ref(),
        None,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )?;
    import::docs(
        &mut store,
        docs.as_ref(),
        DocDefaults::default(),
        &mut import::BadRows::refuse(),
    )?;
    let theme = Theme::parse(&std::fs::read_to_string(theme)?, theme)?;
    let scan = jobs::scan(&store, &theme, asof.parse()?, &Thresholds::default())?;
    for a in &scan.report.stocks {
        println!("{} {:<6} {}", a.code, a.verdict.name(), a.substance.name());
    }
    Ok(())
}
