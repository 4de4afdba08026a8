//! Reasons as data: what a verdict, the heat, the substance, a flag or the membership rests
//! on, as an enum value with its facts (the document, its date, the numbers). `report`
//! renders them in Chinese or English; JSON keeps the facts beside the rendered text.

use serde::{Serialize, Serializer};

use crate::model::Date;
use crate::text::{Flag, Kind};

/// What a reason explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// The verdict itself.
    Verdict,
    /// The heat.
    Heat,
    /// The substance.
    Substance,
    /// A flag.
    Flag(Flag),
    /// The concept board's listing reason.
    Membership,
}

impl About {
    /// The fixed name: `verdict`, `heat`, `substance`, `membership`, or the flag's name.
    pub fn name(self) -> &'static str {
        match self {
            About::Verdict => "verdict",
            About::Heat => "heat",
            About::Substance => "substance",
            About::Flag(f) => f.name(),
            About::Membership => "membership",
        }
    }
}

impl Serialize for About {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A sentence quoted from a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The document's id.
    pub doc_id: String,
    /// Its date.
    pub date: Date,
    /// Its kind.
    pub kind: Kind,
    /// The sentence as written.
    pub text: String,
}

/// The heat's numbers, for its reason.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatFacts {
    /// Hot by the thresholds.
    pub hot: bool,
    /// Consecutive limit-up closes ending at the as-of bar (当前连板).
    pub streak: u32,
    /// The window's highest streak (最高连板).
    pub max_streak: u32,
    /// The window in trading days.
    pub window: usize,
    /// The window's return.
    pub ret: Option<f64>,
    /// The window's excess return.
    pub excess: Option<f64>,
    /// An abnormal-fluctuation estimate fired in the window.
    pub abnormal: bool,
    /// The ST status is unknown on the bar (no limit asserted).
    pub st_unknown: bool,
}

/// The facts a reason states. Serialised as `kind` (the variant's name) and `values` (its
/// numbers and texts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "values", rename_all = "snake_case")]
pub enum Fact {
    /// Verdict `unverified`: no bars for the stock.
    NoBars,
    /// Verdict `unverified`: the bars end before the window.
    BarsEndBeforeWindow {
        /// The last bar.
        bar_date: Date,
        /// The as-of date.
        asof: Date,
    },
    /// Verdict `unverified`: hot, but no company words about the theme.
    NoCompanyWords {
        /// The as-of date.
        asof: Date,
    },
    /// Verdict `unverified`: hot, no company words about the theme, but news reports on the
    /// tie (the cited document: the newest report). News is never the company's word.
    OnlyNews {
        /// The as-of date.
        asof: Date,
    },
    /// Verdict `clarified`: the company denied a link and did not promote it.
    Denied,
    /// Verdict `hype_rider`: the company promoted the link without a filing behind it.
    PromotedWithoutFiling,
    /// Verdict `speculative`: not promoted, the tie is tenuous.
    Tenuous {
        /// The company's only words on the theme are answers that evaded the question
        /// (or no answer).
        evasive_only: bool,
        /// Investors asked about the theme and the company has not answered at all (the
        /// cited document is the question).
        unanswered: bool,
    },
    /// Verdict `substantive`.
    FilingConfirms,
    /// Verdict `cold`.
    NotHot,
    /// The heat.
    Heat(HeatFacts),
    /// No bars: heat unknown.
    HeatUnknown,
    /// Substance `disclaimed`.
    Disclaimed,
    /// Substance `confirmed` or `material` (with the theme's share of revenue).
    Confirmed {
        /// The theme segments' share of revenue when material.
        material_share: Option<f64>,
    },
    /// Substance `claimed`.
    Claimed,
    /// Substance `adopter`.
    Adopter,
    /// Substance `none`.
    NoSubstance,
    /// Flag `inconsistent`: an informal sentence says more than a filing's.
    Inconsistent {
        /// The post's or answer's sentence.
        informal: Quote,
        /// The filing's sentence.
        filing: Quote,
    },
    /// Flag `evasive`: investors' questions about the theme went unanswered or evaded.
    Evasive {
        /// Questions about the theme.
        asked: usize,
        /// Of them, not answered or answered evasively.
        evaded: usize,
    },
    /// Flag `warned`.
    Warned,
    /// Flag `core_unrelated` from the segments table.
    CoreUnrelated {
        /// The unrelated segments' share of revenue.
        share: f64,
        /// The largest unrelated segment.
        segment: Option<String>,
        /// The report period.
        period: Date,
    },
    /// Flag `immaterial` from the segments table.
    SegmentsImmaterial {
        /// The theme segments' share of revenue.
        share: f64,
        /// The report period.
        period: Date,
    },
    /// Flag `immaterial` stated by the company.
    StatedImmaterial {
        /// The share it states, in percent.
        share_pct: Option<f64>,
        /// The theme segments' share of revenue (a fraction) and the report period, when a
        /// segments table has theme segments too.
        segments: Option<(f64, Date)>,
    },
    /// Flag `promoted`.
    Promotes,
    /// Flag `stale`.
    Stale,
    /// Flag `abnormal`.
    Abnormal,
    /// The concept board's listing reason.
    Listed {
        /// As the source gives it.
        reason: String,
    },
}

/// A reason: what it explains, its facts, and the document it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    /// What it explains.
    pub about: About,
    /// Its facts (`kind`, `values`).
    #[serde(flatten)]
    pub fact: Fact,
    /// The document it rests on; `None` for market reasons and missing data.
    pub doc_id: Option<String>,
    /// That document's kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_kind: Option<Kind>,
    /// That document's date.
    pub date: Option<Date>,
}

impl Reason {
    /// A reason resting on no document.
    pub fn plain(about: About, fact: Fact) -> Reason {
        Reason {
            about,
            fact,
            doc_id: None,
            doc_kind: None,
            date: None,
        }
    }

    /// A reason resting on a document.
    pub fn cites(about: About, fact: Fact, doc: Option<&super::ClassifiedDoc>) -> Reason {
        Reason {
            about,
            fact,
            doc_id: doc.map(|d| d.doc_id.clone()),
            doc_kind: doc.map(|d| d.kind),
            date: doc.map(|d| d.date),
        }
    }
}
