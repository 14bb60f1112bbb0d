//! Years counted in a reign or an era: "the 29th year of Meiji" (1896), "the 25th day of
//! the 5th month of the 4th year of Taisho" (25 May 1915), "the 13th day of the 5th moon
//! of the 9th year of Hsuan Tung" (1 July 1917, a lunar date).
//!
//! Documents of East Asia, and the translations histories quote, date by the year of the
//! reigning era, not by the Gregorian year. Where an era's years were lunar (China under
//! the Qing, Japan until the end of 1872) a month and a day are lunar too, and the value
//! is the Gregorian days they were (`lunisolar`); a year alone is the lunar year, which
//! runs into the next Gregorian one.
//!
//! Only the eras of the corpus's period are known: those a name can be matched to without
//! doubt, each with the Gregorian year its first year began in. A year past an era's end
//! is a slip or a name this table does not mean, and gives no date.

use super::edtf::Period;
use super::lunisolar::{self, LunarMonth};
use super::{civil_from_days, Calendar, Day, Granularity, TimeValue};

/// How an era's months and days were reckoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Months {
    /// Gregorian, as in the Republic of China and in Korea after 1895.
    Gregorian,
    /// Japanese lunar months until the end of 1872 (`lunisolar::japanese_months`), then
    /// Gregorian.
    Japanese,
    /// The Qing court's lunar months (`lunisolar::chinese_months`), after the abdication
    /// too: the court and the restoration of 1917 went on counting the years of Xuantong.
    Chinese,
}

/// One era: the Gregorian year its first year began in, its last year, and how it
/// reckoned months.
#[derive(Debug, Clone, Copy)]
pub(super) struct Era {
    first: i64,
    last_year: i64,
    months: Months,
}

/// Era names folded (`fold`: lowercase ASCII letters only) and what they name. Spellings
/// are those of English texts of the time (Wade–Giles, older Japanese romanisations)
/// and the modern ones. The years: Japanese eras from the era tables of the Japanese
/// government (Kōka 1844 to Shōwa 1926); Qing reigns from the Cambridge History of China,
/// vols. 10–11 (Daoguang 1821, Xianfeng 1851, Tongzhi 1862, Guangxu 1875, Xuantong 1909;
/// Xuantong counted on to 1924 by the court in the Forbidden City); the Republic of China
/// from 1912; Korea's Gwangmu (1897) and Yunghui (1907) from its era proclamations.
const ERAS: &[(&[&str], Era)] = &[
    (&["koka", "kouka"], Era { first: 1844, last_year: 5, months: Months::Japanese }),
    (&["kaei"], Era { first: 1848, last_year: 7, months: Months::Japanese }),
    (&["ansei"], Era { first: 1854, last_year: 7, months: Months::Japanese }),
    (&["manen"], Era { first: 1860, last_year: 2, months: Months::Japanese }),
    (&["bunkyu", "bunkiu"], Era { first: 1861, last_year: 4, months: Months::Japanese }),
    (&["genji"], Era { first: 1864, last_year: 2, months: Months::Japanese }),
    (&["keio", "keiou"], Era { first: 1865, last_year: 4, months: Months::Japanese }),
    (&["meiji"], Era { first: 1868, last_year: 45, months: Months::Japanese }),
    (&["taisho", "taishou"], Era { first: 1912, last_year: 15, months: Months::Japanese }),
    (&["showa", "shouwa"], Era { first: 1926, last_year: 64, months: Months::Japanese }),
    (&["daoguang", "taokuang", "taokwang"], Era { first: 1821, last_year: 30, months: Months::Chinese }),
    (
        &["xianfeng", "hsienfeng", "hsienfung", "hienfung"],
        Era { first: 1851, last_year: 11, months: Months::Chinese },
    ),
    (&["tongzhi", "tungchih", "tungchi"], Era { first: 1862, last_year: 13, months: Months::Chinese }),
    (
        &["guangxu", "kuanghsu", "kwanghsu", "kwangsu"],
        Era { first: 1875, last_year: 34, months: Months::Chinese },
    ),
    (&["xuantong", "hsuantung", "suantung"], Era { first: 1909, last_year: 16, months: Months::Chinese }),
    (
        &["minguo", "minkuo", "chunghuaminkuo", "zhonghuaminguo", "republicofchina", "chineserepublic"],
        Era { first: 1912, last_year: 120, months: Months::Gregorian },
    ),
    (&["gwangmu", "kwangmu"], Era { first: 1897, last_year: 11, months: Months::Gregorian }),
    (
        &["yunghui", "yungheui", "yunghi", "yunghwi"],
        Era { first: 1907, last_year: 4, months: Months::Gregorian },
    ),
];

/// The longest era name, folded, in letters: no name read runs longer.
pub(super) const LONGEST: usize = 15;

/// The era a folded name names.
pub(super) fn named(folded: &str) -> Option<Era> {
    ERAS.iter().find(|(names, _)| names.contains(&folded)).map(|&(_, era)| era)
}

/// Whether some era's folded name starts with `folded`: reading a name of several words
/// ("Chung Hua Min Kuo") goes on while this holds.
pub(super) fn may_name(folded: &str) -> bool {
    ERAS.iter().any(|(names, _)| names.iter().any(|n| n.starts_with(folded)))
}

/// `word` folded for matching an era name: its ASCII letters lowercased, "ü" and "ō", "ū"
/// read as the plain vowel; apostrophes and anything else dropped ("T'ung" is "tung").
pub(super) fn fold(word: &str, out: &mut String) {
    for c in word.chars() {
        match c {
            'A'..='Z' | 'a'..='z' => out.push(c.to_ascii_lowercase()),
            'ü' | 'Ü' | 'ŭ' | 'ū' | 'Ū' => out.push('u'),
            'ō' | 'Ō' | 'ŏ' => out.push('o'),
            _ => {}
        }
    }
}

/// A date in `era`: its `year`, and a month (with whether it is the leap month) and a day
/// if given. The value and, for a lunar date, the date as written (`1911-12-25`: the
/// lunar month and day, in the lunar year named by the Gregorian year it began in).
pub(super) fn date(
    era: Era,
    year: i64,
    month: Option<(u8, bool)>,
    day: Option<u8>,
) -> Option<(TimeValue, Option<String>)> {
    if !(1..=era.last_year).contains(&year) || (day.is_some() && month.is_none()) {
        return None;
    }
    let y = era.first + year - 1;
    let lunar = match era.months {
        Months::Gregorian => false,
        Months::Japanese => y <= 1872,
        Months::Chinese => true,
    };
    if !lunar {
        let value = match (month, day) {
            (None, _) => TimeValue::year(y),
            (Some((_, true)), _) => return None,
            (Some((m, false)), None) => ((1..=12).contains(&m)).then(|| TimeValue::month(y, m))?,
            (Some((m, false)), Some(d)) => {
                (Period::Day(Some(y), m, d).is_valid()).then(|| TimeValue::day(y, m, d))?
            }
        };
        return Some((value, None));
    }
    let Some((m, leap)) = month else {
        let (first, last) = match era.months {
            Months::Japanese => lunisolar::japanese_year(y)?,
            _ => lunisolar::chinese_year_days(y)?,
        };
        return Some((lunar_value(first, last, Granularity::Year)?, Some(format!("{y:04}"))));
    };
    let months: Vec<LunarMonth> = match era.months {
        Months::Japanese => lunisolar::japanese_months(y, m),
        _ => lunisolar::chinese_months(y, m),
    };
    let month = months.into_iter().find(|x| x.leap == leap)?;
    let leap_mark = if leap { "L" } else { "" };
    match day {
        None => Some((
            lunar_value(month.first, month.last, Granularity::Month)?,
            Some(format!("{y:04}-{m:02}{leap_mark}")),
        )),
        Some(d) => {
            let at = month.day(d)?;
            Some((lunar_value(at, at, Granularity::Day)?, Some(format!("{y:04}-{m:02}{leap_mark}-{d:02}"))))
        }
    }
}

/// A lunar year, month or day: the Gregorian days `first..=last`, written as one day or
/// as the interval of days.
fn lunar_value(first: Day, last: Day, granularity: Granularity) -> Option<TimeValue> {
    let day = |d: Day| {
        let (y, m, dd) = civil_from_days(d);
        Period::Day(Some(y), m, dd)
    };
    let value = if first == last { day(first).value() } else { super::edtf::range(day(first), day(last))? };
    Some(TimeValue { granularity, calendar: Calendar::Lunisolar, ..value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(
        name: &str,
        year: i64,
        month: Option<(u8, bool)>,
        day: Option<u8>,
    ) -> Option<(String, Option<String>)> {
        let mut folded = String::new();
        fold(name, &mut folded);
        date(named(&folded)?, year, month, day).map(|(v, w)| (v.edtf, w))
    }

    #[test]
    fn gregorian_era_years_are_plain_dates() {
        assert_eq!(on("Taisho", 4, Some((5, false)), Some(25)), Some(("1915-05-25".into(), None)));
        assert_eq!(on("Meiji", 29, None, None), Some(("1896".into(), None)));
        assert_eq!(on("Meiji", 28, Some((4, false)), Some(17)), Some(("1895-04-17".into(), None)));
        assert_eq!(on("ChungHuaMinKuo", 5, Some((6, false)), Some(6)), Some(("1916-06-06".into(), None)));
        assert_eq!(on("Kwang-mu", 9, None, None), Some(("1905".into(), None)));
        // A day the month does not have, or a leap month where months are Gregorian.
        assert_eq!(on("Taisho", 4, Some((2, false)), Some(30)), None);
        assert_eq!(on("Taisho", 4, Some((2, true)), None), None);
    }

    #[test]
    fn lunar_era_dates_are_the_gregorian_days_they_were() {
        let (v, w) = on("Hsüan T'ung", 3, Some((12, false)), Some(25)).expect("a date");
        assert_eq!((v.as_str(), w.as_deref()), ("1912-02-12", Some("1911-12-25")));
        let lunar = |name: &str, year: i64| {
            let mut folded = String::new();
            fold(name, &mut folded);
            named(&folded).and_then(|e| date(e, year, None, None)).map(|(v, _)| v.calendar)
        };
        assert_eq!(lunar("Kuang Hsu", 20), Some(Calendar::Lunisolar));
        assert_eq!(lunar("Meiji", 6), Some(Calendar::Gregorian));
        let (v, _) = on("Kuang-hsü", 21, Some((3, false)), None).expect("a month");
        assert_eq!(v, "1895-03-26/1895-04-24");
        // Meiji 5 was the last lunar year in Japan; it ended on 31 December 1872.
        let (v, w) = on("Meiji", 5, None, None).expect("a year");
        assert_eq!((v.as_str(), w.as_deref()), ("1872-02-09/1872-12-31", Some("1872")));
        // Man'en 1 (1860) repeated its 3rd month.
        assert!(on("Manen", 1, Some((3, true)), Some(1)).is_some());
        assert!(on("Manen", 1, Some((4, true)), Some(1)).is_none());
    }

    #[test]
    fn years_outside_an_era_and_unknown_names_give_nothing() {
        assert_eq!(on("Taisho", 16, None, None), None);
        assert_eq!(on("Meiji", 0, None, None), None);
        assert_eq!(on("Hsuan Tung", 17, None, None), None);
        assert_eq!(on("Chung-yuan", 2, None, None), None);
        assert_eq!(on("Taisho", 4, None, Some(3)), None);
        assert!(ERAS.iter().flat_map(|(names, _)| names.iter()).all(|n| n.len() <= LONGEST));
        assert!(may_name("chunghua") && !may_name("chungyuan"));
    }
}
