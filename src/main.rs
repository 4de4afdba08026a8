//! The `hypecheck` binary: parse the command line, run the command, map the outcome to an
//! exit code (0 ok, 1 user or data error, 2 bad usage).

mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = cmd::Cli::command();
    let zh = cmd::help_lang(&args) == hypecheck::model::Lang::Zh;
    if zh {
        command = cmd::help_zh(command);
    }
    let parsed = command.try_get_matches_from(&args).and_then(|m| {
        let mut cli = cmd::Cli::from_arg_matches(&m)?;
        cli.global.db_given = cmd::db_given(&m);
        Ok(cli)
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match cmd::usage_error_zh(&e).filter(|_| zh && e.use_stderr()) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    let lang = cli.global.lang();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            if let Some(busy) = busy_in_chinese(&err, lang) {
                eprintln!("hypecheck: {busy}");
                return ExitCode::from(1);
            }
            eprintln!("hypecheck: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// `hypecheck ladder | head` closes our stdout early; that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The message for a store that stayed busy, in Chinese (the library's text is English).
fn busy_in_chinese(err: &anyhow::Error, lang: hypecheck::model::Lang) -> Option<String> {
    if lang != hypecheck::model::Lang::Zh {
        return None;
    }
    err.chain()
        .find_map(|e| match e.downcast_ref::<hypecheck::store::Error>() {
            Some(hypecheck::store::Error::Busy { path, waited_s }) => Some(format!(
                "存储 {path} 已被另一个进程（可能是导入）占用 {waited_s} 秒仍未释放写锁；\
             请等它完成后重试，或用 --wait 给出更长的等待时间"
            )),
            _ => None,
        })
}
