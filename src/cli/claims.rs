//! `chronolint claims [PATHS]... [--format jsonl|table]`: every claim found, with where
//! it was said, its event, role and time, what backs it and how far it is an assertion.
//!
//! JSON Lines, one object per claim, in file then position order:
//! `{"file","line","column","start","end","event","event_name","role","time":{"value","text"},
//! "citations":[{"kind","target"}],"trust","quoted","hypothetical","repeated","attributed_to",
//! "text_key"}`.
//!
//! A file that could not be read is told of on stderr (`unreadable-source`, as `check`
//! reports it); the listing goes on without it.

use crate::engine::{extract_all, Options};
use crate::text::LineIndex;
use std::path::PathBuf;

/// Output formats of `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Table,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to read. Default: the current folder.
    paths: Vec<PathBuf>,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the paths.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths };
    if let Some(p) = paths.iter().find(|p| !p.exists()) {
        return Err(super::engine_report(crate::engine::EngineError::MissingPath(p.clone())));
    }
    let options = Options { config: args.config, ..Options::default() };
    let (settings, rules, docs, mut unread) = extract_all(&paths, &options).map_err(super::engine_report)?;
    crate::engine::apply_levels(&mut unread, &settings);
    let mut out = String::new();
    if args.format == Format::Table {
        out.push_str("file:line\tevent\trole\ttime\ttext\tflags\tcitations\n");
    }
    for doc in &docs {
        if doc.claims.is_empty() {
            continue;
        }
        let text = crate::corpus::load(std::path::Path::new(&doc.path)).unwrap_or_default();
        let lines = LineIndex::new(&text);
        let mut claims: Vec<_> = doc.claims.iter().collect();
        claims.sort_by_key(|c| (c.span().start, c.span().end, c.event));
        for c in claims {
            let span = c.span();
            let (line, column) = lines.line_col(&text, span.start);
            let event = rules.events.get(c.event);
            let (id, name) = event.map_or(("", ""), |e| (e.id.as_str(), e.name.as_str()));
            // As the checks read it: a guessed year settled by the reference.
            let value =
                crate::claims::settled(c, &rules).map_or_else(|| c.time.value.edtf.clone(), |v| v.edtf);
            match args.format {
                Format::Jsonl => {
                    let citations: Vec<_> = c
                        .citations
                        .iter()
                        .map(|x| serde_json::json!({ "kind": x.kind, "target": x.target }))
                        .collect();
                    let v = serde_json::json!({
                        "file": doc.path,
                        "line": line,
                        "column": column,
                        "start": span.start,
                        "end": span.end,
                        "event": id,
                        "event_name": name,
                        "role": c.role.as_str(),
                        "time": { "value": value, "text": c.time.span.slice(&text) },
                        "citations": citations,
                        "trust": doc.meta.trust,
                        "quoted": c.quoted,
                        "hypothetical": c.hypothetical,
                        "repeated": c.repeated,
                        "attributed_to": c.attributed_to,
                        "text_key": format!("{:016x}", c.text_key),
                    });
                    out.push_str(&v.to_string());
                }
                Format::Table => {
                    let mut flags = Vec::new();
                    for (on, f) in
                        [(c.quoted, "quoted"), (c.hypothetical, "hypothetical"), (c.repeated, "repeated")]
                    {
                        if on {
                            flags.push(f);
                        }
                    }
                    let words: String = span.slice(&text).split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push_str(&format!(
                        "{}:{line}\t{id}\t{}\t{}\t{words}\t{}\t{}",
                        doc.path,
                        c.role.as_str(),
                        value,
                        if flags.is_empty() { "-".to_string() } else { flags.join(",") },
                        c.citations.len()
                    ));
                }
            }
            out.push('\n');
        }
    }
    super::emit(&out)?;
    Ok(super::Outcome { failed: super::tell_unreadable(&unread) })
}
