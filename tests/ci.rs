//! chronolint in CI: output formats, --output, baselines, changed files, --fail-on, config
//! discovery, the step summary, determinism and the SARIF schema. Each test copies the
//! small corpus of tests/fixtures/ci/ into a temporary folder, so that it can edit it.
//!
//! The fixture corpus, read by hand (rules: the Triple Intervention 1895, the Boxer
//! Protocol 1901):
//! - corpus/a-encyclopedia.txt line 4: the Triple Intervention in 1895
//! - corpus/b-blog.txt line 3: the Triple Intervention in 1894 (conflicts with a)
//! - corpus/c-chronology.txt line 3: the Triple Intervention of 1895 (agrees with a)
//! - corpus/x-forum.txt line 3: the Boxer Protocol in 1900 (its only claim)
//! - corpus/w-notes.txt: no claim
//!
//! Other checks may add findings on this corpus; expectations about exact findings look at
//! `date-conflict` only, the rest hold for every finding.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    crate::common::at("tests/fixtures/ci")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the fixture: `corpus/`, `rules/`, `warn.toml`.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

/// The binary, run in `dir`, outside any GitHub step summary.
fn cl(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("chronolint").unwrap();
    c.current_dir(dir).env_remove("GITHUB_STEP_SUMMARY");
    c
}

fn json_run(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = cl(dir).args(["check", "corpus", "--format", "json"]).args(args).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn diagnostics(v: &Value) -> Vec<Value> {
    v["diagnostics"].as_array().cloned().unwrap_or_default()
}

/// (file, line, related files) of each `date-conflict`.
fn conflicts(v: &Value) -> Vec<(String, u64, Vec<String>)> {
    diagnostics(v)
        .iter()
        .filter(|d| d["code"] == "date-conflict")
        .map(|d| {
            let related = d["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["file"].as_str().unwrap().to_string())
                .collect();
            (d["file"].as_str().unwrap().to_string(), d["span"]["line"].as_u64().unwrap(), related)
        })
        .collect()
}

/// The files of each `date-conflict`, primary and related, unordered.
fn pairs(v: &Value) -> Vec<BTreeSet<String>> {
    diagnostics(v)
        .iter()
        .filter(|d| d["code"] == "date-conflict")
        .map(|d| files_of(d).into_iter().collect())
        .collect()
}

fn pair(a: &str, b: &str) -> BTreeSet<String> {
    [format!("corpus/{a}.txt"), format!("corpus/{b}.txt")].into()
}

fn files_of(d: &Value) -> Vec<String> {
    let mut v = vec![d["file"].as_str().unwrap().to_string()];
    for r in d["related"].as_array().unwrap() {
        v.push(r["file"].as_str().unwrap().to_string());
    }
    v
}

fn fingerprints(v: &Value) -> Vec<String> {
    let mut f: Vec<String> =
        diagnostics(v).iter().map(|d| d["fingerprint"].as_str().unwrap().to_string()).collect();
    f.sort();
    f
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_fixture_has_the_conflict_read_by_hand() {
    let dir = sandbox();
    let (v, code, _) = json_run(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        conflicts(&v),
        vec![("corpus/b-blog.txt".to_string(), 3, vec!["corpus/a-encyclopedia.txt".to_string()])]
    );
}

#[test]
fn baseline_of_an_unchanged_corpus_leaves_nothing_new() {
    let dir = sandbox();
    let (all, code, stderr) = json_run(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "writing a baseline accepts the findings: {stderr}");
    let base: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(base["version"], 1);
    let entries = base["entries"].as_array().unwrap();
    assert_eq!(entries.len(), diagnostics(&all).len());
    assert!(entries.iter().any(|e| e["code"] == "date-conflict"
        && e["file"] == "corpus/b-blog.txt"
        && e["fingerprint"].is_string()));

    let (v, code, stderr) = json_run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(diagnostics(&v), Vec::<Value>::new());
    assert_eq!(code, 0);
    assert!(stderr.contains("0 baseline entries no longer occur"), "{stderr}");
}

#[test]
fn changing_one_date_reports_exactly_the_findings_it_causes() {
    let dir = sandbox();
    json_run(dir.path(), &["--write-baseline", "baseline.json"]);
    edit(&dir.path().join("corpus/c-chronology.txt"), "of 1895", "of 1893");
    let (v, code, stderr) = json_run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(code, 1, "a new error-level conflict fails the run");
    // The new conflict: c-chronology's 1893 against a-encyclopedia's 1895 (a check that
    // also pairs it with b-blog's 1894 would still only add findings that touch c).
    assert!(pairs(&v).contains(&pair("c-chronology", "a-encyclopedia")), "{:?}", pairs(&v));
    assert!(conflicts(&v).iter().any(|(f, line, _)| f == "corpus/c-chronology.txt" && *line == 3));
    for d in diagnostics(&v) {
        assert!(files_of(&d).contains(&"corpus/c-chronology.txt".to_string()), "unrelated new finding: {d}");
    }
    assert!(stderr.contains("0 baseline entries no longer occur"), "{stderr}");

    // Fixing the old conflict instead: nothing new, and one entry no longer occurs.
    edit(&dir.path().join("corpus/c-chronology.txt"), "of 1893", "of 1895");
    edit(&dir.path().join("corpus/b-blog.txt"), "In 1894", "In 1895");
    let (v, code, stderr) = json_run(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!((conflicts(&v), code), (vec![], 0));
    assert!(!stderr.contains(" 0 baseline entries no longer occur"), "{stderr}");
}

#[test]
fn a_paragraph_inserted_at_the_top_changes_no_fingerprint() {
    let dir = sandbox();
    let (before, _, _) = json_run(dir.path(), &[]);
    for f in ["corpus/a-encyclopedia.txt", "corpus/b-blog.txt", "corpus/x-forum.txt"] {
        let p = dir.path().join(f);
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, format!("An editor's note, added later.\nIt says nothing about dates.\n\n{text}"))
            .unwrap();
    }
    let (after, _, _) = json_run(dir.path(), &[]);
    assert_eq!(conflicts(&after)[0].1, 6, "the conflict moved three lines down");
    assert!(!fingerprints(&before).is_empty());
    assert_eq!(fingerprints(&before), fingerprints(&after));

    // The same corpus reached by another spelling of its path: the same fingerprints.
    let out = cl(dir.path()).args(["check", "./corpus/", "--format", "json"]).output().unwrap();
    let other: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fingerprints(&other), fingerprints(&after));
}

#[test]
fn a_new_unrelated_finding_shifts_no_fingerprint() {
    let dir = sandbox();
    let (before, _, _) = json_run(dir.path(), &[]);
    // A new conflicting passage in a document that had no finding.
    fs::write(dir.path().join("corpus/w-notes.txt"), "Notes\n\nIn 1893 the Triple Intervention began.\n")
        .unwrap();
    let (after, _, _) = json_run(dir.path(), &[]);
    let (old, new) = (fingerprints(&before), fingerprints(&after));
    assert!(new.len() > old.len());
    for f in &old {
        assert!(new.contains(f), "fingerprint {f} changed");
    }

    // A new document that agrees with the reference, first in order: b-blog's conflict is
    // now shown against it, and is still the same finding.
    fs::write(dir.path().join("corpus/0-annals.txt"), "Annals\n\nIn 1895 came the Triple Intervention.\n")
        .unwrap();
    let (moved, _, _) = json_run(dir.path(), &[]);
    let b = |v: &Value| {
        diagnostics(v)
            .into_iter()
            .find(|d| d["code"] == "date-conflict" && d["file"] == "corpus/b-blog.txt")
            .unwrap()
    };
    assert_eq!(b(&moved)["related"][0]["file"], "corpus/0-annals.txt");
    assert_eq!(b(&moved)["fingerprint"], b(&before)["fingerprint"]);
}

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=chronolint tests", "-c", "user.email=tests@chronolint.invalid"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn changed_since_reports_findings_that_touch_the_change() {
    let dir = sandbox();
    let root = dir.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "corpus"]);
    // An edit that contradicts an untouched document (primary label in the change)...
    edit(&root.join("corpus/c-chronology.txt"), "of 1895", "of 1893");
    // ...an edit that an untouched document contradicts (related label in the change)...
    fs::write(root.join("corpus/w-notes.txt"), "Reading notes\n\nThe Boxer Protocol was signed in 1901.\n")
        .unwrap();
    // ...and a new, untracked document.
    fs::write(root.join("corpus/z-new.txt"), "In 1896 the Triple Intervention was over.\n").unwrap();

    let (v, code, stderr) = json_run(root, &["--changed-since", "HEAD"]);
    assert_eq!(code, 1, "{stderr}");
    let found = pairs(&v);
    for expected in
        [pair("c-chronology", "a-encyclopedia"), pair("x-forum", "w-notes"), pair("z-new", "a-encyclopedia")]
    {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(!found.contains(&pair("b-blog", "a-encyclopedia")), "{found:?}");
    // b-blog vs a-encyclopedia still conflict, but neither changed: not reported.
    let changed = ["corpus/c-chronology.txt", "corpus/w-notes.txt", "corpus/z-new.txt"];
    for d in diagnostics(&v) {
        assert!(files_of(&d).iter().any(|f| changed.contains(&f.as_str())), "untouched finding: {d}");
    }

    // The same with a list, comma-separated or in a file.
    let (listed, _, _) = json_run(root, &["--changed-files", &changed.join(",")]);
    assert_eq!(fingerprints(&listed), fingerprints(&v));
    fs::write(root.join("changed.txt"), changed.join("\n") + "\n").unwrap();
    let (from_file, _, _) = json_run(root, &["--changed-files", "changed.txt"]);
    assert_eq!(fingerprints(&from_file), fingerprints(&v));
    let (explicit, _, _) = json_run(root, &["--changed-files", "@changed.txt"]);
    assert_eq!(fingerprints(&explicit), fingerprints(&v));

    // Run from elsewhere: git is asked where the corpus is, paths still match.
    let out = cl(&root.join("corpus"))
        .args(["check", ".", "--changed-since", "HEAD", "--format", "json"])
        .output()
        .unwrap();
    let inside: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fingerprints(&inside), fingerprints(&v));

    // A revision git does not know: the run cannot be made as asked.
    cl(root)
        .args(["check", "corpus", "--changed-since", "no-such-revision"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no-such-revision"));
}

#[test]
fn github_annotations_escape_properties_and_data() {
    let dir = sandbox();
    fs::rename(dir.path().join("corpus/b-blog.txt"), dir.path().join("corpus/b,blog: 100%.txt")).unwrap();
    let out = cl(dir.path()).args(["check", "corpus", "--format", "github"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("title=chronolint date-conflict::"))
        .unwrap_or_else(|| panic!("no date-conflict annotation in:\n{text}"));
    assert!(line.starts_with("::error file=corpus/b%2Cblog%3A 100%25.txt,line=3,col="), "{line}");
    // The message has the related passage on its own line, escaped.
    assert!(line.contains("%0Acorpus/a-encyclopedia.txt:4:"), "{line}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn every_format_parses() {
    let dir = sandbox();
    let run = |format: &str| {
        let out = cl(dir.path()).args(["check", "corpus", "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        String::from_utf8(out.stdout).unwrap()
    };
    let json: Value = serde_json::from_str(&run("json")).unwrap();
    let n = diagnostics(&json).len();
    assert!(n >= 1);
    assert_eq!(json["version"], 1);
    assert_eq!(json["summary"]["files"], 5);

    let sarif: Value = serde_json::from_str(&run("sarif")).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), n);
    let conflict = results.iter().find(|r| r["ruleId"] == "date-conflict").unwrap();
    let loc = &conflict["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "corpus/b-blog.txt");
    assert_eq!(loc["region"]["startLine"], 3);
    assert_eq!(
        conflict["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "corpus/a-encyclopedia.txt"
    );
    let fp = diagnostics(&json).iter().find(|d| d["code"] == "date-conflict").unwrap()["fingerprint"].clone();
    assert_eq!(conflict["partialFingerprints"]["chronolint/v1"], fp);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let index = conflict["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "date-conflict");
    assert_eq!(rules[index]["defaultConfiguration"]["level"], "error");
    assert_eq!(sarif["runs"][0]["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));

    let rd: Value = serde_json::from_str(&run("rdjson")).unwrap();
    let rds = rd["diagnostics"].as_array().unwrap();
    assert_eq!(rds.len(), n);
    let c = rds.iter().find(|d| d["code"]["value"] == "date-conflict").unwrap();
    assert_eq!(c["severity"], "ERROR");
    assert_eq!(c["location"]["path"], "corpus/b-blog.txt");
    assert_eq!(c["location"]["range"]["start"]["line"], 3);
    assert_eq!(c["related_locations"][0]["location"]["path"], "corpus/a-encyclopedia.txt");

    let github = run("github");
    assert_eq!(github.lines().count(), n);
    for l in github.lines() {
        assert!(
            ["::error file=", "::warning file=", "::notice file="].iter().any(|p| l.starts_with(p)),
            "{l}"
        );
    }
    assert!(run("human").contains("date-conflict"));
}

#[test]
fn output_is_written_whole_and_leaves_no_temporary_file() {
    let dir = sandbox();
    let out_dir = tempfile::tempdir().unwrap();
    fs::write(out_dir.path().join("report.sarif"), "an older report").unwrap();
    let target = out_dir.path().join("report.sarif");
    let run = cl(dir.path())
        .args(["check", "corpus", "--format", "sarif", "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(run.stdout.is_empty(), "the report went to the file, not stdout");
    let names: Vec<String> = fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["report.sarif".to_string()]);
    let stdout = cl(dir.path()).args(["check", "corpus", "--format", "sarif"]).output().unwrap().stdout;
    assert_eq!(fs::read(&target).unwrap(), stdout);
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let dir = sandbox();
    for format in ["json", "sarif", "github", "rdjson", "human"] {
        let with = |threads: &str| {
            cl(dir.path())
                .env("RAYON_NUM_THREADS", threads)
                .args(["check", "corpus", "--format", format])
                .output()
                .unwrap()
                .stdout
        };
        let one = with("1");
        assert!(!one.is_empty(), "{format}");
        assert_eq!(one, with("8"), "{format}");
    }
}

#[test]
fn the_threads_flag_sets_the_count_and_changes_no_byte() {
    let dir = sandbox();
    let run = |args: &[&str]| cl(dir.path()).args(args).output().unwrap();
    let default = run(&["check", "corpus", "--format", "json"]);
    assert_eq!(default.status.code(), Some(1), "the corpus has errors");
    for args in [
        &["-j", "1", "check", "corpus", "--format", "json"][..],
        &["check", "corpus", "--threads", "8", "--format", "json"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(out.stdout, default.stdout, "{args:?}");
    }
    let zero = run(&["check", "corpus", "-j", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    let err = String::from_utf8_lossy(&zero.stderr);
    assert!(err.contains("--threads"), "{err}");
    assert!(zero.stdout.is_empty());
}

#[test]
fn timings_go_to_stderr_stage_by_stage_and_change_no_byte_of_the_report() {
    let dir = sandbox();
    let run = |extra: &[&str]| {
        cl(dir.path()).args(["check", "corpus", "--format", "json"]).args(extra).output().unwrap()
    };
    let plain = run(&[]);
    let timed = run(&["--timings", "-j", "2"]);
    assert_eq!(timed.status.code(), plain.status.code());
    assert_eq!(timed.stdout, plain.stdout);
    let err = String::from_utf8_lossy(&timed.stderr);
    let head = err.lines().find(|l| l.starts_with("timings:")).unwrap_or_else(|| panic!("{err}"));
    assert!(head.contains("5 documents") && head.contains("2 threads"), "{head}");
    // Each stage and the total: a name, seconds, in the order they ran.
    let rows: Vec<(String, f64)> = err
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| {
            let mut words = l.split_whitespace();
            let name = words.next().unwrap().to_string();
            let seconds = words.next().unwrap().parse::<f64>().unwrap_or_else(|e| panic!("{l}: {e}"));
            assert_eq!(words.next(), Some("s"), "{l}");
            (name, seconds)
        })
        .collect();
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plan", "documents", "corpus", "positions", "report", "total"]);
    let (stages, total) = rows.split_at(rows.len() - 1);
    let sum: f64 = stages.iter().map(|(_, s)| s).sum();
    assert!(rows.iter().all(|(_, s)| *s >= 0.0));
    // Printed to the millisecond: the stages may round up past the total by that much each.
    assert!(sum <= total[0].1 + 0.006, "{sum} > {}", total[0].1);
    assert!(total[0].1 > 0.0);
}

#[test]
fn fail_on_and_exit_zero_decide_the_exit_status() {
    let dir = sandbox();
    let d = dir.path();
    // warn.toml: date-conflict is a warning, reference-mismatch an info.
    let status = |args: &[&str]| {
        cl(d)
            .args(["check", "corpus", "--format", "json", "--config", "warn.toml"])
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    let (v, code, _) = json_run(d, &["--config", "warn.toml"]);
    assert_eq!(v["summary"]["files"], 5);
    let levels: Vec<(String, String)> = diagnostics(&v)
        .iter()
        .filter(|d| d["code"] == "date-conflict" || d["code"] == "reference-mismatch")
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["severity"].as_str().unwrap().to_string()))
        .collect();
    assert!(levels.contains(&("date-conflict".into(), "warning".into())), "{levels:?}");
    assert!(levels.iter().all(|(_, s)| s != "error"), "{levels:?}");
    assert_eq!(code, 0, "no error-level finding");
    assert_eq!(status(&[]), Some(0), "no error-level finding");
    assert_eq!(status(&["--fail-on", "warning"]), Some(1));
    assert_eq!(status(&["--fail-on", "info"]), Some(1));
    assert_eq!(status(&["--fail-on", "info", "--exit-zero"]), Some(0));
    // Only x-forum's reference mismatch (an info) is reported here.
    assert_eq!(status(&["--fail-on", "warning", "--changed-files", "corpus/x-forum.txt"]), Some(0));
    assert_eq!(status(&["--fail-on", "info", "--changed-files", "corpus/x-forum.txt"]), Some(1));
    // With the corpus's own config the conflict is an error.
    cl(d).args(["check", "corpus", "--exit-zero"]).assert().code(0);
    cl(d).args(["check", "corpus", "--fail-on", "fatal"]).assert().code(2);
}

#[test]
fn two_configurations_are_an_error_and_none_is_a_note() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["one", "two"] {
        fs::create_dir(dir.path().join(sub)).unwrap();
        fs::write(dir.path().join(sub).join("chronolint.toml"), "include = [\"*.txt\"]\n").unwrap();
        fs::write(dir.path().join(sub).join("doc.txt"), "Nothing dated here.\n").unwrap();
        // A missing rules folder is an error (exit 2) of its own; give each an empty one.
        fs::create_dir(dir.path().join(sub).join("rules")).unwrap();
    }
    cl(dir.path())
        .args(["check", "one", "two"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("two configurations"))
        .stderr(predicates::str::contains("--config"));
    // One of them chosen with --config: the run is made.
    cl(dir.path()).args(["check", "one", "two", "--config", "one/chronolint.toml"]).assert().code(0);
    // Two paths under one configuration are fine.
    cl(dir.path()).args(["check", "one", "one/doc.txt"]).assert().code(0);

    let bare = tempfile::tempdir().unwrap();
    fs::write(bare.path().join("doc.txt"), "Nothing dated here.\n").unwrap();
    fs::create_dir(bare.path().join("rules")).unwrap();
    cl(bare.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("no chronolint.toml found"))
        .stderr(predicates::str::contains("defaults"));
}

#[test]
fn step_summary_is_appended_under_github_actions() {
    let dir = sandbox();
    let summary = dir.path().join("step-summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    cl(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "corpus", "--format", "sarif"])
        .assert()
        .code(1);
    let text = fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n"), "{text}");
    assert!(text.contains("| severity | code | location | message |"), "{text}");
    assert!(text.contains("| error | `date-conflict` | `corpus/b-blog.txt:3:"), "{text}");
}

/// The SARIF 2.1.0 schema from shared/ beside the repository (CI), or CHRONOLINT_SHARED.
fn sarif_schema() -> PathBuf {
    crate::common::shared("schemas/sarif-schema-2.1.0.json")
}

/// Validates a JSON file against a schema with python's jsonschema; Err(stderr) if invalid.
fn validate(schema: &Path, instance: &Path) -> Result<(), String> {
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  instance = json.load(open(sys.argv[2]))\n\
                  jsonschema.validators.validator_for(schema)(schema).validate(instance)\n";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(schema)
        .arg(instance)
        .output()
        .unwrap_or_else(|e| {
            panic!("python3 is needed to validate SARIF (with `pip install jsonschema`): {e}")
        });
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "python's jsonschema is needed: pip install jsonschema\n{stderr}"
    );
    if out.status.success() {
        Ok(())
    } else {
        Err(stderr)
    }
}

#[test]
fn sarif_validates_against_the_schema() {
    let schema = sarif_schema();
    let out_dir = tempfile::tempdir().unwrap();
    // The shipped corpus, run as CI runs it...
    let corpus = out_dir.path().join("corpus.sarif");
    let status = cl(&crate::common::root())
        .args(["check", "corpus", "--format", "sarif", "--output"])
        .arg(&corpus)
        .output()
        .unwrap()
        .status
        .code();
    assert!(matches!(status, Some(0 | 1)), "the run could not be made: {status:?}");
    validate(&schema, &corpus).unwrap_or_else(|e| panic!("corpus SARIF is invalid:\n{e}"));
    // ...and the fixture, which has related locations in other files.
    let dir = sandbox();
    let fixture = out_dir.path().join("fixture.sarif");
    cl(dir.path()).args(["check", "corpus", "--format", "sarif", "--output"]).arg(&fixture).assert().code(1);
    validate(&schema, &fixture).unwrap_or_else(|e| panic!("fixture SARIF is invalid:\n{e}"));
    // The validator does reject a log that breaks the schema.
    let mut broken: Value = serde_json::from_str(&fs::read_to_string(&fixture).unwrap()).unwrap();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let bad = out_dir.path().join("broken.sarif");
    fs::write(&bad, broken.to_string()).unwrap();
    assert!(validate(&schema, &bad).is_err(), "the validator accepted an invalid level");
}

#[test]
fn a_bad_baseline_is_a_usage_error() {
    let dir = sandbox();
    fs::write(dir.path().join("baseline.json"), "{\"version\": 7, \"entries\": []}").unwrap();
    cl(dir.path())
        .args(["check", "corpus", "--baseline", "baseline.json"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("version 7"));
    cl(dir.path()).args(["check", "corpus", "--baseline", "missing.json"]).assert().code(2);
}
