//! Revenue composition (主营构成) rows as imported: plain data, read by `ingest`, kept by
//! `store`, weighed by `exposure`.

use super::Date;

/// How a revenue breakdown is classified (分类类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SegmentKind {
    /// By industry (按行业分类).
    Industry,
    /// By product (按产品分类).
    Product,
    /// By region (按地区分类); never used for exposure.
    Region,
    /// Unclassified or unknown breakdown.
    Other,
}

impl SegmentKind {
    /// Reads `industry`/`product`/`region`/`other` (the generic CSV) or AkShare's
    /// `按行业分类`/`按产品分类`/`按地区分类`; anything else is `None`.
    pub fn parse(s: &str) -> Option<SegmentKind> {
        match s.trim() {
            "industry" | "按行业分类" | "行业" => Some(SegmentKind::Industry),
            "product" | "按产品分类" | "产品" => Some(SegmentKind::Product),
            "region" | "按地区分类" | "地区" => Some(SegmentKind::Region),
            "other" | "" => Some(SegmentKind::Other),
            _ => None,
        }
    }

    /// The generic CSV name: `industry`, `product`, `region` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Industry => "industry",
            SegmentKind::Product => "product",
            SegmentKind::Region => "region",
            SegmentKind::Other => "other",
        }
    }
}

/// One row of a revenue-composition table.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentRow {
    /// The report period end (报告日期), e.g. 2024-12-31.
    pub period: Date,
    /// Which breakdown the row belongs to.
    pub kind: SegmentKind,
    /// The segment name (主营构成), including total, elimination and catch-all rows.
    pub segment: String,
    /// Revenue in yuan (主营收入), when given.
    pub revenue: Option<f64>,
    /// Share of revenue (收入比例), as a fraction or a percentage, when given.
    pub share: Option<f64>,
}
