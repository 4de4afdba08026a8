//! A document's classified theme sentences, as `classify` and `evidence` print them: one
//! JSON object a line (docs/design.md §7), or a readable block.

use std::fmt::Write;

use serde::Serialize;

use crate::model::{printable, Document, Lang};
use crate::text::{DocResult, Flag, Kind, SentenceResult, Stance, Substance};

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
}

/// A stored (or read) document's result, as [`document`] renders it.
pub fn of_document(doc: &Document, r: &DocResult, json: bool, lang: Lang) -> String {
    let (code, date) = (doc.symbol.to_string(), doc.date.to_string());
    let head = DocHead {
        id: &doc.id,
        code: &code,
        date: Some(&date),
        kind: doc.kind,
    };
    document(&head, r, json, lang)
}

/// The result as one JSON line (`json`) or as a readable block, ending in a newline.
pub fn document(head: &DocHead<'_>, r: &DocResult, json: bool, lang: Lang) -> String {
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
        };
        return serde_json::to_string(&o).unwrap_or_default() + "\n";
    }
    let mut out = String::new();
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
    let title = [head.code, head.date.unwrap_or(""), head.kind.name()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let _ = write!(
        out,
        "{} {id} {title}  {}: {substance}  {}: {flags}",
        lang.pick("文档", "document"),
        lang.pick("实质", "substance"),
        lang.pick("标记", "flags"),
    );
    if let Some(stance) = r.stance {
        let _ = write!(
            out,
            "  {}: {}",
            lang.pick("回答立场", "stance"),
            lang.pick(stance.label_zh(), stance.name())
        );
    }
    out.push('\n');
    if r.sentences.is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick("（未提及该题材）", "(the theme is not mentioned)")
        );
    }
    for s in &r.sentences {
        let classes = super::class_labels(&s.classes, lang);
        // Text from stdin or a file: no escape sequence reaches the terminal.
        let text = printable(&s.text).replace('\n', " ");
        let _ = write!(out, "  [{}] {text}", classes.join(","));
        if !s.cues.is_empty() {
            let _ = write!(
                out,
                "  ({}: {})",
                lang.pick("线索", "cues"),
                s.cues.join(", ")
            );
        }
        out.push('\n');
    }
    out
}
