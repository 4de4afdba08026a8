//! `hypecheck fetch ...`: live data through AkShare, into the store (see docs/fetch.md).
//! The library runs the bridge and imports what it wrote (`jobs::fetch`: one request, or
//! a theme's chain that ends with the scan); this command shows its progress, each file's
//! summary line and each stage's closing line, and renders the scan.
//!
//! The AkShare bridge (`python/hypecheck_fetch.py`) is embedded in the binary. Each fetch
//! pipes it to `python3` on standard input (`jobs::fetch::LAUNCHER`; `--python` /
//! `HYPECHECK_PYTHON`). Files stay in the cache folder (`--cache`, default
//! `hypecheck-cache` beside the store), so a second run skips what is already there
//! (`--force` fetches again). Prices are always unadjusted (不复权).

mod args;
mod progress;

use std::process::ExitCode;

use anyhow::bail;
use hypecheck::assess::Thresholds;
use hypecheck::ingest;
use hypecheck::jobs::fetch::{
    self, Bridge, Event, Note, Outcome, Request, Stage, ThemeFetch, Watch,
};
use hypecheck::jobs::import::{self, Imported, Job};
use hypecheck::messages;
use hypecheck::model::{Lang, Symbol};
use hypecheck::report;
use hypecheck::store::Store;

pub use args::Args;
use args::{ThemeArgs, What};
use progress::Progress;

use super::importer::Reporter;
use super::Global;

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let err = |e: fetch::Error| anyhow::anyhow!(e.message(lang));
    let cache = args
        .cache
        .clone()
        .unwrap_or_else(|| fetch::default_cache(&global.db));
    let bridge = Bridge {
        python: &args.python,
        cache: &cache,
        force: args.force,
    };
    let mut store = super::open_store(global)?;
    let mut watch = Shown {
        lang,
        progress: None,
        reporter: Reporter::new(lang),
    };
    let outcome = match &args.what {
        What::Theme(t) => {
            let spec = theme_fetch(t)?;
            let outcome = fetch::fetch_theme(
                &mut store,
                &bridge,
                &spec,
                args.cache.as_deref(),
                &mut watch,
            )
            .map_err(err)?;
            // With an as-of date the chain ends where a user wants it: the scan.
            if let Some(scan) = &outcome.scan {
                let mut out = std::io::stdout().lock();
                report::scan::table(
                    &mut out,
                    &scan.report,
                    &scan.coverage,
                    report::table::terminal_width(global.width),
                    lang,
                )?;
            }
            outcome
        }
        What::One(one) => {
            let mut outcome = Outcome::default();
            let (requests, stage) = match args::plan(one).map_err(err)? {
                args::Plan::One(req) => (vec![req], false),
                args::Plan::Update { theme, to } => {
                    let beijing = chrono::Utc::now().naive_utc() + chrono::Duration::hours(8);
                    let to = to.unwrap_or_else(|| fetch::last_trading_day(beijing));
                    let (requests, current) =
                        fetch::update_bars(&store, theme.as_deref(), to).map_err(err)?;
                    if let Some(current) = current {
                        watch.note(&Note::Current(current));
                    }
                    (requests, true)
                }
            };
            let cache = args.cache.as_deref();
            for req in &requests {
                fetch::fetch(
                    &mut store,
                    &bridge,
                    req,
                    cache,
                    stage,
                    &mut watch,
                    &mut outcome,
                )
                .map_err(err)?;
            }
            outcome
        }
    };
    if !outcome.is_clean() {
        bail!("{}", failed(&outcome, lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The chain a `fetch theme` asks for.
fn theme_fetch(t: &ThemeArgs) -> anyhow::Result<ThemeFetch> {
    let window = t.window.max(1);
    let (from, to) = match (t.from, t.to, t.asof) {
        (Some(f), Some(t), _) => (f, t),
        (_, _, Some(a)) => fetch::asof_range(a, window),
        _ => bail!("give --asof DATE, or --from DATE --to DATE"),
    };
    Ok(ThemeFetch {
        theme: t.theme.clone(),
        from,
        to,
        board: t.board.clone(),
        scan: t.asof.map(|asof| {
            let thresholds = Thresholds {
                window,
                ..Thresholds::default()
            };
            (asof, thresholds)
        }),
    })
}

/// The closing error of a run with failures.
fn failed(outcome: &Outcome, lang: Lang) -> String {
    let mut items: Vec<String> = outcome
        .failed
        .iter()
        .map(|(command, who)| format!("{command} {who}"))
        .collect();
    for &(command, n) in &outcome.no_text {
        items.push(format!(
            "{command}: {}",
            messages::pdf_without_text(lang, n)
        ));
    }
    let listed = if items.is_empty() {
        String::new()
    } else {
        format!(" ({})", items.join(", "))
    };
    messages::fetch_failed(lang, items.len(), &listed, outcome.refused)
}

/// A fetch shown on the terminal: progress per stock, a summary line per imported file.
struct Shown {
    lang: Lang,
    progress: Option<Progress>,
    reporter: Reporter,
}

impl Watch for Shown {
    fn start(&mut self, req: &Request) {
        self.progress = Some(Progress::new(req, self.lang));
    }

    fn event(&mut self, _req: &Request, event: &Event) {
        if let Some(progress) = &self.progress {
            progress.show(event);
        }
    }

    fn finish(&mut self, _req: &Request) {
        if let Some(progress) = self.progress.take() {
            progress.finish();
        }
    }

    fn tick(&mut self, progress: &ingest::Progress) {
        self.reporter.tick(progress);
    }

    fn imported(&mut self, store: &Store, job: &Job, result: import::Result<Imported>) {
        match self.reporter.report(store, job, result) {
            Ok(line) => {
                // A closed stdout ends the run at its next write; nothing to add here.
                let _ = super::emit(&format!("{line}\n"));
            }
            Err(e) => eprintln!("hypecheck: {e:#}"),
        }
    }

    fn note(&mut self, note: &Note) {
        let codes = |s: &[Symbol]| s.iter().map(Symbol::to_string).collect::<Vec<_>>();
        let line = match note {
            Note::NoQa(stocks) => messages::bse_no_qa(self.lang, &codes(stocks).join(", ")),
            Note::Current(c) => messages::fetch_current(
                self.lang,
                c.command,
                c.through,
                &messages::named(self.lang, &codes(&c.symbols)),
                c.symbols.len(),
            ),
        };
        eprintln!("{line}");
    }

    fn stage(&mut self, stage: &Stage) {
        let mut why: Vec<String> = stage
            .failed
            .iter()
            .map(|(who, msg)| format!("{who}: {msg}"))
            .collect();
        if stage.no_text > 0 {
            why.push(messages::pdf_without_text(self.lang, stage.no_text));
        }
        eprintln!(
            "{}",
            messages::fetch_stage(self.lang, stage.command, stage.done, &why, &stage.retry)
        );
    }
}
