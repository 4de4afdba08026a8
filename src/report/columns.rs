//! One column schema for every table hypecheck writes as rows: the same [`Column`] list
//! and the same [`Batch`] of typed values give the CSV and the Parquet file, so the two
//! never disagree on a name, a type or an empty cell.
//!
//! A table is a `const` list of columns; a producer pushes each row's cells in column
//! order and a [`TableWriter`] writes the batches as CSV or Parquet:
//!
//! ```
//! use hypecheck::report::columns::{Batch, Column, TableWriter};
//! use hypecheck::report::Format;
//!
//! const PRICES: &[Column] = &[
//!     Column::text("code"),
//!     Column::date("date"),
//!     Column::i64("close_fen"),
//!     Column::f64("ret5").nullable(),
//!     Column::bool("limit_up"),
//! ];
//! let mut rows = Batch::new(PRICES);
//! let day: hypecheck::model::Date = "2025-02-07".parse().unwrap();
//! rows.push("002881.SZ").push(day).push(2812).push(Some(0.61)).push(true).end_row();
//! rows.push("600000.SH").push(day).push(1010).push(None::<f64>).push(false).end_row();
//! let mut out = TableWriter::new(Vec::new(), Format::Csv, PRICES).unwrap();
//! out.write(&rows).unwrap();
//! let csv = String::from_utf8(out.finish().unwrap()).unwrap();
//! assert_eq!(
//!     csv,
//!     "code,date,close_fen,ret5,limit_up\n\
//!      002881.SZ,2025-02-07,2812,0.610000,1\n\
//!      600000.SH,2025-02-07,1010,,0\n"
//! );
//! ```
//!
//! CSV: a header of the column names, then one line per row; an empty cell is null;
//! booleans are `1`/`0`; dates `YYYY-MM-DD`; floats in fixed notation with the column's
//! [`Column::decimals`] (6 unless set); texts are quoted when needed and defused for
//! spreadsheets ([`super::csv_text`]). Parquet: texts are UTF-8 `BYTE_ARRAY` (logical type
//! String), integers `INT64`, floats `DOUBLE` at full precision, booleans `BOOLEAN`, dates
//! `INT32` (logical type Date); a nullable column is `OPTIONAL`, any other `REQUIRED`;
//! snappy-compressed, dictionary-encoded where it pays, in row groups of up to
//! [`ROW_GROUP_ROWS`] rows.

use std::io::Write;
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type as ParquetType;

use super::Format;
use crate::model::Date;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// UTF-8 text.
    Text,
    /// A 64-bit integer (prices in fen, counts).
    I64,
    /// A 64-bit float (fractions, amounts in yuan).
    F64,
    /// True or false.
    Bool,
    /// A calendar date.
    Date,
}

/// One column of a table: its name (fixed, English, snake case), its type, whether a cell
/// may be empty, and the decimals its floats get in CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The name in the CSV header and the Parquet schema.
    pub name: &'static str,
    /// What it holds.
    pub ty: Type,
    /// Whether a cell may be null (empty in CSV).
    pub nullable: bool,
    /// Digits after the point of a float in CSV.
    pub decimals: u8,
}

impl Column {
    const fn of(name: &'static str, ty: Type) -> Column {
        Column {
            name,
            ty,
            nullable: false,
            decimals: 6,
        }
    }
    /// A text column.
    pub const fn text(name: &'static str) -> Column {
        Column::of(name, Type::Text)
    }
    /// An integer column.
    pub const fn i64(name: &'static str) -> Column {
        Column::of(name, Type::I64)
    }
    /// A float column (6 decimals in CSV unless [`Column::decimals`] says otherwise).
    pub const fn f64(name: &'static str) -> Column {
        Column::of(name, Type::F64)
    }
    /// A boolean column.
    pub const fn bool(name: &'static str) -> Column {
        Column::of(name, Type::Bool)
    }
    /// A date column.
    pub const fn date(name: &'static str) -> Column {
        Column::of(name, Type::Date)
    }
    /// The column may hold nulls.
    pub const fn nullable(self) -> Column {
        Column {
            nullable: true,
            ..self
        }
    }
    /// Floats get `n` digits after the point in CSV (Parquet keeps every bit).
    pub const fn decimals(self, n: u8) -> Column {
        Column {
            decimals: n,
            ..self
        }
    }
}

/// The names of `columns`, in order.
pub fn names(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.name).collect()
}

/// One cell as a producer gives it. `Option<T>` of any cell type converts too (`None` is
/// [`Cell::Null`]), so nullable values are pushed as they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Nothing (only in a nullable column).
    Null,
    /// Text.
    Text(&'a str),
    /// An integer.
    I64(i64),
    /// A float; a non-finite one is stored as null.
    F64(f64),
    /// A boolean.
    Bool(bool),
    /// A date.
    Date(Date),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(v: &'a str) -> Self {
        Cell::Text(v)
    }
}
impl<'a> From<&'a String> for Cell<'a> {
    fn from(v: &'a String) -> Self {
        Cell::Text(v)
    }
}
impl From<i64> for Cell<'_> {
    fn from(v: i64) -> Self {
        Cell::I64(v)
    }
}
impl From<u32> for Cell<'_> {
    fn from(v: u32) -> Self {
        Cell::I64(v.into())
    }
}
impl From<i32> for Cell<'_> {
    fn from(v: i32) -> Self {
        Cell::I64(v.into())
    }
}
impl From<usize> for Cell<'_> {
    fn from(v: usize) -> Self {
        Cell::I64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Cell<'_> {
    fn from(v: f64) -> Self {
        Cell::F64(v)
    }
}
impl From<bool> for Cell<'_> {
    fn from(v: bool) -> Self {
        Cell::Bool(v)
    }
}
impl From<Date> for Cell<'_> {
    fn from(v: Date) -> Self {
        Cell::Date(v)
    }
}
impl<'a, T: Into<Cell<'a>>> From<Option<T>> for Cell<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Null, Into::into)
    }
}

/// A column's values. Nulls hold a placeholder in `values` and `false` in `valid`.
#[derive(Debug, Clone)]
enum Values {
    /// UTF-8 bytes of every cell one after the other, and where each cell ends.
    Text(Vec<u8>, Vec<usize>),
    I64(Vec<i64>),
    F64(Vec<f64>),
    Bool(Vec<bool>),
    /// Days since 1970-01-01.
    Date(Vec<i32>),
}

impl Values {
    fn new(ty: Type) -> Values {
        match ty {
            Type::Text => Values::Text(Vec::new(), Vec::new()),
            Type::I64 => Values::I64(Vec::new()),
            Type::F64 => Values::F64(Vec::new()),
            Type::Bool => Values::Bool(Vec::new()),
            Type::Date => Values::Date(Vec::new()),
        }
    }

    fn text(&self, row: usize) -> &str {
        let Values::Text(bytes, ends) = self else {
            unreachable!("a text column holds text")
        };
        let start = if row == 0 { 0 } else { ends[row - 1] };
        // Only whole `&str`s are ever appended.
        std::str::from_utf8(&bytes[start..ends[row]]).unwrap_or_default()
    }

    fn append(&mut self, other: &Values) {
        match (self, other) {
            (Values::Text(b, e), Values::Text(ob, oe)) => {
                let base = b.len();
                b.extend_from_slice(ob);
                e.extend(oe.iter().map(|x| x + base));
            }
            (Values::I64(a), Values::I64(b)) => a.extend_from_slice(b),
            (Values::F64(a), Values::F64(b)) => a.extend_from_slice(b),
            (Values::Bool(a), Values::Bool(b)) => a.extend_from_slice(b),
            (Values::Date(a), Values::Date(b)) => a.extend_from_slice(b),
            _ => unreachable!("batches of one schema have the same column types"),
        }
    }
}

/// Rows of one table, held column by column with their types. Cells are pushed in
/// column order with [`Batch::push`], each row closed with [`Batch::end_row`]; a cell of
/// the wrong type, a null in a column that is not nullable, or a row with too few or too
/// many cells is a bug in the producer and panics with the column's name.
#[derive(Debug, Clone)]
pub struct Batch {
    columns: Vec<Column>,
    values: Vec<Values>,
    /// Per column, whether each cell is set (kept for nullable columns only).
    valid: Vec<Vec<bool>>,
    rows: usize,
    /// The column the next pushed cell goes to.
    at: usize,
}

impl Batch {
    /// An empty batch of a table with these columns.
    pub fn new(columns: &[Column]) -> Batch {
        Batch {
            columns: columns.to_vec(),
            values: columns.iter().map(|c| Values::new(c.ty)).collect(),
            valid: columns.iter().map(|_| Vec::new()).collect(),
            rows: 0,
            at: 0,
        }
    }

    /// The table's columns.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// Complete rows held.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row is held.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Sets the next cell of the current row.
    #[inline]
    pub fn push<'a>(&mut self, cell: impl Into<Cell<'a>>) -> &mut Batch {
        let i = self.at;
        let Some(col) = self.columns.get(i) else {
            panic!(
                "a row has more cells than the {} columns",
                self.columns.len()
            );
        };
        let mut cell = cell.into();
        if matches!(cell, Cell::F64(x) if !x.is_finite()) {
            cell = Cell::Null;
        }
        let set = !matches!(cell, Cell::Null);
        assert!(
            set || col.nullable,
            "column {} is not nullable but got a null",
            col.name
        );
        match (&mut self.values[i], cell) {
            (Values::Text(b, e), Cell::Text(s)) => {
                b.extend_from_slice(s.as_bytes());
                e.push(b.len());
            }
            (Values::Text(b, e), Cell::Null) => e.push(b.len()),
            (Values::I64(v), Cell::I64(x)) => v.push(x),
            (Values::I64(v), Cell::Null) => v.push(0),
            (Values::F64(v), Cell::F64(x)) => v.push(x),
            (Values::F64(v), Cell::Null) => v.push(0.0),
            (Values::Bool(v), Cell::Bool(x)) => v.push(x),
            (Values::Bool(v), Cell::Null) => v.push(false),
            (Values::Date(v), Cell::Date(d)) => v.push(days_since_epoch(d)),
            (Values::Date(v), Cell::Null) => v.push(0),
            (_, cell) => panic!("column {} ({:?}) got {cell:?}", col.name, col.ty),
        }
        if col.nullable {
            self.valid[i].push(set);
        }
        self.at += 1;
        self
    }

    /// Closes the current row; every column must have its cell.
    pub fn end_row(&mut self) {
        assert_eq!(
            self.at,
            self.columns.len(),
            "a row has {} cells for {} columns",
            self.at,
            self.columns.len()
        );
        self.at = 0;
        self.rows += 1;
    }

    /// The cell at `row`, `col`.
    pub fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        if self.columns[col].nullable && !self.valid[col][row] {
            return Cell::Null;
        }
        match &self.values[col] {
            v @ Values::Text(..) => Cell::Text(v.text(row)),
            Values::I64(v) => Cell::I64(v[row]),
            Values::F64(v) => Cell::F64(v[row]),
            Values::Bool(v) => Cell::Bool(v[row]),
            Values::Date(v) => Cell::Date(date_from_days(v[row])),
        }
    }

    /// Moves the rows of `other` (a batch of the same columns) to the end of this one.
    pub fn append(&mut self, other: &Batch) {
        assert_eq!(self.columns, other.columns, "batches of different tables");
        assert!(self.at == 0 && other.at == 0, "a row is half pushed");
        for (a, b) in self.values.iter_mut().zip(&other.values) {
            a.append(b);
        }
        for (a, b) in self.valid.iter_mut().zip(&other.valid) {
            a.extend_from_slice(b);
        }
        self.rows += other.rows;
    }

    /// Empties the batch, keeping its memory.
    pub fn clear(&mut self) {
        for v in &mut self.values {
            match v {
                Values::Text(b, e) => {
                    b.clear();
                    e.clear();
                }
                Values::I64(v) => v.clear(),
                Values::F64(v) => v.clear(),
                Values::Bool(v) => v.clear(),
                Values::Date(v) => v.clear(),
            }
        }
        self.valid.iter_mut().for_each(Vec::clear);
        self.rows = 0;
        self.at = 0;
    }

    /// Makes room for `rows` more rows without reallocating (text cells counted at 16
    /// bytes each).
    pub fn reserve(&mut self, rows: usize) {
        for v in &mut self.values {
            match v {
                Values::Text(b, e) => {
                    b.reserve(rows * 16);
                    e.reserve(rows);
                }
                Values::I64(v) => v.reserve(rows),
                Values::F64(v) => v.reserve(rows),
                Values::Bool(v) => v.reserve(rows),
                Values::Date(v) => v.reserve(rows),
            }
        }
        for (valid, c) in self.valid.iter_mut().zip(&self.columns) {
            if c.nullable {
                valid.reserve(rows);
            }
        }
    }

    /// Appends the rows as CSV lines (no header) to `out`.
    ///
    /// Each cell is encoded straight from its column into `out` (no [`Cell`] in between,
    /// no allocation); the text is the same as [`Batch::cell`] values would give through
    /// [`write_fixed`], [`write_date`] and [`super::csv_text`].
    pub fn write_csv_rows(&self, out: &mut Vec<u8>) {
        let mut ints = itoa::Buffer::new();
        // Per column: its values, its validity when nullable, its decimals.
        let cols: Vec<(&Values, Option<&[bool]>, u8)> = self
            .columns
            .iter()
            .zip(&self.values)
            .zip(&self.valid)
            .map(|((c, v), valid)| (v, c.nullable.then_some(valid.as_slice()), c.decimals))
            .collect();
        for row in 0..self.rows {
            for (col, &(values, valid, decimals)) in cols.iter().enumerate() {
                if col > 0 {
                    out.push(b',');
                }
                if valid.is_some_and(|v| !v[row]) {
                    continue;
                }
                match values {
                    Values::Text(bytes, ends) => {
                        let start = if row == 0 { 0 } else { ends[row - 1] };
                        csv_text_field(out, &bytes[start..ends[row]]);
                    }
                    Values::I64(v) => out.extend_from_slice(ints.format(v[row]).as_bytes()),
                    Values::F64(v) => write_fixed(out, v[row], decimals),
                    Values::Bool(v) => out.push(if v[row] { b'1' } else { b'0' }),
                    Values::Date(v) => write_days(out, v[row]),
                }
            }
            out.push(b'\n');
        }
    }
}

/// `YYYY-MM-DD` of a date given as days since 1970-01-01 (the civil calendar from days,
/// as chrono counts it); years outside 0..=9999 go through chrono's formatter.
fn write_days(out: &mut Vec<u8>, days: i32) {
    match ymd_text(days) {
        Some(text) => out.extend_from_slice(&text),
        None => out.extend_from_slice(date_from_days(days).to_string().as_bytes()),
    }
}

/// The ten bytes of `YYYY-MM-DD`, for years 0 to 9999.
fn ymd_text(days: i32) -> Option<[u8; 10]> {
    // Howard Hinnant's civil_from_days, on days shifted to start on 0000-03-01.
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let digit = |x: i64| b'0' + (x % 10) as u8;
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ])
}

/// A text cell from its UTF-8 bytes: defused for spreadsheets as [`super::csv_text`] does
/// (a leading `'` before `=`, `+`, `-`, `@`, tab or carriage return), then quoted as
/// [`csv_field`] does.
fn csv_text_field(out: &mut Vec<u8>, s: &[u8]) {
    let defuse = matches!(s.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'));
    let quote = s.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quote {
        out.push(b'"');
    }
    if defuse {
        out.push(b'\'');
    }
    if quote {
        for &b in s {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s);
    }
}

/// Rows made ready for one output format ahead of writing: CSV lines already encoded
/// (so the encoding can run on another thread), or the typed batch for Parquet.
#[derive(Debug, Clone)]
pub enum Chunk {
    /// CSV lines without the header.
    Csv(Vec<u8>),
    /// Typed rows.
    Rows(Batch),
}

impl Chunk {
    /// `batch` ready for `format` (`Csv` or `Parquet`).
    pub fn new(format: Format, batch: Batch) -> Chunk {
        match format {
            Format::Csv => {
                let mut out = Vec::with_capacity(batch.len() * 16 * batch.columns.len());
                batch.write_csv_rows(&mut out);
                Chunk::Csv(out)
            }
            _ => Chunk::Rows(batch),
        }
    }

    /// The bytes it holds (the CSV text, or an estimate for typed rows).
    pub fn heap_size(&self) -> usize {
        match self {
            Chunk::Csv(b) => b.len(),
            Chunk::Rows(b) => b.len() * b.columns.len() * 8,
        }
    }
}

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The output could not be written.
    #[error("cannot write the table: {0}")]
    Io(#[from] std::io::Error),
    /// The Parquet writer failed.
    #[error("cannot write the Parquet file: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// The format writes no table (table, JSON and HTML are rendered elsewhere).
    #[error("{0:?} is not a table format: use CSV or Parquet")]
    NotTable(Format),
}

/// Rows up to which a Parquet row group is gathered before it is written.
pub const ROW_GROUP_ROWS: usize = 256 * 1024;

/// Writes a table as CSV or Parquet into `W`, batch by batch.
pub struct TableWriter<W: Write + Send> {
    sink: Sink<W>,
}

enum Sink<W: Write + Send> {
    /// The output and the buffer each batch is encoded into (kept between batches).
    Csv(W, Vec<u8>),
    Parquet(Box<ParquetSink<W>>),
}

struct ParquetSink<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    pending: Batch,
}

impl<W: Write + Send> TableWriter<W> {
    /// A writer of `columns` in `format` (`Csv` or `Parquet`) into `out`; CSV's header is
    /// written at once.
    pub fn new(out: W, format: Format, columns: &[Column]) -> Result<Self, Error> {
        Self::with_bom(out, format, columns, false)
    }

    /// As [`TableWriter::new`]; CSV starts with a UTF-8 byte-order mark when `bom` is set
    /// (Excel on a Chinese Windows reads UTF-8 without it as GBK).
    pub fn with_bom(
        mut out: W,
        format: Format,
        columns: &[Column],
        bom: bool,
    ) -> Result<Self, Error> {
        let sink = match format {
            Format::Csv => {
                if bom {
                    out.write_all("\u{feff}".as_bytes())?;
                }
                out.write_all(names(columns).join(",").as_bytes())?;
                out.write_all(b"\n")?;
                Sink::Csv(out, Vec::new())
            }
            Format::Parquet => {
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_created_by(format!("hypecheck {}", env!("CARGO_PKG_VERSION")))
                    .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
                    .build();
                let writer =
                    SerializedFileWriter::new(out, parquet_schema(columns)?, Arc::new(props))?;
                Sink::Parquet(Box::new(ParquetSink {
                    writer,
                    pending: Batch::new(columns),
                }))
            }
            other => return Err(Error::NotTable(other)),
        };
        Ok(TableWriter { sink })
    }

    /// Writes the rows of `batch`.
    pub fn write(&mut self, batch: &Batch) -> Result<(), Error> {
        match &mut self.sink {
            Sink::Csv(out, buf) => {
                buf.clear();
                batch.write_csv_rows(buf);
                out.write_all(buf)?;
            }
            Sink::Parquet(p) => {
                p.pending.append(batch);
                if p.pending.len() >= ROW_GROUP_ROWS {
                    row_group(&mut p.writer, &p.pending)?;
                    p.pending.clear();
                }
            }
        }
        Ok(())
    }

    /// Writes a chunk made with [`Chunk::new`] for this writer's format.
    pub fn write_chunk(&mut self, chunk: &Chunk) -> Result<(), Error> {
        match (&mut self.sink, chunk) {
            (Sink::Csv(out, _), Chunk::Csv(bytes)) => Ok(out.write_all(bytes)?),
            (_, Chunk::Rows(batch)) => self.write(batch),
            // CSV lines cannot go into a Parquet file: a chunk made for another format.
            (Sink::Parquet(_), Chunk::Csv(_)) => Err(Error::NotTable(Format::Csv)),
        }
    }

    /// Writes what is pending (Parquet's last row group and footer), flushes, and hands
    /// back the output.
    pub fn finish(self) -> Result<W, Error> {
        match self.sink {
            Sink::Csv(mut out, _) => {
                out.flush()?;
                Ok(out)
            }
            Sink::Parquet(p) => {
                let ParquetSink {
                    mut writer,
                    pending,
                } = *p;
                if !pending.is_empty() {
                    row_group(&mut writer, &pending)?;
                }
                let mut out = writer.into_inner()?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

/// The Parquet schema of `columns`.
fn parquet_schema(columns: &[Column]) -> Result<Arc<ParquetType>, Error> {
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, logical) = match c.ty {
                Type::Text => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Type::I64 => (Physical::INT64, None),
                Type::F64 => (Physical::DOUBLE, None),
                Type::Bool => (Physical::BOOLEAN, None),
                Type::Date => (Physical::INT32, Some(LogicalType::Date)),
            };
            let repetition = if c.nullable {
                Repetition::OPTIONAL
            } else {
                Repetition::REQUIRED
            };
            Ok(Arc::new(
                ParquetType::primitive_type_builder(c.name, physical)
                    .with_repetition(repetition)
                    .with_logical_type(logical)
                    .build()?,
            ))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Arc::new(
        ParquetType::group_type_builder("hypecheck")
            .with_fields(fields)
            .build()?,
    ))
}

/// Writes `batch` as one row group.
fn row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    batch: &Batch,
) -> Result<(), Error> {
    let mut group = writer.next_row_group()?;
    let mut col = 0;
    while let Some(mut column) = group.next_column()? {
        let nullable = batch.columns[col].nullable;
        let valid = &batch.valid[col];
        // Definition levels of an OPTIONAL column (1 set, 0 null); values of set cells only.
        let levels: Option<Vec<i16>> = nullable.then(|| valid.iter().map(|&v| v.into()).collect());
        let keep = |i: &usize| !nullable || valid[*i];
        let levels = levels.as_deref();
        match &batch.values[col] {
            Values::Text(bytes, ends) => {
                let all = Bytes::copy_from_slice(bytes);
                let values: Vec<ByteArray> = (0..batch.rows)
                    .filter(keep)
                    .map(|i| {
                        let start = if i == 0 { 0 } else { ends[i - 1] };
                        ByteArray::from(all.slice(start..ends[i]))
                    })
                    .collect();
                column
                    .typed::<ByteArrayType>()
                    .write_batch(&values, levels, None)?;
            }
            Values::I64(v) => {
                let values: Vec<i64> = (0..batch.rows).filter(keep).map(|i| v[i]).collect();
                column
                    .typed::<Int64Type>()
                    .write_batch(&values, levels, None)?;
            }
            Values::F64(v) => {
                let values: Vec<f64> = (0..batch.rows).filter(keep).map(|i| v[i]).collect();
                column
                    .typed::<DoubleType>()
                    .write_batch(&values, levels, None)?;
            }
            Values::Bool(v) => {
                let values: Vec<bool> = (0..batch.rows).filter(keep).map(|i| v[i]).collect();
                column
                    .typed::<BoolType>()
                    .write_batch(&values, levels, None)?;
            }
            Values::Date(v) => {
                let values: Vec<i32> = (0..batch.rows).filter(keep).map(|i| v[i]).collect();
                column
                    .typed::<Int32Type>()
                    .write_batch(&values, levels, None)?;
            }
        }
        column.close()?;
        col += 1;
    }
    group.close()?;
    Ok(())
}

const EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn days_since_epoch(d: Date) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

fn date_from_days(days: i32) -> Date {
    Date::from_num_days_from_ce_opt(days + EPOCH_DAYS_FROM_CE).unwrap_or_default()
}

/// `YYYY-MM-DD` without going through a formatter.
pub fn write_date(out: &mut Vec<u8>, date: Date) {
    write_days(out, days_since_epoch(date));
}

/// Powers of ten that are exact as floats.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// A float in fixed notation with `decimals` digits after the point (`-0.012833`), never
/// `-0.000000`; nothing when it is not finite. Rounds half away from zero at the last
/// digit, on the float times the power of ten.
pub fn write_fixed(out: &mut Vec<u8>, x: f64, decimals: u8) {
    if !x.is_finite() {
        return;
    }
    let scaled = POW10.get(usize::from(decimals)).map(|p| x * p);
    let Some(scaled) = scaled.filter(|v| v.abs() < 9.0e15) else {
        // Beyond exact integers: let the formatter do it.
        let s = format!("{x:.*}", usize::from(decimals));
        out.extend_from_slice(s.as_bytes());
        return;
    };
    // `f64::round` without the libm call: below 2^53 the fraction is exact.
    let whole = scaled as i64;
    let frac = scaled - whole as f64;
    let units = if frac >= 0.5 {
        whole + 1
    } else if frac <= -0.5 {
        whole - 1
    } else {
        whole
    };
    // The text is built backwards in a stack buffer and copied once: at most 16 digits
    // (below 9e15), a point, a leading zero and a sign.
    let mut buf = [0u8; 24];
    let mut at = buf.len();
    let mut a = units.unsigned_abs();
    let decimals = usize::from(decimals);
    let mut left = decimals;
    while left >= 2 {
        at -= 2;
        put_pair(&mut buf, at, a % 100);
        a /= 100;
        left -= 2;
    }
    if left == 1 {
        at -= 1;
        buf[at] = b'0' + (a % 10) as u8;
        a /= 10;
    }
    if decimals > 0 {
        at -= 1;
        buf[at] = b'.';
    }
    while a >= 100 {
        at -= 2;
        put_pair(&mut buf, at, a % 100);
        a /= 100;
    }
    if a >= 10 {
        at -= 2;
        put_pair(&mut buf, at, a);
    } else {
        at -= 1;
        buf[at] = b'0' + a as u8;
    }
    if units < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    out.extend_from_slice(&buf[at..]);
}

/// The two digits of `n` (below 100) at `buf[at..at + 2]`.
#[inline]
fn put_pair(buf: &mut [u8; 24], at: usize, n: u64) {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let n = n as usize * 2;
    buf[at..at + 2].copy_from_slice(&PAIRS[n..n + 2]);
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &[Column] = &[
        Column::text("name").nullable(),
        Column::i64("n").nullable(),
        Column::f64("x").nullable().decimals(2),
        Column::bool("b"),
        Column::date("d").nullable(),
    ];

    fn sample() -> Batch {
        let mut b = Batch::new(T);
        let d: Date = "2025-02-07".parse().unwrap();
        b.push("a,\"b\"\n").push(-3).push(-0.001).push(true).push(d);
        b.end_row();
        b.push(None::<&str>)
            .push(None::<i64>)
            .push(f64::NAN)
            .push(false)
            .push(None::<Date>);
        b.end_row();
        b.push("=SUM(A1)").push(7).push(12.345).push(false).push(d);
        b.end_row();
        b
    }

    #[test]
    fn csv_quotes_defuses_and_leaves_nulls_empty() {
        let mut out = Vec::new();
        sample().write_csv_rows(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a,\"\"b\"\"\n\",-3,0.00,1,2025-02-07\n,,,0,\n'=SUM(A1),7,12.35,0,2025-02-07\n"
        );
        // Defused and quoted: the apostrophe goes inside the quotes, as csv_text then
        // quoting would put it.
        let mut b = Batch::new(&T[..1]);
        b.push("=1,2").end_row();
        b.push("-\"x\"").end_row();
        b.push("云帆").end_row();
        let mut out = Vec::new();
        b.write_csv_rows(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"'=1,2\"\n\"'-\"\"x\"\"\"\n云帆\n"
        );
    }

    #[test]
    fn fixed_floats() {
        let mut v = Vec::new();
        for (x, d) in [
            (0.610827, 6),
            (-0.012833, 6),
            (0.0, 6),
            (2.5e-7, 6),
            (-1.0, 6),
            (-0.00001, 4),
            (28120000.0, 2),
            (1e300, 2),
        ] {
            write_fixed(&mut v, x, d);
            v.push(b'|');
        }
        let s = String::from_utf8(v).unwrap();
        assert!(
            s.starts_with(
                "0.610827|-0.012833|0.000000|0.000000|-1.000000|0.0000|28120000.00|1000000000"
            ),
            "{s}"
        );
    }

    /// The encoding before it skipped libm and the second integer formatting: `round` of
    /// the float times `10^decimals`, then whole units and zero-padded fraction.
    fn fixed_reference(x: f64, decimals: u8) -> String {
        let scaled = (x * 10f64.powi(i32::from(decimals))).round();
        if scaled.abs() >= 9.0e15 || decimals > 15 {
            return format!("{x:.*}", usize::from(decimals));
        }
        let units = scaled as i64;
        let pow = 10u64.pow(u32::from(decimals));
        let a = units.unsigned_abs();
        let sign = if units < 0 { "-" } else { "" };
        match decimals {
            0 => format!("{sign}{a}"),
            d => format!("{sign}{}.{:0w$}", a / pow, a % pow, w = usize::from(d)),
        }
    }

    #[test]
    fn fixed_floats_match_the_reference_encoding() {
        // Ties, near-ties, signs, magnitudes and every number of decimals.
        let mut xs = vec![
            0.5, -0.5, 1.5, 2.5, -2.5, 0.0000005, -0.0000005, 0.1234565, 1e-7, -1e-7, 0.0, -0.0,
            8.99e15, 9.1e15, -9.1e15, 4.5e15, 123456.125, 0.015, -0.015, 1.005,
        ];
        // A fixed pseudo-random spread over many magnitudes.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mantissa = (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5;
            let exp = (state % 24) as i32 - 12;
            xs.push(mantissa * 10f64.powi(exp));
        }
        for &x in &xs {
            for d in [0u8, 1, 2, 4, 6, 9, 15, 16] {
                let mut v = Vec::new();
                write_fixed(&mut v, x, d);
                assert_eq!(
                    String::from_utf8(v).unwrap(),
                    fixed_reference(x, d),
                    "{x} {d}"
                );
            }
        }
    }

    #[test]
    fn dates_match_chrono() {
        // Every day from 1900 to 2200, and the edges of the years written by hand.
        let mut days: Vec<i32> = (-25_567..84_000).collect();
        days.extend([
            -719_528,
            -719_529,
            2_932_896,
            2_932_897,
            i32::from(i16::MIN),
        ]);
        for d in days {
            let date = date_from_days(d);
            let mut v = Vec::new();
            write_days(&mut v, d);
            assert_eq!(String::from_utf8(v).unwrap(), date.to_string(), "{d}");
        }
    }

    #[test]
    fn batches_append_and_read_back() {
        let mut a = sample();
        let b = sample();
        a.append(&b);
        assert_eq!(a.len(), 6);
        assert_eq!(a.cell(3, 0), Cell::Text("a,\"b\"\n"));
        assert_eq!(a.cell(4, 1), Cell::Null);
        assert_eq!(a.cell(5, 4), Cell::Date("2025-02-07".parse().unwrap()));
        let d: Date = "1969-12-31".parse().unwrap();
        assert_eq!(date_from_days(days_since_epoch(d)), d);
        assert_eq!(days_since_epoch("1970-01-02".parse().unwrap()), 1);
    }

    #[test]
    #[should_panic(expected = "column b (Bool) got I64(1)")]
    fn a_cell_of_the_wrong_type_is_a_bug() {
        let mut b = Batch::new(T);
        b.push("x").push(1).push(1.0).push(1);
    }

    #[test]
    fn parquet_is_written_and_starts_and_ends_with_its_magic() {
        let mut w = TableWriter::new(Vec::new(), Format::Parquet, T).unwrap();
        w.write(&sample()).unwrap();
        let bytes = w.finish().unwrap();
        assert_eq!(&bytes[..4], b"PAR1");
        assert_eq!(&bytes[bytes.len() - 4..], b"PAR1");
        assert!(matches!(
            TableWriter::new(Vec::new(), Format::Json, T),
            Err(Error::NotTable(Format::Json))
        ));
    }
}
