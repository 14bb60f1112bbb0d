//! `invalid-rule`: a rule file that does not parse or validate. Emitted by the rule loader.

use crate::checks::declare_check;
use crate::config::Level;

declare_check! {
    /// ## What it does
    /// Reports a rule file under rules/ that does not parse as TOML or does not validate:
    /// unknown keys, bad dates, duplicate ids, references to events that do not exist.
    ///
    /// ## Why it matters
    /// Every other check trusts the rules; a broken rule file would make them wrong
    /// silently, so the run stops with exit status 2.
    ///
    /// ## Example
    /// ```text
    /// rules/events.toml:12:9: invalid date `1895-02-30`
    /// ```
    /// Fix the file at the place shown; `chronolint rules check` validates without a corpus.
    pub static INVALID_RULE = ("invalid-rule", Level::Deny, None);
}
