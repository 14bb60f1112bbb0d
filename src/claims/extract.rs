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

/// The mark of an answer ("Q: ... A: ..."), looked for in every window a time's block may
/// be split for: built once, as a search built per window cost more than the search.
static ANSWER_MARK: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"A:"));

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
    // Head words where they can head a name `unknown-event` may report
    // (`name_heads_to_read`: after a capitalised word, or before "of", and not where the
    // name's word beside the head is one no event's name holds, as "Peloponnesian" in
    // "the Peloponnesian War") make a block hot, and anniversary words make it split
    // where their window may name an event (below); of them, only those that are part of
    // a name or a phrase make a sentence relevant. The others are split all the same: a
    // copy of a relevant sentence with other punctuation or case ("the Russo/-Japanese
    // War", "two years-ago") holds the words but no name or phrase, and must be found as
    // the earlier copy (`mark_flags` compares each read sentence with every split one
    // before it). Of "ago", only an "ago" such a copy can hold counts
    // (`anniversary_kin`). A head word that heads no name ("War followed."), or only
    // names the check passes over, leaves its block whole: nothing there is read, and a
    // copy there of a sentence whose repeat flag is read ("the russo-china war") is
    // found as in any block left whole (`copies::mark_copies_left_whole`).
    let CapitalWords { heads: head_words, thread_marks } = capital_words(text);
    let LowerWords { anniversary, alternate, quote_markup, url_marks } = lower_words(&lower);
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
    let unknown = |word: &str| crate::checks::unknown_event::brings_an_unknown_word(rules, word);
    hot.extend(super::mentions::name_heads_to_read(text.as_bytes(), &head_words, unknown));
    // A block that only times make hot is split only if a sentence with a time in it can
    // be read: one that may name a known event (`may_name`), an answer ("A:"), or, with
    // no dominant year, one naming an entity. Otherwise none of its sentences is
    // relevant, named or worded, and they would only be split to be passed over. The
    // window of a time holds its sentences (`segment_needed`), and the tests are tests
    // for words or names in it, so a window that fails them holds no sentence that
    // passes. (A name the block's search finds in a sentence occurs in its window.)
    let time_spans: Vec<Span> = times.iter().map(|t| t.span).collect();
    // The windows that fail the test, for the claims' search for copies below, and
    // those `may_name` passed (trimmed): both settle the same test of many a dated
    // sentence below (`Settled`).
    let failed = std::cell::RefCell::new(Vec::new());
    let passed = std::cell::RefCell::new(Vec::new());
    let needed = |window: Span| {
        if ANSWER_MARK.find(window.slice(text).as_bytes()).is_some() {
            return true;
        }
        if matcher.may_name(window.slice(&lower), folds) {
            passed.borrow_mut().push(crate::text::trim_span(text, window));
            return true;
        }
        let needed = names.filter(|_| !dominant).is_some_and(|lit| lit.is_match(window.slice(text)));
        if !needed {
            failed.borrow_mut().push(window);
        }
        needed
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
    // So is an anniversary word: it is read only in a sentence that names a known event
    // (`anniversary-arithmetic`), so its block is split where its window may name one.
    let more = merged(&unread, &anniversary);
    let with_more: Vec<Span>;
    let weak_spans = if more.is_empty() {
        weak_spans
    } else {
        with_more = merged(weak_spans, &more);
        with_more.as_slice()
    };
    let heading_above = |heading: Span, block: Span| {
        super::heading::may_take_up(text, &lower, heading, block)
            && matcher.may_name(heading.slice(&lower), folds)
    };
    let weak = Weak { spans: weak_spans, needed: &needed, heads: &heading_above };
    let Segmented { mut sentences, blocks, thread, left } =
        segment_needed(text, folds.then_some(lower.as_str()), &hot, &weak, thread, Some(&url_marks));
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
    let phrased = touched(&phrases);
    // A sentence a name of `heads` touches is read by `unknown-event` only where it holds
    // a name the check may report (`UnknownNames`): one with only "the Great War", or a
    // heading in title case, has nothing for it, and is not matched for mentions.
    let unknown_names = super::mentions::UnknownNames::new(text, &sentences, &heads);
    let unknown_named: Vec<bool> = (0..sentences.len()).map(|i| unknown_names.in_sentence(i)).collect();
    let worded = any_of(&[&unknown_named, &phrased]);
    // Names are looked for only where something can read them (`relevant_sentences`): of
    // the dated sentences, those that can name a known event, and answers.
    let (mut failed_windows, mut passed_windows) = (failed.take(), passed.take());
    failed_windows.sort_unstable_by_key(|w| w.start);
    passed_windows.sort_unstable_by_key(|w| w.start);
    let settled = Settled { failed: &failed_windows, passed: &passed_windows };
    let naming: Vec<bool> = sentences
        .iter()
        .zip(&dated)
        .map(|(s, d)| {
            *d && (s.span.slice(text).starts_with("A:")
                || settled.may_name(s.span).unwrap_or_else(|| matcher.may_name(s.span.slice(&lower), folds)))
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
    let seen =
        Seen { lower: &lower, folds, unknown: &unknown_names, ranges: &blocks, relevant: Some(&relevant) };
    let mentions = matcher.find_seen(text, &sentences, &seen);
    // Flags are read by the claims (a sentence with a time and a known event, or an
    // answer to a question that names one), by `unknown-event` (a sentence with an
    // unknown event's name), `anniversary-arithmetic` (a sentence with a phrase) and
    // `anachronism` (a sentence naming an entity). Only sentences read for what they
    // found are flagged: a relevant sentence whose names all turned out known, or whose
    // words named nothing, is read by nothing. Those read but for an entity are keyed and
    // compared with each other (`repeats_for`); a read one that none of them repeats is
    // then compared with the other split sentences before it, whose first and last words
    // it shares (`flags::mark_copies_not_wanted`). So whether a read sentence repeats one
    // before it does not hang on which others are keyed, and a copy whose context or
    // punctuation made nothing of its words ("War" heading no name, a year left unread,
    // "two years-ago") is found without a key for every split sentence holding such a
    // word: keying those was a tenth of the flags' work.
    // Per sentence, the known events it names, and whether an unknown name is left in it.
    let mut named_here: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); sentences.len()];
    let mut unknown_found = vec![false; sentences.len()];
    for m in &mentions {
        match m.target {
            super::MentionTarget::Known(id) => {
                if let Some(here) = named_here.get_mut(m.sentence) {
                    here.insert(id);
                }
            }
            super::MentionTarget::Unknown(_) => {
                if let Some(found) = unknown_found.get_mut(m.sentence) {
                    *found = true;
                }
            }
        }
    }
    let knows = |i: usize| named_here.get(i).is_some_and(|here| !here.is_empty());
    let claiming: Vec<bool> = (0..sentences.len())
        .map(|i| {
            let answer = sentences.get(i).is_some_and(|s| s.span.slice(text).starts_with("A:"));
            dated.get(i).copied().unwrap_or(false) && (knows(i) || answer)
        })
        .collect();
    let worded_read = any_of(&[&unknown_found, &phrased]);
    let flags_for = any_of(&[&claiming, &worded_read, &named, &under_heading]);
    // A sentence that only names an entity is not keyed: `anachronism`, its one reader,
    // asks whether what it would report has a copy anywhere before (`claims::Copies`).
    let repeats_for = any_of(&[&claiming, &worded_read, &under_heading]);
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
    // A sentence whose repeat flag a claim or a finding reads may copy a sentence of a
    // block left whole, where the copy's separators or case kept its date, name or head
    // word from being found ("the 5th/of/June", "the russo-china war"): it holds the same
    // words, but gave its block no reason to be split. Such sentences are asked about
    // (`mark_copies_left_whole`): one that takes up a heading's event (it names nothing,
    // and nor does a copy with no heading above); a claim's; and of each unknown event
    // name, the first mention `unknown-event` would report, until one is no copy.
    // (`anachronism` asks at report time, of the sentences naming an entity.) A claim
    // whose time holds a year of four digits, and whose words may name an event, is not
    // asked: its copy holds the year, which the tagger reads or notes unread, and the
    // copy's window then passes the same test of words, so its block was split. That
    // holds where the matcher parts words as the repeat key does (`words_alike`): a copy
    // with "Meiji•Restoration" for "Meiji Restoration" is a copy, but names nothing to
    // the test. So it is asked, once a claim needs it, of the windows that failed. The
    // same holds of a sentence `anniversary-arithmetic` reads (a phrase and a known
    // event): a copy holds the phrase's word, whose window is tested as a time's is, so
    // it is asked about only where a window that failed is not alike.
    let alike = std::cell::OnceCell::new();
    let all_alike =
        || *alike.get_or_init(|| failed_windows.iter().all(|w| super::mentions::words_alike(w.slice(text))));
    let yeared = |i: usize| {
        let Some(s) = sentences.get(i).filter(|_| naming.get(i) == Some(&true)) else { return false };
        if s.span.slice(text).starts_with("A:") {
            return false; // an answer is tested for its mark, not its words
        }
        crate::time::inside(&times, s.span).any(|t| holds_a_year(t.span.slice(text))) && all_alike()
    };
    let counted = |i: usize| phrased.get(i) == Some(&true) && knows(i) && !all_alike();
    let first: Vec<usize> = (0..sentences.len())
        .filter(|&i| {
            (claiming.get(i) == Some(&true) && !yeared(i))
                || under_heading.get(i) == Some(&true)
                || counted(i)
        })
        .collect();
    // Of the unknown names, only those `unknown-event` may report are asked about: a
    // name is reported once per document, at its first mention the check does not pass
    // over, and only where it suggests events for it there. A name (as the check folds
    // it) for whose every mention it suggests none is never reported here, copies or
    // not. (The check asks the same questions of the same cache.)
    let copyright = unpublished(doc, |text| crate::text::copyright::written_lowered(text, &lower));
    let written = super::written(&doc.meta, copyright.as_ref()).and_then(crate::time::TimeValue::end_year);
    // Each unknown mention: its name as written, its sentence, and the name folded.
    let unknown: Vec<(&str, usize, String)> = mentions
        .iter()
        .filter_map(|m| match &m.target {
            super::MentionTarget::Unknown(name) => {
                Some((name.as_str(), m.sentence, crate::checks::unknown_event::fold(name)))
            }
            super::MentionTarget::Known(_) => None,
        })
        .collect();
    let mut reportable = std::collections::BTreeSet::new();
    for (name, sentence, folded) in &unknown {
        let (Some(s), Some(here)) = (sentences.get(*sentence), named_here.get(*sentence)) else { continue };
        if reportable.contains(folded) {
            continue;
        }
        if !crate::checks::unknown_event::suggested(rules, name, (s.span, &times), written, here).is_empty() {
            reportable.insert(folded);
        }
    }
    let asked_names: Vec<(&str, usize)> = unknown
        .iter()
        .filter(|(_, _, folded)| reportable.contains(folded))
        .map(|&(name, sentence, _)| (name, sentence))
        .collect();
    let lowered = (folds.then_some(lower.as_str()), lower.as_str());
    super::copies::mark_copies_left_whole(text, lowered, &left, &mut sentences, &asked_names, first);
    drop(left);
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
    let citations = find_citations_in(text, Some(&lower), &sentences, &cited, attributed);
    let parts = Parts {
        sentences,
        times,
        mentions,
        citations,
        entities: Some(entities),
        dominant: dominant_year,
        copyright,
    };
    assembled(doc, rules, parts)
}

/// What the window tests of `segment_needed` said of `Matcher::may_name`, for the same
/// test of the dated sentences: the test asks for words, so a window that failed holds no
/// sentence that passes, and a sentence that holds a window that passed passes. (Over
/// the 49 MB bench sample, the sentences' tests cost 31 M instructions, 7 M less so.)
/// Both lists are sorted by their starts.
struct Settled<'a> {
    failed: &'a [Span],
    passed: &'a [Span],
}

impl Settled<'_> {
    /// `may_name` of the sentence `span`, if a window settles it.
    fn may_name(&self, span: Span) -> Option<bool> {
        // The last window of each list that starts at or before the sentence.
        let last = |list: &[Span]| {
            list.get(list.partition_point(|w| w.start <= span.start).checked_sub(1)?).copied()
        };
        if last(self.failed).is_some_and(|w| w.contains(span)) {
            return Some(false);
        }
        // A window inside the sentence starts at or after it: the first such.
        let first = self.passed.get(self.passed.partition_point(|w| w.start < span.start)).copied();
        first.is_some_and(|w| span.contains(w)).then_some(true)
    }
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

/// Whether a time's text holds a year of four digits (a run of exactly four, 1000–2099).
/// A copy of its sentence holds the run, and the tagger reads it or notes it unread
/// (`time::tag_noting_unread`): either makes the copy's block looked at.
fn holds_a_year(time: &str) -> bool {
    time.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| std::str::from_utf8(run).ok()?.parse::<u16>().ok())
        .any(|y| (1000..=2099).contains(&y))
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
    let copyright = unpublished(doc, crate::text::copyright::written);
    assembled(
        doc,
        rules,
        Parts { sentences, times, mentions, citations, entities: None, dominant, copyright },
    )
}

/// `written(text)` of a document whose date of publication the configuration does not give.
fn unpublished(
    doc: &Document,
    written: impl FnOnce(&str) -> Option<crate::time::TimeValue>,
) -> Option<crate::time::TimeValue> {
    doc.meta.published.is_none().then(|| written(&doc.text)).flatten()
}

/// What a document's claims are assembled from.
struct Parts {
    sentences: Vec<crate::text::Sentence>,
    times: Vec<crate::time::TimeExpr>,
    mentions: Vec<super::EventMention>,
    citations: Vec<crate::text::Citation>,
    entities: Option<Vec<(Span, usize)>>,
    dominant: Option<i64>,
    /// The years of the text's copyright lines (`text::copyright::written`), read only where
    /// the configuration gives no date of publication.
    copyright: Option<crate::time::TimeValue>,
}

/// The claims of `doc` from its parts, and the extract that holds them all.
fn assembled(doc: &Document, rules: &RuleBook, parts: Parts) -> DocExtract {
    let Parts { sentences, times, mentions, citations, entities, dominant, copyright } = parts;
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
        copyright,
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

    /// A sentence inside a window that failed fails; one holding a window that passed
    /// passes; any other is asked.
    #[test]
    fn a_window_settles_the_sentences_it_holds_or_that_hold_it() {
        let failed = [Span::new(0, 40), Span::new(100, 160)];
        let passed = [Span::new(50, 70), Span::new(200, 230)];
        let settled = Settled { failed: &failed, passed: &passed };
        for (sentence, want) in [
            ((5, 30), Some(false)),
            ((0, 40), Some(false)),
            ((120, 160), Some(false)),
            ((30, 45), None), // runs out of the failed window
            ((50, 70), Some(true)),
            ((45, 80), Some(true)),
            ((55, 80), None), // holds only part of the passed window
            ((190, 240), Some(true)),
            ((165, 195), None),      // no window near
            ((90, 240), Some(true)), // holds a passed window, though it runs over a failed one
        ] {
            assert_eq!(settled.may_name(Span::new(sentence.0, sentence.1)), want, "{sentence:?}");
        }
    }

    #[test]
    fn a_year_is_a_run_of_four_digits_in_the_years_a_date_can_have() {
        for (time, want) in [
            ("1904", true),
            ("June 5, 1904", true),
            ("the 1890s", true),
            ("1904-05", true),
            ("June 5", false),
            ("the 5th of June", false),
            ("19045", false),
            ("0904", false),
            ("2100", false),
            ("two years later", false),
        ] {
            assert_eq!(holds_a_year(time), want, "{time}");
        }
    }
}
