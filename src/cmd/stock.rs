//! `hypecheck stock`

use std::process::ExitCode;

use super::Global;

/// Arguments of `hypecheck stock`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("stock is not implemented yet")
}
