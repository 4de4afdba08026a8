//! Value parsers for the commands' flags (dates use `super::parse_date`): a bad
//! value is a usage error (exit 2) with a message that shows an accepted form.

use hypecheck::model::{DocKind, Symbol};

/// `--code`: a stock code in any accepted form, stored as `CODE.EX`.
pub fn code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_stock(s).map_err(|e| e.to_string())
}

/// `--kind`: a document kind.
pub fn kind(s: &str) -> Result<DocKind, String> {
    DocKind::parse(s)
        .ok_or_else(|| format!("'{s}' is not a document kind: use announcement, qa, post or news"))
}

/// A theme id (clap value parser): letters, digits, `-`, `_` or `.`, as in theme files.
pub fn theme_id(s: &str) -> Result<String, String> {
    let t = s.trim();
    if !t.is_empty()
        && t.len() <= 64
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        Ok(t.to_string())
    } else {
        Err(format!(
            "'{s}' is not a theme id: use letters, digits, '-', '_' or '.' (e.g. deepseek)"
        ))
    }
}
