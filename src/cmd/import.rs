//! `hypecheck import bars|index FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use super::Global;

/// What to import.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// Daily bars of stocks (AkShare, Tushare, baostock or generic CSV; gzip; UTF-8/GBK)
    Bars {
        /// Files to import, each in one transaction
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Daily bars of a benchmark index
    Index {
        /// Files to import
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The index code with its exchange (000001.SH); needed when the file has no code column
        #[arg(long)]
        code: Option<String>,
    },
}

/// Runs the import.
pub fn run(cmd: ImportCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (cmd, global);
    anyhow::bail!("import is not implemented yet")
}
