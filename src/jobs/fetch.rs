//! Live data through AkShare: the requests, the embedded Python bridge
//! (`python/hypecheck_fetch.py`) and its event lines. Running the bridge writes files in
//! the import formats into a cache folder; importing them is [`super::import`]'s job.
//!
//! Nothing here prints: [`run_bridge`] tells its caller each event as it comes.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::import::Job;
use crate::ingest::DocDefaults;
use crate::messages;
use crate::model::{Date, Exchange, Lang, Symbol};
use crate::store::{self, Store};

/// The bridge program, embedded so that an installed binary needs no source tree.
pub const BRIDGE: &str = include_str!("../../python/hypecheck_fetch.py");

/// The bridge's exit code when `import akshare` fails.
const EXIT_NO_AKSHARE: i32 = 3;

/// The bridge's exit code for bad usage.
const EXIT_USAGE: i32 = 2;

/// How many lines of the bridge's stderr an error quotes.
const STDERR_TAIL: usize = 20;

/// What a bridge request fetches: the bridge's subcommand and the kind of file it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Unadjusted daily bars.
    Bars,
    /// Index levels.
    Index,
    /// Investor Q&A documents.
    Qa,
    /// Announcement lists (documents).
    Announcements,
    /// Revenue composition.
    Segments,
    /// A concept board's members.
    Members,
    /// The current ST board and the SZSE name-change history (dated names).
    St,
}

impl Kind {
    /// The bridge subcommand.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bars => "bars",
            Kind::Index => "index",
            Kind::Qa => "qa",
            Kind::Announcements => "announcements",
            Kind::Segments => "segments",
            Kind::Members => "members",
            Kind::St => "st",
        }
    }
}

/// One event line of the bridge: `{"event": "progress"|"ok"|"error", ...}` with the stock
/// (`code`) or concept board (`board`) it is about.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    /// A request started.
    Progress {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
    },
    /// A request's file was written (or found in the cache: `skipped`).
    Ok {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
        /// The file written.
        file: Option<String>,
        /// Rows in it.
        rows: Option<u64>,
        /// Found in the cache, not fetched.
        #[serde(default)]
        skipped: bool,
        /// A note.
        message: Option<String>,
    },
    /// A request failed; without a stock or board, the whole run did.
    Error {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
        /// What went wrong.
        message: Option<String>,
    },
}

/// One bridge request: its subcommand and arguments, and how its files are imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The bridge subcommand (also the kind of file it writes).
    pub kind: Kind,
    /// Arguments after the subcommand.
    pub args: Vec<String>,
    /// How many progress steps (stocks, or 1 for a board).
    pub steps: u64,
    /// The theme of a members request.
    pub theme: Option<String>,
}

fn range_args(from: Date, to: Date) -> Result<Vec<String>> {
    if from > to {
        return Err(Error::BadRange { from, to });
    }
    Ok(vec![
        "--from".into(),
        from.format("%Y%m%d").to_string(),
        "--to".into(),
        to.format("%Y%m%d").to_string(),
    ])
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

    /// Unadjusted daily bars of stocks from `from` to `to`.
    pub fn bars(codes: &[Symbol], from: Date, to: Date) -> Result<Request> {
        Ok(Request::per_code(Kind::Bars, codes, range_args(from, to)?))
    }

    /// Daily levels of indices from `from` to `to`.
    pub fn index(codes: &[Symbol], from: Date, to: Date) -> Result<Request> {
        Ok(Request::per_code(Kind::Index, codes, range_args(from, to)?))
    }

    /// Investor Q&A; `answer_dates` asks for each answer's exact date (slow).
    pub fn qa(codes: &[Symbol], answer_dates: bool) -> Request {
        let extra = if answer_dates {
            vec!["--answer-dates".to_string()]
        } else {
            Vec::new()
        };
        Request::per_code(Kind::Qa, codes, extra)
    }

    /// Announcements from `from` to `to`, with their PDFs unless `opts` says otherwise.
    pub fn announcements(
        codes: &[Symbol],
        from: Date,
        to: Date,
        opts: &AnnouncementOptions,
    ) -> Result<Request> {
        let mut args = range_args(from, to)?;
        let words: Vec<&str> = opts
            .titles
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
            .collect();
        if !words.is_empty() {
            args.extend(["--titles".to_string(), words.join(",")]);
        }
        if opts.no_pdf {
            args.push("--no-pdf".into());
        }
        if let Some(t) = opts.timeout {
            if !(t > 0.0 && t <= 600.0) {
                return Err(Error::BadTimeout(t));
            }
            args.extend(["--timeout".to_string(), t.to_string()]);
        }
        Ok(Request::per_code(Kind::Announcements, codes, args))
    }

    /// Revenue composition.
    pub fn segments(codes: &[Symbol]) -> Request {
        Request::per_code(Kind::Segments, codes, Vec::new())
    }

    /// The members of a concept board, stored as members of `theme`.
    pub fn members(board: &str, theme: &str) -> Request {
        Request {
            kind: Kind::Members,
            args: vec!["--board".into(), board.to_string()],
            steps: 1,
            theme: Some(theme.to_string()),
        }
    }
}

impl Request {
    /// The current ST board (风险警示板) as a one-day ST list, and the SZSE name-change
    /// history as dated names.
    pub fn st() -> Request {
        Request {
            kind: Kind::St,
            args: Vec::new(),
            steps: 2,
            theme: None,
        }
    }
}

impl Request {
    /// How a file this request wrote is imported (`None` for a file it does not write).
    /// A fetch of ST evidence writes dated names (`names/`) and a one-day ST list (`st/`).
    pub fn import_job(&self, path: &Path) -> Option<Job> {
        Some(match self.kind {
            Kind::Bars => Job::Bars,
            Kind::Index => Job::Index(None),
            Kind::Segments => Job::Segments,
            Kind::Qa => Job::Docs(DocDefaults::default()),
            // One scanned filing must not keep a stock's other announcements out.
            Kind::Announcements => Job::Docs(DocDefaults {
                skip_unreadable_pdfs: true,
                ..DocDefaults::default()
            }),
            Kind::Members => Job::Members {
                theme: self.theme.clone()?,
                source: None,
            },
            Kind::St if path.parent().and_then(Path::file_name) == Some("names".as_ref()) => {
                Job::Names
            }
            Kind::St => Job::St,
        })
    }

    /// The command that fetches again only `who` (stocks, or the board) of this request,
    /// with the same range and options, and `--cache` when one was given; quoted for a
    /// POSIX shell.
    pub fn retry_command(&self, who: &[&str], cache: Option<&Path>) -> String {
        let mut words = vec![
            "hypecheck".to_string(),
            "fetch".into(),
            self.kind.name().into(),
        ];
        match self.kind {
            Kind::Members => {
                words.extend(self.args.iter().cloned());
                if let Some(theme) = &self.theme {
                    words.extend(["--theme".to_string(), theme.clone()]);
                }
            }
            _ => {
                words.extend(who.iter().map(|w| w.to_string()));
                // The arguments after the codes: range and options.
                words.extend(self.args.iter().skip(self.steps as usize).cloned());
            }
        }
        if let Some(cache) = cache {
            words.extend(["--cache".to_string(), cache.display().to_string()]);
        }
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A word quoted for a POSIX shell when it needs it.
fn shell_word(w: &str) -> String {
    let plain = !w.is_empty()
        && w.chars()
            .all(|c| c.is_alphanumeric() || "-_./=:,@%+".contains(c));
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

/// What an announcements request fetches besides the list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnouncementOptions {
    /// Keep only announcements whose title contains one of these words (all when empty).
    pub titles: Vec<String>,
    /// List titles only: no PDF is downloaded.
    pub no_pdf: bool,
    /// Seconds to wait for the PDF host's answer (the bridge's default: 30).
    pub timeout: Option<f64>,
}

/// Calendar days fetched before a theme window so that the market rules have their
/// history (the ladder's reload, `LADDER_HISTORY_DAYS`).
pub const THEME_LOOKBACK_DAYS: u64 = super::LADDER_HISTORY_DAYS;

/// The dates a theme fetch as of `asof` covers: `window` trading days as calendar days
/// (7 for every 5, and two weeks more for holidays) plus [`THEME_LOOKBACK_DAYS`].
pub fn asof_range(asof: Date, window: usize) -> (Date, Date) {
    let window_days = (window as u64 * 7).div_ceil(5) + 14;
    let from = asof
        .checked_sub_days(chrono::Days::new(window_days + THEME_LOOKBACK_DAYS))
        .unwrap_or(asof);
    (from, asof)
}

/// Every benchmark candidate of the members' boards, so that a dossier finds the one it
/// prefers (`market::fluctuation::BENCHMARK_CANDIDATES`).
pub fn benchmarks(codes: &[Symbol]) -> Vec<Symbol> {
    let mut out: Vec<Symbol> = Vec::new();
    for code in codes {
        let Some(board) = crate::market::Board::of(code) else {
            continue;
        };
        for c in crate::market::fluctuation::benchmark_candidates(board) {
            if let Ok(s) = Symbol::parse_index(c) {
                if !out.contains(&s) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// The requests of a whole theme, and the stocks left out of its Q&A request.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRequests {
    /// Bars, segments, Q&A and announcements of every member.
    pub requests: Vec<Request>,
    /// Beijing Stock Exchange members: AkShare has no Q&A source for them.
    pub no_qa: Vec<Symbol>,
}

/// Bars, the benchmark indices of their boards, segments, Q&A and announcements (with
/// their text) from `from` to `to` of every stock the store lists as a member of `theme`.
pub fn theme_requests(store: &Store, theme: &str, from: Date, to: Date) -> Result<ThemeRequests> {
    let mut codes: Vec<Symbol> = store.members(theme)?.iter().map(|m| m.symbol).collect();
    codes.dedup();
    if codes.is_empty() {
        return Err(Error::NoMembers(theme.to_string()));
    }
    // AkShare has no Q&A source for the Beijing exchange: those stocks are left out of the
    // Q&A request instead of failing in it.
    let (qa_codes, no_qa): (Vec<Symbol>, Vec<Symbol>) =
        codes.iter().partition(|s| s.exchange != Exchange::Bj);
    let mut requests = vec![
        Request::bars(&codes, from, to)?,
        Request::index(&benchmarks(&codes), from, to)?,
        Request::segments(&codes),
        Request::qa(&qa_codes, false),
        Request::announcements(&codes, from, to, &AnnouncementOptions::default())?,
    ];
    requests.retain(|r| r.steps > 0);
    Ok(ThemeRequests { requests, no_qa })
}

/// Why a fetch failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// `--from` is after `--to`.
    #[error("--from {from} is after --to {to}")]
    BadRange {
        /// The first date.
        from: Date,
        /// The last date.
        to: Date,
    },
    /// A download timeout out of range.
    #[error("--timeout {0} is not a number of seconds between 0 and 600")]
    BadTimeout(f64),
    /// The store has no members of the theme.
    #[error("{}", messages::no_members(Lang::En, .0))]
    NoMembers(String),
    /// The cache folder or the bridge file cannot be written.
    #[error("{what} {}: {cause}", path.display())]
    Io {
        /// What was being done.
        what: &'static str,
        /// The path.
        path: PathBuf,
        /// The cause.
        cause: std::io::Error,
    },
    /// No Python interpreter of that name.
    #[error("{}", messages::no_python(Lang::En, &.0.display().to_string()))]
    NoPython(PathBuf),
    /// The interpreter cannot import AkShare.
    #[error("{}", messages::no_akshare(Lang::En, &.0.display().to_string()))]
    NoAkshare(PathBuf),
    /// The bridge refused its arguments.
    #[error("{}", messages::bridge_usage(Lang::En, &.0.join("; ")))]
    Usage(Vec<String>),
    /// The bridge failed for another reason.
    #[error("{}", messages::bridge_failed(Lang::En, status, &problems.join("\n"), stderr))]
    Failed {
        /// Its exit status.
        status: String,
        /// Lines it wrote that were no event, and errors about no stock.
        problems: Vec<String>,
        /// The end of its stderr.
        stderr: String,
    },
}

impl Error {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::NoMembers(theme) => messages::no_members(lang, theme),
            Error::NoPython(p) => messages::no_python(lang, &p.display().to_string()),
            Error::NoAkshare(p) => messages::no_akshare(lang, &p.display().to_string()),
            Error::Usage(problems) => messages::bridge_usage(lang, &problems.join("; ")),
            Error::Failed {
                status,
                problems,
                stderr,
            } => messages::bridge_failed(lang, status, &problems.join("\n"), stderr),
            other => other.to_string(),
        }
    }
}

/// A result of a fetch.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `hypecheck-cache` in the store's folder.
pub fn default_cache(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new(""))
        .join("hypecheck-cache")
}

/// What the interpreter runs: the bridge program is read from standard input, never from
/// a file (a file in a shared cache folder could be swapped between a check and the run),
/// and the current folder is taken off the module path first, so that a stray
/// `akshare.py` or `json.py` where the user stands is not imported instead of the real one.
pub const LAUNCHER: &str = "import sys; \
sys.path[:] = [p for p in sys.path if p not in ('', '.')]; \
sys.argv[0] = 'hypecheck_fetch.py'; \
exec(compile(sys.stdin.read(), 'hypecheck_fetch.py', 'exec'))";

/// What a bridge run produced.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Files written (or found in the cache).
    pub files: Vec<PathBuf>,
    /// (stock or board, message) of each failed request.
    pub failed: Vec<(String, String)>,
}

/// How to run the bridge.
#[derive(Debug, Clone, Copy)]
pub struct Bridge<'a> {
    /// The Python interpreter; it reads the bridge on its standard input ([`LAUNCHER`]).
    pub python: &'a Path,
    /// The cache folder it writes into.
    pub cache: &'a Path,
    /// Fetch again what the cache has.
    pub force: bool,
}

/// Runs the bridge for one request, telling `on_event` each event as it comes. A request
/// that fails for one stock is in [`Fetched::failed`]; the others go on.
pub fn run_bridge(
    bridge: &Bridge<'_>,
    req: &Request,
    on_event: &mut dyn FnMut(&Event),
) -> Result<Fetched> {
    let mut cmd = Command::new(bridge.python);
    cmd.arg("-c")
        .arg(LAUNCHER)
        .arg(req.kind.name())
        .args(&req.args)
        .arg("--out")
        .arg(bridge.cache);
    if bridge.force {
        cmd.arg("--force");
    }
    let spawn_error = |cause| Error::Io {
        what: "cannot run",
        path: bridge.python.to_path_buf(),
        cause,
    };
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoPython(bridge.python.to_path_buf()))
        }
        Err(e) => return Err(spawn_error(e)),
    };
    // The program goes in on a thread (the pipe holds less than the program), then stdin is
    // closed so that the interpreter sees its end.
    let mut program_pipe = child.stdin.take();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        program_pipe
            .as_mut()
            .map_or(Ok(()), |p| p.write_all(BRIDGE.as_bytes()))
    });
    // stderr is drained on a thread so that a chatty bridge cannot block on a full pipe.
    let mut err_pipe = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = err_pipe.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let mut fetched = Fetched::default();
    let mut problems = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|cause| Error::Io {
                what: "cannot read the output of",
                path: bridge.python.to_path_buf(),
                cause,
            })?;
            let Ok(event) = serde_json::from_str::<Event>(&line) else {
                problems.push(line);
                continue;
            };
            on_event(&event);
            match event {
                Event::Progress { .. } => {}
                Event::Ok { file, .. } => fetched.files.extend(file.map(PathBuf::from)),
                Event::Error {
                    code,
                    board,
                    message,
                } => match code.or(board) {
                    Some(who) => fetched.failed.push((who, message.unwrap_or_default())),
                    // An error about no stock: bad usage or akshare missing (see the exit code).
                    None => problems.push(message.unwrap_or_default()),
                },
            }
        }
    }
    let status = child.wait().map_err(spawn_error)?;
    let stderr = err_reader.join().unwrap_or_default();
    // An interpreter that exits before reading the whole program closes the pipe; its exit
    // status and stderr say why, so the write error itself adds nothing.
    let _ = writer.join();
    match status.code() {
        Some(0) => Ok(fetched),
        // 1: some requests failed, each reported by an event.
        Some(1) if !fetched.failed.is_empty() => Ok(fetched),
        Some(EXIT_NO_AKSHARE) => Err(Error::NoAkshare(bridge.python.to_path_buf())),
        Some(EXIT_USAGE) => Err(Error::Usage(problems)),
        _ => Err(Error::Failed {
            status: status.to_string(),
            problems,
            stderr: tail(&stderr, STDERR_TAIL),
        }),
    }
}

/// The last `n` lines of a text.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::testdata::{day, demo_store};

    #[test]
    fn a_retry_repeats_the_options_for_the_failed_stocks_only_quoted_for_a_shell() {
        let codes = [
            Symbol::parse_stock("002881").unwrap(),
            Symbol::parse_stock("600126").unwrap(),
        ];
        let opts = AnnouncementOptions {
            titles: vec!["异常 波动".into()],
            no_pdf: true,
            timeout: None,
        };
        let req =
            Request::announcements(&codes, day("2025-01-01"), day("2025-02-07"), &opts).unwrap();
        let cmd = req.retry_command(&["600126.SH"], Some(Path::new("my cache")));
        assert!(
            cmd.starts_with("hypecheck fetch announcements 600126.SH --from 20250101"),
            "{cmd}"
        );
        assert!(!cmd.contains("002881"), "{cmd}");
        assert!(
            cmd.contains("'异常 波动'") && cmd.ends_with("--cache 'my cache'"),
            "{cmd}"
        );
        let members = Request::members("算力概念", "compute");
        assert_eq!(
            members.retry_command(&[], None),
            "hypecheck fetch members --board 算力概念 --theme compute"
        );
    }

    #[test]
    fn each_fetched_file_has_its_import_job() {
        let st = Request::st();
        assert_eq!(
            st.import_job(Path::new("c/names/szse.csv")),
            Some(Job::Names)
        );
        assert_eq!(st.import_job(Path::new("c/st/board.csv")), Some(Job::St));
        let ann = Request::announcements(
            &[Symbol::parse_stock("002881").unwrap()],
            day("2025-01-01"),
            day("2025-02-07"),
            &AnnouncementOptions::default(),
        )
        .unwrap();
        // One scanned filing must not keep the stock's other announcements out.
        assert!(matches!(
            ann.import_job(Path::new("a.jsonl")),
            Some(Job::Docs(DocDefaults {
                skip_unreadable_pdfs: true,
                ..
            }))
        ));
        assert_eq!(
            Request::members("算力概念", "compute").import_job(Path::new("m.csv")),
            Some(Job::Members {
                theme: "compute".into(),
                source: None
            })
        );
    }

    #[test]
    fn a_theme_fetches_every_member_and_a_range_must_be_ordered() {
        let store = demo_store();
        let t = theme_requests(&store, "lingxi", day("2025-03-01"), day("2025-04-18")).unwrap();
        let kinds: Vec<Kind> = t.requests.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Bars,
                Kind::Index,
                Kind::Segments,
                Kind::Qa,
                Kind::Announcements
            ]
        );
        let (from, to) = asof_range(day("2025-04-18"), 20);
        assert_eq!((from, to), (day("2024-12-07"), day("2025-04-18")));
        let codes = [
            Symbol::parse_stock("002881").unwrap(),
            Symbol::parse_stock("600000").unwrap(),
            Symbol::parse_stock("000001").unwrap(),
        ];
        let names: Vec<String> = benchmarks(&codes).iter().map(Symbol::to_string).collect();
        assert_eq!(
            names,
            [
                "399107.SZ",
                "399106.SZ",
                "399001.SZ",
                "000002.SH",
                "000001.SH"
            ]
        );
        assert_eq!(t.requests[0].steps, 6, "every demo member");
        assert!(t.requests[0].args.ends_with(&[
            "--from".to_string(),
            "20250301".into(),
            "--to".into(),
            "20250418".into()
        ]));
        assert!(matches!(
            theme_requests(&store, "nothing", day("2025-03-01"), day("2025-04-18")),
            Err(Error::NoMembers(_))
        ));
        let codes = [Symbol::parse_stock("920493").unwrap()];
        assert!(matches!(
            Request::bars(&codes, day("2025-04-18"), day("2025-03-01")),
            Err(Error::BadRange { .. })
        ));
    }

    #[test]
    fn announcement_options_become_bridge_arguments() {
        let codes = [Symbol::parse_stock("002881").unwrap()];
        let (from, to) = (day("2025-01-01"), day("2025-02-10"));
        let plain = Request::announcements(&codes, from, to, &AnnouncementOptions::default());
        assert_eq!(
            plain.unwrap().args,
            ["002881.SZ", "--from", "20250101", "--to", "20250210"]
        );
        let opts = AnnouncementOptions {
            titles: vec!["异常波动".into(), " ".into(), "澄清".into()],
            no_pdf: true,
            timeout: Some(1.5),
        };
        let args = Request::announcements(&codes, from, to, &opts)
            .unwrap()
            .args;
        assert_eq!(
            args[5..],
            ["--titles", "异常波动,澄清", "--no-pdf", "--timeout", "1.5"]
        );
        for bad in [0.0, -1.0, 601.0, f64::NAN] {
            let opts = AnnouncementOptions {
                timeout: Some(bad),
                ..AnnouncementOptions::default()
            };
            assert!(matches!(
                Request::announcements(&codes, from, to, &opts),
                Err(Error::BadTimeout(_))
            ));
        }
    }

    #[test]
    fn bridge_events_are_read_by_their_tag() {
        let e: Event = serde_json::from_str(
            r#"{"event":"ok","code":"002881.SZ","file":"x.csv","rows":3,"extra":1}"#,
        )
        .unwrap();
        assert!(matches!(
            e,
            Event::Ok {
                rows: Some(3),
                skipped: false,
                ..
            }
        ));
        assert!(serde_json::from_str::<Event>(r#"{"event":"bogus"}"#).is_err());
    }
}

#[cfg(all(test, unix))]
mod bridge_tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in interpreter that keeps its arguments and standard input and answers
    /// with one event.
    fn fake_python(dir: &Path) -> PathBuf {
        let path = dir.join("python");
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{d}/args'\ncat > '{d}/stdin'\n\
             echo '{{\"event\":\"ok\",\"code\":\"002881.SZ\",\"file\":\"x.csv\",\"rows\":1}}'\n",
            d = dir.display()
        );
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
        path
    }

    #[test]
    fn the_bridge_goes_to_the_interpreter_on_stdin_and_no_program_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let python = fake_python(dir.path());
        let cache = dir.path().join("cache");
        let bridge = Bridge {
            python: &python,
            cache: &cache,
            force: false,
        };
        let req = Request::segments(&[Symbol::parse_stock("002881").unwrap()]);
        let mut events = 0;
        let fetched = run_bridge(&bridge, &req, &mut |_| events += 1).unwrap();
        assert_eq!((events, fetched.files.len()), (1, 1));
        let stdin = std::fs::read_to_string(dir.path().join("stdin")).unwrap();
        assert_eq!(stdin, BRIDGE, "the whole program, on standard input");
        let args = std::fs::read_to_string(dir.path().join("args")).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args[..3], ["-c", LAUNCHER, "segments"]);
        assert!(args.contains(&"002881.SZ"), "{args:?}");
        assert!(!cache.exists(), "nothing is written before the bridge runs");
    }

    #[test]
    fn the_launcher_runs_the_program_from_stdin_without_the_current_folder() {
        // A real interpreter, when there is one: the launcher must be valid Python that
        // leaves the current folder off the path and passes the arguments on.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("json.py"), "raise SystemExit(7)\n").unwrap();
        let out = Command::new("python3")
            .args(["-c", LAUNCHER, "a", "b"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(b"import sys, json\nprint(json.dumps(sys.argv))\n")?;
                c.wait_with_output()
            });
        let Ok(out) = out else {
            return; // no python3: the CLI tests say so
        };
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            r#"["hypecheck_fetch.py", "a", "b"]"#
        );
    }
}
