//! The summary line of an imported file, in the user's language.

use crate::jobs::import::{Note, StSummary, Summary, What};
use crate::messages;
use crate::model::{Lang, Symbol};
use crate::store::ImportCounts;

/// How many companies a segments summary names before it counts the rest.
const SHOWN_COMPANIES: usize = 3;

/// One line: what the file was, rows read, added, updated, unchanged and rejected (0: a
/// file with a bad row is refused whole, and that is an error instead), then the notes.
pub fn summary(s: &Summary, lang: Lang) -> String {
    let (file, format) = (&s.file, s.format);
    if let What::Docs(pdf) = &s.what {
        let c = &s.counts;
        let mut line = match lang {
            Lang::Zh => format!(
                "{file}（{format}）：读取 {} 篇，新增 {}，更新 {}，未变 {}，拒绝 0",
                c.read, c.added, c.updated, c.unchanged
            ),
            Lang::En => format!(
                "{file} ({format}): {} documents read, {} added, {} updated, {} unchanged, 0 rejected",
                c.read, c.added, c.updated, c.unchanged
            ),
        };
        if let Some(m) = pdf {
            line += &match lang {
                Lang::Zh => format!("，文本由 {} 提取", m.name()),
                Lang::En => format!(", text extracted with {}", m.name()),
            };
        }
        for &(note, n) in &s.notes {
            line += &match lang {
                Lang::Zh => format!("，{} {n}", note_zh(note)),
                Lang::En => format!(", {n} {}", note_en(note)),
            };
        }
        return line;
    }
    let what = match &s.what {
        What::Bars { .. } | What::Docs(_) => format.to_string(),
        What::Listings => lang.pick("上市日期", "listings").to_string(),
        What::Names => lang.pick("更名历史", "names").to_string(),
        What::CodeChanges => lang.pick("代码变更", "code changes").to_string(),
        What::Index(symbols) => format!("{format} {}", codes(symbols)),
        What::Segments(symbols) | What::Shares(symbols) => {
            let mut names = codes(&symbols[..symbols.len().min(SHOWN_COMPANIES)]);
            if symbols.len() > SHOWN_COMPANIES {
                names += &match lang {
                    Lang::Zh => format!(" 等 {} 家公司", symbols.len()),
                    Lang::En => format!(" ... {} companies", symbols.len()),
                };
            }
            format!("{format} {names}")
        }
        What::Members(theme) => match lang {
            Lang::Zh => format!("{format}，题材 {theme}"),
            Lang::En => format!("{format}, theme {theme}"),
        },
    };
    let mut line = counts_line(file, what.trim_end(), s.read, &s.counts, lang);
    for &(note, n) in &s.notes {
        line += &match (note, lang) {
            (Note::Inconsistent, Lang::Zh) => {
                format!("，其中 {n} 行开盘或收盘不在最高最低之间（按原样保存）")
            }
            (note, Lang::Zh) => format!("，{} {n}", note_zh(note)),
            (note, Lang::En) => format!(", {n} {}", note_en(note)),
        };
    }
    line
}

fn codes(symbols: &[Symbol]) -> String {
    let list: Vec<String> = symbols.iter().map(Symbol::to_string).collect();
    list.join(" ")
}

fn note_zh(n: Note) -> &'static str {
    match n {
        Note::Suspended => "跳过停牌",
        Note::BShares => "跳过 B 股",
        Note::Repeated => "重复行",
        Note::NoPrices => "跳过无价格行",
        Note::Inconsistent => "行开盘或收盘不在最高最低之间",
        Note::SegmentsRemoved => "删除新表中已不存在的旧分项",
        Note::UnreadablePdfs => "跳过无法提取文本的 PDF",
        Note::UndatedAnswers => "回答日期缺失（按提问日期计）",
    }
}

fn note_en(n: Note) -> &'static str {
    match n {
        Note::Suspended => "suspended skipped",
        Note::BShares => "B-share rows skipped",
        Note::Repeated => "repeated rows",
        Note::NoPrices => "rows without prices skipped",
        Note::Inconsistent => "rows with open or close outside high-low kept as given",
        Note::SegmentsRemoved => "old segments no longer listed removed",
        Note::UnreadablePdfs => "PDFs without extractable text skipped",
        Note::UndatedAnswers => "answers without a date (counted from their question's date)",
    }
}

fn counts_line(file: &str, what: &str, read: u64, c: &ImportCounts, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{file}（{what}）：读取 {read} 行，新增 {}，更新 {}，未变 {}，拒绝 0",
            c.added, c.updated, c.unchanged
        ),
        Lang::En => format!(
            "{file} ({what}): {read} rows read, {} added, {} updated, {} unchanged, 0 rejected",
            c.added, c.updated, c.unchanged
        ),
    }
}

/// The note printed once per run when a bar file has no previous-close column.
pub fn no_prev_close(file: &str, lang: Lang) -> String {
    messages::no_prev_close(lang, file)
}

/// The summary line of an ST list.
pub fn st_summary(s: &StSummary, lang: Lang) -> String {
    let (file, what, n, c) = (&s.file, s.format.name(), s.rows, &s.counts);
    let mut line = match lang {
        Lang::Zh => format!(
            "{file}（{what}）：读取 {n} 行，{} 只股票 {} 个 ST 区间；仓库新增 {}，移除 {}，未变 {}",
            s.stocks, c.read, c.added, c.removed, c.unchanged
        ),
        Lang::En => format!(
            "{file} ({what}): {n} rows read, {} ST periods of {} stocks; stored {} added, \
             {} removed, {} unchanged",
            c.read, s.stocks, c.added, c.removed, c.unchanged
        ),
    };
    if let Some((a, b)) = s.coverage {
        line += &match lang {
            Lang::Zh => format!("；覆盖 {a} 至 {b}（期间未列出的股票视为非 ST）"),
            Lang::En => format!("; covers {a} to {b} (stocks not listed then are not ST)"),
        };
    }
    line
}

/// The warning about trading days a daily ST list lacks, when it lacks any.
pub fn st_missing_days(s: &StSummary, lang: Lang) -> Option<String> {
    let missing = &s.missing_days;
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<String> = missing.iter().take(3).map(|d| d.to_string()).collect();
    Some(messages::st_missing_days(
        lang,
        &s.file,
        missing.len(),
        &shown.join(", "),
    ))
}
