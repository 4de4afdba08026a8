//! `hypecheck classify`: classifies the theme sentences of one text from stdin, or of every
//! document of a JSON Lines file (docs/design.md §4 documents, docs/design.md §7 output).

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::model::{DocKind, Symbol};
use hypecheck::report::{self, evidence::DocHead};
use hypecheck::text::{self, classify_document, DocInput, Kind, ThemeMatcher};
use serde::Deserialize;

use super::Global;

/// Arguments of `hypecheck classify`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// Kind of the stdin text: announcement (default), regulator, qa, post or news; text
    /// with 问：/答： (or Q:/A:) markers is read as a question and its answer
    #[arg(long, default_value = "announcement")]
    kind: String,
    /// A JSON Lines file of documents, one a line as for `import docs` (code, date, kind,
    /// text or question and answer), instead of stdin
    #[arg(long)]
    input: Option<PathBuf>,
    /// One JSON result per document instead of the readable listing
    #[arg(long)]
    json: bool,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon
    #[arg(long, value_name = "DIR")]
    lexicons: Option<PathBuf>,
}

/// A document line of the input (docs/design.md §4); unknown fields are ignored.
#[derive(Debug, Deserialize)]
struct DocLine {
    id: Option<String>,
    code: String,
    date: Option<String>,
    kind: String,
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    question: Option<String>,
    answer: Option<String>,
}

fn parse_kind(s: &str) -> Option<Kind> {
    Kind::parse(s)
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let theme = super::load_theme(global, &args.theme)?;
    let matcher = ThemeMatcher::new(&theme);
    let lex = super::load_lexicon(args.lexicons.as_deref())?;
    let lang = global.lang();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let Some(path) = args.input else {
        let kind = parse_kind(&args.kind).with_context(|| {
            format!(
                "--kind '{}': expected announcement, regulator, qa, post or news",
                args.kind
            )
        })?;
        let mut body = String::new();
        std::io::stdin()
            .read_to_string(&mut body)
            .context("reading stdin")?;
        let r = classify_document(&lex, &matcher, &DocInput::text(kind, &body));
        // Text with 问/答 markers was read as an investor Q&A record.
        let kind = if r.sentences.iter().any(|s| s.part != text::Part::Text) {
            Kind::Qa
        } else {
            kind
        };
        let id = text::doc_id("", "", kind, &body);
        let head = DocHead {
            id: &id,
            code: "",
            date: None,
            kind,
        };
        out.write_all(report::evidence::document(&head, &r, args.json, lang).as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let file = std::fs::File::open(&path).with_context(|| format!("opening {}", path.display()))?;
    let mut bad = 0usize;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}: reading", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
            Ok((doc, code, kind)) => {
                let body = doc.text.as_deref().unwrap_or("");
                let input = DocInput {
                    kind,
                    text: body,
                    question: doc.question.as_deref(),
                    answer: doc.answer.as_deref(),
                };
                let r = classify_document(&lex, &matcher, &input);
                let hashed = match (&doc.question, kind) {
                    (Some(q), Kind::Qa) => format!("{q}\n{}", doc.answer.as_deref().unwrap_or("")),
                    _ => body.to_string(),
                };
                let date = doc.date.clone();
                let id = doc.id.clone().unwrap_or_else(|| match content_id(&doc) {
                    Some(id) => id,
                    // Undated: `import docs` refuses it, so no id of the store can match.
                    None => text::doc_id(&code, date.as_deref().unwrap_or(""), kind, &hashed),
                });
                let head = DocHead {
                    id: &id,
                    code: &code,
                    date: date.as_deref(),
                    kind,
                };
                out.write_all(report::evidence::document(&head, &r, args.json, lang).as_bytes())?;
            }
            Err(msg) => {
                bad += 1;
                out.flush()?;
                eprintln!("hypecheck: {}:{}: {msg}", path.display(), i + 1);
            }
        }
    }
    out.flush()?;
    if bad > 0 {
        eprintln!(
            "hypecheck: {}",
            lang.pick(
                &format!("{bad} 行无法读取，已跳过；每行应是一个 JSON 文档（code、kind，以及 text 或 question/answer），修正后重试"),
                &format!("{bad} bad line(s) skipped; each line must be one JSON document (code, kind, and text or question/answer): fix them and rerun"),
            )
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The id `import docs` gives the same line: the content id over code, date, kind, title,
/// text, question and answer. `None` for a line without a date.
fn content_id(doc: &DocLine) -> Option<String> {
    let symbol = Symbol::parse_stock(&doc.code).ok()?;
    let date = hypecheck::ingest::parse_day(doc.date.as_deref()?)?;
    let kind = DocKind::parse(&doc.kind)?;
    Some(hypecheck::model::content_id(
        symbol,
        date,
        kind,
        doc.title.as_deref(),
        doc.text.as_deref().unwrap_or(""),
        doc.question.as_deref(),
        doc.answer.as_deref(),
    ))
}

/// Parses and checks one JSONL line; the error says what is wrong.
fn parse_line(line: &str) -> Result<(DocLine, String, Kind), String> {
    let doc: DocLine = serde_json::from_str(line).map_err(|e| format!("not a document: {e}"))?;
    let code = Symbol::parse_stock(&doc.code).map_err(|e| format!("field `code`: {e}"))?;
    let kind = parse_kind(&doc.kind).ok_or_else(|| {
        format!(
            "field `kind`: '{}' is not one of announcement, qa, post, news",
            doc.kind
        )
    })?;
    if let Some(d) = &doc.date {
        let ok = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
            || chrono::NaiveDate::parse_from_str(d, "%Y%m%d").is_ok();
        if !ok {
            return Err(format!(
                "field `date`: '{d}' is not a date (YYYY-MM-DD or YYYYMMDD)"
            ));
        }
    }
    if doc.text.is_none() && doc.question.is_none() && doc.answer.is_none() {
        return Err("no `text` (or `question`/`answer` for qa): nothing to classify".into());
    }
    Ok((doc, code.to_string(), kind))
}
