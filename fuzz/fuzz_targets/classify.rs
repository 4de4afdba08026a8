//! Any text through the evidence pipeline with the built-in lexicon and a built-in theme:
//! normalisation, sentence splitting and document classification never panic, and what
//! they report points back into the input (byte ranges in bounds and on character
//! boundaries, every cited sentence the exact slice of the text it came from).
//!
//! The first byte picks the theme and the document kind; the rest, as UTF-8 (invalid
//! bytes replaced), is the text. For a Q&A record a NUL byte separates question and answer.
#![no_main]

use std::sync::OnceLock;

use hypecheck::text::{
    classify_document, normalize, split_sentences, Class, DocInput, Kind, Lexicon, Part,
    ThemeMatcher,
};
use libfuzzer_sys::fuzz_target;

fn matchers() -> &'static [ThemeMatcher] {
    static M: OnceLock<Vec<ThemeMatcher>> = OnceLock::new();
    M.get_or_init(|| {
        hypecheck::theme::builtin()
            .iter()
            .map(|t| t.matcher())
            .collect()
    })
}

const KINDS: [Kind; 4] = [Kind::Announcement, Kind::Qa, Kind::Post, Kind::News];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();

    // Normalisation keeps a map back to the original that covers it exactly.
    let n = normalize(text);
    assert_eq!(n.original_range(0..n.text.len()), 0..text.len());
    for r in split_sentences(&n.text) {
        assert!(r.start < r.end && r.end <= n.text.len());
        assert!(n.text.is_char_boundary(r.start) && n.text.is_char_boundary(r.end));
        let o = n.original_range(r);
        assert!(
            o.start <= o.end && o.end <= text.len(),
            "{o:?} outside {}",
            text.len()
        );
        assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
    }

    let ms = matchers();
    let m = &ms[usize::from(pick & 0x3f) % ms.len()];
    let kind = KINDS[usize::from(pick >> 6)];
    let (question, answer) = match (kind, text.split_once('\0')) {
        (Kind::Qa, Some((q, a))) => (Some(q), Some(a)),
        (Kind::Qa, None) if pick & 0x20 != 0 => (None, Some(text)),
        _ => (None, None),
    };
    let doc = DocInput {
        kind,
        text,
        question,
        answer,
    };
    let r = classify_document(Lexicon::builtin(), m, &doc);
    for s in &r.sentences {
        let source = match (s.part, kind, question) {
            (Part::Question, _, Some(q)) => q,
            (Part::Answer, Kind::Qa, Some(_)) => answer.unwrap_or(""),
            (Part::Answer, Kind::Qa, None) => answer.unwrap_or(text),
            // A body with 问/答 markers is split; its ranges index the body.
            (Part::Question | Part::Answer, _, None) => text,
            (Part::Text, _, _) => text,
            (part, kind, q) => panic!("part {part:?} for kind {kind:?} question {q:?}"),
        };
        let range = s.range.clone();
        assert!(range.start <= range.end && range.end <= source.len());
        assert!(source.is_char_boundary(range.start) && source.is_char_boundary(range.end));
        assert_eq!(&source[range], s.text.as_str());
        assert!(!s.classes.is_empty());
        assert!(s.classes.windows(2).all(|w| w[0] < w[1]), "{:?}", s.classes);
        assert!(s.classes.len() == 1 || !s.classes.contains(&Class::Mention));
    }
});
