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

/// Defines a module's `warm_up()`: it builds the given `LazyLock` statics (patterns and
/// tables) now rather than on first use (`engine::warm_up`).
macro_rules! warm_up {
    ($($lazy:ident),+ $(,)?) => {
        pub(crate) fn warm_up() {
            $(std::sync::LazyLock::force(&$lazy);)+
        }
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
