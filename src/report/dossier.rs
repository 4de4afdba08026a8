//! A stock's dossier (`stock`): the terminal table with the abnormal-fluctuation estimate
//! and the revenue mix (主营构成), and the JSON.

use super::table::{color_wanted, marked, new_table, num, pct, wrap};
use crate::assess::MarketDossier;
use crate::exposure::PeriodMix;
use crate::market::Direction;
use crate::model::{Lang, SegmentKind};

/// The dossier as JSON, as `stock --json` writes it: the dossier's fields, `revenue_mix`
/// when `mix` is given, and the `extra` fields (`impossible`, `theme`, `assessment`).
pub fn json(
    d: &MarketDossier,
    mix: Option<&PeriodMix>,
    extra: Vec<(&str, serde_json::Value)>,
) -> String {
    let mut doc = serde_json::to_value(d).unwrap_or_default();
    if let Some(obj) = doc.as_object_mut() {
        if let Some(m) = mix {
            obj.insert("revenue_mix".into(), mix_json(m));
        }
        for (k, v) in extra {
            obj.insert(k.into(), v);
        }
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// How many segments the revenue section lists; the rest are summed on one line.
const SHOWN_SEGMENTS: usize = 5;

/// `revenue_mix` in `stock --json`: `{period, basis, segments: [{segment, share}]}`,
/// shares as fractions.
fn mix_json(m: &PeriodMix) -> serde_json::Value {
    let segments: Vec<serde_json::Value> = m
        .segments
        .iter()
        .map(|s| serde_json::json!({"segment": s.segment, "share": s.share}))
        .collect();
    serde_json::json!({"period": m.period, "basis": m.basis.as_str(), "segments": segments})
}

/// The revenue section (主营构成) of the dossier: the latest period's largest segments.
pub fn mix_table(m: &PeriodMix, lang: Lang) -> String {
    let basis = match (m.basis, lang) {
        (SegmentKind::Product, Lang::Zh) => "按产品",
        (SegmentKind::Industry, Lang::Zh) => "按行业",
        (_, Lang::Zh) => "未分类",
        (SegmentKind::Product, Lang::En) => "by product",
        (SegmentKind::Industry, Lang::En) => "by industry",
        (_, Lang::En) => "unclassified",
    };
    let mut out = match lang {
        Lang::Zh => format!("主营构成（{}，{basis}）：\n", m.period),
        Lang::En => format!("Revenue mix ({}, {basis}):\n", m.period),
    };
    let mut t = new_table(&[lang.pick("分项", "segment"), lang.pick("收入占比", "share")]);
    for s in m.segments.iter().take(SHOWN_SEGMENTS) {
        t.add_row(vec![
            comfy_table::Cell::new(&s.segment),
            num(format!("{:.2}%", s.share * 100.0)),
        ]);
    }
    let rest = &m.segments[m.segments.len().min(SHOWN_SEGMENTS)..];
    if !rest.is_empty() {
        let share: f64 = rest.iter().map(|s| s.share).sum();
        let label = match lang {
            Lang::Zh => format!("另 {} 项", rest.len()),
            Lang::En => format!("{} more", rest.len()),
        };
        t.add_row(vec![
            comfy_table::Cell::new(label),
            num(format!("{:.2}%", share * 100.0)),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out
}

/// The dossier as a terminal table, with the abnormal-fluctuation estimate below it.
pub fn table(d: &MarketDossier, width: Option<u16>, lang: Lang) -> String {
    let color = color_wanted();
    let yes_no = |b: bool| {
        if b {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        }
    };
    let price = |p: Option<f64>| p.map_or("-".to_string(), |p| format!("{p:.2}"));
    let mut head = format!(
        "{} {}  {}{}  {}",
        d.code,
        match &d.name {
            Some(n) if d.name_current => format!("{n}{}", crate::messages::current_name(lang)),
            Some(n) => n.clone(),
            None => String::new(),
        },
        d.board.name(lang),
        match d.st {
            Some(true) => "  ST".to_string(),
            Some(false) => String::new(),
            None => format!("  {}", crate::messages::st_unknown(lang)),
        },
        d.bar_date
    );
    if d.bar_date != d.asof {
        head.push_str(&match lang {
            Lang::Zh => format!("（{} 未交易，取此前最后一个交易日）", d.asof),
            Lang::En => format!(" ({} not traded; the last bar before it)", d.asof),
        });
    }
    let mut t = new_table(&[lang.pick("项目", "item"), lang.pick("数值", "value")]);
    let limit = match (d.limit_pct, d.st) {
        (Some(p), _) => format!("±{p}%"),
        (None, None) => crate::messages::st_unknown(lang).to_string(),
        (None, Some(_)) => lang.pick("无涨跌幅限制", "no limit").to_string(),
    };
    let stat = match lang {
        Lang::Zh => format!("{}天{}板", d.up_stat.days, d.up_stat.boards),
        Lang::En => format!("{} boards in {} days", d.up_stat.boards, d.up_stat.days),
    };
    let rows: Vec<(&str, comfy_table::Cell)> = vec![
        (lang.pick("收盘", "close"), num(format!("{:.2}", d.close))),
        (lang.pick("涨跌幅", "change"), pct(d.returns.d1, color)),
        (lang.pick("涨跌幅限制", "daily limit"), num(limit)),
        (
            lang.pick("涨停价", "limit-up price"),
            num(price(d.limit_up_price)),
        ),
        (
            lang.pick("跌停价", "limit-down price"),
            num(price(d.limit_down_price)),
        ),
        (
            lang.pick("涨停", "limit-up close"),
            marked(yes_no(d.limit_up), true, color && d.limit_up),
        ),
        (
            lang.pick("跌停", "limit-down close"),
            marked(yes_no(d.limit_down), false, color && d.limit_down),
        ),
        (lang.pick("炸板", "failed seal"), num(yes_no(d.blown))),
        (
            lang.pick("一字板", "one-price board"),
            num(yes_no(d.one_price)),
        ),
        (
            lang.pick("成交额", "amount"),
            num(super::reason::fact(
                d.amount,
                |a| super::reason::amount(a, lang),
                lang,
            )),
        ),
        (
            lang.pick("换手率", "turnover"),
            num(super::reason::fact(
                d.turnover,
                super::reason::turnover,
                lang,
            )),
        ),
        (
            lang.pick("流通市值", "float market value"),
            num(super::reason::fact(
                d.float_cap,
                |c| super::reason::cap(c, lang),
                lang,
            )),
        ),
        (
            lang.pick("总市值", "total market value"),
            num(super::reason::fact(
                d.total_cap,
                |c| super::reason::cap(c, lang),
                lang,
            )),
        ),
        (lang.pick("当前连板", "streak"), num(d.streak)),
        (lang.pick("涨停统计", "boards"), num(stat)),
        (
            lang.pick("窗口内最高连板", "max streak in window"),
            num(d.max_streak),
        ),
        (lang.pick("开盘跳空", "gap"), pct(d.gap, color)),
        (
            lang.pick("5日涨幅", "5-day return"),
            pct(d.returns.d5, color),
        ),
        (
            lang.pick("10日涨幅", "10-day return"),
            pct(d.returns.d10, color),
        ),
        (
            lang.pick("30日涨幅", "30-day return"),
            pct(d.returns.d30, color),
        ),
        (
            lang.pick("5日超额", "5-day excess"),
            pct(d.excess.d5, color),
        ),
        (
            lang.pick("10日超额", "10-day excess"),
            pct(d.excess.d10, color),
        ),
        (
            lang.pick("30日超额", "30-day excess"),
            pct(d.excess.d30, color),
        ),
    ];
    for (k, v) in rows {
        t.add_row(vec![comfy_table::Cell::new(k), v]);
    }
    let mut out = format!("{head}\n{t}\n");
    if d.st.is_none() {
        out.push_str(&wrap(
            &crate::messages::st_unknown_note(lang, None, &[]),
            width,
            2,
        ));
        out.push('\n');
    }
    // The abnormal-fluctuation lines wrap to the width, under their own indent.
    for line in abnormal_lines(d, lang).lines() {
        out.push_str(&wrap(line, width, 4));
        out.push('\n');
    }
    out
}

fn abnormal_lines(d: &MarketDossier, lang: Lang) -> String {
    let a = &d.abnormal;
    let bench = a.benchmark.clone().unwrap_or_else(|| {
        lang.pick(
            "无基准指数（按个股自身涨跌计）",
            "no benchmark (the stock's own moves)",
        )
        .into()
    });
    let mut out = match lang {
        Lang::Zh => format!("异常波动（估算，基准 {bench}，近 {} 个交易日）：", a.window),
        Lang::En => format!(
            "Abnormal fluctuation (estimate, benchmark {bench}, last {} trading days): ",
            a.window
        ),
    };
    if !a.triggered {
        out.push_str(lang.pick("未触发\n", "none\n"));
        return out;
    }
    out.push('\n');
    for (method, events) in [
        (
            lang.pick("逐日偏离值累加", "sum of daily deviations"),
            &a.sum,
        ),
        (lang.pick("区间涨幅之差", "interval returns"), &a.compound),
    ] {
        for e in events {
            let dir = match (e.direction, lang) {
                (Direction::Up, Lang::Zh) => "涨幅",
                (Direction::Down, Lang::Zh) => "跌幅",
                (Direction::Up, Lang::En) => "up",
                (Direction::Down, Lang::En) => "down",
            };
            out.push_str(&match lang {
                Lang::Zh => {
                    format!(
                    "  {}：{} 至 {} 连续 {} 个交易日收盘价格{}偏离值累计 {:.2}%（阈值 {:.0}%）\n",
                    method, e.start, e.date, e.days, dir, e.deviation * 100.0, e.threshold * 100.0
                )
                }
                Lang::En => format!(
                    "  {}: {} to {}, {} trading days, {} deviation {:.2}% (threshold {:.0}%)\n",
                    method,
                    e.start,
                    e.date,
                    e.days,
                    dir,
                    e.deviation * 100.0,
                    e.threshold * 100.0
                ),
            });
        }
    }
    out
}
