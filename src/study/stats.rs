//! Summary statistics of an event study: mean, median, share positive, and a seeded
//! percentile bootstrap of the mean. Pure and deterministic: the same values and seed give
//! the same interval on every machine.

/// A small, fast, seeded generator (SplitMix64, Steele, Lea and Flood 2014): enough for
/// resampling indices, and reproducible without a dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (`n > 0`), by Lemire's multiply-shift (the bias is below
    /// 2⁻³² for the sizes of a study).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The arithmetic mean; `None` for no values.
pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The median (the mean of the two middle values for an even count); `None` for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// The share of values above zero; `None` for no values.
pub fn share_positive(values: &[f64]) -> Option<f64> {
    (!values.is_empty())
        .then(|| values.iter().filter(|v| **v > 0.0).count() as f64 / values.len() as f64)
}

/// The `q` quantile (0..=1) of sorted values, by linear interpolation between closest ranks.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// A confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
}

impl Interval {
    /// Whether `x` lies inside (bounds included).
    pub fn contains(&self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// Whether zero lies outside: the mean differs from zero at the interval's level.
    pub fn excludes_zero(&self) -> bool {
        !self.contains(0.0)
    }
}

/// Percentile bootstrap intervals (95%) of the mean of several paths at once: `paths[e][k]`
/// is event `e`'s value at step `k` (NaN where the event's data ends). Every resample draws
/// `paths.len()` events with replacement and averages each step over the drawn events that
/// have it, so the interval of every step comes from the same resamples. `None` at a step
/// with fewer than two values.
pub fn bootstrap_paths(
    paths: &[Vec<f64>],
    steps: usize,
    resamples: usize,
    seed: u64,
) -> Vec<Option<Interval>> {
    let n = paths.len();
    let mut means: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); steps];
    let have: Vec<usize> = (0..steps)
        .map(|k| {
            paths
                .iter()
                .filter(|p| p.get(k).is_some_and(|v| v.is_finite()))
                .count()
        })
        .collect();
    if n >= 2 {
        let mut rng = Rng::new(seed);
        let (mut sum, mut count) = (vec![0.0; steps], vec![0u32; steps]);
        for _ in 0..resamples {
            sum.iter_mut().for_each(|s| *s = 0.0);
            count.iter_mut().for_each(|c| *c = 0);
            for _ in 0..n {
                let p = &paths[rng.below(n)];
                for (k, v) in p.iter().take(steps).enumerate() {
                    if v.is_finite() {
                        sum[k] += v;
                        count[k] += 1;
                    }
                }
            }
            for k in 0..steps {
                if count[k] > 0 {
                    means[k].push(sum[k] / count[k] as f64);
                }
            }
        }
    }
    means
        .into_iter()
        .zip(have)
        .map(|(mut m, have)| {
            if have < 2 || m.is_empty() {
                return None;
            }
            m.sort_by(f64::total_cmp);
            Some(Interval {
                lo: quantile_sorted(&m, 0.025),
                hi: quantile_sorted(&m, 0.975),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_median_and_share_positive() {
        let v = [0.03, -0.01, 0.02, 0.0];
        assert!((mean(&v).unwrap() - 0.01).abs() < 1e-12);
        assert!((median(&v).unwrap() - 0.01).abs() < 1e-12);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(share_positive(&v), Some(0.5));
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_shuffles_are_permutations() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut v: Vec<usize> = (0..50).collect();
        Rng::new(1).shuffle(&mut v);
        assert_ne!(v, (0..50).collect::<Vec<_>>());
        v.sort();
        assert_eq!(v, (0..50).collect::<Vec<_>>());
        assert!((0..1000).all(|_| a.below(7) < 7));
    }

    #[test]
    fn the_bootstrap_interval_covers_the_mean_and_narrows_with_more_events() {
        let mut rng = Rng::new(3);
        // Values uniform in [-0.05, 0.15): mean 0.05.
        let draw = |rng: &mut Rng| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 0.2 - 0.05;
        let small: Vec<Vec<f64>> = (0..30).map(|_| vec![0.0, draw(&mut rng)]).collect();
        let large: Vec<Vec<f64>> = (0..3000).map(|_| vec![0.0, draw(&mut rng)]).collect();
        let a = bootstrap_paths(&small, 2, 1000, 1)[1].unwrap();
        let b = bootstrap_paths(&large, 2, 1000, 1)[1].unwrap();
        assert!(b.contains(0.05) && b.excludes_zero(), "{b:?}");
        assert!(b.hi - b.lo < (a.hi - a.lo) / 5.0, "{a:?} {b:?}");
        let m = mean(&small.iter().map(|p| p[1]).collect::<Vec<_>>()).unwrap();
        assert!(a.contains(m), "{a:?} {m}");
        // Step 0 is always zero: a degenerate interval at zero.
        let z = bootstrap_paths(&small, 2, 100, 1)[0].unwrap();
        assert_eq!((z.lo, z.hi), (0.0, 0.0));
        // Reproducible.
        assert_eq!(
            bootstrap_paths(&small, 2, 500, 9),
            bootstrap_paths(&small, 2, 500, 9)
        );
    }

    #[test]
    fn steps_past_the_data_have_no_interval() {
        let paths = vec![vec![0.0, 0.1, f64::NAN], vec![0.0, 0.2, f64::NAN]];
        let ci = bootstrap_paths(&paths, 3, 200, 5);
        assert!(ci[1].is_some() && ci[2].is_none());
        assert!(bootstrap_paths(&paths[..1], 3, 200, 5)[1].is_none());
    }
}
