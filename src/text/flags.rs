//! Sentence flags: `quoted` (and by whom, `attributed_to`), `hypothetical`, `question`
//! and `repeat_of`. Judged from the words alone; claims copy them.

use super::{repeat_key, Sentence, REPEAT_MIN_WORDS};
use crate::span::Span;
use crate::swar::{ascii_letter_bits, digit_bits, first_bytes, load, zero_bits, HIGH_BITS, ONES};
use crate::twin::Twin;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// `lower` is `text` from `ascii_lowered`, when it could be made; `thread` is
/// `is_thread(text, lower)`. With `needed` (flags for, repeats for), only the marked
/// sentences get their flags (all of them in an alternate-history thread). `markup`:
/// whether `text` may hold a block quotation delimited by tags (`QUOTE_MARKUP`); `true`
/// where that is not known.
pub(super) fn mark(
    text: &str,
    lower: Option<&str>,
    sentences: &mut [Sentence],
    needed: Option<(&[bool], &[bool])>,
    thread: bool,
    markup: bool,
) {
    let needed = needed.filter(|_| !thread);
    let marked = |mask: Option<&[bool]>, i: usize| mask.is_none_or(|n| n.get(i).copied().unwrap_or(false));
    let flags_for = |i: usize| marked(needed.map(|n| n.0), i);
    let repeats_for = |i: usize| marked(needed.map(|n| n.1), i);
    mark_quotes(text, sentences, &flags_for);
    super::blockquotes::mark(text, lower, sentences, &flags_for, markup);
    mark_hypothetical(text, lower, sentences, thread, &flags_for);
    // Where every sentence is compared (no `needed`, or a thread), none is left to
    // compare the read ones with.
    mark_repeats(text, sentences, &repeats_for, needed.is_some().then_some(&flags_for));
}

/// A quotation shorter than this many words is a scare quote ("the monkeys") or a
/// title, not reported speech.
const MIN_QUOTE_WORDS: usize = 5;

fn word_count(s: &str) -> usize {
    s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Quotation regions (opening mark to closing mark) inside one paragraph.
pub(crate) fn quote_regions(text: &str, para: Span) -> Vec<Span> {
    let body = para.slice(text);
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    // Only quotation marks change the state: jump from one to the next ('"' and the lead
    // byte of '“' and '”'), with the char before each for `prev`.
    let marks = memchr::memchr2_iter(b'"', 0xE2, body.as_bytes()).filter_map(|i| {
        let c = body.get(i..)?.chars().next()?;
        matches!(c, '"' | '“' | '”').then_some((i, c))
    });
    for (i, c) in marks {
        let prev = body.get(..i).and_then(|h| h.chars().next_back()).unwrap_or(' ');
        quote_step(&mut open, i, c, prev, &mut out);
    }
    out.into_iter()
        .map(|s| s.shift(para.start))
        .filter(|s| word_count(s.slice(text)) >= MIN_QUOTE_WORDS)
        .collect()
}

/// One char of a paragraph through the quotation state machine: `open` is the mark that
/// opened the quotation in progress; a closed quotation goes to `out`.
fn quote_step(open: &mut Option<(usize, char)>, i: usize, c: char, prev: char, out: &mut Vec<Span>) {
    match (c, *open) {
        ('“', None) => *open = Some((i, c)),
        ('”', Some((o, '“'))) => {
            out.push(Span::new(o, i + c.len_utf8()));
            *open = None;
        }
        ('"', None) if !prev.is_alphanumeric() => *open = Some((i, c)),
        ('"', Some((o, '"'))) => {
            out.push(Span::new(o, i + 1));
            *open = None;
        }
        _ => {}
    }
}

static SPEAKER: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*,?\s+(?:said|says|wrote|writes|stated|states|declared|declares|replied|answered|concludes|concluded|argues|argued|notes|noted|remarked|told)(?-u:\b)[^\n]{0,40}$",
    )
});

fn mark_quotes(text: &str, sentences: &mut [Sentence], wanted: &dyn Fn(usize) -> bool) {
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let mut j = i;
        while j < sentences.len() && sentences[j].paragraph == para {
            j += 1;
        }
        // Quotations are found per paragraph: one with no sentence wanted is skipped.
        if !(i..j).any(wanted) {
            i = j;
            continue;
        }
        let span = Span::new(sentences[i].span.start, sentences[j - 1].span.end);
        for region in quote_regions(text, span) {
            // Only the sentences the region overlaps (sentences are in order and never
            // empty): a long paragraph of quotations is not read once per quotation.
            let lo = i + sentences.get(i..j).map_or(0, |p| p.partition_point(|s| s.span.end <= region.start));
            let hi =
                lo + sentences.get(lo..j).map_or(0, |p| p.partition_point(|s| s.span.start < region.end));
            let mut first = None;
            for (k, s) in sentences.iter_mut().enumerate().take(hi).skip(lo) {
                let begins = region.start <= s.span.start && s.span.start < region.end;
                if begins || mostly_in(s.span, region) {
                    s.quoted = true;
                    first.get_or_insert(k);
                }
            }
            if let Some(k) = first {
                if let Some(source) = quote_source(text, sentences, k, region) {
                    for s in sentences.get_mut(k..hi).unwrap_or_default() {
                        if s.quoted {
                            s.attributed_to = Some(source.clone());
                        }
                    }
                }
            }
        }
        i = j;
    }
}

/// Whether six tenths of `sentence` lie inside `region`: a sentence a quotation holds,
/// though it starts before it (a lead-in glued to the quotation).
pub(super) fn mostly_in(sentence: Span, region: Span) -> bool {
    let inside = sentence.start.max(region.start)..sentence.end.min(region.end);
    inside.len() * 10 >= sentence.len() * 6
}

/// Who a quotation starting in sentence `k` is attributed to: a link on the line before
/// it (forum posts), or a speaker introducing it ("Mowry concludes that ...", "X said:").
fn quote_source(text: &str, sentences: &[Sentence], k: usize, region: Span) -> Option<String> {
    let lead = text.get(sentences[k].span.start..region.start).unwrap_or("").trim();
    if let Some(m) = SPEAKER.on(lead).captures(lead).and_then(|c| c.get(1)) {
        return Some(m.as_str().to_string());
    }
    if !lead.is_empty() {
        return None;
    }
    let prev = sentences.get(k.checked_sub(1)?)?;
    let before = prev.span.slice(text).trim();
    if let Some(url) = super::segment::URL.on(before).find_iter(before).last() {
        if url.end() == before.len() {
            return Some(url.as_str().to_string());
        }
    }
    let before = before.strip_suffix(':')?;
    let line = format!("{before} said");
    SPEAKER.on(&line).captures(&line).and_then(|c| c.get(1)).map(|m| m.as_str().to_string())
}

/// Counterfactual talk anywhere: enough on its own.
static STRONG: LazyLock<Regex> = LazyLock::new(|| {
    // The bounded gaps ("if" ... "would" within 120 characters) make a large automaton:
    // with the default cache the lazy DFA is rebuilt over and over on book-length text.
    regex::RegexBuilder::new(concat!(
        r"(?i)(?-u:\b)(?:would|could|might|should|must)(?:\s+not|n'?t)?\s+have\s+(?:been|had|\w+ed|\w+en)(?-u:\b)",
        r"|(?i)(?-u:\b)what\s+if(?-u:\b)|(?-u:\b)WI:|(?-u:\b)(?:POD|PoDs?|ATL|ITTL)(?-u:\b)|(?i)(?-u:\b)let'?s\s+say(?-u:\b)",
        r"|(?i)(?-u:\b)(?:suppose|supposing|imagine)(?-u:\b)|(?i)(?-u:\b)if(?-u:\b)[^.;]{0,80}(?-u:\b)had\s+(?:not\s+)?\w+ed(?-u:\b)",
        r"|(?i)(?-u:\b)if(?-u:\b)[^.;]{0,120}(?-u:\b)would(?-u:\b)",
        // The other timeline of alternate-history talk; "our timeline" is the real one.
        r"|(?i)(?-u:\b)alternat(?:e|ive)\s+(?:timeline|history|universe|world|reality)(?-u:\b)",
        r"|(?i)(?-u:\b)(?:this|that|my|the\s+new)\s+timeline(?-u:\b)",
    ))
    .dfa_size_limit(32 << 20)
    .build()
    .expect("valid regex")
});

/// Counterfactual talk only in a document that is an alternate-history discussion: in a
/// history book, "the alliance would last until 1923" is a future-in-the-past assertion.
static WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:would|could|might|can|'d|pods?)(?-u:\b)|(?i)^(?:perhaps|maybe)(?-u:\b)|(?i)^if(?-u:\b)")
        .expect("valid regex")
});

/// Markers of an alternate-history document ("what if" alone is rhetoric in any book).
static THREAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)WI:|(?-u:\b)(?:POD|PoDs?|ATL|OTL|IOTL|ITTL)(?-u:\b)|(?i)(?-u:\b)alternate\s+history(?-u:\b)").expect("valid regex")
});

/// `THREAD` in two: its case-sensitive abbreviations, and its words for lowercased text.
static THREAD_ABBREVIATIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)WI:|(?-u:\b)(?:POD|PoDs?|ATL|OTL|IOTL|ITTL)(?-u:\b)").expect("valid regex")
});
static THREAD_WORDS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)alternate\s+history(?-u:\b)").expect("valid regex"));

/// The literal starts of `THREAD_ABBREVIATIONS`' alternatives: every match starts with
/// one ("PoDs" with "PoD").
pub(crate) const THREAD_MARKS: [&str; 7] = ["WI:", "POD", "PoD", "ATL", "OTL", "IOTL", "ITTL"];

/// What every match of `THREAD_WORDS` starts with.
pub(crate) const THREAD_WORD: &str = "alternate";

/// `THREAD_ABBREVIATIONS` and `THREAD_WORDS` anchored at the start, without their
/// leading word boundary (`is_thread_at` tests that itself).
static THREAD_ABBREVIATION_HERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:WI:|(?:POD|PoDs?|ATL|OTL|IOTL|ITTL)(?-u:\b))").expect("valid regex"));
static THREAD_WORDS_HERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^alternate\s+history(?-u:\b)").expect("valid regex"));

/// `is_thread(text, Some(lower))` from where its markers can start: `marks`, the offsets in
/// `text` where a leftmost search for `THREAD_MARKS` found one, and `words`, those in
/// `lower` where one for `THREAD_WORD` did. The searches are made with others over the
/// whole text (`claims::mentions`), so that no pass over it is made for these alone.
///
/// Every match of `THREAD_ABBREVIATIONS` starts with a mark after a word boundary, and no
/// search passes over one (a mark inside "IOTL", the one mark inside another, has a letter
/// before it). No two matches overlap. So the matches are the marks after a word boundary
/// where the regex, anchored, matches; the same holds for `THREAD_WORDS` and `words`.
pub(crate) fn is_thread_at(text: &str, lower: &str, marks: &[usize], words: &[usize]) -> bool {
    let matches = |regex: &Regex, haystack: &str, starts: &[usize]| {
        starts
            .iter()
            .filter(|&&at| {
                // `(?-u:\b)` before a letter: no ASCII letter, digit or '_' before it.
                let boundary = at
                    .checked_sub(1)
                    .and_then(|b| haystack.as_bytes().get(b))
                    .is_none_or(|&b| !is_word_byte(b));
                boundary && haystack.get(at..).is_some_and(|rest| regex.is_match(rest))
            })
            .take(2)
            .count()
    };
    matches(&THREAD_ABBREVIATION_HERE, text, marks) + matches(&THREAD_WORDS_HERE, lower, words) >= 2
}

/// A byte `(?-u:\b)` counts as part of a word.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `text` is an alternate-history discussion: two markers or more. `lower` is
/// `text` from `ascii_lowered`, when it could be made.
pub fn is_thread(text: &str, lower: Option<&str>) -> bool {
    match lower {
        // The two parts never overlap, so their counts add up to `THREAD`'s.
        Some(lower) => {
            THREAD_ABBREVIATIONS.find_iter(text).take(2).count()
                + THREAD_WORDS.find_iter(lower).take(2).count()
                >= 2
        }
        None => THREAD.find_iter(text).take(2).count() >= 2,
    }
}

/// What actually happened, said inside a counterfactual thread.
static ASSERTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:in\s+otl|iotl|otl)(?-u:\b)|(?i)(?-u:\b)(?:don'?t|do\s+not)\s+forget(?-u:\b)|(?i)(?-u:\b)(?:remember\s+that|in\s+reality|historically)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words that open a scenario: what follows in the same post is make-believe.
static SCENARIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:scenario|let'?s\s+say|what\s+if|suppose|imagine)(?-u:\b)|(?-u:\b)WI:")
        .expect("valid regex")
});

/// A whitespace-only line: forum software's separator between posts.
static POST_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\n[ \t\u{a0}]+\r?\n").expect("valid regex"));

/// The words a match of `STRONG` or `ASSERTED` is made of, matched ASCII-case-insensitively
/// and starting a word, each with the cues it gives (`Cues`). ("iotl" starts a word where
/// "otl" inside it does not.) The regexes fold case by Unicode rules, where "ſ" is an "s"
/// and "K" a "k": a text holding either skips this prefilter.
const TRIGGERS: [(&[u8], u16); 24] = [
    (b"would", Cues::MODAL | Cues::WOULD),
    (b"could", Cues::MODAL),
    (b"might", Cues::MODAL),
    (b"should", Cues::MODAL),
    (b"must", Cues::MODAL),
    (b"have", Cues::HAVE),
    (b"had", Cues::HAD),
    (b"what", Cues::WHAT),
    (b"if", Cues::IF),
    (b"wi:", Cues::ALONE),
    (b"pod", Cues::ALONE),
    (b"atl", Cues::ALONE),
    (b"ittl", Cues::ALONE),
    (b"let", Cues::ALONE),
    // "suppose" and "supposing".
    (b"suppos", Cues::ALONE),
    (b"imagine", Cues::ALONE),
    // "alternate" and "alternative", with a timeline or a history after them.
    (b"alternat", Cues::ALONE),
    (b"timeline", Cues::ALONE),
    (b"otl", Cues::ASSERTS),
    (b"iotl", Cues::ASSERTS),
    (b"forget", Cues::ASSERTS),
    (b"remember", Cues::ASSERTS),
    (b"reality", Cues::ASSERTS),
    (b"historically", Cues::ASSERTS),
];

/// Which `TRIGGERS` a sentence holds, a bit per kind. Each alternative of `STRONG` needs
/// certain of them together ("would have been": a modal and "have"; "if ... had
/// crossed": "if" and "had"), so most sentences with a trigger ("if", "would" alone) need
/// no regex at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cues(u16);

impl Cues {
    const MODAL: u16 = 1;
    const WOULD: u16 = 1 << 1;
    const HAVE: u16 = 1 << 2;
    const HAD: u16 = 1 << 3;
    const WHAT: u16 = 1 << 4;
    const IF: u16 = 1 << 5;
    /// A word that makes an alternative of `STRONG` alone: "suppose", "let's say", "WI:".
    const ALONE: u16 = 1 << 6;
    /// A word of `ASSERTED`: "OTL", "historically".
    const ASSERTS: u16 = 1 << 7;
    /// What a sentence the prefilter cannot read may hold.
    const ALL: Cues = Cues(u16::MAX);

    fn has(self, bits: u16) -> bool {
        self.0 & bits == bits
    }

    /// Whether `STRONG` may match (never false when it does): a modal with "have", "what"
    /// with "if", a word that is enough alone, or "if" with "had" or "would".
    fn may_be_strong(self) -> bool {
        self.has(Cues::MODAL | Cues::HAVE)
            || self.has(Cues::WHAT | Cues::IF)
            || self.has(Cues::ALONE)
            || self.has(Cues::IF | Cues::HAD)
            || self.has(Cues::IF | Cues::WOULD)
    }

    /// Whether `ASSERTED` may match (never false when it does).
    fn may_be_asserted(self) -> bool {
        self.has(Cues::ASSERTS)
    }
}

/// A trigger as its first eight bytes (`value`, where `mask` keeps them), the whole, and
/// its cues.
struct Trigger {
    mask: u64,
    value: u64,
    word: &'static [u8],
    cues: u16,
}

/// `TRIGGERS` by their first letter ('a' at 0): a word start is tested only against the
/// few that begin with its letter, eight bytes at once.
static TRIGGERS_BY_LETTER: LazyLock<[Vec<Trigger>; 26]> = LazyLock::new(|| {
    let mut by: [Vec<Trigger>; 26] = Default::default();
    for (word, cues) in TRIGGERS {
        // `load` reads zeros past the end of a word shorter than eight bytes.
        let trigger = Trigger { mask: first_bytes(word.len()), value: load(word), word, cues };
        if let Some(list) = word.first().and_then(|f| by.get_mut(usize::from(f.wrapping_sub(b'a')))) {
            list.push(trigger);
        }
    }
    by
});

/// The cues of `sentence`: the `TRIGGERS` at its word starts, as the regexes (run on the
/// sentence alone) require them. `Cues::ALL` where `lower` is not there.
///
/// A walk over the bytes, not a search for the triggers: with "if", "let" and "what" among
/// them, a search stops every few words, and starting one per sentence cost more than the
/// walk.
fn cues_in(sentence: Span, lower: Option<&str>) -> Cues {
    // ASCII case-insensitively: the words are lowercase and the text lowercased (same
    // offsets).
    let Some(words) = lower.and_then(|l| l.get(sentence.start..sentence.end)) else { return Cues::ALL };
    let bytes = words.as_bytes();
    let by_letter = &*TRIGGERS_BY_LETTER;
    let mut cues = 0;
    // Eight bytes at a time: the bytes that are a letter (lowercase: the text is) where
    // the byte before is no word byte (`\b` in the regexes: ASCII letters, digits, '_').
    // Bit 7 of a byte marks it; `before` carries the last byte's mark into the next eight.
    let mut before = 0u64;
    for (k, eight) in bytes.chunks(8).enumerate() {
        let x = load(eight);
        let letters = ascii_letter_bits(x);
        let word = letters | digit_bits(x) | zero_bits(x ^ (ONES * u64::from(b'_')));
        let mut starts = letters & !((word << 8) | before);
        before = word >> 56;
        while starts != 0 {
            let at = k * 8 + (starts.trailing_zeros() / 8) as usize;
            starts &= starts - 1;
            let rest = bytes.get(at..).unwrap_or_default();
            let Some(triggers) = rest.first().and_then(|f| by_letter.get(usize::from(f.wrapping_sub(b'a'))))
            else {
                continue;
            };
            // Zero past the end of the sentence, where no trigger has a zero byte.
            let head = load(rest);
            for t in triggers {
                if head & t.mask == t.value && rest.starts_with(t.word) {
                    cues |= t.cues;
                }
            }
        }
    }
    Cues(cues)
}

fn mark_hypothetical(
    text: &str,
    lower: Option<&str>,
    sentences: &mut [Sentence],
    thread: bool,
    wanted: &dyn Fn(usize) -> bool,
) {
    let mut scenario = false;
    let mut prev_end = 0;
    for (i, s) in sentences.iter_mut().enumerate() {
        // Outside a thread no flag depends on another sentence's (`wanted` is all of them
        // in a thread).
        if !wanted(i) {
            continue;
        }
        let words = s.span.slice(text);
        let gap = text.get(prev_end..s.span.start).unwrap_or("");
        prev_end = s.span.end;
        if thread && POST_BREAK.is_match(gap) {
            scenario = false;
        }
        let trimmed = words.trim_end_matches(['"', '\'', '”', '’', ')', ' ']);
        s.question = trimmed.ends_with('?');
        let cues = cues_in(s.span, lower);
        let strong = cues.may_be_strong() && STRONG.is_match(words);
        // Outside a thread a sentence is hypothetical exactly when `STRONG` matches; in
        // one, an assertion ("in OTL ...") outweighs only `WEAK` and a scenario.
        let asserted = thread && !strong && cues.may_be_asserted() && ASSERTED.is_match(words);
        let weak = thread && WEAK.is_match(words);
        s.hypothetical = if asserted && !strong { false } else { strong || weak || (thread && scenario) };
        if thread && (SCENARIO.is_match(words) || (s.hypothetical && trimmed.ends_with(':'))) {
            scenario = true;
        }
    }
}

/// A wanted sentence is compared with the wanted ones before it: a copy holds the same
/// words, so it is wanted too. A sentence whose flags are read (`read`, where some
/// sentences are not wanted) and that no wanted one repeats is then compared with the
/// sentences before it that are not wanted: one
/// split for another sentence of its block may be its copy though its punctuation kept its
/// date from being read ("in the end of\"December." before "in the end of December.").
fn mark_repeats(
    text: &str,
    sentences: &mut [Sentence],
    wanted: &dyn Fn(usize) -> bool,
    read: Option<&dyn Fn(usize) -> bool>,
) {
    // Keyed by a 64-bit hash of the words: a collision among the sentences of one
    // document is about as likely as a cosmic ray, and the strings would cost a copy of
    // the text.
    let mut seen: HashMap<u64, usize> = HashMap::new();
    // The read sentences no wanted one repeats, with their keys.
    let mut asking: Vec<(usize, u64)> = Vec::new();
    for (i, s) in sentences.iter_mut().enumerate() {
        if !wanted(i) {
            continue;
        }
        let (key, words) = repeat_key(s.span.slice(text));
        if words < REPEAT_MIN_WORDS {
            continue;
        }
        match seen.get(&key) {
            Some(&first) => s.repeat_of = Some(first),
            None => {
                seen.insert(key, i);
                if read.is_some_and(|read| read(i)) {
                    asking.push((i, key));
                }
            }
        }
    }
    if !asking.is_empty() {
        mark_copies_not_wanted(text, sentences, wanted, &asking);
    }
}

/// Marks each sentence of `asking` (index and key; none repeats a wanted one) as a repeat
/// of a sentence before it that is not `wanted` and has its words. Only sentences whose
/// ends are an asking one's (`Ends`) are keyed: most are turned away by a few bytes.
/// Out of line: inlined, it made the flags' other passes dearer.
#[inline(never)]
fn mark_copies_not_wanted(
    text: &str,
    sentences: &mut [Sentence],
    wanted: &dyn Fn(usize) -> bool,
    asking: &[(usize, u64)],
) {
    let Some(&(last, _)) = asking.last() else { return };
    let ends: Vec<Ends> =
        asking.iter().filter_map(|&(i, _)| sentences.get(i)).map(|s| Ends::of(s.span.slice(text))).collect();
    // The first bytes of the asking sentences, as a set of 256 bits; all of them where
    // one's is not known.
    let mut firsts = [0u64; 4];
    for e in &ends {
        match e.first {
            Some(b) => firsts[usize::from(b >> 6)] |= 1 << (b & 63),
            None => firsts = [u64::MAX; 4],
        }
    }
    // Both ends known, as one `u64` (the last word's bytes take seven of its eight), in a
    // set of 1,024 bits by a hash of it; a hit is then checked against the list.
    let exact: Vec<u64> = ends.iter().filter_map(Ends::packed).collect();
    let bit = |e: u64| (e.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 54) as usize;
    let mut known = [0u64; 16];
    for &e in &exact {
        known[bit(e) >> 6] |= 1 << (bit(e) & 63);
    }
    let partial: Vec<Ends> = ends.iter().filter(|e| e.first.is_none() || e.last.is_none()).copied().collect();
    let mut found = vec![None; asking.len()];
    for (j, s) in sentences.iter().enumerate().take(last) {
        if wanted(j) {
            continue;
        }
        let words = s.span.slice(text);
        let first = first_word_byte(words);
        if first.is_some_and(|b| firsts[usize::from(b >> 6)] >> (b & 63) & 1 == 0) {
            continue;
        }
        let own = Ends { first, last: last_word_end(words) };
        let may = match own.packed() {
            Some(e) => {
                (known[bit(e) >> 6] >> (bit(e) & 63) & 1 == 1 && exact.contains(&e))
                    || partial.iter().any(|p| p.may_match(own))
            }
            None => ends.iter().any(|p| p.may_match(own)),
        };
        if !may {
            continue;
        }
        let (key, n) = repeat_key(words);
        if n < REPEAT_MIN_WORDS {
            continue;
        }
        for (&(i, want), f) in asking.iter().zip(found.iter_mut()) {
            if i > j && want == key && f.is_none() {
                *f = Some(j);
            }
        }
    }
    for (&(i, _), f) in asking.iter().zip(found) {
        if let (Some(s), Some(j)) = (sentences.get_mut(i), f) {
            s.repeat_of = Some(j);
        }
    }
}

/// What two copies of a sentence share at their ends, as `repeat_key` reads their words:
/// the first byte of the first word and the last seven bytes of the last, lowercased.
/// `None` for an end where a letter or digit beyond ASCII lies among those bytes or next
/// to them (it lowercases beyond ASCII, or to ASCII from a sign such as the Kelvin sign):
/// that end may be anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ends {
    first: Option<u8>,
    last: Option<u64>,
}

impl Ends {
    fn of(text: &str) -> Ends {
        Ends { first: first_word_byte(text), last: last_word_end(text) }
    }

    /// Both ends in one `u64`, where both are known.
    fn packed(&self) -> Option<u64> {
        Some(u64::from(self.first?) << 56 | self.last?)
    }

    /// Whether a sentence with these ends may have the words of one with `other`.
    fn may_match(self, other: Ends) -> bool {
        let same = |a: Option<u64>, b: Option<u64>| a.zip(b).is_none_or(|(a, b)| a == b);
        same(self.first.map(u64::from), other.first.map(u64::from)) && same(self.last, other.last)
    }
}

/// Whether a letter or digit beyond ASCII starts at `i` of `text`, the first byte of a
/// char. The curly quotes and dashes, U+2000 to U+203F (E2 80 xx), hold none: they are
/// told by their bytes, the rest by the tables.
fn wide_word_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i..i + 2) != Some(&[0xE2, 0x80])
        && text.get(i..).and_then(|t| t.chars().next()).is_some_and(char::is_alphanumeric)
}

/// The first byte of `text`'s first word, lowercased (`Ends`); 0 where it has no word,
/// which no sentence with words has.
fn first_word_byte(text: &str) -> Option<u8> {
    for (i, &c) in text.as_bytes().iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            return Some(c.to_ascii_lowercase());
        }
        if c >= 0xC0 && wide_word_at(text, i) {
            return None;
        }
    }
    Some(0)
}

/// The last seven bytes of `text`'s last word, lowercased, packed in a `u64` (`Ends`); 0
/// where it has no word.
fn last_word_end(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    // The first byte of the char holding byte `i`.
    let char_start = |i: usize| super::floor_boundary(text, i);
    let mut end = b.len();
    loop {
        let c = *b.get(end.checked_sub(1)?)?;
        if c.is_ascii_alphanumeric() {
            break;
        }
        if c >= 0x80 {
            let at = char_start(end - 1);
            if wide_word_at(text, at) {
                return None;
            }
            end = at;
        } else {
            end -= 1;
        }
        if end == 0 {
            return Some(0);
        }
    }
    // The eight bytes that end at the last word's end, at once: the run of letters and
    // digits at their top is the word's end (byte 7 is the last byte, `load` being
    // little-endian; before the text's start the shift brings in zeros, no word byte).
    let from = end.saturating_sub(8);
    let x = load(b.get(from..end).unwrap_or_default()) << (8 * (8 - (end - from)));
    let letters = ascii_letter_bits(x);
    let run = ((!(letters | digit_bits(x)) & HIGH_BITS).leading_zeros() / 8).min(7) as usize;
    // A char beyond ASCII right before the run may be a letter of the word.
    let before = end.checked_sub(run + 1);
    if run < 7
        && before
            .is_some_and(|at| b.get(at).is_some_and(|&c| c >= 0x80) && wide_word_at(text, char_start(at)))
    {
        return None;
    }
    // Bit 7 of a letter's byte, moved to bit 5: the letter lowercased.
    Some((x | (letters >> 2)) >> (64 - 8 * run as u32))
}

crate::warm_up!(
    SPEAKER,
    STRONG,
    WEAK,
    THREAD,
    THREAD_ABBREVIATIONS,
    THREAD_WORDS,
    THREAD_ABBREVIATION_HERE,
    THREAD_WORDS_HERE,
    ASSERTED,
    SCENARIO,
    POST_BREAK,
    TRIGGERS_BY_LETTER
);

#[cfg(test)]
mod tests {
    use super::*;

    /// `quote_regions` as first written, every char through the state machine: the
    /// jumping one must agree with it.
    fn quote_regions_reference(text: &str, para: Span) -> Vec<Span> {
        let body = para.slice(text);
        let mut out = Vec::new();
        let mut open: Option<(usize, char)> = None;
        let mut prev = ' ';
        for (i, c) in body.char_indices() {
            quote_step(&mut open, i, c, prev, &mut out);
            prev = c;
        }
        out.into_iter()
            .map(|s| s.shift(para.start))
            .filter(|s| word_count(s.slice(text)) >= MIN_QUOTE_WORDS)
            .collect()
    }

    /// `mark_quotes` as first written: every sentence of the paragraph tested against
    /// every quotation. The one that tests only the sentences a quotation overlaps must
    /// agree with it.
    fn mark_quotes_reference(text: &str, sentences: &mut [Sentence]) {
        let mut i = 0;
        while i < sentences.len() {
            let para = sentences[i].paragraph;
            let mut j = i;
            while j < sentences.len() && sentences[j].paragraph == para {
                j += 1;
            }
            let span = Span::new(sentences[i].span.start, sentences[j - 1].span.end);
            for region in quote_regions(text, span) {
                let mut first = None;
                for (k, s) in sentences.iter_mut().enumerate().take(j).skip(i) {
                    let inside = s.span.start.max(region.start)..s.span.end.min(region.end);
                    let share = inside.len() * 10 >= s.span.len() * 6;
                    let begins = region.start <= s.span.start && s.span.start < region.end;
                    if begins || share {
                        s.quoted = true;
                        first.get_or_insert(k);
                    }
                }
                if let Some(k) = first {
                    if let Some(source) = quote_source(text, sentences, k, region) {
                        for s in sentences.iter_mut().take(j).skip(k) {
                            if s.quoted && s.span.start < region.end {
                                s.attributed_to = Some(source.clone());
                            }
                        }
                    }
                }
            }
            i = j;
        }
    }

    const PIECES: &[&str] = &[
        "“",
        "”",
        "\"",
        "Kuropatkin said: ",
        "Mowry concludes that ",
        "Port Arthur fell in 1904. ",
        "the war began, and five more words here ",
        "It held? ",
        "https://example.org/a:\n",
        " ",
        "\n",
        "\n\n",
        "é",
    ];

    /// `cues_in` the plain way: every trigger tried at every position that starts a word.
    fn cues_reference(sentence: Span, lower: Option<&str>) -> Cues {
        let Some(words) = lower.and_then(|l| l.get(sentence.start..sentence.end)) else { return Cues::ALL };
        let bytes = words.as_bytes();
        let starts_word = |at: usize| at == 0 || !bytes.get(at - 1).is_some_and(|&b| is_word_byte(b));
        let mut cues = 0;
        for at in (0..bytes.len()).filter(|&at| starts_word(at)) {
            for (word, bits) in TRIGGERS {
                if bytes.get(at..).is_some_and(|rest| rest.starts_with(word)) {
                    cues |= bits;
                }
            }
        }
        Cues(cues)
    }

    /// Bits of words that hold triggers, inside words, at starts and ends, with the bytes
    /// that do and do not end a word before them.
    const TRIGGER_PIECES: &[&str] = &[
        "if",
        "iffy",
        "wi:",
        "w",
        "i:",
        "otl",
        "iotl",
        "io",
        "tl",
        "mustard",
        "must",
        "let",
        "lett",
        "what",
        "historically",
        "histori",
        "alternat",
        "alternative",
        "timelines",
        "have",
        "had",
        "ha",
        "a",
        "_",
        "9",
        " ",
        ".",
        "\n",
        "é",
        "'",
        "-",
        "x",
    ];

    /// Words and bits of the alternatives of `STRONG` and `ASSERTED`, with others beside.
    const HYPOTHETICAL_PIECES: &[&str] = &[
        "would",
        "Could",
        "might",
        "should",
        "MUST",
        " have",
        " HAVE",
        " been",
        " not",
        "n't",
        " if",
        "If",
        " had",
        " crossed",
        " taken",
        "what",
        "What",
        " let's",
        "Let",
        " say",
        " suppose",
        "Supposing",
        "Imagine",
        " alternate",
        " Alternative",
        " timeline",
        " history",
        " this",
        " our",
        "WI:",
        " POD",
        " PoDs",
        " ATL",
        " ITTL",
        "In OTL",
        "iotl",
        " don't",
        " forget",
        " remember that",
        " in reality",
        "Historically",
        " the Tsar",
        ".",
        ";",
        " ",
        "\n",
        "x",
        "ed",
        "_",
        "é",
    ];

    /// Over the sentences of the corpus and of the books in ../shared/realtext, where the
    /// regexes match the cues say they may.
    #[test]
    fn the_cues_let_through_every_match_in_real_text() {
        let dirs = [
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realtext"),
        ];
        let (mut strong, mut asserted, mut skipped) = (0, 0, 0);
        for entry in dirs.iter().flat_map(walkdir::WalkDir::new).filter_map(Result::ok) {
            let Ok(text) = std::fs::read_to_string(entry.path()) else { continue };
            let lower = text.to_ascii_lowercase();
            for s in crate::text::segment(&text) {
                let (words, cues) = (s.span.slice(&text), cues_in(s.span, Some(&lower)));
                if STRONG.is_match(words) {
                    assert!(cues.may_be_strong(), "{}: {words:?}", entry.path().display());
                    strong += 1;
                } else if cues.has(Cues::IF) && !cues.may_be_strong() {
                    skipped += 1;
                }
                if ASSERTED.is_match(words) {
                    assert!(cues.may_be_asserted(), "{}: {words:?}", entry.path().display());
                    asserted += 1;
                }
            }
        }
        // The check is not empty: both regexes match somewhere, and the cues spare the
        // regexes many a sentence with "if".
        assert!(strong >= 100 && asserted >= 10 && skipped >= 1000, "{strong} {asserted} {skipped}");
    }

    proptest::proptest! {
        #[test]
        fn the_walk_for_triggers_agrees_with_a_try_at_every_word_start(
            pieces in proptest::collection::vec(proptest::sample::select(TRIGGER_PIECES), 0..24),
            from in 0usize..6,
            cut in 0usize..6,
        ) {
            let text = pieces.concat().to_ascii_lowercase();
            let start = crate::text::floor_boundary(&text, from.min(text.len()));
            let end = crate::text::floor_boundary(&text, text.len().saturating_sub(cut)).max(start);
            let sentence = Span::new(start, end);
            proptest::prop_assert_eq!(
                cues_in(sentence, Some(&text)),
                cues_reference(sentence, Some(&text)),
                "{:?}", sentence.slice(&text)
            );
        }

        #[test]
        fn the_cues_let_through_every_match_of_the_regexes(
            pieces in proptest::collection::vec(proptest::sample::select(HYPOTHETICAL_PIECES), 0..16),
        ) {
            let text = pieces.concat();
            let lower = text.to_ascii_lowercase();
            let cues = cues_in(Span::new(0, text.len()), Some(&lower));
            if STRONG.is_match(&text) {
                proptest::prop_assert!(cues.may_be_strong(), "{:?}: {:?}", text, cues);
            }
            if ASSERTED.is_match(&text) {
                proptest::prop_assert!(cues.may_be_asserted(), "{:?}: {:?}", text, cues);
            }
        }

        #[test]
        fn mark_quotes_agrees_with_the_reference(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..60),
        ) {
            let text: String = pieces.concat();
            let mut fast = crate::text::segment(&text);
            let mut reference = fast.clone();
            mark_quotes(&text, &mut fast, &|_| true);
            mark_quotes_reference(&text, &mut reference);
            proptest::prop_assert_eq!(fast, reference);
        }

        #[test]
        fn quote_regions_agree_with_the_char_by_char_reference(
            text in "[a-z \"“”—é.]{0,120}",
            from in 0usize..10,
        ) {
            let start = crate::text::floor_boundary(&text, from);
            let para = Span::new(start, text.len());
            proptest::prop_assert_eq!(quote_regions(&text, para), quote_regions_reference(&text, para));
        }
    }

    /// Words (each with another spelling of the same lowercase words) and the marks
    /// between them, for copies of a sentence that differ in punctuation, case and letters
    /// beyond ASCII.
    const END_WORDS: &[(&str, &str)] = &[
        ("The", "the"),
        ("city", "CITY"),
        ("1904", "1904"),
        ("Tōkyō", "TŌKYŌ"),
        ("é", "É"),
        ("Kelvin", "\u{212A}elvin"),
        ("look", "loo\u{212A}"),
        ("straße", "STRAẞE"),
        ("a1", "A1"),
        ("x", "X"),
    ];
    const END_MARKS: &[&str] =
        &[" ", ", ", "\n", "\"", "“", "”", "’", "--", "–", ". ", "$", "\u{1}", "(", ")", ".\""];

    proptest::proptest! {
        #[test]
        fn copies_of_a_sentence_have_ends_that_may_match(
            words in proptest::collection::vec(proptest::sample::select(END_WORDS), 1..8),
            marks in proptest::collection::vec(proptest::sample::select(END_MARKS), 18),
            other in proptest::collection::vec(proptest::bool::ANY, 8),
        ) {
            // Two renderings: the marks before, between and after the words taken from
            // either half of `marks`, and each word in either spelling.
            let render = |half: usize| {
                let mut out = String::from(marks[half * 9]);
                for (k, (a, b)) in words.iter().enumerate() {
                    out.push_str(if other[k] && half == 1 { b } else { a });
                    out.push_str(marks[half * 9 + 1 + k]);
                }
                out
            };
            let (a, b) = (render(0), render(1));
            // The two spellings lowercase alike, so the copies have the same words.
            proptest::prop_assert_eq!(repeat_key(&a), repeat_key(&b), "{:?} {:?}", a, b);
            proptest::prop_assert!(
                Ends::of(&a).may_match(Ends::of(&b)),
                "{:?} {:?}: {:?} {:?}", a, b, Ends::of(&a), Ends::of(&b)
            );
        }
    }
}
