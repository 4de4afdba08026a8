use super::*;

fn sym(s: &str) -> Symbol {
    Symbol::parse_stock(s).unwrap()
}

fn day(d: u32) -> Date {
    Date::from_ymd_opt(2025, 2, d).unwrap()
}

fn doc(id: &str, code: &str, d: u32, kind: DocKind, text: &str) -> Document {
    Document {
        id: id.to_string(),
        symbol: sym(code),
        date: day(d),
        question_date: None,
        kind,
        title: None,
        text: text.to_string(),
        question: None,
        answer: None,
        url: None,
        source: None,
    }
}

fn sample() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let docs = [
        doc(
            "a1",
            "600126",
            17,
            DocKind::Announcement,
            "公司算力业务预计占营业收入总额的0.06%，占比极小，公司与DeepSeek系统的开发等核心技术无关。",
        ),
        doc(
            "n1",
            "002881",
            7,
            DocKind::News,
            "美格智能股价连续涨停，市场传闻其与深度求索合作。",
        ),
        Document {
            question: Some("请问公司是否接入了DeepSeek大模型？".to_string()),
            answer: Some("公司智能模组产品已适配DeepSeek-R1模型。".to_string()),
            ..doc("q1", "002881", 10, DocKind::Qa, "")
        },
    ];
    store
        .import_docs(|sink| -> Result<()> {
            for d in &docs {
                sink.add(d, None)?;
            }
            Ok(())
        })
        .unwrap();
    store
}

fn ids(hits: &[Hit]) -> Vec<String> {
    let mut v: Vec<String> = hits.iter().map(|h| h.doc.id.clone()).collect();
    v.sort_unstable();
    v
}

#[test]
fn two_character_words_and_latin_names_are_found() {
    let store = sample();
    let all = SearchFilter::default();
    assert_eq!(ids(&store.search("算力", &all, 10).unwrap()), ["a1"]);
    assert_eq!(
        ids(&store.search("DeepSeek", &all, 10).unwrap()),
        ["a1", "q1"]
    );
    assert_eq!(
        ids(&store.search("deepseek", &all, 10).unwrap()),
        ["a1", "q1"]
    );
    assert_eq!(ids(&store.search("深度求索", &all, 10).unwrap()), ["n1"]);
    // Every word must match.
    assert_eq!(
        ids(&store.search("DeepSeek 算力", &all, 10).unwrap()),
        ["a1"]
    );
    assert!(store.search("光伏", &all, 10).unwrap().is_empty());
}

#[test]
fn filters_narrow_the_hits() {
    let store = sample();
    let f = |symbol: Option<&str>, kind, from: Option<u32>, to: Option<u32>| SearchFilter {
        symbol: symbol.map(sym),
        kind,
        from: from.map(day),
        to: to.map(day),
    };
    let q = |filter: &SearchFilter| ids(&store.search("DeepSeek", filter, 10).unwrap());
    assert_eq!(q(&f(Some("002881"), None, None, None)), ["q1"]);
    assert_eq!(q(&f(None, Some(DocKind::Announcement), None, None)), ["a1"]);
    assert_eq!(q(&f(None, None, Some(11), None)), ["a1"]);
    assert_eq!(q(&f(None, None, None, Some(10))), ["q1"]);
    assert!(q(&f(None, Some(DocKind::Post), None, None)).is_empty());
    assert_eq!(
        store
            .search("DeepSeek", &SearchFilter::default(), 1)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn fts5_syntax_in_a_query_is_searched_as_text() {
    let store = sample();
    let all = SearchFilter::default();
    for q in [
        "\"算力",
        "算力\"",
        "算力*",
        "算力 NEAR(DeepSeek)",
        "-算力",
        "(算力",
        "算力 OR",
        "tokens:算力",
        "算力 AND NOT",
        "^算力",
        "{tokens}: 算力",
    ] {
        let hits = store.search(q, &all, 10);
        assert!(hits.is_ok(), "{q}: {hits:?}");
    }
    // Operators are words, not syntax: `OR` must be present as a word.
    assert!(store.search("算力 OR 光伏", &all, 10).unwrap().is_empty());
    assert_eq!(ids(&store.search("(算力*)", &all, 10).unwrap()), ["a1"]);
    // Nothing searchable: no hits, no error.
    assert!(store.search("\"*()-", &all, 10).unwrap().is_empty());
    assert!(store.search("", &all, 10).unwrap().is_empty());
}

#[test]
fn snippets_mark_the_matches() {
    let store = sample();
    let hits = store
        .search("DeepSeek", &SearchFilter::default(), 10)
        .unwrap();
    let q1 = hits.iter().find(|h| h.doc.id == "q1").unwrap();
    assert_eq!(
        q1.snippet.marked("[", "]"),
        "请问公司是否接入了[DeepSeek]大模型？ 公司智能模组产品已适配[DeepSeek]-R1模型。"
    );
    let a1 = store
        .search("占比极小", &SearchFilter::default(), 10)
        .unwrap();
    assert_eq!(
        a1[0].snippet.marked("[", "]"),
        "公司算力业务预计占营业收入总额的0.06%，[占比极小]，公司与DeepSeek系统的开发等核心技术无关。"
    );
    // A long text is cut around the first match, with … where it was cut.
    let long = doc(
        "L",
        "600126",
        3,
        DocKind::News,
        &format!("{}占比极小{}", "甲".repeat(100), "乙".repeat(100)),
    );
    let s = snippet(
        &long,
        &snippet_needles("占比极小", &search_tokens("占比极小")),
    );
    assert_eq!(
        s.marked("[", "]"),
        format!("…{}[占比极小]{}…", "甲".repeat(24), "乙".repeat(68))
    );
}

#[test]
fn reimport_counts_unchanged_and_a_changed_document_is_reindexed() {
    let mut store = sample();
    let mut d = store.document("n1").unwrap().unwrap();
    let counts = store
        .import_docs(|sink| -> Result<()> {
            assert_eq!(sink.add(&d, None)?, Change::Unchanged);
            Ok(())
        })
        .unwrap();
    assert_eq!((counts.read, counts.added, counts.unchanged), (1, 0, 1));
    d.text = "美格智能澄清：公司未与深度求索开展合作，光伏业务无变化。".to_string();
    store
        .import_docs(|sink| -> Result<()> {
            assert_eq!(sink.add(&d, Some("美格智能"))?, Change::Updated);
            Ok(())
        })
        .unwrap();
    assert_eq!(store.document("n1").unwrap().unwrap(), d);
    let all = SearchFilter::default();
    assert_eq!(ids(&store.search("光伏", &all, 10).unwrap()), ["n1"]);
    assert!(store.search("传闻", &all, 10).unwrap().is_empty());
    assert_eq!(store.document_count().unwrap(), 3);
    let sec = store.security(sym("002881")).unwrap().unwrap();
    assert_eq!(sec.name.as_deref(), Some("美格智能"));
}

#[test]
fn a_failed_import_leaves_nothing() {
    let mut store = sample();
    let d = doc("x1", "300588", 8, DocKind::Post, "熙菱信息发布算力公告");
    let r = store.import_docs(|sink| -> Result<()> {
        sink.add(&d, None)?;
        Err(Error::Corrupt {
            path: "t".into(),
            what: "stop".into(),
        })
    });
    assert!(r.is_err());
    assert_eq!(store.document_count().unwrap(), 3);
    assert_eq!(
        ids(&store.search("算力", &SearchFilter::default(), 10).unwrap()),
        ["a1"]
    );
}

#[test]
fn documents_by_security_and_date() {
    let store = sample();
    let got: Vec<String> = store
        .documents_for(sym("002881"), day(1)..=day(28))
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(got, ["n1", "q1"]);
    assert_eq!(
        store.documents_for(sym("002881"), day(8)..).unwrap().len(),
        1
    );
    let between: Vec<String> = store
        .documents_between(day(7)..=day(17))
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(between, ["n1", "q1", "a1"]);
    assert!(store.document("nope").unwrap().is_none());
}

#[test]
fn query_tokens_are_quoted() {
    assert_eq!(fts_query(&["算力", "a\"b", "算力"]), "\"算力\" \"a\"\"b\"");
    assert_eq!(
        search_tokens("DeepSeek-R1，算力！"),
        ["DeepSeek", "R1", "DeepSeek-R1", "算力"]
    );
}

#[test]
fn a_question_keeps_its_date_and_its_answer_moves_the_date_that_counts() {
    let mut store = Store::open_in_memory().unwrap();
    let asked = Document {
        question: Some("是否接入DeepSeek？".to_string()),
        question_date: Some(day(3)),
        ..doc("irm-1", "002881", 3, DocKind::Qa, "")
    };
    let answered = Document {
        answer: Some("已适配。".to_string()),
        date: day(20),
        ..asked.clone()
    };
    for (d, change) in [
        (&asked, Change::Added),
        (&answered, Change::Updated),
        (&answered, Change::Unchanged),
    ] {
        store
            .import_docs(|sink| -> Result<()> {
                assert_eq!(sink.add(d, None)?, change);
                Ok(())
            })
            .unwrap();
    }
    let stored = store.document("irm-1").unwrap().unwrap();
    assert_eq!((stored.date, stored.question_date), (day(20), Some(day(3))));
}
