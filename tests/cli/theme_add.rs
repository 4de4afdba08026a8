//! `hypecheck theme add`: a user theme kept in the store, found by `--theme ID` afterwards.

use crate::util::{arg, Sandbox};

#[test]
fn added_theme_is_found_by_id() {
    let sb = Sandbox::new();
    let file = sb.path("quantum.toml");
    std::fs::write(
        &file,
        "id = \"quantum\"\nname = \"量子计算\"\naliases = [\"量子计算\", \"量子芯片\"]\nentities = [\"示例量子科技有限公司\"]\n",
    )
    .unwrap();
    // Before it is added the id means nothing.
    let out = sb.run(&["theme", "show", "quantum"]);
    assert_eq!(out.status.code(), Some(1));
    let added = sb.ok(&["theme", "add", arg(&file)]);
    assert!(added.contains("已添加题材 quantum（量子计算）"), "{added}");
    let again = sb.ok(&["theme", "add", arg(&file)]);
    assert!(again.contains("已更新题材 quantum"), "{again}");
    let shown = sb.ok(&["theme", "show", "quantum"]);
    assert!(shown.contains("量子芯片"), "{shown}");
    assert!(sb.ok(&["theme", "list"]).contains("quantum\t量子计算"));
    std::fs::remove_file(&file).unwrap();
    // The store keeps it: classify finds the theme by id with the file gone.
    let out = sb
        .cmd()
        .args(["classify", "--theme", "quantum", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin
                .take()
                .unwrap()
                .write_all("公司与示例量子科技有限公司签订了量子芯片采购合同。".as_bytes())?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["sentences"][0]["classes"]
        .as_array()
        .unwrap()
        .contains(&"business".into()));

    // A built-in id cannot be taken, and a theme with an empty alias is refused.
    let clash = sb.path("clash.toml");
    std::fs::write(
        &clash,
        "id = \"deepseek\"\nname = \"x\"\naliases = [\"x\"]\n",
    )
    .unwrap();
    let out = sb.run(&["theme", "add", arg(&clash)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("内置题材"));
    let empty = sb.path("empty.toml");
    std::fs::write(&empty, "id = \"e\"\nname = \"e\"\naliases = [\"\"]\n").unwrap();
    let out = sb.run(&["theme", "add", arg(&empty)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("aliases"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `theme show` lists a built-in theme's market words and the contexts it excludes, and
/// `classify` keeps an excluded context out (semi-solid die casting is no solid-state battery).
#[test]
fn builtin_theme_show_lists_its_words_and_exclusions() {
    let sb = Sandbox::new();
    let shown = sb.ok(&["theme", "show", "solid-state-battery"]);
    for w in ["半固态", "LLZO", "QuantumScape", "半固态压铸"] {
        assert!(shown.contains(w), "{w}: {shown}");
    }
    let shown = sb.ok(&["theme", "show", "space-pv", "--lang", "en"]);
    assert!(
        shown.contains("三结砷化镓") && shown.contains("太阳帆板"),
        "{shown}"
    );
    let classify = |text: &str| {
        let out = sb
            .cmd()
            .args(["classify", "--theme", "solid-state-battery", "--json"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(text.as_bytes())?;
                c.wait_with_output()
            })
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let classes: Vec<String> = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["classes"].as_array().unwrap().clone())
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        classes
    };
    let named = classify("公司半固态产线已批量供货。");
    assert!(named.contains(&"business".to_string()), "{named:?}");
    let excluded = classify("公司半固态压铸件已批量供货。");
    assert!(excluded.is_empty(), "{excluded:?}");
}
