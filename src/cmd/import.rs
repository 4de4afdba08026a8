//! `hypecheck import bars|index|docs|segments|members|st FILE...`: reads bar, document,
//! revenue-composition, theme-member and ST-list files with `ingest` and stores them with
//! `store`, one transaction per file, printing one summary line per file.
//!
//! A file with bad rows is refused whole: every bad row is reported (the first ten shown)
//! and nothing of the file is stored. A PDF whose text cannot be extracted is refused with
//! the reason. Other files of the same run are still imported; the exit status is 1 when
//! any file was refused.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::ingest::{
    self, BarReader, DocDefaults, DocReader, IndexReader, MemberReader, Progress, SegmentReader,
};
use hypecheck::model::{Date, DocKind, Lang, Symbol};
use hypecheck::store::{ImportCounts, Store};
use indicatif::{ProgressBar, ProgressStyle};

use super::{args, Global};

/// What to import.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// Daily bars of stocks (AkShare, Tushare, baostock or generic CSV; gzip; UTF-8/GBK)
    Bars {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Daily bars of a benchmark index
    Index {
        /// Files to import
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The index code with its exchange (000001.SH); needed when the file has no code column
        #[arg(long)]
        code: Option<String>,
    },
    /// Revenue composition (主营构成): AkShare stock_zygc_em CSV or generic
    /// code,period,kind,segment,revenue,share
    Segments {
        /// Files to import; each replaces the breakdowns (company, period, kind) it carries
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Theme members: code[,name][,reason][,source][,date] or an AkShare
    /// stock_board_concept_cons_em export (代码, 名称)
    Members {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The theme the stocks belong to (e.g. deepseek)
        #[arg(long, value_parser = parse_theme_id)]
        theme: String,
        /// The source of rows without a source column (default: user, or eastmoney for an
        /// AkShare export)
        #[arg(long)]
        source: Option<String>,
    },
    /// Dated ST lists: Tushare stock_st (ts_code,name,trade_date,...) or code,start,end,kind
    St {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Documents: JSON Lines, CSV, AkShare 互动易/e互动 exports, .txt, .pdf (text extracted)
    Docs {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The stock of .txt and .pdf files and of documents without a code
        #[arg(long, value_parser = args::code)]
        code: Option<Symbol>,
        /// The date (YYYY-MM-DD) of .txt and .pdf files and of documents without one
        #[arg(long, value_parser = super::parse_date)]
        date: Option<Date>,
        /// announcement, qa, post or news, for documents without a kind (.pdf: announcement)
        #[arg(long, value_parser = args::kind)]
        kind: Option<DocKind>,
    },
}

/// Files larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 4 << 20;

/// How many bad rows of one file are shown.
const SHOWN_BAD_ROWS: usize = 10;

/// Runs the import.
pub fn run(cmd: ImportCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let mut store = super::open_store(global)?;
    let (files, code) = match cmd {
        ImportCommand::Segments { files } => {
            return import_all(&files, lang, |p| import_segments(&mut store, p, lang));
        }
        ImportCommand::Members {
            files,
            theme,
            source,
        } => {
            return import_all(&files, lang, |p| {
                import_members(&mut store, p, &theme, source.as_deref(), lang)
            });
        }
        ImportCommand::St { files } => return st::run(&mut store, &files, lang),
        ImportCommand::Docs {
            files,
            code,
            date,
            kind,
        } => {
            let defaults = DocDefaults {
                symbol: code,
                date,
                kind,
            };
            return import_all(&files, lang, |path| {
                import_docs(&mut store, path, defaults, lang)
            });
        }
        ImportCommand::Bars { files } => (files, None),
        ImportCommand::Index { files, code } => {
            let code = match code {
                Some(c) => Some(Symbol::parse_index(&c).context("--code")?),
                None => None,
            };
            (files, Some(code))
        }
    };
    let mut warned_prev_close = false;
    import_all(&files, lang, |path| match code {
        None => import_bars(&mut store, path, lang, &mut warned_prev_close),
        Some(code) => import_index(&mut store, path, code, lang),
    })
}

/// Imports each file with `import`, printing its summary line; a refused file is reported
/// and the others go on (with one file, its error is the command's error).
fn import_all(
    files: &[PathBuf],
    lang: Lang,
    mut import: impl FnMut(&Path) -> anyhow::Result<String>,
) -> anyhow::Result<ExitCode> {
    let mut refused = Vec::new();
    for path in files {
        match import(path) {
            Ok(line) => super::emit(&format!("{line}\n"))?,
            Err(e) if files.len() == 1 => return Err(e),
            Err(e) => {
                eprintln!("hypecheck: {e:#}");
                refused.push(path);
            }
        }
    }
    if !refused.is_empty() {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Zh => format!("{} 个文件中有 {} 个被拒绝导入", files.len(), refused.len()),
                Lang::En => format!("{} of {} files refused", refused.len(), files.len()),
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports one bar file; returns its summary line.
pub(super) fn import_bars(
    store: &mut Store,
    path: &Path,
    lang: Lang,
    warned_prev_close: &mut bool,
) -> anyhow::Result<String> {
    let mut reader = BarReader::open(path)?;
    if !reader.has_prev_close() && !*warned_prev_close {
        *warned_prev_close = true;
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "注意：{} 没有昨收（prev_close）列，前收盘取上一交易日收盘价，除权除息日的涨跌停可能被误判",
                    reader.file()
                ),
                Lang::En => format!(
                    "note: {} has no prev_close column; the previous close is taken from the \
                     previous bar, so ex-rights days may be misjudged",
                    reader.file()
                ),
            }
        );
    }
    let bar = progress_bar(reader.progress());
    let mut bad = BadRows::default();
    let counts = store.import_bars(|sink| -> anyhow::Result<()> {
        let mut n = 0u64;
        loop {
            n += 1;
            match reader.next_row() {
                Ok(Some(row)) if bad.count == 0 => sink.add(row.symbol, row.name, &row.bar)?,
                // Once a row is bad nothing will be stored: only look for more bad rows.
                Ok(Some(_)) => {}
                Ok(None) => break,
                Err(e) if e.is_row_error() => bad.push(e),
                Err(e) => return Err(e.into()),
            }
            if n % 65536 == 0 {
                bar.set_position(reader.progress().read());
            }
        }
        bad.check(reader.file(), lang)
    });
    bar.finish_and_clear();
    let counts = counts?;
    let stats = reader.stats();
    let mut line = summary(
        reader.file(),
        reader.format().name(),
        stats.lines(),
        counts,
        lang,
    );
    for (n, zh, en) in [
        (stats.suspended, "跳过停牌", "suspended skipped"),
        (stats.b_shares, "跳过 B 股", "B-share rows skipped"),
        (stats.repeated, "重复行", "repeated rows"),
    ] {
        if n > 0 {
            line += &match lang {
                Lang::Zh => format!("，{zh} {n}"),
                Lang::En => format!(", {n} {en}"),
            };
        }
    }
    Ok(line)
}

/// Imports one document file; returns its summary line.
pub(super) fn import_docs(
    store: &mut Store,
    path: &Path,
    defaults: DocDefaults,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut reader = DocReader::open(path, defaults)?;
    let mut bad = BadRows::default();
    let counts = store.import_docs(|sink| -> anyhow::Result<()> {
        bad.drain(
            || reader.next_doc(),
            |row| {
                sink.add(&row.doc, row.name.as_deref())?;
                Ok(())
            },
        )?;
        bad.check(reader.file(), lang)
    })?;
    let (file, format) = (reader.file(), reader.format().name());
    let mut line = match lang {
        Lang::Zh => format!(
            "{file}（{format}）：读取 {} 篇，新增 {}，更新 {}，未变 {}，拒绝 0",
            counts.read, counts.added, counts.updated, counts.unchanged
        ),
        Lang::En => format!(
            "{file} ({format}): {} documents read, {} added, {} updated, {} unchanged, 0 rejected",
            counts.read, counts.added, counts.updated, counts.unchanged
        ),
    };
    if let Some(m) = reader.pdf_method() {
        line += &match lang {
            Lang::Zh => format!("，文本由 {} 提取", m.name()),
            Lang::En => format!(", text extracted with {}", m.name()),
        };
    }
    Ok(line)
}

/// Imports one index file; returns its summary line.
pub(super) fn import_index(
    store: &mut Store,
    path: &Path,
    code: Option<Symbol>,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut reader = IndexReader::open(path, code)?;
    let bar = progress_bar(reader.progress());
    let mut bad = BadRows::default();
    let mut symbols = Vec::new();
    let counts = store.import_index(|sink| -> anyhow::Result<()> {
        bad.drain(
            || reader.next_row(),
            |row| {
                if !symbols.contains(&row.symbol) {
                    symbols.push(row.symbol);
                }
                sink.add(row.symbol, &row.bar)?;
                Ok(())
            },
        )?;
        bad.check(reader.file(), lang)
    });
    bar.finish_and_clear();
    let counts = counts?;
    let names: Vec<String> = symbols.iter().map(Symbol::to_string).collect();
    let what = format!("{} {}", reader.format().name(), names.join(" "));
    let mut line = summary(
        reader.file(),
        what.trim_end(),
        reader.rows_read() + reader.skipped(),
        counts,
        lang,
    );
    let n = reader.skipped();
    if n > 0 {
        line += &match lang {
            Lang::Zh => format!("，跳过无价格行 {n}"),
            Lang::En => format!(", {n} rows without prices skipped"),
        };
    }
    let n = reader.inconsistent();
    if n > 0 {
        line += &match lang {
            Lang::Zh => format!("，其中 {n} 行开盘或收盘不在最高最低之间（按原样保存）"),
            Lang::En => format!(", {n} rows with open or close outside high-low kept as given"),
        };
    }
    Ok(line)
}

/// Imports one revenue-composition file; returns its summary line.
pub(super) fn import_segments(
    store: &mut Store,
    path: &Path,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut reader = SegmentReader::open(path)?;
    let mut bad = BadRows::default();
    let mut symbols = Vec::new();
    let counts = store.import_segments(|sink| -> anyhow::Result<()> {
        bad.drain(
            || reader.next_row(),
            |rec| {
                if !symbols.contains(&rec.symbol) {
                    symbols.push(rec.symbol);
                }
                sink.add(rec.symbol, &rec.row)?;
                Ok(())
            },
        )?;
        bad.check(reader.file(), lang)
    })?;
    // A whole-market file names thousands of companies: the line shows the first few.
    let mut names: Vec<String> = symbols.iter().take(3).map(Symbol::to_string).collect();
    if symbols.len() > 3 {
        names.push(match lang {
            Lang::Zh => format!("等 {} 家公司", symbols.len()),
            Lang::En => format!("... {} companies", symbols.len()),
        });
    }
    let what = format!("{} {}", reader.format().name(), names.join(" "));
    let read = reader.rows_read() + reader.repeated();
    let mut line = summary(reader.file(), what.trim_end(), read, counts.rows, lang);
    for (n, zh, en) in [
        (reader.repeated(), "重复行", "repeated rows"),
        (
            counts.removed,
            "删除新表中已不存在的旧分项",
            "old segments no longer listed removed",
        ),
    ] {
        if n > 0 {
            line += &match lang {
                Lang::Zh => format!("，{zh} {n}"),
                Lang::En => format!(", {n} {en}"),
            };
        }
    }
    Ok(line)
}

/// Imports one theme-member file into `theme`; returns its summary line.
pub(super) fn import_members(
    store: &mut Store,
    path: &Path,
    theme: &str,
    source: Option<&str>,
    lang: Lang,
) -> anyhow::Result<String> {
    let mut reader = MemberReader::open(path)?;
    let mut bad = BadRows::default();
    let counts = store.import_members(theme, |sink| -> anyhow::Result<()> {
        bad.drain(
            || reader.next_row(),
            |m| {
                let source = m.source.as_deref().or(source).unwrap_or("user");
                sink.add(
                    m.symbol,
                    m.name.as_deref(),
                    m.reason.as_deref(),
                    source,
                    m.joined,
                )?;
                Ok(())
            },
        )?;
        bad.check(reader.file(), lang)
    })?;
    let what = match lang {
        Lang::Zh => format!("{}，题材 {theme}", reader.format().name()),
        Lang::En => format!("{}, theme {theme}", reader.format().name()),
    };
    let read = reader.rows_read() + reader.repeated();
    let mut line = summary(reader.file(), &what, read, counts, lang);
    let n = reader.repeated();
    if n > 0 {
        line += &match lang {
            Lang::Zh => format!("，重复行 {n}"),
            Lang::En => format!(", {n} repeated rows"),
        };
    }
    Ok(line)
}

/// A theme id (clap value parser): letters, digits, `-`, `_` or `.`, as in theme files.
pub(super) fn parse_theme_id(s: &str) -> Result<String, String> {
    let t = s.trim();
    if !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        Ok(t.to_string())
    } else {
        Err(format!(
            "'{s}' is not a theme id: use letters, digits, '-', '_' or '.' (e.g. deepseek)"
        ))
    }
}

/// One summary line: rows read, added, updated, unchanged, rejected (0: a file with a bad
/// row is refused whole and reported as an error instead).
fn summary(file: &str, what: &str, read: u64, c: ImportCounts, lang: Lang) -> String {
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

/// The bad rows of one file.
#[derive(Default)]
struct BadRows {
    count: usize,
    shown: Vec<ingest::Error>,
}

impl BadRows {
    /// Reads every row with `next`, handing each to `add` until the first bad row; after
    /// that nothing more is stored (the file will be refused), but the rest of the file is
    /// still read so every bad row can be reported.
    fn drain<R>(
        &mut self,
        mut next: impl FnMut() -> Result<Option<R>, ingest::Error>,
        mut add: impl FnMut(R) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        loop {
            match next() {
                Ok(Some(row)) if self.count == 0 => add(row)?,
                Ok(Some(_)) => {}
                Ok(None) => return Ok(()),
                Err(e) if e.is_row_error() => self.push(e),
                Err(e) => return Err(e.into()),
            }
        }
    }

    fn push(&mut self, e: ingest::Error) {
        self.count += 1;
        if self.shown.len() < SHOWN_BAD_ROWS {
            self.shown.push(e);
        }
    }

    /// `Err` listing the bad rows when there are any, which rolls the file back.
    fn check(&self, file: &str, lang: Lang) -> anyhow::Result<()> {
        if self.count == 0 {
            return Ok(());
        }
        let mut msg = match lang {
            Lang::Zh => format!("{file}：{} 行有误，整个文件未导入（已回滚）", self.count),
            Lang::En => format!(
                "{file}: {} bad row{}; nothing from this file was stored",
                self.count,
                if self.count == 1 { "" } else { "s" }
            ),
        };
        for e in &self.shown {
            msg += &format!("\n  {e}");
        }
        if self.count > self.shown.len() {
            let more = self.count - self.shown.len();
            msg += &match lang {
                Lang::Zh => format!("\n  ……另有 {more} 行有误"),
                Lang::En => format!("\n  ... and {more} more"),
            };
        }
        Err(anyhow::anyhow!(msg))
    }
}

/// A byte progress bar on stderr for big files when stderr is a terminal; hidden otherwise.
fn progress_bar(p: &Progress) -> ProgressBar {
    if !std::io::stderr().is_terminal() || p.total() < PROGRESS_MIN_BYTES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(p.total());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// `import st`: dated ST lists (see `hypecheck::ingest::StList` for what they mean).
mod st {
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use hypecheck::ingest::{StFormat, StList, StReader};
    use hypecheck::model::Lang;
    use hypecheck::store::{StPeriod, StSource, Store};

    use super::BadRows;

    /// Imports each file in its own transaction, like `run` does for bars.
    pub(super) fn run(
        store: &mut Store,
        files: &[PathBuf],
        lang: Lang,
    ) -> anyhow::Result<ExitCode> {
        let mut refused = 0;
        for path in files {
            match import(store, path, lang) {
                Ok(line) => super::super::emit(&format!("{line}\n"))?,
                Err(e) if files.len() == 1 => return Err(e),
                Err(e) => {
                    eprintln!("hypecheck: {e:#}");
                    refused += 1;
                }
            }
        }
        if refused > 0 {
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Zh => format!("{} 个文件中有 {refused} 个被拒绝导入", files.len()),
                    Lang::En => format!("{refused} of {} files refused", files.len()),
                }
            );
        }
        Ok(ExitCode::SUCCESS)
    }

    /// Imports one ST list; returns its summary line.
    fn import(store: &mut Store, path: &Path, lang: Lang) -> anyhow::Result<String> {
        let mut reader = StReader::open(path)?;
        let (mut rows, mut bad) = (Vec::new(), BadRows::default());
        loop {
            match reader.next_row() {
                Ok(Some(row)) => rows.push(row),
                Ok(None) => break,
                Err(e) if e.is_row_error() => bad.push(e),
                Err(e) => return Err(e.into()),
            }
        }
        bad.check(reader.file(), lang)?;
        let list = StList::new(reader.format(), rows);
        if list.format == StFormat::Daily && list.stocks() == 1 {
            // Absence from a daily list means "not ST", which only holds for a list of the
            // whole market (pro.stock_st by trade date, not by ts_code).
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "{}：每日 ST 名单只有一只股票；名单须包含当天全部 ST 股票（未列出即视为非 ST）。\
                         单只股票的 ST 区间请写成 code,start,end,kind",
                        reader.file()
                    ),
                    Lang::En => format!(
                        "{}: the daily ST list names a single stock; it must name every ST stock \
                         of each day (absence means not ST); write one stock's periods as \
                         code,start,end,kind",
                        reader.file()
                    ),
                }
            );
        }
        let source = match list.format {
            StFormat::Daily => StSource::DailyList,
            StFormat::Periods => StSource::Periods,
        };
        let periods: Vec<StPeriod> = list
            .periods
            .iter()
            .map(|p| StPeriod {
                symbol: p.symbol,
                start: p.start,
                end: p.end,
                kind: p.kind.as_str().to_string(),
            })
            .collect();
        let c = store.import_st(source, list.coverage, &periods)?;
        let (file, what, n) = (reader.file(), list.format.name(), reader.rows());
        let mut line = match lang {
            Lang::Zh => format!(
                "{file}（{what}）：读取 {n} 行，{} 只股票 {} 个 ST 区间；仓库新增 {}，移除 {}，未变 {}",
                list.stocks(),
                c.read,
                c.added,
                c.removed,
                c.unchanged
            ),
            Lang::En => format!(
                "{file} ({what}): {n} rows read, {} ST periods of {} stocks; stored {} added, \
                 {} removed, {} unchanged",
                c.read,
                list.stocks(),
                c.added,
                c.removed,
                c.unchanged
            ),
        };
        if let Some((a, b)) = list.coverage {
            warn_missing_days(store, &list, file, lang)?;
            line += &match lang {
                Lang::Zh => format!("；覆盖 {a} 至 {b}（期间未列出的股票视为非 ST）"),
                Lang::En => format!("; covers {a} to {b} (stocks not listed then are not ST)"),
            };
        }
        Ok(line)
    }

    /// Warns when the store has trading days inside the list's coverage that the list
    /// lacks (a page not downloaded?): on those days every stock reads as not ST.
    fn warn_missing_days(
        store: &Store,
        list: &StList,
        file: &str,
        lang: Lang,
    ) -> anyhow::Result<()> {
        let Some((a, b)) = list.coverage else {
            return Ok(());
        };
        let missing: Vec<String> = store
            .trading_dates(a..=b)?
            .into_iter()
            .filter(|d| list.calendar.binary_search(d).is_err())
            .map(|d| d.to_string())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let shown = missing[..missing.len().min(3)].join(", ");
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "注意：{file} 缺少仓库中的 {} 个交易日（{shown}）；这些日期所有股票都会被视为非 ST，请补全名单",
                    missing.len()
                ),
                Lang::En => format!(
                    "note: {file} lacks {} trading day{} the store has ({shown}); every stock \
                     reads as not ST on them, so complete the list",
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            }
        );
        Ok(())
    }
}
