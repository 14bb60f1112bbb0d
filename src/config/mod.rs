//! `chronolint.toml`: read as written (`raw.rs`), validated into `Settings` (`settings.rs`),
//! found by walking up from the paths given (`discover`).

mod raw;
mod settings;

pub use raw::{RawConfig, RawPolicy, RawTrust};
pub use settings::{prose, ConfigError, Settings};

use serde::{Deserialize, Serialize};

/// What users configure per check code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    Info,
    Warn,
    Deny,
}

impl Level {
    /// The severity a finding at this level carries, or `None` for `allow`.
    pub fn severity(self) -> Option<crate::diagnostic::Severity> {
        use crate::diagnostic::Severity;
        match self {
            Level::Allow => None,
            Level::Info => Some(Severity::Info),
            Level::Warn => Some(Severity::Warning),
            Level::Deny => Some(Severity::Error),
        }
    }

    /// `allow`, `info`, `warn`, `deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

/// Which dated claims a trust tier must back with a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cite {
    /// No citation expected (a forum).
    Never,
    /// Disputed or contradicted claims need one (an encyclopedia).
    Contested,
    /// Every dated claim needs one.
    All,
}

/// One trust tier's citation policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub cite: Cite,
    /// Whether this tier alone establishes a fact the reference does not know.
    pub establishes: bool,
}

/// The policy of every tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustPolicies {
    pub low: Policy,
    pub medium: Policy,
    pub high: Policy,
}

impl Default for TrustPolicies {
    /// An encyclopedia is expected to cite contested claims; a forum is not, but a forum
    /// alone does not establish a fact.
    fn default() -> Self {
        TrustPolicies {
            low: Policy { cite: Cite::Never, establishes: false },
            medium: Policy { cite: Cite::Contested, establishes: true },
            high: Policy { cite: Cite::Contested, establishes: true },
        }
    }
}

impl TrustPolicies {
    /// The policy of a tier.
    pub fn of(&self, trust: crate::corpus::Trust) -> Policy {
        match trust {
            crate::corpus::Trust::Low => self.low,
            crate::corpus::Trust::Medium => self.medium,
            crate::corpus::Trust::High => self.high,
        }
    }
}

/// The file name looked for.
pub const FILE_NAME: &str = "chronolint.toml";

/// The nearest `chronolint.toml` at or above `path` (a file's folder, or the folder itself).
pub fn discover(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let start = if path.is_dir() { path } else { path.parent()? };
    // A bare file name ("a.txt") has the empty path for a parent: the current folder.
    let start = if start.as_os_str().is_empty() { std::path::Path::new(".") } else { start };
    let abs = std::path::absolute(start).ok()?;
    abs.ancestors().map(|d| d.join(FILE_NAME)).find(|f| f.is_file())
}
