//! [`Board`]: which market segment (板块) a stock trades on, from its exchange and code.

use crate::model::{Exchange, Symbol};

/// A board of the A-share market. The board decides the daily limit percentage and the
/// abnormal-fluctuation thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Board {
    /// SSE main board (沪市主板): 600, 601, 603, 605.
    ShMain,
    /// SZSE main board (深市主板), including the former SME board (中小板): 000–003.
    SzMain,
    /// ChiNext (创业板): 300, 301, 302.
    ChiNext,
    /// STAR Market (科创板): 688, and 689 CDRs.
    Star,
    /// Beijing Stock Exchange (北交所): 920, and the legacy 43/83/87/88 codes used before
    /// 2025-10-09.
    Bse,
}

impl Board {
    /// The board of a stock, or `None` for anything that is not an A-share stock (indices,
    /// funds, bonds, B shares, subscription codes). docs/market-rules.md §1.
    pub fn of(symbol: &Symbol) -> Option<Board> {
        let code = symbol.code();
        let p3 = &code[..3];
        match symbol.exchange {
            Exchange::Sh => match p3 {
                "600" | "601" | "603" | "605" => Some(Board::ShMain),
                "688" | "689" => Some(Board::Star),
                _ => None,
            },
            Exchange::Sz => match p3 {
                "000" | "001" | "002" | "003" => Some(Board::SzMain),
                "300" | "301" | "302" => Some(Board::ChiNext),
                _ => None,
            },
            Exchange::Bj => match &code[..2] {
                // 889xxx are BSE subscription codes, not stocks.
                "88" if p3 == "889" => None,
                "92" | "43" | "83" | "87" | "88" => Some(Board::Bse),
                _ => None,
            },
        }
    }

    /// A stable identifier for JSON and CSV: `sh_main`, `sz_main`, `chinext`, `star`, `bse`.
    pub fn id(self) -> &'static str {
        match self {
            Board::ShMain => "sh_main",
            Board::SzMain => "sz_main",
            Board::ChiNext => "chinext",
            Board::Star => "star",
            Board::Bse => "bse",
        }
    }

    /// The board's name in Chinese or English.
    pub fn name(self, lang: crate::model::Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// Every board.
    pub const ALL: [Board; 5] = [
        Board::ShMain,
        Board::SzMain,
        Board::ChiNext,
        Board::Star,
        Board::Bse,
    ];

    /// The board with the given [`Board::id`].
    pub fn from_id(id: &str) -> Option<Board> {
        Board::ALL.into_iter().find(|b| b.id() == id)
    }

    /// The Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Board::ShMain => "沪市主板",
            Board::SzMain => "深市主板",
            Board::ChiNext => "创业板",
            Board::Star => "科创板",
            Board::Bse => "北交所",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Board::ShMain => "SSE main board",
            Board::SzMain => "SZSE main board",
            Board::ChiNext => "ChiNext",
            Board::Star => "STAR Market",
            Board::Bse => "BSE",
        }
    }

    /// Whether this is one of the two main boards.
    pub fn is_main(self) -> bool {
        matches!(self, Board::ShMain | Board::SzMain)
    }
}

/// A board is written as its [`Board::id`] (`sh_main`, `chinext`…).
impl serde::Serialize for Board {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(s: &str) -> Option<Board> {
        Board::of(&Symbol::parse_stock(s).unwrap())
    }

    #[test]
    fn boards_from_codes() {
        assert_eq!(board("600126"), Some(Board::ShMain));
        assert_eq!(board("605011"), Some(Board::ShMain));
        assert_eq!(board("688316"), Some(Board::Star));
        assert_eq!(board("689009"), Some(Board::Star));
        assert_eq!(board("002881"), Some(Board::SzMain));
        assert_eq!(board("000818"), Some(Board::SzMain));
        assert_eq!(board("300588"), Some(Board::ChiNext));
        assert_eq!(board("301222"), Some(Board::ChiNext));
        assert_eq!(board("920493"), Some(Board::Bse));
        assert_eq!(board("839493"), Some(Board::Bse));
        assert_eq!(board("430489"), Some(Board::Bse));
    }

    #[test]
    fn non_stocks_have_no_board() {
        assert_eq!(board("900901"), None, "SSE B share");
        assert_eq!(board("200002"), None, "SZSE B share");
        assert_eq!(Board::of(&Symbol::parse_index("000001.SH").unwrap()), None);
        assert_eq!(Board::of(&Symbol::parse_index("399006.SZ").unwrap()), None);
        assert_eq!(Board::of(&Symbol::parse_index("899050.BJ").unwrap()), None);
        assert_eq!(board("889001.BJ"), None);
        assert_eq!(board("510300.SH"), None, "ETF");
    }
}
