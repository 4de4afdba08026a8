//! Search hits (`search`): the table and the JSON; snippets mark matches 【like this】.

use super::table::{fit_wrapped, new_table};
use crate::model::Lang;
use crate::store::Hit;

/// Opening and closing marks around a match in a snippet.
const MARKS: (&str, &str) = ("【", "】");

/// The hits as a table: date, code, kind, title and the snippet, within `width` columns
/// (titles and snippets wrap; dates and codes never do).
pub fn table(hits: &[Hit], width: Option<u16>, lang: Lang) -> String {
    let header = match lang {
        Lang::Zh => ["日期", "代码", "类型", "标题", "摘要"],
        Lang::En => ["date", "code", "kind", "title", "snippet"],
    };
    let mut t = new_table(&header);
    for h in hits {
        let d = &h.doc;
        t.add_row(vec![
            d.date.to_string(),
            d.symbol.to_string(),
            lang.pick(d.kind.label_zh(), d.kind.name()).to_string(),
            d.title.clone().unwrap_or_default(),
            h.snippet.marked(MARKS.0, MARKS.1),
        ]);
    }
    fit_wrapped(&mut t, width, &[0, 1, 2]);
    t.to_string()
}

/// The hits as JSON: `{query, hits: [{id, code, date, kind, title, snippet, rank, url,
/// source}]}`.
pub fn json(query: &str, hits: &[Hit]) -> String {
    let hits: Vec<serde_json::Value> = hits
        .iter()
        .map(|h| {
            let d = &h.doc;
            serde_json::json!({
                "id": d.id,
                "code": d.symbol.to_string(),
                "date": d.date.to_string(),
                "kind": d.kind.name(),
                "title": d.title,
                "snippet": h.snippet.marked(MARKS.0, MARKS.1),
                "rank": h.rank,
                "url": d.url,
                "source": d.source,
            })
        })
        .collect();
    serde_json::json!({ "query": query, "hits": hits }).to_string()
}
