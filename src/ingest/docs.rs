//! Readers for document files (docs/design.md §4): JSON Lines, CSV with the same column names,
//! AkShare's 互动易 and e互动 Q&A exports, plain text and PDF announcements, each turned
//! into [`Document`]s.
//!
//! - Format ([`DocFormat`]): `.pdf` (or a file starting `%PDF-`) is a PDF, `.txt` plain
//!   text, `.jsonl`/`.ndjson`/`.json` (or a file starting with `{`) JSON Lines; anything else
//!   is CSV, told apart by its header: AkShare `stock_irm_cninfo`/`stock_irm_ans_cninfo`
//!   (问题 and 回答内容), `stock_sns_sseinfo` (问题, 回答 and 问题时间), or the generic
//!   columns `id,code,date,kind,title,text,question,answer,url,source[,name]`. Files may be
//!   gzip-compressed and UTF-8, UTF-8 with BOM or GBK (see `source.rs`); unknown columns
//!   and JSON keys are ignored.
//! - Other tools' names are read when ours are absent ([`FIELD_ALIASES`]: `event_date`,
//!   `publish_date`, `发布时间` → `date`; `excerpt`, `content`, `正文` → `text`; `doc_type`,
//!   `类型` → `kind`), and `--map FROM=TO` ([`DocDefaults::map`]) reads any column or key as
//!   one of our fields, before our own name. A line missing several required fields is
//!   one error naming all of them.
//! - Fields: `code` in any form the other readers take (a numeric code that lost its
//!   leading zeros is padded), stored as `CODE.EX`; `date` as
//!   `YYYY-MM-DD` or `YYYYMMDD`, a time after it ignored; `kind` one of `announcement`, `qa`,
//!   `post`, `news`. Code, date and kind fall back to `--code`/`--date`/`--kind`
//!   ([`DocDefaults`]); a document also needs a text, question or answer. Empty strings are
//!   absent fields.
//! - Kind: our names, or the words vendors write (公告, 关注函, 互动易, 公众号, 新闻转述…:
//!   `kind_words.rs`), or `--kind-map WORD=KIND` ([`DocDefaults::kind_map`]).
//! - The Q&A shape (`code,name,platform,question_date,answer_date,question,answer,source,
//!   question_id,url`, JSON Lines or CSV): kind `qa` without flags; the date that counts is
//!   `answer_date` for an answered question and `question_date` for an open one (or an
//!   answer without a date, counted by [`DocReader::undated_answers`]), and the question's
//!   date is kept in [`Document::question_date`]; id `irm-`/`sse-` and the `question_id`.
//! - Q&A exports: kind `qa`; the date is the answer time when the export has one, else the
//!   question time (kept as the question's date); source `szse` (互动易) or `sse` (e互动). The id is `irm-` and the
//!   platform's 问题编号 when the export has it, else `qa-` and the FNV-1a hash of code,
//!   question time and question, so an answer that arrives later updates the same document.
//! - Other ids: the `id` given, else [`content_id`].
//! - A JSON Lines document may name a PDF file instead of carrying its text: `"pdf":
//!   "pdf/1222559432.pdf"`, a relative path inside the JSON Lines file's folder (how
//!   `hypecheck fetch announcements` writes downloaded announcements). Its text is
//!   extracted as a PDF file's is (`pdf.rs`, with the same caps) and used when the line has
//!   no `text`; a PDF whose text cannot be recovered makes the line a bad row, so the
//!   document is reported and not stored rather than stored without its text.
//! - Text and PDF files are one document each; see `pdf.rs` for PDF text extraction. A PDF
//!   is an announcement unless `--kind` says otherwise, and without `--code` its code is
//!   read from the `证券代码：` line at its top.
//!
//! Bad rows are [`Error::is_row_error`]s: the reader goes on with the next row so that a
//! caller can report every bad row of a file at once. Nothing here stores anything.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use serde_json::Value;

use super::columns::{parse_code, CodeKind};
use super::error::Needed;
use super::filing_head::{self, FilingHead, KindFrom};
use super::kind_words::{kind_of_word, kind_words_list};
use super::number::parse_date;
use super::pdf::{self, PdfMethod, PdfText};
use super::source::{self, Encoding};
use super::{value_error, Error};
use crate::model::{content_id, fnv1a_hex, Date, DocKind, Document, Symbol};

/// A document file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocFormat {
    /// One JSON object per line.
    JsonLines,
    /// CSV with the JSON Lines field names as columns.
    Csv,
    /// AkShare `stock_irm_cninfo` / `stock_irm_ans_cninfo` (深交所互动易 via cninfo).
    Irm,
    /// AkShare `stock_sns_sseinfo` (上证e互动).
    Sns,
    /// A plain-text file: one document.
    Text,
    /// A PDF announcement: one document.
    Pdf,
}

impl DocFormat {
    /// A short name for summaries.
    pub fn name(self) -> &'static str {
        match self {
            DocFormat::JsonLines => "JSON Lines",
            DocFormat::Csv => "CSV",
            DocFormat::Irm => "互动易",
            DocFormat::Sns => "e互动",
            DocFormat::Text => "text",
            DocFormat::Pdf => "PDF",
        }
    }
}

/// Values for documents that do not carry them (`--code`, `--date`, `--kind`); a value in
/// the document wins. `map` names other tools' columns and keys (`--map from=to`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocDefaults {
    /// The security.
    pub symbol: Option<Symbol>,
    /// The date.
    pub date: Option<Date>,
    /// The kind.
    pub kind: Option<DocKind>,
    /// (name in the file, field) pairs: the file's column or JSON key `from` is read as
    /// the field `to` (one of [`DOC_FIELDS`]), before the field's own name and the
    /// built-in [`FIELD_ALIASES`].
    pub map: Vec<(String, String)>,
    /// A JSON Lines document whose PDF (`pdf` field) cannot be read or yields no text is
    /// left out and told in [`DocReader::skipped`] instead of being a bad row that refuses
    /// the whole file (what `fetch announcements` wants: one scanned filing must not keep a
    /// stock's other announcements out).
    pub skip_unreadable_pdfs: bool,
    /// (word, kind) pairs of `--kind-map`: a kind cell holding exactly `word` is `kind`,
    /// before the built-in kind words ([`super::KIND_WORDS`]).
    pub kind_map: Vec<(String, DocKind)>,
}

/// The fields of a document, as JSON Lines keys and generic CSV columns.
pub const DOC_FIELDS: [&str; 15] = GENERIC;

/// Other tools' names for document fields, read when the field's own name is absent.
pub const FIELD_ALIASES: [(&str, &str); 12] = [
    ("event_date", "date"),
    ("publish_date", "date"),
    ("发布时间", "date"),
    ("excerpt", "text"),
    ("content", "text"),
    ("正文", "text"),
    ("doc_type", "kind"),
    ("类型", "kind"),
    ("提问时间", "question_date"),
    ("回答时间", "answer_date"),
    ("问题编号", "question_id"),
    ("平台", "platform"),
];

/// Parses `from=to` of `--map`: `to` must be a document field.
pub fn parse_field_map(s: &str) -> Result<(String, String), String> {
    let (from, to) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not FROM=TO, e.g. publish_date=date"))?;
    let (from, to) = (from.trim(), to.trim());
    if from.is_empty() {
        return Err(format!("'{s}' names no column or key before '='"));
    }
    if !DOC_FIELDS.contains(&to) {
        return Err(format!(
            "'{to}' is not a document field; use one of {}",
            DOC_FIELDS.join(", ")
        ));
    }
    Ok((from.to_string(), to.to_string()))
}

/// The names a field may have in a file, in the order they are tried: the user's
/// `--map`, the field's own name, then the built-in aliases.
fn names_of<'a>(field: &'a str, map: &'a [(String, String)]) -> Vec<&'a str> {
    let mut names: Vec<&str> = map
        .iter()
        .filter(|(_, to)| to == field)
        .map(|(from, _)| from.as_str())
        .collect();
    names.push(field);
    names.extend(
        FIELD_ALIASES
            .iter()
            .filter(|(_, to)| *to == field)
            .map(|(from, _)| *from),
    );
    names
}

/// One document read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// The document.
    pub doc: Document,
    /// The company's name when the file gives one (`name`, 公司简称).
    pub name: Option<String>,
    /// The 1-based line the document starts on (1 for text and PDF files).
    pub line: u64,
}

/// Reads the documents of one file, one at a time.
pub struct DocReader {
    file: String,
    /// The folder of the file, for the PDFs its JSON Lines name (`None` for a stream).
    base: Option<std::path::PathBuf>,
    skipped: Vec<String>,
    format: DocFormat,
    input: Input,
    defaults: DocDefaults,
    encoding: Option<Encoding>,
    pdf_method: Option<PdfMethod>,
    from_text: FilingHead,
    lines: u64,
    undated_answers: u64,
}

enum Input {
    Lines(BufReader<Box<dyn Read + Send>>, Vec<u8>),
    Csv(Box<csv::Reader<Box<dyn Read + Send>>>, Columns),
    One(Option<Box<Fields>>),
}

impl DocReader {
    /// Opens a document file and detects its format.
    pub fn open(path: &Path, defaults: DocDefaults) -> Result<DocReader, Error> {
        let mut reader = DocReader::new(path.display().to_string(), defaults);
        reader.base = Some(path.parent().unwrap_or(Path::new("")).to_path_buf());
        if reader.pdf_name() || starts_with(path, b"%PDF-") {
            reader.format = DocFormat::Pdf;
            let text = pdf::extract_text(path, &reader.file)?;
            reader.take_pdf(text)?;
            return Ok(reader);
        }
        let src = source::open(path, &reader.file)?;
        reader.take_source(src)?;
        Ok(reader)
    }

    /// Reads documents from any byte stream (stdin, a download, bytes in memory) as
    /// [`DocReader::open`] reads a file; `name` stands for the file in messages and its
    /// extension picks the format as a file name's would. A PDF read this way is extracted
    /// with lopdf only: the `pdftotext` fallback needs a file.
    ///
    /// ```
    /// use hypecheck::ingest::{DocDefaults, DocReader};
    /// let line = r#"{"code":"002881","date":"2025-02-07","kind":"qa","answer":"暂无合作。"}"#;
    /// let mut reader = DocReader::from_reader("qa.jsonl", line.as_bytes(), DocDefaults::default())?;
    /// assert_eq!(reader.next_doc()?.unwrap().doc.answer.as_deref(), Some("暂无合作。"));
    /// # Ok::<(), hypecheck::ingest::Error>(())
    /// ```
    pub fn from_reader(
        name: &str,
        mut input: impl Read + Send + 'static,
        defaults: DocDefaults,
    ) -> Result<DocReader, Error> {
        let mut reader = DocReader::new(name.to_string(), defaults);
        let mut head = [0u8; 5];
        let n = source::read_full(&mut input, &mut head).map_err(|c| io_error(name, c))?;
        let head = head[..n].to_vec();
        if reader.pdf_name() || head == b"%PDF-" {
            reader.format = DocFormat::Pdf;
            let mut bytes = head;
            input
                .read_to_end(&mut bytes)
                .map_err(|c| io_error(name, c))?;
            let text = pdf::extract_text_in_process(&bytes, name)?;
            reader.take_pdf(text)?;
            return Ok(reader);
        }
        let src = source::from_reader(Box::new(Cursor::new(head).chain(input)), 0, name)?;
        reader.take_source(src)?;
        Ok(reader)
    }

    fn new(file: String, defaults: DocDefaults) -> DocReader {
        DocReader {
            format: DocFormat::Text,
            input: Input::One(None),
            base: None,
            skipped: Vec::new(),
            defaults,
            encoding: None,
            pdf_method: None,
            from_text: FilingHead::default(),
            lines: 0,
            undated_answers: 0,
            file,
        }
    }

    /// The file name in lower case without `.gz`, for telling the format by extension.
    fn lower_name(&self) -> String {
        let lower = self.file.to_ascii_lowercase();
        lower.strip_suffix(".gz").unwrap_or(&lower).to_string()
    }

    fn pdf_name(&self) -> bool {
        self.lower_name().ends_with(".pdf")
    }

    /// Detects the format of a text source (not a PDF) and gets ready to read it.
    fn take_source(&mut self, src: source::Source) -> Result<(), Error> {
        let lower = self.lower_name();
        self.encoding = Some(src.encoding);
        let mut buffered = BufReader::new(src.reader);
        if lower.ends_with(".txt") {
            let mut text = String::new();
            buffered
                .read_to_string(&mut text)
                .map_err(|cause| io_error(&self.file, cause))?;
            let title = self.take_head(&text)?;
            self.input = Input::One(Some(Box::new(Fields {
                title: title.and_then(|t| raw("title", &t)),
                text: raw("text", &text),
                ..Fields::default()
            })));
            return Ok(());
        }
        let first = first_byte(&mut buffered).map_err(|c| io_error(&self.file, c))?;
        if first.is_none() {
            return Err(Error::Empty {
                file: self.file.clone(),
            });
        }
        let json_name = [".jsonl", ".ndjson", ".json"]
            .iter()
            .any(|e| lower.ends_with(e));
        if json_name || first == Some(b'{') {
            self.format = DocFormat::JsonLines;
            self.input = Input::Lines(buffered, Vec::new());
        } else {
            self.open_csv(buffered)?;
        }
        Ok(())
    }

    /// Takes a PDF's text: one announcement (unless `--kind`), with what its header and
    /// footer say.
    fn take_pdf(&mut self, text: PdfText) -> Result<(), Error> {
        self.pdf_method = Some(text.method);
        let title = self.take_head(&text.text)?;
        self.input = Input::One(Some(Box::new(Fields {
            title: title.and_then(|t| raw("title", &t)),
            text: raw("text", &text.text),
            ..Fields::default()
        })));
        Ok(())
    }

    /// For a text or PDF file (one document): the code, date and kind its header and
    /// footer say ([`filing_head::read`]), for those the flags do not give, kept in
    /// [`DocReader::from_text`]; every value still missing is one error. Returns the title.
    fn take_head(&mut self, text: &str) -> Result<Option<String>, Error> {
        let (head, title) = filing_head::read(text);
        let d = &mut self.defaults;
        let taken = &mut self.from_text;
        if d.symbol.is_none() {
            taken.code = head.code;
            d.symbol = head.code;
        }
        if d.date.is_none() {
            taken.date = head.date;
            d.date = head.date.map(|(date, _)| date);
        }
        if d.kind.is_none() {
            taken.kind = head.kind.or(match self.format {
                DocFormat::Pdf => Some((DocKind::Announcement, KindFrom::Pdf)),
                _ => None,
            });
            d.kind = taken.kind.map(|(kind, _)| kind);
        }
        let missing: Vec<Needed> = [
            (d.symbol.is_none(), Needed::Code),
            (d.date.is_none(), Needed::Date),
            (d.kind.is_none(), Needed::Kind),
        ]
        .into_iter()
        .filter_map(|(m, n)| m.then_some(n))
        .collect();
        if missing.is_empty() {
            return Ok(title);
        }
        Err(Error::NeedsFlags {
            file: self.file.clone(),
            format: self.format.name(),
            missing,
        })
    }

    /// Reads a CSV header and tells the format from it.
    fn open_csv(&mut self, input: BufReader<Box<dyn Read + Send>>) -> Result<(), Error> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(false)
            .from_reader(Box::new(input) as Box<dyn Read + Send>);
        let header = csv.headers().map_err(|e| Error::Csv {
            file: self.file.clone(),
            line: 1,
            problem: e.to_string(),
        })?;
        // An empty file has an empty header, which no format matches either.
        let cols = Columns::detect(header, &self.defaults.map).ok_or_else(|| Error::DocHeader {
            file: self.file.clone(),
            header: super::error::shown_header(&header.iter().collect::<Vec<_>>().join(",")),
        })?;
        self.format = cols.format;
        self.lines = 1;
        self.input = Input::Csv(Box::new(csv), cols);
        Ok(())
    }

    /// The file as given.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The detected format.
    pub fn format(&self) -> DocFormat {
        self.format
    }

    /// The detected text encoding (`None` for a PDF).
    pub fn encoding(&self) -> Option<Encoding> {
        self.encoding
    }

    /// What a text or PDF file's own header and footer gave that the flags did not (the
    /// values taken, for the user to check); empty for other formats.
    pub fn from_text(&self) -> &FilingHead {
        &self.from_text
    }

    /// How a PDF's text was extracted (`None` for other formats).
    pub fn pdf_method(&self) -> Option<PdfMethod> {
        self.pdf_method
    }

    /// Lines read so far, header included (1 for a text or PDF file).
    pub fn lines(&self) -> u64 {
        self.lines
    }

    /// The next document, `None` at the end. A row-level error leaves the reader usable.
    pub fn next_doc(&mut self) -> Result<Option<DocRow>, Error> {
        loop {
            let (fields, line) = match &mut self.input {
                Input::One(f) => match f.take() {
                    Some(f) => {
                        self.lines = 1;
                        (*f, 1)
                    }
                    None => return Ok(None),
                },
                Input::Lines(r, buf) => {
                    buf.clear();
                    let n = r
                        .read_until(b'\n', buf)
                        .map_err(|c| io_error(&self.file, c))?;
                    if n == 0 {
                        return Ok(None);
                    }
                    self.lines += 1;
                    let line = self.lines;
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let mut fields = json_fields(buf, &self.file, line, &self.defaults.map)?;
                    if let Some(pdf) = fields.pdf.take() {
                        if fields.text.is_none() {
                            match self.linked_pdf(&pdf, line)? {
                                Ok(text) => fields.text = text,
                                Err(e) if self.defaults.skip_unreadable_pdfs => {
                                    self.skipped.push(e.to_string());
                                    continue;
                                }
                                Err(e) => return Err(e),
                            }
                        }
                    }
                    (fields, line)
                }
                Input::Csv(r, cols) => {
                    let mut record = csv::StringRecord::new();
                    let got = r.read_record(&mut record);
                    let line = record
                        .position()
                        .map_or(self.lines + 1, csv::Position::line);
                    match got {
                        Ok(false) => return Ok(None),
                        Ok(true) => {
                            self.lines = line + record_lines(&record);
                            if record.iter().all(|c| c.trim().is_empty()) {
                                continue;
                            }
                            (cols.fields(&record), line)
                        }
                        Err(e) => {
                            self.lines = line;
                            return Err(csv_error(&self.file, line, e));
                        }
                    }
                }
            };
            let read = to_document(fields, line, &self.defaults, &self.file)?;
            self.undated_answers += u64::from(read.undated_answer);
            return Ok(Some(DocRow {
                doc: read.doc,
                name: read.name,
                line,
            }));
        }
    }
}

impl DocReader {
    /// The text of the PDF a JSON Lines document names in its `pdf` field: `Err` for a
    /// field that names no PDF inside the folder, `Ok(Err)` for a PDF that cannot be read
    /// or yields no text.
    #[allow(clippy::type_complexity)]
    fn linked_pdf(&self, pdf: &Raw, line: u64) -> Result<Result<Option<Raw>, Error>, Error> {
        let bad = |problem: String, fix: &'static str| {
            value_error(
                &self.file,
                line,
                &pdf.column,
                pdf.value.as_bytes(),
                problem,
                fix,
            )
        };
        let Some(base) = &self.base else {
            return Err(bad(
                "names a PDF, which only a JSON Lines file (not a stream) can do".into(),
                "import the JSON Lines from a file beside its PDFs",
            ));
        };
        let rel = Path::new(&pdf.value);
        let inside = rel
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            return Err(bad(
                "is not a path inside the JSON Lines file's folder".into(),
                "write the PDF's path relative to the file, without .. or a leading /",
            ));
        }
        let path = base.join(rel);
        let name = path.display().to_string();
        Ok(match pdf::extract_text(&path, &name) {
            Ok(t) => Ok(raw("text", &t.text)),
            Err(Error::Pdf { reason, .. }) => Err(bad(
                format!("names a PDF whose text cannot be extracted: {reason}"),
                "check the PDF, or delete it and fetch it again",
            )),
            Err(e) => Err(bad(
                format!("names a PDF that cannot be read: {e}"),
                "check that the PDF is beside the JSON Lines file",
            )),
        })
    }

    /// Answered Q&A records read so far whose answer has no date (`answer_date` null, as
    /// 上证e互动 pages that show "昨天 17:02" leave it): they count from their question's
    /// date, the only date they have.
    pub fn undated_answers(&self) -> u64 {
        self.undated_answers
    }

    /// The documents left out because the PDF they name gave no text, each with why (with
    /// [`DocDefaults::skip_unreadable_pdfs`]).
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }
}

/// Extra lines a record spans (quoted fields with line breaks).
fn record_lines(record: &csv::StringRecord) -> u64 {
    record
        .iter()
        .map(|f| f.bytes().filter(|&b| b == b'\n').count() as u64)
        .sum()
}

fn csv_error(file: &str, line: u64, e: csv::Error) -> Error {
    let problem = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => e.to_string(),
    };
    Error::Csv {
        file: file.to_string(),
        line,
        problem,
    }
}

fn io_error(file: &str, cause: std::io::Error) -> Error {
    Error::Io {
        file: file.to_string(),
        cause,
    }
}

fn starts_with(path: &Path, magic: &[u8]) -> bool {
    let mut head = vec![0u8; magic.len()];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == magic)
}

/// The first byte that is not whitespace, without consuming anything.
fn first_byte(r: &mut impl BufRead) -> std::io::Result<Option<u8>> {
    let buf = r.fill_buf()?;
    Ok(buf.iter().copied().find(|b| !b.is_ascii_whitespace()))
}

/// A field's value and the column (or JSON key) it came from, for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Raw {
    value: String,
    column: String,
}

/// A trimmed, non-empty value.
fn raw(column: &str, value: &str) -> Option<Raw> {
    let value = value.trim();
    (!value.is_empty()).then(|| Raw {
        value: value.to_string(),
        column: column.to_string(),
    })
}

/// The fields of one document as read, before validation.
#[derive(Debug, Clone, Default)]
struct Fields {
    id: Option<Raw>,
    code: Option<Raw>,
    date: Option<Raw>,
    kind: Option<Raw>,
    title: Option<Raw>,
    text: Option<Raw>,
    question: Option<Raw>,
    answer: Option<Raw>,
    url: Option<Raw>,
    source: Option<Raw>,
    name: Option<Raw>,
    /// A PDF file holding the text (JSON Lines only), relative to the file's folder.
    pdf: Option<Raw>,
    /// For Q&A exports without a platform id: the raw question time, for the `qa-` id.
    asked: Option<String>,
    /// When the question was asked and answered (the real Q&A shape, and the exports).
    question_date: Option<Raw>,
    answer_date: Option<Raw>,
    /// The platform's id of the question, and the platform (`irm`, `sse`).
    question_id: Option<Raw>,
    platform: Option<Raw>,
    /// The record has the Q&A shape: a `question_date` or `answer_date` field (even an
    /// empty one), so it is an investor Q&A and its dates follow the Q&A rules.
    qa_shape: bool,
}

fn json_fields(
    line_bytes: &[u8],
    file: &str,
    line: u64,
    map: &[(String, String)],
) -> Result<Fields, Error> {
    let json_err = |problem: String| Error::Json {
        file: file.to_string(),
        line,
        problem,
    };
    let bytes = line_bytes.trim_ascii_end();
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        // serde's "at line 1 column N" counts bytes within this one line: say the
        // character column instead, which is what an editor shows.
        let msg = e.to_string();
        let what = msg.split(" at line ").next().unwrap_or(&msg);
        let before = &bytes[..e.column().saturating_sub(1).min(bytes.len())];
        let column = String::from_utf8_lossy(before).chars().count() + 1;
        json_err(format!("{what} at column {column}"))
    })?;
    let Value::Object(map_obj) = value else {
        return Err(json_err(format!("found {}", json_type(&value))));
    };
    let mut f = Fields::default();
    for (field, slot) in [
        ("id", &mut f.id),
        ("code", &mut f.code),
        ("date", &mut f.date),
        ("kind", &mut f.kind),
        ("title", &mut f.title),
        ("text", &mut f.text),
        ("question", &mut f.question),
        ("answer", &mut f.answer),
        ("url", &mut f.url),
        ("source", &mut f.source),
        ("name", &mut f.name),
        ("pdf", &mut f.pdf),
        ("question_date", &mut f.question_date),
        ("answer_date", &mut f.answer_date),
        ("question_id", &mut f.question_id),
        ("platform", &mut f.platform),
    ] {
        // The first of the field's names that the line has (not null) is read.
        let found = names_of(field, map)
            .into_iter()
            .find_map(|k| map_obj.get_key_value(k).filter(|(_, v)| !v.is_null()));
        let Some((key, value)) = found else {
            continue;
        };
        let key = key.as_str();
        *slot = match value {
            Value::String(s) => raw(key, s),
            // pandas writes codes and dates as numbers: 2881 is 002881, 20250207 a date.
            Value::Number(n)
                if matches!(
                    field,
                    "code" | "date" | "id" | "question_date" | "answer_date" | "question_id"
                ) =>
            {
                let s = n.to_string();
                let s = if field == "code" && s.len() < 6 && s.bytes().all(|b| b.is_ascii_digit()) {
                    format!("{s:0>6}")
                } else {
                    s
                };
                raw(key, &s)
            }
            v => {
                return Err(value_error(
                    file,
                    line,
                    key,
                    v.to_string().as_bytes(),
                    format!("is {}, not text", json_type(v)),
                    "write the field as a JSON string",
                ))
            }
        };
    }
    f.qa_shape = ["question_date", "answer_date"].iter().any(|field| {
        names_of(field, map)
            .iter()
            .any(|k| map_obj.contains_key(*k))
    });
    Ok(f)
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Where the fields of a CSV format are.
struct Columns {
    format: DocFormat,
    names: Vec<String>,
    /// Generic: one index per [`GENERIC`] name; Q&A exports: see [`QA_COLUMNS`].
    at: Vec<Option<usize>>,
}

/// The generic CSV columns, the JSON Lines field names (the last four: the Q&A shape of
/// AkShare's fetchers and most scrapers, `code,name,platform,question_date,answer_date,
/// question,answer,source,question_id,url`).
const GENERIC: [&str; 15] = [
    "id",
    "code",
    "date",
    "kind",
    "title",
    "text",
    "question",
    "answer",
    "url",
    "source",
    "name",
    "question_date",
    "answer_date",
    "question_id",
    "platform",
];

/// Q&A export columns: code, name, question, answer, question time, answer time, question id.
const QA_COLUMNS: usize = 7;
const IRM: [&str; QA_COLUMNS] = [
    "股票代码",
    "公司简称",
    "问题",
    "回答内容",
    "提问时间",
    "回答时间",
    "问题编号",
];
const SNS: [&str; QA_COLUMNS] = [
    "股票代码",
    "公司简称",
    "问题",
    "回答",
    "问题时间",
    "回答时间",
    "",
];

impl Columns {
    fn detect(header: &csv::StringRecord, map: &[(String, String)]) -> Option<Columns> {
        let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let find = |name: &str| {
            (!name.is_empty())
                .then(|| names.iter().position(|h| h.eq_ignore_ascii_case(name)))
                .flatten()
        };
        let has = |name: &str| find(name).is_some();
        // A generic field: the first of its names (--map, its own, an alias) in the header.
        let field = |name: &str| names_of(name, map).into_iter().find_map(find);
        let (format, wanted): (DocFormat, &[&str]) =
            if has("股票代码") && has("问题") && has("回答内容") && has("提问时间") {
                (DocFormat::Irm, &IRM)
            } else if has("股票代码") && has("问题") && has("回答") && has("问题时间") {
                (DocFormat::Sns, &SNS)
            } else if ["text", "question", "answer", "title"]
                .iter()
                .any(|f| field(f).is_some())
            {
                (DocFormat::Csv, &GENERIC)
            } else {
                return None;
            };
        let at = if format == DocFormat::Csv {
            wanted.iter().map(|w| field(w)).collect()
        } else {
            wanted.iter().map(|w| find(w)).collect()
        };
        Some(Columns { format, names, at })
    }

    fn fields(&self, r: &csv::StringRecord) -> Fields {
        let get = |i: usize| -> Option<Raw> {
            let at = self.at[i]?;
            raw(&self.names[at], r.get(at)?)
        };
        if self.format == DocFormat::Csv {
            return Fields {
                id: get(0),
                code: get(1),
                date: get(2),
                kind: get(3),
                title: get(4),
                text: get(5),
                question: get(6),
                answer: get(7),
                url: get(8),
                source: get(9),
                name: get(10),
                pdf: None,
                asked: None,
                question_date: get(11),
                answer_date: get(12),
                question_id: get(13),
                platform: get(14),
                qa_shape: self.at[11].is_some() || self.at[12].is_some(),
            };
        }
        let asked = get(4);
        let id = get(6).map(|q| Raw {
            // pandas may write a numeric id as a float: 1234567.0.
            value: format!("irm-{}", q.value.strip_suffix(".0").unwrap_or(&q.value)),
            column: q.column,
        });
        Fields {
            id,
            code: get(0),
            name: get(1),
            question: get(2),
            answer: get(3),
            date: get(5).or_else(|| asked.clone()),
            question_date: asked.clone(),
            kind: raw("kind", "qa"),
            source: raw(
                "source",
                if self.format == DocFormat::Irm {
                    "szse"
                } else {
                    "sse"
                },
            ),
            asked: asked.map(|a| a.value),
            ..Fields::default()
        }
    }
}

/// What to do about a kind cell that names no kind: the accepted words, listed.
static KIND_FIX: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "use announcement, regulator, qa, post or news, or a kind word ({}); map another \
         word with --kind-map WORD=KIND",
        kind_words_list()
    )
});

/// A document as validated, with what the reader counts.
struct ReadDoc {
    doc: Document,
    name: Option<String>,
    /// An answered Q&A record whose answer has no date: it counts from its question's.
    undated_answer: bool,
}

/// Validates the fields into a document.
fn to_document(f: Fields, line: u64, defaults: &DocDefaults, file: &str) -> Result<ReadDoc, Error> {
    let bad = |r: &Raw, problem: &str, fix: &'static str| {
        value_error(file, line, &r.column, r.value.as_bytes(), problem, fix)
    };
    // Every missing field is told at once; a bad value is told first, on its own.
    let mut missing: Vec<(&str, &str)> = Vec::new();
    let symbol = match &f.code {
        Some(r) => {
            Some(parse_code(r.value.trim(), CodeKind::Stock).map_err(|(p, fix)| bad(r, p, fix))?)
        }
        None => defaults.symbol,
    };
    if symbol.is_none() {
        missing.push(("code", "add a code such as 002881.SZ, or pass --code"));
    }
    let day = |r: &Raw| {
        parse_day(&r.value)
            .ok_or_else(|| bad(r, "is not a date", "write it as YYYY-MM-DD or YYYYMMDD"))
    };
    // An export's question time is not the date that counts when it has the answer's:
    // a question time it writes in another form is left out rather than refused.
    let asked = match &f.question_date {
        Some(r) if !f.qa_shape && f.date.is_some() => parse_day(&r.value),
        Some(r) => Some(day(r)?),
        None => None,
    };
    let answered_on = f.answer_date.as_ref().map(day).transpose()?;
    let answered = f.answer.is_some();
    // The Q&A rule (docs/design.md §6, "As of a date"): an answer counts from its date, an
    // unanswered question from the question's; a record's own `date` wins.
    let date = match &f.date {
        Some(r) => Some(day(r)?),
        None if answered => answered_on.or(asked),
        None => asked.or(answered_on),
    }
    .or(defaults.date);
    let undated_answer = f.date.is_none() && answered && answered_on.is_none() && asked.is_some();
    if date.is_none() {
        missing.push(if f.qa_shape {
            (
                "date",
                "the record has neither a question_date nor an answer_date: fill in one \
                 (YYYY-MM-DD), or pass --date",
            )
        } else {
            ("date", "add a date such as 2025-02-07, or pass --date")
        });
    }
    let is_qa = f.qa_shape || f.question.is_some() || f.question_id.is_some();
    let kind = match &f.kind {
        Some(r) => Some(
            kind_of_word(&r.value, &defaults.kind_map)
                .ok_or_else(|| bad(r, "is not a document kind", KIND_FIX.as_str()))?,
        ),
        None if is_qa => Some(DocKind::Qa),
        None => defaults.kind,
    };
    if kind.is_none() {
        missing.push((
            "kind",
            "add a kind (announcement, regulator, qa, post or news), or pass --kind",
        ));
    }
    let val = |r: Option<Raw>| r.map(|r| r.value);
    let (title, text) = (val(f.title), val(f.text).unwrap_or_default());
    let (question, answer) = (val(f.question), val(f.answer));
    let platform = f.platform.as_ref().map(|p| platform_of(&p.value));
    // An announcement list (AkShare's cninfo query) gives titles and links only; a title
    // is worth keeping, since it often names the event (异常波动, 澄清).
    let has_title = title.as_deref().is_some_and(|t| !t.trim().is_empty());
    if text.is_empty() && question.is_none() && answer.is_none() && !has_title {
        missing.push((
            "text",
            "give the document a title, text, question or answer, or remove it",
        ));
    }
    let (Some(symbol), Some(date), Some(kind), true) = (symbol, date, kind, missing.is_empty())
    else {
        let names: Vec<&str> = missing.iter().map(|m| m.0).collect();
        let field = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        };
        let fix: Vec<&str> = missing.iter().map(|m| m.1).collect();
        return Err(Error::MissingField {
            file: file.to_string(),
            line,
            field,
            fix: fix.join("; "),
        });
    };
    let id = match (f.id, f.asked) {
        (Some(id), _) => id.value,
        (None, _) if f.question_id.is_some() => {
            let qid = f.question_id.map(|q| q.value).unwrap_or_default();
            let qid = qid.strip_suffix(".0").unwrap_or(&qid);
            match platform
                .clone()
                .unwrap_or_else(|| Platform::of_exchange(symbol))
            {
                Platform::Irm => format!("irm-{qid}"),
                Platform::Sse => format!("sse-{qid}"),
                Platform::Other(p) => {
                    format!("qa-{}", fnv1a_hex(&[&symbol.to_string(), &p, qid]))
                }
            }
        }
        (None, Some(asked)) => format!(
            "qa-{}",
            fnv1a_hex(&[
                &symbol.to_string(),
                &asked,
                question.as_deref().unwrap_or("")
            ])
        ),
        (None, None) => content_id(
            symbol,
            date,
            kind,
            title.as_deref(),
            &text,
            question.as_deref(),
            answer.as_deref(),
        ),
    };
    let source = val(f.source).or_else(|| match platform {
        Some(Platform::Irm) => Some("szse".to_string()),
        Some(Platform::Sse) => Some("sse".to_string()),
        Some(Platform::Other(p)) => Some(p),
        None => None,
    });
    let question_date = (kind == DocKind::Qa).then_some(asked).flatten();
    let doc = Document {
        id,
        symbol,
        date,
        question_date,
        kind,
        title,
        text,
        question,
        answer,
        url: val(f.url),
        source,
    };
    Ok(ReadDoc {
        doc,
        name: val(f.name),
        undated_answer: undated_answer && kind == DocKind::Qa,
    })
}

/// The Q&A platform a record names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Platform {
    /// 深交所互动易 (irm.cninfo.com.cn).
    Irm,
    /// 上证e互动 (sns.sseinfo.com).
    Sse,
    /// Another platform, by the name the record gives.
    Other(String),
}

impl Platform {
    /// The platform of a stock's exchange, for a record that does not name one.
    fn of_exchange(symbol: Symbol) -> Platform {
        match symbol.exchange {
            crate::model::Exchange::Sz => Platform::Irm,
            crate::model::Exchange::Sh => Platform::Sse,
            crate::model::Exchange::Bj => Platform::Other("bse".to_string()),
        }
    }
}

/// Reads a platform name: `irm`, `cninfo`, `szse`, 互动易 are 互动易; `sse`, `sns`,
/// `sseinfo`, e互动 are 上证e互动.
fn platform_of(name: &str) -> Platform {
    let n = name.trim().to_lowercase();
    if ["irm", "cninfo", "szse"].contains(&n.as_str()) || n.contains("互动易") {
        Platform::Irm
    } else if ["sse", "sns", "sseinfo"].contains(&n.as_str()) || n.contains("e互动") {
        Platform::Sse
    } else {
        Platform::Other(n)
    }
}

/// A date as `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, with any time after it
/// (`2025-02-07 15:30:12`, `2025-02-07T15:30:12+08:00`) ignored.
pub fn parse_day(s: &str) -> Option<Date> {
    let s = s.trim();
    let day = match s.as_bytes().get(10) {
        Some(b' ' | b'T') => &s[..10],
        _ => s,
    };
    parse_date(day.as_bytes())
}

#[cfg(test)]
mod tests;
