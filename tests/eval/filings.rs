//! Evaluation on filing passages (`filings.jsonl`): abnormal-fluctuation, risk-warning and
//! clarification announcements, a regulator's notice, company posts and news, written for
//! this project in the structure of real ones (none copied). Each row gives the theme, the
//! document kind, the text and what a reader expects of the whole document: its classes
//! (union over its theme sentences, `mention` only alone, none when nothing is about the
//! theme), its substance and its flags. `family` names the failure families of issue 24 the
//! row tests (8: the topic carried through the filing, 9: plans, 10: small and loss-making
//! lines and denials beside a neighbouring line, 11: traditional script; `shape`: the
//! genre's typical statements).
//!
//! Three checks per document (classes, substance, flags); `cargo test --test eval filings --
//! --nocapture` prints the misses of the tuning sets and the scores per family;
//! `HYPECHECK_EVAL_FILING_TEXT=1` adds each theme sentence of a miss with its classes and
//! cues.

use std::collections::{BTreeMap, BTreeSet};

use hypecheck::text::{classify_document, Class, DocInput, DocResult, Kind, Lexicon, Part};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Row {
    id: String,
    family: String,
    theme: String,
    kind: String,
    text: String,
    classes: Vec<String>,
    substance: String,
    flags: Vec<String>,
}

const TUNING: (&str, &str) = ("filings.jsonl", include_str!("filings.jsonl"));
const HELDOUT: (&str, &str) = (
    "filings_heldout.jsonl",
    include_str!("filings_heldout.jsonl"),
);
/// The second set written in session 7 from the structures of real announcements, held out
/// until session 8 (last blind figures, main at 6e709e7: 0.681 of checks, 12 of 23
/// documents). Since session 8 it is tuning: its misses are printed and read, and its floor
/// is a tuning floor.
const HELDOUT2: (&str, &str) = (
    "filings_heldout2.jsonl",
    include_str!("filings_heldout2.jsonl"),
);
/// The third set (session 8): passages written from the structures of real announcements of
/// Shenzhen and Beijing companies by a writer who never read the filing rules nor ran the
/// engine on them, labelled before the engine first read it. Held out until session 9 (last
/// blind figures, main at 8fb4604: 0.667 of checks, 13 of 30 documents); since session 9 it is
/// tuning: its misses are printed and read.
const HELDOUT3: (&str, &str) = (
    "filings_heldout3.jsonl",
    include_str!("filings_heldout3.jsonl"),
);
/// The fourth held-out set (session 9), the guard since the third was retired to tuning:
/// 40 passages written in our own words from real announcements, exchange notices, company
/// posts and news reposts of 2023–2026 concept surges (Shanghai and Shenzhen, 18 themes), by a
/// writer who never read the filing rules, the lexicons or the first held-out set and never
/// ran the engine on them; labelled from the written conventions and committed before the
/// engine first read it. Held out until session 9's first round of rules (last blind figures,
/// with those rules: 0.692 of checks, 20 of 40 documents on the labels corrected after a blind
/// second labelling); retired to tuning in session 9 after that round: its misses are printed
/// and read, and a fifth blind set is the guard.
const HELDOUT4: (&str, &str) = (
    "filings_heldout4.jsonl",
    include_str!("filings_heldout4.jsonl"),
);
/// The fifth held-out set (session 9), the guard since the fourth was retired to tuning: 50
/// passages written in our own words from real announcements, exchange notices, company posts
/// and news reposts of 2023–2026 concept surges (Shanghai, Shenzhen, Beijing and one Hong Kong
/// group; 18 themes), by a writer who never read the filing rules, the lexicons or the first
/// held-out set and never ran the engine on them; labelled from the written conventions and
/// committed before the engine first read it. Held out until the end of session 9 (last blind
/// figures, main at `c0a39c6`, on the labels corrected after a blind second labelling: 0.647 of
/// checks, 21 of 50 documents); retired to tuning at the start of session 10: its misses are
/// printed and read, and a sixth blind set is the guard.
const HELDOUT5: (&str, &str) = (
    "filings_heldout5.jsonl",
    include_str!("filings_heldout5.jsonl"),
);
/// The sixth held-out set (session 10), the guard while the fifth is retired to tuning (48 of
/// its 50 passages left after two that retell a tuning row's real document were removed):
/// passages written in our own words from real announcements, exchange and regulator letters,
/// company posts and investor-relations records and news reposts of 2023–2026 concept surges
/// (Shanghai, Shenzhen and Beijing companies; 20 themes; none of the fifth set's documents or
/// companies), by a writer who never read the filing rules, the lexicons or the first held-out
/// set and never ran the engine on them; labelled from the written conventions and the precedent
/// rows and committed before the engine first read it. Never tuned on: only its figures are
/// printed.
const HELDOUT6: (&str, &str) = (
    "filings_heldout6.jsonl",
    include_str!("filings_heldout6.jsonl"),
);
/// The seventh held-out set (session 10), written to be measured once at the end of session 10
/// as the clean estimate while the sixth set is checked repeatedly: 50 passages (47 after three
/// that retell a tuning row's real document were removed) written in our
/// own words from real announcements, exchange and regulator letters and decisions, company posts
/// and investor-relations records and news reposts of 2023–2026 concept surges (none of the fifth
/// or sixth set's documents or companies), by a writer who never read the filing rules, the
/// lexicons or the first held-out set and never ran the engine on them; labelled from the written
/// conventions and the precedent rows and committed before the engine first read it. Never tuned
/// on: only its figures are printed.
const HELDOUT7: (&str, &str) = (
    "filings_heldout7.jsonl",
    include_str!("filings_heldout7.jsonl"),
);
/// The eighth held-out set (session 11), written after the seventh: 36 passages (of 40; four that
/// retell a seventh-set row removed) in our own words
/// from real announcements, exchange and regulator letters, company posts and investor answers
/// and news reposts of 2023–2026 concept surges (no company or document a precedent row tells),
/// by a writer who never read the filing rules, the lexicons or the first and seventh held-out
/// sets and never ran the engine on them; labelled from the written conventions and the
/// precedent rows and committed before the engine first read it. Never tuned on: only its
/// figures are printed.
const HELDOUT8: (&str, &str) = (
    "filings_heldout8.jsonl",
    include_str!("filings_heldout8.jsonl"),
);

fn rows((name, text): (&str, &str)) -> Vec<Row> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1)))
        .collect()
}

/// The engine's reading of one row.
fn read(row: &Row) -> DocResult {
    let theme = hypecheck::theme::find_builtin(&row.theme)
        .unwrap_or_else(|| panic!("{}: theme {}", row.id, row.theme));
    let kind = Kind::parse(&row.kind).unwrap_or_else(|| panic!("{}: kind", row.id));
    classify_document(
        Lexicon::builtin(),
        &theme.matcher(),
        &DocInput::text(kind, &row.text),
    )
}

/// Classes, substance and flags of a row's reading.
fn predict(r: &DocResult) -> (BTreeSet<Class>, String, BTreeSet<String>) {
    let mut classes: BTreeSet<Class> = r
        .sentences
        .iter()
        .filter(|s| s.part != Part::Question)
        .flat_map(|s| s.classes.iter().copied())
        .collect();
    if classes.len() > 1 {
        classes.remove(&Class::Mention);
    }
    let flags = r.flags.iter().map(|f| f.name().to_string()).collect();
    (classes, r.substance.name().to_string(), flags)
}

/// Checks passed and documents fully right, overall and per family.
struct Score {
    checks: usize,
    passed: usize,
    docs: usize,
    right: usize,
}

impl Score {
    fn add(&mut self, ok: [bool; 3]) {
        self.checks += 3;
        self.passed += ok.iter().filter(|&&b| b).count();
        self.docs += 1;
        self.right += usize::from(ok.iter().all(|&b| b));
    }
    fn checks_rate(&self) -> f64 {
        self.passed as f64 / self.checks.max(1) as f64
    }
    fn docs_rate(&self) -> f64 {
        self.right as f64 / self.docs.max(1) as f64
    }
}

/// Scores a set; the misses are printed only for a set that is tuned on (`show_misses`): the
/// held-out sets print their figures alone, so that tuning never sees which rows miss.
fn evaluate(set: (&str, &str), show_misses: bool) -> BTreeMap<String, Score> {
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let mut errors = Errors::default();
    println!("{}:", set.0);
    for row in rows(set) {
        let want: BTreeSet<Class> = row
            .classes
            .iter()
            .map(|c| Class::parse(c).unwrap_or_else(|| panic!("{}: class {c}", row.id)))
            .collect();
        let want_flags: BTreeSet<String> = row.flags.iter().cloned().collect();
        let reading = read(&row);
        let (classes, substance, flags) = predict(&reading);
        let ok = [
            classes == want,
            substance == row.substance,
            flags == want_flags,
        ];
        errors.add(
            (&want, &row.substance, &want_flags),
            (&classes, &substance, &flags),
        );
        if show_misses && !ok.iter().all(|&b| b) {
            println!(
                "{}: want {:?} {} {:?}, got {:?} {} {:?}",
                row.id, want, row.substance, want_flags, classes, substance, flags
            );
            // `HYPECHECK_EVAL_FILING_TEXT=1`: each theme sentence of a miss with its reading.
            if std::env::var("HYPECHECK_EVAL_FILING_TEXT").is_ok_and(|v| v == "1") {
                for s in &reading.sentences {
                    println!("    {:?} {:?} {}", s.classes, s.cues, s.text);
                }
            }
        }
        let mut keys = vec!["all".to_string()];
        keys.extend(row.family.split(',').map(|f| f.trim().to_string()));
        for k in keys {
            scores
                .entry(k)
                .or_insert(Score {
                    checks: 0,
                    passed: 0,
                    docs: 0,
                    right: 0,
                })
                .add(ok);
        }
    }
    println!(
        "{:<8} {:>5} {:>8} {:>12}",
        "family", "docs", "checks", "fully right"
    );
    for (k, s) in &scores {
        println!(
            "{k:<8} {:>5} {:>8.3} {:>5}/{:<3} {:.3}",
            s.docs,
            s.checks_rate(),
            s.right,
            s.docs,
            s.docs_rate()
        );
    }
    errors.print();
    scores
}

/// Where a set's checks fail, summed over its documents (never which rows): per class the
/// documents that lack it (missed) and that have it wrongly (extra), the substances read for
/// other ones, and per flag the documents that lack it or have it wrongly. A held-out set
/// prints these too: they say which way the reading errs, not where.
#[derive(Default)]
struct Errors {
    classes: BTreeMap<String, (usize, usize)>,
    substances: BTreeMap<(String, String), usize>,
    flags: BTreeMap<String, (usize, usize)>,
}

type Reading<'a> = (&'a BTreeSet<Class>, &'a String, &'a BTreeSet<String>);

impl Errors {
    fn add(&mut self, want: Reading, got: Reading) {
        for c in want.0.symmetric_difference(got.0) {
            let e = self.classes.entry(c.name().to_string()).or_default();
            if want.0.contains(c) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        if want.1 != got.1 {
            *self
                .substances
                .entry((want.1.clone(), got.1.clone()))
                .or_default() += 1;
        }
        for f in want.2.symmetric_difference(got.2) {
            let e = self.flags.entry(f.clone()).or_default();
            if want.2.contains(f) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }

    fn print(&self) {
        let pairs = |m: &BTreeMap<String, (usize, usize)>| {
            m.iter()
                .map(|(k, (missed, extra))| format!("{k} -{missed}/+{extra}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!("errors   classes (missed/extra): {}", pairs(&self.classes));
        println!(
            "errors   substance (wanted → read): {}",
            self.substances
                .iter()
                .map(|((w, g), n)| format!("{w}→{g} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        println!("errors   flags (missed/extra): {}", pairs(&self.flags));
    }
}

#[test]
fn filings_set_is_well_formed() {
    let tuning = rows(TUNING);
    let heldout = rows(HELDOUT);
    let heldout2 = rows(HELDOUT2);
    let heldout3 = rows(HELDOUT3);
    let heldout4 = rows(HELDOUT4);
    let heldout5 = rows(HELDOUT5);
    let heldout6 = rows(HELDOUT6);
    let heldout7 = rows(HELDOUT7);
    let heldout8 = rows(HELDOUT8);
    assert!(tuning.len() >= 40, "{} rows", tuning.len());
    assert!(heldout.len() >= 20, "{} held-out rows", heldout.len());
    assert!(
        heldout2.len() >= 20,
        "{} rows in the second held-out set",
        heldout2.len()
    );
    assert!(
        heldout3.len() >= 25,
        "{} rows in the third held-out set",
        heldout3.len()
    );
    assert!(
        heldout4.len() >= 35,
        "{} rows in the fourth held-out set",
        heldout4.len()
    );
    assert!(
        heldout5.len() >= 45,
        "{} rows in the fifth held-out set",
        heldout5.len()
    );
    assert!(
        heldout6.len() >= 45,
        "{} rows in the sixth held-out set",
        heldout6.len()
    );
    assert!(
        heldout7.len() >= 45,
        "{} rows in the seventh held-out set",
        heldout7.len()
    );
    assert!(
        heldout8.len() >= 35,
        "{} rows in the eighth held-out set",
        heldout8.len()
    );
    let mut ids = BTreeSet::new();
    for r in tuning
        .iter()
        .chain(&heldout)
        .chain(&heldout2)
        .chain(&heldout3)
        .chain(&heldout4)
        .chain(&heldout5)
        .chain(&heldout6)
        .chain(&heldout7)
        .chain(&heldout8)
    {
        assert!(ids.insert(r.id.clone()), "duplicate id {}", r.id);
        for f in r.family.split(',') {
            assert!(
                ["8", "9", "10", "11", "shape"].contains(&f.trim()),
                "{}: family {f}",
                r.id
            );
        }
    }
    for family in ["8", "9", "10", "11"] {
        let n = tuning
            .iter()
            .filter(|r| r.family.split(',').any(|f| f == family))
            .count();
        assert!(n >= 6, "family {family} has {n} rows");
    }
}

/// Floors (checks passed, documents fully right) set a little under the measured figures
/// (tests/eval/README.md, "Filings"): the tuning sets (`filings.jsonl`, since session 8
/// `filings_heldout2.jsonl`, since session 9 `filings_heldout3.jsonl`, whose floor rises as it
/// is tuned on), and the held-out sets written before their first measurement and never tuned
/// on.
const TUNING_FLOOR: (f64, f64) = (0.99, 0.98);
const HELDOUT_FLOOR: (f64, f64) = (0.83, 0.78);
const HELDOUT2_FLOOR: (f64, f64) = (0.98, 0.95);
/// Tuned on since session 9: 0.989 of checks, 29 of 30 documents after that session's rules.
const HELDOUT3_FLOOR: (f64, f64) = (0.98, 0.95);
/// The fourth set's floor (retired to tuning at `2bcbf80`): its last blind figure 0.692 of
/// checks (83 of 120), 20 of 40 documents; with session 9's second round of rules, learnt
/// from it, 0.800 (96 of 120) and 29 of 40 (0.725).
const HELDOUT4_FLOOR: (f64, f64) = (0.78, 0.7);
/// The fifth set's floor (retired to tuning in session 10; it rises as it is tuned on): its
/// last blind figure, main at `c0a39c6`, 0.647 of checks (97 of 150), 21 of 50 documents;
/// with session 10's round 3 of rules, learnt from it, 0.840 (126 of 150) and 37 of 50 (0.74).
const HELDOUT5_FLOOR: (f64, f64) = (0.85, 0.74);
/// The sixth held-out set's floor, a little under its first (blind) measurement at main
/// `bf88bd9` (the engine of session 9's end, `c0a39c6`): 0.660 of checks (99 of 150), 21 of 50
/// documents (0.42); on the labels corrected after a blind second labelling (ten rows that
/// contradicted a tuning precedent) 0.700 (105 of 150) and 23 of 50, before and after session
/// 10's third round of rules.
/// Two passages that retell a tuning row's real document (h6-28, h6-35) were removed later in
/// session 10; on the 48 left, 0.708 / 23 on the engine of session 9's end, 0.715 (103 of
/// 144) / 24 after round 3. Retired to tuning in session 11 (its misses printed): 0.778 / 28
/// after that session's rules.
const HELDOUT6_FLOOR: (f64, f64) = (0.77, 0.58);
/// The seventh held-out set's floor, a little under its first (blind) measurement, on the 47
/// passages left after the similarity check and the labels corrected after a blind second
/// labelling: 0.660 of checks (93 of 141), 21 of 47 documents, on the engine of session 9's end
/// and after session 10's third round alike; 0.674 (95 of 141), 21 of 47 after the fourth round;
/// 0.709 (100 of 141), 23 of 47 after session 11's rule on the risks of the line.
const HELDOUT7_FLOOR: (f64, f64) = (0.70, 0.48);
/// The eighth held-out set's floor: first measured blind in session 11, 0.648 (70 of 108) / 12 of
/// 36 on session 10's engine and after session 11's first rules alike; 0.667 (72 of 108) / 13 of
/// 36 after its rule on the risks of the line (the session's end).
const HELDOUT8_FLOOR: (f64, f64) = (0.66, 0.36);

fn check_floor(set: (&str, &str), (checks, docs): (f64, f64), show_misses: bool) {
    let scores = evaluate(set, show_misses);
    let all = &scores["all"];
    assert!(
        all.checks_rate() >= checks && all.docs_rate() >= docs,
        "{}: checks {:.3} (floor {checks}), documents fully right {:.3} (floor {docs})",
        set.0,
        all.checks_rate(),
        all.docs_rate()
    );
}

#[test]
fn filings_score_at_least_the_floor() {
    check_floor(TUNING, TUNING_FLOOR, true);
}

#[test]
fn filings_heldout_score_at_least_the_floor() {
    check_floor(HELDOUT, HELDOUT_FLOOR, false);
}

#[test]
fn filings_heldout2_score_at_least_the_floor() {
    check_floor(HELDOUT2, HELDOUT2_FLOOR, true);
}

#[test]
fn filings_heldout3_score_at_least_the_floor() {
    check_floor(HELDOUT3, HELDOUT3_FLOOR, true);
}

#[test]
fn filings_heldout4_score_at_least_the_floor() {
    check_floor(HELDOUT4, HELDOUT4_FLOOR, true);
}

#[test]
fn filings_heldout5_score_at_least_the_floor() {
    check_floor(HELDOUT5, HELDOUT5_FLOOR, true);
}

/// The sixth held-out set, blind through session 10, is tuned on since session 11: its misses
/// are printed.
#[test]
fn filings_heldout6_score_at_least_the_floor() {
    check_floor(HELDOUT6, HELDOUT6_FLOOR, true);
}

/// The seventh held-out set is blind and measured once at the end of session 10: its figures
/// only, never its misses.
#[test]
fn filings_heldout7_score_at_least_the_floor() {
    check_floor(HELDOUT7, HELDOUT7_FLOOR, false);
}

/// The eighth held-out set is blind: its figures only, never its misses.
#[test]
fn filings_heldout8_score_at_least_the_floor() {
    check_floor(HELDOUT8, HELDOUT8_FLOOR, false);
}

/// The real disclosures quoted by news reposts in the shared data folder
/// (`news-quoted-disclosures`, many in traditional characters): what a reader expects of each
/// excerpt, by stock code, date, the start of its `doc_type` and theme. 杭齿前进's excerpt is
/// left out: its elisions ("……上述项目") drop the sentence that names the theme.
/// (code, event_date, doc_type prefix, theme, kind, substance, flags)
type Expect = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const REAL: &[Expect] = &[
    (
        "600126",
        "2025-02-17",
        "异常波动",
        "deepseek",
        "announcement",
        "disclaimed",
        &["immaterial", "warned"],
    ),
    (
        "600126",
        "2025-03-13",
        "风险提示",
        "deepseek",
        "announcement",
        "adopter",
        &[],
    ),
    (
        "600126",
        "2025-03-13",
        "风险提示",
        "compute",
        "announcement",
        "confirmed",
        &["immaterial", "warned"],
    ),
    (
        "600126",
        "2025-03-13",
        "交易所",
        "compute",
        "regulator",
        "confirmed",
        &["immaterial", "warned"],
    ),
    (
        "688316",
        "2025-02-12",
        "澄清",
        "deepseek",
        "news",
        "none",
        &[],
    ),
    (
        "839493",
        "2025-02-10",
        "公告",
        "deepseek",
        "news",
        "none",
        &[],
    ),
    (
        "688358",
        "2025-02-17",
        "异常波动",
        "ai-app",
        "announcement",
        "disclaimed",
        &["immaterial", "warned"],
    ),
    (
        "002779",
        "2025-02-19",
        "异常波动",
        "humanoid-robot",
        "announcement",
        "claimed",
        &["immaterial", "warned"],
    ),
    (
        "002724",
        "2025-03-24",
        "异常波动",
        "deep-sea",
        "announcement",
        "disclaimed",
        &[],
    ),
    (
        "605011",
        "2023-05-23",
        "严重异常波动",
        "vpp",
        "announcement",
        "disclaimed",
        &[],
    ),
    (
        "300654",
        "2023-05-05",
        "公告+深交所",
        "ai-app",
        "regulator",
        "claimed",
        &[],
    ),
    (
        "688327",
        "2023-02-06",
        "股票交易",
        "ai-app",
        "announcement",
        "none",
        &[],
    ),
    (
        "300058",
        "2026-01-12",
        "严重异常波动",
        "ai-app",
        "announcement",
        "none",
        &["immaterial", "warned"],
    ),
    (
        "002045",
        "2023-05-08",
        "互动易",
        "ai-app",
        "regulator",
        "claimed",
        &[],
    ),
    (
        "300418",
        "2023-03-03",
        "深交所",
        "ai-app",
        "regulator",
        "claimed",
        &[],
    ),
    (
        "300307",
        "2025-02-18",
        "媒体",
        "deepseek",
        "news",
        "none",
        &[],
    ),
];

#[derive(Debug, Deserialize)]
struct Excerpt {
    code: String,
    event_date: String,
    doc_type: String,
    excerpt: String,
}

#[test]
fn real_news_quoted_disclosures_read_as_expected() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/news-quoted-disclosures/news_quoted_disclosures.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var("HYPECHECK_REQUIRE_SHARED").as_deref() != Ok("1"),
            "{} is missing and HYPECHECK_REQUIRE_SHARED=1",
            path.display()
        );
        println!("skipped: {} is absent", path.display());
        return;
    };
    let excerpts: Vec<Excerpt> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut right = 0;
    let mut misses = Vec::new();
    for &(code, date, doc_type, theme, kind, substance, flags) in REAL {
        let found: Vec<&Excerpt> = excerpts
            .iter()
            .filter(|e| e.code == code && e.event_date == date && e.doc_type.starts_with(doc_type))
            .collect();
        assert_eq!(found.len(), 1, "{code} {date} {doc_type}: one excerpt");
        let row = Row {
            id: format!("{code} {date} {doc_type} {theme}"),
            family: "real".to_string(),
            theme: theme.to_string(),
            kind: kind.to_string(),
            text: found[0].excerpt.clone(),
            classes: Vec::new(),
            substance: substance.to_string(),
            flags: Vec::new(),
        };
        let (_, got_substance, got_flags) = predict(&read(&row));
        let want_flags: BTreeSet<String> = flags.iter().map(|f| f.to_string()).collect();
        if got_substance == substance && got_flags == want_flags {
            right += 1;
        } else {
            misses.push(format!(
                "{}: want {substance} {want_flags:?}, got {got_substance} {got_flags:?}",
                row.id
            ));
        }
    }
    println!("real news-quoted disclosures: {right}/{} right", REAL.len());
    for m in &misses {
        println!("  {m}");
    }
    // Floor one under the result when it was set: 16 of 16 (13 before the filing step).
    assert!(
        right + 1 >= REAL.len(),
        "more than one real excerpt read wrongly:\n{}",
        misses.join("\n")
    );
}
