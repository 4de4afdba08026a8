//! `hypecheck classify`: classifies the theme sentences of one text from stdin, or of every
//! document of a file, read as `import docs` reads it (same formats, same ids).

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::ingest::DocReader;
use hypecheck::jobs::classify_all;
use hypecheck::model::DocKind;
use hypecheck::report::{self, evidence::DocHead};
use hypecheck::text::{self, classify_document, DocInput};

use super::{args, Global};

/// Arguments of `hypecheck classify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// Kind of the stdin text (default announcement), or of --input documents without
    /// one: announcement, regulator, qa, post or news; text with 问：/答： (or Q:/A:)
    /// markers is read as a question and its answer
    #[arg(long, value_parser = args::kind)]
    kind: Option<DocKind>,
    /// A document file, read as `import docs` reads it (JSON Lines, CSV, AkShare
    /// 互动易/e互动 exports, .txt, .pdf), instead of stdin; each document gets the id
    /// `import docs` gives it
    #[arg(long)]
    input: Option<PathBuf>,
    #[command(flatten)]
    flags: args::DocFlags,
    /// One JSON result per document instead of the readable listing
    #[arg(long)]
    json: bool,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let theme = super::load_theme(global, &args.theme)?;
    let matcher = theme.matcher();
    let lex = super::load_lexicon(args.lexicons.as_deref())?;
    let lang = global.lang();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let Some(path) = args.input else {
        let kind = args.kind.unwrap_or(DocKind::Announcement);
        let mut body = String::new();
        std::io::stdin()
            .read_to_string(&mut body)
            .context("reading stdin")?;
        let r = classify_document(&lex, &matcher, &DocInput::text(kind, &body));
        // Text with 问/答 markers was read as an investor Q&A record.
        let kind = if r.sentences.iter().any(|s| s.part != text::Part::Text) {
            DocKind::Qa
        } else {
            kind
        };
        let id = hypecheck::model::text_id(kind, &body);
        let head = DocHead {
            id: &id,
            code: "",
            date: None,
            kind,
        };
        report::evidence::document(&mut out, &head, &r, args.json, lang)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let mut reader = DocReader::open(&path, args.flags.defaults(args.kind))
        .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    if let Some(note) =
        hypecheck::messages::taken_from_text(lang, reader.file(), reader.from_text())
    {
        eprintln!("hypecheck: {note}");
    }
    let mut bad = 0usize;
    let mut docs = Vec::new();
    loop {
        match reader.next_doc() {
            Ok(Some(row)) => docs.push(row.doc),
            Ok(None) => break,
            Err(e) if e.is_row_error() => {
                bad += 1;
                eprintln!("hypecheck: {}", e.message(lang));
            }
            Err(e) => anyhow::bail!(e.message(lang)),
        }
    }
    // Read whole: a company's answers about its own trade bear on its other records.
    for (doc, c) in classify_all(&lex, &matcher, &docs) {
        report::evidence::of_document(&mut out, doc, &c.result, args.json, lang)?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!(
            "hypecheck: {}",
            hypecheck::messages::bad_documents_skipped(lang, bad)
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
