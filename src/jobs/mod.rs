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
//! let ladder = jobs::ladder(&store, day)?;
//! assert!(ladder.stocks.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dossier;
pub mod fetch;
pub mod import;
mod ladder;
mod scan;

pub use dossier::{benchmark, dossier, resolve_stock};
pub use ladder::{ladder, LADDER_HISTORY_DAYS};
pub use scan::{assess, classify, exposure, membership, scan, scope, Scan, CHART_BARS};

use crate::messages;
use crate::model::{Date, Lang, Symbol};
use crate::store;

/// An error of a job: the store failed, or the request cannot be answered from it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
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
}

impl Error {
    /// The message in the user's language (the store's own errors are in English).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Store(e) => e.to_string(),
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
        }
    }
}

/// A result of a job.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
pub(crate) mod testdata;
