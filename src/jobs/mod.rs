//! The main jobs over the store, for the commands and for any Rust user of the library:
//! [`scan()`] (a theme's stocks, heat against substance), [`ladder()`] (a day's 连板天梯)
//! and [`dossier()`] (one stock's market dossier), with [`resolve_stock`] for a code or
//! name typed by a user; and [`import`], the one pipeline every file format is imported
//! through.
//!
//! Each job takes the store and plain arguments and returns plain data from
//! [`crate::assess`]; rendering is [`crate::report`]'s, printing the caller's.
//!
//! ```
//! use hypecheck::jobs;
//! use hypecheck::store::Store;
//!
//! let store = Store::open_in_memory()?;
//! let day = "2025-04-17".parse()?;
//! // An empty store has no trading days: no ladder, and an error that says so.
//! let err = jobs::ladder(&store, day).unwrap_err();
//! assert!(matches!(err, jobs::Error::EmptyStore));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check;
pub mod context;
mod dossier;
pub mod fetch;
pub mod import;
mod kind;
mod ladder;
mod ladder_filter;
mod listings;
mod panel;
mod scan;
mod themes;

pub use check::{anomalies, anomaly_on, check, Anomaly};
pub use context::{load_context, load_stock_context};
pub use dossier::{benchmark, current_name, dossier, resolve_stock};
pub use kind::Kind;
pub use ladder::{ladder, LADDER_HISTORY_DAYS};
pub use ladder_filter::filter_ladder;
pub use listings::{judge_name_st, stock_bars, stock_info, Listings};
pub use panel::{load_panel, study, PanelData};
pub use scan::{
    assess, classify_all, coverage, coverage_of, exposure, membership, public_segments,
    report_dates, scan, scan_at, scope, Coverage, KindCount, OwnTrades, Scan, CHART_BARS,
};
pub use themes::{add_theme, find_theme, user_themes, AddedTheme};

use crate::messages;
use crate::model::{Date, Lang, Symbol};
use crate::store;

/// An error of a job: the store failed, or the request cannot be answered from it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// A theme file (or a stored theme) is not a valid theme.
    #[error(transparent)]
    Theme(#[from] crate::theme::ThemeError),
    /// A theme to add has a built-in theme's id.
    #[error("{}", self.message(Lang::En))]
    BuiltinThemeId {
        /// The file.
        origin: String,
        /// The id.
        id: String,
    },
    /// The stock has no bars in the store (on or before `asof`, when given).
    #[error("{}", self.message(Lang::En))]
    NoBars {
        /// The stock.
        symbol: Symbol,
        /// The date asked for.
        asof: Option<Date>,
    },
    /// The benchmark index has no bars in the store on or before the date.
    #[error("{}", self.message(Lang::En))]
    NoBenchmarkBars(Symbol),
    /// The text is neither a stock code nor the name of a stock in the store.
    #[error("{}", self.message(Lang::En))]
    UnknownStock(String),
    /// The name matches several stocks.
    #[error("{}", self.message(Lang::En))]
    AmbiguousStock {
        /// What the user typed.
        input: String,
        /// The first matches: code and name.
        matches: Vec<(Symbol, Option<String>)>,
    },
    /// The store has no stock bars.
    #[error("{}", self.message(Lang::En))]
    EmptyStore,
    /// The store has no members of the theme (`import members`, `fetch members`).
    #[error("{}", self.message(Lang::En))]
    NoMembers(String),
    /// No stock in the store traded on the date (a weekend or holiday, as far as the store
    /// tells): the trading days around it.
    #[error("{}", self.message(Lang::En))]
    NotTradingDay {
        /// The date asked for.
        date: Date,
        /// The trading day before it.
        before: Option<Date>,
        /// The trading day after it.
        after: Option<Date>,
    },
    /// The date is after the store's last bar.
    #[error("{}", self.message(Lang::En))]
    AfterLastBar {
        /// The date asked for.
        date: Date,
        /// The last trading day in the store.
        last: Date,
    },
    /// No trading day of the store falls within a panel's or a study's range.
    #[error("{}", self.message(Lang::En))]
    NoTradingDays {
        /// The range's first day.
        from: Date,
        /// Its last day.
        to: Date,
        /// The store's first and last trading days, if it has bars.
        bars: Option<(Date, Date)>,
    },
    /// The date is before the store's first bar.
    #[error("{}", self.message(Lang::En))]
    BeforeFirstBar {
        /// The date asked for.
        date: Date,
        /// The first trading day in the store.
        first: Date,
    },
}

impl Error {
    /// The message in the user's language (the store's own errors are in English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Store(e) => e.to_string(),
            Error::Theme(e) => e.message(lang),
            Error::BuiltinThemeId { origin, id } => messages::builtin_theme_id(lang, origin, id),
            Error::NoBars { symbol, asof } => messages::no_bars(lang, *symbol, *asof),
            Error::NoBenchmarkBars(symbol) => messages::no_benchmark_bars(lang, *symbol),
            Error::UnknownStock(input) => messages::unknown_stock(lang, input),
            Error::AmbiguousStock { input, matches } => {
                let list: Vec<String> = matches
                    .iter()
                    .map(|(s, name)| format!("{s} {}", name.as_deref().unwrap_or("")))
                    .collect();
                messages::ambiguous_stock(lang, input, &list)
            }
            Error::EmptyStore => messages::empty_store(lang),
            Error::NoMembers(theme) => messages::no_members(lang, theme),
            Error::NotTradingDay {
                date,
                before,
                after,
            } => messages::not_trading_day(lang, *date, *before, *after),
            Error::AfterLastBar { date, last } => messages::after_last_bar(lang, *date, *last),
            Error::NoTradingDays { from, to, bars } => {
                messages::no_trading_days(lang, *from, *to, *bars)
            }
            Error::BeforeFirstBar { date, first } => {
                messages::before_first_bar(lang, *date, *first)
            }
        }
    }
}

/// Checks that `date` is a trading day of the store (a date on which some stock has a
/// bar): else why not, with the trading days around it or the ends of the data.
pub fn trading_day(store: &store::Store, date: Date) -> Result<Date> {
    let Some(last) = store.latest_date()? else {
        return Err(Error::EmptyStore);
    };
    if date > last {
        return Err(Error::AfterLastBar { date, last });
    }
    let before = store.trading_dates(..=date)?;
    match before.last() {
        Some(&d) if d == date => Ok(date),
        None => {
            let first = store.trading_dates(..)?.first().copied().unwrap_or(last);
            Err(Error::BeforeFirstBar { date, first })
        }
        Some(&prev) => {
            let next = date
                .succ_opt()
                .map(|n| store.trading_dates(n..))
                .transpose()?
                .and_then(|v| v.first().copied());
            Err(Error::NotTradingDay {
                date,
                before: Some(prev),
                after: next,
            })
        }
    }
}

/// A result of a job.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
pub(crate) mod testdata;
