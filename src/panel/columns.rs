//! The panel's columns: one list, with each column's type, meaning and whether it looks
//! ahead, from which every format (CSV, Parquet, JSON) and the README's table are written.

use super::Row;
use crate::model::Date;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// A date (`YYYY-MM-DD` in text formats).
    Date,
    /// Text.
    Text,
    /// True or false.
    Bool,
    /// A whole number.
    Int,
    /// A fraction or an amount.
    Float,
}

/// One column of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The fixed name.
    pub name: &'static str,
    /// Its type.
    pub ty: Type,
    /// Whether it uses data after the row's day (only the `fwd_` columns do).
    pub look_ahead: bool,
    /// Whether a cell may be empty.
    pub nullable: bool,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

const fn col(name: &'static str, ty: Type, zh: &'static str, en: &'static str) -> Column {
    Column {
        name,
        ty,
        look_ahead: false,
        nullable: true,
        zh,
        en,
    }
}

/// A column that always has a value.
const fn always(name: &'static str, ty: Type, zh: &'static str, en: &'static str) -> Column {
    Column {
        nullable: false,
        ..col(name, ty, zh, en)
    }
}

const fn ahead(name: &'static str, zh: &'static str, en: &'static str) -> Column {
    Column {
        name,
        ty: Type::Float,
        look_ahead: true,
        nullable: true,
        zh,
        en,
    }
}

/// Every column, in file order: the assessment as of the day, then the forward returns.
pub const COLUMNS: [Column; 33] = [
    always("date", Type::Date, "交易日（按当日收盘评估）", "the trading day (assessed as of its close)"),
    always("code", Type::Text, "股票代码 CODE.EX", "the stock, CODE.EX"),
    col("name", Type::Text, "当日名称（有历史名称时），否则最新名称", "its name that day when a dated history has it, else the latest"),
    always("in_scope", Type::Bool, "当日在题材范围内：成分股，或当日及以前有提到题材的文档（不加 --all-stocks 时恒为 true）", "in the theme's scope that day: a member, or a document about the theme dated on or before it (always true without --all-stocks)"),
    always("member", Type::Bool, "当日是题材成分股", "a member of the theme that day"),
    col("membership_dated", Type::Bool, "当日的成分股关系有纳入日期（非成分股为空）", "that day's membership has a date (null when not a member)"),
    col("bar_date", Type::Date, "当日或之前最后一根K线的日期（停牌时早于 date；无K线为空）", "the date of the stock's last bar on or before the day (earlier than date when suspended; null without bars)"),
    always("hot", Type::Bool, "当日过热且K线覆盖观察窗口（结论所用的过热）", "hot that day, with bars covering the window (hot as the verdict counts it)"),
    col("streak", Type::Int, "当前连板", "consecutive limit-up closes ending at bar_date"),
    col("max_streak", Type::Int, "窗口内最高连板", "the highest streak within the window"),
    col("ret_d1", Type::Float, "当日涨跌幅", "the day's return"),
    col("ret_d5", Type::Float, "5日涨幅", "5-day return"),
    col("ret_d10", Type::Float, "10日涨幅", "10-day return"),
    col("ret_d30", Type::Float, "30日涨幅", "30-day return"),
    col("excess_d5", Type::Float, "5日超额收益（相对板块基准指数）", "5-day excess return over the board's benchmark"),
    col("excess_d10", Type::Float, "10日超额收益", "10-day excess return"),
    col("excess_d30", Type::Float, "30日超额收益", "30-day excess return"),
    col("abnormal", Type::Bool, "窗口内触发异常波动（估算）", "an abnormal-fluctuation estimate fired within the window"),
    col("amount", Type::Float, "成交额（元），有则给出", "turnover amount in yuan, where known"),
    col("turnover", Type::Float, "换手率（小数）：由股本（import shares）算出，否则取K线自带的换手率；未知为空", "turnover rate as a fraction: from the share counts (import shares), else the bar's own figure; null when unknown"),
    always("substance", Type::Text, "实质：disclaimed/none/adopter/claimed/confirmed/material", "substance: disclaimed/none/adopter/claimed/confirmed/material"),
    always("flags", Type::Text, "标记，英文名以分号分隔", "flags, fixed names joined by semicolons"),
    always("verdict", Type::Text, "结论：hype_rider/speculative/unverified/clarified/substantive/cold", "verdict: hype_rider/speculative/unverified/clarified/substantive/cold"),
    always("docs_checked", Type::Int, "截至当日读过的公司关于题材的文档数", "company documents about the theme read by the day"),
    col("newest_evidence", Type::Date, "其中最新一份的日期", "the newest of them"),
    ahead("fwd_ret_d1", "前瞻：当日收盘到其后第1个交易日收盘的涨幅", "look-ahead: return from the day's close to the close 1 trading day later"),
    ahead("fwd_ret_d5", "前瞻：到其后第5个交易日的涨幅", "look-ahead: return to 5 trading days later"),
    ahead("fwd_ret_d10", "前瞻：到其后第10个交易日的涨幅", "look-ahead: return to 10 trading days later"),
    ahead("fwd_ret_d20", "前瞻：到其后第20个交易日的涨幅", "look-ahead: return to 20 trading days later"),
    ahead("fwd_excess_d1", "前瞻：1日超额收益（减去基准指数同期涨幅）", "look-ahead: 1-day forward return minus the benchmark's"),
    ahead("fwd_excess_d5", "前瞻：5日超额收益", "look-ahead: 5-day forward excess return"),
    ahead("fwd_excess_d10", "前瞻：10日超额收益", "look-ahead: 10-day forward excess return"),
    ahead("fwd_excess_d20", "前瞻：20日超额收益", "look-ahead: 20-day forward excess return"),
];

/// A cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// No value.
    Null,
    /// A date.
    Date(Date),
    /// Text.
    Text(&'a str),
    /// A stock (`CODE.EX` in text formats).
    Symbol(crate::model::Symbol),
    /// Text made for the row (the flags).
    Flags(&'a [crate::text::Flag]),
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A float.
    Float(f64),
}

fn float(x: Option<f64>) -> Value<'static> {
    x.map_or(Value::Null, Value::Float)
}

impl Row<'_> {
    /// The cell of column `i` of [`COLUMNS`].
    pub fn value(&self, i: usize) -> Value<'_> {
        let h = self.heat;
        match i {
            0 => Value::Date(self.date),
            1 => Value::Symbol(self.symbol),
            2 => self.name.map_or(Value::Null, Value::Text),
            3 => Value::Bool(self.in_scope),
            4 => Value::Bool(self.member),
            5 => self.membership_dated.map_or(Value::Null, Value::Bool),
            6 => h.map_or(Value::Null, |h| Value::Date(h.date)),
            7 => Value::Bool(self.hot),
            8 => h.map_or(Value::Null, |h| Value::Int(h.streak.into())),
            9 => h.map_or(Value::Null, |h| Value::Int(h.max_streak.into())),
            10 => float(h.and_then(|h| h.ret_d1)),
            11 => float(h.and_then(|h| h.ret_d5)),
            12 => float(h.and_then(|h| h.ret_d10)),
            13 => float(h.and_then(|h| h.ret_d30)),
            14 => float(h.and_then(|h| h.excess_d5)),
            15 => float(h.and_then(|h| h.excess_d10)),
            16 => float(h.and_then(|h| h.excess_d30)),
            17 => h.map_or(Value::Null, |h| Value::Bool(h.abnormal)),
            18 => float(h.and_then(|h| h.amount)),
            19 => float(self.turnover),
            20 => Value::Text(self.substance.name()),
            21 => Value::Flags(self.flags),
            22 => Value::Text(self.verdict.name()),
            23 => Value::Int(self.docs_checked.into()),
            24 => self.newest_evidence.map_or(Value::Null, Value::Date),
            25..=28 => float(self.fwd_ret[i - 25]),
            29..=32 => float(self.fwd_excess[i - 29]),
            _ => Value::Null,
        }
    }
}

/// The index of the first look-ahead column: every column before it is as of the day.
pub fn first_look_ahead() -> usize {
    COLUMNS
        .iter()
        .position(|c| c.look_ahead)
        .unwrap_or(COLUMNS.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::FORWARD;

    #[test]
    fn only_the_fwd_columns_look_ahead_and_they_come_last() {
        let first = first_look_ahead();
        assert!(COLUMNS[..first]
            .iter()
            .all(|c| !c.look_ahead && !c.name.starts_with("fwd_")));
        assert!(COLUMNS[first..]
            .iter()
            .all(|c| c.look_ahead && c.name.starts_with("fwd_")));
        assert_eq!(COLUMNS.len() - first, 2 * FORWARD.len());
        let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), COLUMNS.len());
    }
}
