//! Subcommands, one file each. Every file holds a clap `Args` struct (its doc comments are
//! the help text) and `run`, which calls library code and renders the result.

mod args;
mod check;
mod classify;
mod demo;
mod evidence;
mod fetch;
mod help_zh;
mod import;
mod importer;
mod ladder;
mod output;
mod panel;
mod rejects;
mod scan;
mod search;
mod signals;
mod stock;
mod study;
mod theme;
mod themes_of;

pub use args::load_lexicon;
pub use help_zh::{help_lang, usage_error_zh, zh as help_zh};

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use hypecheck::messages;
use hypecheck::model::{Date, Lang};
use hypecheck::store::Store;

/// hypecheck: 概念股蹭热点检测 / which concept stocks really have something to do with a theme
#[derive(Debug, Parser)]
#[command(name = "hypecheck", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// The SQLite store. import, fetch and theme add create it when missing; the other
    /// commands refuse a store that does not exist (demo writes its own unless --db is given)
    #[arg(
        long,
        global = true,
        env = "HYPECHECK_DB",
        default_value = "hypecheck.db"
    )]
    pub db: PathBuf,
    /// Whether `--db` was typed on the command line (not the default or `HYPECHECK_DB`).
    #[arg(skip)]
    pub db_given: bool,
    /// Language of human output: zh (default) or en
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// Seconds a write waits while another process is writing to the store
    #[arg(
        long,
        global = true,
        env = "HYPECHECK_WAIT",
        default_value_t = 60,
        value_name = "SECONDS"
    )]
    pub wait: u64,
    /// Width of terminal tables in columns; default `COLUMNS`, else the terminal's width
    /// (no limit when writing to a file or pipe)
    #[arg(long, global = true, value_name = "COLUMNS")]
    pub width: Option<u16>,
}

/// `--lang` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl Global {
    /// The language for user-facing text.
    pub fn lang(&self) -> Lang {
        match self.lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import files into the store (bars, index bars, documents, revenue segments, share
    /// counts, theme members, listing dates, dated names, code changes, ST lists)
    #[command(subcommand)]
    Import(import::Args),
    /// The market dossier of one stock: limit price, streak, returns, abnormal fluctuation
    Stock(stock::Args),
    /// 连板天梯: every stock that closed limit-up on one day, highest streak first
    Ladder(ladder::Args),
    /// Per-bar signals for every stock straight from bar files, without a store
    Signals(signals::Args),
    /// 题材扫描: heat against substance for every stock tied to a theme, with verdicts
    Scan(scan::Args),
    /// Every stock of a theme on every trading day of a range, assessed as of that day, with
    /// forward returns (Parquet, CSV or JSON)
    Panel(panel::Args),
    /// Event study: what hot stocks of a theme did next, by verdict and by heat
    Study(study::Args),
    /// Run on the bundled, fictional sample and show what hypecheck reports
    Demo(demo::Args),
    /// Classify the theme sentences of a text (stdin) or of a document file (as import docs reads it)
    Classify(classify::Args),
    /// The classified theme sentences of the documents in the store
    Evidence(evidence::Args),
    /// Themes: list, show, add (user themes are kept in the store)
    #[command(subcommand)]
    Theme(theme::ThemeCommand),
    /// Live data through AkShare (needs python3 with akshare): bars, index, Q&A,
    /// announcements, revenue segments, concept-board members, or all of a theme
    Fetch(fetch::Args),
    /// Every theme a stock belongs to, with the reason, source and date it joined
    ThemesOf(themes_of::Args),
    /// Full-text search over imported documents (announcements, Q&A, posts, news)
    Search(search::Args),
    /// Bars that break their day's limits (close above the up-limit or below the
    /// down-limit, high above the up-limit), with what the rules assumed
    Check(check::Args),
}

/// Whether `--db` was typed on the command line, at any level of the command.
pub fn db_given(m: &clap::ArgMatches) -> bool {
    if m.value_source("db") == Some(clap::parser::ValueSource::CommandLine) {
        return true;
    }
    m.subcommand().is_some_and(|(_, sub)| db_given(sub))
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(c) => import::run(c, &cli.global),
        Command::Stock(a) => stock::run(a, &cli.global),
        Command::Ladder(a) => ladder::run(a, &cli.global),
        Command::Signals(a) => signals::run(a, &cli.global),
        Command::Scan(a) => scan::run(a, &cli.global),
        Command::Panel(a) => panel::run(a, &cli.global),
        Command::Study(a) => study::run(a, &cli.global),
        Command::Demo(a) => demo::run(a, &cli.global),
        Command::Classify(a) => classify::run(a, &cli.global),
        Command::Evidence(a) => evidence::run(a, &cli.global),
        Command::Theme(c) => theme::run(c, &cli.global),
        Command::Fetch(a) => fetch::run(a, &cli.global),
        Command::ThemesOf(a) => themes_of::run(a, &cli.global),
        Command::Search(a) => search::run(a, &cli.global),
        Command::Check(a) => check::run(a, &cli.global),
    }
}

/// Opens the store named by `--db` / `HYPECHECK_DB`; a write that finds another process
/// writing says so on stderr once and waits up to `--wait` seconds.
pub fn open_store(global: &Global) -> anyhow::Result<Store> {
    let mut store = Store::open(&global.db)
        .with_context(|| format!("opening the store {}", global.db.display()))?;
    store.set_wait(std::time::Duration::from_secs(global.wait));
    let lang = global.lang();
    store.on_wait(move |path, wait| {
        let secs = wait.as_secs();
        eprintln!("{}", messages::store_busy(lang, path, secs));
    });
    Ok(store)
}

/// Opens the store for a read command: a store file that does not exist is refused (with
/// how to import) and not created, so a mistyped `--db` does not answer "nothing found".
pub fn open_existing_store(global: &Global) -> anyhow::Result<Store> {
    if !global.db.exists() {
        anyhow::bail!(messages::no_store(
            global.lang(),
            &global.db.display().to_string()
        ));
    }
    open_store(global)
}

/// Parses a date written `YYYY-MM-DD` or `YYYYMMDD` (clap value parser).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let t = s.trim();
    let parsed = if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        Date::parse_from_str(t, "%Y%m%d")
    } else {
        Date::parse_from_str(t, "%Y-%m-%d")
    };
    parsed.map_err(|_| format!("'{s}' is not a date: write YYYY-MM-DD or YYYYMMDD"))
}

/// A job's error in the user's language; the store's errors keep their cause chain.
pub fn job_error(lang: Lang) -> impl Fn(hypecheck::jobs::Error) -> anyhow::Error {
    move |e| match e {
        hypecheck::jobs::Error::Store(e) => e.into(),
        other => anyhow::anyhow!(other.message(lang)),
    }
}

/// Writes `text` to standard output. Errors (a closed pipe: `hypecheck ladder | head`)
/// are returned, not panicked on; `main` treats a broken pipe as success.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// A theme by id or file: a built-in id, then a user theme added to the store with
/// `theme add`, then a TOML file.
pub fn load_theme(global: &Global, id: &str) -> anyhow::Result<hypecheck::theme::Theme> {
    // Only look in an existing store (a lookup must not create one), and only for an id
    // that is not built in.
    let look = global.db.exists() && hypecheck::theme::find_builtin(id).is_none();
    let store = look.then(|| open_store(global)).transpose()?;
    hypecheck::jobs::find_theme(store.as_ref(), id)
        .map_err(|e| anyhow::anyhow!(e.message(global.lang())))
}
