//! Fetching into the store: one request ([`fetch`]: the bridge runs, then every file it
//! wrote is imported), or a theme's whole chain ([`fetch_theme`]: the concept board's
//! members, then bars, the benchmark indices of their boards, segments, Q&A and
//! announcements of every member, then the scan as of a date). The caller is told
//! everything as it happens through a [`Watch`]; nothing here prints.

use std::path::Path;

use super::{run_bridge, theme_requests, Bridge, Current, Event, Request, Result};
use crate::assess::Thresholds;
use crate::ingest::Progress;
use crate::jobs::import::{self, Imported, Job};
use crate::model::{Date, Symbol};
use crate::store::Store;

/// What the caller of a fetch hears while it runs.
pub trait Watch {
    /// The bridge starts on a request.
    fn start(&mut self, req: &Request);
    /// One event line of the bridge.
    fn event(&mut self, req: &Request, event: &Event);
    /// The bridge is done with the request (its files are imported next).
    fn finish(&mut self, req: &Request);
    /// Bytes read so far of a big fetched file being imported.
    fn tick(&mut self, progress: &Progress);
    /// A fetched file was imported, or refused; `store` holds what was imported so far.
    fn imported(&mut self, store: &Store, job: &Job, result: import::Result<Imported>);
    /// Something left out of the fetch, said before it starts.
    fn note(&mut self, note: &Note);
    /// A stage of a theme's chain is done.
    fn stage(&mut self, stage: &Stage);
}

/// What a fetch leaves out.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Beijing stocks: AkShare has no Q&A source for them.
    NoQa(Vec<Symbol>),
    /// The store has these through the end of the range already.
    Current(Current),
}

/// How one stage of a theme's chain went, for its closing line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// The fetch command (`bars`, `qa`…).
    pub command: &'static str,
    /// Requests (stocks, boards) fetched.
    pub done: usize,
    /// (stock or board, first line of why) of each failure.
    pub failed: Vec<(String, String)>,
    /// Documents left out because their PDF gave no text.
    pub no_text: usize,
    /// The command that fetches again only the failures.
    pub retry: String,
}

/// What a whole fetch run came to.
#[derive(Debug, Default)]
pub struct Outcome {
    /// (fetch command, stock or board) of each failed request.
    pub failed: Vec<(&'static str, String)>,
    /// Fetched files the import refused.
    pub refused: usize,
    /// (fetch command, how many) of documents left out because their PDF gave no text.
    pub no_text: Vec<(&'static str, usize)>,
    /// The scan a theme's chain ends with when it has an as-of date.
    pub scan: Option<crate::jobs::Scan>,
}

impl Outcome {
    /// Whether anything failed or was refused.
    pub fn is_clean(&self) -> bool {
        self.failed.is_empty() && self.refused == 0 && self.no_text.is_empty()
    }
}

/// Runs one request and imports the files it wrote; with `stage`, closes with a
/// [`Stage`] (the retry command repeats `cache`, the `--cache` the user gave).
pub fn fetch(
    store: &mut Store,
    bridge: &Bridge<'_>,
    req: &Request,
    cache: Option<&Path>,
    stage: bool,
    watch: &mut dyn Watch,
    outcome: &mut Outcome,
) -> Result<()> {
    watch.start(req);
    let fetched = run_bridge(bridge, req, &mut |e| watch.event(req, e));
    watch.finish(req);
    let fetched = fetched?;
    outcome.failed.extend(
        fetched
            .failed
            .iter()
            .map(|(who, _)| (req.command, who.clone())),
    );
    let mut no_text = 0;
    for path in &fetched.files {
        let job = req.import_job(path);
        let result = import::file(
            store,
            &job,
            path,
            &mut |p| watch.tick(p),
            &mut import::BadRows::refuse(),
        );
        match &result {
            Ok(Imported::Rows(summary)) => no_text += summary.skipped.len(),
            Ok(Imported::St(_)) => {}
            Err(_) => outcome.refused += 1,
        }
        watch.imported(store, &job, result);
    }
    if no_text > 0 {
        outcome.no_text.push((req.command, no_text));
    }
    if stage {
        let who: Vec<&str> = fetched.failed.iter().map(|(w, _)| w.as_str()).collect();
        watch.stage(&Stage {
            command: req.command,
            done: (req.steps as usize).saturating_sub(who.len()),
            failed: fetched
                .failed
                .iter()
                .map(|(w, m)| (w.clone(), m.lines().next().unwrap_or_default().to_string()))
                .collect(),
            no_text,
            retry: req.retry_command(&who, cache),
        });
    }
    Ok(())
}

/// A theme's chain: what to fetch and whether to scan at the end.
#[derive(Debug, Clone)]
pub struct ThemeFetch {
    /// The theme id.
    pub theme: String,
    /// First date fetched.
    pub from: Date,
    /// Last date fetched.
    pub to: Date,
    /// Fetch this concept board's members first, as the theme's members.
    pub board: Option<String>,
    /// Scan the theme as of this date with these thresholds when everything is in.
    pub scan: Option<(Date, Thresholds)>,
}

/// Runs a theme's chain: the board's members (with [`ThemeFetch::board`]), every stage of
/// [`theme_requests`], then the scan. A stage's failures are told and the chain goes on.
pub fn fetch_theme(
    store: &mut Store,
    bridge: &Bridge<'_>,
    spec: &ThemeFetch,
    cache: Option<&Path>,
    watch: &mut dyn Watch,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    if let Some(board) = &spec.board {
        let req = Request::members(board, &spec.theme);
        fetch(store, bridge, &req, cache, true, watch, &mut outcome)?;
    }
    let t = theme_requests(store, &spec.theme, spec.from, spec.to)?;
    for current in t.current {
        watch.note(&Note::Current(current));
    }
    if !t.no_qa.is_empty() {
        watch.note(&Note::NoQa(t.no_qa));
    }
    for req in &t.requests {
        fetch(store, bridge, req, cache, true, watch, &mut outcome)?;
    }
    if let Some((asof, thresholds)) = &spec.scan {
        let theme = crate::jobs::find_theme(Some(&*store), &spec.theme)?;
        outcome.scan = Some(crate::jobs::scan(store, &theme, *asof, thresholds)?);
    }
    Ok(outcome)
}
