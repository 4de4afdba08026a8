//! Verdict v3 end to end: a store built by the test (the demo's fictional bars, documents
//! written here about the built-in DeepSeek theme), `scan --format json`, one case each of
//! what a newspaper may print.

use serde_json::Value;

use crate::util::{arg, root, Sandbox};

/// A store with the demo's bars and index levels, theme members, and `docs` (JSON Lines).
fn store(members: &str, docs: &str) -> Sandbox {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&root().join("demo/bars.csv"))]);
    sb.ok(&["import", "index", arg(&root().join("demo/index.csv"))]);
    if !members.is_empty() {
        let m = sb.path("members.csv");
        std::fs::write(&m, format!("code,name,reason\n{members}")).unwrap();
        sb.ok(&["import", "members", arg(&m), "--theme", "deepseek"]);
    }
    if !docs.is_empty() {
        let d = sb.path("docs.jsonl");
        std::fs::write(&d, docs).unwrap();
        sb.ok(&["import", "docs", arg(&d)]);
    }
    sb
}

fn scan(sb: &Sandbox, asof: &str) -> Value {
    let out = sb.ok(&[
        "scan", "--theme", "deepseek", "--asof", asof, "--format", "json",
    ]);
    serde_json::from_str(&out).expect("scan JSON")
}

fn stock<'a>(v: &'a Value, code: &str) -> &'a Value {
    crate::util::scanned(v, code)
}

fn flags(s: &Value) -> Vec<&str> {
    s["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect()
}

fn verdict_reason(s: &Value) -> &str {
    assert_eq!(s["reasons"][0]["about"], "verdict", "{:#}", s["reasons"]);
    s["reasons"][0]["zh"].as_str().unwrap()
}

// 605890 (5连板 to 04-17), 003890 (3连板), 688890 and 605891 (2连板) are hot in the demo's
// bars as of 2025-04-18; 003891 is not.

#[test]
fn a_hot_member_without_documents_is_unverified_and_the_reason_names_the_documents() {
    let sb = store("605890,云帆科技,传闻接入DeepSeek\n", "");
    let s = scan(&sb, "2025-04-18");
    let yf = stock(&s, "605890.SH");
    assert_eq!(yf["verdict"], "unverified");
    assert_eq!(yf["docs_checked"], 0);
    assert!(yf["newest_evidence"].is_null());
    let r = verdict_reason(yf);
    assert!(
        r.contains("公告") && r.contains("互动易回答") && r.contains("自媒体"),
        "{r}"
    );
}

#[test]
fn a_hot_member_with_documents_but_no_bars_is_unverified_and_the_reason_names_the_bars() {
    let sb = store(
        "600997,无行情,",
        r#"{"id":"p","code":"600997","date":"2025-04-10","kind":"post","text":"公司与DeepSeek深度合作，共同打造解决方案。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let nb = stock(&s, "600997.SH");
    assert!(nb["heat"].is_null());
    assert_eq!(nb["verdict"], "unverified");
    assert!(verdict_reason(nb).contains("没有该股的行情"));
    assert_eq!(nb["docs_checked"], 1);
}

#[test]
fn a_filing_that_denies_any_link_with_no_promotion_is_clarified() {
    let sb = store(
        "",
        r#"{"id":"a","code":"605890","date":"2025-04-17","kind":"announcement","title":"股票交易异常波动公告","text":"经核实，公司与杭州深度求索人工智能基础技术研究有限公司无任何业务往来，公司未接入DeepSeek。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let yf = stock(&s, "605890.SH");
    assert_eq!(yf["verdict"], "clarified");
    assert_eq!(yf["substance"], "disclaimed");
    assert!(!flags(yf).contains(&"promoted"));
    assert_eq!(yf["reasons"][0]["doc_id"], "a");
}

#[test]
fn adoption_posts_beside_a_filing_that_calls_it_an_uncertain_adaptation() {
    let sb = store(
        "",
        r#"{"id":"p","code":"605890","date":"2025-04-09","kind":"post","text":"云帆科技全面接入DeepSeek，为客户提供DeepSeek本地化部署解决方案。"}
{"id":"a","code":"605890","date":"2025-04-17","kind":"announcement","title":"股票交易异常波动公告","text":"公司部分产品完成了与DeepSeek开源模型的适配，任何企业均可进行，该事项对公司业绩的影响存在重大不确定性。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let yf = stock(&s, "605890.SH");
    assert_eq!(yf["verdict"], "hype_rider");
    assert_eq!(yf["substance"], "adopter");
    for f in ["promoted", "inconsistent", "warned"] {
        assert!(flags(yf).contains(&f), "{f} missing: {:?}", flags(yf));
    }
    assert_eq!(yf["reasons"][0]["doc_id"], "p");
}

#[test]
fn only_a_filing_with_adoption_and_a_risk_warning_is_speculative() {
    let sb = store(
        "",
        r#"{"id":"a","code":"688890","date":"2025-04-17","kind":"announcement","text":"公司已完成与DeepSeek模型的适配，相关业务尚未产生收入，存在较大不确定性，敬请投资者注意投资风险。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let qh = stock(&s, "688890.SH");
    assert_eq!(qh["verdict"], "speculative");
    assert_eq!(qh["substance"], "adopter");
    assert!(flags(qh).contains(&"warned"));
}

#[test]
fn a_confirmed_contract_with_a_tiny_stated_share_is_not_substantive() {
    let sb = store(
        "",
        r#"{"id":"a","code":"605891","date":"2025-04-16","kind":"announcement","text":"公司与DeepSeek签订算力服务合同，相关业务预计占公司营业收入总额的0.06%，占比极小。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let ys = stock(&s, "605891.SH");
    assert_eq!(ys["substance"], "confirmed");
    assert_ne!(ys["verdict"], "substantive");
    assert_eq!(ys["verdict"], "speculative");
    assert!(flags(ys).contains(&"immaterial"));
    let r = ys["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["about"] == "immaterial")
        .expect("a reason for immaterial");
    assert!(r["zh"].as_str().unwrap().contains("0.06%"), "{r:#}");
    assert_eq!(r["doc_id"], "a");
}

/// The 拓维信息 case (issue 20): a DeepSeek member with three limit-ups whose only word on
/// the theme is "公司经营情况请以公司公告为准" to an investor's question. One evasive answer is
/// not the company fuelling the hype: 炒作, flagged 回避提问 with the count of the questions.
#[test]
fn an_evasive_answer_alone_is_speculation_flagged_evasive_not_hype_riding() {
    let sb = store(
        "003890,星河数据,\n",
        r#"{"id":"q","code":"003890","date":"2025-04-15","kind":"qa","question":"请问公司与DeepSeek是否有合作？","answer":"感谢您的关注，公司经营情况请以公司公告为准。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let xh = stock(&s, "003890.SZ");
    assert_eq!(xh["heat"]["max_streak"], 3, "{xh:#}");
    assert_eq!(xh["verdict"], "speculative", "{:#}", xh["reasons"]);
    // The evasion and the abnormal-fluctuation estimate of its three limit-ups; never
    // `promoted`.
    assert_eq!(flags(xh), ["evasive", "abnormal"]);
    assert_eq!(xh["reasons"][0]["doc_id"], "q");
    assert!(
        !verdict_reason(xh).contains("回避投资者"),
        "{}",
        verdict_reason(xh)
    );
    let evasive = xh["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["about"] == "evasive")
        .unwrap();
    assert_eq!(evasive["kind"], "evasive");
    assert_eq!(
        (
            evasive["values"]["asked"].as_u64(),
            evasive["values"]["evaded"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(evasive["zh"], "1 个关于题材的提问未获回应（2025-04-15）");
}

#[test]
fn company_words_over_a_year_old_are_stale() {
    let sb = store(
        "",
        r#"{"id":"old","code":"605890","date":"2024-02-01","kind":"announcement","text":"公司与DeepSeek签订技术服务合同，合同金额2000万元。"}
"#,
    );
    let s = scan(&sb, "2025-04-18");
    let yf = stock(&s, "605890.SH");
    assert!(flags(yf).contains(&"stale"), "{:?}", flags(yf));
    assert_eq!(yf["newest_evidence"], "2024-02-01");
}

#[test]
fn a_document_dated_after_the_asof_date_changes_nothing() {
    let before = store("605890,云帆科技,\n", "");
    let after = store(
        "605890,云帆科技,\n",
        r#"{"id":"late","code":"605890","date":"2025-04-21","kind":"announcement","text":"公司与DeepSeek签订技术服务合同，合同金额5000万元。"}
{"id":"late-post","code":"605890","date":"2025-04-19","kind":"post","text":"公司与DeepSeek深度合作。"}
"#,
    );
    let a = scan(&before, "2025-04-18");
    let b = scan(&after, "2025-04-18");
    assert_eq!(a, b);
    assert_eq!(stock(&b, "605890.SH")["verdict"], "unverified");
    // A scan as of a weekend looks at the bars up to it (the dossier of a single stock
    // refuses a day without trading; a scan does not).
    let weekend = scan(&after, "2025-04-19");
    assert_eq!(
        stock(&weekend, "605890.SH")["heat"]["bar_date"],
        "2025-04-18"
    );
    // As of a later date the filing counts.
    let later = scan(&after, "2025-04-22");
    assert_eq!(stock(&later, "605890.SH")["verdict"], "substantive");
}

#[test]
fn the_stock_dossier_with_a_theme_shows_the_verdict_and_its_reasons() {
    let sb = store(
        "",
        r#"{"id":"a","code":"605890","date":"2025-04-17","kind":"announcement","text":"经核实，公司与DeepSeek无任何业务往来。"}
"#,
    );
    let t = sb.ok(&[
        "stock",
        "605890",
        "--asof",
        "2025-04-18",
        "--theme",
        "deepseek",
    ]);
    assert!(t.contains("题材 DeepSeek：已澄清"), "{t}");
    assert!(
        t.contains("已读公司关于该题材的文档 1 篇，最新 2025-04-17"),
        "{t}"
    );
    assert!(t.contains("[a]") && t.contains("[否认]"), "{t}");
    let v: Value = serde_json::from_str(&sb.ok(&[
        "stock",
        "605890",
        "--asof",
        "2025-04-18",
        "--theme",
        "deepseek",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["code"], "605890.SH");
    assert_eq!(v["theme"], "deepseek");
    assert_eq!(v["assessment"]["verdict"], "clarified");
    assert_eq!(v["assessment"]["reasons"][0]["doc_id"], "a");
    // Without --theme the dossier is the market part only.
    let plain: Value =
        serde_json::from_str(&sb.ok(&["stock", "605890", "--asof", "2025-04-18", "--json"]))
            .unwrap();
    assert!(plain.get("assessment").is_none());
    let en = sb.ok(&[
        "--lang",
        "en",
        "stock",
        "605890",
        "--asof",
        "2025-04-18",
        "--theme",
        "deepseek",
    ]);
    assert!(en.contains("Theme DeepSeek: clarified"), "{en}");
}
