//! The AkShare bridge (`python/hypecheck_fetch.py`): runs its offline unittest suite, which
//! drives the bridge against a stand-in `akshare` and checks every written file.
//!
//! Needs `python3` with `pandas`. Without them the test prints a notice and passes, as on a
//! machine that never fetches live data; with `HYPECHECK_REQUIRE_SHARED=1` (CI) it fails.

use std::process::Command;

use crate::util::root;

/// Whether `python3` can import pandas; prints the skip notice or panics under CI when not.
pub fn python_with_pandas() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import pandas"])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return true;
    }
    if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("python3 with pandas is missing and HYPECHECK_REQUIRE_SHARED=1");
    }
    eprintln!(
        "skipped: python3 with pandas is absent, so the AkShare bridge and fetch are not tested"
    );
    false
}

#[test]
fn bridge_offline_suite_passes() {
    if !python_with_pandas() {
        return;
    }
    let out = Command::new("python3")
        .args([
            "-m",
            "unittest",
            "discover",
            "-s",
            "python/tests",
            "-t",
            "python/tests",
        ])
        .current_dir(root())
        .env_remove("PYTHONPATH")
        .env_remove("HYPECHECK_STUB_LOG")
        .output()
        .expect("run python3");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "python bridge tests failed:\n{report}"
    );
    // unittest prints "Ran N tests"; an empty discovery would also exit 0 on old Pythons.
    let ran = report
        .lines()
        .find_map(|l| {
            l.strip_prefix("Ran ")?
                .split(' ')
                .next()?
                .parse::<u32>()
                .ok()
        })
        .unwrap_or(0);
    assert!(
        ran >= 20,
        "expected the bridge suite to run, got:\n{report}"
    );
}

/// The bridge against the real AkShare (`python/tests/akshare_contract.py`, no network):
/// every function it calls exists and takes its keywords, every column it reads is named in
/// the function's source, and its docstring names the installed version. Without an
/// importable akshare the test says so and passes, except under
/// `HYPECHECK_REQUIRE_SHARED=1` (CI installs it: `.ci/run`).
#[test]
fn the_bridge_keeps_the_contract_of_the_real_akshare() {
    let contract = root().join("python/tests/akshare_contract.py");
    let run = |bridge: Option<&std::path::Path>| {
        let mut c = Command::new("python3");
        c.arg(&contract).env_remove("PYTHONPATH");
        if let Some(b) = bridge {
            c.arg(b);
        }
        c.output().expect("run python3")
    };
    let out = run(None);
    let report = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.code() == Some(3) {
        if std::env::var("HYPECHECK_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
            panic!("akshare is not importable and HYPECHECK_REQUIRE_SHARED=1:\n{report}");
        }
        eprintln!("skipped: akshare is not installed, so the bridge's contract is not checked");
        return;
    }
    assert!(
        out.status.success(),
        "the bridge breaks AkShare's contract:\n{report}"
    );
    assert!(report.contains("0 problems"), "{report}");
    // The check can fail: a renamed keyword and a column AkShare never names are caught.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("bridge.py");
    let text = std::fs::read_to_string(root().join("python/hypecheck_fetch.py")).unwrap();
    let text = text
        .replace(
            "ak.stock_sns_sseinfo(symbol=code)",
            "ak.stock_sns_sseinfo(stock=code)",
        )
        .replace("r[\"回答时间\"]", "r[\"答复时间\"]");
    std::fs::write(&broken, text).unwrap();
    let out = run(Some(&broken));
    let report = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("unexpected keyword argument 'stock'") && report.contains("'答复时间'"),
        "{report}"
    );
}
