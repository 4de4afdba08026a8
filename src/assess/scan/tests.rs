use super::*;
use crate::assess::{Abnormal, Excess, Returns};
use crate::market::UpStat;
use crate::text::{classify_document, DocInput, Lexicon, ThemeMatcher};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn doc(
    id: &str,
    date: &str,
    kind: Kind,
    text: &str,
    q: Option<&str>,
    a: Option<&str>,
) -> ClassifiedDoc {
    let theme = crate::theme::find_builtin("deepseek").unwrap();
    let m = ThemeMatcher::new(&theme);
    let input = DocInput {
        kind,
        text,
        question: q,
        answer: a,
    };
    ClassifiedDoc {
        doc_id: id.into(),
        date: day(date),
        kind,
        url: None,
        unanswered: kind == Kind::Qa && a.is_none_or(|a| a.trim().is_empty()),
        result: classify_document(Lexicon::builtin(), &m, &input),
    }
}

fn market(streak: u32, max_streak: u32, ret: f64, abnormal: bool) -> MarketDossier {
    MarketDossier {
        code: "605890.SH".into(),
        name: None,
        asof: day("2025-04-18"),
        bar_date: day("2025-04-18"),
        board: crate::market::Board::ShMain,
        st: false,
        limit_pct: Some(10),
        limit_up_price: None,
        limit_down_price: None,
        prev_close: None,
        close: 10.0,
        limit_up: streak > 0,
        limit_down: false,
        blown: false,
        one_price: false,
        streak,
        max_streak,
        up_stat: UpStat { days: 1, boards: 1 },
        gap: None,
        returns: Returns {
            d1: None,
            d5: None,
            d10: Some(ret),
            d30: None,
        },
        excess: Excess {
            d5: None,
            d10: Some(ret),
            d30: None,
        },
        abnormal: Abnormal {
            estimated: true,
            triggered: abnormal,
            window: 10,
            benchmark: None,
            sum: Vec::new(),
            compound: Vec::new(),
        },
        window: 10,
        window_return: Some(ret),
        window_excess: Some(ret),
    }
}

fn run(
    m: Option<&MarketDossier>,
    docs: &[ClassifiedDoc],
    x: Option<&PeriodExposure>,
) -> StockAssessment {
    let input = StockInput {
        code: "605890.SH",
        name: Some("云帆科技"),
        market: m,
        docs,
        membership: None,
        exposure: x,
    };
    assess_stock(
        "DeepSeek",
        &input,
        day("2025-04-18"),
        &Thresholds::default(),
    )
}

#[test]
fn disclaimer_after_claiming_posts_is_an_inconsistent_hype_rider() {
    let docs = vec![
        doc(
            "p1",
            "2025-04-14",
            Kind::Post,
            "公司与DeepSeek深度合作，共同打造行业解决方案。",
            None,
            None,
        ),
        doc(
            "a1",
            "2025-04-17",
            Kind::Announcement,
            "公司与DeepSeek无任何业务往来。",
            None,
            None,
        ),
    ];
    let m = market(5, 5, 0.6895, true);
    let a = run(Some(&m), &docs, None);
    assert_eq!(a.substance, Substance::Disclaimed);
    assert_eq!(a.verdict, Verdict::HypeRider);
    assert!(a.flags.contains(&Flag::Inconsistent), "{:?}", a.flags);
    assert!(a.flags.contains(&Flag::Abnormal));
    assert_eq!(
        a.reasons[0].zh,
        "5连板，10日涨幅+68.95%，超额+68.95%，触发异常波动（估算）"
    );
    assert_eq!(a.reasons[1].doc_id.as_deref(), Some("a1"));
    assert!(a.reasons[1]
        .zh
        .contains("公告否认与DeepSeek存在关联（2025-04-17）"));
    assert_eq!(a.reasons[2].doc_id.as_deref(), Some("p1"));
    assert_eq!(a.evidence.len(), 2);
}

#[test]
fn documents_after_the_asof_date_do_not_count() {
    let docs = vec![doc(
        "late",
        "2025-04-21",
        Kind::Announcement,
        "公司与DeepSeek签订采购合同，金额5000万元。",
        None,
        None,
    )];
    let m = market(2, 2, 0.21, false);
    let a = run(Some(&m), &docs, None);
    assert_eq!(a.substance, Substance::None);
    assert_eq!(a.verdict, Verdict::HypeRider);
    assert!(a.evidence.is_empty());
}

#[test]
fn confirmed_contract_is_substantive_and_material_with_exposure() {
    let docs = vec![doc(
        "c1",
        "2025-04-10",
        Kind::Announcement,
        "公司与DeepSeek签订采购合同，金额5000万元。",
        None,
        None,
    )];
    let a = run(None, &docs, None);
    assert_eq!(a.substance, Substance::Confirmed);
    assert_eq!(a.verdict, Verdict::Substantive);
    assert!(a.heat.is_none());
    assert!(a.reasons[0].zh.contains("热度未知"));
    let x = PeriodExposure {
        period: day("2024-12-31"),
        basis: crate::exposure::SegmentKind::Product,
        theme_share: 0.45,
        theme_segments: Vec::new(),
        unrelated_share: 0.5,
        largest_unrelated: None,
        other_share: 0.05,
    };
    let a = run(None, &docs, Some(&x));
    assert_eq!(a.substance, Substance::Material);
    assert!(a.reasons[1].zh.contains("45.0%"));
}

#[test]
fn unanswered_question_is_evasive_and_core_unrelated_comes_from_exposure() {
    let docs = vec![doc(
        "q1",
        "2025-04-15",
        Kind::Qa,
        "",
        Some("请问公司是否与DeepSeek有合作？"),
        None,
    )];
    let x = PeriodExposure {
        period: day("2024-12-31"),
        basis: crate::exposure::SegmentKind::Product,
        theme_share: 0.0,
        theme_segments: Vec::new(),
        unrelated_share: 0.95,
        largest_unrelated: Some(crate::exposure::SegmentShare {
            segment: "纺织品".into(),
            share: 0.9,
        }),
        other_share: 0.05,
    };
    let m = market(0, 0, 0.05, false);
    let a = run(Some(&m), &docs, Some(&x));
    assert_eq!(a.verdict, Verdict::Cold);
    assert_eq!(a.flags, vec![Flag::Evasive, Flag::CoreUnrelated]);
    assert_eq!(a.reasons[2].zh, "互动易提问未获回答（2025-04-15）");
    assert_eq!(a.reasons[2].doc_id.as_deref(), Some("q1"));
    assert!(a.reasons[0].zh.starts_with("未过热"));
}

#[test]
fn claims_only_make_a_hot_stock_speculative_and_sorting_puts_hot_thin_first() {
    let docs = vec![doc(
        "p",
        "2025-04-14",
        Kind::Post,
        "公司与DeepSeek深度合作，共同打造行业解决方案。",
        None,
        None,
    )];
    let hot = market(3, 3, 0.3, false);
    let spec = run(Some(&hot), &docs, None);
    assert_eq!(spec.verdict, Verdict::Speculative);
    let mut rider = run(Some(&hot), &[], None);
    rider.code = "000001.SZ".into();
    let cold = {
        let mut c = run(Some(&market(0, 0, 0.01, false)), &[], None);
        c.code = "000002.SZ".into();
        c
    };
    let mut list = vec![cold.clone(), spec.clone(), rider.clone()];
    sort_assessments(&mut list);
    let order: Vec<Verdict> = list.iter().map(|a| a.verdict).collect();
    assert_eq!(
        order,
        vec![Verdict::HypeRider, Verdict::Speculative, Verdict::Cold]
    );
}

#[test]
fn a_concept_listing_reason_is_a_reason_when_nothing_else_stands() {
    let m = market(2, 2, 0.25, false);
    let member = Membership {
        reason: Some("公司拟布局AI大模型应用".into()),
        source: Some("eastmoney".into()),
    };
    let input = StockInput {
        code: "605890.SH",
        name: None,
        market: Some(&m),
        docs: &[],
        membership: Some(&member),
        exposure: None,
    };
    let a = assess_stock(
        "DeepSeek",
        &input,
        day("2025-04-18"),
        &Thresholds::default(),
    );
    assert_eq!(a.verdict, Verdict::HypeRider);
    assert_eq!(a.reasons.len(), 3);
    assert_eq!(
        a.reasons[2].zh,
        "列入DeepSeek概念的理由：公司拟布局AI大模型应用"
    );
    assert_eq!(a.membership.as_ref(), Some(&member));
    // One board, no longer on it: said so, not "1连板".
    let one = market(0, 1, 0.25, false);
    let a = run(Some(&one), &[], None);
    assert!(
        a.reasons[0].zh.starts_with("窗口内有涨停，10日涨幅+25.00%"),
        "{}",
        a.reasons[0].zh
    );
}
