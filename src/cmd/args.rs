//! Value parsers for the commands' flags (dates use `super::parse_date`): a bad
//! value is a usage error (exit 2) with a message that shows an accepted form.

use anyhow::Context;
use hypecheck::market::Board;
use hypecheck::model::{DocKind, Symbol};

/// `--code`: a stock code in any accepted form, stored as `CODE.EX`.
pub fn code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_stock(s).map_err(|e| e.to_string())
}

/// `--kind`: a document kind.
pub fn kind(s: &str) -> Result<DocKind, String> {
    hypecheck::ingest::kind_of_word(s, &[]).ok_or_else(|| {
        format!(
            "'{s}' is not a document kind: use announcement, regulator, qa, post or news, or a \
             kind word ({})",
            hypecheck::ingest::kind_words_list()
        )
    })
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

/// The flags of `import docs` and `classify --input` for documents that do not carry a
/// code, date or kind, and for other tools' column names: both commands read a document
/// file the same way.
#[derive(Debug, Clone, clap::Args)]
pub struct DocFlags {
    /// The stock of .txt and .pdf files and of documents without a code
    #[arg(long, value_parser = code)]
    pub code: Option<Symbol>,
    /// The date (YYYY-MM-DD) of .txt and .pdf files and of documents without one
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<hypecheck::model::Date>,
    /// Read another tool's column or JSON key FROM as the field TO (e.g.
    /// --map 公告日期=date); event_date, publish_date, 发布时间 (date), excerpt, content,
    /// 正文 (text), doc_type and 类型 (kind) are read without it
    #[arg(long = "map", value_name = "FROM=TO", value_parser = hypecheck::ingest::parse_field_map)]
    pub map: Vec<(String, String)>,
    /// Read the kind cell WORD as KIND (e.g. --kind-map 研报=news), for words the built-in
    /// table does not know (公告/异常波动/风险提示/澄清 → announcement, 关注函/问询函/监管 →
    /// regulator, 互动易/e互动/投资者关系 → qa, 公众号/微信/微博 → post, 新闻/转述/报道 → news)
    #[arg(long = "kind-map", value_name = "WORD=KIND", value_parser = hypecheck::ingest::parse_kind_map)]
    pub kind_map: Vec<(String, DocKind)>,
}

impl DocFlags {
    /// The reader's defaults, with the kind of documents that carry none.
    pub fn defaults(self, kind: Option<DocKind>) -> hypecheck::ingest::DocDefaults {
        hypecheck::ingest::DocDefaults {
            symbol: self.code,
            date: self.date,
            kind,
            map: self.map,
            kind_map: self.kind_map,
            skip_unreadable_pdfs: false,
        }
    }
}

/// `--board`: a board by id (`sh_main`, `sz_main`, `chinext`, `star`, `bse`) or by name
/// (沪市主板, 深市主板, 创业板, 科创板, 北交所, or the English names).
pub fn board(s: &str) -> Result<Board, String> {
    let t = s.trim();
    Board::ALL
        .into_iter()
        .find(|b| {
            b.id().eq_ignore_ascii_case(t)
                || b.name_zh() == t
                || b.name_en().eq_ignore_ascii_case(t)
        })
        .ok_or_else(|| {
            format!(
            "'{s}' is not a board: use sh_main (沪市主板), sz_main (深市主板), chinext (创业板), \
             star (科创板) or bse (北交所)"
        )
        })
}

/// The evidence lexicon: built in, or the `evidence.toml` of a `--lexicons` folder.
pub fn load_lexicon(dir: Option<&std::path::Path>) -> anyhow::Result<hypecheck::text::Lexicon> {
    match dir {
        None => Ok(hypecheck::text::Lexicon::builtin().clone()),
        Some(d) => {
            let path = d.join(hypecheck::text::EVIDENCE_FILE);
            let s = std::fs::read_to_string(&path).with_context(|| {
                format!(
                    "reading {} (the --lexicons folder must hold {})",
                    path.display(),
                    hypecheck::text::EVIDENCE_FILE
                )
            })?;
            Ok(hypecheck::text::Lexicon::parse(
                &s,
                &path.display().to_string(),
            )?)
        }
    }
}
