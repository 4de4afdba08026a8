//! The page: the document around the charts (head with its Content-Security-Policy and
//! style, summary table, legend, a section per stock with its reasons, timeline and
//! evidence, and the footer with provenance and definitions).

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use super::chart::{price_chart, scatter, DocMark};
use super::escape::{escape, safe_url};
use crate::assess::{Chart, DocPart, ScanReport, StockAssessment, Verdict};
use crate::jobs::Coverage;
use crate::model::{Date, Lang};
use crate::text::Flag;

/// Nothing may load or run: no script, image, font, frame or connection of any origin
/// (`default-src 'none'`), no `<base>` to redirect relative links, no form to submit;
/// only the page's own inline `<style>` applies.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The style every hypecheck page shares (the scan report, the event study): type, tables,
/// numbers, the A-share colours, the verdicts' colours, notes and the fictional banner.
const BASE_STYLE: &str = r#"
body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.date,td.code{white-space:nowrap;font-variant-numeric:tabular-nums}
.up{color:#d20000}.down{color:#008a00}
.v-hype_rider{background:#ffe0e0}.v-speculative{background:#fff2cc}.v-unverified{background:#e6e9f2}.v-clarified{background:#dff0f6}.v-substantive{background:#e0f5e0}.v-cold{background:#eee}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;white-space:nowrap}
.note{color:#666;font-size:90%}
.fictional{background:#fff3c4;border:2px solid #e6b800;padding:8px 12px;font-weight:bold}
.empty{background:#f6f6f6;border-left:4px solid #999;padding:8px 12px}
"#;

/// The start of a self-contained page: the policy that lets nothing load or run, the
/// title, [`BASE_STYLE`] and the page's own `style`.
pub(crate) fn head(w: &mut dyn Write, title: &str, style: &str, lang: Lang) -> io::Result<()> {
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{BASE_STYLE}{style}</style>\n</head>\n<body>\n",
        lang.pick("zh-CN", "en"),
        escape(title),
    )
}

/// The scan report's own style.
const STYLE: &str = r#"
th{white-space:nowrap}
td.link,td.kind,td.nowrap{white-space:nowrap}
span.tok{white-space:nowrap}
dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0 16px}dl.legend dt{font-weight:bold;padding:1px 6px;white-space:nowrap}dl.legend dd{margin:0}
section.stock{border-top:2px solid #ddd;margin-top:24px;padding-top:8px}
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

pub(super) fn verdict_color(v: Verdict) -> &'static str {
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
pub(super) fn pct_text(x: f64) -> (&'static str, String) {
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
pub fn render(
    h: &mut dyn Write,
    r: &ScanReport,
    charts: &[Chart],
    page: &Page,
    lang: Lang,
) -> io::Result<()> {
    let title = match lang {
        Lang::Zh => format!("hypecheck 题材扫描：{}（截至 {}）", r.theme_name, r.asof),
        Lang::En => format!("hypecheck theme scan: {} (as of {})", r.theme_name, r.asof),
    };
    head(h, &title, STYLE, lang)?;
    if page.fictional {
        writeln!(
            h,
            "<p class=\"fictional\">{}</p>",
            lang.pick(
                "演示样本：本报告中的公司、代码、行情和文档均为虚构，不涉及任何真实上市公司。",
                "Demo sample: every company, code, price and document in this report is fictional and refers to no real listed company."
            )
        )?;
    }
    writeln!(h, "<h1>{}</h1>", escape(&title))?;
    writeln!(
        h,
        "<p class=\"note\">{}</p>",
        escape(&match lang {
            Lang::Zh => format!(
                "题材 id：{}；近 {} 个交易日；热度=连板≥2、上涨触发异常波动（估算）或超额涨幅≥20%。异常波动为按规则估算，非交易所公告。",
                r.theme, r.window
            ),
            Lang::En => format!(
                "Theme id: {}; last {} trading days; hot = a streak of 2+, an abnormal-fluctuation estimate on a rise, or excess return of 20%+. Abnormal fluctuation is estimated from the rules, not the exchange's notice.",
                r.theme, r.window
            ),
        })
    )?;
    if r.stocks.is_empty() {
        let c = page.coverage;
        writeln!(
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
        )?;
    } else {
        summary(h, r, lang)?;
        legend(h, r, lang)?;
        scatter(h, r, lang)?;
        for a in &r.stocks {
            let chart = charts.iter().find(|c| c.code == a.code);
            stock_section(h, a, chart, r.window, &r.theme_name, lang)?;
        }
    }
    footer(h, r, page, lang)?;
    h.write_all(b"</body>\n</html>\n")
}

fn summary(h: &mut dyn Write, r: &ScanReport, lang: Lang) -> io::Result<()> {
    write!(
        h,
        "<h2 id=\"summary\">{}</h2>\n<table class=\"summary\">\n<tr>",
        lang.pick("总览", "Summary")
    )?;
    let mut heads: Vec<String> = crate::report::scan::columns(r.window, lang).into();
    heads.push(lang.pick("超额", "excess").to_string());
    heads.push(lang.pick("已读文档", "docs read").to_string());
    for head in heads {
        // Headings start with a capital in the HTML report.
        let mut chars = head.chars();
        let head: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        write!(h, "<th>{}</th>", escape(&head))?;
    }
    h.write_all("</tr>\n".as_bytes())?;
    for a in &r.stocks {
        let heat = a.heat.as_ref();
        writeln!(
            h,
            "<tr class=\"v-{v}\"><td class=\"code\"><a href=\"#stock-{id}\">{code}</a></td><td class=\"nowrap\">{name}</td><td class=\"nowrap\">{label}</td><td class=\"nowrap\">{sub}</td><td>{flags}</td><td class=\"num\">{streak}</td><td class=\"num\">{max}</td>{ret}<td class=\"num\">{amount}</td><td class=\"num\">{turnover}</td><td class=\"num\">{float_cap}</td>{exc}<td class=\"num\">{docs}</td></tr>",
            v = a.verdict.name(),
            id = anchor(&a.code),
            code = escape(&a.code),
            name = escape(&crate::report::scan::name_marked(a)),
            label = verdict_label(a.verdict, lang),
            sub = lang.pick(a.substance.label_zh(), a.substance.name()),
            flags = tokens(a.flags.iter().map(|f| lang.pick(f.label_zh(), f.name())), lang),
            streak = heat.map_or("-".to_string(), |x| x.streak.to_string()),
            max = heat.map_or("-".to_string(), |x| x.max_streak.to_string()),
            amount = escape(&crate::report::scan::amount_text(a, lang)),
            turnover = escape(&crate::report::scan::turnover_text(a, lang)),
            float_cap = escape(&crate::report::scan::float_cap_text(a, lang)),
            ret = pct_cell(heat.and_then(|x| x.returns.window)),
            exc = pct_cell(heat.and_then(|x| x.excess.window)),
            docs = a.docs_checked,
        )?;
    }
    h.write_all("</table>\n".as_bytes())?;
    if r.stocks.iter().any(|a| a.membership_dated == Some(false)) {
        writeln!(
            h,
            "<p class=\"note\">{}</p>",
            escape(crate::report::scan::undated_note(lang))
        )?;
    }
    Ok(())
}

/// What each verdict shown means (design §6), right under the summary table.
fn legend(h: &mut dyn Write, r: &ScanReport, lang: Lang) -> io::Result<()> {
    writeln!(
        h,
        "<h3>{}</h3>\n<dl class=\"legend\">",
        lang.pick("结论的含义", "What the verdicts mean")
    )?;
    for v in Verdict::ALL {
        if r.stocks.iter().any(|a| a.verdict == v) {
            writeln!(
                h,
                "<dt class=\"v-{}\">{}</dt><dd>{}</dd>",
                v.name(),
                verdict_label(v, lang),
                escape(lang.pick(v.definition_zh(), v.definition_en()))
            )?;
        }
    }
    h.write_all("</dl>\n".as_bytes())?;
    Ok(())
}

/// How many characters of a sentence the timeline shows (the evidence table has it all).
const TIMELINE_CHARS: usize = 60;

/// The run day by day: each of the window's trading days with its close and move, beside
/// what the documents of that day said; a document of a non-trading day gets its own row.
fn timeline(
    h: &mut dyn Write,
    a: &StockAssessment,
    chart: &Chart,
    window: usize,
    lang: Lang,
) -> io::Result<()> {
    let pts = &chart.points;
    let Some(first) = pts
        .len()
        .checked_sub(window.max(1))
        .map_or(pts.first(), |i| pts.get(i))
    else {
        return Ok(());
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
    )?;
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
                        crate::report::class_labels(&e.classes, lang).join(lang.pick("、", ", "))
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
        writeln!(
            h,
            "<tr{row_class}><td class=\"date\">{d}</td>{close}{change}{mark}<td class=\"said\">{}</td></tr>",
            said.join("<br>")
        )?;
    }
    h.write_all("</table>\n".as_bytes())?;
    Ok(())
}

fn stock_section(
    h: &mut dyn Write,
    a: &StockAssessment,
    chart: Option<&Chart>,
    window: usize,
    theme_name: &str,
    lang: Lang,
) -> io::Result<()> {
    writeln!(
        h,
        "<section class=\"stock\" id=\"stock-{}\">\n<h2>{} {} <span class=\"badge v-{}\">{}</span></h2>",
        anchor(&a.code),
        escape(&a.code),
        escape(a.name.as_deref().unwrap_or("")),
        a.verdict.name(),
        verdict_label(a.verdict, lang)
    )?;
    writeln!(
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
    )?;
    h.write_all("<ul class=\"reasons\">\n".as_bytes())?;
    for r in &a.reasons {
        writeln!(
            h,
            "<li>{}</li>",
            escape(&crate::report::reason::text(r, theme_name, lang))
        )?;
    }
    h.write_all("</ul>\n".as_bytes())?;
    let listed_in_reasons = a
        .reasons
        .iter()
        .any(|r| r.about == crate::assess::About::Membership);
    if let Some(m) = a.membership.as_ref().filter(|_| !listed_in_reasons) {
        if let Some(reason) = &m.reason {
            writeln!(
                h,
                "<p class=\"note\">{}{}</p>",
                lang.pick("入选理由：", "Listed because: "),
                escape(reason)
            )?;
        }
    }
    match chart {
        Some(c) if !c.points.is_empty() => {
            let docs: Vec<DocMark> = a
                .evidence
                .iter()
                .map(|e| DocMark {
                    date: e.date,
                    kind: e.kind,
                    doc: &e.doc_id,
                })
                .collect();
            price_chart(h, c, &docs, lang)?;
            timeline(h, a, c, window, lang)?;
        }
        _ => {
            writeln!(
                h,
                "<p class=\"note\">{}</p>",
                lang.pick("仓库里没有行情数据。", "No bars in the store.")
            )?;
        }
    }
    if a.evidence.is_empty() {
        writeln!(
            h,
            "<p class=\"note\">{}</p>",
            lang.pick("没有提到该题材的句子。", "No sentence mentions the theme.")
        )?;
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
        )?;
        for e in &a.evidence {
            let classes = crate::report::class_labels(&e.classes, lang);
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
            writeln!(
                h,
                "<tr><td class=\"date\">{}</td><td class=\"kind\">{}{}</td><td>{}</td><td>{}</td><td class=\"link\">{}</td></tr>",
                e.date,
                kind_label(e.kind, lang),
                part,
                tokens(classes.iter().copied(), lang),
                escape(&e.text),
                link
            )?;
        }
        h.write_all("</table>\n".as_bytes())?;
    }
    h.write_all("</section>\n".as_bytes())?;
    Ok(())
}

/// Provenance and definitions: the tool and its version, when and over what the report was
/// made, and what every verdict and flag means.
fn footer(h: &mut dyn Write, r: &ScanReport, page: &Page, lang: Lang) -> io::Result<()> {
    let c = page.coverage;
    let generated = page.generated.format("%Y-%m-%d %H:%M UTC");
    let version = env!("CARGO_PKG_VERSION");
    h.write_all("<footer id=\"provenance\">\n".as_bytes())?;
    writeln!(
        h,
        "<h3>{}</h3>\n<ul>",
        lang.pick("数据与出处", "Data and provenance")
    )?;
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
        writeln!(h, "<li>{}</li>", escape(&line))?;
    }
    h.write_all("</ul>\n".as_bytes())?;
    writeln!(
        h,
        "<h3>{}</h3>\n<dl class=\"legend verdicts\">",
        lang.pick("结论的定义", "Verdicts defined")
    )?;
    for v in Verdict::ALL {
        writeln!(
            h,
            "<dt class=\"v-{}\">{}</dt><dd>{}</dd>",
            v.name(),
            verdict_label(v, lang),
            escape(lang.pick(v.definition_zh(), v.definition_en()))
        )?;
    }
    writeln!(
        h,
        "</dl>\n<h3>{}</h3>\n<dl class=\"legend flags\">",
        lang.pick("标记的定义", "Flags defined")
    )?;
    for f in Flag::ALL {
        writeln!(
            h,
            "<dt>{}</dt><dd>{}</dd>",
            lang.pick(f.label_zh(), f.name()),
            escape(lang.pick(f.definition_zh(), f.definition_en()))
        )?;
    }
    writeln!(
        h,
        "</dl>\n<p class=\"note\">{}</p>\n</footer>",
        lang.pick(
            "结论由规则从仓库中的行情和公司文档自动得出，是阅读原文的指引，不是投资建议；异常波动为按规则估算。",
            "Verdicts are drawn by rules from the bars and company documents in the store: a guide to reading the sources, not investment advice; abnormal fluctuation is estimated."
        )
    )?;
    Ok(())
}

/// Opens a table of class `class` under an `<h3>` title, with its header row (the texts
/// are the renderer's own, not escaped).
fn titled_table(h: &mut dyn Write, title: &str, class: &str, headers: &[&str]) -> io::Result<()> {
    let cells: String = headers.iter().map(|c| format!("<th>{c}</th>")).collect();
    writeln!(
        h,
        "<h3>{title}</h3>\n<table class=\"{class}\">\n<tr>{cells}</tr>"
    )?;
    Ok(())
}
