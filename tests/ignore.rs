//! `ignore = [...]` in chronolint.toml: text the patterns match is not read, findings
//! elsewhere keep their place, and a bad pattern stops the run (exit 2) with an error that
//! points at it in the file.
//!
//! The document, read by hand (rules: tests/fixtures/checks/rules-core, where the Treaty of
//! Portsmouth is 1905):
//! - line 1: signed in 1905, then a citation template that names 1907;
//! - lines 3-5: an ignore block; line 4 says 1907 (a date conflict when read);
//! - line 7: says 1908 (a date conflict), after a template and multi-byte characters.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

const BLOCK: &str = r"'(?s)<!--\s*chronolint-ignore-start\s*-->.*?<!--\s*chronolint-ignore-end\s*-->'";
const CITE: &str = r"'\{\{cite[^}]*\}\}'";

const DOCUMENT: &str = "The Treaty of Portsmouth was signed in 1905.{{cite|Ünïcödé, 1907}}

<!-- chronolint-ignore-start -->
A draft — “Ünïcödé” — says the Treaty of Portsmouth was signed in 1907.
<!-- chronolint-ignore-end -->

Later{{cite|é}}, it is said — wrongly — that the Treaty of Portsmouth was signed in 1908.
";

fn chronolint(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("chronolint").expect("binary builds");
    c.current_dir(dir);
    c
}

/// Writes `chronolint.toml` into `dir`: the core test rules, encyclopedias of high trust,
/// and `ignore` as given (a TOML list, or nothing).
fn configure(dir: &Path, ignore: Option<&str>) {
    let rules = crate::common::at("tests/fixtures/checks/rules-core");
    let ignore = ignore.map(|list| format!("ignore = {list}\n")).unwrap_or_default();
    let config = format!(
        "rules = ['{}']\n{ignore}\n[[source]]\npaths = [\"encyclopedia-*\"]\ngenre = \"encyclopedia\"\ntrust = \"high\"\n",
        rules.display()
    );
    fs::write(dir.join("chronolint.toml"), config).expect("config");
}

/// A corpus of the one document, with `ignore` as given.
fn corpus(ignore: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    configure(dir.path(), ignore);
    fs::write(dir.path().join("encyclopedia-a.txt"), DOCUMENT).expect("document");
    dir
}

fn both() -> String {
    format!("[{BLOCK}, {CITE}]")
}

fn check_json(dir: &Path, extra: &[&str]) -> Value {
    let out = chronolint(dir).args(["check", ".", "--format", "json"]).args(extra).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// `date-conflict` findings as (start, end, line, column).
fn conflicts(v: &Value) -> Vec<(u64, u64, u64, u64)> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "date-conflict")
        .map(|d| {
            let s = &d["span"];
            let n = |k: &str| s[k].as_u64().expect("a number");
            (n("start"), n("end"), n("line"), n("column"))
        })
        .collect()
}

/// Lines of every finding.
fn lines(v: &Value) -> Vec<u64> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["span"]["line"].as_u64())
        .collect()
}

/// A config whose `ignore` is `list`, checked: exit 2 and the error report.
fn bad_config(list: &str) -> String {
    let dir = corpus(None);
    fs::write(dir.path().join("chronolint.toml"), format!("rules = []\nignore = {list}\n")).expect("config");
    let out = chronolint(dir.path()).args(["check", "."]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "no report when the run cannot be made");
    stderr
}

#[test]
fn an_invalid_pattern_exits_2_and_points_at_its_fault_in_the_file() {
    let stderr = bad_config("['(unclosed']");
    // miette's snippet: the file, line 2, column 12 (the `(`), and the line itself.
    assert!(stderr.contains("chronolint.toml:2:12]"), "{stderr}");
    assert!(stderr.contains("2 │ ignore = ['(unclosed']"), "{stderr}");
    assert!(stderr.contains("invalid regular expression: unclosed group"), "{stderr}");
    assert!(stderr.contains("regex crate's syntax"), "help: {stderr}");
}

#[test]
fn an_enormous_pattern_exits_2_with_the_size_limit() {
    for pattern in [r"'\w{5000}\w{5000}'", "'(?:a{1000}){1000}'"] {
        let stderr = bad_config(&format!("[{pattern}]"));
        assert!(stderr.contains("this pattern compiles to more than 1 MiB (the limit)"), "{stderr}");
        assert!(stderr.contains("chronolint.toml:2:11]"), "{stderr}");
        assert!(stderr.contains(&format!("ignore = [{pattern}]")), "{stderr}");
        assert!(stderr.contains("counted repetition"), "help: {stderr}");
    }
}

#[test]
fn a_pattern_that_matches_the_empty_string_exits_2() {
    for pattern in ["'x*'", "'ibid|'", r"'\b'"] {
        let stderr = bad_config(&format!("[{pattern}]"));
        assert!(stderr.contains("this pattern can match the empty string"), "{pattern}: {stderr}");
        assert!(stderr.contains("chronolint.toml:2:11]"), "{pattern}: {stderr}");
    }
}

#[test]
fn every_bad_pattern_is_reported_in_one_run() {
    let stderr = bad_config("[\n  '(a',\n  '\\{\\{cite[^}]*\\}\\}',\n  'b*',\n]");
    assert!(stderr.contains("the configuration is invalid (2 problems)"), "{stderr}");
    assert!(stderr.contains("unclosed group") && stderr.contains("chronolint.toml:3:4]"), "{stderr}");
    assert!(stderr.contains("empty string") && stderr.contains("chronolint.toml:5:3]"), "{stderr}");
}

#[test]
fn ignored_text_is_not_read_and_findings_after_it_keep_their_place() {
    let dir = corpus(None);
    let read = check_json(dir.path(), &[]);
    let found = conflicts(&read);
    assert_eq!(found.iter().map(|c| c.2).collect::<Vec<_>>(), [4, 7], "read: {found:?}");

    configure(dir.path(), Some(&both()));
    let ignoring = check_json(dir.path(), &[]);
    let kept = conflicts(&ignoring);
    assert_eq!(kept.len(), 1, "only the finding after the block: {kept:?}");
    assert!(!lines(&ignoring).contains(&4), "no finding of any check in the block");
    // The same bytes, line and column as when the whole file was read...
    assert_eq!(kept[0], found[1]);
    // ...and they are those of the file as stored.
    let (start, end, line, column) = kept[0];
    let (start, end) = (start as usize, end as usize);
    assert!(DOCUMENT.get(start..end).is_some_and(|s| s.ends_with("signed in 1908")), "{kept:?}");
    let before = &DOCUMENT[..start];
    assert_eq!(line as usize, before.matches('\n').count() + 1);
    assert_eq!(column as usize, before.rsplit('\n').next().unwrap_or("").chars().count() + 1);
}

#[test]
fn the_cache_is_not_reused_under_other_patterns() {
    let dir = corpus(None);
    let cache = ["--cache-dir", ".cache"];
    assert_eq!(conflicts(&check_json(dir.path(), &cache)).len(), 2, "cold, reading everything");
    configure(dir.path(), Some(&both()));
    assert_eq!(conflicts(&check_json(dir.path(), &cache)).len(), 1, "the document is unchanged");
    assert_eq!(conflicts(&check_json(dir.path(), &cache)).len(), 1, "warm, same patterns");
    configure(dir.path(), Some(&format!("[{CITE}]")));
    assert_eq!(conflicts(&check_json(dir.path(), &cache)).len(), 2, "one pattern fewer");
}

#[test]
fn suppression_comments_in_ignored_text_still_apply() {
    // Every HTML comment is ignored, the suppression comment included.
    let dir = corpus(Some(&format!("[{BLOCK}, '<!--.*?-->']")));
    let doc = DOCUMENT.replace(
        "\nLater",
        "<!-- chronolint-disable-next-line date-conflict -- the draft's date, kept as printed -->\nLater",
    );
    fs::write(dir.path().join("encyclopedia-a.txt"), doc).expect("document");
    let v = check_json(dir.path(), &[]);
    assert!(conflicts(&v).is_empty(), "{v}");
    assert!(!v.to_string().contains("unused-suppression"), "{v}");
}

#[test]
fn claims_and_dates_do_not_read_ignored_text() {
    let dir = corpus(None);
    let file = dir.path().join("encyclopedia-a.txt");
    let run = |cmd: &str| {
        let out = chronolint(dir.path()).arg(cmd).arg(&file).output().expect("runs");
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let (claims, dates) = (run("claims"), run("dates"));
    assert!(claims.contains(r#""value":"1907""#) && dates.contains(r#""text":"1907""#), "{claims}{dates}");

    configure(dir.path(), Some(&both()));
    let (claims, dates) = (run("claims"), run("dates"));
    assert!(claims.contains(r#""value":"1908""#) && dates.contains(r#""text":"1908""#), "{claims}{dates}");
    assert!(!claims.contains(r#""value":"1907""#) && !dates.contains(r#""text":"1907""#), "{claims}{dates}");
}

#[test]
fn audit_does_not_read_ignored_text_in_new_documents_but_quotes_them_as_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (corpus, new) = (dir.path().join("corpus"), dir.path().join("new"));
    fs::create_dir_all(&corpus).expect("corpus");
    fs::create_dir_all(&new).expect("new");
    configure(&corpus, Some(&both()));
    fs::write(corpus.join("encyclopedia-a.txt"), "The Treaty of Portsmouth was signed in 1905.\n").unwrap();
    let written = "The Treaty of Portsmouth{{cite|Ünïcödé}} was signed in 1905.\n\
        <!-- chronolint-ignore-start -->\nA draft says it was the Treaty of Portsmouth of 1907.\n\
        <!-- chronolint-ignore-end -->\nThe Treaty of Portsmouth was signed in 1908.\n";
    fs::write(new.join("encyclopedia-n.txt"), written).unwrap();
    let out = chronolint(dir.path())
        .args(["audit", "new", "--against", "corpus", "--format", "json"])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let claims = v["documents"][0]["claims"].as_array().expect("claims").clone();
    let values: Vec<&str> = claims.iter().filter_map(|c| c["value"].as_str()).collect();
    assert_eq!(values, ["1905", "1908"], "{v}");
    let first = claims[0].to_string();
    assert!(first.contains("Portsmouth{{cite|Ünïcödé}} was"), "the excerpt quotes the file: {first}");
}

#[test]
fn a_check_that_reads_a_file_again_does_not_read_ignored_text() {
    // `calendar-offset` reads a claim's paragraph again for a Russian context. Here Russia
    // is named in that paragraph only inside an ignore block: read, it makes the 13 days
    // between the two dates an Old Style date; ignored, nothing does.
    let run = |ignore: Option<&str>| {
        let dir = tempfile::tempdir().expect("temp dir");
        let rules = crate::common::at("tests/fixtures/checks/rules");
        let ignore = ignore.map(|list| format!("ignore = {list}\n")).unwrap_or_default();
        fs::write(dir.path().join("chronolint.toml"), format!("rules = ['{}']\n{ignore}", rules.display()))
            .expect("config");
        fs::write(
            dir.path().join("a.txt"),
            "Port Arthur surrendered on 20 December 1904.\n\
             <!-- chronolint-ignore-start -->So the Russian garrison reported.<!-- chronolint-ignore-end -->\n",
        )
        .expect("document");
        fs::write(dir.path().join("b.txt"), "Port Arthur surrendered on 2 January 1905.\n")
            .expect("document");
        let out = chronolint(dir.path()).args(["check", ".", "--format", "json"]).output().expect("runs");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        let codes: Vec<String> = v["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect();
        codes
    };
    assert!(
        run(None).contains(&"calendar-offset".to_string()),
        "read, the block gives the context: {:?}",
        run(None)
    );
    let ignored = run(Some(&format!("[{BLOCK}]")));
    assert!(!ignored.contains(&"calendar-offset".to_string()), "{ignored:?}");
}
