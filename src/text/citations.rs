//! Citations: what backs a claim. URLs, footnote markers, `<ref>` tags (broken ones too),
//! parenthetical author–year, attributions ("according to", "X writes"), and named
//! publications with volume and issue or date. Each is tied to the sentence holding it;
//! `in_reach` says which citations back a sentence.

use super::{Citation, CitationKind, Sentence};
use crate::span::Span;
use crate::twin::Twin;
use std::collections::HashMap;
use std::sync::LazyLock;

static FOOTNOTE: LazyLock<Twin> =
    LazyLock::new(|| Twin::new(r"\[(?:\d{1,3}|[a-z]|(?i:note|n\.)\s*\d{1,3})\]|\^[a-z](?-u:\b)"));

/// `<ref>...</ref>` and broken ones that keep only the closing `/ref>` or `ref>`.
static REF_TAG: LazyLock<Twin> =
    LazyLock::new(|| Twin::new(r"(?s)<ref[^>]{0,80}>(.{0,400}?)</ref>|</?ref>|/ref>|(?-u:\b)ref>"));

static AUTHOR_YEAR: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"\(((?:[A-Z][\p{L}'’-]+)(?:\s+(?:and|&)\s+[A-Z][\p{L}'’-]+|\s+et\s+al\.)?),?\s+((?:1[5-9]|20)\d\d[a-z]?)(?:[,:]\s*(?:pp?\.\s*)?\d+(?:[-–]\d+)?)?\)",
    )
});

static ATTRIBUTION: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(concat!(
        r"(?i:according\s+to)\s+((?:the\s+)?[A-Z][\p{L}.’'-]*(?:\s+(?:of\s+)?[A-Z][\p{L}.’'-]*){0,5})",
        r"|((?:[Hh]istorian|[Ss]cholar|[Aa]uthor|[Jj]ournalist|[Pp]rofessor|Dr\.?)\s+)?",
        r"(?-u:\b)([A-Z][\p{L}’'-]+(?:\s+[A-Z]\.)*(?:\s+[A-Z][\p{L}’'-]+){1,2})",
        r"\s+(?:writes|wrote|says|said|concludes|concluded|argues|argued|notes|noted|states|stated|reports|reported|claims|claimed)(?-u:\b)",
    ))
});

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December";

static PUBLICATION: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(&format!(
        concat!(
            r"(?:Published\s+in|Publication:)\s+([A-Z][^\n]{{1,60}}?)\s+Volume:?\s*(\d+),?\s+Issue:?\s*(\d+)",
            // The name is at most 51 characters (checked where it is read): a bound here,
            // `{{1,50}}` copies of a Unicode class, took 20 ms to compile.
            r"|\(([A-Z][\p{{L}}&.’' -]+?),\s+((?:{m})\s+\d{{1,2}}(?:,\s+\d{{4}})?)\)",
            r#"|["“]([^"”\n]{{3,120}})["”],?\s+by\s+([A-Z][\p{{L}}.’'-]*(?:\s+[A-Z][\p{{L}}.’'-]*){{0,4}})"#,
        ),
        m = MONTHS
    ))
});

/// Words that look like an attribution's name but are not one.
const NOT_NAMES: &[&str] = &["The", "This", "It", "He", "She", "They", "We", "Which", "Who", "That"];

/// Every citation in `text`, in order, each tied to its sentence. A citation lies inside
/// one block of lines (a run of non-blank lines): a match that would run on past a blank
/// line ("... by Go\n\nXII.", a title swallowing the next chapter heading) is cut there.
pub fn find_citations(text: &str, sentences: &[Sentence]) -> Vec<Citation> {
    tie(sentences, find_all(text, None, &super::segment::blocks(text)), false)
}

/// The citations of `sentences` when they cover only the `ranges` of `text` (see
/// `segment_hot`): the citations found in those ranges. A quoted sentence attributed to
/// a source is also backed by a citation of that source anywhere before it (`in_reach`),
/// so when one whose citations are read is (`attributed`), the whole text is searched and
/// citations outside every sentence are kept with no sentence and no paragraph
/// (`usize::MAX`) for it. `lower` is `text` ASCII-lowercased, if the caller has it.
pub fn find_citations_in(
    text: &str,
    lower: Option<&str>,
    sentences: &[Sentence],
    ranges: &[Span],
    attributed: bool,
) -> Vec<Citation> {
    if attributed {
        return tie(sentences, find_all(text, lower, &super::segment::blocks(text)), true);
    }
    tie(sentences, find_all(text, lower, ranges), false)
}

/// Every citation found in the `ranges` of `text` (each searched alone: blocks of lines),
/// unsorted. `lower` as for `find_citations_in`.
fn find_all(text: &str, lower: Option<&str>, ranges: &[Span]) -> Vec<(CitationKind, Span, String)> {
    let mut found: Vec<(CitationKind, Span, String)> = Vec::new();
    for r in ranges {
        let Some(part) = text.get(r.start..r.end) else { continue };
        find_in_part(text, part, lower, r.start, &mut found);
    }
    found
}

/// How far before a broken `ref>` tag its reference may begin (bytes): more than the 400
/// characters a whole `<ref>...</ref>` may hold.
const BROKEN_REF_REACH: usize = 1024;

/// The citations of `part`, which starts at byte `base` of `text` (`lower`, if given, is
/// `text` ASCII-lowercased).
fn find_in_part(
    text: &str,
    part: &str,
    lower: Option<&str>,
    base: usize,
    found: &mut Vec<(CitationKind, Span, String)>,
) {
    let at = |m: regex::Match<'_>| Span::new(base + m.start(), base + m.end());
    let fits = crate::twin::fits(part);
    let from = found.len();
    for m in super::segment::URL.pick(fits).find_iter(part) {
        found.push((CitationKind::Url, at(m), m.as_str().to_string()));
    }
    // Addresses without a scheme; one inside an address with one is part of it. Both
    // lists are in order: the URLs are walked once beside the addresses.
    let urls = found.len();
    let mut u = from;
    for a in super::addresses::bare_addresses(part) {
        let span = a.shift(base);
        while found.get(u).filter(|_| u < urls).is_some_and(|(_, url, _)| url.end <= span.start) {
            u += 1;
        }
        if !found.get(u).filter(|_| u < urls).is_some_and(|(_, url, _)| url.overlaps(span)) {
            found.push((CitationKind::Url, span, a.slice(part).to_string()));
        }
    }
    for m in FOOTNOTE.pick(fits).find_iter(part) {
        let label = m.as_str().trim_matches(['[', ']', '^']).to_string();
        found.push((CitationKind::Footnote, at(m), label));
    }
    for c in REF_TAG.pick(fits).captures_iter(part) {
        let Some(m) = c.get(0) else { continue };
        if let Some(inner) = c.get(1) {
            found.push((CitationKind::RefTag, at(m), inner.as_str().trim().to_string()));
            continue;
        }
        // A broken tag: the reference runs back to the sentence end glued to it
        // ("Outer Mongolia.David J. Dallin, ... pp 87-122./ref>").
        // Only the last `BROKEN_REF_REACH` bytes are read: a page of such tags on one line
        // would otherwise read the line again for each.
        let tag_at = base + m.start();
        let floor = super::ceil_boundary(text, tag_at.saturating_sub(BROKEN_REF_REACH));
        let head = text.get(floor..tag_at).unwrap_or("");
        let line_start = match head.rfind('\n') {
            Some(i) => floor + i + 1,
            None if floor == 0 => 0,
            // Cut inside the line: start at a word.
            None => head.find(char::is_whitespace).map_or(tag_at, |i| floor + i + 1),
        };
        let line = text.get(line_start..tag_at).unwrap_or("");
        let glued = line
            .char_indices()
            .zip(line.chars().skip(1))
            .filter(|&((_, a), b)| matches!(a, '.' | '!' | '?') && b.is_uppercase())
            .last()
            .map_or(0, |((i, _), _)| i + 1);
        let start = line_start + glued;
        let target =
            text.get(start..base + m.start()).unwrap_or("").trim().trim_end_matches(['.', '<']).to_string();
        found.push((CitationKind::RefTag, Span::new(start, base + m.end()), target));
    }
    for c in AUTHOR_YEAR.pick(fits).captures_iter(part) {
        let (Some(m), Some(a), Some(y)) = (c.get(0), c.get(1), c.get(2)) else { continue };
        if MONTHS.split('|').any(|mo| mo == a.as_str()) {
            continue; // "(November 2014)" is a date, not a work
        }
        found.push((CitationKind::AuthorYear, at(m), format!("{} {}", a.as_str(), y.as_str())));
    }
    let lowered = lower.and_then(|l| l.get(base..base + part.len()));
    for_each_attribution(ATTRIBUTION.pick(fits), part, lowered, |c| {
        let Some(m) = c.get(0) else { return };
        let Some(name) = c.get(1).or_else(|| c.get(3)) else { return };
        let first = name.as_str().split_whitespace().next().unwrap_or("");
        if NOT_NAMES.contains(&first) {
            return;
        }
        let name = name.as_str();
        // "according to Ian Nish." ends the sentence; "George E." keeps its initial.
        let name = match name.rsplit(' ').next() {
            Some(last) if last.len() > 2 => name.trim_end_matches('.'),
            _ => name,
        };
        found.push((CitationKind::Attribution, at(m), name.to_string()));
    });
    for c in PUBLICATION.pick(fits).captures_iter(part) {
        let Some(m) = c.get(0) else { continue };
        let target = if let (Some(p), Some(v), Some(i)) = (c.get(1), c.get(2), c.get(3)) {
            format!("{} {}({})", p.as_str().trim(), v.as_str(), i.as_str())
        } else if let (Some(p), Some(d)) = (c.get(4), c.get(5)) {
            if MONTHS.split('|').any(|mo| p.as_str().starts_with(mo))
                || p.as_str().starts_with("Source")
                || p.as_str().chars().count() > 51
            {
                continue;
            }
            format!("{}, {}", p.as_str().trim(), d.as_str())
        } else if let (Some(t), Some(a)) = (c.get(6), c.get(7)) {
            format!("{}, {}", t.as_str(), a.as_str())
        } else {
            continue;
        };
        found.push((CitationKind::Publication, at(m), target));
    }
}

/// The words every match of `ATTRIBUTION` holds, lowercased: "according" (matched in any
/// case) or one of its verbs.
const ATTRIBUTION_WORDS: [&str; 17] = [
    "according",
    "writes",
    "wrote",
    "says",
    "said",
    "concludes",
    "concluded",
    "argues",
    "argued",
    "notes",
    "noted",
    "states",
    "stated",
    "reports",
    "reported",
    "claims",
    "claimed",
];

/// `ATTRIBUTION_WORDS`, for lowercased text.
static ATTRIBUTION_SEARCH: LazyLock<Option<aho_corasick::AhoCorasick>> =
    LazyLock::new(|| crate::claims::mentions::leftmost(ATTRIBUTION_WORDS));

/// Whether byte `b` may be part of a match of `ATTRIBUTION`, made of letters, white
/// space, apostrophes, periods and hyphens: any byte beyond ASCII (of a letter, a
/// typographic apostrophe or a space), an ASCII letter, `.`, `'`, `-`, a space or a
/// control character. Digits and other punctuation are not.
fn in_attribution(b: u8) -> bool {
    !b.is_ascii() || b.is_ascii_alphabetic() || matches!(b, b'.' | b'\'' | b'-') || b <= b' ' || b == 0x7f
}

/// Whether the word of `ATTRIBUTION_WORDS` at `start..end` of `bytes` (pattern `word`)
/// can be the one a match of `ATTRIBUTION` holds: "according" anywhere, a verb only after
/// white space (an ASCII space or control, or a character beyond ASCII, which may be
/// one) and before no ASCII letter, digit or underscore (the pattern's word boundary).
/// An occurrence of a word that an earlier one hides from the search (they overlap: "notes"
/// and "said" in "notesaid") has a letter before it, so it is no verb of a match either.
fn may_attribute(bytes: &[u8], start: usize, end: usize, word: usize) -> bool {
    if ATTRIBUTION_WORDS.get(word) == Some(&"according") {
        return true;
    }
    let before = start.checked_sub(1).and_then(|i| bytes.get(i));
    before.is_some_and(|&b| b <= b' ' || b == 0x7f || !b.is_ascii())
        && !bytes.get(end).is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Calls `each` with the captures of `regex` (`ATTRIBUTION` or its twin) in `part`, in
/// order, as `captures_iter` gives them, found without running the regex over most of
/// the part: its lazy DFA reads a few hundred MB a second, and the part may be a book's
/// paragraphs. (One at a time, as they are found: a part may hold millions.)
///
/// Every match lies in one stretch of bytes `in_attribution` (it is made of such bytes)
/// and holds one of `ATTRIBUTION_WORDS`, so only the stretches holding one are searched.
/// A search of a stretch, with the text before it as context and the byte after it as
/// the end, finds what the search of the whole part finds there: a match cannot run past
/// that byte, and the word boundaries see the bytes either side. And no match the whole
/// search finds starts outside those stretches. `lower` is the part ASCII-lowercased, if
/// the caller has it.
fn for_each_attribution<'h>(
    regex: &regex::Regex,
    part: &'h str,
    lower: Option<&str>,
    mut each: impl FnMut(regex::Captures<'h>),
) {
    let owned;
    let lowered = match lower.filter(|l| l.len() == part.len()) {
        Some(l) => l,
        None => {
            owned = part.to_ascii_lowercase();
            owned.as_str()
        }
    };
    let Some(search) = ATTRIBUTION_SEARCH.as_ref() else {
        regex.captures_iter(part).for_each(each);
        return;
    };
    let bytes = part.as_bytes();
    let whole = Span::new(0, bytes.len());
    // Where the last stretch searched ends.
    let mut searched = 0;
    for hit in search.find_iter(lowered) {
        if hit.start() < searched || !may_attribute(bytes, hit.start(), hit.end(), hit.pattern().as_usize()) {
            continue;
        }
        let Span { start, end } =
            super::stretch(bytes, whole, Span::new(hit.start(), hit.end()), in_attribution);
        searched = end;
        // The byte after the stretch, an ASCII byte, closes the haystack: the word
        // boundary at the stretch's end looks at it.
        let Some(haystack) = part.get(..(end + 1).min(part.len())) else { continue };
        let mut at = start;
        while let Some(c) = regex.captures_at(haystack, at) {
            let Some(m) = c.get(0) else { break };
            at = m.end().max(at + 1);
            each(c);
        }
    }
}

/// Sorts what `find_all` found, keeps one citation per place and ties each to its
/// sentence; with `keep_outside`, one outside every sentence is kept (see
/// `find_citations_in`), else dropped.
fn tie(
    sentences: &[Sentence],
    mut found: Vec<(CitationKind, Span, String)>,
    keep_outside: bool,
) -> Vec<Citation> {
    found.sort_by_key(|(k, s, _)| (s.start, std::cmp::Reverse(s.end), *k as u8));
    // One citation per place: the first (widest) of overlapping finds wins, except that a
    // URL inside a publication line stays.
    // Finds come by start, so one overlaps a kept one of its kind exactly when it starts
    // before the farthest end of those: one number per kind, not a look at every citation
    // kept (a page of links would make that quadratic).
    let mut out: Vec<Citation> = Vec::new();
    let mut reach = [0usize; 6];
    for (kind, span, target) in found {
        if reach.get(kind as usize).is_some_and(|end| span.start < *end) {
            continue;
        }
        // Sentences are in order and apart: the first that ends after the start is the
        // only one that can overlap first.
        let i = sentences.partition_point(|s| s.span.end <= span.start);
        let (sentence, paragraph) = match sentences.get(i).filter(|s| s.span.overlaps(span)) {
            Some(s) => (i, s.paragraph),
            None if keep_outside => (usize::MAX, usize::MAX),
            None => continue,
        };
        if let Some(end) = reach.get_mut(kind as usize) {
            *end = (*end).max(span.end);
        }
        out.push(Citation { kind, span, target, sentence, paragraph });
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

/// The citations that back sentence `index`: those in it, those in a sentence of its
/// paragraph, and for a quoted sentence, those introducing its quotation; at most
/// `REACH` of each kind of source, the nearest (see `Reach`).
pub fn in_reach<'c>(citations: &'c [Citation], sentences: &[Sentence], index: usize) -> Vec<&'c Citation> {
    Reach::new(citations).of(sentences, index)
}

/// The most citations a sentence's paragraph, and the links introducing its quotation,
/// each lend it. A paragraph with more (a page of 30,000 footnoted claims) lends the
/// `REACH` nearest the sentence: every claim carried every citation of its paragraph,
/// which took gigabytes and minutes. Below it, nothing is left out.
pub const REACH: usize = 16;

/// A document's citations, indexed so that what backs a sentence is found without a
/// look at every citation of the document.
pub struct Reach<'c> {
    /// In order of position, as `find_citations` leaves them.
    citations: &'c [Citation],
    /// Positions of the citations in a paragraph, in order. Paragraphs are numbered by
    /// where they start, so these are in order of paragraph too, and a paragraph's are
    /// contiguous. Those outside every sentence (paragraph `usize::MAX`, kept for the
    /// sources of quotations: `find_citations_in`) lie anywhere among them and are left
    /// out.
    in_paragraphs: Vec<usize>,
    /// Positions of the citations of each target, in order.
    by_target: HashMap<&'c str, Vec<usize>>,
}

impl<'c> Reach<'c> {
    pub fn new(citations: &'c [Citation]) -> Reach<'c> {
        let mut by_target: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut in_paragraphs = Vec::new();
        for (i, c) in citations.iter().enumerate() {
            by_target.entry(c.target.as_str()).or_default().push(i);
            if c.paragraph != usize::MAX {
                in_paragraphs.push(i);
            }
        }
        Reach { citations, in_paragraphs, by_target }
    }

    /// `in_reach` of sentence `index`.
    pub fn of(&self, sentences: &[Sentence], index: usize) -> Vec<&'c Citation> {
        let Some(s) = sentences.get(index) else { return Vec::new() };
        let cs = self.citations;
        let cited = |i: &usize| cs.get(*i);
        // The paragraph's citations, and the nearest `REACH` of them.
        let ps = self.in_paragraphs.as_slice();
        let lo = ps.partition_point(|i| cited(i).is_some_and(|c| c.paragraph < s.paragraph));
        let hi = lo
            + ps.get(lo..)
                .map_or(0, |r| r.partition_point(|i| cited(i).is_some_and(|c| c.paragraph == s.paragraph)));
        let window = if hi - lo <= REACH {
            lo..hi
        } else {
            let at = lo
                + ps.get(lo..hi).map_or(0, |r| {
                    r.partition_point(|i| cited(i).is_some_and(|c| c.span.start < s.span.start))
                });
            let from = at.saturating_sub(REACH / 2).max(lo).min(hi - REACH);
            from..from + REACH
        };
        let mut candidates: Vec<usize> = ps.get(window).unwrap_or(&[]).to_vec();
        // The links introducing a quotation: those before the sentence; the nearest when
        // there are more than `REACH`, and the first (where its source is listed).
        if let Some(linked) = s.attributed_to.as_deref().and_then(|a| self.by_target.get(a)) {
            let before = &linked
                [..linked.partition_point(|&i| cs.get(i).is_some_and(|c| c.span.start < s.span.start))];
            if before.len() > REACH {
                candidates.extend(before.first());
                candidates.extend(before.iter().skip(before.len() - (REACH - 1)));
            } else {
                candidates.extend(before);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut out: Vec<&Citation> = Vec::new();
        // Where each (kind, target) already is in `out`: a page of distinct links would
        // make a search of `out` quadratic.
        let mut at: HashMap<(CitationKind, &str), usize> = HashMap::new();
        let linked = |c: &Citation| {
            // The link introducing this copy of the quotation: the nearest one before it.
            s.attributed_to.as_deref().is_some_and(|a| a == c.target) && c.span.start < s.span.start
        };
        let chosen = candidates.into_iter().filter_map(|i| cs.get(i));
        for c in chosen.filter(|c| c.sentence == index || c.paragraph == s.paragraph || linked(c)) {
            match at.get(&(c.kind, c.target.as_str())) {
                // The same source cited twice backs the claim once: keep the nearest.
                Some(&i) if c.span.start < s.span.end => {
                    if let Some(slot) = out.get_mut(i) {
                        *slot = c;
                    }
                }
                Some(_) => {}
                None => {
                    at.insert((c.kind, c.target.as_str()), out.len());
                    out.push(c);
                }
            }
        }
        out
    }
}

crate::warm_up!(FOOTNOTE, REF_TAG, AUTHOR_YEAR, ATTRIBUTION, PUBLICATION);

#[cfg(test)]
mod tests {
    use super::*;

    /// Group spans of each match: what a search gives, to compare two searches by.
    fn spans(found: &[regex::Captures<'_>]) -> Vec<Vec<Option<(usize, usize)>>> {
        found.iter().map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
    }

    /// `for_each_attribution` against the regex run over all of `part`, with the part's lowercase
    /// given and not; for the full regex and its twin where the part fits.
    fn attributions_agree(part: &str) -> Result<(), String> {
        let lower = part.to_ascii_lowercase();
        let mut regexes = vec![ATTRIBUTION.full()];
        if crate::twin::fits(part) {
            regexes.push(ATTRIBUTION.pick(true));
        }
        for regex in regexes {
            let whole = spans(&regex.captures_iter(part).collect::<Vec<_>>());
            for given in [Some(lower.as_str()), None] {
                let mut found = Vec::new();
                for_each_attribution(regex, part, given, |c| found.push(c));
                let windowed = spans(&found);
                if windowed != whole {
                    return Err(format!("{part:?}: {windowed:?} against {whole:?}"));
                }
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Attributions found in the stretches around their words are those a search of
        /// the whole part finds: texts of names, initials, titles, verbs and "according
        /// to" in several cases, with the words' look-alikes ("unsaid", "saidx"), digits
        /// and underscores beside them (word boundaries), punctuation that ends a stretch,
        /// and white space and letters beyond ASCII (a no-break space, "Ō", the long s).
        #[test]
        fn attributions_in_stretches_are_those_of_the_whole_part(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "according to", "According  To", "ACCORDING\nto", "accordingto", "the ", "of ",
                "Smith", "J.", "O'Brien", "Itō", "Ōkuma", "Hirobumi", "Historian ", "Dr.", "Dr",
                "Professor ", "said", "says", "wrote", "notes", "noted", "states", "stated",
                "claimed", "reported", "writes", "argues", "concludes", "unsaid", "saidx",
                "notesaid", "Said", "1904", "_", "7", ",", ";", ".", ":", "—", "’", "-", "(",
                ")", "\"", " ", "  ", "\n", "\t", "\u{a0}", "\u{2003}", "\u{85}", "ſ",
                "\u{212a}", "x", "A", "é",
            ]), 0..40),
        ) {
            let part: String = pieces.concat();
            if let Err(e) = attributions_agree(&part) {
                proptest::prop_assert!(false, "{}", e);
            }
        }
    }

    /// The same over every block of the real texts.
    #[test]
    fn attributions_in_stretches_are_those_of_the_whole_part_in_real_texts() {
        let mut found = 0;
        for (book, text) in crate::realtext_books() {
            for b in super::super::segment::blocks(&text) {
                let part = b.slice(&text);
                if let Err(e) = attributions_agree(part) {
                    panic!("{}: {e}", book.display());
                }
                found += ATTRIBUTION.pick(crate::twin::fits(part)).find_iter(part).count();
            }
        }
        assert!(found > 100, "only {found} attributions in the real texts");
    }

    /// `in_reach` as first written: every citation of the document read for each sentence.
    fn in_reach_reference<'c>(
        citations: &'c [Citation],
        sentences: &[Sentence],
        index: usize,
    ) -> Vec<&'c Citation> {
        let Some(s) = sentences.get(index) else { return Vec::new() };
        let mut out: Vec<&Citation> = Vec::new();
        let linked = |c: &Citation| {
            s.attributed_to.as_deref().is_some_and(|a| a == c.target) && c.span.start < s.span.start
        };
        for c in citations.iter().filter(|c| c.sentence == index || c.paragraph == s.paragraph || linked(c)) {
            match out.iter().position(|o| o.kind == c.kind && o.target == c.target) {
                Some(i) if c.span.start < s.span.end => out[i] = c,
                Some(_) => {}
                None => out.push(c),
            }
        }
        out
    }

    /// Sentences of 40 bytes, 50 apart, in `paragraphs` (nondecreasing), some attributed;
    /// citations placed in them, in order, as `find_citations` leaves them, or (`outside`)
    /// in the gap after one, in no sentence and no paragraph, as `find_citations_in` keeps
    /// them for the sources of quotations.
    fn document(
        paragraphs: &[(usize, Option<usize>)],
        cites: &[(usize, usize, bool, bool)],
    ) -> (Vec<Sentence>, Vec<Citation>) {
        let targets = ["a", "b", "https://c.example"];
        let mut paragraph = 0;
        let sentences: Vec<Sentence> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, &(step, by))| {
                paragraph += step;
                Sentence {
                    span: Span::new(i * 50, i * 50 + 40),
                    paragraph: paragraph * 1000,
                    quoted: by.is_some(),
                    hypothetical: false,
                    repeat_of: None,
                    question: false,
                    attributed_to: by.map(|t| targets[t % 3].to_string()),
                }
            })
            .collect();
        let mut citations: Vec<Citation> = cites
            .iter()
            .filter_map(|&(at, target, url, outside)| {
                let sentence = at / 40 % sentences.len().max(1);
                let s = sentences.get(sentence)?;
                let start = if outside { s.span.end + 2 + at % 5 } else { s.span.start + at % 37 };
                Some(Citation {
                    kind: if url { CitationKind::Url } else { CitationKind::Footnote },
                    span: Span::new(start, start + 3),
                    target: targets[target % 3].to_string(),
                    sentence: if outside { usize::MAX } else { sentence },
                    paragraph: if outside { usize::MAX } else { s.paragraph },
                })
            })
            .collect();
        citations.sort_by_key(|c| (c.span.start, c.span.end));
        (sentences, citations)
    }

    proptest::proptest! {
        /// Under `REACH` citations a paragraph, the index finds exactly what reading
        /// every citation found, with citations outside every sentence among them (a
        /// fuzz find: they hid a paragraph's citations from the search by paragraph).
        #[test]
        fn the_index_finds_what_reading_every_citation_finds(
            paragraphs in proptest::collection::vec((0usize..2, proptest::option::of(0usize..3)), 1..8),
            cites in proptest::collection::vec(
                (0usize..400, 0usize..3, proptest::bool::ANY, proptest::bool::weighted(0.2)),
                0..=REACH,
            ),
        ) {
            let (sentences, citations) = document(&paragraphs, &cites);
            let reach = Reach::new(&citations);
            for i in 0..=sentences.len() {
                proptest::prop_assert_eq!(reach.of(&sentences, i), in_reach_reference(&citations, &sentences, i));
            }
        }
    }

    #[test]
    fn a_paragraph_of_thousands_of_footnotes_lends_each_sentence_the_nearest() {
        // 3,000 sentences in one paragraph, each with its own footnote.
        let sentences: Vec<Sentence> = (0..3_000)
            .map(|i| Sentence {
                span: Span::new(i * 50, i * 50 + 40),
                paragraph: 0,
                quoted: false,
                hypothetical: false,
                repeat_of: None,
                question: false,
                attributed_to: None,
            })
            .collect();
        let citations: Vec<Citation> = (0..3_000)
            .map(|i| Citation {
                kind: CitationKind::Footnote,
                span: Span::new(i * 50 + 30, i * 50 + 33),
                target: i.to_string(),
                sentence: i,
                paragraph: 0,
            })
            .collect();
        let reach = Reach::new(&citations);
        for i in [0, 1, 1_500, 2_999] {
            let got = reach.of(&sentences, i);
            assert_eq!(got.len(), REACH, "sentence {i}");
            assert!(got.iter().any(|c| c.sentence == i), "its own footnote, sentence {i}");
            assert!(got.iter().all(|c| c.sentence.abs_diff(i) <= REACH), "the nearest, sentence {i}");
        }
        // Below the cap, all of them.
        assert_eq!(Reach::new(&citations[..REACH]).of(&sentences, 0).len(), REACH);
    }
}
