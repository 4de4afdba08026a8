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
use hypecheck::ingest::{DocDefaults, Progress};
use hypecheck::jobs::import;
use hypecheck::messages;
use hypecheck::model::{Date, DocKind, Lang, Symbol};
use hypecheck::report;
use hypecheck::store::Store;
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

/// Runs the import.
pub fn run(cmd: ImportCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let mut store = super::open_store(global)?;
    let (files, job) = match cmd {
        ImportCommand::Bars { files } => (files, Job::Bars),
        ImportCommand::Index { files, code } => {
            let code = code.as_deref().map(Symbol::parse_index).transpose();
            (files, Job::Index(code.context("--code")?))
        }
        ImportCommand::Segments { files } => (files, Job::Segments),
        ImportCommand::Members {
            files,
            theme,
            source,
        } => (files, Job::Members { theme, source }),
        ImportCommand::St { files } => (files, Job::St),
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
            (files, Job::Docs(defaults))
        }
    };
    let mut importer = Importer::new(&mut store, lang);
    import_all(&files, lang, |path| importer.file(&job, path))
}

/// What kind of file to import, with what it needs.
pub(super) enum Job {
    /// Stock bars.
    Bars,
    /// Index bars, of this index when the file has no code column.
    Index(Option<Symbol>),
    /// Documents, with defaults for what the file lacks.
    Docs(DocDefaults),
    /// Revenue composition.
    Segments,
    /// Members of a theme; `source` for rows without one.
    Members {
        theme: String,
        source: Option<String>,
    },
    /// An ST list.
    St,
}

/// Imports files into one store for one run: shows a progress bar on big files and says
/// once per run that a bar file lacks the previous close.
pub(super) struct Importer<'s> {
    store: &'s mut Store,
    lang: Lang,
    warned_prev_close: bool,
}

impl<'s> Importer<'s> {
    pub(super) fn new(store: &'s mut Store, lang: Lang) -> Importer<'s> {
        Importer {
            store,
            lang,
            warned_prev_close: false,
        }
    }

    /// Imports one file in one transaction; its summary line, or why it was refused.
    pub(super) fn file(&mut self, job: &Job, path: &Path) -> anyhow::Result<String> {
        let (store, lang) = (&mut *self.store, self.lang);
        let mut bar: Option<ProgressBar> = None;
        let mut tick = |p: &Progress| {
            bar.get_or_insert_with(|| progress_bar(p))
                .set_position(p.read());
        };
        let summary = match job {
            Job::Bars => import::bars(store, path, &mut tick),
            Job::Index(code) => import::index(store, path, *code, &mut tick),
            Job::Docs(defaults) => import::docs(store, path, *defaults),
            Job::Segments => import::segments(store, path),
            Job::Members { theme, source } => {
                import::members(store, path, theme, source.as_deref())
            }
            Job::St => {
                let s = import::st(store, path).map_err(|e| refused(e, lang))?;
                if let Some(note) = report::import::st_missing_days(&s, lang) {
                    eprintln!("{note}");
                }
                return Ok(report::import::st_summary(&s, lang));
            }
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let summary = summary.map_err(|e| refused(e, lang))?;
        if summary.what == (import::What::Bars { prev_close: false }) && !self.warned_prev_close {
            self.warned_prev_close = true;
            eprintln!("{}", report::import::no_prev_close(&summary.file, lang));
        }
        Ok(report::import::summary(&summary, lang))
    }
}

/// A refused file's error in the user's language; reader and store errors keep their
/// cause chain.
fn refused(e: import::Error, lang: Lang) -> anyhow::Error {
    match e {
        import::Error::Read(e) => e.into(),
        import::Error::Store(e) => e.into(),
        other => anyhow::anyhow!(other.message(lang)),
    }
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
            messages::files_refused(lang, refused.len(), files.len())
        );
    }
    Ok(ExitCode::SUCCESS)
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
