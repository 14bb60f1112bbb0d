//! `--format json`, version 1, exactly as DESIGN.md specifies:
//!
//! ```json
//! {"version":1,"diagnostics":[{"code":"date-conflict","severity":"error","message":"...",
//!   "file":"corpus/...","span":{"start":10412,"end":10451,"line":33,"column":125},
//!   "related":[{"file":"...","span":{...},"label":"dated 1895 here"}],
//!   "event":"triple-intervention","help":"...","fingerprint":"3f9a0c1b2d4e5f60"}],
//!  "summary":{"files":5,"claims":120,"error":2,"warning":5,"info":1}}
//! ```

use super::Locator;
use crate::diagnostic::Severity;
use crate::engine::Run;
use serde_json::{json, Value};

/// The JSON document for a run, pretty-printed, with a final newline.
pub fn render(run: &Run) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(run)).unwrap_or_default();
    s.push('\n');
    s
}

/// The JSON value for a run.
pub fn to_value(run: &Run) -> Value {
    let loc = Locator::new(run);
    let diagnostics: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| json!({"file": r.file, "span": loc.position(&r.file, r.span), "label": r.message}))
                .collect();
            json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": d.primary.file,
                "span": loc.position(&d.primary.file, d.primary.span),
                "label": d.primary.message,
                "related": related,
                "event": d.event,
                "help": d.help,
                "notes": d.notes,
                "fingerprint": d.fingerprint,
            })
        })
        .collect();
    json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {
            "files": run.files,
            "claims": run.claims,
            "error": run.count(Severity::Error),
            "warning": run.count(Severity::Warning),
            "info": run.count(Severity::Info),
        }
    })
}
