//! `ClaimIndex`: every claim of the run, grouped by event and role, in a stable order.

use super::Claim;
use crate::rules::{EventId, Role};
use std::collections::BTreeMap;

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
