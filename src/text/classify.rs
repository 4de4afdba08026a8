//! Sentence and document classification (design.md §6).
//!
//! Per sentence that mentions the theme, the lexicon hits are walked left to right:
//! - a negation word ("未", "无", "尚无", …) or a denial cue opens a negation scope that lasts to
//!   the end of the clause (a comma, colon or "但" ends it); an adoption, claim, business or
//!   equity cue inside the scope becomes `denial` with the cue `NEG…CUE`
//!   ("未与DeepSeek签订任何合同" → `denial`, cue `未…签订`);
//! - "与" is no cue at all, so "与DeepSeek进行了适配" stays `adoption`;
//! - a sentence that relays hearsay ("网传", "媒体报道", "关注到") asserts nothing: its
//!   adoption/claim/business/equity cues are dropped (a rumour is `mention`; its denial
//!   stays);
//! - market commentary ("概念股", "板块", "资金", …) without the company speaking about itself
//!   ("公司", "我司", "旗下") keeps only denial and evasion;
//! - a sentence with no class left is `mention`.
//!
//! Pronoun carry: a sentence that does not name the theme but has a reference word ("其",
//! "该", "上述", "相关", "与其", …) among its first four characters, right after a sentence
//! that mentions the theme, is treated as mentioning it ("…DeepSeek…。公司与其无任何业务往来。").
//!
//! Q&A records (互动易/e互动) are read together: when the question mentions the theme, every
//! answer sentence is about the theme; question sentences are `mention` (an investor's
//! words are no company evidence); an empty answer adds `evasion` (cue "无回复") to the
//! question.

use std::ops::Range;

use serde::Serialize;

use super::lexicon::{Lexicon, Tag};
use super::normalize::normalize;
use super::sentence::split_sentences;
use super::substance::{document_substance, Flag, Kind, Substance};
use super::{Class, ThemeMatcher};

/// One document to classify.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    /// Source kind.
    pub kind: Kind,
    /// Body text (for a Q&A record without separate fields: the answer).
    pub text: &'a str,
    /// Q&A question.
    pub question: Option<&'a str>,
    /// Q&A answer (may be empty).
    pub answer: Option<&'a str>,
}

impl<'a> DocInput<'a> {
    /// A document with only a body.
    pub fn text(kind: Kind, text: &'a str) -> DocInput<'a> {
        DocInput {
            kind,
            text,
            question: None,
            answer: None,
        }
    }
}

/// Which part of a document a sentence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The body.
    Text,
    /// A Q&A question.
    Question,
    /// A Q&A answer.
    Answer,
}

/// A classified sentence, in its original wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceResult {
    /// The sentence as written in the source.
    pub text: String,
    /// Byte range in the part it comes from.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The part it comes from.
    #[serde(skip_serializing_if = "is_text")]
    pub part: Part,
    /// Classes, in [`Class::ALL`] order, never empty.
    pub classes: Vec<Class>,
    /// Cues that fired (normalised lexicon words; `NEG…CUE` for a negated cue).
    pub cues: Vec<String>,
}

fn is_text(p: &Part) -> bool {
    *p == Part::Text
}

/// The classification of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocResult {
    /// Every sentence that mentions the theme.
    pub sentences: Vec<SentenceResult>,
    /// Substance of this document alone (at most `confirmed`).
    pub substance: Substance,
    /// Flags of this document alone (`warned`, `evasive`).
    pub flags: Vec<Flag>,
}

/// Classes and cues of one normalised sentence, assumed to be about the theme.
pub fn classify_sentence(lex: &Lexicon, s: &str) -> (Vec<Class>, Vec<String>) {
    let mut found: Vec<(Class, String)> = Vec::new();
    let mut negation: Option<&str> = None;
    let (mut hearsay, mut commentary, mut subject) = (false, false, false);
    for (_, tag, term) in lex.hits(s) {
        match tag {
            Tag::Negation => negation = Some(term),
            Tag::ClauseBreak => negation = None,
            Tag::Cue(Class::Denial) => {
                found.push((Class::Denial, term.to_string()));
                negation = Some(term);
            }
            Tag::Cue(c @ (Class::Adoption | Class::Claim | Class::Business | Class::Equity)) => {
                match negation {
                    Some(neg) => found.push((Class::Denial, format!("{neg}…{term}"))),
                    None => found.push((c, term.to_string())),
                }
            }
            Tag::Cue(c) => found.push((c, term.to_string())),
            Tag::Hearsay => hearsay = true,
            Tag::Commentary => commentary = true,
            Tag::Subject => subject = true,
            Tag::Neutral | Tag::Reference => {}
        }
    }
    let asserts = |c: Class| {
        matches!(
            c,
            Class::Adoption | Class::Claim | Class::Business | Class::Equity
        )
    };
    if hearsay {
        found.retain(|(c, _)| !asserts(*c));
    }
    if commentary && !subject {
        found.retain(|(c, _)| matches!(c, Class::Denial | Class::Evasion));
    }
    let mut classes: Vec<Class> = found.iter().map(|(c, _)| *c).collect();
    classes.sort();
    classes.dedup();
    if classes.is_empty() {
        classes.push(Class::Mention);
    }
    let mut cues: Vec<String> = Vec::new();
    for (_, cue) in found {
        if !cues.contains(&cue) {
            cues.push(cue);
        }
    }
    (classes, cues)
}

/// Whether a normalised sentence refers back with a reference word near its start.
fn refers_back(lex: &Lexicon, s: &str) -> bool {
    let head_end = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
    lex.hits(s)
        .take_while(|(r, _, _)| r.start < head_end)
        .any(|(_, tag, _)| tag == Tag::Reference)
}

/// Classifies the theme sentences of one text part; `all_about_theme` includes every
/// sentence (a Q&A answer to a question about the theme).
fn classify_part(
    lex: &Lexicon,
    m: &ThemeMatcher,
    original: &str,
    part: Part,
    all_about_theme: bool,
    out: &mut Vec<SentenceResult>,
) {
    let n = normalize(original);
    let mut previous_mentions = false;
    for r in split_sentences(&n.text) {
        let s = &n.text[r.clone()];
        let mentions =
            all_about_theme || m.mentions(s) || (previous_mentions && refers_back(lex, s));
        previous_mentions = mentions;
        if !mentions {
            continue;
        }
        let (classes, cues) = if part == Part::Question {
            (vec![Class::Mention], Vec::new())
        } else {
            classify_sentence(lex, s)
        };
        let orig = n.original_range(r);
        out.push(SentenceResult {
            text: original[orig.clone()].to_string(),
            range: orig,
            part,
            classes,
            cues,
        });
    }
}

/// Classifies every theme sentence of a document and derives its substance and flags.
pub fn classify_document(lex: &Lexicon, m: &ThemeMatcher, doc: &DocInput<'_>) -> DocResult {
    let mut sentences = Vec::new();
    match (doc.kind, doc.question) {
        (Kind::Qa, Some(q)) => {
            classify_part(lex, m, q, Part::Question, false, &mut sentences);
            let asked = !sentences.is_empty();
            let answer = doc.answer.unwrap_or("");
            if asked && answer.trim().is_empty() {
                for s in &mut sentences {
                    s.classes = vec![Class::Evasion];
                    s.cues = vec!["无回复".to_string()];
                }
            }
            classify_part(lex, m, answer, Part::Answer, asked, &mut sentences);
        }
        (Kind::Qa, None) => classify_part(
            lex,
            m,
            doc.answer.unwrap_or(doc.text),
            Part::Answer,
            false,
            &mut sentences,
        ),
        _ => classify_part(lex, m, doc.text, Part::Text, false, &mut sentences),
    }
    let classes: Vec<Vec<Class>> = sentences.iter().map(|s| s.classes.clone()).collect();
    let (substance, flags) = document_substance(doc.kind, &classes);
    DocResult {
        sentences,
        substance,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use Class::*;

    fn cls(s: &str) -> Vec<Class> {
        classify_sentence(Lexicon::builtin(), &normalize(s).text).0
    }

    #[test]
    fn table() {
        for (s, want) in [
            ("公司未与DeepSeek签订任何合同。", vec![Denial]),
            ("公司与DeepSeek无任何业务往来。", vec![Denial]),
            ("公司不涉及DeepSeek相关业务。", vec![Denial]),
            ("公司尚无DeepSeek相关产品。", vec![Denial]),
            ("公司与DeepSeek无关。", vec![Denial]),
            ("公司已与DeepSeek进行了适配。", vec![Adoption]),
            ("公司与DeepSeek签订了采购合同。", vec![Business]),
            ("公司持有深度求索5%股权。", vec![Equity]),
            ("公司与DeepSeek开展合作。", vec![Claim]),
            ("DeepSeek概念股今日集体涨停。", vec![Mention]),
            ("网传公司为DeepSeek供应商。", vec![Mention]),
            ("网传公司为DeepSeek供应商的消息不实。", vec![Denial]),
            ("相关业务占比极小，存在不确定性。", vec![Uncertainty]),
            ("具体请以公告为准。", vec![Evasion]),
            ("公司未来将深化与DeepSeek的合作。", vec![Claim]),
            ("公司與DeepSeek無任何業務往來。", vec![Denial]),
        ] {
            assert_eq!(cls(s), want, "{s}");
        }
    }

    #[test]
    fn pronoun_carry_and_original_wording() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = ThemeMatcher::new(&t);
        let text = "近期市場關注ＤｅｅｐＳｅｅｋ。公司與其無任何業務往來。公司經營正常。";
        let r = classify_document(
            Lexicon::builtin(),
            &m,
            &DocInput::text(Kind::Announcement, text),
        );
        assert_eq!(r.sentences.len(), 2);
        assert_eq!(r.sentences[0].text, "近期市場關注ＤｅｅｐＳｅｅｋ。");
        assert_eq!(r.sentences[1].text, "公司與其無任何業務往來。");
        assert_eq!(r.sentences[1].classes, vec![Denial]);
        assert_eq!(r.substance, Substance::Disclaimed);
    }

    #[test]
    fn qa_empty_or_evasive_answer_is_evasion() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = ThemeMatcher::new(&t);
        let lex = Lexicon::builtin();
        for answer in ["", "感谢关注，具体请以公告为准。", "不便透露。"] {
            let doc = DocInput {
                kind: Kind::Qa,
                text: "",
                question: Some("请问公司是否与DeepSeek有合作？"),
                answer: Some(answer),
            };
            let r = classify_document(lex, &m, &doc);
            assert!(r.flags.contains(&Flag::Evasive), "{answer}: {r:?}");
        }
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some("请问公司是否与DeepSeek有合作？"),
            answer: Some("公司目前未与其开展合作。"),
        };
        let r = classify_document(lex, &m, &doc);
        assert!(!r.flags.contains(&Flag::Evasive));
        assert_eq!(r.substance, Substance::Disclaimed);
    }
}

#[cfg(test)]
mod negation_props {
    use super::*;
    use crate::text::normalize;
    use proptest::prelude::*;

    const SUBJECTS: &[&str] = &[
        "公司",
        "本公司",
        "我司",
        "公司及子公司",
        "公司目前",
        "經核實，公司",
        "公司控股子公司",
    ];
    const NEGATIONS: &[&str] = &[
        "未", "尚未", "并未", "从未", "暂未", "没有", "无", "并无", "亦未", "均未", "不", "未曾",
        "並未", "沒有", "從未",
    ];
    const MIDDLES: &[&str] = &[
        "与DeepSeek",
        "與深度求索",
        "和DeepSeek",
        "跟深度求索",
        "与杭州深度求索人工智能基础技术研究有限公司",
        "向DeepSeek",
        "对DeepSeek",
        "",
    ];
    const CUES: &[&str] = &[
        "签订任何合同",
        "簽訂合同",
        "签署协议",
        "签订采购协议",
        "取得订单",
        "获得订单",
        "中标",
        "交付产品",
        "供货",
        "形成业务往来",
        "有业务往来",
        "成为其供应商",
        "确认收入",
        "实现收入",
        "投资",
        "持股",
        "参股",
        "入股",
        "增资",
        "持有其股权",
        "出资",
        "成为其股东",
        "持有任何股份比例",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// A negated business or equity statement is never `business` or `equity`.
        #[test]
        fn negated_ties_are_never_business_or_equity(
            s in 0..SUBJECTS.len(), n in 0..NEGATIONS.len(), m in 0..MIDDLES.len(), c in 0..CUES.len(),
            tail in prop::sample::select(vec!["。", "，敬请投资者注意风险。", "！", "", "的情况。"]),
        ) {
            let mid = if MIDDLES[m].is_empty() { "DeepSeek相关方" } else { MIDDLES[m] };
            let sentence = format!("{}{}{}{}{}", SUBJECTS[s], NEGATIONS[n], mid, CUES[c], tail);
            let (classes, _) = classify_sentence(Lexicon::builtin(), &normalize(&sentence).text);
            prop_assert!(!classes.contains(&Class::Business) && !classes.contains(&Class::Equity), "{} -> {:?}", sentence, classes);
            prop_assert!(classes.contains(&Class::Denial), "{} -> {:?}", sentence, classes);
        }
    }
}

#[cfg(test)]
mod robustness_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any text (full-width, traditional, 4-byte characters, quotes) classifies without
        /// panicking, and every reported sentence is a slice of the original that names the
        /// theme or follows one.
        #[test]
        fn sentences_are_slices_of_the_original(
            parts in prop::collection::vec(prop::sample::select(vec![
                "ＤｅｅｐＳｅｅｋ", "deepseek", "與", "無", "業務往來", "。", "！", "？", "；", "\n",
                "“", "”", "「", "」", "𠀀", "é", "Ａ", "，", "公司", "未", "签订", "合同", " ", "\u{3000}",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            let t = crate::theme::find_builtin("deepseek").unwrap();
            let m = ThemeMatcher::new(&t);
            for kind in [Kind::Announcement, Kind::News] {
                let r = classify_document(Lexicon::builtin(), &m, &DocInput::text(kind, &text));
                for s in &r.sentences {
                    prop_assert_eq!(&text[s.range.clone()], s.text.as_str());
                    prop_assert!(!s.classes.is_empty());
                }
            }
        }
    }
}
