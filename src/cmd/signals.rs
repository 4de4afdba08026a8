//! `hypecheck signals FILE... --out OUT [--format csv|parquet] [--index FILE...]
//! [--benchmark CODE]`: the per-bar signal dataset of every stock in the files, computed
//! without a store (see `hypecheck::signals` for the columns).

use std::path::PathBuf;
use std::process::ExitCode;

use hypecheck::model::Symbol;
use hypecheck::report::Format;
use hypecheck::signals::{write_signals, Benchmarks, Options};

use super::Global;

/// Arguments of `hypecheck signals`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Bar files (AkShare, Tushare, baostock or generic CSV; gzip; UTF-8/GBK)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Where to write the dataset; `-` for standard output
    #[arg(long, short)]
    out: PathBuf,
    /// Output format: csv, or parquet (the same columns, typed)
    #[arg(long, value_parser = super::output::formats(&[Format::Csv, Format::Parquet]), default_value = "csv")]
    format: Format,
    /// Benchmark index files (as `import index` reads them): adds excess_d5 and
    /// excess_d30, and measures abnormal fluctuation against the index; each stock takes
    /// its board's index (上证/深证综指, 创业板综指, 科创50, 北证50) when the files hold
    /// it, else the files' only index
    #[arg(long, value_name = "FILE")]
    index: Vec<PathBuf>,
    /// The index every stock is measured against (000300.SH), and the code of index files
    /// without a code column
    #[arg(long, value_name = "CODE", requires = "index", value_parser = index_code)]
    benchmark: Option<Symbol>,
}

fn index_code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_index(s).map_err(|e| e.to_string())
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let benchmarks = if args.index.is_empty() {
        None
    } else {
        let read = Benchmarks::read(&args.index, args.benchmark).map_err(|e| match e {
            hypecheck::signals::Error::IndexWithoutCode(file) => {
                anyhow::anyhow!(hypecheck::messages::index_without_code(lang, &file))
            }
            e => in_lang(lang)(e),
        });
        Some(read?)
    };
    let options = Options {
        format: args.format,
        benchmarks: benchmarks.as_ref(),
    };
    let to_stdout = args.out.as_os_str() == "-";
    let summary = super::output::write(Some(&args.out), args.format, lang, |out| {
        write_signals(&args.files, out, &options).map_err(in_lang(lang))
    })?;
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
    if benchmarks.is_some() {
        let used: Vec<(String, String)> = summary
            .benchmarks
            .iter()
            .map(|(board, index)| (board.name(lang).to_string(), index.to_string()))
            .collect();
        let msg = hypecheck::messages::signals_benchmarks(lang, &used, summary.without_benchmark);
        eprintln!("{msg}");
    } else {
        eprintln!("{}", hypecheck::messages::signals_no_benchmark(lang));
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
