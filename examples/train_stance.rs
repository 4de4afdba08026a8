//! Trains the learned readers of an investor Q&A (`src/text/learned.rs`) from the labelled
//! real corpus, on the **train** companies only, and writes their weights and provenance
//! beside the module (`src/text/learned/`).
//!
//! ```text
//! cargo run --release --example train_stance [-- --qa PATH] [--dry-run]
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

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use hypecheck::text::learned::{self, Features, Model};
use hypecheck::text::{
    classify_document_with, normalize, Class, DocInput, Flag, Kind, Lexicon, Part, Readers,
    ThemeMatcher,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

const SEED: u64 = 0x5eed_2026_1207;
const FOLDS: usize = 5;
const GATE_DIM: u32 = 1 << 14;

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
    /// Checks (class set, evasive flag, substance) the eval gains when the head says "no"
    /// instead of letting the rules read the record (negative: it loses them).
    gain_if_no: i32,
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
}

/// Multinomial logistic regression by AdaGrad SGD (L2 on the touched weights), examples in
/// a seeded order each epoch, classes weighted to balance.
fn train(examples: &[&Example], dim: u32, classes: u32, fit: Fit, seed: u64) -> Model {
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
            for k in 0..classes as usize {
                let err = (p[k] - f32::from(u8::from(k == e.y))) * weight[e.y];
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

/// Out-of-fold probability of class 1 for every example.
fn cross_validate(examples: &[Example], dim: u32, fit: Fit) -> Vec<f32> {
    let fold = folds(examples);
    let mut out = vec![0.0; examples.len()];
    for f in 0..FOLDS {
        let train_set: Vec<&Example> = examples
            .iter()
            .filter(|e| fold[&e.company] != f)
            .collect();
        let m = train(&train_set, dim, 2, fit, SEED + f as u64);
        for (i, e) in examples.iter().enumerate() {
            if fold[&e.company] == f {
                out[i] = m.probabilities(&e.x)[1];
            }
        }
    }
    out
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

fn at_threshold(examples: &[Example], p: &[f32], t: f32) -> AtThreshold {
    let (mut ok, mut tp, mut fp, mut fn_, mut gain) = (0, 0, 0, 0, 0);
    for (e, &p) in examples.iter().zip(p) {
        let no = p < t;
        ok += usize::from(no == (e.y == 0));
        match (e.y == 0, no) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fn_ += 1,
            _ => {}
        }
        if no {
            gain += e.gain_if_no;
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
fn auc(examples: &[Example], p: &[f32]) -> f64 {
    let (mut num, mut pairs) = (0.0, 0.0);
    for (e, &pe) in examples.iter().zip(p) {
        if e.y != 1 {
            continue;
        }
        for (f, &pf) in examples.iter().zip(p) {
            if f.y == 0 {
                pairs += 1.0;
                num += if pe > pf { 1.0 } else if pe == pf { 0.5 } else { 0.0 };
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
];

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
    let labels_path = root.join("tests/eval/real/labels.jsonl");
    let labels: Vec<Label> = std::fs::read_to_string(&labels_path)
        .expect("labels")
        .lines()
        .map(|l| serde_json::from_str(l).expect("label line"))
        .collect();
    // Held-out records are dropped before any text is read.
    let train_labels: Vec<&Label> = labels.iter().filter(|l| l.split == "train").collect();
    let train_ids: BTreeSet<&str> = train_labels.iter().map(|l| l.question_id.as_str()).collect();
    let text = std::fs::read_to_string(&qa_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (pass --qa PATH to the real-qa corpus)",
            qa_path.display()
        )
    });
    let corpus: HashMap<String, Record> = text
        .lines()
        .map(|l| serde_json::from_str::<Record>(l).expect("qa line"))
        .filter(|r| train_ids.contains(r.question_id.as_str()))
        .map(|r| (r.question_id.clone(), r))
        .collect();
    let themes: BTreeMap<String, ThemeMatcher> = hypecheck::theme::builtin()
        .into_iter()
        .map(|t| (t.id.clone(), t.matcher()))
        .collect();

    // The topic gate: every (record, theme) whose question names the theme's words; yes when
    // the label's theme is that theme, no when the label says the question is about none.
    let mut gate = Vec::new();
    let mut gate_keys = Vec::new();
    for l in &train_labels {
        let r = &corpus[&l.question_id];
        let q = normalize(&r.question).text;
        let a = normalize(&r.answer).text;
        for (id, m) in &themes {
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
            gate_keys.push((*l, id.clone()));
            gate.push(Example {
                company: l.code.clone(),
                x: learned::gate_features(GATE_DIM, m, &q, &a),
                y,
                gain_if_no: no_checks - rule_checks,
            });
        }
    }
    let pos = gate.iter().filter(|e| e.y == 1).count();
    let companies = gate.iter().map(|e| &e.company).collect::<BTreeSet<_>>().len();
    println!(
        "gate: {} examples ({pos} about the theme, {} not) from {companies} companies",
        gate.len(),
        gate.len() - pos
    );
    let best_gain: i32 = gate.iter().map(|e| e.gain_if_no.max(0)).sum();
    println!("gate: checks a perfect gate would gain: {best_gain}");

    let fit = Fit {
        epochs: 5,
        rate: 0.05,
        l2: 1e-3,
    };
    if std::env::var("HYPECHECK_SWEEP").is_ok() {
        for (qn, an) in [(3, 2), (2, 0), (3, 0), (2, 2), (3, 1), (1, 1)] {
            let grams = learned::Grams { question: qn, answer: an };
            for (e, (l, id)) in gate.iter_mut().zip(&gate_keys) {
                let r = &corpus[&l.question_id];
                e.x = learned::gate_features_with(
                    GATE_DIM,
                    grams,
                    &themes[id.as_str()],
                    &normalize(&r.question).text,
                    &normalize(&r.answer).text,
                );
            }
            for (epochs, rate, l2) in [(5, 0.05f32, 1e-3f32), (15, 0.05, 1e-4), (40, 0.05, 1e-4)] {
                    let f = Fit { epochs, rate, l2 };
                    let oof = cross_validate(&gate, GATE_DIM, f);
                    let best = (1..100)
                        .map(|i| at_threshold(&gate, &oof, i as f32 / 100.0))
                        .max_by_key(|a| a.gain)
                        .unwrap();
                    let auc = auc(&gate, &oof);
                    println!("{grams:?} {f:?} auc {auc:.3} best {best:?}");
            }
        }
        return;
    }
    let oof = cross_validate(&gate, GATE_DIM, fit);
    let mut best: Option<AtThreshold> = None;
    for i in 1..100 {
        let a = at_threshold(&gate, &oof, i as f32 / 100.0);
        if best.is_none_or(|b| a.gain > b.gain) {
            best = Some(a);
        }
    }
    let best = best.unwrap();
    if std::env::var("HYPECHECK_SHOW_OOF").is_ok() {
        for ((e, p), (l, id)) in gate.iter().zip(&oof).zip(&gate_keys) {
            let r = &corpus[&l.question_id];
            if (*p < best.threshold) != (e.y == 0) {
                let q: String = r.question.chars().take(70).collect();
                let a: String = r.answer.chars().take(50).collect();
                println!("y={} p={p:.2} gain={} {id} {} Q: {q} | A: {a}", e.y, e.gain_if_no, l.code);
            }
        }
    }
    let half = at_threshold(&gate, &oof, 0.5);
    println!("gate CV at 0.50: {half:?}");
    println!("gate CV best:    {best:?}");
    if dry_run {
        return;
    }
    let all: Vec<&Example> = gate.iter().collect();
    let mut model = train(&all, GATE_DIM, 2, fit, SEED);
    model.threshold = best.threshold;
    let dir = root.join("src/text/learned");
    std::fs::create_dir_all(&dir).unwrap();
    let gate_path = dir.join("gate.bin");
    std::fs::write(&gate_path, model.to_bytes()).unwrap();

    let probes: Vec<serde_json::Value> = PROBES
        .iter()
        .map(|(theme, q, a)| {
            let m = &themes[*theme];
            let x = learned::gate_features(
                GATE_DIM,
                m,
                &normalize(q).text,
                &normalize(a).text,
            );
            serde_json::json!({
                "theme": theme, "question": q, "answer": a,
                "about": model.probabilities(&x)[1],
            })
        })
        .collect();
    let provenance = serde_json::json!({
        "command": "cargo run --release --example train_stance",
        "date": chrono::Utc::now().format("%Y-%m-%d").to_string(),
        "labels": "tests/eval/real/labels.jsonl",
        "labels_sha256": sha256(&labels_path),
        "train_records": train_labels.len(),
        "train_companies": train_labels.iter().map(|l| &l.code).collect::<BTreeSet<_>>().len(),
        "heldout_records_unused": labels.len() - train_labels.len(),
        "seed": SEED,
        "folds": FOLDS,
        "gate": {
            "file": "gate.bin",
            "sha256": sha256(&gate_path),
            "dim": GATE_DIM,
            "examples": gate.len(),
            "about": pos,
            "epochs": fit.epochs, "rate": fit.rate, "l2": fit.l2,
            "threshold": best.threshold,
            "cv_accuracy": best.accuracy,
            "cv_not_about_precision": best.no_precision,
            "cv_not_about_recall": best.no_recall,
            "cv_checks_gained": best.gain,
            "probes": probes,
        },
    });
    let text = serde_json::to_string_pretty(&provenance).unwrap() + "\n";
    std::fs::write(dir.join("PROVENANCE.json"), text).unwrap();
    println!("wrote {} and PROVENANCE.json", gate_path.display());
}
