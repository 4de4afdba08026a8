//! `--help` speaks Chinese when the language is Chinese (`--lang zh`, or a Chinese locale
//! without `--lang`), English otherwise.

use crate::util::Sandbox;

fn help(locale: Option<&str>, args: &[&str]) -> String {
    let sb = Sandbox::new();
    let mut c = sb.cmd();
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(v);
    }
    if let Some(l) = locale {
        c.env("LANG", l);
    }
    let out = c.args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_follows_the_language() {
    let zh = help(None, &["--lang", "zh", "scan", "--help"]);
    for s in [
        "用法：",
        "题材扫描：",
        "选项",
        "截至日期",
        "CSV 不带 UTF-8 BOM",
        "显示帮助",
        "［默认 10］",
    ] {
        assert!(zh.contains(s), "{s} missing:\n{zh}");
    }
    assert!(!zh.contains("Usage:") && !zh.contains("Print help"), "{zh}");
    // A Chinese locale alone is enough, for every subcommand and for `help CMD`.
    let by_locale = help(Some("zh_CN.UTF-8"), &["ladder", "--help"]);
    assert!(by_locale.contains("只看这个题材的成分股"), "{by_locale}");
    let sub = help(Some("zh_CN.UTF-8"), &["help", "import", "bars"]);
    assert!(sub.contains("个股日K线"), "{sub}");
    // English otherwise, and --lang en wins over a Chinese locale.
    for (locale, args) in [
        (Some("C.UTF-8"), vec!["scan", "--help"]),
        (None, vec!["scan", "--help"]),
        (Some("zh_CN.UTF-8"), vec!["--lang", "en", "scan", "--help"]),
    ] {
        let en = help(locale, &args);
        assert!(
            en.contains("Usage:") && en.contains("The as-of date"),
            "{locale:?}:\n{en}"
        );
    }
}
