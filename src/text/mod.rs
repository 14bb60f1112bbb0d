//! Text structure: sentences with byte spans and their flags (quoted, hypothetical,
//! repeated), citations, and `LineIndex` (byte offset <-> line:column, for `report/`).
//! Knows nothing about dates or events.

mod addresses;
mod blockquotes;
pub mod citations;
pub mod copyright;
mod files;
mod flags;
pub(crate) mod label;
mod lines;
mod segment;
mod tables;

pub(crate) use blockquotes::QUOTE_MARKUP;
pub use citations::{find_citations, find_citations_in};
pub use files::in_file_name;
pub use flags::is_thread;
pub(crate) use flags::{is_thread_at, THREAD_MARKS, THREAD_WORD};
pub use lines::{positions, LineIndex};
pub(crate) use segment::URL_MARKS;
pub use segment::{mark_flags, segment, segment_hot, segment_needed, LeftWhole, Segmented, Weak};
pub use tables::Tables;

use crate::span::Span;
use crate::swar::{ascii_letter_bits, digit_bits, load, HIGH_BITS};
use serde::Serialize;

/// Whether the ASCII byte `b` is white space as `char::is_whitespace` and the regexes' `\s`
/// have it (a vertical tab too, which `u8::is_ascii_whitespace` leaves out).
pub(crate) fn ascii_space(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// `s.trim_start()`, the ASCII white space taken off byte by byte: the segmenter trims
/// every line and sentence it reads, and the general trim decodes a character to stop at
/// the first one, nearly always an ASCII letter. From a byte beyond ASCII, `str` goes on.
pub(crate) fn trim_start(s: &str) -> &str {
    let n = s.bytes().take_while(|&b| ascii_space(b)).count();
    let rest = s.get(n..).unwrap_or_default();
    match rest.as_bytes().first() {
        Some(b) if !b.is_ascii() => rest.trim_start(),
        _ => rest,
    }
}

/// `s.trim_end()`, as `trim_start` does it.
pub(crate) fn trim_end(s: &str) -> &str {
    let n = s.bytes().rev().take_while(|&b| ascii_space(b)).count();
    let rest = s.get(..s.len() - n).unwrap_or_default();
    match rest.as_bytes().last() {
        Some(b) if !b.is_ascii() => rest.trim_end(),
        _ => rest,
    }
}

/// `s.trim()`, as `trim_start` does it.
pub(crate) fn trim(s: &str) -> &str {
    trim_end(trim_start(s))
}

/// `span` of `text` without the white space at its ends (`trim`): the span the segmenter
/// gives a sentence read from `span`, and what a window is compared with a sentence by.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let raw = span.slice(text);
    let from_start = trim_start(raw);
    let start = span.start + (raw.len() - from_start.len());
    Span::new(start, start + trim_end(from_start).len())
}

/// The line of `text` that holds byte `at`, without its line break.
pub(crate) fn line_at(text: &str, at: usize) -> Span {
    let bytes = text.as_bytes();
    let start = bytes.get(..at).and_then(|h| memchr::memrchr(b'\n', h)).map_or(0, |p| p + 1);
    let end = bytes.get(at..).and_then(|t| memchr::memchr(b'\n', t)).map_or(bytes.len(), |p| at + p);
    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') { end - 1 } else { end };
    Span::new(start, end.max(start))
}

/// Whether the line holding `at` is white space from `at` to its end. Reads only that
/// white space and the character after it, never the rest of a long line.
pub(crate) fn blank_to_line_end(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    rest.chars().find(|&c| c == '\n' || !c.is_whitespace()).is_none_or(|c| c == '\n')
}

/// Whether the line holding `at` is white space from its start to `at`. Reads only that
/// white space and the character before it.
pub(crate) fn blank_from_line_start(text: &str, at: usize) -> bool {
    let head = text.get(..at).unwrap_or_default();
    head.chars().rev().find(|&c| c == '\n' || !c.is_whitespace()).is_none_or(|c| c == '\n')
}

/// `line_at` for a line whose words (the line without the white space at its ends) take
/// at most `max` bytes, read from `at` (the start of a word) no further than that and the
/// white space around; `None` for a longer line. Calling `line_at` at every sentence of a
/// text of one long line would read the whole text each time.
pub(crate) fn short_line_at(text: &str, at: usize, max: usize) -> Option<Span> {
    if text.get(at..).and_then(|t| t.chars().next()).is_none_or(|c| c.is_whitespace()) {
        return Some(line_at(text, at));
    }
    // Back to the line's start; `first`, where its words start.
    let (mut start, mut first) = (0, at);
    for (i, c) in text.get(..at).unwrap_or("").char_indices().rev() {
        if c == '\n' {
            start = i + 1;
            break;
        }
        if !c.is_whitespace() {
            if at - i >= max {
                return None;
            }
            first = i;
        }
    }
    // On to its end.
    let mut end = text.len();
    for (i, c) in text.get(at..).unwrap_or("").char_indices() {
        if c == '\n' {
            end = at + i;
            break;
        }
        if !c.is_whitespace() && at + i + c.len_utf8() - first > max {
            return None;
        }
    }
    let bytes = text.as_bytes();
    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') { end - 1 } else { end };
    Some(Span::new(start, end.max(start)))
}

/// The longest line read as a section heading, in bytes: a heading may name the event
/// the first sentence under it takes up (`claims::heading`).
pub(crate) const HEADING_MAX: usize = 80;

/// Whether a line has the shape of a section heading: short, not ended as a sentence is,
/// in capitals or title case ("PROMULGATION OF THE CONSTITUTION", "## The Treaty of
/// Portsmouth").
pub(crate) fn heading_shaped(line: &str) -> bool {
    let words = line.trim().trim_start_matches('#').trim();
    if words.is_empty() || words.len() > HEADING_MAX || words.len() + 4 < line.trim().len() {
        return false;
    }
    // The cheap tests first: most short lines before a dated paragraph end as sentences.
    let dot = words.ends_with('.');
    if words.ends_with([',', ';', ':', '?', '!']) {
        return false;
    }
    let capitals = if words.is_ascii() {
        !words.bytes().any(|b| b.is_ascii_lowercase())
    } else {
        !words.chars().any(char::is_lowercase)
    };
    if dot && !capitals {
        return false;
    }
    let (mut count, mut title) = (0, true);
    for (_, w) in letter_words(words) {
        count += 1;
        title = title && (w.len() < 4 || w.starts_with(char::is_uppercase));
        if count > 10 {
            return false;
        }
    }
    capitals || title
}

/// The words of `text` (runs of letters, with the apostrophes and hyphens inside them),
/// with their offsets.
pub(crate) fn letter_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let inside = |c: char| c.is_alphabetic() || matches!(c, '\'' | '’' | '-');
    let mut rest = 0;
    std::iter::from_fn(move || {
        let tail = text.get(rest..)?;
        let start = rest + tail.find(char::is_alphabetic)?;
        let word = text.get(start..)?;
        let len = word.find(|c: char| !inside(c)).unwrap_or(word.len());
        rest = start + len;
        let word = word.get(..len)?.trim_end_matches(['\'', '’', '-']);
        Some((start, word))
    })
}

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// The paragraph it belongs to, named by the byte offset where the paragraph starts:
    /// a blank-line separated block, or in text that is not hard-wrapped (web pages, forum
    /// posts), a line. An offset, not a count, so that a paragraph is named the same
    /// whether or not the text before it was segmented (`segment_hot`).
    pub paragraph: usize,
    /// Inside a quotation: reported words, not the author's own assertion.
    pub quoted: bool,
    /// Counterfactual or alternate-history talk ("would", "what if", "POD").
    pub hypothetical: bool,
    /// Index of an earlier sentence of the same document with the same words (a forum
    /// reply quoting an earlier post): the same assertion, not a new one.
    pub repeat_of: Option<usize>,
    /// Ends with a question mark: asks, does not assert.
    pub question: bool,
    /// Whose words a quoted sentence reports: the link on the line before the quotation
    /// or the speaker introducing it.
    pub attributed_to: Option<String>,
}

/// What backs a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub kind: CitationKind,
    pub span: Span,
    /// The URL, the footnote label, the author and year, or the publication named.
    pub target: String,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// Paragraph of that sentence.
    pub paragraph: usize,
}

/// The forms a citation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    Url,
    Footnote,
    RefTag,
    AuthorYear,
    Attribution,
    Publication,
}

/// The char boundary of `text` at or before byte `i` (its end, for `i` past it): where a
/// cut made at a byte offset can fall without splitting a character.
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary of `text` at or after byte `i` (its end, for `i` past it).
pub fn ceil_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text` with ASCII letters lowercased: the same length and offsets, so a case-sensitive
/// search for lowercase words in it finds what an ASCII-case-insensitive one finds in
/// `text`, and the SIMD prefilters work. `None` when the text holds a character that
/// Unicode case folding takes to an ASCII letter ("ſ" to "s", the Kelvin sign to "k"):
/// there a `(?i)` regex finds more, so callers search the original.
pub(crate) fn ascii_lowered(text: &str) -> Option<String> {
    folds_like_ascii(text).then(|| text.to_ascii_lowercase())
}

/// Whether no character of `text` folds (by Unicode rules) to an ASCII letter without
/// being one: "ſ" and the Kelvin sign. Where the text is not all ASCII (half the books of
/// the bench corpus are, and a test for that is a fraction of any search), one search
/// for the second byte of either (`ſ` is C5 BF, the Kelvin sign E2 84 AA), each hit
/// checked against the bytes around it: those bytes are rare in text, where two
/// substring searches, one for each, read the whole text twice.
pub(crate) fn folds_like_ascii(text: &str) -> bool {
    !holds_either(text, ['ſ', '\u{212A}'])
}

/// Whether `text` holds either of two characters beyond ASCII, by one search for their
/// second bytes (rare in text), each hit checked against the bytes around it; at once
/// `false` for ASCII text. Two substring searches would read the text twice.
pub(crate) fn holds_either(text: &str, chars: [char; 2]) -> bool {
    let bytes = text.as_bytes();
    let mut encoded = [[0u8; 4]; 2];
    let [a, b] = [0, 1].map(|k| chars[k].encode_utf8(&mut encoded[k]).len());
    let (a, b) = (&encoded[0][..a], &encoded[1][..b]);
    let (Some(&second_a), Some(&second_b)) = (a.get(1), b.get(1)) else {
        return text.contains(chars);
    };
    !bytes.is_ascii()
        && memchr::memchr2_iter(second_a, second_b, bytes).any(|i| {
            let here = |c: &[u8]| i.checked_sub(1).and_then(|s| bytes.get(s..s + c.len())) == Some(c);
            here(a) || here(b)
        })
}

/// The longest run of bytes `of_it` holds that takes in `core` and lies in `within` (a
/// span of `bytes`): a stretch a pattern made only of such bytes can match in, around a
/// word it needs (`claims::mentions::unknown_heads`, `citations::for_each_attribution`).
/// `of_it` must hold every byte of `core`, and reject only ASCII bytes, so that the
/// stretch starts and ends on char boundaries.
pub(crate) fn stretch(bytes: &[u8], within: Span, core: Span, of_it: impl Fn(u8) -> bool) -> Span {
    let start = bytes
        .get(within.start..core.start)
        .and_then(|head| head.iter().rposition(|&b| !of_it(b)))
        .map_or(within.start, |p| within.start + p + 1);
    let end = bytes
        .get(core.end..within.end)
        .and_then(|tail| tail.iter().position(|&b| !of_it(b)))
        .map_or(within.end, |p| core.end + p);
    Span::new(start, end)
}

/// Which sentences the matches (`start`, `end`) of a search over the whole text overlap:
/// a prefilter for per-sentence work. With a leftmost search every occurrence is found or
/// overlapped by one that is, so a sentence holding an occurrence is always marked.
pub fn touched(sentences: &[Sentence], matches: impl Iterator<Item = (usize, usize)>) -> Vec<bool> {
    let mut out = vec![false; sentences.len()];
    for (start, end) in matches {
        let mut i = sentences.partition_point(|s| s.span.end <= start);
        while let (Some(s), Some(t)) = (sentences.get(i), out.get_mut(i)) {
            if s.span.start >= end {
                break;
            }
            *t = true;
            i += 1;
        }
    }
    out
}

/// The words of `text`, lowercase, alphanumeric runs joined by one space: what two
/// copies of a sentence share whatever their punctuation, quotes and line breaks.
pub fn normalized_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A stable key for a sentence's words: FNV-1a (64 bits) of `normalized_words`, computed
/// without building that string.
pub fn text_key(text: &str) -> u64 {
    words_key(text).0
}

/// `text_key` of `text` and the number of its words, in one pass and no allocation.
pub(crate) fn words_key(text: &str) -> (u64, usize) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let words = each_normalized_byte(text, |b| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    });
    (h, words)
}

/// The fewest words a sentence needs to count as a repeat of an earlier one: shorter ones
/// ("See above.", "He did.") recur without being copies.
pub(crate) const REPEAT_MIN_WORDS: usize = 4;

/// A key for the words of `text` (`normalized_words`) and their number, for finding
/// repeated sentences within one run: not stable across versions like `text_key`, but
/// faster, mixing eight bytes at a time rather than one, and taking ASCII a run of letters
/// at a time rather than a byte.
pub(crate) fn repeat_key(text: &str) -> (u64, usize) {
    let mut key = RepeatKey::default();
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    // ASCII eight bytes at a time: the run of letters and digits that starts the eight goes
    // into the key at once, lowercased, and a run of other ASCII bytes is stepped over. At
    // the first other byte the rest of the text takes the general path, which starts on a
    // char boundary (every byte before it was ASCII) and outside a word or inside one, as
    // here. Past the text's end `load` reads zeros: ASCII, and no word byte.
    while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
        let x = load(rest);
        let letters = ascii_letter_bits(x);
        let word = letters | digit_bits(x);
        let run = (!word & HIGH_BITS).trailing_zeros() / 8;
        if run > 0 {
            if !in_word {
                if words > 0 {
                    key.eat(b' ');
                }
                words += 1;
                in_word = true;
            }
            // Bit 7 of a letter's byte, moved to bit 5: the letter lowercased.
            key.eat_run(x | (letters >> 2), run);
            i += run as usize;
            continue;
        }
        let others = !word & !x & HIGH_BITS;
        let skip = ((!others & HIGH_BITS).trailing_zeros() / 8) as usize;
        if skip == 0 {
            let rest = text.get(i..).unwrap_or("");
            let more = each_normalized_byte_from(rest, in_word, words > 0, |b| key.eat(b));
            return key.finish(words + more);
        }
        in_word = false;
        i += skip;
    }
    key.finish(words)
}

/// The state of `repeat_key`: eight bytes gathered, then mixed into the hash.
#[derive(Default)]
struct RepeatKey {
    h: u64,
    acc: u64,
    n: u32,
    len: u64,
}

impl RepeatKey {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(h: u64, x: u64) -> u64 {
        (h.rotate_left(26) ^ x).wrapping_mul(Self::K)
    }

    #[inline(always)]
    fn eat(&mut self, b: u8) {
        // No byte of the normalized words is 0, so a part-filled last block is unambiguous.
        self.acc = (self.acc << 8) | u64::from(b);
        self.n += 1;
        self.len += 1;
        if self.n == 8 {
            self.h = Self::mix(self.h, self.acc);
            (self.acc, self.n) = (0, 0);
        }
    }

    /// As `eat` of the first `k` bytes (1 to 8) of `chunk`, in order; bytes after them
    /// are ignored.
    #[inline(always)]
    fn eat_run(&mut self, chunk: u64, k: u32) {
        let k = k.clamp(1, 8);
        // The bytes in `eat` order, the first one highest, as `acc` gathers them.
        let run = chunk.swap_bytes() >> (64 - 8 * k);
        let room = 8 - self.n;
        if k < room {
            self.acc = (self.acc << (8 * k)) | run;
            self.n += k;
        } else {
            // The first `room` bytes fill the block; the rest start the next one.
            let rest = k - room;
            let head = run >> (8 * rest);
            // A whole block when `n` is 0 (and so is `acc`).
            let block = self.acc.checked_shl(8 * room).unwrap_or(0) | head;
            self.h = Self::mix(self.h, block);
            self.acc = run & ((1u64 << (8 * rest)) - 1);
            self.n = rest;
        }
        self.len += u64::from(k);
    }

    fn finish(&self, words: usize) -> (u64, usize) {
        (Self::mix(Self::mix(self.h, self.acc), self.len), words)
    }
}

/// Feeds `eat` the bytes of `normalized_words(text)` without building it; returns the
/// number of words.
#[inline(always)]
fn each_normalized_byte(text: &str, eat: impl FnMut(u8)) -> usize {
    each_normalized_byte_from(text, false, false, eat)
}

/// `each_normalized_byte` of the rest of a text: `in_word` when the byte before `text`
/// was part of a word, `after_words` when a word came before (so the next word is fed a
/// space first). Returns the number of words that start in `text`.
#[inline(always)]
fn each_normalized_byte_from(
    text: &str,
    mut in_word: bool,
    after_words: bool,
    mut eat: impl FnMut(u8),
) -> usize {
    let mut words = 0;
    let mut buf = [0u8; 4];
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII byte by byte; anything else decoded as a char.
        let c = if b.is_ascii() {
            i += 1;
            char::from(b)
        } else {
            let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
            i += c.len_utf8().max(1);
            c
        };
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        if !in_word {
            if words > 0 || after_words {
                eat(b' ');
            }
            words += 1;
            in_word = true;
        }
        if c.is_ascii() {
            eat(c.to_ascii_lowercase() as u8);
        } else {
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(&mut eat);
            }
        }
    }
    words
}

/// The builders of the patterns of segmenting, flags and citations (`crate::engine::warm_up`).
pub(crate) const WARM_UP: [&[fn()]; 4] =
    [segment::WARM_UP, flags::WARM_UP, citations::WARM_UP, copyright::WARM_UP];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trimmed_span_is_its_text_without_the_white_space_at_its_ends() {
        let text = "One.  Two words here.\n Three.\u{a0} ";
        assert_eq!(trim_span(text, Span::new(4, 22)), Span::new(6, 21));
        assert_eq!(trim_span(text, Span::new(0, 4)), Span::new(0, 4));
        // White space beyond ASCII goes too, as `str::trim` takes it.
        assert_eq!(trim_span(text, Span::new(22, text.len())), Span::new(23, 29));
        // Nothing but white space: an empty span, which the segmenter makes no sentence of.
        assert!(trim_span(text, Span::new(4, 6)).is_empty());
    }

    proptest::proptest! {
        /// The byte-wise trims take off what `str`'s do: ASCII white space (the vertical
        /// tab and form feed too), white space beyond ASCII, and runs that mix the two.
        #[test]
        fn the_fast_trims_trim_as_str_does(
            text in "[ a\t\n\x0b\x0c\r\u{85}\u{a0}\u{2003}\u{3000}é.\x00]{0,12}",
        ) {
            proptest::prop_assert_eq!(trim(&text), text.trim());
            proptest::prop_assert_eq!(trim_start(&text), text.trim_start());
            proptest::prop_assert_eq!(trim_end(&text), text.trim_end());
        }
    }

    proptest::proptest! {
        /// `short_line_at` is `line_at` for a line whose words fit, and `None` for
        /// another, wherever in the line it starts.
        #[test]
        fn a_short_line_is_the_line_and_a_long_one_none(
            text in "(?s)[ab \u{a0}é#\t\r\n]{0,40}",
            max in 0usize..12,
        ) {
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let line = line_at(&text, at);
                let fits = line.slice(&text).trim().len() <= max;
                let expected = fits.then_some(line);
                proptest::prop_assert_eq!(short_line_at(&text, at, max), expected, "{:?} at {} ({:?})", text, at, c);
            }
        }
    }

    #[test]
    fn only_the_long_s_and_the_kelvin_sign_fold_unlike_ascii() {
        // ASCII text, and text with other non-ASCII letters, fold like ASCII.
        for text in ["Port Arthur fell in 1905.", "", "Pékin, “the capital”, 1900 — K.", "ß and ﬁ"]
        {
            assert!(folds_like_ascii(text), "{text:?}");
        }
        // "ſ" folds to "s" and the Kelvin sign to "k", anywhere in the text.
        for text in ["the ſiege", "ſ", "300 \u{212a} and more", "Pékin, then \u{212a}"] {
            assert!(!folds_like_ascii(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// The one search for the second bytes finds what a search for each character
        /// finds, wherever they stand (first, last, next to other characters of the same
        /// bytes: "Ŀ" is C4 BF, "ń" C5 84, "℃" E2 84 83).
        #[test]
        fn folding_is_found_as_by_a_search_for_each_character(
            text in "[aſ\u{212a}Ŀń℃é ]{0,12}",
        ) {
            let by_search = !text.contains('ſ') && !text.contains('\u{212a}');
            proptest::prop_assert_eq!(folds_like_ascii(&text), by_search);
        }

        /// The same for the Kelvin sign and "İ" (C4 B0), among characters that share a
        /// byte with them ("°" is C2 B0, "İ" and "ı" share a lead byte).
        #[test]
        fn either_character_is_found_as_by_a_search_for_each(text in "[a\u{212a}İıĿ℃°é ]{0,12}") {
            let by_search = text.contains('\u{212a}') || text.contains('İ');
            proptest::prop_assert_eq!(holds_either(&text, ['\u{212a}', 'İ']), by_search);
        }
    }

    /// FNV-1a over the string `normalized_words` builds: what `words_key` must equal.
    fn key_of_string(text: &str) -> u64 {
        normalized_words(text)
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    /// Every prefix of words of one to twenty bytes: runs that fill a block of eight, cross
    /// one, and end the text at each offset in it.
    #[test]
    fn repeat_key_takes_runs_of_any_length_whole() {
        let text = "Abcdefghijklmnopqrst u VWxy 2011 abcdefgh ij-klmnopq, rs; TUVWXYZabc de f ghijklmn op";
        for end in 0..=text.len() {
            let prefix = text.get(..end).unwrap_or_default();
            let mut key = RepeatKey::default();
            let words = each_normalized_byte(prefix, |b| key.eat(b));
            assert_eq!(repeat_key(prefix), key.finish(words), "{prefix:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn words_key_hashes_the_normalized_words(text in "(?s)[a-zA-Z0-9 .,\n'’ŌōéЖİẞ日–-]{0,80}") {
            let (key, words) = words_key(&text);
            proptest::prop_assert_eq!(key, key_of_string(&text));
            let normalized = normalized_words(&text);
            let expected = if normalized.is_empty() { 0 } else { normalized.split(' ').count() };
            proptest::prop_assert_eq!(words, expected);
        }

        /// Two texts with the same words have the same `repeat_key`; with other words
        /// (here: one changed word), another.
        #[test]
        fn repeat_key_follows_the_normalized_words(
            a in "(?s)[a-zA-Z0-9 .,\n'’ŌōéЖİẞ日–-]{0,80}",
            b in "(?s)[a-zA-Z0-9 .,\n'’ŌōéЖİẞ日–-]{0,80}",
        ) {
            let same = normalized_words(&a) == normalized_words(&b);
            proptest::prop_assert_eq!(repeat_key(&a) == repeat_key(&b), same);
            let punctuated = format!("\"{}\"", a.replace(' ', " ,\n "));
            proptest::prop_assert_eq!(repeat_key(&punctuated), repeat_key(&a));
            proptest::prop_assert_eq!(repeat_key(&a).1, words_key(&a).1);
        }

        /// The ASCII fast path of `repeat_key` hands over to the general one at the first
        /// other byte, inside a word or between words: the key is the one the general path
        /// gives for the whole text, byte for byte.
        #[test]
        fn repeat_key_is_the_general_path_key(text in "(?s)[a-zA-Z0-9 .,\n'’ŌōéЖİẞ日–-]{0,80}") {
            let mut key = RepeatKey::default();
            let words = each_normalized_byte(&text, |b| key.eat(b));
            proptest::prop_assert_eq!(repeat_key(&text), key.finish(words));
        }
    }
}
