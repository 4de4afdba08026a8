//! Bars that break their day's limits (`hypecheck check`, the import summary, the
//! dossier): reported with what the rules assumed, never computed over silently.

use super::{Listings, Result};
use crate::market::{analyze, impossible, Impossible, StockInfo};
use crate::model::{Bar, Date, Fen, Symbol};
use crate::store::Store;

/// One impossible bar and what the rules assumed for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Anomaly {
    /// The stock.
    #[serde(serialize_with = "as_text")]
    pub symbol: Symbol,
    /// The bar's date.
    pub date: Date,
    /// What is impossible.
    pub kind: Impossible,
    /// The close, in fen.
    pub close: Fen,
    /// The high, in fen.
    pub high: Fen,
    /// The previous-close reference used, in fen.
    pub prev_close: Option<Fen>,
    /// The limit assumed, in percent.
    pub limit_pct: Option<u32>,
    /// The up-limit price computed, in fen.
    pub limit_up_price: Option<Fen>,
    /// The down-limit price computed, in fen.
    pub limit_down_price: Option<Fen>,
    /// The ST status assumed (the bar's `st` as the store gives it).
    pub st: bool,
    /// The listing date assumed, when known or inferred.
    pub listing_date: Option<Date>,
}

fn as_text<S: serde::Serializer>(s: &Symbol, ser: S) -> std::result::Result<S::Ok, S::Error> {
    ser.collect_str(s)
}

/// The impossible bars of one stock's `bars` (its history in date order).
pub fn anomalies(info: &StockInfo, bars: &[Bar]) -> Vec<Anomaly> {
    let signals = analyze(info, bars);
    bars.iter()
        .zip(&signals)
        .filter_map(|(bar, s)| {
            impossible(bar, s).map(|kind| Anomaly {
                symbol: info.symbol,
                date: bar.date,
                kind,
                close: bar.close,
                high: bar.high,
                prev_close: s.prev_close,
                limit_pct: s.limit_pct,
                limit_up_price: s.limit_up_price,
                limit_down_price: s.limit_down_price,
                st: bar.st.unwrap_or(false),
                listing_date: info.listing_date,
            })
        })
        .collect()
}

/// Every impossible bar in the store, by stock in code order and then by date.
pub fn check(store: &Store) -> Result<Vec<Anomaly>> {
    let listings = Listings::load(store)?;
    let mut out = Vec::new();
    for symbol in store.symbols()? {
        let Some(mut info) = listings.info(symbol) else {
            continue;
        };
        let bars = super::stock_bars(store, &mut info, ..)?;
        out.extend(anomalies(&info, &bars));
    }
    Ok(out)
}

/// The impossible bar of one stock on `date`, if its bar that day is one.
pub fn anomaly_on(store: &Store, info: &StockInfo, date: Date) -> Result<Option<Anomaly>> {
    let mut info = *info;
    let bars = super::stock_bars(store, &mut info, ..=date)?;
    Ok(anomalies(&info, &bars).into_iter().find(|a| a.date == date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(d: &str, high: Fen, close: Fen) -> Bar {
        Bar {
            date: d.parse().unwrap(),
            open: close,
            high,
            low: close,
            close,
            prev_close: None,
            volume: None,
            amount: None,
            turnover: None,
            st: Some(true),
        }
    }

    #[test]
    fn a_close_above_the_st_limit_is_reported_with_the_assumed_status() {
        let mut store = Store::open_in_memory().unwrap();
        // *ST精伦 on 2025-02-07: +10.06% from 3.38, where a 5% limit gives 3.55.
        let s = Symbol::parse_stock("600355").unwrap();
        store
            .import_bars(|sink| {
                sink.add(s, Some("*ST精伦"), &bar("2025-02-06", 338, 338))?;
                sink.add(s, Some("*ST精伦"), &bar("2025-02-07", 372, 372))?;
                sink.add(s, Some("*ST精伦"), &bar("2025-02-10", 395, 370))?;
                Ok::<(), crate::store::Error>(())
            })
            .unwrap();
        // Without a dated list, prices refute the name's ST mark: nothing is impossible.
        assert_eq!(check(&store).unwrap(), Vec::new());
        // A dated list that says ST wins over prices: the bars are impossible under it.
        let period = crate::model::StPeriod {
            symbol: s,
            start: "2025-01-01".parse().unwrap(),
            end: None,
            kind: crate::model::StKind::StarSt,
        };
        store
            .import_st(crate::store::StSource::Periods, None, &[period])
            .unwrap();
        let found = check(&store).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].kind, Impossible::CloseAboveUp);
        assert_eq!(found[0].limit_up_price, Some(355));
        assert_eq!((found[0].limit_pct, found[0].st), (Some(5), true));
        assert_eq!(found[1].kind, Impossible::HighAboveUp);
        let info = Listings::load(&store).unwrap().info(s).unwrap();
        let on = anomaly_on(&store, &info, "2025-02-07".parse().unwrap()).unwrap();
        assert_eq!(on.as_ref(), found.first());
        let none = anomaly_on(&store, &info, "2025-02-06".parse().unwrap()).unwrap();
        assert_eq!(none, None);
    }
}
