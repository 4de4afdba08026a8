//! Format detection: which vendor wrote the file, where each field is, and in which unit.
//!
//! The header alone decides. Every known column name maps to one [`Field`]; the vendor is
//! recognised by its marker columns (`ts_code` for Tushare, `adjustflag`/`tradestatus` for
//! baostock, Chinese names for AkShare), and the vendor decides the units (Tushare `vol` is
//! in 手 and `amount` in 千元; AkShare 成交量 is in 手). Unknown extra columns are ignored.

use super::columns::{CODE, NAME};
use super::Error;

/// The vendor format of a bar file (docs/design.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// AkShare `stock_zh_a_hist` (Chinese columns; 成交量 in 手).
    AkShare,
    /// Tushare Pro `daily` (`vol` in 手, `amount` in 千元, `trade_date` YYYYMMDD).
    Tushare,
    /// baostock `query_history_k_data_plus` (`sh.600000` codes, `adjustflag`).
    Baostock,
    /// `code,date,open,high,low,close[,prev_close][,volume][,amount][,turnover][,name]`.
    Generic,
}

impl Format {
    /// The name used in messages and summaries.
    pub fn name(self) -> &'static str {
        match self {
            Format::AkShare => "AkShare",
            Format::Tushare => "Tushare",
            Format::Baostock => "baostock",
            Format::Generic => "generic",
        }
    }
}

/// A field hypecheck reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Code,
    Name,
    Date,
    Open,
    High,
    Low,
    Close,
    PrevClose,
    /// Absolute change (涨跌额): prev close = close − change when no prev close column.
    Change,
    Volume,
    Amount,
    /// Turnover rate as a fraction.
    Turnover,
    /// Turnover rate in percent (换手率, baostock `turn`).
    TurnoverPct,
    St,
    TradeStatus,
    AdjustFlag,
}

const N_FIELDS: usize = 16;

/// Known column names (lower-cased ASCII) and the field each holds, besides the code and
/// name columns of [`super::columns`].
const COLUMNS: &[(&str, Field)] = &[
    ("date", Field::Date),
    ("trade_date", Field::Date),
    ("日期", Field::Date),
    ("交易日期", Field::Date),
    ("open", Field::Open),
    ("开盘", Field::Open),
    ("开盘价", Field::Open),
    ("high", Field::High),
    ("最高", Field::High),
    ("最高价", Field::High),
    ("low", Field::Low),
    ("最低", Field::Low),
    ("最低价", Field::Low),
    ("close", Field::Close),
    ("收盘", Field::Close),
    ("收盘价", Field::Close),
    ("prev_close", Field::PrevClose),
    ("pre_close", Field::PrevClose),
    ("preclose", Field::PrevClose),
    ("昨收", Field::PrevClose),
    ("前收盘", Field::PrevClose),
    ("前收盘价", Field::PrevClose),
    ("change", Field::Change),
    ("涨跌额", Field::Change),
    ("volume", Field::Volume),
    ("vol", Field::Volume),
    ("成交量", Field::Volume),
    ("amount", Field::Amount),
    ("成交额", Field::Amount),
    ("turnover", Field::Turnover),
    ("turn", Field::TurnoverPct),
    ("turnover_pct", Field::TurnoverPct),
    ("turnover_rate", Field::TurnoverPct),
    ("换手率", Field::TurnoverPct),
    ("isst", Field::St),
    ("is_st", Field::St),
    ("tradestatus", Field::TradeStatus),
    ("adjustflag", Field::AdjustFlag),
];

/// Header words that reveal adjusted prices.
const ADJUSTED_MARKERS: &[&str] = &[
    "qfq",
    "hfq",
    "adj_factor",
    "adj_close",
    "adjclose",
    "adj close",
    "前复权",
    "后复权",
];

/// Where each field is and how to scale it.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// The detected vendor.
    pub format: Format,
    /// The header cells as written (for messages).
    pub headers: Vec<String>,
    cols: [Option<usize>; N_FIELDS],
    /// Shares per unit of the volume column (100 for 手).
    pub volume_mult: i64,
    /// Yuan per unit of the amount column (1000 for 千元).
    pub amount_mult: i64,
}

impl Layout {
    /// The column index of a field.
    #[inline]
    pub fn col(&self, f: Field) -> Option<usize> {
        self.cols[f as usize]
    }

    /// The header cell of a column index.
    pub fn header(&self, i: usize) -> &str {
        &self.headers[i]
    }

    /// Whether the file gives a previous close, directly or as close − change.
    pub fn has_prev_close(&self) -> bool {
        self.col(Field::PrevClose).is_some() || self.col(Field::Change).is_some()
    }
}

fn normalise(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .to_ascii_lowercase()
}

/// Detects the layout from the header cells. `need_code` is false for index files, which
/// may take their code from `--code`.
pub(crate) fn detect(file: &str, cells: &[String], need_code: bool) -> Result<Layout, Error> {
    let header = cells.join(",");
    let names: Vec<String> = cells.iter().map(|c| normalise(c)).collect();
    if let Some(marker) = names
        .iter()
        .find_map(|n| ADJUSTED_MARKERS.iter().find(|m| n.contains(*m)))
    {
        return Err(Error::Adjusted {
            file: file.to_string(),
            reason: format!("the header '{header}' mentions '{marker}', i.e. adjusted prices"),
        });
    }
    let mut cols = [None; N_FIELDS];
    for (i, n) in names.iter().enumerate() {
        let field = if CODE.contains(&n.as_str()) {
            Some(Field::Code)
        } else if NAME.contains(&n.as_str()) {
            Some(Field::Name)
        } else {
            COLUMNS.iter().find(|(c, _)| c == n).map(|(_, f)| *f)
        };
        if let Some(f) = field {
            // The first column that holds a field wins; later synonyms are ignored.
            cols[f as usize].get_or_insert(i);
        }
    }
    let has = |name: &str| names.iter().any(|n| n == name);
    let format = if has("ts_code") {
        Format::Tushare
    } else if has("adjustflag") || has("tradestatus") || has("preclose") {
        Format::Baostock
    } else if has("日期") || has("交易日期") {
        Format::AkShare
    } else {
        Format::Generic
    };
    let (volume_mult, amount_mult) = match format {
        Format::Tushare => (100, 1000),
        Format::AkShare => (100, 1),
        Format::Baostock | Format::Generic => (1, 1),
    };
    let layout = Layout {
        format,
        headers: cells.to_vec(),
        cols,
        volume_mult,
        amount_mult,
    };
    let required: &[(Field, &str)] = &[
        (Field::Date, "date"),
        (Field::Open, "open"),
        (Field::High, "high"),
        (Field::Low, "low"),
        (Field::Close, "close"),
        (Field::Code, "code"),
    ];
    let missing: Vec<&str> = required
        .iter()
        .filter(|(f, _)| layout.col(*f).is_none() && (need_code || *f != Field::Code))
        .map(|(_, n)| *n)
        .collect();
    if missing.len() >= 4 {
        return Err(Error::UnknownHeader {
            file: file.to_string(),
            header: super::error::shown_header(&header),
        });
    }
    if let Some(column) = missing.first() {
        return Err(Error::MissingColumn {
            file: file.to_string(),
            format: format.name(),
            column,
            header,
        });
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(h: &str) -> Vec<String> {
        h.split(',').map(str::to_string).collect()
    }

    #[test]
    fn vendors_and_units() {
        let ak = detect(
            "f",
            &cells("日期,股票代码,开盘,收盘,最高,最低,成交量,成交额,振幅,涨跌幅,涨跌额,换手率"),
            true,
        )
        .unwrap();
        assert_eq!(ak.format, Format::AkShare);
        assert_eq!(ak.volume_mult, 100);
        assert_eq!(ak.col(Field::Close), Some(3));
        assert!(ak.has_prev_close());
        let ts = detect(
            "f",
            &cells("ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount"),
            true,
        )
        .unwrap();
        assert_eq!(
            (ts.format, ts.volume_mult, ts.amount_mult),
            (Format::Tushare, 100, 1000)
        );
        assert_eq!(ts.col(Field::PrevClose), Some(6));
        let bs = detect(
            "f",
            &cells("date,code,open,high,low,close,preclose,volume,amount,adjustflag,turn,tradestatus,pctChg,isST"),
            true,
        )
        .unwrap();
        assert_eq!((bs.format, bs.volume_mult), (Format::Baostock, 1));
        assert_eq!(bs.col(Field::St), Some(13));
        let g = detect(
            "f",
            &cells("\u{feff}code,name,date,open,high,low,close,volume,amount"),
            true,
        )
        .unwrap();
        assert_eq!(g.format, Format::Generic);
        assert_eq!(g.col(Field::Code), Some(0));
        assert!(!g.has_prev_close());
    }

    #[test]
    fn index_files_may_lack_a_code() {
        let l = detect(
            "f",
            &cells("date,open,close,high,low,volume,amount,turn,pctChg"),
            false,
        )
        .unwrap();
        assert_eq!(l.col(Field::Close), Some(2));
        assert!(matches!(
            detect("f", &cells("date,open,close,high,low"), true),
            Err(Error::MissingColumn { column: "code", .. })
        ));
    }

    #[test]
    fn unknown_and_adjusted_headers() {
        assert!(matches!(
            detect("f", &cells("a,b,c"), true),
            Err(Error::UnknownHeader { .. })
        ));
        assert!(matches!(
            detect("f", &cells("date,code,open,high,low,close_qfq"), true),
            Err(Error::Adjusted { .. })
        ));
        assert!(matches!(
            detect(
                "f",
                &cells("日期,股票代码,开盘,收盘(前复权),最高,最低"),
                true
            ),
            Err(Error::Adjusted { .. })
        ));
        let e = detect("f.csv", &cells("code,date,open,high,low"), true).unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.csv: the generic header 'code,date,open,high,low' has no close column; add it"
        );
    }
}
