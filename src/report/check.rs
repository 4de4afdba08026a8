//! Impossible bars (`hypecheck check`, the import summary, the dossier): each with what
//! the rules assumed, so a reader can tell bad data from a wrong assumption.

use crate::jobs::Anomaly;
use crate::market::Impossible;
use crate::model::{fen_to_yuan, Lang};

/// How many examples the import summary shows.
const EXAMPLES: usize = 5;

fn price(p: Option<i64>) -> String {
    p.map_or("-".to_string(), fen_to_yuan)
}

/// One impossible bar in one line: what broke which limit, and what was assumed.
pub fn line(a: &Anomaly, lang: Lang) -> String {
    let pct = a.limit_pct.map_or("-".to_string(), |p| format!("±{p}%"));
    let listing = a.listing_date.map_or_else(
        || {
            lang.pick("上市日期未知", "listing date unknown")
                .to_string()
        },
        |d| match lang {
            Lang::Zh => format!("上市日 {d}"),
            Lang::En => format!("listed {d}"),
        },
    );
    let (what, limit) = match (a.kind, lang) {
        (Impossible::CloseAboveUp, Lang::Zh) => (
            format!("收盘 {} 高于涨停价", fen_to_yuan(a.close)),
            price(a.limit_up_price),
        ),
        (Impossible::CloseBelowDown, Lang::Zh) => (
            format!("收盘 {} 低于跌停价", fen_to_yuan(a.close)),
            price(a.limit_down_price),
        ),
        (Impossible::HighAboveUp, Lang::Zh) => (
            format!("最高 {} 高于涨停价", fen_to_yuan(a.high)),
            price(a.limit_up_price),
        ),
        (Impossible::CloseAboveUp, Lang::En) => (
            format!("close {} above the up-limit", fen_to_yuan(a.close)),
            price(a.limit_up_price),
        ),
        (Impossible::CloseBelowDown, Lang::En) => (
            format!("close {} below the down-limit", fen_to_yuan(a.close)),
            price(a.limit_down_price),
        ),
        (Impossible::HighAboveUp, Lang::En) => (
            format!("high {} above the up-limit", fen_to_yuan(a.high)),
            price(a.limit_up_price),
        ),
    };
    match lang {
        Lang::Zh => format!(
            "{} {} {what} {limit}（假定：{pct}，{}，昨收 {}，{listing}）",
            a.symbol,
            a.date,
            if a.st { "ST" } else { "非ST" },
            price(a.prev_close),
        ),
        Lang::En => format!(
            "{} {} {what} {limit} (assumed: {pct}, {}, previous close {}, {listing})",
            a.symbol,
            a.date,
            if a.st { "ST" } else { "not ST" },
            price(a.prev_close),
        ),
    }
}

/// Counts per kind: (close above up, close below down, high above up).
fn counts(all: &[Anomaly]) -> (usize, usize, usize) {
    let n = |k| all.iter().filter(|a| a.kind == k).count();
    (
        n(Impossible::CloseAboveUp),
        n(Impossible::CloseBelowDown),
        n(Impossible::HighAboveUp),
    )
}

/// The count line.
pub fn summary(all: &[Anomaly], lang: Lang) -> String {
    let (up, down, high) = counts(all);
    match lang {
        Lang::Zh => format!(
            "{} 根K线与当日涨跌停规则矛盾：收盘高于涨停价 {up}，收盘低于跌停价 {down}，最高价高于涨停价 {high}",
            all.len()
        ),
        Lang::En => format!(
            "{} bars break their day's limits: close above the up-limit {up}, close below the \
             down-limit {down}, high above the up-limit {high}",
            all.len()
        ),
    }
}

/// `hypecheck check`: every impossible bar, one a line, then the counts.
pub fn list(all: &[Anomaly], lang: Lang) -> String {
    if all.is_empty() {
        return lang
            .pick(
                "没有与涨跌停规则矛盾的K线\n",
                "no bar breaks its day's limits\n",
            )
            .to_string();
    }
    let mut out = String::new();
    for a in all {
        out.push_str(&line(a, lang));
        out.push('\n');
    }
    out.push_str(&summary(all, lang));
    out.push('\n');
    out
}

/// The note after importing a bar file: the impossible bars among this import's rows
/// (`this`: count and the first examples) and, when `total` is given (once per run), how
/// many the whole store holds; `None` when there is nothing to say.
pub fn import_note(this: &[Anomaly], total: Option<usize>, lang: Lang) -> Option<String> {
    let others = total.filter(|&n| n > this.len());
    if this.is_empty() && others.is_none() {
        return None;
    }
    let mut out = String::new();
    if !this.is_empty() {
        out = format!(
            "{}{}",
            lang.pick(
                "注意：本次导入的K线中 ",
                "note: in the bars of this import, "
            ),
            summary(this, lang)
        );
        out.push_str(lang.pick("；例如：", "; for example:"));
        for a in this.iter().take(EXAMPLES) {
            out.push_str("\n  ");
            out.push_str(&line(a, lang));
        }
        out.push('\n');
    }
    if let Some(n) = others {
        out.push_str(&match lang {
            Lang::Zh => format!("仓库中共有 {n} 根与涨跌停规则矛盾的K线；"),
            Lang::En => format!("the store holds {n} bars that break their day's limits; "),
        });
    }
    out.push_str(lang.pick(
        "hypecheck check 列出全部；这些日子的涨停、炸板判断不可靠（ST状态、上市日期或昨收可能与实际不符）",
        "hypecheck check lists them all; 涨停 and 炸板 on those days are unreliable (the ST status, \
         listing date or previous close assumed may be wrong)",
    ));
    Some(out)
}

/// The dossier's note when its bar is impossible, wrapped to `width` columns.
pub fn dossier_note(a: &Anomaly, width: Option<u16>, lang: Lang) -> String {
    let note = format!(
        "{}{}",
        lang.pick(
            "⚠ 数据与涨跌停规则矛盾，涨停/炸板判断不可靠：",
            "⚠ the bar breaks its limits; 涨停 and 炸板 are unreliable: ",
        ),
        line(a, lang)
    );
    super::table::wrap(&note, width, 2) + "\n"
}
