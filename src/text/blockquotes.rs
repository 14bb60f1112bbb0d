//! Quotations set off by markup instead of quotation marks: a forum's `[quote="name"]
//! ... [/quote]`, HTML's `<blockquote> ... </blockquote>`, the "name said: ... Click to
//! expand..." that a forum page saved as text keeps of a quoted post, and the `> ` lines
//! of Markdown and of e-mail. What such a block holds is another writer's words, as what
//! quotation marks hold is: a reply that quotes a wrong date to correct it does not
//! assert the date.
//!
//! Two kinds of `>` line are not quotations: the ">From" that mail transport wrote before
//! a line starting "From" (Project Gutenberg texts keep it; Markdown would read it as a
//! quotation, this does not), and GitHub's alerts ("> [!NOTE]"), the writer's own words
//! set off as a note.

use super::{line_at, Sentence};
use crate::span::Span;
use memchr::memmem;
use std::sync::LazyLock;

/// A quotation found by its markup, and whose words it holds, where the markup says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    pub span: Span,
    pub by: Option<String>,
}

/// How far back (lines) the start of a run of `>` lines is looked for: the lines of one
/// quoted post, not of a whole page.
const MAX_QUOTED_LINES: usize = 64;

/// How far back (bytes) from "Click to expand..." the "name said:" line is looked for.
const SAID_REACH: usize = 16 * 1024;

/// The longest "name said:" line taken for one.
const MAX_SAID_LINE: usize = 80;

/// What every quotation `tagged` finds holds, lowercase: the start of its closing tag, or
/// the forum page's button. A text holding none of them has none; the per-document stage
/// finds them in its one search of the lowercased text (`claims::mentions::lower_words`).
pub(crate) const QUOTE_MARKUP: [&str; 3] = ["[/quote", "</blockquote", "click to expand"];

static CLOSE_BBCODE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"[/quote]"));
static OPEN_BBCODE: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"[quote"));
static CLOSE_HTML: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"</blockquote"));
static OPEN_HTML: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"<blockquote"));
static EXPAND: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"click to expand"));

/// The quotations of `text` that tags delimit (BBCode, HTML, a saved forum page's "said:"
/// and "Click to expand..."), in order of start; a quotation inside another comes after
/// it. `lower` is `text` ASCII-lowercased (the same length).
pub(super) fn tagged(text: &str, lower: &str) -> Vec<Block> {
    let mut out = Vec::new();
    paired(lower, (&OPEN_BBCODE, &CLOSE_BBCODE), |at| bbcode_author(text, at), &mut out);
    paired(lower, (&OPEN_HTML, &CLOSE_HTML), |_| None, &mut out);
    expanded(text, lower, &mut out);
    out.sort_by_key(|b| (b.span.start, std::cmp::Reverse(b.span.end)));
    out
}

/// Regions from each opening tag to its closing tag, nested tags paired as brackets are.
/// An opening tag is the name followed by `]`, `>`, `=` or white space ("[quotation" is
/// no tag).
fn paired(
    lower: &str,
    (open, close): (&memmem::Finder<'_>, &memmem::Finder<'_>),
    author: impl Fn(usize) -> Option<String>,
    out: &mut Vec<Block>,
) {
    let bytes = lower.as_bytes();
    // Most texts have no closing tag: one search says so.
    if close.find(bytes).is_none() {
        return;
    }
    let name = open.needle().len();
    let opens = open.find_iter(bytes).filter(|&at| {
        bytes.get(at + name).is_some_and(|b| matches!(b, b']' | b'>' | b'=') || b.is_ascii_whitespace())
    });
    let mut tags: Vec<(usize, bool)> = opens.map(|at| (at, true)).collect();
    tags.extend(close.find_iter(bytes).map(|at| (at, false)));
    tags.sort_unstable();
    let mut stack: Vec<usize> = Vec::new();
    for (at, opening) in tags {
        if opening {
            stack.push(at);
            continue;
        }
        // A closing tag with nothing open closes nothing.
        let Some(start) = stack.pop() else { continue };
        let end = bytes
            .get(at..)
            .and_then(|r| memchr::memchr(if r.first() == Some(&b'[') { b']' } else { b'>' }, r));
        let end = end.map_or(bytes.len(), |e| at + e + 1);
        out.push(Block { span: Span::new(start, end), by: author(start) });
    }
}

/// The name in a BBCode opening tag at `at`: `[quote="name"]`, `[quote=name]`, or a
/// forum's `[QUOTE="name, post: 12, member: 34"]`.
fn bbcode_author(text: &str, at: usize) -> Option<String> {
    let tag = text.get(at..)?;
    let tag = tag.get(..tag.find(']')?)?;
    let value = tag.get(tag.find('=')? + 1..)?;
    let value = value.trim().trim_matches(['"', '\'']);
    let name = value.split([',', ';']).next()?.trim().trim_matches(['"', '\'']).trim();
    (!name.is_empty() && name.chars().count() <= 60).then(|| name.to_string())
}

/// A forum page saved as text: "name said:" on a line of its own, the quoted post, and a
/// line "Click to expand..." where the page had a button to show the rest of it.
fn expanded(text: &str, lower: &str, out: &mut Vec<Block>) {
    let bytes = lower.as_bytes();
    let mut floor = 0;
    for at in EXPAND.find_iter(bytes) {
        // The button is a line of its own: only spaces before it on its line, and dots
        // and spaces after it.
        let lead =
            bytes.get(..at).map_or(0, |h| h.iter().rev().take_while(|&&b| b == b' ' || b == b'\t').count());
        if at > lead && !matches!(bytes.get(at - lead - 1), Some(b'\n' | b'\r')) {
            continue;
        }
        let after = at + EXPAND.needle().len();
        let mut tail = bytes.get(after..).unwrap_or_default().iter().take_while(|&&b| b != b'\n').take(16);
        if !tail.all(|&b| matches!(b, b'.' | b' ' | b'\t' | b'\r') || b >= 0x80) {
            continue;
        }
        let line = line_at(lower, at);
        if !line.slice(lower).trim().trim_end_matches(['.', '…']).eq("click to expand") {
            continue;
        }
        // The "said:" line: the nearest line before that ends so, after the last button.
        let from = crate::text::ceil_boundary(text, line.start.saturating_sub(SAID_REACH).max(floor));
        floor = line.end;
        let Some(head) = text.get(from..line.start) else { continue };
        let said = head.rmatch_indices(" said:").find_map(|(i, _)| {
            let end = from + i + " said:".len();
            // The line up to its end: a line that is not short is no "said:" line.
            let rest = text.as_bytes().get(end..).unwrap_or_default();
            let line_end = match memchr::memchr(b'\n', rest.get(..rest.len().min(MAX_SAID_LINE + 1))?) {
                Some(n) => end + n,
                None if rest.len() <= MAX_SAID_LINE => text.len(),
                None => return None,
            };
            let said = line_ending_at(text, line_end)?;
            (said.end == end || text.get(end..said.end).is_some_and(|r| r.trim().is_empty()))
                .then_some(said)
                .filter(|s| s.len() <= MAX_SAID_LINE)
        });
        let Some(said) = said else { continue };
        let name = said.slice(text).trim().trim_end_matches(" said:").trim();
        let start = (said.end + 1).min(line.start);
        let end = start + text.get(start..line.start).map_or(0, |b| b.trim_end().len());
        let body = Span::new(start, end);
        if !body.is_empty() {
            out.push(Block { span: body, by: (!name.is_empty()).then(|| name.to_string()) });
        }
    }
}

/// The longest line looked back over: a quotation's line, the line naming who wrote it.
/// A longer one is taken for no such line, so that looking back never reads a long line
/// of prose again for each line after it.
const MAX_LOOKED_BACK: usize = 4096;

/// The line of `text` that ends at byte `end` (its line break, or the text's end), if it
/// starts at most `MAX_LOOKED_BACK` bytes before.
fn line_ending_at(text: &str, end: usize) -> Option<Span> {
    let bytes = text.as_bytes();
    let floor = end.saturating_sub(MAX_LOOKED_BACK);
    let start = match bytes.get(floor..end).and_then(|h| memchr::memrchr(b'\n', h)) {
        Some(p) => floor + p + 1,
        None if floor == 0 => 0,
        None => return None,
    };
    let end = if end > start && bytes.get(end - 1) == Some(&b'\r') { end - 1 } else { end };
    Some(Span::new(start, end))
}

/// Whether `line` is a line of a Markdown or e-mail quotation: up to three spaces, then
/// `>` followed by a space, another `>` or nothing.
fn is_quoted_line(line: &str) -> bool {
    let rest =
        line.strip_prefix("   ").or_else(|| line.strip_prefix("  ")).or_else(|| line.strip_prefix(' '));
    let rest = rest.unwrap_or(line);
    match rest.strip_prefix('>') {
        Some(after) => after.is_empty() || after.starts_with([' ', '>', '\t']),
        None => false,
    }
}

/// If `line` (a line of `text`, as `line_at` gives it) is a `>` line, the quotation it is
/// in: `None` for no quotation, `Some(by)` for one, with whose words it holds where the
/// line before the quotation says ("Ivan wrote:", "On 5 May 1905, Ivan wrote:").
fn quoted_line(text: &str, mut line: Span) -> Option<Option<String>> {
    if !is_quoted_line(line.slice(text)) {
        return None;
    }
    // Back to the run's first line.
    for _ in 0..MAX_QUOTED_LINES {
        let Some(prev) = line.start.checked_sub(1).and_then(|p| line_ending_at(text, p)) else { break };
        if !is_quoted_line(prev.slice(text)) {
            break;
        }
        line = prev;
    }
    let first = line.slice(text).trim_start().trim_start_matches('>').trim_start();
    if first.starts_with("[!") {
        return None; // a GitHub alert: the writer's own note
    }
    let before = line.start.checked_sub(1).and_then(|p| line_ending_at(text, p));
    let before = before.map(|b| b.slice(text).trim()).unwrap_or_default();
    let by = ["wrote:", "writes:", "said:", "says:"].iter().find_map(|verb| {
        let who = before.strip_suffix(verb)?.trim_end();
        let who = who.rsplit(", ").next().unwrap_or(who).trim();
        (!who.is_empty() && who.len() <= 60).then(|| who.to_string())
    });
    Some(by)
}

/// Marks as quoted the sentences `wanted` picks that lie in a quotation set off by
/// markup, with whose words they are where the markup says. A sentence lies in a block
/// when it starts there or six tenths of it is there, as with quotation marks. `tags`:
/// whether `text` may hold a quotation delimited by tags (one of `QUOTE_MARKUP`).
pub(super) fn mark(
    text: &str,
    lower: Option<&str>,
    sentences: &mut [Sentence],
    wanted: &dyn Fn(usize) -> bool,
    tags: bool,
) {
    let mut blocks: Option<Vec<Block>> = None;
    // A sweep over the blocks as the sentences go forward: `open` holds the blocks begun
    // at or before the sentence's start, innermost last (nested ones are pushed after
    // their outer one), `next` is the first block not begun yet. A block that has ended
    // leaves the top of `open` when a later sentence comes. Each block is pushed and
    // popped once: a page of many quotations is not read once per sentence.
    let mut open: Vec<usize> = Vec::new();
    let mut next = 0;
    // The line the last sentence started on, and what `quoted_line` said of it: the
    // sentences of one line (a paragraph of a page, a megabyte of a one-line file) ask it
    // once, and finding each new line's start reads back only to the last one's end.
    let mut line: Option<(Span, Option<Option<String>>)> = None;
    for i in 0..sentences.len() {
        if !wanted(i) {
            continue;
        }
        let Some(s) = sentences.get_mut(i) else { continue };
        let at = s.span.start;
        let quoted = match line.as_ref().filter(|(l, _)| l.start <= at && at <= l.end) {
            Some((_, quoted)) => quoted.clone(),
            None => {
                let here = line_at(text, at);
                let quoted = quoted_line(text, here);
                line = Some((here, quoted.clone()));
                quoted
            }
        };
        if let Some(by) = quoted {
            s.quoted = true;
            if by.is_some() {
                s.attributed_to = by;
            }
            continue;
        }
        if !tags {
            continue;
        }
        let blocks = blocks.get_or_insert_with(|| match lower {
            Some(lower) => tagged(text, lower),
            None => tagged(text, &text.to_ascii_lowercase()),
        });
        while let Some(k) = blocks.get(next).filter(|b| b.span.start <= s.span.start).map(|_| next) {
            open.push(k);
            next += 1;
        }
        while open.last().and_then(|&k| blocks.get(k)).is_some_and(|b| b.span.end <= s.span.start) {
            open.pop();
        }
        // The innermost block the sentence starts in, or else the first that begins
        // inside it and holds six tenths of it.
        let holds = |b: &&Block| super::flags::mostly_in(s.span, b.span);
        let starts_in = open.last().and_then(|&k| blocks.get(k)).filter(|b| s.span.start < b.span.end);
        let later = || {
            blocks
                .get(next..)
                .unwrap_or_default()
                .iter()
                .take_while(|b| b.span.start < s.span.end)
                .find(holds)
        };
        if let Some(b) = starts_in.or_else(later) {
            s.quoted = true;
            if b.by.is_some() {
                s.attributed_to = b.by.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(&str, Option<String>)> {
        tagged(text, &text.to_ascii_lowercase()).into_iter().map(|b| (b.span.slice(text), b.by)).collect()
    }

    #[test]
    fn bbcode_and_html_quotations_are_found_with_their_authors() {
        let text = "Before. [quote=\"Admiral_Fan\"]It was 1894.[/quote] I disagree.";
        assert_eq!(
            blocks(text),
            [("[quote=\"Admiral_Fan\"]It was 1894.[/quote]", Some("Admiral_Fan".to_string()))]
        );
        let text = "[QUOTE=\"Ivan, post: 12, member: 3\"]a [quote=Olga]b[/quote] c[/QUOTE]";
        assert_eq!(
            blocks(text),
            [(text, Some("Ivan".to_string())), ("[quote=Olga]b[/quote]", Some("Olga".to_string())),]
        );
        let text = "<p>x</p><blockquote cite=\"u\">It was 1894.</blockquote>";
        assert_eq!(blocks(text), [("<blockquote cite=\"u\">It was 1894.</blockquote>", None)]);
    }

    #[test]
    fn what_is_no_quotation_tag_is_left() {
        // No closing tag, a closing tag alone, a word that starts like the tag.
        assert!(blocks("[quote]never closed").is_empty());
        assert!(blocks("stray [/quote] here").is_empty());
        assert!(blocks("[quotation] x [/quote]").is_empty());
        assert!(blocks("no tags at all").is_empty());
    }

    #[test]
    fn a_saved_forum_page_quotes_between_said_and_click_to_expand() {
        let text =
            "Post one.\nAdmiral_Fan said:\nThe Yalu was fought in 1894.\nClick to expand...\nNo, 1895.";
        assert_eq!(blocks(text), [("The Yalu was fought in 1894.", Some("Admiral_Fan".to_string()))]);
        // Without the button, a "said:" line quotes nothing.
        assert!(blocks("Ivan said:\nIt was 1894.\nMore.").is_empty());
        // The button with no "said:" line before it.
        assert!(blocks("It was 1894.\nClick to expand...\n").is_empty());
    }

    /// `quoted_line` of the line that holds `at`.
    fn quoted_at(text: &str, at: usize) -> Option<Option<String>> {
        quoted_line(text, line_at(text, at))
    }

    #[test]
    fn quoted_lines_are_read_as_markdown_and_mail_write_them() {
        let text = "Ivan wrote:\n> The Yalu was fought\n> in 1894.\n\nNo.";
        let at = text.find("in 1894").expect("in the text");
        assert_eq!(quoted_at(text, at), Some(Some("Ivan".to_string())));
        let mail = "On 5 May 1905, Olga Petrova wrote:\n>> It was 1894.";
        assert_eq!(
            quoted_at(mail, mail.find("It was").expect("there")),
            Some(Some("Olga Petrova".to_string()))
        );
        assert_eq!(quoted_at("> It was 1894.", 2), Some(None));
        // Not quotations: mail transport's ">From", a deep indent, an alert, prose.
        assert_eq!(quoted_at(">From every carriage people poured out.", 1), None);
        assert_eq!(quoted_at("        > Prince Koretaka", 10), None);
        assert_eq!(quoted_at("> [!NOTE]\n> The war began in 1904.", 12), None);
        assert_eq!(quoted_at("He wrote 3 > 2 in 1904.", 0), None);
    }
}
