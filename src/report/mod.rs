//! Renderers: one per output format. Each takes a finished `Run` and returns text; only
//! here are byte offsets turned into lines and columns.
//!
//! | format | module | for |
//! | --- | --- | --- |
//! | `human` | `human.rs` | people at a terminal (miette) |
//! | `json` | `json.rs` | the DESIGN.md contract, version 1 |
//! | `sarif` | `sarif.rs` | GitHub code scanning and other SARIF 2.1.0 consumers |
//! | `github` | `github.rs` | GitHub Actions workflow commands (annotations) |
//! | `rdjson` | `rdjson.rs` | reviewdog (`-f=rdjson`) |
//!
//! `summary.rs` renders the Markdown table appended to `$GITHUB_STEP_SUMMARY`.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod rdjson;
pub mod sarif;
pub mod summary;

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
        if let Some(at) = self.run.positions.get(file) {
            let (line, column, _) = at.get(&span.start).copied().unwrap_or((1, 1, 1));
            let (end_line, end_column, _) = at.get(&span.end).copied().unwrap_or((line, column, 1));
            return Position { start: span.start, end: span.end, line, column, end_line, end_column };
        }
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

    /// 1-based column of a byte offset counted in UTF-8 bytes (as reviewdog counts).
    pub fn byte_column(&self, file: &str, offset: usize) -> usize {
        if let Some((_, _, column)) = self.run.positions.get(file).and_then(|at| at.get(&offset)) {
            return *column;
        }
        let text = self.text(file);
        self.lines.get(file).map_or(1, |ix| ix.byte_column(text, offset))
    }

    /// The source text of a file ("" if unknown).
    pub fn text(&self, file: &str) -> &'r str {
        self.run.sources.get(file).map_or("", String::as_str)
    }
}

/// Where users read about chronolint and its checks.
pub fn information_uri() -> &'static str {
    match (env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE")) {
        (r, _) if !r.is_empty() => r,
        (_, h) if !h.is_empty() => h,
        _ => "https://github.com/chronolint/chronolint",
    }
}

/// A check's documentation as `explain` prints it: the one leading space per line removed.
pub fn check_doc(check: &crate::checks::Check) -> String {
    let lines: Vec<&str> = check.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    lines.join("\n").trim().to_string()
}

/// The "What it does" section of a check's doc, as one paragraph.
pub fn what_it_does(check: &crate::checks::Check) -> String {
    let doc = check_doc(check);
    let mut words = Vec::new();
    let mut inside = false;
    for line in doc.lines() {
        if line.starts_with("## ") {
            if inside {
                break;
            }
            inside = line.trim() == "## What it does";
            continue;
        }
        if inside {
            words.extend(line.split_whitespace());
        }
    }
    words.join(" ")
}

/// The first sentence of a paragraph (up to the first ". "), with its period.
pub fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(i) => text.get(..=i).unwrap_or(text),
        None => text,
    }
}

/// A file path as a relative URI reference: `/`-separated, no leading `./`, reserved
/// bytes percent-encoded; an absolute path becomes a `file://` URI.
pub fn path_uri(file: &str) -> String {
    let slashed = file.replace('\\', "/");
    let mut rel = slashed.as_str();
    while let Some(r) = rel.strip_prefix("./") {
        rel = r;
    }
    let mut out = String::with_capacity(rel.len());
    for &b in rel.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if rel.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_uri_is_relative_and_encoded() {
        assert_eq!(path_uri("./corpus/blog/news.txt"), "corpus/blog/news.txt");
        assert_eq!(path_uri("corpus\\a b#1.txt"), "corpus/a%20b%231.txt");
        assert_eq!(path_uri("/abs/é.md"), "file:///abs/%C3%A9.md");
    }

    #[test]
    fn columns_count_characters_and_bytes() {
        let text = "Café — In 1894 the Triple Intervention.\r\nLine two é.";
        let run = Run { sources: [("a.txt".to_string(), text.to_string())].into(), ..Run::default() };
        let loc = Locator::new(&run);
        let at = text.find("1894").unwrap();
        let p = loc.position("a.txt", Span::new(at, at + 4));
        // "Café — In " is 10 characters and 13 bytes.
        assert_eq!((p.line, p.column, p.end_line, p.end_column), (1, 11, 1, 15));
        assert_eq!(loc.byte_column("a.txt", at), 14);
        let two = text.find("two").unwrap();
        assert_eq!((loc.position("a.txt", Span::new(two, two)).line, loc.byte_column("a.txt", two)), (2, 6));
    }

    #[test]
    fn doc_sections_are_found() {
        let c = crate::checks::find("date-conflict").unwrap();
        let what = what_it_does(c);
        assert!(!what.is_empty() && !what.contains("##") && !what.contains('\n'), "{what}");
        let first_word = what.split_whitespace().next().unwrap();
        assert!(check_doc(c).contains(&format!("## What it does\n{first_word}")), "{what}");
        assert_eq!(first_sentence("One thing. Two things."), "One thing.");
    }
}
