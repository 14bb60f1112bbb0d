//! Shards: the per-document stage over a slice of the corpus, written as JSON Lines, and
//! the cross-document stage over the merged shards. A CI matrix or any batch scheduler
//! can fan a corpus out over many machines with `chronolint extract --shard K/N` and
//! merge with `chronolint check --claims claims-*.jsonl`.
//!
//! A shard file is one header line, then one `WireRecord` per document:
//!
//! ```json
//! {"format":1,"version":"0.1.0","rules":"a1b2c3d4e5f60718","shard":[1,4],"files":5,"problems":[]}
//! {"doc":0,"path":"corpus/a.txt","meta":{...},"claims":[...],"diagnostics":[],...}
//! ```
//!
//! Document `k` of the sorted list belongs to shard `k % N + 1`, so shards are balanced
//! without knowing sizes. Discovery problems travel in shard 1's header only.

use crate::diagnostic::Diagnostic;
use crate::engine::{self, DocRecord, EngineError, Options, Run};
use crate::wire::{WireDiagnostic, WireRecord, FORMAT};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The first line of a shard file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub format: u32,
    pub version: String,
    /// The rules' hash, in hex: shards made with other rules cannot be merged.
    pub rules: String,
    /// (K, N): this is shard K of N, 1-based.
    pub shard: (usize, usize),
    /// Documents in the whole corpus.
    pub files: usize,
    /// Paths that could not be walked (shard 1 only), as findings.
    pub problems: Vec<WireDiagnostic>,
}

/// Why shards could not be made or merged.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    #[error(transparent)]
    Engine(#[from] EngineError),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{file}:{line}: {problem}")]
    Bad { file: PathBuf, line: usize, problem: String },
    #[error("the shards do not fit together: {0}")]
    Mismatch(String),
}

/// Parses `K/N` (1 ≤ K ≤ N).
pub fn parse_shard(s: &str) -> Option<(usize, usize)> {
    let (k, n) = s.split_once('/')?;
    let (k, n): (usize, usize) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
    (k >= 1 && k <= n).then_some((k, n))
}

/// Runs the per-document stage over shard `k` of `n` and renders the shard file.
pub fn extract(paths: &[PathBuf], options: &Options, (k, n): (usize, usize)) -> Result<String, ShardError> {
    let plan = engine::plan(paths, options)?;
    let records = engine::process_all(&plan, options, |i| i % n + 1 == k, &|_| {});
    let to_wire = |d: &Diagnostic| {
        WireRecord::from_record(
            &DocRecord { diagnostics: vec![d.clone()], ..DocRecord::default() },
            &plan.rules,
        )
        .diagnostics
        .remove(0)
    };
    let header = Header {
        format: FORMAT,
        version: env!("CARGO_PKG_VERSION").to_string(),
        rules: format!("{:016x}", plan.rules.hash),
        shard: (k, n),
        files: plan.files.len(),
        problems: if k == 1 { plan.problems.iter().map(to_wire).collect() } else { Vec::new() },
    };
    let mut out = serde_json::to_string(&header).unwrap_or_default();
    out.push('\n');
    for r in &records {
        out.push_str(&serde_json::to_string(&WireRecord::from_record(r, &plan.rules)).unwrap_or_default());
        out.push('\n');
    }
    Ok(out)
}

/// Merges shard files and runs the cross-document stage. The config is `--config` or the
/// one found upwards from the documents the shards name.
pub fn check_claims(files: &[PathBuf], options: &Options) -> Result<Run, ShardError> {
    let start = std::time::Instant::now();
    let mut headers = Vec::new();
    let mut wires = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| ShardError::Io(file.clone(), e))?;
        let mut lines = text.lines().enumerate();
        let bad =
            |line: usize, problem: String| ShardError::Bad { file: file.clone(), line: line + 1, problem };
        let (_, first) = lines.next().ok_or_else(|| bad(0, "empty shard file".into()))?;
        let header: Header =
            serde_json::from_str(first).map_err(|e| bad(0, format!("not a shard header: {e}")))?;
        if header.format != FORMAT {
            return Err(bad(0, format!("shard format {} but this version reads {FORMAT}", header.format)));
        }
        for (i, line) in lines {
            wires.push(serde_json::from_str::<WireRecord>(line).map_err(|e| bad(i, e.to_string()))?);
        }
        headers.push(header);
    }
    let first = headers.first().ok_or_else(|| ShardError::Mismatch("no shard files given".into()))?;
    let n = first.shard.1;
    let mut seen: Vec<usize> = headers.iter().map(|h| h.shard.0).collect();
    seen.sort_unstable();
    if headers.iter().any(|h| h.shard.1 != n || h.rules != first.rules || h.files != first.files) {
        return Err(ShardError::Mismatch(
            "they were made with different rules, corpora or shard counts".into(),
        ));
    }
    if seen != (1..=n).collect::<Vec<_>>() {
        return Err(ShardError::Mismatch(format!("expected shards 1..{n} once each, got {seen:?}")));
    }
    let anchor = wires.first().map(|w| PathBuf::from(&w.path)).unwrap_or_else(|| PathBuf::from("."));
    let settings = engine::settings_for(std::slice::from_ref(&anchor), options)?;
    let rules = engine::rules_for(&settings)?;
    if format!("{:016x}", rules.hash) != first.rules {
        return Err(ShardError::Mismatch(
            "the shards were made with other rules than the ones found now".into(),
        ));
    }
    let mut problems = Vec::new();
    for h in &headers {
        let wrapped = WireRecord {
            doc: 0,
            path: String::new(),
            meta: WireRecord::from_record(&DocRecord::default(), &rules).meta,
            claims: Vec::new(),
            diagnostics: h.problems.clone(),
            suppressions: Vec::new(),
            malformed: Vec::new(),
        };
        let r = wrapped.into_record(&rules).map_err(|e| ShardError::Mismatch(e.to_string()))?;
        problems.extend(r.diagnostics);
    }
    let mut docs = wires
        .into_iter()
        .map(|w| w.into_record(&rules))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ShardError::Mismatch(e.to_string()))?;
    docs.sort_by_key(|d| d.doc);
    if docs.len() != first.files || docs.iter().enumerate().any(|(i, d)| d.doc != i) {
        return Err(ShardError::Mismatch(format!(
            "{} documents in the shards, {} in the corpus",
            docs.len(),
            first.files
        )));
    }
    let mut timings = engine::Timings::default();
    timings.lap("shards", "reading and merging the shard files, configuration, rules", start);
    Ok(engine::cross_check(docs, &mut problems, &settings, rules, options.quoted, timings))
}

/// Whether `path` looks like a shard file (for friendlier errors).
pub fn is_shard_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}
