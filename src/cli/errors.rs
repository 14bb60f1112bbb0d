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
    // With a span, the snippet's header names the file and line; without one, the message must.
    let with_help = |d: MietteDiagnostic| match help {
        Some(h) => d.with_code(code).with_help(h),
        None => d.with_code(code),
    };
    match (span, std::fs::read_to_string(file)) {
        (Some(s), Ok(text)) => {
            let label = LabeledSpan::at(s.start..s.end.max(s.start), "here");
            let d = with_help(MietteDiagnostic::new(message.to_string())).with_label(label);
            Report::new(d).with_source_code(NamedSource::new(file.display().to_string(), text))
        }
        _ => Report::new(with_help(MietteDiagnostic::new(format!("{}: {message}", file.display())))),
    }
}

/// Tells on stderr of the files a listing command (`claims`, `dates`, `timeline`) could not
/// read, which its listing on stdout lacks: `unreadable-source` findings, their levels
/// already applied. Returns whether one is an error (the code set to `deny`), which fails
/// the run as it would fail `check`.
pub fn tell_unreadable(problems: &[crate::diagnostic::Diagnostic]) -> bool {
    use crate::diagnostic::Severity;
    for d in problems.iter().filter(|d| d.code == "unreadable-source") {
        let severity = match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        };
        let mut m = MietteDiagnostic::new(format!("{}: {}", d.primary.file, d.message))
            .with_code(d.code)
            .with_severity(severity);
        if let Some(h) = &d.help {
            m = m.with_help(h);
        }
        #[allow(clippy::print_stderr)]
        {
            eprintln!("{:?}", Report::new(m));
        }
    }
    problems.iter().any(|d| d.code == "unreadable-source" && d.severity == Severity::Error)
}
