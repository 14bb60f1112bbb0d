//! `chronolint audit NEW... --against CORPUS [--format text|json] [--html F]`
//!
//! Text output (the default): a table per document and per event, then the details of
//! every claim, conflicts quoting both sides:
//!
//! ```text
//! audit of 1 new document against corpus (5 files, 12 claims)
//!
//! document        agrees  conflicts  new  unsupported  skipped
//! new/late.txt         1          1    0            0        0
//! total                1          1    0            0        0
//!
//! event                 agrees  conflicts  new  unsupported  corpus claims
//! triple-intervention        1          1    0            0              4
//!
//! new/late.txt
//!   3:5  conflicts  the Triple Intervention, 1894
//!        "... the Triple Intervention of 1894 forced Japan ..."
//!        why: the reference timeline dates the Triple Intervention 1895 (source: Nish 1985)
//!        against the reference: 1895 (source: Nish 1985)
//!        against corpus/encyclopedia.txt:3:11 (1895): "In 1895, the Triple Intervention ..."
//! ```
//!
//! `--format json` prints one object, version 1, keys and arrays in a stable order
//! (documents by file, claims by position, events by id):
//!
//! ```json
//! {"version":1,
//!  "corpus":{"path":"corpus","files":5,"claims":12},
//!  "documents":[{"file":"new/late.txt","error":null,
//!    "counts":{"agrees":1,"conflicts":1,"new":0,"unsupported":0,"skipped":0},
//!    "claims":[{"event":"triple-intervention","role":"point","value":"1894","verdict":"conflicts",
//!      "span":{"start":40,"end":72,"line":3,"column":5},"text":"...","reason":"...","cited":false,
//!      "against":[{"kind":"reference","value":"1895","source":"..."},
//!                 {"kind":"passage","file":"corpus/a.txt","value":"1895","text":"...",
//!                  "span":{"start":..,"end":..,"line":..,"column":..}}],
//!      "supported_by":[],"more":0}]}],
//!  "events":[{"event":"triple-intervention","name":"the Triple Intervention","corpus_claims":4,
//!    "reference":["point 1895 (source: ...)"],"counts":{...}}],
//!  "counts":{"agrees":1,"conflicts":1,"new":0,"unsupported":0,"skipped":0}}
//! ```
//!
//! `start`/`end` are byte offsets, `line`/`column` 1-based (column in characters), as in
//! `check --format json`. Exit status: 1 if any claim conflicts, else 0; 2 when the audit
//! cannot be made as asked.

use crate::audit::{audit_with_progress, plural, Audit, AuditReport, ClaimAudit, Evidence, Verdict};
use crate::engine::Options;
use crate::span::Span;
use crate::text::LineIndex;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Output formats of `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new documents (files or folders).
    #[arg(required = true)]
    new: Vec<PathBuf>,
    /// The established corpus, with its chronolint.toml.
    #[arg(long, required = true)]
    against: PathBuf,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the corpus.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also write a self-contained HTML report to this file.
    #[arg(long)]
    html: Option<PathBuf>,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let options = Options { config: args.config, ..Options::default() };
    let result = super::progress::with_bar(|p| audit_with_progress(&args.against, &args.new, &options, p))
        .map_err(super::engine_report)?;
    let out = match args.format {
        Format::Text => text(&result),
        Format::Json => json(&result),
    };
    super::emit(&out)?;
    if let Some(path) = &args.html {
        crate::report::html::write(path, &crate::report::html::render_audit(&result))
            .map_err(|e| miette::miette!("could not write {}: {e}", path.display()))?;
    }
    Ok(super::Outcome { failed: result.report.has_conflicts() })
}

/// Line indexes of the quoted files.
struct Lines<'a> {
    texts: &'a BTreeMap<String, String>,
    index: BTreeMap<&'a str, LineIndex>,
}

impl<'a> Lines<'a> {
    fn new(texts: &'a BTreeMap<String, String>) -> Lines<'a> {
        Lines { texts, index: texts.iter().map(|(f, t)| (f.as_str(), LineIndex::new(t))).collect() }
    }

    fn line_col(&self, file: &str, offset: usize) -> (usize, usize) {
        match (self.index.get(file), self.texts.get(file)) {
            (Some(ix), Some(t)) => ix.line_col(t, offset),
            _ => (1, 1),
        }
    }

    fn position(&self, file: &str, span: Span) -> Value {
        let (line, column) = self.line_col(file, span.start);
        json!({"start": span.start, "end": span.end, "line": line, "column": column})
    }
}

/// The text report.
pub fn text(a: &Audit) -> String {
    let r = &a.report;
    let lines = Lines::new(&a.texts);
    let mut out = format!(
        "audit of {} against {} ({}, {})\n\n",
        plural(r.documents.len(), "new document"),
        r.corpus.path,
        plural(r.corpus.files, "file"),
        plural(r.corpus.claims, "claim"),
    );
    out.push_str(&documents_table(r));
    out.push('\n');
    out.push_str(&events_table(r));
    for d in &r.documents {
        out.push('\n');
        out.push_str(&d.file);
        out.push('\n');
        if let Some(e) = &d.error {
            out.push_str(&format!("  could not be read: {e}\n"));
        } else if d.claims.is_empty() {
            out.push_str("  no dated claim about a known event\n");
        }
        for c in &d.claims {
            out.push_str(&claim_text(&d.file, c, &lines));
        }
    }
    out
}

fn documents_table(r: &AuditReport) -> String {
    let width = r.documents.iter().map(|d| d.file.chars().count()).max().unwrap_or(0).max(8);
    let mut out = format!("{:<width$}  agrees  conflicts  new  unsupported  skipped\n", "document");
    let row = |name: &str, c: &crate::audit::Counts| {
        format!(
            "{name:<width$}  {:>6}  {:>9}  {:>3}  {:>11}  {:>7}\n",
            c.agrees, c.conflicts, c.new, c.unsupported, c.skipped
        )
    };
    for d in &r.documents {
        out.push_str(&row(&d.file, &d.counts));
    }
    out.push_str(&row("total", &r.counts));
    out
}

fn events_table(r: &AuditReport) -> String {
    if r.events.is_empty() {
        return "no claim about a known event\n".to_string();
    }
    let width = r.events.iter().map(|e| e.event.chars().count()).max().unwrap_or(0).max(5);
    let mut out = format!("{:<width$}  agrees  conflicts  new  unsupported  corpus claims\n", "event");
    for e in &r.events {
        let c = &e.counts;
        out.push_str(&format!(
            "{:<width$}  {:>6}  {:>9}  {:>3}  {:>11}  {:>13}\n",
            e.event, c.agrees, c.conflicts, c.new, c.unsupported, e.corpus_claims
        ));
    }
    out
}

fn claim_text(file: &str, c: &ClaimAudit, lines: &Lines<'_>) -> String {
    let (line, column) = lines.line_col(file, c.span.start);
    let at = format!("{line}:{column}");
    let pad = " ".repeat(at.len() + 2);
    let mut out = format!(
        "  {at}  {:<11}  {}, {}{}\n",
        c.verdict.as_str(),
        c.event_name,
        c.shown,
        if c.role == crate::rules::Role::Point { String::new() } else { format!(" ({})", c.role.as_str()) }
    );
    out.push_str(&format!("  {pad}\"{}\"\n", c.text));
    out.push_str(&format!("  {pad}why: {}\n", c.reason));
    let side = if c.verdict == Verdict::Unsupported { "other view" } else { "against" };
    for e in &c.against {
        out.push_str(&format!("  {pad}{side} {}\n", evidence_text(e, lines)));
    }
    if c.verdict != Verdict::Agrees {
        return out;
    }
    for e in &c.supported_by {
        out.push_str(&format!("  {pad}with {}\n", evidence_text(e, lines)));
    }
    out
}

fn evidence_text(e: &Evidence, lines: &Lines<'_>) -> String {
    match e {
        Evidence::Reference { shown, source, .. } => format!("the reference: {shown} (source: {source})"),
        Evidence::Passage { file, span, shown, text, .. } => {
            let (line, column) = lines.line_col(file, span.start);
            format!("{file}:{line}:{column} ({shown}): \"{text}\"")
        }
    }
}

/// The JSON report, pretty-printed, with a final newline.
pub fn json(a: &Audit) -> String {
    let r = &a.report;
    let lines = Lines::new(&a.texts);
    let evidence = |e: &Evidence| match e {
        Evidence::Reference { value, source, .. } => {
            json!({"kind": "reference", "value": value, "source": source})
        }
        Evidence::Passage { file, span, value, text, .. } => json!({
            "kind": "passage", "file": file, "span": lines.position(file, *span), "value": value, "text": text,
        }),
    };
    let documents: Vec<Value> = r
        .documents
        .iter()
        .map(|d| {
            let claims: Vec<Value> = d
                .claims
                .iter()
                .map(|c| {
                    json!({
                        "event": c.event,
                        "role": c.role.as_str(),
                        "value": c.value,
                        "verdict": c.verdict.as_str(),
                        "span": lines.position(&d.file, c.span),
                        "text": c.text,
                        "reason": c.reason,
                        "cited": c.cited,
                        "against": c.against.iter().map(evidence).collect::<Vec<_>>(),
                        "supported_by": c.supported_by.iter().map(evidence).collect::<Vec<_>>(),
                        "more": c.more,
                    })
                })
                .collect();
            json!({"file": d.file, "error": d.error, "counts": d.counts, "claims": claims})
        })
        .collect();
    let value = json!({
        "version": 1,
        "corpus": r.corpus,
        "documents": documents,
        "events": r.events,
        "counts": r.counts,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}
