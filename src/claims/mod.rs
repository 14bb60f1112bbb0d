//! Claims: event mentions found in sentences (by name, alias or description), tied to
//! the times near them with a role, and the `ClaimIndex` the checks read.
//! Runs per document (`extract`), then once over all documents (`ClaimIndex::build`).

pub mod assemble;
mod bounds;
mod copies;
mod extract;
mod guessed;
mod heading;
mod index;
pub mod mentions;
mod needs;
mod refuted;
pub(crate) use heading::WARM_UP as HEADING_WARM_UP;
pub(crate) use refuted::WARM_UP as REFUTED_WARM_UP;

pub use bounds::{both_may_hold, outside};
pub use copies::Copies;
pub use extract::{claims_for_comparison, extract, extract_everywhere};
pub use guessed::{settle_guessed_years, settled, unwritten_note};
pub use index::{as_compared, ClaimIndex};
pub use mentions::Matcher;

use crate::corpus::{DocId, SourceMeta};
use crate::rules::{EventId, Role};
use crate::span::Span;
use crate::text::{Citation, Sentence};
use crate::time::{TimeExpr, TimeValue};
use serde::Serialize;

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionTarget {
    /// An event of the rule book.
    Known(EventId),
    /// A named event the rules do not know ("the Russo-China War"), as written.
    Unknown(String),
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchKind {
    Name,
    Alias,
    Description,
    /// The place of a siege or battle with one of its verbs ("Port Arthur fell"), or
    /// "the city"/"the port" standing for the paragraph's latest such place.
    Place,
}

/// An event named or described in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventMention {
    pub span: Span,
    pub target: MentionTarget,
    pub via: MatchKind,
    /// Index of the sentence in `DocExtract::sentences`.
    pub sentence: usize,
}

/// A dated claim: an event, a role, a time, where it was said and what backs it.
#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub doc: DocId,
    pub event: EventId,
    pub role: Role,
    pub time: TimeExpr,
    /// The sentence holding the claim.
    pub sentence: Span,
    /// The event mention's span.
    pub event_span: Span,
    /// Citations in reach (sentence, paragraph, or the quoted block's introduction).
    pub citations: Vec<Citation>,
    /// Reported words: inside a quotation.
    pub quoted: bool,
    /// Counterfactual talk.
    pub hypothetical: bool,
    /// A verbatim repeat of an earlier sentence in the same document.
    pub repeated: bool,
    /// Whose claim this is when it is reported ("https://en.wikipedia.org/wiki/Alexander_Izvolsky").
    pub attributed_to: Option<String>,
    /// Hash of the sentence's normalized words: the same sentence copied across
    /// documents counts once.
    pub text_key: u64,
}

impl Claim {
    /// Whether the author asserts it: not quoted, not hypothetical, not a repeat.
    pub fn is_assertion(&self) -> bool {
        !self.quoted && !self.hypothetical && !self.repeated
    }

    /// Why it is not an assertion, as reports name it: "quoted", "hypothetical",
    /// "repeated" (none for an assertion).
    pub fn not_asserted(&self) -> Vec<&'static str> {
        [(self.quoted, "quoted"), (self.hypothetical, "hypothetical"), (self.repeated, "repeated")]
            .into_iter()
            .filter_map(|(is, name)| is.then_some(name))
            .collect()
    }

    /// The claim's own words: the time expression and the event mention.
    pub fn span(&self) -> Span {
        let (t, e) = (self.time.span, self.event_span);
        // Far apart (a long sentence), the time alone is the tighter, truer label.
        if t.start.abs_diff(e.start) > 160 {
            t
        } else {
            t.cover(e)
        }
    }
}

/// Everything the per-document stage found in one document: plain data for the checks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DocExtract {
    pub doc: DocId,
    pub path: String,
    pub meta: SourceMeta,
    pub sentences: Vec<Sentence>,
    pub times: Vec<TimeExpr>,
    pub mentions: Vec<EventMention>,
    pub citations: Vec<Citation>,
    pub claims: Vec<Claim>,
    /// Every match of the rules' entity names in the text (span, pattern of
    /// `EntityNames::matcher`), found once for the segmenter and `anachronism`; `None`
    /// when not looked for (the check then looks itself).
    #[serde(skip)]
    pub entities: Option<Vec<(Span, usize)>>,
    /// The year most of the document's dates are in, if one is
    /// (`checks::anachronism::dominant_year`), worked out once for the extract and the check.
    #[serde(skip)]
    pub dominant: Option<i64>,
    /// When the document was written, as its head's copyright lines say
    /// (`text::copyright::written`), read only where the configuration gives no
    /// `published`: see `DocExtract::written`.
    #[serde(skip)]
    pub copyright: Option<TimeValue>,
}

/// `DocExtract::written` of a document with `meta` and the date of its `copyright` lines,
/// for the extract, which asks before the `DocExtract` is made.
pub(crate) fn written<'a>(meta: &'a SourceMeta, copyright: Option<&'a TimeValue>) -> Option<&'a TimeValue> {
    meta.published.as_ref().or(copyright)
}

impl DocExtract {
    /// When the document was written: its configured `published` date, else the years of
    /// its head's copyright lines. For the checks that ask whether a text can mean an
    /// event or use a name, and what "ten years ago" counts from; the tagger reads no
    /// yearless date by it (a history's "February 8th" is not of its title page's year).
    pub fn written(&self) -> Option<&TimeValue> {
        written(&self.meta, self.copyright.as_ref())
    }

    /// Per sentence, the mentions of known events in it, gathered in one pass: a check
    /// that asks per phrase or per name reads its sentence's, not every mention of the
    /// document (quadratic in a long document of them).
    pub fn known_by_sentence(&self) -> Vec<Vec<&EventMention>> {
        let mut out: Vec<Vec<&EventMention>> = vec![Vec::new(); self.sentences.len()];
        for m in self.mentions.iter().filter(|m| matches!(m.target, MentionTarget::Known(_))) {
            if let Some(x) = out.get_mut(m.sentence) {
                x.push(m);
            }
        }
        out
    }
}
