//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn at(rel: impl AsRef<Path>) -> PathBuf {
    root().join(rel)
}

/// `rel` inside shared/ beside the repository (as in CI), or inside CHRONOLINT_SHARED.
/// Panics, naming what is missing, when it is in neither.
pub fn shared(rel: &str) -> PathBuf {
    if let Some(shared) = std::env::var_os("CHRONOLINT_SHARED") {
        return PathBuf::from(shared).join(rel);
    }
    let root = root();
    root.ancestors()
        .skip(1)
        .map(|a| a.join("shared").join(rel))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no shared/{rel} beside {} (set CHRONOLINT_SHARED)", root.display()))
}

/// The chronolint binary run from the repository root with `args`.
pub fn run(args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("chronolint").unwrap().current_dir(root()).args(args).output().unwrap()
}
