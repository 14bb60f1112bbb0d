//! Sentence segmentation with byte spans and paragraph indexes.
//!
//! Two passes: lines are grouped into *units* (a run of lines joined by soft line breaks),
//! then each unit is split at sentence-final punctuation that is not an abbreviation, an
//! initial or inside a URL. Flags are set afterwards by `flags.rs`.
//!
//! A line break is soft only inside a hard-wrapped paragraph (period books wrapped at ~70
//! columns) or, in unwrapped text (web pages, forum posts, where a line is a paragraph),
//! before a line that continues in lowercase. In unwrapped text every hard line break also
//! starts a new paragraph.

use super::Sentence;
use crate::span::Span;
use crate::twin::Twin;
use regex::Regex;
use std::sync::LazyLock;

/// URLs: never split inside one. Trailing sentence punctuation is not part of it.
/// `URL` without `(?i)`, for text lowercased by `ascii_lowered`.
static URL_LOWER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?-u:\b)(?:https?://|www\.)[^\s<>"“”‘’]+[^\s<>"“”‘’.,;:!?)\]']"#).expect("valid regex")
});

pub(crate) static URL: LazyLock<Twin> =
    LazyLock::new(|| Twin::new(r#"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>"“”‘’]+[^\s<>"“”‘’.,;:!?)\]']"#));

/// What every match of `URL_LOWER` holds: "://" (of "http://" or "https://") or "www.".
/// A block of lowercased text holding neither holds no URL, and nearly every block of a
/// book holds neither. Over 49 MB of books (callgrind), the regex's search of the blocks
/// was 98 million instructions; these two substring searches are about 14 million.
/// The per-document stage finds them in the search of the lowercased text it makes anyway
/// (`claims::mentions::lower_words`) and hands them to `segment_needed`.
pub(crate) const URL_MARKS: [&str; 2] = ["://", "www."];

/// `URL_MARKS`, each as a search built once.
static URL_FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
    LazyLock::new(|| URL_MARKS.map(|m| memchr::memmem::Finder::new(m.as_bytes())));

/// Four spaces: columns of a table of contents. Built once (building a finder per line cost
/// more than the search).
static FOUR_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"    "));

/// "…", built once: `str::contains` and `memmem::find` each set up a search per unit.
static ELLIPSIS: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new("…".as_bytes()));

/// Abbreviations after which a period never ends a sentence (lowercase ASCII, compared
/// ignoring ASCII case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "mt", "ft", "gen", "col", "capt", "lt", "lieut", "sgt", "adm", "gov",
    "pres", "rev", "prof", "sen", "rep", "hon", "jr", "sr", "messrs", "mme", "mlle", "maj", "cmdr", "comdr",
    "brig", "esq", "bros", "co", "corp", "inc", "ltd", "vs", "viz", "cf", "ca", "approx", "mgr", "gov", "ed",
    "eds", "trans", "ibid", "op", "cit", "al",
];

/// Abbreviations that never end a sentence when a number follows ("No. 3", "Vol. 5", "Jan. 7").
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "vol", "vols", "pp", "ch", "chap", "art", "fig", "para", "sec", "pt", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// A word of up to eight ASCII bytes as one number, lowercased and padded with zeros: how
/// the word before a period is compared with the abbreviations (one compare each, where a
/// string compare each was about a hundredth of a run over books).
fn folded(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > 8 || !bytes.is_ascii() {
        return None;
    }
    let mut key = [0u8; 8];
    key.iter_mut().zip(bytes).for_each(|(to, from)| *to = from.to_ascii_lowercase());
    Some(u64::from_le_bytes(key))
}

/// `ABBREVIATIONS` and `NUMBER_ABBREVIATIONS`, `folded`.
static FOLDED_ABBREVIATIONS: LazyLock<[Vec<u64>; 2]> = LazyLock::new(|| {
    [ABBREVIATIONS, NUMBER_ABBREVIATIONS].map(|list| list.iter().filter_map(|a| folded(a)).collect())
});

struct Line {
    start: usize,
    /// End of the line's text, before its line break.
    end: usize,
    chars: usize,
    blank: bool,
}

/// Every line of `text`, as `for_each_line` hands them on (for tests: the pipeline keeps
/// no such list).
#[cfg(test)]
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    for_each_line(text, |l| out.push(l));
    out
}

/// Hands each line of `text` to `each`, in order. Inlined, so that a caller that keeps
/// little of each line (`Layout::new`: the widths and where the blocks are) keeps no list.
#[inline(always)]
fn for_each_line(text: &str, mut each: impl FnMut(Line)) {
    let bytes = text.as_bytes();
    // Nearly every book is ASCII throughout: one look at it all spares each line its own.
    let ascii = text.is_ascii();
    // A line ends at "\n", "\r\n" or a lone "\r". Most texts have no "\r" at all: one
    // look for it lets them take the scan by masks.
    if memchr::memchr(b'\r', bytes).is_none() {
        if ascii {
            newline_lines::<false>(text, &mut each);
        } else {
            newline_lines::<true>(text, &mut each);
        }
        return;
    }
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the "\n" of a "\r\n"
        }
        each(line(text, ascii, start, i));
        start = if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
    }
    each(line(text, ascii, start, text.len()));
}

/// The lines of a text with no "\r", each handed to `each`, found 64 bytes at a time: a
/// mask of the newlines and, with `COUNT`, one of the bytes that continue a character
/// (0x80 to 0xBF). A line's width is its length less the continuation bytes in it, which
/// the masks count on the way. (With memchr, a search per line and then a count of each
/// line's characters took two thirds of `Layout::new` in a text not all ASCII: most
/// lines of such a text hold a curly quote or a dash.) Without `COUNT` (an ASCII text),
/// a line's width is its length.
#[inline(always)]
fn newline_lines<const COUNT: bool>(text: &str, each: &mut impl FnMut(Line)) {
    let bytes = text.as_bytes();
    let mut start = 0;
    // The continuation bytes of the line being read, in the chunks before this one.
    let mut pending = 0;
    let mut base = 0;
    while base < bytes.len() {
        let (newlines, continuing) = match bytes
            .get(base..base + 64)
            .and_then(|b| <&[u8; 64]>::try_from(b).ok())
        {
            Some(chunk) => masks::<COUNT>(chunk),
            None => {
                // The last bytes, padded with zeros: no newline and no continuation.
                let mut last = [0u8; 64];
                last.iter_mut().zip(bytes.get(base..).unwrap_or_default()).for_each(|(to, from)| *to = *from);
                masks::<COUNT>(&last)
            }
        };
        let mut m = newlines;
        // The continuation bytes of the chunk not yet counted in a line.
        let mut rest = continuing;
        while m != 0 {
            let k = m.trailing_zeros();
            let end = base + k as usize;
            let before = (1u64 << k) - 1;
            each(newline_line(text, start, end, pending + ones(rest & before)));
            (start, pending, rest) = (end + 1, 0, rest & !before);
            m &= m - 1;
        }
        pending += ones(rest);
        base += 64;
    }
    each(newline_line(text, start, bytes.len(), pending));
}

/// The set bits of `bits`, without a count where there are none: most lines, even in a
/// text beyond ASCII, hold no byte that continues a character, and the count is a dozen
/// instructions on the x86-64 baseline, which has no `popcnt`.
#[inline(always)]
fn ones(bits: u64) -> usize {
    if bits == 0 {
        0
    } else {
        bits.count_ones() as usize
    }
}

/// Bit `k` of the first mask is set where byte `k` of `chunk` is "\n"; with `COUNT`, of
/// the second where it continues a character.
#[inline(always)]
fn masks<const COUNT: bool>(chunk: &[u8; 64]) -> (u64, u64) {
    use wide::u8x16;
    let (newline, top, continuation) = (u8x16::splat(b'\n'), u8x16::splat(0xc0), u8x16::splat(0x80));
    let (mut newlines, mut continuing) = (0u64, 0u64);
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let v = u8x16::new(part.try_into().unwrap_or_default());
        // `move_mask` sets the low 16 bits, one per byte.
        newlines |= u64::from(v.cmp_eq(newline).move_mask() as u16) << (16 * k);
        if COUNT {
            continuing |= u64::from((v & top).cmp_eq(continuation).move_mask() as u16) << (16 * k);
        }
    }
    (newlines, continuing)
}

/// The line `text[start..end]` (no "\r" in it) holding `continuing` bytes that continue a
/// character.
#[inline(always)]
fn newline_line(text: &str, start: usize, end: usize, continuing: usize) -> Line {
    Line { start, end, chars: end - start - continuing, blank: is_blank(text, start, end) }
}

/// Whether the line `text[start..end]` is white space only (as `trim` has it). Nearly
/// every line starts with a letter, a digit or a mark: one look at its first byte says it
/// is not, before the line is sliced. (An empty line's first byte is a line break or
/// none.)
#[inline(always)]
fn is_blank(text: &str, start: usize, end: usize) -> bool {
    match text.as_bytes().get(start) {
        Some(b) if b.is_ascii_graphic() => false,
        _ => super::trim(text.get(start..end).unwrap_or_default()).is_empty(),
    }
}

/// The line `text[start..end]`; `ascii`: all of `text` is. Inlined: a call per line cost a
/// tenth of `lines`.
#[inline(always)]
fn line(text: &str, ascii: bool, start: usize, end: usize) -> Line {
    let s = text.get(start..end).unwrap_or("");
    // Nearly every line of a book is ASCII: its length is its width.
    let chars = if ascii || s.is_ascii() { s.len() } else { s.chars().count() };
    Line { start, end, chars, blank: is_blank(text, start, end) }
}

/// The widths of a text's non-blank lines, counted per width (for `wrap_width`): one
/// pass over the lines, no list of them and no sort. Widths past `WIDEST` share its slot,
/// where either statistic fails the test anyway.
struct Widths {
    count: [usize; Widths::WIDEST + 1],
    lines: usize,
}

impl Widths {
    const WIDEST: usize = 101;

    fn new() -> Widths {
        Widths { count: [0; Widths::WIDEST + 1], lines: 0 }
    }

    #[inline(always)]
    fn add(&mut self, chars: usize) {
        if let Some(c) = self.count.get_mut(chars.min(Widths::WIDEST)) {
            *c += 1;
        }
        self.lines += 1;
    }

    /// The wrap width of a hard-wrapped text, or `None` when lines are paragraphs.
    fn wrap_width(&self) -> Option<usize> {
        let n = self.lines;
        if n < 8 {
            return None;
        }
        // The width at index `k` of the sorted widths.
        let nth = |k: usize| {
            let mut below = 0;
            self.count.iter().position(|&c| {
                below += c;
                below > k
            })
        };
        let (p90, median) = (nth(n * 9 / 10)?, nth(n / 2)?);
        (p90 <= 100 && median >= 30).then_some(p90)
    }
}

fn first_char(text: &str, line: &Line) -> Option<char> {
    text.get(line.start..line.end).and_then(|s| s.trim_start().chars().next())
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '●' | '◦' | '▪' | '‣' | '*' | '–' | '—')
}

/// Whether the period at `dot` closes a year that leads its line, with nothing before it
/// but white space or a bullet: the label of a chronology's entry ("1905. Portsmouth
/// Treaty--Japan takes Korea"), which the entry's text follows. Only at the start of a
/// unit does the splitter read it so (`split_unit`); a year that leads a line inside a
/// wrapped paragraph ("...who ascended the throne in\n1762. Under the influence") ends
/// its sentence as any year does. Where the line starts, if so.
fn leads_its_line(text: &str, dot: usize) -> Option<usize> {
    let year = dot.checked_sub(4).and_then(|s| text.get(s..dot))?;
    let b = year.as_bytes();
    let year_shaped = b.iter().all(u8::is_ascii_digit) && (b[0] == b'1' || (b[0] == b'2' && b[1] == b'0'));
    if !year_shaped || text.get(dot..=dot) != Some(".") {
        return None;
    }
    // Back from the year to its line's start, over white space and at most one bullet:
    // never further, which in a text of one long line would be the whole text each time.
    let mut marks = 0;
    for (at, c) in text.get(..dot - 4).unwrap_or("").char_indices().rev() {
        if c == '\n' {
            return Some(at + 1);
        }
        if !c.is_whitespace() {
            marks += 1;
            if marks > 1 || !(is_bullet(c) || c == '-') {
                return None;
            }
        }
    }
    Some(0)
}

/// The period of a year label at `lead` (where the unit's text starts), if the line before
/// the unit ends as an entry does (or is blank): in unwrapped text a unit starts at every
/// line that starts with a digit, "...until the autumn of\n1905. The treaty" too.
#[inline(never)]
fn entry_label(text: &str, unit: Span, lead: usize) -> Option<usize> {
    // A bullet and its space are at most four bytes ("• ").
    let head = text.get(lead..unit.end)?.as_bytes();
    let dot = lead + head.iter().take(8).position(u8::is_ascii_digit)? + 4;
    let line = leads_its_line(text, dot)?;
    (line <= unit.start && after_an_ended_line(text, line)).then_some(dot)
}

/// Whether the line before the one that starts at `start` is blank or missing, or ends
/// with final or closing punctuation.
fn after_an_ended_line(text: &str, start: usize) -> bool {
    let Some(before) = start.checked_sub(1) else { return true };
    if text.as_bytes().get(before) != Some(&b'\n') {
        let line = super::line_at(text, before).slice(text).trim_end().trim_end_matches(CLOSERS);
        return line.trim_start().is_empty() || line.ends_with(['.', '?', '!', ':', ';']);
    }
    // Back from the line's end over its white space and closing marks (what `trim_end`
    // and `trim_end_matches` would take off), to the character that ends its words; only
    // white space before that is read further, to tell a blank line.
    let mut rest = text.get(..before).unwrap_or("").char_indices().rev().peekable();
    while rest.next_if(|&(_, c)| c != '\n' && c.is_whitespace()).is_some() {}
    while rest.next_if(|&(_, c)| CLOSERS.contains(&c)).is_some() {}
    match rest.next() {
        None | Some((_, '\n')) => true,
        Some((at, c)) if c.is_whitespace() => super::blank_from_line_start(text, at),
        Some((_, c)) => matches!(c, '.' | '?' | '!' | ':' | ';'),
    }
}

/// Whether `part` (a trimmed part of one line) is exactly one URL of `urls`. URLs hold no
/// white space, so the URLs found in the whole text are those found in each line.
fn is_whole_url(text: &str, part: &str, urls: &[Span]) -> bool {
    let start = part.as_ptr() as usize - text.as_ptr() as usize;
    let i = urls.partition_point(|u| u.start < start);
    urls.get(i).is_some_and(|u| u.start == start && u.end == start + part.len())
}

/// Whether `part` (a slice of `text` inside one block) holds four spaces in a row, given
/// where `FOUR_SPACES` found them in the block (`spaced`, in order). The search, left to
/// right and without overlaps, finds four at the start of every run of four or more
/// spaces: none it found runs into the run's first space. So `part` holds such a run
/// exactly when one it found lies inside `part`.
fn holds_four_spaces(text: &str, part: &str, spaced: &[usize]) -> bool {
    let from = part.as_ptr() as usize - text.as_ptr() as usize;
    spaced.get(spaced.partition_point(|&p| p < from)).is_some_and(|&p| p + 4 <= from + part.len())
}

/// Whether the line break after `cur` (followed by `next`, not blank) ends a unit.
/// `spaced`: where the block's runs of four spaces start, as `FOUR_SPACES` finds them
/// (`split_block`).
fn hard_break(
    text: &str,
    cur: &Line,
    next: &Line,
    wrap: Option<usize>,
    urls: &[Span],
    spaced: &[usize],
) -> bool {
    let cur_text = super::trim(text.get(cur.start..cur.end).unwrap_or(""));
    let next_text = super::trim_start(text.get(next.start..next.end).unwrap_or(""));
    let Some(nc) = first_char(text, next) else { return true };
    if is_bullet(nc)
        || next_text.starts_with("Q:")
        || next_text.starts_with("A:")
        || next_text.starts_with("- ")
    {
        return true;
    }
    if (!cur_text.is_empty() && is_whole_url(text, cur_text, urls))
        || (!next_text.is_empty() && is_whole_url(text, super::trim_end(next_text), urls))
    {
        return true;
    }
    // Tables of contents: columns set with runs of spaces.
    if holds_four_spaces(text, cur_text, spaced) {
        return true;
    }
    match wrap {
        Some(width) => cur.chars * 10 < width * 6,
        None => !nc.is_lowercase() || cur_text.ends_with(['.', '?', '!', ':']),
    }
}

/// Splits `text` into sentences with byte spans, in order, with their flags set.
pub fn segment(text: &str) -> Vec<Sentence> {
    let lower = super::ascii_lowered(text);
    // Every block holds part of the whole text's span.
    let thread = super::flags::is_thread(text, lower.as_deref());
    let Segmented { mut sentences, .. } =
        segment_hot(text, lower.as_deref(), &[Span::new(0, text.len())], thread);
    super::flags::mark(text, lower.as_deref(), &mut sentences, None, thread, true);
    sentences
}

/// What `segment_hot` made: the sentences of the blocks it split, and those blocks.
#[derive(Debug, Default)]
pub struct Segmented {
    /// In order, without flags (see `mark_flags`).
    pub sentences: Vec<Sentence>,
    /// The blocks split (runs of non-blank lines), in order: every sentence lies in one,
    /// and nothing outside them was looked at.
    pub blocks: Vec<Span>,
    /// The text is an alternate-history thread (as the caller said): every block was
    /// split, and every sentence needs its flags (one depends on the sentences before it).
    pub thread: bool,
    /// The blocks left whole, to be split later if a caller asks.
    pub left: LeftWhole,
}

/// The layout `segment_needed` read and which of its blocks it split: the blocks it left
/// whole can still be split, as splitting the whole text splits them.
#[derive(Default)]
pub struct LeftWhole {
    layout: Option<Layout>,
    split: Vec<bool>,
}

impl std::fmt::Debug for LeftWhole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whole = self.split.iter().filter(|s| !**s).count();
        f.debug_struct("LeftWhole").field("blocks", &self.split.len()).field("whole", &whole).finish()
    }
}

impl LeftWhole {
    /// The sentences of the blocks left whole that one of `spans` touches, in order and
    /// without flags: those splitting the whole text makes there, as a block splits
    /// alike alone or in the text. `lower` as for `segment_needed`.
    pub fn split(&self, text: &str, lower: Option<&str>, spans: &[Span]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let Some(layout) = &self.layout else { return out };
        let mut wanted = vec![false; layout.blocks.len()];
        for i in spans.iter().flat_map(|h| touching(&layout.blocks, *h)) {
            if let (Some(w), Some(false)) = (wanted.get_mut(i), self.split.get(i)) {
                *w = true;
            }
        }
        for (block, _) in layout.blocks.iter().zip(&wanted).filter(|(_, &w)| w) {
            layout.split_block(text, lower, block, &mut out);
        }
        out
    }

    /// The blocks left whole, in order.
    pub fn blocks(&self) -> impl Iterator<Item = Span> + '_ {
        let blocks = self.layout.iter().flat_map(|l| &l.blocks);
        blocks.zip(&self.split).filter(|(_, &s)| !s).map(|(b, _)| b.span)
    }
}

/// The indexes of the `blocks` (in order) that span `h` touches; an empty span touches the
/// block it lies in.
fn touching(blocks: &[Block], h: Span) -> impl Iterator<Item = usize> + '_ {
    let first = blocks.partition_point(|b| b.span.end <= h.start);
    let end = h.end.max(h.start + 1);
    (first..blocks.len()).take_while(move |&i| blocks.get(i).is_some_and(|b| b.span.start < end))
}

/// `segment` of only the blocks (runs of non-blank lines) that hold one of the `hot` spans,
/// without flags: the caller sets those it reads with `mark_flags`. In an
/// alternate-history thread, where a flag depends on the sentences before, every block is
/// split.
///
/// Sentences never cross a blank line, so a block splits the same alone as in the whole
/// text; the wrap width is still measured over every line. A block is also split when the
/// next one is, and that one opens with an answer ("A:") or a quotation mark: the answer's
/// question, and the link or speaker before a quotation, are in the sentence before it.
/// On book-length text most blocks hold no date and no name, and are never split.
///
/// `lower` is `text` from `ascii_lowered`, when it could be made; `thread` is
/// `is_thread(text, lower)`, which the caller may know from searches it makes anyway
/// (`is_thread_at`).
pub fn segment_hot(text: &str, lower: Option<&str>, hot: &[Span], thread: bool) -> Segmented {
    segment_needed(text, lower, hot, &Weak::NONE, thread, None)
}

/// Spans that make a block worth splitting only if something can read the sentences they
/// are in: `needed(window)` says whether that is so for a `window` of the block that
/// holds every sentence the span touches (`sentence_window`). A block is split if
/// it holds a hot span, or a weak one whose window is `needed`.
///
/// `needed` must be monotone: true of a window if true of any part of it made of whole
/// words, as a test for words or names in it is. The window is found from sentence ends
/// the splitter would certainly make, so it may hold more than the sentences it stands
/// for, never less.
pub struct Weak<'a> {
    pub spans: &'a [Span],
    pub needed: &'a dyn Fn(Span) -> bool,
    /// Whether a one-line block may be a heading that names an event the first sentence
    /// of the dated block after it takes up (`claims::heading`): both are split then.
    pub heads: &'a dyn Fn(Span, Span) -> bool,
}

impl Weak<'_> {
    /// No weak spans.
    pub const NONE: Weak<'static> = Weak { spans: &[], needed: &|_| true, heads: &|_, _| false };
}

/// `segment_hot` with `weak` spans besides the hot ones. On book-length text most of the
/// blocks that only a date makes hot hold no sentence that a name or an answer could make
/// something of, and they are left whole (`Weak`). `url_marks`: where `lower` holds
/// `URL_MARKS`, if the caller found them (each block is searched for them otherwise).
pub fn segment_needed(
    text: &str,
    lower: Option<&str>,
    hot: &[Span],
    weak: &Weak<'_>,
    thread: bool,
    url_marks: Option<&[Span]>,
) -> Segmented {
    let mut layout = Layout::new(text);
    layout.url_marks = url_marks.map(<[Span]>::to_vec);
    let mut keep = vec![thread; layout.blocks.len()];
    if !thread {
        let blocks = &layout.blocks;
        let touching = |h: &Span| touching(blocks, *h);
        for h in hot {
            for i in touching(h) {
                if let Some(k) = keep.get_mut(i) {
                    *k = true;
                }
            }
        }
        // The windows of the weak spans of a block, in order; those that overlap are
        // joined and tested once (a test true of a window's part is true of it), so that
        // the times of one sentence ("from 1904 to 1905") cost one test.
        let mut pending: Option<(usize, Span)> = None;
        let mut marked: Option<(usize, bool)> = None;
        let mut dated = vec![false; blocks.len()];
        let test = |pending: Option<(usize, Span)>, keep: &mut [bool]| {
            if let Some((i, w)) = pending {
                if let Some(k) = keep.get_mut(i) {
                    *k = *k || (weak.needed)(w);
                }
            }
        };
        for h in weak.spans {
            for i in touching(h) {
                let (Some(&k), Some(b)) = (keep.get(i), blocks.get(i)) else { continue };
                if let Some(d) = dated.get_mut(i) {
                    *d = true;
                }
                if k {
                    continue;
                }
                if pending.is_some_and(|(p, w)| p == i && h.end <= w.end) {
                    continue;
                }
                // A URL can hide a sentence end from the splitter: no window is found in
                // a block that may hold one, and the block is split. (Looked for once per
                // block: the spans of a block come one after another.)
                let url = match marked {
                    Some((j, url)) if j == i => url,
                    _ => lower.is_none_or(|l| layout.url_mark_in(l, b.span)),
                };
                marked = Some((i, url));
                if url {
                    if let Some(k) = keep.get_mut(i) {
                        *k = true;
                    }
                    continue;
                }
                let window = sentence_window(text, b.span, *h);
                pending = match pending {
                    Some((p, w)) if p == i && window.start <= w.end => Some((i, w.cover(window))),
                    other => {
                        test(other, &mut keep);
                        // The test may have kept this very block.
                        (!keep.get(i).copied().unwrap_or(true)).then_some((i, window))
                    }
                };
            }
        }
        test(pending, &mut keep);
        keep_headings(&layout.blocks, &dated, weak, &mut keep);
        for i in (1..layout.blocks.len()).rev() {
            let opens = layout.blocks.get(i).map_or("", |b| super::trim_start(b.span.slice(text)));
            if keep.get(i).copied().unwrap_or(false)
                && (opens.starts_with("A:") || opens.starts_with(['"', '\u{201c}']))
            {
                if let Some(k) = keep.get_mut(i - 1) {
                    *k = true;
                }
            }
        }
    }
    // About a sentence per 128 bytes split, to start with.
    let split: usize = layout.blocks.iter().zip(&keep).filter(|(_, &k)| k).map(|(b, _)| b.span.len()).sum();
    let mut sentences = Vec::with_capacity((split / 128).min(1 << 14));
    let mut blocks = Vec::new();
    for (block, _) in layout.blocks.iter().zip(&keep).filter(|(_, &k)| k) {
        layout.split_block(text, lower, block, &mut sentences);
        blocks.push(block.span);
    }
    Segmented { sentences, blocks, thread, left: LeftWhole { layout: Some(layout), split: keep } }
}

/// The first sentence under a heading may take up the event the heading names
/// ("PROMULGATION OF THE CONSTITUTION" / "On the 11th of February, 1889, the Constitution
/// was promulgated"): a dated block and the one-line block before it are kept if
/// `weak.heads` says so. (Out of line: it runs once per text, apart from the hot loop of
/// `segment_needed`.)
#[inline(never)]
fn keep_headings(blocks: &[Block], dated: &[bool], weak: &Weak<'_>, keep: &mut [bool]) {
    for i in 1..blocks.len() {
        let (Some(heading), Some(block)) = (blocks.get(i - 1), blocks.get(i)) else { continue };
        let both = keep.get(i - 1) == Some(&true) && keep.get(i) == Some(&true);
        if dated.get(i) == Some(&true)
            && !both
            && heading.lines == 1
            && (weak.heads)(heading.span, block.span)
        {
            for k in keep.iter_mut().skip(i - 1).take(2) {
                *k = true;
            }
        }
    }
}

/// Sets the flags of `sentences` (from `segment_hot`): `quoted`, `attributed_to`,
/// `hypothetical` and `question` on those `flags_for` marks, `repeat_of` on those
/// `repeats_for` marks: each is compared with the marked ones before it, and one also
/// `flags_for` that none of them repeats, with every other sentence before it. A sentence
/// marked only `flags_for` gets no `repeat_of`. In a `thread`, every sentence gets every
/// flag.
pub fn mark_flags(
    text: &str,
    lower: Option<&str>,
    sentences: &mut [Sentence],
    (flags_for, repeats_for): (&[bool], &[bool]),
    thread: bool,
    markup: bool,
) {
    super::flags::mark(text, lower, sentences, Some((flags_for, repeats_for)), thread, markup);
}

/// The blocks of `text`: runs of non-blank lines, in order. No sentence, and no citation,
/// crosses a blank line.
pub(crate) fn blocks(text: &str) -> Vec<Span> {
    Layout::new(text).blocks.into_iter().map(|b| b.span).collect()
}

/// A run of non-blank lines: no sentence crosses its ends.
struct Block {
    /// How many lines it has.
    lines: usize,
    /// From its first line's start to its last line's end.
    span: Span,
}

impl Block {
    /// The block's lines, read from the block alone: the whole text's lines there, as the
    /// block starts at a line's start and ends at a line's end.
    fn lines_in(&self, text: &str) -> Vec<Line> {
        let mut lines = Vec::with_capacity(self.lines);
        for_each_line(self.span.slice(text), |l| {
            lines.push(Line { start: l.start + self.span.start, end: l.end + self.span.start, ..l });
        });
        lines
    }
}

/// The wrap width of a text and its blocks. The lines themselves are not kept: most
/// blocks are never split, and one that is reads its lines again (`Block::lines_in`). A list
/// of every line of every text, read twice more to count widths and to find blocks, was
/// most of the cost of this pass.
struct Layout {
    wrap: Option<usize>,
    blocks: Vec<Block>,
    /// Where the lowercased text holds `URL_MARKS`, in order, where they were found with
    /// it; else each block is searched for them.
    url_marks: Option<Vec<Span>>,
}

impl Layout {
    fn new(text: &str) -> Layout {
        let mut widths = Widths::new();
        // About a block per 256 bytes of a book, to start with (a `Vec` grown from empty
        // copies it again at each doubling); no more than a book's worth at first.
        let mut blocks = Vec::with_capacity((text.len() / 256).min(1 << 14));
        // The block being read: its span so far and its lines.
        let mut open: Option<(Span, usize)> = None;
        for_each_line(text, |l| {
            if l.blank {
                if let Some((span, lines)) = open.take() {
                    blocks.push(Block { lines, span });
                }
                return;
            }
            widths.add(l.chars);
            open = Some(match open {
                Some((span, lines)) => (Span::new(span.start, l.end), lines + 1),
                None => (Span::new(l.start, l.end), 1),
            });
        });
        if let Some((span, lines)) = open {
            blocks.push(Block { lines, span });
        }
        Layout { wrap: widths.wrap_width(), blocks, url_marks: None }
    }

    /// Whether `block` of `lower` (the text lowercased) holds one of `URL_MARKS`. No mark
    /// holds white space, so one that starts in a block ends in it.
    fn url_mark_in(&self, lower: &str, block: Span) -> bool {
        match &self.url_marks {
            Some(marks) => marks
                .get(marks.partition_point(|m| m.start < block.start))
                .is_some_and(|m| m.end <= block.end),
            None => has_url_mark(block.slice(lower)),
        }
    }

    /// The sentences of one block, appended to `out`. A paragraph's id is the offset where
    /// it starts: the block in hard-wrapped text, each unit in unwrapped text.
    fn split_block(&self, text: &str, lower: Option<&str>, block: &Block, out: &mut Vec<Sentence>) {
        let lines = block.lines_in(text);
        // URLs hold no white space: those of the block are those the whole text has there.
        let urls: Vec<Span> = match lower.and_then(|l| Some((l, l.get(block.span.start..block.span.end)?))) {
            Some((whole, _)) if !self.url_mark_in(whole, block.span) => Vec::new(),
            Some((_, lower)) => URL_LOWER.find_iter(lower).map(|m| Span::new(m.start(), m.end())).collect(),
            None => {
                let block = block.span.slice(text);
                URL.on(block).find_iter(block).map(|m| Span::new(m.start(), m.end())).collect()
            }
        };
        let urls: Vec<Span> = urls.into_iter().map(|u| u.shift(block.span.start)).collect();
        // Runs of four spaces, found once for the block: a search per line cost more in
        // setting up than in searching, and nearly every block has none.
        let spaced: Vec<usize> =
            FOUR_SPACES.find_iter(block.span.slice(text).as_bytes()).map(|p| block.span.start + p).collect();
        let Some(first) = lines.first() else { return };
        let mut paragraph = first.start;
        let mut unit_start = first.start;
        for (i, line) in lines.iter().enumerate() {
            let ends = match lines.get(i + 1) {
                Some(next) => hard_break(text, line, next, self.wrap, &urls, &spaced),
                None => true,
            };
            if ends {
                split_unit(text, Span::new(unit_start, line.end), paragraph, &urls, out);
                if let Some(next) = lines.get(i + 1) {
                    unit_start = next.start;
                    // In unwrapped text a line is a paragraph.
                    if self.wrap.is_none() {
                        paragraph = next.start;
                    }
                }
            }
        }
    }
}

/// Whether `lower` (lowercased text) holds what every URL holds ("://" or "www.").
fn has_url_mark(lower: &str) -> bool {
    URL_FINDERS.iter().any(|f| f.find(lower.as_bytes()).is_some())
}

fn in_url(urls: &[Span], at: usize) -> bool {
    let i = urls.partition_point(|u| u.end <= at);
    urls.get(i).is_some_and(|u| u.start <= at && at < u.end)
}

/// The word before a period at `dot`: letters and inner periods back to a space.
fn word_before(text: &str, dot: usize) -> &str {
    let head = text.get(..dot).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    head.get(start..).unwrap_or("")
}

fn is_abbreviation(word: &str, next: &str) -> bool {
    let w = word.trim_start_matches('.');
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return false,
        // An initial ("Ian A. Nish", "S. S. Siberia") or "c. 1900", "p. 25".
        (Some(first), None) => return first.is_alphabetic(),
        _ => {}
    }
    if w.contains('.') {
        return true; // "U.S.", "e.g.", "i.e."
    }
    // Compared ignoring ASCII case: the lists are ASCII, and no character beyond ASCII
    // lowercases to a letter of theirs (the Kelvin sign goes to "k", which none has).
    let Some(key) = folded(w) else { return false };
    let [abbreviations, number_abbreviations] = &*FOLDED_ABBREVIATIONS;
    if abbreviations.contains(&key) {
        return true;
    }
    // What follows is looked at only after a word that is one of these ("No. 3"): nearly
    // every word before a period is none.
    number_abbreviations.contains(&key) && {
        next.chars().next().is_some_and(|c| c.is_ascii_digit())
            || next.split_whitespace().next().is_some_and(|t| {
                let t = t.trim_end_matches(['.', ',', ';', ':']);
                !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'i' | 'v' | 'x'))
            })
    }
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

fn split_unit(text: &str, unit: Span, paragraph: usize, urls: &[Span], out: &mut Vec<Sentence>) {
    let body = unit.slice(text);
    let mut start = unit.start;
    // A chronology entry's year label at the unit's start is part of the entry
    // (`entry_label`); looked for only where the unit's first byte may start one.
    let lead = body.trim_start();
    let label = match lead.as_bytes().first() {
        Some(b) if b.is_ascii_digit() || b.is_ascii_punctuation() || *b >= 0x80 => {
            entry_label(text, unit, unit.start + (body.len() - lead.len()))
        }
        _ => None,
    };
    // Jump from one candidate end of sentence to the next: '.', '?', '!' by memchr, and
    // '…' by a substring search, kept until passed: the next '…' at or after `from`.
    let bytes = body.as_bytes();
    let mut dots = ELLIPSIS.find(bytes);
    let mut from = 0;
    while from < bytes.len() {
        if dots.is_some_and(|d| d < from) {
            dots = bytes.get(from..).and_then(|rest| ELLIPSIS.find(rest)).map(|d| from + d);
        }
        let ascii =
            bytes.get(from..).and_then(|rest| memchr::memchr3(b'.', b'?', b'!', rest)).map(|a| from + a);
        let Some(rel) = (match (ascii, dots) {
            (Some(a), Some(d)) => Some(a.min(d)),
            (a, d) => a.or(d),
        }) else {
            break;
        };
        let Some(c) = body.get(rel..).and_then(|r| r.chars().next()) else { break };
        from = rel + c.len_utf8();
        let at = unit.start + rel;
        if in_url(urls, at) {
            continue;
        }
        // Swallow a run of final punctuation and closing quotes or brackets.
        let mut end = at + c.len_utf8();
        while let Some(d) = body.get(from..).and_then(|r| r.chars().next()) {
            if in_final_run(d) {
                from += d.len_utf8();
                end = unit.start + from;
            } else {
                break;
            }
        }
        // Closing tags after the run ("1894.[/quote] That is", "1905.</p>") close what
        // the sentence was in, and footnote marks ("in 1905.[28] In the year 1904") point
        // from it: the sentence ends after them.
        let tags = closing_marks(body.get(from..).unwrap_or(""));
        if tags > 0 {
            from += tags;
            end = unit.start + from;
        }
        if (Some(at) == label && end == at + 1) || !ends_sentence(text, at, c, end, unit.end) {
            continue;
        }
        push(text, Span::new(start, end), paragraph, out);
        start = end;
    }
    push(text, Span::new(start, unit.end), paragraph, out);
}

/// A final mark: what the splitter looks for to end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// A character of a run of final marks and closers, which the splitter swallows whole
/// after a final mark ("?!", ".”)").
fn in_final_run(c: char) -> bool {
    is_terminal(c) || CLOSERS.contains(&c)
}

/// The length of the closing markup tags at the start of `rest`: BBCode's `[/quote]`,
/// HTML's `</p>`, one after another (`</i></p>`). A tag's name is one to twelve ASCII
/// letters or digits; nothing else is taken for one.
fn closing_tags(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut len = 0;
    while let Some(tag) = bytes.get(len..) {
        let close = match tag {
            [b'[', b'/', ..] => b']',
            [b'<', b'/', ..] => b'>',
            _ => break,
        };
        let name = tag.get(2..).unwrap_or_default().iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if !(1..=12).contains(&name) || tag.get(2 + name) != Some(&close) {
            break;
        }
        len += name + 3;
    }
    len
}

/// The length of the footnote marks at the start of `rest`: "[28]", "[a]", one after
/// another ("[1][2]"). One to three digits, or one lowercase letter, in square brackets.
fn footnote_marks(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut len = 0;
    while let Some([b'[', tail @ ..]) = bytes.get(len..) {
        let digits = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        let inner = match tail.first() {
            Some(b) if b.is_ascii_lowercase() => 1,
            _ if (1..=3).contains(&digits) => digits,
            _ => break,
        };
        if tail.get(inner) != Some(&b']') {
            break;
        }
        len += inner + 2;
    }
    len
}

/// The length of a superscript element at the start of `rest` (`<sup>[3]</sup>`, or
/// Wikipedia's `<sup class="reference"><a href="#cite_note-3">[3]</a></sup>`): after a
/// sentence's final run it holds a footnote mark. Up to 200 bytes, on one line.
fn superscript(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    if !(bytes.starts_with(b"<sup>") || bytes.starts_with(b"<sup ")) {
        return 0;
    }
    let reach = bytes.get(..bytes.len().min(200)).unwrap_or_default();
    match memchr::memmem::find(reach, b"</sup>") {
        Some(end) if !reach.get(..end).unwrap_or_default().contains(&b'\n') => end + 6,
        _ => 0,
    }
}

/// The length of the closing tags, footnote marks and superscripts after a sentence's
/// final run, in any order ("1905.[3]</p>", "1905.<sup>[3]</sup>").
fn closing_marks(rest: &str) -> usize {
    // Nearly every final run is followed by a space: one look spares the searches.
    if !rest.starts_with(['<', '[']) {
        return 0;
    }
    let mut len = 0;
    loop {
        let tail = rest.get(len..).unwrap_or("");
        let tags = closing_tags(tail) + superscript(tail);
        let n = tags + footnote_marks(tail.get(tags..).unwrap_or(""));
        if n == 0 {
            return len;
        }
        len += n;
    }
}

/// `rest` after the opening markup tags at its start (`<p>`, `<a href="...">`,
/// `[quote="name"]`): a tag is `<` or `[`, an ASCII letter, and up to 80 more bytes
/// to its `>` or `]` on the same line.
fn after_opening_tags(mut rest: &str) -> &str {
    loop {
        let bytes = rest.as_bytes();
        let close = match bytes {
            [b'<', l, ..] if l.is_ascii_alphabetic() => b'>',
            [b'[', l, ..] if l.is_ascii_alphabetic() => b']',
            _ => return rest,
        };
        let reach = bytes.get(..bytes.len().min(82)).unwrap_or_default();
        let Some(end) = reach.iter().position(|&b| b == close || b == b'\n') else { return rest };
        if reach.get(end) != Some(&close) {
            return rest;
        }
        rest = rest.get(end + 1..).unwrap_or_default();
    }
}

/// Whether the run of final punctuation and closers that starts with `c` at `at` and ends
/// at `end` ends a sentence, judged on the text after it up to `limit`.
fn ends_sentence(text: &str, at: usize, c: char, end: usize, limit: usize) -> bool {
    let rest = text.get(end..limit).unwrap_or("");
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let next = super::trim_start(rest);
    // Opening tags before the next sentence ("1905. <p>The", "[quote]It") are passed
    // over: what follows them starts it.
    let next = after_opening_tags(next);
    let Some(nc) = next.chars().next() else { return false };
    let starts_sentence = nc.is_uppercase()
        || nc.is_ascii_digit()
        || is_bullet(nc)
        || next.starts_with("http://")
        || next.starts_with("https://")
        || (matches!(nc, '"' | '“' | '‘' | '(' | '[' | '\'')
            && next.chars().nth(1).is_some_and(|d| d.is_uppercase() || d.is_ascii_digit()));
    starts_sentence && !(c == '.' && end == at + 1 && is_abbreviation(word_before(text, at), next))
}

/// The run of final punctuation and closers around the ASCII final mark at `i` of
/// `block` (its start and end), and whether a sentence certainly ends there.
///
/// The splitter judges a run (marks "?", "!", ".", "…" and closers, with no space) at its
/// first final mark, and ends a sentence at the run's end if `ends_sentence` says so on
/// the text up to the end of the unit (lines joined by soft breaks). Judged up to the end
/// of the block instead, the answer differs only where the unit ends right after the run,
/// and there the sentence ends anyway. (Not in a block with a URL, where the splitter
/// passes over marks inside one.)
fn certain_end(text: &str, block: Span, i: usize) -> (usize, usize, bool) {
    let head = text.get(block.start..i).unwrap_or("");
    let run_start = block.start
        + head
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_final_run(c))
            .last()
            .map_or(head.len(), |(k, _)| k);
    let run = text.get(run_start..block.end).unwrap_or("");
    let run_len = run.char_indices().find(|&(_, c)| !in_final_run(c)).map_or(run.len(), |(k, _)| k);
    let end = run_start + run_len;
    let end = end + closing_marks(text.get(end..block.end).unwrap_or(""));
    let first = run.get(..run_len).and_then(|r| r.char_indices().find(|&(_, c)| is_terminal(c)));
    // A year's period that leads a line may be an entry's label (`split_unit` knows where
    // its units start; this does not): never certain, which only widens a window.
    let ends = first.is_some_and(|(k, c)| {
        !(k == 0 && end == run_start + 1 && leads_its_line(text, run_start).is_some())
            && ends_sentence(text, run_start + k, c, end, block.end)
    });
    (run_start, end, ends)
}

/// A span of `block` that holds every sentence the splitter makes there that `span`
/// touches: from the last certain sentence end at or before its start to the first at or
/// after its end (`certain_end`), or the block's ends. Each end is looked for by its
/// ASCII marks only: a sentence end by "…" alone is passed over, which only widens it.
pub(crate) fn sentence_window(text: &str, block: Span, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut start = block.start;
    let mut before = span.start.clamp(block.start, block.end);
    while let Some(i) = bytes.get(block.start..before).and_then(|b| memchr::memrchr3(b'.', b'?', b'!', b)) {
        // Each run is judged once: the search goes on before its start.
        let (run_start, run_end, ends) = certain_end(text, block, block.start + i);
        if ends && run_end <= span.start {
            start = run_end;
            break;
        }
        before = run_start;
    }
    let mut end = block.end;
    let mut after = span.end.clamp(block.start, block.end);
    while let Some(i) = bytes.get(after..block.end).and_then(|b| memchr::memchr3(b'.', b'?', b'!', b)) {
        // Every run found here ends past the span (it holds a mark at or after its end).
        let (_, run_end, ends) = certain_end(text, block, after + i);
        if ends {
            end = run_end;
            break;
        }
        after = run_end;
    }
    Span::new(start, end.max(start))
}

fn push(text: &str, span: Span, paragraph: usize, out: &mut Vec<Sentence>) {
    let span = super::trim_span(text, span);
    if span.is_empty() {
        return;
    }
    out.push(Sentence {
        span,
        paragraph,
        quoted: false,
        hypothetical: false,
        repeat_of: None,
        question: false,
        attributed_to: None,
    });
}

crate::warm_up!(URL_LOWER, URL, URL_FINDERS, FOUR_SPACES, ELLIPSIS, FOLDED_ABBREVIATIONS);

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        segment(text).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn a_sentence_ends_after_the_closing_tags_that_follow_it() {
        assert_eq!(
            texts("[quote]It came in 1894.[/quote] No, it was 1895. <p>Then 1896.</p></div> After."),
            ["[quote]It came in 1894.[/quote]", "No, it was 1895.", "<p>Then 1896.</p></div>", "After."]
        );
        // No tag: a name too long, a bracket that does not close it, no space after it.
        assert_eq!(
            texts("It came in 1894.[/averyveryverylongname] Yes."),
            ["It came in 1894.[/averyveryverylongname] Yes."]
        );
        assert_eq!(texts("It came in 1894.[/quote> Yes."), ["It came in 1894.[/quote> Yes."]);
        assert_eq!(texts("It came in 1894.[/quote]Yes."), ["It came in 1894.[/quote]Yes."]);
        // An opening tag before the next sentence, but not a bracket of prose.
        assert_eq!(texts("It was 1895. [b]Then[/b] came 1896."), ["It was 1895.", "[b]Then[/b] came 1896."]);
        assert_eq!(texts("It was 1895. [sic] then 1896."), ["It was 1895. [sic] then 1896."]);
        assert_eq!(closing_tags("</i></p>x"), 8);
        assert_eq!(closing_tags("[/]"), 0);
        assert_eq!(footnote_marks("[28] In"), 4);
        assert_eq!(footnote_marks("[1][2] In"), 6);
        assert_eq!(footnote_marks("[a] In"), 3);
        assert_eq!(footnote_marks("[1234] In"), 0);
        assert_eq!(footnote_marks("[A] In"), 0);
        assert_eq!(footnote_marks("[ab] In"), 0);
        assert_eq!(footnote_marks("[/quote]"), 0);
        assert_eq!(closing_marks("[3]</p> Next"), 7);
        assert_eq!(closing_marks("</p>[3] Next"), 7);
    }

    #[test]
    fn a_sentence_ends_after_the_footnote_marks_that_follow_it() {
        // Brown: "in 1905.[28] In the year 1904, 63,529,623 gallons of kerosene".
        assert_eq!(
            texts("It rose in 1905.[28] In the year 1904, it fell.[1][2] Then 1906.[a]</p> After."),
            ["It rose in 1905.[28]", "In the year 1904, it fell.[1][2]", "Then 1906.[a]</p>", "After."]
        );
        // Not a footnote mark: four digits, a capital, a word, no space after it.
        assert_eq!(texts("It came in 1894.[1894] Yes."), ["It came in 1894.[1894] Yes."]);
        assert_eq!(texts("It came in 1894.[A] Yes."), ["It came in 1894.[A] Yes."]);
        assert_eq!(texts("It came in 1894.[note] Yes."), ["It came in 1894.[note] Yes."]);
        assert_eq!(texts("It came in 1894.[1]Yes."), ["It came in 1894.[1]Yes."]);
        // In a superscript, as web pages set them.
        assert_eq!(
            texts(
                r##"<p>It rose in 1905.<sup id="r1" class="reference"><a href="#n1">[1]</a></sup> In 1904 it fell.<sup>2</sup></p> After."##
            ),
            [
                r##"<p>It rose in 1905.<sup id="r1" class="reference"><a href="#n1">[1]</a></sup>"##,
                "In 1904 it fell.<sup>2</sup></p>",
                "After."
            ]
        );
        assert_eq!(texts("It came in 1894.<sup>1 Yes."), ["It came in 1894.<sup>1 Yes."]);
    }

    /// `wrap_width` by sorting the widths: what the count must give.
    fn wrap_width_by_sorting(lines: &[Line]) -> Option<usize> {
        let mut widths: Vec<usize> = lines.iter().filter(|l| !l.blank).map(|l| l.chars).collect();
        widths.sort_unstable();
        let n = widths.len();
        let (p90, median) = (*widths.get(n * 9 / 10)?, *widths.get(n / 2)?);
        (n >= 8 && p90 <= 100 && median >= 30).then_some(p90)
    }

    proptest::proptest! {
        #[test]
        fn wrap_width_is_the_ninetieth_percentile_of_the_widths(
            lines in proptest::collection::vec((0usize..160, proptest::bool::weighted(0.1)), 0..60),
            shift in 0usize..70,
        ) {
            // Widths around the limits (30, 100) as often as not.
            let lines: Vec<Line> = lines
                .iter()
                .map(|&(w, blank)| Line { start: 0, end: 0, chars: w / 2 + shift, blank })
                .collect();
            let mut widths = Widths::new();
            lines.iter().filter(|l| !l.blank).for_each(|l| widths.add(l.chars));
            proptest::prop_assert_eq!(widths.wrap_width(), wrap_width_by_sorting(&lines));
        }
    }

    /// `leads_its_line` and `after_an_ended_line` as they were first written, from the
    /// whole line (`line_at`): the bounded reads must agree with them.
    fn leads_its_line_by_lines(text: &str, dot: usize) -> Option<usize> {
        let year = dot.checked_sub(4).and_then(|s| text.get(s..dot))?;
        let b = year.as_bytes();
        let year_shaped =
            b.iter().all(u8::is_ascii_digit) && (b[0] == b'1' || (b[0] == b'2' && b[1] == b'0'));
        if !year_shaped || text.get(dot..=dot) != Some(".") {
            return None;
        }
        let line = super::super::line_at(text, dot);
        let before = text.get(line.start..dot - 4).unwrap_or("").trim();
        let mut chars = before.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Some(line.start),
            (Some(c), None) if is_bullet(c) || c == '-' => Some(line.start),
            _ => None,
        }
    }

    fn after_an_ended_line_by_lines(text: &str, start: usize) -> bool {
        let Some(before) = start.checked_sub(1) else { return true };
        let line = super::super::line_at(text, before).slice(text).trim_end().trim_end_matches(CLOSERS);
        line.trim_start().is_empty() || line.ends_with(['.', '?', '!', ':', ';'])
    }

    proptest::proptest! {
        /// Reading back from a year or a line's start only as far as the answer needs
        /// gives the answer of reading the whole line.
        #[test]
        fn line_tests_read_back_no_further_than_needed_and_agree(
            text in "(?s)[a.) \"”\u{a0}\t\r\n•—-]{0,12}(1904\\.[ a\n]{0,3}){0,2}[a.) ”\u{a0}\r\n•-]{0,8}(1905\\.)?"
        ) {
            for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                proptest::prop_assert_eq!(leads_its_line(&text, at), leads_its_line_by_lines(&text, at), "{:?} at {}", text, at);
                if at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n') {
                    proptest::prop_assert_eq!(
                        after_an_ended_line(&text, at),
                        after_an_ended_line_by_lines(&text, at),
                        "{:?} at {}", text, at
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// The lines are those of one search for both line-break bytes, with "\r" in the
        /// text or without.
        #[test]
        fn lines_are_those_of_a_search_for_both_breaks(text in "(?s)[a-z é\n\r]{0,120}") {
            let mut expected = Vec::new();
            let mut start = 0;
            for i in memchr::memchr2_iter(b'\n', b'\r', text.as_bytes()) {
                if i >= start {
                    expected.push((start, i));
                    start = if text.get(i..i + 2) == Some("\r\n") { i + 2 } else { i + 1 };
                }
            }
            expected.push((start, text.len()));
            let got: Vec<(usize, usize)> = lines(&text).iter().map(|l| (l.start, l.end)).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        /// Each line's bounds, width in characters and blankness are those of the line as
        /// a string, in texts of every kind of line over several 64-byte chunks, with
        /// characters of two, three and four bytes, and white space beyond ASCII.
        #[test]
        fn lines_hold_their_characters_and_blankness(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "a", "word ", "1905", ".", " ", "  ", "\t", "\u{b}", "\u{c}", "\u{a0}", "\u{2003}", "é", "’",
                    "—", "日本", "😀", "\n", "\n\n", "\r\n", "\r",
                ][..]),
                0..120,
            ),
        ) {
            let text = pieces.concat();
            let got = lines(&text);
            let expected: Vec<&str> = if text.contains('\r') {
                text.split("\r\n").flat_map(|p| p.split(['\n', '\r'])).collect()
            } else {
                text.split('\n').collect()
            };
            proptest::prop_assert_eq!(got.len(), expected.len());
            for (l, e) in got.iter().zip(&expected) {
                proptest::prop_assert_eq!(text.get(l.start..l.end), Some(*e));
                proptest::prop_assert_eq!(l.chars, e.chars().count(), "{:?}", e);
                proptest::prop_assert_eq!(l.blank, e.trim().is_empty(), "{:?}", e);
            }
        }
    }

    proptest::proptest! {
        /// A block's lines, read again from the block alone as `split_block` reads them,
        /// are the whole text's lines there; the blocks are the runs of non-blank lines.
        #[test]
        fn a_blocks_lines_read_alone_are_the_texts_lines_there(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "a", "word ", "1905.", " ", "\t", "\u{a0}", "é", "’", "日本", "\n", "\n\n", "\n \n", "\r\n", "\r",
                ][..]),
                0..120,
            ),
        ) {
            let text = pieces.concat();
            let all = lines(&text);
            let layout = Layout::new(&text);
            let expected: Vec<(Span, usize)> = all
                .split(|l| l.blank)
                .filter_map(|run| Some((Span::new(run.first()?.start, run.last()?.end), run.len())))
                .collect();
            let blocks: Vec<(Span, usize)> = layout.blocks.iter().map(|b| (b.span, b.lines)).collect();
            proptest::prop_assert_eq!(blocks, expected);
            for b in &layout.blocks {
                let alone: Vec<(usize, usize, usize, bool)> =
                    b.lines_in(&text).iter().map(|l| (l.start, l.end, l.chars, l.blank)).collect();
                let whole: Vec<(usize, usize, usize, bool)> = all
                    .iter()
                    .filter(|l| b.span.start <= l.start && l.end <= b.span.end)
                    .map(|l| (l.start, l.end, l.chars, l.blank))
                    .collect();
                proptest::prop_assert_eq!(alone, whole, "{:?}", b.span.slice(&text));
            }
        }
    }

    proptest::proptest! {
        /// Lines that run over several 64-byte chunks, with characters beyond ASCII on
        /// either side of a chunk's end, count each character once: texts with no "\r",
        /// which the masks read, and few line breaks.
        #[test]
        fn long_lines_count_their_characters_across_chunks(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[
                    "word ", "a", "1905.", " ", "é", "’", "—", "日本", "😀", "ſ", "\n",
                ][..]),
                0..300,
            ),
        ) {
            let text = pieces.concat();
            let got: Vec<(usize, usize, usize)> = lines(&text).iter().map(|l| (l.start, l.end, l.chars)).collect();
            let mut expected = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                expected.push((start, start + line.len(), line.chars().count()));
                start += line.len() + 1;
            }
            proptest::prop_assert_eq!(got, expected);
        }
    }

    proptest::proptest! {
        /// Four spaces found once over the block are found in each trimmed line as a
        /// search of the line finds them.
        #[test]
        fn four_spaces_found_in_the_block_are_those_of_each_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(&[" ", "  ", "    ", "\t", "\u{a0}", "\n", "word", "x", "é"][..]),
                0..40,
            ),
        ) {
            let text = pieces.concat();
            let spaced: Vec<usize> = FOUR_SPACES.find_iter(text.as_bytes()).collect();
            for line in text.split('\n') {
                let part = line.trim();
                proptest::prop_assert_eq!(
                    holds_four_spaces(&text, part, &spaced),
                    FOUR_SPACES.find(part.as_bytes()).is_some(),
                    "{:?}", part
                );
            }
        }
    }

    #[test]
    fn abbreviations_are_matched_in_any_case_without_a_lowercased_copy() {
        for a in ABBREVIATIONS.iter().chain(NUMBER_ABBREVIATIONS) {
            assert!(a.bytes().all(|b| b.is_ascii_lowercase()), "{a}: compared as ASCII");
            assert!(!a.contains('k'), "{a}: the Kelvin sign lowercases to \"k\"");
            assert!(a.len() <= 8, "{a}: compared as eight bytes at most");
        }
        assert!(is_abbreviation("MR", "Smith") && is_abbreviation("Mr", "Smith"));
        assert!(is_abbreviation("VOL", "5") && is_abbreviation("vol", "iv."));
        assert!(!is_abbreviation("Vol", "Five") && !is_abbreviation("Mister", "Smith"));
        // Each in upper case, and with a letter more or less (none of which is listed).
        let listed =
            |w: &str| ABBREVIATIONS.iter().chain(NUMBER_ABBREVIATIONS).any(|a| a.eq_ignore_ascii_case(w));
        for a in ABBREVIATIONS.iter().chain(NUMBER_ABBREVIATIONS) {
            assert!(is_abbreviation(&a.to_ascii_uppercase(), "5"), "{a}");
            for other in [
                format!("{a}x"),
                format!("x{a}"),
                format!("{a}é"),
                a.get(1..).unwrap_or_default().to_string(),
            ] {
                if other.chars().count() > 1 && !listed(&other) {
                    assert!(!is_abbreviation(&other, "5"), "{other}");
                }
            }
        }
        assert!(!is_abbreviation("approximately", "5") && !is_abbreviation("Messrsx", "5"));
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let cases: &[(&str, usize)] = &[
            ("In 1905 U.S. President Theodore Roosevelt mediated peace. In the Treaty of Portsmouth both sides agreed.", 2),
            ("Jack London boarded the S. S. Siberia on January 7, 1904, bound for Yokohama.", 1),
            ("A trip to St. Petersburg in 1902. It failed.", 2),
            ("See Vol. 5 and No. 3 of the review. Then stop.", 2),
            ("\"No. We are not at war with China.\"", 2),
            ("It was built c. 1900 by the Japanese. Later it fell.", 2),
            ("By Ian A. Nish and Gordon Smith.", 1),
            ("Read https://en.wikipedia.org/wiki/Roman_Rosen. Then stop.", 2),
            ("They waited… Then war came in 1904… and spread…", 2),
            ("They waited… Then war came… It spread. Then… Peace.", 5),
        ];
        for (text, n) in cases {
            assert_eq!(texts(text).len(), *n, "{text}: {:?}", texts(text));
        }
    }

    /// Text made of the pieces sentence ends are judged by: abbreviations, initials,
    /// numbers after them, runs of final marks and closers, quotations, answers, lines
    /// and blank lines.
    fn pieces() -> impl proptest::strategy::Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "The",
            "war",
            "ended",
            "in",
            "1904",
            "1905.",
            "\n1899.",
            "St.",
            "Petersburg",
            "Mr.",
            "No.",
            "3",
            "Jan.",
            "7",
            "U.S.",
            "e.g.",
            "A.",
            "c.",
            "said",
            "x",
            ".",
            "?",
            "!",
            "…",
            "...",
            "?!",
            "\"",
            "“",
            "”",
            ")",
            "’",
            "A:",
            "Q:",
            "—",
            "•",
            "\n",
            "\n\n",
            "ōtsu",
            "Ōtsu",
            "www.x.org.",
            "HTTP://X.org/p.",
            "4to",
            "[/quote]",
            "</p>",
            "[/",
            "</i",
            "<p>",
            "[quote=x]",
            "<a",
        ];
        let piece = proptest::sample::select(PIECES);
        let glue = proptest::sample::select(&[" ", " ", " ", "", "\n"][..]);
        proptest::collection::vec((piece, glue), 0..60)
            .prop_map(|v| v.into_iter().flat_map(|(p, g)| [p, g]).collect::<String>())
    }

    /// The sentences of `segment(text)` that `span` touches, as `touched` reads them.
    fn touching(sentences: &[Sentence], span: Span) -> Vec<Span> {
        let end = span.end.max(span.start + 1);
        sentences.iter().map(|s| s.span).filter(|s| s.start < end && span.start < s.end).collect()
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The window of a span holds every sentence the splitter makes that it touches,
        /// in blocks without a URL, whatever the abbreviations, closers and line breaks.
        #[test]
        fn a_window_holds_every_sentence_its_span_touches(text in pieces(), at in 0usize..400, len in 0usize..10) {
            let sentences = segment(&text);
            let lower = text.to_ascii_lowercase();
            for block in blocks(&text) {
                let mut start = block.start + at % (block.len() + 1);
                while !text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + len).min(block.end);
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                let span = Span::new(start, end);
                if has_url_mark(block.slice(&lower)) {
                    continue;
                }
                let window = sentence_window(&text, block, span);
                proptest::prop_assert!(block.start <= window.start && window.end <= block.end);
                for s in touching(&sentences, span) {
                    proptest::prop_assert!(
                        window.start <= s.start && s.end <= window.end,
                        "{:?} is outside the window {:?} of {:?}", s.slice(&text), window.slice(&text), span.slice(&text)
                    );
                }
            }
        }

        /// With weak spans (here every "1904"), a block is left whole only if no sentence
        /// they touch passes the test (here: holds "war"), and the blocks split give the
        /// sentences that splitting everything gives there.
        #[test]
        fn a_block_is_left_whole_only_if_no_sentence_of_a_weak_span_is_needed(text in pieces()) {
            let all = segment(&text);
            let lower = crate::text::ascii_lowered(&text);
            let weak: Vec<Span> = text.match_indices("1904").map(|(i, m)| Span::new(i, i + m.len())).collect();
            let needed = |w: Span| w.slice(&text).contains("war");
            let thread = crate::text::is_thread(&text, lower.as_deref());
            let part = segment_needed(&text, lower.as_deref(), &[], &Weak { spans: &weak, needed: &needed, heads: &|_, _| false }, thread, None);
            let split = |s: &Span| part.blocks.iter().any(|b| b.start <= s.start && s.end <= b.end);
            for w in &weak {
                for s in touching(&all, *w) {
                    proptest::prop_assert!(
                        split(&s) || !s.slice(&text).contains("war"),
                        "{:?} holds the word but its block was not split", s.slice(&text)
                    );
                }
            }
            let some: Vec<(Span, usize)> = part.sentences.iter().map(|s| (s.span, s.paragraph)).collect();
            let inside: Vec<(Span, usize)> =
                all.iter().filter(|s| split(&s.span)).map(|s| (s.span, s.paragraph)).collect();
            proptest::prop_assert_eq!(some, inside);
        }
    }

    /// A block that opens with a URL's mark is split as one holding it elsewhere: the
    /// marks found once are read from the block's first byte.
    #[test]
    fn a_url_mark_at_a_blocks_start_is_the_blocks() {
        for text in
            ["Peace came.\n\nwww.x.org. In 1904 it ended.", "Peace came.\n\nhttp://x.org In 1904 it ended."]
        {
            let lower = text.to_ascii_lowercase();
            let marks = crate::claims::mentions::lower_words(&lower).url_marks;
            let weak: Vec<Span> =
                text.match_indices("1904").map(|(i, m)| Span::new(i, i + m.len())).collect();
            let weak = Weak { spans: &weak, needed: &|_| false, heads: &|_, _| false };
            let split = segment_needed(text, Some(&lower), &[], &weak, false, Some(&marks));
            let second = text.find("\n\n").map_or(0, |i| i + 2);
            assert_eq!(split.blocks, [Span::new(second, text.len())], "{text}");
        }
    }

    proptest::proptest! {
        /// The marks of URLs the per-document stage finds in the whole lowercased text
        /// (`claims::mentions::lower_words`) decide each block as a search of the block
        /// does: the same blocks are left whole, and the same sentences split.
        #[test]
        fn url_marks_found_once_split_as_a_search_of_each_block_does(text in pieces()) {
            let lower = text.to_ascii_lowercase();
            let marks = crate::claims::mentions::lower_words(&lower).url_marks;
            let weak: Vec<Span> = text.match_indices("1904").map(|(i, m)| Span::new(i, i + m.len())).collect();
            let needed = |w: Span| w.slice(&text).contains("war");
            let weak = Weak { spans: &weak, needed: &needed, heads: &|_, _| false };
            let hot: Vec<Span> = text.match_indices("said").map(|(i, m)| Span::new(i, i + m.len())).collect();
            let sentences = |s: &Segmented| -> Vec<(Span, usize)> { s.sentences.iter().map(|s| (s.span, s.paragraph)).collect() };
            let searched = segment_needed(&text, Some(&lower), &hot, &weak, false, None);
            let found = segment_needed(&text, Some(&lower), &hot, &weak, false, Some(&marks));
            proptest::prop_assert_eq!(&found.blocks, &searched.blocks);
            proptest::prop_assert_eq!(sentences(&found), sentences(&searched));
            let all = [Span::new(0, text.len())];
            let rest = |s: &Segmented| -> Vec<Span> { s.left.split(&text, Some(&lower), &all).iter().map(|s| s.span).collect() };
            proptest::prop_assert_eq!(rest(&found), rest(&searched));
        }
    }

    proptest::proptest! {
        /// Splitting only the blocks that hold a hot span (here: every digit) gives the
        /// sentences, spans and paragraphs that splitting everything gives there.
        #[test]
        fn segmenting_some_blocks_agrees_with_segmenting_all(
            text in "(?s)[a-zA-Z0-9 .!?\"“”\n\r:•ō–-]{0,300}",
        ) {
            let all: Vec<(Span, usize)> = segment(&text).iter().map(|s| (s.span, s.paragraph)).collect();
            let hot: Vec<Span> = text.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| Span::new(i, i + 1)).collect();
            let lower = crate::text::ascii_lowered(&text);
            let part = segment_hot(&text, lower.as_deref(), &hot, crate::text::is_thread(&text, lower.as_deref()));
            for h in &hot {
                proptest::prop_assert!(part.blocks.iter().any(|b| b.start <= h.start && h.end <= b.end));
            }
            let some: Vec<(Span, usize)> = part.sentences.iter().map(|s| (s.span, s.paragraph)).collect();
            let inside: Vec<(Span, usize)> = all
                .into_iter()
                .filter(|(s, _)| part.blocks.iter().any(|b| b.start <= s.start && s.end <= b.end))
                .collect();
            proptest::prop_assert_eq!(some, inside);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_in_order(
            text in "(?s)([a-zA-Z .!?\"“”\n\r:•ō–-]|1905\\.|1[0-9]{0,3}|\\* |    ){0,160}"
        ) {
            let all = segment(&text);
            let mut last = 0;
            for s in &all {
                proptest::prop_assert!(s.span.start >= last && s.span.end <= text.len());
                proptest::prop_assert!(text.get(s.span.start..s.span.end).is_some());
                last = s.span.end;
            }
            let _ = crate::text::find_citations(&text, &all);
        }
    }

    #[test]
    fn headings_are_their_own_sentences() {
        let text = "Treaty of Saint Petersburg\n\nIn 1875, the Treaty of Saint Petersburg gave Russia Sakhalin.\nA second line.";
        assert_eq!(
            texts(text),
            vec![
                "Treaty of Saint Petersburg",
                "In 1875, the Treaty of Saint Petersburg gave Russia Sakhalin.",
                "A second line."
            ]
        );
    }
}
