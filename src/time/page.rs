//! The day a "today in history" page is about, read from its heading when the
//! configuration gives none (`day-anchor`). Wikipedia's "February 8" page, a site's "On
//! This Day: 8 February", a page that opens "What happened today in history? ... Feb 6":
//! each lists, under a year, what happened on that one day.
//!
//! Precision first: the day must stand alone on its line (a month and a day, no year:
//! "February 8, 1904" heads a diary entry or a dispatch, not a date page), among the
//! page's first lines, and those lines must say what the page is ("today in history",
//! "on this day", an "Events" heading, "the 39th day of the year"). A diary's "February
//! 13th." says no such thing: its entries are of one year, and its "yesterday" is not the
//! page's.

use regex::Regex;
use std::sync::LazyLock;

/// Lines of the page's head looked at, and the bytes they may take.
const HEAD_LINES: usize = 8;
const HEAD_BYTES: usize = 800;

/// A line that is only a day of the year, with the words date pages put around it.
static DAY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    let day = r"(?P<d>[0-3]?[0-9])(?:st|nd|rd|th)?";
    let day2 = r"(?P<d2>[0-3]?[0-9])(?:st|nd|rd|th)?";
    let what = r"(?:on[ \t]+this[ \t]+day|this[ \t]+day[ \t]+in[ \t]+history|today[ \t]+in[ \t]+history|what[ \t]+happened[ \t]+on)";
    let after = r"(?:events|in[ \t]+history|what[ \t]+happened|births[ \t]+and[ \t]+deaths|wikipedia)";
    Regex::new(&format!(
        r"(?i-u)^(?:(?P<what>{what})[ \t]*(?u:[:,–—-])?[ \t]*)?(?:(?P<m>{month})\.?[ \t]+{day}|{day2}[ \t]+(?:of[ \t]+)?(?P<m2>{month})\.?)(?P<after>[ \t]*(?:(?u:[:|–—-])|\bin\b)?[ \t]*{after})*[ \t]*[.:?]?$"
    ))
    .expect("valid regex")
});

/// Words that say a page lists what happened on its day.
static DATE_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:on[ \t]+this[ \t]+day|this[ \t]+day[ \t]+in[ \t]+history|today[ \t]+in[ \t]+history|happened[ \t]+today|day[ \t]+of[ \t]+the[ \t]+year)\b|^(?:events|selected[ \t]+anniversaries)[ \t]*:?$")
        .expect("valid regex")
});

/// (month, day) of the page, if its head says it is a page about one day of the year.
/// Most pages have no line that is a day alone, and are turned away by that test alone.
pub fn day_of_page(text: &str) -> Option<(u8, u8)> {
    let head = text.get(..crate::text::floor_boundary(text, HEAD_BYTES.min(text.len())))?;
    let lines = || head.lines().filter(|l| !l.trim().is_empty()).take(HEAD_LINES);
    // A day is written in digits, in a few words: a line of prose is turned away by a
    // byte test.
    let may_be_a_day = |l: &&str| {
        l.len() <= LINE
            && l.bytes().any(|b| b.is_ascii_digit())
            && l.bytes().filter(|&b| b == b' ').count() <= WORDS
    };
    let (day, named) = lines().filter(may_be_a_day).find_map(|l| month_day(&plain(l)))?;
    (named || lines().any(|l| DATE_PAGE.is_match(&plain(l)))).then_some(day)
}

/// Bytes a line that is a day alone may take, its marks and tags included, and the
/// spaces between its words ("What happened on this day in history: 5th September").
const LINE: usize = 120;
const WORDS: usize = 10;

/// A line without markup: heading marks, emphasis and tags.
fn plain(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains(['<', '#', '*', '_', '=']) {
        return line.trim().into();
    }
    let mut out = String::with_capacity(line.len());
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '#' | '*' | '_' | '=' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.trim().to_string().into()
}

/// The day a line is, if it is only a day of the year, and whether the line also says
/// the page is about it ("On this day: 8 February", "February 8 – Events").
fn month_day(line: &str) -> Option<((u8, u8), bool)> {
    // A test first: most lines fail it at their first bytes, and captures cost more to set up.
    if !DAY_LINE.is_match(line) {
        return None;
    }
    let c = DAY_LINE.captures(line)?;
    let m = c.name("m").or_else(|| c.name("m2"))?.as_str();
    let d: u8 = c.name("d").or_else(|| c.name("d2"))?.as_str().parse().ok()?;
    // The regex took a month's name or its abbreviation: its first three letters tell it.
    let abbr = m.get(..3)?.to_ascii_lowercase();
    let month = super::scan::MONTHS.iter().position(|name| name.starts_with(&abbr))? as u8 + 1;
    let named = c.name("what").is_some() || c.name("after").is_some();
    crate::time::edtf::Period::Day(None, month, d).is_valid().then_some(((month, d), named))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_among_the_words_of_a_date_page_is_its_day() {
        assert_eq!(day_of_page("# February 8\n\n## Events\n\n- 1904 – ..."), Some((2, 8)));
        assert_eq!(
            day_of_page("<h1>8 February</h1>\n<h2>Events</h2>\n<ul><li>1904 – ...</li></ul>"),
            Some((2, 8))
        );
        assert_eq!(day_of_page("On This Day: 5th September\n\n1905 – ..."), Some((9, 5)));
        assert_eq!(day_of_page("Sept. 5 in history\n"), Some((9, 5)));
        assert_eq!(day_of_page("February 8 – Events\n\n1905 – ..."), Some((2, 8)));
        assert_eq!(day_of_page("\n\n  **March 1st**  \nMarch 1 is the 60th day of the year."), Some((3, 1)));
        let shipped = "What happened today in history?\nWhat happened\ntoday in history?\nFeb 6\nBack\n";
        assert_eq!(day_of_page(shipped), Some((2, 6)));
    }

    #[test]
    fn a_diarys_day_is_no_page_day() {
        assert_eq!(day_of_page("February 13th.\n\n\nI drank tea with an old acquaintance."), None);
        assert_eq!(day_of_page("Diary of a siege\n\nJune 20\n\nThe firing began at four."), None);
        assert_eq!(day_of_page("# February 8\n\nThe attack came at night."), None);
    }

    #[test]
    fn a_day_with_a_year_or_words_around_it_is_no_page_day() {
        for text in [
            "February 8, 1904\n\nThe attack came at night.",
            "8 February 1904\n",
            "# The night of February 8\n",
            "May 4th Movement\n",
            "# February 30\n",
            "March\n",
            "Chapter 1\n\nFebruary 8\n",
            "The Project Gutenberg eBook of Russia\n",
        ] {
            assert_eq!(day_of_page(text), None, "{text:?}");
        }
        // Only the head is read.
        let late = format!("{}\n# February 8\n", "Some words.\n".repeat(80));
        assert_eq!(day_of_page(&late), None);
    }
}
