//! The HTML report of a scan (docs/design.md §8): one self-contained file that opens offline. A
//! Content-Security-Policy forbids scripts and every load (network or `data:`), `<base>`
//! and forms; charts are inline SVG.
//! Every text that comes from a document or the store goes through [`escape`], and only
//! `http`/`https` links become `<a href>`.

use std::fmt::Write;

pub use crate::assess::{Chart, ChartPoint};
use crate::assess::{DocPart, ScanReport, StockAssessment, Verdict};
use crate::model::{Date, Lang};
use crate::text::Substance;

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
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.up{color:#d20000}.down{color:#008a00}
.v-hype_rider{background:#ffe0e0}.v-speculative{background:#fff2cc}.v-unverified{background:#e6e9f2}.v-clarified{background:#dff0f6}.v-substantive{background:#e0f5e0}.v-cold{background:#eee}
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0 16px}dl.legend dt{font-weight:bold;padding:1px 6px}dl.legend dd{margin:0}
.badge{display:inline-block;padding:1px 6px;border-radius:3px}
section.stock{border-top:2px solid #ddd;margin-top:24px;padding-top:8px}
.note{color:#666;font-size:90%}
"#;

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

fn pct_cell(x: Option<f64>) -> String {
    match x {
        None => "<td class=\"num\">-</td>".into(),
        Some(x) => {
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
            format!("<td class=\"{class}\">{:+.2}%</td>", x * 100.0)
        }
    }
}

/// An HTML id fragment for a stock code (codes are `CODE.EX`; anything else is dropped).
fn anchor(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
}

/// Renders the report as one self-contained HTML document.
pub fn render(r: &ScanReport, charts: &[Chart], lang: Lang) -> String {
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
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.pick("zh-CN", "en"),
        escape(&title),
        escape(&title)
    );
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
    summary(&mut h, r, lang);
    legend(&mut h, r, lang);
    scatter(&mut h, r, lang);
    for a in &r.stocks {
        let chart = charts.iter().find(|c| c.code == a.code);
        stock_section(&mut h, a, chart, lang);
    }
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
            "<tr class=\"v-{v}\"><td><a href=\"#stock-{id}\">{code}</a></td><td>{name}</td><td>{label}</td><td>{sub}</td><td>{flags}</td><td class=\"num\">{streak}</td>{ret}{exc}<td class=\"num\">{docs}</td></tr>",
            v = a.verdict.name(),
            id = anchor(&a.code),
            code = escape(&a.code),
            name = escape(a.name.as_deref().unwrap_or("")),
            label = verdict_label(a.verdict, lang),
            sub = lang.pick(a.substance.label_zh(), a.substance.name()),
            flags = escape(&super::scan::flags_text(a, lang)),
            streak = heat.map_or("-".to_string(), |x| x.streak.to_string()),
            ret = pct_cell(heat.and_then(|x| x.returns.window)),
            exc = pct_cell(heat.and_then(|x| x.excess.window)),
            docs = a.docs_checked,
        );
    }
    h.push_str("</table>\n");
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

fn scatter(h: &mut String, r: &ScanReport, lang: Lang) {
    let (w, ht, left, right, top, bottom) = (760.0, 360.0, 70.0, 20.0, 20.0, 60.0);
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
    for v in [lo, 0.0, hi] {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{:+.0}%</text>",
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
    // Stocks with the same substance spread sideways so labels do not overlap.
    let mut seen = [0usize; 6];
    for (a, v) in &pts {
        let i = SUBSTANCES
            .iter()
            .position(|t| *t == a.substance)
            .unwrap_or(0);
        let dx = (seen[i] % 3) as f64 * 14.0 - 14.0;
        seen[i] += 1;
        let (cx, cy) = (x(a.substance) + dx, y(*v));
        let _ = writeln!(
            h,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"6\" fill=\"{}\"><title>{} {}</title></circle><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
            verdict_color(a.verdict),
            escape(&a.code),
            escape(a.name.as_deref().unwrap_or("")),
            cx + 8.0,
            cy - 6.0,
            escape(a.name.as_deref().unwrap_or(&a.code)),
        );
    }
    h.push_str("</svg>\n");
}

fn price_chart(h: &mut String, chart: &Chart, doc_dates: &[Date], lang: Lang) {
    let pts = &chart.points;
    if pts.is_empty() {
        return;
    }
    let (w, ht, left, right, top, bottom) = (760.0, 220.0, 60.0, 20.0, 14.0, 34.0);
    let lo = pts.iter().map(|p| p.close).fold(f64::INFINITY, f64::min);
    let hi = pts
        .iter()
        .map(|p| p.close)
        .fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(0.01);
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
    for (v, label) in [(lo, lo), (hi, hi)] {
        let _ = writeln!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{label:.2}</text>",
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

fn stock_section(h: &mut String, a: &StockAssessment, chart: Option<&Chart>, lang: Lang) {
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
        let _ = writeln!(h, "<li>{}</li>", escape(lang.pick(&r.zh, &r.en)));
    }
    h.push_str("</ul>\n");
    let listed_in_reasons = a.reasons.iter().any(|r| r.about == "membership");
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
        let _ = writeln!(
            h,
            "<table class=\"evidence\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            lang.pick("日期", "Date"),
            lang.pick("来源", "Source"),
            lang.pick("类别", "Classes"),
            lang.pick("句子", "Sentence"),
            lang.pick("链接", "Link"),
        );
        for e in &a.evidence {
            let classes = super::class_labels(&e.classes, lang);
            let kind = match (e.kind, lang) {
                (k, Lang::En) => k.name(),
                (crate::text::Kind::Announcement, Lang::Zh) => "公告",
                (crate::text::Kind::Regulator, Lang::Zh) => "监管",
                (crate::text::Kind::Qa, Lang::Zh) => "问答",
                (crate::text::Kind::Post, Lang::Zh) => "自媒体",
                (crate::text::Kind::News, Lang::Zh) => "新闻",
            };
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
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e.date,
                kind,
                part,
                escape(&classes.join(lang.pick("、", ", "))),
                escape(&e.text),
                link
            );
        }
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n");
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
