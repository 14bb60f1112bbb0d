//! Byte offset <-> 1-based line and column (column counted in characters).

/// Bytes between two checkpoints of the character count: a column is counted from the
/// nearest one, so a line of megabytes with thousands of findings is not counted from
/// its start for each.
const CHECKPOINT: usize = 4096;

/// Line starts of one text, for turning byte offsets into line:column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it), about every `every` bytes, on char
    /// boundaries, from (0, 0).
    checkpoints: Vec<(usize, usize)>,
    every: usize,
}

impl LineIndex {
    /// Indexes `text`. `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn new(text: &str) -> LineIndex {
        LineIndex::with_checkpoints(text, CHECKPOINT)
    }

    /// `new` with checkpoints about every `every` bytes (tests use small ones).
    fn with_checkpoints(text: &str, every: usize) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // Jump between line ends with memchr: a report indexes every file it quotes.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
            if lone_cr || bytes.get(i) == Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        let every = every.max(1);
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0usize, 0usize);
        while at.saturating_add(every) < text.len() {
            let next = super::ceil_boundary(text, at + every);
            chars += text.get(at..next).map_or(0, |s| s.chars().count());
            checkpoints.push((next, chars));
            at = next;
        }
        LineIndex { starts, checkpoints, every }
    }

    /// Characters in `text[from..to]` (`from`, `to` on char boundaries, `from <= to`).
    pub fn chars_between(&self, text: &str, from: usize, to: usize) -> usize {
        let before = |x: usize| {
            let k = self.checkpoints.partition_point(|&(at, _)| at <= x).max(1);
            let (at, chars) = self.checkpoints.get(k - 1).copied().unwrap_or((0, 0));
            chars + text.get(at..x).map_or(0, |s| s.chars().count())
        };
        if to - from <= 2 * self.every {
            return text.get(from..to).map_or(0, |s| s.chars().count());
        }
        before(to) - before(from)
    }

    /// 1-based (line, column) of a byte offset; column counts characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = if text.is_char_boundary(offset) && text.is_char_boundary(start) {
            self.chars_between(text, start, offset)
        } else {
            offset - start
        };
        (line, column + 1)
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where 0-based line `line` starts; `None` past the last line.
    pub fn start_of(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based column of a byte offset counted in UTF-8 bytes from the last line break
    /// before it (`\n` or `\r`: the offset between the two bytes of a `\r\n` is at
    /// column 1), as reviewdog counts.
    pub fn byte_column(&self, text: &str, offset: usize) -> usize {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        // The line's own bytes hold no break but, at its end, the `\r` of a `\r\n`.
        let start =
            if offset > start && text.as_bytes().get(offset - 1) == Some(&b'\r') { offset } else { start };
        offset - start + 1
    }
}

/// (line, column, byte column) of each of `offsets`, as `LineIndex::line_col` and
/// `LineIndex::byte_column` give them, in the order of `offsets`, without an index of the
/// whole text: the line breaks are looked for only up to the last offset, and characters
/// counted only on the lines the offsets are on. A report re-reads every file a finding
/// is in for a handful of offsets, and indexing each whole file (every line start, and a
/// count of every character) was most of that work.
pub fn positions(text: &str, offsets: &[usize]) -> Vec<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&k| offsets.get(k).copied().unwrap_or(0));
    let mut out = vec![(1, 1, 1); offsets.len()];
    // The line of the offsets so far: its number and where it starts; line breaks
    // before `scanned` are counted.
    let (mut line, mut start, mut scanned) = (1, 0, 0);
    // The last offset on this line that is a char boundary, and the characters from the
    // line's start to it: the next offset on the line counts on from there, so a line of
    // megabytes with thousands of findings is read once.
    let mut counted: Option<(usize, usize)> = None;
    for k in order {
        let offset = offsets.get(k).copied().unwrap_or(0).min(text.len());
        // A line starts after each `\n` and each lone `\r` before the offset.
        for i in
            bytes.get(scanned..offset).map(|b| memchr::memchr2_iter(b'\n', b'\r', b)).into_iter().flatten()
        {
            let i = scanned + i;
            let lone_cr = bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
            if lone_cr || bytes.get(i) == Some(&b'\n') {
                line += 1;
                start = i + 1;
                counted = None;
            }
        }
        scanned = scanned.max(offset);
        let column = if text.is_char_boundary(offset) {
            let (from, before) = counted.filter(|&(at, _)| at >= start).unwrap_or((start, 0));
            let chars = before + text.get(from..offset).map_or(0, |s| s.chars().count());
            counted = Some((offset, chars));
            chars
        } else {
            offset - start
        };
        // The `\r` of a `\r\n` ends the line's own bytes: an offset after it is at byte
        // column 1.
        let byte_start = if offset > start && bytes.get(offset - 1) == Some(&b'\r') { offset } else { start };
        if let Some(slot) = out.get_mut(k) {
            *slot = (line, column + 1, offset - byte_start + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Columns counted from checkpoints are those counted from the line start, and
        /// byte columns those of `report::byte_column`, with checkpoints every few bytes.
        #[test]
        fn checkpoints_and_byte_columns_agree_with_counting_by_hand(
            text in "(?s)[ab é日\r\n]{0,200}",
            every in 1usize..16,
        ) {
            let ix = LineIndex::with_checkpoints(&text, every);
            let whole = LineIndex::with_checkpoints(&text, usize::MAX / 2);
            for offset in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(ix.line_col(&text, offset), whole.line_col(&text, offset));
                if text.is_char_boundary(offset) {
                    let head = &text.as_bytes()[..offset];
                    let line_start = head.iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
                    proptest::prop_assert_eq!(ix.byte_column(&text, offset), offset - line_start + 1);
                }
            }
            let ends = text.char_indices().map(|(i, _)| i).chain([text.len()]);
            for (a, b) in ends.clone().zip(ends.skip(1)) {
                proptest::prop_assert_eq!(ix.chars_between(&text, 0, b), text[..b].chars().count());
                proptest::prop_assert_eq!(ix.chars_between(&text, a, b), 1);
            }
        }

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

        /// `positions` gives what an index of the whole text gives, for offsets in any
        /// order, repeated, between the bytes of a character or past the end.
        #[test]
        fn positions_are_those_of_the_whole_index(
            text in "(?s)[ab é日\r\n]{0,80}",
            offsets in proptest::collection::vec(0usize..100, 0..12),
        ) {
            let ix = LineIndex::new(&text);
            let expected: Vec<(usize, usize, usize)> = offsets
                .iter()
                .map(|&o| {
                    let (line, column) = ix.line_col(&text, o);
                    (line, column, ix.byte_column(&text, o))
                })
                .collect();
            proptest::prop_assert_eq!(positions(&text, &offsets), expected);
        }
    }
}
