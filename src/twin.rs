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
//! The twin has every class cut down to the characters books are written in (`fits`):
//! ASCII, Latin-1 and Latin Extended-A (the no-break space, £, é, ü, ō ...) and the
//! typographic punctuation in `NARROW`. On a haystack made only of those characters the
//! two match the same, byte for byte and group for group: a class holds a character of
//! the haystack exactly when its cut-down copy does, and literals and look-arounds stay as
//! they are. `Twin::on` picks the twin for such a haystack, the full regex for any other.
//! In ../shared/realtext, all but 4 of 32,121 blocks of lines fit (those hold the lines
//! of a drawn table); with ASCII and `NARROW` alone, 97.6% did.
//!
//! A Unicode word boundary (`\b`) stays one, and stays correct, but the lazy DFA gives up
//! on it beyond ASCII: twinned patterns use `(?-u:\b)`.
//!
//! The full regex is compiled the first time a haystack that does not fit asks for it, not
//! with the twin: compiling the full regexes was about a twentieth of a run over 49 MB of
//! books (callgrind), and on the bench corpora no haystack ever needs one.

use regex::Regex;
use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};
use std::sync::OnceLock;

/// Latin-1 and Latin Extended-A beyond ASCII: the no-break space, signs, fractions and the
/// accented letters of European names and of romanised Japanese.
const LATIN: std::ops::RangeInclusive<char> = '\u{a0}'..='\u{17f}';

/// The characters beyond Latin that the twin keeps: quotation marks, dashes and the like.
const NARROW: [char; 20] =
    ['‘', '’', '‚', '‛', '“', '”', '„', '‟', '‹', '›', '«', '»', '–', '—', '…', '•', '·', '§', '¶', '†'];

/// A regex and its narrow twin; see the module docs.
#[derive(Debug, Clone)]
pub struct Twin {
    pattern: Box<str>,
    /// Compiled from `pattern` when first asked for.
    full: OnceLock<Regex>,
    narrow: Regex,
}

impl Twin {
    /// The regex of `pattern` and its twin. Panics on a bad pattern, like the
    /// `Regex::new(..).expect(..)` of a built-in pattern it replaces: the pattern is
    /// parsed here, to make the twin, though the full regex is compiled later.
    pub fn new(pattern: &str) -> Twin {
        let narrow = Regex::new(&narrowed(pattern)).expect("the narrow twin of a valid regex is valid");
        Twin { pattern: pattern.into(), full: OnceLock::new(), narrow }
    }

    /// The regex to search `haystack` with: the twin when it `fits`, where the two agree.
    pub fn on(&self, haystack: &str) -> &Regex {
        self.pick(fits(haystack))
    }

    /// The twin when `fits` (`fits(haystack)`, asked once for several regexes), else
    /// the full regex.
    pub fn pick(&self, fits: bool) -> &Regex {
        if fits && !full_only() {
            &self.narrow
        } else {
            self.full()
        }
    }

    /// The full regex, for any haystack.
    pub fn full(&self) -> &Regex {
        // A parse of the pattern succeeded in `new`, and the regex crate compiles what its
        // parser takes, within the default size limit our patterns are far below.
        self.full.get_or_init(|| Regex::new(&self.pattern).expect("valid regex"))
    }
}

/// Whether twins are set aside: only in tests, which compare a run with and without.
fn full_only() -> bool {
    #[cfg(test)]
    return tests::FULL_ONLY.with(std::cell::Cell::get);
    #[cfg(not(test))]
    false
}

/// Whether every character of `haystack` is ASCII, Latin-1, Latin Extended-A or in
/// `NARROW`: whether a twin matches on it as its full regex does.
pub fn fits(haystack: &str) -> bool {
    haystack.is_ascii() || haystack.chars().all(|c| c.is_ascii() || LATIN.contains(&c) || NARROW.contains(&c))
}

/// The pattern of the narrow twin of `pattern` (see the module docs).
fn narrowed(pattern: &str) -> String {
    let hir = regex_syntax::Parser::new().parse(pattern).expect("valid regex");
    // The characters that `fits` allows, as a class.
    let mut keep = ClassUnicode::new([
        ClassUnicodeRange::new('\0', '\x7f'),
        ClassUnicodeRange::new(*LATIN.start(), *LATIN.end()),
    ]);
    keep.union(&ClassUnicode::new(NARROW.iter().map(|&c| ClassUnicodeRange::new(c, c))));
    narrow(hir, &keep).to_string()
}

/// `hir` with every Unicode class cut down to `keep`.
fn narrow(hir: Hir, keep: &ClassUnicode) -> Hir {
    let sub = |h: Hir| narrow(h, keep);
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut class)) => {
            class.intersect(keep);
            Hir::class(Class::Unicode(class))
        }
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(sub(*r.sub)), ..r }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(sub(*c.sub)), ..c }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(sub).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(sub).collect()),
        HirKind::Class(bytes @ Class::Bytes(_)) => Hir::class(bytes),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Empty => Hir::empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    thread_local! {
        /// Set: every `Twin` searches with its full regex (`full_only`).
        pub(super) static FULL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }

    /// The claims, sentences and per-document findings of `text`, as text.
    fn pipeline(text: &str, rules: &crate::rules::RuleBook, matcher: &crate::claims::Matcher) -> String {
        let meta = crate::corpus::SourceMeta::default();
        let doc = crate::corpus::Document { id: 0, path: "doc.txt".into(), text: text.to_string(), meta };
        let extract = crate::claims::extract(&doc, rules, matcher);
        let policy = crate::config::TrustPolicies::default();
        let cx = crate::checks::DocContext { text, extract: &extract, rules, policy: &policy };
        let findings = crate::checks::run_per_doc(&cx);
        format!("{:?}\n{:?}\n{findings:?}", extract.claims, extract.sentences)
    }

    /// The whole per-document stage gives the same with the twins as with the full
    /// regexes alone, on the shipped corpus, the fuzz finds, and text made to reach the
    /// twinned patterns (quotations and their speakers, URLs, footnotes, attributions,
    /// publications, unknown event names, a seat of government, glosses) with curly
    /// quotes, dashes and Latin letters beyond ASCII, so that the twins are the ones picked.
    #[test]
    fn the_pipeline_gives_the_same_with_and_without_twins() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let rules = crate::rules::load_dirs(&[root.join("rules")]).expect("the shipped rules load");
        let matcher = crate::claims::Matcher::new(&rules);
        let mut texts = vec![concat!(
            "In 1904 Japan recalled its envoys from Moscow. “The war began in 1904,” Mowry concludes — ",
            "according to Professor Asakawa it began on 8 February 1904 (Asakawa, 1904: 12).[3]\n",
            "See https://example.org/war’s-end and www.example.com for the Treaty of Portsmouth (1905).\n\n",
            "The Boxer War broke out in 1899; the Russo–China War in 1900 … Tokyo (formerly Edo) in 1850.\n",
            "Published in Far East Review Volume: 3, Issue: 4 — “The Siege of Port Arthur”, by Jane Doe.\n",
            "Kuropatkin wrote:\n“Port Arthur fell in 1905.” <ref>Ibid., p. 4</ref> In St. Petersburg ",
            "the government decided, in 1905; b. 1843 in Petrograd. The Ōtsu Incident, Prince Itō.\n",
        )
        .to_string()];
        for dir in ["corpus", "tests/fixtures/fuzz"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let path = entry.expect("entry").into_path();
                if path.extension().is_some_and(|e| e == "txt" || e == "md") {
                    texts.push(std::fs::read_to_string(&path).expect("utf-8"));
                }
            }
        }
        assert!(texts.len() > 5, "the corpus and the fuzz finds are read");
        assert!(!texts[0].is_ascii() && fits(&texts[0]), "the twins are picked for the made-up text");
        for text in &texts {
            let twinned = pipeline(text, &rules, &matcher);
            FULL_ONLY.with(|f| f.set(true));
            let full = pipeline(text, &rules, &matcher);
            FULL_ONLY.with(|f| f.set(false));
            assert_eq!(twinned, full, "{}", text.get(..80).unwrap_or(text));
        }
    }

    #[test]
    fn the_full_regex_is_compiled_when_a_haystack_needs_it() {
        let twin = Twin::new(r"(?i)\w+");
        let found = |h: &str| twin.on(h).find(h).map(|m| m.as_str().to_string());
        assert_eq!(found("“Kété”").as_deref(), Some("Kété"));
        assert!(twin.full.get().is_none(), "text that fits leaves the full regex unbuilt");
        assert_eq!(found("Αθήνα 1896").as_deref(), Some("Αθήνα"), "Greek needs the full regex");
        assert!(twin.full.get().is_some());
    }

    #[test]
    fn classes_are_cut_down_and_look_arounds_kept() {
        let twin = narrowed(r"(?i)k\w+[^\s<>]\p{L}");
        assert!(!twin.contains('\u{212a}'), "the Kelvin sign goes: {twin}");
        let re = Regex::new(&twin).expect("valid");
        assert!(re.is_match("Kate’s”x") && re.is_match("kété x"));
        assert!(!re.is_match("kαβγ x"), "Greek letters go");
        assert!(Regex::new(&narrowed(r"\p{Greek}+")).expect("valid").find("αβγ").is_none());
        assert_eq!(narrowed(r"\bx(?-u:\B)"), r"(?:\bx(?-u:\B))");
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

    /// `PATTERNS` as twins, built once for every case of the proptest.
    static TWINS: std::sync::LazyLock<Vec<Twin>> =
        std::sync::LazyLock::new(|| PATTERNS.iter().map(|p| Twin::new(p)).collect());

    fn spans(re: &Regex, hay: &str) -> Vec<Vec<Option<(usize, usize)>>> {
        re.captures_iter(hay).map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()).collect()
    }

    proptest! {
        /// On text that `fits` (ASCII, Latin letters and signs, `NARROW`), the twin finds
        /// what the regex finds, every group included.
        #[test]
        fn the_twin_agrees_on_text_it_fits(
            words in proptest::collection::vec(
                "(?:[A-Za-z]{1,6}|The|War|the|from|said|Kate|recalled|envoy|b\\.|1904|https://a\\.b|[ \\t\\n,.'’“”—–\u{a0}£-]|to-day|Itō|Médaille)",
                0..24,
            ),
        ) {
            let hay: String = words.concat();
            prop_assert!(fits(&hay));
            for twin in TWINS.iter() {
                prop_assert_eq!(spans(twin.on(&hay), &hay), spans(twin.full(), &hay), "{}", twin.full().as_str());
            }
        }
    }

    #[test]
    fn text_beyond_what_fits_gets_the_full_regex() {
        let twin = Twin::new(r"\w+");
        assert_eq!(twin.on("Москва").find("Москва").map(|m| m.as_str()), Some("Москва"));
        assert_eq!(twin.on("Itō’s").find("Itō’s").map(|m| m.as_str()), Some("Itō"));
        assert!(fits("“Itō’s” — £5\u{a0}000…") && !fits("Москва") && !fits("a\u{2003}b"));
    }
}
