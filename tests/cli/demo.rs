//! `hypecheck demo`: the bundled fictional sample runs end to end, in both languages, and
//! running it twice changes nothing.

use crate::util::{arg, Sandbox};

#[test]
fn demo_runs_and_reruns() {
    let sb = Sandbox::new();
    let dir = sb.path("demo");
    let out = sb.ok(&["demo", "--out", arg(&dir)]);
    assert!(out.contains("均为虚构"), "{out}");
    assert!(out.contains("2025-04-17 连板天梯：涨停 3 家"), "{out}");
    assert!(out.contains("605890.SH") && out.contains("5天5板"), "{out}");
    assert!(out.contains("异常波动（估算"), "{out}");
    assert!(dir.join("demo.db").exists());
    // The theme scan: every verdict, and the report beside the store.
    assert!(
        out.contains("题材 灵犀大模型（lingxi），截至 2025-04-18，近 10 个交易日：8 只股票"),
        "{out}"
    );
    // Every verdict and every flag of the v3 contract.
    for label in [
        "蹭热点",
        "炒作",
        "待核实",
        "已澄清",
        "有实质",
        "冷门",
        "口径不一",
        "回避提问",
        "公告提示风险",
        "主业无关",
        "异常波动",
        "自我宣传",
        "占比很小",
        "信息陈旧",
    ] {
        assert!(out.contains(label), "{label} missing:\n{out}");
    }
    // The table gives each verdict's own reason; the legend defines every verdict shown.
    assert!(
        out.contains("股价过热，公司已否认与灵犀大模型的关联（公告 2025-04-17），且未宣传这一关联"),
        "{out}"
    );
    assert!(
        out.contains("结论的含义：") && out.contains("待核实：股价过热，但仓库里没有"),
        "{out}"
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("Content-Security-Policy"));
    assert_eq!(html.matches("<section class=\"stock\"").count(), 8);
    // The small event study: its summary, and its page beside the report.
    assert!(
        out.contains("题材「灵犀大模型」事件研究") && out.contains("事件："),
        "{out}"
    );
    let study = std::fs::read_to_string(dir.join("study.html")).unwrap();
    assert!(study.contains("均为虚构") && study.contains("<svg class=\"path\""));
    let again = sb.ok(&["demo", "--out", arg(&dir)]);
    assert_eq!(out, again);
    let en = sb.ok(&["--lang", "en", "demo", "--out", arg(&dir)]);
    assert!(
        en.contains("fictional") && en.contains("limit-up ladder"),
        "{en}"
    );
    assert!(
        en.contains("hype rider") && en.contains("substantive"),
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

    // ... and the scan, where the contract announced after the as-of date does not count
    // until the as-of date reaches it.
    let scan = |asof: &str| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_hypecheck"))
            .args(["--db", arg(&db), "scan", "--theme"])
            .arg(dir.join("theme.toml"))
            .args(["--asof", asof, "--format", "json"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let verdict = |v: &serde_json::Value, code: &str| {
        let s = v["stocks"].as_array().unwrap();
        let s = s.iter().find(|s| s["code"] == code).unwrap();
        (s["verdict"].clone(), s["substance"].clone())
    };
    let v = scan("2025-04-18");
    // One stock of each verdict (two of 有实质); an evasive answer alone is 炒作, never
    // 蹭热点 (verdict v3).
    for (code, want) in [
        ("605890.SH", ("hype_rider", "disclaimed")),
        ("003890.SZ", ("speculative", "none")),
        ("605891.SH", ("speculative", "adopter")),
        ("605892.SH", ("unverified", "none")),
        ("688890.SH", ("clarified", "disclaimed")),
        ("920890.BJ", ("substantive", "confirmed")),
        ("003891.SZ", ("cold", "none")),
    ] {
        assert_eq!(verdict(&v, code), (want.0.into(), want.1.into()), "{code}");
    }
    // A confirmed tie whose segments carry 40% of revenue is material; 远山股份's theme
    // segment at 5% is immaterial (and only that: one flag from one segments table), while
    // 天穹传媒, with no theme segment at all, has a core business unrelated to the theme.
    assert_eq!(
        verdict(&v, "301890.SZ"),
        ("substantive".into(), "material".into())
    );
    let flags = |code: &str| {
        let s = v["stocks"].as_array().unwrap();
        let s = s.iter().find(|s| s["code"] == code).unwrap();
        s["flags"].as_array().unwrap().clone()
    };
    assert!(flags("605891.SH").contains(&"immaterial".into()));
    assert!(!flags("605891.SH").contains(&"core_unrelated".into()));
    assert!(flags("605892.SH").contains(&"core_unrelated".into()));
    // The filing's "small" and the segments' share are both shown for 占比很小.
    let yuan = v["stocks"].as_array().unwrap();
    let ys = yuan.iter().find(|s| s["code"] == "605891.SH").unwrap();
    let imm = ys["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["about"] == "immaterial")
        .unwrap();
    assert!(
        imm["zh"]
            .as_str()
            .unwrap()
            .contains("主营构成（2024-12-31）中题材相关业务占营收5.0%"),
        "{imm:#}"
    );
    // Every flag of docs/design.md §6 appears somewhere in the sample.
    let all: Vec<serde_json::Value> = v["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["flags"].as_array().unwrap().clone())
        .collect();
    for f in [
        "inconsistent",
        "evasive",
        "warned",
        "core_unrelated",
        "abnormal",
        "promoted",
        "immaterial",
        "stale",
    ] {
        assert!(all.contains(&f.into()), "{f} missing from the demo");
    }
    // As of 04-22 远山股份's contract is confirmed, but the company called the business small
    // and its segments agree: still 炒作, not 有实质.
    let later = scan("2025-04-22");
    assert_eq!(
        verdict(&later, "605891.SH"),
        ("speculative".into(), "confirmed".into())
    );
}

/// `demo --db FILE` writes the demo's store there; a store that holds other data is
/// refused, not mixed with the fictional sample.
#[test]
fn demo_honours_db_and_never_writes_into_a_store_with_other_data() {
    let sb = Sandbox::new();
    let dir = sb.path("demo");
    let mine = sb.path("mine.db");
    sb.ok(&["--db", arg(&mine), "demo", "--out", arg(&dir)]);
    assert!(mine.exists() && !dir.join("demo.db").exists());
    let ladder = sb.ok(&["--db", arg(&mine), "ladder", "--date", "2025-04-17"]);
    assert!(ladder.contains("涨停 3 家"), "{ladder}");
    // Again into the demo's own store: fine.
    sb.ok(&["--db", arg(&mine), "demo", "--out", arg(&dir)]);
    sb.ok(&[
        "import",
        "bars",
        arg(&crate::util::fixture("akshare_002881.csv")),
    ]);
    let out = sb.run(&["--db", arg(&sb.db()), "demo", "--out", arg(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("已有其他数据"), "{err}");
}

/// The dossier's revenue mix is the newest report out by its day: 磐石电子's 2024 annual
/// report, published 2025-03-28, is not shown as of 2025-03-27.
#[test]
fn the_dossier_shows_no_revenue_report_before_it_was_published() {
    let sb = Sandbox::new();
    let dir = sb.path("demo");
    sb.ok(&["demo", "--out", arg(&dir)]);
    let db = dir.join("demo.db");
    let before = sb.ok(&["--db", arg(&db), "stock", "301890", "--asof", "2025-03-27"]);
    assert!(!before.contains("主营构成"), "{before}");
    let after = sb.ok(&["--db", arg(&db), "stock", "301890", "--asof", "2025-03-28"]);
    assert!(after.contains("主营构成（2024-12-31"), "{after}");
}
