//! Markdown tables with a header: which of them list works (books, files, sources), and
//! whether two positions are in different cells of one of their rows.
//!
//! A row of a list of books ("| file | title | author | year | topic |") puts a year and
//! an event side by side: "| 1906 (reprint 1912) | Russo-Japanese War |" says the book
//! came out in 1906 and is about the war, not that the war was in 1906. A timeline's row
//! ("| 1905 | Treaty of Portsmouth signed |"), or a list of treaties ("| Year | Title |
//! Parties |"), does date its event. The header tells them apart: a table with a column
//! of authors, files, publishers or editions lists works, and a year in one cell of its
//! row is the work's.

use crate::span::Span;

/// Words of a column header that make a table a list of works: no timeline or list of
/// events has a column of them.
const WORK_COLUMNS: &[&str] = &[
    "author",
    "authors",
    "edition",
    "editor",
    "editors",
    "file",
    "filename",
    "files",
    "isbn",
    "licence",
    "license",
    "publication",
    "publisher",
    "repository",
];

/// The tables of a text that have a header row and a delimiter row under it.
#[derive(Debug, Default)]
pub struct Tables {
    /// In order of position.
    tables: Vec<Table>,
}

#[derive(Debug)]
struct Table {
    /// From the first row under the delimiter row to the end of the last row.
    body: Span,
    /// Whether its header makes it a list of works (`WORK_COLUMNS`).
    works: bool,
}

impl Tables {
    /// The tables of `text`: one pass over its lines. A table, as GitHub Flavored Markdown
    /// has it, is a header row, a delimiter row with as many cells under it, and the rows
    /// that follow up to a blank line; the outer pipes of a row may be left out
    /// ("Author | Title | Year").
    pub fn new(text: &str) -> Tables {
        let mut tables = Vec::new();
        let mut lines = line_spans(text).peekable();
        let mut previous: Option<Span> = None;
        while let Some(line) = lines.next() {
            let header = previous.replace(line);
            let Some(header) = header.filter(|h| {
                let (h, d) = (h.slice(text), line.slice(text));
                is_delimiter(d) && has_pipe(h) && cells(h) == cells(d)
            }) else {
                continue;
            };
            let mut body = Span::new(line.end, line.end);
            while let Some(row) = lines.next_if(|l| has_pipe(l.slice(text))) {
                if body.is_empty() {
                    body.start = row.start;
                }
                body.end = row.end;
                previous = Some(row);
            }
            if !body.is_empty() {
                tables.push(Table { body, works: lists_works(header.slice(text)) });
            }
        }
        Tables { tables }
    }

    /// Whether `a` and `b` lie in different cells of one row of a list of works: a year
    /// there is the work's, and does not date an event named in another cell.
    pub fn separates(&self, text: &str, a: Span, b: Span) -> bool {
        let i = self.tables.partition_point(|t| t.body.end <= b.start);
        let Some(table) = self.tables.get(i).filter(|t| t.body.start <= b.start && a.end <= t.body.end)
        else {
            return false;
        };
        let bytes = text.as_bytes();
        let line_start =
            |at: usize| bytes.get(..at).and_then(|h| memchr::memrchr2(b'\n', b'\r', h)).map_or(0, |p| p + 1);
        let start = line_start(b.start);
        if !table.works || line_start(a.start) != start || a.start < table.body.start {
            return false;
        }
        // The cell of a position: how many pipes that split cells come before it on its
        // line.
        let column = |at: usize| text.get(start..at).map_or(0, |h| pipes(h).count());
        column(a.start) != column(b.start)
    }
}

/// The lines of `text`, without their line breaks ("\n", "\r\n" or a lone "\r").
fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(text.len()));
    std::iter::from_fn(move || loop {
        let end = ends.next()?;
        // The "\n" of a "\r\n" ends no line of its own.
        if end < start {
            continue;
        }
        let line = Span::new(start, end);
        start = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        return Some(line);
    })
}

/// The positions of the pipes of `line` that split cells: all but those escaped with a
/// backslash ("1904 \| 1905" is one cell). GitHub's tables split at a pipe inside a code
/// span too, unless it is escaped, and so does this.
fn pipes(line: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = line.as_bytes();
    memchr::memchr_iter(b'|', bytes).filter(move |&p| {
        let slashes = bytes.get(..p).map_or(0, |h| h.iter().rev().take_while(|&&b| b == b'\\').count());
        slashes % 2 == 0
    })
}

/// Whether `line` has a pipe that splits cells: a row, when it follows a table's rows.
fn has_pipe(line: &str) -> bool {
    pipes(line).next().is_some()
}

/// The number of cells of a row: one more than its pipes, less a pipe at either end.
fn cells(line: &str) -> usize {
    let trimmed = line.trim();
    let offset = line.len() - line.trim_start().len();
    let at: Vec<usize> = pipes(line).collect();
    let leading = at.first().is_some_and(|&p| p == offset);
    let trailing = trimmed.len() > 1 && at.last().is_some_and(|&p| p + 1 == offset + trimmed.len());
    (at.len() + 1).saturating_sub(usize::from(leading) + usize::from(trailing))
}

/// A delimiter row: `|---|:---:|` or `--- | ---`, cells of dashes with optional colons at
/// either end, and a pipe somewhere (a line of dashes alone is a rule or a heading's
/// underline).
fn is_delimiter(line: &str) -> bool {
    let line = line.trim();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    line.contains('|')
        && inner.split('|').all(|c| {
            let c = c.trim();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.bytes().all(|b| b == b'-')
        })
}

/// Whether a header row makes its table a list of works: one of its words is in
/// `WORK_COLUMNS` ("author", "source repository, path @ commit", "licence / status").
fn lists_works(header: &str) -> bool {
    header.split(|c: char| !c.is_alphabetic()).any(|w| WORK_COLUMNS.iter().any(|f| w.eq_ignore_ascii_case(f)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `separates` for the first occurrences of `a` and `b` in `text`.
    fn separated(text: &str, a: &str, b: &str) -> bool {
        let span = |part: &str| {
            let at = text.find(part).expect("part is in the text");
            Span::new(at, at + part.len())
        };
        Tables::new(text).separates(text, span(a), span(b))
    }

    const BOOKS: &str = "Books:\n\n| file | title | year | topic |\n|---|---|:---:|---|\n\
        | `a.txt` | Human Bullets | 1907 (original 1906) | Russo-Japanese War |\n\
        | `b.txt` | The Battle of Tsu-shima, Fought on 27th May 1905 | 1906 | Russo-Japanese War |\n\nAfter.";

    #[test]
    fn a_year_and_a_topic_in_a_book_list_are_apart() {
        assert!(separated(BOOKS, "1906", "Russo-Japanese War"));
        assert!(separated(BOOKS, "1907", "Russo-Japanese War"));
        // In one cell, the title's own words.
        assert!(!separated(BOOKS, "27th May 1905", "Battle of Tsu-shima"));
        // The header itself, and text after the table, are no rows.
        assert!(!separated(BOOKS, "year", "topic"));
        assert!(!separated(BOOKS, "1907", "After"));
    }

    #[test]
    fn a_timeline_dates_its_events() {
        let timeline =
            "| year | event | notes |\n| --- | --- | --- |\n| 1905 | Treaty of Portsmouth | ends the war |\n";
        assert!(!separated(timeline, "1905", "Treaty of Portsmouth"));
        // A list of treaties calls its names titles: still no list of works.
        let treaties =
            "| Year | Title | Parties |\n|---|---|---|\n| 1905 | Treaty of Portsmouth | Russia, Japan |\n";
        assert!(!separated(treaties, "1905", "Treaty of Portsmouth"));
        // With no header, nothing says what a column is.
        let bare = "| 1905 | Treaty of Portsmouth signed |\n| 1906 | topic |\n";
        assert!(!separated(bare, "1905", "Treaty of Portsmouth"));
    }

    #[test]
    fn each_table_has_its_own_header_and_each_row_its_own_cells() {
        // A timeline after the book list: its rows are read by its own header.
        let two = format!("{BOOKS}\n\n| year | event |\n|---|---|\n| 1904 | Russo-Japanese War |\n");
        let at = two.rfind("Russo-Japanese War").expect("in the text");
        let year = two.rfind("1904").expect("in the text");
        let tables = Tables::new(&two);
        assert!(!tables.separates(&two, Span::new(year, year + 4), Span::new(at, at + 18)));
        // A year on one row and a topic on the next are not one row's cells.
        let topic = two.find("| Russo-Japanese War |\n| `b.txt`").expect("in the text") + 2;
        let next_year = two.find("| 1906 |").expect("in the text") + 2;
        assert!(!tables.separates(&two, Span::new(next_year, next_year + 4), Span::new(topic, topic + 18)));
    }

    #[test]
    fn delimiter_rows_are_recognised() {
        assert!(is_delimiter("|---|:---:|---:|"));
        assert!(is_delimiter("| --- | --- |"));
        assert!(is_delimiter("|-|-|"));
        assert!(is_delimiter("--- | :--"));
        assert!(!is_delimiter("| 1905 | war |"));
        assert!(!is_delimiter("| --- | |"));
        assert!(!is_delimiter("| -:- |"));
        assert!(!is_delimiter("---"));
    }

    #[test]
    fn cells_are_counted_as_github_splits_them() {
        assert_eq!(cells("| a | b | c |"), 3);
        assert_eq!(cells("a | b | c"), 3);
        assert_eq!(cells("  | a | b"), 2);
        assert_eq!(cells(r"| 1904 \| 1905 | war |"), 2);
        // An escaped backslash escapes no pipe.
        assert_eq!(cells(r"| a \| b |"), 1);
        assert_eq!(cells(r"| a \\| b |"), 2);
        assert_eq!(cells("|"), 1);
    }

    #[test]
    fn tables_without_outer_pipes_are_tables() {
        let text = "Author | Title | Year | Topic\n--- | --- | --- | ---\n\
            Semenoff | Rasplata | 1909 | Russo-Japanese War\n\nThe war of 1904 | was long.";
        assert!(separated(text, "1909", "Russo-Japanese War"));
        // Past the blank line the table has ended.
        assert!(!separated(text, "1904", "was long"));
        // A header with more cells than the delimiter row makes no table.
        let odd =
            "Author | Title | Year | Topic\n--- | ---\n| Semenoff | Rasplata | 1909 | Russo-Japanese War |\n";
        assert!(!separated(odd, "1909", "Russo-Japanese War"));
    }

    #[test]
    fn an_escaped_pipe_stays_in_its_cell() {
        // The year and the topic share the cell "1906 \| Russo-Japanese War".
        let text = "| file | note |\n|---|---|\n| `a.txt` | 1906 \\| Russo-Japanese War |\n";
        assert!(!separated(text, "1906", "Russo-Japanese War"));
        assert!(separated(text, "a.txt", "Russo-Japanese War"));
    }

    #[test]
    fn rows_end_at_any_line_break() {
        for eol in ["\n", "\r\n", "\r"] {
            let text = BOOKS.replace('\n', eol);
            assert!(separated(&text, "1906", "Russo-Japanese War"), "{eol:?}");
            assert!(!separated(&text, "27th May 1905", "Battle of Tsu-shima"), "{eol:?}");
            assert!(!separated(&text, "1907", "After"), "{eol:?}");
        }
    }
}
