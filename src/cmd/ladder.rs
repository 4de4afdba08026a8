//! `hypecheck ladder [--date DATE] [--json]`: 连板天梯, every stock that closed limit-up on
//! one day, highest streak first, from the bars in the store.

use std::process::ExitCode;

use anyhow::Context;
use hypecheck::model::Date;
use hypecheck::{jobs, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck ladder`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The trading day (YYYY-MM-DD or YYYYMMDD); default the latest day in the store
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// JSON instead of a table
    #[arg(long)]
    json: bool,
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
    let ladder = jobs::ladder(&store, date).map_err(super::job_error(lang))?;
    super::emit(&if args.json {
        report::ladder::json(&ladder)
    } else {
        report::ladder::table(&ladder, report::table::terminal_width(global.width), lang)
    })?;
    Ok(ExitCode::SUCCESS)
}
