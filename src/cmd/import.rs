//! `hypecheck import bars|index|docs|segments|shares|members|st FILE...`: reads bar, document,
//! revenue-composition, share-count, theme-member and ST-list files with `ingest` and stores them with
//! `store`, one transaction per file, printing one summary line per file.
//!
//! A file with bad rows is refused whole: every bad row is reported (the first ten shown)
//! and nothing of the file is stored. A PDF whose text cannot be extracted is refused with
//! the reason. Other files of the same run are still imported; the exit status is 1 when
//! any file was refused.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::messages;
use hypecheck::model::{DocKind, Lang, Symbol};

use super::importer::Importer;
use super::{args, Global};
use hypecheck::jobs::import::Job;

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
    /// Share counts (股本), giving 换手率, 流通市值 and 总市值: code,date,float_shares,total_shares
    /// (in shares), Tushare daily_basic (float_share/total_share in 万股) or AkShare
    /// stock_value_em, stock_zh_a_gbjg_em, stock_share_change_cninfo
    Shares {
        /// Files to import, each in one transaction; a row holds from its date on
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The stock of a file without a code column (AkShare's per-stock frames), e.g. 002881
        #[arg(long)]
        code: Option<String>,
    },
    /// Theme members: code[,name][,reason][,source][,date] or an AkShare
    /// stock_board_concept_cons_em export (代码, 名称)
    Members {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The theme the stocks belong to (e.g. deepseek)
        #[arg(long, value_parser = args::theme_id)]
        theme: String,
        /// The source of rows without a source column (default: user, or eastmoney for an
        /// AkShare export)
        #[arg(long)]
        source: Option<String>,
    },
    /// Listing dates (上市日期): code,listing_date (also list_date, 上市日期); they win over
    /// the listing inferred from a stock's first bar
    Listings {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Dated names (a name-change history): code,date,name, the name from that date on (an
    /// empty date: the name before the first change); also Tushare namechange and the SZSE
    /// list (变更日期, 证券代码, 变更后简称). The ladder shows the name of its day, and a
    /// dated ST prefix decides ST status where no ST list does
    Names {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Code changes: old_code,new_code[,date] (原代码, 新代码, 切换日期); the old code's bars
    /// join the new code's history (BSE 43x/83x/87x/88x codes moved to 920xxx on 2025-10-09,
    /// the date taken when the file has none)
    Codes {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
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
        #[command(flatten)]
        flags: args::DocFlags,
        /// announcement, regulator, qa, post or news (or a kind word such as 公告, 互动易), for documents without a kind (.pdf: announcement)
        #[arg(long, value_parser = args::kind)]
        kind: Option<DocKind>,
    },
}

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
        ImportCommand::Shares { files, code } => {
            let code = code.as_deref().map(Symbol::parse_stock).transpose();
            (files, Job::Shares(code.context("--code")?))
        }
        ImportCommand::Members {
            files,
            theme,
            source,
        } => (files, Job::Members { theme, source }),
        ImportCommand::St { files } => (files, Job::St),
        ImportCommand::Listings { files } => (files, Job::Listings),
        ImportCommand::Names { files } => (files, Job::Names),
        ImportCommand::Codes { files } => (files, Job::Codes),
        ImportCommand::Docs { files, flags, kind } => (files, Job::Docs(flags.defaults(kind))),
    };
    let mut importer = Importer::new(&mut store, lang);
    import_all(&files, lang, |path| importer.file(&job, path))
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
