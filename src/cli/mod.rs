//! Command-line interface: arguments (clap), one file per subcommand. Turns library
//! errors into miette reports; prints. The exit status is decided once, in `Outcome`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod audit;
mod check;
mod claims;
mod dates;
mod errors;
mod explain;
mod extract;
mod progress;
mod rules;
mod timeline;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

pub use errors::{engine_report, tell_unreadable};

/// A report for a shard error: engine errors keep their detail.
pub(crate) fn shard_report(err: crate::shard::ShardError) -> miette::Report {
    match err {
        crate::shard::ShardError::Engine(e) => engine_report(e),
        other => miette::miette!("{other}"),
    }
}

/// How a run that could be made ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Whether a finding at or above the failing level was reported.
    pub failed: bool,
}

impl Outcome {
    /// 0, or 1 if any finding at the failing level.
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(u8::from(self.failed))
    }

    /// A run with nothing to fail on.
    pub fn ok() -> Outcome {
        Outcome { failed: false }
    }
}

/// chronolint: lint corpora of historical writing for provenance problems.
#[derive(Debug, Parser)]
#[command(name = "chronolint", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Threads for the per-document stage [default: RAYON_NUM_THREADS, else one per CPU].
    /// The output is the same bytes whatever the number.
    #[arg(short = 'j', long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Audit new documents against an established corpus.
    Audit(audit::Args),
    /// Check documents for conflicting, mismatched and unsupported dates.
    Check(check::Args),
    /// Print every claim found (event, role, time, citations, flags), JSON Lines or a table.
    Claims(claims::Args),
    /// Print the temporal expressions found in files, one JSON object per line.
    Dates(dates::Args),
    /// Run the per-document stage over one shard of the corpus, for `check --claims`.
    Extract(extract::Args),
    /// Explain what a check does, why, with an example.
    Explain(explain::Args),
    /// Every claim about one event, across sources, next to the reference dates.
    Timeline(timeline::Args),
    /// Work with rule files.
    #[command(subcommand)]
    Rules(rules::Command),
}

/// Parses `args` and runs the subcommand.
pub fn run(args: impl IntoIterator<Item = OsString>) -> miette::Result<Outcome> {
    crate::fsutil::remove_temporaries_on_interrupt();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version are successes; anything else is a usage error (2).
            let code = e.exit_code();
            let _ = e.print();
            if code == 0 {
                return Ok(Outcome::ok());
            }
            return Err(miette::miette!("invalid arguments (see --help)"));
        }
    };
    with_threads(cli.threads, || dispatch(cli.command))?
}

/// Runs `f` with `threads` worker threads for its parallel stages, or with rayon's default
/// (`RAYON_NUM_THREADS`, else one per CPU) when `None`. The pool is one of its own for
/// this call, not the global one: a library caller (or a test) may run several commands
/// in one process, each with its own count.
fn with_threads<T: Send>(threads: Option<u16>, f: impl FnOnce() -> T + Send) -> miette::Result<T> {
    match threads {
        Some(n) => Ok(rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build()
            .map_err(|e| miette::miette!("could not start {n} threads: {e}"))?
            .install(f)),
        None => Ok(f()),
    }
}

/// Runs one subcommand.
fn dispatch(command: Command) -> miette::Result<Outcome> {
    match command {
        Command::Audit(a) => audit::run(a),
        Command::Check(a) => check::run(a),
        Command::Claims(a) => claims::run(a),
        Command::Dates(a) => dates::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Extract(a) => extract::run(a),
        Command::Rules(c) => rules::run(c),
        Command::Timeline(a) => timeline::run(a),
    }
}

/// Writes to stdout; a closed pipe ends the run quietly.
pub(crate) fn emit(text: &str) -> miette::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(miette::miette!("could not write the output: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn threads(args: &[&str]) -> Result<Option<u16>, clap::Error> {
        Cli::try_parse_from(std::iter::once("chronolint").chain(args.iter().copied())).map(|c| c.threads)
    }

    #[test]
    fn threads_may_come_before_or_after_the_subcommand() {
        assert_eq!(threads(&["check", "corpus"]).ok(), Some(None));
        assert_eq!(threads(&["-j", "3", "check", "corpus"]).ok(), Some(Some(3)));
        assert_eq!(threads(&["check", "corpus", "--threads", "2"]).ok(), Some(Some(2)));
        assert_eq!(
            threads(&["extract", "corpus", "-j1", "--shard", "1/2", "--output", "c.jsonl"]).ok(),
            Some(Some(1))
        );
        assert!(threads(&["check", "-j", "0", "corpus"]).is_err(), "no threads at all is no run");
        assert!(threads(&["check", "-j", "many", "corpus"]).is_err());
    }

    #[test]
    fn the_parallel_stages_run_on_as_many_threads_as_asked() {
        for n in [1u16, 3] {
            let seen = with_threads(Some(n), rayon::current_num_threads).expect("a pool");
            assert_eq!(seen, usize::from(n));
        }
        // Without a number, rayon's own default: the pool this test already runs in.
        assert_eq!(with_threads(None, rayon::current_num_threads).ok(), Some(rayon::current_num_threads()));
    }
}
