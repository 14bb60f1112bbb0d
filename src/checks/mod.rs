//! Checks: the table of every code, the `declare_check!` macro that keeps each check's
//! docs, code and default level together, and the runner. One file per check; each reads
//! the claim index and the rules and pushes diagnostics.

use crate::claims::{ClaimIndex, DocExtract};
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Label};
use crate::rules::{EventId, RuleBook};

pub mod anachronism;
pub mod anniversary_arithmetic;
pub mod calendar_offset;
mod date_conflict;
mod invalid_rule;
pub mod order_violation;
mod reference_mismatch;
mod unreadable_source;

/// A check's identity: its code, default level and documentation.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case code, also its name.
    pub code: &'static str,
    /// The level used unless config says otherwise.
    pub default_level: Level,
    /// "What it does", "Why it matters", "Example": what `chronolint explain` prints.
    pub doc: &'static str,
    /// The check's logic; `None` for codes the loaders emit.
    pub run: Option<fn(&Context<'_>, &mut Vec<Diagnostic>)>,
}

/// Declares a check: its doc comment becomes rustdoc and the text `explain` prints.
macro_rules! declare_check {
    ($(#[doc = $doc:literal])* pub static $name:ident = ($code:literal, $level:expr, $run:expr);) => {
        $(#[doc = $doc])*
        pub static $name: $crate::checks::Check = $crate::checks::Check {
            code: $code,
            default_level: $level,
            doc: concat!($($doc, "\n"),*),
            run: $run,
        };
    };
}
pub(crate) use declare_check;

/// Every check, sorted by code.
pub static CHECKS: &[&Check] = &[
    &anachronism::ANACHRONISM,
    &anniversary_arithmetic::ANNIVERSARY_ARITHMETIC,
    &calendar_offset::CALENDAR_OFFSET,
    &date_conflict::DATE_CONFLICT,
    &invalid_rule::INVALID_RULE,
    &order_violation::ORDER_VIOLATION,
    &reference_mismatch::REFERENCE_MISMATCH,
    &unreadable_source::UNREADABLE_SOURCE,
];

/// The check with this code.
pub fn find(code: &str) -> Option<&'static Check> {
    CHECKS.iter().copied().find(|c| c.code == code)
}

/// The known code nearest to a misspelt one, if any is close.
pub fn nearest(code: &str) -> Option<&'static str> {
    CHECKS
        .iter()
        .map(|c| (edit_distance(code, c.code), c.code))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// What a check reads.
pub struct Context<'a> {
    pub rules: &'a RuleBook,
    pub index: &'a ClaimIndex,
    /// Per-document results, indexed by `DocId`.
    pub docs: &'a [DocExtract],
    /// Each document's text, indexed by `DocId` (empty when unreadable).
    pub texts: &'a [String],
}

impl Context<'_> {
    /// The text of a document (empty when unknown).
    pub fn text(&self, doc: usize) -> &str {
        self.texts.get(doc).map_or("", String::as_str)
    }

    /// The path of a document.
    pub fn path(&self, doc: usize) -> &str {
        self.docs.get(doc).map_or("", |d| d.path.as_str())
    }

    /// A label on a claim's own words.
    pub fn claim_label(&self, claim: &crate::claims::Claim, message: impl Into<String>) -> Label {
        Label::new(self.path(claim.doc), claim.span(), message)
    }

    /// "the reference timeline dates it 23 April 1895 (source: ...)", for help lines.
    pub fn reference_hint(&self, event: EventId, role: crate::rules::Role) -> Option<String> {
        let r = self.rules.reference(event, role)?;
        let views: Vec<String> =
            r.views.iter().map(|v| format!("{} (source: {})", v.value, v.source)).collect();
        Some(if r.is_disputed() {
            format!("reference works disagree: {}", views.join("; "))
        } else {
            format!("the reference timeline dates it {}", views.join("; "))
        })
    }
}

/// Runs every check with logic, in table order.
pub fn run_all(cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in CHECKS {
        if let Some(run) = check.run {
            run(cx, &mut out);
        }
    }
    out
}
