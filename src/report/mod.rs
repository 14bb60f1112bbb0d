//! Renderers: one per output format. Each takes a finished `Run` and returns text; only
//! here are byte offsets turned into lines and columns.

pub mod html;
pub mod human;
pub mod json;

use crate::engine::Run;
use crate::span::Span;
use crate::text::LineIndex;
use std::collections::BTreeMap;

/// A position as every machine format reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    /// 1-based line of `end`.
    #[serde(skip)]
    pub end_line: usize,
    /// 1-based column of `end`, in characters.
    #[serde(skip)]
    pub end_column: usize,
}

/// Line indexes of the run's sources, made once per file.
pub struct Locator<'r> {
    run: &'r Run,
    lines: BTreeMap<&'r str, LineIndex>,
}

impl<'r> Locator<'r> {
    /// Indexes every source the run's findings point into.
    pub fn new(run: &'r Run) -> Locator<'r> {
        let lines = run.sources.iter().map(|(f, t)| (f.as_str(), LineIndex::new(t))).collect();
        Locator { run, lines }
    }

    /// Line and column of a span in a file.
    pub fn position(&self, file: &str, span: Span) -> Position {
        let text = self.run.sources.get(file).map_or("", String::as_str);
        let (line, column, end_line, end_column) = match self.lines.get(file) {
            Some(ix) => {
                let (l, c) = ix.line_col(text, span.start);
                let (el, ec) = ix.line_col(text, span.end);
                (l, c, el, ec)
            }
            None => (1, 1, 1, 1),
        };
        Position { start: span.start, end: span.end, line, column, end_line, end_column }
    }

    /// The source text of a file ("" if unknown).
    pub fn text(&self, file: &str) -> &'r str {
        self.run.sources.get(file).map_or("", String::as_str)
    }
}
