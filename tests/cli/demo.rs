//! `hypecheck demo`: the bundled fictional sample runs end to end, in both languages, and
//! running it twice changes nothing.

use crate::util::{arg, Sandbox};

#[test]
fn demo_runs_and_reruns() {
    let sb = Sandbox::new();
    let dir = sb.path("demo");
    let out = sb.ok(&["demo", "--out", arg(&dir)]);
    assert!(out.contains("均为虚构"), "{out}");
    assert!(out.contains("2025-04-17 连板天梯：涨停 2 家"), "{out}");
    assert!(out.contains("605890.SH") && out.contains("5天5板"), "{out}");
    assert!(out.contains("异常波动（估算"), "{out}");
    assert!(dir.join("demo.db").exists());
    let again = sb.ok(&["demo", "--out", arg(&dir)]);
    assert_eq!(out, again);
    let en = sb.ok(&["--lang", "en", "demo", "--out", arg(&dir)]);
    assert!(
        en.contains("fictional") && en.contains("limit-up ladder"),
        "{en}"
    );
    // The store the demo leaves behind answers the other commands.
    let db = dir.join("demo.db");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hypecheck"))
        .args([
            "--db",
            arg(&db),
            "stock",
            "磐石电子",
            "--asof",
            "2025-04-18",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["code"], "301890.SZ");
    assert_eq!(v["board"], "chinext");
    assert_eq!(v["limit_pct"], 20);
}
