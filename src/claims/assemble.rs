//! Claim assembly: each time of a sentence is tied to the event mention it most plausibly
//! modifies (nearest, same clause), with a role read from the words around both
//! ("broke out" start, "until"/"surrendered" end, a range attached to the name a span,
//! point otherwise). Precision first: a time that cannot be about the event (decades off
//! its reference dates, inside a citation, far away in the sentence) makes no claim.

use super::{Claim, EventMention, MatchKind, MentionTarget};
use crate::corpus::DocId;
use crate::rules::{EventId, Role, RuleBook};
use crate::span::Span;
use crate::text::{citations::Reach, in_file_name, text_key, Citation, Sentence, Tables};
use crate::time::{Day, TimeExpr};
use regex::Regex;
use std::sync::LazyLock;

/// Words that make a time the event's start: past tense, and the historical present of
/// timelines and "today in history" pages ("1904 – Japan declares war on Russia").
static START_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:broke\s+out|break\s+out|breaks\s+out|outbreak|began|begun|begins|opened\s+in|beginning\s+of|start\s+of|started|starts|opened\s+hostilities|opens\s+hostilities|commenced|commences|erupted|erupts|declared\s+war|declares\s+war|outset)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Words that make a time the event's end. "ends" only as a verb: before "in", "with"
/// and the like, or closing its clause ("1905 – The war ends."), not "the two ends of".
/// A rising ends when it is put down: "suppressed", "crushed", "quelled", "stamped out".
static END_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:ended|ending|ends\s+(?:in|on|with|when|after)|end\s+of|(?:came|comes|come|drew|draws|drawn)\s+to\s+(?:a\s+close|an\s+end)|surrendered|surrender|surrenders|fell|falls|capitulated|capitulates|capitulation|brought\s+[^,.;]{0,40}?\s+to\s+(?:a\s+close|an\s+end)|concluded\s+peace|concludes\s+peace|completed|completes|completion|finished|finishes|suppressed|suppresses|crushed|crushes|quelled|quells|(?:put|puts)\s+down|(?:stamped|stamps)\s+out|(?:did|does|do)(?:n't|\s+not)?\s+end)(?-u:\b)|(?-u:\b)ends\s*(?:[.;,]|$)",
    )
    .expect("valid regex")
});

/// Right before the time: "until 1923", "lasted till", "since 1898".
static UNTIL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:until|till|up\s+to)\s*(?:the\s+)?$").expect("valid regex"));
static SINCE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)since\s*$").expect("valid regex"));

/// An answer about the question's subject: "A: It broke out ..." (any space after the colon).
static ANSWER_IT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^A:\s*(?:It|it)\s").expect("valid regex"));

/// Kinds of events that happen at a point in time, whatever verbs surround them.
const POINT_KINDS: &[&str] = &["battle", "treaty", "incident", "diplomatic", "attack", "assassination"];

/// How far (years) a time may lie from an event's reference dates and still be about it:
/// wide enough for a wrong date to be caught by the checks, narrow enough to drop "a film
/// about the war shown in 2015".
const PLAUSIBLE_YEARS: i64 = 40;

/// Farther apart than this (bytes), a time and a mention are not one claim.
const MAX_GAP: usize = 150;
/// Bytes a name may run before its start counts: the window of names looked at for a time
/// starts this far before `MAX_GAP`, so a long name ending near the time is still seen.
const NAME_REACH: usize = 120;

/// What the per-document stage knows when assembling.
pub struct Input<'a> {
    pub doc: DocId,
    pub text: &'a str,
    pub sentences: &'a [Sentence],
    pub times: &'a [TimeExpr],
    pub mentions: &'a [EventMention],
    pub citations: &'a [Citation],
    pub rules: &'a RuleBook,
}

/// Builds the claims of one document.
pub fn assemble(input: &Input<'_>) -> Vec<Claim> {
    let mut claims = Vec::new();
    let Input { text, sentences, times, mentions, citations, .. } = *input;
    let cited = CitedReach::new(citations);
    let reach_of = Reach::new(citations);
    // A year in a list of works is a work's (`Tables::separates`). The document's tables
    // are found when a time and a name first have a `|` between them.
    let tables = std::cell::OnceCell::new();
    let apart_in_a_table = |time: Span, mention: Span| {
        between(text, time, mention).contains('|')
            && tables.get_or_init(|| Tables::new(text)).separates(text, time, mention)
    };
    let mut t = 0;
    for (si, sentence) in sentences.iter().enumerate() {
        while times.get(t).is_some_and(|x| x.span.start < sentence.span.start) {
            t += 1;
        }
        let mut here: Vec<&TimeExpr> = Vec::new();
        let mut k = t;
        while let Some(x) = times.get(k).filter(|x| x.span.start < sentence.span.end) {
            // A time in a citation ("(Nish 1985)") dates that, not what the sentence tells.
            if sentence.span.contains(x.span) && !cited.overlaps(x.span) {
                here.push(x);
            }
            k += 1;
        }
        if here.is_empty() || sentence.question {
            continue;
        }
        // Mentions are sorted by position, so by sentence too.
        let from = mentions.partition_point(|m| m.sentence < si);
        let mut known: Vec<(&EventMention, EventId)> = mentions
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.sentence == si)
            .filter(|m| !in_file_name(text, m.span))
            .filter_map(|m| match m.target {
                MentionTarget::Known(e) => Some((m, e)),
                MentionTarget::Unknown(_) => None,
            })
            .collect();
        if known.is_empty() {
            known = answered_question(text, sentences, mentions, si);
        }
        // The first sentence under a heading may take up the heading's event by a noun
        // of its name ("PROMULGATION OF THE CONSTITUTION" / "On the 11th of February,
        // 1889, the Constitution was promulgated").
        let under_heading =
            if known.is_empty() { super::heading::anaphor(text, sentences, mentions, si) } else { None };
        if let Some(m) = &under_heading {
            if let MentionTarget::Known(e) = m.target {
                known.push((m, e));
            }
        }
        // So does a time in a file's name ("tsushima-1906.txt"), whose words name nothing.
        // (Looked at only where an event is named: most dated sentences name none.)
        here.retain(|x| !in_file_name(text, x.span));
        if known.is_empty() || here.is_empty() {
            continue;
        }
        // A date the sentence denies ("did not take place in 1904", "misdated to 1896")
        // is not the writer's.
        if super::refuted::may_deny(text, sentence.span) {
            here.retain(|x| !super::refuted::refuted(text, sentence.span, x.span));
            if here.is_empty() {
                continue;
            }
        }
        let reach: Vec<Citation> = reach_of.of(sentences, si).into_iter().cloned().collect();
        let key = text_key(sentence.span.slice(text));
        let comma = first_comma(text, sentence.span);
        let costs = Costs::new(text, sentence.span);
        // A name several events share ("the treaty of Tien-tsin"): each event is a claim
        // only where its own dates admit the time; where none does, the text cannot say
        // which it means.
        // Its events' mentions are neighbours in `known` (sorted by position, a name's
        // events pushed together), whether the name is one event's name and another's
        // alias or an alias of both; the spans are found once per sentence.
        let name_like = |m: &EventMention| matches!(m.via, MatchKind::Name | MatchKind::Alias);
        let mut shared_spans: Vec<Span> = known
            .windows(2)
            .filter_map(|w| match w {
                [(a, ea), (b, eb)] if a.span == b.span && ea != eb && name_like(a) && name_like(b) => {
                    Some(a.span)
                }
                _ => None,
            })
            .collect();
        shared_spans.dedup();
        let shared = |m: &EventMention| name_like(m) && shared_spans.contains(&m.span);
        let (described, named): (Vec<_>, Vec<_>) =
            known.iter().copied().partition(|(m, _)| m.via == MatchKind::Description);
        let mut here_claims: Vec<(usize, Claim)> = Vec::new();
        let claim = |event, role, time: &TimeExpr, mention: &EventMention| Claim {
            doc: input.doc,
            event,
            role,
            time: time.clone(),
            sentence: sentence.span,
            event_span: mention.span,
            citations: reach.clone(),
            quoted: sentence.quoted,
            hypothetical: sentence.hypothetical,
            repeated: sentence.repeat_of.is_some(),
            attributed_to: sentence.attributed_to.clone(),
            text_key: key,
        };
        // Times heading an entry under a topic, and how many claims were made before
        // each: whether it made one of its own is a look at the claim after those.
        let mut topical: Vec<(&TimeExpr, Span, usize)> = Vec::new();
        for &time in &here {
            // A time that heads a list entry ("1905 – Port Arthur surrenders") reaches past
            // its dash (and a topic: "1904 – Russo-Japanese War: ...") as if they were not
            // there; the topic's names are the entry's story, not what it dates.
            let entry = crate::text::label::label(text, time.span);
            if let Some(topic) = entry.and_then(|l| l.topic) {
                topical.push((time, topic, here_claims.len()));
            }
            // A year in a chronology's column dates its entry, the whole of it ("Opium war
            // between England and China, in which ... many ports taken      1840"): it
            // reaches back to the entry's last word, and any name in the entry is near.
            let column = if entry.is_none() { column_reach(text, time.span) } else { None };
            let at = entry.map_or(column.unwrap_or(time.span), |l| l.reach);
            let max_gap = if column.is_some() { sentence.span.len() } else { MAX_GAP };
            let in_topic = |m: &EventMention| entry.and_then(|l| l.topic).is_some_and(|t| t.contains(m.span));
            // A description that spans the time ("battles, at Liaoyang in August 1904 and
            // Mukden") is as far from it as its last word, usually the naming one.
            let near_end = |m: &EventMention| {
                if m.via == MatchKind::Description && m.span.contains(time.span) {
                    Span::new(m.span.end.saturating_sub(1), m.span.end)
                } else {
                    m.span
                }
            };
            // A description is one claim only if all its words are in the time's clause:
            // its farthest word, not its nearest, is read for clause boundaries ("In
            // February the Empress, who two years previously had sanctioned the Abdication
            // Edicts, expired").
            let far_end = |m: &EventMention| match m.via {
                MatchKind::Description if m.span.contains(time.span) => near_end(m),
                MatchKind::Description if time.span.end <= m.span.start => {
                    Span::new(m.span.end.saturating_sub(1), m.span.end)
                }
                MatchKind::Description => Span::new(m.span.start, m.span.start + 1),
                _ => m.span,
            };
            // Only mentions within reach can date it: names near the time (a window into the
            // position-sorted list, so a sentence with thousands of dates and names stays
            // linear) and the sentence's few descriptions, which may span it.
            let lo = at.start.min(time.span.start).saturating_sub(max_gap + NAME_REACH);
            let hi = time.span.end + max_gap;
            let (a, b) = (
                named.partition_point(|(m, _)| m.span.start < lo),
                named.partition_point(|(m, _)| m.span.start <= hi),
            );
            let candidates: Vec<(&EventMention, EventId)> = named
                .get(a..b)
                .unwrap_or(&[])
                .iter()
                .chain(described.iter())
                .copied()
                .filter(|(m, _)| !placed_against(text, sentence.span, m.span, time.span) && !in_topic(m))
                // A name in an aside that closes before the time is no candidate: the main
                // clause's head before the aside may be ("The treaty of Nanking, which
                // ended the Opium War, was signed in 1842").
                .filter(|(m, _)| !in_closed_aside(text, sentence.span, m.span, at))
                .collect();
            let Some(&(best, _)) =
                candidates.iter().min_by_key(|(m, _)| (costs.cost(at, near_end(m)), m.span.start))
            else {
                continue;
            };
            // Mentions nested in the nearest one share its time: "opened hostilities by
            // attacking ... Port Arthur" is both the war's start and the attack.
            // A description spans every word it matched. A compact one is a phrase that
            // nests the names inside it ("opened hostilities by attacking ... Port
            // Arthur"); a scattered one ("In Russia, the Russo-Japanese War ... since
            // diplomatic relations were established") only collects words from afar.
            let compact = best.via != MatchKind::Description || best.span.len() <= SCATTERED;
            // A description whose words surround the time does not nest in the name the
            // time is next to: "in Korea after the Russo-Japanese war of 1905 as a
            // forerunner to annexation" dates the war, not the annexation.
            let surrounds = |m: &EventMention| m.via == MatchKind::Description && m.span.contains(time.span);
            let nests = |m: &EventMention| {
                std::ptr::eq(m, best) || (compact && m.span.overlaps(best.span) && !surrounds(m))
            };
            for &(mention, event) in candidates.iter().filter(|(m, _)| nests(m)) {
                // "confined to the ports till 1858, when the treaty of Tien-tsin opened
                // other cities": the event is what came at the bound, so the bound dates
                // it, and is what the tests below weigh.
                let bound = bound_of_when(text, time, mention.span);
                // "Not until 1905 did the war end": it ended in 1905, not at some time before.
                let not_until = if bound.is_none() { bound_of_not_until(text, time) } else { None };
                let time = bound.as_ref().or(not_until.as_ref()).unwrap_or(time);
                // Found when first asked for: most candidates fail a cheaper test first
                // (a sentence of forty thousand times has as many candidates).
                let found_role = std::cell::OnceCell::new();
                let its_role = || *found_role.get_or_init(|| role(text, sentence.span, time, mention.span));
                if gap(at, near_end(best)) > max_gap
                    || crosses_clause(text, (sentence.span, comma), at, near_end(best))
                    || apart_in_a_table(time.span, mention.span)
                    || time_between(&here, at, near_end(best))
                        .is_some_and(|t| role(text, sentence.span, t, mention.span).0 == its_role().0)
                    || splits(text, at, far_end(best))
                    || !plausible(input.rules, event, time, window(mention.via))
                    || (matches!(mention.via, MatchKind::Place | MatchKind::Description)
                        && (a_neighbours_time(input.rules, event, time, text)
                            || undecided(input.rules, event, time)))
                    || (shared(mention) && (yearless(time) || !admits(input.rules, event, time)))
                    || not_its_time(text, sentence.span, mention.span, time.span)
                {
                    continue;
                }
                let (mut role, from_verb) = its_role();
                // A battle, a treaty or an incident happens at a point: "opened hostilities by
                // attacking Port Arthur" starts the war, not the attack. ("An alliance which
                // would last until 1923" still ends.)
                let kind = input.rules.events.get(event).map_or("", |e| e.kind.as_str());
                if from_verb
                    && POINT_KINDS.contains(&kind)
                    && matches!(role, Role::Start | Role::End)
                    && !(kind == "battle" && its_own_course(text, mention.span))
                {
                    role = Role::Point;
                }
                // An alliance the rules date by its start begins when it is made: "the
                // Treaty of Alliance concluded in 1901" dates its start, as "began" would.
                // (One they date as a point, a renewal, stays a point.)
                if kind == "alliance"
                    && role == Role::Point
                    && input.rules.reference(event, Role::Start).is_some()
                    && made_at(text, mention.span, time.span)
                {
                    role = Role::Start;
                }
                // The bound is a point of its own (its words still say "till").
                if bound.is_some() {
                    role = Role::Point;
                }
                here_claims.push((costs.cost(at, near_end(mention)), claim(event, role, time, mention)));
            }
        }
        // An entry whose words date no event may be about the one its topic names, if that
        // one happens at a point: "1875 – Treaty of Saint Petersburg: Japan gives up
        // Sakhalin". (A war or a rebellion as topic is only the entry's story: an entry
        // of 1906 may sit under a war that ended in 1905.)
        for (time, topic, before) in topical {
            // Claims are made in the order of their times: this time's own come first
            // after those made before it. (Those pushed below are of other times.)
            if here_claims.get(before).is_some_and(|(_, c)| c.time.span == time.span) {
                continue;
            }
            let Some((mention, event)) = topic_event(input.rules, &named, topic) else { continue };
            if shared(mention) || !plausible(input.rules, event, time, window(mention.via)) {
                continue;
            }
            here_claims.push((costs.cost(time.span, mention.span), claim(event, Role::Point, time, mention)));
        }
        // One time per mention and role: the nearest ("held out till 1904 ... the
        // surrender of January 2, 1905" dates the surrender once).
        // (The events of a shared name are told apart: each has its own nearest time.)
        let mut nearest: std::collections::BTreeMap<(Span, Role, EventId), usize> =
            std::collections::BTreeMap::new();
        for (i, (c, claim)) in here_claims.iter().enumerate() {
            let who = if shared_spans.contains(&claim.event_span) { claim.event } else { EventId::MAX };
            let slot = nearest.entry((claim.event_span, claim.role, who)).or_insert(i);
            if *c < here_claims[*slot].0 {
                *slot = i;
            }
        }
        let mut keep: Vec<usize> = nearest.into_values().collect();
        keep.sort_unstable();
        claims.extend(keep.into_iter().map(|i| here_claims[i].1.clone()));
    }
    claims
}

/// Whether a span overlaps any citation, without a look at every citation per time (a
/// page of thousands of dated footnotes made that quadratic).
struct CitedReach<'c> {
    /// By start (then end), as `find_citations` leaves them.
    citations: &'c [Citation],
    /// The farthest end among the citations up to each.
    reach: Vec<usize>,
}

impl<'c> CitedReach<'c> {
    fn new(citations: &'c [Citation]) -> Self {
        let reach = citations
            .iter()
            .scan(0, |far, c| {
                *far = c.span.end.max(*far);
                Some(*far)
            })
            .collect();
        CitedReach { citations, reach }
    }

    /// `citations.iter().any(|c| c.span.overlaps(span))`: the citations starting before
    /// the span ends are a prefix, and one of them overlaps it exactly when the farthest
    /// end among them lies past its start.
    fn overlaps(&self, span: Span) -> bool {
        let before = self.citations.partition_point(|c| c.span.start < span.end);
        before.checked_sub(1).and_then(|i| self.reach.get(i)).is_some_and(|&far| far > span.start)
    }
}

/// The one event a topic names by name, if it happens at a point (`POINT_KINDS`).
fn topic_event<'m>(
    rules: &RuleBook,
    named: &[(&'m EventMention, EventId)],
    topic: Span,
) -> Option<(&'m EventMention, EventId)> {
    let mut inside = named.iter().filter(|(m, _)| topic.contains(m.span));
    let &(mention, event) = inside.next()?;
    let kind = rules.events.get(event).map_or("", |e| e.kind.as_str());
    (inside.all(|&(_, e)| e == event) && POINT_KINDS.contains(&kind)).then_some((mention, event))
}

/// "Q: When did the Russo-Japanese War break out?" / "A: It broke out on 8 February 1904.":
/// an answer that says "it" is about the question's event.
fn answered_question<'m>(
    text: &str,
    sentences: &[Sentence],
    mentions: &'m [EventMention],
    si: usize,
) -> Vec<(&'m EventMention, EventId)> {
    let Some(answer) = sentences.get(si) else { return Vec::new() };
    let body = answer.span.slice(text);
    if !ANSWER_IT.is_match(body) {
        return Vec::new();
    }
    let Some(q) = si.checked_sub(1) else { return Vec::new() };
    if !sentences.get(q).is_some_and(|s| s.span.slice(text).starts_with("Q:")) {
        return Vec::new();
    }
    let from = mentions.partition_point(|m| m.sentence < q);
    mentions
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take_while(|m| m.sentence == q)
        .filter_map(|m| match m.target {
            MentionTarget::Known(e) => Some((m, e)),
            MentionTarget::Unknown(_) => None,
        })
        .take(1)
        .collect()
}

fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// Bytes beyond which a description's matched words are too scattered to be one phrase.
const SCATTERED: usize = 120;

/// Distance, made longer by clause boundaries between the two; `sentence` starts where
/// the time's sentence does.
fn cost(text: &str, sentence: usize, time: Span, mention: Span) -> usize {
    let between = between(text, time, mention);
    let boundaries = between.matches([';', ':', '(', ')', '—']).count() + between.matches(" - ").count();
    let commas = between.matches(',').count();
    let initial = opens_sentence(text, sentence, time);
    weigh(between, time.end <= mention.start, initial, boundaries, commas)
}

/// Whether `time` opens its sentence: a few words at most before it ("In", "At the end
/// of"), and no comma.
fn opens_sentence(text: &str, sentence: usize, time: Span) -> bool {
    text.get(sentence..time.start).is_some_and(|head| head.len() <= 24 && !head.contains(','))
}

/// `cost` from what lies between a time and a mention: its length, and the clause
/// boundaries and commas counted in it; `time_first` when the time comes first.
fn weigh(between: &str, time_first: bool, initial: bool, boundaries: usize, commas: usize) -> usize {
    // A conjunction right after the time opens the next clause, and the time closes the
    // one before: "the Treaty of Portsmouth was signed in 1905 and the Boxer Protocol in
    // 1901" dates the treaty, though the protocol's name is nearer. It weighs as a comma.
    let joined = time_first && opens_clause(between);
    // A sentence-initial time ("In 1875, the Treaty ...") governs the main clause; one
    // later in the sentence ("signed in 1905, the Boxer Protocol in 1901") does not.
    let leading =
        time_first && initial && !joined && commas == 1 && between.trim_start_matches(',').trim().len() < 8;
    let commas = if leading { 0 } else { commas } + usize::from(joined);
    between.len() + 200 * boundaries + 25 * commas
}

/// Whether `between` (what follows a time, up to a mention) starts, past a comma, with a
/// conjunction that joins clauses.
fn opens_clause(between: &str) -> bool {
    let rest = between.trim_start_matches([',', ' ']);
    let word = rest.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    ["and", "but", "while", "whereas", "whilst", "yet"].iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Bytes between a time and a mention beyond which `Costs` counts with its position lists
/// rather than reading the words between.
const LONG_BETWEEN: usize = 2048;

/// `cost` within one sentence, at any distance in about the same time: a time compared
/// with a description at the other end of a sentence of megabytes (a run-on line) read
/// all the words between, for every time of the sentence.
struct Costs<'t> {
    text: &'t str,
    sentence: Span,
    /// Beyond this many bytes between, the counts come from `marks`.
    long: usize,
    marks: std::cell::OnceCell<Marks>,
}

/// Where, in a sentence, what `cost` counts sits: clause boundaries, commas and " - "
/// (every occurrence, overlapping ones too), each by its first byte, in order.
struct Marks {
    boundaries: Vec<usize>,
    commas: Vec<usize>,
    dashes: Vec<usize>,
}

impl Marks {
    fn new(text: &str, sentence: Span) -> Marks {
        let mut marks = Marks { boundaries: Vec::new(), commas: Vec::new(), dashes: Vec::new() };
        let body = sentence.slice(text);
        for (i, c) in body.char_indices() {
            let at = sentence.start + i;
            match c {
                ';' | ':' | '(' | ')' | '—' => marks.boundaries.push(at),
                ',' => marks.commas.push(at),
                ' ' if body.get(i..).is_some_and(|r| r.starts_with(" - ")) => marks.dashes.push(at),
                _ => {}
            }
        }
        marks
    }
}

/// The positions of `at` (in order) that lie in `from..to` with `len` bytes from each.
fn within(at: &[usize], from: usize, to: usize, len: usize) -> &[usize] {
    let first = at.partition_point(|&p| p < from);
    let end = at.partition_point(|&p| p + len <= to).max(first);
    at.get(first..end).unwrap_or(&[])
}

impl<'t> Costs<'t> {
    fn new(text: &'t str, sentence: Span) -> Self {
        Costs { text, sentence, long: LONG_BETWEEN, marks: std::cell::OnceCell::new() }
    }

    /// `cost(text, time, mention)`, for a time and a mention in the sentence.
    fn cost(&self, time: Span, mention: Span) -> usize {
        let time_first = time.end <= mention.start;
        let (from, to) = if time_first { (time.end, mention.start) } else { (mention.end, time.start) };
        let inside = self.sentence.start <= from && to <= self.sentence.end;
        let far = to > from.saturating_add(self.long);
        let Some(between) = self.text.get(from..to).filter(|_| inside && far) else {
            return cost(self.text, self.sentence.start, time, mention);
        };
        let marks = self.marks.get_or_init(|| Marks::new(self.text, self.sentence));
        let dashes = within(&marks.dashes, from, to, 3);
        // `matches(" - ")` counts without overlaps: where two overlap (" - - "), count
        // the words between.
        if dashes.windows(2).any(|w| w[1] < w[0] + 3) {
            return cost(self.text, self.sentence.start, time, mention);
        }
        let boundaries = within(&marks.boundaries, from, to, 1).len() + dashes.len();
        let commas = within(&marks.commas, from, to, 1).len();
        weigh(between, time_first, opens_sentence(self.text, self.sentence.start, time), boundaries, commas)
    }
}

/// Years a time may lie off the reference: an inferred mention (a place and a verb) must
/// sit close, a name may be off by decades and still be a claim about the event.
fn window(via: MatchKind) -> i64 {
    match via {
        MatchKind::Name | MatchKind::Alias => PLAUSIBLE_YEARS,
        MatchKind::Description => 10,
        MatchKind::Place => 3,
    }
}

/// A clause boundary between the two: an index line's "1894 ...; Anglo-Japanese alliance",
/// or a dash-set aside ("1894-1895--to be presently spoken of--and a war with Russia").
///
/// Also: another event named between the two ("the Taiping rebellion ... during the
/// China-Japan war in 1895"); a later coordinated clause ("In November, 1894, Japan had
/// wrested ... Port Arthur, and the treaty of Shimonoseki"); a list ("the French invasion
/// in 1812, the Crimean War").
///
/// `sentence` comes with its first comma (`first_comma`).
fn crosses_clause(text: &str, (sentence, comma): (Span, Option<usize>), time: Span, mention: Span) -> bool {
    let time_first = time.end <= mention.start;
    // An aside right after the mention is not between the two: "The treaty of Nanking,
    // which ended the Opium War, was signed in 1842" dates the treaty as "The treaty of
    // Nanking was signed in 1842" does.
    let between = match aside_after(text, sentence, mention, time) {
        Some(aside) => text.get(aside.end..time.start).unwrap_or(""),
        None => between(text, time, mention),
    };
    if parted_by_semicolon(text, between, time, mention)
        || between.contains('—')
        || between.contains("--")
        || between.contains(" – ")
        || between.contains(" - ")
        || between.contains(", but ")
    {
        return true;
    }
    // "a lease of the Liaotung peninsula, from which she had driven Japan in 1895": the
    // time dates what the clause tells of the event's place or aftermath.
    if !time_first && AFTER_WHICH.is_match(between) {
        return true;
    }
    // An event named in an aside is not what the main clause after the aside dates.
    if in_closed_aside(text, sentence, mention, time) {
        return true;
    }
    // "The Boxer Protocol, whose indemnity was remitted by America in 1908": the time
    // dates what belongs to the event, not the event.
    if !time_first && WHOSE.is_match(between) {
        return true;
    }
    // "the 1915 treaties ("Twenty-One Demands"), the 1913–15 Russo-Chinese agreements":
    // a time between a list's "the" and a name is the next item's, not the one before.
    if !time_first && NEXT_ITEM.is_match(between) {
        let after = text.get(time.end..).unwrap_or_default();
        if NAME_NEXT.is_match(after.get(..crate::text::floor_boundary(after, 40)).unwrap_or_default()) {
            return true;
        }
    }
    // "in the summer following the conclusion of the treaty of Peking, 1861, the emperor
    // breathed his last": the event is the point a period is counted from, and the time
    // after it dates the period.
    if !time_first {
        let before = text.get(sentence.start..mention.start).unwrap_or_default();
        // A time in the event's phrase is the event's own ("six days after the Treaty of
        // Shimonoseki of 17 April 1895"), but not one after "in" ("two years after the war
        // in 1897" may date the period).
        let own = attached(text, mention, time) && !between.trim().eq_ignore_ascii_case("in");
        if PERIOD_AFTER.is_match(before) && !own {
            return true;
        }
    }
    // "... in China since the Treaty of Pekin": the event is when something else began,
    // and a time before it in the sentence dates that, not the event.
    if time_first && REFERENCE_POINT.is_match(between) {
        return true;
    }
    if time_first {
        let before_time = before_in(text, sentence, time.start).1;
        // "The war that began in 1904 ended with the Treaty of Portsmouth": a time in a
        // relative clause dates the words the clause tells of, before it, not a name after.
        // "The war of 1894 ended with the Treaty of Shimonoseki": a time that names
        // another event ("war of", "the rebellion of") is that event's, not a name's after.
        if IN_RELATIVE.is_match(before_time) || NAMES_ANOTHER.is_match(before_time) {
            return true;
        }
    }
    // ... unless the other event begins or ends by way of this one: "In 1905 the war
    // ended with the Treaty of Portsmouth" dates the treaty too.
    // A word that the mention names ("the insurrection known as the "Boxer war"") is the
    // mention's own.
    let unnamed = NAMED_AS.find(between).map_or(between, |named| &between[..named.start()]);
    if EVENT_NOUN.is_match(unnamed) && !(time_first && BY_WAY_OF.is_match(between)) {
        return true;
    }
    // "battles between June 17 and July 31, which compelled the concentration of the
    // Russians at Liaoyang, and precipitated the great battle there": what the dated
    // happening brought about came after it.
    if time_first && BROUGHT_ABOUT.is_match(between) {
        return true;
    }
    if time_first {
        // In the sentence's opening clause ("After negotiations broke down in 1904, the
        // Japanese Navy opened hostilities"), a time governs the main clause. So does one
        // that opens a clause after a semicolon ("...; in 1856, by the Treaty of Paris, she
        // gave up the mouths of the Danube").
        let initial = time.start.saturating_sub(sentence.start) < 30
            || !comma_before(text, sentence, comma, time.start)
            || opens_a_clause_after_a_semicolon(text, sentence, time);
        // (", when the treaty ..." names what came at the time: `bound_of_when`.)
        let when = WHEN_NAME.is_match(between);
        if between.contains(", and ") || (!initial && !when && between.trim_start().starts_with(',')) {
            return true;
        }
    }
    // "The subsequent annexation of Korea did not affect this agreement, and as a matter
    // of practice Japan has adhered to it until September, 1915": a clause of its own
    // after ", and", with its own subject and no word of the event's beginning or end,
    // dates what it tells. One that goes on with the event's verbs ("began in 1899, and
    // continued until 1901"; "..., and the port itself surrendered in January 1905")
    // still dates the event.
    if !time_first {
        if let Some(m) = AND_CLAUSE.find_iter(between).last() {
            let clause = between.get(m.end()..).unwrap_or_default();
            if !SAME_SUBJECT.is_match(clause) && !START_CUE.is_match(clause) && !END_CUE.is_match(clause) {
                return true;
            }
        }
    }
    false
}

/// Whether `mention` is named in a relative clause set aside by commas that closes
/// before `time`, with the main clause going on after it: "Count Witte, who had built the
/// Trans-Siberian Railway, went to Portsmouth in 1905". (A time right after the aside,
/// "the treaty of Nanking, which put an end to the Opium War, in 1842", may date what the
/// aside told of.)
fn in_closed_aside(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    if time.start < mention.end {
        return false;
    }
    let between = between(text, time, mention);
    let main_clause =
        between.find(',').is_some_and(|comma| between[comma + 1..].split_whitespace().count() > 2);
    main_clause && ASIDE_OPEN.is_match(before_in(text, sentence, mention.start).1)
}

/// Whether `mention` opens its clause, a few words at most before it ("The", "In the",
/// "Meanwhile, the"): the head that an aside after it may tell of. A name deep in a clause
/// ("the catspaw for the Russians in securing ... the concession for the Chinese-Eastern
/// railway, which largely led to the war with Japan, was absorbed") is no head of what
/// follows the aside.
fn heads_its_clause(text: &str, sentence: Span, mention: Span) -> bool {
    let (from, before) = before_in(text, sentence, mention.start);
    let (opened, lead) = match before.rfind([',', ';', ':', '(', '—']) {
        Some(i) => (true, &before[i..]),
        None => (from == sentence.start, before),
    };
    opened && lead.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count() <= 3
}

/// A relative clause set aside by commas right after `mention` (", which ended the Opium
/// War,"), with `time` past it in the main clause that goes on after it, where the
/// mention heads its clause (`heads_its_clause`): `in_closed_aside` seen from the head.
fn aside_after(text: &str, sentence: Span, mention: Span, time: Span) -> Option<Span> {
    if time.start < mention.end {
        return None;
    }
    let between = between(text, time, mention);
    let aside = ASIDE_AFTER.find(between)?;
    let main_clause = between[aside.end()..].split_whitespace().count() > 2;
    (main_clause && heads_its_clause(text, sentence, mention))
        .then(|| Span::new(mention.end, mention.end + aside.end()))
}

/// Whether `time` opens a clause after a semicolon: a few words at most between the two
/// ("; in 1856"), and no comma.
fn opens_a_clause_after_a_semicolon(text: &str, sentence: Span, time: Span) -> bool {
    let head = before_in(text, sentence, time.start).1;
    head.rfind(';').is_some_and(|i| head.len() - i < 30 && !head[i..].contains(','))
}

/// Another of the sentence's times (`here`, in order) between a time and a mention. In
/// the same role, the nearer one is the mention's, or, where a clause boundary kept it
/// from being, the farther one is further across it ("continued until she obtained ...
/// the Ussuri district in 1860 and finally, by the Cassini Convention of September, 1896,
/// the right to extend the Siberian Railway": 1860 does not date the railway). In another
/// role both may be claims ("began on August 29, and continued until September 1").
fn time_between<'a>(here: &[&'a TimeExpr], time: Span, mention: Span) -> Option<&'a TimeExpr> {
    let (from, to) =
        if time.end <= mention.start { (time.end, mention.start) } else { (mention.end, time.start) };
    let first = here.partition_point(|t| t.span.start < from);
    here.get(first).copied().filter(|t| t.span.end <= to)
}

/// Whether what lies between a time and a mention (the farthest word of a description)
/// holds a clause boundary or a time counted from another ("In February the Empress, who
/// two years previously had sanctioned the Abdication Edicts").
fn splits(text: &str, time: Span, far: Span) -> bool {
    let between = between(text, time, far);
    parted_by_semicolon(text, between, time, far)
        || between.contains('—')
        || between.contains("--")
        || OFFSET.is_match(between)
}

/// Whether a semicolon stands between `time` and `mention`. In a chronology's entry the
/// semicolons part what the entry tells, and the year in its column dates the entry's
/// event all the same.
fn parted_by_semicolon(text: &str, between: &str, time: Span, mention: Span) -> bool {
    between.contains(';') && (time.end <= mention.start || !in_a_column(text, time))
}

/// Whether `time` stands in a chronology's column of years: last on its line, set apart
/// from the entry's words by a run of spaces ("China-Japan war over Korea; Formosa lost;
/// indemnity also paid                1894").
fn in_a_column(text: &str, time: Span) -> bool {
    // `time` may be a column year's reach (`column_reach`): its spaces, then the year.
    let spaces = time.slice(text).bytes().take_while(|&b| b == b' ').count();
    column_reach(text, Span::new(time.start + spaces, time.end)).is_some()
}

/// For a time in a chronology's column (`in_a_column`), the span from the end of its
/// entry's words on its line to the time's end.
fn column_reach(text: &str, time: Span) -> Option<Span> {
    // Most times are not last on their line: one byte tells.
    if !text.as_bytes().get(time.end).is_none_or(u8::is_ascii_whitespace) {
        return None;
    }
    // Read outward from the time only as far as white space goes, never to the ends of
    // its line: in a text of one long line that would be the whole text, for every time.
    // The rest of the line is blank (a time over a line break has none on its own line).
    let rest_blank = time.slice(text).contains('\n') || crate::text::blank_to_line_end(text, time.end);
    // At least the gap of spaces before it, and words before them on its line.
    let head = text.as_bytes().get(..time.start).unwrap_or_default();
    let gap = head.iter().rev().take_while(|&&b| b == b' ').count();
    let words_end = time.start - gap;
    (rest_blank && gap >= COLUMN_GAP && !crate::text::blank_from_line_start(text, words_end))
        .then(|| Span::new(words_end, time.end))
}

/// The fewest spaces before a year in a column: more than a typist's double space after a
/// full stop, fewer than a right-aligned column ever leaves.
const COLUMN_GAP: usize = 4;

/// The text between a time and a mention, whichever comes first ("" where they overlap).
fn between(text: &str, time: Span, mention: Span) -> &str {
    if time.end <= mention.start {
        text.get(time.end..mention.start)
    } else {
        text.get(mention.end..time.start)
    }
    .unwrap_or("")
}

/// The sentence's first comma, found once for all its times.
fn first_comma(text: &str, sentence: Span) -> Option<usize> {
    let end = sentence.end.min(text.len());
    text.as_bytes().get(sentence.start..end).and_then(|b| memchr::memchr(b',', b)).map(|i| sentence.start + i)
}

/// Whether the sentence's text before `at` holds a comma (a slice that is no text counts
/// as one), from its first comma rather than a search from its start per time: one
/// sentence of thousands of dates made that quadratic.
fn comma_before(text: &str, sentence: Span, first: Option<usize>, at: usize) -> bool {
    match text.get(sentence.start..at) {
        None => true,
        Some(_) if at <= sentence.end => first.is_some_and(|c| c < at),
        Some(head) => head.contains(','),
    }
}

/// Right before a mention: a preposition that makes the event the time of something else
/// ("since the Treaty of Pekin", "in June, 1870, on the eve of the outbreak of the
/// Franco-Prussian War").
static REFERENCE_POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:since|ever\s+since|until|till|prior\s+to|under|on\s+the\s+eve\s+of(?:\s+the\s+(?:outbreak|beginning|start|opening)\s+of)?)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Right before a mention: a word that places something else against the event ("long
/// before the Boxer Protocol", "shortly after the Treaty of Portsmouth"). ("Since" and
/// "until" are `REFERENCE_POINT`'s; "till the treaty of Nanking, in 1842, opened the
/// five ports" tells of the treaty itself.)
static RELATIVE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:before|after|prior\s+to|following)\s+(?:the\s+)?$").expect("valid regex")
});

/// Between a mention and a time after it: a relative clause that tells of the event
/// itself ("the battle of the Sha-ho, which took place in October").
static WHICH_WAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^,\s*(?:which|that)\s+(?:[a-z]+\s+){0,3}?(?:in|on|at)$").expect("valid regex")
});

/// Whether the event `mention` names is the point something else is placed against, with
/// `time` outside its phrase, so that the time is that something's: "In 1898, long before
/// the Boxer Protocol, Russia built railways", "Shortly after the Treaty of Portsmouth, in
/// 1906, Japan set up the railway company". A time inside the phrase is the event's own:
/// "after the Treaty of Shimonoseki in 1895", "after Port Arthur fell in January 1905",
/// "before the Treaty of Portsmouth (1905)", "after the battle of the Sha-ho, which took
/// place in October".
fn placed_against(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    if attached(text, mention, time) {
        return false; // "the revolution of 1905", "the battle of August 10"
    }
    let from = crate::text::floor_boundary(text, mention.start.saturating_sub(24).max(sentence.start));
    let before = text.get(from..mention.start).unwrap_or("");
    if !RELATIVE_TO.is_match(before) {
        return false;
    }
    if time.end <= mention.start {
        return true; // the time comes first
    }
    let gap = text.get(mention.end..time.start).unwrap_or("").trim();
    let joined = gap.eq_ignore_ascii_case("on") || WHICH_WAS.is_match(gap);
    !joined && gap.contains([',', ';', ':', '—', '('])
}

/// Whether `time` is part of the mention's phrase: inside it, or right after it with
/// nothing, "(", "of" or "in" between ("the Satsuma rebellion of 1877", "the Opium War
/// (1839-42)").
fn attached(text: &str, mention: Span, time: Span) -> bool {
    mention.overlaps(time)
        || (mention.end <= time.start
            && text.get(mention.end..time.start).is_some_and(|gap| {
                let gap = gap.trim();
                gap.is_empty()
                    || gap == "("
                    || gap.eq_ignore_ascii_case("of")
                    || gap.eq_ignore_ascii_case("in")
            }))
}

/// Whether `time` closes the mention's name: right after it with "of" or "(" between, or
/// the name's own last words ("Revolution of 1905" as an alias).
fn names_it(text: &str, mention: Span, time: Span) -> bool {
    if mention.end <= time.start {
        return text.get(mention.end..time.start).is_some_and(|g| {
            // A name in quotation marks ends at them: "the “Satsuma rebellion” of 1877".
            let g = g.trim_start_matches(['"', '\'', '”', '’']).trim();
            g == "(" || g.eq_ignore_ascii_case("of")
        });
    }
    mention.contains(time)
        && time.end == mention.end
        && text.get(mention.start..time.start).is_some_and(|h| h.to_ascii_lowercase().ends_with(" of "))
}

/// Right before a mention: a period counted from the event ("the summer following the
/// conclusion of", "the year after").
static PERIOD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:spring|summer|autumn|winter|year|month|week|day|months|years|weeks|days)\s+(?:following|after)\s+(?:the\s+(?:conclusion|signing|ratification|end|close|outbreak|beginning)\s+of\s+)?(?:the\s+)?$")
        .expect("valid regex")
});

/// A relative clause that tells of something else than the event before it: "from which
/// she had driven Japan", "after which the Allies entered".
static AFTER_WHICH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+(?:from|after|since|before|following)\s+which(?-u:\b)").expect("valid regex")
});

/// Right before a time: a relative clause that dates what it tells of, whole ("that
/// began in", "which had broken out in"). Not one that goes on past the time ("which led
/// in 1898 to an occupation ... of Port Arthur" dates the occupation it names).
static IN_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:that|which)\s+(?:had\s+|have\s+|has\s+|was\s+|were\s+)?(?:began|begun|started|opened|broke\s+out|broken\s+out|erupted|ended|closed|took\s+place|taken\s+place|occurred|happened|fought|held)\s+(?:in|on|during)\s+$")
        .expect("valid regex")
});

/// Right before a mention: the opening of a relative clause set aside by a comma, with no
/// other comma or bracket since (", who had built the", ", which ended").
static ASIDE_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),\s+(?:who|whom|which|whose)(?-u:\b)[^,;:()]*$").expect("valid regex"));

/// Right after a mention: a relative clause set aside by commas, whole (", which ended the
/// Opium War,").
static ASIDE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^,\s+(?:who|whom|which|whose)(?-u:\b)[^,;:()]*,").expect("valid regex")
});

/// A relative clause about what belongs to the event before it: ", whose indemnity".
static WHOSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^,\s+whose(?-u:\b)").expect("valid regex"));

/// A coordinated clause opening: ", and" (the line may break after either word).
static AND_CLAUSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r",\s+and\s").expect("valid regex"));

/// A clause that opens with its verb, so shares the subject before it: "and continued",
/// "and was", "and then lasted".
static SAME_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:then|so|thus|finally|at\s+last|[a-z]+ly)\s+)?(?:[a-z]+ed|was|were|is|are|had|has|have|went|ran|came|lasted|saw|grew|broke|began|begun|fell|rose|spread|led|took|won|lost|kept|left|made)(?-u:\b)")
        .expect("valid regex")
});

/// Between a mention and a time after it: a list's next item opening ("..., the").
static NEXT_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i),\s+(?:the|a|an)\s+$").expect("valid regex"));

/// Right after that time: a name that it qualifies ("Russo-Chinese", "Mongolian").
static NAME_NEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+\p{Lu}").expect("valid regex"));

/// A relative clause telling what came of what is dated: "..., which compelled ...",
/// "..., which led to ...".
static BROUGHT_ABOUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),\s+which\s+(?:\w+\s+){0,2}?(?:compelled|precipitated|led\s+to|brought\s+(?:on|about)|resulted\s+in|caused|provoked|forced|culminated\s+in|ended\s+in)(?-u:\b)")
        .expect("valid regex")
});

/// A time counted from another: "who two years previously had sanctioned the Abdication
/// Edicts", "the year before": the event is not at the time written.
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|some|several|many|a\s+few|\d+)\s+(?:years?|months?|weeks?|days?|decades?)\s+(?:previously|before|earlier|later|afterwards?)|the\s+(?:year|month|day|week)\s+(?:before|after)|the\s+(?:previous|preceding|following|next)\s+(?:year|month|day|week))(?-u:\b)",
    )
    .expect("valid regex")
});

/// Right before a mention: an aim, not a deed ("Stackelberg, who had been sent southward
/// to raise the siege at Port Arthur, was defeated"), an order or a plan ("About the
/// 1st of December General Nogi's brigade left Kinchow, with orders from Marshal Oyama to
/// attack Foochow"), or the talks or preparations that led to it ("The negotiations for
/// the Treaty of Portsmouth began on August 9, 1905").
static AIMED_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)to\s+(?:raise|relieve|lift|prevent|avert|forestall)\s+(?:the\s+)?|(?-u:\b)(?:negotiations?|negotiating|talks|parleys?|pourparlers|preparations?|preliminaries|discussions?|deliberations?|drafts?|drafting)\s+(?:for|over|of|on|about|towards?|leading\s+to)\s+(?:the\s+|an?\s+)?|(?-u:\b)(?:orders?|ordered|instructions?|instructed|intend(?:ed|ing)|intention|plann(?:ed|ing)|plans?|design|purpose)(?-u:\b)[^.;:!?]{0,40}?(?-u:\b)to\s+(?:[a-z]+\s+(?:the\s+)?)?)$")
        .expect("valid regex")
});

/// Right after a mention: the event still to come ("it became evident, in 1859, that the
/// emancipation of the serfs was at hand").
static TO_COME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:was|were|is|seemed|appeared)\s+(?:(?:near\s+)?at\s+hand|imminent|impending|approaching|drawing\s+near|inevitable)(?-u:\b)")
        .expect("valid regex")
});

/// Right before a mention: a person known by the event ("General Chang Cheng-wu, one of
/// the \"heroes\" of the original Wuchang rising, was shot" on 15 August 1912, months after).
static KNOWN_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)(?:heroe?s?|veterans?|survivors?|leaders?|organi[sz]ers?|instigators?|participants?|victims?)["'”’]?\s+of\s+(?:the\s+)?(?:original\s+|first\s+|late\s+|great\s+)?$"#)
        .expect("valid regex")
});

/// Right before a mention: what was left of the event, or is told or known of it ("the
/// memory of the Boxer Rebellion still haunted the legations in 1910", "the causes of the
/// Taiping Rebellion were studied in 1856", "the news of the fall of Port Arthur", "the
/// twenty-fifth anniversary of the Restoration fell in 1893"): a time in the sentence
/// dates the telling, the remembering or the keeping.
static TOLD_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:memory|memories|lessons?|legacy|causes?|origins?|histor(?:y|ies)|stor(?:y|ies)|accounts?|studies|study|significance|consequences|effects|results|news|tidings|echoes|shadow|spectre|specter|anniversar(?:y|ies)|centenary|centennial|jubilee|commemorations?)\s+of\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Between a mention and a time after it: a participle that tells of the event itself
/// ("the account of the battle of Tsu-shima, fought on 27th May 1905", "which was signed
/// in"): the time is the event's, whatever is told of it.
static ITS_OWN_DEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:(?:which|that)\s+(?:was|were|had\s+been)\s+)?(?:fought|signed|begun|won|lost|held|[a-z]+ed)\s+(?:on|in|at|during|between|from)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// An open range ("till 1858", "since 1868") followed by ", when" and the mention: the
/// range's one bound as a time of its own, which the clause dates the event by.
fn bound_of_when(text: &str, time: &TimeExpr, mention: Span) -> Option<TimeExpr> {
    let edtf = time.value.edtf.as_str();
    let bound = edtf.strip_prefix("../").or_else(|| edtf.strip_suffix("/.."))?;
    let gap = text.get(time.span.end..mention.start)?;
    if !WHEN_NAME.is_match(gap) {
        return None;
    }
    at_bound(time, bound)
}

/// `time` with the value of its written `bound` ("1858" of "till 1858"), its words kept.
fn at_bound(time: &TimeExpr, bound: &str) -> Option<TimeExpr> {
    let value = crate::time::TimeValue::parse_edtf(bound).filter(crate::time::TimeValue::is_bounded)?;
    Some(TimeExpr { value, ..time.clone() })
}

/// "until 1905" after a "not" ("Not until 1905 did the war end", "the treaty was not
/// signed until 1905", "it was not until 1905 that"): the bound as a time of its own. What
/// the sentence tells of happened then; the open range "../1905" would only say it
/// happened by then.
fn bound_of_not_until(text: &str, time: &TimeExpr) -> Option<TimeExpr> {
    let bound = time.value.edtf.strip_prefix("../")?;
    is_not_until(text, time).then(|| at_bound(time, bound)).flatten()
}

/// Whether `time` is written "until ..." or "till ..." after a "not" and at most two words
/// (`NOT_BEFORE_UNTIL`): what `bound_of_not_until` reads, and what `role` gives no end for.
fn is_not_until(text: &str, time: &TimeExpr) -> bool {
    let first = text.get(time.span.start..time.span.end).and_then(|t| t.split_whitespace().next());
    if !first.is_some_and(|w| w.eq_ignore_ascii_case("until") || w.eq_ignore_ascii_case("till")) {
        return false;
    }
    let from = crate::text::ceil_boundary(text, time.span.start.saturating_sub(40));
    text.get(from..time.span.start).is_some_and(|before| NOT_BEFORE_UNTIL.is_match(before))
}

/// A "not" and at most two words (a verb, an adverb) before an "until": "not ", "did not
/// end ", "was not finally signed ", "wasn't ".
static NOT_BEFORE_UNTIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:\bnot|n't|n’t)\s+(?:[a-z]+\s+){0,2}$").expect("valid regex"));

/// Between a time and a mention: ", when the" ("till 1858, when the treaty").
static WHEN_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*,\s*when\s+(?:the\s+)?$").expect("valid regex"));

/// Whether the mention is one end of an interval the sentence tells of ("Between the
/// Treaty of Shimonoseki and the Boxer Rebellion lay five years, from 1895 to 1900"): a
/// time after both dates the interval, not either event.
fn an_end_of_an_interval(text: &str, sentence: Span, mention: Span) -> bool {
    let from = crate::text::ceil_boundary(text, mention.start.saturating_sub(NAME_REACH)).max(sentence.start);
    text.get(from..mention.start).is_some_and(|before| INTERVAL_END.is_match(before))
}

/// Right before a mention: "between the", or "between ... and the".
static INTERVAL_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)between\s+(?:(?:the\s+)?[^,;:.()]{2,80}?\s+and\s+)?(?:the\s+)?$")
        .expect("valid regex")
});

/// Right before a time: the one who wrote or spoke then ("Historians writing in 1920
/// saw the Russo-Japanese War as a turning point").
static WRITER_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:writing|speaking|looking\s+back|lecturing|reflecting)\s+(?:in|on|at|about)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Right before a mention: a thing made of the event or about it ("a memorial to the
/// Battle of Tsushima", "the museum of the siege"), whose own time a sentence gives.
static MADE_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:memorials?|monuments?|museums?|statues?|plaques?|films?|novels?|commemorations?)\s+(?:to|of|on|about|for)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Between a mention and a time (or, for a time before it, in the mention's own clause
/// after it): what was done with the event afterwards, or a death
/// ("The Triple Intervention was debated again in the Diet in 1897", "a convention that
/// confirmed the Treaty of Portsmouth", "Witte, who negotiated the Treaty of Portsmouth,
/// died in 1915"): the time is that deed's.
static AFTERMATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:debated|confirmed|ratified|revised|renounced|abrogated|annulled|commemorated|celebrated|remembered|forgotten|judged|criticised|criticized|cancell?ed|remitted|unveiled|denounced|resented|died)(?-u:\b)")
        .expect("valid regex")
});

/// The words after a mention up to the end of its clause (a comma, a stop or "and"):
/// where a time before the mention ("Twenty years later, in 1925, the Treaty of
/// Portsmouth was still resented") meets what was done with the event.
fn own_clause(after: &str) -> &str {
    let end = after.find([',', ';', '.', ':']).unwrap_or(after.len());
    let clause = after.get(..end).unwrap_or(after);
    clause.find(" and ").map_or(clause, |i| clause.get(..i).unwrap_or(clause))
}

/// Right before a mention: the event as the subject of words said or written ("principles
/// which were put forth on the 25th of December by Mr. von Kuehlmann as a parody on the
/// Russian revolution"). A time is the words', unless it is part of the name.
static SPOKEN_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:a|an|his|her|their)\s+(?:parody|parodies|comments?|commentary|reply|answer|tribute|protest|allusion|lecture|speech|sermon|essay|pamphlet|poem|toast)\s+(?:on|upon|to|about|against)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Right before a time: the document it dates ("It is dated May 24, 1901, and, after
/// discussing the responsibility for the Boxer uprising, the letter continues", "the letter
/// of July 4 gave details of the siege"). The noun is captured: a document that is the
/// event ("the Open Door note of September 6, 1899") keeps its date.
static DOCUMENT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(letters?|dispatch(?:es)?|despatch(?:es)?|telegrams?|cables?|cablegrams?|notes?|memorand(?:um|a)|memorials?|messages?)\s+(?:of|dated)|dated)\s+(?:the\s+)?$")
        .expect("valid regex")
});

/// Right before a time, after the mention: another deed, of a person or a few ("the people
/// of Paoting-fu had half forgotten the murder of a few missionaries in June", after "the
/// capture of Peking"). The time is that deed's.
static ANOTHER_DEED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)the\s+(?:murders?|killing|deaths?|execution|arrest|flight|escape|arrival|departure|return|birth|marriage|funeral)\s+of\s+[^,;:.!?()\[\]]{1,60}$")
        .expect("valid regex")
});

/// Whether the sentence tells of the mentioned event as aimed at, still to come, what a
/// person is known by or what words are about, or the time dates a document or another
/// deed, so that a time in it dates something else: the aim, when the event was
/// foreseen, what the person did later, the words, the letter, the deed.
fn not_its_time(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    let (_, before) = before_in(text, sentence, mention.start);
    let after = after_in(text, sentence, mention.end);
    // A time that is part of the name is the event's all the same ("the leader of the
    // Satsuma rebellion of 1877").
    let attached = attached(text, mention, time);
    let between_them = between(text, time, mention);
    AIMED_AT.is_match(before)
        || ((KNOWN_BY.is_match(before)
            || SPOKEN_OF.is_match(before)
            || MADE_OF.is_match(before)
            || (TOLD_OF.is_match(before) && !ITS_OWN_DEED.is_match(between_them)))
            && !attached)
        || WRITER_AT.is_match(before_in(text, sentence, time.start).1)
        || (time.start >= mention.end && !attached && an_end_of_an_interval(text, sentence, mention))
        || (!attached && AFTERMATH.is_match(between_them))
        || TO_COME.is_match(after)
        || (time.end <= mention.start && !attached && AFTERMATH.is_match(own_clause(after)))
        || dates_a_document(text, sentence, mention, time)
        || labels_something_else(text, mention, time)
        || cites_a_source(text, sentence, mention, time)
        || in_a_cited_title(text, sentence, mention, time)
        || (mention.end <= time.start
            && text.get(mention.end..time.start).is_some_and(|gap| ANOTHER_DEED.is_match(gap)))
}

/// Whether `time` is set in brackets after words other than the mention, and so labels
/// them: a life ("Hisamitsu or Saburo (1820-87), feudatory of Satsuma, in Namamugi
/// incident"), a reign ("the assassination of Alexander II. prepared the way for Alexander
/// III.'s reign (1881-94)"), another time ("elected by the people this year, (1919) were
/// the former active members of the Independence Club"). An event named after the
/// brackets is not what they label; one named before them is, with at most three words
/// between ("the Opium War (1839-42)", "battle of (1905)", "Tonghak rebellion in Korea
/// (1894)").
fn labels_something_else(text: &str, mention: Span, time: Span) -> bool {
    let head = text.get(..time.start).unwrap_or("").trim_end();
    let Some(open) = head.strip_suffix('(').map(str::len) else { return false };
    if mention.start >= time.end {
        return true;
    }
    mention.end <= open && text.get(mention.end..open).is_some_and(|gap| gap.split_whitespace().count() > 3)
}

/// Whether `time` is the year of a work cited in brackets ("The Treaty of Portsmouth (see
/// Dennett, 1925, p. 112) ended the war", "[cf. Paine 2003: 45]"): the brackets open with a
/// word that sends the reader elsewhere, or a page follows the time. A mention inside the
/// brackets is what they cite, and keeps the time ("(see the Treaty of Portsmouth, 1905)").
fn cites_a_source(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    let (from, before) = before_in(text, sentence, time.start);
    let Some(open) = before.rfind(['(', '[']) else { return false };
    let inside = &before[open + 1..];
    if inside.contains([')', ']']) || mention.start > from + open {
        return false;
    }
    let after = after_in(text, sentence, time.end);
    SENDS_ELSEWHERE.is_match(inside) || PAGE_NEXT.is_match(after)
}

/// Whether `time` is the year of a work cited in brackets after its author, whose title
/// holds the mention: "(Dennett, Roosevelt and the Russo-Japanese War, 1925)", "[see Nish,
/// The Origins of the Russo-Japanese War, 1985, p. 12]". The bracket closes or a page
/// follows right after the year. ("(see the Treaty of Portsmouth, 1905)" names no author
/// and keeps the time, as `cites_a_source` says.)
fn in_a_cited_title(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    if mention.end > time.start {
        return false;
    }
    let (_, before) = before_in(text, sentence, mention.start);
    let Some(open) = before.rfind(['(', '[']) else { return false };
    let title_rest = text.get(mention.end..time.start).unwrap_or("");
    let after = after_in(text, sentence, time.end);
    AUTHOR_THEN_TITLE.is_match(&before[open + 1..])
        && TITLE_REST.is_match(title_rest)
        && (CLOSES.is_match(after) || PAGE_NEXT.is_match(after))
}

/// In a bracket, up to a mention: an author ("Dennett", "Nish and Kowner", "Hunt et al."),
/// a comma, and the title's words before the mention ("Roosevelt and the "), set in
/// italics or quotation marks or not.
static AUTHOR_THEN_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"^\s*(?:(?:see|cf\.?)\s+(?:also\s+)?)?\p{Lu}[\p{Ll}'’-]+(?:\s+(?:and|&)\s+\p{Lu}[\p{Ll}'’-]+|\s+et\s+al\.)?,\s+[_*"“‘']?(?:\p{Lu}[^,;:()\[\]]*)?$"#)
        .expect("valid regex")
});

/// From a mention in a title to the year after it: the rest of the title and a comma.
static TITLE_REST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^[^,;()\[\]]{0,80}[_*"”’']?,\s*$"#).expect("valid regex"));

/// Right after a time: the bracket closes.
static CLOSES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*[)\]]").expect("valid regex"));

/// The opening of a bracketed reference: "see", "see also", "cf.", "compare", "vide".
static SENDS_ELSEWHERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:see|cf\.?|compare|vide)(?-u:\b)").expect("valid regex"));

/// Right after a cited year: its page, volume or chapter ("1925, p. 112", "2003: 45",
/// "1904, vol. ii").
static PAGE_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[,:]\s*(?:pp?\.|vol\.|ch\.|chap\.|§)|:\s*[0-9]{1,4}\s*[-–)\],;]|pp?\.\s*[0-9])")
        .expect("valid regex")
});

/// Bytes read either side of a mention or a time for the words around it.
const NEAR: usize = 40;

/// The text of `sentence` up to `NEAR` bytes before byte `at`, cut on a character
/// boundary, and where it starts.
fn before_in(text: &str, sentence: Span, at: usize) -> (usize, &str) {
    let from = crate::text::ceil_boundary(text, at.saturating_sub(NEAR)).max(sentence.start);
    (from, text.get(from..at).unwrap_or(""))
}

/// The text of `sentence` from byte `at` up to `NEAR` bytes on, cut on a character boundary.
fn after_in(text: &str, sentence: Span, at: usize) -> &str {
    let to = crate::text::floor_boundary(text, (at + NEAR).min(sentence.end)).max(at);
    text.get(at..to).unwrap_or("")
}

/// Whether `time` dates a letter, a dispatch or another document (`DOCUMENT_DATE`) that
/// is not the mentioned event itself.
fn dates_a_document(text: &str, sentence: Span, mention: Span, time: Span) -> bool {
    let (from, before) = before_in(text, sentence, time.start);
    DOCUMENT_DATE.captures(before).is_some_and(|c| {
        c.get(1).is_none_or(|noun| !mention.contains(Span::new(from + noun.start(), from + noun.end())))
    })
}

/// Words for an event, as `EVENT_NOUN` and `NAMES_ANOTHER` read them.
const EVENT_NOUNS: &str =
    "war|battle|rebellion|treaty|revolution|siege|incident|uprising|campaign|insurrection|mutiny|struggle|combats?";

/// A word naming another event.
static EVENT_NOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)(?-u:\b)(?:{EVENT_NOUNS})(?-u:\b)")).expect("valid regex"));

/// Right before a mention: a word for an event that the mention names ("the insurrection
/// known as the", "the war, commonly called the \"").
static NAMED_AS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)(?-u:\b)(?:{EVENT_NOUNS})[,(]?\s+(?:(?:now|since|commonly|generally|usually|afterwards|later|popularly|sometimes|often|also|then)\s+)?(?:known\s+as|called|styled|termed|named|nicknamed|described\s+as)\s+(?:the\s+)?["“'‘]?$"#
    ))
    .expect("valid regex")
});

/// Right before a time: a word for an event and "of", so that the time names it ("the
/// war of 1894", "the Rebellion of 1850", "the crisis of 1895").
static NAMES_ANOTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?-u:\b)(?:{EVENT_NOUNS}|rising|crisis|expedition)\s+of\s+(?:the\s+)?$"))
        .expect("valid regex")
});

/// Between a time and a mention: another event that begins or ends by way of the
/// mention ("the war ended with the", "the rebellion was brought to an end by").
static BY_WAY_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:the\s+)?(?:[a-z-]+\s+){1,2}(?:was\s+|were\s+)?(?:ended|began|begun|opened|closed|concluded|completed|came\s+to\s+an\s+end|brought\s+to\s+an\s+end)\s+(?:with|by)\s+(?:the\s+)?$")
        .expect("valid regex")
});

fn plausible(rules: &RuleBook, event: EventId, time: &TimeExpr, years: i64) -> bool {
    let Some(ev) = rules.events.get(event) else { return false };
    let values: Vec<_> = ev.dates.iter().flat_map(|d| d.views.iter().map(|v| &v.value)).collect();
    let lo = values.iter().filter_map(|v| v.earliest).min();
    let hi = values.iter().filter_map(|v| v.latest).max();
    let (Some(lo), Some(hi)) = (lo, hi) else { return true };
    let margin: Day = years * 366;
    let lo = lo.saturating_sub(margin);
    let hi = hi.saturating_add(margin);
    // An open range is read by its known end: "since 1603" says something began in 1603,
    // which is as far from the Restoration of 1868 as the year 1603 alone.
    let (earliest, latest) =
        (time.value.earliest.or(time.value.latest), time.value.latest.or(time.value.earliest));
    earliest.is_none_or(|e| e <= hi) && latest.is_none_or(|l| l >= lo)
}

/// Whether `time`, which the reference dates of `event` do not admit, falls in those of
/// another event at its place. A verb by a place can mean any event there: "the battle"
/// near Port Arthur on 10 August 1904 is one of the siege's (August 1904 to January 1905),
/// not the attack of 8–9 February; the attack's own date, or a wrong one no event there
/// admits, stays a claim about it. So can a description's words ("In 1894 Nogi saw the
/// Chinese besieged and Port Arthur taken": the capture of 1894, not the siege of 1904).
fn a_neighbours_time(rules: &RuleBook, event: EventId, time: &TimeExpr, text: &str) -> bool {
    let Some(neighbours) = super::mentions::place_neighbours(rules).get(event).filter(|n| !n.is_empty())
    else {
        return false;
    };
    if admits(rules, event, time) {
        return false;
    }
    let loose = looser(time, text);
    let tried = loose.as_ref().unwrap_or(time);
    neighbours.iter().any(|&e| admits(rules, e, tried))
}

/// `time` as another event's dates are tried with, where that differs from `time`: "Ten
/// years ago, when the Japanese took Port Arthur", in a text known only by its year
/// (1905), may be up to eleven years back (the capture of 21 November 1894), so its year
/// before counts too.
fn looser(time: &TimeExpr, text: &str) -> Option<TimeExpr> {
    use crate::time::{Anchor, Granularity, TimeValue};
    if time.value.granularity != Granularity::Year {
        return None;
    }
    let Some(Anchor::Document(d)) = &time.anchor else { return None };
    if TimeValue::parse_edtf(d).is_none_or(|d| d.granularity < Granularity::Year) {
        return None;
    }
    let words = time.span.slice(text).trim_end();
    let ago = words
        .len()
        .checked_sub(3)
        .and_then(|i| words.get(i..))
        .is_some_and(|w| w.eq_ignore_ascii_case("ago"));
    let y = crate::time::year_of_day(time.value.earliest?);
    let earliest = Some(crate::time::days_from_civil(y.checked_sub(1)?, 1, 1));
    ago.then(|| TimeExpr { value: TimeValue { earliest, ..time.value.clone() }, ..time.clone() })
}

/// Whether a verb (or a description's words) by a place that several events share comes
/// with a time that cannot tell them apart: one without a year ("Port Arthur fell on
/// January 1": in 1895 or 1905?).
fn undecided(rules: &RuleBook, event: EventId, time: &TimeExpr) -> bool {
    yearless(time) && super::mentions::place_neighbours(rules).get(event).is_some_and(|n| !n.is_empty())
}

/// A time with no year known at either end ("January 1", "until July 18"): any event's
/// dates admit it, so it cannot tell events apart.
fn yearless(time: &TimeExpr) -> bool {
    time.value.earliest.is_none() && time.value.latest.is_none()
}

/// Whether a reference date of `event`, any role, admits `time`.
fn admits(rules: &RuleBook, event: EventId, time: &TimeExpr) -> bool {
    rules.events.get(event).is_some_and(|ev| ev.dates.iter().any(|d| d.admits(&time.value)))
}

/// The role a time plays for the mention, read from the clause holding both, and whether
/// a verb decided it (rather than "until"/"since" or the shape of the time).
fn role(text: &str, sentence: Span, time: &TimeExpr, mention: Span) -> (Role, bool) {
    let before =
        text.get(sentence.start.max(time.span.start.saturating_sub(24))..time.span.start).unwrap_or("");
    let before =
        before.get(before.char_indices().map(|(i, _)| i).find(|_| true).unwrap_or(0)..).unwrap_or("");
    let own = time.span.slice(text).to_lowercase();
    // "did not end until 1905", "was not signed until 1905": the bound is when it
    // happened (`bound_of_not_until`), and the verb, not the "until", gives the role.
    let until = own.starts_with("until") || own.starts_with("till");
    if !is_not_until(text, time)
        && (time.value.edtf.starts_with("../") || UNTIL_BEFORE.is_match(before) || until)
    {
        return (Role::End, false);
    }
    if time.value.edtf.ends_with("/..") || SINCE_BEFORE.is_match(before) || own.starts_with("since") {
        return (Role::Start, false);
    }
    // A time in the event's name ("the Russo-Japanese War of 1904", "the Revolution of
    // 1905", "the Opium War (1839-42)") tells which event is meant, not when a phase of
    // it came: "the Russo-Japanese War of 1904 ended with the Treaty of Portsmouth" does
    // not end it in 1904. Only the name's own words give it a role ("the Boxer outbreak
    // of 1900" is the start).
    if names_it(text, mention, time.span) {
        let name = mention.slice(text);
        return match (START_CUE.is_match(name), END_CUE.is_match(name)) {
            (true, false) => (Role::Start, true),
            (false, true) => (Role::End, true),
            _ if time.value.is_range() => (Role::Span, false),
            _ => (Role::Point, false),
        };
    }
    let cover = time.span.cover(mention);
    // The clause: the words between the two, and on to the next clause boundary.
    let tail_end = clause_end(text, cover.end, sentence.end);
    // ... and back over the verb or noun before the first of them ("brought the war to a
    // close", "the completion of the").
    let head_start = text
        .get(sentence.start..cover.start)
        .map(|h| {
            let from = h.len().saturating_sub(20);
            let cut = crate::text::ceil_boundary(h, from);
            let tail = h.get(cut..).unwrap_or("");
            match tail.rfind([',', ';', '.', '(']) {
                Some(i) => sentence.start + cut + i + 1,
                None => sentence.start + cut,
            }
        })
        .unwrap_or(cover.start);
    let (region_start, region) = match text.get(head_start..tail_end) {
        Some(r) => (head_start, r),
        None => (cover.start, text.get(cover.start..cover.end).unwrap_or("")),
    };
    // An aside after the mention tells of something else, and its verbs are not the
    // event's ("In the Opium War, which the treaty of Nanking ended, Britain took Hong
    // Kong in 1841" does not end the war in 1841): blanked, so offsets stay.
    let blanked;
    let region = match aside_after(text, sentence, mention, time.span) {
        Some(aside) if region_start <= aside.start => {
            let (from, to) = (aside.start - region_start, aside.end - region_start);
            match (region.get(..from), region.get(to..)) {
                (Some(head), Some(tail)) => {
                    blanked = format!("{head}{}{tail}", " ".repeat(to - from));
                    blanked.as_str()
                }
                _ => region,
            }
        }
        _ => region,
    };
    let start = cued(&START_CUE, region, region_start, mention);
    let end = cued(&END_CUE, region, region_start, mention);
    match (start, end) {
        (true, false) => (Role::Start, true),
        (false, true) => (Role::End, true),
        // Both: the verb the time hangs on decides ("the war began in 1904 and ended in
        // 1905": 1904 is its start and 1905 its end).
        (true, true) if governs(&START_CUE, region, region_start, time.span) => (Role::Start, true),
        (true, true) if governs(&END_CUE, region, region_start, time.span) => (Role::End, true),
        _ if time.value.is_range() => (Role::Span, false),
        _ => (Role::Point, false),
    }
}

/// Whether a cue in `region` (at byte `at` of the text) comes right before the time, a
/// preposition or two between: "ended in 1905", "began early in February 1904".
fn governs(cue: &Regex, region: &str, at: usize, time: Span) -> bool {
    let Some(upto) = time.start.checked_sub(at).and_then(|i| region.get(..i)) else { return false };
    cue.find_iter(upto).any(|m| upto.get(m.end()..).is_some_and(|gap| HANGS.is_match(gap)))
}

/// Words that make an alliance or a pact: the deed that begins it.
static MADE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:signed|concluded|formed|forged|entered\s+into|made)(?-u:\b)")
        .expect("valid regex")
});

/// Whether a making verb (`MADE_CUE`) in or after the mention governs the time after it:
/// "an alliance between England and Japan, signed on January 30, 1902" (a description's
/// words may hold the verb itself).
fn made_at(text: &str, mention: Span, time: Span) -> bool {
    time.start >= mention.end
        && text
            .get(mention.start..time.start)
            .is_some_and(|upto| governs(&MADE_CUE, upto, mention.start, time))
}

/// Between a verb and the time it dates: "in", "on the", "early in", "at the end of".
static HANGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:in|on|at|about|around|early|late|the|of|end|beginning|middle)\s+){0,4}$")
        .expect("valid regex")
});

/// Whether the words right after a mention say it began or ended, with the mention as
/// their subject: "the Battle of Mukden actually came to a close", "the Battle of
/// Liaoyang began on 24 August". A battle may last weeks, and such a time is its start or
/// its end; "the Battle of Mukden ended the war" or "the war ended after the Battle of
/// Mukden" are not about its course.
fn its_own_course(text: &str, mention: Span) -> bool {
    let after = text.get(mention.end..).unwrap_or("");
    let after = after.get(..crate::text::floor_boundary(after, 80)).unwrap_or("");
    OWN_COURSE.is_match(after)
}

/// See `its_own_course`: up to two adverbs ("actually", "finally") or auxiliaries, then an intransitive verb of
/// beginning or ending (followed by a preposition, a stop or nothing, not an object).
static OWN_COURSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:(?:[a-z]+ly|had|has|have|was|were|then|at\s+last)\s+){0,2}(?:(?:came|comes|come|drew|draws|drawn)\s+to\s+(?:a\s+close|an\s+end)|(?:ended|ends|began|begins|begun|commenced|commences|opened|opens|started|starts)(?:\s+(?:on|in|at|with|when|after|before|early|late|about|towards?)(?-u:\b)|\s*[,.;]|\s*$))",
    )
    .expect("valid regex")
});

/// Whether a cue in `region` (starting at byte `at` of the text) gives the mention its
/// role. One that runs into the mention through "with" or "by" names the mention as what
/// began or ended something else: "the revolution ... was completed with the abdication"
/// ends the revolution, not the abdication; "the war ended with the Treaty of Portsmouth".
fn cued(cue: &Regex, region: &str, at: usize, mention: Span) -> bool {
    cue.find_iter(region).any(|m| {
        let between = mention.start.checked_sub(at + m.end()).and_then(|i| region.get(m.end()..m.end() + i));
        !between.is_some_and(|b| INSTRUMENT.is_match(b))
    })
}

/// What lies between a cue and the mention it is not about: "ended with the", "by".
static INSTRUMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s+(?:with|by)\s+(?:the\s+)?$").expect("valid regex"));

/// Bytes after the pair that the clause may run on to.
const TAIL: usize = 60;

/// Where the clause after `from` ends: the next `,;.(` before the sentence's end, at most
/// `TAIL` bytes on. Only those bytes are searched, not the rest of the sentence: one
/// sentence of thousands of dates and names made that a search of the sentence per time.
/// The boundaries are ASCII, so a byte search finds what a char search would, and the
/// cap needs no char boundary; an end no `str` slice reaches gives the same fallback.
fn clause_end(text: &str, from: usize, sentence_end: usize) -> usize {
    let cap = from + TAIL;
    if text.get(from..sentence_end).is_none() {
        return sentence_end.min(cap);
    }
    text.as_bytes()
        .get(from..sentence_end.min(cap))
        .and_then(|r| r.iter().position(|b| matches!(b, b',' | b';' | b'.' | b'(')))
        .map_or(sentence_end, |i| from + i)
        .min(cap)
}

crate::warm_up!(
    START_CUE,
    END_CUE,
    OWN_COURSE,
    INSTRUMENT,
    BY_WAY_OF,
    NAMES_ANOTHER,
    TOLD_OF,
    ITS_OWN_DEED,
    WRITER_AT,
    INTERVAL_END,
    WHEN_NAME,
    NOT_BEFORE_UNTIL,
    UNTIL_BEFORE,
    SINCE_BEFORE,
    ANSWER_IT,
    REFERENCE_POINT,
    RELATIVE_TO,
    WHICH_WAS,
    PERIOD_AFTER,
    AFTER_WHICH,
    IN_RELATIVE,
    WHOSE,
    BROUGHT_ABOUT,
    OFFSET,
    AIMED_AT,
    TO_COME,
    KNOWN_BY,
    SPOKEN_OF,
    MADE_OF,
    AFTERMATH,
    DOCUMENT_DATE,
    ANOTHER_DEED,
    EVENT_NOUN,
    SENDS_ELSEWHERE,
    PAGE_NEXT,
    ASIDE_OPEN,
    ASIDE_AFTER,
    NAMED_AS,
    MADE_CUE,
    AUTHOR_THEN_TITLE,
    TITLE_REST,
    CLOSES
);

#[cfg(test)]
mod tests {
    use super::*;

    /// `column_reach` as first written, from the whole line (`line_at`).
    fn column_reach_by_lines(text: &str, time: Span) -> Option<Span> {
        if !text.as_bytes().get(time.end).is_none_or(u8::is_ascii_whitespace) {
            return None;
        }
        let line = crate::text::line_at(text, time.start);
        let rest_of_line = text.get(time.end..line.end.max(time.end)).unwrap_or_default();
        let before = text.get(line.start..time.start).unwrap_or_default();
        let words = before.trim_end_matches(' ');
        (rest_of_line.trim().is_empty()
            && before.len() - words.len() >= COLUMN_GAP
            && !words.trim().is_empty())
        .then(|| Span::new(line.start + words.len(), time.end))
    }

    proptest::proptest! {
        /// Reading out from a time only over white space gives what reading its whole line
        /// gave, for times on a line of their own or over a line break.
        #[test]
        fn a_column_is_found_without_reading_the_whole_line(
            text in "(?s)[a. \u{a0}\t\r\n]{0,6}[ ]{0,6}1904( |\n|, 5)[a. \u{a0}\t\r\n]{0,8}"
        ) {
            let start = text.find("1904").unwrap_or(0);
            for end in [start + 4, start + 5, start + 7].into_iter().filter(|&e| text.is_char_boundary(e) && e <= text.len()) {
                let time = Span::new(start, end);
                proptest::prop_assert_eq!(column_reach(&text, time), column_reach_by_lines(&text, time), "{:?} {:?}", text, time);
            }
        }
    }
    use crate::text::CitationKind;

    /// Runs of letters (multi-byte too) and spaces, some longer than `TAIL`, between
    /// commas and stops, and offsets in and past the text.
    fn text_and_offsets() -> impl proptest::strategy::Strategy<Value = (String, usize, usize, usize)> {
        ("([a éЖ—\u{1F600}]{0,80}[,;.(]?){0,4}", 0usize..340, 0usize..340, 0usize..340)
    }

    /// Text thick with commas, and offsets in and past it.
    fn commas_and_offsets() -> impl proptest::strategy::Strategy<Value = (String, usize, usize, usize)> {
        ("[a,;. éЖ\u{1F600}]{0,40}", 0usize..70, 0usize..70, 0usize..70)
    }

    /// Text thick with what `cost` counts (" - - " too), and four offsets in and past it.
    fn marks_and_offsets() -> impl proptest::strategy::Strategy<Value = (String, [usize; 4])> {
        ("(?:[a ;:(),é]|—| - | - - | ,){0,40}", proptest::array::uniform4(0usize..90))
    }

    proptest::proptest! {
        /// Counted from its lists of positions (every distance counts as long here),
        /// `Costs` gives what `cost` gives by reading the words between.
        #[test]
        fn costs_from_positions_are_the_costs((text, at) in marks_and_offsets()) {
            let [t0, t1, m0, m1] = at.map(|a| crate::text::floor_boundary(&text, a));
            let (time, mention) = (Span::new(t0.min(t1), t0.max(t1)), Span::new(m0.min(m1), m0.max(m1)));
            let sentence = Span::new(0, text.len());
            let costs = Costs { text: &text, sentence, long: 0, marks: std::cell::OnceCell::new() };
            proptest::prop_assert_eq!(costs.cost(time, mention), cost(&text, 0, time, mention));
        }

        #[test]
        fn clause_end_is_the_unbounded_search_capped((text, from, end, _) in text_and_offsets()) {
            let unbounded = text
                .get(from..end)
                .and_then(|r| r.find([',', ';', '.', '(']).map(|i| from + i))
                .unwrap_or(end)
                .min(from + TAIL);
            proptest::prop_assert_eq!(clause_end(&text, from, end), unbounded);
        }

        #[test]
        fn comma_before_is_a_search_from_the_sentence_start(
            (text, a, b, c) in commas_and_offsets(),
            ordered: bool,
        ) {
            // Mostly as the caller has them: the time inside the sentence.
            let (start, at, end) = if ordered {
                let mut o = [a, b, c];
                o.sort_unstable();
                (o[0], o[1], o[2])
            } else {
                (a, b, c)
            };
            let sentence = Span::new(start, end);
            let searched = text.get(sentence.start..at).unwrap_or(",").contains(',');
            let first = first_comma(&text, sentence);
            proptest::prop_assert_eq!(comma_before(&text, sentence, first, at), searched);
        }

        #[test]
        fn cited_reach_finds_what_a_look_at_every_citation_finds(
            spans in proptest::collection::vec((0usize..100, 0usize..20), 0..20),
            time in (0usize..120, 0usize..10),
        ) {
            let mut citations: Vec<Citation> = spans
                .iter()
                .map(|&(s, n)| Citation {
                    kind: CitationKind::Url,
                    span: Span::new(s, s + n),
                    target: String::new(),
                    sentence: 0,
                    paragraph: 0,
                })
                .collect();
            citations.sort_by_key(|c| (c.span.start, c.span.end));
            let time = Span::new(time.0, time.0 + time.1);
            let every = citations.iter().any(|c| c.span.overlaps(time));
            proptest::prop_assert_eq!(CitedReach::new(&citations).overlaps(time), every);
        }
    }
}
