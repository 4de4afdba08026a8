//! `hypecheck theme list|show ID`: the built-in themes and what each one matches.

use std::io::Write;
use std::process::ExitCode;

use hypecheck::theme;

use super::Global;

/// `hypecheck theme` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ThemeCommand {
    /// List the built-in themes
    List,
    /// Show a theme's aliases, entities and segments (a built-in id or a TOML file)
    Show {
        /// Built-in theme id (see `theme list`) or path to a theme TOML file
        id: String,
    },
}

/// Runs the command.
pub fn run(cmd: ThemeCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let mut out = std::io::stdout().lock();
    match cmd {
        ThemeCommand::List => {
            for t in theme::builtin() {
                writeln!(
                    out,
                    "{}\t{}\t{} {}",
                    t.id,
                    t.name,
                    t.aliases.len() + t.entities.len(),
                    lang.pick("个关键词", "terms")
                )?;
            }
        }
        ThemeCommand::Show { id } => {
            let t = theme::load(&id)?;
            let none = lang.pick("（无）", "(none)");
            let join = |v: &[String]| {
                if v.is_empty() {
                    none.to_string()
                } else {
                    v.join("、")
                }
            };
            writeln!(out, "{}: {}", lang.pick("编号", "id"), t.id)?;
            writeln!(out, "{}: {}", lang.pick("名称", "name"), t.name)?;
            writeln!(
                out,
                "{}: {}",
                lang.pick("别名", "aliases"),
                join(&t.aliases)
            )?;
            writeln!(
                out,
                "{}: {}",
                lang.pick("相关机构", "entities"),
                join(&t.entities)
            )?;
            writeln!(
                out,
                "{}: {}",
                lang.pick("收入板块", "segments"),
                join(&t.segments)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
