//! The module table of ARCHITECTURE.md is true: every module under `src/` has a row, and
//! uses (through `crate::…` paths, or `hypecheck::…` in the binary) only the modules its
//! "may use" column lists. Test code (`tests.rs`, `testdata.rs`, `tests/` folders and
//! `#[cfg(test)] mod` blocks) may use anything.
//!
//! Fast: reads text files, builds nothing of the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a row allows: `None` for "everything".
type Allowed = Option<BTreeSet<String>>;

/// Module name → allowed modules, from the table under "Modules and who may use whom".
fn table(text: &str) -> BTreeMap<String, Allowed> {
    let mut out = BTreeMap::new();
    let section = text
        .split("## Modules and who may use whom")
        .nth(1)
        .expect("ARCHITECTURE.md has the module section");
    for line in section.lines().take_while(|l| !l.starts_with("## ")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | folder | does | does not | may use |  →  ["", folder, does, does not, may use, ""]
        if cells.len() < 6 || !cells[1].contains("`src/") {
            continue;
        }
        let may_use = cells[cells.len() - 2];
        let allowed: Allowed = if may_use == "everything" {
            None
        } else {
            Some(ticked(may_use).into_iter().collect())
        };
        for path in ticked(cells[1]) {
            if let Some(rest) = path.strip_prefix("src/") {
                let name = rest.trim_end_matches('/').trim_end_matches(".rs");
                out.insert(name.to_string(), allowed.clone());
            }
        }
    }
    out
}

/// The `backticked` words of a cell.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn is_test_file(rel: &Path) -> bool {
    rel.components().any(|c| c.as_os_str() == "tests")
        || rel
            .file_name()
            .is_some_and(|n| n == "tests.rs" || n == "testdata.rs")
}

/// The top-level modules a file's code (comments and test modules aside) names.
fn used_modules(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut lines = code.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t == "#[cfg(test)]" && lines.peek().is_some_and(|n| n.trim().starts_with("mod ")) {
            break; // the rest of the file is its test module
        }
        let code = match t.find("//") {
            Some(0) => continue,
            Some(i) => &t[..i],
            None => t,
        };
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            let tail = &rest[i + prefix.len()..];
            let name: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') && !name.is_empty() {
                out.insert(name);
            }
            rest = tail;
        }
    }
    out
}

#[test]
fn modules_use_only_what_the_architecture_table_allows() {
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let table = table(&arch);
    assert!(
        table.contains_key("model") && table.contains_key("cmd"),
        "the table was not read: {table:?}"
    );
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for path in files {
        let rel = path.strip_prefix(&src).unwrap().to_path_buf();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" || is_test_file(&rel) {
            continue;
        }
        let Some(allowed) = table.get(&module) else {
            wrong.push(format!(
                "src/{}: module `{module}` has no row",
                rel.display()
            ));
            continue;
        };
        let Some(allowed) = allowed else {
            continue; // may use everything
        };
        let code = std::fs::read_to_string(&path).unwrap();
        let prefix = if module == "cmd" {
            "hypecheck::"
        } else {
            "crate::"
        };
        for used in used_modules(&code, prefix) {
            if used != module && !allowed.contains(&used) {
                wrong.push(format!(
                    "src/{} uses `{used}`, which `{module}` may not use (allowed: {allowed:?})",
                    rel.display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md's module table is not true:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checker_sees_paths_and_skips_comments_and_tests() {
    let code = "use crate::model::Bar;\n// crate::store in a comment\nlet x = crate::market::analyze(); // crate::jobs\n#[cfg(test)]\nmod tests {\n    use crate::ingest::BarReader;\n}\n";
    let used: Vec<String> = used_modules(code, "crate::").into_iter().collect();
    assert_eq!(used, ["market", "model"]);
    let table = table(
        "## Modules and who may use whom\n| folder | does | does not | may use |\n|---|---|---|---|\n| `src/a.rs`, `src/a/` | x | y | `model`, `market` |\n| `src/cmd/` | x | y | everything |\n## Next",
    );
    assert_eq!(
        table["a"],
        Some(["market".to_string(), "model".to_string()].into())
    );
    assert_eq!(table["cmd"], None);
}

/// The commands stay thin: no file under `src/cmd/` is over 250 lines (the work belongs
/// in the library's jobs).
#[test]
fn no_command_file_is_over_250_lines() {
    let mut files = Vec::new();
    rust_files(&root().join("src/cmd"), &mut files);
    assert!(!files.is_empty());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 250).then(|| format!("{} has {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}
