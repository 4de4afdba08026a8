use super::*;
use crate::model::Date;

fn calendar(n: usize) -> Vec<Date> {
    let start: Date = "2024-01-01".parse().unwrap();
    (0..n as i64)
        .map(|i| start + chrono::Duration::days(i))
        .collect()
}

fn mark(t: usize, hot: bool, max_streak: u32, verdict: Verdict) -> Mark {
    Mark {
        t,
        hot,
        max_streak,
        verdict,
        docs_checked: 1,
    }
}

/// A track hot on the given days (streaks as given), cold on every other day of `0..n`,
/// with a flat benchmark and the stock's wealth from `wealth`.
fn track(code: &str, n: usize, hot: &[(usize, u32)], v: Verdict, wealth: Vec<f64>) -> Track {
    let marks = (0..n)
        .map(|t| match hot.iter().find(|h| h.0 == t) {
            Some(&(_, streak)) => mark(t, true, streak, v),
            None => mark(t, false, 0, Verdict::Cold),
        })
        .collect();
    Track {
        code: code.into(),
        name: None,
        marks,
        forward: Forward::from_levels(wealth, vec![100.0; n]),
    }
}

#[test]
fn an_episode_ends_after_the_gap_and_its_first_hot_day_is_the_event() {
    let n = 60;
    let hot = [(22, 2), (23, 3), (24, 4), (40, 2), (45, 6)];
    let t = track("600001.SH", n, &hot, Verdict::HypeRider, vec![1.0; n]);
    let cal = calendar(n);
    let s = Settings::default();
    let found = find_events(&t, &cal, 20, &s);
    let days: Vec<Date> = found.events.iter().map(|e| e.date).collect();
    // 15 days without heat (25..=39) end the first episode; day 45 is within 10 of day 40.
    assert_eq!(days, vec![cal[22], cal[40]]);
    let (a, b) = (&found.events[0], &found.events[1]);
    assert_eq!(
        (a.max_streak, a.episode_streak, a.bucket),
        (2, 4, HeatBucket::Streak3To4)
    );
    assert_eq!(a.episode_end, cal[24]);
    assert_eq!((b.episode_streak, b.bucket), (6, HeatBucket::Streak5Plus));
    assert_eq!(found.censored, 0);
    // A gap of exactly `episode_gap` cold days ends the episode; one fewer does not.
    let gap = Settings {
        episode_gap: 15,
        ..s
    };
    assert_eq!(find_events(&t, &cal, 20, &gap).events.len(), 2);
    let gap = Settings {
        episode_gap: 16,
        ..s
    };
    assert_eq!(find_events(&t, &cal, 20, &gap).events.len(), 1);
}

#[test]
fn an_episode_running_when_the_range_begins_is_censored_not_an_event() {
    let n = 40;
    let cal = calendar(n);
    let s = Settings::default();
    // Hot in the warm-up (day 5) and again on day 12, 7 days later: one episode, begun
    // before the range starting at day 10.
    let t = track(
        "600001.SH",
        n,
        &[(5, 2), (12, 2)],
        Verdict::Speculative,
        vec![1.0; n],
    );
    let found = find_events(&t, &cal, 10, &s);
    assert!(found.events.is_empty());
    assert_eq!(found.censored, 1);
    // Hot on day 3 of a calendar without enough days before it: start unknown.
    let t = track(
        "600001.SH",
        n,
        &[(3, 2)],
        Verdict::Speculative,
        vec![1.0; n],
    );
    let found = find_events(&t, &cal, 0, &s);
    assert!(found.events.is_empty());
    assert_eq!(found.censored, 1);
    // From day 10 on with ten cold days before, the first hot day is an event.
    let t = track(
        "600001.SH",
        n,
        &[(10, 2)],
        Verdict::Speculative,
        vec![1.0; n],
    );
    assert_eq!(find_events(&t, &cal, 0, &s).events.len(), 1);
}

#[test]
fn forward_excess_is_read_from_the_event_day_close_and_ends_with_the_data() {
    let n = 30;
    let cal = calendar(n);
    // Wealth rises 1% a day; data ends on day 25.
    let wealth: Vec<f64> = (0..n)
        .map(|t| {
            if t <= 25 {
                1.01f64.powi(t as i32)
            } else {
                f64::NAN
            }
        })
        .collect();
    let t = track("600001.SH", n, &[(12, 2)], Verdict::Substantive, wealth);
    let e = &find_events(&t, &cal, 10, &Settings::default()).events[0];
    assert_eq!(e.path[0], 0.0);
    assert!((e.excess[0].unwrap() - 0.01).abs() < 1e-12);
    assert!((e.excess[2].unwrap() - (1.01f64.powi(10) - 1.0)).abs() < 1e-12);
    // Day 12 + 20 = 32 is past the data.
    assert_eq!(e.excess[3], None);
    assert!(e.path[13].is_finite() && e.path[14].is_nan());
}

/// A simple generator for the tests (the same SplitMix64 as the bootstrap).
fn normal(rng: &mut Rng) -> f64 {
    // Box–Muller.
    let u = ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let v = ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Tracks with planted effects: after its event day (day 15), a hype rider's excess return
/// drifts down by `drift` over 20 days, a substantive stock's up by as much, the rest none;
/// every stock has daily noise of 1%.
fn planted(per_group: usize, drift: f64, seed: u64) -> (Vec<Track>, Vec<Date>) {
    let n = 50;
    let cal = calendar(n);
    let mut rng = Rng::new(seed);
    let mut tracks = Vec::new();
    let groups = [
        (Verdict::HypeRider, -drift),
        (Verdict::Substantive, drift),
        (Verdict::Unverified, 0.0),
    ];
    for (g, (verdict, d)) in groups.iter().enumerate() {
        for i in 0..per_group {
            let mut w = 1.0;
            let wealth = (0..n)
                .map(|t| {
                    if t > 15 && t <= 35 {
                        w *= 1.0 + d / 20.0;
                    }
                    w *= 1.0 + 0.01 * normal(&mut rng);
                    w
                })
                .collect();
            let code = format!("{:06}.SH", 600000 + g * 1000 + i);
            tracks.push(track(&code, n, &[(15, 2), (16, 3)], *verdict, wealth));
        }
    }
    (tracks, cal)
}

#[test]
fn the_study_recovers_planted_effects_inside_its_intervals() {
    let drift = 0.10;
    let (tracks, cal) = planted(40, drift, 11);
    let st = study(&tracks, &cal, 10, &Settings::default());
    assert_eq!(st.all.events, 120);
    let g = |v: Verdict| {
        st.by_verdict
            .iter()
            .find(|g| g.key == GroupKey::Verdict(v))
            .unwrap()
    };
    // The planted drift compounds daily: (1 + d/20)^20 - 1.
    let planted = |d: f64| (1.0f64 + d / 20.0).powi(20) - 1.0;
    let hype = g(Verdict::HypeRider).at(20).unwrap();
    let subst = g(Verdict::Substantive).at(20).unwrap();
    let none = g(Verdict::Unverified).at(20).unwrap();
    let (hi, si, ni) = (
        hype.interval.unwrap(),
        subst.interval.unwrap(),
        none.interval.unwrap(),
    );
    assert!(
        hi.contains(planted(-drift)) && hi.excludes_zero(),
        "{hype:?}"
    );
    assert!(
        si.contains(planted(drift)) && si.excludes_zero(),
        "{subst:?}"
    );
    assert!(ni.contains(0.0), "{none:?}");
    assert!(hype.share_positive.unwrap() < 0.2 && subst.share_positive.unwrap() > 0.8);
    // Groups without events are listed, with no numbers.
    let empty = g(Verdict::Clarified);
    assert_eq!((empty.events, empty.at(20).unwrap().mean), (0, None));
    // Every event reached 3 boards.
    let b = st
        .by_heat
        .iter()
        .find(|g| g.key == GroupKey::Heat(HeatBucket::Streak3To4))
        .unwrap();
    assert_eq!(b.events, 120);
    // The path starts at zero and its band holds the planted drift on day 20.
    let p = &g(Verdict::HypeRider).path;
    assert_eq!((p.len(), p[0].mean), (21, Some(0.0)));
    assert!(p[20].band.unwrap().contains(planted(-drift)));
}

#[test]
fn a_shuffled_label_control_reports_no_effect() {
    for seed in [11, 12, 13] {
        let (tracks, cal) = planted(40, 0.10, seed);
        let quick = Settings {
            resamples: 1000,
            ..Settings::default()
        };
        let st = study(&tracks, &cal, 10, &quick);
        let placebo = summarize(shuffle_labels(&st.events, seed), st.coverage, &st.settings);
        for g in placebo.by_verdict.iter().filter(|g| g.events > 0) {
            for h in &g.horizons {
                let ci = h.interval.unwrap();
                assert!(ci.contains(0.0), "seed {seed}: {:?} {h:?}", g.key);
            }
        }
    }
}

#[test]
fn a_group_under_ten_events_has_no_interval() {
    let (tracks, cal) = planted(9, 0.10, 5);
    let st = study(&tracks, &cal, 10, &Settings::default());
    for g in &st.by_verdict {
        assert!(g.events <= 9);
        assert!(g.horizons.iter().all(|h| h.interval.is_none()));
        assert!(g.path.iter().all(|p| p.band.is_none()));
    }
    assert!(st.all.at(20).unwrap().interval.is_some());
    // The horizon limits the table and the path.
    let short = study(
        &tracks,
        &cal,
        10,
        &Settings {
            horizon: 5,
            ..Settings::default()
        },
    );
    assert_eq!(
        short
            .all
            .horizons
            .iter()
            .map(|h| h.days)
            .collect::<Vec<_>>(),
        vec![1, 5]
    );
    assert_eq!(short.all.path.len(), 6);
}

#[test]
fn the_same_seed_gives_the_same_study() {
    let (tracks, cal) = planted(12, 0.05, 2);
    let s = Settings {
        resamples: 300,
        ..Settings::default()
    };
    assert_eq!(study(&tracks, &cal, 10, &s), study(&tracks, &cal, 10, &s));
}

#[test]
fn bucket_names_are_the_json_names() {
    for b in HeatBucket::ALL {
        assert_eq!(serde_json::to_value(b).unwrap(), b.name());
    }
    assert_eq!(
        serde_json::to_value(GroupKey::Heat(HeatBucket::Streak3To4)).unwrap(),
        serde_json::json!({"by": "heat", "value": "streak_3_4"})
    );
}
