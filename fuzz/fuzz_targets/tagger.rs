//! Fuzzes `time::tag`: any UTF-8 input, with and without document metadata, must not
//! panic, and every expression must keep the invariants the rest of chronolint relies on.
//! What it reads is what it reads trying every starter of the regions around triggers
//! (`tag_every_starter`: none after a region's last trigger can open an expression), and
//! what it reads trying every starter of the whole text (`tag_everywhere`: no expression
//! is lost to the pre-scan). The second is asked only of text of words and short gaps:
//! gaps of ASCII white space of at most `SHORT_GAP` bytes, and runs of other characters
//! of at most `LONG_WORD` bytes. The regions keep a few dozen bytes around a trigger and
//! are snapped to white space at most 64 bytes on, and the pre-scan's tests of the words
//! beside a unit of time ("thirty years ago") take only ASCII white space for a gap,
//! where the tokenizer takes any white space or control character: an expression read
//! across a longer gap ("August", a hundred NUL bytes, "4"), a region cut inside a run of
//! 100 letters, or "years", a control byte, "ago" make the two differ (`fuzz/open/`).
#![no_main]

use chronolint::time::{tag, tag_every_starter, tag_everywhere, Calendar, TagContext, TimeValue};
use libfuzzer_sys::fuzz_target;

/// The longest gap of ASCII white space, and run of other characters, in a text whose
/// regions are compared with the whole text.
const SHORT_GAP: usize = 16;
const LONG_WORD: usize = 48;

/// Whether `text` is of words and short gaps (`SHORT_GAP`, `LONG_WORD`) of ASCII white
/// space, and holds no other white space or control character.
fn words_and_short_gaps(text: &str) -> bool {
    let (mut gap, mut word) = (0, 0);
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            (gap, word) = (gap + 1, 0);
        } else if c.is_whitespace() || c.is_control() {
            return false;
        } else {
            (gap, word) = (0, word + c.len_utf8());
        }
        if gap > SHORT_GAP || word > LONG_WORD {
            return false;
        }
    }
    true
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let contexts = [
        TagContext::default(),
        TagContext {
            document_date: TimeValue::parse_edtf("2015-09-06"),
            day_anchor: Some((2, 6)),
            calendar: Calendar::Julian,
            narrative: false,
        },
    ];
    for cx in &contexts {
        let mut last_end = 0;
        let times = tag(text, cx);
        assert_eq!(times, tag_every_starter(text, cx));
        if words_and_short_gaps(text) {
            assert_eq!(times, tag_everywhere(text, cx));
        }
        for t in times {
            assert!(t.span.start < t.span.end && t.span.end <= text.len());
            assert!(text.get(t.span.start..t.span.end).is_some());
            assert!(t.span.start >= last_end);
            last_end = t.span.end;
            if let (Some(a), Some(b)) = (t.value.earliest, t.value.latest) {
                assert!(a <= b, "{}", t.value.edtf);
            }
            // What the tagger renders, the EDTF parser reads back (parts and calendars aside).
            let _ = TimeValue::parse_edtf(&t.value.edtf);
        }
    }
});
