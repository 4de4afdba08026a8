//! What an A-share announcement's own text says about itself (docs/design.md §4): the
//! stock code of its header line (`证券代码：002261 证券简称：… 公告编号：2025-012`), the date
//! under the board's signature at its end (`…董事会` then `2025年2月17日` or
//! `二〇二五年二月十七日`), and that it is an announcement (a 公告编号, or a title ending
//! 公告). A `.txt` or `.pdf` document takes from here what the user's flags do not give.

use crate::model::{Date, DocKind, Symbol};
pub use crate::model::{DateFrom, FilingHead, KindFrom};

/// How many characters of the top are searched for the code and the 公告编号.
const HEAD_CHARS: usize = 800;

/// Reads the header and footer of an announcement's text, and its title as the text writes
/// it ([`super::pdf::guess_title`]).
pub fn read(text: &str) -> (FilingHead, Option<String>) {
    // A reprint in traditional script (證券代碼, 公告編號, 董事會) reads as the simplified one;
    // the conversion is character for character, so the title's line is found in the
    // simplified reading and quoted from the original.
    let simplified = fast2s::convert(text);
    let title = super::pdf::guess_title(&simplified);
    let head: String = simplified.chars().take(HEAD_CHARS).collect();
    let kind = if has_number(&head) {
        Some((DocKind::Announcement, KindFrom::Number))
    } else if title.as_deref().is_some_and(ends_with_announcement) {
        Some((DocKind::Announcement, KindFrom::Title))
    } else {
        None
    };
    let date = signature_date(&simplified)
        .map(|d| (d, DateFrom::Signature))
        .or_else(|| title_date(&simplified, title.as_deref()).map(|d| (d, DateFrom::Title)));
    let quoted = title.and_then(|t| {
        let at = lines(&simplified).position(|l| l == t)?;
        lines(text).nth(at).map(str::to_string)
    });
    (
        FilingHead {
            code: code(&head),
            date,
            kind,
        },
        quoted,
    )
}

/// The text's non-empty lines, trimmed.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The header's A-share code: an `A股代码` first, else the first code after `证券代码` or
/// `股票代码` that is not a B share's (`证券代码：000002、200002`).
pub(crate) fn code(head: &str) -> Option<Symbol> {
    ["A股代码", "A 股代码", "证券代码", "股票代码"]
        .iter()
        .find_map(|key| {
            head.match_indices(key)
                .flat_map(|(at, _)| codes_after(&head[at + key.len()..]))
                .find(|s| !s.is_b_share())
        })
}

/// The codes written right after a key: `：600000`, `: 000002、200002`.
fn codes_after(rest: &str) -> Vec<Symbol> {
    let mut out = Vec::new();
    let mut rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '\t']);
    loop {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() != 6 {
            break;
        }
        if let Ok(s) = Symbol::parse_stock(&digits) {
            out.push(s);
        }
        rest = rest[digits.len()..].trim_start_matches(['、', ',', '，', '/', ' ', '\u{3000}']);
    }
    out
}

/// Whether the header numbers the announcement (`公告编号：2025-012`, `编号：临2025-012`).
fn has_number(head: &str) -> bool {
    head.contains("公告编号") || head.contains("编号：临") || head.contains("编号:临")
}

/// A title ending 公告 (`…关于股票交易异常波动的公告`, `风险提示性公告`), a bracketed
/// remark after it (`（更正后）`) aside.
fn ends_with_announcement(title: &str) -> bool {
    let mut t = title.trim();
    if let Some(open) = t.rfind(['（', '(']) {
        if t.ends_with(['）', ')']) {
            t = t[..open].trim_end();
        }
    }
    t.ends_with("公告")
}

/// The date under the signature: the last short line ending 董事会 (or 监事会), then a
/// date on the same line or on one of the three lines below it. Without such a line, a
/// date alone on one of the last two lines (a signature with the company's name only).
fn signature_date(text: &str) -> Option<Date> {
    let lines: Vec<&str> = lines(text).collect();
    let signature = lines.iter().enumerate().rev().find_map(|(i, line)| {
        let at = ["董事会", "监事会"]
            .iter()
            .filter_map(|k| line.rfind(k).map(|at| at + k.len()))
            .max()?;
        let (signer, rest) = line.split_at(at);
        let rest = rest.trim();
        // A sentence that mentions the board (公司董事会于…审议) is no signature.
        let signs = signer.chars().count() <= 40
            && !signer.contains(['。', '，', ',', '；', '、', '：'])
            && (rest.is_empty() || date_line(rest).is_some());
        signs.then_some((i, rest))
    });
    match signature {
        Some((_, rest)) if !rest.is_empty() => date_line(rest),
        Some((i, _)) => lines[i + 1..].iter().take(3).find_map(|l| date_line(l)),
        None => lines.iter().rev().take(2).find_map(|l| date_line(l)),
    }
}

/// A line that is a date (`2025年2月17日`, `二〇二五年二月十七日`, `2025-02-17`), perhaps
/// after 日期 or before a weekday: it starts with the date and is short.
fn date_line(line: &str) -> Option<Date> {
    let line = line
        .trim_start_matches("日期")
        .trim_start_matches([':', '：', ' ', '\u{3000}']);
    let starts_with_digit = line
        .chars()
        .next()
        .is_some_and(|c| digit_of(c).is_some() || ('０'..='９').contains(&c));
    if !starts_with_digit || line.chars().count() > 24 {
        return None;
    }
    find_date(line).or_else(|| super::docs::parse_day(line))
}

/// A date in the title, or a line that is a date above it (in the first five lines
/// without a title): a sentence of the body that mentions a day is not the filing's date.
fn title_date(text: &str, title: Option<&str>) -> Option<Date> {
    let lines: Vec<&str> = lines(text).take(15).collect();
    let at = title.and_then(|t| lines.iter().position(|l| *l == t));
    let above = at.unwrap_or(lines.len().min(5));
    at.and_then(|at| find_date(lines[at]))
        .or_else(|| lines[..above].iter().find_map(|l| date_line(l)))
}

/// The first `年…月…日` date of `s`, in Arabic (`2025年2月17日`, full-width digits and
/// spaces allowed) or Chinese numerals (`二〇二五年二月十七日`).
pub(crate) fn find_date(s: &str) -> Option<Date> {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '年')
        .find_map(|(at, _)| date_at(&chars, at))
}

/// The date whose 年 is at `at`: four year digits before it, month and day after it.
fn date_at(chars: &[char], at: usize) -> Option<Date> {
    let year: String = chars.get(at.checked_sub(4)?..at)?.iter().collect();
    let year = if year.chars().all(|c| c.is_ascii_digit()) {
        year.parse().ok()?
    } else {
        year.chars()
            .try_fold(0i32, |y, c| Some(y * 10 + digit_of(c)? as i32))?
    };
    let after = &chars[at + 1..];
    let month_end = after.iter().position(|c| *c == '月')?;
    let month = number_of(&after[..month_end])?;
    let after = &after[month_end + 1..];
    let day_end = after.iter().position(|c| matches!(c, '日' | '号'))?;
    let day = number_of(&after[..day_end])?;
    Date::from_ymd_opt(year, month, day).filter(|_| (1990..=2100).contains(&year))
}

/// A Chinese digit: 〇/零/○ and 一 to 九.
fn digit_of(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' | 'O' | '0' => 0,
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        '五' | '5' => 5,
        '六' | '6' => 6,
        '七' | '7' => 7,
        '八' | '8' => 8,
        '九' | '9' => 9,
        _ => return None,
    })
}

/// A month or day of one or two Arabic digits, or in Chinese numerals (二, 十七, 二十一,
/// 廿三, 卅一).
fn number_of(cs: &[char]) -> Option<u32> {
    if (1..=2).contains(&cs.len()) && cs.iter().all(char::is_ascii_digit) {
        return cs.iter().collect::<String>().parse().ok();
    }
    let (tens, rest) = match cs {
        ['十', rest @ ..] => (1, rest),
        [t, '十', rest @ ..] => (digit_of(*t)?, rest),
        ['廿', rest @ ..] => (2, rest),
        ['卅', rest @ ..] => (3, rest),
        [d] => return digit_of(*d).filter(|d| *d > 0),
        _ => return None,
    };
    let ones = match rest {
        [] => 0,
        [d] => digit_of(*d)?,
        _ => return None,
    };
    Some(tens * 10 + ones).filter(|n| *n > 0)
}

#[cfg(test)]
mod tests;
