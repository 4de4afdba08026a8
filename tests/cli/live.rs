//! Live-data commands: `import segments`, `import members`, `themes-of`, the revenue
//! section of `stock`, and `fetch` end to end against the stand-in akshare of
//! `python/tests/stub` (no network).

use std::path::Path;
use std::process::Output;

use hypecheck::model::Symbol;
use hypecheck::store::Store;

use crate::fetch_py::python_with_pandas;
use crate::util::{arg, fixture, root, Sandbox};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn store(sb: &Sandbox) -> Store {
    Store::open(&sb.db()).expect("store")
}

fn sym(code: &str) -> Symbol {
    Symbol::parse_stock(code).expect("code")
}

fn demo_bars() -> std::path::PathBuf {
    root().join("demo/bars.csv")
}

#[test]
fn akshare_segments_show_in_the_stock_dossier() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&demo_bars())]);
    let f = fixture("segments/akshare_zygc_301890.csv");
    let out = sb.ok(&["import", "segments", arg(&f)]);
    assert!(
        out.contains("（AkShare stock_zygc_em 301890.SZ）：读取 13 行，新增 13，更新 0，未变 0"),
        "{out}"
    );
    let dossier = sb.ok(&["stock", "301890"]);
    let section = dossier
        .split("主营构成（2024-12-31，按产品）")
        .nth(1)
        .unwrap_or_else(|| panic!("no revenue section:\n{dossier}"));
    // Largest first, the region breakdown not used, the sixth segment folded into one line.
    let at = |s: &str| section.find(s).unwrap_or_else(|| panic!("{s}:\n{section}"));
    assert!(at("工业控制板卡") < at("AI服务器主板"));
    assert!(section.contains("65.00%") && section.contains("20.00%"));
    assert!(section.contains("另 1 项") && !section.contains("境内"));
    let en = sb.ok(&["--lang", "en", "stock", "301890"]);
    assert!(en.contains("Revenue mix (2024-12-31, by product):"), "{en}");
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["stock", "301890", "--json"])).expect("json");
    let mix = &json["revenue_mix"];
    assert_eq!(mix["period"], "2024-12-31");
    assert_eq!(mix["basis"], "product");
    assert_eq!(mix["segments"][1]["segment"], "AI服务器主板");
    assert_eq!(mix["segments"][1]["share"], 0.2);
    assert_eq!(json["code"], "301890.SZ");
}

#[test]
fn a_stock_without_segments_has_no_revenue_section() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&demo_bars())]);
    let out = sb.ok(&["stock", "301890"]);
    assert!(!out.contains("主营构成"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["stock", "301890", "--json"])).expect("json");
    assert!(json.get("revenue_mix").is_none());
}

#[test]
fn generic_segments_import_is_idempotent_and_replaces_breakdowns() {
    let sb = Sandbox::new();
    let f = fixture("segments/pcb_maker.csv");
    let out = sb.ok(&["--lang", "en", "import", "segments", arg(&f)]);
    assert!(
        out.contains(
            "(generic segments 002999.SZ): 12 rows read, 12 added, 0 updated, 0 unchanged"
        ),
        "{out}"
    );
    let again = sb.ok(&["--lang", "en", "import", "segments", arg(&f)]);
    assert!(
        again.contains("0 added, 0 updated, 12 unchanged"),
        "{again}"
    );
    let rows = store(&sb).segments(sym("002999")).unwrap();
    assert_eq!(rows.len(), 12);
    let compute = rows.iter().find(|r| r.segment == "算力服务").expect("row");
    assert_eq!(compute.share, Some(0.0006));
    assert_eq!(compute.revenue, Some(2_700_000.0));
    // A restated 2024 product table without 算力服务 replaces the old one.
    let restated = sb.path("restated.csv");
    std::fs::write(
        &restated,
        "code,period,kind,segment,revenue,share\n\
         002999.SZ,2024-12-31,product,印制电路板,4232700000,0.9406\n\
         002999.SZ,2024-12-31,product,其他,267300000,0.0594\n",
    )
    .unwrap();
    let out = sb.ok(&["--lang", "en", "import", "segments", arg(&restated)]);
    assert!(
        out.contains("0 added, 1 updated, 1 unchanged")
            && out.contains("1 old segments no longer listed removed"),
        "{out}"
    );
    let rows = store(&sb).segments(sym("002999")).unwrap();
    assert_eq!(rows.len(), 11);
    assert!(!rows.iter().any(|r| r.segment == "算力服务"));
}

#[test]
fn bad_segment_rows_are_refused_with_file_line_and_value() {
    let sb = Sandbox::new();
    let f = fixture("segments/bad_rows.csv");
    let out = sb.run(&["--lang", "en", "import", "segments", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad_rows.csv: 2 bad rows; nothing from this file was stored"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 3, column revenue: 'about 240m' is not a number"),
        "{err}"
    );
    assert!(err.contains("line 4, column kind: 'by-product'"), "{err}");
    assert!(store(&sb).segments(sym("301890")).unwrap().is_empty());
    // A bar file is not a segments file: the missing column is named.
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "segments",
        arg(&fixture("akshare_002881.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no period (报告日期) column; add it"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn members_of_two_themes_and_themes_of() {
    let sb = Sandbox::new();
    let out = sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        arg(&fixture("members/compute.csv")),
    ]);
    assert!(out.contains("题材 compute）：读取 3 行，新增 3"), "{out}");
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "deepseek",
        arg(&fixture("members/deepseek.csv")),
        arg(&fixture("members/akshare_cons_board.csv")),
    ]);
    let table = sb.ok(&["themes-of", "301890"]);
    assert!(
        table.contains("301890.SZ 磐石电子：属于 2 个题材"),
        "{table}"
    );
    for cell in [
        "公司产品包括AI服务器主板",
        "互动平台称已完成DeepSeek模型适配",
        "2025-02-10",
        "2025-02-06",
        "eastmoney",
        "入选理由",
    ] {
        assert!(table.contains(cell), "{cell}:\n{table}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["themes-of", "sz301890", "--json"])).expect("json");
    assert_eq!(json["code"], "301890.SZ");
    let themes = json["themes"].as_array().expect("themes");
    let pairs: Vec<(String, String)> = themes
        .iter()
        .map(|t| {
            (
                t["theme"].as_str().unwrap().to_string(),
                t["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("compute".into(), "ths".into()),
            ("deepseek".into(), "eastmoney".into()),
            ("deepseek".into(), "ths".into())
        ]
    );
    assert_eq!(themes[0]["joined"], "2025-02-10");
    assert_eq!(themes[1]["reason"], serde_json::Value::Null);
    // The AkShare export's short code 3890 is 003890.SZ.
    let members = store(&sb).members("deepseek").unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| m.symbol.to_string())
            .collect::<Vec<_>>(),
        ["003890.SZ", "003890.SZ", "301890.SZ", "301890.SZ"]
    );
    let en = sb.ok(&["--lang", "en", "themes-of", "688890"]);
    assert!(
        en.contains("688890.SH 青禾软件: in 1 themes") && en.contains("参股算力调度平台公司"),
        "{en}"
    );
    // A name works as in `stock`.
    let by_name = sb.ok(&["themes-of", "星河数据"]);
    assert!(
        by_name.contains("003890.SZ 星河数据：属于 1 个题材"),
        "{by_name}"
    );
    let none = sb.ok(&["--lang", "en", "themes-of", "600000"]);
    assert!(
        none.contains("600000.SH: the store lists it in no theme"),
        "{none}"
    );
}

#[test]
fn member_reimport_updates_and_adds_nothing_duplicate() {
    let sb = Sandbox::new();
    let f = fixture("members/compute.csv");
    sb.ok(&["import", "members", "--theme", "compute", arg(&f)]);
    let again = sb.ok(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&f),
    ]);
    assert!(
        again.contains("3 rows read, 0 added, 0 updated, 3 unchanged"),
        "{again}"
    );
    let changed = sb.path("compute.csv");
    std::fs::write(
        &changed,
        "code,name,reason,source,date\n301890,磐石电子,AI服务器主板收入占比20%,ths,2025-02-12\n",
    )
    .unwrap();
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&changed),
    ]);
    assert!(
        out.contains("1 rows read, 0 added, 1 updated, 0 unchanged"),
        "{out}"
    );
    let members = store(&sb).members("compute").unwrap();
    assert_eq!(members.len(), 3);
    let m = members.iter().find(|m| m.symbol == sym("301890")).unwrap();
    assert_eq!(m.reason.as_deref(), Some("AI服务器主板收入占比20%"));
    assert_eq!(
        m.joined.map(|d| d.to_string()).as_deref(),
        Some("2025-02-12")
    );
    // Rows without a source column get --source.
    let plain = sb.path("plain.csv");
    std::fs::write(&plain, "code\n301890\n").unwrap();
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        "--source",
        "manual",
        arg(&plain),
    ]);
    let sources: Vec<String> = store(&sb)
        .themes_of(sym("301890"))
        .unwrap()
        .into_iter()
        .map(|m| m.source)
        .collect();
    assert_eq!(sources, ["manual", "ths"]);
}

#[test]
fn bad_member_rows_and_theme_ids_are_refused() {
    let sb = Sandbox::new();
    let f = fixture("members/bad_rows.csv");
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&f),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad_rows.csv line 3, column code: '30189'"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 4, column date: '2025-13-01' is not a date"),
        "{err}"
    );
    assert!(store(&sb).members("compute").unwrap().is_empty());
    let out = sb.run(&["import", "members", "--theme", "two words", arg(&f)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("不是题材 id"), "{}", stderr(&out));
    assert!(!Path::new(&sb.db()).exists() || store(&sb).member_themes().unwrap().is_empty());
}

// ---------------------------------------------------------------- fetch

/// `hypecheck fetch ARGS` with python3 and the stand-in akshare of `stub` (a folder of
/// `python/tests`) first on PYTHONPATH. Announcement PDFs come from `pdfs` (a stand-in host
/// on 127.0.0.1), or from a loopback port nothing listens on: never from the internet.
fn fetch_from(sb: &Sandbox, stub: &str, pdfs: Option<&PdfServer>, args: &[&str]) -> Output {
    let host = pdfs.map_or_else(|| "http://127.0.0.1:9".to_string(), PdfServer::base);
    sb.cmd()
        .arg("fetch")
        .args(args)
        .env("HYPECHECK_PYTHON", "python3")
        .env("PYTHONPATH", root().join("python/tests").join(stub))
        .env("HYPECHECK_CNINFO_STATIC", host)
        .env("HYPECHECK_FETCH_BACKOFF", "0")
        .env_remove("HYPECHECK_CACHE")
        .env_remove("HYPECHECK_STUB_LOG")
        .output()
        .expect("run hypecheck")
}

fn fetch(sb: &Sandbox, stub: &str, args: &[&str]) -> Output {
    fetch_from(sb, stub, None, args)
}

/// `python/tests/pdf_server.py`: the stand-in for cninfo's PDF host, serving `text.pdf` (the
/// lopdf fixture), `gbk.pdf` (a GBK-EUC-H PDF only pdftotext reads) and `scan.pdf` (a page
/// without text) from the sandbox. It
/// runs until its stdin closes, which dropping this does.
struct PdfServer {
    child: std::process::Child,
    port: u16,
    log: std::path::PathBuf,
}

impl PdfServer {
    fn start(sb: &Sandbox) -> PdfServer {
        use std::io::BufRead;
        let files = sb.path("pdf-host");
        std::fs::create_dir_all(&files).unwrap();
        std::fs::copy(
            fixture("docs/announcement_002881.pdf"),
            files.join("text.pdf"),
        )
        .unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode(crate::docs::GBK_TEXT);
        crate::docs::gbk_pdf(&files.join("gbk.pdf"), &gbk);
        crate::docs::gbk_pdf(&files.join("scan.pdf"), b""); // a page without text
        let log = sb.path("pdf-host.log");
        let mut child = std::process::Command::new("python3")
            .arg(root().join("python/tests/pdf_server.py"))
            .arg("--files")
            .arg(&files)
            .arg("--log")
            .arg(&log)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start pdf_server.py");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().parse().expect("pdf_server.py prints its port");
        PdfServer { child, port, log }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The paths requested so far.
    fn hits(&self) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for PdfServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn fetch_segments_members_and_bars_against_the_stand_in_akshare() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    // 000004 makes the stand-in raise a network error: reported, the others go on.
    let out = fetch(&sb, "stub", &["segments", "002881", "000004"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("segments 000004.SZ: 失败: ConnectionError") && err.contains("获取失败 1 项"),
        "{err}"
    );
    assert!(stdout(&out)
        .contains("segments/002881.SZ.csv（通用主营构成 002881.SZ）：读取 7 行，新增 7"));
    // The default cache is beside the store.
    assert!(sb.path("hypecheck-cache/segments/002881.SZ.csv").exists());
    let rows = store(&sb).segments(sym("002881")).unwrap();
    assert_eq!(rows.len(), 7);
    assert!(rows
        .iter()
        .any(|r| r.segment == "算力服务" && r.share == Some(0.0006)));

    let out = fetch(
        &sb,
        "stub",
        &["members", "--board", "算力概念", "--theme", "compute"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let codes: Vec<String> = store(&sb)
        .members("compute")
        .unwrap()
        .iter()
        .map(|m| format!("{} {}", m.symbol, m.source))
        .collect();
    // 123456 has no known exchange: the bridge leaves it out and says so.
    assert_eq!(
        codes,
        [
            "688041.SH eastmoney",
            "002881.SZ eastmoney",
            "920493.BJ eastmoney"
        ]
    );
    assert!(stderr(&out).contains("123456"), "{}", stderr(&out));
    let themes = sb.ok(&["themes-of", "002881"]);
    assert!(
        themes.contains("compute") && themes.contains("eastmoney"),
        "{themes}"
    );

    let range = ["--from", "2025-02-01", "--to", "20250210"];
    let out = fetch(&sb, "stub", &[&["bars", "002881"][..], &range].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("（AkShare）：读取 3 行，新增 3"),
        "{}",
        stdout(&out)
    );
    let bars = store(&sb).bars(sym("002881"), ..).unwrap();
    assert_eq!(bars.len(), 3);
    // Unadjusted AkShare prices in fen; prev close = 收盘 − 涨跌额.
    assert_eq!((bars[0].close, bars[0].prev_close), (2211, Some(2010)));
    // A second run resumes from the cache and changes nothing.
    let out = fetch(
        &sb,
        "stub",
        &[&["--lang", "en", "bars", "002881"][..], &range].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already in the cache, skipped"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("0 added, 0 updated, 3 unchanged"),
        "{}",
        stdout(&out)
    );
    // The fetched revenue mix is stored, but the dossier as of the last bar (2025-02-10)
    // does not show the 2024 annual report: it counts from its statutory deadline,
    // 2025-04-30, the file giving no publication date (docs/design.md §6, "As of a date").
    assert!(!store(&sb).segments(sym("002881")).unwrap().is_empty());
    assert!(!sb.ok(&["stock", "002881"]).contains("PCB产品"));
}

#[test]
fn fetch_theme_covers_every_member_and_imports_its_documents() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    let pdfs = PdfServer::start(&sb);
    let cache = sb.path("cache");
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        arg(&fixture("members/compute.csv")),
    ]);
    let out = fetch_from(
        &sb,
        "stub",
        Some(&pdfs),
        &[
            "--lang",
            "en",
            "theme",
            "compute",
            "--from",
            "2025-02-01",
            "--to",
            "2025-02-10",
            "--cache",
            arg(&cache),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let st = store(&sb);
    for code in ["301890", "605890", "688890"] {
        assert_eq!(st.bars(sym(code), ..).unwrap().len(), 3, "{code}");
        assert_eq!(st.segments(sym(code)).unwrap().len(), 7, "{code}");
        // One Q&A file a fetch day: a day later the list is fetched again.
        let qa = std::fs::read_dir(cache.join("qa")).unwrap();
        let prefix = format!("{}_", sym(code));
        assert!(
            qa.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(&prefix)),
            "{code}"
        );
    }
    // Q&A and announcement lists are imported as documents.
    let docs = st.documents_for(sym("301890"), ..).unwrap();
    assert!(
        docs.iter().any(|d| d.kind == hypecheck::model::DocKind::Qa
            && d.answer
                .as_deref()
                .is_some_and(|a| a.contains("未与DeepSeek签订"))),
        "{docs:?}"
    );
    assert!(
        docs.iter()
            .any(|d| d.kind == hypecheck::model::DocKind::Announcement
                && d.title.as_deref().is_some_and(|t| t.contains("异常波动"))
                && d.text.contains("DeepSeek-R1模型的适配")),
        "announcements carry their PDF's text: {docs:?}"
    );
    let out = fetch(
        &sb,
        "stub",
        &["theme", "nothing", "--from", "20250201", "--to", "20250210"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("仓库里没有题材 nothing 的成分股"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn fetch_without_akshare_or_python_says_how_to_install() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "fetch",
            "--python",
            "/nonexistent/python3",
            "segments",
            "002881",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("找不到 Python 解释器 /nonexistent/python3")
            && err.contains("pip install akshare"),
        "{err}"
    );
    if !python_with_pandas() {
        return;
    }
    // python/tests/broken holds an akshare that fails to import.
    let out = fetch(&sb, "broken", &["--lang", "en", "segments", "002881"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("python3 cannot import akshare") && err.contains("pip install akshare"),
        "{err}"
    );
    assert!(store(&sb).segments(sym("002881")).unwrap().is_empty());
}

#[test]
fn fetch_announcements_stores_pdf_text_reports_each_failed_download_and_resumes() {
    if !python_with_pandas() || !crate::docs::pdftotext_available() {
        return;
    }
    let sb = Sandbox::new();
    let pdfs = PdfServer::start(&sb);
    let args = [
        "--lang",
        "en",
        "announcements",
        "000007",
        "--from",
        "2025-01-01",
        "--to",
        "2025-02-10",
        // The slow response never comes until the server stops, so any timeout ends it;
        // 10 s leaves every ordinary local answer room on a loaded machine.
        "--timeout",
        "10",
    ];
    let out = fetch_from(&sb, "stub", Some(&pdfs), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for why in [
        "5 announcement PDFs not downloaded",
        "1000000003 错误页面",
        "is not a PDF",
        "truncated",
        "HTTP 404",
        "no answer",
        "redirect loop",
    ] {
        assert!(err.contains(why), "{why}: {err}");
    }
    // The scan downloads but yields no text: told and left out, the others stored.
    assert!(
        err.contains("'pdf/1000000010.pdf' names a PDF whose text cannot be extracted"),
        "{err}"
    );
    assert!(
        err.contains("(announcements 000007.SZ, announcements: 1 PDF without text)"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("3 added")
            && stdout(&out).contains("1 PDFs without extractable text skipped"),
        "{}\n{err}",
        stdout(&out)
    );
    let docs = store(&sb).documents_for(sym("000007"), ..).unwrap();
    let got: Vec<(&str, Option<&str>)> = docs
        .iter()
        .map(|d| (d.id.as_str(), d.title.as_deref()))
        .collect();
    assert_eq!(docs.len(), 3, "{got:?}");
    let by_id = |id: &str| docs.iter().find(|d| d.id == id).expect(id);
    // lopdf reads the text PDF, pdftotext the GBK-EUC-H one; the 429 was retried.
    let text = by_id("cninfo:1000000001");
    assert_eq!(text.title.as_deref(), Some("文本公告"));
    assert!(text.text.contains("DeepSeek-R1模型的适配"), "{}", text.text);
    assert_eq!(text.date.to_string(), "2025-02-06");
    assert!(text
        .url
        .as_deref()
        .is_some_and(|u| u.contains("announcementId=1000000001")));
    assert_eq!(text.kind, hypecheck::model::DocKind::Announcement);
    assert_eq!(by_id("cninfo:1000000002").text, crate::docs::GBK_TEXT);
    assert!(by_id("cninfo:1000000006").text.contains("DeepSeek-R1"));

    // A rerun asks the host only for the five that failed and stores nothing twice.
    let before = pdfs.hits().len();
    let out = fetch_from(&sb, "stub", Some(&pdfs), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut again: Vec<String> = pdfs.hits()[before..]
        .iter()
        .map(|h| h.rsplit('/').next().unwrap_or_default().to_string())
        .collect();
    again.sort();
    again.dedup(); // the redirect loop asks several times within one try
    assert_eq!(
        again,
        [3, 4, 5, 7, 8].map(|i| format!("100000000{i}.PDF")),
        "{err}"
    );
    assert!(
        stdout(&out).contains("0 added, 0 updated, 3 unchanged"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        store(&sb).documents_for(sym("000007"), ..).unwrap().len(),
        3
    );

    // A title filter is another request; a complete one is not fetched again.
    let filtered = [&args[..], &["--titles", "异常波动,澄清"]].concat();
    let out = fetch_from(&sb, "stub", Some(&pdfs), &filtered);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = pdfs.hits().len();
    let out = fetch_from(&sb, "stub", Some(&pdfs), &filtered);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("already in the cache, skipped"));
    assert_eq!(pdfs.hits().len(), before);
}

#[test]
fn fetch_theme_asof_runs_the_chain_from_the_board_and_says_how_to_retry_each_stage() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    let pdfs = PdfServer::start(&sb);
    // 000004 makes the stand-in raise a network error in every stage it is in.
    let extra = sb.path("extra.csv");
    std::fs::write(&extra, "code,name\n000004,失败股\n").unwrap();
    sb.ok(&["import", "members", "--theme", "compute", arg(&extra)]);
    let out = fetch_from(
        &sb,
        "stub",
        Some(&pdfs),
        &[
            "--lang",
            "en",
            "theme",
            "compute",
            "--board",
            "算力概念",
            "--asof",
            "2025-02-10",
            "--window",
            "5",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    // window 5 trading days = 21 calendar days, plus 90 days of history
    let range = "--from 20241022 --to 20250210";
    for line in [
        "members: 1 fetched".to_string(),
        format!("bars: 3 fetched, 1 failed (000004.SZ: ConnectionError: simulated network failure for 000004); to retry only these: hypecheck fetch bars 000004.SZ {range}"),
        "index: 6 fetched".to_string(),
        "segments: 3 fetched, 1 failed".to_string(),
        "to retry only these: hypecheck fetch segments 000004.SZ".to_string(),
        format!("to retry only these: hypecheck fetch announcements 000004.SZ {range}"),
    ] {
        assert!(err.contains(&line), "{line}\n{err}");
    }
    let st = store(&sb);
    let members: Vec<String> = st
        .members("compute")
        .unwrap()
        .iter()
        .map(|m| m.symbol.to_string())
        .collect();
    assert_eq!(members.len(), 4, "{members:?}");
    // The chain ends with the scan of what it fetched, failures or not.
    let scanned = stdout(&out);
    assert!(
        scanned.contains("Theme 算力 (compute), as of 2025-02-10") && scanned.contains("002881.SZ"),
        "{scanned}\n{err}"
    );
    assert_eq!(st.bars(sym("002881"), ..).unwrap().len(), 3);
    let docs = st.documents_for(sym("002881"), ..).unwrap();
    assert!(
        docs.iter()
            .any(|d| d.id == "cninfo:200288101" && !d.text.is_empty()),
        "{docs:?}\n{}",
        stdout(&out)
    );
    // --from/--to and --asof do not mix; one of them is needed.
    let out = fetch(
        &sb,
        "stub",
        &[
            "theme",
            "compute",
            "--asof",
            "2025-02-10",
            "--from",
            "20250101",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = fetch(&sb, "stub", &["theme", "compute"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// `fetch st` stores the SZSE name-change history as dated names and the current ST board as
/// a one-day ST list: a day that the name's ST mark left undecided (ST状态未知) is decided by
/// the dated name, and the board's day is covered by the list.
#[test]
fn fetch_st_decides_st_status_by_dated_names_and_stores_the_board() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    let bars = sb.path("bars.csv");
    std::fs::write(
        &bars,
        "code,name,date,open,high,low,close\n\
         000005,ST星源,2019-02-26,2.00,2.00,2.00,2.00\n\
         000005,ST星源,2019-02-27,2.02,2.02,2.02,2.02\n\
         000005,ST星源,2019-03-01,2.12,2.12,2.12,2.12\n",
    )
    .unwrap();
    sb.ok(&["import", "bars", arg(&bars)]);
    let stock = |date: &str| -> serde_json::Value {
        serde_json::from_str(&sb.ok(&["stock", "000005", "--asof", date, "--json"])).unwrap()
    };
    // The name alone: nothing decides 2019-02-27, and 2.12 (+5%) on 2019-03-01 agrees.
    assert_eq!(stock("2019-02-27")["st"], serde_json::Value::Null);
    assert_eq!(stock("2019-03-01")["limit_pct"], 5);

    let out = fetch(&sb, "stub", &["st"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("names/szse_names_") && text.contains("st/st_board_"),
        "{text}"
    );
    // The dated name 世纪星源 (made up by the stand-in) decides: not ST, 10%.
    let v = stock("2019-02-27");
    assert_eq!(
        (&v["st"], &v["limit_pct"]),
        (&false.into(), &10.into()),
        "{v}"
    );
    let v = stock("2019-03-01");
    assert_eq!(
        (&v["st"], &v["limit_up"]),
        (&true.into(), &true.into()),
        "{v}"
    );
    // The list covers the one day the board was fetched on, the day in its file's name.
    let board = std::fs::read_dir(sb.path("hypecheck-cache/st"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("st_board_"))
        .unwrap();
    let day: hypecheck::model::Date =
        chrono::NaiveDate::parse_from_str(&board[9..17], "%Y%m%d").unwrap();
    let store = store(&sb);
    assert_eq!(store.st_coverage().unwrap(), [(day, day)]);
    assert_eq!(store.st_periods(sym("600355")).unwrap().len(), 1);
    // Run again: both files come from the cache.
    let out = fetch(&sb, "stub", &["st"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The calls the stand-in akshare logged (`HYPECHECK_STUB_LOG`) for one function.
fn logged(log: &Path, func: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["func"] == func)
        .collect()
}

/// Daily use: a theme's chain run again a day later, and `fetch bars --update`, fetch only
/// what is new (bars from the day after the last stored one, announcements from the latest
/// stored; stored documents recognised by id) and say what they skipped.
#[test]
fn fetch_again_a_day_later_fetches_only_what_is_new_and_says_what_it_skipped() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    let pdfs = PdfServer::start(&sb);
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        arg(&fixture("members/compute.csv")),
    ]);
    let theme = |to: &str, log: &Path| {
        let mut c = sb.cmd();
        c.args([
            "--lang",
            "en",
            "fetch",
            "theme",
            "compute",
            "--from",
            "2025-02-01",
            "--to",
            to,
        ])
        .env("HYPECHECK_PYTHON", "python3")
        .env("PYTHONPATH", root().join("python/tests/stub"))
        .env("HYPECHECK_CNINFO_STATIC", pdfs.base())
        .env("HYPECHECK_FETCH_BACKOFF", "0")
        .env("HYPECHECK_STUB_LOG", log)
        .env_remove("HYPECHECK_CACHE");
        c.output().unwrap()
    };
    let first = sb.path("first.log");
    let out = theme("2025-02-10", &first);
    assert!(out.status.success(), "{}", stderr(&out));
    let starts = |log: &Path, func: &str| -> Vec<String> {
        let mut v: Vec<String> = logged(log, func)
            .iter()
            .map(|c| c["start_date"].as_str().unwrap().to_string())
            .collect();
        v.dedup();
        v
    };
    assert_eq!(starts(&first, "stock_zh_a_hist"), ["20250201"]);
    // A day later: the stand-in's bars end on 2025-02-07, its index on 2025-02-06.
    let again = sb.path("again.log");
    let out = theme("2025-02-11", &again);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(starts(&again, "stock_zh_a_hist"), ["20250208"]);
    assert_eq!(starts(&again, "stock_zh_index_daily_em"), ["20250207"]);
    let ann = starts(&again, "stock_zh_a_disclosure_report_cninfo");
    assert!(ann.iter().all(|d| d.as_str() > "20250201"), "{ann:?}");
    // Stored documents are recognised by id: nothing is added twice.
    let o = stdout(&out);
    assert!(o.contains("documents read, 0 added"), "{o}");
    // Everything current: skipped and said, nothing fetched.
    let out = fetch(
        &sb,
        "stub",
        &["--lang", "en", "bars", "--update", "--to", "2025-02-07"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bars: 3 already stored through 2025-02-07, skipped: "),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("rows read"), "{}", stdout(&out));
    // The members of a theme, from the day after each one's last bar.
    let update = sb.path("update.log");
    let out = sb
        .cmd()
        .args([
            "fetch",
            "bars",
            "--update",
            "--theme",
            "compute",
            "--to",
            "2025-02-12",
        ])
        .env("PYTHONPATH", root().join("python/tests/stub"))
        .env("HYPECHECK_STUB_LOG", &update)
        .env_remove("HYPECHECK_CACHE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(starts(&update, "stock_zh_a_hist"), ["20250208"]);
    assert_eq!(logged(&update, "stock_zh_a_hist").len(), 3);
    // Codes and --update do not mix.
    let out = fetch(&sb, "stub", &["bars", "002881", "--update"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `fetch shares` writes the share-count history in the `import shares` format and imports
/// it with that job.
#[test]
fn fetch_shares_stores_each_change_of_the_share_counts() {
    if !python_with_pandas() {
        return;
    }
    let sb = Sandbox::new();
    let out = fetch(&sb, "stub", &["--lang", "en", "shares", "002881", "000006"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("3 rows read, 3 added"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("1 fetches failed (shares 000006.SZ)"),
        "{}",
        stderr(&out)
    );
    let rows = store(&sb).shares(sym("002881")).unwrap();
    let got: Vec<(String, Option<u64>, Option<u64>)> = rows
        .iter()
        .map(|r| (r.date.to_string(), r.float_shares, r.total_shares))
        .collect();
    assert_eq!(
        got,
        [
            ("2023-06-30".into(), Some(180_000_000), Some(200_000_000)),
            ("2024-12-31".into(), Some(248_000_000), Some(268_000_000)),
            ("2025-06-30".into(), Some(268_000_000), Some(268_000_000)),
        ]
    );
}
