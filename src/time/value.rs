//! `TimeValue`: an interval of days with granularity, flags and calendar, and its EDTF form.

use serde::{Serialize, Serializer};
use std::fmt;

/// A day as Rata Die in the proleptic Gregorian calendar (0001-01-01 is day 1).
pub type Day = i64;

/// How precise a time is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Granularity {
    Day,
    Month,
    Season,
    Year,
    Decade,
    Century,
}

/// The calendar a date was written in. Values are always stored as Gregorian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Calendar {
    #[default]
    Gregorian,
    /// Julian, Old Style.
    Julian,
    Unknown,
    /// A lunar month or day of the Chinese or Japanese calendar, dated by the year of an
    /// era ("the 25th day of the 12th moon of the 3rd year of Hsuan Tung"). A date's
    /// calendar only: a source's (`chronolint.toml`) is never lunisolar.
    Lunisolar,
}

/// The part of a period an expression names ("late 1925", "the early 1890s", "mid-1904").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum PartOf {
    Start,
    Mid,
    End,
}

/// A normalized time: the days it may denote, how precisely, and how it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeValue {
    /// First day it may denote; `None` when open or unknown at the start.
    pub earliest: Option<Day>,
    /// Last day it may denote; `None` when open or unknown at the end.
    pub latest: Option<Day>,
    /// How precise the expression is.
    pub granularity: Granularity,
    /// "c. 1900", "around 1900".
    pub approximate: bool,
    /// The part of the period named, if any.
    pub part: Option<PartOf>,
    /// The calendar the date was written in.
    pub calendar: Calendar,
    /// The EDTF-like rendering (`1895-04-17`, `189X`, `1894/1895`, `XXXX-02-06`, `1898/..`).
    pub edtf: String,
}

impl TimeValue {
    /// A whole calendar year.
    pub fn year(y: i64) -> TimeValue {
        TimeValue {
            earliest: Some(days_from_civil(y, 1, 1)),
            latest: Some(days_from_civil(y, 12, 31)),
            granularity: Granularity::Year,
            approximate: false,
            part: None,
            calendar: Calendar::Gregorian,
            edtf: format_year(y),
        }
    }

    /// A whole month.
    pub fn month(y: i64, m: u8) -> TimeValue {
        let last = days_in_month(y, m);
        TimeValue {
            earliest: Some(days_from_civil(y, m, 1)),
            latest: Some(days_from_civil(y, m, last)),
            granularity: Granularity::Month,
            approximate: false,
            part: None,
            calendar: Calendar::Gregorian,
            edtf: format!("{}-{m:02}", format_year(y)),
        }
    }

    /// One Gregorian day.
    pub fn day(y: i64, m: u8, d: u8) -> TimeValue {
        let day = days_from_civil(y, m, d);
        TimeValue {
            earliest: Some(day),
            latest: Some(day),
            granularity: Granularity::Day,
            approximate: false,
            part: None,
            calendar: Calendar::Gregorian,
            edtf: format!("{}-{m:02}-{d:02}", format_year(y)),
        }
    }

    /// Parses an EDTF-like value as DESIGN.md writes them (`1895-04-17`, `1900-SU`, `189X`,
    /// `18XX`, `XXXX-02-06`, `-0479`, `1894/1895`, `1898/..`, `../1901`, `1900~`); `None` for
    /// anything else. The part (`mod`) and the calendar are not part of the string.
    pub fn parse_edtf(s: &str) -> Option<TimeValue> {
        super::edtf::parse(s)
    }

    /// Two ends written ("1899–1901", "1904-05", "8-9 February 1904"). A decade ("the
    /// 1890s") is one period, not a range; an open end ("since 1898") is not one either.
    pub fn is_range(&self) -> bool {
        self.edtf.contains('/') && !self.edtf.contains("..")
    }

    /// Whether both ends are known, so the value can be compared with others.
    pub fn is_bounded(&self) -> bool {
        self.earliest.is_some() && self.latest.is_some()
    }

    /// Whether the two values may denote a common day. Unknown ends overlap anything.
    pub fn overlaps(&self, other: &TimeValue) -> bool {
        let lo = |v: Option<Day>| v.unwrap_or(Day::MIN);
        let hi = |v: Option<Day>| v.unwrap_or(Day::MAX);
        lo(self.earliest) <= hi(other.latest) && lo(other.earliest) <= hi(self.latest)
    }

    /// Whether the two may be one day read from the lunisolar calendar and the same day
    /// read otherwise: a lunar day is reckoned here by modern astronomy, and where a new
    /// moon fell near midnight the almanac's month began a day from the reckoned one
    /// (`lunisolar`), so a lunar day one day from another day is no contradiction.
    pub fn within_lunar_slack(&self, other: &TimeValue) -> bool {
        let lunar = |v: &TimeValue| v.calendar == Calendar::Lunisolar && v.granularity == Granularity::Day;
        (lunar(self) || lunar(other)) && self.is_bounded() && other.is_bounded() && self.gap_days(other) <= 1
    }

    /// Days between the two intervals (0 when they overlap or an end is unknown).
    pub fn gap_days(&self, other: &TimeValue) -> i64 {
        match (self.earliest, self.latest, other.earliest, other.latest) {
            (Some(a0), Some(a1), Some(b0), Some(b1)) => {
                if a1 < b0 {
                    b0 - a1
                } else if b1 < a0 {
                    a0 - b1
                } else {
                    0
                }
            }
            _ => 0,
        }
    }

    /// The year of the earliest day, if known.
    pub fn start_year(&self) -> Option<i64> {
        self.earliest.map(year_of_day)
    }

    /// The year of the latest day, if known.
    pub fn end_year(&self) -> Option<i64> {
        self.latest.map(year_of_day)
    }

    /// The same days and months `years` years later (earlier, when negative): a day or a
    /// month whose year was not written, read in another year. `None` for a coarser or
    /// unbounded value, or a 29 February that the other year lacks. A month keeps its last
    /// day (a February ends on the 28th or the 29th).
    pub fn moved_by_years(&self, years: i64) -> Option<TimeValue> {
        if !matches!(self.granularity, Granularity::Day | Granularity::Month) {
            return None;
        }
        let mv = |day: Day| -> Option<Day> {
            let (y, m, d) = civil_from_days(day);
            let to = y.checked_add(years)?;
            let month_end = self.granularity == Granularity::Month && d == days_in_month(y, m);
            let d = if month_end { days_in_month(to, m) } else { d };
            (d <= days_in_month(to, m)).then(|| days_from_civil(to, m, d))
        };
        let (earliest, latest) = (mv(self.earliest?)?, mv(self.latest?)?);
        // Each end of the EDTF form starts with its own year ("1904-12-30/1905-01-02").
        let mut edtf = Vec::new();
        for part in self.edtf.split('/') {
            let digits = part.strip_prefix('-').unwrap_or(part);
            let len = digits.bytes().take_while(u8::is_ascii_digit).count();
            let year: i64 = digits.get(..len)?.parse().ok()?;
            let year = if part.starts_with('-') { -year } else { year };
            edtf.push(format!("{}{}", format_year(year.checked_add(years)?), digits.get(len..)?));
        }
        Some(TimeValue {
            earliest: Some(earliest),
            latest: Some(latest),
            edtf: edtf.join("/"),
            ..self.clone()
        })
    }
}

/// Human form for messages: "1894", "April 1895", "23 April 1895", "1894–1895".
impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let approx = if self.approximate { "c. " } else { "" };
        // An approximate period is shown as written, not as the span it allows: "some 150
        // years ago" is c. 1865, though it admits 1850 to 1880.
        if self.approximate && !self.edtf.contains('/') {
            if let Some(h) = human_edtf(self.edtf.trim_end_matches('~')) {
                return write!(f, "{approx}{h}");
            }
        }
        match (self.earliest, self.latest, self.granularity) {
            (Some(a), Some(b), Granularity::Day) if a == b => {
                let (y, m, d) = civil_from_days(a);
                write!(f, "{approx}{d} {} {}", MONTH_NAMES[usize::from(m - 1)], human_year(y))
            }
            (Some(a), Some(b), Granularity::Month) if civil_from_days(a).1 == civil_from_days(b).1 => {
                let (y, m, _) = civil_from_days(a);
                write!(f, "{approx}{} {}", MONTH_NAMES[usize::from(m - 1)], human_year(y))
            }
            (Some(a), Some(b), Granularity::Year) => {
                let (ya, yb) = (year_of_day(a), year_of_day(b));
                if ya == yb {
                    write!(f, "{approx}{}", human_year(ya))
                } else {
                    write!(f, "{approx}{}–{}", human_year(ya), human_year(yb))
                }
            }
            _ => match human_edtf(&self.edtf) {
                Some(h) => write!(f, "{approx}{h}"),
                None => write!(f, "{approx}{}", self.edtf),
            },
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One end of an EDTF value as written: a year (`None` for `XXXX`), maybe a month and a
/// day.
#[derive(Clone, Copy, PartialEq)]
struct Written {
    year: Option<i64>,
    month: Option<u8>,
    day: Option<u8>,
}

impl Written {
    /// `1904`, `-0479`, `1904-02`, `XXXX-02-08`; `None` for anything else (a season, a
    /// decade, an open end).
    fn parse(s: &str) -> Option<Written> {
        let (sign, rest) = match s.strip_prefix('-') {
            Some(r) => (-1, r),
            None => (1, s),
        };
        let mut parts = rest.split('-');
        let y = parts.next()?;
        let year = match y {
            "XXXX" if sign == 1 => None,
            _ if y.len() >= 4 && y.bytes().all(|b| b.is_ascii_digit()) => Some(sign * y.parse::<i64>().ok()?),
            _ => return None,
        };
        let two = |p: Option<&str>| -> Option<Option<u8>> {
            match p {
                None => Some(None),
                Some(t) if t.len() == 2 => t.parse::<u8>().ok().map(Some),
                Some(_) => None,
            }
        };
        let month = two(parts.next())?;
        let day = two(parts.next())?;
        if parts.next().is_some() || month.is_some_and(|m| !(1..=12).contains(&m)) || day == Some(0) {
            return None;
        }
        if day.is_some() && month.is_none() {
            return None;
        }
        Some(Written { year, month, day })
    }

    fn month_name(self) -> Option<&'static str> {
        MONTH_NAMES.get(usize::from(self.month?.checked_sub(1)?)).copied()
    }

    /// "8 February 1904", "February 1904", "1904", "8 February (year not given)".
    fn human(self, with_year: bool) -> String {
        let mut out = String::new();
        if let Some(d) = self.day {
            out.push_str(&format!("{d} "));
        }
        if let Some(m) = self.month_name() {
            out.push_str(m);
        }
        if with_year {
            match self.year {
                Some(y) if out.is_empty() => out = human_year(y),
                Some(y) => out.push_str(&format!(" {}", human_year(y))),
                None => out.push_str(" (year not given)"),
            }
        }
        out
    }
}

/// A day or month of no year given as EDTF (`XXXX-02-08`, `XXXX-02`) in words, without
/// the year ("8 February"): the day a page is about. `None` for any other form.
pub fn yearless_in_words(edtf: &str) -> Option<String> {
    Written::parse(edtf).filter(|w| w.year.is_none() && w.month.is_some()).map(|w| w.human(false))
}

/// The EDTF forms `Display` has no arm for, in words: ranges ("14–15 June 1904",
/// "30 June – 2 July 1904", "August 1904 – 2 January 1905"), open ends ("until 1904",
/// "from 1898"), seasons ("spring 1900"), decades ("the 1890s") and centuries ("the
/// 1800s"), a day or month with no year ("8 February (year not given)"). `None` for a
/// form it does not know, which is then shown as written.
fn human_edtf(edtf: &str) -> Option<String> {
    if let Some((a, b)) = edtf.split_once('/') {
        return match (a, b) {
            ("..", b) => Some(format!("until {}", human_edtf(b)?)),
            (a, "..") => Some(format!("from {}", human_edtf(a)?)),
            (a, b) => {
                let (x, y) = (Written::parse(a)?, Written::parse(b)?);
                let same_year = x.year == y.year;
                Some(match (x.day, y.day) {
                    (Some(d1), Some(_)) if same_year && x.month == y.month => {
                        format!("{d1}–{}", y.human(true))
                    }
                    (Some(_), Some(_)) if same_year => format!("{} – {}", x.human(false), y.human(true)),
                    _ if x.month.is_none() && y.month.is_none() => {
                        format!("{}–{}", x.human(true), y.human(true))
                    }
                    _ if same_year && x.year.is_some() => format!("{}–{}", x.human(false), y.human(true)),
                    _ => format!("{} – {}", x.human(true), y.human(true)),
                })
            }
        };
    }
    if let Some(w) = Written::parse(edtf) {
        return Some(w.human(true));
    }
    let (year, season) = edtf.split_once('-').unwrap_or((edtf, ""));
    let name = match season {
        "SP" => "spring",
        "SU" => "summer",
        "FA" => "autumn",
        "WI" => "winter",
        "" => {
            // "189X", "18XX": a decade or a century.
            let digits = year.trim_end_matches('X');
            let xs = year.len() - digits.len();
            if year.len() != 4 || !(1..=2).contains(&xs) || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            return Some(format!("the {digits}{}s", "0".repeat(xs)));
        }
        _ => return None,
    };
    let y = Written::parse(year)?.year?;
    Some(format!("{name} {}", human_year(y)))
}

impl Serialize for TimeValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.edtf)
    }
}

fn human_year(y: i64) -> String {
    if y <= 0 {
        format!("{} BC", 1 - y)
    } else {
        y.to_string()
    }
}

/// EDTF year: four digits, astronomical numbering (1 BC is `0000`, 480 BC is `-0479`).
pub fn format_year(y: i64) -> String {
    let mut out = String::with_capacity(5);
    push_year(&mut out, y);
    out
}

/// `format_year(y)` appended to `out`. Every value the tagger makes carries its EDTF, so
/// years are written by the tens of thousands per run: by hand, not through `format!`,
/// which took about a thousand instructions for each.
pub(crate) fn push_year(out: &mut String, y: i64) {
    if y < 0 {
        out.push('-');
    }
    push_padded(out, y.unsigned_abs(), 4);
}

/// The decimal digits of `n` appended to `out`, zeros before them to make at least
/// `width`: what `format!("{n:0width$}")` writes.
pub(crate) fn push_padded(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut len = 0;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    out.extend(std::iter::repeat_n('0', width.saturating_sub(len)));
    out.extend(digits.iter().skip(digits.len() - len).map(|&d| char::from(d)));
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Whether `p` is `len` ASCII digits: `parse` alone would take "+190" for a year, and
/// "2" for a month written "02".
fn digits(p: &str, len: usize) -> bool {
    p.len() == len && p.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, Gregorian, years 1–9999: the dates of rule files,
/// of `published` in chronolint.toml and of `dates --anchor`, read by this one function so
/// that all three accept the same forms.
pub fn parse_date(s: &str) -> Option<TimeValue> {
    let mut parts = s.split('-');
    let y = parts.next().filter(|p| digits(p, 4))?.parse::<i64>().ok().filter(|y| *y >= 1)?;
    let m = match parts.next() {
        None => return Some(TimeValue::year(y)),
        Some(p) if digits(p, 2) => p.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?,
        Some(_) => return None,
    };
    let d = match parts.next() {
        None => return Some(TimeValue::month(y, m)),
        Some(p) if digits(p, 2) => p.parse::<u8>().ok().filter(|d| *d >= 1 && *d <= days_in_month(y, m))?,
        Some(_) => return None,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(TimeValue::day(y, m, d))
}

/// `MM-DD` (a `day-anchor` in chronolint.toml): a day of the year that a leap year has,
/// 02-29 too.
pub fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-').filter(|(m, d)| digits(m, 2) && digits(d, 2))?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(2000, m)).then_some((m, d))
}

/// Days in a Gregorian month (0 for a month out of range).
pub fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Rata Die of a proleptic Gregorian date. Callers pass a valid month and day.
pub fn days_from_civil(y: i64, m: u8, d: u8) -> Day {
    let rd =
        calendrical_calculations::iso::fixed_from_iso(y.clamp(i32::MIN as i64, i32::MAX as i64) as i32, m, d);
    rd.to_i64_date()
}

/// The proleptic Gregorian year of a Rata Die: `civil_from_days(day).0`, without working
/// out the month and day (the checks ask for years far more often than for days). A year
/// beyond `i32` is clamped to its bound.
pub fn year_of_day(day: Day) -> i64 {
    let rd = calendrical_calculations::rata_die::RataDie::new(day);
    match calendrical_calculations::iso::iso_year_from_fixed(rd) {
        Ok(y) => i64::from(y),
        Err(_) => {
            if day < 0 {
                i64::from(i32::MIN)
            } else {
                i64::from(i32::MAX)
            }
        }
    }
}

/// The proleptic Gregorian (year, month, day) of a Rata Die.
pub fn civil_from_days(day: Day) -> (i64, u8, u8) {
    let rd = calendrical_calculations::rata_die::RataDie::new(day);
    match calendrical_calculations::iso::iso_from_fixed(rd) {
        Ok((y, m, d)) => (i64::from(y), m, d),
        // Only the year can be out of range, and `year_of_day` says where it is clamped.
        Err(_) => (year_of_day(day), 1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_date_accepts_three_precisions_and_rejects_the_rest() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1703", Some("1703")),
            ("1914-08", Some("1914-08")),
            ("1914-08-31", Some("1914-08-31")),
            ("1914-02-30", None),
            ("1914-13", None),
            ("191", None),
            ("0000", None),
            ("1914-8-31", None),
            ("1914-08-31-1", None),
            ("abcd", None),
            ("+190", None),
            ("1905-+3", None),
            ("1905-03-+1", None),
            ("99999999999", None),
            ("0001-01-01", Some("0001-01-01")),
            ("9999-12-31", Some("9999-12-31")),
            (" 1905", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text).map(|v| v.edtf), want.map(str::to_string), "{text}");
        }
    }

    #[test]
    fn a_day_anchor_is_two_digits_a_dash_and_two_digits_of_a_real_day() {
        let cases: &[(&str, Option<(u8, u8)>)] = &[
            ("02-06", Some((2, 6))),
            ("02-29", Some((2, 29))),
            ("12-31", Some((12, 31))),
            ("02-30", None),
            ("13-01", None),
            ("00-10", None),
            ("2-6", None),
            ("+2-+6", None),
            ("02-06-1904", None),
            ("0206", None),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_month_day(text), want, "{text}");
        }
    }

    /// The year alone is the year of the whole conversion: on every first and last day
    /// of a year from 4000 BC to AD 4000, and on days between.
    #[test]
    fn the_year_of_a_day_is_that_of_its_date() {
        for y in -4000..4000 {
            for day in [days_from_civil(y, 1, 1), days_from_civil(y, 12, 31), days_from_civil(y, 7, 1)] {
                for d in [day - 1, day, day + 1] {
                    assert_eq!(year_of_day(d), civil_from_days(d).0, "day {d}");
                }
            }
        }
    }

    /// A lunar day may be one day from the day another source gives, no more; a Gregorian
    /// day may not, nor a lunar month.
    #[test]
    fn a_lunar_day_is_allowed_one_day_either_side() {
        let lunar = |d: u8| TimeValue { calendar: Calendar::Lunisolar, ..TimeValue::day(1901, 9, d) };
        let reference = TimeValue::day(1901, 9, 7);
        assert!(lunar(6).within_lunar_slack(&reference) && reference.within_lunar_slack(&lunar(8)));
        assert!(!lunar(5).within_lunar_slack(&reference));
        assert!(!TimeValue::day(1901, 9, 6).within_lunar_slack(&reference));
        let month = TimeValue { calendar: Calendar::Lunisolar, ..TimeValue::month(1901, 8) };
        assert!(!month.within_lunar_slack(&reference));
    }

    /// A century holds both ways of counting it: 1800–1899 as said, 1801–1900 strictly.
    #[test]
    fn a_century_runs_from_its_hundreds_year_to_the_next() {
        let c = crate::time::edtf::parse("18XX").expect("parses");
        assert_eq!(
            (c.earliest, c.latest),
            (Some(days_from_civil(1800, 1, 1)), Some(days_from_civil(1900, 12, 31)))
        );
        assert!(c.overlaps(&TimeValue::day(1900, 8, 14)));
        assert!(!c.overlaps(&TimeValue::day(1901, 1, 1)));
    }

    /// A day or month read in another year keeps its day and month, its interval and its
    /// EDTF form agree, and a day the other year lacks is no value.
    #[test]
    fn values_move_by_whole_years() {
        let cases = [
            ("1904-01-02", 1, Some("1905-01-02")),
            ("1905-05-26", -1, Some("1904-05-26")),
            ("1904-02", 1, Some("1905-02")),
            ("1904-12-30/1905-01-02", 1, Some("1905-12-30/1906-01-02")),
            ("1904-02-29", 1, None),
            ("1904-02-29", 4, Some("1908-02-29")),
            ("1904", 1, None),
            ("1904-FA", 1, None),
            ("1898/..", 1, None),
        ];
        for (edtf, years, want) in cases {
            let v = crate::time::edtf::parse(edtf).unwrap_or_else(|| panic!("{edtf} parses"));
            let moved = v.moved_by_years(years);
            assert_eq!(moved.as_ref().map(|m| m.edtf.as_str()), want, "{edtf} by {years}");
            if let (Some(m), Some(w)) = (moved, want) {
                // The interval is the one the moved EDTF form parses to.
                let parsed = crate::time::edtf::parse(w).unwrap_or_else(|| panic!("{w} parses"));
                assert_eq!(
                    (m.earliest, m.latest, m.granularity),
                    (parsed.earliest, parsed.latest, parsed.granularity),
                    "{w}"
                );
            }
        }
        // The last day of February stays the last day of February.
        let feb = crate::time::edtf::parse("1903-02").expect("parses").moved_by_years(1).expect("moves");
        assert_eq!(feb.latest, Some(days_from_civil(1904, 2, 29)));
    }

    /// Each EDTF form reads in words, as an editor would write it.
    #[test]
    fn values_read_in_words() {
        let cases = [
            ("1904-02-08", "8 February 1904"),
            ("1904-02", "February 1904"),
            ("1904", "1904"),
            ("1904-02-08/1904-02-09", "8–9 February 1904"),
            ("1904-06-30/1904-07-02", "30 June – 2 July 1904"),
            ("1904-12-20/1905-01-02", "20 December 1904 – 2 January 1905"),
            ("1904-08/1905-01-02", "August 1904 – 2 January 1905"),
            ("1904-08/1904-09", "August–September 1904"),
            ("1894/1895", "1894–1895"),
            ("XXXX-02-08/XXXX-02-09", "8–9 February (year not given)"),
            ("XXXX-02-06", "6 February (year not given)"),
            ("1900-SP", "spring 1900"),
            ("1904-FA", "autumn 1904"),
            ("189X", "the 1890s"),
            ("18XX", "the 1800s"),
            ("../1904", "until 1904"),
            ("1898/..", "from 1898"),
            ("-0479", "480 BC"),
        ];
        for (edtf, words) in cases {
            // Values with no year are made by the tagger only; the rest parse back.
            let shown = match crate::time::edtf::parse(edtf) {
                Some(v) => v.to_string(),
                None if edtf.starts_with("XXXX") => human_edtf(edtf).unwrap_or_default(),
                None => panic!("{edtf} parses"),
            };
            assert_eq!(shown, words, "{edtf}");
        }
    }

    /// An approximate value is shown as written, whatever span it allows.
    #[test]
    fn approximate_values_show_as_written() {
        let mut v = TimeValue::year(1865);
        v.earliest = TimeValue::year(1850).earliest;
        v.latest = TimeValue::year(1880).latest;
        v.approximate = true;
        v.edtf.push('~');
        assert_eq!(v.to_string(), "c. 1865");
        let mut m = TimeValue::month(1592, 5);
        m.approximate = true;
        m.edtf.push('~');
        assert_eq!(m.to_string(), "c. May 1592");
    }

    /// What is not an EDTF form it knows is shown as written, never half read.
    #[test]
    fn unknown_forms_are_shown_as_written() {
        for odd in ["1904-13", "1904-02-00", "19X4", "1904-XX", "abc", "1904/abc", "1904-SX"] {
            assert_eq!(human_edtf(odd), None, "{odd}");
        }
    }
}
