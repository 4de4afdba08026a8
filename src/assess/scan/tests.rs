use super::*;
use crate::assess::{Abnormal, Excess, Returns};
use crate::market::UpStat;
use crate::text::{classify_document, DocInput, Lexicon};

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
    let m = theme.matcher();
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
        name_current: false,
        asof: day("2025-04-18"),
        bar_date: day("2025-04-18"),
        board: crate::market::Board::ShMain,
        st: Some(false),
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
        amount: None,
        turnover: None,
        float_cap: None,
        total_cap: None,
    }
}

fn run(
    m: Option<&MarketDossier>,
    docs: &[ClassifiedDoc],
    x: Option<&PeriodExposure>,
) -> StockAssessment {
    let h = m.map(|m| Heat::of_dossier(m, &Thresholds::default()));
    let input = StockInput {
        code: "605890.SH",
        name: Some("云帆科技"),
        heat: h.as_ref(),
        window_from: None,
        docs,
        membership: None,
        exposure: x,
        membership_dated: None,
        market: None,
    };
    assess_stock(&input, day("2025-04-18"), &Thresholds::default())
}

fn exposure(theme_share: f64, unrelated: Option<(&str, f64)>) -> PeriodExposure {
    PeriodExposure {
        period: day("2024-12-31"),
        basis: crate::exposure::SegmentKind::Product,
        theme_share,
        theme_segments: Vec::new(),
        unrelated_share: unrelated.map_or(0.5, |(_, s)| s),
        largest_unrelated: unrelated.map(|(segment, _)| crate::exposure::SegmentShare {
            segment: segment.into(),
            share: 0.9,
        }),
        other_share: 0.05,
    }
}

fn text(id: &str, date: &str, kind: Kind, t: &str) -> ClassifiedDoc {
    doc(id, date, kind, t, None, None)
}

fn reason_about<'a>(a: &'a StockAssessment, about: &str) -> &'a Reason {
    a.reasons
        .iter()
        .find(|r| r.about.name() == about)
        .unwrap_or_else(|| panic!("no {about} reason in {:#?}", a.reasons))
}

/// A reason in Chinese, as the reports render it.
fn zh(r: &Reason) -> String {
    crate::report::reason::text(r, "DeepSeek", crate::model::Lang::Zh)
}

#[test]
fn promoting_posts_beside_a_denying_filing_are_an_inconsistent_hype_rider() {
    let docs = vec![
        text(
            "p1",
            "2025-04-14",
            Kind::Post,
            "公司与DeepSeek深度合作，共同打造行业解决方案。",
        ),
        text(
            "a1",
            "2025-04-17",
            Kind::Announcement,
            "公司与DeepSeek无任何业务往来。",
        ),
    ];
    let m = market(5, 5, 0.6895, true);
    let a = run(Some(&m), &docs, None);
    assert_eq!(a.substance, Substance::Disclaimed);
    assert_eq!(a.verdict, Verdict::HypeRider);
    assert_eq!(
        a.flags,
        vec![Flag::Inconsistent, Flag::Abnormal, Flag::Promoted]
    );
    assert_eq!(a.reasons[0].about.name(), "verdict");
    assert_eq!(a.reasons[0].doc_id.as_deref(), Some("p1"));
    assert_eq!(
        zh(reason_about(&a, "heat")),
        "5连板，10日涨幅+68.95%，超额+68.95%，触发异常波动（估算）"
    );
    let s = reason_about(&a, "substance");
    assert_eq!(s.doc_id.as_deref(), Some("a1"));
    assert!(zh(s).contains("公告否认与DeepSeek存在关联（2025-04-17）"));
    assert_eq!(reason_about(&a, "promoted").doc_id.as_deref(), Some("p1"));
    assert_eq!(
        reason_about(&a, "inconsistent").doc_id.as_deref(),
        Some("p1")
    );
    assert_eq!(
        (a.docs_checked, a.newest_evidence),
        (2, Some(day("2025-04-17")))
    );
    assert_eq!(a.evidence.len(), 2);
}

#[test]
fn a_denial_without_promotion_is_clarified() {
    let docs = vec![text(
        "a1",
        "2025-04-17",
        Kind::Announcement,
        "经核实，公司与杭州深度求索人工智能基础技术研究有限公司无任何业务往来。",
    )];
    let a = run(Some(&market(4, 4, 0.5, true)), &docs, None);
    assert_eq!(a.verdict, Verdict::Clarified);
    assert_eq!(a.reasons[0].doc_id.as_deref(), Some("a1"));
    assert!(
        zh(&a.reasons[0]).contains("已否认"),
        "{}",
        zh(&a.reasons[0])
    );
}

#[test]
fn adoption_posts_beside_an_uncertain_adaptation_filing() {
    let docs = vec![
        text(
            "p1",
            "2025-04-08",
            Kind::Post,
            "公司全面接入DeepSeek大模型，为客户提供DeepSeek部署解决方案。",
        ),
        text(
            "a1",
            "2025-04-16",
            Kind::Announcement,
            "公司部分产品完成了与DeepSeek模型的适配，该适配不构成与其的业务合作，相关业务对公司业绩的影响存在重大不确定性。",
        ),
    ];
    let a = run(Some(&market(3, 3, 0.4, false)), &docs, None);
    assert_eq!(a.substance, Substance::Adopter);
    assert_eq!(a.verdict, Verdict::HypeRider);
    for f in [Flag::Promoted, Flag::Inconsistent, Flag::Warned] {
        assert!(a.flags.contains(&f), "{f:?} missing: {:?}", a.flags);
    }
}

#[test]
fn a_filing_with_adoption_and_a_risk_warning_and_no_promotion_is_speculative() {
    let docs = vec![text(
        "a1",
        "2025-04-16",
        Kind::Announcement,
        "公司已完成与DeepSeek模型的适配，相关业务尚未产生收入，存在较大不确定性。",
    )];
    let a = run(Some(&market(2, 2, 0.3, false)), &docs, None);
    assert_eq!(a.substance, Substance::Adopter);
    assert_eq!(a.verdict, Verdict::Speculative);
    assert!(a.flags.contains(&Flag::Warned) && a.flags.contains(&Flag::Immaterial));
}

#[test]
fn a_confirmed_contract_with_a_tiny_stated_share_is_not_substantive() {
    let docs = vec![text(
        "a1",
        "2025-04-16",
        Kind::Announcement,
        "公司与DeepSeek签订了算力服务合同，相关业务预计占公司营业收入总额的0.06%，占比极小。",
    )];
    let a = run(Some(&market(3, 3, 0.4, false)), &docs, None);
    assert_eq!(a.substance, Substance::Confirmed);
    assert!(a.flags.contains(&Flag::Immaterial));
    assert_eq!(a.verdict, Verdict::Speculative);
    let r = reason_about(&a, "immaterial");
    assert!(
        zh(r).contains("0.06%") && r.doc_id.as_deref() == Some("a1"),
        "{r:?}"
    );
}

#[test]
fn news_alone_leaves_a_hot_stock_unverified_and_the_reason_cites_the_report() {
    let docs = vec![doc(
        "n1",
        "2025-02-17",
        Kind::News,
        "据报道，公司公告称与DeepSeek无任何业务往来。",
        None,
        None,
    )];
    let a = run(Some(&market(9, 9, 1.4, true)), &docs, None);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert_eq!(a.docs_checked, 0);
    assert_eq!(
        a.reasons[0].fact,
        Fact::OnlyNews {
            asof: day("2025-04-18")
        }
    );
    assert_eq!(a.reasons[0].doc_id.as_deref(), Some("n1"));
    assert!(
        zh(&a.reasons[0]).contains("只有新闻"),
        "{}",
        zh(&a.reasons[0])
    );
}

#[test]
fn a_question_left_unanswered_is_speculation_whose_reason_says_it_has_no_answer_yet() {
    let docs = vec![doc(
        "q1",
        "2025-04-15",
        Kind::Qa,
        "",
        Some("请问公司是否与DeepSeek有合作？"),
        None,
    )];
    let a = run(Some(&market(2, 2, 0.3, false)), &docs, None);
    assert_eq!(a.verdict, Verdict::Speculative);
    assert_eq!(a.flags, vec![Flag::Evasive]);
    assert_eq!(
        a.reasons[0].fact,
        Fact::Tenuous {
            evasive_only: true,
            unanswered: true
        }
    );
    assert!(
        zh(&a.reasons[0]).contains("尚未获回答（提问 2025-04-15）"),
        "{}",
        zh(&a.reasons[0])
    );
}

#[test]
fn a_referral_to_an_investors_question_is_evasive_speculation_not_an_accusation() {
    let docs = vec![doc(
        "q1",
        "2025-04-15",
        Kind::Qa,
        "",
        Some("请问公司是否与DeepSeek有合作？"),
        Some("感谢您的关注，公司经营情况请以公司在指定信息披露媒体发布的公告为准。"),
    )];
    let a = run(Some(&market(2, 2, 0.3, false)), &docs, None);
    // Verdict v3: one evasive answer is reported, never alone an accusation.
    assert_eq!(a.verdict, Verdict::Speculative);
    assert_eq!(a.flags, vec![Flag::Evasive]);
    assert_eq!(a.reasons[0].doc_id.as_deref(), Some("q1"));
    assert_eq!(
        a.reasons[0].fact,
        Fact::Tenuous {
            evasive_only: true,
            unanswered: false
        }
    );
    assert_eq!(
        zh(reason_about(&a, "evasive")),
        "1 个关于题材的提问未获回应（2025-04-15）"
    );
}

#[test]
fn nothing_to_judge_is_unverified_and_says_what_is_missing() {
    // Hot, no documents at all.
    let a = run(Some(&market(5, 5, 0.6, true)), &[], None);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert!(
        zh(&a.reasons[0]).contains("没有截至2025-04-18公司关于DeepSeek的公告"),
        "{}",
        zh(&a.reasons[0])
    );
    assert_eq!(a.docs_checked, 0);
    // Only news: still no company words.
    let news = text(
        "n1",
        "2025-04-10",
        Kind::News,
        "市场传闻公司与DeepSeek合作。",
    );
    let a = run(
        Some(&market(2, 2, 0.3, false)),
        std::slice::from_ref(&news),
        None,
    );
    assert_eq!(a.verdict, Verdict::Unverified);
    // An investor's question about the theme is something to report: unanswered, it is
    // evasive speculation, no longer a missing fact.
    let question = doc(
        "q1",
        "2025-04-15",
        Kind::Qa,
        "",
        Some("公司与DeepSeek有合作吗？"),
        None,
    );
    let a = run(Some(&market(2, 2, 0.3, false)), &[news, question], None);
    assert_eq!(a.verdict, Verdict::Speculative);
    assert_eq!(a.flags, vec![Flag::Evasive]);
    assert_eq!(a.docs_checked, 0);
    // Documents, but no bars.
    let docs = vec![text(
        "p1",
        "2025-04-14",
        Kind::Post,
        "公司与DeepSeek深度合作。",
    )];
    let a = run(None, &docs, None);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert!(
        zh(&a.reasons[0]).contains("没有该股的行情"),
        "{}",
        zh(&a.reasons[0])
    );
    // Bars that end before the window: heat unknown too.
    let mut old = market(3, 3, 0.4, false);
    old.bar_date = day("2025-01-10");
    let a = run(Some(&old), &docs, None);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert!(
        zh(&a.reasons[0]).contains("行情只到2025-01-10"),
        "{}",
        zh(&a.reasons[0])
    );
}

#[test]
fn old_company_words_are_stale_and_old_promotion_does_not_count() {
    let docs = vec![text(
        "p1",
        "2024-01-05",
        Kind::Post,
        "公司与DeepSeek深度合作，共同打造行业解决方案。",
    )];
    let a = run(Some(&market(2, 2, 0.3, false)), &docs, None);
    assert!(a.flags.contains(&Flag::Stale), "{:?}", a.flags);
    assert!(!a.flags.contains(&Flag::Promoted), "{:?}", a.flags);
    assert_eq!(a.verdict, Verdict::Speculative);
    assert_eq!(reason_about(&a, "stale").doc_id.as_deref(), Some("p1"));
}

#[test]
fn documents_after_the_asof_date_do_not_count() {
    let docs = vec![text(
        "late",
        "2025-04-21",
        Kind::Announcement,
        "公司与DeepSeek签订采购合同，金额5000万元。",
    )];
    let m = market(2, 2, 0.21, false);
    let a = run(Some(&m), &docs, None);
    assert_eq!(a.substance, Substance::None);
    assert_eq!(a.verdict, Verdict::Unverified);
    assert!(a.evidence.is_empty());
    assert_eq!(a.docs_checked, 0);
}

#[test]
fn confirmed_contract_is_substantive_and_material_with_exposure() {
    let docs = vec![text(
        "c1",
        "2025-04-10",
        Kind::Announcement,
        "公司与DeepSeek签订采购合同，金额5000万元。",
    )];
    let a = run(None, &docs, None);
    assert_eq!(a.substance, Substance::Confirmed);
    assert_eq!(a.verdict, Verdict::Substantive);
    assert!(a.heat.is_none());
    assert!(zh(reason_about(&a, "heat")).contains("热度未知"));
    let x = exposure(0.45, None);
    let a = run(None, &docs, Some(&x));
    assert_eq!(a.substance, Substance::Material);
    assert_eq!(a.verdict, Verdict::Substantive);
    assert!(zh(reason_about(&a, "substance")).contains("45.0%"));
}

#[test]
fn segments_under_the_threshold_make_a_confirmed_tie_immaterial_not_substantive() {
    let docs = vec![text(
        "c1",
        "2025-04-10",
        Kind::Announcement,
        "公司与DeepSeek签订采购合同，金额5000万元。",
    )];
    // No theme segment, unrelated ones carry 95%: core_unrelated alone (one flag per
    // fact), and the filing's contract stands.
    let x = exposure(0.0, Some(("纺织品", 0.95)));
    let a = run(Some(&market(3, 3, 0.4, false)), &docs, Some(&x));
    assert_eq!(a.flags, vec![Flag::CoreUnrelated]);
    assert_eq!(a.verdict, Verdict::Substantive);
    assert!(zh(reason_about(&a, "core_unrelated")).contains("纺织品"));
    // A theme segment with a sliver of revenue: immaterial alone, shown as "<0.1%".
    let mut x = exposure(0.0001, Some(("纺织品", 0.95)));
    x.theme_segments = vec![crate::exposure::SegmentShare {
        segment: "AI服务".into(),
        share: 0.0001,
    }];
    let a = run(Some(&market(3, 3, 0.4, false)), &docs, Some(&x));
    assert_eq!(a.flags, vec![Flag::Immaterial]);
    assert_ne!(a.verdict, Verdict::Substantive);
    let r = zh(reason_about(&a, "immaterial"));
    assert!(r.contains("<0.1%") && !r.contains("-0.0"), "{r}");
}

#[test]
fn an_unanswered_question_on_a_cold_stock_is_evasive_and_cold() {
    let docs = vec![doc(
        "q1",
        "2025-04-15",
        Kind::Qa,
        "",
        Some("请问公司是否与DeepSeek有合作？"),
        None,
    )];
    let m = market(0, 0, 0.05, false);
    let a = run(Some(&m), &docs, None);
    assert_eq!(a.verdict, Verdict::Cold);
    assert_eq!(a.flags, vec![Flag::Evasive]);
    assert_eq!(
        zh(reason_about(&a, "evasive")),
        "1 个关于题材的提问未获回应（2025-04-15）"
    );
    assert!(zh(reason_about(&a, "heat")).starts_with("未过热"));
}

#[test]
fn the_scan_sorts_by_verdict_then_heat() {
    let post = vec![text(
        "p",
        "2025-04-14",
        Kind::Post,
        "公司与DeepSeek深度合作，共同打造行业解决方案。",
    )];
    let deny = vec![text(
        "a",
        "2025-04-14",
        Kind::Announcement,
        "公司与DeepSeek无关。",
    )];
    let news = vec![text(
        "n",
        "2025-04-14",
        Kind::News,
        "公司与DeepSeek深度合作。",
    )];
    let hot = market(3, 3, 0.3, false);
    let hotter = market(5, 5, 0.6, true);
    let mk = |code: &str, m: &MarketDossier, docs: &[ClassifiedDoc]| {
        let mut a = run(Some(m), docs, None);
        a.code = code.into();
        a
    };
    let mut list = vec![
        mk("000006.SZ", &market(0, 0, 0.01, false), &[]),
        mk("000005.SZ", &hot, &deny),
        mk("000004.SZ", &hot, &[]),
        mk("000003.SZ", &hot, &post),
        mk("000002.SZ", &hotter, &post),
        mk(
            "000001.SZ",
            &hot,
            &[text(
                "c",
                "2025-04-14",
                Kind::Announcement,
                "公司与DeepSeek签订采购合同。",
            )],
        ),
    ];
    list.push({
        let mut a = run(Some(&hot), &news, None);
        a.code = "000007.SZ".into();
        a
    });
    sort_assessments(&mut list);
    let order: Vec<(&str, Verdict)> = list.iter().map(|a| (a.code.as_str(), a.verdict)).collect();
    assert_eq!(
        order,
        vec![
            ("000002.SZ", Verdict::HypeRider),
            ("000003.SZ", Verdict::HypeRider),
            ("000004.SZ", Verdict::Unverified),
            ("000007.SZ", Verdict::Unverified),
            ("000005.SZ", Verdict::Clarified),
            ("000001.SZ", Verdict::Substantive),
            ("000006.SZ", Verdict::Cold),
        ]
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
        heat: Some(&Heat::of_dossier(&m, &Thresholds::default())),
        window_from: None,
        docs: &[],
        membership: Some(&member),
        exposure: None,
        membership_dated: Some(true),
        market: None,
    };
    let a = assess_stock(&input, day("2025-04-18"), &Thresholds::default());
    assert_eq!(a.verdict, Verdict::Unverified);
    assert_eq!(
        zh(reason_about(&a, "membership")),
        "列入DeepSeek概念的理由：公司拟布局AI大模型应用"
    );
    assert_eq!(a.membership.as_ref(), Some(&member));
    // One board, no longer on it: said so, not "1连板".
    let one = market(0, 1, 0.25, false);
    let a = run(Some(&one), &[], None);
    assert!(
        zh(reason_about(&a, "heat")).starts_with("窗口内有涨停，10日涨幅+25.00%"),
        "{}",
        zh(reason_about(&a, "heat"))
    );
}
