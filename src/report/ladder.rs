//! The 连板天梯 (`ladder`): the terminal table and the JSON.

use super::table::{color_wanted, marked, new_table, num, pct};
use crate::assess::Ladder;
use crate::model::Lang;

/// The ladder as JSON, as `ladder --json` writes it.
pub fn json(l: &Ladder) -> String {
    serde_json::to_string_pretty(l).unwrap_or_default() + "\n"
}

/// The ladder as a terminal table under a line of the day's counts.
pub fn table(l: &Ladder, lang: Lang) -> String {
    let color = color_wanted();
    let s = &l.summary;
    let mut out = match lang {
        Lang::Zh => format!(
            "{} 连板天梯：涨停 {} 家，跌停 {} 家，炸板 {} 家，最高 {} 连板（{} 只股票有K线）\n",
            l.date, s.limit_up, s.limit_down, s.blown, s.highest, s.traded
        ),
        Lang::En => format!(
            "{} limit-up ladder: {} limit-up, {} limit-down, {} failed seals, highest streak {} \
             ({} stocks traded)\n",
            l.date, s.limit_up, s.limit_down, s.blown, s.highest, s.traded
        ),
    };
    if s.st_unknown > 0 {
        out.push_str(&crate::messages::st_unknown_note(
            lang,
            Some(s.st_unknown as usize),
        ));
        out.push('\n');
    }
    if l.stocks.is_empty() {
        out.push_str(lang.pick("当日没有涨停股。\n", "No stock closed limit-up that day.\n"));
        return out;
    }
    let header = match lang {
        Lang::Zh => [
            "连板",
            "代码",
            "名称",
            "板块",
            "收盘",
            "涨幅",
            "涨停统计",
            "一字板",
        ],
        Lang::En => [
            "streak",
            "code",
            "name",
            "board",
            "close",
            "change",
            "boards",
            "one-price",
        ],
    };
    let mut t = new_table(&header);
    for e in &l.stocks {
        let stat = match lang {
            Lang::Zh => format!("{}天{}板", e.up_stat.days, e.up_stat.boards),
            Lang::En => format!("{} in {} days", e.up_stat.boards, e.up_stat.days),
        };
        t.add_row(vec![
            marked(e.streak, true, color),
            comfy_table::Cell::new(&e.code),
            comfy_table::Cell::new(match &e.name {
                Some(n) if e.name_current => format!("{n}{}", crate::messages::current_name(lang)),
                Some(n) => n.clone(),
                None => "-".into(),
            }),
            comfy_table::Cell::new(e.board.name(lang)),
            num(format!("{:.2}", e.close)),
            pct(e.change, color),
            comfy_table::Cell::new(stat),
            comfy_table::Cell::new(if e.one_price {
                lang.pick("是", "yes")
            } else {
                ""
            }),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out
}
