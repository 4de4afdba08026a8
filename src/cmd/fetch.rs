//! `hypecheck fetch ...`: live data through AkShare, into the store. `fetch theme` runs
//! the whole chain with a closing line per stage (see docs/fetch.md).
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
//! like `hypecheck import docs`. The bridge downloads each cninfo announcement's PDF into
//! the cache and names it in the document's line; the import extracts its text with
//! `ingest::pdf` (lopdf, then `pdftotext`), so a PDF that yields no text is a reported bad
//! row, never a document without its text.

mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use hypecheck::assess::Thresholds;
use hypecheck::jobs::fetch::{self, Bridge, Event, Request};
use hypecheck::messages;
use hypecheck::model::{Date, Lang, Symbol};
use hypecheck::store::Store;
use hypecheck::{jobs, report};

use progress::Progress;

use super::args::theme_id;
use super::importer::Importer;
use super::{parse_date, Global};

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
    /// Announcements (cninfo) with the text of their PDFs, as documents
    Announcements {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: OptionalRange,
        /// Only announcements whose title contains one of these words
        /// (e.g. 异常波动,风险提示,澄清,问询,关注函)
        #[arg(long, value_delimiter = ',')]
        titles: Vec<String>,
        /// List titles and links only; download no PDF
        #[arg(long)]
        no_pdf: bool,
        /// Seconds to wait for the PDF host's answer (default 30)
        #[arg(long)]
        timeout: Option<f64>,
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
        #[arg(long, value_parser = theme_id)]
        theme: String,
    },
    /// ST status from evidence: the current ST board (stock_zh_a_st_em) as a one-day ST
    /// list, and the SZSE name-change history (stock_info_sz_change_name) as dated names
    St,
    /// The whole chain for a theme: members (--board), then bars and the benchmark indices
    /// of their boards, segments, Q&A and announcements with text of every member
    Theme {
        /// The theme id (its members come from --board, import members or fetch members)
        #[arg(value_parser = theme_id)]
        theme: String,
        /// First date (with --to; or give --asof)
        #[arg(long, value_parser = parse_date, requires = "to", conflicts_with = "asof")]
        from: Option<Date>,
        /// Last date (with --from)
        #[arg(long, value_parser = parse_date, requires = "from", conflicts_with = "asof")]
        to: Option<Date>,
        /// The as-of date: fetch the --window trading days before it and the history the
        /// market rules need (90 days more)
        #[arg(long, value_parser = parse_date, required_unless_present = "from")]
        asof: Option<Date>,
        /// Trading days of the window before --asof
        #[arg(long, default_value_t = 10)]
        window: usize,
        /// Fetch the members of this Eastmoney concept board first, as the theme's members
        #[arg(long)]
        board: Option<String>,
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

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let err = |e: fetch::Error| anyhow::anyhow!(e.message(lang));
    let cache = args
        .cache
        .clone()
        .unwrap_or_else(|| fetch::default_cache(&global.db));
    let program = fetch::write_bridge(&cache).map_err(err)?;
    let bridge = Bridge {
        python: &args.python,
        program: &program,
        cache: &cache,
        force: args.force,
    };
    let mut store = super::open_store(global)?;
    let mut run = Run {
        bridge,
        lang,
        failed: Vec::new(),
        refused: 0,
        cache: args.cache.clone(),
    };
    match &args.what {
        What::Theme {
            theme,
            from,
            to,
            asof,
            window,
            board,
        } => {
            let (from, to) = match (from, to, asof) {
                (Some(f), Some(t), _) => (*f, *t),
                (_, _, Some(a)) => fetch::asof_range(*a, (*window).max(1)),
                _ => bail!("give --asof DATE, or --from DATE --to DATE"),
            };
            if let Some(board) = board {
                run.request(&mut store, &Request::members(board, theme), true)?;
            }
            let t = fetch::theme_requests(&store, theme, from, to).map_err(err)?;
            if !t.no_qa.is_empty() {
                let list: Vec<String> = t.no_qa.iter().map(Symbol::to_string).collect();
                eprintln!("{}", messages::bse_no_qa(lang, &list.join(", ")));
            }
            for req in &t.requests {
                run.request(&mut store, req, true)?;
            }
            // With an as-of date the chain ends where a user wants it: the scan.
            if let Some(asof) = asof {
                let theme = super::load_theme(global, theme)?;
                let thresholds = Thresholds {
                    window: (*window).max(1),
                    ..Thresholds::default()
                };
                let scan = jobs::scan(&store, &theme, *asof, &thresholds)
                    .map_err(super::job_error(lang))?;
                let mut out = std::io::stdout().lock();
                report::scan::table(
                    &mut out,
                    &scan.report,
                    &scan.coverage,
                    report::table::terminal_width(global.width),
                    lang,
                )?;
            }
        }
        what => {
            let req = request(what).map_err(err)?;
            run.request(&mut store, &req, false)?;
        }
    }
    if !run.failed.is_empty() || run.refused > 0 {
        bail!(
            "{}",
            messages::fetch_failed(lang, run.failed.len(), &listed(&run.failed), run.refused)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One fetch run: the bridge, and what failed so far.
struct Run<'a> {
    bridge: Bridge<'a>,
    lang: Lang,
    /// `kind who` of each failure, for the closing error.
    failed: Vec<String>,
    /// Fetched files the import refused.
    refused: usize,
    /// The `--cache` given, repeated in retry commands.
    cache: Option<PathBuf>,
}

impl Run<'_> {
    /// Runs one request and imports its files; with `stage`, closes with a summary line
    /// and the command that retries only the failures.
    fn request(&mut self, store: &mut Store, req: &Request, stage: bool) -> anyhow::Result<()> {
        let lang = self.lang;
        let progress = Progress::new(req, lang);
        let fetched = fetch::run_bridge(&self.bridge, req, &mut |e| show(&progress, e));
        progress.finish();
        let fetched = fetched.map_err(|e| anyhow::anyhow!(e.message(lang)))?;
        self.failed.extend(
            fetched
                .failed
                .iter()
                .map(|(who, _)| format!("{} {who}", req.kind.name())),
        );
        let (refused, skipped) = import_fetched(store, req, &fetched.files, lang)?;
        self.refused += refused;
        let mut why: Vec<String> = fetched
            .failed
            .iter()
            .map(|(who, msg)| format!("{who}: {}", first_line(msg)))
            .collect();
        if skipped > 0 {
            self.failed
                .push(format!("{}: {skipped} PDF without text", req.kind.name()));
            why.push(format!("{skipped} PDF without text"));
        }
        if stage {
            let who: Vec<&str> = fetched.failed.iter().map(|(w, _)| w.as_str()).collect();
            let done = (req.steps as usize).saturating_sub(who.len());
            eprintln!(
                "{}",
                messages::fetch_stage(
                    lang,
                    req.kind.name(),
                    done,
                    &why,
                    &req.retry_command(&who, self.cache.as_deref())
                )
            );
        }
        Ok(())
    }
}

/// The first line of a message, for a one-line summary.
fn first_line(msg: &str) -> &str {
    msg.lines().next().unwrap_or_default()
}

/// Shows one event of the bridge.
fn show(progress: &Progress, event: &Event) {
    match event {
        Event::Progress { code, board } => {
            progress.start(code.as_ref().or(board.as_ref()).map(String::as_str))
        }
        Event::Ok {
            code,
            board,
            rows,
            skipped,
            message,
            ..
        } => {
            let who = code.as_ref().or(board.as_ref()).map(String::as_str);
            progress.done(who, *rows, *skipped, message.as_deref().unwrap_or_default());
        }
        Event::Error {
            code,
            board,
            message,
        } => {
            if let Some(who) = code.as_ref().or(board.as_ref()) {
                progress.failed(who, message.as_deref().unwrap_or_default());
            }
        }
    }
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
fn request(what: &What) -> fetch::Result<Request> {
    Ok(match what {
        What::Bars { codes, range } => Request::bars(codes, range.from, range.to)?,
        What::Index { codes, range } => Request::index(codes, range.from, range.to)?,
        What::Qa {
            codes,
            answer_dates,
        } => Request::qa(codes, *answer_dates),
        What::Announcements {
            codes,
            range,
            titles,
            no_pdf,
            timeout,
        } => {
            let to = range
                .to
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let from = range
                .from
                .unwrap_or_else(|| to - chrono::Duration::days(365));
            let opts = fetch::AnnouncementOptions {
                titles: titles.clone(),
                no_pdf: *no_pdf,
                timeout: *timeout,
            };
            Request::announcements(codes, from, to, &opts)?
        }
        What::Segments { codes } => Request::segments(codes),
        What::Members { board, theme } => Request::members(board, theme),
        What::St => Request::st(),
        What::Theme { .. } => unreachable!("theme fetches are split into requests"),
    })
}

/// Imports the files of one request; returns how many were refused and how many
/// documents were left out because their PDF gave no text.
fn import_fetched(
    store: &mut Store,
    req: &Request,
    files: &[PathBuf],
    lang: Lang,
) -> anyhow::Result<(usize, usize)> {
    let mut importer = Importer::new(store, lang);
    let mut refused = 0;
    for path in files {
        let job = req.import_job(path).with_context(|| {
            format!(
                "{}: not a file of a {} fetch",
                path.display(),
                req.kind.name()
            )
        })?;
        let result = importer.file(&job, path);
        match result {
            Ok(line) => super::emit(&format!("{line}\n"))?,
            Err(e) => {
                eprintln!("hypecheck: {e:#}");
                refused += 1;
            }
        }
    }
    Ok((refused, importer.skipped().len()))
}
