//! The one list of the kinds of data hypecheck stores. `import KIND`, the import pipeline
//! ([`super::import::file`]), its summaries and the files a fetch writes are all told by a
//! [`Kind`]; a new kind is added here and the compiler names every place that must handle it.

use crate::model::Lang;

/// A kind of data: what a file holds and which table it fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Daily bars of stocks.
    Bars,
    /// Daily bars of benchmark indices.
    Index,
    /// Revenue composition (主营构成).
    Segments,
    /// Share counts (股本), from a date on.
    Shares,
    /// Members of a theme.
    Members,
    /// Listing dates.
    Listings,
    /// Dated names (a name-change history).
    Names,
    /// Code changes (old code → new code).
    Codes,
    /// Dated ST lists.
    St,
    /// Documents (announcements, Q&A, posts, news).
    Docs,
}

impl Kind {
    /// Every kind, in the order `import --help` lists them.
    pub const ALL: [Kind; 10] = [
        Kind::Bars,
        Kind::Index,
        Kind::Segments,
        Kind::Shares,
        Kind::Members,
        Kind::Listings,
        Kind::Names,
        Kind::Codes,
        Kind::St,
        Kind::Docs,
    ];

    /// The fixed name: `import NAME`, and the JSON/CSV word.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Bars => "bars",
            Kind::Index => "index",
            Kind::Segments => "segments",
            Kind::Shares => "shares",
            Kind::Members => "members",
            Kind::Listings => "listings",
            Kind::Names => "names",
            Kind::Codes => "codes",
            Kind::St => "st",
            Kind::Docs => "docs",
        }
    }

    /// The kind of a fixed name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What files of this kind hold and which formats are read (`import KIND --help`).
    pub fn about(self, lang: Lang) -> &'static str {
        match self {
            Kind::Bars => lang.pick(
                "个股日K线（AkShare、Tushare、baostock 或通用 CSV；可 gzip；UTF-8/GBK）",
                "Daily bars of stocks (AkShare, Tushare, baostock or generic CSV; gzip; UTF-8/GBK)",
            ),
            Kind::Index => lang.pick("基准指数的日K线", "Daily bars of a benchmark index"),
            Kind::Segments => lang.pick(
                "主营构成：AkShare stock_zygc_em 的 CSV，或通用 code,period,kind,segment,revenue,share；\
                 每个文件替换其中出现的（公司、报告期、分类）的构成",
                "Revenue composition (主营构成): AkShare stock_zygc_em CSV or generic \
                 code,period,kind,segment,revenue,share; each file replaces the breakdowns \
                 (company, period, kind) it carries",
            ),
            Kind::Shares => lang.pick(
                "股本（用于换手率、流通市值、总市值）：通用 code,date,float_shares,total_shares（单位：股），\
                 Tushare daily_basic（float_share/total_share，单位：万股），或 AkShare \
                 stock_value_em、stock_zh_a_gbjg_em、stock_share_change_cninfo",
                "Share counts (股本), giving 换手率, 流通市值 and 总市值: \
                 code,date,float_shares,total_shares (in shares), Tushare daily_basic \
                 (float_share/total_share in 万股) or AkShare stock_value_em, \
                 stock_zh_a_gbjg_em, stock_share_change_cninfo",
            ),
            Kind::Members => lang.pick(
                "题材成分股：code[,name][,reason][,source][,date]，或 AkShare \
                 stock_board_concept_cons_em 导出（代码, 名称）",
                "Theme members: code[,name][,reason][,source][,date] or an AkShare \
                 stock_board_concept_cons_em export (代码, 名称)",
            ),
            Kind::Listings => lang.pick(
                "上市日期：code,listing_date（也认 list_date、上市日期）；优先于按首根K线推断的上市日",
                "Listing dates (上市日期): code,listing_date (also list_date, 上市日期); they win \
                 over the listing inferred from a stock's first bar",
            ),
            Kind::Names => lang.pick(
                "带日期的名称（更名历史）：code,date,name，自该日起的名称（日期为空：首次更名前的名称）；\
                 也认 Tushare namechange 与深交所简称变更表（变更日期、证券代码、变更后简称）。\
                 连板天梯显示当日名称，带日期的 ST 前缀在没有 ST 名单时决定 ST 状态",
                "Dated names (a name-change history): code,date,name, the name from that date on \
                 (an empty date: the name before the first change); also Tushare namechange and \
                 the SZSE list (变更日期, 证券代码, 变更后简称). The ladder shows the name of its \
                 day, and a dated ST prefix decides ST status where no ST list does",
            ),
            Kind::Codes => lang.pick(
                "代码变更：old_code,new_code[,date]（原代码、新代码、切换日期）；旧代码的K线并入新代码的\
                 历史（北交所 43x/83x/87x/88x 于 2025-10-09 改为 920xxx，文件没有日期时取该日）",
                "Code changes: old_code,new_code[,date] (原代码, 新代码, 切换日期); the old code's \
                 bars join the new code's history (BSE 43x/83x/87x/88x codes moved to 920xxx on \
                 2025-10-09, the date taken when the file has none)",
            ),
            Kind::St => lang.pick(
                "带日期的 ST 名单：Tushare stock_st（ts_code,name,trade_date,...）或 code,start,end,kind",
                "Dated ST lists: Tushare stock_st (ts_code,name,trade_date,...) or \
                 code,start,end,kind",
            ),
            Kind::Docs => lang.pick(
                "文档：JSON Lines、CSV、AkShare 互动易/e互动 导出、.txt、.pdf（提取文字）",
                "Documents: JSON Lines, CSV, AkShare 互动易/e互动 exports, .txt, .pdf (text \
                 extracted)",
            ),
        }
    }

    /// What a summary line calls the file when its format does not say it (listings, dated
    /// names and code changes have one format each).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Listings => lang.pick("上市日期", "listings"),
            Kind::Names => lang.pick("更名历史", "names"),
            Kind::Codes => lang.pick("代码变更", "code changes"),
            Kind::Bars => lang.pick("K线", "bars"),
            Kind::Index => lang.pick("指数", "index"),
            Kind::Segments => lang.pick("主营构成", "segments"),
            Kind::Shares => lang.pick("股本", "share counts"),
            Kind::Members => lang.pick("成分股", "members"),
            Kind::St => lang.pick("ST 名单", "ST list"),
            Kind::Docs => lang.pick("文档", "documents"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_name_and_text_in_both_languages() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(k));
            assert_ne!(k.about(Lang::Zh), k.about(Lang::En));
            assert_ne!(k.label(Lang::Zh), k.label(Lang::En));
        }
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
        assert_eq!(Kind::from_name("shares?"), None);
    }
}
