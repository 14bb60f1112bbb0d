//! `reference-mismatch`: a claim that contradicts the reference timeline.

use crate::checks::{declare_check, Context};
use crate::claims::Claim;
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::rules::{EventId, RefDate, Role, Side};
use std::collections::BTreeSet;

declare_check! {
    /// ## What it does
    /// Flags an asserted claim whose time no reference date of the same event and role
    /// allows. A range given for an event the rules date as a span must fall inside it
    /// at both ends, each read at the precision it is written in: "the war (1904–1906)"
    /// overlaps 1904/1905 but says the war lasted a year longer. A single time given for
    /// such an event that lies wholly outside the span is said to be before it began or
    /// after it ended, with the start or end where the rules date it. Where reference works
    /// disagree, a claim that matches any side passes here (`unsupported-claim` asks for
    /// a citation instead). A day or month written without its year ("On January 2")
    /// takes the year of the date before it; where only that guessed year disagrees, and
    /// the year next to it agrees, the text does not contradict the reference and the
    /// claim is read in that year. A date the text
    /// counts from another ("two years later", "150 years ago") is flagged like a written
    /// one, and a note says what it was counted from: the error may be that date's. A
    /// hedged count is a round figure: "some 150 years ago" allows a tenth of it either
    /// side. A date that the reference allows once converted is a warning with a note: an
    /// Old Style date in a Russian context, or, in a Japanese one, a month or day of
    /// 1844–1872 read as the lunar month of its number ("in July, 1863" for the 7th
    /// month, which began on 14 August).
    ///
    /// ## Why it matters
    /// The reference timeline in rules/ records what sourced histories say; a claim
    /// outside it is either a mistake or a finding worth a citation.
    ///
    /// ## Example
    /// ```text
    /// encyclopedia.txt: ...in 1894 Russia joined Germany and France in forcing Japan...
    /// reference:        the Triple Intervention, 23 April 1895 (Nish 1985, p. 25)
    /// ```
    /// Correct the date, or if the text is right, fix the rule and cite the source.
    pub static REFERENCE_MISMATCH = ("reference-mismatch", Level::Deny, Some(run));
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for ((event, role), claims) in cx.index.by_event_and_role() {
        if let Some(reference) = cx.rules.reference(event, role) {
            compare(cx, (event, role), reference, None, &claims, out);
            continue;
        }
        outside(cx, (event, role), &claims, out);
        // A start or an end inside the span the rules give, but not at its end: "the Battle
        // of Mukden began on 1 March 1905" lies within 20 February – 10 March 1905, so
        // `outside` lets it pass, but the span says when the battle began.
        let Some(derived) = cx.rules.end_of_span(event, role) else { continue };
        let inside: Vec<&Claim> =
            claims.iter().copied().filter(|c| crate::claims::outside(c, cx.rules).is_none()).collect();
        compare(cx, (event, role), &derived, cx.rules.reference(event, Role::Span), &inside, out);
    }
}

/// Claims of (event, role) against `reference`. `span` is the span it was taken from when
/// the rules give no date of that role: such a finding is a warning with a note that says
/// so, since the rule's author dated the event's course, not its start or end, and where
/// they are uncertain the span's ends are a convention (the Russian Civil War "1917–1922").
fn compare(
    cx: &Context<'_>,
    (event, role): (EventId, Role),
    reference: &RefDate,
    span: Option<&RefDate>,
    claims: &[&Claim],
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = BTreeSet::new();
    for c in claims.iter().filter(|c| c.is_assertion() && c.time.value.is_bounded()) {
        // A range is allowed when both its ends are, not only when it touches the span.
        let sticks_out = reference.ends_outside(&c.time.value);
        let lunar_slack = reference.views.iter().any(|v| v.value.within_lunar_slack(&c.time.value));
        if (reference.admits(&c.time.value) && sticks_out.is_empty())
            || lunar_slack
            || !seen.insert((c.doc, c.time.value.edtf.clone(), c.text_key))
        {
            continue;
        }
        let ev = cx.rules.event(event);
        let (views, sources) = shown(reference);
        // A date the Julian–Gregorian offset away from the reference, in a Russian
        // context, is likely the Old Style date of the same day: say so, and soften.
        let old_style = reference
            .views
            .iter()
            .find_map(|v| super::calendar_offset::explains(&c.time.value, &v.value, Some(reference)))
            .filter(|_| super::calendar_offset::is_russian_context(cx, c));
        // A month or day of 1844–1872 that fits the reference read as the lunar month
        // of its number, in a Japanese context: likely a lunar date ("in July, 1863"
        // for the 7th month, which began on 14 August). The same: say so, and soften.
        let lunar = reference
            .views
            .iter()
            .find_map(|v| super::calendar_offset::explains_lunar(&c.time.value, &v.value))
            .filter(|_| old_style.is_none() && super::calendar_offset::is_japanese_context(cx, c));
        // A time given for an event the rules date as a span, wholly before or after it:
        // say which, and when it began or ended where the rules say ("the 1848 Taiping
        // rebellion": before it began, 1850–1864).
        let side = (role == Role::Span && !c.time.value.is_range())
            .then(|| cx.rules.outside(event, &c.time.value))
            .flatten()
            .map(|(side, _)| side);
        let when = match side {
            Some(Side::Before) => ", before it began:",
            Some(Side::After) => ", after it ended:",
            None => " but",
        };
        let mut d = Diagnostic::new(
            REFERENCE_MISMATCH.code,
            cx.claim_label(c, format!("dated {} here", c.time.value)),
            // The role named: an end compared with the reference's end reads as one
            // ("the end of the Battle of Mukden is dated 13 March 1905").
            format!(
                "{} is dated {} here{when} the reference timeline gives {}",
                ev.in_role(role),
                c.time.value,
                views
            ),
        )
        .event(ev.id.clone())
        .help(format!("correct the date to {} (source: {})", views, sources));
        let bound = match side {
            Some(Side::Before) => cx.rules.reference(event, Role::Start).map(|r| ("began", r)),
            Some(Side::After) => cx.rules.reference(event, Role::End).map(|r| ("ended", r)),
            None => None,
        };
        if let Some((verb, bound)) = bound {
            let (at, from) = shown(bound);
            d = d.note(format!("it {verb} {at} (source: {from})"));
        }
        if let Some(note) = crate::claims::unwritten_note(&c.time, "here") {
            d = d.note(note);
        }
        if reference.admits(&c.time.value) {
            let ends: Vec<String> = sticks_out.iter().map(ToString::to_string).collect();
            match ends.as_slice() {
                [] => {}
                [one] => {
                    d = d.note(format!("the range overlaps the reference, but its end {one} lies outside it"))
                }
                _ => {
                    d = d.note(format!(
                        "the range overlaps the reference, but both its ends, {}, lie outside it",
                        ends.join(" and ")
                    ))
                }
            }
        }
        if let Some(why) = old_style {
            d = d
                .note(format!("likely an Old Style date: {why}"))
                .help(format!(
                    "mark it \"(O.S.)\" or give the New Style date {} (source: {})",
                    views, sources
                ))
                .at_most(crate::diagnostic::Severity::Warning);
        }
        if let Some(lunar) = lunar {
            d = d
                .note(lunar.note())
                .help(format!(
                    "say it is {} of the lunar calendar, or give the Gregorian date {} (source: {})",
                    lunar.month, views, sources
                ))
                .at_most(crate::diagnostic::Severity::Warning);
        }
        if let Some(span) = span {
            let (whole, _) = shown(span);
            let side = if role == Role::End { "ends" } else { "begins" };
            d = d
                .note(format!(
                    "the rules give {}, only its span, {whole}: this is where the span {side}",
                    ev.undated(role)
                ))
                .note(format!(
                    "if {} is uncertain or disputed, add it to rules/ as {} date with each view and its source",
                    ev.in_role(role),
                    if role == Role::End { "an `end`" } else { "a `start`" }
                ))
                .at_most(crate::diagnostic::Severity::Warning);
        }
        out.push(d);
    }
}

/// Claims of an (event, role) that the rules do not date, but that lie wholly before the
/// event's start or after its end as the rules date them (`RuleBook::outside`): "the March
/// First Movement of 1918", when the rules give only its start, 1 March 1919.
fn outside(cx: &Context<'_>, (event, role): (EventId, Role), claims: &[&Claim], out: &mut Vec<Diagnostic>) {
    // Claims are as the index holds them: canonical event and role, as `outside` wants.
    let mut seen = BTreeSet::new();
    for c in claims.iter().filter(|c| c.is_assertion() && c.time.value.is_bounded()) {
        let Some((side, reference)) = crate::claims::outside(c, cx.rules) else { continue };
        if !seen.insert((c.doc, c.time.value.edtf.clone(), c.text_key)) {
            continue;
        }
        let ev = cx.rules.event(event);
        let (views, sources) = shown(reference);
        let (when, whose) = match (side, reference.role) {
            (Side::Before, Role::Start) => ("before it began", "its start"),
            (Side::After, Role::End) => ("after it ended", "its end"),
            (Side::Before, _) => ("before it began", "it"),
            (Side::After, _) => ("after it ended", "it"),
        };
        let t = &c.time.value;
        let mut d = Diagnostic::new(
            REFERENCE_MISMATCH.code,
            cx.claim_label(c, format!("dated {t} here")),
            format!("{} is dated {t} here, {when}: the reference timeline dates {whose} {views}", ev.name),
        )
        .event(ev.id.clone())
        .help(format!("correct the date (source: {sources})"))
        .note(format!(
            "the rules give {} to compare with, but {t} lies wholly {} {views}",
            ev.undated(role),
            if side == Side::Before { "before" } else { "after" },
        ));
        if let Some(note) = crate::claims::unwritten_note(&c.time, "here") {
            d = d.note(note);
        }
        out.push(d);
    }
}

/// A reference's views ("5 September 1905", "autumn 1899 or June 1900") and their sources,
/// as messages show them.
fn shown(reference: &RefDate) -> (String, String) {
    let sources: Vec<String> = reference.views.iter().map(|v| v.source.clone()).collect();
    (reference.values(), sources.join("; "))
}
