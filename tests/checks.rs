//! Check fixtures: each `tests/fixtures/checks/<code>/<case>/` is a tiny corpus with a
//! hand-written `expected.toml`. The test asserts the expectation (findings of the case's
//! own code only, so that other checks may change without breaking these), then
//! snapshots the JSON of those findings for review.

use chronolint::{check_paths, Options, Run};
use serde::Deserialize;
use std::path::Path;

/// `expected.toml` as written by hand.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(deny_unknown_fields)]
struct Finding {
    code: String,
    file: String,
    line: usize,
}

impl Expected {
    fn read(path: &Path) -> Expected {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// The run's findings of `code`, with files relative to the case and 1-based lines.
fn found(run: &Run, case: &Path, code: &str) -> Vec<Finding> {
    let locate = chronolint::report::Locator::new(run);
    let mut out: Vec<Finding> = run
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let file = Path::new(&d.primary.file);
            let rel = file.strip_prefix(case).unwrap_or(file);
            Finding {
                code: d.code.to_string(),
                file: rel.to_string_lossy().into_owned(),
                line: locate.position(&d.primary.file, d.primary.span).line,
            }
        })
        .collect();
    out.sort();
    out
}

#[test]
fn check_fixtures() {
    let root = crate::common::root();
    let mut cases = 0;
    insta::glob!("fixtures/checks", "*/*/chronolint.toml", |config| {
        let case_abs = config.parent().expect("a case folder");
        // Relative paths keep the snapshots free of this machine's folders.
        let case = case_abs.strip_prefix(&root).expect("under the repository");
        let code = case.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).expect("a code folder");
        assert!(chronolint::checks::find(code).is_some(), "{code} is not a check code");
        let run = check_paths(&[case], &Options::for_tests())
            .unwrap_or_else(|e| panic!("{}: {e:?}", case.display()));

        let mut expected = Expected::read(&case_abs.join("expected.toml")).findings;
        expected.sort();
        assert_eq!(expected, found(&run, case, code), "{}", case.display());

        let mut json = chronolint::report::json::to_value(&run);
        if let Some(list) = json.get_mut("diagnostics").and_then(|d| d.as_array_mut()) {
            list.retain(|d| d["code"] == code);
        }
        insta::assert_json_snapshot!(json["diagnostics"]);
        cases += 1;
    });
    assert!(cases >= 10, "only {cases} fixture cases ran");
}

/// A mismatch of a start or an end names the role: the reference it is compared with is
/// the event's start or end, not the event.
#[test]
fn a_mismatch_of_a_start_says_it_is_the_start() {
    let case = "tests/fixtures/checks/reference-mismatch/wrong-start";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let d = run.diagnostics.iter().find(|d| d.code == "reference-mismatch").expect("a mismatch");
    assert_eq!(
        d.message,
        "the start of the Russo-Japanese War is dated 1905 here but the reference timeline gives 8 February 1904"
    );
}

/// A finding on a date the text does not write out says what it was worked out from: the
/// error may be in that date, not in the count.
#[test]
fn a_finding_on_a_counted_date_says_what_it_was_counted_from() {
    let case = "tests/fixtures/checks/reference-mismatch/counted-date";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let d = run.diagnostics.iter().find(|d| d.code == "reference-mismatch").expect("a mismatch");
    assert!(d.message.contains("dated 1906 here"), "{}", d.message);
    assert!(
        d.notes
            .iter()
            .any(|n| n == "the date here is not written out: it is worked out from the date before it, 1904"),
        "{:?}",
        d.notes
    );
    // In the conflict between the two passages, both dates are counted.
    let d = run.diagnostics.iter().find(|d| d.code == "date-conflict").expect("a conflict");
    assert_eq!(d.notes.iter().filter(|n| n.contains("worked out from the date before it, 1904")).count(), 2);
}

/// A time the rules rule out though they give no date of its role ("the Russo-Japanese
/// War of 1903", before its start) is `reference-mismatch`'s alone: `unsupported-claim`
/// does not flag it again, nor another source for disagreeing with it, and a
/// `date-conflict` with a time the rules allow is reported on the ruled-out one.
#[test]
fn a_time_before_the_event_began_is_reported_once_and_where_it_is() {
    let case = "tests/fixtures/checks/reference-mismatch/outside-the-event";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let at = |code: &str| -> Vec<String> {
        run.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| format!("{}:{}", d.primary.file.rsplit('/').next().unwrap_or(""), d.primary.span.start))
            .collect()
    };
    let mismatches = at("reference-mismatch");
    assert!(mismatches.contains(&"encyclopedia-a.txt:4".to_string()), "{mismatches:?}");
    let unsupported = at("unsupported-claim");
    assert!(unsupported.iter().all(|u| !mismatches.contains(u)), "{unsupported:?} {mismatches:?}");
    assert!(!unsupported.contains(&"encyclopedia-b.txt:4".to_string()), "1905 is contradicted only by 1903");
    let conflicts: Vec<_> = run.diagnostics.iter().filter(|d| d.code == "date-conflict").collect();
    assert!(
        conflicts.iter().any(|d| d.message.starts_with("the Russo-Japanese War is dated 1903 here but 1905")),
        "{:?}",
        conflicts.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

/// The checks of this area: each documents itself with exactly the three headings and
/// has at least one fixture case that expects a finding and one that expects none.
#[test]
fn entity_and_dependency_checks_have_docs_and_both_kinds_of_fixture() {
    let root = crate::common::root();
    for code in ["anachronism", "anniversary-arithmetic", "calendar-offset", "order-violation"] {
        let check = chronolint::checks::find(code).unwrap_or_else(|| panic!("{code} is not registered"));
        let headings: Vec<&str> = check.doc.lines().filter(|l| l.trim_start().starts_with("## ")).collect();
        assert_eq!(
            headings,
            ["## What it does", "## Why it matters", "## Example"].map(|h| format!(" {h}")),
            "{code}"
        );
        let dir = root.join("tests/fixtures/checks").join(code);
        let mut empty = 0;
        let mut some = 0;
        for case in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
            let expected = Expected::read(&case.path().join("expected.toml"));
            if expected.findings.is_empty() {
                empty += 1;
            } else {
                some += 1;
            }
        }
        assert!(empty >= 1, "{code} has no case that expects no finding");
        // calendar-offset's positive cases need day and month dates, which the time
        // grammar does not yet produce: they are unit tests in calendar_offset.rs.
        assert!(some >= 1 || code == "calendar-offset", "{code} has no case that expects a finding");
    }
}

/// Two passages that each follow one side of a dispute the rules record conflict, but
/// neither is wrong: a warning that names each side's source and asks each passage to say
/// which view it follows. A date on no side stays an error.
#[test]
fn dates_on_the_two_sides_of_a_recorded_dispute_are_a_warning_that_names_the_sides() {
    let case = "tests/fixtures/checks/date-conflict/two-sides-of-a-dispute";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let conflict =
        |file: &str| finding_in(&run, "date-conflict", file).unwrap_or_else(|| panic!("in {file}"));
    let sides = conflict("history-b.txt");
    assert_eq!(sides.severity, chronolint::diagnostic::Severity::Warning, "{}", sides.message);
    assert!(
        sides
            .notes
            .iter()
            .any(|n| n.contains("June 1900 that of Encyclopaedia Britannica and Peter Fleming")
                && n.contains("autumn 1899 that of Joseph W. Esherick")),
        "{:?}",
        sides.notes
    );
    assert!(sides
        .help
        .as_deref()
        .is_some_and(|h| h.ends_with("say in each passage which view it follows and cite it")));
    let outside = conflict("almanac.txt");
    assert_eq!(outside.severity, chronolint::diagnostic::Severity::Error, "{}", outside.message);
    assert!(outside.notes.iter().all(|n| !n.contains("one side of the dispute")), "{:?}", outside.notes);
    assert!(outside.help.as_deref().is_some_and(|h| h.contains("if a source gives 1898, add it to rules/")));
}

/// Where the rules give an event's span but not its start or end, a start or end inside the
/// span is compared with the span's own ends: a warning whose notes say where the date
/// compared with comes from. One after the whole span stays an error. The checks that
/// compare passages take the same date as the rules' word: the passage that agrees with
/// it is the anchor of a conflict, and needs no citation.
#[test]
fn a_start_or_an_end_inside_a_span_is_compared_with_the_ends_of_the_span() {
    use chronolint::diagnostic::Severity;
    let case = "tests/fixtures/checks/reference-mismatch/start-or-end-inside-a-span";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let mismatch =
        |file: &str| finding_in(&run, "reference-mismatch", file).unwrap_or_else(|| panic!("in {file}"));
    let start = mismatch("encyclopedia-a.txt");
    assert_eq!(start.severity, Severity::Warning, "{}", start.message);
    assert!(start.message.ends_with("the reference timeline gives 20 February 1905"), "{}", start.message);
    assert!(
        start
            .notes
            .iter()
            .any(|n| n.contains("only its span, 20 February – 10 March 1905: this is where the span begins")),
        "{:?}",
        start.notes
    );
    let end = mismatch("encyclopedia-b.txt");
    assert_eq!(end.severity, Severity::Warning, "{}", end.message);
    assert!(end.message.ends_with("the reference timeline gives September 1904"), "{}", end.message);
    assert!(end.notes.iter().any(|n| n.contains("where the span ends")), "{:?}", end.notes);
    assert!(end.notes.iter().any(|n| n.contains("add it to rules/ as an `end` date")), "{:?}", end.notes);
    let after = mismatch("encyclopedia-c.txt");
    assert_eq!(after.severity, Severity::Error, "{}", after.message);
    assert!(after.notes.iter().all(|n| !n.contains("only its span")), "{:?}", after.notes);
    assert!(finding_in(&run, "date-conflict", "encyclopedia-a.txt").is_some());
    assert!(finding_in(&run, "date-conflict", "encyclopedia-d.txt").is_none());
    assert!(finding_in(&run, "unsupported-claim", "encyclopedia-d.txt").is_none());
}

/// With no `published` in the configuration, a book's copyright lines say when it was
/// written: "ago" counts from them, and the note says so. An event after that time is
/// not "-7 years" away: the message says it came after.
#[test]
fn ago_counts_from_the_copyright_lines_and_an_event_after_them_is_said_to_be_after() {
    let case = "tests/fixtures/checks/anniversary-arithmetic/counted-from-the-title-page";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let finding =
        |file: &str| finding_in(&run, "anniversary-arithmetic", file).unwrap_or_else(|| panic!("in {file}"));
    let century = finding("memoir-1955.txt");
    assert!(century.message.starts_with("\"a century ago\" from 1955 points to 1855"), "{}", century.message);
    assert!(century
        .notes
        .iter()
        .any(|n| n.starts_with("counted from 1955, when the document's copyright lines say")));
    let later = finding("written-before-the-event.txt");
    assert!(later.message.ends_with("dates from 1905 (after 1898)"), "{}", later.message);
    assert!(
        !later.message.contains('-') && !later.help.as_deref().unwrap_or("").contains("count -"),
        "{later:?}"
    );
}

/// A book whose copyright lines date it before an event is not offered that event as
/// the name it meant: "the Versailles Conference" of a book of 1905 is not the Paris Peace
/// Conference. Undated, the same sentence is.
#[test]
fn a_book_is_not_offered_an_event_after_its_copyright_year() {
    let case = "tests/fixtures/checks/unknown-event/written-before-the-event";
    let run = check_paths(&[case], &Options::for_tests()).expect("runs");
    let help = |file: &str| finding_in(&run, "unknown-event", file).and_then(|d| d.help.clone());
    assert_eq!(help("russia-1905.txt"), None);
    for file in ["russia-undated.txt", "siberia-1920.txt"] {
        assert!(help(file).is_some_and(|h| h.contains("the Paris Peace Conference")), "{file}");
    }
}

/// The first finding of `code` in the file whose path ends with `file`.
fn finding_in<'r>(run: &'r Run, code: &str, file: &str) -> Option<&'r chronolint::diagnostic::Diagnostic> {
    run.diagnostics.iter().find(|d| d.code == code && d.primary.file.ends_with(file))
}
