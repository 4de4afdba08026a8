//! [`Splitter`]: a CSV record splitter tuned for bar files.
//!
//! Bar files are millions of short unquoted lines, so the fast path finds the line end and
//! the commas with `memchr` and hands out slices of one reused buffer. A line containing a
//! quote takes the RFC 4180 path (quoted fields, `""` escapes, line breaks inside quotes)
//! into a scratch buffer. Empty lines are skipped but counted, so line numbers in messages
//! match what an editor shows.

use std::io::{self, Read};

use memchr::memchr_iter;

const INITIAL: usize = 1 << 20;

/// Splits a byte stream into records of fields.
pub(crate) struct Splitter<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    next_line: u64,
    line: u64,
    fields: Vec<(usize, usize)>,
    scratch: Vec<u8>,
    quoted: bool,
}

impl<R: Read> Splitter<R> {
    /// Wraps a UTF-8 byte stream.
    pub fn new(inner: R) -> Self {
        Splitter {
            inner,
            buf: vec![0; INITIAL],
            start: 0,
            end: 0,
            eof: false,
            next_line: 1,
            line: 0,
            fields: Vec::with_capacity(32),
            scratch: Vec::new(),
            quoted: false,
        }
    }

    /// The number of fields of the current record.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// A field of the current record.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let &(a, b) = self.fields.get(i)?;
        Some(if self.quoted {
            &self.scratch[a..b]
        } else {
            &self.buf[a..b]
        })
    }

    /// The 1-based line where the current record starts.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads more input after compacting the buffer; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            let n = self.buf.len() * 2;
            self.buf.resize(n, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Moves to the next non-empty record; false at the end.
    pub fn next_record(&mut self) -> io::Result<bool> {
        loop {
            // One scalar pass finds the commas and the line end: fields are a few bytes
            // long, too short for a vectorised search per delimiter to pay off.
            self.fields.clear();
            let mut i = self.start;
            let mut from = i;
            let nl = loop {
                if i == self.end {
                    let (offset, field) = (i - self.start, from - self.start);
                    let more = self.fill()?;
                    i = self.start + offset;
                    from = self.start + field;
                    // `fill` may move the data: rebase the fields found so far.
                    let base = self.start;
                    self.rebase(base);
                    if !more {
                        break None;
                    }
                    continue;
                }
                match self.buf[i] {
                    b',' => {
                        self.fields.push((from, i));
                        from = i + 1;
                    }
                    b'\n' => break Some(i),
                    b'"' => return self.quoted_record().map(|()| true),
                    _ => {}
                }
                i += 1;
            };
            let line_end = nl.unwrap_or(self.end);
            if nl.is_none() && line_end == self.start {
                return Ok(false);
            }
            let mut b = line_end;
            if b > from && self.buf[b - 1] == b'\r' {
                b -= 1;
            }
            let empty = self.fields.is_empty() && b == self.start;
            self.start = nl.map_or(self.end, |i| i + 1);
            self.line = self.next_line;
            self.next_line += 1;
            if empty {
                continue;
            }
            self.quoted = false;
            self.fields.push((from, b));
            return Ok(true);
        }
    }

    /// After `fill` moved the unread data to the front, shifts the field offsets found so
    /// far by the same amount. `base` is the new start; offsets were relative to the old.
    fn rebase(&mut self, base: usize) {
        if let Some(&(first, _)) = self.fields.first() {
            let old_start = first;
            if old_start != base {
                // Fields were recorded as absolute positions of the old buffer; the first
                // field always starts at the record start, so the shift is known.
                let shift = old_start - base;
                for f in &mut self.fields {
                    f.0 -= shift;
                    f.1 -= shift;
                }
            }
        }
    }

    /// Parses a record with quotes, which may span lines, into `scratch`.
    fn quoted_record(&mut self) -> io::Result<()> {
        // Find the record's end: a newline outside quotes.
        let mut i = self.start;
        let mut in_quotes = false;
        let end = loop {
            if i == self.end {
                let offset = i - self.start;
                if !self.fill()? {
                    break self.end;
                }
                i = self.start + offset;
                continue;
            }
            match self.buf[i] {
                b'"' => in_quotes = !in_quotes,
                b'\n' if !in_quotes => break i,
                _ => {}
            }
            i += 1;
        };
        let rec = &self.buf[self.start..end];
        let rec = rec.strip_suffix(b"\r").unwrap_or(rec);
        self.line = self.next_line;
        self.next_line += 1 + memchr_iter(b'\n', rec).count() as u64;
        self.scratch.clear();
        self.fields.clear();
        self.quoted = true;
        let mut from = 0;
        let mut in_quotes = false;
        let mut j = 0;
        while j < rec.len() {
            let c = rec[j];
            match (c, in_quotes) {
                (b'"', false) => in_quotes = true,
                (b'"', true) if rec.get(j + 1) == Some(&b'"') => {
                    self.scratch.push(b'"');
                    j += 1;
                }
                (b'"', true) => in_quotes = false,
                (b',', false) => {
                    self.fields.push((from, self.scratch.len()));
                    from = self.scratch.len();
                }
                _ => self.scratch.push(c),
            }
            j += 1;
        }
        self.fields.push((from, self.scratch.len()));
        self.start = if end < self.end { end + 1 } else { self.end };
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut s = Splitter::new(text.as_bytes());
        let mut out = Vec::new();
        while s.next_record().unwrap() {
            let fields = (0..s.len())
                .map(|i| String::from_utf8(s.get(i).unwrap().to_vec()).unwrap())
                .collect();
            out.push((s.line(), fields));
        }
        out
    }

    #[test]
    fn plain_lines_with_crlf_and_blank_lines() {
        assert_eq!(
            split("a,b,c\r\n1,,3\r\n\r\nx,y,z"),
            vec![
                (1, vec!["a".into(), "b".into(), "c".into()]),
                (2, vec!["1".into(), "".into(), "3".into()]),
                (4, vec!["x".into(), "y".into(), "z".into()]),
            ]
        );
        assert!(split("").is_empty());
        assert!(split("\n\n").is_empty());
    }

    #[test]
    fn quoted_fields_escapes_and_embedded_newlines() {
        assert_eq!(
            split("n,v\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",2\nlast,1\n"),
            vec![
                (1, vec!["n".into(), "v".into()]),
                (2, vec!["a,b".into(), "say \"hi\"".into()]),
                (3, vec!["two\nlines".into(), "2".into()]),
                (5, vec!["last".into(), "1".into()]),
            ]
        );
    }

    #[test]
    fn records_longer_than_the_buffer_and_across_reads() {
        let long = "x".repeat(3 * INITIAL);
        let text = format!("h\n{long}\n\"{long}\"\nend\n");
        let got = split(&text);
        assert_eq!(got.len(), 4);
        assert_eq!(got[1].1[0].len(), long.len());
        assert_eq!(got[2].1[0].len(), long.len());
        assert_eq!(got[3], (4, vec!["end".to_string()]));
        // A reader that returns one byte at a time.
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = b;
                self.0 = rest;
                Ok(1)
            }
        }
        let mut s = Splitter::new(Slow(b"a,\"b\nc\"\n1,2"));
        assert!(s.next_record().unwrap());
        assert_eq!(s.get(1), Some(&b"b\nc"[..]));
        assert!(s.next_record().unwrap());
        assert_eq!((s.line(), s.get(1)), (3, Some(&b"2"[..])));
        assert!(!s.next_record().unwrap());
    }
}
