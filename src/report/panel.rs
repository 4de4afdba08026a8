//! The panel's writers (`hypecheck panel`): CSV, Parquet and JSON from the one column list
//! of [`crate::panel::columns::COLUMNS`], row by row into a sink, so a panel of millions of
//! rows is written as it is walked.

use std::io::{self, Write};

use super::columns;
use super::Format;
use crate::panel::columns::{Type, Value, COLUMNS};
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
                    buf.push(';');
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

/// The panel's columns as the output layer's schema ([`columns::Column`]): the same names,
/// types and nullability as [`COLUMNS`]; floats with 6 decimals in CSV, the amount in yuan
/// with 2.
pub fn schema() -> Vec<columns::Column> {
    COLUMNS
        .iter()
        .map(|c| {
            let col = match c.ty {
                Type::Date => columns::Column::date(c.name),
                Type::Text => columns::Column::text(c.name),
                Type::Bool => columns::Column::bool(c.name),
                Type::Int => columns::Column::i64(c.name),
                Type::Float if c.name == "amount" => columns::Column::f64(c.name).decimals(2),
                Type::Float => columns::Column::f64(c.name),
            };
            if c.nullable {
                col.nullable()
            } else {
                col
            }
        })
        .collect()
}

/// Rows gathered before they are handed to the writer.
const BATCH_ROWS: usize = 8192;

/// A CSV or Parquet sink through the output layer ([`columns::TableWriter`]): the header
/// (CSV) or schema (Parquet) on creation, rows gathered in batches. CSV has no byte-order
/// mark (it is a dataset for programs: pandas and polars read it as is); booleans `1`/`0`,
/// floats in fixed notation, empty cells for nulls, texts defused for spreadsheets; flags
/// are their fixed names joined by `;`.
pub struct TableSink<W: Write + Send> {
    out: columns::TableWriter<W>,
    batch: columns::Batch,
    buf: String,
}

impl<W: Write + Send> TableSink<W> {
    /// Starts the file in `format` (`Csv` or `Parquet`).
    pub fn new(w: W, format: Format) -> Result<TableSink<W>, columns::Error> {
        let schema = schema();
        Ok(TableSink {
            out: columns::TableWriter::new(w, format, &schema)?,
            batch: columns::Batch::new(&schema),
            buf: String::new(),
        })
    }

    /// Adds one row.
    pub fn row(&mut self, r: &Row<'_>) -> Result<(), columns::Error> {
        for i in 0..COLUMNS.len() {
            let v = r.value(i);
            let b = &mut self.batch;
            match v {
                Value::Null => b.push(None::<&str>),
                Value::Date(d) => b.push(d),
                Value::Text(t) => b.push(t),
                Value::Symbol(_) | Value::Flags(_) => {
                    cell_text(v, &mut self.buf);
                    b.push(self.buf.as_str())
                }
                Value::Bool(x) => b.push(x),
                Value::Int(x) => b.push(x),
                Value::Float(x) => b.push(Some(x).filter(|x| x.is_finite())),
            };
        }
        self.batch.end_row();
        if self.batch.len() >= BATCH_ROWS {
            self.out.write(&self.batch)?;
            self.batch.clear();
        }
        Ok(())
    }

    /// Writes what is gathered and ends the file.
    pub fn finish(mut self) -> Result<W, columns::Error> {
        if !self.batch.is_empty() {
            self.out.write(&self.batch)?;
        }
        self.out.finish()
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
