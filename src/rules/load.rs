//! Reading `rules/*.toml` into a `RuleBook`. First cut: events only, minimal validation.

use super::{Event, Origin, RefDate, Role, RuleBook, View};
use crate::span::Span;
use crate::time::TimeValue;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// A problem in a rule file, with where it is.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct RuleError {
    pub file: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    event: Vec<RawEvent>,
    #[serde(default)]
    entity: Vec<super::entities::RawEntity>,
    #[serde(default)]
    dependency: Vec<super::dependencies::RawDependency>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    date: Vec<RawDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    role: Role,
    value: String,
    source: String,
}

/// Loads every `*.toml` under `dir`, sorted by path; collects every error.
pub fn load_dir(dir: &Path) -> Result<RuleBook, Vec<RuleError>> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut book = RuleBook::default();
    let mut errors = Vec::new();
    // Dependencies name events of any file: built once every event is read.
    let mut raw_dependencies = Vec::new();
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                errors.push(RuleError { file, span: None, message: e.to_string(), help: None });
                continue;
            }
        };
        match toml::from_str::<RawFile>(&text) {
            Ok(raw) => {
                book.entities.extend(super::entities::build(raw.entity, &file, &mut errors));
                raw_dependencies.push((file.clone(), raw.dependency));
                for ev in raw.event {
                    let dates = ev
                        .date
                        .into_iter()
                        .filter_map(|d| {
                            let y: i64 = d.value.get(..4)?.parse().ok()?;
                            Some(RefDate {
                                role: d.role,
                                views: vec![View { value: TimeValue::year(y), source: d.source, note: None }],
                                disputed: false,
                                origin: Origin { file: file.clone(), span: Span::default() },
                            })
                        })
                        .collect();
                    book.events.push(Event {
                        id: ev.id,
                        name: ev.name,
                        aliases: ev.aliases,
                        descriptions: Vec::new(),
                        kind: ev.kind,
                        dates,
                        origin: Origin { file: file.clone(), span: Span::default() },
                    });
                }
            }
            Err(e) => errors.push(RuleError {
                file: file.clone(),
                span: e.span().map(|r| Span::new(r.start, r.end)),
                message: e.message().to_string(),
                help: None,
            }),
        }
    }
    for (file, raw) in raw_dependencies {
        let deps = super::dependencies::build(raw, &book.events, &file, &mut errors);
        book.dependencies.extend(deps);
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(errors)
    }
}
