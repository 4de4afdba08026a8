//! The summary line of an imported file, in the user's language.

use crate::jobs::import::{Note, StSummary, Summary};
use crate::jobs::Kind;
use crate::messages;
use crate::model::{Lang, Symbol};
use crate::store::ImportCounts;

/// How many companies a segments summary names before it counts the rest.
const SHOWN_COMPANIES: usize = 3;

/// One line: what the file was, rows read, added, updated, unchanged and rejected (bad rows
/// set aside by `--skip-bad`; without it a file with a bad row is refused whole, and that
/// is an error instead), then the notes.
pub fn summary(s: &Summary, lang: Lang) -> String {
    let (file, format) = (&s.file, crate::jobs::import::format_label(s.format, lang));
    if s.kind == Kind::Docs {
        let c = &s.counts;
        let mut line = match lang {
            Lang::Zh => format!(
                "{file}（{format}）：读取 {} 篇，新增 {}，更新 {}，未变 {}，拒绝 {}",
                c.read, c.added, c.updated, c.unchanged, s.rejected
            ),
            Lang::En => format!(
                "{file} ({format}): {} documents read, {} added, {} updated, {} unchanged, {} rejected",
                c.read, c.added, c.updated, c.unchanged, s.rejected
            ),
        };
        if let Some(m) = s.pdf {
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
    let symbols = &s.symbols;
    let what = match s.kind {
        Kind::Bars | Kind::Docs | Kind::St => format.to_string(),
        Kind::Listings | Kind::Names | Kind::Codes => s.kind.label(lang).to_string(),
        Kind::Index => format!("{format} {}", codes(symbols)),
        Kind::Segments | Kind::Shares => {
            let mut names = codes(&symbols[..symbols.len().min(SHOWN_COMPANIES)]);
            if symbols.len() > SHOWN_COMPANIES {
                names += &match lang {
                    Lang::Zh => format!(" 等 {} 家公司", symbols.len()),
                    Lang::En => format!(" ... {} companies", symbols.len()),
                };
            }
            format!("{format} {names}")
        }
        Kind::Members => match (lang, s.theme.as_deref().unwrap_or_default()) {
            (Lang::Zh, theme) => format!("{format}，题材 {theme}"),
            (Lang::En, theme) => format!("{format}, theme {theme}"),
        },
    };
    let mut line = counts_line(file, what.trim_end(), s.read, &s.counts, s.rejected, lang);
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

fn counts_line(
    file: &str,
    what: &str,
    read: u64,
    c: &ImportCounts,
    rejected: u64,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "{file}（{what}）：读取 {read} 行，新增 {}，更新 {}，未变 {}，拒绝 {rejected}",
            c.added, c.updated, c.unchanged
        ),
        Lang::En => format!(
            "{file} ({what}): {read} rows read, {} added, {} updated, {} unchanged, \
             {rejected} rejected",
            c.added, c.updated, c.unchanged
        ),
    }
}

/// Where the rejected rows of a file went (`--skip-bad`), when it had any.
pub fn rejects_written(rejected: u64, path: &str, lang: Lang) -> String {
    messages::rejects_written(lang, rejected, path)
}

/// The note printed once per run when a bar file has no previous-close column.
pub fn no_prev_close(file: &str, lang: Lang) -> String {
    messages::no_prev_close(lang, file)
}

/// The summary line of an ST list.
pub fn st_summary(s: &StSummary, lang: Lang) -> String {
    let (file, what, n, c) = (
        &s.file,
        crate::jobs::import::format_label(s.format.name(), lang),
        s.rows,
        &s.counts,
    );
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
    if s.rejected > 0 {
        line += &match lang {
            Lang::Zh => format!("；拒绝 {} 行", s.rejected),
            Lang::En => format!("; {} rows rejected", s.rejected),
        };
    }
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
