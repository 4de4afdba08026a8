//! `hypecheck signals FILE... --out OUT.csv`: the per-bar signal dataset of every stock in
//! the files, computed without a store (see `hypecheck::signals` for the columns).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::signals::write_signals;

use super::Global;

/// Arguments of `hypecheck signals`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bar files (AkShare, Tushare, baostock or generic CSV; gzip; UTF-8/GBK)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the CSV; `-` for standard output
    #[arg(long, short)]
    out: PathBuf,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let to_stdout = args.out.as_os_str() == "-";
    let summary = if to_stdout {
        let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        write_signals(&args.files, &mut out).map_err(in_lang(lang))?
    } else {
        write_atomically(&args.out, |out| {
            write_signals(&args.files, out).map_err(in_lang(lang))
        })?
    };
    if summary.files_without_prev_close > 0 {
        eprintln!(
            "{}",
            lang.pick(
                "注意：输入文件没有昨收价（前收盘价）列，昨收取自上一根K线，除权除息日的涨跌停可能误判",
                "note: the input has no prev-close column; the previous bar's close is used, so \
                 ex-rights days may be misjudged",
            )
        );
    }
    if summary.st_unknown > 0 {
        eprintln!(
            "{}",
            hypecheck::messages::signals_st_unknown(
                lang,
                summary.st_unknown,
                summary.st_unknown_stocks
            )
        );
    }
    if summary.b_shares > 0 {
        eprintln!(
            "{}",
            hypecheck::messages::b_shares_skipped(lang, summary.b_shares)
        );
    }
    if !to_stdout {
        let msg = hypecheck::messages::signals_written(
            lang,
            &args.out.display().to_string(),
            summary.stocks,
            summary.rows,
            summary.suspended,
            summary.not_stocks,
        );
        eprintln!("{msg}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A signals error in the run's language (a write error keeps its cause chain).
fn in_lang(lang: hypecheck::model::Lang) -> impl Fn(hypecheck::signals::Error) -> anyhow::Error {
    move |e| match e {
        hypecheck::signals::Error::Read(e) => anyhow::anyhow!(e.message(lang)),
        other => other.into(),
    }
}

/// Writes to a temporary file beside `path` and renames it into place on success, so a
/// failed or interrupted run leaves no half-written output behind.
fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".partial-{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let value = write(&mut out)?;
        out.flush()
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, path)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), path.display()))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
