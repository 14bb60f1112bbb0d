//! `invalid-suppression`: a suppression comment without a reason or with an unknown code.

use crate::checks::declare_check;
use crate::config::Level;

declare_check! {
    /// ## What it does
    /// Reports a malformed inline suppression comment: one with no reason after ` -- `,
    /// one naming a check code that does not exist, or a `chronolint-enable` with no open
    /// `chronolint-disable`. A malformed comment silences nothing.
    ///
    /// ## Why it matters
    /// Every exception in a corpus should say why it exists, so the next editor can judge
    /// whether it still holds; a misspelt code would silently suppress nothing.
    ///
    /// ## Example
    /// ```text
    /// <!-- chronolint-disable-next-line date-conflicts -->
    /// ```
    /// Name an existing code and give a reason:
    /// `<!-- chronolint-disable-next-line date-conflict -- the author quotes Nish -->`.
    pub static INVALID_SUPPRESSION = ("invalid-suppression", Level::Warn, None);
}
