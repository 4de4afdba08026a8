//! Terminal tables (comfy-table, CJK-width aware) with A-share colours: red up, green down.

use comfy_table::{
    presets, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table,
};

/// Whether to colour output: off when `NO_COLOR` is set (https://no-color.org) or when
/// stdout is not a terminal.
pub fn color_wanted() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// A table with the given header, laid out to the terminal width.
pub fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().map(Cell::new));
    t
}

/// The width to lay tables out to: `flag` (`--width`), else the `COLUMNS` variable, else
/// the terminal's width; `None` when output goes to a file or a pipe (no limit).
pub fn terminal_width(flag: Option<u16>) -> Option<u16> {
    flag.or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
    })
    .filter(|w| *w > 0)
    .or_else(|| Table::new().width())
}

/// The narrowest a shrinkable column gets before columns are hidden.
const MIN_FLEX: u16 = 6;

/// The width a cut text column needs to say something: when the shrinkable columns would
/// get less each, the next droppable one is hidden instead.
const MIN_USEFUL: u16 = 8;

/// Lays `t` out within `width` columns (no limit when `None`). Columns in `whole` (codes,
/// names, numbers, dates: what must never be cut) keep their full width; the others share
/// the rest, every cell cut to one line ending in `…` (comfy-table cuts at character
/// boundaries and counts a CJK character as two columns). When even that does not fit,
/// the columns of `droppable` are hidden, in that order. Returns the hidden columns'
/// headers, for a note under the table.
pub fn fit(t: &mut Table, width: Option<u16>, whole: &[usize], droppable: &[usize]) -> Vec<String> {
    lay_out(t, width, whole, droppable, true)
}

/// As [`fit`], but long text cells wrap onto more lines instead of being cut (for texts
/// read in full: search snippets, membership reasons). Columns in `whole` never wrap.
pub fn fit_wrapped(t: &mut Table, width: Option<u16>, whole: &[usize]) {
    lay_out(t, width, whole, &[], false);
}

fn lay_out(
    t: &mut Table,
    width: Option<u16>,
    whole: &[usize],
    droppable: &[usize],
    truncate: bool,
) -> Vec<String> {
    let Some(width) = width else {
        t.set_content_arrangement(ContentArrangement::Disabled);
        return Vec::new();
    };
    t.set_width(width).set_truncation_indicator("…");
    if truncate {
        for row in t.row_iter_mut() {
            row.max_height(1);
        }
    }
    let content = t.column_max_content_widths();
    let headers: Vec<String> = t
        .header()
        .map(|h| h.cell_iter().map(|c| c.content()).collect())
        .unwrap_or_default();
    let header_width = |i: usize| {
        headers.get(i).map_or(0, |h| {
            h.chars()
                .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
                .sum::<u16>()
        })
    };
    // What each column needs at least: all of it, or a shrunk share (never narrower than
    // its header, which is not cut).
    let full = |i: usize| content.get(i).copied().unwrap_or(0).max(header_width(i));
    let need = |i: usize| -> u16 {
        if whole.contains(&i) {
            full(i)
        } else {
            full(i).min(MIN_FLEX).max(header_width(i))
        }
    };
    let mut shown: Vec<usize> = (0..content.len()).collect();
    let mut hidden = Vec::new();
    // Each shown column takes its content, one space either side and one border.
    let total =
        |shown: &[usize]| -> u32 { shown.iter().map(|&i| u32::from(need(i)) + 3).sum::<u32>() + 1 };
    // The width the shown columns that may be cut share, per column: a droppable column is
    // hidden rather than cut to a stub that says nothing ("股价…").
    let flex_share = |shown: &[usize]| -> u32 {
        if shown.iter().map(|&i| u32::from(full(i)) + 3).sum::<u32>() < u32::from(width) {
            return u32::MAX; // nothing is cut
        }
        let fixed: u32 = shown
            .iter()
            .filter(|i| whole.contains(i))
            .map(|&i| u32::from(full(i)) + 3)
            .sum();
        let flex = shown.iter().filter(|i| !whole.contains(i)).count() as u32;
        u32::from(width)
            .saturating_sub(fixed + 1 + 3 * flex)
            .checked_div(flex)
            .unwrap_or(u32::MAX)
    };
    for &i in droppable {
        let cramped = truncate && flex_share(&shown) < u32::from(MIN_USEFUL) && !whole.contains(&i);
        if total(&shown) <= u32::from(width) && !cramped {
            break;
        }
        shown.retain(|&c| c != i);
        hidden.push(i);
    }
    let all_fit = shown.iter().map(|&i| u32::from(full(i)) + 3).sum::<u32>() < u32::from(width);
    for i in 0..content.len() {
        if let Some(col) = t.column_mut(i) {
            if hidden.contains(&i) {
                col.set_constraint(ColumnConstraint::Hidden);
            } else if all_fit || whole.contains(&i) {
                col.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                col.set_constraint(ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                    need(i),
                )));
            }
        }
    }
    hidden
        .iter()
        .map(|&i| headers.get(i).cloned().unwrap_or_default())
        .collect()
}

/// Columns a terminal gives `c`: two for CJK and full-width forms, one otherwise.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Punctuation a Chinese line must not start with.
fn no_line_start(c: char) -> bool {
    "，。、；：！？）》」』”’…,.;:!?)".contains(c)
}

/// `text` (one paragraph) wrapped to `width` columns (no limit when `None`), every line
/// after the first indented by `indent` spaces; breaks between words of Latin text and
/// between CJK characters, never before closing punctuation (the break moves one character
/// back), never between a Latin letter or digit and the CJK character after it ("K线"), and
/// never inside a word or a code.
pub fn wrap(text: &str, width: Option<u16>, indent: usize) -> String {
    let Some(width) = width.map(usize::from).filter(|w| *w > indent + 10) else {
        return text.to_string();
    };
    // Break points: after a space, or between two characters where either is CJK.
    let chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let room = if lines.is_empty() {
            width
        } else {
            width - indent
        };
        let mut used = 0;
        let mut end = start;
        while end < chars.len() && used + char_width(chars[end]) <= room {
            used += char_width(chars[end]);
            end += 1;
        }
        if end < chars.len() {
            // Step back to the last allowed break at or before `end`.
            let mut b = end;
            while b > start {
                let (prev, next) = (chars[b - 1], chars[b]);
                let cjk = char_width(prev) == 2 || char_width(next) == 2;
                // Not between a Latin letter or digit and the CJK character after it: "K线",
                // "3家" and "A股" stay whole (the break moves before the Latin part).
                let glued = prev.is_ascii_alphanumeric() && char_width(next) == 2;
                let allowed = prev == ' ' || (cjk && !no_line_start(next) && next != ' ' && !glued);
                if allowed {
                    break;
                }
                b -= 1;
            }
            if b > start {
                end = b;
            }
        }
        let line: String = chars[start..end].iter().collect();
        lines.push(line.trim_end().to_string());
        start = end;
        while start < chars.len() && chars[start] == ' ' {
            start += 1;
        }
    }
    let pad = " ".repeat(indent);
    lines.join(&format!("\n{pad}"))
}

/// Every line of `text` wrapped to `width` (see [`wrap`]), continuation lines indented
/// two spaces more than the line itself.
pub fn wrap_lines(text: &str, width: Option<u16>) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let indent = body.len() - body.trim_start_matches(' ').len() + 2;
        out.push_str(&wrap(body, width, indent));
        out.push_str(nl);
    }
    out
}

/// A right-aligned cell.
pub fn num(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

/// A fraction shown as a signed percentage with two decimals (`0.6108` → `+61.08%`),
/// red when positive and green when negative if `color`; `-` when unknown.
pub fn pct(value: Option<f64>, color: bool) -> Cell {
    match value {
        None => num("-"),
        Some(v) => {
            // Round first: a change shown as 0.00% is neither coloured nor "-0.00%".
            let v = (v * 10000.0).round() / 10000.0;
            let v = if v == 0.0 { 0.0 } else { v };
            let cell = num(format!("{:+.2}%", v * 100.0));
            if !color || v == 0.0 {
                cell
            } else if v > 0.0 {
                cell.fg(Color::Red)
            } else {
                cell.fg(Color::Green)
            }
        }
    }
}

/// A right-aligned cell coloured red (`up`) or green (down) when `color`, for flags such
/// as 涨停/跌停 (aligned like the numbers and the other 是/否 cells around it).
pub fn marked(text: impl ToString, up: bool, color: bool) -> Cell {
    let cell = num(text);
    match (color, up) {
        (false, _) => cell,
        (true, true) => cell.fg(Color::Red),
        (true, false) => cell.fg(Color::Green),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_signed_with_two_decimals() {
        let mut t = new_table(&["r"]);
        t.add_row(vec![pct(Some(0.610827), false)]);
        t.add_row(vec![pct(Some(-0.05), false)]);
        t.add_row(vec![pct(None, false)]);
        let s = t.to_string();
        assert!(s.contains("+61.08%"), "{s}");
        assert!(s.contains("-5.00%"), "{s}");
        assert!(s.contains(" - "), "{s}");
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_words_whole() {
        let zh = "  蹭热点：股价过热，且公司自己在推动与题材的关联（自媒体或互动易宣传、回避投资者提问），而没有公告确认实质性的业务或股权关系";
        let w = wrap(zh, Some(40), 4);
        for l in w.lines() {
            assert!(l.chars().map(char_width).sum::<usize>() <= 40, "{l}");
            let first = l.trim_start().chars().next().unwrap();
            assert!(!no_line_start(first), "{l}");
        }
        assert_eq!(w.replace("\n    ", ""), zh);
        let en =
            "  hype rider: hot, and the company itself fuels the link 605890.SH while no filing";
        let w = wrap(en, Some(30), 4);
        for l in w.lines() {
            assert!(l.len() <= 30, "{l}");
        }
        assert!(w.lines().any(|l| l.contains("605890.SH")), "{w}");
        assert_eq!(wrap(zh, None, 4), zh);
    }

    #[test]
    fn colour_codes_only_when_asked() {
        let mut plain = new_table(&["r"]);
        plain.add_row(vec![pct(Some(0.1), false)]);
        assert!(!plain.to_string().contains('\u{1b}'));
        let mut coloured = new_table(&["r"]);
        coloured.force_no_tty().enforce_styling();
        coloured.add_row(vec![pct(Some(0.1), true)]);
        assert!(coloured.to_string().contains('\u{1b}'));
    }
}
