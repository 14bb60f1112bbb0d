//! `anniversary-arithmetic`: "the 110th anniversary", "a centenary", "N years ago" or
//! "two centuries ago" that does not fit the event named beside it and the document's date.

use crate::checks::{declare_check, DocContext as Context};
use crate::claims::{DocExtract, MatchKind, MentionTarget};
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::EventId;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

declare_check! {
    /// ## What it does
    /// Finds anniversaries ("the 110th anniversary", "the one hundredth anniversary",
    /// "the centenary", "the bicentennial") and distances in the past ("110 years ago",
    /// "two centuries ago") in sentences that name a known event, and checks the
    /// arithmetic against the event's reference dates and the document's date (its
    /// publication date, or a later date in the same sentence). Every event named in the
    /// sentence within 100 bytes of the phrase is tried; the phrase is flagged only if
    /// none fits.
    ///
    /// Judgement calls: a year is tolerated either way (the day within the year is often
    /// unknown, and an event that spans years may be counted from its start or its end);
    /// "N decades ago" is allowed 5 years either way and "N centuries ago" 25, since
    /// round numbers are meant loosely, and so is a round number of years ("fifty years
    /// ago": up to 5 either way, a tenth of it); hedged distances ("almost a century ago",
    /// "some fifty years ago") and quoted or hypothetical sentences are not checked.
    ///
    /// ## Why it matters
    /// Anniversary arithmetic is easy to get wrong and easy for a reader to check; a wrong
    /// count undermines the rest of the piece, and it often means the event's year is wrong.
    ///
    /// ## Example
    /// ```text
    /// blog.txt (2015): Japan and Russia have had a fractious relationship since diplomatic
    ///                  relations were established two centuries ago.
    /// reference:       the Treaty of Shimoda, 7 February 1855: 160 years before 2015
    /// ```
    /// Write the distance the dates give ("160 years ago"), or fix the event's year.
    pub static ANNIVERSARY_ARITHMETIC = ("anniversary-arithmetic", Level::Warn, per_doc = run);
}

/// "the 110th anniversary", "one hundredth anniversary", "the centenary", "110 years ago".
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)(?P<ord>\d{1,4}(?:st|nd|rd|th)|[a-z]+(?:[\ -](?:and[\ -])?[a-z]+){0,3})\s+anniversary(?-u:\b)
        | (?-u:\b)(?P<named>centenary|centennial|bicentenary|bicentennial|tercentenary|tercentennial|sesquicentennial|semicentennial|quincentenary)(?-u:\b)
        | (?-u:\b)(?:(?P<hedge>almost|nearly|about|some|over|more\ than|less\ than|around|roughly|approximately|under|barely|well\ over|just\ over|upwards\ of)\s+)?
          (?P<count>\d{1,4}|[a-z]+(?:[\ -][a-z]+){0,2})\s+(?P<unit>years?|decades?|centuries|century)\s+ago(?-u:\b)",
    )
    .expect("valid regex")
});

/// Whether `sentence` holds an anniversary phrase (for tests of the prefilters that pick
/// the sentences this check reads).
#[cfg(test)]
pub(crate) fn has_phrase(sentence: &str) -> bool {
    PHRASE.is_match(sentence)
}

/// What a phrase claims: the distance in years, and how loosely it is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Distance {
    years: i64,
    tolerance: i64,
}

fn cardinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<i64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        _ => return None,
    })
}

/// A number in words at the end of `words`: cardinals ("two hundred and ten") or, with
/// `ordinal`, ending in an ordinal ("one hundred and tenth"). Takes the longest suffix
/// that parses; returns the number and the byte offset where the suffix starts.
fn number_words(words: &str, ordinal: bool) -> Option<(i64, usize)> {
    let lower = words.to_ascii_lowercase();
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in lower.char_indices().chain(std::iter::once((lower.len(), ' '))) {
        match (c == ' ' || c == '-', start) {
            (true, Some(s)) => {
                tokens.push((s, lower.get(s..i)?));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    (0..tokens.len()).find_map(|k| {
        let words: Vec<&str> = tokens.get(k..)?.iter().map(|(_, w)| *w).collect();
        Some((parse_tokens(&words, ordinal)?, tokens.get(k)?.0))
    })
}

/// Whether `before` (the words just before a number) ends in a hedge ("almost", "some").
fn ends_in_hedge(before: &str) -> bool {
    const HEDGES: &[&str] = &[
        "almost",
        "nearly",
        "about",
        "some",
        "over",
        "than",
        "around",
        "roughly",
        "approximately",
        "under",
        "barely",
        "upwards",
        "circa",
        "c.",
        "perhaps",
        "only",
        "just",
    ];
    before.split_whitespace().last().is_some_and(|w| HEDGES.contains(&w.to_ascii_lowercase().as_str()))
}

fn parse_tokens(tokens: &[&str], ordinal: bool) -> Option<i64> {
    let (last, init) = tokens.split_last()?;
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut seen_and = false;
    for (i, t) in init.iter().chain(std::iter::once(last)).enumerate() {
        let is_last = i == init.len();
        if *t == "and" {
            if seen_and || (current == 0 && total == 0) || is_last {
                return None;
            }
            seen_and = true;
            continue;
        }
        let hundred = if is_last && ordinal { *t == "hundredth" } else { *t == "hundred" };
        if hundred {
            current = current.max(1).checked_mul(100)?;
            total = total.checked_add(current)?;
            current = 0;
            continue;
        }
        let v = if is_last && ordinal { ordinal_word(t)? } else { cardinal_word(t)? };
        if (*t == "a" || *t == "an") && i > 0 {
            return None;
        }
        current = current.checked_add(v)?;
    }
    let n = total.checked_add(current)?;
    (n > 0).then_some(n)
}

/// Parses one match of `PHRASE` into a distance and the byte offset (in the match)
/// where the phrase proper starts; `None` for hedged or unreadable phrases.
fn distance(caps: &regex::Captures<'_>, haystack: &str) -> Option<(Distance, usize)> {
    let base = caps.get(0)?.start();
    let (d, at) = distance_inner(caps)?;
    // A number that goes on to the left of what was read ("five hundred and
    // fifty-four years ago" read as 54) is not a number this check understands.
    let prefix = haystack.get(..at)?;
    let before = prefix.split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let continues = ["and", "hundred", "thousand", "million"].contains(&before.as_str())
        || prefix.ends_with(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    if continues {
        return None;
    }
    Some((d, at.checked_sub(base)?))
}

fn distance_inner(caps: &regex::Captures<'_>) -> Option<(Distance, usize)> {
    if let Some(o) = caps.name("ord") {
        let s = o.as_str();
        let (n, at) = match s.get(..s.len().saturating_sub(2)).and_then(|d| d.parse::<i64>().ok()) {
            Some(n) if s.chars().next().is_some_and(|c| c.is_ascii_digit()) => (n, 0),
            _ => number_words(s, true)?,
        };
        return Some((Distance { years: n, tolerance: 1 }, o.start() + at));
    }
    if let Some(n) = caps.name("named") {
        let years = match n.as_str().to_lowercase().as_str() {
            "semicentennial" => 50,
            "centenary" | "centennial" => 100,
            "sesquicentennial" => 150,
            "bicentenary" | "bicentennial" => 200,
            "tercentenary" | "tercentennial" => 300,
            "quincentenary" => 500,
            _ => return None,
        };
        return Some((Distance { years, tolerance: 1 }, n.start()));
    }
    if caps.name("hedge").is_some() {
        return None;
    }
    let count_match = caps.name("count")?;
    let count = count_match.as_str();
    let (n, at) = match count.parse::<i64>() {
        Ok(n) => (n, 0),
        Err(_) => number_words(count, false)?,
    };
    if ends_in_hedge(count.get(..at)?) {
        return None;
    }
    let unit = caps.name("unit")?.as_str().to_lowercase();
    let (scale, tolerance) = if unit.starts_with("centur") {
        (100, 25)
    } else if unit.starts_with("decade") {
        (10, 5)
    } else if round(n) {
        // "fifty years ago" is meant as loosely as "five decades ago".
        (1, (n / 10).min(5))
    } else {
        (1, 1)
    };
    Some((Distance { years: n.checked_mul(scale)?, tolerance }, count_match.start() + at))
}

/// A round number of years: one significant digit, twenty or more ("fifty", "a hundred",
/// "300"); "110" and "twenty-five" are counted, "ten" is near enough to be exact.
fn round(n: i64) -> bool {
    let mut m = n;
    while m >= 10 && m % 10 == 0 {
        m /= 10;
    }
    n >= 20 && m < 10
}

/// The years an event may be dated to, from every reference date it has.
fn event_years(cx: &Context<'_>, event: EventId) -> Option<(i64, i64)> {
    let ev = cx.rules.events.get(event)?;
    let views = ev.dates.iter().flat_map(|d| &d.views);
    let lo = views.clone().filter_map(|v| v.value.start_year()).min()?;
    let hi = views.filter_map(|v| v.value.end_year()).max()?;
    Some((lo, hi))
}

/// How far (in bytes) an event mention may sit from the phrase to be what it counts
/// from: a long sentence names other events too.
const NEAR: usize = 100;

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    check_doc(cx, cx.extract, out);
}

fn check_doc(cx: &Context<'_>, doc: &DocExtract, out: &mut Vec<Diagnostic>) {
    let text = cx.text(doc.doc);
    // A phrase counts from an event named in its sentence: sentences naming none are not
    // searched.
    let named = doc.known_by_sentence();
    for (si, sentence) in doc.sentences.iter().enumerate() {
        let Some(mentions) = named.get(si).filter(|m| !m.is_empty()) else { continue };
        if sentence.quoted || sentence.hypothetical || sentence.repeat_of.is_some() {
            continue;
        }
        let words = sentence.span.slice(text);
        // Every phrase holds an anniversary word ("anniver", "centen", "ago", in any case:
        // none of their letters folds from beyond ASCII; `mentions` tests the words against
        // `PHRASE`). Most sentences naming an event hold none, and the regex, with no
        // literal to look for first, would read each of them whole.
        if crate::claims::mentions::anniversary_words(&words.to_ascii_lowercase()).is_empty() {
            continue;
        }
        for caps in PHRASE.captures_iter(words) {
            let Some(whole) = caps.get(0) else { continue };
            let Some((dist, at)) = distance(&caps, words) else { continue };
            let span = Span::new(sentence.span.start + whole.start() + at, sentence.span.start + whole.end());
            let phrase = span.slice(text).trim();
            // A verb or a description by a place may mean any event there ("Ten years ago,
            // when the Japanese took Port Arthur": the capture of 1894, not the surrender of
            // 1905).
            let neighbours = crate::claims::mentions::place_neighbours(cx.rules);
            let mut events: Vec<(usize, EventId)> = mentions
                .iter()
                .filter(|m| gap(m.span, span) <= NEAR)
                .filter(|m| !names_another_instance(text, m.span))
                .filter_map(|m| match m.target {
                    MentionTarget::Known(e) => Some((m, e)),
                    MentionTarget::Unknown(_) => None,
                })
                .flat_map(|(m, e)| {
                    let there = match m.via {
                        MatchKind::Place | MatchKind::Description => {
                            neighbours.get(e).map(Vec::as_slice).unwrap_or_default()
                        }
                        _ => &[],
                    };
                    std::iter::once(e).chain(there.iter().copied()).map(move |e| (gap(m.span, span), e))
                })
                .collect();
            events.sort();
            events.dedup_by_key(|(_, e)| *e);
            let dated: Vec<(EventId, (i64, i64))> =
                events.iter().filter_map(|&(_, e)| Some((e, event_years(cx, e)?))).collect();
            let anchors = anchors(doc, sentence.span, &dated);
            if dated.is_empty() || anchors.is_empty() {
                continue;
            }
            let fits = |(lo, hi): (i64, i64)| {
                anchors.iter().any(|(a0, a1, _)| {
                    a0 - dist.years <= hi + dist.tolerance && lo - dist.tolerance <= a1 - dist.years
                })
            };
            if dated.iter().any(|(_, years)| fits(*years)) {
                continue;
            }
            let Some(&(event, (lo, hi))) = dated.first() else { continue };
            let Some(&(a0, a1, anchor_label)) = anchors.first() else { continue };
            out.push(finding(cx, doc, span, phrase, dist, event, (lo, hi), (a0, a1), anchor_label));
        }
    }
}

/// Bytes between two spans (0 when they overlap): a mention found by description may
/// cover many words.
fn gap(a: Span, b: Span) -> usize {
    if a.overlaps(b) {
        0
    } else {
        a.end.abs_diff(b.start).min(b.end.abs_diff(a.start))
    }
}

/// Whether the words before a mention make it another instance of the event ("the
/// other fall of Port Arthur", in 1894, not the 1905 one).
fn names_another_instance(text: &str, mention: Span) -> bool {
    const OTHER: &[&str] = &["other", "earlier", "previous", "former", "first", "second", "last"];
    let before = text.get(mention.start.saturating_sub(24)..mention.start).unwrap_or("");
    let mut words = before.split_whitespace().rev();
    let (w1, w2) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    [w1, w2].iter().any(|w| OTHER.contains(&w.to_ascii_lowercase().as_str()))
}

/// Years the phrase may be counted from: the document's date, and dates in the same
/// sentence later than every event named there.
fn anchors(
    doc: &DocExtract,
    sentence: Span,
    dated: &[(EventId, (i64, i64))],
) -> Vec<(i64, i64, Option<Span>)> {
    let mut out = Vec::new();
    if let Some(p) = doc.written() {
        if let (Some(a0), Some(a1)) = (p.start_year(), p.end_year()) {
            out.push((a0, a1, None));
        }
    }
    let newest = dated.iter().map(|(_, (_, hi))| *hi).max().unwrap_or(i64::MAX);
    // The sentence's times by binary search, not a pass over the document's per phrase.
    for t in crate::time::inside(&doc.times, sentence) {
        if let (Some(a0), Some(a1)) = (t.value.start_year(), t.value.end_year()) {
            if a0 > newest.saturating_add(1) {
                out.push((a0, a1, Some(t.span)));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn finding(
    cx: &Context<'_>,
    doc: &DocExtract,
    span: Span,
    phrase: &str,
    dist: Distance,
    event: EventId,
    (lo, hi): (i64, i64),
    (a0, a1): (i64, i64),
    anchor: Option<Span>,
) -> Diagnostic {
    let ev = cx.rules.event(event);
    let show = |a: i64, b: i64| if a == b { a.to_string() } else { format!("{a}–{b}") };
    let (event_years, anchor_years) = (show(lo, hi), show(a0, a1));
    let actual = show(a0 - hi, a1 - lo);
    // An event after the time counted from: no count of years back reaches it.
    let later = a1 < lo;
    let message = if phrase.to_lowercase().ends_with("ago") {
        let implied = show(a0 - dist.years, a1 - dist.years);
        let gap = if later { format!("after {anchor_years}") } else { format!("{actual} years") };
        format!(
            "\"{phrase}\" from {anchor_years} points to {implied}, but {} dates from {event_years} ({gap})",
            ev.name
        )
    } else {
        let due = show(lo + dist.years, hi + dist.years);
        format!("\"{phrase}\" of {} ({event_years}) falls in {due}, not {anchor_years}", ev.name)
    };
    let source = ev.dates.iter().flat_map(|d| &d.views).map(|v| v.source.as_str()).next().unwrap_or("rules/");
    let mut d = Diagnostic::new(
        ANNIVERSARY_ARITHMETIC.code,
        Label::new(cx.path(doc.doc), span, format!("{} years", dist.years)),
        message,
    )
    .event(ev.id.clone())
    .help(if later {
        format!(
            "correct the event or its year, or the date counted from; {} is dated {event_years} (source: {source})",
            ev.name
        )
    } else {
        format!("count {actual} years, or correct the event's year; {} is dated {event_years} (source: {source})", ev.name)
    });
    match anchor {
        Some(s) => d = d.related(Label::new(cx.path(doc.doc), s, format!("counted from {anchor_years}"))),
        None if doc.meta.published.is_some() => {
            d = d.note(format!("counted from the document's date, {anchor_years}, in chronolint.toml"))
        }
        None => {
            d = d.note(format!(
                "counted from {anchor_years}, when the document's copyright lines say it was written; set `published` in chronolint.toml to count from another date"
            ))
        }
    }
    d
}

crate::warm_up!(PHRASE);

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<Distance> {
        PHRASE.captures_iter(text).find_map(|c| distance(&c, text).map(|(d, _)| d))
    }

    #[test]
    fn phrases_give_distances() {
        let cases: &[(&str, Option<(i64, i64)>)] = &[
            ("September 5 was the 110th Anniversary of the Portsmouth Peace Treaty", Some((110, 1))),
            ("the one hundredth anniversary of the battle", Some((100, 1))),
            ("the one hundred and tenth anniversary", Some((110, 1))),
            ("the fiftieth anniversary", Some((50, 1))),
            ("its twenty-fifth anniversary", Some((25, 1))),
            ("the centenary of the treaty", Some((100, 1))),
            ("the Bicentennial", Some((200, 1))),
            ("Mutiny on the Battleship Potemkin, 110 Years Ago", Some((110, 1))),
            ("established two centuries ago", Some((200, 25))),
            ("a century ago", Some((100, 25))),
            ("three decades ago", Some((30, 5))),
            ("fifty years ago--that is at the time of the Taiping Rebellion", Some((50, 5))),
            ("twenty years ago", Some((20, 2))),
            ("a hundred years ago", Some((100, 5))),
            ("ten years ago", Some((10, 1))),
            ("twenty-five years ago", Some((25, 1))),
            ("110 years ago", Some((110, 1))),
            ("which took place almost a century ago", None),
            ("some fifty years ago", None),
            ("many years ago", None),
            ("five hundred and fifty-four years ago", None),
            ("exactly 3,276,494 years ago", None),
            ("two thousand years ago", None),
            ("which took place almost a century ago", None),
            ("were established two centuries ago", Some((200, 25))),
            ("the anniversary of the treaty", None),
            ("a happy anniversary", None),
        ];
        for (text, want) in cases {
            assert_eq!(first(text).map(|d| (d.years, d.tolerance)), *want, "{text}");
        }
    }

    #[test]
    fn the_phrase_starts_at_its_number() {
        let text = "was the one hundredth anniversary";
        let (caps, (_, at)) =
            PHRASE.captures_iter(text).find_map(|c| distance(&c, text).map(|d| (c, d))).expect("a phrase");
        let start = caps.get(0).map_or(0, |m| m.start()) + at;
        assert_eq!(text.get(start..), Some("one hundredth anniversary"));
    }
}
