//! The scan's terminal table and CSV (JSON is the report's serde form; HTML is
//! [`super::html`]).

use std::io::{self, Write};

use super::columns::{self, Batch, Column, TableWriter};
use super::table::{color_wanted, fit, new_table, num, pct, wrap, wrap_lines};
use crate::assess::{MarketFacts, ScanReport, StockAssessment, Verdict};
use crate::jobs::Coverage;
use crate::model::Lang;
use crate::report::Format;

/// The scan as JSON, as `scan --format json` writes it: the report's serde form, each
/// reason with its facts and its words ([`super::reason::assessment_json`]), and with
/// `note` (`asof_note`, Chinese and English: a non-trading day, or a day after the last
/// bar, and the trading day used).
pub fn json(out: &mut dyn Write, r: &ScanReport, note: Option<(&str, &str)>) -> io::Result<()> {
    let mut v = serde_json::to_value(r).map_err(io::Error::other)?;
    if let Some(serde_json::Value::Array(list)) = v.get_mut("stocks") {
        *list = r
            .stocks
            .iter()
            .map(|a| super::reason::assessment_json(a, &r.theme_name))
            .collect();
    }
    if let (Some((zh, en)), serde_json::Value::Object(m)) = (note, &mut v) {
        m.insert("asof_note".into(), serde_json::json!({"zh": zh, "en": en}));
    }
    serde_json::to_writer_pretty(&mut *out, &v)?;
    out.write_all(b"\n")
}

fn verdict_label(a: &StockAssessment, lang: Lang) -> &'static str {
    lang.pick(a.verdict.label_zh(), a.verdict.label_en())
}

/// The headings every rendering of a scan starts with: code, name, verdict, substance,
/// flags, the as-of streak (当前连板), the window's highest streak (最高连板), the window's
/// return and the as-of day's 成交额, 换手率 and 流通市值 (English in lower case).
pub(super) fn columns(window: usize, lang: Lang) -> [String; 11] {
    [
        lang.pick("代码", "code").to_string(),
        lang.pick("名称", "name").to_string(),
        lang.pick("结论", "verdict").to_string(),
        lang.pick("实质", "substance").to_string(),
        lang.pick("标记", "flags").to_string(),
        lang.pick("当前连板", "streak").to_string(),
        lang.pick("最高连板", "max streak").to_string(),
        match lang {
            Lang::Zh => format!("{window}日涨幅"),
            Lang::En => format!("{window}-day return"),
        },
        lang.pick("成交额", "amount").to_string(),
        lang.pick("换手率", "turnover").to_string(),
        lang.pick("流通市值", "float cap").to_string(),
    ]
}

/// The stock's name, marked "°" when its membership of the theme has no date.
pub(super) fn name_marked(a: &StockAssessment) -> String {
    let name = a.name.as_deref().unwrap_or("");
    match a.membership_dated {
        Some(false) => format!("{name}°"),
        _ => name.to_string(),
    }
}

/// What the "°" mark means.
pub(super) fn undated_note(lang: Lang) -> &'static str {
    lang.pick(
        "° 题材成员未注明加入日期（members 文件无 added 列），按始终属于该题材计算",
        "° the theme membership has no date (no added column in the members file): counted as a member on every day",
    )
}

/// One of the as-of day's market facts of a stock (`get` of its [`MarketFacts`]) in
/// words: "未知" when unknown, "-" without bars.
fn market_text(
    a: &StockAssessment,
    get: impl Fn(&MarketFacts) -> Option<f64>,
    show: impl Fn(f64) -> String,
    lang: Lang,
) -> String {
    a.market.as_ref().map_or_else(
        || "-".to_string(),
        |m| super::reason::fact(get(m), show, lang),
    )
}

/// The as-of day's 成交额 in 万元/亿元.
pub(super) fn amount_text(a: &StockAssessment, lang: Lang) -> String {
    market_text(a, |m| m.amount, |x| super::reason::amount(x, lang), lang)
}

/// The as-of day's 换手率 in percent (from share counts, else the vendor's rate).
pub(super) fn turnover_text(a: &StockAssessment, lang: Lang) -> String {
    market_text(a, |m| m.turnover, super::reason::turnover, lang)
}

/// The as-of day's 流通市值 in 万元/亿元 (from share counts).
pub(super) fn float_cap_text(a: &StockAssessment, lang: Lang) -> String {
    market_text(a, |m| m.float_cap, |c| super::reason::cap(c, lang), lang)
}

/// The stock's flags in the user's language.
pub(super) fn flags_text(a: &StockAssessment, lang: Lang) -> String {
    let names: Vec<&str> = a
        .flags
        .iter()
        .map(|f| lang.pick(f.label_zh(), f.name()))
        .collect();
    names.join(lang.pick("、", ", "))
}

/// The legend of the verdicts a scan shows, one paragraph each, in the scan's sort order,
/// wrapped to `width` columns.
pub fn legend(r: &ScanReport, width: Option<u16>, lang: Lang) -> String {
    let mut out = String::from(lang.pick("结论的含义：\n", "What the verdicts mean:\n"));
    for v in Verdict::ALL {
        if r.stocks.iter().any(|a| a.verdict == v) {
            let line = format!(
                "  {}{}{}",
                lang.pick(v.label_zh(), v.label_en()),
                lang.pick("：", ": "),
                lang.pick(v.definition_zh(), v.definition_en())
            );
            out.push_str(&wrap(&line, width, 4));
            out.push('\n');
        }
    }
    out.push_str(lang.pick(
        "每只股票的全部理由、标记和所依据的句子见 --format json 或 html。\n",
        "Every reason, flag and the sentences behind them: --format json or html.\n",
    ));
    out
}

/// The terminal table, hottest with least substance first, laid out within `width`
/// columns (see [`fit`]; `None`: no limit); an empty scan says what the store holds
/// (`coverage`).
pub fn table(
    w: &mut dyn Write,
    r: &ScanReport,
    coverage: &Coverage,
    width: Option<u16>,
    lang: Lang,
) -> io::Result<()> {
    let color = color_wanted();
    let mut head = match lang {
        Lang::Zh => format!(
            "题材 {}（{}），截至 {}，近 {} 个交易日：{} 只股票\n",
            r.theme_name,
            r.theme,
            r.asof,
            r.window,
            r.stocks.len()
        ),
        Lang::En => format!(
            "Theme {} ({}), as of {}, last {} trading days: {} stocks\n",
            r.theme_name,
            r.theme,
            r.asof,
            r.window,
            r.stocks.len()
        ),
    };
    if r.stocks.is_empty() {
        head.push_str(&crate::messages::scan_empty(
            lang,
            &r.theme_name,
            r.asof,
            coverage.theme_docs_upto(),
            coverage.theme_docs_after(),
            coverage.first_after_asof,
            coverage.members,
        ));
        head.push('\n');
        return w.write_all(head.as_bytes());
    }
    let mut head_row: Vec<String> = columns(r.window, lang).into();
    head_row.push(lang.pick("已读文档", "docs read").to_string());
    head_row.push(lang.pick("结论依据", "why").to_string());
    let head_row: Vec<&str> = head_row.iter().map(String::as_str).collect();
    let mut t = new_table(&head_row);
    for a in &r.stocks {
        let (streak, max, ret) = match &a.heat {
            Some(h) => (
                h.streak.to_string(),
                h.max_streak.to_string(),
                h.returns.window,
            ),
            None => ("-".to_string(), "-".to_string(), None),
        };
        t.add_row(vec![
            comfy_table::Cell::new(&a.code),
            comfy_table::Cell::new(name_marked(a)),
            comfy_table::Cell::new(verdict_label(a, lang)),
            comfy_table::Cell::new(lang.pick(a.substance.label_zh(), a.substance.name())),
            comfy_table::Cell::new(flags_text(a, lang)),
            num(streak),
            num(max),
            pct(ret, color),
            num(amount_text(a, lang)),
            num(turnover_text(a, lang)),
            num(float_cap_text(a, lang)),
            num(a.docs_checked.to_string()),
            comfy_table::Cell::new(super::reason::verdict_text(a, &r.theme_name, lang)),
        ]);
    }
    // Code, name, verdict, substance and the numbers are never cut; the reason, then the
    // float cap, the turnover, the documents read, the amount, the as-of streak and last the
    // flags make room on a narrow terminal.
    let hidden = fit(
        &mut t,
        width,
        &[0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11],
        &[12, 10, 9, 11, 8, 5, 4],
    );
    let mut out = format!("{head}{t}\n");
    if r.stocks.iter().any(|a| a.membership_dated == Some(false)) {
        out.push_str(&wrap(undated_note(lang), width, 2));
        out.push('\n');
    }
    if !hidden.is_empty() {
        out.push_str(&wrap(
            &crate::messages::columns_hidden(lang, &hidden),
            width,
            2,
        ));
        out.push('\n');
    }
    out.push_str(&legend(r, width, lang));
    w.write_all(out.as_bytes())
}

/// The columns of the scan's CSV and Parquet, one row per stock: fixed English names;
/// verdict, substance and flags both as fixed names (for programs) and as labels in the
/// user's language (中文 by default; `verdict_label`, `substance_label`, `flags_label`),
/// the verdict with its definition; reasons in the user's language; heat columns empty
/// for a stock without bars.
pub const COLUMNS: &[Column] = &[
    Column::text("code"),
    Column::text("name").nullable(),
    Column::text("verdict"),
    Column::text("verdict_label"),
    Column::text("verdict_definition"),
    Column::text("substance"),
    Column::text("flags"),
    Column::i64("streak").nullable(),
    Column::i64("max_streak").nullable(),
    Column::f64("return_window").nullable().decimals(4),
    Column::f64("excess_window").nullable().decimals(4),
    Column::bool("abnormal").nullable(),
    Column::i64("docs_checked"),
    Column::date("newest_evidence").nullable(),
    Column::i64("evidence"),
    Column::text("reasons"),
    Column::text("substance_label"),
    Column::text("flags_label"),
    Column::date("bar_date").nullable(),
    Column::f64("amount").nullable().decimals(0),
    Column::f64("turnover").nullable().decimals(4),
    Column::f64("float_cap").nullable().decimals(0),
    Column::f64("total_cap").nullable().decimals(0),
    Column::bool("membership_dated").nullable(),
    Column::date("asof"),
    Column::text("theme"),
    Column::text("cited_doc").nullable(),
    Column::date("cited_date").nullable(),
    Column::text("cited_kind").nullable(),
    Column::text("cited_part").nullable(),
    Column::text("cited_sentence").nullable(),
];

/// The sentence the verdict cites: of the document its reason rests on, the first theme
/// sentence in the company's words (an answer or a body), else the question (a question
/// nobody answered). `None` when the verdict rests on no document (cold, or nothing to read).
pub fn cited_sentence(a: &StockAssessment) -> Option<&crate::assess::Evidence> {
    let id = a
        .reasons
        .iter()
        .find(|r| r.about == crate::assess::About::Verdict)?
        .doc_id
        .as_deref()?;
    let of_doc = || a.evidence.iter().filter(move |e| e.doc_id == id);
    of_doc()
        .find(|e| e.part != crate::assess::DocPart::Question)
        .or_else(|| of_doc().next())
}

/// The scan's rows over [`COLUMNS`].
pub fn rows(r: &ScanReport, lang: Lang) -> Batch {
    let mut b = Batch::new(COLUMNS);
    for a in &r.stocks {
        let flags: Vec<&str> = a.flags.iter().map(|f| f.name()).collect();
        let h = a.heat.as_ref();
        let m = a.market.as_ref();
        b.push(&a.code)
            .push(a.name.as_deref())
            .push(a.verdict.name())
            .push(verdict_label(a, lang))
            .push(lang.pick(a.verdict.definition_zh(), a.verdict.definition_en()))
            .push(a.substance.name())
            .push(flags.join(";").as_str())
            .push(h.map(|h| h.streak))
            .push(h.map(|h| h.max_streak))
            .push(h.and_then(|h| h.returns.window))
            .push(h.and_then(|h| h.excess.window))
            .push(h.map(|h| h.abnormal))
            .push(a.docs_checked)
            .push(a.newest_evidence)
            .push(a.evidence.len())
            .push(super::reason::all_text(a, &r.theme_name, lang).as_str())
            .push(lang.pick(a.substance.label_zh(), a.substance.name()))
            .push(flags_text(a, lang).as_str())
            .push(m.map(|m| m.date))
            .push(m.and_then(|m| m.amount))
            .push(m.and_then(|m| m.turnover))
            .push(m.and_then(|m| m.float_cap))
            .push(m.and_then(|m| m.total_cap))
            .push(a.membership_dated);
        let cited = cited_sentence(a);
        b.push(r.asof)
            .push(r.theme.as_str())
            .push(cited.map(|e| e.doc_id.as_str()))
            .push(cited.map(|e| e.date))
            .push(cited.map(|e| e.kind.name()))
            .push(cited.map(|e| e.part.name()))
            .push(cited.map(|e| e.text.as_str()));
        b.end_row();
    }
    b
}

/// The scan as CSV or Parquet ([`COLUMNS`]) into `out`. With `bom` CSV starts with a
/// UTF-8 byte-order mark, without which Excel on a Chinese Windows reads UTF-8 as GBK and
/// shows mojibake. Texts from files are made safe for spreadsheets ([`super::csv_text`]).
pub fn write_rows(
    out: impl Write + Send,
    format: Format,
    r: &ScanReport,
    lang: Lang,
    bom: bool,
) -> Result<(), columns::Error> {
    let mut w = TableWriter::with_bom(out, format, COLUMNS, bom)?;
    w.write(&rows(r, lang))?;
    w.finish()?;
    Ok(())
}

/// A stock's verdict for one theme under its dossier (`stock CODE --theme ID`): the verdict
/// and its definition, substance, flags, the documents read, every reason (with the
/// document it rests on) and the evidence sentences, wrapped to `width`.
pub fn stock_verdict(
    theme_name: &str,
    a: &StockAssessment,
    width: Option<u16>,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let v = a.verdict;
    out.push_str(&match lang {
        Lang::Zh => format!(
            "\n题材 {theme_name}：{}（{}）\n  实质：{}  标记：{}\n  已读公司关于该题材的文档 {} 篇{}\n",
            v.label_zh(),
            v.definition_zh(),
            a.substance.label_zh(),
            if a.flags.is_empty() { "无".to_string() } else { flags_text(a, lang) },
            a.docs_checked,
            a.newest_evidence.map_or(String::new(), |d| format!("，最新 {d}")),
        ),
        Lang::En => format!(
            "\nTheme {theme_name}: {} ({})\n  substance: {}  flags: {}\n  {} company documents about the theme read{}\n",
            v.label_en(),
            v.definition_en(),
            a.substance.name(),
            if a.flags.is_empty() { "none".to_string() } else { flags_text(a, lang) },
            a.docs_checked,
            a.newest_evidence.map_or(String::new(), |d| format!(", the newest of {d}")),
        ),
    });
    out.push_str(lang.pick("理由：\n", "Reasons:\n"));
    for r in &a.reasons {
        let doc = r.doc_id.as_deref().map_or(String::new(), |d| {
            format!(" [{}]", crate::model::printable(d))
        });
        out.push_str(&format!(
            "  - {}{doc}\n",
            super::reason::text(r, theme_name, lang)
        ));
    }
    if !a.evidence.is_empty() {
        out.push_str(lang.pick("依据的句子：\n", "Sentences:\n"));
        for e in &a.evidence {
            let classes = super::class_labels(&e.classes, lang);
            out.push_str(&format!(
                "  {} {} [{}] {}\n",
                e.date,
                lang.pick(e.kind.label_zh(), e.kind.name()),
                classes.join(","),
                crate::model::printable(&e.text).replace('\n', " ")
            ));
        }
    }
    wrap_lines(&out, width)
}
