//! A stock's themes (`themes-of`): the table and the JSON.

use super::table::{fit_wrapped, new_table};
use crate::messages;
use crate::model::{Lang, Symbol};
use crate::store::Member;

/// The themes as JSON: `{code, name, themes: [{theme, reason, source, joined,
/// imported_at}]}`.
pub fn json(symbol: Symbol, name: Option<&str>, members: &[Member]) -> String {
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
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The themes as a table under a line that counts them, within `width` columns (reasons
/// wrap; ids, sources and dates never do); a hint when there are none.
pub fn table(
    symbol: Symbol,
    name: Option<&str>,
    members: &[Member],
    width: Option<u16>,
    lang: Lang,
) -> String {
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
    fit_wrapped(&mut t, width, &[0, 2, 3]);
    let count = messages::in_themes(lang, &head, distinct_themes(members));
    format!("{count}{t}\n")
}

fn distinct_themes(members: &[Member]) -> usize {
    let mut themes: Vec<&str> = members.iter().map(|m| m.theme.as_str()).collect();
    themes.dedup();
    themes.len()
}
