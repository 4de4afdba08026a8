//! Heat against substance for one stock and one theme (docs/design.md §6, verdict v2):
//! `hype_rider` 蹭热点, `speculative` 炒作, `unverified` 待核实, `clarified` 已澄清,
//! `substantive` 有实质, `cold` 冷门, with the reasons in words, each tied to the document
//! (or the missing data) it rests on, and the evidence sentences.
//!
//! A verdict must be printable by a newspaper: an accusation (蹭热点) needs the company's own
//! words behind it, and a missing fact is said to be missing (待核实).
//!
//! Pure: [`assess_stock`] takes the market dossier, the already classified documents, the
//! optional theme membership and the optional revenue exposure, and returns a
//! [`StockAssessment`]; [`sort_assessments`] orders a scan by verdict, then heat.

use std::cmp::Ordering;

use serde::Serialize;

use super::MarketDossier;
use crate::exposure::{ExposureThresholds, PeriodExposure};
use crate::model::Date;
use crate::text::{aggregate_asof, Class, DocEvidence, DocResult, Flag, Kind, Part, Substance};

/// The thresholds of a scan. Every default is documented on its field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Look-back window in trading days before the as-of date. Default 10 (docs/design.md §6).
    pub window: usize,
    /// A limit-up streak of at least this many boards in the window makes a stock hot.
    /// Default 2 (连板: the market's own sign of a chase).
    pub hot_streak: u32,
    /// An excess return over the window at or above this fraction makes a stock hot.
    /// Default 0.20: the SSE/SZSE abnormal-fluctuation deviation for main-board stocks.
    pub hot_excess: f64,
    /// Revenue-exposure thresholds: material share (default 0.30) and core-unrelated share
    /// (default 0.90), see [`ExposureThresholds`].
    pub exposure: ExposureThresholds,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            window: 10,
            hot_streak: 2,
            hot_excess: 0.20,
            exposure: ExposureThresholds::default(),
        }
    }
}

/// The verdict of a stock for a theme (docs/design.md §6 v2, fixed names), in the scan's sort
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 蹭热点: hot, and the company itself fuels the link (it promoted it or evaded
    /// investors' questions) while no filing confirms a material business or equity tie.
    HypeRider,
    /// 炒作: hot, the company did not promote the link, and the link is tenuous (no
    /// evidence, mere adoption, or a confirmed tie that is immaterial).
    Speculative,
    /// 待核实: hot, but the store holds no company words about the theme, or no bars cover
    /// the window so heat is unknown.
    Unverified,
    /// 已澄清: hot, the company denied a link and did not promote it.
    Clarified,
    /// 有实质: a filing confirms a business or equity tie, and it is not immaterial.
    Substantive,
    /// 冷门: not hot.
    Cold,
}

impl Verdict {
    /// Every verdict, in sort order.
    pub const ALL: [Verdict; 6] = [
        Verdict::HypeRider,
        Verdict::Speculative,
        Verdict::Unverified,
        Verdict::Clarified,
        Verdict::Substantive,
        Verdict::Cold,
    ];

    /// The fixed English name.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::HypeRider => "hype_rider",
            Verdict::Speculative => "speculative",
            Verdict::Unverified => "unverified",
            Verdict::Clarified => "clarified",
            Verdict::Substantive => "substantive",
            Verdict::Cold => "cold",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::HypeRider => "蹭热点",
            Verdict::Speculative => "炒作",
            Verdict::Unverified => "待核实",
            Verdict::Clarified => "已澄清",
            Verdict::Substantive => "有实质",
            Verdict::Cold => "冷门",
        }
    }

    /// The English label for human output.
    pub fn label_en(self) -> &'static str {
        match self {
            Verdict::HypeRider => "hype rider",
            Verdict::Speculative => "speculative",
            Verdict::Unverified => "unverified",
            Verdict::Clarified => "clarified",
            Verdict::Substantive => "substantive",
            Verdict::Cold => "cold",
        }
    }

    /// What the verdict means, in Chinese, for the legend every report shows.
    pub fn definition_zh(self) -> &'static str {
        match self {
            Verdict::HypeRider => {
                "股价过热，且公司自己在推动与题材的关联（自媒体或互动易宣传、回避投资者提问），而没有公告确认实质性的业务或股权关系"
            }
            Verdict::Speculative => {
                "股价过热，公司没有宣传这一关联，但关联很弱（无证据、仅接入使用，或公告确认的业务占比很小）：是市场在炒作"
            }
            Verdict::Unverified => {
                "股价过热，但仓库里没有公司关于该题材的公告、回答或帖子，或没有覆盖窗口的行情：缺什么，理由里写明"
            }
            Verdict::Clarified => "股价过热，公司已公开否认与题材的关联，且没有宣传它",
            Verdict::Substantive => "公告确认与题材的业务或股权关系，且公司未称其占比很小",
            Verdict::Cold => "股价没有过热",
        }
    }

    /// What the verdict means, in English.
    pub fn definition_en(self) -> &'static str {
        match self {
            Verdict::HypeRider => {
                "hot, and the company itself fuels the link (its posts or answers promote it, or it evades investors' questions) while no filing confirms a material business or equity tie"
            }
            Verdict::Speculative => {
                "hot, the company did not promote the link, and the link is tenuous (no evidence, mere adoption, or a confirmed tie the company calls small): the market trades it"
            }
            Verdict::Unverified => {
                "hot, but the store holds no company announcement, answer or post about the theme, or no bars cover the window; the reason names what is missing"
            }
            Verdict::Clarified => "hot, the company publicly denied a link and did not promote it",
            Verdict::Substantive => {
                "a filing confirms a business or equity tie with the theme, and the company does not call it small"
            }
            Verdict::Cold => "not hot",
        }
    }
}

/// One classified document, the input of [`assess_stock`].
#[derive(Debug, Clone)]
pub struct ClassifiedDoc {
    /// The document's id in the store.
    pub doc_id: String,
    /// Publication date.
    pub date: Date,
    /// Source kind.
    pub kind: Kind,
    /// Where it was published.
    pub url: Option<String>,
    /// Whether it is a Q&A record with no answer.
    pub unanswered: bool,
    /// The classification of its theme sentences.
    pub result: DocResult,
}

/// A stock's membership of the theme's concept board, when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    /// Why the stock is in the board (入选理由), as the source says.
    pub reason: Option<String>,
    /// Who lists it (e.g. `eastmoney`).
    pub source: Option<String>,
}

/// Everything [`assess_stock`] needs about one stock.
#[derive(Debug, Clone, Copy)]
pub struct StockInput<'a> {
    /// `CODE.EX`.
    pub code: &'a str,
    /// Its name, when known.
    pub name: Option<&'a str>,
    /// The heat as of the date; `None` when the store has no bars (heat unknown).
    pub heat: Option<&'a Heat>,
    /// The first trading day of the window (bars that stop before it leave the heat
    /// unknown); `None`: estimated from the calendar ([`window_start_estimate`]).
    pub window_from: Option<Date>,
    /// Classified documents; those dated after `asof` are ignored.
    pub docs: &'a [ClassifiedDoc],
    /// Theme membership, when known.
    pub membership: Option<&'a Membership>,
    /// Revenue exposure of the latest period, when known.
    pub exposure: Option<&'a PeriodExposure>,
}

/// How hard the market chased the stock in the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heat {
    /// Whether the stock counts as hot.
    pub hot: bool,
    /// Consecutive limit-up closes ending at the as-of bar.
    pub streak: u32,
    /// The longest streak in the window.
    pub max_streak: u32,
    /// Returns (`d1`, `d5`, `d10`, `d30`, and `window` over the scan window).
    pub returns: HeatReturns,
    /// Excess returns against the benchmark (`d5`, `d10`, `d30`, `window`).
    pub excess: HeatReturns,
    /// Whether an abnormal-fluctuation estimate fired in the window.
    pub abnormal: bool,
    /// The benchmark of the excess returns.
    pub benchmark: Option<String>,
    /// The stock's last bar on or before the as-of date.
    pub bar_date: Date,
    /// The stock's ST status is unknown on that bar (ST状态未知: its name's ST mark is
    /// neither refuted nor confirmed by prices, and no dated list decides): no limit is
    /// asserted there (docs/market-rules.md §2.2a).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub st_unknown: bool,
}

/// Returns over several spans, fractions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatReturns {
    /// One day (returns only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d1: Option<f64>,
    /// Five trading days.
    pub d5: Option<f64>,
    /// Ten trading days.
    pub d10: Option<f64>,
    /// Thirty trading days.
    pub d30: Option<f64>,
    /// The scan window.
    pub window: Option<f64>,
}

/// A reason for the verdict, in both languages, tied to the document it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Chinese.
    pub zh: String,
    /// English.
    pub en: String,
    /// The document the reason rests on; `None` for market reasons and missing data.
    pub doc_id: Option<String>,
    /// What it explains: `verdict`, `heat`, `substance`, `membership`, or a flag's name.
    pub about: &'static str,
}

/// One evidence sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The document's id.
    pub doc_id: String,
    /// Its date.
    pub date: Date,
    /// Its kind.
    pub kind: Kind,
    /// The sentence.
    pub text: String,
    /// The sentence's classes.
    pub classes: Vec<Class>,
    /// The document's link.
    pub url: Option<String>,
    /// Which part of the document the sentence comes from.
    pub part: DocPart,
}

/// The part of a document an evidence sentence comes from: written `body`, `question`
/// or `answer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocPart {
    /// The body of an announcement, post or news item.
    Body,
    /// A Q&A question.
    Question,
    /// A Q&A answer.
    Answer,
}

/// Revenue exposure as reported in a scan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExposureSummary {
    /// The report period.
    pub period: Date,
    /// The theme's share of revenue.
    pub theme_share: f64,
    /// The share of named unrelated segments.
    pub unrelated_share: f64,
    /// The largest unrelated segment.
    pub largest_unrelated: Option<String>,
}

/// The assessment of one stock (docs/design.md §7 `scan`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StockAssessment {
    /// `CODE.EX`.
    pub code: String,
    /// The name, when known.
    pub name: Option<String>,
    /// Heat; `None` when the store has no bars.
    pub heat: Option<Heat>,
    /// Substance.
    pub substance: Substance,
    /// Flags, sorted.
    pub flags: Vec<Flag>,
    /// The verdict.
    pub verdict: Verdict,
    /// The reasons: the verdict's first, then the heat, the substance and one per flag.
    pub reasons: Vec<Reason>,
    /// Company documents about the theme read for this stock (announcements, regulator
    /// notices, answered Q&A, posts; dated on or before the as-of date).
    pub docs_checked: usize,
    /// The date of the newest of them.
    pub newest_evidence: Option<Date>,
    /// The evidence sentences, oldest document first.
    pub evidence: Vec<Evidence>,
    /// Membership of the theme's concept board, when known.
    pub membership: Option<Membership>,
    /// Revenue exposure, when known.
    pub exposure: Option<ExposureSummary>,
}

impl StockAssessment {
    /// Whether the stock is hot (unknown heat counts as not hot).
    pub fn is_hot(&self) -> bool {
        self.heat.as_ref().is_some_and(|h| h.hot)
    }
}

impl Heat {
    /// The heat of a market dossier under the scan's thresholds.
    pub fn of_dossier(m: &MarketDossier, t: &Thresholds) -> Heat {
        heat(m, t)
    }
}

fn heat(m: &MarketDossier, t: &Thresholds) -> Heat {
    // Without a benchmark the window return stands in for the excess return.
    let excess = m.window_excess.or(m.window_return);
    let hot = m.max_streak >= t.hot_streak
        || m.abnormal.triggered
        || excess.is_some_and(|x| x >= t.hot_excess);
    Heat {
        hot,
        streak: m.streak,
        max_streak: m.max_streak,
        returns: HeatReturns {
            d1: m.returns.d1,
            d5: m.returns.d5,
            d10: m.returns.d10,
            d30: m.returns.d30,
            window: m.window_return,
        },
        excess: HeatReturns {
            d1: None,
            d5: m.excess.d5,
            d10: m.excess.d10,
            d30: m.excess.d30,
            window: m.window_excess,
        },
        abnormal: m.abnormal.triggered,
        benchmark: m.abnormal.benchmark.clone(),
        bar_date: m.bar_date,
        st_unknown: m.st.is_none(),
    }
}

fn signed_pct(x: f64) -> String {
    // No "-0.00%": a change that rounds to zero is shown as +0.00%.
    let p = x * 100.0;
    format!("{:+.2}%", if p.abs() < 0.005 { 0.0 } else { p })
}

fn kind_zh(k: Kind) -> &'static str {
    match k {
        Kind::Announcement => "公告",
        Kind::Regulator => "监管函件",
        Kind::Qa => "互动易回答",
        Kind::Post => "公司自媒体",
        Kind::News => "新闻",
    }
}

fn kind_en(k: Kind) -> &'static str {
    match k {
        Kind::Announcement => "an announcement",
        Kind::Regulator => "a regulator's notice",
        Kind::Qa => "an investor Q&A answer",
        Kind::Post => "a company post",
        Kind::News => "news",
    }
}

/// The kind and date of a cited document in brackets, in Chinese and English
/// ("（公告 2025-02-07）", " (an announcement of 2025-02-07)"); empty without one.
fn cited(d: Option<&ClassifiedDoc>) -> (String, String) {
    d.map_or_else(Default::default, |d| {
        (
            format!("（{} {}）", kind_zh(d.kind), d.date),
            format!(" ({} of {})", kind_en(d.kind), d.date),
        )
    })
}

fn heat_reason(h: &Heat, window: usize) -> Reason {
    let ret = h.returns.window;
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    if h.max_streak == 1 && h.streak == 0 {
        zh.push("窗口内有涨停".into());
        en.push("a limit-up close in the window".into());
    } else if h.max_streak >= 1 {
        if h.streak == h.max_streak {
            zh.push(format!("{}连板", h.streak));
            en.push(format!("{} straight limit-up closes", h.streak));
        } else {
            zh.push(format!("窗口内最高{}连板", h.max_streak));
            en.push(format!(
                "up to {} straight limit-up closes in the window",
                h.max_streak
            ));
        }
    }
    if let Some(r) = ret {
        zh.push(format!("{window}日涨幅{}", signed_pct(r)));
        en.push(format!("{window}-day return {}", signed_pct(r)));
    }
    if let Some(x) = h.excess.window {
        zh.push(format!("超额{}", signed_pct(x)));
        en.push(format!("excess {}", signed_pct(x)));
    }
    if h.abnormal {
        zh.push("触发异常波动（估算）".into());
        en.push("abnormal fluctuation (estimate)".into());
    }
    if h.st_unknown {
        zh.push("ST状态未知，未判涨跌停".into());
        en.push("ST status unknown, so no limit is asserted".into());
    }
    if !h.hot {
        zh.insert(0, "未过热".into());
        en.insert(0, "not hot".into());
    }
    Reason {
        zh: zh.join("，"),
        en: en.join(", "),
        doc_id: None,
        about: "heat",
    }
}

fn last_doc(docs: &[&ClassifiedDoc], pred: impl Fn(&ClassifiedDoc) -> bool) -> Option<usize> {
    docs.iter().rposition(|d| pred(d))
}

fn substance_reason(
    theme: &str,
    s: Substance,
    docs: &[&ClassifiedDoc],
    exposure: Option<&PeriodExposure>,
) -> Reason {
    let at = |pred: &dyn Fn(&ClassifiedDoc) -> bool| last_doc(docs, pred).map(|i| docs[i]);
    let (doc, zh, en) = match s {
        Substance::Disclaimed => {
            let d = at(&|d| d.result.substance == Substance::Disclaimed);
            let (zh, en) = d.map_or_else(
                || (String::new(), String::new()),
                |d| {
                    (
                        format!("{}否认与{theme}存在关联（{}）", kind_zh(d.kind), d.date),
                        format!(
                            "{} denies any tie with {theme} ({})",
                            kind_en(d.kind),
                            d.date
                        ),
                    )
                },
            );
            (d, zh, en)
        }
        Substance::Material | Substance::Confirmed => {
            let d = at(&|d| d.result.substance == Substance::Confirmed);
            let date = d.map(|d| d.date.to_string()).unwrap_or_default();
            let mut zh = format!("公告确认与{theme}的业务或股权关系（{date}）");
            let mut en =
                format!("an announcement confirms a business or equity tie with {theme} ({date})");
            if let (Substance::Material, Some(x)) = (s, exposure) {
                zh.push_str(&format!("，相关业务占营收{:.1}%", x.theme_share * 100.0));
                en.push_str(&format!(
                    "; the theme's segments carry {:.1}% of revenue",
                    x.theme_share * 100.0
                ));
            }
            (d, zh, en)
        }
        Substance::Claimed => {
            let d = at(&|d| d.result.substance == Substance::Claimed);
            let (zh, en) = d.map_or_else(
                || (String::new(), String::new()),
                |d| {
                    (
                        format!(
                            "{}声称与{theme}有关联，未见公告确认（{}）",
                            kind_zh(d.kind),
                            d.date
                        ),
                        format!(
                            "{} claims a tie with {theme} that no announcement confirms ({})",
                            kind_en(d.kind),
                            d.date
                        ),
                    )
                },
            );
            (d, zh, en)
        }
        Substance::Adopter => {
            let d = at(&|d| d.result.substance == Substance::Adopter);
            let date = d.map(|d| d.date.to_string()).unwrap_or_default();
            (
                d,
                format!("仅接入或适配{theme}（{date}），任何公司都能做到"),
                format!("only adopts {theme} ({date}), which anyone can do"),
            )
        }
        Substance::None => (
            None,
            format!("未找到公司关于{theme}的实质表态"),
            format!("no company statement of substance about {theme}"),
        ),
    };
    Reason {
        zh,
        en,
        doc_id: doc.map(|d| d.doc_id.clone()),
        about: "substance",
    }
}

fn flag_reason(
    flag: Flag,
    docs: &[&ClassifiedDoc],
    exposure: Option<&PeriodExposure>,
) -> Option<Reason> {
    let at = |pred: &dyn Fn(&ClassifiedDoc) -> bool| last_doc(docs, pred).map(|i| docs[i]);
    let r = match flag {
        Flag::Inconsistent => {
            let d = at(&|d| {
                matches!(d.kind, Kind::Post | Kind::Qa) && d.result.substance >= Substance::Claimed
            })?;
            Reason {
                zh: format!("{}的说法多于公告所述（{}）", kind_zh(d.kind), d.date),
                en: format!(
                    "{} claims more than the filings say ({})",
                    kind_en(d.kind),
                    d.date
                ),
                doc_id: Some(d.doc_id.clone()),
                about: "",
            }
        }
        Flag::Evasive => {
            let d = at(&|d| d.result.flags.contains(&Flag::Evasive))?;
            if d.unanswered {
                Reason {
                    zh: format!("互动易提问未获回答（{}）", d.date),
                    en: format!("an investor question went unanswered ({})", d.date),
                    doc_id: Some(d.doc_id.clone()),
                    about: "",
                }
            } else {
                Reason {
                    zh: format!("互动易回答回避问题（{}）", d.date),
                    en: format!("an investor Q&A answer evades the question ({})", d.date),
                    doc_id: Some(d.doc_id.clone()),
                    about: "",
                }
            }
        }
        Flag::Warned => {
            let d = at(&|d| d.result.flags.contains(&Flag::Warned))?;
            Reason {
                zh: format!("公告提示相关业务存在不确定性（{}）", d.date),
                en: format!(
                    "an announcement warns the business is uncertain ({})",
                    d.date
                ),
                doc_id: Some(d.doc_id.clone()),
                about: "",
            }
        }
        Flag::CoreUnrelated => {
            let x = exposure?;
            let seg = x
                .largest_unrelated
                .as_ref()
                .map(|s| s.segment.clone())
                .unwrap_or_default();
            Reason {
                zh: format!(
                    "主业与题材无关：无关业务占营收{:.1}%（最大为{seg}，{}）",
                    x.unrelated_share * 100.0,
                    x.period
                ),
                en: format!(
                    "core business unrelated: {:.1}% of revenue from unrelated segments (largest {seg}, {})",
                    x.unrelated_share * 100.0,
                    x.period
                ),
                doc_id: None,
                about: "",
            }
        }
        Flag::Promoted => {
            let d = at(&|d| d.result.flags.contains(&Flag::Promoted))?;
            Reason {
                zh: format!("{}将公司与题材挂钩（{}）", kind_zh(d.kind), d.date),
                en: format!(
                    "{} ties the company to the theme ({})",
                    kind_en(d.kind),
                    d.date
                ),
                doc_id: Some(d.doc_id.clone()),
                about: "",
            }
        }
        Flag::Immaterial if !docs.iter().any(|d| d.result.flags.contains(&Flag::Immaterial)) => {
            let x = exposure?;
            Reason {
                zh: format!(
                    "主营构成中题材相关业务仅占营收{:.1}%，低于实质门槛（{}）",
                    x.theme_share * 100.0,
                    x.period
                ),
                en: format!(
                    "the theme's segments carry only {:.1}% of revenue, under the materiality threshold ({})",
                    x.theme_share * 100.0,
                    x.period
                ),
                doc_id: None,
                about: "",
            }
        }
        Flag::Immaterial => {
            let d = at(&|d| d.result.flags.contains(&Flag::Immaterial))?;
            let share = d
                .result
                .share
                .map(|s| format!("：{s}%"))
                .unwrap_or_default();
            let share_en = d
                .result
                .share
                .map(|s| format!(": {s}%"))
                .unwrap_or_default();
            Reason {
                zh: format!("{}称相关业务占比很小{share}（{}）", kind_zh(d.kind), d.date),
                en: format!(
                    "{} states the business is small{share_en} ({})",
                    kind_en(d.kind),
                    d.date
                ),
                doc_id: Some(d.doc_id.clone()),
                about: "",
            }
        }
        Flag::Stale => {
            let d = at(&|d| d.kind != Kind::News)?;
            Reason {
                zh: format!("公司最近一次相关表态已超过一年（{}）", d.date),
                en: format!(
                    "the company's latest word on the theme is over a year old ({})",
                    d.date
                ),
                doc_id: Some(d.doc_id.clone()),
                about: "",
            }
        }
        Flag::Abnormal => Reason {
            zh: "窗口内触发异常波动（按行情估算，非交易所公告）".into(),
            en: "an abnormal-fluctuation trigger in the window (estimated from bars, not the exchange's notice)".into(),
            doc_id: None,
            about: "",
        },
    };
    Some(Reason {
        about: flag.name(),
        ..r
    })
}

/// Calendar days before the as-of date that a window of `window` trading days spans at
/// most in ordinary weeks (five trading days a week, and a week's holiday).
fn window_days(window: usize) -> i64 {
    (window as i64 * 7 + 4) / 5 + 7
}

/// The first day of a window of `window` trading days ending at `asof`, estimated from the
/// calendar when the store's trading days are not at hand.
pub fn window_start_estimate(asof: Date, window: usize) -> Date {
    asof - chrono::Duration::days(window_days(window))
}

/// How long before the window a company's own promotion still counts (docs/design.md §6).
const PROMOTION_LEAD_DAYS: i64 = 30;

/// Assesses one stock for a theme named `theme` (used in the reasons) as of `asof`.
///
/// Substance is the text aggregate of the documents dated on or before `asof` (the filing
/// sets it when filings speak), lifted to `material` when confirmed and the exposure is
/// material. Flags: the text flags (`promoted` only from posts and answers dated in the
/// window or the 30 days before it; `stale` when the newest company word is over a year
/// old), `abnormal` (an estimate fired in the window), `core_unrelated` and `immaterial`
/// from the exposure (the theme's segments under the materiality threshold).
///
/// The verdict, first rule that holds: `substantive` when confirmed or material and not
/// `immaterial`; `cold` when heat is known and not hot; `unverified` when no bars cover the
/// window, or no company document about the theme is in the store; `clarified` when
/// disclaimed and not promoted; `hype_rider` when promoted or evasive; else `speculative`.
/// Reasons: the verdict's, then the heat, the substance, one per flag, and the concept
/// board's listing reason when the substance is at most `adopter`.
pub fn assess_stock(
    theme: &str,
    input: &StockInput<'_>,
    asof: Date,
    t: &Thresholds,
) -> StockAssessment {
    let docs: Vec<&ClassifiedDoc> = input.docs.iter().filter(|d| d.date <= asof).collect();
    let with_theme: Vec<&ClassifiedDoc> = docs
        .iter()
        .copied()
        .filter(|d| !d.result.sentences.is_empty())
        .collect();
    // The company's own words about the theme: not news, not an unanswered question.
    let company: Vec<&ClassifiedDoc> = with_theme
        .iter()
        .copied()
        .filter(|d| d.kind != Kind::News && !d.unanswered)
        .collect();
    let ev: Vec<DocEvidence> = with_theme
        .iter()
        .map(|d| DocEvidence::of(d.date, d.kind, &d.result))
        .collect();
    let window_from = input
        .window_from
        .unwrap_or_else(|| window_start_estimate(asof, t.window));
    let promoted_from = window_from - chrono::Duration::days(PROMOTION_LEAD_DAYS);
    let agg = aggregate_asof(&ev, Some(asof), Some(promoted_from));
    let mut substance = agg.substance;
    let mut flags = agg.flags;
    if let Some(x) = input.exposure {
        if substance == Substance::Confirmed && x.is_material(&t.exposure) {
            substance = Substance::Material;
        }
        if x.is_core_unrelated(&t.exposure) {
            flags.push(Flag::CoreUnrelated);
        }
        if !x.is_material(&t.exposure) {
            flags.push(Flag::Immaterial);
        }
    }
    let heat = input.heat.cloned();
    // Bars that stop before the window leave the heat unknown.
    let heat_known = heat.as_ref().filter(|h| h.bar_date >= window_from);
    if heat_known.is_some_and(|h| h.abnormal) {
        flags.push(Flag::Abnormal);
    }
    flags.sort();
    flags.dedup();
    let has = |f: Flag| flags.contains(&f);
    let hot = heat_known.is_some_and(|h| h.hot);
    let verdict = if substance >= Substance::Confirmed && !has(Flag::Immaterial) {
        Verdict::Substantive
    } else if heat_known.is_some() && !hot {
        Verdict::Cold
    } else if heat_known.is_none() || company.is_empty() {
        Verdict::Unverified
    } else if substance == Substance::Disclaimed && !has(Flag::Promoted) {
        Verdict::Clarified
    } else if has(Flag::Promoted) || has(Flag::Evasive) {
        Verdict::HypeRider
    } else {
        Verdict::Speculative
    };
    let mut reasons = vec![verdict_reason(
        theme,
        verdict,
        &heat,
        heat_known.is_some(),
        &company,
        &with_theme,
        &flags,
        asof,
    )];
    match &heat {
        Some(h) => reasons.push(heat_reason(h, t.window)),
        None => reasons.push(Reason {
            zh: "仓库里没有该股的行情数据，热度未知".into(),
            en: "no bars for this stock in the store; heat unknown".into(),
            doc_id: None,
            about: "heat",
        }),
    }
    reasons.push(substance_reason(
        theme,
        substance,
        &with_theme,
        input.exposure,
    ));
    for f in &flags {
        if let Some(r) = flag_reason(*f, &with_theme, input.exposure) {
            reasons.push(r);
        }
    }
    if substance <= Substance::Adopter {
        if let Some(reason) = input.membership.and_then(|m| m.reason.as_deref()) {
            reasons.push(Reason {
                zh: format!("列入{theme}概念的理由：{reason}"),
                en: format!("listed in the {theme} concept because: {reason}"),
                doc_id: None,
                about: "membership",
            });
        }
    }
    let evidence = with_theme
        .iter()
        .flat_map(|d| {
            d.result.sentences.iter().map(move |s| Evidence {
                doc_id: d.doc_id.clone(),
                date: d.date,
                kind: d.kind,
                text: s.text.clone(),
                classes: s.classes.clone(),
                url: d.url.clone(),
                part: match s.part {
                    Part::Question => DocPart::Question,
                    Part::Answer => DocPart::Answer,
                    Part::Text => DocPart::Body,
                },
            })
        })
        .collect();
    StockAssessment {
        code: input.code.to_string(),
        name: input.name.map(str::to_string),
        heat,
        substance,
        flags,
        verdict,
        reasons,
        docs_checked: company.len(),
        newest_evidence: company.iter().map(|d| d.date).max(),
        evidence,
        membership: input.membership.cloned(),
        exposure: input.exposure.map(|x| ExposureSummary {
            period: x.period,
            theme_share: x.theme_share,
            unrelated_share: x.unrelated_share,
            largest_unrelated: x.largest_unrelated.as_ref().map(|s| s.segment.clone()),
        }),
    }
}

/// The reason of the verdict itself: what it rests on, or what is missing.
#[allow(clippy::too_many_arguments)]
fn verdict_reason(
    theme: &str,
    verdict: Verdict,
    heat: &Option<Heat>,
    heat_known: bool,
    company: &[&ClassifiedDoc],
    with_theme: &[&ClassifiedDoc],
    flags: &[Flag],
    asof: Date,
) -> Reason {
    let last = |pred: &dyn Fn(&ClassifiedDoc) -> bool| {
        company.iter().rev().find(|d| pred(d)).map(|d| (*d).clone())
    };
    let (zh, en, doc) = match verdict {
        Verdict::Unverified if !heat_known => {
            let (zh, en) = match heat {
                Some(h) => (
                    format!("行情只到{}，没有覆盖截至{asof}的观察窗口：热度未知，无法判断", h.bar_date),
                    format!(
                        "the bars end on {}, before the window up to {asof}: heat unknown, no verdict",
                        h.bar_date
                    ),
                ),
                None => (
                    "仓库里没有该股的行情：热度未知，无法判断".to_string(),
                    "no bars for this stock in the store: heat unknown, no verdict".to_string(),
                ),
            };
            (zh, en, None)
        }
        Verdict::Unverified => {
            let unanswered = with_theme.iter().any(|d| d.unanswered);
            let extra_zh = if unanswered {
                "（投资者的相关提问尚未获回答）"
            } else {
                ""
            };
            let extra_en = if unanswered {
                " (investors' questions about it are unanswered)"
            } else {
                ""
            };
            (
                format!(
                    "股价过热，但仓库里没有截至{asof}公司关于{theme}的公告、监管函件、互动易回答或自媒体帖子{extra_zh}：需导入或抓取后再判断"
                ),
                format!(
                    "hot, but the store holds no announcement, regulator notice, investor Q&A answer or post of the company about {theme} up to {asof}{extra_en}: import or fetch them before judging"
                ),
                None,
            )
        }
        Verdict::Clarified => {
            let d = last(&|d| d.result.substance == Substance::Disclaimed);
            let (when, when_en) = cited(d.as_ref());
            (
                format!("股价过热，公司已否认与{theme}的关联{when}，且未宣传这一关联"),
                format!(
                    "hot; the company denied a tie with {theme}{when_en} and did not promote it"
                ),
                d,
            )
        }
        Verdict::HypeRider => {
            let promoted = flags.contains(&Flag::Promoted);
            let d = if promoted {
                last(&|d| d.result.flags.contains(&Flag::Promoted))
            } else {
                last(&|d| d.result.flags.contains(&Flag::Evasive))
            };
            let (how_zh, how_en) = if promoted {
                (
                    "公司自己在宣传与题材的关联",
                    "the company itself promotes the tie",
                )
            } else {
                (
                    "公司回避投资者关于题材的提问",
                    "the company evades investors' questions about it",
                )
            };
            let date = d.as_ref().map(|d| d.date.to_string()).unwrap_or_default();
            (
                format!("股价过热，{how_zh}（{date}），而没有公告确认实质性的业务或股权关系"),
                format!(
                    "hot; {how_en} ({date}), while no filing confirms a material business or equity tie"
                ),
                d,
            )
        }
        Verdict::Speculative => {
            // The company's newest word about the theme shows how thin the tie is.
            let d = last(&|_| true);
            let (when, when_en) = cited(d.as_ref());
            (
                format!("股价过热，公司没有宣传与{theme}的关联，而关联很弱{when}：市场在炒作"),
                format!(
                    "hot; the company did not promote a tie with {theme}, and the tie is tenuous{when_en}: the market trades it"
                ),
                d,
            )
        }
        Verdict::Substantive => {
            let d = last(&|d| d.result.substance >= Substance::Confirmed);
            (
                format!("公告确认与{theme}的业务或股权关系，且公司未称其占比很小"),
                format!(
                    "a filing confirms a business or equity tie with {theme}, not called small"
                ),
                d,
            )
        }
        Verdict::Cold => ("股价没有过热".to_string(), "not hot".to_string(), None),
    };
    Reason {
        zh,
        en,
        doc_id: doc.map(|d| d.doc_id),
        about: "verdict",
    }
}

/// A whole scan (docs/design.md §7 `scan`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanReport {
    /// The theme id.
    pub theme: String,
    /// The theme's display name.
    pub theme_name: String,
    /// The as-of date.
    pub asof: Date,
    /// The window in trading days.
    pub window: usize,
    /// The stocks, hottest with least substance first ([`sort_assessments`]).
    pub stocks: Vec<StockAssessment>,
}

fn heat_score(a: &StockAssessment) -> (u32, f64) {
    a.heat.as_ref().map_or((0, f64::NEG_INFINITY), |h| {
        (
            h.max_streak,
            h.excess
                .window
                .or(h.returns.window)
                .unwrap_or(f64::NEG_INFINITY),
        )
    })
}

/// Orders a scan (docs/design.md §6): by verdict (`hype_rider`, `speculative`, `unverified`,
/// `clarified`, `substantive`, `cold`), then highest heat (longest streak, then largest
/// window excess return), then code.
pub fn sort_assessments(list: &mut [StockAssessment]) {
    list.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then_with(|| {
                let (sa, xa) = heat_score(a);
                let (sb, xb) = heat_score(b);
                sb.cmp(&sa)
                    .then(xb.partial_cmp(&xa).unwrap_or(Ordering::Equal))
            })
            .then_with(|| a.code.cmp(&b.code))
    });
}

#[cfg(test)]
mod tests;
