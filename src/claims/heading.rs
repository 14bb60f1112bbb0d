//! A section heading that names an event, and the first sentence under it that takes the
//! event up by a noun of its name:
//!
//! ```text
//! PROMULGATION OF THE CONSTITUTION
//!
//! On the 11th of February, 1889, the Constitution was promulgated amid signs of
//! universal rejoicing.
//! ```
//!
//! The noun ("the Constitution", "the treaty", "nothing short of annexation") stands for
//! the heading's event there, as an alias would; the claim is then weighed as any other
//! (Brinkley's "ANNEXATION OF KOREA" / "nothing short of annexation would suit the
//! situation, and that step was taken on August 22, 1910" is still no claim: the time is
//! in the next clause, of "that step"). Only the first sentence under the heading:
//! further on, "the treaty" may be another one.

use super::{EventMention, MatchKind, MentionTarget};
use crate::span::Span;
use crate::text::{letter_words, short_line_at, Sentence, HEADING_MAX};
use regex::Regex;
use std::sync::LazyLock;

/// The nouns an event's name is built on, that a sentence can take the event up by.
/// Sorted: looked up by binary search (a test checks the order).
const NOUNS: &[&str] = &[
    "abdication",
    "agreement",
    "alliance",
    "annexation",
    "assassination",
    "battle",
    "bombardment",
    "campaign",
    "capture",
    "conference",
    "constitution",
    "convention",
    "coup",
    "edict",
    "expedition",
    "incident",
    "insurrection",
    "intervention",
    "massacre",
    "mutiny",
    "proclamation",
    "promulgation",
    "protocol",
    "rebellion",
    "relief",
    "restoration",
    "revolt",
    "revolution",
    "rising",
    "siege",
    "surrender",
    "treaty",
    "uprising",
    "war",
];

/// Words a bare noun may follow and still stand for the heading's event.
const LINKS: &[&str] =
    &["of", "for", "to", "by", "after", "before", "upon", "on", "with", "and", "until", "till"];

/// Right after the noun: what makes it another event's ("the war with China", "the treaty
/// of 1858", "the rebellion in Szechuan").
static QUALIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:of|with|against|between|in|at|by|from)\s+(?:the\s+)?[\p{Lu}0-9]")
        .expect("valid regex")
});

crate::warm_up!(QUALIFIED);

/// The mention that sentence `si` makes of the event the heading right above it names,
/// if `si` is the first sentence under such a heading and takes its event up by a noun of
/// the event's name.
pub fn anaphor(
    text: &str,
    sentences: &[Sentence],
    mentions: &[EventMention],
    si: usize,
) -> Option<EventMention> {
    let sentence = sentences.get(si)?;
    let heading = sentences.get(si.checked_sub(1)?)?;
    // Cheap tests first: most dated sentences follow no short line across a blank one.
    if !may_head(text, heading, sentence) {
        return None;
    }
    let line = heading_line(text, heading.span)?;
    let from = mentions.partition_point(|m| m.sentence < si - 1);
    let mut named = mentions.get(from..)?.iter().take_while(|m| m.sentence == si - 1);
    let first = named.next()?;
    let MentionTarget::Known(event) = first.target else { return None };
    // One event, by its name: a heading that names two, or a name two events share, does
    // not say which the sentence takes up.
    if !matches!(first.via, MatchKind::Name | MatchKind::Alias)
        || named.any(|m| m.target != first.target || m.span != first.span)
        || !line.contains(first.span)
    {
        return None;
    }
    let nouns: Vec<String> = letter_words(first.span.slice(text))
        .map(|(_, w)| w.to_lowercase())
        .filter(|w| NOUNS.binary_search(&w.as_str()).is_ok())
        .collect();
    if nouns.is_empty() {
        return None;
    }
    // The first of the nouns in the sentence, and only if it stands alone for the event:
    // after one of them names another event ("the Boxer war", "the war with China"), a
    // later one may be that event again.
    let body = sentence.span.slice(text);
    let (at, word) = letter_words(body).find(|(_, w)| nouns.contains(&w.to_lowercase()))?;
    let before = body.get(..at).unwrap_or_default().trim_end();
    let after = body.get(at + word.len()..).unwrap_or_default();
    if QUALIFIED.is_match(after) {
        return None;
    }
    // "the treaty", "this Convention": a determiner right before it makes it the one in
    // view. A noun without one only in lower case and after a word that is no qualifier
    // ("nothing short of annexation", not "the Boxer war" or "a new treaty").
    let determiner = super::mentions::word_before(body, at)
        .filter(|w| ["the", "this", "that"].iter().any(|d| w.eq_ignore_ascii_case(d)));
    let start = match determiner {
        // The word is the end of `before`, the text up to the noun less its spaces.
        Some(d) => before.len() - d.len(),
        None if word.starts_with(char::is_lowercase)
            && letter_words(before)
                .last()
                .is_none_or(|(_, w)| LINKS.contains(&w.to_lowercase().as_str())) =>
        {
            at
        }
        None => return None,
    };
    let span = Span::new(sentence.span.start + start, sentence.span.start + at + word.len());
    Some(EventMention { span, target: MentionTarget::Known(event), via: MatchKind::Alias, sentence: si })
}

/// Whether a line may be a heading whose event words after it take up: it has a
/// heading's shape, and a noun of `NOUNS` in it is in `after` too. (`lower` is the text
/// lowercased, byte for byte; a test of whole words would be stricter.)
pub fn may_take_up(text: &str, lower: &str, line: Span, after: Span) -> bool {
    let (Some(heading), Some(after)) = (lower.get(line.start..line.end), lower.get(after.start..after.end))
    else {
        return false;
    };
    // The shape first, the cheaper test: few short lines before a dated paragraph have it.
    // The length as `heading_shaped` counts it (a centred heading's spaces left out, up to
    // four marks of a Markdown heading in), so that a long line is dismissed unread.
    if heading.trim().len() > HEADING_MAX + 4 || !crate::text::heading_shaped(line.slice(text)) {
        return false;
    }
    // Every run of letters, not `letter_words`: the name `anaphor` takes its nouns from may
    // start or end inside a word of the line joined by a hyphen or an apostrophe
    // ("H-TREATY OF PORTSMOUTH" names the Treaty of Portsmouth), and its nouns are then
    // runs of letters the line's words hold.
    let mut nouns = heading.split(|c: char| !c.is_alphabetic()).filter(|w| NOUNS.binary_search(w).is_ok());
    nouns.any(|w| memchr::memmem::find(after.as_bytes(), w.as_bytes()).is_some())
}

/// Whether `heading` may be a heading above `sentence`, by a look at its length and the
/// blank line between them (`anaphor` looks further).
pub fn may_head(text: &str, heading: &Sentence, sentence: &Sentence) -> bool {
    heading.span.len() <= HEADING_MAX && blank_line_between(text, heading.span.end, sentence.span.start)
}

/// Whether the text between two offsets is white space holding a blank line.
fn blank_line_between(text: &str, from: usize, to: usize) -> bool {
    let gap = text.get(from..to).unwrap_or_default();
    gap.trim().is_empty() && gap.lines().count() >= 2 && gap.lines().skip(1).any(|l| l.trim().is_empty())
}

/// The line `span` is, if it is a heading: one line, alone between blank lines (or the
/// text's start), short, not ended as a sentence is, and in capitals or title case. (A
/// sentence over two short lines is no heading: the search of `segment_needed` keeps
/// only a block of one line above a dated one, and must find what this finds.)
fn heading_line(text: &str, span: Span) -> Option<Span> {
    // A heading's words are at most `HEADING_MAX` bytes, and four marks of Markdown
    // (`heading_shaped`).
    let line = short_line_at(text, span.start, HEADING_MAX + 4)?;
    if span.end > line.end {
        return None;
    }
    let (start, end) = (line.start, line.end);
    let line = text.get(start..end)?;
    if !crate::text::heading_shaped(line) || !blank_before(text.get(..start)?) {
        return None;
    }
    Some(Span::new(start, end))
}

/// Whether the text before a line (up to its start) is empty or ends with a blank line.
fn blank_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix('\n') else { return before.is_empty() };
    rest.rsplit('\n').next().is_none_or(|line| line.trim().is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn nouns_are_sorted_and_distinct_for_the_binary_search() {
        assert!(super::NOUNS.windows(2).all(|w| w[0] < w[1]), "{:?}", super::NOUNS);
    }

    /// A noun of the heading's name joined to another word by a hyphen or an apostrophe
    /// is still one that the paragraph after it may take the event up by.
    #[test]
    fn a_noun_joined_to_another_word_in_the_heading_may_be_taken_up() {
        let take_up = |heading: &str, after: &str| {
            let text = format!("{heading}\n\n{after}");
            let line = crate::span::Span::new(0, heading.len());
            let after = crate::span::Span::new(heading.len() + 2, text.len());
            super::may_take_up(&text, &text.to_ascii_lowercase(), line, after)
        };
        let after = "The treaty was signed on Sept 1, 1905.";
        for heading in [" H-TREATY OF PORTSMOUTH", "PEACE-TREATY OF PORTSMOUTH", "THE O'TREATY"] {
            assert!(take_up(heading, after), "{heading:?}");
        }
        // Nothing in the heading is a noun the paragraph holds.
        assert!(!take_up("H-TREATYX OF PORTSMOUTH", after));
        assert!(!take_up("THE SIEGE OF PORT ARTHUR", after));
    }
}
