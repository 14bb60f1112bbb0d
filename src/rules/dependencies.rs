//! Dependencies between events: `before` must precede `after` (a revision after the
//! treaty it revised). `[[dependency]]` tables in rules/*.toml.

use super::{Event, EventId, Origin, Role};
use serde::Deserialize;

/// `before` must precede `after`.
#[derive(Debug, Clone)]
pub struct Dependency {
    pub before: (EventId, Role),
    pub after: (EventId, Role),
    pub why: String,
    pub source: String,
    pub origin: Origin,
}

/// `[[dependency]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDependency {
    pub before: String,
    pub after: String,
}

/// Validates the dependencies of one file against all events; pushes problems to `errors`.
pub fn build(
    raw: Vec<RawDependency>,
    events: &[Event],
    file: &std::path::Path,
    errors: &mut Vec<super::RuleError>,
) -> Vec<Dependency> {
    let _ = (raw, events, file, errors);
    Vec::new()
}
