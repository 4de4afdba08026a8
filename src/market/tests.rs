//! Tests of [`analyze`] and the functions over its signals, with the worked examples of
//! docs/market-rules.md §7.

use proptest::prelude::*;

use super::*;
use crate::model::{Date, IndexBar};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn bar(date: &str, o: Fen, h: Fen, l: Fen, c: Fen) -> Bar {
    Bar {
        date: d(date),
        open: o,
        high: h,
        low: l,
        close: c,
        prev_close: None,
        volume: None,
        amount: None,
        turnover: None,
        st: None,
    }
}

/// A close-only bar (open = high = low = close).
fn flat(date: &str, c: Fen) -> Bar {
    bar(date, c, c, c, c)
}

fn info(code: &str) -> StockInfo {
    StockInfo::new(Symbol::parse_stock(code).unwrap()).unwrap()
}

#[test]
fn limit_up_down_blown_and_one_price() {
    let bars = [
        flat("2025-02-04", 1000),
        bar("2025-02-05", 1050, 1100, 1040, 1100), // limit-up, not one-price
        flat("2025-02-06", 1210),                  // one-price limit-up
        bar("2025-02-07", 1250, 1331, 1200, 1300), // touched 13.31, closed below: 炸板
        bar("2025-02-10", 1200, 1250, 1170, 1170), // limit-down 11.70
    ];
    let s = analyze(&info("600126"), &bars);
    assert_eq!(s[0].limit_pct, None, "first bar has no previous close");
    assert_eq!(
        (s[1].limit_up, s[1].one_price, s[1].streak),
        (true, false, 1)
    );
    assert_eq!(
        (s[2].limit_up, s[2].one_price, s[2].streak),
        (true, true, 2)
    );
    assert_eq!(s[3].limit_up_price, Some(1331));
    assert!(s[3].blown && !s[3].limit_up);
    assert_eq!(s[3].streak, 0);
    assert_eq!(s[4].limit_down_price, Some(1170));
    assert!(s[4].limit_down);
    assert_eq!(s[4].down_streak, 1);
}

#[test]
fn vendor_prev_close_is_the_reference() {
    // Example F: ex-dividend day, reference 6.79 from the vendor; the raw close was 10.00.
    let mut b = flat("2025-06-10", 747);
    b.prev_close = Some(679);
    let bars = [flat("2025-06-09", 1000), b];
    let s = analyze(&info("600000"), &bars);
    assert_eq!(s[1].limit_up_price, Some(747));
    assert!(s[1].limit_up);
}

#[test]
fn example_k_suspension_inside_a_streak() {
    // Limit-up D1, D2; suspended (no bars) for three days; limit-up again on D6.
    let bars = [
        flat("2025-03-03", 1000),
        flat("2025-03-04", 1100),
        flat("2025-03-05", 1210),
        flat("2025-03-11", 1331),
    ];
    let s = analyze(&info("002881"), &bars);
    assert_eq!(s.iter().map(|x| x.streak).collect::<Vec<_>>(), [0, 1, 2, 3]);
}

#[test]
fn example_h_chinext_switch_keeps_the_streak() {
    // 10% on Friday 2020-08-21, 20% on Monday 2020-08-24: two boards of different size.
    let bars = [
        flat("2020-08-20", 1000),
        flat("2020-08-21", 1100),
        flat("2020-08-24", 1320),
    ];
    let s = analyze(&info("300001"), &bars);
    assert_eq!(s[1].limit_pct, Some(10));
    assert_eq!(s[2].limit_pct, Some(20));
    assert_eq!((s[1].streak, s[2].streak), (1, 2));
}

#[test]
fn example_i_main_board_st_switch() {
    let mut a = flat("2026-07-02", 333);
    let mut b = flat("2026-07-03", 350); // +5%: ST limit
    let mut c = flat("2026-07-06", 385); // +10%: the new ST limit
    for x in [&mut a, &mut b, &mut c] {
        x.st = Some(true);
    }
    let s = analyze(&info("600001"), &[a, b, c]);
    assert_eq!((s[1].limit_pct, s[1].limit_up), (Some(5), true));
    assert_eq!(
        (s[2].limit_pct, s[2].limit_up, s[2].streak),
        (Some(10), true, 2)
    );
}

#[test]
fn example_j_ipo_days_are_not_boards() {
    // A STAR IPO: five no-limit days, then one-price boards from day 6.
    let mut stock = info("688999");
    stock.listing_date = Some(d("2025-03-03"));
    let closes = [3000, 3600, 4320, 5184, 6220, 7464, 8957];
    let dates = [
        "2025-03-03",
        "2025-03-04",
        "2025-03-05",
        "2025-03-06",
        "2025-03-07",
    ];
    let dates = dates.iter().chain(["2025-03-10", "2025-03-11"].iter());
    let bars: Vec<Bar> = dates.zip(closes).map(|(dt, c)| flat(dt, c)).collect();
    let s = analyze(&stock, &bars);
    assert!(s[..5].iter().all(|x| x.limit_pct.is_none() && !x.limit_up));
    // 62.20 × 1.2 = 74.64, 74.64 × 1.2 = 89.568 → 89.57.
    assert_eq!(s[5].limit_up_price, Some(7464));
    assert_eq!((s[5].streak, s[5].one_price), (1, true));
    assert_eq!(s[6].limit_up_price, Some(8957));
    assert_eq!(s[6].streak, 2);
    // A window cut after the listing (the ladder's 90 days) has no IPO days in it: its
    // second bar is judged by the 20% rule, not as a first trading day.
    let s = analyze(&stock, &bars[5..]);
    assert_eq!(s[1].limit_up_price, Some(8957));
    assert_eq!(
        inferred_listing(d("2025-03-03"), d("2021-03-18")),
        Some(d("2025-03-03"))
    );
    assert_eq!(inferred_listing(d("2021-03-18"), d("2021-03-18")), None);
    // The data begins where most stocks begin, not at the few that begin earlier.
    let firsts = [
        "2021-01-28",
        "2021-03-18",
        "2021-03-18",
        "2021-03-03",
        "2023-06-01",
    ];
    assert_eq!(data_start(firsts.map(d)), Some(d("2021-03-18")));
    assert_eq!(
        data_start(["2025-03-04", "2025-03-03"].map(d)),
        Some(d("2025-03-03"))
    );
    assert_eq!(data_start([]), None);
}

#[test]
fn bse_limit_up_on_2025_02_07() {
    let bars = [
        bar("2025-02-06", 9000, 10775, 9000, 10775),
        flat("2025-02-07", 14007),
    ];
    let s = analyze(&info("920493"), &bars);
    assert_eq!(s[1].limit_pct, Some(30));
    assert_eq!(s[1].limit_up_price, Some(14007));
    assert!(s[1].limit_up);
}

#[test]
fn up_stat_windows() {
    let closes = [1000, 1100, 1210, 1200, 1320, 1452, 1500];
    let dates = [
        "2025-01-02",
        "2025-01-03",
        "2025-01-06",
        "2025-01-07",
        "2025-01-08",
    ];
    let dates = dates.iter().chain(["2025-01-09", "2025-01-10"].iter());
    let bars: Vec<Bar> = dates.zip(closes).map(|(dt, c)| flat(dt, c)).collect();
    let s = analyze(&info("600000"), &bars);
    assert_eq!(up_stat(&s, 2, 10), UpStat { days: 2, boards: 2 });
    assert_eq!(up_stat(&s, 5, 10), UpStat { days: 5, boards: 4 });
    assert_eq!(up_stat(&s, 5, 2), UpStat { days: 2, boards: 2 });
    assert_eq!(up_stat(&s, 0, 10), UpStat { days: 0, boards: 0 });
    assert_eq!(max_streak(&s), 2);
}

#[test]
fn returns_and_excess() {
    let bars: Vec<Bar> = [
        ("2025-01-02", 1000),
        ("2025-01-03", 1100),
        ("2025-01-06", 1210),
    ]
    .iter()
    .map(|(dt, c)| flat(dt, *c))
    .collect();
    let s = analyze(&info("600000"), &bars);
    let r = n_day_return(&bars, &s, 2, 2).unwrap();
    assert!((r - 0.21).abs() < 1e-12);
    assert_eq!(n_day_return(&bars, &s, 1, 2), None);
    let index: Vec<IndexBar> = [
        ("2025-01-02", 100.0),
        ("2025-01-03", 101.0),
        ("2025-01-06", 105.0),
    ]
    .iter()
    .map(|(dt, c)| IndexBar {
        date: d(dt),
        open: *c,
        high: *c,
        low: *c,
        close: *c,
    })
    .collect();
    let x = excess_return(&bars, &s, 2, 2, &index).unwrap();
    assert!((x - 0.16).abs() < 1e-12, "{x}");
    assert_eq!(
        excess_return(&bars, &s, 2, 2, &index[1..]),
        None,
        "index lacks the start"
    );
}

#[test]
fn example_e_sum_and_compound_disagree() {
    // Stock +10.00%, +10.00%, +9.98%; index +0.5%, −0.3%, +0.2%.
    let bars = [
        flat("2025-04-01", 100_000),
        flat("2025-04-02", 110_000),
        flat("2025-04-03", 121_000),
        flat("2025-04-07", 133_076), // +9.98%
    ];
    let levels = [1000.0, 1005.0, 1001.985, 1003.98897];
    let index: Vec<IndexBar> = bars
        .iter()
        .zip(levels)
        .map(|(b, c)| IndexBar {
            date: b.date,
            open: c,
            high: c,
            low: c,
            close: c,
        })
        .collect();
    let stock = info("600000");
    let s = analyze(&stock, &bars);
    let sum = abnormal_events(&stock, &bars, &s, Some(&index), Cumulation::Sum, None);
    let compound = abnormal_events(&stock, &bars, &s, Some(&index), Cumulation::Compound, None);
    assert_eq!(sum.len(), 1);
    assert_eq!(sum[0].date, d("2025-04-07"), "sum method: day 3");
    assert!(
        (sum[0].deviation - 0.2958).abs() < 1e-4,
        "{}",
        sum[0].deviation
    );
    assert_eq!(compound.len(), 1);
    assert_eq!(compound[0].date, d("2025-04-03"), "compound method: day 2");
    assert!((compound[0].deviation - 0.208015).abs() < 1e-5);
    assert_eq!(
        (compound[0].days, compound[0].direction),
        (2, Direction::Up)
    );
}

#[test]
fn abnormal_resets_after_a_trigger_and_on_resumption() {
    let stock = info("600000");
    let closes = [1000, 1100, 1210, 1331, 1464, 1610];
    let dates = [
        "2025-04-01",
        "2025-04-02",
        "2025-04-03",
        "2025-04-07",
        "2025-04-08",
        "2025-04-10",
    ];
    let bars: Vec<Bar> = dates
        .iter()
        .zip(closes)
        .map(|(dt, c)| flat(dt, c))
        .collect();
    let s = analyze(&stock, &bars);
    let ev = abnormal_events(&stock, &bars, &s, None, Cumulation::Sum, None);
    // Day 2 reaches 20% and triggers; the count restarts, and two limit-ups of +10.00% and
    // +9.99% stay below 20%, so the next trigger needs the third day.
    assert_eq!(
        ev.iter().map(|e| e.date).collect::<Vec<_>>(),
        [d("2025-04-03"), d("2025-04-10")]
    );
    assert_eq!((ev[1].start, ev[1].days), (d("2025-04-07"), 3));
    // A calendar shows the stock suspended on 04-09: the count restarts on resumption.
    let calendar: Vec<Date> = [
        "2025-04-01",
        "2025-04-02",
        "2025-04-03",
        "2025-04-07",
        "2025-04-08",
        "2025-04-09",
        "2025-04-10",
    ]
    .iter()
    .map(|x| d(x))
    .collect();
    let ev = abnormal_events(&stock, &bars, &s, None, Cumulation::Sum, Some(&calendar));
    assert_eq!(ev.len(), 1);
}

fn arb_bars() -> impl Strategy<Value = Vec<Bar>> {
    // Random walks of daily changes between −12% and +12% with some days at the limit.
    prop::collection::vec((-12i64..=12, any::<bool>()), 1..80).prop_map(|steps| {
        let mut close = 1000i64;
        let mut date = d("2024-01-01");
        let mut out = Vec::new();
        for (pct, at_limit) in steps {
            close = if at_limit {
                limit_up_price(close, 10, crate::model::Exchange::Sh)
            } else {
                (close * (100 + pct) / 100).max(1)
            };
            out.push(flat(&date.to_string(), close));
            date = date.succ_opt().unwrap();
        }
        out
    })
}

proptest! {
    #[test]
    fn streaks_add_up(bars in arb_bars()) {
        let s = analyze(&info("600000"), &bars);
        prop_assert_eq!(s.len(), bars.len());
        for i in 0..s.len() {
            let expected = if s[i].limit_up { if i == 0 { 1 } else { s[i - 1].streak + 1 } } else { 0 };
            prop_assert_eq!(s[i].streak, expected);
            if let (Some(u), Some(l)) = (s[i].limit_up_price, s[i].limit_down_price) {
                prop_assert!(l <= s[i].prev_close.unwrap() && s[i].prev_close.unwrap() <= u);
            }
            prop_assert!(!(s[i].limit_up && s[i].blown));
            prop_assert!(!s[i].one_price || s[i].limit_up);
        }
        // The limit-up closes in a window equal the sum of run lengths ending in it.
        let last = s.len() - 1;
        let stat = up_stat(&s, last, s.len());
        prop_assert_eq!(stat.boards as usize, s.iter().filter(|x| x.limit_up).count());
    }
}

#[test]
fn st_stocks_trigger_at_twelve_percent_downward() {
    // A main-board ST stock falls 5% (its limit) three days running: −14.3% cumulated
    // reaches the 12% ST threshold of docs/market-rules.md §4.1 on day 3, not day 2 (−9.75%).
    let mut bars = vec![
        flat("2025-04-01", 1000),
        flat("2025-04-02", 950),
        flat("2025-04-03", 903),
        flat("2025-04-07", 858),
    ];
    for b in &mut bars {
        b.st = Some(true);
    }
    let stock = info("600001");
    let s = analyze(&stock, &bars);
    assert!(s[1..]
        .iter()
        .all(|x| x.limit_down && x.limit_pct == Some(5)));
    let ev = abnormal_events(&stock, &bars, &s, None, Cumulation::Compound, None);
    assert_eq!(ev.len(), 1);
    assert_eq!(
        (ev[0].date, ev[0].direction),
        (d("2025-04-07"), Direction::Down)
    );
    assert!((ev[0].threshold - 0.12).abs() < 1e-12);
    // The same moves on a stock that is not ST stay below 20%.
    let plain: Vec<Bar> = bars
        .iter()
        .map(|b| Bar {
            st: Some(false),
            ..b.clone()
        })
        .collect();
    let s = analyze(&stock, &plain);
    assert!(abnormal_events(&stock, &plain, &s, None, Cumulation::Compound, None).is_empty());
}

#[test]
fn prices_refute_a_later_names_st_mark_up_to_the_last_proof() {
    // A 2025-05 name "*ST" on every bar; +10% on day 2 proves the stock was not under the
    // 5% ST limit then, and a name says nothing about the days before. Day 3 (−3.2%)
    // decides nothing; day 4 closes at the 5% up-limit, where prices agree with the name.
    let stock = info("600355");
    let st = |mut b: Bar| {
        b.st = Some(true);
        b
    };
    let mut bars = vec![
        st(flat("2025-02-05", 338)),
        st(flat("2025-02-06", 372)),
        st(flat("2025-02-07", 360)),
        st(flat("2025-02-10", 378)),
        st(flat("2025-02-11", 380)),
    ];
    let judged = judge_name_st(&stock, &mut bars);
    assert_eq!(
        judged,
        NameSt {
            refuted: Some(d("2025-02-06")),
            agreed: Some(d("2025-02-10")),
            unknown: Some((d("2025-02-07"), d("2025-02-07"))),
        }
    );
    let marks: Vec<Option<bool>> = bars.iter().map(|b| b.st).collect();
    assert_eq!(
        marks,
        [Some(false), Some(false), Some(true), Some(true), Some(true)]
    );
    let mut judged_info = stock;
    judged_info.st_unknown = judged.unknown;
    let s = analyze(&judged_info, &bars);
    assert_eq!((s[1].limit_pct, s[1].limit_up_price), (Some(10), Some(372)));
    assert!(s[1].limit_up && !s[1].st_unknown);
    // Day 3: ST状态未知, no limit asserted.
    assert!(s[2].st_unknown);
    assert_eq!((s[2].limit_pct, s[2].limit_up_price), (None, None));
    assert!(!s[2].limit_up && !s[2].limit_down);
    assert_eq!((s[3].limit_pct, s[3].limit_up_price), (Some(5), Some(378)));
    assert!(s[3].limit_up && !s[3].st_unknown);
    assert_eq!(s[4].limit_pct, Some(5));
    // ChiNext has one rate for ST and not: nothing to refute or leave unknown there.
    let mut cy = bars.clone();
    cy.iter_mut().for_each(|b| b.st = Some(true));
    assert_eq!(judge_name_st(&info("300588"), &mut cy), NameSt::default());
}

#[test]
fn without_a_close_at_the_st_limit_a_names_st_mark_stays_unknown() {
    // No bar refutes (all within ±5%) and none closes at the 5% limit: nothing decides.
    let stock = info("600001");
    let mut bars = vec![
        flat("2025-03-03", 1000),
        flat("2025-03-04", 1020),
        flat("2025-03-05", 1010),
    ];
    bars.iter_mut().for_each(|b| b.st = Some(true));
    let judged = judge_name_st(&stock, &mut bars);
    assert_eq!(judged.refuted, None);
    assert_eq!(judged.agreed, None);
    assert_eq!(judged.unknown, Some((d("2025-03-03"), d("2025-03-05"))));
    let mut i = stock;
    i.st_unknown = judged.unknown;
    assert!(analyze(&i, &bars)
        .iter()
        .all(|s| s.st_unknown && s.limit_pct.is_none()));
    // A close at the 5% down-limit agrees: ST from that day on.
    bars.push(flat("2025-03-06", 960));
    bars.last_mut().unwrap().st = Some(true);
    let judged = judge_name_st(&stock, &mut bars);
    assert_eq!(judged.agreed, Some(d("2025-03-06")));
    assert_eq!(judged.unknown, Some((d("2025-03-03"), d("2025-03-05"))));
    // With the vendor's previous close, a close below the 5% down-limit refutes too.
    let mut fell = vec![flat("2025-03-03", 1000), flat("2025-03-04", 920)];
    for b in &mut fell {
        b.st = Some(true);
        b.prev_close = Some(1000);
    }
    fell[0].prev_close = Some(990);
    let judged = judge_name_st(&stock, &mut fell);
    assert_eq!(judged.refuted, Some(d("2025-03-04")));
    assert_eq!(judged.unknown, None);
}
