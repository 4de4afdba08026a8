//! `hypecheck ladder [--date DATE] [--theme ID] [--board BOARD]
//! [--format table|json|csv|parquet] [--out FILE]`: 连板天梯, every stock that closed
//! limit-up on one day, highest streak first, from the bars in the store; optionally only a
//! theme's members or some boards.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::market::Board;
use hypecheck::model::Date;
use hypecheck::report::Format;
use hypecheck::{jobs, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck ladder`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The trading day (YYYY-MM-DD or YYYYMMDD); default the latest day in the store
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// Only the members of this theme (its members in the store: `import members`): a
    /// theme id or a theme TOML file, as for scan
    #[arg(long)]
    theme: Option<String>,
    /// Only these boards: sh_main, sz_main, chinext, star, bse (or 沪市主板, 深市主板,
    /// 创业板, 科创板, 北交所); repeat or separate with commas
    #[arg(long, value_parser = super::args::board, value_delimiter = ',')]
    board: Vec<Board>,
    /// Output format: table, json, csv or parquet (one row per rung)
    #[arg(long, value_parser = super::output::formats(&[Format::Table, Format::Json, Format::Csv, Format::Parquet]), default_value = "table")]
    format: Format,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_existing_store(global)?;
    let date = match args.date {
        Some(d) => d,
        None => store
            .latest_date()?
            .with_context(|| hypecheck::messages::empty_store(lang))?,
    };
    let mut ladder = jobs::ladder(&store, date).map_err(super::job_error(lang))?;
    // A theme id may name a built-in or user theme, a theme file, or only members
    // imported under it.
    let theme = args
        .theme
        .as_deref()
        .map(|id| super::load_theme(global, id).map_or(id.to_string(), |t| t.id));
    jobs::filter_ladder(&store, &mut ladder, theme.as_deref(), &args.board)
        .map_err(super::job_error(lang))?;
    let format = super::output::chosen(args.format, args.json);
    super::output::write(args.out.as_deref(), format, lang, |out| {
        match format {
            Format::Json => report::ladder::json(out, &ladder)?,
            Format::Csv | Format::Parquet => report::ladder::write_rows(out, format, &ladder)?,
            _ => report::ladder::table(
                out,
                &ladder,
                report::table::terminal_width(global.width),
                lang,
            )?,
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
