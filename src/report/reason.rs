//! The reasons of an assessment in words ([`text`]), Chinese or English, and as JSON with
//! their facts beside the words ([`json`]); and the market facts a reporter quotes
//! (成交额 in 万元/亿元, [`amount`]; 换手率; 市值).

use serde_json::{json, Value};

use crate::assess::{Fact, Reason, StockAssessment};
use crate::model::{printable, Lang};
use crate::text::Kind;

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

/// A signed percentage with two decimals; a change that rounds to zero is "+0.00%".
fn signed_pct(x: f64) -> String {
    let p = x * 100.0;
    format!("{:+.2}%", if p.abs() < 0.005 { 0.0 } else { p })
}

/// A share of revenue in percent with one decimal; under 0.05% it is "<0.1%" (never
/// "-0.0%" or "0.0%" for a segment that exists).
pub fn share_pct(x: f64) -> String {
    if x < 0.0005 {
        "<0.1%".to_string()
    } else {
        format!("{:.1}%", x * 100.0)
    }
}

/// 成交额 in the unit a reporter uses: 亿元 from 1亿 up, else 万元 ("2812万", "3.05亿";
/// English "28.12m yuan", "305m yuan" keeps 万/亿 out: "CNY 28.1m").
pub fn amount(yuan: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh if yuan >= 1e8 => format!("{:.2}亿", yuan / 1e8),
        Lang::Zh => format!("{:.0}万", yuan / 1e4),
        Lang::En if yuan >= 1e9 => format!("CNY {:.2}bn", yuan / 1e9),
        Lang::En => format!("CNY {:.1}m", yuan / 1e6),
    }
}

/// A market value (市值) in 亿元 / CNY bn.
pub fn cap(yuan: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{:.2}亿", yuan / 1e8),
        Lang::En => format!("CNY {:.2}bn", yuan / 1e9),
    }
}

/// A 换手率 (a fraction) in percent.
pub fn turnover(t: f64) -> String {
    format!("{:.2}%", t * 100.0)
}

/// A market fact in words: `show` of the value, "未知" / "unknown" when it is unknown.
pub fn fact(value: Option<f64>, show: impl Fn(f64) -> String, lang: Lang) -> String {
    value.map_or_else(|| unknown(lang).to_string(), show)
}

/// What an unknown market fact shows ("未知" / "unknown"), never 0.
pub fn unknown(lang: Lang) -> &'static str {
    lang.pick("未知", "unknown")
}

/// The kind and date of the cited document in brackets ("（公告 2025-02-07）",
/// " (an announcement of 2025-02-07)"); empty without one.
fn cited(r: &Reason, lang: Lang) -> String {
    match (r.doc_kind, r.date, lang) {
        (Some(k), Some(d), Lang::Zh) => format!("（{} {d}）", kind_zh(k)),
        (Some(k), Some(d), Lang::En) => format!(" ({} of {d})", kind_en(k)),
        _ => String::new(),
    }
}

fn date_of(r: &Reason) -> String {
    r.date.map(|d| d.to_string()).unwrap_or_default()
}

/// The kind of the cited document in the language ("公告" / "an announcement").
fn doc_kind(r: &Reason, lang: Lang) -> &'static str {
    let k = r.doc_kind.unwrap_or(Kind::Announcement);
    lang.pick(kind_zh(k), kind_en(k))
}

/// A reason in words, for a theme named `theme`.
pub fn text(r: &Reason, theme: &str, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let when = cited(r, lang);
    let date = date_of(r);
    match &r.fact {
        Fact::NoBars => lang
            .pick(
                "仓库里没有该股的行情：热度未知，无法判断",
                "no bars for this stock in the store: heat unknown, no verdict",
            )
            .to_string(),
        Fact::BarsEndBeforeWindow { bar_date, asof } => match lang {
            Lang::Zh => {
                format!("行情只到{bar_date}，没有覆盖截至{asof}的观察窗口：热度未知，无法判断")
            }
            Lang::En => format!(
                "the bars end on {bar_date}, before the window up to {asof}: heat unknown, no verdict"
            ),
        },
        Fact::NoCompanyWords { asof } => match lang {
            Lang::Zh => format!(
                "股价过热，但仓库里没有截至{asof}公司关于{theme}的公告、监管函件、互动易回答或自媒体帖子，也没有投资者就此提问：需导入或抓取后再判断"
            ),
            Lang::En => format!(
                "hot, but the store holds no announcement, regulator notice, investor Q&A answer or post of the company about {theme} up to {asof}, and no investor question about it: import or fetch them before judging"
            ),
        },
        Fact::OnlyNews { asof } => match lang {
            Lang::Zh => format!(
                "股价过热，截至{asof}仓库里只有新闻对公司与{theme}关联的报道{when}，没有公司自己的公告、监管函件、互动易回答或帖子：新闻转述不算公司表态，需导入原文后再判断"
            ),
            Lang::En => format!(
                "hot, but up to {asof} the store holds only news about the company's tie with {theme}{when}, no announcement, regulator notice, answer or post of the company: a news report is not the company's word; import the original before judging"
            ),
        },
        Fact::Denied => match lang {
            Lang::Zh => format!("股价过热，公司已否认与{theme}的关联{when}，且未宣传这一关联"),
            Lang::En => {
                format!("hot; the company denied a tie with {theme}{when} and did not promote it")
            }
        },
        Fact::PromotedWithoutFiling => match lang {
            Lang::Zh => format!(
                "股价过热，公司自己在宣传与题材的关联{when}，而没有公告确认实质性的业务或股权关系"
            ),
            Lang::En => format!(
                "hot; the company itself promotes the tie{when}, while no filing confirms a material business or equity tie"
            ),
        },
        Fact::Tenuous {
            unanswered: true, ..
        } => match lang {
            Lang::Zh => format!(
                "股价过热，投资者关于{theme}的提问尚未获回答（提问 {date}），公司也没有宣传这一关联：市场在炒作"
            ),
            Lang::En => format!(
                "hot; investors' question about {theme} (asked {date}) has no answer yet, and the company did not promote a tie: the market trades it"
            ),
        },
        Fact::Tenuous {
            evasive_only: true, ..
        } => match lang {
            Lang::Zh => format!(
                "股价过热，公司对{theme}的提问没有给出实质回答{when}，也没有宣传这一关联：市场在炒作"
            ),
            Lang::En => format!(
                "hot; the company gave no real answer to questions about {theme}{when} and did not promote a tie: the market trades it"
            ),
        },
        Fact::Tenuous { .. } => match lang {
            Lang::Zh => {
                format!("股价过热，公司没有宣传与{theme}的关联，而关联很弱{when}：市场在炒作")
            }
            Lang::En => format!(
                "hot; the company did not promote a tie with {theme}, and the tie is tenuous{when}: the market trades it"
            ),
        },
        Fact::FilingConfirms => match lang {
            Lang::Zh => format!("公告确认与{theme}的业务或股权关系，且公司未称其占比很小"),
            Lang::En => {
                format!("a filing confirms a business or equity tie with {theme}, not called small")
            }
        },
        Fact::NotHot => lang.pick("股价没有过热", "not hot").to_string(),
        Fact::HeatUnknown => lang
            .pick(
                "仓库里没有该股的行情数据，热度未知",
                "no bars for this stock in the store; heat unknown",
            )
            .to_string(),
        Fact::Heat(h) => {
            let mut parts: Vec<String> = Vec::new();
            if h.max_streak == 1 && h.streak == 0 {
                parts.push(lang.pick("窗口内有涨停", "a limit-up close in the window").into());
            } else if h.max_streak >= 1 {
                parts.push(match (lang, h.streak == h.max_streak) {
                    (Lang::Zh, true) => format!("{}连板", h.streak),
                    (Lang::En, true) => format!("{} straight limit-up closes", h.streak),
                    (Lang::Zh, false) => format!("窗口内最高{}连板", h.max_streak),
                    (Lang::En, false) => format!(
                        "up to {} straight limit-up closes in the window",
                        h.max_streak
                    ),
                });
            }
            if let Some(x) = h.ret {
                parts.push(match lang {
                    Lang::Zh => format!("{}日涨幅{}", h.window, signed_pct(x)),
                    Lang::En => format!("{}-day return {}", h.window, signed_pct(x)),
                });
            }
            if let Some(x) = h.excess {
                parts.push(format!("{}{}", lang.pick("超额", "excess "), signed_pct(x)));
            }
            if h.abnormal {
                parts.push(
                    lang.pick("触发异常波动（估算）", "abnormal fluctuation (estimate)")
                        .into(),
                );
            }
            if h.st_unknown {
                parts.push(
                    lang.pick(
                        "ST状态未知，未判涨跌停",
                        "ST status unknown, so no limit is asserted",
                    )
                    .into(),
                );
            }
            if !h.hot {
                parts.insert(0, lang.pick("未过热", "not hot").into());
            }
            parts.join(lang.pick("，", ", "))
        }
        Fact::Disclaimed => match lang {
            Lang::Zh => format!("{}否认与{theme}存在关联（{date}）", doc_kind(r, lang)),
            Lang::En => format!("{} denies any tie with {theme} ({date})", doc_kind(r, lang)),
        },
        Fact::Confirmed { material_share } => {
            let mut s = match lang {
                Lang::Zh => format!("公告确认与{theme}的业务或股权关系（{date}）"),
                Lang::En => {
                    format!("an announcement confirms a business or equity tie with {theme} ({date})")
                }
            };
            if let Some(x) = material_share {
                s.push_str(&match lang {
                    Lang::Zh => format!("，相关业务占营收{}", share_pct(*x)),
                    Lang::En => format!("; the theme's segments carry {} of revenue", share_pct(*x)),
                });
            }
            s
        }
        Fact::Claimed => match lang {
            Lang::Zh => format!("{}声称与{theme}有关联，未见公告确认（{date}）", doc_kind(r, lang)),
            Lang::En => format!(
                "{} claims a tie with {theme} that no announcement confirms ({date})",
                doc_kind(r, lang)
            ),
        },
        Fact::Adopter => match lang {
            Lang::Zh => format!("仅接入或适配{theme}（{date}），任何公司都能做到"),
            Lang::En => format!("only adopts {theme} ({date}), which anyone can do"),
        },
        Fact::NoSubstance => match lang {
            Lang::Zh => format!("未找到公司关于{theme}的实质表态"),
            Lang::En => format!("no company statement of substance about {theme}"),
        },
        Fact::Inconsistent { informal, filing } => {
            let q = |t: &str| printable(t).replace('\n', " ");
            match lang {
                Lang::Zh => format!(
                    "{}（{}）称「{}」，而{}（{}）只说「{}」",
                    kind_zh(informal.kind),
                    informal.date,
                    q(&informal.text),
                    kind_zh(filing.kind),
                    filing.date,
                    q(&filing.text)
                ),
                Lang::En => format!(
                    "{} ({}) says \"{}\", while {} ({}) says only \"{}\"",
                    kind_en(informal.kind),
                    informal.date,
                    q(&informal.text),
                    kind_en(filing.kind),
                    filing.date,
                    q(&filing.text)
                ),
            }
        }
        Fact::Evasive { asked, evaded } => {
            let when = match (date.is_empty(), zh) {
                (true, _) => String::new(),
                (false, true) => format!("（{date}）"),
                (false, false) => format!(" ({date})"),
            };
            match (lang, asked == evaded) {
                (Lang::Zh, true) => format!("{evaded} 个关于题材的提问未获回应{when}"),
                (Lang::Zh, false) => {
                    format!("{asked} 个关于题材的提问中 {evaded} 个未获回应{when}")
                }
                (Lang::En, true) if *evaded == 1 => {
                    format!("1 investor question about the theme got no real answer{when}")
                }
                (Lang::En, true) => format!(
                    "{evaded} investor questions about the theme got no real answer{when}"
                ),
                (Lang::En, false) => format!(
                    "{evaded} of {asked} investor questions about the theme got no real answer{when}"
                ),
            }
        }
        Fact::Warned => match lang {
            Lang::Zh => format!("公告提示相关业务存在不确定性（{date}）"),
            Lang::En => format!("an announcement warns the business is uncertain ({date})"),
        },
        Fact::CoreUnrelated {
            share,
            segment,
            period,
        } => {
            let seg = segment.as_deref().map(printable).unwrap_or_default();
            match lang {
                Lang::Zh => format!(
                    "主业与题材无关：没有与题材相关的业务分部，无关业务占营收{}（最大为{seg}，{period}）",
                    share_pct(*share)
                ),
                Lang::En => format!(
                    "core business unrelated: no segment matches the theme, unrelated segments carry {} of revenue (largest {seg}, {period})",
                    share_pct(*share)
                ),
            }
        }
        Fact::SegmentsImmaterial { share, period } => match lang {
            Lang::Zh => format!(
                "主营构成中题材相关业务仅占营收{}，低于实质门槛（{period}）",
                share_pct(*share)
            ),
            Lang::En => format!(
                "the theme's segments carry only {} of revenue, under the materiality threshold ({period})",
                share_pct(*share)
            ),
        },
        Fact::StatedImmaterial {
            share_pct: stated,
            segments,
        } => {
            let share = stated.map(|s| format!("{}{s}%", lang.pick("：", ": ")));
            let share = share.unwrap_or_default();
            let seg = segments.map_or(String::new(), |(x, period)| match lang {
                Lang::Zh => format!("；主营构成（{period}）中题材相关业务占营收{}", share_pct(x)),
                Lang::En => format!(
                    "; the theme's segments carry {} of revenue ({period})",
                    share_pct(x)
                ),
            });
            match lang {
                Lang::Zh => format!("{}称相关业务占比很小{share}（{date}）{seg}", doc_kind(r, lang)),
                Lang::En => format!("{} states the business is small{share} ({date}){seg}", doc_kind(r, lang)),
            }
        }
        Fact::Promotes => match lang {
            Lang::Zh => format!("{}将公司与题材挂钩（{date}）", doc_kind(r, lang)),
            Lang::En => format!("{} ties the company to the theme ({date})", doc_kind(r, lang)),
        },
        Fact::Stale => match lang {
            Lang::Zh => format!("公司最近一次相关表态已超过一年（{date}）"),
            Lang::En => format!("the company's latest word on the theme is over a year old ({date})"),
        },
        Fact::Abnormal => lang
            .pick(
                "窗口内触发异常波动（按行情估算，非交易所公告）",
                "an abnormal-fluctuation trigger in the window (estimated from bars, not the exchange's notice)",
            )
            .to_string(),
        Fact::Listed { reason } => match lang {
            Lang::Zh => format!("列入{theme}概念的理由：{reason}"),
            Lang::En => format!("listed in the {theme} concept because: {reason}"),
        },
    }
}

/// A reason as JSON: `about`, `kind`, `values`, `doc_id`, `date` (the facts) and `zh`,
/// `en` (the words).
pub fn json(r: &Reason, theme: &str) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.insert("zh".into(), json!(text(r, theme, Lang::Zh)));
        m.insert("en".into(), json!(text(r, theme, Lang::En)));
        // A fact without numbers still has an (empty) `values`.
        m.entry("values").or_insert_with(|| json!({}));
    }
    v
}

/// An assessment as JSON, its reasons with their words ([`json`]).
pub fn assessment_json(a: &StockAssessment, theme: &str) -> Value {
    let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
    if let Some(Value::Array(list)) = v.get_mut("reasons") {
        *list = a.reasons.iter().map(|r| json(r, theme)).collect();
    }
    v
}

/// The verdict's own reason of an assessment, in words.
pub fn verdict_text(a: &StockAssessment, theme: &str, lang: Lang) -> String {
    a.reasons
        .iter()
        .find(|r| r.about == crate::assess::About::Verdict)
        .map_or(String::new(), |r| text(r, theme, lang))
}

/// Every reason of an assessment in words, joined.
pub fn all_text(a: &StockAssessment, theme: &str, lang: Lang) -> String {
    let list: Vec<String> = a.reasons.iter().map(|r| text(r, theme, lang)).collect();
    list.join(lang.pick("；", "; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_amounts_and_unknowns_read_as_a_reporter_writes_them() {
        assert_eq!(share_pct(-0.0), "<0.1%");
        assert_eq!(share_pct(0.0004), "<0.1%");
        assert_eq!(share_pct(0.05), "5.0%");
        assert_eq!(amount(28_120_000.0, Lang::Zh), "2812万");
        assert_eq!(amount(305_000_000.0, Lang::Zh), "3.05亿");
        assert_eq!(amount(28_120_000.0, Lang::En), "CNY 28.1m");
        assert_eq!(unknown(Lang::Zh), "未知");
    }
}
