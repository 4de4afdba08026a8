//! hypecheck: tells which A-share concept stocks (概念股) have real ties to a hot theme and
//! which ride the hype (蹭热点).
//!
//! The library is a pipeline of small modules (see `ARCHITECTURE.md`):
//! - [`model`]: plain data (symbols, bars, dates, fen prices);
//! - [`ingest`]: readers for vendor files (AkShare, Tushare, baostock, generic CSV);
//! - [`store`]: the SQLite store, the only module that knows SQL;
//! - [`market`]: pure exchange rules over bars: limit prices, streaks, returns, abnormal
//!   fluctuation estimates;
//! - [`text`]: the evidence engine: normalisation, sentences, theme matching, evidence
//!   classes, substance per document and per stock;
//! - [`theme`]: themes (aliases, entities, segments), built in or from a TOML file;
//! - [`exposure`]: the theme's share of revenue from 主营构成 tables;
//! - [`assess`]: results for the commands (the market dossier, the 连板天梯);
//! - [`jobs`]: the main jobs over the store: a theme scan, the 连板天梯, a stock's
//!   dossier, importing files of every data kind ([`jobs::Kind`]), fetching through
//!   AkShare (one request, or a theme's chain from members to the scan);
//! - [`signals`]: the per-bar signal dataset straight from bar files;
//! - [`study`]: the event study of the verdicts (episodes, events, groups, bootstrap
//!   intervals, forward returns);
//! - [`messages`]: what hypecheck tells its user (errors, notes, hints) in both languages;
//! - [`report`]: renderers of every format (terminal tables, JSON, CSV, HTML).
//!
//! The library never prints; the `hypecheck` binary does.
#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod assess;
pub mod exposure;
pub mod ingest;
pub mod jobs;
pub mod market;
pub mod messages;
pub mod model;
pub mod panel;
pub mod report;
pub mod signals;
pub mod store;
pub mod study;
pub mod text;
pub mod theme;
