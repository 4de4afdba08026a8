//! Documents and full-text search: the import sink ([`DocSink`]), reads by security and
//! date, and [`Store::search`].
//!
//! Search runs on SQLite FTS5 over words, not characters: title, text, question and answer
//! are segmented with jieba (search mode: a long word also yields its dictionary sub-words,
//! `中华人民共和国` → `中华 华人 人民 共和 共和国 中华人民共和国`) and stored as space-joined
//! tokens in a contentless FTS5 table with the `unicode61` tokenizer, so two-character words
//! such as 算力 match (FTS5's `trigram` tokenizer needs three). A query is segmented the
//! same way and every token is quoted, so user input never reaches FTS5 as syntax: `*`,
//! `NEAR`, `-`, quotes and parentheses are searched as text or dropped as punctuation. All
//! tokens must match (AND), in any order. Case is folded (`deepseek` finds DeepSeek);
//! traditional and simplified characters are matched as they are (a traditional query finds
//! traditional text only). A single character finds only the places where jieba left it
//! as a word of its own. Snippets are cut from the stored text around the first match.

use std::ops::RangeBounds;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use rusqlite::{params, OptionalExtension, Row, Statement};

use super::bars::UPSERT_SECURITY;
use super::keys::{date_key, key_date, key_range, sid, sid_symbol};
use super::{sql, Change, Error, ImportCounts, Result, Store};
use crate::model::{printable, Date, DocKind, Document, Symbol};

/// The jieba segmenter with its built-in dictionary, loaded on first use (about 0.2 s).
static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// The search tokens of a text: jieba search-mode words that hold at least one letter or
/// digit (punctuation and spaces are dropped). The index and queries both use this.
pub fn search_tokens(text: &str) -> Vec<&str> {
    JIEBA
        .cut_for_search(text, true)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// Filters of [`Store::search`]; the default filters nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    /// Only documents about this security.
    pub symbol: Option<Symbol>,
    /// Only documents of this kind.
    pub kind: Option<DocKind>,
    /// Only documents dated on or after this date.
    pub from: Option<Date>,
    /// Only documents dated on or before this date.
    pub to: Option<Date>,
}

/// A passage of a document around the first match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// The passage, with `…` where it was cut.
    pub text: String,
    /// Byte ranges of `text` that match a query token, in order, not overlapping.
    pub marks: Vec<(usize, usize)>,
}

impl Snippet {
    /// The passage with every match wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.marks.len());
        let mut at = 0;
        for &(s, e) in &self.marks {
            out.push_str(&self.text[at..s]);
            out.push_str(open);
            out.push_str(&self.text[s..e]);
            out.push_str(close);
            at = e;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The matching document.
    pub doc: Document,
    /// Where it matches.
    pub snippet: Snippet,
    /// FTS5's BM25 relevance, negated so that higher is better; comparable only within
    /// one query.
    pub rank: f64,
}

const INSERT_DOC: &str = "INSERT INTO documents
    (id, sid, date, kind, title, text, question, answer, url, source, imported_at,
     question_date)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
    ON CONFLICT (id) DO NOTHING";

const UPDATE_DOC: &str = "UPDATE documents SET
    sid = ?2, date = ?3, kind = ?4, title = ?5, text = ?6, question = ?7, answer = ?8,
    url = ?9, source = ?10, imported_at = ?11, question_date = ?12
    WHERE id = ?1 AND (sid IS NOT ?2 OR date IS NOT ?3 OR kind IS NOT ?4 OR title IS NOT ?5
        OR text IS NOT ?6 OR question IS NOT ?7 OR answer IS NOT ?8 OR url IS NOT ?9
        OR source IS NOT ?10 OR question_date IS NOT ?12)
    RETURNING n";

const DOC_COLUMNS: &str = "d.id, d.sid, d.date, d.kind, d.title, d.text, d.question, \
    d.answer, d.url, d.source, d.question_date";

/// Receives the documents of one file inside its transaction (see [`Store::import_docs`]).
pub struct DocSink<'t> {
    insert: Statement<'t>,
    update: Statement<'t>,
    security: Statement<'t>,
    fts_insert: Statement<'t>,
    fts_delete: Statement<'t>,
    conn: &'t rusqlite::Connection,
    imported_at: String,
    counts: ImportCounts,
    path: &'t str,
}

impl DocSink<'_> {
    /// Adds a document, replaces the stored one with the same id when its content differs,
    /// and records the security (with its name when given).
    /// Control characters and bidi overrides are dropped first ([`Document::printable`]).
    pub fn add(&mut self, doc: &Document, name: Option<&str>) -> Result<Change> {
        let e = sql(self.path, "storing a document");
        let cleaned = doc.printable();
        let doc = cleaned.as_ref().unwrap_or(doc);
        let name = name.map(printable);
        let id = sid(doc.symbol);
        let (ex, code) = (doc.symbol.exchange.suffix(), doc.symbol.code());
        self.security
            .execute(params![id, ex, code, name.as_deref()])
            .map_err(&e)?;
        let values = params![
            doc.id,
            id,
            date_key(doc.date),
            doc.kind.name(),
            doc.title,
            doc.text,
            doc.question,
            doc.answer,
            doc.url,
            doc.source,
            self.imported_at,
            doc.question_date.map(date_key)
        ];
        let change = if self.insert.execute(values).map_err(&e)? == 1 {
            let n = self.conn.last_insert_rowid();
            self.index(n, doc)?;
            Change::Added
        } else if let Some(n) = self
            .update
            .query_row(values, |r| r.get::<_, i64>(0))
            .optional()
            .map_err(&e)?
        {
            self.fts_delete.execute([n]).map_err(&e)?;
            self.index(n, doc)?;
            Change::Updated
        } else {
            Change::Unchanged
        };
        self.counts.count(change);
        super::pause::row_written("importing documents", self.counts.read);
        Ok(change)
    }

    fn index(&mut self, n: i64, doc: &Document) -> Result<()> {
        let text = doc.full_text();
        let tokens = search_tokens(&text).join(" ");
        self.fts_insert
            .execute(params![n, tokens])
            .map_err(sql(self.path, "indexing a document"))?;
        Ok(())
    }

    /// Counts so far.
    pub fn counts(&self) -> ImportCounts {
        self.counts
    }
}

impl Store {
    /// Imports one file's documents in one transaction: `fill` adds documents to the sink;
    /// when it returns `Ok` the transaction commits, when it fails (or panics) nothing it
    /// added stays.
    pub fn import_docs<E: From<Error>>(
        &mut self,
        fill: impl FnOnce(&mut DocSink<'_>) -> std::result::Result<(), E>,
    ) -> std::result::Result<ImportCounts, E> {
        self.write("importing documents", |tx, path| {
            let e = sql(path, "importing documents");
            let counts = {
                let mut sink = DocSink {
                    insert: tx.prepare(INSERT_DOC).map_err(&e)?,
                    update: tx.prepare(UPDATE_DOC).map_err(&e)?,
                    security: tx.prepare(UPSERT_SECURITY).map_err(&e)?,
                    fts_insert: tx
                        .prepare("INSERT INTO documents_fts (rowid, tokens) VALUES (?1, ?2)")
                        .map_err(&e)?,
                    fts_delete: tx
                        .prepare("DELETE FROM documents_fts WHERE rowid = ?1")
                        .map_err(&e)?,
                    conn: tx,
                    imported_at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    counts: ImportCounts::default(),
                    path,
                };
                fill(&mut sink)?;
                sink.counts
            };
            Ok(counts)
        })
    }

    /// One document by id.
    pub fn document(&self, id: &str) -> Result<Option<Document>> {
        let e = sql(&self.path, "reading a document");
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d WHERE d.id = ?1"
            ))
            .map_err(&e)?;
        let mut rows = stmt.query([id]).map_err(&e)?;
        match rows.next().map_err(&e)? {
            Some(r) => Ok(Some(doc_from_row(r, 0, &self.path)?)),
            None => Ok(None),
        }
    }

    /// The documents about one security in a date range, oldest first (ties by kind in
    /// evidence-weight order, then id): `store.documents_for(sym, from..=to)`.
    pub fn documents_for(
        &self,
        symbol: Symbol,
        dates: impl RangeBounds<Date>,
    ) -> Result<Vec<Document>> {
        let (lo, hi) = key_range(&dates);
        self.documents_where(
            "d.sid = ?1 AND d.date BETWEEN ?2 AND ?3",
            params![sid(symbol), lo, hi],
        )
    }

    /// Every document in a date range, oldest first, then by security.
    pub fn documents_between(&self, dates: impl RangeBounds<Date>) -> Result<Vec<Document>> {
        let (lo, hi) = key_range(&dates);
        self.documents_where("d.date BETWEEN ?1 AND ?2", params![lo, hi])
    }

    fn documents_where(&self, cond: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Document>> {
        let e = sql(&self.path, "reading documents");
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents d WHERE {cond}
                 ORDER BY d.date, d.sid, {KIND_ORDER}, d.id"
            ))
            .map_err(&e)?;
        let mut rows = stmt.query(args).map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            out.push(doc_from_row(r, 0, &self.path)?);
        }
        Ok(out)
    }

    /// How many documents the store holds.
    pub fn document_count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
            .map_err(sql(&self.path, "counting documents"))
    }

    /// The documents matching every word of `query`, best first, at most `limit`, with a
    /// snippet each. A query with no letters or digits matches nothing.
    ///
    /// ```
    /// use hypecheck::model::{content_id, Date, DocKind, Document, Symbol};
    /// use hypecheck::store::{SearchFilter, Store};
    ///
    /// let mut store = Store::open_in_memory()?;
    /// let (symbol, kind) = (Symbol::parse_stock("600126")?, DocKind::Announcement);
    /// let date = Date::from_ymd_opt(2025, 2, 17).unwrap();
    /// let text = "公司算力业务占营业收入的0.06%，占比极小。".to_string();
    /// let id = content_id(symbol, date, kind, None, &text, None, None);
    /// let doc = Document { id, symbol, date, question_date: None, kind, title: None, text,
    ///     question: None, answer: None, url: None, source: None };
    /// store.import_docs(|sink| sink.add(&doc, Some("杭钢股份")).map(|_| ()))?;
    /// let hits = store.search("算力", &SearchFilter::default(), 10)?;
    /// assert_eq!(hits[0].snippet.marked("[", "]"), "公司[算力]业务占营业收入的0.06%，占比极小。");
    /// assert_eq!(store.documents_for(symbol, date..=date)?, vec![doc]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn search(&self, query: &str, filter: &SearchFilter, limit: usize) -> Result<Vec<Hit>> {
        let tokens = search_tokens(query);
        if tokens.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let e = sql(&self.path, "searching documents");
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS}, bm25(documents_fts) AS score
                 FROM documents_fts JOIN documents d ON d.n = documents_fts.rowid
                 WHERE documents_fts MATCH ?1
                   AND (?2 IS NULL OR d.sid = ?2) AND (?3 IS NULL OR d.kind = ?3)
                   AND d.date BETWEEN ?4 AND ?5
                 ORDER BY score, d.date DESC, d.id LIMIT ?6"
            ))
            .map_err(&e)?;
        let (lo, hi) = key_range(&(
            filter
                .from
                .map_or(std::ops::Bound::Unbounded, std::ops::Bound::Included),
            filter
                .to
                .map_or(std::ops::Bound::Unbounded, std::ops::Bound::Included),
        ));
        let mut rows = stmt
            .query(params![
                fts_query(&tokens),
                filter.symbol.map(sid),
                filter.kind.map(DocKind::name),
                lo,
                hi,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ])
            .map_err(&e)?;
        let needles = snippet_needles(query, &tokens);
        let mut hits = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let doc = doc_from_row(r, 0, &self.path)?;
            let score: f64 = r.get(11).map_err(&e)?;
            let snippet = snippet(&doc, &needles);
            hits.push(Hit {
                doc,
                snippet,
                rank: -score,
            });
        }
        Ok(hits)
    }
}

/// Evidence-weight order of kinds in SQL (announcement first).
const KIND_ORDER: &str =
    "CASE d.kind WHEN 'announcement' THEN 0 WHEN 'regulator' THEN 1 WHEN 'qa' THEN 2 \
                          WHEN 'post' THEN 3 ELSE 4 END";

/// An FTS5 query that matches documents holding every token: each token is a quoted
/// string (a `"` inside doubled), so nothing the user typed is read as FTS5 syntax.
fn fts_query(tokens: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::with_capacity(tokens.len());
    let mut q = String::new();
    for t in tokens {
        if seen.contains(t) {
            continue;
        }
        seen.push(t);
        if !q.is_empty() {
            q.push(' ');
        }
        q.push('"');
        q.push_str(&t.replace('"', "\"\""));
        q.push('"');
    }
    q
}

/// Characters of context kept before the first match and in all.
const SNIPPET_BEFORE: usize = 24;
const SNIPPET_CHARS: usize = 96;

/// What a snippet marks, ASCII-lowercased: the query's space-separated terms as typed, and
/// its search tokens of two or more characters (a single-character sub-word such as the
/// 占 of 占比 would light up all over the passage).
fn snippet_needles(query: &str, tokens: &[&str]) -> Vec<String> {
    let terms = query
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric));
    let long_tokens = tokens
        .iter()
        .copied()
        .filter(|t| t.chars().nth(1).is_some());
    let mut out: Vec<String> = Vec::new();
    for n in terms.chain(long_tokens) {
        let n = n.to_ascii_lowercase();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Cuts a passage around the first match of any needle in title, text, question or answer
/// (ASCII case folded, as FTS5 does) and marks every match inside it, longest first.
fn snippet(doc: &Document, needles: &[String]) -> Snippet {
    // Whitespace runs (line breaks, layout) become one space: a snippet is one line.
    let full = doc
        .full_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let hay = full.to_ascii_lowercase();
    let first = needles.iter().filter_map(|n| hay.find(n.as_str())).min();
    let start = match first {
        Some(at) => back_chars(&full, at, SNIPPET_BEFORE),
        None => 0,
    };
    let end = forward_chars(&full, start, SNIPPET_CHARS);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    let offset = text.len();
    text.push_str(&full[start..end]);
    let body_len = end - start;
    if end < full.len() {
        text.push('…');
    }
    // Marks: every occurrence of every needle in the passage, longest first at a position.
    let window = &hay[start..end];
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < body_len {
        if !window.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let best = needles
            .iter()
            .filter(|n| !n.is_empty() && window[i..].starts_with(n.as_str()))
            .map(String::len)
            .max();
        match best {
            Some(len) => {
                marks.push((offset + i, offset + i + len));
                i += len;
            }
            None => i += 1,
        }
    }
    Snippet { text, marks }
}

/// The byte index `n` characters before `at` (or 0).
fn back_chars(s: &str, at: usize, n: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte index `n` characters after `from` (or the end).
fn forward_chars(s: &str, from: usize, n: usize) -> usize {
    s[from..]
        .char_indices()
        .nth(n)
        .map_or(s.len(), |(i, _)| from + i)
}

fn doc_from_row(r: &Row<'_>, at: usize, path: &str) -> Result<Document> {
    let e = sql(path, "reading a document");
    let id: String = r.get(at).map_err(&e)?;
    let s: i64 = r.get(at + 1).map_err(&e)?;
    let symbol = sid_symbol(s).ok_or_else(|| Error::Corrupt {
        path: path.to_string(),
        what: format!("document {id}: {s} is not a security id"),
    })?;
    let kind: String = r.get(at + 3).map_err(&e)?;
    let kind = DocKind::parse(&kind).ok_or_else(|| Error::Corrupt {
        path: path.to_string(),
        what: format!("document {id}: '{kind}' is not a document kind"),
    })?;
    Ok(Document {
        symbol,
        date: key_date(r.get(at + 2).map_err(&e)?, path)?,
        kind,
        title: r.get(at + 4).map_err(&e)?,
        text: r.get(at + 5).map_err(&e)?,
        question: r.get(at + 6).map_err(&e)?,
        answer: r.get(at + 7).map_err(&e)?,
        url: r.get(at + 8).map_err(&e)?,
        source: r.get(at + 9).map_err(&e)?,
        question_date: r
            .get::<_, Option<i32>>(at + 10)
            .map_err(&e)?
            .map(|k| key_date(k, path))
            .transpose()?,
        id,
    })
}

#[cfg(test)]
mod tests;
