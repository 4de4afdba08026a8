//! A generated market with planted effects, for the study's tests and the panel's bench:
//! a made-up theme (星河大模型), Shanghai main-board stocks with seeded random walks around
//! an index (1% a day, and 1.2% of their own), limit-up runs that make them hot, and
//! documents that decide their verdicts.
//!
//! Roles: a **hype** stock's own post promotes the theme a few days before its run (so it is
//! 蹭热点 on its event day) and its excess return falls by `drift` over the 20 trading days
//! after its run; a **substantive** stock's announcement states a signed contract (有实质)
//! and it rises by as much; a **noise** stock has no document and no drift. Every run is two
//! limit-up closes, so the event day (the first hot day) is the second board and the drift
//! starts the next day (a stock whose own noise had already lifted it near the hot line
//! gets hot a day early: the market's randomness, which the study must live with). With `shuffle_docs` the documents go to stocks at random: the labels
//! no longer match the drifts, and a study must find nothing.
//!
//! The files are what `hypecheck import` reads: `bars.csv` (generic), `index.csv`,
//! `docs.jsonl`, `members.csv`, and `theme.toml`.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: a seeded generator, the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// What a stock is made to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Hype,
    Substantive,
    Noise,
}

/// The market to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Stocks per role: hype, substantive, noise.
    pub roles: [usize; 3],
    /// Trading days.
    pub days: usize,
    /// The planted change of the excess return over the 20 days after the event day
    /// (hype stocks: minus this; substantive: plus).
    pub drift: f64,
    /// Limit-up runs per stock (spaced apart; the first after day 45).
    pub runs: usize,
    /// Extra documents per stock besides the one that sets its role (mentions, Q&A).
    pub extra_docs: usize,
    /// Deal the role documents to random stocks.
    pub shuffle_docs: bool,
    /// The seed.
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            roles: [40, 40, 40],
            days: 140,
            drift: 0.10,
            runs: 1,
            extra_docs: 0,
            shuffle_docs: false,
            seed: 7,
        }
    }
}

/// One generated stock.
#[derive(Debug, Clone)]
pub struct Stock {
    pub code: String,
    pub name: String,
    pub role: Role,
    /// The role its documents give it (differs from `role` when shuffled).
    pub labelled: Role,
    /// The event days (the second board of each run), as dates.
    pub events: Vec<String>,
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Generated {
    pub stocks: Vec<Stock>,
    pub dates: Vec<String>,
    /// The planted mean excess return 20 days after the event day, per role.
    pub planted: [f64; 3],
}

pub const THEME: &str = r#"id = "xinghe"
name = "星河大模型"
aliases = ["星河大模型", "星河智算"]
entities = ["杭州星河智算科技有限公司"]
segments = ["大模型", "算力"]
"#;

/// Weekdays from 2021-01-04 on.
fn trading_dates(n: usize) -> Vec<chrono::NaiveDate> {
    let mut d = chrono::NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        if chrono::Datelike::weekday(&d).number_from_monday() <= 5 {
            out.push(d);
        }
        d = d.succ_opt().unwrap();
    }
    out
}

/// The up-limit price of a Shanghai main-board stock in fen: 110% of the previous close,
/// rounded half up to the fen (docs/market-rules.md §2).
fn limit_up(prev: i64) -> i64 {
    (prev * 110 + 50) / 100
}

fn yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

/// Writes the market into `dir` and returns what it planted.
pub fn generate(dir: &Path, spec: &Spec) -> Generated {
    let mut rng = Rng::new(spec.seed);
    let dates = trading_dates(spec.days);
    let n: usize = spec.roles.iter().sum();
    let roles: Vec<Role> = [Role::Hype, Role::Substantive, Role::Noise]
        .iter()
        .zip(spec.roles)
        .flat_map(|(r, k)| std::iter::repeat_n(*r, k))
        .collect();
    let mut labelled = roles.clone();
    if spec.shuffle_docs {
        for i in (1..labelled.len()).rev() {
            let j = rng.below(i + 1);
            labelled.swap(i, j);
        }
    }
    // The index: a random walk, 1% a day.
    let mut index = vec![3000.0f64];
    let mut index_ret = vec![0.0];
    for _ in 1..spec.days {
        let r = 0.01 * rng.normal();
        index_ret.push(r);
        index.push(index.last().unwrap() * (1.0 + r));
    }
    let mut csv = String::from("code,name,date,open,high,low,close,prev_close,volume,amount\n");
    let mut docs = String::new();
    let mut members = String::from("code,name,reason,source,date\n");
    let mut stocks = Vec::with_capacity(n);
    let daily = |total: f64| (1.0 + total).powf(1.0 / 20.0) - 1.0;
    for i in 0..n {
        let code = format!("{}", 600000 + i);
        let name = format!("星河样本{i:04}");
        // Runs start on days spaced at least 40 apart, the first from day 45.
        let mut starts = Vec::new();
        let mut at = 45 + rng.below(20);
        for _ in 0..spec.runs {
            if at + 25 >= spec.days {
                break;
            }
            starts.push(at);
            at += 40 + rng.below(30);
        }
        let drift = match roles[i] {
            Role::Hype => daily(-spec.drift),
            Role::Substantive => daily(spec.drift),
            Role::Noise => 0.0,
        };
        let mut close: i64 = 1000 + rng.below(2000) as i64;
        let mut events = Vec::new();
        let mut board_left = 0; // limit-up closes still to plant
        let mut drift_left = 0; // days of drift still to apply
        for (t, date) in dates.iter().enumerate() {
            let prev = close;
            if starts.contains(&t) {
                board_left = 2;
            }
            if board_left > 0 {
                close = limit_up(prev);
                board_left -= 1;
                if board_left == 0 {
                    events.push(date.to_string());
                    drift_left = 20;
                }
            } else {
                let mut r = index_ret[t] + 0.012 * rng.normal();
                if drift_left > 0 {
                    r = (1.0 + r) * (1.0 + drift) - 1.0;
                    drift_left -= 1;
                }
                // Stay off the limits: only planted runs are limit-ups.
                let r = r.clamp(-0.09, 0.09);
                close = ((prev as f64) * (1.0 + r)).round().max(100.0) as i64;
            }
            let (open, hi, lo) = (prev, close.max(prev), close.min(prev));
            let volume = 1_000_000 + rng.below(500_000) as i64;
            let amount = volume as f64 * close as f64 / 100.0;
            let _ = writeln!(
                csv,
                "{code},{name},{date},{},{},{},{},{},{volume},{amount:.0}",
                yuan(open),
                yuan(hi),
                yuan(lo),
                yuan(close),
                yuan(prev)
            );
        }
        let first_event = starts.first().map(|s| dates[*s + 1]);
        let _ = writeln!(
            members,
            "{code},{name},传闻与星河智算合作,synth,{}",
            dates[0]
        );
        if let Some(ev) = first_event {
            match labelled[i] {
                Role::Hype => {
                    let _ = writeln!(
                        docs,
                        r#"{{"id":"synth-{code}-post","code":"{code}","date":"{}","kind":"post","source":"wechat","text":"{name}与星河智算深度合作，共同推出基于星河大模型的智慧物流解决方案。"}}"#,
                        ev - chrono::Duration::days(5)
                    );
                }
                Role::Substantive => {
                    let _ = writeln!(
                        docs,
                        r#"{{"id":"synth-{code}-ann","code":"{code}","date":"{}","kind":"announcement","source":"sse","title":"关于签订日常经营重大合同的公告","text":"公司与杭州星河智算科技有限公司签订星河大模型算力服务合同，合同金额2.3亿元。"}}"#,
                        ev - chrono::Duration::days(20)
                    );
                }
                Role::Noise => {}
            }
        }
        for k in 0..spec.extra_docs {
            let date = dates[(k * 97 + i * 13) % spec.days];
            let _ = writeln!(docs, "{}", extra_doc(&code, &name, k, date));
        }
        stocks.push(Stock {
            code: format!("{code}.SH"),
            name,
            role: roles[i],
            labelled: labelled[i],
            events,
        });
    }
    let mut ix = String::from("code,date,open,high,low,close\n");
    for (d, c) in dates.iter().zip(&index) {
        let _ = writeln!(ix, "000001.SH,{d},{c:.2},{c:.2},{c:.2},{c:.2}");
    }
    std::fs::write(dir.join("bars.csv"), csv).unwrap();
    std::fs::write(dir.join("index.csv"), ix).unwrap();
    std::fs::write(dir.join("docs.jsonl"), docs).unwrap();
    std::fs::write(dir.join("members.csv"), members).unwrap();
    std::fs::write(dir.join("theme.toml"), THEME).unwrap();
    let planted = |d: f64| (1.0 + daily(d)).powi(20) - 1.0;
    Generated {
        stocks,
        dates: dates.iter().map(|d| d.to_string()).collect(),
        planted: [planted(-spec.drift), planted(spec.drift), 0.0],
    }
}

/// Documents that speak about the theme without settling a role by themselves, in turn:
/// news, an answered investor question, a post about adopting the model, an announcement
/// that warns the business is uncertain.
fn extra_doc(code: &str, name: &str, k: usize, date: chrono::NaiveDate) -> String {
    let id = format!("synth-{code}-x{k}");
    match k % 4 {
        0 => format!(
            r#"{{"id":"{id}","code":"{code}","date":"{date}","kind":"news","source":"news","text":"{name}被市场列为星河大模型概念股，盘中拉升。"}}"#
        ),
        1 => format!(
            r#"{{"id":"{id}","code":"{code}","date":"{date}","kind":"qa","source":"sse","question":"公司与星河智算有合作吗？","answer":"公司关注星河大模型等技术的发展，具体请以公告为准。"}}"#
        ),
        2 => format!(
            r#"{{"id":"{id}","code":"{code}","date":"{date}","kind":"post","source":"wechat","text":"公司客服系统已接入星河大模型。"}}"#
        ),
        _ => format!(
            r#"{{"id":"{id}","code":"{code}","date":"{date}","kind":"announcement","source":"sse","title":"风险提示公告","text":"公司与星河大模型相关的业务尚未产生收入，存在重大不确定性。"}}"#
        ),
    }
}
