//! Entities with validity intervals: places and their names over time, seats of
//! government, offices and their holders, people's lifespans. `[[entity]]` tables in
//! rules/*.toml, each with `[[entity.fact]]` rows that carry their own dates and source.
//! Validation lives here; what counts as an anachronism is `checks/anachronism.rs`'s job.

use super::{Origin, RuleError};
use crate::span::Span;
use crate::time::{parse_date, TimeValue};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// A place, office, state or person whose names or facts hold only for a time.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Stable kebab-case id (`st-petersburg`).
    pub id: String,
    /// What it is.
    pub kind: EntityKind,
    /// The name used in messages.
    pub name: String,
    /// What holds of it, and when.
    pub facts: Vec<Validity>,
    pub origin: Origin,
}

/// The kinds of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    /// A city or region whose name changed.
    Place,
    /// A state whose name changed (Joseon, the Korean Empire).
    State,
    /// The government of a state, named after the city it sits in ("Moscow decided").
    Government,
    /// An office and its holders.
    Office,
    /// A person.
    Person,
}

/// What a fact says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// The entity is called `value` (and `aliases`) over the interval.
    Name,
    /// The government sits in `value` over the interval: "diplomats from X" names it.
    Seat,
    /// `value` holds the office over the interval; `aliases` are title-and-name forms
    /// ("President Theodore Roosevelt") that only fit a holder in office.
    Holder,
    /// The person `value` lives over the interval (birth to death).
    Life,
}

/// Something true of an entity over an interval ("named Petrograd", "seat in Moscow").
#[derive(Debug, Clone)]
pub struct Validity {
    pub what: FactKind,
    /// The name, seat or holder.
    pub value: String,
    /// Other spellings of `value` matched in text.
    pub aliases: Vec<String>,
    /// First day it may hold; `None` when open.
    pub from: Option<TimeValue>,
    /// Last day it may hold; `None` when open.
    pub until: Option<TimeValue>,
    /// Where the dates come from.
    pub source: String,
    /// Historians disagree on a boundary.
    pub disputed: bool,
    /// What the dispute or the boundary is about.
    pub note: Option<String>,
    pub origin: Origin,
}

impl Validity {
    /// `value` and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.value.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether the fact may hold at some day of `t`.
    pub fn holds_during(&self, t: &TimeValue) -> bool {
        let starts_after =
            matches!((self.from.as_ref().and_then(|f| f.earliest), t.latest), (Some(f), Some(l)) if l < f);
        let ends_before =
            matches!((self.until.as_ref().and_then(|u| u.latest), t.earliest), (Some(u), Some(e)) if u < e);
        !starts_after && !ends_before
    }

    /// Whether all of `t` lies before the fact starts to hold.
    pub fn is_before(&self, t: &TimeValue) -> bool {
        matches!((self.from.as_ref().and_then(|f| f.earliest), t.latest), (Some(f), Some(l)) if l < f)
    }

    /// "1712–1918", "from 1918", "until 1912", for messages.
    pub fn interval(&self) -> String {
        match (&self.from, &self.until) {
            (Some(f), Some(u)) => format!("{f}–{u}"),
            (Some(f), None) => format!("from {f}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => "always".to_string(),
        }
    }
}

/// `[[entity]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    /// Stable kebab-case id.
    pub id: Spanned<String>,
    /// place, state, government, office, person.
    pub kind: Spanned<EntityKind>,
    /// The name used in messages.
    pub name: String,
    /// What holds of it, and when.
    #[serde(default)]
    pub fact: Vec<RawFact>,
}

/// `[[entity.fact]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFact {
    /// name, seat, holder, life.
    pub what: Spanned<FactKind>,
    /// The name, seat, holder or person.
    pub value: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (Gregorian); leave out when open.
    pub from: Option<Spanned<String>>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (Gregorian); leave out when open.
    pub until: Option<Spanned<String>>,
    /// Where the dates come from: author, title, year or article. Required.
    pub source: Spanned<String>,
    #[serde(default)]
    pub disputed: bool,
    pub note: Option<String>,
}

/// Validates the entities of one file; pushes problems to `errors`.
pub fn build(raw: Vec<RawEntity>, file: &Path, errors: &mut Vec<RuleError>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::with_capacity(raw.len());
    let err = |errors: &mut Vec<RuleError>, span: Span, message: String, help: Option<&str>| {
        errors.push(RuleError {
            file: file.to_path_buf(),
            span: Some(span),
            message,
            help: help.map(str::to_string),
        });
    };
    for r in raw {
        let id_span = span_of(&r.id);
        if !is_kebab(r.id.get_ref()) {
            err(errors, id_span, format!("entity id `{}` is not kebab-case", r.id.get_ref()), None);
        }
        if out.iter().any(|e| e.id == *r.id.get_ref()) {
            err(errors, id_span, format!("duplicate entity id `{}`", r.id.get_ref()), None);
        }
        let kind = *r.kind.get_ref();
        let mut facts = Vec::with_capacity(r.fact.len());
        for f in r.fact {
            let what = *f.what.get_ref();
            let allowed = match kind {
                EntityKind::Place | EntityKind::State => matches!(what, FactKind::Name),
                EntityKind::Government => matches!(what, FactKind::Seat),
                EntityKind::Office => matches!(what, FactKind::Holder),
                EntityKind::Person => matches!(what, FactKind::Life | FactKind::Name),
            };
            if !allowed {
                err(
                    errors,
                    span_of(&f.what),
                    format!("this fact does not fit an entity of kind `{}`", kind_name(kind)),
                    Some("places and states take `name`, governments `seat`, offices `holder`, people `life` or `name`"),
                );
            }
            if f.source.get_ref().trim().is_empty() {
                err(
                    errors,
                    span_of(&f.source),
                    "every fact needs a source".to_string(),
                    Some("cite the reference work the dates come from"),
                );
            }
            if f.value.get_ref().trim().is_empty() {
                err(errors, span_of(&f.value), "empty value".to_string(), None);
            }
            let mut date = |d: &Option<Spanned<String>>| -> Option<TimeValue> {
                let d = d.as_ref()?;
                let v = parse_date(d.get_ref());
                if v.is_none() {
                    err(
                        errors,
                        span_of(d),
                        format!("`{}` is not a date", d.get_ref()),
                        Some("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (Gregorian)"),
                    );
                }
                v
            };
            let (from, until) = (date(&f.from), date(&f.until));
            if let (Some(a), Some(b), Some(span)) = (&from, &until, f.until.as_ref().map(span_of)) {
                if matches!((a.earliest, b.latest), (Some(x), Some(y)) if y < x) {
                    err(errors, span, format!("`until` ({b}) is before `from` ({a})"), None);
                }
            }
            facts.push(Validity {
                what,
                value: f.value.get_ref().clone(),
                aliases: f.aliases,
                from,
                until,
                source: f.source.into_inner(),
                disputed: f.disputed,
                note: f.note,
                origin: Origin { file: file.to_path_buf(), span: span_of(&f.value) },
            });
        }
        out.push(Entity {
            id: r.id.get_ref().clone(),
            kind,
            name: r.name,
            facts,
            origin: Origin { file: file.to_path_buf(), span: id_span },
        });
    }
    out
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Place => "place",
        EntityKind::State => "state",
        EntityKind::Government => "government",
        EntityKind::Office => "office",
        EntityKind::Person => "person",
    }
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_str(text: &str) -> (Vec<Entity>, Vec<RuleError>) {
        #[derive(Deserialize)]
        struct F {
            entity: Vec<RawEntity>,
        }
        let f: F = toml::from_str(text).expect("test TOML parses");
        let mut errors = Vec::new();
        let out = build(f.entity, Path::new("e.toml"), &mut errors);
        (out, errors)
    }

    #[test]
    fn a_valid_place_builds_with_its_names() {
        let (e, errors) = build_str(
            r#"
[[entity]]
id = "st-petersburg"
kind = "place"
name = "St. Petersburg"
[[entity.fact]]
what = "name"
value = "Petrograd"
from = "1914-08-31"
until = "1924-01-26"
source = "Britannica, 'St. Petersburg'"
"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(e.len(), 1);
        let f = &e[0].facts[0];
        assert_eq!(f.value, "Petrograd");
        assert!(f.is_before(&TimeValue::year(1905)));
        assert!(f.holds_during(&TimeValue::year(1917)));
        assert!(!f.holds_during(&TimeValue::year(1930)));
    }

    #[test]
    fn bad_dates_wrong_facts_missing_sources_and_reversed_intervals_are_all_reported() {
        let (_, errors) = build_str(
            r#"
[[entity]]
id = "Bad_Id"
kind = "office"
name = "x"
[[entity.fact]]
what = "life"
value = "x"
from = "1920"
until = "1910"
source = ""
[[entity.fact]]
what = "holder"
value = "y"
from = "19xx"
source = "s"
"#,
        );
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(errors.len(), 5, "{messages:?}");
        assert!(errors.iter().all(|e| e.span.is_some_and(|s| !s.is_empty())));
        assert!(messages.iter().any(|m| m.contains("kebab-case")));
        assert!(messages.iter().any(|m| m.contains("does not fit")));
        assert!(messages.iter().any(|m| m.contains("needs a source")));
        assert!(messages.iter().any(|m| m.contains("before `from`")));
        assert!(messages.iter().any(|m| m.contains("`19xx` is not a date")));
    }
}

/// Every name under which the entities' facts appear in text, in one automaton: built on
/// first use (`RuleBook::entity_names`) and shared by every document of a run.
#[derive(Debug, Clone, Default)]
pub struct EntityNames {
    /// Leftmost-longest over the names; `None` when the rules name nothing.
    pub matcher: Option<crate::literals::Literals>,
    /// Per pattern of `matcher`: the (entity, fact) indexes it may mean.
    pub needles: Vec<Vec<(usize, usize)>>,
}

impl EntityNames {
    pub fn new(entities: &[Entity]) -> EntityNames {
        let mut names: std::collections::BTreeMap<&str, Vec<(usize, usize)>> =
            std::collections::BTreeMap::new();
        for (e, entity) in entities.iter().enumerate() {
            for (f, fact) in entity.facts.iter().enumerate() {
                // An office matches only in its title forms: a holder's bare name says
                // nothing about the office.
                let forms: Vec<&str> = match fact.what {
                    FactKind::Holder => fact.aliases.iter().map(String::as_str).collect(),
                    _ => fact.names().collect(),
                };
                for name in forms.into_iter().filter(|n| !n.trim().is_empty()) {
                    names.entry(name).or_default().push((e, f));
                }
            }
        }
        if names.is_empty() {
            return EntityNames::default();
        }
        let keys: Vec<&str> = names.keys().copied().collect();
        let matcher = crate::literals::Literals::new(&keys);
        EntityNames {
            needles: if matcher.is_some() { names.into_values().collect() } else { Vec::new() },
            matcher,
        }
    }
}
