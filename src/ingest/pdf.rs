//! Text from PDF announcements: `lopdf` first, `pdftotext` (poppler-utils) as a fallback.
//!
//! lopdf decodes simple fonts, the predefined `UniGB-UCS2-H`/`UniGB-UTF16-H` CMaps and
//! `Identity-H` fonts with a `ToUnicode` map, which covers what cninfo's filings use; it
//! fails on other predefined CJK CMaps such as the legacy `GBK-EUC-H`, and a font without a
//! Unicode map yields unreadable characters. Its result is refused when any part of the
//! text could not be decoded or when it looks like garbage ([`garbage`]: no text at all,
//! over 10% U+FFFD/private-use/control characters, or no Chinese character in what should
//! be a Chinese filing); then `pdftotext -layout -enc UTF-8 FILE -` is run when installed.
//! A PDF without a text layer (a scan) or whose text neither can recover is an
//! [`Error::Pdf`] naming the reason, never stored.
//!
//! The text is normalised: page breaks and runs of spaces from the layout go, spaces
//! between two Chinese characters go (justified lines), and lines wrapped inside a
//! paragraph are joined (with nothing between Chinese characters, so 算力 split over two
//! lines is still one word).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;

use super::Error;

/// How a PDF's text was extracted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfMethod {
    /// The `lopdf` crate, in process.
    Lopdf,
    /// poppler's `pdftotext` program.
    Pdftotext,
}

impl PdfMethod {
    /// A short name for summaries.
    pub fn name(self) -> &'static str {
        match self {
            PdfMethod::Lopdf => "lopdf",
            PdfMethod::Pdftotext => "pdftotext",
        }
    }
}

/// A PDF's normalised text and how it was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// The text, normalised.
    pub text: String,
    /// The extractor that produced it.
    pub method: PdfMethod,
}

/// Extracts the text of the PDF at `path` (named `file` in messages).
pub fn extract_text(path: &Path, file: &str) -> Result<PdfText, Error> {
    let bytes = std::fs::read(path).map_err(|cause| Error::Io {
        file: file.to_string(),
        cause,
    })?;
    let first = match lopdf_text(&bytes) {
        Ok(text) => return Ok(text),
        Err(why) => why,
    };
    let fail = |reason: String| Error::Pdf {
        file: file.to_string(),
        reason,
    };
    if first.contains("decompression bomb") {
        // pdftotext would inflate it whole.
        return Err(fail(first));
    }
    match with_pdftotext(path) {
        Ok(text) => {
            let text = normalise(&text);
            match garbage(&text, false) {
                None => Ok(PdfText {
                    text,
                    method: PdfMethod::Pdftotext,
                }),
                Some(why) => Err(fail(format!("lopdf: {first}; pdftotext: {why}"))),
            }
        }
        Err(Fallback::Missing) => Err(fail(format!(
            "lopdf: {first}; pdftotext is not installed to try again \
             (install poppler-utils, e.g. apt-get install poppler-utils)"
        ))),
        Err(Fallback::Failed(why)) => Err(fail(format!("lopdf: {first}; pdftotext: {why}"))),
    }
}

/// Extracts the text of PDF bytes with lopdf alone, for a PDF that is not a file
/// (`pdftotext` needs one).
pub(crate) fn extract_text_in_process(bytes: &[u8], file: &str) -> Result<PdfText, Error> {
    lopdf_text(bytes).map_err(|why| Error::Pdf {
        file: file.to_string(),
        reason: format!("lopdf: {why}; pdftotext needs a file, and this PDF was not read from one"),
    })
}

/// lopdf's text, normalised, or why it is not usable.
fn lopdf_text(bytes: &[u8]) -> Result<PdfText, String> {
    let text = normalise(&with_lopdf(bytes)?);
    match garbage(&text, true) {
        None => Ok(PdfText {
            text,
            method: PdfMethod::Lopdf,
        }),
        Some(why) => Err(why),
    }
}

fn with_lopdf(bytes: &[u8]) -> Result<String, String> {
    // lopdf is a parser of untrusted input; a panic in it must not take the import down.
    let run = || -> Result<String, String> {
        scan_streams(bytes)?;
        OBJECT_STREAMS.set(ObjStmBudget {
            left: MAX_INFLATED,
            over: None,
        });
        let options = lopdf::LoadOptions::with_filter(object_stream_budget);
        let doc = lopdf::Document::load_mem_with_options(bytes, options)
            .map_err(|e| format!("cannot parse: {e}"))?;
        if let Some(id) = OBJECT_STREAMS.get().over {
            return Err(bomb(format!(
                "its object streams (object {} {} and those before it) inflate to more than {} \
                 MiB",
                id.0,
                id.1,
                MAX_INFLATED >> 20
            )));
        }
        inflated_size(&doc)?;
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        if pages.is_empty() {
            return Err("the PDF has no pages".to_string());
        }
        let mut text = String::new();
        for chunk in doc.extract_text_chunks(&pages) {
            match chunk {
                Ok(t) => text.push_str(&t),
                Err(e) => return Err(format!("cannot decode the text ({e})")),
            }
        }
        Ok(text)
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| Err("lopdf panicked".to_string()))
}

/// The most that the compressed streams text extraction reads may inflate to, together.
/// A long announcement's content streams and font maps come to a few MiB; a PDF whose
/// streams inflate to more is a decompression bomb (1 MB of zeros can inflate to 1 GB).
const MAX_INFLATED: u64 = 256 << 20;

/// Inflates every Flate stream that text extraction may read (all but images), counting
/// bytes and stopping at [`MAX_INFLATED`], so that a bomb is refused before lopdf or
/// pdftotext inflates it whole.
fn inflated_size(doc: &lopdf::Document) -> Result<u64, String> {
    use std::io::Read;
    let mut total = 0u64;
    for (id, obj) in &doc.objects {
        let lopdf::Object::Stream(stream) = obj else {
            continue;
        };
        let image = stream
            .dict
            .get(b"Subtype")
            .and_then(lopdf::Object::as_name)
            .is_ok_and(|n| n == b"Image");
        let flate = stream
            .filters()
            .is_ok_and(|f| f.iter().any(|n| *n == b"FlateDecode"));
        if image || !flate {
            continue;
        }
        let budget = MAX_INFLATED - total;
        let mut z = flate2::read::ZlibDecoder::new(stream.content.as_slice()).take(budget + 1);
        let n = std::io::copy(&mut z, &mut std::io::sink()).unwrap_or(0);
        total += n;
        if total > MAX_INFLATED {
            return Err(format!(
                "its compressed streams (object {} {} and those before it) inflate to more than \
                 {} MiB, which no announcement needs: refused as a decompression bomb",
                id.0,
                id.1,
                MAX_INFLATED >> 20
            ));
        }
    }
    Ok(total)
}

/// What is left of the object streams' budget while lopdf loads a PDF on this thread, and
/// the object stream that went over it.
#[derive(Clone, Copy)]
struct ObjStmBudget {
    left: u64,
    over: Option<lopdf::ObjectId>,
}

thread_local! {
    static OBJECT_STREAMS: std::cell::Cell<ObjStmBudget> =
        const { std::cell::Cell::new(ObjStmBudget { left: 0, over: None }) };
}

/// lopdf's load filter: it sees each object before lopdf inflates an object stream (a PDF
/// 1.5 `/Type /ObjStm`, which lopdf would inflate whole), so the stream is measured against
/// what is left of [`MAX_INFLATED`] while inflating, and one that goes over is dropped
/// (the load then reports it; see `with_lopdf`). Every other object is kept as it is.
fn object_stream_budget(
    id: lopdf::ObjectId,
    object: &mut lopdf::Object,
) -> Option<(lopdf::ObjectId, lopdf::Object)> {
    if let lopdf::Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            let mut budget = OBJECT_STREAMS.get();
            let n = probe(&stream.content, budget.left);
            if n > budget.left {
                budget.over = budget.over.or(Some(id));
                OBJECT_STREAMS.set(budget);
                return None;
            }
            budget.left -= n;
            OBJECT_STREAMS.set(budget);
        }
        // lopdf keeps the object it passed (a stream is never inside an object stream,
        // where the returned copy is what it keeps): no copy of the stream's bytes.
        return Some((id, lopdf::Object::Null));
    }
    Some((id, object.clone()))
}

/// How much one stream may inflate to, whatever it is: no stream of an announcement (a
/// page image included) comes near, and lopdf would hold a bigger one in memory.
const MAX_STREAM: u64 = 256 << 20;

/// How much all the streams of a PDF may inflate to together, images included, before
/// lopdf parses it (the work the scan below does).
const MAX_SCANNED: u64 = 1 << 30;

/// A refusal as a decompression bomb, in the words `extract_text` recognises.
fn bomb(what: String) -> String {
    format!("{what}, which no announcement needs: refused as a decompression bomb")
}

/// Reads every stream of the raw file before lopdf parses it, inflating each with a budget
/// checked while inflating: lopdf inflates cross-reference streams and object streams
/// whole while it loads, before [`inflated_size`] could look. A stream is found by its
/// `stream` keyword (as lopdf's parser reads it: `stream`, spaces, an end of line), so a
/// dictionary that hides its type cannot keep it out; its data is tried as zlib (and raw
/// deflate, as lopdf retries), LZW and ASCII85 (then zlib or LZW), the filters lopdf
/// decodes. Data that is none of them stops at its first bytes.
fn scan_streams(bytes: &[u8]) -> Result<(), String> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"stream") {
        let keyword = at + found;
        at = keyword + 6;
        if bytes[..keyword].ends_with(b"end") {
            continue;
        }
        let mut start = at;
        while matches!(bytes.get(start), Some(b' ' | b'\t')) {
            start += 1;
        }
        match (bytes.get(start), bytes.get(start + 1)) {
            (Some(b'\r'), Some(b'\n')) => start += 2,
            (Some(b'\n' | b'\r'), _) => start += 1,
            _ => continue,
        }
        let data = &bytes[start..];
        let n = probe(data, MAX_STREAM.min(MAX_SCANNED - total));
        total += n;
        if n > MAX_STREAM {
            return Err(bomb(format!(
                "a stream at byte {keyword} inflates to more than {} MiB",
                MAX_STREAM >> 20
            )));
        }
        if total > MAX_SCANNED {
            return Err(bomb(format!(
                "its streams inflate to more than {} MiB together",
                MAX_SCANNED >> 20
            )));
        }
    }
    Ok(())
}

/// The most `data` inflates to under any filter lopdf decodes (zlib or raw deflate, LZW
/// with or without early change, ASCII85 then either), each try stopped at `cap + 1`
/// bytes; 0 for data that none of them reads.
fn probe(data: &[u8], cap: u64) -> u64 {
    let mut most = inflate_len(data, cap).max(lzw_len(data, cap));
    if most <= cap {
        if let Some(decoded) = ascii85(data) {
            most = most
                .max(decoded.len() as u64)
                .max(inflate_len(&decoded, cap))
                .max(lzw_len(&decoded, cap));
        }
    }
    most
}

/// How much zlib data inflates to, at most `cap + 1`; as lopdf does, raw deflate after the
/// two header bytes when zlib yields nothing. What inflated before a corrupt end counts:
/// lopdf keeps it.
fn inflate_len(data: &[u8], cap: u64) -> u64 {
    let n = read_len(flate2::read::ZlibDecoder::new(data), cap);
    if n > 0 || data.len() <= 2 {
        return n;
    }
    read_len(flate2::read::DeflateDecoder::new(&data[2..]), cap)
}

/// How many bytes `r` gives before its end or its first error, at most `cap + 1`.
fn read_len(r: impl std::io::Read, cap: u64) -> u64 {
    use std::io::Read;
    let mut r = r.take(cap + 1);
    let mut buf = vec![0u8; 64 << 10];
    let mut n = 0u64;
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => return n,
            Ok(k) => n += k as u64,
        }
    }
}

/// How much LZW data (PDF's `LZWDecode`, with and without early change) decodes to, at most
/// `cap + 1`.
fn lzw_len(data: &[u8], cap: u64) -> u64 {
    use weezl::{decode::Decoder, BitOrder};
    /// Counts what the decoder writes and fails past the cap, which stops it.
    struct Count {
        n: u64,
        cap: u64,
    }
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.n += buf.len() as u64;
            if self.n > self.cap {
                return Err(std::io::Error::other("over the budget"));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut most = 0;
    for early in [true, false] {
        let mut decoder = if early {
            Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
        } else {
            Decoder::new(BitOrder::Msb, 8)
        };
        let mut count = Count { n: 0, cap };
        let _ = decoder.into_stream(&mut count).decode_all(data);
        most = most.max(count.n.min(cap + 1));
    }
    most
}

/// ASCII85 data decoded up to its `~>` or the first byte that is not ASCII85 (as lopdf
/// stops); `None` when nothing decodes. At most 4 bytes out per byte in.
fn ascii85(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut group, mut count) = (0u32, 0);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if count == 0 => out.extend_from_slice(&[0; 4]),
            c if c.is_ascii_whitespace() => {}
            b'!'..=b'u' => {
                group = group.wrapping_mul(85).wrapping_add(u32::from(c - b'!'));
                count += 1;
                if count == 5 {
                    out.extend_from_slice(&group.to_be_bytes());
                    (group, count) = (0, 0);
                }
            }
            _ => break,
        }
    }
    if count > 1 {
        // A last group of n digits is padded with `u` and gives n - 1 bytes.
        for _ in count..5 {
            group = group.wrapping_mul(85).wrapping_add(84);
        }
        out.extend_from_slice(&group.to_be_bytes()[..count - 1]);
    }
    (!out.is_empty()).then_some(out)
}

enum Fallback {
    Missing,
    Failed(String),
}

/// How long pdftotext may run, and how much text it may write, before it is stopped: a
/// hostile PDF must not hang or flood an import.
const PDFTOTEXT_TIME: std::time::Duration = std::time::Duration::from_secs(60);
const PDFTOTEXT_MAX_OUT: u64 = 64 << 20;

fn with_pdftotext(path: &Path) -> Result<String, Fallback> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Fallback::Missing,
            _ => Fallback::Failed(format!("cannot run it: {e}")),
        })?;
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(Fallback::Failed("no output pipes".into()));
    };
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.take(PDFTOTEXT_MAX_OUT + 1).read_to_end(&mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(64 << 10).read_to_end(&mut buf);
        buf
    });
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < PDFTOTEXT_TIME => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Fallback::Failed(format!(
                    "stopped after {} s without finishing",
                    PDFTOTEXT_TIME.as_secs()
                )));
            }
            Err(e) => return Err(Fallback::Failed(format!("cannot wait for it: {e}"))),
        }
    };
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let msg = String::from_utf8_lossy(&stderr);
        let msg = msg.lines().next().unwrap_or("").trim();
        return Err(Fallback::Failed(format!("failed ({status}) {msg}")));
    }
    if stdout.len() as u64 > PDFTOTEXT_MAX_OUT {
        return Err(Fallback::Failed(format!(
            "wrote more than {} MiB of text, which no announcement has",
            PDFTOTEXT_MAX_OUT >> 20
        )));
    }
    Ok(String::from_utf8_lossy(&stdout).into_owned())
}

/// Why a text is not usable, or `None` when it is. `chinese`: a text with no Chinese
/// character is garbage too (an A-share filing is in Chinese; a font without a Unicode map
/// often decodes to Latin letters).
pub(crate) fn garbage(text: &str, chinese: bool) -> Option<String> {
    let (mut total, mut bad, mut cjk) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if c == '\u{fffd}' || is_private_use(c) || c.is_control() {
            bad += 1;
        } else if is_cjk(c) {
            cjk += 1;
        }
    }
    if total == 0 {
        return Some("no text layer (a scanned image?); run OCR on it first".to_string());
    }
    if bad * 10 > total {
        return Some(format!(
            "{bad} of {total} characters are unreadable (U+FFFD, private-use or control)"
        ));
    }
    if chinese && cjk == 0 {
        return Some("no Chinese character in the text (a font without a Unicode map?)".into());
    }
    None
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

/// A CJK ideograph (basic, extension A, compatibility, extensions B and later).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}')
}

/// Chinese text or punctuation: no space belongs next to it.
fn is_wide(c: char) -> bool {
    is_cjk(c) || matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
}

/// Punctuation that ends a paragraph line on purpose.
fn ends_paragraph(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '：' | '；' | '!' | '?' | ':')
}

/// A title line ends in 公告, 函 or 提示 (a full-width title must not swallow the next line).
fn is_title(line: &str) -> bool {
    ["公告", "函", "提示"].iter().any(|w| line.ends_with(w))
}

/// Normalises extracted text (see the module doc).
pub(crate) fn normalise(text: &str) -> String {
    let lines: Vec<String> = text
        .split(['\n', '\r', '\x0c'])
        .map(squeeze_spaces)
        .collect();
    let full = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) * 4 / 5;
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<&str> = None;
    for line in &lines {
        if line.is_empty() {
            if prev.is_some() {
                out.push('\n');
            }
            prev = None;
            continue;
        }
        if let Some(p) = prev {
            let last = p.chars().next_back().unwrap_or(' ');
            let wrapped = p.chars().count() >= full && !ends_paragraph(last) && !is_title(p);
            if !wrapped {
                out.push('\n');
            } else if !(is_wide(last) && line.starts_with(is_wide)) {
                out.push(' ');
            }
        }
        out.push_str(line);
        prev = Some(line);
    }
    // Paragraph breaks from blank lines: at most one newline in a row.
    let mut tidy = String::with_capacity(out.len());
    for c in out.trim().chars() {
        if !(c == '\n' && tidy.ends_with('\n')) {
            tidy.push(c);
        }
    }
    tidy
}

/// Trims a line, collapses runs of spaces to one and drops spaces between wide characters.
fn squeeze_spaces(line: &str) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let before = out.chars().next_back();
            let after = chars.get(j).copied();
            if !(before.is_some_and(is_wide) && after.is_some_and(is_wide)) {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Prefixes of announcement header lines that are not the title.
const HEADER_LINES: [&str; 8] = [
    "证券代码",
    "股票代码",
    "A股代码",
    "B股代码",
    "证券简称",
    "股票简称",
    "公告编号",
    "债券代码",
];

/// The title of an announcement: the first of its first 15 lines that reads like one
/// (mentions 公告, 提示, 报告 or 函, at most 80 characters, not a code/number header line).
pub(crate) fn guess_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(15)
        .find(|l| {
            !HEADER_LINES.iter().any(|h| l.contains(h))
                && l.chars().count() <= 80
                && ["公告", "提示", "报告", "函"].iter().any(|w| l.contains(w))
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn a_stream_is_measured_under_every_filter_lopdf_decodes_and_stopped_at_the_cap() {
        let zeros = vec![0u8; 1 << 20];
        let z = zlib(&zeros);
        assert_eq!(probe(&z, 4 << 20), 1 << 20);
        assert_eq!(probe(&z, 1000), 1001, "stopped one byte past the cap");
        // Raw deflate behind a broken zlib header, as lopdf retries it.
        let mut broken = z.clone();
        broken[0] = 0;
        assert_eq!(inflate_len(&broken, 4 << 20), 1 << 20);
        // A stream cut before its checksum still inflates (and lopdf keeps what it gave).
        assert!(inflate_len(&z[..z.len() - 6], 4 << 20) > 1 << 19);
        // LZW.
        let mut lzw = Vec::new();
        weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .into_stream(&mut lzw)
            .encode_all(&zeros[..])
            .status
            .unwrap();
        assert!(probe(&lzw, 4 << 20) >= 1 << 20);
        assert_eq!(lzw_len(&lzw, 100), 101);
        // ASCII85 around zlib.
        let a85: Vec<u8> = {
            let mut out = Vec::new();
            for chunk in z.chunks(4) {
                let mut w = [0u8; 4];
                w[..chunk.len()].copy_from_slice(chunk);
                let mut n = u32::from_be_bytes(w);
                let mut d = [0u8; 5];
                for x in d.iter_mut().rev() {
                    *x = b'!' + (n % 85) as u8;
                    n /= 85;
                }
                out.extend(&d[..chunk.len() + 1]);
            }
            out.extend(b"~>");
            out
        };
        assert_eq!(ascii85(&a85).unwrap()[..z.len()], z[..]);
        assert_eq!(probe(&a85, 4 << 20), 1 << 20);
        // Plain bytes inflate to nothing.
        assert!(probe(b"BT /F1 12 Tf (hello) Tj ET", 1 << 20) < 64);
    }

    #[test]
    fn the_scan_finds_streams_by_their_keyword_and_refuses_one_over_the_budget() {
        let mut pdf =
            b"%PDF-1.5\n4 0 obj\n<< /Length 5 >>\nstream\r\nBT ET\nendstream\nendobj\n".to_vec();
        assert!(scan_streams(&pdf).is_ok());
        let big = zlib(&vec![b' '; (MAX_STREAM + 1) as usize]);
        pdf.extend(b"5 0 obj\n<< /Type /XRef /Filter /FlateDecode >>\nstream  \n");
        pdf.extend(&big);
        pdf.extend(b"\nendstream\nendobj\n");
        let why = scan_streams(&pdf).unwrap_err();
        assert!(
            why.contains("decompression bomb") && why.contains("256 MiB"),
            "{why}"
        );
    }

    #[test]
    fn garbage_is_told_from_text() {
        assert_eq!(garbage("公司股票交易异常波动", true), None);
        assert!(garbage("  \n ", true).unwrap().contains("no text layer"));
        assert!(garbage("\u{fffd}\u{fffd}\u{e001}公司", true)
            .unwrap()
            .contains("unreadable"));
        assert!(garbage("Hello world", true).unwrap().contains("no Chinese"));
        assert_eq!(garbage("Hello world", false), None);
    }

    #[test]
    fn wrapped_lines_are_joined_and_layout_spaces_dropped() {
        let text = "证券代码：002881     证券简称：美格智能\n\n\
                    美格智能技术股份有限公司关于股票交易异常波动的公告\n\
                    公司目前生产经营正常，市场环境和行业政策未发生重大调整，算\n\
                    力模组业务收入占比较小。\n\x0c\
                    本公司 董事会 保证公告内容真实、准确和完整。";
        let got = normalise(text);
        assert_eq!(
            got,
            "证券代码：002881 证券简称：美格智能\n\
             美格智能技术股份有限公司关于股票交易异常波动的公告\n\
             公司目前生产经营正常，市场环境和行业政策未发生重大调整，算力模组业务收入占比较小。\n\
             本公司董事会保证公告内容真实、准确和完整。"
        );
        assert_eq!(
            super::super::filing_head::code(&got).map(|s| s.to_string()),
            Some("002881.SZ".to_string())
        );
        assert_eq!(
            guess_title(&got).as_deref(),
            Some("美格智能技术股份有限公司关于股票交易异常波动的公告")
        );
    }

    #[test]
    fn latin_words_wrapped_over_lines_keep_a_space() {
        assert_eq!(
            normalise("the company signed a contract with\nDeepSeek for"),
            "the company signed a contract with DeepSeek for"
        );
    }
}
