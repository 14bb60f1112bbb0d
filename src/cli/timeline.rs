//! `chronolint timeline EVENT [PATHS]...`: every claim about one event, across sources,
//! next to the reference dates.

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
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", event.name, event.id);
    for d in &event.dates {
        for v in &d.views {
            let disputed = if d.is_disputed() { " [disputed]" } else { "" };
            let _ = writeln!(
                out,
                "  reference {:<6} {:<24} {}{}",
                d.role.as_str(),
                v.value.to_string(),
                v.source,
                disputed
            );
        }
    }
    let mut claims: Vec<_> = run.index.about(id).collect();
    claims.sort_by_key(|c| (c.time.value.earliest, c.doc, c.sentence.start));
    if claims.is_empty() {
        let _ = writeln!(out, "  no claims in these documents");
    }
    // The line of each claim's date and the words of its sentence, each file read once
    // (not once per claim).
    let mut of_doc: BTreeMap<usize, Vec<(Span, Span)>> = BTreeMap::new();
    for c in &claims {
        of_doc.entry(c.doc).or_default().push((c.time.span, c.sentence));
    }
    let mut shown: BTreeMap<(usize, Span, Span), (usize, String)> = BTreeMap::new();
    for (doc, spans) in of_doc {
        let path = run.docs.get(doc).map_or("", |d| d.path.as_str());
        let text = crate::corpus::load(std::path::Path::new(path)).unwrap_or_default();
        let index = crate::text::LineIndex::new(&text);
        for (time, sentence) in spans {
            let (line, _) = index.line_col(&text, time.start);
            let excerpt: String = sentence.slice(&text).split_whitespace().collect::<Vec<_>>().join(" ");
            shown.insert((doc, time, sentence), (line, excerpt.chars().take(90).collect()));
        }
    }
    for c in claims {
        let path = run.docs.get(c.doc).map_or("", |d| d.path.as_str());
        let (line, excerpt) = shown.get(&(c.doc, c.time.span, c.sentence)).cloned().unwrap_or_default();
        let mut flags = Vec::new();
        if c.quoted {
            flags.push("quoted");
        }
        if c.hypothetical {
            flags.push("hypothetical");
        }
        if c.repeated {
            flags.push("repeated");
        }
        if !c.citations.is_empty() {
            flags.push("cited");
        }
        let _ = writeln!(
            out,
            "  {:<16} {:<6} {}:{}{}\n      {excerpt}",
            c.time.value.to_string(),
            c.role.as_str(),
            path,
            line,
            if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) },
        );
    }
    super::emit(&out)?;
    Ok(super::Outcome::ok())
}
