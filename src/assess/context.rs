//! A theme's context, loaded once, and the assessment at any date as a pure function of it
//! ([`assess_at`]): what `scan`, `stock --theme` and the panel are built on.
//!
//! Everything a day needs is plain data here: each stock's market series (the heat of every
//! bar, computed once: [`MarketSeries`]), the documents about the theme classified once and
//! sorted by date (as of a day is a prefix), the memberships with their dates, the revenue
//! exposures with the date they became public, and the store's trading days. Nothing in
//! the per-stock, per-day loop reads the store or classifies a text.
//!
//! As of a date (docs/design.md §6 "As of a date"): a document counts from its date; a
//! membership from its `added` date when the members file gives one (an undated one counts
//! on every day and is marked as such); a segments table from its publication date, else
//! the statutory deadline of its period; the window is counted in the store's trading days.

use super::series::{DayHeat, MarketSeries};
use super::{
    assess_stock, decide, sort_assessments, ClassifiedDoc, Decision, Heat, HeatReturns, HeatSignal,
    MarketFacts, Membership, ScanReport, StockAssessment, StockInput, Thresholds,
};
use crate::exposure::PeriodExposure;
use crate::market::StockInfo;
use crate::model::{Date, DocKind, ShareCount, Symbol};

/// A theme's context: everything [`assess_at`] reads.
#[derive(Debug, Clone)]
pub struct Context {
    /// The theme's id.
    pub theme_id: String,
    /// The theme's display name (used in the reasons).
    pub theme_name: String,
    /// The window and thresholds every series of the context was built with.
    pub thresholds: Thresholds,
    /// The store's trading days (a date on which some stock has a bar), sorted.
    pub calendar: Vec<Date>,
    /// The stocks that are in the theme's scope on some day: members and stocks with a
    /// document about the theme, in code order.
    pub stocks: Vec<StockContext>,
    /// Every document about the theme (any stock, any date): date and kind, sorted by date.
    pub theme_docs: Vec<(Date, DocKind)>,
    /// Every document in the store, about any theme.
    pub documents: u64,
    /// The theme's members in the store (rows of `import members`).
    pub members: usize,
}

/// One stock of a [`Context`].
#[derive(Debug, Clone)]
pub struct StockContext {
    /// Board, listing date.
    pub info: StockInfo,
    /// The latest name the store knows.
    pub name: Option<String>,
    /// Dated names (first day of the name, or `None` before the first known change),
    /// oldest first; empty without a name history.
    pub names: Vec<(Option<Date>, String)>,
    /// The benchmark index of the excess returns, when the store has one for its board.
    pub benchmark: Option<Symbol>,
    /// The heat of every bar.
    pub series: MarketSeries,
    /// The documents about the theme, classified, sorted by date.
    pub docs: Vec<ClassifiedDoc>,
    /// The stock's memberships of the theme (one per source).
    pub members: Vec<MemberSpan>,
    /// The revenue exposure of each report period with the day it became public, sorted by
    /// that day.
    pub exposures: Vec<DatedExposure>,
    /// Share counts (股本), sorted by date; empty without `import shares`.
    pub shares: Vec<ShareCount>,
}

/// A membership of the theme with its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSpan {
    /// Why the stock is in the theme (入选理由).
    pub reason: Option<String>,
    /// Who lists it.
    pub source: String,
    /// The day it joined, when the members file says.
    pub added: Option<Date>,
    /// The day it left, when the members file says.
    pub removed: Option<Date>,
}

impl MemberSpan {
    /// Whether the membership counts on `date`: from `added` (any day when undated) until
    /// the day before `removed`.
    pub fn counts_on(&self, date: Date) -> bool {
        self.added.is_none_or(|a| a <= date) && self.removed.is_none_or(|r| date < r)
    }
}

/// A report period's exposure and the day it became public.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedExposure {
    /// The publication date, or the statutory deadline of the period.
    pub available: Date,
    /// Whether `available` is the publication date (not the deadline).
    pub published: bool,
    /// The exposure.
    pub exposure: PeriodExposure,
}

/// The statutory deadline of a report period's publication (docs/design.md §6): an annual
/// report (period ending 31 December) by 30 April of the next year, a half-year report by
/// 31 August, a first-quarter report by 30 April, a third-quarter report by 31 October;
/// any other period end four months after it.
pub fn report_deadline(period: Date) -> Date {
    use chrono::Datelike;
    let ymd = |y, m, d| Date::from_ymd_opt(y, m, d).unwrap_or(period);
    match period.month() {
        12 => ymd(period.year() + 1, 4, 30),
        6 => ymd(period.year(), 8, 31),
        3 => ymd(period.year(), 4, 30),
        9 => ymd(period.year(), 10, 31),
        _ => period
            .checked_add_months(chrono::Months::new(4))
            .unwrap_or(period),
    }
}

impl Context {
    /// The store's trading days, sorted.
    pub fn trading_days(&self) -> &[Date] {
        &self.calendar
    }

    /// The last trading day on or before `date`, if any.
    pub fn trading_day_at(&self, date: Date) -> Option<Date> {
        let i = self.calendar.partition_point(|d| *d <= date);
        i.checked_sub(1).map(|i| self.calendar[i])
    }

    /// The first day of the window of `thresholds.window` trading days that ends on the
    /// last trading day on or before `date` (`None` before the first trading day).
    pub fn window_start(&self, date: Date) -> Option<Date> {
        let end = self.calendar.partition_point(|d| *d <= date);
        let w = self.thresholds.window.max(1);
        (end > 0).then(|| self.calendar[end.saturating_sub(w)])
    }

    /// The stock of the context with this symbol.
    pub fn stock(&self, symbol: Symbol) -> Option<&StockContext> {
        self.stocks
            .binary_search_by(|s| s.info.symbol.cmp(&symbol))
            .ok()
            .map(|i| &self.stocks[i])
    }
}

impl StockContext {
    /// The documents dated on or before `date` (a prefix).
    pub fn docs_upto(&self, date: Date) -> &[ClassifiedDoc] {
        &self.docs[..self.docs.partition_point(|d| d.date <= date)]
    }

    /// Whether the stock is in the theme's scope on `date`: a membership counts that day,
    /// or a document about the theme is dated on or before it.
    pub fn in_scope(&self, date: Date) -> bool {
        self.members.iter().any(|m| m.counts_on(date))
            || self.docs.first().is_some_and(|d| d.date <= date)
    }

    /// The membership that counts on `date`, preferring one that gives a reason.
    pub fn membership_on(&self, date: Date) -> Option<&MemberSpan> {
        let mut counting = self.members.iter().filter(|m| m.counts_on(date));
        let first = counting.clone().next();
        counting.find(|m| m.reason.is_some()).or(first)
    }

    /// Whether the stock's membership on `date` has a date (`None` when it is not a member
    /// that day).
    pub fn membership_dated(&self, date: Date) -> Option<bool> {
        let counting: Vec<&MemberSpan> =
            self.members.iter().filter(|m| m.counts_on(date)).collect();
        (!counting.is_empty()).then(|| counting.iter().any(|m| m.added.is_some()))
    }

    /// The exposure of the latest report period public on `date`.
    pub fn exposure_on(&self, date: Date) -> Option<&DatedExposure> {
        let public = &self.exposures[..self.exposures.partition_point(|x| x.available <= date)];
        public.iter().max_by_key(|x| x.exposure.period)
    }

    /// The name on `date`: the dated history's when it has one, else the latest known.
    pub fn name_on(&self, date: Date) -> Option<&str> {
        self.names
            .iter()
            .rev()
            .find(|(start, _)| start.is_none_or(|s| s <= date))
            .map(|(_, n)| n.as_str())
            .or(self.name.as_deref())
    }

    /// The heat of the stock's last bar on or before `date`.
    pub fn heat_at(&self, date: Date) -> Option<&DayHeat> {
        self.series.at(date)
    }

    /// The trading facts of the stock's last bar on or before `date`: 成交额, and 换手率,
    /// 流通市值 and 总市值 from the share counts dated on or before the bar.
    pub fn market_at(&self, date: Date) -> Option<MarketFacts> {
        self.heat_at(date).map(|d| market_facts(d, &self.shares))
    }
}

/// A day's 换手率: from the share counts dated on or before it and the day's volume, else
/// the vendor's figure on the bar.
pub fn turnover_of(d: &DayHeat, count: Option<&ShareCount>) -> Option<f64> {
    let volume = d.volume.and_then(|v| u64::try_from(v).ok());
    count
        .zip(volume)
        .and_then(|(c, v)| c.turnover(v))
        .or(d.turnover)
}

/// The trading facts of a day from its series entry and the stock's share counts.
pub fn market_facts(d: &DayHeat, shares: &[ShareCount]) -> MarketFacts {
    let count = ShareCount::asof(shares, d.date);
    MarketFacts {
        date: d.date,
        amount: d.amount,
        turnover: turnover_of(d, count),
        float_cap: count.and_then(|c| c.float_value(d.close)),
        total_cap: count.and_then(|c| c.total_value(d.close)),
    }
}

/// The scan's heat of a day of a series.
pub fn heat_of_day(d: &DayHeat, benchmark: Option<Symbol>) -> Heat {
    Heat {
        hot: d.hot,
        streak: d.streak,
        max_streak: d.max_streak,
        returns: HeatReturns {
            d1: d.ret_d1,
            d5: d.ret_d5,
            d10: d.ret_d10,
            d30: d.ret_d30,
            window: d.ret_window,
        },
        excess: HeatReturns {
            d1: None,
            d5: d.excess_d5,
            d10: d.excess_d10,
            d30: d.excess_d30,
            window: d.excess_window,
        },
        abnormal: d.abnormal,
        benchmark: benchmark.map(|s| s.to_string()),
        bar_date: d.date,
        st_unknown: d.st.is_none(),
    }
}

/// One stock's assessment as of `date`, from the context alone (whether or not the stock
/// is in scope that day).
pub fn assess_stock_at(ctx: &Context, s: &StockContext, date: Date) -> StockAssessment {
    let heat = s.heat_at(date).map(|d| heat_of_day(d, s.benchmark));
    let membership = s.membership_on(date).map(|m| Membership {
        reason: m.reason.clone(),
        source: Some(m.source.clone()),
    });
    let code = s.info.symbol.to_string();
    let input = StockInput {
        code: &code,
        name: s.name_on(date),
        heat: heat.as_ref(),
        window_from: ctx.window_start(date),
        docs: s.docs_upto(date),
        membership: membership.as_ref(),
        exposure: s.exposure_on(date).map(|x| &x.exposure),
        membership_dated: s.membership_dated(date),
        market: s.market_at(date),
    };
    assess_stock(&input, date, &ctx.thresholds)
}

/// What the rules decide for one stock as of `date` (substance, flags, verdict and the
/// counts behind them), without reasons or evidence: the fast path for a panel of every
/// stock and day. Equal to the decision inside [`assess_stock_at`].
pub fn decide_at(ctx: &Context, s: &StockContext, date: Date) -> Decision {
    let heat = s.heat_at(date).map(|d| HeatSignal {
        hot: d.hot,
        abnormal: d.abnormal,
        bar_date: d.date,
    });
    let window_from = ctx
        .window_start(date)
        .unwrap_or_else(|| super::window_start_estimate(date, ctx.thresholds.window));
    decide(
        s.docs_upto(date),
        heat,
        s.exposure_on(date).map(|x| &x.exposure),
        date,
        window_from,
        &ctx.thresholds,
    )
}

/// Every stock in the theme's scope on `date`, assessed as of `date`, in report order.
pub fn assess_at(ctx: &Context, date: Date) -> ScanReport {
    let mut stocks: Vec<StockAssessment> = ctx
        .stocks
        .iter()
        .filter(|s| s.in_scope(date))
        .map(|s| assess_stock_at(ctx, s, date))
        .collect();
    sort_assessments(&mut stocks);
    ScanReport {
        theme: ctx.theme_id.clone(),
        theme_name: ctx.theme_name.clone(),
        asof: date,
        window: ctx.thresholds.window,
        stocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn report_deadlines_follow_the_period() {
        assert_eq!(report_deadline(d("2024-12-31")), d("2025-04-30"));
        assert_eq!(report_deadline(d("2025-06-30")), d("2025-08-31"));
        assert_eq!(report_deadline(d("2025-03-31")), d("2025-04-30"));
        assert_eq!(report_deadline(d("2025-09-30")), d("2025-10-31"));
    }

    #[test]
    fn a_membership_counts_between_its_dates() {
        let m = MemberSpan {
            reason: None,
            source: "x".into(),
            added: Some(d("2025-02-03")),
            removed: Some(d("2025-03-03")),
        };
        assert!(!m.counts_on(d("2025-02-02")));
        assert!(m.counts_on(d("2025-02-03")));
        assert!(m.counts_on(d("2025-03-02")));
        assert!(!m.counts_on(d("2025-03-03")));
        let undated = MemberSpan {
            added: None,
            removed: None,
            ..m
        };
        assert!(undated.counts_on(d("1999-01-01")));
    }
}
