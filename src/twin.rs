//! `Twin`: a regex with a narrow twin that matches the same on nearly all text, and costs
//! far less to run.
//!
//! A Unicode class (`\w`, `\s`, `\p{L}`, a negated class, `.`, a `(?i)` letter) is, to
//! the regex crate's lazy DFA, an automaton over the UTF-8 bytes of every character in it.
//! Each DFA state a search reaches is then built from hundreds of automaton states, and
//! each search thread builds its own: over a run of 49 MB of books, building states for a
//! handful of such patterns was a tenth of all the work (callgrind), whatever the size of
//! the corpus.
//!
//! The twin has every class cut down to ASCII and the typographic punctuation books use
//! (`NARROW`), and ASCII word boundaries. On a haystack made only of those characters the
//! two match the same, byte for byte and group for group: a class holds a character of
//! the haystack exactly when its cut-down copy does, and none of `NARROW` is a word
//! character, so Unicode and ASCII word boundaries fall in the same places. Literals stay
//! as they are. `Twin::on` picks the twin for such a haystack, the full regex for any
//! other.

use regex::Regex;
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

/// The characters beyond ASCII that the twin keeps: quotation marks, dashes and the like,
/// common in books and none of them a letter, a digit, a word character or white space.
pub const NARROW: [char; 20] =
    ['‘', '’', '‚', '‛', '“', '”', '„', '‟', '‹', '›', '«', '»', '–', '—', '…', '•', '·', '§', '¶', '†'];

/// A regex and its narrow twin; see the module docs.
#[derive(Debug, Clone)]
pub struct Twin {
    full: Regex,
    narrow: Regex,
}

impl Twin {
    /// The regex of `pattern` and its twin. Panics on a bad pattern, like the
    /// `Regex::new(..).expect(..)` of a built-in pattern it replaces.
    pub fn new(pattern: &str) -> Twin {
        let full = Regex::new(pattern).expect("valid regex");
        let narrow = Regex::new(&narrowed(pattern)).expect("the narrow twin of a valid regex is valid");
        Twin { full, narrow }
    }

    /// The regex to search `haystack` with: the twin when every character of it is ASCII or
    /// in `NARROW`, where the two agree.
    pub fn on(&self, haystack: &str) -> &Regex {
        self.pick(fits(haystack))
    }

    /// The twin when `fits` (`fits(haystack)`, asked once for several regexes), else
    /// the full regex.
    pub fn pick(&self, fits: bool) -> &Regex {
        if fits {
            &self.narrow
        } else {
            &self.full
        }
    }

    /// The full regex, for any haystack.
    pub fn full(&self) -> &Regex {
        &self.full
    }
}

/// Whether every character of `haystack` is ASCII or in `NARROW`.
pub fn fits(haystack: &str) -> bool {
    haystack.is_ascii() || haystack.chars().all(|c| c.is_ascii() || NARROW.contains(&c))
}

/// The pattern of the narrow twin of `pattern` (see the module docs).
pub fn narrowed(pattern: &str) -> String {
    let hir = regex_syntax::Parser::new().parse(pattern).expect("valid regex");
    narrow(hir).to_string()
}

/// `hir` with every Unicode class cut down to ASCII and `NARROW`, and every Unicode word
/// boundary made an ASCII one.
fn narrow(hir: Hir) -> Hir {
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut class)) => {
            let mut keep = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]);
            keep.union(&ClassUnicode::new(NARROW.iter().map(|&c| ClassUnicodeRange::new(c, c))));
            class.intersect(&keep);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Look(look) => Hir::look(ascii_look(look)),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(narrow(*r.sub)), ..r }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(narrow(*c.sub)), ..c }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(narrow).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(narrow).collect()),
        HirKind::Class(bytes @ Class::Bytes(_)) => Hir::class(bytes),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Empty => Hir::empty(),
    }
}

/// The ASCII form of a word boundary; any other look-around as it is.
fn ascii_look(look: Look) -> Look {
    match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the module's argument rests on: no `NARROW` character is a word character
    /// (so word boundaries fall alike), white space, a letter or a digit.
    #[test]
    fn no_narrow_character_is_a_word_character_or_space() {
        let word = Regex::new(r"\w|\s|\p{L}|\d").expect("valid");
        for c in NARROW {
            assert!(!word.is_match(&c.to_string()), "{c:?}");
            assert!(!c.is_ascii());
        }
    }

    #[test]
    fn classes_are_cut_down_and_boundaries_made_ascii() {
        let twin = narrowed(r"(?i)\bk\w+[^\s<>]\p{L}");
        assert!(!twin.contains('\u{212a}'), "the Kelvin sign goes: {twin}");
        let re = Regex::new(&twin).expect("valid");
        assert!(re.is_match("Kate’s”x"));
        assert!(!re.is_match("kété x"), "é is no longer a word character");
        assert!(Regex::new(&narrowed(r"\p{Greek}+")).expect("valid").find("αβγ").is_none());
        assert_eq!(narrowed(r"\bx\B"), r"(?:(?-u:\b)x(?-u:\B))");
    }

    /// Patterns of the kinds the project twins, with captures, word boundaries, case
    /// folding, negated classes, end anchors and bounded repeats.
    const PATTERNS: [&str; 5] = [
        r"(?i)(?-u:\b)(?:envoys?|recall(?:ed)?)(?-u:\b)(?:\s+[\w-]+){0,3}\s+(?:from|to)\s+(?:the\s+)?$",
        r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})\s*,?\s+(?:said|wrote)\b[^\n]{0,10}$",
        r"[Tt]he\s+((?:[A-Z][\p{L}'’]*(?:[-–][A-Z][\p{L}'’]*)*\s+){1,3}War)",
        r"(?i)\b(?:now|to-?day|known as)\b|\b[bd]\.\s*\d",
        r#"(?:https?://|www\.)[^\s<>"“”‘’]+[^\s<>"“”‘’.,;:!?)\]']"#,
    ];

    fn spans(re: &Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(hay).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
    }

    proptest! {
        /// On text of ASCII and `NARROW` characters, the twin finds what the regex finds,
        /// every group included.
        #[test]
        fn the_twin_agrees_on_text_it_fits(
            words in proptest::collection::vec(
                "(?:[A-Za-z]{1,6}|The|War|the|from|said|Kate|recalled|envoy|b\\.|1904|https://a\\.b|[ \\t\\n,.'’“”—–-]|to-day)",
                0..24,
            ),
        ) {
            let hay: String = words.concat();
            prop_assert!(fits(&hay));
            for p in PATTERNS {
                let twin = Twin::new(p);
                prop_assert_eq!(spans(twin.on(&hay), &hay), spans(twin.full(), &hay), "{}", p);
            }
        }
    }

    #[test]
    fn text_beyond_narrow_gets_the_full_regex() {
        let twin = Twin::new(r"\w+");
        assert_eq!(twin.on("Itō").find("Itō").map(|m| m.as_str()), Some("Itō"));
        assert_eq!(twin.on("It’s").find("It’s").map(|m| m.as_str()), Some("It"));
        assert!(fits("“It’s” — so…") && !fits("Itō") && !fits("a\u{a0}b"));
    }
}
