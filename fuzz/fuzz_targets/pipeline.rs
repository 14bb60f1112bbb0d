//! Fuzzes the whole per-document stage (segmenting, tagging, mentions, claims, the
//! per-document checks, suppression comments) against the shipped rules: any UTF-8
//! document must not panic, every claim's and finding's spans must lie inside it on char
//! boundaries, and the stage must find what `extract_everywhere` (segment and match
//! everything) finds: the same claims and the same per-document findings. The text is
//! given as the engine gives it, its lone carriage returns made line feeds
//! (`corpus::mend_line_ends`).
#![no_main]

use chronolint::claims::{extract, Matcher};
use chronolint::corpus::{Document, SourceMeta};
use chronolint::rules::RuleBook;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RULES: LazyLock<(RuleBook, Matcher)> = LazyLock::new(|| {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let book = chronolint::rules::load_dir(&dir).expect("the shipped rules load");
    let matcher = Matcher::new(&book);
    (book, matcher)
});

fuzz_target!(|data: &[u8]| {
    // Line ends mended as the engine's `decode` does (NUL bytes are kept: text with them
    // still goes through the stage, where control characters stand for gaps).
    let mut bytes = data.to_vec();
    let _ = chronolint::corpus::mend_line_ends(&mut bytes);
    let Ok(text) = std::str::from_utf8(&bytes) else { return };
    let (rules, matcher) = &*RULES;
    let doc =
        Document { id: 0, path: "fuzz.txt".into(), text: text.to_string(), meta: SourceMeta::default() };
    let out = extract(&doc, rules, matcher);
    for c in &out.claims {
        for span in [c.sentence, c.time.span, c.event_span] {
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let policy = chronolint::config::TrustPolicies::default();
    let cx = chronolint::checks::DocContext { text, extract: &out, rules, policy: &policy };
    let findings = chronolint::checks::run_per_doc(&cx);
    let everywhere = chronolint::claims::extract_everywhere(&doc, rules, matcher);
    let cx_all = chronolint::checks::DocContext { text, extract: &everywhere, rules, policy: &policy };
    assert_eq!(
        chronolint::claims::claims_for_comparison(&out),
        chronolint::claims::claims_for_comparison(&everywhere)
    );
    assert_eq!(format!("{findings:?}"), format!("{:?}", chronolint::checks::run_per_doc(&cx_all)));
    for d in findings {
        for label in std::iter::once(&d.primary).chain(&d.related).filter(|l| l.file == "fuzz.txt") {
            let span = label.span;
            assert!(span.start <= span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
    let _ = chronolint::suppress::scan(text);
});
