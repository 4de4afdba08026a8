//! Renderers: turn computed results into text for people (tables) or programs (JSON, CSV).
//!
//! Renderers build strings; they never print. The A-share colour convention applies to
//! tables: red for up, green for down, and plain text when colour is off (`NO_COLOR`, or
//! output that is not a terminal).

pub mod html;
pub mod table;
