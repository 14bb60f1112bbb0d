//! Reading `rules/**/*.toml` into a `RuleBook`: parsing with spans, validating every
//! event and date, and collecting every problem (not only the first) with its file and
//! byte span. Events are read here; `[[entity]]` and `[[dependency]]` tables are handed,
//! as written, to `entities::build` and `dependencies::build`, which own their validation.
//!
//! The file format is documented in `rules/README.md` and in the header of each rule file.

use super::{dependencies, entities, Description, Event, Origin, RefDate, Role, RuleBook, View};
use crate::span::Span;
use crate::time::{days_from_civil, days_in_month, format_year, Calendar, Day, Granularity, TimeValue};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::Spanned;

/// A problem in a rule file, with where it is.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct RuleError {
    pub file: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

/// One rule file as written: its event tables (still raw, validated by `event`) and the
/// entity and dependency tables deserialized for `entities::build` / `dependencies::build`.
#[derive(Default)]
struct RawFile<'i> {
    event: Vec<Spanned<DeValue<'i>>>,
    entity: Vec<entities::RawEntity>,
    dependency: Vec<dependencies::RawDependency>,
}

/// Top-level keys of a rule file.
const FILE_KEYS: &[&str] = &["event", "entity", "dependency"];
/// Keys of `[[event]]`.
const EVENT_KEYS: &[&str] = &["id", "name", "aliases", "kind", "describe", "note", "date", "same-as"];
/// Keys of `[[event.date]]`.
const DATE_KEYS: &[&str] = &["role", "value", "source", "note", "disputed", "view"];
/// Keys of `[[event.date.view]]`.
const VIEW_KEYS: &[&str] = &["value", "source", "note"];
/// Roles, as written.
const ROLES: &[&str] = &["start", "end", "point", "span"];

/// What an event may be. A closed list so that a typo is caught.
pub const KINDS: &[&str] = &[
    "agreement",
    "alliance",
    "annexation",
    "assassination",
    "battle",
    "conference",
    "coup",
    "diplomatic",
    "expedition",
    "incident",
    "intervention",
    "massacre",
    "movement",
    "mutiny",
    "occupation",
    "political",
    "proclamation",
    "railway",
    "rebellion",
    "reform",
    "revolution",
    "siege",
    "surrender",
    "treaty",
    "war",
];

/// The name of the folder that stands for the rules built into chronolint: the shipped
/// `rules/` folder as it was when the binary was built. A run with no config file uses it
/// when there is no `./rules`; a config names it in `rules = ["<built-in>", "our-rules"]`.
pub const BUILT_IN: &str = "<built-in>";

/// The built-in rule files, by path under the folder, in the order a walk of `rules/`
/// reads them (so the built-in book hashes as the folder does). A test checks that this
/// list is every rule file of `rules/`.
const BUILT_IN_FILES: &[(&str, &str)] = &[
    ("dependencies.toml", include_str!("../../rules/dependencies.toml")),
    ("entities.toml", include_str!("../../rules/entities.toml")),
    ("events/boxer-rebellion.toml", include_str!("../../rules/events/boxer-rebellion.toml")),
    ("events/china.toml", include_str!("../../rules/events/china.toml")),
    ("events/first-sino-japanese-war.toml", include_str!("../../rules/events/first-sino-japanese-war.toml")),
    ("events/japan-opening-and-meiji.toml", include_str!("../../rules/events/japan-opening-and-meiji.toml")),
    ("events/korea.toml", include_str!("../../rules/events/korea.toml")),
    ("events/russia-and-china.toml", include_str!("../../rules/events/russia-and-china.toml")),
    ("events/russia.toml", include_str!("../../rules/events/russia.toml")),
    ("events/russo-japanese-war.toml", include_str!("../../rules/events/russo-japanese-war.toml")),
    ("events/treaties-of-paris.toml", include_str!("../../rules/events/treaties-of-paris.toml")),
    ("events/world-war-and-after.toml", include_str!("../../rules/events/world-war-and-after.toml")),
];

/// The built-in rule files, each as a path under `BUILT_IN` and its text.
pub fn built_in_files() -> impl Iterator<Item = (PathBuf, &'static str)> {
    BUILT_IN_FILES.iter().map(|(rel, text)| (Path::new(BUILT_IN).join(rel), *text))
}

/// The rule folder a run with no config reads from `root`: `root/rules`, or where there
/// is no such folder, the built-in rules (a corpus checked without any set-up is checked
/// against the shipped timeline).
pub fn default_dir(root: &Path) -> PathBuf {
    let folder = root.join("rules");
    if folder.is_dir() {
        folder
    } else {
        PathBuf::from(BUILT_IN)
    }
}

/// Whether `dir` names the built-in rules.
pub fn is_built_in(dir: &Path) -> bool {
    dir == Path::new(BUILT_IN)
}

/// Loads every `*.toml` under `dir` (recursively, sorted by path) into one book.
///
/// Every problem is collected: a file that does not parse is skipped and the others are
/// still validated. Errors come out sorted by file, then position.
pub fn load_dir(dir: &Path) -> Result<RuleBook, Vec<RuleError>> {
    load_dirs(std::slice::from_ref(&dir.to_path_buf()))
}

/// Loads every `*.toml` under every folder of `dirs` into one book, so events, entities
/// and dependencies may refer to each other across folders.
pub fn load_dirs(dirs: &[PathBuf]) -> Result<RuleBook, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for dir in dirs {
        if is_built_in(dir) {
            files.extend(built_in_files().map(|(file, text)| (dir.clone(), file, Some(text))));
            continue;
        }
        if !dir.is_dir() {
            let message = if dir.exists() {
                format!("the rules folder `{}` is not a folder", dir.display())
            } else {
                format!("the rules folder `{}` does not exist", dir.display())
            };
            errors.push(RuleError {
                file: dir.to_path_buf(),
                span: None,
                message,
                help: Some(format!(
                    "give a folder of rule files (`rules = [\"rules\"]` in chronolint.toml), or `\"{BUILT_IN}\"` for the rules built into chronolint"
                )),
            });
            continue;
        }
        let mut here = Vec::new();
        for entry in walkdir::WalkDir::new(dir).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml") => {
                    here.push(e.into_path())
                }
                Ok(_) => {}
                Err(e) => errors.push(RuleError {
                    file: e.path().map_or_else(|| dir.to_path_buf(), Path::to_path_buf),
                    span: None,
                    message: format!("cannot read the rules folder: {e}"),
                    help: None,
                }),
            }
        }
        here.sort();
        files.extend(here.into_iter().map(|f| (dir.clone(), f, None)));
    }
    if !errors.is_empty() && files.is_empty() {
        return Err(errors);
    }

    let mut book = RuleBook { hash: FNV_OFFSET, ..RuleBook::default() };
    let mut texts = Vec::new();
    for (dir, file, built_in) in files {
        let read = match built_in {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => std::fs::read(&file),
        };
        match read {
            Ok(bytes) => {
                let rel = file.strip_prefix(&dir).unwrap_or(&file);
                book.hash = fnv1a(book.hash, rel.to_string_lossy().as_bytes());
                book.hash = fnv1a(book.hash, &[0]);
                book.hash = fnv1a(book.hash, &bytes);
                match String::from_utf8(bytes) {
                    Ok(text) => texts.push((file, text)),
                    Err(e) => errors.push(RuleError {
                        file,
                        span: None,
                        message: format!(
                            "not UTF-8 (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        ),
                        help: Some("save the rule file as UTF-8".into()),
                    }),
                }
            }
            Err(e) => {
                errors.push(RuleError { file, span: None, message: format!("cannot read: {e}"), help: None })
            }
        }
    }

    let mut raws = Vec::new();
    let mut seen: BTreeMap<String, (PathBuf, Span)> = BTreeMap::new();
    let mut same_as = Vec::new();
    // Every name and alias, folded as matching folds them, to the event it names.
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for (file, text) in &texts {
        let mut cx = Cx { file, errors: &mut errors, same_as: Vec::new() };
        let raw = parse_file(text, &mut cx);
        for value in &raw.event {
            if let Some((event, id_span, spans)) = event(value, &mut cx) {
                for (name, span) in spans {
                    let key = fold_name(&name);
                    // A name two events share ("the battle of the Yalu": 1894 at sea, 1904
                    // on land) is told apart by the time in its sentence, which only dates
                    // can do.
                    let dated = |id: &str| book.events.iter().any(|e| e.id == id && !e.dates.is_empty());
                    match names.get(&key) {
                        Some(other) if *other != event.id && (event.dates.is_empty() || !dated(other)) => cx.error(
                            span,
                            format!("`{name}` also names the event `{other}`"),
                            Some("a name two events share is told apart by their dates: give both events dates, or drop the name here and there and say so in a note".into()),
                        ),
                        Some(_) => {}
                        None => {
                            names.insert(key, event.id.clone());
                        }
                    }
                }
                if let Some((first, _)) = seen.get(&event.id) {
                    cx.error(
                        id_span,
                        format!("duplicate event id `{}`", event.id),
                        Some(format!(
                            "it is already defined in {}; ids must be unique across files",
                            first.display()
                        )),
                    );
                } else {
                    seen.insert(event.id.clone(), (file.clone(), to_span(id_span.clone())));
                    book.events.push(event);
                }
            }
        }
        let written = std::mem::take(&mut cx.same_as);
        same_as.extend(written.into_iter().map(|(id, to, span)| (file, id, to, span)));
        raws.push((file, raw.entity, raw.dependency));
    }
    for (file, id, to, span) in same_as {
        let mut cx = Cx { file, errors: &mut errors, same_as: Vec::new() };
        let target = to.split_once(':').and_then(|(event, role)| {
            let role = match role {
                "start" => Role::Start,
                "end" => Role::End,
                "point" => Role::Point,
                "span" => Role::Span,
                _ => return None,
            };
            Some((book.find(event)?, role))
        });
        match (book.find(&id), target) {
            (Some(from), Some(to)) => {
                book.same_as.insert(from, to);
            }
            _ => cx.error(
                span,
                format!("`same-as = \"{to}\"` does not name an event and a role"),
                Some(
                    "write the other event's id and a role: `same-as = \"siege-of-port-arthur:end\"`".into(),
                ),
            ),
        }
    }
    let mut deps = Vec::new();
    for (file, entity, dependency) in raws {
        book.entities.extend(entities::build(entity, file, &mut errors));
        deps.push((file, dependency));
    }
    for (file, dependency) in deps {
        book.dependencies.extend(dependencies::build(dependency, &book.events, file, &mut errors));
    }

    if errors.is_empty() {
        Ok(book)
    } else {
        errors.sort_by(|a, b| (&a.file, a.span.map(|s| s.start)).cmp(&(&b.file, b.span.map(|s| s.start))));
        Err(errors)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, continuing from `hash`: stable across runs, platforms and Rust versions.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// Where errors go while one file is read.
struct Cx<'a> {
    file: &'a Path,
    errors: &'a mut Vec<RuleError>,
    /// `same-as` keys read so far: (event id, "other-id:role", where it was written).
    same_as: Vec<(String, String, Range<usize>)>,
}

impl Cx<'_> {
    fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        self.errors.push(RuleError {
            file: self.file.to_path_buf(),
            span: Some(to_span(span)),
            message,
            help,
        });
    }

    fn toml_error(&mut self, e: &toml::de::Error) {
        let message = e.message().trim().to_string();
        let help = unknown_field_help(&message).or_else(|| {
            message.starts_with("duplicate key").then(|| {
                "a key appears once per table; an event's dates are either `date = [...]` or \
                 [[event.date]] tables, not both"
                    .to_string()
            })
        });
        self.errors.push(RuleError {
            file: self.file.to_path_buf(),
            span: e.span().map(to_span),
            message,
            help,
        });
    }
}

fn to_span(r: Range<usize>) -> Span {
    Span::new(r.start, r.end.max(r.start))
}

/// Parses one file into its top-level arrays; reports syntax errors and unknown keys.
fn parse_file<'i>(text: &'i str, cx: &mut Cx<'_>) -> RawFile<'i> {
    let mut raw = RawFile::default();
    let root = match DeTable::parse(text) {
        Ok(root) => root.into_inner(),
        Err(e) => {
            cx.toml_error(&e);
            return raw;
        }
    };
    for (key, value) in root {
        let name = key.get_ref().as_ref();
        if !FILE_KEYS.contains(&name) {
            unknown_key(cx, &key, FILE_KEYS, "a rule file");
            continue;
        }
        let span = value.span();
        let DeValue::Array(items) = value.into_inner() else {
            cx.error(
                key.span(),
                format!("`{name}` must be an array of tables"),
                Some(format!("write each one as a [[{name}]] table")),
            );
            continue;
        };
        let _ = span;
        for item in items {
            if !item.get_ref().is_table() {
                cx.error(
                    item.span(),
                    format!("each `{name}` must be a table"),
                    Some(format!("write [[{name}]]")),
                );
                continue;
            }
            match name {
                "event" => raw.event.push(item),
                "entity" => match entities::RawEntity::deserialize(ValueDeserializer::from(item)) {
                    Ok(e) => raw.entity.push(e),
                    Err(e) => cx.toml_error(&e),
                },
                _ => match dependencies::RawDependency::deserialize(ValueDeserializer::from(item)) {
                    Ok(d) => raw.dependency.push(d),
                    Err(e) => cx.toml_error(&e),
                },
            }
        }
    }
    raw
}

/// Reports an unknown key with the nearest valid one.
fn unknown_key(cx: &mut Cx<'_>, key: &Spanned<std::borrow::Cow<'_, str>>, valid: &[&str], place: &str) {
    let name = key.get_ref().as_ref();
    let help = match nearest(name, valid) {
        Some(n) => format!("did you mean `{n}`? valid keys: {}", valid.join(", ")),
        None => format!("valid keys: {}", valid.join(", ")),
    };
    cx.error(key.span(), format!("unknown key `{name}` in {place}"), Some(help));
}

/// Help for serde's "unknown field `x`, expected one of `a`, `b`" messages.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field ")?;
    let names: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let (unknown, valid) = names.split_first()?;
    nearest(unknown, valid).map(|n| format!("did you mean `{n}`?"))
}

/// The valid name nearest to `name` by edit distance, if it is near enough to be a typo.
pub(crate) fn nearest<'v>(name: &str, valid: &[&'v str]) -> Option<&'v str> {
    let limit = (name.chars().count() / 3).max(2);
    valid.iter().map(|v| (edit_distance(name, v), *v)).filter(|(d, _)| *d <= limit).min().map(|(_, v)| v)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX - 1);
            let left = row.get(j).copied().unwrap_or(usize::MAX - 1);
            let next = (prev + cost).min(up + 1).min(left + 1);
            prev = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// A table being read: its entries and span, and what it is called in messages.
struct Table<'t, 'i> {
    entries: &'t DeTable<'i>,
    span: Range<usize>,
    place: &'static str,
}

impl<'t, 'i> Table<'t, 'i> {
    fn new(value: &'t Spanned<DeValue<'i>>, place: &'static str) -> Option<Self> {
        value.get_ref().as_table().map(|entries| Table { entries, span: value.span(), place })
    }

    /// Reports every key not in `valid`.
    fn check_keys(&self, valid: &[&str], cx: &mut Cx<'_>) {
        for key in self.entries.keys() {
            if !valid.contains(&key.get_ref().as_ref()) {
                unknown_key(cx, key, valid, self.place);
            }
        }
    }

    /// The key and value for `name`.
    fn get(&self, name: &str) -> Option<(&'t Spanned<std::borrow::Cow<'i, str>>, &'t Spanned<DeValue<'i>>)> {
        self.entries.iter().find(|(k, _)| k.get_ref().as_ref() == name)
    }

    /// Where to point for a key: the key if present, else the table.
    fn key_span(&self, name: &str) -> Range<usize> {
        self.get(name).map_or_else(|| self.span.clone(), |(k, _)| k.span())
    }

    /// An optional string; a value of another type is reported.
    fn string(&self, name: &str, cx: &mut Cx<'_>) -> Option<(String, Range<usize>)> {
        let (_, v) = self.get(name)?;
        match v.get_ref().as_str() {
            Some(s) => Some((s.to_string(), v.span())),
            None => {
                cx.error(
                    v.span(),
                    format!("`{name}` must be a string, not {}", v.get_ref().type_str()),
                    None,
                );
                None
            }
        }
    }

    /// A required, non-blank string.
    fn required(&self, name: &str, cx: &mut Cx<'_>) -> Option<(String, Range<usize>)> {
        match self.string(name, cx) {
            Some((s, span)) if s.trim().is_empty() => {
                cx.error(span, format!("`{name}` is empty in {}", self.place), None);
                None
            }
            Some(found) => Some(found),
            None if self.get(name).is_none() => {
                cx.error(self.span.clone(), format!("{} has no `{name}`", self.place), None);
                None
            }
            None => None,
        }
    }

    /// An optional array of non-blank strings.
    fn strings(&self, name: &str, cx: &mut Cx<'_>) -> Vec<(String, Range<usize>)> {
        let Some((_, v)) = self.get(name) else { return Vec::new() };
        let Some(items) = v.get_ref().as_array() else {
            cx.error(v.span(), format!("`{name}` must be an array of strings"), None);
            return Vec::new();
        };
        strings_of(items.iter(), name, cx)
    }

    /// An optional array of tables.
    fn tables(&self, name: &str, place: &'static str, cx: &mut Cx<'_>) -> Vec<Table<'t, 'i>> {
        let Some((k, v)) = self.get(name) else { return Vec::new() };
        let Some(items) = v.get_ref().as_array() else {
            cx.error(
                k.span(),
                format!("`{name}` must be an array of tables"),
                Some(format!("write each one as a [[...{name}]] table")),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match Table::new(item, place) {
                Some(t) => out.push(t),
                None => cx.error(item.span(), format!("each `{name}` must be a table"), None),
            }
        }
        out
    }
}

fn strings_of<'t, 'i: 't>(
    items: impl Iterator<Item = &'t Spanned<DeValue<'i>>>,
    name: &str,
    cx: &mut Cx<'_>,
) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for item in items {
        match item.get_ref().as_str() {
            Some(s) if s.trim().is_empty() => {
                cx.error(item.span(), format!("empty string in `{name}`"), None)
            }
            Some(s) => out.push((s.trim().to_string(), item.span())),
            None => cx.error(
                item.span(),
                format!("`{name}` must hold strings, not {}", item.get_ref().type_str()),
                None,
            ),
        }
    }
    out
}

/// Validates one `[[event]]`; returns it with the span of its id, or `None` if it is
/// too broken to use (its problems are in `cx`).
/// A validated event, the span of its id, and its name and aliases with their spans.
type Parsed = (Event, Range<usize>, Vec<(String, Range<usize>)>);

/// A name as matching sees it: lowercase, without a leading "the".
fn fold_name(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    match lower.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => lower,
    }
}

fn event(value: &Spanned<DeValue<'_>>, cx: &mut Cx<'_>) -> Option<Parsed> {
    let t = Table::new(value, "an [[event]]")?;
    t.check_keys(EVENT_KEYS, cx);
    let id = t.required("id", cx);
    if let Some((id, span)) = &id {
        if !is_kebab(id) {
            cx.error(
                span.clone(),
                format!("event id `{id}` is not kebab-case"),
                Some("use lowercase ASCII letters, digits and single hyphens: `treaty-of-portsmouth`".into()),
            );
        }
    }
    let name = t.required("name", cx);
    let aliases = t.strings("aliases", cx);
    if let Some((n, _)) = &name {
        for (a, span) in &aliases {
            if a.eq_ignore_ascii_case(n) {
                cx.error(span.clone(), format!("alias `{a}` repeats the name"), None);
            }
        }
    }
    let kind = t.required("kind", cx);
    if let Some((k, span)) = &kind {
        if !KINDS.contains(&k.as_str()) {
            let help = match nearest(k, KINDS) {
                Some(n) => format!("did you mean `{n}`? kinds: {}", KINDS.join(", ")),
                None => format!("kinds: {}", KINDS.join(", ")),
            };
            cx.error(span.clone(), format!("unknown event kind `{k}`"), Some(help));
        }
    }
    let _ = t.string("note", cx);
    let descriptions = describe(&t, cx);
    if let (Some((to, span)), Some((id, _))) = (t.string("same-as", cx), &id) {
        cx.same_as.push((id.clone(), to, span));
    }

    // An event may have no reference date: its names still let claims about it be found,
    // compared with each other and flagged as unsupported when only weak sources make them.
    let date_tables = t.tables("date", "an [[event.date]]", cx);
    let mut dates: Vec<RefDate> = Vec::new();
    for d in &date_tables {
        if let Some(date) = ref_date(d, cx) {
            if dates.iter().any(|e| e.role == date.role) {
                cx.error(
                    d.key_span("role"),
                    format!("the event has two `{}` dates", date.role.as_str()),
                    Some("record disagreeing dates as views of one date: [[event.date.view]]".into()),
                );
                continue;
            }
            dates.push(date);
        }
    }
    check_order(&dates, &date_tables, cx);

    let (id, id_span) = id?;
    let (name, name_span) = name?;
    let mut spans = vec![(name.clone(), name_span)];
    spans.extend(aliases.iter().cloned());
    Some((
        Event {
            id,
            name,
            aliases: aliases.into_iter().map(|(a, _)| a).collect(),
            descriptions,
            kind: kind.map(|(k, _)| k).unwrap_or_default(),
            dates,
            origin: Origin { file: cx.file.to_path_buf(), span: to_span(value.span()) },
        },
        id_span,
        spans,
    ))
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `describe = [["Russia", "Germany", "France", "peace terms|Liaodong"]]`: each inner
/// list is one description, each string a group of `|`-separated alternatives.
fn describe(t: &Table<'_, '_>, cx: &mut Cx<'_>) -> Vec<Description> {
    let Some((_, v)) = t.get("describe") else { return Vec::new() };
    let help = Some(
        "write describe = [[\"Russia\", \"Germany\", \"France\", \"peace terms|Liaodong\"]]".to_string(),
    );
    let Some(outer) = v.get_ref().as_array() else {
        cx.error(v.span(), "`describe` must be an array of arrays of strings".into(), help);
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in outer.iter() {
        let Some(groups) = d.get_ref().as_array() else {
            cx.error(d.span(), "each description must be an array of strings".into(), help.clone());
            continue;
        };
        let mut all_of = Vec::new();
        for (group, span) in strings_of(groups.iter(), "describe", cx) {
            let alts: Vec<String> = group.split('|').map(|a| a.trim().to_string()).collect();
            if alts.iter().any(String::is_empty) {
                cx.error(
                    span,
                    format!("empty alternative in `{group}`"),
                    Some("separate alternatives with `|`".into()),
                );
                continue;
            }
            all_of.push(alts);
        }
        if all_of.len() < 2 {
            cx.error(
                d.span(),
                "a description needs at least two groups of words".into(),
                Some("a single word or phrase is an alias: put it in `aliases`".into()),
            );
            continue;
        }
        out.push(Description { all_of });
    }
    out
}

/// Validates one `[[event.date]]`.
fn ref_date(t: &Table<'_, '_>, cx: &mut Cx<'_>) -> Option<RefDate> {
    t.check_keys(DATE_KEYS, cx);
    let role = match t.required("role", cx) {
        Some((r, span)) => match r.as_str() {
            "start" => Some(Role::Start),
            "end" => Some(Role::End),
            "point" => Some(Role::Point),
            "span" => Some(Role::Span),
            _ => {
                let help = match nearest(&r, ROLES) {
                    Some(n) => format!("did you mean `{n}`? roles: start, end, point, span"),
                    None => "roles: start, end, point, span".to_string(),
                };
                cx.error(span, format!("unknown role `{r}`"), Some(help));
                None
            }
        },
        None => None,
    };
    let disputed = match t.get("disputed") {
        Some((_, v)) => match v.get_ref().as_bool() {
            Some(b) => b,
            None => {
                cx.error(v.span(), "`disputed` must be true or false".into(), None);
                false
            }
        },
        None => false,
    };
    let view_tables = t.tables("view", "an [[event.date.view]]", cx);
    let mut views = Vec::new();
    if t.get("view").is_some() {
        for key in ["value", "source", "note"] {
            if let Some((k, _)) = t.get(key) {
                cx.error(
                    k.span(),
                    format!("`{key}` beside [[event.date.view]]"),
                    Some("a disputed date gives each view its own value, source and note".into()),
                );
            }
        }
        for v in &view_tables {
            v.check_keys(VIEW_KEYS, cx);
            views.extend(view(v, cx));
        }
        if view_tables.len() < 2 {
            cx.error(
                t.key_span("view"),
                "a date with views needs at least two".into(),
                Some("for a single view, put value and source on the date itself".into()),
            );
        }
    } else if t.get("value").is_none() {
        cx.error(
            t.key_span("role"),
            "the date has no `value`".into(),
            Some(
                "write value = \"1895-04-17\" (YYYY, YYYY-MM, YYYY-MM-DD, seasons 1899-FA, ranges A/B)"
                    .into(),
            ),
        );
    } else {
        views.extend(view(t, cx));
    }
    let role = role?;
    if views.is_empty() {
        return None;
    }
    Some(RefDate {
        role,
        views,
        disputed,
        origin: Origin { file: cx.file.to_path_buf(), span: to_span(t.span.clone()) },
    })
}

/// One view: a value and its source, on a date or a `[[event.date.view]]`.
fn view(t: &Table<'_, '_>, cx: &mut Cx<'_>) -> Option<View> {
    let value = t.required("value", cx).and_then(|(s, span)| match parse_value(&s) {
        Ok(v) => Some(v),
        Err(why) => {
            cx.error(
                span,
                format!("bad date `{s}`: {why}"),
                Some("dates are YYYY, YYYY-MM, YYYY-MM-DD, a season YYYY-SP|SU|FA|WI, a range A/B, open A/.. or ../B, `~` for about".into()),
            );
            None
        }
    });
    let source = match t.string("source", cx) {
        Some((s, span)) if s.trim().is_empty() => {
            cx.error(span, "the date's `source` is empty".into(), Some(SOURCE_HELP.into()));
            None
        }
        Some((s, _)) => Some(s.trim().to_string()),
        None if t.get("source").is_none() => {
            cx.error(t.key_span("value"), "a date with no source".into(), Some(SOURCE_HELP.into()));
            None
        }
        None => None,
    };
    let note = t.string("note", cx).map(|(n, _)| n.trim().to_string()).filter(|n| !n.is_empty());
    Some(View { value: value?, source: source?, note })
}

const SOURCE_HELP: &str =
    "every date names its source: source = \"Author, Title (Publisher, Year), page or entry\"";

/// Reports a start that lies wholly after the end.
fn check_order(dates: &[RefDate], tables: &[Table<'_, '_>], cx: &mut Cx<'_>) {
    let find = |role| dates.iter().find(|d| d.role == role);
    let (Some(start), Some(end)) = (find(Role::Start), find(Role::End)) else { return };
    let earliest_start = start.views.iter().filter_map(|v| v.value.earliest).min();
    let latest_end = end.views.iter().filter_map(|v| v.value.latest).max();
    if let (Some(s), Some(e)) = (earliest_start, latest_end) {
        if s > e {
            let span = tables
                .iter()
                .find(|t| t.get("role").and_then(|(_, v)| v.get_ref().as_str()) == Some("end"))
                .map_or(0..0, |t| t.key_span("value"));
            cx.error(span, "the event ends before it starts".into(), None);
        }
    }
}

/// Parses an EDTF-like date: `1895`, `1895-04`, `1895-04-17`, `1899-FA`, ranges `A/B`,
/// open ranges `A/..` and `../B`, and a trailing `~` for "about".
///
/// Seasons are the northern meteorological ones: spring March–May, summer June–August,
/// autumn (FA) September–November, winter December to the next February.
pub fn parse_value(s: &str) -> Result<TimeValue, String> {
    let text = s.trim();
    let (body, approximate) = match text.strip_suffix('~') {
        Some(b) => (b, true),
        None => (text, false),
    };
    let mut value = match body.split_once('/') {
        None => point(body)?,
        Some((a, b)) => {
            let a = if a == ".." { None } else { Some(point(a)?) };
            let b = if b == ".." { None } else { Some(point(b)?) };
            let (earliest, latest) = (a.as_ref().and_then(|v| v.earliest), b.as_ref().and_then(|v| v.latest));
            if a.is_none() && b.is_none() {
                return Err("a range needs at least one end".into());
            }
            if let (Some(e), Some(l)) = (earliest, latest) {
                if e > l {
                    return Err("the range ends before it starts".into());
                }
            }
            let granularity = match (&a, &b) {
                (Some(x), Some(y)) => x.granularity.max(y.granularity),
                (Some(x), None) | (None, Some(x)) => x.granularity,
                (None, None) => Granularity::Year,
            };
            TimeValue {
                earliest,
                latest,
                granularity,
                approximate: false,
                part: None,
                calendar: Calendar::Gregorian,
                edtf: body.to_string(),
            }
        }
    };
    if approximate {
        value.approximate = true;
        value.edtf.push('~');
    }
    Ok(value)
}

/// One point: year, month, day or season.
fn point(s: &str) -> Result<TimeValue, String> {
    let mut parts = s.split('-');
    let year = parts.next().unwrap_or_default();
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{s}` does not start with a four-digit year"));
    }
    let y: i64 = year.parse().map_err(|_| format!("`{year}` is not a year"))?;
    if y == 0 {
        return Err("there is no year 0000 in these rules".into());
    }
    let second = parts.next();
    let third = parts.next();
    if parts.next().is_some() {
        return Err(format!("`{s}` has too many parts"));
    }
    let Some(second) = second else { return Ok(TimeValue::year(y)) };
    if let Some(first_month) = season(second) {
        if third.is_some() {
            return Err(format!("`{s}`: a season has no day"));
        }
        let earliest = days_from_civil(y, first_month, 1);
        let last_month = first_month + 2;
        let (ly, lm) = if last_month > 12 { (y + 1, last_month - 12) } else { (y, last_month) };
        let latest: Day = days_from_civil(ly, lm, days_in_month(ly, lm));
        return Ok(TimeValue {
            earliest: Some(earliest),
            latest: Some(latest),
            granularity: Granularity::Season,
            approximate: false,
            part: None,
            calendar: Calendar::Gregorian,
            edtf: format!("{}-{second}", format_year(y)),
        });
    }
    let m = two_digits(second)
        .filter(|m| (1..=12).contains(m))
        .ok_or_else(|| format!("`{second}` is not a month (01-12) or season (SP, SU, FA, WI)"))?;
    let Some(third) = third else { return Ok(TimeValue::month(y, m)) };
    let last = days_in_month(y, m);
    let d = two_digits(third).filter(|d| (1..=last).contains(d)).ok_or_else(|| {
        format!("`{third}` is not a day of {} (01-{last:02})", format_year(y) + "-" + second)
    })?;
    Ok(TimeValue::day(y, m, d))
}

fn two_digits(s: &str) -> Option<u8> {
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// The first month of a season code.
fn season(code: &str) -> Option<u8> {
    match code {
        "SP" => Some(3),
        "SU" => Some(6),
        "FA" => Some(9),
        "WI" => Some(12),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_to_the_days_they_cover() {
        let ymd = |y, m, d| Some(days_from_civil(y, m, d));
        let cases: &[(&str, Option<Day>, Option<Day>, Granularity)] = &[
            ("1895", ymd(1895, 1, 1), ymd(1895, 12, 31), Granularity::Year),
            ("1895-04", ymd(1895, 4, 1), ymd(1895, 4, 30), Granularity::Month),
            ("1895-04-17", ymd(1895, 4, 17), ymd(1895, 4, 17), Granularity::Day),
            ("1904-02-29", ymd(1904, 2, 29), ymd(1904, 2, 29), Granularity::Day),
            ("1899-FA", ymd(1899, 9, 1), ymd(1899, 11, 30), Granularity::Season),
            ("1904-WI", ymd(1904, 12, 1), ymd(1905, 2, 28), Granularity::Season),
            ("1894/1895", ymd(1894, 1, 1), ymd(1895, 12, 31), Granularity::Year),
            ("1905-02-20/1905-03-10", ymd(1905, 2, 20), ymd(1905, 3, 10), Granularity::Day),
            ("1904-08/1904-09-04", ymd(1904, 8, 1), ymd(1904, 9, 4), Granularity::Month),
            ("1898/..", ymd(1898, 1, 1), None, Granularity::Year),
            ("../1923", None, ymd(1923, 12, 31), Granularity::Year),
        ];
        for (text, earliest, latest, granularity) in cases {
            let v = parse_value(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((v.earliest, v.latest, v.granularity), (*earliest, *latest, *granularity), "{text}");
            assert_eq!(v.edtf, *text, "{text}");
        }
    }

    #[test]
    fn approximate_dates_keep_the_tilde() {
        let v = parse_value("1900~").unwrap_or_else(|e| panic!("{e}"));
        assert!(v.approximate);
        assert_eq!(v.edtf, "1900~");
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for text in [
            "1895-02-30",
            "1900-02-29",
            "1895-13",
            "1895-00",
            "1895-04-31",
            "95",
            "1895-4-17",
            "1895-04-17-01",
            "1899-AU",
            "1896/1895",
            "../..",
            "",
            "abcd",
            "1895-FA-01",
        ] {
            assert!(parse_value(text).is_err(), "{text:?} should be rejected");
        }
    }

    #[test]
    fn typos_find_the_nearest_name() {
        assert_eq!(nearest("nmae", EVENT_KEYS), Some("name"));
        assert_eq!(nearest("sorce", VIEW_KEYS), Some("source"));
        assert_eq!(nearest("begin", ROLES), None);
        assert_eq!(nearest("strat", ROLES), Some("start"));
    }

    #[test]
    fn tables_handed_to_serde_keep_spans_into_the_whole_file() {
        #[derive(Deserialize)]
        struct Probe {
            id: Spanned<String>,
        }
        let text = "[[entity]]\nid = \"port-arthur\"\n";
        let root = DeTable::parse(text).map(Spanned::into_inner).unwrap_or_default();
        let mut spans = Vec::new();
        for (_, value) in root {
            if let DeValue::Array(items) = value.into_inner() {
                for item in items {
                    if let Ok(p) = Probe::deserialize(ValueDeserializer::from(item)) {
                        spans.push(p.id.span());
                    }
                }
            }
        }
        // `"port-arthur"` starts at byte 16 of the file, quotes included.
        assert_eq!(spans, vec![Range { start: 16, end: 29 }]);
    }

    #[test]
    fn the_hash_depends_on_every_byte() {
        let a = fnv1a(FNV_OFFSET, b"value = \"1895-04-17\"");
        let b = fnv1a(FNV_OFFSET, b"value = \"1895-04-18\"");
        assert_ne!(a, b);
        // FNV-1a of the empty input is the offset basis; of "a" it is the published 0xaf63dc4c8601ec8c.
        assert_eq!(fnv1a(FNV_OFFSET, b""), FNV_OFFSET);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn unknown_field_messages_get_a_suggestion() {
        let help = unknown_field_help("unknown field `idd`, expected `id`");
        assert_eq!(help.as_deref(), Some("did you mean `id`?"));
    }
}
