//! Special treatment (ST, 风险警示): its kinds and dated periods, as read from lists
//! (`ingest`), kept (`store`) and applied to bars.

use super::{Date, Symbol};

/// The kind of special treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StKind {
    /// ST: other risk warning (其他风险警示).
    St,
    /// *ST: delisting risk warning (退市风险警示).
    StarSt,
}

impl StKind {
    /// `ST` or `*ST`, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            StKind::St => "ST",
            StKind::StarSt => "*ST",
        }
    }

    /// Parses `ST`, `*ST` (any case, full-width asterisk, `S*ST`, `SST`); `None` otherwise.
    pub fn parse(s: &str) -> Option<StKind> {
        match s.trim().replace('＊', "*").to_ascii_uppercase().as_str() {
            "ST" | "SST" => Some(StKind::St),
            "*ST" | "S*ST" => Some(StKind::StarSt),
            _ => None,
        }
    }
}

/// A period of special treatment of one stock, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StPeriod {
    /// The stock.
    pub symbol: Symbol,
    /// The first ST day.
    pub start: Date,
    /// The last ST day; `None` while still ST.
    pub end: Option<Date>,
    /// ST or *ST.
    pub kind: StKind,
}
