//! Julian (Old Style) <-> proleptic Gregorian conversion, by way of Rata Die, using the
//! `calendrical_calculations` crate. Years are astronomical (1 BC is year 0) on both sides.

use super::{civil_from_days, days_in_month, Day};

/// Days in a Julian month (0 for a month out of range).
pub fn julian_days_in_month(y: i64, m: u8) -> u8 {
    match m {
        2 if y.rem_euclid(4) == 0 => 29,
        2 => 28,
        _ => days_in_month(2001, m),
    }
}

/// Rata Die of a Julian date, or `None` for an invalid date or a year out of range.
pub fn days_from_julian(y: i64, m: u8, d: u8) -> Option<Day> {
    let year = i32::try_from(y).ok()?;
    if !(1..=12).contains(&m) || d == 0 || d > julian_days_in_month(y, m) {
        return None;
    }
    Some(calendrical_calculations::julian::fixed_from_julian(year, m, d).to_i64_date())
}

/// The Julian (year, month, day) of a Rata Die, or `None` out of range.
pub fn julian_from_days(day: Day) -> Option<(i64, u8, u8)> {
    let rd = calendrical_calculations::rata_die::RataDie::new(day);
    let (y, m, d) = calendrical_calculations::julian::julian_from_fixed(rd).ok()?;
    Some((i64::from(y), m, d))
}

/// The Gregorian date of a Julian (Old Style) date: `julian_to_gregorian(1904, 12, 20)` is
/// `Some((1905, 1, 2))`. `None` for an invalid date.
pub fn julian_to_gregorian(y: i64, m: u8, d: u8) -> Option<(i64, u8, u8)> {
    days_from_julian(y, m, d).map(civil_from_days)
}

/// The Julian date of a Gregorian date; `None` for an invalid date.
pub fn gregorian_to_julian(y: i64, m: u8, d: u8) -> Option<(i64, u8, u8)> {
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) || i32::try_from(y).is_err() {
        return None;
    }
    julian_from_days(super::days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_style_dates_convert_to_new_style() {
        let cases = [
            ((1904, 12, 20), (1905, 1, 2)),  // 13 days in the 20th century
            ((1905, 1, 9), (1905, 1, 22)),   // Bloody Sunday
            ((1917, 10, 25), (1917, 11, 7)), // the October Revolution
            ((1582, 10, 5), (1582, 10, 15)), // the Gregorian reform
            ((1700, 2, 29), (1700, 3, 11)),  // a Julian-only leap day
            ((1800, 3, 1), (1800, 3, 13)),   // 12 days in the 19th century
        ];
        for (julian, gregorian) in cases {
            assert_eq!(julian_to_gregorian(julian.0, julian.1, julian.2), Some(gregorian), "{julian:?}");
            assert_eq!(
                gregorian_to_julian(gregorian.0, gregorian.1, gregorian.2),
                Some(julian),
                "{gregorian:?}"
            );
        }
    }

    #[test]
    fn invalid_julian_dates_are_refused() {
        assert_eq!(julian_to_gregorian(1905, 2, 29), None);
        assert_eq!(julian_to_gregorian(1905, 13, 1), None);
        assert_eq!(julian_to_gregorian(i64::MAX, 1, 1), None);
    }
}
