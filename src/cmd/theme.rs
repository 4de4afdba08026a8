//! `hypecheck theme list|show ID`: the built-in themes and what each one matches.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

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
    /// Add a theme from a TOML file to the store, so `--theme ID` finds it
    Add {
        /// The theme file (TOML: id, name, aliases, entities, and optional revenue segments)
        file: std::path::PathBuf,
    },
}

/// Runs the command.
pub fn run(cmd: ThemeCommand, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let mut out = std::io::stdout().lock();
    match cmd {
        ThemeCommand::Add { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let origin = file.display().to_string();
            let t = theme::Theme::parse(&text, &origin)?;
            if theme::find_builtin(&t.id).is_some() {
                anyhow::bail!(
                    "{origin}: id '{}' {}",
                    t.id,
                    lang.pick(
                        "是内置题材的编号；请换一个编号",
                        "is a built-in theme's id; choose another id"
                    )
                );
            }
            let replaced = super::open_store(global)?.add_theme(&t.id, &text, &origin)?;
            let terms = t.aliases.len() + t.entities.len();
            let msg = match (lang, replaced) {
                (hypecheck::model::Lang::Zh, false) => {
                    format!("已添加题材 {}（{}），{terms} 个关键词", t.id, t.name)
                }
                (hypecheck::model::Lang::Zh, true) => {
                    format!("已更新题材 {}（{}），{terms} 个关键词", t.id, t.name)
                }
                (hypecheck::model::Lang::En, false) => {
                    format!("added theme {} ({}), {terms} terms", t.id, t.name)
                }
                (hypecheck::model::Lang::En, true) => {
                    format!("updated theme {} ({}), {terms} terms", t.id, t.name)
                }
            };
            writeln!(out, "{msg}")?;
        }
        ThemeCommand::List => {
            if global.db.exists() {
                let store = super::open_store(global)?;
                for id in store.user_theme_ids()? {
                    let t = super::load_theme(global, &id)?;
                    writeln!(
                        out,
                        "{}\t{}\t{} {}\t{}",
                        t.id,
                        t.name,
                        t.aliases.len() + t.entities.len(),
                        lang.pick("个关键词", "terms"),
                        lang.pick("（用户添加）", "(added)")
                    )?;
                }
            }
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
            let t = super::load_theme(global, &id)?;
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
