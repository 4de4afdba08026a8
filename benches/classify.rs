//! Throughput of the evidence engine: builds a corpus of at least 200 MB in memory from the
//! evaluation sentences (`tests/eval/train.tsv`) and announcement-style filler, classifies
//! every document for the DeepSeek theme on one thread, and reports MB/s per core. When
//! `python3` with `jieba` is available it also writes the corpus to a temporary file, runs
//! `benches/classify_ref.py` (the same alias scan and cue matching with jieba + re) and prints
//! both figures and the ratio; otherwise the Python side is skipped with a notice.
//!
//! Then, when `../shared/data/real-qa/qa.jsonl` is present, it reads every real investor
//! question and answer in it as a dialogue for every built-in theme and prints the
//! throughput and how many records got each class.
//!
//! `cargo bench --bench classify` (set `HYPECHECK_BENCH_MB` to change the corpus size).

use std::io::Write;
use std::time::Instant;

use hypecheck::text::{classify_document, Class, DocInput, Kind, Lexicon, Part, ThemeMatcher};

const FILLER: &[&str] = &[
    "本公司及董事会全体成员保证信息披露的内容真实、准确、完整，没有虚假记载、误导性陈述或重大遗漏。",
    "公司股票交易价格连续三个交易日内日收盘价格涨幅偏离值累计超过20%，属于股票交易异常波动的情形。",
    "经公司董事会自查，公司前期披露的信息不存在需要更正、补充之处。",
    "公司目前生产经营活动正常，内外部经营环境未发生重大变化。",
    "公司、控股股东和实际控制人不存在关于本公司的应披露而未披露的重大事项。",
    "股票异常波动期间，公司控股股东及实际控制人未买卖公司股票。",
    "公司董事会确认，公司目前没有任何根据深圳证券交易所股票上市规则规定应予以披露而未披露的事项。",
    "公司郑重提醒广大投资者，指定信息披露媒体为证券时报和巨潮资讯网。",
    "公司主营业务为精密结构件的研发、生产和销售，报告期内主营业务未发生变化。",
    "2024年度公司实现营业收入12.3亿元，同比增长5.2%，归属于上市公司股东的净利润为0.8亿元。",
    "本次会议由董事长主持，公司监事和高级管理人员列席了会议。",
    "公司將嚴格按照有關法律法規的規定和要求，及時做好信息披露工作。",
    "感谢您对公司的关注，公司经营情况请参阅定期报告。",
    "今日沪深两市成交额合计1.2万亿元，较上一交易日有所放量。",
];

fn corpus(target: usize) -> (Vec<String>, usize) {
    let eval: Vec<String> = include_str!("../tests/eval/train.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').nth(3))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect();
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut docs = Vec::new();
    let mut total = 0;
    let mut planted = 0;
    while total < target {
        let mut doc = String::with_capacity(4096);
        for _ in 0..40 {
            let r = next();
            if r % 8 == 0 {
                let s = &eval[(r >> 8) as usize % eval.len()];
                if s.contains("DeepSeek") {
                    planted += 1;
                }
                doc.push_str(s);
            } else {
                doc.push_str(FILLER[(r >> 8) as usize % FILLER.len()]);
            }
        }
        total += doc.len();
        docs.push(doc);
    }
    (docs, planted)
}

fn main() {
    let mb: usize = std::env::var("HYPECHECK_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let (docs, planted) = corpus(mb * 1_000_000);
    let bytes: usize = docs.iter().map(String::len).sum();
    let theme = hypecheck::theme::find_builtin("deepseek").expect("built-in theme");
    let matcher = theme.matcher();
    let lex = Lexicon::builtin();
    let start = Instant::now();
    let mut found = 0usize;
    let mut classes = 0usize;
    for d in &docs {
        let r = classify_document(lex, &matcher, &DocInput::text(Kind::Announcement, d));
        found += r.sentences.len();
        classes += r.sentences.iter().map(|s| s.classes.len()).sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    assert!(
        found >= planted,
        "found {found} theme sentences, planted {planted}"
    );
    assert!(classes >= found);
    let rust_mbs = bytes as f64 / 1e6 / secs;
    println!(
        "rust: {:.1} MB in {secs:.2} s on 1 thread = {rust_mbs:.1} MB/s per core ({found} theme sentences, {planted} planted)",
        bytes as f64 / 1e6
    );

    real_qa(lex);

    let py_ok = std::process::Command::new("python3")
        .args(["-c", "import jieba"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !py_ok {
        println!("python: skipped (python3 with jieba not found; `pip install jieba` to compare)");
        return;
    }
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    for d in &docs {
        file.write_all(d.as_bytes()).unwrap();
        file.write_all(b"\n").unwrap();
    }
    file.flush().unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/classify_ref.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(file.path())
        .output()
        .expect("run python3");
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    let py_mbs = text
        .lines()
        .find_map(|l| l.strip_prefix("python_mb_per_s="))
        .and_then(|v| v.trim().parse::<f64>().ok());
    match py_mbs {
        Some(p) if p > 0.0 => println!("ratio rust/python: {:.1}x", rust_mbs / p),
        _ => println!(
            "python: no figure ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

/// Classifies every record of the real Q&A corpus for every built-in theme: throughput over
/// the text read (question and answer, once per theme) and, per class, the records that got
/// it for some theme (`mention` only when nothing else).
fn real_qa(lex: &Lexicon) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/real-qa/qa.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("real Q&A: skipped ({path} is absent)");
        return;
    };
    let records: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("qa.jsonl line");
            let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
            (s("question"), s("answer"))
        })
        .collect();
    let themes: Vec<ThemeMatcher> = hypecheck::theme::builtin()
        .iter()
        .map(|t| t.matcher())
        .collect();
    let mut counts = [0usize; 8];
    let (mut about, mut evasive, mut immaterial) = (0usize, 0usize, 0usize);
    let mut bytes = 0usize;
    let start = Instant::now();
    for (q, a) in &records {
        let mut got = std::collections::BTreeSet::new();
        let (mut ev, mut im) = (false, false);
        for m in &themes {
            bytes += q.len() + a.len();
            let doc = DocInput {
                kind: Kind::Qa,
                text: "",
                question: Some(q),
                answer: Some(a),
            };
            let r = classify_document(lex, m, &doc);
            got.extend(
                r.sentences
                    .iter()
                    .filter(|s| a.is_empty() || s.part != Part::Question)
                    .flat_map(|s| s.classes.iter().copied()),
            );
            ev |= r.flags.iter().any(|f| f.name() == "evasive");
            im |= r.flags.iter().any(|f| f.name() == "immaterial");
        }
        if got.len() > 1 {
            got.remove(&Class::Mention);
        }
        about += usize::from(!got.is_empty());
        evasive += usize::from(ev);
        immaterial += usize::from(im);
        for c in got {
            counts[Class::ALL.iter().position(|k| *k == c).unwrap()] += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "real Q&A: {} records x {} themes, {:.1} MB read in {secs:.2} s = {:.1} MB/s per core",
        records.len(),
        themes.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    println!(
        "real Q&A: {about} records about some theme, {evasive} evasive, {immaterial} immaterial"
    );
    for (c, n) in Class::ALL.iter().zip(counts) {
        println!("real Q&A: {:<12} {n:>5} records", c.name());
    }
}
