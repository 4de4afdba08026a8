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
        let doc = lopdf::Document::load_mem(bytes).map_err(|e| format!("cannot parse: {e}"))?;
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
const HEADER_LINES: [&str; 6] = [
    "证券代码",
    "股票代码",
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

/// The stock code of a `证券代码：002881` (or 股票代码) line near the top of an announcement.
pub(crate) fn announced_code(text: &str) -> Option<String> {
    let head: String = text.chars().take(600).collect();
    for key in ["证券代码", "股票代码"] {
        let Some(at) = head.find(key) else { continue };
        let rest = head[at + key.len()..].trim_start_matches([':', '：', ' ', '\u{3000}']);
        let code: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if code.len() == 6 {
            return Some(code);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(announced_code(&got).as_deref(), Some("002881"));
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
