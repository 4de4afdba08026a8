//! The one integration-test binary: runs the real `hypecheck` binary, one module per command.

#[allow(dead_code)]
mod util;

/// The generated market with planted effects (shared with the panel's bench).
#[path = "../synth/mod.rs"]
mod synth;

mod browser;
mod classify;
mod concurrency;
mod demo;
mod docs;
mod evidence;
mod fetch_py;
mod filing;
mod fuzz_regressions;
mod help;
mod hostile;
mod import;
mod lang;
mod live;
mod market;
mod panel;
mod parquet;
mod qa_shape;
mod report;
mod report_safety;
mod scan;
mod shares;
mod skip_bad;
mod st;
mod study;
mod theme_add;
mod verdicts;
mod verdicts_real;
