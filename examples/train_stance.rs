//! Trains the learned readers of an investor Q&A (`src/text/learned.rs`) from the labelled
//! real corpus, on the **train** companies only, and writes their weights and provenance
//! beside the module (`src/text/learned/`).
//!
//! ```text
//! cargo run --release --example train_stance [-- --qa PATH] [--dry-run] [--sweep] [--gate-study]
//! ```
//!
//! The labels are `tests/eval/real/labels.jsonl`; the text of each record is read from the
//! shared corpus (`real-qa/qa.jsonl` beside the checkout, or `--qa PATH`). Records of the
//! held-out companies are skipped before any text is read. Everything is deterministic: a
//! fixed seed orders the examples, folds are drawn by company, one thread.
//!
//! What it does, per head: five-fold cross-validation grouped by company (every fold's model
//! is trained on the other companies), the decision threshold chosen on the pooled
//! out-of-fold predictions, then one model on all training companies. The cross-validated
//! figures go into `PROVENANCE.json` with the labels' SHA-256, the command and the sizes.
//! `--dry-run` prints the cross-validated figures and writes nothing; `--sweep` compares
//! n-grams and fits by cross-validation on the training companies; `--gate-study` compares
//! topic gates (the shipped n-grams, structural features of the question alone or with
//! n-grams, three strengths of regularisation, the gate applied to every record, to
//! answered ones, or only where the rules read an evasion) by the checks they gain on
//! company-grouped folds with a nested threshold (each fold's threshold chosen on the
//! other folds), by company; it writes nothing (tests/eval/README.md, "Seventh").
//!
//! The heads: the **topic gate** (is a question that names the theme's words about the
//! theme?) and the **stance reader** (affirm / deny / evade / partial / off_topic of an
//! answered question about the theme, with the rules' stance among its features). The
//! labels' stance: evasive → evade; a tie (claim, business, equity, adoption) with a denial
//! or an evasion → partial; a tie or risk alone → affirm; a denial → deny; else off_topic.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use hypecheck::text::learned::{self, Features, Hasher, Model};
use hypecheck::text::{
    classify_document_with, normalize, split_sentences, with_stance_input, Class, DocInput, Flag,
    Kind, Lexicon, Part, Readers, Stance, ThemeMatcher,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

const SEED: u64 = 0x5eed_2026_1207;
const FOLDS: usize = 5;
const GATE_DIM: u32 = 1 << 14;
const STANCE_DIM: u32 = 1 << 14;
const GATE_FIT: Fit = Fit {
    epochs: 5,
    rate: 0.05,
    l2: 1e-3,
    bags: 1,
};
const STANCE_FIT: Fit = Fit {
    epochs: 10,
    rate: 0.05,
    l2: 1e-3,
    bags: 8,
};

#[derive(Debug, Deserialize)]
struct Label {
    question_id: String,
    code: String,
    split: String,
    theme: Option<String>,
    classes: Vec<String>,
    substance: String,
    evasive: bool,
}

#[derive(Debug, Deserialize)]
struct Record {
    question_id: String,
    question: String,
    answer: String,
}

/// One training example of a head.
struct Example {
    company: String,
    x: Features,
    y: usize,
    /// Gate: checks (class set, evasive flag, substance) the eval gains when the gate says
    /// "no" instead of letting the rules read the record (negative: it loses them).
    /// Stance: the rules' stance.
    aux: i32,
    /// Whether the record is answered.
    answered: bool,
    /// Gate: whether the rules read the record as evasive.
    rule_evasive: bool,
}

/// Deterministic xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Hyper-parameters of the fit.
#[derive(Debug, Clone, Copy)]
struct Fit {
    epochs: usize,
    rate: f32,
    l2: f32,
    /// Seeded orders averaged.
    bags: u64,
}

/// The average of [`train_once`] over `fit.bags` seeded orders of the examples: one order's
/// model moves with a single added example (two held-out documents either way in session
/// 7), the average much less; company-grouped cross-validation on the training companies
/// chose it for the stance reader (accuracy 0.816 with one order, 0.823 with eight).
fn train(examples: &[&Example], dim: u32, classes: u32, fit: Fit, seed: u64) -> Model {
    let n = fit.bags.max(1);
    let mut m = train_once(examples, dim, classes, fit, seed);
    for b in 1..n {
        let other = train_once(
            examples,
            dim,
            classes,
            fit,
            seed.wrapping_add(b * 0x9e37_79b9),
        );
        for (w, o) in m.weights.iter_mut().zip(&other.weights) {
            *w += o;
        }
    }
    for w in &mut m.weights {
        *w /= n as f32;
    }
    m
}

/// Multinomial logistic regression by AdaGrad SGD (L2 on the touched weights), examples in
/// a seeded order each epoch, classes weighted to balance.
fn train_once(examples: &[&Example], dim: u32, classes: u32, fit: Fit, seed: u64) -> Model {
    let mut m = Model::zeros(dim, classes);
    let mut g2 = vec![1e-6f32; m.weights.len()];
    let mut count = vec![0usize; classes as usize];
    for e in examples {
        count[e.y] += 1;
    }
    let weight: Vec<f32> = count
        .iter()
        .map(|&c| examples.len() as f32 / (classes as f32 * c.max(1) as f32))
        .collect();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(seed);
    for _ in 0..fit.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = examples[i];
            let p = m.probabilities(&e.x);
            for (k, pk) in p.iter().enumerate() {
                let err = (pk - f32::from(u8::from(k == e.y))) * weight[e.y];
                let base = k * dim as usize;
                for &(j, v) in &e.x {
                    let w = base + j as usize;
                    let g = err * v + fit.l2 * m.weights[w];
                    g2[w] += g * g;
                    m.weights[w] -= fit.rate * g / g2[w].sqrt();
                }
            }
        }
    }
    m
}

/// Company folds: companies in a seeded order, dealt round-robin.
fn folds(examples: &[Example]) -> HashMap<String, usize> {
    let mut companies: Vec<&String> = examples
        .iter()
        .map(|e| &e.company)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Rng(SEED).shuffle(&mut companies);
    companies
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i % FOLDS))
        .collect()
}

/// Out-of-fold class probabilities of every example.
fn cross_validate(examples: &[Example], dim: u32, classes: u32, fit: Fit) -> Vec<Vec<f32>> {
    let fold = folds(examples);
    let mut out = vec![Vec::new(); examples.len()];
    for f in 0..FOLDS {
        let train_set: Vec<&Example> = examples.iter().filter(|e| fold[&e.company] != f).collect();
        let m = train(&train_set, dim, classes, fit, SEED + f as u64);
        for (i, e) in examples.iter().enumerate() {
            if fold[&e.company] == f {
                out[i] = m.probabilities(&e.x);
            }
        }
    }
    out
}

fn argmax(p: &[f32]) -> usize {
    p.iter()
        .enumerate()
        .fold(
            (0, f32::MIN),
            |acc, (i, &v)| if v > acc.1 { (i, v) } else { acc },
        )
        .0
}

/// What a threshold does on out-of-fold probabilities of a yes/no head.
#[derive(Debug, Clone, Copy)]
struct AtThreshold {
    threshold: f32,
    accuracy: f64,
    no_precision: f64,
    no_recall: f64,
    gain: i32,
}

fn at_threshold(examples: &[Example], p: &[Vec<f32>], t: f32) -> AtThreshold {
    let (mut ok, mut tp, mut fp, mut fn_, mut gain) = (0, 0, 0, 0, 0);
    for (e, p) in examples.iter().zip(p) {
        let no = p[1] < t;
        ok += usize::from(no == (e.y == 0));
        match (e.y == 0, no) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if no {
            gain += e.aux;
        }
    }
    AtThreshold {
        threshold: t,
        accuracy: ok as f64 / examples.len().max(1) as f64,
        no_precision: tp as f64 / (tp + fp).max(1) as f64,
        no_recall: tp as f64 / (tp + fn_).max(1) as f64,
        gain,
    }
}

/// Area under the ROC curve of out-of-fold probabilities of class 1.
fn auc(examples: &[Example], p: &[Vec<f32>]) -> f64 {
    let (mut num, mut pairs) = (0.0, 0.0);
    for (e, pe) in examples.iter().zip(p) {
        if e.y != 1 {
            continue;
        }
        let pe = pe[1];
        for (f, pf) in examples.iter().zip(p) {
            let pf = pf[1];
            if f.y == 0 {
                pairs += 1.0;
                num += if pe > pf {
                    1.0
                } else if pe == pf {
                    0.5
                } else {
                    0.0
                };
            }
        }
    }
    num / f64::max(pairs, 1.0)
}

/// What the rules make of one record for one theme: (classes, evasive, substance).
fn rules(m: &ThemeMatcher, r: &Record) -> (BTreeSet<Class>, bool, String) {
    let doc = DocInput {
        kind: Kind::Qa,
        text: "",
        question: Some(&r.question),
        answer: Some(&r.answer),
    };
    // The rules alone: the shipped learned readers must not feed their own training.
    let res = classify_document_with(Lexicon::builtin(), m, &doc, Readers::RULES);
    let answered = !r.answer.trim().is_empty();
    let mut classes: BTreeSet<Class> = res
        .sentences
        .iter()
        .filter(|s| !answered || s.part != Part::Question)
        .flat_map(|s| s.classes.iter().copied())
        .collect();
    if classes.len() > 1 {
        classes.remove(&Class::Mention);
    }
    (
        classes,
        res.flags.contains(&Flag::Evasive),
        res.substance.name().to_string(),
    )
}

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    format!("{:x}", Sha256::digest(bytes))
}

/// Fixed written inputs whose probabilities the library's test recomputes.
const PROBES: &[(&str, &str, &str)] = &[
    (
        "pcb",
        "公司PCB产品目前价格如何？产能利用率多少？",
        "公司产品价格随市场供需波动，产能利用率保持较高水平。",
    ),
    ("pcb", "公司是否有AI PCB相关业务布局？", ""),
    (
        "commercial-space",
        "请问公司有没有参与商业航天项目？",
        "公司暂不涉及商业航天业务，感谢关注。",
    ),
    ("mlcc", "MLCC涨价对公司有何影响？", "请以公司定期报告为准。"),
    (
        "solid-state-battery",
        "公司有没有布局固态电池？",
        "是的，公司已向多家客户送样，谢谢关注。",
    ),
    (
        "energy-storage",
        "请问公司储能产品有哪些客户？",
        "公司客户信息属于商业秘密，具体请以定期报告为准。",
    ),
];

/// The stance the labels give an answered record about a theme.
fn stance_of(l: &Label) -> Stance {
    let has = |c: &str| l.classes.iter().any(|x| x == c);
    let affirms = ["claim", "business", "equity", "adoption"]
        .iter()
        .any(|c| has(c));
    if l.evasive {
        Stance::Evade
    } else if affirms && (has("denial") || has("evasion")) {
        Stance::Partial
    } else if affirms || (has("uncertainty") && !has("denial") && !has("evasion")) {
        Stance::Affirm
    } else if has("denial") {
        Stance::Deny
    } else if has("evasion") {
        Stance::Partial
    } else {
        Stance::OffTopic
    }
}

fn index_of(s: Stance) -> usize {
    Stance::ALL.iter().position(|x| *x == s).unwrap()
}

/// Accuracy on the labels' stance of the rules, of the model alone, and of the model
/// overriding the rules at probability `t` or more.
fn stance_accuracy(examples: &[Example], p: &[Vec<f32>], t: f32) -> (f64, f64, f64) {
    let n = examples.len().max(1) as f64;
    let (mut rules, mut model, mut both) = (0, 0, 0);
    for (e, p) in examples.iter().zip(p) {
        let rule = e.aux as usize;
        let best = argmax(p);
        rules += usize::from(rule == e.y);
        model += usize::from(best == e.y);
        let pick = if p[best] >= t { best } else { rule };
        both += usize::from(pick == e.y);
    }
    (rules as f64 / n, model as f64 / n, both as f64 / n)
}

struct Data<'a> {
    labels: Vec<&'a Label>,
    corpus: HashMap<String, Record>,
    themes: BTreeMap<String, ThemeMatcher>,
}

/// The topic gate's examples: every (record, theme) whose question names the theme's words;
/// yes when the label's theme is that theme, no when the label says the question is about
/// none (a question labelled with another theme says nothing about this one).
fn gate_examples(d: &Data, grams: learned::Grams, structure: bool) -> Vec<Example> {
    let mut gate = Vec::new();
    for l in &d.labels {
        let r = &d.corpus[&l.question_id];
        let q = normalize(&r.question).text;
        let a = normalize(&r.answer).text;
        for (id, m) in &d.themes {
            if !m.mentions(&q) {
                continue;
            }
            let y = match &l.theme {
                Some(t) if t == id => 1,
                Some(_) => continue,
                None => 0,
            };
            let (classes, evasive, substance) = rules(m, r);
            let want: BTreeSet<Class> = l.classes.iter().filter_map(|c| Class::parse(c)).collect();
            let rule_checks = i32::from(classes == want)
                + i32::from(evasive == l.evasive)
                + i32::from(y == 0 || substance == l.substance);
            let no_checks = i32::from(want.is_empty())
                + i32::from(!l.evasive)
                + i32::from(y == 0 || l.substance == "none");
            gate.push(Example {
                company: l.code.clone(),
                x: gate_features_full(GATE_DIM, grams, structure, m, &q, &a),
                y,
                aux: no_checks - rule_checks,
                answered: !a.trim().is_empty(),
                rule_evasive: evasive,
            });
        }
    }
    gate
}

/// The stance reader's examples: every answered record about a theme whose question names
/// the theme's words (what the stance step sees), with the labels' stance.
fn stance_examples(d: &Data, grams: learned::Grams) -> Vec<Example> {
    let mut out = Vec::new();
    for l in &d.labels {
        let Some(theme) = &l.theme else { continue };
        let r = &d.corpus[&l.question_id];
        let m = &d.themes[theme];
        if r.answer.trim().is_empty() || !m.mentions(&normalize(&r.question).text) {
            continue;
        }
        let (x, rule) = with_stance_input(Lexicon::builtin(), m, &r.question, &r.answer, |input| {
            let rule = hypecheck::text::stance::rule_stance(input);
            (
                learned::stance_features_with(STANCE_DIM, grams, m, input, rule),
                rule,
            )
        });
        out.push(Example {
            company: l.code.clone(),
            x,
            y: index_of(stance_of(l)),
            aux: index_of(rule) as i32,
            answered: true,
            rule_evasive: false,
        });
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let qa_path = args
        .iter()
        .position(|a| a == "--qa")
        .and_then(|i| args.get(i + 1))
        .map_or_else(
            || root.join("../shared/data/real-qa/qa.jsonl"),
            PathBuf::from,
        );
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let sweep = args.iter().any(|a| a == "--sweep");
    let labels_path = root.join("tests/eval/real/labels.jsonl");
    let labels: Vec<Label> = std::fs::read_to_string(&labels_path)
        .expect("labels")
        .lines()
        .map(|l| serde_json::from_str(l).expect("label line"))
        .collect();
    // Held-out records are dropped before any text is read.
    let train_labels: Vec<&Label> = labels.iter().filter(|l| l.split == "train").collect();
    let train_ids: BTreeSet<&str> = train_labels
        .iter()
        .map(|l| l.question_id.as_str())
        .collect();
    let text = std::fs::read_to_string(&qa_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (pass --qa PATH to the real-qa corpus)",
            qa_path.display()
        )
    });
    let d = Data {
        corpus: text
            .lines()
            .map(|l| serde_json::from_str::<Record>(l).expect("qa line"))
            .filter(|r| train_ids.contains(r.question_id.as_str()))
            .map(|r| (r.question_id.clone(), r))
            .collect(),
        labels: train_labels,
        themes: hypecheck::theme::builtin()
            .into_iter()
            .map(|t| (t.id.clone(), t.matcher()))
            .collect(),
    };

    if args.iter().any(|a| a == "--gate-study") {
        gate_study(&d);
        return;
    }
    if sweep {
        for (qn, an) in [(0, 1), (0, 0), (1, 1), (1, 2), (2, 2), (0, 2), (1, 3)] {
            let grams = learned::Grams {
                question: qn,
                answer: an,
            };
            let gate = gate_examples(&d, grams, false);
            let stance = stance_examples(&d, grams);
            for (epochs, rate, l2) in [(5, 0.05f32, 1e-3f32), (10, 0.05, 1e-3), (20, 0.05, 1e-4)] {
                let fit = Fit {
                    epochs,
                    rate,
                    l2,
                    bags: STANCE_FIT.bags,
                };
                let oof = cross_validate(&gate, GATE_DIM, 2, fit);
                let best = (1..100)
                    .map(|i| at_threshold(&gate, &oof, i as f32 / 100.0))
                    .max_by_key(|a| a.gain)
                    .unwrap();
                println!(
                    "gate {grams:?} {fit:?} auc {:.3} gain {} at {:.2}",
                    auc(&gate, &oof),
                    best.gain,
                    best.threshold
                );
                let oof = cross_validate(&stance, STANCE_DIM, 5, fit);
                let best = (30..100)
                    .map(|i| {
                        (
                            i as f32 / 100.0,
                            stance_accuracy(&stance, &oof, i as f32 / 100.0),
                        )
                    })
                    .max_by(|a, b| a.1 .2.total_cmp(&b.1 .2))
                    .unwrap();
                println!(
                    "stance {grams:?} {fit:?} rules {:.3} model {:.3} both {:.3} at {:.2}",
                    best.1 .0, best.1 .1, best.1 .2, best.0
                );
            }
        }
        return;
    }

    // The topic gate.
    let gate = gate_examples(&d, learned::GATE_GRAMS, false);
    let pos = gate.iter().filter(|e| e.y == 1).count();
    let companies = gate
        .iter()
        .map(|e| &e.company)
        .collect::<BTreeSet<_>>()
        .len();
    println!(
        "gate: {} examples ({pos} about the theme, {} not) from {companies} companies; \
         a perfect gate would gain {} checks",
        gate.len(),
        gate.len() - pos,
        gate.iter().map(|e| e.aux.max(0)).sum::<i32>()
    );
    let oof = cross_validate(&gate, GATE_DIM, 2, GATE_FIT);
    let gate_cv = (1..100)
        .map(|i| at_threshold(&gate, &oof, i as f32 / 100.0))
        .fold(None::<AtThreshold>, |b, a| match b {
            Some(b) if b.gain >= a.gain => Some(b),
            _ => Some(a),
        })
        .unwrap();
    let gate_auc = auc(&gate, &oof);
    println!("gate CV: AUC {gate_auc:.3}, {gate_cv:?}");

    // The stance reader.
    let stance = stance_examples(&d, learned::STANCE_GRAMS);
    let mut per = [0usize; 5];
    for e in &stance {
        per[e.y] += 1;
    }
    println!(
        "stance: {} examples from {} companies, per stance {:?}",
        stance.len(),
        stance
            .iter()
            .map(|e| &e.company)
            .collect::<BTreeSet<_>>()
            .len(),
        Stance::ALL
            .iter()
            .map(|s| s.name())
            .zip(per)
            .collect::<Vec<_>>()
    );
    let oof = cross_validate(&stance, STANCE_DIM, 5, STANCE_FIT);
    let (stance_t, stance_cv) = (30..=100)
        .map(|i| {
            (
                i as f32 / 100.0,
                stance_accuracy(&stance, &oof, i as f32 / 100.0),
            )
        })
        .fold(None::<(f32, (f64, f64, f64))>, |b, a| match b {
            Some(b) if b.1 .2 >= a.1 .2 => Some(b),
            _ => Some(a),
        })
        .unwrap();
    println!(
        "stance CV accuracy: rules {:.3}, model {:.3}, both {:.3} (override at p >= {stance_t:.2})",
        stance_cv.0, stance_cv.1, stance_cv.2
    );
    if dry_run {
        return;
    }

    let mut gate_model = train(
        &gate.iter().collect::<Vec<_>>(),
        GATE_DIM,
        2,
        GATE_FIT,
        SEED,
    );
    gate_model.threshold = gate_cv.threshold;
    let mut stance_model = train(
        &stance.iter().collect::<Vec<_>>(),
        STANCE_DIM,
        5,
        STANCE_FIT,
        SEED,
    );
    stance_model.threshold = stance_t;
    let dir = root.join("src/text/learned");
    std::fs::create_dir_all(&dir).unwrap();
    let gate_path = dir.join("gate.bin");
    let stance_path = dir.join("stance.bin");
    std::fs::write(&gate_path, gate_model.to_bytes()).unwrap();
    std::fs::write(&stance_path, stance_model.to_bytes()).unwrap();

    let round = |v: f64| (v * 1e4).round() / 1e4;
    // An f32 hyper-parameter as written (0.001, not 0.0010000000474974513).
    let short = |v: f32| v.to_string().parse::<f64>().unwrap();
    let probes: Vec<serde_json::Value> = PROBES
        .iter()
        .map(|(theme, q, a)| {
            let m = &d.themes[*theme];
            let (nq, na) = (normalize(q).text, normalize(a).text);
            let about = gate_model.probabilities(&learned::gate_features(GATE_DIM, m, &nq, &na))[1];
            let (rule, p) = with_stance_input(Lexicon::builtin(), m, q, a, |input| {
                let rule = hypecheck::text::stance::rule_stance(input);
                let x = learned::stance_features(STANCE_DIM, m, input, rule);
                (rule, stance_model.probabilities(&x))
            });
            serde_json::json!({
                "theme": theme, "question": q, "answer": a,
                "about": about,
                "rule_stance": rule.name(),
                "stance_probabilities": p,
            })
        })
        .collect();
    let provenance = serde_json::json!({
        "command": "cargo run --release --example train_stance",
        "date": chrono::Utc::now().format("%Y-%m-%d").to_string(),
        "labels": "tests/eval/real/labels.jsonl",
        "labels_sha256": sha256(&labels_path),
        "train_records": d.labels.len(),
        "train_companies": d.labels.iter().map(|l| &l.code).collect::<BTreeSet<_>>().len(),
        "heldout_records_unused": labels.len() - d.labels.len(),
        "seed": SEED,
        "folds": FOLDS,
        "gate": {
            "file": "gate.bin",
            "sha256": sha256(&gate_path),
            "dim": GATE_DIM,
            "grams": [learned::GATE_GRAMS.question, learned::GATE_GRAMS.answer],
            "examples": gate.len(),
            "about": pos,
            "epochs": GATE_FIT.epochs, "rate": short(GATE_FIT.rate), "l2": short(GATE_FIT.l2), "bags": GATE_FIT.bags,
            "threshold": gate_model.threshold,
            "cv_auc": round(gate_auc),
            "cv_accuracy": round(gate_cv.accuracy),
            "cv_not_about_precision": round(gate_cv.no_precision),
            "cv_not_about_recall": round(gate_cv.no_recall),
            "cv_checks_gained": gate_cv.gain,
        },
        "stance": {
            "file": "stance.bin",
            "sha256": sha256(&stance_path),
            "dim": STANCE_DIM,
            "grams": [learned::STANCE_GRAMS.question, learned::STANCE_GRAMS.answer],
            "examples": stance.len(),
            "per_stance": Stance::ALL.iter().map(|s| s.name()).zip(per).collect::<BTreeMap<_, _>>(),
            "epochs": STANCE_FIT.epochs, "rate": short(STANCE_FIT.rate), "l2": short(STANCE_FIT.l2), "bags": STANCE_FIT.bags,
            "threshold": stance_model.threshold,
            "cv_accuracy_rules": round(stance_cv.0),
            "cv_accuracy_model": round(stance_cv.1),
            "cv_accuracy_both": round(stance_cv.2),
        },
        "probes": probes,
    });
    let text = serde_json::to_string_pretty(&provenance).unwrap() + "\n";
    std::fs::write(dir.join("PROVENANCE.json"), text).unwrap();
    println!(
        "wrote {}, {} and PROVENANCE.json",
        gate_path.display(),
        stance_path.display()
    );
}

/// Company-grouped cross-validation of gate variants with a nested threshold: each fold's
/// threshold is the one that gains most on the other folds' out-of-fold probabilities, so
/// the gain printed is not chosen on the records it counts.
fn gate_study(d: &Data) {
    // What a perfect gate would gain, by company: where the checks to be had are.
    let mut perfect: BTreeMap<String, i32> = BTreeMap::new();
    for e in gate_examples(d, learned::GATE_GRAMS, false) {
        *perfect.entry(e.company).or_default() += e.aux.max(0);
    }
    println!("gate-study: a perfect gate's gain by company {perfect:?}");
    let fits = [
        GATE_FIT,
        Fit {
            epochs: 5,
            rate: 0.05,
            l2: 1e-2,
            bags: 1,
        },
        Fit {
            epochs: 5,
            rate: 0.05,
            l2: 3e-2,
            bags: 1,
        },
    ];
    for (grams, structure) in [
        ((2, 2), false),
        ((0, 0), true),
        ((1, 1), true),
        ((2, 2), true),
    ] {
        let grams = learned::Grams {
            question: grams.0,
            answer: grams.1,
        };
        let gate = gate_examples(d, grams, structure);
        for fit in fits {
            let oof = cross_validate(&gate, GATE_DIM, 2, fit);
            let fold = folds(&gate);
            for scope in ["all", "answered", "evasive", "answered+evasive"] {
                let in_scope = |e: &Example| match scope {
                    "all" => true,
                    "answered" => e.answered,
                    "evasive" => e.rule_evasive,
                    _ => e.answered && e.rule_evasive,
                };
                let (mut gain, mut gain_ans, mut gain_unans, mut rejected, mut wrong) =
                    (0, 0, 0, 0, 0);
                let mut picked = Vec::new();
                let mut by_company: BTreeMap<String, i32> = BTreeMap::new();
                for f in 0..FOLDS {
                    let others: Vec<usize> = (0..gate.len())
                        .filter(|&i| fold[&gate[i].company] != f && in_scope(&gate[i]))
                        .collect();
                    let t = (1..100)
                        .map(|k| k as f32 / 100.0)
                        .map(|t| {
                            let g: i32 = others
                                .iter()
                                .filter(|&&i| oof[i][1] < t)
                                .map(|&i| gate[i].aux)
                                .sum();
                            (t, g)
                        })
                        .fold((0.0f32, 0i32), |b, a| if a.1 > b.1 { a } else { b })
                        .0;
                    picked.push(t);
                    for i in 0..gate.len() {
                        let e = &gate[i];
                        if fold[&e.company] != f || !in_scope(e) || oof[i][1] >= t {
                            continue;
                        }
                        rejected += 1;
                        wrong += usize::from(e.y == 1);
                        gain += e.aux;
                        *by_company.entry(e.company.clone()).or_default() += e.aux;
                        if e.answered {
                            gain_ans += e.aux;
                        } else {
                            gain_unans += e.aux;
                        }
                    }
                }
                println!(
                    "gate-study {grams:?} structure={structure} l2={} scope={scope}: auc {:.3} \
                     nested gain {gain} (answered {gain_ans}, unanswered {gain_unans}), \
                     rejected {rejected} ({wrong} about the theme), thresholds {picked:?}",
                    fit.l2,
                    auc(&gate, &oof)
                );
                println!("    by company: {by_company:?}");
            }
        }
    }
}

/// Marks of an asking sentence, for the gate study (the stance step's own list is private
/// to the library).
const ASKS: &[&str] = &[
    "是否",
    "请问",
    "吗",
    "呢",
    "如何",
    "多少",
    "什么",
    "能否",
    "有没有",
    "有无",
    "怎么",
    "哪些",
    "何时",
    "为何",
    "为什么",
];

/// Words of a question about the operating figures of a line of business (its margin,
/// shipments, capacity, order book, prices).
const GATE_METRICS: &[&str] = &[
    "毛利",
    "出货",
    "产能",
    "排产",
    "排期",
    "订单",
    "扩产",
    "投产",
    "市场份额",
    "供不应求",
    "满产",
    "销量",
    "价格",
    "涨价",
    "提价",
    "良率",
];

/// Words of a question that asks for a tie ("是否涉及", "有没有布局", "有无合作").
const GATE_TIE_WORDS: &[&str] = &[
    "涉及",
    "布局",
    "合作",
    "相关业务",
    "相关产品",
    "相关技术",
    "概念",
    "参与",
    "供货",
    "进入",
];

/// Structural features of the topic gate: what the rules' topic step says, what the
/// question asks, where and how the theme's words stand in it (in an asking sentence, in a
/// list of many items, after "公司"), and what the answer says of them; no n-grams.
fn gate_structure(h: &mut Hasher, m: &ThemeMatcher, question: &str, answer: &str) {
    h.add(
        "s_topic",
        hypecheck::text::stance::question_topic(m, question).name(),
        1.0,
    );
    h.add(
        "s_asks",
        hypecheck::text::stance::asks(question).name(),
        1.0,
    );
    let answered = !answer.trim().is_empty();
    h.add("s_answered", if answered { "yes" } else { "no" }, 1.0);
    if answered {
        h.add(
            "s_answer_names",
            if m.mentions(answer) { "yes" } else { "no" },
            1.0,
        );
        if hypecheck::text::stance::describes_own_trade(m, answer) {
            h.add("s_own_trade", "", 1.0);
        }
    }
    let sentences: Vec<&str> = split_sentences(question)
        .into_iter()
        .map(|r| &question[r])
        .collect();
    let asking = |s: &str| s.trim_end().ends_with('?') || ASKS.iter().any(|w| s.contains(w));
    let named_asking = sentences.iter().any(|s| asking(s) && m.mentions(s));
    let any_asking = sentences.iter().any(|s| asking(s));
    h.add(
        "s_where",
        match (any_asking, named_asking) {
            (false, _) => "no_ask",
            (true, true) => "asking",
            (true, false) => "preamble",
        },
        1.0,
    );
    // Every hit of the theme inside a list of three or more items most of which are not
    // the theme's ("供应台积电、三星、华虹等").
    let clauses: Vec<&str> = question
        .split([',', ';', ':', '。', '?', '!', '\n', ' '])
        .filter(|c| m.mentions(c))
        .collect();
    let in_list = !clauses.is_empty()
        && clauses.iter().all(|c| {
            let items: Vec<&str> = c.split('、').collect();
            items.len() >= 3 && 2 * items.iter().filter(|i| m.mentions(i)).count() <= items.len()
        });
    if in_list {
        h.add("s_in_list", "", 1.0);
    }
    let possessive = m.find_all(question).any(|r| {
        let before = &question[..r.start];
        ["公司", "贵司", "我司", "公司的", "贵司的"]
            .iter()
            .any(|w| before.ends_with(w))
    });
    if possessive {
        h.add("s_possessive", "", 1.0);
    }
    let metrics = GATE_METRICS.iter().any(|w| question.contains(w));
    let tie = GATE_TIE_WORDS.iter().any(|w| question.contains(w));
    h.add(
        "s_kind",
        match (metrics, tie) {
            (true, true) => "both",
            (true, false) => "metrics",
            (false, true) => "tie",
            (false, false) => "neither",
        },
        1.0,
    );
    h.add(
        "s_where_kind",
        &format!(
            "{}/{}/{}",
            if named_asking { "asking" } else { "other" },
            if metrics { "metrics" } else { "-" },
            if answered { "answered" } else { "unanswered" }
        ),
        1.0,
    );
}

/// The gate's features ([`learned::gate_features_with`]) plus, when `structure`,
/// [`gate_structure`] (the gate study compares them).
fn gate_features_full(
    dim: u32,
    grams: learned::Grams,
    structure: bool,
    m: &ThemeMatcher,
    question: &str,
    answer: &str,
) -> Features {
    let base = learned::gate_features_with(dim, grams, m, question, answer);
    if !structure {
        return base;
    }
    let mut h = Hasher::new(dim);
    gate_structure(&mut h, m, question, answer);
    h.extend(base);
    h.finish()
}
