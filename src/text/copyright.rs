//! When a document was written, as its head says: the years of its copyright lines
//! ("Copyright, 1905,", "COPYRIGHT, APRIL, 1913", "Copyrighted, 1895, by", "© 1907",
//! "Copyright, 1899, 1904, 1906,", "_Published April, 1905_").
//!
//! A book's title page says when it was written, though no configuration does. The
//! checks that ask when a text was written (it cannot mean an event after it; a name it
//! uses may be the name of its own day; "ten years ago" counts from it) ask this where
//! the configuration gives no `published`. The tagger does not: a history's "February
//! 8th" is not of the year on its title page.

use crate::time::TimeValue;
use std::sync::LazyLock;

/// Bytes of the head read: a title page, a table of contents' first lines.
const HEAD_BYTES: usize = 8 * 1024;
/// A copyright line is short; a sentence that speaks of copyright is prose.
const LINE: usize = 120;
/// The words a copyright line opens with ("copyrighted" holds "copyright").
const OPENERS: [&str; 4] = ["copyright", "published", "©", "(c)"];
/// A search for each of `OPENERS`, built once rather than for each document. (One search
/// for the four, with `aho_corasick`, read the head byte by byte: its prefilter has only
/// common bytes to look for, "c" and "p". It cost 4% more instructions over books.)
static OPENER_SEARCH: LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    LazyLock::new(|| OPENERS.iter().map(|k| memchr::memmem::Finder::new(k.as_bytes())).collect());

crate::warm_up!(OPENER_SEARCH);

/// Years a copyright line may give.
const YEARS: std::ops::RangeInclusive<i64> = 1450..=2100;

/// The years the head's copyright and "Published" lines give, earliest to latest, as one
/// year or a range of years (the editions of a reprinted book); `None` where it has none.
pub fn written(text: &str) -> Option<TimeValue> {
    let head = text.get(..super::floor_boundary(text, HEAD_BYTES.min(text.len())))?;
    written_lowered(head, &head.to_ascii_lowercase())
}

/// `written`, given `lower`, the text with its ASCII letters lowercased (as the
/// per-document stage has it): the head is not lowercased again.
pub fn written_lowered(text: &str, lower: &str) -> Option<TimeValue> {
    let end = super::floor_boundary(text, HEAD_BYTES.min(text.len()));
    let (head, lower) = (text.get(..end)?, lower.get(..end)?);
    // A line gives years only if its first word is one of `OPENERS` (in any ASCII case), so
    // a head without any of them gives none. Most documents have no title page: a search
    // of the head for each spares them reading it line by line and word by word (a
    // hundredth of a run over books).
    if !OPENER_SEARCH.iter().any(|f| f.find(lower.as_bytes()).is_some()) {
        return None;
    }
    head_years(head)
}

/// `written` of a head, read line by line.
fn head_years(head: &str) -> Option<TimeValue> {
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for y in head.lines().filter(|l| l.len() <= LINE).flat_map(title_page_years) {
        first = first.min(y);
        last = last.max(y);
    }
    if first > last {
        return None;
    }
    if first == last {
        return Some(TimeValue::year(first));
    }
    TimeValue::parse_edtf(&format!("{first}/{last}"))
}

/// The years of a title page's copyright line: it begins with "Copyright",
/// "Copyrighted", "©" or "Published" (after markup), and the years follow at once, a
/// month at most between ("COPYRIGHT, APRIL, 1913", "Copyright, 1899, 1904, 1906, by").
/// A credit names its owner first ("Copyright Boris Feldblyum © 1998", "Photo © 1998"):
/// it dates a picture, not the document, and gives nothing.
fn title_page_years(line: &str) -> Vec<i64> {
    let words = line
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';' | '_' | '*' | '#' | '[' | ']')
        })
        .filter(|w| !w.is_empty());
    let mut years = Vec::new();
    let mut opened = false;
    for w in words {
        if !opened {
            opened = OPENERS.iter().chain(&["copyrighted"]).any(|k| w.eq_ignore_ascii_case(k));
            if !opened {
                return Vec::new();
            }
        } else if let Some(y) = year(w) {
            years.push(y);
        } else if !(years.is_empty() && (is_month(w) || w == "©" || w.eq_ignore_ascii_case("(c)"))) {
            break;
        }
    }
    years
}

/// A word of four digits that may be a year.
fn year(w: &str) -> Option<i64> {
    let y: i64 = w.parse().ok().filter(|_| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    YEARS.contains(&y).then_some(y)
}

fn is_month(w: &str) -> bool {
    crate::time::MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `written`, checked against `written_lowered` with the whole text lowercased (as the
    /// per-document stage calls it).
    fn edtf(text: &str) -> Option<String> {
        let v = written(text);
        assert_eq!(written_lowered(text, &text.to_ascii_lowercase()), v, "{text:?}");
        v.map(|v| v.edtf)
    }

    #[test]
    fn a_title_pages_copyright_line_gives_the_year_it_was_written() {
        assert_eq!(
            edtf("RUSSIA\n\nby Donald Mackenzie Wallace\n\n\n\nCopyright 1905\n\n\nContents\n"),
            Some("1905".into())
        );
        assert_eq!(edtf("  COPYRIGHT, APRIL, 1913\n  BY THE BOBBS-MERRILL COMPANY\n"), Some("1913".into()));
        assert_eq!(edtf("                         Copyrighted, 1895, by\n"), Some("1895".into()));
        assert_eq!(edtf("Title\n\n© 1907 Houghton, Mifflin and Company\n"), Some("1907".into()));
        assert_eq!(edtf("  _Published April, 1905_\n"), Some("1905".into()));
    }

    #[test]
    fn a_reprinted_book_was_written_between_its_first_and_last_copyright() {
        let head = "  Copyright, 1898, by J.B. LIPPINCOTT COMPANY.\n  Copyright, 1904, by J.B. LIPPINCOTT COMPANY.\n  Copyright, 1908, by J.B. LIPPINCOTT COMPANY.\n";
        let v = written(head).expect("a date");
        assert_eq!(v.edtf, "1898/1908");
        assert_eq!((v.start_year(), v.end_year()), (Some(1898), Some(1908)));
        assert_eq!(
            edtf("Copyright, 1899, 1904, 1906,\nBy Thomas Y. Crowell & Co.\n"),
            Some("1899/1906".into())
        );
    }

    #[test]
    fn prose_and_lines_without_a_year_say_nothing() {
        // No copyright line at all; the year of a chapter heading is not the book's.
        assert_eq!(edtf("CHAPTER I\n\nIn 1904 the war began.\n"), None);
        // A copyright line with no year.
        assert_eq!(edtf("Copyright Excepting Scandinavian Countries\n"), None);
        // "published" in the middle of a sentence, and a long line about copyright.
        assert_eq!(edtf("The treaty was published in 1896 in the Gazette.\n"), None);
        let long = format!("The law of copyright {} was changed in 1909.\n", "and its history ".repeat(8));
        assert_eq!(edtf(&long), None);
        // Numbers that are no years: a price, a page, a five-digit number.
        assert_eq!(edtf("Copyright No. 19050, price 300\n"), None);
        assert_eq!(edtf("Copyright 19050\n"), None);
        // A credit dates a picture or a quotation, not the document: its owner comes first.
        assert_eq!(edtf("Copyright Boris Feldblyum © 1998\n"), None);
        assert_eq!(edtf("Photo © 1998 Boris Feldblyum\n"), None);
        assert_eq!(edtf("Published by Houghton, Mifflin and Company, 1907\n"), None);
    }

    proptest::proptest! {
        /// The search for the words a copyright line opens with turns away only heads
        /// that give no year read line by line: lines of a marker, a first word (an opener
        /// in some case, a word like one, or another), a separator and what follows.
        #[test]
        fn the_search_for_openers_turns_away_only_heads_without_years(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(&["", "_", "  ", "# ", "*"][..]),
                    proptest::sample::select(&[
                        "Copyright", "COPYRIGHTED", "copyright", "Published", "PUBLISHED", "©", "(C)", "(c)",
                        "Copy", "Publ", "(", "c)", "Title", "©right",
                    ][..]),
                    proptest::sample::select(&[" ", ", ", ": ", "", "\u{a0}"][..]),
                    proptest::sample::select(&["1905", "April, 1898", "by Ginn", "1899, 1904,", ""][..]),
                ),
                0..6,
            ),
        ) {
            let text: String = lines.iter().map(|(m, w, sep, tail)| format!("{m}{w}{sep}{tail}\n")).collect();
            proptest::prop_assert_eq!(written(&text), head_years(&text), "{:?}", text);
        }
    }

    #[test]
    fn only_the_head_is_read() {
        let text = format!("Title\n\n{}\nCopyright 1905\n", "A line of the book's text.\n".repeat(400));
        assert!(text.len() > HEAD_BYTES);
        assert_eq!(edtf(&text), None);
        // A head cut in the middle of a character is still read.
        let text = format!("Copyright 1905\n{}", "é".repeat(HEAD_BYTES));
        assert_eq!(edtf(&text), Some("1905".into()));
    }
}
