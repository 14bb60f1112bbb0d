//! Event mentions: names and aliases (one `Phrases` table per rule book over
//! ASCII-folded text, word boundaries, leftmost-longest), descriptions (every word group
//! of a `Description` in one sentence), places of sieges and battles with their cue verbs
//! ("Port Arthur fell", "the city surrendered"), and unknown named events.

use super::needs::{description_need, longest_word, name_need, Groups, Needs};
use super::{EventMention, MatchKind, MentionTarget};
use crate::literals::Literals;
use crate::phrases::{is_word_byte, Phrases};
use crate::rules::{EventId, RuleBook};
use crate::span::Span;
use crate::text::{ascii_space, Sentence};
use crate::twin::Twin;
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::sync::LazyLock;

/// Text folded for matching: ASCII lowercase, diacritics dropped, every run of spaces and
/// dashes one space; `origin(i)` is the byte in the original text of folded byte `i`.
struct Folded {
    text: String,
    /// (folded offset, original offset) at each folded byte whose original does not follow
    /// on from the one before (after a run of spaces folded to one, or a character of more
    /// than one byte); between two marks both advance together. Most of a text is plain
    /// ASCII, so this is a few entries per line, not a word per byte.
    marks: Vec<(usize, usize)>,
}

impl Folded {
    /// The byte of the original text that folded byte `i` comes from; `i` one past the
    /// end gives the end of the original. `None` further on.
    fn origin(&self, i: usize) -> Option<usize> {
        if i > self.text.len() {
            return None;
        }
        let k = self.marks.partition_point(|m| m.0 <= i);
        Some(match k.checked_sub(1).and_then(|k| self.marks.get(k)) {
            Some(&(f, o)) => o + (i - f),
            None => i,
        })
    }

    /// The first folded byte that comes from byte `original` or a later one (the length
    /// of the folded text if none does): `origin` only grows, so a binary search.
    fn first_from(&self, original: usize) -> usize {
        let (mut lo, mut hi) = (0, self.text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.origin(mid).is_some_and(|o| o < original) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// Bytes of a range folded at a time by `find_seen` (see `fold_parts`).
const FOLD_PART: usize = 1 << 20;

/// Peoples whose word before a description's word makes the deed theirs ("the British
/// declaration of war"), lowercase. At most 32: a description keeps them as bits.
const DEMONYMS: [&str; 18] = [
    "american",
    "austrian",
    "belgian",
    "british",
    "chinese",
    "dutch",
    "english",
    "french",
    "german",
    "italian",
    "japanese",
    "korean",
    "manchu",
    "portuguese",
    "prussian",
    "russian",
    "spanish",
    "turkish",
];

/// The index in `DEMONYMS` of a lowercase word.
fn demonym(word: &str) -> Option<usize> {
    DEMONYMS.binary_search(&word).ok()
}

/// The index in `DEMONYMS` of the capitalised word right before byte `at` (`word_before`).
fn demonym_before(text: &str, at: usize) -> Option<usize> {
    let word =
        word_before(text, at).filter(|w| w.len() <= 12 && w.starts_with(|c: char| c.is_ascii_uppercase()))?;
    demonym(&word.to_ascii_lowercase())
}

/// Occurrences of one description word kept per sentence (`Matcher::find_seen`): enough
/// for the tightest run of a long sentence, bounded for a sentence of a million words.
const KEPT_PER_SENTENCE: usize = 16;

/// The tightest run of a sentence that holds a word of every group of a description, the
/// first of equally tight ones: "the Dual Alliance, and of Great Britain to Japan under
/// the Treaty of Alliance concluded" is described from its second "Alliance", not its
/// first. `found` is the sentence's (pattern, span) in text order.
///
/// A word `ours` turns down (by its index in `found`) is left out.
fn tightest(found: &[(usize, Span)], groups: &[Vec<usize>], ours: impl Fn(usize) -> bool) -> Option<Span> {
    let hits: Vec<(Span, Vec<usize>)> = found
        .iter()
        .enumerate()
        .filter(|&(i, _)| ours(i))
        .filter_map(|(_, &(pattern, span))| {
            let of: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].contains(&pattern)).collect();
            (!of.is_empty()).then_some((span, of))
        })
        .collect();
    let mut count = vec![0usize; groups.len()];
    let mut missing = groups.len();
    let mut best: Option<Span> = None;
    let mut lo = 0;
    for hi in 0..hits.len() {
        for &g in &hits[hi].1 {
            if count[g] == 0 {
                missing -= 1;
            }
            count[g] += 1;
        }
        // Shrink from the left while every group still has a word in the run.
        while missing == 0 && lo <= hi {
            let window = &hits[lo..=hi];
            let end = window.iter().map(|(span, _)| span.end).max().unwrap_or(hits[hi].0.end);
            let run = Span::new(hits[lo].0.start, end);
            if best.is_none_or(|b| run.end - run.start < b.end - b.start) {
                best = Some(run);
            }
            for &g in &hits[lo].1 {
                count[g] -= 1;
                if count[g] == 0 {
                    missing += 1;
                }
            }
            lo += 1;
        }
    }
    best
}

/// One part of a range, folded: from `start` (of the text) to past the part's end, which
/// is at `stop` in `folded`.
struct FoldPart {
    start: usize,
    folded: Folded,
    stop: usize,
}

/// `range` of `text` folded in parts of about `part` bytes, for `Phrases::for_each_until`
/// with patterns of at most `longest` bytes: each part starts at a word after a space (so
/// that folding it alone gives what folding the whole range gives there, and no word
/// crosses into it) and is folded on past its end by more than `longest` bytes, or to
/// the end of the range. A range of `part` bytes or less is one part, folded as it is.
fn fold_parts(text: &str, range: Span, part: usize, longest: usize) -> impl Iterator<Item = FoldPart> + '_ {
    let bytes = text.as_bytes();
    let mut start = Some(range.start);
    std::iter::from_fn(move || {
        let from = start?;
        // The next part starts at the first plain byte after a space, `part` bytes on.
        let cut = (from.saturating_add(part) < range.end)
            .then(|| {
                let after = bytes.get(from + part..range.end)?;
                memchr::memchr_iter(b' ', after)
                    .map(|i| from + part + i + 1)
                    .find(|&c| c < range.end && bytes.get(c).copied().is_some_and(is_plain))
            })
            .flatten();
        start = cut;
        let Some(stop_at) = cut else {
            let folded = fold(text.get(from..range.end).unwrap_or(""));
            let stop = folded.text.len();
            return Some(FoldPart { start: from, folded, stop });
        };
        // Folded up to the cut, then on until more than `longest` bytes past it.
        let mut reach = 4 * longest + 64;
        loop {
            let end = crate::text::ceil_boundary(text, stop_at.saturating_add(reach).min(range.end));
            let folded = fold(text.get(from..end).unwrap_or(""));
            let stop = folded.first_from(stop_at - from);
            if end >= range.end || folded.text.len() > stop + longest {
                return Some(FoldPart { start: from, folded, stop });
            }
            reach = reach.saturating_mul(2);
        }
    })
}

/// Records that folded byte `folded` comes from byte `original` (see `Folded::marks`).
fn mark_origin(marks: &mut Vec<(usize, usize)>, folded: usize, original: usize) {
    let follows = match marks.last() {
        Some(&(f, o)) => o + (folded - f) == original,
        None => folded == original,
    };
    if !follows {
        marks.push((folded, original));
    }
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ā' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'È' | 'É' | 'Ê' | 'Ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ī' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        '’' | '‘' => '\'',
        // Curly double quotes as straight ones: a name in them ("the “Satsuma rebellion”
        // of 1877") is found as it is between straight quotes.
        '“' | '”' | '„' => '"',
        '-' | '‐' | '‑' | '‒' | '–' | '—' => ' ',
        c if c.is_whitespace() => ' ',
        c if c.is_ascii() => c,
        _ => return None,
    })
}

fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII letters, digits and punctuation other than dashes, with single
        // spaces between them (most of any text here), is copied lowercased, its origins a
        // range: a space after a plain byte folds to itself, as the first of its run.
        let rest = bytes.get(i..).unwrap_or(&[]);
        let mut run = 0;
        let mut after_plain = false;
        while let Some(&b) = rest.get(run) {
            let plain = is_plain(b);
            if !(plain || (b == b' ' && after_plain)) {
                break;
            }
            after_plain = plain;
            run += 1;
        }
        if run > 0 {
            mark_origin(&mut marks, out.len(), i);
            out.extend(bytes.get(i..i + run).unwrap_or(&[]).iter().map(u8::to_ascii_lowercase));
            i += run;
            continue;
        }
        // A space or dash, or anything else as a char.
        let (f, len) = fold_at(text, i);
        if push_folded(&mut out, f) {
            mark_origin(&mut marks, out.len() - 1, i);
        }
        i += len;
    }
    mark_origin(&mut marks, out.len(), text.len());
    // Only ASCII bytes were pushed.
    let text = String::from_utf8(out).unwrap_or_default();
    Folded { text, marks }
}

/// Appends folded byte `f` unless it is a space after a space (a run of spaces and dashes
/// folds to one); whether it did.
fn push_folded(out: &mut Vec<u8>, f: u8) -> bool {
    let pushed = !(f == b' ' && out.last() == Some(&b' '));
    if pushed {
        out.push(f);
    }
    pushed
}

/// The folded byte for the char at byte `i` of `text`, and the char's length.
fn fold_at(text: &str, i: usize) -> (u8, usize) {
    match text.as_bytes().get(i).copied() {
        Some(b) if b.is_ascii() => {
            let f = match b {
                b'A'..=b'Z' => b.to_ascii_lowercase(),
                b'-' | b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => b' ',
                _ => b,
            };
            (f, 1)
        }
        _ => {
            let c = text.get(i..).and_then(|r| r.chars().next()).unwrap_or('\u{1}');
            let f = fold_char(c).unwrap_or('\u{1}');
            // Every folded char is ASCII (or the placeholder \u{1}).
            (u8::try_from(u32::from(f)).unwrap_or(1), c.len_utf8().max(1))
        }
    }
}

/// Whether the matcher's folding (`fold`) parts the words of `text` where a sentence's
/// repeat key does (`text::normalized_words`, runs of letters and digits): two copies of
/// a sentence then hold the same folded words, and a test for words (`Needs`) says the
/// same of both. Not so where a character that is no letter or digit is folded into a
/// word: the placeholder `\x01` itself, and any such character folding has no ASCII for
/// ("Meiji\u{1}Restoration", "Meiji•Restoration" are one word to the matcher, two to the
/// key).
pub(crate) fn words_alike(text: &str) -> bool {
    !text.contains('\u{1}')
        && (text.is_ascii()
            || text.chars().all(|c| c.is_ascii() || c.is_alphanumeric() || fold_char(c).is_some()))
}

/// An ASCII byte that folds to itself lowercased: not a space, a dash or a control.
fn is_plain(b: u8) -> bool {
    b.is_ascii_graphic() && b != b'-'
}

fn fold_pattern(name: &str) -> String {
    let f = fold(name.trim()).text;
    let f = f.strip_prefix("the ").unwrap_or(&f).to_string();
    f.trim().to_string()
}

/// An event whose name places it ("the Siege of Port Arthur"): its place and the verbs
/// that, near the place, mean it.
struct PlaceEvent {
    event: EventId,
    place: String,
    cues: &'static [&'static str],
}

/// Past tenses, and "attacks" of timelines and date pages ("1904 – Japan attacks Port
/// Arthur"). Every word here is looked for in every window that names a place, so the
/// other present forms are left to the events' descriptions ("Port Arthur falls" is the
/// surrender's): with them all, 0.4% more instructions.
const SIEGE_CUES: &[&str] = &[
    "surrender",
    "surrendered",
    "fell",
    "fall of",
    "capitulated",
    "capitulation",
    "besieged",
    "besieging",
    "siege",
    "captured",
    "capture of",
];
const BATTLE_CUES: &[&str] =
    &["attack", "attacked", "attacks", "attacking", "battle", "bombarded", "bombardment", "torpedoed"];

static PLACE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:the\s+)?(siege|fall|surrender|capture|battle|attack|bombardment)\s+(?:of|on|at)\s+(?:the\s+)?(.+)$")
        .expect("valid regex")
});

/// The place a name puts its event at ("the Siege of Port Arthur": "port arthur",
/// folded), and the verbs that mean the event near that place.
fn place_in(name: &str) -> Option<(String, &'static [&'static str])> {
    let c = PLACE_NAME.captures(name.trim())?;
    let (head, place) = (c.get(1)?, c.get(2)?);
    let cues = match head.as_str().to_ascii_lowercase().as_str() {
        "battle" | "attack" | "bombardment" => BATTLE_CUES,
        _ => SIEGE_CUES,
    };
    Some((fold_pattern(place.as_str()), cues))
}

/// Per event of `rules`, the other events whose names put them at a place its names do:
/// a verb near that place may mean any of them.
pub(crate) fn place_neighbours(rules: &RuleBook) -> &[Vec<EventId>] {
    rules.place_neighbours_cache.get_or_init(|| {
        let places: Vec<Vec<String>> = rules
            .events
            .iter()
            .map(|e| {
                // A year that tells two events at one place apart ("the capture of Port
                // Arthur (1894)") is no part of the place. (Such a name is no place
                // mention's: its event is found by its names alone.)
                let names = std::iter::once(&e.name).chain(&e.aliases);
                names.filter_map(|n| Some(place_in(without_year(n))?.0)).collect()
            })
            .collect();
        places
            .iter()
            .enumerate()
            .map(|(i, mine)| {
                let shares =
                    |(j, theirs): &(usize, &Vec<String>)| *j != i && theirs.iter().any(|p| mine.contains(p));
                places.iter().enumerate().filter(shares).map(|(j, _)| j).collect()
            })
            .collect()
    })
}

/// `name` without a year in brackets at its end ("the capture of Port Arthur (1894)").
fn without_year(name: &str) -> &str {
    let trimmed = name.trim_end();
    let Some(open) = trimmed.strip_suffix(')').and_then(|t| t.rfind('(')) else { return name };
    let year = trimmed.get(open + 1..trimmed.len() - 1).unwrap_or("");
    if (3..=4).contains(&year.len()) && year.bytes().all(|b| b.is_ascii_digit()) {
        trimmed.get(..open).unwrap_or(name).trim_end()
    } else {
        name
    }
}

/// Words that refer back to the most recent place of the paragraph.
static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)the\s+(?:city|port|fortress|town|garrison)(?-u:\b)").expect("valid regex")
});

/// `ANAPHOR` without its word boundaries: over the whole text, a match of it overlaps every
/// sentence in which `ANAPHOR` matches (a prefilter, never a verdict).
static ANAPHOR_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)the\s+(?:city|port|fortress|town|garrison)").expect("valid regex"));

/// The nouns of `ANAPHOR`, for lowercased text: rarer than its "the", so a faster prefilter.
static ANAPHOR_NOUNS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| leftmost(ANAPHOR_NOUN_WORDS));

/// The nouns of `ANAPHOR`.
const ANAPHOR_NOUN_WORDS: [&str; 5] = ["city", "port", "fortress", "town", "garrison"];

/// Matches of `ANAPHOR_NOUNS` in `lower` that start a word (as in `ANAPHOR`); one that
/// starts a word is never hidden inside another, which would have to end in a letter.
fn anaphor_nouns(lower: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = lower.as_bytes();
    ANAPHOR_NOUNS
        .iter()
        .flat_map(move |ac| ac.find_iter(lower))
        .filter(move |m| {
            m.start() == 0
                || !bytes.get(m.start() - 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        })
        .map(|m| (m.start(), m.end()))
}

/// An automaton for a prefilter: leftmost-first, the semantics under which aho-corasick
/// uses its SIMD (Teddy) search for a few dozen patterns; under the default semantics it
/// walks the automaton over every byte.
pub(crate) fn leftmost<I, P>(patterns: I) -> Option<AhoCorasick>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostFirst).build(patterns).ok()
}

/// The set of `Matcher::phrases` that holds the description words (the names are set 0).
const WORDS: usize = 1;

/// The matcher of one rule book: build once per run and share across documents.
pub struct Matcher {
    /// Names and aliases (set 0), description words (set `WORDS`), on word boundaries.
    phrases: Option<Phrases>,
    /// Per pattern: the event and whether it is the name or an alias.
    /// A name several events share ("the treaty of Tientsin": 1858, and two of 1885) has
    /// them all, in rule order; assembly keeps the one whose dates admit the time.
    targets: Vec<Vec<(EventId, MatchKind)>>,
    /// Per event, per description: per group, the word pattern ids of its alternatives,
    /// and the `DEMONYMS` that are words of it (one bit each; "British side" is not).
    descriptions: Vec<(EventId, Vec<Vec<usize>>, u32)>,
    /// Per word pattern, the descriptions (indexes into `descriptions`) whose first group
    /// holds it: a sentence is tried only for the descriptions of the words found in it.
    descriptions_by_word: Vec<Vec<usize>>,
    places: Vec<PlaceEvent>,
    /// Every place name, case-insensitively: a sentence naming none (and no "the city")
    /// is skipped before any per-sentence work.
    place_names: Option<Literals>,
    /// The distinct folded place names, and per name the indexes in `places` that have it.
    folded_places: Option<AhoCorasick>,
    /// Those names, in the order of the automaton's patterns.
    distinct_places: Vec<String>,
    places_by_name: Vec<Vec<usize>>,
    /// The word pattern "fell", if a description has it: not in "fell upon".
    fell: Option<usize>,
    /// Per name pattern, whether it is a kind of event and a time ("revolution of 1911"),
    /// which a qualifier before it may make another event's (`qualifier_before`, `Matcher::owns`).
    dated_heads: Vec<bool>,
    /// Per name pattern: whether a name or alias it comes from is written with a capital
    /// ("Great War"), so that lowercase text after "a" ("a great war") is a common noun.
    proper: Vec<bool>,
    /// Per event, the first and last years its reference dates reach (`Event::era`): a
    /// proper name written lowercase with another year ("the great war of 1894") is a
    /// common noun.
    years: Vec<Option<(i64, i64)>>,
    /// Per event, the words of its name and aliases, lowercase and sorted.
    own_words: Vec<Vec<String>>,
    /// What a sentence must hold to name a known event; `None` when nothing can be
    /// ruled out.
    needs: Option<Needs>,
}

/// A name that is a kind of event and a time, folded ("revolution of 1911", "protocol of
/// 1901", "revolution of march").
static DATED_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:revolutions?|wars?|rebellions?|risings?|uprisings?|insurrections?|mutin(?:y|ies)|massacres?|protocols?)\s+of\s+(?:[0-9]|january|february|march|april|may|june|july|august|september|october|november|december)")
        .expect("valid regex")
});

/// Words that open a sentence or a phrase before a name without qualifying it ("The
/// revolution of 1911", "In the revolution of 1911").
const NOT_QUALIFIERS: &[&str] = &[
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "in", "of", "after", "before",
    "during", "since", "until", "by", "from", "with", "and", "but", "when", "great", "first", "second",
];

/// Whether `span` of `text` is set in italics as plain-text editions write them, between
/// underscores ("_Czarevitch_", "the _Kniaz Suvaroff_"): a word of a title or a ship's name.
fn italic(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let opens = span.start.checked_sub(1).and_then(|i| bytes.get(i)) == Some(&b'_');
    opens || bytes.get(span.end) == Some(&b'_')
}

/// The word of letters right before byte `at` of `text`, with white space between it and
/// `at` (empty where the letters stop at other punctuation); `None` where a letter or
/// punctuation touches `at`.
pub(super) fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text.get(..at)?;
    let trimmed = head.trim_end();
    if trimmed.len() == head.len() {
        return None;
    }
    let word_start =
        trimmed.char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    trimmed.get(word_start..)
}

/// The capitalised word right before byte `at` of `text` that would qualify a name there,
/// lowercase ("the Mexican revolution of 1911": "mexican"; "the Japan-Russian war": its
/// last part), unless it is one of `NOT_QUALIFIERS`.
fn qualifier_before(text: &str, at: usize) -> Option<String> {
    let word = word_before(text, at)?;
    let lower = word.to_lowercase();
    (word.starts_with(char::is_uppercase) && !NOT_QUALIFIERS.contains(&lower.as_str())).then_some(lower)
}

/// Whether the word before byte `at` of `text` is "a" or "an".
fn after_indefinite_article(text: &str, at: usize) -> bool {
    word_before(text, at).is_some_and(|w| w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an"))
}

/// The year of " of 1894" right after byte `end` of `text`, if one follows.
fn year_of(text: &str, end: usize) -> Option<i64> {
    let rest = text.get(end..)?.trim_start();
    let rest = rest.strip_prefix("of").filter(|r| r.starts_with(char::is_whitespace))?.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits == 4).then(|| rest.get(..4)?.parse().ok()).flatten()
}

/// Whether "upon" follows byte `end` of `text` after white space.
fn falls_upon(text: &str, end: usize) -> bool {
    let tail = text.get(end..).unwrap_or("");
    let rest = tail.trim_start();
    rest.len() < tail.len()
        && rest.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("upon"))
        && !rest.get(4..).is_some_and(|r| r.starts_with(char::is_alphanumeric))
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").field("patterns", &self.targets.len()).finish()
    }
}

impl Matcher {
    /// Whether `word` (lowercase) is a word of one of `event`'s names: a qualifier it
    /// owns ("Chinese" of "the Chinese Revolution of 1911"), not another event's.
    fn owns(&self, event: EventId, word: &str) -> bool {
        self.own_words.get(event).is_some_and(|w| w.binary_search_by(|x| x.as_str().cmp(word)).is_ok())
    }

    /// Builds the automata for every name, alias and description word of `rules`.
    pub fn new(rules: &RuleBook) -> Matcher {
        let mut patterns = Vec::new();
        // Each pattern's index in `patterns`: a search of the list for each of some 1,600
        // names was a quarter of the matcher's build.
        let mut pattern_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut targets = Vec::new();
        let mut word_patterns: Vec<String> = Vec::new();
        let mut descriptions = Vec::new();
        let mut places = Vec::new();
        let mut proper = Vec::new();
        for (id, event) in rules.events.iter().enumerate() {
            let names = std::iter::once((&event.name, MatchKind::Name))
                .chain(event.aliases.iter().map(|a| (a, MatchKind::Alias)));
            for (name, via) in names {
                let p = fold_pattern(name);
                let capital = name.trim_start_matches("the ").starts_with(char::is_uppercase);
                if p.len() >= 3 {
                    match pattern_ids.get(&p).copied() {
                        None => {
                            pattern_ids.insert(p.clone(), patterns.len());
                            patterns.push(p);
                            targets.push(vec![(id, via)]);
                            proper.push(capital);
                        }
                        Some(k) => {
                            if let Some(c) = proper.get_mut(k) {
                                *c |= capital;
                            }
                            if let Some(t) = targets.get_mut(k).filter(|t| t.iter().all(|(e, _)| *e != id)) {
                                t.push((id, via));
                            }
                        }
                    }
                }
                if let Some((place, cues)) = place_in(name) {
                    if !places.iter().any(|p: &PlaceEvent| p.event == id && p.place == place) {
                        places.push(PlaceEvent { event: id, place, cues });
                    }
                }
            }
            for d in &event.descriptions {
                let groups: Vec<Vec<usize>> = d
                    .all_of
                    .iter()
                    .map(|alts| {
                        alts.iter()
                            .map(|w| {
                                let w = fold_pattern(w);
                                match word_patterns.iter().position(|p| *p == w) {
                                    Some(i) => i,
                                    None => {
                                        word_patterns.push(w);
                                        word_patterns.len() - 1
                                    }
                                }
                            })
                            .collect()
                    })
                    .collect();
                if !groups.is_empty() && groups.iter().all(|g| !g.is_empty()) {
                    let own = groups
                        .iter()
                        .flatten()
                        .filter_map(|&w| word_patterns.get(w))
                        .filter_map(|w| demonym(w))
                        .fold(0, |mask, i| mask | 1 << i);
                    descriptions.push((id, groups, own));
                }
            }
        }
        let place_names = {
            let names: Vec<&str> = places.iter().map(|p| p.place.as_str()).collect();
            let lowered: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
            Literals::new(&lowered)
        };
        let mut distinct: Vec<&str> = Vec::new();
        let mut places_by_name: Vec<Vec<usize>> = Vec::new();
        for (i, p) in places.iter().enumerate() {
            match distinct.iter().position(|d| *d == p.place) {
                Some(k) => places_by_name.get_mut(k).into_iter().for_each(|v| v.push(i)),
                None => {
                    distinct.push(&p.place);
                    places_by_name.push(vec![i]);
                }
            }
        }
        let folded_places = (!distinct.is_empty()).then(|| AhoCorasick::new(&distinct).ok()).flatten();
        let dated_heads = patterns.iter().map(|p| DATED_HEAD.is_match(p)).collect();
        let own_words = rules
            .events
            .iter()
            .map(|e| {
                let names = std::iter::once(&e.name).chain(&e.aliases);
                let mut words: Vec<String> = names
                    .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                words.sort_unstable();
                words.dedup();
                words
            })
            .collect();
        let needs = {
            let mut list: Vec<Groups> = patterns.iter().map(|p| name_need(p)).collect();
            list.extend(descriptions.iter().map(|(_, groups, _)| {
                let alts: Vec<Vec<&str>> = groups
                    .iter()
                    .map(|g| g.iter().filter_map(|&w| word_patterns.get(w).map(String::as_str)).collect())
                    .collect();
                description_need(&alts)
            }));
            // A place with a cue verb of its events, or "the city" with any cue verb.
            let cues_of = |place: Option<&str>| -> Vec<String> {
                let mut cues: Vec<String> = places
                    .iter()
                    .filter(|p| place.is_none_or(|pl| p.place == pl))
                    .flat_map(|p| p.cues.iter().map(|c| longest_word(c).to_string()))
                    .collect();
                cues.sort_unstable();
                cues.dedup();
                cues
            };
            for place in &distinct {
                let mut need = name_need(place);
                need.push(cues_of(Some(place)));
                list.push(need);
            }
            // "The city fell": the place is named by an earlier sentence.
            if !places.is_empty() {
                list.push(vec![ANAPHOR_NOUN_WORDS.iter().map(|w| w.to_string()).collect(), cues_of(None)]);
            }
            Needs::new(&list)
        };
        let years = rules.events.iter().map(crate::rules::Event::era).collect();
        let mut descriptions_by_word: Vec<Vec<usize>> = vec![Vec::new(); word_patterns.len()];
        for (d, (_, groups, _)) in descriptions.iter().enumerate() {
            for &w in groups.first().into_iter().flatten() {
                if let Some(list) = descriptions_by_word.get_mut(w).filter(|l| l.last() != Some(&d)) {
                    list.push(d);
                }
            }
        }
        Matcher {
            needs,
            dated_heads,
            proper,
            years,
            own_words,
            folded_places,
            distinct_places: distinct.iter().map(|d| d.to_string()).collect(),
            places_by_name,
            fell: word_patterns.iter().position(|w| w == "fell"),
            phrases: Phrases::new(&[&patterns, &word_patterns]),
            targets,
            descriptions,
            descriptions_by_word,
            places,
            place_names,
        }
    }

    /// Whether a sentence can name a known event (`Needs`): `false` only where it cannot.
    /// `lower` is the sentence ASCII-lowercased; `folds`, whether its document folds like
    /// ASCII (`text::folds_like_ascii`). Where it does not ("ſ"), the case-insensitive
    /// regexes of the matcher find more than ASCII lowercasing does: nothing is ruled out.
    pub fn may_name(&self, lower: &str, folds: bool) -> bool {
        self.needs.as_ref().is_none_or(|needs| !folds || needs.met_in(lower, |run| fold(run).text))
    }

    /// Every event mention in `text`, sorted by position, each in its sentence.
    pub fn find(&self, text: &str, sentences: &[Sentence]) -> Vec<EventMention> {
        self.find_in(text, sentences, None)
    }

    /// The mentions a document's claims and checks can use: names and descriptions are
    /// looked for only in the `relevant` sentences (see `relevant_sentences`); places and
    /// unknown names everywhere, as in `find`. `None` looks everywhere.
    pub fn find_in(
        &self,
        text: &str,
        sentences: &[Sentence],
        relevant: Option<&[bool]>,
    ) -> Vec<EventMention> {
        let folds = crate::text::folds_like_ascii(text);
        let lower = text.to_ascii_lowercase();
        let heads = unknown_heads(text, &unknown_head_words(text), &[Span::new(0, text.len())]);
        let unknown = UnknownNames::new(text, sentences, &heads);
        let seen =
            Seen { lower: &lower, folds, unknown: &unknown, ranges: &[Span::new(0, text.len())], relevant };
        self.find_seen(text, sentences, &seen)
    }

    /// `find_in` with what the caller has already worked out over the text (`Seen`).
    pub fn find_seen(&self, text: &str, sentences: &[Sentence], seen: &Seen<'_>) -> Vec<EventMention> {
        let ranges = match seen.relevant {
            None => vec![Span::new(0, text.len())],
            Some(relevant) => runs(text, sentences, relevant),
        };
        let sentence_of = |span: Span| sentences.partition_point(|s| s.span.end <= span.start);
        let mut out = Vec::new();
        let mut words: Vec<Vec<(usize, Span)>> = vec![Vec::new(); sentences.len()];
        // Per word pattern, the sentence (plus one) it was last kept for and how often. A
        // description spans the tightest run of the sentence that holds a word of each
        // group, and only the first `KEPT_PER_SENTENCE` occurrences of a word are kept
        // for it: a sentence of a million words holds a few thousand entries, not a
        // million. (Matches come in text order, so in order of sentence.)
        let mut kept_in: Vec<(usize, usize)> = Vec::new();
        // Names are mentions; description words are gathered per sentence. A long range
        // is folded a part at a time (`fold_parts`): a sentence of 100 MB is not copied.
        let phrases = self.phrases.as_ref();
        let longest = phrases.map_or(0, Phrases::longest);
        for (&range, phrases) in ranges.iter().filter_map(|r| Some((r, phrases?))) {
            let mut scan = phrases.scan();
            for part in fold_parts(text, range, FOLD_PART, longest) {
                let FoldPart { start: part_start, folded, stop } = part;
                let orig = |s: usize, e: usize| -> Span {
                    let start = folded.origin(s).map_or(range.end, |o| part_start + o);
                    let end = folded.origin(e).map_or(range.end, |o| part_start + o);
                    Span::new(start, end)
                };
                phrases.for_each_kept_until(&folded.text, stop, &mut scan, |m| {
                    let span = orig(m.start, m.end);
                    let s = sentence_of(span);
                    // A name or a description's word runs over no sentence's end
                    // ("Portsmouth" / "Treaty of Portsmouth signed ..." is not "Portsmouth
                    // Treaty"; "Siege-1910 Port" / "Arthur" holds no "Port Arthur"), nor
                    // hides one that starts inside it in the next sentence: the scan goes on
                    // as if it were not there.
                    if !sentences.get(s).is_some_and(|x| x.span.contains(span)) {
                        return false;
                    }
                    if m.set == WORDS {
                        // "the first blow fell upon Port Arthur" is an attack, not its fall.
                        // A word in italics names a ship or a book: "the battleships
                        // _Retvisan_ and _Czarevitch_ ... a sudden mine attack" is not the
                        // attack on the Tsarevich at Ōtsu.
                        if (Some(m.pattern) == self.fell && falls_upon(text, span.end)) || italic(text, span)
                        {
                            return true;
                        }
                        if kept_in.len() <= m.pattern {
                            kept_in.resize(m.pattern + 1, (0, 0));
                        }
                        let (Some(list), Some(kept)) = (words.get_mut(s), kept_in.get_mut(m.pattern)) else {
                            return true;
                        };
                        if kept.0 != s + 1 {
                            *kept = (s + 1, 0);
                        }
                        if kept.1 < KEPT_PER_SENTENCE {
                            kept.1 += 1;
                            list.push((m.pattern, span));
                        }
                        return true;
                    }
                    let Some(events) = self.targets.get(m.pattern) else { return true };
                    // A proper name written lowercase after "a" or "an" is a common noun:
                    // "Japan waged a great war against China in 1894" is not the Great
                    // War. ("arrange a trip to St. Petersburg" is the trip all the same.)
                    // So is one written lowercase with a year of its own far from the
                    // event's: "the great war of 1894 between China and Japan".
                    if self.proper.get(m.pattern).copied().unwrap_or(false)
                        && text.get(span.start..).is_some_and(|t| t.starts_with(|c: char| c.is_lowercase()))
                        && (after_indefinite_article(text, span.start)
                            || year_of(text, span.end).is_some_and(|y| {
                                events.iter().all(|(e, _)| {
                                    self.years
                                        .get(*e)
                                        .copied()
                                        .flatten()
                                        .is_some_and(|(a, b)| y < a - 2 || y > b + 2)
                                })
                            }))
                    {
                        return true;
                    }
                    let qualifier = match self.dated_heads.get(m.pattern) {
                        Some(true) => qualifier_before(text, span.start),
                        _ => None,
                    };
                    out.extend(
                        events
                            .iter()
                            .filter(|(event, _)| qualifier.as_ref().is_none_or(|q| self.owns(*event, q)))
                            .map(|&(event, via)| EventMention {
                                span,
                                target: MentionTarget::Known(event),
                                via,
                                sentence: s,
                            }),
                    );
                    true
                });
            }
        }
        // Which events each sentence already names: a set, so the description pass stays
        // linear in sentences however many names a long book has.
        let named = named_events(&out);
        let mut tried: Vec<usize> = Vec::new();
        for (s, found) in words.iter().enumerate() {
            if found.is_empty() {
                continue;
            }
            // The descriptions a word of the sentence opens, in rule order: any other
            // lacks a word of its first group here.
            tried.clear();
            tried.extend(found.iter().flat_map(|(p, _)| self.descriptions_by_word.get(*p)).flatten());
            tried.sort_unstable();
            tried.dedup();
            // Per word, the people named right before it: "the British declaration of war
            // on Germany" is not Japan's, whatever the sentence says of Japan. Before a
            // verb in the past they are its subject ("the Japanese besieged Port Arthur").
            // Worked out once per sentence, and only for one a description may be in.
            let whose = std::cell::OnceCell::new();
            let whose = || {
                whose.get_or_init(|| {
                    found
                        .iter()
                        .map(|(_, span)| {
                            let verb = text
                                .get(span.start..span.end)
                                .and_then(|w| w.split_whitespace().next())
                                .is_some_and(|w| w.ends_with("ed"));
                            if verb {
                                0
                            } else {
                                demonym_before(text, span.start).map_or(0, |i| 1u32 << i)
                            }
                        })
                        .collect::<Vec<u32>>()
                })
            };
            for (event, groups, own) in tried.iter().filter_map(|&d| self.descriptions.get(d)) {
                if named.contains(&(s, *event)) {
                    continue;
                }
                // Most descriptions lack a group's word in the sentence: no run to look for.
                if !groups.iter().all(|alts| found.iter().any(|(p, _)| alts.contains(p))) {
                    continue;
                }
                let ours = |i: usize| whose().get(i).is_none_or(|&w| w == 0 || w & own != 0);
                if let Some(span) = tightest(found, groups, ours) {
                    out.push(EventMention {
                        span,
                        target: MentionTarget::Known(*event),
                        via: MatchKind::Description,
                        sentence: s,
                    });
                }
            }
        }
        self.find_places(text, sentences, &mut out, seen, &ranges);
        find_unknown(sentences, &mut out, seen.unknown);
        out.sort_by_key(|m| (m.span.start, m.span.end));
        out
    }

    /// The folded words of a sentence that names a place or holds an anaphor ("the
    /// city"), and its place: the first place, in rule order, that occurs in it as a word,
    /// with the offset in the sentence of its first occurrence. `None` for a sentence with
    /// neither.
    fn sentence_place<'t>(
        &self,
        text: &'t str,
        seen: &Seen<'_>,
        sentence: &Sentence,
    ) -> Option<(SentenceFold<'t>, Option<(usize, String)>)> {
        let body = sentence.span.slice(text);
        let lower = sentence.span.slice(seen.lower);
        let names_a_place = self.place_names.as_ref().is_some_and(|ac| ac.is_match(lower));
        // An anaphor needs one of its nouns, found fast in lowercased text (where ASCII
        // case folding finds all that the regex's Unicode folding does).
        let may_refer = !seen.folds || anaphor_nouns(lower).next().is_some();
        if !names_a_place && !may_refer {
            return None;
        }
        if !names_a_place && !ANAPHOR.is_match(body) {
            return None;
        }
        // Per distinct place name, its first occurrence as a word; the first place in rule
        // order that has one is the sentence's.
        let folding = SentenceFold::new(text, sentence.span, FOLD_PART);
        let Some(ac) = &self.folded_places else { return Some((folding, None)) };
        let hits = folding.first_words(&self.distinct_places, Some(ac));
        let mut first: Vec<Option<usize>> = vec![None; self.places.len()];
        for (hit, indexes) in hits.iter().zip(&self.places_by_name) {
            for &i in indexes {
                if let Some(x) = first.get_mut(i) {
                    *x = hit.as_ref().map(|h| h.at);
                }
            }
        }
        let found = self.places.iter().zip(&first).find_map(|(p, at)| Some(((*at)?, p.place.clone())));
        Some((folding, found))
    }

    /// "Port Arthur fell", "the city surrendered": a place of a place event with one of
    /// its cue verbs in the same sentence; "the city" refers to the paragraph's latest place.
    fn find_places(
        &self,
        text: &str,
        sentences: &[Sentence],
        out: &mut Vec<EventMention>,
        seen: &Seen<'_>,
        runs: &[Span],
    ) {
        if self.places.is_empty() {
            return;
        }
        let mut last_place: Option<(usize, String)> = None; // (paragraph, place)
        let named = named_events(out);
        // Looking everywhere (`relevant` is `None`): one scan of each range for places and
        // anaphors instead of one per sentence, and only the sentences it touches are
        // looked at. Looking only in relevant sentences, the same scan of their `runs`
        // rules out most of them before `sentence_place`; it finds every noun, not only
        // at a word start, so that it passes all the sentences `sentence_place` would.
        // Places are matched case-insensitively: case-sensitively against a lowercased copy
        // (same offsets), where the automaton can use its fast prefilter.
        let lower = seen.lower;
        let everywhere = seen.relevant.is_none();
        let scanned = if everywhere { seen.ranges } else { runs };
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for r in scanned {
            let (Some(low), Some(orig)) = (lower.get(r.start..r.end), text.get(r.start..r.end)) else {
                continue;
            };
            let shift = |(s, e): (usize, usize)| (s + r.start, e + r.start);
            hits.extend(
                self.place_names.iter().flat_map(|lit| lit.find_iter(low)).map(|m| shift((m.start, m.end))),
            );
            // The nouns in lowercased text, or (where Unicode case folding would find more)
            // the whole regex.
            match (seen.folds, everywhere) {
                (true, true) => hits.extend(anaphor_nouns(low).map(shift)),
                (true, false) => hits.extend(
                    ANAPHOR_NOUNS
                        .iter()
                        .flat_map(|ac| ac.find_iter(low))
                        .map(|m| shift((m.start(), m.end()))),
                ),
                (false, _) => {
                    hits.extend(ANAPHOR_ANYWHERE.find_iter(orig).map(|m| shift((m.start(), m.end()))))
                }
            }
        }
        hits.sort_unstable();
        let touched = crate::text::touched(sentences, hits.into_iter());
        let touched = |s: usize| touched.get(s).copied().unwrap_or(false);
        // Mentions are read only in relevant sentences; the others of a paragraph matter
        // only as the place an anaphor there refers back to, so they wait in `pending`
        // and are looked at, latest first, only when one does (each at most once).
        let relevant = |s: usize| seen.relevant.is_none_or(|r| r.get(s).copied().unwrap_or(false));
        let mut pending: Vec<usize> = Vec::new();
        let mut pending_paragraph = None;
        for (s, sentence) in sentences.iter().enumerate() {
            if everywhere && !touched(s) {
                continue;
            }
            if pending_paragraph != Some(sentence.paragraph) {
                pending.clear();
                pending_paragraph = Some(sentence.paragraph);
            }
            if !relevant(s) {
                pending.push(s);
                continue;
            }
            if !touched(s) {
                continue;
            }
            let body = sentence.span.slice(text);
            let Some((folding, found_place)) = self.sentence_place(text, seen, sentence) else { continue };
            let anaphor = ANAPHOR.find(body);
            if found_place.is_none() && anaphor.is_some() {
                while let Some(k) = pending.pop() {
                    let earlier =
                        sentences.get(k).and_then(|x| Some((x, self.sentence_place(text, seen, x)?.1?)));
                    if let Some((x, (_, pl))) = earlier {
                        last_place = Some((x.paragraph, pl));
                        break;
                    }
                }
                pending.clear();
            }
            let place = match (&found_place, anaphor, &last_place) {
                (Some((_, pl)), _, _) => Some(pl.clone()),
                (None, Some(_), Some((para, pl))) if *para == sentence.paragraph => Some(pl.clone()),
                _ => None,
            };
            if let Some((_, pl)) = &found_place {
                last_place = Some((sentence.paragraph, pl.clone()));
                pending.clear();
            }
            let Some(place) = place else { continue };
            // Where each cue verb of the place's events first occurs as a word: looked for
            // once per sentence, and only when an event is still to be found.
            let mut cues_at: Option<(Vec<&str>, Vec<Option<WordAt>>)> = None;
            for p in self.places.iter().filter(|p| p.place == place) {
                if named.contains(&(s, p.event))
                    || out
                        .iter()
                        .rev()
                        .take_while(|m| m.sentence == s)
                        .any(|m| m.target == MentionTarget::Known(p.event))
                {
                    continue;
                }
                // The verb must sit by its subject or object ("Port Arthur fell", "the
                // city surrendered"), not anywhere ("the first blow fell").
                let anchor = match (&found_place, anaphor) {
                    (Some((at, _)), _) => *at,
                    (None, Some(a)) => a.start(),
                    _ => continue,
                };
                let (cues, hits) = cues_at.get_or_insert_with(|| {
                    let mut cues: Vec<&str> = Vec::new();
                    for c in self.places.iter().filter(|q| q.place == place).flat_map(|q| q.cues.iter()) {
                        if !cues.contains(c) {
                            cues.push(c);
                        }
                    }
                    let hits = folding.first_words(&cues, None);
                    (cues, hits)
                });
                let near = |c: &&str| {
                    let hit = cues.iter().position(|x| x == c).and_then(|k| hits.get(k)?.as_ref())?;
                    // "the first blow fell upon Port Arthur" is an attack, not its fall.
                    let falls_upon =
                        *c == "fell" && (hit.after.starts_with(" upon") || hit.after.starts_with(" on "));
                    (!falls_upon && hit.at.abs_diff(anchor) <= CUE_REACH).then_some(hit.at)
                };
                let Some(cue_start) = p.cues.iter().filter_map(near).min() else { continue };
                // "a surrender of China to her foe", "a base for the prosecution of an attack
                // upon Port Arthur": a cue noun after "a" or "an" is one that may come, not
                // the one that came.
                if after_indefinite_article(body, cue_start) {
                    continue;
                }
                // The mention is the cue verb: the place or anaphor is its subject or object.
                let cue_word = body
                    .get(cue_start..)
                    .and_then(|r| r.split_whitespace().next())
                    .unwrap_or("")
                    .trim_end_matches(|c: char| !c.is_alphanumeric());
                let span = Span::new(
                    sentence.span.start + cue_start,
                    sentence.span.start + cue_start + cue_word.len(),
                );
                let span = match (&found_place, anaphor) {
                    (None, Some(a)) => {
                        span.cover(Span::new(sentence.span.start + a.start(), sentence.span.start + a.end()))
                    }
                    _ => span,
                };
                out.push(EventMention {
                    span,
                    target: MentionTarget::Known(p.event),
                    via: MatchKind::Place,
                    sentence: s,
                });
            }
        }
    }
}

/// The spans covering runs of consecutive relevant sentences: next to each other in the
/// list and with only white space between them in the text (sentences split from blocks
/// far apart are not one run: the text between them was never segmented).
fn runs(text: &str, sentences: &[Sentence], relevant: &[bool]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut last = None;
    for (i, (s, _)) in sentences.iter().zip(relevant).enumerate().filter(|(_, (_, &r))| r) {
        match out.last_mut() {
            Some(run)
                if last == Some(i.wrapping_sub(1))
                    && text.get(run.end..s.span.start).is_some_and(|gap| gap.trim().is_empty()) =>
            {
                run.end = s.span.end
            }
            _ => out.push(s.span),
        }
        last = Some(i);
    }
    out
}

/// Words every anniversary phrase holds ("110th anniversary", "the centenary", "two
/// centuries ago"), lowercase and without an "s" or "k" so that ASCII case folding finds
/// all the Unicode-folded regex does. No two of them can overlap.
const ANNIVERSARY: [&str; 3] = ["anniver", "centen", "ago"];

/// The `ANNIVERSARY` words, `text::THREAD_WORD` ("alternate"), which the search of the
/// lowercased text finds for `text::is_thread_at`, `text::QUOTE_MARKUP`, the closing
/// marks of a quotation set off by markup, and `text::URL_MARKS`, one of which every URL
/// holds. No two of them can overlap.
const LOWER_WORDS: [&str; 9] = [
    ANNIVERSARY[0],
    ANNIVERSARY[1],
    ANNIVERSARY[2],
    crate::text::THREAD_WORD,
    crate::text::QUOTE_MARKUP[0],
    crate::text::QUOTE_MARKUP[1],
    crate::text::QUOTE_MARKUP[2],
    crate::text::URL_MARKS[0],
    crate::text::URL_MARKS[1],
];

/// Where `text::URL_MARKS` start in `LOWER_WORDS`.
const FIRST_URL_MARK: usize = LOWER_WORDS.len() - crate::text::URL_MARKS.len();

/// The `LOWER_WORDS` in one vectorised search (Teddy, which tells candidates by their
/// first three bytes: "a" and "c" start too many words for the first-byte prefilter an
/// automaton would use). `None` where the CPU has no Teddy; then `LOWER_FINDERS`, one
/// substring search per word, find the same.
static LOWER_SEARCH: LazyLock<Option<aho_corasick::packed::Searcher>> = LazyLock::new(|| {
    let mut b = aho_corasick::packed::Config::new().builder();
    for w in LOWER_WORDS {
        b.add(w);
    }
    b.build()
});

static LOWER_FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 9]> =
    LazyLock::new(|| LOWER_WORDS.map(|w| memchr::memmem::Finder::new(w.as_bytes())));

/// Which sentences can yield something from their event mentions: those holding a time
/// (`dated`: claims), a word that heads an unknown event name or an anniversary phrase
/// (`worded`: `unknown-event`, `anniversary-arithmetic`), and an answer's question
/// ("Q: ... A: It ..."). Mentions elsewhere are never read, and finding them is most of
/// the matching work on book-length text, where most sentences hold no date.
pub fn relevant_sentences(text: &str, sentences: &[Sentence], dated: &[bool], worded: &[bool]) -> Vec<bool> {
    let mut out: Vec<bool> = dated.iter().zip(worded).map(|(d, w)| *d || *w).collect();
    for i in 1..sentences.len() {
        let answers = sentences.get(i).is_some_and(|s| s.span.slice(text).starts_with("A:"));
        if answers && out.get(i).copied().unwrap_or(false) {
            if let Some(q) = out.get_mut(i - 1) {
                *q = true;
            }
        }
    }
    out
}

/// What the search of a lowercased text finds: its anniversary words, where "alternate"
/// starts (for `text::is_thread_at`), whether it holds a closing mark of a quotation set
/// off by markup (`text::QUOTE_MARKUP`), and its marks of URLs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LowerWords {
    pub anniversary: Vec<Span>,
    pub alternate: Vec<usize>,
    pub quote_markup: bool,
    /// Where "://" and "www." are (`text::URL_MARKS`), for `text::segment_needed`.
    pub url_marks: Vec<Span>,
}

/// The `LOWER_WORDS` in `lower` (the text lowercased), in one search.
pub fn lower_words(lower: &str) -> LowerWords {
    let found: Vec<(usize, Span)> = match LOWER_SEARCH.as_ref() {
        Some(teddy) => teddy
            .find_iter(lower.as_bytes())
            .map(|m| (m.pattern().as_usize(), Span::new(m.start(), m.end())))
            .collect(),
        None => lower_words_one_by_one(lower),
    };
    let mut out = LowerWords::default();
    for (word, span) in found {
        if word < ANNIVERSARY.len() {
            out.anniversary.push(span);
        } else if word == ANNIVERSARY.len() {
            out.alternate.push(span.start);
        } else if word >= FIRST_URL_MARK {
            out.url_marks.push(span);
        } else {
            out.quote_markup = true;
        }
    }
    out
}

/// Anniversary words ("anniver", "centen", "ago") in `lower` (the text lowercased).
pub fn anniversary_words(lower: &str) -> Vec<Span> {
    lower_words(lower).anniversary
}

/// `lower_words`' matches by one substring search per word, with the index of the word:
/// no two of the words can overlap, so these are the matches one search for all gives.
fn lower_words_one_by_one(lower: &str) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = LOWER_FINDERS
        .iter()
        .enumerate()
        .flat_map(|(k, f)| {
            f.find_iter(lower.as_bytes()).map(move |at| (k, Span::new(at, at + f.needle().len())))
        })
        .collect();
    out.sort_unstable_by_key(|(_, s)| (s.start, s.end));
    out
}

/// Of the `anniversary_words` of `lower`, those that can be in a phrase ("the 110th
/// anniversary", "two centuries ago"): every sentence holding one holds one of these.
///
/// An "ago" can end "... years ago" when its unit of time (years, decades, centuries)
/// and white space stand before it. Any byte of a non-ASCII character is passed over as
/// if it were white space, which lets through a little more than the phrase does, never
/// less. Most of "ago" in a book is "Chicago", "long ago" or "agony".
pub fn anniversary_phrases(lower: &str, words: &[Span]) -> Vec<Span> {
    words_but_ago(lower, words, |head| unit_before(head, maybe_space).is_some_and(|gap| gap > 0))
}

/// Of the `anniversary_words` of `lower`, those that a copy of a sentence with a phrase
/// holds (`anniversary_phrases`): a copy has the same words (`text::normalized_words`)
/// whatever stands between them, "two centuries-ago" or "two centuries (ago", so its
/// "ago" follows a unit of time across any bytes but ASCII letters and digits, or none.
/// Most "ago" in a book is in no phrase and no copy of one ("long ago", "Chicago",
/// "wagon"), and its block need not be split.
pub fn anniversary_kin(lower: &str, words: &[Span]) -> Vec<Span> {
    words_but_ago(lower, words, |head| unit_before(head, |b| !b.is_ascii_alphanumeric()).is_some())
}

/// `words` of `lower`, but an "ago" only where `keep` accepts the text before it.
fn words_but_ago(lower: &str, words: &[Span], keep: impl Fn(&[u8]) -> bool) -> Vec<Span> {
    let bytes = lower.as_bytes();
    words
        .iter()
        .filter(|s| bytes.get(s.start..s.end) != Some(b"ago") || keep(bytes.get(..s.start).unwrap_or(&[])))
        .copied()
        .collect()
}

/// If `head` ends with a unit of time and then a run of bytes `gap` accepts (perhaps
/// none), the length of that run.
fn unit_before(head: &[u8], gap: impl Fn(u8) -> bool) -> Option<usize> {
    let len = head.iter().rev().take_while(|&&b| gap(b)).count();
    ends_with_a_unit(head.get(..head.len() - len).unwrap_or(&[])).then_some(len)
}

/// Whether lowercased text ends with a unit of time an anniversary phrase counts in.
fn ends_with_a_unit(lower: &[u8]) -> bool {
    ["year", "years", "decade", "decades", "century", "centurie", "centuries"]
        .iter()
        .any(|u| lower.ends_with(u.as_bytes()))
}

/// Where an unknown event name can be in `text`: the matches of `UNKNOWN_ANYWHERE` in the
/// `blocks` (in order; stretches no sentence crosses, or the whole text) holding one of the
/// head `words` (`unknown_head_words`) that can end or open a name. Every sentence in those
/// blocks holding a match of `UNKNOWN` overlaps one of these: within a block, a search for
/// the pattern without its word boundaries cannot pass the start of such a match without
/// finding it or one that runs over it.
///
/// A block is not searched whole. A match is made of letters, white space, apostrophes and
/// dashes only (`in_names`), and holds a head word. So it lies in one stretch of such bytes,
/// and the pattern, which looks at nothing before or after its match, finds in the stretch
/// alone what it finds there in the block. The stretches searched are those holding one of
/// `words`: one holding a head word the search for them passed over holds one it found
/// (the two overlap, in one run of letters). In a block of a book, most of the text is in
/// other stretches: a search of the block stopped at every "the".
pub fn unknown_heads(text: &str, words: &[Span], blocks: &[Span]) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut heads = name_heads(bytes, words).peekable();
    let mut out = Vec::new();
    for b in blocks {
        while heads.next_if(|h| h.start < b.start).is_some() {}
        if heads.peek().is_none_or(|h| h.start >= b.end) {
            continue;
        }
        // Where the last stretch searched ended.
        let mut searched = b.start;
        let first = words.partition_point(|w| w.start < b.start);
        for w in words.get(first..).unwrap_or_default().iter().take_while(|w| w.start < b.end) {
            if w.start < searched {
                continue;
            }
            // The stretch ends at a byte `in_names` rejects (ASCII: a char boundary) or
            // at the block's ends.
            let Span { start, end } = crate::text::stretch(bytes, *b, *w, in_names);
            searched = end;
            let Some(stretch) = text.get(start..end) else { continue };
            out.extend(
                UNKNOWN_ANYWHERE
                    .on(stretch)
                    .find_iter(stretch)
                    .map(|m| Span::new(m.start(), m.end()).shift(start)),
            );
        }
    }
    out
}

/// Of the head `words` in text `bytes`, those that can end or open a name where they stand.
fn name_heads<'w>(bytes: &'w [u8], words: &'w [Span]) -> impl Iterator<Item = &'w Span> + 'w {
    words.iter().filter(|w| {
        let (ends, opens) = heads_a_name(bytes, **w);
        ends || opens
    })
}

/// Whether the head word `w` of `bytes` can end a name where it stands (after a
/// capitalised word), and whether it can open one (before "of").
fn heads_a_name(bytes: &[u8], w: Span) -> (bool, bool) {
    let word = bytes.get(w.start..w.end).unwrap_or(&[]);
    let index = HEAD_WORDS.iter().position(|h| h.as_bytes() == word).unwrap_or(usize::MAX);
    (
        index < ENDS_A_NAME && after_a_capital(bytes, w.start),
        OPENS_A_NAME.contains(&index) && before_of(bytes, w.end),
    )
}

/// Of the `name_heads`, those through which a name `unknown-event` may report can run.
/// A name ending at a head word holds the word before it whole ("Peloponnesian" in "the
/// Peloponnesian War"); a name a head word opens holds the first letters of the word
/// after its "of" ("San" in "the Treaty of San Stefano"). Where that word brings one no
/// event's name holds (`unknown`: `unknown-event`'s `brings_an_unknown_word`), every
/// such name shares nothing with the reference and is reported nowhere. Where a
/// character beyond ASCII leaves the word in doubt, the head is kept.
pub(super) fn name_heads_to_read<'w>(
    bytes: &'w [u8],
    words: &'w [Span],
    unknown: impl Fn(&str) -> bool + 'w,
) -> impl Iterator<Item = &'w Span> + 'w {
    words.iter().filter(move |w| {
        let read = |part: NamePart<'_>| match part {
            NamePart::None => false,
            NamePart::Unsure => true,
            NamePart::Word(part) => !std::str::from_utf8(part).is_ok_and(&unknown),
        };
        let (ends, opens) = heads_a_name(bytes, **w);
        (ends && read(word_before_head(bytes, w.start))) || (opens && read(word_after_of(bytes, w.end)))
    })
}

/// What every name running through a head word holds, for `name_heads_to_read`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NamePart<'t> {
    /// No name can run through the head this way.
    None,
    /// Every name that does holds this word whole (ASCII).
    Word(&'t [u8]),
    /// A character beyond ASCII (white space? a letter?) leaves it in doubt.
    Unsure,
}

/// The last modifier of a name of capitalised words ending at the head word at `at`
/// (`UNKNOWN_NAME`'s first form): the run of bytes other than white space before the
/// white space before the head, if it has the shape of a capitalised word ("Boxer",
/// "Russo-China", "Boxer's").
fn word_before_head(b: &[u8], at: usize) -> NamePart<'_> {
    let head = b.get(..at).unwrap_or(&[]);
    let gap = head.iter().rev().take_while(|&&c| ascii_space(c)).count();
    let before = head.get(..head.len() - gap).unwrap_or(&[]);
    if before.last().is_some_and(|c| !c.is_ascii()) {
        return NamePart::Unsure;
    }
    if gap == 0 {
        return NamePart::None;
    }
    let run = before.iter().rev().take_while(|&&c| !ascii_space(c)).count();
    let word = before.get(before.len() - run..).unwrap_or(&[]);
    if !word.is_ascii() {
        return NamePart::Unsure;
    }
    // [A-Z][\p{L}'’]*(?:[-–][A-Z][\p{L}'’]*)*, in ASCII.
    let capitalised = word.split(|&c| c == b'-').all(|piece| {
        piece.first().is_some_and(u8::is_ascii_uppercase)
            && piece.iter().all(|&c| c.is_ascii_alphabetic() || c == b'\'')
    });
    if capitalised {
        NamePart::Word(word)
    } else {
        NamePart::None
    }
}

/// The first letters of the place a head word opens with "of" at `end` (`UNKNOWN_NAME`'s
/// second form: "Peking" in "the Treaty of Peking", "Yalu" in "the Battle of the Yalu"):
/// the ASCII letters from its capital on, which are a word of the name whatever follows.
fn word_after_of(b: &[u8], end: usize) -> NamePart<'_> {
    // Past white space from `at`: where it ends, or `None` where a character beyond ASCII
    // may go on with it.
    let past_space = |at: usize| -> Option<usize> {
        let gap = b.get(at..).unwrap_or(&[]).iter().take_while(|&&c| ascii_space(c)).count();
        b.get(at + gap).is_none_or(|c| c.is_ascii()).then_some(at + gap)
    };
    let Some(of) = past_space(end) else { return NamePart::Unsure };
    let Some(mut at) = past_space(of + 2) else { return NamePart::Unsure };
    if of == end || b.get(of..of + 2) != Some(b"of") || at == of + 2 {
        return NamePart::None;
    }
    if b.get(at..at + 3) == Some(b"the") && b.get(at + 3).copied().is_some_and(maybe_space) {
        match past_space(at + 3) {
            Some(next) => at = next,
            None => return NamePart::Unsure,
        }
    }
    if !b.get(at).is_some_and(u8::is_ascii_uppercase) {
        return NamePart::None;
    }
    let letters = b.get(at..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_alphabetic()).count();
    match b.get(at + letters) {
        Some(&c) if !c.is_ascii() || c.is_ascii_digit() || c == b'_' => NamePart::Unsure,
        _ => NamePart::Word(b.get(at..at + letters).unwrap_or(&[])),
    }
}

/// Whether byte `c` can be part of a match of `UNKNOWN_ANYWHERE`: an ASCII letter, white
/// space, apostrophe or hyphen, or any byte of a character beyond ASCII (which may be a
/// letter, a typographic apostrophe, a dash or white space).
fn in_names(c: u8) -> bool {
    !c.is_ascii() || c.is_ascii_alphabetic() || matches!(c, b'\t'..=b'\r' | b' ' | b'\'' | b'-')
}

/// What the search of a text for capitalised words finds: the words that head an unknown
/// event name, and where the marks of an alternate-history thread start ("POD", "OTL":
/// `text::THREAD_MARKS`, for `text::is_thread_at`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapitalWords {
    pub heads: Vec<Span>,
    pub thread_marks: Vec<usize>,
}

/// `HEAD_WORDS` and `text::THREAD_MARKS` in `text`, in one search. No head word and mark
/// can overlap, so each list is what a search for its own words finds.
pub fn capital_words(text: &str) -> CapitalWords {
    let mut out = CapitalWords::default();
    for m in CAPITAL_SEARCH.iter().flat_map(|ac| ac.find_iter(text)) {
        if m.pattern().as_usize() < HEAD_WORDS.len() {
            out.heads.push(Span::new(m.start(), m.end()));
        } else {
            out.thread_marks.push(m.start());
        }
    }
    out
}

/// The words that head an unknown event name (`HEAD_WORDS`, "War", "Treaty") in `text`:
/// every match of `UNKNOWN` holds one.
pub fn unknown_head_words(text: &str) -> Vec<Span> {
    capital_words(text).heads
}

/// The first `HEAD_WORDS` (War ... Expedition) end a name of capitalised words ("the
/// Boxer War"); these open one with "of" ("the Treaty of Peking").
const ENDS_A_NAME: usize = 12;
const OPENS_A_NAME: [usize; 7] = [12, 13, 14, 15, 3, 8, 16];

/// A byte of white space as `\s` has it, or of a character beyond ASCII (which might be).
fn maybe_space(b: u8) -> bool {
    ascii_space(b) || !b.is_ascii()
}

/// Whether the word at `at` can end a name of capitalised words: white space before it,
/// and before that a word that starts with a capital. Where a character beyond ASCII
/// leaves this in doubt, it says yes.
fn after_a_capital(b: &[u8], at: usize) -> bool {
    let head = b.get(..at).unwrap_or(&[]);
    let gap = head.iter().rev().take_while(|&&c| maybe_space(c)).count();
    let Some(before) = head.get(..head.len() - gap).filter(|_| gap > 0) else { return false };
    if head.get(before.len()..).is_some_and(|g| !g.is_ascii()) {
        return true;
    }
    let run = before.iter().rev().take_while(|&&c| c.is_ascii_alphabetic() || c == b'\'').count();
    let start = before.len() - run;
    match (before.get(start), start.checked_sub(1).and_then(|i| before.get(i))) {
        (Some(first), _) if first.is_ascii_uppercase() => true,
        // The word goes on back into a character beyond ASCII, or is one.
        (_, Some(prev)) => !prev.is_ascii(),
        _ => false,
    }
}

/// Whether white space, "of" and white space follow byte `end`.
fn before_of(b: &[u8], end: usize) -> bool {
    let tail = b.get(end..).unwrap_or(&[]);
    let gap = tail.iter().take_while(|&&c| maybe_space(c)).count();
    gap > 0 && tail.get(gap..gap + 2) == Some(b"of") && tail.get(gap + 2).copied().is_some_and(maybe_space)
}

/// What the per-document stage has already worked out over a text, for `find_seen`.
#[derive(Debug, Clone, Copy)]
pub struct Seen<'a> {
    /// The text with ASCII letters lowercased (same offsets).
    pub lower: &'a str,
    /// `folds_like_ascii(text)`: ASCII case folding of `lower` finds what Unicode folding does.
    pub folds: bool,
    /// The names of unknown events that may be reported, per sentence.
    pub unknown: &'a UnknownNames<'a>,
    /// The parts of the text its sentences cover, in order: when every sentence is relevant
    /// (`relevant` is `None`), they are scanned once for places instead of sentence by
    /// sentence.
    pub ranges: &'a [Span],
    /// The sentences whose mentions are read (`relevant_sentences`); `None`: all.
    pub relevant: Option<&'a [bool]>,
}

/// How far (bytes) a place event's verb may sit from its place or anaphor.
const CUE_REACH: usize = 50;

/// Byte offset in `folded` of `word` on word boundaries.
fn find_word(folded: &str, word: &str) -> Option<usize> {
    let b = folded.as_bytes();
    let mut from = 0;
    // memchr's search, not `str::find`: its two-way searcher cost more to set up for each
    // word than the search of a sentence's part did.
    while let Some(i) = b.get(from..).and_then(|r| memchr::memmem::find(r, word.as_bytes())) {
        let at = from + i;
        let end = at + word.len();
        if (at == 0 || !b.get(at - 1).copied().is_some_and(is_word_byte))
            && !b.get(end).copied().is_some_and(is_word_byte)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where a word was first found by `first_words`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WordAt {
    /// Offset in the span searched (of the original text).
    at: usize,
    /// The folded text right after the word, up to `AFTER` bytes.
    after: String,
}

/// Folded bytes kept after a word found by `first_words` (" upon" needs five).
const AFTER: usize = 8;

/// A span of text folded for `first_words`: a span of at most `part` bytes is folded
/// once, when it is made, and every search reads that; a longer one is folded again a
/// part at a time (`fold_parts`) by each search, so a sentence of 100 MB is never copied
/// whole.
struct SentenceFold<'t> {
    text: &'t str,
    span: Span,
    part: usize,
    whole: Option<FoldPart>,
}

impl<'t> SentenceFold<'t> {
    fn new(text: &'t str, span: Span, part: usize) -> SentenceFold<'t> {
        // A span of `part` bytes or less is the one part `fold_parts` makes of it.
        let whole = (span.len() <= part).then(|| fold_parts(text, span, part, 0).next()).flatten();
        SentenceFold { text, span, part, whole }
    }

    /// The first occurrence as a word (`find_word`) of each of `words` (folded), and
    /// where it is, from the start of the span; each part is searched only for the words
    /// not found yet. `present`, an automaton over `words` in order, tells which of them a
    /// part holds at all (a cheap pass before a search per word).
    fn first_words(&self, words: &[impl AsRef<str>], present: Option<&AhoCorasick>) -> Vec<Option<WordAt>> {
        let mut out: Vec<Option<WordAt>> = vec![None; words.len()];
        let mut here = vec![true; words.len()];
        let mut search = |part: &FoldPart, out: &mut Vec<Option<WordAt>>| {
            let FoldPart { start, folded, stop } = part;
            let f = folded.text.as_str();
            if let Some(ac) = present {
                here.iter_mut().for_each(|h| *h = false);
                for m in ac.find_overlapping_iter(f) {
                    if let Some(h) = here.get_mut(m.pattern().as_usize()) {
                        *h = true;
                    }
                }
            }
            for ((word, slot), _) in words.iter().zip(out.iter_mut()).zip(&here).filter(|(_, &h)| h) {
                let word = word.as_ref();
                if slot.is_some() {
                    continue;
                }
                // A match from `stop` on is the next part's (its start is past a space).
                let Some(at) = find_word(f, word).filter(|at| at < stop) else { continue };
                let Some(origin) = folded.origin(at) else { continue };
                let rest = f.get(at + word.len()..).unwrap_or("");
                let after = rest.get(..AFTER.min(rest.len())).unwrap_or(rest).to_string();
                *slot = Some(WordAt { at: start + origin - self.span.start, after });
            }
        };
        match &self.whole {
            Some(part) => search(part, &mut out),
            None => {
                let longest = words.iter().map(|w| w.as_ref().len()).max().unwrap_or(0) + AFTER;
                for part in fold_parts(self.text, self.span, self.part, longest) {
                    search(&part, &mut out);
                    if out.iter().all(Option::is_some) {
                        break;
                    }
                }
            }
        }
        out
    }
}

/// The (sentence, event) pairs already named, to skip finding them again another way.
fn named_events(out: &[EventMention]) -> std::collections::BTreeSet<(usize, EventId)> {
    out.iter()
        .filter_map(|m| match m.target {
            MentionTarget::Known(e) => Some((m.sentence, e)),
            MentionTarget::Unknown(_) => None,
        })
        .collect()
}

/// "the Russo-China War", "the Treaty of Peking": a capitalised event name the rules do not
/// know. Its narrow twin (`Twin`) serves nearly every sentence.
static UNKNOWN: LazyLock<Twin> = LazyLock::new(|| Twin::new(&format!(r"(?-u:\b){UNKNOWN_NAME}(?-u:\b)")));

/// `UNKNOWN` without its word boundaries, for a whole text: a match of `UNKNOWN` in a
/// sentence is text this matches too, so a search of the text for this reports a match
/// that overlaps its start (the search, going left to right, cannot pass that start without
/// finding a match there or one that runs over it). The sentences those overlap are the
/// only ones `UNKNOWN` needs to be tried in.
static UNKNOWN_ANYWHERE: LazyLock<Twin> = LazyLock::new(|| Twin::new(UNKNOWN_NAME));

/// "the Russo-China War", "the Treaty of Peking": a capitalised event name (group 1).
const UNKNOWN_NAME: &str = concat!(
    r"[Tt]he\s+((?:[A-Z][\p{L}'’]*(?:[-–][A-Z][\p{L}'’]*)*\s+){1,3}",
    r"(?:War|Rebellion|Incident|Revolution|Uprising|Intervention|Mutiny|Conference|Massacre|Affair|Crisis|Expedition)",
    r"|(?:Treaty|Battle|Siege|Convention|Revolution|Massacre|Peace)\s+of\s+(?:the\s+)?[A-Z][\p{L}'’]*(?:-[\p{L}'’]+)*(?:[ ][A-Z][\p{L}'’]*(?:-[\p{L}'’]+)*){0,2})",
);

/// The name (group 1) in a match of `UNKNOWN_NAME`: what follows "the" and the white space
/// after it, to the match's end. The name opens with a capital, so the white space ends
/// where it starts (`\s` and `char::is_whitespace` are both Unicode's White_Space). Found
/// this way, a match needs only the regex's search; asking it for the group ran its
/// slower engine for groups over each match: two fifths of the search's cost (callgrind
/// over the 49 MB sample, 17.5 M instructions against 10.5 M).
fn unknown_name(matched: &str) -> Option<&str> {
    let after_the = matched.get(3..)?;
    Some(after_the.trim_start()).filter(|name| name.len() < after_the.len() && !name.is_empty())
}

/// Modifiers that make a name generic, not a specific event ("the Great War", "the Cold War",
/// "the Social Revolution").
const GENERIC: &[&str] = &[
    "First",
    "Second",
    "Third",
    "Fourth",
    "Great",
    "World",
    "Cold",
    "Civil",
    "Last",
    "Next",
    "Same",
    "Other",
    "Holy",
    "Late",
    "Recent",
    "Present",
    "Big",
    "This",
    "That",
    "Our",
    "Their",
    "His",
    "New",
    "Old",
    "Whole",
    "Long",
    "Russian",
    "Japanese",
    "Chinese",
    "French",
    "British",
    "Korean",
    "American",
    "German",
    "European",
    "Turkish",
    "Social",
    "Proletarian",
    "Political",
    "Workers’",
    "Workers'",
    "People’s",
    "People's",
    "Party",
    "General",
    "Peace",
    "Extraordinary",
    "Communist",
    "Left",
    "Revolutionary",
    "Socialist",
    "Economic",
    "Peasant",
    "International",
    "Constitutional",
    "Constitution",
    "National",
    "Allied",
];

/// What follows "Treaty of" in a name that is a kind of treaty, not a place ("the Treaty of Peace").
const GENERIC_OF: &[&str] =
    &["Peace", "Commerce", "Alliance", "Friendship", "Amity", "Navigation", "Sea", "Union"];

/// The search of `capital_words`: `HEAD_WORDS` (every match of `UNKNOWN` holds one: a
/// block without one holds no match), then `text::THREAD_MARKS`. No two head words
/// overlap, nor a head word and a mark, so a leftmost search finds every occurrence of
/// each head word and every mark the regexes need.
static CAPITAL_SEARCH: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| leftmost(HEAD_WORDS.iter().chain(&crate::text::THREAD_MARKS)));

const HEAD_WORDS: [&str; 17] = [
    "War",
    "Rebellion",
    "Incident",
    "Revolution",
    "Uprising",
    "Intervention",
    "Mutiny",
    "Conference",
    "Massacre",
    "Affair",
    "Crisis",
    "Expedition",
    "Treaty",
    "Battle",
    "Siege",
    "Convention",
    "Peace",
];

/// Spans sorted by start with the running maximum of their ends: whether any overlaps a
/// span is one binary search.
struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(mut spans: Vec<Span>) -> SpanSet {
        spans.sort_by_key(|s| s.start);
        let mut max = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                max = max.max(s.end);
                max
            })
            .collect();
        SpanSet { starts: spans.iter().map(|s| s.start).collect(), max_end }
    }

    fn overlaps(&self, span: Span) -> bool {
        let before = self.starts.partition_point(|&s| s < span.end);
        before > 0 && self.max_end.get(before - 1).is_some_and(|&e| e > span.start)
    }
}

/// The unknown event names of `unknown` that no mention already in `out` (a known
/// event's) overlaps.
fn find_unknown(sentences: &[Sentence], out: &mut Vec<EventMention>, unknown: &UnknownNames<'_>) {
    let known = SpanSet::new(out.iter().map(|m| m.span).collect());
    for (s, sentence) in sentences.iter().enumerate() {
        for &(at, name) in unknown.0.get(s).into_iter().flatten() {
            let span = at.shift(sentence.span.start);
            if known.overlaps(span) {
                continue;
            }
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(EventMention {
                span,
                target: MentionTarget::Unknown(format!("the {name}")),
                via: MatchKind::Name,
                sentence: s,
            });
        }
    }
}

/// Per sentence, the names `unknown-event` may report there: the `unknown_candidates` of
/// the sentences a name of `heads` (`unknown_heads`) touches, where each is in its sentence,
/// and the name without its "the". Whether a known mention overlaps one is asked later
/// (`find_unknown`), once the sentence's mentions are known: a sentence holding none of
/// these reports no unknown name whatever its mentions, and is not matched for them.
#[derive(Debug, Default)]
pub struct UnknownNames<'t>(Vec<Vec<(Span, &'t str)>>);

impl<'t> UnknownNames<'t> {
    pub fn new(text: &'t str, sentences: &[Sentence], heads: &[Span]) -> UnknownNames<'t> {
        let touched = crate::text::touched(sentences, heads.iter().map(|h| (h.start, h.end)));
        UnknownNames(
            sentences
                .iter()
                .zip(touched)
                .map(|(s, t)| if t { unknown_candidates(s.span.slice(text)) } else { Vec::new() })
                .collect(),
        )
    }

    /// Whether sentence `s` holds a name that may be reported.
    pub fn in_sentence(&self, s: usize) -> bool {
        self.0.get(s).is_some_and(|names| !names.is_empty())
    }
}

/// The names of unknown events in sentence `body` (`UNKNOWN`), where each is and the
/// name without its "the", that are no generic name ("the Great War", "the Treaty of
/// Peace") and are not in a heading in title case: what `find_unknown` reports of the
/// sentence, less those a known mention overlaps.
fn unknown_candidates(body: &str) -> Vec<(Span, &str)> {
    let mut out = Vec::new();
    // Whether the sentence is a title-case heading: one count of its words, made when
    // the first name needs it (not once per name: a long sentence of names was
    // quadratic).
    let mut title_case: Option<bool> = None;
    for m in UNKNOWN.on(body).find_iter(body) {
        let Some(name) = unknown_name(m.as_str()) else { continue };
        let words: Vec<&str> = name.split_whitespace().collect();
        let head_pos = words.len().saturating_sub(1);
        let is_of = words.contains(&"of");
        if !is_of && words.iter().take(head_pos).all(|w| GENERIC.contains(w)) {
            continue;
        }
        let of_what = words.iter().skip_while(|w| **w != "of").nth(1).copied().unwrap_or("");
        let of_what = if of_what == "the" {
            words.iter().skip_while(|w| **w != "of").nth(2).copied().unwrap_or("")
        } else {
            of_what
        };
        if is_of && GENERIC_OF.contains(&of_what) {
            continue;
        }
        // Title-case headings capitalise every word: not evidence of a proper name.
        if *title_case.get_or_insert_with(|| {
            let (caps, words) = body.split_whitespace().fold((0, 0), |(caps, words), w| {
                (caps + usize::from(w.starts_with(char::is_uppercase)), words + 1)
            });
            caps * 10 > words * 7 && words > 4
        }) {
            continue;
        }
        out.push((Span::new(m.end() - name.len(), m.end()), name));
    }
    out
}

crate::warm_up!(
    PLACE_NAME,
    ANAPHOR,
    ANAPHOR_ANYWHERE,
    ANAPHOR_NOUNS,
    DATED_HEAD,
    LOWER_SEARCH,
    LOWER_FINDERS,
    UNKNOWN,
    UNKNOWN_ANYWHERE,
    CAPITAL_SEARCH
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Event, Origin};

    fn book() -> RuleBook {
        let ev = |id: &str, name: &str, aliases: &[&str]| Event {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            descriptions: Vec::new(),
            kind: String::new(),
            dates: Vec::new(),
            origin: Origin::default(),
        };
        RuleBook {
            events: vec![
                ev("russo-japanese-war", "the Russo-Japanese War", &[]),
                ev("otsu-incident", "the Ōtsu incident", &[]),
            ],
            ..RuleBook::default()
        }
    }

    /// The descriptions `groups` finds in `text`, as (words, sentence).
    fn described<'t>(text: &'t str, groups: &[&[&str]]) -> Vec<(&'t str, usize)> {
        let mut rules = book();
        if let Some(e) = rules.events.first_mut() {
            e.descriptions = vec![crate::rules::Description {
                all_of: groups.iter().map(|g| g.iter().map(|w| w.to_string()).collect()).collect(),
            }];
        }
        let matcher = Matcher::new(&rules);
        let sentences = crate::text::segment(text);
        matcher
            .find(text, &sentences)
            .iter()
            .filter(|m| m.via == MatchKind::Description)
            .map(|m| (m.span.slice(text), m.sentence))
            .collect()
    }

    /// A word is found where it stands alone, past an occurrence inside a longer word,
    /// also when it starts with a character beyond ASCII (the search once stopped there:
    /// it went on from the byte after that character's first).
    #[test]
    fn a_word_is_found_past_its_occurrence_inside_another() {
        assert_eq!(find_word("xōtsu ōtsu", "ōtsu"), Some(7));
        assert_eq!(find_word("sport port", "port"), Some(6));
        assert_eq!(find_word("ōtsux", "ōtsu"), None);
        assert_eq!(find_word("ōtsu", "ōtsu"), Some(0));
    }

    /// A description's span is the tightest run of the sentence that holds a word of each
    /// group, the first of equally tight ones (Tyler: "the Dual Alliance, and of Great
    /// Britain to Japan under the Treaty of Alliance concluded in 1901").
    #[test]
    fn a_description_spans_the_tightest_run_of_its_words() {
        let besieged: &[&[&str]] = &[&["Port Arthur"], &["besieged", "siege"]];
        let text = "Port Arthur was quiet while Dalny fell; the siege of Port Arthur began.\nPort Arthur was besieged, and Port Arthur was besieged.";
        assert_eq!(described(text, besieged), [("siege of Port Arthur", 0), ("Port Arthur was besieged", 1)]);
        let alliance: &[&[&str]] = &[&["alliance"], &["Britain"], &["Japan"], &["concluded"]];
        let tyler = "The obligations of France to Russia under the terms of the Dual Alliance, and of Great \
                     Britain to Japan under the Treaty of Alliance concluded in 1901, made it difficult.";
        assert_eq!(
            described(tyler, alliance),
            [("Britain to Japan under the Treaty of Alliance concluded", 0)]
        );
    }

    /// A people named right before a description's word makes the deed theirs, unless
    /// they are a word of the description or the word is a verb in the past, whose subject
    /// they are (Putnam Weale: "from the British declaration of war on Germany to the
    /// Japanese ultimatum" is not Japan's declaration of war).
    #[test]
    fn a_deed_another_people_is_named_with_is_theirs() {
        let entry: &[&[&str]] =
            &[&["Japan", "Japanese"], &["declaration of war"], &["Germany", "British side"]];
        assert_eq!(
            described("From the British declaration of war on Germany to the Japanese ultimatum.", entry),
            []
        );
        assert_eq!(
            described("The Japanese declaration of war on Germany came late.", entry),
            [("Japanese declaration of war on Germany", 0)]
        );
        let besieged: &[&[&str]] = &[&["Port Arthur"], &["besieged"]];
        assert_eq!(described("The Japanese besieged Port Arthur.", besieged), [("besieged Port Arthur", 0)]);
    }

    /// The names (group 1) and matches `UNKNOWN` and `UNKNOWN_ANYWHERE` find in `text`:
    /// with the regex `Twin::on` picks, or with the one for any text.
    fn unknown_names(text: &str, picked: bool) -> Vec<Vec<Option<(usize, usize)>>> {
        [&*UNKNOWN, &*UNKNOWN_ANYWHERE]
            .iter()
            .map(|twin| {
                let re = if picked { twin.on(text) } else { twin.full() };
                re.captures_iter(text).map(|c| c.get(1).map(|m| (m.start(), m.end()))).collect()
            })
            .collect()
    }

    /// `unknown_name` cuts from each match the name the regex's group gives, on every
    /// sentence of the real texts that holds a match and on names with every kind of space.
    #[test]
    fn unknown_names_from_matches_are_the_regexs_group() {
        let mut texts: Vec<String> = Vec::new();
        for (_, text) in crate::realtext_books() {
            texts.extend(
                text.split(['.', '!', '?']).filter(|s| UNKNOWN.full().is_match(s)).map(str::to_string),
            );
        }
        assert!(texts.len() > 100, "only {} sentences with a name", texts.len());
        for space in [" ", "\t", "\n", "\r\n", "\u{a0}", "  \u{2003}"] {
            texts.push(format!("In the{space}Boxer War and The{space}Treaty of{space}Peking."));
        }
        for text in &texts {
            for twin in [&*UNKNOWN, &*UNKNOWN_ANYWHERE] {
                let re = twin.full();
                let by_group: Vec<_> = re.captures_iter(text).map(|c| c.get(1).map(|m| m.as_str())).collect();
                let by_cut: Vec<_> = re.find_iter(text).map(|m| unknown_name(m.as_str())).collect();
                assert_eq!(by_cut, by_group, "{text:?}");
            }
        }
    }

    #[test]
    fn unknown_twins_agree_on_names_with_every_kind_of_space() {
        let names =
            ["Boxer War", "Russo-China War", "O'Neil Affair", "Treaty of Peking", "Peace of the Pruth"];
        let spaces = [" ", "\t", "\n", "\x0B", "\x0C", "\r", "\r\n", "\u{a0}"];
        for (name, space) in names.iter().flat_map(|n| spaces.iter().map(move |s| (n, s))) {
            let text = format!("In the{space}{} began.", name.replace(' ', space));
            let found = unknown_names(&text, true);
            assert_eq!(found, unknown_names(&text, false), "{text:?}");
            // Not two misses: every one of these spaces joins a name.
            assert!(found.iter().all(|f| f.len() == 1), "{text:?}: {found:?}");
        }
    }

    #[test]
    fn anniversary_words_keep_years_ago_and_drop_other_agos() {
        let text = "Two years ago, Chicago; long ago; three CENTURIES\u{a0}ago; decades\tago; the agony; its centenary and anniversary.";
        let lower = text.to_ascii_lowercase();
        let found: Vec<&str> =
            anniversary_phrases(&lower, &anniversary_words(&lower)).iter().map(|s| s.slice(text)).collect();
        assert_eq!(found, ["ago", "ago", "ago", "centen", "anniver"]);
        let starts: Vec<usize> =
            anniversary_phrases(&lower, &anniversary_words(&lower)).iter().map(|s| s.start).collect();
        assert_eq!(starts.first(), text.find("ago").as_ref());
    }

    /// The matches of `phrases` in `text` as original spans (set, span, pattern): folded
    /// in parts of `part` bytes (`fold_parts`), or whole (`None`).
    fn phrase_hits(phrases: &Phrases, text: &str, part: Option<usize>) -> Vec<(usize, Span, usize)> {
        let range = Span::new(0, text.len());
        let mut out = Vec::new();
        let mut scan = phrases.scan();
        let parts: Vec<FoldPart> = match part {
            Some(p) => fold_parts(text, range, p, phrases.longest()).collect(),
            None => {
                let folded = fold(text);
                let stop = folded.text.len();
                vec![FoldPart { start: 0, folded, stop }]
            }
        };
        for FoldPart { start, folded, stop } in parts {
            let at = |i: usize| folded.origin(i).map_or(range.end, |o| start + o);
            phrases.for_each_until(&folded.text, stop, &mut scan, |m| {
                out.push((m.set, Span::new(at(m.start), at(m.end)), m.pattern));
            });
        }
        out
    }

    fn test_phrases() -> Phrases {
        let names =
            ["port arthur", "russo japanese war", "treaty of portsmouth", "war", "arthur", "war a", "a war"];
        let words = ["port", "siege", "of portsmouth", "portsmouth siege", "a war", "a"];
        Phrases::new(&[&names[..], &words[..]]).expect("patterns")
    }

    /// A part may not start inside a run of spaces: folded alone it would start with a
    /// space the whole range folds away, and "war a" running over the cut would no longer
    /// hold "a war" back.
    #[test]
    fn parts_start_at_a_word() {
        let phrases = test_phrases();
        for text in ["war  a war", "war \u{a0} a war", "war - a war"] {
            let whole = phrase_hits(&phrases, text, None);
            for part in 1..text.len() {
                assert_eq!(phrase_hits(&phrases, text, Some(part)), whole, "{text:?}, parts of {part}");
            }
        }
    }

    proptest::proptest! {
        /// Folded a part at a time, a range gives the matches it gives folded whole: the
        /// parts start where folding alone changes nothing, each is read past its end as
        /// far as a pattern reaches, and a match running over a part's end holds its set
        /// back in the next part.
        #[test]
        fn folding_in_parts_finds_what_folding_whole_does(
            text in "(?s)(?:port |arthur |Port  Arthur |russo-japanese |war |treaty |of |portsmouth |siege |a |x|é|“|\u{1}|-|  | \n|Ō){0,60}",
            part in 1usize..40,
        ) {
            let phrases = test_phrases();
            let whole = phrase_hits(&phrases, &text, None);
            proptest::prop_assert_eq!(phrase_hits(&phrases, &text, Some(part)), whole.clone());
            proptest::prop_assert_eq!(phrase_hits(&phrases, &text, Some(usize::MAX)), whole);
        }

        /// Searched a part at a time, a sentence gives each word's first occurrence, and
        /// what follows it, as the whole folded sentence does (the search as first
        /// written: `find_word` over `fold`), with or without the automaton that tells
        /// which words a part holds.
        #[test]
        fn first_words_in_parts_are_those_of_the_whole(
            text in "(?s)(?:port |arthur |Port  Arthur |fell |fell upon |fell on |Fell|on |x|é|“|\u{1}|-|  | \n|Ō){0,60}",
            part in 1usize..40,
        ) {
            let words = ["port arthur", "arthur", "fell", "fell on", "on", "x"];
            let folded = fold(&text);
            let whole: Vec<Option<WordAt>> = words
                .iter()
                .map(|w| {
                    let at = find_word(&folded.text, w)?;
                    let rest = folded.text.get(at + w.len()..).unwrap_or("");
                    Some(WordAt { at: folded.origin(at)?, after: rest.chars().take(AFTER).collect() })
                })
                .collect();
            let ac = AhoCorasick::new(words).expect("automaton");
            // The sentence after another, so offsets are counted from its start.
            let before = "Ō said “so. ";
            let all = format!("{before}{text}");
            let span = Span::new(before.len(), all.len());
            for present in [None, Some(&ac)] {
                for size in [part, FOLD_PART] {
                    let folding = SentenceFold::new(&all, span, size);
                    proptest::prop_assert_eq!(&folding.first_words(&words, present), &whole);
                    // A second search over the same folding finds the same.
                    proptest::prop_assert_eq!(&folding.first_words(&words, present), &whole);
                }
            }
        }

        /// The regex `Twin::on` picks finds what the one for any text finds, in text of
        /// these words and white space of every kind, ASCII or not.
        #[test]
        fn unknown_twins_find_the_same(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(&["The", "the", "Great", "Boxer", "Russo-China", "Ōtsu", "O'Neil", "war", "War", "Treaty", "of", "Peace", "Peking", "x", "."][..]),
                    proptest::sample::select(&[" ", " ", "\t", "\n", "\x0B", "\x0C", "\r", "\u{a0}", "\u{2003}", ""][..]),
                ),
                0..12,
            ),
        ) {
            let text: String = parts.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
            proptest::prop_assert_eq!(unknown_names(&text, true), unknown_names(&text, false));
        }

        /// The one search for head words and thread marks finds, for each, what a search
        /// for it alone does; and `is_thread_at`, given what the searches found, says what
        /// `is_thread` says.
        #[test]
        fn thread_marks_found_with_other_words_decide_as_is_thread(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "WI:", "WI", "POD", "PoD", "PoDs", "PoDsx", "xPOD", "ATL", "ATLANTIC", "OTL", "IOTL", "ITTL",
                    "alternate history", "Alternate\nHistory", "alternate  history", "alternatehistory",
                    "alternate histories", "alternate", " history", "War", "Warsaw", "Treaty", "Peace", "Incident",
                    "the", "I", "O", "_", "9", "é", " ", "\n", ".", ":",
                ][..]),
                0..20,
            ),
        ) {
            let text = pieces.concat();
            let lower = text.to_ascii_lowercase();
            let capitals = capital_words(&text);
            let alone = |words: &[&str]| -> Vec<Span> {
                leftmost(words).map_or(Vec::new(), |ac| ac.find_iter(&text).map(|m| Span::new(m.start(), m.end())).collect())
            };
            proptest::prop_assert_eq!(&capitals.heads, &alone(&HEAD_WORDS));
            let marks: Vec<usize> = alone(&crate::text::THREAD_MARKS).iter().map(|s| s.start).collect();
            proptest::prop_assert_eq!(&capitals.thread_marks, &marks);
            let words = lower_words(&lower).alternate;
            proptest::prop_assert_eq!(
                crate::text::is_thread_at(&text, &lower, &capitals.thread_marks, &words),
                crate::text::is_thread(&text, Some(&lower))
            );
        }

        /// The stretches `unknown_heads` searches find what a search of each block finds.
        #[test]
        fn unknown_heads_are_the_matches_of_a_search_of_each_block(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "the ", "The ", "the Russo-China War", "the Russo–Japanese War", "The O'Neil Affair",
                    "the Boxer’s Rebellion", "the Treaty of Peking", "the Treaty of Shimonoseki-Bakan", "the\u{a0}Great War",
                    "the\u{2003}Boxer\tWar", "Great ", "great ", "Russo", "-", "–", "China", "War", "Warsaw", "Revolution",
                    "Treaty", " of", "Peace", "Boxer", "Ōtsu", "O'", "’", "1905", ".", ",", ";", "(", "\n", " ", "\t", "'",
                    "\u{a0}", "\n\n", "x",
                ][..]),
                0..24,
            ),
        ) {
            let text = pieces.concat();
            let whole = [Span::new(0, text.len())];
            let blocks = crate::text::segment_hot(&text, None, &whole, crate::text::is_thread(&text, None)).blocks;
            let words = unknown_head_words(&text);
            let mut expected = Vec::new();
            for b in &blocks {
                let holds_a_head = name_heads(text.as_bytes(), &words).any(|h| b.start <= h.start && h.start < b.end);
                if holds_a_head {
                    let block = b.slice(&text);
                    expected.extend(UNKNOWN_ANYWHERE.full().find_iter(block).map(|m| Span::new(m.start(), m.end()).shift(b.start)));
                }
            }
            proptest::prop_assert_eq!(unknown_heads(&text, &words, &blocks), expected);
        }

        /// Every sentence in which `UNKNOWN` matches overlaps a span of `unknown_heads`.
        #[test]
        fn unknown_heads_touch_every_sentence_with_an_unknown_name(
            text in "(?s)(?:the |The |Great |great |Russo-|China|War|Revolution|Treaty|of|Peace|Boxer|Ōtsu|1905|[.,\n '’–-]|\u{a0}|x){0,40}",
        ) {
            let sentences = crate::text::segment(&text);
            // Every block of the text, as the per-document stage has them when all are hot.
            let whole = [Span::new(0, text.len())];
            let blocks = crate::text::segment_hot(&text, None, &whole, crate::text::is_thread(&text, None)).blocks;
            let heads = unknown_heads(&text, &unknown_head_words(&text), &blocks);
            for s in &sentences {
                if UNKNOWN.full().is_match(s.span.slice(&text)) {
                    proptest::prop_assert!(
                        heads.iter().any(|h| h.start < s.span.end && s.span.start < h.end),
                        "{:?} not touched by {:?}", s.span.slice(&text), heads
                    );
                }
            }
        }

        /// The one search for the anniversary words and "alternate" finds what a search
        /// per word does.
        #[test]
        fn anniversary_words_in_one_search_are_those_of_one_per_word(
            text in "(?:anniver|anniversary|centen|ago|agago|chicago|alternate|alternago|altern|ate|a|c|x|n|\\n| |é|\\[/quote|\\[/quot|</blockquote|click to expand|click to|clago){0,60}",
        ) {
            let one_by_one = lower_words_one_by_one(&text);
            let (anniversary, others): (Vec<_>, Vec<_>) = one_by_one.iter().partition(|(k, _)| *k < ANNIVERSARY.len());
            let (alternate, markup): (Vec<_>, Vec<_>) = others.iter().partition(|(k, _)| *k == ANNIVERSARY.len());
            let found = lower_words(&text);
            proptest::prop_assert_eq!(&found.anniversary, &anniversary.iter().map(|(_, s)| *s).collect::<Vec<_>>());
            proptest::prop_assert_eq!(&found.alternate, &alternate.iter().map(|(_, s)| s.start).collect::<Vec<_>>());
            proptest::prop_assert_eq!(found.quote_markup, !markup.is_empty());
            proptest::prop_assert!(LOWER_SEARCH.is_some(), "no Teddy on this CPU: the test compares nothing");
        }

        /// Every sentence in which the anniversary check's phrase matches holds a span of
        /// `anniversary_phrases`.
        #[test]
        fn anniversary_words_touch_every_sentence_with_a_phrase(
            text in "(?s)(?:(?:two|110|some|long|x) (?:years|YEARS|decades|centuries|century|year|x)(?: |\u{a0}|\t|\n|x)(?:ago|Chicago|agony)|the 110th anniversary|centenary|x|[.,\n ]){0,12}",
        ) {
            let sentences = crate::text::segment(&text);
            let lower = text.to_ascii_lowercase();
            let found = anniversary_phrases(&lower, &anniversary_words(&lower));
            for s in &sentences {
                if crate::checks::anniversary_arithmetic::has_phrase(s.span.slice(&text)) {
                    proptest::prop_assert!(
                        found.iter().any(|h| s.span.start <= h.start && h.end <= s.span.end),
                        "{:?} holds none of {:?}", s.span.slice(&text), found
                    );
                }
            }
        }

        /// Two texts with the same words, each word in either case, with other bytes
        /// between them (a copy of a sentence, as `text::normalized_words` tells one): a
        /// word of the first that holds a phrase's "ago" holds one of `anniversary_kin`
        /// in the second.
        #[test]
        fn a_copy_of_a_phrase_holds_its_kin(
            words in proptest::collection::vec(
                "(?:two|10|years|decades|centuries|century|xyears|ago|agony|chicago|yearsĕago|x|é)", 1..10),
            firsts in proptest::collection::vec("(?: |\\n|\u{a0}|\t| \\(|-|_|—|, |\\.\\.\\. )", 10),
            seconds in proptest::collection::vec("(?: |\\n|\u{a0}|\t| \\(|-|_|—|, |\\.\\.\\. )", 10),
            upper in proptest::collection::vec(proptest::bool::ANY, 20),
        ) {
            // The text, lowercased as `extract` searches it, and the byte range of each word.
            let build = |seps: &[String], upper: &[bool]| {
                let (mut text, mut at) = (String::new(), Vec::new());
                for (k, w) in words.iter().enumerate() {
                    if k > 0 {
                        text.push_str(seps.get(k).map_or(" ", String::as_str));
                    }
                    let start = text.len();
                    text.push_str(&if upper.get(k).copied().unwrap_or(false) { w.to_uppercase() } else { w.clone() });
                    at.push(start..text.len());
                }
                (text.to_ascii_lowercase(), at)
            };
            let (first, first_at) = build(&firsts, &upper);
            let (second, second_at) = build(&seconds, upper.get(10..).unwrap_or_default());
            proptest::prop_assert_eq!(crate::text::normalized_words(&first), crate::text::normalized_words(&second));
            let phrases = anniversary_phrases(&first, &anniversary_words(&first));
            let kin = anniversary_kin(&second, &anniversary_words(&second));
            for p in &phrases {
                let k = first_at.iter().position(|r| r.start <= p.start && p.end <= r.end);
                let word = k.and_then(|k| second_at.get(k));
                proptest::prop_assert!(
                    word.is_some_and(|r| kin.iter().any(|h| r.start <= h.start && h.end <= r.end)),
                    "{:?} has a phrase at {:?}; {:?} has no kin in that word: {:?}", first, p, second, kin
                );
            }
        }
    }

    /// `fold` as first written, char by char: the fast one must agree with it.
    fn fold_reference(text: &str) -> (String, Vec<usize>) {
        let mut out = Vec::new();
        let mut origin = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let (f, len) = fold_at(text, i);
            if push_folded(&mut out, f) {
                origin.push(i);
            }
            i += len;
        }
        origin.push(text.len());
        (String::from_utf8(out).unwrap_or_default(), origin)
    }

    proptest::proptest! {
        #[test]
        fn fold_agrees_with_the_byte_by_byte_reference(text in "[a-zA-Z0-9 .,\t\n\r\x00\x0b\x7f'’–—ŌōéЖ日-]{0,80}") {
            let f = fold(&text);
            let origin: Vec<usize> = (0..=f.text.len()).filter_map(|i| f.origin(i)).collect();
            proptest::prop_assert_eq!(f.origin(f.text.len() + 1), None);
            proptest::prop_assert_eq!((f.text, origin), fold_reference(&text));
        }
    }

    /// A rule book of named events of several kinds, for the names `unknown-event` may
    /// report. (It lacks the Crimean and Franco-Prussian Wars, which the shipped rules know.)
    fn named_book() -> RuleBook {
        let ev = |id: &str, name: &str, kind: &str| Event {
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            descriptions: Vec::new(),
            kind: kind.into(),
            dates: Vec::new(),
            origin: Origin::default(),
        };
        RuleBook {
            events: vec![
                ev("russo-japanese-war", "the Russo-Japanese War", "war"),
                ev("first-sino-japanese-war", "the First Sino-Japanese War", "war"),
                ev("taiping-rebellion", "the Taiping Rebellion", "rebellion"),
                ev("treaty-of-peking", "the Treaty of Peking", "treaty"),
                ev("battle-of-the-yalu", "the Battle of the Yalu", "battle"),
                ev("tientsin-massacre", "the Tientsin Massacre", "massacre"),
            ],
            ..RuleBook::default()
        }
    }

    /// The head words `name_heads_to_read` keeps in `text` for `rules`.
    fn heads_to_read(text: &str, rules: &RuleBook) -> Vec<Span> {
        let words = unknown_head_words(text);
        let unknown = |w: &str| crate::checks::unknown_event::brings_an_unknown_word(rules, w);
        name_heads_to_read(text.as_bytes(), &words, unknown).copied().collect()
    }

    #[test]
    fn a_head_word_is_read_unless_every_name_through_it_brings_a_word_no_event_has() {
        let rules = named_book();
        let read = |text: &str| -> Vec<String> {
            heads_to_read(text, &rules).iter().map(|h| h.slice(text).to_string()).collect()
        };
        // Names whose words the reference knows, or spells alike (Taeping, Taiping).
        assert_eq!(read("in the Russo-China War"), ["War"]);
        assert_eq!(read("the Taeping Rebellion spread"), ["Rebellion"]);
        assert_eq!(read("under the Treaty of Pekin, and"), ["Treaty"]);
        assert_eq!(read("at the Battle of the Yalu."), ["Battle"]);
        // A word no event's name holds: no such name is reported.
        assert!(read("the Crimean War").is_empty());
        assert!(read("the Franco-Prussian War").is_empty());
        assert!(read("the Treaty of San Stefano").is_empty());
        assert!(read("the Battle of Hastings").is_empty());
        // A generic word alone says nothing either way; the head is read.
        assert_eq!(read("The Great War"), ["War"]);
        // Where a character beyond ASCII stands in the word or the space, it is read.
        assert_eq!(read("the Crimé War"), ["War"]);
        assert_eq!(read("the Crimean\u{a0}War"), ["War"]);
        assert_eq!(read("the Treaty of\u{a0}Hastings"), ["Treaty"]);
        assert_eq!(read("the Battle of Hastingsé"), ["Battle"]);
        // The word after "of" counts from its capital, "the" passed over.
        assert!(read("the Battle of the Somme").is_empty());
        assert_eq!(read("the Battle of the Yalu-Hastings"), ["Battle"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        /// Every name `unknown-event` may report (one it can suggest a known event for)
        /// holds a head word `name_heads_to_read` keeps: the blocks it leaves whole hold no
        /// name the check reports. The sentences are those of the whole text, as the slow
        /// path splits it.
        #[test]
        fn every_name_unknown_event_may_report_holds_a_head_word_that_is_read(
            chunks in proptest::collection::vec(
                (
                    proptest::sample::select(&["the ", "The ", "", "x ", "the\u{a0}", ". The ", "\n\nthe "][..]),
                    proptest::collection::vec(
                        proptest::sample::select(&[
                            "Russo-China", "Russo–China", "Russo", "China", "Crimean", "Franco-Prussian", "Taeping",
                            "Boxer's", "Peking", "Yalu", "Hastings", "San", "Tientsin", "Great", "War", "Crimé",
                            "Pekin'", "the", "of", "Somme-Yalu", "Yalu-Somme", "Tientsin's",
                        ][..]),
                        0..4,
                    ),
                    proptest::sample::select(&[" ", " ", "  ", "\u{a0}", "\u{2003}", "\n", "-", ""][..]),
                    proptest::sample::select(&[
                        "War", "Rebellion", "Massacre", "Treaty", "Battle", "Revolution", "Incident", "Peace",
                    ][..]),
                    proptest::sample::select(&[
                        "", " of ", " of the ", " of\u{a0}", "\nof ", " of the\u{a0}", " of  ", " of The ",
                    ][..]),
                    proptest::sample::select(&[
                        "", "Peking", "Pekin", "Yalu", "Hastings", "San Stefano", "Somme", "Tientsin", "Hastingsé",
                        "Yalu1", "Yalu_", "Yalu-Hastings", "Yalu--Hastings", "Yalu'-Hastings", "Hastings-Yalu", "Yalu's", "Crimé", "Taeping", "the",
                    ][..]),
                    proptest::sample::select(&[".", ",", " ", " and ", ". ", "\n", "’s ", "'", ""][..]),
                ),
                1..6,
            ),
        ) {
            let mut text = String::new();
            for (lead, modifiers, gap, head, of, place, tail) in &chunks {
                text.push_str(lead);
                text.push_str(&modifiers.join(" "));
                text.push_str(gap);
                text.push_str(head);
                text.push_str(of);
                text.push_str(place);
                text.push_str(tail);
            }
            let rules = named_book();
            let read = heads_to_read(&text, &rules);
            let sentences = crate::text::segment(&text);
            let none = std::collections::BTreeSet::new();
            for m in Matcher::new(&rules).find(&text, &sentences) {
                let MentionTarget::Unknown(name) = &m.target else { continue };
                if crate::checks::unknown_event::suggest(&rules, name, (None, None), &none).is_empty() {
                    continue;
                }
                proptest::prop_assert!(
                    read.iter().any(|h| m.span.start <= h.start && h.end <= m.span.end),
                    "{name} in {text:?}: no head word read in it ({read:?})"
                );
            }
        }
    }

    /// The words of `text` as the matcher sees them: runs of word bytes of its folding.
    fn folded_words(text: &str) -> Vec<String> {
        fold(text)
            .text
            .split(|c: char| !is_word_byte(c as u8))
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn words_are_alike_unless_a_mark_folds_into_a_word() {
        for text in ["The Meiji Restoration.", "the “Meiji” Restoration–era", "Ōtsu’s café", "Москва 1904"]
        {
            assert!(words_alike(text), "{text}");
        }
        for text in ["Meiji\u{1}Restoration", "Meiji•Restoration", "a © b"] {
            assert!(!words_alike(text), "{text}");
        }
    }

    proptest::proptest! {
        /// Two texts of the same words in either case with any marks between them are
        /// copies to the repeat key; where both are `words_alike`, the matcher sees the
        /// same words in both.
        #[test]
        fn copies_hold_the_same_folded_words_where_words_are_alike(
            words in proptest::collection::vec("[aAéÉжЖ1Ō]{1,4}", 1..6),
            marks in proptest::collection::vec("[ .,\n“”’'\x01•©–-]{1,2}", 12),
        ) {
            let join = |offset: usize, upper: bool| -> String {
                let mut out = String::new();
                for (k, w) in words.iter().enumerate() {
                    if k > 0 {
                        out.push_str(&marks[(k + offset) % marks.len()]);
                    }
                    out.push_str(&if upper { w.to_uppercase() } else { w.to_lowercase() });
                }
                out
            };
            let (a, b) = (join(0, false), join(5, true));
            proptest::prop_assert_eq!(crate::text::normalized_words(&a), crate::text::normalized_words(&b));
            if words_alike(&a) && words_alike(&b) {
                proptest::prop_assert_eq!(folded_words(&a), folded_words(&b), "{:?} {:?}", a, b);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn finding_never_panics_on_any_text(text in "(?s)[a-zA-Z .,\n'’ŌōéЖ日–-]{0,160}") {
            let sentences = crate::text::segment(&text);
            let m = Matcher::new(&book());
            for x in m.find(&text, &sentences) {
                proptest::prop_assert!(text.get(x.span.start..x.span.end).is_some());
            }
        }
    }

    #[test]
    fn names_match_folded_and_on_word_boundaries() {
        let m = Matcher::new(&book());
        let cases: &[(&str, Option<usize>)] = &[
            ("in the 1904-05 Russo Japanese War.", Some(0)),
            ("the Russo–Japanese war was long.", Some(0)),
            ("see the Otsu Incident of 1891.", Some(1)),
            ("the Russo-Japanese Warship sank.", None),
        ];
        for (text, want) in cases {
            let s = crate::text::segment(text);
            let got: Vec<_> = m
                .find(text, &s)
                .into_iter()
                .filter_map(|x| match x.target {
                    MentionTarget::Known(e) => Some(e),
                    MentionTarget::Unknown(_) => None,
                })
                .collect();
            assert_eq!(got.first().copied(), *want, "{text}");
        }
    }

    #[test]
    fn unknown_named_events_are_specific_names_only() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Japan acquired Korea in the Russo-China War and later.", Some("the Russo-China War")),
            ("It was signed as the Treaty of Peking in 1860.", Some("the Treaty of Peking")),
            ("During the Cold War there were many interventions.", None),
            ("Then came the Great War in Europe.", None),
            ("He left before the war ended.", None),
            ("It ended with the Treaty of Peace and Amity in 1858.", None),
            ("The Boxer Rising And The Relief Of The Legations By The Allied Armies", None),
        ];
        for (text, want) in cases {
            let s = crate::text::segment(text);
            // Where no name may be reported, the sentence is not matched for mentions.
            let heads = unknown_heads(text, &unknown_head_words(text), &[Span::new(0, text.len())]);
            let unknown = UnknownNames::new(text, &s, &heads);
            assert_eq!((0..s.len()).any(|k| unknown.in_sentence(k)), want.is_some(), "{text}");
            let got =
                Matcher::new(&RuleBook::default()).find(text, &s).into_iter().find_map(|x| match x.target {
                    MentionTarget::Unknown(n) => Some(n),
                    MentionTarget::Known(_) => None,
                });
            assert_eq!(got.as_deref(), *want, "{text}");
        }
    }
}
