//! `chronolint rules check [DIR]...`

use std::path::PathBuf;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate rule files: unknown keys, bad dates, duplicate ids, dangling references.
    Check {
        /// Rule folders. Default: `rules`.
        dirs: Vec<PathBuf>,
    },
}

pub fn run(cmd: Command) -> miette::Result<super::Outcome> {
    let Command::Check { dirs } = cmd;
    let dirs = if dirs.is_empty() { vec![PathBuf::from("rules")] } else { dirs };
    let mut events = 0;
    for d in &dirs {
        let book = crate::rules::load_dir(d)
            .map_err(|e| super::engine_report(crate::engine::EngineError::Rules(e)))?;
        events += book.events.len();
    }
    super::emit(&format!("rules are valid: {events} events\n"))?;
    Ok(super::Outcome::ok())
}
