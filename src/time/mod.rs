//! Temporal expressions: finding them in text (`tag`), their normalized values
//! (`TimeValue`: an interval of days with granularity, flags and calendar) and their
//! EDTF-like rendering. Knows nothing about events or claims.
//!
//! Days are counted as Rata Die in the proleptic Gregorian calendar (day 1 is
//! 0001-01-01), so intervals from any calendar compare directly.

mod calendar;
mod edtf;
mod era;
mod grammar;
pub mod lunisolar;
mod page;
mod scan;
pub(crate) use scan::MONTHS;
mod value;

pub use calendar::{days_from_julian, gregorian_to_julian, julian_from_days, julian_to_gregorian};
pub use value::{
    civil_from_days, days_from_civil, days_in_month, format_year, parse_date, parse_month_day, year_of_day,
    yearless_in_words, Calendar, Day, Granularity, PartOf, TimeValue,
};

use crate::span::Span;
use serde::Serialize;

/// What a partial or relative expression was resolved against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Anchor {
    /// The document's publication date or day header from its source metadata.
    Document(String),
    /// The nearest earlier explicit date in the document, by its EDTF value.
    Previous(String),
    /// No anchor was found: the unknown parts stay unknown (`XXXX-02-06`).
    None,
}

impl Anchor {
    /// Whether this is the day a page is about, with no year (`day-anchor`: "today", a
    /// year heading an entry of a day page): the day was not written.
    pub fn is_page_day(&self) -> bool {
        matches!(self, Anchor::Document(d) if d.starts_with("XXXX"))
    }
}

/// A temporal expression found in text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeExpr {
    /// The words that decide the value, no plain locating preposition.
    pub span: Span,
    /// The normalized value (always Gregorian).
    pub value: TimeValue,
    /// The date as written when it was converted from another calendar (`1904-12-20`).
    pub written: Option<String>,
    /// What resolved a partial or relative expression, if one was needed.
    pub anchor: Option<Anchor>,
}

/// What the tagger knows about a document before it reads it.
#[derive(Debug, Clone, Default)]
pub struct TagContext {
    /// Publication date, or the day header's date when the year is known.
    pub document_date: Option<TimeValue>,
    /// A day header with no year ("Feb 6"): (month, day). Where it is `None`, `tag`
    /// reads it from the page's head (`page::day_of_page`).
    pub day_anchor: Option<(u8, u8)>,
    /// The calendar the source writes in unless a date says otherwise.
    pub calendar: Calendar,
    /// A narrative source (a history, an encyclopedia): a day or month without a year
    /// belongs to the years the text is telling ("On February 8th, a daring attack" in a
    /// 1905 history of 1904), so it resolves against the nearest earlier year in the text,
    /// never the publication date; with none near, the year stays open. News, blogs and
    /// day pages are not narrative: "September 5 was the 110th Anniversary" is this year.
    pub narrative: bool,
}

impl TagContext {
    /// How to read the times of a source with `meta`: its publication date, day header
    /// and calendar, and whether its genre tells a story of past years.
    pub fn of_source(meta: &crate::corpus::SourceMeta) -> TagContext {
        TagContext {
            document_date: meta.published.clone(),
            day_anchor: meta.day_anchor,
            calendar: meta.calendar,
            narrative: meta.genre.is_narrative(),
        }
    }
}

/// The times of `times` (in order of position, as `tag` gives them) that start in
/// `from..=to`, found by binary search.
pub fn starting_in(times: &[TimeExpr], from: usize, to: usize) -> &[TimeExpr] {
    let a = times.partition_point(|t| t.span.start < from);
    let b = times.partition_point(|t| t.span.start <= to).max(a);
    times.get(a..b).unwrap_or(&[])
}

/// The times of `times` (in order of position) inside `span`, in order: a look at those
/// starting in it, not at all of them (checks ask this once per sentence or name).
pub fn inside(times: &[TimeExpr], span: Span) -> impl Iterator<Item = &TimeExpr> {
    starting_in(times, span.start, span.end).iter().filter(move |t| span.contains(t.span))
}

/// Finds every temporal expression in `text`, in order of position, resolving
/// partial and relative ones against `cx` or the nearest earlier explicit date.
///
/// Never panics, whatever the input; work is linear in the length of `text`.
pub fn tag(text: &str, cx: &TagContext) -> Vec<TimeExpr> {
    tag_noting_unread(text, cx).0
}

/// `tag`, and the numbers of four digits its context made no time of, in order ("$1904",
/// "1904 men"): the per-document stage splits their blocks as it splits those of times,
/// since a copy of their sentence with other punctuation ("in 1904, men") may be read as
/// a time, and must find them as its earlier copy.
pub fn tag_noting_unread(text: &str, cx: &TagContext) -> (Vec<TimeExpr>, Vec<Span>) {
    tag_by(text, cx, grammar::Reading::Regions)
}

/// `tag` with every starter of the regions around triggers tried, not only those before
/// a region's last trigger: slow, for tests and fuzzing, which check that `tag` gives
/// the same.
#[doc(hidden)]
pub fn tag_every_starter(text: &str, cx: &TagContext) -> Vec<TimeExpr> {
    tag_by(text, cx, grammar::Reading::EveryStarter).0
}

/// `tag` with every starter of the whole text tried, wherever the triggers are (numbers,
/// month names, units of time; `scan`): slow, for tests and fuzzing, which check that
/// `tag` gives the same on text of words and short gaps.
#[doc(hidden)]
pub fn tag_everywhere(text: &str, cx: &TagContext) -> Vec<TimeExpr> {
    tag_by(text, cx, grammar::Reading::Whole).0
}

/// `tag_noting_unread`, reading as `reading` says.
fn tag_by(text: &str, cx: &TagContext, reading: grammar::Reading) -> (Vec<TimeExpr>, Vec<Span>) {
    // A date page says its day in its head where the configuration does not.
    let read;
    let cx = match cx.day_anchor.is_none().then(|| page::day_of_page(text)).flatten() {
        Some(day) => {
            read = TagContext { day_anchor: Some(day), ..cx.clone() };
            &read
        }
        None => cx,
    };
    let (mut times, unread) = grammar::tag_with(text, cx, reading);
    drop_counts_past_the_text(&mut times, cx);
    // (A page that writes Old Style would need its day converted: left a year.)
    if let Some((month, day)) = cx.day_anchor.filter(|_| cx.calendar == Calendar::Gregorian) {
        on_the_pages_day(text, &mut times, month, day);
    }
    (times, unread)
}

/// On a page about one day of the year (a "Feb 6" header, `day-anchor`), a year that
/// heads an entry of its list ("1904 – Japan severs relations with Russia") is that day
/// of that year: the page lists what happened on its day. An event listed under the wrong
/// day is then a date the checks can see. (A year in prose, "in 1904 the war began", is
/// only the year.)
fn on_the_pages_day(text: &str, times: &mut [TimeExpr], month: u8, day: u8) {
    for t in times.iter_mut() {
        let plain = t.value.granularity == Granularity::Year && !t.value.is_range();
        if !plain || t.anchor.is_some() || t.written.is_some() {
            continue;
        }
        let Some(on) = t.value.start_year().map(|y| edtf::Period::Day(Some(y), month, day)) else { continue };
        if on.is_valid() && crate::text::label::label(text, t.span).is_some() {
            t.value = on.value();
            t.anchor = Some(Anchor::Document(edtf::Period::Day(None, month, day).edtf()));
        }
    }
}

/// The fewest years a count must reach past its base to be judged by
/// `drop_counts_past_the_text`: a year or two past the last year written is a story's
/// close ("In 1905 peace was signed. The following year ..."); a century is not.
const FAR_COUNT: i64 = 100;

/// Drops a count of a century or more forward from the story's date that lands after
/// every year the text writes out: a history does not count past its own time, so such a
/// count was made from something other than the date before it. "It would have been a
/// surprise to Richard the lion-hearted ... if they could have foreseen what England and
/// France would do eight hundred years later" follows a date of July 1853 and counts from
/// Richard's day, not to 2653. Where the publication date is not known, the last year
/// written may be the base itself ("Buddhism came in 552; two hundred years later ..."
/// in a short article), so only a count from a day or a month is judged: a story told by
/// the month does not step a century at once. A time read from a dropped one goes with it.
fn drop_counts_past_the_text(times: &mut Vec<TimeExpr>, cx: &TagContext) {
    let written = times.iter().filter(|t| t.anchor.is_none()).filter_map(|t| t.value.end_year());
    let published = cx.document_date.as_ref().and_then(TimeValue::end_year);
    let Some(last) = written.chain(published).max() else { return };
    let mut dropped: Vec<String> = Vec::new();
    times.retain(|t| {
        let Some(Anchor::Previous(base)) = &t.anchor else { return true };
        // Nearly every time lies within the text's years: its base is not parsed.
        let far = || {
            let Some(h) = t.value.start_year().filter(|&h| h > last) else { return false };
            let Some(b) = TimeValue::parse_edtf(base) else { return false };
            let judged = published.is_some() || b.granularity < Granularity::Year;
            b.start_year().is_some_and(|b| judged && h - b >= FAR_COUNT)
        };
        if dropped.contains(base) || far() {
            dropped.push(t.value.edtf.clone());
            return false;
        }
        true
    });
}

/// The builders of the tagger's tables (`crate::engine::warm_up`).
pub(crate) const WARM_UP: [&[fn()]; 2] = [scan::WARM_UP, grammar::WARM_UP];
