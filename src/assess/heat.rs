//! The market part of a stock's dossier: how hard the market chased it up to a date.

use serde::Serialize;

use super::UP_STAT_LOOKBACK;
use crate::market::{
    self, abnormal_events_with, excess_return, n_day_return, AbnormalEvent, Board, Cumulation,
    FluctuationInputs, StockInfo, UpStat,
};
use crate::model::{Bar, Date, Fen, IndexBar, Symbol};

/// N-day returns as fractions (`d5` = five trading days).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Returns {
    /// The day's change.
    pub d1: Option<f64>,
    /// Five trading days.
    pub d5: Option<f64>,
    /// Ten trading days.
    pub d10: Option<f64>,
    /// Thirty trading days.
    pub d30: Option<f64>,
}

/// Returns in excess of the benchmark index over the same dates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Excess {
    /// Five trading days.
    pub d5: Option<f64>,
    /// Ten trading days.
    pub d10: Option<f64>,
    /// Thirty trading days.
    pub d30: Option<f64>,
}

/// Abnormal-fluctuation estimates within the look-back window, by both cumulation methods
/// (docs/market-rules.md §4.4: the sources disagree, so both are shown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Abnormal {
    /// Always true: computed from bars, not the exchange's publication.
    pub estimated: bool,
    /// Whether either method fired within the window.
    pub triggered: bool,
    /// The window in trading days.
    pub window: usize,
    /// The benchmark index used, `None` when no index bars were available (deviations are
    /// then the stock's own moves).
    pub benchmark: Option<String>,
    /// Triggers by the sum-of-daily-deviations method.
    pub sum: Vec<AbnormalEvent>,
    /// Triggers by the interval-return method.
    pub compound: Vec<AbnormalEvent>,
}

/// The market dossier of one stock as of a date (docs/design.md §7 `stock`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarketDossier {
    /// `CODE.EX`.
    pub code: String,
    /// The stock's name, when known.
    pub name: Option<String>,
    /// The name is the latest one known, not necessarily the one of `bar_date` (no dated
    /// name history covers that day); set by the caller that knows the history.
    pub name_current: bool,
    /// The date asked for.
    pub asof: Date,
    /// The stock's last bar on or before `asof` (differs when it did not trade that day).
    pub bar_date: Date,
    /// Board id (`sh_main`, `sz_main`, `chinext`, `star`, `bse`).
    pub board: Board,
    /// ST / *ST on the bar's date, as a dated ST list, or the name where prices do not
    /// refute it, says; `None` when nothing decides (ST状态未知): then no limit is asserted
    /// (docs/market-rules.md §2.2a).
    pub st: Option<bool>,
    /// The day's limit in percent; `None` on a day without a limit.
    pub limit_pct: Option<u32>,
    /// 涨停价 in yuan.
    pub limit_up_price: Option<f64>,
    /// 跌停价 in yuan.
    pub limit_down_price: Option<f64>,
    /// Previous-close reference in yuan.
    pub prev_close: Option<f64>,
    /// Close in yuan.
    pub close: f64,
    /// Closed at the up-limit.
    pub limit_up: bool,
    /// Closed at the down-limit.
    pub limit_down: bool,
    /// 炸板: touched the up-limit, closed below.
    pub blown: bool,
    /// 一字板.
    pub one_price: bool,
    /// Consecutive limit-up closes ending at the bar (连板).
    pub streak: u32,
    /// The longest streak within the window.
    pub max_streak: u32,
    /// N天M板 of the current run.
    pub up_stat: UpStat,
    /// Opening gap against the previous close.
    pub gap: Option<f64>,
    /// Returns.
    pub returns: Returns,
    /// Excess returns against `benchmark`.
    pub excess: Excess,
    /// Abnormal-fluctuation estimates.
    pub abnormal: Abnormal,
    /// The window in trading days used for `max_streak`, `abnormal` and the window returns.
    pub window: usize,
    /// The return over the window (`window` trading days ending at the bar).
    pub window_return: Option<f64>,
    /// The excess return over the window against `benchmark`.
    pub window_excess: Option<f64>,
    /// 成交额 of the bar in yuan, when the bar has it.
    pub amount: Option<f64>,
    /// 换手率 as a fraction: volume over the float shares (`import shares`), else the
    /// vendor's figure; `None` unknown.
    pub turnover: Option<f64>,
    /// 流通市值 in yuan (close × float shares); `None` without share counts.
    pub float_cap: Option<f64>,
    /// 总市值 in yuan (close × total shares); `None` without share counts.
    pub total_cap: Option<f64>,
}

impl MarketDossier {
    /// Sets 换手率 and the market values from the stock's share counts (sorted by date;
    /// the last dated on or before the bar counts) and the bar's volume.
    pub fn with_shares(mut self, shares: &[crate::model::ShareCount], volume: Option<i64>) -> Self {
        if let Some(c) = crate::model::ShareCount::asof(shares, self.bar_date) {
            let close = (self.close * 100.0).round() as Fen;
            if let Some(t) = volume
                .and_then(|v| u64::try_from(v).ok())
                .and_then(|v| c.turnover(v))
            {
                self.turnover = Some(t);
            }
            self.float_cap = c.float_value(close);
            self.total_cap = c.total_value(close);
        }
        self
    }
}

/// Builds the dossier from a stock's bars up to `asof` (sorted, at least one on or before
/// it), the benchmark index's bars (if any) and the trading calendar (if known).
/// `None` when the stock has no bar on or before `asof`.
#[allow(clippy::too_many_arguments)]
pub fn market_dossier(
    info: &StockInfo,
    name: Option<String>,
    bars: &[Bar],
    asof: Date,
    window: usize,
    benchmark: Option<(Symbol, &[IndexBar])>,
    calendar: Option<&[Date]>,
) -> Option<MarketDossier> {
    let end = bars.partition_point(|b| b.date <= asof);
    let bars = &bars[..end];
    let idx = end.checked_sub(1)?;
    let signals = market::analyze(info, bars);
    let (bar, s) = (&bars[idx], &signals[idx]);
    let window = window.max(1);
    let from = (idx + 1).saturating_sub(window);
    let index = benchmark.map(|(_, ix)| ix);
    let recent = |events: Vec<AbnormalEvent>| -> Vec<AbnormalEvent> {
        let first = bars[from].date;
        events.into_iter().filter(|e| e.date >= first).collect()
    };
    let inputs = FluctuationInputs::new(bars, &signals, index, calendar);
    let sum = recent(abnormal_events_with(info, bars, &inputs, Cumulation::Sum));
    let compound = recent(abnormal_events_with(
        info,
        bars,
        &inputs,
        Cumulation::Compound,
    ));
    let ret = |n| n_day_return(bars, &signals, idx, n);
    let exc = |n| index.and_then(|ix| excess_return(bars, &signals, idx, n, ix));
    Some(MarketDossier {
        code: info.symbol.to_string(),
        name_current: name.is_some(),
        name,
        asof,
        bar_date: bar.date,
        board: info.board,
        st: (!s.st_unknown).then_some(bar.st.unwrap_or(false)),
        limit_pct: s.limit_pct,
        limit_up_price: s.limit_up_price.map(yuan),
        limit_down_price: s.limit_down_price.map(yuan),
        prev_close: s.prev_close.map(yuan),
        close: yuan(bar.close),
        limit_up: s.limit_up,
        limit_down: s.limit_down,
        blown: s.blown,
        one_price: s.one_price,
        streak: s.streak,
        max_streak: market::max_streak(&signals[from..=idx]),
        up_stat: market::up_stat(&signals, idx, UP_STAT_LOOKBACK),
        gap: s.gap(bar),
        returns: Returns {
            d1: s.change(bar),
            d5: ret(5),
            d10: ret(10),
            d30: ret(30),
        },
        excess: Excess {
            d5: exc(5),
            d10: exc(10),
            d30: exc(30),
        },
        abnormal: Abnormal {
            estimated: true,
            triggered: !sum.is_empty() || !compound.is_empty(),
            window,
            benchmark: benchmark.map(|(s, _)| s.to_string()),
            sum,
            compound,
        },
        window,
        window_return: ret(window),
        window_excess: exc(window),
        amount: bar.amount,
        turnover: bar.turnover,
        float_cap: None,
        total_cap: None,
    })
}

/// Fen as yuan for JSON (`5356` → `53.56`; the shortest decimal form prints exactly).
fn yuan(fen: Fen) -> f64 {
    fen as f64 / 100.0
}
