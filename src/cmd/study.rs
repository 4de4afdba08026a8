//! `hypecheck study --theme ID|FILE --from DATE --to DATE [--horizon N] [--episode-gap N]
//! [--all-stocks] [--format table|json|html] [--out FILE]`: the event study of a theme
//! (docs/design.md §7): what hot stocks did over the next days, by the verdict of the day
//! they got hot and by how hard they were chased.

use std::path::PathBuf;
use std::process::ExitCode;

use hypecheck::model::Date;
use hypecheck::report::Format;
use hypecheck::study::Settings;
use hypecheck::{jobs, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck study`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// The first day an event may fall on (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    from: Date,
    /// The last day an event may fall on (YYYY-MM-DD or YYYYMMDD); returns after it still count
    #[arg(long, value_parser = parse_date)]
    to: Date,
    /// Trading days after the event day the mean path runs to
    #[arg(long, default_value_t = 20)]
    horizon: usize,
    /// Trading days without heat that end an episode
    #[arg(long, default_value_t = 10)]
    episode_gap: usize,
    /// Every stock of the store, not only the theme's members and the stocks that mention it
    #[arg(long)]
    all_stocks: bool,
    /// The look-back window in trading days for heat
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// Seed of the bootstrap intervals
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output format: table (the terminal), json (groups, paths and events, for programs),
    /// html (a self-contained page with the charts and the events)
    #[arg(long, value_parser = super::output::formats(&[Format::Table, Format::Json, Format::Html]), default_value = "table")]
    format: Format,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long)]
    lexicons: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let data = super::panel::load(
        global,
        &args.theme,
        (args.from, args.to),
        args.window,
        args.lexicons.as_deref(),
        args.all_stocks,
    )?;
    let settings = Settings {
        horizon: args.horizon.max(1),
        episode_gap: args.episode_gap.max(1),
        seed: args.seed,
        ..Settings::default()
    };
    let r = jobs::study(&data, args.from, args.to, &settings).map_err(super::job_error(lang))?;
    let width = match args.out {
        Some(_) => None,
        None => report::table::terminal_width(global.width),
    };
    super::output::write(args.out.as_deref(), args.format, lang, |out| {
        match args.format {
            Format::Json => report::study::json(&r, out)?,
            Format::Html => report::study::html(&r, false, lang, out)?,
            _ => report::study::table(&r, width, lang, out)?,
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
