//! The theme scan over the store: which stocks it covers, what the store says about each
//! (bars, documents, membership, revenue mix) as of a date, and their assessments.

use super::Result;
use crate::assess::{
    assess_stock, price_chart, sort_assessments, Chart, ClassifiedDoc, Membership, ScanReport,
    StockAssessment, StockInput, Thresholds,
};
use crate::exposure::{latest_exposure, PeriodExposure};
use crate::market::StockInfo;
use crate::model::{Date, DocKind, Document, Symbol};
use crate::store::Store;
use crate::text::{classify_document, DocInput, Lexicon, ThemeMatcher};
use crate::theme::Theme;

/// How many bars the price charts of a scan show.
pub const CHART_BARS: usize = 40;

/// A scan: the report and the price charts of its stocks (for the HTML report).
#[derive(Debug, Clone)]
pub struct Scan {
    /// Per stock heat, substance, flags, verdict and reasons, in report order.
    pub report: ScanReport,
    /// The last [`CHART_BARS`] closes of every stock with bars.
    pub charts: Vec<Chart>,
}

/// Heat against substance for every stock in the theme's [`scope`] as of `asof`: nothing
/// dated after `asof` counts (bars, documents, revenue reports).
pub fn scan(store: &Store, theme: &Theme, asof: Date, t: &Thresholds) -> Result<Scan> {
    let matcher = theme.matcher();
    let mut stocks: Vec<StockAssessment> = Vec::new();
    let mut charts = Vec::new();
    let listings = super::Listings::load(store)?;
    for symbol in scope(store, theme, asof)? {
        let Some(info) = listings.info(symbol) else {
            continue; // an index or fund: no verdict applies
        };
        let (a, chart) = assess_one(store, theme, &matcher, &info, asof, t)?;
        stocks.push(a);
        charts.push(chart);
    }
    sort_assessments(&mut stocks);
    Ok(Scan {
        report: ScanReport {
            theme: theme.id.clone(),
            theme_name: theme.name.clone(),
            asof,
            window: t.window,
            stocks,
        },
        charts,
    })
}

/// One stock's assessment for a theme as of `asof`, whether or not it is in the theme's
/// scope (`stock CODE --theme ID`): the same rules as [`scan`].
pub fn assess(
    store: &Store,
    theme: &Theme,
    info: &StockInfo,
    asof: Date,
    t: &Thresholds,
) -> Result<StockAssessment> {
    let matcher = theme.matcher();
    Ok(assess_one(store, theme, &matcher, info, asof, t)?.0)
}

fn assess_one(
    store: &Store,
    theme: &Theme,
    matcher: &ThemeMatcher,
    info: &StockInfo,
    asof: Date,
    t: &Thresholds,
) -> Result<(StockAssessment, Chart)> {
    let symbol = info.symbol;
    let lex = Lexicon::builtin();
    let name = store.security(symbol)?.and_then(|s| s.name);
    let docs: Vec<ClassifiedDoc> = store
        .documents_for(symbol, ..=asof)?
        .iter()
        .map(|d| classify(lex, matcher, d))
        .collect();
    let bars = super::stock_bars(store, info, ..=asof)?;
    let market = if bars.is_empty() {
        None
    } else {
        Some(super::dossier::dossier_upto(
            store,
            info,
            name.clone(),
            Some(asof),
            t.window,
            None,
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
    Ok((
        assess_stock(&theme.name, &input, asof, t),
        price_chart(info, &bars, CHART_BARS),
    ))
}

/// The stocks a scan covers: the theme's members (`import members`, `fetch members`) and
/// every stock with a document on or before `asof` that mentions the theme.
pub fn scope(store: &Store, theme: &Theme, asof: Date) -> Result<Vec<Symbol>> {
    let matcher = theme.matcher();
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
pub fn membership(store: &Store, theme: &Theme, symbol: Symbol) -> Result<Option<Membership>> {
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
/// report for a later period must not count).
pub fn exposure(
    store: &Store,
    theme: &Theme,
    symbol: Symbol,
    asof: Date,
) -> Result<Option<PeriodExposure>> {
    let rows: Vec<_> = store
        .segments(symbol)?
        .into_iter()
        .filter(|r| r.period <= asof)
        .collect();
    Ok(latest_exposure(&rows, &theme.segments))
}

/// A document's evidence for the theme; a Q&A without an answer is marked unanswered.
pub fn classify(lex: &Lexicon, m: &ThemeMatcher, d: &Document) -> ClassifiedDoc {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Verdict;
    use crate::jobs::testdata::{day, demo_store, demo_theme};

    #[test]
    fn the_demo_scan_covers_members_and_mentioning_stocks_with_verdicts() {
        let store = demo_store();
        let theme = demo_theme();
        let asof = day("2025-04-18");
        let s = scan(&store, &theme, asof, &Thresholds::default()).unwrap();
        let r = &s.report;
        assert_eq!((r.theme.as_str(), r.asof), ("lingxi", asof));
        let codes: Vec<&str> = r.stocks.iter().map(|a| a.code.as_str()).collect();
        // Members are in scope, whether or not a document mentions them.
        assert!(
            codes.contains(&"605890.SH") && codes.contains(&"003890.SZ"),
            "{codes:?}"
        );
        assert_eq!(codes.len(), scope(&store, &theme, asof).unwrap().len());
        assert!(
            r.stocks.iter().any(|a| a.verdict == Verdict::HypeRider),
            "{codes:?}"
        );
        assert!(s.charts.iter().all(|c| c.points.len() <= CHART_BARS));
        assert!(s
            .charts
            .iter()
            .all(|c| c.points.iter().all(|p| p.date <= asof)));
    }

    #[test]
    fn nothing_after_the_as_of_date_counts() {
        let store = demo_store();
        let theme = demo_theme();
        let before = day("2025-03-03");
        let s = scan(&store, &theme, before, &Thresholds::default()).unwrap();
        for a in &s.report.stocks {
            assert!(a.evidence.iter().all(|e| e.date <= before), "{a:?}");
        }
        // A revenue report for a later period does not count.
        let symbol = Symbol::parse_stock("301890.SZ").unwrap();
        assert!(exposure(&store, &theme, symbol, day("2024-12-30"))
            .unwrap()
            .is_none());
        assert!(exposure(&store, &theme, symbol, day("2025-04-18"))
            .unwrap()
            .is_some());
    }

    #[test]
    fn membership_prefers_a_source_with_a_reason() {
        let store = demo_store();
        let theme = demo_theme();
        let m = membership(&store, &theme, Symbol::parse_stock("605890").unwrap())
            .unwrap()
            .unwrap();
        assert!(m.reason.is_some());
        assert_eq!(m.source.as_deref(), Some("demo"));
    }

    #[test]
    fn a_question_without_an_answer_is_unanswered() {
        let theme = demo_theme();
        let m = theme.matcher();
        let store = demo_store();
        let docs = store.documents_between(..).unwrap();
        let qa = docs.iter().find(|d| d.kind == DocKind::Qa).unwrap();
        let mut open = qa.clone();
        open.answer = Some("  ".into());
        assert!(classify(Lexicon::builtin(), &m, &open).unanswered);
        let mut answered = qa.clone();
        answered.answer = Some("公司未参与。".into());
        assert!(!classify(Lexicon::builtin(), &m, &answered).unanswered);
    }
}
