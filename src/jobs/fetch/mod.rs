//! Live data through AkShare: the requests, the embedded Python bridge
//! (`python/hypecheck_fetch.py`) and its event lines. Running the bridge writes files in
//! the import formats into a cache folder; importing them is [`super::import`]'s job.
//!
//! Nothing here prints: [`run_bridge`] tells its caller each event as it comes.

mod bridge;
mod chain;
mod update;

use std::path::{Path, PathBuf};

pub use bridge::{run_bridge, Bridge, Event, Fetched, BRIDGE, LAUNCHER};
pub use chain::{fetch, fetch_theme, Note, Outcome, Stage, ThemeFetch, Watch};
pub use update::{bars_update, last_trading_day, update_bars, Current};

use super::import::Job;
use super::Kind;
use crate::ingest::DocDefaults;
use crate::messages;
use crate::model::{Date, Exchange, Lang, Symbol};
use crate::store::{self, Store};

/// One bridge request: its subcommand and arguments, and how its files are imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The bridge subcommand (`fetch COMMAND` too).
    pub command: &'static str,
    /// Arguments after the subcommand.
    pub args: Vec<String>,
    /// How many progress steps (stocks, or 1 for a board).
    pub steps: u64,
    /// How the files it writes are imported (see [`Request::import_job`]).
    pub job: Job,
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
    fn per_code(command: &'static str, job: Job, codes: &[Symbol], extra: Vec<String>) -> Request {
        let mut args: Vec<String> = codes.iter().map(Symbol::to_string).collect();
        args.extend(extra);
        Request {
            command,
            args,
            steps: codes.len() as u64,
            job,
        }
    }

    /// Unadjusted daily bars of stocks from `from` to `to`.
    pub fn bars(codes: &[Symbol], from: Date, to: Date) -> Result<Request> {
        let range = range_args(from, to)?;
        Ok(Request::per_code(
            "bars",
            Job::new(Kind::Bars),
            codes,
            range,
        ))
    }

    /// Daily levels of indices from `from` to `to`.
    pub fn index(codes: &[Symbol], from: Date, to: Date) -> Result<Request> {
        let range = range_args(from, to)?;
        Ok(Request::per_code(
            "index",
            Job::new(Kind::Index),
            codes,
            range,
        ))
    }

    /// Investor Q&A; `answer_dates` asks for each answer's exact date (slow).
    pub fn qa(codes: &[Symbol], answer_dates: bool) -> Request {
        let extra = if answer_dates {
            vec!["--answer-dates".to_string()]
        } else {
            Vec::new()
        };
        Request::per_code("qa", Job::new(Kind::Docs), codes, extra)
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
        // One scanned filing must not keep a stock's other announcements out.
        let job = Job::docs(DocDefaults {
            skip_unreadable_pdfs: true,
            ..DocDefaults::default()
        });
        Ok(Request::per_code("announcements", job, codes, args))
    }

    /// Share counts (股本) history, as of the fetch day.
    pub fn shares(codes: &[Symbol]) -> Request {
        Request::per_code("shares", Job::new(Kind::Shares), codes, Vec::new())
    }

    /// Revenue composition.
    pub fn segments(codes: &[Symbol]) -> Request {
        Request::per_code("segments", Job::new(Kind::Segments), codes, Vec::new())
    }

    /// The members of a concept board, stored as members of `theme`.
    pub fn members(board: &str, theme: &str) -> Request {
        Request {
            command: "members",
            args: vec!["--board".into(), board.to_string()],
            steps: 1,
            job: Job::members(theme, None),
        }
    }
}

impl Request {
    /// The current ST board (风险警示板) as a one-day ST list, and the SZSE name-change
    /// history as dated names.
    pub fn st() -> Request {
        Request {
            command: "st",
            args: Vec::new(),
            steps: 2,
            job: Job::new(Kind::St),
        }
    }
}

impl Request {
    /// How a file this request wrote is imported. A fetch of ST evidence writes dated
    /// names (`names/`) besides its one-day ST list (`st/`).
    pub fn import_job(&self, path: &Path) -> Job {
        let in_names = path.parent().and_then(Path::file_name) == Some("names".as_ref());
        if self.job.kind == Kind::St && in_names {
            Job::new(Kind::Names)
        } else {
            self.job.clone()
        }
    }

    /// The command that fetches again only `who` (stocks, or the board) of this request,
    /// with the same range and options, and `--cache` when one was given; quoted for a
    /// POSIX shell.
    pub fn retry_command(&self, who: &[&str], cache: Option<&Path>) -> String {
        let mut words = vec!["hypecheck".to_string(), "fetch".into(), self.command.into()];
        match self.job.kind {
            Kind::Members => {
                words.extend(self.args.iter().cloned());
                if let Some(theme) = &self.job.theme {
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
    /// Stocks and indices the store has through the end of the range, left out.
    pub current: Vec<Current>,
}

/// Bars, the benchmark indices of their boards, segments, Q&A and announcements (with
/// their text) from `from` to `to` of every stock the store lists as a member of `theme`.
/// Run again later, it fetches only what is new: bars and levels from the day after the
/// last stored, announcements from the latest stored (see `update.rs`); Q&A lists are
/// fetched whole once a day and their stored questions recognised by id on import.
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
    if from > to {
        return Err(Error::BadRange { from, to });
    }
    let (ranged, current) = update::theme_ranged(store, &codes, &benchmarks(&codes), (from, to))?;
    let (announcements, mut requests): (Vec<Request>, Vec<Request>) = ranged
        .into_iter()
        .partition(|r| r.command == "announcements");
    requests.push(Request::segments(&codes));
    requests.push(Request::shares(&codes));
    requests.push(Request::qa(&qa_codes, false));
    requests.extend(announcements);
    requests.retain(|r| r.steps > 0);
    Ok(ThemeRequests {
        requests,
        no_qa,
        current,
    })
}

/// Why a fetch failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The scan at the end of a theme's chain failed.
    #[error(transparent)]
    Job(#[from] crate::jobs::Error),
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
            Error::Job(e) => e.message(lang),
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
            Job::new(Kind::Names)
        );
        assert_eq!(
            st.import_job(Path::new("c/st/board.csv")),
            Job::new(Kind::St)
        );
        let ann = Request::announcements(
            &[Symbol::parse_stock("002881").unwrap()],
            day("2025-01-01"),
            day("2025-02-07"),
            &AnnouncementOptions::default(),
        )
        .unwrap();
        // One scanned filing must not keep the stock's other announcements out.
        let job = ann.import_job(Path::new("a.jsonl"));
        assert!(job.kind == Kind::Docs && job.docs.skip_unreadable_pdfs);
        assert_eq!(
            Request::members("算力概念", "compute").import_job(Path::new("m.csv")),
            Job::members("compute", None)
        );
    }

    #[test]
    fn a_theme_fetches_every_member_and_a_range_must_be_ordered() {
        // The demo store has every member's bars through 2025-04-30: the bars are current,
        // left out and said; later they start the day after.
        let store = demo_store();
        let t = theme_requests(&store, "lingxi", day("2025-03-01"), day("2025-04-18")).unwrap();
        let mut commands: Vec<&str> = t.requests.iter().map(|r| r.command).collect();
        commands.dedup();
        assert_eq!(
            commands,
            ["index", "segments", "shares", "qa", "announcements"]
        );
        assert_eq!(
            (t.current[0].command, t.current[0].symbols.len()),
            ("bars", 6)
        );
        let later = theme_requests(&store, "lingxi", day("2025-03-01"), day("2025-05-06")).unwrap();
        assert_eq!(later.requests[0].command, "bars", "{later:?}");
        assert_eq!(later.requests[0].steps, 6, "every demo member");
        assert!(later.requests[0].args.ends_with(&[
            "--from".to_string(),
            "20250501".into(),
            "--to".into(),
            "20250506".into()
        ]));
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
