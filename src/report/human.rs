//! Human output, rustc-style, drawn by miette: the primary passage with its label, the
//! related passages (in other files too) with theirs, then notes and the help line.

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::Run;
use crate::text::LineIndex;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceSpan,
    SpanContents,
};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

/// Renders every finding and a summary line; `color` for a terminal.
pub fn render(run: &Run, color: bool, width: usize) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_context_lines(1);
    let texts = Texts { run, recent: RefCell::new(VecDeque::new()) };
    let mut out = String::new();
    for d in &run.diagnostics {
        // The passages in other files are drawn after the finding, each as a report of its
        // own: as miette's related reports each opened with a line "Advice:", which told
        // an editor nothing and named the passage wrongly.
        let (shown, others) = Shown::new(d, &texts);
        if handler.render_report(&mut out, &shown).is_err() {
            out.push_str(&d.message);
        }
        for other in &others {
            if handler.render_report(&mut out, other).is_err() {
                out.push_str(&other.message);
            }
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

/// One finding as miette sees it: the primary file's source and the labels in that file.
#[derive(Debug)]
struct Shown {
    code: String,
    severity: miette::Severity,
    message: String,
    help: Option<String>,
    source: Clipped,
    labels: Vec<LabeledSpan>,
}

impl Shown {
    /// The finding, and each passage it quotes elsewhere (in another file, or far along
    /// one line) as a report of its own.
    fn new(d: &Diagnostic, texts: &Texts<'_>) -> (Shown, Vec<Shown>) {
        let file = &d.primary.file;
        let mut labels =
            vec![LabeledSpan::new_primary_with_span(Some(d.primary.message.clone()), span(d.primary.span))];
        let mut related = Vec::new();
        let primary = texts.get(file);
        for r in &d.related {
            if r.file == *file && !far_on_one_line(&primary, d.primary.span, r.span) {
                labels.push(LabeledSpan::new_with_span(Some(r.message.clone()), span(r.span)));
            } else {
                related.push(Shown {
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    message: format!("{}: {}", r.file, r.message),
                    help: None,
                    source: Clipped { name: r.file.clone(), text: texts.get(&r.file) },
                    labels: vec![LabeledSpan::new_primary_with_span(Some(r.message.clone()), span(r.span))],
                });
            }
        }
        // miette has one help slot: the help line first, then rustc-style notes.
        let mut help: Vec<String> = d.help.iter().cloned().collect();
        help.extend(d.notes.iter().map(|n| format!("note: {n}")));
        let shown = Shown {
            code: d.code.to_string(),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            message: d.message.clone(),
            help: (!help.is_empty()).then(|| help.join("\n")),
            source: Clipped { name: file.clone(), text: texts.get(file) },
            labels,
        };
        (shown, related)
    }
}

/// Bytes apart on one line beyond which two passages are shown in two snippets: in one,
/// miette would draw the whole stretch between them as one line (and panics when a label
/// sits more than 65,535 columns in).
const FAR: usize = 1024;

/// Whether `a` and `b` lie on one line (no `\n` between them) more than `FAR` bytes apart.
fn far_on_one_line(text: &Indexed, a: crate::span::Span, b: crate::span::Span) -> bool {
    let (from, to) = (a.start.min(b.start), a.end.max(b.end));
    let first_break = text.newlines.partition_point(|&n| n < from);
    let one_line = text.newlines.get(first_break).is_none_or(|&n| n >= to);
    one_line && to - from > FAR
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
}

/// Longest line shown whole; a longer one (a paragraph on one line, as web text is) is
/// shown as a window around the passage, the way rustc clips long lines.
const LONG_LINE: usize = 160;
/// Bytes of context kept on each side of the passage in a clipped line.
const WINDOW: usize = 70;

/// Files read last, kept for the findings that follow (which are sorted by file).
const RECENT: usize = 8;

/// The texts findings quote: the run's (`Quoted::Text`) or, when it kept none, read again
/// from the file. Only the last few read are held, so memory stays with the size of a
/// few files, not with that of every file holding a finding.
struct Texts<'r> {
    run: &'r Run,
    recent: RefCell<VecDeque<(String, Indexed)>>,
}

impl Texts<'_> {
    /// The text of `file`, as written ("" when it cannot be read any more), indexed.
    fn get(&self, file: &str) -> Indexed {
        let mut recent = self.recent.borrow_mut();
        if let Some((_, text)) = recent.iter().find(|(f, _)| f == file) {
            return text.clone();
        }
        let text = match self.run.sources.get(file) {
            Some(text) => text.clone(),
            None => crate::corpus::load(std::path::Path::new(file)).unwrap_or_default(),
        };
        let indexed = Indexed::new(text);
        if recent.len() == RECENT {
            recent.pop_front();
        }
        recent.push_back((file.to_string(), indexed.clone()));
        indexed
    }
}

/// A text with what finds a passage in it without reading it from the start: its lines
/// and the offsets of its `\n`s. A file with thousands of findings is read once, not
/// once per finding.
#[derive(Debug, Clone)]
struct Indexed {
    text: Arc<str>,
    lines: Arc<LineIndex>,
    newlines: Arc<Vec<usize>>,
}

impl Indexed {
    fn new(text: String) -> Indexed {
        let lines = LineIndex::new(&text);
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
        Indexed { text: Arc::from(text), lines: Arc::new(lines), newlines: Arc::new(newlines) }
    }
}

/// A file's text as miette reads it, clipping long lines to a window around the span.
#[derive(Debug)]
struct Clipped {
    name: String,
    text: Indexed,
}

impl miette::SourceCode for Clipped {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let Indexed { text, lines, newlines } = &self.text;
        let text: &str = text;
        // Every cut snaps back to a char boundary: spans come from our own tagger, but a
        // renderer must not panic whatever it is handed.
        let snap = |i: usize| crate::text::floor_boundary(text, i);
        let (start, end) = (snap(span.offset()), snap(span.offset() + span.len()));
        let end = end.max(start);
        let slice = |a: usize, b: usize| text.get(snap(a)..snap(b)).unwrap_or("");
        // The `\n`s before the passage, and the line it is on (by `\n` alone).
        let before_start = newlines.partition_point(|&n| n < start);
        let line_start = before_start.checked_sub(1).and_then(|k| newlines.get(k)).map_or(0, |n| n + 1);
        let line_end = newlines.get(newlines.partition_point(|&n| n < end)).copied().unwrap_or(text.len());
        if line_end - line_start <= LONG_LINE || slice(start, end).contains('\n') {
            // miette reads from the start of what it is given: give it the lines around
            // the passage, and move what it finds back to its place in the file.
            let first = lines.line_of(start).saturating_sub(before + 2);
            let from = lines.start_of(first).unwrap_or(0);
            let to = lines.start_of(lines.line_of(end) + after + 2).unwrap_or(text.len());
            let window = text.get(from..to).unwrap_or("");
            let moved = SourceSpan::new(span.offset().saturating_sub(from).into(), span.len());
            let inner = window.read_span(&moved, before, after)?;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.clone(),
                inner.data(),
                SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
                inner.line() + first,
                inner.column(),
                // The lines of the snippet: where `str` gives the count from its start,
                // miette took two passages forty lines apart for neighbours and drew one
                // snippet over all the lines between them.
                inner.line_count().saturating_sub(inner.line()),
            )));
        }
        // Cut at spaces about WINDOW bytes out.
        let from = snap(start.saturating_sub(WINDOW).max(line_start));
        let from = slice(from, start).find(' ').map_or(from, |i| from + i + 1).min(start);
        let to = snap((end + WINDOW).min(line_end));
        let to = slice(end, to).rfind(' ').map_or(to, |i| end + i).max(end);
        // miette prints this column in the snippet's header: make it the passage's own.
        let column = lines.chars_between(text, line_start, start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            before_start,
            column,
            1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use crate::span::Span;
    use miette::SourceCode as _;

    fn one(text: &str, start: usize, end: usize) -> String {
        let mut run = Run::default();
        run.sources.insert("doc.txt".into(), text.into());
        let mut d = Diagnostic::new(
            "date-conflict",
            Label::new("doc.txt", Span::new(start, end), "dated 1894 here"),
            "m",
        );
        d.severity = Severity::Error;
        run.diagnostics.push(d);
        plain(&run)
    }

    /// `Clipped::read_span` as first written: miette and the clipping read the text from
    /// its start. The one that reads from an index must give the same contents.
    fn read_span_reference(
        text: &str,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Option<(Vec<u8>, usize, usize, usize, usize, usize)> {
        let snap = |i: usize| crate::text::floor_boundary(text, i);
        let (start, end) = (snap(span.offset()), snap(span.offset() + span.len()));
        let end = end.max(start);
        let slice = |a: usize, b: usize| text.get(snap(a)..snap(b)).unwrap_or("");
        let line_start = slice(0, start).rfind('\n').map_or(0, |i| i + 1);
        let line_end = slice(end, text.len()).find('\n').map_or(text.len(), |i| end + i);
        if line_end - line_start <= LONG_LINE || slice(start, end).contains('\n') {
            let c = text.read_span(span, before, after).ok()?;
            return Some((
                c.data().to_vec(),
                c.span().offset(),
                c.span().len(),
                c.line(),
                c.column(),
                c.line_count() - c.line(),
            ));
        }
        let from = snap(start.saturating_sub(WINDOW).max(line_start));
        let from = slice(from, start).find(' ').map_or(from, |i| from + i + 1).min(start);
        let to = snap((end + WINDOW).min(line_end));
        let to = slice(end, to).rfind(' ').map_or(to, |i| end + i).max(end);
        let line = slice(0, line_start).matches('\n').count();
        let column = slice(line_start, start).chars().count();
        Some((text.as_bytes()[from..to].to_vec(), from, to - from, line, column, 1))
    }

    /// Short words, line breaks of every kind, and a run long enough (over `LONG_LINE`
    /// with a few) to be clipped.
    const PIECES: &[&str] = &[
        "word ",
        "é ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "long line words long line words long line words long line words long line words ",
    ];

    proptest::proptest! {
        #[test]
        fn reading_from_the_index_gives_what_reading_from_the_start_gives(
            pieces in proptest::collection::vec(
                proptest::sample::select(PIECES),
                0..40,
            ),
            at in 0usize..800,
            len in 0usize..40,
            before in 0usize..3,
            after in 0usize..3,
        ) {
            let text: String = pieces.concat();
            let clipped = Clipped { name: "doc.txt".into(), text: Indexed::new(text.clone()) };
            let span = SourceSpan::new(at.min(text.len()).into(), len.min(text.len() - at.min(text.len())));
            let got = clipped.read_span(&span, before, after).ok().map(|c| {
                (c.data().to_vec(), c.span().offset(), c.span().len(), c.line(), c.column(), c.line_count())
            });
            proptest::prop_assert_eq!(got, read_span_reference(&text, &span, before, after));
        }
    }

    #[test]
    fn a_long_line_is_clipped_around_the_passage_on_char_boundaries() {
        // Curly quotes (three bytes each) all along the line, so cuts land inside them.
        let filler = "the ‘powers’ argued ".repeat(40);
        let text = format!("{filler}and in 1894 Russia joined Germany {filler}\nnext line\n");
        let at = text.find("1894").unwrap();
        let out = one(&text, at, at + 4);
        assert!(out.contains("and in 1894 Russia joined Germany"), "{out}");
        assert!(out.contains("doc.txt:1:"), "{out}");
        let shown = out.lines().find(|l| l.contains("1894 Russia")).unwrap();
        assert!(shown.chars().count() < 250, "clipped: {shown}");
        assert!(!out.contains("next line"), "no context lines around a clipped one");
    }

    /// A finding of `doc.txt` quoting "1894" (primary) and "1895" (related).
    fn conflict(text: &str) -> String {
        let (a, b) = (text.find("1894").unwrap(), text.find("1895").unwrap());
        let mut run = Run::default();
        run.sources.insert("doc.txt".into(), text.into());
        let mut d = Diagnostic::new(
            "date-conflict",
            Label::new("doc.txt", Span::new(a, a + 4), "dated 1894 here"),
            "m",
        )
        .related(Label::new("doc.txt", Span::new(b, b + 4), "dated 1895 here"));
        d.severity = Severity::Error;
        run.diagnostics.push(d);
        plain(&run)
    }

    #[test]
    fn two_passages_far_apart_on_one_line_are_shown_apart() {
        // miette drew the 80 KB between them as one line and panicked on a label more than
        // 65,535 columns in.
        let text = format!("In 1894 Russia joined. {}In 1895 it did so again.\n", "x ".repeat(40_000));
        let out = conflict(&text);
        assert!(out.contains("dated 1894 here") && out.contains("doc.txt: dated 1895 here"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() < 400), "every line clipped");
    }

    #[test]
    fn two_passages_many_lines_apart_get_a_snippet_each_and_near_ones_share_one() {
        // The earlier passage forty lines up, deep in a book: miette drew one snippet over
        // every line between them.
        let head = "a line of the chapter before\n".repeat(7000);
        let filler: String = (1..=40).map(|k| format!("filler line number {}\n", k * 7)).collect();
        let out = conflict(&format!("{head}In 1895 it did so.\n{filler}In 1894 Russia joined.\n"));
        assert!(!out.contains("filler line number 140"), "the lines between are not quoted: {out}");
        assert!(out.contains("doc.txt:7001:4") && out.contains("doc.txt:7042:4"), "each headed: {out}");
        assert!(out.contains("dated 1895 here") && out.contains("dated 1894 here"), "{out}");
        // One line between: one snippet.
        let out = conflict(&format!("{head}In 1895 it did so.\nfiller\nIn 1894 Russia joined.\n"));
        assert!(out.contains("dated 1895 here") && out.contains("filler"), "{out}");
        assert_eq!(out.matches("doc.txt:").count(), 1, "one snippet: {out}");
    }

    #[test]
    fn a_passage_in_another_file_is_drawn_after_the_finding_with_no_advice_line() {
        let mut run = Run::default();
        run.sources.insert("a.txt".into(), "The war began in 1894.\n".into());
        run.sources.insert("b.txt".into(), "The war began in 1895.\n".into());
        let mut d =
            Diagnostic::new("date-conflict", Label::new("a.txt", Span::new(17, 21), "dated 1894 here"), "m")
                .related(Label::new("b.txt", Span::new(17, 21), "dated 1895 here"));
        d.severity = Severity::Error;
        d.help = Some("keep one date".into());
        run.diagnostics.push(d);
        let out = plain(&run);
        assert!(!out.contains("Advice"), "{out}");
        let at = |needle: &str| out.find(needle).unwrap_or_else(|| panic!("no {needle:?} in {out}"));
        assert!(at("a.txt:1:18") < at("help: keep one date"), "{out}");
        assert!(at("help: keep one date") < at("b.txt: dated 1895 here"), "{out}");
        assert!(at("b.txt: dated 1895 here") < at("b.txt:1:18"), "{out}");
    }

    #[test]
    fn a_short_line_keeps_its_context_lines() {
        let text = "before\nIn 1894 Russia joined Germany.\nafter\n";
        let at = text.find("1894").unwrap();
        let out = one(text, at, at + 4);
        assert!(out.contains("before") && out.contains("after"), "{out}");
        assert!(out.contains("doc.txt:2:4"), "{out}");
    }
}
