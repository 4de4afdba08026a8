//! Reading a filing (docs/design.md §6, "Reading a filing"): an announcement, a regulator's
//! notice, a company post or a news text, read as one document rather than sentence by
//! sentence.
//!
//! - **The topic is carried.** A filing names the theme once ("近期市场关注人形机器人概念",
//!   "公司关注到…相关报道") and then speaks of "上述业务", "该类产品", "前述事项". After a
//!   sentence that names the theme, a sentence is about it too when it refers back with a
//!   reference phrase anywhere in it ("上述", "前述", "该类", "相关业务", "本协议", "与其"), or
//!   right after a sentence about the theme, when it starts with a reference word ("其", "该")
//!   or opens a reply ("经核实，…", "对此，…"). The genre's statements about the company at
//!   large (operations normal, nothing undisclosed, shareholders did not trade, price and
//!   turnover figures) never inherit the theme, whatever reference word they hold.
//! - **Plans are not business.** A sentence about the theme with a plan, an intention or a
//!   non-binding agreement ("拟与…共同建设", "框架协议", "合作备忘录") is a `claim`; its business
//!   and equity words are intentions (`claim`), and so are those of a later sentence that
//!   refers back to it. After such a plan, "not started" ("尚未开展", "尚在筹建", "尚未签署
//!   正式协议") makes the rest of its clause `uncertainty`, not a denial.
//! - **Small and loss-making is immaterial.** Stated smallness without a number ("比重很低",
//!   "影响有限", "尚未形成销售收入") is `uncertainty` and marks the sentence immaterial; a
//!   loss-making line ("连年亏损", "尚未盈利") is `uncertainty`; "not yet in volume" ("尚未实现
//!   批量供货") and a question of whether ("能否落地") make the rest of the clause
//!   `uncertainty`.
//! - **Reported words.** A sentence that relays a report asserts no tie, but when the
//!   company then says what the report really meant ("报道中涉及的部署适配是指，公司在…系统
//!   中安装了该软件") its own words after "是指" count, and an adoption there is only an
//!   adoption. A filing or a regulator's letter that reports what the company said on
//!   互动易 or in a post names the company's claims, not filed ties (`claim`).
//! - **A denial beside a neighbouring line.** In a sentence that denies a tie to the theme,
//!   claim, adoption, business and equity words in clauses that neither name the theme nor
//!   refer back are about another product line ("公司减速器产品主要应用于工业机器人，目前未
//!   应用于人形机器人"): they are dropped. In a sentence that is about the theme only through a
//!   reference inside it, the same holds for the clauses before the reference.
//!
//! The phrases come from `lexicons/filing.toml` (built in); the evidence cues from the
//! [`Lexicon`] passed in. Traditional script is read through [`normalize`] (the `fast2s`
//! table, and mirror sites' pinyin readings dropped); sentences are reported in their
//! original wording.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::classify::{asserts, facts, push, refers_back, Facts, Part, SentenceResult};
use super::lexicon::{Lexicon, Tag};
use super::normalize::{normalize, normalize_term};
use super::sentence::split_sentences;
use super::{Class, ThemeMatcher};

/// The built-in filing lexicon's text.
pub const BUILTIN_FILING: &str = include_str!("../../lexicons/filing.toml");

/// What a filing phrase does when found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Genre,
    Plan,
    NotStarted,
    NotYet,
    Hypothetical,
    Immaterial,
    Loss,
    Hearsay,
    Reference,
    Opener,
    Clarifier,
    Informal,
    Impact,
    NonBinding,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    filing: RawFiling,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFiling {
    genre: Vec<String>,
    plan: Vec<String>,
    not_started: Vec<String>,
    not_yet: Vec<String>,
    hypothetical: Vec<String>,
    immaterial: Vec<String>,
    loss: Vec<String>,
    hearsay: Vec<String>,
    reference: Vec<String>,
    reference_head: Vec<String>,
    reference_noun: Vec<String>,
    opener: Vec<String>,
    clarifier: Vec<String>,
    informal: Vec<String>,
    impact: Vec<String>,
    non_binding: Vec<String>,
}

/// The compiled filing phrases.
struct FilingLexicon {
    terms: Vec<String>,
    roles: Vec<Role>,
    automaton: AhoCorasick,
}

static BUILTIN: LazyLock<FilingLexicon> =
    LazyLock::new(|| FilingLexicon::parse(BUILTIN_FILING).expect("built-in filing lexicon"));

impl FilingLexicon {
    /// Parses the filing lexicon; an error names the list and the entry.
    fn parse(text: &str) -> Result<FilingLexicon, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let f = raw.filing;
        let mut references = f.reference;
        for head in &f.reference_head {
            for noun in &f.reference_noun {
                references.push(format!("{head}{noun}"));
            }
        }
        let lists = [
            ("genre", Role::Genre, f.genre),
            ("plan", Role::Plan, f.plan),
            ("not_started", Role::NotStarted, f.not_started),
            ("not_yet", Role::NotYet, f.not_yet),
            ("hypothetical", Role::Hypothetical, f.hypothetical),
            ("immaterial", Role::Immaterial, f.immaterial),
            ("loss", Role::Loss, f.loss),
            ("hearsay", Role::Hearsay, f.hearsay),
            ("reference", Role::Reference, references),
            ("opener", Role::Opener, f.opener),
            ("clarifier", Role::Clarifier, f.clarifier),
            ("informal", Role::Informal, f.informal),
            ("impact", Role::Impact, f.impact),
            ("non_binding", Role::NonBinding, f.non_binding),
        ];
        let mut terms: Vec<String> = Vec::new();
        let mut roles = Vec::new();
        for (list, role, entries) in lists {
            for e in entries {
                let term = normalize_term(&e);
                if term.is_empty() {
                    return Err(format!("`filing.{list}` has an empty entry"));
                }
                if terms.contains(&term) {
                    return Err(format!(
                        "`{term}` appears twice (second in `filing.{list}`)"
                    ));
                }
                terms.push(term);
                roles.push(role);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .map_err(|e| e.to_string())?;
        Ok(FilingLexicon {
            terms,
            roles,
            automaton,
        })
    }

    fn hits<'a>(&'a self, s: &'a str) -> impl Iterator<Item = (Range<usize>, Role, &'a str)> {
        self.automaton.find_iter(s).map(move |m| {
            let i = m.pattern().as_usize();
            (m.range(), self.roles[i], self.terms[i].as_str())
        })
    }
}

/// Where the clause holding byte `at` ends (a comma, semicolon, colon or the end).
fn clause_end(s: &str, at: usize) -> usize {
    s[at..]
        .find([',', ';', ':', '。', '!', '?'])
        .map_or(s.len(), |i| at + i)
}

/// The clauses of a normalised sentence, as byte ranges.
fn clauses(s: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | ';' | ':') {
            out.push(start..i);
            start = i + c.len_utf8();
        }
    }
    out.push(start..s.len());
    out
}

/// Rebuilds classes and cues from the pairs: classes in [`Class::ALL`] order, `mention`
/// only when nothing else is left.
fn rebuild(f: &mut Facts) {
    let mut classes: Vec<Class> = f.pairs.iter().map(|(c, _)| *c).collect();
    classes.sort();
    classes.dedup();
    if classes.len() > 1 {
        classes.retain(|c| *c != Class::Mention);
    }
    if classes.is_empty() {
        classes.push(Class::Mention);
    }
    f.classes = classes;
    f.cues.clear();
    for (_, cue) in &f.pairs {
        if !f.cues.contains(cue) {
            f.cues.push(cue.clone());
        }
    }
}

/// Classifies the theme sentences of a filing, a notice, a post or a news text (see the
/// module doc).
pub(super) fn classify_body(
    lex: &Lexicon,
    m: &ThemeMatcher,
    original: &str,
    out: &mut Vec<SentenceResult>,
) {
    let flex: &FilingLexicon = &BUILTIN;
    let n = normalize(original);
    // A sentence named the theme; the previous sentence was about it; a plan about it was
    // stated.
    let (mut topic, mut previous, mut plan_frame) = (false, false, false);
    for r in split_sentences(&n.text) {
        let s = &n.text[r.clone()];
        let names = m.mentions(s);
        if !names && !topic {
            continue;
        }
        let hits: Vec<(Range<usize>, Role, &str)> = flex.hits(s).collect();
        let has = |role: Role| hits.iter().any(|h| h.1 == role);
        // Where the first reference phrase stands, if any.
        let reference = hits
            .iter()
            .find(|h| h.1 == Role::Reference)
            .map(|h| h.0.start);
        let carried = !names
            && !has(Role::Genre)
            && (reference.is_some()
                || (previous
                    && (refers_back(lex, s)
                        || (plan_frame
                            && hits
                                .iter()
                                .any(|h| matches!(h.1, Role::Plan | Role::NonBinding)))
                        || hits.iter().any(|h| h.1 == Role::Opener && h.0.start <= 3))));
        previous = names || carried;
        topic |= names;
        if !previous {
            continue;
        }
        let plan_here = hits
            .iter()
            .any(|h| h.1 == Role::NonBinding || (h.1 == Role::Plan && !negated(lex, s, h.0.start)));
        plan_frame |= plan_here;
        let f = read(lex, m, s, &hits, names, reference, plan_here, plan_frame);
        push(out, original, n.original_range(r), Part::Text, f);
    }
}

/// What one sentence about the theme says, with the filing rules applied.
#[allow(clippy::too_many_arguments)]
fn read(
    lex: &Lexicon,
    m: &ThemeMatcher,
    s: &str,
    hits: &[(Range<usize>, Role, &str)],
    names: bool,
    reference: Option<usize>,
    plan_here: bool,
    plan_frame: bool,
) -> Facts {
    // Filing phrases are read here; the evidence cues inside them must not fire again (the
    // "不" of "不产生影响" is no negation), so they are blanked (same byte length, so clause
    // positions hold) before the evidence cues are read.
    // A clarification of a relayed report: the report before "是指" is not read, what the
    // company says after it is.
    let clarified = hits
        .iter()
        .find(|h| h.1 == Role::Clarifier)
        .map(|h| h.0.end);
    let mut blank: Vec<Range<usize>> = Vec::new();
    let mut extra: Vec<(Class, String)> = Vec::new();
    let mut immaterial = false;
    let mut hearsay = false;
    for (r, role, term) in hits {
        match role {
            Role::Immaterial => {
                blank.push(r.clone());
                extra.push((Class::Uncertainty, term.to_string()));
                immaterial = true;
            }
            Role::Loss => {
                blank.push(r.clone());
                extra.push((Class::Uncertainty, term.to_string()));
            }
            Role::NotYet | Role::Hypothetical => {
                blank.push(r.start..clause_end(s, r.end));
                extra.push((Class::Uncertainty, term.to_string()));
            }
            Role::NotStarted if plan_frame => {
                blank.push(r.start..clause_end(s, r.end));
                extra.push((Class::Uncertainty, term.to_string()));
            }
            // A negated plan ("尚未签署…意向协议") is no plan.
            Role::Plan if !negated(lex, s, r.start) => extra.push((Class::Claim, term.to_string())),
            Role::NonBinding => {
                blank.push(r.clone());
                extra.push((Class::Uncertainty, term.to_string()));
            }
            Role::Impact if negated(lex, s, r.start) => {
                extra.push((Class::Uncertainty, term.to_string()));
                immaterial = true;
            }
            Role::Hearsay => hearsay |= clarified.is_none_or(|at| r.start >= at),
            _ => {}
        }
    }
    if let Some(at) = clarified {
        blank.push(0..at);
    }
    let text = blanked(s, &blank);
    let mut f = facts(lex, &text, true);
    hearsay |= lex.hits(&text).any(|(_, tag, _)| tag == Tag::Hearsay);
    if clarified.is_some() && f.pairs.iter().any(|(c, _)| *c == Class::Adoption) {
        f.pairs.retain(|(c, _)| *c != Class::Claim);
    }
    // What the company said on an informal channel, reported by a filing, is a claim.
    let informal = hits.iter().any(|h| h.1 == Role::Informal);
    // Plans: the ties they name are intentions.
    if plan_here || (plan_frame && !names) || informal {
        for (c, _) in &mut f.pairs {
            if matches!(c, Class::Business | Class::Equity) {
                *c = Class::Claim;
            }
        }
    }
    // A reference ("该合同", "本次投资") points back at a tie, it names no new one.
    let refs: Vec<&Range<usize>> = hits
        .iter()
        .filter(|h| h.1 == Role::Reference)
        .map(|h| &h.0)
        .collect();
    if !refs.is_empty() {
        f.pairs.retain(|(c, cue)| {
            !asserts(*c)
                || cue.contains('…')
                || text
                    .match_indices(cue.as_str())
                    .any(|(i, _)| !refs.iter().any(|r| r.start <= i && i + cue.len() <= r.end))
        });
    }
    f.pairs.retain(|(c, _)| *c != Class::Mention);
    f.pairs.extend(extra);
    if hearsay {
        f.pairs.retain(|(c, _)| !asserts(*c));
    }
    // A denial beside a neighbouring product line, or a sentence about the theme only from
    // its reference on: ties in clauses that are not about the theme are dropped.
    let denies = f.pairs.iter().any(|(c, _)| *c == Class::Denial);
    let from = if names { None } else { reference };
    if (denies || from.is_some_and(|at| at > 0)) && f.pairs.iter().any(|(c, _)| asserts(*c)) {
        let mut anchored: Vec<String> = Vec::new();
        let mut stray: Vec<String> = Vec::new();
        for c in clauses(&text) {
            let piece = &text[c.clone()];
            let about = match from {
                Some(at) => c.end > at,
                None => m.mentions(piece) || refers(lex, piece, hits, &c),
            };
            let cues = facts(lex, piece, true).pairs;
            let list = if about { &mut anchored } else { &mut stray };
            list.extend(
                cues.into_iter()
                    .filter(|(c, _)| asserts(*c))
                    .map(|(_, cue)| cue),
            );
        }
        f.pairs
            .retain(|(c, cue)| !asserts(*c) || anchored.contains(cue) || !stray.contains(cue));
    }
    f.immaterial |= immaterial;
    rebuild(&mut f);
    f
}

/// Whether the clause `c` of sentence `s` refers back (a filing reference phrase, or an
/// evidence reference word such as "其").
fn refers(
    lex: &Lexicon,
    piece: &str,
    hits: &[(Range<usize>, Role, &str)],
    c: &Range<usize>,
) -> bool {
    hits.iter()
        .any(|h| h.1 == Role::Reference && h.0.start >= c.start && h.0.end <= c.end)
        || refers_back(lex, piece.trim_start())
}

/// Whether a negation or a denial word stands before byte `at` in its clause.
fn negated(lex: &Lexicon, s: &str, at: usize) -> bool {
    let start = s[..at].rfind([',', ';', ':']).map_or(0, |i| i + 1);
    lex.hits(&s[start..at])
        .any(|(_, tag, _)| matches!(tag, Tag::Negation | Tag::Cue(Class::Denial)))
}

/// `s` with the byte ranges replaced by spaces (same length, so offsets hold).
fn blanked(s: &str, ranges: &[Range<usize>]) -> String {
    if ranges.is_empty() {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if ranges.iter().any(|r| r.contains(&i)) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{classify_document, DocInput, Flag, Kind, Substance};
    use Class::*;

    fn read_doc(theme: &str, kind: Kind, text: &str) -> crate::text::DocResult {
        let t = crate::theme::find_builtin(theme).unwrap();
        classify_document(
            Lexicon::builtin(),
            &t.matcher(),
            &DocInput::text(kind, text),
        )
    }

    fn classes(r: &crate::text::DocResult) -> Vec<Vec<Class>> {
        r.sentences.iter().map(|s| s.classes.clone()).collect()
    }

    #[test]
    fn the_builtin_lexicon_parses_and_rejects_duplicates() {
        assert!(!BUILTIN.terms.is_empty());
        let dup = BUILTIN_FILING.replace("loss = [", "loss = [\"筹建\", ");
        let e = FilingLexicon::parse(&dup).err().unwrap();
        assert!(e.contains("筹建") && e.contains("filing.loss"), "{e}");
        let empty = BUILTIN_FILING.replace("loss = [", "loss = [\" \", ");
        assert!(FilingLexicon::parse(&empty)
            .err()
            .unwrap()
            .contains("filing.loss"));
    }

    /// Family 8: the theme is carried from the sentence that names it to those that refer
    /// back, and not to the genre's statements about the company at large.
    #[test]
    fn the_topic_is_carried_to_what_refers_back_and_no_further() {
        let text = "近期市场对人形机器人概念关注度较高。公司关注到部分自媒体将公司列入该概念。\
                    经核实，公司目前没有上述业务，也未与相关企业开展合作。\
                    公司目前生产经营情况正常，内外部经营环境未发生重大变化。\
                    除前述事项外，公司不存在其他应披露而未披露的重大信息。\
                    公司主营产品为齿轮，主要客户为整车企业。";
        let r = read_doc("humanoid-robot", Kind::Announcement, text);
        let said: Vec<&str> = r.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            said,
            vec![
                "近期市场对人形机器人概念关注度较高。",
                "公司关注到部分自媒体将公司列入该概念。",
                "经核实，公司目前没有上述业务，也未与相关企业开展合作。",
            ]
        );
        assert_eq!(
            classes(&r),
            vec![vec![Mention], vec![Mention], vec![Denial]]
        );
        assert_eq!(r.substance, Substance::Disclaimed);
        // A reference inside the sentence, and a reply opener right after the topic.
        let r = read_doc(
            "deepseek",
            Kind::Announcement,
            "公司关注到有媒体称公司为DeepSeek提供算力。经核实，公司从未提供此类服务。",
        );
        assert_eq!(classes(&r), vec![vec![Mention], vec![Denial]]);
        let r = read_doc(
            "bci",
            Kind::Announcement,
            "部分媒体将公司列为脑机接口概念股。公司的康复设备产品与该技术无关。",
        );
        assert_eq!(r.substance, Substance::Disclaimed);
    }

    /// Family 9: a plan is a claim with uncertainty, not business or equity.
    #[test]
    fn plans_are_claims_with_uncertainty() {
        let r = read_doc(
            "low-altitude",
            Kind::Announcement,
            "公司拟与合作方共同建设低空经济产业园项目，项目公司尚在筹建，业务未开展，存在不确定性。",
        );
        assert_eq!(classes(&r), vec![vec![Uncertainty, Claim]]);
        assert_eq!(r.substance, Substance::Claimed);
        assert_eq!(r.flags, vec![Flag::Warned]);
        let r = read_doc(
            "compute",
            Kind::Announcement,
            "公司与某产业投资公司签署了投资合作协议，协议各方拟共建人工智能算力中心项目。\
             该项目公司刚刚设立，目前主营业务尚未开展，未来经营情况存在不确定性。",
        );
        assert_eq!(classes(&r), vec![vec![Claim], vec![Uncertainty]]);
        assert_eq!(r.substance, Substance::Claimed);
        // A signed contract is business, a risk warning beside it does not change that.
        let r = read_doc(
            "compute",
            Kind::Announcement,
            "公司子公司与某科技公司签订《算力服务合同》，合同总金额约7.5亿元。\
             该合同履行期限较长，存在不确定性。",
        );
        assert_eq!(classes(&r), vec![vec![Business], vec![Uncertainty]]);
        assert_eq!(r.substance, Substance::Confirmed);
    }

    /// Family 10: small and loss-making is immaterial without a number; a denial beside a
    /// neighbouring product line stays a denial.
    #[test]
    fn small_loss_making_lines_are_immaterial_and_neighbours_do_not_count() {
        let r = read_doc(
            "humanoid-robot",
            Kind::Announcement,
            "公司及下属子公司现有技术与产品不涉及人形机器人。公司子公司生产的巡检机器人属于特种\
             机器人，主要用于煤矿井下巡检，该类产品收入在公司营收中比重很小，且连年亏损。",
        );
        assert_eq!(classes(&r), vec![vec![Denial], vec![Uncertainty]]);
        assert!(r.sentences[1].immaterial);
        assert_eq!(r.substance, Substance::Disclaimed);
        assert_eq!(r.flags, vec![Flag::Warned, Flag::Immaterial]);
        for text in [
            "公司减速器产品主要应用于工业机器人，目前未应用于人形机器人。",
            "公司现有技术与产品不涉及人形机器人，公司的伺服电机仅用于数控机床。",
        ] {
            let r = read_doc("humanoid-robot", Kind::Announcement, text);
            assert_eq!(classes(&r), vec![vec![Denial]], "{text}");
        }
        let r = read_doc(
            "compute",
            Kind::Announcement,
            "公司数据中心业务收入占营业收入的比重很低，且近三年持续亏损，对公司整体业绩影响有限。",
        );
        assert_eq!(classes(&r), vec![vec![Uncertainty]]);
        assert_eq!(r.flags, vec![Flag::Warned, Flag::Immaterial]);
    }

    /// Family 11: traditional script and mirror sites' pinyin readings are read as
    /// simplified, and the sentences quote the original.
    #[test]
    fn traditional_script_is_read_and_quoted_as_written() {
        let text = "近期市場對人形機器人概念關注度較高。經核實，公司目前沒有上述業務。\
                    該類產品收入佔公司營收比重很小，且連年虧損。";
        let r = read_doc("humanoid-robot", Kind::Announcement, text);
        assert_eq!(
            classes(&r),
            vec![vec![Mention], vec![Denial], vec![Uncertainty]]
        );
        assert_eq!(r.sentences[1].text, "經核實，公司目前沒有上述業務。");
        for s in &r.sentences {
            assert_eq!(&text[s.range.clone()], s.text);
        }
        let text = "公司關(guān)注到近期市場(chǎng)對(duì)人形機器人的討論。經(jīng)核實(shí)，公司目前無(wú)上述業(yè)務(wù)。";
        let r = read_doc("humanoid-robot", Kind::Announcement, text);
        assert_eq!(classes(&r), vec![vec![Mention], vec![Denial]]);
        assert_eq!(
            r.sentences[1].text,
            "經(jīng)核實(shí)，公司目前無(wú)上述業(yè)務(wù)。"
        );
    }
}
