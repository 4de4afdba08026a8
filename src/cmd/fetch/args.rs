//! The arguments of `hypecheck fetch`: one subcommand per bridge request, and `theme`,
//! the whole chain.

use std::path::PathBuf;

use hypecheck::jobs::fetch::{self, Request};
use hypecheck::model::{Date, Symbol};

use super::super::args::theme_id;
use super::super::parse_date;

/// Arguments of `hypecheck fetch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub(super) what: What,
    /// The Python 3 interpreter with akshare and pandas installed
    #[arg(
        long,
        global = true,
        env = "HYPECHECK_PYTHON",
        default_value = "python3"
    )]
    pub(super) python: PathBuf,
    /// Where fetched files are kept (default: hypecheck-cache beside the store); a second
    /// run skips the files already there
    #[arg(long, global = true, env = "HYPECHECK_CACHE")]
    pub(super) cache: Option<PathBuf>,
    /// Fetch again even when the cache has the file
    #[arg(long, global = true)]
    pub(super) force: bool,
}

/// What to fetch: the chain of a theme, or one request.
#[derive(Debug, clap::Subcommand)]
pub(super) enum What {
    #[command(flatten)]
    One(One),
    /// The whole chain for a theme: members (--board), then bars and the benchmark indices
    /// of their boards, segments, share counts, Q&A and announcements with text of every
    /// member; run again later, only what is new
    Theme(ThemeArgs),
}

/// One bridge request.
#[derive(Debug, clap::Subcommand)]
pub(super) enum One {
    /// Unadjusted daily bars of stocks (AkShare stock_zh_a_hist)
    Bars {
        /// Stock codes (002881, 002881.SZ, sz002881)
        #[arg(required_unless_present = "update", conflicts_with = "update", value_parser = stock_code)]
        codes: Vec<Symbol>,
        /// First date (YYYY-MM-DD or YYYYMMDD)
        #[arg(long, value_parser = parse_date, required_unless_present = "update", conflicts_with = "update")]
        from: Option<Date>,
        /// Last date (YYYY-MM-DD or YYYYMMDD); with --update, default the last trading day
        #[arg(long, value_parser = parse_date, required_unless_present = "update")]
        to: Option<Date>,
        /// Every stock in the store (or the --theme's members) from the day after its last
        /// bar to the last trading day; stocks already current are skipped and named
        #[arg(long)]
        update: bool,
        /// With --update: only the members of this theme
        #[arg(long, requires = "update", value_parser = theme_id)]
        theme: Option<String>,
    },
    /// Daily levels of benchmark indices (AkShare stock_zh_index_daily_em)
    Index {
        /// Index codes with their exchange (000001.SH, 399006.SZ)
        #[arg(required = true, value_parser = index_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: Range,
    },
    /// Investor Q&A (互动易 for SZSE, e互动 for SSE) as JSON Lines documents
    Qa {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        /// Ask 互动易 for each answer's exact date (one request per question; slow)
        #[arg(long)]
        answer_dates: bool,
    },
    /// Announcements (cninfo) with the text of their PDFs, as documents
    Announcements {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
        #[command(flatten)]
        range: OptionalRange,
        /// Only announcements whose title contains one of these words
        /// (e.g. 异常波动,风险提示,澄清,问询,关注函)
        #[arg(long, value_delimiter = ',')]
        titles: Vec<String>,
        /// List titles and links only; download no PDF
        #[arg(long)]
        no_pdf: bool,
        /// Seconds to wait for the PDF host's answer (default 30)
        #[arg(long)]
        timeout: Option<f64>,
    },
    /// Revenue composition (主营构成, AkShare stock_zygc_em)
    Segments {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
    },
    /// Share counts (股本) history: float and total shares from each change on (AkShare
    /// stock_zh_a_gbjg_em), for 换手率 and 市值
    Shares {
        /// Stock codes
        #[arg(required = true, value_parser = stock_code)]
        codes: Vec<Symbol>,
    },
    /// Members of an Eastmoney concept board (stock_board_concept_cons_em) as a theme
    Members {
        /// The board's name (e.g. 算力概念) or code (BK1134)
        #[arg(long)]
        board: String,
        /// The theme id to store the members under (e.g. compute)
        #[arg(long, value_parser = theme_id)]
        theme: String,
    },
    /// ST status from evidence: the current ST board (stock_zh_a_st_em) as a one-day ST
    /// list, and the SZSE name-change history (stock_info_sz_change_name) as dated names
    St,
}

/// A required date range.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(super) struct Range {
    /// First date (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    from: Date,
    /// Last date (YYYY-MM-DD or YYYYMMDD)
    #[arg(long, value_parser = parse_date)]
    to: Date,
}

/// An optional date range: by default the year up to today.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(super) struct OptionalRange {
    /// First date (default: one year before --to)
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Last date (default: today)
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
}

fn stock_code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_stock(s).map_err(|e| e.to_string())
}

fn index_code(s: &str) -> Result<Symbol, String> {
    Symbol::parse_index(s).map_err(|e| e.to_string())
}

/// The arguments of `fetch theme`.
#[derive(Debug, clap::Args)]
pub(super) struct ThemeArgs {
    /// The theme id (its members come from --board, import members or fetch members)
    #[arg(value_parser = theme_id)]
    pub(super) theme: String,
    /// First date (with --to; or give --asof)
    #[arg(long, value_parser = parse_date, requires = "to", conflicts_with = "asof")]
    pub(super) from: Option<Date>,
    /// Last date (with --from)
    #[arg(long, value_parser = parse_date, requires = "from", conflicts_with = "asof")]
    pub(super) to: Option<Date>,
    /// The as-of date: fetch the --window trading days before it and the history the
    /// market rules need (90 days more)
    #[arg(long, value_parser = parse_date, required_unless_present = "from")]
    pub(super) asof: Option<Date>,
    /// Trading days of the window before --asof
    #[arg(long, default_value_t = 10)]
    pub(super) window: usize,
    /// Fetch the members of this Eastmoney concept board first, as the theme's members
    #[arg(long)]
    pub(super) board: Option<String>,
}

/// What a single-kind fetch does: one bridge request, or the bars update.
pub(super) enum Plan {
    /// One request.
    One(Request),
    /// `fetch bars --update [--theme ID] [--to D]`.
    Update {
        /// Only this theme's members.
        theme: Option<String>,
        /// The last date (default: the last trading day).
        to: Option<Date>,
    },
}

/// The plan of a single-kind fetch.
pub(super) fn plan(one: &One) -> fetch::Result<Plan> {
    Ok(Plan::One(match one {
        One::Bars {
            update: true,
            theme,
            to,
            ..
        } => {
            return Ok(Plan::Update {
                theme: theme.clone(),
                to: *to,
            })
        }
        One::Bars {
            codes, from, to, ..
        } => match (from, to) {
            (Some(from), Some(to)) => Request::bars(codes, *from, *to)?,
            // clap requires both without --update.
            _ => return Err(fetch::Error::Usage(vec!["--from and --to".into()])),
        },
        One::Index { codes, range } => Request::index(codes, range.from, range.to)?,
        One::Qa {
            codes,
            answer_dates,
        } => Request::qa(codes, *answer_dates),
        One::Announcements {
            codes,
            range,
            titles,
            no_pdf,
            timeout,
        } => {
            let to = range
                .to
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let from = range
                .from
                .unwrap_or_else(|| to - chrono::Duration::days(365));
            let opts = fetch::AnnouncementOptions {
                titles: titles.clone(),
                no_pdf: *no_pdf,
                timeout: *timeout,
            };
            Request::announcements(codes, from, to, &opts)?
        }
        One::Segments { codes } => Request::segments(codes),
        One::Shares { codes } => Request::shares(codes),
        One::Members { board, theme } => Request::members(board, theme),
        One::St => Request::st(),
    }))
}
