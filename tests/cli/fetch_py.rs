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
