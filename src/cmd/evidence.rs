//! `hypecheck evidence --theme ID [--code CODE] [--from DATE] [--to DATE]
//! [--format table|json|csv|parquet] [--out FILE]`: the classified theme sentences of the
//! documents in the store (docs/design.md §6), one document at a time, in the same shape as
//! `classify`, or one row per sentence.

use std::path::PathBuf;
use std::process::ExitCode;

use hypecheck::jobs;
use hypecheck::messages;
use hypecheck::model::{Date, Symbol};
use hypecheck::report;
use hypecheck::report::columns::{Batch, TableWriter};
use hypecheck::report::Format;

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
    /// Output format: table (a readable listing), json (one JSON result per document),
    /// csv or parquet (one row per sentence)
    #[arg(long, value_parser = super::output::formats(&[Format::Table, Format::Json, Format::Csv, Format::Parquet]), default_value = "table")]
    format: Format,
    /// The same as --format json
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
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
    let format = super::output::chosen(args.format, args.json);
    super::output::write(args.out.as_deref(), format, lang, |out| {
        let results = jobs::classify_all(&lex, &matcher, &docs).filter_map(|(doc, c)| {
            let r = c.result;
            (args.all || !r.sentences.is_empty()).then_some((doc, r))
        });
        match format {
            Format::Csv | Format::Parquet => {
                let mut w = TableWriter::new(out, format, report::evidence::COLUMNS)?;
                let mut rows = Batch::new(report::evidence::COLUMNS);
                for (doc, r) in results {
                    report::evidence::push_rows(&mut rows, doc, &r);
                    if rows.len() >= 4096 {
                        w.write(&rows)?;
                        rows.clear();
                    }
                }
                w.write(&rows)?;
                w.finish()?;
            }
            _ => {
                let mut shown = 0usize;
                let width = report::table::terminal_width(global.width);
                for (doc, r) in results {
                    shown += 1;
                    if format == Format::Json {
                        report::evidence::of_document(out, doc, &r, true, lang)?;
                        continue;
                    }
                    // A cited sentence can be hundreds of columns long: wrapped to --width.
                    let mut text = Vec::new();
                    report::evidence::of_document(&mut text, doc, &r, false, lang)?;
                    let text = report::table::wrap_lines(&String::from_utf8_lossy(&text), width);
                    out.write_all(text.as_bytes())?;
                }
                if shown == 0 && format == Format::Table {
                    let none = messages::no_mention(lang, &theme.name, docs.len());
                    writeln!(&mut *out, "{none}")?;
                }
            }
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
