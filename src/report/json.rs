//! `--format json`, version 1, exactly as DESIGN.md specifies:
//!
//! ```json
//! {"version":1,"diagnostics":[{"code":"date-conflict","severity":"error","message":"...",
//!   "file":"corpus/...","span":{"start":10412,"end":10451,"line":33,"column":125},
//!   "related":[{"file":"...","span":{...},"label":"dated 1895 here"}],
//!   "event":"triple-intervention","help":"...","fingerprint":"3f9a0c1b2d4e5f60"}],
//!  "summary":{"files":5,"claims":120,"error":2,"warning":5,"info":1}}
//! ```

use super::{Locator, Position};
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Run;
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

/// The JSON document for a run, pretty-printed, with a final newline.
///
/// Written straight from the run (`Document`), not through a `Value` tree: a run with
/// tens of thousands of findings held a tree of several KB per finding. A test compares
/// the bytes with the contract's fields built by hand.
pub fn render(run: &Run) -> String {
    let loc = Locator::new(run);
    let mut s = serde_json::to_string_pretty(&Document { run, loc: &loc }).unwrap_or_default();
    s.push('\n');
    s
}

/// The document, in the contract's field order.
struct Document<'r> {
    run: &'r Run,
    loc: &'r Locator<'r>,
}

/// One finding, in the contract's field order.
#[derive(serde::Serialize)]
struct Finding<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    span: Position,
    label: &'a str,
    related: Vec<Related<'a>>,
    event: &'a Option<String>,
    help: &'a Option<String>,
    notes: &'a [String],
    fingerprint: &'a str,
}

#[derive(serde::Serialize)]
struct Related<'a> {
    file: &'a str,
    span: Position,
    label: &'a str,
}

#[derive(serde::Serialize)]
struct Summary {
    files: usize,
    claims: usize,
    error: usize,
    warning: usize,
    info: usize,
}

impl<'a> Finding<'a> {
    fn new(d: &'a Diagnostic, loc: &Locator<'_>) -> Finding<'a> {
        Finding {
            code: d.code,
            severity: d.severity.as_str(),
            message: &d.message,
            file: &d.primary.file,
            span: loc.position(&d.primary.file, d.primary.span),
            label: &d.primary.message,
            related: d
                .related
                .iter()
                .map(|r| Related { file: &r.file, span: loc.position(&r.file, r.span), label: &r.message })
                .collect(),
            event: &d.event,
            help: &d.help,
            notes: &d.notes,
            fingerprint: &d.fingerprint,
        }
    }
}

/// Serialized by hand: the findings are made one at a time as they are written.
impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Findings<'r>(&'r Run, &'r Locator<'r>);
        impl Serialize for Findings<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.diagnostics.iter().map(|d| Finding::new(d, self.1)))
            }
        }
        let run = self.run;
        let mut doc = serializer.serialize_struct("Document", 3)?;
        doc.serialize_field("version", &1)?;
        doc.serialize_field("diagnostics", &Findings(run, self.loc))?;
        doc.serialize_field(
            "summary",
            &Summary {
                files: run.files,
                claims: run.claims,
                error: run.count(Severity::Error),
                warning: run.count(Severity::Warning),
                info: run.count(Severity::Info),
            },
        )?;
        doc.end()
    }
}

/// The JSON value for a run: the document `render` writes, as a tree.
pub fn to_value(run: &Run) -> Value {
    let loc = Locator::new(run);
    serde_json::to_value(Document { run, loc: &loc }).unwrap_or(Value::Null)
}
