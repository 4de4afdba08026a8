//! What hypecheck tells its user, in Chinese and English, in one place: errors, notes and
//! hints of the library and the commands. Renderers (`report`) keep their own headings and
//! labels; sentences that explain or advise live here. Each function takes plain values and
//! returns the sentence in the user's language; nothing here prints.

use std::fmt::Display;

use crate::model::{Date, Lang, Symbol};

/// `zh` or `en`, formatted only for the language asked.
fn say(lang: Lang, zh: impl FnOnce() -> String, en: impl FnOnce() -> String) -> String {
    match lang {
        Lang::Zh => zh(),
        Lang::En => en(),
    }
}

/// The store has no bars of a stock (on or before `asof`, when given). An old Beijing
/// code (43/83/87/88xxxx) gets a hint at its 920xxx code and at `import codes`.
pub fn no_bars(lang: Lang, symbol: Symbol, asof: Option<Date>) -> String {
    let mut out = match asof {
        None => format!(
            "{symbol}: {}",
            lang.pick(
                "仓库里没有这只股票的K线；先用 hypecheck import bars 导入",
                "the store has no bars of this stock; import them with hypecheck import bars",
            )
        ),
        Some(d) => say(
            lang,
            || format!("{symbol}: {d} 及以前没有K线"),
            || format!("{symbol}: no bars on or before {d}"),
        ),
    };
    if let Some(new) = bse_new_code(symbol) {
        out += &say(
            lang,
            || {
                format!(
                    "\n提示：{symbol} 是北交所旧代码，2025-10-09 起改为 {new}（后三位不变）：\
                     试试 hypecheck stock {new}；导入代码变更表（hypecheck import codes FILE，\
                     列 old_code,new_code）后，旧代码的K线并入新代码，旧代码也能查到"
                )
            },
            || {
                format!(
                    "\nhint: {symbol} is an old Beijing code, {new} since 2025-10-09 (the last \
                     three digits kept): try hypecheck stock {new}; after importing the code \
                     changes (hypecheck import codes FILE, columns old_code,new_code) the old \
                     code's bars join the new code's and the old code finds them"
                )
            },
        );
    }
    out
}

/// The 920xxx code of an old Beijing code (43/83/87/88xxxx): the BSE kept the last three
/// digits when it moved every stock listed before 2024-04-22 to 920 on 2025-10-09.
pub fn bse_new_code(symbol: Symbol) -> Option<String> {
    let code = symbol.code();
    let old = ["43", "83", "87", "88"].iter().any(|p| code.starts_with(p));
    (symbol.exchange == crate::model::Exchange::Bj && old).then(|| format!("920{}.BJ", &code[3..]))
}

/// A read command was given a store file that does not exist; it is not created.
pub fn no_store(lang: Lang, path: &str) -> String {
    say(
        lang,
        || {
            format!(
                "存储 {path} 不存在（查询命令不会新建存储）：先导入数据，例如 hypecheck --db {path} import bars FILE"
            )
        },
        || {
            format!(
                "the store {path} does not exist (a read command does not create one): import data \
                 first, e.g. hypecheck --db {path} import bars FILE"
            )
        },
    )
}

/// The store has no stock bars at all.
pub fn empty_store(lang: Lang) -> String {
    lang.pick(
        "仓库里还没有K线：先运行 hypecheck import bars FILE",
        "the store has no bars yet: run hypecheck import bars FILE first",
    )
    .to_string()
}

/// What a scan as of `asked` says when it is computed as of another trading day: `asked`
/// is not a trading day of the store ("2025-02-01 非交易日，按 2025-01-27 收盘计算"), or is
/// after its last bar. `None` when `asked` is the trading day used (or none is known).
pub fn asof_moved(
    lang: Lang,
    asked: Date,
    used: Option<Date>,
    last: Option<Date>,
) -> Option<String> {
    let used = used.filter(|u| *u != asked)?;
    let after_last = last.is_some_and(|l| asked > l);
    Some(say(
        lang,
        || match after_last {
            true => format!("{asked} 晚于仓库最后一个交易日，按 {used} 收盘计算"),
            false => format!("{asked} 非交易日，按 {used} 收盘计算"),
        },
        || match after_last {
            true => format!(
                "{asked} is after the store's last trading day: computed as of the close of {used}"
            ),
            false => format!("{asked} is not a trading day: computed as of the close of {used}"),
        },
    ))
}

/// A date on which no stock in the store traded, between two that did (either may be
/// missing at the ends of the data).
pub fn not_trading_day(
    lang: Lang,
    date: Date,
    before: Option<Date>,
    after: Option<Date>,
) -> String {
    let show = |d: Option<Date>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    say(
        lang,
        || {
            format!(
                "{date} 是非交易日（仓库里的K线这天没有交易）：前一个交易日 {}，后一个交易日 {}",
                show(before),
                show(after)
            )
        },
        || {
            format!(
                "{date} is not a trading day (no stock in the store traded that day): the trading \
                 day before is {}, the one after {}",
                show(before),
                show(after)
            )
        },
    )
}

/// A panel or study range with no trading day of the store in it.
pub fn no_trading_days(lang: Lang, from: Date, to: Date, data: Option<(Date, Date)>) -> String {
    let span = |zh: bool| match data {
        Some((a, b)) if zh => format!("仓库里的K线从 {a} 到 {b}"),
        Some((a, b)) => format!("the store's bars run from {a} to {b}"),
        None if zh => "仓库里还没有K线：先 hypecheck import bars".to_string(),
        None => "the store has no bars yet: run hypecheck import bars first".to_string(),
    };
    say(
        lang,
        || {
            format!(
                "{from} 至 {to} 之间没有交易日：{}；请换一个 --from/--to",
                span(true)
            )
        },
        || {
            format!(
                "no trading day between {from} and {to}: {}; choose another --from/--to",
                span(false)
            )
        },
    )
}

/// What `panel` wrote.
pub fn panel_written(lang: Lang, path: &str, rows: u64, stocks: usize, days: usize) -> String {
    say(
        lang,
        || format!("已写入 {path}：{rows} 行（{stocks} 只股票 × 最多 {days} 个交易日）"),
        || format!("wrote {path}: {rows} rows ({stocks} stocks × up to {days} trading days)"),
    )
}

/// `--from` after `--to`.
pub fn range_reversed(lang: Lang, from: Date, to: Date) -> String {
    say(
        lang,
        || format!("--from {from} 晚于 --to {to}：起始日期须不晚于结束日期"),
        || format!("--from {from} is after --to {to}: the range must start on or before its end"),
    )
}

/// A date after the last bar in the store.
pub fn after_last_bar(lang: Lang, date: Date, last: Date) -> String {
    say(
        lang,
        || {
            format!(
                "{date} 晚于仓库里最后一根K线（{last}）：没有这天的行情，最后一个交易日是 {last}"
            )
        },
        || {
            format!(
                "{date} is after the last bar in the store ({last}): no data for that day; the last \
                 trading day is {last}"
            )
        },
    )
}

/// A date before the first bar in the store.
pub fn before_first_bar(lang: Lang, date: Date, first: Date) -> String {
    say(
        lang,
        || format!("{date} 早于仓库里第一根K线（{first}）：没有这天的行情"),
        || format!("{date} is before the first bar in the store ({first}): no data for that day"),
    )
}

/// The benchmark index asked for has no bars in the store.
pub fn no_benchmark_bars(lang: Lang, symbol: Symbol) -> String {
    say(
        lang,
        || {
            format!(
                "--benchmark {symbol}: 仓库里没有这个指数的行情；先用 hypecheck import index 导入"
            )
        },
        || {
            format!(
                "--benchmark {symbol}: no index bars in the store; import them with hypecheck \
                 import index"
            )
        },
    )
}

/// What the user typed is neither a stock code nor a stock name in the store.
pub fn unknown_stock(lang: Lang, input: &str) -> String {
    let mut msg = format!(
        "'{input}': {}",
        lang.pick(
            "既不是股票代码，也不是仓库里的股票名称（代码写作 002881 或 002881.SZ）",
            "neither a stock code nor a stock name in the store (write codes as 002881 or 002881.SZ)",
        )
    );
    // A B share's name (万科Ｂ, 万科B) finds nothing: B-share rows are not imported.
    if input.trim_end().ends_with(['B', 'Ｂ']) {
        msg += lang.pick(
            "；B股（900xxx、200xxx）不导入，hypecheck 只计算A股",
            "; B shares (900xxx, 200xxx) are not imported: hypecheck computes A shares only",
        );
    }
    msg
}

/// A name matches several stocks (`matches`: "CODE NAME" each).
pub fn ambiguous_stock(lang: Lang, input: &str, matches: &[String]) -> String {
    format!(
        "'{input}': {}: {}",
        lang.pick(
            "匹配到多只股票，请写代码",
            "matches several stocks; give the code"
        ),
        matches.join(", ")
    )
}

/// The code, date and kind a text or PDF document's own header and footer gave (those the
/// flags did not), for the user to check; `None` when it gave none.
pub fn taken_from_text(lang: Lang, file: &str, head: &crate::model::FilingHead) -> Option<String> {
    use crate::model::{DateFrom, KindFrom};
    let mut parts = Vec::new();
    if let Some(code) = head.code {
        parts.push(say(
            lang,
            || format!("代码 {code}（证券代码行）"),
            || format!("code {code} (证券代码 line)"),
        ));
    }
    if let Some((date, from)) = head.date {
        parts.push(match from {
            DateFrom::Signature => say(
                lang,
                || format!("日期 {date}（落款）"),
                || format!("date {date} (under the signature)"),
            ),
            DateFrom::Title => say(
                lang,
                || format!("日期 {date}（标题）"),
                || format!("date {date} (title)"),
            ),
        });
    }
    if let Some((kind, from)) = head.kind {
        let why = match from {
            KindFrom::Number => lang.pick("公告编号", "公告编号"),
            KindFrom::Title => lang.pick("标题以“公告”结尾", "title ending 公告"),
            KindFrom::Pdf => lang.pick("PDF 默认", "a PDF's default"),
        };
        parts.push(say(
            lang,
            || format!("类型 {}（{why}）", kind.label_zh()),
            || format!("kind {} ({why})", kind.name()),
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(say(
        lang,
        || {
            format!(
                "{file}：取自正文：{}；如有不对，用 --code、--date、--kind 指定",
                parts.join("，")
            )
        },
        || {
            format!(
                "{file}: taken from the text: {}; if one is wrong, pass --code, --date or --kind",
                parts.join(", ")
            )
        },
    ))
}

/// Where `import --skip-bad` wrote the rows it set aside, with how many.
pub fn rejects_written(lang: Lang, count: u64, path: &str) -> String {
    say(
        lang,
        || format!("拒绝的 {count} 行及原因已写入 {path}"),
        || format!("the {count} rejected rows and why are in {path}"),
    )
}

/// A file with bad rows was refused whole; `shown` are the first bad rows.
pub fn bad_rows(lang: Lang, file: &str, count: usize, shown: &[impl Display]) -> String {
    let mut msg = say(
        lang,
        || format!("{file}：{count} 行有误，整个文件未导入（已回滚）"),
        || {
            format!(
                "{file}: {count} bad row{}; nothing from this file was stored",
                if count == 1 { "" } else { "s" }
            )
        },
    );
    for e in shown {
        msg += &format!("\n  {e}");
    }
    if count > shown.len() {
        let more = count - shown.len();
        msg += &say(
            lang,
            || format!("\n  ……另有 {more} 行有误"),
            || format!("\n  ... and {more} more"),
        );
    }
    msg += &say(
        lang,
        || {
            format!(
                "\n  修正这些行后重新导入；或用 --skip-bad 导入其余的行，有误的行连同行号和原因写入 \
                 {file}.rejects.jsonl"
            )
        },
        || {
            format!(
                "\n  fix these rows and import again, or pass --skip-bad to import the other rows \
                 and write the bad ones, with their lines and why, to {file}.rejects.jsonl"
            )
        },
    );
    msg
}

/// `classify --input` skipped documents it could not read (each told as it came).
pub fn bad_documents_skipped(lang: Lang, count: usize) -> String {
    say(
        lang,
        || {
            format!("{count} 个文档无法读取，已跳过（见上）；每个文档须有 code、date、kind 以及 text 或 question/answer，可用 --code、--date、--kind 补齐，修正后重试")
        },
        || {
            format!("{count} document(s) could not be read and were skipped (see above); each needs code, date, kind and text or question/answer (--code, --date and --kind fill them in): fix them and rerun")
        },
    )
}

/// `theme add` of a file whose id is a built-in theme's.
pub fn builtin_theme_id(lang: Lang, origin: &str, id: &str) -> String {
    say(
        lang,
        || format!("{origin}：编号 '{id}' 是内置题材的编号；请换一个编号"),
        || format!("{origin}: id '{id}' is a built-in theme's id; choose another id"),
    )
}

/// Some files of a run were refused.
pub fn files_refused(lang: Lang, refused: usize, files: usize) -> String {
    say(
        lang,
        || format!("{files} 个文件中有 {refused} 个被拒绝导入"),
        || format!("{refused} of {files} files refused"),
    )
}

/// `demo --db FILE` names a store that holds other data: the fictional sample is not mixed in.
pub fn demo_not_into(lang: Lang, path: &str) -> String {
    say(
        lang,
        || {
            format!(
                "{path} 已有其他数据，演示的虚构样本不会写入其中；给 --db 一个新文件名（或省略 --db，\
                 演示使用 --out 目录中的 demo.db）"
            )
        },
        || {
            format!(
                "{path} holds other data; the demo's fictional sample is not written into it: give \
                 --db a new file (or leave --db out: the demo uses demo.db in its --out folder)"
            )
        },
    )
}

/// A members file was given without the theme its stocks belong to.
pub fn members_need_theme(lang: Lang) -> String {
    lang.pick(
        "导入成分股需要题材：加上 --theme ID（如 --theme deepseek）",
        "importing members needs their theme: add --theme ID (e.g. --theme deepseek)",
    )
    .to_string()
}

/// A daily ST list names a single stock, so its absences would wrongly mean "not ST".
pub fn one_stock_daily_list(lang: Lang, file: &str) -> String {
    say(
        lang,
        || {
            format!(
                "{file}：每日 ST 名单只有一只股票；名单须包含当天全部 ST 股票（未列出即视为非 ST）。\
                 单只股票的 ST 区间请写成 code,start,end,kind"
            )
        },
        || {
            format!(
                "{file}: the daily ST list names a single stock; it must name every ST stock of \
                 each day (absence means not ST); write one stock's periods as code,start,end,kind"
            )
        },
    )
}

/// A daily ST list lacks trading days the store has (`shown`: the first of them).
pub fn st_missing_days(lang: Lang, file: &str, count: usize, shown: &str) -> String {
    say(
        lang,
        || {
            format!(
                "注意：{file} 缺少仓库中的 {count} 个交易日（{shown}）；这些日期所有股票都会被视为非 ST，请补全名单"
            )
        },
        || {
            format!(
                "note: {file} lacks {count} trading day{} the store has ({shown}); every stock \
                 reads as not ST on them, so complete the list",
                if count == 1 { "" } else { "s" }
            )
        },
    )
}

/// A bar file has no previous-close column.
pub fn no_prev_close(lang: Lang, file: &str) -> String {
    say(
        lang,
        || {
            format!(
                "注意：{file} 没有昨收（prev_close）列，前收盘取上一交易日收盘价，除权除息日的涨跌停可能被误判"
            )
        },
        || {
            format!(
                "note: {file} has no prev_close column; the previous close is taken from the \
                 previous bar, so ex-rights days may be misjudged"
            )
        },
    )
}

/// Another process is writing to the store; this one waits.
pub fn store_busy(lang: Lang, path: &str, secs: u64) -> String {
    say(
        lang,
        || {
            format!(
                "hypecheck: 存储 {path} 正被另一个进程写入（可能是另一个导入），等待其完成（最多 {secs} 秒，可用 --wait 调整）……"
            )
        },
        || {
            format!(
                "hypecheck: store {path} is busy: another process (an import?) is writing; \
                 waiting for it (up to {secs} s, see --wait)..."
            )
        },
    )
}

/// A search query has no word to search for.
pub fn nothing_to_search(lang: Lang, query: &str) -> String {
    say(
        lang,
        || format!("查询「{query}」中没有可检索的词（只有标点或空白）"),
        || format!("the query '{query}' has no word to search for (only punctuation or spaces)"),
    )
}

/// The store has no documents to search.
pub fn no_documents(lang: Lang) -> String {
    lang.pick(
        "库中还没有文档；先用 hypecheck import docs FILE 导入",
        "the store has no documents yet; import some with hypecheck import docs FILE",
    )
    .to_string()
}

/// No document matches a search.
pub fn no_match(lang: Lang, query: &str) -> String {
    say(
        lang,
        || format!("没有找到匹配「{query}」的文档"),
        || format!("no document matches '{query}'"),
    )
}

/// No document in the store mentions the theme.
pub fn no_mention(lang: Lang, theme: &str, docs: usize) -> String {
    say(
        lang,
        || format!("仓库里的 {docs} 篇文档中没有提及「{theme}」的句子"),
        || format!("none of the {docs} documents in the store mentions {theme}"),
    )
}

/// A stock belongs to no theme in the store (`head`: its code and name).
pub fn in_no_theme(lang: Lang, head: &str) -> String {
    say(
        lang,
        || {
            format!(
                "{head}：仓库里没有它所属的题材；用 hypecheck import members FILE --theme ID 或 \
                 hypecheck fetch members --board NAME --theme ID 导入题材成分股\n"
            )
        },
        || {
            format!(
                "{head}: the store lists it in no theme; import theme members with hypecheck \
                 import members FILE --theme ID or hypecheck fetch members --board NAME --theme ID\n"
            )
        },
    )
}

/// How many themes a stock belongs to.
pub fn in_themes(lang: Lang, head: &str, themes: usize) -> String {
    say(
        lang,
        || format!("{head}：属于 {themes} 个题材\n"),
        || format!("{head}: in {themes} themes\n"),
    )
}

/// What `signals` wrote.
pub fn signals_written(
    lang: Lang,
    out: &str,
    stocks: impl Display,
    rows: impl Display,
    suspended: impl Display,
    not_stocks: impl Display,
) -> String {
    say(
        lang,
        || {
            format!("已写入 {out}：{stocks} 只股票，{rows} 行（跳过停牌 {suspended} 行，非A股 {not_stocks} 行）")
        },
        || {
            format!(
                "wrote {out}: {stocks} stocks, {rows} rows ({suspended} suspended and \
                 {not_stocks} non-A-share rows skipped)"
            )
        },
    )
}

/// The store has no members of a theme to fetch for.
pub fn no_members(lang: Lang, theme: &str) -> String {
    say(
        lang,
        || {
            format!(
                "仓库里没有题材 {theme} 的成分股；先用 hypecheck fetch members --board 板块名 \
                 --theme {theme} 或 hypecheck import members FILE --theme {theme} 导入"
            )
        },
        || {
            format!(
                "the store has no members of theme {theme}; import them first with hypecheck \
                 fetch members --board NAME --theme {theme} or hypecheck import members FILE \
                 --theme {theme}"
            )
        },
    )
}

/// Beijing Stock Exchange stocks have no Q&A source (`codes`: joined with ", ").
pub fn bse_no_qa(lang: Lang, codes: &str) -> String {
    say(
        lang,
        || format!("注意：北交所股票没有互动问答来源，不获取其问答：{codes}"),
        || {
            format!(
                "note: AkShare has no Q&A source for Beijing Stock Exchange stocks; no Q&A for \
                 {codes}"
            )
        },
    )
}

/// A fetch left out what the store has through the end of its range (`named`: the first
/// of them, [`named`]).
pub fn fetch_current(lang: Lang, command: &str, through: Date, named: &str, n: usize) -> String {
    say(
        lang,
        || format!("{command}：{n} 只已有到 {through} 的数据，跳过：{named}"),
        || format!("{command}: {n} already stored through {through}, skipped: {named}"),
    )
}

/// Documents a fetch left out because their PDF gave no text.
pub fn pdf_without_text(lang: Lang, n: usize) -> String {
    say(
        lang,
        || format!("{n} 篇 PDF 提取不到文字"),
        || format!("{n} PDF without text"),
    )
}

/// Some fetches failed or some fetched files were refused (`listed`: " (a, b)" or "").
pub fn fetch_failed(lang: Lang, failed: usize, listed: &str, refused: usize) -> String {
    say(
        lang,
        || format!("获取失败 {failed} 项{listed}，导入被拒绝的文件 {refused} 个；其余已完成"),
        || {
            format!(
                "{failed} fetches failed{listed}, {refused} fetched files refused; the rest were \
                 done"
            )
        },
    )
}

/// The closing line of one stage of a theme fetch: how many requests were fetched, the
/// failures with why, and the command that retries only them.
pub fn fetch_stage(
    lang: Lang,
    stage: &str,
    fetched: usize,
    failed: &[String],
    retry: &str,
) -> String {
    if failed.is_empty() {
        return say(
            lang,
            || format!("{stage}：完成 {fetched} 项"),
            || format!("{stage}: {fetched} fetched"),
        );
    }
    let why = failed.join("; ");
    say(
        lang,
        || {
            format!(
                "{stage}：完成 {fetched} 项，失败 {} 项（{why}）；只重试失败项：{retry}",
                failed.len()
            )
        },
        || {
            format!(
                "{stage}: {fetched} fetched, {} failed ({why}); to retry only these: {retry}",
                failed.len()
            )
        },
    )
}

/// The Python interpreter for `fetch` is missing.
pub fn no_python(lang: Lang, python: &str) -> String {
    say(
        lang,
        || {
            format!(
                "找不到 Python 解释器 {python}。fetch 需要 Python 3.9 及以上版本和 AkShare：安装 Python 后运行 \
                 pip install akshare pandas，或用 --python PATH（环境变量 HYPECHECK_PYTHON）指定解释器"
            )
        },
        || {
            format!(
                "no Python interpreter {python}. fetch needs Python 3.9 or later with AkShare: \
                 install Python, then pip install akshare pandas, or name the interpreter with \
                 --python PATH (or HYPECHECK_PYTHON)"
            )
        },
    )
}

/// The Python interpreter cannot import AkShare.
pub fn no_akshare(lang: Lang, python: &str) -> String {
    say(
        lang,
        || {
            format!(
                "{python} 无法导入 akshare。请安装：{python} -m pip install akshare pandas（或 pip install akshare），\
                 或用 --python PATH 指定已安装 akshare 的解释器"
            )
        },
        || {
            format!(
                "{python} cannot import akshare. Install it with: {python} -m pip install akshare \
                 pandas (or pip install akshare), or name an interpreter that has it with \
                 --python PATH"
            )
        },
    )
}

/// The AkShare bridge refused its arguments (`problems`: what it said).
pub fn bridge_usage(lang: Lang, problems: &str) -> String {
    format!(
        "{}: {problems}",
        lang.pick(
            "AkShare 桥接程序拒绝了参数",
            "the AkShare bridge refused the arguments"
        )
    )
}

/// The AkShare bridge failed (`problems`: lines that were no event; `stderr`: its end).
pub fn bridge_failed(lang: Lang, status: &str, problems: &str, stderr: &str) -> String {
    format!(
        "{} ({status}):\n{problems}{stderr}",
        lang.pick("AkShare 桥接程序异常退出", "the AkShare bridge failed")
    )
}

/// Why a theme scan has no stock: what the store holds about the theme. `upto`/`after`:
/// documents about the theme on or before / after the as-of date; `first_after`: the
/// earliest of the later ones; `members`: the theme's members in the store.
pub fn scan_empty(
    lang: Lang,
    theme: &str,
    asof: Date,
    upto: usize,
    after: usize,
    first_after: Option<Date>,
    members: usize,
) -> String {
    match (lang, first_after) {
        (Lang::Zh, Some(first)) if upto == 0 => format!(
            "截至 {asof} 没有可扫描的股票：仓库里有 {after} 篇关于{theme}的文档，全部晚于截至日（最早 {first}），不计入；仓库里该题材的成分股 {members} 只。把 --asof 设为 {first} 或之后再试"
        ),
        (Lang::En, Some(first)) if upto == 0 => format!(
            "nothing to scan as of {asof}: the store has {after} documents about {theme}, all dated after the as-of date (earliest {first}), which do not count; the theme has {members} members in the store. Try --asof {first} or later"
        ),
        (Lang::Zh, _) if upto == 0 => format!(
            "截至 {asof} 没有可扫描的股票：仓库里没有提到{theme}的文档，也没有它的成分股；先用 hypecheck import docs 导入公告、问答和新闻，或用 hypecheck import members 导入成分股"
        ),
        (Lang::En, _) if upto == 0 => format!(
            "nothing to scan as of {asof}: no document in the store mentions {theme} and the theme has no members there; import announcements, Q&A and news with hypecheck import docs, or members with hypecheck import members"
        ),
        (Lang::Zh, _) => format!(
            "截至 {asof} 没有可扫描的股票：仓库里有 {upto} 篇提到{theme}的文档，但都不属于A股股票（指数、基金或没有行情的代码）"
        ),
        (Lang::En, _) => format!(
            "nothing to scan as of {asof}: the store has {upto} documents mentioning {theme}, but none is about an A-share stock (an index, a fund, or a code without bars)"
        ),
    }
}

/// Under a table too wide for the terminal: which columns were left out, and how to see them.
pub fn columns_hidden(lang: Lang, columns: &[String]) -> String {
    say(
        lang,
        || {
            format!(
                "（终端太窄，省略了列：{}；可用 --width 加宽）",
                columns.join("、")
            )
        },
        || {
            format!(
                "(terminal too narrow: left out {}; widen with --width)",
                columns.join(", ")
            )
        },
    )
}

/// Above a filtered 连板天梯: what it was narrowed to, and how many of the day's limit-up
/// stocks remain.
pub fn ladder_filtered(
    lang: Lang,
    theme: Option<&str>,
    boards: &[&str],
    shown: usize,
    all: usize,
) -> String {
    let mut parts = Vec::new();
    if let Some(t) = theme {
        parts.push(match lang {
            Lang::Zh => format!("题材 {t} 的成分股"),
            Lang::En => format!("members of theme {t}"),
        });
    }
    if !boards.is_empty() {
        parts.push(boards.join(lang.pick("、", ", ")));
    }
    say(
        lang,
        || {
            format!(
                "只看{}：当日 {all} 只涨停股中的 {shown} 只",
                parts.join("，")
            )
        },
        || {
            format!(
                "only {}: {shown} of the day's {all} limit-up stocks",
                parts.join("; ")
            )
        },
    )
}

/// A day on which a stock's ST status is unknown: its name carries an ST mark that
/// neither a dated ST list nor prices decide, so no limit is asserted (the short form for
/// tables and the dossier's limit row).
pub fn st_unknown(lang: Lang) -> &'static str {
    lang.pick("ST状态未知", "ST status unknown")
}

/// How many stocks a note names before it counts the rest.
pub const NAMED: usize = 5;

/// The first [`NAMED`] of `items`, then how many more.
pub fn named(lang: Lang, items: &[String]) -> String {
    let shown = items[..items.len().min(NAMED)].join(lang.pick("、", ", "));
    match items.len().saturating_sub(NAMED) {
        0 => shown,
        more => say(
            lang,
            || format!("{shown} 等，另有 {more} 只"),
            || format!("{shown} …and {more} more"),
        ),
    }
}

/// The note beside a dossier (`count` `None`) or a ladder (`count` stocks that traded
/// that day, the first of them `stocks`) when ST status is unknown: what that means and
/// what decides it.
pub fn st_unknown_note(lang: Lang, count: Option<usize>, stocks: &[String]) -> String {
    let list = if stocks.is_empty() {
        String::new()
    } else {
        say(
            lang,
            || format!("（{}）", named(lang, stocks)),
            || format!(" ({})", named(lang, stocks)),
        )
    };
    say(
        lang,
        || {
            let who = count.map_or(String::new(), |n| format!(" {n} 只股票"));
            format!(
                "ST状态未知{who}{list}：名称带ST，但既无带日期的ST名单，价格也未证实或否定，故未判涨跌停\
                 （此时价格也未触及任一可能的涨停价）；导入ST名单（hypecheck import st 或 fetch st）可判定"
            )
        },
        || {
            let who = count.map_or(String::new(), |n| {
                format!(" for {n} stock{}", if n == 1 { "" } else { "s" })
            });
            format!(
                "ST status unknown{who}{list}: the name carries an ST mark that neither a dated ST \
                 list nor prices decide, so no limit is asserted (nor did the price reach either \
                 possible up-limit); an ST list (hypecheck import st, or fetch st) decides it"
            )
        },
    )
}

/// `signals` wrote rows whose ST status is unknown (their `st` column and limits empty).
pub fn signals_st_unknown(lang: Lang, rows: impl Display, stocks: impl Display) -> String {
    say(
        lang,
        || {
            format!(
                "ST状态未知 {rows} 行（{stocks} 只股票）：名称带ST，但价格既未否定也未证实，未判涨跌停（st 列为空）"
            )
        },
        || {
            format!(
                "ST status unknown on {rows} rows ({stocks} stocks): the name carries an ST mark \
                 that prices neither refute nor confirm, so no limit is asserted (empty st column)"
            )
        },
    )
}

/// B-share rows that were read and not computed: hypecheck has no rules for them.
pub fn b_shares_skipped(lang: Lang, rows: impl Display) -> String {
    say(
        lang,
        || {
            format!(
                "B股 {rows} 行未计算：B股以外币报价（沪市900xxx美元、最小变动0.001美元，深市200xxx港元），\
                 本工具只按人民币分计算A股涨跌停"
            )
        },
        || {
            format!(
                "{rows} B-share rows not computed: B shares are quoted in foreign currency (SSE 900xxx \
                 in US dollars to 0.001, SZSE 200xxx in Hong Kong dollars); hypecheck computes \
                 A-share limits in fen of yuan only"
            )
        },
    )
}

/// A B-share code given to a command that judges A shares.
pub fn b_share_refused(lang: Lang, symbol: Symbol) -> String {
    say(
        lang,
        || {
            format!(
                "{symbol} 是B股：以外币报价（沪市美元、深市港元），本工具不计算B股的涨跌停与连板"
            )
        },
        || {
            format!(
                "{symbol} is a B share, quoted in foreign currency (US dollars on the SSE, Hong Kong \
                 dollars on the SZSE): hypecheck does not compute B-share limits or streaks"
            )
        },
    )
}

/// The note above a ladder whose names are (`all`) or include (marked `*`) the stocks'
/// latest known names rather than the names of the day.
pub fn names_current_note(lang: Lang, all: bool) -> String {
    let text = match (lang, all) {
        (Lang::Zh, true) => "名称为现名，非当日名称（import names 可导入更名历史）",
        (Lang::Zh, false) => "带 * 的名称为现名，非当日名称（import names 可导入更名历史）",
        (Lang::En, true) => "Names are current, not the day's (import names adds a name history)",
        (Lang::En, false) => {
            "Names marked * are current, not the day's (import names adds a name history)"
        }
    };
    text.to_string()
}

/// The mark beside a name that is the stock's current (latest known) name, not its name
/// on the date shown.
pub fn current_name(lang: Lang) -> &'static str {
    lang.pick("（现名）", " (current name)")
}

/// A binary format (Parquet) asked for on a terminal.
pub fn binary_to_terminal(lang: Lang, format: &str) -> String {
    say(
        lang,
        || {
            format!(
                "{format} 是二进制格式，不宜输出到终端；请用 --out 文件名，或用管道交给其他程序"
            )
        },
        || {
            format!(
                "{format} is a binary format and is not written to a terminal; give --out FILE \
                 or pipe the output to a program"
            )
        },
    )
}

/// `signals` measured stocks against benchmark indices: which, and how many had none.
pub fn signals_benchmarks(lang: Lang, used: &[(String, String)], without: u64) -> String {
    let list: Vec<String> = used
        .iter()
        .map(|(board, index)| match lang {
            Lang::Zh => format!("{board} {index}"),
            Lang::En => format!("{board}: {index}"),
        })
        .collect();
    let mut text = say(
        lang,
        || format!("超额收益与异常波动的基准指数：{}", list.join("，")),
        || {
            format!(
                "excess returns and abnormal fluctuation against: {}",
                list.join("; ")
            )
        },
    );
    if without > 0 {
        text.push_str(&say(
            lang,
            || format!("；{without} 只股票所在板块没有基准指数（超额列为空，异常波动按个股自身涨跌估算）"),
            || {
                format!(
                    "; {without} stocks have no index for their board (empty excess columns, \
                     abnormal fluctuation estimated from the stock's own moves)"
                )
            },
        ));
    }
    text
}

/// `signals` without benchmark indices: what the abnormal column then measures.
pub fn signals_no_benchmark(lang: Lang) -> String {
    say(
        lang,
        || {
            "注意：未给出基准指数（--index），abnormal 列按个股自身涨跌估算异常波动，牛市中会偏多；\
             给出 --index 还会增加 excess_d5、excess_d30 两列"
                .to_string()
        },
        || {
            "note: no benchmark index (--index): the abnormal column estimates abnormal \
             fluctuation from the stock's own moves, which overstates it in a rising market; \
             --index also adds the excess_d5 and excess_d30 columns"
                .to_string()
        },
    )
}

/// `signals --index FILE` names a file without a code column and no `--benchmark`.
pub fn index_without_code(lang: Lang, file: &str) -> String {
    say(
        lang,
        || {
            format!("{file}：指数文件没有代码列；请用 --benchmark 给出指数代码，如 --benchmark 000001.SH")
        },
        || {
            format!(
                "{file}: the index file has no code column; give its code with --benchmark, \
                 e.g. --benchmark 000001.SH"
            )
        },
    )
}

#[cfg(test)]
mod bse_tests {
    use super::*;

    #[test]
    fn an_old_beijing_code_points_at_its_920_code() {
        let old = Symbol::parse_stock("839493").unwrap();
        assert_eq!(bse_new_code(old).as_deref(), Some("920493.BJ"));
        assert!(no_bars(Lang::Zh, old, None).contains("hypecheck stock 920493.BJ"));
        assert!(no_bars(Lang::En, old, None).contains("import codes"));
        let new = Symbol::parse_stock("920493").unwrap();
        assert_eq!(bse_new_code(new), None);
        assert_eq!(bse_new_code(Symbol::parse_stock("600000").unwrap()), None);
    }

    #[test]
    fn a_long_list_names_a_few_and_counts_the_rest() {
        let items: Vec<String> = (1..=7).map(|i| format!("60000{i}.SH")).collect();
        assert_eq!(named(Lang::En, &items[..2]), "600001.SH, 600002.SH");
        let en = named(Lang::En, &items);
        assert!(en.ends_with("600005.SH …and 2 more"), "{en}");
        assert!(named(Lang::Zh, &items).ends_with("等，另有 2 只"));
        let note = st_unknown_note(Lang::Zh, Some(7), &items);
        assert!(
            note.starts_with("ST状态未知 7 只股票（600001.SH、"),
            "{note}"
        );
    }
}
