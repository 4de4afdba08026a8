//! The evidence engine: pure text processing, no I/O.
//!
//! Pipeline: [`normalize`] a copy of the text (full-width → half-width, traditional →
//! simplified, ASCII lowercase) → [`split_sentences`] → find the theme with a
//! [`ThemeMatcher`] (aliases and entities, Aho-Corasick leftmost-longest) →
//! [`classify_document`]: every sentence that mentions the theme gets the [`Class`]es of
//! docs/design.md §6 and the cues that fired → [`substance`] per document and per stock
//! ([`aggregate`], for `scan`).
//!
//! Cues and scope words come from a [`Lexicon`] passed in by the caller; this module never
//! opens files. Sentences are reported in their original wording.
//!
//! ```
//! use hypecheck::text::{classify_document, Class, DocInput, Kind, Lexicon, ThemeMatcher};
//! let theme = hypecheck::theme::find_builtin("deepseek").unwrap();
//! let m = theme.matcher();
//! let doc = DocInput::text(Kind::Announcement, "經核實，公司未與DeepSeek簽訂任何合同。");
//! let r = classify_document(Lexicon::builtin(), &m, &doc);
//! assert_eq!(r.sentences[0].classes, vec![Class::Denial]);
//! assert_eq!(r.sentences[0].text, "經核實，公司未與DeepSeek簽訂任何合同。");
//! ```

mod alias;
mod classify;
mod filing;
pub mod learned;
mod lexicon;
mod normalize;
mod sentence;
pub mod stance;
pub mod substance;

use serde::Serialize;

pub use alias::ThemeMatcher;
pub use classify::{
    classify_document, classify_document_in, classify_document_with, classify_sentence,
    with_stance_input, DocInput, DocResult, Part, SentenceResult,
};
pub use learned::{Readers, StanceSource};
pub use lexicon::{Lexicon, LexiconError, Tag, BUILTIN_EVIDENCE, EVIDENCE_FILE};
pub use normalize::{normalize, normalize_term, Normalized};
pub use sentence::split_sentences;
pub use stance::{Asks, Stance, Topic};
pub use substance::{
    aggregate, aggregate_asof, document_substance, DocEvidence, Flag, Kind, StockEvidence,
    Substance,
};

/// Evidence class of a sentence (docs/design.md §6, fixed names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// The company denies a link.
    Denial,
    /// Risk or immateriality language.
    Uncertainty,
    /// Uses or deploys the theme's openly available product.
    Adoption,
    /// Asserts a tie no binding document confirms.
    Claim,
    /// A concrete commercial relationship.
    Business,
    /// A shareholding or investment tie.
    Equity,
    /// An answer that avoids the question.
    Evasion,
    /// Mentions the theme with none of the above.
    Mention,
}

impl Class {
    /// Every class, in output order.
    pub const ALL: [Class; 8] = [
        Class::Denial,
        Class::Uncertainty,
        Class::Adoption,
        Class::Claim,
        Class::Business,
        Class::Equity,
        Class::Evasion,
        Class::Mention,
    ];

    /// The fixed English name (`denial`).
    pub fn name(self) -> &'static str {
        match self {
            Class::Denial => "denial",
            Class::Uncertainty => "uncertainty",
            Class::Adoption => "adoption",
            Class::Claim => "claim",
            Class::Business => "business",
            Class::Equity => "equity",
            Class::Evasion => "evasion",
            Class::Mention => "mention",
        }
    }

    /// The Chinese label (`否认`).
    pub fn label_zh(self) -> &'static str {
        match self {
            Class::Denial => "否认",
            Class::Uncertainty => "不确定",
            Class::Adoption => "接入使用",
            Class::Claim => "声称",
            Class::Business => "业务",
            Class::Equity => "股权",
            Class::Evasion => "回避",
            Class::Mention => "提及",
        }
    }

    /// Parses a fixed name.
    pub fn parse(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.name() == s)
    }
}
