//! `chronolint dates FILE... [--format json] [--anchor YYYY-MM-DD]`

use crate::time::{tag, TagContext};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to read.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The document date, when no configuration gives one.
    #[arg(long)]
    anchor: Option<String>,
    /// Output format (JSON Lines).
    #[arg(long, default_value = "json")]
    format: String,
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
        let text = crate::corpus::load(file).map_err(|e| miette::miette!("{}: {e}", file.display()))?;
        let cx = TagContext { document_date: document_date.clone(), ..TagContext::default() };
        for t in tag(&text, &cx) {
            let line = serde_json::json!({
                "file": file.to_string_lossy(),
                "start": t.span.start,
                "end": t.span.end,
                "text": t.span.slice(&text),
                "value": t.value.edtf,
                "granularity": t.value.granularity,
                "calendar": t.value.calendar,
                "written": t.written,
                "anchor": t.anchor,
            });
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    super::emit(&out)?;
    Ok(super::Outcome::ok())
}
