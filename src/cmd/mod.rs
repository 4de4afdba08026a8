//! Subcommands, one file each. Every file holds a clap `Args` struct (its doc comments are
//! the help text) and `run`, which calls library code and renders the result.

mod classify;
mod import;
mod ladder;
mod signals;
mod stock;
mod theme;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use hypecheck::model::Lang;

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
    /// The SQLite store (created when missing)
    #[arg(
        long,
        global = true,
        env = "HYPECHECK_DB",
        default_value = "hypecheck.db"
    )]
    pub db: PathBuf,
    /// Language of human output: zh (default) or en
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: LangArg,
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
    /// Import files into the store (bars, index bars)
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// The market dossier of one stock: limit price, streak, returns, abnormal fluctuation
    Stock(stock::Args),
    /// 连板天梯: every stock that closed limit-up on one day, highest streak first
    Ladder(ladder::Args),
    /// Per-bar signals for every stock straight from bar files, without a store
    Signals(signals::Args),
    /// Classify the theme sentences of a text (stdin) or of a JSON Lines file of documents
    Classify(classify::Args),
    /// Built-in themes: list, show
    #[command(subcommand)]
    Theme(theme::ThemeCommand),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Import(c) => import::run(c, &cli.global),
        Command::Stock(a) => stock::run(a, &cli.global),
        Command::Ladder(a) => ladder::run(a, &cli.global),
        Command::Signals(a) => signals::run(a, &cli.global),
        Command::Classify(a) => classify::run(a, &cli.global),
        Command::Theme(c) => theme::run(c, &cli.global),
    }
}
