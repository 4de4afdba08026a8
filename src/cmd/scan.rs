//! `hypecheck scan --theme ID|FILE [--asof DATE] [--window N] [--format table|json|csv|html]
//! [--out FILE]`: heat against substance for every stock in the theme's scope (design.md §7).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::ValueEnum;
use hypecheck::assess::{
    assess_stock, sort_assessments, ClassifiedDoc, Membership, ScanReport, StockAssessment,
    StockInput, Thresholds,
};
use hypecheck::exposure::{latest_exposure, PeriodExposure};
use hypecheck::market::{self, StockInfo};
use hypecheck::model::{Date, DocKind, Document, Lang, Symbol};
use hypecheck::report::csv_text;
use hypecheck::report::html::{Chart, ChartPoint};
use hypecheck::report::table::{self, num, pct};
use hypecheck::store::Store;
use hypecheck::text::{classify_document, DocInput, Lexicon, ThemeMatcher};
use hypecheck::theme::Theme;

use super::{parse_date, Global};

/// How many bars the HTML report's price charts show.
const CHART_BARS: usize = 40;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal
    Table,
    /// JSON (design.md §7)
    Json,
    /// CSV, one row per stock
    Csv,
    /// A self-contained HTML report
    Html,
}

/// Arguments of `hypecheck scan`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Theme: a built-in id (see `theme list`) or a theme TOML file
    #[arg(long)]
    theme: String,
    /// The as-of date (YYYY-MM-DD or YYYYMMDD); default the store's latest bar date.
    /// Documents dated later are ignored
    #[arg(long, value_parser = parse_date)]
    asof: Option<Date>,
    /// The look-back window in trading days for heat
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write to this file instead of standard output
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let theme = super::load_theme(global, &args.theme)?;
    let store = super::open_store(global)?;
    let asof = match args.asof {
        Some(d) => d,
        None => store.latest_date()?.with_context(|| {
            lang.pick(
                "仓库里没有K线，无法确定 --asof；请给出 --asof 或先 hypecheck import bars",
                "the store has no bars to date the scan; give --asof or import bars first",
            )
            .to_string()
        })?,
    };
    let t = Thresholds {
        window: args.window.max(1),
        ..Thresholds::default()
    };
    let (report, charts) = scan(&store, &theme, asof, &t, lang)?;
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Table => render_table(&report, lang),
        Format::Csv => render_csv(&report, lang)?,
        Format::Html => hypecheck::report::html::render(&report, &charts, lang),
    };
    write_out(args.out.as_deref(), &text, lang)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to `out`, or to standard output.
pub(super) fn write_out(out: Option<&Path>, text: &str, lang: Lang) -> anyhow::Result<()> {
    match out {
        Some(path) => std::fs::write(path, text).with_context(|| {
            format!(
                "{} {}",
                lang.pick("无法写入", "cannot write"),
                path.display()
            )
        }),
        None => super::emit(text),
    }
}

/// The stocks a scan covers: the theme's members (`import members`, `fetch members`) and
/// every stock with a document on or before `asof` that mentions the theme.
pub(super) fn scope(store: &Store, theme: &Theme, asof: Date) -> anyhow::Result<Vec<Symbol>> {
    let matcher = ThemeMatcher::new(theme);
    let mut out: Vec<Symbol> = store
        .documents_between(..=asof)?
        .iter()
        .filter(|d| matcher.mentions(&d.full_text()))
        .map(|d| d.symbol)
        .collect();
    out.extend(store.members(&theme.id)?.iter().map(|m| m.symbol));
    out.sort();
    out.dedup();
    Ok(out)
}

/// The stock's membership of the theme, preferring a source that gives a reason.
fn membership(store: &Store, theme: &Theme, symbol: Symbol) -> anyhow::Result<Option<Membership>> {
    let mut rows: Vec<_> = store
        .themes_of(symbol)?
        .into_iter()
        .filter(|m| m.theme == theme.id)
        .collect();
    rows.sort_by_key(|m| m.reason.is_none());
    Ok(rows.into_iter().next().map(|m| Membership {
        reason: m.reason,
        source: Some(m.source),
    }))
}

/// The theme's share of revenue in the latest report period on or before `asof` (a
/// report published later must not count).
fn exposure(
    store: &Store,
    theme: &Theme,
    symbol: Symbol,
    asof: Date,
) -> anyhow::Result<Option<PeriodExposure>> {
    let rows: Vec<_> = store
        .segments(symbol)?
        .into_iter()
        .filter(|r| r.period <= asof)
        .collect();
    Ok(latest_exposure(&rows, &theme.segments))
}

fn classify(lex: &Lexicon, m: &ThemeMatcher, d: &Document) -> ClassifiedDoc {
    let kind = d.kind;
    let body = d.evidence_text();
    let input = DocInput {
        kind,
        text: &body,
        question: d.question.as_deref(),
        answer: d.answer.as_deref(),
    };
    ClassifiedDoc {
        doc_id: d.id.clone(),
        date: d.date,
        kind,
        url: d.url.clone(),
        unanswered: d.kind == DocKind::Qa
            && d.answer.as_deref().is_none_or(|a| a.trim().is_empty()),
        result: classify_document(lex, m, &input),
    }
}

/// Runs the scan over the store: the report and the price charts of its stocks.
pub(super) fn scan(
    store: &Store,
    theme: &Theme,
    asof: Date,
    t: &Thresholds,
    lang: Lang,
) -> anyhow::Result<(ScanReport, Vec<Chart>)> {
    let matcher = ThemeMatcher::new(theme);
    let lex = Lexicon::builtin();
    let mut stocks: Vec<StockAssessment> = Vec::new();
    let mut charts = Vec::new();
    for symbol in scope(store, theme, asof)? {
        let Some(info) = StockInfo::new(symbol) else {
            continue; // an index or fund: no verdict applies
        };
        let name = store.security(symbol)?.and_then(|s| s.name);
        let docs: Vec<ClassifiedDoc> = store
            .documents_for(symbol, ..=asof)?
            .iter()
            .map(|d| classify(lex, &matcher, d))
            .collect();
        let bars = store.bars(symbol, ..=asof)?;
        let market = if bars.is_empty() {
            None
        } else {
            Some(super::stock::dossier(
                store,
                &info,
                name.clone(),
                Some(asof),
                t.window,
                None,
                lang,
            )?)
        };
        let member = membership(store, theme, symbol)?;
        let exposure = exposure(store, theme, symbol, asof)?;
        let input = StockInput {
            code: &symbol.to_string(),
            name: name.as_deref(),
            market: market.as_ref(),
            docs: &docs,
            membership: member.as_ref(),
            exposure: exposure.as_ref(),
        };
        stocks.push(assess_stock(&theme.name, &input, asof, t));
        let signals = market::analyze(&info, &bars);
        let from = bars.len().saturating_sub(CHART_BARS);
        charts.push(Chart {
            code: symbol.to_string(),
            points: bars[from..]
                .iter()
                .zip(&signals[from..])
                .map(|(b, s)| ChartPoint {
                    date: b.date,
                    close: b.close as f64 / 100.0,
                    limit_up: s.limit_up,
                })
                .collect(),
        });
    }
    sort_assessments(&mut stocks);
    Ok((
        ScanReport {
            theme: theme.id.clone(),
            theme_name: theme.name.clone(),
            asof,
            window: t.window,
            stocks,
        },
        charts,
    ))
}

fn verdict_label(a: &StockAssessment, lang: Lang) -> &'static str {
    lang.pick(a.verdict.label_zh(), a.verdict.label_en())
}

fn flags_text(a: &StockAssessment, lang: Lang) -> String {
    let names: Vec<&str> = a
        .flags
        .iter()
        .map(|f| lang.pick(f.label_zh(), f.name()))
        .collect();
    names.join(lang.pick("、", ", "))
}

fn reasons_text(a: &StockAssessment, lang: Lang) -> String {
    let list: Vec<&str> = a.reasons.iter().map(|r| lang.pick(&r.zh, &r.en)).collect();
    list.join(lang.pick("；", "; "))
}

/// The terminal table, hottest with least substance first.
pub(super) fn render_table(r: &ScanReport, lang: Lang) -> String {
    let color = table::color_wanted();
    let mut head = match lang {
        Lang::Zh => format!(
            "题材 {}（{}），截至 {}，近 {} 个交易日：{} 只股票\n",
            r.theme_name,
            r.theme,
            r.asof,
            r.window,
            r.stocks.len()
        ),
        Lang::En => format!(
            "Theme {} ({}), as of {}, last {} trading days: {} stocks\n",
            r.theme_name,
            r.theme,
            r.asof,
            r.window,
            r.stocks.len()
        ),
    };
    if r.stocks.is_empty() {
        head.push_str(lang.pick(
            "没有提到该题材的文档；先用 hypecheck import docs 导入公告、问答和新闻\n",
            "no document mentions the theme; import announcements, Q&A and news with hypecheck import docs\n",
        ));
        return head;
    }
    let window_col = match lang {
        Lang::Zh => format!("{}日涨幅", r.window),
        Lang::En => format!("{}-day return", r.window),
    };
    let mut t = table::new_table(&[
        lang.pick("代码", "code"),
        lang.pick("名称", "name"),
        lang.pick("结论", "verdict"),
        lang.pick("实质", "substance"),
        lang.pick("标记", "flags"),
        lang.pick("连板", "streak"),
        &window_col,
        lang.pick("理由", "reasons"),
    ]);
    for a in &r.stocks {
        let (streak, ret) = match &a.heat {
            Some(h) => (h.streak.to_string(), h.returns.window),
            None => ("-".to_string(), None),
        };
        t.add_row(vec![
            comfy_table::Cell::new(&a.code),
            comfy_table::Cell::new(a.name.as_deref().unwrap_or("")),
            comfy_table::Cell::new(verdict_label(a, lang)),
            comfy_table::Cell::new(lang.pick(a.substance.label_zh(), a.substance.name())),
            comfy_table::Cell::new(flags_text(a, lang)),
            num(streak),
            pct(ret, color),
            comfy_table::Cell::new(reasons_text(a, lang)),
        ]);
    }
    format!("{head}{t}\n")
}

/// CSV, one row per stock; fixed English column names, reasons in the user's language.
/// Texts from files are made safe for spreadsheets ([`csv_text`]).
pub(super) fn render_csv(r: &ScanReport, lang: Lang) -> anyhow::Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "code",
        "name",
        "verdict",
        "substance",
        "flags",
        "streak",
        "max_streak",
        "return_window",
        "excess_window",
        "abnormal",
        "evidence",
        "reasons",
    ])?;
    let opt = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.4}"));
    for a in &r.stocks {
        let flags: Vec<&str> = a.flags.iter().map(|f| f.name()).collect();
        let h = a.heat.as_ref();
        w.write_record([
            a.code.clone(),
            csv_text(a.name.as_deref().unwrap_or_default()).into_owned(),
            a.verdict.name().to_string(),
            a.substance.name().to_string(),
            flags.join(";"),
            h.map_or(String::new(), |h| h.streak.to_string()),
            h.map_or(String::new(), |h| h.max_streak.to_string()),
            opt(h.and_then(|h| h.returns.window)),
            opt(h.and_then(|h| h.excess.window)),
            h.map_or(String::new(), |h| h.abnormal.to_string()),
            a.evidence.len().to_string(),
            csv_text(&reasons_text(a, lang)).into_owned(),
        ])?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(_) => bail!("CSV output is not UTF-8"),
    }
}
