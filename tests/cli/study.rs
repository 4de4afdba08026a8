//! `hypecheck study`: on a generated market with planted effects, the study reports the
//! planted means inside its intervals; with the documents dealt to random stocks (a
//! shuffled-label control) it reports none. The HTML is self-contained and escaped.

use crate::synth::{generate, Generated, Role, Spec};
use crate::util::{arg, Sandbox};

fn market(spec: &Spec) -> (Sandbox, Generated) {
    let sb = Sandbox::new();
    let g = generate(sb.dir.path(), spec);
    sb.ok(&["import", "bars", arg(&sb.path("bars.csv"))]);
    sb.ok(&["import", "index", arg(&sb.path("index.csv"))]);
    sb.ok(&["import", "docs", arg(&sb.path("docs.jsonl"))]);
    sb.ok(&[
        "import",
        "members",
        arg(&sb.path("members.csv")),
        "--theme",
        "xinghe",
    ]);
    (sb, g)
}

fn study_json(sb: &Sandbox, g: &Generated) -> serde_json::Value {
    let theme = sb.path("theme.toml");
    let out = sb.ok(&[
        "study",
        "--theme",
        arg(&theme),
        "--from",
        &g.dates[20],
        "--to",
        g.dates.last().unwrap(),
        "--format",
        "json",
    ]);
    serde_json::from_str(&out).unwrap()
}

fn group<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["by_verdict"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"]["value"] == name)
        .unwrap_or_else(|| panic!("{name} missing"))
}

fn at(g: &serde_json::Value, days: u64) -> &serde_json::Value {
    g["horizons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["days"] == days)
        .unwrap()
}

fn interval(h: &serde_json::Value) -> (f64, f64) {
    let i = &h["interval"];
    (i["lo"].as_f64().unwrap(), i["hi"].as_f64().unwrap())
}

#[test]
fn the_study_recovers_the_planted_effects_of_a_generated_market() {
    let (sb, g) = market(&Spec::default());
    let v = study_json(&sb, &g);
    // One event per stock: the second board of its run.
    assert_eq!(v["all"]["events"], 120);
    for (name, role, planted) in [
        ("hype_rider", Role::Hype, g.planted[0]),
        ("substantive", Role::Substantive, g.planted[1]),
        ("unverified", Role::Noise, g.planted[2]),
    ] {
        let grp = group(&v, name);
        assert_eq!(grp["events"], 40, "{name}: {grp:#}");
        let h = at(grp, 20);
        let (lo, hi) = interval(h);
        assert!(
            lo <= planted && planted <= hi,
            "{name}: {planted} not in [{lo}, {hi}]"
        );
        if role != Role::Noise {
            assert!(lo > 0.0 || hi < 0.0, "{name}: [{lo}, {hi}] holds zero");
        }
        // Every event is of a stock of that role, nearly all on its second board (random
        // moves may make a stock hot a day early).
        let events: Vec<_> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["verdict"] == name)
            .collect();
        let mut on_plan = 0;
        for e in &events {
            let s = g
                .stocks
                .iter()
                .find(|s| s.code == e["code"].as_str().unwrap())
                .unwrap();
            assert_eq!(s.role, role);
            on_plan += usize::from(s.events[0] == e["date"].as_str().unwrap());
        }
        assert!(
            on_plan * 10 >= events.len() * 9,
            "{name}: {on_plan} of {}",
            events.len()
        );
    }
    // Every run was two boards; noise stocks had no documents.
    let b = &v["by_heat"][1];
    assert_eq!(b["key"]["value"], "streak_2");
    assert!(b["events"].as_u64().unwrap() >= 115, "{b:#}");
    assert_eq!(v["coverage"]["stocks"], 120);
    assert_eq!(v["coverage"]["stocks_with_documents"], 80);
}

#[test]
fn a_shuffled_label_control_finds_no_effect() {
    let spec = Spec {
        shuffle_docs: true,
        ..Spec::default()
    };
    let (sb, g) = market(&spec);
    // The labels were dealt at random: some hype riders rose and some substantive fell.
    assert!(g
        .stocks
        .iter()
        .any(|s| s.labelled == Role::Hype && s.role == Role::Substantive));
    let v = study_json(&sb, &g);
    for name in ["hype_rider", "substantive", "unverified"] {
        let grp = group(&v, name);
        assert_eq!(grp["events"], 40);
        for h in grp["horizons"].as_array().unwrap() {
            let (lo, hi) = interval(h);
            assert!(
                lo <= 0.0 && 0.0 <= hi,
                "{name} at {}: [{lo}, {hi}]",
                h["days"]
            );
        }
    }
}

#[test]
fn the_html_study_draws_bands_lists_events_and_escapes() {
    let (sb, g) = market(&Spec {
        roles: [12, 12, 3],
        ..Spec::default()
    });
    let out = sb.path("study.html");
    let theme = sb.path("theme.toml");
    sb.ok(&[
        "study",
        "--theme",
        arg(&theme),
        "--from",
        &g.dates[20],
        "--to",
        g.dates.last().unwrap(),
        "--format",
        "html",
        "--out",
        arg(&out),
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Content-Security-Policy") && !html.contains("<script"));
    // Bands for the two groups of 12 events, in the verdict chart and once in the heat chart.
    assert_eq!(html.matches("class=\"band\"").count(), 3, "{html}");
    assert_eq!(html.matches("<tr class=\"v-").count(), 27);
    assert!(html.contains("星河样本0000"));
    // The table in English names what is missing.
    let en = sb.ok(&[
        "--lang",
        "en",
        "study",
        "--theme",
        arg(&theme),
        "--from",
        &g.dates[20],
        "--to",
        g.dates.last().unwrap(),
    ]);
    assert!(
        en.contains("under 10 events") && en.contains("by the last day 24 had"),
        "{en}"
    );
    // A range without trading days says so.
    let bad = sb.run(&[
        "study",
        "--theme",
        arg(&theme),
        "--from",
        "2030-01-01",
        "--to",
        "2030-02-01",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("之间没有交易日"));
}
