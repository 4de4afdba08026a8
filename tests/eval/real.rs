//! Evaluation on real investor Q&A (互动易 / 上证e互动) that nobody on the project wrote.
//!
//! The labels (`real/labels.jsonl`) cite records of `../shared/data/real-qa/qa.jsonl` by
//! `question_id`; the text is read from there, never copied into the repository. Each label
//! gives the theme the question is about (or none), the classes of the answer, the record's
//! substance and the `evasive` and `immaterial` flags. Records are split by company: the
//! companies of the `heldout` split were never looked at while tuning.
//!
//! Record-level prediction: the classes of the answer's theme sentences (of the question's
//! sentences when there is no answer), `mention` only when no other class is found. A record
//! whose question is about no theme is classified for every built-in theme its question
//! names anyway; any class found is a false alarm.
//!
//! `cargo test --test eval real -- --nocapture --test-threads 1` prints the tables.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use hypecheck::text::stance::{describes_own_trade, question_topic, OwnTrade, Stance, Topic};
use hypecheck::text::{
    classify_document, classify_document_in, Class, DocInput, Flag, Kind, Lexicon, Part, Readers,
    StanceSource, ThemeMatcher,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Label {
    question_id: String,
    code: String,
    split: String,
    theme: Option<String>,
    classes: Vec<String>,
    substance: String,
    evasive: bool,
    immaterial: bool,
}

#[derive(Debug, Deserialize)]
struct Record {
    question_id: String,
    code: String,
    question: String,
    answer: String,
    question_date: Option<String>,
    answer_date: Option<String>,
}

impl Record {
    /// The date the record counts from, as the store dates a Q&A record: the answer's date
    /// when answered, else the question's (ISO dates compare as strings).
    fn date(&self) -> String {
        let answered = !self.answer.trim().is_empty();
        answered
            .then(|| self.answer_date.clone())
            .flatten()
            .or_else(|| self.question_date.clone())
            .unwrap_or_default()
    }
}

/// What each company's own answers say of its trade, by (company code, theme id): the
/// dates of the answers that describe the theme as its trade, as `scan` and `classify`
/// count them (`text::stance::OwnTrade`).
type Trades = HashMap<(String, String), OwnTrade<String>>;

fn own_trades(corpus: &HashMap<String, Record>, themes: &BTreeMap<String, ThemeMatcher>) -> Trades {
    let mut out = Trades::new();
    for r in corpus.values() {
        let a = hypecheck::text::normalize(&r.answer).text;
        for (id, m) in themes {
            if m.mentions(&a) && describes_own_trade(m, &a) {
                out.entry((r.code.clone(), id.clone()))
                    .or_default()
                    .witness(r.date());
            }
        }
    }
    out
}

/// Whether the theme `id` is the trade of the record's company by the record's date.
fn own_trade(trades: &Trades, r: &Record, id: &str) -> bool {
    trades
        .get(&(r.code.clone(), id.to_string()))
        .is_some_and(|t| t.known_on(&r.date()))
}

/// What the classifier says about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prediction {
    classes: BTreeSet<Class>,
    substance: String,
    evasive: bool,
    immaterial: bool,
}

fn corpus() -> Option<HashMap<String, Record>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/real-qa/qa.jsonl");
    if !path.exists() {
        if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
            panic!(
                "{} is missing and HYPECHECK_REQUIRE_SHARED=1",
                path.display()
            );
        }
        eprintln!(
            "skipped: {} is absent (a fresh clone without ../shared)",
            path.display()
        );
        return None;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    Some(
        text.lines()
            .map(|l| serde_json::from_str::<Record>(l).unwrap())
            .map(|r| (r.question_id.clone(), r))
            .collect(),
    )
}

fn labels() -> Vec<Label> {
    include_str!("real/labels.jsonl")
        .lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("real/labels.jsonl:{}: {e}", i + 1))
        })
        .collect()
}

fn classify_one(m: &ThemeMatcher, r: &Record, readers: Readers, own_trade: bool) -> Prediction {
    let doc = DocInput {
        kind: Kind::Qa,
        text: "",
        question: Some(&r.question),
        answer: Some(&r.answer),
    };
    let res = classify_document_in(Lexicon::builtin(), m, &doc, readers, own_trade);
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
    Prediction {
        classes,
        substance: res.substance.name().to_string(),
        evasive: res.flags.contains(&Flag::Evasive),
        immaterial: res.flags.iter().any(|f| f.name() == "immaterial"),
    }
}

fn predict(
    themes: &BTreeMap<String, ThemeMatcher>,
    trades: &Trades,
    label: &Label,
    r: &Record,
    readers: Readers,
) -> Prediction {
    match &label.theme {
        Some(id) => classify_one(
            themes
                .get(id)
                .unwrap_or_else(|| panic!("{}: theme {id} is not built in", label.question_id)),
            r,
            readers,
            own_trade(trades, r, id),
        ),
        None => {
            // About no theme: a theme the question names anyway must find nothing (an
            // answer that names a theme on its own may well speak about it).
            let mut all = Prediction {
                classes: BTreeSet::new(),
                substance: "none".to_string(),
                evasive: false,
                immaterial: false,
            };
            let question = hypecheck::text::normalize(&r.question).text;
            for (id, m) in themes {
                if !m.mentions(&question) {
                    continue;
                }
                let p = classify_one(m, r, readers, own_trade(trades, r, id));
                all.classes.extend(p.classes);
                all.evasive |= p.evasive;
                all.immaterial |= p.immaterial;
            }
            if all.classes.len() > 1 {
                all.classes.remove(&Class::Mention);
            }
            all
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, want: bool, got: bool) {
        match (want, got) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            _ => {}
        }
    }
    fn prf(self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
    fn support(self) -> usize {
        self.tp + self.fn_
    }
}

/// The figures of one split.
struct Report {
    records: usize,
    macro_f1: f64,
    substance_accuracy: f64,
    evasive_f1: f64,
    checks_passed: f64,
    /// Share of records whose every check passes.
    documents_right: f64,
}

/// How much of each miss `evaluate` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    /// Only the figures.
    Figures,
    /// Each miss by question id and labels.
    Misses,
    /// Each miss with its text (never for the held-out split).
    Text,
}

fn evaluate(split: &str, show: Show, readers: Readers) -> Option<Report> {
    assert!(split != "heldout" || show != Show::Text);
    let corpus = corpus()?;
    let themes: BTreeMap<String, ThemeMatcher> = hypecheck::theme::builtin()
        .into_iter()
        .map(|t| (t.id.clone(), t.matcher()))
        .collect();
    let labels: Vec<Label> = labels().into_iter().filter(|l| l.split == split).collect();
    let trades = own_trades(&corpus, &themes);
    let mut per_class = [Counts::default(); 8];
    let (mut evasive, mut immaterial) = (Counts::default(), Counts::default());
    let (mut themed, mut substance_ok) = (0usize, 0usize);
    let (mut checks, mut passed, mut right) = (0usize, 0usize, 0usize);
    // Records about a theme whose question does not name it (a word the theme file lacks),
    // and those the topic step sets aside as about something else.
    // Family → (records, checks passed, records fully right).
    let mut by_family: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut unnamed = 0usize;
    let mut set_aside: BTreeMap<(bool, &str), usize> = BTreeMap::new();
    for l in &labels {
        let r = corpus
            .get(&l.question_id)
            .unwrap_or_else(|| panic!("{}: not in qa.jsonl", l.question_id));
        assert_eq!(r.code, l.code, "{}", l.question_id);
        let want: BTreeSet<Class> = l
            .classes
            .iter()
            .map(|c| Class::parse(c).unwrap_or_else(|| panic!("{}: class {c}", l.question_id)))
            .collect();
        let got = predict(&themes, &trades, l, r, readers);
        let q = hypecheck::text::normalize(&r.question).text;
        let about_theme = l.theme.is_some();
        let named: Vec<(&String, &ThemeMatcher)> = match &l.theme {
            Some(id) => vec![(id, &themes[id])],
            None => themes.iter().filter(|(_, m)| m.mentions(&q)).collect(),
        };
        if about_theme && !named[0].1.mentions(&q) {
            unnamed += 1;
        }
        for (id, m) in named.iter().filter(|(_, m)| m.mentions(&q)) {
            let topic = match question_topic(m, &q) {
                Topic::Theme if own_trade(&trades, r, id) => Topic::CoreBusiness,
                t => t,
            };
            if topic != Topic::Theme {
                *set_aside.entry((about_theme, topic.name())).or_default() += 1;
            }
        }
        for (i, c) in Class::ALL.iter().enumerate() {
            per_class[i].add(want.contains(c), got.classes.contains(c));
        }
        evasive.add(l.evasive, got.evasive);
        immaterial.add(l.immaterial, got.immaterial);
        let mut ok = [got.classes == want, got.evasive == l.evasive, true];
        if l.theme.is_some() {
            themed += 1;
            ok[2] = got.substance == l.substance;
            substance_ok += usize::from(ok[2]);
        }
        checks += 3;
        passed += ok.iter().filter(|b| **b).count();
        right += usize::from(ok.iter().all(|b| *b));
        let fam = family(l, r, &themes);
        let row = by_family.entry(fam).or_default();
        row.0 += 1;
        row.1 += ok.iter().filter(|b| **b).count();
        row.2 += usize::from(ok.iter().all(|b| *b));
        if show != Show::Figures && ok.iter().any(|b| !b) {
            let theme = l.theme.as_deref().unwrap_or("-");
            let cls =
                |s: &BTreeSet<Class>| s.iter().map(|c| c.name()).collect::<Vec<_>>().join(",");
            print!(
                "{split} {} {theme} [{fam}]: want [{}] {} ev={} got [{}] {} ev={}",
                l.question_id,
                cls(&want),
                l.substance,
                l.evasive,
                cls(&got.classes),
                got.substance,
                got.evasive
            );
            if show == Show::Text {
                print!("\n    Q: {}\n    A: {}", r.question, r.answer);
                let q = hypecheck::text::normalize(&r.question).text;
                let shown: Vec<(&String, &ThemeMatcher)> = match &l.theme {
                    Some(id) => vec![(id, &themes[id])],
                    None => themes.iter().filter(|(_, m)| m.mentions(&q)).collect(),
                };
                for (id, m) in shown {
                    let doc = DocInput {
                        kind: Kind::Qa,
                        text: "",
                        question: Some(&r.question),
                        answer: Some(&r.answer),
                    };
                    let res = classify_document_in(
                        Lexicon::builtin(),
                        m,
                        &doc,
                        readers,
                        own_trade(&trades, r, id),
                    );
                    print!("\n    {id}: stance {:?} topic {:?}", res.stance, res.topic);
                    for s in &res.sentences {
                        let cls: Vec<_> = s.classes.iter().map(|c| c.name()).collect();
                        print!("\n    - {} {cls:?} {:?}: {}", s.part.name(), s.cues, s.text);
                    }
                }
            }
            println!();
        }
    }
    println!(
        "{split}: {unnamed} records about a theme name it only through a word the theme \
         file lacks; questions read as about something else (about a theme by the label, \
         reason): {set_aside:?}"
    );
    println!(
        "{split}: {} records ({} companies), {themed} about a theme",
        labels.len(),
        labels
            .iter()
            .map(|l| &l.code)
            .collect::<BTreeSet<_>>()
            .len()
    );
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>7}",
        "class", "precision", "recall", "F1", "support"
    );
    let mut sum = 0.0;
    let mut n = 0;
    for (i, c) in Class::ALL.iter().enumerate() {
        let (p, r, f) = per_class[i].prf();
        let s = per_class[i].support();
        println!("{:<12} {p:>9.3} {r:>9.3} {f:>9.3} {s:>7}", c.name());
        if s > 0 {
            sum += f;
            n += 1;
        }
    }
    let macro_f1 = sum / n.max(1) as f64;
    let (_, _, ev) = evasive.prf();
    let (ip, ir, imf) = immaterial.prf();
    let report = Report {
        records: labels.len(),
        macro_f1,
        substance_accuracy: substance_ok as f64 / themed.max(1) as f64,
        evasive_f1: ev,
        checks_passed: passed as f64 / checks.max(1) as f64,
        documents_right: right as f64 / labels.len().max(1) as f64,
    };
    println!(
        "{split}: macro-F1 {macro_f1:.3} (classes with support), substance accuracy {:.3}, \
         evasive F1 {ev:.3} (support {}), immaterial P {ip:.3} R {ir:.3} F1 {imf:.3} (support {}), \
         checks passed {:.3}, documents fully right {:.3} ({right})",
        report.substance_accuracy,
        evasive.support(),
        immaterial.support(),
        report.checks_passed,
        report.documents_right
    );
    println!("{split}: by family (records, checks passed, documents fully right)");
    for (f, (n, ok, right)) in &by_family {
        println!(
            "{split}: family {f:<34} {n:>4} {:>6.3} {:>6.3}",
            *ok as f64 / (3 * n) as f64,
            *right as f64 / *n as f64
        );
    }
    Some(report)
}

/// The Q&A family of issue 24 a record belongs to, by its label and the shape of its text
/// (never by reading it): how the answer is labelled, whether there is one, how long it is,
/// and whether the question names a built-in theme.
fn family(l: &Label, r: &Record, themes: &BTreeMap<String, ThemeMatcher>) -> &'static str {
    let answer_chars = r.answer.chars().filter(|c| c.is_alphanumeric()).count();
    let has = |c: &str| l.classes.iter().any(|x| x == c);
    match &l.theme {
        None => {
            let q = hypecheck::text::normalize(&r.question).text;
            if themes.values().any(|m| m.mentions(&q)) {
                "7 no theme, question names one"
            } else {
                "- no theme, none named"
            }
        }
        Some(_) if r.answer.trim().is_empty() => "- unanswered, about a theme",
        Some(_) if has("denial") => "1+5 denial",
        Some(_) if l.evasive => "4 non-answer (evasive)",
        Some(_) if answer_chars <= 40 => "2 short answer",
        Some(_) if l.classes == ["claim"] => "3 claim alone",
        Some(_) => "6 other (business, equity, risk)",
    }
}

#[test]
fn real_labels_are_well_formed_and_split_by_company() {
    let labels = labels();
    let answered_or_not = corpus();
    let mut by_code: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for l in &labels {
        assert!(
            ids.insert(&l.question_id),
            "{} labelled twice",
            l.question_id
        );
        by_code.entry(&l.code).or_default().insert(&l.split);
        assert!(matches!(l.split.as_str(), "train" | "heldout"));
        assert!(
            ["disclaimed", "none", "adopter", "claimed"].contains(&l.substance.as_str()),
            "{}: substance {}",
            l.question_id,
            l.substance
        );
        if let Some(t) = &l.theme {
            assert!(
                hypecheck::theme::find_builtin(t).is_some(),
                "{}: theme {t} is not built in",
                l.question_id
            );
        } else {
            assert!(l.classes.is_empty() && !l.evasive, "{}", l.question_id);
        }
    }
    for (code, splits) in &by_code {
        assert_eq!(splits.len(), 1, "{code} is in both splits");
    }
    let held = by_code.values().filter(|s| s.contains("heldout")).count();
    assert!(
        held * 3 >= by_code.len(),
        "held-out companies: {held} of {}",
        by_code.len()
    );
    assert!(labels.len() >= 450, "{} labels", labels.len());
    if let Some(corpus) = answered_or_not {
        let unanswered = labels
            .iter()
            .filter(|l| corpus[&l.question_id].answer.is_empty())
            .count();
        assert!(labels.len() - unanswered >= 400 && unanswered >= 50);
    }
}

#[test]
fn real_train_split() {
    let show = if std::env::var("HYPECHECK_EVAL_TEXT").is_ok_and(|v| v == "1") {
        Show::Text
    } else {
        Show::Misses
    };
    // `HYPECHECK_EVAL_RULES=1` lists the misses of the rules alone (what a change of the
    // rules is tuned on; the floors are then not checked).
    if std::env::var("HYPECHECK_EVAL_RULES").is_ok_and(|v| v == "1") {
        evaluate("train", show, Readers::RULES);
        return;
    }
    if let Some(r) = evaluate("train", show, Readers::SHIPPED) {
        assert!(r.records > 0);
        report_floor("train", &r, TRAIN_FLOOR);
    }
}

#[test]
fn real_heldout_split() {
    // Never prints the held-out text, and by default not even which records it misses
    // (their ids and labels): it is not to be tuned on. `HYPECHECK_EVAL_HELDOUT_MISSES=1`
    // lists them, for counting families of misses after the fact.
    let show = if std::env::var("HYPECHECK_EVAL_HELDOUT_MISSES").is_ok_and(|v| v == "1") {
        Show::Misses
    } else {
        Show::Figures
    };
    if let Some(r) = evaluate("heldout", show, Readers::SHIPPED) {
        assert!(r.records > 0);
        report_floor("heldout", &r, HELDOUT_FLOOR);
    }
}

/// The combinations compared: the rules alone, the topic gate, the stance reader alone and
/// overriding the rules when confident, and both.
const READERS: [(&str, Readers); 6] = [
    ("rules", Readers::RULES),
    (
        "gate",
        Readers {
            gate: true,
            stance: StanceSource::Rules,
        },
    ),
    (
        "model",
        Readers {
            gate: false,
            stance: StanceSource::Model,
        },
    ),
    (
        "both",
        Readers {
            gate: false,
            stance: StanceSource::Both,
        },
    ),
    (
        "gate+both",
        Readers {
            gate: true,
            stance: StanceSource::Both,
        },
    ),
    (
        "gate+model",
        Readers {
            gate: true,
            stance: StanceSource::Model,
        },
    ),
];

/// The rules alone against the shipped combination of rules and learned readers, on both
/// splits (tests/eval/README.md quotes the table). The shipped combination must not get
/// fewer documents fully right than the rules on the held-out companies.
#[test]
fn real_rules_against_learned_readers() {
    let mut rows = Vec::new();
    for split in ["train", "heldout"] {
        for (name, readers) in READERS {
            let Some(r) = evaluate(split, Show::Figures, readers) else {
                return;
            };
            rows.push((split, name, r));
        }
    }
    println!("split    readers     checks  docs right  macro-F1  evasive F1  substance");
    for (split, name, r) in &rows {
        println!(
            "{split:<8} {name:<11} {:>6.4} {:>11.4} {:>9.3} {:>11.3} {:>10.4}",
            r.checks_passed, r.documents_right, r.macro_f1, r.evasive_f1, r.substance_accuracy
        );
    }
    let shipped = READERS
        .iter()
        .find(|(_, r)| *r == Readers::SHIPPED)
        .expect("the shipped combination is compared")
        .0;
    let held = |name: &str| {
        &rows
            .iter()
            .find(|(s, n, _)| *s == "heldout" && *n == name)
            .unwrap()
            .2
    };
    // Documents fully right are what a reader quotes; the checks may differ by the noise
    // of one training example (tests/eval/README.md, session 7c).
    assert!(held(shipped).documents_right >= held("rules").documents_right);
}

/// Floors: (macro-F1, substance accuracy, evasive F1, checks passed, documents fully
/// right), set a little under the figures of the shipped readers (the rules unless the
/// stance reader is confident, session 7c: 2026-12-07; tests/eval/README.md) on the whole labelled corpus, so that a change that loses ground on
/// real text fails. The training split is in-sample for the reader. (Held-out macro-F1 is
/// fragile: the `mention` class has one held-out record, so one false `mention` moves it by
/// 0.04.)
const TRAIN_FLOOR: (f64, f64, f64, f64, f64) = (0.72, 0.955, 0.86, 0.965, 0.94);
const HELDOUT_FLOOR: (f64, f64, f64, f64, f64) = (0.645, 0.85, 0.785, 0.918, 0.848);

fn report_floor(split: &str, r: &Report, floor: (f64, f64, f64, f64, f64)) {
    let got = (
        r.macro_f1,
        r.substance_accuracy,
        r.evasive_f1,
        r.checks_passed,
        r.documents_right,
    );
    assert!(
        got.0 >= floor.0
            && got.1 >= floor.1
            && got.2 >= floor.2
            && got.3 >= floor.3
            && got.4 >= floor.4,
        "{split}: (macro-F1, substance, evasive F1, checks, documents fully right) {got:?} \
         below the floor {floor:?}"
    );
}

/// One real record and what the classifier must make of it: (question id, theme,
/// substance, classes it must have, classes it must not have, evasive, immaterial, share).
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static [Class],
    &'static [Class],
    bool,
    bool,
    Option<f64>,
);

/// The failure patterns seen on real answers, each on real records of the training split
/// (the held-out split is never used for tests one tunes against).
#[rustfmt::skip]
const PATTERNS: &[Case] = &[
    // A referral to the annual report, given to a question on CPO optical modules.
    ("2237652373474848768", "compute", "none", &[Class::Evasion], &[Class::Claim, Class::Denial, Class::Mention], true, false, None),
    // "Supplier information is a trade secret, we cannot reply": evasion, not business.
    ("2282919781474828288", "compute", "none", &[Class::Evasion], &[Class::Business, Class::Claim], true, false, None),
    // A generic statement of capability given to a question about a specific product.
    ("2246370030675808256", "advanced-packaging", "none", &[Class::Evasion], &[Class::Claim], true, false, None),
    // "暂无相关业务": the answer never names the theme; it refers back to the question.
    ("2293753226698338304", "compute", "disclaimed", &[Class::Denial], &[Class::Mention, Class::Claim], false, false, None),
    // "公司暂无相关业务，该消息不属实".
    ("2297609368585809920", "compute", "disclaimed", &[Class::Denial], &[Class::Claim, Class::Business], false, false, None),
    // A negated cooperation with the theme's company is a denial, not a claim.
    ("2298071953888985088", "compute", "disclaimed", &[Class::Denial], &[Class::Claim, Class::Business], false, false, None),
    // "公司主营业务不涉及商业航天".
    ("2213433078170939392", "commercial-space", "disclaimed", &[Class::Denial], &[Class::Claim], false, false, None),
    // A stated revenue share of about 0.1% and "占比极小".
    ("2233128922508636160", "compute", "claimed", &[Class::Uncertainty], &[], false, true, Some(0.1)),
    // "销售额占营业收入较低" beside a claimed supply relationship.
    ("2312212626541232128", "memory-chip", "claimed", &[Class::Uncertainty, Class::Business], &[], false, true, None),
];

#[test]
fn real_failure_patterns_are_handled() {
    let Some(corpus) = corpus() else { return };
    let split: HashMap<String, String> = labels()
        .into_iter()
        .map(|l| (l.question_id, l.split))
        .collect();
    let mut wrong = Vec::new();
    for &(id, theme, substance, has, lacks, evasive, immaterial, share) in PATTERNS {
        assert_eq!(split[id], "train", "{id}");
        let r = &corpus[id];
        let theme = hypecheck::theme::find_builtin(theme).unwrap();
        let m = theme.matcher();
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some(&r.question),
            answer: Some(&r.answer),
        };
        let res = classify_document(Lexicon::builtin(), &m, &doc);
        let classes: BTreeSet<Class> = res
            .sentences
            .iter()
            .filter(|s| s.part == Part::Answer)
            .flat_map(|s| s.classes.iter().copied())
            .collect();
        let ok = res.substance.name() == substance
            && has.iter().all(|k| classes.contains(k))
            && lacks.iter().all(|k| !classes.contains(k))
            && res.flags.contains(&Flag::Evasive) == evasive
            && res.flags.contains(&Flag::Immaterial) == immaterial
            && res.share == share;
        if !ok {
            wrong.push(format!(
                "{id}: got {} {:?} {:?} share {:?}",
                res.substance.name(),
                classes,
                res.flags,
                res.share
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Plain text with 问/答 markers is read as a dialogue: the investor's words are never the
/// company's claim, and a negated adoption is a denial.
#[test]
fn plain_question_and_answer_text_is_split() {
    let theme = hypecheck::theme::find_builtin("deepseek").unwrap();
    let m = theme.matcher();
    for text in [
        "问：贵公司是否已与DeepSeek开展合作并接入其模型？\n答：公司暂未接入DeepSeek，敬请投资者注意投资风险。",
        "Q: 公司是否与深度求索合作？ A: 公司没有上述业务。",
    ] {
        let res = classify_document(Lexicon::builtin(), &m, &DocInput::text(Kind::Post, text));
        let q: Vec<_> = res.sentences.iter().filter(|s| s.part == Part::Question).collect();
        assert!(!q.is_empty() && q.iter().all(|s| s.classes == [Class::Mention]), "{res:?}");
        assert_eq!(res.substance.name(), "disclaimed", "{res:?}");
        assert!(!res.flags.contains(&Flag::Promoted), "{res:?}");
    }
}

/// What a Q&A family case must come to: the answer's stance, or the topic the question is
/// set aside as (the record then says nothing about the theme).
#[derive(Clone, Copy, Debug)]
enum Reading {
    Stance(Stance),
    SetAside(Topic),
}

/// One real training record per case of the Q&A families of issue 24: (family, question
/// id, theme, reading, classes it must have, classes it must not have, evasive).
type FamilyCase = (
    u8,
    &'static str,
    &'static str,
    Reading,
    &'static [Class],
    &'static [Class],
    bool,
);

#[rustfmt::skip]
const FAMILIES: &[FamilyCase] = &[
    // 1. A denial that points at the question ("暂无相关业务", "与上述公司无业务合作"), also
    //    when a referral follows ("…请参见公司2025年年度报告") or precedes it.
    (1, "2293753226698338304", "compute", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Evasion, Class::Claim], false),
    (1, "2233135270470299648", "compute", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Evasion], false),
    (1, "2256173139529773056", "commercial-space", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Claim], false),
    (1, "2250027994839228416", "commercial-space", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Claim, Class::Business], false),
    // 2. A short yes that never names a tie: "公司具有玻璃基板封装相关技术储备。",
    //    "公司绿色甲醇项目处于有序建设阶段。" are claims.
    (2, "2248735458254364672", "advanced-packaging", Reading::Stance(Stance::Affirm), &[Class::Claim], &[Class::Evasion, Class::Mention], false),
    (2, "2214396903191900160", "hydrogen", Reading::Stance(Stance::Affirm), &[Class::Claim], &[Class::Evasion, Class::Mention], false),
    (2, "2263206930697891840", "commercial-space", Reading::Stance(Stance::Affirm), &[Class::Claim], &[Class::Mention], false),
    // 3. A commitment without facts on the asked topic ("持续布局…正积极推进X技术的研发及生产
    //    工作") is a weak claim, not evasion.
    (3, "2282635636619198464", "advanced-packaging", Reading::Stance(Stance::Affirm), &[Class::Claim], &[Class::Evasion, Class::Business], false),
    (3, "2255302214678716416", "ai-app", Reading::Stance(Stance::Affirm), &[Class::Claim], &[Class::Evasion], false),
    // 4. Boilerplate with cue nouns is evasion: "客户订单信息属于商业秘密" (客户, 订单),
    //    "在手订单饱满…不便讨论具体客户名称及业务情况".
    (4, "2307426194705903616", "compute", Reading::Stance(Stance::Evade), &[Class::Evasion], &[Class::Business, Class::Claim], true),
    (4, "2282438008192458752", "compute", Reading::Stance(Stance::Evade), &[Class::Evasion], &[Class::Business, Class::Denial], true),
    // 5. A no beside a generic promise ("公司关注…市场拓展，公司未与华为合作算电协同项目")
    //    is a denial; the promise is no claim.
    (5, "2237322905962311680", "compute", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Claim], false),
    // 6. Negation scope: "未经许可公司不便讨论…" negates no tie (a refusal, not a denial).
    (6, "2281368879163334656", "compute", Reading::Stance(Stance::Evade), &[Class::Evasion], &[Class::Denial], true),
    (6, "2247303569195536384", "compute", Reading::Stance(Stance::Evade), &[Class::Evasion], &[Class::Denial], true),
    // 7. Theme matching: a question about the company's own trade (an MLCC powder maker
    //    asked about MLCC, once two of its answers have called it "全球领先的MLCC介质粉体
    //    生产企业"), about price moves of its products, or a suggestion that asks
    //    nothing names the theme without being about it.
    (7, "2263209026669223936", "mlcc", Reading::SetAside(Topic::CoreBusiness), &[], &[Class::Business, Class::Claim], false),
    //    Unanswered, the same company's question about MLCC demand is no evasion of a theme.
    (7, "2263325428845588480", "mlcc", Reading::SetAside(Topic::CoreBusiness), &[], &[Class::Evasion], false),
    (7, "2304199076898856960", "advanced-packaging", Reading::SetAside(Topic::CompanyAffairs), &[], &[Class::Evasion], false),
    (7, "2292123777846390784", "pcb", Reading::SetAside(Topic::Suggestion), &[], &[Class::Evasion], false),
    //    The theme only as the scene ("在当前全球存储芯片大涨的背景下…公司是否有相应的应对
    //    措施"): set aside. An affairs word beside a clause that asks for a tie ("定增募资的
    //    '存储芯片封测项目'是否涵盖了HBF相关的先进封装产能") does not set it aside.
    (7, "2192661500306505728", "memory-chip", Reading::SetAside(Topic::CompanyAffairs), &[], &[Class::Evasion], false),
    (7, "2246370915439071232", "advanced-packaging", Reading::Stance(Stance::Evade), &[Class::Evasion], &[Class::Business, Class::Claim], true),
    // 6. Capability talk beside a sale in one sentence ("公司自主研发的G5级电子级氢氟酸，现已持续
    //    稳定批量供应…长鑫存储…") is business alone.
    (6, "2309398280370245632", "memory-chip", Reading::Stance(Stance::Affirm), &[Class::Business], &[Class::Claim], false),
    // 7. A question that asks nothing is read whole: a complaint that names the theme beside
    //    the share price ("股价涨幅严重落后于其他AI硬件股…") is about the company's affairs;
    //    one that relays a rumour ("有消息称公司将新增30亿光模块收入，是真的么") is about the
    //    theme, whatever affairs words it holds. "对此，公司有什么应对策略吗？" asks about the
    //    sentence before it (raw materials' price rises): company affairs.
    (7, "2272102822031245312", "ai-app", Reading::SetAside(Topic::CompanyAffairs), &[], &[Class::Evasion], false),
    (7, "2297609368585809920", "compute", Reading::Stance(Stance::Deny), &[Class::Denial], &[Class::Claim], false),
    (7, "2297291087349985280", "pcb", Reading::SetAside(Topic::CompanyAffairs), &[], &[Class::Evasion], false),
    // 6. What the future depends on ("未来市场空间将主要取决于…客户平台导入节奏…量产放量节
    //    奏") is uncertainty, its customer no sale; research with customers ("448G产品也已与
    //    多家主流客户展开预研工作") is claim and uncertainty (rule 7).
    (6, "2233128192364195840", "compute", Reading::Stance(Stance::Affirm), &[Class::Uncertainty, Class::Claim], &[Class::Business], false),
    (6, "2198268468263583744", "compute", Reading::Stance(Stance::Partial), &[Class::Uncertainty, Class::Claim, Class::Business, Class::Evasion], &[], false),
    // 4. An evasive answer that quotes a clarification's stated small share beside its
    //    referral ("已在指定信息披露媒体刊登相关澄清公告，明确相关业务对公司整体经营不构成重大
    //    影响") evades, and keeps the share: uncertainty, evasive.
    (4, "2201448205335511040", "commercial-space", Reading::Stance(Stance::Evade), &[Class::Uncertainty, Class::Evasion], &[Class::Claim], true),
    (4, "2200281631909675008", "commercial-space", Reading::Stance(Stance::Evade), &[Class::Uncertainty, Class::Evasion], &[Class::Claim], true),
    // 3. Work under way on the asked topic ("公司正积极推进CoWop技术的研发及生产工作") is a
    //    claim with its uncertainty (rule 7), also beside a referral that dodges the rest.
    (3, "2284205679094120448", "advanced-packaging", Reading::Stance(Stance::Partial), &[Class::Uncertainty, Class::Claim, Class::Evasion], &[Class::Business], false),
];

#[test]
fn real_qa_families_are_read_by_their_stance() {
    let Some(corpus) = corpus() else { return };
    let split: HashMap<String, String> = labels()
        .into_iter()
        .map(|l| (l.question_id, l.split))
        .collect();
    let themes: BTreeMap<String, ThemeMatcher> = hypecheck::theme::builtin()
        .into_iter()
        .map(|t| (t.id.clone(), t.matcher()))
        .collect();
    let trades = own_trades(&corpus, &themes);
    let mut wrong = Vec::new();
    for &(family, id, theme, reading, has, lacks, evasive) in FAMILIES {
        assert_eq!(split[id], "train", "{id}");
        let r = &corpus[id];
        let m = &themes[theme];
        let doc = DocInput {
            kind: Kind::Qa,
            text: "",
            question: Some(&r.question),
            answer: Some(&r.answer),
        };
        let own = own_trade(&trades, r, theme);
        let res = classify_document_in(Lexicon::builtin(), m, &doc, Readers::SHIPPED, own);
        let classes: BTreeSet<Class> = res
            .sentences
            .iter()
            .filter(|s| s.part == Part::Answer || r.answer.trim().is_empty())
            .flat_map(|s| s.classes.iter().copied())
            .collect();
        let read = match reading {
            Reading::Stance(s) => res.stance == Some(s) && res.topic.is_none(),
            Reading::SetAside(t) => res.topic == Some(t) && res.sentences.is_empty(),
        };
        let ok = read
            && has.iter().all(|k| classes.contains(k))
            && lacks.iter().all(|k| !classes.contains(k))
            && res.flags.contains(&Flag::Evasive) == evasive;
        if !ok {
            wrong.push(format!(
                "family {family} {id}: stance {:?} topic {:?} {classes:?} {:?}",
                res.stance, res.topic, res.flags
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Family 7 also in the theme file: "AI" inside another theme's concept (AI服务器, AI先进
/// 封装) is no AI application, on a real training question.
#[test]
fn real_generic_token_inside_another_concept_is_no_mention() {
    let Some(corpus) = corpus() else { return };
    let ai = hypecheck::theme::find_builtin("ai-app").unwrap().matcher();
    let compute = hypecheck::theme::find_builtin("compute").unwrap().matcher();
    // "请问贵公司重点聚焦AI服务器及车规用MLCC介质粉体是不是供不应求？"
    let q = hypecheck::text::normalize(&corpus["2265616175458697216"].question).text;
    assert!(!ai.mentions(&q) && compute.mentions(&q), "{q}");
}
