//! `hypecheck ladder [--date DATE] [--json]`: 连板天梯, every stock that closed limit-up on
//! one day, highest streak first, from the bars in the store.

use std::process::ExitCode;

use anyhow::Context;
use chrono::Days;
use hypecheck::assess::{ladder_entry, sort_ladder, LadderEntry, LadderSummary};
use hypecheck::market::StockInfo;
use hypecheck::model::{Date, Lang};
use hypecheck::report::table::{self, marked, num, pct};
use hypecheck::store::Store;
use serde::Serialize;

use super::{parse_date, Global};

/// Arguments of `hypecheck ladder`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The trading day (YYYY-MM-DD or YYYYMMDD); default the latest day in the store
    #[arg(long, value_parser = parse_date)]
    date: Option<Date>,
    /// JSON instead of a table
    #[arg(long)]
    json: bool,
}

/// Calendar days of history loaded per stock; a streak reaching further back makes that
/// stock's whole history load.
const WINDOW_DAYS: u64 = 90;

/// The day's ladder and counts.
#[derive(Serialize)]
pub(super) struct Ladder {
    date: Date,
    summary: LadderSummary,
    stocks: Vec<LadderEntry>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_store(global)?;
    let date = match args.date {
        Some(d) => d,
        None => store.latest_date()?.with_context(|| {
            lang.pick(
                "仓库里还没有K线：先运行 hypecheck import bars FILE",
                "the store has no bars yet: run hypecheck import bars FILE first",
            )
        })?,
    };
    let ladder = compute(&store, date)?;
    if args.json {
        super::emit(&(serde_json::to_string_pretty(&ladder)? + "\n"))?;
    } else {
        super::emit(&render(&ladder, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn compute(store: &Store, date: Date) -> anyhow::Result<Ladder> {
    let from = date
        .checked_sub_days(Days::new(WINDOW_DAYS))
        .unwrap_or(Date::MIN);
    let mut summary = LadderSummary::default();
    let mut stocks = Vec::new();
    for item in store.bars_between(from..=date)? {
        let (symbol, mut bars) = item?;
        let Some(info) = StockInfo::new(symbol) else {
            continue;
        };
        let (mut signal, mut entry) = ladder_entry(&info, None, &bars, date);
        // The streak may start before the window: load the whole history then.
        if entry
            .as_ref()
            .is_some_and(|e| e.streak as usize + 1 >= bars.len())
        {
            bars = store.bars(symbol, ..=date)?;
            (signal, entry) = ladder_entry(&info, None, &bars, date);
        }
        if let Some(s) = signal {
            summary.count(&s);
        }
        if let Some(mut e) = entry {
            e.name = store.security(symbol)?.and_then(|s| s.name);
            stocks.push(e);
        }
    }
    sort_ladder(&mut stocks);
    Ok(Ladder {
        date,
        summary,
        stocks,
    })
}

pub(super) fn render(l: &Ladder, lang: Lang) -> String {
    let color = table::color_wanted();
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
    let mut t = table::new_table(&header);
    for e in &l.stocks {
        let stat = match lang {
            Lang::Zh => format!("{}天{}板", e.up_stat.days, e.up_stat.boards),
            Lang::En => format!("{} in {} days", e.up_stat.boards, e.up_stat.days),
        };
        t.add_row(vec![
            marked(e.streak, true, color),
            comfy_table::Cell::new(&e.code),
            comfy_table::Cell::new(e.name.as_deref().unwrap_or("-")),
            comfy_table::Cell::new(super::board_name(e.board, lang)),
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
