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
    /// What the store held when the scan ran, for the report's footer and empty state.
    pub coverage: Coverage,
}

/// What the store holds for a scan, whatever the as-of date: the reader of a report sees
/// the data it rests on, and an empty scan can say why it is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Coverage {
    /// The first and last trading day with stock bars.
    pub bars: Option<(Date, Date)>,
    /// Every document in the store, about any theme.
    pub documents: u64,
    /// Documents that mention the theme, per kind (only kinds present, in
    /// [`DocKind::ALL`] order).
    pub theme_docs: Vec<KindCount>,
    /// The earliest date of a document about the theme dated after the as-of date.
    pub first_after_asof: Option<Date>,
    /// The theme's members in the store (`import members`).
    pub members: usize,
}

/// Documents of one kind that mention a theme, split at the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct KindCount {
    /// The document kind.
    pub kind: DocKind,
    /// Dated on or before the as-of date (these count).
    pub upto_asof: usize,
    /// Dated after it (ignored by the scan).
    pub after_asof: usize,
}

impl Coverage {
    /// Documents about the theme on or before the as-of date.
    pub fn theme_docs_upto(&self) -> usize {
        self.theme_docs.iter().map(|k| k.upto_asof).sum()
    }

    /// Documents about the theme after the as-of date.
    pub fn theme_docs_after(&self) -> usize {
        self.theme_docs.iter().map(|k| k.after_asof).sum()
    }
}

/// The theme's documents (every date): (date, kind, stock).
fn theme_documents(store: &Store, matcher: &ThemeMatcher) -> Result<Vec<(Date, DocKind, Symbol)>> {
    Ok(store
        .documents_between(..)?
        .iter()
        .filter(|d| matcher.mentions(&d.full_text()))
        .map(|d| (d.date, d.kind, d.symbol))
        .collect())
}

/// What the store holds for the theme as of `asof` (see [`Coverage`]).
pub fn coverage(store: &Store, theme: &Theme, asof: Date) -> Result<Coverage> {
    let docs = theme_documents(store, &theme.matcher())?;
    coverage_of(store, theme, asof, &docs)
}

fn coverage_of(
    store: &Store,
    theme: &Theme,
    asof: Date,
    docs: &[(Date, DocKind, Symbol)],
) -> Result<Coverage> {
    let dates = store.trading_dates(..)?;
    let theme_docs = DocKind::ALL
        .into_iter()
        .map(|kind| {
            let of_kind = docs.iter().filter(|d| d.1 == kind);
            KindCount {
                kind,
                upto_asof: of_kind.clone().filter(|d| d.0 <= asof).count(),
                after_asof: of_kind.filter(|d| d.0 > asof).count(),
            }
        })
        .filter(|k| k.upto_asof + k.after_asof > 0)
        .collect();
    Ok(Coverage {
        bars: dates.first().copied().zip(dates.last().copied()),
        documents: store.document_count()?,
        theme_docs,
        first_after_asof: docs.iter().map(|d| d.0).filter(|d| *d > asof).min(),
        members: store.members(&theme.id)?.len(),
    })
}

/// Heat against substance for every stock in the theme's [`scope`] as of `asof`: nothing
/// dated after `asof` counts (bars, documents, revenue reports).
pub fn scan(store: &Store, theme: &Theme, asof: Date, t: &Thresholds) -> Result<Scan> {
    let matcher = theme.matcher();
    let mut stocks: Vec<StockAssessment> = Vec::new();
    let mut charts = Vec::new();
    let listings = super::Listings::load(store)?;
    let docs = theme_documents(store, &matcher)?;
    for symbol in scope_of(store, theme, asof, &docs)? {
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
        coverage: coverage_of(store, theme, asof, &docs)?,
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
    // The name of the as-of date when a dated name history has it, else the latest known.
    let name = match store.name_on(symbol, asof)? {
        Some(n) => Some(n),
        None => super::current_name(store, symbol)?,
    };
    let docs: Vec<ClassifiedDoc> = store
        .documents_for(symbol, ..=asof)?
        .iter()
        .map(|d| classify(lex, matcher, d))
        .collect();
    let mut judged = *info;
    let bars = super::stock_bars(store, &mut judged, ..=asof)?;
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
        price_chart(&judged, &bars, CHART_BARS),
    ))
}

/// The stocks a scan covers: the theme's members (`import members`, `fetch members`) and
/// every stock with a document on or before `asof` that mentions the theme; an old code
/// that changed counts as its new code.
pub fn scope(store: &Store, theme: &Theme, asof: Date) -> Result<Vec<Symbol>> {
    let docs = theme_documents(store, &theme.matcher())?;
    scope_of(store, theme, asof, &docs)
}

fn scope_of(
    store: &Store,
    theme: &Theme,
    asof: Date,
    docs: &[(Date, DocKind, Symbol)],
) -> Result<Vec<Symbol>> {
    let mut out: Vec<Symbol> = docs.iter().filter(|d| d.0 <= asof).map(|d| d.2).collect();
    out.extend(store.members(&theme.id)?.iter().map(|m| m.symbol));
    // An old code that changed (import codes) is the stock under its new code.
    for s in &mut out {
        if let Some((new, _)) = store.successor(*s)? {
            *s = new;
        }
    }
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
    fn coverage_counts_the_theme_documents_on_both_sides_of_the_as_of_date() {
        let store = demo_store();
        let theme = demo_theme();
        let early = day("2024-01-02");
        let c = coverage(&store, &theme, early).unwrap();
        let all = coverage(&store, &theme, day("2099-01-01")).unwrap();
        assert!(all.theme_docs_upto() > 0 && all.theme_docs_after() == 0);
        assert_eq!(
            c.theme_docs_upto() + c.theme_docs_after(),
            all.theme_docs_upto()
        );
        let first = c.first_after_asof.unwrap();
        assert!(first > early);
        let (lo, hi) = all.bars.unwrap();
        assert!(lo < hi && hi == store.latest_date().unwrap().unwrap());
        assert!(all.members > 0);
        assert!(all.documents >= all.theme_docs_upto() as u64);
        // The scan carries the same coverage.
        let s = scan(&store, &theme, early, &Thresholds::default()).unwrap();
        assert_eq!(s.coverage, c);
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
