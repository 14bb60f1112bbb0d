//! Byte classes eight at a time in a `u64` ("SIMD within a register"): what the fast scans
//! (`time::scan`, `claims::needs`) use to skip text without a branch per byte, with no
//! `unsafe` and no target features.
//!
//! Each test sets bit 7 of every byte of its result where that byte of the input is in
//! its class, and clears every other bit. The tests clear bit 7 of the input before they
//! add, so no byte carries into the next: every byte is judged exactly.

/// Bit 0 of each byte of a `u64`.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// Bit 7 of each byte of a `u64`.
pub(crate) const HIGH_BITS: u64 = ONES * 0x80;

/// The first eight bytes of `bytes` (fewer if it is shorter), little-endian, zero past
/// its end: a part-filled last chunk of a text read as a whole one.
#[inline]
pub(crate) fn load(bytes: &[u8]) -> u64 {
    // Eight bytes whole where there are (the usual case: one load); else byte by byte.
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    let mut b = [0u8; 8];
    b.iter_mut().zip(bytes).for_each(|(to, from)| *to = *from);
    u64::from_le_bytes(b)
}

/// The bits of the first `n` bytes (at most eight) of a `u64` from `load`: what keeps a
/// word of `n` bytes and drops the bytes after it.
pub(crate) fn first_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n.min(8) as u32).unwrap_or(0)
}

/// Bit 7 of each byte of the result is set where that byte of `x` is an ASCII digit.
pub(crate) fn digit_bits(x: u64) -> u64 {
    let low = x & !HIGH_BITS;
    let at_least_0 = low.wrapping_add(ONES * (0x80 - u64::from(b'0')));
    let above_9 = low.wrapping_add(ONES * (0x7f - u64::from(b'9')));
    at_least_0 & !above_9 & !x & HIGH_BITS
}

/// Bit 7 of each byte of the result is set where that byte of `x` is an ASCII letter.
pub(crate) fn ascii_letter_bits(x: u64) -> u64 {
    // Bit 5 set makes capitals lowercase (and no other byte a letter).
    let low = (x | (ONES * 0x20)) & !HIGH_BITS;
    let at_least_a = low.wrapping_add(ONES * (0x80 - u64::from(b'a')));
    let above_z = low.wrapping_add(ONES * (0x7f - u64::from(b'z')));
    at_least_a & !above_z & !x & HIGH_BITS
}

/// Bit 7 of each byte of the result is set where that byte of `x` is zero.
pub(crate) fn zero_bits(x: u64) -> u64 {
    // The low seven bits plus 0x7f reach bit 7 unless they are all zero.
    !((x & !HIGH_BITS).wrapping_add(!HIGH_BITS) | x) & HIGH_BITS
}

/// The bit 7 of each byte of `m` (and only those: `m` as the tests above make it),
/// gathered into one byte: byte `i` of `m` to bit `i`. The multiplication places bit 7
/// of byte `i` at bit 56 + `i` and every other product at a bit of its own, so nothing
/// carries into the top byte.
pub(crate) fn gather(m: u64) -> u8 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_bytes_keeps_a_word_and_drops_what_follows() {
        let text = b"treaty of Portsmouth";
        for n in 0..=10 {
            let expected = load(text.get(..n.min(8)).unwrap_or_default());
            assert_eq!(load(text) & first_bytes(n), expected, "{n} bytes");
        }
    }

    /// Every byte value at every position, beside bytes of other classes.
    fn check(test: fn(u64) -> u64, class: fn(u8) -> bool) {
        let others = [b'a', 0xe1, b'Z', b'@', b'[', b'{', b'5', 0x00, 0x01, 0x80, 0xff, b'/', b':'];
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = [0u8; 8];
                for (k, x) in bytes.iter_mut().enumerate() {
                    *x = if k == at { b } else { others[(k + usize::from(b)) % others.len()] };
                }
                let x = u64::from_le_bytes(bytes);
                let got = test(x);
                assert_eq!(got & !HIGH_BITS, 0, "{x:#x}");
                for (k, byte) in bytes.iter().enumerate() {
                    assert_eq!(got >> (8 * k + 7) & 1 == 1, class(*byte), "byte {k} of {x:#x}");
                }
                let gathered = gather(got);
                for (k, byte) in bytes.iter().enumerate() {
                    assert_eq!(gathered >> k & 1 == 1, class(*byte), "gathered byte {k} of {x:#x}");
                }
            }
        }
    }

    #[test]
    fn load_reads_eight_bytes_little_endian_and_pads_with_zeros() {
        assert_eq!(load(b"abcdefghij"), u64::from_le_bytes(*b"abcdefgh"));
        assert_eq!(load(b"xy"), u64::from_le_bytes(*b"xy\0\0\0\0\0\0"));
        assert_eq!(load(b""), 0);
    }

    #[test]
    fn digit_bits_marks_ascii_digits_only() {
        check(digit_bits, |b| b.is_ascii_digit());
    }

    #[test]
    fn ascii_letter_bits_marks_ascii_letters_only() {
        check(ascii_letter_bits, |b| b.is_ascii_alphabetic());
    }

    #[test]
    fn zero_bits_marks_zero_bytes_only() {
        check(zero_bits, |b| b == 0);
    }
}
