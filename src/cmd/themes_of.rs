//! `hypecheck themes-of CODE [--json]`: every theme a stock belongs to, from the imported
//! theme members, with the reason (入选理由), the source and the date it joined.

use std::process::ExitCode;

use hypecheck::jobs;
use hypecheck::report;

use super::Global;

/// Arguments of `hypecheck themes-of`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The stock: a code (002881, 002881.SZ, sz002881) or its name (美格智能)
    code: String,
    /// JSON instead of a table: {code, name, themes: [{theme, reason, source, joined}]}
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_existing_store(global)?;
    let (symbol, name) = jobs::resolve_stock(&store, &args.code).map_err(super::job_error(lang))?;
    let members = store.themes_of(symbol)?;
    let name = name.or_else(|| members.iter().find_map(|m| m.name.clone()));
    super::emit(&if args.json {
        report::themes::json(symbol, name.as_deref(), &members)
    } else {
        report::themes::table(
            symbol,
            name.as_deref(),
            &members,
            report::table::terminal_width(global.width),
            lang,
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
