//! The HTML report in a real browser: headless Debian `chromium` renders it to a PNG and
//! dumps its DOM, where the `<script>` of a document must be text, not an element. Skipped
//! with a notice when `/usr/bin/chromium` is absent; under `HYPECHECK_REQUIRE_SHARED=1`
//! a missing browser fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{arg, Sandbox};

const CHROMIUM: &str = "/usr/bin/chromium";

pub(crate) fn browser() -> Option<PathBuf> {
    let p = PathBuf::from(CHROMIUM);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var("HYPECHECK_REQUIRE_SHARED").as_deref() != Ok("1"),
        "{CHROMIUM} is missing and HYPECHECK_REQUIRE_SHARED=1 (apt-get install chromium)"
    );
    eprintln!("note: {CHROMIUM} not found; skipping the browser test (apt-get install chromium)");
    None
}

/// Runs chromium headless on `page` with `extra` arguments; returns its stdout.
pub(crate) fn chromium(bin: &Path, profile: &Path, page: &Path, extra: &[&str]) -> Vec<u8> {
    let out_file = profile.with_extension("stdout");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&out_file).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            break;
        }
        // Only a guard against a hung browser; no test relies on its speed.
        if start.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("chromium hangs (no exit within 600 s)");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read(&out_file).unwrap()
}

/// Tests that start a browser (seconds each), left out of the fast tier (`cargo test-fast`).
mod slow {
    use super::*;

    #[test]
    fn the_report_renders_and_document_markup_stays_text() {
        let Some(bin) = browser() else { return };
        let sb = Sandbox::with_scan_data();
        let (report, _) = sb.html_scan("report.html");

        let png = sb.path("shot.png");
        chromium(
            &bin,
            &sb.path("profile1"),
            &report,
            &[
                &format!("--screenshot={}", png.display()),
                "--window-size=1280,2000",
            ],
        );
        let bytes = std::fs::read(&png).expect("the screenshot was written");
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        // A blank 1280x2000 page compresses to a few kilobytes; tables and charts do not.
        assert!(
            bytes.len() > 30_000,
            "screenshot only {} bytes",
            bytes.len()
        );

        let dom = String::from_utf8(chromium(
            &bin,
            &sb.path("profile2"),
            &report,
            &["--dump-dom"],
        ))
        .expect("utf-8 DOM");
        assert!(dom.contains("<section class=\"stock\""), "{dom}");
        assert!(
            dom.contains("DeepSeek\"&lt;script&gt;alert('x')&lt;/script&gt;\"是否有合作"),
            "the script text is not shown as text"
        );
        assert!(
            !dom.to_ascii_lowercase().contains("<script"),
            "a script element in the DOM"
        );
        assert!(!dom.contains("href=\"javascript:"));
    }

    #[test]
    fn crowded_scatter_labels_do_not_overlap_and_table_cells_do_not_wrap() {
        let Some(bin) = browser() else { return };
        let sb = crowded_sandbox();
        let (report, html) = sb.html_scan("crowded.html");
        let dots = html.matches("<circle cx=").count();
        assert!(dots >= 16, "6 scan stocks and 10 crowded ones: {dots} dots");
        // Every stock is named: by a label on the chart, or in the list under it.
        for name in ["东方明珠科技", "博远数据服务", "联创华信", "云帆科技"] {
            assert!(
                html.contains(&format!(">{name}</text>")) || html.contains(&format!(" {name}")),
                "{name} is not named"
            );
        }
        for width in [1280, 900] {
            let (problems, measured) = probe(&bin, &sb, &report, width, &width.to_string());
            assert!(problems.is_empty(), "at {width} px: {problems:#?}");
            let unplaced = html.contains("class=\"note unplaced\"");
            assert!(
                measured >= 16 || unplaced,
                "only {measured} labels and no list of the others"
            );
        }
        screenshot(&bin, &sb, &report, "crowded.png");
    }

    #[test]
    fn the_demo_report_is_marked_fictional_and_its_tables_do_not_wrap() {
        let Some(bin) = browser() else { return };
        let sb = Sandbox::new();
        let dir = sb.path("demo");
        sb.ok(&["demo", "--out", arg(&dir)]);
        let report = dir.join("report.html");
        let html = std::fs::read_to_string(&report).unwrap();
        assert!(
            html.contains("<p class=\"fictional\">"),
            "the demo is not marked fictional"
        );
        let (problems, measured) = probe(&bin, &sb, &report, 1280, "demo");
        assert!(problems.is_empty(), "{problems:#?}");
        assert_eq!(measured, 8, "one label per demo stock");
        screenshot(&bin, &sb, &report, "demo.png");
    }
}

/// A store with the scan fixtures plus ten near-flat members of the DeepSeek theme without
/// a document: in the scatter they all sit in one column near 0%, under a hot stock's
/// +69% that squeezes them into the bottom corner.
pub(crate) fn crowded_sandbox() -> Sandbox {
    let sb = Sandbox::with_scan_data();
    let demo = std::fs::read_to_string(crate::util::root().join("demo/bars.csv")).unwrap();
    let mut dates: Vec<&str> = demo
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(2))
        .collect();
    dates.sort();
    dates.dedup();
    let names = [
        "东方明珠科技",
        "华夏智联",
        "中科睿思信息",
        "长江数码",
        "金桥信息",
        "新纪元软件",
        "天元智能",
        "博远数据服务",
        "众诚网络",
        "联创华信",
    ];
    let mut bars = String::from("code,name,date,open,high,low,close,prev_close\n");
    let mut members = String::from("code,name,reason,source,date\n");
    for (i, name) in names.iter().enumerate() {
        let code = 605901 + i;
        // 10.00 yuan, drifting up i fen every fifth day: window returns of 0% to ~2%.
        let mut prev = 1000 + i as i64 * 10;
        for (k, d) in dates.iter().enumerate() {
            let close = prev + if k % 5 == 0 { i as i64 } else { 0 };
            let y = |f: i64| format!("{}.{:02}", f / 100, f % 100);
            bars.push_str(&format!(
                "{code},{name},{d},{o},{h},{l},{c},{p}\n",
                o = y(prev),
                h = y(close.max(prev)),
                l = y(close.min(prev)),
                c = y(close),
                p = y(prev)
            ));
            prev = close;
        }
        members.push_str(&format!("{code},{name},传闻涉及DeepSeek,test,2025-04-01\n"));
    }
    let bars_file = sb.path("crowd_bars.csv");
    let members_file = sb.path("crowd_members.csv");
    std::fs::write(&bars_file, bars).unwrap();
    std::fs::write(&members_file, members).unwrap();
    sb.ok(&["import", "bars", arg(&bars_file)]);
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "deepseek",
        arg(&members_file),
    ]);
    sb
}

/// Measures the rendered report in the browser: a copy of the page without its CSP (which
/// rightly forbids scripts) gets a script that writes, into a `<pre id="probe">`, one line
/// per problem: two scatter labels that overlap, a label over a dot, a date, header,
/// code, link cell or a flag/class label whose text runs over more than one line. Returns
/// the problems and the number of labels measured.
fn probe(bin: &Path, sb: &Sandbox, report: &Path, width: u32, tag: &str) -> (Vec<String>, usize) {
    const SCRIPT: &str = r#"<script>
(function () {
  var out = [];
  var boxes = Array.prototype.map.call(
    document.querySelectorAll('svg.scatter text.label'),
    function (e) { return { t: e.textContent, r: e.getBoundingClientRect() }; });
  var dots = Array.prototype.map.call(
    document.querySelectorAll('svg.scatter circle'),
    function (e) { return e.getBoundingClientRect(); });
  function hit(a, b) {
    return a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
           a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  }
  for (var i = 0; i < boxes.length; i++) {
    for (var j = i + 1; j < boxes.length; j++) {
      if (hit(boxes[i].r, boxes[j].r)) out.push('labels overlap: ' + boxes[i].t + ' / ' + boxes[j].t);
    }
    for (var k = 0; k < dots.length; k++) {
      if (hit(boxes[i].r, dots[k])) out.push('label over a dot: ' + boxes[i].t);
    }
  }
  var cells = document.querySelectorAll('td.date, th, td.link, td.code, td.kind, span.tok');
  Array.prototype.forEach.call(cells, function (c) {
    var range = document.createRange();
    range.selectNodeContents(c);
    var tops = {};
    Array.prototype.forEach.call(range.getClientRects(), function (r) {
      if (r.width > 0) tops[Math.round(r.top)] = 1;
    });
    if (Object.keys(tops).length > 1) out.push('wraps: ' + c.tagName + '.' + c.className + ' ' + c.textContent);
  });
  out.push('labels measured: ' + boxes.length);
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = out.join('\n');
  document.body.appendChild(pre);
})();
</script>"#;
    let html = std::fs::read_to_string(report).unwrap();
    let start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .unwrap();
    let end = start + html[start..].find('>').unwrap() + 1;
    let probed = format!("{}{}", &html[..start], &html[end..])
        .replace("</body>", &format!("{SCRIPT}</body>"));
    let page = sb.path(&format!("probe-{tag}.html"));
    std::fs::write(&page, probed).unwrap();
    let dom = String::from_utf8(chromium(
        bin,
        &sb.path(&format!("profile-probe-{tag}")),
        &page,
        &[&format!("--window-size={width},2000"), "--dump-dom"],
    ))
    .unwrap();
    let doc = scraper::Html::parse_document(&dom);
    let sel = scraper::Selector::parse("pre#probe").unwrap();
    let text: String = doc
        .select(&sel)
        .next()
        .expect("the probe script ran")
        .text()
        .collect();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let measured = lines
        .pop()
        .and_then(|l| {
            l.strip_prefix("labels measured: ")
                .map(|n| n.parse().unwrap())
        })
        .expect("label count");
    (lines, measured)
}

/// Saves a screenshot of `page` as `name` in the sandbox, and (with the page) in
/// `HYPECHECK_SHOTS` when that folder is given, for a person to look at.
fn screenshot(bin: &Path, sb: &Sandbox, page: &Path, name: &str) -> PathBuf {
    let png = sb.path(name);
    chromium(
        bin,
        &sb.path(&format!("profile-{name}")),
        page,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,2400",
        ],
    );
    let bytes = std::fs::read(&png).expect("the screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    if let Some(dir) = std::env::var_os("HYPECHECK_SHOTS") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(&png, dir.join(name)).unwrap();
        std::fs::copy(page, dir.join(name).with_extension("html")).unwrap();
    }
    png
}
