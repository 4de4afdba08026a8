//! The stance of an investor Q&A answer towards its question (docs/design.md §6, "Reading
//! an investor Q&A").
//!
//! A question about the theme sets the topic: the theme and what it [`Asks`] (a yes/no
//! tie, progress, a share of revenue, a customer, a plan). The answer takes a [`Stance`]
//! towards it: it affirms the tie, denies it, evades, answers a part and dodges the rest,
//! or speaks about something else. The classes of the answer's sentences follow from the
//! stance and the answer's cue words (`classify`): a denial that points at the question
//! stays a denial when a referral follows; a short yes is a claim though it never names
//! the theme; a generic promise after a no is no claim; boilerplate is evasion whatever cue
//! nouns it holds.
//!
//! [`rule_stance`] is the hand-written decision over what the answer's sentences say
//! ([`AnswerSentence`]); [`decide`] is the one place where the stance is taken, so that a
//! learned scorer can be combined with the rules there.

use serde::Serialize;

use super::Class;

/// What an answer does to the question it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Says yes to what was asked (a tie, a product, progress, a customer), also in two
    /// words ("是的。", "有。") or as a commitment without facts.
    Affirm,
    /// Denies the tie the question asks about, also when a referral or a promise follows.
    Deny,
    /// Answers nothing: a referral, a refusal, boilerplate, or no answer at all.
    Evade,
    /// Answers one part of the question and dodges another.
    Partial,
    /// Speaks about something other than what was asked.
    OffTopic,
}

impl Stance {
    /// Every stance, in output order.
    pub const ALL: [Stance; 5] = [
        Stance::Affirm,
        Stance::Deny,
        Stance::Evade,
        Stance::Partial,
        Stance::OffTopic,
    ];

    /// The fixed English name (`off_topic`).
    pub fn name(self) -> &'static str {
        match self {
            Stance::Affirm => "affirm",
            Stance::Deny => "deny",
            Stance::Evade => "evade",
            Stance::Partial => "partial",
            Stance::OffTopic => "off_topic",
        }
    }

    /// The Chinese label (`否认`).
    pub fn label_zh(self) -> &'static str {
        match self {
            Stance::Affirm => "肯定",
            Stance::Deny => "否认",
            Stance::Evade => "回避",
            Stance::Partial => "部分回答",
            Stance::OffTopic => "答非所问",
        }
    }

    /// Parses a fixed name.
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.name() == s)
    }
}

/// What a question about the theme asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Asks {
    /// Whether the company has, does or makes the thing ("是否", "有没有", "…吗").
    YesNo,
    /// How far a product or project has come ("进展", "何时量产").
    Progress,
    /// How much revenue, share or orders it brings ("占比", "收入多少").
    Share,
    /// Whether it supplies or works with a named customer or partner ("客户", "供货").
    Customer,
    /// What the company plans ("计划", "规划", "打算").
    Plan,
    /// Anything else ("如何看待…").
    Open,
}

impl Asks {
    /// The fixed English name.
    pub fn name(self) -> &'static str {
        match self {
            Asks::YesNo => "yes_no",
            Asks::Progress => "progress",
            Asks::Share => "share",
            Asks::Customer => "customer",
            Asks::Plan => "plan",
            Asks::Open => "open",
        }
    }
}

/// Words of a normalised question, per kind of ask, most specific kind first.
const ASK_WORDS: &[(Asks, &[&str])] = &[
    (
        Asks::Share,
        &[
            "占比",
            "比重",
            "占营业收入",
            "占营收",
            "收入多少",
            "营收多少",
            "收入规模",
            "贡献多少",
            "多少收入",
            "订单金额",
            "订单规模",
            "订单量",
            "销售额",
            "销售收入",
            "营收占",
        ],
    ),
    (
        Asks::Customer,
        &[
            "客户",
            "供应商",
            "供货",
            "供应链",
            "配套",
            "合作伙伴",
            "给华为",
            "为华为",
            "进入",
            "采购",
        ],
    ),
    (
        Asks::Progress,
        &[
            "进展",
            "进度",
            "何时",
            "什么时候",
            "量产了吗",
            "投产",
            "落地了吗",
            "到哪一步",
            "阶段",
            "情况如何",
            "目前情况",
        ],
    ),
    (
        Asks::Plan,
        &[
            "计划",
            "规划",
            "打算",
            "考虑",
            "有意",
            "准备",
            "未来是否",
            "会不会",
        ],
    ),
    (
        Asks::YesNo,
        &[
            "是否",
            "有没有",
            "有无",
            "是不是",
            "能否",
            "可否",
            "吗",
            "有没",
            "是真的",
            "属实",
        ],
    ),
];

/// What a normalised question asks (the first kind whose words it holds, most specific
/// first).
pub fn asks(question: &str) -> Asks {
    ASK_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| question.contains(w)))
        .map_or(Asks::Open, |(a, _)| *a)
}

/// One sentence of an answer as the stance step sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerSentence<'a> {
    /// The sentence, normalised.
    pub text: &'a str,
    /// Its classes by the cue words, read as if it were about the theme (after negation
    /// scope, muted boilerplate and referrals; never empty: `mention` when nothing fired).
    pub classes: &'a [Class],
    /// It names the theme.
    pub names_theme: bool,
    /// It speaks about the question: names the theme, refers back to it, shares its
    /// specific words, or is a short bare reply.
    pub about: bool,
    /// It holds a generic boilerplate phrase ("持续关注行业发展").
    pub boilerplate: bool,
}

impl AnswerSentence<'_> {
    fn has(&self, c: Class) -> bool {
        self.classes.contains(&c)
    }

    fn asserts(&self) -> bool {
        self.classes.iter().any(|c| {
            matches!(
                c,
                Class::Adoption | Class::Claim | Class::Business | Class::Equity
            )
        })
    }
}

/// Everything the stance is decided on.
#[derive(Debug, Clone)]
pub struct StanceInput<'a> {
    /// The question, normalised.
    pub question: &'a str,
    /// What it asks.
    pub asks: Asks,
    /// The answer, normalised (empty when unanswered).
    pub answer: &'a str,
    /// The answer's sentences that say something (courtesy alone is left out).
    pub sentences: &'a [AnswerSentence<'a>],
}

/// The stance the answer takes: the one place where it is decided. Today the rules
/// ([`rule_stance`]) alone.
pub fn decide(input: &StanceInput<'_>) -> Stance {
    rule_stance(input)
}

/// The stance of a document with several questions about the theme (an inquiry reply
/// split at its 问/答 markers): the most substantive one (affirm, partial, deny, evade,
/// off_topic in that order); `None` without any.
pub fn of_pairs(stances: &[Stance]) -> Option<Stance> {
    stances.iter().copied().min_by_key(|s| match s {
        Stance::Affirm => 0,
        Stance::Partial => 1,
        Stance::Deny => 2,
        Stance::Evade => 3,
        Stance::OffTopic => 4,
    })
}

/// A short affirmative reply at the head of an answer ("是的", "有的", "对").
const YES_HEADS: &[&str] = &[
    "是的", "是。", "有的", "有。", "对的", "对。", "确实", "正确",
];

/// Whether a normalised sentence is a bare yes: an affirmative head and at most a few more
/// characters ("是的，谢谢关注。", "有。").
pub fn short_yes(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    YES_HEADS.iter().any(|h| t.starts_with(h))
}

/// The hand-written stance over the answer's sentences:
/// - no answer, or nothing in it about the question: `evade` when it refers the investor
///   elsewhere or refuses (or says nothing at all), else `off_topic`;
/// - a denial about the question and no asserted tie: `deny` (a referral or a promise
///   after it does not change that);
/// - an asserted tie beside a denial or a non-answer about another part: `partial`;
/// - an asserted tie, stated risk about it, or a bare yes: `affirm`;
/// - only referrals and refusals: `evade`.
pub fn rule_stance(input: &StanceInput<'_>) -> Stance {
    let about: Vec<&AnswerSentence> = input.sentences.iter().filter(|s| s.about).collect();
    let on_topic = input
        .sentences
        .iter()
        .any(|s| s.names_theme || (s.about && (!s.boilerplate || s.classes != [Class::Mention])));
    if input.answer.trim().is_empty() {
        return Stance::Evade;
    }
    if !on_topic {
        let refers_elsewhere = input.sentences.iter().any(|s| s.has(Class::Evasion));
        return if refers_elsewhere || input.sentences.is_empty() {
            Stance::Evade
        } else {
            Stance::OffTopic
        };
    }
    let denies = about.iter().any(|s| s.has(Class::Denial));
    let asserts = about.iter().any(|s| s.asserts());
    let evades = input.sentences.iter().any(|s| s.has(Class::Evasion));
    let risk = about.iter().any(|s| s.has(Class::Uncertainty));
    if denies && !asserts {
        return Stance::Deny;
    }
    if asserts && (denies || evades) {
        return Stance::Partial;
    }
    if asserts || risk || input.sentences.iter().any(|s| short_yes(s.text)) {
        return Stance::Affirm;
    }
    if evades {
        return Stance::Evade;
    }
    Stance::Affirm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.name()), Some(s));
        }
        assert_eq!(
            serde_json::to_string(&Stance::OffTopic).unwrap(),
            "\"off_topic\""
        );
    }

    #[test]
    fn what_a_question_asks() {
        for (q, want) in [
            ("公司商业航天业务收入占比多少?", Asks::Share),
            ("公司是否给华为供货?", Asks::Customer),
            ("公司固态电池目前进展如何?", Asks::Progress),
            ("公司有没有计划布局储能?", Asks::Plan),
            ("公司有没有布局储能?", Asks::YesNo),
            ("如何看待行业发展?", Asks::Open),
        ] {
            assert_eq!(asks(q), want, "{q}");
        }
    }

    fn sentence<'a>(text: &'a str, classes: &'a [Class], about: bool) -> AnswerSentence<'a> {
        AnswerSentence {
            text,
            classes,
            names_theme: false,
            about,
            boilerplate: false,
        }
    }

    #[test]
    fn rules() {
        let q = "公司有没有布局储能?";
        let input = |answer: &'static str, sentences: &'static [AnswerSentence<'static>]| {
            rule_stance(&StanceInput {
                question: q,
                asks: asks(q),
                answer,
                sentences,
            })
        };
        assert_eq!(input("", &[]), Stance::Evade);
        static DENY: [AnswerSentence; 2] = [
            AnswerSentence {
                text: "公司暂不涉及您提及的业务。",
                classes: &[Class::Denial],
                names_theme: false,
                about: true,
                boilerplate: false,
            },
            AnswerSentence {
                text: "具体请以公告为准。",
                classes: &[Class::Evasion],
                names_theme: false,
                about: false,
                boilerplate: false,
            },
        ];
        assert_eq!(input("x", &DENY), Stance::Deny);
        static YES: [AnswerSentence; 1] = [AnswerSentence {
            text: "是的,谢谢关注。",
            classes: &[Class::Mention],
            names_theme: false,
            about: true,
            boilerplate: false,
        }];
        assert_eq!(input("x", &YES), Stance::Affirm);
        let claim = [sentence("公司有相关产品。", &[Class::Claim], true)];
        assert_eq!(
            rule_stance(&StanceInput {
                question: q,
                asks: asks(q),
                answer: "x",
                sentences: &claim,
            }),
            Stance::Affirm
        );
        let partial = [
            sentence("公司有相关产品。", &[Class::Claim], true),
            sentence("具体客户不便透露。", &[Class::Evasion], true),
        ];
        assert_eq!(
            rule_stance(&StanceInput {
                question: q,
                asks: asks(q),
                answer: "x",
                sentences: &partial,
            }),
            Stance::Partial
        );
        let off = [sentence("公司主营钢材。", &[Class::Mention], false)];
        assert_eq!(
            rule_stance(&StanceInput {
                question: q,
                asks: asks(q),
                answer: "x",
                sentences: &off,
            }),
            Stance::OffTopic
        );
    }
}
