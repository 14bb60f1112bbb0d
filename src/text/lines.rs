//! Byte offset <-> 1-based line and column (column counted in characters).

/// Line starts of one text, for turning byte offsets into line:column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`. `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Jump between line ends with memchr: a report indexes every file it quotes.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
            if lone_cr || bytes.get(i) == Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// 1-based (line, column) of a byte offset; column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text.get(start..offset).map_or(offset - start, |s| s.chars().count()) + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every offset lands on the line and column counted by hand, whatever mix of
        /// `\n`, `\r\n` and lone `\r` ends the lines.
        #[test]
        fn line_and_column_are_counted_by_hand(text in "(?s)[ab é\r\n]{0,60}") {
            let ix = LineIndex::new(&text);
            let (mut line, mut column) = (1, 1);
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                proptest::prop_assert_eq!(ix.line_col(&text, i), (line, column));
                let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
                if c == '\n' || (c == '\r' && !crlf) {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            proptest::prop_assert_eq!(ix.line_col(&text, text.len()), (line, column));
        }
    }
}
