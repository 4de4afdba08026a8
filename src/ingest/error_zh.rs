//! [`Error::message`]: a reader's error in the run's language. Every part a user acts on is
//! said in Chinese in a Chinese run: the file, the line, the column and the value, what is
//! wrong and what to do (the readers' own problem and fix phrases are translated here; a
//! phrase this table does not know stays as the reader wrote it).

use super::Error;
use crate::model::Lang;

impl Error {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Io { file, cause } => format!("无法读取 {file}：{cause}"),
            Error::Encoding { file, encoding } => {
                format!("{file}：文件编码为 {encoding}；请另存为 UTF-8 或 GBK")
            }
            Error::MixedEncoding { file, line } => format!(
                "{file} 第 {line} 行：文件在此行之前是 UTF-8，从此行起不是：混用了两种编码（把 GBK \
                 的行粘贴进了 UTF-8 文件？）；请把整个文件另存为同一种编码（UTF-8 或 GBK）"
            ),
            Error::Empty { file } => format!(
                "{file}：文件是空的（或只有空行），没有可导入的内容；请检查下载或导出是否完成"
            ),
            Error::UnknownHeader { file, header } => format!(
                "{file}：无法识别的表头 '{header}'；应为 AkShare stock_zh_a_hist\
                 （日期,股票代码,开盘,收盘,最高,最低,...）、Tushare daily（ts_code,trade_date,open,...）、\
                 baostock（date,code,open,...,adjustflag,...）或通用 code,date,open,high,low,close"
            ),
            Error::MissingColumn {
                file,
                format,
                column,
                header,
            } => format!("{file}：{format} 表头 '{header}' 缺少 {column} 列；请补上该列"),
            Error::Adjusted { file, reason } => format!(
                "{file}：{}；hypecheck 需要不复权价格，因为涨跌停价由未复权的前收盘价算出",
                zh(reason)
            ),
            Error::NoCode { file } => {
                format!("{file}：文件没有代码列；请给出指数代码，如 --code 000001.SH")
            }
            Error::NoStockCode { file, format } => format!(
                "{file}：{format} 文件没有代码列；请给出股票代码，如 --code 002881.SZ"
            ),
            Error::Csv {
                file,
                line,
                problem,
            } => format!("{file} 第 {line} 行：{}；请修正或删除该行", zh(problem)),
            Error::Value {
                file,
                line,
                column,
                value,
                problem,
                fix,
            } => format!(
                "{file} 第 {line} 行，{column} 列：'{value}' {}；{}",
                zh(problem),
                zh(fix)
            ),
            Error::Row {
                file,
                line,
                problem,
            } => format!("{file} 第 {line} 行：{}；请修正或删除该行", zh(problem)),
            Error::Duplicate {
                file,
                line,
                first_line,
                symbol,
                date,
            } => format!(
                "{file} 第 {line} 行：{symbol} {date} 已在第 {first_line} 行出现且数值不同；\
                 请保留其中一行"
            ),
            Error::Json {
                file,
                line,
                problem,
            } => format!(
                "{file} 第 {line} 行：不是 JSON 对象（{problem}）；每行写一个 JSON 文档"
            ),
            Error::MissingField {
                file,
                line,
                field,
                fix,
            } => format!("{file} 第 {line} 行：缺少 {}；{}", zh(field), zh(fix)),
            Error::DocHeader { file, header } => format!(
                "{file}：无法识别的表头 '{header}'；应为含 code,date,kind 及 text（或 \
                 question,answer）列的 CSV、AkShare 互动易导出（stock_irm_cninfo：\
                 股票代码,问题,回答内容,提问时间,...）或 e互动导出（stock_sns_sseinfo：\
                 股票代码,问题,回答,问题时间,回答时间,...）"
            ),
            Error::NeedsFlag {
                file,
                format,
                missing,
                flag,
            } => format!(
                "{file}：{format} 文件没有写明{}；请给出 {flag}",
                zh(missing)
            ),
            Error::Pdf { file, reason } => {
                format!("{file}：无法从 PDF 中提取文字：{}", zh(reason))
            }
            #[allow(unreachable_patterns)]
            _ => self.to_string(),
        }
    }
}

/// Whole phrases of the readers (problems and fixes), English → Chinese.
const PHRASES: &[(&str, &str)] = &[
    ("is empty", "为空"),
    ("is not a date", "不是日期"),
    ("is not a number", "不是数字"),
    ("is negative", "是负数"),
    ("is too large", "太大"),
    ("is not 0 or 1", "不是 0 或 1"),
    ("is not a price", "不是价格"),
    ("is not a positive price", "不是正的价格"),
    ("is not a positive index level", "不是正的指数点位"),
    ("is not a stock code", "不是股票代码"),
    ("is not an index code", "不是指数代码"),
    ("is not an ST kind", "不是 ST 类型"),
    ("is not a breakdown kind", "不是构成分类"),
    ("is empty where a price is needed", "为空，而此处需要价格"),
    ("is empty where the date is needed", "为空，而此处需要日期"),
    (
        "is empty where the report period is needed",
        "为空，而此处需要报告期",
    ),
    (
        "is empty where the segment name is needed",
        "为空，而此处需要分项名称",
    ),
    ("has no date of the change", "没有变更日期"),
    (
        "is not a price change that leaves a positive previous close",
        "不是能得出正的前收盘价的涨跌额",
    ),
    (
        "is not a path inside the JSON Lines file's folder",
        "不是 JSON Lines 文件所在目录内的路径",
    ),
    (
        "is not UTF-8, although the file starts as UTF-8 (it mixes encodings)",
        "不是 UTF-8，而文件开头是 UTF-8（混用了编码）",
    ),
    (
        "the row has neither a float (流通股本) nor a total (总股本) share count",
        "该行既没有流通股本也没有总股本",
    ),
    (
        "add a date column (the first trading day under the new code)",
        "加上日期列（新代码下的第一个交易日）",
    ),
    (
        "check both counts: the float (流通股本) is part of the total (总股本)",
        "请核对两个数：流通股本是总股本的一部分",
    ),
    (
        "download unadjusted prices (adjustflag=\"3\")",
        "请下载不复权价格（adjustflag=\"3\"）",
    ),
    (
        "fill in the date the counts hold from, e.g. 2025-02-07",
        "请填写股本自哪天起生效，如 2025-02-07",
    ),
    (
        "fill in the first ST day or remove the row",
        "请填写首个 ST 日或删除该行",
    ),
    (
        "fill in the period end, e.g. 2024-12-31",
        "请填写报告期末，如 2024-12-31",
    ),
    (
        "fill in the price or remove the row",
        "请填写价格或删除该行",
    ),
    (
        "fill in the segment or remove the row",
        "请填写分项或删除该行",
    ),
    ("fix the share count", "请修正股本数"),
    ("fix the value or leave it empty", "请修正该值或留空"),
    (
        "fix the value or leave the field empty",
        "请修正该值或留空该字段",
    ),
    ("fix the value or remove the row", "请修正该值或删除该行"),
    ("fix the row or remove it", "请修正或删除该行"),
    ("fix the date or remove the row", "请修正日期或删除该行"),
    (
        "give the code the stock moved to on the same exchange",
        "请给出该股票在同一交易所的新代码",
    ),
    (
        "give the listing date as YYYY-MM-DD",
        "请按 YYYY-MM-DD 给出上市日期",
    ),
    ("give the stock's name", "请给出股票名称"),
    (
        "pass the code the file holds, or leave out --code",
        "请给出文件中的代码，或去掉 --code",
    ),
    (
        "re-save the whole file in one encoding (UTF-8 or GBK)",
        "请把整个文件另存为同一种编码（UTF-8 或 GBK）",
    ),
    ("swap the dates or fix the row", "请对调两个日期或修正该行"),
    ("write ST or *ST", "请写 ST 或 *ST"),
    (
        "write dates as YYYY-MM-DD or YYYYMMDD",
        "日期请写成 YYYY-MM-DD 或 YYYYMMDD",
    ),
    (
        "write industry, product, region or other (按行业分类, 按产品分类, 按地区分类)",
        "请写 industry、product、region 或 other（按行业分类、按产品分类、按地区分类）",
    ),
    (
        "write six digits such as 002881, 002881.SZ or sz.002881",
        "请写六位数字，如 002881、002881.SZ 或 sz.002881",
    ),
    (
        "write six digits with the exchange, such as 000300.SH or sh.000300",
        "请写带交易所的六位数字，如 000300.SH 或 sh.000300",
    ),
    (
        "write the PDF's path relative to the file, without .. or a leading /",
        "请写相对于该文件的 PDF 路径，不含 .. 或开头的 /",
    ),
    (
        "write the field as a JSON string",
        "请把该字段写成 JSON 字符串",
    ),
    (
        "check the PDF, or delete it and fetch it again",
        "请检查该 PDF，或删除后重新获取",
    ),
    (
        "check that the PDF is beside the JSON Lines file",
        "请确认 PDF 在 JSON Lines 文件旁边",
    ),
    (
        "write it as YYYY-MM-DD or YYYYMMDD",
        "请写成 YYYY-MM-DD 或 YYYYMMDD",
    ),
    ("is not a document kind", "不是文档类型"),
    (
        "use announcement, qa, post or news",
        "请用 announcement、qa、post 或 news",
    ),
    (
        "add a code such as 002881.SZ, or pass --code",
        "请加上代码（如 002881.SZ），或给出 --code",
    ),
    (
        "add a date such as 2025-02-07, or pass --date",
        "请加上日期（如 2025-02-07），或给出 --date",
    ),
    (
        "add a kind (announcement, qa, post or news), or pass --kind",
        "请加上类型（announcement、qa、post 或 news），或给出 --kind",
    ),
    (
        "give the document a title, text, question or answer, or remove it",
        "请给文档加上标题、正文、问题或回答，或删除它",
    ),
    ("code", "代码"),
    ("date", "日期"),
    ("kind", "类型"),
    ("text", "正文"),
    ("stock", "股票"),
    ("stock code", "股票代码"),
    (
        "stock code (no 证券代码 line at its top)",
        "股票代码（文件开头没有“证券代码”一行）",
    ),
];

/// Phrases with a value inside: (English before, English after, Chinese before, Chinese
/// after) around the kept middle.
const PATTERNS: &[(&str, &str, &str, &str)] = &[
    ("is before the start ", "", "早于开始日期 ", ""),
    (
        "means forward-adjusted (前复权) prices",
        "",
        "表示前复权价格",
        "",
    ),
    (
        "means backward-adjusted (后复权) prices",
        "",
        "表示后复权价格",
        "",
    ),
    (
        "use announcement, regulator, qa, post or news, or a kind word (",
        ")",
        "请用 announcement、regulator、qa、post 或 news，或类型词（",
        "）",
    ),
    (
        "map another word with --kind-map WORD=KIND",
        "",
        "其他词用 --kind-map 词=类型 指定",
        "",
    ),
    (
        "is more than the total share count (",
        " shares)",
        "大于总股本（",
        " 股）",
    ),
    (
        "is another index than --code ",
        "",
        "与 --code 给出的指数不同：",
        "",
    ),
    (
        "is no new code of ",
        " (the same code, or another exchange)",
        "不是 ",
        " 的新代码（代码相同，或交易所不同）",
    ),
    (
        "names a PDF whose text cannot be extracted: ",
        "",
        "所指的 PDF 提取不到文字：",
        "",
    ),
    (
        "names a PDF that cannot be read: ",
        "",
        "所指的 PDF 无法读取：",
        "",
    ),
];

/// Row problems with several values: "high 10.00 is below low 11.00", "close 9.00 is
/// outside the day's range 10.00..11.00", "found 3 fields where the header has 5",
/// "600000.SH already appeared on line 2 with another name, reason or date", "is a
/// Saturday; the exchanges do not trade on weekends".
fn zh_row(text: &str) -> Option<String> {
    let w: Vec<&str> = text.split(' ').collect();
    match w.as_slice() {
        ["high", h, "is", "below", "low", l] => Some(format!("最高价 {h} 低于最低价 {l}")),
        [what @ ("open" | "close"), p, "is", "outside", "the", "day's", "range", r] => {
            let what = if *what == "open" {
                "开盘价"
            } else {
                "收盘价"
            };
            Some(format!("{what} {p} 不在当日最低价与最高价 {r} 之间"))
        }
        ["found", n, "fields", "where", "the", "header", "has", m] => {
            Some(format!("有 {n} 个字段，而表头有 {m} 个"))
        }
        [code, "already", "appeared", "on", "line", n, "with", "another", "name,", "reason", "or", "date"] => {
            Some(format!("{code} 已在第 {n} 行出现，名称、理由或日期不同"))
        }
        ["is", "a", day, "the", "exchanges", "do", "not", "trade", "on", "weekends"] => {
            let day = if day.starts_with("Sat") {
                "星期六"
            } else {
                "星期日"
            };
            Some(format!("是{day}；交易所周末不交易"))
        }
        _ => None,
    }
}

/// A list of missing fields (`code, date or kind`) in Chinese.
fn zh_fields(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split([',', ' '])
        .filter(|w| !w.is_empty() && *w != "or")
        .collect();
    let all: Option<Vec<&str>> = words
        .iter()
        .map(|w| PHRASES.iter().find(|(e, _)| e == w).map(|(_, z)| *z))
        .collect();
    all.filter(|a| a.len() > 1).map(|a| a.join("、"))
}

/// A reader's phrase in Chinese: a known whole phrase, a known pattern with its value
/// kept, or phrases joined by "; " each translated; else as written.
pub(super) fn zh(text: &str) -> String {
    if let Some((_, z)) = PHRASES.iter().find(|(e, _)| *e == text) {
        return (*z).to_string();
    }
    if let Some(fields) = zh_fields(text) {
        return fields;
    }
    if let Some(row) = zh_row(&text.replace("; ", " ")) {
        return row;
    }
    if text.contains("; ") {
        return text.split("; ").map(zh).collect::<Vec<_>>().join("；");
    }
    for (pre, post, zpre, zpost) in PATTERNS {
        if let Some(mid) = text.strip_prefix(pre).and_then(|r| r.strip_suffix(post)) {
            return format!("{zpre}{mid}{zpost}");
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_is_told_in_chinese_with_its_place_and_what_to_do() {
        let e = super::super::value_error(
            "bars.csv",
            3,
            "close",
            b"abc",
            "is not a price",
            "fix the value or remove the row",
        );
        assert_eq!(
            e.message(Lang::Zh),
            "bars.csv 第 3 行，close 列：'abc' 不是价格；请修正该值或删除该行"
        );
        assert_eq!(
            e.message(Lang::En),
            "bars.csv line 3, column close: 'abc' is not a price; fix the value or remove the row"
        );
        let empty = Error::Empty {
            file: "x.csv".into(),
        };
        assert!(empty.message(Lang::Zh).starts_with("x.csv：文件是空的"));
        assert_eq!(
            zh("is before the start 2025-01-02"),
            "早于开始日期 2025-01-02"
        );
        assert_eq!(zh("code, date or kind"), "代码、日期、类型");
        assert_eq!(
            zh("high 10.00 is below low 11.00"),
            "最高价 10.00 低于最低价 11.00"
        );
        assert_eq!(
            zh("close 9.00 is outside the day's range 10.00..11.00"),
            "收盘价 9.00 不在当日最低价与最高价 10.00..11.00 之间"
        );
        assert_eq!(
            zh("is a Saturday; the exchanges do not trade on weekends"),
            "是星期六；交易所周末不交易"
        );
        assert_eq!(
            zh("add a code such as 002881.SZ, or pass --code; write it as YYYY-MM-DD or YYYYMMDD"),
            "请加上代码（如 002881.SZ），或给出 --code；请写成 YYYY-MM-DD 或 YYYYMMDD"
        );
    }

    #[test]
    fn every_known_phrase_has_chinese_and_no_english_left() {
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for (en, zh_text) in PHRASES {
            assert_ne!(en, zh_text);
            assert!(zh_text.chars().any(cjk), "{zh_text}");
            for word in [" the ", " or ", " a ", " is ", " and "] {
                assert!(!zh_text.contains(word), "{zh_text}");
            }
        }
    }
}
