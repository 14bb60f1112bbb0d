//! Dates a sentence denies: "the battle did not take place in 1904", "signed in 1905, not
//! 1906", "the treaty, often misdated to 1896, ...", "It is a myth that the treaty was
//! signed in 1906", "Some say 1906, but that is wrong".
//!
//! Such a date is the one the writer corrects, not the one they give, and reading it as
//! the writer's claim turned every correction of a common error into an error of its own.
//! Three readings, each of the clause the date is in (clauses split at `,`, `;`, `:`,
//! dashes, parentheses and a word that turns to another statement: "but", "though",
//! "although", "whereas", "yet", "rather", "instead"):
//!
//! - a negation before the date in its clause ("not", "never", "n't"), unless it bounds
//!   the date instead of denying it: "not until 1905", "not before", "no later than",
//!   "not only in 1904 but";
//! - a word of misdating before it in its clause ("misdated to", "wrongly dated",
//!   "erroneously given as"), or others dating it there ("some historians date the
//!   rising to 1898", "which many textbooks place in 1898");
//! - the clause is what a myth or a mistake says ("It is a myth that ...", "The common
//!   misconception that ...", or hearsay: "It is often said ...", "Legend has it that
//!   ...", "Some say ..."), or what a later clause
//!   of the sentence calls wrong ("..., but that is wrong", "..., which is incorrect").
//!
//! Precision comes first here too, the other way round: a clause that only might deny its
//! date keeps it. "Contrary to popular belief, it was fought in 1905" asserts 1905.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A clause boundary inside a sentence: punctuation, or a word that turns to another
/// statement.
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)[,;:()]|—|–|\b(?:but|though|although|whereas|yet|rather|instead)\b")
        .expect("valid regex")
});

/// A negation, and what may follow it that bounds rather than denies ("not until").
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)(?:\b(?:not|never)|n(?:'|’)t)\b",
        r"(\s+(?:until|till|before|after|earlier|later|only|just|long|merely|simply|far|so\s+much|more|less|quite|yet)\b)?",
    ))
    .expect("valid regex")
});

/// Words that bound a time rather than place the event at it: "no later than 1905",
/// "until 1905". Right before the time (`BOUND_BEFORE`), or its own first word ("Not
/// until June, 1917, ..."), where the tagger made it part of the time.
const BOUNDING: [&str; 7] = ["until", "till", "before", "after", "since", "than", "by"];

/// A `BOUNDING` word at the end of the text before a time.
static BOUND_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i-u)\b(?:{})\s*(?:the\s+)?$", BOUNDING.join("|"))).expect("valid regex")
});

/// Misdating: the writer names the date to say it is wrong.
static MISDATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)\b(?:misdated|misdates|misdating",
        r"|(?:wrongly|incorrectly|erroneously|mistakenly|falsely)\s+(?:dated|given|placed|put|assigned|said|stated|believed|reported|recorded|supposed|thought))\b",
    ))
    .expect("valid regex")
});

/// A clause that states a myth or a mistake: what follows is denied.
static MYTH_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)\b(?:(?:it\s+is|it\s+was|it's)\s+(?:a\s+)?(?:common\s+|popular\s+|widespread\s+|persistent\s+)?(?:myth|misconception|mistake|error|fallacy|legend)",
        r"|(?:myth|misconception|mistake|error|fallacy)\s+(?:is\s+|was\s+)?that",
        r"|(?:it\s+is|it's)\s+(?:not\s+true|untrue|false|wrong|incorrect)",
        // Hearsay the writer reports, not asserts: "It is often said the Restoration
        // happened in 1866; it was 1868".
        r"|(?:it\s+is|it\s+was|it's|it\s+has\s+been)\s+(?:often|commonly|sometimes|popularly|frequently|widely)\s+(?:said|believed|claimed|stated|thought|supposed|asserted|repeated)",
        // ... or hands on ("Legend has it that ...", "according to a local legend", "it
        // was rumoured"), or puts in others' mouths ("Some say the war began in 1903, but
        // ...", "some historians date the rising to 1898").
        r"|(?:legend|tradition|rumou?r|gossip|report)\s+(?:has|had)\s+it",
        r"|according\s+to\s+(?:(?:a|an|the|one|some|popular|local|old|common)\s+)*(?:legend|tradition|rumou?rs?|hearsay|gossip|folklore)",
        r"|(?:it\s+is|it\s+was|it's|it\s+has\s+been)\s+rumou?red",
        r"|(?:some|others)\s+(?:(?:historians|writers|authors|scholars|accounts|sources|books|textbooks|chroniclers|people)\s+)?",
        r"(?:say|said|claim|claimed|believe|believed|think|thought|assert|asserted|maintain|maintained|suppose|supposed|allege|alleged)",
        r")\b",
    ))
    .expect("valid regex")
});

/// Others dating something, in the clause of the time: "some historians date the rising
/// to 1898", "which many textbooks place in 1898", "many older accounts give 1898" (not
/// "most textbooks date it to 1901", the consensus a writer joins). Only
/// that clause is theirs: in "which many textbooks place in 1898, began in 1899" the
/// second year is the writer's.
static OTHERS_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)\b(?:some|other|many)\s+(?:(?:older|earlier|popular|standard)\s+)?",
        r"(?:historians|writers|authors|scholars|accounts|sources|books|textbooks|histories|chroniclers|encyclop(?:a|ae)dias|authorities)",
        r"\s+(?:date|dated|place|placed|put|give|gave|assign|assigned)\b",
    ))
    .expect("valid regex")
});

/// A later clause that calls what came before it wrong: "but that is wrong", "which is
/// incorrect", "this is a myth".
static CALLED_WRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i-u)^\s*(?:but\s+|and\s+)?(?:that|this|which|it)\s+(?:is|was|are|were)\s+",
        r"(?:(?:simply|plainly|clearly|quite|certainly|demonstrably)\s+)?",
        r"(?:wrong|incorrect|false|untrue|mistaken|erroneous|not\s+(?:so|true|correct|right|the\s+case)|a\s+(?:myth|mistake|misconception|legend|fallacy)|an\s+error)\b",
    ))
    .expect("valid regex")
});

/// Words one of which every denial the patterns below read holds (ASCII case aside):
/// most sentences that make a claim hold none, and are not read further.
static CUES: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "not",
            "n't",
            "n’t",
            "never",
            "misdat",
            "wrong",
            "incorrect",
            "erroneous",
            "mistake",
            "false",
            "myth",
            "misconception",
            "error",
            "fallac",
            "legend",
            "untrue",
            "said",
            "believed",
            "claimed",
            "stated",
            "thought",
            "supposed",
            "asserted",
            "repeated",
            "some",
            "others",
            "other",
            "many",
            "according",
            "rumo",
            "gossip",
            "tradition",
            "report",
        ])
        .ok()
});

/// Whether `sentence` of `text` may deny a time in it: whether it holds one of `CUES` at
/// the start of a word ("not" and "never" as whole words: "another", "nothing" and
/// "notes" are none).
pub fn may_deny(text: &str, sentence: Span) -> bool {
    let words = text.get(sentence.start..sentence.end).unwrap_or_default();
    let Some(cues) = CUES.as_ref() else { return true };
    let bytes = words.as_bytes();
    let letter = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_alphabetic);
    cues.find_iter(words).any(|m| {
        let whole = matches!(m.pattern().as_usize(), 0 | 3);
        let glued = matches!(m.pattern().as_usize(), 1 | 2);
        (glued || m.start() == 0 || !letter(m.start() - 1)) && !(whole && letter(m.end()))
    })
}

/// Whether `sentence` of `text` denies the time at `time` (a span inside it).
///
/// Only `REACH` bytes on either side of the time are read: a run-on sentence of thousands
/// of dates is not read whole for each. (Callers ask `may_deny` of the sentence first.)
pub fn refuted(text: &str, sentence: Span, time: Span) -> bool {
    if time.start < sentence.start || time.end > sentence.end {
        return false;
    }
    let lo = crate::text::ceil_boundary(text, time.start.saturating_sub(REACH).max(sentence.start));
    let hi =
        crate::text::floor_boundary(text, time.end.saturating_add(REACH).min(sentence.end)).max(time.end);
    let Some(words) = text.get(lo..hi) else { return false };
    let sentence = Span::new(lo, hi);
    let at = time.start - sentence.start;
    // Clause starts: the sentence start and each break's end.
    let breaks: Vec<(usize, usize)> = CLAUSE_BREAK.find_iter(words).map(|m| (m.start(), m.end())).collect();
    let clause_start = breaks.iter().rev().find(|(_, e)| *e <= at).map_or(0, |(_, e)| *e);
    let clause_end =
        breaks.iter().find(|(s, _)| *s >= time.end - sentence.start).map_or(words.len(), |(s, _)| *s);
    let before = words.get(clause_start..at).unwrap_or_default();
    // "not until 1905", "no later than 1905": the time bounds, and is the writer's. (The
    // time's own span may hold its "until": "Not until June, 1917, ...".)
    let own = words.get(at..time.end - sentence.start).unwrap_or_default();
    let first = own.split_whitespace().next().unwrap_or_default();
    if BOUND_BEFORE.is_match(before) || BOUNDING.iter().any(|b| first.eq_ignore_ascii_case(b)) {
        return false;
    }
    if NEGATION
        .captures_iter(before)
        .any(|c| c.get(1).is_none() && c.get(0).is_some_and(|m| denies_what_follows(before, m.end())))
    {
        return true;
    }
    if MISDATED.is_match(before) || OTHERS_DATE.is_match(before) {
        return true;
    }
    // The clause a myth states runs from its "that" to the end of the clause the time is
    // in; a myth named earlier in the sentence reaches the time unless a clause turns
    // away in between ("It is a myth that it was 1906; it was 1905").
    if let Some(m) = MYTH_THAT.find_iter(words.get(..at).unwrap_or_default()).last() {
        let between = words.get(m.end()..clause_start).unwrap_or_default();
        if !between.contains(';') && !turns(between) {
            return true;
        }
    }
    // A later clause that calls this one wrong: the one right after it.
    let rest = words.get(clause_end..).unwrap_or_default();
    let rest = rest.trim_start_matches([',', ';', ':', '—', '–', ' ']);
    CALLED_WRONG.is_match(rest)
}

/// Bytes read on either side of a time: more than a clause.
const REACH: usize = 320;

/// Words a negation runs over to reach its time: "did not take place in 1904", "was never
/// fought at all in 1904". Farther away, the negation is of something else ("the war
/// never really ended, though it began two centuries ago").
const NEGATION_REACH: usize = 4;

/// Verbs whose negation does not deny what follows them: "don't forget the war was
/// fought in 1894", "not to mention".
const NOT_DENYING: &[&str] = &[
    "forget",
    "forgetting",
    "forgot",
    "forgotten",
    "mention",
    "doubt",
    "doubting",
    "deny",
    "surprisingly",
    "least",
    "to",
    "that",
    "matter",
    "only",
    "knowing",
    "withstanding",
];

/// Whether the negation ending at byte `end` of `before` (the clause up to the time)
/// denies the time: the time is at most `NEGATION_REACH` words after it, the first of
/// them is not one of `NOT_DENYING`, and none is capitalised. A name between them is what
/// the negation is about, and the date is the name's: "Japan never accepted the Triple
/// Intervention of 1895" denies the acceptance, not the date.
fn denies_what_follows(before: &str, end: usize) -> bool {
    let after = before.get(end..).unwrap_or_default();
    let words = after.split_whitespace();
    let first = words.clone().next();
    let named = words.clone().any(|w| w.chars().next().is_some_and(char::is_uppercase));
    words.count() <= NEGATION_REACH
        && !named
        && !first.is_some_and(|w| NOT_DENYING.iter().any(|n| w.eq_ignore_ascii_case(n)))
}

/// Whether `between` holds a word that turns to another statement.
fn turns(between: &str) -> bool {
    CLAUSE_BREAK.find_iter(between).any(|m| m.as_str().chars().all(char::is_alphabetic))
}

crate::warm_up!(CUES, CLAUSE_BREAK, NEGATION, BOUND_BEFORE, MISDATED, MYTH_THAT, OTHERS_DATE, CALLED_WRONG);

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the sentence `text` denies its time `time` (its first occurrence).
    fn denies(text: &str, time: &str) -> bool {
        let at = text.find(time).expect("the time is in the text");
        let sentence = Span::new(0, text.len());
        may_deny(text, sentence) && refuted(text, sentence, Span::new(at, at + time.len()))
    }

    #[test]
    fn denied_dates_are_found() {
        assert!(denies("The Battle of Tsushima did not take place in 1904.", "1904"));
        assert!(denies("The treaty wasn't signed in 1906.", "1906"));
        assert!(denies("The treaty was signed in 1905, not 1906.", "1906"));
        assert!(denies("The battle was never fought in May 1904 at all.", "May 1904"));
        assert!(denies("The Treaty of Shimonoseki, often misdated to 1896, was signed in 1895.", "1896"));
        assert!(denies("The intervention is wrongly dated 1894 in many books.", "1894"));
        assert!(denies("It is a myth that the Treaty of Portsmouth was signed in 1906.", "1906"));
        assert!(denies("A common misconception is that the war began in 1903.", "1903"));
        assert!(denies("Some claim the Battle of Mukden was fought in 1906, but that is wrong.", "1906"));
        assert!(denies("The battle is dated 1906 here, which is incorrect.", "1906"));
        assert!(denies("It is often said the Meiji Restoration happened in 1866; it was 1868.", "1866"));
        assert!(denies("It has been widely believed that the war began in 1903.", "1903"));
        assert!(denies("Legend has it that the Boxer Rebellion began in 1898 in a temple.", "1898"));
        assert!(denies("According to a local legend, the rising began in 1898.", "1898"));
        assert!(denies("It was rumoured that the treaty had been signed in 1896.", "1896"));
        assert!(denies("Some say the war began in 1903, but the first shots came in 1904.", "1903"));
        assert!(denies("Some historians date the rising to 1898; it began in 1899.", "1898"));
        assert!(denies("The rising, which many textbooks place in 1898, began in 1899.", "1898"));
        assert!(denies("Many older accounts give 1898 for the rising, but it began in 1899.", "1898"));
    }

    #[test]
    fn dates_a_sentence_gives_are_kept() {
        assert!(!denies("The Battle of Tsushima did not take place in 1904 but in 1905.", "1905"));
        assert!(!denies("The treaty was signed in 1905, not 1906.", "1905"));
        assert!(!denies("It was not until 1905 that the treaty was signed.", "1905"));
        assert!(!denies("Japan did not declare war until 10 February 1904.", "10 February 1904"));
        assert!(!denies("Not until June, 1917, was the conference able to meet.", "until June, 1917"));
        assert!(!denies("The treaty was signed no later than 1905.", "1905"));
        assert!(!denies("The war was fought not only in 1904 but in 1905.", "1904"));
        assert!(!denies("The Treaty of Shimonoseki, often misdated to 1896, was signed in 1895.", "1895"));
        assert!(!denies("It is a myth that the treaty was signed in 1906; it was signed in 1905.", "1905"));
        assert!(!denies("Contrary to popular belief, the battle was fought in 1905.", "1905"));
        assert!(!denies("It is often said the Restoration happened in 1866; it happened in 1868.", "1868"));
        assert!(!denies("The treaty was said to be signed in 1905.", "1905"));
        assert!(!denies("Russia, which did not want peace, signed the treaty in 1905.", "1905"));
        assert!(!denies("The treaty was signed in 1905, and that is not disputed.", "1905"));
        assert!(!denies("The treaty was signed in 1905.", "1905"));
        // A negation of something else in the clause.
        assert!(!denies(
            "Don't forget the first Sino Japanese war was fought in 1894 - 1895.",
            "1894 - 1895"
        ));
        assert!(!denies(
            "The War Never Really Ended Russia Challenges Japan since relations began two centuries ago.",
            "two centuries ago"
        ));
        assert!(!denies("Not surprisingly the treaty was signed in 1905.", "1905"));
        assert!(!denies("Japan never accepted the Intervention of 1895.", "1895"));
        assert!(!denies("Japan never forgot the humiliation of 1895.", "1895"));
        assert!(!denies("Some say the war began in 1903, but the first shots came in 1904.", "1904"));
        assert!(!denies("Some historians date the rising to 1898; it began in 1899.", "1899"));
        assert!(!denies("The rising, which many textbooks place in 1898, began in 1899.", "1899"));
        assert!(!denies("Most textbooks date the Boxer Protocol to 1901 as well.", "1901"));
        assert!(!denies("Some of the troops landed in 1904.", "1904"));
        assert!(!denies("Many of the reports were sent in 1904.", "1904"));
        // A myth named more than `REACH` bytes before is out of reach.
        let far = format!("It is a myth that {} the treaty was signed in 1906.", "x ".repeat(REACH));
        assert!(!denies(&far, "1906"));
    }

    #[test]
    fn only_sentences_with_a_cue_at_a_word_start_are_read() {
        let may = |text: &str| may_deny(text, Span::new(0, text.len()));
        for text in [
            "It did not end.",
            "It didn't.",
            "It didn’t.",
            "Never in 1904.",
            "often misdated",
            "Wrongly.",
            "a myth",
        ] {
            assert!(may(text), "{text}");
        }
        for text in [
            "Another treaty, nothing else, notes and nevertheless.",
            "The treaty was signed in 1905.",
            "terror",
        ] {
            assert!(!may(text), "{text}");
        }
    }
}
