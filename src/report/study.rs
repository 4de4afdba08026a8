//! The event study's renderers (`hypecheck study`): a terminal table, JSON (the report's
//! serde form) and a self-contained HTML page whose SVG charts draw each group's mean
//! cumulative excess return with its band, followed by the list of events.
//!
//! Every renderer writes into a sink and says the same things: what the study rests on
//! (stocks, and how many had anything said about the theme), the groups by verdict and by
//! heat bucket, and what the numbers mean (which of them look ahead).

use std::io::{self, Write};

use comfy_table::Cell;

use super::html::escape;
use super::table::{color_wanted, fit, new_table, num, pct};
use crate::assess::Verdict;
use crate::model::Lang;
use crate::study::{Group, GroupKey, HeatBucket, StudyReport, HORIZONS, MIN_EVENTS};

/// The study as JSON (`study --format json`).
pub fn json(r: &StudyReport, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, r)?;
    w.write_all(b"\n")
}

/// A fraction as a signed percentage with two decimals.
fn pct_text(x: f64) -> String {
    let x = (x * 10000.0).round() / 10000.0;
    format!("{:+.2}%", if x == 0.0 { 0.0 } else { x } * 100.0)
}

fn interval_text(
    g: &Group,
    n: usize,
    i: Option<crate::study::stats::Interval>,
    lang: Lang,
) -> String {
    match i {
        Some(i) => format!("[{}, {}]", pct_text(i.lo), pct_text(i.hi)),
        None if g.events == 0 || n == 0 => "-".into(),
        None => match lang {
            Lang::Zh => format!("不足{MIN_EVENTS}个事件"),
            Lang::En => format!("under {MIN_EVENTS} events"),
        },
    }
}

/// The lines above the tables: the theme, the range, and what the study rests on.
pub fn summary_lines(r: &StudyReport, lang: Lang) -> Vec<String> {
    let c = &r.study.coverage;
    let scope = match (r.all_stocks, lang) {
        (true, Lang::Zh) => "仓库里的全部股票",
        (true, Lang::En) => "every stock of the store",
        (false, Lang::Zh) => "题材成分股及提到题材的股票",
        (false, Lang::En) => "the theme's members and the stocks that mention it",
    };
    let without = c.stocks - c.stocks_with_documents;
    match lang {
        Lang::Zh => vec![
            format!(
                "题材「{}」事件研究，{} 至 {}，范围：{scope}",
                r.theme_name, r.from, r.to
            ),
            match c.stocks_with_documents {
                0 => format!(
                    "评估了 {} 只股票、{} 个股票日；截至最后一天，没有一只有公司关于该题材的公告、回答或帖子（过热时的结论为「待核实」，投资者提问未获回答的为「炒作」）",
                    c.stocks, c.stock_days
                ),
                n => format!(
                    "评估了 {} 只股票、{} 个股票日；截至最后一天，{n} 只有公司关于该题材的公告、回答或帖子，{without} 只没有（它们过热时的结论为「待核实」，投资者提问未获回答的为「炒作」）",
                    c.stocks, c.stock_days
                ),
            },
            format!(
                "事件：{} 个（每段行情的第一个过热日；连续 {} 个交易日不过热即结束一段行情）；{} 段行情在区间开始前已开始，未计入",
                r.study.all.events, r.study.settings.episode_gap, c.censored
            ),
        ],
        Lang::En => vec![
            format!(
                "Event study of theme \"{}\", {} to {}, over {scope}",
                r.theme_name, r.from, r.to
            ),
            format!(
                "{} stocks and {} stock-days assessed; by the last day {} had a company announcement, answer or post about the theme, {without} had none (when hot, their verdict is unverified, or speculative when investors' questions went unanswered)",
                c.stocks, c.stock_days, c.stocks_with_documents
            ),
            format!(
                "{} events (the first hot day of each episode; {} trading days without heat end an episode); {} episodes already running when the range began are not counted",
                r.study.all.events, r.study.settings.episode_gap, c.censored
            ),
        ],
    }
}

/// What the numbers mean, for the note under the tables.
pub fn definitions(r: &StudyReport, lang: Lang) -> Vec<String> {
    let s = &r.study.settings;
    match lang {
        Lang::Zh => vec![
            "超额收益：从事件日收盘到其后第 N 个交易日收盘的涨幅，减去所属板块基准指数同期的涨幅（前瞻数据，事件日当天并不知道）".into(),
            "事件日结论：截至事件日收盘的评估（不含之后的任何数据）".into(),
            "热度分组：整段行情的最高连板，行情结束后才知道，用于描述，不是事件日可用的信号".into(),
            format!(
                "95%区间：均值的自助法（bootstrap）百分位区间，{} 次重抽样，种子 {}；少于 {MIN_EVENTS} 个事件的分组只给数量，不给区间；区间不含 0 的标 *",
                s.resamples, s.seed
            ),
        ],
        Lang::En => vec![
            "Excess return: the stock's return from the event day's close to the close N trading days later, minus its board's benchmark index over the same days (look-ahead: not known on the event day)".into(),
            "Verdict of the event day: the assessment as of that day's close (nothing later counts)".into(),
            "Heat bucket: the episode's highest limit-up streak, known only once the episode ends: a description, not a signal available on the event day".into(),
            format!(
                "95% interval: percentile bootstrap of the mean, {} resamples, seed {}; groups under {MIN_EVENTS} events get their count and no interval; an interval that excludes 0 is marked *",
                s.resamples, s.seed
            ),
        ],
    }
}

fn group_table(title: &str, groups: &[Group], width: Option<u16>, lang: Lang) -> String {
    let color = color_wanted();
    let mut t = new_table(&[
        title,
        lang.pick("事件", "events"),
        lang.pick("有文档", "with docs"),
        lang.pick("天数", "days"),
        lang.pick("样本", "n"),
        lang.pick("均值", "mean"),
        lang.pick("中位数", "median"),
        lang.pick("上涨占比", "share > 0"),
        lang.pick("95%区间", "95% interval"),
    ]);
    for g in groups {
        for (i, h) in g.horizons.iter().enumerate() {
            let first = i == 0;
            let mark = if h.interval.is_some_and(|c| c.excludes_zero()) {
                " *"
            } else {
                ""
            };
            t.add_row(vec![
                Cell::new(if first { g.key.label(lang) } else { "" }),
                num(if first {
                    g.events.to_string()
                } else {
                    String::new()
                }),
                num(if first {
                    g.with_documents.to_string()
                } else {
                    String::new()
                }),
                num(h.days),
                num(h.n),
                pct(h.mean, color),
                pct(h.median, color),
                num(h
                    .share_positive
                    .map_or("-".into(), |s| format!("{:.0}%", s * 100.0))),
                num(format!("{}{mark}", interval_text(g, h.n, h.interval, lang))),
            ]);
        }
    }
    fit(&mut t, width, &[1, 2, 3, 4, 5, 6, 7, 8], &[]);
    t.to_string()
}

/// The terminal table: the summary lines, the groups by verdict, the groups by heat bucket,
/// and the definitions.
pub fn table(r: &StudyReport, width: Option<u16>, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    for line in summary_lines(r, lang) {
        writeln!(w, "{}", super::table::wrap(&line, width, 2))?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        group_table(
            lang.pick("事件日结论", "verdict on the event day"),
            &r.study.by_verdict,
            width,
            lang
        )
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{}",
        group_table(
            lang.pick("热度（最高连板）", "heat (highest streak)"),
            &r.study.by_heat,
            width,
            lang
        )
    )?;
    writeln!(w)?;
    for line in definitions(r, lang) {
        writeln!(w, "{}", super::table::wrap(&format!("· {line}"), width, 2))?;
    }
    Ok(())
}

fn group_color(key: GroupKey) -> &'static str {
    match key {
        GroupKey::All => "#333333",
        GroupKey::Verdict(v) => verdict_color(v),
        GroupKey::Heat(b) => match b {
            HeatBucket::Under2 => "#8c8c8c",
            HeatBucket::Streak2 => "#e69500",
            HeatBucket::Streak3To4 => "#d2691e",
            HeatBucket::Streak5Plus => "#b00000",
        },
    }
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::HypeRider => "#d20000",
        Verdict::Speculative => "#e69500",
        Verdict::Unverified => "#5b6b8c",
        Verdict::Clarified => "#2f7d9a",
        Verdict::Substantive => "#008a00",
        Verdict::Cold => "#888888",
    }
}

/// The study page's own style (beside the one every page shares).
const STYLE: &str = "svg.path text{font-size:11px}\n";

/// The HTML page: summary, the two group tables, a chart per grouping, the events.
pub fn html(r: &StudyReport, fictional: bool, lang: Lang, w: &mut dyn Write) -> io::Result<()> {
    let title = match lang {
        Lang::Zh => format!(
            "hypecheck 事件研究：{}（{} 至 {}）",
            r.theme_name, r.from, r.to
        ),
        Lang::En => format!(
            "hypecheck event study: {} ({} to {})",
            r.theme_name, r.from, r.to
        ),
    };
    super::html::head(w, &title, STYLE, lang)?;
    writeln!(w, "<h1>{}</h1>", escape(&title))?;
    if fictional {
        writeln!(
            w,
            "<p class=\"fictional\">{}</p>",
            lang.pick(
                "示例数据：以下公司、文档与行情均为虚构，仅演示 hypecheck 的用法。",
                "Sample data: the companies, documents and prices below are made up to show how hypecheck works."
            )
        )?;
    }
    for line in summary_lines(r, lang) {
        writeln!(w, "<p>{}</p>", escape(&line))?;
    }
    let sections = [
        (
            lang.pick("按事件日结论", "By the verdict on the event day"),
            &r.study.by_verdict,
        ),
        (
            lang.pick(
                "按热度（整段行情的最高连板）",
                "By heat (the episode's highest streak)",
            ),
            &r.study.by_heat,
        ),
    ];
    for (heading, groups) in sections {
        writeln!(w, "<h2>{}</h2>", escape(heading))?;
        html_groups(w, groups, lang)?;
        html_chart(w, groups, r.study.settings.horizon, lang)?;
    }
    writeln!(
        w,
        "<h2>{}</h2>\n<ul class=\"note\">",
        lang.pick("说明", "Definitions")
    )?;
    for line in definitions(r, lang) {
        writeln!(w, "<li>{}</li>", escape(&line))?;
    }
    writeln!(w, "</ul>")?;
    html_events(w, r, lang)?;
    writeln!(w, "</body>\n</html>")
}

fn pct_td(x: Option<f64>) -> String {
    match x {
        None => "<td class=\"num\">-</td>".into(),
        Some(x) => {
            let text = pct_text(x);
            let class = if text.starts_with('+') && text != "+0.00%" {
                "num up"
            } else if text.starts_with('-') {
                "num down"
            } else {
                "num"
            };
            format!("<td class=\"{class}\">{text}</td>")
        }
    }
}

fn html_groups(w: &mut dyn Write, groups: &[Group], lang: Lang) -> io::Result<()> {
    writeln!(w, "<table class=\"study\">\n<tr>")?;
    let mut head = vec![
        lang.pick("分组", "group").to_string(),
        lang.pick("事件", "events").into(),
        lang.pick("有文档", "with docs").into(),
    ];
    for h in HORIZONS {
        head.push(match lang {
            Lang::Zh => format!("{h}日 均值 / 中位数 / 上涨占比 / 95%区间"),
            Lang::En => format!("{h}d mean / median / share > 0 / 95% interval"),
        });
    }
    for h in &head {
        write!(w, "<th>{}</th>", escape(h))?;
    }
    writeln!(w, "</tr>")?;
    for g in groups {
        write!(
            w,
            "<tr><td><span class=\"badge\" style=\"border-left:6px solid {}\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            group_color(g.key),
            escape(g.key.label(lang)),
            g.events,
            g.with_documents
        )?;
        for days in HORIZONS {
            match g.at(days) {
                None => write!(w, "<td class=\"num\">-</td>")?,
                Some(h) => {
                    let share = h
                        .share_positive
                        .map_or("-".into(), |s| format!("{:.0}%", s * 100.0));
                    let mark = if h.interval.is_some_and(|c| c.excludes_zero()) {
                        " *"
                    } else {
                        ""
                    };
                    write!(
                        w,
                        "<td class=\"num\">{} / {} / {share}{mark}<br><span class=\"note\">{} · n={}</span></td>",
                        h.mean.map_or("-".into(), pct_text),
                        h.median.map_or("-".into(), pct_text),
                        escape(&interval_text(g, h.n, h.interval, lang)),
                        h.n
                    )?;
                }
            }
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</table>")
}

/// The mean cumulative excess path of each group with events, and its band.
fn html_chart(w: &mut dyn Write, groups: &[Group], horizon: usize, lang: Lang) -> io::Result<()> {
    let shown: Vec<&Group> = groups
        .iter()
        .filter(|g| g.path.iter().any(|p| p.mean.is_some()))
        .collect();
    if shown.is_empty() {
        return writeln!(
            w,
            "<p class=\"empty\">{}</p>",
            lang.pick("没有事件，无图可画。", "No events, so no chart.")
        );
    }
    let (wd, ht, left, right, top, bottom) = (760.0, 300.0, 64.0, 170.0, 14.0, 40.0);
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for g in &shown {
        for p in &g.path {
            for v in [p.mean, p.band.map(|b| b.lo), p.band.map(|b| b.hi)]
                .into_iter()
                .flatten()
            {
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if hi - lo < 0.02 {
        hi += 0.01;
        lo -= 0.01;
    }
    let n = horizon.max(1) as f64;
    let x = |d: usize| left + (wd - left - right) * d as f64 / n;
    let y = |v: f64| top + (hi - v) / (hi - lo) * (ht - top - bottom);
    writeln!(
        w,
        "<svg class=\"path\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{wd}\" height=\"{ht}\" viewBox=\"0 0 {wd} {ht}\" role=\"img\" aria-label=\"{}\">",
        escape(lang.pick("事件后的平均累计超额收益", "mean cumulative excess return after the event"))
    )?;
    // Axes: zero line, the range's ends, days.
    writeln!(
        w,
        "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#999\"/>",
        wd - right,
        y(0.0)
    )?;
    for v in [lo, 0.0, hi] {
        // A bound drawn within a line of the zero label would overwrite it.
        if v != 0.0 && (y(v) - y(0.0)).abs() < 12.0 {
            continue;
        }
        writeln!(
            w,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y(v) + 4.0,
            pct_text(v)
        )?;
    }
    for d in [0, horizon / 2, horizon] {
        writeln!(
            w,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{d}</text>",
            x(d),
            ht - bottom + 16.0
        )?;
    }
    writeln!(
        w,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        left + (wd - left - right) / 2.0,
        ht - 6.0,
        escape(lang.pick(
            "事件日后的交易日；阴影：均值的95%区间",
            "trading days after the event day; shade: the mean's 95% band"
        ))
    )?;
    for (i, g) in shown.iter().enumerate() {
        let color = group_color(g.key);
        let band: Vec<(usize, f64, f64)> = g
            .path
            .iter()
            .filter_map(|p| p.band.map(|b| (p.day, b.lo, b.hi)))
            .collect();
        if band.len() >= 2 {
            let mut pts: Vec<String> = band
                .iter()
                .map(|(d, _, h)| format!("{:.1},{:.1}", x(*d), y(*h)))
                .collect();
            pts.extend(
                band.iter()
                    .rev()
                    .map(|(d, l, _)| format!("{:.1},{:.1}", x(*d), y(*l))),
            );
            writeln!(
                w,
                "<polygon class=\"band\" points=\"{}\" fill=\"{color}\" fill-opacity=\"0.12\" stroke=\"none\"/>",
                pts.join(" ")
            )?;
        }
        let line: Vec<String> = g
            .path
            .iter()
            .filter_map(|p| p.mean.map(|m| format!("{:.1},{:.1}", x(p.day), y(m))))
            .collect();
        writeln!(
            w,
            "<polyline class=\"mean\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"><title>{}</title></polyline>",
            line.join(" "),
            escape(g.key.label(lang))
        )?;
        // The legend, right of the plot.
        let ly = top + 8.0 + 18.0 * i as f64;
        writeln!(
            w,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"4\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"{:.1}\">{} (n={})</text>",
            wd - right + 12.0,
            ly - 4.0,
            wd - right + 28.0,
            ly + 1.0,
            escape(g.key.label(lang)),
            g.events
        )?;
    }
    writeln!(w, "</svg>")
}

fn verdict_text(v: Verdict, lang: Lang) -> &'static str {
    lang.pick(v.label_zh(), v.label_en())
}

fn html_events(w: &mut dyn Write, r: &StudyReport, lang: Lang) -> io::Result<()> {
    writeln!(
        w,
        "<h2>{} ({})</h2>",
        lang.pick("事件", "Events"),
        r.study.events.len()
    )?;
    if r.study.events.is_empty() {
        return writeln!(
            w,
            "<p class=\"empty\">{}</p>",
            lang.pick(
                "区间内没有股票开始过热。",
                "No stock got hot within the range."
            )
        );
    }
    writeln!(w, "<table class=\"study events\">\n<tr>")?;
    let mut head: Vec<String> = [
        lang.pick("事件日", "event day"),
        lang.pick("代码", "code"),
        lang.pick("名称", "name"),
        lang.pick("结论", "verdict"),
        lang.pick("文档", "docs"),
        lang.pick("当日最高连板", "streak that day"),
        lang.pick("行情最高连板", "episode's streak"),
        lang.pick("行情最后过热日", "episode's last hot day"),
    ]
    .map(str::to_string)
    .to_vec();
    head.extend(HORIZONS.map(|h| match lang {
        Lang::Zh => format!("{h}日超额"),
        Lang::En => format!("{h}d excess"),
    }));
    for h in &head {
        write!(w, "<th>{}</th>", escape(h))?;
    }
    writeln!(w, "</tr>")?;
    for e in &r.study.events {
        write!(
            w,
            "<tr class=\"v-{}\"><td class=\"date\">{}</td><td class=\"code\">{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"date\">{}</td>",
            e.verdict.name(),
            e.date,
            escape(&e.code),
            escape(e.name.as_deref().unwrap_or("")),
            verdict_text(e.verdict, lang),
            e.docs_checked,
            e.max_streak,
            e.episode_streak,
            e.episode_end
        )?;
        for x in e.excess {
            write!(w, "{}", pct_td(x))?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</table>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::{summarize, Coverage, Event, Settings, Study};

    fn report(events: Vec<Event>) -> StudyReport {
        let s = Settings::default();
        let study: Study = summarize(events, Coverage::default(), &s);
        StudyReport {
            theme: "t".into(),
            theme_name: "<script>alert(1)</script>".into(),
            from: "2025-01-02".parse().unwrap(),
            to: "2025-03-31".parse().unwrap(),
            all_stocks: false,
            study,
        }
    }

    fn event(i: usize, v: Verdict, x: f64) -> Event {
        Event {
            code: format!("{:06}.SZ", i),
            name: Some("<b>名</b>".into()),
            date: "2025-02-03".parse().unwrap(),
            verdict: v,
            docs_checked: 1,
            max_streak: 2,
            episode_streak: 3,
            bucket: HeatBucket::Streak3To4,
            episode_end: "2025-02-05".parse().unwrap(),
            excess: [Some(x); 4],
            path: (0..=20).map(|k| x * k as f64 / 20.0).collect(),
        }
    }

    #[test]
    fn the_html_escapes_every_text_and_draws_a_band_per_group_with_enough_events() {
        let mut events: Vec<Event> = (0..12)
            .map(|i| event(i, Verdict::HypeRider, -0.1 + i as f64 * 0.001))
            .collect();
        events.extend((0..3).map(|i| event(100 + i, Verdict::Substantive, 0.1)));
        let r = report(events);
        let mut out = Vec::new();
        html(&r, false, Lang::Zh, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(
            !page.contains("<script") && !page.contains("<b>"),
            "unescaped text"
        );
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("Content-Security-Policy"));
        // One band (12 hype riders), two lines (hype riders and substantive) per chart.
        assert_eq!(
            page.matches("class=\"band\"").count(),
            2,
            "verdict and heat charts"
        );
        assert!(page.matches("class=\"mean\"").count() >= 3);
        assert!(page.contains(&format!("不足{MIN_EVENTS}个事件")));
        assert_eq!(page.matches("<tr class=\"v-").count(), 15);
    }

    #[test]
    fn the_table_says_how_many_stocks_had_nothing_said() {
        let mut r = report(
            (0..12)
                .map(|i| event(i, Verdict::Unverified, 0.01))
                .collect(),
        );
        r.study.coverage = Coverage {
            stocks: 500,
            stocks_with_documents: 7,
            stock_days: 90_000,
            censored: 2,
        };
        let mut out = Vec::new();
        table(&r, None, Lang::Zh, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("7 只有公司") && text.contains("493 只没有"),
            "{text}"
        );
        let mut out = Vec::new();
        table(&r, None, Lang::En, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("by the last day 7 had") && text.contains("493 had none"),
            "{text}"
        );
        let mut out = Vec::new();
        json(&r, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["coverage"]["stocks_with_documents"], 7);
        assert_eq!(v["by_verdict"][2]["key"]["value"], "unverified");
        assert_eq!(v["events"].as_array().unwrap().len(), 12);
    }
}
