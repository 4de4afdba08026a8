//! Heat against substance for one stock and one theme (docs/design.md §6, verdict v3):
//! `hype_rider` 蹭热点, `speculative` 炒作, `unverified` 待核实, `clarified` 已澄清,
//! `substantive` 有实质, `cold` 冷门, with the reasons as data ([`Reason`]: what each
//! explains, its facts, the document it rests on; `report` puts them in words) and the
//! evidence sentences.
//!
//! A verdict must be printable by a newspaper: an accusation (蹭热点) needs the company's own
//! words that promote the link behind it; silence or an evasive answer is reported (flag
//! `evasive`) but never, alone, an accusation; a missing fact is said to be missing (待核实).
//!
//! Pure: [`decide`] takes the classified documents, the heat, the revenue exposure and the
//! window, and returns the [`Decision`] (no text); [`assess_stock`] adds the reasons and the
//! evidence; [`sort_assessments`] orders a scan by verdict, then heat.

use std::cmp::Ordering;

use serde::Serialize;

use super::reason::{About, Fact, HeatFacts, Quote, Reason};
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

/// The verdict of a stock for a theme (docs/design.md §6 v3, fixed names), in the scan's sort
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 蹭热点: hot, and the company itself promoted the link while no filing confirms a
    /// material business or equity tie (or a filing denied what it promoted).
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
                "股价过热，且公司自己在宣传与题材的关联（自媒体或互动易回答里的合作、接入等说法），而没有公告确认实质性的业务或股权关系，或公告否认了它宣传的关联"
            }
            Verdict::Speculative => {
                "股价过热，公司没有宣传这一关联，但关联很弱（无证据、仅接入使用，或公告确认的业务占比很小）：是市场在炒作；公司对题材提问只作回避性回答的也在此，并标记回避提问"
            }
            Verdict::Unverified => {
                "股价过热，但仓库里没有公司关于该题材的公告、回答或帖子，也没有投资者就该题材的提问，或没有覆盖窗口的行情：缺什么，理由里写明"
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
                "hot, and the company itself promoted the link (claim or adoption language in its own posts or answers) while no filing confirms a material business or equity tie, or a filing denied what it promoted"
            }
            Verdict::Speculative => {
                "hot, the company did not promote the link, and the link is tenuous (no evidence, mere adoption, or a confirmed tie that is immaterial): the market trades it; a stock whose only words on the theme are evasive answers is here, flagged evasive"
            }
            Verdict::Unverified => {
                "hot, but the store holds no company announcement, answer or post about the theme and no investor question about it, or no bars cover the window; the reason names what is missing"
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
    /// Whether the membership that counts has a date (`None`: not a member that day).
    pub membership_dated: Option<bool>,
    /// The as-of day's trading facts (成交额, 换手率, 市值).
    pub market: Option<MarketFacts>,
}

/// The trading facts of the stock's as-of bar that a reporter quotes: 成交额, and from the
/// share counts (`import shares`) 换手率, 流通市值 and 总市值. `None` is unknown, never zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MarketFacts {
    /// The bar's date.
    pub date: Date,
    /// 成交额 in yuan.
    pub amount: Option<f64>,
    /// 换手率 as a fraction of the float: volume over the float shares as of the day, else
    /// the vendor's figure.
    pub turnover: Option<f64>,
    /// 流通市值 in yuan: close × float shares.
    pub float_cap: Option<f64>,
    /// 总市值 in yuan: close × total shares.
    pub total_cap: Option<f64>,
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

impl DocPart {
    /// The fixed name (`body`, `question`, `answer`), as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            DocPart::Body => "body",
            DocPart::Question => "question",
            DocPart::Answer => "answer",
        }
    }
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
    /// Whether that membership has a date (`added`); `None` when the stock is not a member
    /// that day (it is in scope through a document).
    pub membership_dated: Option<bool>,
    /// The as-of day's trading facts; `None` without bars.
    pub market: Option<MarketFacts>,
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
    // Heat counts a rise only: a fall that triggers the estimate is `abnormal`, not hot.
    let rose = m
        .abnormal
        .sum
        .iter()
        .chain(&m.abnormal.compound)
        .any(|e| e.direction == crate::market::Direction::Up);
    let hot = m.max_streak >= t.hot_streak || rose || excess.is_some_and(|x| x >= t.hot_excess);
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
pub const PROMOTION_LEAD_DAYS: i64 = 30;

/// What the rules decide for one stock as of a date, before any reason is put in words:
/// the substance, the flags, the verdict and the counts behind them. [`decide`] computes
/// it without allocating a reason or copying a sentence (the panel calls it for every
/// stock and day).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Substance.
    pub substance: Substance,
    /// Flags, sorted.
    pub flags: Vec<Flag>,
    /// The verdict.
    pub verdict: Verdict,
    /// Whether bars cover the window (heat known).
    pub heat_known: bool,
    /// Company documents about the theme read (not news, not an unanswered question).
    pub docs_checked: usize,
    /// The newest of their dates.
    pub newest_evidence: Option<Date>,
    /// Investors' questions about the theme.
    pub asked: usize,
    /// Of them, unanswered or answered evasively.
    pub evaded: usize,
    /// The informal and the filing sentence behind `inconsistent` (indices into the
    /// documents: document, sentence).
    inconsistent: Option<((usize, usize), (usize, usize))>,
}

/// Heat facts [`decide`] needs: hot, abnormal, and the bar's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeatSignal {
    /// Hot by the thresholds.
    pub hot: bool,
    /// An abnormal-fluctuation estimate fired in the window.
    pub abnormal: bool,
    /// The stock's last bar on or before the as-of date.
    pub bar_date: Date,
}

/// The company's own words about the theme: not news, not an unanswered question.
fn is_company(d: &ClassifiedDoc) -> bool {
    d.kind != Kind::News && !d.unanswered
}

fn has_theme(d: &ClassifiedDoc) -> bool {
    !d.result.sentences.is_empty()
}

/// The substance level of one sentence of a document of `kind`.
fn sentence_level(kind: Kind, classes: &[Class]) -> Substance {
    crate::text::document_substance(kind, std::slice::from_ref(&classes.to_vec()), false).0
}

/// The informal sentence with the highest substance and the filing sentence at the filings'
/// highest level, when the informal one is higher: the two texts behind `inconsistent`.
fn inconsistency(docs: &[ClassifiedDoc]) -> Option<((usize, usize), (usize, usize))> {
    let best = |informal: bool| {
        let mut out: Option<(Substance, (usize, usize))> = None;
        for (i, d) in docs.iter().enumerate() {
            let fits = if informal {
                matches!(d.kind, Kind::Post | Kind::Qa) && !d.unanswered
            } else {
                matches!(d.kind, Kind::Announcement | Kind::Regulator)
            };
            if !fits {
                continue;
            }
            for (j, s) in d.result.sentences.iter().enumerate() {
                if informal && s.part == Part::Question {
                    continue;
                }
                let level = sentence_level(d.kind, &s.classes);
                // A filing's denial is a level too (below `none`); an informal word counts
                // from adoption up.
                let counts = if informal {
                    level > Substance::None
                } else {
                    level != Substance::None
                };
                if counts && out.is_none_or(|(l, _)| level >= l) {
                    out = Some((level, (i, j)));
                }
            }
        }
        out
    };
    let (li, informal) = best(true)?;
    let (lf, filing) = best(false)?;
    (li >= Substance::Adopter && li > lf).then_some((informal, filing))
}

/// Decides substance, flags and verdict for one stock as of `asof` (docs/design.md §6,
/// verdict v3) from its documents about the theme (those dated after `asof` are ignored),
/// its heat, its revenue exposure and the window's first day.
///
/// Substance is the text aggregate of the documents (the filing sets it when filings
/// speak), lifted to `material` when confirmed and the exposure is material. Flags, one per
/// fact: the text flags (`promoted` only from posts and answers dated in the window or the
/// 30 days before it; `stale` when the newest company word is over a year old;
/// `inconsistent` only when an informal sentence sits at a higher level than every
/// filing's), `abnormal`, and from a segments table exactly one of `immaterial` (a theme
/// segment under the materiality threshold) and `core_unrelated` (no theme segment, and
/// unrelated ones carry 90% or more).
///
/// The verdict, first rule that holds: `substantive` when confirmed or material and not
/// `immaterial`; `cold` when heat is known and not hot; `unverified` when no bars cover the
/// window, or the store holds no company words about the theme and no investor question
/// about it; `clarified` when disclaimed and not promoted; `hype_rider` when promoted (the
/// substance is then at most `claimed`, or confirmed but immaterial, or a denial); else
/// `speculative` (an evasive answer alone is reported, never an accusation).
pub fn decide(
    docs: &[ClassifiedDoc],
    heat: Option<HeatSignal>,
    exposure: Option<&PeriodExposure>,
    asof: Date,
    window_from: Date,
    t: &Thresholds,
) -> Decision {
    let docs = &docs[..docs.partition_point(|d| d.date <= asof)];
    let ev: Vec<DocEvidence> = docs
        .iter()
        .filter(|d| has_theme(d))
        .map(|d| DocEvidence::of(d.date, d.kind, &d.result))
        .collect();
    let promoted_from = window_from - chrono::Duration::days(PROMOTION_LEAD_DAYS);
    let agg = aggregate_asof(&ev, Some(asof), Some(promoted_from));
    let mut substance = agg.substance;
    let mut flags = agg.flags;
    let inconsistent = if flags.contains(&Flag::Inconsistent) {
        inconsistency(docs)
    } else {
        None
    };
    if inconsistent.is_none() {
        flags.retain(|f| *f != Flag::Inconsistent);
    }
    if let Some(x) = exposure {
        if substance == Substance::Confirmed && x.is_material(&t.exposure) {
            substance = Substance::Material;
        }
        if x.theme_segments.is_empty() {
            if x.is_core_unrelated(&t.exposure) {
                flags.push(Flag::CoreUnrelated);
            }
        } else if !x.is_material(&t.exposure) {
            flags.push(Flag::Immaterial);
        }
    }
    // Bars that stop before the window leave the heat unknown.
    let heat = heat.filter(|h| h.bar_date >= window_from);
    if heat.is_some_and(|h| h.abnormal) {
        flags.push(Flag::Abnormal);
    }
    flags.sort();
    flags.dedup();
    let (mut checked, mut newest, mut asked, mut evaded) = (0, None, 0, 0);
    for d in docs.iter().filter(|d| has_theme(d)) {
        if is_company(d) {
            checked += 1;
            newest = newest.max(Some(d.date));
        }
        if d.kind == Kind::Qa {
            asked += 1;
            if d.unanswered || d.result.flags.contains(&Flag::Evasive) {
                evaded += 1;
            }
        }
    }
    let has = |f: Flag| flags.contains(&f);
    let verdict = if substance >= Substance::Confirmed && !has(Flag::Immaterial) {
        Verdict::Substantive
    } else if heat.is_some_and(|h| !h.hot) {
        Verdict::Cold
    } else if heat.is_none() || (checked == 0 && asked == 0) {
        Verdict::Unverified
    } else if substance == Substance::Disclaimed && !has(Flag::Promoted) {
        Verdict::Clarified
    } else if has(Flag::Promoted) {
        Verdict::HypeRider
    } else {
        Verdict::Speculative
    };
    Decision {
        substance,
        flags,
        verdict,
        heat_known: heat.is_some(),
        docs_checked: checked,
        newest_evidence: newest,
        asked,
        evaded,
        inconsistent,
    }
}

/// Assesses one stock for a theme as of `asof`: [`decide`], with the reasons as data (the
/// verdict's first, then the heat, the substance, one per flag, and the concept board's
/// listing reason when the substance is at most `adopter`) and the evidence sentences.
pub fn assess_stock(input: &StockInput<'_>, asof: Date, t: &Thresholds) -> StockAssessment {
    let docs = &input.docs[..input.docs.partition_point(|d| d.date <= asof)];
    let window_from = input
        .window_from
        .unwrap_or_else(|| window_start_estimate(asof, t.window));
    let signal = input.heat.map(|h| HeatSignal {
        hot: h.hot,
        abnormal: h.abnormal,
        bar_date: h.bar_date,
    });
    let d = decide(docs, signal, input.exposure, asof, window_from, t);
    let with_theme: Vec<&ClassifiedDoc> = docs.iter().filter(|d| has_theme(d)).collect();
    let mut reasons = vec![verdict_reason(&d, input.heat, &with_theme, asof)];
    reasons.push(match input.heat {
        Some(h) => Reason::plain(
            About::Heat,
            Fact::Heat(HeatFacts {
                hot: h.hot,
                streak: h.streak,
                max_streak: h.max_streak,
                window: t.window,
                ret: h.returns.window,
                excess: h.excess.window,
                abnormal: h.abnormal,
                st_unknown: h.st_unknown,
            }),
        ),
        None => Reason::plain(About::Heat, Fact::HeatUnknown),
    });
    reasons.push(substance_reason(
        d.substance,
        &with_theme,
        input.exposure,
        t,
    ));
    for f in &d.flags {
        if let Some(r) = flag_reason(*f, &d, docs, &with_theme, input.exposure) {
            reasons.push(r);
        }
    }
    if d.substance <= Substance::Adopter {
        if let Some(reason) = input.membership.and_then(|m| m.reason.as_deref()) {
            reasons.push(Reason::plain(
                About::Membership,
                Fact::Listed {
                    reason: reason.to_string(),
                },
            ));
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
        heat: input.heat.cloned(),
        market: input.market,
        substance: d.substance,
        flags: d.flags.clone(),
        verdict: d.verdict,
        reasons,
        docs_checked: d.docs_checked,
        newest_evidence: d.newest_evidence,
        evidence,
        membership: input.membership.cloned(),
        membership_dated: input.membership_dated,
        exposure: input.exposure.map(|x| ExposureSummary {
            period: x.period,
            theme_share: non_negative(x.theme_share),
            unrelated_share: non_negative(x.unrelated_share),
            largest_unrelated: x.largest_unrelated.as_ref().map(|s| s.segment.clone()),
        }),
    }
}

/// A share that rounding left at `-0.0` or a hair below zero, as zero.
fn non_negative(x: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

fn last<'a>(
    docs: &[&'a ClassifiedDoc],
    pred: impl Fn(&ClassifiedDoc) -> bool,
) -> Option<&'a ClassifiedDoc> {
    docs.iter().rev().find(|d| pred(d)).copied()
}

/// The reason of the verdict itself: what it rests on, or what is missing.
fn verdict_reason(
    d: &Decision,
    heat: Option<&Heat>,
    docs: &[&ClassifiedDoc],
    asof: Date,
) -> Reason {
    let company: Vec<&ClassifiedDoc> = docs.iter().copied().filter(|d| is_company(d)).collect();
    let (fact, doc) = match d.verdict {
        Verdict::Unverified if !d.heat_known => match heat {
            Some(h) => (
                Fact::BarsEndBeforeWindow {
                    bar_date: h.bar_date,
                    asof,
                },
                None,
            ),
            None => (Fact::NoBars, None),
        },
        Verdict::Unverified => match last(docs, |d| d.kind == Kind::News) {
            Some(news) => (Fact::OnlyNews { asof }, Some(news)),
            None => (Fact::NoCompanyWords { asof }, None),
        },
        Verdict::Clarified => (
            Fact::Denied,
            last(&company, |d| d.result.substance == Substance::Disclaimed),
        ),
        Verdict::HypeRider => (
            Fact::PromotedWithoutFiling,
            last(&company, |d| d.result.flags.contains(&Flag::Promoted)),
        ),
        Verdict::Speculative => {
            let evasive_only = d.asked > 0
                && company
                    .iter()
                    .all(|d| d.result.flags.contains(&Flag::Evasive));
            // The company's newest word about the theme shows how thin the tie is; without
            // one, the newest question it left unanswered.
            let unanswered = evasive_only && company.is_empty();
            let doc = company.last().copied().or_else(|| docs.last().copied());
            (
                Fact::Tenuous {
                    evasive_only,
                    unanswered,
                },
                doc,
            )
        }
        Verdict::Substantive => (
            Fact::FilingConfirms,
            last(&company, |d| d.result.substance >= Substance::Confirmed),
        ),
        Verdict::Cold => (Fact::NotHot, None),
    };
    Reason::cites(About::Verdict, fact, doc)
}

fn substance_reason(
    s: Substance,
    docs: &[&ClassifiedDoc],
    exposure: Option<&PeriodExposure>,
    t: &Thresholds,
) -> Reason {
    let at = |level: Substance| last(docs, |d| d.result.substance == level);
    let (fact, doc) = match s {
        Substance::Disclaimed => (Fact::Disclaimed, at(Substance::Disclaimed)),
        Substance::Material | Substance::Confirmed => (
            Fact::Confirmed {
                material_share: exposure
                    .filter(|x| s == Substance::Material && x.is_material(&t.exposure))
                    .map(|x| x.theme_share),
            },
            at(Substance::Confirmed),
        ),
        Substance::Claimed => (Fact::Claimed, at(Substance::Claimed)),
        Substance::Adopter => (Fact::Adopter, at(Substance::Adopter)),
        Substance::None => (Fact::NoSubstance, None),
    };
    Reason::cites(About::Substance, fact, doc)
}

fn quote(docs: &[ClassifiedDoc], (i, j): (usize, usize)) -> Quote {
    let d = &docs[i];
    Quote {
        doc_id: d.doc_id.clone(),
        date: d.date,
        kind: d.kind,
        text: d.result.sentences[j].text.clone(),
    }
}

fn flag_reason(
    flag: Flag,
    d: &Decision,
    all: &[ClassifiedDoc],
    docs: &[&ClassifiedDoc],
    exposure: Option<&PeriodExposure>,
) -> Option<Reason> {
    let about = About::Flag(flag);
    let with = |pred: &dyn Fn(&ClassifiedDoc) -> bool| last(docs, pred);
    let r = match flag {
        Flag::Inconsistent => {
            let (informal, filing) = d.inconsistent?;
            let doc = &all[informal.0];
            Reason::cites(
                about,
                Fact::Inconsistent {
                    informal: quote(all, informal),
                    filing: quote(all, filing),
                },
                Some(doc),
            )
        }
        Flag::Evasive => Reason::cites(
            about,
            Fact::Evasive {
                asked: d.asked,
                evaded: d.evaded,
            },
            with(&|d| {
                d.kind == Kind::Qa && (d.unanswered || d.result.flags.contains(&Flag::Evasive))
            }),
        ),
        Flag::Warned => Reason::cites(
            about,
            Fact::Warned,
            Some(with(&|d| d.result.flags.contains(&Flag::Warned))?),
        ),
        Flag::CoreUnrelated => {
            let x = exposure?;
            Reason::plain(
                about,
                Fact::CoreUnrelated {
                    share: non_negative(x.unrelated_share),
                    segment: x.largest_unrelated.as_ref().map(|s| s.segment.clone()),
                    period: x.period,
                },
            )
        }
        Flag::Immaterial => match with(&|d| d.result.flags.contains(&Flag::Immaterial)) {
            Some(doc) => Reason::cites(
                about,
                Fact::StatedImmaterial {
                    share_pct: doc.result.share,
                    segments: exposure
                        .filter(|x| !x.theme_segments.is_empty())
                        .map(|x| (non_negative(x.theme_share), x.period)),
                },
                Some(doc),
            ),
            None => {
                let x = exposure?;
                Reason::plain(
                    about,
                    Fact::SegmentsImmaterial {
                        share: non_negative(x.theme_share),
                        period: x.period,
                    },
                )
            }
        },
        Flag::Promoted => Reason::cites(
            about,
            Fact::Promotes,
            Some(with(&|d| d.result.flags.contains(&Flag::Promoted))?),
        ),
        Flag::Stale => Reason::cites(about, Fact::Stale, Some(with(&|d| d.kind != Kind::News)?)),
        Flag::Abnormal => Reason::plain(about, Fact::Abnormal),
    };
    Some(r)
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
