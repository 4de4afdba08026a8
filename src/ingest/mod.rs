//! Readers for daily-bar files from the usual vendors and for document files (JSON Lines,
//! CSV, AkShare Q&A exports, text, PDF; see `docs.rs`), turning rows into [`crate::model`]
//! types (docs/design.md §4).
//!
//! - Opening: gzip is detected by its magic bytes; the encoding (UTF-8, UTF-8 with BOM,
//!   GBK/GB18030) from the first 64 KiB. Decompression runs on a helper thread.
//! - Format: detected from the header ([`Format`]): AkShare `stock_zh_a_hist`, Tushare
//!   `daily`, baostock, or generic `code,date,open,high,low,close[,prev_close][,volume]
//!   [,amount][,turnover][,name]` in any column order (synonyms such as `symbol`,
//!   `trade_date`, `pre_close` are accepted; unknown columns are ignored). Units are
//!   normalised: volume in shares, amount in yuan, prices in integer fen (parsed from the
//!   decimal text, never through `f64`). A `turnover` column is a fraction; `turn`,
//!   `turnover_pct`, `turnover_rate` and 换手率 are percentages and are divided by 100.
//! - Rows that are not A-share trading days are skipped and counted, not refused:
//!   suspended days (baostock `tradestatus` 0, no prices, or open/high/low 0 with no volume)
//!   and B shares (SSE 900xxx in US dollars to 0.001, SZSE 200xxx in HK dollars).
//! - Adjusted prices (前复权/后复权) are refused where they can be seen: baostock
//!   `adjustflag` other than 3, header or file names mentioning qfq/hfq/复权/adj_factor,
//!   and stock prices with a non-zero third decimal. AkShare's `adjust="qfq"` output has the
//!   unadjusted header and two decimals, so it cannot be told apart here.
//!
//! Revenue composition ([`SegmentReader`], 主营构成), theme constituents
//! ([`MemberReader`]), share counts ([`ShareReader`], 股本: Tushare `daily_basic`, AkShare
//! `stock_value_em`/`stock_zh_a_gbjg_em`/`stock_share_change_cninfo` or generic
//! `code,date,float_shares,total_shares`) and listing dates are small tables found by column name (`table.rs`).
//! Dated ST lists (Tushare `stock_st` or `code,start,end,kind` periods) are read by
//! [`StReader`] into an [`StList`].
//!
//! The main types are [`BarReader`] (stocks) and [`IndexReader`] (benchmark indices): they
//! stream one row at a time over a reused buffer, so whole-market files are read without a
//! per-row allocation. Every table format is split by the same record splitter (`split.rs`:
//! `memchr` with an RFC 4180 path for quoted lines) and reads codes the same way
//! (`columns.rs`); only document CSV, whose fields are long texts, goes through the `csv`
//! crate. This module does not store anything; see `store`.

mod bars;
mod columns;
mod docs;
mod error;
mod error_zh;
mod filing_head;
mod header;
mod index;
mod kind_words;
mod lines;
mod listings;
mod members;
mod names;
mod number;
mod pdf;
mod rows;
mod segments;
mod shares;
mod source;
mod split;
mod st;
mod table;

pub use bars::{is_st_name, BarReader, BarRow, ReadStats};
pub use docs::{
    parse_day, parse_field_map, DocDefaults, DocFormat, DocReader, DocRow, DOC_FIELDS,
    FIELD_ALIASES,
};
pub(crate) use error::value_error;
pub use error::{Error, Needed};
pub use error_zh::format_name;
pub use filing_head::{DateFrom, FilingHead, KindFrom};
pub use header::Format;
pub use index::{IndexReader, IndexRow};
pub use kind_words::{kind_of_word, kind_words_list, parse_kind_map, KIND_WORDS};
pub use lines::line_texts;
pub use listings::ListingReader;
pub use members::{MemberFormat, MemberReader, MemberRecord};
pub use names::{CodeChangeReader, NameReader, BSE_SWITCH};
pub use pdf::{PdfMethod, PdfText};
pub use segments::{SegmentFormat, SegmentReader, SegmentRecord};
pub use shares::{ShareFormat, ShareReader, ShareRecord};
pub use source::{Encoding, Progress};
pub use st::{merge_daily, StFormat, StList, StReader, StRow};
