//! The words a document file may write in its kind column instead of our names
//! (docs/design.md §4): vendors and scrapers label documents in Chinese ("异常波动公告",
//! "互动易", "关注函", "公众号"). [`kind_of_word`] reads our names, then the user's
//! `--kind-map WORD=KIND`, then [`KIND_WORDS`].

use crate::model::DocKind;

/// The built-in kind words, in the order they are tried: a value that holds one of a
/// row's words is that kind. A retelling by a third party comes first, so that
/// "异常波动公告(新闻转述)" (a news outlet reposting a filing) is news, not the filing;
/// then the regulator's letters, the Q&A platforms, the company's own media, and filings.
pub const KIND_WORDS: [(DocKind, &[&str]); 5] = [
    (DocKind::News, &["新闻", "转述", "报道", "转载"]),
    (DocKind::Regulator, &["关注函", "问询函", "监管", "警示函"]),
    (
        DocKind::Qa,
        &["互动易", "e互动", "投资者关系", "投资者问答", "问答"],
    ),
    (DocKind::Post, &["公众号", "微信", "微博", "自媒体"]),
    (
        DocKind::Announcement,
        &["公告", "异常波动", "风险提示", "澄清"],
    ),
];

/// The kind a kind cell names: one of our names (`announcement`, `regulator`, `qa`, `post`,
/// `news`, any case), else a word of `map` (`--kind-map`, the whole value trimmed), else a
/// value holding a word of [`KIND_WORDS`]; `None` for anything else.
///
/// ```
/// use hypecheck::ingest::kind_of_word;
/// use hypecheck::model::DocKind;
/// assert_eq!(kind_of_word("异常波动公告(新闻转述)", &[]), Some(DocKind::News));
/// assert_eq!(kind_of_word("深交所互动易", &[]), Some(DocKind::Qa));
/// assert_eq!(kind_of_word("研报", &[("研报".into(), DocKind::News)]), Some(DocKind::News));
/// assert_eq!(kind_of_word("研报", &[]), None);
/// ```
pub fn kind_of_word(value: &str, map: &[(String, DocKind)]) -> Option<DocKind> {
    let v = value.trim();
    if let Some(k) = DocKind::parse(v) {
        return Some(k);
    }
    if let Some((_, k)) = map.iter().find(|(w, _)| w.trim() == v) {
        return Some(*k);
    }
    let lower = v.to_lowercase();
    KIND_WORDS
        .iter()
        .find(|(_, words)| words.iter().any(|w| lower.contains(w)))
        .map(|(k, _)| *k)
}

/// The accepted kind words, for messages: `公告/异常波动/风险提示/澄清 → announcement, …`.
pub fn kind_words_list() -> String {
    let mut rows: Vec<(DocKind, &[&str])> = KIND_WORDS.to_vec();
    rows.sort_by_key(|(k, _)| *k);
    rows.iter()
        .map(|(k, words)| format!("{} → {}", words.join("/"), k.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parses `WORD=KIND` of `--kind-map`: `KIND` one of our names.
pub fn parse_kind_map(s: &str) -> Result<(String, DocKind), String> {
    let (word, kind) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("'{s}' is not WORD=KIND, e.g. 研报=news"))?;
    let word = word.trim();
    if word.is_empty() {
        return Err(format!("'{s}' names no word before '='"));
    }
    let kind = DocKind::parse(kind).ok_or_else(|| {
        format!("'{kind}' is not a document kind: use announcement, regulator, qa, post or news")
    })?;
    Ok((word.to_string(), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_table_reads_the_words_of_the_issue() {
        for (word, kind) in [
            ("公告", DocKind::Announcement),
            ("异常波动", DocKind::Announcement),
            ("风险提示公告", DocKind::Announcement),
            ("澄清公告", DocKind::Announcement),
            ("关注函", DocKind::Regulator),
            ("问询函", DocKind::Regulator),
            ("监管函", DocKind::Regulator),
            ("互动易", DocKind::Qa),
            ("e互动", DocKind::Qa),
            ("上证E互动", DocKind::Qa),
            ("投资者关系", DocKind::Qa),
            ("公众号", DocKind::Post),
            ("微信", DocKind::Post),
            ("微博", DocKind::Post),
            ("新闻", DocKind::News),
            ("转述", DocKind::News),
            ("报道", DocKind::News),
            ("异常波动公告(新闻转述)", DocKind::News),
            (" Announcement ", DocKind::Announcement),
        ] {
            assert_eq!(kind_of_word(word, &[]), Some(kind), "{word}");
        }
        assert_eq!(kind_of_word("研报", &[]), None);
    }

    #[test]
    fn the_user_map_wins_and_is_parsed_with_errors_that_help() {
        let map = vec![parse_kind_map("公告=news").unwrap()];
        assert_eq!(kind_of_word("公告", &map), Some(DocKind::News));
        assert_eq!(kind_of_word("澄清公告", &map), Some(DocKind::Announcement));
        assert!(parse_kind_map("研报").unwrap_err().contains("WORD=KIND"));
        assert!(parse_kind_map("研报=report")
            .unwrap_err()
            .contains("regulator"));
        assert!(parse_kind_map("=news").is_err());
        let list = kind_words_list();
        assert!(
            list.starts_with("公告/异常波动/风险提示/澄清 → announcement"),
            "{list}"
        );
        assert!(list.contains("新闻/转述/报道"), "{list}");
    }
}
