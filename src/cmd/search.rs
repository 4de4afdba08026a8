//! `hypecheck search QUERY`: full-text search over the imported documents, best match first,
//! with the date, code, kind, title and a snippet where the matches are marked 【like this】.
//!
//! Every word of the query must match (jieba words; see `store::docs`); FTS5 syntax in the
//! query is searched as text. No hit is not an error: a message says so and the exit
//! status is 0.

use std::process::ExitCode;

use hypecheck::messages;
use hypecheck::model::{Date, DocKind, Lang, Symbol};
use hypecheck::report;
use hypecheck::store::{search_tokens, SearchFilter, Store};

use super::{args, Global};

/// Arguments of `hypecheck search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words to search for, e.g. 算力 or "DeepSeek 合作"; every word must match (a query that
    /// starts with - goes after --)
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// Only documents about this stock
    #[arg(long, value_parser = args::code)]
    code: Option<Symbol>,
    /// Only documents of this kind: announcement, qa, post or news
    #[arg(long, value_parser = args::kind)]
    kind: Option<DocKind>,
    /// Only documents dated on or after this date (YYYY-MM-DD)
    #[arg(long, value_parser = super::parse_date)]
    from: Option<Date>,
    /// Only documents dated on or before this date (YYYY-MM-DD)
    #[arg(long, value_parser = super::parse_date)]
    to: Option<Date>,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// One JSON object: {query, hits: [{id, code, date, kind, title, snippet, rank, url, source}]}
    #[arg(long)]
    json: bool,
}

/// Runs the search.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let query = args.query.join(" ");
    let store = super::open_existing_store(global)?;
    let filter = SearchFilter {
        symbol: args.code,
        kind: args.kind,
        from: args.from,
        to: args.to,
    };
    let hits = store.search(&query, &filter, args.limit)?;
    let text = if args.json {
        report::search::json(&query, &hits)
    } else if hits.is_empty() {
        no_hits(&store, &query, lang)?
    } else {
        report::search::table(&hits, report::table::terminal_width(global.width), lang)
    };
    super::emit(&format!("{text}\n"))?;
    Ok(ExitCode::SUCCESS)
}

/// Why nothing was found, in words.
fn no_hits(store: &Store, query: &str, lang: Lang) -> anyhow::Result<String> {
    Ok(if search_tokens(query).is_empty() {
        messages::nothing_to_search(lang, query)
    } else if store.document_count()? == 0 {
        messages::no_documents(lang)
    } else {
        messages::no_match(lang, query)
    })
}
