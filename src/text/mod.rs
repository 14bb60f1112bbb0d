//! Text structure: sentences with byte spans and their flags (quoted, hypothetical,
//! repeated), citations, and `LineIndex` (byte offset <-> line:column, for `report/`).
//! Knows nothing about dates or events.

mod lines;
mod segment;

pub use lines::LineIndex;
pub use segment::segment;

use crate::span::Span;
use serde::Serialize;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph (blank-line separated block) it belongs to.
    pub paragraph: usize,
    /// Inside a quotation: reported words, not the author's own assertion.
    pub quoted: bool,
    /// Counterfactual or alternate-history talk ("would", "what if", "POD").
    pub hypothetical: bool,
    /// Index of an earlier sentence of the same document with the same words (a forum
    /// reply quoting an earlier post): the same assertion, not a new one.
    pub repeat_of: Option<usize>,
}

/// What backs a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub kind: CitationKind,
    pub span: Span,
    /// The URL, the footnote label, the author and year, or the publication named.
    pub target: String,
}

/// The forms a citation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CitationKind {
    Url,
    Footnote,
    RefTag,
    AuthorYear,
    Attribution,
    Publication,
}
