//! A document's classified theme sentences, as `classify` and `evidence` print them: one
//! JSON object a line (docs/design.md §7), or a readable block; `evidence` also writes
//! them as rows (CSV, Parquet: [`COLUMNS`], one row per sentence).

use std::io::{self, Write};

use serde::Serialize;

use super::columns::{Batch, Column};
use crate::model::{printable, Document, Lang};
use crate::text::{DocResult, Flag, Kind, SentenceResult, Stance, Substance, Topic};

/// Which document a result is about.
#[derive(Debug, Clone, Copy)]
pub struct DocHead<'a> {
    /// The document's id.
    pub id: &'a str,
    /// `CODE.EX`, or empty for a text without a stock.
    pub code: &'a str,
    /// The date, when known.
    pub date: Option<&'a str>,
    /// The document's kind.
    pub kind: Kind,
}

/// One JSON line.
#[derive(Serialize)]
struct Output<'a> {
    id: &'a str,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    kind: Kind,
    sentences: &'a [SentenceResult],
    substance: Substance,
    flags: &'a [Flag],
    /// The smallest revenue or profit share the document states for the theme, percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<f64>,
    /// A Q&A record about the theme: the answer's stance towards the question.
    #[serde(skip_serializing_if = "Option::is_none")]
    stance: Option<Stance>,
    /// A Q&A record whose question names the theme but asks about something else.
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<Topic>,
}

/// A stored (or read) document's result, as [`document`] renders it.
pub fn of_document(
    out: &mut dyn Write,
    doc: &Document,
    r: &DocResult,
    json: bool,
    lang: Lang,
) -> io::Result<()> {
    let (code, date) = (doc.symbol.to_string(), doc.date.to_string());
    let head = DocHead {
        id: &doc.id,
        code: &code,
        date: Some(&date),
        kind: doc.kind,
    };
    document(out, &head, r, json, lang)
}

/// The result as one JSON line (`json`) or as a readable block, ending in a newline.
pub fn document(
    out: &mut dyn Write,
    head: &DocHead<'_>,
    r: &DocResult,
    json: bool,
    lang: Lang,
) -> io::Result<()> {
    if json {
        let o = Output {
            id: head.id,
            code: head.code,
            date: head.date,
            kind: head.kind,
            sentences: &r.sentences,
            substance: r.substance,
            flags: &r.flags,
            share: r.share,
            stance: r.stance,
            topic: r.topic,
        };
        serde_json::to_writer(&mut *out, &o)?;
        return out.write_all(b"\n");
    }
    let substance = lang.pick(r.substance.label_zh(), r.substance.name());
    let flags: Vec<&str> = r
        .flags
        .iter()
        .map(|f| lang.pick(f.label_zh(), f.name()))
        .collect();
    let mut flags = if flags.is_empty() {
        lang.pick("无", "none").to_string()
    } else {
        flags.join(lang.pick("、", ", "))
    };
    if let Some(share) = r.share {
        flags.push_str(&format!(
            " ({}{share}%)",
            lang.pick("所述占比 ", "stated share ")
        ));
    }
    let id = printable(head.id);
    let title = [
        head.code,
        head.date.unwrap_or(""),
        lang.pick(head.kind.label_zh(), head.kind.name()),
    ]
    .iter()
    .filter(|s| !s.is_empty())
    .copied()
    .collect::<Vec<_>>()
    .join(" ");
    write!(
        out,
        "{} {id} {title}  {}: {substance}  {}: {flags}",
        lang.pick("文档", "document"),
        lang.pick("实质", "substance"),
        lang.pick("标记", "flags"),
    )?;
    if let Some(stance) = r.stance {
        write!(
            out,
            "  {}: {}",
            lang.pick("回答立场", "stance"),
            lang.pick(stance.label_zh(), stance.name())
        )?;
    }
    writeln!(out)?;
    if let Some(topic) = r.topic {
        writeln!(
            out,
            "  {}",
            match lang {
                Lang::Zh => format!(
                    "（问题提及该题材，但问的是{}，不计为题材证据）",
                    topic.label_zh()
                ),
                Lang::En => format!(
                    "(the question names the theme but asks about {}: no evidence about it)",
                    topic.label_en()
                ),
            }
        )?;
    } else if r.sentences.is_empty() {
        writeln!(
            out,
            "  {}",
            lang.pick("（未提及该题材）", "(the theme is not mentioned)")
        )?;
    }
    for s in &r.sentences {
        let classes = super::class_labels(&s.classes, lang);
        // Text from stdin or a file: no escape sequence reaches the terminal.
        let text = printable(&s.text).replace('\n', " ");
        write!(out, "  [{}] {text}", classes.join(","))?;
        if !s.cues.is_empty() {
            write!(
                out,
                "  ({}: {})",
                lang.pick("线索", "cues"),
                s.cues.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The columns of `evidence --format csv|parquet`: one row per theme sentence (a document
/// listed without one, under `--all`, gets one row with the sentence columns empty); the
/// document's id, stock, date, kind (fixed name), substance, flags (`;`-separated fixed
/// names), stated share in percent and (a Q&A record about the theme) the answer's
/// stance, then the sentence's number in the document (from
/// 1), the part it comes from (`text`, `question`, `answer`), its text, classes and cues.
pub const COLUMNS: &[Column] = &[
    Column::text("id"),
    Column::text("code"),
    Column::date("date"),
    Column::text("kind"),
    Column::text("substance"),
    Column::text("flags"),
    Column::f64("share").nullable().decimals(2),
    Column::text("stance").nullable(),
    Column::i64("sentence").nullable(),
    Column::text("part").nullable(),
    Column::text("text").nullable(),
    Column::text("classes").nullable(),
    Column::text("cues").nullable(),
];

/// Appends a document's rows over [`COLUMNS`] to `rows`.
pub fn push_rows(rows: &mut Batch, doc: &Document, r: &DocResult) {
    let flags: Vec<&str> = r.flags.iter().map(|f| f.name()).collect();
    let flags = flags.join(";");
    let code = doc.symbol.to_string();
    let head = |rows: &mut Batch| {
        rows.push(&doc.id)
            .push(&code)
            .push(doc.date)
            .push(doc.kind.name())
            .push(r.substance.name())
            .push(flags.as_str())
            .push(r.share)
            .push(r.stance.map(|s| s.name()));
    };
    if r.sentences.is_empty() {
        head(rows);
        for _ in 0..5 {
            rows.push(None::<&str>);
        }
        rows.end_row();
    }
    for (i, s) in r.sentences.iter().enumerate() {
        head(rows);
        let classes: Vec<&str> = s.classes.iter().map(|c| c.name()).collect();
        rows.push(i + 1)
            .push(s.part.name())
            .push(&s.text)
            .push(classes.join(";").as_str())
            .push(s.cues.join(";").as_str());
        rows.end_row();
    }
}
