//! Value parsers for the commands' flags (dates use `super::parse_date`): a bad
//! value is a usage error (exit 2) with a message that shows an accepted form.

use hypecheck::market::Board;
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

/// `--board`: a board by id (`sh_main`, `sz_main`, `chinext`, `star`, `bse`) or by name
/// (沪市主板, 深市主板, 创业板, 科创板, 北交所, or the English names).
pub fn board(s: &str) -> Result<Board, String> {
    let t = s.trim();
    [
        Board::ShMain,
        Board::SzMain,
        Board::ChiNext,
        Board::Star,
        Board::Bse,
    ]
    .into_iter()
    .find(|b| {
        b.id().eq_ignore_ascii_case(t) || b.name_zh() == t || b.name_en().eq_ignore_ascii_case(t)
    })
    .ok_or_else(|| {
        format!(
            "'{s}' is not a board: use sh_main (沪市主板), sz_main (深市主板), chinext (创业板), \
             star (科创板) or bse (北交所)"
        )
    })
}
