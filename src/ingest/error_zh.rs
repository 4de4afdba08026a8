//! [`Error::message`]: a reader's error in the run's language. Every part a user acts on is
//! said in Chinese in a Chinese run: the file, the line, the column and the value, what is
//! wrong and what to do. The readers write their problem and fix phrases in English; they
//! are translated here, whole ([`PHRASES`]) or with their values kept ([`TEMPLATES`]). A
//! phrase these tables do not know would stay as the reader wrote it: the `completeness`
//! tests scan the string literals of the readers and fail on any such phrase.

use super::Error;
use crate::model::Lang;

impl Error {
    /// The message in `lang` (the `Display` text is the English one).
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Error::Io { file, cause } => format!("无法读取 {file}：{}", zh_io(cause)),
            Error::Encoding { file, encoding } => match PHRASES.iter().find(|(e, _)| e == encoding) {
                Some((_, z)) => format!("{file}：文件{z}；请另存为 UTF-8 或 GBK"),
                None => format!("{file}：文件编码为 {encoding}；请另存为 UTF-8 或 GBK"),
            },
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
            } => format!(
                "{file}：{} 表头 '{header}' 缺少 {} 列；请补上该列",
                zh_format(format),
                zh(column)
            ),
            Error::Adjusted { file, reason } => format!(
                "{file}：{}；hypecheck 需要不复权价格，因为涨跌停价由未复权的前收盘价算出",
                zh(reason)
            ),
            Error::NoCode { file } => {
                format!("{file}：文件没有代码列；请给出指数代码，如 --code 000001.SH")
            }
            Error::NoStockCode { file, format } => format!(
                "{file}：{} 文件没有代码列；请给出股票代码，如 --code 002881.SZ",
                zh_format(format)
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
                "{file} 第 {line} 行：不是 JSON 对象（{}）；每行写一个 JSON 文档",
                zh(problem)
            ),
            Error::MissingField {
                file,
                line,
                field,
                fix,
            } => format!("{file} 第 {line} 行：缺少{}；{}", zh(field), zh(fix)),
            Error::DocHeader { file, header } => format!(
                "{file}：无法识别的表头 '{header}'；应为含 code,date,kind 及 text（或 \
                 question,answer）列的 CSV、AkShare 互动易导出（stock_irm_cninfo：\
                 股票代码,问题,回答内容,提问时间,...）或 e互动导出（stock_sns_sseinfo：\
                 股票代码,问题,回答,问题时间,回答时间,...）"
            ),
            Error::NeedsFlags {
                file,
                format,
                missing,
            } => format!(
                "{file}：{} 文件的正文和参数都没有给出{}；请加上 {}",
                zh_format(format),
                missing
                    .iter()
                    .map(|m| m.zh())
                    .collect::<Vec<_>>()
                    .join("、"),
                super::error::Needed::flags(missing)
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
    (
        "add a kind (announcement, regulator, qa, post or news), or pass --kind",
        "请加上类型（announcement、regulator、qa、post 或 news），或给出 --kind",
    ),
    (
        "is not a baostock adjustflag (3 = unadjusted)",
        "不是 baostock 的 adjustflag 取值（3 表示不复权）",
    ),
    (
        "means forward-adjusted (前复权) prices",
        "表示前复权价格",
    ),
    (
        "means backward-adjusted (后复权) prices",
        "表示后复权价格",
    ),
    (
        "has more than two decimals, which unadjusted A-share prices never have: the file \
         looks adjusted (复权)",
        "多于两位小数，而不复权的A股价格从不如此：文件像是复权价格",
    ),
    ("import unadjusted (不复权) prices", "请导入不复权价格"),
    (
        "give the volume in shares (手 × 100), or use the vendor's own header so hypecheck \
         knows its units",
        "请以股为单位给出成交量（手 × 100），或使用数据商原本的表头，让 hypecheck 知道单位",
    ),
    (
        "give the amount in yuan and the volume in shares, or use the vendor's own header so \
         hypecheck knows its units",
        "请以元给出成交额、以股给出成交量，或使用数据商原本的表头，让 hypecheck 知道单位",
    ),
    ("contains a NUL byte", "含有 NUL 字节"),
    (
        "the file is damaged or partly UTF-16",
        "文件已损坏，或有一部分是 UTF-16",
    ),
    ("re-save it as UTF-8 or GBK", "请另存为 UTF-8 或 GBK"),
    ("does not tell the exchange", "没有写明交易所"),
    (
        "write the code as CODE.SH, CODE.SZ or CODE.BJ",
        "请把代码写成 CODE.SH、CODE.SZ 或 CODE.BJ",
    ),
    (
        "write the code as CODE.SH, CODE.SZ or CODE.BJ, or pass --code",
        "请把代码写成 CODE.SH、CODE.SZ 或 CODE.BJ，或给出 --code",
    ),
    (
        "names a PDF, which only a JSON Lines file (not a stream) can do",
        "指向 PDF，而只有 JSON Lines 文件（不是数据流）可以这样做",
    ),
    (
        "import the JSON Lines from a file beside its PDFs",
        "请把该 JSON Lines 存成文件，放在它的 PDF 旁边再导入",
    ),
    ("a boolean", "布尔值"),
    ("a number", "数字"),
    ("a string", "字符串"),
    ("an array", "数组"),
    ("an object", "对象"),
    ("null", "空值 null"),
    // serde_json's descriptions of a bad JSON line (after "第 N 列：").
    ("EOF while parsing a list", "数组没有结束"),
    ("EOF while parsing an object", "对象没有结束（缺 }？）"),
    ("EOF while parsing a string", "字符串没有结束（缺引号？）"),
    ("EOF while parsing a value", "值没写完行就结束了"),
    ("expected `:`", "此处应为 `:`"),
    ("expected `,` or `]`", "此处应为 `,` 或 `]`"),
    ("expected `,` or `}`", "此处应为 `,` 或 `}`"),
    ("expected ident", "此处应为 true、false 或 null"),
    ("expected value", "此处应为一个值"),
    ("expected `\"`", "此处应为 `\"`"),
    ("invalid escape", "转义写法无效"),
    ("invalid number", "数字写法无效"),
    ("number out of range", "数字超出范围"),
    ("invalid unicode code point", "Unicode 码位无效"),
    (
        "control character (\\u0000-\\u001F) found while parsing a string",
        "字符串里有控制字符（\\u0000-\\u001F）",
    ),
    ("key must be a string", "键必须是字符串"),
    (
        "lone leading surrogate in hex escape",
        "\\u 转义里有落单的代理项",
    ),
    ("trailing comma", "结尾多了逗号"),
    ("trailing characters", "JSON 之后还有多余字符"),
    ("unexpected end of hex escape", "\\u 转义不完整"),
    ("recursion limit exceeded", "嵌套层数过多"),
    // Columns a header lacks.
    ("code (or ts_code)", "code（或 ts_code）"),
    ("trade_date (or start)", "trade_date（或 start）"),
    (
        "revenue (主营收入) or share (收入比例)",
        "revenue（主营收入）或 share（收入比例）",
    ),
    (
        "float_shares (流通股本) or total_shares (总股本)",
        "float_shares（流通股本）或 total_shares（总股本）",
    ),
    // Formats named in a message.
    ("generic members", "通用成分股"),
    ("generic segments", "通用主营构成"),
    ("generic shares", "通用股本"),
    (
        "segments (generic code,period,kind,segment,revenue,share)",
        "通用主营构成（code,period,kind,segment,revenue,share）",
    ),
    (
        "shares (generic code,date,float_shares,total_shares)",
        "通用股本（code,date,float_shares,total_shares）",
    ),
    (
        "code changes (old_code,new_code,date)",
        "代码变更（old_code,new_code,date）",
    ),
    ("code changes", "代码变更"),
    (
        "listings (code,listing_date)",
        "上市日期表（code,listing_date）",
    ),
    (
        "listing_date (list_date, 上市日期)",
        "listing_date（list_date、上市日期）",
    ),
    (
        "members (code[,name][,reason][,source][,date])",
        "成分股表（code[,name][,reason][,source][,date]）",
    ),
    ("names (code,date,name)", "名称表（code,date,name）"),
    ("date (start_date, 变更日期)", "date（start_date、变更日期）"),
    ("old_code (原代码)", "old_code（原代码）"),
    ("new_code (新代码)", "new_code（新代码）"),
    ("ST periods", "ST 区间表"),
    ("ST list", "ST 名单"),
    // Encodings a file is refused for (after "文件").
    (
        "UTF-16 (or binary: a quarter of its bytes are NUL)",
        "是 UTF-16（或是二进制：四分之一的字节是 NUL）",
    ),
    (
        "not text in UTF-8 or GBK (binary data? an .xlsx or .zip?)",
        "不是 UTF-8 或 GBK 文本（二进制数据？.xlsx 或 .zip？）",
    ),
    // Why a file cannot be read or a PDF gives no text.
    ("the decompression thread stopped", "解压线程意外停止"),
    ("decompression bomb", "解压炸弹"),
    (
        "pdftotext needs a file, and this PDF was not read from one",
        "pdftotext 需要文件，而这个 PDF 不是从文件读入的",
    ),
    (
        "pdftotext is not installed to try again (install poppler-utils, e.g. apt-get install \
         poppler-utils)",
        "没有安装 pdftotext，无法再试（请安装 poppler-utils，如 apt-get install poppler-utils）",
    ),
    ("the PDF has no pages", "PDF 没有页面"),
    ("lopdf panicked", "lopdf 意外崩溃"),
    ("over the budget", "超出上限"),
    ("no output pipes", "没有输出管道"),
    (
        "no text layer (a scanned image?)",
        "没有文字层（扫描的图片？）",
    ),
    ("run OCR on it first", "请先对它做 OCR"),
    (
        "no Chinese character in the text (a font without a Unicode map?)",
        "文字中没有汉字（字体缺少 Unicode 映射？）",
    ),
    (
        "map another word with --kind-map WORD=KIND",
        "其他词用 --kind-map 词=类型 指定",
    ),
    (
        "the record has neither a question_date nor an answer_date: fill in one \
         (YYYY-MM-DD), or pass --date",
        "该记录既没有 question_date 也没有 answer_date：请填写其一（YYYY-MM-DD），或给出 --date",
    ),
    (
        "is under one million shares, which no listed company has: the file seems to count in \
         万股 (10,000 shares)",
        "不足一百万股，没有哪家上市公司这么少：文件像是以万股计",
    ),
    (
        "multiply the counts by 10,000, or name the columns float_share,total_share as Tushare \
         daily_basic does (万股)",
        "请把股本乘以 10,000，或像 Tushare daily_basic 那样把列名写成 float_share,total_share（万股）",
    ),
    (
        "is over 10^8 万股, more than any listed company has: the file seems to count in shares, \
         not 万股",
        "超过 10^8 万股，比任何上市公司都多：文件像是以股计，而不是万股",
    ),
    (
        "divide the counts by 10,000, or name the columns float_shares,total_shares (counted in \
         shares)",
        "请把股本除以 10,000，或把列名写成 float_shares,total_shares（以股计）",
    ),
    ("industry", "按行业"),
    ("product", "按产品"),
    ("region", "按地区"),
    ("other", "其他"),
    ("code", "代码"),
    ("date", "日期"),
    ("kind", "类型"),
    ("text", "正文"),
    ("stock", "股票"),
    ("stock code", "股票代码"),
];

/// Phrases with values inside: the English with `{}` for each value, the Chinese with
/// `{0}`, `{1}`… for them in its own order. Each value is itself passed through [`zh`], so a
/// reason inside a reason is translated too, and a code, number or date stays as written.
const TEMPLATES: &[(&str, &str)] = &[
    ("is before the start {}", "早于开始日期 {0}"),
    (
        "use announcement, regulator, qa, post or news, or a kind word ({})",
        "请用 announcement、regulator、qa、post 或 news，或类型词（{0}）",
    ),
    (
        "is more than the total share count ({} shares)",
        "大于总股本（{0} 股）",
    ),
    (
        "is another index than --code {}",
        "与 --code 给出的指数 {0} 不同",
    ),
    (
        "is no new code of {} (the same code, or another exchange)",
        "不是 {0} 的新代码（代码相同，或交易所不同）",
    ),
    (
        "names a PDF whose text cannot be extracted: {}",
        "所指的 PDF 提取不到文字：{0}",
    ),
    (
        "names a PDF that cannot be read: {}",
        "所指的 PDF 无法读取：{0}",
    ),
    (
        "with amount {} yuan gives an average price of {} yuan, about {} times the day's range \
         {}..{}: the volume looks like 手 (lots of 100 shares)",
        "与成交额 {0} 元算出的均价为 {1} 元，约为当日价格区间 {3}..{4} 的 {2} 倍：成交量像是以手\
         （每手 100 股）计",
    ),
    (
        "with amount {} gives an average price of {} yuan, far below the day's range {}..{}: \
         the amount looks like 千元 or 万元, or the volume like shares where 手 were meant",
        "与成交额 {0} 算出的均价为 {1} 元，远低于当日价格区间 {2}..{3}：成交额像是以千元或万元计，\
         或成交量本应以手计却写成了股数",
    ),
    (
        "the file name mentions '{}', i.e. adjusted prices",
        "文件名含 '{0}'，即复权价格",
    ),
    (
        "the header '{}' mentions '{}', i.e. adjusted prices",
        "表头 '{0}' 含 '{1}'，即复权价格",
    ),
    (
        "{} fields where the header has {}",
        "有 {0} 个字段，而表头有 {1} 个",
    ),
    ("{} at column {}", "第 {1} 列：{0}"),
    (
        "its compressed streams (object {} {} and those before it) inflate to more than {} MiB",
        "其压缩流（对象 {0} {1} 及之前的）解压后超过 {2} MiB",
    ),
    (
        "{} {} {} segment '{}' already appeared on line {} with another revenue or share",
        "{0} {1} {2}分项 '{3}' 已在第 {4} 行出现，收入或占比不同",
    ),
    ("found {}", "是{0}"),
    ("is {}, not text", "是{0}，不是文本"),
    ("lopdf: {}", "lopdf：{0}"),
    ("pdftotext: {}", "pdftotext：{0}"),
    ("cannot parse: {}", "无法解析（{0}）"),
    ("cannot decode the text ({})", "无法解码文字（{0}）"),
    (
        "{}, which no announcement needs: refused as a decompression bomb",
        "{0}，没有哪份公告需要这么大：按解压炸弹拒绝",
    ),
    (
        "its object streams (object {} {} and those before it) inflate to more than {} MiB",
        "其对象流（对象 {0} {1} 及之前的）解压后超过 {2} MiB",
    ),
    (
        "a stream at byte {} inflates to more than {} MiB",
        "第 {0} 字节处的流解压后超过 {1} MiB",
    ),
    (
        "its streams inflate to more than {} MiB together",
        "其各流解压后合计超过 {0} MiB",
    ),
    ("cannot run it: {}", "无法运行：{0}"),
    (
        "stopped after {} s without finishing",
        "{0} 秒后仍未完成，已停止",
    ),
    ("cannot wait for it: {}", "无法等待其结束：{0}"),
    (
        "wrote more than {} MiB of text, which no announcement has",
        "输出了超过 {0} MiB 的文字，没有哪份公告有这么长",
    ),
    (
        "{} of {} characters are unreadable (U+FFFD, private-use or control)",
        "{1} 个字符中有 {0} 个无法识别（U+FFFD、私用区或控制字符）",
    ),
];

/// The values of `text` where `template` has `{}`, or `None` when it does not fit.
fn captures<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, rest_pieces) = pieces.split_first()?;
    let (last, middle) = rest_pieces.split_last()?;
    let mut rest = text.strip_prefix(first)?;
    let mut values = Vec::new();
    for piece in middle {
        let at = rest.find(piece)?;
        values.push(&rest[..at]);
        rest = &rest[at + piece.len()..];
    }
    values.push(rest.strip_suffix(last)?);
    values.iter().all(|v| !v.is_empty()).then_some(values)
}

/// A phrase with values in Chinese (see [`TEMPLATES`]).
fn zh_template(text: &str) -> Option<String> {
    TEMPLATES.iter().find_map(|(en, zh_text)| {
        let values = captures(en, text)?;
        let mut out = String::new();
        let mut rest = *zh_text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}')?;
            let n: usize = rest[open + 1..close].parse().ok()?;
            out.push_str(&zh(values.get(n)?));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    })
}

/// A reader's format name in `lang` (import summaries, errors): in Chinese "generic" is
/// 通用, "ST periods" ST 区间表 and so on; vendor names (AkShare, Tushare…) stay.
pub fn format_name(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => zh_format(name),
        Lang::En => name.to_string(),
    }
}

/// A format's name as said in Chinese ("generic" is 通用; vendor names stay).
fn zh_format(name: &str) -> String {
    match name {
        "generic" => "通用".to_string(),
        "text" => "纯文本".to_string(),
        _ => zh(name),
    }
}

/// Why a file cannot be read: the common operating-system causes in Chinese, a reader's
/// own cause through [`zh`], and the system's own words for the rare rest.
fn zh_io(cause: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match cause.kind() {
        ErrorKind::NotFound => "文件不存在；请检查路径".to_string(),
        ErrorKind::PermissionDenied => "没有读取权限；请检查文件权限".to_string(),
        ErrorKind::IsADirectory => "这是一个目录，不是文件".to_string(),
        ErrorKind::UnexpectedEof => "文件在中途结束（下载或压缩不完整？）".to_string(),
        _ => zh(&cause.to_string()),
    }
}

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
        .filter(|w| !w.is_empty() && *w != "or" && *w != "and")
        .collect();
    let all: Option<Vec<&str>> = words
        .iter()
        .map(|w| PHRASES.iter().find(|(e, _)| e == w).map(|(_, z)| *z))
        .collect();
    all.filter(|a| a.len() > 1).map(|a| a.join("、"))
}

/// A reader's phrase in Chinese: a known whole phrase, a known pattern with its values
/// kept, or phrases joined by "; " each translated; else as written (the unit tests check
/// that every phrase the readers write is known).
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
    if let Some(z) = zh_template(text) {
        return z;
    }
    if text.contains("; ") {
        return text.split("; ").map(zh).collect::<Vec<_>>().join("；");
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

/// Completeness: every phrase the readers can put into an error is said in Chinese.
#[cfg(test)]
mod completeness {
    use super::*;

    /// The string literals of a Rust source before its test module, with their lines:
    /// comments skipped, escapes and `\`-continued lines resolved, char literals passed over.
    fn literals(src: &str) -> Vec<(usize, String)> {
        let src = src.split("#[cfg(test)]").next().unwrap_or(src);
        let c: Vec<char> = src.chars().collect();
        let (mut i, mut line, mut out) = (0, 1, Vec::new());
        while i < c.len() {
            match c[i] {
                '\n' => line += 1,
                '/' if c.get(i + 1) == Some(&'/') => {
                    while i < c.len() && c[i] != '\n' {
                        i += 1;
                    }
                    continue;
                }
                '\'' if c.get(i + 1) == Some(&'\\') => {
                    i += 2;
                    while i < c.len() && c[i] != '\'' {
                        i += 1;
                    }
                }
                '\'' if c.get(i + 2) == Some(&'\'') => i += 2,
                'r' if c.get(i + 1) == Some(&'#') || c.get(i + 1) == Some(&'"') => {
                    let hashes = c[i + 1..].iter().take_while(|&&h| h == '#').count();
                    if c.get(i + 1 + hashes) == Some(&'"') && !c[i - 1].is_alphanumeric() {
                        let start = i + 2 + hashes;
                        let mut j = start;
                        while j < c.len()
                            && !(c[j] == '"' && c[j + 1..].iter().take(hashes).all(|&h| h == '#'))
                        {
                            j += 1;
                        }
                        let text: String = c[start..j].iter().collect();
                        out.push((line, text.clone()));
                        line += text.matches('\n').count();
                        i = j + 1 + hashes;
                        continue;
                    }
                }
                '"' => {
                    let (start, mut text) = (line, String::new());
                    i += 1;
                    while i < c.len() && c[i] != '"' {
                        if c[i] == '\\' {
                            i += 1;
                            match c[i] {
                                '\n' => {
                                    line += 1;
                                    while c[i + 1].is_whitespace() {
                                        line += usize::from(c[i + 1] == '\n');
                                        i += 1;
                                    }
                                }
                                'n' => text.push('\n'),
                                't' => text.push('\t'),
                                '0' => text.push('\0'),
                                'u' => {
                                    let end = i + c[i..].iter().position(|&x| x == '}').unwrap();
                                    let hex: String = c[i + 2..end].iter().collect();
                                    text.extend(char::from_u32(
                                        u32::from_str_radix(&hex, 16).unwrap(),
                                    ));
                                    i = end;
                                }
                                'x' => i += 2,
                                other => text.push(other),
                            }
                        } else {
                            line += usize::from(c[i] == '\n');
                            text.push(c[i]);
                        }
                        i += 1;
                    }
                    out.push((start, text));
                }
                _ => {}
            }
            i += 1;
        }
        out
    }

    /// A format string with sample values in its `{…}` places (the names the readers use
    /// for words a phrase depends on get a word that fits).
    fn filled(literal: &str) -> String {
        let mut out = String::new();
        let mut rest = literal;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            let name = rest[open + 1..open + len].split(':').next().unwrap_or("");
            out.push_str(match name {
                "what" => "close",
                "day" => "Saturday",
                _ => "7",
            });
            rest = &rest[open + len + 1..];
        }
        out + rest
    }

    /// Words that may stand in a Chinese message: vendors, formats, encodings, tools and
    /// the placeholders of a date or code pattern.
    const ALLOWED: &[&str] = &[
        "AkShare",
        "Tushare",
        "baostock",
        "CSV",
        "JSON",
        "Lines",
        "UTF",
        "GBK",
        "GB",
        "PDF",
        "PDFs",
        "ST",
        "NUL",
        "OCR",
        "MiB",
        "Unicode",
        "lopdf",
        "pdftotext",
        "poppler",
        "utils",
        "apt",
        "get",
        "install",
        "hypecheck",
        "adjustflag",
        "YYYY",
        "MM",
        "DD",
        "YYYYMMDD",
        "CODE",
        "SH",
        "SZ",
        "BJ",
        "EOF",
        "xlsx",
        "zip",
        "true",
        "false",
        "null",
        "qfq",
    ];

    /// English left in a Chinese message: two English words in a row, or an English
    /// function word on its own (column names, flags and the [`ALLOWED`] words may stand).
    fn english_left(text: &str) -> Option<String> {
        const FUNCTION: &[&str] = &[
            "a", "an", "the", "is", "are", "or", "and", "not", "no", "of", "to", "with", "in",
            "on", "at", "be", "has", "as", "by", "for", "from", "it", "its", "was", "were",
        ];
        let words: Vec<&str> = text
            .split(|ch: char| !(ch.is_ascii_alphanumeric() || "_-.'".contains(ch)))
            .collect();
        let english = |w: &str| {
            w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()) && !ALLOWED.contains(&w)
        };
        // Pairs of English words separated by a single space (not by Chinese or punctuation).
        let spaced: Vec<&str> = text.split(' ').collect();
        for pair in spaced.windows(2) {
            let tail = pair[0]
                .rsplit(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            let head = pair[1]
                .split(|c: char| !c.is_ascii_alphabetic())
                .next()
                .unwrap_or("");
            if english(tail) && english(head) && !pair[0].starts_with("--") {
                return Some(format!("'{tail} {head}'"));
            }
        }
        words
            .iter()
            .find(|w| FUNCTION.contains(w))
            .map(|w| format!("'{w}'"))
    }

    /// Literals of the ingest sources that are no phrase of a message, each with why.
    const NOT_PHRASES: &[(&str, &str)] = &[
        ("adj close", "a header marker of adjusted prices"),
        ("JSON Lines", "a format's name"),
        ("UTF-8 BOM", "an encoding's name"),
        (" at line ", "where serde's message is cut"),
        ("invalid constant date", "an expect message for a constant"),
        ("checked in open", "an expect message"),
        (
            "AkShare stock_board_concept_cons_em",
            "a vendor function's name",
        ),
        ("AkShare stock_zygc_em", "a vendor function's name"),
        ("Tushare fina_mainbz", "a vendor function's name"),
        ("Tushare daily_basic", "a vendor function's name"),
        ("AkShare stock_value_em", "a vendor function's name"),
        ("AkShare stock_zh_a_gbjg_em", "a vendor function's name"),
        (
            "AkShare stock_share_change_cninfo",
            "a vendor function's name",
        ),
        ("Tushare stock_st", "a vendor function's name"),
        // `--map` and `--kind-map` argument errors are clap's, told by src/cmd.
        (
            "'7' is not FROM=TO, e.g. publish_date=date",
            "an argument error",
        ),
        ("'7' names no column or key before '='", "an argument error"),
        (
            "'7' is not a document field; use one of 7",
            "an argument error",
        ),
        ("'7' is not WORD=KIND, e.g. 研报=news", "an argument error"),
        ("'7' names no word before '='", "an argument error"),
        (
            "'7' is not a document kind: use announcement, regulator, qa, post or news",
            "an argument error",
        ),
    ];

    /// The sources whose literals can end up in an [`Error`]: the readers and the import
    /// jobs that build errors from them.
    fn sources() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(root.join("src/ingest"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .filter(|p| !p.ends_with("error.rs") && !p.ends_with("error_zh.rs"))
            .collect();
        files.push(root.join("src/jobs/import.rs"));
        files.sort();
        files
            .into_iter()
            .map(|p| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn every_phrase_the_readers_write_has_a_chinese_rendering() {
        let phrase = |t: &str| {
            t.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 1)
                .count()
                >= 2
                && t.contains(' ')
        };
        let (mut checked, mut missing, mut ignored) = (0, Vec::new(), Vec::new());
        for (file, src) in sources() {
            for (line, literal) in literals(&src) {
                let sample = filled(&literal);
                if !phrase(&sample) {
                    continue;
                }
                if let Some((_, _)) = NOT_PHRASES.iter().find(|(p, _)| *p == sample) {
                    ignored.push(sample);
                    continue;
                }
                checked += 1;
                let z = zh(&sample);
                // Left as written only when nothing in it is English prose.
                let unchanged = z == sample && english_left(&format!("{z} is")).is_some();
                if let Some(w) = english_left(&z).or(unchanged.then(|| "unchanged".into())) {
                    missing.push(format!("{file}:{line}: \"{sample}\" → \"{z}\" ({w})"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "phrases without Chinese:\n{}",
            missing.join("\n")
        );
        // The scan sees the phrases (not nothing), and the ignore list names only literals
        // that are still there.
        assert!(checked > 100, "only {checked} phrases found");
        for (p, why) in NOT_PHRASES {
            assert!(
                ignored.iter().any(|i| i == p),
                "no longer in the sources: {p} ({why})"
            );
        }
    }

    #[test]
    fn the_scan_finds_multi_line_and_formatted_literals() {
        let src =
            "let a = \"one \\\n   two\"; // \"comment\"\nlet c = b'\"'; format!(\"{x} is {}\");";
        let found: Vec<String> = literals(src).into_iter().map(|(_, t)| t).collect();
        assert_eq!(found, ["one two", "{x} is {}"]);
        assert_eq!(filled("{what} {} is a {day}"), "close 7 is a Saturday");
        assert_eq!(
            english_left("第 3 行：is not a price"),
            Some("'is not'".into())
        );
        assert_eq!(english_left("请给出 --code 002881.SZ（JSON Lines）"), None);
    }

    #[test]
    fn every_kind_of_error_reads_in_chinese() {
        let file = "x.csv".to_string();
        let errors = [
            Error::Io {
                file: file.clone(),
                cause: std::io::Error::from(std::io::ErrorKind::NotFound),
            },
            Error::Io {
                file: file.clone(),
                cause: std::io::Error::other("the decompression thread stopped"),
            },
            Error::Encoding {
                file: file.clone(),
                encoding: "UTF-16 (or binary: a quarter of its bytes are NUL)",
            },
            Error::Encoding {
                file: file.clone(),
                encoding: "not text in UTF-8 or GBK (binary data? an .xlsx or .zip?)",
            },
            Error::MixedEncoding {
                file: file.clone(),
                line: 3,
            },
            Error::Empty { file: file.clone() },
            Error::UnknownHeader {
                file: file.clone(),
                header: "a,b".into(),
            },
            Error::MissingColumn {
                file: file.clone(),
                format: "generic members",
                column: "code (or ts_code)",
                header: "a,b".into(),
            },
            Error::Adjusted {
                file: file.clone(),
                reason: "the file name mentions 'qfq', i.e. adjusted prices".into(),
            },
            Error::NoCode { file: file.clone() },
            Error::NoStockCode {
                file: file.clone(),
                format: "AkShare",
            },
            Error::Csv {
                file: file.clone(),
                line: 2,
                problem: "found 3 fields where the header has 5".into(),
            },
            Error::Row {
                file: file.clone(),
                line: 2,
                problem: "high 10.00 is below low 11.00".into(),
            },
            Error::Duplicate {
                file: file.clone(),
                line: 3,
                first_line: 2,
                symbol: "600000.SH".into(),
                date: "2025-02-07".into(),
            },
            Error::Json {
                file: file.clone(),
                line: 2,
                problem: "EOF while parsing a string at column 12".into(),
            },
            Error::Json {
                file: file.clone(),
                line: 2,
                problem: "found an array".into(),
            },
            Error::MissingField {
                file: file.clone(),
                line: 2,
                field: "code, date and kind".into(),
                fix: "add a date such as 2025-02-07, or pass --date".into(),
            },
            Error::DocHeader {
                file: file.clone(),
                header: "a,b".into(),
            },
            Error::NeedsFlags {
                file: file.clone(),
                format: "text",
                missing: vec![
                    super::super::Needed::Code,
                    super::super::Needed::Date,
                    super::super::Needed::Kind,
                ],
            },
            Error::Pdf {
                file: file.clone(),
                reason: "lopdf: the PDF has no pages; pdftotext: no text layer (a scanned \
                         image?); run OCR on it first"
                    .into(),
            },
        ];
        for e in &errors {
            let z = e.message(Lang::Zh);
            assert_eq!(english_left(&z), None, "{z}");
            assert!(
                z.starts_with("x.csv") || z.starts_with("无法读取 x.csv"),
                "{z}"
            );
        }
        assert_eq!(
            errors[14].message(Lang::Zh),
            "x.csv 第 2 行：不是 JSON 对象（第 12 列：字符串没有结束（缺引号？））；每行写一个 JSON 文档"
        );
    }
}
