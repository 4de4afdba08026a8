//! The panel (docs/design.md §7 `panel`): the assessment of every stock of a theme on every
//! trading day of a range, one [`Row`] per (stock, day), as of that day, with the forward
//! returns that follow it (the only look-ahead columns).
//!
//! Built on a theme's [`Context`] (loaded once): each stock's days are walked in order, its
//! documents (classified once, sorted by date) folded in as the days pass, and its heat read
//! from the market series computed once. The day's substance, flags and verdict come from
//! [`crate::assess::decide`], the rule `scan` applies; its result can only change when a
//! document enters, a document passes the promotion look-back or turns a year old, the
//! revenue exposure or the heat changes, so it is kept and decided again only then. The rows
//! of a day equal `scan` of that day (tested on the demo and on real data).
//!
//! Pure: no store, no printing. The walk hands rows to a sink one stock at a time, so a
//! panel of millions of rows never sits in memory. The study reads the same walk
//! ([`tracks`]).

pub mod columns;

use crate::assess::context::{turnover_of, Context, StockContext};
use crate::assess::{decide, DayHeat, Decision, HeatSignal, Verdict, PROMOTION_LEAD_DAYS};
use crate::model::{Date, IndexBar, ShareCount, Symbol};
use crate::study::{Forward, Mark, Track};
use crate::text::{Flag, Substance};

/// The forward horizons of the panel, in trading days (`fwd_ret_d1` … `fwd_excess_d20`).
pub const FORWARD: [usize; 4] = [1, 5, 10, 20];

/// One stock on one trading day.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The trading day (as of its close).
    pub date: Date,
    /// The stock.
    pub symbol: Symbol,
    /// Its name that day, when known.
    pub name: Option<&'a str>,
    /// In the theme's scope that day (a member, or a document about the theme dated on or
    /// before it); always true without `--all-stocks`.
    pub in_scope: bool,
    /// A member of the theme that day.
    pub member: bool,
    /// The membership of that day has a date (`None` when not a member).
    pub membership_dated: Option<bool>,
    /// The heat of the stock's last bar on or before the day, when it has one.
    pub heat: Option<&'a DayHeat>,
    /// 换手率 that day as a fraction: from the share counts dated on or before the bar,
    /// else the vendor's figure on the bar (as `scan` gives it).
    pub turnover: Option<f64>,
    /// Hot that day, with bars covering the window (what the verdict counts as hot).
    pub hot: bool,
    /// Substance as of the day.
    pub substance: Substance,
    /// Flags as of the day, sorted.
    pub flags: &'a [Flag],
    /// The verdict as of the day.
    pub verdict: Verdict,
    /// Company documents about the theme read by the day.
    pub docs_checked: u32,
    /// The newest of them.
    pub newest_evidence: Option<Date>,
    /// Forward returns over [`FORWARD`] days (look-ahead).
    pub fwd_ret: [Option<f64>; 4],
    /// Forward excess returns over [`FORWARD`] days (look-ahead).
    pub fwd_excess: [Option<f64>; 4],
}

/// The benchmark indices' bars, by symbol, for the forward excess returns.
pub type Indices = Vec<(Symbol, Vec<IndexBar>)>;

/// What a walk covers: calendar indices `from..=to` of the context's calendar; `all_stocks`
/// gives every stock of the context a row every day, in scope or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First calendar index.
    pub from: usize,
    /// Last calendar index.
    pub to: usize,
    /// Rows also for days a stock is out of the theme's scope.
    pub all_stocks: bool,
}

impl Span {
    /// The span of the trading days `from..=to` of the context's calendar; `None` when no
    /// trading day falls within.
    pub fn of(ctx: &Context, from: Date, to: Date, all_stocks: bool) -> Option<Span> {
        let cal = &ctx.calendar;
        let a = cal.partition_point(|d| *d < from);
        let b = cal.partition_point(|d| *d <= to).checked_sub(1)?;
        (a <= b).then_some(Span {
            from: a,
            to: b,
            all_stocks,
        })
    }

    /// Trading days covered.
    pub fn days(&self) -> usize {
        self.to + 1 - self.from
    }
}

/// What a stock's decision depends on besides its document prefix, as the days pass:
/// documents are folded in as their dates pass, and two counters move with the day (the
/// documents dated before the promotion look-back, and those more than a year old).
/// [`decide`] is run again only when this key changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    /// Documents dated on or before the day.
    folded: usize,
    /// Of them, dated before the promotion look-back.
    before_promotion: usize,
    /// Of them, more than 365 days before the day (staleness).
    year_old: usize,
    /// The revenue exposure public that day (its index), if any.
    exposure: Option<usize>,
    /// The heat as the verdict reads it: known (bars cover the window), hot, abnormal.
    heat: Option<(bool, bool, bool)>,
}

/// Walks one stock over the span, calling `day` with each row it has.
fn walk_stock<E>(
    ctx: &Context,
    s: &StockContext,
    span: Span,
    forward: &Forward,
    day: &mut dyn FnMut(usize, &Row<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let cal = &ctx.calendar;
    let t = &ctx.thresholds;
    let window = t.window.max(1);
    let days = &s.series.days;
    let docs = &s.docs;
    let mut bar = days.partition_point(|d| d.date < cal[span.from]);
    let first_doc = docs.first().map(|d| d.date);
    let mut key: Option<Key> = None;
    let mut decision: Option<Decision> = None;
    let (mut folded, mut before_promotion, mut year_old) = (0, 0, 0);
    for i in span.from..=span.to {
        let date = cal[i];
        while days.get(bar).is_some_and(|d| d.date <= date) {
            bar += 1;
        }
        let member = s.members.iter().any(|m| m.counts_on(date));
        let in_scope = member || first_doc.is_some_and(|d| d <= date);
        let heat = bar.checked_sub(1).map(|b| &days[b]);
        // Out of scope, a stock has rows only with `all_stocks`, from its first bar on.
        if !in_scope && (!span.all_stocks || heat.is_none()) {
            continue;
        }
        let window_from = cal[(i + 1).saturating_sub(window)];
        let promoted_from = window_from - chrono::Duration::days(PROMOTION_LEAD_DAYS);
        while docs.get(folded).is_some_and(|d| d.date <= date) {
            folded += 1;
        }
        while before_promotion < folded && docs[before_promotion].date < promoted_from {
            before_promotion += 1;
        }
        while year_old < folded && (date - docs[year_old].date).num_days() > 365 {
            year_old += 1;
        }
        let exposure = s.exposure_on(date);
        let signal = heat.map(|d| HeatSignal {
            hot: d.hot,
            abnormal: d.abnormal,
            bar_date: d.date,
        });
        let now = Key {
            folded,
            before_promotion,
            year_old,
            exposure: exposure.map(|x| std::ptr::from_ref(x) as usize),
            heat: signal.map(|h| (h.bar_date >= window_from, h.hot, h.abnormal)),
        };
        if key != Some(now) {
            let x = exposure.map(|x| &x.exposure);
            decision = Some(decide(&docs[..folded], signal, x, date, window_from, t));
            key = Some(now);
        }
        let d = decision.as_ref().expect("decided above");
        let row = Row {
            date,
            symbol: s.info.symbol,
            name: s.name_on(date),
            in_scope,
            member,
            // As `StockContext::membership_dated`, without gathering the memberships.
            membership_dated: member.then(|| {
                s.members
                    .iter()
                    .any(|m| m.counts_on(date) && m.added.is_some())
            }),
            heat,
            turnover: heat.and_then(|h| turnover_of(h, ShareCount::asof(&s.shares, h.date))),
            hot: d.heat_known && heat.is_some_and(|h| h.hot),
            substance: d.substance,
            flags: &d.flags,
            verdict: d.verdict,
            docs_checked: d.docs_checked as u32,
            newest_evidence: d.newest_evidence,
            fwd_ret: FORWARD.map(|k| forward.ret(i, k)),
            fwd_excess: FORWARD.map(|k| forward.excess(i, k)),
        };
        day(i, &row)?;
    }
    Ok(())
}

/// The forward series of a stock over the context's calendar.
pub fn forward_of(ctx: &Context, s: &StockContext, indices: &Indices) -> Forward {
    let index = s
        .benchmark
        .and_then(|b| indices.iter().find(|(sym, _)| *sym == b))
        .map(|(_, bars)| bars.as_slice());
    let closes = s
        .series
        .days
        .iter()
        .map(|d| (d.date, d.close, d.prev_close));
    Forward::from_closes(&ctx.calendar, closes, index)
}

/// The panel: every stock of the context over the span, one stock at a time, each stock's
/// days in date order, handed to `sink`. Returns the rows written.
pub fn walk<E>(
    ctx: &Context,
    indices: &Indices,
    span: Span,
    sink: &mut dyn FnMut(&Row<'_>) -> Result<(), E>,
) -> Result<u64, E> {
    let mut rows = 0u64;
    for s in &ctx.stocks {
        let forward = forward_of(ctx, s, indices);
        walk_stock(ctx, s, span, &forward, &mut |_, r: &Row<'_>| {
            rows += 1;
            sink(r)
        })?;
    }
    Ok(rows)
}

/// The study's view of the same walk: per stock, the hot days, verdicts and streaks of the
/// span as [`Mark`]s (indexed by the context's calendar), and its forward series.
pub fn tracks(ctx: &Context, indices: &Indices, span: Span) -> Vec<Track> {
    let mut out = Vec::with_capacity(ctx.stocks.len());
    for s in &ctx.stocks {
        let forward = forward_of(ctx, s, indices);
        let mut marks = Vec::new();
        let _ = walk_stock::<std::convert::Infallible>(ctx, s, span, &forward, &mut |t, r| {
            marks.push(Mark {
                t,
                hot: r.hot,
                max_streak: r.heat.map_or(0, |h| h.max_streak),
                verdict: r.verdict,
                docs_checked: r.docs_checked as usize,
            });
            Ok(())
        });
        if marks.is_empty() {
            continue;
        }
        out.push(Track {
            code: s.info.symbol.to_string(),
            name: s.name.clone(),
            marks,
            forward,
        });
    }
    out
}
