//! Human output, rustc-style, drawn by miette: the primary passage with its label, the
//! related passages (in other files too) with theirs, then notes and the help line.

use super::Locator;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Run;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;

/// Renders every finding and a summary line; `color` for a terminal.
pub fn render(run: &Run, color: bool, width: usize) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_context_lines(1);
    let loc = Locator::new(run);
    let mut out = String::new();
    for d in &run.diagnostics {
        let shown = Shown::new(d, &loc);
        if handler.render_report(&mut out, &shown).is_err() {
            out.push_str(&d.message);
        }
        out.push('\n');
    }
    out.push_str(&summary(run));
    out
}

/// Plain output for snapshots: no colour, width 80.
pub fn plain(run: &Run) -> String {
    render(run, false, 80)
}

fn summary(run: &Run) -> String {
    let (e, w, i) = (run.count(Severity::Error), run.count(Severity::Warning), run.count(Severity::Info));
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} in {} ({})\n",
        plural(e, "error"),
        plural(w, "warning"),
        plural(i, "info"),
        plural(run.files, "file"),
        plural(run.claims, "claim")
    )
}

/// One finding as miette sees it: the primary file's source, labels in that file, and
/// each passage in another file as a related report with its own source.
#[derive(Debug)]
struct Shown {
    code: String,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: NamedSource<String>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

impl Shown {
    fn new(d: &Diagnostic, loc: &Locator<'_>) -> Shown {
        let file = &d.primary.file;
        let mut labels =
            vec![LabeledSpan::new_primary_with_span(Some(d.primary.message.clone()), span(d.primary.span))];
        let mut related = Vec::new();
        for r in &d.related {
            if r.file == *file {
                labels.push(LabeledSpan::new_with_span(Some(r.message.clone()), span(r.span)));
            } else {
                related.push(Shown {
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    message: format!("{}: {}", r.file, r.message),
                    help: None,
                    source: NamedSource::new(r.file.clone(), loc.text(&r.file).to_string()),
                    labels: vec![LabeledSpan::new_primary_with_span(Some(r.message.clone()), span(r.span))],
                    related: Vec::new(),
                });
            }
        }
        // miette has one help slot: the help line first, then rustc-style notes.
        let mut help: Vec<String> = d.help.iter().cloned().collect();
        help.extend(d.notes.iter().map(|n| format!("note: {n}")));
        Shown {
            code: d.code.to_string(),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            message: d.message.clone(),
            help: (!help.is_empty()).then(|| help.join("\n")),
            source: NamedSource::new(file.clone(), loc.text(file).to_string()),
            labels,
            related,
        }
    }
}

fn span(s: crate::span::Span) -> SourceSpan {
    SourceSpan::new(s.start.into(), s.len())
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}
