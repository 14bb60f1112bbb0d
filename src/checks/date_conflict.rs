//! `date-conflict`: two claims that date the same event and role incompatibly.

use crate::checks::{declare_check, Context};
use crate::claims::{unwritten_note, Claim};
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Role, View};
use crate::time::TimeValue;
use std::collections::BTreeMap;

declare_check! {
    /// ## What it does
    /// Flags two claims about the same event and role whose times cannot both be true,
    /// within one document or across documents. Claims that are quoted, hypothetical or
    /// verbatim repeats are not assertions and are left out; one finding is made per
    /// pair of distinct dates, not per pair of sentences. For an event the rules date as
    /// a span (a war, a rebellion), or at a point that lasted days (a battle), a year or
    /// day inside it says the event was going on then: "the war of 1894" and "the war of
    /// 1895" agree; a time outside the span conflicts with them. For an event the rules
    /// date only by its start, two such times after the start may both be true, and are
    /// not flagged (so for one dated only by its end, before it). Two dates that may be
    /// one day in two calendars are a warning with a note: twelve days apart in a
    /// Russian context (Old and New Style), or a month of 1844–1872 in a Japanese one
    /// that, read as the lunar month of its number, is the other date. Two dates that are
    /// the two sides of a dispute the rules record (the Boxer rising began in the autumn
    /// of 1899 for one historian, in June 1900 for others) are a warning that names whose
    /// side each follows: neither is wrong, but the corpus should say which view it takes.
    ///
    /// ## Why it matters
    /// A reader who meets both passages cannot tell which date to trust, and a corpus
    /// that contradicts itself loses the trust of every reader who notices.
    ///
    /// ## Example
    /// ```text
    /// encyclopedia.txt: ...and in 1894 Russia joined Germany and France in forcing Japan...
    /// encyclopedia.txt: In 1895, Japan felt robbed ... which revised the Treaty of Shimonoseki.
    /// ```
    /// Keep one date and cite it, or record the dispute in rules/. Silence one finding
    /// with `chronolint: allow(date-conflict) reason` in a comment on the line before.
    pub static DATE_CONFLICT = ("date-conflict", Level::Deny, Some(run));
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for ((event, role), claims) in cx.index.by_event_and_role() {
        // Bucket by value: repeated sentences and agreeing sources collapse into one
        // bucket, so the work is linear in claims and one finding is made per pair of
        // distinct dates.
        let mut buckets: BTreeMap<&str, Vec<&Claim>> = BTreeMap::new();
        for c in claims.iter().copied().filter(|c| c.is_assertion() && c.time.value.is_bounded()) {
            buckets.entry(c.time.value.edtf.as_str()).or_default().push(c);
        }
        if buckets.len() < 2 {
            continue;
        }
        // The anchor is the bucket the reference admits (or does not rule out), else the
        // best attested one, else the earliest in the corpus; every bucket incompatible
        // with it is one finding.
        let reference = cx.rules.reference_or_span_end(event, role);
        let reference = reference.as_deref();
        let first_pos = |b: &Vec<&Claim>| b.iter().map(|c| (c.doc, c.sentence.start)).min();
        let anchor = buckets
            .values()
            .max_by_key(|b| {
                // Where the rules do not date this role, a time they still rule out (before
                // the event began, `claims::outside`) is no anchor.
                let admitted = match reference {
                    Some(r) => r.admits(&b[0].time.value),
                    None => crate::claims::outside(b[0], cx.rules).is_none(),
                };
                let pos = first_pos(b).unwrap_or_default();
                (admitted, b.len(), std::cmp::Reverse(pos))
            })
            .and_then(|b| b.first().copied());
        let Some(anchor) = anchor else { continue };
        for bucket in buckets.values() {
            let Some(&claim) = bucket.iter().min_by_key(|c| (c.doc, c.sentence.start)) else { continue };
            if claim.time.value.overlaps(&anchor.time.value)
                || claim.time.value.within_lunar_slack(&anchor.time.value)
            {
                continue;
            }
            // Under an event the rules date as a span, a time that is no range says the
            // event was going on then: two such times inside the span do not contradict
            // each other ("the Taiping rebellion of 1854", "during the Taiping rebellion in
            // October, 1856"). So for an event at a point that lasted days, as the rules
            // write it ("1904-02-08/1904-02-09": the night attack on Port Arthur): its
            // first day and its second agree. A time outside still conflicts with one
            // inside.
            let lasting = reference.map_or(&[][..], |r| r.views.as_slice());
            let inside = |c: &Claim, v: &crate::rules::View| {
                !c.time.value.is_range()
                    && (role == Role::Span || v.value.is_range())
                    && v.value.overlaps(&c.time.value)
            };
            if matches!(role, Role::Span | Role::Point)
                && lasting.iter().any(|v| inside(claim, v) && inside(anchor, v))
            {
                continue;
            }
            // Under an event the rules date only by its start (or only by its end), two
            // points on the open side may both be true (`claims::both_may_hold`).
            if crate::claims::both_may_hold(claim, anchor, cx.rules) {
                continue;
            }
            // Count passages, not mentions: one sentence may name the event twice.
            let passages: std::collections::BTreeSet<_> =
                bucket.iter().map(|c| (c.doc, c.sentence.start)).collect();
            out.push(conflict(cx, claim, anchor, event, role, passages.len()));
        }
    }
}

fn conflict(cx: &Context<'_>, a: &Claim, b: &Claim, event: usize, role: Role, same: usize) -> Diagnostic {
    let ev = cx.rules.event(event);
    let (ta, tb) = (&a.time.value, &b.time.value);
    let place =
        if a.doc == b.doc { "later in this document".to_string() } else { cx.path(b.doc).to_string() };
    let place = if a.doc == b.doc && b.sentence.start < a.sentence.start {
        "earlier in this document".to_string()
    } else {
        place
    };
    let what = ev.in_role(role);
    let mut d = Diagnostic::new(
        DATE_CONFLICT.code,
        cx.claim_label(a, format!("dated {ta} here")),
        format!("{what} is dated {ta} here but {tb} {}{place}", if a.doc == b.doc { "" } else { "in " }),
    )
    .related(cx.claim_label(b, format!("dated {tb} here")))
    .event(ev.id.clone());
    if same > 1 {
        d = d.note(format!("{same} passages give {ta}; the first is shown"));
    }
    let unwritten = [unwritten_note(&a.time, "here"), unwritten_note(&b.time, "of the other passage")];
    for note in unwritten.into_iter().flatten() {
        d = d.note(note);
    }
    // Twelve or thirteen days apart in a Russian context: likely one day in Old and New
    // Style. Still a conflict (the text should say which), but a softer one.
    let reference = cx.rules.reference_or_span_end(event, role);
    let reference = reference.as_deref();
    let old_style = super::calendar_offset::explains(ta, tb, reference).filter(|_| {
        super::calendar_offset::is_russian_context(cx, a) || super::calendar_offset::is_russian_context(cx, b)
    });
    if let Some(why) = &old_style {
        d = d
            .note(format!("likely the same day in Old Style and New Style: {why}"))
            .at_most(Severity::Warning);
    }
    // A month or day of 1844–1872 that read as a Japanese lunar month is the other date,
    // in a Japanese context: likely the same month in two calendars. Softer too.
    let lunar = [(a, tb), (b, ta)].into_iter().filter(|_| old_style.is_none()).find_map(|(c, other)| {
        let lunar = super::calendar_offset::explains_lunar(&c.time.value, other)?;
        super::calendar_offset::is_japanese_context(cx, c).then_some(lunar)
    });
    if let Some(lunar) = lunar {
        d = d.note(lunar.note()).at_most(Severity::Warning);
    }
    // Historians disagree and the rules record it, each date on its own side: the corpus
    // follows both sides without saying so. Still a conflict for the reader of both
    // passages, but neither date is wrong, so a warning, and the advice is to say which
    // view each passage takes, not to pick one.
    let sides = reference.and_then(|r| two_sides(&r.views, ta, tb));
    if let Some((va, vb)) = sides {
        d = d
            .note(format!(
                "each date follows one side of the dispute recorded in rules/: {ta} that of {}, {tb} that of {}",
                authors(&va.source),
                authors(&vb.source)
            ))
            .at_most(Severity::Warning);
    }
    let advice = match reference {
        Some(_) if sides.is_some() => "say in each passage which view it follows and cite it".to_string(),
        Some(r) if r.is_disputed() && !r.admits(ta) => {
            format!("keep one date and cite it, or, if a source gives {ta}, add it to rules/ as a view with that source")
        }
        _ => "keep one date and cite it, or record the dispute in rules/".to_string(),
    };
    match cx.reference_hint(event, role) {
        Some(h) => d.help(format!("{h}; {advice}")),
        None => d.help("keep one date and cite its source, or record the dispute in rules/"),
    }
}

/// The views of a disputed reference that `a` and `b` each fall in, where no one view
/// allows both: the two dates are the two sides of the dispute.
fn two_sides<'r>(views: &'r [View], a: &TimeValue, b: &TimeValue) -> Option<(&'r View, &'r View)> {
    if views.len() < 2 || views.iter().any(|v| v.value.overlaps(a) && v.value.overlaps(b)) {
        return None;
    }
    let side = |t: &TimeValue| views.iter().find(|v| v.value.overlaps(t));
    Some((side(a)?, side(b)?))
}

/// The authors of a view's source ("Joseph W. Esherick, The Origins of ... (1987)";
/// "Encyclopaedia Britannica, 'Boxer Rebellion'; Peter Fleming, ..."): what comes before
/// the first comma of each source, joined with "and".
fn authors(source: &str) -> String {
    let names: Vec<&str> = source
        .split(';')
        .map(|s| s.split(',').next().unwrap_or(s).trim())
        .filter(|s| !s.is_empty())
        .collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => source.to_string(),
    }
}
