//! Batch audits: how a set of new documents agrees with an established corpus.
//!
//! `audit` checks the corpus as `check` would (its `chronolint.toml`, its rules), extracts
//! the claims of the new documents with the same rules and settings, and classifies each
//! asserted claim of a new document against the corpus's claims of the same event and role
//! and against the reference timeline:
//!
//! - **conflicts**: the reference timeline has a date for the event and role and none of
//!   its views allows the claim's time; or, with no reference, some corpus claim's time
//!   cannot be true together with it. The passages it disagrees with are kept.
//! - **unsupported**: the reference date is disputed (historians disagree), the claim
//!   sides with one view, and no citation is in reach of it.
//! - **agrees**: a reference view allows it (the reference decides where there is one),
//!   or, with no reference, every corpus claim of that event and role allows it. A point
//!   of an event the rules date by an undisputed start and end only agrees where it falls
//!   between them, as a point of an event dated by its span does.
//! - **new**: the corpus says nothing about that event and role, and the rules give no date.
//!
//! Quoted, hypothetical and repeated claims are not the document's own assertions, and a
//! time without a year ("March 1st", read where no date before it gives one) or with an
//! open end ("until 1923") cannot be set against a date, as in `check`: such claims are
//! counted as `skipped`, not classified. Everything here is plain data, sorted (documents by
//! path, claims by position, events by id); rendering is `cli/audit.rs` and `report/html.rs`.

use crate::claims::{self, Claim, DocExtract};
use crate::corpus::{self, Document};
use crate::engine::{self, EngineError, Options, Progress, Run};
use crate::rules::{EventId, RefDate, RuleBook};
use crate::span::Span;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// How many corpus passages a claim quotes on each side at most.
const MAX_PASSAGES: usize = 5;

/// How a claim of a new document stands against the corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The reference or the corpus allows its time.
    Agrees,
    /// The reference or a corpus passage contradicts its time.
    Conflicts,
    /// Nothing in the corpus or the rules about this event and role.
    New,
    /// A disputed date asserted with no citation in reach.
    Unsupported,
}

impl Verdict {
    /// Every verdict, in the order the tables show them.
    pub const ALL: [Verdict; 4] = [Verdict::Agrees, Verdict::Conflicts, Verdict::New, Verdict::Unsupported];

    /// `agrees`, `conflicts`, `new`, `unsupported`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Conflicts => "conflicts",
            Verdict::New => "new",
            Verdict::Unsupported => "unsupported",
        }
    }
}

/// Claims per verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub agrees: usize,
    pub conflicts: usize,
    pub new: usize,
    pub unsupported: usize,
    /// Quoted, hypothetical or repeated claims, and claims whose time has no year or
    /// an open end: not classified.
    pub skipped: usize,
}

impl Counts {
    /// Counts one more claim of this verdict.
    pub fn add(&mut self, v: Verdict) {
        match v {
            Verdict::Agrees => self.agrees += 1,
            Verdict::Conflicts => self.conflicts += 1,
            Verdict::New => self.new += 1,
            Verdict::Unsupported => self.unsupported += 1,
        }
    }

    /// How many claims have this verdict.
    pub fn get(&self, v: Verdict) -> usize {
        match v {
            Verdict::Agrees => self.agrees,
            Verdict::Conflicts => self.conflicts,
            Verdict::New => self.new,
            Verdict::Unsupported => self.unsupported,
        }
    }

    fn merge(&mut self, other: &Counts) {
        self.agrees += other.agrees;
        self.conflicts += other.conflicts;
        self.new += other.new;
        self.unsupported += other.unsupported;
        self.skipped += other.skipped;
    }
}

/// What a claim is compared with: a reference date or a corpus passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Evidence {
    /// A view of the reference timeline.
    Reference {
        /// EDTF-like value.
        value: String,
        /// Human form ("1895").
        shown: String,
        source: String,
    },
    /// A claim of the corpus.
    Passage {
        file: String,
        /// The claim's own words in `file`.
        span: Span,
        /// EDTF-like value.
        value: String,
        /// Human form ("1894").
        shown: String,
        /// The sentence, whitespace folded, cut to a few hundred characters.
        text: String,
    },
}

/// One claim of a new document and its verdict.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimAudit {
    /// The event's id in rules/.
    pub event: String,
    /// The event's name for messages.
    pub event_name: String,
    pub role: crate::rules::Role,
    /// EDTF-like value of the claim's time.
    pub value: String,
    /// Human form of the time ("1894").
    pub shown: String,
    /// The claim's own words in the document.
    pub span: Span,
    /// The sentence, whitespace folded, cut to a few hundred characters.
    pub text: String,
    pub verdict: Verdict,
    /// Why, in one line ("the reference timeline gives 1895").
    pub reason: String,
    /// Whether a citation is in reach of the claim.
    pub cited: bool,
    /// What it disagrees with (conflicts), or the other side of a dispute (unsupported).
    pub against: Vec<Evidence>,
    /// What it agrees with, at most a few passages.
    pub supported_by: Vec<Evidence>,
    /// How many corpus passages were left out of `against` and `supported_by`.
    pub more: usize,
}

/// One new document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentAudit {
    /// The path as given on the command line.
    pub file: String,
    pub counts: Counts,
    /// Sorted by position, then event id.
    pub claims: Vec<ClaimAudit>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
}

/// One event the new documents talk about.
#[derive(Debug, Clone, Serialize)]
pub struct EventAudit {
    pub event: String,
    pub name: String,
    pub counts: Counts,
    /// Asserted claims of the corpus about the event, any role.
    pub corpus_claims: usize,
    /// The reference dates, human form with source ("1895 (source: ...)").
    pub reference: Vec<String>,
}

/// The corpus audited against.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusSummary {
    pub path: String,
    pub files: usize,
    pub claims: usize,
}

/// The whole audit, plain data.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    pub corpus: CorpusSummary,
    /// Sorted by file.
    pub documents: Vec<DocumentAudit>,
    /// Sorted by event id.
    pub events: Vec<EventAudit>,
    /// All documents together.
    pub counts: Counts,
}

impl AuditReport {
    /// Whether any claim conflicts (exit status 1).
    pub fn has_conflicts(&self) -> bool {
        self.counts.conflicts > 0
    }
}

/// An audit with what renderers need beside the report: the corpus run, the new
/// documents' extracts, and the text of every file quoted.
#[derive(Debug)]
pub struct Audit {
    pub report: AuditReport,
    /// The corpus, checked as `check` would.
    pub corpus: Run,
    /// The new documents, in report order.
    pub batch: Vec<DocExtract>,
    /// Text of the new documents and of every corpus file they are compared with.
    pub texts: BTreeMap<String, String>,
}

/// Audits the documents under `new` against the corpus at `corpus`.
///
/// The corpus's configuration (found from `corpus` unless `options.config` names one)
/// gives the rules and source metadata for both sides.
pub fn audit(corpus_path: &Path, new: &[PathBuf], options: &Options) -> Result<Audit, EngineError> {
    audit_with_progress(corpus_path, new, options, &|_| {})
}

/// `audit`, telling `progress` how far it got (the corpus, then the new documents).
pub fn audit_with_progress(
    corpus_path: &Path,
    new: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Audit, EngineError> {
    for p in std::iter::once(corpus_path).chain(new.iter().map(PathBuf::as_path)) {
        if !p.exists() {
            return Err(EngineError::MissingPath(p.to_path_buf()));
        }
    }
    let roots = [corpus_path.to_path_buf()];
    let settings = engine::settings_for(&roots, options)?;
    let rules = engine::rules_for(&settings)?;
    let matcher = crate::claims::Matcher::new(&rules);
    let corpus_run = engine::check_paths_with_progress(&roots, options, progress)?;

    // A new document that is already part of the corpus would agree with itself.
    let in_corpus: BTreeSet<PathBuf> =
        corpus_run.docs.iter().filter_map(|d| std::fs::canonicalize(&d.path).ok()).collect();
    let files: Vec<PathBuf> = corpus::discover(new)
        .files
        .into_iter()
        .filter(|p| std::fs::canonicalize(p).map_or(true, |c| !in_corpus.contains(&c)))
        .collect();

    progress(Progress::Files(files.len()));
    let loaded: Vec<(DocExtract, Result<String, String>)> = files
        .par_iter()
        .enumerate()
        .map(|(id, path)| {
            progress(Progress::Document);
            let shown = path.to_string_lossy().into_owned();
            match corpus::load(path) {
                Ok(text) => {
                    // Claims are read with the ignored text blanked and character references
                    // written as characters; excerpts quote the file.
                    let written = (!settings.ignore.is_empty() || text.contains('&')).then(|| text.clone());
                    let mut doc = Document { id, path: shown, text, meta: settings.meta_for(path) };
                    settings.prose(&mut doc.text);
                    let mut extract = claims::extract(&doc, &rules, &matcher);
                    // Compared as the corpus's claims are: canonical, guessed years settled.
                    claims::as_compared(&mut extract.claims, &rules);
                    (extract, Ok(written.unwrap_or(doc.text)))
                }
                Err(e) => (DocExtract { doc: id, path: shown, ..DocExtract::default() }, Err(e.to_string())),
            }
        })
        .collect();

    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut corpus_texts = CorpusTexts::default();
    let mut documents = Vec::new();
    let mut batch = Vec::new();
    for (extract, text) in loaded {
        let doc = match text {
            Ok(text) => {
                let d = audit_document(&extract, &text, &corpus_run, &rules, &mut corpus_texts);
                texts.insert(extract.path.clone(), text);
                d
            }
            Err(error) => DocumentAudit {
                file: extract.path.clone(),
                counts: Counts::default(),
                claims: Vec::new(),
                error: Some(error),
            },
        };
        documents.push(doc);
        batch.push(extract);
    }
    texts.extend(corpus_texts.0);
    let events = event_summaries(&documents, &corpus_run, &rules);
    let mut counts = Counts::default();
    for d in &documents {
        counts.merge(&d.counts);
    }
    let report = AuditReport {
        corpus: CorpusSummary {
            path: corpus_path.to_string_lossy().into_owned(),
            files: corpus_run.files,
            claims: corpus_run.claims,
        },
        documents,
        events,
        counts,
    };
    Ok(Audit { report, corpus: corpus_run, batch, texts })
}

/// Texts of corpus files, read once each when a passage is quoted.
#[derive(Default)]
struct CorpusTexts(BTreeMap<String, String>);

impl CorpusTexts {
    fn get(&mut self, file: &str) -> &str {
        self.0
            .entry(file.to_string())
            .or_insert_with(|| corpus::load(Path::new(file)).unwrap_or_default())
            .as_str()
    }
}

fn audit_document(
    extract: &DocExtract,
    text: &str,
    corpus: &Run,
    rules: &RuleBook,
    corpus_texts: &mut CorpusTexts,
) -> DocumentAudit {
    let mut counts = Counts::default();
    let mut out = Vec::new();
    // The claims are as compared (`claims::as_compared`): one per sentence, event, role
    // and time.
    for claim in &extract.claims {
        if !claim.is_assertion() || !claim.time.value.is_bounded() {
            counts.skipped += 1;
            continue;
        }
        out.push(classify(claim, text, corpus, rules, corpus_texts));
    }
    out.sort_by(|a, b| (a.span, &a.event, a.role).cmp(&(b.span, &b.event, b.role)));
    out.dedup_by(|a, b| a.span == b.span && a.event == b.event && a.role == b.role);
    for a in &out {
        counts.add(a.verdict);
    }
    DocumentAudit { file: extract.path.clone(), counts, claims: out, error: None }
}

fn classify(
    claim: &Claim,
    text: &str,
    corpus: &Run,
    rules: &RuleBook,
    corpus_texts: &mut CorpusTexts,
) -> ClaimAudit {
    let event = rules.event(claim.event);
    let value = &claim.time.value;
    let reference = rules.reference_or_span_end(claim.event, claim.role);
    let reference = reference.as_deref();
    let corpus_claims: Vec<&Claim> = corpus
        .index
        .about(claim.event)
        .filter(|c| c.role == claim.role && c.is_assertion() && c.time.value.is_bounded())
        .collect();
    let (agreeing, disagreeing): (Vec<&Claim>, Vec<&Claim>) =
        corpus_claims.iter().partition(|c| c.time.value.overlaps(value));

    // Where the rules do not date this role, a time before the event's start or after its
    // end contradicts them all the same.
    let outside = reference.is_none().then(|| crate::claims::outside(claim, rules)).flatten();
    // A range that starts before the reference span or ends after it, as `check` finds.
    let sticks_out = reference.is_some_and(|r| !r.ends_outside(value).is_empty());
    // A point of an event the rules date by its start and end only agrees with them where
    // it falls between the two, as a point of an event dated by its span does ("the
    // Twenty-One Demands of 1915"). A point before the start or after the end is `outside`.
    let course = reference
        .is_none()
        .then(|| rules.start_and_end(claim.event))
        .flatten()
        .filter(|(start, end)| claim.role == crate::rules::Role::Point && in_course(value, start, end));
    let verdict = match reference {
        Some(r) if !r.admits(value) || sticks_out => Verdict::Conflicts,
        None if outside.is_some() => Verdict::Conflicts,
        None if course.is_some() => Verdict::Agrees,
        // As `unsupported-claim` judges it: a time that holds every view takes no side.
        Some(r) if r.is_disputed() && !r.holds_every_view(value) && claim.citations.is_empty() => {
            Verdict::Unsupported
        }
        Some(_) => Verdict::Agrees,
        None if !disagreeing.is_empty() => Verdict::Conflicts,
        None if !agreeing.is_empty() => Verdict::Agrees,
        None => Verdict::New,
    };
    let what = event.in_role(claim.role);
    // Where the rules date only the event's course, the start or end compared with is
    // the span's: say so, or "dates the start of the Taiping Rebellion 1850" reads as a
    // date the rules give when they give "1850–1864".
    let span = match rules.reference(claim.event, claim.role) {
        None => rules.reference(claim.event, crate::rules::Role::Span),
        Some(_) => None,
    };
    let dated = |r: &RefDate| match span {
        Some(s) => format!(
            "the reference timeline dates {} {}: its {} is {}",
            event.name,
            views(s),
            claim.role.as_str(),
            r.values()
        ),
        None => format!("the reference timeline dates {what} {}", views(r)),
    };
    let reason = match (verdict, reference) {
        (Verdict::Conflicts, Some(r)) => dated(r),
        (Verdict::Conflicts, None) => match outside {
            Some((side, r)) => {
                let when = if side == crate::rules::Side::Before { "before" } else { "after" };
                format!(
                    "this date is {when} {}, which the reference timeline dates {}",
                    event.in_role(r.role),
                    views(r)
                )
            }
            None => format!("{} of the corpus date {what} otherwise", plural(disagreeing.len(), "passage")),
        },
        (Verdict::Unsupported, Some(r)) => {
            format!("reference works disagree on {what} ({}) and no citation backs this one", views(r))
        }
        (Verdict::Agrees, Some(r)) => dated(r),
        (Verdict::Agrees, None) => match course {
            Some((start, end)) => {
                // Neither is disputed, so each has one view; one source is named once.
                let (first, last) = (start.views.first(), end.views.first());
                let (start, end) = match (first, last) {
                    (Some(f), Some(l)) if f.source == l.source => {
                        (start.values(), format!("{} (source: {})", end.values(), l.source))
                    }
                    _ => (views(start), views(end)),
                };
                format!(
                    "the reference timeline dates the start of {} {start} and its end {end}; this date falls in that course",
                    event.name
                )
            }
            None => format!("{} of the corpus agree and none disagrees", plural(agreeing.len(), "passage")),
        },
        _ => {
            // The rules may date the event in another role: say which, so that "new" does
            // not read as an event the rules know nothing of.
            let others: Vec<String> = event
                .dates
                .iter()
                .map(|d| match d.role {
                    crate::rules::Role::Point => format!("its date {}", views(d)),
                    role => format!("its {} {}", role.as_str(), views(d)),
                })
                .collect();
            if others.is_empty() {
                format!("neither the corpus nor the rules date {what}")
            } else {
                format!(
                    "the rules give {}, only {}; the corpus does not date it",
                    event.undated(claim.role),
                    others.join(" and ")
                )
            }
        }
    };

    let reference_evidence = |r: &RefDate, pick: &dyn Fn(bool) -> bool| -> Vec<Evidence> {
        r.views
            .iter()
            .filter(|v| pick(v.value.overlaps(value) && !sticks_out))
            .map(|v| Evidence::Reference {
                value: v.value.edtf.clone(),
                shown: v.value.to_string(),
                source: v.source.clone(),
            })
            .collect()
    };
    let mut against = Vec::new();
    let mut supported_by = Vec::new();
    if let Some(r) = reference {
        against.extend(reference_evidence(r, &|admits| !admits));
        supported_by.extend(reference_evidence(r, &|admits| admits));
    }
    if let Some((_, r)) = outside {
        against.extend(reference_evidence(r, &|_| true));
    }
    for r in course.iter().flat_map(|&(start, end)| [start, end]) {
        supported_by.extend(reference_evidence(r, &|_| true));
    }
    let mut more = 0;
    for (list, claims) in [(&mut against, &disagreeing), (&mut supported_by, &agreeing)] {
        let mut seen = BTreeSet::new();
        for c in claims.iter() {
            let Some(doc) = corpus.docs.get(c.doc) else { continue };
            if !seen.insert((c.doc, c.sentence)) {
                continue;
            }
            if seen.len() > MAX_PASSAGES {
                more += 1;
                continue;
            }
            let ctext = corpus_texts.get(&doc.path);
            list.push(Evidence::Passage {
                file: doc.path.clone(),
                span: c.span(),
                value: c.time.value.edtf.clone(),
                shown: c.time.value.to_string(),
                text: excerpt(ctext, c.sentence, c.span()),
            });
        }
    }

    ClaimAudit {
        event: event.id.clone(),
        event_name: event.name.clone(),
        role: claim.role,
        value: value.edtf.clone(),
        shown: value.to_string(),
        span: claim.span(),
        text: excerpt(text, claim.sentence, claim.span()),
        verdict,
        reason,
        cited: !claim.citations.is_empty(),
        against,
        supported_by,
        more,
    }
}

/// Whether `value` meets the time from the earliest `start` to the latest `end` allow.
fn in_course(value: &crate::time::TimeValue, start: &RefDate, end: &RefDate) -> bool {
    let first = start.views.iter().filter_map(|v| v.value.earliest).min();
    let last = end.views.iter().filter_map(|v| v.value.latest).max();
    match (value.earliest, value.latest, first, last) {
        (Some(earliest), Some(latest), Some(first), Some(last)) => latest >= first && earliest <= last,
        _ => false,
    }
}

fn views(r: &RefDate) -> String {
    let v: Vec<String> = r.views.iter().map(|v| format!("{} (source: {})", v.value, v.source)).collect();
    v.join(" or ")
}

/// "1 passage", "3 passages": `n` and the noun `one`, plural by an "s" when `n` is not 1.
pub(crate) fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// The sentence around `span`, whitespace folded, cut to about 300 characters around
/// the span with `…` where cut. Never panics: every cut is on a char boundary.
pub fn excerpt(text: &str, sentence: Span, span: Span) -> String {
    excerpt_within(text, sentence, span, 150)
}

/// `excerpt` with at most about `width` bytes of the sentence on each side of `span`.
pub fn excerpt_within(text: &str, sentence: Span, span: Span, width: usize) -> String {
    let s = sentence.cover(span);
    let mut start = crate::text::floor_boundary(text, s.start.max(span.start.saturating_sub(width)));
    let mut end = crate::text::ceil_boundary(text, s.end.min(span.end.saturating_add(width)));
    // A cut inside a word moves to the space beside it, never into the span.
    let space = |c: char| c.is_whitespace();
    if start > s.start && !text.get(..start).is_some_and(|h| h.ends_with(space)) {
        if let Some(i) = text.get(start..span.start).and_then(|t| t.find(space)) {
            start += i;
        }
    }
    if end < s.end && !text.get(end..).is_some_and(|t| t.starts_with(space)) {
        if let Some(i) = text.get(span.end..end).and_then(|t| t.rfind(space)) {
            end = span.end + i;
        }
    }
    let body = text.get(start..end).unwrap_or("");
    let mut out = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > s.start {
        out.insert_str(0, "… ");
    }
    if end < s.end {
        out.push_str(" …");
    }
    out
}

fn event_summaries(documents: &[DocumentAudit], corpus: &Run, rules: &RuleBook) -> Vec<EventAudit> {
    let mut by_event: BTreeMap<&str, Counts> = BTreeMap::new();
    for d in documents {
        for c in &d.claims {
            by_event.entry(c.event.as_str()).or_default().add(c.verdict);
        }
    }
    by_event
        .into_iter()
        .filter_map(|(id, counts)| {
            let eid: EventId = rules.find(id)?;
            let event = rules.event(eid);
            let reference = event
                .dates
                .iter()
                .flat_map(|d| d.views.iter().map(move |v| (d.role, v)))
                .map(|(role, v)| format!("{} {} (source: {})", role.as_str(), v.value, v.source))
                .collect();
            Some(EventAudit {
                event: id.to_string(),
                name: event.name.clone(),
                counts,
                corpus_claims: corpus.index.about(eid).filter(|c| c.is_assertion()).count(),
                reference,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_folds_whitespace_and_cuts_on_char_boundaries() {
        let text = "Before.  The   Triple\nIntervention of 1894 forced Japan. After.";
        let sentence = Span::new(9, 56);
        assert_eq!(
            excerpt(text, sentence, Span::new(38, 42)),
            "The Triple Intervention of 1894 forced Japan."
        );
        // A long sentence of multi-byte characters is cut on both sides without panicking.
        let long = "é".repeat(400);
        let cut = excerpt(&long, Span::new(0, long.len()), Span::new(401, 403));
        assert!(cut.starts_with("… ") && cut.ends_with(" …"), "{cut}");
        // Cuts fall between words.
        let words = "alpha beta gamma delta 1900 epsilon zeta eta theta";
        let at = words.find("1900").unwrap();
        let cut = excerpt_within(words, Span::new(0, words.len()), Span::new(at, at + 4), 9);
        assert_eq!(cut, "… delta 1900 epsilon …");
        // The words cut are left out; the span stays whole.
        let cut = excerpt_within("abcdefghij 1900 klmnopqrst", Span::new(0, 26), Span::new(11, 15), 4);
        assert_eq!(cut, "… 1900 …");
        let cut = excerpt_within("abcdefghij1900klmnopqrst", Span::new(0, 24), Span::new(10, 14), 4);
        assert_eq!(cut, "… ghij1900klmn …", "no space to cut at: cut inside the word");
    }

    use crate::claims::ClaimIndex;
    use crate::rules::{Event, Origin, Role, View};
    use crate::text::{Citation, CitationKind};
    use crate::time::{TimeExpr, TimeValue};

    /// A rule book with one event whose date is disputed: 1899 or 1900.
    fn disputed_rules() -> RuleBook {
        let view =
            |y: i64, source: &str| View { value: TimeValue::year(y), source: source.into(), note: None };
        RuleBook {
            events: vec![Event {
                id: "boxer-rising".into(),
                name: "the Boxer Rising".into(),
                aliases: Vec::new(),
                descriptions: Vec::new(),
                kind: "rebellion".into(),
                dates: vec![RefDate {
                    role: Role::Start,
                    views: vec![view(1899, "Esherick 1987"), view(1900, "Cohen 1997")],
                    disputed: true,
                    origin: Origin::default(),
                }],
                origin: Origin::default(),
            }],
            ..RuleBook::default()
        }
    }

    fn claim(year: i64, cited: bool) -> Claim {
        Claim {
            doc: 0,
            event: 0,
            role: Role::Start,
            time: TimeExpr {
                span: Span::new(30, 34),
                value: TimeValue::year(year),
                written: None,
                anchor: None,
            },
            sentence: Span::new(0, 35),
            event_span: Span::new(0, 16),
            citations: if cited {
                vec![Citation {
                    kind: CitationKind::AuthorYear,
                    span: Span::new(36, 50),
                    target: "Cohen 1997".into(),
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
            text_key: 0,
        }
    }

    #[test]
    fn a_disputed_date_needs_a_citation() {
        let rules = disputed_rules();
        let corpus = Run { index: ClaimIndex::build(Vec::new()), ..Run::default() };
        let text = "The Boxer Rising broke out in 1900. (Cohen 1997)";
        let verdict = |year, cited| {
            classify(&claim(year, cited), text, &corpus, &rules, &mut CorpusTexts::default()).verdict
        };
        // Sides with one view, nothing cited: unsupported, and the other view is quoted.
        assert_eq!(verdict(1900, false), Verdict::Unsupported);
        let a = classify(&claim(1900, false), text, &corpus, &rules, &mut CorpusTexts::default());
        assert!(
            matches!(&a.against[..], [Evidence::Reference { value, .. }] if value == "1899"),
            "{:?}",
            a.against
        );
        // Cited: agrees with its side.
        assert_eq!(verdict(1900, true), Verdict::Agrees);
        // Outside both views: conflicts, citation or not.
        assert_eq!(verdict(1902, true), Verdict::Conflicts);
        // Holds both views: takes no side, and agrees uncited.
        let mut both = claim(1900, false);
        both.time.value = TimeValue::parse_edtf("1899/1900").expect("a range");
        assert_eq!(
            classify(&both, text, &corpus, &rules, &mut CorpusTexts::default()).verdict,
            Verdict::Agrees
        );
    }

    #[test]
    fn counts_add_and_get_agree() {
        let mut c = Counts::default();
        for v in [Verdict::Agrees, Verdict::Conflicts, Verdict::Conflicts, Verdict::Unsupported] {
            c.add(v);
        }
        assert_eq!((c.get(Verdict::Agrees), c.get(Verdict::Conflicts), c.get(Verdict::New)), (1, 2, 0));
        assert_eq!(c.get(Verdict::Unsupported), 1);
    }
}
