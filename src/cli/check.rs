//! `chronolint check [PATHS]...`: run the checks, keep what the CI flags ask for (a
//! baseline, changed files), render in one format to stdout or a file, append the GitHub
//! step summary, and decide the exit status from the findings reported.

use crate::audit::plural;
use crate::baseline::Baseline;
use crate::config::Level;
use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{check_paths_with_progress, config_file_for, Options, Quoted};
use crate::report;
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: the passages with their labels.
    Human,
    /// Machine-readable JSON, version 1: findings with byte spans, lines and fingerprints.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Reviewdog Diagnostic Format, for `reviewdog -f=rdjson`.
    Rdjson,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to check. Default: the current folder.
    paths: Vec<PathBuf>,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the paths.
    #[arg(long, value_name = "F")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to this file (atomically) instead of stdout.
    #[arg(long, value_name = "F")]
    output: Option<PathBuf>,
    /// Report only findings that are not in this baseline (see --write-baseline).
    #[arg(long, value_name = "F")]
    baseline: Option<PathBuf>,
    /// Record every finding of this run in a baseline file; the run then exits 0.
    #[arg(long, value_name = "F")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that touch a file changed since this git revision (committed,
    /// staged, unstaged or untracked). The whole corpus is still read.
    #[arg(long, value_name = "REV", conflicts_with = "changed_files")]
    changed_since: Option<String>,
    /// Report only findings that touch these files: paths separated by commas, or a file
    /// listing one path per line (`@F` to be explicit; a bare F that is not itself a
    /// document of the run is read as a list too). Paths are relative to the current folder.
    #[arg(long, value_name = "LIST")]
    changed_files: Option<String>,
    /// The lowest severity that makes the exit status 1.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Exit 0 even when findings are reported (2 still means the run could not be made).
    #[arg(long)]
    exit_zero: bool,
    /// Treat findings of this check as errors (repeatable; overrides chronolint.toml).
    #[arg(long, value_name = "CODE")]
    deny: Vec<String>,
    /// Treat findings of this check as warnings (repeatable; overrides chronolint.toml).
    #[arg(long, value_name = "CODE")]
    warn: Vec<String>,
    /// Keep per-document results in this folder and reuse them while a document, its
    /// metadata and the rules are unchanged. Safe to delete.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Also write a self-contained HTML report to this file (atomically).
    #[arg(long, value_name = "F")]
    html: Option<PathBuf>,
    /// Print to stderr how long each stage of the run took (wall time), with the number of
    /// documents, claims and threads. The report itself is unchanged.
    #[arg(long)]
    timings: bool,
    /// Merge shard files written by `chronolint extract --shard K/N` and run the
    /// cross-document checks over them, instead of reading the corpus here.
    #[arg(long, value_name = "F", num_args = 1.., conflicts_with_all = ["paths", "cache_dir"])]
    claims: Vec<PathBuf>,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let start = std::time::Instant::now();
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let mut levels = Vec::new();
    for (codes, level) in [(&args.deny, Level::Deny), (&args.warn, Level::Warn)] {
        for code in codes {
            let Some(check) = crate::checks::find(code) else {
                let near = crate::checks::nearest(code)
                    .map(|n| format!("; did you mean `{n}`?"))
                    .unwrap_or_default();
                return Err(miette::miette!(
                    "unknown check code `{code}`{near} (`chronolint explain` lists them)"
                ));
            };
            levels.push((check.code, level));
        }
    }
    // Reports need only lines and columns of what they point at: the human report and
    // the HTML page read the passages they show again, a file at a time.
    let quoted = Quoted::Positions;
    let options = Options { config: args.config.clone(), cache: args.cache_dir.clone(), levels, quoted };
    if args.claims.is_empty() && config_file_for(&paths, &options).map_err(super::engine_report)?.is_none() {
        let rules = if !crate::rules::is_built_in(&crate::rules::default_dir(Path::new(""))) {
            "rules in ./rules".to_string()
        } else {
            format!("no ./rules folder: the rules built into chronolint, `{}`", crate::rules::BUILT_IN)
        };
        eprintln!(
            "note: no {} found at or above the paths given; using the defaults ({rules})",
            crate::config::FILE_NAME
        );
    }
    let baseline = match &args.baseline {
        Some(f) => Some(Baseline::read(f).map_err(|e| miette::miette!("{e}"))?),
        None => None,
    };
    let changed = changed_files(&args, &paths, &options)?;

    let mut run = if args.claims.is_empty() {
        super::progress::with_bar(|p| check_paths_with_progress(&paths, &options, p))
            .map_err(super::engine_report)?
    } else {
        crate::shard::check_claims(&args.claims, &options).map_err(super::shard_report)?
    };
    let after_run = std::time::Instant::now();
    if let Some(f) = &args.write_baseline {
        let b = Baseline::of(&run.diagnostics);
        b.write(f).map_err(|e| miette::miette!("{e}"))?;
        eprintln!("wrote {} baseline entr{} to {}", b.entries.len(), plural_y(b.entries.len()), f.display());
    }
    if let (Some(b), Some(f)) = (&baseline, &args.baseline) {
        let total = run.diagnostics.len();
        let filtered = b.filter(std::mem::take(&mut run.diagnostics));
        eprintln!(
            "baseline {}: {} known finding{} left out; {} baseline entr{} no longer occur{}",
            f.display(),
            total - filtered.new.len(),
            if total - filtered.new.len() == 1 { "" } else { "s" },
            filtered.gone,
            plural_y(filtered.gone),
            if filtered.gone == 1 { "s" } else { "" },
        );
        run.diagnostics = filtered.new;
    }
    if let Some(changed) = &changed {
        run.diagnostics.retain(|d| touches(d, changed));
    }

    let text = match args.format {
        Format::Human => {
            let color = args.output.is_none() && std::io::stdout().is_terminal();
            report::human::render(&run, color, 100)
        }
        Format::Json => report::json::render(&run),
        Format::Sarif => report::sarif::render(&run),
        Format::Github => report::github::render(&run),
        Format::Rdjson => report::rdjson::render(&run),
    };
    match &args.output {
        Some(f) if f.as_os_str() != "-" => crate::fsutil::write_atomic(f, text.as_bytes())
            .map_err(|e| miette::miette!("could not write {}: {e}", f.display()))?,
        _ => super::emit(&text)?,
    }
    if let Some(path) = &args.html {
        report::html::write(path, &report::html::render_check(&run))
            .map_err(|e| miette::miette!("could not write {}: {e}", path.display()))?;
    }
    if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
        let md = report::summary::render(&run);
        if let Err(e) = crate::fsutil::append_atomic(Path::new(&summary), md.as_bytes()) {
            eprintln!("warning: could not append the step summary: {e}");
        }
    }

    if args.timings {
        let mut timings = std::mem::take(&mut run.timings);
        timings.lap("report", "baseline, changed files, rendering and writing the report", after_run);
        eprint!("{}", timings_table(&timings, &run, start.elapsed().as_secs_f64()));
    }

    let threshold = args.fail_on.severity();
    let failed = !args.exit_zero
        && args.write_baseline.is_none()
        && run.diagnostics.iter().any(|d| d.severity >= threshold);
    Ok(super::Outcome { failed })
}

/// The `--timings` table: one line per stage, then the whole run (which also holds
/// reading the arguments and the baseline, so it is a little more than the stages' sum).
fn timings_table(timings: &crate::engine::Timings, run: &crate::engine::Run, total: f64) -> String {
    let mut out = format!(
        "timings: {}, {}, {}\n",
        plural(run.files, "document"),
        plural(run.claims, "claim"),
        plural(rayon::current_num_threads(), "thread"),
    );
    let width = timings.stages.iter().map(|(stage, ..)| stage.len()).max().unwrap_or(0).max("total".len());
    for (stage, does, seconds) in &timings.stages {
        out.push_str(&format!("  {stage:<width$}  {seconds:>8.3} s  {does}\n"));
    }
    out.push_str(&format!("  {:<width$}  {total:>8.3} s\n", "total"));
    out
}

fn plural_y(n: usize) -> &'static str {
    if n == 1 {
        "y"
    } else {
        "ies"
    }
}

/// Whether a finding's primary or any related label lies in a changed file.
fn touches(d: &Diagnostic, changed: &BTreeSet<PathBuf>) -> bool {
    std::iter::once(&d.primary).chain(&d.related).any(|l| changed.contains(&identity(Path::new(&l.file))))
}

/// A path's identity for comparison: canonical when it exists, else made absolute.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// The changed files asked for, as identities; `None` when every finding is reported.
fn changed_files(
    args: &Args,
    paths: &[PathBuf],
    options: &Options,
) -> miette::Result<Option<BTreeSet<PathBuf>>> {
    if let Some(list) = &args.changed_files {
        // `@F` is always a list file; a bare existing file is one too unless it is itself
        // a document of the run (then it names that one changed document).
        let file = match list.strip_prefix('@') {
            Some(f) => Some(f),
            None if Path::new(list).is_file() => {
                let me = identity(Path::new(list));
                // The run's documents, as the run finds them (a configuration's `include`
                // may name files of any extension); the run reports a configuration it
                // cannot read.
                let docs = match crate::engine::settings_for(paths, options) {
                    Ok(settings) => crate::engine::documents(paths, &settings).files,
                    Err(_) => crate::corpus::discover(paths).files,
                };
                let is_doc = docs.iter().any(|d| identity(d) == me);
                (!is_doc).then_some(list.as_str())
            }
            None => None,
        };
        let text = match file {
            Some(f) => std::fs::read_to_string(f).map_err(|e| miette::miette!("could not read {f}: {e}"))?,
            None => list.clone(),
        };
        let files = text
            .lines()
            .flat_map(|l| l.split(','))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| identity(Path::new(l)));
        return Ok(Some(files.collect()));
    }
    let Some(rev) = &args.changed_since else { return Ok(None) };
    // Ask the repository that holds the first path, wherever the command runs from.
    let first = paths.first().map_or(Path::new("."), PathBuf::as_path);
    let dir = if first.is_dir() { first } else { first.parent().unwrap_or(Path::new(".")) };
    let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let mut files = BTreeSet::new();
    for out in [
        git(&top, &["diff", "--name-only", "-z", rev.as_str(), "--"])?,
        git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?,
    ] {
        files.extend(out.split('\0').filter(|f| !f.is_empty()).map(|f| identity(&top.join(f))));
    }
    Ok(Some(files))
}

fn git(dir: &Path, args: &[&str]) -> miette::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| miette::miette!("--changed-since needs git: {e}"))?;
    if !out.status.success() {
        return Err(miette::miette!(
            "git {} failed in {}: {}",
            args.join(" "),
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| miette::miette!("git printed a path that is not UTF-8"))
}
