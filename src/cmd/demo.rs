//! `hypecheck demo [--out DIR]`: runs the pipeline on the bundled sample, an entirely
//! fictional set of stocks (`demo/`: bars made by `tools/make_demo_bars.py`, documents in
//! `docs.jsonl` about the fictional theme of `theme.toml`), so a new user sees the output
//! without any data of their own: the 连板天梯, one dossier, and the theme scan with its
//! HTML report.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use hypecheck::assess::Thresholds;
use hypecheck::ingest::DocDefaults;
use hypecheck::jobs::{self, import};
use hypecheck::model::{Date, Lang, Symbol};
use hypecheck::report::{self, Format};
use hypecheck::store::Store;

use super::Global;

/// The sample's bars and index levels, compiled into the binary.
const BARS: &str = include_str!("../../demo/bars.csv");
const INDEX: &str = include_str!("../../demo/index.csv");
/// The sample's documents: announcements, Q&A, posts and news about the fictional theme.
const DOCS: &str = include_str!("../../demo/docs.jsonl");
/// The fictional theme (灵犀大模型).
const THEME: &str = include_str!("../../demo/theme.toml");
/// The theme's members with their reasons, and two companies' revenue mix.
const MEMBERS: &str = include_str!("../../demo/members.csv");
const SEGMENTS: &str = include_str!("../../demo/segments.csv");
const SHARES: &str = include_str!("../../demo/shares.csv");
/// The HTML report's file name inside `--out`.
const REPORT: &str = "report.html";

/// The event study's page inside `--out`.
const STUDY: &str = "study.html";

/// The sample's as-of date: the last day of its hype episode.
const ASOF: &str = "2025-04-18";
/// The day whose 连板天梯 the demo shows: the peak of the episode.
const LADDER_DATE: &str = "2025-04-17";
/// The stock whose dossier the demo shows.
const SHOWN: &str = "605890.SH";

/// Arguments of `hypecheck demo`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder for the demo's store and sample files (created; re-running reuses it)
    #[arg(long, default_value = "hypecheck-demo")]
    out: PathBuf,
}

/// Runs the demo.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let lang = global.lang();
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let bars = args.out.join("bars.csv");
    let index = args.out.join("index.csv");
    let docs = args.out.join("docs.jsonl");
    let theme_file = args.out.join("theme.toml");
    let members = args.out.join("members.csv");
    let segments = args.out.join("segments.csv");
    let shares = args.out.join("shares.csv");
    for (path, text) in [
        (&bars, BARS),
        (&index, INDEX),
        (&docs, DOCS),
        (&theme_file, THEME),
        (&members, MEMBERS),
        (&segments, SEGMENTS),
        (&shares, SHARES),
    ] {
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let theme = hypecheck::theme::Theme::parse(THEME, "demo/theme.toml")?;
    // `--db` on the command line names the demo's store; the fictional sample never goes
    // into a store that holds other data.
    let db = if global.db_given {
        global.db.clone()
    } else {
        args.out.join("demo.db")
    };
    let existed = db.exists();
    let mut store =
        Store::open(&db).with_context(|| format!("opening the store {}", db.display()))?;
    if existed && store.latest_date()?.is_some() && store.members(&theme.id)?.is_empty() {
        anyhow::bail!(hypecheck::messages::demo_not_into(
            lang,
            &db.display().to_string()
        ));
    }
    let refused = |e| super::importer::refused(e, lang);
    import::bars(
        &mut store,
        &bars,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .map_err(refused)?;
    import::index(
        &mut store,
        &index,
        None,
        &mut |_| {},
        &mut import::BadRows::refuse(),
    )
    .map_err(refused)?;
    import::docs(
        &mut store,
        &docs,
        DocDefaults::default(),
        &mut import::BadRows::refuse(),
    )
    .map_err(refused)?;
    import::members(
        &mut store,
        &members,
        &theme.id,
        None,
        &mut import::BadRows::refuse(),
    )
    .map_err(refused)?;
    import::segments(&mut store, &segments, &mut import::BadRows::refuse()).map_err(refused)?;
    import::shares(&mut store, &shares, None, &mut import::BadRows::refuse()).map_err(refused)?;

    let asof: Date = ASOF.parse()?;
    let mut out: Vec<u8> = lang
        .pick(
            "══ hypecheck 演示：以下公司、代码和行情均为虚构 ══\n\n",
            "══ hypecheck demo: the companies, codes and prices below are fictional ══\n\n",
        )
        .into();
    let err = super::job_error(lang);
    let ladder = jobs::ladder(&store, LADDER_DATE.parse()?).map_err(&err)?;
    report::ladder::table(
        &mut out,
        &ladder,
        report::table::terminal_width(global.width),
        lang,
    )?;
    out.push(b'\n');
    let symbol = Symbol::parse_stock(SHOWN)?;
    let info = jobs::stock_info(&store, symbol)
        .map_err(&err)?
        .context("the demo stock has no board")?;
    let name = store.security(symbol)?.and_then(|s| s.name);
    let dossier = jobs::dossier(&store, &info, name, Some(asof), 10, None).map_err(&err)?;
    out.extend_from_slice(
        report::dossier::table(&dossier, report::table::terminal_width(global.width), lang)
            .as_bytes(),
    );
    out.push(b'\n');
    let scan = jobs::scan(&store, &theme, asof, &Thresholds::default()).map_err(&err)?;
    report::scan::table(
        &mut out,
        &scan.report,
        &scan.coverage,
        report::table::terminal_width(global.width),
        lang,
    )?;
    let report = args.out.join(REPORT);
    super::output::write(Some(&report), Format::Html, lang, |w| {
        let page = report::html::Page {
            coverage: &scan.coverage,
            generated: chrono::Utc::now(),
            fictional: true,
        };
        Ok(report::html::render(
            w,
            &scan.report,
            &scan.charts,
            &page,
            lang,
        )?)
    })?;
    let width = report::table::terminal_width(global.width);
    let study_page = study(&store, &theme, asof, &args.out, &mut out, (width, lang))?;
    out.extend_from_slice(match lang {
        Lang::Zh => format!(
            "\nHTML 报告：{report}\n事件研究：{study}\n演示数据已存入 {db}。可以接着试：\n  hypecheck --db {db} scan --theme {theme} --asof {ASOF} --format json\n  hypecheck --db {db} panel --theme {theme} --from 2025-03-03 --to {ASOF} --out panel.csv\n  hypecheck --db {db} stock 磐石电子 --asof {ASOF}\n  hypecheck --db {db} ladder --date 2025-04-16 --json\n  hypecheck signals {bars} --out signals.csv\n",
            report = report.display(),
            study = study_page.display(),
            db = db.display(),
            theme = theme_file.display(),
            bars = bars.display()
        ),
        Lang::En => format!(
            "\nHTML report: {report}\nEvent study: {study}\nThe demo store is {db}. Try next:\n  hypecheck --db {db} --lang en scan --theme {theme} --asof {ASOF} --format json\n  hypecheck --db {db} panel --theme {theme} --from 2025-03-03 --to {ASOF} --out panel.csv\n  hypecheck --db {db} --lang en stock 301890 --asof {ASOF}\n  hypecheck --db {db} ladder --date 2025-04-16 --json\n  hypecheck signals {bars} --out signals.csv\n",
            report = report.display(),
            study = study_page.display(),
            db = db.display(),
            theme = theme_file.display(),
            bars = bars.display()
        ),
    }.as_bytes());
    super::emit(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// The demo's small event study: every episode of the sample up to the as-of date, its
/// summary in `out` and its page in `dir`; returns the page's path.
fn study(
    store: &Store,
    theme: &hypecheck::theme::Theme,
    asof: Date,
    dir: &std::path::Path,
    out: &mut Vec<u8>,
    (width, lang): (Option<u16>, Lang),
) -> anyhow::Result<PathBuf> {
    let err = super::job_error(lang);
    let t = Thresholds::default();
    let lex = hypecheck::text::Lexicon::builtin();
    let data = jobs::load_panel(store, theme, lex, &t, false).map_err(&err)?;
    let first = data.ctx.calendar.first().copied().unwrap_or(asof);
    let settings = hypecheck::study::Settings::default();
    let r = jobs::study(&data, first, asof, &settings).map_err(&err)?;
    out.push(b'\n');
    for line in report::study::summary_lines(&r, lang) {
        out.extend_from_slice(report::table::wrap(&line, width, 2).as_bytes());
        out.push(b'\n');
    }
    let path = dir.join(STUDY);
    super::output::write(Some(&path), Format::Html, lang, |w| {
        Ok(report::study::html(&r, true, lang, w)?)
    })?;
    Ok(path)
}
