//! Any bytes as a document file: the first byte picks the file name (and so the format
//! detection: JSON Lines, CSV and the Q&A exports, text, PDF, or none) and which of
//! `--code`/`--date`/`--kind` are given; the rest is the file. Reading every document never
//! panics, and every document returned has a code, an id and something to read.
#![no_main]

use std::io::Cursor;

use hypecheck::ingest::{DocDefaults, DocReader};
use hypecheck::model::{Date, DocKind, Symbol};
use libfuzzer_sys::fuzz_target;

#[path = "common/lopdf_hook.rs"]
mod lopdf_hook;

const NAMES: [&str; 6] = ["d.jsonl", "d.csv", "d.txt", "d.pdf", "d", "d.csv.gz"];

fuzz_target!(init: lopdf_hook::let_lopdf_panics_unwind(), |data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(pick & 7) % NAMES.len()];
    let flags = pick >> 3;
    let defaults = DocDefaults {
        symbol: (flags & 1 != 0).then(|| Symbol::parse_stock("002881").unwrap()),
        date: (flags & 2 != 0).then(|| Date::from_ymd_opt(2025, 2, 7).unwrap()),
        kind: (flags & 4 != 0).then_some(DocKind::Announcement),
        ..DocDefaults::default()
    };
    let Ok(mut reader) = DocReader::from_reader(name, Cursor::new(file.to_vec()), defaults) else {
        return;
    };
    loop {
        match reader.next_doc() {
            Ok(Some(row)) => {
                let d = &row.doc;
                assert!(!d.id.is_empty(), "empty id: {d:?}");
                assert!(
                    !d.text.is_empty()
                        || d.question.is_some()
                        || d.answer.is_some()
                        || d.title.is_some(),
                    "nothing to read: {d:?}"
                );
                assert!(row.line >= 1 && row.line <= reader.lines().max(1));
            }
            Ok(None) => break,
            Err(e) if e.is_row_error() => {}
            Err(_) => break,
        }
    }
});
