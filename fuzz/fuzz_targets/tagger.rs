//! Fuzzes `time::tag`: any UTF-8 input, with and without document metadata, must not
//! panic, and every expression must keep the invariants the rest of chronolint relies on.
//! What it reads is what it reads trying every starter of the regions around triggers
//! (`tag_every_starter`: none after a region's last trigger can open an expression), and
//! what it reads trying every starter of the whole text (`tag_everywhere`: no expression
//! is lost to the pre-scan). The second is asked only of text of words and short gaps:
//! gaps (white space and control characters, as the tokenizer takes them) of at most
//! `SHORT_GAP` characters, and runs of other bytes than ASCII white space of at most
//! `LONG_WORD`. The regions keep a few dozen bytes around a trigger and are snapped to
//! ASCII white space (its start to the next word, its end at most 64 bytes on), so an
//! expression read across a longer gap ("August", a hundred NUL bytes, "4"), a region
//! cut inside a run of 100 letters, or one whose start skips a run of 29 "[" glued to
//! the "the" of "the 2th of June" make the two differ (`fuzz/open/`).
#![no_main]

use chronolint::time::{tag, tag_every_starter, tag_everywhere, Calendar, TagContext, TimeValue};
use libfuzzer_sys::fuzz_target;

/// The longest gap, and run of bytes other than ASCII white space, in a text whose
/// regions are compared with the whole text.
const SHORT_GAP: usize = 16;
const LONG_WORD: usize = 24;

/// Whether `text` is of words and short gaps (`SHORT_GAP`, `LONG_WORD`).
fn words_and_short_gaps(text: &str) -> bool {
    let (mut gap, mut word) = (0, 0);
    for c in text.chars() {
        gap = if c.is_whitespace() || c.is_control() { gap + 1 } else { 0 };
        word = if c.is_ascii_whitespace() { 0 } else { word + c.len_utf8() };
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
