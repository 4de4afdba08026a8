//! Sentence and document classification (docs/design.md §6).
//!
//! **A sentence.** Lexicon hits are walked left to right, clause by clause (a comma, colon,
//! "但" … ends a clause):
//! - a negation word ("未", "无", "尚无", …) or a denial cue opens a negation scope to the end
//!   of the clause; an adoption, claim, business or equity cue inside it becomes `denial`
//!   with the cue `NEG…CUE` ("未与DeepSeek签订任何合同" → `denial`, cue `未…签订`), and so
//!   does a tie noun ("没有上述业务" → `denial`, cue `没有…业务`); a negated adoption
//!   ("暂未接入") is `denial`, never `adoption`; a bare "非" is the prefix of the word it
//!   begins ("非标准", "非全资") and negates only a cue that starts right after it; a
//!   negation fused with an adverb ("均未", "亦未") does not hide the denial verb its last
//!   letter begins ("均未涉及" is a denial); a denial that stands after what it denies
//!   ("…一事并非事实", "…的消息不属实") denies the ties named before it in its clause;
//! - "与" is no cue at all, so "与DeepSeek进行了适配" stays `adoption`;
//! - a clause with an evasion cue ("商业秘密，不便披露", "请以公告为准"), or with a generic
//!   boilerplate phrase ("持续关注行业发展", "具备…量产能力") in a sentence that does not
//!   name the theme, asserts nothing: its adoption, claim, business and equity cues are
//!   dropped;
//! - stated materiality ("占比较小", "尚未对公司业绩产生贡献", "占营业收入的0.06%",
//!   "不足1%") is `uncertainty` and marks the sentence immaterial, keeping the share when a
//!   number is given (a stated share under [`IMMATERIAL_SHARE`] percent is small);
//! - a sentence that relays hearsay ("网传", "媒体报道"), or that asks (it ends with "？", or
//!   a regulator's letter asks the company to explain: "请你公司说明…"), asserts nothing
//!   (its tie cues are dropped; a denial stays); market commentary ("概念股", "板块")
//!   without the company speaking about itself keeps only denial and evasion;
//! - a sentence with no class left is `mention`.
//!
//! **A text.** A sentence that does not name the theme but refers back to a sentence that
//! does ("其", "该", "上述", … among its first four characters) is about the theme too.
//!
//! **An investor Q&A** (互动易/e互动) is read as a dialogue. The question sets the topic and
//! is never company evidence (its sentences are `mention`). When the question is about the
//! theme, an answer sentence speaks about it when it names the theme, refers back to the
//! question ("上述业务", "问题所涉事项", "相关合作", "您提到的"), shares the question's
//! specific words (two or more of its content bigrams or a Latin token such as "HBM"), or
//! is a short bare reply ("目前暂无。"). Courtesy ("您好", "感谢您的关注") is not reported.
//! From what its sentences say, the answer's [`Stance`] towards the question is decided
//! (`stance`: affirm, deny, evade, partial, off_topic), and the stance decides which classes
//! are reported: a denial keeps only denial and risk language (a referral or a promise
//! after it adds nothing), an evasion or an off-topic answer only its referrals.
//! A sentence that does not speak about the question keeps only `evasion` (a referral or
//! a refusal) and is otherwise dropped: a generic mission statement is no claim. An answer
//! in which nothing speaks about the question is `evasion` (cue "未回应"); an empty answer
//! makes the question's sentences `evasion` (cue "无回复").
//!
//! Plain text with 问/答 markers ("问：…答：…", "Q: … A: …", an inquiry reply's
//! "问题1：…回复：…") given as a Q&A document, or starting with a question marker, is split
//! into its question-and-answer pairs first, each read as above.

use std::ops::Range;

use serde::Serialize;

use super::learned::{self, Readers};
use super::lexicon::{Lexicon, Tag};
use super::normalize::normalize;
use super::sentence::split_sentences;
use super::stance::{self, AnswerSentence, Stance, StanceInput, Topic};
use super::substance::{document_substance, Flag, Kind, Substance};
use super::{Class, ThemeMatcher};

/// A revenue or profit share (percent) stated for the theme business below which the
/// statement is immaterial.
pub const IMMATERIAL_SHARE: f64 = 10.0;

/// One document to classify.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    /// Source kind.
    pub kind: Kind,
    /// Body text (for a Q&A record without separate fields: the answer, or the whole
    /// record with 问/答 markers).
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

impl Part {
    /// The fixed name (`text`, `question`, `answer`).
    pub fn name(self) -> &'static str {
        match self {
            Part::Text => "text",
            Part::Question => "question",
            Part::Answer => "answer",
        }
    }
}

/// A classified sentence, in its original wording.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceResult {
    /// The sentence as written in the source.
    pub text: String,
    /// Byte range in the part it comes from (the question or the answer field; the body,
    /// also for a body that was split at its 问/答 markers).
    #[serde(skip)]
    pub range: Range<usize>,
    /// The part it comes from.
    #[serde(skip_serializing_if = "is_text")]
    pub part: Part,
    /// Classes, in [`Class::ALL`] order, never empty.
    pub classes: Vec<Class>,
    /// Cues that fired (normalised lexicon words; `NEG…CUE` for a negated cue).
    pub cues: Vec<String>,
    /// The sentence states the theme business is small.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub immaterial: bool,
    /// The share of revenue or profit it states, in percent, when it gives a number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

fn is_text(p: &Part) -> bool {
    *p == Part::Text
}

/// The classification of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocResult {
    /// Every sentence that mentions the theme.
    pub sentences: Vec<SentenceResult>,
    /// Substance of this document alone (at most `confirmed`).
    pub substance: Substance,
    /// Flags of this document alone (`warned`, `evasive`, `immaterial`, `promoted`).
    pub flags: Vec<Flag>,
    /// The smallest revenue or profit share stated for the theme business, in percent.
    pub share: Option<f64>,
    /// A Q&A record whose question is about the theme: the answer's stance towards it (of
    /// a body with several questions about the theme, the most substantive one).
    pub stance: Option<Stance>,
    /// A Q&A record whose question names the theme but asks about something else (the
    /// company's own affairs or trade, a suggestion), so that nothing in it counts.
    pub topic: Option<Topic>,
}

/// What one normalised sentence says, assumed to be about the theme.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Facts {
    pub(super) classes: Vec<Class>,
    pub(super) cues: Vec<String>,
    /// Each class with the cue that gave it, in the order found (what `classes` and `cues`
    /// were built from; the filing step edits these and rebuilds them).
    pub(super) pairs: Vec<(Class, String)>,
    /// The evasion cues among `cues` (what an off-topic answer keeps).
    evasion_cues: Vec<String>,
    pub(super) immaterial: bool,
    pub(super) share: Option<f64>,
    /// A reference word ("上述", "相关", "该") anywhere.
    refers: bool,
    /// Only courtesy phrases and punctuation.
    courtesy_only: bool,
    /// A boilerplate phrase.
    boilerplate: bool,
}

pub(super) fn asserts(c: Class) -> bool {
    matches!(
        c,
        Class::Adoption | Class::Claim | Class::Business | Class::Equity
    )
}

/// Classes and cues of one normalised sentence, assumed to be about the theme.
pub fn classify_sentence(lex: &Lexicon, s: &str) -> (Vec<Class>, Vec<String>) {
    let f = facts(lex, s, true);
    (f.classes, f.cues)
}

/// What a normalised sentence says; `names_theme`: it names the theme (else capability
/// talk counts only when it refers back).
pub(super) fn facts(lex: &Lexicon, s: &str, names_theme: bool) -> Facts {
    let mut found: Vec<(Class, String)> = Vec::new();
    let mut negation: Option<&str> = None;
    let (mut hearsay, mut commentary, mut subject) = (false, false, false);
    let mut out = Facts::default();
    // Start (in `found`) of the current clause, and whether it evades or is boilerplate.
    let mut clause_start = 0;
    let mut clause_mute = false;
    // Boilerplate mutes a clause only in a sentence that does not name the theme.
    let boiler_mutes = !names_theme;
    let mut courtesy_bytes = 0;
    let mut weak: Vec<String> = Vec::new();
    // In a sentence that does not name the theme, capability talk counts only in a clause
    // that refers back ("公司主要是探索X领域,后续将根据相关业务进展…": the reference is in
    // another clause): whether the current clause refers, and its weak cues.
    let mut clause_refers = false;
    let mut clause_weak: Vec<String> = Vec::new();
    let drop_unreferred = |found: &mut Vec<(Class, String)>, from: usize, weak: &[String]| {
        let mut i = from;
        while i < found.len() {
            if found[i].0 == Class::Claim && weak.contains(&found[i].1) {
                found.remove(i);
            } else {
                i += 1;
            }
        }
    };
    // The clause so far repeats the investor's topic ("您提及的X相关技术"): capability words
    // in it describe what was asked about, not the company.
    let mut asker = false;
    let mute = |found: &mut Vec<(Class, String)>, from: usize| {
        let mut i = from;
        while i < found.len() {
            if asserts(found[i].0) {
                found.remove(i);
            } else {
                i += 1;
            }
        }
    };
    // A bare "非" is the prefix "non-" of the word it begins ("非标准机器人", "非法定渠道",
    // "非全资附属公司"): it negates that word only, never a cue later in the clause; where it
    // ends (a cue starting there is negated). It is the clause's negation ("is not") before a
    // Latin name ("公司非DeepSeek的合作伙伴": Chinese writes no word of 非 and Latin letters)
    // and right after the company as subject ("公司非华为供应商"), unless a known non- word
    // follows there ("公司非经常性损益", "公司非标产品").
    let copula = |at: usize, end: usize| {
        const SUBJECTS: &[&str] = &["公司", "我司", "其"];
        const NON_WORDS: &[&str] = &[
            "经常性",
            "主营",
            "标",
            "全资",
            "独立",
            "流动",
            "货币",
            "关联",
            "执行",
            "侵入",
            "晶",
        ];
        let rest = &s[end..];
        rest.starts_with(|c: char| c.is_ascii_alphanumeric())
            || (SUBJECTS.iter().any(|w| s[..at].ends_with(w))
                && !NON_WORDS.iter().any(|w| rest.starts_with(w)))
    };
    let mut prefix_neg: Option<usize> = None;
    for (r, tag, term) in lex.hits(s) {
        let prefixed = prefix_neg.take() == Some(r.start) && negation.is_none();
        if prefixed {
            negation = Some("非");
        }
        match tag {
            Tag::Negation if term == "非" && !copula(r.start, r.end) => prefix_neg = Some(r.end),
            Tag::Negation => {
                negation = Some(term);
                // An adverb fused with the negation ("均未", "亦未", "并无") must not hide the
                // denial verb its negation begins: "均未涉及" is "均" + "未涉及", a denial even
                // with the object fronted ("上述业务公司均未涉及").
                let last = term.char_indices().last().map_or(0, |(i, _)| i);
                if last > 0 {
                    let tail = &s[r.start + last..];
                    if let Some((r2, Tag::Cue(Class::Denial), cue)) = lex.hits(tail).next() {
                        if r2.start == 0 && r2.end > term.len() - last {
                            found.push((Class::Denial, cue.to_string()));
                        }
                    }
                }
            }
            Tag::ClauseBreak => {
                if clause_mute {
                    mute(&mut found, clause_start);
                }
                if !names_theme && !clause_refers {
                    drop_unreferred(&mut found, clause_start, &clause_weak);
                }
                clause_refers = false;
                clause_weak.clear();
                negation = None;
                asker = false;
                clause_start = found.len();
                clause_mute = false;
            }
            Tag::Cue(Class::Denial) => {
                // A rumour called untrue after it is named ("所传公司获得上述订单一事并非事实",
                // "公司签订X合同的消息不属实"): the negation stands after what it denies, so
                // the ties named before it in the clause are denied, not stated.
                if UNTRUE.contains(&term) || (term == "并非" && s[r.end..].starts_with("事实"))
                {
                    mute(&mut found, clause_start);
                }
                found.push((Class::Denial, term.to_string()));
                negation = Some(term);
            }
            Tag::Cue(c) if asserts(c) => match negation {
                Some(neg) => found.push((Class::Denial, format!("{neg}…{term}"))),
                // A capability to sell ("批量供货能力", "交付服务能力") is a claim, not a sale.
                None if c == Class::Business && capability_follows(&s[r.end..]) => {
                    found.push((Class::Claim, term.to_string()));
                }
                None => found.push((c, term.to_string())),
            },
            Tag::Cue(Class::Evasion) => {
                found.push((Class::Evasion, term.to_string()));
                clause_mute = true;
            }
            Tag::Cue(c) => found.push((c, term.to_string())),
            Tag::WeakClaim if asker && negation.is_none() => {}
            Tag::WeakClaim => match negation {
                Some(neg) => found.push((Class::Denial, format!("{neg}…{term}"))),
                None => {
                    found.push((Class::Claim, term.to_string()));
                    weak.push(term.to_string());
                    clause_weak.push(term.to_string());
                }
            },
            Tag::TieNoun => {
                if let Some(neg) = negation {
                    found.push((Class::Denial, format!("{neg}…{term}")));
                }
            }
            Tag::Materiality => {
                found.push((Class::Uncertainty, term.to_string()));
                out.immaterial = true;
            }
            Tag::Boilerplate => {
                out.boilerplate = true;
                clause_mute |= boiler_mutes;
            }
            Tag::Courtesy => courtesy_bytes += r.len(),
            Tag::Reference => {
                let here = refers_here(s, &r, term);
                out.refers |= here;
                clause_refers |= here;
                asker |= ASKER_REFERENCE.contains(&term);
            }
            Tag::Hearsay => hearsay = true,
            Tag::Commentary => commentary = true,
            Tag::Subject => subject = true,
            Tag::Neutral => {}
        }
        if prefixed && negation == Some("非") {
            negation = None;
        }
    }
    if clause_mute {
        mute(&mut found, clause_start);
    }
    if !names_theme && !clause_refers {
        drop_unreferred(&mut found, clause_start, &clause_weak);
    }
    // A customer in a sentence that places the product at a stage before any sale ("已进入
    // 下游客户验证阶段", "与客户展开预研") is a claim under way, not business (LABELLING.md
    // rule 7: samples and research not yet sold).
    if found
        .iter()
        .any(|(c, cue)| *c == Class::Uncertainty && before_sale(cue))
    {
        found.retain(|(c, cue)| !(*c == Class::Business && cue == "客户"));
    }
    // Revenue named as the measure of a share ("收入占公司营业收入的比重很低") is the share's
    // business, read by the materiality and share rules, not a sale of its own.
    if ["占", "比重", "比例"].iter().any(|w| s.contains(w)) {
        found.retain(|(c, cue)| !(*c == Class::Business && cue == "营业收入"));
    }
    // "致力于为X提供…", "为…提供有力支撑": a purpose or a support, not a supply.
    if s.contains("致力于") || SUPPORT.iter().any(|w| s.contains(w)) {
        found.retain(|(c, cue)| !(*c == Class::Business && cue == "提供"));
    }
    // Capability talk beside a commercial fact in the same sentence ("自主研发的X已批量供应
    // Y") only qualifies the fact: the sentence states business, not a claim as well.
    let sells = found.iter().any(|(c, _)| *c == Class::Business);
    if (!names_theme && !out.refers) || sells {
        found.retain(|(c, cue)| !(*c == Class::Claim && weak.contains(cue)));
    }

    if let Some((share, floor)) = stated_share(s) {
        out.share = Some(share);
        if share < IMMATERIAL_SHARE && !floor {
            out.immaterial = true;
            found.push((Class::Uncertainty, format!("{share}%")));
        } else {
            // A business that carries a stated share of revenue is a commercial fact.
            found.push((Class::Business, format!("{share}%")));
        }
    }
    // Adoption is the company using an openly available product of the theme (LABELLING.md
    // rule 9): a sentence that neither names the theme nor refers back to it ("加大替代燃料
    // 使用", "在晶圆厂耗材中使用体量偏小") uses something else; a bare short reply ("已接入。")
    // still answers the question.
    if !names_theme
        && !out.refers
        && found.iter().any(|(c, _)| *c == Class::Adoption)
        && !short_reply(s)
    {
        found.retain(|(c, _)| *c != Class::Adoption);
    }
    // A product that "适配" a scenario or a need ("可完美适配X场景的需求", "材料适配不同的应用
    // 场景") fits it: the company's own capability, not the use of someone else's product.
    if fits_scenario(s) {
        for (c, cue) in found.iter_mut() {
            if *c == Class::Adoption && cue == "适配" {
                *c = Class::Claim;
            }
        }
    }
    // "为客户提供…" beside an adoption describes the adopted service, not a customer tie.
    if found.iter().any(|(c, _)| *c == Class::Adoption) {
        found.retain(|(c, cue)| !(*c == Class::Business && WEAK_BUSINESS.contains(&cue.as_str())));
    }
    if hearsay || interrogative(s) {
        // A relayed rumour, or a question or a request to explain ("请你公司说明…", "是否…？"),
        // asserts nothing.
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
    out.pairs = found.clone();
    for (class, cue) in found {
        if class == Class::Evasion && !out.evasion_cues.contains(&cue) {
            out.evasion_cues.push(cue.clone());
        }
        if !out.cues.contains(&cue) {
            out.cues.push(cue);
        }
    }
    out.classes = classes;
    let content = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum::<usize>();
    out.courtesy_only = content <= courtesy_bytes + 3 * 2;
    out
}

/// Denials that stand after what they deny: a report or a rumour called untrue.
const UNTRUE: &[&str] = &[
    "不实",
    "不属实",
    "纯属谣言",
    "系谣言",
    "不是事实",
    "与事实不符",
    "不符合事实",
    "缺乏事实依据",
    "无事实依据",
];

/// Whether a normalised sentence asks rather than tells: it ends with a question mark, or
/// it is a request to explain (a regulator's letter: "请你公司说明…", "请核实并说明…").
fn interrogative(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '」' | ')' | '）')
    });
    if t.ends_with('?') {
        return true;
    }
    let head: String = s
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .take(8)
        .collect();
    [
        "请你公司",
        "请公司",
        "请说明",
        "请补充",
        "请核实",
        "请结合",
        "请详细说明",
        "请进一步说明",
    ]
    .iter()
    .any(|w| head.starts_with(w))
}

/// A normalised sentence without the greeting it opens with ("您好,是的" → "是的").
fn without_greeting(s: &str) -> &str {
    let mut t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    for g in ["尊敬的投资者", "投资者", "您好", "你好"] {
        if let Some(rest) = t.strip_prefix(g) {
            t = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
        }
    }
    t
}

/// The heads of a bare no ("没有。", "不是的", "暂时没有"); a one-character head counts
/// only alone ("否。", not "否则…").
const NO_HEADS: &[&str] = &[
    "没有",
    "不是",
    "并没有",
    "暂时没有",
    "目前没有",
    "目前还没有",
    "还没有",
    "暂时还没有",
    "目前暂时没有",
    "尚未",
    "暂未",
    "不会",
    "没",
    "否",
    "不",
    "无",
];

/// A whole first clause that says yes ("是的，…", "有，…").
const REPLY_YES: &[&str] = &[
    "是的", "是", "有的", "有", "对的", "对", "确实", "正确", "属实",
];

/// The head of a reply that is a bare yes or no ("是的", "没有", "属实") when all the rest of
/// the sentence is a referral ("，具体请以公司公告为准。"), else `None`. The head is the whole
/// first clause: "尚未公布，具体请以公司公告为准" is no bare no (it says the figure is not out),
/// and stays a non-answer.
fn head_before_referral<'a>(lex: &Lexicon, t: &'a str) -> Option<&'a str> {
    let end = t.find([',', ';'])?;
    let (first, rest) = t.split_at(end);
    let head = first.trim_end();
    if !REPLY_YES.contains(&head) && !NO_HEADS.contains(&head) {
        return None;
    }
    let r = facts(lex, rest, false);
    (r.classes == [Class::Evasion]).then_some(first)
}

/// Whether a normalised sentence (its greeting removed) with the given classes is a bare no:
/// its first clause has at most eight letters or digits and the rest is courtesy
/// ("目前还没有，谢谢关注。"), and that clause is a denial ("暂无。") or, saying nothing
/// else, opens with a head of [`NO_HEADS`] ("没有。").
fn bare_no(lex: &Lexicon, t: &str, classes: &[Class]) -> bool {
    let end = t.find([',', '。', '!', ';', '.']).unwrap_or(t.len());
    let (first, rest) = t.split_at(end);
    let says_more = rest.chars().any(char::is_alphanumeric);
    if !short_reply(first) || (says_more && !facts(lex, rest, false).courtesy_only) {
        return false;
    }
    match classes {
        [Class::Denial] => true,
        [Class::Mention] => NO_HEADS.iter().any(|h| {
            first.strip_prefix(*h).is_some_and(|after| {
                h.chars().count() > 1 || !after.chars().next().is_some_and(|c| c.is_alphanumeric())
            })
        }),
        _ => false,
    }
}

/// Whether "适配" in a sentence is followed, within its clause, by a scenario or a need
/// ("适配AIDC场景的需求", "适配不同的应用场景"): the product fits a use, it adopts nothing.
fn fits_scenario(s: &str) -> bool {
    s.match_indices("适配").any(|(i, w)| {
        let rest = &s[i + w.len()..];
        let clause = rest
            .split([',', '，', '。', ';', '；'])
            .next()
            .unwrap_or("");
        ["场景", "需求"].iter().any(|n| clause.contains(n))
    })
}

/// Business cues that also describe an ordinary service ("为客户提供").
const WEAK_BUSINESS: &[&str] = &["客户", "提供", "供应"];

/// Whether the text right after a business cue makes it a capability ("能力", "服务能力").
fn capability_follows(rest: &str) -> bool {
    rest.starts_with("能力") || rest.starts_with("服务能力") || rest.starts_with("保障能力")
}

/// Uncertainty cues of a product's stage before any sale (research, samples, a customer's
/// validation): the stages both [`before_sale`] and [`under_way`] know.
const STAGES: &[&str] = &[
    "验证阶段",
    "送样阶段",
    "测试阶段",
    "研发阶段",
    "预研",
    "验证工作",
    "研发及验证",
    "研发和验证",
    "正在研发",
    "研发中",
    "客户导入",
    "导入阶段",
];

/// Whether an uncertainty cue places a product before any sale (a stage, or a sale that
/// "取决于" something): a customer named beside it is not a sale.
fn before_sale(cue: &str) -> bool {
    STAGES.contains(&cue) || cue == "取决于"
}

/// Whether an uncertainty cue tells of work under way (a stage, or "研发及生产"): about the
/// asked topic, a claim as well (LABELLING.md rule 7).
fn under_way(cue: &str) -> bool {
    STAGES.contains(&cue) || cue == "研发及生产"
}

/// Words that make "提供" a support rather than a supply ("为行业增长提供有力支撑").
const SUPPORT: &[&str] = &["支撑", "有力保障", "坚实保障"];

/// Reference words that repeat the investor's topic ("您提及的…").
const ASKER_REFERENCE: &[&str] = &["您提到的", "您提及的", "您所提", "您所说", "所提及"];

/// A share of revenue or profit stated in a normalised sentence, in percent: the smallest
/// number before "%" in a sentence that speaks of a share ("占…收入", "收入占比", "比重")
/// of revenue, sales or profit ("不足1%" and "低于1%" give 1), and whether it is only a
/// floor ("超过70%", "30%以上").
fn stated_share(s: &str) -> Option<(f64, bool)> {
    if !s.contains('%') {
        return None;
    }
    let share_words = ["占", "比重", "占比"];
    let base_words = ["收入", "营收", "营业", "销售额", "利润", "业绩"];
    if !share_words.iter().any(|w| s.contains(w)) || !base_words.iter().any(|w| s.contains(w)) {
        return None;
    }
    // Percentages of shareholdings ("持股比例", "股份"), margins and changes ("毛利率",
    // "同比增长") are no share of revenue: a percentage in a clause that speaks of them is
    // left out, and the sentence's other clauses still count ("收入为1,260万元，占营业收入的
    // 1.1%，毛利率为负").
    const NOT_SHARES: [&str; 7] = ["持股", "股份", "股权", "毛利率", "同比", "增长", "下降"];
    let mut best: Option<f64> = None;
    let mut floor = false;
    for (i, _) in s.match_indices('%') {
        let before = &s[..i];
        let clause_start = before.rfind(['，', '；', ',', ';']).map_or(0, |at| at + 1);
        let clause_end = s[i..]
            .find(['，', '；', ',', ';', '。'])
            .map_or(s.len(), |at| i + at);
        let clause = &s[clause_start..clause_end];
        if NOT_SHARES.iter().any(|w| clause.contains(w)) {
            continue;
        }
        let digits: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        if let Ok(v) = digits.trim_start_matches('.').parse::<f64>() {
            let lead = &before[..before.len() - digits.len()];
            // "超过70%" and "30%以上" state a floor, not a small share.
            let after = &s[i + 1..];
            if ["超过", "超", "高于", "逾"]
                .iter()
                .any(|w| lead.ends_with(w))
                || after.starts_with("以上")
            {
                floor = true;
                best = Some(best.map_or(v, |b: f64| b.max(v)));
                continue;
            }
            if floor {
                continue;
            }
            best = Some(best.map_or(v, |b: f64| b.min(v)));
        }
    }
    best.map(|b| (b, floor))
}

/// Content bigrams and Latin tokens of a normalised question: what an answer must share to
/// speak about it.
struct QuestionWords {
    bigrams: Vec<[char; 2]>,
    latin: Vec<String>,
}

/// Characters that make a bigram a function or generic word ("是否", "公司", "目前").
const FUNCTION_CHARS: &str = "的了是否有吗呢在和与及或等对为将会能请问您你我贵司公这那哪些个什么多少如何怎样吧啊也都还已被把从到就其该此目前未来年月日今近期不没无之所以并且而但因于由给让向以上下中内外又再很更最吧嘛哦呀谢您好董秘";

/// Generic two-character words that every answer uses.
const GENERIC: &[&str] = &[
    "业务", "产品", "技术", "研发", "相关", "行业", "发展", "市场", "情况", "进展", "领域", "方面",
    "能力", "投资", "项目", "合作", "布局", "规划", "计划", "股东", "股价", "经营", "业绩", "收入",
    "营收", "利润", "生产", "销售", "提升", "具体", "信息", "披露", "关注", "持续", "积极", "推进",
    "核心", "主要", "重要", "全球", "国内", "海外", "企业", "集团", "股份", "有限", "应用", "公告",
    "报告", "定期", "进行", "开展", "实现", "通过", "支持", "影响", "价格", "需求", "客户", "实际",
    "预计", "是否", "目前", "请问", "董事", "感谢", "关系", "方向", "优势", "成本", "质量", "服务",
    "管理", "建设", "增长", "规模", "水平", "成为", "形成", "保持", "加快", "不断",
];

impl QuestionWords {
    fn of(q: &str) -> QuestionWords {
        let mut bigrams = Vec::new();
        let chars: Vec<char> = q.chars().collect();
        for w in chars.windows(2) {
            let (a, b) = (w[0], w[1]);
            if !(is_cjk(a) && is_cjk(b)) || FUNCTION_CHARS.contains(a) || FUNCTION_CHARS.contains(b)
            {
                continue;
            }
            let pair = [a, b];
            let text: String = pair.iter().collect();
            if GENERIC.contains(&text.as_str()) || bigrams.contains(&pair) {
                continue;
            }
            bigrams.push(pair);
        }
        let mut latin = Vec::new();
        for tok in q.split(|c: char| !c.is_ascii_alphanumeric()) {
            if tok.len() >= 2 && !tok.bytes().all(|b| b.is_ascii_digit()) && tok != "ai" {
                let t = tok.to_string();
                if !latin.contains(&t) {
                    latin.push(t);
                }
            }
        }
        QuestionWords { bigrams, latin }
    }

    /// Whether a normalised answer sentence shares the question's specific words.
    fn shared_by(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        let mut n = 0;
        for pair in &self.bigrams {
            if chars.windows(2).any(|w| w[0] == pair[0] && w[1] == pair[1]) {
                n += 1;
                if n >= 2 {
                    return true;
                }
            }
        }
        self.latin.iter().any(|t| {
            s.match_indices(t.as_str()).any(|(i, _)| {
                let before = s[..i].chars().next_back();
                let after = s[i + t.len()..].chars().next();
                !before.is_some_and(|c| c.is_ascii_alphanumeric())
                    && !after.is_some_and(|c| c.is_ascii_alphanumeric())
            })
        })
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether the reference word `term` at `r` points back at something: "相关" only when a
/// tie noun follows it ("相关业务", "相关合作"; not "相关人员").
fn refers_here(s: &str, r: &Range<usize>, term: &str) -> bool {
    if term != "相关" {
        return true;
    }
    const NOUNS: &[&str] = &[
        "业务", "产品", "合作", "计划", "项目", "技术", "领域", "事项", "订单", "应用", "传闻",
        "报道", "情况", "消息", "布局", "规划", "资产",
    ];
    let rest = &s[r.end..];
    NOUNS.iter().any(|n| rest.starts_with(n))
}

/// Whether a normalised sentence refers back with a reference word near its start.
pub(super) fn refers_back(lex: &Lexicon, s: &str) -> bool {
    let head_end = s.char_indices().nth(4).map_or(s.len(), |(i, _)| i);
    lex.hits(s)
        .take_while(|(r, _, _)| r.start < head_end)
        .any(|(_, tag, _)| tag == Tag::Reference)
}

/// Whether a text is short enough to be a bare reply ("目前暂无。", "是的。", "已接入。"):
/// eight letters or digits at most.
pub(super) fn short_reply(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphanumeric()).count() <= 8
}

/// A short bare reply that says something (a class other than `mention`).
fn bare_reply(s: &str, f: &Facts) -> bool {
    short_reply(s) && f.classes.iter().any(|c| *c != Class::Mention)
}

pub(super) fn push(
    out: &mut Vec<SentenceResult>,
    original: &str,
    orig: Range<usize>,
    part: Part,
    f: Facts,
) {
    out.push(SentenceResult {
        text: original[orig.clone()].to_string(),
        range: orig,
        part,
        classes: f.classes,
        cues: f.cues,
        immaterial: f.immaterial,
        share: f.share,
    });
}

/// Classifies the theme sentences of a body or a question.
fn classify_part(
    lex: &Lexicon,
    m: &ThemeMatcher,
    original: &str,
    part: Part,
    out: &mut Vec<SentenceResult>,
) {
    let n = normalize(original);
    let mut previous_mentions = false;
    for r in split_sentences(&n.text) {
        let s = &n.text[r.clone()];
        let mentions = m.mentions(s) || (previous_mentions && refers_back(lex, s));
        previous_mentions = mentions;
        if !mentions {
            continue;
        }
        let f = if part == Part::Question {
            Facts {
                classes: vec![Class::Mention],
                ..Facts::default()
            }
        } else {
            facts(lex, s, true)
        };
        push(out, original, n.original_range(r), part, f);
    }
}

/// Classifies an answer to a question about the theme (see the module doc): what each
/// sentence says, then the answer's [`Stance`] towards the question, then the classes the
/// stance leaves.
/// One sentence of an answer as read against its question.
struct Said {
    range: Range<usize>,
    facts: Facts,
    names: bool,
    about: bool,
}

/// What each sentence of a normalised answer says, and whether it speaks about the
/// normalised question; courtesy alone is left out.
fn read_answer(lex: &Lexicon, m: &ThemeMatcher, question: &str, answer: &str) -> Vec<Said> {
    // An answer shares the question's words about the theme: those of the clauses that name
    // it (a reply about the company's capacity to "产能利用率如何，X产品有没有出货" answers
    // the other part). When the theme is named only in sentences that ask nothing ("据报道，
    // 公司与X达成合作。具体什么时候推动？"), the asks are about it: all of the question counts.
    let asking = split_sentences(question).into_iter().any(|r| {
        let s = &question[r];
        m.mentions(s) && stance::ASK_MARKS.iter().any(|w| s.contains(w))
    });
    let theme_clauses: String = question
        .split_inclusive([',', ';', ':', '。', '?', '!', '\n'])
        .filter(|c| m.mentions(c))
        .collect();
    let words = QuestionWords::of(if asking { &theme_clauses } else { question });
    let siblings = siblings(m, &theme_clauses);
    let mut said = Vec::new();
    for r in split_sentences(answer) {
        let s = &answer[r.clone()];
        let names = m.mentions(s);
        // A bare yes or no followed by a referral in the same sentence ("是的，具体请以公告为
        // 准。", "没有，请以公司公告为准。") answers the question: a substantive answer followed
        // by a referral is not evasive, a denial followed by one is still a denial (LABELLING.md
        // rules 1 and 2). The head is read alone.
        let t = without_greeting(s);
        let head = head_before_referral(lex, t);
        let mut f = facts(lex, head.unwrap_or(s), names);
        // A bare yes ("有。", "是的，谢谢关注。") is short enough to pass for courtesy, but it
        // answers the question (LABELLING.md rule 2).
        let yes = match head {
            Some(head) => REPLY_YES.contains(&head),
            None => stance::short_yes(t) && (f.courtesy_only || short_reply(t)),
        };
        // So does a bare no ("没有。", "目前还没有，谢谢关注。"): it denies what was asked
        // (LABELLING.md rule 1), whether or not its words are a denial cue.
        // A short reply that says more ("尚未量产。": a stage) keeps what it says.
        let no = !yes && bare_no(lex, head.unwrap_or(t), &f.classes);
        if no && f.classes == [Class::Mention] {
            f.classes = vec![Class::Denial];
            f.cues.push("否定答复".to_string());
            f.pairs.push((Class::Denial, "否定答复".to_string()));
        }
        if f.courtesy_only && !yes && !no {
            continue;
        }
        // A sentence that names another item of the list the question put the theme in
        // ("在X、风电等领域有合作吗" answered "公司在风电设备方面保持合作"), and not the
        // theme, answers about that item.
        let sibling = !names && siblings.iter().any(|w| s.contains(w.as_str()));
        let about =
            !sibling && (names || f.refers || yes || no || words.shared_by(s) || bare_reply(s, &f));
        said.push(Said {
            range: r,
            facts: f,
            names,
            about,
        });
    }
    said
}

/// The other items of the lists ("X、Y、Z等领域") in which the question's clauses name the
/// theme: runs of two to six Chinese characters beside a "、" that do not name it.
fn siblings(m: &ThemeMatcher, theme_clauses: &str) -> Vec<String> {
    const STOP: &str = "在与和及或对是否有的等于为从把向涉";
    let mut out = Vec::new();
    for clause in theme_clauses.split([',', ';', ':', '。', '?', '!', '\n']) {
        let pieces: Vec<&str> = clause.split('、').collect();
        if pieces.len() < 2 {
            continue;
        }
        for (i, piece) in pieces.iter().enumerate() {
            let run = |chars: &mut dyn Iterator<Item = char>| -> String {
                chars
                    .take_while(|c| is_cjk(*c) && !STOP.contains(*c))
                    .collect()
            };
            let item: String = if i == 0 {
                let rev = run(&mut piece.chars().rev());
                rev.chars().rev().collect()
            } else {
                run(&mut piece.chars())
            };
            let n = item.chars().count();
            if (2..=6).contains(&n) && !m.mentions(&item) && !out.contains(&item) {
                out.push(item);
            }
        }
    }
    out
}

/// The stance step's view of the sentences read by [`read_answer`].
fn views<'a>(answer: &'a str, said: &'a [Said]) -> Vec<AnswerSentence<'a>> {
    said.iter()
        .map(|x| AnswerSentence {
            text: &answer[x.range.clone()],
            classes: &x.facts.classes,
            names_theme: x.names,
            about: x.about,
            boilerplate: x.facts.boilerplate,
        })
        .collect()
}

/// Calls `f` with what the stance step sees of a question and its answer (original
/// wording; the question is assumed to be about the theme). The trainer of the learned
/// stance reader (`examples/train_stance.rs`) computes its features through this, so that
/// they are the ones `classify_document` computes.
pub fn with_stance_input<R>(
    lex: &Lexicon,
    m: &ThemeMatcher,
    question: &str,
    answer: &str,
    f: impl FnOnce(&StanceInput<'_>) -> R,
) -> R {
    let nq = normalize(question);
    let n = normalize(answer);
    let said = read_answer(lex, m, &nq.text, &n.text);
    let views = views(&n.text, &said);
    f(&StanceInput {
        question: &nq.text,
        asks: stance::asks(&nq.text),
        answer: &n.text,
        sentences: &views,
    })
}

fn classify_answer(
    lex: &Lexicon,
    m: &ThemeMatcher,
    question: &str,
    original: &str,
    readers: Readers,
    out: &mut Vec<SentenceResult>,
) -> Stance {
    let nq = normalize(question);
    let n = normalize(original);
    let said = read_answer(lex, m, &nq.text, &n.text);
    let views = views(&n.text, &said);
    let stance = stance::decide(
        &StanceInput {
            question: &nq.text,
            asks: stance::asks(&nq.text),
            answer: &n.text,
            sentences: &views,
        },
        m,
        readers.stance,
    );
    let emit = |out: &mut Vec<SentenceResult>, x: &Said, f: Facts| {
        push(
            out,
            original,
            n.original_range(x.range.clone()),
            Part::Answer,
            f,
        );
    };
    let before = out.len();
    match stance {
        Stance::Affirm | Stance::Partial => {
            // The answer speaks about the question: its sentences count, a tie only where
            // the sentence itself speaks about the question; one that adds nothing is left
            // out. A yes that names no tie ("是的。", "公司X项目处于建设阶段。") affirms what
            // was asked: a claim.
            let bare_yes = stance == Stance::Affirm
                && !said.iter().any(|x| {
                    x.about
                        && x.facts
                            .classes
                            .iter()
                            .any(|c| asserts(*c) || *c == Class::Denial)
                });
            for x in &said {
                let mut f = x.facts.clone();
                if bare_yes
                    && x.about
                    && (x.names || !x.facts.boilerplate)
                    && !f.immaterial
                    && matches!(
                        f.classes.as_slice(),
                        [Class::Mention] | [Class::Uncertainty]
                    )
                {
                    f.classes.retain(|c| *c != Class::Mention);
                    f.classes.push(Class::Claim);
                    f.classes.sort();
                    f.cues.push("肯定答复".to_string());
                }
                // Work under way on the asked topic ("公司正积极推进X技术的研发及生产工作") is
                // a claim with its uncertainty (LABELLING.md rule 7), also beside a dodge.
                if x.about
                    && !f.immaterial
                    && f.classes == [Class::Uncertainty]
                    && x.facts
                        .pairs
                        .iter()
                        .any(|(c, cue)| *c == Class::Uncertainty && under_way(cue))
                {
                    f.classes.push(Class::Claim);
                    f.classes.sort();
                }

                if !x.about {
                    // A sentence that does not speak about the question asserts no tie.
                    f.classes.retain(|c| !asserts(*c));
                    if f.classes.is_empty() {
                        f.classes.push(Class::Mention);
                    }
                }
                if f.classes == [Class::Mention] && !x.names {
                    continue;
                }
                emit(out, x, f);
            }
            if out.len() == before {
                for x in said.iter().filter(|x| x.about) {
                    emit(out, x, x.facts.clone());
                }
            }
        }
        Stance::Deny => {
            // The denial stands; a referral or a generic promise beside it adds nothing.
            for x in said.iter().filter(|x| x.about) {
                let mut f = x.facts.clone();
                f.classes
                    .retain(|c| matches!(c, Class::Denial | Class::Uncertainty));
                if f.classes.is_empty() {
                    continue;
                }
                emit(out, x, f);
            }
        }
        Stance::Evade | Stance::OffTopic => {
            // Only referrals and refusals are reported, and a stated small share quoted
            // beside a referral ("已刊登澄清公告，明确相关业务对公司整体经营不构成重大影
            // 响"): the answer still evades, but what it says of the share stands.
            for x in &said {
                if x.facts.classes.contains(&Class::Evasion) {
                    let mut f = Facts {
                        classes: vec![Class::Evasion],
                        cues: x.facts.evasion_cues.clone(),
                        ..Facts::default()
                    };
                    if x.about && x.facts.immaterial {
                        f.classes.insert(0, Class::Uncertainty);
                        f.immaterial = true;
                        for (c, cue) in &x.facts.pairs {
                            if *c == Class::Uncertainty && !f.cues.contains(cue) {
                                f.cues.push(cue.clone());
                            }
                        }
                    }
                    emit(out, x, f);
                }
            }
        }
    }
    if out.len() == before && !n.text.trim().is_empty() {
        // Nothing in the answer speaks about what was asked.
        let r = said.first().map_or(0..n.text.len(), |x| x.range.clone());
        let f = Facts {
            classes: vec![Class::Evasion],
            cues: vec!["未回应".to_string()],
            ..Facts::default()
        };
        push(out, original, n.original_range(r), Part::Answer, f);
    }
    stance
}

/// Markers that open a question or an answer in plain text.
const QUESTION_MARKS: &[&str] = &["投资者提问:", "投资者问:", "提问:", "问:", "q:"];
const ANSWER_MARKS: &[&str] = &[
    "董秘回复:",
    "董秘回答:",
    "公司回复:",
    "公司回答:",
    "上市公司回复:",
    "回复:",
    "回答:",
    "答复:",
    "答:",
    "a:",
];

/// Where a question marker (问：, 提问：, 问题1：, Q:) or an answer marker (答：, 回复：, A:)
/// starts in normalised, ASCII-lowercased text, and where its text begins.
fn markers(lower: &str) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    for (list, question) in [(QUESTION_MARKS, true), (ANSWER_MARKS, false)] {
        for m in list {
            for (i, _) in lower.match_indices(m) {
                out.push((i, i + m.len(), question));
            }
        }
    }
    // "问题1:" / "问题十二:" numbered questions of an inquiry reply.
    for (i, _) in lower.match_indices("问题") {
        if let Some(len) = numbered_question(&lower[i..]) {
            out.push((i, i + len, true));
        }
    }
    out.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    // Where markers overlap ("投资者提问:" holds "提问:" and "问:"), the longest first one wins.
    let mut kept: Vec<(usize, usize, bool)> = Vec::new();
    for m in out {
        if kept.last().is_none_or(|k| m.0 >= k.1) {
            kept.push(m);
        }
    }
    kept
}

/// The length of the numbered question's marker ("问题1:", "问题十二:", an inquiry reply's)
/// that normalised text `s` opens with, if it opens with one.
pub(super) fn numbered_question(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("问题")?;
    let digits = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || "一二三四五六七八九十".contains(*c)))
        .map_or(rest.len(), |(j, _)| j);
    (digits > 0 && rest[digits..].starts_with(':')).then_some("问题".len() + digits + 1)
}

/// Splits plain text with 问/答 markers into its (question, answer) pairs, in original
/// wording ("问：…答：…问：…答：…", an inquiry reply's "问题1：…回复：…"). Only a text whose
/// first words open a question counts, unless `qa` says the document is a Q&A record; a
/// question without an answer marker after it has an empty answer.
pub fn split_qa(text: &str, qa: bool) -> Vec<(&str, &str)> {
    // Every body without question fields comes here (each announcement): only a text with a
    // question mark's first character (问/問, or Q before a colon) is normalised and searched.
    let may_ask = text.contains(['问', '問'])
        || ["q:", "q：", "Q:", "Q：", "Ｑ"]
            .iter()
            .any(|m| text.contains(m));
    if !may_ask {
        return Vec::new();
    }
    let n = normalize(text);
    let lower = n.text.to_ascii_lowercase();
    let marks = markers(&lower);
    let Some(first) = marks.iter().position(|m| m.2) else {
        return Vec::new();
    };
    if !qa && !lower[..marks[first].0].trim().is_empty() {
        return Vec::new();
    }
    let mut pairs = Vec::new();
    let mut i = first;
    while i < marks.len() {
        let (_, q_from, _) = marks[i];
        let next_q = marks[i + 1..].iter().position(|m| m.2).map(|j| i + 1 + j);
        let end = next_q.map_or(n.text.len(), |j| marks[j].0);
        let answer = marks[i + 1..next_q.unwrap_or(marks.len())]
            .iter()
            .find(|m| !m.2);
        let (q_to, a) = match answer {
            Some(&(a_at, a_from, _)) => (a_at, a_from..end),
            None => (end, end..end),
        };
        let q = n.original_range(q_from..q_to);
        let a = n.original_range(a);
        pairs.push((text[q].trim(), text[a].trim()));
        match next_q {
            Some(j) => i = j,
            None => break,
        }
    }
    pairs
}

/// Classifies one question and its answer (see the module doc).
fn classify_dialogue(
    lex: &Lexicon,
    m: &ThemeMatcher,
    q: &str,
    answer: &str,
    readers: Readers,
    own_trade: bool,
    sentences: &mut Vec<SentenceResult>,
) -> Result<Option<Stance>, Topic> {
    let before = sentences.len();
    classify_part(lex, m, q, Part::Question, sentences);
    let asked = sentences.len() > before;
    if asked {
        let (nq, na) = (normalize(q).text, normalize(answer).text);
        let mut topic = stance::question_topic(m, &nq);
        if topic == Topic::Theme && own_trade {
            // The company's own answers describe the theme as its trade (`OwnTrade`).
            topic = Topic::CoreBusiness;
        }
        if topic == Topic::Theme && readers.gate && !learned::gate_accepts(m, &nq, &na) {
            // The learned gate reads the question as about the company's own trade.
            topic = Topic::CoreBusiness;
        }
        if topic != Topic::Theme {
            // The question names the theme in passing (beside the company's own affairs,
            // its own trade, a suggestion): the record says nothing about it.
            sentences.truncate(before);
            return Err(topic);
        }
    }
    if asked && answer.trim().is_empty() {
        for s in &mut sentences[before..] {
            s.classes = vec![Class::Evasion];
            s.cues = vec!["无回复".to_string()];
        }
    }
    if asked {
        Ok(Some(classify_answer(lex, m, q, answer, readers, sentences)))
    } else {
        classify_part(lex, m, answer, Part::Answer, sentences);
        Ok(None)
    }
}

/// Classifies every theme sentence of a document and derives its substance and flags.
pub fn classify_document(lex: &Lexicon, m: &ThemeMatcher, doc: &DocInput<'_>) -> DocResult {
    classify_document_with(lex, m, doc, Readers::SHIPPED)
}

/// [`classify_document`] with a choice of where the learned readers have a say (the
/// evaluation compares the rules alone, the model alone and both).
pub fn classify_document_with(
    lex: &Lexicon,
    m: &ThemeMatcher,
    doc: &DocInput<'_>,
    readers: Readers,
) -> DocResult {
    classify_document_in(lex, m, doc, readers, false)
}

/// [`classify_document_with`] for a document of a company whose own answers describe the
/// theme as its trade by the document's date (`own_trade`, see [`stance::OwnTrade`]): its
/// investors' questions about the theme are then about its core business
/// ([`Topic::CoreBusiness`]) and the record says nothing about a concept it rides.
pub fn classify_document_in(
    lex: &Lexicon,
    m: &ThemeMatcher,
    doc: &DocInput<'_>,
    readers: Readers,
    own_trade: bool,
) -> DocResult {
    let mut sentences = Vec::new();
    let split = match (doc.question, doc.answer) {
        (None, None) => split_qa(doc.text, doc.kind == Kind::Qa),
        _ => Vec::new(),
    };
    let mut pairs = Vec::new();
    match doc.question {
        Some(q) => pairs.push(classify_dialogue(
            lex,
            m,
            q,
            doc.answer.unwrap_or(""),
            readers,
            own_trade,
            &mut sentences,
        )),
        None if !split.is_empty() => {
            // Split from the body: ranges index the whole body, not its parts.
            let at = |part: &str| part.as_ptr() as usize - doc.text.as_ptr() as usize;
            for (q, a) in &split {
                let from = sentences.len();
                pairs.push(classify_dialogue(
                    lex,
                    m,
                    q,
                    a,
                    readers,
                    own_trade,
                    &mut sentences,
                ));
                for s in &mut sentences[from..] {
                    let off = if s.part == Part::Question {
                        at(q)
                    } else {
                        at(a)
                    };
                    s.range = s.range.start + off..s.range.end + off;
                }
            }
        }
        None if doc.kind == Kind::Qa => classify_part(
            lex,
            m,
            doc.answer.unwrap_or(doc.text),
            Part::Answer,
            &mut sentences,
        ),
        // A filing, a notice, a post or a news text: read as a document (filing.rs).
        None => super::filing::classify_body(lex, m, doc.text, &mut sentences),
    }
    let stances: Vec<Stance> = pairs.iter().filter_map(|p| p.ok().flatten()).collect();
    let topic = if stances.is_empty() && sentences.is_empty() {
        pairs.iter().find_map(|p| p.err())
    } else {
        None
    };
    // A question is never company evidence: only the answer's (or body's) sentences count.
    let company: Vec<&SentenceResult> = sentences
        .iter()
        .filter(|s| s.part != Part::Question || s.classes == [Class::Evasion])
        .collect();
    let classes: Vec<Vec<Class>> = company.iter().map(|s| s.classes.clone()).collect();
    let immaterial = company.iter().any(|s| s.immaterial);
    let share = company
        .iter()
        .filter_map(|s| s.share)
        .fold(None, |a: Option<f64>, b| Some(a.map_or(b, |a| a.min(b))));
    // Plain text split into a question and its answer is a Q&A record.
    let kind = if split.is_empty() { doc.kind } else { Kind::Qa };
    let (substance, mut flags) = document_substance(kind, &classes, immaterial);
    // An answer that evades is evasive, also when it quotes a stated small share beside its
    // referral.
    if kind == Kind::Qa
        && stance::of_pairs(&stances) == Some(Stance::Evade)
        && !flags.contains(&Flag::Evasive)
    {
        flags.push(Flag::Evasive);
        flags.sort();
    }
    DocResult {
        sentences,
        substance,
        flags,
        share,
        stance: stance::of_pairs(&stances),
        topic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use Class::*;

    /// The shipped reading of `answer` to `question`, a Q&A record about the built-in `theme`.
    fn answer_to(theme: &str, question: &str, answer: &str) -> DocResult {
        answer_read_by(theme, question, answer, Readers::SHIPPED)
    }

    /// [`answer_to`] read by the given readers.
    fn answer_read_by(theme: &str, question: &str, answer: &str, readers: Readers) -> DocResult {
        let m = crate::theme::find_builtin(theme).unwrap().matcher();
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some(question),
            answer: Some(answer),
        };
        classify_document_with(Lexicon::builtin(), &m, &doc, readers)
    }

    fn cls(s: &str) -> Vec<Class> {
        classify_sentence(Lexicon::builtin(), &normalize(s).text).0
    }

    /// Session 11: "不足" before a quantity ("成立不足半年") is a comparative, like "不低于": it
    /// negates no cue after it in the clause.
    #[test]
    fn less_than_negates_nothing() {
        let c = cls("公司与一家成立不足半年的脑机接口企业签署了战略合作框架协议。");
        assert!(!c.contains(&Class::Denial), "{c:?}");
        assert!(c.contains(&Class::Claim), "{c:?}");
    }

    #[test]
    fn a_share_of_revenue_counts_beside_a_margin_or_a_change_in_another_clause() {
        let share = |s: &str| stated_share(&normalize(s).text);
        // A small line with its amount, share and a negative margin (a filing's usual
        // sentence): the margin's clause does not hide the share.
        assert_eq!(
            share("2024年该业务收入为1,260万元，占公司营业收入的1.1%，毛利率为负。"),
            Some((1.1, false))
        );
        assert_eq!(
            share("该业务收入占营业收入的比重为3%，同比增长20%。"),
            Some((3.0, false))
        );
        // Percentages of a margin, a change or a stake are no share of revenue.
        assert_eq!(share("该业务毛利率为25%，收入同比增长40%。"), None);
        assert_eq!(share("公司持股比例为5%，占其营业收入比重较小。"), None);
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
            (
                "请你公司说明与DeepSeek合作的具体内容及对业绩的影响。",
                vec![Mention],
            ),
            ("公司是否已与DeepSeek签订合同？", vec![Mention]),
            ("你公司在互动易称已接入DeepSeek。", vec![Adoption]),
            // Capability talk beside a sale only qualifies it; alone it is a claim.
            (
                "公司自主研发的固态电解质已批量供应多家电池厂商。",
                vec![Business],
            ),
            ("公司自主研发的固态电解质性能领先。", vec![Claim]),
            // A customer beside a stage before any sale is a claim under way; a delivery to
            // customers is business.
            (
                "公司钠电正极材料已完成布局，目前处于下游客户验证阶段。",
                vec![Uncertainty, Claim],
            ),
            ("公司钠电正极材料已向下游客户批量供货。", vec![Business]),
            ("公司机器人关节模组正在推进客户导入。", vec![Uncertainty]),
            // What the future depends on is uncertain, its customers no sale yet; a product
            // the company developed itself ("自研") is a claim.
            (
                "CPC未来市场空间将主要取决于客户平台导入节奏及量产放量节奏。",
                vec![Uncertainty, Claim],
            ),
            ("公司自研的互联平台目前支持448G传输。", vec![Claim]),
            // The trade's words for a sale: a nomination, a fitted part, a signing, sales.
            ("公司的激光雷达已获得两家车企的定点。", vec![Business]),
            ("公司为人形机器人厂商配套关节模组。", vec![Business]),
            ("子公司已与运营商签约建设智算中心。", vec![Business]),
            ("公司储能电芯去年销量同比翻番。", vec![Business]),
            ("公司机器人业务去年实现营业收入1.2亿元。", vec![Business]),
            // A capability to deliver and the customers' experience are not sales.
            ("公司已具备储能系统批量供货能力。", vec![Claim]),
            ("公司已向储能系统客户批量供货。", vec![Business]),
            ("AI大模型显著改善了客户体验。", vec![Mention]),
            (
                "公司机器人业务规模较小，收入占公司营业收入的比重很低。",
                vec![Uncertainty],
            ),
            // A purpose or a support is not a supply.
            ("公司致力于为数据中心提供液冷解决方案。", vec![Claim]),
            ("公司为数据中心提供液冷解决方案。", vec![Claim, Business]),
            ("液冷需求的增长为公司发展提供了有力支撑。", vec![Mention]),
            // The investor's topic repeated is not the company's capability.
            (
                "您提及的固态电池相关技术尚处于早期阶段。",
                vec![Uncertainty],
            ),
            (
                "公司的固态电池相关技术尚处于早期阶段。",
                vec![Uncertainty, Claim],
            ),
            // What the company can provide is a capability, not a supply.
            ("公司可提供钙钛矿叠层电池整线设备。", vec![Claim]),
            // A date and a manufacturing step, not a signing or an adoption.
            (
                "截至招股说明书签署日，公司持有该公司5%的股份。",
                vec![Equity],
            ),
            ("公司推进机器人整机集成能力建设。", vec![Mention]),
        ] {
            assert_eq!(cls(s), want, "{s}");
        }
    }

    #[test]
    fn pronoun_carry_and_original_wording() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = t.matcher();
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
    fn a_split_body_keeps_ranges_into_the_body() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = t.matcher();
        let text = "问：公司是否接入了ＤｅｅｐＳｅｅｋ？\n答：公司暂未接入DeepSeek。";
        let r = classify_document(Lexicon::builtin(), &m, &DocInput::text(Kind::Post, text));
        assert_eq!(r.sentences.len(), 2);
        for s in &r.sentences {
            assert_eq!(&text[s.range.clone()], s.text);
        }
        assert_eq!(r.sentences[1].classes, vec![Denial]);
        assert_eq!(r.substance, Substance::Disclaimed);
    }

    #[test]
    fn a_body_with_several_questions_is_read_pair_by_pair() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = t.matcher();
        let text =
            "问题1：请说明公司与DeepSeek的合作情况。\n回复：公司未与DeepSeek开展任何合作。\n\
                    问题2：公司主要产品有哪些？\n回复：公司主要产品为钢材。\n\
                    问：公司是否接入DeepSeek？答：感谢关注，请以公司公告为准。";
        let r = classify_document(
            Lexicon::builtin(),
            &m,
            &DocInput::text(Kind::Announcement, text),
        );
        for s in &r.sentences {
            assert_eq!(&text[s.range.clone()], s.text);
        }
        let got: Vec<(Part, Vec<Class>)> = r
            .sentences
            .iter()
            .map(|s| (s.part, s.classes.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Part::Question, vec![Mention]),
                (Part::Answer, vec![Denial]),
                (Part::Question, vec![Mention]),
                (Part::Answer, vec![Evasion]),
            ]
        );
        assert_eq!(r.substance, Substance::Disclaimed);
        assert_eq!(split_qa("投资者提问：A？\n公司回答：B。", false).len(), 1);
        assert!(split_qa("公告正文。问：A？答：B。", false).is_empty());
        assert_eq!(
            split_qa("公告正文。问：A？答：B。", true),
            vec![("A？", "B。")]
        );
    }

    #[test]
    fn qa_empty_or_evasive_answer_is_evasion() {
        let t = crate::theme::find_builtin("deepseek").unwrap();
        let m = t.matcher();
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

    #[test]
    fn qa_an_evasive_answer_keeps_the_small_share_it_quotes_beside_a_referral() {
        let m = crate::theme::find_builtin("commercial-space")
            .unwrap()
            .matcher();
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some("请问公司是否涉及商业航天火箭回收业务？"),
            answer: Some(
                "感谢您对公司的关注。公司已在指定信息披露媒体刊登相关澄清公告，明确相关业务对公司\
                 整体经营不构成重大影响。相关客户、项目合作等信息如达到披露标准，公司将及时披露。\
                 敬请广大投资者理性投资，注意投资风险。",
            ),
        };
        let r = classify_document(Lexicon::builtin(), &m, &doc);
        // The answer refers the investor to an announcement: it evades, and it is evasive,
        // but the share it quotes stands (uncertainty, immaterial).
        assert_eq!(r.stance, Some(Stance::Evade), "{r:?}");
        let quoted = r
            .sentences
            .iter()
            .find(|s| s.text.contains("不构成重大影响"))
            .expect("the quoted share is reported");
        assert_eq!(quoted.classes, [Uncertainty, Evasion]);
        assert!(quoted.immaterial);
        assert!(r.flags.contains(&Flag::Evasive), "{:?}", r.flags);
        assert!(r.flags.contains(&Flag::Immaterial), "{:?}", r.flags);
        assert_eq!(r.substance, Substance::None);
    }

    #[test]
    fn qa_work_under_way_on_the_asked_topic_is_a_claim_beside_a_dodge() {
        let m = crate::theme::find_builtin("advanced-packaging")
            .unwrap()
            .matcher();
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some("请问公司先进封装业务进展如何？客户有哪些？"),
            answer: Some(
                "公司先进封装产品已向客户批量供货。公司正积极推进Chiplet技术的研发及生产工作。\
                 具体客户信息不便透露。",
            ),
        };
        let r = classify_document_with(Lexicon::builtin(), &m, &doc, Readers::RULES);
        assert_eq!(r.stance, Some(Stance::Partial), "{r:?}");
        let under_way = r
            .sentences
            .iter()
            .find(|s| s.text.contains("研发及生产"))
            .expect("the work under way is reported");
        assert_eq!(under_way.classes, [Uncertainty, Claim]);
    }

    #[test]
    fn qa_capability_talk_counts_only_in_the_clause_that_refers_back() {
        let read = |answer: &str| {
            answer_to(
                "weight-loss-drug",
                "请问新设的子公司做的是减肥药吗？",
                answer,
            )
        };
        // The exploring is of a broad field; the reference back sits in the referral clause.
        let apart =
            read("子公司主要探索大健康消费品领域，后续将根据相关业务进展履行信息披露义务。");
        assert_eq!(apart.substance, Substance::None, "{apart:?}");
        assert!(apart.flags.contains(&Flag::Evasive), "{apart:?}");
        // In the clause that refers back, the same words are a claim about what was asked.
        let together = read("子公司正在积极探索相关业务。");
        assert_eq!(together.substance, Substance::Claimed, "{together:?}");
    }

    #[test]
    fn qa_adoption_needs_the_theme_or_a_reference_and_fitting_a_scene_is_no_adoption() {
        // The rules' reading: this is a rule of theirs (the stance reader may weigh a reply
        // this short differently).
        let read = |theme: &str, question: &str, answer: &str| {
            answer_read_by(theme, question, answer, Readers::RULES)
        };
        let q = "请问公司有没有接入DeepSeek？";
        // Using something else (energy, raw material) adopts nothing of the theme.
        let other = read(
            "deepseek",
            q,
            "公司近年不断提高清洁电力的使用比例，降低运营成本。",
        );
        assert_ne!(other.substance, Substance::Adopter, "{other:?}");
        // Referring back, or a bare short reply, the same verbs are an adoption.
        let referred = read("deepseek", q, "该模型已在公司内部办公系统中完成接入。");
        assert_eq!(referred.substance, Substance::Adopter, "{referred:?}");
        let bare = read("deepseek", q, "已接入。");
        assert_eq!(bare.substance, Substance::Adopter, "{bare:?}");
        // A product that fits a scene or a need ("适配…场景") is the company's own capability.
        let fits = read(
            "compute",
            "公司的UPS电源能用于数据中心吗？",
            "公司UPS电源产品能够灵活适配数据中心场景的供电需求。",
        );
        assert!(
            !fits
                .sentences
                .iter()
                .any(|s| s.classes.contains(&Class::Adoption)),
            "{fits:?}"
        );
        assert_eq!(fits.substance, Substance::Claimed, "{fits:?}");
    }

    /// Session 11: a bare yes or no followed by a referral in the same sentence answers the
    /// question (LABELLING.md rules 1 and 2); a referral alone, or one after a reply that says
    /// more, is read as before.
    #[test]
    fn qa_a_bare_yes_or_no_before_a_referral_answers() {
        let q = "请问公司是否为储能电站客户提供温控系统？";
        let read = |answer: &str| answer_to("energy-storage", q, answer);
        for yes in [
            "是的，具体请以公司公告为准。",
            "您好，是的，详情请关注公司定期报告。",
        ] {
            let r = read(yes);
            assert_eq!(
                (r.stance, r.substance, r.flags.contains(&Flag::Evasive)),
                (Some(Stance::Affirm), Substance::Claimed, false),
                "{yes}: {r:?}"
            );
        }
        for no in [
            "没有，具体请以公司公告为准。",
            "目前没有，请以公司披露的信息为准。",
        ] {
            let r = read(no);
            assert_eq!(
                (r.stance, r.substance, r.flags.contains(&Flag::Evasive)),
                (Some(Stance::Deny), Substance::Disclaimed, false),
                "{no}: {r:?}"
            );
        }
        let r = read("具体请以公司公告为准。");
        assert!(r.flags.contains(&Flag::Evasive), "{r:?}");
        // "Not out yet" before a referral is no bare no: the question is not answered.
        for dodge in [
            "尚未公布，具体请以公司公告为准。",
            "暂未确定，具体请以公司公告为准。",
        ] {
            let r = read(dodge);
            assert_ne!(r.substance, Substance::Disclaimed, "{dodge}: {r:?}");
        }
        // A yes head before something said is not cut: "有，…" with a referral only.
        let r = read("有，请关注公司后续公告。");
        assert_eq!(r.substance, Substance::Claimed, "{r:?}");
        let r = answer_to(
            "energy-storage",
            "网传公司获得储能大单，是否属实？",
            "属实，具体以公司公告为准。",
        );
        assert_eq!(r.substance, Substance::Claimed, "{r:?}");
    }

    #[test]
    fn qa_a_bare_yes_is_no_courtesy() {
        let read = |answer: &str| {
            answer_to(
                "humanoid-robot",
                "请问公司有没有为人形机器人厂商供应关节模组？",
                answer,
            )
        };
        // Short enough to pass for a thank-you, each of these says yes to the question.
        for yes in ["有。", "是的，谢谢关注！", "您好，有的。"] {
            let r = read(yes);
            assert_eq!(r.stance, Some(Stance::Affirm), "{yes}: {r:?}");
            assert_eq!(r.substance, Substance::Claimed, "{yes}: {r:?}");
        }
        // To a question whether a report is true, "属实" is the yes ("不属实" the no).
        let rumour = |answer: &str| {
            answer_to(
                "humanoid-robot",
                "网传公司获得人形机器人整机厂大额订单，是否属实？",
                answer,
            )
        };
        let r = rumour("属实。");
        assert_eq!(
            (r.stance, r.substance),
            (Some(Stance::Affirm), Substance::Claimed),
            "{r:?}"
        );
        let r = rumour("不属实。");
        assert_eq!(
            (r.stance, r.substance),
            (Some(Stance::Deny), Substance::Disclaimed),
            "{r:?}"
        );
        // A bare adoption reply to a question about the theme is read by the rules (the
        // learned reader, short of such records, took it for evasion).
        for yes in ["已接入。", "公司已接入。"] {
            let r = answer_to("deepseek", "请问公司是否已接入DeepSeek？", yes);
            assert_eq!(r.stance, Some(Stance::Affirm), "{yes}: {r:?}");
            assert!(!r.flags.contains(&Flag::Evasive), "{yes}: {r:?}");
        }
        // Thanks alone still answer nothing.
        let thanks = read("谢谢关注！");
        assert_eq!(thanks.substance, Substance::None, "{thanks:?}");
        assert!(thanks.flags.contains(&Flag::Evasive), "{thanks:?}");
    }

    #[test]
    fn qa_a_bare_no_is_a_denial() {
        let read = |answer: &str| {
            answer_to(
                "humanoid-robot",
                "请问公司有没有为人形机器人厂商供应关节模组？",
                answer,
            )
        };
        // A no as short as a thank-you denies what was asked (LABELLING.md rule 1), as a bare
        // yes affirms it.
        for no in [
            "没有。",
            "否。",
            "暂无。",
            "您好，没有的，谢谢！",
            "目前还没有，谢谢关注。",
        ] {
            let r = read(no);
            assert_eq!(r.stance, Some(Stance::Deny), "{no}: {r:?}");
            assert_eq!(r.substance, Substance::Disclaimed, "{no}: {r:?}");
            assert!(!r.flags.contains(&Flag::Evasive), "{no}: {r:?}");
        }
        // A short reply that tells a stage keeps it; a word that only opens with a
        // negation ("否则", "无人") is no no.
        let stage = read("尚未量产。");
        assert_ne!(stage.stance, Some(Stance::Deny), "{stage:?}");
        assert_ne!(read("否则。").stance, Some(Stance::Deny));
        assert_ne!(read("无人售货。").stance, Some(Stance::Deny));
    }

    #[test]
    fn qa_a_negated_asset_plan_or_production_is_a_denial() {
        let lex = Lexicon::builtin();
        let m = crate::theme::find_builtin("solid-state-battery")
            .unwrap()
            .matcher();
        // LABELLING.md rule 1's own example ("目前公司并无相关资产") and the same shape with
        // a plan, an intention, production or a foothold, none of them a cue word before.
        for no in [
            "目前公司并无相关资产。",
            "公司暂时没有相关规划。",
            "公司没有这方面的打算。",
            "公司目前不生产固态电池。",
            "公司目前未涉足该领域。",
        ] {
            let doc = DocInput {
                kind: Kind::Qa,
                text: "",
                question: Some("请问公司有没有布局固态电池？"),
                answer: Some(no),
            };
            let r = classify_document(lex, &m, &doc);
            assert_eq!(r.stance, Some(Stance::Deny), "{no}: {r:?}");
            assert_eq!(r.substance, Substance::Disclaimed, "{no}: {r:?}");
        }
        // Production that is not negated is no denial.
        let (classes, _) = classify_sentence(lex, "公司已开始生产固态电池样品。");
        assert!(!classes.contains(&Class::Denial), "{classes:?}");
    }

    #[test]
    fn qa_answer_about_another_item_of_the_list_says_nothing_of_the_theme() {
        let read = |answer: &str| {
            answer_to(
                "solid-state-battery",
                "请问公司在固态电池、光伏逆变器等领域与宁德有业务合作吗？",
                answer,
            )
        };
        // The answer speaks of the other item only: the theme question is left unanswered.
        let other = read("公司与宁德在光伏逆变器方面保持着良好合作，谢谢。");
        assert_eq!(other.substance, Substance::None, "{other:?}");
        assert!(other.flags.contains(&Flag::Evasive), "{other:?}");
        // Naming the theme, the same words are a claim about it.
        let theme = read("公司与宁德在固态电池方面保持着良好合作，谢谢。");
        assert_eq!(theme.substance, Substance::Claimed, "{theme:?}");
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
                "问：", "答：", "Q:", "A:", "回复：", "感谢关注", "请以公告为准", "0.5%", "占营业收入",
            ]), 0..40),
        ) {
            let text: String = parts.concat();
            let t = crate::theme::find_builtin("deepseek").unwrap();
            let m = t.matcher();
            for kind in [Kind::Announcement, Kind::News, Kind::Qa] {
                let r = classify_document(Lexicon::builtin(), &m, &DocInput::text(kind, &text));
                for s in &r.sentences {
                    prop_assert_eq!(&text[s.range.clone()], s.text.as_str());
                    prop_assert!(!s.classes.is_empty());
                }
            }
        }
    }
}
