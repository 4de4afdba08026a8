use std::io::Write;

use super::*;

/// Writes `bytes` to a temporary file named `name` and reads every document and error.
fn read_all(
    name: &str,
    bytes: &[u8],
    defaults: DocDefaults,
) -> (DocFormat, Vec<Result<DocRow, Error>>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let mut r = DocReader::open(&path, defaults).unwrap();
    let mut out = Vec::new();
    loop {
        match r.next_doc() {
            Ok(Some(row)) => out.push(Ok(row)),
            Ok(None) => break,
            Err(e) if e.is_row_error() => out.push(Err(e)),
            Err(e) => panic!("{e}"),
        }
    }
    (r.format(), out)
}

/// A message from the file name on (the temporary folder before it varies).
fn from_name(msg: &str, name: &str) -> String {
    msg[msg.find(name).expect("the message names the file")..].to_string()
}

fn docs(rows: Vec<Result<DocRow, Error>>) -> Vec<Document> {
    rows.into_iter().map(|r| r.unwrap().doc).collect()
}

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn json_lines_with_and_without_ids() {
    let text = concat!(
        r#"{"id": "cninfo-1222", "code": "002881", "date": "2025-02-06", "kind": "announcement", "title": "异常波动公告", "text": "公司未与DeepSeek签订合同。", "url": "http://x/1", "source": "cninfo"}"#,
        "\n\n",
        r#"{"code": 2881, "date": 20250207, "kind": "qa", "question": "是否接入DeepSeek？", "answer": "", "name": "美格智能"}"#,
        "\n"
    );
    let (format, rows) = read_all("a.jsonl", text.as_bytes(), DocDefaults::default());
    assert_eq!(format, DocFormat::JsonLines);
    let lines: Vec<u64> = rows.iter().map(|r| r.as_ref().unwrap().line).collect();
    assert_eq!(lines, [1, 3]);
    assert_eq!(rows[1].as_ref().unwrap().name.as_deref(), Some("美格智能"));
    let d = docs(rows);
    assert_eq!(d[0].id, "cninfo-1222");
    assert_eq!(d[0].symbol.to_string(), "002881.SZ");
    assert_eq!(d[0].title.as_deref(), Some("异常波动公告"));
    assert_eq!(d[0].source.as_deref(), Some("cninfo"));
    assert_eq!(d[1].date, day(2025, 2, 7));
    assert_eq!(d[1].kind, DocKind::Qa);
    // An empty answer is no answer; the id is the content hash.
    assert_eq!(d[1].answer, None);
    assert_eq!(
        d[1].id,
        content_id(
            d[1].symbol,
            d[1].date,
            DocKind::Qa,
            None,
            "",
            Some("是否接入DeepSeek？"),
            None
        )
    );
}

#[test]
fn bad_json_lines_name_the_line_and_the_fix() {
    let text = concat!(
        r#"{"code": "002881", "date": "2025-02-06", "kind": "news", "text": "好"}"#,
        "\n",
        "not json\n",
        r#"{"date": "2025-02-06", "kind": "news", "text": "缺代码"}"#,
        "\n",
        r#"{"code": "002881", "date": "2025-02-31", "kind": "news", "text": "坏日期"}"#,
        "\n",
        r#"{"code": "002881", "date": "2025-02-06", "kind": "memo", "text": "坏类型"}"#,
        "\n",
        r#"{"code": "002881", "date": "2025-02-06", "kind": "news", "title": " "}"#,
        "\n",
        r#"["an", "array"]"#,
        "\n",
        r#"{"code": "002881", "date": "2025-02-06", "kind": "news", "text": ["x"]}"#,
        "\n",
    );
    let (_, rows) = read_all("bad.jsonl", text.as_bytes(), DocDefaults::default());
    let msgs: Vec<String> = rows
        .iter()
        .skip(1)
        .map(|r| from_name(&r.as_ref().unwrap_err().to_string(), "bad.jsonl"))
        .collect();
    let expect = [
        "bad.jsonl line 2: not a JSON object (expected ident at column 2)",
        "bad.jsonl line 3: no code; add a code such as 002881.SZ, or pass --code",
        "bad.jsonl line 4, column date: '2025-02-31' is not a date; write it as YYYY-MM-DD or YYYYMMDD",
        "bad.jsonl line 5, column kind: 'memo' is not a document kind; use announcement, regulator, qa, post or news",
        "bad.jsonl line 6: no text; give the document a title, text, question or answer, or remove it",
        "bad.jsonl line 7: not a JSON object (found an array)",
        "bad.jsonl line 8, column text: '[\"x\"]' is an array, not text; write the field as a JSON string",
    ];
    for (m, e) in msgs.iter().zip(expect) {
        assert!(m.starts_with(e), "{m}\n  expected to start with\n{e}");
    }
    assert_eq!(msgs.len(), expect.len());
}

#[test]
fn flags_fill_what_a_document_lacks() {
    let defaults = DocDefaults {
        symbol: Some(Symbol::parse_stock("600126").unwrap()),
        date: Some(day(2025, 2, 17)),
        kind: Some(DocKind::Post),

        ..DocDefaults::default()
    };
    let text = concat!(
        r#"{"text": "杭钢股份算力业务占比极小"}"#,
        "\n",
        r#"{"code": "688316", "date": "2025-02-12", "kind": "news", "text": "青云科技"}"#,
        "\n"
    );
    let d = docs(read_all("p.jsonl", text.as_bytes(), defaults).1);
    assert_eq!(
        (d[0].symbol.to_string(), d[0].date, d[0].kind),
        ("600126.SH".to_string(), day(2025, 2, 17), DocKind::Post)
    );
    assert_eq!(d[1].symbol.to_string(), "688316.SH");
    assert_eq!(d[1].kind, DocKind::News);
}

#[test]
fn generic_csv_in_gbk_with_a_quoted_multiline_text() {
    let text = "code,date,kind,title,text,url\n\
                sz002881,2025/02/10,post,公众号,\"第一段：算力模组。\n第二段：适配DeepSeek。\",https://mp/1\n\
                002881,2025-02-11,news,,,\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let (format, rows) = read_all("posts.csv", &gbk, DocDefaults::default());
    assert_eq!(format, DocFormat::Csv);
    let first = rows[0].as_ref().unwrap();
    assert_eq!(first.doc.text, "第一段：算力模组。\n第二段：适配DeepSeek。");
    assert_eq!(first.doc.date, day(2025, 2, 10));
    assert_eq!(first.doc.url.as_deref(), Some("https://mp/1"));
    // The second record starts on line 4: the first one spans lines 2 and 3.
    let err = rows[1].as_ref().unwrap_err();
    assert_eq!(err.line(), Some(4));
    assert!(err.to_string().contains("no text"), "{err}");
}

#[test]
fn akshare_irm_export_is_qa_with_answer_date_and_platform_id() {
    let text = ",股票代码,公司简称,行业,行业代码,问题,提问者,来源,提问时间,更新时间,提问者编号,问题编号,回答ID,回答内容,回答者\n\
                0,002881,美格智能,计算机,C39,请问公司与DeepSeek有合作吗？,投资者A,互动易,2025-02-06 10:01:02,2025-02-08 16:00:00,u1,1300000001,a1,公司未与DeepSeek开展合作。,董秘\n\
                1,002881,美格智能,计算机,C39,公司算力业务收入多少？,投资者B,互动易,2025-02-07 09:00:00,2025-02-07 09:00:00,u2,1300000002.0,,,\n";
    let (format, rows) = read_all("irm.csv", text.as_bytes(), DocDefaults::default());
    assert_eq!(format, DocFormat::Irm);
    let first = rows[0].as_ref().unwrap();
    assert_eq!(first.name.as_deref(), Some("美格智能"));
    let d = docs(rows);
    assert_eq!(d[0].id, "irm-1300000001");
    assert_eq!(d[0].kind, DocKind::Qa);
    assert_eq!(
        d[0].date,
        day(2025, 2, 6),
        "no 回答时间 column: the question time"
    );
    assert_eq!(
        d[0].question.as_deref(),
        Some("请问公司与DeepSeek有合作吗？")
    );
    assert_eq!(d[0].answer.as_deref(), Some("公司未与DeepSeek开展合作。"));
    assert_eq!(d[0].source.as_deref(), Some("szse"));
    assert_eq!(d[1].id, "irm-1300000002");
    assert_eq!(d[1].answer, None);
    // stock_irm_ans_cninfo has the answer time: it is the date.
    let ans = "股票代码,公司简称,问题,回答内容,提问者,提问时间,回答时间\n\
               002881,美格智能,有合作吗？,没有。,A,2025-02-06 10:01:02,2025-02-10 15:00:00\n";
    let d = docs(read_all("ans.csv", ans.as_bytes(), DocDefaults::default()).1);
    assert_eq!(d[0].date, day(2025, 2, 10));
    assert!(d[0].id.starts_with("qa-"), "{}", d[0].id);
}

#[test]
fn akshare_sns_export_keeps_its_id_when_the_answer_arrives() {
    let header = "股票代码,公司简称,问题,回答,问题时间,回答时间,问题来源,回答来源,用户名\n";
    let before =
        format!("{header}688316,青云科技,是否部署DeepSeek？,,2025-02-05 20:00:00,,e互动,,投资者\n");
    let after = format!(
        "{header}688316,青云科技,是否部署DeepSeek？,公司已上线DeepSeek模型服务。,2025-02-05 20:00:00,2025-02-12 17:30:00,e互动,公司,投资者\n"
    );
    let (format, rows) = read_all("sns.csv", before.as_bytes(), DocDefaults::default());
    assert_eq!(format, DocFormat::Sns);
    let b = docs(rows).remove(0);
    let a = docs(read_all("sns.csv", after.as_bytes(), DocDefaults::default()).1).remove(0);
    assert_eq!(b.id, a.id);
    assert_eq!((b.date, a.date), (day(2025, 2, 5), day(2025, 2, 12)));
    assert_eq!(a.source.as_deref(), Some("sse"));
    assert_eq!(a.symbol.to_string(), "688316.SH");
}

#[test]
fn text_files_need_flags_and_unknown_headers_are_refused() {
    let defaults = DocDefaults {
        symbol: Some(Symbol::parse_stock("300588").unwrap()),
        date: Some(day(2025, 2, 7)),
        kind: Some(DocKind::Announcement),

        ..DocDefaults::default()
    };
    let (format, rows) = read_all(
        "a.txt",
        "  熙菱信息公告正文。\n".as_bytes(),
        defaults.clone(),
    );
    assert_eq!(format, DocFormat::Text);
    assert_eq!(docs(rows)[0].text, "熙菱信息公告正文。");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "正文").unwrap();
    let no_kind = DocDefaults {
        kind: None,
        ..defaults
    };
    let err = DocReader::open(&path, no_kind).err().unwrap().to_string();
    assert_eq!(
        from_name(&err, "a.txt"),
        "a.txt: the text file does not say its kind (no 公告编号, and no title ending 公告); \
         pass --kind announcement|regulator|qa|post|news"
    );

    let path = dir.path().join("x.csv");
    std::fs::write(&path, "a,b,c\n1,2,3\n").unwrap();
    let err = DocReader::open(&path, DocDefaults::default())
        .err()
        .unwrap();
    assert!(matches!(err, Error::DocHeader { .. }), "{err}");
    assert!(err.to_string().contains("unknown header 'a,b,c'"), "{err}");
}

#[test]
fn dates_with_times_are_read_as_days() {
    for s in [
        "2025-02-07",
        "20250207",
        "2025-02-07 15:30:12",
        "2025-02-07T15:30:12+08:00",
    ] {
        assert_eq!(parse_day(s), Some(day(2025, 2, 7)), "{s}");
    }
    assert_eq!(parse_day("2025-02-07x"), None);
}

#[test]
fn gzip_json_lines_and_a_csv_with_a_bom_are_read() {
    let line = r#"{"code": "300588", "date": "2025-02-07", "kind": "news", "text": "熙菱信息"}"#;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(line.as_bytes()).unwrap();
    let (format, rows) = read_all("n.jsonl.gz", &gz.finish().unwrap(), DocDefaults::default());
    assert_eq!(format, DocFormat::JsonLines);
    assert_eq!(docs(rows)[0].text, "熙菱信息");
    // Excel's UTF-8 with BOM on an e互动 export.
    let sns = "\u{feff}股票代码,公司简称,问题,回答,问题时间,回答时间,问题来源,回答来源,用户名\n\
               600126,杭钢股份,问题？,回答。,2025-02-10 10:05:00,2025-02-14 17:40:00,e互动,杭钢股份,丙\n";
    let (format, rows) = read_all("sns.csv", sns.as_bytes(), DocDefaults::default());
    assert_eq!(format, DocFormat::Sns);
    assert_eq!(docs(rows)[0].answer.as_deref(), Some("回答。"));
}

/// Every document of `reader`, errors as strings.
fn docs_of(mut reader: DocReader) -> Vec<Result<DocRow, String>> {
    let mut out = Vec::new();
    loop {
        match reader.next_doc() {
            Ok(Some(row)) => out.push(Ok(row)),
            Ok(None) => return out,
            Err(e) => out.push(Err(e.to_string())),
        }
    }
}

#[test]
fn a_stream_reads_like_the_file() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs");
    let defaults = DocDefaults {
        date: parse_day("2025-02-08"),
        ..DocDefaults::default()
    };
    for name in [
        "docs.jsonl",
        "irm_cninfo.csv",
        "sns_sseinfo.csv",
        "announcement_002881.pdf",
    ] {
        let path = dir.join(name);
        let from_file = DocReader::open(&path, defaults.clone()).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let from_stream = DocReader::from_reader(
            &path.display().to_string(),
            Cursor::new(bytes),
            defaults.clone(),
        )
        .unwrap();
        assert_eq!(from_stream.format(), from_file.format(), "{name}");
        let (want, got) = (docs_of(from_file), docs_of(from_stream));
        assert!(!want.is_empty(), "{name}");
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn a_pdf_stream_is_sniffed_without_a_pdf_name() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docs/announcement_002881.pdf");
    let defaults = DocDefaults {
        date: parse_day("2025-02-08"),
        ..DocDefaults::default()
    };
    let reader =
        DocReader::from_reader("-", Cursor::new(std::fs::read(path).unwrap()), defaults).unwrap();
    assert_eq!(reader.format(), DocFormat::Pdf);
    assert_eq!(reader.pdf_method(), Some(PdfMethod::Lopdf));
    let rows = docs_of(reader);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].as_ref().unwrap().doc.symbol.to_string(),
        "002881.SZ"
    );
}

#[test]
fn a_json_line_takes_its_text_from_the_pdf_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs/announcement_002881.pdf");
    std::fs::create_dir(dir.path().join("pdf")).unwrap();
    std::fs::copy(&fixture, dir.path().join("pdf/1.pdf")).unwrap();
    // A PDF with no text layer: a page and nothing on it.
    std::fs::write(dir.path().join("pdf/2.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let line = |id: u32, pdf: &str| {
        format!(
            r#"{{"id":"cninfo:{id}","code":"002881","date":"2025-02-06","kind":"announcement","title":"公告{id}","pdf":"{pdf}"}}"#
        ) + "\n"
    };
    let text = [
        line(1, "pdf/1.pdf"),
        line(2, "pdf/2.pdf"),
        line(3, "pdf/3.pdf"),
        line(4, "../1.pdf"),
        line(5, "/etc/passwd"),
        r#"{"id":"cninfo:6","code":"002881","date":"2025-02-06","kind":"announcement","title":"自带正文","text":"正文","pdf":"pdf/2.pdf"}"#.to_string(),
    ]
    .concat();
    let path = dir.path().join("a.jsonl");
    std::fs::write(&path, text).unwrap();
    let mut r = DocReader::open(&path, DocDefaults::default()).unwrap();
    let mut out = Vec::new();
    while let Some(row) = r.next_doc().transpose() {
        out.push(row);
    }
    assert_eq!(out.len(), 6, "a bad line leaves the reader usable");
    let first = out[0].as_ref().unwrap();
    assert_eq!(first.doc.title.as_deref(), Some("公告1"));
    assert!(
        first.doc.text.contains("DeepSeek-R1模型的适配"),
        "{}",
        first.doc.text
    );
    for (i, want) in [
        (1, "text cannot be extracted"),
        (2, "cannot be read"),
        (3, "not a path inside"),
        (4, "not a path inside"),
    ] {
        let e = out[i].as_ref().unwrap_err();
        assert!(e.is_row_error(), "{e}");
        assert_eq!(e.line(), Some(i as u64 + 1));
        assert!(e.to_string().contains(want), "{i}: {e}");
    }
    // A text given in the line wins over the PDF's.
    assert_eq!(out[5].as_ref().unwrap().doc.text, "正文");
    // A stream has no folder to find a PDF in.
    let mut s = DocReader::from_reader(
        "a.jsonl",
        std::io::Cursor::new(line(1, "pdf/1.pdf").into_bytes()),
        DocDefaults::default(),
    )
    .unwrap();
    assert!(s
        .next_doc()
        .unwrap_err()
        .to_string()
        .contains("only a JSON Lines file"));
}

#[test]
fn other_tools_field_names_are_read_as_ours() {
    let text = concat!(
        r#"{"code":"002881","publish_date":"2025-02-06","doc_type":"news","excerpt":"摘要"}"#,
        "\n",
        r#"{"code":"002881","event_date":"20250207","类型":"post","content":"正文一","正文":"正文二"}"#,
        "\n",
        r#"{"code":"002881","发布时间":"2025-02-08 10:00","kind":"qa","answer":"答","date":"2025-02-09"}"#,
        "\n",
    );
    let got = docs(read_all("a.jsonl", text.as_bytes(), DocDefaults::default()).1);
    let seen: Vec<(Date, &str, &str)> = got
        .iter()
        .map(|d| (d.date, d.kind.name(), d.text.as_str()))
        .collect();
    assert_eq!(
        seen,
        [
            (day(2025, 2, 6), "news", "摘要"),
            (day(2025, 2, 7), "post", "正文一"), // content comes before 正文
            (day(2025, 2, 9), "qa", ""),         // our own name wins over an alias
        ]
    );
    let csv = "股票,发布时间,类型,正文\n002881,2025-02-06,news,公司公告\n";
    let map = DocDefaults {
        map: vec![("股票".into(), "code".into())],
        ..DocDefaults::default()
    };
    let (format, rows) = read_all("a.csv", csv.as_bytes(), map.clone());
    assert_eq!(format, DocFormat::Csv);
    let d = &docs(rows)[0];
    assert_eq!(
        (d.symbol.to_string(), d.text.as_str()),
        ("002881.SZ".into(), "公司公告")
    );
    // --map wins over the field's own name.
    let text = r#"{"code":"000001","股票":"002881","date":"2025-02-06","kind":"news","text":"x"}"#;
    let d = &docs(read_all("m.jsonl", text.as_bytes(), map).1)[0];
    assert_eq!(d.symbol.to_string(), "002881.SZ");
}

#[test]
fn every_missing_field_of_a_line_is_told_at_once() {
    let text = concat!(
        r#"{"title":""}"#,
        "\n",
        r#"{"code":"002881","kind":"qa","answer":"a"}"#,
        "\n"
    );
    let (_, rows) = read_all("m.jsonl", text.as_bytes(), DocDefaults::default());
    let msgs: Vec<String> = rows
        .iter()
        .map(|r| from_name(&r.as_ref().unwrap_err().to_string(), "m.jsonl"))
        .collect();
    assert_eq!(
        msgs[0],
        "m.jsonl line 1: no code, date, kind or text; add a code such as 002881.SZ, or pass \
         --code; add a date such as 2025-02-07, or pass --date; add a kind (announcement, regulator, qa, \
         post or news), or pass --kind; give the document a title, text, question or answer, \
         or remove it"
    );
    assert_eq!(
        msgs[1],
        "m.jsonl line 2: no date; add a date such as 2025-02-07, or pass --date"
    );
}

#[test]
fn field_maps_name_a_field_of_ours() {
    assert_eq!(
        parse_field_map(" 公告日期 = date"),
        Ok(("公告日期".to_string(), "date".to_string()))
    );
    for bad in ["date", "=date", "x=when", "x="] {
        assert!(parse_field_map(bad).is_err(), "{bad}");
    }
    assert!(parse_field_map("x=when")
        .unwrap_err()
        .contains("code, date, kind"));
}

#[test]
fn a_pdf_without_text_can_be_skipped_instead_of_refusing_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scan.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let path = dir.path().join("a.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"code":"002881","date":"2025-02-06","kind":"announcement","title":"扫描件","pdf":"scan.pdf"}"#,
            "\n",
            r#"{"code":"002881","date":"2025-02-06","kind":"announcement","title":"外部","pdf":"../x.pdf"}"#,
            "\n",
            r#"{"code":"002881","date":"2025-02-06","kind":"news","text":"正文"}"#,
            "\n",
        ),
    )
    .unwrap();
    let defaults = DocDefaults {
        skip_unreadable_pdfs: true,
        ..DocDefaults::default()
    };
    let mut r = DocReader::open(&path, defaults).unwrap();
    // A path outside the folder is still a bad row; the scan is left out and told.
    assert!(r
        .next_doc()
        .unwrap_err()
        .to_string()
        .contains("not a path inside"));
    assert_eq!(r.next_doc().unwrap().unwrap().doc.text, "正文");
    assert!(r.next_doc().unwrap().is_none());
    assert_eq!(r.skipped().len(), 1);
    assert!(r.skipped()[0].contains("line 1"), "{:?}", r.skipped());
}

#[test]
fn the_qa_shape_is_qa_and_counts_from_the_answer_date() {
    let text = concat!(
        r#"{"code": "000425.SZ", "name": "徐工机械", "platform": "irm", "question_date": "2026-03-10", "answer_date": "2026-03-16", "question": "海外占比多少？", "answer": "约一半。", "source": "scraper-csv:1", "question_id": "2219518893552726016", "url": "https://irm.cninfo.com.cn/q"}"#,
        "\n",
        r#"{"code": "000425.SZ", "name": "徐工机械", "platform": "irm", "question_date": "2026-03-11", "answer_date": null, "question": "还在增持吗？", "answer": "", "source": "scraper-csv:1", "question_id": "2219518893552726017", "url": null}"#,
        "\n",
        r#"{"code": "600415.SH", "name": "小商品城", "platform": "sse", "question_date": "2026-06-30", "answer_date": null, "question": "出口如何？", "answer": "稳定。", "source": "scraper-csv:2", "question_id": 1760780, "url": "https://sns.sseinfo.com/company.do?stockcode=600415"}"#,
        "\n",
        r#"{"code": "603629.SH", "name": "利通电子", "platform": "sse", "question_date": null, "answer_date": null, "question": "是否澄清？", "answer": "澄清如下。", "source": "scraper-csv:3", "question_id": "1742208", "url": null}"#,
        "\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qa.jsonl");
    std::fs::write(&path, text).unwrap();
    let mut r = DocReader::open(&path, DocDefaults::default()).unwrap();
    let mut rows = Vec::new();
    loop {
        match r.next_doc() {
            Ok(Some(row)) => rows.push(Ok(row.doc)),
            Ok(None) => break,
            Err(e) if e.is_row_error() => rows.push(Err(e.to_string())),
            Err(e) => panic!("{e}"),
        }
    }
    assert_eq!(r.undated_answers(), 1, "the e互动 answer without a date");
    let answered = rows[0].as_ref().unwrap();
    assert_eq!(answered.kind, DocKind::Qa);
    assert_eq!(answered.id, "irm-2219518893552726016");
    assert_eq!(
        answered.date,
        day(2026, 3, 16),
        "the answer counts from its date"
    );
    assert_eq!(answered.question_date, Some(day(2026, 3, 10)));
    assert_eq!(answered.source.as_deref(), Some("scraper-csv:1"));
    let open = rows[1].as_ref().unwrap();
    assert_eq!(
        (open.date, open.answer.as_deref()),
        (day(2026, 3, 11), None)
    );
    let undated = rows[2].as_ref().unwrap();
    assert_eq!(undated.id, "sse-1760780");
    assert_eq!(undated.date, day(2026, 6, 30));
    let err = rows[3].as_ref().unwrap_err();
    assert!(
        err.contains("line 4: no date") && err.contains("question_date nor an answer_date"),
        "{err}"
    );
}

#[test]
fn the_qa_shape_reads_as_csv_too_and_an_explicit_date_wins() {
    let csv =
        "code,name,platform,question_date,answer_date,question,answer,source,question_id,url\n\
               000425.SZ,徐工机械,irm,2026-03-10,2026-03-16,海外占比多少？,约一半。,s,22,u\n";
    let (format, rows) = read_all("qa.csv", csv.as_bytes(), DocDefaults::default());
    assert_eq!(format, DocFormat::Csv);
    let d = docs(rows);
    assert_eq!((d[0].kind, d[0].date), (DocKind::Qa, day(2026, 3, 16)));
    assert_eq!(d[0].question_date, Some(day(2026, 3, 10)));
    assert_eq!(d[0].id, "irm-22");
    // `--map question_date=date` is the user saying which date counts.
    let mapped = DocDefaults {
        map: vec![("question_date".into(), "date".into())],
        ..DocDefaults::default()
    };
    let (_, rows) = read_all("qa.csv", csv.as_bytes(), mapped);
    assert_eq!(docs(rows)[0].date, day(2026, 3, 10));
}

#[test]
fn kind_words_name_the_kind_and_an_unknown_word_lists_them() {
    let csv = "code,date,kind,title,text\n\
               002881,2025-02-06,异常波动公告(新闻转述),美格智能异动,据公告，公司未与DeepSeek合作。\n\
               002881,2025-02-07,关注函,关于对美格智能的关注函,请说明。\n\
               002881,2025-02-07,公众号,美格智能,接入DeepSeek。\n\
               002881,2025-02-07,互动易,问答,是否接入？\n\
               002881,2025-02-08,研报,点评,算力。\n";
    let (_, rows) = read_all("k.csv", csv.as_bytes(), DocDefaults::default());
    let kinds: Vec<Result<DocKind, String>> = rows
        .into_iter()
        .map(|r| r.map(|r| r.doc.kind).map_err(|e| e.to_string()))
        .collect();
    assert_eq!(
        kinds[..4],
        [
            Ok(DocKind::News),
            Ok(DocKind::Regulator),
            Ok(DocKind::Post),
            Ok(DocKind::Qa)
        ]
    );
    let err = kinds[4].as_ref().unwrap_err();
    assert!(
        err.contains("line 6, column kind: '研报' is not a document kind")
            && err.contains("公告/异常波动/风险提示/澄清 → announcement")
            && err.contains("--kind-map WORD=KIND"),
        "{err}"
    );
    let mapped = DocDefaults {
        kind_map: vec![("研报".into(), DocKind::News)],
        ..DocDefaults::default()
    };
    let (_, rows) = read_all("k.csv", csv.as_bytes(), mapped);
    assert_eq!(rows[4].as_ref().unwrap().doc.kind, DocKind::News);
}

/// An announcement written for these tests in the A-share layout (made-up company).
const FILING: &str = "证券代码：300999    证券简称：示例云算    公告编号：2025-031\n\n\
    示例云算科技股份有限公司\n关于股票交易异常波动的公告\n\n\
    本公司及董事会全体成员保证信息披露的内容真实、准确、完整。\n\
    公司未与任何大模型厂商签订合作协议。\n\n特此公告。\n\n\
    示例云算科技股份有限公司董事会\n2025年2月18日\n";

#[test]
fn a_text_announcement_takes_what_its_header_and_footer_say_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("公告.txt");
    std::fs::write(&path, FILING).unwrap();
    let mut r = DocReader::open(&path, DocDefaults::default()).unwrap();
    let doc = r.next_doc().unwrap().unwrap().doc;
    assert_eq!(
        (doc.symbol.to_string(), doc.date, doc.kind),
        (
            "300999.SZ".to_string(),
            day(2025, 2, 18),
            DocKind::Announcement
        )
    );
    assert_eq!(doc.text, FILING.trim());
    assert_eq!(doc.title.as_deref(), Some("关于股票交易异常波动的公告"));
    let taken = r.from_text();
    assert_eq!(taken.code, doc.symbol.into());
    assert_eq!(
        taken.date,
        Some((day(2025, 2, 18), filing_head::DateFrom::Signature))
    );
    assert_eq!(taken.kind, Some((DocKind::Announcement, KindFrom::Number)));

    // The user's flags win and are not reported as taken from the text.
    let flags = DocDefaults {
        symbol: Some(Symbol::parse_stock("002881").unwrap()),
        date: Some(day(2025, 2, 20)),
        kind: Some(DocKind::News),
        ..DocDefaults::default()
    };
    let mut r = DocReader::open(&path, flags).unwrap();
    let doc = r.next_doc().unwrap().unwrap().doc;
    assert_eq!(
        (doc.symbol.to_string(), doc.date, doc.kind),
        ("002881.SZ".to_string(), day(2025, 2, 20), DocKind::News)
    );
    assert_eq!(r.from_text(), &FilingHead::default());
}

#[test]
fn a_text_that_says_nothing_is_one_error_listing_every_missing_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.txt");
    std::fs::write(&path, "听说示例云算要接入大模型了。\n").unwrap();
    let err = DocReader::open(&path, DocDefaults::default())
        .err()
        .unwrap();
    assert!(
        matches!(&err, Error::NeedsFlags { missing, .. }
            if missing == &[Needed::Code, Needed::Date, Needed::Kind]),
        "{err}"
    );
    assert_eq!(
        from_name(&err.to_string(), "note.txt"),
        "note.txt: the text file does not say its stock code (no 证券代码 line at its top), \
         date (none under the 董事会 signature at its end, or in its title), or kind (no \
         公告编号, and no title ending 公告); pass --code CODE --date YYYY-MM-DD --kind \
         announcement|regulator|qa|post|news"
    );
    assert_eq!(
        from_name(&err.message(crate::model::Lang::Zh), "note.txt"),
        "note.txt：纯文本 文件的正文和参数都没有给出股票代码（开头没有“证券代码”一行）、\
         日期（文末“董事会”落款下和标题中都没有日期）、类型（没有公告编号，标题也不以“公告”\
         结尾）；请加上 --code CODE --date YYYY-MM-DD --kind announcement|regulator|qa|post|news"
    );
    // A date flag leaves the two others; the error names only those.
    let dated = DocDefaults {
        date: Some(day(2025, 2, 18)),
        ..DocDefaults::default()
    };
    let err = DocReader::open(&path, dated).err().unwrap().to_string();
    assert!(
        err.ends_with("pass --code CODE --kind announcement|regulator|qa|post|news")
            && !err.contains("date ("),
        "{err}"
    );
}
