//! Where a command's output goes and in which format: `--format` takes only the formats
//! the command offers (`--json` stays an alias where it was), a file is written whole or
//! not at all (a temporary file renamed into place), and Parquet is not sent to a terminal.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use hypecheck::model::Lang;
use hypecheck::report::Format;

/// The `--format` value parser of a command that writes `allowed`.
pub fn formats(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(allowed.iter().map(|f| f.name()))
        .map(|name| Format::from_name(&name).unwrap_or(Format::Table))
}

/// The format asked for: `--json` is `--format json`.
pub fn chosen(format: Format, json: bool) -> Format {
    if json {
        Format::Json
    } else {
        format
    }
}

/// Runs `write` on the output: the file `out` (written to a temporary file beside it and
/// renamed into place once `write` succeeds), or standard output when `out` is `None` or
/// `-`. Binary formats are refused when standard output is a terminal.
pub fn write<T>(
    out: Option<&Path>,
    format: Format,
    lang: Lang,
    write: impl FnOnce(&mut (dyn Write + Send)) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    match out.filter(|p| p.as_os_str() != "-") {
        Some(path) => atomically(path, lang, write),
        None => {
            if format.is_binary() && std::io::stdout().is_terminal() {
                anyhow::bail!(hypecheck::messages::binary_to_terminal(lang, format.name()));
            }
            let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
            let value = write(&mut out)?;
            out.flush()?;
            Ok(value)
        }
    }
}

/// Writes to a temporary file beside `path` and renames it into place on success, so a
/// failed or interrupted run leaves no half-written output behind.
fn atomically<T>(
    path: &Path,
    lang: Lang,
    write: impl FnOnce(&mut (dyn Write + Send)) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".partial-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let cannot = |p: &Path| format!("{} {}", lang.pick("无法写入", "cannot write"), p.display());
    let result = (|| {
        let file = File::create(&tmp).with_context(|| cannot(&tmp))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let value = write(&mut out)?;
        out.flush().with_context(|| cannot(&tmp))?;
        std::fs::rename(&tmp, path).with_context(|| cannot(path))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
