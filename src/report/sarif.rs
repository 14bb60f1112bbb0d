//! `--format sarif`: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
//!
//! One run; `tool.driver` names chronolint with its version and one rule per check code
//! (descriptions and help from the check's doc, default level from its default). Each
//! finding is a result:
//!
//! ```json
//! {"ruleId": "date-conflict", "ruleIndex": 0, "level": "error",
//!  "message": {"text": "the Triple Intervention is dated 1894 here but 1895 in b.txt"},
//!  "locations": [{"physicalLocation": {"artifactLocation": {"uri": "corpus/a.txt"},
//!    "region": {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 33,
//!               "byteOffset": 120, "byteLength": 28}}}],
//!  "relatedLocations": [{"id": 1, "physicalLocation": {...}, "message": {"text": "dated 1895 here"}}],
//!  "partialFingerprints": {"chronolint/v1": "3f9a0c1b2d4e5f60"}}
//! ```
//!
//! URIs are the paths as reached, made relative (`./` dropped, `/`-separated, percent-
//! encoded): run chronolint from the repository root for code scanning to place them.
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`); `endColumn` is
//! the column just past the span, as SARIF defines it.

use super::{check_doc, first_sentence, information_uri, path_uri, what_it_does, Locator};
use crate::checks::{Check, CHECKS};
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::engine::Run;
use serde_json::{json, Value};

/// The SARIF schema this output follows.
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The SARIF log for a run, pretty-printed, with a final newline.
///
/// Written a result at a time (`Log`): the whole log as one `Value` tree held several KB
/// per finding. The bytes are those of `to_value` pretty-printed (a test compares them).
pub fn render(run: &Run) -> String {
    let loc = Locator::new(run);
    let mut s = serde_json::to_string_pretty(&Log { run, loc: &loc }).unwrap_or_default();
    s.push('\n');
    s
}

/// The SARIF log for a run.
pub fn to_value(run: &Run) -> Value {
    let loc = Locator::new(run);
    let results: Vec<Value> = run.diagnostics.iter().map(|d| result(d, &loc)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": tool(),
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// `to_value` as it is written: the results made one at a time.
struct Log<'r> {
    run: &'r Run,
    loc: &'r Locator<'r>,
}

impl serde::Serialize for Log<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct OneRun<'r>(&'r Log<'r>);
        struct Results<'r>(&'r Log<'r>);
        impl serde::Serialize for OneRun<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut m = serializer.serialize_map(Some(3))?;
                m.serialize_entry("tool", &tool())?;
                m.serialize_entry("columnKind", "unicodeCodePoints")?;
                m.serialize_entry("results", &Results(self.0))?;
                m.end()
            }
        }
        impl serde::Serialize for Results<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.0.run.diagnostics.iter().map(|d| result(d, self.0.loc)))
            }
        }
        let mut m = serializer.serialize_map(Some(3))?;
        m.serialize_entry("$schema", SCHEMA)?;
        m.serialize_entry("version", "2.1.0")?;
        m.serialize_entry("runs", &[OneRun(self)])?;
        m.end()
    }
}

/// The tool: chronolint, its version, and one rule per check.
fn tool() -> Value {
    let rules: Vec<Value> = CHECKS.iter().map(|c| rule(c)).collect();
    json!({
        "driver": {
            "name": "chronolint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": information_uri(),
            "rules": rules,
        }
    })
}

/// One finding as a SARIF result.
fn result(d: &Diagnostic, loc: &Locator<'_>) -> Value {
    let index = CHECKS.iter().position(|c| c.code == d.code);
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i + 1,
                "physicalLocation": physical(loc, r),
                "message": { "text": r.message },
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": physical(loc, &d.primary),
            "message": { "text": d.primary.message },
        }],
        "partialFingerprints": { "chronolint/v1": d.fingerprint },
    });
    if let Some(obj) = result.as_object_mut() {
        if let Some(i) = index {
            obj.insert("ruleIndex".into(), json!(i));
        }
        if !related.is_empty() {
            obj.insert("relatedLocations".into(), Value::Array(related));
        }
        let mut props = serde_json::Map::new();
        if let Some(e) = &d.event {
            props.insert("event".into(), json!(e));
        }
        if let Some(h) = &d.help {
            props.insert("help".into(), json!(h));
        }
        if !d.notes.is_empty() {
            props.insert("notes".into(), json!(d.notes));
        }
        if !props.is_empty() {
            obj.insert("properties".into(), Value::Object(props));
        }
    }
    result
}

fn rule(c: &Check) -> Value {
    let what = what_it_does(c);
    let doc = check_doc(c);
    json!({
        "id": c.code,
        "name": pascal(c.code),
        "shortDescription": { "text": first_sentence(&what) },
        "fullDescription": { "text": what },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": {
            "enabled": c.default_level != Level::Allow,
            "level": match c.default_level.severity() {
                Some(s) => level(s),
                None => "none",
            },
        },
    })
}

fn physical(loc: &Locator<'_>, l: &Label) -> Value {
    let p = loc.position(&l.file, l.span);
    json!({
        "artifactLocation": { "uri": path_uri(&l.file) },
        "region": {
            "startLine": p.line,
            "startColumn": p.column,
            "endLine": p.end_line,
            "endColumn": p.end_column,
            "byteOffset": l.span.start,
            "byteLength": l.span.len(),
        }
    })
}

/// SARIF's level for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `date-conflict` -> `DateConflict`, the rule's friendly name.
fn pascal(code: &str) -> String {
    code.split('-')
        .map(|w| {
            let mut cs = w.chars();
            cs.next().map(|c| c.to_ascii_uppercase().to_string() + cs.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal("date-conflict"), "DateConflict");
        assert_eq!(pascal("unreadable-source"), "UnreadableSource");
    }

    #[test]
    fn every_check_is_a_rule_in_table_order() {
        let v = to_value(&Run::default());
        let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let codes: Vec<&str> = CHECKS.iter().map(|c| c.code).collect();
        assert_eq!(ids, codes);
        assert_eq!(v["version"], "2.1.0");
    }
}
