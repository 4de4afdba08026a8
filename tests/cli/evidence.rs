//! `hypecheck evidence`: documents imported into the store, classified against a theme,
//! filtered by stock and date.

use serde_json::Value;

use crate::util::{arg, Sandbox};

const DOCS: &str = r#"{"code": "605890", "date": "2025-04-17", "kind": "announcement", "title": "关于股票交易异常波动的公告", "text": "经核查，公司与深度求索无任何业务往来，未签订任何合同。"}
{"code": "605890", "date": "2025-04-10", "kind": "post", "text": "我们的智能客服已全面接入DeepSeek。"}
{"code": "605890", "date": "2025-04-12", "kind": "qa", "question": "公司与DeepSeek有合作吗？", "answer": ""}
{"code": "003890", "date": "2025-04-15", "kind": "announcement", "text": "公司发布年度报告，营业收入增长。"}
{"code": "003890", "date": "2025-04-20", "kind": "news", "text": "多家公司宣布接入DeepSeek。"}
"#;

#[test]
fn evidence_classifies_the_stored_documents() {
    let sb = Sandbox::new();
    let file = sb.path("docs.jsonl");
    std::fs::write(&file, DOCS).unwrap();
    sb.ok(&["import", "docs", arg(&file)]);

    let out = sb.ok(&[
        "evidence", "--theme", "deepseek", "--code", "605890", "--json",
    ]);
    let docs: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3, "{out}");
    let by_kind = |k: &str| docs.iter().find(|d| d["kind"] == k).unwrap();
    let ann = by_kind("announcement");
    assert_eq!(ann["date"], "2025-04-17");
    assert_eq!(ann["substance"], "disclaimed");
    assert!(ann["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["classes"].as_array().unwrap().contains(&"denial".into())));
    assert_eq!(by_kind("post")["substance"], "adopter");
    assert!(by_kind("qa")["flags"]
        .as_array()
        .unwrap()
        .contains(&"evasive".into()));

    // A date window, and the whole store without --code.
    let out = sb.ok(&[
        "evidence",
        "--theme",
        "deepseek",
        "--from",
        "2025-04-16",
        "--json",
    ]);
    let dates: Vec<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["date"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(dates, ["2025-04-17", "2025-04-20"]);
    // The annual report does not mention the theme: left out unless --all.
    let all = sb.ok(&[
        "evidence", "--theme", "deepseek", "--code", "003890", "--all", "--json",
    ]);
    assert_eq!(all.lines().count(), 2);

    let text = sb.ok(&["evidence", "--theme", "deepseek", "--code", "605890"]);
    assert!(
        text.contains("[否认]") && text.contains("无任何业务往来"),
        "{text}"
    );
    let none = sb.ok(&["evidence", "--theme", "deep-sea"]);
    assert!(none.contains("没有提及"), "{none}");
}

/// `--width` wraps the listing (a cited sentence can be hundreds of columns long); JSON
/// stays one object a line.
#[test]
fn evidence_wraps_to_the_width() {
    let sb = Sandbox::new();
    let file = sb.path("docs.jsonl");
    let long = "公司已将DeepSeek模型接入智能客服系统，".repeat(12);
    std::fs::write(
        &file,
        format!(
            "{{\"code\": \"605890\", \"date\": \"2025-04-10\", \"kind\": \"post\", \"text\": \"{long}\"}}\n"
        ),
    )
    .unwrap();
    sb.ok(&["import", "docs", arg(&file)]);
    let out = sb.ok(&["--width", "60", "evidence", "--theme", "deepseek"]);
    assert!(out.lines().count() > 3, "{out}");
    for line in out.lines() {
        assert!(
            crate::report::display_width(line) <= 60,
            "{} columns: {line}",
            crate::report::display_width(line)
        );
    }
    let json = sb.ok(&["--width", "60", "evidence", "--theme", "deepseek", "--json"]);
    assert_eq!(json.lines().count(), 1, "{json}");
}
