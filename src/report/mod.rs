//! Renderers: turn computed results into text for people (tables, HTML) or programs
//! (JSON, CSV): [`scan`], [`dossier`] and [`ladder`] per job, [`html`] for the scan report.
//!
//! Renderers build strings; they never print. The A-share colour convention applies to
//! tables: red for up, green for down, and plain text when colour is off (`NO_COLOR`, or
//! output that is not a terminal).

pub mod check;
pub mod columns;
pub mod dossier;
pub mod evidence;
pub mod html;
pub mod import;
pub mod ladder;
pub mod panel;
pub mod reason;
pub mod scan;
pub mod search;
pub mod study;
pub mod table;
pub mod themes;

use std::borrow::Cow;

/// The formats a command can write; each command takes the ones that fit what it makes
/// (`--format`): tables of rows take `csv` and `parquet`, from one column schema
/// ([`columns`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// An aligned table (or readable listing) for the terminal.
    Table,
    /// JSON for programs.
    Json,
    /// CSV, one row per line, from the command's column schema.
    Csv,
    /// Apache Parquet, from the same column schema as CSV.
    Parquet,
    /// A self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 5] = [
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Parquet,
        Format::Html,
    ];

    /// The name on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Html => "html",
        }
    }

    /// The format of a `--format` name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Whether the output is bytes a terminal should not be sent (Parquet).
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

/// Evidence classes in the user's language (中文 labels, or the fixed English names).
pub fn class_labels(classes: &[crate::text::Class], lang: crate::model::Lang) -> Vec<&'static str> {
    classes
        .iter()
        .map(|c| lang.pick(c.label_zh(), c.name()))
        .collect()
}

/// A text cell for CSV that a spreadsheet will show, not run: a cell starting with `=`,
/// `+`, `-`, `@`, tab or carriage return is a formula to Excel, LibreOffice and WPS
/// (`=HYPERLINK(...)` in a scraped stock name), so it gets a leading `'` (OWASP's advice
/// on CSV injection). Only texts from files go through here; numbers are written as they are.
///
/// ```
/// use hypecheck::report::csv_text;
/// assert_eq!(csv_text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(csv_text("云帆科技"), "云帆科技");
/// ```
pub fn csv_text(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}
