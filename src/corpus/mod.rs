//! The corpus: which files (discover, with walkdir), their text (load, strict UTF-8) and
//! their source metadata (from the config, by glob). Leaves reading the text to `text/`.

use crate::time::{Calendar, TimeValue};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A document's position in the sorted list of the run's documents.
pub type DocId = usize;

/// What kind of source a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Genre {
    Encyclopedia,
    Forum,
    Blog,
    TodayInHistory,
    Book,
    News,
    Reference,
    #[default]
    Other,
}

/// How far a source is trusted on its own.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Trust {
    Low,
    #[default]
    Medium,
    High,
}

/// A document's source metadata, from `chronolint.toml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceMeta {
    pub genre: Genre,
    pub trust: Trust,
    /// Publication date, when known.
    pub published: Option<TimeValue>,
    /// A day header with no year ("Feb 6"): (month, day).
    pub day_anchor: Option<(u8, u8)>,
    /// The calendar the source writes in.
    pub calendar: Calendar,
}

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    /// The path as reached from the paths given on the command line.
    pub path: String,
    pub text: String,
    pub meta: SourceMeta,
}

/// Why a file could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("could not read the file: {0}")]
    Io(String),
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { offset: usize },
    #[error("the file looks binary (NUL byte at offset {offset})")]
    Binary { offset: usize },
}

/// Reads one file as UTF-8 text.
pub fn load(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(e.to_string()))?;
    decode(bytes)
}

/// Decodes file bytes as a document's text.
pub fn decode(bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if let Some(offset) = memchr_nul(&bytes) {
        return Err(LoadError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 { offset: e.utf8_error().valid_up_to() })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// The files under `paths` with a document extension, sorted, each once.
pub fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for root in paths {
        for entry in walkdir::WalkDir::new(root).follow_links(false).into_iter().flatten() {
            if entry.file_type().is_file() && is_document(entry.path()) {
                out.push(entry.path().to_path_buf());
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn is_document(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}
