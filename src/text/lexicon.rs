//! Lexicons: the evidence cues and scope words of `lexicons/evidence.toml`, compiled into one
//! Aho-Corasick automaton (leftmost-longest over normalised terms, so "不涉及" beats "不" and
//! "未来" is not a negation). The built-in file is embedded with `include_str!` and parsed
//! once; [`Lexicon::parse`] takes another file (the `--lexicons DIR` override).
//! This module never opens files.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::normalize::normalize_term;
use super::Class;

/// The built-in evidence lexicon's text.
pub const BUILTIN_EVIDENCE: &str = include_str!("../../lexicons/evidence.toml");

/// File name of the evidence lexicon (in `lexicons/` or a `--lexicons DIR`).
pub const EVIDENCE_FILE: &str = "evidence.toml";

/// What a lexicon term does when found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// An evidence cue of a class.
    Cue(Class),
    /// Negates later cues in the same clause.
    Negation,
    /// Contains a negation or a cue but is neither ("未来", "投资者"); shadows it.
    Neutral,
    /// Ends a clause (negation scope).
    ClauseBreak,
    /// Relayed rumour.
    Hearsay,
    /// Market commentary.
    Commentary,
    /// The company speaking about itself.
    Subject,
    /// Refers back to the previous sentence, or in an answer to the question.
    Reference,
    /// A courtesy phrase ("您好", "感谢您的关注"): a sentence of only these says nothing.
    Courtesy,
    /// A generic statement that answers nothing ("公司将持续关注行业发展").
    Boilerplate,
    /// A noun that a negation before it turns into a denial ("没有上述业务").
    TieNoun,
    /// Stated materiality: the theme business is small (`uncertainty`, flag `immaterial`).
    Materiality,
    /// Capability talk: a `claim` only in a sentence anchored to the theme.
    WeakClaim,
}

/// Why a lexicon was rejected.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// Not valid TOML or an unknown list.
    #[error("{origin}: not a valid lexicon: {message}")]
    Parse {
        /// The file.
        origin: String,
        /// The parser's message.
        message: String,
    },
    /// An empty entry.
    #[error("{origin}: `{list}[{index}]` is empty; remove it")]
    Empty {
        /// The file.
        origin: String,
        /// The list (`cues.denial`).
        list: String,
        /// Position in the list.
        index: usize,
    },
    /// The same term (after normalisation) appears twice.
    #[error("{origin}: `{term}` appears in both `{first}` and `{second}`; keep one")]
    Duplicate {
        /// The file.
        origin: String,
        /// The term.
        term: String,
        /// Its first list.
        first: String,
        /// Its second list.
        second: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    cues: RawCues,
    scope: RawScope,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    denial: Vec<String>,
    uncertainty: Vec<String>,
    adoption: Vec<String>,
    claim: Vec<String>,
    business: Vec<String>,
    equity: Vec<String>,
    evasion: Vec<String>,
    #[serde(default)]
    claim_weak: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    negation: Vec<String>,
    neutral: Vec<String>,
    clause_break: Vec<String>,
    hearsay: Vec<String>,
    commentary: Vec<String>,
    subject: Vec<String>,
    reference: Vec<String>,
    #[serde(default)]
    courtesy: Vec<String>,
    #[serde(default)]
    boilerplate: Vec<String>,
    #[serde(default)]
    tie_noun: Vec<String>,
    #[serde(default)]
    materiality: Vec<String>,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    terms: Vec<String>,
    tags: Vec<Tag>,
    automaton: AhoCorasick,
}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(BUILTIN_EVIDENCE, "lexicons/evidence.toml").expect("built-in lexicon is valid")
});

impl Lexicon {
    /// The built-in lexicon, parsed once.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// Parses a lexicon file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Lexicon, LexiconError> {
        let raw: RawLexicon = toml::from_str(text).map_err(|e| LexiconError::Parse {
            origin: origin.to_string(),
            message: e.message().to_string(),
        })?;
        let c = raw.cues;
        let s = raw.scope;
        let lists: Vec<(&str, Tag, Vec<String>)> = vec![
            ("cues.denial", Tag::Cue(Class::Denial), c.denial),
            (
                "cues.uncertainty",
                Tag::Cue(Class::Uncertainty),
                c.uncertainty,
            ),
            ("cues.adoption", Tag::Cue(Class::Adoption), c.adoption),
            ("cues.claim", Tag::Cue(Class::Claim), c.claim),
            ("cues.business", Tag::Cue(Class::Business), c.business),
            ("cues.equity", Tag::Cue(Class::Equity), c.equity),
            ("cues.evasion", Tag::Cue(Class::Evasion), c.evasion),
            ("cues.claim_weak", Tag::WeakClaim, c.claim_weak),
            ("scope.negation", Tag::Negation, s.negation),
            ("scope.neutral", Tag::Neutral, s.neutral),
            ("scope.clause_break", Tag::ClauseBreak, s.clause_break),
            ("scope.hearsay", Tag::Hearsay, s.hearsay),
            ("scope.commentary", Tag::Commentary, s.commentary),
            ("scope.subject", Tag::Subject, s.subject),
            ("scope.reference", Tag::Reference, s.reference),
            ("scope.courtesy", Tag::Courtesy, s.courtesy),
            ("scope.boilerplate", Tag::Boilerplate, s.boilerplate),
            ("scope.tie_noun", Tag::TieNoun, s.tie_noun),
            ("scope.materiality", Tag::Materiality, s.materiality),
        ];
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut terms = Vec::new();
        let mut tags = Vec::new();
        for (list, tag, entries) in lists {
            for (index, e) in entries.iter().enumerate() {
                let term = normalize_term(e);
                if term.is_empty() {
                    return Err(LexiconError::Empty {
                        origin: origin.to_string(),
                        list: list.to_string(),
                        index,
                    });
                }
                if let Some(first) = seen.insert(term.clone(), list) {
                    return Err(LexiconError::Duplicate {
                        origin: origin.to_string(),
                        term,
                        first: first.to_string(),
                        second: list.to_string(),
                    });
                }
                terms.push(term);
                tags.push(tag);
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .expect("lexicon automaton builds");
        Ok(Lexicon {
            terms,
            tags,
            automaton,
        })
    }

    /// Every hit in normalised text `s`: (byte range, tag, term), leftmost-longest.
    pub fn hits<'a>(
        &'a self,
        s: &'a str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, Tag, &'a str)> + 'a {
        self.automaton.find_iter(s).map(move |m| {
            let i = m.pattern().as_usize();
            (m.range(), self.tags[i], self.terms[i].as_str())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_file_parses_without_duplicates_or_empties() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // filing.toml is the filing step's own lexicon (tested in filing.rs).
            if path.extension().is_some_and(|e| e == "toml")
                && path.file_name().is_some_and(|f| f != "filing.toml")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                Lexicon::parse(&text, &path.display().to_string()).unwrap();
                n += 1;
            }
        }
        assert!(n >= 1);
        Lexicon::builtin();
    }

    #[test]
    fn duplicates_and_empties_are_rejected() {
        let base = BUILTIN_EVIDENCE;
        let dup = base.replace("denial = [", "denial = [\"合作\", ");
        let e = Lexicon::parse(&dup, "x.toml").unwrap_err().to_string();
        assert!(
            e.contains("合作") && e.contains("cues.denial") && e.contains("cues.claim"),
            "{e}"
        );
        let empty = base.replace("evasion = [", "evasion = [\" \", ");
        let e = Lexicon::parse(&empty, "x.toml").unwrap_err().to_string();
        assert!(e.contains("cues.evasion[0]"), "{e}");
        // Full-width and half-width forms of one term are the same term.
        let fw = base.replace("clause_break = [", "clause_break = [\"，\", ");
        assert!(Lexicon::parse(&fw, "x.toml").is_err());
    }
}
