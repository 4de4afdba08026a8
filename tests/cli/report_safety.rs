//! Report safety (issue 6): hostile texts in every field that reaches a report (stock names,
//! theme name, member reasons, revenue segments, document ids, titles, texts, questions,
//! answers, sources and links) stay text in the HTML report, the terminal, JSON and CSV.
//!
//! The HTML report is parsed by a real HTML5 parser (`scraper`/html5ever) and compared with
//! the report of the untouched demo: the hostile one may not hold any element or attribute
//! the clean one lacks, every hostile text must be shown verbatim, and the browser test
//! renders it in chromium beside a local HTTP listener that must receive nothing. A second
//! browser test checks the Content-Security-Policy on its own: active content spliced into
//! the report (as if escaping had failed) must neither run nor reach the network, while the
//! same page without the policy does.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use scraper::{Html, Node};

use crate::browser::{browser, chromium};
use crate::util::{arg, root, Sandbox};

/// The demo's stock names and the hostile names that replace them; `{port}` is a local
/// listener that must never be contacted.
const NAMES: [(&str, &str); 7] = [
    ("云帆科技", "云帆<script>alert(1)</script>"),
    (
        "星河数据",
        "星河\"><img src=http://127.0.0.1:{port}/n2 onerror=alert(2)>",
    ),
    ("磐石电子", "磐石' onmouseover='alert(3)' x='"),
    (
        "北辰信息",
        "北辰</td></tr></table><iframe src=\"http://127.0.0.1:{port}/n4\"></iframe>",
    ),
    (
        "远山股份",
        "远山<style>*{background:url(http://127.0.0.1:{port}/n5)}</style>",
    ),
    (
        "青禾软件",
        "=HYPERLINK(\"http://127.0.0.1:{port}/n6\",\"青禾\")<!--",
    ),
    (
        "海鸥智能",
        "海鸥]]></text><a href=\"javascript:alert(7)\">x</a><![CDATA[",
    ),
];

/// Links that must not become links (or only as the plain http link they are).
const URLS: [&str; 9] = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://x.example/\" onclick=\"alert(1)",
    "//127.0.0.1:{port}/protocol-relative",
    "https://x.example/?q=<script>alert(1)</script>&a='b'",
];

fn with_port(s: &str, port: u16) -> String {
    s.replace("{port}", &port.to_string())
}

fn hostile(s: &str, port: u16) -> String {
    let mut s = s.to_string();
    for (clean, bad) in NAMES {
        s = s.replace(clean, &with_port(bad, port));
    }
    s
}

/// Rewrites a CSV file's fields with [`hostile`] (quoting as needed).
fn hostile_csv(from: &Path, to: &Path, port: u16, extra: &[Vec<String>]) {
    let mut r = csv::Reader::from_path(from).unwrap();
    let mut w = csv::Writer::from_path(to).unwrap();
    w.write_record(r.headers().unwrap()).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        w.write_record(rec.iter().map(|f| hostile(f, port)))
            .unwrap();
    }
    for rec in extra {
        w.write_record(rec).unwrap();
    }
    w.flush().unwrap();
}

/// A store with the demo's data, or with every name and text made hostile (`port`) plus
/// hostile documents, member reasons and revenue segments. Returns the sandbox and the
/// theme file to scan with.
fn store(port: Option<u16>) -> (Sandbox, std::path::PathBuf) {
    let sb = Sandbox::new();
    let demo = root().join("demo");
    let Some(port) = port else {
        for (what, file) in [
            ("bars", "bars.csv"),
            ("index", "index.csv"),
            ("docs", "docs.jsonl"),
            ("segments", "segments.csv"),
        ] {
            sb.ok(&["import", what, arg(&demo.join(file))]);
        }
        let theme = demo.join("theme.toml");
        sb.ok(&[
            "import",
            "members",
            "--theme",
            "lingxi",
            arg(&demo.join("members.csv")),
        ]);
        return (sb, theme);
    };

    let bars = sb.path("bars.csv");
    hostile_csv(&demo.join("bars.csv"), &bars, port, &[]);
    let segments = sb.path("segments.csv");
    hostile_csv(
        &demo.join("segments.csv"),
        &segments,
        port,
        &[vec![
            "605891.SH".into(),
            "2024-12-31".into(),
            "product".into(),
            with_port("<object data=http://127.0.0.1:{port}/seg></object>", port),
            "1".into(),
            "0.0001".into(),
            "2025-03-28".into(),
        ]],
    );
    let members = sb.path("members.csv");
    let mut r = csv::Reader::from_path(demo.join("members.csv")).unwrap();
    let mut w = csv::Writer::from_path(&members).unwrap();
    w.write_record(r.headers().unwrap()).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        let mut f: Vec<String> = rec.iter().map(|f| hostile(f, port)).collect();
        f[2] = with_port(
            "<link rel=stylesheet href=http://127.0.0.1:{port}/reason>灵犀大模型\"'&amp;",
            port,
        );
        w.write_record(&f).unwrap();
    }
    w.flush().unwrap();

    let mut docs = String::new();
    for line in std::fs::read_to_string(demo.join("docs.jsonl"))
        .unwrap()
        .lines()
    {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        for (_, field) in v.as_object_mut().unwrap().iter_mut() {
            if let Some(s) = field.as_str() {
                *field = hostile(s, port).into();
            }
        }
        docs += &format!("{v}\n");
    }
    for (i, url) in URLS.iter().enumerate() {
        let doc = serde_json::json!({
            "id": format!("x{i}\"><script>alert({i})</script>"),
            "code": "605890",
            "date": "2025-04-16",
            "kind": "news",
            "source": "<b onclick=alert(1)>wechat</b>",
            "title": with_port("<base href=\"http://127.0.0.1:{port}/\">标题", port),
            "text": with_port(&format!(
                "传闻{i}称公司与灵犀大模型合作<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:{{port}}/meta\">\u{1b}[2J\u{202e}，详见<a href=\"javascript:alert(1)\">这里</a>。"
            ), port),
            "url": with_port(url, port),
        });
        docs += &format!("{doc}\n");
    }
    docs += &serde_json::json!({
        "code": "003890", "date": "2025-04-16", "kind": "qa",
        "question": with_port("请问与灵犀大模型合作吗？<img src=http://127.0.0.1:{port}/q>", port),
        "answer": "感谢关注，公司未与灵犀大模型开展合作</textarea><script>alert('a')</script>。",
        "url": "https://irm.cninfo.com.cn/q?a=1&b=<2>",
    })
    .to_string();
    docs.push('\n');
    let docs_file = sb.path("docs.jsonl");
    std::fs::write(&docs_file, docs).unwrap();

    let theme = sb.path("theme.toml");
    let toml = std::fs::read_to_string(demo.join("theme.toml"))
        .unwrap()
        .replace(
            "name = \"灵犀大模型\"",
            &format!(
                "name = {}",
                toml_string(&with_port(
                    "灵犀<svg onload=alert(9)>\"'</title><img src=http://127.0.0.1:{port}/theme>",
                    port
                ))
            ),
        );
    std::fs::write(&theme, toml).unwrap();

    sb.ok(&["import", "bars", arg(&bars)]);
    sb.ok(&["import", "index", arg(&demo.join("index.csv"))]);
    sb.ok(&["import", "docs", arg(&docs_file)]);
    sb.ok(&["import", "segments", arg(&segments)]);
    sb.ok(&["import", "members", "--theme", "lingxi", arg(&members)]);
    (sb, theme)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn scan(sb: &Sandbox, theme: &Path, format: &str, lang: &str) -> String {
    let out = sb.path(&format!("report-{lang}.{format}"));
    sb.ok(&[
        "--lang",
        lang,
        "scan",
        "--theme",
        arg(theme),
        "--asof",
        "2025-04-18",
        "--format",
        format,
        "--out",
        arg(&out),
    ]);
    std::fs::read_to_string(out).unwrap()
}

/// Tag name → count, and every (tag, attribute) pair, of a parsed document.
fn shape(doc: &Html) -> (BTreeMap<String, usize>, BTreeSet<(String, String)>) {
    let mut tags = BTreeMap::new();
    let mut attrs = BTreeSet::new();
    for node in doc.tree.nodes() {
        if let Node::Element(e) = node.value() {
            *tags.entry(e.name().to_string()).or_insert(0) += 1;
            for (a, _) in e.attrs() {
                attrs.insert((e.name().to_string(), a.to_string()));
            }
        }
    }
    (tags, attrs)
}

/// All text of the document as a browser would show it (text nodes joined).
fn text_of(doc: &Html) -> String {
    doc.tree
        .nodes()
        .filter_map(|n| match n.value() {
            Node::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

#[test]
fn hostile_texts_stay_text_in_the_html_report() {
    let (clean_sb, clean_theme) = store(None);
    let port = 9; // nothing listens there; the browser test below uses a real listener
    let (sb, theme) = store(Some(port));
    for lang in ["zh", "en"] {
        let clean = Html::parse_document(&scan(&clean_sb, &clean_theme, "html", lang));
        let raw = scan(&sb, &theme, "html", lang);
        let doc = Html::parse_document(&raw);
        assert!(
            doc.errors.is_empty() || clean.errors.len() >= doc.errors.len(),
            "{lang}: the hostile report parses with more errors than the clean one: {:?}",
            doc.errors
        );
        let (clean_tags, clean_attrs) = shape(&clean);
        let (tags, attrs) = shape(&doc);

        // No element or attribute that the clean report does not have.
        let new_tags: Vec<_> = tags
            .keys()
            .filter(|t| !clean_tags.contains_key(*t))
            .collect();
        assert!(
            new_tags.is_empty(),
            "{lang}: injected elements {new_tags:?}"
        );
        let new_attrs: Vec<_> = attrs.difference(&clean_attrs).collect();
        assert!(
            new_attrs.is_empty(),
            "{lang}: injected attributes {new_attrs:?}"
        );
        // The per-stock structure is the clean one's (only evidence rows may be added).
        for t in [
            "section", "svg", "h2", "table", "ul", "circle", "meta", "style", "head", "body",
        ] {
            assert_eq!(tags.get(t), clean_tags.get(t), "{lang}: count of <{t}>");
        }
        assert!(
            tags["tr"] > clean_tags["tr"],
            "{lang}: the hostile evidence rows are missing"
        );

        // Nothing active: no handler, no source, links only to http(s).
        for node in doc.tree.nodes() {
            let Node::Element(e) = node.value() else {
                continue;
            };
            for (a, v) in e.attrs() {
                assert!(!a.starts_with("on"), "{lang}: handler {a}={v}");
                assert!(
                    a != "src" && a != "srcdoc" && a != "action",
                    "{lang}: {a}={v}"
                );
                if a == "href" {
                    assert!(
                        v.starts_with('#') || v.starts_with("http://") || v.starts_with("https://"),
                        "{lang}: link to {v:?}"
                    );
                    assert!(!v.chars().any(char::is_whitespace), "{lang}: href {v:?}");
                }
                if a == "style" {
                    assert!(!v.contains("url("), "{lang}: style {v:?}");
                }
            }
        }
        let csp: Vec<_> = doc
            .select(&scraper::Selector::parse("meta[http-equiv]").unwrap())
            .map(|m| m.value().attr("content").unwrap_or_default().to_string())
            .collect();
        assert_eq!(csp, vec![CSP.to_string()], "{lang}: one policy, ours");
        let head_first: Vec<_> = doc
            .select(&scraper::Selector::parse("head > *").unwrap())
            .take(2)
            .map(|e| e.value().name().to_string())
            .collect();
        assert_eq!(
            head_first,
            ["meta", "meta"],
            "{lang}: the policy comes before anything else"
        );

        // Every hostile text is shown, verbatim, as text.
        let text = text_of(&doc);
        for (_, bad) in NAMES {
            let bad = with_port(bad, port);
            assert!(
                text.contains(&bad),
                "{lang}: name {bad:?} not shown as text"
            );
        }
        for must in [
            "<link rel=stylesheet href=http://127.0.0.1:9/reason>灵犀大模型\"'&amp;",
            "灵犀<svg onload=alert(9)>\"'</title><img src=http://127.0.0.1:9/theme>",
            "<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/meta\">",
            "</textarea><script>alert('a')</script>",
            "java\tscript:alert(1)",
        ] {
            assert!(text.contains(must), "{lang}: {must:?} not shown as text");
        }
        // Terminal controls were dropped on import, not passed to the page.
        assert!(
            !raw.contains('\u{1b}') && !raw.contains('\u{202e}'),
            "{lang}"
        );
        // The one http(s) evidence link with markup in its query is a link, escaped.
        assert!(raw.contains(
            "href=\"https://x.example/?q=&lt;script&gt;alert(1)&lt;/script&gt;&amp;a=&#39;b&#39;\""
        ));
    }
}

#[test]
fn hostile_texts_stay_inert_in_terminal_json_and_csv() {
    let (sb, theme) = store(Some(9));
    // Terminal: no escape sequence or bidi override from a document reaches it.
    for args in [
        vec!["scan", "--theme", arg(&theme), "--asof", "2025-04-18"],
        vec!["evidence", "--theme", arg(&theme)],
        vec!["search", "灵犀大模型"],
        vec!["stock", "605890", "--asof", "2025-04-18"],
        vec!["themes-of", "605890"],
    ] {
        let out = sb.ok(&args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{args:?} printed a control character"
        );
    }
    // JSON: the names arrive exactly.
    let json: serde_json::Value = serde_json::from_str(&scan(&sb, &theme, "json", "zh")).unwrap();
    let names: BTreeSet<String> = json["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str().map(str::to_string))
        .collect();
    for (_, bad) in NAMES {
        assert!(names.contains(&with_port(bad, 9)), "{bad} in {names:?}");
    }
    // CSV: quoted where needed, and a formula is defused with a leading apostrophe.
    let text = scan(&sb, &theme, "csv", "zh");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let names: BTreeSet<String> = r.records().map(|rec| rec.unwrap()[1].to_string()).collect();
    let formula = with_port(NAMES[5].1, 9);
    assert!(names.contains(&format!("'{formula}")), "{names:?}");
    assert!(!names.contains(&formula));
    for (_, bad) in NAMES.iter().filter(|(_, b)| !b.starts_with('=')) {
        assert!(names.contains(&with_port(bad, 9)), "{bad} in {names:?}");
    }
}

/// The document title of a dumped DOM.
fn title(dom: &str) -> String {
    let doc = Html::parse_document(dom);
    let sel = scraper::Selector::parse("head > title").unwrap();
    doc.select(&sel)
        .map(|t| t.text().collect::<String>())
        .collect()
}

/// A local HTTP server that answers 404 to everything and records each request line.
/// Connections that send nothing are not recorded: Chromium may open a speculative
/// connection to a host it sees in markup before the policy stops the load itself, and
/// such a connection carries no request (no path, no data); the tests count what is asked.
struct Listener {
    port: u16,
    state: Arc<Mutex<Seen>>,
}

#[derive(Default)]
struct Seen {
    /// Request lines, without the test's own sentinel.
    hits: Vec<String>,
    /// Connections accepted and connections handled to the end.
    accepted: usize,
    handled: usize,
    /// Whether the sentinel request (see [`Listener::settled_hits`]) was accepted.
    sentinel: bool,
}

const SENTINEL: &str = "GET /__hypecheck_test_sentinel HTTP/1.0";

fn listener() -> Listener {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let state = Arc::new(Mutex::new(Seen::default()));
    let st = state.clone();
    std::thread::spawn(move || {
        for conn in l.incoming() {
            let Ok(mut c) = conn else { continue };
            st.lock().unwrap().accepted += 1;
            let st = st.clone();
            // One thread per connection: a speculative connection that never sends must
            // not hold up the next one.
            std::thread::spawn(move || {
                let _ = c.set_read_timeout(Some(std::time::Duration::from_secs(30)));
                let mut buf = [0u8; 2048];
                let n = c.read(&mut buf).unwrap_or(0);
                let line = String::from_utf8_lossy(&buf[..n])
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if n > 0 {
                    let _ = c.write_all(
                        b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
                let mut s = st.lock().unwrap();
                if line == SENTINEL {
                    s.sentinel = true;
                } else if n > 0 {
                    s.hits.push(line);
                }
                s.handled += 1;
            });
        }
    });
    Listener { port, state }
}

impl Listener {
    /// The requests seen once every connection made before this call has been handled:
    /// the test sends a sentinel request of its own; connections are accepted in the order
    /// they were made, so once the sentinel is in, so is every earlier one. No sleeping.
    fn settled_hits(&self) -> Vec<String> {
        let mut c = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        c.write_all(format!("{SENTINEL}\r\n\r\n").as_bytes())
            .unwrap();
        let start = std::time::Instant::now();
        loop {
            {
                let s = self.state.lock().unwrap();
                if s.sentinel && s.handled == s.accepted {
                    return s.hits.clone();
                }
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(600),
                "the test server hangs"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Tests that start a browser (seconds each), left out of the fast tier (`cargo test-fast`).
mod slow {
    use super::*;

    #[test]
    fn in_a_browser_the_hostile_report_runs_nothing_and_loads_nothing() {
        let Some(bin) = browser() else { return };
        let server = listener();
        let port = server.port;
        let (sb, theme) = store(Some(port));
        let report = sb.path("report.html");
        std::fs::write(&report, scan(&sb, &theme, "html", "zh")).unwrap();
        let dom =
            String::from_utf8(chromium(&bin, &sb.path("p1"), &report, &["--dump-dom"])).unwrap();
        let png = sb.path("shot.png");
        chromium(
            &bin,
            &sb.path("p2"),
            &report,
            &[
                &format!("--screenshot={}", png.display()),
                "--window-size=1280,3000",
            ],
        );
        assert!(
            std::fs::metadata(&png).unwrap().len() > 30_000,
            "a blank page?"
        );
        let got = server.settled_hits();
        assert!(got.is_empty(), "the report reached the network: {got:?}");
        let parsed = Html::parse_document(&dom);
        for tag in [
            "script",
            "img",
            "iframe",
            "object",
            "link",
            "base",
            "a[href^=javascript]",
        ] {
            let sel = scraper::Selector::parse(tag).unwrap();
            assert_eq!(
                parsed.select(&sel).count(),
                0,
                "a <{tag}> element in the DOM"
            );
        }
        assert!(dom.contains("云帆&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
    #[test]
    fn in_a_browser_the_policy_alone_stops_active_content() {
        let Some(bin) = browser() else { return };
        let server = listener();
        let port = server.port;
        let (sb, theme) = store(None);
        let page = scan(&sb, &theme, "html", "zh");
        // What a failure of escaping would let through, spliced in raw.
        let active = format!(
            "<img src=\"http://127.0.0.1:{port}/img\">\
             <link rel=\"stylesheet\" href=\"http://127.0.0.1:{port}/css\">\
             <iframe src=\"http://127.0.0.1:{port}/frame\"></iframe>\
             <div style=\"background:url(http://127.0.0.1:{port}/style)\">x</div>\
             <script>document.title='pwned';fetch('http://127.0.0.1:{port}/fetch')</script>\
             <img src=x onerror=\"document.title='pwned2'\">\n</body>"
        );
        let with_policy = page.replacen("</body>", &active, 1);
        assert!(with_policy.contains(CSP));
        let without_policy = with_policy.replacen(&format!("content=\"{CSP}\""), "content=\"\"", 1);

        let guarded = sb.path("guarded.html");
        std::fs::write(&guarded, &with_policy).unwrap();
        let dom =
            String::from_utf8(chromium(&bin, &sb.path("p1"), &guarded, &["--dump-dom"])).unwrap();
        let got = server.settled_hits();
        assert!(
            got.is_empty(),
            "with the policy the page reached the network: {got:?}"
        );
        assert!(
            !title(&dom).contains("pwned"),
            "a script ran under the policy"
        );

        // Control: the same page without the policy does run and load, so the checks above
        // can fail.
        let open = sb.path("open.html");
        std::fs::write(&open, &without_policy).unwrap();
        let dom =
            String::from_utf8(chromium(&bin, &sb.path("p2"), &open, &["--dump-dom"])).unwrap();
        let got = server.settled_hits();
        assert!(
            !got.is_empty(),
            "without the policy nothing was loaded: the test cannot see loads"
        );
        assert!(
            dom.contains("pwned"),
            "without the policy the script did not run"
        );
    }
}
