//! `unsupported-claim`: a dated assertion that nothing supports.

use crate::checks::{declare_check, Context};
use crate::claims::Claim;
use crate::config::{Cite, Level};
use crate::corpus::Trust;
use crate::diagnostic::Diagnostic;
use std::collections::BTreeSet;

declare_check! {
    /// ## What it does
    /// Flags a dated assertion with no citation in reach (its sentence, its paragraph, or
    /// the quotation it belongs to) when the source's trust tier is expected to cite it:
    ///
    /// - the date is disputed in rules/ (reference works disagree) and the claim takes a
    ///   side (a year that holds every view's day takes none), or it is contradicted
    ///   by another source and the reference does not settle it, and the tier's policy is
    ///   `cite = "contested"` (the default for medium and high trust: an encyclopedia);
    /// - any dated claim, when the policy is `cite = "all"`;
    /// - the date is unknown to the reference and only sources of tiers that do not
    ///   establish facts alone (`establishes = false`, the default for low trust: a
    ///   forum) make it.
    ///
    /// Quoted, hypothetical and repeated sentences are not assertions and are left out; a
    /// claim that contradicts the reference is `reference-mismatch`'s, not this check's.
    ///
    /// ## Why it matters
    /// Where historians disagree, a reader needs to know whose dating the text follows;
    /// an uncited contested date passes one side off as settled.
    ///
    /// ## Example
    /// ```text
    /// encyclopedia.txt: In 1899 the Boxer Rebellion broke out with Chinese attacks on all foreigners.
    /// rules/:           start disputed: autumn 1899 (Shandong rising) or June 1900 (Peking)
    /// ```
    /// Cite the source the date follows (a footnote, a `<ref>`, "(Esherick 1987)"), or say
    /// which view the text takes. Set the policy per tier under `[trust.*]` in chronolint.toml.
    pub static UNSUPPORTED_CLAIM = ("unsupported-claim", Level::Warn, Some(run));
}

fn run(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for ((event, role), claims) in cx.index.by_event_and_role() {
        let reference = cx.rules.reference_or_span_end(event, role);
        let reference = reference.as_deref();
        let assertions: Vec<&Claim> =
            claims.iter().copied().filter(|c| c.is_assertion() && c.time.value.is_bounded()).collect();
        // The same sentence copied into several documents counts once.
        let mut seen = BTreeSet::new();
        for c in &assertions {
            if !c.citations.is_empty() || !seen.insert((c.text_key, c.time.value.edtf.clone())) {
                continue;
            }
            let Some(doc) = cx.docs.get(c.doc) else { continue };
            let policy = cx.policy.of(doc.meta.trust);
            let mismatch = match reference {
                Some(r) => !r.admits(&c.time.value),
                None => crate::claims::outside(c, cx.rules).is_some(),
            };
            let reason = if mismatch {
                None // reference-mismatch reports it
            } else if let Some(r) =
                reference.filter(|r| r.is_disputed() && !r.holds_every_view(&c.time.value))
            {
                (policy.cite != Cite::Never).then(|| {
                    let views: Vec<String> = r
                        .views
                        .iter()
                        .map(|v| match &v.note {
                            Some(n) => format!("{} ({n}; {})", v.value, v.source),
                            None => format!("{} ({})", v.value, v.source),
                        })
                        .collect();
                    format!("reference works disagree on this date: {}", views.join(" or "))
                })
            } else if reference.is_none() && policy.cite != Cite::Never {
                contradicted_by(c, &assertions, cx.rules).map(|other| {
                    format!(
                        "{} gives {} and the reference timeline does not settle it",
                        cx.path(other.doc),
                        other.time.value
                    )
                })
            } else {
                None
            };
            let reason = reason
                .or_else(|| {
                    (policy.cite == Cite::All)
                        .then(|| "this source's policy asks for a citation on every dated claim".to_string())
                })
                .or_else(|| {
                    (reference.is_none() && !policy.establishes && !established_elsewhere(cx, c, &assertions))
                        .then(|| {
                            format!(
                            "the reference timeline has no date for this, and only {} sources make the claim",
                            tier_name(doc.meta.trust)
                        )
                        })
                });
            let Some(reason) = reason else { continue };
            let ev = cx.rules.event(event);
            let what = ev.in_role(role);
            out.push(
                Diagnostic::new(
                    UNSUPPORTED_CLAIM.code,
                    cx.claim_label(c, format!("dated {} with no citation in reach", c.time.value)),
                    format!("{what} is dated {} here with nothing to support it", c.time.value),
                )
                .event(ev.id.clone())
                .note(reason)
                .help(format!(
                    "cite the source this date follows (a footnote, a <ref>, a link, or author and year such as \"(Esherick 1987)\") in this sentence or paragraph{}",
                    if reference.is_some_and(|r| r.is_disputed()) { ", or say which view the text takes" } else { "" }
                )),
            );
        }
    }
}

/// Another asserted claim of the same event and role, in another document, that cannot
/// hold together with `c`, of an event and role the rules do not date. One the rules
/// contradict (before the event began, `claims::outside`) settles nothing, and two points
/// of an event whose end (or start) is not known may both hold (`claims::both_may_hold`).
fn contradicted_by<'a>(c: &Claim, all: &[&'a Claim], rules: &crate::rules::RuleBook) -> Option<&'a Claim> {
    all.iter().copied().find(|o| {
        o.doc != c.doc
            && !o.time.value.overlaps(&c.time.value)
            && crate::claims::outside(o, rules).is_none()
            && !crate::claims::both_may_hold(c, o, rules)
    })
}

/// Whether a source of a tier that establishes facts makes an agreeing claim.
fn established_elsewhere(cx: &Context<'_>, c: &Claim, all: &[&Claim]) -> bool {
    all.iter().any(|o| {
        o.time.value.overlaps(&c.time.value)
            && (!o.citations.is_empty()
                || cx.docs.get(o.doc).is_some_and(|d| cx.policy.of(d.meta.trust).establishes))
    })
}

fn tier_name(t: Trust) -> &'static str {
    match t {
        Trust::Low => "low-trust",
        Trust::Medium => "medium-trust",
        Trust::High => "high-trust",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::ClaimIndex;
    use crate::config::TrustPolicies;
    use crate::corpus::SourceMeta;
    use crate::engine::DocRecord;
    use crate::rules::Role;
    use crate::rules::{Event, Origin, RefDate, RuleBook, View};
    use crate::span::Span;
    use crate::text::{Citation, CitationKind};
    use crate::time::{TimeExpr, TimeValue};

    fn claim(doc: usize, role: Role, value: TimeValue, key: u64, cited: bool) -> Claim {
        Claim {
            doc,
            event: 0,
            role,
            time: TimeExpr { span: Span::new(3, 7), value, written: None, anchor: None },
            sentence: Span::new(0, 40),
            event_span: Span::new(8, 30),
            citations: if cited {
                vec![Citation {
                    kind: CitationKind::AuthorYear,
                    span: Span::new(31, 40),
                    target: "Esherick 1987".into(),
                    sentence: 0,
                    paragraph: 0,
                }]
            } else {
                Vec::new()
            },
            quoted: false,
            hypothetical: false,
            repeated: false,
            attributed_to: None,
            text_key: key,
        }
    }

    fn doc(id: usize, trust: Trust, claims: Vec<Claim>) -> DocRecord {
        DocRecord {
            doc: id,
            path: format!("doc{id}.txt"),
            meta: SourceMeta { trust, ..SourceMeta::default() },
            claims,
            ..DocRecord::default()
        }
    }

    fn boxer(disputed: bool) -> RuleBook {
        let view = |v: TimeValue, s: &str| View { value: v, source: s.into(), note: None };
        let views = if disputed {
            vec![
                view(TimeValue::month(1899, 10), "Esherick 1987"),
                view(TimeValue::month(1900, 6), "Britannica"),
            ]
        } else {
            vec![view(TimeValue::month(1899, 10), "Esherick 1987")]
        };
        RuleBook {
            events: vec![Event {
                id: "boxer-rebellion".into(),
                name: "the Boxer Rebellion".into(),
                aliases: Vec::new(),
                descriptions: Vec::new(),
                kind: "rebellion".into(),
                dates: vec![RefDate { role: Role::Start, views, disputed, origin: Origin::default() }],
                origin: Origin::default(),
            }],
            ..RuleBook::default()
        }
    }

    fn findings(rules: &RuleBook, docs: &[DocRecord]) -> Vec<String> {
        let index = ClaimIndex::build(docs.iter().flat_map(|d| d.claims.iter().cloned()).collect());
        let policy = TrustPolicies::default();
        let cx = Context::new(rules, &index, docs, &policy, &[]);
        let mut out = Vec::new();
        run(&cx, &mut out);
        out.iter().map(|d| format!("{}: {}", d.primary.file, d.message)).collect()
    }

    #[test]
    fn a_disputed_start_without_citation_in_a_high_trust_source_is_flagged() {
        let docs = [doc(0, Trust::High, vec![claim(0, Role::Start, TimeValue::year(1899), 1, false)])];
        let got = findings(&boxer(true), &docs);
        assert_eq!(
            got,
            ["doc0.txt: the start of the Boxer Rebellion is dated 1899 here with nothing to support it"]
        );
    }

    #[test]
    fn a_time_that_holds_every_view_takes_no_side() {
        // October 1899 and June 1900 both lie in "1899–1900"; "1900" holds only one.
        let both = TimeValue::parse_edtf("1899/1900").expect("a range");
        let docs = [doc(0, Trust::High, vec![claim(0, Role::Start, both, 1, false)])];
        assert!(findings(&boxer(true), &docs).is_empty());
        let one = [doc(0, Trust::High, vec![claim(0, Role::Start, TimeValue::year(1900), 1, false)])];
        assert_eq!(findings(&boxer(true), &one).len(), 1);
    }

    #[test]
    fn a_cited_disputed_start_is_not_flagged() {
        let docs = [doc(0, Trust::High, vec![claim(0, Role::Start, TimeValue::year(1899), 1, true)])];
        assert!(findings(&boxer(true), &docs).is_empty());
    }

    #[test]
    fn an_uncontested_uncited_date_is_not_flagged() {
        let docs = [doc(0, Trust::High, vec![claim(0, Role::Start, TimeValue::year(1899), 1, false)])];
        assert!(findings(&boxer(false), &docs).is_empty());
    }

    #[test]
    fn a_forum_need_not_cite_a_disputed_date() {
        let docs = [doc(0, Trust::Low, vec![claim(0, Role::Start, TimeValue::year(1899), 1, false)])];
        assert!(findings(&boxer(true), &docs).is_empty());
    }

    #[test]
    fn a_forum_alone_does_not_establish_a_date_the_reference_lacks() {
        // No reference for the end: only a low-trust source dates it.
        let alone = [doc(0, Trust::Low, vec![claim(0, Role::End, TimeValue::year(1901), 1, false)])];
        assert_eq!(findings(&boxer(true), &alone).len(), 1);
        // A medium-trust source agreeing establishes it.
        let backed = [
            doc(0, Trust::Low, vec![claim(0, Role::End, TimeValue::year(1901), 1, false)]),
            doc(1, Trust::Medium, vec![claim(1, Role::End, TimeValue::year(1901), 2, false)]),
        ];
        assert!(findings(&boxer(true), &backed).is_empty());
    }

    #[test]
    fn contradicted_and_unsettled_by_the_reference_needs_a_citation() {
        let docs = [
            doc(0, Trust::High, vec![claim(0, Role::End, TimeValue::year(1901), 1, false)]),
            doc(1, Trust::High, vec![claim(1, Role::End, TimeValue::year(1902), 2, true)]),
        ];
        let got = findings(&boxer(true), &docs);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("doc0.txt: the end of the Boxer Rebellion is dated 1901"), "{got:?}");
    }

    #[test]
    fn the_same_sentence_copied_across_documents_counts_once() {
        let docs = [
            doc(0, Trust::High, vec![claim(0, Role::Start, TimeValue::year(1899), 7, false)]),
            doc(1, Trust::High, vec![claim(1, Role::Start, TimeValue::year(1899), 7, false)]),
        ];
        assert_eq!(findings(&boxer(true), &docs).len(), 1);
    }
}
