//! Announcements written for these tests in the layouts A-share filings use (header line,
//! title, body, signature and date); the companies and their words are made up.

use super::*;

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap()
}

/// What [`read`] says of a text, and the title it quotes.
fn said(text: &str) -> FilingHead {
    read(text).0
}

fn title(text: &str) -> Option<String> {
    read(text).1
}

fn sym(s: &str) -> Symbol {
    Symbol::parse_stock(s).unwrap()
}

/// A filing with `header` on top, a two-line title, a body and `footer` at the end.
fn filing(header: &str, title: &str, footer: &str) -> String {
    format!(
        "{header}\n\n示例智联科技股份有限公司\n{title}\n\n\
         本公司及董事会全体成员保证信息披露内容的真实、准确和完整。\n\n\
         公司董事会于2025年2月14日向控股股东发函问询，公司目前经营情况正常，\n\
         与人工智能大模型相关的收入占比很小。\n\n特此公告。\n\n{footer}\n"
    )
}

#[test]
fn header_code_number_title_and_a_date_in_chinese_numerals_under_the_board() {
    let text = filing(
        "证券代码：002261        证券简称：示例智联        公告编号：2025-012",
        "关于股票交易异常波动的公告",
        "示例智联科技股份有限公司\n董事会\n二〇二五年二月十七日",
    );
    assert_eq!(
        said(&text),
        FilingHead {
            code: Some(sym("002261")),
            date: Some((day(2025, 2, 17), DateFrom::Signature)),
            kind: Some((DocKind::Announcement, KindFrom::Number)),
        }
    );
}

#[test]
fn a_date_in_arabic_numerals_on_the_signature_line_or_spaced_by_a_pdf() {
    let text = filing(
        "股票代码:600123 股票简称:示例重工",
        "风险提示性公告",
        "示例重工股份有限公司董事会 2025年3月5日",
    );
    let head = said(&text);
    assert_eq!(head.code, Some(sym("600123.SH")));
    assert_eq!(head.date, Some((day(2025, 3, 5), DateFrom::Signature)));
    // No 公告编号: the title says it is an announcement.
    assert_eq!(head.kind, Some((DocKind::Announcement, KindFrom::Title)));
    let spaced = filing(
        "证券代码：300999",
        "澄清公告",
        "示例软件股份有限公司董事会\n\n2025 年 12 月 1 日\n",
    );
    assert_eq!(
        said(&spaced).date,
        Some((day(2025, 12, 1), DateFrom::Signature))
    );
    let iso = filing(
        "证券代码：300999",
        "澄清公告",
        "示例软件股份有限公司董事会\n2025-12-01",
    );
    assert_eq!(
        said(&iso).date,
        Some((day(2025, 12, 1), DateFrom::Signature))
    );
}

#[test]
fn chinese_numeral_days_and_months_of_every_shape() {
    for (s, want) in [
        ("二〇二五年二月十七日", Some(day(2025, 2, 17))),
        ("二零二四年十二月三十一日", Some(day(2024, 12, 31))),
        ("二〇二五年十月十日", Some(day(2025, 10, 10))),
        ("二〇二五年一月二十日", Some(day(2025, 1, 20))),
        ("二〇二五年三月廿三日", Some(day(2025, 3, 23))),
        ("二○二五年五月九日", Some(day(2025, 5, 9))),
        ("２０２５年２月７日", Some(day(2025, 2, 7))),
        ("二〇二五年二月三十日", None),
        ("二〇二五年十三月一日", None),
        ("2025年第一次临时股东大会", None),
        ("2024年年度报告", None),
    ] {
        assert_eq!(find_date(s), want, "{s}");
    }
}

#[test]
fn a_shares_code_is_taken_before_its_b_shares() {
    let ab =
        "A股代码：600601  A股简称：示例实业  B股代码：900901  B股简称：示例B股  编号：临2025-007";
    let head = said(&filing(
        ab,
        "关于股价异动的公告",
        "示例实业股份有限公司董事会\n2025年4月1日",
    ));
    assert_eq!(head.code, Some(sym("600601.SH")));
    assert_eq!(head.kind, Some((DocKind::Announcement, KindFrom::Number)));
    // B first, then A: still the A share.
    let ba = "B股代码：900901 B股简称：示例B股 A股代码：600601 A股简称：示例实业";
    assert_eq!(code(ba), Some(sym("600601.SH")));
    // One 证券代码 with both codes, the B share's first.
    assert_eq!(
        code("证券代码：200012、000012 证券简称：示例B、示例A"),
        Some(sym("000012"))
    );
    // Only a B share: no code (hypecheck reads A shares).
    assert_eq!(code("证券代码：900901 证券简称：示例B股"), None);
    // A bond code is no stock code.
    assert_eq!(
        code("债券代码：128001 债券简称：示例转债 证券代码：002777"),
        Some(sym("002777"))
    );
}

#[test]
fn a_sentence_about_the_board_is_no_signature() {
    // The body's 公司董事会于2025年2月14日… has a date; the footer has none, nor the title.
    let text = filing(
        "证券代码：002261",
        "关于股票交易异常波动的公告",
        "示例智联科技股份有限公司董事会",
    );
    assert_eq!(said(&text).date, None);
    let one_line = "公司董事会于2025年2月14日审议通过了该议案。\n";
    assert_eq!(said(one_line).date, None);
}

#[test]
fn without_a_signature_date_the_title_or_the_lines_above_it_give_one() {
    let text = filing(
        "证券代码：002261",
        "关于2025年3月3日股价异动的风险提示公告（更正后）",
        "示例智联科技股份有限公司董事会",
    );
    let head = said(&text);
    assert_eq!(head.date, Some((day(2025, 3, 3), DateFrom::Title)));
    assert_eq!(head.kind, Some((DocKind::Announcement, KindFrom::Title)));
    // A date alone at the end, signed by the company without 董事会.
    let company = filing(
        "证券代码：002261",
        "澄清公告",
        "示例智联科技股份有限公司\n2025年3月4日",
    );
    assert_eq!(
        said(&company).date,
        Some((day(2025, 3, 4), DateFrom::Signature))
    );
}

#[test]
fn a_text_that_is_no_announcement_says_nothing() {
    let text = "网友发帖：听说示例智联和某大模型公司合作了，2025年2月10日消息。\n真的假的？\n";
    assert_eq!(said(text), FilingHead::default());
    assert_eq!(said(""), FilingHead::default());
}

#[test]
fn a_reprint_in_traditional_script_says_the_same() {
    let text = "證券代碼：300999    證券簡稱：示例雲算    公告編號：2025-031\n\n\
                示例雲算科技股份有限公司\n關於股票交易異常波動的公告\n\n\
                經核實，公司未與相關廠商開展業務合作。\n\n特此公告。\n\n\
                示例雲算科技股份有限公司董事會\n二〇二五年二月十八日\n";
    assert_eq!(
        said(text),
        FilingHead {
            code: Some(sym("300999")),
            date: Some((day(2025, 2, 18), DateFrom::Signature)),
            kind: Some((DocKind::Announcement, KindFrom::Number)),
        }
    );
    // The title is quoted as the reprint writes it.
    assert_eq!(title(text).as_deref(), Some("關於股票交易異常波動的公告"));
}
