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
mod invalid_suppression;
pub mod order_violation;
mod reference_mismatch;
pub mod unknown_event;
mod unreadable_source;
mod unsupported_claim;
mod unused_suppression;

/// A check's identity: its code, default level and documentation.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case code, also its name.
    pub code: &'static str,
    /// The level used unless config says otherwise.
    pub default_level: Level,
    /// "What it does", "Why it matters", "Example": what `chronolint explain` prints.
    pub doc: &'static str,
    /// The check's logic over the whole corpus (the claim index); `None` for codes the
    /// loaders emit and for checks that need only one document.
    pub run: Option<fn(&Context<'_>, &mut Vec<Diagnostic>)>,
    /// The check's logic over one document, run in the parallel per-document stage while
    /// its text, sentences and times are at hand.
    pub per_doc: Option<fn(&DocContext<'_>, &mut Vec<Diagnostic>)>,
}

impl Check {
    /// Whether the check has logic of its own (not only a code the loaders emit).
    pub fn has_logic(&self) -> bool {
        self.run.is_some() || self.per_doc.is_some()
    }
}

/// Declares a check: its doc comment becomes rustdoc and the text `explain` prints.
///
/// `("code", Level::Deny, Some(run))` for a check over the claim index,
/// `("code", Level::Warn, per_doc = run)` for one over a single document, and
/// `("code", Level::Warn, None)` for a code the loaders emit.
macro_rules! declare_check {
    ($(#[doc = $doc:literal])* pub static $name:ident = ($code:literal, $level:expr, per_doc = $run:expr);) => {
        $(#[doc = $doc])*
        pub static $name: $crate::checks::Check = $crate::checks::Check {
            code: $code,
            default_level: $level,
            doc: concat!($($doc, "\n"),*),
            run: None,
            per_doc: Some($run),
        };
    };
    ($(#[doc = $doc:literal])* pub static $name:ident = ($code:literal, $level:expr, $run:expr);) => {
        $(#[doc = $doc])*
        pub static $name: $crate::checks::Check = $crate::checks::Check {
            code: $code,
            default_level: $level,
            doc: concat!($($doc, "\n"),*),
            run: $run,
            per_doc: None,
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
    &invalid_suppression::INVALID_SUPPRESSION,
    &order_violation::ORDER_VIOLATION,
    &reference_mismatch::REFERENCE_MISMATCH,
    &unknown_event::UNKNOWN_EVENT,
    &unreadable_source::UNREADABLE_SOURCE,
    &unsupported_claim::UNSUPPORTED_CLAIM,
    &unused_suppression::UNUSED_SUPPRESSION,
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
    edit_distance_within(a, b, usize::MAX).unwrap_or(usize::MAX)
}

/// `edit_distance(a, b)` when it is at most `limit`, else `None`, found without working
/// out the rest once every way through is over the limit (two rows, reused: names are
/// compared with every name in the rules).
pub fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
        // No later row is below this one's least value.
        if prev.iter().min().is_some_and(|&m| m > limit) {
            return None;
        }
    }
    Some(prev[b.len()]).filter(|&d| d <= limit)
}

/// What a per-document check reads: one document, everything found in it, the rules.
pub struct DocContext<'a> {
    pub text: &'a str,
    pub extract: &'a DocExtract,
    pub rules: &'a RuleBook,
    /// Citation policy per trust tier, from the config.
    pub policy: &'a crate::config::TrustPolicies,
}

impl DocContext<'_> {
    /// The document's text (`doc` is for symmetry with `Context::text`; a per-document
    /// check sees one document).
    pub fn text(&self, _doc: usize) -> &str {
        self.text
    }

    /// The document's path.
    pub fn path(&self, _doc: usize) -> &str {
        &self.extract.path
    }
}

/// Runs every per-document check over one document, in table order.
pub fn run_per_doc(cx: &DocContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for check in CHECKS {
        if let Some(run) = check.per_doc {
            run(cx, &mut out);
        }
    }
    out
}

/// What a corpus-wide check reads.
pub struct Context<'a> {
    pub rules: &'a RuleBook,
    pub index: &'a ClaimIndex,
    /// Per-document records, indexed by `DocId`: path, source metadata, claims.
    pub docs: &'a [crate::engine::DocRecord],
    /// Citation policy per trust tier, from the config.
    pub policy: &'a crate::config::TrustPolicies,
    /// The config's `ignore` patterns: a text read again is blanked as it was when its
    /// claims were found.
    pub ignore: &'a [regex::Regex],
    /// Paragraphs of the documents read again, for `calendar_offset::is_russian_context`.
    pub paragraphs: calendar_offset::Paragraphs,
}

impl<'a> Context<'a> {
    /// A context over the claims of `index` and the documents `docs`, with no text read
    /// yet.
    pub fn new(
        rules: &'a RuleBook,
        index: &'a ClaimIndex,
        docs: &'a [crate::engine::DocRecord],
        policy: &'a crate::config::TrustPolicies,
        ignore: &'a [regex::Regex],
    ) -> Context<'a> {
        Context { rules, index, docs, policy, ignore, paragraphs: calendar_offset::Paragraphs::default() }
    }

    /// The text of a document, read again from its file (empty when unreadable), blanked
    /// by the `ignore` patterns and its character references written as characters, as
    /// the per-document stage read it. The cross-document stage keeps no text, so a
    /// check asks only for the few documents whose passages it must look at.
    pub fn text(&self, doc: usize) -> String {
        let mut text = self
            .docs
            .get(doc)
            .and_then(|d| crate::corpus::load(std::path::Path::new(&d.path)).ok())
            .unwrap_or_default();
        crate::config::prose(self.ignore, &mut text);
        text
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
        let r = self.rules.reference_or_span_end(event, role)?;
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
    use rayon::prelude::*;
    // The checks run side by side, each into its own list; the lists are joined in the
    // order of `CHECKS`, so the result is what running them one after another gives.
    let each: Vec<Vec<Diagnostic>> = CHECKS
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            if let Some(run) = check.run {
                run(cx, &mut out);
            }
            out
        })
        .collect();
    each.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Levenshtein distance by the full table, one row allocated per character.
    fn full_table(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in t.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in t[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                t[i][j] = (t[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(t[i - 1][j] + 1)
                    .min(t[i][j - 1] + 1);
            }
        }
        t[a.len()][b.len()]
    }

    proptest::proptest! {
        /// The bounded distance is the distance when within the limit, and `None` beyond.
        #[test]
        fn the_bounded_distance_is_the_distance_within_its_limit(
            a in "[abcé]{0,9}",
            b in "[abcé]{0,9}",
            limit in 0usize..6,
        ) {
            let d = full_table(&a, &b);
            proptest::prop_assert_eq!(edit_distance(&a, &b), d);
            proptest::prop_assert_eq!(edit_distance_within(&a, &b, limit), (d <= limit).then_some(d));
        }
    }
}
