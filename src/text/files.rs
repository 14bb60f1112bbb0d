//! File names in running text: "see `pg57324-semenoff-battle-of-tsushima-1906.txt`", a
//! Markdown heading "## battle-of-mukden-1907.md", a path "/home/me/notes/1904.html".
//!
//! A file name is a label, not prose: the "1906" of a file that holds a book published in
//! 1906 dates the file, and the words "battle-of-tsushima" in it name no battle. Reading
//! them as a claim put "the Battle of Tsushima, 1906" into a list of files (the headings
//! of ../shared/realtext/ATTRIBUTION.md), and a date conflict with every book about the
//! battle. URLs are citations, and are passed over as such.

use crate::span::Span;

/// Extensions of the files a list of documents names, lowercase. Chosen for documents and
/// data people cite by file: a word that ends a sentence with no space after the full stop
/// ("in 1905.The") is none of these.
const EXTENSIONS: &[&str] = &[
    "adoc", "csv", "doc", "docx", "epub", "htm", "html", "json", "jsonl", "markdown", "md", "odt", "pdf",
    "rst", "rtf", "tex", "toml", "tsv", "txt", "xhtml", "xml", "yaml", "yml",
];

/// Bytes looked at on either side of a span for the rest of its file name: longer runs
/// without white space are not taken to be one.
const REACH: usize = 256;

/// Whether `span` of `text` lies in a file name: a run of characters without white space
/// that ends, before closing punctuation, quotes or backticks, in a full stop and one of
/// `EXTENSIONS` (in any case), with `span` before that full stop.
pub fn in_file_name(text: &str, span: Span) -> bool {
    let bytes = text.as_bytes();
    let (Some(head), Some(tail)) = (bytes.get(..span.start), bytes.get(span.end..)) else { return false };
    // Non-ASCII bytes are part of a run: a name may hold accented letters, and white space
    // beyond ASCII (a no-break space) is rare enough between a name's parts to ignore.
    let Some(after) = tail.iter().take(REACH + 1).position(u8::is_ascii_whitespace).or_else(|| {
        // The text ends within reach.
        (tail.len() <= REACH).then_some(tail.len())
    }) else {
        return false;
    };
    let Some(rest) = tail.get(..after) else { return false };
    // Most spans have white space right after them, or no full stop before the next.
    if !rest.contains(&b'.') {
        return false;
    }
    if head.iter().rev().take(REACH + 1).position(u8::is_ascii_whitespace).is_none() && head.len() > REACH {
        return false;
    }
    let closers: &[u8] = b".,;:!?)]}'\"`*_>";
    let mut end = rest.len();
    // Closing marks after the name: punctuation, straight and curly quotes, backticks,
    // emphasis, a closing guillemet.
    while let Some(&last) = rest.get(..end).and_then(|r| r.last()) {
        if closers.contains(&last) {
            end -= 1;
        } else if let Some(stripped) = ["’", "”", "»"]
            .iter()
            .find_map(|q| rest.get(..end).filter(|r| r.ends_with(q.as_bytes())).map(|r| r.len() - q.len()))
        {
            end = stripped;
        } else {
            break;
        }
    }
    // What follows the span to the run's end: the extension's full stop must be in it,
    // after the span (the span's own text may be all of the stem: "1906.txt").
    let name = rest.get(..end).unwrap_or_default();
    let Some(dot) = name.iter().rposition(|&b| b == b'.') else { return false };
    let ext = name.get(dot + 1..).unwrap_or_default();
    EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the first occurrence of `part` in `text` lies in a file name.
    fn of(text: &str, part: &str) -> bool {
        let at = text.find(part).expect("part is in the text");
        in_file_name(text, Span::new(at, at + part.len()))
    }

    #[test]
    fn names_of_files_in_prose_lists_and_headings_are_found() {
        assert!(of("See `pg57324-semenoff-battle-of-tsushima-1906.txt` for more.", "1906"));
        assert!(of("See `pg57324-semenoff-battle-of-tsushima-1906.txt` for more.", "battle-of-tsushima"));
        assert!(of("## pg57324-semenoff-battle-of-tsushima-1906.txt\n\n- Title", "1906"));
        assert!(of("The file battle-of-mukden-1907.TXT holds a reprint.", "1907"));
        assert!(of("Saved as /home/me/notes/1904.html, then lost.", "1904"));
        assert!(of("(see Battle-of-Tsushima-1906.pdf)", "1906"));
        assert!(of("“read battle_of_tsushima_1906.md”", "1906"));
        assert!(of("1906.txt", "1906"));
    }

    #[test]
    fn prose_is_not_a_file_name() {
        // A year at a sentence's end, with or without a space after the stop.
        assert!(!of("The fleet sailed in 1905. It was lost.", "1905"));
        assert!(!of("The fleet sailed in 1905.The end.", "1905"));
        assert!(!of("The fleet sailed in 1905.", "1905"));
        // Names with a hyphen, and numbers that look like versions.
        assert!(!of("the Russo-Japanese War of 1904-05 ended", "1904-05"));
        assert!(!of("the Battle of Tsushima (1905) was fought", "1905"));
        assert!(!of("volume 1904.2 of the series", "1904"));
        // A file named elsewhere in the sentence.
        assert!(!of("In 1906 he wrote notes.txt about it.", "1906"));
    }

    #[test]
    fn a_run_longer_than_the_reach_is_not_taken_for_a_name() {
        let long = format!("{}1906.txt", "x".repeat(REACH + 10));
        assert!(!of(&long, "1906"));
        let long = format!("1906{}.txt", "x".repeat(REACH + 10));
        assert!(!of(&long, "1906"));
    }
}
