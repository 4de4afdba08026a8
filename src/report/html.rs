//! The HTML report of a scan (docs/design.md §8): one self-contained file that opens offline. A
//! Content-Security-Policy forbids scripts and every load (network or `data:`), `<base>`
//! and forms; charts are inline SVG.
//! Every text that comes from a document or the store goes through [`escape`], and only
//! `http`/`https` links become `<a href>`.

use std::fmt::Write;

use chrono::{DateTime, Utc};

pub use crate::assess::{Chart, ChartPoint};
use crate::assess::{DocPart, ScanReport, StockAssessment, Verdict};
use crate::jobs::Coverage;
use crate::model::{Date, Lang};
use crate::text::{Flag, Substance};

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The link target when `url` is an `http` or `https` URL (escaped for an attribute);
/// `None` for anything else (`javascript:`, `data:`, relative paths).
pub fn safe_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| escape(u))
}

/// Nothing may load or run: no script, image, font, frame or connection of any origin
/// (`default-src 'none'`), no `<base>` to redirect relative links, no form to submit;
/// only the page's own inline `<style>` applies.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE: &str = r#"
body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.date,td.code,td.link,td.kind,td.nowrap{white-space:nowrap}
td.date{font-variant-numeric:tabular-nums}
span.tok{white-space:nowrap}
.up{color:#d20000}.down{color:#008a00}
.v-hype_rider{background:#ffe0e0}.v-speculative{background:#fff2cc}.v-unverified{background:#e6e9f2}.v-clarified{background:#dff0f6}.v-substantive{background:#e0f5e0}.v-cold{background:#eee}
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0 16px}dl.legend dt{font-weight:bold;padding:1px 6px;white-space:nowrap}dl.legend dd{margin:0}
.badge{display:inline-block;padding:1px 6px;border-radius:3px}
section.stock{border-top:2px solid #ddd;margin-top:24px;padding-top:8px}
.note{color:#666;font-size:90%}
.fictional{background:#fff3c4;border:2px solid #e6b800;padding:8px 12px;font-weight:bold}
.empty{background:#f6f6f6;border-left:4px solid #999;padding:8px 12px}
svg line.leader{stroke-width:0.8}svg text.label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
table.timeline td.said{max-width:640px}
table.timeline tr.quiet td.date{color:#888}
footer{border-top:2px solid #ddd;margin-top:32px;padding-top:8px;font-size:90%;color:#444}
footer h3{font-size:100%}
"#;

/// What the page says besides the scan itself: the data behind it, when it was made, and
/// whether the sample is fictional.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// What the store held (the footer's data coverage, and why a scan is empty).
    pub coverage: &'a Coverage,
    /// When the report was made, shown in the footer.
    pub generated: DateTime<Utc>,
    /// The sample is made up (`hypecheck demo`): the page says so at the top.
    pub fictional: bool,
}

fn verdict_label(v: Verdict, lang: Lang) -> &'static str {
    lang.pick(v.label_zh(), v.label_en())
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

/// A fraction as a signed percentage with two decimals and its A-share colour class.
fn pct_text(x: f64) -> (&'static str, String) {
    // Round first so that a change shown as 0.00% is neither red nor "-0.00%".
    let x = (x * 10000.0).round() / 10000.0;
    let x = if x == 0.0 { 0.0 } else { x };
    let class = if x > 0.0 {
        "num up"
    } else if x < 0.0 {
        "num down"
    } else {
        "num"
    };
    (class, format!("{:+.2}%", x * 100.0))
}

fn pct_cell(x: Option<f64>) -> String {
    match x {
        None => "<td class=\"num\">-</td>".into(),
        Some(x) => {
            let (class, text) = pct_text(x);
            format!("<td class=\"{class}\">{text}</td>")
        }
    }
}

/// Labels joined by 、 (or a comma), each kept on one line: a list may wrap between its
/// labels, never inside one (Chinese text may otherwise break between any two characters).
fn tokens<'a>(labels: impl Iterator<Item = &'a str>, lang: Lang) -> String {
    let spans: Vec<String> = labels
        .map(|l| format!("<span class=\"tok\">{}</span>", escape(l)))
        .collect();
    spans.join(lang.pick("、", ", "))
}

/// An HTML id fragment for a stock code (codes are `CODE.EX`; anything else is dropped).
fn anchor(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
}

fn kind_label(kind: crate::text::Kind, lang: Lang) -> &'static str {
    lang.pick(kind.label_zh(), kind.name())
}

/// Renders the report as one self-contained HTML document.
pub fn render(r: &ScanReport, charts: &[Chart], page: &Page, lang: Lang) -> String {
    let mut h = String::new();
    let title = match lang {
        Lang::Zh => format!("hypecheck 题材扫描：{}（截至 {}）", r.theme_name, r.asof),
        Lang::En => format!("hypecheck theme scan: {} (as of {})", r.theme_name, r.asof),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        escape(&title),
    );
    if page.fictional {
        let _ = writeln!(
            h,
            "<p class=\"fictional\">{}</p>",
            lang.pick(
                "演示样本：本报告中的公司、代码、行情和文档均为虚构，不涉及任何真实上市公司。",
                "Demo sample: every company, code, price and document in this report is fictional and refers to no real listed company."
            )
        );
    }
    let _ = writeln!(h, "<h1>{}</h1>", escape(&title));
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>",
        escape(&match lang {
            Lang::Zh => format!(
                "题材 id：{}；近 {} 个交易日；热度=连板≥2、异常波动（估算）或超额涨幅≥20%。异常波动为按规则估算，非交易所公告。",
                r.theme, r.window
            ),
            Lang::En => format!(
                "Theme id: {}; last {} trading days; hot = a streak of 2+, an abnormal-fluctuation estimate, or excess return of 20%+. Abnormal fluctuation is estimated from the rules, not the exchange's notice.",
                r.theme, r.window
            ),
        })
    );
    if r.stocks.is_empty() {
        let c = page.coverage;
        let _ = writeln!(
            h,
            "<p class=\"empty\" id=\"empty\">{}</p>",
            escape(&crate::messages::scan_empty(
                lang,
                &r.theme_name,
                r.asof,
                c.theme_docs_upto(),
                c.theme_docs_after(),
                c.first_after_asof,
                c.members
            ))
        );
    } else {
        summary(&mut h, r, lang);
        legend(&mut h, r, lang);
        scatter(&mut h, r, lang);
        for a in &r.stocks {
            let chart = charts.iter().find(|c| c.code == a.code);
            stock_section(&mut h, a, chart, r.window, &r.theme_name, lang);
        }
    }
    footer(&mut h, r, page, lang);
    h.push_str("</body>\n</html>\n");
    h
}

fn summary(h: &mut String, r: &ScanReport, lang: Lang) {
    let _ = write!(
        h,
        "<h2 id=\"summary\">{}</h2>\n<table class=\"summary\">\n<tr>",
        lang.pick("总览", "Summary")
    );
    let mut heads: Vec<String> = super::scan::columns(r.window, lang).into();
    heads.push(lang.pick("超额", "excess").to_string());
    heads.push(lang.pick("已读文档", "docs read").to_string());
    for head in heads {
        // Headings start with a capital in the HTML report.
        let mut chars = head.chars();
        let head: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let _ = write!(h, "<th>{}</th>", escape(&head));
    }
    h.push_str("</tr>\n");
    for a in &r.stocks {
        let heat = a.heat.as_ref();
        let _ = writeln!(
            h,
            "<tr class=\"v-{v}\"><td class=\"code\"><a href=\"#stock-{id}\">{code}</a></td><td class=\"nowrap\">{name}</td><td class=\"nowrap\">{label}</td><td class=\"nowrap\">{sub}</td><td>{flags}</td><td class=\"num\">{streak}</td><td class=\"num\">{max}</td>{ret}<td class=\"num\">{amount}</td>{exc}<td class=\"num\">{docs}</td></tr>",
            v = a.verdict.name(),
            id = anchor(&a.code),
            code = escape(&a.code),
            name = escape(&super::scan::name_marked(a)),
            label = verdict_label(a.verdict, lang),
            sub = lang.pick(a.substance.label_zh(), a.substance.name()),
            flags = tokens(a.flags.iter().map(|f| lang.pick(f.label_zh(), f.name())), lang),
            streak = heat.map_or("-".to_string(), |x| x.streak.to_string()),
            max = heat.map_or("-".to_string(), |x| x.max_streak.to_string()),
            amount = escape(&super::scan::amount_text(a, lang)),
            ret = pct_cell(heat.and_then(|x| x.returns.window)),
            exc = pct_cell(heat.and_then(|x| x.excess.window)),
            docs = a.docs_checked,
        );
    }
    h.push_str("</table>\n");
    if r.stocks.iter().any(|a| a.membership_dated == Some(false)) {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(super::scan::undated_note(lang)));
    }
}

/// What each verdict shown means (design §6), right under the summary table.
fn legend(h: &mut String, r: &ScanReport, lang: Lang) {
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<dl class=\"legend\">",
        lang.pick("结论的含义", "What the verdicts mean")
    );
    for v in Verdict::ALL {
        if r.stocks.iter().any(|a| a.verdict == v) {
            let _ = writeln!(
                h,
                "<dt class=\"v-{}\">{}</dt><dd>{}</dd>",
                v.name(),
                verdict_label(v, lang),
                escape(lang.pick(v.definition_zh(), v.definition_en()))
            );
        }
    }
    h.push_str("</dl>\n");
}

const SUBSTANCES: [Substance; 6] = [
    Substance::Disclaimed,
    Substance::None,
    Substance::Adopter,
    Substance::Claimed,
    Substance::Confirmed,
    Substance::Material,
];

/// An axis-aligned box in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// The point of the box nearest to (x, y), where a leader line ends.
    fn nearest(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// The font size of the scatter's labels, and the height a label is given.
const LABEL_SIZE: f64 = 11.0;
const LABEL_HEIGHT: f64 = 17.0;
const DOT_R: f64 = 6.0;

/// A generous estimate of a label's width in SVG units: CJK characters take a full em,
/// others up to two thirds of one (real fonts are narrower, so boxes never underestimate).
fn label_width(s: &str) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.66 })
        .sum();
    em * LABEL_SIZE + 4.0
}

/// Where each point's label goes: the first of a list of candidate boxes, nearest first,
/// that stays inside `area` and overlaps neither a dot nor a label placed before it.
/// `None` when no candidate is free (the point is then named under the chart).
/// A dot left of its column's centre (`centres`) looks for room on the left first, so
/// that leader lines of a crowd fan out instead of crossing.
fn place_labels(
    dots: &[(f64, f64)],
    centres: &[f64],
    widths: &[f64],
    area: &Rect,
) -> Vec<Option<Rect>> {
    let dot_box = |&(x, y): &(f64, f64)| Rect {
        x0: x - DOT_R - 1.0,
        y0: y - DOT_R - 1.0,
        x1: x + DOT_R + 1.0,
        y1: y + DOT_R + 1.0,
    };
    let mut taken: Vec<Rect> = dots.iter().map(dot_box).collect();
    let mut out = Vec::with_capacity(dots.len());
    for ((&(x, y), &w), &centre) in dots.iter().zip(widths).zip(centres) {
        let hgt = LABEL_HEIGHT;
        let side = if x < centre - 0.5 { -1.0 } else { 1.0 };
        let gap = DOT_R + 3.0;
        let at = |x0: f64, y0: f64| Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + hgt,
        };
        // Beside, above and below the dot; then stacked up and down on either side,
        // further away step by step (these get a leader line).
        // `toward(dx)`: the box `dx` from the dot on the preferred side, then the other.
        let beside = |dx: f64, y0: f64| {
            let right = at(x + dx, y0);
            let left = at(x - dx - w, y0);
            if side > 0.0 {
                [right, left]
            } else {
                [left, right]
            }
        };
        let mut cands = beside(gap, y - hgt / 2.0).to_vec();
        cands.push(at(x - w / 2.0, y - gap - hgt));
        cands.push(at(x - w / 2.0, y + gap));
        for step in 1..40 {
            let dy = step as f64 * (hgt + 1.0);
            for sign in [-1.0, 1.0] {
                let y0 = y - hgt / 2.0 + sign * dy;
                for dx in [gap + 8.0, gap + 8.0 + w / 2.0, gap + 16.0 + w] {
                    cands.extend(beside(dx, y0));
                }
            }
        }
        let found = cands
            .into_iter()
            .find(|c| c.inside(area) && !taken.iter().any(|t| t.overlaps(c)));
        if let Some(c) = found {
            taken.push(c);
        }
        out.push(found);
    }
    out
}

/// Moves dots that would sit on one another apart, within their substance column and a
/// few dot widths up or down (a beeswarm): the nearest free spot to the true position wins;
/// `area` bounds the centres.
fn spread_dots(raw: &[(f64, f64)], half_column: f64, area: &Rect) -> Vec<(f64, f64)> {
    let min_d = 2.0 * DOT_R + 2.0;
    let mut offsets: Vec<(f64, f64)> = Vec::new();
    let reach_x = ((half_column - DOT_R) / min_d).floor() as i32;
    for i in -reach_x..=reach_x {
        for j in -3..=3 {
            // A hexagonal grid packs the crowd tightly.
            let dx = (f64::from(i) + if j % 2 == 0 { 0.0 } else { 0.5 }) * min_d;
            let dy = f64::from(j) * min_d * 0.87;
            if dx.abs() <= half_column - DOT_R {
                offsets.push((dx, dy));
            }
        }
    }
    offsets.sort_by(|a, b| a.0.hypot(a.1).total_cmp(&b.0.hypot(b.1)));
    let mut placed: Vec<(f64, f64)> = Vec::with_capacity(raw.len());
    for &(x, y) in raw {
        let spot = offsets
            .iter()
            .map(|(dx, dy)| (x + dx, (y + dy).clamp(area.y0 + DOT_R, area.y1 - DOT_R)))
            .find(|c| placed.iter().all(|p| (p.0 - c.0).hypot(p.1 - c.1) >= min_d))
            .unwrap_or((x, y));
        placed.push(spot);
    }
    placed
}

fn scatter(h: &mut String, r: &ScanReport, lang: Lang) {
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
    let _ = writeln!(
        h,
        "<h2 id=\"scatter\">{}</h2>\n<svg class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\">",
        lang.pick("热度与实质", "Heat vs substance"),
        lang.pick("热度与实质散点图", "heat against substance"),
    );
    let _ = writeln!(
        h,
        "<rect x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>",
        w - left - right,
        ht - top - bottom
    );
    for s in SUBSTANCES {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
            x(s),
            ht - bottom + 18.0,
            lang.pick(s.label_zh(), s.name())
        );
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
        let _ = writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{1:.1}\" y2=\"{1:.1}\" stroke=\"#eee\"/><text class=\"tick\" x=\"{2:.1}\" y=\"{3:.1}\" font-size=\"11\" text-anchor=\"end\">{4:+.0}%</text>",
            w - right,
            y(v),
            left - 6.0,
            y(v) + 4.0,
            v * 100.0
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
        left + (w - left - right) / 2.0,
        ht - 12.0,
        lang.pick(
            "实质（左低右高）；纵轴：窗口涨幅",
            "substance (low to high); vertical: window return"
        )
    );
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
                let _ = writeln!(
                    h,
                    "<line class=\"leader\" x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{lx:.1}\" y2=\"{ly:.1}\" stroke=\"#999\"/>"
                );
            }
        }
    }
    for ((a, v), &(cx, cy)) in pts.iter().zip(&dots) {
        let _ = writeln!(
            h,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{DOT_R}\" fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#fff\"><title>{} {} {}</title></circle>",
            verdict_color(a.verdict),
            escape(&a.code),
            escape(a.name.as_deref().unwrap_or("")),
            pct_text(*v).1,
        );
    }
    let mut unplaced = Vec::new();
    for (((a, _), name), label) in pts.iter().zip(&names).zip(&labels) {
        match label {
            Some(b) => {
                let _ = writeln!(
                    h,
                    "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{LABEL_SIZE}\">{}</text>",
                    b.x0 + 2.0,
                    b.y0 + 13.0,
                    escape(name)
                );
            }
            None => unplaced.push(*a),
        }
    }
    h.push_str("</svg>\n");
    if !unplaced.is_empty() {
        let list: Vec<String> = unplaced
            .iter()
            .map(|a| format!("{} {}", a.code, a.name.as_deref().unwrap_or_default()))
            .collect();
        let _ = writeln!(
            h,
            "<p class=\"note unplaced\">{}{}</p>",
            lang.pick(
                "图中点太密、未标名称的股票：",
                "Too crowded to name on the chart: "
            ),
            escape(&list.join(lang.pick("、", ", ")))
        );
    }
}

/// The smallest range a price chart's vertical axis spans, as a fraction of the middle
/// price: a stock that barely moved stays a flat line, not a wild one.
const MIN_PRICE_RANGE: f64 = 0.10;

fn price_chart(h: &mut String, chart: &Chart, doc_dates: &[Date], lang: Lang) {
    let pts = &chart.points;
    if pts.is_empty() {
        return;
    }
    let (w, ht, left, right, top, bottom) = (760.0, 220.0, 60.0, 20.0, 14.0, 34.0);
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
    let span = hi - lo;
    let n = pts.len().max(2) - 1;
    let x = |i: usize| left + (w - left - right) * i as f64 / n as f64;
    let y = |v: f64| top + (hi - v) / span * (ht - top - bottom);
    let _ = writeln!(
        h,
        "<svg class=\"price\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{ht}\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\">",
        lang.pick("日收盘价", "daily close")
    );
    for d in doc_dates {
        if let Some(i) = pts.iter().position(|p| p.date >= *d) {
            let _ = writeln!(
                h,
                "<line class=\"doc\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{top}\" y2=\"{1:.1}\" stroke=\"#3366cc\" stroke-dasharray=\"3,3\"><title>{2} {3}</title></line>",
                x(i),
                ht - bottom,
                lang.pick("文档", "document"),
                d
            );
        }
    }
    let line: Vec<String> = pts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.close)))
        .collect();
    let _ = writeln!(
        h,
        "<polyline fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" points=\"{}\"/>",
        line.join(" ")
    );
    for (i, p) in pts.iter().enumerate().filter(|(_, p)| p.limit_up) {
        let _ = writeln!(
            h,
            "<circle class=\"limit-up\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#d20000\"><title>{} {} {:.2}</title></circle>",
            x(i),
            y(p.close),
            p.date,
            lang.pick("涨停", "limit-up"),
            p.close
        );
    }
    for v in [lo, hi] {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{v:.2}</text>",
            left - 6.0,
            y(v) + 4.0
        );
    }
    let last = pts.len() - 1;
    for i in [0, last] {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"{}\">{}</text>",
            x(i),
            ht - bottom + 16.0,
            if i == 0 { "start" } else { "end" },
            pts[i].date
        );
    }
    let _ = writeln!(
        h,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
        left + (w - left - right) / 2.0,
        ht - 4.0,
        lang.pick(
            "红点：涨停收盘；蓝色虚线：文档发布日",
            "red dots: limit-up closes; blue dashes: document dates"
        )
    );
    h.push_str("</svg>\n");
}

/// How many characters of a sentence the timeline shows (the evidence table has it all).
const TIMELINE_CHARS: usize = 60;

/// The run day by day: each of the window's trading days with its close and move, beside
/// what the documents of that day said; a document of a non-trading day gets its own row.
fn timeline(h: &mut String, a: &StockAssessment, chart: &Chart, window: usize, lang: Lang) {
    let pts = &chart.points;
    let Some(first) = pts
        .len()
        .checked_sub(window.max(1))
        .map_or(pts.first(), |i| pts.get(i))
    else {
        return;
    };
    let from = first.date;
    let mut days: Vec<Date> = pts.iter().map(|p| p.date).filter(|d| *d >= from).collect();
    days.extend(a.evidence.iter().map(|e| e.date).filter(|d| *d >= from));
    days.sort();
    days.dedup();
    titled_table(
        h,
        lang.pick(
            "逐日走势与当日文档",
            "Day by day: the moves and the documents",
        ),
        "timeline",
        &[
            lang.pick("日期", "Date"),
            lang.pick("收盘", "Close"),
            lang.pick("涨跌", "Change"),
            lang.pick("涨跌停", "Limit"),
            lang.pick("当日文档", "Said that day"),
        ],
    );
    for d in days {
        let said: Vec<String> = a
            .evidence
            .iter()
            .filter(|e| e.date == d)
            .map(|e| {
                let text: String = e.text.chars().take(TIMELINE_CHARS).collect();
                let more = if e.text.chars().count() > TIMELINE_CHARS {
                    "…"
                } else {
                    ""
                };
                format!(
                    "<b>{}</b>{}：{}{more}",
                    kind_label(e.kind, lang),
                    escape(&format!(
                        "（{}）",
                        super::class_labels(&e.classes, lang).join(lang.pick("、", ", "))
                    )),
                    escape(&text)
                )
            })
            .collect();
        let row_class = if said.is_empty() {
            " class=\"quiet\""
        } else {
            ""
        };
        let (close, change, mark) = match pts.iter().find(|p| p.date == d) {
            Some(p) => (
                format!("<td class=\"num\">{:.2}</td>", p.close),
                pct_cell(p.change),
                if p.limit_up {
                    format!(
                        "<td class=\"nowrap up\">{}</td>",
                        lang.pick("涨停", "limit-up")
                    )
                } else if p.limit_down {
                    format!(
                        "<td class=\"nowrap down\">{}</td>",
                        lang.pick("跌停", "limit-down")
                    )
                } else {
                    "<td></td>".to_string()
                },
            ),
            None => (
                format!(
                    "<td class=\"num\" colspan=\"3\">{}</td>",
                    lang.pick("非交易日", "no trading")
                ),
                String::new(),
                String::new(),
            ),
        };
        let _ = writeln!(
            h,
            "<tr{row_class}><td class=\"date\">{d}</td>{close}{change}{mark}<td class=\"said\">{}</td></tr>",
            said.join("<br>")
        );
    }
    h.push_str("</table>\n");
}

fn stock_section(
    h: &mut String,
    a: &StockAssessment,
    chart: Option<&Chart>,
    window: usize,
    theme_name: &str,
    lang: Lang,
) {
    let _ = writeln!(
        h,
        "<section class=\"stock\" id=\"stock-{}\">\n<h2>{} {} <span class=\"badge v-{}\">{}</span></h2>",
        anchor(&a.code),
        escape(&a.code),
        escape(a.name.as_deref().unwrap_or("")),
        a.verdict.name(),
        verdict_label(a.verdict, lang)
    );
    let _ = writeln!(
        h,
        "<p class=\"note\">{}</p>",
        escape(&match (lang, a.newest_evidence) {
            (Lang::Zh, Some(d)) => format!(
                "已读公司关于该题材的文档 {} 篇，最新一篇 {d}。",
                a.docs_checked
            ),
            (Lang::Zh, None) => "仓库里没有公司关于该题材的文档。".to_string(),
            (Lang::En, Some(d)) => format!(
                "{} company documents about the theme read; the newest of {d}.",
                a.docs_checked
            ),
            (Lang::En, None) => "No company document about the theme in the store.".to_string(),
        })
    );
    h.push_str("<ul class=\"reasons\">\n");
    for r in &a.reasons {
        let _ = writeln!(
            h,
            "<li>{}</li>",
            escape(&super::reason::text(r, theme_name, lang))
        );
    }
    h.push_str("</ul>\n");
    let listed_in_reasons = a.reasons.iter().any(|r| r.about == crate::assess::About::Membership);
    if let Some(m) = a.membership.as_ref().filter(|_| !listed_in_reasons) {
        if let Some(reason) = &m.reason {
            let _ = writeln!(
                h,
                "<p class=\"note\">{}{}</p>",
                lang.pick("入选理由：", "Listed because: "),
                escape(reason)
            );
        }
    }
    match chart {
        Some(c) if !c.points.is_empty() => {
            let mut dates: Vec<Date> = a.evidence.iter().map(|e| e.date).collect();
            dates.dedup();
            price_chart(h, c, &dates, lang);
            timeline(h, a, c, window, lang);
        }
        _ => {
            let _ = writeln!(
                h,
                "<p class=\"note\">{}</p>",
                lang.pick("仓库里没有行情数据。", "No bars in the store.")
            );
        }
    }
    if a.evidence.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"note\">{}</p>",
            lang.pick("没有提到该题材的句子。", "No sentence mentions the theme.")
        );
    } else {
        titled_table(
            h,
            lang.pick("提到该题材的句子", "Sentences about the theme"),
            "evidence",
            &[
                lang.pick("日期", "Date"),
                lang.pick("来源", "Source"),
                lang.pick("类别", "Classes"),
                lang.pick("句子", "Sentence"),
                lang.pick("链接", "Link"),
            ],
        );
        for e in &a.evidence {
            let classes = super::class_labels(&e.classes, lang);
            let part = match (e.part, lang) {
                (DocPart::Question, Lang::Zh) => "（提问）",
                (DocPart::Answer, Lang::Zh) => "（回答）",
                (DocPart::Question, Lang::En) => " (question)",
                (DocPart::Answer, Lang::En) => " (answer)",
                (DocPart::Body, _) => "",
            };
            let link = match e.url.as_deref().and_then(safe_url) {
                Some(u) => format!(
                    "<a href=\"{u}\" rel=\"noopener noreferrer\">{}</a>",
                    lang.pick("原文", "source")
                ),
                None => e.url.as_deref().map(escape).unwrap_or_default(),
            };
            let _ = writeln!(
                h,
                "<tr><td class=\"date\">{}</td><td class=\"kind\">{}{}</td><td>{}</td><td>{}</td><td class=\"link\">{}</td></tr>",
                e.date,
                kind_label(e.kind, lang),
                part,
                tokens(classes.iter().copied(), lang),
                escape(&e.text),
                link
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n");
}

/// Provenance and definitions: the tool and its version, when and over what the report was
/// made, and what every verdict and flag means.
fn footer(h: &mut String, r: &ScanReport, page: &Page, lang: Lang) {
    let c = page.coverage;
    let generated = page.generated.format("%Y-%m-%d %H:%M UTC");
    let version = env!("CARGO_PKG_VERSION");
    h.push_str("<footer id=\"provenance\">\n");
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<ul>",
        lang.pick("数据与出处", "Data and provenance")
    );
    let made = match lang {
        Lang::Zh => format!(
            "由 hypecheck {version} 生成于 {generated}；截至 {}，热度窗口为近 {} 个交易日。",
            r.asof, r.window
        ),
        Lang::En => format!(
            "Made by hypecheck {version} on {generated}; as of {}, heat over the last {} trading days.",
            r.asof, r.window
        ),
    };
    let bars = match (lang, c.bars) {
        (Lang::Zh, Some((a, b))) => format!("行情：仓库里的K线从 {a} 到 {b}。"),
        (Lang::En, Some((a, b))) => format!("Bars: the store's daily bars run from {a} to {b}."),
        (Lang::Zh, None) => "行情：仓库里没有K线。".to_string(),
        (Lang::En, None) => "Bars: the store holds none.".to_string(),
    };
    let per_kind: Vec<String> = c
        .theme_docs
        .iter()
        .map(|k| match lang {
            Lang::Zh => format!("{} {}", k.kind.label_zh(), k.upto_asof),
            Lang::En => format!("{} {}", k.upto_asof, k.kind.name()),
        })
        .collect();
    let mut docs = match lang {
        Lang::Zh => format!(
            "文档：仓库共 {} 篇，截至 {} 提到该题材的 {} 篇（{}）",
            c.documents,
            r.asof,
            c.theme_docs_upto(),
            if per_kind.is_empty() {
                "无".to_string()
            } else {
                per_kind.join("、")
            }
        ),
        Lang::En => format!(
            "Documents: {} in the store; {} mention the theme up to {} ({})",
            c.documents,
            c.theme_docs_upto(),
            r.asof,
            if per_kind.is_empty() {
                "none".to_string()
            } else {
                per_kind.join(", ")
            }
        ),
    };
    if let Some(first) = c.first_after_asof {
        docs.push_str(&match lang {
            Lang::Zh => format!(
                "；另有 {} 篇晚于截至日（最早 {first}），不计入",
                c.theme_docs_after()
            ),
            Lang::En => format!(
                "; {} more are dated after the as-of date (earliest {first}) and do not count",
                c.theme_docs_after()
            ),
        });
    }
    docs.push_str(lang.pick("。", "."));
    let read: usize = r.stocks.iter().map(|a| a.docs_checked).sum();
    let stocks = match lang {
        Lang::Zh => format!(
            "股票：该题材的成分股 {} 只；本次扫描 {} 只，共读公司关于该题材的文档 {read} 篇。",
            c.members,
            r.stocks.len()
        ),
        Lang::En => format!(
            "Stocks: the theme has {} members in the store; this scan covers {}, reading {read} company documents about the theme.",
            c.members,
            r.stocks.len()
        ),
    };
    for line in [made, bars, docs, stocks] {
        let _ = writeln!(h, "<li>{}</li>", escape(&line));
    }
    h.push_str("</ul>\n");
    let _ = writeln!(
        h,
        "<h3>{}</h3>\n<dl class=\"legend verdicts\">",
        lang.pick("结论的定义", "Verdicts defined")
    );
    for v in Verdict::ALL {
        let _ = writeln!(
            h,
            "<dt class=\"v-{}\">{}</dt><dd>{}</dd>",
            v.name(),
            verdict_label(v, lang),
            escape(lang.pick(v.definition_zh(), v.definition_en()))
        );
    }
    let _ = writeln!(
        h,
        "</dl>\n<h3>{}</h3>\n<dl class=\"legend flags\">",
        lang.pick("标记的定义", "Flags defined")
    );
    for f in Flag::ALL {
        let _ = writeln!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            lang.pick(f.label_zh(), f.name()),
            escape(lang.pick(f.definition_zh(), f.definition_en()))
        );
    }
    let _ = writeln!(
        h,
        "</dl>\n<p class=\"note\">{}</p>\n</footer>",
        lang.pick(
            "结论由规则从仓库中的行情和公司文档自动得出，是阅读原文的指引，不是投资建议；异常波动为按规则估算。",
            "Verdicts are drawn by rules from the bars and company documents in the store: a guide to reading the sources, not investment advice; abnormal fluctuation is estimated."
        )
    );
}

/// Opens a table of class `class` under an `<h3>` title, with its header row (the texts
/// are the renderer's own, not escaped).
fn titled_table(h: &mut String, title: &str, class: &str, headers: &[&str]) {
    let cells: String = headers.iter().map(|c| format!("<th>{c}</th>")).collect();
    let _ = writeln!(
        h,
        "<h3>{title}</h3>\n<table class=\"{class}\">\n<tr>{cells}</tr>"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(escape("灵犀大模型"), "灵犀大模型");
    }

    #[test]
    fn a_crowd_of_labels_gets_boxes_that_overlap_no_label_and_no_dot() {
        let area = Rect {
            x0: 70.0,
            y0: 20.0,
            x1: 740.0,
            y1: 300.0,
        };
        // Twelve stocks at one spot in the bottom-left corner, plus one apart.
        let raw: Vec<(f64, f64)> = (0..12)
            .map(|_| (125.0, 299.0))
            .chain([(400.0, 100.0)])
            .collect();
        let dots = spread_dots(&raw, 55.0, &area);
        for (i, a) in dots.iter().enumerate() {
            for b in &dots[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) >= 2.0 * DOT_R, "{a:?} {b:?}");
            }
        }
        let centres: Vec<f64> = raw.iter().map(|p| p.0).collect();
        let widths: Vec<f64> = (0..13)
            .map(|i| label_width(&"长".repeat(2 + i % 5)))
            .collect();
        let labels = place_labels(&dots, &centres, &widths, &area);
        let boxes: Vec<Rect> = labels.iter().flatten().copied().collect();
        assert_eq!(boxes.len(), 13, "every label found room");
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.inside(&area));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
            for d in &dots {
                let dot = Rect {
                    x0: d.0 - DOT_R,
                    y0: d.1 - DOT_R,
                    x1: d.0 + DOT_R,
                    y1: d.1 + DOT_R,
                };
                assert!(!a.overlaps(&dot), "{a:?} over the dot {d:?}");
            }
        }
        // With no room at all, a label is left out rather than drawn over another.
        let tiny = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 60.0,
            y1: 20.0,
        };
        let two = place_labels(
            &[(10.0, 10.0), (12.0, 10.0)],
            &[10.0, 10.0],
            &[40.0, 40.0],
            &tiny,
        );
        assert!(two.iter().filter(|l| l.is_some()).count() <= 1, "{two:?}");
    }

    #[test]
    fn a_flat_price_chart_spans_at_least_the_minimum_range() {
        let day = |d: u32| Date::from_ymd_opt(2025, 4, d).unwrap();
        let chart = Chart {
            code: "605890.SH".into(),
            points: (1..=20)
                .map(|d| ChartPoint {
                    date: day(d),
                    close: if d % 2 == 0 { 10.00 } else { 10.02 },
                    change: None,
                    limit_up: false,
                    limit_down: false,
                })
                .collect(),
        };
        let mut h = String::new();
        price_chart(&mut h, &chart, &[], Lang::Zh);
        // The axis labels: the bottom and the top of the range.
        let labels: Vec<f64> = h
            .lines()
            .filter(|l| l.contains("text-anchor=\"end\">") && !l.contains("2025"))
            .filter_map(|l| {
                l.rsplit_once("\">")?
                    .1
                    .strip_suffix("</text>")?
                    .parse()
                    .ok()
            })
            .collect();
        assert_eq!(labels.len(), 2, "{h}");
        let (lo, hi) = (labels[0], labels[1]);
        assert!(
            hi - lo >= 1.0 - 0.01,
            "a 0.2% wiggle fills a {lo}..{hi} axis"
        );
        assert!(lo < 10.0 && hi > 10.02);
    }

    #[test]
    fn only_http_links_are_links() {
        assert_eq!(
            safe_url("https://example.com/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.com/a?b=1&amp;c=&quot;2&quot;")
        );
        assert!(safe_url("HTTP://EXAMPLE.COM").is_some());
        assert!(safe_url("javascript:alert(1)").is_none());
        assert!(safe_url(" JavaScript:alert(1)").is_none());
        assert!(safe_url("data:text/html,<b>").is_none());
        assert!(safe_url("/relative").is_none());
        assert!(safe_url("https://a.com/\u{0}x").is_none());
    }
}
