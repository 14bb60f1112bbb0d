//! Building `TimeValue`s from periods (a day, a month, a season, a year, a decade, a
//! century, with the year possibly unknown) and parsing the EDTF-like strings back.
//!
//! The forms are DESIGN.md's: `1895-04-17`, `1895-04`, `1900-SU`, `1895`, `189X`, `18XX`,
//! `XXXX-02-06`, `-0479`, `1894/1895`, `1898/..`, `../1901`, `1900~`.

use super::value::{push_padded, push_year};
use super::{days_from_civil, days_in_month, format_year, Calendar, Day, Granularity, TimeValue};

/// Years the grammar and the parser accept: four EDTF digits either side of year 0.
pub(crate) const YEARS: std::ops::RangeInclusive<i64> = -9999..=9999;

/// A season, in EDTF-like letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }

    fn from_code(s: &str) -> Option<Season> {
        Some(match s {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Autumn,
            "WI" => Season::Winter,
            _ => return None,
        })
    }
}

/// One period of the calendar, the year possibly unknown (`None`: rendered `XXXX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Day(Option<i64>, u8, u8),
    Month(Option<i64>, u8),
    Season(i64, Season),
    Year(i64),
    /// The first year of the decade (1890 for the 1890s).
    Decade(i64),
    /// The first year of the century as TIMEX counts it (1800 for `18XX`, the 19th century).
    Century(i64),
    /// The `n`th century BC (the 5th: 500–401 BC, astronomical -0499 to -0400).
    CenturyBc(i64),
}

impl Period {
    /// Whether the date exists (day in month, year in range).
    pub(crate) fn is_valid(self) -> bool {
        let year_ok = |y: i64| YEARS.contains(&y);
        match self {
            Period::Day(y, m, d) => {
                (1..=12).contains(&m)
                    && d >= 1
                    && d <= days_in_month(y.unwrap_or(2000), m)
                    && y.is_none_or(year_ok)
            }
            Period::Month(y, m) => (1..=12).contains(&m) && y.is_none_or(year_ok),
            Period::Season(y, _) | Period::Year(y) => year_ok(y),
            Period::Decade(y) => year_ok(y) && y.rem_euclid(10) == 0 && year_ok(y + 9),
            Period::Century(y) => year_ok(y) && y.rem_euclid(100) == 0 && year_ok(y + 100),
            Period::CenturyBc(n) => (1..=99).contains(&n),
        }
    }

    /// The first and last day, when the year is known. Callers keep the period valid.
    pub(crate) fn bounds(self) -> Option<(Day, Day)> {
        Some(match self {
            Period::Day(y, m, d) => {
                let day = days_from_civil(y?, m, d);
                (day, day)
            }
            Period::Month(y, m) => {
                let y = y?;
                (days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m)))
            }
            // A season runs as long as either way of counting it makes it: by whole months
            // (spring is March to May) or by the equinoxes and solstices (spring ends about
            // 20 June). "In the spring of 1900 ... the legations were besieged" (from
            // 20 June) is not wrong by a day.
            Period::Season(y, s) => match s {
                Season::Spring => (days_from_civil(y, 3, 1), days_from_civil(y, 6, 20)),
                Season::Summer => (days_from_civil(y, 6, 1), days_from_civil(y, 9, 22)),
                Season::Autumn => (days_from_civil(y, 9, 1), days_from_civil(y, 12, 20)),
                // "the winter of 1904" may mean its January or its December (running into
                // 1905): the value covers both readings.
                Season::Winter => {
                    (days_from_civil(y, 1, 1), days_from_civil(y + 1, 2, days_in_month(y + 1, 2)))
                }
            },
            Period::Year(y) => (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31)),
            Period::Decade(y) => (days_from_civil(y, 1, 1), days_from_civil(y + 9, 12, 31)),
            // "The nineteenth century" is 1801–1900 counted strictly and 1800–1899 as
            // commonly said: the value holds both ("a crime against the nineteenth
            // century" in 1900 is not a year out).
            Period::Century(y) => (days_from_civil(y, 1, 1), days_from_civil(y + 100, 12, 31)),
            Period::CenturyBc(n) => {
                (days_from_civil(1 - n * 100, 1, 1), days_from_civil(100 - n * 100, 12, 31))
            }
        })
    }

    pub(crate) fn granularity(self) -> Granularity {
        match self {
            Period::Day(..) => Granularity::Day,
            Period::Month(..) => Granularity::Month,
            Period::Season(..) => Granularity::Season,
            Period::Year(_) => Granularity::Year,
            Period::Decade(_) => Granularity::Decade,
            Period::Century(_) | Period::CenturyBc(_) => Granularity::Century,
        }
    }

    pub(crate) fn edtf(self) -> String {
        // Days, months, seasons and years written by hand (`push_year`): the tagger makes
        // tens of thousands of them per run; the rare rest through `format!`.
        let mut out = String::with_capacity(10);
        let year = |out: &mut String, y: Option<i64>| match y {
            Some(y) => push_year(out, y),
            None => out.push_str("XXXX"),
        };
        match self {
            Period::Day(y, m, d) => {
                year(&mut out, y);
                out.push('-');
                push_padded(&mut out, m.into(), 2);
                out.push('-');
                push_padded(&mut out, d.into(), 2);
                out
            }
            Period::Month(y, m) => {
                year(&mut out, y);
                out.push('-');
                push_padded(&mut out, m.into(), 2);
                out
            }
            Period::Season(y, s) => {
                push_year(&mut out, y);
                out.push('-');
                out.push_str(s.code());
                out
            }
            Period::Year(y) => {
                push_year(&mut out, y);
                out
            }
            Period::Decade(y) => {
                let s = format_year(y);
                format!("{}X", s.get(..s.len().saturating_sub(1)).unwrap_or(""))
            }
            Period::Century(y) => {
                let s = format_year(y);
                format!("{}XX", s.get(..s.len().saturating_sub(2)).unwrap_or(""))
            }
            Period::CenturyBc(n) => format!("{}/{}", format_year(1 - n * 100), format_year(100 - n * 100)),
        }
    }

    /// The whole period as a value.
    pub(crate) fn value(self) -> TimeValue {
        let (earliest, latest) = self.bounds().map_or((None, None), |(a, b)| (Some(a), Some(b)));
        TimeValue {
            earliest,
            latest,
            granularity: self.granularity(),
            approximate: false,
            part: None,
            calendar: Calendar::Gregorian,
            edtf: self.edtf(),
        }
    }

    /// Parses one period's EDTF form (no `/`, no `~`).
    pub(crate) fn parse(s: &str) -> Option<Period> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut parts = body.split('-');
        let y = parts.next()?;
        let second = parts.next();
        let third = parts.next();
        if parts.next().is_some() || y.len() != 4 {
            return None;
        }
        let sign = if neg { -1 } else { 1 };
        let num = |t: &str| -> Option<i64> {
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok()).flatten()
        };
        let small = |t: &str| -> Option<u8> {
            (t.len() == 2).then(|| num(t)).flatten().and_then(|n| u8::try_from(n).ok())
        };
        let period = if y == "XXXX" {
            if neg {
                return None;
            }
            match (second, third) {
                (Some(m), Some(d)) => Period::Day(None, small(m)?, small(d)?),
                (Some(m), None) => Period::Month(None, small(m)?),
                _ => return None,
            }
        } else if let Some(c) = y.strip_suffix("XX") {
            if second.is_some() {
                return None;
            }
            Period::Century(sign * num(c)? * 100)
        } else if let Some(d) = y.strip_suffix('X') {
            if second.is_some() {
                return None;
            }
            Period::Decade(sign * num(d)? * 10)
        } else {
            let year = sign * num(y)?;
            match (second, third) {
                (None, _) => Period::Year(year),
                (Some(m), Some(d)) => Period::Day(Some(year), small(m)?, small(d)?),
                (Some(m), None) => match Season::from_code(m) {
                    Some(season) => Period::Season(year, season),
                    None => Period::Month(Some(year), small(m)?),
                },
            }
        };
        if neg && matches!(period, Period::Decade(0) | Period::Century(0)) {
            return None;
        }
        period.is_valid().then_some(period)
    }
}

/// A value from `a` to `b` (both known periods), rendered `a/b`.
pub(crate) fn range(a: Period, b: Period) -> Option<TimeValue> {
    let (a0, _) = a.bounds()?;
    let (_, b1) = b.bounds()?;
    if b1 < a0 {
        return None;
    }
    Some(TimeValue {
        earliest: Some(a0),
        latest: Some(b1),
        granularity: a.granularity().min(b.granularity()),
        approximate: false,
        part: None,
        calendar: Calendar::Gregorian,
        edtf: format!("{}/{}", a.edtf(), b.edtf()),
    })
}

/// From `p` on, open at the end: `1898/..`.
pub(crate) fn open_from(p: Period) -> Option<TimeValue> {
    let a0 = p.bounds().map(|(a, _)| a);
    Some(TimeValue {
        earliest: a0,
        latest: None,
        granularity: p.granularity(),
        approximate: false,
        part: None,
        calendar: Calendar::Gregorian,
        edtf: format!("{}/..", p.edtf()),
    })
}

/// Up to the end of `p`, open at the start: `../1923`.
pub(crate) fn open_until(p: Period) -> Option<TimeValue> {
    let b1 = p.bounds().map(|(_, b)| b);
    Some(TimeValue {
        earliest: None,
        latest: b1,
        granularity: p.granularity(),
        approximate: false,
        part: None,
        calendar: Calendar::Gregorian,
        edtf: format!("../{}", p.edtf()),
    })
}

/// The period just before `p`, in its unit ("before 1902" ends with 1901).
pub(crate) fn pred(p: Period) -> Option<Period> {
    let q = match p {
        Period::Day(Some(y), m, d) => {
            let (y, m, d) = super::civil_from_days(days_from_civil(y, m, d) - 1);
            Period::Day(Some(y), m, d)
        }
        // Without a year, only within the month (or the year): the day before the 1st
        // depends on the month's length in a year not known.
        Period::Day(None, m, d) if d > 1 => Period::Day(None, m, d - 1),
        Period::Month(None, m) if m > 1 => Period::Month(None, m - 1),
        Period::Month(Some(y), 1) => Period::Month(Some(y - 1), 12),
        Period::Month(Some(y), m) => Period::Month(Some(y), m - 1),
        Period::Year(y) => Period::Year(y - 1),
        Period::Decade(y) => Period::Decade(y - 10),
        Period::Century(y) => Period::Century(y - 100),
        _ => return None,
    };
    q.is_valid().then_some(q)
}

/// The period just after `p`, in its unit ("after 1902" starts with 1903).
pub(crate) fn succ(p: Period) -> Option<Period> {
    let q = match p {
        Period::Day(Some(y), m, d) => {
            let (y, m, d) = super::civil_from_days(days_from_civil(y, m, d) + 1);
            Period::Day(Some(y), m, d)
        }
        Period::Month(Some(y), 12) => Period::Month(Some(y + 1), 1),
        Period::Month(Some(y), m) => Period::Month(Some(y), m + 1),
        Period::Year(y) => Period::Year(y + 1),
        Period::Decade(y) => Period::Decade(y + 10),
        Period::Century(y) => Period::Century(y + 100),
        _ => return None,
    };
    q.is_valid().then_some(q)
}

/// Parses an EDTF-like value as DESIGN.md writes them; `None` for anything else.
pub(crate) fn parse(s: &str) -> Option<TimeValue> {
    if let Some(rest) = s.strip_prefix("../") {
        return open_until(Period::parse(rest)?);
    }
    if let Some(rest) = s.strip_suffix("/..") {
        return open_from(Period::parse(rest)?);
    }
    if let Some((a, b)) = s.split_once('/') {
        return range(Period::parse(a)?, Period::parse(b)?);
    }
    if let Some(rest) = s.strip_suffix('~') {
        let mut v = Period::parse(rest)?.value();
        v.approximate = true;
        v.edtf.push('~');
        return Some(v);
    }
    Some(Period::parse(s)?.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Period::edtf` as it was written with `format!`, for the test below.
    fn edtf_by_format(p: Period) -> String {
        let year = |y: i64| if y < 0 { format!("-{:04}", -y) } else { format!("{y:04}") };
        let maybe = |y: Option<i64>| y.map_or_else(|| "XXXX".to_string(), year);
        match p {
            Period::Day(y, m, d) => format!("{}-{m:02}-{d:02}", maybe(y)),
            Period::Month(y, m) => format!("{}-{m:02}", maybe(y)),
            Period::Season(y, s) => format!("{}-{}", year(y), s.code()),
            Period::Year(y) => year(y),
            other => other.edtf(),
        }
    }

    proptest::proptest! {
        /// The EDTF written by hand is what `format!` wrote, for any year (but the one
        /// whose negation overflows), month and day numbers, in range or not.
        #[test]
        fn edtf_by_hand_is_edtf_by_format(
            y in proptest::prop_oneof![-20_000i64..20_000, (i64::MIN + 1)..=i64::MAX],
            known in proptest::bool::ANY,
            m in 0u8..=255,
            d in 0u8..=255,
            season in 0usize..4,
        ) {
            let s = [Season::Spring, Season::Summer, Season::Autumn, Season::Winter][season];
            let year = known.then_some(y);
            for p in [Period::Day(year, m, d), Period::Month(year, m), Period::Season(y, s), Period::Year(y)] {
                proptest::prop_assert_eq!(p.edtf(), edtf_by_format(p));
            }
        }
    }
}
