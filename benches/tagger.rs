//! Throughput of `time::tag` alone over the public-domain texts in
//! `/work/shared/realtext` (or the folder in `CHRONOLINT_REALTEXT`).
//!
//! A plain `harness = false` bench (no criterion: it is heavy to build here): it tags the
//! whole folder `RUNS` times and prints the median, the fastest and the slowest run in MB/s
//! for one core. Run with `cargo bench --bench tagger`.
#![allow(clippy::print_stdout)]

use chronolint::time::{tag, TagContext};
use std::time::Instant;

const RUNS: usize = 9;

fn main() {
    let dir = std::env::var("CHRONOLINT_REALTEXT").unwrap_or_else(|_| "/work/shared/realtext".to_string());
    let mut texts = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    texts.push(t);
                }
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        println!("tagger: no .txt files in {dir}; nothing measured");
        return;
    }
    let cx = TagContext::default();
    let mut rates = Vec::with_capacity(RUNS);
    let mut found = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        found = texts.iter().map(|t| std::hint::black_box(tag(t, &cx)).len()).sum::<usize>();
        let secs = start.elapsed().as_secs_f64();
        rates.push(bytes as f64 / secs / 1e6);
    }
    rates.sort_by(f64::total_cmp);
    let median = rates.get(RUNS / 2).copied().unwrap_or(0.0);
    let (lo, hi) = (rates.first().copied().unwrap_or(0.0), rates.last().copied().unwrap_or(0.0));
    println!(
        "tagger: {} files, {:.1} MB, {found} expressions; median {median:.0} MB/s (min {lo:.0}, max {hi:.0}) over {RUNS} runs",
        texts.len(),
        bytes as f64 / 1e6
    );
}
