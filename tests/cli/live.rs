//! Live-data commands: `import segments`, `import members`, `themes-of`, the revenue
//! section of `stock`, and `fetch` end to end against the stand-in akshare of
//! `python/tests/stub` (no network).

use std::path::Path;
use std::process::Output;

use hypecheck::model::Symbol;
use hypecheck::store::Store;

use crate::util::{arg, fixture, root, Sandbox};

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn store(sb: &Sandbox) -> Store {
    Store::open(&sb.db()).expect("store")
}

fn sym(code: &str) -> Symbol {
    Symbol::parse_stock(code).expect("code")
}

fn demo_bars() -> std::path::PathBuf {
    root().join("demo/bars.csv")
}

#[test]
fn akshare_segments_show_in_the_stock_dossier() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&demo_bars())]);
    let f = fixture("segments/akshare_zygc_301890.csv");
    let out = sb.ok(&["import", "segments", arg(&f)]);
    assert!(
        out.contains("（AkShare stock_zygc_em 301890.SZ）：读取 13 行，新增 13，更新 0，未变 0"),
        "{out}"
    );
    let dossier = sb.ok(&["stock", "301890"]);
    let section = dossier
        .split("主营构成（2024-12-31，按产品）")
        .nth(1)
        .unwrap_or_else(|| panic!("no revenue section:\n{dossier}"));
    // Largest first, the region breakdown not used, the sixth segment folded into one line.
    let at = |s: &str| section.find(s).unwrap_or_else(|| panic!("{s}:\n{section}"));
    assert!(at("工业控制板卡") < at("AI服务器主板"));
    assert!(section.contains("65.00%") && section.contains("20.00%"));
    assert!(section.contains("另 1 项") && !section.contains("境内"));
    let en = sb.ok(&["--lang", "en", "stock", "301890"]);
    assert!(en.contains("Revenue mix (2024-12-31, by product):"), "{en}");
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["stock", "301890", "--json"])).expect("json");
    let mix = &json["revenue_mix"];
    assert_eq!(mix["period"], "2024-12-31");
    assert_eq!(mix["basis"], "product");
    assert_eq!(mix["segments"][1]["segment"], "AI服务器主板");
    assert_eq!(mix["segments"][1]["share"], 0.2);
    assert_eq!(json["code"], "301890.SZ");
}

#[test]
fn a_stock_without_segments_has_no_revenue_section() {
    let sb = Sandbox::new();
    sb.ok(&["import", "bars", arg(&demo_bars())]);
    let out = sb.ok(&["stock", "301890"]);
    assert!(!out.contains("主营构成"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["stock", "301890", "--json"])).expect("json");
    assert!(json.get("revenue_mix").is_none());
}

#[test]
fn generic_segments_import_is_idempotent_and_replaces_breakdowns() {
    let sb = Sandbox::new();
    let f = fixture("segments/pcb_maker.csv");
    let out = sb.ok(&["--lang", "en", "import", "segments", arg(&f)]);
    assert!(
        out.contains(
            "(generic segments 002999.SZ): 12 rows read, 12 added, 0 updated, 0 unchanged"
        ),
        "{out}"
    );
    let again = sb.ok(&["--lang", "en", "import", "segments", arg(&f)]);
    assert!(
        again.contains("0 added, 0 updated, 12 unchanged"),
        "{again}"
    );
    let rows = store(&sb).segments(sym("002999")).unwrap();
    assert_eq!(rows.len(), 12);
    let compute = rows.iter().find(|r| r.segment == "算力服务").expect("row");
    assert_eq!(compute.share, Some(0.0006));
    assert_eq!(compute.revenue, Some(2_700_000.0));
    // A restated 2024 product table without 算力服务 replaces the old one.
    let restated = sb.path("restated.csv");
    std::fs::write(
        &restated,
        "code,period,kind,segment,revenue,share\n\
         002999.SZ,2024-12-31,product,印制电路板,4232700000,0.9406\n\
         002999.SZ,2024-12-31,product,其他,267300000,0.0594\n",
    )
    .unwrap();
    let out = sb.ok(&["--lang", "en", "import", "segments", arg(&restated)]);
    assert!(
        out.contains("0 added, 1 updated, 1 unchanged")
            && out.contains("1 old segments no longer listed removed"),
        "{out}"
    );
    let rows = store(&sb).segments(sym("002999")).unwrap();
    assert_eq!(rows.len(), 11);
    assert!(!rows.iter().any(|r| r.segment == "算力服务"));
}

#[test]
fn bad_segment_rows_are_refused_with_file_line_and_value() {
    let sb = Sandbox::new();
    let f = fixture("segments/bad_rows.csv");
    let out = sb.run(&["--lang", "en", "import", "segments", arg(&f)]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad_rows.csv: 2 bad rows; nothing from this file was stored"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 3, column revenue: 'about 240m' is not a number"),
        "{err}"
    );
    assert!(err.contains("line 4, column kind: 'by-product'"), "{err}");
    assert!(store(&sb).segments(sym("301890")).unwrap().is_empty());
    // A bar file is not a segments file: the missing column is named.
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "segments",
        arg(&fixture("akshare_002881.csv")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no period (报告日期) column; add it"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn members_of_two_themes_and_themes_of() {
    let sb = Sandbox::new();
    let out = sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        arg(&fixture("members/compute.csv")),
    ]);
    assert!(out.contains("题材 compute）：读取 3 行，新增 3"), "{out}");
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "deepseek",
        arg(&fixture("members/deepseek.csv")),
        arg(&fixture("members/akshare_cons_board.csv")),
    ]);
    let table = sb.ok(&["themes-of", "301890"]);
    assert!(
        table.contains("301890.SZ 磐石电子：属于 2 个题材"),
        "{table}"
    );
    for cell in [
        "公司产品包括AI服务器主板",
        "互动平台称已完成DeepSeek模型适配",
        "2025-02-10",
        "2025-02-06",
        "eastmoney",
        "入选理由",
    ] {
        assert!(table.contains(cell), "{cell}:\n{table}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&sb.ok(&["themes-of", "sz301890", "--json"])).expect("json");
    assert_eq!(json["code"], "301890.SZ");
    let themes = json["themes"].as_array().expect("themes");
    let pairs: Vec<(String, String)> = themes
        .iter()
        .map(|t| {
            (
                t["theme"].as_str().unwrap().to_string(),
                t["source"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("compute".into(), "ths".into()),
            ("deepseek".into(), "eastmoney".into()),
            ("deepseek".into(), "ths".into())
        ]
    );
    assert_eq!(themes[0]["joined"], "2025-02-10");
    assert_eq!(themes[1]["reason"], serde_json::Value::Null);
    // The AkShare export's short code 3890 is 003890.SZ.
    let members = store(&sb).members("deepseek").unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| m.symbol.to_string())
            .collect::<Vec<_>>(),
        ["003890.SZ", "003890.SZ", "301890.SZ", "301890.SZ"]
    );
    let en = sb.ok(&["--lang", "en", "themes-of", "688890"]);
    assert!(
        en.contains("688890.SH 青禾软件: in 1 themes") && en.contains("参股算力调度平台公司"),
        "{en}"
    );
    let none = sb.ok(&["--lang", "en", "themes-of", "600000"]);
    assert!(
        none.contains("600000.SH: the store lists it in no theme"),
        "{none}"
    );
}

#[test]
fn member_reimport_updates_and_adds_nothing_duplicate() {
    let sb = Sandbox::new();
    let f = fixture("members/compute.csv");
    sb.ok(&["import", "members", "--theme", "compute", arg(&f)]);
    let again = sb.ok(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&f),
    ]);
    assert!(
        again.contains("3 rows read, 0 added, 0 updated, 3 unchanged"),
        "{again}"
    );
    let changed = sb.path("compute.csv");
    std::fs::write(
        &changed,
        "code,name,reason,source,date\n301890,磐石电子,AI服务器主板收入占比20%,ths,2025-02-12\n",
    )
    .unwrap();
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&changed),
    ]);
    assert!(
        out.contains("1 rows read, 0 added, 1 updated, 0 unchanged"),
        "{out}"
    );
    let members = store(&sb).members("compute").unwrap();
    assert_eq!(members.len(), 3);
    let m = members.iter().find(|m| m.symbol == sym("301890")).unwrap();
    assert_eq!(m.reason.as_deref(), Some("AI服务器主板收入占比20%"));
    assert_eq!(
        m.joined.map(|d| d.to_string()).as_deref(),
        Some("2025-02-12")
    );
    // Rows without a source column get --source.
    let plain = sb.path("plain.csv");
    std::fs::write(&plain, "code\n301890\n").unwrap();
    sb.ok(&[
        "import",
        "members",
        "--theme",
        "compute",
        "--source",
        "manual",
        arg(&plain),
    ]);
    let sources: Vec<String> = store(&sb)
        .themes_of(sym("301890"))
        .unwrap()
        .into_iter()
        .map(|m| m.source)
        .collect();
    assert_eq!(sources, ["manual", "ths"]);
}

#[test]
fn bad_member_rows_and_theme_ids_are_refused() {
    let sb = Sandbox::new();
    let f = fixture("members/bad_rows.csv");
    let out = sb.run(&[
        "--lang",
        "en",
        "import",
        "members",
        "--theme",
        "compute",
        arg(&f),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bad_rows.csv line 3, column code: '30189'"),
        "{err}"
    );
    assert!(
        err.contains("bad_rows.csv line 4, column date: '2025-13-01' is not a date"),
        "{err}"
    );
    assert!(store(&sb).members("compute").unwrap().is_empty());
    let out = sb.run(&["import", "members", "--theme", "two words", arg(&f)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is not a theme id"));
    assert!(!Path::new(&sb.db()).exists() || store(&sb).member_themes().unwrap().is_empty());
}
