//! Meta-tests that stop drift: the check table, codes, docs and fixtures keep their shape.

use chronolint::checks::CHECKS;

#[test]
fn the_check_table_is_sorted_by_code_and_codes_are_unique() {
    let codes: Vec<&str> = CHECKS.iter().map(|c| c.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted);
}

#[test]
fn codes_are_kebab_case() {
    for c in CHECKS {
        let ok = !c.code.is_empty()
            && c.code.split('-').all(|w| !w.is_empty() && w.chars().all(|ch| ch.is_ascii_lowercase()));
        assert!(ok, "`{}` is not kebab-case", c.code);
    }
}

#[test]
fn every_check_doc_has_exactly_the_three_headings() {
    for c in CHECKS {
        let headings: Vec<&str> = c.doc.lines().map(str::trim).filter(|l| l.starts_with('#')).collect();
        assert_eq!(headings, ["## What it does", "## Why it matters", "## Example"], "{}", c.code);
    }
}

#[test]
fn every_check_with_logic_has_a_fixture_folder_with_cases() {
    for c in CHECKS.iter().filter(|c| c.has_logic()) {
        let dir = crate::common::at("tests/fixtures/checks").join(c.code);
        let cases = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert!(cases >= 2, "{}: needs positive and negative cases under {}", c.code, dir.display());
    }
}

#[test]
fn explain_prints_every_code_without_the_doc_indent() {
    for c in CHECKS {
        let out =
            assert_cmd::Command::cargo_bin("chronolint").unwrap().args(["explain", c.code]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", c.code);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("\n## What it does\n"), "{}: {text}", c.code);
    }
}

#[test]
fn explain_of_an_unknown_code_exits_2_with_a_suggestion() {
    assert_cmd::Command::cargo_bin("chronolint")
        .unwrap()
        .args(["explain", "date-conflicts"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `date-conflict`"));
}
