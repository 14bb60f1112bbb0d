//! Inline suppressions: comments in a document that silence findings, each with a reason.
//!
//! ```text
//! <!-- chronolint-disable-next-line date-conflict -- the 1894 date is the author's, kept as quoted -->
//! <!-- chronolint-disable reference-mismatch -- period source, dates as printed -->
//! ...
//! <!-- chronolint-enable reference-mismatch -->
//! <!-- chronolint-disable-line unsupported-claim -- cited in the next section -->
//! ```
//!
//! The same directives work after `//` or `#` at the start of a line. A directive names one
//! or more codes (comma-separated) or `all`; the reason after ` -- ` is required. A
//! suppression that silences nothing is itself reported (`unused-suppression`), and a
//! malformed one (`invalid-suppression`), so stale exceptions do not pile up.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

/// Which lines a suppression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The line after the comment.
    NextLine,
    /// The comment's own line.
    Line,
    /// From the comment to the matching `chronolint-enable` (or the end of the file).
    Block,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The comment itself.
    pub span: Span,
    /// Codes it silences; empty means all.
    pub codes: Vec<String>,
    pub scope: Scope,
    /// Byte range of the text it covers.
    pub covers: Span,
    /// Why; empty when missing (which makes the comment invalid).
    pub reason: String,
}

/// A malformed suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub span: Span,
    pub problem: String,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)(?:<!--|^[ \t]*(?://|#))[ \t]*chronolint-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)(?:-->|$)",
    )
    .expect("valid regex")
});

/// Finds every suppression comment in `text`.
pub fn scan(text: &str) -> (Vec<Suppression>, Vec<Malformed>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    // A SIMD substring search: `str::contains` walks the whole of a text with none.
    if memchr::memmem::find(text.as_bytes(), b"chronolint-").is_none() {
        return (found, bad);
    }
    let mut open: Vec<usize> = Vec::new();
    // Line ends, found once: a line of thousands of comments looked for its end again
    // for each.
    let lines = Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect(), text.len());
    for cap in DIRECTIVE.captures_iter(text) {
        let (Some(all), Some(kind), Some(rest)) = (cap.get(0), cap.get(1), cap.get(2)) else { continue };
        let span = Span::new(all.start(), all.end());
        let (codes_part, reason) = match rest.as_str().split_once(" -- ") {
            Some((c, r)) => (c, r.trim().trim_end_matches("-->").trim().to_string()),
            None => (rest.as_str(), String::new()),
        };
        let codes: Vec<String> = codes_part
            .split([',', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty() && *c != "-->")
            .map(str::to_string)
            .collect();
        for c in &codes {
            if c != "all" && crate::checks::find(c).is_none() {
                let near =
                    crate::checks::nearest(c).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
                bad.push(Malformed { span, problem: format!("unknown check code `{c}`{near}") });
            }
        }
        let codes: Vec<String> = codes.into_iter().filter(|c| c != "all").collect();
        if kind.as_str() == "enable" {
            // Close the most recent open block with the same codes (or any, for a bare enable).
            if let Some(pos) = open.iter().rposition(|&i| codes.is_empty() || found_codes(&found, i) == codes)
            {
                let i = open.remove(pos);
                if let Some(s) = found.get_mut(i) {
                    let s: &mut Suppression = s;
                    s.covers.end = span.start;
                }
            } else {
                bad.push(Malformed {
                    span,
                    problem: "`chronolint-enable` with no open `chronolint-disable`".into(),
                });
            }
            continue;
        }
        if reason.is_empty() {
            bad.push(Malformed { span, problem: "a suppression needs a reason after ` -- `".into() });
            continue;
        }
        let (scope, covers) = match kind.as_str() {
            "disable-next-line" => {
                let line_end = lines.end(span.end);
                let next_end = lines.end((line_end + 1).min(text.len()));
                (Scope::NextLine, Span::new(line_end, next_end))
            }
            "disable-line" => (Scope::Line, Span::new(lines.start(span.start), lines.end(span.end))),
            _ => {
                open.push(found.len());
                (Scope::Block, Span::new(span.end, text.len()))
            }
        };
        found.push(Suppression { span, codes, scope, covers, reason });
    }
    (found, bad)
}

fn found_codes(found: &[Suppression], i: usize) -> Vec<String> {
    found.get(i).map(|s| s.codes.clone()).unwrap_or_default()
}

/// Offsets of a text's `\n`s, and its length.
struct Lines(Vec<usize>, usize);

impl Lines {
    /// Where the line holding byte `at` starts.
    fn start(&self, at: usize) -> usize {
        let k = self.0.partition_point(|&n| n < at);
        k.checked_sub(1).and_then(|k| self.0.get(k)).map_or(0, |n| n + 1)
    }

    /// Where the line holding byte `at` ends (its `\n`, or the end of the text).
    fn end(&self, at: usize) -> usize {
        self.0.get(self.0.partition_point(|&n| n < at)).copied().unwrap_or(self.1)
    }
}

impl Suppression {
    /// Whether this suppression silences a finding of `code` whose primary span starts at
    /// `span.start`.
    pub fn covers(&self, code: &str, span: Span) -> bool {
        let code_matches = self.codes.is_empty() || self.codes.iter().any(|c| c == code);
        code_matches && self.covers.start <= span.start && span.start <= self.covers.end
    }
}

crate::warm_up!(DIRECTIVE);

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Line starts and ends from the index are those found by searching the text.
        #[test]
        fn lines_from_the_index_are_those_of_the_text(text in "[ab\n]{0,40}", at in 0usize..45) {
            let at = at.min(text.len());
            let lines = Lines(memchr::memchr_iter(b'\n', text.as_bytes()).collect(), text.len());
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            proptest::prop_assert_eq!((lines.start(at), lines.end(at)), (start, end));
        }
    }

    #[test]
    fn next_line_covers_only_the_next_line() {
        let text =
            "a\n<!-- chronolint-disable-next-line date-conflict -- quoted from Nish -->\nb 1894\nc 1895\n";
        let (s, bad) = scan(text);
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(s.len(), 1);
        let b = text.find("1894").unwrap();
        let c = text.find("1895").unwrap();
        assert!(s[0].covers("date-conflict", Span::new(b, b + 4)));
        assert!(!s[0].covers("date-conflict", Span::new(c, c + 4)));
        assert!(!s[0].covers("reference-mismatch", Span::new(b, b + 4)));
        assert_eq!(s[0].reason, "quoted from Nish");
    }

    #[test]
    fn block_ends_at_enable() {
        let text = "# chronolint-disable reference-mismatch -- period source\nx 1894\n# chronolint-enable reference-mismatch\ny 1894\n";
        let (s, bad) = scan(text);
        assert!(bad.is_empty(), "{bad:?}");
        let x = text.find("x 1894").unwrap();
        let y = text.find("y 1894").unwrap();
        assert!(s[0].covers("reference-mismatch", Span::new(x, x + 6)));
        assert!(!s[0].covers("reference-mismatch", Span::new(y, y + 6)));
    }

    #[test]
    fn a_suppression_without_reason_is_malformed() {
        let (s, bad) = scan("<!-- chronolint-disable-next-line date-conflict -->\nx\n");
        assert!(s.is_empty());
        assert_eq!(bad.len(), 1);
        assert!(bad[0].problem.contains("reason"), "{}", bad[0].problem);
    }

    #[test]
    fn an_unknown_code_is_malformed_with_a_suggestion() {
        let (_, bad) = scan("<!-- chronolint-disable-line date-conflicts -- typo -->\n");
        assert!(bad.iter().any(|b| b.problem.contains("did you mean `date-conflict`")), "{bad:?}");
    }

    #[test]
    fn text_without_directives_has_none() {
        let (s, bad) = scan("In 1895, Japan felt robbed # not a directive\n");
        assert!(s.is_empty() && bad.is_empty());
    }
}
