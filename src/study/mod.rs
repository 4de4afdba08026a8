//! The event study (docs/design.md §7 `study`): when a stock of a theme got hot, what it did
//! over the next days, by what the company had said by then (the verdict of the event day)
//! and by how hard the market chased it (the episode's highest streak).
//!
//! An **event** is the first hot day of a stock's **episode**; an episode ends after
//! `episode_gap` trading days without heat. The forward excess return of an event at `k`
//! days is the stock's return from the event day's close to the close `k` trading days later
//! minus its benchmark's return over the same days ([`Forward`]). Per group: events, mean,
//! median and share positive at 1/5/10/20 days, and a seeded percentile-bootstrap 95%
//! interval of the mean (none under [`MIN_EVENTS`] events); the mean cumulative path over
//! days `0..=horizon` with its band.
//!
//! Pure: the caller (the `panel` job) assesses each stock day by day and hands over one
//! [`Track`] per stock; nothing here reads the store or classifies text. Main entry:
//! [`study`].

mod forward;
pub mod stats;

use serde::Serialize;

pub use forward::Forward;
use stats::{bootstrap_paths, mean, median, share_positive, Interval, Rng};

use crate::assess::Verdict;
use crate::model::Date;

/// The horizons of the table, in trading days.
pub const HORIZONS: [usize; 4] = [1, 5, 10, 20];

/// A group with fewer events than this is shown with its count and no interval.
pub const MIN_EVENTS: usize = 10;

/// The study's settings. Every default is documented on its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// The last day of the cumulative path (days `0..=horizon`). Default 20.
    pub horizon: usize,
    /// Trading days without heat that end an episode. Default 10 (the scan window).
    pub episode_gap: usize,
    /// Bootstrap resamples per group. Default 2000.
    pub resamples: usize,
    /// The bootstrap's seed: the same data and seed give the same intervals. Default 1.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            horizon: 20,
            episode_gap: 10,
            resamples: 2000,
            seed: 1,
        }
    }
}

/// One trading day of a stock as the panel assessed it (as of that day: no look-ahead).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The day's index in the study's calendar.
    pub t: usize,
    /// Hot that day.
    pub hot: bool,
    /// The window's highest streak (最高连板) that day.
    pub max_streak: u32,
    /// The verdict that day.
    pub verdict: Verdict,
    /// Company documents about the theme read for the stock by that day.
    pub docs_checked: usize,
}

/// One stock over the study's calendar: the days it was assessed (a day without a mark,
/// such as one before it entered the theme's scope, counts as not hot) and its forward
/// returns.
#[derive(Debug, Clone)]
pub struct Track {
    /// `CODE.EX`.
    pub code: String,
    /// The name, when known.
    pub name: Option<String>,
    /// The assessed days, in calendar order.
    pub marks: Vec<Mark>,
    /// Wealth and benchmark over the calendar, past the study's last day where data exists.
    pub forward: Forward,
}

/// How hard an episode was chased: its highest limit-up streak (最高连板). Known only once
/// the episode's streak ends, so a description of the event, not a signal on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum HeatBucket {
    /// Hot by return or abnormal fluctuation without two straight limit-up closes.
    #[serde(rename = "under_2")]
    Under2,
    /// A highest streak of 2.
    #[serde(rename = "streak_2")]
    Streak2,
    /// 3 or 4.
    #[serde(rename = "streak_3_4")]
    Streak3To4,
    /// 5 or more.
    #[serde(rename = "streak_5_plus")]
    Streak5Plus,
}

impl HeatBucket {
    /// Every bucket, coldest first.
    pub const ALL: [HeatBucket; 4] = [
        HeatBucket::Under2,
        HeatBucket::Streak2,
        HeatBucket::Streak3To4,
        HeatBucket::Streak5Plus,
    ];

    /// The bucket of a highest streak.
    pub fn of(max_streak: u32) -> HeatBucket {
        match max_streak {
            0 | 1 => HeatBucket::Under2,
            2 => HeatBucket::Streak2,
            3 | 4 => HeatBucket::Streak3To4,
            _ => HeatBucket::Streak5Plus,
        }
    }

    /// The fixed English name.
    pub fn name(self) -> &'static str {
        match self {
            HeatBucket::Under2 => "under_2",
            HeatBucket::Streak2 => "streak_2",
            HeatBucket::Streak3To4 => "streak_3_4",
            HeatBucket::Streak5Plus => "streak_5_plus",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            HeatBucket::Under2 => "不足2连板",
            HeatBucket::Streak2 => "最高2连板",
            HeatBucket::Streak3To4 => "最高3–4连板",
            HeatBucket::Streak5Plus => "最高5连板及以上",
        }
    }

    /// The English label.
    pub fn label_en(self) -> &'static str {
        match self {
            HeatBucket::Under2 => "under 2 boards",
            HeatBucket::Streak2 => "2 boards",
            HeatBucket::Streak3To4 => "3–4 boards",
            HeatBucket::Streak5Plus => "5+ boards",
        }
    }
}

/// One event: the first hot day of a stock's episode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `CODE.EX`.
    pub code: String,
    /// The name, when known.
    pub name: Option<String>,
    /// The event day.
    pub date: Date,
    /// The verdict of the event day (as of that day).
    pub verdict: Verdict,
    /// Company documents about the theme read by the event day.
    pub docs_checked: usize,
    /// The window's highest streak on the event day.
    pub max_streak: u32,
    /// The episode's highest streak, up to its last hot day within the study's range.
    pub episode_streak: u32,
    /// The heat bucket of `episode_streak`.
    pub bucket: HeatBucket,
    /// The episode's last hot day within the range.
    pub episode_end: Date,
    /// Forward excess returns at [`HORIZONS`] (`None` where the data ends).
    pub excess: [Option<f64>; 4],
    /// The cumulative excess return on days `0..=horizon` (NaN where the data ends).
    #[serde(skip)]
    pub path: Vec<f64>,
}

/// The events of one stock, and its episodes that were already running when the range began.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StockEvents {
    /// Episodes that began within the range.
    pub events: Vec<Event>,
    /// Episodes hot within the range that began before it, or whose beginning the calendar
    /// cannot tell: no events.
    pub censored: usize,
}

/// Finds the events of one stock. `calendar` is the study's calendar (the dates of the
/// [`Mark::t`] indices); events are taken from calendar index `first` on, and the days before
/// it only tell whether an episode was already running. A first hot day fewer than
/// `episode_gap` days after the calendar's start may continue an episode that began before
/// it: its start is unknown.
pub fn find_events(track: &Track, calendar: &[Date], first: usize, s: &Settings) -> StockEvents {
    let mut out = StockEvents::default();
    let mut last_hot: Option<usize> = None;
    // The current episode: Some(Some(i)) when it is event `i`, Some(None) when it is not an
    // event (began before `first`, or its start is unknown).
    let mut open: Option<Option<usize>> = None;
    let mut counted_censored = false;
    for m in track.marks.iter().filter(|m| m.hot) {
        let new_episode = match last_hot {
            Some(l) => m.t - l > s.episode_gap,
            None => true,
        };
        let start_known = last_hot.is_some() || m.t >= s.episode_gap;
        last_hot = Some(m.t);
        if !new_episode {
            match open {
                Some(Some(i)) => {
                    let e = &mut out.events[i];
                    e.episode_streak = e.episode_streak.max(m.max_streak);
                    e.bucket = HeatBucket::of(e.episode_streak);
                    e.episode_end = calendar[m.t];
                }
                _ if m.t >= first && !counted_censored => {
                    out.censored += 1;
                    counted_censored = true;
                }
                _ => {}
            }
            continue;
        }
        counted_censored = false;
        if m.t < first || !start_known {
            if m.t >= first {
                out.censored += 1;
                counted_censored = true;
            }
            open = Some(None);
            continue;
        }
        let path: Vec<f64> = (0..=s.horizon)
            .map(|k| track.forward.excess(m.t, k).unwrap_or(f64::NAN))
            .collect();
        out.events.push(Event {
            code: track.code.clone(),
            name: track.name.clone(),
            date: calendar[m.t],
            verdict: m.verdict,
            docs_checked: m.docs_checked,
            max_streak: m.max_streak,
            episode_streak: m.max_streak,
            bucket: HeatBucket::of(m.max_streak),
            episode_end: calendar[m.t],
            excess: HORIZONS.map(|h| track.forward.excess(m.t, h)),
            path,
        });
        open = Some(Some(out.events.len() - 1));
    }
    out
}

/// What a group of events is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum GroupKey {
    /// Every event.
    All,
    /// The verdict of the event day.
    Verdict(Verdict),
    /// The episode's heat bucket.
    Heat(HeatBucket),
}

impl GroupKey {
    /// The label in the user's language.
    pub fn label(self, lang: crate::model::Lang) -> &'static str {
        match self {
            GroupKey::All => lang.pick("全部事件", "all events"),
            GroupKey::Verdict(v) => lang.pick(v.label_zh(), v.label_en()),
            GroupKey::Heat(b) => lang.pick(b.label_zh(), b.label_en()),
        }
    }

    /// A stable name for machines (`all`, a verdict's or a bucket's name).
    pub fn name(self) -> &'static str {
        match self {
            GroupKey::All => "all",
            GroupKey::Verdict(v) => v.name(),
            GroupKey::Heat(b) => b.name(),
        }
    }
}

/// The forward excess returns of a group at one horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HorizonStats {
    /// Trading days after the event day.
    pub days: usize,
    /// Events with data that far.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Share of events above zero.
    pub share_positive: Option<f64>,
    /// Bootstrap 95% interval of the mean; `None` under [`MIN_EVENTS`] events.
    pub interval: Option<Interval>,
}

/// One day of a group's mean cumulative excess path.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PathPoint {
    /// Trading days after the event day.
    pub day: usize,
    /// Events with data that far.
    pub n: usize,
    /// The mean cumulative excess return.
    pub mean: Option<f64>,
    /// Its bootstrap 95% band; `None` under [`MIN_EVENTS`] events.
    pub band: Option<Interval>,
}

/// The summary of one group of events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// What the group is.
    pub key: GroupKey,
    /// Its events.
    pub events: usize,
    /// Of them, events whose stock had company documents about the theme by the event day.
    pub with_documents: usize,
    /// Per horizon of [`HORIZONS`] up to the study's horizon.
    pub horizons: Vec<HorizonStats>,
    /// The mean cumulative excess return on days `0..=horizon`.
    pub path: Vec<PathPoint>,
}

impl Group {
    /// The statistics at `days`, when that horizon is in the table.
    pub fn at(&self, days: usize) -> Option<&HorizonStats> {
        self.horizons.iter().find(|h| h.days == days)
    }
}

/// How much the study rests on: every stock it tracked, and how many had anything said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Coverage {
    /// Stocks assessed.
    pub stocks: usize,
    /// Of them, stocks with a company document about the theme by the last day.
    pub stocks_with_documents: usize,
    /// Stock-days assessed within the range.
    pub stock_days: usize,
    /// Events whose episode was already running on the range's first day (not counted).
    pub censored: usize,
}

/// An event study's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Study {
    /// The settings it ran with.
    pub settings: Settings,
    /// What it rests on.
    pub coverage: Coverage,
    /// Every event.
    pub all: Group,
    /// Per verdict of the event day, in the verdicts' order (every verdict a hot day can
    /// have, also without events).
    pub by_verdict: Vec<Group>,
    /// Per heat bucket.
    pub by_heat: Vec<Group>,
    /// The events, by date then code.
    pub events: Vec<Event>,
}

/// A study as the commands report it: the theme, the range and the study itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StudyReport {
    /// The theme id.
    pub theme: String,
    /// The theme's display name.
    pub theme_name: String,
    /// The first day events are taken from.
    pub from: Date,
    /// The last day.
    pub to: Date,
    /// Every stock of the store was assessed, not only the theme's scope.
    pub all_stocks: bool,
    /// The study.
    #[serde(flatten)]
    pub study: Study,
}

/// The verdicts an event day can have (it is hot, so never `cold`).
pub const EVENT_VERDICTS: [Verdict; 5] = [
    Verdict::HypeRider,
    Verdict::Speculative,
    Verdict::Unverified,
    Verdict::Clarified,
    Verdict::Substantive,
];

/// Summarises `events` into groups.
pub fn summarize(mut events: Vec<Event>, coverage: Coverage, s: &Settings) -> Study {
    events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.code.cmp(&b.code)));
    let group = |key: GroupKey, salt: u64| {
        let of: Vec<&Event> = events
            .iter()
            .filter(|e| match key {
                GroupKey::All => true,
                GroupKey::Verdict(v) => e.verdict == v,
                GroupKey::Heat(b) => e.bucket == b,
            })
            .collect();
        summarize_group(
            key,
            &of,
            s,
            s.seed.wrapping_mul(1_000_003).wrapping_add(salt),
        )
    };
    let all = group(GroupKey::All, 0);
    let by_verdict = EVENT_VERDICTS
        .iter()
        .enumerate()
        .map(|(i, v)| group(GroupKey::Verdict(*v), 1 + i as u64))
        .collect();
    let by_heat = HeatBucket::ALL
        .iter()
        .enumerate()
        .map(|(i, b)| group(GroupKey::Heat(*b), 101 + i as u64))
        .collect();
    Study {
        settings: *s,
        coverage,
        all,
        by_verdict,
        by_heat,
        events,
    }
}

fn summarize_group(key: GroupKey, events: &[&Event], s: &Settings, seed: u64) -> Group {
    let steps = s.horizon + 1;
    let paths: Vec<Vec<f64>> = events.iter().map(|e| e.path.clone()).collect();
    let values_at = |k: usize| -> Vec<f64> {
        paths
            .iter()
            .filter_map(|p| p.get(k).copied().filter(|v| v.is_finite()))
            .collect()
    };
    let bands = if events.len() >= MIN_EVENTS {
        bootstrap_paths(&paths, steps, s.resamples, seed)
    } else {
        vec![None; steps]
    };
    let band = |k: usize, n: usize| bands.get(k).copied().flatten().filter(|_| n >= MIN_EVENTS);
    let path = (0..steps)
        .map(|k| {
            let v = values_at(k);
            PathPoint {
                day: k,
                n: v.len(),
                mean: mean(&v),
                band: band(k, v.len()),
            }
        })
        .collect();
    let horizons = HORIZONS
        .iter()
        .filter(|h| **h <= s.horizon)
        .map(|&h| {
            let v = values_at(h);
            HorizonStats {
                days: h,
                n: v.len(),
                mean: mean(&v),
                median: median(&v),
                share_positive: share_positive(&v),
                interval: band(h, v.len()),
            }
        })
        .collect();
    Group {
        key,
        events: events.len(),
        with_documents: events.iter().filter(|e| e.docs_checked > 0).count(),
        horizons,
        path,
    }
}

/// The study over `tracks`: finds every stock's events from calendar index `first` on and
/// summarises them.
pub fn study(tracks: &[Track], calendar: &[Date], first: usize, s: &Settings) -> Study {
    let mut events = Vec::new();
    let mut coverage = Coverage::default();
    for track in tracks {
        coverage.stocks += 1;
        coverage.stock_days += track.marks.iter().filter(|m| m.t >= first).count();
        if track.marks.iter().any(|m| m.docs_checked > 0) {
            coverage.stocks_with_documents += 1;
        }
        let found = find_events(track, calendar, first, s);
        coverage.censored += found.censored;
        events.extend(found.events);
    }
    summarize(events, coverage, s)
}

/// A placebo: the same events with their verdicts and buckets dealt at random among them
/// (seeded). A study of real effects shows them; its shuffled control must not.
pub fn shuffle_labels(events: &[Event], seed: u64) -> Vec<Event> {
    let mut labels: Vec<(Verdict, HeatBucket)> =
        events.iter().map(|e| (e.verdict, e.bucket)).collect();
    Rng::new(seed).shuffle(&mut labels);
    events
        .iter()
        .zip(labels)
        .map(|(e, (verdict, bucket))| Event {
            verdict,
            bucket,
            ..e.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests;
