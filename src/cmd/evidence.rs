//! `hypecheck evidence --theme ID [--code CODE] [--from DATE] [--to DATE] [--json]`: the
//! classified theme sentences of the documents in the store (docs/design.md §6), one document
//! at a time, in the same shape as `classify`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use hypecheck::jobs;
use hypecheck::messages;
use hypecheck::model::{Date, Symbol};
use hypecheck::report;

use super::{parse_date, Global};

/// Arguments of `hypecheck evidence`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// Only this stock's documents (002881, 002881.SZ or sz002881)
    #[arg(long, value_parser = super::args::code)]
    code: Option<Symbol>,
    /// Documents dated on or after this day (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Documents dated on or before this day
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
    /// Also list documents that do not mention the theme
    #[arg(long)]
    all: bool,
    /// One JSON result per document instead of the readable listing
    #[arg(long)]
    json: bool,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let theme = super::load_theme(global, &args.theme)?;
    let matcher = theme.matcher();
    let lex = super::load_lexicon(args.lexicons.as_deref())?;
    let store = super::open_existing_store(global)?;
    let (from, to) = (args.from.unwrap_or(Date::MIN), args.to.unwrap_or(Date::MAX));
    let docs = match args.code {
        Some(symbol) => store.documents_for(symbol, from..=to)?,
        None => store.documents_between(from..=to)?,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut shown = 0usize;
    let width = report::table::terminal_width(global.width);
    for doc in &docs {
        let r = jobs::classify(&lex, &matcher, doc).result;
        if r.sentences.is_empty() && !args.all {
            continue;
        }
        shown += 1;
        let text = report::evidence::of_document(doc, &r, args.json, lang);
        // A cited sentence can be hundreds of columns long: wrapped to --width (JSON whole).
        let text = if args.json {
            text
        } else {
            report::table::wrap_lines(&text, width)
        };
        out.write_all(text.as_bytes())?;
    }
    if shown == 0 && !args.json {
        writeln!(
            out,
            "{}",
            messages::no_mention(lang, &theme.name, docs.len())
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
