//! `calendar-offset`: two dates of the same event and role that differ by the
//! Julian–Gregorian offset of their era, in a Russian context: likely one Old Style date.
//! `explains` is public so that `date-conflict` can say the same in a note.

use crate::checks::{declare_check, Context};
use crate::claims::Claim;
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::rules::RefDate;
use crate::time::{civil_from_days, days_from_civil, year_of_day, Calendar, Day, Granularity, TimeValue};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

declare_check! {
    /// ## What it does
    /// Flags two asserted dates of the same event and role that do not overlap but would
    /// if the earlier were read as Old Style (Julian): 10 days apart before March 1700,
    /// 11 in the 18th century, 12 in the 19th, 13 from March 1900 until Russia switched
    /// calendars in February 1918. Only dates of day or month precision are compared
    /// ("20 December 1904", "the end of December 1904", "January 1905"), and only in a
    /// Russian context: an Old Style source, or Russia named in either passage.
    ///
    /// ## Why it matters
    /// Russian sources dated by the Julian calendar until 1918. An unmarked Old Style date
    /// looks like a contradiction; naming the offset turns a date conflict into a
    /// conversion the editor can check. It is a judgement call: two dates may differ by
    /// exactly the offset by chance.
    ///
    /// ## Example
    /// ```text
    /// a.txt: Port Arthur surrendered on 20 December 1904, after a long siege by Russia's enemy.
    /// b.txt: Port Arthur surrendered to the Japanese on 2 January 1905.
    /// ```
    /// 20 December 1904 (O.S.) is 2 January 1905 (N.S.): mark the Old Style date as such,
    /// or give the New Style date.
    pub static CALENDAR_OFFSET = ("calendar-offset", Level::Warn, Some(run));
}

/// The first Gregorian day of the Gregorian calendar in Russia (1 February 1918 O.S.).
fn russian_switch() -> Day {
    days_from_civil(1918, 2, 14)
}

/// Days the Julian calendar runs behind the Gregorian on Gregorian day `day`.
fn julian_offset_at(day: Day) -> Option<i64> {
    let rd = calendrical_calculations::rata_die::RataDie::new(day);
    let (y, m, d) = calendrical_calculations::julian::julian_from_fixed(rd).ok()?;
    // The Julian date's numbers read as a Gregorian date; from the 1st of its month so
    // that a Julian 29 February in a Gregorian common year stays in range.
    let first = days_from_civil(i64::from(y), m, 1);
    let as_gregorian = first.checked_add(i64::from(d) - 1)?;
    Some(day - as_gregorian)
}

/// If `a` and `b` differ by the Julian–Gregorian offset of their era (the earlier one
/// read as Old Style matches the later one), says so; `None` otherwise. `reference` is
/// the event's reference date for the role, when the rules have one.
///
/// Compares only bounded values of day or month precision, dated before Russia adopted
/// the Gregorian calendar (14 February 1918).
pub fn explains(a: &TimeValue, b: &TimeValue, reference: Option<&RefDate>) -> Option<String> {
    let (a0, a1, b0, b1) = (a.earliest?, a.latest?, b.earliest?, b.latest?);
    let fine = |v: &TimeValue| matches!(v.granularity, Granularity::Day | Granularity::Month);
    if !fine(a) || !fine(b) || a.overlaps(b) {
        return None;
    }
    let ((e0, e1, early), (l0, l1, late)) =
        if a1 < b0 { ((a0, a1, a), (b0, b1, b)) } else { ((b0, b1, b), (a0, a1, a)) };
    if l0 >= russian_switch() || l0 < days_from_civil(1582, 10, 15) {
        return None;
    }
    let offset = julian_offset_at(l0)?;
    if offset <= 0 || l0 - e1 > offset {
        return None;
    }
    let (s0, s1) = (e0.checked_add(offset)?, e1.checked_add(offset)?);
    let both_days = early.granularity == Granularity::Day && late.granularity == Granularity::Day;
    let matches = if both_days { s0 == l0 } else { s0 <= l1 && l0 <= s1 };
    if !matches {
        return None;
    }
    let shifted =
        if s0 == s1 { day_value(s0).to_string() } else { format!("{}–{}", day_value(s0), day_value(s1)) };
    let year = year_of_day(l0);
    let mut text = format!(
        "read as Old Style (Julian), {early} is {shifted} in the Gregorian calendar, which fits {late}: \
         the two differ by the {offset}-day Julian–Gregorian offset of {year}"
    );
    if let Some(r) = reference {
        if r.admits(late) && !r.admits(early) {
            text.push_str(&format!("; the reference timeline agrees with {late} (New Style)"));
            // Name the Old Style day itself when the reference gives the New Style day:
            // 2 January 1905 (N.S.) is 20 December 1904 (O.S.).
            let day = r.views.iter().find_map(|v| match (v.value.granularity, v.value.earliest) {
                (Granularity::Day, Some(d)) if v.value.latest == Some(d) => Some(d),
                _ => None,
            });
            if let Some(ns) = day {
                if let Some(os) = ns.checked_sub(offset) {
                    text.push_str(&format!("; {} (N.S.) is {} (O.S.)", day_value(ns), day_value(os)));
                }
            }
        }
    }
    Some(text)
}

/// A date read as a Japanese lunar one (`explains_lunar`).
pub struct Lunar {
    /// The lunar month: "the 7th month", "the leap 3rd month".
    pub month: String,
    /// Why: the reading and what it fits.
    pub why: String,
}

impl Lunar {
    /// The note a finding gives it.
    pub fn note(&self) -> String {
        format!("likely a Japanese lunar date: {}", self.why)
    }
}

/// If `claim`, a Gregorian month or day of 1844–1872, read as the lunar month of that
/// number (a "July" that is the 7th month) fits `other`, says so; `None` otherwise.
/// Japan dated by lunar months until the end of 1872 (`time::lunisolar`), and a lunar
/// month begins three to seven weeks after the Gregorian month of its number. A day read
/// so may be one day off (see `time::lunisolar`), and fits a day one off.
pub fn explains_lunar(claim: &TimeValue, other: &TimeValue) -> Option<Lunar> {
    let (c0, o0, o1) = (claim.earliest?, other.earliest?, other.latest?);
    let plain = claim.part.is_none() && !claim.approximate && claim.calendar == Calendar::Gregorian;
    if !plain || claim.overlaps(other) {
        return None;
    }
    let (y, m, d) = civil_from_days(c0);
    let months = crate::time::lunisolar::japanese_months(y, m);
    let (read, month) = months.iter().find_map(|month| {
        let read = match claim.granularity {
            Granularity::Month => (month.first, month.last),
            Granularity::Day => {
                let day = month.day(d)?;
                (day, day)
            }
            _ => return None,
        };
        let slack = i64::from(claim.granularity == Granularity::Day);
        (read.0 <= o1 + slack && o0 - slack <= read.1).then_some((read, month))
    })?;
    let name = format!("the {}{} month", if month.leap { "leap " } else { "" }, ordinal(m));
    let read = if read.0 == read.1 {
        day_value(read.0).to_string()
    } else {
        format!("{}–{}", day_value(read.0), day_value(read.1))
    };
    let lunar_day =
        if claim.granularity == Granularity::Day { format!("day {d} of ") } else { String::new() };
    let why = format!(
        "read as {lunar_day}{name} of the lunisolar calendar Japan used until the end of 1872, \
         {claim} is {read} in the Gregorian calendar, which fits {other}"
    );
    Some(Lunar { month: name, why })
}

/// "1st", "2nd", "3rd", "7th", "11th", "12th".
pub(crate) fn ordinal(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn day_value(day: Day) -> TimeValue {
    let (y, m, d) = civil_from_days(day);
    TimeValue::day(y, m, d)
}

static RUSSIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:russia|russian|russians|tsar|czar|tsarist|petersburg|petrograd|o\.\s?s\.|old style|julian)(?-u:\b)")
        .expect("valid regex")
});

/// Words that place a passage in Japan: where a month of the 1850s or 1860s may be a
/// lunar one.
static JAPANESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:japan|japanese|shogun|shogunate|tycoon|mikado|daimio|daimios|daimyo|daimyos|samurai|bakufu|yedo|kyoto|kioto|satsuma|choshiu|choshu|tokugawa)(?-u:\b)",
    )
    .expect("valid regex")
});

/// Whether the claim sits in a Russian context: an Old Style source or date, or Russia
/// named in its paragraph.
pub fn is_russian_context(cx: &Context<'_>, c: &Claim) -> bool {
    let Some(doc) = cx.docs.get(c.doc) else { return false };
    if doc.meta.calendar == Calendar::Julian || c.time.value.calendar == Calendar::Julian {
        return true;
    }
    cx.paragraphs.names(c.doc, c.sentence, Country::Russia, || cx.text(c.doc))
}

/// Whether the claim sits in a Japanese context: Japan named in its paragraph (a
/// shogun, Yedo, Satsuma ...).
pub fn is_japanese_context(cx: &Context<'_>, c: &Claim) -> bool {
    cx.paragraphs.names(c.doc, c.sentence, Country::Japan, || cx.text(c.doc))
}

/// Which country a paragraph is asked about.
#[derive(Debug, Clone, Copy)]
enum Country {
    Russia,
    Japan,
}

/// Where the paragraphs of a document break and where it names Russia and Japan: what
/// `is_russian_context` and `is_japanese_context` ask of a document, read once per
/// document rather than once per claim (a file of thousands of dates an offset apart was
/// read thousands of times).
/// Kept for the last `KEPT` documents asked about; shared by the checks of a run.
#[derive(Default)]
pub struct Paragraphs {
    docs: std::sync::Mutex<std::collections::VecDeque<(usize, std::sync::Arc<DocParagraphs>)>>,
}

/// Documents whose paragraphs are kept.
const KEPT: usize = 64;

struct DocParagraphs {
    len: usize,
    /// Every offset where "\n\n" starts (overlapping: "\n\n\n" gives two).
    breaks: Vec<usize>,
    /// Starts of `RUSSIAN`'s matches in the whole text (none crosses a blank line).
    russian: Vec<usize>,
    /// Starts of `JAPANESE`'s matches, the same.
    japanese: Vec<usize>,
}

impl Paragraphs {
    /// Whether the paragraph around `sentence` names `country` (`paragraph_around`).
    fn names(
        &self,
        doc: usize,
        sentence: crate::span::Span,
        country: Country,
        text: impl FnOnce() -> String,
    ) -> bool {
        let found = {
            let docs = self.docs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            docs.iter().find(|(d, _)| *d == doc).map(|(_, p)| std::sync::Arc::clone(p))
        };
        let p = match found {
            Some(p) => p,
            None => {
                let text = text();
                let bytes = text.as_bytes();
                let breaks =
                    memchr::memchr_iter(b'\n', bytes).filter(|&i| bytes.get(i + 1) == Some(&b'\n')).collect();
                let russian = RUSSIAN.find_iter(&text).map(|m| m.start()).collect();
                let japanese = JAPANESE.find_iter(&text).map(|m| m.start()).collect();
                let p = std::sync::Arc::new(DocParagraphs { len: text.len(), breaks, russian, japanese });
                let mut docs = self.docs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                if docs.len() == KEPT {
                    docs.pop_front();
                }
                docs.push_back((doc, std::sync::Arc::clone(&p)));
                p
            }
        };
        // `paragraph_around`, from the breaks: the last blank line ending at or before
        // the sentence, the first starting at or after its end.
        let start = match sentence.start.checked_sub(2) {
            Some(last) if sentence.start <= p.len => {
                let k = p.breaks.partition_point(|&b| b <= last);
                k.checked_sub(1).and_then(|k| p.breaks.get(k)).map_or(0, |b| b + 2)
            }
            _ => 0,
        };
        if sentence.end > p.len {
            return false; // the file changed since it was read: no paragraph to read
        }
        let end = p.breaks.get(p.breaks.partition_point(|&b| b < sentence.end)).copied().unwrap_or(p.len);
        let end = end.max(sentence.end);
        let named = match country {
            Country::Russia => &p.russian,
            Country::Japan => &p.japanese,
        };
        let first = named.partition_point(|&r| r < start);
        named.get(first).is_some_and(|&r| r < end)
    }
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for ((event, role), claims) in cx.index.by_event_and_role() {
        let mut buckets: BTreeMap<&str, &Claim> = BTreeMap::new();
        for c in claims.iter().copied().filter(|c| c.is_assertion() && c.time.value.is_bounded()) {
            let slot = buckets.entry(c.time.value.edtf.as_str()).or_insert(c);
            if (c.doc, c.sentence.start) < (slot.doc, slot.sentence.start) {
                *slot = c;
            }
        }
        let mut firsts: Vec<&Claim> = buckets.into_values().collect();
        // Sorted by start, each value is compared only with those starting within a month
        // and a half after it: an offset is under two weeks, so the work stays linear in
        // distinct dates however many an event has.
        firsts.sort_by_key(|c| (c.time.value.earliest, c.time.value.latest, c.doc, c.sentence.start));
        let reference = cx.rules.reference(event, role);
        for (i, a) in firsts.iter().enumerate() {
            let limit = a.time.value.latest.map(|l| l + 45);
            for b in firsts[i + 1..].iter().take_while(|b| match (b.time.value.earliest, limit) {
                (Some(e), Some(l)) => e <= l,
                _ => false,
            }) {
                let Some(why) = explains(&a.time.value, &b.time.value, reference) else { continue };
                if !is_russian_context(cx, a) && !is_russian_context(cx, b) {
                    continue;
                }
                let (old, new) = if a.time.value.earliest < b.time.value.earliest { (a, b) } else { (b, a) };
                out.push(finding(cx, old, new, event, why));
            }
        }
    }
}

fn finding(cx: &Context<'_>, old: &Claim, new: &Claim, event: usize, why: String) -> Diagnostic {
    let ev = cx.rules.event(event);
    let (to, tn) = (&old.time.value, &new.time.value);
    let place =
        if old.doc == new.doc { "in this document".to_string() } else { format!("in {}", cx.path(new.doc)) };
    Diagnostic::new(
        CALENDAR_OFFSET.code,
        cx.claim_label(old, format!("dated {to} here, likely Old Style")),
        format!("{} is dated {to} here and {tn} {place}: likely the same day in Old and New Style", ev.name),
    )
    .related(cx.claim_label(new, format!("dated {tn} here")))
    .event(ev.id.clone())
    .note(why)
    .help(match cx.reference_hint(event, old.role) {
        Some(h) => format!("mark the Old Style date \"(O.S.)\" or give the New Style date; {h}"),
        None => "mark the Old Style date \"(O.S.)\" or give the New Style date".to_string(),
    })
}

crate::warm_up!(RUSSIAN, JAPANESE);

#[cfg(test)]
mod tests {
    use super::*;

    /// The blank-line-delimited paragraph holding `span`.
    fn paragraph_around(text: &str, span: crate::span::Span) -> crate::span::Span {
        let before = text.get(..span.start).unwrap_or("");
        let start = before.rfind("\n\n").map_or(0, |i| i + 2);
        let after = text.get(span.end..).unwrap_or("");
        let end = after.find("\n\n").map_or(text.len(), |i| span.end + i);
        crate::span::Span::new(start, end.max(span.end))
    }

    /// Words that name Russia, other words, and line breaks that make and do not make
    /// paragraphs.
    const PIECES: &[&str] = &[
        "Russia ",
        "the tsar ",
        "O. S. ",
        "Yedo ",
        "the shogun. ",
        "words here ",
        "é ",
        "\n",
        "\n\n",
        "\n\n\n",
        "Russians.",
    ];

    proptest::proptest! {
        /// Paragraphs found from the breaks name Russia (or Japan) exactly when the
        /// paragraph read from the text does.
        #[test]
        fn paragraphs_from_the_index_agree_with_reading_the_text(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            at in 0usize..400,
            len in 0usize..30,
        ) {
            let text: String = pieces.concat();
            let start = at.min(text.len());
            let end = (start + len).min(text.len());
            proptest::prop_assume!(text.is_char_boundary(start) && text.is_char_boundary(end));
            let span = crate::span::Span::new(start, end);
            let paragraphs = Paragraphs::default();
            for (country, regex) in [(Country::Russia, &RUSSIAN), (Country::Japan, &JAPANESE)] {
                let expected = regex.is_match(paragraph_around(&text, span).slice(&text));
                proptest::prop_assert_eq!(paragraphs.names(0, span, country, || text.clone()), expected);
                // Asked again: from what was kept.
                proptest::prop_assert_eq!(paragraphs.names(0, span, country, String::new), expected);
            }
        }
    }
    use crate::time::PartOf;

    fn end_of_month(y: i64, m: u8) -> TimeValue {
        TimeValue { part: Some(PartOf::End), ..TimeValue::month(y, m) }
    }

    #[test]
    fn offsets_follow_the_era() {
        let cases: &[((i64, u8, u8), i64)] = &[
            ((1700, 3, 10), 10),
            ((1700, 3, 11), 10),
            ((1700, 3, 12), 11),
            ((1800, 3, 12), 11),
            ((1800, 3, 13), 12),
            ((1900, 3, 13), 12),
            ((1900, 3, 14), 13),
            ((1905, 1, 2), 13),
            ((1918, 2, 13), 13),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(julian_offset_at(days_from_civil(*y, *m, *d)), Some(*want), "{y}-{m}-{d}");
        }
    }

    #[test]
    fn port_arthur_old_style_day_is_explained_in_both_orders() {
        let (os, ns) = (TimeValue::day(1904, 12, 20), TimeValue::day(1905, 1, 2));
        let text = explains(&os, &ns, None).unwrap_or_default();
        assert!(text.contains("20 December 1904 is 2 January 1905"), "{text}");
        assert!(text.contains("13-day"), "{text}");
        assert!(explains(&ns, &os, None).is_some());
    }

    #[test]
    fn end_of_december_against_january_is_explained() {
        assert!(explains(&end_of_month(1904, 12), &TimeValue::month(1905, 1), None).is_some());
    }

    #[test]
    fn days_off_by_other_amounts_or_years_are_not_explained() {
        let cases: &[(TimeValue, TimeValue)] = &[
            (TimeValue::day(1904, 12, 20), TimeValue::day(1905, 1, 3)),
            (TimeValue::day(1904, 12, 21), TimeValue::day(1905, 1, 2)),
            (TimeValue::day(1904, 12, 20), TimeValue::day(1904, 12, 20)),
            (TimeValue::year(1904), TimeValue::year(1905)),
            (TimeValue::month(1904, 10), TimeValue::month(1905, 1)),
            // After Russia switched calendars there is no Old Style to explain.
            (TimeValue::day(1920, 1, 1), TimeValue::day(1920, 1, 14)),
        ];
        for (a, b) in cases {
            assert_eq!(explains(a, b, None), None, "{a} / {b}");
        }
    }

    /// The lunar reading of `claim` against `other`, or `None`.
    fn lunar(claim: TimeValue, other: TimeValue) -> Option<String> {
        explains_lunar(&claim, &other).map(|l| format!("{}: {}", l.month, l.why))
    }

    #[test]
    fn a_july_of_the_1860s_read_as_the_7th_month_fits_august() {
        let why = lunar(TimeValue::month(1863, 7), TimeValue::month(1863, 8)).unwrap_or_default();
        assert!(why.starts_with("the 7th month: "), "{why}");
        assert!(why.contains("14 August 1863–12 September 1863"), "{why}");
        // Nor is a reference day inside the lunar month any different.
        assert!(lunar(TimeValue::month(1863, 7), TimeValue::day(1863, 8, 15)).is_some());
    }

    #[test]
    fn a_lunar_day_fits_its_gregorian_day_or_the_next_or_the_one_before() {
        // The 2nd day of the 7th month of 1863 was 15 August.
        for (d, fits) in [(13, false), (14, true), (15, true), (16, true), (17, false)] {
            let got = lunar(TimeValue::day(1863, 7, 2), TimeValue::day(1863, 8, d));
            assert_eq!(got.is_some(), fits, "15 August against {d} August: {got:?}");
        }
        let why = lunar(TimeValue::day(1863, 7, 2), TimeValue::day(1863, 8, 15)).unwrap_or_default();
        assert!(why.contains("day 2 of the 7th month"), "{why}");
    }

    #[test]
    fn a_leap_month_is_read_when_the_month_itself_does_not_fit() {
        // 1860 repeated its 3rd month; the second one ran into May.
        let why = lunar(TimeValue::month(1860, 3), TimeValue::month(1860, 5)).unwrap_or_default();
        assert!(why.starts_with("the leap 3rd month: "), "{why}");
    }

    #[test]
    fn only_plain_months_and_days_of_1844_to_1872_are_read_as_lunar() {
        let julian = TimeValue { calendar: Calendar::Julian, ..TimeValue::month(1863, 7) };
        let early = TimeValue { part: Some(PartOf::Start), ..TimeValue::month(1863, 7) };
        let cases = [
            // After the switch, and before the Tenpō calendar.
            (TimeValue::month(1877, 7), TimeValue::month(1877, 8)),
            (TimeValue::month(1843, 7), TimeValue::month(1843, 8)),
            // Years, an overlap, two months too far, a part of a month, an Old Style month.
            (TimeValue::year(1863), TimeValue::month(1863, 8)),
            (TimeValue::month(1863, 8), TimeValue::month(1863, 8)),
            (TimeValue::month(1863, 7), TimeValue::month(1863, 10)),
            (early, TimeValue::month(1863, 8)),
            (julian, TimeValue::month(1863, 8)),
            // The lunar month is later than its Gregorian namesake, never earlier.
            (TimeValue::month(1863, 9), TimeValue::month(1863, 8)),
        ];
        for (claim, other) in cases {
            assert_eq!(lunar(claim.clone(), other.clone()), None, "{claim} against {other}");
        }
    }

    /// One document per text (written to a temporary folder, as the cross-document stage
    /// reads texts again from their files), each with one claim about event 0 (role end)
    /// whose time is `value`, spanning the whole text.
    fn run_on(texts: &[(&str, TimeValue)]) -> Vec<Diagnostic> {
        use crate::claims::ClaimIndex;
        use crate::engine::DocRecord;
        use crate::rules::{Event, Role, RuleBook};
        use crate::span::Span;
        use crate::time::TimeExpr;
        let rules = RuleBook {
            events: vec![Event {
                id: "surrender-of-port-arthur".into(),
                name: "the surrender of Port Arthur".into(),
                aliases: Vec::new(),
                descriptions: Vec::new(),
                kind: String::new(),
                dates: Vec::new(),
                origin: Default::default(),
            }],
            ..RuleBook::default()
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let mut docs = Vec::new();
        let mut claims = Vec::new();
        for (i, (text, value)) in texts.iter().enumerate() {
            let path = dir.path().join(format!("doc{i}.txt"));
            std::fs::write(&path, text).expect("write");
            let span = Span::new(0, text.len());
            claims.push(Claim {
                doc: i,
                event: 0,
                role: Role::End,
                time: TimeExpr { span, value: value.clone(), written: None, anchor: None },
                sentence: span,
                event_span: span,
                citations: Vec::new(),
                quoted: false,
                hypothetical: false,
                repeated: false,
                attributed_to: None,
                text_key: 0,
            });
            docs.push(DocRecord {
                doc: i,
                path: path.to_string_lossy().into_owned(),
                ..DocRecord::default()
            });
        }
        let index = ClaimIndex::build(claims);
        let policy = crate::config::TrustPolicies::default();
        let cx = Context::new(&rules, &index, &docs, &policy, &[]);
        let mut out = Vec::new();
        run(&cx, &mut out);
        for d in &mut out {
            for l in std::iter::once(&mut d.primary).chain(d.related.iter_mut()) {
                l.file = l.file.rsplit('/').next().unwrap_or_default().to_string();
            }
        }
        out
    }

    #[test]
    fn port_arthur_end_of_december_and_january_make_one_finding_on_the_old_style_claim() {
        let out = run_on(&[
            ("Port Arthur fell to Russia's enemy at the end of December 1904.", end_of_month(1904, 12)),
            ("The port itself surrendered in January 1905.", TimeValue::month(1905, 1)),
        ]);
        assert_eq!(out.len(), 1, "{out:?}");
        let d = &out[0];
        assert_eq!(d.primary.file, "doc0.txt");
        assert!(d.message.contains("December 1904") && d.message.contains("January 1905"), "{}", d.message);
        assert!(d.notes.iter().any(|n| n.contains("13-day")), "{:?}", d.notes);
        assert_eq!(d.related.first().map(|l| l.file.as_str()), Some("doc1.txt"));
    }

    #[test]
    fn without_a_russian_context_nothing_is_said() {
        let out = run_on(&[
            ("The port fell at the end of December 1904.", end_of_month(1904, 12)),
            ("The port itself surrendered in January 1905.", TimeValue::month(1905, 1)),
        ]);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn nineteenth_century_offset_is_twelve_days() {
        assert!(explains(&TimeValue::day(1861, 2, 19), &TimeValue::day(1861, 3, 3), None).is_some());
        assert_eq!(explains(&TimeValue::day(1861, 2, 19), &TimeValue::day(1861, 3, 4), None), None);
    }
}
