//! Fuzzes `Literals` (the entity and place names' search) against an Aho–Corasick
//! automaton with leftmost-longest matching: the input's first line holds the strings,
//! separated by `|`, the rest is the haystack. Whatever the strings (short, long, sharing
//! pieces, beyond ASCII), `find_iter` must give the automaton's matches, `find_within`
//! the whole search's matches inside the parts, and `is_match` whether there is one.
#![no_main]

use aho_corasick::{AhoCorasick, MatchKind};
use chronolint::literals::{Found, Literals};
use chronolint::span::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (head, hay) = text.split_once('\n').unwrap_or((text, ""));
    let strings: Vec<&str> = head.split('|').take(80).collect();
    let Some(lit) = Literals::new(&strings) else {
        assert!(strings.iter().all(|s| s.is_empty()), "only an empty set builds nothing");
        return;
    };
    // `Literals` passes over empty strings; the automaton is given the others, and its
    // pattern numbers are mapped back.
    let (index, given): (Vec<usize>, Vec<&str>) =
        strings.iter().enumerate().filter(|(_, s)| !s.is_empty()).map(|(i, s)| (i, *s)).unzip();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&given)
        .expect("the automaton builds");
    let expected: Vec<Found> = automaton
        .find_iter(hay)
        .map(|m| Found { start: m.start(), end: m.end(), pattern: index[m.pattern().as_usize()] })
        .collect();
    let found: Vec<Found> = lit.find_iter(hay).collect();
    assert_eq!(found, expected);
    assert_eq!(lit.is_match(hay), !expected.is_empty());
    // Parts: the haystack cut at every 37th char boundary, every other piece kept.
    let cuts: Vec<usize> = hay.char_indices().map(|(i, _)| i).chain([hay.len()]).step_by(37).collect();
    let parts: Vec<Span> = cuts.windows(2).step_by(2).map(|w| Span::new(w[0], w[1])).collect();
    let inside: Vec<Found> = expected
        .iter()
        .copied()
        .filter(|f| parts.iter().any(|p| p.contains(Span::new(f.start, f.end))))
        .collect();
    assert_eq!(lit.find_within(hay, &parts), inside);
});
