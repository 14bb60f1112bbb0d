//! Sentence segmentation. First cut: split on blank lines and sentence-final punctuation.

use super::Sentence;
use crate::span::Span;

/// Splits `text` into sentences with byte spans, in order.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end_here = match bytes[i] {
            b'\n' => true,
            b'.' | b'?' | b'!' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if end_here {
            push(text, Span::new(start, i + 1), paragraph, &mut out);
            if bytes[i] == b'\n' && bytes.get(i + 1) == Some(&b'\n') {
                paragraph += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    push(text, Span::new(start, text.len()), paragraph, &mut out);
    out
}

fn push(text: &str, span: Span, paragraph: usize, out: &mut Vec<Sentence>) {
    let raw = span.slice(text);
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = raw.len() - raw.trim_start().len();
    let span = Span::new(span.start + lead, span.start + lead + trimmed.len());
    out.push(Sentence { span, paragraph, quoted: false, hypothetical: false, repeat_of: None });
}
