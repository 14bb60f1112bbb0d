//! The fast part of the tagger: a pre-scan for likely date triggers (digits, capitalised
//! month names, the words "year", "month", "day", "century", "decade", "yesterday",
//! "today", "tomorrow" at a word start) that yields small regions of text around them,
//! and a tokenizer for those regions. Text with no trigger is never tokenized.
//!
//! The scan is a plain byte loop (one table lookup per byte, a short comparison at the
//! start of a word whose first letter can open a trigger), not a regex or an automaton:
//! it is what keeps `tag` fast on long texts (benches/tagger.rs).

/// Bytes kept before a digit: enough for "until the beginning of the".
const LEFT: usize = 32;
/// Bytes kept before a trigger word: enough for "the beginning of the seventeenth".
const LEFT_OF_WORD: usize = 56;
/// Bytes kept after a trigger: enough for "1904 (Old Style)" or "years afterwards".
const RIGHT: usize = 40;

/// Words that trigger a region when a word starts with them (lowercase; months need a
/// capital first letter).
const MONTH_PREFIXES: [&[u8]; 12] =
    [b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"];
const WORDS: [&[u8]; 8] =
    [b"year", b"month", b"day", b"centur", b"decade", b"today", b"yesterday", b"tomorrow"];

/// Byte flags for the scan: `DIGIT`; `INITIAL`, a letter that may open a trigger word
/// (capital month initials, and y, m, d, c, t for "year", "month", "day", "century",
/// "decade", "yesterday", "today"); `LETTER`, any ASCII letter.
const DIGIT: u8 = 1;
const INITIAL: u8 = 2;
const LETTER: u8 = 4;

static FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            let initial = matches!(
                c,
                b'J' | b'F'
                    | b'M'
                    | b'A'
                    | b'S'
                    | b'O'
                    | b'N'
                    | b'D'
                    | b'Y'
                    | b'C'
                    | b'T'
                    | b't'
                    | b'y'
                    | b'm'
                    | b'd'
                    | b'c'
            );
            if initial {
                LETTER | INITIAL
            } else {
                LETTER
            }
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Where a trigger ends if one starts at `at` (a word start), else `None`.
fn trigger_at(bytes: &[u8], at: usize) -> Option<usize> {
    let rest = bytes.get(at..)?;
    let first = *rest.first()?;
    let starts =
        |w: &[u8]| rest.len() >= w.len() && rest.iter().zip(w).all(|(a, b)| a.to_ascii_lowercase() == *b);
    if first.is_ascii_uppercase() {
        if let Some(w) = MONTH_PREFIXES.iter().find(|w| starts(w)) {
            return Some(at + w.len());
        }
    }
    WORDS.iter().find(|w| starts(w)).map(|w| at + w.len())
}

/// Byte ranges of `text` worth tokenizing, in order, not overlapping, on char boundaries.
pub(super) fn regions(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut prev_letter = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        let flags = FLAGS[usize::from(b)];
        // A digit, or a possible trigger letter at a word start; nearly always neither, and
        // computed without a branch so that the loop stays fast.
        let interesting = (flags & DIGIT) | ((flags >> 1) & !prev_letter & 1);
        prev_letter = (flags >> 2) & 1;
        if interesting == 0 {
            continue;
        }
        let digit = flags & DIGIT != 0;
        let Some(end) = (if digit { Some(i + 1) } else { trigger_at(bytes, i) }) else { continue };
        let left = if digit { LEFT } else { LEFT_OF_WORD };
        let (s, e) = (i.saturating_sub(left), (end + RIGHT).min(text.len()));
        current = match current {
            Some((cs, ce)) if s <= ce => Some((cs, ce.max(e))),
            Some(done) => {
                out.push(done);
                Some((s, e))
            }
            None => Some((s, e)),
        };
    }
    out.extend(current);
    // Snap to whitespace so that no word is cut, and keep the regions apart.
    let mut floor = 0;
    let mut snapped = Vec::with_capacity(out.len());
    for (s, e) in out {
        let s = snap_start(bytes, s.max(floor));
        let e = snap_end(bytes, e);
        if s < e {
            snapped.push((s, e));
            floor = e;
        }
    }
    snapped
}

fn snap_start(bytes: &[u8], s: usize) -> usize {
    if s == 0 {
        return 0;
    }
    // Start after the first whitespace at or after `s` (an ASCII byte: a char boundary).
    match bytes.get(s..).and_then(|rest| rest.iter().position(u8::is_ascii_whitespace)) {
        Some(p) => s + p + 1,
        None => bytes.len(),
    }
}

fn snap_end(bytes: &[u8], e: usize) -> usize {
    match bytes.get(e..).and_then(|rest| rest.iter().take(64).position(u8::is_ascii_whitespace)) {
        Some(p) => e + p,
        None => {
            // No whitespace near: stop at the next char boundary.
            let mut e = e.min(bytes.len());
            while e < bytes.len() && (bytes.get(e).copied().unwrap_or(0) & 0xC0) == 0x80 {
                e += 1;
            }
            e
        }
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of letters.
    Word,
    /// A run of digits, possibly grouped (`25,000`) or with a suffix (`19th`, `1890s`).
    Num,
    /// Any other single character; a blank line is one `\n` token.
    Punct,
}

/// What follows a number's digits directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    None,
    /// `1st`, `19th`.
    Ordinal,
    /// `1890s`, `1890's`.
    Plural,
    /// Any other letters (`4to`, `1904a`), or letters right before the digits.
    Glued,
}

/// One token of a region, with absolute byte offsets.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok<'t> {
    pub kind: Kind,
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    /// Whitespace separates it from the token before.
    pub space_before: bool,
    /// For numbers: the value without group separators (`None` if too long).
    pub num: Option<i64>,
    /// For numbers: how many digits, 0 when grouped with commas.
    pub digits: usize,
    pub suffix: Suffix,
    /// For capitalised words: the month they name (1–12), else 0.
    pub month: u8,
    /// Whether an expression may start here (a number, or a word some production opens with).
    pub starter: bool,
    /// Whether the word is a unit of time: "year(s)", "month(s)", "day(s)", "decade(s)",
    /// "century", "centuries" (relative expressions and centuries need one nearby).
    pub unit: bool,
}

impl Tok<'_> {
    pub(super) fn is(&self, word: &str) -> bool {
        self.kind != Kind::Num && self.text.eq_ignore_ascii_case(word)
    }

    pub(super) fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    pub(super) fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// A plain number: digits only, nothing glued to it.
    pub(super) fn plain_num(&self) -> Option<i64> {
        (self.kind == Kind::Num && self.suffix == Suffix::None && self.digits > 0)
            .then_some(self.num)
            .flatten()
    }
}

/// Tokens of `text[start..end]`; the caller passes char boundaries.
pub(super) fn tokenize<'t>(text: &'t str, start: usize, end: usize, toks: &mut Vec<Tok<'t>>) {
    toks.clear();
    let Some(region) = text.get(start..end) else { return };
    let mut chars = region.char_indices().peekable();
    let mut space = true;
    let mut newlines = 0;
    let mut prev_alpha = false;
    while let Some((i, c)) = chars.next() {
        let at = start + i;
        if c.is_whitespace() {
            space = true;
            if c == '\n' {
                newlines += 1;
                if newlines == 2 {
                    toks.push(Tok {
                        kind: Kind::Punct,
                        text: "\n",
                        start: at,
                        end: at + 1,
                        space_before: true,
                        num: None,
                        digits: 0,
                        suffix: Suffix::None,
                        month: 0,
                        starter: false,
                        unit: false,
                    });
                }
            }
            prev_alpha = false;
            continue;
        }
        newlines = 0;
        let mut stop = i + c.len_utf8();
        let (kind, num, digits, suffix) = if c.is_ascii_digit() {
            let mut value: Option<i64> = Some(i64::from(c as u8 - b'0'));
            let mut digits = 1;
            let mut grouped = false;
            loop {
                match chars.peek().copied() {
                    Some((j, d)) if d.is_ascii_digit() => {
                        value = value
                            .and_then(|v| v.checked_mul(10))
                            .and_then(|v| v.checked_add(i64::from(d as u8 - b'0')));
                        digits += 1;
                        stop = j + 1;
                        chars.next();
                    }
                    Some((j, ',')) if digits <= 3 || grouped => {
                        // "25,000": a comma followed by exactly three digits and no fourth.
                        let rest = region.as_bytes().get(j + 1..j + 5).unwrap_or(&[]);
                        let three = rest.len() >= 3 && rest.iter().take(3).all(u8::is_ascii_digit);
                        let fourth = rest.get(3).is_some_and(u8::is_ascii_digit);
                        if !three || fourth {
                            break;
                        }
                        grouped = true;
                        chars.next();
                        digits = 0;
                    }
                    _ => break,
                }
            }
            // Letters glued after the digits.
            let tail_start = stop;
            while let Some(&(j, l)) = chars.peek() {
                if l.is_alphabetic()
                    || (l == '\''
                        && region.get(j + 1..).is_some_and(|r| {
                            r.starts_with(['s', 'S'])
                                && !r.get(1..).is_some_and(|t| t.starts_with(char::is_alphabetic))
                        }))
                {
                    stop = j + l.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let tail = region.get(tail_start..stop).unwrap_or("");
            let suffix = if prev_alpha {
                Suffix::Glued
            } else if tail.is_empty() {
                Suffix::None
            } else if ["st", "nd", "rd", "th", "d"].iter().any(|s| tail.eq_ignore_ascii_case(s)) {
                Suffix::Ordinal
            } else if tail == "s" || tail == "'s" {
                Suffix::Plural
            } else {
                Suffix::Glued
            };
            let digits = if grouped { 0 } else { digits };
            (Kind::Num, value, digits, suffix)
        } else if c.is_alphabetic() {
            while let Some(&(j, l)) = chars.peek() {
                if l.is_alphabetic() {
                    stop = j + l.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            (Kind::Word, None, 0, Suffix::None)
        } else {
            (Kind::Punct, None, 0, Suffix::None)
        };
        prev_alpha = kind == Kind::Word;
        let text = region.get(i..stop).unwrap_or("");
        let (month, starter, unit) = match kind {
            Kind::Word => classify(text),
            Kind::Num => (0, true, false),
            Kind::Punct => (0, false, false),
        };
        toks.push(Tok {
            kind,
            text,
            start: at,
            end: start + stop,
            space_before: space,
            num,
            digits,
            suffix,
            month,
            starter,
            unit,
        });
        space = false;
    }
}

/// Month names, full and abbreviated ("Sept" too), lowercase.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a lowercase word opens some production of the grammar.
fn is_starter(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "that"
            | "since"
            | "from"
            | "between"
            | "until"
            | "till"
            | "til"
            | "up"
            | "down"
            | "before"
            | "prior"
            | "by"
            | "after"
            | "around"
            | "about"
            | "circa"
            | "approximately"
            | "roughly"
            | "c"
            | "ca"
            | "early"
            | "late"
            | "mid"
            | "middle"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "this"
            | "last"
            | "next"
            | "a"
            | "an"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "thirteen"
            | "fourteen"
            | "fifteen"
            | "sixteen"
            | "seventeen"
            | "eighteen"
            | "nineteen"
            | "twenty"
            | "thirty"
            | "forty"
            | "fifty"
            | "sixty"
            | "seventy"
            | "eighty"
            | "ninety"
            | "hundred"
            | "spring"
            | "summer"
            | "autumn"
            | "winter"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "eleventh"
            | "twelfth"
            | "thirteenth"
            | "fourteenth"
            | "fifteenth"
            | "sixteenth"
            | "seventeenth"
            | "eighteenth"
            | "nineteenth"
            | "twentieth"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "ad"
            | "ce"
    )
}

/// The month a word names (capitalised: "May", "Feb", "SEPT") and whether it may open an
/// expression. Words longer than any starter are neither.
fn classify(word: &str) -> (u8, bool, bool) {
    let mut buf = [0u8; 16];
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return (0, false, false);
    }
    for (b, w) in buf.iter_mut().zip(bytes) {
        *b = w.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(buf.get(..bytes.len()).unwrap_or(&[])).unwrap_or("");
    let capital = bytes.first().is_some_and(u8::is_ascii_uppercase);
    let mut month = 0;
    if capital && lower.len() >= 3 {
        for (k, name) in (1u8..).zip(MONTHS.iter()) {
            if lower == *name || (name.starts_with(lower) && (lower.len() == 3 || lower == "sept")) {
                month = k;
                break;
            }
        }
    }
    let unit = matches!(
        lower,
        "year"
            | "years"
            | "month"
            | "months"
            | "day"
            | "days"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
    );
    (month, month != 0 || is_starter(lower), unit)
}
