//! Text structure: sentences with byte spans and their flags (quoted, hypothetical,
//! repeated), citations, and `LineIndex` (byte offset <-> line:column, for `report/`).
//! Knows nothing about dates or events.

pub mod citations;
mod flags;
mod lines;
mod segment;

pub use citations::find_citations;
pub use lines::LineIndex;
pub use segment::segment;

use crate::span::Span;
use serde::Serialize;

/// A sentence of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub span: Span,
    /// Index of the paragraph it belongs to: a blank-line separated block, or in text
    /// that is not hard-wrapped (web pages, forum posts), a line.
    pub paragraph: usize,
    /// Inside a quotation: reported words, not the author's own assertion.
    pub quoted: bool,
    /// Counterfactual or alternate-history talk ("would", "what if", "POD").
    pub hypothetical: bool,
    /// Index of an earlier sentence of the same document with the same words (a forum
    /// reply quoting an earlier post): the same assertion, not a new one.
    pub repeat_of: Option<usize>,
    /// Ends with a question mark: asks, does not assert.
    pub question: bool,
    /// Whose words a quoted sentence reports: the link on the line before the quotation
    /// or the speaker introducing it.
    pub attributed_to: Option<String>,
}

/// What backs a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub kind: CitationKind,
    pub span: Span,
    /// The URL, the footnote label, the author and year, or the publication named.
    pub target: String,
    /// Index of the sentence holding it.
    pub sentence: usize,
    /// Paragraph of that sentence.
    pub paragraph: usize,
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

/// The words of `text`, lowercase, alphanumeric runs joined by one space: what two
/// copies of a sentence share whatever their punctuation, quotes and line breaks.
pub fn normalized_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A stable key for a sentence's words: FNV-1a (64 bits) of `normalized_words`.
pub fn text_key(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in normalized_words(text).as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
