//! Usage errors (clap's) in Chinese: what was wrong with the command line, the usage line,
//! and where the help is. clap writes these in English; a Chinese run says them in Chinese.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The Chinese text of a usage error, `None` for kinds that are not errors (help, version)
/// or that clap words best itself.
pub fn usage_error_zh(e: &clap::Error) -> Option<String> {
    let get = |k: ContextKind| e.get(k).map(value_text);
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::UnknownArgument => {
            let mut s = format!("无法识别的参数 '{arg}'");
            if let Some(hint) = get(ContextKind::SuggestedArg) {
                s.push_str(&format!("；是否想用 '{hint}'？"));
            }
            s
        }
        ErrorKind::InvalidSubcommand => {
            let mut s = format!(
                "无法识别的子命令 '{}'",
                get(ContextKind::InvalidSubcommand)?
            );
            if let Some(hint) = get(ContextKind::SuggestedSubcommand) {
                s.push_str(&format!("；是否想用 '{hint}'？"));
            }
            s
        }
        ErrorKind::InvalidValue => {
            let mut s = format!("参数 {arg} 的值 '{value}' 无效");
            if let Some(valid) = get(ContextKind::ValidValue) {
                s.push_str(&format!("；可选值：{valid}"));
            }
            s
        }
        ErrorKind::ValueValidation => {
            // The parsers' own reasons (dates, codes) are already in the run's language
            // where hypecheck wrote them; a number's parse error is said here.
            let reason = e.source().map(|s| s.to_string()).unwrap_or_default();
            format!(
                "参数 {arg} 的值 '{value}' 无效：{}",
                reason_zh(&reason, &value)
            )
        }
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(other) => format!("参数 {arg} 不能与 {other} 同时使用"),
            None => format!("参数 {arg} 不能与其他参数同时使用"),
        },
        ErrorKind::MissingSubcommand => "缺少子命令".to_string(),
        ErrorKind::TooManyValues => format!("参数 {arg} 给了太多的值（'{value}'）"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 给出值"),
        _ => return None,
    };
    let mut out = format!("错误：{what}\n");
    if let Some(usage) = get(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        out.push_str(&format!("\n用法：{usage}\n"));
    }
    out.push_str("\n查看帮助：在命令后加 --help\n");
    Some(out)
}

fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The value parsers' reasons (hypecheck's own, and Rust's number parsing) in Chinese.
fn reason_zh(reason: &str, value: &str) -> String {
    let rest = reason
        .strip_prefix(&format!("'{value}' "))
        .unwrap_or(reason);
    if rest.starts_with("is not a date") {
        "不是日期；请写成 YYYY-MM-DD 或 YYYYMMDD".to_string()
    } else if rest.starts_with("is not a security code") {
        "不是证券代码；应为六位数字，如 002881、002881.SZ 或 sz002881".to_string()
    } else if rest.starts_with("is not a document kind") {
        format!(
            "不是文档类型；请用 announcement、regulator、qa、post、news 或类型词（{}）",
            hypecheck::ingest::kind_words_list()
        )
    } else if rest.starts_with("is not a theme id") {
        "不是题材 id；只能用字母、数字、'-'、'_' 或 '.'（如 deepseek）".to_string()
    } else if rest.contains("invalid digit")
        || rest.contains("number too large")
        || rest.contains("cannot parse integer")
        || rest.contains("empty string")
        || rest.contains("invalid float")
    {
        "不是有效的数字".to_string()
    } else {
        reason.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    fn error_of(args: &[&str]) -> clap::Error {
        let m = crate::cmd::Cli::command().try_get_matches_from(args);
        match m.and_then(|m| crate::cmd::Cli::from_arg_matches(&m)) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn usage_errors_are_said_in_chinese_with_the_flag_and_the_value() {
        for (args, want) in [
            (
                vec!["hypecheck", "scan", "--bogus"],
                "无法识别的参数 '--bogus'",
            ),
            (
                vec!["hypecheck", "import", "members", "x.csv"],
                "缺少必需的参数：--theme",
            ),
            (
                vec!["hypecheck", "scan", "--theme", "x", "--window", "abc"],
                "的值 'abc' 无效：不是有效的数字",
            ),
            (
                vec!["hypecheck", "scan", "--theme", "x", "--asof", "2025-13-01"],
                "无效：不是日期；请写成 YYYY-MM-DD 或 YYYYMMDD",
            ),
            (
                vec!["hypecheck", "scan", "--theme", "x", "--format", "xml"],
                "可选值：table、json、csv、parquet、html",
            ),
            (
                vec![
                    "hypecheck",
                    "scan",
                    "--json",
                    "--format",
                    "csv",
                    "--theme",
                    "x",
                ],
                "不能与 --format",
            ),
            (vec!["hypecheck", "sacn"], "无法识别的子命令 'sacn'"),
        ] {
            let text = usage_error_zh(&error_of(&args)).expect("a usage error");
            assert!(text.contains(want), "{args:?}: {text}");
            assert!(text.contains("--help"), "{text}");
            // No English sentence is left: only flags, values and the usage line.
            for word in [
                "error",
                "unexpected",
                "invalid",
                "required",
                "found",
                "cannot",
            ] {
                let body = text.split("用法：").next().unwrap();
                assert!(!body.contains(word), "{args:?}: {word} in {text}");
            }
        }
    }

    #[test]
    fn help_is_not_an_error() {
        assert!(usage_error_zh(&error_of(&["hypecheck", "--help"])).is_none());
    }
}
