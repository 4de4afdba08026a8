//! Substance and flags (docs/design.md §6) from sentence classes, per document and per stock.
//! Pure functions over classes; no text here.
//!
//! Decisions (weights by source kind: `announcement`, `regulator` > `qa` > `post` > `news`):
//! - `confirmed` only from a **filing** (an announcement, or a regulator's notice reporting
//!   what the company said) stating business or equity ties. A Q&A answer (互动易/e互动) is
//!   regulated but informal, so business/equity in an answer is `claimed`; a company post
//!   or a news report is at most `claimed` too.
//! - `disclaimed` from a denial in a filing or a Q&A answer (an official answer) that admits
//!   no tie in the same document; a denial beside an admitted adoption is `adopter` (the
//!   company uses the open product and has no business with its maker), beside a claim or a
//!   tie it is that level. A denial relayed by a post or news is no disclaimer.
//! - `material` needs revenue data and is never produced here.
//! - Document flags: `warned` when a filing carries uncertainty language; `evasive` when a
//!   Q&A record about the theme has evasion and nothing substantive; `immaterial` when the
//!   company (a filing or an answer) states the theme business is small; `promoted` when the
//!   company's own post or answer uses claim or adoption language.
//! - Stock level ([`aggregate_asof`]): when filings speak about the theme, **the filings set
//!   the substance** and posts or answers that say more raise `inconsistent`; `promoted`
//!   counts only posts and answers dated from the promotion window's start; `stale` when the
//!   newest company evidence is more than a year older than the as-of date.

use serde::Serialize;

use super::Class;
use crate::model::Date;

/// Source kind of a document: the model's [`DocKind`](crate::model::DocKind).
pub use crate::model::DocKind as Kind;

/// Substance, lowest to highest (fixed names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Substance {
    /// A filing or official answer denies a link, and no later filing confirms one.
    Disclaimed,
    /// No evidence.
    None,
    /// Only adoption of an openly available product.
    Adopter,
    /// Claims not confirmed by a filing.
    Claimed,
    /// A filing states business or equity ties.
    Confirmed,
    /// Confirmed and the theme's segments carry a material share of revenue.
    Material,
}

impl Substance {
    /// The fixed name.
    pub fn name(self) -> &'static str {
        match self {
            Substance::Disclaimed => "disclaimed",
            Substance::None => "none",
            Substance::Adopter => "adopter",
            Substance::Claimed => "claimed",
            Substance::Confirmed => "confirmed",
            Substance::Material => "material",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Substance::Disclaimed => "已否认",
            Substance::None => "无证据",
            Substance::Adopter => "仅接入使用",
            Substance::Claimed => "自称/未证实",
            Substance::Confirmed => "公告确认",
            Substance::Material => "收入实质",
        }
    }
}

/// Flags (fixed names). `core_unrelated` and `abnormal` need revenue and market data and
/// are set elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Posts or answers claim more than filings say.
    Inconsistent,
    /// Investors asked about the theme; no answer or an evasion.
    Evasive,
    /// A filing carries uncertainty language.
    Warned,
    /// Unrelated segments carry ≥ 90% of revenue.
    CoreUnrelated,
    /// An abnormal-fluctuation estimate fired in the window.
    Abnormal,
    /// The company's own posts or answers tied it to the theme (claim or adoption language).
    Promoted,
    /// A filing or answer states the theme's share of revenue or profit is small, or the
    /// segments put it under the materiality threshold.
    Immaterial,
    /// The newest company evidence is more than a year older than the as-of date.
    Stale,
}

impl Flag {
    /// Every flag, in the order the reports define them.
    pub const ALL: [Flag; 8] = [
        Flag::Inconsistent,
        Flag::Evasive,
        Flag::Warned,
        Flag::Immaterial,
        Flag::CoreUnrelated,
        Flag::Abnormal,
        Flag::Promoted,
        Flag::Stale,
    ];

    /// The fixed name.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Inconsistent => "inconsistent",
            Flag::Evasive => "evasive",
            Flag::Warned => "warned",
            Flag::CoreUnrelated => "core_unrelated",
            Flag::Abnormal => "abnormal",
            Flag::Promoted => "promoted",
            Flag::Immaterial => "immaterial",
            Flag::Stale => "stale",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Flag::Inconsistent => "口径不一",
            Flag::Evasive => "回避提问",
            Flag::Warned => "公告提示风险",
            Flag::CoreUnrelated => "主业无关",
            Flag::Abnormal => "异常波动",
            Flag::Promoted => "自我宣传",
            Flag::Immaterial => "占比很小",
            Flag::Stale => "信息陈旧",
        }
    }

    /// What the flag means, in Chinese, for the reports' definitions.
    pub fn definition_zh(self) -> &'static str {
        match self {
            Flag::Inconsistent => "公司在自媒体或互动易上的说法多于公告所确认的",
            Flag::Evasive => "投资者问到该题材，公司没有回答或答非所问",
            Flag::Warned => "公告含不确定性或风险提示的措辞",
            Flag::CoreUnrelated => "主营构成中与题材无关的业务占营收 90% 以上",
            Flag::Abnormal => "窗口内按交易所规则估算触发了异常波动",
            Flag::Promoted => "公司自己的帖子或回答把公司与题材挂钩（声称或接入使用的措辞）",
            Flag::Immaterial => {
                "公告或回答称题材业务占收入或利润的比例很小，或主营构成显示其低于重要性门槛"
            }
            Flag::Stale => "最新的公司证据比截至日早一年以上",
        }
    }

    /// What the flag means, in English.
    pub fn definition_en(self) -> &'static str {
        match self {
            Flag::Inconsistent => "the company's posts or Q&A answers claim more than its filings confirm",
            Flag::Evasive => "investors asked about the theme; no answer, or an answer that evades",
            Flag::Warned => "a filing carries uncertainty or risk-warning language",
            Flag::CoreUnrelated => "segments unrelated to the theme carry 90% or more of revenue",
            Flag::Abnormal => "an abnormal-fluctuation estimate (from the exchange rules) fired in the window",
            Flag::Promoted => "the company's own posts or answers tie it to the theme (claim or adoption language)",
            Flag::Immaterial => "a filing or answer calls the theme's share of revenue or profit small, or the revenue mix puts it under the materiality threshold",
            Flag::Stale => "the newest company evidence is more than a year older than the as-of date",
        }
    }
}

fn has(classes: &[Vec<Class>], c: Class) -> bool {
    classes.iter().any(|s| s.contains(&c))
}

/// Whether a document of this kind binds the company like a filing.
fn is_filing(kind: Kind) -> bool {
    matches!(kind, Kind::Announcement | Kind::Regulator)
}

/// Whether the company itself speaks in a document of this kind (news does not).
fn is_company(kind: Kind) -> bool {
    !matches!(kind, Kind::News)
}

/// Substance and flags of one document from the classes of its theme sentences;
/// `immaterial`: a sentence states the theme business is small.
pub fn document_substance(
    kind: Kind,
    classes: &[Vec<Class>],
    immaterial: bool,
) -> (Substance, Vec<Flag>) {
    let tie = has(classes, Class::Business) || has(classes, Class::Equity);
    let mut level = if tie && is_filing(kind) {
        Substance::Confirmed
    } else if tie || has(classes, Class::Claim) {
        Substance::Claimed
    } else if has(classes, Class::Adoption) {
        Substance::Adopter
    } else {
        Substance::None
    };
    let official = is_filing(kind) || kind == Kind::Qa;
    if official && has(classes, Class::Denial) && level == Substance::None {
        level = Substance::Disclaimed;
    }
    let mut flags = Vec::new();
    if is_filing(kind) && has(classes, Class::Uncertainty) {
        flags.push(Flag::Warned);
    }
    // An evasion beside something that says where the company stands is not evasive.
    let says_something = Class::ALL
        .into_iter()
        .any(|c| !matches!(c, Class::Evasion | Class::Mention) && has(classes, c));
    if kind == Kind::Qa && has(classes, Class::Evasion) && !says_something {
        flags.push(Flag::Evasive);
    }
    if immaterial && official {
        flags.push(Flag::Immaterial);
    }
    if matches!(kind, Kind::Post | Kind::Qa)
        && (has(classes, Class::Claim) || has(classes, Class::Adoption))
    {
        flags.push(Flag::Promoted);
    }
    flags.sort();
    (level, flags)
}

/// One document's evidence for [`aggregate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEvidence {
    /// Publication date.
    pub date: Date,
    /// Source kind.
    pub kind: Kind,
    /// Classes of each theme sentence.
    pub classes: Vec<Vec<Class>>,
    /// A sentence states the theme business is small.
    pub immaterial: bool,
}

impl DocEvidence {
    /// The evidence of a classified document.
    pub fn of(date: Date, kind: Kind, result: &super::DocResult) -> DocEvidence {
        DocEvidence {
            date,
            kind,
            classes: result.sentences.iter().map(|s| s.classes.clone()).collect(),
            immaterial: result.flags.contains(&Flag::Immaterial),
        }
    }
}

/// Substance and flags of a stock for one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockEvidence {
    /// Substance (at most `confirmed` here).
    pub substance: Substance,
    /// Flags, sorted.
    pub flags: Vec<Flag>,
    /// The newest company document about the theme (announcement, regulator notice, answer
    /// or post; news is not the company's word).
    pub newest: Option<Date>,
}

/// [`aggregate_asof`] with no as-of date: every post or answer counts as promotion and
/// nothing is stale.
pub fn aggregate(docs: &[DocEvidence]) -> StockEvidence {
    aggregate_asof(docs, None, None)
}

/// Aggregates a stock's documents (all dated on or before the as-of date).
///
/// Substance: when filings (announcements, regulator notices) carry evidence about the
/// theme, or an official answer denies a link, these formal statements alone set it:
/// `disclaimed` when the last denial is not followed by a confirming filing, else their
/// highest level; without them, the highest level of the answers, posts and news.
/// `inconsistent` when a post or answer says more (`adopter` or above) than the formal
/// level (the filings', or an answer's denial). `promoted` from posts and answers dated on
/// or after `promoted_from` (all when `None`). `stale` when the newest company document is
/// more than 365 days before `asof`.
pub fn aggregate_asof(
    docs: &[DocEvidence],
    asof: Option<Date>,
    promoted_from: Option<Date>,
) -> StockEvidence {
    struct P {
        date: Date,
        kind: Kind,
        level: Substance,
        flags: Vec<Flag>,
    }
    let per: Vec<P> = docs
        .iter()
        .map(|d| {
            let (level, flags) = document_substance(d.kind, &d.classes, d.immaterial);
            P {
                date: d.date,
                kind: d.kind,
                level,
                flags,
            }
        })
        .collect();
    let decide = |set: &[&P]| -> Option<Substance> {
        if set.is_empty() {
            return None;
        }
        let last_denial = set
            .iter()
            .filter(|p| p.level == Substance::Disclaimed)
            .map(|p| p.date)
            .max();
        let confirmed_after = |d: Date| {
            set.iter()
                .any(|p| p.level >= Substance::Confirmed && p.date >= d)
        };
        let best = set
            .iter()
            .map(|p| p.level)
            .filter(|s| *s != Substance::Disclaimed)
            .max()
            .unwrap_or(Substance::None);
        Some(match last_denial {
            Some(d) if !confirmed_after(d) => Substance::Disclaimed,
            _ => best,
        })
    };
    // The formal word: filings with evidence about the theme, and official answers that
    // deny a link.
    let filings: Vec<&P> = per
        .iter()
        .filter(|p| {
            (is_filing(p.kind) && p.level != Substance::None)
                || (p.kind == Kind::Qa && p.level == Substance::Disclaimed)
        })
        .collect();
    let company: Vec<&P> = per.iter().filter(|p| is_company(p.kind)).collect();
    let all: Vec<&P> = per.iter().collect();
    // Without formal words, every document counts (a news denial is no disclaimer: its
    // document level is never `disclaimed`).
    let substance = decide(&filings)
        .or_else(|| decide(&all))
        .unwrap_or(Substance::None);
    let informal = per
        .iter()
        .filter(|p| matches!(p.kind, Kind::Post | Kind::Qa) && p.level > Substance::None)
        .map(|p| p.level)
        .max();
    let formal = (!filings.is_empty()).then_some(substance);
    let mut flags: Vec<Flag> = Vec::new();
    for p in &per {
        for f in &p.flags {
            let keep = match f {
                Flag::Promoted => promoted_from.is_none_or(|from| p.date >= from),
                _ => true,
            };
            if keep {
                flags.push(*f);
            }
        }
    }
    if let (Some(i), Some(f)) = (informal, formal) {
        if i >= Substance::Adopter && i > f {
            flags.push(Flag::Inconsistent);
        }
    }
    let newest = company.iter().map(|p| p.date).max();
    if let (Some(asof), Some(n)) = (asof, newest) {
        if (asof - n).num_days() > 365 {
            flags.push(Flag::Stale);
        }
    }
    flags.sort();
    flags.dedup();
    StockEvidence {
        substance,
        flags,
        newest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::*;

    fn d(date: &str) -> Date {
        date.parse().unwrap()
    }

    fn doc(date: &str, kind: Kind, classes: &[Class]) -> DocEvidence {
        DocEvidence {
            date: d(date),
            kind,
            classes: vec![classes.to_vec()],
            immaterial: false,
        }
    }

    #[test]
    fn document_levels_by_kind() {
        use Substance as S;
        for (kind, classes, want) in [
            (Kind::Announcement, vec![Business], S::Confirmed),
            (Kind::Announcement, vec![Equity], S::Confirmed),
            (Kind::Qa, vec![Business], S::Claimed),
            (Kind::Post, vec![Business], S::Claimed),
            (Kind::News, vec![Equity], S::Claimed),
            (Kind::Post, vec![Adoption], S::Adopter),
            (Kind::Announcement, vec![Denial, Adoption], S::Adopter),
            (Kind::Regulator, vec![Business], S::Confirmed),
            (Kind::Regulator, vec![Denial], S::Disclaimed),
            (Kind::Qa, vec![Denial, Claim], S::Claimed),
            (Kind::Qa, vec![Denial], S::Disclaimed),
            (Kind::News, vec![Denial], S::None),
            (Kind::Announcement, vec![Mention], S::None),
        ] {
            assert_eq!(
                document_substance(kind, std::slice::from_ref(&classes), false).0,
                want,
                "{kind:?} {classes:?}"
            );
        }
    }

    #[test]
    fn posts_and_news_never_confirm() {
        let all = Class::ALL;
        for kind in [Kind::Post, Kind::News] {
            for mask in 0u32..(1 << all.len()) {
                let classes: Vec<Class> = all
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, c)| *c)
                    .collect();
                let docs = vec![
                    doc("2025-02-06", kind, &classes),
                    doc("2025-02-07", kind, &classes),
                ];
                assert!(
                    aggregate(&docs).substance < Substance::Confirmed,
                    "{kind:?} {classes:?}"
                );
            }
        }
    }

    #[test]
    fn stock_aggregation() {
        use Substance as S;
        // A post claims, a later announcement denies: disclaimed and inconsistent.
        let r = aggregate(&[
            doc("2025-02-05", Kind::Post, &[Claim]),
            doc("2025-02-10", Kind::Announcement, &[Denial, Uncertainty]),
        ]);
        assert_eq!(r.substance, S::Disclaimed);
        assert_eq!(
            r.flags,
            vec![Flag::Inconsistent, Flag::Warned, Flag::Promoted]
        );
        // A later announcement confirming business lifts the disclaimer.
        let r = aggregate(&[
            doc("2025-02-10", Kind::Announcement, &[Denial]),
            doc("2025-03-01", Kind::Announcement, &[Business]),
        ]);
        assert_eq!(r.substance, S::Confirmed);
        // An earlier confirmation does not.
        let r = aggregate(&[
            doc("2025-01-01", Kind::Announcement, &[Business]),
            doc("2025-02-10", Kind::Qa, &[Denial]),
        ]);
        assert_eq!(r.substance, S::Disclaimed);
        // Post claims with no formal statement: claimed, not inconsistent.
        let r = aggregate(&[
            doc("2025-02-05", Kind::Post, &[Claim]),
            doc("2025-02-06", Kind::News, &[Business]),
        ]);
        assert_eq!(
            r,
            StockEvidence {
                substance: S::Claimed,
                flags: vec![Flag::Promoted],
                newest: Some(d("2025-02-05")),
            }
        );
        // Announcement confirms, post claims: no inconsistency.
        let r = aggregate(&[
            doc("2025-02-05", Kind::Post, &[Claim]),
            doc("2025-02-06", Kind::Announcement, &[Equity]),
        ]);
        assert_eq!(
            r,
            StockEvidence {
                substance: S::Confirmed,
                flags: vec![Flag::Promoted],
                newest: Some(d("2025-02-06")),
            }
        );
        // Evasive answer.
        let r = aggregate(&[doc("2025-02-05", Kind::Qa, &[Evasion])]);
        assert_eq!(
            r,
            StockEvidence {
                substance: S::None,
                flags: vec![Flag::Evasive],
                newest: Some(d("2025-02-05")),
            }
        );
        assert_eq!(aggregate(&[]).substance, S::None);
    }

    #[test]
    fn the_filing_sets_the_substance_and_the_post_is_inconsistent() {
        use Substance as S;
        // A post claims cooperation; the abnormal-fluctuation announcement calls it an
        // adaptation with great uncertainty.
        let r = aggregate(&[
            doc("2025-02-03", Kind::Post, &[Claim]),
            doc("2025-02-07", Kind::Announcement, &[Adoption, Uncertainty]),
        ]);
        assert_eq!(r.substance, S::Adopter);
        assert_eq!(
            r.flags,
            vec![Flag::Inconsistent, Flag::Warned, Flag::Promoted]
        );
        // A filing that only mentions the theme does not set the substance.
        let r = aggregate(&[
            doc("2025-02-03", Kind::Qa, &[Claim]),
            doc("2025-02-07", Kind::Announcement, &[Mention]),
        ]);
        assert_eq!(r.substance, S::Claimed);
        // A regulator's notice reporting a denial disclaims like a filing.
        let r = aggregate(&[doc("2025-02-07", Kind::Regulator, &[Denial])]);
        assert_eq!(r.substance, S::Disclaimed);
        assert!(!r.flags.contains(&Flag::Promoted));
    }

    #[test]
    fn promotion_window_staleness_and_stated_materiality() {
        let docs = [
            doc("2024-01-10", Kind::Post, &[Claim]),
            DocEvidence {
                immaterial: true,
                ..doc("2024-01-20", Kind::Announcement, &[Business, Uncertainty])
            },
        ];
        let r = aggregate_asof(&docs, Some(d("2025-02-07")), Some(d("2025-01-01")));
        assert_eq!(r.substance, Substance::Confirmed);
        assert_eq!(r.flags, vec![Flag::Warned, Flag::Immaterial, Flag::Stale]);
        assert_eq!(r.newest, Some(d("2024-01-20")));
        let r = aggregate_asof(&docs, Some(d("2024-02-07")), Some(d("2024-01-01")));
        assert_eq!(
            r.flags,
            vec![Flag::Warned, Flag::Promoted, Flag::Immaterial]
        );
    }
}
