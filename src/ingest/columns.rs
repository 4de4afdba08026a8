//! Column names every reader accepts for the same thing, in one place: a file that names
//! its code column `ts_code` or 证券代码 reads the same as bars, segments, members or an
//! ST list. Names are compared lower-cased.

/// Names of the stock-code column.
pub(crate) const CODE: &[&str] = &[
    "code",
    "symbol",
    "ts_code",
    "con_code",
    "stock_code",
    "股票代码",
    "代码",
    "证券代码",
];

/// Names of the stock-name column.
pub(crate) const NAME: &[&str] = &[
    "name",
    "short_name",
    "名称",
    "股票名称",
    "股票简称",
    "证券简称",
];
