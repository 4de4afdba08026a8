//! `hypecheck fetch ...`: live data through AkShare, into the store.
//!
//! The AkShare bridge (`python/hypecheck_fetch.py`) is embedded in the binary. Each fetch
//! writes it into the cache folder, runs it with `python3` (`--python` /
//! `HYPECHECK_PYTHON`), shows per-stock progress from its JSON event lines, reports the
//! stocks that failed and goes on, then imports the files it wrote with the same code as
//! `hypecheck import`. Files stay in the cache folder (`--cache`, default `hypecheck-cache`
//! beside the store), so a second run skips what is already there (`--force` fetches
//! again). Prices are always unadjusted (不复权): the bridge has no other mode.
//!
//! Investor Q&A and announcement lists are written as JSON Lines documents and imported
//! like `hypecheck import docs` (announcement lists carry titles and links; their PDF text
//! is not downloaded yet).

mod progress;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{bail, Context};
use hypecheck::messages;
use hypecheck::model::{Date, Lang, Symbol};
use hypecheck::store::Store;

use progress::Progress;

use super::import::{parse_theme_id, Importer, Job};
use super::{parse_date, Global};
use hypecheck::ingest::DocDefaults;

/// The bridge program, embedded so that an installed binary needs no source tree.
const BRIDGE: &str = include_str!("../../python/hypecheck_fetch.py");

/// The bridge's exit code when `import akshare` fails.
const EXIT_NO_AKSHARE: i32 = 3;

/// The bridge's exit code for bad usage.
const EXIT_USAGE: i32 = 2;

/// Arguments of `hypecheck fetch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
    /// The Python 3 interpreter with akshare and pandas installed
    #[arg(
        long,
        global = true,
        env = "HYPECHECK_PYTHON",
        default_value = "python3"
    )]
    python: PathBuf,
    /// Where fetched files are kept (default: hypecheck-cache beside the store); a second
    /// run skips the files already there
    #[arg(long, global = true, env = "HYPECHECK_CACHE")]
    cache: Option<PathBuf>,
    /// Fetch again even when the cache has the file
    #[arg(long, global = true)]
    force: bool,
}

/// What to fetch.
#[derive(Debug, clap::Subcommand)]
enum What {
    /// Unadjusted daily bars of stocks (AkShare stock_zh_a_hist)
    Bars {
        /// Stock codes (002881, 002881.SZ, sz002881)
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: Range,
    },
    /// Daily levels of benchmark indices (AkShare stock_zh_index_daily_em)
    Index {
        /// Index codes with their exchange (000001.SH, 399006.SZ)
        #[arg(required = true, value_parser = index_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: Range,
    },
    /// Investor Q&A (互动易 for SZSE, e互动 for SSE) as JSON Lines documents
    Qa {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        /// Ask 互动易 for each answer's exact date (one request per question; slow)
        #[arg(long)]
        answer_dates: bool,
    },
    /// Announcement lists (cninfo) as JSON Lines documents
    Announcements {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: OptionalRange,
    },
    /// Revenue composition (主营构成, AkShare stock_zygc_em)
    Segments {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
    },
    /// Members of an Eastmoney concept board (stock_board_concept_cons_em) as a theme
    Members {
        /// The board's name (e.g. 算力概念) or code (BK1134)
        #[arg(long)]
        board: String,
        /// The theme id to store the members under (e.g. compute)
        #[arg(long, value_parser = parse_theme_id)]
        theme: String,
    },
    /// Bars, segments, Q&A and announcements of every stock the store lists in a theme
    Theme {
        /// The theme id (its members come from import members or fetch members)
        #[arg(value_parser = parse_theme_id)]
        theme: String,
        #[command(flatten)]
        range: Range,
    },
}

/// A required date range.
#[derive(Debug, Clone, Copy, clap::Args)]
struct Range {
    /// First date (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    from: Date,
    /// Last date (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    to: Date,
}

/// An optional date range: by default the year up to today.
#[derive(Debug, Clone, Copy, clap::Args)]
struct OptionalRange {
    /// First date (default: one year before --to)
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Last date (default: today)
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
}

fn stock_code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_stock(s).map_err(|e| e.to_string())
}

fn index_code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_index(s).map_err(|e| e.to_string())
}

/// What a bridge request fetches: the bridge's subcommand and the kind of file it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bars,
    Index,
    Qa,
    Announcements,
    Segments,
    Members,
}

impl Kind {
    /// The bridge subcommand.
    fn name(self) -> &'static str {
        match self {
            Kind::Bars => "bars",
            Kind::Index => "index",
            Kind::Qa => "qa",
            Kind::Announcements => "announcements",
            Kind::Segments => "segments",
            Kind::Members => "members",
        }
    }
}

/// One event line of the bridge: `{"event": "progress"|"ok"|"error", ...}` with the stock
/// (`code`) or concept board (`board`) it is about.
#[derive(Debug, serde::Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
enum Event {
    /// A request started.
    Progress {
        code: Option<String>,
        board: Option<String>,
    },
    /// A request's file was written (or found in the cache: `skipped`).
    Ok {
        code: Option<String>,
        board: Option<String>,
        file: Option<String>,
        rows: Option<u64>,
        #[serde(default)]
        skipped: bool,
        message: Option<String>,
    },
    /// A request failed; without a stock or board, the whole run did.
    Error {
        code: Option<String>,
        board: Option<String>,
        message: Option<String>,
    },
}

/// One bridge request: its subcommand and arguments, and how its files are imported.
struct Request {
    /// The bridge subcommand (also the kind of file it writes).
    kind: Kind,
    /// Arguments after the subcommand.
    args: Vec<String>,
    /// How many progress steps (stocks, or 1 for a board).
    steps: u64,
    /// The theme of a members request.
    theme: Option<String>,
}

impl Request {
    fn per_code(kind: Kind, codes: &[Symbol], extra: Vec<String>) -> Request {
        let mut args: Vec<String> = codes.iter().map(Symbol::to_string).collect();
        args.extend(extra);
        Request {
            kind,
            args,
            steps: codes.len() as u64,
            theme: None,
        }
    }
}

/// What a bridge run produced.
#[derive(Default)]
struct Fetched {
    /// Files written (or found in the cache).
    files: Vec<PathBuf>,
    /// (stock or board, message) of each failed request.
    failed: Vec<(String, String)>,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let cache = args
        .cache
        .clone()
        .unwrap_or_else(|| default_cache(&global.db));
    let requests = match &args.what {
        What::Theme { theme, range } => {
            let store = super::open_store(global)?;
            theme_requests(&store, theme, *range, lang)?
        }
        what => vec![request(what)?],
    };
    let bridge = write_bridge(&cache)?;
    let mut store = super::open_store(global)?;
    // Each failure was shown as it happened; the closing error names them again.
    let mut failed = Vec::new();
    let mut refused = 0usize;
    for req in &requests {
        let fetched = run_bridge(&args, &bridge, &cache, req, lang)?;
        failed.extend(
            fetched
                .failed
                .iter()
                .map(|(who, _)| format!("{} {who}", req.kind.name())),
        );
        refused += import_fetched(&mut store, req, &fetched.files, lang)?;
    }
    if !failed.is_empty() || refused > 0 {
        bail!(
            "{}",
            messages::fetch_failed(lang, failed.len(), &listed(&failed), refused)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// ` (a, b, c)` for a non-empty list.
fn listed(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(" ({})", items.join(", "))
    }
}

/// The bridge request of a single-kind fetch.
fn request(what: &What) -> anyhow::Result<Request> {
    let range_args = |from: Date, to: Date| -> anyhow::Result<Vec<String>> {
        if from > to {
            bail!("--from {from} is after --to {to}");
        }
        Ok(vec![
            "--from".into(),
            from.format("%Y%m%d").to_string(),
            "--to".into(),
            to.format("%Y%m%d").to_string(),
        ])
    };
    Ok(match what {
        What::Bars { codes, range } => {
            Request::per_code(Kind::Bars, codes, range_args(range.from, range.to)?)
        }
        What::Index { codes, range } => {
            Request::per_code(Kind::Index, codes, range_args(range.from, range.to)?)
        }
        What::Qa {
            codes,
            answer_dates,
        } => {
            let extra = if *answer_dates {
                vec!["--answer-dates".to_string()]
            } else {
                Vec::new()
            };
            Request::per_code(Kind::Qa, codes, extra)
        }
        What::Announcements { codes, range } => {
            let to = range
                .to
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let from = range
                .from
                .unwrap_or_else(|| to - chrono::Duration::days(365));
            Request::per_code(Kind::Announcements, codes, range_args(from, to)?)
        }
        What::Segments { codes } => Request::per_code(Kind::Segments, codes, Vec::new()),
        What::Members { board, theme } => Request {
            kind: Kind::Members,
            args: vec!["--board".into(), board.clone()],
            steps: 1,
            theme: Some(theme.clone()),
        },
        What::Theme { .. } => unreachable!("theme fetches are split into requests"),
    })
}

/// Bars, segments, Q&A and announcements of every member of `theme`.
fn theme_requests(
    store: &Store,
    theme: &str,
    range: Range,
    lang: Lang,
) -> anyhow::Result<Vec<Request>> {
    let mut codes: Vec<Symbol> = store.members(theme)?.iter().map(|m| m.symbol).collect();
    codes.dedup();
    if codes.is_empty() {
        bail!("{}", messages::no_members(lang, theme));
    }
    // AkShare has no Q&A source for the Beijing exchange: those stocks are left out of the
    // Q&A request instead of failing in it.
    let (qa_codes, bj): (Vec<Symbol>, Vec<Symbol>) = codes
        .iter()
        .partition(|s| s.exchange != hypecheck::model::Exchange::Bj);
    if !bj.is_empty() {
        let list: Vec<String> = bj.iter().map(Symbol::to_string).collect();
        eprintln!("{}", messages::bse_no_qa(lang, &list.join(", ")));
    }
    let mut requests: Vec<Request> = [
        What::Bars {
            codes: codes.clone(),
            range,
        },
        What::Segments {
            codes: codes.clone(),
        },
        What::Qa {
            codes: qa_codes,
            answer_dates: false,
        },
        What::Announcements {
            codes,
            range: OptionalRange {
                from: Some(range.from),
                to: Some(range.to),
            },
        },
    ]
    .iter()
    .map(request)
    .collect::<anyhow::Result<_>>()?;
    requests.retain(|r| r.steps > 0);
    Ok(requests)
}

/// `hypecheck-cache` in the store's folder.
fn default_cache(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new(""))
        .join("hypecheck-cache")
}

/// Writes the embedded bridge into the cache folder (atomically: two fetches may run at
/// once) and returns its path.
fn write_bridge(cache: &Path) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(cache)
        .with_context(|| format!("cannot create the cache folder {}", cache.display()))?;
    let path = cache.join("hypecheck_fetch.py");
    if std::fs::read_to_string(&path).is_ok_and(|t| t == BRIDGE) {
        return Ok(path);
    }
    let tmp = cache.join(format!("hypecheck_fetch.py.{}.part", std::process::id()));
    std::fs::write(&tmp, BRIDGE).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Runs the bridge for one request, showing progress from its events.
fn run_bridge(
    args: &Args,
    bridge: &Path,
    cache: &Path,
    req: &Request,
    lang: Lang,
) -> anyhow::Result<Fetched> {
    let mut cmd = Command::new(&args.python);
    cmd.arg(bridge)
        .arg(req.kind.name())
        .args(&req.args)
        .arg("--out")
        .arg(cache);
    if args.force {
        cmd.arg("--force");
    }
    let mut child = match cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{}", no_python(&args.python, lang))
        }
        Err(e) => {
            return Err(e).with_context(|| format!("cannot run {}", args.python.display()));
        }
    };
    // stderr is drained on a thread so that a chatty bridge cannot block on a full pipe.
    let mut err_pipe = child.stderr.take().context("the bridge's stderr")?;
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err_pipe.read_to_string(&mut s);
        s
    });
    let progress = Progress::new(req, lang);
    let mut fetched = Fetched::default();
    let mut problems = Vec::new();
    let stdout = child.stdout.take().context("the bridge's stdout")?;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading the bridge's output")?;
        let Ok(event) = serde_json::from_str::<Event>(&line) else {
            problems.push(line);
            continue;
        };
        match event {
            Event::Progress { code, board } => progress.start(code.or(board).as_deref()),
            Event::Ok {
                code,
                board,
                file,
                rows,
                skipped,
                message,
            } => {
                if let Some(file) = file {
                    fetched.files.push(PathBuf::from(file));
                }
                let message = message.unwrap_or_default();
                progress.done(code.or(board).as_deref(), rows, skipped, &message);
            }
            Event::Error {
                code,
                board,
                message,
            } => match (code.or(board), message.unwrap_or_default()) {
                (Some(who), message) => {
                    progress.failed(&who, &message);
                    fetched.failed.push((who, message));
                }
                // An error about no stock: bad usage or akshare missing (see the exit code).
                (None, message) => problems.push(message),
            },
        }
    }
    progress.finish();
    let status = child.wait().context("waiting for the bridge")?;
    let stderr = err_reader.join().unwrap_or_default();
    match status.code() {
        Some(0) => Ok(fetched),
        // 1: some requests failed, each reported by an event.
        Some(1) if !fetched.failed.is_empty() => Ok(fetched),
        Some(EXIT_NO_AKSHARE) => bail!("{}", no_akshare(&args.python, lang)),
        Some(EXIT_USAGE) => bail!(
            "{}: {}",
            lang.pick(
                "AkShare 桥接程序拒绝了参数",
                "the AkShare bridge refused the arguments"
            ),
            problems.join("; ")
        ),
        _ => bail!(
            "{} ({status}):\n{}{}",
            lang.pick("AkShare 桥接程序异常退出", "the AkShare bridge failed"),
            problems.join("\n"),
            tail(&stderr, 20)
        ),
    }
}

/// The last `n` lines of a text.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

fn no_python(python: &Path, lang: Lang) -> String {
    messages::no_python(lang, &python.display().to_string())
}

fn no_akshare(python: &Path, lang: Lang) -> String {
    messages::no_akshare(lang, &python.display().to_string())
}

/// Imports the files of one request; returns how many were refused.
fn import_fetched(
    store: &mut Store,
    req: &Request,
    files: &[PathBuf],
    lang: Lang,
) -> anyhow::Result<usize> {
    let mut importer = Importer::new(store, lang);
    let job = match req.kind {
        Kind::Bars => Job::Bars,
        Kind::Index => Job::Index(None),
        Kind::Segments => Job::Segments,
        Kind::Qa | Kind::Announcements => Job::Docs(DocDefaults::default()),
        Kind::Members => Job::Members {
            theme: req.theme.clone().context("a members request has a theme")?,
            source: None,
        },
    };
    let mut refused = 0;
    for path in files {
        let result = importer.file(&job, path);
        match result {
            Ok(line) => super::emit(&format!("{line}\n"))?,
            Err(e) => {
                eprintln!("hypecheck: {e:#}");
                refused += 1;
            }
        }
    }
    Ok(refused)
}
