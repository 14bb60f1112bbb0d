//! `unknown-event`: a named event the rules do not know, with the nearest known names.

use crate::checks::{declare_check, DocContext};
use crate::claims::MentionTarget;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::{Event, IndexedWord, NameIndex, NameWords, RuleBook};
use std::collections::BTreeSet;

declare_check! {
    /// ## What it does
    /// Flags a proper name of an event ("the Russo-China War") that no event in rules/
    /// knows by name or alias, and suggests the nearest known events, ranked by how much
    /// of the name they share (Russo = Russia, Sino = China, ...) and by how close their
    /// dates are to the passage's. Names in quoted, hypothetical or repeated sentences
    /// are left out; each name is reported once per document. A name that shares nothing
    /// distinctive with any known event (the Peloponnesian War), or that holds a
    /// distinctive word no known event's name holds (the Russo-Turkish War), is taken to
    /// be outside what the reference covers and is left alone: this check looks for slips
    /// and variant names, not for every war in history. A slip keeps the kind of event:
    /// a massacre is not suggested a treaty.
    ///
    /// ## Why it matters
    /// An event the tool cannot identify is one whose dates nobody checks; often the name
    /// is a slip for a known event, and sometimes the rules lack an alias.
    ///
    /// ## Example
    /// ```text
    /// blog.txt: ...acquiring the Korean peninsula in the Russo-China War and the Russo-Japanese War
    /// ```
    /// Correct the name (did you mean the First Sino-Japanese War?), or add the name as an
    /// alias of the right event in rules/.
    pub static UNKNOWN_EVENT = ("unknown-event", Level::Warn, per_doc = run);
}

fn run(cx: &DocContext<'_>, out: &mut Vec<Diagnostic>) {
    let doc = cx.extract;
    {
        let mut seen = BTreeSet::new();
        let known = doc.known_by_sentence();
        for m in &doc.mentions {
            let MentionTarget::Unknown(name) = &m.target else { continue };
            let Some(sentence) = doc.sentences.get(m.sentence) else { continue };
            if sentence.quoted || sentence.hypothetical || sentence.repeat_of.is_some() {
                continue;
            }
            if !seen.insert(fold(name)) {
                continue;
            }
            // Events already named in the same sentence are not what this name means.
            let named_here: BTreeSet<usize> = known
                .get(m.sentence)
                .into_iter()
                .flatten()
                .filter_map(|o| match o.target {
                    MentionTarget::Known(id) => Some(id),
                    MentionTarget::Unknown(_) => None,
                })
                .collect();
            // A text cannot mean an event after it was written.
            let written = doc.written().and_then(crate::time::TimeValue::end_year);
            let ids = suggested(cx.rules, name, (sentence.span, &doc.times), written, &named_here);
            let suggestions: Vec<&Event> = ids.iter().filter_map(|&id| cx.rules.events.get(id)).collect();
            // A name that shares nothing distinctive with any known event (the Peloponnesian
            // War), or brings a word none knows (the Russo-Turkish War), is outside what the
            // reference covers, not a slip.
            if suggestions.is_empty() {
                continue;
            }
            let mut d = Diagnostic::new(
                UNKNOWN_EVENT.code,
                Label::new(&doc.path, m.span, "not an event in rules/"),
                format!("`{name}` is not an event the reference timeline knows"),
            );
            let names: Vec<String> = suggestions.iter().map(|e| describe(e)).collect();
            d = d.help(format!(
                "did you mean {}? If the name is right, add it to rules/ as an event or an alias",
                names.join(", or ")
            ));
            out.push(d);
        }
    }
}

/// `suggest`'s events for the unknown `name` in `sentence` of a text with `times`, written
/// in `written`, where the sentence names the known events `named_here`: the passage's year
/// is that of the sentence's first time. Worked out once per rule book and question. None:
/// the check leaves the name alone there. (The extract asks it too, of every mention, to
/// know which names the check may report.)
pub fn suggested(
    rules: &RuleBook,
    name: &str,
    (sentence, times): (crate::span::Span, &[crate::time::TimeExpr]),
    written: Option<i64>,
    named_here: &BTreeSet<usize>,
) -> Vec<usize> {
    let year = crate::time::inside(times, sentence).find_map(|t| t.value.start_year());
    let key = (name.to_string(), year, named_here.iter().copied().collect(), written);
    rules.suggestions_cache.get_or(key, || {
        suggest(rules, name, (year, written), named_here).iter().filter_map(|e| rules.find(&e.id)).collect()
    })
}

fn describe(e: &Event) -> String {
    // A name that gives its year already ("the Battle of Tientsin (1900)", "the first
    // Japan–Korea Agreement (August 1904)").
    let bracket = e.name.trim_end().strip_suffix(')').and_then(|n| n.rsplit_once('(')).map(|(_, b)| b);
    if bracket.is_some_and(|b| b.bytes().any(|c| c.is_ascii_digit())) {
        return e.name.clone();
    }
    // The years its dates cover, ends included: a war dated as one span (1917/1922) is
    // shown with both years, as one dated by a start and an end is.
    match e.era() {
        Some((a, b)) if a == b => format!("{} ({a})", e.name),
        Some((a, b)) => format!("{} ({a}–{b})", e.name),
        None => e.name.clone(),
    }
}

/// Up to three known events nearest to `name`, best first: `year` is the passage's, if
/// it gives one, and `written` the last year the text can have been written in, if known
/// (no event that began after it is suggested).
pub fn suggest<'r>(
    rules: &'r RuleBook,
    name: &str,
    (year, written): (Option<i64>, Option<i64>),
    exclude: &BTreeSet<usize>,
) -> Vec<&'r Event> {
    let scores = rules.name_scores_cache.get_or(name.to_string(), || name_scores(rules, name));
    let kinds = kinds_for(name);
    let mut scored: Vec<(i64, &str, &Event)> = Vec::new();
    for &(id, best) in &scores {
        let Some(e) = rules.events.get(id).filter(|_| !exclude.contains(&id)) else { continue };
        // A slip keeps the kind of event: the Tientsin Massacre is not a treaty of
        // Tientsin, nor the Shanghai Conference a government proclaimed there.
        if kinds.is_some_and(|k| !k.contains(&e.kind.as_str())) {
            continue;
        }
        // The start year of its first dated view, and the earliest of them all.
        let mut starts = e.dates.iter().flat_map(|d| d.views.iter()).filter_map(|v| v.value.start_year());
        let first = starts.next();
        let began = first.into_iter().chain(starts).min();
        if written.zip(began).is_some_and(|(w, b)| b > w) {
            continue;
        }
        let era = match (year, first) {
            (Some(y), Some(ey)) => -(y - ey).abs().min(100) * 20,
            _ => 0,
        };
        scored.push((best + era, &e.id, e));
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, _, e)| e).collect()
}

/// The kinds of event (`kind` in rules/) that an unknown name headed by its word can be
/// a slip for, or `None` for a head this table does not know. "War" is also said of
/// rebellions and campaigns, "Incident" of much; "Conference" and "Treaty" are said of
/// each other's events (the Portsmouth Conference made the Treaty of Portsmouth).
fn kinds_for(name: &str) -> Option<&'static [&'static str]> {
    const WAR: &[&str] = &[
        "war",
        "battle",
        "siege",
        "rebellion",
        "revolution",
        "mutiny",
        "intervention",
        "expedition",
        "occupation",
    ];
    const RISING: &[&str] = &["rebellion", "revolution", "mutiny", "movement", "coup", "war", "massacre"];
    const INCIDENT: &[&str] = &[
        "incident",
        "diplomatic",
        "assassination",
        "massacre",
        "coup",
        "political",
        "intervention",
        "occupation",
        "annexation",
        "battle",
    ];
    const INTERVENTION: &[&str] = &["intervention", "diplomatic", "war", "occupation", "expedition"];
    const TREATY: &[&str] = &["conference", "treaty", "agreement", "alliance", "diplomatic"];
    const MASSACRE: &[&str] = &["massacre", "incident", "battle", "siege", "rebellion", "assassination"];
    const EXPEDITION: &[&str] = &["expedition", "war", "battle", "siege", "intervention", "occupation"];
    const BATTLE: &[&str] = &["battle", "siege", "war", "massacre", "occupation", "expedition"];
    let words: Vec<&str> = name.split_whitespace().collect();
    // "the Treaty of Peking": the word before "of"; "the Boxer War": the last word.
    let head = match words.iter().position(|w| *w == "of") {
        Some(i) if i > 0 => words.get(i - 1),
        _ => words.last(),
    }?;
    Some(match head.to_ascii_lowercase().as_str() {
        "war" => WAR,
        "rebellion" | "uprising" | "mutiny" | "revolution" => RISING,
        "incident" | "affair" | "crisis" => INCIDENT,
        "intervention" => INTERVENTION,
        "conference" | "convention" | "treaty" | "peace" => TREATY,
        "massacre" => MASSACRE,
        "expedition" => EXPEDITION,
        "battle" | "siege" => BATTLE,
        _ => return None,
    })
}

/// The events that share a distinctive word with `name` (or one spelt a little
/// differently), each with the score of its closest name: shared words first, the edit
/// distance of the folded names breaking ties.
fn name_scores(rules: &RuleBook, name: &str) -> Vec<(usize, i64)> {
    let words = concepts(name);
    let folded = fold(name);
    let index = rules.name_words_cache.get_or_init(|| name_index(rules));
    // A distinctive word in common, or one spelt a little differently (Taeping,
    // Taiping): "conference" or "rebellion" alone says nothing. Most events share nothing
    // with the name: the edit distances below are only worth computing for the few that
    // do, found from the index of distinct words, not by reading every event's names.
    //
    // A name with a distinctive word that no event's name holds (the Russo-Turkish War,
    // the Treaty of San Stefano, the Franco-Prussian War) names an event outside what the
    // reference covers, even where another of its words is shared: a slip mixes up words
    // the reference knows (the Russo-China War), it does not bring new ones.
    let mut sharing: BTreeSet<usize> = BTreeSet::new();
    for w in words.iter().filter(|w| !is_generic(w)) {
        let mut known = false;
        for o in spelt_like(index, w) {
            sharing.extend(&o.events);
            known = true;
        }
        if !known {
            return Vec::new();
        }
    }
    let mut out = Vec::new();
    for id in sharing {
        let Some(names) = index.names.get(id) else { continue };
        let best = names
            .iter()
            .map(|(n, other)| {
                let shared = words.intersection(other).count() as i64;
                let union = words.union(other).count().max(1) as i64;
                let distance = super::edit_distance(&folded, n) as i64;
                shared * 1000 / union * 10 - distance
            })
            .max()
            .unwrap_or(i64::MIN);
        out.push((id, best));
    }
    out
}

/// The index's words that are `w` or spelt like it (`spelt_alike`).
fn spelt_like<'i>(index: &'i NameIndex, w: &'i str) -> impl Iterator<Item = &'i IndexedWord> + 'i {
    let (chars, mask) = (w.chars().count(), char_mask(w));
    // Two cheap tests rule out most words before `spelt_alike` computes a distance.
    index.words.iter().filter(move |o| {
        o.word == w
            || (o.chars.abs_diff(chars) <= 2
                && (mask & !o.mask).count_ones() <= 2
                && (o.mask & !mask).count_ones() <= 2
                && spelt_alike(w, &o.word))
    })
}

/// Whether `part` of a name (a word as written: "Peloponnesian", "Russo-Turkish") brings a
/// distinctive word that no event's name holds or spells alike. Every name holding
/// `part` whole then shares nothing with the reference (`name_scores`), and this check
/// reports it nowhere: the extract need not split a block only to find it
/// (`claims::mentions::name_heads_to_read`). Asked once per word and rule book.
pub fn brings_an_unknown_word(rules: &RuleBook, part: &str) -> bool {
    rules.unknown_words_cache.get_or(part.to_string(), || {
        let index = rules.name_words_cache.get_or_init(|| name_index(rules));
        concepts(part).iter().any(|w| !is_generic(w) && spelt_like(index, w).next().is_none())
    })
}

/// The names of every event, folded and as words, and their distinctive words indexed.
fn name_index(rules: &RuleBook) -> NameIndex {
    let names: Vec<Vec<NameWords>> = rules
        .events
        .iter()
        .map(|e| std::iter::once(&e.name).chain(&e.aliases).map(|n| (fold(n), concepts(n))).collect())
        .collect();
    let mut events_of: std::collections::BTreeMap<&str, BTreeSet<usize>> = Default::default();
    for (id, words) in names.iter().enumerate() {
        for w in words.iter().flat_map(|(_, w)| w).filter(|w| !is_generic(w)) {
            events_of.entry(w.as_str()).or_default().insert(id);
        }
    }
    let words = events_of
        .into_iter()
        .map(|(w, events)| IndexedWord {
            word: w.to_string(),
            chars: w.chars().count(),
            mask: char_mask(w),
            events: events.into_iter().collect(),
        })
        .collect();
    NameIndex { names, words }
}

/// Whether two different words are one spelt a little differently (Taeping, Taiping):
/// both of six bytes or more, with the same first letter (a slip rarely changes it:
/// Prussian is not Russian), and one edit apart, or two for words of eight chars or more
/// (African is not American).
fn spelt_alike(a: &str, b: &str) -> bool {
    let (ca, cb) = (a.chars().count(), b.chars().count());
    let edits = if ca.min(cb) >= 8 { 2 } else { 1 };
    a.len() >= 6
        && b.len() >= 6
        && a.chars().next() == b.chars().next()
        && ca.abs_diff(cb) <= edits
        && super::edit_distance_within(a, b, edits).is_some()
}

/// Bit `c % 64` for each char `c` of `word` (`IndexedWord::mask`). An edit takes at
/// most one char out and puts at most one in, so a word two edits from another has at
/// most two chars, and so at most two bits, that the other lacks.
fn char_mask(word: &str) -> u64 {
    word.chars().fold(0, |m, c| m | 1 << (u32::from(c) % 64))
}

/// Whether `word` is in `GENERIC`, by hash: it is asked for every word of every event's
/// names, once per unknown name.
fn is_generic(word: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| GENERIC.iter().copied().collect());
    SET.contains(word)
}

/// Words too common in event names to suggest one on their own.
const GENERIC: &[&str] = &[
    "war",
    "wars",
    "the",
    "of",
    "and",
    "battle",
    "treaty",
    "treaties",
    "incident",
    "first",
    "second",
    "third",
    "revolution",
    "conference",
    "convention",
    "rebellion",
    "uprising",
    "rising",
    "mutiny",
    "massacre",
    "siege",
    "peace",
    "naval",
    "alliance",
    "expedition",
    "agreement",
    "great",
    "civil",
    "campaign",
    "movement",
    "affair",
    "crisis",
    "mission",
    "declaration",
    "declarations",
    "capture",
    "fall",
    "surrender",
    "protocol",
    "coup",
    "occupation",
    "intervention",
    "south",
    "north",
    "east",
    "west",
    "new",
    "old",
    "all",
    "citizens",
    "representatives",
    "international",
    "democratic",
];

/// The concepts a name is made of: lowercased words, with combining forms mapped to
/// their country (Russo -> russia, Sino -> china, Japanese -> japan).
fn concepts(name: &str) -> BTreeSet<String> {
    // The "s" of a possessive ("the Boxer's War", "Admiral Seymour's expedition") is no
    // word of the name: shared, it made any two possessive names look alike.
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the" && *w != "of" && *w != "s")
        .map(|w| {
            match w {
                "russo" | "russian" | "russians" => "russia",
                "sino" | "sinico" | "chinese" => "china",
                "japanese" | "nippon" => "japan",
                "korean" | "corea" | "corean" => "korea",
                "franco" | "french" => "france",
                "anglo" | "british" | "english" => "britain",
                "pekin" | "beijing" => "peking",
                other => other,
            }
            .to_string()
        })
        .collect()
}

/// Lowercase ASCII-ish form for comparing names: the check reports each name, so
/// folded, once per document.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Ō' | 'ō' => 'o',
            'Ū' | 'ū' => 'u',
            '–' | '—' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Event, Origin};

    fn event(id: &str, name: &str, aliases: &[&str]) -> Event {
        Event {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            descriptions: Vec::new(),
            kind: "war".into(),
            dates: Vec::new(),
            origin: Origin::default(),
        }
    }

    /// A rule book of the two wars, and `more`.
    fn book(more: Vec<Event>) -> RuleBook {
        let mut events = vec![
            event("russo-japanese-war", "the Russo-Japanese War", &["Russo-Japanese War"]),
            event("first-sino-japanese-war", "the First Sino-Japanese War", &["Sino-Japanese War"]),
        ];
        events.extend(more);
        RuleBook { events, ..RuleBook::default() }
    }

    #[test]
    fn russo_china_war_suggests_the_first_sino_japanese_war() {
        let rules = book(vec![event("boxer-rebellion", "the Boxer Rebellion", &[])]);
        // The Russo-Japanese War is named in the same sentence, so it is not the answer.
        let exclude: BTreeSet<usize> = [0].into_iter().collect();
        let s = suggest(&rules, "Russo-China War", (None, None), &exclude);
        assert_eq!(s.first().map(|e| e.id.as_str()), Some("first-sino-japanese-war"));
        assert!(s.iter().all(|e| e.id != "boxer-rebellion"), "nothing shared but generic words");
    }

    #[test]
    fn a_name_bringing_a_word_no_event_holds_is_left_alone() {
        let rules = book(vec![
            event("taiping-rebellion", "the Taiping Rebellion", &[]),
            event("sino-french-war", "the Sino-French War", &[]),
        ]);
        let none = BTreeSet::new();
        let ids = |name: &str| {
            suggest(&rules, name, (None, None), &none).iter().map(|e| e.id.clone()).collect::<Vec<_>>()
        };
        // Words the reference knows, mixed up: a slip.
        assert!(!ids("Russo-China War").is_empty());
        assert_eq!(ids("Taeping Rebellion"), ["taiping-rebellion"]);
        // Turkey, Prussia and Prussian are nowhere in the rules: another war.
        assert!(ids("Russo-Turkish War").is_empty());
        assert!(ids("Franco-Prussian War").is_empty());
    }

    #[test]
    fn a_slip_keeps_the_kind_of_event() {
        let mut treaty = event("treaty-of-tientsin", "the Treaty of Tientsin", &[]);
        treaty.kind = "treaty".into();
        let mut boxers = event("boxer-rebellion", "the Boxer Rebellion", &[]);
        boxers.kind = "rebellion".into();
        let rules = book(vec![treaty, boxers]);
        let none = BTreeSet::new();
        let ids = |name: &str| {
            suggest(&rules, name, (None, None), &none).iter().map(|e| e.id.clone()).collect::<Vec<_>>()
        };
        // A massacre at Tientsin is no treaty signed there.
        assert!(ids("Tientsin Massacre").is_empty());
        assert_eq!(ids("Convention of Tientsin"), ["treaty-of-tientsin"]);
        // "War" is said of a rebellion too.
        assert_eq!(ids("Boxer War"), ["boxer-rebellion"]);
        assert_eq!(ids("Boxer's War"), ["boxer-rebellion"]);
        assert_eq!(kinds_for("the Treaty of Peking").map(|k| k.contains(&"treaty")), Some(true));
        assert_eq!(kinds_for("the Boxer Troubles"), None, "a head the table does not know filters nothing");
    }

    #[test]
    fn a_possessive_shares_no_word_with_another() {
        let mut seymour =
            event("seymour-expedition", "the Seymour Expedition", &["Admiral Seymour's expedition"]);
        seymour.kind = "expedition".into();
        let mut perry = event("perry-expedition", "the Perry Expedition", &["Commodore Perry's expedition"]);
        perry.kind = "expedition".into();
        let mut boxers = event("boxer-rebellion", "the Boxer Rebellion", &["Boxer War"]);
        boxers.kind = "rebellion".into();
        let rules = book(vec![seymour, perry, boxers]);
        // The Boxer Rebellion named in the same row ("The Boxer's War Against the Foreigner |
        // ... | Boxer Rebellion"): the expeditions share only the possessive's "s" with it.
        let exclude: BTreeSet<usize> = [4].into_iter().collect();
        assert!(suggest(&rules, "the Boxer's War", (None, None), &exclude).is_empty());
        assert_eq!(concepts("Admiral Seymour’s expedition").len(), 3);
    }

    /// A text cannot mean an event after it was written, and a name that gives its year
    /// is not given it twice.
    #[test]
    fn no_event_after_the_text_is_suggested() {
        use crate::rules::{RefDate, Role, View};
        let dated = |id: &str, name: &str, year: i64| {
            let mut e = event(id, name, &[]);
            e.kind = "treaty".into();
            let view =
                View { value: crate::time::TimeValue::year(year), source: "a source".into(), note: None };
            e.dates = vec![RefDate {
                role: Role::Point,
                views: vec![view],
                disputed: false,
                origin: Origin::default(),
            }];
            e
        };
        let rules = book(vec![
            dated("paris-peace-conference", "the Paris Peace Conference", 1919),
            dated("treaty-of-portsmouth", "the Treaty of Portsmouth", 1905),
        ]);
        let none = BTreeSet::new();
        let ids = |written| {
            suggest(&rules, "Paris Conference", (None, written), &none)
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(Some(1920)), ["paris-peace-conference"]);
        assert_eq!(ids(None), ["paris-peace-conference"]);
        assert!(ids(Some(1905)).is_empty(), "{:?}", ids(Some(1905)));
        assert_eq!(
            describe(&dated("battle-of-tientsin", "the Battle of Tientsin (1900)", 1900)),
            "the Battle of Tientsin (1900)"
        );
        assert_eq!(
            describe(&dated("treaty-of-portsmouth", "the Treaty of Portsmouth", 1905)),
            "the Treaty of Portsmouth (1905)"
        );
        assert_eq!(
            describe(&dated("arrow-war", "the Second Opium War (Arrow War)", 1856)),
            "the Second Opium War (Arrow War) (1856)"
        );
        let mut civil_war = dated("russian-civil-war", "the Russian Civil War", 1917);
        let span = crate::time::TimeValue::parse_edtf("1917/1922").expect("an EDTF interval");
        civil_war.dates.iter_mut().flat_map(|d| d.views.iter_mut()).for_each(|v| v.value = span.clone());
        assert_eq!(describe(&civil_war), "the Russian Civil War (1917–1922)", "a span shows both ends");
    }

    #[test]
    fn words_spelt_alike() {
        assert!(spelt_alike("taeping", "taiping"));
        assert!(spelt_alike("portsmuth", "portsmouth"));
        assert!(spelt_alike("blagovestchensk", "blagoveshchensk"));
        assert!(!spelt_alike("prussian", "russian"), "another first letter");
        assert!(!spelt_alike("african", "american"), "two edits in words under eight chars");
        assert!(!spelt_alike("tokio", "tokyo"), "too short to tell");
    }

    /// `name_scores` as first written: every word of every event's names compared with
    /// each word of the name. The indexed one must give the same scores.
    fn name_scores_reference(rules: &RuleBook, name: &str) -> Vec<(usize, i64)> {
        let words = concepts(name);
        let folded = fold(name);
        let all_names = name_index(rules).names;
        let every_word =
            || all_names.iter().flatten().flat_map(|(_, other)| other).filter(|o| !is_generic(o));
        let known = |w: &String| every_word().any(|o| o == w || spelt_alike(w, o));
        if !words.iter().filter(|w| !is_generic(w)).all(known) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (id, names) in all_names.iter().enumerate() {
            let shared_any = words.iter().filter(|w| !is_generic(w)).any(|w| {
                names
                    .iter()
                    .flat_map(|(_, other)| other)
                    .filter(|o| !is_generic(o))
                    .any(|o| o == w || spelt_alike(w, o))
            });
            if !shared_any {
                continue;
            }
            let best = names
                .iter()
                .map(|(n, other)| {
                    let shared = words.intersection(other).count() as i64;
                    let union = words.union(other).count().max(1) as i64;
                    let distance = crate::checks::edit_distance(&folded, n) as i64;
                    shared * 1000 / union * 10 - distance
                })
                .max()
                .unwrap_or(i64::MIN);
            out.push((id, best));
        }
        out
    }

    fn repository_rules() -> &'static RuleBook {
        static RULES: std::sync::OnceLock<RuleBook> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            crate::rules::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
                .expect("rules load")
        })
    }

    /// Words of the repository's event names, to be misspelt.
    const WORDS: &[&str] = &[
        "Taiping",
        "Tientsin",
        "Portsmouth",
        "Shimonoseki",
        "Manchuria",
        "Kiaochow",
        "Mukden",
        "Russo",
        "Sino",
        "Boxer",
        "Ketteler",
        "Legations",
        "Tsushima",
        "Liaoyang",
        "Chemulpo",
        "Hirobumi",
        "Revolution",
        "Rebellion",
        "Nanking",
        "Protocol",
        "Ōtsu",
        "Itō",
    ];

    /// A word with up to three edits: (position, char) pairs, a char of `None` deleting.
    fn misspelt(word: &str, edits: &[(usize, Option<char>, bool)]) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        for &(at, c, insert) in edits {
            let at = at % (chars.len() + 1);
            match (c, insert) {
                (Some(c), true) => chars.insert(at, c),
                (Some(c), false) if at < chars.len() => chars[at] = c,
                (None, _) if at < chars.len() => {
                    chars.remove(at);
                }
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        #[test]
        fn indexed_name_scores_agree_with_comparing_every_name(
            picks in proptest::collection::vec(
                (
                    proptest::sample::select(WORDS),
                    proptest::collection::vec(
                        (0usize..12, proptest::option::of(proptest::sample::select(vec!['a', 'e', 'i', 'n', 's', 't', 'ō', 'é'])), proptest::bool::ANY),
                        0..4,
                    ),
                ),
                1..4,
            ),
            head in proptest::sample::select(vec!["War", "Rebellion", "Treaty", "Incident", "Expedition"]),
        ) {
            let rules = repository_rules();
            let words: Vec<String> = picks.iter().map(|(w, e)| misspelt(w, e)).collect();
            let name = format!("{} {head}", words.join("-"));
            proptest::prop_assert_eq!(name_scores(rules, &name), name_scores_reference(rules, &name), "{}", name);
        }
    }
}
