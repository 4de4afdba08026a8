//! `hypecheck check [--json]`: every bar in the store that breaks its day's limits (a
//! close above the up-limit or below the down-limit, a high above the up-limit), with
//! what the rules assumed (limit, ST status, previous close, listing date).

use std::process::ExitCode;

use hypecheck::{jobs, report};

use super::Global;

/// Arguments of `hypecheck check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// JSON instead of lines
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_existing_store(global)?;
    let all = jobs::check(&store).map_err(super::job_error(lang))?;
    let text = if args.json {
        serde_json::to_string_pretty(&all)? + "\n"
    } else {
        report::check::list(&all, lang)
    };
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
