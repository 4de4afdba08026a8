//! Learned readers of an investor Q&A: linear models over hashed character n-grams and a few
//! features of the question, the answer and the pair, trained from the labelled real corpus
//! (`tests/eval/real/labels.jsonl`, its `train` companies only) by
//! `cargo run --release --example train_stance`, shipped inside the binary.
//!
//! - The **topic gate** ([`about_probability`]): is a question that names the theme's words
//!   really about the theme, or about something else that shares a word with it (the
//!   company's own core business, a price, a generic token inside another concept)? A
//!   question the gate rejects is read as about no theme.
//!
//! Features are hashed (FNV-1a 64, modulo [`Model::dim`]) with a namespace per kind, so the
//! trainer and this module compute them with the same code ([`gate_features`]). Theme words
//! are replaced by one placeholder character before the n-grams are taken: the model learns
//! how a question speaks about a theme, not which theme. A weight file is
//! `b"HCLM"`, version, dimension, number of classes, decision threshold (all little-endian
//! `u32`/`f32`), then the weights class by class; see `learned/PROVENANCE.md` for how each
//! shipped file was made.

use std::sync::OnceLock;

use super::stance::{Stance, StanceInput};
use super::ThemeMatcher;

/// Who takes the stance of an answer to a question about the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StanceSource {
    /// The hand-written rules (`stance::rule_stance`).
    Rules,
    /// The learned stance reader alone (an unanswered question stays `evade`).
    Model,
    /// The rules, unless the learned reader gives another stance a probability of at
    /// least its threshold.
    Both,
}

/// Where a learned reader has a say in reading an investor Q&A record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readers {
    /// The topic gate may reject a question that names the theme's words.
    pub gate: bool,
    /// Who takes the stance.
    pub stance: StanceSource,
}

impl Readers {
    /// The hand-written rules alone.
    pub const RULES: Readers = Readers {
        gate: false,
        stance: StanceSource::Rules,
    };
    /// What `classify_document` uses: the rules, unless the stance reader is confident of
    /// another stance. Since session 7 the reader is the average of eight seeded orders,
    /// trained over this session's code. On the held-out companies it ties the rules on
    /// documents fully right (845) and passes one check fewer (2,746 of 2,988 against
    /// 2,747): within the noise of one training example. The company-grouped folds of the
    /// training split prefer it by nine points of stance accuracy (0.872 against 0.780),
    /// which breaks the tie (tests/eval/README.md). Since session 8 the reader reads the
    /// answer's characters alone ([`STANCE_GRAMS`]): the same held-out reading, and the
    /// reader alone gains on the folds (0.858 against 0.823).
    pub const SHIPPED: Readers = Readers {
        gate: false,
        stance: StanceSource::Both,
    };
}

/// The placeholder a theme word is replaced with before n-grams are taken.
pub const THEME_MARK: char = '§';

/// A sparse feature vector: (bucket, value) pairs, buckets unique and sorted.
pub type Features = Vec<(u32, f32)>;

/// A linear model over hashed features: `classes` rows of `dim` weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Number of hash buckets.
    pub dim: u32,
    /// Number of classes (2 for a yes/no head: class 1 is "yes").
    pub classes: u32,
    /// The decision threshold chosen by cross-validation on the training companies.
    pub threshold: f32,
    /// Weights, class-major (`classes * dim`).
    pub weights: Vec<f32>,
}

/// Why a weight file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with the magic bytes and version 1.
    #[error("not a hypecheck model file (magic or version)")]
    Header,
    /// The file's length does not match its header.
    #[error("model file has {got} bytes, its header promises {want}")]
    Length {
        /// Bytes present.
        got: usize,
        /// Bytes the header promises.
        want: usize,
    },
}

const MAGIC: &[u8; 4] = b"HCLM";
const HEADER: usize = 20;

impl Model {
    /// A model of zeros.
    pub fn zeros(dim: u32, classes: u32) -> Model {
        Model {
            dim,
            classes,
            threshold: 0.5,
            weights: vec![0.0; dim as usize * classes as usize],
        }
    }

    /// Reads a weight file.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        if b.len() < HEADER || &b[..4] != MAGIC {
            return Err(ModelError::Header);
        }
        let u = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        if u(4) != 1 {
            return Err(ModelError::Header);
        }
        let (dim, classes) = (u(8), u(12));
        let threshold = f32::from_bits(u(16));
        let n = dim as usize * classes as usize;
        let want = HEADER + 4 * n;
        if b.len() != want {
            return Err(ModelError::Length { got: b.len(), want });
        }
        let weights = b[HEADER..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Ok(Model {
            dim,
            classes,
            threshold,
            weights,
        })
    }

    /// The weight file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(HEADER + 4 * self.weights.len());
        b.extend_from_slice(MAGIC);
        for v in [1, self.dim, self.classes, self.threshold.to_bits()] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        for w in &self.weights {
            b.extend_from_slice(&w.to_le_bytes());
        }
        b
    }

    /// The raw score of each class.
    pub fn scores(&self, x: &Features) -> Vec<f32> {
        (0..self.classes as usize)
            .map(|k| {
                let row = &self.weights[k * self.dim as usize..(k + 1) * self.dim as usize];
                x.iter().map(|&(i, v)| row[i as usize] * v).sum()
            })
            .collect()
    }

    /// Class probabilities (softmax of the scores).
    pub fn probabilities(&self, x: &Features) -> Vec<f32> {
        softmax(&self.scores(x))
    }
}

/// Softmax, stable.
pub fn softmax(s: &[f32]) -> Vec<f32> {
    let max = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = s.iter().map(|v| (v - max).exp()).collect();
    let sum: f32 = e.iter().sum();
    e.iter().map(|v| v / sum).collect()
}

/// Builds a sparse hashed feature vector.
#[derive(Debug)]
pub struct Hasher {
    dim: u32,
    out: Vec<(u32, f32)>,
}

impl Hasher {
    /// An empty vector over `dim` buckets; bucket of the bias is set.
    pub fn new(dim: u32) -> Hasher {
        let mut h = Hasher {
            dim,
            out: Vec::with_capacity(256),
        };
        h.add("bias", "", 1.0);
        h
    }

    /// Adds `value` to the bucket of `name` in namespace `ns`.
    pub fn add(&mut self, ns: &str, name: &str, value: f32) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in ns.bytes().chain([0xff]).chain(name.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.out.push(((h % u64::from(self.dim)) as u32, value));
    }

    /// Adds the character n-grams (`1..=max_n`) of `chars` in namespace `ns`, each once,
    /// with weight `1/sqrt(count)` so that long texts do not dominate.
    pub fn ngrams(&mut self, ns: &str, chars: &[char], max_n: usize) {
        let mut grams: Vec<String> = Vec::new();
        for n in 1..=max_n {
            for w in chars.windows(n) {
                if w.iter().all(|c| c.is_whitespace()) {
                    continue;
                }
                grams.push(w.iter().collect());
            }
        }
        grams.sort_unstable();
        grams.dedup();
        let v = 1.0 / (grams.len().max(1) as f32).sqrt();
        for g in &grams {
            self.add(ns, g, v);
        }
    }

    /// Adds a finished vector's buckets (another reader's features beside these).
    pub fn extend(&mut self, features: Features) {
        self.out.extend(features);
    }

    /// The vector: buckets summed, sorted.
    pub fn finish(mut self) -> Features {
        self.out.sort_unstable_by_key(|p| p.0);
        let mut merged: Features = Vec::with_capacity(self.out.len());
        for (i, v) in self.out {
            match merged.last_mut() {
                Some(last) if last.0 == i => last.1 += v,
                _ => merged.push((i, v)),
            }
        }
        merged
    }
}

/// A normalised text with the theme's words replaced by [`THEME_MARK`], as characters, and
/// the theme words found.
pub fn marked(m: &ThemeMatcher, s: &str) -> (Vec<char>, Vec<String>) {
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut terms = Vec::new();
    let mut at = 0;
    for r in m.find_all(s) {
        if r.start < at {
            continue;
        }
        out.extend(s[at..r.start].chars());
        out.push(THEME_MARK);
        terms.push(s[r.clone()].to_string());
        at = r.end;
    }
    out.extend(s[at..].chars());
    (out, terms)
}

/// A small count as a bucket name ("0", "1", "2", "3+").
fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    }
}

/// A length in characters as a bucket name (powers of two).
fn length_bucket(n: usize) -> String {
    format!("{}", usize::BITS - n.leading_zeros())
}

/// Which n-grams a head takes: the longest n-gram of the question and of the answer (0:
/// none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grams {
    /// Longest question n-gram.
    pub question: usize,
    /// Longest answer n-gram.
    pub answer: usize,
}

/// The n-grams of the shipped topic gate.
pub const GATE_GRAMS: Grams = Grams {
    question: 2,
    answer: 2,
};

/// Features of the topic gate: the normalised question and answer of a record and the
/// theme's matcher.
pub fn gate_features(dim: u32, m: &ThemeMatcher, question: &str, answer: &str) -> Features {
    gate_features_with(dim, GATE_GRAMS, m, question, answer)
}

/// [`gate_features`] with other n-grams (the trainer compares them).
pub fn gate_features_with(
    dim: u32,
    grams: Grams,
    m: &ThemeMatcher,
    question: &str,
    answer: &str,
) -> Features {
    let mut h = Hasher::new(dim);
    let (q, q_terms) = marked(m, question);
    let (a, a_terms) = marked(m, answer);
    h.ngrams("q", &q, grams.question);
    h.ngrams("a", &a, grams.answer);
    for t in &q_terms {
        h.add("qterm", t, 1.0);
        h.add("qterm_len", bucket(t.chars().count()), 1.0);
    }
    h.add("qterms", bucket(q_terms.len()), 1.0);
    h.add("aterms", bucket(a_terms.len()), 1.0);
    h.add("qlen", &length_bucket(q.len()), 1.0);
    h.add("alen", &length_bucket(a.len()), 1.0);
    if answer.trim().is_empty() {
        h.add("unanswered", "", 1.0);
    }
    // Where the theme first appears in the question (start, middle, end).
    if let Some(p) = q.iter().position(|c| *c == THEME_MARK) {
        h.add(
            "qpos",
            ["start", "middle", "end"][(3 * p / q.len()).min(2)],
            1.0,
        );
    }
    h.finish()
}

/// The n-grams of the shipped stance reader: the answer's characters alone. The question
/// enters through what it asks and the rules' stance; its own characters are the
/// investor's and the company's vocabulary, which does not carry from one company to the
/// next (session 8: on company-grouped folds the reader alone reads 0.858 of the training
/// stances with answer characters only, 0.823 with question characters and answer
/// bigrams; rules unless the reader is confident 0.872 either way).
pub const STANCE_GRAMS: Grams = Grams {
    question: 0,
    answer: 1,
};

/// Features of the stance reader: what the stance step sees of a question about the theme
/// and its answer, and the stance the rules take.
pub fn stance_features(
    dim: u32,
    m: &ThemeMatcher,
    input: &StanceInput<'_>,
    rule: Stance,
) -> Features {
    stance_features_with(dim, STANCE_GRAMS, m, input, rule)
}

/// [`stance_features`] with other n-grams (the trainer compares them).
pub fn stance_features_with(
    dim: u32,
    grams: Grams,
    m: &ThemeMatcher,
    input: &StanceInput<'_>,
    rule: Stance,
) -> Features {
    let mut h = Hasher::new(dim);
    h.add("rule", rule.name(), 1.0);
    h.add("asks", input.asks.name(), 1.0);
    h.add(
        "rule_asks",
        &format!("{}/{}", rule.name(), input.asks.name()),
        1.0,
    );
    let (q, _) = marked(m, input.question);
    let (a, a_terms) = marked(m, input.answer);
    h.ngrams("q", &q, grams.question);
    h.ngrams("a", &a, grams.answer);
    h.add("aterms", bucket(a_terms.len()), 1.0);
    h.add("alen", &length_bucket(a.len()), 1.0);
    h.add("sentences", bucket(input.sentences.len()), 1.0);
    let about = input.sentences.iter().filter(|s| s.about).count();
    h.add("about", bucket(about), 1.0);
    for (i, s) in input.sentences.iter().enumerate() {
        let side = if s.about { "about" } else { "aside" };
        for c in s.classes {
            h.add("class", &format!("{side}/{}", c.name()), 1.0);
            if i == 0 {
                h.add("first", c.name(), 1.0);
            }
        }
        if s.names_theme {
            h.add("names", "", 1.0);
        }
        if s.boilerplate {
            h.add("boilerplate", side, 1.0);
        }
        if super::stance::short_yes(s.text) {
            h.add("short_yes", "", 1.0);
        }
    }
    h.finish()
}

/// The built-in stance reader.
pub fn stance_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_bytes(include_bytes!("learned/stance.bin"))
            .expect("shipped stance model is valid")
    })
}

/// The stance reader's probability for each of [`Stance::ALL`].
pub fn stance_probabilities(m: &ThemeMatcher, input: &StanceInput<'_>, rule: Stance) -> Vec<f32> {
    let model = stance_model();
    model.probabilities(&stance_features(model.dim, m, input, rule))
}

/// The stance by the learned reader (`Model`) or by the rules unless the reader is
/// confident of another one (`Both`); `Rules`: the rule's. An unanswered question is
/// always `evade`.
pub fn stance(
    input: &StanceInput<'_>,
    m: &ThemeMatcher,
    rule: Stance,
    source: StanceSource,
) -> Stance {
    if source == StanceSource::Rules || input.answer.trim().is_empty() {
        return rule;
    }
    // A bare reply ("已接入。", "有。", "没有。") is too short for the reader's n-grams and
    // rare in its training records: the rules, which read it against the question, decide.
    if super::classify::short_reply(input.answer) {
        return rule;
    }
    let p = stance_probabilities(m, input, rule);
    let (best, pb) = p.iter().enumerate().fold(
        (0, f32::MIN),
        |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc },
    );
    match source {
        StanceSource::Model => Stance::ALL[best],
        _ if pb >= stance_model().threshold => Stance::ALL[best],
        _ => rule,
    }
}

/// The built-in topic gate.
pub fn gate_model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        Model::from_bytes(include_bytes!("learned/gate.bin")).expect("shipped gate model is valid")
    })
}

/// The probability that a question naming the theme's words is about the theme.
pub fn about_probability(m: &ThemeMatcher, question: &str, answer: &str) -> f32 {
    let model = gate_model();
    model.probabilities(&gate_features(model.dim, m, question, answer))[1]
}

/// Whether the gate lets a question naming the theme's words count as about the theme.
pub fn gate_accepts(m: &ThemeMatcher, question: &str, answer: &str) -> bool {
    about_probability(m, question, answer) >= gate_model().threshold
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_files_round_trip() {
        let mut m = Model::zeros(8, 2);
        m.weights[3] = 1.5;
        m.threshold = 0.25;
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b), Ok(m));
        assert_eq!(
            Model::from_bytes(&b[..b.len() - 1]).unwrap_err(),
            ModelError::Length {
                got: b.len() - 1,
                want: b.len()
            }
        );
        assert_eq!(Model::from_bytes(b"nope"), Err(ModelError::Header));
    }

    /// The shipped weights are the ones the provenance describes, trained from the labels
    /// as they are, and this module reproduces the trainer's probabilities.
    #[test]
    fn shipped_weights_match_their_provenance() {
        use sha2::{Digest, Sha256};
        let p: serde_json::Value =
            serde_json::from_str(include_str!("learned/PROVENANCE.json")).unwrap();
        let sha = |b: &[u8]| format!("{:x}", Sha256::digest(b));
        assert_eq!(
            p["labels_sha256"].as_str(),
            Some(sha(include_bytes!("../../tests/eval/real/labels.jsonl")).as_str()),
            "tests/eval/real/labels.jsonl changed since the weights were trained: run \
             `cargo run --release --example train_stance`"
        );
        for (head, model, bytes) in [
            (
                "gate",
                gate_model(),
                &include_bytes!("learned/gate.bin")[..],
            ),
            (
                "stance",
                stance_model(),
                &include_bytes!("learned/stance.bin")[..],
            ),
        ] {
            let h = &p[head];
            assert_eq!(h["sha256"].as_str(), Some(sha(bytes).as_str()), "{head}");
            assert_eq!(h["dim"].as_u64(), Some(u64::from(model.dim)), "{head}");
            assert_eq!(h["threshold"].as_f64(), Some(f64::from(model.threshold)));
        }
        let lex = crate::text::Lexicon::builtin();
        let probes = p["probes"].as_array().unwrap();
        assert!(probes.len() >= 6);
        for probe in probes {
            let theme = crate::theme::find_builtin(probe["theme"].as_str().unwrap()).unwrap();
            let m = theme.matcher();
            let (q, a) = (
                probe["question"].as_str().unwrap(),
                probe["answer"].as_str().unwrap(),
            );
            let about = about_probability(
                &m,
                &crate::text::normalize(q).text,
                &crate::text::normalize(a).text,
            );
            let close = |got: f32, want: &serde_json::Value| {
                (got - want.as_f64().unwrap() as f32).abs() < 1e-6
            };
            assert!(close(about, &probe["about"]), "{probe}: about {about}");
            let (rule, p) = crate::text::with_stance_input(lex, &m, q, a, |input| {
                let rule = crate::text::stance::rule_stance(input);
                (rule, stance_probabilities(&m, input, rule))
            });
            // The rules' stance is one of the reader's features: when the rules change,
            // the reader must be trained again.
            assert_eq!(
                probe["rule_stance"].as_str(),
                Some(rule.name()),
                "{probe}: the rules now say {}; run `cargo run --release --example \
                 train_stance`",
                rule.name()
            );
            let want = probe["stance_probabilities"].as_array().unwrap();
            assert_eq!(want.len(), p.len());
            assert!(
                p.iter().zip(want).all(|(g, w)| close(*g, w)),
                "{probe}: {p:?}; run `cargo run --release --example train_stance`"
            );
        }
    }

    #[test]
    fn theme_words_are_masked() {
        let t = crate::theme::find_builtin("pcb").unwrap();
        let (chars, terms) = marked(&t.matcher(), "公司pcb产品价格");
        assert_eq!(chars.iter().collect::<String>(), "公司§产品价格");
        assert_eq!(terms, vec!["pcb"]);
    }

    /// The stance reader reads the answer's characters, not the question's: two investors
    /// asking the same thing in their own words (a greeting, a thank-you) get the same
    /// reading of the same answer, and the question still counts through what it asks.
    #[test]
    fn the_stance_reader_reads_the_answer_not_the_question_s_wording() {
        use crate::text::{with_stance_input, Lexicon};
        let m = crate::theme::find_builtin("commercial-space")
            .unwrap()
            .matcher();
        let answer = "公司暂不涉及商业航天业务，感谢关注。";
        let read = |q: &str| {
            with_stance_input(Lexicon::builtin(), &m, q, answer, |input| {
                let rule = super::super::stance::rule_stance(input);
                (
                    stance_features(stance_model().dim, &m, input, rule),
                    stance_probabilities(&m, input, rule),
                )
            })
        };
        let plain = read("请问公司有没有参与商业航天项目？");
        let polite = read("董秘您好！请问公司有没有参与商业航天项目？谢谢！");
        assert_eq!(plain.0, polite.0);
        assert_eq!(plain.1, polite.1);
        // What the question asks is still read: a question about a customer is another
        // input than one about a tie.
        let customer = read("请问公司是否为蓝箭航天供货商业航天产品？");
        assert_ne!(plain.0, customer.0);
    }
}
