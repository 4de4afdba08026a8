//! The theme scan over the store: which stocks it covers, what the store says about each
//! (bars, documents, membership, revenue mix) as of a date, and their assessments.

use super::context::{load_context, load_stock_context};
use super::Result;
use crate::assess::{
    assess_at, assess_stock_at, Chart, ChartPoint, ClassifiedDoc, Context, Membership, ScanReport,
    StockAssessment, StockContext, Thresholds,
};
use crate::exposure::{latest_exposure, PeriodExposure};
use crate::market::StockInfo;
use crate::model::{Date, DocKind, Document, SegmentRow, Symbol};
use crate::store::Store;
use crate::text::stance::{describes_own_trade, OwnTrade};
use crate::text::{classify_document_in, normalize, DocInput, Lexicon, Readers, ThemeMatcher};
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

/// What the store holds for the theme as of `asof` (see [`Coverage`]).
pub fn coverage(store: &Store, theme: &Theme, asof: Date) -> Result<Coverage> {
    let ctx = load_context(store, theme, Lexicon::builtin(), &Thresholds::default())?;
    Ok(coverage_of(&ctx, asof))
}

/// [`Coverage`] of a loaded context as of `asof`.
pub fn coverage_of(ctx: &Context, asof: Date) -> Coverage {
    let docs = &ctx.theme_docs;
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
    let dates = &ctx.calendar;
    Coverage {
        bars: dates.first().copied().zip(dates.last().copied()),
        documents: ctx.documents,
        theme_docs,
        first_after_asof: docs.iter().map(|d| d.0).filter(|d| *d > asof).min(),
        members: ctx.members,
    }
}

/// Heat against substance for every stock in the theme's [`scope`] as of `asof`: nothing
/// dated after `asof` counts (bars, documents, revenue reports). The documents are read
/// with the built-in lexicon; [`load_context`] and [`scan_at`] take another.
pub fn scan(store: &Store, theme: &Theme, asof: Date, t: &Thresholds) -> Result<Scan> {
    let ctx = load_context(store, theme, Lexicon::builtin(), t)?;
    Ok(scan_at(&ctx, asof))
}

/// The scan of a loaded context as of `asof`: the report ([`assess_at`]), the charts and
/// the coverage. Reads nothing from the store.
pub fn scan_at(ctx: &Context, asof: Date) -> Scan {
    let report = assess_at(ctx, asof);
    let charts = report
        .stocks
        .iter()
        .filter_map(|a| {
            let s = ctx.stock(Symbol::parse_stock(&a.code).ok()?)?;
            Some(chart_at(s, asof))
        })
        .collect();
    Scan {
        report,
        charts,
        coverage: coverage_of(ctx, asof),
    }
}

/// The last [`CHART_BARS`] closes of a stock on or before `asof`, limit-up days marked.
fn chart_at(s: &StockContext, asof: Date) -> Chart {
    let end = s.series.days.partition_point(|d| d.date <= asof);
    let from = end.saturating_sub(CHART_BARS);
    Chart {
        code: s.info.symbol.to_string(),
        points: s.series.days[from..end]
            .iter()
            .map(|d| ChartPoint {
                date: d.date,
                close: d.close as f64 / 100.0,
                change: d.ret_d1,
                limit_up: d.limit_up,
                limit_down: d.limit_down,
                amount: d.amount,
            })
            .collect(),
    }
}

/// One stock's assessment for a theme as of `asof`, whether or not it is in the theme's
/// scope (`stock CODE --theme ID`): the same rules as [`scan`], the documents read with
/// `lexicon`.
pub fn assess(
    store: &Store,
    theme: &Theme,
    lexicon: &Lexicon,
    info: &StockInfo,
    asof: Date,
    t: &Thresholds,
) -> Result<StockAssessment> {
    let ctx = load_stock_context(store, theme, lexicon, t, info.symbol)?;
    Ok(match ctx.stocks.first() {
        Some(s) => assess_stock_at(&ctx, s, asof),
        None => {
            // Not an A-share stock the listings know: assessed without bars.
            let s = StockContext {
                info: *info,
                name: None,
                names: Vec::new(),
                benchmark: None,
                series: Default::default(),
                docs: Vec::new(),
                members: Vec::new(),
                exposures: Vec::new(),
                shares: Vec::new(),
            };
            assess_stock_at(&ctx, &s, asof)
        }
    })
}

/// The stocks a scan covers on `asof`: the theme's members (`import members`, `fetch
/// members`) and every stock with a document on or before `asof` that mentions the theme;
/// an old code that changed counts as its new code.
pub fn scope(store: &Store, theme: &Theme, asof: Date) -> Result<Vec<Symbol>> {
    let ctx = load_context(store, theme, Lexicon::builtin(), &Thresholds::default())?;
    Ok(ctx
        .stocks
        .iter()
        .filter(|s| s.in_scope(asof))
        .map(|s| s.info.symbol)
        .collect())
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

/// When each revenue report of `symbol` became public (docs/design.md §6, "As of a
/// date"): by period, its publication date when the segments file gave one (`true`), else
/// the statutory deadline of the period (`false`).
pub fn report_dates(store: &Store, symbol: Symbol) -> Result<impl Fn(Date) -> (Date, bool)> {
    let published: std::collections::HashMap<Date, Date> =
        store.segments_published(symbol)?.into_iter().collect();
    Ok(move |period: Date| match published.get(&period) {
        Some(&p) => (p, true),
        None => (crate::assess::context::report_deadline(period), false),
    })
}

/// The revenue segments of `symbol` from the reports public on `asof` ([`report_dates`]).
pub fn public_segments(store: &Store, symbol: Symbol, asof: Date) -> Result<Vec<SegmentRow>> {
    let out_on = report_dates(store, symbol)?;
    Ok(store
        .segments(symbol)?
        .into_iter()
        .filter(|r| out_on(r.period).0 <= asof)
        .collect())
}

/// The theme's share of revenue in the latest report period public on `asof`
/// ([`public_segments`]: a later report must not count).
pub fn exposure(
    store: &Store,
    theme: &Theme,
    symbol: Symbol,
    asof: Date,
) -> Result<Option<PeriodExposure>> {
    let rows = public_segments(store, symbol, asof)?;
    Ok(latest_exposure(&rows, &theme.segments))
}

/// What each company's own answers among a set of documents say its trade is, for one
/// theme: the dates of its Q&A answers that describe the theme as its trade
/// ([`describes_own_trade`]). From two such answers on, its investors' questions about the
/// theme are about its core business, not a concept it rides (docs/design.md §5, "The
/// company's own trade").
#[derive(Debug, Clone, Default)]
pub struct OwnTrades(std::collections::HashMap<Symbol, OwnTrade<Date>>);

impl OwnTrades {
    /// The witnesses among `docs`, each counted for `key(symbol)` (the current code of a
    /// renamed one).
    pub fn of<'a>(
        m: &ThemeMatcher,
        docs: impl IntoIterator<Item = &'a Document>,
        key: impl Fn(Symbol) -> Symbol,
    ) -> OwnTrades {
        let mut out = OwnTrades::default();
        for d in docs {
            let Some(answer) = d.answer.as_deref().filter(|_| d.kind == DocKind::Qa) else {
                continue;
            };
            if m.mentions(answer) && describes_own_trade(m, &normalize(answer).text) {
                out.0.entry(key(d.symbol)).or_default().witness(d.date);
            }
        }
        out
    }

    /// Whether the theme is the trade of `symbol` by its answers up to `date`.
    pub fn known(&self, symbol: Symbol, date: Date) -> bool {
        self.0.get(&symbol).is_some_and(|t| t.known_on(&date))
    }

    /// A document's evidence for the theme, read with what the company's answers had said
    /// of its trade by the document's date (counted under `symbol`); a Q&A without an
    /// answer is marked unanswered.
    pub fn classify(
        &self,
        lex: &Lexicon,
        m: &ThemeMatcher,
        d: &Document,
        symbol: Symbol,
    ) -> ClassifiedDoc {
        let kind = d.kind;
        let body = d.evidence_text();
        let input = DocInput {
            kind,
            text: &body,
            question: d.question.as_deref(),
            answer: d.answer.as_deref(),
        };
        let own_trade = self.known(symbol, d.date);
        ClassifiedDoc {
            doc_id: d.id.clone(),
            date: d.date,
            kind,
            url: d.url.clone(),
            unanswered: d.kind == DocKind::Qa
                && d.answer.as_deref().is_none_or(|a| a.trim().is_empty()),
            result: classify_document_in(lex, m, &input, Readers::SHIPPED, own_trade),
        }
    }
}

/// Every document of `docs`, classified for the theme with what each company's own answers
/// among them say of its trade ([`OwnTrades`]).
pub fn classify_all<'a>(
    lex: &'a Lexicon,
    m: &'a ThemeMatcher,
    docs: &'a [Document],
) -> impl Iterator<Item = (&'a Document, ClassifiedDoc)> + 'a {
    let trades = OwnTrades::of(m, docs, |s| s);
    docs.iter()
        .map(move |d| (d, trades.classify(lex, m, d, d.symbol)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Verdict;
    use crate::jobs::testdata::{day, demo_store, demo_theme};
    use crate::text::Topic;

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
        let none = OwnTrades::default();
        let read = |d: &Document| none.classify(Lexicon::builtin(), &m, d, d.symbol);
        assert!(read(&open).unanswered);
        let mut answered = qa.clone();
        answered.answer = Some("公司未参与。".into());
        assert!(!read(&answered).unanswered);
    }

    #[test]
    fn questions_about_a_company_s_own_trade_wait_for_two_of_its_answers() {
        let m = crate::theme::find_builtin("pcb").unwrap().matcher();
        let lex = Lexicon::builtin();
        let symbol = Symbol::parse_stock("002463").unwrap();
        let qa = |date: &str, q: &str, a: &str| Document {
            id: format!("qa-{date}"),
            symbol,
            date: day(date),
            question_date: Some(day(date)),
            kind: DocKind::Qa,
            title: None,
            text: String::new(),
            question: Some(q.into()),
            answer: (!a.is_empty()).then(|| a.into()),
            url: None,
            source: None,
        };
        let docs = vec![
            qa(
                "2025-01-06",
                "请问公司PCB扩产进度？",
                "公司是全球领先的PCB制造商，扩产有序推进。",
            ),
            qa("2025-02-10", "请问公司PCB订单排到什么时候？", ""),
            qa(
                "2025-03-03",
                "公司PCB产品有哪些客户？",
                "公司专业从事印制电路板的研发、生产和销售。",
            ),
            qa("2025-04-07", "请问公司PCB订单排到什么时候？", ""),
        ];
        let read: Vec<ClassifiedDoc> = classify_all(lex, &m, &docs).map(|(_, c)| c).collect();
        let topic = |i: usize| read[i].result.topic;
        // One answer describing the trade is not yet the company's account of itself: the
        // unanswered question of February is still a question about the theme.
        assert_eq!(topic(1), None);
        assert!(read[1].result.flags.contains(&crate::text::Flag::Evasive));
        // From the second answer on, questions about PCB are about its own trade.
        assert_eq!(topic(2), Some(Topic::CoreBusiness));
        assert_eq!(topic(3), Some(Topic::CoreBusiness));
        assert!(read[3].result.sentences.is_empty());
        // Another company's answers say nothing of this one's trade.
        let mut other = docs[3].clone();
        other.symbol = Symbol::parse_stock("600000").unwrap();
        let mut all = docs.clone();
        all.push(other);
        let read: Vec<ClassifiedDoc> = classify_all(lex, &m, &all).map(|(_, c)| c).collect();
        assert_eq!(read[4].result.topic, None);
    }
}
