//! Helpers shared by the integration tests: a temporary store, a command builder for the
//! real binary, and access to the real market data in `../shared/data`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A file of the real data set in `../shared/data`, or `None` (with a printed notice) when
/// it is absent, as on a user's fresh clone. With `HYPECHECK_REQUIRE_SHARED=1` (set by
/// `.ci/run`) a missing file fails the test instead.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared/data").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "{} is missing and HYPECHECK_REQUIRE_SHARED=1",
            path.display()
        );
    }
    eprintln!(
        "skipped: {} is absent (a fresh clone without ../shared)",
        path.display()
    );
    None
}

/// A throw-away folder with a store path inside it.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A sandbox whose store holds the demo's fictional bars and index levels and the
    /// documents of `tests/fixtures/scan/docs.jsonl` (about the built-in DeepSeek theme).
    pub fn with_scan_data() -> Sandbox {
        let sb = Sandbox::new();
        sb.ok(&["import", "bars", arg(&root().join("demo/bars.csv"))]);
        sb.ok(&["import", "index", arg(&root().join("demo/index.csv"))]);
        sb.ok(&["import", "docs", arg(&fixture("scan/docs.jsonl"))]);
        sb
    }

    /// The HTML report of `scan --theme deepseek --asof 2025-04-18` written to `name` in
    /// the sandbox: its path and its text.
    pub fn html_scan(&self, name: &str) -> (PathBuf, String) {
        let out = self.path(name);
        let args = [
            "scan",
            "--theme",
            "deepseek",
            "--asof",
            "2025-04-18",
            "--format",
            "html",
        ];
        let mut argv = args.to_vec();
        argv.extend(["--out", arg(&out)]);
        self.ok(&argv);
        let html = std::fs::read_to_string(&out).unwrap();
        (out, html)
    }

    /// `hypecheck ARGS...` on the sandbox's store (named by `HYPECHECK_DB`, so that a
    /// `--db` in ARGS wins and `demo` keeps its own store) with a clean environment for
    /// language/colour.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hypecheck"));
        c.env("HYPECHECK_DB", self.db())
            .env_remove("COLUMNS")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs and asserts success, returning stdout as text.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "hypecheck {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs and returns the whole output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run hypecheck")
    }
}

/// `path` as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// The stock `code` in a `scan --format json` result; fails naming what is there.
pub fn scanned<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == code)
        .unwrap_or_else(|| panic!("{code} missing from {v:#}"))
}
