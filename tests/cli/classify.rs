//! `hypecheck classify` and `hypecheck theme list|show` on the real binary.

use std::io::Write;
use std::process::Stdio;

use crate::util::{arg, Sandbox};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn classify_stdin(sb: &Sandbox, args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = sb
        .cmd()
        .arg("classify")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn stdin_announcement_json_keeps_original_wording() {
    let sb = Sandbox::new();
    let text = "近期市場關注DeepSeek。經核實，公司未與DeepSeek簽訂任何合同。公司經營正常。";
    let (code, out, err) = classify_stdin(&sb, &["--theme", "deepseek", "--json"], text);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let s = v["sentences"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[1]["text"], "經核實，公司未與DeepSeek簽訂任何合同。");
    assert_eq!(s[1]["classes"], serde_json::json!(["denial"]));
    assert_eq!(v["substance"], "disclaimed");
}

#[test]
fn human_listing_in_both_languages() {
    let sb = Sandbox::new();
    let text = "公司产品已接入DeepSeek，但尚未产生收入。";
    let (_, zh, _) = classify_stdin(&sb, &["--theme", "deepseek", "--kind", "post"], text);
    assert!(
        zh.contains("接入使用") && zh.contains("实质: 仅接入使用"),
        "{zh}"
    );
    let (_, en, _) = classify_stdin(
        &sb,
        &["--lang", "en", "--theme", "deepseek", "--kind", "post"],
        text,
    );
    assert!(
        en.contains("adoption") && en.contains("substance: adopter"),
        "{en}"
    );
}

#[test]
fn jsonl_input_one_result_per_line_and_news_never_confirms() {
    let sb = Sandbox::new();
    let path = sb.path("docs.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"id":"a1","code":"600126","date":"2025-02-17","kind":"announcement","text":"公司与DeepSeek签订了算力服务合同。"}"#, "\n",
            r#"{"code":"002881","date":"2025-02-18","kind":"news","text":"报道称该公司已与DeepSeek签订算力服务合同。"}"#, "\n",
            "\n",
            r#"{"code":"300001.SZ","date":"20250219","kind":"qa","question":"公司是否与DeepSeek合作？","answer":""}"#, "\n",
        ),
    )
    .unwrap();
    let out = sb.ok(&[
        "classify",
        "--theme",
        "deepseek",
        "--input",
        arg(&path),
        "--json",
    ]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a1");
    assert_eq!(lines[0]["code"], "600126.SH");
    assert_eq!(lines[0]["substance"], "confirmed");
    assert_eq!(lines[1]["substance"], "claimed");
    assert_eq!(lines[1]["id"].as_str().unwrap().len(), 16);
    assert_eq!(lines[2]["flags"], serde_json::json!(["evasive"]));
    // Same input, same content-hash ids.
    assert_eq!(
        out,
        sb.ok(&[
            "classify",
            "--theme",
            "deepseek",
            "--input",
            arg(&path),
            "--json"
        ])
    );
    // And the ids import docs gives the same documents.
    let ids = |out: &str| -> Vec<String> {
        let mut ids: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect();
        ids.sort();
        ids
    };
    sb.ok(&["import", "docs", arg(&path)]);
    let stored = sb.ok(&["evidence", "--theme", "deepseek", "--json"]);
    assert_eq!(ids(&out), ids(&stored));
}

#[test]
fn bad_jsonl_line_names_file_and_line_and_exits_1() {
    let sb = Sandbox::new();
    let path = sb.path("bad.jsonl");
    std::fs::write(
        &path,
        "{\"code\":\"600126\",\"kind\":\"news\",\"text\":\"DeepSeek概念股涨停。\"}\n{\"code\":\"600126\",\"kind\":\"blog\",\"text\":\"x\"}\nnot json\n",
    )
    .unwrap();
    // In a Chinese run the details are Chinese too.
    let out = sb.run(&["classify", "--theme", "deepseek", "--input", arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.jsonl 第 1 行：缺少日期；请加上日期"),
        "{err}"
    );
    let out = sb.run(&[
        "--lang",
        "en",
        "classify",
        "--theme",
        "deepseek",
        "--input",
        arg(&path),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    // Read as `import docs` reads it: the undated line is a bad row that says what to do.
    assert!(
        err.contains("bad.jsonl line 1: no date") && err.contains("--date"),
        "{err}"
    );
    assert!(
        err.contains("bad.jsonl line 2") && err.contains("blog"),
        "{err}"
    );
    assert!(err.contains("bad.jsonl line 3"), "{err}");
    assert!(err.contains("3 document(s) could not be read"), "{err}");
    assert!(String::from_utf8(out.stdout).unwrap().is_empty());
    // --date fills it in, as for import docs; the other two stay bad.
    let out = sb.run(&[
        "classify",
        "--theme",
        "deepseek",
        "--input",
        arg(&path),
        "--date",
        "2025-02-07",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2 个文档无法读取") && !err.contains("line 1"),
        "{err}"
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("提及"));
}

#[test]
fn classify_input_reads_every_import_format_with_import_ids() {
    let sb = Sandbox::new();
    // A text file (needs --code, --date and --kind, as import docs does) and an AkShare
    // 互动易 export: the ids classify prints are the ids import docs stores.
    let txt = sb.path("notice.txt");
    std::fs::write(&txt, "公司未与DeepSeek开展任何合作，敬请投资者注意风险。").unwrap();
    let irm = sb.path("irm.csv");
    std::fs::write(
        &irm,
        "股票代码,公司简称,行业,行业代码,问题,提问者,来源,提问时间,更新时间,提问者编号,问题编号,回答ID,回答内容,回答者\n\
         002881,美格智能,制造业,C,公司是否接入DeepSeek？,投资者,,2025-02-06 10:00:00,2025-02-07 09:00:00,1,8001,9001,公司模组已适配DeepSeek模型。,董秘\n",
    )
    .unwrap();
    let flags = [
        "--code",
        "600126",
        "--date",
        "2025-02-07",
        "--kind",
        "announcement",
    ];
    let mut classify_ids = Vec::new();
    for (file, extra) in [(&txt, &flags[..]), (&irm, &[][..])] {
        let mut argv = vec![
            "classify",
            "--theme",
            "deepseek",
            "--json",
            "--input",
            arg(file),
        ];
        argv.extend_from_slice(extra);
        let out = sb.ok(&argv);
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        classify_ids.push(v["id"].as_str().unwrap().to_string());
        let mut argv = vec!["import", "docs", arg(file)];
        argv.extend_from_slice(extra);
        sb.ok(&argv);
    }
    assert!(classify_ids[1].starts_with("irm-"), "{classify_ids:?}");
    let stored = sb.ok(&["evidence", "--theme", "deepseek", "--json"]);
    let mut stored_ids: Vec<String> = stored
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    stored_ids.sort();
    classify_ids.sort();
    assert_eq!(classify_ids, stored_ids);
}

#[test]
fn theme_list_show_and_file_errors() {
    let sb = Sandbox::new();
    let list = sb.ok(&["theme", "list"]);
    for id in [
        "deepseek",
        "ai-app",
        "compute",
        "humanoid-robot",
        "low-altitude",
        "deep-sea",
    ] {
        assert!(list.contains(id), "{list}");
    }
    let show = sb.ok(&["--lang", "en", "theme", "show", "low-altitude"]);
    assert!(
        show.contains("aliases: 低空经济")
            && show.contains("entities:")
            && show.contains("segments:"),
        "{show}"
    );
    let bad = sb.path("bad.toml");
    std::fs::write(&bad, "id = \"x\"\nname = \"X\"\naliases = [\"\"]\n").unwrap();
    let out = sb.run(&["theme", "show", arg(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.toml") && err.contains("aliases[0]"),
        "{err}"
    );
    let out = sb.run(&["classify", "--theme", "nope"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn lexicon_override_is_used() {
    let sb = Sandbox::new();
    let dir = sb.path("lex");
    std::fs::create_dir(&dir).unwrap();
    let builtin = hypecheck::text::BUILTIN_EVIDENCE.replace("\"接入\", ", "");
    std::fs::write(dir.join("evidence.toml"), builtin).unwrap();
    let text = "公司已接入DeepSeek。";
    let (_, out, _) = classify_stdin(&sb, &["--theme", "deepseek", "--json"], text);
    assert!(out.contains("adoption"));
    let (_, out, err) = classify_stdin(
        &sb,
        &["--theme", "deepseek", "--json", "--lexicons", arg(&dir)],
        text,
    );
    assert!(out.contains("mention"), "{out}{err}");
}

#[test]
fn plain_text_with_question_and_answer_markers_is_read_as_a_dialogue() {
    let sb = Sandbox::new();
    let text = "问：贵公司是否与DeepSeek开展合作并接入其模型？\n答：公司暂未接入DeepSeek，也没有上述合作。";
    let (code, out, err) = classify_stdin(&sb, &["--theme", "deepseek", "--json"], text);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["kind"], "qa");
    let s = v["sentences"].as_array().unwrap();
    // The investor's words are a question, never the company's claim.
    assert_eq!(s[0]["part"], "question");
    assert_eq!(s[0]["classes"], serde_json::json!(["mention"]));
    assert_eq!(s[1]["part"], "answer");
    assert_eq!(s[1]["classes"], serde_json::json!(["denial"]));
    assert_eq!(v["substance"], "disclaimed");
    assert_eq!(v["flags"], serde_json::json!([]));
}

#[test]
fn a_stated_share_is_carried_with_the_immaterial_flag() {
    let sb = Sandbox::new();
    let text = "公司算力业务预计2024年度占公司营业收入总额的0.06%，占比极小。";
    let (_, out, _) = classify_stdin(&sb, &["--theme", "compute", "--json"], text);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["share"], 0.06);
    assert_eq!(v["flags"], serde_json::json!(["warned", "immaterial"]));
    assert_eq!(v["sentences"][0]["share"], 0.06);
    assert_eq!(v["sentences"][0]["immaterial"], true);
    assert_eq!(
        v["sentences"][0]["classes"],
        serde_json::json!(["uncertainty"])
    );
    let (_, en, _) = classify_stdin(&sb, &["--theme", "compute", "--lang", "en"], text);
    assert!(en.contains("immaterial") && en.contains("0.06%"), "{en}");
}

#[test]
fn a_qa_record_carries_the_answers_stance() {
    let sb = Sandbox::new();
    for (text, stance, zh, en) in [
        (
            "问：公司是否接入了DeepSeek？答：公司暂未接入DeepSeek，具体请以公告为准。",
            "deny",
            "回答立场: 否认",
            "stance: deny",
        ),
        (
            "问：公司是否接入了DeepSeek？答：感谢关注，请以公司公告为准。",
            "evade",
            "回答立场: 回避",
            "stance: evade",
        ),
        (
            "问：公司是否接入了DeepSeek？答：公司已完成DeepSeek的本地化部署。",
            "affirm",
            "回答立场: 肯定",
            "stance: affirm",
        ),
    ] {
        let (code, out, err) = classify_stdin(&sb, &["--theme", "deepseek", "--json"], text);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["stance"], stance, "{text}: {out}");
        let (_, listing, _) = classify_stdin(&sb, &["--theme", "deepseek"], text);
        assert!(listing.contains(zh), "{listing}");
        let (_, listing, _) = classify_stdin(&sb, &["--lang", "en", "--theme", "deepseek"], text);
        assert!(listing.contains(en), "{listing}");
    }
    // Not a Q&A record: no stance.
    let (_, out, _) = classify_stdin(
        &sb,
        &["--theme", "deepseek", "--json"],
        "公司未接入DeepSeek。",
    );
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert!(v.get("stance").is_none(), "{out}");
}

/// A company's own answers that twice describe the theme as its trade make its investors'
/// questions about the theme questions about its core business, from the second answer on;
/// one answer, or another company's, does not.
#[test]
fn questions_about_a_company_s_own_trade_follow_its_answers() {
    let sb = Sandbox::new();
    let path = sb.path("qa.jsonl");
    let record = |id: &str, code: &str, date: &str, q: &str, a: &str| {
        serde_json::json!({"id": id, "code": code, "date": date, "kind": "qa", "question": q, "answer": a})
            .to_string()
    };
    let lines = [
        record(
            "q1",
            "002463",
            "2025-01-06",
            "请问公司PCB扩产进度如何？",
            "公司是全球领先的PCB制造商，新产能按计划推进。",
        ),
        record(
            "q2",
            "002463",
            "2025-02-10",
            "请问公司PCB订单排到什么时候了？",
            "",
        ),
        record(
            "q3",
            "002463",
            "2025-03-03",
            "公司PCB产品主要有哪些客户？",
            "公司专业从事印制电路板的研发、生产和销售，客户信息请以定期报告为准。",
        ),
        record(
            "q4",
            "002463",
            "2025-04-07",
            "请问公司PCB订单排到什么时候了？",
            "",
        ),
        record(
            "q5",
            "600000",
            "2025-04-07",
            "请问公司PCB订单排到什么时候了？",
            "",
        ),
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = sb.ok(&[
        "classify",
        "--theme",
        "pcb",
        "--input",
        arg(&path),
        "--json",
    ]);
    let by_id: std::collections::HashMap<String, serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["id"].as_str().unwrap().to_string(), v))
        .collect();
    // One answer is not yet the company's account of itself: February's open question
    // still evades the theme.
    assert_eq!(
        by_id["q2"]["flags"],
        serde_json::json!(["evasive"]),
        "{out}"
    );
    // From the second answer on, the question is about its own trade.
    assert_eq!(by_id["q4"]["topic"], "core_business", "{out}");
    assert_eq!(by_id["q4"]["flags"], serde_json::json!([]), "{out}");
    // Another company's same question is still about the theme.
    assert_eq!(
        by_id["q5"]["flags"],
        serde_json::json!(["evasive"]),
        "{out}"
    );
    // The listing says why, in both languages.
    let zh = sb.ok(&["classify", "--theme", "pcb", "--input", arg(&path)]);
    assert!(zh.contains("公司主业"), "{zh}");
    let en = sb.ok(&[
        "--lang",
        "en",
        "classify",
        "--theme",
        "pcb",
        "--input",
        arg(&path),
    ]);
    assert!(en.contains("the company's own trade"), "{en}");
}

/// The Q&A families of issue 24 through the command line: real training records of the
/// shared corpus (read from it, never copied here) written to a file in the scrapers' shape
/// and read by `classify --input --json` (one case per family; the library test in
/// tests/eval/real.rs has them all).
#[test]
fn real_qa_families_through_classify() {
    let Some(corpus) = crate::util::shared_data("real-qa/qa.jsonl") else {
        return;
    };
    let text = std::fs::read_to_string(corpus).unwrap();
    // (family, question id, theme, stance or topic, classes of the answer)
    let cases: &[(u8, &str, &str, &str, &[&str])] = &[
        (1, "2233135270470299648", "compute", "deny", &["denial"]),
        (2, "2214396903191900160", "hydrogen", "affirm", &["claim"]),
        (
            3,
            "2282635636619198464",
            "advanced-packaging",
            "affirm",
            &["claim"],
        ),
        (4, "2307426194705903616", "compute", "evade", &["evasion"]),
        (5, "2237322905962311680", "compute", "deny", &["denial"]),
        (6, "2281368879163334656", "compute", "evade", &["evasion"]),
        (7, "2263209026669223936", "mlcc", "core_business", &[]),
        // A complaint that asks nothing, naming the theme beside the share price.
        (7, "2272102822031245312", "ai-app", "company_affairs", &[]),
        // An evasive answer keeps the small share it quotes beside its referral.
        (
            4,
            "2201448205335511040",
            "commercial-space",
            "evade",
            &["uncertainty", "evasion"],
        ),
        // What the market depends on ("取决于…客户平台导入节奏") is uncertainty.
        (
            6,
            "2233128192364195840",
            "compute",
            "affirm",
            &["uncertainty", "claim"],
        ),
    ];
    let sb = Sandbox::new();
    for &(family, id, theme, reading, classes) in cases {
        let line = text
            .lines()
            .find(|l| l.contains(&format!("\"question_id\": \"{id}\"")))
            .unwrap_or_else(|| panic!("{id} is not in the corpus"));
        // Family 7 is decided by the company's own answers about its trade: the file holds
        // every record of the company, and the case's record is picked from the output.
        let code = serde_json::from_str::<serde_json::Value>(line).unwrap()["code"].clone();
        let lines: Vec<&str> = if family == 7 {
            text.lines()
                .filter(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["code"] == code)
                .collect()
        } else {
            vec![line]
        };
        let path = sb.path(&format!("family{family}.jsonl"));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        let out = sb.ok(&[
            "classify",
            "--theme",
            theme,
            "--input",
            arg(&path),
            "--json",
        ]);
        let v: serde_json::Value = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["id"].as_str().is_some_and(|i| i.contains(id)))
            .unwrap_or_else(|| panic!("family {family} {id}: not in the output"));
        let got = v["stance"].as_str().or(v["topic"].as_str());
        assert_eq!(got, Some(reading), "family {family} {id}: {out}");
        let answer: Vec<&str> = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["part"] == "answer")
            .flat_map(|s| s["classes"].as_array().unwrap())
            .map(|c| c.as_str().unwrap())
            .collect();
        for c in classes {
            assert!(answer.contains(c), "family {family} {id}: {out}");
        }
        if classes.is_empty() {
            assert!(answer.is_empty(), "family {family} {id}: {out}");
        }
    }
}

/// A `.txt` announcement in the A-share layout (written for this test, made-up company)
/// says its own code, date and kind: `classify --input` and `import docs` need no flags,
/// and say what they took from the text; a flag overrides the text.
#[test]
fn a_text_announcement_needs_no_flags_when_its_header_and_footer_say_them() {
    let sb = Sandbox::new();
    let txt = sb.path("异动公告.txt");
    std::fs::write(
        &txt,
        "证券代码：300999        证券简称：示例云算        公告编号：2025-031\n\n\
         示例云算科技股份有限公司\n关于股票交易异常波动的公告\n\n\
         公司关注到近期市场对DeepSeek概念的关注。经核实，公司未与深度求索开展任何业务合作。\n\n\
         特此公告。\n\n示例云算科技股份有限公司董事会\n二〇二五年二月十八日\n",
    )
    .unwrap();
    let out = sb.run(&[
        "classify",
        "--theme",
        "deepseek",
        "--input",
        arg(&txt),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("取自正文：代码 300999.SZ（证券代码行），日期 2025-02-18（落款），类型 公告（公告编号）"),
        "{err}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(
        (&doc["code"], &doc["date"], &doc["kind"]),
        (
            &serde_json::json!("300999.SZ"),
            &serde_json::json!("2025-02-18"),
            &serde_json::json!("announcement")
        ),
        "{doc}"
    );
    assert_eq!(doc["substance"], "disclaimed", "{doc}");

    // import docs reads it the same way; --date wins over the signature's date and is
    // not reported as taken from the text.
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "docs",
        arg(&txt),
        "--date",
        "2025-02-19",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "taken from the text: code 300999.SZ (证券代码 line), kind announcement (公告编号)"
        ) && !err.contains("date 2025"),
        "{err}"
    );
    let store = hypecheck::store::Store::open(&sb.db()).unwrap();
    let docs = store.documents_for("300999".parse().unwrap(), ..).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].date.to_string(), "2025-02-19");
}
