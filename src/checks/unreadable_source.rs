//! `unreadable-source`: a file that could not be read or decoded. Emitted by the loader.

use crate::checks::declare_check;
use crate::config::Level;

declare_check! {
    /// ## What it does
    /// Reports a file that could not be read as a document: unreadable, empty, binary
    /// (NUL bytes) or not valid UTF-8. The run goes on without it.
    ///
    /// ## Why it matters
    /// A document the tool cannot read is a document nobody checked; a silent skip
    /// would let its claims drift unseen.
    ///
    /// ## Example
    /// ```text
    /// corpus/legacy/notes.txt: the file is not valid UTF-8 (first bad byte at offset 112)
    /// ```
    /// Re-save the file as UTF-8, or exclude it in chronolint.toml.
    pub static UNREADABLE_SOURCE = ("unreadable-source", Level::Warn, None);
}
