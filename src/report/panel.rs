//! The panel's writers (`hypecheck panel`): CSV and JSON from the one column list of
//! [`crate::panel::columns::COLUMNS`], row by row into a sink, so a panel of millions of
//! rows is written as it is walked.

use std::io::{self, Write};

use crate::panel::columns::{Value, COLUMNS};
use crate::panel::Row;

/// Writes one cell's text into `buf` (cleared first); false for a null.
fn cell_text(v: Value<'_>, buf: &mut String) -> bool {
    use std::fmt::Write as _;
    buf.clear();
    match v {
        Value::Null => return false,
        Value::Date(d) => {
            let _ = write!(buf, "{d}");
        }
        Value::Text(t) => buf.push_str(t),
        Value::Symbol(s) => {
            let _ = write!(buf, "{s}");
        }
        Value::Flags(f) => {
            for (i, f) in f.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                buf.push_str(f.name());
            }
        }
        Value::Bool(b) => buf.push_str(if b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(buf, "{i}");
        }
        Value::Float(x) => {
            if !x.is_finite() {
                return false;
            }
            let _ = write!(buf, "{x}");
        }
    }
    true
}

/// Digits after the point of a float column in CSV: amounts in yuan get 2, fractions 6.
fn decimals(name: &str) -> usize {
    if name == "amount" {
        2
    } else {
        6
    }
}

/// A CSV sink: the header on creation, then one line per row. No byte-order mark (it is a
/// dataset for programs: pandas and polars read it as is); booleans `1`/`0`; floats in
/// fixed notation ([`decimals`]); empty cells for nulls; texts defused for spreadsheets.
pub struct CsvSink<W: Write> {
    out: csv::Writer<W>,
    buf: String,
}

impl<W: Write> CsvSink<W> {
    /// Starts the file (writes the header).
    pub fn new(w: W) -> io::Result<CsvSink<W>> {
        let mut out = csv::WriterBuilder::new().from_writer(w);
        out.write_record(COLUMNS.iter().map(|c| c.name))?;
        Ok(CsvSink {
            out,
            buf: String::new(),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, r: &Row<'_>) -> io::Result<()> {
        use std::fmt::Write as _;
        for (i, c) in COLUMNS.iter().enumerate() {
            let v = r.value(i);
            self.buf.clear();
            match v {
                Value::Bool(b) => self.buf.push(if b { '1' } else { '0' }),
                Value::Float(x) if x.is_finite() => {
                    let x = if x == 0.0 { 0.0 } else { x };
                    let _ = write!(self.buf, "{x:.*}", decimals(c.name));
                    if self.buf.starts_with('-')
                        && self.buf[1..].bytes().all(|b| b == b'0' || b == b'.')
                    {
                        self.buf.remove(0); // never "-0.000000"
                    }
                }
                Value::Text(t) => self.buf.push_str(&super::csv_text(t)),
                v => {
                    cell_text(v, &mut self.buf);
                }
            }
            self.out.write_field(self.buf.as_bytes())?;
        }
        self.out.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Ends the file.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        self.out.into_inner().map_err(|e| e.into_error())
    }
}

/// A JSON sink: an array of objects, one per row, keyed by the column names (null cells
/// are `null`).
pub struct JsonSink<W: Write> {
    out: W,
    rows: u64,
    buf: String,
}

impl<W: Write> JsonSink<W> {
    /// Starts the array.
    pub fn new(mut w: W) -> io::Result<JsonSink<W>> {
        w.write_all(b"[")?;
        Ok(JsonSink {
            out: w,
            rows: 0,
            buf: String::new(),
        })
    }

    /// Writes one row.
    pub fn row(&mut self, r: &Row<'_>) -> io::Result<()> {
        let sep: &[u8] = if self.rows == 0 { b"\n{" } else { b",\n{" };
        self.out.write_all(sep)?;
        for (i, c) in COLUMNS.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            serde_json::to_writer(&mut self.out, c.name)?;
            self.out.write_all(b":")?;
            let v = r.value(i);
            match v {
                Value::Bool(_) | Value::Int(_) | Value::Float(_) if cell_text(v, &mut self.buf) => {
                    self.out.write_all(self.buf.as_bytes())?
                }
                _ if cell_text(v, &mut self.buf) => {
                    serde_json::to_writer(&mut self.out, &self.buf)?
                }
                _ => self.out.write_all(b"null")?,
            }
        }
        self.out.write_all(b"}")?;
        self.rows += 1;
        Ok(())
    }

    /// Ends the array.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()
    }
}
