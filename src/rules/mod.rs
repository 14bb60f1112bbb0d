//! The rule book: knowledge from `rules/*.toml` (the reference timeline of events with
//! sourced dates, entities with validity intervals, dependencies between events).
//! Rules are data; checks are code. Loading and validation live in `load.rs`; the file
//! format is documented in `rules/README.md`.

pub mod dependencies;
pub mod entities;
mod load;

pub use dependencies::Dependency;
pub use entities::{Entity, Validity};
pub use load::{
    built_in_files, default_dir, is_built_in, load_dir, load_dirs, parse_value, RuleError, BUILT_IN, KINDS,
};

use crate::span::Span;
use crate::time::TimeValue;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::PathBuf;

/// An event's position in `RuleBook::events`.
pub type EventId = usize;

/// The role a time plays for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// When it began ("broke out", "began", "opened hostilities").
    Start,
    /// When it ended ("ended", "surrendered", "fell").
    End,
    /// A one-off: a signing, an attack, a battle fought in a day.
    Point,
    /// Its whole extent ("the Boxer Rebellion of 1899–1901").
    Span,
}

impl Role {
    /// `start`, `end`, `point`, `span`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Start => "start",
            Role::End => "end",
            Role::Point => "point",
            Role::Span => "span",
        }
    }
}

/// Where a rule item was written, so errors and findings can point into the TOML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub span: Span,
}

/// An event of the reference timeline.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable kebab-case id (`triple-intervention`).
    pub id: String,
    /// The name used in messages ("the Triple Intervention").
    pub name: String,
    /// Other names it goes by, matched case-insensitively on word boundaries.
    pub aliases: Vec<String>,
    /// Sets of words that together name the event in one sentence.
    pub descriptions: Vec<Description>,
    /// war, battle, treaty, incident, rebellion, ...
    pub kind: String,
    /// Reference dates, each with role, views and sources.
    pub dates: Vec<RefDate>,
    pub origin: Origin,
}

impl Event {
    /// The years the event's reference dates cover, earliest to latest, ends included (the
    /// years a did-you-mean suggestion shows); `None` when no date is bounded.
    pub fn era(&self) -> Option<(i64, i64)> {
        let values = self.dates.iter().flat_map(|d| &d.views).map(|v| &v.value);
        let start = values.clone().filter_map(|v| v.start_year()).min()?;
        let end = values.filter_map(|v| v.end_year()).max()?;
        Some((start, end))
    }

    /// The event in a role, for messages: "the start of the Boxer Rebellion", "the end of
    /// ...", or its name for a point or a span.
    pub fn in_role(&self, role: Role) -> String {
        match role {
            Role::Start => format!("the start of {}", self.name),
            Role::End => format!("the end of {}", self.name),
            Role::Point | Role::Span => self.name.clone(),
        }
    }

    /// What the rules lack for a claim of `role`, for messages: "no single date for the
    /// March First Movement", "no span for ...", "no date for the start of ...".
    pub fn undated(&self, role: Role) -> String {
        match role {
            Role::Point => format!("no single date for {}", self.name),
            Role::Span => format!("no span for {}", self.name),
            Role::Start | Role::End => format!("no date for {}", self.in_role(role)),
        }
    }
}

/// Words that together name an event: every group must match in the sentence, a group
/// matching when any of its alternatives does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub all_of: Vec<Vec<String>>,
}

/// A reference date for one role of an event.
#[derive(Debug, Clone)]
pub struct RefDate {
    pub role: Role,
    /// One view, or several when reference works disagree.
    pub views: Vec<View>,
    /// Set when historians disagree (also implied by more than one view).
    pub disputed: bool,
    pub origin: Origin,
}

/// Which side of a reference date a time lies on (`RuleBook::outside`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Before,
    After,
}

/// One dating of an event by one source.
#[derive(Debug, Clone)]
pub struct View {
    pub value: TimeValue,
    /// Author, title, year, page or article.
    pub source: String,
    /// What this side holds ("the Shandong rising, autumn 1899").
    pub note: Option<String>,
}

impl RefDate {
    /// The views' dates as messages list them: "1850", "autumn 1899 or June 1900".
    pub fn values(&self) -> String {
        let values: Vec<String> = self.views.iter().map(|v| v.value.to_string()).collect();
        values.join(" or ")
    }

    /// Whether historians disagree on this date.
    pub fn is_disputed(&self) -> bool {
        self.disputed || self.views.len() > 1
    }

    /// Whether any view allows `value`.
    pub fn admits(&self, value: &TimeValue) -> bool {
        self.views.iter().any(|v| v.value.overlaps(value))
    }

    /// Whether `value` holds every view whole: written no finer than where the views part
    /// ("1876", when one view gives 21 August 1876 and another 13 September), it takes no
    /// side in the dispute.
    pub fn holds_every_view(&self, value: &TimeValue) -> bool {
        let (Some(lo), Some(hi)) = (value.earliest, value.latest) else { return false };
        self.views
            .iter()
            .all(|v| v.value.earliest.is_some_and(|e| e >= lo) && v.value.latest.is_some_and(|l| l <= hi))
    }

    /// For a span: the ends of a range `value` ("8 February 1904 – 5 September 1906") that
    /// no view allows, each end read at the precision it is written in ("1894–1895" is
    /// any day of 1894 to any day of 1895). A range that overlaps the span may still
    /// start before it or end after it, and then it says the event lasted longer than
    /// the sources do. Empty for a value that is no range, or whose ends both fall in a
    /// view (one view for its start and another for its end, where they disagree).
    pub fn ends_outside(&self, value: &TimeValue) -> Vec<TimeValue> {
        let Some((start, end)) =
            value.edtf.split_once('/').filter(|_| self.role == Role::Span && value.is_range())
        else {
            return Vec::new();
        };
        [start, end].into_iter().filter_map(TimeValue::parse_edtf).filter(|e| !self.admits(e)).collect()
    }
}

/// What `unknown-event` suggests from: the unknown name, the passage's year, the events
/// excluded (named in the same sentence), the last year the text can have been written in.
pub type SuggestionKey = (String, Option<i64>, Vec<EventId>, Option<i64>);

/// A name folded for comparison and the set of its words.
pub type NameWords = (String, std::collections::BTreeSet<String>);

/// What `unknown-event` compares an unknown name with, built from the rule book once.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Per event, per name (the name, then each alias): the name folded and its words.
    pub names: Vec<Vec<NameWords>>,
    /// Every distinctive word of those names, once (in byte order), with what finds it.
    pub words: Vec<IndexedWord>,
}

/// A distinctive word of the events' names (`NameIndex::words`).
#[derive(Debug, Clone)]
pub struct IndexedWord {
    pub word: String,
    /// Its length in chars.
    pub chars: usize,
    /// Bit `c % 64` set for each char `c` of the word: two words within two edits of each
    /// other each hold at most two bits the other lacks.
    pub mask: u64,
    /// The events with a name holding it, in ascending order.
    pub events: Vec<EventId>,
}

/// The whole rule book.
#[derive(Debug, Clone, Default)]
pub struct RuleBook {
    pub events: Vec<Event>,
    pub entities: Vec<Entity>,
    pub dependencies: Vec<Dependency>,
    /// Hash of every rule file's bytes, for caches.
    pub hash: u64,
    /// Events that are one moment of another (`same-as = "siege-of-port-arthur:end"` on
    /// the surrender of Port Arthur): their claims are compared as claims of that role.
    pub same_as: std::collections::BTreeMap<EventId, (EventId, Role)>,
    /// The entities' names as one automaton, built on first use (see `entity_names`).
    pub entity_names_cache: std::sync::OnceLock<entities::EntityNames>,
    /// The events' names and their words as `unknown-event` compares them; filled by
    /// that check on first use.
    pub name_words_cache: std::sync::OnceLock<NameIndex>,
    /// Per event, the other events whose names put them at the same place (the siege and
    /// the attack of Port Arthur); filled by claim assembly on first use.
    pub place_neighbours_cache: std::sync::OnceLock<Vec<Vec<EventId>>>,
    /// Suggestions `unknown-event` made, by what they were made from: the same unknown
    /// names recur across a corpus.
    pub suggestions_cache: Memo<SuggestionKey, Vec<EventId>>,
    /// Per unknown name: the events sharing a distinctive word with it, and how close
    /// their closest name is (`unknown-event`'s score before the passage's year is
    /// weighed): the same name recurs with other years and other events beside it.
    pub name_scores_cache: Memo<String, Vec<(EventId, i64)>>,
    /// Per word of a name as written, whether it brings one no event's name holds
    /// (`unknown-event`'s `brings_an_unknown_word`).
    pub unknown_words_cache: Memo<String, bool>,
}

/// A map filled while a run reads the rule book, shared by its threads. A clone starts
/// empty: what it holds is derived from the book and can always be worked out again.
pub struct Memo<K, V>(std::sync::Mutex<std::collections::HashMap<K, V>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(std::sync::Mutex::new(std::collections::HashMap::new()))
    }
}

impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memo")
    }
}

impl<K: std::hash::Hash + Eq, V: Clone> Memo<K, V> {
    /// The value for `key`, worked out by `make` the first time. (A poisoned lock only
    /// means another thread panicked; the map is still sound.)
    pub fn get_or(&self, key: K, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return v.clone();
        }
        let v = make();
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(key, v.clone());
        v
    }
}

impl RuleBook {
    /// The automaton of the entities' names, built once per rule book, not per document.
    /// (The book must not change after the first call.)
    pub fn entity_names(&self) -> &entities::EntityNames {
        self.entity_names_cache.get_or_init(|| entities::EntityNames::new(&self.entities))
    }

    /// The event with this index.
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id]
    }

    /// The index of the event with this id.
    pub fn find(&self, id: &str) -> Option<EventId> {
        self.events.iter().position(|e| e.id == id)
    }

    /// The reference date of `event` for `role`, if the rules have one.
    pub fn reference(&self, event: EventId, role: Role) -> Option<&RefDate> {
        self.events.get(event)?.dates.iter().find(|d| d.role == role)
    }

    /// Where the rules date `event` by a start and an end and in no other way, the two: a
    /// point of the event lies between them ("the Twenty-One Demands of 1915", whose start
    /// is 18 January 1915 and end 25 May 1915). `None` where either end is disputed, as a
    /// point between one view of a start and another is vouched for by neither.
    pub fn start_and_end(&self, event: EventId) -> Option<(&RefDate, &RefDate)> {
        let e = self.events.get(event)?;
        if e.dates.iter().any(|d| matches!(d.role, Role::Point | Role::Span)) {
            return None;
        }
        let (start, end) = (self.reference(event, Role::Start)?, self.reference(event, Role::End)?);
        (!start.is_disputed() && !end.is_disputed()).then_some((start, end))
    }

    /// The start or the end of `event` as the rules' span gives it, where they give no
    /// start or end of their own: the span "1905-02-20/1905-03-10" ends on 10 March 1905,
    /// at the precision it is written in. `None` for another role, an event dated no
    /// such way, or a span open at that end.
    pub fn end_of_span(&self, event: EventId, role: Role) -> Option<RefDate> {
        let e = self.events.get(event)?;
        let side = match role {
            Role::Start => 0,
            Role::End => 1,
            _ => return None,
        };
        let span = e.dates.iter().find(|d| d.role == Role::Span)?;
        let views = span
            .views
            .iter()
            .map(|v| {
                let end = v.value.edtf.split('/').nth(side).filter(|_| v.value.is_range())?;
                let value = TimeValue::parse_edtf(end).filter(TimeValue::is_bounded)?;
                Some(View { value, ..v.clone() })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(RefDate { role, views, disputed: span.disputed, origin: span.origin.clone() })
    }

    /// `reference`, or, where the rules give no date of that role, the start or end their
    /// span gives (`end_of_span`): what the checks that compare passages with each other
    /// take the rules to say, so that they agree with `reference-mismatch`.
    pub fn reference_or_span_end(&self, event: EventId, role: Role) -> Option<Cow<'_, RefDate>> {
        match self.reference(event, role) {
            Some(r) => Some(Cow::Borrowed(r)),
            None => self.end_of_span(event, role).map(Cow::Owned),
        }
    }

    /// Where the rules date `event` only in other roles than a claim's, the reference date
    /// that `value` falls wholly outside of, if any: before every view of its start or its
    /// span, or after every view of its end or its span. An event happens after it begins
    /// and before it ends, so "the March First Movement of 1918" contradicts its start of
    /// 1 March 1919 though the rules give no single date to compare it with.
    pub fn outside(&self, event: EventId, value: &TimeValue) -> Option<(Side, &RefDate)> {
        let e = self.events.get(event)?;
        let (earliest, latest) = (value.earliest?, value.latest?);
        e.dates.iter().find_map(|d| {
            // Over every view, and none where a view is open at that end.
            let first = d.views.iter().map(|v| v.value.earliest).collect::<Option<Vec<_>>>();
            let last = d.views.iter().map(|v| v.value.latest).collect::<Option<Vec<_>>>();
            let first = first.and_then(|f| f.into_iter().min());
            let last = last.and_then(|l| l.into_iter().max());
            match d.role {
                Role::Start | Role::Span if first.is_some_and(|f| latest < f) => Some((Side::Before, d)),
                Role::End | Role::Span if last.is_some_and(|l| earliest > l) => Some((Side::After, d)),
                _ => None,
            }
        })
    }

    /// The (event, role) a claim is compared as: through `same-as` first, then by the
    /// event's shape (`effective_role`).
    pub fn canonical(&self, event: EventId, role: Role) -> (EventId, Role) {
        match self.same_as.get(&event) {
            Some(&(to, to_role)) if self.effective_role(event, role) == Role::Point => (to, to_role),
            _ => (event, self.effective_role(event, role)),
        }
    }

    /// The role a claim's time plays once the event's own shape is known. Text says a
    /// fortress "surrendered" (an end) or a treaty "came into force" (a start), but when
    /// the rules date the event only as a point, every such time is about that point; and
    /// a time given for an event the rules date as a span is a point inside it.
    pub fn effective_role(&self, event: EventId, role: Role) -> Role {
        let Some(e) = self.events.get(event) else { return role };
        let has = |r: Role| e.dates.iter().any(|d| d.role == r);
        if e.dates.is_empty() || has(role) {
            return role;
        }
        if has(Role::Point) && !has(Role::Start) && !has(Role::End) && !has(Role::Span) {
            return Role::Point;
        }
        // "The Boxer War of 1900": a point in an event the rules date as a span is a time
        // inside that span, whatever its start and end.
        if role == Role::Point && has(Role::Span) {
            return Role::Span;
        }
        role
    }
}
