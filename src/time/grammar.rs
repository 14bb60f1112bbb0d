//! The temporal grammar: recognises expressions over the tokens of each pre-scanned
//! region (see `scan`), normalises them to `TimeValue`s and resolves partial and relative
//! ones against the document (`TagContext`) or the nearest earlier explicit date.
//!
//! The grammar is hand-written over tokens rather than one large regex: each production
//! is a function from a token index to the index after it, so contexts that decide
//! whether a number is a year ("p. 1904", "1900 men", "555-1904-3344") are plain code.
//! Written-out numbers ("nineteen hundred and five") are not read.

use super::calendar::{days_from_julian, julian_to_gregorian};
use super::edtf::{self, Period, Season};
use super::scan::{self, Kind, Suffix, Tok};
use super::{Anchor, Calendar, Granularity, PartOf, TagContext, TimeExpr, TimeValue};
use crate::span::Span;
use std::sync::LazyLock;

/// How far back (bytes) the nearest earlier date may be to resolve a relative expression.
const PREVIOUS_REACH: usize = 3000;

/// What the grammar found at a token: tokens `start..end`, and the value.
struct Found {
    start: usize,
    end: usize,
    value: TimeValue,
    written: Option<String>,
    anchor: Option<Anchor>,
}

/// The nearest earlier explicit date, and where it ended.
struct Previous {
    value: TimeValue,
    at: usize,
}

/// How a region is cut for tokenizing: a region longer than `len + ahead` bytes (a whole
/// line of text with a trigger word every few dozen bytes: a page that never breaks its
/// lines) is read a window at a time, so that its tokens (dozens of bytes each, one per few
/// bytes of text) are never all held at once.
#[derive(Debug, Clone, Copy)]
pub(super) struct Windows {
    /// Bytes of a window in which expressions may start.
    pub len: usize,
    /// Bytes tokenized before a window: more than any production looks back (two tokens).
    pub back: usize,
    /// Bytes tokenized after it: more than any expression and the context after it take.
    pub ahead: usize,
}

/// A quarter of a megabyte of tokens at a time, a few MB of `Tok`s.
const WINDOWS: Windows = Windows { len: 256 * 1024, back: 1024, ahead: 8 * 1024 };

/// The times of `text`, and the years that start none (`tag_regions`).
pub(super) fn tag(text: &str, cx: &TagContext) -> (Vec<TimeExpr>, Vec<Span>) {
    let mut unread = Vec::new();
    let times = tag_in(text, cx, WINDOWS, &mut unread);
    (times, unread)
}

/// How much of a text `tag_with` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// The regions around triggers, their starters up to each one's last trigger (`tag`).
    Regions,
    /// The regions, every starter of them tried.
    EveryStarter,
    /// The whole text as one region.
    Whole,
}

/// `tag`, reading what `reading` says. The slower readings are for tests and the fuzzer,
/// which check that `tag` gives what they give.
pub(super) fn tag_with(text: &str, cx: &TagContext, reading: Reading) -> (Vec<TimeExpr>, Vec<Span>) {
    let regions = match reading {
        Reading::Regions => return tag(text, cx),
        Reading::EveryStarter => {
            scan::regions_reaching(text, writing(cx)).into_iter().map(|(s, e, _)| (s, e, e)).collect()
        }
        Reading::Whole => vec![(0, text.len(), text.len())],
    };
    let mut unread = Vec::new();
    let times = tag_regions(text, cx, WINDOWS, regions, &mut unread);
    (times, unread)
}

/// `tag` with regions cut into `windows`. An expression is read where it starts, with the
/// same tokens around it as in the whole region, so the output is the same as reading
/// every region whole.
pub(super) fn tag_in(text: &str, cx: &TagContext, windows: Windows, unread: &mut Vec<Span>) -> Vec<TimeExpr> {
    tag_regions(text, cx, windows, scan::regions_reaching(text, writing(cx)), unread)
}

/// Whether the time of writing is known to `cx` (`scan::Writing`).
fn writing(cx: &TagContext) -> scan::Writing {
    scan::Writing(cx.document_date.is_some() || cx.day_anchor.is_some())
}

/// `tag_in` over the given regions of `text`, each with where its last trigger ends
/// (`scan::regions_reaching`), or the whole text: what the regions must agree with. Adds
/// to `unread` each number that could be a year (`Grammar::year_digits`) but starts no
/// expression and lies in none ("$1904", "1904 men", "1904's"): the context made no time
/// of it, and a copy of its sentence with other punctuation may.
fn tag_regions(
    text: &str,
    cx: &TagContext,
    windows: Windows,
    regions: Vec<(usize, usize, usize)>,
    unread: &mut Vec<Span>,
) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    // The nearest earlier date that is not a look back from the time of writing (what a
    // day or month without a year is read in), and a look back after it, if any: the
    // nearest earlier date is the one or the other.
    let mut story: Option<Previous> = None;
    let mut look_back: Option<Previous> = None;
    // The latest year that labels a name ("the treaty of 1778"): not a time the story
    // reaches, but what a count of years in its sentence counts from ("the treaty of 1778
    // was refused, and the following year ...", `Grammar::count_base`).
    let mut label: Option<Previous> = None;
    // Room for a region's tokens from the start: grown from empty, the list was copied
    // again at each doubling in every document.
    let mut toks = Vec::with_capacity(256);
    // `reach`: where the region's last trigger ends. No expression starts at or after it
    // (`scan::regions_reaching`): the starters there, context for those before, are not
    // tried.
    for (start, end, reach) in regions {
        // Expressions may start at or after `from`; where the last one ended, or the
        // window's end.
        let mut from = start;
        while from < end {
            let whole = end - from <= windows.len.saturating_add(windows.ahead);
            let until = if whole { end } else { scan::snap_end(text, from + windows.len).min(end) };
            let lo = if from == start {
                start
            } else {
                scan::snap_start(text.as_bytes(), from.saturating_sub(windows.back)).min(from)
            };
            let hi = if whole { end } else { scan::snap_end(text, until + windows.ahead).min(end) };
            scan::tokenize(text, lo.max(start), hi, &mut toks);
            let mut i = toks.partition_point(|t| t.start < from);
            while let Some(tok) = toks.get(i).filter(|t| t.start < until) {
                if !tok.starter || tok.start >= reach {
                    i += 1;
                    continue;
                }
                let prev = look_back.as_ref().or(story.as_ref());
                let g = Grammar {
                    t: &toks,
                    text,
                    cx,
                    prev,
                    story: story.as_ref(),
                    label: label.as_ref(),
                    here: tok.start,
                    memo: Memo::default(),
                };
                match g.expr(i).filter(|f| f.end > f.start && g.context_ok(f.start, f.end)) {
                    Some(f) => {
                        // A date in the years of an era dates a document or what a
                        // document looks back to ("the system in force during the first
                        // year of Hsuan Tung"), not where the story is: the edicts and
                        // treaties that write them are quoted inside a story of other years.
                        let era = f.end - f.start >= 4
                            && toks.get(f.end - 1).is_some_and(|t| t.text.starts_with(char::is_uppercase))
                            && g.era_date(f.start).is_some_and(|e| e.end == f.end);
                        let (Some(first), Some(last)) = (toks.get(f.start), toks.get(f.end - 1)) else {
                            break;
                        };
                        let span = Span::new(first.start, last.end);
                        // Decades and centuries are too coarse to date what follows, and a
                        // year that labels a name dates the thing named. A look back from
                        // the time of writing ("Ten years ago, when the Japanese took Port
                        // Arthur") dates what is counted from it ("three years later") but
                        // leaves the story where it was for a day or month without a year.
                        let reached = if f.value.is_bounded() {
                            Some(f.value.clone())
                        } else {
                            written_bound(&toks, f.start, &f.value)
                        };
                        let labels = labels_a_name(&toks, f.start, f.end);
                        if labels && f.value.is_bounded() {
                            label = Some(Previous { value: f.value.clone(), at: span.end });
                        }
                        // An open range that leaves the story where it was is, like a label,
                        // what a count in its sentence counts from ("had been 'Manchu' ever
                        // since 1616; twenty years later he translated this term").
                        if reached.is_none() && !f.value.approximate {
                            if let Some(bound) = open_bound(&f.value) {
                                label = Some(Previous { value: bound, at: span.end });
                            }
                        }
                        if let Some(value) = reached.filter(|v| {
                            v.granularity <= Granularity::Year
                                && !v.approximate
                                && !labels
                                && !era
                                && !is_a_birth(&toks, f.start)
                                && !of_another_age(text, span.start, story.as_ref(), v)
                                && !signs_off(text, span)
                        }) {
                            let here = Some(Previous { value, at: span.end });
                            // A time looked back to from the time of writing, or ahead
                            // to as an aim, is what "that day" points to, not where the
                            // story is.
                            if toks.get(f.end - 1).is_some_and(|t| t.is("ago")) || is_an_aim(text, span.start)
                            {
                                look_back = here;
                            } else {
                                story = here;
                                look_back = None;
                            }
                        }
                        out.push(TimeExpr { span, value: f.value, written: f.written, anchor: f.anchor });
                        i = f.end;
                    }
                    None => {
                        if g.year_digits(i) {
                            unread.push(Span::new(tok.start, tok.end));
                        }
                        i += 1;
                    }
                }
            }
            // The next window starts at the first token not read yet (after an expression
            // that ran past `until`, or at `until`).
            from = toks.get(i).map_or(hi, |t| t.start).max(until);
        }
    }
    out
}

/// The date of "not until X" ("It was not until the early part of the year 1865 that
/// this Khoja pretender appeared") and of "by X" ("by 1908 he was seriously ill; in this
/// same year ..."): what happens, happens then, or the text tells how things stood then,
/// so the story has reached it, and "the same year" or a day without a year after it is
/// in its year. A plain "until" or "since" range is as often a look back or ahead, and
/// leaves the story where it was.
fn written_bound(toks: &[Tok<'_>], start: usize, value: &TimeValue) -> Option<TimeValue> {
    let until = toks.get(start).is_some_and(|t| t.is("until") || t.is("till"));
    let not = start.checked_sub(1).and_then(|i| toks.get(i)).is_some_and(|t| t.is("not"));
    let by = toks.get(start).is_some_and(|t| t.is("by"));
    if !(by || (until && not)) {
        return None;
    }
    open_bound(value)
}

/// The written end of an open range ("1616" of "since 1616", "1908" of "by 1908").
fn open_bound(value: &TimeValue) -> Option<TimeValue> {
    let (a, b) = value.edtf.split_once('/')?;
    let bound = match (a, b) {
        ("..", side) | (side, "..") if !side.is_empty() => side,
        _ => return None,
    };
    let mut v = Period::parse(bound.trim_end_matches('~'))?.value();
    v.part = value.part;
    Some(v)
}

/// Whether a dot leader (three periods or more, spaces around them) runs to byte `at` from
/// a month name, or a month and a year: the value column of a table whose rows are months
/// ("March...................1104" wagons repaired, Ransome 1921), which holds counts, not
/// years. Read from the text, not the tokens: a leader may be longer than a region keeps.
fn led_from_a_month(text: &str, at: usize) -> bool {
    let head = text.as_bytes().get(..at).unwrap_or_default();
    let spaces = |h: &[u8]| h.len() - h.iter().rev().take_while(|&&b| b == b' ').count();
    let head = head.get(..spaces(head)).unwrap_or_default();
    let dots = head.iter().rev().take_while(|&&b| b == b'.').count();
    if dots < 3 {
        return false;
    }
    let head = head.get(..head.len() - dots).unwrap_or_default();
    let mut head = head.get(..spaces(head)).unwrap_or_default();
    // "December 1919............475": a year between the month and the leader.
    let digits = head.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 4 {
        head = head.get(..head.len() - digits).unwrap_or_default();
        head = head.get(..spaces(head)).unwrap_or_default();
    }
    let letters = head.iter().rev().take_while(|b| b.is_ascii_alphabetic()).count();
    let word = head.get(head.len() - letters..).unwrap_or_default();
    word.first().is_some_and(u8::is_ascii_uppercase)
        && scan::MONTHS.iter().any(|m| word.eq_ignore_ascii_case(m.as_bytes()))
}

/// Whether the expression at token `start` dates a birth ("He was born on July 12, 1876,
/// and had been three years in the consular service"): an aside about a life, not a
/// time the story has reached, so the days after it without a year are not read in it
/// (Coltman, telling the siege of 1900, had every later day of July and August in 1876).
fn is_a_birth(toks: &[Tok<'_>], start: usize) -> bool {
    let at = |k: usize| start.checked_sub(k).and_then(|i| toks.get(i));
    let born = |t: Option<&Tok<'_>>| t.is_some_and(|t| t.is("born"));
    born(at(1)) || (at(1).is_some_and(|t| t.is("on") || t.is("in")) && born(at(2)))
}

/// Whether byte `at` of `text` lies in an insert of a printed book, set in brackets: an
/// illustration's caption, a sidenote, a footnote ("[Illustration: ... made during the
/// reign of Kublai Khan, A. D. 1264. ...]"). A date there is an aside, not a time the
/// story has reached, so the days after the insert without a year are not read in it
/// (Coltman's diary of 1900, past such a caption, had April 24 to June in 1264). The
/// insert's opening bracket is looked for within `INSERT_REACH` bytes before `at`.
fn in_insert(text: &str, at: usize) -> bool {
    const INSERTS: &[&[u8]] = &[b"illustration", b"sidenote", b"footnote", b"caption"];
    let Some(before) = text.as_bytes().get(at.saturating_sub(INSERT_REACH)..at) else {
        return false;
    };
    let Some(open) = memchr::memrchr(b'[', before) else { return false };
    let inside = before.get(open + 1..).unwrap_or_default();
    memchr::memchr(b']', inside).is_none()
        && INSERTS.iter().any(|w| inside.get(..w.len()).is_some_and(|head| head.eq_ignore_ascii_case(w)))
}

/// Whether the date `time` at byte `at` is an insert's (`in_insert`) a century from a
/// story told day by day (`told_by_days`): an aside that leaves the story where it was.
fn of_another_age(text: &str, at: usize, story: Option<&Previous>, time: &TimeValue) -> bool {
    story.is_some_and(|p| told_by_days(&p.value, time)) && in_insert(text, at)
}

/// Whether a story told day by day (or month by month), now at `story`, lies a century or
/// more from `time`: a caption or footnote dated so far from it tells of another age
/// (Coltman's diary of 1900 and a caption's "A. D. 1264"). A story at a bare year may have
/// been left there by an aside of its own ("the greatest naval battle since Trafalgar,
/// 1805"), and a caption of the events told ("Copyrighted ... 1905") may then put it right.
fn told_by_days(story: &TimeValue, time: &TimeValue) -> bool {
    const AGE: i64 = 100;
    story.granularity < Granularity::Year
        && matches!((story.start_year(), time.start_year()), (Some(x), Some(y)) if (x - y).abs() >= AGE)
}

/// Whether the date at `span` is the line under a signature that closes a preface or a
/// letter ("SHIGENOBU OKUMA." then "_April, 1906._"; "F. BRINKLEY." then "TOKYO, 1912."):
/// when it was written, not a time the story has reached, so the story's counts and days
/// without a year are not read from it (Sakurai's "that battle-ground of ten years before",
/// after Okuma's preface, was 1896 for 1894; the table of contents of Semenoff's diary of
/// May 1905, after the translator's dated note, had its days in 1906). The line holds only
/// the date, after a place and a comma at most; the signature is a short line of capitals
/// ending in a period, with only blank lines between, and closes front matter
/// (`in_front_matter`). A heading over a dated letter or
/// diary entry ("FRAGMENTS" then "12th May, 1900.") has no period, and dates its story.
// Out of line: inlined, it made the hot loop of `tag_regions` dearer by about 1.7 M
// instructions over the 49 MB sample (benches/LEDGER.md).
#[inline(never)]
fn signs_off(text: &str, span: Span) -> bool {
    // A dateline is short: its line is looked for only `DATELINE_REACH` bytes each way,
    // so that a text with no line breaks costs no more than one with them. After the
    // date come only the marks of italics and a period before the line's end; that is
    // read first, as it turns away nearly every date in prose at its next byte.
    let b = text.as_bytes();
    let after = b.get(span.end..).unwrap_or_default();
    let marks =
        after.iter().take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'_' | b'*' | b'.' | b',')).count();
    if marks > DATELINE_REACH || after.get(marks).is_some_and(|&c| c != b'\n') {
        return false;
    }
    let from = span.start.saturating_sub(DATELINE_REACH);
    let Some(before) = b.get(from..span.start) else { return false };
    let line_start = match memchr::memrchr(b'\n', before) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    // Before the date: nothing, or a place of one to three capitalised words and a comma.
    let head = text[line_start..span.start].trim_matches(|c: char| c.is_whitespace() || c == '_' || c == '*');
    if !head.is_empty() {
        let Some(place) = head.strip_suffix(',') else { return false };
        let words = || place.split(' ');
        if words().count() > 3 || !words().all(|w| w.starts_with(|c: char| c.is_ascii_uppercase())) {
            return false;
        }
    }
    // The signature: the last line before that is not blank, within three lines.
    let mut end = line_start.saturating_sub(1);
    for _ in 0..3 {
        let floor = end.saturating_sub(DATELINE_REACH);
        let start = match memchr::memrchr(b'\n', &b[floor..end]) {
            Some(i) => floor + i + 1,
            None if floor == 0 => 0,
            None => return false,
        };
        let line = text[start..end].trim();
        if !line.is_empty() {
            return is_a_signature(line) && in_front_matter(text, start);
        }
        if start == 0 {
            return false;
        }
        end = start - 1;
    }
    false
}

/// How far before and after a date `signs_off` looks for the ends of its line: a place
/// and a comma, or a period and the marks of italics.
const DATELINE_REACH: usize = 64;

/// How far before a signature `in_front_matter` looks for the heading of a preface: the
/// longest of realtext's signed prefaces runs 6.8 KB from its heading to its signature.
/// Where there is no heading, all of it is searched, at every signed date.
const PREFACE_REACH: usize = 12 * 1024;

/// Whether byte `at` lies in a preface, foreword or introduction: a heading of one of
/// those ("PREFACE", "TRANSLATOR'S PREFACE", "INTRODUCTION BY COUNT OKUMA") on a line of
/// its own within `PREFACE_REACH` bytes before it, and no chapter's heading after that.
/// The signed date of a decree or letter quoted in the story ("V. ULIANOV (LENIN)." then
/// "Petrograd, November 18th, 1917.") is a time the story has reached ("The Congress met
/// about a week later").
fn in_front_matter(text: &str, at: usize) -> bool {
    const FRONT: &[&str] = &["PREFACE", "PREFATORY", "FOREWORD", "INTRODUCTION", "INTRODUCTORY"];
    let from = at.saturating_sub(PREFACE_REACH);
    let Some(before) = text.as_bytes().get(from..at) else { return false };
    // Line by line backwards, by the line breaks alone (a search of a few bytes a step):
    // a line of prose is passed over by its length, unread.
    let mut end = before.len();
    for cut in memchr::memrchr_iter(b'\n', before).chain(std::iter::once(usize::MAX)) {
        let start = cut.wrapping_add(1);
        let (s, e) = (from + start, from + end);
        end = cut;
        if e - s > 80 {
            continue;
        }
        let Some(line) = text.get(s..e).map(str::trim) else { continue };
        if line.len() > 60 || line.bytes().any(|c| c.is_ascii_lowercase()) {
            continue;
        }
        if line.starts_with("CHAPTER") {
            return false;
        }
        if FRONT.iter().any(|w| line.split(|c: char| !c.is_ascii_alphabetic()).any(|word| word == *w)) {
            return true;
        }
    }
    false
}

/// A signature's line: a name or initials in capitals, ending in a period ("A. B. L.",
/// "THOMAS F. MILLARD."), five words at most; not a heading or a chapter's number.
fn is_a_signature(line: &str) -> bool {
    const HEADINGS: &[&str] = &["CHAPTER", "PART", "BOOK", "SECTION", "LETTER", "APPENDIX", "NOTE"];
    let words = line.split_whitespace().count();
    line.len() <= 40
        && (1..=5).contains(&words)
        && line.ends_with('.')
        && line.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !line.bytes().any(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !HEADINGS.iter().any(|h| line.starts_with(h))
        // A chapter's number ("IV.").
        && !line.bytes().all(|c| b"IVXLCDM. ".contains(&c))
}

/// How far before a date `in_insert` looks for the bracket that opens an insert: longer
/// than a long caption or footnote.
const INSERT_REACH: usize = 4096;

/// Whether the expression at byte `start` of `text` is when something agreed, promised or
/// planned was to be done ("the Chinese dominions, which it had agreed to evacuate in the autumn
/// of 1903, but had failed to"): a time the story looks ahead to, not one it has
/// reached, so no later day or month without a year is read in it (Tyler, summing up
/// 1904, had "the naval battle of August 10" in 1903); "that day" may still point to it
/// ("promised to evacuate Manchuria October 8, 1903. But when that day came"). The verb,
/// "to", one or two words and a preposition come before it.
fn is_an_aim(text: &str, start: usize) -> bool {
    const AIMS: &[&str] = &[
        "agreed",
        "promised",
        "undertook",
        "undertaken",
        "pledged",
        "engaged",
        "consented",
        "intended",
        "planned",
        "proposed",
        "arranged",
        "resolved",
        "determined",
        "decided",
    ];
    const PREPOSITIONS: &[&str] = &["in", "by", "on", "before", "during", "within"];
    let is =
        |w: Option<&str>, list: &[&str]| w.is_some_and(|w| list.iter().any(|x| w.eq_ignore_ascii_case(x)));
    // The words before it, read from the text: the verb may lie before the trigger's
    // region, so outside the tokens. Read back one at a time: this runs at every time
    // that moves the story, and most fail at the first or second word.
    let from = crate::text::ceil_boundary(text, start.saturating_sub(80));
    let mut words = text.get(from..start).unwrap_or("").split_ascii_whitespace().rev();
    let mut word = words.next();
    if is(word, PREPOSITIONS) {
        word = words.next();
    }
    for _ in 0..2 {
        if !word.is_some_and(|w| w.bytes().all(|b| b.is_ascii_alphabetic())) {
            return false;
        }
        word = words.next();
        if is(word, &["to"]) {
            return is(words.next(), AIMS);
        }
    }
    false
}

/// Whether tokens `start..end` are a bare year after a capitalised word and "of" ("the
/// Ikon of 1612", "the China-Japan War of 1894", "the Boxer Protocol of 1901"): a label of
/// the thing named, not a time the story has reached, so no later day or month without a
/// year is read in it (Reed, in November 1917: "... the Ikon of 1612 ... On the first of
/// November Colonel Polkovnikov, Military Commander of Petrograd"). The story may well be
/// in that year ("the Demands of 1915 ... 19th May"); then the day stays without a year,
/// which claims nothing wrong, where a wrong year would. An instrument or a massacre
/// written in lowercase is named as well ("the treaty of 1885", "the Tien-tsin massacre of
/// 1870": White, in the summer of 1894, had its days in 1885); a war or a rebellion is a
/// period a story may be in ("The war of 1904 went on. On the 8th of February ...").
fn labels_a_name(toks: &[Tok<'_>], start: usize, end: usize) -> bool {
    let at = |k: usize| start.checked_sub(k).and_then(|i| toks.get(i));
    let bare_year = end == start + 1 && toks.get(start).is_some_and(|t| t.kind == Kind::Num);
    // A heading in capitals ("DURING THE CRISIS OF 1900") announces the years it tells of.
    let heading = |t: &Tok<'_>| t.text.len() > 1 && !t.text.chars().any(char::is_lowercase);
    let name = at(2).is_some_and(|t| {
        t.kind == Kind::Word
            && ((t.is_capitalized() && t.month == 0 && !heading(t)) || EVENT_KINDS.iter().any(|k| t.is(k)))
    });
    bare_year && at(1).is_some_and(|t| t.is("of")) && name
}

/// Kinds of event a year labels after "of" in lowercase ("the treaty of 1885").
const EVENT_KINDS: [&str; 8] =
    ["treaty", "convention", "protocol", "agreement", "alliance", "massacre", "edict", "decree"];

/// Which way an open value runs from the date or phrase it is read from: from it on
/// ("since", "onwards"), up to it ("until", "by", "up to"), up to the day before it
/// ("before", "prior to"), or from the day after it ("after").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    From,
    Until,
    Before,
    After,
}

impl Open {
    /// The open value that runs this way from `p`.
    fn value(self, p: Period) -> Option<TimeValue> {
        match self {
            Open::From => edtf::open_from(p),
            Open::Until => edtf::open_until(p),
            Open::Before => edtf::open_until(edtf::pred(p)?),
            Open::After => edtf::open_from(edtf::succ(p)?),
        }
    }
}

pub(super) const WEEKDAYS: [&str; 7] =
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
pub(super) const ORDINALS: [&str; 21] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
];
pub(super) const NUMBERS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
pub(super) const TENS: [&str; 8] =
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/// Words before a number that make it a page, volume, count or sum, not a year.
const BEFORE_NOT_YEAR: &[&str] = &[
    "p",
    "pp",
    "page",
    "pages",
    "chapter",
    "chap",
    "ch",
    "vol",
    "vols",
    "volume",
    "no",
    "nos",
    "number",
    "route",
    "issue",
    "art",
    "article",
    "section",
    "sect",
    "sec",
    "fig",
    "figure",
    "plate",
    "note",
    "footnote",
    "table",
    "verse",
    "line",
    "lines",
    "col",
    "column",
    "item",
    "room",
    "tel",
    "phone",
    "isbn",
    "part",
    "psalm",
    "op",
    "serial",
    "lot",
    "box",
    "grid",
    "sheet",
    "folio",
    "fol",
    "catalogue",
    "catalog",
    "inventory",
    "inv",
    "accession",
    "ms",
    "mss",
    "plot",
    // A count: "the regiment numbered 1894 in all", "losses totalled 1904".
    "numbered",
    "numbering",
    "totalled",
    "totaled",
    "totalling",
    "totaling",
];
/// `BEFORE_NOT_YEAR` and `AFTER_NOT_YEAR` sorted, for a binary search: the context test of
/// every expression read looks a word up in each, and a look down the lists (a hundred
/// words and more) was most of that test.
static BEFORE_NOT_YEAR_SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| sorted(BEFORE_NOT_YEAR));
static AFTER_NOT_YEAR_SORTED: LazyLock<Vec<&str>> = LazyLock::new(|| sorted(AFTER_NOT_YEAR));

crate::warm_up!(BEFORE_NOT_YEAR_SORTED, AFTER_NOT_YEAR_SORTED);

fn sorted(words: &[&'static str]) -> Vec<&'static str> {
    let mut v = words.to_vec();
    v.sort_unstable();
    v
}

/// Whether `word` is in `sorted` (lowercase words, sorted) in any ASCII case: what
/// `eq_ignore_ascii_case` against each of them says.
fn in_any_case(sorted: &[&str], word: &str) -> bool {
    sorted.binary_search_by(|w| w.bytes().cmp(word.bytes().map(|b| b.to_ascii_lowercase()))).is_ok()
}

/// The dotted eras by their first two letters ("B. C.", "A. D.", "C. E."; "B. C. E." goes
/// on after them): what `Grammar::era` reads, and what `scan::number_triggers` looks for
/// after a short number.
pub(super) const DOTTED_ERAS: [(u8, u8); 3] = [(b'B', b'C'), (b'A', b'D'), (b'C', b'E')];

/// Characters right before a number that make it a sum or a reference.
const SIGNS_NOT_YEAR: [char; 9] = ['$', '£', '¥', '€', '#', '№', '§', '¶', '+'];
/// Words after a number that make it a measure or a count.
const AFTER_NOT_YEAR: &[&str] = &[
    "men",
    "man",
    "troops",
    "soldiers",
    "officers",
    "sailors",
    "rifles",
    "guns",
    "horses",
    "people",
    "persons",
    "inhabitants",
    "souls",
    "families",
    "houses",
    "killed",
    "wounded",
    "prisoners",
    "dead",
    "strong",
    "tons",
    "ton",
    "tonnes",
    "feet",
    "foot",
    "ft",
    "metres",
    "meters",
    "metre",
    "meter",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "yards",
    "yds",
    "inches",
    "versts",
    "verst",
    "li",
    "roubles",
    "rubles",
    "rouble",
    "ruble",
    "dollars",
    "yen",
    "taels",
    "tael",
    "pounds",
    "lbs",
    "lb",
    "francs",
    "marks",
    "sterling",
    "piculs",
    "catties",
    "acres",
    "hectares",
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "pm",
    "copies",
    "pages",
    "volumes",
    "ships",
    "vessels",
    "cases",
    "cattle",
    "per",
    "percent",
    "street",
    "avenue",
    "ave",
    "road",
    "boulevard",
    "lane",
    "results",
    "words",
    "degrees",
    "sq",
    "square",
    "cubic",
    "cwt",
    "kilos",
    "shells",
    "rounds",
    "shots",
    "cartridges",
    "casualties",
    "boats",
    "junks",
    "steamers",
    "transports",
    "wagons",
    "carts",
    "coolies",
    "workers",
    "labourers",
    "laborers",
    "refugees",
    "civilians",
    "missionaries",
    "converts",
    "villages",
    "bales",
    "chests",
    "sacks",
    "bundles",
    "bushels",
    "pieces",
    "suits",
    "kinds",
    "drowned",
    "missing",
    "captured",
    "mon",
    "koku",
    "ryo",
    "sen",
    "cash",
    "kopeks",
    "poods",
    "puds",
];
/// Words before a relative expression that make it a duration ("for the next year").
const DURATION: [&str; 7] = ["for", "over", "throughout", "within", "through", "all", "spanning"];

/// `period`, read from the previous date `base`, as an expression over tokens `i..end`;
/// `None` if the period does not exist.
fn from_previous(i: usize, end: usize, period: Period, base: &TimeValue) -> Option<Found> {
    anchored(i, end, period, Anchor::Previous(base.edtf.clone()))
}

/// `period`, read from `anchor`, as an expression over tokens `i..end`; `None` if the
/// period does not exist.
fn anchored(i: usize, end: usize, period: Period, anchor: Anchor) -> Option<Found> {
    period.is_valid().then(|| Found {
        start: i,
        end,
        value: period.value(),
        written: None,
        anchor: Some(anchor),
    })
}

/// Words that step from a time to the next, to the one before, or stay: "the following
/// year", "the previous day", "the same month" (`Grammar::step_at`).
pub(super) const STEPS_AHEAD: [&str; 4] = ["following", "next", "succeeding", "ensuing"];
pub(super) const STEPS_BACK: [&str; 2] = ["previous", "preceding"];
pub(super) const STEP_NONE: &str = "same";

/// Parts of a day after "that", "the same", "the next": "that night", "the next morning".
pub(super) const PARTS_OF_DAY: [&str; 4] = ["morning", "evening", "night", "afternoon"];

/// The words after a unit or a part of the day that count it from the previous date with
/// no step before it ("the year before", "the day after"; `relative_unit`), and the step
/// each makes. `opens_nothing` lets a "the" before such a unit through only with one.
const UNIT_STEPS: [(&str, i64); 2] = [("before", -1), ("after", 1)];

/// The words after "the" that some production reads, besides numbers, months, the words
/// the tokenizer marks as starters or units, steps ("the following year", `step_at`) and
/// `PARTS_OF_DAY` ("the morning of the 5th"), all of which `Grammar::may_follow_the` lets
/// through: parts ("the end of", "the latter part of", "the turn of the century") and
/// "thirtieth", an ordinal that opens nothing ("the thirtieth of May"), and the leap month
/// of an era date ("the leap 3rd month of the first year of Man'en", `Grammar::era_date`).
pub(super) const AFTER_THE: [&str; 12] = [
    "end",
    "close",
    "beginning",
    "start",
    "opening",
    "earlier",
    "later",
    "latter",
    "turn",
    "thirtieth",
    "leap",
    "intercalary",
];

/// The words the tokenizer marks `after_the` (lowercase): steps, parts of a day and
/// `AFTER_THE`, which `Grammar::may_follow_the` lets through besides starters, units and
/// months.
pub(super) fn words_after_the() -> impl Iterator<Item = &'static str> {
    STEPS_AHEAD.into_iter().chain(STEPS_BACK).chain([STEP_NONE]).chain(PARTS_OF_DAY).chain(AFTER_THE)
}

/// What else a day's "of" may follow, besides `PARTS_OF_DAY`: "the day of the 28th", "the
/// eve of the 12th".
const DAY_OF: [&str; 3] = ["day", "dawn", "eve"];

/// Nouns an ordinal counts, which a day of the month never precedes: "the 12th Division",
/// "the 19th century". A name in between ("the 3rd Siberian Rifles") is not caught here;
/// a bare day also needs a day or month before it to count from.
const COUNTED: [&str; 34] = [
    "century",
    "centuries",
    "army",
    "armies",
    "division",
    "divisions",
    "regiment",
    "regiments",
    "battalion",
    "battalions",
    "brigade",
    "brigades",
    "corps",
    "dynasty",
    "year",
    "years",
    "month",
    "day",
    "days",
    "chapter",
    "article",
    "section",
    "page",
    "line",
    "street",
    "company",
    "battery",
    "squadron",
    "fleet",
    "infantry",
    "cavalry",
    "artillery",
    "rifles",
    "time",
];

/// Month `m` of year `y`, `k` months on (back, when negative).
fn shifted_month(y: i64, m: u8, k: i64) -> Option<Period> {
    let total = (y * 12 + i64::from(m) - 1).checked_add(k)?;
    Some(Period::Month(Some(total.div_euclid(12)), u8::try_from(total.rem_euclid(12) + 1).ok()?))
}

/// A season or a month named by `relative_named`.
enum Named {
    Season(Season),
    Month(u8),
}

/// Words that make a count a round figure: "some thirty years ago", "about a week later".
const HEDGES: [&str; 9] =
    ["about", "some", "nearly", "almost", "around", "roughly", "approximately", "over", "fully"];

/// Prepositions after which "that" points back to a time ("in that winter", "until that
/// May"), rather than joining a clause.
const THAT_AFTER: [&str; 8] = ["in", "during", "of", "by", "until", "till", "since", "after"];

struct Grammar<'a, 't> {
    t: &'a [Tok<'t>],
    /// The whole text (offsets of `Previous` are into it).
    text: &'a str,
    cx: &'a TagContext,
    prev: Option<&'a Previous>,
    /// `prev` unless that looks back from the time of writing ("ten years ago").
    story: Option<&'a Previous>,
    /// The latest year that labels a name, for counts (`tag_in`).
    label: Option<&'a Previous>,
    /// Where the expression being read starts (bytes).
    here: usize,
    /// The last answers of productions that the others ask again at the same token.
    memo: Memo,
}

/// The last answer of `day_month` and of `ordinal_word`, each with the token it was asked
/// at, and the last token `relative` found nothing at. Within one try of the grammar the
/// productions ask these again at the same token, one right after the other: over the
/// 49 MB sample of the bench corpus, 58,041 of 138,717 calls of `day_month`, 16,933 of
/// 66,588 of `ordinal_word` and 8,626 of 72,295 of `relative`. Each reads only the tokens
/// and the try's fixed context (`prev`, `story`, `label`, `here`), so its answer at a
/// token does not change during a try.
#[derive(Default)]
struct Memo {
    day_month: Last<Option<(usize, u8, u8)>>,
    ordinal_word: Last<Option<(usize, u8)>>,
    no_relative: std::cell::Cell<Option<usize>>,
}

/// The last answer of a production and the token it was asked at.
struct Last<T>(std::cell::Cell<Option<(usize, T)>>);

impl<T> Default for Last<T> {
    fn default() -> Self {
        Last(std::cell::Cell::new(None))
    }
}

impl<T: Copy> Last<T> {
    /// The answer at token `i`: the last one if it was asked at `i`, else `read()`'s.
    fn at(&self, i: usize, read: impl FnOnce() -> T) -> T {
        match self.0.get() {
            Some((at, answer)) if at == i => answer,
            _ => {
                let answer = read();
                self.0.set(Some((i, answer)));
                answer
            }
        }
    }
}

impl Grammar<'_, '_> {
    fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.t.get(i)
    }

    /// Whether a unit of time ("year", "century", ...) is among the next four tokens.
    fn unit_near(&self, i: usize) -> bool {
        self.t.get(i + 1..).is_some_and(|rest| rest.iter().take(4).any(|t| t.unit))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.tok(i).is_some_and(|t| t.is(word))
    }

    fn is_any(&self, i: usize, words: &[&str]) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Word && words.iter().any(|w| t.is(w)))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }

    /// A punctuation token glued to the token before (no space).
    fn glued_punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c) && !t.space_before)
    }

    /// Skips an optional comma.
    fn comma(&self, i: usize) -> usize {
        if self.punct(i, ',') {
            i + 1
        } else {
            i
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == Kind::Punct && matches!(t.text, "-" | "–" | "—"))
    }

    /// A range separator: a dash, "to", "till", "until", "through". Returns the next index.
    fn range_sep(&self, i: usize) -> Option<usize> {
        if self.is_dash(i) {
            // "1899--1901"
            return Some(if self.is_dash(i + 1) { i + 2 } else { i + 1 });
        }
        self.is_any(i, &["to", "till", "until", "through"]).then_some(i + 1)
    }

    /// `range_sep`, or a comma before a word of one, after a date with its own comma:
    /// "from October, 1853, to March, 1854".
    fn range_sep_or_comma(&self, i: usize) -> Option<usize> {
        self.range_sep(i)
            .or_else(|| (self.punct(i, ',') && self.is_any(i + 1, &["to", "till", "until"])).then_some(i + 2))
    }

    // ---- words ----------------------------------------------------------------------

    /// A capitalised month name or abbreviation (with its period). Returns (next, month).
    fn month(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || t.month == 0 {
            return None;
        }
        let full = t.text.len() > 4
            || t.text.eq_ignore_ascii_case("june")
            || t.text.eq_ignore_ascii_case("july")
            || t.text.eq_ignore_ascii_case("may");
        let next = if !full && self.glued_punct(i + 1, '.') { i + 2 } else { i + 1 };
        Some((next, t.month))
    }

    /// A full month name (for bare months: "the end of December").
    fn full_month(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.tok(i)?;
        let (next, m) = self.month(i)?;
        (next == i + 1 && t.text.len() >= 4 && !t.is("may") && !t.is("march")).then_some((next, m))
    }

    fn weekday(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.is_capitalized()) && self.is_any(i, &WEEKDAYS)
    }

    /// A day of the month: `8`, `8th`.
    fn day(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num
            || t.digits == 0
            || t.digits > 2
            || !matches!(t.suffix, Suffix::None | Suffix::Ordinal)
        {
            return None;
        }
        let d = u8::try_from(t.num?).ok()?;
        if !(1..=31).contains(&d) {
            return None;
        }
        // Not "8:30", "8.5", "8/9" (a dual date is read elsewhere).
        if self.glued_punct(i + 1, ':')
            || (self.glued_punct(i + 1, '.')
                && self.tok(i + 2).is_some_and(|n| n.kind == Kind::Num && !n.space_before))
        {
            return None;
        }
        Some((i + 1, d))
    }

    /// Whether the token at `i` is four digits that could be a year (1000–2099), whatever is
    /// glued after them ("1904's"): a copy of a sentence holds its year so, whatever its
    /// punctuation, and the pre-scan takes it as a trigger wherever it stands.
    fn year_digits(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            t.kind == Kind::Num && t.digits == 4 && t.num.is_some_and(|y| (1000..=2099).contains(&y))
        })
    }

    /// A four-digit year 1000–2099 with nothing glued to it.
    fn year4(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        let y = t.plain_num()?;
        (t.digits == 4 && (1000..=2099).contains(&y)).then_some((i + 1, y))
    }

    /// An era marker: BC, B.C., BCE, B.C.E., AD, A.D., CE, C.E. Returns (next, is_bc).
    fn era(&self, i: usize) -> Option<(usize, bool)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !t.text.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        match t.text {
            "BC" | "BCE" => return Some((self.dot(i + 1), true)),
            "AD" | "CE" => return Some((self.dot(i + 1), false)),
            _ => {}
        }
        // Dotted: B . C . [E .]
        let &(_, second) = DOTTED_ERAS.iter().find(|(first, _)| t.text.as_bytes() == [*first])?;
        if !self.glued_punct(i + 1, '.') || self.tok(i + 2).is_none_or(|n| n.text.as_bytes() != [second]) {
            return None;
        }
        let mut next = self.dot(i + 3);
        if t.text == "B" && self.tok(next).is_some_and(|n| n.text == "E") && self.glued_punct(next + 1, '.') {
            next = self.dot(next + 1);
        }
        Some((next, t.text == "B"))
    }

    /// Skips a glued period.
    fn dot(&self, i: usize) -> usize {
        if self.glued_punct(i, '.') {
            i + 1
        } else {
            i
        }
    }

    /// A small count: `10`, `ten`, `twenty-five`, `a`, `two hundred`. Returns (next, n).
    fn count(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        if let Some(n) = t.plain_num() {
            return (t.digits <= 4 && n > 0).then_some((i + 1, n));
        }
        // "a hundred", "eight hundred" (across a line break too): hundreds of the word's
        // count.
        let hundreds = |n: i64| if self.is(i + 1, "hundred") { (i + 2, n * 100) } else { (i + 1, n) };
        if t.is("a") || t.is("an") || t.is("one") {
            return Some(hundreds(1));
        }
        if let Some(k) = TENS.iter().position(|w| t.is(w)) {
            let tens = i64::try_from(k).ok()? * 10 + 20;
            if self.is_dash(i + 1) {
                if let Some(u) = self.tok(i + 2).and_then(|u| NUMBERS.iter().take(9).position(|w| u.is(w))) {
                    return Some((i + 3, tens + i64::try_from(u).ok()? + 1));
                }
            }
            return Some((i + 1, tens));
        }
        if t.is("hundred") {
            // The end of "eight hundred", read from its first word: alone, a hundred
            // would count from the same base ("eight hundred years later" was a century);
            // and "several hundred years later" is no count at all.
            let counted = i.checked_sub(1).and_then(|p| self.tok(p)).is_some_and(|p| {
                NUMBERS.iter().skip(1).chain(&TENS).chain(&["several", "few", "many"]).any(|w| p.is(w))
                    || p.plain_num().is_some()
            });
            return (!counted).then_some((i + 1, 100));
        }
        let k = NUMBERS.iter().position(|w| t.is(w))?;
        Some(hundreds(i64::try_from(k).ok()? + 1))
    }

    /// An ordinal for centuries: `19th`, `nineteenth`, `twenty-first`. Returns (next, n).
    fn ordinal(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Num {
            return (t.suffix == Suffix::Ordinal && t.digits <= 2).then_some((i + 1, t.num?));
        }
        if t.is("twenty") && self.is_dash(i + 1) && self.is(i + 2, "first") {
            return Some((i + 3, 21));
        }
        let k = ORDINALS.iter().take(20).position(|w| t.is(w))?;
        Some((i + 1, i64::try_from(k).ok()? + 1))
    }

    // ---- absolute points --------------------------------------------------------------

    /// A day-level date with its year: DMY, MDY, "the 8th of February, 1904", with an
    /// optional weekday before. Returns (next, year, month, day).
    fn full_date(&self, i: usize) -> Option<(usize, i64, u8, u8)> {
        let (j, m, d) = self.day_month(i)?;
        let (k, y) = self.year4(self.comma(j))?;
        Some((k, y, m, d))
    }

    /// Past a "the" before an ordinal ("the 8th"), or `i` itself.
    fn past_the(&self, i: usize) -> usize {
        if self.is(i, "the") && self.tok(i + 1).is_some_and(|t| t.suffix == Suffix::Ordinal) {
            i + 1
        } else {
            i
        }
    }

    /// A day and month, either order: "8 February", "February 8", "the 8th of February",
    /// "Feb. 8th", "February the 6th". Returns (next, month, day).
    fn day_month(&self, i: usize) -> Option<(usize, u8, u8)> {
        self.memo.day_month.at(i, || self.day_month_at(i))
    }

    /// `day_month`, read.
    fn day_month_at(&self, i: usize) -> Option<(usize, u8, u8)> {
        // "the eighth of February", "the twenty-first day of May": a day in words only
        // with "the" before and "of" after.
        if self.is(i, "the") {
            if let Some((j, d)) = self.ordinal_word(i + 1) {
                let j = if self.is(j, "day") { j + 1 } else { j };
                if self.is(j, "of") {
                    let (k, m) = self.month(j + 1)?;
                    return Period::Day(None, m, d).is_valid().then_some((k, m, d));
                }
            }
        }
        let i = self.past_the(i);
        if let Some((j, d)) = self.day(i) {
            let j = if self.is(j, "of") { j + 1 } else { j };
            let (k, m) = self.month(j)?;
            return Period::Day(None, m, d).is_valid().then_some((k, m, d));
        }
        // "February 8", and the older "February the 6th".
        let (j, m) = self.month(i)?;
        let (k, d) = self.day(self.past_the(j))?;
        Period::Day(None, m, d).is_valid().then_some((k, m, d))
    }

    /// An ordinal day in words, "first" to "thirty-first" ("twenty-first" or "twenty
    /// first"): where it ends and the day.
    fn ordinal_word(&self, i: usize) -> Option<(usize, u8)> {
        self.memo.ordinal_word.at(i, || self.ordinal_word_at(i))
    }

    /// `ordinal_word`, read.
    fn ordinal_word_at(&self, i: usize) -> Option<(usize, u8)> {
        let t = self.tok(i)?;
        // Ordinal words are five to eleven letters long and end in "st", "nd", "rd" or
        // "th", the tens in "y": two tests rule out most words.
        let last = t.text.as_bytes().last().map(u8::to_ascii_lowercase);
        if t.kind != Kind::Word
            || !(5..=11).contains(&t.text.len())
            || !matches!(last, Some(b't' | b'd' | b'h' | b'y'))
        {
            return None;
        }
        let units =
            |w: &str| ORDINALS.iter().take(9).position(|o| *o == w).and_then(|n| u8::try_from(n + 1).ok());
        let word = Lower::new(t.text);
        let tens = match word.as_str() {
            "twenty" => 20,
            "thirty" => 30,
            "thirtieth" => return Some((i + 1, 30)),
            w => {
                let n = ORDINALS.iter().take(20).position(|o| *o == w)?;
                return Some((i + 1, u8::try_from(n + 1).ok()?));
            }
        };
        let j = if self.glued_punct(i + 1, '-') { i + 2 } else { i + 1 };
        let unit = units(Lower::new(self.tok(j)?.text).as_str())?;
        Some((j + 1, tens + unit))
    }

    /// A month with its year: "January 1905", "February, 1904", "May of 1905".
    fn month_year(&self, i: usize) -> Option<(usize, i64, u8)> {
        let (j, m) = self.month(i)?;
        let j = self.comma(j);
        let j = if self.is(j, "of") { j + 1 } else { j };
        let (k, y) = self.year4(j)?;
        Some((k, y, m))
    }

    /// A season with its year: "summer 1998", "the spring of 1905", "the winter of 1904-05".
    fn season_year(&self, i: usize) -> Option<(usize, Period)> {
        let season = self.season_word(i)?;
        let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        // "the spring of the year 1900".
        let j = if self.is(j, "the") && self.is(j + 1, "year") { j + 2 } else { j };
        let (mut k, y) = self.year4(j)?;
        // "the winter of 1904-5", "1904/5", "1904–1905": the winter that starts in 1904.
        let joined = self.tok(k).is_some_and(|t| !t.space_before) && (self.is_dash(k) || self.punct(k, '/'));
        if season == Season::Winter && joined {
            if let Some(t2) = self.tok(k + 1).filter(|t2| !t2.space_before && t2.digits > 0) {
                let next = y + 1;
                if t2.num == Some(next % 100) && t2.digits == 2
                    || t2.num == Some(next % 10) && t2.digits == 1
                    || t2.num == Some(next) && t2.digits == 4
                {
                    k += 2;
                }
            }
        }
        Some((k, Period::Season(y, season)))
    }

    /// "the 1890s", "1890's" (a year ending in 00 is the century: "the 1800s" is `18XX`).
    fn decade(&self, i: usize) -> Option<(usize, Period)> {
        let t = self.tok(i)?;
        let y = t.num?;
        if t.kind != Kind::Num
            || t.suffix != Suffix::Plural
            || t.digits != 4
            || y % 10 != 0
            || !(1000..=2090).contains(&y)
        {
            return None;
        }
        Some((i + 1, if y % 100 == 0 { Period::Century(y) } else { Period::Decade(y) }))
    }

    /// "19th century", "nineteenth-century", "5th century BC".
    fn century(&self, i: usize) -> Option<(usize, Period, bool)> {
        if !self.unit_near(i) {
            return None;
        }
        let (j, n) = self.ordinal(i)?;
        if !(1..=21).contains(&n) {
            return None;
        }
        let j = if self.is_dash(j) { j + 1 } else { j };
        if !self.is(j, "century") {
            return None;
        }
        if let Some((k, true)) = self.era(j + 1) {
            // The 5th century BC: 500–401 BC, astronomical -499..-400.
            return Some((k, Period::CenturyBc(n), true));
        }
        Some((j + 1, Period::Century((n - 1) * 100), false))
    }

    /// A bare year, with an era or not: "1894", "480 BC", "A.D. 1000".
    fn year(&self, i: usize) -> Option<(usize, i64, bool)> {
        let t = self.tok(i)?;
        if let Some(n) = t.plain_num() {
            if t.digits <= 4 {
                if let Some((k, bc)) = self.era(i + 1) {
                    if n >= 1 {
                        return Some((k, if bc { 1 - n } else { n }, true));
                    }
                }
            }
            let (k, y) = self.year4(i)?;
            return self.bare_year_ok(i, true).then_some((k, y, false));
        }
        if let Some((j, false)) = self.era(i) {
            let n = self.tok(j)?.plain_num()?;
            if self.tok(j)?.digits <= 4 && n >= 1 {
                return Some((j + 1, n, true));
            }
        }
        None
    }

    /// A year with an era marker: "480 BC", "A.D. 1000".
    fn era_year(&self, i: usize) -> Option<(usize, i64)> {
        self.year(i).filter(|(_, _, era)| *era).map(|(k, y, _)| (k, y))
    }

    /// Whether the number at `i` can stand alone as a year: no hyphen chain (phone
    /// numbers, ISBNs), no clock time or decimal, no page range.
    fn bare_year_ok(&self, i: usize, check_before: bool) -> bool {
        let chain = |c: char| matches!(c, '-' | '–' | '/' | '.' | ':');
        let glued_num = |k: usize| self.tok(k).is_some_and(|t| t.kind == Kind::Num && !t.space_before);
        if check_before && i >= 2 {
            if let Some(p) = self.tok(i - 1) {
                if p.kind == Kind::Punct
                    && !p.space_before
                    && p.text.starts_with(chain)
                    && self.tok(i).is_some_and(|t| !t.space_before)
                    && self.tok(i - 2).is_some_and(|t| t.kind == Kind::Num)
                {
                    return false;
                }
            }
        }
        if let Some(n) = self.tok(i + 1) {
            if n.kind == Kind::Punct && !n.space_before && n.text.starts_with(chain) && glued_num(i + 2) {
                // "1904-05" and "1899-1901" are ranges, read by the caller; a third group is
                // a phone number or an ISBN.
                if n.text.starts_with(':') || n.text.starts_with('.') || n.text.starts_with('/') {
                    return false;
                }
                if self
                    .tok(i + 3)
                    .is_some_and(|t| t.kind == Kind::Punct && !t.space_before && t.text.starts_with(chain))
                    && glued_num(i + 4)
                {
                    return false;
                }
            }
        }
        true
    }

    /// The expression's neighbours: nothing that makes its number a page, a sum, a count
    /// or a measure.
    fn context_ok(&self, start: usize, end: usize) -> bool {
        if start >= 1 {
            if let Some(p) = self.tok(start - 1) {
                let first = self.tok(start);
                let glued = first.is_some_and(|f| !f.space_before);
                if p.kind == Kind::Punct && glued && p.text.starts_with(SIGNS_NOT_YEAR) {
                    return false;
                }
                // "US$", "p. 1904", "No. 1895", "Chapter 1900"
                let word_before = if p.is_punct('.') && start >= 2 { self.tok(start - 2) } else { Some(p) };
                if word_before
                    .is_some_and(|w| w.kind == Kind::Word && in_any_case(&BEFORE_NOT_YEAR_SORTED, w.text))
                    && first.is_some_and(|f| f.kind == Kind::Num && f.suffix == Suffix::None)
                {
                    return false;
                }
            }
        }
        // A count in a table whose rows are months (`led_from_a_month`).
        if end == start + 1
            && self.tok(start).is_some_and(|t| t.kind == Kind::Num && led_from_a_month(self.text, t.start))
        {
            return false;
        }
        let last_is_num = end >= 1 && self.tok(end - 1).is_some_and(|t| t.kind == Kind::Num);
        // A number right after a month ("In June 1894 troops landed") or a year after "in"
        // ("In 1894 troops landed") is no count of what follows it; after a day and a comma
        // it may be ("Up to July 1, 1106 wounded were taken to Tokio").
        let dated = || {
            let after_month = end >= start + 2 && self.tok(end - 2).is_some_and(|t| t.month != 0);
            after_month || (start >= 1 && self.is(start - 1, "in") && self.year4(start).is_some())
        };
        if let Some(n) = self.tok(end) {
            if last_is_num
                && n.kind == Kind::Word
                && (n.text == "PM" || n.text == "AM" || AFTER_NOT_YEAR_SORTED.binary_search(&n.text).is_ok())
                && !dated()
            {
                return false;
            }
            if last_is_num
                && (n.is_punct('%')
                    || (n.is_punct('-')
                        && self.is_any(
                            end + 1,
                            &["year", "month", "day", "mile", "ton", "foot", "pound", "man"],
                        )))
            {
                return false;
            }
            // "1280 taken prisoners", "900 made prisoners"
            if last_is_num
                && self.is_any(end, &["taken", "made"])
                && self.is_any(end + 1, &["prisoner", "prisoners", "captive", "captives"])
                && !dated()
            {
                return false;
            }
            // "1904 Main Street"
            if last_is_num
                && n.kind == Kind::Word
                && n.is_capitalized()
                && self.is_any(end + 1, &["street", "st", "avenue", "road", "lane", "boulevard"])
            {
                return false;
            }
        }
        // "382 killed and 1280 taken": a bare number joined by "and" or "or" to a count
        // ("382 killed", "500 men") counts too. The count's own number must not follow a
        // month or "in" ("In 1894 troops and 1895 ..."), as for a count after the number.
        if last_is_num && end == start + 1 && start >= 3 && self.is_any(start - 1, &["and", "or"]) {
            let counted = self.tok(start - 2).is_some_and(|w| {
                w.kind == Kind::Word && AFTER_NOT_YEAR_SORTED.binary_search(&w.text).is_ok() && !w.unit
            }) && self.tok(start - 3).is_some_and(|t| t.kind == Kind::Num)
                && !(start >= 4 && self.tok(start - 4).is_some_and(|t| t.month != 0 || t.is("in")));
            if counted {
                return false;
            }
        }
        true
    }

    /// An absolute point: anything with its own year. Returns (next, period, era_marked).
    fn point(&self, i: usize) -> Option<(usize, Period)> {
        if let Some(r) = self.iso_date(i) {
            return Some(r);
        }
        if let Some((k, y, m, d)) = self.full_date(i) {
            return Some((k, Period::Day(Some(y), m, d)));
        }
        if let Some((k, y, m)) = self.month_year(i) {
            return Some((k, Period::Month(Some(y), m)));
        }
        if let Some(r) = self.season_year(i) {
            return Some(r);
        }
        if let Some(r) = self.decade(i) {
            return Some(r);
        }
        if let Some((k, p, _)) = self.century(i) {
            return Some((k, p));
        }
        let (k, y, _) = self.year(i)?;
        Some((k, Period::Year(y)))
    }

    /// "1904-02-08".
    fn iso_date(&self, i: usize) -> Option<(usize, Period)> {
        let (j, y) = self.year4(i)?;
        let two = |k: usize| -> Option<u8> {
            let t = self.tok(k)?;
            (!t.space_before && t.digits == 2 && t.suffix == Suffix::None)
                .then(|| t.num.and_then(|n| u8::try_from(n).ok()))
                .flatten()
        };
        if !self.glued_punct(j, '-') || !self.glued_punct(j + 2, '-') {
            return None;
        }
        let p = Period::Day(Some(y), two(j + 1)?, two(j + 3)?);
        if self.tok(j + 4).is_some_and(|t| !t.space_before && (t.kind == Kind::Num || t.is_punct('-'))) {
            return None;
        }
        p.is_valid().then_some((j + 4, p))
    }

    // ---- expressions --------------------------------------------------------------------

    fn expr(&self, i: usize) -> Option<Found> {
        if self.opens_nothing(i) {
            return None;
        }
        self.expr_at(i)
    }

    /// Whether the starter at `i` opens no expression, by a test of the words after it
    /// that every production from it makes first. Most starters are "the" and "a", and
    /// nearly all of them open none: no production goes on from "the" but through the
    /// word after it (`may_follow_the`), and "a" or "an" opens only a count of units ("a
    /// year later", `relative`, which wants a unit among the next four tokens), or "A"
    /// the era "A.D.". Nor through a unit of time or a part of the day right after "the"
    /// but as "the year before" or "the night after" (`counted_only_before_or_after`).
    fn opens_nothing(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return true };
        if t.is("the") {
            return !self.may_follow_the(i + 1) || self.counted_only_before_or_after(i + 1);
        }
        (t.is("a") || t.is("an")) && t.text != "A" && !self.unit_near(i)
    }

    /// Whether the word at `i`, right after a "the", is a unit of time or a part of the day
    /// (and no month, number or starter) with no "before" or "after" after it. From such a
    /// "the" only `relative_unit` reads on ("the year before", "the night after"): the
    /// others want a number, an ordinal, a month, a season, a step or a word of `AFTER_THE`
    /// right after "the" (`the_phrase`, `era_date`, `relative_from_the`; `dated` at the
    /// word or at "the"). Over the 49 MB sample of the bench corpus, 2,845 or more of the
    /// 12,659 tries from "the" that `may_follow_the` let through were at such a word ("the
    /// year", "the day", "the night"), at about 3,900 instructions each, and 26 read
    /// anything, all with "before" or "after" next.
    fn counted_only_before_or_after(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        t.kind == Kind::Word
            && t.month == 0
            && !t.starter
            && (t.unit || self.is_any(i, &PARTS_OF_DAY))
            && !UNIT_STEPS.iter().any(|(w, _)| self.is(i + 1, w))
    }

    /// `expr` without its test of the words after "the" and "a" (`opens_nothing`).
    fn expr_at(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        if let Some(f) = self.era_date(i) {
            return Some(f);
        }
        if t.kind == Kind::Word {
            if let Some(f) = self.prefixed(i) {
                return Some(f);
            }
        }
        if let Some(f) = self.relative(i) {
            return Some(f);
        }
        self.dated(i, i)
    }

    /// A date or period at `i`, its span starting at `from` (a weekday or modifier), with
    /// range, Old Style and dual-date continuations.
    fn dated(&self, from: usize, i: usize) -> Option<Found> {
        // A weekday before a day-level date.
        if self.weekday(i) {
            let j = self.comma(i + 1);
            let f = self.dated(from, j)?;
            return (f.value.granularity == Granularity::Day).then_some(f);
        }
        // Dual dates with one year: "January 9/22, 1905", "9/22 January 1905".
        if let Some(f) = self.dual_days(from, i) {
            return Some(f);
        }
        if let Some(f) = self.short_first_range(from, i) {
            return Some(f);
        }
        if let Some(f) = self.day_range(from, i) {
            return Some(f);
        }
        if let Some(f) = self.month_range(from, i, false) {
            return Some(f);
        }
        if let Some((k, p)) = self.point(i) {
            // A range: "1894 - 1895", "1904-05", "1870s-1890s", "8 February - 10 March 1905".
            if let Some(f) = self.range_after(from, k, p) {
                return Some(f);
            }
            if let Period::Day(Some(y), m, d) = p {
                return Some(self.day_calendar(from, k, y, m, d));
            }
            return Some(self.found(from, k, p.value()));
        }
        // Day and month with no year, then maybe a range to a full date.
        if let Some((k, m, d)) = self.day_month(i) {
            if let Some(sep) = self.range_sep(k) {
                if let Some((k2, y, m2, d2)) = self.full_date(sep) {
                    let a = Period::Day(Some(y), m, d);
                    if a.is_valid() {
                        if let Some(v) = edtf::range(a, Period::Day(Some(y), m2, d2)) {
                            return Some(self.found(from, k2, v));
                        }
                    }
                }
            }
            // "8-10 February 1904" is not read; "Feb 6" alone is.
            if self.tok(k).is_some_and(|n| n.kind == Kind::Num && !n.space_before) {
                return None;
            }
            // "the 25th of June of the following year": the year is the previous date's next.
            if let Some((end, y, anchor)) = self.of_relative_year(k) {
                if Period::Day(Some(y), m, d).is_valid() {
                    let mut f = self.day_calendar(from, end, y, m, d);
                    f.anchor = Some(anchor);
                    return Some(f);
                }
            }
            if let Some(f) = self.partial_range(from, k, m, d) {
                return Some(f);
            }
            return Some(self.partial_day(from, k, m, d));
        }
        // A month alone after a preposition: "in November", "early in October".
        if let Some((k, m)) = self.bare_month(i) {
            if let Some((end, y, anchor)) = self.of_relative_year(k) {
                return anchored(from, end, Period::Month(Some(y), m), anchor);
            }
            let (y, anchor) = self.year_for_partial(false, m);
            return Some(Found {
                start: from,
                end: k,
                value: Period::Month(y, m).value(),
                written: None,
                anchor: Some(anchor),
            });
        }
        None
    }

    /// A full month name right after "in", "during", "of", "until", "since", "by".
    fn bare_month(&self, i: usize) -> Option<(usize, u8)> {
        let (k, m) = self.full_month(i).or_else(|| {
            // "in May", "in March": the verbs never follow "in".
            let t = self.tok(i)?;
            (i >= 1 && self.is(i - 1, "in") && (t.is("may") || t.is("march"))).then_some((i + 1, t.month))
        })?;
        if i == 0
            || !self.is_any(i - 1, &["in", "during", "of", "until", "till", "since", "by", "before", "after"])
        {
            return None;
        }
        // Not "in November, 1898" (read as a month and year) nor "of November 7th".
        if self.tok(k).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        Some((k, m))
    }

    /// A point, or a season with "the" before it ("the spring of 1905").
    fn season_or_point(&self, i: usize) -> Option<(usize, Period)> {
        let j = if self.is(i, "the") && self.season_word(i + 1).is_some() { i + 1 } else { i };
        self.point(j)
    }

    /// After "from", a range in words between points of different kinds that
    /// `range_after` does not join: "from the summer of 1904 to the spring of 1905", "from
    /// the autumn of 1899 to 1901", "from 1904 to the spring of 1905". The second must
    /// end after the first.
    fn mixed_range(&self, from: usize, k: usize, a: Period) -> Option<Found> {
        if self.is_dash(k) {
            return None;
        }
        let sep = self.range_sep_or_comma(k)?;
        let (k2, b) = self.season_or_point(sep)?;
        let ((_, a1), (_, b1)) = (a.bounds()?, b.bounds()?);
        if b1 <= a1 {
            return None;
        }
        Some(self.found(from, k2, edtf::range(a, b)?))
    }

    /// Months with the year written once, at the end: "January–March 1905", "from May to
    /// October, 1904", "between March and May 1905" (`and`: after "between"). A first
    /// month later in the year than the second is in the year before: "from December to
    /// February 1905" is the winter of 1904–05. Read as one range, not as its last month.
    fn month_range(&self, from: usize, i: usize, and: bool) -> Option<Found> {
        let (a, m1) = self.month(i)?;
        let sep = if and { self.is(a, "and").then_some(a + 1)? } else { self.range_sep(a)? };
        let (k, y, m2) = self.month_year(sep)?;
        if m1 == m2 {
            return None;
        }
        let y1 = if m1 < m2 { y } else { y - 1 };
        Some(self.found(from, k, edtf::range(Period::Month(Some(y1), m1), Period::Month(Some(y), m2))?))
    }

    /// "the 19th September to the 26th September", "September 19th to the 25th": a range
    /// of days with no year.
    fn partial_range(&self, from: usize, k: usize, m: u8, d: u8) -> Option<Found> {
        let sep = self.range_sep(k)?;
        let (k2, m2, d2) = self.day_month(sep).or_else(|| {
            let j = if self.is(sep, "the") { sep + 1 } else { sep };
            let t = self.tok(j)?;
            if t.suffix != Suffix::Ordinal && sep == j {
                return None;
            }
            let (k2, d2) = self.day(j)?;
            Some((k2, m, d2))
        })?;
        if (m2, d2) <= (m, d) || self.tok(k2).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        self.partial_days(from, k2, (m, d), (m2, d2))
    }

    /// Days of one month: "8-9 February 1904", "February 8–9, 1904", "the 14th to the
    /// 15th August, 1914", and with no year ("February 8-9", the year from context, as for
    /// "February 8"). Read as one range, not as its last day ("9 February 1904") or its
    /// first ("February 8") alone: the event took both days.
    fn day_range(&self, from: usize, i: usize) -> Option<Found> {
        // Two days of one month joined by "and" or "or" span both ("the 8th and 9th of
        // February, 1904"; "on the 8th or 9th": one of them).
        let sep = |a: usize| self.range_sep(a).or_else(|| self.is_any(a, &["and", "or"]).then_some(a + 1));
        let (k, m, d1, d2) = if let Some((a, d1)) = self.day(self.past_the(i)) {
            let sep = sep(a)?;
            let (b, d2) = self.day(self.past_the(sep))?;
            let b = if self.is(b, "of") { b + 1 } else { b };
            let (k, m) = self.month(b)?;
            (k, m, d1, d2)
        } else {
            let (a, m) = self.month(i)?;
            let (b, d1) = self.day(self.past_the(a))?;
            let sep = sep(b)?;
            let (k, d2) = self.day(self.past_the(sep))?;
            // "February 8 - 10 March": a range to another month, read elsewhere.
            if self.month(k).is_some() || self.is(k, "of") {
                return None;
            }
            (k, m, d1, d2)
        };
        // A run of numbers ("8-9-10 February") is no range of two days.
        if d2 <= d1 || self.tok(k).is_some_and(|t| t.kind == Kind::Num && !t.space_before) {
            return None;
        }
        if let Some((k2, y)) = self.year4(self.comma(k)) {
            let (a, b) = (Period::Day(Some(y), m, d1), Period::Day(Some(y), m, d2));
            if !a.is_valid() || !b.is_valid() {
                return None;
            }
            let (after, style) = self.style_marker(k2);
            let julian = match style {
                Some(c) => c == Calendar::Julian,
                None => self.cx.calendar == Calendar::Julian,
            };
            if julian {
                let (gy1, gm1, gd1) = julian_to_gregorian(y, m, d1)?;
                let (gy2, gm2, gd2) = julian_to_gregorian(y, m, d2)?;
                let mut v = edtf::range(Period::Day(Some(gy1), gm1, gd1), Period::Day(Some(gy2), gm2, gd2))?;
                v.calendar = Calendar::Julian;
                let written = Some(format!("{}/{}", a.edtf(), b.edtf()));
                return Some(Found { start: from, end: after, value: v, written, anchor: None });
            }
            return Some(self.found(from, after, edtf::range(a, b)?));
        }
        self.partial_days(from, k, (m, d1), (m, d2))
    }

    /// "between May 30 and November 30" (the year from context, as for "May 30"), and
    /// "between May 30 and November 30, 1904" (the year written once, at the end).
    fn between_days(&self, i: usize) -> Option<Found> {
        let (k, m, d) = self.day_month(i + 1)?;
        if !self.is(k, "and") {
            return None;
        }
        if let Some((k2, y, m2, d2)) = self.full_date(k + 1) {
            if (m2, d2) <= (m, d) {
                return None;
            }
            let v = edtf::range(Period::Day(Some(y), m, d), Period::Day(Some(y), m2, d2))?;
            return Some(self.found(i, k2, v));
        }
        let (k2, m2, d2) = self.day_month(k + 1)?;
        if (m2, d2) <= (m, d) || self.tok(k2).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        self.partial_days(i, k2, (m, d), (m2, d2))
    }

    /// A range of two days with no year written ("February 8-9", "between May 30 and
    /// November 30"): the year from context, as for one day; `XXXX` when there is none.
    fn partial_days(&self, start: usize, end: usize, (m, d): (u8, u8), (m2, d2): (u8, u8)) -> Option<Found> {
        let (y, anchor) = self.year_for_partial(true, m);
        let (a, b) = (Period::Day(y, m, d), Period::Day(y, m2, d2));
        if !a.is_valid() || !b.is_valid() {
            return None;
        }
        let value = match y {
            Some(_) => edtf::range(a, b)?,
            None => TimeValue { edtf: format!("{}/{}", a.edtf(), b.edtf()), ..a.value() },
        };
        Some(Found { start, end, value, written: None, anchor: Some(anchor) })
    }

    /// "from 960 to 1127": a first year written with three digits.
    fn three_digit_range(&self, i: usize) -> Option<Found> {
        let t = self.tok(i + 1)?;
        let n = t.plain_num().filter(|_| t.digits == 3)?;
        let sep = self.range_sep(i + 2)?;
        let (k, y2) = self.year4(sep)?;
        (y2 > n && self.bare_year_ok(sep, false)).then_some(())?;
        Some(self.found(i, k, edtf::range(Period::Year(n), Period::Year(y2))?))
    }

    /// "(959-1027)": a range of years whose first is written with three digits.
    fn short_first_range(&self, from: usize, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let n = t.plain_num()?;
        // "1122-225 B.C.", "960-1280 A. D.": the era after the second year holds for both.
        if t.digits <= 4 && self.is_dash(i + 1) && self.tok(i + 1).is_some_and(|d| !d.space_before) {
            if let Some((k, y2)) = self.era_year(i + 2) {
                let y1 = if y2 <= 0 { 1 - n } else { n };
                if y1 < y2 && (edtf::YEARS).contains(&y1) {
                    return Some(self.found(from, k, edtf::range(Period::Year(y1), Period::Year(y2))?));
                }
                return None;
            }
        }
        if t.digits != 3 || !self.glued_punct(i + 1, '-') || self.tok(i + 2).is_none_or(|t| t.space_before) {
            return None;
        }
        let (k, y2) = self.year4(i + 2)?;
        if y2 <= n || y2 - n > 150 || !self.bare_year_ok(i + 2, false) || !self.bare_year_ok(i, true) {
            return None;
        }
        Some(self.found(from, k, edtf::range(Period::Year(n), Period::Year(y2))?))
    }

    fn found(&self, start: usize, end: usize, value: TimeValue) -> Found {
        Found { start, end, value, written: None, anchor: None }
    }

    /// After a point ending at `k`: a range separator and a second point.
    fn range_after(&self, from: usize, k: usize, a: Period) -> Option<Found> {
        let sep = self.range_sep_or_comma(k)?;
        let dash = self.is_dash(k);
        match a {
            Period::Year(y) => {
                // "1904-05", "1904-5": the second year's last digits.
                let t = self.tok(sep)?;
                if dash && t.plain_num().is_some() && (t.digits == 2 || t.digits == 1) {
                    let n = t.plain_num()?;
                    let base = if t.digits == 2 { 100 } else { 10 };
                    let y2 = y - y.rem_euclid(base) + n;
                    if y2 <= y
                        || self.glued_punct(sep + 1, '-')
                        || self.glued_punct(sep + 1, ':')
                        || self.glued_punct(sep + 1, '.')
                            && self.tok(sep + 2).is_some_and(|n| n.kind == Kind::Num)
                    {
                        return None;
                    }
                    return Some(self.found(from, sep + 1, edtf::range(a, Period::Year(y2))?));
                }
                let (k2, y2) = match self.era_year(sep) {
                    Some(r) => r,
                    None => {
                        let (k2, y2) = self.year4(sep)?;
                        (self.bare_year_ok(sep, false).then_some(k2)?, y2)
                    }
                };
                if y2 <= y {
                    return None;
                }
                Some(self.found(from, k2, edtf::range(a, Period::Year(y2))?))
            }
            Period::Decade(_) | Period::Century(_) => {
                let j = if self.is(sep, "the") { sep + 1 } else { sep };
                let (k2, b) = self.decade(j).or_else(|| self.century(j).map(|(k, p, _)| (k, p)))?;
                let v = edtf::range(a, b)?;
                Some(self.found(from, k2, v))
            }
            Period::Day(Some(_), ..) | Period::Month(Some(_), _) => {
                let (k2, b) = self.point(sep)?;
                if !matches!(b, Period::Day(..) | Period::Month(..)) {
                    return None;
                }
                let v = edtf::range(a, b)?;
                Some(self.found(from, k2, v))
            }
            _ => None,
        }
    }

    /// A day-level date with its year: Old Style markers and the source's calendar.
    fn day_calendar(&self, from: usize, k: usize, y: i64, m: u8, d: u8) -> Found {
        let gregorian = Period::Day(Some(y), m, d);
        // A dual date: "20 December 1904/2 January 1905".
        if self.glued_punct(k, '/') || (self.punct(k, '/')) {
            if let Some((k2, y2, m2, d2)) = self.full_date(k + 1) {
                if let Some(f) = self.dual(from, k2, (y, m, d), (y2, m2, d2)) {
                    return f;
                }
            }
        }
        let (after, style) = self.style_marker(k);
        let julian = match style {
            Some(Calendar::Julian) => true,
            Some(_) => false,
            None => self.cx.calendar == Calendar::Julian,
        };
        if julian {
            if let Some((gy, gm, gd)) = julian_to_gregorian(y, m, d) {
                let mut v = Period::Day(Some(gy), gm, gd).value();
                v.calendar = Calendar::Julian;
                return Found {
                    start: from,
                    end: after,
                    value: v,
                    written: Some(gregorian.edtf()),
                    anchor: None,
                };
            }
        }
        self.found(from, after, gregorian.value())
    }

    /// Two readings of one day, Old Style first: the value is the New Style one.
    fn dual(&self, from: usize, end: usize, os: (i64, u8, u8), ns: (i64, u8, u8)) -> Option<Found> {
        let jd = days_from_julian(os.0, os.1, os.2)?;
        let ns_period = Period::Day(Some(ns.0), ns.1, ns.2);
        if !ns_period.is_valid() {
            return None;
        }
        let (gd, _) = ns_period.bounds()?;
        // Only when both name the same day.
        if gd != jd {
            return None;
        }
        let mut v = ns_period.value();
        v.calendar = Calendar::Julian;
        let (after, _) = self.style_marker(end);
        Some(Found {
            start: from,
            end: after,
            value: v,
            written: Some(Period::Day(Some(os.0), os.1, os.2).edtf()),
            anchor: None,
        })
    }

    /// "January 9/22, 1905", "9/22 January 1905".
    fn dual_days(&self, from: usize, i: usize) -> Option<Found> {
        let two_days = |j: usize| -> Option<(usize, u8, u8)> {
            let (a, d1) = self.day(j)?;
            if !self.glued_punct(a, '/') {
                return None;
            }
            let (b, d2) = self.day(a + 1)?;
            Some((b, d1, d2))
        };
        if let Some((j, m)) = self.month(i) {
            // The month written is the Old Style one: "January 30/12, 1905" runs into February.
            let (k, d1, d2) = two_days(j)?;
            let (k2, y) = self.year4(self.comma(k))?;
            let m2 = if d2 < d1 { m.checked_add(1).filter(|x| *x <= 12)? } else { m };
            return self.dual(from, k2, (y, m, d1), (y, m2, d2));
        }
        let (k, d1, d2) = two_days(i)?;
        let (k2, m) = self.month(k)?;
        let (k3, y) = self.year4(self.comma(k2))?;
        let m1 = if d2 < d1 { m.checked_sub(1).filter(|x| *x >= 1)? } else { m };
        self.dual(from, k3, (y, m1, d1), (y, m, d2))
    }

    /// An Old or New Style marker after a date: "(O.S.)", "[N.S.]", "O.S.", "Old Style".
    /// Returns (next, calendar named).
    fn style_marker(&self, k: usize) -> (usize, Option<Calendar>) {
        let open = self.punct(k, '(') || self.punct(k, '[');
        let mut j = if open || self.punct(k, ',') { k + 1 } else { k };
        let cal = if self.tok(j).is_some_and(|t| t.text == "O" || t.text == "N")
            && self.glued_punct(j + 1, '.')
            && self.tok(j + 2).is_some_and(|t| t.text == "S")
        {
            let c = if self.tok(j).is_some_and(|t| t.text == "O") {
                Calendar::Julian
            } else {
                Calendar::Gregorian
            };
            j = self.dot(j + 3);
            c
        } else if self.tok(j).is_some_and(|t| t.text == "OS" || t.text == "NS") {
            let c = if self.tok(j).is_some_and(|t| t.text == "OS") {
                Calendar::Julian
            } else {
                Calendar::Gregorian
            };
            j = self.dot(j + 1);
            c
        } else if (self.is(j, "old") || self.is(j, "new")) && self.is(j + 1, "style") {
            let c = if self.is(j, "old") { Calendar::Julian } else { Calendar::Gregorian };
            j += 2;
            c
        } else {
            return (k, None);
        };
        if open {
            if self.punct(j, ')') || self.punct(j, ']') {
                j += 1;
            } else {
                return (k, None);
            }
        }
        (j, Some(cal))
    }

    /// A day and month with no year: the document's year, else the nearest earlier one.
    fn partial_day(&self, from: usize, k: usize, m: u8, d: u8) -> Found {
        let (year, anchor) = self.year_for_partial(true, m);
        let p = Period::Day(year, m, d);
        let p = if p.is_valid() { p } else { Period::Day(None, m, d) };
        let v = if let (Some(y), Calendar::Julian) = (year, self.cx.calendar) {
            julian_to_gregorian(y, m, d).map(|(gy, gm, gd)| {
                let mut v = Period::Day(Some(gy), gm, gd).value();
                v.calendar = Calendar::Julian;
                v
            })
        } else {
            None
        };
        let written = v.as_ref().map(|_| p.edtf());
        Found { start: from, end: k, value: v.unwrap_or_else(|| p.value()), written, anchor: Some(anchor) }
    }

    /// The year a partial date in `month` belongs to, and what said so. `document_first`
    /// prefers the publication year ("September 5 was the 110th Anniversary" in a 2015
    /// blog).
    fn year_for_partial(&self, document_first: bool, month: u8) -> (Option<i64>, Anchor) {
        let doc = self
            .cx
            .document_date
            .as_ref()
            .and_then(|d| d.start_year().map(|y| (y, Anchor::Document(d.edtf.clone()))));
        let story = self.near(self.story);
        let prev = story.and_then(|p| {
            let year = Self::year_after(&p.value, month).or_else(|| p.value.start_year())?;
            Some((year, Anchor::Previous(p.value.edtf.clone())))
        });
        // A nearby earlier day or month ("September 24, 2014 ... September 24") says more
        // than the publication year.
        let prev_is_close = story.is_some_and(|p| p.value.granularity <= Granularity::Month);
        let pick = if self.cx.narrative {
            prev
        } else if document_first && !prev_is_close {
            doc.or(prev)
        } else {
            prev.or(doc)
        };
        match pick {
            Some((y, a)) => (Some(y), a),
            None => (None, Anchor::None),
        }
    }

    /// The year after `before`'s when a text that has reached November or December of it
    /// goes on with January ("December 30, 1904 ... On January 2, General Stoessel
    /// surrendered"): a story told forward has crossed into the next year. Only for a day
    /// or month before, and only across the turn of the year, where the other reading
    /// (eleven months back) is the far-fetched one; a February after December is as often
    /// a look back to the start of a war as a step on ("December 15th ... The Japanese navy
    /// put shells into the town on the 8th of February").
    fn year_after(before: &TimeValue, month: u8) -> Option<i64> {
        if before.granularity > Granularity::Month || month != 1 {
            return None;
        }
        let (y, m, _) = crate::time::civil_from_days(before.latest?);
        (m >= 11).then(|| y.checked_add(1)).flatten()
    }

    /// The nearest earlier date, when it is near enough to resolve against.
    fn near_prev(&self) -> Option<&Previous> {
        self.near(self.prev)
    }

    /// What a count of years counts from ("two years later", "the following year"): the
    /// previous date, or a year that labels a name written after it in the same sentence
    /// ("the treaty of 1778 was refused, and the following year ..."). In a later sentence
    /// the label was an aside ("... the work of the Joint Demarcation Commission of 1868.
    /// The case was dropped ... in the following year" is the year after 1910).
    fn count_base(&self) -> Option<&Previous> {
        let sentence_ends = |s: &str| {
            s.as_bytes().windows(2).any(|w| matches!(w, [b'.' | b'?' | b'!', b] if b.is_ascii_whitespace()))
        };
        let label = self.near(self.label).filter(|l| {
            self.near_prev().is_none_or(|p| l.at > p.at)
                && !self.text.get(l.at..self.here).is_none_or(sentence_ends)
        });
        label.or(self.near_prev())
    }

    /// `earlier`, when it is near enough to resolve against.
    fn near<'p>(&self, earlier: Option<&'p Previous>) -> Option<&'p Previous> {
        earlier.filter(|p| self.here.saturating_sub(p.at) <= PREVIOUS_REACH)
    }

    // ---- prefixed expressions -------------------------------------------------------------

    fn prefixed(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let lower = Lower::new(t.text);
        let w = lower.as_str();
        match w {
            "since" => match self.point(i + 1) {
                Some((k, p)) => Some(self.found(i, k, Open::From.value(p)?)),
                None => self.open_phrase(i, i + 1, Open::From),
            },
            "from" => {
                if let Some(f) = self.three_digit_range(i) {
                    return Some(f);
                }
                let Some((k, p)) = self.season_or_point(i + 1) else {
                    return self.month_range(i, i + 1, false);
                };
                if let Some(f) = self.range_after(i, k, p) {
                    return Some(f);
                }
                if self.is_any(k, &["onwards", "onward", "forward", "forwards"]) {
                    return Some(self.found(i, k + 1, Open::From.value(p)?));
                }
                self.mixed_range(i, k, p)
            }
            "between" => {
                if let Some((k, a)) = self.point(i + 1) {
                    if !self.is(k, "and") {
                        return None;
                    }
                    let (k2, b) = self.point(k + 1)?;
                    return Some(self.found(i, k2, edtf::range(a, b)?));
                }
                self.between_days(i).or_else(|| self.month_range(i, i + 1, true))
            }
            "until" | "till" | "til" => match self.point(i + 1) {
                Some((k, p)) => Some(self.found(i, k, Open::Until.value(p)?)),
                None => self.open_phrase(i, i + 1, Open::Until),
            },
            "up" | "down" if self.is(i + 1, "to") => {
                let (k, p) = self.point(i + 2)?;
                matches!(p, Period::Year(_) | Period::Day(..) | Period::Month(..)).then_some(())?;
                Some(self.found(i, k, Open::Until.value(p)?))
            }
            "before" | "prior" => {
                let j = if w == "prior" {
                    if self.is(i + 1, "to") {
                        i + 2
                    } else {
                        return None;
                    }
                } else {
                    i + 1
                };
                let Some((k, p)) = self.point(j) else { return self.open_phrase(i, j, Open::Before) };
                Some(self.found(i, k, Open::Before.value(p)?))
            }
            "by" => {
                let Some((k, p)) = self.point(i + 1) else { return self.open_phrase(i, i + 1, Open::Until) };
                matches!(p, Period::Year(_) | Period::Day(..) | Period::Month(..)).then_some(())?;
                Some(self.found(i, k, Open::Until.value(p)?))
            }
            "after" => {
                let (k, p) = self.point(i + 1)?;
                matches!(p, Period::Year(_) | Period::Day(..) | Period::Month(..)).then_some(())?;
                Some(self.found(i, k, Open::After.value(p)?))
            }
            "around" | "about" | "circa" | "approximately" | "roughly" | "c" | "ca" => {
                let j = if w.len() <= 2 {
                    if !self.glued_punct(i + 1, '.') || !t.text.starts_with('c') {
                        return None;
                    }
                    i + 2
                } else {
                    i + 1
                };
                let j = if self.is(j, "the") { j + 1 } else { j };
                let (k, p) = self.point(j)?;
                if !matches!(p, Period::Year(_) | Period::Decade(_) | Period::Month(..)) {
                    return None;
                }
                let mut v = self.range_after(j, k, p).map(|f| (f.end, f.value)).unwrap_or((k, p.value()));
                v.1.approximate = true;
                v.1.edtf.push('~');
                Some(self.found(i, v.0, v.1))
            }
            "early" | "late" | "mid" | "middle" => self.part_of(i, i + 1, part_word(w)?),
            "the" => self.the_phrase(i),
            "yesterday" | "today" | "tomorrow" => self.deictic_day(i, w),
            "this" | "last" | "next" if self.is(i + 1, "year") => self.deictic_year(i, w),
            _ => None,
        }
    }

    /// "until the end of December", "since mid-1904", "until March 20th", "prior to July
    /// 30": an open value from a phrase that is not a plain point, keeping its part and its
    /// anchor. Before a phrase with a part ("before the end of December") is not read: the
    /// day before a part is not known; the phrase is read on its own.
    fn open_phrase(&self, from: usize, j: usize, open: Open) -> Option<Found> {
        let lower = Lower::new(self.tok(j)?.text);
        if open == Open::Before && (lower.as_str() == "the" || part_word(lower.as_str()).is_some()) {
            return None;
        }
        let f = if lower.as_str() == "the" {
            let f = self.the_phrase(j)?;
            // "rebuilt since the 1900 siege": the year names the noun after it, which
            // "since" counts from; the year alone is that noun's date.
            if f.end == j + 2 && self.year4(j + 1).is_some() && self.names_a_noun(f.end) {
                return None;
            }
            f
        } else if let Some(part) = part_word(lower.as_str()) {
            self.part_of(j, j + 1, part)?
        } else if self.tok(j)?.kind == Kind::Word && self.month(j).is_none() {
            return None;
        } else {
            self.dated(j, j)?
        };
        let p = Period::parse(&f.value.edtf)?;
        let mut value = open.value(p)?;
        value.part = f.value.part;
        Some(Found { start: from, end: f.end, value, written: None, anchor: f.anchor })
    }

    /// Whether the token at `k`, right after "the" and a year, is a word the year
    /// qualifies ("the 1900 siege", "the 1905 Treaty"), not one that goes on with the
    /// phrase or the clause ("the 1890s", "until the 1905 and ...").
    fn names_a_noun(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| {
            t.kind == Kind::Word
                && t.space_before
                && self.month(k).is_none()
                && self.range_sep(k).is_none()
                && !self.is_any(k, &["and", "or", "onwards", "onward", "forward"])
        })
    }

    /// "early 1905", "late December 1904", "mid-1904", "the early 1890s", "early in 1905",
    /// "early in the year", "the end of December": `part` of the period at `j`.
    fn part_of(&self, from: usize, j: usize, part: PartOf) -> Option<Found> {
        let j = if self.is_dash(j) && self.tok(j).is_some_and(|t| !t.space_before) { j + 1 } else { j };
        // "in" or "of" here, or before where the caller read it ("the end of").
        let here = self.is_any(j, &["in", "of"]);
        let joined = here || j.checked_sub(1).is_some_and(|k| self.is_any(k, &["in", "of"]));
        let j = if here { j + 1 } else { j };
        let j =
            if self.is(j, "the") && !self.is(j + 1, "year") && !self.is(j + 1, "month") { j + 1 } else { j };
        let (k, mut v, anchor) = if let Some((k, p)) = self.point(j) {
            if matches!(p, Period::Day(..)) {
                return None;
            }
            (k, p.value(), None)
        } else if self.is(j, "the") && self.is(j + 1, "year") && self.year4(j + 2).is_some() {
            // "the end of the year 1882"
            let (k, y) = self.year4(j + 2)?;
            (k, Period::Year(y).value(), None)
        } else if joined && self.is(j, "the") && self.is(j + 1, "year") {
            // "late in the year", "the end of the year"; not "late the year", which is no
            // English, and which the pre-scan makes no trigger of (`scan::counted`: a fuzz
            // find read it only where every starter was tried).
            let prev = self.near_prev()?;
            let y = prev.value.start_year()?;
            (j + 2, Period::Year(y).value(), Some(Anchor::Previous(prev.value.edtf.clone())))
        } else if let Some((k, m)) = self.month(j).filter(|(k, _)| *k == j + 1) {
            let (y, anchor) = self.year_for_partial(false, m);
            (k, Period::Month(y, m).value(), Some(anchor))
        } else {
            return None;
        };
        v.part = Some(part);
        Some(Found { start: from, end: k, value: v, written: None, anchor })
    }

    /// Phrases that open with "the".
    fn the_phrase(&self, i: usize) -> Option<Found> {
        let j = i + 1;
        // "the end of", "the beginning of", "the middle of", "the close of", "the start of"
        let part = if self.is(j, "end") || self.is(j, "close") {
            Some(PartOf::End)
        } else if self.is(j, "beginning") || self.is(j, "start") || self.is(j, "opening") {
            Some(PartOf::Start)
        } else if self.is(j, "middle") {
            Some(PartOf::Mid)
        } else {
            None
        };
        if let Some(part) = part {
            if self.is(j + 1, "of") {
                return self.part_of(i, j + 2, part);
            }
            return None;
        }
        // "the early part of 1904", "the latter part of", "the first half of", "the second
        // half of".
        if self.is_any(j + 1, &["part", "half"]) && self.is(j + 2, "of") {
            let part = if self.is_any(j, &["early", "earlier", "first"]) {
                PartOf::Start
            } else if self.is_any(j, &["latter", "later", "last", "second"]) {
                PartOf::End
            } else if self.is(j, "middle") {
                PartOf::Mid
            } else {
                return None;
            };
            return self.part_of(i, j + 3, part);
        }
        if let Some(part) = self.tok(j).and_then(|t| part_word(Lower::new(t.text).as_str())) {
            let f = self.part_of(i, j + 1, part)?;
            return matches!(
                f.value.granularity,
                Granularity::Season | Granularity::Decade | Granularity::Century
            )
            .then_some(f);
        }
        if self.is(j, "turn") && self.is(j + 1, "of") && self.is(j + 2, "the") {
            if self.is(j + 3, "century") {
                let y = self
                    .near_prev()
                    .and_then(|p| p.value.start_year())
                    .or_else(|| self.cx.document_date.as_ref().and_then(TimeValue::start_year))?;
                let anchor = match self.near_prev() {
                    Some(p) => Anchor::Previous(p.value.edtf.clone()),
                    None => Anchor::Document(self.cx.document_date.as_ref()?.edtf.clone()),
                };
                let turn = (y + 50).div_euclid(100) * 100;
                let mut v = Period::Year(turn).value();
                v.approximate = true;
                v.edtf.push('~');
                return Some(Found { start: i, end: j + 4, value: v, written: None, anchor: Some(anchor) });
            }
            if let Some((k, Period::Century(c), false)) = self.century(j + 3) {
                // The turn of the 20th century: about 1900.
                let mut v = Period::Year(c).value();
                v.approximate = true;
                v.edtf.push('~');
                return Some(self.found(i, k, v));
            }
            return None;
        }
        if let Some(f) = self.relative(i) {
            return Some(f);
        }
        // "the 1890s", "the 19th century", "the summer of 1900", "the 8th of February, 1904";
        // "the" is not part of "the 1904 war".
        let ordinal_day = self.tok(j).is_some_and(|t| t.kind == Kind::Num && t.suffix == Suffix::Ordinal);
        let f = self.dated(i, j)?;
        let adjective = self
            .t
            .get(j..f.end)
            .is_some_and(|ts| ts.windows(2).any(|w| w[0].text == "-" && w[1].is("century")));
        let season_of = self.tok(j + 1).is_some_and(|t| t.is("of"));
        let adjective = adjective || (f.value.granularity == Granularity::Season && !season_of);
        let keeps_the = !adjective
            && (ordinal_day
                || matches!(
                    f.value.granularity,
                    Granularity::Season | Granularity::Decade | Granularity::Century
                ));
        Some(if keeps_the { f } else { Found { start: j, ..f } })
    }

    /// Whether the token at `i`, after a "the", can go on an expression that "the" opens
    /// (`expr`): a number, a month, a word that opens a production or is a unit of time,
    /// a step or a part of the day, or one of the other words that a production from "the"
    /// (`the_phrase`, `relative`, `dated`) reads right after it (`AFTER_THE`). Where a
    /// production looks further on ("the same night", "the early part of"), it has read
    /// one of these first.
    fn may_follow_the(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        match t.kind {
            Kind::Num => true,
            Kind::Punct => false,
            // Steps, parts of a day and `AFTER_THE` are marked by the tokenizer
            // (`after_the`): most words after "the" are none, and comparing each with
            // every one of those words was a fortieth of a run over books.
            Kind::Word => t.month != 0 || t.starter || t.unit || t.after_the,
        }
    }

    // ---- years of an era ----------------------------------------------------------------

    /// A date in the years of an era (`era`): "the 29th year of Meiji", "the fourth year
    /// of the Republic of China", "the 25th day of the 5th month of the 4th year of
    /// Taisho", "the 13th day of the 5th Moon of the 9th year of Hsuan Tung", "the leap
    /// 3rd month of the first year of Man'en". Day, month and year come in that order,
    /// each an ordinal, a unit and "of"; the year is followed by the era's name.
    fn era_date(&self, i: usize) -> Option<Found> {
        // Read from the "leap" before a month, never from the month after it, and from the
        // tens of "forty-fifth", never from its "fifth".
        if i.checked_sub(1)
            .is_some_and(|b| self.is_any(b, &["leap", "intercalary"]) || self.glued_punct(b, '-'))
        {
            return None;
        }
        let mut at = if self.is(i, "the") { i + 1 } else { i };
        let (mut day, mut month) = (None, None);
        loop {
            let leap = self.is_any(at, &["leap", "intercalary"]);
            let (k, n) = self.era_ordinal(if leap { at + 1 } else { at })?;
            // "the 12th of the Second Month of the First Year of Chung Hua Min Kuo": a day
            // without the word "day" before a month.
            if self.is(k, "of") && day.is_none() && month.is_none() && !leap {
                let after = if self.is(k + 1, "the") { k + 2 } else { k + 1 };
                if !self.era_ordinal(after).is_some_and(|(u, _)| self.is_any(u, &["month", "moon"])) {
                    return None;
                }
                day = Some(u8::try_from(n).ok()?);
                at = after;
                continue;
            }
            if !self.is(k + 1, "of") {
                return None;
            }
            let next = if self.is(k + 2, "the") { k + 3 } else { k + 2 };
            if self.is(k, "day") && day.is_none() && month.is_none() && !leap {
                day = Some(u8::try_from(n).ok()?);
            } else if self.is_any(k, &["month", "moon"]) && month.is_none() {
                month = Some((u8::try_from(n).ok()?, leap));
            } else if self.is(k, "year") && !leap {
                let (end, named) = self.era_name(next)?;
                let (value, written) = super::era::date(named, n, month, day)?;
                return Some(Found { start: i, end, value, written, anchor: None });
            } else {
                return None;
            }
            at = next;
        }
    }

    /// An ordinal of an era date: "4th", "fourth", "twenty-fifth".
    fn era_ordinal(&self, i: usize) -> Option<(usize, i64)> {
        let t = self.tok(i)?;
        if t.kind == Kind::Num {
            return (t.suffix == Suffix::Ordinal && t.digits <= 2).then_some((i + 1, t.num?));
        }
        if let Some((k, n)) = self.ordinal_word(i) {
            return Some((k, i64::from(n)));
        }
        // "forty-fifth": the 45th year of Meiji, past the thirty-one days `ordinal_word` reads.
        let tens = TENS.iter().position(|w| t.is(w)).and_then(|k| i64::try_from(k).ok())? * 10 + 20;
        let j = if self.glued_punct(i + 1, '-') { i + 2 } else { i + 1 };
        let unit = ORDINALS.iter().take(9).position(|o| self.is(j, o)).and_then(|u| i64::try_from(u).ok())?;
        Some((j + 1, tens + unit + 1))
    }

    /// The name of an era at `i`, capitalised, of one word or several ("Meiji", "Hsuan
    /// Tung", "Kuang-hsü", "Hsüan-t'ung", "Chung Hua Min Kuo", "Republic of China"): the
    /// longest name read, where it ends and the era.
    fn era_name(&self, i: usize) -> Option<(usize, super::era::Era)> {
        if !self.tok(i)?.text.starts_with(char::is_uppercase) {
            return None;
        }
        let mut folded = String::new();
        let mut best = None;
        let mut k = i;
        while let Some(t) = self.tok(k) {
            match t.kind {
                Kind::Word => {
                    super::era::fold(t.text, &mut folded);
                    if folded.len() > super::era::LONGEST || !super::era::may_name(&folded) {
                        break;
                    }
                    if let Some(era) = super::era::named(&folded) {
                        best = Some((k + 1, era));
                    }
                }
                // "Kuang-hsü", "T'ung": a hyphen or an apostrophe inside the name.
                Kind::Punct if k > i && !t.space_before && matches!(t.text, "-" | "'" | "’") => {}
                _ => break,
            }
            k += 1;
        }
        best
    }

    // ---- relative expressions --------------------------------------------------------------

    /// "the following year", "that month", "the next day", "ten years later",
    /// "two centuries ago".
    fn relative(&self, i: usize) -> Option<Found> {
        if self.memo.no_relative.get() == Some(i) {
            return None;
        }
        let found = self.relative_at(i);
        if found.is_none() {
            self.memo.no_relative.set(Some(i));
        }
        found
    }

    /// `relative`, read.
    fn relative_at(&self, i: usize) -> Option<Found> {
        let t = self.tok(i)?;
        let the = t.is("the");
        if the || self.pointing_back(i) {
            if let Some(f) = self.relative_from_the(i, the) {
                return Some(f);
            }
        }
        if !self.unit_near(i) || (i >= 1 && self.is_any(i - 1, &DURATION)) {
            return None;
        }
        if t.is("the") || self.pointing_back(i) {
            return self.relative_unit(i);
        }
        let (j, n) = self.count(i).filter(|(_, n)| *n < 1000)?;
        let j = if self.is_dash(j) { j + 1 } else { j };
        let unit = Lower::new(self.tok(j)?.text);
        let unit = unit.as_str().strip_suffix('s').unwrap_or(unit.as_str());
        let dir = Lower::new(self.tok(j + 1)?.text);
        let ago = dir.as_str() == "ago";
        let later = matches!(dir.as_str(), "later" | "afterwards" | "afterward");
        let earlier = matches!(dir.as_str(), "earlier" | "before")
            && self.tok(j + 2).is_none_or(|t| t.kind == Kind::Punct);
        if !(ago || later || earlier) {
            return None;
        }
        // "In 1861 the serfs were freed. In 1881, twenty years afterwards, he fell": a count
        // set off by a comma right after a date restates that date, counted from one before
        // it; read from the date it follows it would be 1901.
        let restates =
            |p: &Previous| i >= 2 && self.punct(i - 1, ',') && self.tok(i - 2).is_some_and(|t| t.end == p.at);
        if self.near_prev().is_some_and(restates) || self.near(self.label).is_some_and(restates) {
            return None;
        }
        let (base, anchor) = if ago {
            let d = self.cx.document_date.as_ref()?;
            (d.clone(), Anchor::Document(d.edtf.clone()))
        } else {
            let p = self.count_base()?;
            (p.value.clone(), Anchor::Previous(p.value.edtf.clone()))
        };
        let sign = if later { 1 } else { -1 };
        // A week is seven days, a fortnight fourteen: "a fortnight later" is a day.
        let days = match unit {
            "week" => 7,
            "fortnight" => 14,
            _ => 1,
        };
        let period = match unit {
            "year" => Period::Year(base.start_year()?.checked_add(sign * n)?),
            "decade" => {
                let y = base.start_year()?.checked_add(sign * n * 10)?;
                Period::Decade(y - y.rem_euclid(10))
            }
            "century" | "centurie" => {
                let y = base.start_year()?.checked_add(sign * n * 100)?;
                Period::Century(y - y.rem_euclid(100))
            }
            "month" if base.granularity <= Granularity::Month && base.is_bounded() => {
                let (y, m, _) = super::civil_from_days(base.earliest?);
                shifted_month(y, m, sign * n)?
            }
            "day" | "week" | "fortnight"
                if base.granularity == Granularity::Day && base.earliest == base.latest =>
            {
                let (y, m, d) = super::civil_from_days(base.earliest?.checked_add(sign * n * days)?);
                Period::Day(Some(y), m, d)
            }
            _ => return None,
        };
        if !period.is_valid() {
            return None;
        }
        let mut value = period.value();
        let mut start = i;
        // "some 150 years ago", "about two weeks later": the count is a round figure, and
        // the value spans a tenth of it either side (at least one unit), marked approximate.
        if let Some(h) = self.hedge_before(i) {
            start = h;
            let slack = (n / 10).max(1);
            let widened = match period {
                Period::Year(y) => {
                    Period::Year(y - slack).value().earliest.zip(Period::Year(y + slack).value().latest)
                }
                Period::Month(Some(y), m) => {
                    let shifted = |k: i64| shifted_month(y, m, k).map(Period::value);
                    shifted(-slack).and_then(|a| a.earliest).zip(shifted(slack).and_then(|b| b.latest))
                }
                Period::Day(..) => {
                    value.earliest.map(|d| d - slack * days).zip(value.latest.map(|d| d + slack * days))
                }
                _ => None,
            };
            if let Some((a, b)) = widened {
                value.earliest = Some(a);
                value.latest = Some(b);
            }
            value.approximate = true;
            value.edtf.push('~');
        }
        Some(Found { start, end: j + 2, value, written: None, anchor: Some(anchor) })
    }

    /// Where a hedge on the count at `i` starts ("about", "some", "nearly", "more than"),
    /// if there is one.
    fn hedge_before(&self, i: usize) -> Option<usize> {
        let h = i.checked_sub(1)?;
        if self.is_any(h, &HEDGES) {
            return Some(h);
        }
        let pair = self.is_any(h, &["than"]) && h >= 1 && self.is_any(h - 1, &["more", "less"]);
        let upwards = self.is(h, "of") && h >= 1 && self.is(h - 1, "upwards");
        (pair || upwards).then(|| h - 1)
    }

    /// The relative expressions that open with "the" (`the`) or "that": a day of a month
    /// named from the previous date, a bare ordinal day, a season of a year named from it,
    /// a season or month named from it.
    fn relative_from_the(&self, i: usize, the: bool) -> Option<Found> {
        if the && self.tok(i + 1).is_some_and(|n| n.kind == Kind::Num) {
            return self.day_of_relative_month(i).or_else(|| self.bare_day(i));
        }
        // "the spring of that year", "the autumn of the same year".
        if the {
            if let Some(season) = self.season_word(i + 1) {
                if let Some((end, y, anchor)) = self.of_relative_year(i + 2) {
                    return anchored(i, end, Period::Season(y, season), anchor);
                }
            }
        }
        // "that night", "the next morning" (a part of the day is not a unit of time that
        // `relative` looks for).
        if self.is_any(i + 1, &PARTS_OF_DAY) || self.is_any(i + 2, &PARTS_OF_DAY) {
            return self.relative_unit(i);
        }
        // A month or a season word (six letters, as all four are) within two tokens: a
        // test of two fields, where most stop.
        let named_near = self
            .t
            .iter()
            .skip(i + 1)
            .take(2)
            .any(|n| n.month != 0 || (n.kind == Kind::Word && n.text.len() == 6));
        if named_near && !(i >= 1 && self.is_any(i - 1, &DURATION)) {
            return self.relative_named(i);
        }
        None
    }

    /// A season or month named from the previous date: "the following spring", "the next
    /// May", "the preceding autumn", "the same May", "that winter". Following, it is the
    /// first one that begins after the previous date; preceding, the last one that ends
    /// before it (a winter: the one before the date's year); the same, the one of its
    /// year. After a bare year only the same is known ("In 1912 ... the previous June" may
    /// be June 1911 or June 1912), or after its end the following, before its start the
    /// preceding. A day or a year written after the name makes another
    /// expression ("the following May 5", "the following spring of 1906"), not this one.
    fn relative_named(&self, i: usize) -> Option<Found> {
        let that = self.pointing_back(i);
        // The name first: it is rare, and a month is known from the token without a
        // comparison ("the" and "that" are not).
        let j = if that && !self.is(i + 1, "same") { i + 1 } else { i + 2 };
        let (end, named) = match self.month(j) {
            Some((k, m)) => (k, Named::Month(m)),
            None => (j + 1, Named::Season(self.season_word(j)?)),
        };
        let step: i64 = if that {
            // "that" also joins clauses: "replied that winter robes ...", "so much time
            // that April had drawn to its close".
            if !self.that_points_back(i, false) {
                return None;
            }
            0
        } else {
            self.step_at(i + 1)?
        };
        let then = self.comma(if self.is(end, "of") { end + 1 } else { end });
        if self.tok(then).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        let p = self.near_prev()?;
        let base = &p.value;
        if !base.is_bounded() || base.granularity > Granularity::Year {
            return None;
        }
        // The months a season starts and ends in (by the count in months; winter ends in
        // the February of the next year).
        let bounds = |s: Season| -> (u8, u8) {
            match s {
                Season::Spring => (3, 5),
                Season::Summer => (6, 8),
                Season::Autumn => (9, 11),
                Season::Winter => (12, 2),
            }
        };
        let year_only = base.granularity == Granularity::Year;
        let (ey, em, _) = super::civil_from_days(base.earliest?);
        let (ly, lm, _) = super::civil_from_days(base.latest?);
        let year = match (step, &named) {
            (0, _) if ey != ly => return None,
            (0, _) => ey,
            // After a bare year the point reached in it is unknown: "1912 ... the previous
            // June" may be June 1911 or June 1912. Its end or its start is a point: "the end
            // of 1873 ... the following May" is May 1874.
            (1, _) if year_only && base.part == Some(PartOf::End) => ly + 1,
            (-1, _) if year_only && base.part == Some(PartOf::Start) => ey - 1,
            _ if year_only => return None,
            // The first that begins after the previous date's last month.
            (1, Named::Month(m)) => ly + i64::from(*m <= lm),
            (1, Named::Season(s)) => ly + i64::from(bounds(*s).0 <= lm),
            // The last that ends before the previous date's first month.
            (_, Named::Month(m)) => ey - i64::from(*m >= em),
            // The winter that ended or is ending: before a date in January or February,
            // the one it falls in (a winter's value holds both of its years).
            (_, Named::Season(Season::Winter)) => ey - 1,
            (_, Named::Season(s)) => ey - i64::from(bounds(*s).1 >= em),
        };
        let period = match named {
            Named::Month(m) => Period::Month(Some(year), m),
            Named::Season(s) => Period::Season(year, s),
        };
        from_previous(i, end, period, base)
    }

    /// "the 29th of the same month", "the 2nd of the following month", "the 29th of the
    /// following July", "the 6th of that month": a day of a month named from the previous
    /// date.
    fn day_of_relative_month(&self, i: usize) -> Option<Found> {
        let (j, d) = self.day(i + 1)?;
        if !self.is(j, "of") || !(self.is(j + 1, "the") || self.pointing_back(j + 1)) {
            return None;
        }
        if self.old_style() {
            return None;
        }
        let month = self.relative_unit(j + 1).or_else(|| self.relative_named(j + 1))?;
        let v = &month.value;
        if v.granularity != Granularity::Month {
            return None;
        }
        let (y, m, _) = super::civil_from_days(v.earliest?);
        let period = Period::Day(Some(y), m, d);
        period.is_valid().then(|| Found { start: i, end: month.end, value: period.value(), ..month })
    }

    /// "On the 12th", "the evening of the 28th", "by the 21st": a day of the month the
    /// previous date is in ("The war was declared on 10 February 1904. On the 12th the
    /// Russian minister left Tokyo"). Only after "on", "by", "until", "till" or "the
    /// morning (evening, night, ...) of", and not before a noun that an ordinal counts
    /// ("the 12th Division", "the 19th century"); only on or after the previous day (a
    /// smaller number is as often a look back as the next month), and not in Old Style.
    fn bare_day(&self, i: usize) -> Option<Found> {
        let t = self.tok(i + 1)?;
        if t.suffix != Suffix::Ordinal {
            return None;
        }
        let (j, d) = self.day(i + 1)?;
        let before = i.checked_sub(1)?;
        let led = self.is_any(before, &["on", "by", "until", "till"])
            || (self.is(before, "of")
                && before >= 1
                && (self.is_any(before - 1, &PARTS_OF_DAY) || self.is_any(before - 1, &DAY_OF)));
        if !led || self.counts_a_noun(j) {
            return None;
        }
        let base = &self.near_prev()?.value;
        if self.old_style() {
            return None;
        }
        if base.granularity > Granularity::Month {
            return None;
        }
        let (y, m, first) = super::civil_from_days(base.earliest?);
        let (ly, lm, _) = super::civil_from_days(base.latest?);
        if (y, m) != (ly, lm) || (base.granularity == Granularity::Day && d < first) {
            return None;
        }
        from_previous(i, j, Period::Day(Some(y), m, d), base)
    }

    /// Whether token `j`, after an ordinal, is something other than what follows a day:
    /// a month or "of" (read elsewhere), or a noun an ordinal counts.
    fn counts_a_noun(&self, j: usize) -> bool {
        let Some(n) = self.tok(j) else { return false };
        if n.kind != Kind::Word {
            return false;
        }
        n.month != 0
            || self.is_any(j, &COUNTED)
            || self.is_any(j, &["of", "inst", "ult", "prox", "and", "or", "to"])
    }

    /// The step a word at `i` counts from the previous date: "following", "next",
    /// "succeeding", "ensuing" 1; "previous", "preceding" -1; "same" 0.
    fn step_at(&self, i: usize) -> Option<i64> {
        if self.is_any(i, &STEPS_AHEAD) {
            Some(1)
        } else if self.is_any(i, &STEPS_BACK) {
            Some(-1)
        } else {
            self.is(i, STEP_NONE).then_some(0)
        }
    }

    /// Whether the word at `i` opens a look back like "that": "that" itself ("that year",
    /// "that same night") or "this" before "same" ("in this same year, too"; a plain "this
    /// year" is the year of writing, `deictic_year`).
    fn pointing_back(&self, i: usize) -> bool {
        self.is(i, "that") || (self.is(i, "this") && self.is(i + 1, "same"))
    }

    /// Whether the look back at `i` (`pointing_back`) points back to a time rather than
    /// joining a clause: "this same" always does; "that" where it opens the sentence or
    /// follows a preposition (`THAT_AFTER`), or, with `clause`, opens a clause ("and that
    /// night", ", that night").
    fn that_points_back(&self, i: usize, clause: bool) -> bool {
        if self.is(i, "this") {
            return true;
        }
        let opens = self.tok(i).is_some_and(|t| t.is_capitalized());
        let after_preposition = i >= 1 && self.is_any(i - 1, &THAT_AFTER);
        let opens_clause =
            clause && i >= 1 && (self.is_any(i - 1, &["and", "but", "on"]) || self.punct(i - 1, ','));
        opens || after_preposition || opens_clause
    }

    /// Whether a day counted from the previous date would be Old Style: the source's
    /// calendar or the previous date's. Dates are kept in the Gregorian calendar, and a
    /// day of an Old Style month would need the written date, which the value does not keep.
    fn old_style(&self) -> bool {
        self.cx.calendar == Calendar::Julian
            || self.near_prev().is_some_and(|p| p.value.calendar == Calendar::Julian)
    }

    /// The season a word names: "spring", "summer", "autumn", "winter".
    fn season_word(&self, i: usize) -> Option<Season> {
        let t = self.tok(i)?;
        // All four are six letters long.
        if t.kind != Kind::Word || t.text.len() != 6 {
            return None;
        }
        [
            ("spring", Season::Spring),
            ("summer", Season::Summer),
            ("autumn", Season::Autumn),
            ("winter", Season::Winter),
        ]
        .into_iter()
        .find_map(|(w, s)| t.is(w).then_some(s))
    }

    /// "the following year", "the previous month", "the next day", "that year",
    /// "the same day", "the year before".
    fn relative_unit(&self, i: usize) -> Option<Found> {
        let mut j = i + 1;
        let that = self.pointing_back(i);
        let mut step: i64 = if that { 0 } else { 9 };
        if !that {
            if let Some(k) = self.step_at(j) {
                step = k;
                j += 1;
            }
        } else if self.is(j, "same") {
            j += 1;
        }
        let unit = Lower::new(self.tok(j)?.text);
        // "that night", "the next morning", "the same evening": the day they fall in.
        let part_of_day = self.is_any(j, &PARTS_OF_DAY);
        if !(matches!(unit.as_str(), "year" | "month" | "day") || part_of_day) {
            return None;
        }
        // "that" also joins clauses ("he said that night attacks failed"): a part of the day
        // after it points back only opening a sentence or a clause, or after a preposition.
        if part_of_day && that && !self.that_points_back(i, true) {
            return None;
        }
        let mut end = j + 1;
        if step == 9 {
            // "the year before", "the day after": only when nothing follows ("the day after
            // the battle" is dated by the battle, not by the previous date).
            let after = Lower::new(self.tok(j + 1)?.text);
            step = UNIT_STEPS.iter().find(|(w, _)| *w == after.as_str()).map(|&(_, step)| step)?;
            if !self.tok(j + 2).is_none_or(|t| t.kind == Kind::Punct) {
                return None;
            }
            end = j + 2;
        }
        let p = if unit.as_str() == "year" { self.count_base()? } else { self.near_prev()? };
        if end == j + 2 && self.joined_to_an_unread_time(i, p) {
            return None;
        }
        let base = &p.value;
        let period = match unit.as_str() {
            "year" => {
                // "It was this same year, 1866, that ...": the year written after it is
                // the year meant, and is read on its own; the previous date may be an
                // aside ("the Tien-tsin massacre of 1870").
                if self.year4(self.comma(end)).is_some() {
                    return None;
                }
                let y = if step > 0 { base.end_year()? } else { base.start_year()? };
                if step == 0 && base.start_year() != base.end_year() {
                    return None;
                }
                Period::Year(y.checked_add(step)?)
            }
            "month" => {
                if base.granularity > Granularity::Month {
                    return None;
                }
                let (y, m, _) = super::civil_from_days(if step > 0 { base.latest? } else { base.earliest? });
                shifted_month(y, m, step)?
            }
            _ => {
                if base.granularity != Granularity::Day || base.earliest != base.latest {
                    return None;
                }
                let (y, m, d) = super::civil_from_days(base.earliest?.checked_add(step)?);
                Period::Day(Some(y), m, d)
            }
        };
        from_previous(i, end, period, base)
    }

    /// Whether "the year after" at `i` is joined by "or" or "and" to a time that ends just
    /// before, one that was not read (and so is not `base`): "less next year, or the year
    /// after" counts from next year, which is unknown where the time of writing is, not
    /// from the date before it.
    fn joined_to_an_unread_time(&self, i: usize, base: &Previous) -> bool {
        let Some(k) = i.checked_sub(1).filter(|&k| self.is_any(k, &["or", "and"])) else { return false };
        let k = if k >= 1 && self.is(k - 1, ",") { k - 1 } else { k };
        let Some(before) = k.checked_sub(1).and_then(|k| self.tok(k)) else { return false };
        let a_time_ends = before.kind == Kind::Num || before.unit;
        a_time_ends && before.end != base.at
    }

    /// "of the following year", "of the same year", "of that year", "of the previous
    /// year" after a day, a month or a season at `k`: where it ends, the year it names from the previous date, and that
    /// date. Read as one with the day or month: "in March of the following year" is March
    /// of the year after the previous date, not March of the story's year.
    fn of_relative_year(&self, k: usize) -> Option<(usize, i64, Anchor)> {
        let k = self.comma(k);
        // "January this year", "December last year", "March of this year": the year of
        // the document's date, or in a history the year told of (`deictic_year`).
        let j = if self.is(k, "of") { k + 1 } else { k };
        if self.is(j + 1, "year") && self.is_any(j, &["this", "last", "next"]) {
            let w = Lower::new(self.tok(j)?.text);
            let f = self.deictic_year(j, w.as_str())?;
            return Some((f.end, f.value.start_year()?, f.anchor?));
        }
        // "of that year", "of that same year": the same as "of the same year".
        if self.is(k, "of") && self.is(k + 1, "that") {
            let end = if self.is(k + 2, "same") { k + 3 } else { k + 2 };
            let base = &self.near_prev()?.value;
            let year = base.start_year().filter(|y| Some(*y) == base.end_year())?;
            return self.is(end, "year").then(|| (end + 1, year, Anchor::Previous(base.edtf.clone())));
        }
        if !(self.is(k, "of") && self.is(k + 1, "the") && self.is(k + 3, "year")) {
            return None;
        }
        let base = &self.near_prev()?.value;
        let (from, to) = (base.start_year()?, base.end_year()?);
        let year = match self.step_at(k + 2)? {
            1 => to.checked_add(1)?,
            -1 => from.checked_sub(1)?,
            _ if from == to => from,
            _ => return None,
        };
        Some((k + 4, year, Anchor::Previous(base.edtf.clone())))
    }

    /// "yesterday", "today", "tomorrow", against the document's date.
    fn deictic_day(&self, i: usize, w: &str) -> Option<Found> {
        let step = match w {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        if let Some(d) = self.cx.document_date.as_ref() {
            let anchor = Some(Anchor::Document(d.edtf.clone()));
            if d.granularity == Granularity::Day && d.earliest == d.latest {
                let (y, m, dd) = super::civil_from_days(d.earliest?.checked_add(step)?);
                return Some(Found {
                    start: i,
                    end: i + 1,
                    value: Period::Day(Some(y), m, dd).value(),
                    written: None,
                    anchor,
                });
            }
            // Only the year is known: the day is somewhere in it.
            let y = d.start_year()?;
            return Some(Found {
                start: i,
                end: i + 1,
                value: Period::Year(y).value(),
                written: None,
                anchor,
            });
        }
        let (m, d) = self.cx.day_anchor?;
        if step != 0 {
            return None;
        }
        let p = Period::Day(None, m, d);
        p.is_valid().then(|| Found {
            start: i,
            end: i + 1,
            value: p.value(),
            written: None,
            anchor: Some(Anchor::Document(p.edtf())),
        })
    }

    /// "this year", "last year", "next year", against the document's date; "of this
    /// year", "in this year", "during this year" against the year the story has reached,
    /// where there is one: a historian's "The autumn of this year witnessed the beginning
    /// of the so-called Boxer troubles" (Giles, 1912) is the year just told of, where a
    /// correspondent's "In January this year the number was 3,969" (Ransome, 1920) is his own.
    fn deictic_year(&self, i: usize, w: &str) -> Option<Found> {
        let told = w == "this" && i >= 1 && self.is_any(i - 1, &["of", "in", "during", "throughout"]);
        if let Some(p) = self.near(self.story).filter(|_| told) {
            return Some(Found {
                start: i,
                end: i + 2,
                value: Period::Year(p.value.start_year()?).value(),
                written: None,
                anchor: Some(Anchor::Previous(p.value.edtf.clone())),
            });
        }
        let d = self.cx.document_date.as_ref()?;
        let step = match w {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        // Not "the next year" (relative to the text, read elsewhere) nor "for next year".
        if i >= 1 && (self.is_any(i - 1, &DURATION) || self.is(i - 1, "the")) {
            return None;
        }
        let p = Period::Year(d.start_year()?.checked_add(step)?);
        Some(Found {
            start: i,
            end: i + 2,
            value: p.value(),
            written: None,
            anchor: Some(Anchor::Document(d.edtf.clone())),
        })
    }
}

/// A token's text in ASCII lowercase, without allocating. Only texts of at most 16 ASCII
/// bytes are kept: every word the grammar compares a lowercased text with is one, and any
/// other text reads as "", which equals none of them.
enum Lower<'t> {
    /// The text itself, already in lowercase (most words), or "".
    Text(&'t str),
    /// A lowercased copy of a text with capitals: its bytes and their number.
    Copy([u8; 16], usize),
}

impl<'t> Lower<'t> {
    fn new(text: &'t str) -> Self {
        if text.len() > 16 || !text.is_ascii() {
            return Lower::Text("");
        }
        if !text.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower::Text(text);
        }
        let mut buf = [0u8; 16];
        buf.iter_mut().zip(text.bytes()).for_each(|(to, from)| *to = from.to_ascii_lowercase());
        Lower::Copy(buf, text.len())
    }

    /// The text in lowercase. Only a copy is checked as UTF-8 again (always so: ASCII
    /// lowercased is ASCII), which cost more than the copy for every word.
    fn as_str(&self) -> &str {
        match self {
            Lower::Text(text) => text,
            Lower::Copy(buf, len) => {
                std::str::from_utf8(buf.get(..*len).unwrap_or_default()).unwrap_or_default()
            }
        }
    }
}

fn part_word(w: &str) -> Option<PartOf> {
    match w {
        "early" => Some(PartOf::Start),
        "late" => Some(PartOf::End),
        "mid" | "middle" => Some(PartOf::Mid),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{tag_in, Lower, Windows};
    use crate::time::TagContext;

    /// The times of `text`, as `crate::time::tag` reads them before its page pass.
    fn tag(text: &str, cx: &TagContext) -> Vec<crate::time::TimeExpr> {
        super::tag(text, cx).0
    }

    /// The productions `Memo` keeps answer as read afresh at every token, asked in an order
    /// that moves back and forth (each token, the next, the token again), on the lines of
    /// the real texts that hold a digit, with and without a date before.
    #[test]
    fn memoised_productions_answer_as_read_afresh() {
        let earlier = super::Previous { value: super::Period::Year(1904).value(), at: 0 };
        let cx = TagContext::default();
        let mut asked = 0;
        for (_, text) in crate::realtext_books() {
            for line in text.lines().filter(|l| l.bytes().any(|b| b.is_ascii_digit())).take(400) {
                let mut toks = Vec::new();
                super::scan::tokenize(line, 0, line.len(), &mut toks);
                for prev in [None, Some(&earlier)] {
                    let g = super::Grammar {
                        t: &toks,
                        text: line,
                        cx: &cx,
                        prev,
                        story: prev,
                        label: prev,
                        here: 0,
                        memo: super::Memo::default(),
                    };
                    let order = (0..toks.len()).flat_map(|i| [i, i + 1, i, i + 2, i]);
                    for i in order {
                        assert_eq!(g.day_month(i), g.day_month_at(i), "{line:?} at {i}");
                        assert_eq!(g.ordinal_word(i), g.ordinal_word_at(i), "{line:?} at {i}");
                        let relative = |f: Option<super::Found>| f.map(|f| (f.start, f.end, f.value.edtf));
                        assert_eq!(relative(g.relative(i)), relative(g.relative_at(i)), "{line:?} at {i}");
                        asked += 1;
                    }
                }
            }
        }
        assert!(asked > 10_000, "only {asked} tokens asked");
    }

    /// Text that is one region from end to end: every piece holds or sits next to a trigger.
    const PIECES: &[&str] = &[
        "1904", "5", "25,000", "19th", "1890s", "May", "June", "February", "in", "the", "of", "spring",
        "year", "years", "later", "next", "day", "century", "p.", "men", "until", "from", "to", "and", "ago",
        "decade", "Old", "Style", "(", ")", ",", ".", "-", "—", "\n", "\n\n", "é", "today", "fourth", "moon",
        "leap", "Meiji", "Hsuan", "Tung",
    ];

    fn windowed_agrees(text: &str, windows: Windows) -> Result<(), String> {
        for narrative in [false, true] {
            let cx = TagContext { narrative, ..TagContext::default() };
            let (whole, cut) = (tag(text, &cx), tag_in(text, &cx, windows, &mut Vec::new()));
            if whole != cut {
                return Err(format!("narrative {narrative}: {whole:?}\n!=\n{cut:?}"));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn a_region_read_in_windows_gives_what_it_gives_whole(
            words in proptest::collection::vec(
                (proptest::sample::select(PIECES), proptest::sample::select(&[" ", " ", "", "  "][..])),
                0..120,
            ),
            len in 1usize..64,
        ) {
            let text: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            // Margins wider than any expression these pieces make, windows far narrower.
            let windows = Windows { len, back: 64, ahead: 256 };
            proptest::prop_assert!(windowed_agrees(&text, windows).is_ok(), "{:?}", windowed_agrees(&text, windows));
        }
    }

    proptest::proptest! {
        /// The sorted lists' lookups say what a look down the lists said: for each listed
        /// word in any ASCII case, and for other words (cut, lengthened, changed).
        #[test]
        fn the_not_year_lookups_agree_with_the_lists(
            k in 0usize..200,
            upper in proptest::collection::vec(proptest::bool::ANY, 16),
            edit in 0u8..4,
            other in "[a-zA-Z]{0,12}",
        ) {
            use super::{in_any_case, AFTER_NOT_YEAR, AFTER_NOT_YEAR_SORTED, BEFORE_NOT_YEAR, BEFORE_NOT_YEAR_SORTED};
            let all: Vec<&str> = BEFORE_NOT_YEAR.iter().chain(AFTER_NOT_YEAR).copied().collect();
            let base = all.get(k % all.len()).copied().unwrap_or_default();
            let cased: String = base
                .chars()
                .zip(upper.iter().cycle())
                .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                .collect();
            let word = match edit {
                0 => cased,
                1 => cased.get(1..).unwrap_or_default().to_string(),
                2 => format!("{cased}s"),
                _ => other,
            };
            let before = BEFORE_NOT_YEAR.iter().any(|b| word.eq_ignore_ascii_case(b));
            proptest::prop_assert_eq!(in_any_case(&BEFORE_NOT_YEAR_SORTED, &word), before, "{}", word);
            let after = AFTER_NOT_YEAR.contains(&word.as_str());
            proptest::prop_assert_eq!(AFTER_NOT_YEAR_SORTED.binary_search(&word.as_str()).is_ok(), after, "{}", word);
        }
    }

    /// Words after "the": those some production reads next (`AFTER_THE`, starters, units,
    /// months, numbers) and others.
    const AFTER_THE_PIECES: &[&str] = &[
        "the",
        "same",
        "following",
        "next",
        "previous",
        "preceding",
        "succeeding",
        "ensuing",
        "end",
        "close",
        "beginning",
        "start",
        "opening",
        "middle",
        "early",
        "earlier",
        "late",
        "later",
        "latter",
        "last",
        "first",
        "second",
        "part",
        "half",
        "turn",
        "of",
        "century",
        "eighteenth",
        "thirtieth",
        "twenty",
        "hundred",
        "morning",
        "evening",
        "night",
        "afternoon",
        "year",
        "month",
        "day",
        "week",
        "spring",
        "Monday",
        "May",
        "1905",
        "19th",
        "1890s",
        "AD",
        "before",
        "after",
        "war",
        "Russian",
        "great",
        "leap",
        "fourth",
        "moon",
        "Meiji",
        "that",
        ",",
        ".",
        "-",
    ];

    /// Fourth words after "the", for the longest productions from it ("the turn of the
    /// century", "the latter part of 1904").
    const LAST_PIECES: &[&str] = &["century", "1905", ".", "war"];

    /// A starter that `opens_nothing` turns away ("the", "a", "an") opens no expression:
    /// every production from it fails. Tried with every three words of
    /// `AFTER_THE_PIECES` and one of `LAST_PIECES` after it, and a day or a year before
    /// for the productions that count from one.
    #[test]
    fn the_words_after_a_starter_decide_as_every_production_would() {
        // A day and a year before, and then two ways of reading.
        let days = ["1904-02-08", "1904"].map(|d| crate::time::TimeValue::parse_edtf(d).expect("a date"));
        let contexts = [false, true].map(|narrative| TagContext {
            document_date: Some(crate::time::TimeValue::year(1950)),
            narrative,
            ..TagContext::default()
        });
        let mut turned_away = 0;
        for a in AFTER_THE_PIECES {
            for b in AFTER_THE_PIECES {
                for (c, d, opener) in AFTER_THE_PIECES.iter().flat_map(|c| {
                    LAST_PIECES.iter().flat_map(move |d| ["the", "a", "An", "A"].map(move |o| (c, d, o)))
                }) {
                    let text = format!("In {opener} {a} {b} {c} {d}");
                    let mut toks = Vec::new();
                    super::scan::tokenize(&text, 0, text.len(), &mut toks);
                    for (value, cx) in days.iter().flat_map(|v| contexts.iter().map(move |cx| (v, cx))) {
                        let earlier = super::Previous { value: value.clone(), at: 0 };
                        let g = super::Grammar {
                            t: &toks,
                            text: &text,
                            cx,
                            prev: Some(&earlier),
                            story: Some(&earlier),
                            label: Some(&earlier),
                            here: 3,
                            memo: super::Memo::default(),
                        };
                        if g.opens_nothing(1) {
                            turned_away += 1;
                            let found = g.expr_at(1).map(|f| (f.start, f.end, f.value.edtf));
                            assert_eq!(found, None, "{text:?} after {value:?}");
                        }
                    }
                }
            }
        }
        // An "A" with no unit after it still opens the era of "A.D. 1000".
        let text = "It was built in A.D. 1000 by monks.";
        let found: Vec<&str> = tag(text, &TagContext::default()).iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(found, ["A.D. 1000"]);
        // Most starters before these words are turned away.
        assert!(turned_away > AFTER_THE_PIECES.len().pow(3) * LAST_PIECES.len() * 4, "{turned_away}");
    }

    #[test]
    fn hundreds_are_counted_from_their_first_word_across_a_line_break() {
        let cx = TagContext::default();
        let read = |text: &str| -> Vec<(String, String)> {
            tag(text, &cx).into_iter().map(|t| (t.span.slice(text).to_string(), t.value.edtf)).collect()
        };
        let text = "The Normans landed in 1066, and eight\nhundred years later their last castle fell.";
        let want = [("1066", "1066"), ("eight\nhundred years later", "1866")];
        assert_eq!(read(text), want.map(|(a, b)| (a.to_string(), b.to_string())));
        // No count at all: nothing read after the year (it was "a hundred years later").
        let text = "The Normans landed in 1066, and some several hundred years later the castle fell.";
        assert_eq!(read(text), [("1066".to_string(), "1066".to_string())]);
    }

    #[test]
    fn dated_lines_of_books_read_in_windows_give_what_they_give_whole() {
        // Real text with its line breaks taken out, and only the lines that hold a digit:
        // regions of hundreds of bytes to a few kilobytes (256 at most in the book with the
        // fewest), cut into windows of 32 bytes with margins four times the
        // longest expression or more.
        let windows = Windows { len: 32, back: 256, ahead: 200 };
        for (book, text) in crate::realtext_books() {
            let lines = text.lines().filter(|l| l.bytes().any(|b| b.is_ascii_digit()));
            let head: String = lines.take(3000).collect::<Vec<_>>().join(" ");
            let regions = crate::time::scan::regions(&head, crate::time::scan::Writing(true));
            let cut = regions.iter().filter(|(s, e)| e - s > windows.len + windows.ahead).count();
            assert!(cut > 0, "{}: no region is cut", book.display());
            if let Err(e) = windowed_agrees(&head, windows) {
                panic!("{}: {}", book.display(), &e[..e.len().min(2000)]);
            }
        }
    }

    /// A region's end is snapped to white space, which in a long run without any ("the
    /// repository `...-Awakening_1675`") passes the next region's first trigger: the
    /// region before reads that trigger, and tries its starters up to its end.
    #[test]
    fn a_region_snapped_over_the_next_ones_first_trigger_tries_it() {
        let text = "Project Gutenberg eBook #1675\n- Source: repository \
                    `GITenberg/New-Forces-in-Old-China-An-Inevitable-Awakening_1675`, file `1675.txt`";
        let regions = super::scan::regions_reaching(text, super::scan::Writing(false));
        let glued = text.find("_1675").map(|at| at + 1).unwrap_or_default();
        let holding = regions.iter().find(|(s, e, _)| (*s..*e).contains(&glued));
        assert!(holding.is_some_and(|&(_, _, reach)| reach >= glued + 4), "{regions:?}");
        let cx = TagContext::default();
        let whole = super::tag_with(text, &cx, super::Reading::Whole).0;
        assert!(whole.iter().any(|t| t.span.start == glued), "{whole:?}");
        assert_eq!(tag(text, &cx), whole);
    }

    /// That the whole of `text` reads an expression of `edtf`, and the regions, with or
    /// without every starter tried, read what the whole text reads.
    fn regions_read_as_the_whole_text(text: &str, cx: &TagContext, edtf: &str) {
        let whole = super::tag_with(text, cx, super::Reading::Whole).0;
        assert!(whole.iter().any(|t| t.value.edtf == edtf), "{text:?}: {whole:?}");
        assert_eq!(super::tag(text, cx).0, whole, "{text:?}");
        assert_eq!(super::tag_with(text, cx, super::Reading::EveryStarter).0, whole, "{text:?}");
    }

    /// The pre-scan takes for a gap what the tokenizer does (white space and control
    /// characters, `scan::gap_char`): across one, an era makes "30" a trigger and "ago"
    /// makes "years" one, so an expression there holds a trigger, and the regions read
    /// what the whole text reads, the starters after a region's last trigger untried.
    #[test]
    fn expressions_across_control_bytes_and_no_break_spaces_hold_triggers() {
        let written = super::Period::Day(Some(1905), 6, 1).value();
        let cx = TagContext { document_date: Some(written), ..TagContext::default() };
        for (text, edtf) in [
            ("Copyright 1913. The Bobbs-Merrill CE\0\0\0\0\0\0\x0030 and more.", "0030"),
            ("Copyright 1913. It was in AD\u{a0}30 and more.", "0030"),
            ("When, some thirty years\u{1c}ago, Japan adopted them.", "1875~"),
            ("When, some thirty years\u{a0}ago, Japan adopted them.", "1875~"),
            ("Peace in 1905, and the following\u{3000}year war again.", "1906"),
        ] {
            regions_read_as_the_whole_text(text, &cx, edtf);
        }
    }

    /// An era before a number of one to three digits makes it a trigger with its last
    /// period left out or a gap before its second letter, as the grammar reads it
    /// (`Grammar::era`): "A.D 468" was read only near another trigger (a fuzz find, with a
    /// tab and a NUL byte for the space).
    #[test]
    fn an_era_before_a_short_number_triggers_without_its_last_period() {
        let cx = TagContext::default();
        for (text, edtf) in [
            ("The Kitans are first mentioned in A.D 468, when they sent envoys.", "0468"),
            ("The Kitans are first mentioned in A.D\t\u{0}468, when they sent envoys.", "0468"),
            ("The temple fell in A. D 70 and was not rebuilt.", "0070"),
            ("The temple fell in A.\tD. 70 and was not rebuilt.", "0070"),
            ("It was written in C.E 30 by a scribe.", "0030"),
            ("It was written in CE 30 by a scribe.", "0030"),
        ] {
            regions_read_as_the_whole_text(text, &cx, edtf);
        }
    }

    /// A region's start is snapped to the first gap after it as the tokenizer takes gaps,
    /// control characters and white space beyond ASCII too (`scan::snap_start`): snapped to
    /// ASCII white space only, a starter glued to a word by such a gap was cut off ("the" of
    /// "the summer of 1980" after "destruct", a control byte and NULs: a fuzz find).
    #[test]
    fn a_region_starts_after_the_first_gap_of_any_kind() {
        let cx = TagContext::default();
        for gap in ["\u{4}\0\0\0\0\0\0\0", "\u{1c}", "\u{a0}", "\u{3000}", "\u{2009}"] {
            let text =
                format!("In e destruI  deenstruct{gap}the summer of 1980, an NHK television crew came.");
            regions_read_as_the_whole_text(&text, &cx, "1980-SU");
            let whole = super::tag_with(&text, &cx, super::Reading::Whole).0;
            assert!(
                whole.iter().any(|t| text.get(t.span.start..t.span.end) == Some("the summer of 1980")),
                "{whole:?}"
            );
        }
    }

    /// A region's end with no gap within reach is moved past the run of letters there, not
    /// left inside it: cut after "Sept", a long word that starts so made a token "Sept",
    /// which trying every starter read as September (a fuzz find); read whole, the word is
    /// no month.
    #[test]
    fn a_region_ends_past_the_word_its_reach_ends_in() {
        let cx = TagContext::default();
        let before = "In 1905 the war began and it ended late in ";
        // The region of "1905" reaches 40 bytes past it: to just after "Sept".
        assert_eq!(before.len() + "Sept".len(), "In 1905".len() + 40);
        for tail in ["ember", "exxxxxxxxxxxx", "\u{e9}t\u{e9}", "4th"] {
            let text = format!("{before}Sept{tail}{}", "x".repeat(80));
            regions_read_as_the_whole_text(&text, &cx, "1905");
        }
    }

    /// "late", "early" or "mid" reads "the year" only across "in" or "of" ("late in the
    /// year"), as the pre-scan triggers on it (`scan::counted`): "by late the year" after
    /// "today" was read only where every starter was tried (a fuzz find).
    #[test]
    fn a_part_of_the_year_needs_in_or_of() {
        let written = super::Period::Day(Some(2015), 9, 6).value();
        let cx = TagContext { document_date: Some(written), ..TagContext::default() };
        for text in [
            "\u{1}today417 by\u{1e} late\0the year aIsNTR",
            "Peace came in 1905. By late the year it was over.",
        ] {
            let whole = super::tag_with(text, &cx, super::Reading::Whole).0;
            assert!(whole.iter().all(|t| !text[t.span.start..t.span.end].contains("late")), "{whole:?}");
            assert_eq!(super::tag_with(text, &cx, super::Reading::EveryStarter).0, super::tag(text, &cx).0);
        }
        regions_read_as_the_whole_text("Peace came in 1905. Late in the year it was over.", &cx, "1905");
        let late = super::tag("Peace came in 1905. Late in the year it was over.", &cx).0;
        assert!(late.iter().any(|t| t.value.part == Some(crate::time::PartOf::End)), "{late:?}");
    }

    /// A word keeps more text before it than a number does (`scan::LEFT_OF_WORD`, `LEFT`),
    /// so the region a number opens is widened back when a word after it reaches further:
    /// "the second half of the" lies 38 bytes before "19th" across a run of control bytes
    /// (a fuzz find), beyond a number's reach but within that of "century".
    #[test]
    fn a_word_after_a_number_widens_its_region_back_to_its_own_reach() {
        let cx = TagContext::default();
        let gap = "\u{1b}".repeat(15);
        let text =
            format!("Three changes took place during the second half of the {gap}19th century, slowly.");
        let whole = super::tag_with(&text, &cx, super::Reading::Whole).0;
        assert!(
            whole.iter().any(|t| t.value.edtf == "18XX" && t.value.part == Some(crate::time::PartOf::End)),
            "{whole:?}"
        );
        assert_eq!(super::tag(&text, &cx).0, whole);
        // Without the control bytes the number's own reach is enough.
        let plain = text.replace(&gap, "");
        assert_eq!(super::tag(&plain, &cx).0, super::tag_with(&plain, &cx, super::Reading::Whole).0);
    }

    /// The pre-scan reads only the regions around triggers. What it finds must be what
    /// reading every text whole finds: every expression, with the same value and anchor,
    /// over the corpus and every book of ../shared/realtext, in a history and not, with a
    /// date of writing and without.
    #[test]
    fn the_regions_of_real_texts_give_what_the_whole_texts_give() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["corpus", "../shared/realtext"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).expect("a folder of texts"))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        assert!(files.len() >= 15, "{} texts", files.len());
        let mut found = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a text");
            // With a date of writing, "today" and "ago" are read too.
            let written = Some(super::Period::Day(Some(1906), 3, 1).value());
            for (narrative, document_date) in [(false, None), (true, None), (false, written)] {
                let cx = TagContext { narrative, document_date, ..TagContext::default() };
                let regions = tag(&text, &cx);
                let whole = super::tag_with(&text, &cx, super::Reading::Whole).0;
                if let Some(k) = (0..regions.len().max(whole.len())).find(|&k| regions.get(k) != whole.get(k))
                {
                    panic!(
                        "{} (narrative {narrative}, written {}): first difference at {k}: regions {:?}, whole {:?}",
                        file.display(),
                        cx.document_date.is_some(),
                        regions.get(k),
                        whole.get(k)
                    );
                }
                found += regions.len();
            }
        }
        assert!(found > 10_000, "{found} expressions");
    }

    /// An expression with no number, month or unit of years and days is read wherever it
    /// stands, not only near a date ("a fortnight later" in the README's table).
    #[test]
    fn words_of_time_with_a_step_trigger_a_region_of_their_own() {
        let filler = " The emperor received the delegates with honour and gave them gifts.".repeat(4);
        for (phrase, value) in [
            ("A fortnight later", "1905-05-19"),
            ("The next morning", "1905-05-06"),
            ("The previous evening", "1905-05-04"),
            ("A week later", "1905-05-12"),
            ("That same evening", "1905-05-05"),
        ] {
            let text = format!("The treaty was signed on 5 May 1905.{filler} {phrase} the consuls sailed.");
            let times = tag(&text, &TagContext { narrative: true, ..TagContext::default() });
            let read = times.iter().find(|t| t.span.slice(&text) == phrase);
            assert_eq!(read.map(|t| t.value.edtf.as_str()), Some(value), "{phrase}: {times:?}");
        }
        // Without a step, such a common word makes no region of its own: "winter" here is
        // no time, and the text around it is not tokenized.
        let text = format!("The treaty was signed on 5 May 1905.{filler} Winter coats were sold.");
        let regions = super::scan::regions(&text, super::scan::Writing(true));
        assert_eq!(regions.len(), 1, "{regions:?}");
        let text = text.replace("Winter coats", "The next winter coats");
        let regions = super::scan::regions(&text, super::scan::Writing(true));
        assert_eq!(regions.len(), 2, "{regions:?}");
    }

    /// Slots of a phrase of time, each filled with one of its words or left empty:
    /// something before, a determiner or a count, a step, a unit or a name, and what
    /// follows ("the end of | the | following | year", "| two | | years | later").
    #[rustfmt::skip]
    const SLOTS: [&[&str]; 5] = [
        &["", "", "in", "on", "by", "until", "since", "of", "during", "the end of", "the close of",
          "early in", "the spring of", "On", "In"],
        &["", "", "the", "that", "this", "a", "an", "two", "twenty", "some", "about three", "The",
          "That", "A", "Two", "all", "those", "5", "150", "the 25th"],
        &["", "", "", "next", "following", "previous", "preceding", "same", "last", "very", "ensuing",
          "Next"],
        &["day", "days", "year", "years", "month", "months", "week", "weeks", "fortnight", "night",
          "morning", "evening", "afternoon", "spring", "winter", "century", "centuries", "decade",
          "decades", "May", "June", "Sept", "20th", "1904", "5 May 1905", "today", "yesterday",
          "Today", "Years", "Day", "Mark", "5", "23d", "300", "802 B.C.", "A.D. 70", "A.D 70", "A. D 70", "C.E 30", "70 AD",
          "p. 234", "9/22", "25,000", "1904-05", "559-527 B.C.", "12th", "150", "19th", "8:30"],
        &["", "", "", "later", "before", "after", "ago", "earlier", "afterwards", "afterward",
          "of the war", "of 1904", "1905", "and a half later", "B.C.", "A. D.", "BC", "inst.",
          "of the following month", "century"],
    ];

    /// What stands between two phrases: a space or a mark, or enough words (more than the
    /// margins of two regions) to keep their regions apart.
    const BETWEEN: &[&str] = &[
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        " the emperor received the delegates with honour and gave them gifts of silk and silver, \
         and bade them carry his greetings home. ",
    ];

    proptest::proptest! {
        // Many cases, as a phrase that only some rule of the pre-scan lets through ("the
        // end of the year") is one draw in thousands; they take a second or two.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(30_000))]

        /// What the regions give is what the whole text gives, for any text of phrases
        /// of time: a production the pre-scan does not know of shows as an expression
        /// read only whole.
        #[test]
        fn the_regions_of_phrases_of_time_give_what_the_whole_text_gives(
            phrases in proptest::collection::vec(
                (
                    [0usize..SLOTS[0].len(), 0..SLOTS[1].len(), 0..SLOTS[2].len(), 0..SLOTS[3].len(), 0..SLOTS[4].len()],
                    0..BETWEEN.len(),
                ),
                1..16,
            ),
        ) {
            // A date to count from, far enough back that no region around it reaches the
            // phrases: they must make their own.
            let mut text = format!("On 5 May 1905{}", BETWEEN.last().copied().unwrap_or(" "));
            for (picks, between) in &phrases {
                let words = SLOTS.iter().zip(picks).filter_map(|(slot, &k)| slot.get(k)).filter(|w| !w.is_empty());
                text.push_str(&words.copied().collect::<Vec<_>>().join(" "));
                text.push_str(BETWEEN.get(*between).copied().unwrap_or(" "));
            }
            let written = super::Period::Day(Some(1905), 6, 1).value();
            for (narrative, document_date) in [(false, None), (true, None), (true, Some(written))] {
                let cx = TagContext { narrative, document_date, ..TagContext::default() };
                let whole = super::tag_with(&text, &cx, super::Reading::Whole).0;
                proptest::prop_assert_eq!(tag(&text, &cx), whole, "narrative {}: {:?}", narrative, text);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn lower_is_the_ascii_lowercase_of_short_ascii_words(text in "[a-zA-Z0-9é -]{0,20}") {
            let expected = if text.len() <= 16 && text.is_ascii() { text.to_ascii_lowercase() } else { String::new() };
            let lower = Lower::new(&text);
            proptest::prop_assert_eq!(lower.as_str(), expected);
        }
    }
}
