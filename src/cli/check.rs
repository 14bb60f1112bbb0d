//! `chronolint check [PATHS]...`

use crate::diagnostic::Severity;
use crate::engine::{check_paths_with_progress, Options};
use crate::report;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to check. Default: the current folder.
    paths: Vec<PathBuf>,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the paths.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Also write a self-contained HTML report to this file.
    #[arg(long)]
    html: Option<PathBuf>,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths };
    let options = Options { config: args.config };
    let run = super::progress::with_bar(|p| check_paths_with_progress(&paths, &options, p))
        .map_err(super::engine_report)?;
    let text = match args.format {
        Format::Human => report::human::render(&run, std::io::stdout().is_terminal(), 100),
        Format::Json => report::json::render(&run),
    };
    super::emit(&text)?;
    if let Some(path) = &args.html {
        report::html::write(path, &report::html::render_check(&run))
            .map_err(|e| miette::miette!("could not write {}: {e}", path.display()))?;
    }
    Ok(super::Outcome { failed: run.count(Severity::Error) > 0 })
}
