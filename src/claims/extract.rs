//! Per-document extraction: sentences, times, mentions, claims. First cut: names and
//! aliases only, each dated by the nearest time in its sentence, role `point`.

use super::{Claim, DocExtract, EventMention, MatchKind, MentionTarget};
use crate::corpus::Document;
use crate::rules::{Role, RuleBook};
use crate::span::Span;
use crate::text::segment;
use crate::time::{tag, TagContext};

/// Runs the per-document stage over one document.
pub fn extract(doc: &Document, rules: &RuleBook) -> DocExtract {
    let text = doc.text.as_str();
    let sentences = segment(text);
    let cx = TagContext {
        document_date: doc.meta.published.clone(),
        day_anchor: doc.meta.day_anchor,
        calendar: doc.meta.calendar,
    };
    let times = tag(text, &cx);
    let lower = text.to_lowercase();
    let mut mentions = Vec::new();
    if lower.len() == text.len() {
        for (id, event) in rules.events.iter().enumerate() {
            for (k, name) in std::iter::once(&event.name).chain(&event.aliases).enumerate() {
                let needle = name.to_lowercase();
                for (at, _) in lower.match_indices(&needle) {
                    let span = Span::new(at, at + needle.len());
                    if let Some(s) = sentences.iter().position(|s| s.span.contains(span)) {
                        let via = if k == 0 { MatchKind::Name } else { MatchKind::Alias };
                        mentions.push(EventMention {
                            span,
                            target: MentionTarget::Known(id),
                            via,
                            sentence: s,
                        });
                    }
                }
            }
        }
    }
    mentions.sort_by_key(|m| m.span);
    let mut claims = Vec::new();
    for m in &mentions {
        let MentionTarget::Known(event) = m.target else { continue };
        let sentence = &sentences[m.sentence];
        let nearest = times
            .iter()
            .filter(|t| sentence.span.contains(t.span))
            .min_by_key(|t| t.span.start.abs_diff(m.span.start));
        if let Some(time) = nearest {
            claims.push(Claim {
                doc: doc.id,
                event,
                role: Role::Point,
                time: time.clone(),
                sentence: sentence.span,
                event_span: m.span,
                citations: Vec::new(),
                quoted: sentence.quoted,
                hypothetical: sentence.hypothetical,
                repeated: sentence.repeat_of.is_some(),
                attributed_to: None,
                text_key: 0,
            });
        }
    }
    DocExtract {
        doc: doc.id,
        path: doc.path.clone(),
        meta: doc.meta.clone(),
        sentences,
        times,
        mentions,
        citations: Vec::new(),
        claims,
    }
}
