//! Per-document extraction: sentences and their flags, citations, times, event mentions,
//! claims. Plain data in, plain data out.

use super::assemble::{assemble, Input};
use super::mentions::relevant_sentences;
use super::{DocExtract, Matcher};
use crate::corpus::Document;
use crate::rules::RuleBook;
use crate::text::{find_citations, segment_needed};
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
    // Names and flags are worked out only where something can read them: the sentences
    // that can make a claim or a per-document finding (see `relevant_sentences`), and for
    // flags also those naming an entity (`anachronism`).
    let mut relevant = Vec::new();
    let sentences = segment_needed(text, |sentences| {
        relevant = relevant_sentences(text, sentences, &times);
        let entities = rules.entity_names().matcher.iter().flat_map(|ac| ac.find_iter(text));
        let named = crate::text::touched(sentences, entities.map(|m| (m.start(), m.end())));
        relevant.iter().zip(named).map(|(r, n)| *r || n).collect()
    });
    let citations = find_citations(text, &sentences);
    let mentions = matcher.find_in(text, &sentences, Some(&relevant));
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
    }
}
