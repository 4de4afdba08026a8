//! Importing files for a command run (`import`, and `fetch` for what it fetched): the
//! library's pipeline (`jobs::import`) with a progress bar on big files, the
//! previous-close note said once per run, and each file's summary line.

use std::io::IsTerminal;
use std::path::Path;

use hypecheck::ingest::Progress;
use hypecheck::jobs::import::{self, Job};
use hypecheck::model::Lang;
use hypecheck::report;
use hypecheck::store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use super::rejects::Rejects;

/// Files larger than this get a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 4 << 20;

/// Imports files into one store for one run: shows a progress bar on big files and says
/// once per run that a bar file lacks the previous close.
pub struct Importer<'s> {
    store: &'s mut Store,
    lang: Lang,
    warned_prev_close: bool,
    skipped: Vec<String>,
    /// With `--skip-bad`: where the rows set aside go.
    rejects: Option<Rejects>,
}

impl<'s> Importer<'s> {
    pub fn new(store: &'s mut Store, lang: Lang) -> Importer<'s> {
        Importer {
            store,
            lang,
            warned_prev_close: false,
            skipped: Vec::new(),
            rejects: None,
        }
    }

    /// Bad rows are set aside and written beside each file, or all to `dest`, instead of
    /// refusing the file (`--skip-bad`, `--rejects`).
    pub fn skip_bad(&mut self, dest: Option<std::path::PathBuf>) {
        self.rejects = Some(Rejects::new(dest));
    }

    /// The documents left out so far (see `DocDefaults::skip_unreadable_pdfs`), each told
    /// on stderr as it happened.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// Imports one file in one transaction; its summary line, or why it was refused.
    pub fn file(&mut self, job: &Job, path: &Path) -> anyhow::Result<String> {
        let (store, lang) = (&mut *self.store, self.lang);
        let mut bar: Option<ProgressBar> = None;
        let mut tick = |p: &Progress| {
            bar.get_or_insert_with(|| progress_bar(p))
                .set_position(p.read());
        };
        let mut bad = match self.rejects {
            Some(_) => import::BadRows::skip(),
            None => import::BadRows::refuse(),
        };
        let imported = import::file(store, job, path, &mut tick, &mut bad);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        let summary = match imported.map_err(|e| refused(e, lang))? {
            import::Imported::Rows(summary) => summary,
            import::Imported::St(s) => {
                if let Some(note) = report::import::st_missing_days(&s, lang) {
                    eprintln!("{note}");
                }
                let mut line = report::import::st_summary(&s, lang);
                self.write_rejects(path, &bad, &mut line)?;
                return Ok(line);
            }
        };
        if summary.what == (import::What::Bars { prev_close: false }) && !self.warned_prev_close {
            self.warned_prev_close = true;
            eprintln!("{}", report::import::no_prev_close(&summary.file, lang));
        }
        for why in &summary.skipped {
            eprintln!("hypecheck: {why}");
        }
        self.skipped.extend(summary.skipped.iter().cloned());
        let mut line = report::import::summary(&summary, lang);
        if matches!(job, Job::Bars) {
            let all =
                hypecheck::jobs::check(store).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            if let Some(note) = report::check::import_note(&all, lang) {
                line.push('\n');
                line.push_str(&note);
            }
        }
        self.write_rejects(path, &bad, &mut line)?;
        Ok(line)
    }
}

impl Importer<'_> {
    /// With `--skip-bad`, writes the rows set aside from `path` and says where on a line
    /// of its own after the summary.
    fn write_rejects(
        &mut self,
        path: &Path,
        bad: &import::BadRows,
        line: &mut String,
    ) -> anyhow::Result<()> {
        let Some(rejects) = self.rejects.as_mut() else {
            return Ok(());
        };
        if let Some(written) = rejects.write(path, bad.rejected(), self.lang)? {
            line.push('\n');
            line.push_str(&report::import::rejects_written(
                bad.rejected().len() as u64,
                &written.display().to_string(),
                self.lang,
            ));
        }
        Ok(())
    }
}

/// A refused file's error in the user's language; reader and store errors keep their
/// cause chain.
pub fn refused(e: import::Error, lang: Lang) -> anyhow::Error {
    match e {
        import::Error::Read(e) => e.into(),
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
