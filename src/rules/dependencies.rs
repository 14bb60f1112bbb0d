//! Dependencies between events: `before` must precede `after` (a revision after the
//! treaty it revised). `[[dependency]]` tables in rules/*.toml, validated against the
//! events of the whole rule book. `checks/order_violation.rs` reads them.

use super::{Event, EventId, Origin, Role, RuleError};
use crate::span::Span;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// `before` (at its role) must precede `after` (at its role).
#[derive(Debug, Clone)]
pub struct Dependency {
    pub before: (EventId, Role),
    pub after: (EventId, Role),
    /// Why the order is forced ("it revised the treaty's terms").
    pub why: String,
    /// Where the relation is stated.
    pub source: String,
    pub origin: Origin,
}

/// `[[dependency]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawDependency {
    /// The event id that comes first.
    pub before: Spanned<String>,
    /// The event id that comes after it.
    pub after: Spanned<String>,
    /// The role of `before` that is meant. Default: `point`, or `start` if the event
    /// has a start date and no point date in the rules.
    pub before_role: Option<Role>,
    /// The role of `after` that is meant. Default as for `before-role`.
    pub after_role: Option<Role>,
    /// Why the order is forced.
    pub why: Spanned<String>,
    /// Where the relation is stated.
    pub source: Spanned<String>,
}

/// Validates the dependencies of one file against all events; pushes problems to `errors`.
pub fn build(
    raw: Vec<RawDependency>,
    events: &[Event],
    file: &Path,
    errors: &mut Vec<RuleError>,
) -> Vec<Dependency> {
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let mut ok = true;
        let mut resolve = |id: &Spanned<String>| -> Option<EventId> {
            let found = events.iter().position(|e| e.id == *id.get_ref());
            if found.is_none() {
                let near = events
                    .iter()
                    .map(|e| (crate::checks::edit_distance(id.get_ref(), &e.id), e.id.as_str()))
                    .filter(|(d, _)| *d <= 4)
                    .min();
                errors.push(RuleError {
                    file: file.to_path_buf(),
                    span: Some(span_of(id)),
                    message: format!("no event has the id `{}`", id.get_ref()),
                    help: Some(match near {
                        Some((_, n)) => format!("did you mean `{n}`?"),
                        None => "use the `id` of an `[[event]]` in rules/".to_string(),
                    }),
                });
            }
            found
        };
        let (before, after) = (resolve(&r.before), resolve(&r.after));
        for (text, what) in [(&r.why, "why"), (&r.source, "source")] {
            if text.get_ref().trim().is_empty() {
                ok = false;
                errors.push(RuleError {
                    file: file.to_path_buf(),
                    span: Some(span_of(text)),
                    message: format!("`{what}` is empty"),
                    help: Some("say why the order is forced and cite where it is stated".to_string()),
                });
            }
        }
        let (Some(b), Some(a)) = (before, after) else { continue };
        if a == b {
            errors.push(RuleError {
                file: file.to_path_buf(),
                span: Some(span_of(&r.after)),
                message: format!("`{}` cannot depend on itself", r.after.get_ref()),
                help: None,
            });
            continue;
        }
        let before = (b, r.before_role.unwrap_or_else(|| default_role(&events[b])));
        let after = (a, r.after_role.unwrap_or_else(|| default_role(&events[a])));
        if contradicts_reference(events, before, after) {
            ok = false;
            errors.push(RuleError {
                file: file.to_path_buf(),
                span: Some(span_of(&r.before).cover(span_of(&r.after))),
                message: format!(
                    "the reference dates put `{}` before `{}`, against this dependency",
                    r.after.get_ref(),
                    r.before.get_ref()
                ),
                help: Some("fix the dates in the events or drop the dependency".to_string()),
            });
        }
        if ok {
            out.push(Dependency {
                before,
                after,
                why: r.why.into_inner(),
                source: r.source.into_inner(),
                origin: Origin { file: file.to_path_buf(), span: span_of(&r.before) },
            });
        }
    }
    out
}

/// `point` if the event has a point date, else `start` if it has one, else `point`.
fn default_role(event: &Event) -> Role {
    let has = |role| event.dates.iter().any(|d| d.role == role);
    if !has(Role::Point) && has(Role::Start) {
        Role::Start
    } else {
        Role::Point
    }
}

/// Whether every reference view of `after` ends before every view of `before` begins.
fn contradicts_reference(events: &[Event], before: (EventId, Role), after: (EventId, Role)) -> bool {
    let date =
        |(e, role): (EventId, Role)| events.get(e).and_then(|ev| ev.dates.iter().find(|d| d.role == role));
    let (Some(b), Some(a)) = (date(before), date(after)) else { return false };
    let b_min = b.views.iter().filter_map(|v| v.value.earliest).min();
    let a_max = a.views.iter().filter_map(|v| v.value.latest).max();
    matches!((a_max, b_min), (Some(a), Some(b)) if a < b)
}

fn span_of<T>(s: &Spanned<T>) -> Span {
    let r = s.span();
    Span::new(r.start, r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{RefDate, View};
    use crate::time::TimeValue;

    fn event(id: &str, role: Role, year: i64) -> Event {
        Event {
            id: id.to_string(),
            name: id.to_string(),
            aliases: Vec::new(),
            descriptions: Vec::new(),
            kind: String::new(),
            dates: vec![RefDate {
                role,
                views: vec![View { value: TimeValue::year(year), source: "s".into(), note: None }],
                disputed: false,
                origin: Origin::default(),
            }],
            origin: Origin::default(),
        }
    }

    fn build_str(text: &str, events: &[Event]) -> (Vec<Dependency>, Vec<RuleError>) {
        #[derive(Deserialize)]
        struct F {
            dependency: Vec<RawDependency>,
        }
        let f: F = toml::from_str(text).expect("test TOML parses");
        let mut errors = Vec::new();
        let out = build(f.dependency, events, Path::new("d.toml"), &mut errors);
        (out, errors)
    }

    #[test]
    fn a_dependency_resolves_ids_and_defaults_roles() {
        let events = [event("treaty", Role::Point, 1895), event("war", Role::Start, 1904)];
        let (deps, errors) = build_str(
            "[[dependency]]\nbefore = \"treaty\"\nafter = \"war\"\nwhy = \"w\"\nsource = \"s\"\n",
            &events,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(deps.len(), 1);
        assert_eq!(deps[0].before, (0, Role::Point));
        assert_eq!(deps[0].after, (1, Role::Start));
    }

    #[test]
    fn a_dangling_id_is_an_error_pointing_at_it_with_the_nearest_id() {
        let events = [event("treaty-of-shimonoseki", Role::Point, 1895)];
        let text = "[[dependency]]\nbefore = \"treaty-of-shimonoseky\"\nafter = \"triple-intervention\"\nwhy = \"w\"\nsource = \"s\"\n";
        let (deps, errors) = build_str(text, &events);
        assert!(deps.is_empty());
        assert_eq!(errors.len(), 2);
        let first = &errors[0];
        let span = first.span.unwrap_or_default();
        assert_eq!(span.slice(text), "\"treaty-of-shimonoseky\"");
        assert_eq!(first.help.as_deref(), Some("did you mean `treaty-of-shimonoseki`?"));
        assert_eq!(errors[1].span.unwrap_or_default().slice(text), "\"triple-intervention\"");
    }

    #[test]
    fn a_dependency_the_reference_dates_contradict_is_an_error() {
        let events = [event("treaty", Role::Point, 1895), event("revision", Role::Point, 1894)];
        let (deps, errors) = build_str(
            "[[dependency]]\nbefore = \"treaty\"\nafter = \"revision\"\nwhy = \"w\"\nsource = \"s\"\n",
            &events,
        );
        assert!(deps.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("against this dependency"));
    }

    #[test]
    fn self_dependency_and_empty_why_are_errors() {
        let events = [event("treaty", Role::Point, 1895)];
        let (deps, errors) = build_str(
            "[[dependency]]\nbefore = \"treaty\"\nafter = \"treaty\"\nwhy = \" \"\nsource = \"s\"\n",
            &events,
        );
        assert!(deps.is_empty());
        assert_eq!(errors.len(), 2);
    }
}
