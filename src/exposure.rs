//! Revenue exposure (主营构成): how much of a company's revenue comes from segments that
//! belong to a theme, per report period.
//!
//! Input is the revenue-composition table as imported (AkShare `stock_zygc_em` or the generic
//! `code,period,kind,segment,revenue,share` CSV): one [`SegmentRow`] per segment, period and
//! breakdown kind. [`exposure_by_period`] turns it into one [`PeriodExposure`] per period:
//! the theme's share of revenue, the segments behind it, the largest unrelated segment and
//! the share of all named unrelated segments, from which [`PeriodExposure::is_material`]
//! and [`PeriodExposure::is_core_unrelated`] decide the `material` substance and the
//! `core_unrelated` flag (docs/design.md §6) against [`ExposureThresholds`].
//!
//! Rules, in the order they apply:
//! - **Basis.** One breakdown per period: by product (按产品分类) when it has usable rows,
//!   else by industry (按行业分类), else an unclassified breakdown. The regional breakdown
//!   (按地区分类) says nothing about the business and is never used. Breakdowns are not
//!   mixed, so no revenue is counted twice.
//! - **Special rows.** Totals (合计, 总计, 小计) are not segments; their revenue is the
//!   denominator when shares must be computed. Eliminations (内部抵消, 分部间抵销) are not
//!   segments either but, without a total row, enter the computed denominator (revenue is
//!   reported after elimination). Catch-all rows (其他, 其它, 其他业务, 其他(补充)) are
//!   unrelated revenue of unknown content: they count neither as theme nor as a named
//!   unrelated segment, so `core_unrelated` never rests on revenue nobody can name.
//! - **Shares.** A breakdown's shares are percentages when any share exceeds 1 or they sum
//!   to more than 1.5, else fractions; the output is always a fraction. A row without a
//!   share gets revenue / total (the total row, else the sum of all rows); a row with
//!   neither is skipped.
//! - **Keyword match** ([`segment_matches`]): a theme keyword matches a segment when it
//!   occurs in the segment name after folding full-width forms to ASCII and ASCII to lower
//!   case. A keyword that starts or ends with an ASCII letter must not touch another ASCII
//!   letter there, so `AI` matches `AI服务器` and `AI+教育` but not `RETAIL` (and not
//!   `AIGC`: list `AIGC` in the theme when it counts). No synonyms are guessed: `AI服务器`
//!   matches the keyword `服务器` or `AI`, never `算力`; themes list the segment words they
//!   mean (docs/design.md §5 `segments`).
//!
//! This module does no I/O and knows nothing about the store.

use std::collections::BTreeMap;

use crate::model::Date;

pub use crate::model::{SegmentKind, SegmentRow};

/// The thresholds that turn shares into decisions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExposureThresholds {
    /// Theme share at or above which the exposure is material. Default 0.30: the CSRC
    /// industry-classification guideline (上市公司行业分类指引, 2012) lets a business that
    /// carries 30% or more of revenue (and is the largest) define a company's industry, so
    /// below that the theme is not what the company does. Lower it to 0.10 for the
    /// reportable-segment test of CAS 35 / IFRS 8.
    pub material_share: f64,
    /// Share of named unrelated segments at or above which the company's core business is
    /// unrelated to the theme. Default 0.90 (docs/design.md §6 `core_unrelated`).
    pub core_unrelated_share: f64,
}

impl Default for ExposureThresholds {
    fn default() -> Self {
        ExposureThresholds {
            material_share: 0.30,
            core_unrelated_share: 0.90,
        }
    }
}

/// A segment and its share of revenue as a fraction.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentShare {
    /// The segment name as reported.
    pub segment: String,
    /// Its share of revenue, a fraction (0.94, not 94).
    pub share: f64,
}

/// The theme exposure of one report period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodExposure {
    /// The report period end.
    pub period: Date,
    /// The breakdown the shares come from (product, industry or other).
    pub basis: SegmentKind,
    /// Share of revenue in segments matching the theme, a fraction.
    pub theme_share: f64,
    /// The matching segments, largest first.
    pub theme_segments: Vec<SegmentShare>,
    /// Share of revenue in named segments that do not match the theme (catch-all rows
    /// excluded), a fraction.
    pub unrelated_share: f64,
    /// The largest named segment that does not match the theme.
    pub largest_unrelated: Option<SegmentShare>,
    /// Share of revenue in catch-all rows (其他), a fraction.
    pub other_share: f64,
}

impl PeriodExposure {
    /// Whether the theme's segments carry a material share of revenue.
    pub fn is_material(&self, t: &ExposureThresholds) -> bool {
        self.theme_share >= t.material_share
    }

    /// Whether named unrelated segments carry the core of revenue (`core_unrelated`).
    pub fn is_core_unrelated(&self, t: &ExposureThresholds) -> bool {
        self.unrelated_share >= t.core_unrelated_share
    }
}

/// The exposure per report period, oldest first. Periods with no usable product, industry
/// or unclassified breakdown are left out.
///
/// ```
/// use hypecheck::exposure::{exposure_by_period, ExposureThresholds, SegmentKind, SegmentRow};
/// let period = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
/// let row = |segment: &str, share: f64| SegmentRow {
///     period, kind: SegmentKind::Product, segment: segment.into(), revenue: None,
///     share: Some(share),
/// };
/// let rows = [row("PCB产品", 94.0), row("算力服务", 0.06), row("其他", 5.94)];
/// let e = &exposure_by_period(&rows, &["算力", "大模型", "AI"])[0];
/// assert!((e.theme_share - 0.0006).abs() < 1e-12);
/// let t = ExposureThresholds::default();
/// assert!(!e.is_material(&t) && e.is_core_unrelated(&t));
/// ```
pub fn exposure_by_period<K: AsRef<str>>(
    rows: &[SegmentRow],
    keywords: &[K],
) -> Vec<PeriodExposure> {
    let keywords: Vec<String> = keywords
        .iter()
        .map(|k| fold(k.as_ref().trim()))
        .filter(|k| !k.is_empty())
        .collect();
    let mut by_period: BTreeMap<Date, Vec<&SegmentRow>> = BTreeMap::new();
    for row in rows {
        by_period.entry(row.period).or_default().push(row);
    }
    by_period
        .into_iter()
        .filter_map(|(period, rows)| period_exposure(period, &rows, &keywords))
        .collect()
}

/// The exposure of the latest period that has one.
pub fn latest_exposure<K: AsRef<str>>(
    rows: &[SegmentRow],
    keywords: &[K],
) -> Option<PeriodExposure> {
    exposure_by_period(rows, keywords).pop()
}

/// The revenue mix of one report period, whatever the theme: every segment of the
/// breakdown the exposure rules would use (catch-all rows included, totals and
/// eliminations left out), largest share first.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodMix {
    /// The report period end.
    pub period: Date,
    /// The breakdown the shares come from (product, industry or other).
    pub basis: SegmentKind,
    /// The segments with their shares as fractions, largest first.
    pub segments: Vec<SegmentShare>,
}

/// The revenue mix of the latest period that has a usable breakdown, with the same basis
/// and share rules as [`exposure_by_period`] (for a dossier that shows what a company
/// sells before any theme is chosen).
pub fn latest_mix(rows: &[SegmentRow]) -> Option<PeriodMix> {
    let mut by_period: BTreeMap<Date, Vec<&SegmentRow>> = BTreeMap::new();
    for row in rows {
        by_period.entry(row.period).or_default().push(row);
    }
    by_period.into_iter().rev().find_map(|(period, rows)| {
        first_breakdown(&rows, |kind, table| {
            let mut segments: Vec<SegmentShare> = table
                .iter()
                .zip(normalised_shares(table))
                .filter(|(r, _)| matches!(role(&r.segment), RowRole::Segment | RowRole::CatchAll))
                .filter_map(|(r, share)| share.map(|s| seg(r, s)))
                .collect();
            segments.sort_by(|a, b| b.share.total_cmp(&a.share));
            (!segments.is_empty()).then_some(PeriodMix {
                period,
                basis: kind,
                segments,
            })
        })
    })
}

/// Whether a segment name matches any theme keyword (rules in the module docs).
pub fn segment_matches<K: AsRef<str>>(segment: &str, keywords: &[K]) -> bool {
    let name = fold(segment);
    keywords
        .iter()
        .any(|k| matches_folded(&name, &fold(k.as_ref().trim())))
}

/// What a row of a breakdown stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowRole {
    Total,
    Elimination,
    CatchAll,
    Segment,
}

fn role(segment: &str) -> RowRole {
    let s = segment.trim();
    if ["合计", "总计", "小计"].iter().any(|w| s.contains(w)) {
        RowRole::Total
    } else if s.contains("抵消") || s.contains("抵销") {
        RowRole::Elimination
    } else if is_catch_all(s) {
        RowRole::CatchAll
    } else {
        RowRole::Segment
    }
}

/// 其他, 其它, 其他业务, 其他(补充), 其他主营业务, 补充: rows that name no business.
fn is_catch_all(s: &str) -> bool {
    let base = s.split(['(', '（']).next().unwrap_or(s).trim();
    matches!(
        base,
        "其他"
            | "其它"
            | "其他业务"
            | "其它业务"
            | "其他主营业务"
            | "其他业务收入"
            | "其他产品"
            | "其他行业"
            | "补充"
            | ""
    )
}

/// The first breakdown of one period's rows that `f` makes something of, tried by
/// product, then by industry, then unclassified (never by region).
fn first_breakdown<T>(
    rows: &[&SegmentRow],
    mut f: impl FnMut(SegmentKind, &[&SegmentRow]) -> Option<T>,
) -> Option<T> {
    [
        SegmentKind::Product,
        SegmentKind::Industry,
        SegmentKind::Other,
    ]
    .into_iter()
    .find_map(|kind| {
        let table: Vec<&SegmentRow> = rows.iter().copied().filter(|r| r.kind == kind).collect();
        f(kind, &table)
    })
}

fn period_exposure(
    period: Date,
    rows: &[&SegmentRow],
    keywords: &[String],
) -> Option<PeriodExposure> {
    first_breakdown(rows, |kind, table| {
        breakdown_exposure(period, kind, table, keywords)
    })
}

/// The exposure from one breakdown, or `None` when none of its segments has a share.
fn breakdown_exposure(
    period: Date,
    kind: SegmentKind,
    table: &[&SegmentRow],
    keywords: &[String],
) -> Option<PeriodExposure> {
    let shares = normalised_shares(table);
    let mut theme = Vec::new();
    let mut unrelated = Vec::new();
    let mut other_share = 0.0;
    for (row, share) in table.iter().zip(shares) {
        let Some(share) = share else { continue };
        let name = fold(&row.segment);
        let is_theme = keywords.iter().any(|k| matches_folded(&name, k));
        match (role(&row.segment), is_theme) {
            (RowRole::Total | RowRole::Elimination, _) => {}
            (_, true) => theme.push(seg(row, share)),
            (RowRole::CatchAll, false) => other_share += share,
            (RowRole::Segment, false) => unrelated.push(seg(row, share)),
        }
    }
    if theme.is_empty() && unrelated.is_empty() && other_share == 0.0 {
        return None;
    }
    let by_share_desc = |a: &SegmentShare, b: &SegmentShare| b.share.total_cmp(&a.share);
    theme.sort_by(by_share_desc);
    unrelated.sort_by(by_share_desc);
    Some(PeriodExposure {
        period,
        basis: kind,
        theme_share: theme.iter().map(|s| s.share).sum(),
        unrelated_share: unrelated.iter().map(|s| s.share).sum(),
        largest_unrelated: unrelated.first().cloned(),
        theme_segments: theme,
        other_share,
    })
}

fn seg(row: &SegmentRow, share: f64) -> SegmentShare {
    SegmentShare {
        segment: row.segment.trim().to_string(),
        share,
    }
}

/// Each row's share as a fraction (`None` when it has neither share nor revenue, or when a
/// needed total is unknown).
fn normalised_shares(table: &[&SegmentRow]) -> Vec<Option<f64>> {
    let given: Vec<f64> = table
        .iter()
        .filter(|r| role(&r.segment) != RowRole::Total)
        .filter_map(|r| r.share.filter(|s| s.is_finite()))
        .collect();
    let percent = given.iter().any(|s| *s > 1.0 + 1e-9) || given.iter().sum::<f64>() > 1.5;
    let scale = if percent { 0.01 } else { 1.0 };
    // The denominator for rows without a share: the total row, else every row's revenue
    // (eliminations included, as reported revenue is after elimination).
    let total = table
        .iter()
        .find(|r| role(&r.segment) == RowRole::Total)
        .and_then(|r| r.revenue)
        .or_else(|| {
            let revenues: Vec<f64> = table.iter().filter_map(|r| r.revenue).collect();
            (!revenues.is_empty()).then(|| revenues.iter().sum())
        })
        .filter(|t| t.is_finite() && *t > 0.0);
    table
        .iter()
        .map(|r| match (r.share.filter(|s| s.is_finite()), r.revenue) {
            (Some(s), _) => Some(s * scale),
            (None, Some(rev)) if rev.is_finite() => total.map(|t| rev / t),
            _ => None,
        })
        .collect()
}

/// Full-width ASCII (ＡＩ, １) to ASCII, ideographic space to space, ASCII to lower case.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Substring match with ASCII-letter boundaries at ASCII-letter ends of the keyword.
fn matches_folded(name: &str, keyword: &str) -> bool {
    if keyword.is_empty() {
        return false;
    }
    let starts_alpha = keyword.starts_with(|c: char| c.is_ascii_alphabetic());
    let ends_alpha = keyword.ends_with(|c: char| c.is_ascii_alphabetic());
    name.match_indices(keyword).any(|(at, _)| {
        let before = name[..at].chars().next_back();
        let after = name[at + keyword.len()..].chars().next();
        let clear = |c: Option<char>| !c.is_some_and(|c| c.is_ascii_alphabetic());
        (!starts_alpha || clear(before)) && (!ends_alpha || clear(after))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: [&str; 3] = ["算力", "大模型", "AI"];

    fn day(s: &str) -> Date {
        Date::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    /// Reads a generic segments CSV (`code,period,kind,segment,revenue,share`, no quoting).
    fn read_fixture(text: &str) -> Vec<SegmentRow> {
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("code,period,kind,segment,revenue,share"));
        lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                assert_eq!(f.len(), 6, "{l}");
                let num = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().expect("number"));
                SegmentRow {
                    period: day(f[1]),
                    kind: SegmentKind::parse(f[2]).expect("kind"),
                    segment: f[3].to_string(),
                    revenue: num(f[4]),
                    share: num(f[5]),
                }
            })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn main_product_94pct_with_a_tiny_compute_segment_is_core_unrelated() {
        let rows = read_fixture(include_str!("../tests/fixtures/segments/pcb_maker.csv"));
        let all = exposure_by_period(&rows, &THEME);
        assert_eq!(
            all.iter().map(|e| e.period).collect::<Vec<_>>(),
            [day("2023-12-31"), day("2024-12-31")]
        );
        let e = &all[1];
        assert_eq!(e.basis, SegmentKind::Product);
        assert!(close(e.theme_share, 0.0006), "{}", e.theme_share);
        assert_eq!(e.theme_segments[0].segment, "算力服务");
        let largest = e.largest_unrelated.as_ref().expect("largest");
        assert_eq!(largest.segment, "印制电路板");
        assert!(close(largest.share, 0.94));
        assert!(close(e.unrelated_share, 0.94));
        assert!(close(e.other_share, 0.0594));
        let t = ExposureThresholds::default();
        assert!(!e.is_material(&t));
        assert!(e.is_core_unrelated(&t));
        // 2023 had no compute segment at all
        assert_eq!(all[0].theme_share, 0.0);
        assert!(all[0].theme_segments.is_empty());
    }

    #[test]
    fn server_maker_is_material_through_product_names() {
        let rows = read_fixture(include_str!("../tests/fixtures/segments/server_maker.csv"));
        let e = latest_exposure(&rows, &["算力", "服务器", "AI"]).expect("exposure");
        assert_eq!(e.period, day("2024-12-31"));
        // AI服务器 (0.62) and 算力租赁 (0.08); 通用服务器 matches 服务器 too (0.20)
        assert!(close(e.theme_share, 0.90), "{}", e.theme_share);
        assert_eq!(e.theme_segments[0].segment, "AI服务器");
        let t = ExposureThresholds::default();
        assert!(e.is_material(&t));
        assert!(!e.is_core_unrelated(&t));
        // With only 算力 the AI server line does not count: no synonyms are guessed.
        let narrow = latest_exposure(&rows, &["算力"]).expect("exposure");
        assert!(close(narrow.theme_share, 0.08), "{}", narrow.theme_share);
        assert!(!narrow.is_material(&t));
    }

    #[test]
    fn percent_and_fraction_shares_give_the_same_result() {
        let rows = read_fixture(include_str!("../tests/fixtures/segments/pcb_maker.csv"));
        let as_percent: Vec<SegmentRow> = rows
            .iter()
            .map(|r| SegmentRow {
                share: r.share.map(|s| s * 100.0),
                ..r.clone()
            })
            .collect();
        assert_eq!(
            exposure_by_period(&as_percent, &THEME).len(),
            exposure_by_period(&rows, &THEME).len()
        );
        for (p, f) in exposure_by_period(&as_percent, &THEME)
            .iter()
            .zip(exposure_by_period(&rows, &THEME))
        {
            assert!(close(p.theme_share, f.theme_share));
            assert!(close(p.unrelated_share, f.unrelated_share));
            assert!(close(p.other_share, f.other_share));
        }
    }

    #[test]
    fn total_rows_are_not_segments_and_missing_shares_come_from_revenue() {
        // A percent table with a 合计 row, an elimination row and one share missing.
        let rows = read_fixture(include_str!(
            "../tests/fixtures/segments/software_with_totals.csv"
        ));
        let e = latest_exposure(&rows, &THEME).expect("exposure");
        assert_eq!(e.basis, SegmentKind::Product);
        // 大模型应用 has no share: 150 / 1000 (the 合计 revenue)
        assert!(close(e.theme_share, 0.15), "{}", e.theme_share);
        assert!(
            close(e.unrelated_share, 0.55 + 0.32),
            "{}",
            e.unrelated_share
        );
        assert_eq!(
            e.largest_unrelated.as_ref().map(|s| s.segment.as_str()),
            Some("行业软件")
        );
        assert!(e.theme_segments.iter().all(|s| !s.segment.contains("合计")));
    }

    #[test]
    fn without_total_row_the_denominator_is_the_sum_including_eliminations() {
        let p = day("2024-06-30");
        let row = |segment: &str, revenue: f64| SegmentRow {
            period: p,
            kind: SegmentKind::Industry,
            segment: segment.into(),
            revenue: Some(revenue),
            share: None,
        };
        let rows = [
            row("通信设备", 900.0),
            row("算力服务", 150.0),
            row("内部抵消", -50.0),
        ];
        let e = latest_exposure(&rows, &THEME).expect("exposure");
        assert_eq!(e.basis, SegmentKind::Industry);
        assert!(close(e.theme_share, 0.15));
        assert!(close(e.unrelated_share, 0.90));
    }

    #[test]
    fn product_breakdown_wins_over_industry_and_region_is_ignored() {
        let p = day("2024-12-31");
        let row = |kind, segment: &str, share: f64| SegmentRow {
            period: p,
            kind,
            segment: segment.into(),
            revenue: None,
            share: Some(share),
        };
        let rows = [
            row(SegmentKind::Region, "算力之城", 1.0),
            row(SegmentKind::Industry, "软件和信息技术服务业", 1.0),
            row(SegmentKind::Product, "AI大模型平台", 0.4),
            row(SegmentKind::Product, "系统集成", 0.6),
        ];
        let e = latest_exposure(&rows, &THEME).expect("exposure");
        assert_eq!(e.basis, SegmentKind::Product);
        assert!(close(e.theme_share, 0.4));
        let only_region = [row(SegmentKind::Region, "算力之城", 1.0)];
        assert_eq!(latest_exposure(&only_region, &THEME), None);
        let industry_only = &rows[..2];
        let e = latest_exposure(industry_only, &THEME).expect("exposure");
        assert_eq!(e.basis, SegmentKind::Industry);
        assert_eq!(e.theme_share, 0.0);
    }

    #[test]
    fn rows_without_share_or_revenue_leave_the_breakdown_to_the_next_basis() {
        let p = day("2018-12-31");
        let rows = [
            SegmentRow {
                period: p,
                kind: SegmentKind::Product,
                segment: "服务器".into(),
                revenue: None,
                share: None,
            },
            SegmentRow {
                period: p,
                kind: SegmentKind::Industry,
                segment: "计算机制造".into(),
                revenue: Some(10.0),
                share: Some(1.0),
            },
        ];
        let e = latest_exposure(&rows, &["服务器"]).expect("exposure");
        assert_eq!(e.basis, SegmentKind::Industry);
        assert!(close(e.unrelated_share, 1.0));
    }

    #[test]
    fn keyword_matching_rules() {
        let cases: [(&str, &[&str], bool); 10] = [
            ("AI服务器", &["AI"], true),
            ("AI服务器", &["服务器"], true),
            ("AI服务器", &["算力"], false),
            ("ＡＩ+教育", &["ai"], true),
            ("RETAIL零售", &["AI"], false),
            ("AIGC内容", &["AI"], false),
            ("AIGC内容", &["AIGC"], true),
            ("智能算力租赁", &["算力"], true),
            ("5G模组", &["5G"], true),
            ("PCB", &["", " "], false),
        ];
        for (segment, keywords, want) in cases {
            assert_eq!(
                segment_matches(segment, keywords),
                want,
                "{segment} vs {keywords:?}"
            );
        }
    }

    #[test]
    fn special_row_roles() {
        assert_eq!(role("合计"), RowRole::Total);
        assert_eq!(role("主营业务收入合计"), RowRole::Total);
        assert_eq!(role("分部间抵销"), RowRole::Elimination);
        assert_eq!(role("内部抵消"), RowRole::Elimination);
        assert_eq!(role("其他(补充)"), RowRole::CatchAll);
        assert_eq!(role("其他业务"), RowRole::CatchAll);
        assert_eq!(role("其他智能终端"), RowRole::Segment);
        assert_eq!(role("算力服务"), RowRole::Segment);
    }

    #[test]
    fn a_catch_all_row_that_names_the_theme_counts_as_theme() {
        let p = day("2024-12-31");
        let row = |segment: &str, share: f64| SegmentRow {
            period: p,
            kind: SegmentKind::Product,
            segment: segment.into(),
            revenue: None,
            share: Some(share),
        };
        let e = latest_exposure(&[row("其他(算力)", 0.05), row("家电", 0.95)], &THEME).expect("e");
        assert!(close(e.theme_share, 0.05));
        assert!(close(e.other_share, 0.0));
    }

    #[test]
    fn latest_mix_uses_the_exposure_basis_and_fractions() {
        let rows = read_fixture(include_str!(
            "../tests/fixtures/segments/software_with_totals.csv"
        ));
        let mix = latest_mix(&rows).expect("mix");
        assert_eq!(mix.period, day("2024-12-31"));
        assert_eq!(mix.basis, SegmentKind::Product);
        let names: Vec<&str> = mix.segments.iter().map(|s| s.segment.as_str()).collect();
        assert_eq!(names, ["行业软件", "技术服务", "大模型应用"]);
        assert!(close(mix.segments[0].share, 0.55));
        assert!(close(mix.segments[2].share, 0.15));
        let region_only = [SegmentRow {
            period: day("2024-12-31"),
            kind: SegmentKind::Region,
            segment: "境内".into(),
            revenue: None,
            share: Some(1.0),
        }];
        assert_eq!(latest_mix(&region_only), None);
    }

    #[test]
    fn kind_names() {
        for kind in [
            SegmentKind::Industry,
            SegmentKind::Product,
            SegmentKind::Region,
            SegmentKind::Other,
        ] {
            assert_eq!(SegmentKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(SegmentKind::parse("按产品分类"), Some(SegmentKind::Product));
        assert_eq!(SegmentKind::parse("by-product"), None);
    }
}
