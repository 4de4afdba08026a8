//! hypecheck runs lopdf inside `catch_unwind` (`src/ingest/pdf.rs`: a panic in the PDF parser
//! becomes an `Error::Pdf`, the import goes on), but libfuzzer-sys installs a panic hook that
//! aborts on every panic, caught or not. This hook lets panics raised in lopdf's own source
//! unwind to that `catch_unwind`, as they do in production, and reports the first one; every
//! other panic still aborts and is a finding.

use std::panic;
use std::sync::atomic::{AtomicBool, Ordering};

pub fn let_lopdf_panics_unwind() {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    let abort_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let in_lopdf = info
            .location()
            .is_some_and(|l| l.file().contains("/lopdf-"));
        if !in_lopdf {
            return abort_hook(info);
        }
        if !REPORTED.swap(true, Ordering::Relaxed) {
            eprintln!("note: lopdf panicked (caught by hypecheck, reported once): {info}");
        }
    }));
}
