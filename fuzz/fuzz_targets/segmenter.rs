//! Fuzzes `text::segment`: any UTF-8 input must not panic, and sentences must be in order,
//! non-overlapping, on char boundaries, inside the text, with repeats pointing backwards.
#![no_main]

use chronolint::text::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sentences = segment(text);
    let mut last_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert!(s.span.start >= last_end && s.span.start < s.span.end && s.span.end <= text.len());
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        assert!(s.repeat_of.is_none_or(|j| j < i));
        last_end = s.span.end;
    }
});
