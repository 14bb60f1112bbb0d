//! Sharded and cached runs give the same findings as a plain run.

use assert_cmd::Command;
use chronolint::engine::{check_paths, Options};
use std::path::PathBuf;

fn fixture() -> PathBuf {
    crate::common::at("tests/fixtures/shard")
}

fn plain_json() -> serde_json::Value {
    let run = check_paths(&[fixture()], &Options::default()).expect("runs");
    chronolint::report::json::to_value(&run)
}

#[test]
fn sharded_and_unsharded_runs_give_the_same_findings() {
    let plain = plain_json();
    assert!(
        plain["diagnostics"].as_array().is_some_and(|d| d.len() >= 2),
        "the fixture has findings: {plain}"
    );
    for n in [1usize, 2, 3, 7] {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for k in 1..=n {
            let out = dir.path().join(format!("claims-{k}.jsonl"));
            Command::cargo_bin("chronolint")
                .unwrap()
                .arg("extract")
                .arg(fixture())
                .arg("--shard")
                .arg(format!("{k}/{n}"))
                .arg("--output")
                .arg(&out)
                .assert()
                .code(0);
            files.push(out);
        }
        // Shards may be given in any order.
        files.reverse();
        let merged = chronolint::shard::check_claims(&files, &Options::default()).expect("merges");
        assert_eq!(chronolint::report::json::to_value(&merged), plain, "{n} shards");
        // `check --timings` of a merge: the shards are read where documents would be.
        let stages: Vec<&str> = merged.timings.stages.iter().map(|(s, ..)| *s).collect();
        assert_eq!(stages, ["shards", "corpus", "positions"]);
    }
}

#[test]
fn a_missing_or_foreign_shard_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("claims-1.jsonl");
    Command::cargo_bin("chronolint")
        .unwrap()
        .arg("extract")
        .arg(fixture())
        .args(["--shard", "1/2", "--output"])
        .arg(&one)
        .assert()
        .code(0);
    let err = chronolint::shard::check_claims(std::slice::from_ref(&one), &Options::default()).unwrap_err();
    assert!(err.to_string().contains("expected shards 1..2"), "{err}");
    std::fs::write(dir.path().join("bad.jsonl"), "{\"not\": \"a header\"}\n").unwrap();
    let err =
        chronolint::shard::check_claims(&[dir.path().join("bad.jsonl")], &Options::default()).unwrap_err();
    assert!(err.to_string().contains("bad.jsonl:1"), "{err}");
}

#[test]
fn an_invalid_shard_argument_exits_2() {
    for bad in ["0/2", "3/2", "x", "1/0"] {
        Command::cargo_bin("chronolint")
            .unwrap()
            .arg("extract")
            .arg(fixture())
            .args(["--shard", bad])
            .assert()
            .code(2);
    }
}

#[test]
fn a_warm_cache_gives_the_same_findings_and_an_edit_is_seen() {
    let corpus = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture()).unwrap().flatten() {
        let to = corpus.path().join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir(&to).unwrap();
            for f in std::fs::read_dir(entry.path()).unwrap().flatten() {
                std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
            }
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    let cache = tempfile::tempdir().unwrap();
    let options = Options { cache: Some(cache.path().to_path_buf()), ..Options::default() };
    let json = |o: &Options| chronolint::report::json::to_value(&check_paths(&[corpus.path()], o).unwrap());
    let cold = json(&options);
    let warm = json(&options);
    assert_eq!(cold, warm);
    assert_eq!(cold, json(&Options::default()), "a cached run finds what an uncached one does");
    assert!(cache.path().join("index.json").is_file());

    // Fix the 1894 date: the conflict it caused must go, though b.txt is in the cache.
    std::fs::write(
        corpus.path().join("b.txt"),
        "Notes.\n\nIn 1895 the Triple Intervention forced Japan back.\n",
    )
    .unwrap();
    let edited = json(&options);
    assert_eq!(edited, json(&Options::default()));
    assert_ne!(edited, cold);

    // Deleting the cache is always safe.
    std::fs::remove_dir_all(cache.path()).unwrap();
    assert_eq!(json(&options), edited);
}

#[test]
fn check_claims_on_the_command_line_matches_a_plain_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::cargo_bin("chronolint").unwrap();
    cmd.arg("check").arg("--format").arg("json").arg("--claims");
    for k in 1..=2 {
        let out = dir.path().join(format!("claims-{k}.jsonl"));
        Command::cargo_bin("chronolint")
            .unwrap()
            .arg("extract")
            .arg(fixture())
            .arg("--shard")
            .arg(format!("{k}/2"))
            .arg("--output")
            .arg(&out)
            .assert()
            .code(0);
        cmd.arg(out);
    }
    let merged = cmd.output().unwrap();
    let plain = Command::cargo_bin("chronolint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(merged.status.code(), plain.status.code());
    assert_eq!(String::from_utf8_lossy(&merged.stdout), String::from_utf8_lossy(&plain.stdout));
}

#[test]
fn deny_and_warn_flags_override_the_config() {
    let severities = |extra: &[&str]| -> Vec<(String, String)> {
        let out = Command::cargo_bin("chronolint")
            .unwrap()
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(fixture())
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
            .collect()
    };
    let default = severities(&[]);
    assert!(default.iter().any(|(c, s)| c == "date-conflict" && s == "error"), "{default:?}");
    let warned = severities(&["--warn", "date-conflict"]);
    assert!(warned.iter().filter(|(c, _)| c == "date-conflict").all(|(_, s)| s == "warning"), "{warned:?}");
    Command::cargo_bin("chronolint")
        .unwrap()
        .args(["check", "--warn", "date-conflict", "--warn", "reference-mismatch"])
        .arg(fixture())
        .assert()
        .code(0);
    Command::cargo_bin("chronolint")
        .unwrap()
        .args(["check", "--deny", "date-conflicts"])
        .arg(fixture())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `date-conflict`"));
}

#[test]
fn a_warm_run_reads_every_document_from_the_cache() {
    // A cache folder that does not exist yet, as `--cache-dir .cache` on a fresh clone.
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("not-yet").join("cache");
    let options = Options { cache: Some(dir.clone()), ..Options::default() };
    let plan = chronolint::engine::plan(&[fixture()], &options).unwrap();
    let run = |expect_hits: bool| {
        let cache = chronolint::cache::Cache::open(&dir);
        for (id, path) in plan.files.iter().enumerate() {
            chronolint::engine::process(id, path, &plan, Some(&cache));
        }
        cache.save().unwrap();
        let hits = cache.hits.load(std::sync::atomic::Ordering::Relaxed);
        let misses = cache.misses.load(std::sync::atomic::Ordering::Relaxed);
        if expect_hits {
            assert_eq!((hits, misses), (plan.files.len(), 0), "warm run");
        } else {
            assert_eq!((hits, misses), (0, plan.files.len()), "cold run");
        }
    };
    assert!(plan.files.len() >= 2);
    run(false);
    let records = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "index.json")
        .count();
    assert_eq!(records, plan.files.len(), "one record per document");
    run(true);
}

#[test]
fn keeping_only_positions_of_quoted_files_changes_no_report() {
    // A run can keep lines and columns, not the quoted files' text: every report but the
    // HTML page must be the same bytes either way, and nothing of the text is kept.
    use chronolint::engine::Quoted;
    let corpus = crate::common::at("corpus");
    let text = check_paths(&[&corpus], &Options { quoted: Quoted::Text, ..Options::default() }).unwrap();
    let positions =
        check_paths(&[&corpus], &Options { quoted: Quoted::Positions, ..Options::default() }).unwrap();
    assert!(!text.diagnostics.is_empty());
    assert!(positions.sources.is_empty(), "{:?}", positions.sources.keys());
    assert!(text.positions.is_empty());
    use chronolint::report::{github, json, rdjson, sarif, summary};
    assert_eq!(json::render(&text), json::render(&positions));
    assert_eq!(sarif::render(&text), sarif::render(&positions));
    assert_eq!(github::render(&text), github::render(&positions));
    assert_eq!(rdjson::render(&text), rdjson::render(&positions));
    assert_eq!(summary::render(&text), summary::render(&positions));
    // The human report reads the passages it shows again: the same report, passages
    // (from more than one file) included.
    let human = chronolint::report::human::plain(&text);
    assert_eq!(human, chronolint::report::human::plain(&positions));
    let quoted_files =
        text.diagnostics.iter().map(|d| d.primary.file.as_str()).collect::<std::collections::BTreeSet<_>>();
    assert!(quoted_files.len() >= 2, "{quoted_files:?}");
    for d in &text.diagnostics {
        let passage = d.primary.span.slice(&text.sources[&d.primary.file]);
        let first_word = passage.split_whitespace().next().unwrap_or_default();
        assert!(human.contains(first_word), "{first_word:?} is shown");
    }
}

#[test]
fn another_build_does_not_take_what_this_one_cached() {
    // The same version number, other code: a copy of the binary with one byte more (run
    // as before, its bytes hash otherwise). Its run must make records of its own, not
    // read this build's; this build's warm run reads its own again.
    let root = tempfile::tempdir().unwrap();
    let cache = root.path().join("cache");
    let this = assert_cmd::cargo::cargo_bin("chronolint");
    let other = root.path().join("chronolint-other");
    let mut bytes = std::fs::read(&this).unwrap();
    bytes.push(0);
    std::fs::write(&other, bytes).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let records = || {
        walkdir::WalkDir::new(&cache)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name() != "index.json")
            .count()
    };
    let run = |bin: &std::path::Path| {
        let out = std::process::Command::new(bin)
            .args(["check", "--format", "json", "--cache-dir"])
            .arg(&cache)
            .arg(fixture())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["diagnostics"].clone()
    };
    let first = run(&this);
    let cold = records();
    assert!(cold >= 2, "one record per document");
    assert_eq!(run(&this), first);
    assert_eq!(records(), cold, "a warm run of the same build adds nothing");
    assert_eq!(run(&other), first);
    assert_eq!(records(), 2 * cold, "the other build made its own records");
}
