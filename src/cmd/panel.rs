//! `hypecheck panel --theme ID|FILE --from DATE --to DATE [--all-stocks] [--format
//! parquet|csv|json] --out FILE`: every stock of a theme on every trading day of a range,
//! assessed as of that day, with the forward returns that followed (docs/design.md §7).

use std::path::PathBuf;
use std::process::ExitCode;

use hypecheck::assess::Thresholds;
use hypecheck::model::Date;
use hypecheck::report::Format;
use hypecheck::{jobs, panel, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck panel`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// The first trading day (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    from: Date,
    /// The last trading day (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    to: Date,
    /// Every stock of the store, not only the theme's members and the stocks that mention it
    #[arg(long)]
    all_stocks: bool,
    /// The look-back window in trading days for heat
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// Output format; default from the file's extension (.parquet, .json), else csv
    #[arg(long, value_parser = super::output::formats(&[Format::Parquet, Format::Csv, Format::Json]))]
    format: Option<Format>,
    /// The file to write
    #[arg(long)]
    out: PathBuf,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long)]
    lexicons: Option<PathBuf>,
}

/// The format `--format` gives, else the one the file's extension names (`.parquet`/`.pq`,
/// `.json`, `.csv`/`.txt` or none: CSV); another extension is refused rather than guessed.
fn format_of(args: &Args, lang: hypecheck::model::Lang) -> anyhow::Result<Format> {
    if let Some(f) = args.format {
        return Ok(f);
    }
    let ext = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Ok(Format::Json),
        Some("parquet" | "pq") => Ok(Format::Parquet),
        None | Some("csv" | "txt") => Ok(Format::Csv),
        Some(other) => anyhow::bail!(match lang {
            hypecheck::model::Lang::Zh => format!(
                "{}：无法从扩展名 .{other} 判断格式；请用 .parquet、.csv 或 .json，或给出 --format parquet|csv|json",
                args.out.display()
            ),
            hypecheck::model::Lang::En => format!(
                "{}: the extension .{other} names no panel format; use .parquet, .csv or .json, or give --format parquet|csv|json",
                args.out.display()
            ),
        }),
    }
}

/// What `panel` and `study` share: the range checked, the theme's context loaded once
/// (every stock of the store with `all_stocks`) under a window of `window` trading days and
/// the lexicon of `lexicons` (the built-in one without).
pub(super) fn load(
    global: &Global,
    theme: &str,
    (from, to): (Date, Date),
    window: usize,
    lexicons: Option<&std::path::Path>,
    all_stocks: bool,
) -> anyhow::Result<jobs::PanelData> {
    let lang = global.lang();
    if from > to {
        anyhow::bail!(hypecheck::messages::range_reversed(lang, from, to));
    }
    let theme = super::load_theme(global, theme)?;
    let store = super::open_existing_store(global)?;
    let t = Thresholds {
        window: window.max(1),
        ..Thresholds::default()
    };
    let lex = super::load_lexicon(lexicons)?;
    jobs::load_panel(&store, &theme, &lex, &t, all_stocks).map_err(super::job_error(lang))
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let format = format_of(&args, lang)?;
    let data = load(
        global,
        &args.theme,
        (args.from, args.to),
        args.window,
        args.lexicons.as_deref(),
        args.all_stocks,
    )?;
    let span = data
        .span(args.from, args.to)
        .map_err(super::job_error(lang))?;
    let (ctx, ix) = (&data.ctx, &data.indices);
    let rows = super::output::write(Some(&args.out), format, lang, |w| match format {
        Format::Json => {
            let mut sink = report::panel::JsonSink::new(w)?;
            let rows = panel::walk(ctx, ix, span, &mut |r| sink.row(r))?;
            sink.finish()?;
            Ok(rows)
        }
        _ => {
            let mut sink = report::panel::TableSink::new(w, format)?;
            let rows = panel::walk(ctx, ix, span, &mut |r| sink.row(r))?;
            sink.finish()?;
            Ok(rows)
        }
    })?;
    eprintln!(
        "{}",
        hypecheck::messages::panel_written(
            lang,
            &args.out.display().to_string(),
            rows,
            data.ctx.stocks.len(),
            span.days()
        )
    );
    Ok(ExitCode::SUCCESS)
}
