//! One run of the pipeline: config, rules, discover, per-document extraction in parallel,
//! the claim index, the checks, then levels, fingerprints and order. Returns plain data;
//! rendering is `report/`'s job.

use crate::checks::{self, Context};
use crate::claims::{self, ClaimIndex, DocExtract};
use crate::config::{ConfigError, Settings};
use crate::corpus::{self, Document};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::rules::{RuleBook, RuleError};
use crate::span::Span;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config F`; otherwise found upwards from the paths.
    pub config: Option<PathBuf>,
}

impl Options {
    /// Options for tests: config discovered from the paths.
    pub fn for_tests() -> Options {
        Options::default()
    }
}

/// Why a run could not be made as asked (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("the configuration is invalid")]
    Config(Vec<ConfigError>),
    #[error("the rules are invalid")]
    Rules(Vec<RuleError>),
    #[error("no such file or folder: {0}")]
    MissingPath(PathBuf),
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Run {
    /// Sorted by file, start offset, code.
    pub diagnostics: Vec<Diagnostic>,
    /// Documents read.
    pub files: usize,
    /// Claims found.
    pub claims: usize,
    /// Text of every file a diagnostic points into, for renderers.
    pub sources: BTreeMap<String, String>,
}

impl Run {
    /// How many findings of each severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// Loads the settings for a run over `paths`.
pub fn settings_for(paths: &[PathBuf], options: &Options) -> Result<Settings, EngineError> {
    let file = match &options.config {
        Some(f) => Some(f.clone()),
        None => paths.iter().find_map(|p| crate::config::discover(p)),
    };
    match file {
        Some(f) => Settings::read(&f).map_err(EngineError::Config),
        None => {
            let root = std::env::current_dir().unwrap_or_default();
            Ok(Settings::defaults(&root))
        }
    }
}

/// Loads every rule folder of the settings into one book.
pub fn rules_for(settings: &Settings) -> Result<RuleBook, EngineError> {
    let mut book = RuleBook::default();
    let mut errors = Vec::new();
    for dir in &settings.rules {
        match crate::rules::load_dir(dir) {
            Ok(b) => {
                book.events.extend(b.events);
                book.entities.extend(b.entities);
                book.dependencies.extend(b.dependencies);
                book.hash ^= b.hash;
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(book)
    } else {
        Err(EngineError::Rules(errors))
    }
}

/// Checks the documents under `paths`.
pub fn check_paths(paths: &[impl AsRef<Path>], options: &Options) -> Result<Run, EngineError> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    for p in &paths {
        if !p.exists() {
            return Err(EngineError::MissingPath(p.clone()));
        }
    }
    let settings = settings_for(&paths, options)?;
    let rules = rules_for(&settings)?;
    let files: Vec<PathBuf> = corpus::discover(&paths).into_iter().filter(|p| settings.includes(p)).collect();

    let loaded: Vec<(Result<DocExtract, Box<Diagnostic>>, String)> = files
        .par_iter()
        .enumerate()
        .map(|(id, path)| {
            let shown = path.to_string_lossy().into_owned();
            match corpus::load(path) {
                Ok(text) => {
                    let doc = Document { id, path: shown, text, meta: settings.meta_for(path) };
                    (Ok(claims::extract(&doc, &rules)), doc.text)
                }
                Err(e) => (
                    Err(Box::new(
                        Diagnostic::new(
                            checks::find("unreadable-source").map_or("unreadable-source", |c| c.code),
                            Label::new(shown, Span::default(), "this file"),
                            format!("could not read this document: {e}"),
                        )
                        .help("re-save it as UTF-8 text, or exclude it in chronolint.toml"),
                    )),
                    String::new(),
                ),
            }
        })
        .collect();

    let mut diagnostics = Vec::new();
    let mut docs = Vec::with_capacity(loaded.len());
    let mut texts = Vec::with_capacity(loaded.len());
    for (id, (r, text)) in loaded.into_iter().enumerate() {
        texts.push(text);
        match r {
            Ok(d) => docs.push(d),
            Err(diag) => {
                diagnostics.push(*diag);
                // Keep DocId == position: an unreadable file leaves an empty extract.
                docs.push(DocExtract {
                    doc: id,
                    path: files[id].to_string_lossy().into_owned(),
                    ..DocExtract::default()
                });
            }
        }
    }
    let index = ClaimIndex::build(&docs);
    let cx = Context { rules: &rules, index: &index, docs: &docs, texts: &texts };
    diagnostics.extend(checks::run_all(&cx));

    let mut sources = BTreeMap::new();
    finalize(&mut diagnostics, &settings, &mut sources);
    Ok(Run { diagnostics, files: docs.len(), claims: index.claims.len(), sources })
}

/// Applies levels, drops `allow`ed findings, sets fingerprints, sorts.
fn finalize(diagnostics: &mut Vec<Diagnostic>, settings: &Settings, sources: &mut BTreeMap<String, String>) {
    diagnostics.retain_mut(|d| {
        let default = checks::find(d.code).map_or(crate::config::Level::Warn, |c| c.default_level);
        match settings.level_for(d.code, Path::new(&d.primary.file), default).severity() {
            Some(s) => {
                d.severity = s;
                true
            }
            None => false,
        }
    });
    for d in diagnostics.iter() {
        for l in std::iter::once(&d.primary).chain(&d.related) {
            if !sources.contains_key(&l.file) {
                let text = corpus::load(Path::new(&l.file)).unwrap_or_default();
                sources.insert(l.file.clone(), text);
            }
        }
    }
    let mut seen: BTreeMap<u64, u32> = BTreeMap::new();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for d in diagnostics.iter_mut() {
        let base = fingerprint_base(d, sources);
        let n = seen.entry(base).or_default();
        d.fingerprint = format!("{:016x}", fnv1a(&[&base.to_le_bytes()[..], &n.to_le_bytes()[..]]));
        *n += 1;
    }
}

/// A hash of what the finding is about, not where it sits: code, event, file names and
/// the words under each label, whitespace-folded.
fn fingerprint_base(d: &Diagnostic, sources: &BTreeMap<String, String>) -> u64 {
    let words = |l: &Label| -> String {
        let text = sources.get(&l.file).map_or("", |t| l.span.slice(t));
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut parts: Vec<String> = vec![
        d.code.to_string(),
        d.event.clone().unwrap_or_default(),
        d.primary.file.clone(),
        words(&d.primary),
    ];
    for r in &d.related {
        parts.push(r.file.clone());
        parts.push(words(r));
    }
    let bytes: Vec<&[u8]> = parts.iter().map(|s| s.as_bytes()).collect();
    fnv1a(&bytes)
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions of std.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
