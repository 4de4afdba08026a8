//! Any bytes as a PDF announcement read from a stream (lopdf, in process; the `pdftotext`
//! fallback needs a file and is not fuzzed): extraction, normalisation, the title and code
//! guesses and the document never panic, and a document returned is an announcement with
//! text.
#![no_main]

use std::io::Cursor;

use hypecheck::ingest::{DocDefaults, DocReader};
use hypecheck::model::{Date, DocKind};
use libfuzzer_sys::fuzz_target;

#[path = "common/lopdf_hook.rs"]
mod lopdf_hook;

fuzz_target!(init: lopdf_hook::let_lopdf_panics_unwind(), |data: &[u8]| {
    let defaults = DocDefaults {
        date: Date::from_ymd_opt(2025, 2, 7),
        ..DocDefaults::default()
    };
    let Ok(mut reader) = DocReader::from_reader("a.pdf", Cursor::new(data.to_vec()), defaults)
    else {
        return;
    };
    while let Ok(Some(row)) = reader.next_doc() {
        assert_eq!(row.doc.kind, DocKind::Announcement);
        assert!(!row.doc.text.is_empty());
    }
});
