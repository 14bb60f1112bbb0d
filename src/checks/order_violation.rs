//! `order-violation`: an asserted claim that dates an event before an event it depends on
//! (rules/ `[[dependency]]`), judged against the other event's reference date, or failing
//! that against every claim the corpus makes about it.

use crate::checks::{declare_check, Context};
use crate::claims::Claim;
use crate::config::Level;
use crate::diagnostic::Diagnostic;
use crate::rules::{Dependency, EventId, Role};
use crate::time::{Day, TimeValue};

declare_check! {
    /// ## What it does
    /// For each dependency in rules/ (`before` must precede `after`: a revision after the
    /// treaty it revised, a surrender after the siege began), flags an asserted claim
    /// about `after` whose latest possible day falls before the earliest possible day of
    /// `before`. `before` is dated by its reference date when the rules have one, else
    /// by the claims the corpus makes about it (all of them must come later). When the
    /// same claim also conflicts with another passage about its own event, the finding
    /// says so, so that it reads as one problem and not two.
    ///
    /// ## Why it matters
    /// A date that puts an effect before its cause is wrong whatever the sources say,
    /// and it often shows which of two conflicting dates is the mistake.
    ///
    /// ## Example
    /// ```text
    /// encyclopedia.txt: ...in 1894 Russia joined Germany and France in forcing Japan to
    ///                   soften the peace terms it imposed on China.
    /// reference:        the Treaty of Shimonoseki, 17 April 1895
    /// ```
    /// The Triple Intervention revised the Treaty of Shimonoseki, so it cannot be dated
    /// before it: correct the date and cite the source.
    pub static ORDER_VIOLATION = ("order-violation", Level::Deny, Some(run));
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for dep in &cx.rules.dependencies {
        let Some(bound) = lower_bound(cx, dep.before) else { continue };
        let mut seen = std::collections::BTreeSet::new();
        for claim in cx.index.about(dep.after.0).filter(|c| bounds_after(c.role, dep.after.1)) {
            if !claim.is_assertion() {
                continue;
            }
            let Some(latest) = claim.time.value.latest else { continue };
            // One finding per distinct passage; repeats of the same words count once.
            if latest < bound.day && seen.insert((claim.doc, claim.sentence.start, claim.time.span)) {
                out.push(finding(cx, dep, claim, &bound));
            }
        }
    }
}

/// Whether a claim of `role` about an event says something about its `dep_role` time
/// from below: every part of an event comes at or after its start.
fn bounds_after(claim_role: Role, dep_role: Role) -> bool {
    match dep_role {
        Role::Start | Role::Point | Role::Span => true,
        Role::End => matches!(claim_role, Role::End | Role::Point),
    }
}

/// The earliest day `before` can have happened, and what says so.
struct Bound<'c> {
    day: Day,
    value: TimeValue,
    /// The reference source, when the bound comes from rules/.
    source: Option<String>,
    /// A corpus passage about `before` that agrees with the bound.
    passage: Option<&'c Claim>,
}

fn lower_bound<'c>(cx: &'c Context<'_>, (event, role): (EventId, Role)) -> Option<Bound<'c>> {
    let fits = |c: &&Claim| {
        c.is_assertion()
            && (c.role == role || c.role == Role::Point || (role == Role::Start && c.role == Role::Span))
    };
    let reference = cx.rules.reference(event, role).or_else(|| match role {
        Role::Point => cx.rules.reference(event, Role::Start),
        _ => None,
    });
    if let Some(r) = reference {
        // Where views disagree, the earliest one: flag only what every view rules out.
        let view = r.views.iter().filter(|v| v.value.earliest.is_some()).min_by_key(|v| v.value.earliest)?;
        let day = view.value.earliest?;
        let passage = cx.index.about(event).filter(fits).find(|c| r.admits(&c.time.value));
        return Some(Bound { day, value: view.value.clone(), source: Some(view.source.clone()), passage });
    }
    let claims: Vec<&Claim> =
        cx.index.about(event).filter(fits).filter(|c| c.time.value.earliest.is_some()).collect();
    let first = claims.iter().copied().min_by_key(|c| c.time.value.earliest)?;
    Some(Bound {
        day: first.time.value.earliest?,
        value: first.time.value.clone(),
        source: None,
        passage: Some(first),
    })
}

fn finding(cx: &Context<'_>, dep: &Dependency, claim: &Claim, bound: &Bound<'_>) -> Diagnostic {
    let (after, before) = (cx.rules.event(dep.after.0), cx.rules.event(dep.before.0));
    let t = &claim.time.value;
    let mut d = Diagnostic::new(
        ORDER_VIOLATION.code,
        cx.claim_label(claim, format!("dated {t} here")),
        format!("{} is dated {t} here, before {} ({})", after.name, before.name, bound.value),
    )
    .event(after.id.clone())
    .note(format!("{} must come after {}: {}", after.name, before.name, dep.why));
    if let Some(p) = bound.passage {
        d = d.related(cx.claim_label(p, format!("{} dated {} here", before.name, p.time.value)));
    }
    // The same words are usually also a date-conflict with another passage about the
    // same event: say so, on the same primary span, so the two read as one problem.
    let other = cx
        .index
        .about(dep.after.0)
        .filter(|c| c.is_assertion() && c.role == claim.role && c.time.value.is_bounded())
        .find(|c| !c.time.value.overlaps(t) && c.time.value.latest.is_some_and(|l| l >= bound.day));
    if let Some(o) = other {
        let place = if o.doc == claim.doc { "this document".to_string() } else { cx.path(o.doc).to_string() };
        d = d
            .related(cx.claim_label(o, format!("{} dated {} here", after.name, o.time.value)))
            .note(format!(
                "this is also the date that conflicts with {} in {place} (date-conflict); that date fits the order",
                o.time.value
            ));
    }
    let cite = match &bound.source {
        Some(s) => format!("the reference timeline dates {} {} (source: {s})", before.name, bound.value),
        None => format!("the corpus dates {} {} at the earliest", before.name, bound.value),
    };
    d.help(format!(
        "date {} after {}; {cite}; the order is stated in {}",
        after.name, before.name, dep.source
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::ClaimIndex;
    use crate::rules::{Event, Origin, RefDate, RuleBook, View};
    use crate::span::Span;
    use crate::time::TimeExpr;

    fn event(id: &str, views: &[(TimeValue, &str)]) -> Event {
        Event {
            id: id.into(),
            name: id.into(),
            aliases: Vec::new(),
            descriptions: Vec::new(),
            kind: String::new(),
            dates: if views.is_empty() {
                Vec::new()
            } else {
                vec![RefDate {
                    role: Role::Point,
                    views: views
                        .iter()
                        .map(|(v, s)| View { value: v.clone(), source: (*s).into(), note: None })
                        .collect(),
                    disputed: views.len() > 1,
                    origin: Origin::default(),
                }]
            },
            origin: Origin::default(),
        }
    }

    /// Runs the check over one document whose claims are (event, time, quoted).
    fn run_on(events: Vec<Event>, claims: &[(usize, TimeValue, bool)]) -> Vec<Diagnostic> {
        let rules = RuleBook {
            events,
            dependencies: vec![Dependency {
                before: (0, Role::Point),
                after: (1, Role::Point),
                why: "it revised the treaty".into(),
                source: "test".into(),
                origin: Origin::default(),
            }],
            ..RuleBook::default()
        };
        let claims: Vec<Claim> = claims
            .iter()
            .enumerate()
            .map(|(i, (event, value, quoted))| {
                let span = Span::new(i * 10, i * 10 + 9);
                Claim {
                    doc: 0,
                    event: *event,
                    role: Role::Point,
                    time: TimeExpr { span, value: value.clone(), written: None, anchor: None },
                    sentence: span,
                    event_span: span,
                    citations: Vec::new(),
                    quoted: *quoted,
                    hypothetical: false,
                    repeated: false,
                    attributed_to: None,
                    text_key: 0,
                }
            })
            .collect();
        let docs = vec![crate::engine::DocRecord { path: "doc.txt".into(), ..Default::default() }];
        let index = ClaimIndex::build(claims);
        let policy = crate::config::TrustPolicies::default();
        let cx = Context::new(&rules, &index, &docs, &policy, &[]);
        let mut out = Vec::new();
        run(&cx, &mut out);
        out
    }

    #[test]
    fn a_revision_dated_before_the_reference_treaty_is_flagged_once_and_linked_to_its_conflict() {
        let events = vec![
            event("treaty", &[(TimeValue::day(1895, 4, 17), "ref")]),
            event("revision", &[(TimeValue::day(1895, 4, 23), "ref")]),
        ];
        let out = run_on(
            events,
            &[
                (1, TimeValue::year(1894), false),
                (1, TimeValue::year(1895), false),
                (0, TimeValue::year(1895), false),
            ],
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].primary.span, Span::new(0, 9));
        assert!(
            out[0].message.contains("1894") && out[0].message.contains("17 April 1895"),
            "{}",
            out[0].message
        );
        assert!(out[0].notes.iter().any(|n| n.contains("date-conflict")), "{:?}", out[0].notes);
    }

    #[test]
    fn quoted_claims_and_claims_that_a_disputed_view_allows_are_not_flagged() {
        // One view puts the treaty in 1893: a revision in 1894 is after it on that view.
        let events = vec![
            event("treaty", &[(TimeValue::year(1895), "a"), (TimeValue::year(1893), "b")]),
            event("revision", &[]),
        ];
        assert!(run_on(events, &[(1, TimeValue::year(1894), false)]).is_empty());
        let events = vec![event("treaty", &[(TimeValue::year(1895), "a")]), event("revision", &[])];
        assert!(run_on(events, &[(1, TimeValue::year(1894), true)]).is_empty());
    }

    #[test]
    fn without_a_reference_every_corpus_date_of_the_earlier_event_must_be_later() {
        let events = vec![event("siege", &[]), event("surrender", &[])];
        let out = run_on(
            events,
            &[
                (0, TimeValue::year(1904), false),
                (0, TimeValue::year(1902), false),
                (1, TimeValue::year(1903), false),
            ],
        );
        // 1903 is after the corpus's earliest siege date (1902): not provably out of order.
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn every_part_of_an_event_bounds_its_start_but_only_ends_bound_its_end() {
        assert!(bounds_after(Role::Span, Role::Start));
        assert!(bounds_after(Role::End, Role::Point));
        assert!(bounds_after(Role::Point, Role::End));
        assert!(!bounds_after(Role::Start, Role::End));
        assert!(!bounds_after(Role::Span, Role::End));
    }
}
