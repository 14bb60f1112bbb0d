//! Copies of a sentence that the per-document stage did not split: whether a sentence
//! whose repeat flag a claim or a finding reads repeats one of a block left whole, as
//! splitting the whole text (the slow way, `extract_everywhere`) finds it.
//!
//! A copy whose punctuation or case keeps its date, name or head word from being found
//! ("the 5th/of/June", "the russo-china war"), beside nothing else read but a head word
//! that heads no name ("War followed."), gives its block no reason to be split. The
//! extract asks about the few sentences whose flag is read (`mark_copies_left_whole`);
//! `anachronism` asks at report time (`Copies`).

use crate::span::Span;

/// Marks as repeats the sentences of `first` (indexes, in order) that copy a sentence of a
/// block left whole (`copies_left_whole`), and those of the mentions of unknown event
/// names that `unknown-event` may report (`unknown`: each name as written, and its mention's
/// sentence, in order). Of each name, the first mention in a sentence
/// neither quoted, hypothetical nor a repeat is asked about; if it is a copy, the next,
/// until one is not: that one the check reports, so the sentences before it must be
/// known for copies, and none after it need be. Each round asks about twice as many
/// mentions of a name as the round before, so that a name mentioned in thousands of
/// copies takes a dozen rounds (each a search of the text), not thousands.
pub(super) fn mark_copies_left_whole(
    text: &str,
    lower: (Option<&str>, &str),
    left: &crate::text::LeftWhole,
    sentences: &mut [crate::text::Sentence],
    unknown: &[(&str, usize)],
    first: Vec<usize>,
) {
    // Per unknown name as written (the check folds names, which only joins these lists),
    // the sentences mentioning it, in order.
    let mut names: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for &(name, sentence) in unknown {
        let list = names.entry(name).or_default();
        if list.last() != Some(&sentence) {
            list.push(sentence);
        }
    }
    if first.is_empty() && names.is_empty() {
        return; // most documents: nothing to ask about
    }
    let mut next = vec![0usize; names.len()];
    let mut asked = vec![false; sentences.len()];
    let mut round = first;
    let mut batch = 1;
    loop {
        let passed_over =
            |i: usize| sentences.get(i).is_none_or(|s| s.quoted || s.hypothetical || s.repeat_of.is_some());
        for (list, at) in names.values().zip(next.iter_mut()) {
            // Past the mentions the check passes over.
            while list.get(*at).is_some_and(|&i| passed_over(i)) {
                *at += 1;
            }
            // The one the check would report was asked about and is no copy: done.
            if list.get(*at).is_some_and(|&i| asked.get(i) == Some(&true)) {
                continue;
            }
            let rest = list.get(*at..).unwrap_or_default().iter().filter(|&&i| !passed_over(i));
            round.extend(rest.take(batch));
        }
        batch = batch.saturating_mul(2);
        round.sort_unstable();
        round.dedup();
        round.retain(|&i| {
            let fresh = asked.get_mut(i).is_some_and(|a| !std::mem::replace(a, true));
            fresh && sentences.get(i).is_some_and(|s| s.repeat_of.is_none())
        });
        if round.is_empty() {
            return;
        }
        for i in copies_left_whole(text, lower, left, sentences, &round) {
            if let Some(s) = sentences.get_mut(i) {
                // The copy is not among the sentences: the sentence's own index stands
                // for it (only whether there is one is read).
                s.repeat_of = Some(i);
            }
        }
        round.clear();
    }
}

/// The most words of a sentence looked for in a block that may hold its copy, longest
/// first: a necessary test, kept short for a sentence of thousands of words.
const WORDS_TESTED: usize = 8;

/// The most asked sentences a block is tested for, one by one: past that many, the block
/// is split, which costs no more than the tests.
const SENTENCES_TESTED: usize = 8;

/// A sentence asked about by `copies_left_whole`.
struct Asked<'t> {
    /// Its index among the sentences, and where it starts.
    index: usize,
    start: usize,
    /// Its `repeat_key`.
    key: u64,
    /// Its words: the runs of ASCII letters and digits of its ASCII-lowercased text,
    /// distinct, longest first.
    words: Vec<&'t [u8]>,
    /// Searches for its words after the first, up to `WORDS_TESTED`: made when a block
    /// is first tested for them.
    finders: std::cell::OnceCell<Vec<memchr::memmem::Finder<'t>>>,
}

impl Asked<'_> {
    /// Whether `block` (ASCII-lowercased) holds every word tested, given that it holds
    /// the first.
    fn may_be_copied_in(&self, block: &[u8]) -> bool {
        let finders = self.finders.get_or_init(|| {
            let rest = self.words.iter().skip(1).take(WORDS_TESTED - 1);
            rest.map(|w| memchr::memmem::Finder::new(*w)).collect()
        });
        finders.iter().all(|f| f.find(block).is_some())
    }
}

/// Of the `asked` sentences (indexes into `sentences`, in order), those that repeat a
/// sentence of a block `segment_needed` left whole (`left`), as splitting the whole text
/// would find it. A copy holds every word of a sentence: only a block before it that holds
/// its longest word in `lower.1` (the ASCII-lowercased text) and its other words can hold
/// one. Those blocks are split, for all the asked sentences at once, and their sentences
/// keyed. `lower.0` is `lower.1` where the text folds like ASCII, for the splitter.
fn copies_left_whole(
    text: &str,
    lower: (Option<&str>, &str),
    left: &crate::text::LeftWhole,
    sentences: &[crate::text::Sentence],
    asked: &[usize],
) -> Vec<usize> {
    let ascii_lower = lower.1;
    // The blocks left whole before the last asked sentence: a sentence before the first
    // of them ends has none to copy.
    let last = asked.iter().filter_map(|&i| sentences.get(i)).map(|s| s.span.start).max().unwrap_or(0);
    let whole: Vec<Span> = left.blocks().take_while(|b| b.end <= last).collect();
    let Some(earliest) = whole.first().map(|b| b.end) else { return Vec::new() };
    let mut keyed: Vec<Asked<'_>> = Vec::new();
    for &index in asked {
        let Some(s) = sentences.get(index).filter(|s| s.span.start >= earliest) else { continue };
        let (key, count) = crate::text::repeat_key(s.span.slice(text));
        if count < crate::text::REPEAT_MIN_WORDS {
            continue;
        }
        let bytes = s.span.slice(ascii_lower).as_bytes();
        let mut words: Vec<&[u8]> =
            bytes.split(|b| !b.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        // Only the longest few are looked for: those are picked, not all sorted (a
        // sentence may have thousands of words).
        let order = |a: &&[u8], b: &&[u8]| b.len().cmp(&a.len()).then(a.cmp(b));
        if words.len() > WORDS_TESTED {
            words.select_nth_unstable_by(WORDS_TESTED - 1, order);
            words.truncate(WORDS_TESTED);
        }
        words.sort_unstable_by(order);
        words.dedup();
        keyed.push(Asked { index, start: s.span.start, key, words, finders: std::cell::OnceCell::new() });
    }
    if keyed.is_empty() {
        return Vec::new();
    }
    // Two characters lowercase to ASCII letters ("K", the Kelvin sign, to "k"; "İ" to
    // "i" and a dot): a copy written with them holds the words only once lowercased as a
    // whole. Where a block left whole holds either, or a sentence has no ASCII word, every
    // block left whole before the last asked sentence is split. (Nearly every text holds
    // neither: one search of it spares the blocks a search each.)
    let holds = |s: &str| crate::text::holds_either(s, ['\u{212A}', 'İ']);
    let exotic = || holds(ascii_lower) && whole.iter().any(|b| holds(b.slice(ascii_lower)));
    if keyed.iter().any(|k| k.words.is_empty()) || exotic() {
        return copies_among(text, lower, left, &whole, &keyed);
    }
    // The asked sentences by longest word, in order; each word once, looked for up to the
    // last asked sentence holding it.
    let mut by_word: Vec<(&[u8], usize, usize)> =
        keyed.iter().enumerate().filter_map(|(k, s)| Some((*s.words.first()?, s.start, k))).collect();
    by_word.sort_unstable();
    let longest: Vec<(&[u8], usize)> =
        by_word.chunk_by(|x, y| x.0 == y.0).filter_map(|run| run.last().map(|x| (x.0, x.1))).collect();
    let Some(hits) = word_hits(ascii_lower, &whole, &longest) else {
        return copies_among(text, lower, left, &whole, &keyed);
    };
    // Per block left whole, the asked sentences after it whose longest word it holds
    // (enough of them to know whether there are more than `SENTENCES_TESTED`).
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (word, hit) in hits {
        let b = whole.partition_point(|b| b.end <= hit.start);
        let Some(block) = whole.get(b).filter(|b| b.start <= hit.start) else { continue };
        let from = by_word.partition_point(|&(w, start, _)| (w, start) < (word, block.end));
        let after = by_word.get(from..).unwrap_or_default().iter().take_while(|x| x.0 == word);
        candidates.extend(after.take(SENTENCES_TESTED + 1).map(|x| (b, x.2)));
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut chosen: Vec<Span> = Vec::new();
    for run in candidates.chunk_by(|x, y| x.0 == y.0) {
        let Some(block) = run.first().and_then(|&(b, _)| whole.get(b)) else { continue };
        let inside = block.slice(ascii_lower).as_bytes();
        let holds = |&(_, k): &(usize, usize)| keyed.get(k).is_some_and(|s| s.may_be_copied_in(inside));
        if run.len() > SENTENCES_TESTED || run.iter().any(holds) {
            chosen.push(*block);
        }
    }
    copies_among(text, lower, left, &chosen, &keyed)
}

/// Of the `keyed` sentences, those that repeat a sentence of the `chosen` blocks left
/// whole, once split.
fn copies_among(
    text: &str,
    lower: (Option<&str>, &str),
    left: &crate::text::LeftWhole,
    chosen: &[Span],
    keyed: &[Asked<'_>],
) -> Vec<usize> {
    if chosen.is_empty() {
        return Vec::new();
    }
    // The first start of each key among the sentences of the chosen blocks.
    let mut first: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    for s in left.split(text, lower.0, chosen) {
        let (key, count) = crate::text::repeat_key(s.span.slice(text));
        if count >= crate::text::REPEAT_MIN_WORDS {
            first.entry(key).or_insert(s.span.start);
        }
    }
    keyed.iter().filter(|k| first.get(&k.key).is_some_and(|&at| at < k.start)).map(|k| k.index).collect()
}

/// Where each of `words` (each with the byte it is looked for before) occurs in the
/// `blocks` of `lower`, with the word: one search for all of them, so that the text is read
/// once however many sentences are asked about. `None` if no search could be built.
fn word_hits<'w>(lower: &str, blocks: &[Span], words: &[(&'w [u8], usize)]) -> Option<Vec<(&'w [u8], Span)>> {
    let end = words.iter().map(|w| w.1).max().unwrap_or(0);
    let blocks = blocks.iter().take_while(|b| b.end <= end);
    let bytes = lower.as_bytes();
    let mut hits = Vec::new();
    let mut found = |at: usize| {
        // Every word that starts here: the search reports one of them.
        for &(w, end) in words {
            if at + w.len() <= end && bytes.get(at..at + w.len()) == Some(w) {
                hits.push((w, Span::new(at, at + w.len())));
            }
        }
    };
    if let [(w, _)] = words {
        let finder = memchr::memmem::Finder::new(w);
        for b in blocks {
            finder.find_iter(b.slice(lower).as_bytes()).for_each(|at| found(b.start + at));
        }
        return Some(hits);
    }
    // Teddy, where the CPU has it and there are at most 64 words, goes on one byte past
    // each hit, so that words that overlap are all found; else an automaton that reports
    // overlapping matches.
    let teddy = aho_corasick::packed::Config::new()
        .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(words.iter().map(|w| w.0))
        .build();
    match teddy {
        Some(searcher) => {
            for b in blocks {
                let hay = b.slice(lower).as_bytes();
                let mut at = 0;
                while let Some(m) = searcher.find_in(hay, aho_corasick::Span { start: at, end: hay.len() }) {
                    found(b.start + m.start());
                    at = m.start() + 1;
                }
            }
        }
        None => {
            let ac = aho_corasick::AhoCorasick::new(words.iter().map(|w| w.0)).ok()?;
            for b in blocks {
                let mut last = None;
                for m in ac.find_overlapping_iter(b.slice(lower)) {
                    if last != Some(m.start()) {
                        found(b.start + m.start());
                        last = Some(m.start());
                    }
                }
            }
        }
    }
    Some(hits)
}

/// A whole text's sentences as comparing every one of them flags them, for a check about
/// to report a sentence: whether a copy of it lies before it. The extract compares a
/// sentence only with the sentences it split; a copy written with other separators
/// ("President Theodore\u{1}Roosevelt", where a name search finds no name) may lie in a
/// block it left whole, where the slow way (`segment`, as `extract_everywhere` splits)
/// finds it. Made when a check first reports something in a document (few do): the
/// whole text is split once, and each question is a lookup, so that a text of twenty
/// thousand reports costs one split, not one each.
pub struct Copies {
    sentences: Vec<crate::text::Sentence>,
}

impl Copies {
    pub fn new(text: &str) -> Self {
        Copies { sentences: crate::text::segment(text) }
    }

    /// Whether `sentence` (of the text this was made of) repeats a sentence before it.
    /// Blocks split alike whole or alone, so the extract's sentence is one of these.
    pub fn before(&self, sentence: Span) -> bool {
        let i = self.sentences.partition_point(|s| s.span.start < sentence.start);
        self.sentences.get(i).is_some_and(|s| s.span == sentence && s.repeat_of.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the `nth` sentence of `text` copies a sentence of another block, by
    /// `copies_left_whole` with only the sentence's own block split.
    fn copied_at(text: &str, nth: usize) -> bool {
        let lower = text.to_ascii_lowercase();
        let sentence = crate::text::segment(text).get(nth).map(|s| s.span).expect("a sentence");
        let split = crate::text::segment_hot(text, Some(&lower), &[sentence], false);
        let i = split.sentences.iter().position(|s| s.span == sentence).expect("its block split");
        !copies_left_whole(text, (Some(&lower), &lower), &split.left, &split.sentences, &[i]).is_empty()
    }

    /// The same for the last sentence.
    fn copied(text: &str) -> bool {
        copied_at(text, crate::text::segment(text).len() - 1)
    }

    #[test]
    fn a_copy_anywhere_before_is_found_whatever_its_case_and_punctuation() {
        let tail =
            "\n\nTREATY OF PORTSMOUTH\n\nThe treaty was signed on September 5, 1905, in the navy yard.\n";
        let cases = [
            ("The treaty was signed on September 5, 1905, in the navy yard.", true),
            ("Notes.\n\nTHE TREATY WAS SIGNED ON SEPTEMBER 5,1905 IN THE NAVY YARD.", true),
            // The Kelvin sign lowercases to "k": the words are the same.
            ("Notes on the Yard.\n\nThe treaty was signed on September 5, 1905, in the navy yard, \u{212A}.", false),
            ("The treaty was signed on September 5, 1905, in the navy yard, \u{212A}.", false),
            ("The treaty was signed on September 6, 1905, in the navy yard.", false),
            ("The treaty was signed in the navy yard.", false),
        ];
        for (head, want) in cases {
            let text = format!("{head}{tail}");
            assert_eq!(copied(&text), want, "{text:?}");
        }
        let kelvin = "The \u{212A}ing signed it on September 5, 1905, in the navy yard.\n\nNOTES\n\nThe king signed it on September 5, 1905, in the navy yard.\n";
        assert!(copied(kelvin));
        let ascii = "The King signed it on September 5, 1905, in the navy yard.\n\nTHE KING\n\nThe \u{212A}ing signed it on September 5, 1905, in the navy yard.\n";
        assert!(copied(ascii));
        // A copy after the sentence is not before it.
        let text =
            format!("{}\n\nThe treaty was signed on September 5, 1905, in the navy yard.\n", tail.trim());
        assert!(copied_at(&text, 2) && !copied_at(&text, 1));
    }

    /// A sentence, in one of several writings: as it is, in capitals, in lowercase, or with
    /// slashes, control bytes or dashes for its spaces; or another sentence of mostly the
    /// same words.
    fn writing(k: u8) -> String {
        let base = "The Russo-China War was fought on the 5th of June by many men.";
        match k % 8 {
            0 => base.to_string(),
            1 => base.to_uppercase(),
            2 => base.to_lowercase(),
            3 => base.replace(' ', "/"),
            4 => base.replace(' ', "\u{1}"),
            5 => base.replace(' ', " - "),
            6 => base.replace("many", "few"),
            _ => "Many men were there on the 5th of June.".to_string(),
        }
    }

    proptest::proptest! {
        /// Whatever the writings of the blocks before it, the last sentence copies one of
        /// them exactly when splitting the whole text finds it a repeat.
        #[test]
        fn a_copy_in_a_block_left_whole_is_found_as_splitting_everything_finds_it(
            ks in proptest::collection::vec(0u8..8, 0..5),
        ) {
            let mut blocks: Vec<String> = ks.iter().map(|&k| writing(k)).collect();
            blocks.push(writing(0));
            let text = blocks.join("\n\n");
            let all = crate::text::segment(&text);
            let last = all.len() - 1;
            let whole = all.get(last).is_some_and(|s| s.repeat_of.is_some());
            proptest::prop_assert_eq!(copied_at(&text, last), whole, "{:?}", text);
        }
    }
}
