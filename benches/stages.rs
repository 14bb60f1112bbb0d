//! Throughput of each per-document stage over the public-domain texts in
//! `/work/shared/realtext` (or the folder in `CHRONOLINT_REALTEXT`), with the shipped rules:
//! segmenting, tagging, citations, event matching, claim assembly, the per-document checks,
//! and then the whole `check` (per-document and cross-document stages, no output).
//!
//! A plain `harness = false` bench like `tagger`: each stage runs `RUNS` times over every
//! text on one thread; it prints the median in MB/s and milliseconds. Run with
//! `cargo bench --bench stages`. The end-to-end figures at corpus scale come from
//! `scripts/bench.sh`.
#![allow(clippy::print_stdout)]

use chronolint::claims::{assemble::assemble, assemble::Input, Matcher};
use chronolint::corpus::{DocId, Document, SourceMeta};
use chronolint::rules::load_dirs;
use chronolint::text::{find_citations, segment};
use chronolint::time::{tag, TagContext};
use std::path::PathBuf;
use std::time::Instant;

const RUNS: usize = 7;

/// `STAGE=name` runs only that stage (to profile it: `STAGE=segment perf record ...`).
fn median_ms(name: &str, mut f: impl FnMut() -> usize) -> (f64, usize) {
    if std::env::var("STAGE").is_ok_and(|s| s != name) {
        return (0.0, 0);
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut n = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        n = std::hint::black_box(f());
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], n)
}

fn main() {
    let dir = std::env::var("CHRONOLINT_REALTEXT").unwrap_or_else(|_| "/work/shared/realtext".to_string());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        println!("stages: no .txt files in {dir}; nothing measured");
        return;
    }
    let rules_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules");
    let Ok(rules) = load_dirs(&[rules_dir]) else {
        println!("stages: the shipped rules do not load; nothing measured");
        return;
    };
    let matcher = Matcher::new(&rules);
    let meta = SourceMeta::default();
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document {
            id: i as DocId,
            path: format!("{i}.txt"),
            text: t.clone(),
            meta: meta.clone(),
        })
        .collect();
    let cx = TagContext { narrative: true, ..TagContext::default() };
    let sentences: Vec<_> = texts.iter().map(|t| segment(t)).collect();
    let times: Vec<_> = texts.iter().map(|t| tag(t, &cx)).collect();
    let citations: Vec<_> = texts.iter().zip(&sentences).map(|(t, s)| find_citations(t, s)).collect();
    let mentions: Vec<_> = texts.iter().zip(&sentences).map(|(t, s)| matcher.find(t, s)).collect();
    let extracts: Vec<_> = docs.iter().map(|d| chronolint::claims::extract(d, &rules, &matcher)).collect();
    let policy = chronolint::config::TrustPolicies::default();

    let mut rows: Vec<(&str, (f64, usize))> = Vec::new();
    rows.push(("segment", median_ms("segment", || texts.iter().map(|t| segment(t).len()).sum())));
    rows.push(("tag", median_ms("tag", || texts.iter().map(|t| tag(t, &cx).len()).sum())));
    rows.push((
        "citations",
        median_ms("citations", || {
            texts.iter().zip(&sentences).map(|(t, s)| find_citations(t, s).len()).sum()
        }),
    ));
    rows.push((
        "mentions",
        median_ms("mentions", || texts.iter().zip(&sentences).map(|(t, s)| matcher.find(t, s).len()).sum()),
    ));
    rows.push((
        "assemble",
        median_ms("assemble", || {
            (0..texts.len())
                .map(|i| {
                    assemble(&Input {
                        doc: i as DocId,
                        text: &texts[i],
                        sentences: &sentences[i],
                        times: &times[i],
                        mentions: &mentions[i],
                        citations: &citations[i],
                        rules: &rules,
                    })
                    .len()
                })
                .sum()
        }),
    ));
    rows.push((
        "per-doc checks",
        median_ms("per-doc checks", || {
            docs.iter()
                .zip(&extracts)
                .map(|(d, e)| {
                    let cx = chronolint::checks::DocContext {
                        text: &d.text,
                        extract: e,
                        rules: &rules,
                        policy: &policy,
                    };
                    chronolint::checks::run_per_doc(&cx).len()
                })
                .sum()
        }),
    ));
    rows.push((
        "extract (all above)",
        median_ms("extract (all above)", || {
            docs.iter().map(|d| chronolint::claims::extract(d, &rules, &matcher).claims.len()).sum()
        }),
    ));
    let config = std::env::temp_dir().join(format!("chronolint-bench-{}.toml", std::process::id()));
    let rules_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules");
    let _ = std::fs::write(&config, format!("rules = [{:?}]\n", rules_path.display().to_string()));
    let options = chronolint::Options { config: Some(config.clone()), ..chronolint::Options::for_tests() };
    std::env::set_var("RAYON_NUM_THREADS", "1");
    rows.push((
        "check (end to end)",
        median_ms("check (end to end)", || {
            chronolint::check_paths(&[&dir], &options).map(|r| r.diagnostics.len()).unwrap_or(0)
        }),
    ));

    let _ = std::fs::remove_file(&config);
    println!("stages: {} files, {:.1} MB, one thread, median of {RUNS}", texts.len(), bytes as f64 / 1e6);
    println!("{:<22} {:>9} {:>9} {:>9}", "stage", "ms", "MB/s", "items");
    for (name, (ms, n)) in rows {
        println!("{name:<22} {ms:>9.1} {:>9.0} {n:>9}", bytes as f64 / 1e6 / (ms / 1e3));
    }
}
