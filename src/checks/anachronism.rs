//! `anachronism`: a place name, seat of government, office title or person used at a time
//! it did not apply, judged against the entities in rules/ and the time the passage is
//! about (the dates near it in its sentence, else the document's dominant year).

use crate::checks::{declare_check, DocContext as Context};
use crate::claims::{Copies, DocExtract};
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::entities::{Entity, FactKind, Validity};
use crate::span::Span;
use crate::text::label::{entry, ENTRY};
use crate::text::Sentence;
use crate::time::{Granularity, TimeExpr, TimeValue};
use crate::twin::Twin;
use std::collections::BTreeMap;
use std::sync::LazyLock;

declare_check! {
    /// ## What it does
    /// Finds the names of entities from rules/ and flags them where the passage is about a
    /// time they did not apply:
    ///
    /// - a place or state name used before the name existed ("Leningrad" in 1917,
    ///   "Tokyo" in 1850); a name used after it lapsed is not flagged, since writers keep
    ///   old exonyms (Peking, St. Petersburg) long after;
    /// - a city named for the government it housed ("diplomats from Moscow", "Moscow's
    ///   decision") when the government sat elsewhere: Russia's capital was St. Petersburg
    ///   from 1712 to 1918 (bar the court's stay in Moscow, 1728–1732). A city named as
    ///   a city is never flagged;
    /// - an office title with a holder's name before their term ("President Theodore
    ///   Roosevelt" in 1899), and a person named before their birth.
    ///
    /// The time is the dates in the sentence within 80 bytes of the name; a sentence
    /// with dates only further away is not judged. In a list whose lines open with a
    /// date ("1904 – Japan breaks off talks. It recalls its minister from Moscow."), a
    /// sentence with no date of its own takes the date heading its line; any other
    /// sentence with no date takes the document's dominant year (three dates or more,
    /// and three in five, within a year of it, two of them written with their year; a
    /// day or month in no year the text gives counts as a date not near it).
    /// With none of these, or when the entity fits the document's publication date and
    /// the sentence gives no date of its own, nothing is flagged. Sentences that gloss a
    /// name ("now", "to-day", "later", "present-day", "renamed", "born", "b. 1843") are
    /// left alone. Judgement call: the time of a passage is inferred, not read.
    ///
    /// ## Why it matters
    /// A name out of its time tells the reader the writer did not know the period, and
    /// a wrong capital changes the story: the legations in 1904 were in St. Petersburg.
    ///
    /// ## Example
    /// ```text
    /// today-in-history.txt: The End of Negotiations: Japan and Russia in 1904
    ///                       ...This decision to recall diplomats from Moscow signified...
    /// rules:                seat of the Russian government: St. Petersburg, 1712–1918
    /// ```
    /// Use the name of the time (St. Petersburg), or say what the name means today.
    pub static ANACHRONISM = ("anachronism", Level::Warn, per_doc = run);
}

/// Words that make a name a gloss or a retrospective, not a use in its time.
static GLOSS: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"(?i)(?-u:\b)(?:now|nowadays|to-?day|modern|present[- ]day|later|renamed|formerly|future|afterwards|became|become|becomes|born|birth|old name|known as|called)(?-u:\b)|(?-u:\b)[bd]\.\s*\d",
    )
});

/// Before a city name: the words that make it stand for the government sitting there.
static SEAT_BEFORE: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"(?i)(?-u:\b)(?:diplomats?|ambassadors?|envoys?|legations?|embass(?:y|ies)|government|cabinet|foreign\s+(?:office|ministry)|recall(?:ed|ing|s)?)(?-u:\b)(?:\s+[\w-]+){0,3}\s+(?:from|in|at|to)\s+(?:the\s+)?$",
    )
});

/// Before a city name: a move of the government there ("a plan to move the Government
/// to Moscow"), which says it did not sit there yet.
static MOVED_TO: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"(?i)(?-u:\b)(?:mov(?:e|ed|es|ing)|remov(?:e|ed|es|ing|al)|transfer(?:s|red|ring)?|fle[de]|flee(?:s|ing)|evacuat(?:e|ed|es|ing|ion))(?-u:\b)(?:\s+[\w-]+){0,4}\s+to\s+(?:the\s+)?$",
    )
});

/// After a city name: the words that make it stand for the government sitting there.
static SEAT_AFTER: LazyLock<Twin> = LazyLock::new(|| {
    Twin::new(
        r"(?i)^(?:[’']s\s+(?:decision|government|response|policy|foreign\s+policy|reply|demands?|aggression|diplomacy|intentions?|answer|ultimatum)(?-u:\b)|\s+(?:decided|demanded|refused|replied|responded|insisted|protested|rejected|declared\s+war))",
    )
});

/// One name to look for, and the fact it belongs to.
struct Needle<'r> {
    entity: &'r Entity,
    fact: &'r Validity,
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let names = cx.rules.entity_names();
    let Some(matcher) = &names.matcher else { return };
    {
        let doc = cx.extract;
        let text = cx.text(doc.doc);
        let dominant = doc.dominant;
        let times = Times::new(&doc.times);
        // What a sentence gives every name in it, found once per sentence: the names come
        // in order, and a sentence of thousands of them read itself again for each.
        let mut current: Option<Here> = None;
        // Made when a finding is first reported; and whether the sentence last asked
        // about has a copy before it.
        let mut copies: Option<Copies> = None;
        let mut copied_in: Option<(usize, bool)> = None;
        // The extract found the names already, for the segmenter; else look here.
        let scanned: Vec<(Span, usize)>;
        let hits = match &doc.entities {
            Some(hits) => hits.as_slice(),
            None => {
                scanned = matcher.find_iter(text).map(|m| (Span::new(m.start, m.end), m.pattern)).collect();
                scanned.as_slice()
            }
        };
        for &(span, pattern) in hits {
            if !is_word(text, span) {
                continue;
            }
            let Some(found) = names.needles.get(pattern) else { continue };
            let needles: Vec<Needle<'_>> = found
                .iter()
                .filter_map(|&(e, f)| {
                    let entity = cx.rules.entities.get(e)?;
                    Some(Needle { entity, fact: entity.facts.get(f)? })
                })
                .collect();
            let Some((si, sentence)) = sentence_at(doc, span) else { continue };
            if sentence.quoted || sentence.hypothetical || sentence.repeat_of.is_some() {
                continue;
            }
            let here = match current.take() {
                Some(here) if here.sentence == si => here,
                _ => Here::new(si, sentence, &times),
            };
            let here = current.insert(here);
            // The time first: most names have none to be judged by, and then whether
            // their sentence glosses them (a regex over the sentence) is not asked.
            let Some(context) = time_context(&times, here, text, span, dominant) else { continue };
            if here.glosses(text) {
                continue;
            }
            if let Some(d) = judge(cx, doc, text, span, sentence, &needles, &context) {
                // A copy further back makes the sentence a repeat, wherever it lies: the
                // extract keys no sentence for naming an entity alone, so this is where
                // such a sentence is found a repeat. (Asked once per sentence: a sentence
                // of thousands of names is keyed once.)
                let copied = match copied_in {
                    Some((s, copied)) if s == si => copied,
                    _ => copies.get_or_insert_with(|| Copies::new(text)).before(sentence.span),
                };
                copied_in = Some((si, copied));
                if copied {
                    continue;
                }
                out.push(d);
            }
        }
    }
}

/// The time a passage is about, and where it was read.
struct TimeContext {
    times: Vec<TimeValue>,
    /// The date in the sentence that set the time.
    span: Option<Span>,
    /// How the time was found, for notes.
    how: &'static str,
    /// Whether its day is the day a page is about, not written (`day-anchor`).
    page_day: bool,
}

/// Whether `t`'s day is the day its page is about (a year heading an entry of a day page,
/// "today"), not a day the text writes.
fn on_page_day(t: &TimeExpr) -> bool {
    t.anchor.as_ref().is_some_and(crate::time::Anchor::is_page_day)
}

fn usable(t: &TimeValue) -> bool {
    t.is_bounded() && t.granularity <= Granularity::Decade
}

/// How far (in bytes) a date may sit from a name to give its time: a long sentence
/// (or a line of a wrapped book) holds dates about other things.
const NEAR: usize = 80;

/// Whether a date is a birth or death year ("b. 1843", "d. 1909"): about a life, not
/// about the passage.
fn is_life_year(text: &str, t: Span) -> bool {
    let before = text.get(t.start.saturating_sub(6)..t.start).unwrap_or("").to_ascii_lowercase();
    before.ends_with("b. ")
        || before.ends_with("d. ")
        || before.ends_with("born ")
        || before.ends_with("died ")
}

/// The document's times (in order of position, as the tagger gives them), for finding
/// those near a name without a look at all of them per name.
struct Times<'d> {
    all: &'d [TimeExpr],
    /// The longest time's length: how far before a name's end a time may start and still
    /// end near it.
    longest: usize,
}

impl<'d> Times<'d> {
    fn new(all: &'d [TimeExpr]) -> Self {
        Times { all, longest: all.iter().map(|t| t.span.len()).max().unwrap_or(0) }
    }

    /// The times that may be `near` the name, in order: a time near it starts within
    /// `NEAR` of its start, or ends within `NEAR` of its end and so starts at most
    /// `longest` bytes before that.
    fn around(&self, name: Span) -> &'d [TimeExpr] {
        let from = name.start.saturating_sub(NEAR).min(name.end.saturating_sub(NEAR + self.longest));
        let to = (name.start + NEAR).max(name.end + NEAR);
        crate::time::starting_in(self.all, from, to)
    }
}

/// Whether a time is close enough to a name to give its time.
fn is_near(t: Span, name: Span) -> bool {
    t.start.abs_diff(name.start) <= NEAR || t.end.abs_diff(name.end) <= NEAR
}

/// What a sentence gives every name in it.
struct Here {
    sentence: usize,
    span: Span,
    /// Whether it glosses names (`GLOSS`), once asked.
    gloss: Option<bool>,
    /// Whether it holds a time.
    dated: bool,
}

impl Here {
    fn new(sentence: usize, s: &Sentence, times: &Times<'_>) -> Self {
        Here {
            sentence,
            span: s.span,
            gloss: None,
            dated: crate::time::inside(times.all, s.span).next().is_some(),
        }
    }

    /// Whether the sentence glosses names (`GLOSS`): read on the first ask.
    fn glosses(&mut self, text: &str) -> bool {
        *self.gloss.get_or_insert_with(|| {
            let s = self.span.slice(text);
            GLOSS.on(s).is_match(s)
        })
    }
}

fn time_context(
    times: &Times<'_>,
    here: &Here,
    text: &str,
    name: Span,
    dominant: Option<i64>,
) -> Option<TimeContext> {
    // Only the times around the name, not all the document's: a page of thousands of
    // names and dates looked at every date for every name.
    let near: Vec<_> = times
        .around(name)
        .iter()
        .filter(|t| here.span.contains(t.span) && usable(&t.value) && !is_life_year(text, t.span))
        .filter(|t| is_near(t.span, name))
        .collect();
    if let Some(first) = near.first() {
        // "1904 – Japan recalls its minister from Moscow": the one date near the name is
        // the one heading its entry, and the label says which it is.
        let heads = near.len() == 1 && crate::text::label::label(text, first.span).is_some();
        return Some(TimeContext {
            times: near.iter().map(|t| t.value.clone()).collect(),
            span: Some(first.span),
            how: if heads { "the date heading its entry" } else { "the date in the sentence" },
            page_day: on_page_day(first),
        });
    }
    // The line of a list headed by a date ("1904 – Japan severs relations with Russia.
    // Two days earlier it had recalled its minister from Moscow."): the entry is about
    // that date, unless its sentence gives another.
    let heading = heading(text, times.all, name.start).filter(|t| usable(&t.value));
    if let Some(h) = heading {
        if crate::time::inside(times.all, here.span).all(|t| std::ptr::eq(t, h)) {
            return Some(TimeContext {
                times: vec![h.value.clone()],
                span: Some(h.span),
                how: "the date heading its entry",
                page_day: on_page_day(h),
            });
        }
    }
    // A date elsewhere in the sentence is about something else: no time to judge by.
    if here.dated {
        return None;
    }
    let y = dominant?;
    Some(TimeContext {
        times: vec![TimeValue::year(y)],
        span: None,
        how: "the document's dominant year",
        page_day: false,
    })
}

/// The time heading the entry that holds byte `at`, if one does: the first time of `at`'s
/// line (`times` in order of position), when it heads the line and its entry reaches `at`.
fn heading<'t>(text: &str, times: &'t [TimeExpr], at: usize) -> Option<&'t TimeExpr> {
    let from = at.saturating_sub(ENTRY);
    let before = text.as_bytes().get(from..at)?;
    let line_start = match memchr::memrchr(b'\n', before) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return None,
    };
    let first = times.get(times.partition_point(|t| t.span.start < line_start))?;
    (first.span.start < at && entry(text, first.span)?.contains(Span::new(at, at))).then_some(first)
}

/// The year most of a document's dates fall near: at least three dates within a year of
/// it, and at least three in five. A day or month whose year neither the text nor a
/// date before it gives ("On November 7th", `XXXX-11-07`) is a date too, in no year
/// known: a part of Reed's book on 1917 whose years were 1792, 1917 and three from the
/// captions of battle paintings ("12 October 1812", "6 November 1812", "16/28 August
/// 1813"), among sixteen such days, has no dominant year. The day a "today in history"
/// page is about ("today", from its metadata) is the page's frame, not such a date.
///
/// Two of the dates near the year must be written with it: a date read from an earlier
/// one ("the 20th of June", "the previous night") repeats that one's year, and one year
/// written in an aside would otherwise rule the passage through its echoes. In Sakurai's
/// book on the siege of 1904, "the War of Independence, 1777" was the only year before
/// "the 20th of June" and "the previous night", which took theirs from it, and a passage
/// cut from there had every "Port Arthur" in it dated 1777.
pub(crate) fn dominant_year(times: &[TimeExpr]) -> Option<i64> {
    let years: Vec<i64> =
        times.iter().filter(|t| usable(&t.value)).filter_map(|t| t.value.start_year()).collect();
    let yearless = times
        .iter()
        .filter(|t| {
            // A window test: `str::contains` sets up a substring search for each short date.
            t.value.edtf.as_bytes().windows(4).any(|w| w == b"XXXX")
                && !matches!(t.anchor, Some(crate::time::Anchor::Document(_)))
        })
        .count();
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for y in &years {
        *counts.entry(*y).or_default() += 1;
    }
    let (&mode, _) = counts.iter().max_by_key(|(y, n)| (**n, std::cmp::Reverse(**y)))?;
    let near = years.iter().filter(|y| y.abs_diff(mode) <= 1).count();
    let written = times
        .iter()
        .filter(|t| t.anchor.is_none() && usable(&t.value))
        .filter_map(|t| t.value.start_year())
        .filter(|y| y.abs_diff(mode) <= 1)
        .count();
    (near >= 3 && written >= 2 && near * 5 >= (years.len() + yearless) * 3).then_some(mode)
}

fn is_word(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn sentence_at(doc: &DocExtract, span: Span) -> Option<(usize, &Sentence)> {
    let i = doc.sentences.partition_point(|s| s.span.end <= span.start);
    doc.sentences.get(i).filter(|s| s.span.contains(span)).map(|s| (i, s))
}

fn judge(
    cx: &Context<'_>,
    doc: &DocExtract,
    text: &str,
    span: Span,
    sentence: &Sentence,
    needles: &[Needle<'_>],
    context: &TimeContext,
) -> Option<Diagnostic> {
    let word = span.slice(text);
    let published = doc.written().filter(|p| p.is_bounded());
    for n in needles {
        let same: Vec<&Validity> =
            n.entity.facts.iter().filter(|f| f.what == n.fact.what && f.names().any(|x| x == word)).collect();
        let problem = match n.fact.what {
            FactKind::Seat => {
                let before = text.get(sentence.span.start..span.start)?;
                let after = text.get(span.end..sentence.span.end)?;
                let fits = crate::twin::fits(before);
                let seat = SEAT_BEFORE.pick(fits).is_match(before) && !MOVED_TO.pick(fits).is_match(before);
                if !seat && !SEAT_AFTER.on(after).is_match(after) {
                    continue;
                }
                context.times.iter().all(|t| !same.iter().any(|f| f.holds_during(t)))
            }
            FactKind::Name | FactKind::Holder | FactKind::Life => {
                context.times.iter().all(|t| same.iter().all(|f| f.is_before(t)))
            }
        };
        if !problem {
            continue;
        }
        // A passage with no date of its own may speak of the time it was written.
        if context.how == "the document's dominant year"
            && published.is_some_and(|p| same.iter().any(|f| f.holds_during(p)))
        {
            continue;
        }
        return Some(finding(cx, doc, span, word, n, &same, context));
    }
    None
}

fn finding(
    cx: &Context<'_>,
    doc: &DocExtract,
    span: Span,
    word: &str,
    needle: &Needle<'_>,
    same: &[&Validity],
    context: &TimeContext,
) -> Diagnostic {
    let t = context.times.first().map(ToString::to_string).unwrap_or_default();
    // "in 1904", "in February 1904", but "on 8 February 1904".
    let on =
        context.times.first().map_or("in", |t| if t.granularity == Granularity::Day { "on" } else { "in" });
    let fact = same.first().copied().unwrap_or(needle.fact);
    let entity = needle.entity;
    // What did apply at the time: the fact of the same kind that held then.
    let then = context
        .times
        .first()
        .and_then(|t| entity.facts.iter().find(|f| f.what == fact.what && f.holds_during(t)));
    let (message, label) = match fact.what {
        FactKind::Seat => (
            format!(
                "{word} stands here for {} {on} {t}, but it sat in {} then ({})",
                entity.name,
                then.map_or("another city", |f| f.value.as_str()),
                then.map_or_else(|| fact.interval(), Validity::interval)
            ),
            format!("{word} as the seat of government {on} {t}"),
        ),
        FactKind::Name => (
            format!("\"{word}\" is used here for {t}, but the name dates from {}", from_text(fact)),
            format!("named {word} {on} {t}"),
        ),
        FactKind::Holder => (
            format!("\"{word}\" is used here for {t}, but {} took office in {}", fact.value, from_text(fact)),
            format!("{word} {on} {t}"),
        ),
        FactKind::Life => (
            format!("{word} is named here for {t}, before {} was born ({})", fact.value, from_text(fact)),
            format!("{word} {on} {t}"),
        ),
    };
    let used = then.unwrap_or(fact);
    let help = match (fact.what, then) {
        (FactKind::Seat | FactKind::Name, Some(f)) => {
            format!("write {} for {t}, or say what the name means today (source: {})", f.value, f.source)
        }
        (FactKind::Holder, _) => format!(
            "drop the title {} did not yet hold, or check the date (source: {})",
            fact.value, used.source
        ),
        _ => format!("check the date or the name (source: {})", used.source),
    };
    let mut d =
        Diagnostic::new(ANACHRONISM.code, Label::new(cx.path(doc.doc), span, label), message).help(help);
    match context.span {
        Some(s) => {
            let whose = if context.page_day { " (the day is the page's)" } else { "" };
            d = d.related(Label::new(cx.path(doc.doc), s, format!("{t}: {}{whose}", context.how)));
        }
        None => d = d.note(format!("the time is {}, {t}", context.how)),
    }
    let shown = if fact.what == FactKind::Seat { used } else { fact };
    if shown.disputed {
        if let Some(n) = &shown.note {
            d = d.note(format!("the boundary is disputed: {n}"));
        }
    }
    d
}

fn from_text(f: &Validity) -> String {
    f.from.as_ref().map_or_else(|| "another time".to_string(), ToString::to_string)
}

crate::warm_up!(GLOSS, SEAT_BEFORE, MOVED_TO, SEAT_AFTER);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seat_patterns_match_metonymy_and_not_plain_places() {
        let cases: &[(&Twin, &str, bool)] = &[
            (&SEAT_BEFORE, "This decision to recall diplomats from ", true),
            (&SEAT_BEFORE, "the Japanese ambassador to ", true),
            (&SEAT_BEFORE, "the legations in ", true),
            (&SEAT_BEFORE, "He travelled by train from ", false),
            (&SEAT_BEFORE, "the merchants of ", false),
            // A move there is no seat there yet (Reed, 1917: "a plan to move the
            // Government to Moscow"); recalling envoys from a capital still names its
            // government.
            (&MOVED_TO, "In reply to this arises a plan to move the Government to ", true),
            (&MOVED_TO, "the cabinet was transferred to ", true),
            (&MOVED_TO, "This decision to recall diplomats from ", false),
            (&MOVED_TO, "the Japanese ambassador to ", false),
            (&SEAT_AFTER, "'s decision to fight", true),
            (&SEAT_AFTER, "’s aggression against Ukraine", true),
            (&SEAT_AFTER, " refused to answer", true),
            (&SEAT_AFTER, "'s merchants", false),
            (&SEAT_AFTER, " is a large city", false),
        ];
        for (pattern, text, want) in cases {
            assert_eq!(pattern.full().is_match(text), *want, "{} on {text:?}", pattern.full().as_str());
            assert_eq!(pattern.on(text).is_match(text), *want, "the twin of {}", pattern.full().as_str());
        }
    }

    #[test]
    fn dates_read_from_a_year_written_once_do_not_make_it_dominant() {
        let date = |y: i64, from: Option<&str>| TimeExpr {
            span: Span::default(),
            value: TimeValue::year(y),
            written: None,
            anchor: from.map(|a| crate::time::Anchor::Previous(a.to_string())),
        };
        let echoes = [date(1777, None), date(1777, Some("1777")), date(1777, Some("1777"))];
        assert_eq!(dominant_year(&echoes), None);
        let written =
            [date(1777, None), date(1778, None), date(1778, Some("1778")), date(1778, Some("1778"))];
        assert_eq!(dominant_year(&written), Some(1778));
        // Three written years with nothing read from them were dominant before, and are.
        assert_eq!(dominant_year(&[date(1904, None), date(1904, None), date(1905, None)]), Some(1904));
    }

    #[test]
    fn birth_and_death_years_are_not_the_passage_time() {
        let text = "Alexieff, E. I. (b. 1843), in command at Port Arthur; died 1909; in 1904";
        let at = |y: &str| text.find(y).map_or(Span::default(), |i| Span::new(i, i + 4));
        assert!(is_life_year(text, at("1843")));
        assert!(is_life_year(text, at("1909")));
        assert!(!is_life_year(text, at("1904")));
    }

    proptest::proptest! {
        #[test]
        fn times_around_a_name_are_all_those_near_it(
            starts in proptest::collection::vec((0usize..2_000, 0usize..300), 0..60),
            name in (0usize..2_200, 0usize..40),
            sentence in (0usize..2_200, 0usize..1_000),
        ) {
            let mut spans: Vec<Span> = starts.iter().map(|&(s, n)| Span::new(s, s + n)).collect();
            spans.sort_by_key(|s| s.start);
            let all: Vec<TimeExpr> = spans
                .iter()
                .map(|&span| TimeExpr { span, value: TimeValue::year(1900), written: None, anchor: None })
                .collect();
            let times = Times::new(&all);
            let name = Span::new(name.0, name.0 + name.1);
            let spans_of = |ts: &mut dyn Iterator<Item = &TimeExpr>| ts.map(|t| t.span).collect::<Vec<_>>();
            proptest::prop_assert_eq!(
                spans_of(&mut times.around(name).iter().filter(|t| is_near(t.span, name))),
                spans_of(&mut all.iter().filter(|t| is_near(t.span, name)))
            );
            let sentence = Span::new(sentence.0, sentence.0 + sentence.1);
            proptest::prop_assert_eq!(
                spans_of(&mut crate::time::inside(&all, sentence)),
                spans_of(&mut all.iter().filter(|t| sentence.contains(t.span)))
            );
        }
    }

    #[test]
    fn an_entry_runs_to_its_lines_end_and_its_names_are_dated_by_its_heading() {
        let text =
            "Events\n\n1904 – Japan breaks off talks. It recalls its minister from Moscow.\n1919 – Moscow.\n";
        let times: Vec<TimeExpr> = ["1904", "1919"]
            .iter()
            .map(|y| {
                let at = text.find(y).expect("a year");
                let value = crate::time::TimeValue::year(y.parse().expect("a number"));
                TimeExpr { span: Span::new(at, at + 4), value, written: None, anchor: None }
            })
            .collect();
        let first = entry(text, times[0].span).expect("an entry");
        assert_eq!(first.slice(text), "1904 – Japan breaks off talks. It recalls its minister from Moscow.");
        let moscow = text.find("Moscow").expect("Moscow");
        assert_eq!(heading(text, &times, moscow).map(|t| t.span), Some(times[0].span));
        let last = text.rfind("Moscow").expect("Moscow");
        assert_eq!(heading(text, &times, last).map(|t| t.span), Some(times[1].span));
        // The heading line above is no heading of a line without a date.
        assert_eq!(heading(text, &times, text.find("Events").expect("Events") + 2), None);
        // A line longer than an entry: its end is not dated by its start.
        let long = format!("1904 – {}Moscow.", "word ".repeat(ENTRY / 5 + 1));
        let t = TimeExpr { span: Span::new(0, 4), ..times[0].clone() };
        assert_eq!(heading(&long, std::slice::from_ref(&t), long.find("Moscow").expect("Moscow")), None);
    }

    #[test]
    fn words_end_at_boundaries() {
        let text = "Moscow and Moscowa, in Moscow.";
        assert!(is_word(text, Span::new(0, 6)));
        assert!(!is_word(text, Span::new(11, 17)));
        assert!(is_word(text, Span::new(23, 29)));
    }
}
