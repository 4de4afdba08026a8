//! `hypecheck scan`: the bundled fictional bars plus documents written for the test
//! (`tests/fixtures/scan/docs.jsonl`, about the built-in DeepSeek theme), as of 2025-04-18.

use serde_json::Value;

use crate::util::{arg, Sandbox};

fn sandbox() -> Sandbox {
    Sandbox::with_scan_data()
}

fn scan_json(sb: &Sandbox, extra: &[&str]) -> Value {
    let mut args = vec!["scan", "--theme", "deepseek", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&sb.ok(&args)).expect("scan JSON")
}

fn stock<'a>(v: &'a Value, code: &str) -> &'a Value {
    crate::util::scanned(v, code)
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

#[test]
fn verdicts_substance_flags_and_reasons_per_stock() {
    let sb = sandbox();
    let v = scan_json(&sb, &["--asof", "2025-04-18"]);
    assert_eq!(v["theme"], "deepseek");
    assert_eq!(v["asof"], "2025-04-18");

    // The company's post claimed a tie, then its filing denied it: the post promoted the
    // theme, so 蹭热点 (with the post behind it), disclaimed, inconsistent.
    let yf = stock(&v, "605890.SH");
    assert_eq!(yf["verdict"], "hype_rider");
    assert_eq!(yf["substance"], "disclaimed");
    assert_eq!(strs(&yf["flags"]), ["inconsistent", "abnormal", "promoted"]);
    assert_eq!(yf["heat"]["max_streak"], 5);
    assert_eq!(yf["heat"]["streak"], 0, "炸板 on 04-18 ends the run");
    assert_eq!(yf["docs_checked"], 2);
    assert_eq!(yf["newest_evidence"], "2025-04-17");
    let r = &yf["reasons"];
    assert_eq!(r[0]["about"], "verdict");
    assert_eq!(r[0]["doc_id"], "yf-post");
    assert!(
        r[1]["zh"]
            .as_str()
            .unwrap()
            .contains("5连板，10日涨幅+68.95%"),
        "{r:#}"
    );
    assert_eq!(r[2]["zh"], "公告否认与DeepSeek存在关联（2025-04-17）");
    assert_eq!(r[2]["doc_id"], "yf-ann");
    let ev = yf["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2);
    assert_eq!(ev[1]["kind"], "announcement");
    assert_eq!(strs(&ev[1]["classes"]), ["denial"]);

    // A question nobody answered: no company words, but investors asked: 炒作 flagged
    // evasive (v3: silence is reported, never alone an accusation), and the reason says so.
    let xh = stock(&v, "003890.SZ");
    assert_eq!(xh["verdict"], "speculative");
    assert_eq!(xh["substance"], "none");
    assert_eq!(xh["docs_checked"], 0);
    assert!(strs(&xh["flags"]).contains(&"evasive"));
    assert!(
        xh["reasons"][0]["zh"]
            .as_str()
            .unwrap()
            .contains("尚未获回答"),
        "{:#}",
        xh["reasons"]
    );
    let ev = xh["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["about"] == "evasive")
        .unwrap();
    // One flag per fact, with the count of the theme questions evaded.
    assert_eq!(ev["zh"], "1 个关于题材的提问未获回应（2025-04-15）");
    assert_eq!(
        ev["en"],
        "1 investor question about the theme got no real answer (2025-04-15)"
    );
    assert_eq!(ev["doc_id"], "xh-qa");

    // A contract confirmed in an announcement.
    let ps = stock(&v, "301890.SZ");
    assert_eq!(ps["verdict"], "substantive");
    assert_eq!(ps["substance"], "confirmed");
    assert_eq!(ps["reasons"][0]["doc_id"], "ps-ann");

    // Claims in the company's own post, hot: the company promotes the theme.
    let qh = stock(&v, "688890.SH");
    assert_eq!(qh["verdict"], "hype_rider");
    assert_eq!(qh["substance"], "claimed");

    // Adoption in its own post; the contract announced on 04-22 is after the as-of date.
    let ys = stock(&v, "605891.SH");
    assert_eq!(ys["substance"], "adopter");
    assert_eq!(ys["verdict"], "hype_rider");
    assert!(ys["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["doc_id"] != "ys-late"));

    // Not hot.
    let bc = stock(&v, "003891.SZ");
    assert_eq!(bc["verdict"], "cold");
    assert_eq!(bc["heat"]["hot"], false);

    // By verdict (蹭热点, 炒作, 待核实, 已澄清, 有实质, 冷门), then heat.
    let order: Vec<&str> = v["stocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "605890.SH",
            "688890.SH",
            "605891.SH",
            "003890.SZ",
            "301890.SZ",
            "003891.SZ"
        ]
    );
}

#[test]
fn a_later_asof_lets_the_later_filing_count() {
    let sb = sandbox();
    // As of 04-22 the contract announced that day counts.
    let v = scan_json(&sb, &["--asof", "2025-04-22"]);
    let ys = stock(&v, "605891.SH");
    assert_eq!(ys["substance"], "confirmed");
    assert_eq!(ys["verdict"], "substantive");
    assert_eq!(v["asof"], "2025-04-22");
}

#[test]
fn table_csv_and_english() {
    let sb = sandbox();
    let t = sb.ok(&["scan", "--theme", "deepseek", "--asof", "2025-04-18"]);
    assert!(
        t.contains("题材 DeepSeek（deepseek），截至 2025-04-18"),
        "{t}"
    );
    for label in [
        "蹭热点",
        "炒作",
        "有实质",
        "冷门",
        "口径不一",
        "回避提问",
        "自我宣传",
    ] {
        assert!(t.contains(label), "{label} missing:\n{t}");
    }
    let en = sb.ok(&[
        "--lang",
        "en",
        "scan",
        "--theme",
        "deepseek",
        "--asof",
        "2025-04-18",
    ]);
    assert!(
        en.contains("hype rider") && en.contains("speculative") && en.contains("cold"),
        "{en}"
    );
    assert!(!en.contains("蹭热点"));
    let out = sb.path("scan.csv");
    sb.ok(&[
        "scan",
        "--theme",
        "deepseek",
        "--asof",
        "2025-04-18",
        "--format",
        "csv",
        "--out",
        arg(&out),
    ]);
    let csv = std::fs::read_to_string(&out).unwrap();
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = rows.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        head[..8],
        [
            "code",
            "name",
            "verdict",
            "verdict_label",
            "verdict_definition",
            "substance",
            "flags",
            "streak"
        ]
    );
    assert!(
        head.contains(&"docs_checked".to_string()) && head.contains(&"newest_evidence".to_string())
    );
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 6, "{csv}");
    let yf = &rows[0];
    assert_eq!(&yf[0], "605890.SH");
    assert_eq!(&yf[2], "hype_rider");
    // Chinese output: the label in Chinese, and what it means.
    assert_eq!(&yf[3], "蹭热点");
    assert!(
        yf[4].starts_with("股价过热，且公司自己在宣传"),
        "{}",
        &yf[4]
    );
    assert_eq!(&yf[6], "inconsistent;abnormal;promoted");
    let docs = head.iter().position(|h| h == "docs_checked").unwrap();
    assert_eq!(&yf[docs], "2");
    assert_eq!(&yf[docs + 1], "2025-04-17");
    // Each row says what it was computed for, and the sentence its verdict cites.
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    assert_eq!(&yf[col("asof")], "2025-04-18");
    assert_eq!(&yf[col("theme")], "deepseek");
    assert_eq!(&yf[col("cited_doc")], "yf-post");
    assert_eq!(&yf[col("cited_date")], "2025-04-10");
    assert_eq!(&yf[col("cited_kind")], "post");
    assert!(yf[col("cited_sentence")].contains("DeepSeek"), "{yf:?}");
    // A question nobody answered is cited as the question; a cold stock cites nothing.
    let xh = rows.iter().find(|r| &r[0] == "003890.SZ").unwrap();
    assert_eq!(&xh[col("cited_part")], "question");
    let cold = rows.iter().find(|r| &r[2] == "cold").unwrap();
    assert_eq!(&cold[col("cited_doc")], "");
}

#[test]
fn an_empty_store_says_what_to_do() {
    let sb = Sandbox::new();
    let missing = sb.run(&["scan", "--theme", "deepseek", "--asof", "2025-04-18"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        !sb.db().exists(),
        "a read command does not create the store"
    );
    hypecheck::store::Store::open(&sb.db()).unwrap();
    let out = sb.run(&["scan", "--theme", "deepseek"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--asof"));
    let t = sb.ok(&["scan", "--theme", "deepseek", "--asof", "2025-04-18"]);
    assert!(t.contains("hypecheck import docs"), "{t}");
    let bad = sb.run(&["scan", "--theme", "no-such-theme", "--asof", "2025-04-18"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn html_report_is_self_contained_and_escapes_document_text() {
    let sb = sandbox();
    let (_, h) = sb.html_scan("report.html");
    assert!(h.starts_with("<!DOCTYPE html>"));
    // The verdicts shown are defined, and every stock says how many documents were read.
    assert!(h.contains("<dl class=\"legend\">"), "no legend");
    assert!(h.contains("<dt class=\"v-hype_rider\">蹭热点</dt><dd>股价过热，且公司自己在宣传"));
    assert!(h.contains("<dt class=\"v-speculative\">炒作</dt>"));
    assert!(h.contains("<th>已读文档</th>"));
    assert!(h.contains("已读公司关于该题材的文档 2 篇，最新一篇 2025-04-17。"));
    assert!(h.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">"#));
    assert!(h.contains(r#""PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif"#));
    // Nothing loads from outside and nothing runs.
    assert!(
        !h.to_ascii_lowercase().contains("<script"),
        "a raw script tag"
    );
    assert!(!h.contains(" src="));
    // The question's markup and quotes arrive as text.
    assert!(
        h.contains("DeepSeek&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;是否有合作")
    );
    // Only http(s) links become links.
    assert!(h.contains(r#"<a href="https://mp.weixin.qq.com/s/yf" rel="noopener noreferrer">"#));
    assert!(h.contains(r#"<a href="http://www.cninfo.com.cn/x" rel="noopener noreferrer">"#));
    assert!(!h.contains("href=\"javascript:"));
    // Summary, scatter, one section per stock with its chart.
    assert_eq!(h.matches("<tr class=\"v-").count(), 6);
    assert_eq!(h.matches("<section class=\"stock\"").count(), 6);
    assert_eq!(h.matches("<svg class=\"scatter\"").count(), 1);
    assert_eq!(h.matches("<svg class=\"price\"").count(), 6);
    let scatter = &h[h.find("<svg class=\"scatter\"").unwrap()..];
    let scatter = &scatter[..scatter.find("</svg>").unwrap()];
    assert_eq!(scatter.matches("<circle ").count(), 6, "one dot per stock");
    let yf = section(&h, "605890SH");
    assert_eq!(
        yf.matches("class=\"limit-up\"").count(),
        5,
        "5 boards to 04-17"
    );
    assert_eq!(
        yf.matches("<line class=\"doc\"").count(),
        2,
        "two document dates"
    );
    assert!(yf.contains("公告否认与DeepSeek存在关联（2025-04-17）"));
    // Well-formed enough: every opened section, table and svg is closed.
    for tag in ["section", "table", "svg", "tr", "ul"] {
        assert_eq!(
            h.matches(&format!("<{tag}")).count(),
            h.matches(&format!("</{tag}>")).count(),
            "<{tag}> not balanced"
        );
    }
}

fn section<'a>(h: &'a str, anchor: &str) -> &'a str {
    let start = h.find(&format!("id=\"stock-{anchor}\"")).expect("section");
    let end = h[start..].find("</section>").unwrap() + start;
    &h[start..end]
}

#[test]
fn a_stock_without_bars_is_listed_with_heat_unknown() {
    let sb = sandbox();
    let extra = sb.path("extra.jsonl");
    std::fs::write(
        &extra,
        r#"{"id":"nb-1","code":"600999","name":"无行情","date":"2025-04-10","kind":"announcement","text":"公司与DeepSeek签订技术服务合同，合同金额2000万元。"}
{"id":"nb-2","code":"600998","name":"也无行情","date":"2025-04-10","kind":"post","text":"公司与DeepSeek深度合作，共同打造解决方案。"}
"#,
    )
    .unwrap();
    sb.ok(&["import", "docs", arg(&extra)]);
    let v = scan_json(&sb, &["--asof", "2025-04-18"]);
    let nb = stock(&v, "600999.SH");
    assert!(nb["heat"].is_null());
    assert_eq!(nb["verdict"], "substantive");
    let nb2 = stock(&v, "600998.SH");
    assert!(nb2["heat"].is_null());
    assert_eq!(nb2["substance"], "claimed");
    assert_eq!(
        nb2["verdict"], "unverified",
        "unknown heat is said to be unknown"
    );
    assert_eq!(
        nb2["reasons"][0]["zh"],
        "仓库里没有该股的行情：热度未知，无法判断"
    );
    let t = sb.ok(&["scan", "--theme", "deepseek", "--asof", "2025-04-18"]);
    assert!(t.contains("600999.SH") && t.contains("热度未知"), "{t}");
}

#[test]
fn window_and_english_html() {
    let sb = sandbox();
    let v = scan_json(&sb, &["--asof", "2025-04-18", "--window", "3"]);
    assert_eq!(v["window"], 3);
    let yf = stock(&v, "605890.SH");
    // The run's height is counted where it ends (04-17, inside the window).
    assert_eq!(yf["heat"]["max_streak"], 5);
    assert_eq!(yf["verdict"], "hype_rider");
    assert_ne!(
        yf["heat"]["returns"]["window"],
        yf["heat"]["returns"]["d10"]
    );
    let out = sb.path("en.html");
    sb.ok(&[
        "--lang",
        "en",
        "scan",
        "--theme",
        "deepseek",
        "--asof",
        "2025-04-18",
        "--window",
        "3",
        "--format",
        "html",
        "--out",
        arg(&out),
    ]);
    let h = std::fs::read_to_string(&out).unwrap();
    assert!(h.contains("<html lang=\"en\">"));
    assert!(h.contains("Heat vs substance") && h.contains("3-day return"));
    assert!(h.contains("an announcement denies any tie with DeepSeek (2025-04-17)"));
}

#[test]
fn members_join_the_scope_and_revenue_mix_flags_core_unrelated() {
    let sb = sandbox();
    let members = sb.path("members.csv");
    std::fs::write(
        &members,
        "code,name,reason,source,date\n003891,北辰信息,公司产品可对接DeepSeek,ths,2025-04-01\n",
    )
    .unwrap();
    sb.ok(&["import", "members", "--theme", "deepseek", arg(&members)]);
    let segments = sb.path("segments.csv");
    std::fs::write(
        &segments,
        "code,period,kind,segment,revenue,share\n\
         003891.SZ,2024-12-31,product,包装印刷,960000000,0.96\n\
         003891.SZ,2024-12-31,product,物业管理,40000000,0.04\n\
         003891.SZ,2025-06-30,product,AI数据服务,900000000,0.90\n\
         003891.SZ,2025-06-30,product,包装印刷,100000000,0.10\n",
    )
    .unwrap();
    sb.ok(&["import", "segments", arg(&segments)]);
    // Without a publication date the 2024 annual report counts from its statutory deadline
    // (2025-04-30): not yet on 2025-04-18.
    let v = scan_json(&sb, &["--asof", "2025-04-18"]);
    assert_eq!(stock(&v, "003891.SZ")["flags"], serde_json::json!([]));
    // Published on 2025-03-28, it counts.
    std::fs::write(
        &segments,
        "code,period,kind,segment,revenue,share,published\n\
         003891.SZ,2024-12-31,product,包装印刷,960000000,0.96,2025-03-28\n\
         003891.SZ,2024-12-31,product,物业管理,40000000,0.04,2025-03-28\n\
         003891.SZ,2025-06-30,product,AI数据服务,900000000,0.90,2025-08-20\n\
         003891.SZ,2025-06-30,product,包装印刷,100000000,0.10,2025-08-20\n",
    )
    .unwrap();
    sb.ok(&["import", "segments", arg(&segments)]);

    let v = scan_json(&sb, &["--asof", "2025-04-18"]);
    // 北辰信息 has no document about the theme: it is in scope as a member, with its reason.
    let s = stock(&v, "003891.SZ");
    assert_eq!(s["membership"]["reason"], "公司产品可对接DeepSeek");
    assert_eq!(s["membership"]["source"], "ths");
    // 96% of 2024 revenue is unrelated; the 2025 half-year report came out after the as-of
    // date and must not count.
    assert!(strs(&s["flags"]).contains(&"core_unrelated"), "{s:#}");
    assert_eq!(s["verdict"], "cold");
}

/// A scan as of a non-trading day, or of a day after the last bar, is the scan of the
/// trading day before it, wholly: the report's date, the documents, staleness; the JSON
/// says which day was asked for and which was used.
#[test]
fn a_non_trading_or_later_asof_is_the_scan_of_the_trading_day_before() {
    let sb = sandbox();
    // A Saturday, and a day after the sample's last bar (2025-04-30).
    for (asked, used) in [("2025-04-19", "2025-04-18"), ("2030-01-01", "2025-04-30")] {
        let v = scan_json(&sb, &["--asof", asked]);
        assert_eq!(v["asof"], used, "{asked}");
        assert!(
            v["asof_note"]["zh"].as_str().unwrap().contains(asked),
            "{v:#}"
        );
        let base = scan_json(&sb, &["--asof", used]);
        assert_eq!(v["stocks"], base["stocks"], "{asked}");
    }
    let t = sb.ok(&["scan", "--theme", "deepseek", "--asof", "2025-04-19"]);
    assert!(t.lines().next().unwrap().contains("2025-04-19"), "{t}");
    assert!(t.contains("截至 2025-04-18"), "{t}");
}
