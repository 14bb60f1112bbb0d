//! Fuzzes `text::segment` and `text::segment_hot`: any UTF-8 input must not panic;
//! sentences must be in order, non-overlapping, on char boundaries, inside the text, with
//! repeats pointing backwards; and segmenting only some blocks (`segment_hot`, with "hot"
//! spans taken from the input) must give exactly the sentences, spans and paragraphs that
//! segmenting everything gives in those blocks.
#![no_main]

use chronolint::span::Span;
use chronolint::text::{is_thread, segment, segment_hot};
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
    // Hot spans: every digit of the input, one byte long.
    let hot: Vec<Span> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .map(|(i, _)| Span::new(i, i + 1))
        .collect();
    let lower = text.to_ascii_lowercase();
    let folds = !text.contains(['ſ', '\u{212a}']);
    let lower = folds.then_some(lower.as_str());
    let part = segment_hot(text, lower, &hot, is_thread(text, lower));
    let all: Vec<(Span, usize)> = sentences.iter().map(|s| (s.span, s.paragraph)).collect();
    let some: Vec<(Span, usize)> = part.sentences.iter().map(|s| (s.span, s.paragraph)).collect();
    if !part.thread {
        // Every hot span lies in a block that was split.
        for h in &hot {
            assert!(
                part.blocks.iter().any(|b| b.start <= h.start && h.end <= b.end)
                    || text[h.start..h.end].trim().is_empty()
            );
        }
    }
    let inside: Vec<(Span, usize)> = all
        .iter()
        .copied()
        .filter(|(s, _)| part.blocks.iter().any(|b| b.start <= s.start && s.end <= b.end))
        .collect();
    assert_eq!(some, inside);
});
