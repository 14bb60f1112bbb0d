//! Baselines: the findings a corpus already had, recorded so that CI reports only new ones.
//!
//! A baseline is JSON, written atomically by `check --write-baseline F`:
//!
//! ```json
//! {
//!   "version": 1,
//!   "entries": [
//!     { "fingerprint": "3f9a0c1b2d4e5f60", "code": "date-conflict",
//!       "file": "corpus/blog/news.txt", "message": "the Triple Intervention is dated ..." }
//!   ]
//! }
//! ```
//!
//! `check --baseline F` matches findings by fingerprint alone (see `fingerprint.rs`);
//! `code`, `file` and `message` are there for people reading the file.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub file: String,
    pub message: String,
}

/// Why a baseline could not be read or written (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("could not read the baseline {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the baseline {path} is not valid: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("could not write the baseline {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
}

/// What a baseline leaves of a run's findings.
#[derive(Debug, Default)]
pub struct Filtered {
    /// Findings not in the baseline, in their order.
    pub new: Vec<Diagnostic>,
    /// Baseline entries that no finding of the run matches any more.
    pub gone: usize,
}

impl Baseline {
    /// A baseline of these findings, in their (report) order.
    pub fn of(diagnostics: &[Diagnostic]) -> Baseline {
        let entries = diagnostics
            .iter()
            .map(|d| Entry {
                fingerprint: d.fingerprint.clone(),
                code: d.code.to_string(),
                file: d.primary.file.clone(),
                message: d.message.clone(),
            })
            .collect();
        Baseline { version: VERSION, entries }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| BaselineError::Read { path: path.to_path_buf(), source })?;
        Baseline::parse(&text).map_err(|message| BaselineError::Invalid { path: path.to_path_buf(), message })
    }

    /// Parses a baseline's text.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if b.version != VERSION {
            return Err(format!(
                "version {} is not supported (this chronolint reads version {VERSION})",
                b.version
            ));
        }
        Ok(b)
    }

    /// The JSON text, pretty-printed, with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes the baseline atomically.
    pub fn write(&self, path: &Path) -> Result<(), BaselineError> {
        crate::fsutil::write_atomic(path, self.to_json().as_bytes())
            .map_err(|source| BaselineError::Write { path: path.to_path_buf(), source })
    }

    /// Splits a run's findings into those the baseline does not hold, and counts the
    /// entries that no finding matches any more.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>) -> Filtered {
        let known: BTreeSet<&str> = self.entries.iter().map(|e| e.fingerprint.as_str()).collect();
        let current: BTreeSet<&str> = diagnostics.iter().map(|d| d.fingerprint.as_str()).collect();
        let gone = known.iter().filter(|f| !current.contains(*f)).count();
        let new = diagnostics.into_iter().filter(|d| !known.contains(d.fingerprint.as_str())).collect();
        Filtered { new, gone }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use crate::span::Span;

    fn finding(fp: &str) -> Diagnostic {
        let mut d = Diagnostic::new("date-conflict", Label::new("a.txt", Span::new(0, 4), "here"), "m");
        d.fingerprint = fp.to_string();
        d
    }

    #[test]
    fn filter_keeps_new_findings_and_counts_gone_entries() {
        let base = Baseline::of(&[finding("aaaa"), finding("bbbb")]);
        let f = base.filter(vec![finding("bbbb"), finding("cccc")]);
        assert_eq!(f.new.iter().map(|d| d.fingerprint.as_str()).collect::<Vec<_>>(), vec!["cccc"]);
        assert_eq!(f.gone, 1);
    }

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let base = Baseline::of(&[finding("aaaa")]);
        assert_eq!(Baseline::parse(&base.to_json()).unwrap(), base);
        assert!(Baseline::parse(r#"{"version": 2, "entries": []}"#).unwrap_err().contains("version 2"));
        assert!(Baseline::parse("not json").is_err());
    }
}
