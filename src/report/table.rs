//! Terminal tables (comfy-table, CJK-width aware) with A-share colours: red up, green down.

use comfy_table::{presets, Cell, CellAlignment, Color, ContentArrangement, Table};

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

/// A cell coloured red (`up`) or green (down) when `color`, for flags such as 涨停/跌停.
pub fn marked(text: impl ToString, up: bool, color: bool) -> Cell {
    let cell = Cell::new(text.to_string());
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
