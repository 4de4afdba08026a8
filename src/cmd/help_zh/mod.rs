//! `--help` in Chinese: when the run's language is Chinese (`--lang zh`, or no `--lang`:
//! Chinese is every output's default, whatever the locale), every command's and option's
//! help is replaced by its Chinese text from [`ABOUT`] and [`ARGS`] (the English texts are
//! the doc comments beside each argument). A test checks that nothing is left untranslated.

use std::ffi::OsString;

mod texts;
mod usage;

pub use usage::usage_error_zh;

use clap::Command;
use hypecheck::jobs::Kind;
use hypecheck::model::Lang;
use texts::{ABOUT, ARGS};

/// The language of `--help`: the run's language, `--lang` when given, else Chinese (the
/// default of every output; the locale does not change it, so help and output always
/// speak one language).
pub fn help_lang(args: &[OsString]) -> Lang {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value {
            return if v.trim().eq_ignore_ascii_case("en") {
                Lang::En
            } else {
                Lang::Zh
            };
        }
    }
    Lang::Zh
}

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// The command line with Chinese help texts (built, so that global options are in every
/// subcommand).
pub fn zh(cmd: Command) -> Command {
    let mut cmd = cmd;
    cmd.build();
    localize(cmd, "")
}

/// The key of a command in [`ABOUT`]: clap's `help` subcommand repeats the tree
/// (`help import bars` is about `import bars`), and `… help` is the help command itself.
fn about_key(path: &str) -> String {
    let words: Vec<&str> = path.split(' ').filter(|w| !w.is_empty()).collect();
    if words.last() == Some(&"help") {
        return "help".to_string();
    }
    words
        .into_iter()
        .filter(|w| *w != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

/// A command's Chinese text: from [`ABOUT`], or an import kind's own.
fn about(path: &str) -> Option<&'static str> {
    let key = about_key(path);
    lookup(ABOUT, &key).or_else(|| {
        let kind = Kind::from_name(key.strip_prefix("import ")?)?;
        Some(kind.about(Lang::Zh))
    })
}

fn localize(mut cmd: Command, path: &str) -> Command {
    if let Some(about) = about(path) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = arg_text(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let Some(text) = text else { return a };
            // The default and the environment variable, said in Chinese.
            let mut extra = Vec::new();
            if let Some(env) = a.get_env() {
                extra.push(format!("环境变量 {}", env.to_string_lossy()));
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            // A switch's "false" says nothing.
            if !defaults.is_empty() && defaults != ["false"] && !a.is_hide_default_value_set() {
                extra.push(format!("默认 {}", defaults.join(",")));
            }
            let text = if extra.is_empty() {
                text.to_string()
            } else {
                format!("{text}［{}］", extra.join("；"))
            };
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help_heading(heading)
                .hide_possible_values(true)
                .help(text)
                .long_help(None)
                .hide_default_value(true)
                .hide_env(true)
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localize(s, &sub_path));
    }
    cmd
}

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// An option's Chinese help: for this command, else for every command (`*`).
fn arg_text(path: &str, id: &str) -> Option<&'static str> {
    lookup(ARGS, &format!("{path} --{id}")).or_else(|| lookup(ARGS, &format!("* --{id}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option of the tree, as (key, English help).
    fn untranslated(cmd: &Command, path: &str, out: &mut Vec<String>) {
        if about(path).is_none() {
            out.push(format!(
                "ABOUT {path:?} {:?}",
                cmd.get_about().map(|s| s.to_string())
            ));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().to_string();
            if arg_text(path, &id).is_none() {
                out.push(format!(
                    "ARG \"{path} --{id}\" {:?}",
                    a.get_help().map(|s| s.to_string())
                ));
            }
        }
        for s in cmd.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            untranslated(s, &p, out);
        }
    }

    #[test]
    fn every_command_and_option_has_chinese_help() {
        let mut cmd = super::super::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        untranslated(&cmd, "", &mut missing);
        assert!(
            missing.is_empty(),
            "no Chinese help:\n{}",
            missing.join("\n")
        );
    }
}
