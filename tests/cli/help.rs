//! `--help` speaks the run's language: Chinese unless `--lang en`, whatever the locale
//! (one language per run: the output is Chinese by default too).

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
    // Chinese whatever the locale (the output is Chinese by default too).
    for locale in [Some("C.UTF-8"), Some("en_US.UTF-8"), None] {
        let zh = help(locale, &["scan", "--help"]);
        assert!(
            zh.contains("用法：") && zh.contains("截至日期"),
            "{locale:?}:\n{zh}"
        );
    }
    // English with --lang en, in any locale and at any place on the line.
    for (locale, args) in [
        (Some("C.UTF-8"), vec!["--lang", "en", "scan", "--help"]),
        (None, vec!["scan", "--help", "--lang=en"]),
        (Some("zh_CN.UTF-8"), vec!["--lang", "en", "scan", "--help"]),
    ] {
        let en = help(locale, &args);
        assert!(
            en.contains("Usage:") && en.contains("The as-of date"),
            "{locale:?}:\n{en}"
        );
    }
}
