//! Per-document extraction: sentences and their flags, citations, times, event mentions,
//! claims. Plain data in, plain data out.
//!
//! Book-length text is mostly sentences with no date and no name, so the stage first finds,
//! over the whole text and with fast scans only, every span that can make something happen
//! (times, entity names, words that head an event name, anniversary words), and then
//! segments, flags and matches only the blocks of lines that hold one.

use super::assemble::{assemble, Input};
use super::mentions::{
    anniversary_kin, anniversary_phrases, capital_words, lower_words, relevant_sentences, unknown_heads,
    CapitalWords, LowerWords, Seen,
};
use super::{DocExtract, Matcher};
use crate::corpus::Document;
use crate::rules::RuleBook;
use crate::span::Span;
use crate::text::{find_citations_in, folds_like_ascii, mark_flags, segment_needed, Segmented, Weak};
use crate::time::{tag, tag_noting_unread, TagContext};

/// Runs the per-document stage over one document. `matcher` is built once per rule book
/// (`Matcher::new(rules)`) and shared by every document of the run.
pub fn extract(doc: &Document, rules: &RuleBook, matcher: &Matcher) -> DocExtract {
    let text = doc.text.as_str();
    let (times, unread) = tag_noting_unread(text, &TagContext::of_source(&doc.meta));
    let lower = text.to_ascii_lowercase();
    let folds = folds_like_ascii(text);
    let names = rules.entity_names().matcher.as_ref();
    // An entity name is judged by a time in its sentence or, in a sentence without one,
    // by the document's dominant year (`anachronism`). With a dominant year every name
    // makes its block hot, so the whole text is searched for them first; without one,
    // only names in a sentence holding a time can be judged, so only those sentences are
    // searched, once they are known. Most books have no dominant year.
    let dominant_year = crate::checks::anachronism::dominant_year(&times);
    let dominant = dominant_year.is_some();
    let mut entities: Vec<(Span, usize)> = match names.filter(|_| dominant) {
        Some(lit) => lit.find_iter(text).map(|m| (Span::new(m.start, m.end), m.pattern)).collect(),
        None => Vec::new(),
    };
    // Head words and anniversary words make a block hot; of them, only those that can be
    // part of a name or a phrase make a sentence relevant. A sentence holding any of them
    // is still a candidate repeat: a copy of a relevant sentence with other punctuation or
    // case ("the Russo/-Japanese War", "two years-ago") holds the words but no name or
    // phrase, and must be found as the earlier copy all the same. Of "ago", only an "ago"
    // such a copy can hold counts (`anniversary_kin`).
    let CapitalWords { heads: head_words, thread_marks } = capital_words(text);
    let LowerWords { anniversary, alternate, quote_markup } = lower_words(&lower);
    let phrases = anniversary_phrases(&lower, &anniversary);
    let anniversary = anniversary_kin(&lower, &anniversary);
    // Whether the text is an alternate-history thread, from the marks those searches
    // found; where ASCII case folding is not enough ("ſ"), by the regex over the text.
    let thread = if folds {
        crate::text::is_thread_at(text, &lower, &thread_marks, &alternate)
    } else {
        crate::text::is_thread(text, None)
    };
    let mut hot: Vec<Span> = entities.iter().map(|(s, _)| *s).collect();
    hot.extend(&head_words);
    hot.extend(&anniversary);
    // A block that only times make hot is split only if a sentence with a time in it can
    // be read: one that may name a known event (`may_name`), an answer ("A:"), or, with
    // no dominant year, one naming an entity. Otherwise none of its sentences is
    // relevant, named or worded, and they would only be split to be passed over. The
    // window of a time holds its sentences (`segment_needed`), and the tests are tests
    // for words or names in it, so a window that fails them holds no sentence that
    // passes. (A name the block's search finds in a sentence occurs in its window.)
    let time_spans: Vec<Span> = times.iter().map(|t| t.span).collect();
    let needed = |window: Span| {
        memchr::memmem::find(window.slice(text).as_bytes(), b"A:").is_some()
            || matcher.may_name(window.slice(&lower), folds)
            || names.filter(|_| !dominant).is_some_and(|lit| lit.is_match(window.slice(text)))
    };
    // A name in a list entry headed by a date ("1904 – Japan severs relations with
    // Russia. Two days earlier it had recalled its minister from Moscow.") is judged by
    // that date (`anachronism`). With no dominant year, the window of a date heading
    // an entry reaches the entry's end, and names are looked for in all its sentences.
    let entries: Vec<Span> = match names.filter(|_| !dominant) {
        Some(_) => times.iter().filter_map(|t| crate::text::label::entry(text, t.span)).collect(),
        None => Vec::new(),
    };
    let widened: Vec<Span>;
    let weak_spans = if entries.is_empty() {
        time_spans.as_slice()
    } else {
        widened = times.iter().map(|t| crate::text::label::entry(text, t.span).unwrap_or(t.span)).collect();
        widened.as_slice()
    };
    // A year its context made no time of ("in$1904") is split as a time is: a copy of its
    // sentence with other punctuation ("in 1904") may make a claim, and is a repeat of it.
    let with_unread: Vec<Span>;
    let weak_spans = if unread.is_empty() {
        weak_spans
    } else {
        with_unread = merged(weak_spans, &unread);
        with_unread.as_slice()
    };
    let heading_above = |heading: Span, block: Span| {
        super::heading::may_take_up(text, &lower, heading, block)
            && matcher.may_name(heading.slice(&lower), folds)
    };
    let weak = Weak { spans: weak_spans, needed: &needed, heads: &heading_above };
    let Segmented { mut sentences, blocks, thread } =
        segment_needed(text, folds.then_some(lower.as_str()), &hot, &weak, thread);
    let touched = |spans: &[Span]| crate::text::touched(&sentences, spans.iter().map(|s| (s.start, s.end)));
    let dated = touched(&time_spans);
    if let Some(lit) = names.filter(|_| !dominant) {
        let in_entry = if entries.is_empty() { Vec::new() } else { touched(&entries) };
        // The names in the dated sentences of each block, as a search of the block finds
        // them (no name runs over a blank line, so over the end of a block).
        let mut i = 0;
        for b in &blocks {
            let mut parts = Vec::new();
            while let Some(s) = sentences.get(i).filter(|s| s.span.start < b.end) {
                let read =
                    dated.get(i).copied().unwrap_or(false) || in_entry.get(i).copied().unwrap_or(false);
                if read && b.start <= s.span.start {
                    parts.push(Span::new(s.span.start - b.start, s.span.end - b.start));
                }
                i += 1;
            }
            if !parts.is_empty() {
                let found = lit.find_within(b.slice(text), &parts);
                entities.extend(found.iter().map(|m| (Span::new(m.start, m.end).shift(b.start), m.pattern)));
            }
        }
    }
    // Every block holding a head word was split.
    let heads = unknown_heads(text, &head_words, &blocks);
    // Per sentence, whether any of `masks` marks it.
    let any_of = |masks: &[&[bool]]| -> Vec<bool> {
        (0..sentences.len()).map(|i| masks.iter().any(|m| m.get(i).copied().unwrap_or(false))).collect()
    };
    let named = touched(&entities.iter().map(|(s, _)| *s).collect::<Vec<_>>());
    let worded = any_of(&[&touched(&heads), &touched(&phrases)]);
    // Names are looked for only where something can read them (`relevant_sentences`): of
    // the dated sentences, those that can name a known event, and answers.
    let naming: Vec<bool> = sentences
        .iter()
        .zip(&dated)
        .map(|(s, d)| {
            *d && (s.span.slice(text).starts_with("A:") || matcher.may_name(s.span.slice(&lower), folds))
        })
        .collect();
    let mut relevant = relevant_sentences(text, &sentences, &naming, &worded);
    // A heading right above a dated sentence may name the event the sentence takes up
    // (`heading::anaphor`). The sentence may then make a claim though it names nothing
    // itself, so its flags and repeats are wanted as a naming sentence's are.
    let mut under_heading = vec![false; sentences.len()];
    for i in 1..sentences.len() {
        let (Some(heading), Some(sentence)) = (sentences.get(i - 1), sentences.get(i)) else { continue };
        if dated.get(i) == Some(&true)
            && super::heading::may_head(text, heading, sentence)
            && heading_above(heading.span, sentence.span)
        {
            if let Some(r) = relevant.get_mut(i - 1) {
                *r = true;
            }
            if let Some(u) = under_heading.get_mut(i) {
                *u = true;
            }
        }
    }
    let seen = Seen { lower: &lower, folds, heads: &heads, ranges: &blocks, relevant: Some(&relevant) };
    let mentions = matcher.find_seen(text, &sentences, &seen);
    // Flags are read by the claims (a sentence with a time and a known event, or an
    // answer to a question that names one), by `unknown-event` and
    // `anniversary-arithmetic` (sentences with their words) and by `anachronism`
    // (sentences naming an entity). A repeat is looked for among all relevant or named
    // sentences, and those holding a head or anniversary word: a copy of one is one too,
    // whatever its context or punctuation made of it.
    let mut knows = vec![false; sentences.len()];
    for m in mentions.iter().filter(|m| matches!(m.target, super::MentionTarget::Known(_))) {
        if let Some(k) = knows.get_mut(m.sentence) {
            *k = true;
        }
    }
    let claiming: Vec<bool> = (0..sentences.len())
        .map(|i| {
            let answer = sentences.get(i).is_some_and(|s| s.span.slice(text).starts_with("A:"));
            dated.get(i).copied().unwrap_or(false) && (knows.get(i).copied().unwrap_or(false) || answer)
        })
        .collect();
    let flags_for = any_of(&[&claiming, &worded, &named, &under_heading]);
    let repeats_for = any_of(&[
        &relevant,
        &named,
        &touched(&head_words),
        &touched(&anniversary),
        &under_heading,
        &touched(&unread),
    ]);
    // A block quotation delimited by tags needs one of their closing marks, which the
    // search of the lowercased text looked for (`quote_markup`). The tags are ASCII, and
    // the flags find them in the ASCII-lowercased text whatever the document's folding,
    // so where that search found none, the flags need not look.
    mark_flags(
        text,
        folds.then_some(lower.as_str()),
        &mut sentences,
        (&flags_for, &repeats_for),
        thread,
        quote_markup,
    );
    // A sentence that takes up a heading's event names nothing, and a copy of it further
    // back, with no heading above, names nothing either: it may lie in a block left whole
    // and so be missing from the sentences compared for repeats.
    for i in (0..sentences.len()).filter(|&i| under_heading.get(i) == Some(&true)) {
        let Some(s) = sentences.get(i).filter(|s| s.repeat_of.is_none()) else { continue };
        if copied_before(text, folds.then_some(lower.as_str()), &lower, s.span, thread) {
            if let Some(s) = sentences.get_mut(i) {
                // The copy is not among the sentences: the sentence's own index stands
                // for it (only whether there is one is read).
                s.repeat_of = Some(i);
            }
        }
    }
    // Citations back claims: those in a claim's sentence or paragraph, so only the blocks
    // holding a sentence that can make a claim are searched (`find_citations_in`). One
    // that takes up a heading's event can, though it names nothing.
    let may_claim: Vec<bool> = claiming.iter().zip(&under_heading).map(|(c, u)| *c || *u).collect();
    let mut cited: Vec<Span> = sentences
        .iter()
        .zip(&may_claim)
        .filter(|(_, c)| **c)
        .filter_map(|(s, _)| blocks.get(blocks.partition_point(|b| b.end <= s.span.start)).copied())
        .collect();
    cited.dedup();
    let attributed = sentences.iter().zip(&may_claim).any(|(s, c)| *c && s.attributed_to.is_some());
    let citations = find_citations_in(text, &sentences, &cited, attributed);
    let parts =
        Parts { sentences, times, mentions, citations, entities: Some(entities), dominant: dominant_year };
    assembled(doc, rules, parts)
}

/// Two lists of spans in order of their starts, as one.
fn merged(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        if x.start <= y.start {
            all.push(*x);
            i += 1;
        } else {
            all.push(*y);
            j += 1;
        }
    }
    all.extend(a.get(i..).unwrap_or_default());
    all.extend(b.get(j..).unwrap_or_default());
    all
}

/// Whether a sentence before `sentence` has its words (`repeat_key`), as splitting the
/// whole text would find it. Only the blocks before it that hold its longest word (in the
/// ASCII-lowercased text, `ascii_lower`) are split: a copy holds every word.
fn copied_before(text: &str, lower: Option<&str>, ascii_lower: &str, sentence: Span, thread: bool) -> bool {
    let (key, words) = crate::text::repeat_key(sentence.slice(text));
    if words < crate::text::REPEAT_MIN_WORDS {
        return false;
    }
    let before = ascii_lower.get(..sentence.start).unwrap_or("");
    // Two characters lowercase to ASCII letters ("K", the Kelvin sign, to "k"; "İ" to
    // "i" and a dot): a copy written with them holds the words only once lowercased as a
    // whole. Where either occurs, every block before the sentence is split.
    let exotic = ["\u{212A}", "\u{0130}"];
    if exotic.iter().any(|c| memchr::memmem::find(before.as_bytes(), c.as_bytes()).is_some()) {
        return copy_among(
            text,
            lower,
            &[Span::new(0, sentence.start)],
            sentence.start,
            (key, words),
            thread,
        );
    }
    let mut own: Vec<&str> = sentence
        .slice(ascii_lower)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // A text without one of its words before it holds no copy: a search for each (most
    // stop at an early hit) spares splitting anything.
    own.sort_unstable_by_key(|w| std::cmp::Reverse(w.len()));
    own.dedup();
    if own.iter().any(|w| memchr::memmem::find(before.as_bytes(), w.as_bytes()).is_none()) {
        return false;
    }
    let Some(word) = own.first() else { return false };
    // (It occurs: every word was found above.)
    let hits: Vec<Span> = memchr::memmem::find_iter(before.as_bytes(), word.as_bytes())
        .map(|at| Span::new(at, at + word.len()))
        .collect();
    copy_among(text, lower, &hits, sentence.start, (key, words), thread)
}

/// A whole text's sentences as comparing every one of them flags them, for a check about
/// to report a sentence: whether a copy of it lies before it. The extract compares a
/// sentence only with the sentences it split; a copy written with other separators
/// ("President Theodore\u{1}Roosevelt", where a name search finds no name) may lie in a
/// block it left whole, where the slow way (`segment`, as `extract_everywhere` splits)
/// finds it. Made when a check first reports something in a document (few do): the
/// whole text is split once, and each question is a lookup, so that a text of twenty
/// thousand reports costs one split, not one each.
pub struct Copies {
    sentences: Vec<crate::text::Sentence>,
}

impl Copies {
    pub fn new(text: &str) -> Self {
        Copies { sentences: crate::text::segment(text) }
    }

    /// Whether `sentence` (of the text this was made of) repeats a sentence before it.
    /// Blocks split alike whole or alone, so the extract's sentence is one of these.
    pub fn before(&self, sentence: Span) -> bool {
        let i = self.sentences.partition_point(|s| s.span.start < sentence.start);
        self.sentences.get(i).is_some_and(|s| s.span == sentence && s.repeat_of.is_some())
    }
}

/// Whether a sentence of the blocks that `hot` spans touch, ending by `end`, has the
/// `repeat_key` `key`.
fn copy_among(
    text: &str,
    lower: Option<&str>,
    hot: &[Span],
    end: usize,
    key: (u64, usize),
    thread: bool,
) -> bool {
    let split = crate::text::segment_hot(text, lower, hot, thread);
    split
        .sentences
        .iter()
        .take_while(|s| s.span.end <= end)
        .any(|s| crate::text::repeat_key(s.span.slice(text)) == key)
}

/// `extract` the slow way: every block segmented, every sentence flagged, names looked
/// for in every sentence, citations everywhere. What `extract` finds must equal what this
/// finds (claims, and the per-document findings made from the extract); tests and the
/// `pipeline` fuzz target compare the two. Not for use on large text.
pub fn extract_everywhere(doc: &Document, rules: &RuleBook, matcher: &Matcher) -> DocExtract {
    let text = doc.text.as_str();
    let times = tag(text, &TagContext::of_source(&doc.meta));
    let sentences = crate::text::segment(text);
    let citations = crate::text::find_citations(text, &sentences);
    let mentions = matcher.find(text, &sentences);
    let dominant = crate::checks::anachronism::dominant_year(&times);
    assembled(doc, rules, Parts { sentences, times, mentions, citations, entities: None, dominant })
}

/// What a document's claims are assembled from.
struct Parts {
    sentences: Vec<crate::text::Sentence>,
    times: Vec<crate::time::TimeExpr>,
    mentions: Vec<super::EventMention>,
    citations: Vec<crate::text::Citation>,
    entities: Option<Vec<(Span, usize)>>,
    dominant: Option<i64>,
}

/// The claims of `doc` from its parts, and the extract that holds them all.
fn assembled(doc: &Document, rules: &RuleBook, parts: Parts) -> DocExtract {
    let Parts { sentences, times, mentions, citations, entities, dominant } = parts;
    let claims = assemble(&Input {
        doc: doc.id,
        text: &doc.text,
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
        entities,
        dominant,
        copyright: doc.meta.published.is_none().then(|| crate::text::copyright::written(&doc.text)).flatten(),
    }
}

/// The claims of an extract as JSON with each citation's `sentence` left out: that is a
/// position in the extract's own list of sentences, which is shorter when only some blocks
/// are segmented. Two extracts of one document agree when these strings are equal.
pub fn claims_for_comparison(extract: &DocExtract) -> String {
    let mut v = serde_json::to_value(&extract.claims).unwrap_or_default();
    for claim in v.as_array_mut().into_iter().flatten() {
        for c in claim.get_mut("citations").and_then(|c| c.as_array_mut()).into_iter().flatten() {
            if let Some(o) = c.as_object_mut() {
                o.remove("sentence");
            }
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `copied_before` for the `nth` sentence of `text`, as `extract` calls it.
    fn copied_at(text: &str, nth: usize) -> bool {
        let lower = text.to_ascii_lowercase();
        let sentence = crate::text::segment(text).get(nth).map(|s| s.span).expect("a sentence");
        copied_before(text, Some(&lower), &lower, sentence, false)
    }

    /// The same for the last sentence.
    fn copied(text: &str) -> bool {
        copied_at(text, crate::text::segment(text).len() - 1)
    }

    #[test]
    fn a_copy_anywhere_before_is_found_whatever_its_case_and_punctuation() {
        let tail =
            "\n\nTREATY OF PORTSMOUTH\n\nThe treaty was signed on September 5, 1905, in the navy yard.\n";
        let cases = [
            ("The treaty was signed on September 5, 1905, in the navy yard.", true),
            ("Notes.\n\nTHE TREATY WAS SIGNED ON SEPTEMBER 5,1905 IN THE NAVY YARD.", true),
            // The Kelvin sign lowercases to "k": the words are the same.
            ("Notes on the Yard.\n\nThe treaty was signed on September 5, 1905, in the navy yard, \u{212A}.", false),
            ("The treaty was signed on September 5, 1905, in the navy yard, \u{212A}.", false),
            ("The treaty was signed on September 6, 1905, in the navy yard.", false),
            ("The treaty was signed in the navy yard.", false),
        ];
        for (head, want) in cases {
            let text = format!("{head}{tail}");
            assert_eq!(copied(&text), want, "{text:?}");
        }
        let kelvin = "The \u{212A}ing signed it on September 5, 1905, in the navy yard.\n\nNOTES\n\nThe king signed it on September 5, 1905, in the navy yard.\n";
        assert!(copied(kelvin));
        let ascii = "The King signed it on September 5, 1905, in the navy yard.\n\nTHE KING\n\nThe \u{212A}ing signed it on September 5, 1905, in the navy yard.\n";
        assert!(copied(ascii));
        // A copy after the sentence is not before it.
        let text =
            format!("{}\n\nThe treaty was signed on September 5, 1905, in the navy yard.\n", tail.trim());
        assert!(copied_at(&text, 2) && !copied_at(&text, 1));
    }
}
