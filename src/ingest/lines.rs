//! The text of given lines of a file, decoded as the readers decode it (gzip, GBK, BOM):
//! what `import --skip-bad` writes beside each rejected row.

use std::io::{BufRead, BufReader};
use std::path::Path;

use super::source;
use super::Error;

/// Longest text kept of one line (a rejected row is shown, not stored).
const MAX_LINE: usize = 64 << 10;

/// The text of each line of `path` whose 1-based number is in `wanted` (sorted or not), in
/// file order, without its line break; a line longer than 64 KiB is cut there. A PDF is
/// one document, not lines: nothing. Lines past the end are left out.
pub fn line_texts(path: &Path, wanted: &[u64]) -> Result<Vec<(u64, String)>, Error> {
    let mut wanted: Vec<u64> = wanted.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let file = path.display().to_string();
    if wanted.is_empty() || file.to_ascii_lowercase().ends_with(".pdf") {
        return Ok(Vec::new());
    }
    let src = source::open(path, &file)?;
    let mut reader = BufReader::new(src.reader);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut next = wanted.iter().copied().peekable();
    let mut line = 0u64;
    while let Some(&want) = next.peek() {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|cause| Error::Io {
                file: file.clone(),
                cause,
            })?;
        if n == 0 {
            break;
        }
        line += 1;
        if line == want {
            next.next();
            let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            let text = &text[..text.len().min(MAX_LINE)];
            out.push((line, String::from_utf8_lossy(text).into_owned()));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wanted_lines_come_back_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.csv");
        let text = "code,name\r\n002881,美格智能\r\n60000x,坏\r\n600126,杭钢股份\r\n";
        std::fs::write(&path, encoding_rs::GBK.encode(text).0).unwrap();
        let got = line_texts(&path, &[3, 9, 1]).unwrap();
        assert_eq!(
            got,
            vec![(1, "code,name".to_string()), (3, "60000x,坏".to_string())]
        );
        assert!(line_texts(&path, &[]).unwrap().is_empty());
    }
}
