//! The charts, as inline SVG: the heat-against-substance scatter of the whole scan and each
//! stock's price chart.

use std::io::{self, Write};

use super::escape::escape;
use super::labels::{label_width, place_labels, spread_dots, Rect, DOT_R, LABEL_SIZE};
use super::page::{pct_text, verdict_color};
use crate::assess::{Chart, ScanReport, StockAssessment};
use crate::model::{Date, Lang};
use crate::text::{Kind, Substance};

const SUBSTANCES: [Substance; 6] = [
    Substance::Disclaimed,
    Substance::None,
    Substance::Adopter,
    Substance::Claimed,
    Substance::Confirmed,
    Substance::Material,
];

pub(super) fn scatter(h: &mut dyn Write, r: &ScanReport, lang: Lang) -> io::Result<()> {
    let (w, ht, left, right, top, bottom) = (760.0, 380.0, 70.0, 20.0, 20.0, 60.0);
    let pts: Vec<(&StockAssessment, f64)> = r
        .stocks
        .iter()
        .filter_map(|a| {
            let x = a.heat.as_ref()?;
            Some((a, x.returns.window.unwrap_or(0.0)))
        })
        .collect();
    let lo = pts.iter().map(|p| p.1).fold(0.0_f64, f64::min);
    let hi = pts.iter().map(|p| p.1).fold(0.1_f64, f64::max);
    let span = (hi - lo).max(1e-9);
    let y = |v: f64| top + (hi - v) / span * (ht - top - bottom);
    let xstep = (w - left - right) / SUBSTANCES.len() as f64;
    let x = |s: Substance| {
        let i = SUBSTANCES.iter().position(|t| *t == s).unwrap_or(0) as f64;
        left + xstep * (i + 0.5)
    };
    writeln!(
        h,
        "<h2 id=\"scatter\">{}</h2>\n<svg class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\">",
        lang.pick("热度与实质", "Heat vs substance"),
        lang.pick("热度与实质散点图", "heat against substance"),
    )?;
    writeln!(
        h,
        "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>",
        w - left - right,
        ht - top - bottom
    )?;
    for s in SUBSTANCES {
        writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            x(s),
            ht - bottom + 18.0,
            lang.pick(s.label_zh(), s.name())
        )?;
    }
    // Axis ticks: the bottom, zero and the top, each once (a tick too close to another,
    // such as 0% when nothing fell, is left out).
    let mut ticks: Vec<f64> = Vec::new();
    for v in [hi, 0.0, lo] {
        if ticks.iter().all(|t| (y(*t) - y(v)).abs() >= 14.0) {
            ticks.push(v);
        }
    }
    for v in ticks {
        writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#eee\"/><text class=\"tick\" x=\"{2:.1}\" y=\"{3:.1}\" font-size=\"11\" text-anchor=\"end\">{4:+.0}%</text>",
            w - right,
            y(v),
            left - 6.0,
            y(v) + 4.0,
            v * 100.0
        )?;
    }
    writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
        left + (w - left - right) / 2.0,
        ht - 12.0,
        lang.pick(
            "实质（左低右高）；纵轴：窗口涨幅",
            "substance (low to high); vertical: window return"
        )
    )?;
    let raw: Vec<(f64, f64)> = pts.iter().map(|(a, v)| (x(a.substance), y(*v))).collect();
    let plot = Rect {
        x0: left,
        y0: top,
        x1: w - right,
        y1: ht - bottom,
    };
    let dots = spread_dots(&raw, xstep / 2.0, &plot);
    let centres: Vec<f64> = pts.iter().map(|(a, _)| x(a.substance)).collect();
    let names: Vec<&str> = pts
        .iter()
        .map(|(a, _)| a.name.as_deref().unwrap_or(&a.code))
        .collect();
    let widths: Vec<f64> = names.iter().map(|n| label_width(n)).collect();
    let area = Rect {
        x0: left + 1.0,
        y0: top + 1.0,
        x1: w - right - 1.0,
        y1: ht - bottom - 1.0,
    };
    let labels = place_labels(&dots, &centres, &widths, &area);
    // Leader lines first, then every dot, then every label: no dot hides a label.
    for (&(cx, cy), label) in dots.iter().zip(&labels) {
        if let Some(b) = label {
            let (lx, ly) = b.nearest(cx, cy);
            if (lx - cx).hypot(ly - cy) > DOT_R + 6.0 {
                writeln!(
                    h,
                    "<line class=\"leader\" x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{lx:.1}\" y2=\"{ly:.1}\" stroke=\"#999\"/>"
                )?;
            }
        }
    }
    for ((a, v), &(cx, cy)) in pts.iter().zip(&dots) {
        writeln!(
            h,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{DOT_R}\" fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#fff\"><title>{} {} {}</title></circle>",
            verdict_color(a.verdict),
            escape(&a.code),
            escape(a.name.as_deref().unwrap_or("")),
            pct_text(*v).1,
        )?;
    }
    let mut unplaced = Vec::new();
    for (((a, _), name), label) in pts.iter().zip(&names).zip(&labels) {
        match label {
            Some(b) => {
                writeln!(
                    h,
                    "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LABEL_SIZE}\">{}</text>",
                    b.x0 + 2.0,
                    b.y0 + 13.0,
                    escape(name)
                )?;
            }
            None => unplaced.push(*a),
        }
    }
    h.write_all("</svg>\n".as_bytes())?;
    if !unplaced.is_empty() {
        let list: Vec<String> = unplaced
            .iter()
            .map(|a| format!("{} {}", a.code, a.name.as_deref().unwrap_or_default()))
            .collect();
        writeln!(
            h,
            "<p class=\"note unplaced\">{}{}</p>",
            lang.pick(
                "图中点太密、未标名称的股票：",
                "Too crowded to name on the chart: "
            ),
            escape(&list.join(lang.pick("、", ", ")))
        )?;
    }
    Ok(())
}

/// The smallest range a price chart's vertical axis spans, as a fraction of the middle
/// price: a stock that barely moved stays a flat line, not a wild one.
const MIN_PRICE_RANGE: f64 = 0.10;

/// A document to mark on a price chart: its date, kind and id (a document with several
/// sentences is marked once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct DocMark<'a> {
    pub(super) date: Date,
    pub(super) kind: Kind,
    pub(super) doc: &'a str,
}

/// About `want` round price levels between `lo` and `hi`: steps of 1, 2 or 5 times a power
/// of ten, the first at or above `lo`.
pub(super) fn price_ticks(lo: f64, hi: f64, want: usize) -> Vec<f64> {
    let span = hi - lo;
    if span.is_nan() || span <= 0.0 || want == 0 {
        return Vec::new();
    }
    let raw = span / want as f64;
    let pow = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow);
    let first = (lo / step).ceil();
    (0..)
        .map(|k| (first + f64::from(k)) * step)
        .take_while(|v| *v <= hi + step * 1e-9)
        .take(want * 3)
        .collect()
}

/// 成交额 in 万元 or 亿元 (yuan in).
pub(super) fn amount_text(yuan: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh if yuan >= 1e8 => format!("{:.2}亿元", yuan / 1e8),
        Lang::Zh => format!("{:.0}万元", yuan / 1e4),
        Lang::En if yuan >= 1e8 => format!("CNY {:.2} bn", yuan / 1e9),
        Lang::En => format!("CNY {:.1} m", yuan / 1e6),
    }
}

/// A stock's price chart: the closes as a line on an axis with a few round price ticks,
/// limit-up closes as red dots, the dates of the documents within the chart's dates as
/// blue dashes, and under it a strip of each day's amount traded (成交额; red up, green
/// down). Documents dated outside the chart's dates are not drawn: they are listed under
/// the chart.
pub(super) fn price_chart(
    h: &mut dyn Write,
    chart: &Chart,
    docs: &[DocMark<'_>],
    lang: Lang,
) -> io::Result<()> {
    let pts = &chart.points;
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return Ok(());
    };
    let amounts: Vec<Option<f64>> = pts.iter().map(|p| p.amount.filter(|a| *a > 0.0)).collect();
    let max_amount = amounts.iter().flatten().fold(0.0_f64, |a, b| a.max(*b));
    let strip = if max_amount > 0.0 { 46.0 } else { 0.0 };
    let (w, left, right, top) = (760.0, 60.0, 20.0, 14.0);
    // The price area, then the amount strip, then the dates and the key.
    let price_bottom = 186.0;
    let strip_top = price_bottom + if strip > 0.0 { 10.0 } else { 0.0 };
    let strip_bottom = strip_top + strip;
    let ht = strip_bottom + 34.0;
    let mut lo = pts.iter().map(|p| p.close).fold(f64::INFINITY, f64::min);
    let mut hi = pts
        .iter()
        .map(|p| p.close)
        .fold(f64::NEG_INFINITY, f64::max);
    let mid = (hi + lo) / 2.0;
    let min_span = (mid.abs() * MIN_PRICE_RANGE).max(0.01);
    if hi - lo < min_span {
        lo = mid - min_span / 2.0;
        hi = mid + min_span / 2.0;
    }
    // A little room above and below the line, so the dots on it are not cut.
    let pad = (hi - lo) * 0.04;
    let (lo, hi) = (lo - pad, hi + pad);
    let span = hi - lo;
    // Each day has a slot of equal width, its close and its amount bar at the slot's
    // middle: nothing sticks out of the plot.
    let slot = (w - left - right) / pts.len() as f64;
    let x = |i: usize| left + slot * (i as f64 + 0.5);
    let y = |v: f64| top + (hi - v) / span * (price_bottom - top);
    writeln!(
        h,
        "<svg class=\"price\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\">",
        lang.pick("日收盘价与成交额", "daily close and amount traded")
    )?;
    // Round price levels with faint grid lines.
    for v in price_ticks(lo, hi, 4) {
        writeln!(
            h,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#eee\"/><text class=\"tick\" x=\"{2:.1}\" y=\"{3:.1}\" font-size=\"11\" text-anchor=\"end\">{4:.2}</text>",
            w - right,
            y(v),
            left - 6.0,
            y(v) + 4.0,
            v
        )?;
    }
    writeln!(
        h,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{price_bottom}\" stroke=\"#999\"/>"
    )?;
    let mut shown: Vec<Date> = Vec::new();
    for d in docs.iter().map(|d| d.date) {
        if d < first.date || d > last.date || shown.contains(&d) {
            continue;
        }
        shown.push(d);
        if let Some(i) = pts.iter().position(|p| p.date >= d) {
            writeln!(
                h,
                "<line class=\"doc\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{top}\" y2=\"{1:.1}\" stroke=\"#3366cc\" stroke-dasharray=\"3,3\"><title>{2} {3}</title></line>",
                x(i),
                price_bottom,
                lang.pick("文档", "document"),
                d
            )?;
        }
    }
    let line: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.close)))
        .collect();
    writeln!(
        h,
        "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"{}\"/>",
        line.join(" ")
    )?;
    for (i, p) in pts.iter().enumerate().filter(|(_, p)| p.limit_up) {
        writeln!(
            h,
            "<circle class=\"limit-up\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#d20000\"><title>{} {} {:.2}</title></circle>",
            x(i),
            y(p.close),
            p.date,
            lang.pick("涨停", "limit-up"),
            p.close
        )?;
    }
    if max_amount > 0.0 {
        let bar_w = (slot * 0.7).clamp(1.0, 12.0);
        for (i, (p, a)) in pts.iter().zip(&amounts).enumerate() {
            let Some(a) = a else { continue };
            let bh = (a / max_amount * strip).max(0.5);
            let color = match p.change {
                Some(c) if c > 0.0 => "#e88",
                Some(c) if c < 0.0 => "#7c7",
                _ => "#bbb",
            };
            writeln!(
                h,
                "<rect class=\"amount\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{bh:.1}\" fill=\"{color}\"><title>{} {}{}</title></rect>",
                x(i) - bar_w / 2.0,
                strip_bottom - bh,
                p.date,
                lang.pick("成交额 ", "amount "),
                amount_text(*a, lang)
            )?;
        }
        writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{strip_bottom}\" y2=\"{strip_bottom}\" stroke=\"#999\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            w - right,
            left - 6.0,
            strip_top + 10.0,
            lang.pick("成交额", "amount"),
            left - 6.0,
            strip_top + 22.0,
            amount_text(max_amount, lang),
        )?;
    }
    // The first and the last day, and a few days between them (at most one label per
    // 110 units, so the labels never touch).
    let labels = (((w - left - right) / 110.0).floor() as usize).clamp(1, pts.len());
    let mut marks: Vec<usize> = (0..=labels)
        .map(|k| k * (pts.len() - 1) / labels.max(1))
        .collect();
    marks.dedup();
    for i in marks {
        let anchor = match i {
            0 => "start",
            i if i == pts.len() - 1 => "end",
            _ => "middle",
        };
        let tx = match anchor {
            "start" => x(i) - slot / 2.0,
            "end" => x(i) + slot / 2.0,
            _ => x(i),
        };
        writeln!(
            h,
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{1:.1}\" y2=\"{2:.1}\" stroke=\"#999\"/><text class=\"day\" x=\"{tx:.1}\" y=\"{3:.1}\" font-size=\"11\" text-anchor=\"{anchor}\">{4}</text>",
            x(i),
            strip_bottom,
            strip_bottom + 4.0,
            strip_bottom + 16.0,
            pts[i].date
        )?;
    }
    writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
        left + (w - left - right) / 2.0,
        ht - 4.0,
        if max_amount > 0.0 {
            lang.pick(
                "红点：涨停收盘；蓝色虚线：文档发布日；下方柱：每日成交额（红涨绿跌）",
                "red dots: limit-up closes; blue dashes: document dates; bars below: amount traded (red up, green down)",
            )
        } else {
            lang.pick(
                "红点：涨停收盘；蓝色虚线：文档发布日",
                "red dots: limit-up closes; blue dashes: document dates",
            )
        }
    )?;
    h.write_all(b"</svg>\n")?;
    outside(h, first.date, last.date, docs, lang)
}

/// The documents dated before or after the chart's dates, listed under it.
fn outside(
    h: &mut dyn Write,
    first: Date,
    last: Date,
    docs: &[DocMark<'_>],
    lang: Lang,
) -> io::Result<()> {
    let mut out: Vec<DocMark<'_>> = docs
        .iter()
        .filter(|d| d.date < first || d.date > last)
        .copied()
        .collect();
    if out.is_empty() {
        return Ok(());
    }
    out.sort();
    out.dedup();
    // Per day and kind, how many documents.
    let mut items: Vec<(DocMark<'_>, usize)> = Vec::new();
    for d in out {
        match items.last_mut() {
            Some((m, k)) if (m.date, m.kind) == (d.date, d.kind) => *k += 1,
            _ => items.push((d, 1)),
        }
    }
    let list: Vec<String> = items
        .iter()
        .map(|(d, k)| {
            let kind = lang.pick(d.kind.label_zh(), d.kind.name());
            let count = match (lang, *k) {
                (_, 1) => String::new(),
                (Lang::Zh, k) => format!(" {k} 篇"),
                (Lang::En, k) => format!(" ×{k}"),
            };
            format!(
                "<span class=\"tok\">{} {}{count}</span>",
                d.date,
                escape(kind)
            )
        })
        .collect();
    let head = match lang {
        Lang::Zh => format!("图表范围（{first} 至 {last}）以外的文档："),
        Lang::En => format!("Documents dated outside the chart ({first} to {last}): "),
    };
    writeln!(
        h,
        "<p class=\"note outside\">{}{}</p>",
        escape(&head),
        list.join(lang.pick("、", ", "))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::ChartPoint;

    fn chart(closes: &[f64], amounts: bool) -> Chart {
        let day = |d: usize| Date::from_ymd_opt(2025, 4, 1).unwrap() + chrono::Days::new(d as u64);
        Chart {
            code: "605890.SH".into(),
            points: closes
                .iter()
                .enumerate()
                .map(|(i, &close)| ChartPoint {
                    date: day(i),
                    close,
                    change: (i > 0).then(|| close / closes[i - 1] - 1.0),
                    limit_up: false,
                    limit_down: false,
                    amount: amounts.then_some(1e7 * (i + 1) as f64),
                })
                .collect(),
        }
    }

    fn svg(c: &Chart, docs: &[DocMark]) -> String {
        let mut h = Vec::new();
        price_chart(&mut h, c, docs, Lang::Zh).unwrap();
        String::from_utf8(h).unwrap()
    }

    /// The price ticks' values, read back from the SVG.
    fn ticks(h: &str) -> Vec<f64> {
        h.split("<text class=\"tick\"")
            .skip(1)
            .filter_map(|t| t.split_once('>')?.1.split_once('<')?.0.parse().ok())
            .collect()
    }

    #[test]
    fn a_flat_price_chart_spans_at_least_the_minimum_range() {
        let closes: Vec<f64> = (1..=20)
            .map(|d| if d % 2 == 0 { 10.00 } else { 10.02 })
            .collect();
        let h = svg(&chart(&closes, false), &[]);
        // Round ticks around the line; the axis spans at least 10% of the price.
        let t = ticks(&h);
        assert!(t.len() >= 3, "{h}");
        assert!(t[0] < 10.0 && t[t.len() - 1] > 10.02, "{t:?}");
        assert!(
            t[t.len() - 1] - t[0] >= 0.5,
            "a 0.2% wiggle fills the axis: {t:?}"
        );
        assert!(!h.contains("class=\"amount\""), "no amounts, no strip");
    }

    #[test]
    fn ticks_are_round_and_inside_the_range() {
        assert_eq!(price_ticks(9.47, 10.55, 4), vec![9.5, 10.0, 10.5]);
        let t = price_ticks(12.3, 31.9, 4);
        assert_eq!(t, vec![15.0, 20.0, 25.0, 30.0]);
        assert!(price_ticks(5.0, 5.0, 4).is_empty());
        let t = price_ticks(0.412, 0.468, 4);
        assert!(
            t.len() >= 3 && t.iter().all(|v| (0.412..=0.468).contains(v)),
            "{t:?}"
        );
    }

    #[test]
    fn documents_outside_the_chart_are_listed_not_drawn_at_its_edge() {
        let c = chart(&[10.0, 11.0, 12.1, 11.5, 11.6], true);
        let day = |s: &str| s.parse::<Date>().unwrap();
        let mark = |date: &str, kind, doc| DocMark {
            date: day(date),
            kind,
            doc,
        };
        // Two filings of one day, one of them with two sentences; a Q&A inside the
        // chart's dates; a post after them.
        let docs = [
            mark("2023-05-12", Kind::Announcement, "a"),
            mark("2023-05-12", Kind::Announcement, "a"),
            mark("2023-05-12", Kind::Announcement, "b"),
            mark("2025-04-03", Kind::Qa, "c"),
            mark("2025-06-01", Kind::Post, "d"),
        ];
        let h = svg(&c, &docs);
        // One dash: the document inside the dates, at its day (the third point).
        assert_eq!(h.matches("class=\"doc\"").count(), 1, "{h}");
        assert!(h.contains("<title>文档 2025-04-03</title>"), "{h}");
        let listed = h
            .split("class=\"note outside\"")
            .nth(1)
            .expect("a list under the chart");
        assert!(listed.contains("2023-05-12 公告 2 篇"), "{listed}");
        assert!(listed.contains("2025-06-01 自媒体"), "{listed}");
        assert!(!listed.contains("2025-04-03"), "{listed}");
        assert!(
            h.contains("图表范围（2025-04-01 至 2025-04-05）以外的文档"),
            "{h}"
        );
        // The amount strip: a bar a day, the highest labelled.
        assert_eq!(h.matches("class=\"amount\"").count(), 5);
        assert!(h.contains("5000万元"), "{h}");
    }
}
