//! Entities with validity intervals: places and their names over time, capitals, offices
//! and their holders, people's lifespans and reigns. `[[entity]]` tables in rules/*.toml.

use super::Origin;
use crate::time::TimeValue;
use serde::Deserialize;

/// A place, office or person whose names or facts hold only for a time.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    /// place, capital, office, person, state
    pub kind: String,
    pub name: String,
    pub facts: Vec<Validity>,
    pub origin: Origin,
}

/// Something true of an entity over an interval ("named Petrograd", "capital of Russia").
#[derive(Debug, Clone)]
pub struct Validity {
    /// What holds: a name, a role, a holder.
    pub what: String,
    pub from: Option<TimeValue>,
    pub until: Option<TimeValue>,
    pub source: String,
}

/// `[[entity]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: String,
}

/// Validates the entities of one file; pushes problems to `errors`.
pub fn build(raw: Vec<RawEntity>, file: &std::path::Path, errors: &mut Vec<super::RuleError>) -> Vec<Entity> {
    let _ = (file, errors);
    raw.into_iter()
        .map(|r| Entity {
            id: r.id.clone(),
            kind: String::new(),
            name: r.id,
            facts: Vec::new(),
            origin: Origin::default(),
        })
        .collect()
}
