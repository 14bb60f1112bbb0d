//! `chronolint rules check [DIR]...`: loads rule folders, reports every problem with its
//! file and span (exit 2), or prints a one-line summary of what the rules hold.

use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate rule files: unknown keys, bad dates, missing sources, duplicate ids, dangling references.
    Check {
        /// Rule folders (`<built-in>` for the rules built into chronolint). Default: `rules`,
        /// or the built-in rules where there is no such folder.
        dirs: Vec<PathBuf>,
    },
}

pub fn run(cmd: Command) -> miette::Result<super::Outcome> {
    let Command::Check { dirs } = cmd;
    // As `check` does without a config: ./rules, or the built-in rules where there is none.
    let default = if std::path::Path::new("rules").is_dir() { "rules" } else { crate::rules::BUILT_IN };
    let dirs = if dirs.is_empty() { vec![PathBuf::from(default)] } else { dirs };
    let mut books = Vec::new();
    let mut errors = Vec::new();
    for d in &dirs {
        match crate::rules::load_dir(d) {
            Ok(book) => books.push(book),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(super::engine_report(crate::engine::EngineError::Rules(errors)));
    }
    let events: usize = books.iter().map(|b| b.events.len()).sum();
    let dates = books.iter().flat_map(|b| &b.events).flat_map(|e| &e.dates);
    let (n_dates, disputed) = dates.fold((0, 0), |(n, k), d| (n + 1, k + usize::from(d.is_disputed())));
    let entities: usize = books.iter().map(|b| b.entities.len()).sum();
    let dependencies: usize = books.iter().map(|b| b.dependencies.len()).sum();
    super::emit(&format!(
        "rules are valid: {events} events, {n_dates} dates ({disputed} disputed), {entities} entities, {dependencies} dependencies\n"
    ))?;
    Ok(super::Outcome::ok())
}
