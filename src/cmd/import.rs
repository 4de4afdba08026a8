//! `hypecheck import KIND FILE...` (one subcommand per `jobs::Kind`): reads bar, document,
//! revenue-composition, theme-member and ST-list files with `ingest` and stores them with
//! `store`, one transaction per file, printing one summary line per file.
//!
//! A file with bad rows is refused whole: every bad row is reported (the first ten shown)
//! and nothing of the file is stored; with `--skip-bad` its good rows are stored and the
//! bad ones written with their lines and reasons to `FILE.rejects.jsonl` (`rejects.rs`). A PDF whose text cannot be extracted is refused with
//! the reason. Other files of the same run are still imported; the exit status is 1 when
//! any file was refused.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{value_parser, Arg, ArgMatches, FromArgMatches};
use hypecheck::jobs::import::Job;
use hypecheck::jobs::Kind;
use hypecheck::messages;
use hypecheck::model::{DocKind, Lang, Symbol};

use super::importer::Reporter;
use super::{args, Global};

/// What to import: `import KIND FILE...`, one subcommand for each kind of data
/// (`jobs::Kind`), with the options that kind takes.
#[derive(Debug)]
pub struct Args {
    job: Job,
    files: Vec<PathBuf>,
    /// `--skip-bad`, with `--rejects PATH` when given.
    skip_bad: Option<Option<PathBuf>>,
}

/// The subcommand of one kind; its help is the kind's own text.
fn command(kind: Kind) -> clap::Command {
    let files = Arg::new("files")
        .required(true)
        .num_args(1..)
        .value_parser(value_parser!(PathBuf))
        .help("Files to import, each in one transaction");
    let cmd = clap::Command::new(kind.name())
        .about(kind.about(Lang::En))
        .arg(files)
        .arg(
            Arg::new("skip_bad")
                .long("skip-bad")
                .action(clap::ArgAction::SetTrue)
                .help(
                    "Store the good rows of a file with bad rows, and write each bad row with \
                     its line and reason to FILE.rejects.jsonl (without it one bad row refuses \
                     the whole file)",
                ),
        )
        .arg(
            Arg::new("rejects")
                .long("rejects")
                .value_name("PATH")
                .requires("skip_bad")
                .value_parser(value_parser!(PathBuf))
                .help("With --skip-bad: write the bad rows of every file of the run to PATH"),
        );
    match kind {
        Kind::Index => cmd.arg(
            Arg::new("code")
                .long("code")
                .value_parser(|s: &str| Symbol::parse_index(s).map_err(|e| e.to_string()))
                .help(
                    "The index code with its exchange (000001.SH); needed when the file has no \
                     code column",
                ),
        ),
        Kind::Shares => cmd.arg(Arg::new("code").long("code").value_parser(args::code).help(
            "The stock of a file without a code column (AkShare's per-stock frames), \
                     e.g. 002881",
        )),
        Kind::Members => cmd
            .arg(
                Arg::new("theme")
                    .long("theme")
                    .required(true)
                    .value_parser(args::theme_id)
                    .help("The theme the stocks belong to (e.g. deepseek)"),
            )
            .arg(Arg::new("source").long("source").help(
                "The source of rows without a source column (default: user, or eastmoney for \
                 an AkShare export)",
            )),
        Kind::Docs => <args::DocFlags as clap::Args>::augment_args(cmd).arg(
            Arg::new("kind").long("kind").value_parser(args::kind).help(
                "announcement, regulator, qa, post or news (or a kind word such as 公告, \
                 互动易), for documents without a kind (.pdf: announcement)",
            ),
        ),
        Kind::Bars | Kind::Segments | Kind::Listings | Kind::Names | Kind::Codes | Kind::St => cmd,
    }
}

impl FromArgMatches for Args {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        let missing = || clap::Error::new(clap::error::ErrorKind::MissingSubcommand);
        let (name, sub) = m.subcommand().ok_or_else(missing)?;
        let kind = Kind::from_name(name).ok_or_else(missing)?;
        let files = sub
            .get_many::<PathBuf>("files")
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        let job = match kind {
            Kind::Index | Kind::Shares => Job {
                code: sub.get_one::<Symbol>("code").copied(),
                ..Job::new(kind)
            },
            Kind::Members => Job::members(
                sub.get_one::<String>("theme").ok_or_else(missing)?,
                sub.get_one::<String>("source").map(String::as_str),
            ),
            Kind::Docs => {
                let flags = args::DocFlags::from_arg_matches(sub)?;
                Job::docs(flags.defaults(sub.get_one::<DocKind>("kind").copied()))
            }
            Kind::Bars | Kind::Segments | Kind::Listings | Kind::Names | Kind::Codes | Kind::St => {
                Job::new(kind)
            }
        };
        let skip_bad = sub
            .get_flag("skip_bad")
            .then(|| sub.get_one::<PathBuf>("rejects").cloned());
        Ok(Args {
            job,
            files,
            skip_bad,
        })
    }

    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Args::from_arg_matches(m)?;
        Ok(())
    }
}

impl clap::Subcommand for Args {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        Kind::ALL
            .into_iter()
            .fold(cmd, |cmd, kind| cmd.subcommand(command(kind)))
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Args::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        Kind::from_name(name).is_some()
    }
}

/// Runs the import.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let mut store = super::open_store(global)?;
    let mut reporter = Reporter::new(lang);
    if let Some(rejects) = args.skip_bad {
        reporter.skip_bad(rejects);
    }
    import_all(&args.files, lang, |path| {
        reporter.file(&mut store, &args.job, path)
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
            messages::files_refused(lang, refused.len(), files.len())
        );
    }
    Ok(ExitCode::SUCCESS)
}
