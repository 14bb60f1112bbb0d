//! Diagnostics: what a check found, as plain data. Renderers in `report/` turn them into
//! text; nothing here knows an output format, and lines and columns are made there too.

use crate::span::Span;
use serde::Serialize;

/// What a finding carries, decided from the level configured for its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The word used in every output format: `info`, `warning`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file with what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The path as reached from the paths given on the command line.
    pub file: String,
    /// Byte span into that file's text.
    pub span: Span,
    /// What the span is ("dated 1895 here").
    pub message: String,
}

impl Label {
    /// A label on `span` of `file`.
    pub fn new(file: impl Into<String>, span: Span, message: impl Into<String>) -> Label {
        Label { file: file.into(), span, message: message.into() }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The check's stable kebab-case code.
    pub code: &'static str,
    /// Set from the configured level when the run is finalized.
    pub severity: Severity,
    /// Lowercase, no final period, quotes the dates involved.
    pub message: String,
    /// The claim's own words.
    pub primary: Label,
    /// Other passages, possibly in other files.
    pub related: Vec<Label>,
    /// The event's id in rules/, when the finding is about one.
    pub event: Option<String>,
    /// What to do, citing a source where there is one.
    pub help: Option<String>,
    /// Further context ("the two dates differ by the Old Style offset").
    pub notes: Vec<String>,
    /// Stable across unrelated edits; baselines key on it. Filled when the run is finalized.
    pub fingerprint: String,
    /// The most severe this finding may be, whatever its code's level: a date conflict
    /// that an Old Style date explains is softened to a warning.
    #[serde(skip)]
    pub cap: Option<Severity>,
}

impl Diagnostic {
    /// A finding of `code` at `primary`; severity and fingerprint are set later by the engine.
    pub fn new(code: &'static str, primary: Label, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Warning,
            message: message.into(),
            primary,
            related: Vec::new(),
            event: None,
            help: None,
            notes: Vec::new(),
            fingerprint: String::new(),
            cap: None,
        }
    }

    /// Caps the severity this finding may carry.
    pub fn at_most(mut self, cap: Severity) -> Diagnostic {
        self.cap = Some(cap);
        self
    }

    /// Adds a related label.
    pub fn related(mut self, label: Label) -> Diagnostic {
        self.related.push(label);
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// Names the event the finding is about.
    pub fn event(mut self, id: impl Into<String>) -> Diagnostic {
        self.event = Some(id.into());
        self
    }

    /// The order every renderer sees: file, start offset, code.
    pub fn sort_key(&self) -> (&str, usize, &str, usize) {
        (&self.primary.file, self.primary.span.start, self.code, self.primary.span.end)
    }
}
