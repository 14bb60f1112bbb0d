//! `chronolint rules check [DIR]...`: loads rule folders, reports every problem with its
//! file and span (exit 2), or prints a one-line summary of what the rules hold.
//! `chronolint rules init [DIR]`: writes the built-in rules into a folder to edit.

use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Validate rule files: unknown keys, bad dates, missing sources, duplicate ids, dangling references.
    Check {
        /// Rule folders (`<built-in>` for the rules built into chronolint). Default: `rules`,
        /// or the built-in rules where there is no such folder.
        dirs: Vec<PathBuf>,
    },
    /// Write the built-in rules into a folder, to correct or extend them; never overwrites a file.
    Init {
        /// The folder to write (made if missing).
        #[arg(default_value = "rules")]
        dir: PathBuf,
    },
}

pub fn run(cmd: Command) -> miette::Result<super::Outcome> {
    let dirs = match cmd {
        Command::Check { dirs } => dirs,
        Command::Init { dir } => return init(&dir),
    };
    // As `check` does without a config: ./rules, or the built-in rules where there is none.
    let dirs = if dirs.is_empty() { vec![crate::rules::default_dir(Path::new(""))] } else { dirs };
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

/// Writes every built-in rule file under `dir`, each atomically, after checking that none
/// of them is there already: a folder someone has edited is never half overwritten.
fn init(dir: &Path) -> miette::Result<super::Outcome> {
    let files: Vec<(PathBuf, &str)> = crate::rules::built_in_files()
        .map(|(path, text)| {
            let rel = path.strip_prefix(crate::rules::BUILT_IN).unwrap_or(&path).to_path_buf();
            (dir.join(rel), text)
        })
        .collect();
    let present: Vec<String> =
        files.iter().filter(|(f, _)| f.exists()).map(|(f, _)| f.display().to_string()).collect();
    if !present.is_empty() {
        return Err(miette::miette!(
            help = "choose another folder, or move these files away first",
            "not writing the built-in rules: {} already exist{}",
            present.join(", "),
            if present.len() == 1 { "s" } else { "" }
        ));
    }
    for (file, text) in &files {
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| miette::miette!("cannot make the folder {}: {e}", parent.display()))?;
        }
        crate::fsutil::write_atomic(file, text.as_bytes())
            .map_err(|e| miette::miette!("cannot write {}: {e}", file.display()))?;
    }
    super::emit(&format!(
        "wrote {} rule files to {}; name it in chronolint.toml (rules = [\"{}\"]) and check it with `chronolint rules check {}`\n",
        files.len(),
        dir.display(),
        dir.display(),
        dir.display()
    ))?;
    Ok(super::Outcome::ok())
}
