//! Inputs the fuzz targets (`fuzz/`, docs/fuzzing.md) found to break an invariant, kept in
//! `tests/fuzz_regressions/<target>/` and replayed here through the same checks in every
//! `cargo test`.

use std::path::PathBuf;

use hypecheck::text::{classify_document, normalize, split_sentences, DocInput, Kind, Lexicon};

use crate::util::root;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("tests/fuzz_regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// The `classify` target's checks: the first byte picks theme and kind, the rest is text.
#[test]
fn classify_regressions() {
    let files = inputs("classify");
    assert!(!files.is_empty());
    let themes = hypecheck::theme::builtin();
    let kinds = [Kind::Announcement, Kind::Qa, Kind::Post, Kind::News];
    for (path, data) in files {
        let Some((&pick, rest)) = data.split_first() else {
            continue;
        };
        let text = String::from_utf8_lossy(rest);
        let text = text.as_ref();
        let n = normalize(text);
        assert_eq!(
            n.original_range(0..n.text.len()),
            0..text.len(),
            "{}",
            path.display()
        );
        for r in split_sentences(&n.text) {
            let o = n.original_range(r);
            assert!(
                o.start <= o.end && o.end <= text.len(),
                "{}",
                path.display()
            );
            assert!(text.is_char_boundary(o.start) && text.is_char_boundary(o.end));
        }
        let m = themes[usize::from(pick & 0x3f) % themes.len()].matcher();
        let kind = kinds[usize::from(pick >> 6)];
        let r = classify_document(Lexicon::builtin(), &m, &DocInput::text(kind, text));
        for s in &r.sentences {
            assert_eq!(
                &text[s.range.clone()],
                s.text.as_str(),
                "{}",
                path.display()
            );
        }
    }
}
