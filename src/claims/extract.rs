//! Per-document extraction: sentences and their flags, citations, times, event mentions,
//! claims. Plain data in, plain data out.

use super::assemble::{assemble, Input};
use super::{DocExtract, Matcher};
use crate::corpus::Document;
use crate::rules::RuleBook;
use crate::text::{find_citations, segment};
use crate::time::{tag, TagContext};

/// Runs the per-document stage over one document. `matcher` is built once per rule book
/// (`Matcher::new(rules)`) and shared by every document of the run.
pub fn extract(doc: &Document, rules: &RuleBook, matcher: &Matcher) -> DocExtract {
    let text = doc.text.as_str();
    let sentences = segment(text);
    let cx = TagContext {
        document_date: doc.meta.published.clone(),
        day_anchor: doc.meta.day_anchor,
        calendar: doc.meta.calendar,
        narrative: doc.meta.genre.is_narrative(),
    };
    let times = tag(text, &cx);
    let citations = find_citations(text, &sentences);
    let relevant = super::mentions::relevant_sentences(text, &sentences, &times);
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
