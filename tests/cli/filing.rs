//! `hypecheck classify --kind announcement` on filings: the document step of issue 24
//! (families 8-11), one passage per family, written for this project.

use std::io::Write;
use std::process::Stdio;

use crate::util::Sandbox;

/// Classifies `text` as an announcement for `theme`; the parsed `--json` result.
fn classify(sb: &Sandbox, theme: &str, text: &str) -> serde_json::Value {
    let mut child = sb
        .cmd()
        .args([
            "classify",
            "--theme",
            theme,
            "--kind",
            "announcement",
            "--json",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn classes(v: &serde_json::Value) -> Vec<String> {
    v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let c: Vec<&str> = s["classes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap())
                .collect();
            c.join("+")
        })
        .collect()
}

#[test]
fn family_8_the_topic_is_carried_and_stops_at_the_company_at_large() {
    let sb = Sandbox::new();
    let v = classify(
        &sb,
        "humanoid-robot",
        "近期市场对人形机器人概念关注度较高。经核实，公司目前没有上述业务，也未与相关企业开展合作。\
         公司目前生产经营情况正常，内外部经营环境未发生重大变化。",
    );
    assert_eq!(classes(&v), ["mention", "denial"]);
    assert_eq!(v["substance"], "disclaimed");
}

#[test]
fn family_9_a_plan_is_a_claim_with_a_warning() {
    let sb = Sandbox::new();
    let v = classify(
        &sb,
        "low-altitude",
        "公司拟与合作方共同建设低空经济产业园项目，项目公司尚在筹建，业务未开展，存在不确定性。",
    );
    assert_eq!(classes(&v), ["uncertainty+claim"]);
    assert_eq!(v["substance"], "claimed");
    assert_eq!(v["flags"], serde_json::json!(["warned"]));
}

#[test]
fn family_10_small_and_loss_making_is_immaterial_and_a_neighbour_is_no_claim() {
    let sb = Sandbox::new();
    let v = classify(
        &sb,
        "humanoid-robot",
        "公司现有技术与产品不涉及人形机器人，公司减速器产品主要应用于工业机器人。\
         该类产品收入在公司营收中比重很小，且连年亏损。",
    );
    assert_eq!(classes(&v), ["denial", "uncertainty"]);
    assert_eq!(v["substance"], "disclaimed");
    assert_eq!(v["flags"], serde_json::json!(["warned", "immaterial"]));
    assert_eq!(v["sentences"][1]["immaterial"], true);
}

#[test]
fn family_11_traditional_script_is_read_and_quoted_as_written() {
    let sb = Sandbox::new();
    let text = "公司擬與地方國資平臺合資設立低空經濟運營公司，相關業務尚未開展，存在較大不確定性。\
                公司關(guān)注到市場對(duì)無人機概念的討論。";
    let v = classify(&sb, "low-altitude", text);
    assert_eq!(classes(&v), ["uncertainty+claim", "mention"]);
    assert_eq!(
        v["sentences"][1]["text"],
        "公司關(guān)注到市場對(duì)無人機概念的討論。"
    );
    assert_eq!(v["substance"], "claimed");
}
