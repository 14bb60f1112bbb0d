//! `chronolint dates PATH... [--format json|text] [--anchor YYYY-MM-DD]`: the temporal
//! expressions found in each file, or in each document of a folder, one JSON object per
//! line (DESIGN.md):
//!
//! ```text
//! {"file":"blog.txt","start":7734,"end":7750,"text":"February 8, 1904","value":"1904-02-08",
//!  "granularity":"day","calendar":"gregorian","written":null,"anchor":null}
//! ```
//!
//! `mod` (`START`, `MID`, `END`) is added when the expression names a part of its period.
//! Each file's source metadata (publication date, day header, calendar) comes from the
//! nearest `chronolint.toml` above it, and so do its `ignore` patterns (text they match is
//! not read); `--anchor` overrides the publication date. A file that cannot be read is
//! told of on stderr (`unreadable-source`, as `check` reports it) and the others are
//! listed; a configuration that cannot be read stops the run (exit status 2).

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::time::{tag, TagContext, TimeExpr, TimeValue};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to read (a folder's documents as `claims` finds them).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The document date (YYYY, YYYY-MM or YYYY-MM-DD), overriding the configuration's.
    #[arg(long)]
    anchor: Option<String>,
    /// Output format: JSON Lines, or one tab-separated line per expression.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// How `dates` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Text,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let document_date = args
        .anchor
        .as_deref()
        .map(|a| {
            crate::time::parse_date(a).ok_or_else(|| {
                miette::miette!("invalid --anchor `{a}`: write YYYY, YYYY-MM or YYYY-MM-DD (years 1–9999)")
            })
        })
        .transpose()?;
    let (files, folders, mut unread) = files_of(&args.files)?;
    // In parallel, gathered in order: the output is the same bytes whatever the threads.
    let listed: Vec<(String, Option<Diagnostic>)> = files
        .par_iter()
        .map(|(file, folder)| {
            list(file, folder.and_then(|k| folders.get(k)), document_date.as_ref(), args.format)
        })
        .collect::<miette::Result<_>>()?;
    let mut out = String::new();
    for (lines, problem) in listed {
        out.push_str(&lines);
        unread.extend(problem);
    }
    super::emit(&out)?;
    Ok(super::Outcome { failed: super::tell_unreadable(&unread) })
}

/// A file to read, and the position in the folders' settings of the folder it was found
/// in, if it was found in one named.
type Listed = (PathBuf, Option<usize>);

/// The files to read: those named, and the documents of the folders named (by the
/// configuration found from each folder, read once, as `claims` reads them), with the
/// settings of each folder; and the paths that could not be walked, as `unreadable-source`
/// findings with their levels.
fn files_of(paths: &[PathBuf]) -> miette::Result<(Vec<Listed>, Vec<Settings>, Vec<Diagnostic>)> {
    let mut files = Vec::new();
    let mut folders = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(super::engine_report(engine::EngineError::MissingPath(path.clone())));
        }
        if !path.is_dir() {
            files.push((path.clone(), None));
            continue;
        }
        let folder = std::slice::from_ref(path);
        let settings =
            engine::settings_for(folder, &engine::Options::default()).map_err(super::engine_report)?;
        let found = engine::documents(folder, &settings);
        files.extend(found.files.into_iter().map(|f| (f, Some(folders.len()))));
        let mut walked: Vec<Diagnostic> =
            found.problems.iter().map(|(p, why)| engine::unreadable_path(p, why)).collect();
        engine::apply_levels(&mut walked, &settings);
        problems.append(&mut walked);
        folders.push(settings);
    }
    Ok((files, folders, problems))
}

/// The lines `dates` prints for one file, read with the settings of the folder it was
/// found in, else of the configuration nearest it; or none, and why it could not be read
/// (an `unreadable-source` finding at its configured level, none if `allow`ed; the run
/// goes on without it).
fn list(
    file: &Path,
    folder: Option<&Settings>,
    document_date: Option<&TimeValue>,
    format: Format,
) -> miette::Result<(String, Option<Diagnostic>)> {
    let nearest;
    let settings = match folder {
        Some(s) => s,
        None => {
            nearest = settings_near(file)?;
            &nearest
        }
    };
    let mut text = match crate::corpus::load(file) {
        Ok(text) => text,
        Err(e) => {
            let mut found = vec![engine::unreadable_document(file.display().to_string(), &e)];
            engine::apply_levels(&mut found, settings);
            return Ok((String::new(), found.pop()));
        }
    };
    settings.prose(&mut text);
    let mut cx = TagContext::of_source(&settings.meta_for(file));
    if let Some(date) = document_date {
        cx.document_date = Some(date.clone());
    }
    let mut out = String::new();
    for t in tag(&text, &cx) {
        match format {
            Format::Json => out.push_str(&json_line(file, &text, &t).to_string()),
            Format::Text => out.push_str(&text_line(file, &text, &t)),
        }
        out.push('\n');
    }
    Ok((out, None))
}

/// The settings of the configuration nearest `file` (for its source metadata and `ignore`
/// patterns), or the defaults where there is none.
fn settings_near(file: &Path) -> miette::Result<Settings> {
    let Some(config) = crate::config::discover(file) else {
        return Ok(Settings::default());
    };
    Settings::read(&config).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        miette::miette!("{}: invalid configuration: {first}", config.display())
    })
}

fn json_line(file: &Path, text: &str, t: &TimeExpr) -> serde_json::Value {
    let mut line = serde_json::json!({
        "file": file.to_string_lossy(),
        "start": t.span.start,
        "end": t.span.end,
        "text": t.span.slice(text),
        "value": t.value.edtf,
        "granularity": t.value.granularity,
        "calendar": t.value.calendar,
        "written": t.written,
        "anchor": t.anchor,
    });
    if let (Some(part), Some(map)) = (t.value.part, line.as_object_mut()) {
        map.insert("mod".to_string(), serde_json::json!(part));
    }
    line
}

fn text_line(file: &Path, text: &str, t: &TimeExpr) -> String {
    let part = t
        .value
        .part
        .map(|p| format!(" mod={}", serde_json::json!(p).as_str().unwrap_or("")))
        .unwrap_or_default();
    format!(
        "{}:{}-{}\t{}\t{}{part}",
        file.display(),
        t.span.start,
        t.span.end,
        t.span.slice(text),
        t.value.edtf
    )
}
