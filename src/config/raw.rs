//! `chronolint.toml` as written. Field docs are the user manual.

use super::Level;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// `chronolint.toml` as written; `Settings::from_raw` validates it.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Folders of rule files, relative to this file; `"<built-in>"` names the rules built
    /// into chronolint. Default: `["rules"]`.
    pub rules: Vec<Spanned<String>>,
    /// Globs (relative to this file) of the documents to read. Default: `**/*.txt`, `**/*.md`.
    pub include: Vec<Spanned<String>>,
    /// Globs of files to skip.
    pub exclude: Vec<Spanned<String>>,
    /// Text that is not prose: regular expressions whose matches are not read for dates,
    /// events or claims, such as an ignore block or a citation template:
    ///
    /// ```toml
    /// ignore = ['(?s)<!--\s*chronolint-ignore-start\s*-->.*?<!--\s*chronolint-ignore-end\s*-->', '\{\{cite[^}]*\}\}']
    /// ```
    ///
    /// The syntax is the `regex` crate's (<https://docs.rs/regex/latest/regex/#syntax>): `.`
    /// does not match a line break unless the pattern starts with `(?s)`; there are no
    /// look-arounds or back-references. Write patterns in single quotes, so that TOML keeps
    /// their backslashes as written. Every match of every pattern, found in the file as
    /// written, is read as spaces (line breaks stay), so the line and column of a finding
    /// after it are those of the file. Suppression comments inside ignored text still
    /// apply. A pattern may not match the empty string (`x*` would ignore nothing), and
    /// must compile to at most 1 MiB: a counted repetition is compiled as that many copies,
    /// and the Unicode class `\w` takes 50 KB, so `\w{21}` is over (prefer `\w+`, or
    /// `[a-z]{1000}` at 72 KB). Default: none.
    pub ignore: Vec<Spanned<String>>,
    /// Level per check code, e.g. `date-conflict = "warn"`.
    pub severity: BTreeMap<Spanned<String>, Spanned<Level>>,
    /// Levels for files matching globs, after the global ones.
    #[serde(rename = "override")]
    pub overrides: Vec<RawOverride>,
    /// Source metadata for files matching globs; later entries win field by field.
    #[serde(rename = "source")]
    pub sources: Vec<RawSource>,
    /// Citation policy per trust tier: `[trust.high]`, `[trust.medium]`, `[trust.low]`.
    pub trust: RawTrust,
}

/// `[trust.*]`: what each trust tier is expected to cite, and whether it alone
/// establishes a fact the reference timeline does not know.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawTrust {
    pub low: Option<RawPolicy>,
    pub medium: Option<RawPolicy>,
    pub high: Option<RawPolicy>,
}

/// One tier's policy.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawPolicy {
    /// Which dated claims must have a citation in reach: `never`, `contested` (disputed in
    /// rules/ or contradicted by another source), or `all`.
    pub cite: Option<super::Cite>,
    /// Whether a claim made only by sources of this tier, about a date the reference does
    /// not know, stands on its own. Default: `true` for medium and high, `false` for low.
    pub establishes: Option<bool>,
}

/// `[[override]]`: levels for some paths.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOverride {
    /// Globs relative to the config file.
    pub paths: Vec<Spanned<String>>,
    /// Level per check code for those paths.
    pub severity: BTreeMap<Spanned<String>, Spanned<Level>>,
}

/// `[[source]]`: what kind of source the matching files are.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawSource {
    /// Globs relative to the config file.
    pub paths: Vec<Spanned<String>>,
    /// encyclopedia, forum, blog, today-in-history, book, news, reference, other.
    pub genre: Option<Spanned<crate::corpus::Genre>>,
    /// low, medium, high.
    pub trust: Option<Spanned<crate::corpus::Trust>>,
    /// Publication date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub published: Option<Spanned<String>>,
    /// A day header with no year, `MM-DD` ("Feb 6" is `02-06`).
    pub day_anchor: Option<Spanned<String>>,
    /// gregorian (default), julian.
    pub calendar: Option<Spanned<crate::time::Calendar>>,
    /// A human note on why these values.
    pub note: Option<String>,
}
