//! `hypecheck stock CODE [--asof DATE] [--theme ID] [--json]`: a stock's dossier: limit
//! prices, streak, returns, excess returns and abnormal-fluctuation estimates, the latest
//! revenue mix (主营构成) when segments were imported, and with `--theme` the verdict for
//! that theme with its reasons and evidence.

use std::process::ExitCode;

use anyhow::{bail, Context};
use hypecheck::assess::Thresholds;
use hypecheck::exposure::latest_mix;
use hypecheck::model::{Date, Symbol};
use hypecheck::{jobs, report};

use super::{parse_date, Global};

/// Arguments of `hypecheck stock`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The stock: a code (002881, 002881.SZ, sz002881) or its name (美格智能)
    code: String,
    /// The date of the dossier (YYYY-MM-DD or YYYYMMDD); default the stock's latest bar
    #[arg(long, value_parser = parse_date)]
    asof: Option<Date>,
    /// The look-back window in trading days for the longest streak and abnormal fluctuation
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// The benchmark index for excess returns and deviations (default: the first of the
    /// board's candidates that the store has, e.g. 000001.SH for the SSE main board)
    #[arg(long)]
    benchmark: Option<String>,
    /// A theme (built-in id, stored id or TOML file): add the stock's verdict for it, with
    /// the reasons and the sentences they rest on
    #[arg(long)]
    theme: Option<String>,
    /// A folder with an `evidence.toml` that replaces the built-in lexicon (with --theme)
    #[arg(long)]
    lexicons: Option<std::path::PathBuf>,
    /// JSON instead of a table
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    let benchmark = args
        .benchmark
        .as_deref()
        .map(Symbol::parse_index)
        .transpose()
        .context("--benchmark")?;
    let store = super::open_existing_store(global)?;
    let (symbol, name) = jobs::resolve_stock(&store, &args.code).map_err(super::job_error(lang))?;
    let Some(info) = jobs::stock_info(&store, symbol).map_err(super::job_error(lang))? else {
        if symbol.is_b_share() {
            bail!("{}", hypecheck::messages::b_share_refused(lang, symbol));
        }
        bail!(
            "{symbol}: {}",
            lang.pick(
                "不是A股股票代码（指数、基金、B股不适用）",
                "not an A-share stock code"
            )
        );
    };
    // With a theme, a non-trading day (or a day after the last bar) is computed as of the
    // trading day before it, and said so, as `scan` does.
    let (asof, note) = match (args.asof, &args.theme) {
        (Some(d), Some(_)) => match jobs::trading_day(&store, d) {
            Err(jobs::Error::NotTradingDay {
                before: Some(b), ..
            }) => (
                Some(b),
                hypecheck::messages::asof_moved(lang, d, Some(b), None),
            ),
            Err(jobs::Error::AfterLastBar { last, .. }) => (
                Some(last),
                hypecheck::messages::asof_moved(lang, d, Some(last), Some(last)),
            ),
            _ => (Some(d), None),
        },
        (asof, _) => (asof, None),
    };
    let dossier = jobs::dossier(&store, &info, name, asof, args.window, benchmark)
        .map_err(super::job_error(lang))?;
    let anomaly =
        jobs::anomaly_on(&store, &info, dossier.bar_date).map_err(super::job_error(lang))?;
    // The newest revenue report out by the dossier's day.
    let rows =
        jobs::public_segments(&store, symbol, dossier.bar_date).map_err(super::job_error(lang))?;
    let mix = latest_mix(&rows);
    let assessment = match &args.theme {
        Some(id) => {
            let theme = super::load_theme(global, id)?;
            let lex = super::load_lexicon(args.lexicons.as_deref())?;
            let t = Thresholds {
                window: args.window,
                ..Thresholds::default()
            };
            let a = jobs::assess(&store, &theme, &lex, &info, dossier.asof, &t)
                .map_err(super::job_error(lang))?;
            Some((theme, a))
        }
        None => None,
    };
    let text = if args.json {
        let mut extra = Vec::new();
        if let Some(a) = &anomaly {
            extra.push(("impossible", serde_json::to_value(a)?));
        }
        if let Some(n) = &note {
            extra.push(("asof_note", serde_json::json!(n)));
        }
        if let Some((theme, a)) = &assessment {
            extra.push(("theme", serde_json::json!(theme.id)));
            extra.push((
                "assessment",
                report::reason::assessment_json(a, &theme.name),
            ));
        }
        report::dossier::json(&dossier, mix.as_ref(), extra)
    } else {
        let width = report::table::terminal_width(global.width);
        let mut out = note.map(|n| format!("{n}\n")).unwrap_or_default();
        out.push_str(&report::dossier::table(&dossier, width, lang));
        if let Some(a) = &anomaly {
            out.push_str(&report::check::dossier_note(a, width, lang));
        }
        if let Some(m) = &mix {
            out.push_str(&report::dossier::mix_table(m, lang));
        }
        if let Some((theme, a)) = &assessment {
            out.push_str(&report::scan::stock_verdict(
                &theme.name,
                a,
                report::table::terminal_width(global.width),
                lang,
            ));
        }
        out
    };
    super::emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
