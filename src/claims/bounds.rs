//! What the rules say of a claim whose role they do not date. The rules may date an event
//! only by its start ("the March First Movement", 1 March 1919), only by its end, or
//! only as a span, and a claim of another role has no reference date to be compared
//! with. It is still bounded: an event happens after it begins and before it ends.

use super::guessed::{year_guessed, REACH};
use super::Claim;
use crate::rules::{RefDate, Role, RuleBook, Side};

/// `RuleBook::outside` for a claim whose (canonical) event and role the rules do not date:
/// the reference date its time lies wholly before or after. A year read from the date
/// before, where the year next to it would not be outside, is not: what the text wrote
/// does not contradict the rules (as in `guessed::settled`).
pub fn outside<'r>(claim: &Claim, rules: &'r RuleBook) -> Option<(Side, &'r RefDate)> {
    let found = rules.outside(claim.event, &claim.time.value)?;
    let near =
        |k: i64| claim.time.value.moved_by_years(k).is_some_and(|v| rules.outside(claim.event, &v).is_none());
    (!(year_guessed(&claim.time) && REACH.iter().any(|&k| near(k)))).then_some(found)
}

/// Whether two point claims (canonical, of one event) may both be true because the rules
/// date the event only by its start or only by its end, and both lie on the open side:
/// "the Provisional Government of 1919" and "the Provisional Government in 1925". How
/// long the event lasted is not known, so neither contradicts the other. Where the rules
/// give both ends, a point between them is as often a phase the text names ("completed in
/// 1899", read as a point) as the event going on, and points are compared as they are.
pub fn both_may_hold(a: &Claim, b: &Claim, rules: &RuleBook) -> bool {
    let Some(event) = rules.events.get(a.event) else { return false };
    let has = |r: Role| event.dates.iter().any(|d| d.role == r);
    let open_side = |c: &Claim| !c.time.value.is_range() && outside(c, rules).is_none();
    a.event == b.event
        && a.role == Role::Point
        && b.role == Role::Point
        && !has(Role::Point)
        && !has(Role::Span)
        && has(Role::Start) != has(Role::End)
        && open_side(a)
        && open_side(b)
}
