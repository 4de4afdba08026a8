//! Daily price limits (涨跌幅限制): the percentage per board, ST status and date, the days
//! without a limit, and the limit prices in integer fen.
//!
//! Every dated regime change of docs/market-rules.md §2 is a constant here, so a bar is judged
//! by the rule of its own date.

use chrono::NaiveDate;

use super::Board;
use crate::model::{Date, Exchange, Fen};

const fn date(y: i32, m: u32, d: u32) -> Date {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("invalid constant date"),
    }
}

/// First day of STAR trading, with ±20% and five no-limit IPO days (科创板股票交易特别规定, 2019).
pub const STAR_OPENING: Date = date(2019, 7, 22);
/// ChiNext registration reform: ±20% (ST included) from this day; IPOs listed from this day
/// have five no-limit days (深证上〔2020〕515号 创业板交易特别规定 §2.1).
pub const CHINEXT_REFORM: Date = date(2020, 8, 24);
/// Opening of the Beijing Stock Exchange, ±30% (北证公告〔2021〕15号).
pub const BSE_OPENING: Date = date(2021, 11, 15);
/// First registration-based main-board listing: main-board IPOs from this day have five
/// no-limit days (SSE notice of 2023-02-17; first listings 2023-04-10).
pub const MAIN_REGISTRATION: Date = date(2023, 4, 10);
/// Main-board ST/*ST stocks move from ±5% to ±10% (上证发〔2026〕41号, 深证上〔2026〕551号,
/// effective 2026-07-06; 2026-07-03 was the last day at 5%).
pub const MAIN_ST_10PCT_SINCE: Date = date(2026, 7, 6);

/// The daily limit in whole percent for a stock of `board` on `date`, `st` being its
/// special-treatment status that day. Days without any limit are decided by
/// [`no_limit_day`], not here.
pub fn limit_pct(board: Board, st: bool, date: Date) -> u32 {
    match board {
        // SSE/SZSE 交易规则 §3.3.13 (10%) and the risk-warning rate (5%) until the 2026 rules.
        Board::ShMain | Board::SzMain => {
            if st && date < MAIN_ST_10PCT_SINCE {
                5
            } else {
                10
            }
        }
        Board::ChiNext => {
            if date >= CHINEXT_REFORM {
                20
            } else if st {
                5
            } else {
                10
            }
        }
        Board::Star => 20,
        Board::Bse => 30,
    }
}

/// Whether the bar that is the `day`-th trading day since listing (0 = the listing day)
/// trades without a daily limit (docs/market-rules.md §2.2):
/// - registration-based IPOs (STAR; ChiNext listed from 2020-08-24; main board listed from
///   2023-04-10): the first five trading days;
/// - BSE: the listing day;
/// - older main-board and ChiNext IPOs: the listing day, whose 144%/64% band of the issue
///   price is a price cap, not a daily limit, so it is not counted as 涨停 either.
///
/// Relisting days and the first day of delisting consolidation also have no limit; bars
/// alone cannot show them, so they are not detected.
pub fn no_limit_day(board: Board, listing: Date, day: usize) -> bool {
    let registration = match board {
        Board::Star => true,
        Board::ChiNext => listing >= CHINEXT_REFORM,
        Board::ShMain | Board::SzMain => listing >= MAIN_REGISTRATION,
        Board::Bse => false,
    };
    if registration {
        day < 5
    } else {
        day == 0
    }
}

/// The up-limit price (涨停价) for a previous close and a limit of `pct` percent.
///
/// SSE and SZSE round half up to the 0.01 tick (交易规则 §3.3.17/§3.3.19): computed in
/// integer fen as `(pc·(100+p) + 50) / 100`, which avoids the f64 trap (1.15 × 1.1 must
/// give 1.27). The BSE truncates instead, so its limit never exceeds +30%: 并行科技 closed
/// 2025-02-06 at 107.75 and made its limit on 2025-02-07 at 140.07, not 140.08.
pub fn limit_up_price(prev_close: Fen, pct: u32, exchange: Exchange) -> Fen {
    let num = prev_close * (100 + i64::from(pct));
    match exchange {
        Exchange::Bj => num.div_euclid(100),
        Exchange::Sh | Exchange::Sz => (num + 50).div_euclid(100),
    }
}

/// The down-limit price (跌停价). Half up on SSE/SZSE; on the BSE rounded up, by symmetry
/// with its truncated up-limit, so it never falls below −30% (not observed in data here:
/// docs/market-rules.md §2.3 marks it [U]).
pub fn limit_down_price(prev_close: Fen, pct: u32, exchange: Exchange) -> Fen {
    let num = prev_close * (100 - i64::from(pct));
    match exchange {
        Exchange::Bj => (num + 99).div_euclid(100),
        Exchange::Sh | Exchange::Sz => (num + 50).div_euclid(100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn up(pc: Fen, pct: u32) -> Fen {
        limit_up_price(pc, pct, Exchange::Sh)
    }

    fn down(pc: Fen, pct: u32) -> Fen {
        limit_down_price(pc, pct, Exchange::Sz)
    }

    #[test]
    fn example_a_ten_percent() {
        assert_eq!(up(713, 10), 784);
        assert_eq!(down(713, 10), 642);
    }

    #[test]
    fn example_b_low_prices() {
        assert_eq!(up(104, 10), 114); // only +9.615%
        assert_eq!(up(105, 10), 116); // +10.476%
        assert_eq!(down(105, 10), 95);
        assert_eq!(up(85, 10), 94);
    }

    #[test]
    fn example_c_float_traps() {
        // 1.15 × 1.1 = 1.265 exactly, half up 1.27; f64 gives 1.26.
        assert_eq!(up(115, 10), 127);
        assert_eq!(up(1715, 10), 1887); // 18.865
        assert_eq!(up(3305, 10), 3636); // 36.355
        assert_eq!(up(430, 5), 452); // 4.515
        assert_eq!(limit_up_price(35, 30, Exchange::Sh), 46); // 0.455
        assert_eq!(limit_up_price(95, 30, Exchange::Sh), 124); // 1.235
        assert_eq!(limit_up_price(435, 30, Exchange::Sh), 566); // 5.655
    }

    #[test]
    fn example_d_other_boards() {
        assert_eq!(up(333, 5), 350);
        assert_eq!(down(333, 5), 316);
        assert_eq!(up(1003, 5), 1053);
        assert_eq!(up(333, 10), 366);
        assert_eq!(up(1234, 20), 1481);
        assert_eq!(down(1234, 20), 987);
        assert_eq!(limit_up_price(1001, 30, Exchange::Bj), 1301);
        assert_eq!(limit_down_price(1001, 30, Exchange::Bj), 701);
    }

    #[test]
    fn bse_truncates_the_up_limit() {
        // 并行科技 2025-02-07: 107.75 × 1.3 = 140.075 → 140.07 (half up would say 140.08).
        assert_eq!(limit_up_price(10775, 30, Exchange::Bj), 14007);
        assert_eq!(limit_up_price(10775, 30, Exchange::Sh), 14008);
    }

    #[test]
    fn example_f_ex_dividend_reference() {
        // The vendor's ex-rights reference 6.79 gives 7.47; the raw close 10.00 gives 11.00.
        assert_eq!(up(679, 10), 747);
        assert_eq!(up(1000, 10), 1100);
    }

    #[test]
    fn percent_by_board_st_and_date() {
        let before = d("2026-07-03");
        let after = d("2026-07-06");
        assert_eq!(limit_pct(Board::ShMain, false, before), 10);
        assert_eq!(limit_pct(Board::ShMain, true, before), 5);
        assert_eq!(limit_pct(Board::SzMain, true, after), 10, "example I");
        assert_eq!(
            limit_pct(Board::ChiNext, false, d("2020-08-21")),
            10,
            "example H"
        );
        assert_eq!(limit_pct(Board::ChiNext, true, d("2020-08-21")), 5);
        assert_eq!(limit_pct(Board::ChiNext, false, d("2020-08-24")), 20);
        assert_eq!(limit_pct(Board::ChiNext, true, d("2020-08-24")), 20);
        assert_eq!(limit_pct(Board::Star, true, d("2019-07-22")), 20);
        assert_eq!(limit_pct(Board::Bse, false, d("2025-02-07")), 30);
    }

    #[test]
    fn ipo_days_without_limit() {
        assert!(no_limit_day(Board::Star, d("2024-01-02"), 4));
        assert!(!no_limit_day(Board::Star, d("2024-01-02"), 5));
        assert!(no_limit_day(Board::ChiNext, d("2020-08-24"), 4));
        assert!(
            !no_limit_day(Board::ChiNext, d("2020-08-21"), 1),
            "old ChiNext: day 1 only"
        );
        assert!(no_limit_day(Board::ShMain, d("2023-04-10"), 4));
        assert!(!no_limit_day(Board::ShMain, d("2023-04-07"), 1));
        assert!(
            no_limit_day(Board::SzMain, d("2022-01-04"), 0),
            "old main board day 1 band"
        );
        assert!(no_limit_day(Board::Bse, d("2024-05-06"), 0));
        assert!(!no_limit_day(Board::Bse, d("2024-05-06"), 1));
    }

    /// Exact half-up rounding of pc·(100±p)/100 by decimal string arithmetic, independent
    /// of the integer formula under test.
    fn reference_half_up(pc: i64, factor: i64) -> i64 {
        let product = pc as i128 * factor as i128; // in 1/10000 yuan
        let s = format!("{product:0>3}");
        let (head, tail) = s.split_at(s.len() - 2);
        let base: i64 = head.parse().unwrap();
        if tail.as_bytes()[0] >= b'5' {
            base + 1
        } else {
            base
        }
    }

    proptest! {
        #[test]
        fn half_up_matches_decimal_reference(pc in 1i64..1_000_000, pct in prop::sample::select(vec![5u32, 10, 20, 30])) {
            prop_assert_eq!(up(pc, pct), reference_half_up(pc, 100 + i64::from(pct)));
            prop_assert_eq!(down(pc, pct), reference_half_up(pc, 100 - i64::from(pct)));
        }

        #[test]
        fn limits_bracket_the_previous_close(pc in 1i64..1_000_000, pct in prop::sample::select(vec![5u32, 10, 20, 30]), bj in any::<bool>()) {
            let ex = if bj { Exchange::Bj } else { Exchange::Sh };
            let (u, l) = (limit_up_price(pc, pct, ex), limit_down_price(pc, pct, ex));
            prop_assert!(l <= pc && pc <= u);
            // Within half a tick of the exact limit (a whole tick on the BSE).
            let slack = if bj { 100 } else { 50 };
            prop_assert!((u * 100 - pc * (100 + i64::from(pct))).abs() <= slack);
            prop_assert!((l * 100 - pc * (100 - i64::from(pct))).abs() <= slack);
            if bj {
                prop_assert!(u * 100 <= pc * (100 + i64::from(pct)), "BSE never above +30%");
                prop_assert!(l * 100 >= pc * (100 - i64::from(pct)), "BSE never below -30%");
            }
        }
    }
}
