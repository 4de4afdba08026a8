//! Running the AkShare bridge (`python/hypecheck_fetch.py`): the program goes to the
//! interpreter on standard input, its event lines come back one by one.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{Error, Request, Result};

/// The bridge program, embedded so that an installed binary needs no source tree.
pub const BRIDGE: &str = include_str!("../../../python/hypecheck_fetch.py");

/// The bridge's exit code when `import akshare` fails.
const EXIT_NO_AKSHARE: i32 = 3;

/// The bridge's exit code for bad usage.
const EXIT_USAGE: i32 = 2;

/// How many lines of the bridge's stderr an error quotes.
const STDERR_TAIL: usize = 20;

/// One event line of the bridge: `{"event": "progress"|"ok"|"error", ...}` with the stock
/// (`code`) or concept board (`board`) it is about.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(tag = "event", rename_all = "lowercase")]
pub enum Event {
    /// A request started.
    Progress {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
    },
    /// A request's file was written (or found in the cache: `skipped`).
    Ok {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
        /// The file written.
        file: Option<String>,
        /// Rows in it.
        rows: Option<u64>,
        /// Found in the cache, not fetched.
        #[serde(default)]
        skipped: bool,
        /// A note.
        message: Option<String>,
    },
    /// A request failed; without a stock or board, the whole run did.
    Error {
        /// The stock.
        code: Option<String>,
        /// The concept board.
        board: Option<String>,
        /// What went wrong.
        message: Option<String>,
    },
}

/// What the interpreter runs: the bridge program is read from standard input, never from
/// a file (a file in a shared cache folder could be swapped between a check and the run),
/// and the current folder is taken off the module path first, so that a stray
/// `akshare.py` or `json.py` where the user stands is not imported instead of the real one.
pub const LAUNCHER: &str = "import sys; \
sys.path[:] = [p for p in sys.path if p not in ('', '.')]; \
sys.argv[0] = 'hypecheck_fetch.py'; \
exec(compile(sys.stdin.read(), 'hypecheck_fetch.py', 'exec'))";

/// What a bridge run produced.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Files written (or found in the cache).
    pub files: Vec<PathBuf>,
    /// (stock or board, message) of each failed request.
    pub failed: Vec<(String, String)>,
}

/// How to run the bridge.
#[derive(Debug, Clone, Copy)]
pub struct Bridge<'a> {
    /// The Python interpreter; it reads the bridge on its standard input ([`LAUNCHER`]).
    pub python: &'a Path,
    /// The cache folder it writes into.
    pub cache: &'a Path,
    /// Fetch again what the cache has.
    pub force: bool,
}

/// Runs the bridge for one request, telling `on_event` each event as it comes. A request
/// that fails for one stock is in [`Fetched::failed`]; the others go on.
pub fn run_bridge(
    bridge: &Bridge<'_>,
    req: &Request,
    on_event: &mut dyn FnMut(&Event),
) -> Result<Fetched> {
    let mut cmd = Command::new(bridge.python);
    cmd.arg("-c")
        .arg(LAUNCHER)
        .arg(req.command)
        .args(&req.args)
        .arg("--out")
        .arg(bridge.cache);
    if bridge.force {
        cmd.arg("--force");
    }
    let spawn_error = |cause| Error::Io {
        what: "cannot run",
        path: bridge.python.to_path_buf(),
        cause,
    };
    let mut child = match cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoPython(bridge.python.to_path_buf()))
        }
        Err(e) => return Err(spawn_error(e)),
    };
    // The program goes in on a thread (the pipe holds less than the program), then stdin is
    // closed so that the interpreter sees its end.
    let mut program_pipe = child.stdin.take();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        program_pipe
            .as_mut()
            .map_or(Ok(()), |p| p.write_all(BRIDGE.as_bytes()))
    });
    // stderr is drained on a thread so that a chatty bridge cannot block on a full pipe.
    let mut err_pipe = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(p) = err_pipe.as_mut() {
            let _ = p.read_to_string(&mut s);
        }
        s
    });
    let mut fetched = Fetched::default();
    let mut problems = Vec::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|cause| Error::Io {
                what: "cannot read the output of",
                path: bridge.python.to_path_buf(),
                cause,
            })?;
            let Ok(event) = serde_json::from_str::<Event>(&line) else {
                problems.push(line);
                continue;
            };
            on_event(&event);
            match event {
                Event::Progress { .. } => {}
                Event::Ok { file, .. } => fetched.files.extend(file.map(PathBuf::from)),
                Event::Error {
                    code,
                    board,
                    message,
                } => match code.or(board) {
                    Some(who) => fetched.failed.push((who, message.unwrap_or_default())),
                    // An error about no stock: bad usage or akshare missing (see the exit code).
                    None => problems.push(message.unwrap_or_default()),
                },
            }
        }
    }
    let status = child.wait().map_err(spawn_error)?;
    let stderr = err_reader.join().unwrap_or_default();
    // An interpreter that exits before reading the whole program closes the pipe; its exit
    // status and stderr say why, so the write error itself adds nothing.
    let _ = writer.join();
    match status.code() {
        Some(0) => Ok(fetched),
        // 1: some requests failed, each reported by an event.
        Some(1) if !fetched.failed.is_empty() => Ok(fetched),
        Some(EXIT_NO_AKSHARE) => Err(Error::NoAkshare(bridge.python.to_path_buf())),
        Some(EXIT_USAGE) => Err(Error::Usage(problems)),
        _ => Err(Error::Failed {
            status: status.to_string(),
            problems,
            stderr: tail(&stderr, STDERR_TAIL),
        }),
    }
}

/// The last `n` lines of a text.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::model::Symbol;
    use std::os::unix::fs::PermissionsExt;

    /// A stand-in interpreter that keeps its arguments and standard input and answers
    /// with one event.
    fn fake_python(dir: &Path) -> PathBuf {
        let path = dir.join("python");
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{d}/args'\ncat > '{d}/stdin'\n\
             echo '{{\"event\":\"ok\",\"code\":\"002881.SZ\",\"file\":\"x.csv\",\"rows\":1}}'\n",
            d = dir.display()
        );
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700)).unwrap();
        path
    }

    #[test]
    fn the_bridge_goes_to_the_interpreter_on_stdin_and_no_program_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let python = fake_python(dir.path());
        let cache = dir.path().join("cache");
        let bridge = Bridge {
            python: &python,
            cache: &cache,
            force: false,
        };
        let req = Request::segments(&[Symbol::parse_stock("002881").unwrap()]);
        let mut events = 0;
        let fetched = run_bridge(&bridge, &req, &mut |_| events += 1).unwrap();
        assert_eq!((events, fetched.files.len()), (1, 1));
        let stdin = std::fs::read_to_string(dir.path().join("stdin")).unwrap();
        assert_eq!(stdin, BRIDGE, "the whole program, on standard input");
        let args = std::fs::read_to_string(dir.path().join("args")).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args[..3], ["-c", LAUNCHER, "segments"]);
        assert!(args.contains(&"002881.SZ"), "{args:?}");
        assert!(!cache.exists(), "nothing is written before the bridge runs");
    }

    #[test]
    fn the_launcher_runs_the_program_from_stdin_without_the_current_folder() {
        // A real interpreter, when there is one: the launcher must be valid Python that
        // leaves the current folder off the path and passes the arguments on.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("json.py"), "raise SystemExit(7)\n").unwrap();
        let out = Command::new("python3")
            .args(["-c", LAUNCHER, "a", "b"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(b"import sys, json\nprint(json.dumps(sys.argv))\n")?;
                c.wait_with_output()
            });
        let Ok(out) = out else {
            return; // no python3: the CLI tests say so
        };
        assert!(out.status.success(), "{out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            r#"["hypecheck_fetch.py", "a", "b"]"#
        );
    }
}
