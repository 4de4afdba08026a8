//! A stock's themes (`themes-of`): the table and the JSON; and the themes themselves
//! (`theme list|show|add`).

use super::table::{fit_wrapped, new_table};
use crate::messages;
use crate::model::{Lang, Symbol};
use crate::store::Member;
use crate::theme::Theme;

/// `theme list`: one line a theme (id, name, number of terms), the themes added to the
/// store first and marked.
pub fn list(user: &[Theme], builtin: &[Theme], lang: Lang) -> String {
    let terms = lang.pick("个关键词", "terms");
    let mut out = String::new();
    for (t, added) in user
        .iter()
        .map(|t| (t, true))
        .chain(builtin.iter().map(|t| (t, false)))
    {
        let n = t.terms().count();
        out += &format!("{}\t{}\t{n} {terms}", t.id, t.name);
        if added {
            out += &format!("\t{}", lang.pick("（用户添加）", "(added)"));
        }
        out.push('\n');
    }
    out
}

/// `theme show`: a theme's id, name, aliases, entities, revenue segments and the contexts
/// that do not count.
pub fn show(t: &Theme, lang: Lang) -> String {
    let join = |v: &[String]| {
        if v.is_empty() {
            lang.pick("（无）", "(none)").to_string()
        } else {
            v.join("、")
        }
    };
    [
        (lang.pick("编号", "id"), t.id.clone()),
        (lang.pick("名称", "name"), t.name.clone()),
        (lang.pick("别名", "aliases"), join(&t.aliases)),
        (lang.pick("相关机构", "entities"), join(&t.entities)),
        (lang.pick("收入板块", "segments"), join(&t.segments)),
        (
            lang.pick("不算提及的语境", "excluded contexts"),
            join(&t.exclude),
        ),
    ]
    .iter()
    .map(|(k, v)| format!("{k}: {v}\n"))
    .collect()
}

/// `theme add`: what was stored.
pub fn added(t: &Theme, replaced: bool, lang: Lang) -> String {
    let (id, name, terms) = (&t.id, &t.name, t.terms().count());
    let (zh, en) = if replaced {
        ("已更新", "updated")
    } else {
        ("已添加", "added")
    };
    match lang {
        Lang::Zh => format!("{zh}题材 {id}（{name}），{terms} 个关键词\n"),
        Lang::En => format!("{en} theme {id} ({name}), {terms} terms\n"),
    }
}

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
