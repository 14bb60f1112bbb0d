//! `chronolint dates FILE... [--format json|text] [--anchor YYYY-MM-DD]`: the temporal
//! expressions found in each file, one JSON object per line (DESIGN.md):
//!
//! ```text
//! {"file":"blog.txt","start":7734,"end":7750,"text":"February 8, 1904","value":"1904-02-08",
//!  "granularity":"day","calendar":"gregorian","written":null,"anchor":null}
//! ```
//!
//! `mod` (`START`, `MID`, `END`) is added when the expression names a part of its period.
//! Each file's source metadata (publication date, day header, calendar) comes from the
//! nearest `chronolint.toml` above it, and so do its `ignore` patterns (text they match is
//! not read); `--anchor` overrides the publication date.

use crate::config::Settings;
use crate::time::{tag, TagContext, TimeExpr};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to read.
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
    let document_date = match &args.anchor {
        Some(a) => Some(
            crate::config::parse_date(a)
                .ok_or_else(|| miette::miette!("invalid --anchor `{a}`: write YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let mut out = String::new();
    for file in &args.files {
        let mut text = crate::corpus::load(file).map_err(|e| miette::miette!("{}: {e}", file.display()))?;
        let (mut cx, settings) = context_for(file)?;
        settings.prose(&mut text);
        if document_date.is_some() {
            cx.document_date.clone_from(&document_date);
        }
        for t in tag(&text, &cx) {
            match args.format {
                Format::Json => out.push_str(&json_line(file, &text, &t).to_string()),
                Format::Text => out.push_str(&text_line(file, &text, &t)),
            }
            out.push('\n');
        }
    }
    super::emit(&out)?;
    Ok(super::Outcome::ok())
}

/// The tag context from the nearest configuration's source metadata, if any, and the
/// configuration (for its `ignore` patterns).
fn context_for(file: &Path) -> miette::Result<(TagContext, Settings)> {
    let Some(config) = crate::config::discover(file) else {
        return Ok((TagContext::default(), Settings::default()));
    };
    let settings = Settings::read(&config).map_err(|errors| {
        let first = errors.first().map(ToString::to_string).unwrap_or_default();
        miette::miette!("{}: invalid configuration: {first}", config.display())
    })?;
    let meta = settings.meta_for(file);
    let cx = TagContext {
        narrative: meta.genre.is_narrative(),
        document_date: meta.published,
        day_anchor: meta.day_anchor,
        calendar: meta.calendar,
    };
    Ok((cx, settings))
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
