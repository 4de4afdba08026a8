//! Importing files for a command run (`import`, and `fetch` for what it fetched): the
//! library's pipeline (`jobs::import`) with a progress bar on big files, the
//! previous-close note said once per run, and each file's summary line.

use std::io::IsTerminal;
use std::path::Path;

use hypecheck::ingest::Progress;
use hypecheck::jobs::import::{self, Imported, Job};
use hypecheck::jobs::Kind;
use hypecheck::model::Lang;
use hypecheck::report;
use hypecheck::store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use super::rejects::Rejects;

/// Files larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 4 << 20;

/// Tells the user about the files imported in one run: a progress bar on big files, the
/// note that a bar file lacks the previous close (once per run), each file's summary.
pub struct Reporter {
    lang: Lang,
    warned_prev_close: bool,
    told_total: bool,
    bar: Option<ProgressBar>,
    /// With `--skip-bad`: where the rows set aside go.
    rejects: Option<Rejects>,
}

impl Reporter {
    pub fn new(lang: Lang) -> Reporter {
        Reporter {
            lang,
            warned_prev_close: false,
            told_total: false,
            bar: None,
            rejects: None,
        }
    }

    /// Bad rows are set aside and written beside each file, or all to `dest`, instead of
    /// refusing the file (`--skip-bad`, `--rejects`).
    pub fn skip_bad(&mut self, dest: Option<std::path::PathBuf>) {
        self.rejects = Some(Rejects::new(dest));
    }

    /// Progress of the file being imported.
    pub fn tick(&mut self, p: &Progress) {
        self.bar
            .get_or_insert_with(|| progress_bar(p))
            .set_position(p.read());
    }

    /// The summary line of an imported file, or why it was refused; notes go to stderr.
    pub fn report(
        &mut self,
        store: &Store,
        job: &Job,
        imported: import::Result<Imported>,
    ) -> anyhow::Result<String> {
        let lang = self.lang;
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        let summary = match imported.map_err(|e| refused(e, lang))? {
            Imported::Rows(summary) => summary,
            Imported::St(s) => {
                if let Some(note) = report::import::st_missing_days(&s, lang) {
                    eprintln!("{note}");
                }
                return Ok(report::import::st_summary(&s, lang));
            }
        };
        if summary.no_prev_close && !self.warned_prev_close {
            self.warned_prev_close = true;
            eprintln!("{}", report::import::no_prev_close(&summary.file, lang));
        }
        for why in &summary.skipped {
            eprintln!("hypecheck: {why}");
        }
        if let Some(note) =
            hypecheck::messages::taken_from_text(lang, &summary.file, &summary.from_text)
        {
            eprintln!("hypecheck: {note}");
        }
        let mut line = report::import::summary(&summary, lang);
        if job.kind == Kind::Bars {
            // The impossible bars among this file's rows; the store's total once a run.
            let all =
                hypecheck::jobs::check(store).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            let this: Vec<_> = all
                .iter()
                .filter(|a| summary.covers(a.symbol, a.date))
                .cloned()
                .collect();
            let total = (!self.told_total).then_some(all.len());
            if let Some(note) = report::check::import_note(&this, total, lang) {
                self.told_total |= total.is_some_and(|n| n > this.len());
                line.push('\n');
                line.push_str(&note);
            }
        }
        Ok(line)
    }

    /// Imports one file in one transaction; its summary line, or why it was refused. With
    /// `--skip-bad` the rows set aside are written and the line says where.
    pub fn file(&mut self, store: &mut Store, job: &Job, path: &Path) -> anyhow::Result<String> {
        let mut bad = match self.rejects {
            Some(_) => import::BadRows::skip(),
            None => import::BadRows::refuse(),
        };
        let imported = import::file(store, job, path, &mut |p| self.tick(p), &mut bad);
        let mut line = self.report(store, job, imported)?;
        if let Some(rejects) = self.rejects.as_mut() {
            if let Some(written) = rejects.write(path, bad.rejected(), self.lang)? {
                line.push('\n');
                line.push_str(&report::import::rejects_written(
                    bad.rejected().len() as u64,
                    &written.display().to_string(),
                    self.lang,
                ));
            }
        }
        Ok(line)
    }
}

/// A refused file's error in the user's language; store errors keep their cause chain.
pub fn refused(e: import::Error, lang: Lang) -> anyhow::Error {
    match e {
        import::Error::Store(e) => e.into(),
        other => anyhow::anyhow!(other.message(lang)),
    }
}

/// A byte progress bar on stderr for big files when stderr is a terminal; hidden otherwise.
fn progress_bar(p: &Progress) -> ProgressBar {
    if !std::io::stderr().is_terminal() || p.total() < PROGRESS_MIN_BYTES {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(p.total());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
    {
        bar.set_style(style);
    }
    bar
}
