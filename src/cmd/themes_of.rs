//! `hypecheck themes-of CODE [--json]`: every theme a stock belongs to, from the imported
//! theme members, with the reason (入选理由), the source and the date it joined.

use std::process::ExitCode;

use hypecheck::jobs;
use hypecheck::messages;
use hypecheck::model::{Lang, Symbol};
use hypecheck::report::table::new_table;
use hypecheck::store::Member;

use super::Global;

/// Arguments of `hypecheck themes-of`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The stock: a code (002881, 002881.SZ, sz002881) or its name (美格智能)
    code: String,
    /// JSON instead of a table: {code, name, themes: [{theme, reason, source, joined}]}
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let store = super::open_store(global)?;
    let (symbol, name) = jobs::resolve_stock(&store, &args.code).map_err(super::job_error(lang))?;
    let members = store.themes_of(symbol)?;
    let name = name.or_else(|| members.iter().find_map(|m| m.name.clone()));
    if args.json {
        let themes: Vec<serde_json::Value> = members
            .iter()
            .map(|m| {
                serde_json::json!({
                    "theme": m.theme, "reason": m.reason, "source": m.source,
                    "joined": m.joined, "imported_at": m.imported_at,
                })
            })
            .collect();
        let doc = serde_json::json!({"code": symbol, "name": name, "themes": themes});
        super::emit(&(serde_json::to_string_pretty(&doc)? + "\n"))?;
    } else {
        super::emit(&render(symbol, name.as_deref(), &members, lang))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(symbol: Symbol, name: Option<&str>, members: &[Member], lang: Lang) -> String {
    let head = format!("{symbol} {}", name.unwrap_or(""))
        .trim_end()
        .to_string();
    if members.is_empty() {
        return messages::in_no_theme(lang, &head);
    }
    let mut t = new_table(&[
        lang.pick("题材", "theme"),
        lang.pick("入选理由", "reason"),
        lang.pick("来源", "source"),
        lang.pick("纳入日期", "joined"),
    ]);
    for m in members {
        t.add_row(vec![
            m.theme.clone(),
            m.reason.clone().unwrap_or_else(|| "-".into()),
            m.source.clone(),
            m.joined.map_or_else(|| "-".into(), |d| d.to_string()),
        ]);
    }
    let count = messages::in_themes(lang, &head, distinct_themes(members));
    format!("{count}{t}\n")
}

fn distinct_themes(members: &[Member]) -> usize {
    let mut themes: Vec<&str> = members.iter().map(|m| m.theme.as_str()).collect();
    themes.dedup();
    themes.len()
}
