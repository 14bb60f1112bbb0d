//! Where a timeline's words go: reference labels above the plot and date labels beside
//! their marks, each on the first line (lane) where it covers no other word and no mark.
//!
//! The page is drawn before any browser measures it, so widths are estimates: per
//! character, about what DejaVu Sans Bold takes (the widest of the fonts a Linux browser
//! falls back to for `system-ui`; measured in headless Chromium: digits 0.70 em, "W" 1.1
//! em). An estimate too wide only spends room; one too narrow lets words overlap, which
//! `tests/html.rs` checks against the widths Chromium measures.

/// How much narrower the regular weight is than the bold (DejaVu Sans: 0.91).
pub(super) const REGULAR: f64 = 0.92;

/// The estimated width of `s` set in bold at `size` (user units).
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    let ems: f64 = s
        .chars()
        .map(|c| match c {
            ' ' => 0.35,
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.36,
            'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' => 0.5,
            'm' | 'w' => 1.05,
            'M' | 'W' | '@' | '%' => 1.12,
            '0'..='9' => 0.72,
            'c' | 's' | 'z' | 'J' => 0.6,
            'a'..='z' | '?' | '~' | '×' => 0.7,
            'A'..='Z' | '–' | '&' => 0.82,
            '—' | '…' => 1.0,
            _ => 0.9,
        })
        .sum();
    ems * size
}

/// Intervals `[a, b]` on numbered lines; lane 0 may also hold obstacles (the marks).
#[derive(Default)]
pub(super) struct Lanes {
    lanes: Vec<Vec<(f64, f64)>>,
}

impl Lanes {
    /// Whether `[a, b]` on `lane` touches nothing placed there.
    pub(super) fn free(&self, lane: usize, a: f64, b: f64) -> bool {
        self.lanes.get(lane).is_none_or(|placed| placed.iter().all(|&(pa, pb)| b <= pa || pb <= a))
    }

    /// Puts `[a, b]` on `lane`, whatever is there.
    pub(super) fn put(&mut self, lane: usize, a: f64, b: f64) {
        if self.lanes.len() <= lane {
            self.lanes.resize_with(lane + 1, Vec::new);
        }
        if let Some(placed) = self.lanes.get_mut(lane) {
            placed.push((a, b));
        }
    }

    /// Puts `[a, b]` on the first lane of `lanes` where it is `free`, and returns it;
    /// `None` (nothing put) when it is free on none.
    pub(super) fn first_free(
        &mut self,
        lanes: std::ops::RangeInclusive<usize>,
        a: f64,
        b: f64,
    ) -> Option<usize> {
        let lane = lanes.into_iter().find(|&l| self.free(l, a, b))?;
        self.put(lane, a, b);
        Some(lane)
    }

    /// The number of lanes holding anything.
    pub(super) fn count(&self) -> usize {
        self.lanes.len()
    }
}

/// Where a word of width `w` starts when centred on `centre` but kept within `[lo, hi]`
/// (its start at `lo` when it is wider than that).
pub(super) fn clamped(centre: f64, w: f64, lo: f64, hi: f64) -> f64 {
    (centre - w / 2.0).min(hi - w).max(lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_to_the_first_lane_where_they_overlap_nothing() {
        let mut lanes = Lanes::default();
        assert_eq!(lanes.first_free(0..=9, 0.0, 10.0), Some(0));
        assert_eq!(lanes.first_free(0..=9, 10.0, 20.0), Some(0), "touching is not overlapping");
        assert_eq!(lanes.first_free(0..=9, 5.0, 15.0), Some(1));
        assert_eq!(lanes.first_free(0..=9, 6.0, 7.0), Some(2));
        assert_eq!(lanes.first_free(1..=9, 30.0, 40.0), Some(1));
        assert_eq!(lanes.first_free(0..=2, 0.0, 20.0), None, "no room on the lanes allowed");
        assert_eq!(lanes.count(), 3);
        assert!(lanes.free(5, 0.0, 100.0));
    }

    #[test]
    fn wide_characters_are_estimated_wider() {
        assert!(text_width("WWWW", 11.0) > text_width("1905", 11.0));
        assert!(text_width("1905", 11.0) > text_width("iiii", 11.0));
        assert_eq!(text_width("", 11.0), 0.0);
        // Chromium's measure of "2 January 1905" in bold 11px DejaVu Sans is 93.2 units.
        assert!(text_width("2 January 1905", 11.0) >= 93.2);
    }

    #[test]
    fn clamped_words_stay_inside_the_plot() {
        assert_eq!(clamped(50.0, 20.0, 0.0, 100.0), 40.0);
        assert_eq!(clamped(5.0, 20.0, 0.0, 100.0), 0.0);
        assert_eq!(clamped(99.0, 20.0, 0.0, 100.0), 80.0);
        assert_eq!(clamped(50.0, 200.0, 0.0, 100.0), 0.0, "too wide: starts at the left");
    }
}
