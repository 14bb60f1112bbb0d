//! Years the text does not write. A day or month without a year ("On January 2") is read
//! in the year of the date before it (`time::tag`); in a narrative that guess is wrong
//! where the story has crossed into the next year ("December 30 ... On January 2") or
//! the nearest earlier date belongs to another thread of it ("in the autumn of 1903 ...
//! the naval battle of August 10"). A claim that disagrees with its event's reference
//! only through that guess is no contradiction of the text: what the text wrote, the day
//! and the month, agrees with the reference.

use super::Claim;
use crate::rules::RuleBook;
use crate::time::{Anchor, Calendar, Granularity, TimeExpr};

/// How many years away from the guess the year may be looked for: the date before is
/// near (`time::tag` reaches back a few pages at most), so the story is at most a year on
/// or back.
pub(super) const REACH: [i64; 2] = [1, -1];

/// Whether the year of `time` was taken from the date before it in the text.
pub fn year_guessed(time: &TimeExpr) -> bool {
    matches!(time.anchor, Some(Anchor::Previous(_)))
        && matches!(time.value.granularity, Granularity::Day | Granularity::Month)
        && time.written.is_none()
}

/// Moves each claim whose year was guessed, and which its event's reference dates do not
/// admit, into the year next to the guess that they do admit (`settled`). Claims are as
/// `ClaimIndex::build` takes them, with canonical events and roles.
pub fn settle_guessed_years(claims: &mut [Claim], rules: &RuleBook) {
    for c in claims.iter_mut() {
        if let Some(v) = settled(c, rules) {
            c.time.value = v;
        }
    }
}

/// The value a claim whose year was guessed is read as: the year next to the guess (the
/// next one first: a narrative goes forward) that its event's reference dates admit, where
/// they do not admit the guess. `None` when the year was written, when the reference
/// admits the guess, or when no year within `REACH` makes it agree: then the day or the
/// month itself disagrees. The reference is the canonical event and role's.
pub fn settled(claim: &Claim, rules: &RuleBook) -> Option<crate::time::TimeValue> {
    if !year_guessed(&claim.time) {
        return None;
    }
    let (event, role) = rules.canonical(claim.event, claim.role);
    let reference = rules.reference(event, role)?;
    if reference.admits(&claim.time.value) {
        return None;
    }
    REACH.iter().filter_map(|&k| claim.time.value.moved_by_years(k)).find(|v| reference.admits(v))
}

/// For a message about `time`: that it is not written out, and what it was worked out
/// from ("the year here is not written: it is read from the date before it, 30 December
/// 1904"; "the date here is not written out: it is worked out from the date before it,
/// 1904" for "ten years earlier"). A finding on a date counted from another one may be the
/// other one's error. A lunar date is written, but in another calendar: the note says which
/// lunar date it was. `None` when the date is written whole, in the Gregorian calendar.
pub fn unwritten_note(time: &TimeExpr, whose: &str) -> Option<String> {
    if time.value.calendar == Calendar::Lunisolar {
        let lunar = time.written.as_deref().and_then(lunar_in_words)?;
        let slack = if time.value.granularity == Granularity::Day {
            " (a lunar day may be one day off the almanac's)"
        } else {
            ""
        };
        return Some(format!(
            "the date {whose} is a lunar one, {lunar}, converted to the Gregorian calendar{slack}"
        ));
    }
    let shown = |edtf: &String| {
        crate::time::TimeValue::parse_edtf(edtf).map_or_else(|| edtf.clone(), |v| v.to_string())
    };
    match time.anchor.as_ref()? {
        Anchor::Previous(before) if year_guessed(time) => Some(format!(
            "the year {whose} is not written: it is read from the date before it, {}",
            shown(before)
        )),
        Anchor::Previous(before) => Some(format!(
            "the date {whose} is not written out: it is worked out from the date before it, {}",
            shown(before)
        )),
        // A day header with no year ("Feb 6", `day-anchor`): the year is written, the day
        // is the page's.
        anchor @ Anchor::Document(date) if anchor.is_page_day() => Some(format!(
            "the day {whose} is not written: it is the day of the page, {}",
            crate::time::yearless_in_words(date).unwrap_or_else(|| shown(date))
        )),
        Anchor::Document(date) => Some(format!(
            "the date {whose} is not written out: it is worked out from the document's date, {}",
            shown(date)
        )),
        Anchor::None => None,
    }
}

/// A lunar date as the tagger writes it (`1902-07-25`, a leap month `1860-03L`, a year
/// `1902`; the year is the Gregorian one the lunar year began in) in words: "the 25th day
/// of the 7th month of the lunar year that began in 1902".
fn lunar_in_words(written: &str) -> Option<String> {
    let mut parts = written.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let of_year = format!("the lunar year that began in {year}");
    let Some(month) = parts.next() else { return Some(of_year) };
    let (month, leap) = match month.strip_suffix('L') {
        Some(m) => (m, "leap "),
        None => (month, ""),
    };
    let ordinal = crate::checks::calendar_offset::ordinal;
    let month = ordinal(month.parse().ok()?);
    let of_month = format!("the {leap}{month} month of {of_year}");
    match parts.next() {
        None => Some(of_month),
        Some(day) => Some(format!("the {} day of {of_month}", ordinal(day.parse().ok()?))),
    }
}

#[cfg(test)]
mod tests {
    use super::lunar_in_words;

    #[test]
    fn lunar_dates_read_in_words() {
        let day = lunar_in_words("1902-07-25");
        assert_eq!(
            day.as_deref(),
            Some("the 25th day of the 7th month of the lunar year that began in 1902")
        );
        let leap = lunar_in_words("1860-03L");
        assert_eq!(leap.as_deref(), Some("the leap 3rd month of the lunar year that began in 1860"));
        assert_eq!(
            lunar_in_words("1911-12-22").as_deref().map(|s| s.starts_with("the 22nd day of the 12th")),
            Some(true)
        );
        assert_eq!(lunar_in_words("1900").as_deref(), Some("the lunar year that began in 1900"));
        assert_eq!(lunar_in_words("x"), None);
        // The note says a lunar day may be a day off, and of a lunar year only what it was.
        let lunar = |value: crate::time::TimeValue, written: &str| {
            let value = crate::time::TimeValue { calendar: crate::time::Calendar::Lunisolar, ..value };
            let time = crate::time::TimeExpr {
                span: crate::span::Span::new(0, 4),
                value,
                written: Some(written.into()),
                anchor: None,
            };
            super::unwritten_note(&time, "here").unwrap_or_default()
        };
        assert!(lunar(crate::time::TimeValue::day(1901, 9, 6), "1901-07-24")
            .ends_with("one day off the almanac's)"));
        let year = lunar(crate::time::TimeValue::year(1910), "1910");
        assert_eq!(year, "the date here is a lunar one, the lunar year that began in 1910, converted to the Gregorian calendar");
        assert_eq!(lunar_in_words("1900-zz"), None);
    }
}
