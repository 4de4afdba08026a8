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

/// A whole abnormal-fluctuation announcement read from a file (`classify --input`), written
/// for this project in the genre's layout: a header, bullets hard-wrapped inside their
/// sentences, the numbered sections, the board's statement and the closing lines. Only the
/// bullet about the theme is read; its wrapped sentences are whole and quoted as written;
/// the sample stage makes the supply a claim; customers' confidentiality denies nothing; the
/// follow-up sentence (上述业务) states no revenue yet.
#[test]
fn a_whole_announcement_from_a_file_is_read_as_one_document() {
    let sb = Sandbox::new();
    let path = sb.path("announcement.txt");
    std::fs::write(
        &path,
        "证券代码：600000        证券简称：某某股份        公告编号：2026-004\n\
         某某科技股份有限公司\n\
         股票交易异常波动公告\n\
         本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏。\n\
         重要内容提示：\n\
         ● 公司股票连续三个交易日内日收盘价格涨幅偏离值累计超过20%，属于股票交易异常波动情形。\n\
         ● 近期，公司关注到部分自媒体将公司列入商业航天概念股。经公司核实，公司主要从事电线电缆的生产\n\
         \x20 和销售，公司为某卫星制造企业提供的线缆样品仍处于送样阶段，尚未签订供货合同，因与客户签署了保\n\
         \x20 密协议，公司无法披露客户名称。上述业务尚未形成收入，能否通过客户验证存在不确定性。\n\
         一、股票交易异常波动的具体情况\n\
         公司股票连续三个交易日内日收盘价格涨幅偏离值累计超过20%。\n\
         二、公司关注并核实的相关情况\n\
         经公司自查，公司目前生产经营活动正常。公司未发现需要澄清或回应的媒体报道或市场传闻，公司前\n\
         期披露的信息不存在需要更正、补充之处。\n\
         三、董事会声明\n\
         公司董事会确认，公司没有任何根据相关规定应披露而未披露的事项。\n\
         特此公告。\n\
         某某科技股份有限公司董事会\n\
         2026年1月13日\n",
    )
    .unwrap();
    let out = sb.ok(&[
        "classify",
        "--theme",
        "commercial-space",
        "--input",
        crate::util::arg(&path),
        "--kind",
        "announcement",
        "--code",
        "600000",
        "--date",
        "2026-01-13",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let v = if v.is_array() { v[0].clone() } else { v };
    assert_eq!(
        classes(&v),
        ["mention", "denial+uncertainty+claim", "uncertainty"]
    );
    let said = v["sentences"][1]["text"].as_str().unwrap();
    assert!(
        said.starts_with("经公司核实") && said.contains("生产\n") && said.ends_with("客户名称。"),
        "{said}"
    );
    assert_eq!(v["substance"], "claimed");
    assert_eq!(v["flags"], serde_json::json!(["warned", "immaterial"]));
}

/// A section headed by the theme ("二、关于人形机器人概念的说明") speaks of it until the next
/// heading, though its sentences never name it; the board's statement after the next heading
/// is not read.
#[test]
fn a_section_headed_by_the_theme_is_read_to_the_next_heading() {
    let sb = Sandbox::new();
    let v = classify(
        &sb,
        "humanoid-robot",
        "一、股票交易异常波动的具体情况\n公司股票连续三个交易日收盘价格涨幅偏离值累计超过20%。\n\
         二、关于人形机器人概念的说明\n公司主要产品为汽车座椅调角器及滑轨。公司目前不生产关节模组、\
         减速器等零部件，亦无在研项目。\n三、董事会声明\n公司董事会确认，公司没有任何应披露而未披露的事项。",
    );
    let said: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().trim())
        .collect();
    assert_eq!(
        said,
        [
            "二、关于人形机器人概念的说明",
            "公司主要产品为汽车座椅调角器及滑轨。",
            "公司目前不生产关节模组、减速器等零部件，亦无在研项目。"
        ]
    );
    assert_eq!(v["substance"], "disclaimed");
}

/// The filer's own name holding the theme's word ("某星航天科技股份有限公司", "证券简称：某星
/// 航天") is no mention: its trading-risk sentence is not read as a warning about the theme.
#[test]
fn the_filers_own_name_is_no_mention_of_the_theme() {
    let sb = Sandbox::new();
    let v = classify(
        &sb,
        "commercial-space",
        "证券代码：600000        证券简称：某星航天        公告编号：2026-003\n\
         某星航天科技股份有限公司\n股票交易风险提示公告\n\
         某星航天科技股份有限公司（以下简称“公司”）股票累计上涨179%，存在市场情绪过热、非理性炒作等交易风险。\n\
         公司主营业务为汽车线束，未从事商业航天业务。\n特此公告。\n某星航天科技股份有限公司董事会\n",
    );
    assert_eq!(classes(&v), ["denial"]);
    assert_eq!(v["substance"], "disclaimed");
    assert_eq!(v["flags"], serde_json::json!([]));
}
