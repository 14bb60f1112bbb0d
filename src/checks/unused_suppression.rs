//! `unused-suppression`: a suppression comment that silences nothing. Emitted by the engine.

use crate::checks::declare_check;
use crate::config::Level;

declare_check! {
    /// ## What it does
    /// Reports an inline suppression comment (`chronolint-disable-next-line`,
    /// `chronolint-disable-line`, `chronolint-disable` ... `chronolint-enable`) that
    /// silenced no finding in this run.
    ///
    /// ## Why it matters
    /// A stale exception hides the next real problem at that place: when the text or the
    /// rules change, the comment should go too.
    ///
    /// ## Example
    /// ```text
    /// <!-- chronolint-disable-next-line date-conflict -- quoted from Nish -->
    /// In 1895 the powers intervened.      (no date-conflict here any more)
    /// ```
    /// Delete the comment. Silence this finding itself with `unused-suppression = "allow"`
    /// in chronolint.toml.
    pub static UNUSED_SUPPRESSION = ("unused-suppression", Level::Warn, None);
}
