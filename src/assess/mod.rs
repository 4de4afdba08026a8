//! Assessment: combines the market rules (and, later, the evidence engine) into the results
//! the commands report: a stock's market dossier ([`MarketDossier`]) and the day's
//! 连板天梯 ([`LadderEntry`]), and a scan's verdict per stock ([`assess_stock`]).
//!
//! Pure: callers load bars from the store or files and pass them in; nothing here reads,
//! writes or prints.

mod chart;
pub mod context;
mod heat;
mod ladder;
pub mod reason;
mod scan;
pub mod series;

pub use chart::{price_chart, Chart, ChartPoint};
pub use context::{assess_at, assess_stock_at, decide_at, Context, StockContext};
pub use heat::{market_dossier, Abnormal, Excess, MarketDossier, Returns};
pub use ladder::{ladder_entry, sort_ladder, Ladder, LadderEntry, LadderFilter, LadderSummary};
pub use reason::{About, Fact, Reason};
pub use scan::{
    assess_stock, decide, sort_assessments, window_start_estimate, ClassifiedDoc, Decision,
    DocPart, Evidence, ExposureSummary, Heat, HeatReturns, HeatSignal, MarketFacts, Membership,
    ScanReport, StockAssessment, StockInput, Thresholds, Verdict, PROMOTION_LEAD_DAYS,
};
pub use series::{DayHeat, MarketSeries};

/// How many bars back N天M板 looks for the first board of the current run.
pub const UP_STAT_LOOKBACK: usize = 10;
