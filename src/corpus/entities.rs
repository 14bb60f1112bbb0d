//! HTML character references in a document's text ("1904&ndash;1905",
//! "Treaty&nbsp;of&nbsp;Portsmouth", "&#8220;"), written as the characters they stand
//! for, so that a page saved as HTML, or text scraped from one, reads as its prose does.
//!
//! Offsets must stay those of the file as stored (findings point into it), so each
//! reference is replaced in place by its character and spaces to its length: a space or a
//! dash beside spaces reads as it would alone ("1904–    1905" is a range, "Treaty      of
//! Portsmouth" a name). An opening mark is followed by the spaces, a closing one preceded
//! by them, so that each stays against the words it encloses. A reference inside a word
//! ("Boxer&rsquo;s") still splits it, as it did unreplaced.

/// The named references replaced, and their characters: spaces, dashes, quotation marks,
/// and the characters HTML must escape.
const NAMED: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("ensp", ' '),
    ("emsp", ' '),
    ("thinsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("minus", '−'),
    ("hellip", '…'),
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
];

/// The longest reference read: "&#x10FFFF;" and "&thinsp;" fit.
const LONGEST: usize = 10;

/// Replaces the character references of `text` in place (see the module docs). Text
/// without an `&` is not touched.
pub fn unescape(text: &mut String) {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return;
    }
    let mut edits: Vec<(usize, String)> = Vec::new();
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'&', bytes) {
        let window = bytes.get(at + 1..(at + LONGEST).min(bytes.len())).unwrap_or_default();
        let Some(semi) = memchr::memchr(b';', window) else { continue };
        let Some(name) = window.get(..semi).and_then(|n| std::str::from_utf8(n).ok()) else { continue };
        let Some(c) = character(name) else { continue };
        let len = semi + 2; // "&", the name, ";"
        if let Some(written) = padded(c, len) {
            edits.push((at, written));
        }
    }
    for (at, written) in edits {
        // Same length, ASCII replaced by UTF-8: the text stays UTF-8 and its offsets stay.
        text.replace_range(at..at + written.len(), &written);
    }
}

/// The character a reference's `name` (between "&" and ";") stands for, if it is one of
/// `NAMED` or a number of a character that is not a control.
fn character(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        return char::from_u32(code).filter(|c| !c.is_control() || *c == '\u{a0}');
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// `c` padded with spaces to `len` bytes: before it for a closing mark, after it for
/// anything else; a no-break space is a space. `None` if `c` is longer than `len`.
fn padded(c: char, len: usize) -> Option<String> {
    let c = if c == '\u{a0}' { ' ' } else { c };
    let pad = len.checked_sub(c.len_utf8())?;
    let spaces = " ".repeat(pad);
    Some(if matches!(c, '’' | '”' | '»') { format!("{spaces}{c}") } else { format!("{c}{spaces}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescaped(text: &str) -> String {
        let mut t = text.to_string();
        unescape(&mut t);
        assert_eq!(t.len(), text.len(), "{text:?}: the length stays");
        t
    }

    #[test]
    fn references_become_their_characters_at_their_own_length() {
        assert_eq!(unescaped("1904&ndash;1905"), "1904–    1905");
        assert_eq!(unescaped("Treaty&nbsp;of&nbsp;Portsmouth"), "Treaty      of      Portsmouth");
        assert_eq!(unescaped("&ldquo;In 1905.&rdquo;"), "“    In 1905.    ”");
        assert_eq!(unescaped("Smith &amp; Jones"), "Smith &     Jones");
        assert_eq!(unescaped("1904&#8211;05 and 1906&#x2014;7"), "1904–    05 and 1906—     7");
        assert_eq!(unescaped("a&#160;b"), "a      b");
    }

    #[test]
    fn what_is_no_reference_stays() {
        for text in [
            "AT&T; R&D",
            "&c. and so on",
            "&unknown; &#0; &#xZZ; &#99999999999;",
            "& nbsp;",
            "&nbsp",
            "no ampersand at all",
            "&verylongname;",
        ] {
            assert_eq!(unescaped(text), text);
        }
    }

    #[test]
    fn a_reference_at_the_very_end_or_among_others_is_read() {
        assert_eq!(unescaped("end&mdash;"), "end—    ");
        assert_eq!(unescaped("&amp;&amp;"), "&    &    ");
        assert_eq!(unescaped("é&nbsp;é"), "é      é");
    }
}
