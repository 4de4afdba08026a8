//! Where a daily update starts: the last stored date of each stock's bars, each index's
//! levels and each stock's documents of a kind.

use super::keys::{key_date, sid_symbol};
use super::{sql, Result, Store};
use crate::model::{Date, DocKind, Symbol};

impl Store {
    /// Each stock's last bar date, in code order. One index seek per stock; an old code
    /// that changed counts as its new code.
    pub fn last_bars(&self) -> Result<Vec<(Symbol, Date)>> {
        self.last_dates(
            "reading last bars",
            "SELECT coalesce(c.new_sid, l.sid) AS id, max(l.last) FROM (
                 SELECT s.sid, (SELECT max(b.date) FROM bars b WHERE b.sid = s.sid) AS last
                 FROM securities s) l
             LEFT JOIN code_changes c ON c.old_sid = l.sid
             WHERE l.last IS NOT NULL GROUP BY id ORDER BY id",
            None,
        )
    }

    /// Each index's last date, in code order.
    pub fn last_index_bars(&self) -> Result<Vec<(Symbol, Date)>> {
        self.last_dates(
            "reading last index bars",
            "SELECT sid, max(date) FROM index_bars GROUP BY sid ORDER BY sid",
            None,
        )
    }

    /// Each stock's latest document date of `kind`, in code order.
    pub fn last_documents(&self, kind: DocKind) -> Result<Vec<(Symbol, Date)>> {
        self.last_dates(
            "reading last documents",
            "SELECT sid, max(date) FROM documents WHERE kind = ?1 GROUP BY sid ORDER BY sid",
            Some(kind.name()),
        )
    }

    fn last_dates(
        &self,
        what: &'static str,
        query: &str,
        kind: Option<&str>,
    ) -> Result<Vec<(Symbol, Date)>> {
        let e = sql(&self.path, what);
        let mut stmt = self.conn.prepare_cached(query).map_err(&e)?;
        let mut rows = match kind {
            Some(k) => stmt.query([k]),
            None => stmt.query([]),
        }
        .map_err(&e)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(&e)? {
            let (id, last): (i64, i32) = (r.get(0).map_err(&e)?, r.get(1).map_err(&e)?);
            if let Some(symbol) = sid_symbol(id) {
                out.push((symbol, key_date(last, &self.path)?));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Bar, DocKind, Document, Symbol};
    use crate::store::Store;

    fn bar(date: &str) -> Bar {
        Bar {
            date: date.parse().unwrap(),
            open: 1000,
            high: 1000,
            low: 1000,
            close: 1000,
            prev_close: None,
            volume: None,
            amount: None,
            turnover: None,
            st: None,
        }
    }

    #[test]
    fn each_stock_index_and_document_kind_has_its_last_date() {
        let mut store = Store::open_in_memory().unwrap();
        let (a, b) = (
            Symbol::parse_stock("600000").unwrap(),
            Symbol::parse_stock("000001").unwrap(),
        );
        store
            .import_bars::<crate::store::Error>(|sink| {
                sink.add(a, None, &bar("2025-04-16"))?;
                sink.add(a, None, &bar("2025-04-18"))?;
                sink.add(b, None, &bar("2025-04-17"))
            })
            .unwrap();
        let last = store.last_bars().unwrap();
        assert_eq!(
            last,
            [
                (a, "2025-04-18".parse().unwrap()),
                (b, "2025-04-17".parse().unwrap())
            ]
        );
        assert!(store.last_index_bars().unwrap().is_empty());
        let doc = Document {
            id: "x".into(),
            symbol: a,
            date: "2025-04-15".parse().unwrap(),
            kind: DocKind::Announcement,
            title: None,
            text: "公告".into(),
            question: None,
            answer: None,
            question_date: None,
            url: None,
            source: None,
        };
        store
            .import_docs::<crate::store::Error>(|sink| sink.add(&doc, None).map(drop))
            .unwrap();
        let docs = store.last_documents(DocKind::Announcement).unwrap();
        assert_eq!(docs, [(a, "2025-04-15".parse().unwrap())]);
        assert!(store.last_documents(DocKind::Qa).unwrap().is_empty());
    }
}
