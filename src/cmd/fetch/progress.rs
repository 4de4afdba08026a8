//! Per-stock progress of a fetch on stderr, from the bridge's events: an indicatif bar on
//! a terminal, one plain line per stock otherwise (logs, CI, pipes).

use std::io::IsTerminal;

use hypecheck::model::Lang;
use indicatif::{ProgressBar, ProgressStyle};

use hypecheck::jobs::fetch::{Event, Request};

/// Per-stock progress on stderr: a bar on a terminal, one line per stock otherwise.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    kind: &'static str,
    lang: Lang,
}

impl Progress {
    pub(super) fn new(req: &Request, lang: Lang) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(req.steps);
            if let Ok(style) = ProgressStyle::with_template("{prefix} {bar:30} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar.set_prefix(req.command);
            bar
        });
        Progress {
            bar,
            kind: req.command,
            lang,
        }
    }

    pub(super) fn start(&self, who: Option<&str>) {
        if let (Some(bar), Some(who)) = (&self.bar, who) {
            bar.set_message(who.to_string());
        }
    }

    pub(super) fn done(&self, who: Option<&str>, rows: Option<u64>, skipped: bool, note: &str) {
        let who = who.unwrap_or("-");
        let what = match (skipped, self.lang) {
            (true, Lang::Zh) => "已在缓存中，跳过".to_string(),
            (true, Lang::En) => "already in the cache, skipped".to_string(),
            (false, Lang::Zh) => format!("{} 行", rows.unwrap_or(0)),
            (false, Lang::En) => format!("{} rows", rows.unwrap_or(0)),
        };
        let note = if note.is_empty() || skipped {
            String::new()
        } else {
            format!("（{note}）")
        };
        self.line(format!("{} {who}: {what}{note}", self.kind));
    }

    pub(super) fn failed(&self, who: &str, message: &str) {
        let word = self.lang.pick("失败", "failed");
        self.line(format!("{} {who}: {word}: {message}", self.kind));
    }

    fn line(&self, text: String) {
        match &self.bar {
            Some(bar) => {
                bar.println(text);
                bar.inc(1);
            }
            None => eprintln!("{text}"),
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Shows one event of the bridge.
    pub(super) fn show(&self, event: &Event) {
        match event {
            Event::Progress { code, board } => {
                self.start(code.as_ref().or(board.as_ref()).map(String::as_str))
            }
            Event::Ok {
                code,
                board,
                rows,
                skipped,
                message,
                ..
            } => {
                let who = code.as_ref().or(board.as_ref()).map(String::as_str);
                self.done(who, *rows, *skipped, message.as_deref().unwrap_or_default());
            }
            Event::Error {
                code,
                board,
                message,
            } => {
                if let Some(who) = code.as_ref().or(board.as_ref()) {
                    self.failed(who, message.as_deref().unwrap_or_default());
                }
            }
        }
    }
}
