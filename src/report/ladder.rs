//! The 连板天梯 (`ladder`): the terminal table and the JSON.

use super::table::{color_wanted, fit, marked, new_table, num, pct, wrap, wrap_lines};
use crate::assess::Ladder;
use crate::model::Lang;

/// The ladder as JSON, as `ladder --json` writes it.
pub fn json(l: &Ladder) -> String {
    serde_json::to_string_pretty(l).unwrap_or_default() + "\n"
}

/// The ladder as a terminal table under a line of the day's counts, laid out within
/// `width` columns (`None`: no limit).
pub fn table(l: &Ladder, width: Option<u16>, lang: Lang) -> String {
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
    if let Some(f) = &l.filter {
        let boards: Vec<&str> = f.boards.iter().map(|b| b.name(lang)).collect();
        let note = crate::messages::ladder_filtered(
            lang,
            f.theme.as_deref(),
            &boards,
            l.stocks.len(),
            f.before,
        );
        out = format!("{note}\n{out}");
    }
    if s.st_unknown > 0 {
        out.push_str(&crate::messages::st_unknown_note(
            lang,
            Some(s.st_unknown as usize),
        ));
        out.push('\n');
    }
    if l.stocks.is_empty() {
        let mut out = wrap_lines(&out, width);
        out.push_str(if s.limit_up > 0 {
            // Filtered away (`ladder --theme/--board`): the day did have limit-up closes.
            lang.pick(
                "没有符合条件的涨停股。\n",
                "No limit-up stock matches the filter.\n",
            )
        } else {
            lang.pick("当日没有涨停股。\n", "No stock closed limit-up that day.\n")
        });
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
            "成交额",
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
            "amount",
            "boards",
            "one-price",
        ],
    };
    let current = l.stocks.iter().filter(|e| e.name_current).count();
    let all_current = current == l.stocks.len();
    if current > 0 {
        out.push_str(&crate::messages::names_current_note(lang, all_current));
        out.push('\n');
    }
    // The lines above the table fit the width as the table does.
    let mut out = wrap_lines(&out, width);
    let mut t = new_table(&header);
    for e in &l.stocks {
        let stat = match lang {
            Lang::Zh => format!("{}天{}板", e.up_stat.days, e.up_stat.boards),
            Lang::En => format!(
                "{} in {} day{}",
                e.up_stat.boards,
                e.up_stat.days,
                if e.up_stat.days == 1 { "" } else { "s" }
            ),
        };
        t.add_row(vec![
            marked(e.streak, true, color),
            comfy_table::Cell::new(&e.code),
            comfy_table::Cell::new(match &e.name {
                // When every name is current the note above the table says so once.
                Some(n) if e.name_current && !all_current => format!("{n}*"),
                Some(n) => n.clone(),
                None => "-".into(),
            }),
            comfy_table::Cell::new(e.board.name(lang)),
            num(format!("{:.2}", e.close)),
            pct(e.change, color),
            num(e.amount.map_or_else(
                || super::reason::unknown(lang).to_string(),
                |a| super::reason::amount(a, lang),
            )),
            comfy_table::Cell::new(stat),
            comfy_table::Cell::new(if e.one_price {
                lang.pick("是", "yes")
            } else {
                lang.pick("否", "no")
            })
            .set_alignment(comfy_table::CellAlignment::Center),
        ]);
    }
    // Streak, code, name and the prices are never cut.
    let hidden = fit(&mut t, width, &[0, 1, 2, 4, 5], &[8, 6, 3]);
    out.push_str(&t.to_string());
    out.push('\n');
    if !hidden.is_empty() {
        out.push_str(&wrap(
            &crate::messages::columns_hidden(lang, &hidden),
            width,
            2,
        ));
        out.push('\n');
    }
    out
}
