//! The serialized form of a `DocRecord`: what the per-document stage leaves behind, in
//! JSON, for the cache (`cache.rs`) and for shards (`chronolint extract --shard`, merged
//! by `chronolint check --claims`). Events travel by their id, not their index, so a
//! record is read back only against the same rules (the rules' hash is checked).

use crate::claims::Claim;
use crate::corpus::{Genre, SourceMeta, Trust};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::engine::DocRecord;
use crate::rules::{Role, RuleBook};
use crate::span::Span;
use crate::suppress::{Malformed, Scope, Suppression};
use crate::text::{Citation, CitationKind};
use crate::time::{Anchor, Calendar, Granularity, PartOf, TimeExpr, TimeValue};
use serde::{Deserialize, Serialize};

/// Version of the record format; bump on any change.
pub const FORMAT: u32 = 1;

/// A `DocRecord` as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireRecord {
    pub doc: usize,
    pub path: String,
    pub meta: WireMeta,
    pub claims: Vec<WireClaim>,
    pub diagnostics: Vec<WireDiagnostic>,
    pub suppressions: Vec<WireSuppression>,
    pub malformed: Vec<(Span, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireMeta {
    pub genre: Genre,
    pub trust: Trust,
    pub published: Option<WireTime>,
    pub day_anchor: Option<(u8, u8)>,
    pub calendar: Calendar,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireTime {
    pub earliest: Option<i64>,
    pub latest: Option<i64>,
    pub granularity: String,
    pub approximate: bool,
    pub part: Option<String>,
    pub calendar: Calendar,
    pub edtf: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireClaim {
    pub event: String,
    pub role: Role,
    pub time_span: Span,
    pub time: WireTime,
    pub written: Option<String>,
    pub anchor: Option<WireAnchor>,
    pub sentence: Span,
    pub event_span: Span,
    /// (kind, span, target, sentence index, paragraph index)
    pub citations: Vec<(String, Span, String, usize, usize)>,
    pub quoted: bool,
    pub hypothetical: bool,
    pub repeated: bool,
    pub attributed_to: Option<String>,
    pub text_key: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WireAnchor {
    Document(String),
    Previous(String),
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireDiagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub primary: (String, Span, String),
    pub related: Vec<(String, Span, String)>,
    pub event: Option<String>,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireSuppression {
    pub span: Span,
    pub codes: Vec<String>,
    pub scope: String,
    pub covers: Span,
    pub reason: String,
}

/// Why a record could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    #[error("event `{0}` is not in the rules")]
    UnknownEvent(String),
    #[error("check code `{0}` is not known to this version")]
    UnknownCode(String),
}

/// The kebab-case name serde gives a unit variant, and back.
fn name_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn granularity_from(s: &str) -> Granularity {
    const ALL: [Granularity; 6] = [
        Granularity::Day,
        Granularity::Month,
        Granularity::Season,
        Granularity::Year,
        Granularity::Decade,
        Granularity::Century,
    ];
    ALL.into_iter().find(|g| name_of(g) == s).unwrap_or(Granularity::Year)
}

fn part_from(s: &str) -> Option<PartOf> {
    [PartOf::Start, PartOf::Mid, PartOf::End].into_iter().find(|p| name_of(p) == s)
}

fn citation_kind_from(s: &str) -> CitationKind {
    const ALL: [CitationKind; 6] = [
        CitationKind::Url,
        CitationKind::Footnote,
        CitationKind::RefTag,
        CitationKind::AuthorYear,
        CitationKind::Attribution,
        CitationKind::Publication,
    ];
    ALL.into_iter().find(|k| name_of(k) == s).unwrap_or(CitationKind::Attribution)
}

fn time_to_wire(v: &TimeValue) -> WireTime {
    WireTime {
        earliest: v.earliest,
        latest: v.latest,
        granularity: name_of(&v.granularity),
        approximate: v.approximate,
        part: v.part.as_ref().map(name_of),
        calendar: v.calendar,
        edtf: v.edtf.clone(),
    }
}

fn time_from_wire(w: WireTime) -> TimeValue {
    TimeValue {
        earliest: w.earliest,
        latest: w.latest,
        granularity: granularity_from(&w.granularity),
        approximate: w.approximate,
        part: w.part.as_deref().and_then(part_from),
        calendar: w.calendar,
        edtf: w.edtf,
    }
}

fn label_to_wire(l: &Label) -> (String, Span, String) {
    (l.file.clone(), l.span, l.message.clone())
}

impl WireRecord {
    /// The written form of a record; events are named by id.
    pub fn from_record(r: &DocRecord, rules: &RuleBook) -> WireRecord {
        WireRecord {
            doc: r.doc,
            path: r.path.clone(),
            meta: WireMeta {
                genre: r.meta.genre,
                trust: r.meta.trust,
                published: r.meta.published.as_ref().map(time_to_wire),
                day_anchor: r.meta.day_anchor,
                calendar: r.meta.calendar,
            },
            claims: r.claims.iter().map(|c| claim_to_wire(c, rules)).collect(),
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| WireDiagnostic {
                    code: d.code.to_string(),
                    severity: d.severity,
                    message: d.message.clone(),
                    primary: label_to_wire(&d.primary),
                    related: d.related.iter().map(label_to_wire).collect(),
                    event: d.event.clone(),
                    help: d.help.clone(),
                    notes: d.notes.clone(),
                })
                .collect(),
            suppressions: r
                .suppressions
                .iter()
                .map(|s| WireSuppression {
                    span: s.span,
                    codes: s.codes.clone(),
                    scope: match s.scope {
                        Scope::NextLine => "next-line",
                        Scope::Line => "line",
                        Scope::Block => "block",
                    }
                    .into(),
                    covers: s.covers,
                    reason: s.reason.clone(),
                })
                .collect(),
            malformed: r.malformed.iter().map(|m| (m.span, m.problem.clone())).collect(),
        }
    }

    /// The record again, with events resolved against `rules`.
    pub fn into_record(self, rules: &RuleBook) -> Result<DocRecord, WireError> {
        let doc = self.doc;
        let claims =
            self.claims.into_iter().map(|c| claim_from_wire(c, doc, rules)).collect::<Result<Vec<_>, _>>()?;
        let diagnostics = self
            .diagnostics
            .into_iter()
            .map(|d| {
                let code =
                    crate::checks::find(&d.code).ok_or_else(|| WireError::UnknownCode(d.code.clone()))?.code;
                let label = |(file, span, message): (String, Span, String)| Label { file, span, message };
                Ok(Diagnostic {
                    code,
                    severity: d.severity,
                    message: d.message,
                    primary: label(d.primary),
                    related: d.related.into_iter().map(label).collect(),
                    event: d.event,
                    help: d.help,
                    notes: d.notes,
                    fingerprint: String::new(),
                    cap: None,
                })
            })
            .collect::<Result<Vec<_>, WireError>>()?;
        Ok(DocRecord {
            doc,
            path: self.path,
            meta: SourceMeta {
                genre: self.meta.genre,
                trust: self.meta.trust,
                published: self.meta.published.map(time_from_wire),
                day_anchor: self.meta.day_anchor,
                calendar: self.meta.calendar,
            },
            claims,
            diagnostics,
            suppressions: self
                .suppressions
                .into_iter()
                .map(|s| Suppression {
                    span: s.span,
                    codes: s.codes,
                    scope: match s.scope.as_str() {
                        "next-line" => Scope::NextLine,
                        "line" => Scope::Line,
                        _ => Scope::Block,
                    },
                    covers: s.covers,
                    reason: s.reason,
                })
                .collect(),
            malformed: self
                .malformed
                .into_iter()
                .map(|(span, problem)| Malformed { span, problem })
                .collect(),
        })
    }
}

fn claim_to_wire(c: &Claim, rules: &RuleBook) -> WireClaim {
    WireClaim {
        event: rules.events.get(c.event).map(|e| e.id.clone()).unwrap_or_default(),
        role: c.role,
        time_span: c.time.span,
        time: time_to_wire(&c.time.value),
        written: c.time.written.clone(),
        anchor: c.time.anchor.as_ref().map(|a| match a {
            Anchor::Document(s) => WireAnchor::Document(s.clone()),
            Anchor::Previous(s) => WireAnchor::Previous(s.clone()),
            Anchor::None => WireAnchor::None,
        }),
        sentence: c.sentence,
        event_span: c.event_span,
        citations: c
            .citations
            .iter()
            .map(|x| (name_of(&x.kind), x.span, x.target.clone(), x.sentence, x.paragraph))
            .collect(),
        quoted: c.quoted,
        hypothetical: c.hypothetical,
        repeated: c.repeated,
        attributed_to: c.attributed_to.clone(),
        text_key: c.text_key,
    }
}

fn claim_from_wire(w: WireClaim, doc: usize, rules: &RuleBook) -> Result<Claim, WireError> {
    let event = rules.find(&w.event).ok_or_else(|| WireError::UnknownEvent(w.event.clone()))?;
    Ok(Claim {
        doc,
        event,
        role: w.role,
        time: TimeExpr {
            span: w.time_span,
            value: time_from_wire(w.time),
            written: w.written,
            anchor: w.anchor.map(|a| match a {
                WireAnchor::Document(s) => Anchor::Document(s),
                WireAnchor::Previous(s) => Anchor::Previous(s),
                WireAnchor::None => Anchor::None,
            }),
        },
        sentence: w.sentence,
        event_span: w.event_span,
        citations: w
            .citations
            .into_iter()
            .map(|(kind, span, target, sentence, paragraph)| Citation {
                kind: citation_kind_from(&kind),
                span,
                target,
                sentence,
                paragraph,
            })
            .collect(),
        quoted: w.quoted,
        hypothetical: w.hypothetical,
        repeated: w.repeated,
        attributed_to: w.attributed_to,
        text_key: w.text_key,
    })
}
