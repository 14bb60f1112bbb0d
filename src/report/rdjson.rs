//! `--format rdjson`: the Reviewdog Diagnostic Format (`reviewdog -f=rdjson`).
//!
//! ```json
//! {"source": {"name": "chronolint", "url": "..."}, "diagnostics": [
//!   {"message": "...", "severity": "ERROR",
//!    "location": {"path": "corpus/a.txt",
//!                 "range": {"start": {"line": 3, "column": 5}, "end": {"line": 3, "column": 33}}},
//!    "code": {"value": "date-conflict", "url": "..."},
//!    "related_locations": [{"message": "dated 1895 here", "location": {...}}]}]}
//! ```
//!
//! As reviewdog defines them, columns count UTF-8 bytes from 1 and `end` is exclusive.

use super::{information_uri, Locator};
use crate::diagnostic::{Label, Severity};
use crate::engine::Run;
use serde_json::{json, Value};

/// The rdjson document for a run, pretty-printed, with a final newline.
pub fn render(run: &Run) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(run)).unwrap_or_default();
    s.push('\n');
    s
}

/// The rdjson value for a run.
pub fn to_value(run: &Run) -> Value {
    let loc = Locator::new(run);
    let diagnostics: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| json!({ "message": r.message, "location": location(&loc, r) }))
                .collect();
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            json!({
                "message": message,
                "location": location(&loc, &d.primary),
                "severity": severity(d.severity),
                "code": { "value": d.code, "url": format!("{}#{}", information_uri(), d.code) },
                "related_locations": related,
            })
        })
        .collect();
    json!({
        "source": { "name": "chronolint", "url": information_uri() },
        "severity": run.diagnostics.iter().map(|d| d.severity).max().map_or("INFO", severity),
        "diagnostics": diagnostics,
    })
}

fn location(loc: &Locator<'_>, l: &Label) -> Value {
    let p = loc.position(&l.file, l.span);
    json!({
        "path": l.file,
        "range": {
            "start": { "line": p.line, "column": loc.byte_column(&l.file, l.span.start) },
            "end": { "line": p.end_line, "column": loc.byte_column(&l.file, l.span.end) },
        }
    })
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    }
}
