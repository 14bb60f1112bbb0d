//! Library errors as miette reports that point into the config or rule file.

use crate::engine::EngineError;
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};
use std::path::Path;

/// One report for an engine error, listing every problem with its file and span.
pub fn engine_report(err: EngineError) -> Report {
    match err {
        EngineError::Config(errors) => many(
            "the configuration is invalid",
            "chronolint::config",
            errors.into_iter().map(|e| (e.file, e.span, e.message, e.help)).collect(),
        ),
        EngineError::Rules(errors) => many(
            "the rules are invalid",
            "invalid-rule",
            errors.into_iter().map(|e| (e.file, e.span, e.message, e.help)).collect(),
        ),
        other => miette::miette!("{other}"),
    }
}

type Problem = (std::path::PathBuf, Option<crate::span::Span>, String, Option<String>);

fn many(title: &str, code: &str, problems: Vec<Problem>) -> Report {
    let n = problems.len();
    let mut reports: Vec<String> = Vec::new();
    for (file, span, message, help) in problems {
        reports.push(format!("{:?}", one(&file, span, &message, help.as_deref(), code)));
    }
    miette::miette!("{title} ({n} problem{}):\n\n{}", if n == 1 { "" } else { "s" }, reports.join("\n"))
}

fn one(
    file: &Path,
    span: Option<crate::span::Span>,
    message: &str,
    help: Option<&str>,
    code: &str,
) -> Report {
    let mut d = MietteDiagnostic::new(format!("{}: {message}", file.display())).with_code(code);
    if let Some(h) = help {
        d = d.with_help(h);
    }
    match (span, std::fs::read_to_string(file)) {
        (Some(s), Ok(text)) => {
            let d = d.with_label(LabeledSpan::at(s.start..s.end.max(s.start), message.to_string()));
            Report::new(d).with_source_code(NamedSource::new(file.display().to_string(), text))
        }
        _ => Report::new(d),
    }
}
