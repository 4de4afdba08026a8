//! Opening a file as a stream of UTF-8 bytes: gzip is detected by its magic bytes, the
//! encoding from the first 64 KiB (UTF-8 with or without BOM, else GB18030, a superset of
//! GBK). Decompression and transcoding run on a helper thread so that they overlap with
//! CSV parsing on the caller's thread.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::thread;

use super::Error;

/// The text encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (or plain ASCII).
    Utf8,
    /// UTF-8 starting with a byte-order mark, as Excel writes it.
    Utf8Bom,
    /// GB18030 / GBK, as Chinese Windows software writes it.
    Gb18030,
}

impl Encoding {
    /// A short name for summaries.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 BOM",
            Encoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// How many compressed bytes have been read, for progress bars.
#[derive(Debug, Clone)]
pub struct Progress {
    read: Arc<AtomicU64>,
    total: u64,
}

impl Progress {
    /// Bytes of the file read so far.
    pub fn read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The file's size in bytes.
    pub fn total(&self) -> u64 {
        self.total
    }
}

/// A file opened for reading as UTF-8.
pub(crate) struct Source {
    /// The UTF-8 byte stream.
    pub reader: Box<dyn Read + Send>,
    /// The detected encoding.
    pub encoding: Encoding,
    /// Whether the file was gzip-compressed.
    pub gzip: bool,
    /// Bytes read from disk.
    pub progress: Progress,
}

const PEEK: usize = 64 * 1024;
const CHUNK: usize = 256 * 1024;

/// Opens `path`, named `file` in messages.
pub(crate) fn open(path: &Path, file: &str) -> Result<Source, Error> {
    let io_err = |cause| Error::Io {
        file: file.to_string(),
        cause,
    };
    let f = File::open(path).map_err(io_err)?;
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    from_reader(Box::new(f), total, file)
}

/// Opens any byte stream (stdin, a download, bytes in memory) as [`open`] opens a file;
/// `total` is its size for progress bars (0 when unknown).
pub(crate) fn from_reader(
    inner: Box<dyn Read + Send>,
    total: u64,
    file: &str,
) -> Result<Source, Error> {
    let io_err = |cause| Error::Io {
        file: file.to_string(),
        cause,
    };
    let read = Arc::new(AtomicU64::new(0));
    let mut counted = Counting {
        inner,
        read: Arc::clone(&read),
    };
    let mut magic = [0u8; 2];
    let n = read_full(&mut counted, &mut magic).map_err(io_err)?;
    let head = Cursor::new(magic[..n].to_vec());
    let gzip = n == 2 && magic == [0x1f, 0x8b];
    let mut raw: Box<dyn Read + Send> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(
            io::BufReader::with_capacity(CHUNK, head.chain(counted)),
        ))
    } else {
        Box::new(head.chain(counted))
    };
    let mut peek = vec![0u8; PEEK];
    let n = read_full(&mut raw, &mut peek).map_err(io_err)?;
    peek.truncate(n);
    let encoding = detect_encoding(&peek, n == PEEK).map_err(|e| match e {
        NotText::Is(encoding) => Error::Encoding {
            file: file.to_string(),
            encoding,
        },
        NotText::Mixed(line) => Error::MixedEncoding {
            file: file.to_string(),
            line,
        },
    })?;
    if encoding == Encoding::Utf8Bom {
        peek.drain(..3);
    }
    let stream = Cursor::new(peek).chain(raw);
    let reader: Box<dyn Read + Send> = match (encoding, gzip) {
        (Encoding::Gb18030, _) => Box::new(Pumped::spawn(Transcoder::new(stream))),
        (_, true) => Box::new(Pumped::spawn(stream)),
        (_, false) => Box::new(stream),
    };
    Ok(Source {
        reader,
        encoding,
        gzip,
        progress: Progress { read, total },
    })
}

/// Why a file cannot be read as text.
#[derive(Debug, PartialEq)]
enum NotText {
    /// It is something else (UTF-16, binary).
    Is(&'static str),
    /// It starts as UTF-8 and stops being UTF-8 on this line.
    Mixed(u64),
}

/// Picks the encoding from the first bytes; `Err` with what the file is instead for
/// UTF-16 (with or without a byte-order mark) and for bytes that are no text at all.
fn detect_encoding(head: &[u8], truncated: bool) -> Result<Encoding, NotText> {
    if head.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Ok(Encoding::Utf8Bom);
    }
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Err(NotText::Is("UTF-16"));
    }
    // Text has no NUL bytes; UTF-16 without a mark has one in every other byte. A stray
    // NUL in one field is reported with its line by the readers.
    let nuls = head.iter().filter(|&&b| b == 0).count();
    if nuls * 4 > head.len() && head.len() >= 4 {
        return Err(NotText::Is(
            "UTF-16 (or binary: a quarter of its bytes are NUL)",
        ));
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok(Encoding::Utf8),
        // A multi-byte character cut by the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() && truncated => Ok(Encoding::Utf8),
        Err(e) if head[..e.valid_up_to()].iter().any(|&b| b >= 0x80) => {
            // Valid UTF-8 Chinese, then bytes that are not: a file pasted together from two
            // encodings. Reading it as either would garble one part.
            let line = head[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(NotText::Mixed(line as u64))
        }
        Err(_) => {
            // GB18030 accepts almost any byte pair, but not every one: bytes that are
            // neither UTF-8 nor GB18030 are no text file (a spreadsheet, an image…).
            let body = if truncated {
                &head[..head.len().saturating_sub(4)]
            } else {
                head
            };
            let (_, malformed) = encoding_rs::GB18030.decode_without_bom_handling(body);
            if malformed || nuls > 0 {
                Err(NotText::Is(
                    "not text in UTF-8 or GBK (binary data? an .xlsx or .zip?)",
                ))
            } else {
                Ok(Encoding::Gb18030)
            }
        }
    }
}

pub(crate) fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Counts the bytes read from the file.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Decodes GB18030 to UTF-8 as a stream (malformed bytes become U+FFFD).
struct Transcoder<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    in_start: usize,
    in_end: usize,
    eof: bool,
    finished: bool,
    output: Vec<u8>,
    out_start: usize,
    out_end: usize,
}

impl<R: Read> Transcoder<R> {
    fn new(inner: R) -> Self {
        Transcoder {
            inner,
            decoder: encoding_rs::GB18030.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK],
            in_start: 0,
            in_end: 0,
            eof: false,
            finished: false,
            // Two GBK bytes become at most three UTF-8 bytes (four-byte GB18030 → four).
            output: vec![0; CHUNK * 2],
            out_start: 0,
            out_end: 0,
        }
    }

    /// Decodes more input into `output`; returns false at the end.
    fn fill(&mut self) -> io::Result<bool> {
        loop {
            if self.finished {
                return Ok(false);
            }
            if self.in_start == self.in_end && !self.eof {
                self.in_start = 0;
                self.in_end = self.inner.read(&mut self.input)?;
                self.eof = self.in_end == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.input[self.in_start..self.in_end],
                &mut self.output,
                self.eof,
            );
            self.in_start += read;
            self.out_start = 0;
            self.out_end = written;
            // The last call (with `last = true`) may still write; the decoder must not be
            // called again after it.
            self.finished = self.eof && result == encoding_rs::CoderResult::InputEmpty;
            if written > 0 {
                return Ok(true);
            }
        }
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.out_start == self.out_end && !self.fill()? {
            return Ok(0);
        }
        let n = out.len().min(self.out_end - self.out_start);
        out[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

/// Runs a reader on a helper thread and hands its output over in chunks.
struct Pumped {
    rx: Receiver<io::Result<Vec<u8>>>,
    chunk: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Pumped {
    fn spawn<R: Read + Send + 'static>(mut inner: R) -> Pumped {
        let (tx, rx) = sync_channel::<io::Result<Vec<u8>>>(4);
        thread::spawn(move || loop {
            let mut buf = vec![0u8; CHUNK];
            let msg = read_full(&mut inner, &mut buf).map(|n| {
                buf.truncate(n);
                buf
            });
            let stop = !matches!(&msg, Ok(b) if !b.is_empty());
            // The receiver is gone when the caller stopped reading early: just stop.
            if tx.send(msg).is_err() || stop {
                return;
            }
        });
        Pumped {
            rx,
            chunk: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl Read for Pumped {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.chunk.len() {
            if self.done {
                return Ok(0);
            }
            match self.rx.recv() {
                Ok(Ok(chunk)) => {
                    self.done = chunk.is_empty();
                    self.chunk = chunk;
                    self.pos = 0;
                }
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(_) => {
                    self.done = true;
                    return Err(io::Error::other("the decompression thread stopped"));
                }
            }
        }
        let n = out.len().min(self.chunk.len() - self.pos);
        out[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(detect_encoding(b"code,date", false), Ok(Encoding::Utf8));
        assert_eq!(
            detect_encoding("\u{feff}日期".as_bytes(), false),
            Ok(Encoding::Utf8Bom)
        );
        assert_eq!(
            detect_encoding("日期".as_bytes(), false),
            Ok(Encoding::Utf8)
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("日期,股票代码");
        assert_eq!(detect_encoding(&gbk, false), Ok(Encoding::Gb18030));
        assert!(detect_encoding(&[0xff, 0xfe, b'a', 0], false).is_err());
        let utf16: Vec<u8> = "code,date"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            matches!(detect_encoding(&utf16, false), Err(NotText::Is(e)) if e.starts_with("UTF-16"))
        );
        // A zip (xlsx) header: neither UTF-8 nor GBK.
        let zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x80\x80";
        assert!(matches!(detect_encoding(zip, false), Err(NotText::Is(e)) if e.contains("binary")));
        let mut mixed = "code,name\n002881,美格智能\n".as_bytes().to_vec();
        mixed.extend(encoding_rs::GBK.encode("002881,美格智能\n").0.iter());
        assert_eq!(detect_encoding(&mixed, false), Err(NotText::Mixed(3)));
        // A character cut at the end of the sample does not make a UTF-8 file GBK.
        let cut = &"日期".as_bytes()[..4];
        assert_eq!(detect_encoding(cut, true), Ok(Encoding::Utf8));
    }

    #[test]
    fn transcoder_decodes_across_chunk_boundaries() {
        let text = "日期,名称\n2025-02-07,*ST中天\n".repeat(5000);
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        let mut out = String::new();
        Transcoder::new(Cursor::new(gbk.into_owned()))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn pumped_reader_returns_everything() {
        let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        Pumped::spawn(Cursor::new(data.clone()))
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, data);
    }
}
