//! The corpus of broken and hostile input files (issue 6, `tests/hostile/`): every file is
//! refused with exit code 1 and a message that names the file, the place (line, column,
//! value where a row is at fault) and what to do, and the store is byte for byte what it
//! was. Files too big or too binary to keep in git are written by the test.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::util::{arg, fixture, root, Sandbox};

/// Where a case's file comes from.
enum Input {
    /// A file of `tests/hostile/`.
    Corpus(&'static str),
    /// Written into the sandbox by the test: (name, bytes).
    Made(&'static str, fn() -> Vec<u8>),
    /// A path that is not a readable file (`{dir}` is the sandbox).
    Path(&'static str),
}

/// One hostile input: the command (`FILE` is replaced by the file), the input, and the
/// fragments its message must contain besides the file's name.
struct Case {
    args: &'static [&'static str],
    input: Input,
    expect: &'static [&'static str],
}

fn bars_gz() -> Vec<u8> {
    let rows = std::fs::read(fixture("generic_mixed.csv")).unwrap();
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for _ in 0..20 {
        z.write_all(&rows).unwrap();
    }
    z.finish().unwrap()
}

fn truncated_gz() -> Vec<u8> {
    let gz = bars_gz();
    gz[..gz.len() / 2].to_vec()
}

fn corrupt_gz() -> Vec<u8> {
    let mut gz = bars_gz();
    let mid = gz.len() / 2;
    for b in &mut gz[mid..mid + 8] {
        *b ^= 0xa5;
    }
    gz
}

fn ten_mb_line() -> Vec<u8> {
    let mut v = b"code,date,open,high,low,close,prev_close,volume,amount\n\
                  002881,2025-02-06,48.00,48.69,47.50,48.69,44.26,1000000,"
        .to_vec();
    v.extend(std::iter::repeat_n(b'9', 10 << 20));
    v.push(b'\n');
    v
}

fn utf16() -> Vec<u8> {
    "code,date,open,high,low,close\n002881,2025-02-07,53.56,53.56,53.56,53.56\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect()
}

fn xlsx_like() -> Vec<u8> {
    // A zip header and bytes that are neither UTF-8 nor GBK, as an .xlsx renamed .csv.
    let mut v = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    v.extend((0u32..4000).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 | 0x80));
    v
}

/// `mib` MiB of spaces, zlib-compressed (about 1 KB a MiB).
fn spaces_z(mib: usize) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..mib {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap()
}

/// `dict` and `data` as a stream object's body.
fn stream_obj(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    stream.extend(data);
    stream.extend(b"\nendstream");
    stream
}

/// A one-page PDF of the objects after its page (object 4 is the page's content), with a
/// classic cross-reference table, or with `xref_stream` (its dictionary and data) as the
/// cross-reference at `startxref`.
fn pdf_of(more: Vec<Vec<u8>>, xref_stream: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>"
            .to_vec(),
    ];
    objs.extend(more);
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    if let Some((dict, data)) = xref_stream {
        out.extend(format!("{} 0 obj\n", objs.len() + 1).bytes());
        out.extend(stream_obj(dict, data));
        out.extend(format!("\nendobj\nstartxref\n{xref}\n%%EOF\n").bytes());
        return out;
    }
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// A one-page PDF whose content stream inflates to 1 GiB of spaces (about 1 MB on disk).
fn pdf_bomb() -> Vec<u8> {
    pdf_of(
        vec![stream_obj("/Filter /FlateDecode", &spaces_z(1024))],
        None,
    )
}

/// A PDF whose two object streams (PDF 1.5 `/Type /ObjStm`, which a PDF library inflates
/// whole while it loads the file) inflate to 130 MiB each: neither is over the budget of
/// one stream, together they are over the budget of object streams.
fn pdf_object_stream_bomb() -> Vec<u8> {
    let data = spaces_z(130);
    let objstm = stream_obj("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &data);
    pdf_of(vec![stream_obj("", b"BT ET"), objstm.clone(), objstm], None)
}

/// A PDF whose cross-reference stream (read before any object) inflates to 300 MiB, its
/// filter hidden behind ASCII85 as well.
fn pdf_xref_stream_bomb() -> Vec<u8> {
    let z = spaces_z(300);
    let mut a85 = Vec::new();
    for chunk in z.chunks(4) {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        let mut n = u32::from_be_bytes(word);
        let mut digits = [0u8; 5];
        for d in digits.iter_mut().rev() {
            *d = b'!' + (n % 85) as u8;
            n /= 85;
        }
        a85.extend(&digits[..chunk.len() + 1]);
    }
    a85.extend(b"~>");
    pdf_of(
        vec![stream_obj("", b"BT ET")],
        Some((
            "/Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Filter [/ASCII85Decode /FlateDecode]",
            &a85,
        )),
    )
}

fn truncated_pdf() -> Vec<u8> {
    std::fs::read(fixture("docs/announcement_002881.pdf")).unwrap()[..400].to_vec()
}

const CASES: &[Case] = &[
    // Compression and encodings.
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Made("truncated.csv.gz", truncated_gz),
        expect: &["incomplete"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Made("corrupt.csv.gz", corrupt_gz),
        expect: &["corrupt"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_mixed_encoding.csv"),
        expect: &["line 3", "mixes", "re-save the whole file in one encoding"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Made("utf16.csv", utf16),
        expect: &["UTF-16", "save it as UTF-8 or GBK"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Made("spreadsheet.csv", xlsx_like),
        expect: &["not text", "save it as UTF-8 or GBK"],
    },
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Made("spreadsheet.jsonl", xlsx_like),
        expect: &["not text", "save it as UTF-8 or GBK"],
    },
    // Headers and row shapes.
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_missing_low.csv"),
        expect: &["no low column", "add it"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_short_row.csv"),
        expect: &["line 3", "4 fields where the header has 9", "fix the row"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_long_row.csv"),
        expect: &["line 2", "11 fields where the header has 9", "fix the row"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_empty.csv"),
        expect: &["empty", "check that the download"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_conflicting_repeat.csv"),
        expect: &["line 3", "already appeared on line 2", "keep one"],
    },
    // Values.
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_saturday.csv"),
        expect: &[
            "line 2, column date",
            "'2025-02-08'",
            "Saturday",
            "fix the date",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_no_such_date.csv"),
        expect: &[
            "line 2, column date",
            "'2025-02-30' is not a date",
            "YYYY-MM-DD",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_zero_price.csv"),
        expect: &[
            "line 2, column open",
            "'0' is not a positive price",
            "fix the value",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_negative_price.csv"),
        expect: &["line 2, column low", "'-47.50'", "fix the value"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_high_below_low.csv"),
        expect: &["line 2", "high 47.00 is below low 47.50", "fix the row"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_volume_in_lots.csv"),
        expect: &[
            "line 3, column volume",
            "'5000'",
            "手",
            "give the volume in shares",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_amount_in_thousands.csv"),
        expect: &["line 2, column volume", "千元", "give the amount in yuan"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_adjusted.csv"),
        expect: &[
            "line 2, column open",
            "'48.001'",
            "复权",
            "import unadjusted",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Made("ten_mb_line.csv", ten_mb_line),
        expect: &[
            "line 2, column amount",
            "(10485760 bytes in all)",
            "not a number",
        ],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_nul_in_price.csv"),
        expect: &["line 2, column low", r"'47.\u{0}50'", "fix the value"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_nul_in_name.csv"),
        expect: &["line 2, column name", "NUL", "re-save it"],
    },
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Corpus("bars_escape_in_value.csv"),
        expect: &["line 2, column close", r"'\u{1b}[2J48.69'", "fix the value"],
    },
    Case {
        args: &["import", "index", "--code", "000001.SH", "FILE"],
        input: Input::Corpus("index_text_in_close.csv"),
        expect: &[
            "line 2, column close",
            "'n/a' is not a number",
            "fix the value",
        ],
    },
    // Documents.
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Corpus("docs_not_json.jsonl"),
        expect: &["line 2", "not a JSON object", "one JSON document per line"],
    },
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Corpus("docs_no_date.jsonl"),
        expect: &["line 1", "no date", "pass --date"],
    },
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Corpus("docs_empty.jsonl"),
        expect: &["empty"],
    },
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Corpus("docs_bad_kind.csv"),
        expect: &[
            "line 2, column kind",
            "'tweet'",
            "use announcement, regulator, qa, post or news, or a kind word",
        ],
    },
    Case {
        args: &[
            "import",
            "docs",
            "--code",
            "002881",
            "--date",
            "2025-02-07",
            "FILE",
        ],
        input: Input::Corpus("docs_not_a_pdf.pdf"),
        expect: &["no text could be extracted"],
    },
    Case {
        args: &[
            "import",
            "docs",
            "--code",
            "002881",
            "--date",
            "2025-02-07",
            "FILE",
        ],
        input: Input::Made("truncated.pdf", truncated_pdf),
        expect: &["no text could be extracted", "cannot parse"],
    },
    Case {
        args: &[
            "import",
            "docs",
            "--code",
            "002881",
            "--date",
            "2025-02-07",
            "FILE",
        ],
        input: Input::Made("bomb.pdf", pdf_bomb),
        expect: &["decompression bomb", "256 MiB"],
    },
    Case {
        args: &[
            "import",
            "docs",
            "--code",
            "002881",
            "--date",
            "2025-02-07",
            "FILE",
        ],
        input: Input::Made("objstm_bomb.pdf", pdf_object_stream_bomb),
        expect: &[
            "object streams (object 6 0",
            "decompression bomb",
            "256 MiB",
        ],
    },
    Case {
        args: &[
            "import",
            "docs",
            "--code",
            "002881",
            "--date",
            "2025-02-07",
            "FILE",
        ],
        input: Input::Made("xref_bomb.pdf", pdf_xref_stream_bomb),
        expect: &["a stream at byte", "decompression bomb", "256 MiB"],
    },
    // Members, segments, ST lists.
    Case {
        args: &["import", "members", "--theme", "deepseek", "FILE"],
        input: Input::Corpus("members_bad_code.csv"),
        expect: &[
            "line 2, column code",
            "'0028811' is not a stock code",
            "six digits",
        ],
    },
    Case {
        args: &["import", "segments", "FILE"],
        input: Input::Corpus("segments_bad_share.csv"),
        expect: &["line 2, column share", "'forty' is not a number"],
    },
    Case {
        args: &["import", "st", "FILE"],
        input: Input::Corpus("st_bad_date.csv"),
        expect: &["line 2, column start", "'2024-13-01' is not a date"],
    },
    // Theme files.
    Case {
        args: &["theme", "add", "FILE"],
        input: Input::Corpus("theme_empty_alias.toml"),
        expect: &["aliases[1]", "is empty", "remove it or fill it in"],
    },
    Case {
        args: &["scan", "--theme", "FILE"],
        input: Input::Corpus("theme_empty_alias.toml"),
        expect: &["aliases[1]", "is empty"],
    },
    Case {
        args: &["theme", "add", "FILE"],
        input: Input::Corpus("theme_not_toml.toml"),
        expect: &["line 2, column 8", "invalid string", "hypecheck demo"],
    },
    Case {
        args: &["theme", "add", "FILE"],
        input: Input::Corpus("theme_unknown_field.toml"),
        expect: &["line 4, column 1", "unknown field `alias`"],
    },
    // Not files.
    Case {
        args: &["import", "bars", "FILE"],
        input: Input::Path("{dir}/no-such-file.csv"),
        expect: &["No such file"],
    },
    Case {
        args: &["import", "docs", "FILE"],
        input: Input::Path("{dir}"),
        expect: &["directory"],
    },
];

/// A store with demo bars, an index and documents, checkpointed so that everything is in
/// the main file; returns its bytes.
fn store() -> (Sandbox, Vec<u8>) {
    let sb = Sandbox::with_scan_data();
    let bytes = settled_bytes(&sb.db());
    (sb, bytes)
}

/// The store file's bytes once every committed change is in it. The WAL must hold no
/// frame, committed or not, that a later open would apply.
fn settled_bytes(db: &Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let (busy, _, _): (i64, i64, i64) = conn
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(busy, 0, "checkpoint blocked");
    drop(conn);
    let wal = db.with_extension("db-wal");
    assert!(
        std::fs::metadata(&wal).map_or(0, |m| m.len()) == 0,
        "a WAL is left"
    );
    std::fs::read(db).unwrap()
}

fn path_of(sb: &Sandbox, input: &Input) -> PathBuf {
    match input {
        Input::Corpus(name) => root().join("tests/hostile").join(name),
        Input::Made(name, make) => {
            let p = sb.path(name);
            std::fs::write(&p, make()).unwrap();
            p
        }
        Input::Path(p) => PathBuf::from(p.replace("{dir}", arg(sb.dir.path()))),
    }
}

#[test]
fn every_hostile_file_is_refused_clearly_and_the_store_is_unchanged() {
    let (sb, before) = store();
    let mut failures = Vec::new();
    for case in CASES {
        let file = path_of(&sb, &case.input);
        let args: Vec<&str> = case
            .args
            .iter()
            .map(|a| if *a == "FILE" { arg(&file) } else { a })
            .collect();
        let mut full = vec!["--lang", "en"];
        full.extend(&args);
        let out = sb.run(&full);
        let err = String::from_utf8_lossy(&out.stderr);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut wrong = Vec::new();
        if out.status.code() != Some(1) {
            wrong.push(format!("exit {:?}", out.status.code()));
        }
        if !err.contains(&name) {
            wrong.push("the message does not name the file".to_string());
        }
        for e in case.expect {
            if !err.contains(e) {
                wrong.push(format!("no {e:?}"));
            }
        }
        if err.contains('\u{1b}') || err.contains('\0') {
            wrong.push("a control character reached the terminal".to_string());
        }
        if err.len() > 4000 {
            wrong.push(format!("a {}-byte message", err.len()));
        }
        let after = settled_bytes(&sb.db());
        if after != before {
            wrong.push("the store changed".to_string());
        }
        if !wrong.is_empty() {
            failures.push(format!("{args:?}: {}\n{err}", wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn messages_are_chinese_by_default_details_included() {
    let (sb, before) = store();
    let file = root().join("tests/hostile/bars_high_below_low.csv");
    let out = sb.run(&["import", "bars", arg(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("整个文件未导入"), "{err}");
    // The detail line too: its place, what is wrong and what to do.
    assert!(
        err.contains("第 2 行：最高价 47.00 低于最低价 47.50；请修正或删除该行"),
        "{err}"
    );
    assert_eq!(settled_bytes(&sb.db()), before);
}

#[test]
fn files_that_only_look_odd_are_read_right() {
    let sb = Sandbox::new();
    // A GBK file (as Windows Excel saves it) is not mistaken for UTF-8.
    let out = sb.ok(&[
        "--lang",
        "en",
        "import",
        "bars",
        arg(&root().join("tests/hostile/bars_gbk.csv")),
    ]);
    assert!(out.contains("1 added"), "{out}");
    let stock = sb.ok(&["stock", "美格智能", "--asof", "2025-02-07", "--json"]);
    assert!(stock.contains("\"name\": \"美格智能\""), "{stock}");
    // Columns in another order land in the right fields.
    sb.ok(&[
        "import",
        "bars",
        arg(&root().join("tests/hostile/bars_reordered.csv")),
    ]);
    let conn = rusqlite::Connection::open(sb.db()).unwrap();
    let row: (i64, i64, i64, i64) = conn
        .query_row(
            "SELECT open, high, low, close FROM bars WHERE date = 20250207",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(row, (5280, 5356, 5210, 5356));
}

#[test]
fn the_corpus_readme_lists_every_file() {
    let readme = std::fs::read_to_string(root().join("tests/hostile/README.md")).unwrap();
    for entry in std::fs::read_dir(root().join("tests/hostile")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name != "README.md" {
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} is not described"
            );
        }
    }
    for case in CASES {
        if let Input::Made(name, _) = case.input {
            assert!(
                readme.contains(&format!("`{name}`")),
                "{name} is not described"
            );
        }
    }
}
