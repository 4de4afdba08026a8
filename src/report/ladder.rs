//! The 连板天梯 (`ladder`): the terminal table and the JSON.

use std::io::{self, Write};

use super::columns::{self, Batch, Column, TableWriter};
use super::table::{color_wanted, fit, marked, new_table, num, pct, wrap, wrap_lines};
use crate::assess::Ladder;
use crate::model::Lang;
use crate::report::Format;

/// The ladder as JSON, as `ladder --format json` writes it.
pub fn json(out: &mut dyn Write, l: &Ladder) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, l)?;
    out.write_all(b"\n")
}

/// The columns of the ladder's CSV and Parquet, one row per rung: the day, the stock
/// (`name_current`: the name is the latest known, not the day's), its board id, streak,
/// N天M板 (`up_days`, `up_boards`), 一字板, the day's limit in percent, close in yuan, the
/// day's change and turnover as fractions, and the amount traded in yuan.
pub const COLUMNS: &[Column] = &[
    Column::date("date"),
    Column::text("code"),
    Column::text("name").nullable(),
    Column::bool("name_current"),
    Column::text("board"),
    Column::i64("streak"),
    Column::i64("up_days"),
    Column::i64("up_boards"),
    Column::bool("one_price"),
    Column::i64("limit_pct"),
    Column::f64("close").decimals(2),
    Column::f64("change").nullable(),
    Column::f64("turnover").nullable(),
    Column::f64("amount").nullable().decimals(2),
];

/// The ladder's rows over [`COLUMNS`].
pub fn rows(l: &Ladder) -> Batch {
    let mut b = Batch::new(COLUMNS);
    for e in &l.stocks {
        b.push(l.date)
            .push(&e.code)
            .push(e.name.as_deref())
            .push(e.name_current)
            .push(e.board.id())
            .push(e.streak)
            .push(e.up_stat.days)
            .push(e.up_stat.boards)
            .push(e.one_price)
            .push(e.limit_pct)
            .push(e.close)
            .push(e.change)
            .push(e.turnover)
            .push(e.amount);
        b.end_row();
    }
    b
}

/// The ladder as CSV or Parquet ([`COLUMNS`]) into `out`.
pub fn write_rows(
    out: impl Write + Send,
    format: Format,
    l: &Ladder,
) -> Result<(), columns::Error> {
    let mut w = TableWriter::new(out, format, COLUMNS)?;
    w.write(&rows(l))?;
    w.finish()?;
    Ok(())
}

/// The ladder as a terminal table under a line of the day's counts, laid out within
/// `width` columns (`None`: no limit).
pub fn table(w: &mut dyn Write, l: &Ladder, width: Option<u16>, lang: Lang) -> io::Result<()> {
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
            &l.st_unknown_stocks,
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
        return w.write_all(out.as_bytes());
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
            num(super::reason::fact(
                e.amount,
                |a| super::reason::amount(a, lang),
                lang,
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
    w.write_all(out.as_bytes())
}
