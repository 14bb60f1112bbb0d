//! `chronolint timeline EVENT [PATHS]...`: every claim about one event, across sources,
//! next to the reference dates. A file that could not be read is told of on stderr
//! (`unreadable-source`, as `check` reports it); the timeline goes on without it.

use crate::engine::{check_paths, Options};
use crate::span::Span;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The event's id or one of its names (`triple-intervention`, "Triple Intervention").
    event: String,
    /// Files or folders to read. Default: the current folder.
    paths: Vec<PathBuf>,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the paths.
    #[arg(long)]
    config: Option<PathBuf>,
}

/// Bytes of a claim's sentence shown on each side of its words, about a line's worth.
const EXCERPT_SIDE: usize = 60;

/// What a claim's row says of it besides its date: not an assertion, or backed.
fn flags(c: &crate::claims::Claim) -> Vec<&'static str> {
    let mut flags = c.not_asserted();
    if !c.citations.is_empty() {
        flags.push("cited");
    }
    flags
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths };
    let run = check_paths(&paths, &Options { config: args.config, ..Options::default() })
        .map_err(super::engine_report)?;
    let wanted = args.event.to_lowercase();
    let found = run.rules.events.iter().position(|e| {
        e.id == wanted
            || e.name.to_lowercase() == wanted
            || e.name.to_lowercase().trim_start_matches("the ") == wanted.trim_start_matches("the ")
            || e.aliases.iter().any(|a| a.to_lowercase() == wanted)
    });
    let Some(id) = found else {
        let near: Vec<&str> = {
            let mut v: Vec<(usize, &str)> = run
                .rules
                .events
                .iter()
                .map(|e| (crate::checks::edit_distance(&wanted, &e.id), e.id.as_str()))
                .collect();
            v.sort();
            v.into_iter().take(3).map(|(_, id)| id).collect()
        };
        return Err(miette::miette!(
            "no event `{}` in the rules; nearest ids: {}",
            args.event,
            near.join(", ")
        ));
    };
    let event = run.rules.event(id);
    let mut claims: Vec<_> = run.index.about(id).collect();
    claims.sort_by_key(|c| (c.time.value.earliest, c.doc, c.sentence.start, c.span()));
    let references: Vec<(&str, String, String)> = event
        .dates
        .iter()
        .flat_map(|d| {
            let disputed = if d.is_disputed() { " [disputed]" } else { "" };
            d.views
                .iter()
                .map(move |v| (d.role.as_str(), v.value.to_string(), format!("{}{disputed}", v.source)))
        })
        .collect();
    let shown_values: Vec<String> = claims.iter().map(|c| c.time.value.to_string()).collect();
    // Columns as wide as their widest value.
    let width = references
        .iter()
        .map(|(_, v, _)| v.chars().count())
        .chain(shown_values.iter().map(|v| v.chars().count()))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", event.name, event.id);
    for (role, value, source) in &references {
        let _ = writeln!(out, "  {value:<width$}  {role:<6} reference: {source}");
    }
    if claims.is_empty() {
        let _ = writeln!(out, "  no claims in these documents");
    }
    // The line of each claim's date and the words around it in its sentence, each file
    // read once (not once per claim).
    let mut of_doc: BTreeMap<usize, Vec<(Span, Span)>> = BTreeMap::new();
    for c in &claims {
        of_doc.entry(c.doc).or_default().push((c.span(), c.sentence));
    }
    let mut shown: BTreeMap<(usize, Span, Span), (usize, String)> = BTreeMap::new();
    for (doc, spans) in of_doc {
        let path = run.docs.get(doc).map_or("", |d| d.path.as_str());
        let text = crate::corpus::load(std::path::Path::new(path)).unwrap_or_default();
        let index = crate::text::LineIndex::new(&text);
        for (span, sentence) in spans {
            let (line, _) = index.line_col(&text, span.start);
            let excerpt = crate::audit::excerpt_within(&text, sentence, span, EXCERPT_SIDE);
            shown.insert((doc, span, sentence), (line, excerpt));
        }
    }
    for (c, value) in claims.iter().zip(&shown_values) {
        let path = run.docs.get(c.doc).map_or("", |d| d.path.as_str());
        let (line, excerpt) = shown.get(&(c.doc, c.span(), c.sentence)).cloned().unwrap_or_default();
        let flags = flags(c);
        let _ = writeln!(
            out,
            "  {value:<width$}  {:<6} {path}:{line}{}\n      {excerpt}",
            c.role.as_str(),
            if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) },
        );
    }
    super::emit(&out)?;
    Ok(super::Outcome { failed: super::tell_unreadable(&run.diagnostics) })
}
