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

use super::learned::{self, StanceSource};
use super::sentence::split_sentences;
use super::{Class, ThemeMatcher};

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

/// Words that make a clause of a question ask something.
pub(crate) const ASK_MARKS: &[&str] = &[
    "是否",
    "有没有",
    "有无",
    "吗",
    "呢",
    "如何",
    "怎么",
    "怎样",
    "多少",
    "哪些",
    "什么",
    "何时",
    "能否",
    "可否",
    "会否",
    "是不是",
    "有没",
    "请问",
    "想问",
    "请教",
    "介绍",
    "?",
    "几",
    "请披露",
    "请说明",
    "请回答",
    "请回复",
    "怎么样",
];

/// Words of a clause that only sets the scene ("在存储芯片大涨的背景下"): a theme named there
/// is background.
const BACKGROUND: &[&str] = &[
    "背景下",
    "带动",
    "受益于",
    "趋势下",
    "驱动下",
    "浪潮下",
    "热潮下",
];

/// Words of a question about the company's own affairs rather than a tie to a theme
/// (docs/design.md §6: prices of its products or raw materials, its share price,
/// shareholders, financing, management, acquisitions).
const COMPANY_AFFAIRS: &[&str] = &[
    "涨价",
    "调价",
    "提价",
    "降价",
    "加工费",
    "涨幅",
    "上涨",
    "调涨",
    "上调",
    "加价",
    "股价",
    "走势",
    "大跌",
    "下跌",
    "跌幅",
    "市值",
    "主力资金",
    "减持",
    "增持",
    "回购",
    "分红",
    "股东人数",
    "大股东",
    "定增",
    "募资",
    "融资",
    "询价",
    "管理层",
    "原材料",
];

/// Words of an asking sentence about the company's results or its standing in the capital
/// market ("利润怎么环比下降", "资本市场定位"): company affairs when the sentence does not
/// name the theme.
const RESULTS: &[&str] = &[
    "业绩",
    "利润",
    "净利",
    "营收",
    "毛利率",
    "盈利",
    "资本市场",
    "估值",
    "暴涨",
    "定价",
];

/// Words of a sentence that asks what something named before brings to the results ("该业务
/// 对业绩的贡献", "相关产品能带来多少利润"): a materiality question about the theme.
const MATERIALITY_ASKS: &[&str] = &["贡献", "占比", "带来", "该", "相关", "此", "这", "其"];

/// Common words that hold a reference character without referring back ("应该", "其他").
const NOT_REFERENCES: &[&str] = &[
    "应该", "其他", "其中", "其实", "尤其", "极其", "因此", "此外", "如此", "这样",
];

/// What a question that names the theme is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// The company's tie to the theme.
    Theme,
    /// The company's own affairs (prices, share price, shareholders, financing,
    /// management); the theme is named beside them or as the scene.
    CompanyAffairs,
    /// The theme is the company's own trade ("公司作为PCB行业龙头", "公司是全球领先的MLCC
    /// 介质粉体生产企业"): a question about its core business, not about a concept it rides.
    CoreBusiness,
    /// A suggestion or complaint that asks nothing ("建议公司收购…").
    Suggestion,
}

impl Topic {
    /// The fixed English name.
    pub fn name(self) -> &'static str {
        match self {
            Topic::Theme => "theme",
            Topic::CompanyAffairs => "company_affairs",
            Topic::CoreBusiness => "core_business",
            Topic::Suggestion => "suggestion",
        }
    }

    /// What it is about, in English words for a sentence ("the company's own trade").
    pub fn label_en(self) -> &'static str {
        match self {
            Topic::Theme => "its tie to the theme",
            Topic::CompanyAffairs => "the company's own affairs",
            Topic::CoreBusiness => "the company's own trade",
            Topic::Suggestion => "nothing (a suggestion)",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Topic::Theme => "题材关联",
            Topic::CompanyAffairs => "公司自身事务",
            Topic::CoreBusiness => "公司主业",
            Topic::Suggestion => "建议而非提问",
        }
    }
}

/// Words that make a question without an asking sentence a suggestion or a complaint.
const SUGGESTS: &[&str] = &["建议", "希望", "麻烦", "请公司", "请贵公司"];

/// Words of a sentence that relays a rumour or a report.
const RUMOUR: &[&str] = &["传闻", "网传", "传言", "消息称", "有消息", "报道", "小作文"];

/// Heads of a sentence that asks about what the sentence before it says ("对此，公司有什么
/// 应对策略？").
const REFERS_BACK: &[&str] = &["对此", "对于此", "针对此", "就此", "对于上述", "针对上述"];

/// Whether a normalised sentence of a question asks something ("是否", "请问", "？" …).
fn asks_something(s: &str) -> bool {
    s.trim_end().ends_with('?') || ASK_MARKS.iter().any(|w| s.contains(w))
}

/// Role nouns after "作为…" / "是…" that make the clause a self-description.
const ROLES: &[&str] = &[
    "龙头",
    "企业",
    "厂商",
    "供应商",
    "制造商",
    "生产商",
    "厂家",
    "领军",
    "头部",
];

/// Whether a normalised clause describes the company's own trade as the theme: "作为…X…龙头",
/// "公司是…X…生产企业", never negated ("公司不是X企业") nor asked ("公司是X供应商吗").
fn trade_clause(m: &ThemeMatcher, clause: &str) -> bool {
    let Some(hit) = m.find_all(clause).next() else {
        return false;
    };
    // A negated clause ("主营业务不涉及X") or one that asks ("公司是X供应商吗") describes
    // nothing.
    if ["不", "未", "无", "非", "没"]
        .iter()
        .any(|w| clause.contains(w))
        || ASK_MARKS.iter().any(|w| clause.contains(w))
    {
        return false;
    }
    let after = &clause[hit.end..];
    // "作为…" speaks of the company addressed; "…是…" only with the company as its subject
    // ("帝尔激光是…设备龙头" is another company).
    let describes = clause.contains("作为")
        || clause.match_indices('是').any(|(i, _)| {
            !clause[i + '是'.len_utf8()..].starts_with(['否', '不'])
                && ["公司", "贵司", "我司", "本司"]
                    .iter()
                    .any(|w| clause[..i].ends_with(w))
        });
    // The role may also come before the theme: "公司是全球领先的X", "作为X领域领军者".
    let before = &clause[..hit.start];
    describes
        && (ROLES.iter().any(|r| after.contains(r)) || LEADS.iter().any(|w| before.contains(w)))
}

/// Words before the theme that make "作为…" / "公司是…" a self-description ("公司是全球领先
/// 的X").
const LEADS: &[&str] = &["领先的", "龙头", "领军"];

/// Words with which an answer describes the company's single trade ("公司专业从事X的研发、
/// 生产和销售"); "主要从事" lists several lines and says nothing of any one of them.
const SPECIALISES: &[&str] = &["专业从事"];

/// Whether a normalised clause of an answer names the theme as the trade the company
/// specialises in, never negated.
fn specialised_clause(m: &ThemeMatcher, clause: &str) -> bool {
    let Some(hit) = m.find_all(clause).next() else {
        return false;
    };
    SPECIALISES
        .iter()
        .filter_map(|w| clause.find(w))
        .any(|i| i < hit.start)
        && !["不", "未", "无", "非", "没"]
            .iter()
            .any(|w| clause[..hit.start].contains(w))
}

/// Whether a company's normalised answer describes the theme as the company's own trade:
/// a self-description ("公司是全球领先的X生产企业", "作为X龙头") or the one trade it
/// specialises in ("公司专业从事X的研发、生产和销售"), never negated or asked. A list of
/// main lines ("公司主要从事X、Y等") describes no single trade.
pub fn describes_own_trade(m: &ThemeMatcher, answer: &str) -> bool {
    answer
        .split([',', ';', ':', '。', '?', '!', '\n'])
        .any(|c| trade_clause(m, c))
        || answer
            .split([',', ';', '。', '?', '!', '\n'])
            .any(|c| specialised_clause(m, c))
}

/// How many of a company's answers must describe the theme as its own trade
/// ([`describes_own_trade`]) before questions about the theme count as questions about its
/// trade: one answer may be a slip of wording, two are the company's account of itself.
pub const OWN_TRADE_ANSWERS: usize = 2;

/// When a company's own answers described a theme as its trade. From
/// [`OWN_TRADE_ANSWERS`] such answers on, its investors' questions that name the theme are
/// about its core business ([`Topic::CoreBusiness`]: an MLCC maker asked about MLCC, an
/// energy-storage maker about its storage orders), not about a concept it rides. The
/// witnesses count as of a date, so a record is read only with what was said by then.
#[derive(Debug, Clone, Default)]
pub struct OwnTrade<D> {
    dates: Vec<D>,
}

impl<D: Ord> OwnTrade<D> {
    /// Notes an answer of `date` that describes the theme as the company's trade.
    pub fn witness(&mut self, date: D) {
        self.dates.push(date);
    }

    /// Whether the theme is the company's trade by the answers dated on or before `date`.
    pub fn known_on(&self, date: &D) -> bool {
        self.dates.iter().filter(|d| *d <= date).count() >= OWN_TRADE_ANSWERS
    }
}

/// Verbs of a tie a clause may ask about ("是否涵盖X", "有没有涉及X").
const TIE_ASKS: &[&str] = &[
    "涵盖",
    "包括",
    "包含",
    "涉及",
    "涉足",
    "布局",
    "应用于",
    "用于",
    "参与",
];

/// Whether a normalised clause asks for a tie to the theme: an ask mark, then a tie verb,
/// then the theme ("是否涵盖了X相关产能"), with no price word after the theme ("是否涉及X
/// 涨价" asks about a price).
fn asks_tie(m: &ThemeMatcher, clause: &str) -> bool {
    let Some(hit) = m.find_all(clause).next() else {
        return false;
    };
    let before = &clause[..hit.start];
    let after = &clause[hit.end..];
    let ask = ["是否", "有没有", "有无", "能否", "会否", "是不是"]
        .iter()
        .filter_map(|w| before.find(w))
        .min();
    ask.is_some_and(|i| TIE_ASKS.iter().any(|v| before[i..].contains(v)))
        && !COMPANY_AFFAIRS.iter().any(|w| after.contains(w))
}

/// What a normalised question that names the theme is about.
/// - `company_affairs` when every asking sentence ("是否", "请问", "？" …) that names the
///   theme outside a scene-setting clause ("…的背景下") asks about the company's own affairs
///   (prices and price moves, share price, shareholders, financing, management), or when
///   none names it and one asks about those affairs or about the company's results ("利润为
///   何下滑", without referring back to the theme or asking what it brings). A sentence whose affairs words only set
///   the scene ("股价连跌，请问公司是否布局X": a clause asks about the theme without one, and
///   no asking clause holds one) or that asks for a tie ("募投项目是否涵盖X产能") asks about
///   the theme. A question that names the theme only as the scene of its clauses ("在X大涨
///   的背景下，公司如何应对", "如何看待X带动白银需求") is about the rest;
///   A question that asks nothing and suggests nothing (a complaint: "股价涨幅严重落后于其他
///   AI硬件股…") is read whole, each sentence as if it asked, except one that relays a
///   rumour ("有消息称…，是真的么"), which asks about the theme; an asking sentence that opens
///   with "对此" asks about the sentence before it ("原材料持续涨价…。对此，公司有何应对？");
/// - never `core_business`: one record cannot tell a company's trade from a concept it rides
///   (an investor's "贵公司作为X龙头" is flattery as often as fact). That is decided from
///   the company's own answers over time ([`OwnTrade`]);
/// - `suggestion` when nothing is asked and the investor suggests or complains;
/// - else `theme`: also a question that asks nothing explicitly ("公司商业航天业务发展情况，
///   谢谢！") or asks about a rumour ("传闻…，是否属实？").
pub fn question_topic(m: &ThemeMatcher, question: &str) -> Topic {
    let (mut any_ask, mut theme_asks, mut affairs_theme_asks, mut affairs_asks) = (false, 0, 0, 0);
    let sentences: Vec<&str> = split_sentences(question)
        .into_iter()
        .map(|r| &question[r])
        .collect();
    let asking: Vec<bool> = sentences.iter().map(|s| asks_something(s)).collect();
    // A question that asks nothing and suggests nothing (a complaint, a statement) is read
    // whole: each of its sentences as if it asked.
    let read_whole = !asking.contains(&true) && !SUGGESTS.iter().any(|w| question.contains(w));
    for (i, sentence) in sentences.iter().enumerate() {
        if !asking[i] && !read_whole {
            continue;
        }
        any_ask |= asking[i];
        // "对此，公司有何应对？" asks about what the sentence before it says.
        let joined;
        let sentence: &str = if i > 0 && REFERS_BACK.iter().any(|w| sentence.starts_with(w)) {
            joined = format!("{}{}", sentences[i - 1], sentence);
            &joined
        } else {
            sentence
        };
        let clauses: Vec<&str> = sentence.split([',', ';', ':']).collect();
        let names_in = |c: &str| m.mentions(c) && !BACKGROUND.iter().any(|w| c.contains(w));
        let names = clauses.iter().any(|c| names_in(c));
        // Read whole, a sentence that relays a rumour ("有消息称…，是真的么") asks whether it
        // is true, whatever affairs words the rumour holds.
        if read_whole && RUMOUR.iter().any(|w| sentence.contains(w)) {
            theme_asks += usize::from(names);
            continue;
        }
        // Investors run several clauses into one sentence ("股价连跌，请问公司是否布局X"):
        // the sentence asks about the theme, not about the affairs of the scene, when one
        // of its clauses asks about the theme without an affairs word and none of its
        // asking clauses holds one. A clause that asks for a tie to the theme ("募投项目是
        // 否涵盖X产能") asks about the theme whatever affairs words the sentence holds.
        let affairs_in = |c: &str| COMPANY_AFFAIRS.iter().any(|w| c.contains(w));
        let asks_in = |c: &str| ASK_MARKS.iter().any(|w| c.contains(w));
        let clean_theme_ask = clauses
            .iter()
            .any(|c| names_in(c) && asks_in(c) && !affairs_in(c))
            && !clauses.iter().any(|c| asks_in(c) && affairs_in(c));
        let affairs =
            affairs_in(sentence) && !clean_theme_ask && !clauses.iter().any(|c| asks_tie(m, c));
        // A sentence that asks about the company's results or its standing in the capital
        // market without naming the theme asks about its affairs; beside the theme's name
        // the same words ask for the theme's share ("X业务营收占比多少"), so they count only
        // here.
        let results = !names && RESULTS.iter().any(|w| sentence.contains(w)) && {
            let plain = NOT_REFERENCES
                .iter()
                .fold(sentence.to_string(), |t, w| t.replace(w, ""));
            !MATERIALITY_ASKS.iter().any(|w| plain.contains(w))
        };
        affairs_asks += usize::from(affairs || results);
        if names {
            theme_asks += 1;
            affairs_theme_asks += usize::from(affairs);
        }
    }
    // A question that names the theme only as the scene of every clause it holds ("在存储
    // 芯片大涨的背景下，公司如何应对", "如何看待AI带动白银需求") asks about something else.
    let only_scene = any_ask
        && theme_asks == 0
        && question
            .split([',', ';', ':', '。', '?', '!', '\n'])
            .filter(|c| m.mentions(c))
            .all(|c| BACKGROUND.iter().any(|w| c.contains(w)));
    let affairs = if theme_asks > 0 {
        affairs_theme_asks == theme_asks
    } else {
        affairs_asks > 0 || only_scene
    };
    if affairs {
        return Topic::CompanyAffairs;
    }
    if !any_ask && SUGGESTS.iter().any(|w| question.contains(w)) {
        return Topic::Suggestion;
    }
    Topic::Theme
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

/// The stance the answer takes: the one place where it is decided, by the rules
/// ([`rule_stance`]), the learned stance reader (`learned::stance`), or the rules unless the
/// reader is confident of another stance.
pub fn decide(input: &StanceInput<'_>, m: &ThemeMatcher, source: StanceSource) -> Stance {
    let rule = rule_stance(input);
    match source {
        StanceSource::Rules => rule,
        StanceSource::Model | StanceSource::Both => learned::stance(input, m, rule, source),
    }
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

/// A short affirmative reply at the head of an answer ("是的", "有的", "对"; "属实" to a
/// question whether a report is true, whose no, "不属实", does not start with it).
const YES_HEADS: &[&str] = &[
    "是的", "是。", "有的", "有。", "对的", "对。", "确实", "正确", "属实",
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
    // A no beside a promise or generic capability talk in the same sentence ("公司关注…
    // 市场拓展，公司未与X合作") is a denial: only a sentence of its own, or a stronger tie
    // (business, equity, adoption), makes the answer partial.
    let strong = about.iter().any(|s| {
        s.classes
            .iter()
            .any(|c| matches!(c, Class::Adoption | Class::Business | Class::Equity))
            || (s.has(Class::Claim) && !s.has(Class::Denial))
    });
    if denies && !strong {
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

    #[test]
    fn affairs_words_of_the_scene_do_not_set_a_theme_question_aside() {
        let topic = |theme: &str, q: &str| {
            let m = crate::theme::find_builtin(theme).unwrap().matcher();
            question_topic(&m, &crate::text::normalize(q).text)
        };
        for (theme, q, want) in [
            // The scene holds the affairs word, the asking clause the theme.
            (
                "solid-state-battery",
                "最近股价连续下跌，请问公司是否布局固态电池？",
                Topic::Theme,
            ),
            // A tie asked of a funded project.
            (
                "advanced-packaging",
                "公司定增募资的项目是否涵盖先进封装产能？",
                Topic::Theme,
            ),
            // The asking clause is about a price move.
            (
                "advanced-packaging",
                "同行再度调涨先进封装报价，请问公司是否也有调价准备？",
                Topic::CompanyAffairs,
            ),
            (
                "compute",
                "请问：公司AI服务器产品的均价较年初上涨了多少？",
                Topic::CompanyAffairs,
            ),
            // The theme only in a clause that asks nothing, the share price in the rest.
            (
                "pcb",
                "PCB大利好，为何公司大跌，主力资金全部流出，请问公司是否业绩不达预期？",
                Topic::CompanyAffairs,
            ),
            // One clause asks about the theme, another about a price: a price question.
            (
                "pcb",
                "近期上游物料涨幅较大，公司PCB是否正常出货，是否有涨价？",
                Topic::CompanyAffairs,
            ),
            // The theme only as the scene of every clause: the question asks about the rest.
            (
                "memory-chip",
                "在存储芯片大涨的背景下，请问公司如何应对成本压力？",
                Topic::CompanyAffairs,
            ),
            (
                "ai-app",
                "请问公司如何看待AI带动白银需求增长？",
                Topic::CompanyAffairs,
            ),
            // Named outside the scene, the theme is the topic.
            (
                "ai-app",
                "AI应用热度很高。请问公司有没有AI应用相关产品？",
                Topic::Theme,
            ),
            // The theme only in the investor's preamble, the question about the results.
            (
                "energy-storage",
                "年报说储能需求旺盛。请问公司三季度净利润为何环比下滑？",
                Topic::CompanyAffairs,
            ),
            // "应该" is no reference back.
            (
                "energy-storage",
                "储能市场需求增长。按道理业绩应该很好，利润怎么下降了？",
                Topic::CompanyAffairs,
            ),
            // The same words asking what the theme brings to the results: the theme.
            (
                "energy-storage",
                "公司推出了储能新品。请问该产品今年能带来多少利润？",
                Topic::Theme,
            ),
            // The investor's word that the theme is the company's largest line does not
            // make it the company's trade: only its own answers do (`OwnTrade`).
            (
                "energy-storage",
                "储能已成为公司第一大收入，一季度储能出货量如何？",
                Topic::Theme,
            ),
        ] {
            assert_eq!(topic(theme, q), want, "{q}");
        }
    }

    #[test]
    fn a_question_that_asks_nothing_is_read_whole_and_this_refers_back() {
        let topic = |theme: &str, q: &str| {
            let m = crate::theme::find_builtin(theme).unwrap().matcher();
            question_topic(&m, &crate::text::normalize(q).text)
        };
        for (theme, q, want) in [
            // A complaint that asks nothing: the theme beside the share price.
            (
                "ai-app",
                "近半年公司股价涨幅严重落后于其他AI硬件股，新增产能始终没有体现。",
                Topic::CompanyAffairs,
            ),
            // Asking nothing and naming no affairs: about the theme.
            ("ai-app", "公司AI应用业务发展情况，谢谢！", Topic::Theme),
            // A relayed rumour asks whether it is true, whatever affairs words it holds.
            (
                "compute",
                "有消息称公司将新增30亿光模块收入，股价却仍徘徊在两位数，是真的么",
                Topic::Theme,
            ),
            // "对此" asks about the sentence before it: a price rise of raw materials.
            (
                "pcb",
                "上游原材料持续涨价，PCB成本占比70%左右。对此，公司有什么应对策略吗？",
                Topic::CompanyAffairs,
            ),
            (
                "pcb",
                "公司PCB新产线已经投产。对此，请问是否有新增订单？",
                Topic::Theme,
            ),
            // Without the reference the asking sentence is about the theme.
            (
                "pcb",
                "原材料持续涨价。请问公司PCB产品是否有新增订单？",
                Topic::Theme,
            ),
        ] {
            assert_eq!(topic(theme, q), want, "{q}");
        }
    }

    #[test]
    fn a_company_s_own_answers_describe_its_trade() {
        let m = crate::theme::find_builtin("pcb").unwrap().matcher();
        let own = |a: &str| describes_own_trade(&m, &crate::text::normalize(a).text);
        // A self-description with the role after the theme or the lead before it.
        assert!(own("公司作为PCB行业龙头企业，将持续扩产。"));
        assert!(own("公司是全球领先的PCB制造商。"));
        // The one trade the company specialises in.
        assert!(own("公司专业从事印制电路板的设计与制造，不生产油墨。"));
        // Listing its main lines, denying the theme, asking, or naming another company,
        // it describes no trade of its own.
        assert!(!own("公司主要从事印制电路板、显示模组等产品的生产。"));
        assert!(!own("公司专业从事纺织品生产，未涉及印制电路板业务。"));
        assert!(!own("公司不是PCB企业。"));
        assert!(!own("帝尔激光是PCB设备龙头。"));
        // The question's words never decide it.
        let n = |t: &str| crate::text::normalize(t).text;
        assert_eq!(
            question_topic(&m, &n("贵司是国内领先的PCB，今年扩产进度怎样？")),
            Topic::Theme
        );
    }

    #[test]
    fn the_company_trade_needs_two_of_its_answers_by_the_date() {
        let mut t = OwnTrade::default();
        assert!(!t.known_on(&"2025-06-30"));
        t.witness("2025-03-01");
        // One answer may be a slip of wording.
        assert!(!t.known_on(&"2025-06-30"));
        t.witness("2025-05-01");
        assert!(t.known_on(&"2025-05-01"));
        assert!(t.known_on(&"2025-06-30"));
        // Before the second answer was given, the trade was not yet known.
        assert!(!t.known_on(&"2025-04-30"));
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
