//! The HTML report of a scan (docs/design.md §8): one self-contained file that opens offline. A
//! Content-Security-Policy forbids scripts and every load (network or `data:`), `<base>`
//! and forms; charts are inline SVG.
//!
//! By concern: the page around everything ([`page`]: head, summary, sections, footer), the
//! charts ([`chart`]: scatter and price charts), the placement of the scatter's labels
//! ([`labels`]) and the escaping of every text from a document or the store ([`escape`]).
//! The page is written straight into the `std::io::Write` it is given.

mod chart;
mod escape;
mod labels;
mod page;

pub use crate::assess::{Chart, ChartPoint};
pub use escape::{escape, safe_url};
pub(crate) use page::head;
pub use page::{render, Page};
