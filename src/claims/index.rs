//! `ClaimIndex`: every claim of the run, grouped by event and role, in a stable order.

use super::Claim;
use crate::rules::{EventId, Role, RuleBook};
use crate::span::Span;
use std::collections::{BTreeMap, HashSet};

/// Makes claims as they are compared, with the rules and with each other, and as
/// `ClaimIndex::build` takes them: each one's event and role canonical
/// (`RuleBook::canonical`: "the surrender of Port Arthur" is the end of the siege), then
/// its guessed year settled (`settle_guessed_years`). A sentence that names one event
/// twice for one date ("Port Arthur surrendered on January 3, 1905": the surrender, and
/// the siege by its place and verb) says one thing: of the claims that read one time
/// expression for the same event and role, the first listed is kept. `check` does it to
/// every claim of the corpus, and `audit` to the new documents' claims, compared with
/// those.
pub fn as_compared(claims: &mut Vec<Claim>, rules: &RuleBook) {
    for c in claims.iter_mut() {
        (c.event, c.role) = rules.canonical(c.event, c.role);
    }
    super::settle_guessed_years(claims, rules);
    let mut said: HashSet<(usize, Span, EventId, Role)> = HashSet::new();
    claims.retain(|c| said.insert((c.doc, c.time.span, c.event, c.role)));
}

/// All claims of a run, grouped for the checks.
#[derive(Debug, Default)]
pub struct ClaimIndex {
    pub claims: Vec<Claim>,
    groups: BTreeMap<(EventId, Role), Vec<usize>>,
}

impl ClaimIndex {
    /// Builds the index from claims in document order.
    pub fn build(claims: Vec<Claim>) -> ClaimIndex {
        let mut groups: BTreeMap<(EventId, Role), Vec<usize>> = BTreeMap::new();
        for (i, c) in claims.iter().enumerate() {
            groups.entry((c.event, c.role)).or_default().push(i);
        }
        ClaimIndex { claims, groups }
    }

    /// Claims grouped by (event, role), groups in id order, claims in document order.
    pub fn by_event_and_role(&self) -> impl Iterator<Item = ((EventId, Role), Vec<&Claim>)> + '_ {
        self.groups.iter().map(|(k, ix)| (*k, ix.iter().map(|&i| &self.claims[i]).collect()))
    }

    /// Claims about one event, any role.
    pub fn about(&self, event: EventId) -> impl Iterator<Item = &Claim> + '_ {
        self.groups
            .range((event, Role::Start)..=(event, Role::Span))
            .flat_map(|(_, ix)| ix.iter().map(|&i| &self.claims[i]))
    }
}
