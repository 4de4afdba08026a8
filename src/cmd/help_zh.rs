//! `--help` in Chinese: when the language is Chinese (`--lang zh` on the command line, or a
//! Chinese `LC_ALL`/`LC_MESSAGES`/`LANG` without `--lang`), every command's and option's
//! help is replaced by its Chinese text from [`ABOUT`] and [`ARGS`] (the English texts are
//! the doc comments beside each argument). A test checks that nothing is left untranslated.

use std::ffi::OsString;

use clap::Command;
use hypecheck::model::Lang;

/// The language of `--help`: `--lang` when given, else the locale (Chinese when it starts
/// with `zh`), else English.
pub fn help_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value {
            return if v.trim().eq_ignore_ascii_case("zh") {
                Lang::Zh
            } else {
                Lang::En
            };
        }
    }
    // The first locale variable that is set decides, as for gettext.
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    }
}

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line with Chinese help texts (built, so that global options are in every
/// subcommand).
pub fn zh(cmd: Command) -> Command {
    let mut cmd = cmd;
    cmd.build();
    localize(cmd, "")
}

/// The key of a command in [`ABOUT`]: clap's `help` subcommand repeats the tree
/// (`help import bars` is about `import bars`), and `… help` is the help command itself.
fn about_key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').filter(|w| !w.is_empty()).collect();
    if words.last() == Some(&"help") {
        return "help".to_string();
    }
    words
        .into_iter()
        .filter(|w| *w != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

fn localize(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = lookup(ABOUT, &about_key(path)) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = arg_text(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let Some(text) = text else { return a };
            // The default and the environment variable, said in Chinese.
            let mut extra = Vec::new();
            if let Some(env) = a.get_env() {
                extra.push(format!("环境变量 {}", env.to_string_lossy()));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            // A switch's "false" says nothing.
            if !defaults.is_empty() && defaults != ["false"] && !a.is_hide_default_value_set() {
                extra.push(format!("默认 {}", defaults.join(",")));
            }
            let text = if extra.is_empty() {
                text.to_string()
            } else {
                format!("{text}［{}］", extra.join("；"))
            };
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help_heading(heading)
                .hide_possible_values(true)
                .help(text)
                .long_help(None)
                .hide_default_value(true)
                .hide_env(true)
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path));
    }
    cmd
}

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// An option's Chinese help: for this command, else for every command (`*`).
fn arg_text(path: &str, id: &str) -> Option<&'static str> {
    lookup(ARGS, &format!("{path} --{id}")).or_else(|| lookup(ARGS, &format!("* --{id}")))
}

/// Commands, by path (`""` is hypecheck itself; `help` is clap's own subcommand).
const ABOUT: &[(&str, &str)] = &[
    ("", "判断热点题材的概念股中，哪些与题材真有关联，哪些在蹭热点"),
    ("help", "显示本帮助，或某个子命令的帮助"),
    ("import", "把文件导入仓库（K线、指数、文档、主营构成、股本、题材成分股、上市日期、带日期的名称、代码变更、ST 名单）"),
    ("import bars", "个股日K线（AkShare、Tushare、baostock 或通用 CSV；可 gzip；UTF-8/GBK）"),
    ("import index", "基准指数的日K线"),
    ("import segments", "主营构成：AkShare stock_zygc_em 的 CSV，或通用 code,period,kind,segment,revenue,share"),
    ("import shares", "股本（用于换手率、流通市值、总市值）：通用 code,date,float_shares,total_shares（单位：股），Tushare daily_basic（float_share/total_share，单位：万股），或 AkShare stock_value_em、stock_zh_a_gbjg_em、stock_share_change_cninfo"),
    ("import members", "题材成分股：code[,name][,reason][,source][,date]，或 AkShare stock_board_concept_cons_em 导出（代码, 名称）"),
    ("import listings", "上市日期：code,listing_date（也认 list_date、上市日期）；优先于按首根K线推断的上市日"),
    ("import names", "带日期的名称（更名历史）：code,date,name，自该日起的名称（日期为空：首次更名前的名称）；也认 Tushare namechange 与深交所简称变更表（变更日期、证券代码、变更后简称）。连板天梯显示当日名称，带日期的 ST 前缀在没有 ST 名单时决定 ST 状态"),
    ("import codes", "代码变更：old_code,new_code[,date]（原代码、新代码、切换日期）；旧代码的K线并入新代码的历史（北交所 43x/83x/87x/88x 于 2025-10-09 改为 920xxx，文件没有日期时取该日）"),
    ("import st", "带日期的 ST 名单：Tushare stock_st（ts_code,name,trade_date,...）或 code,start,end,kind"),
    ("import docs", "文档：JSON Lines、CSV、AkShare 互动易/e互动 导出、.txt、.pdf（提取文字）"),
    ("stock", "单只股票的行情档案：涨停价、连板、涨幅、异常波动"),
    ("ladder", "连板天梯：某日所有涨停收盘的股票，连板数高的在前"),
    ("signals", "直接从K线文件算出每只股票每天的信号，不用仓库"),
    ("scan", "题材扫描：题材相关的每只股票的热度与实质，并给出结论"),
    ("panel", "面板数据：题材每只股票在区间内每个交易日的评估（截至当日收盘），附其后的前瞻收益（CSV 或 JSON）"),
    ("study", "事件研究：题材股票过热之后的走势，按过热当天的结论和热度分组"),
    ("demo", "用内置的虚构样本跑一遍，看看 hypecheck 会报告什么"),
    ("classify", "对一段文字（标准输入）或一个文档文件（按 import docs 的方式读取）中提到题材的句子分类"),
    ("evidence", "仓库中文档里提到题材的句子及其分类"),
    ("theme", "题材：列出、查看、添加（用户题材保存在仓库中）"),
    ("theme list", "列出内置题材"),
    ("theme show", "查看题材的别名、实体和主营分项（内置 id 或 TOML 文件）"),
    ("theme add", "把 TOML 文件中的题材加入仓库，之后 --theme ID 可以找到它"),
    ("fetch", "通过 AkShare 获取实时数据（需要装有 akshare 的 python3）：K线、指数、问答、公告、主营构成、概念板块成分股，或一个题材的全部数据"),
    ("fetch bars", "个股不复权日K线（AkShare stock_zh_a_hist）"),
    ("fetch index", "基准指数日线（AkShare stock_zh_index_daily_em）"),
    ("fetch qa", "投资者问答（深市互动易、沪市e互动），存为 JSON Lines 文档"),
    ("fetch announcements", "公告（巨潮资讯）及其 PDF 正文，存为文档"),
    ("fetch segments", "主营构成（AkShare stock_zygc_em）"),
    ("fetch st", "按证据判定 ST 状态：当前风险警示板（stock_zh_a_st_em）作为一天的 ST 名单，深交所简称变更历史（stock_info_sz_change_name）作为带日期的名称"),
    ("fetch members", "东方财富概念板块的成分股（stock_board_concept_cons_em），作为题材成分股"),
    ("fetch theme", "一个题材的整条链：成分股（--board），再取每只成分股的K线及其板块的基准指数、主营构成、问答和带正文的公告"),
    ("themes-of", "一只股票所属的全部题材，及入选理由、来源和日期"),
    ("search", "在已导入的文档（公告、问答、自媒体、新闻）中全文搜索"),
    ("check", "突破当日涨跌停限制的K线（收盘高于涨停价或低于跌停价、最高价高于涨停价），及规则所作的假设"),
];

/// Options, by `PATH --ID` (`* --ID` for an option that means the same everywhere).
const ARGS: &[(&str, &str)] = &[
    ("* --db", "SQLite 仓库文件（不存在时创建）"),
    ("* --lang", "输出语言：zh（中文，默认）或 en（英文）"),
    ("* --wait", "另一个进程正在写仓库时，写操作最多等待的秒数"),
    ("* --width", "终端表格的宽度（列数）；默认取 COLUMNS，否则取终端宽度（写入文件或管道时不限宽）"),
    ("* --help", "显示帮助"),
    ("* --version", "显示版本"),
    ("* --all", "也列出没有提到该题材的文档"),
    ("* --answer_dates", "向互动易查询每条回答的确切日期（每个问题一次请求，较慢）"),
    ("* --benchmark", "计算超额收益和偏离值所用的基准指数（默认：仓库里已有的、该板块候选指数中的第一个，如沪市主板为 000001.SH）"),
    ("* --cache", "下载文件的存放目录（默认：仓库旁的 hypecheck-cache）；再次运行时跳过已有的文件"),
    ("* --file", "题材文件（TOML：id、name、aliases、entities，可选 segments）"),
    ("* --force", "即使缓存里已有文件也重新获取"),
    ("* --format", "输出格式：table（终端表格）、json（完整报告，供程序读取）、csv（每只股票一行）、html（自包含的 HTML 报告）"),
    ("* --id", "内置题材 id（见 theme list）或题材 TOML 文件路径"),
    ("* --input", "一个文档文件，按 import docs 的方式读取（JSON Lines、CSV、AkShare 互动易/e互动 导出、.txt、.pdf），代替标准输入；每篇文档的 id 与 import docs 给它的相同"),
    ("* --kind_map", "把类型列中的词 WORD 当作类型 KIND 读取（如 --kind-map 研报=news），用于内置表以外的词（公告/异常波动/风险提示/澄清 → announcement，关注函/问询函/监管 → regulator，互动易/e互动/投资者关系 → qa，公众号/微信/微博 → post，新闻/转述/报道 → news）"),
    ("* --lexicons", "一个含 evidence.toml 的目录，替换内置词典"),
    ("* --limit", "最多显示的命中数"),
    ("* --map", "把其他工具的列名或 JSON 键 FROM 当作字段 TO 读取（如 --map 公告日期=date）；event_date、publish_date、发布时间（日期），excerpt、content、正文（正文），doc_type、类型（类型）无需映射"),
    ("* --no_bom", "CSV 不带 UTF-8 BOM（Excel 需要 BOM 才能正确显示中文；有些工具不接受它）"),
    ("* --no_pdf", "只列出标题和链接，不下载 PDF"),
    ("* --python", "装有 akshare 和 pandas 的 Python 3 解释器"),
    ("* --query", "要搜索的词，如 算力 或 \"DeepSeek 合作\"；每个词都须命中（以 - 开头的查询放在 -- 之后）"),
    ("* --source", "没有 source 列的行所用的来源（默认：user；AkShare 导出为 eastmoney）"),
    ("* --timeout", "等待 PDF 服务器应答的秒数（默认 30）"),
    ("* --titles", "只要标题含这些词之一的公告（如 异常波动,风险提示,澄清,问询,关注函）"),
    ("scan --asof", "截至日期（YYYY-MM-DD 或 YYYYMMDD）；默认为仓库中最新的K线日期。晚于它的文档不计入"),
    ("fetch theme --asof", "截至日期：获取它之前 --window 个交易日，以及市场规则需要的历史（再多 90 天）"),
    ("stock --asof", "档案的日期（YYYY-MM-DD 或 YYYYMMDD）；默认为该股最新的K线日期"),
    ("fetch theme --board", "先获取这个东方财富概念板块的成分股，作为题材的成分股"),
    ("ladder --board", "只看这些板块：sh_main（沪市主板）、sz_main（深市主板）、chinext（创业板）、star（科创板）、bse（北交所）；可重复或用逗号分隔"),
    ("fetch members --board", "板块名称（如 算力概念）或代码（BK1134）"),
    ("search --code", "只看这只股票的文档"),
    ("evidence --code", "只看这只股票的文档（002881、002881.SZ 或 sz002881）"),
    ("import index --code", "带交易所的指数代码（000001.SH）；文件没有代码列时必填"),
    ("import shares --code", "没有代码列的文件（AkShare 的单只股票数据）所属的股票，如 002881"),
    ("import docs --code", ".txt、.pdf 文件以及没有代码的文档所属的股票"),
    ("classify --code", ".txt、.pdf 文件以及没有代码的文档所属的股票"),
    ("stock --code", "股票：代码（002881、002881.SZ、sz002881）或名称（美格智能）"),
    ("themes-of --code", "股票：代码（002881、002881.SZ、sz002881）或名称（美格智能）"),
    ("fetch index --codes", "带交易所的指数代码（000001.SH、399006.SZ）"),
    ("fetch bars --codes", "股票代码（002881、002881.SZ、sz002881）"),
    ("fetch qa --codes", "股票代码"),
    ("fetch announcements --codes", "股票代码"),
    ("fetch segments --codes", "股票代码"),
    ("import docs --date", ".txt、.pdf 文件以及没有日期的文档的日期（YYYY-MM-DD）"),
    ("classify --date", ".txt、.pdf 文件以及没有日期的文档的日期（YYYY-MM-DD）"),
    ("ladder --date", "交易日（YYYY-MM-DD 或 YYYYMMDD）；默认为仓库中最新的一天"),
    ("signals --files", "K线文件（AkShare、Tushare、baostock 或通用 CSV；可 gzip；UTF-8/GBK）"),
    ("import index --files", "要导入的文件"),
    ("import bars --files", "要导入的文件，每个文件一个事务"),
    ("import members --files", "要导入的文件，每个文件一个事务"),
    ("import listings --files", "要导入的文件，每个文件一个事务"),
    ("import names --files", "要导入的文件，每个文件一个事务"),
    ("import codes --files", "要导入的文件，每个文件一个事务"),
    ("import st --files", "要导入的文件，每个文件一个事务"),
    ("import docs --files", "要导入的文件，每个文件一个事务"),
    ("import shares --files", "要导入的文件，每个文件一个事务；每行自其日期起生效"),
    ("import segments --files", "要导入的文件；每个文件替换其中出现的（公司、报告期、分类）的构成"),
    ("evidence --from", "只看该日或之后的文档（YYYY-MM-DD 或 YYYYMMDD）"),
    ("fetch bars --from", "起始日期（YYYY-MM-DD 或 YYYYMMDD）"),
    ("fetch index --from", "起始日期（YYYY-MM-DD 或 YYYYMMDD）"),
    ("fetch announcements --from", "起始日期（默认：--to 之前一年）"),
    ("fetch theme --from", "起始日期（与 --to 一起用；或给出 --asof）"),
    ("search --from", "只看该日或之后的文档（YYYY-MM-DD）"),
    ("stock --json", "输出 JSON 而不是表格"),
    ("ladder --json", "输出 JSON 而不是表格"),
    ("themes-of --json", "输出 JSON 而不是表格：{code, name, themes: [{theme, reason, source, joined}]}"),
    ("check --json", "输出 JSON 而不是逐行文字"),
    ("search --json", "输出一个 JSON 对象：{query, hits: [{id, code, date, kind, title, snippet, rank, url, source}]}"),
    ("classify --json", "每篇文档输出一个 JSON 结果，而不是可读的列表"),
    ("evidence --json", "每篇文档输出一个 JSON 结果，而不是可读的列表"),
    ("classify --kind", "标准输入文字的类型（默认 announcement），或 --input 中没有类型的文档的类型：announcement、regulator、qa、post 或 news；带 问：/答：（或 Q:/A:）标记的文字按问与答读取"),
    ("search --kind", "只看这一类文档：announcement、qa、post 或 news"),
    ("import docs --kind", "没有类型的文档的类型：announcement、regulator、qa、post 或 news（或类型词，如 公告、互动易；.pdf 默认 announcement）"),
    ("demo --out", "存放演示仓库和样本文件的目录（会创建；再次运行时复用）"),
    ("signals --out", "CSV 写到哪里；- 表示标准输出"),
    ("scan --out", "写入这个文件，而不是标准输出"),
    ("stock --theme", "题材（内置 id、仓库中的 id 或 TOML 文件）：加上该股对这个题材的结论、理由及所依据的句子"),
    ("ladder --theme", "只看这个题材的成分股（仓库中的成分股：import members）：题材 id 或题材 TOML 文件，与 scan 相同"),
    ("fetch theme --theme", "题材 id（成分股来自 --board、import members 或 fetch members）"),
    ("fetch members --theme", "成分股存放在哪个题材 id 下（如 compute）"),
    ("import members --theme", "这些股票所属的题材（如 deepseek）"),
    ("scan --theme", "题材：内置 id（见 theme list）或题材 TOML 文件"),
    ("classify --theme", "题材：内置 id（见 theme list）或题材 TOML 文件"),
    ("evidence --theme", "题材：内置 id（见 theme list）或题材 TOML 文件"),
    ("evidence --to", "只看该日或之前的文档"),
    ("fetch bars --to", "结束日期（YYYY-MM-DD 或 YYYYMMDD）"),
    ("fetch index --to", "结束日期（YYYY-MM-DD 或 YYYYMMDD）"),
    ("fetch announcements --to", "结束日期（默认：今天）"),
    ("fetch theme --to", "结束日期（与 --from 一起用）"),
    ("search --to", "只看该日或之前的文档（YYYY-MM-DD）"),
    ("scan --window", "计算热度的回看窗口（交易日数）"),
    ("panel --window", "计算热度的回看窗口（交易日数）"),
    ("study --window", "计算热度的回看窗口（交易日数）"),
    ("panel --theme", "题材：内置 id（见 theme list）或题材 TOML 文件"),
    ("study --theme", "题材：内置 id（见 theme list）或题材 TOML 文件"),
    ("panel --from", "第一个交易日（YYYY-MM-DD 或 YYYYMMDD）"),
    ("panel --to", "最后一个交易日（YYYY-MM-DD 或 YYYYMMDD）"),
    ("study --from", "事件可以落在的第一天（YYYY-MM-DD 或 YYYYMMDD）"),
    ("study --to", "事件可以落在的最后一天（YYYY-MM-DD 或 YYYYMMDD）；其后的收益照样计入"),
    ("* --all_stocks", "仓库里的全部股票，而不仅是题材成分股和提到题材的股票"),
    ("panel --format", "输出格式：csv 或 json；默认按 --out 的扩展名（.json），否则 csv"),
    ("study --format", "输出格式：table（终端表格）、json（供程序读取）、html（自包含页面，含走势图和事件列表）"),
    ("panel --out", "写入的文件"),
    ("study --out", "写入这个文件，而不是标准输出"),
    ("study --horizon", "平均累计超额收益曲线画到事件日之后的第几个交易日"),
    ("study --episode_gap", "连续多少个交易日不过热，一段行情即告结束"),
    ("study --seed", "自助法（bootstrap）区间的随机种子"),
    ("stock --window", "计算最高连板和异常波动的回看窗口（交易日数）"),
    ("fetch theme --window", "--asof 之前窗口的交易日数"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option of the tree, as (key, English help).
    fn untranslated(cmd: &Command, path: &str, out: &mut Vec<String>) {
        if lookup(ABOUT, &about_key(path)).is_none() {
            out.push(format!(
                "ABOUT {path:?} {:?}",
                cmd.get_about().map(|s| s.to_string())
            ));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().to_string();
            if arg_text(path, &id).is_none() {
                out.push(format!(
                    "ARG \"{path} --{id}\" {:?}",
                    a.get_help().map(|s| s.to_string())
                ));
            }
        }
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            untranslated(s, &p, out);
        }
    }

    #[test]
    fn every_command_and_option_has_chinese_help() {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        untranslated(&cmd, "", &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese help:\n{}",
            missing.join("\n")
        );
    }
}
