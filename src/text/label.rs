//! Entry labels: the time that heads an entry of a chronology or a "today in history"
//! list ("1905 – Port Arthur surrenders to the Japanese.", "* January 2, 1905: ...").
//! Such a time dates the whole entry: the dash after it marks off the label, not a clause
//! (elsewhere " – " between a time and a name does: "1894-1895 – to be spoken of later –
//! and a war with Russia"). A topic after it, in title case and closed by a colon
//! ("1904 – Russo-Japanese War: A surprise attack on Port Arthur starts the war"), says
//! which story the entry belongs to; the time dates the entry, not the topic (claim
//! assembly makes one exception: a topic that is an event of a day, in an entry that
//! dates nothing else).

use crate::span::Span;

/// Bytes of white space, marks and tags a label may have on its line before its time
/// ("  * ", "**", "<li><a href=...>"), or after it before its dash.
const HEAD: usize = 160;

/// Bytes a topic ("Russo-Japanese War", "Siege of the International Legations") may run.
const TOPIC: usize = 60;

/// What the label of an entry covers: the time, the separator after it and a topic, if
/// any (`reach`); and the topic's words (`topic`), which the time does not date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub reach: Span,
    pub topic: Option<Span>,
}

/// The label `time` heads, if it heads its line's entry: nothing before it on its line
/// but white space, a list bullet, emphasis marks or tags, and after it a dash or a colon
/// that does not start a range ("1904 – 1905" is one time, "1904 - 5" no entry).
pub fn label(text: &str, time: Span) -> Option<Label> {
    let bytes = text.as_bytes();
    // First the byte after the time: most times are followed by a word or a comma, and
    // are no label. (A dash of three bytes starts with E2.)
    if !matches!(bytes.get(time.end)?, b' ' | b'\t' | b'*' | b'_' | b'\'' | b'<' | b'-' | b':' | 0xE2) {
        return None;
    }
    let spaced = text.get(past_marks(bytes, time.end)..)?;
    if !spaced.starts_with(['-', ':', '–', '—']) || !opens_line(bytes, time.start) {
        return None;
    }
    let rest = ["–", "—", "--", "-", ":"].iter().find_map(|s| spaced.strip_prefix(s))?;
    // "1904 —Japan ..." is written; "1904-1905" and "1904:5" are not labels.
    let body = rest.trim_start_matches([' ', '\t']);
    let spaced_after = body.len() < rest.len();
    let em = spaced.starts_with(['—', '–']);
    if !(spaced_after || em) || body.starts_with(|c: char| c.is_ascii_digit() || c == '\n') || body.is_empty()
    {
        return None;
    }
    let body_start = text.len() - body.len();
    let mut label = Label { reach: Span::new(time.start, body_start), topic: None };
    if let Some(topic_end) = topic(body) {
        let past = body.get(topic_end + 1..).unwrap_or("");
        let past = past.trim_start_matches([' ', '\t']);
        if !past.is_empty() && !past.starts_with('\n') {
            label.topic = Some(Span::new(body_start, body_start + topic_end));
            label.reach = Span::new(time.start, text.len() - past.len());
        }
    }
    Some(label)
}

/// Whether only white space, marks ("* ", "•", "**", "#") and tags ("<li><b>") lie
/// between the start of `at`'s line and `at`. Read back from `at`, so that a time inside a
/// line is found out at the word before it: a line of thousands of times costs a byte or
/// two per time. ("•" is three bytes, E2 80 A2.)
fn opens_line(bytes: &[u8], at: usize) -> bool {
    let floor = at.saturating_sub(HEAD);
    let mut i = at;
    while i > floor {
        let Some(&b) = bytes.get(i - 1) else { return false };
        match b {
            b'\n' => return true,
            b'>' => match bytes.get(floor..i - 1).and_then(|h| memchr::memrchr2(b'<', b'\n', h)) {
                Some(j) if bytes.get(floor + j) == Some(&b'<') => i = floor + j,
                _ => return false,
            },
            b' ' | b'\t' | b'\r' | b'*' | b'-' | b'+' | b'_' | b'\'' | b'#' | 0xE2 | 0x80 | 0xA2 => i -= 1,
            _ => return false,
        }
    }
    i == 0
}

/// Where the text after a time goes on past closing marks, tags ("</b>", "</a>") and
/// spaces.
fn past_marks(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&b) = bytes.get(i).filter(|_| i < from + HEAD) {
        match b {
            b' ' | b'\t' | b'*' | b'_' | b'\'' => i += 1,
            b'<' => {
                match bytes.get(i..(i + HEAD).min(bytes.len())).and_then(|r| memchr::memchr2(b'>', b'\n', r))
                {
                    Some(j) if bytes.get(i + j) == Some(&b'>') => i += j + 1,
                    _ => return i,
                }
            }
            _ => return i,
        }
    }
    i
}

/// Bytes an entry may run after the time heading it and still be dated by it: a line of a
/// list, not a paragraph of a book that happens to open with a year and a dash.
pub const ENTRY: usize = 600;

/// The entry `time` heads, if it heads one: from the time to its line's end, at most
/// `ENTRY` bytes on.
pub fn entry(text: &str, time: Span) -> Option<Span> {
    label(text, time)?;
    let bytes = text.as_bytes();
    let cap = time.end.saturating_add(ENTRY).min(bytes.len());
    let end =
        bytes.get(time.end..cap).map_or(cap, |b| memchr::memchr(b'\n', b).map_or(cap, |i| time.end + i));
    Some(Span::new(time.start, end))
}

/// Where the colon of a topic at the start of `body` is: words in title case ("Siege of
/// Port Arthur", "Russo-Japanese War", "World War I") up to a colon, within `TOPIC`
/// bytes. A sentence before a colon ("Japan annexes Korea: the treaty ...") has a word in
/// lower case that is not a joining word, and is not a topic.
fn topic(body: &str) -> Option<usize> {
    let colon = body.char_indices().take_while(|&(i, _)| i <= TOPIC).find(|&(_, c)| c == ':')?.0;
    let words = body.get(..colon)?;
    if words.trim().is_empty() || words.contains(['\n', '.', ',', ';', '(', ')', '"', '!', '?']) {
        return None;
    }
    let title_case = words.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || ["of", "the", "and", "in", "at", "on", "de", "von", "for", "to"].contains(&w)
    });
    let first_capital = words.trim_start().starts_with(|c: char| c.is_uppercase());
    (title_case && first_capital).then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The label of the first time in `text`, written as `[time]`; returned as the texts
    /// of its reach and topic.
    fn of(text: &str) -> Option<(String, Option<String>)> {
        let start = text.find('[').expect("a marked time");
        let end = text.find(']').expect("a marked time") - 1;
        let plain = text.replacen('[', "", 1).replacen(']', "", 1);
        label(&plain, Span::new(start, end))
            .map(|l| (l.reach.slice(&plain).to_string(), l.topic.map(|t| t.slice(&plain).to_string())))
    }

    #[test]
    fn a_time_that_opens_its_line_before_a_dash_or_colon_heads_the_entry() {
        assert_eq!(of("[1905] – Port Arthur surrenders."), Some(("1905 – ".into(), None)));
        assert_eq!(of("[1905] - Port Arthur surrenders."), Some(("1905 - ".into(), None)));
        assert_eq!(of("[1905]: Port Arthur surrenders."), Some(("1905: ".into(), None)));
        assert_eq!(of("[1905]—Port Arthur surrenders."), Some(("1905—".into(), None)));
        assert_eq!(
            of("Events\n\n* [January 2, 1905] -- Port Arthur"),
            Some(("January 2, 1905 -- ".into(), None))
        );
        assert_eq!(of("  • [1905] – Port Arthur"), Some(("1905 – ".into(), None)));
        assert_eq!(of("**[1905]** – Port Arthur"), Some(("1905** – ".into(), None)));
        // A saved page: the tags of a list item, a link or bold type around the time.
        assert_eq!(
            of("<ul>\n<li><b>[1910]</b> – Japan annexes Korea.</li>"),
            Some(("1910</b> – ".into(), None))
        );
        assert_eq!(of("<li><a href=\"/wiki/1912\">[1912]</a> – Puyi"), Some(("1912</a> – ".into(), None)));
        assert_eq!(of("<li>[1904] –     Japan severs"), Some(("1904 –     ".into(), None)));
    }

    #[test]
    fn a_time_inside_a_line_or_before_a_range_or_nothing_heads_no_entry() {
        assert_eq!(of("In [1905] – the year of Mukden – Port Arthur fell."), None);
        assert_eq!(of("The war of [1904] – a surprise – began at Port Arthur."), None);
        assert_eq!(of("[1904]-5 was the war"), None);
        assert_eq!(of("[1904] - 1905"), None);
        assert_eq!(of("[1904]:\nThe war began."), None);
        assert_eq!(of("[1904] was the year"), None);
        assert_eq!(of("[1904]-Japan"), None);
        assert_eq!(of("<p>The treaty of <b>[1905]</b> – a year later – ended it"), None);
        assert_eq!(of("a > b and [1905] – no"), None);
        assert_eq!(of(&format!("{}[1905] – far", " ".repeat(HEAD + 1))), None);
    }

    proptest::proptest! {
        /// Any text and any span of it: no panic, and a label reaches from the time to a
        /// character boundary past it, its topic inside that reach.
        #[test]
        fn a_label_is_found_or_not_without_panic(
            text in "([ \t\n*•<>/b_'#:–—-]|[0-9]{1,4}|[A-Z][a-z]{0,6}|é|\\.){0,30}",
            a in 0usize..200,
            b in 0usize..200,
        ) {
            let (a, b) = (a.min(text.len()), b.min(text.len()));
            let (from, to) = (a.min(b), a.max(b));
            if text.is_char_boundary(from) && text.is_char_boundary(to) && from < to {
                if let Some(l) = label(&text, Span::new(from, to)) {
                    proptest::prop_assert_eq!(l.reach.start, from);
                    proptest::prop_assert!(l.reach.end >= to && l.reach.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(l.reach.end));
                    if let Some(t) = l.topic {
                        proptest::prop_assert!(l.reach.contains(t));
                    }
                }
                if let Some(e) = entry(&text, Span::new(from, to)) {
                    proptest::prop_assert!(e.start == from && e.end >= to && e.end <= text.len());
                }
            }
        }
    }

    #[test]
    fn a_title_case_topic_before_a_colon_is_the_entrys_story_not_its_event() {
        assert_eq!(
            of("[1904] – Russo-Japanese War: A surprise attack on Port Arthur starts the war."),
            Some(("1904 – Russo-Japanese War: ".into(), Some("Russo-Japanese War".into())))
        );
        assert_eq!(
            of("[1900] – Siege of the International Legations: the relief force arrives"),
            Some((
                "1900 – Siege of the International Legations: ".into(),
                Some("Siege of the International Legations".into())
            ))
        );
        // A sentence before a colon is the entry itself.
        assert_eq!(of("[1910] – Japan annexes Korea: the treaty is signed."), Some(("1910 – ".into(), None)));
        // Nothing after the colon: a heading, not a topic.
        assert_eq!(of("[1904] – Russo-Japanese War:\n"), Some(("1904 – ".into(), None)));
    }
}
