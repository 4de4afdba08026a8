//! `hypecheck theme list|show ID`: the built-in themes and what each one matches.

use std::process::ExitCode;

use anyhow::Context;
use hypecheck::{jobs, report, theme};

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
    /// Add a theme from a TOML file to the store, so `--theme ID` finds it
    Add {
        /// The theme file (TOML: id, name, aliases, entities, and optional revenue segments)
        file: std::path::PathBuf,
    },
}

/// Runs the command.
pub fn run(cmd: ThemeCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let text = match cmd {
        ThemeCommand::Add { file } => {
            let toml = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let mut store = super::open_store(global)?;
            let origin = file.display().to_string();
            let added = jobs::add_theme(&mut store, &toml, &origin)
                .map_err(|e| anyhow::anyhow!(e.message(lang)))?;
            report::themes::added(&added.theme, added.replaced, lang)
        }
        ThemeCommand::List => {
            // Listing must not create a store.
            let user = match global.db.exists() {
                true => jobs::user_themes(&super::open_store(global)?)?,
                false => Vec::new(),
            };
            report::themes::list(&user, &theme::builtin(), lang)
        }
        ThemeCommand::Show { id } => report::themes::show(&super::load_theme(global, &id)?, lang),
    };
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
