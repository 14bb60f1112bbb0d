//! The Japanese lunisolar calendar of 1844–1872 (the Tenpō calendar) and the Chinese one
//! of the Qing court, month by month.
//!
//! Until the end of 1872 Japan dated by lunar months: a month began on the day of the new
//! moon and the year on the new moon nearest the start of spring, with a leap month added
//! seven times in nineteen years. English histories of the time often turn "the 7th
//! month" into "July", a month or more before the Gregorian date (`calendar-offset`
//! says so).
//!
//! The Tenpō calendar, in force from the first day of 1844 to Japan's switch to the
//! Gregorian calendar (the 3rd day of the 12th month of Meiji 5 was 1 January 1873),
//! placed new moons and solar terms by the true sun and moon at the meridian of Kyoto, as
//! the Chinese calendar of the time did at that of Beijing. So the months here are those
//! of the Chinese rules (`calendrical_calculations::chinese_based`) at Kyoto's longitude.
//! The astronomy of the 1840s could put a new moon close to midnight on the other day, so
//! a day read from here may be one day off the calendar's; callers allow for that.

use super::{days_from_civil, Day};
use calendrical_calculations::chinese_based::{self, ChineseBased, YearBounds};
use calendrical_calculations::rata_die::RataDie;

/// The Chinese rules at the meridian of Kyoto (135° 46′ E).
struct Kyoto;

impl ChineseBased for Kyoto {
    fn utc_offset(_: RataDie) -> f64 {
        (135.0 + 46.0 / 60.0) / 360.0
    }
    // Only used to number years, which this module does not do.
    const EPOCH: RataDie = chinese_based::Chinese::EPOCH;
    const DEBUG_NAME: &'static str = "japanese (Tenpō)";
}

/// The first day the Tenpō calendar dated: New Year of 1844 (18 February 1844).
pub fn tenpo_first() -> Day {
    days_from_civil(1844, 2, 18)
}

/// The last day Japan dated by lunar months: 31 December 1872.
pub fn tenpo_last() -> Day {
    days_from_civil(1872, 12, 31)
}

/// One lunar month: whether it is a leap month (a second month of its number), and its
/// first and last Gregorian days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarMonth {
    pub leap: bool,
    pub first: Day,
    pub last: Day,
}

impl LunarMonth {
    /// Its `day`th day (1-based), if the month has one.
    pub fn day(&self, day: u8) -> Option<Day> {
        let d = self.first + i64::from(day) - 1;
        (day >= 1 && d <= self.last).then_some(d)
    }
}

/// The shape of one lunar year: its first Gregorian day, the first day of the next,
/// which of its (up to 13) months have 30 days, and the place of its leap month, if any.
#[derive(Debug, Clone, Copy)]
struct LunarYear {
    new_year: Day,
    next_new_year: Day,
    long: [bool; 13],
    leap: Option<u8>,
}

impl LunarYear {
    /// The year that began in January or February of Gregorian `year`, by the rules of `C`.
    fn compute<C: ChineseBased>(year: i64) -> LunarYear {
        // The lunar year holding midsummer began in January or February of `year`.
        let bounds = YearBounds::compute::<C>(RataDie::new(days_from_civil(year, 7, 1)));
        let (long, leap) =
            chinese_based::month_structure_for_year::<C>(bounds.new_year, bounds.next_new_year);
        LunarYear {
            new_year: bounds.new_year.to_i64_date(),
            next_new_year: bounds.next_new_year.to_i64_date(),
            long,
            leap,
        }
    }

    /// Its months numbered `month` (1–12): the month itself and, where the year repeats
    /// it, its leap month after it.
    fn months(&self, month: u8) -> Vec<LunarMonth> {
        let mut out = Vec::new();
        if !(1..=12).contains(&month) {
            return out;
        }
        // Months in order: the leap month, if any, is at (1-based) place `leap` and
        // repeats the month before it.
        let mut first = self.new_year;
        let mut number = 0u8;
        for (place, is_long) in (1u8..=13).zip(self.long) {
            let is_leap = self.leap == Some(place);
            if place == 13 && self.leap.is_none() {
                break;
            }
            if !is_leap {
                number += 1;
            }
            let next = first + if is_long { 30 } else { 29 };
            if number == month {
                out.push(LunarMonth { leap: is_leap, first, last: next - 1 });
            }
            first = next;
        }
        out
    }
}

/// Years of the Tenpō calendar, 1844–1872, and how many.
const TENPO_YEARS: std::ops::RangeInclusive<i64> = 1844..=1872;
const TENPO_YEAR_COUNT: usize = (*TENPO_YEARS.end() - *TENPO_YEARS.start() + 1) as usize;

/// Years of the Qing court's calendar this module reckons: from the first year of
/// Daoguang (1821) to 1924, when the court, which kept counting the years of Xuantong
/// inside the Forbidden City after the abdication, was expelled from it.
const QING_YEARS: std::ops::RangeInclusive<i64> = 1821..=1924;
const QING_YEAR_COUNT: usize = (*QING_YEARS.end() - *QING_YEARS.start() + 1) as usize;

/// The lunar year that began in Gregorian `year`, from `slots` (one per year from
/// `first`), worked out by the rules of `C` once per run: the astronomy (true new moons
/// and solar terms) costs tens of microseconds a year, and a corpus with hundreds of
/// lunar dates asked for the same few years again and again. `None` outside the slots.
fn cached<C: ChineseBased>(
    slots: &'static [std::sync::OnceLock<LunarYear>],
    first: i64,
    year: i64,
) -> Option<&'static LunarYear> {
    // Before `first` the index is negative, after the last year past the table's end.
    let slot = slots.get(usize::try_from(year.checked_sub(first)?).ok()?)?;
    Some(slot.get_or_init(|| LunarYear::compute::<C>(year)))
}

/// The Japanese lunar year that began in Gregorian `year`; `None` outside 1844–1872.
fn lunar_year(year: i64) -> Option<&'static LunarYear> {
    static YEARS: [std::sync::OnceLock<LunarYear>; TENPO_YEAR_COUNT] =
        [const { std::sync::OnceLock::new() }; TENPO_YEAR_COUNT];
    cached::<Kyoto>(&YEARS, *TENPO_YEARS.start(), year)
}

/// The Chinese lunar year that began in Gregorian `year`, by the Chinese rules at the
/// meridian of Beijing; `None` outside 1821–1924.
fn chinese_year(year: i64) -> Option<&'static LunarYear> {
    static YEARS: [std::sync::OnceLock<LunarYear>; QING_YEAR_COUNT] =
        [const { std::sync::OnceLock::new() }; QING_YEAR_COUNT];
    cached::<chinese_based::Chinese>(&YEARS, *QING_YEARS.start(), year)
}

/// The lunar months numbered `month` (1–12) of the Japanese year that began in Gregorian
/// `year`: the month itself and, in a year that repeats it, its leap month after it.
/// Empty outside 1844–1872 (the Tenpō calendar) or for a month out of range. The 12th
/// month of 1872 ends on 31 December, the day before the switch.
pub fn japanese_months(year: i64, month: u8) -> Vec<LunarMonth> {
    let Some(y) = lunar_year(year) else { return Vec::new() };
    let mut out = y.months(month);
    for m in &mut out {
        m.last = m.last.min(tenpo_last());
    }
    out.retain(|m| m.first <= tenpo_last() && m.first >= tenpo_first());
    out
}

/// The first and last Gregorian days of the Japanese lunar year that began in Gregorian
/// `year` (1844–1872; the last ends on 31 December 1872, the day before the switch).
pub fn japanese_year(year: i64) -> Option<(Day, Day)> {
    let y = lunar_year(year)?;
    Some((y.new_year.max(tenpo_first()), (y.next_new_year - 1).min(tenpo_last())))
}

/// The lunar months numbered `month` (1–12) of the Chinese year that began in Gregorian
/// `year` (1821–1924), as `japanese_months` gives the Japanese ones.
///
/// The Qing calendar placed new moons by the astronomy of its day; where a new moon fell
/// close to midnight at Beijing its month may have begun a day from the day reckoned
/// here, so a day read from here may be one day off the almanac's.
pub fn chinese_months(year: i64, month: u8) -> Vec<LunarMonth> {
    chinese_year(year).map(|y| y.months(month)).unwrap_or_default()
}

/// The first and last Gregorian days of the Chinese lunar year that began in Gregorian
/// `year` (1821–1924).
pub fn chinese_year_days(year: i64) -> Option<(Day, Day)> {
    chinese_year(year).map(|y| (y.new_year, y.next_new_year - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Gregorian day of day `d` of lunar month `m` (not a leap month) of the year
    /// that began in `y`.
    fn day_of(y: i64, m: u8, d: u8) -> Option<(i64, u8, u8)> {
        let month = japanese_months(y, m).into_iter().find(|x| !x.leap)?;
        month.day(d).map(super::super::civil_from_days)
    }

    /// Dates whose lunar and Gregorian forms every history of the period gives.
    #[test]
    fn known_days_convert() {
        let cases = [
            // Perry's squadron at Uraga: Kaei 6, 6th month, 3rd day.
            ((1853, 6, 3), (1853, 7, 8)),
            // The Convention of Kanagawa: Kaei 7, 3rd month, 3rd day.
            ((1854, 3, 3), (1854, 3, 31)),
            // The Sakuradamon incident: Ansei 7, 3rd month, 3rd day.
            ((1860, 3, 3), (1860, 3, 24)),
            // The Namamugi incident: Bunkyū 2, 8th month, 21st day.
            ((1862, 8, 21), (1862, 9, 14)),
            // The bombardment of Kagoshima began: Bunkyū 3, 7th month, 2nd day.
            ((1863, 7, 2), (1863, 8, 15)),
            // The restoration of imperial rule: Keiō 3, 12th month, 9th day.
            ((1867, 12, 9), (1868, 1, 3)),
            // Chōshū's guns open on the Pembroke at Shimonoseki, the day set for expelling
            // foreigners: Bunkyū 3, 5th month, 10th day.
            ((1863, 5, 10), (1863, 6, 25)),
            // The battle of Toba–Fushimi began: Keiō 4, 1st month, 3rd day.
            ((1868, 1, 3), (1868, 1, 27)),
            // The era name Meiji: Keiō 4, 9th month, 8th day.
            ((1868, 9, 8), (1868, 10, 23)),
            // The switch: Meiji 5, 12th month, 2nd day was the last lunar day.
            ((1872, 12, 2), (1872, 12, 31)),
        ];
        for (lunar, gregorian) in cases {
            assert_eq!(day_of(lunar.0, lunar.1, lunar.2), Some(gregorian), "{lunar:?}");
        }
    }

    /// Days of the Qing calendar (reign year as the Gregorian year it began in, lunar
    /// month, day) whose Gregorian forms the histories give.
    #[test]
    fn known_chinese_days_convert() {
        let day_of = |y: i64, m: u8, d: u8| {
            let month = chinese_months(y, m).into_iter().find(|x| !x.leap)?;
            month.day(d).map(super::super::civil_from_days)
        };
        let cases = [
            // The Treaty of Nanking: Daoguang 22, 7th month, 24th day.
            ((1842, 7, 24), (1842, 8, 29)),
            // The Treaty of Shimonoseki: Guangxu 21, 3rd month, 23rd day.
            ((1895, 3, 23), (1895, 4, 17)),
            // The edict that opened the Hundred Days' Reform: Guangxu 24, 4th month, 23rd day.
            ((1898, 4, 23), (1898, 6, 11)),
            // The Boxer Protocol: Guangxu 27, 7th month, 25th day.
            ((1901, 7, 25), (1901, 9, 7)),
            // The Wuchang uprising: Xuantong 3, 8th month, 19th day.
            ((1911, 8, 19), (1911, 10, 10)),
            // The abdication edict: Xuantong 3, 12th month, 25th day.
            ((1911, 12, 25), (1912, 2, 12)),
            // The restoration of 1917: "Xuantong 9", 5th month, 13th day.
            ((1917, 5, 13), (1917, 7, 1)),
        ];
        for (lunar, gregorian) in cases {
            assert_eq!(day_of(lunar.0, lunar.1, lunar.2), Some(gregorian), "{lunar:?}");
        }
        // A year runs from its new year to the day before the next.
        let (first, last) = chinese_year_days(1911).expect("a Qing year");
        assert_eq!(super::super::civil_from_days(first), (1911, 1, 30));
        assert_eq!(super::super::civil_from_days(last), (1912, 2, 17));
        assert!(chinese_months(1820, 1).is_empty() && chinese_months(1925, 1).is_empty());
        assert!(chinese_year_days(i64::MIN).is_none() && chinese_year_days(i64::MAX).is_none());
    }

    #[test]
    fn the_calendar_ends_with_1872() {
        // Meiji 5's 12th month had two days; 1 January 1873 was Gregorian.
        assert_eq!(day_of(1872, 12, 3), None);
        assert!(japanese_months(1873, 1).is_empty());
        assert!(japanese_months(1843, 7).is_empty());
        assert!(japanese_months(i64::MIN, 7).is_empty() && japanese_months(i64::MAX, 7).is_empty());
        assert!(japanese_months(1863, 13).is_empty());
    }

    #[test]
    fn a_leap_month_follows_the_month_it_repeats() {
        // 1860 (Man'en 1) had a leap 3rd month.
        let months = japanese_months(1860, 3);
        assert_eq!(months.iter().map(|m| m.leap).collect::<Vec<_>>(), [false, true]);
        assert_eq!(months.first().map(|m| m.last + 1), months.get(1).map(|m| m.first));
        // No year repeats every month.
        assert_eq!(japanese_months(1860, 4).len(), 1);
    }
}
