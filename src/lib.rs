//! chronolint lints corpora of historical writing for provenance problems.
//!
//! The pipeline, one stage per module, plain data flowing forward:
//!
//! ```text
//! corpus (discover, load) -> text (sentences) -> time (TimeExpr) + claims (EventMention)
//!   -> claims (Claim, ClaimIndex) -> checks (Diagnostic) -> report (human, json, sarif, ...)
//! ```
//!
//! Documents are processed in parallel up to their claims; the checks read one index built
//! from all of them. See `DESIGN.md` for the contracts (commands, JSON output, exit status).

/// Defines a module's `WARM_UP`: a builder for each of the given `LazyLock` statics
/// (patterns and tables), which `engine::warm_up` shares out among the threads to build
/// them before the first document rather than on first use.
macro_rules! warm_up {
    ($($lazy:ident),+ $(,)?) => {
        pub(crate) const WARM_UP: &[fn()] = &[$(|| {
            std::sync::LazyLock::force(&$lazy);
        }),+];
    };
}
pub(crate) use warm_up;

pub mod audit;
pub mod baseline;
pub mod cache;
pub mod checks;
pub mod claims;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod engine;
pub mod fingerprint;
pub mod fsutil;
pub mod literals;
pub mod phrases;
pub mod report;
pub mod rules;
pub mod shard;
pub mod span;
pub mod suppress;
pub(crate) mod swar;
pub mod text;
pub mod time;
pub mod twin;
pub mod wire;

pub use engine::{check_paths, Options, Run};

/// The books of ../shared/realtext (public-domain texts of the era), in order of file
/// name, for tests that hold a fast path to the slow one on real text. Panics if there are
/// fewer than ten: a test over no text would pass whatever it checks.
#[cfg(test)]
pub(crate) fn realtext_books() -> Vec<(std::path::PathBuf, String)> {
    let realtext = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realtext");
    let mut books: Vec<_> = std::fs::read_dir(&realtext)
        .expect("../shared/realtext")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    books.sort();
    assert!(books.len() >= 10, "realtext holds {} books", books.len());
    books
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("a book");
            (p, text)
        })
        .collect()
}
