//! `hypecheck scan --theme ID|FILE [--asof DATE] [--window N]
//! [--format table|json|csv|parquet|html]
//! [--out FILE]`: heat against substance for every stock in the theme's scope (docs/design.md §7).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::assess::Thresholds;
use hypecheck::model::Date;
use hypecheck::report::Format;
use hypecheck::{jobs, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck scan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// The as-of date (YYYY-MM-DD or YYYYMMDD); default the store's latest bar date.
    /// Documents dated later are ignored
    #[arg(long, value_parser = parse_date)]
    asof: Option<Date>,
    /// The look-back window in trading days for heat
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// Output format: table (the terminal), json (the whole report), csv or parquet (one
    /// row per stock), html (a self-contained report)
    #[arg(long, value_parser = super::output::formats(&[Format::Table, Format::Json, Format::Csv, Format::Parquet, Format::Html]), default_value = "table")]
    format: Format,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// CSV without the UTF-8 byte-order mark (Excel needs the mark to read Chinese; some
    /// tools dislike it)
    #[arg(long)]
    no_bom: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let theme = super::load_theme(global, &args.theme)?;
    let store = super::open_existing_store(global)?;
    let asof = match args.asof {
        Some(d) => d,
        None => store.latest_date()?.with_context(|| {
            lang.pick(
                "仓库里没有K线，无法确定 --asof；请给出 --asof 或先 hypecheck import bars",
                "the store has no bars to date the scan; give --asof or import bars first",
            )
            .to_string()
        })?,
    };
    let t = Thresholds {
        window: args.window.max(1),
        ..Thresholds::default()
    };
    let lex = super::load_lexicon(args.lexicons.as_deref())?;
    let ctx = jobs::load_context(&store, &theme, &lex, &t).map_err(super::job_error(lang))?;
    // A non-trading day, or a day after the last bar: computed wholly as of the trading
    // day before it (bars, documents, staleness, the report's date), and said so (on the
    // table's first line, in the JSON, on stderr otherwise).
    let used = ctx.trading_day_at(asof);
    let last = ctx.trading_days().last().copied();
    let scan = jobs::scan_at(&ctx, used.unwrap_or(asof));
    let r = &scan.report;
    let moved = |lang| hypecheck::messages::asof_moved(lang, asof, used, last);
    let note = moved(lang);
    let format = super::output::chosen(args.format, args.json);
    if let (Some(n), Format::Csv | Format::Parquet | Format::Html) = (&note, format) {
        eprintln!("{n}");
    }
    super::output::write(args.out.as_deref(), format, lang, |out| {
        match format {
            Format::Json => {
                let zh = moved(hypecheck::model::Lang::Zh);
                let en = moved(hypecheck::model::Lang::En);
                report::scan::json(out, r, zh.as_deref().zip(en.as_deref()))?
            }
            Format::Csv | Format::Parquet => {
                report::scan::write_rows(out, format, r, lang, !args.no_bom)?
            }
            Format::Html => report::html::render(
                out,
                r,
                &scan.charts,
                &report::html::Page {
                    coverage: &scan.coverage,
                    generated: chrono::Utc::now(),
                    fictional: false,
                },
                lang,
            )?,
            Format::Table => {
                if let Some(n) = &note {
                    writeln!(out, "{n}")?;
                }
                report::scan::table(
                    out,
                    r,
                    &scan.coverage,
                    report::table::terminal_width(global.width),
                    lang,
                )?
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
