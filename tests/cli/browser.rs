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
        let report = sb.path("report.html");
        sb.ok(&[
            "scan",
            "--theme",
            "deepseek",
            "--asof",
            "2025-04-18",
            "--format",
            "html",
            "--out",
            arg(&report),
        ]);

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
}
