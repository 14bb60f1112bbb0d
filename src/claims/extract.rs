//! Per-document extraction: sentences and their flags, citations, times, event mentions,
//! claims. Plain data in, plain data out.
//!
//! Book-length text is mostly sentences with no date and no name, so the stage first finds,
//! over the whole text and with fast scans only, every span that can make something happen
//! (times, entity names, words that head an event name, anniversary words), and then
//! segments, flags and matches only the blocks of lines that hold one.

use super::assemble::{assemble, Input};
use super::mentions::{anniversary_phrases, relevant_sentences, unknown_heads, Seen};
use super::{DocExtract, Matcher};
use crate::corpus::Document;
use crate::rules::RuleBook;
use crate::span::Span;
use crate::text::{find_citations_in, folds_like_ascii, segment_hot, Segmented};
use crate::time::{tag, TagContext};

/// Runs the per-document stage over one document. `matcher` is built once per rule book
/// (`Matcher::new(rules)`) and shared by every document of the run.
pub fn extract(doc: &Document, rules: &RuleBook, matcher: &Matcher) -> DocExtract {
    let text = doc.text.as_str();
    let cx = TagContext {
        document_date: doc.meta.published.clone(),
        day_anchor: doc.meta.day_anchor,
        calendar: doc.meta.calendar,
        narrative: doc.meta.genre.is_narrative(),
    };
    let times = tag(text, &cx);
    let lower = text.to_ascii_lowercase();
    let folds = folds_like_ascii(text);
    let whole = [Span::new(0, text.len())];
    let entities: Vec<(Span, usize)> = rules
        .entity_names()
        .matcher
        .iter()
        .flat_map(|ac| ac.find_iter(text))
        .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
        .collect();
    let heads = unknown_heads(text, &whole);
    let phrases = anniversary_phrases(&lower);
    let mut hot: Vec<Span> = times.iter().map(|t| t.span).collect();
    hot.extend(entities.iter().map(|(s, _)| *s));
    hot.extend(&heads);
    hot.extend(&phrases);
    // Names and flags are worked out only where something can read them: the sentences
    // that can make a claim or a per-document finding (see `relevant_sentences`), and for
    // flags also those naming an entity (`anachronism`).
    let mut relevant = Vec::new();
    let Segmented { sentences, ranges } =
        segment_hot(text, folds.then_some(lower.as_str()), &hot, |sentences| {
            relevant = relevant_sentences(text, sentences, &times, &heads, &phrases);
            let named = crate::text::touched(sentences, entities.iter().map(|(s, _)| (s.start, s.end)));
            relevant.iter().zip(named).map(|(r, n)| *r || n).collect()
        });
    let citations = find_citations_in(text, &sentences, &ranges);
    let seen = Seen { lower: &lower, folds, heads: &heads, ranges: &ranges };
    let mentions = matcher.find_seen(text, &sentences, Some(&relevant), &seen);
    let claims = assemble(&Input {
        doc: doc.id,
        text,
        sentences: &sentences,
        times: &times,
        mentions: &mentions,
        citations: &citations,
        rules,
    });
    DocExtract {
        doc: doc.id,
        path: doc.path.clone(),
        meta: doc.meta.clone(),
        sentences,
        times,
        mentions,
        citations,
        claims,
        entities: Some(entities),
    }
}
