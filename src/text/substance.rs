//! Substance and flags (design.md §6) from sentence classes, per document and per stock.
//! Pure functions over classes; no text here.
//!
//! Decisions (weights by source kind, `announcement` > `qa` > `post` > `news`):
//! - `confirmed` only from an **announcement** stating business or equity ties. A Q&A answer
//!   (互动易/e互动) is regulated but informal and not a filing, so business/equity in an
//!   answer is `claimed`; a company post or a news report is at most `claimed` too.
//! - `disclaimed` from a denial in an announcement or a Q&A answer (an official answer),
//!   unless the same document confirms a tie. A denial relayed by a post or news is no
//!   disclaimer (news often quotes filings; the filing itself is the evidence).
//! - `material` needs revenue data and is never produced here.
//! - Flags: `warned` when an announcement carries uncertainty language; `evasive` when a Q&A
//!   record about the theme has evasion and nothing substantive; `inconsistent` (stock level)
//!   when posts or answers claim more than the company's formal statements say.

use serde::Serialize;

use super::Class;
use crate::model::Date;

/// Source kind of a document (design.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Exchange-regulated filing (公告).
    Announcement,
    /// Investor Q&A record (互动易/e互动).
    Qa,
    /// Company self-media post (公众号).
    Post,
    /// Third-party news.
    News,
}

impl From<crate::model::DocKind> for Kind {
    fn from(k: crate::model::DocKind) -> Kind {
        use crate::model::DocKind;
        match k {
            DocKind::Announcement => Kind::Announcement,
            DocKind::Qa => Kind::Qa,
            DocKind::Post => Kind::Post,
            DocKind::News => Kind::News,
        }
    }
}

impl Kind {
    /// Parses the fixed name (`announcement|qa|post|news`).
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "announcement" => Some(Kind::Announcement),
            "qa" => Some(Kind::Qa),
            "post" => Some(Kind::Post),
            "news" => Some(Kind::News),
            _ => None,
        }
    }

    /// The fixed name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Announcement => "announcement",
            Kind::Qa => "qa",
            Kind::Post => "post",
            Kind::News => "news",
        }
    }
}

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
}

impl Flag {
    /// The fixed name.
    pub fn name(self) -> &'static str {
        match self {
            Flag::Inconsistent => "inconsistent",
            Flag::Evasive => "evasive",
            Flag::Warned => "warned",
            Flag::CoreUnrelated => "core_unrelated",
            Flag::Abnormal => "abnormal",
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
        }
    }
}

fn has(classes: &[Vec<Class>], c: Class) -> bool {
    classes.iter().any(|s| s.contains(&c))
}

/// Substance and flags of one document from the classes of its theme sentences.
pub fn document_substance(kind: Kind, classes: &[Vec<Class>]) -> (Substance, Vec<Flag>) {
    let tie = has(classes, Class::Business) || has(classes, Class::Equity);
    let mut level = if tie && kind == Kind::Announcement {
        Substance::Confirmed
    } else if tie || has(classes, Class::Claim) {
        Substance::Claimed
    } else if has(classes, Class::Adoption) {
        Substance::Adopter
    } else {
        Substance::None
    };
    let official = matches!(kind, Kind::Announcement | Kind::Qa);
    if official && has(classes, Class::Denial) && level < Substance::Confirmed {
        level = Substance::Disclaimed;
    }
    let mut flags = Vec::new();
    if kind == Kind::Announcement && has(classes, Class::Uncertainty) {
        flags.push(Flag::Warned);
    }
    let substantive = [
        Class::Denial,
        Class::Adoption,
        Class::Claim,
        Class::Business,
        Class::Equity,
    ];
    if kind == Kind::Qa
        && has(classes, Class::Evasion)
        && !substantive.iter().any(|c| has(classes, *c))
    {
        flags.push(Flag::Evasive);
    }
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
}

/// Substance and flags of a stock for one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockEvidence {
    /// Substance (at most `confirmed` here).
    pub substance: Substance,
    /// Flags, sorted.
    pub flags: Vec<Flag>,
}

/// Aggregates a stock's documents: `disclaimed` when an announcement or answer denies a link
/// and no announcement dated the same day or later confirms one; otherwise the highest
/// document level. `inconsistent` when a post or answer claims (`claimed` or more) above
/// what the formal statements (announcements, official denials) say, and a formal statement
/// exists.
pub fn aggregate(docs: &[DocEvidence]) -> StockEvidence {
    let per: Vec<(Date, Kind, Substance, Vec<Flag>)> = docs
        .iter()
        .map(|d| {
            let (s, f) = document_substance(d.kind, &d.classes);
            (d.date, d.kind, s, f)
        })
        .collect();
    let last_denial = per
        .iter()
        .filter(|p| p.2 == Substance::Disclaimed)
        .map(|p| p.0)
        .max();
    let confirmed_after = |d: Date| per.iter().any(|p| p.2 == Substance::Confirmed && p.0 >= d);
    let best = per
        .iter()
        .map(|p| p.2)
        .filter(|s| *s != Substance::Disclaimed)
        .max()
        .unwrap_or(Substance::None);
    let substance = match last_denial {
        Some(d) if !confirmed_after(d) => Substance::Disclaimed,
        _ => best,
    };
    let informal = per
        .iter()
        .filter(|p| matches!(p.1, Kind::Post | Kind::Qa) && p.2 != Substance::Disclaimed)
        .map(|p| p.2)
        .max();
    let formal = per
        .iter()
        .filter(|p| p.1 == Kind::Announcement || p.2 == Substance::Disclaimed)
        .map(|p| p.2)
        .max();
    let mut flags: Vec<Flag> = per.iter().flat_map(|p| p.3.iter().copied()).collect();
    if let (Some(i), Some(f)) = (informal, formal) {
        let formal_level = if substance == Substance::Disclaimed {
            Substance::Disclaimed
        } else {
            f
        };
        if i >= Substance::Claimed && i > formal_level {
            flags.push(Flag::Inconsistent);
        }
    }
    flags.sort();
    flags.dedup();
    StockEvidence { substance, flags }
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
            (Kind::Announcement, vec![Denial, Adoption], S::Disclaimed),
            (Kind::Qa, vec![Denial], S::Disclaimed),
            (Kind::News, vec![Denial], S::None),
            (Kind::Announcement, vec![Mention], S::None),
        ] {
            assert_eq!(
                document_substance(kind, std::slice::from_ref(&classes)).0,
                want,
                "{kind:?} {classes:?}"
            );
        }
    }

    #[test]
    fn posts_and_news_never_confirm() {
        let all = [
            Denial,
            Uncertainty,
            Adoption,
            Claim,
            Business,
            Equity,
            Evasion,
            Mention,
        ];
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
        assert_eq!(r.flags, vec![Flag::Inconsistent, Flag::Warned]);
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
                flags: vec![]
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
                flags: vec![]
            }
        );
        // Evasive answer.
        let r = aggregate(&[doc("2025-02-05", Kind::Qa, &[Evasion])]);
        assert_eq!(
            r,
            StockEvidence {
                substance: S::None,
                flags: vec![Flag::Evasive]
            }
        );
        assert_eq!(aggregate(&[]).substance, S::None);
    }
}
