//! `hypecheck stock CODE [--asof DATE] [--json]`: the market part of a stock's dossier:
//! limit prices, streak, returns, excess returns and abnormal-fluctuation estimates, and
//! the latest revenue mix (主营构成) when segments were imported.

use std::process::ExitCode;

use anyhow::{bail, Context};
use hypecheck::assess::{market_dossier, MarketDossier};
use hypecheck::exposure::{latest_mix, PeriodMix, SegmentKind};
use hypecheck::market::{fluctuation::benchmark_candidates, StockInfo};
use hypecheck::model::{Date, IndexBar, Lang, Symbol};
use hypecheck::report::table::{self, marked, num, pct};
use hypecheck::store::Store;

use super::{parse_date, Global};

/// Arguments of `hypecheck stock`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The stock: a code (002881, 002881.SZ, sz002881) or its name (美格智能)
    code: String,
    /// The date of the dossier (YYYY-MM-DD or YYYYMMDD); default the stock's latest bar
    #[arg(long, value_parser = parse_date)]
    asof: Option<Date>,
    /// The look-back window in trading days for the longest streak and abnormal fluctuation
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// The benchmark index for excess returns and deviations (default: the first of the
    /// board's candidates that the store has, e.g. 000001.SH for the SSE main board)
    #[arg(long)]
    benchmark: Option<String>,
    /// JSON instead of a table
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_store(global)?;
    let (symbol, name) = resolve(&store, &args.code, lang)?;
    let Some(info) = StockInfo::new(symbol) else {
        bail!(
            "{symbol}: {}",
            lang.pick(
                "不是A股股票代码（指数、基金、B股不适用）",
                "not an A-share stock code"
            )
        );
    };
    let dossier = dossier(
        &store,
        &info,
        name,
        args.asof,
        args.window,
        args.benchmark.as_deref(),
        lang,
    )?;
    let mix = latest_mix(&store.segments(symbol)?);
    if args.json {
        let mut doc = serde_json::to_value(&dossier)?;
        if let (Some(m), Some(obj)) = (&mix, doc.as_object_mut()) {
            obj.insert("revenue_mix".into(), mix_json(m));
        }
        super::emit(&(serde_json::to_string_pretty(&doc)? + "\n"))?;
    } else {
        let mut out = render(&dossier, lang);
        if let Some(m) = &mix {
            out.push_str(&render_mix(m, lang));
        }
        super::emit(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How many segments the revenue section lists; the rest are summed on one line.
const SHOWN_SEGMENTS: usize = 5;

/// `revenue_mix` in `stock --json`: `{period, basis, segments: [{segment, share}]}`,
/// shares as fractions.
fn mix_json(m: &PeriodMix) -> serde_json::Value {
    let segments: Vec<serde_json::Value> = m
        .segments
        .iter()
        .map(|s| serde_json::json!({"segment": s.segment, "share": s.share}))
        .collect();
    serde_json::json!({"period": m.period, "basis": m.basis.as_str(), "segments": segments})
}

/// The revenue section (主营构成) of the dossier: the latest period's largest segments.
fn render_mix(m: &PeriodMix, lang: Lang) -> String {
    let basis = match (m.basis, lang) {
        (SegmentKind::Product, Lang::Zh) => "按产品",
        (SegmentKind::Industry, Lang::Zh) => "按行业",
        (_, Lang::Zh) => "未分类",
        (SegmentKind::Product, Lang::En) => "by product",
        (SegmentKind::Industry, Lang::En) => "by industry",
        (_, Lang::En) => "unclassified",
    };
    let mut out = match lang {
        Lang::Zh => format!("主营构成（{}，{basis}）：\n", m.period),
        Lang::En => format!("Revenue mix ({}, {basis}):\n", m.period),
    };
    let mut t = table::new_table(&[lang.pick("分项", "segment"), lang.pick("收入占比", "share")]);
    for s in m.segments.iter().take(SHOWN_SEGMENTS) {
        t.add_row(vec![
            comfy_table::Cell::new(&s.segment),
            num(format!("{:.2}%", s.share * 100.0)),
        ]);
    }
    let rest = &m.segments[m.segments.len().min(SHOWN_SEGMENTS)..];
    if !rest.is_empty() {
        let share: f64 = rest.iter().map(|s| s.share).sum();
        let label = match lang {
            Lang::Zh => format!("另 {} 项", rest.len()),
            Lang::En => format!("{} more", rest.len()),
        };
        t.add_row(vec![
            comfy_table::Cell::new(label),
            num(format!("{:.2}%", share * 100.0)),
        ]);
    }
    out.push_str(&format!("{t}\n"));
    out
}

/// The market dossier of a stock from the store as of `asof` (default its latest bar).
pub(super) fn dossier(
    store: &Store,
    info: &StockInfo,
    name: Option<String>,
    asof: Option<Date>,
    window: usize,
    benchmark_code: Option<&str>,
    lang: Lang,
) -> anyhow::Result<MarketDossier> {
    let symbol = info.symbol;
    let bars = match asof {
        Some(d) => store.bars(symbol, ..=d)?,
        None => store.bars(symbol, ..)?,
    };
    let Some(last) = bars.last() else {
        bail!(
            "{symbol}: {}",
            match asof {
                None => lang
                    .pick(
                        "仓库里没有这只股票的K线；先用 hypecheck import bars 导入",
                        "the store has no bars of this stock; import them with hypecheck import bars",
                    )
                    .to_string(),
                Some(d) => match lang {
                    Lang::Zh => format!("{d} 及以前没有K线"),
                    Lang::En => format!("no bars on or before {d}"),
                },
            }
        );
    };
    let asof = asof.unwrap_or(last.date);
    let (bench_symbol, index) = benchmark(store, info, benchmark_code, asof)?;
    let calendar = store.trading_dates(..=asof)?;
    let benchmark = bench_symbol.map(|s| (s, index.as_slice()));
    market_dossier(info, name, &bars, asof, window, benchmark, Some(&calendar))
        .context("no bar on or before the date")
}

/// A code, or a name looked up in the store.
pub(super) fn resolve(
    store: &Store,
    input: &str,
    lang: Lang,
) -> anyhow::Result<(Symbol, Option<String>)> {
    if let Ok(symbol) = Symbol::parse_stock(input) {
        let name = store.security(symbol)?.and_then(|s| s.name);
        return Ok((symbol, name));
    }
    let found = store.securities_by_name(input.trim())?;
    match found.as_slice() {
        [one] => Ok((one.symbol, one.name.clone())),
        [] => bail!(
            "'{input}': {}",
            lang.pick(
                "既不是股票代码，也不是仓库里的股票名称（代码写作 002881 或 002881.SZ）",
                "neither a stock code nor a stock name in the store (write codes as 002881 or 002881.SZ)",
            )
        ),
        many => {
            let list: Vec<String> = many
                .iter()
                .take(10)
                .map(|s| format!("{} {}", s.symbol, s.name.as_deref().unwrap_or("")))
                .collect();
            bail!(
                "'{input}': {}: {}",
                lang.pick("匹配到多只股票，请写代码", "matches several stocks; give the code"),
                list.join(", ")
            )
        }
    }
}

/// The benchmark index and its bars up to `asof`: the one given, or the first candidate
/// of the board that the store has.
fn benchmark(
    store: &Store,
    info: &StockInfo,
    given: Option<&str>,
    asof: Date,
) -> anyhow::Result<(Option<Symbol>, Vec<IndexBar>)> {
    if let Some(code) = given {
        let symbol = Symbol::parse_index(code).context("--benchmark")?;
        let bars = store.index_bars(symbol, ..=asof)?;
        if bars.is_empty() {
            bail!("--benchmark {symbol}: no index bars in the store; import them with hypecheck import index");
        }
        return Ok((Some(symbol), bars));
    }
    for code in benchmark_candidates(info.board) {
        let symbol = Symbol::parse_index(code)?;
        let bars = store.index_bars(symbol, ..=asof)?;
        if !bars.is_empty() {
            return Ok((Some(symbol), bars));
        }
    }
    Ok((None, Vec::new()))
}

pub(super) fn render(d: &MarketDossier, lang: Lang) -> String {
    let color = table::color_wanted();
    let yes_no = |b: bool| {
        if b {
            lang.pick("是", "yes")
        } else {
            lang.pick("否", "no")
        }
    };
    let price = |p: Option<f64>| p.map_or("-".to_string(), |p| format!("{p:.2}"));
    let mut head = format!(
        "{} {}  {}{}  {}",
        d.code,
        d.name.as_deref().unwrap_or(""),
        super::board_name(d.board, lang),
        if d.st { "  ST" } else { "" },
        d.bar_date
    );
    if d.bar_date != d.asof {
        head.push_str(&match lang {
            Lang::Zh => format!("（{} 未交易，取此前最后一个交易日）", d.asof),
            Lang::En => format!(" ({} not traded; the last bar before it)", d.asof),
        });
    }
    let mut t = table::new_table(&[lang.pick("项目", "item"), lang.pick("数值", "value")]);
    let limit = d.limit_pct.map_or(
        lang.pick("无涨跌幅限制", "no limit").to_string(),
        |p| format!("±{p}%"),
    );
    let stat = match lang {
        Lang::Zh => format!("{}天{}板", d.up_stat.days, d.up_stat.boards),
        Lang::En => format!("{} boards in {} days", d.up_stat.boards, d.up_stat.days),
    };
    let rows: Vec<(&str, comfy_table::Cell)> = vec![
        (lang.pick("收盘", "close"), num(format!("{:.2}", d.close))),
        (lang.pick("涨跌幅", "change"), pct(d.returns.d1, color)),
        (lang.pick("涨跌幅限制", "daily limit"), num(limit)),
        (
            lang.pick("涨停价", "limit-up price"),
            num(price(d.limit_up_price)),
        ),
        (
            lang.pick("跌停价", "limit-down price"),
            num(price(d.limit_down_price)),
        ),
        (
            lang.pick("涨停", "limit-up close"),
            marked(yes_no(d.limit_up), true, color && d.limit_up),
        ),
        (
            lang.pick("跌停", "limit-down close"),
            marked(yes_no(d.limit_down), false, color && d.limit_down),
        ),
        (lang.pick("炸板", "failed seal"), num(yes_no(d.blown))),
        (
            lang.pick("一字板", "one-price board"),
            num(yes_no(d.one_price)),
        ),
        (lang.pick("连板", "streak"), num(d.streak)),
        (lang.pick("涨停统计", "boards"), num(stat)),
        (
            lang.pick("窗口内最高连板", "max streak in window"),
            num(d.max_streak),
        ),
        (lang.pick("开盘跳空", "gap"), pct(d.gap, color)),
        (
            lang.pick("5日涨幅", "5-day return"),
            pct(d.returns.d5, color),
        ),
        (
            lang.pick("10日涨幅", "10-day return"),
            pct(d.returns.d10, color),
        ),
        (
            lang.pick("30日涨幅", "30-day return"),
            pct(d.returns.d30, color),
        ),
        (
            lang.pick("5日超额", "5-day excess"),
            pct(d.excess.d5, color),
        ),
        (
            lang.pick("30日超额", "30-day excess"),
            pct(d.excess.d30, color),
        ),
    ];
    for (k, v) in rows {
        t.add_row(vec![comfy_table::Cell::new(k), v]);
    }
    let mut out = format!("{head}\n{t}\n");
    out.push_str(&abnormal_lines(d, lang));
    out
}

fn abnormal_lines(d: &MarketDossier, lang: Lang) -> String {
    let a = &d.abnormal;
    let bench = a.benchmark.clone().unwrap_or_else(|| {
        lang.pick(
            "无基准指数（按个股自身涨跌计）",
            "no benchmark (the stock's own moves)",
        )
        .into()
    });
    let mut out = match lang {
        Lang::Zh => format!("异常波动（估算，基准 {bench}，近 {} 个交易日）：", a.window),
        Lang::En => format!(
            "Abnormal fluctuation (estimate, benchmark {bench}, last {} trading days): ",
            a.window
        ),
    };
    if !a.triggered {
        out.push_str(lang.pick("未触发\n", "none\n"));
        return out;
    }
    out.push('\n');
    for (method, events) in [
        (
            lang.pick("逐日偏离值累加", "sum of daily deviations"),
            &a.sum,
        ),
        (lang.pick("区间涨幅之差", "interval returns"), &a.compound),
    ] {
        for e in events {
            let dir = match (e.direction, lang) {
                (hypecheck::market::Direction::Up, Lang::Zh) => "涨幅",
                (hypecheck::market::Direction::Down, Lang::Zh) => "跌幅",
                (hypecheck::market::Direction::Up, Lang::En) => "up",
                (hypecheck::market::Direction::Down, Lang::En) => "down",
            };
            out.push_str(&match lang {
                Lang::Zh => {
                    format!(
                    "  {}：{} 至 {} 连续 {} 个交易日收盘价格{}偏离值累计 {:.2}%（阈值 {:.0}%）\n",
                    method, e.start, e.date, e.days, dir, e.deviation * 100.0, e.threshold * 100.0
                )
                }
                Lang::En => format!(
                    "  {}: {} to {}, {} trading days, {} deviation {:.2}% (threshold {:.0}%)\n",
                    method,
                    e.start,
                    e.date,
                    e.days,
                    dir,
                    e.deviation * 100.0,
                    e.threshold * 100.0
                ),
            });
        }
    }
    out
}
