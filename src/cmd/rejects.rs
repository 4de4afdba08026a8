//! `import KIND --skip-bad [--rejects PATH]`: the rows an import set aside, written as
//! JSON Lines, one object a row: `{"file", "line", "reason", "row"}` (`row` is the text of
//! the row's first line as the file has it, decoded; `reason` is the message an import
//! without `--skip-bad` would have given for it). By default beside each file as
//! `FILE.rejects.jsonl` (only when it had bad rows; an earlier run's file there is removed
//! when this one had none); with `--rejects PATH`, every file's rows of the run in PATH.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use hypecheck::ingest;
use hypecheck::model::Lang;

/// Where a run's rejected rows go.
pub struct Rejects {
    /// `--rejects PATH`, and whether this run has written to it yet.
    dest: Option<(PathBuf, bool)>,
}

impl Rejects {
    /// Rejected rows go beside each file, or all to `dest`.
    pub fn new(dest: Option<PathBuf>) -> Rejects {
        Rejects {
            dest: dest.map(|d| (d, false)),
        }
    }

    /// Writes the rows set aside from `file`; the path written, when there were any.
    pub fn write(
        &mut self,
        file: &Path,
        rejected: &[ingest::Error],
        lang: Lang,
    ) -> anyhow::Result<Option<PathBuf>> {
        let (path, append) = match &mut self.dest {
            Some((dest, started)) => {
                // The run's first file empties PATH; later files add to it.
                let append = *started;
                *started = true;
                (dest.clone(), append)
            }
            None => {
                let mut name = file.as_os_str().to_owned();
                name.push(".rejects.jsonl");
                (PathBuf::from(name), false)
            }
        };
        if rejected.is_empty() {
            if self.dest.is_none() {
                // An earlier run's rejects of this file would now mislead.
                let _ = std::fs::remove_file(&path);
            } else if !append {
                File::create(&path).with_context(|| format!("writing {}", path.display()))?;
            }
            return Ok(None);
        }
        let lines: Vec<u64> = rejected.iter().filter_map(ingest::Error::line).collect();
        let texts = ingest::line_texts(file, &lines).unwrap_or_default();
        let out = OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(&path)
            .with_context(|| format!("writing {}", path.display()))?;
        let mut out = BufWriter::new(out);
        for e in rejected {
            let line = e.line();
            let row = line.and_then(|n| texts.iter().find(|(l, _)| *l == n).map(|(_, t)| t));
            let record = serde_json::json!({
                "file": file.display().to_string(),
                "line": line,
                "reason": reason(e, lang),
                "row": row,
            });
            writeln!(out, "{record}").with_context(|| format!("writing {}", path.display()))?;
        }
        out.flush()
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(Some(path))
    }
}

/// Why a row was set aside, as the refusal would have said it.
fn reason(e: &ingest::Error, lang: Lang) -> String {
    e.message(lang)
}
