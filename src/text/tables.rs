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
    /// The tables of `text`: one pass over its lines.
    pub fn new(text: &str) -> Tables {
        let mut tables = Vec::new();
        let mut lines = line_spans(text).peekable();
        let mut previous: Option<Span> = None;
        while let Some(line) = lines.next() {
            let header = previous.replace(line);
            let Some(header) = header.filter(|h| is_row(h.slice(text)) && is_delimiter(line.slice(text)))
            else {
                continue;
            };
            let mut body = Span::new(line.end, line.end);
            while let Some(row) = lines.next_if(|l| is_row(l.slice(text))) {
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
            |at: usize| bytes.get(..at).and_then(|h| memchr::memrchr(b'\n', h)).map_or(0, |p| p + 1);
        let start = line_start(b.start);
        if !table.works || line_start(a.start) != start || a.start < table.body.start {
            return false;
        }
        // The cell of a position: how many `|` come before it on its line.
        let column = |at: usize| bytes.get(start..at).map_or(0, |h| memchr::memchr_iter(b'|', h).count());
        column(a.start) != column(b.start)
    }
}

/// The lines of `text`, without their line breaks.
fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let line = Span::new(start, end);
        start = end + 1;
        // "\r\n": the "\r" is not part of the line.
        Some(if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > line.start {
            Span::new(line.start, end - 1)
        } else {
            line
        })
    })
}

/// A row of a table: a line that starts with `|`, spaces aside.
fn is_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// A delimiter row: `|---|:---:|`, cells of at least three dashes with optional colons.
fn is_delimiter(line: &str) -> bool {
    let line = line.trim();
    is_row(line)
        && line.split('|').filter(|c| !c.trim().is_empty()).all(|c| {
            let c = c.trim().trim_start_matches(':').trim_end_matches(':');
            c.len() >= 3 && c.bytes().all(|b| b == b'-')
        })
        && line.contains("---")
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
        assert!(!is_delimiter("| - | - |"));
        assert!(!is_delimiter("| 1905 | war |"));
        assert!(!is_delimiter("---"));
    }
}
