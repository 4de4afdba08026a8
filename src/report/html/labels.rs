//! Label placement for the scatter: dots that would sit on one another are spread apart
//! within their column (a beeswarm), and each label takes the nearest free box that
//! overlaps no dot and no other label; a label that finds none is named under the chart.

/// An axis-aligned box in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect {
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) x1: f64,
    pub(super) y1: f64,
}

impl Rect {
    pub(super) fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    pub(super) fn inside(&self, o: &Rect) -> bool {
        self.x0 >= o.x0 && self.x1 <= o.x1 && self.y0 >= o.y0 && self.y1 <= o.y1
    }

    /// The point of the box nearest to (x, y), where a leader line ends.
    pub(super) fn nearest(&self, x: f64, y: f64) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// The font size of the scatter's labels, and the height a label is given.
pub(super) const LABEL_SIZE: f64 = 11.0;
pub(super) const LABEL_HEIGHT: f64 = 17.0;
pub(super) const DOT_R: f64 = 6.0;

/// A generous estimate of a label's width in SVG units: CJK characters take a full em,
/// others up to two thirds of one (real fonts are narrower, so boxes never underestimate).
pub(super) fn label_width(s: &str) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.66 })
        .sum();
    em * LABEL_SIZE + 4.0
}

/// Where each point's label goes: the first of a list of candidate boxes, nearest first,
/// that stays inside `area` and overlaps neither a dot nor a label placed before it.
/// `None` when no candidate is free (the point is then named under the chart).
/// A dot left of its column's centre (`centres`) looks for room on the left first, so
/// that leader lines of a crowd fan out instead of crossing.
pub(super) fn place_labels(
    dots: &[(f64, f64)],
    centres: &[f64],
    widths: &[f64],
    area: &Rect,
) -> Vec<Option<Rect>> {
    let dot_box = |&(x, y): &(f64, f64)| Rect {
        x0: x - DOT_R - 1.0,
        y0: y - DOT_R - 1.0,
        x1: x + DOT_R + 1.0,
        y1: y + DOT_R + 1.0,
    };
    let mut taken: Vec<Rect> = dots.iter().map(dot_box).collect();
    let mut out = Vec::with_capacity(dots.len());
    for ((&(x, y), &w), &centre) in dots.iter().zip(widths).zip(centres) {
        let hgt = LABEL_HEIGHT;
        let side = if x < centre - 0.5 { -1.0 } else { 1.0 };
        let gap = DOT_R + 3.0;
        let at = |x0: f64, y0: f64| Rect {
            x0,
            y0,
            x1: x0 + w,
            y1: y0 + hgt,
        };
        // Beside, above and below the dot; then stacked up and down on either side,
        // further away step by step (these get a leader line).
        // `toward(dx)`: the box `dx` from the dot on the preferred side, then the other.
        let beside = |dx: f64, y0: f64| {
            let right = at(x + dx, y0);
            let left = at(x - dx - w, y0);
            if side > 0.0 {
                [right, left]
            } else {
                [left, right]
            }
        };
        let mut cands = beside(gap, y - hgt / 2.0).to_vec();
        cands.push(at(x - w / 2.0, y - gap - hgt));
        cands.push(at(x - w / 2.0, y + gap));
        for step in 1..40 {
            let dy = step as f64 * (hgt + 1.0);
            for sign in [-1.0, 1.0] {
                let y0 = y - hgt / 2.0 + sign * dy;
                for dx in [gap + 8.0, gap + 8.0 + w / 2.0, gap + 16.0 + w] {
                    cands.extend(beside(dx, y0));
                }
            }
        }
        let found = cands
            .into_iter()
            .find(|c| c.inside(area) && !taken.iter().any(|t| t.overlaps(c)));
        if let Some(c) = found {
            taken.push(c);
        }
        out.push(found);
    }
    out
}

/// Moves dots that would sit on one another apart, within their substance column and a
/// few dot widths up or down (a beeswarm): the nearest free spot to the true position wins;
/// `area` bounds the centres.
pub(super) fn spread_dots(raw: &[(f64, f64)], half_column: f64, area: &Rect) -> Vec<(f64, f64)> {
    let min_d = 2.0 * DOT_R + 2.0;
    let mut offsets: Vec<(f64, f64)> = Vec::new();
    let reach_x = ((half_column - DOT_R) / min_d).floor() as i32;
    for i in -reach_x..=reach_x {
        for j in -3..=3 {
            // A hexagonal grid packs the crowd tightly.
            let dx = (f64::from(i) + if j % 2 == 0 { 0.0 } else { 0.5 }) * min_d;
            let dy = f64::from(j) * min_d * 0.87;
            if dx.abs() <= half_column - DOT_R {
                offsets.push((dx, dy));
            }
        }
    }
    offsets.sort_by(|a, b| a.0.hypot(a.1).total_cmp(&b.0.hypot(b.1)));
    let mut placed: Vec<(f64, f64)> = Vec::with_capacity(raw.len());
    for &(x, y) in raw {
        let spot = offsets
            .iter()
            .map(|(dx, dy)| (x + dx, (y + dy).clamp(area.y0 + DOT_R, area.y1 - DOT_R)))
            .find(|c| placed.iter().all(|p| (p.0 - c.0).hypot(p.1 - c.1) >= min_d))
            .unwrap_or((x, y));
        placed.push(spot);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowd_of_labels_gets_boxes_that_overlap_no_label_and_no_dot() {
        let area = Rect {
            x0: 70.0,
            y0: 20.0,
            x1: 740.0,
            y1: 300.0,
        };
        // Twelve stocks at one spot in the bottom-left corner, plus one apart.
        let raw: Vec<(f64, f64)> = (0..12)
            .map(|_| (125.0, 299.0))
            .chain([(400.0, 100.0)])
            .collect();
        let dots = spread_dots(&raw, 55.0, &area);
        for (i, a) in dots.iter().enumerate() {
            for b in &dots[i + 1..] {
                assert!((a.0 - b.0).hypot(a.1 - b.1) >= 2.0 * DOT_R, "{a:?} {b:?}");
            }
        }
        let centres: Vec<f64> = raw.iter().map(|p| p.0).collect();
        let widths: Vec<f64> = (0..13)
            .map(|i| label_width(&"长".repeat(2 + i % 5)))
            .collect();
        let labels = place_labels(&dots, &centres, &widths, &area);
        let boxes: Vec<Rect> = labels.iter().flatten().copied().collect();
        assert_eq!(boxes.len(), 13, "every label found room");
        for (i, a) in boxes.iter().enumerate() {
            assert!(a.inside(&area));
            for b in &boxes[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
            for d in &dots {
                let dot = Rect {
                    x0: d.0 - DOT_R,
                    y0: d.1 - DOT_R,
                    x1: d.0 + DOT_R,
                    y1: d.1 + DOT_R,
                };
                assert!(!a.overlaps(&dot), "{a:?} over the dot {d:?}");
            }
        }
        // With no room at all, a label is left out rather than drawn over another.
        let tiny = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 60.0,
            y1: 20.0,
        };
        let two = place_labels(
            &[(10.0, 10.0), (12.0, 10.0)],
            &[10.0, 10.0],
            &[40.0, 40.0],
            &tiny,
        );
        assert!(two.iter().filter(|l| l.is_some()).count() <= 1, "{two:?}");
    }
}
