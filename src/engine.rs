//! One run of the pipeline: config, rules, discover, per-document extraction in parallel,
//! the claim index, the checks, then levels, fingerprints and order. Returns plain data;
//! rendering is `report/`'s job.

use crate::cache::Cache;
use crate::checks::{self, Context};
use crate::claims::{self, ClaimIndex, DocExtract};
use crate::config::{ConfigError, Settings};
use crate::corpus::{self, DocId, Document};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::rules::{RuleBook, RuleError};
use crate::span::Span;
use crate::suppress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--config F`; otherwise found upwards from the paths.
    pub config: Option<PathBuf>,
    /// A cache folder for per-document results (`--cache-dir`); none by default.
    pub cache: Option<PathBuf>,
    /// Levels from the command line (`--deny CODE`, `--warn CODE`), over the config's.
    pub levels: Vec<(&'static str, crate::config::Level)>,
    /// What the run keeps of the files its findings point into.
    pub quoted: Quoted,
}

/// What a run keeps of the files its findings point into, once it has re-read them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Quoted {
    /// Their text (`Run::sources`), for library users who want the texts; renderers use
    /// them rather than reading the files again.
    #[default]
    Text,
    /// Only the line and column of every label (`Run::positions`): memory stays with the
    /// findings, not with the size of the files they quote. What the command line uses:
    /// the human report and the HTML page read the passages they show again.
    Positions,
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
    #[error("no documents found under {} (documents are *.txt and *.md files, or the files `include` in chronolint.toml names)", .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NoDocuments(Vec<PathBuf>),
    #[error(
        "the paths given resolve to two configurations: {first} (for {first_path}) and {second} (for {second_path}); check them in separate runs, or choose one with --config"
    )]
    ConflictingConfigs { first: PathBuf, first_path: PathBuf, second: PathBuf, second_path: PathBuf },
}

/// An `unreadable-source` finding for a file or folder.
fn unreadable(file: String, message: String) -> Diagnostic {
    Diagnostic::new("unreadable-source", Label::new(file, Span::default(), "this file"), message)
        .help("re-save it as UTF-8 text, fix its permissions, or exclude it in chronolint.toml")
}

/// An `unreadable-source` finding for a path the walk could not look into.
pub fn unreadable_path(path: &Path, why: &str) -> Diagnostic {
    unreadable(path.to_string_lossy().into_owned(), format!("could not read this path: {why}"))
}

/// An `unreadable-source` finding for a document that could not be loaded.
pub fn unreadable_document(file: String, e: &corpus::LoadError) -> Diagnostic {
    unreadable(file, format!("could not read this document: {e}"))
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
    /// Text of every file a diagnostic points into, for renderers (with `Quoted::Text`).
    pub sources: BTreeMap<String, String>,
    /// Per file, per byte offset of a label's start or end: 1-based line, column in
    /// characters and column in bytes (with `Quoted::Positions`).
    pub positions: BTreeMap<String, BTreeMap<usize, (usize, usize, usize)>>,
    /// Every claim of the run, grouped by event and role (for timelines and audits).
    pub index: ClaimIndex,
    /// Per-document records, indexed by `DocId` (paths and source metadata; their claims
    /// have moved into `index`).
    pub docs: Vec<DocRecord>,
    /// The rule book the run used.
    pub rules: RuleBook,
    /// How long each stage took (`check --timings`).
    pub timings: Timings,
}

/// The wall time of each stage of a run, in the order they ran: what `check --timings`
/// prints, so that a slow run shows where it spends its time without a profiler.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// (stage, what it does, seconds).
    pub stages: Vec<(&'static str, &'static str, f64)>,
}

impl Timings {
    /// Adds a stage that started at `since`; returns the time it ended, where the next
    /// stage starts.
    pub fn lap(&mut self, stage: &'static str, does: &'static str, since: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, does, now.duration_since(since).as_secs_f64()));
        now
    }
}

impl Run {
    /// How many findings of each severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

/// The config file for a run over `paths`: `--config F`, else the `chronolint.toml` found
/// upwards from each path given; `None` when there is none (defaults are used). Two paths
/// that find two different files are an error: one run has one configuration.
pub fn config_file_for(paths: &[PathBuf], options: &Options) -> Result<Option<PathBuf>, EngineError> {
    if let Some(f) = &options.config {
        return Ok(Some(f.clone()));
    }
    let mut found: Option<(PathBuf, PathBuf, PathBuf)> = None; // (file, its identity, path given)
    for p in paths {
        let Some(file) = crate::config::discover(p) else { continue };
        let id = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
        match &found {
            None => found = Some((file, id, p.clone())),
            Some((first, first_id, first_path)) if *first_id != id => {
                return Err(EngineError::ConflictingConfigs {
                    first: first.clone(),
                    first_path: first_path.clone(),
                    second: file,
                    second_path: p.clone(),
                });
            }
            Some(_) => {}
        }
    }
    Ok(found.map(|(f, _, _)| f))
}

/// Loads the settings for a run over `paths`.
pub fn settings_for(paths: &[PathBuf], options: &Options) -> Result<Settings, EngineError> {
    let mut settings = match config_file_for(paths, options)? {
        // Globs are relative to the file's folder: `--config chronolint.toml` has "" for
        // a parent, so make the path absolute first.
        Some(f) => Settings::read(&std::path::absolute(&f).unwrap_or(f)).map_err(EngineError::Config)?,
        None => Settings::defaults(&std::env::current_dir().unwrap_or_default()),
    };
    for (code, level) in &options.levels {
        settings.forced.insert((*code).to_string(), *level);
    }
    Ok(settings)
}

/// Loads every rule folder of the settings into one book.
pub fn rules_for(settings: &Settings) -> Result<RuleBook, EngineError> {
    crate::rules::load_dirs(&settings.rules).map_err(EngineError::Rules)
}

/// What a run will read: its settings, rules, documents, and paths it could not walk.
pub struct Plan {
    pub settings: Settings,
    pub rules: RuleBook,
    /// The event-name matcher, built once from the rules.
    pub matcher: claims::Matcher,
    /// Documents, sorted; a document's `DocId` is its position here.
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked, as `unreadable-source` findings.
    pub problems: Vec<Diagnostic>,
}

/// Finds the settings, rules and documents for a run over `paths`.
pub fn plan(paths: &[impl AsRef<Path>], options: &Options) -> Result<Plan, EngineError> {
    let paths: Vec<PathBuf> = paths.iter().map(|p| p.as_ref().to_path_buf()).collect();
    for p in &paths {
        if !p.exists() {
            return Err(EngineError::MissingPath(p.clone()));
        }
    }
    let settings = settings_for(&paths, options)?;
    // The rules are read, the files found and the rules' matcher built while the other
    // threads build the patterns of the per-document stage, which every document needs at
    // once; the first thread to be done joins them.
    let (loaded, ()) = rayon::join(
        || -> Result<_, EngineError> {
            let rules = rules_for(&settings)?;
            let matcher = claims::Matcher::new(&rules);
            Ok((rules, documents(&paths, &settings), matcher))
        },
        warm_up,
    );
    let (rules, discovered, matcher) = loaded?;
    let files = discovered.files;
    if files.is_empty() && discovered.problems.is_empty() {
        return Err(EngineError::NoDocuments(paths));
    }
    let problems = discovered.problems.into_iter().map(|(path, why)| unreadable_path(&path, &why)).collect();
    Ok(Plan { settings, rules, matcher, files, problems })
}

/// The documents under `paths` as a run with `settings` reads them: the files the walk
/// takes (any file, where `include` globs name the documents: `Settings::documents`) that
/// the settings include, and the paths that could not be walked.
pub fn documents(paths: &[PathBuf], settings: &Settings) -> corpus::Discovered {
    let mut found = corpus::discover_with(paths, settings.documents());
    found.files.retain(|p| settings.includes(p));
    found
}

/// Builds the patterns of the per-document stage (some ninety regexes and tables, each a
/// `LazyLock`) now, one task each, shared out among the threads by rayon. Built on first
/// use instead, they cost tens of milliseconds of one thread while the others wait for the
/// same ones; built in two fixed halves, one half took three times as long as the other,
/// and the run waited for it (one-line file, two threads: `plan` 30–42 ms).
fn warm_up() {
    let lists = crate::text::WARM_UP.into_iter().chain(crate::time::WARM_UP).chain([
        crate::suppress::WARM_UP,
        claims::assemble::WARM_UP,
        claims::REFUTED_WARM_UP,
        claims::HEADING_WARM_UP,
        claims::mentions::WARM_UP,
        crate::checks::anachronism::WARM_UP,
        crate::checks::calendar_offset::WARM_UP,
        crate::checks::anniversary_arithmetic::WARM_UP,
    ]);
    let builders: Vec<fn()> = lists.flat_map(|list| list.iter().copied()).collect();
    builders.par_iter().with_max_len(1).for_each(|build| build());
}

/// What a long run reports as it goes, for a progress bar (the library never prints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// This many documents will be read.
    Files(usize),
    /// One more document was read and extracted (called from worker threads).
    Document,
}

/// Runs the per-document stage over the documents of `plan` whose position `i` has
/// `keep(i)`, in parallel, in order.
pub fn process_all(
    plan: &Plan,
    options: &Options,
    keep: impl Fn(usize) -> bool + Sync,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<DocRecord> {
    let cache = options.cache.as_deref().map(Cache::open);
    progress(Progress::Files((0..plan.files.len()).filter(|&i| keep(i)).count()));
    let docs: Vec<DocRecord> = plan
        .files
        .par_iter()
        .enumerate()
        .filter(|(id, _)| keep(*id))
        .map(|(id, path)| {
            let record = process(id, path, plan, cache.as_ref());
            progress(Progress::Document);
            record
        })
        .collect();
    if let Some(c) = &cache {
        // A cache that cannot be written only costs speed next time; say so and go on.
        if let Err(e) = c.save() {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("warning: could not write the cache index: {e}");
            }
        }
    }
    docs
}

/// Checks the documents under `paths`.
pub fn check_paths(paths: &[impl AsRef<Path>], options: &Options) -> Result<Run, EngineError> {
    check_paths_with_progress(paths, options, &|_| {})
}

/// Checks the documents under `paths`, telling `progress` how far it got.
pub fn check_paths_with_progress(
    paths: &[impl AsRef<Path>],
    options: &Options,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Run, EngineError> {
    let start = Instant::now();
    let mut timings = Timings::default();
    let plan = plan(paths, options)?;
    let since = timings.lap("plan", "configuration, rules, finding the files", start);
    let docs = process_all(&plan, options, |_| true, progress);
    timings.lap("documents", "reading, extracting, per-document checks (in parallel)", since);
    let Plan { settings, rules, mut problems, .. } = plan;
    Ok(cross_check(docs, &mut problems, &settings, rules, options.quoted, timings))
}

/// Settings, rules and the per-document extraction of every document under `paths`, with
/// an `unreadable-source` finding per file that could not be read (its extract is empty, so
/// `DocId` stays its position). For `chronolint claims`, which shows what was understood.
pub fn extract_all(
    paths: &[PathBuf],
    options: &Options,
) -> Result<(Settings, RuleBook, Vec<DocExtract>, Vec<Diagnostic>), EngineError> {
    let plan = plan(paths, options)?;
    let loaded: Vec<(DocExtract, Option<Diagnostic>)> = plan
        .files
        .par_iter()
        .enumerate()
        .map(|(id, path)| {
            let shown = path.to_string_lossy().into_owned();
            let meta = plan.settings.meta_for(path);
            match corpus::load(path) {
                Ok(mut text) => {
                    plan.settings.prose(&mut text);
                    let doc = Document { id, path: shown, text, meta };
                    (claims::extract(&doc, &plan.rules, &plan.matcher), None)
                }
                Err(e) => {
                    let d = unreadable_document(shown.clone(), &e);
                    (DocExtract { doc: id, path: shown, meta, ..DocExtract::default() }, Some(d))
                }
            }
        })
        .collect();
    let Plan { settings, rules, mut problems, .. } = plan;
    let mut docs = Vec::with_capacity(loaded.len());
    for (doc, problem) in loaded {
        problems.extend(problem);
        docs.push(doc);
    }
    Ok((settings, rules, docs, problems))
}

/// The per-document stage for one file: load, extract, per-document checks, suppression
/// comments. What it returns is all the cross-document stage needs of the document.
pub fn process(id: DocId, path: &Path, plan: &Plan, cache: Option<&Cache>) -> DocRecord {
    let (settings, rules) = (&plan.settings, &plan.rules);
    let shown = path.to_string_lossy().into_owned();
    let meta = settings.meta_for(path);
    let context = cache.map(|_| Cache::context(&shown, &meta, settings, rules)).unwrap_or_default();
    if let Some(hit) = cache.and_then(|c| c.by_stat(path, &shown, context, rules)) {
        return hit.renumbered(id);
    }
    let fail = |e: corpus::LoadError, meta| {
        let d = unreadable_document(shown.clone(), &e);
        DocRecord { doc: id, path: shown.clone(), meta, diagnostics: vec![d], ..DocRecord::default() }
    };
    let bytes = match corpus::read(path) {
        Ok(b) => b,
        Err(e) => return fail(e, meta),
    };
    let mut key = 0;
    if let Some(c) = cache {
        let (k, hit) = c.by_content(path, &shown, &bytes, context, rules);
        if let Some(hit) = hit {
            return hit.renumbered(id);
        }
        key = k;
    }
    let mut text = match corpus::decode(bytes) {
        Ok(t) => t,
        Err(e) => return fail(e, meta),
    };
    let (suppressions, malformed) = suppress::scan(&text);
    settings.prose(&mut text); // after the scan: suppression comments still apply
    let doc = Document { id, path: shown.clone(), text, meta };
    let extract = claims::extract(&doc, rules, &plan.matcher);
    let cx = checks::DocContext { text: &doc.text, extract: &extract, rules, policy: &settings.policy };
    let diagnostics = checks::run_per_doc(&cx);
    let DocExtract { claims, .. } = extract;
    let record =
        DocRecord { doc: id, path: doc.path, meta: doc.meta, claims, diagnostics, suppressions, malformed };
    if let Some(c) = cache {
        c.store(path, &shown, context, key, &record, rules);
    }
    record
}

impl DocRecord {
    /// The record with its document id (and its claims') set to `id`: a cached record
    /// keeps the id it had when it was made.
    pub fn renumbered(mut self, id: DocId) -> DocRecord {
        self.doc = id;
        for c in &mut self.claims {
            c.doc = id;
        }
        self
    }
}

/// The cross-document stage: the claim index, the corpus-wide checks, suppressions,
/// levels, fingerprints and order. `docs` are in `DocId` order; `timings`, the stages
/// run before it, to which it adds its own.
pub fn cross_check(
    mut docs: Vec<DocRecord>,
    diagnostics: &mut Vec<Diagnostic>,
    settings: &Settings,
    rules: RuleBook,
    quoted: Quoted,
    mut timings: Timings,
) -> Run {
    let start = Instant::now();
    let mut claims = Vec::new();
    for d in &mut docs {
        diagnostics.append(&mut d.diagnostics);
        claims.append(&mut d.claims);
    }
    claims::as_compared(&mut claims, &rules);
    let index = ClaimIndex::build(claims);
    let cx = Context::new(&rules, &index, &docs, &settings.policy, &settings.ignore);
    diagnostics.extend(checks::run_all(&cx));
    apply_suppressions(diagnostics, &docs);
    let since = timings.lap("corpus", "claim index, cross-document checks, suppressions", start);
    let (sources, positions) = finalize(diagnostics, settings, quoted);
    timings.lap(
        "positions",
        "levels, order; lines and fingerprints of findings (their files read again)",
        since,
    );
    Run {
        diagnostics: std::mem::take(diagnostics),
        files: docs.len(),
        claims: index.claims.len(),
        sources,
        positions,
        index,
        docs,
        rules,
        timings,
    }
}

/// What the per-document stage leaves for the cross-document stage: small on purpose
/// (the text, sentences and times stay behind), so memory grows with claims, not text.
#[derive(Debug, Clone, Default)]
pub struct DocRecord {
    pub doc: DocId,
    /// The path as reached from the paths given on the command line.
    pub path: String,
    pub meta: crate::corpus::SourceMeta,
    /// Its claims; moved into the index by `cross_check`.
    pub claims: Vec<crate::claims::Claim>,
    /// Findings of the per-document checks (and `unreadable-source`); moved out by `cross_check`.
    pub diagnostics: Vec<Diagnostic>,
    /// Its suppression comments.
    pub suppressions: Vec<suppress::Suppression>,
    /// Its malformed suppression comments.
    pub malformed: Vec<suppress::Malformed>,
}

/// Drops the findings inline comments silence; reports comments that silence nothing or
/// are malformed.
fn apply_suppressions(diagnostics: &mut Vec<Diagnostic>, docs: &[DocRecord]) {
    let by_file: BTreeMap<&str, &DocRecord> = docs
        .iter()
        .filter(|d| !d.suppressions.is_empty() || !d.malformed.is_empty())
        .map(|d| (d.path.as_str(), d))
        .collect();
    if by_file.is_empty() {
        return;
    }
    let mut used: std::collections::BTreeSet<(String, usize)> = std::collections::BTreeSet::new();
    diagnostics.retain(|d| {
        let Some(doc) = by_file.get(d.primary.file.as_str()) else { return true };
        match doc.suppressions.iter().position(|s| s.covers(d.code, d.primary.span)) {
            Some(i) => {
                used.insert((d.primary.file.clone(), i));
                false
            }
            None => true,
        }
    });
    for (file, doc) in by_file {
        for (i, s) in doc.suppressions.iter().enumerate() {
            if !used.contains(&(file.to_string(), i)) {
                let codes = if s.codes.is_empty() { "any check".to_string() } else { s.codes.join(", ") };
                diagnostics.push(
                    Diagnostic::new(
                        "unused-suppression",
                        Label::new(file, s.span, "silences nothing"),
                        format!("this suppression of {codes} matches no finding"),
                    )
                    .note(format!("its reason: {}", s.reason))
                    .help("delete the comment: the finding it was written for no longer occurs"),
                );
            }
        }
        for m in &doc.malformed {
            diagnostics.push(
                Diagnostic::new("invalid-suppression", Label::new(file, m.span, "this comment"), m.problem.clone())
                    .help("write `chronolint-disable-next-line CODE -- reason` (or -line, or a disable/enable block)"),
            );
        }
    }
}

/// Per file, per byte offset of a label: line, column and byte column.
type Positions = BTreeMap<String, BTreeMap<usize, (usize, usize, usize)>>;

/// Sets each finding's severity from its code's configured level for its file, and drops
/// those the settings `allow`.
pub fn apply_levels(diagnostics: &mut Vec<Diagnostic>, settings: &Settings) {
    diagnostics.retain_mut(|d| {
        let default = checks::find(d.code).map_or(crate::config::Level::Warn, |c| c.default_level);
        match settings.level_for(d.code, Path::new(&d.primary.file), default).severity() {
            Some(s) => {
                d.severity = d.cap.map_or(s, |cap| s.min(cap));
                true
            }
            None => false,
        }
    });
}

/// What `finalize` keeps of a file a finding points into, as `Quoted` asks.
enum Kept {
    Text(String),
    Positions(BTreeMap<usize, (usize, usize, usize)>),
}

/// Applies levels, drops `allow`ed findings, sets fingerprints, sorts. Re-reads each file
/// a finding points into (in parallel, one file per task) and keeps what `quoted` asks for.
fn finalize(
    diagnostics: &mut Vec<Diagnostic>,
    settings: &Settings,
    quoted: Quoted,
) -> (BTreeMap<String, String>, Positions) {
    apply_levels(diagnostics, settings);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Per file: every label offset, and the spans of the primary labels (whose words go
    // into fingerprints).
    let mut by_file: BTreeMap<&str, (Vec<usize>, Vec<Span>)> = BTreeMap::new();
    for d in diagnostics.iter() {
        by_file.entry(&d.primary.file).or_default().1.push(d.primary.span);
        for l in std::iter::once(&d.primary).chain(&d.related) {
            by_file.entry(&l.file).or_default().0.extend([l.span.start, l.span.end]);
        }
    }
    // Each file is read again on its own (in parallel: a large corpus has findings in
    // thousands of files), and the results are gathered in file order.
    let by_file: Vec<_> = by_file.into_iter().collect();
    let names = crate::fingerprint::Names::new(&settings.root);
    let read: Vec<_> = by_file
        .into_par_iter()
        .map(|(file, (at, spans))| {
            let name = names.of(file);
            let text = corpus::load(Path::new(file)).unwrap_or_default();
            let words: Vec<(Span, String)> =
                spans.iter().map(|&s| (s, crate::fingerprint::folded_words(s.slice(&text)))).collect();
            // The text itself is kept only to be quoted: holding every file at once is
            // what the memory budget forbids.
            let kept = match quoted {
                Quoted::Text => Kept::Text(text),
                Quoted::Positions => {
                    let of = crate::text::positions(&text, &at);
                    Kept::Positions(at.into_iter().zip(of).collect())
                }
            };
            (file, name, words, kept)
        })
        .collect();
    let mut sources = BTreeMap::new();
    let mut positions = Positions::new();
    let mut words: BTreeMap<(String, usize, usize), String> = BTreeMap::new();
    let mut file_names: BTreeMap<String, String> = BTreeMap::new();
    for (file, name, under, kept) in read {
        file_names.insert(file.to_string(), name);
        for (span, w) in under {
            words.insert((file.to_string(), span.start, span.end), w);
        }
        match kept {
            Kept::Text(text) => {
                sources.insert(file.to_string(), text);
            }
            Kept::Positions(of) => {
                positions.insert(file.to_string(), of);
            }
        }
    }
    let words_of = |l: &crate::diagnostic::Label| {
        words.get(&(l.file.clone(), l.span.start, l.span.end)).cloned().unwrap_or_default()
    };
    // Every file a primary label is in was read above, and named.
    let name_of = |f: &str| file_names.get(f).cloned().unwrap_or_else(|| names.of(f));
    crate::fingerprint::assign(diagnostics, &words_of, &name_of);
    (sources, positions)
}

pub use crate::fingerprint::fnv1a;
