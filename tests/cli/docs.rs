//! `hypecheck import docs` and `hypecheck search`: every format, idempotent and atomic
//! imports, PDF text extraction and its fallback, filters, FTS5-safe queries, real data.

use std::path::{Path, PathBuf};
use std::process::Output;

use hypecheck::store::Store;
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

use crate::util::{arg, fixture, shared_data, Sandbox};

fn doc_fixture(name: &str) -> PathBuf {
    fixture(&format!("docs/{name}"))
}

fn doc_count(sb: &Sandbox) -> u64 {
    Store::open(&sb.db()).unwrap().document_count().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Imports the JSON Lines, 互动易 and e互动 fixtures.
fn imported() -> Sandbox {
    let sb = Sandbox::new();
    for f in ["docs.jsonl", "irm_cninfo.csv", "sns_sseinfo.csv"] {
        sb.ok(&["import", "docs", arg(&doc_fixture(f))]);
    }
    sb
}

/// The `(date, code)` of each hit of `hypecheck search --json ARGS`, best first.
fn hits(sb: &Sandbox, args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let out: serde_json::Value = serde_json::from_str(&sb.ok(&all)).expect("JSON output");
    out["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["date"].as_str().unwrap().to_string(),
                h["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn importing_json_lines_twice_adds_nothing_the_second_time() {
    let sb = Sandbox::new();
    let f = doc_fixture("docs.jsonl");
    let first = sb.ok(&["import", "docs", arg(&f)]);
    assert!(
        first.contains("docs.jsonl（JSON Lines）：读取 5 篇，新增 5，更新 0，未变 0，拒绝 0"),
        "{first}"
    );
    let second = sb.ok(&["--lang", "en", "import", "docs", arg(&f)]);
    assert!(
        second.contains(
            "docs.jsonl (JSON Lines): 5 documents read, 0 added, 0 updated, 5 unchanged, 0 rejected"
        ),
        "{second}"
    );
    assert_eq!(doc_count(&sb), 5);
}

#[test]
fn a_bad_json_line_refuses_the_file_and_leaves_the_store_as_it_was() {
    let sb = imported();
    let before = doc_count(&sb);
    let f = doc_fixture("bad_line.jsonl");
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad_line.jsonl: 2 bad rows; nothing from this file was stored"),
        "{err}"
    );
    assert!(
        err.contains("bad_line.jsonl line 3: not a JSON object (EOF while parsing a string at column 74); write one JSON document per line"),
        "{err}"
    );
    assert!(
        err.contains(
            "bad_line.jsonl line 4: no date; add a date such as 2025-02-07, or pass --date"
        ),
        "{err}"
    );
    // Lines 1 and 2 were good, but nothing of the file is stored.
    assert_eq!(doc_count(&sb), before);
    assert!(hits(&sb, &["连板"]).is_empty());
}

#[test]
fn akshare_qa_exports_are_read_from_their_headers() {
    let sb = Sandbox::new();
    let out = sb.ok(&["import", "docs", arg(&doc_fixture("irm_cninfo.csv"))]);
    assert!(out.contains("（互动易）：读取 2 篇，新增 2"), "{out}");
    let out = sb.ok(&["import", "docs", arg(&doc_fixture("sns_sseinfo.csv"))]);
    assert!(out.contains("（e互动）：读取 2 篇，新增 2"), "{out}");
    // 互动易 without an answer time: the question date; e互动: the answer date.
    assert_eq!(
        sorted(hits(&sb, &["DeepSeek", "--kind", "qa"])),
        pairs(&[("2025-02-05", "002881.SZ"), ("2025-02-14", "600126.SH")])
    );
    // The answer spans two lines of the CSV (a quoted field): both are searchable.
    assert_eq!(
        hits(&sb, &["规模收入"]),
        pairs(&[("2025-02-05", "002881.SZ")])
    );
    let store = Store::open(&sb.db()).unwrap();
    let sym = "002881".parse().unwrap();
    let docs = store.documents_for(sym, ..).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "irm-1370000001");
    assert_eq!(docs[1].answer, None);
    let name = store.security(sym).unwrap().unwrap().name;
    assert_eq!(name.as_deref(), Some("美格智能"));
}

#[test]
fn a_text_file_takes_its_code_date_and_kind_from_flags() {
    let sb = Sandbox::new();
    let f = doc_fixture("announcement_300588.txt");
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "announcement_300588.txt: the text file does not say its stock code (no 证券代码 \
             line at its top), or date (none under the 董事会 signature at its end, or in its \
             title); pass --code CODE --date YYYY-MM-DD"
        ),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["import", "docs", arg(&f), "--code", "30058x"]);
    assert_eq!(out.status.code(), Some(2), "a bad flag is bad usage");
    sb.ok(&[
        "import",
        "docs",
        arg(&f),
        "--code",
        "300588",
        "--date",
        "20250208",
        "--kind",
        "announcement",
    ]);
    assert_eq!(
        hits(&sb, &["深度求索", "--kind", "announcement"]),
        pairs(&[("2025-02-08", "300588.SZ")])
    );
}

#[test]
fn search_finds_words_names_and_respects_every_filter() {
    let sb = imported();
    assert_eq!(
        sorted(hits(&sb, &["算力"])),
        pairs(&[
            ("2025-02-05", "002881.SZ"),
            ("2025-02-11", "688316.SH"),
            ("2025-02-12", "688316.SH"),
            ("2025-02-14", "600126.SH"),
            ("2025-02-17", "600126.SH"),
        ])
    );
    assert_eq!(
        sorted(hits(&sb, &["深度求索"])),
        pairs(&[
            ("2025-02-07", "002881.SZ"),
            ("2025-02-07", "300588.SZ"),
            ("2025-03-13", "600126.SH"),
        ])
    );
    assert_eq!(hits(&sb, &["deepseek"]).len(), 5);
    assert_eq!(
        sorted(hits(&sb, &["DeepSeek", "--code", "sh600126"])),
        pairs(&[("2025-02-14", "600126.SH"), ("2025-02-17", "600126.SH")])
    );
    assert_eq!(
        hits(&sb, &["DeepSeek", "--kind", "post"]),
        pairs(&[("2025-02-12", "688316.SH")])
    );
    assert_eq!(
        sorted(hits(
            &sb,
            &["算力", "--from", "2025-02-12", "--to", "20250214"]
        )),
        pairs(&[("2025-02-12", "688316.SH"), ("2025-02-14", "600126.SH")])
    );
    assert_eq!(hits(&sb, &["DeepSeek", "--limit", "2"]).len(), 2);
    // Two words: both must match.
    assert_eq!(
        hits(&sb, &["DeepSeek", "公众号"]),
        pairs(&[("2025-02-12", "688316.SH")])
    );
}

#[test]
fn search_output_marks_the_match_and_says_when_nothing_matches() {
    let sb = imported();
    let out = sb.ok(&["search", "占比极小"]);
    for want in [
        "日期",
        "摘要",
        "2025-02-17",
        "600126.SH",
        "公告",
        "【占比极小】",
    ] {
        assert!(out.contains(want), "{want}:\n{out}");
    }
    let out = sb.ok(&["--lang", "en", "search", "占比极小"]);
    assert!(
        out.contains("snippet") && out.contains("announcement"),
        "{out}"
    );
    let out = sb.ok(&["search", "光伏"]);
    assert_eq!(out.trim(), "没有找到匹配「光伏」的文档");
    let out = sb.ok(&["--lang", "en", "search", "光伏"]);
    assert_eq!(out.trim(), "no document matches '光伏'");
    let out = sb.ok(&["search", "--json", "光伏"]);
    assert_eq!(out.trim(), r#"{"hits":[],"query":"光伏"}"#);
    // An existing store without documents (a missing one is refused, see market.rs).
    let empty = Sandbox::new();
    hypecheck::store::Store::open(&empty.db()).unwrap();
    let out = empty.ok(&["search", "算力"]);
    assert!(out.contains("库中还没有文档"), "{out}");
}

#[test]
fn fts5_syntax_in_a_query_is_only_text() {
    let sb = imported();
    for q in [
        "\"算力",
        "算力*",
        "NEAR(算力 DeepSeek)",
        "-算力",
        "(算力",
        "算力)",
        "tokens:算力",
        "算力 AND",
        "OR 算力",
        "^算力",
        "\"\"",
        "*",
    ] {
        // `--` ends the options, as usual, so that `-算力` is a query, not a flag.
        let out = sb.run(&["search", "--", q]);
        assert_eq!(out.status.code(), Some(0), "{q}: {}", stderr(&out));
    }
    // Punctuation around a word is dropped; an operator is a word that must be present.
    assert_eq!(hits(&sb, &["(算力*)"]).len(), 5);
    assert!(hits(&sb, &["算力 OR 光伏"]).is_empty());
    assert!(hits(&sb, &["NOT 算力"]).is_empty());
    let out = sb.ok(&["search", "*()\""]);
    assert!(out.contains("没有可检索的词"), "{out}");
}

#[test]
fn a_pdf_announcement_is_read_with_lopdf_and_its_code_from_its_header() {
    let sb = Sandbox::new();
    let f = doc_fixture("announcement_002881.pdf");
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "the PDF file does not say its date (none under the 董事会 signature at its end, \
             or in its title); pass --date YYYY-MM-DD"
        ),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["import", "docs", arg(&f), "--date", "2025-02-08"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("新增 1") && said.contains("文本由 lopdf 提取"),
        "{said}"
    );
    // What was taken from the text is said, for the user to check; the flag's date is not.
    assert!(
        stderr(&out).contains("取自正文：代码 002881.SZ（证券代码行），类型 公告（公告编号）"),
        "{}",
        stderr(&out)
    );
    let store = Store::open(&sb.db()).unwrap();
    let docs = store.documents_for("002881".parse().unwrap(), ..).unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.kind.name(), "announcement");
    assert_eq!(
        d.title.as_deref(),
        Some("美格智能技术股份有限公司关于股票交易异常波动的公告")
    );
    // The line wrapped inside 或/重大遗漏 and the one after 适配， are joined.
    assert!(d.text.contains("误导性陈述或重大遗漏。"), "{}", d.text);
    assert!(
        d.text.contains("DeepSeek-R1模型的适配，目前相关算力业务"),
        "{}",
        d.text
    );
    assert_eq!(
        hits(&sb, &["算力", "--code", "002881", "--kind", "announcement"]),
        pairs(&[("2025-02-08", "002881.SZ")])
    );
}

/// A one-page PDF whose text is `gbk` shown with the Type0 font STSong-Light in the legacy
/// `GBK-EUC-H` CMap (which lopdf cannot decode), or a page without text when `gbk` is empty.
pub(crate) fn gbk_pdf(path: &Path, gbk: &[u8]) {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor", "FontName" => "STSong-Light", "Flags" => 6,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0, "Ascent" => 880, "Descent" => -120, "CapHeight" => 880,
        "StemV" => 93,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"), "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light-GBK-EUC-H",
        "Encoding" => "GBK-EUC-H", "DescendantFonts" => vec![cid_font.into()],
    });
    let mut content = b"BT /F1 12 Tf 50 700 Td ".to_vec();
    if !gbk.is_empty() {
        let text = Object::String(gbk.to_vec(), StringFormat::Hexadecimal);
        content.extend(
            lopdf::content::Content {
                operations: vec![lopdf::content::Operation::new("Tj", vec![text])],
            }
            .encode()
            .unwrap(),
        );
    }
    content.extend(b" ET");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.save(path).unwrap();
}

/// Whether `pdftotext` runs; when it does not, a notice, or a failure when
/// `HYPECHECK_REQUIRE_SHARED=1` (CI installs poppler-utils).
pub(crate) fn pdftotext_available() -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
            panic!("pdftotext is missing and HYPECHECK_REQUIRE_SHARED=1");
        }
        eprintln!("skipped: pdftotext is not installed (apt-get install poppler-utils)");
    }
    found
}

pub(crate) const GBK_TEXT: &str = "公司与深度求索无任何业务往来，算力业务占比极小。";

#[test]
fn a_pdf_lopdf_cannot_decode_falls_back_to_pdftotext() {
    if !pdftotext_available() {
        return;
    }
    let sb = Sandbox::new();
    let f = sb.path("gbk.pdf");
    let (gbk, _, _) = encoding_rs::GBK.encode(GBK_TEXT);
    gbk_pdf(&f, &gbk);
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "docs",
        arg(&f),
        "--code",
        "600126",
        "--date",
        "2025-02-17",
    ]);
    assert!(
        out.contains("1 added") && out.contains("text extracted with pdftotext"),
        "{out}"
    );
    let store = Store::open(&sb.db()).unwrap();
    let docs = store.documents_for("600126".parse().unwrap(), ..).unwrap();
    assert_eq!(docs[0].text, GBK_TEXT);
    assert_eq!(
        hits(&sb, &["深度求索"]),
        pairs(&[("2025-02-17", "600126.SH")])
    );
}

#[test]
fn a_pdf_without_recoverable_text_is_reported_and_not_stored() {
    let sb = imported();
    let before = doc_count(&sb);
    // lopdf cannot decode GBK-EUC-H; without pdftotext on the PATH nothing can.
    let gbk_file = sb.path("gbk.pdf");
    let (gbk, _, _) = encoding_rs::GBK.encode(GBK_TEXT);
    gbk_pdf(&gbk_file, &gbk);
    let out = sb
        .cmd()
        .env("PATH", "")
        .args([
            "--lang",
            "en",
            "import",
            "docs",
            arg(&gbk_file),
            "--code",
            "600126",
        ])
        .args(["--date", "2025-02-17"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "gbk.pdf: no text could be extracted from the PDF: lopdf: cannot decode the text"
        ),
        "{err}"
    );
    assert!(err.contains("pdftotext is not installed"), "{err}");
    // A page without a text layer (a scan): neither extractor finds anything.
    let scan = sb.path("scan.pdf");
    gbk_pdf(&scan, b"");
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "docs",
        arg(&scan),
        "--code",
        "600126",
        "--date",
        "2025-02-17",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("scan.pdf: no text could be extracted from the PDF: lopdf: no text layer (a scanned image?)"), "{err}");
    assert_eq!(doc_count(&sb), before);
}

/// The kind of a disclosure in the shared data set, from its `doc_type`.
fn kind_of(doc_type: &str) -> &'static str {
    if doc_type.contains("互动易") {
        "qa"
    } else if ["公告", "澄清", "异常波动"]
        .iter()
        .any(|w| doc_type.contains(w))
    {
        "announcement"
    } else {
        // 媒体调查, 关注函, an exchange's own risk notice: third-party text.
        "news"
    }
}

#[test]
fn real_disclosures_quoted_in_the_news_import_and_search() {
    let Some(src) = shared_data("news-quoted-disclosures/news_quoted_disclosures.jsonl") else {
        return;
    };
    let sb = Sandbox::new();
    let mut jsonl = String::new();
    for line in std::fs::read_to_string(src).unwrap().lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let doc = serde_json::json!({
            "code": d["code"], "name": d["name"], "date": d["event_date"],
            "kind": kind_of(d["doc_type"].as_str().unwrap()), "text": d["excerpt"],
            "url": d["source_url"], "source": d["source_outlet"],
        });
        jsonl.push_str(&doc.to_string());
        jsonl.push('\n');
    }
    let f = sb.path("news.jsonl");
    std::fs::write(&f, jsonl).unwrap();
    let out = sb.ok(&["--lang", "en", "import", "docs", arg(&f)]);
    assert!(out.contains("16 documents read, 16 added"), "{out}");
    let out = sb.ok(&["--lang", "en", "import", "docs", arg(&f)]);
    assert!(out.contains("0 added, 0 updated, 16 unchanged"), "{out}");
    // 算力 is written the same in both scripts: all three 杭钢 texts.
    assert_eq!(
        sorted(hits(&sb, &["算力"])),
        pairs(&[
            ("2025-02-17", "600126.SH"),
            ("2025-03-13", "600126.SH"),
            ("2025-03-13", "600126.SH"),
        ])
    );
    assert_eq!(hits(&sb, &["DeepSeek"]).len(), 5);
    assert_eq!(
        sorted(hits(
            &sb,
            &["DeepSeek", "--kind", "announcement", "--to", "2025-02-28"]
        )),
        pairs(&[
            ("2025-02-10", "839493.BJ"),
            ("2025-02-12", "688316.SH"),
            ("2025-02-17", "600126.SH"),
        ])
    );
    // Traditional characters match traditional text only (no conversion yet).
    assert_eq!(
        hits(&sb, &["深度求索", "業務往來"]),
        pairs(&[("2025-03-13", "600126.SH")])
    );
    assert_eq!(
        hits(&sb, &["无相关业务往来"]),
        pairs(&[("2025-02-17", "600126.SH")])
    );
    let store = Store::open(&sb.db()).unwrap();
    let name = store
        .security("600126".parse().unwrap())
        .unwrap()
        .unwrap()
        .name;
    assert_eq!(name.as_deref(), Some("杭钢股份"));
}

#[test]
fn other_tools_field_names_and_map_are_read_and_missing_fields_told_at_once() {
    let sb = Sandbox::new();
    let f = sb.path("other.jsonl");
    std::fs::write(
        &f,
        concat!(
            r#"{"股票":"002881","publish_date":"2025-02-06","doc_type":"news","excerpt":"公司与深度求索合作"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("other.jsonl line 1: no code; add a code"),
        "{}",
        stderr(&out)
    );
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "docs",
        arg(&f),
        "--map",
        "股票=code",
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(
        hits(&sb, &["深度求索"]),
        pairs(&[("2025-02-06", "002881.SZ")])
    );
    let bad = sb.path("bad.csv");
    std::fs::write(&bad, "title,note\n一个标题,x\n").unwrap();
    let out = sb.run(&["--lang", "en", "import", "docs", arg(&bad)]);
    assert!(
        stderr(&out).contains("bad.csv line 2: no code, date or kind; add a code"),
        "{}",
        stderr(&out)
    );
    let out = sb.run(&["import", "docs", arg(&bad), "--map", "note=when"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("'when' is not a document field"));
}
