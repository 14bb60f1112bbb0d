//! The shipped reference timeline loads and is sourced; every bad-rule fixture under
//! `tests/fixtures/rules-bad/<case>/` fails with exit 2, its message, and a span on the key.

use assert_cmd::Command;
use chronolint::rules::{load_dir, Role, RuleBook, RuleError};
use std::path::Path;

fn shipped() -> RuleBook {
    match load_dir(&crate::common::at("rules")) {
        Ok(book) => book,
        Err(errors) => panic!("the shipped rules do not load: {errors:#?}"),
    }
}

fn errors_of(case: &str) -> Vec<RuleError> {
    match load_dir(&crate::common::at("tests/fixtures/rules-bad").join(case)) {
        Ok(book) => panic!("{case}: loaded {} events, expected errors", book.events.len()),
        Err(errors) => errors,
    }
}

/// 1-based line of a byte offset in `file`.
fn line_of(file: &Path, offset: usize) -> usize {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.get(..offset).map_or(0, |t| t.matches('\n').count() + 1)
}

#[test]
fn shipped_rules_hold_at_least_120_events() {
    let book = shipped();
    assert!(book.events.len() >= 120, "only {} events", book.events.len());
}

#[test]
fn every_shipped_date_names_a_source() {
    let book = shipped();
    for event in &book.events {
        assert!(!event.dates.is_empty(), "{} has no date", event.id);
        for date in &event.dates {
            for view in &date.views {
                assert!(
                    view.source.trim().len() > 5,
                    "{} {}: source {:?}",
                    event.id,
                    date.role.as_str(),
                    view.source
                );
            }
        }
    }
}

#[test]
fn the_boxer_start_is_disputed_between_autumn_1899_and_june_1900() {
    let book = shipped();
    let boxers = book.find("boxer-rebellion").expect("boxer-rebellion");
    let start = book.reference(boxers, Role::Start).expect("a start date");
    assert!(start.is_disputed());
    let values: Vec<&str> = start.views.iter().map(|v| v.value.edtf.as_str()).collect();
    assert_eq!(values, ["1899-FA", "1900-06"]);
    assert!(start.views.iter().all(|v| v.note.is_some()), "each side says what it holds");
    let end = book.reference(boxers, Role::End).expect("an end date");
    assert_eq!(end.views[0].value.edtf, "1901-09-07");
}

#[test]
fn the_corpus_events_have_their_reference_dates() {
    let book = shipped();
    let cases = [
        ("treaty-of-shimonoseki", Role::Point, "1895-04-17"),
        ("triple-intervention", Role::Point, "1895-04-23"),
        ("russo-japanese-war", Role::Start, "1904-02-08"),
        ("russo-japanese-war", Role::End, "1905-09-05"),
        ("surrender-of-port-arthur", Role::Point, "1905-01-02"),
        ("battle-of-the-yellow-sea", Role::Point, "1904-08-10"),
        ("battle-of-mukden", Role::Span, "1905-02-20/1905-03-10"),
        ("battle-of-tsushima", Role::Span, "1905-05-27/1905-05-28"),
        ("anglo-japanese-alliance", Role::Start, "1902-01-30"),
        ("treaty-of-saint-petersburg-1875", Role::Point, "1875-05-07"),
        ("otsu-incident", Role::Point, "1891-05-11"),
        ("first-sino-japanese-war", Role::Span, "1894/1895"),
    ];
    for (id, role, edtf) in cases {
        let event = book.find(id).unwrap_or_else(|| panic!("no event {id}"));
        let date =
            book.reference(event, role).unwrap_or_else(|| panic!("{id} has no {} date", role.as_str()));
        assert_eq!(date.views[0].value.edtf, edtf, "{id} {}", role.as_str());
    }
}

#[test]
fn real_text_names_find_their_events() {
    let book = shipped();
    let cases = [
        ("Tsu-shima", "battle-of-tsushima"),
        ("Boxer Rising", "boxer-rebellion"),
        ("Russo Japanese War", "russo-japanese-war"),
        ("first Sino Japanese war", "first-sino-japanese-war"),
        ("Portsmouth Peace Treaty", "treaty-of-portsmouth"),
        ("Sino-French War", "sino-french-war"),
        ("siege of Pekin", "siege-of-the-legations"),
        ("annexation of Corea", "annexation-of-korea"),
    ];
    for (alias, id) in cases {
        let event = book.find(id).unwrap_or_else(|| panic!("no event {id}"));
        let e = book.event(event);
        assert!(
            e.aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(alias) || a.to_lowercase().contains(&alias.to_lowercase())),
            "{id} lacks an alias for {alias:?}"
        );
    }
}

#[test]
fn the_triple_intervention_can_be_described_without_its_name() {
    let book = shipped();
    let e = book.event(book.find("triple-intervention").expect("triple-intervention"));
    let first = e.descriptions.first().expect("a description");
    assert_eq!(first.all_of[0], ["Russia"]);
    assert!(first.all_of.iter().any(|g| g.iter().any(|w| w == "peace terms")));
}

#[test]
fn event_ids_are_unique_and_the_hash_is_stable() {
    let (a, b) = (shipped(), shipped());
    let mut ids: Vec<&str> = a.events.iter().map(|e| e.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n);
    assert_eq!(a.hash, b.hash);
    assert_ne!(a.hash, 0);
}

/// (case, file, message fragment, 1-based line of the span's start)
const BAD: &[(&str, &str, &str, usize)] = &[
    ("malformed-toml", "events.toml", "", 4),
    ("unknown-key", "events.toml", "unknown key `nmae`", 4),
    ("bad-date", "events.toml", "bad date `1895-02-30`", 8),
    ("duplicate-id", "b.toml", "duplicate event id `triple-intervention`", 4),
    ("missing-source", "events.toml", "a date with no source", 8),
    ("empty-name", "events.toml", "`name` is empty", 4),
    ("unknown-role", "events.toml", "unknown role `begin`", 7),
    ("unknown-kind", "events.toml", "unknown event kind `traety`", 5),
    ("shared-alias", "events.toml", "`battle of the Yalu` also names the event", 13),
    ("dangling-reference", "dependencies.toml", "no event has the id `triple-intervnetion`", 4),
];

#[test]
fn each_bad_rule_is_reported_with_a_span_on_its_key() {
    for (case, file, message, line) in BAD {
        let errors = errors_of(case);
        assert_eq!(errors.len(), 1, "{case}: {errors:#?}");
        let e = &errors[0];
        assert!(e.file.ends_with(file), "{case}: {}", e.file.display());
        assert!(e.message.contains(message), "{case}: {}", e.message);
        let span = e.span.unwrap_or_else(|| panic!("{case}: no span"));
        assert_eq!(line_of(&e.file, span.start), *line, "{case}: {e:?}");
    }
}

#[test]
fn typos_get_the_nearest_valid_name_as_help() {
    let help = |case| errors_of(case)[0].help.clone().unwrap_or_default();
    assert!(help("unknown-key").contains("did you mean `name`?"));
    assert!(help("unknown-kind").contains("did you mean `treaty`?"));
    assert!(help("duplicate-id").contains("a.toml"));
}

#[test]
fn every_problem_in_a_file_is_reported() {
    let errors = errors_of("many-problems");
    let found: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (line_of(&e.file, e.span.map_or(0, |s| s.start)), e.message.as_str()))
        .collect();
    let expected = [
        (7, "bad date `1902-13-30`"),
        (10, "has no `name`"),
        (12, "unknown key `nam`"),
        (18, "a date with no source"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((line, message), (want_line, want)) in found.iter().zip(expected) {
        assert_eq!(*line, want_line, "{message}");
        assert!(message.contains(want), "{message} should contain {want}");
    }
}

#[test]
fn rules_check_exits_2_and_points_into_the_toml() {
    for (case, file, message, line) in BAD {
        let dir = format!("tests/fixtures/rules-bad/{case}");
        let out = Command::cargo_bin("chronolint")
            .expect("the binary")
            .current_dir(crate::common::root())
            .args(["rules", "check", &dir])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{case}: {stderr}");
        assert!(stderr.contains(message), "{case}: {stderr}");
        let location = format!("{dir}/{file}:{line}:");
        assert!(stderr.contains(&location), "{case}: no {location} in {stderr}");
    }
}

#[test]
fn a_missing_rules_folder_is_a_clear_error() {
    let out = Command::cargo_bin("chronolint")
        .expect("the binary")
        .current_dir(crate::common::root())
        .args(["rules", "check", "tests/fixtures/rules-bad/no-such-folder"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("rules-bad/no-such-folder") && stderr.contains("does not exist"), "{stderr}");
}

#[test]
fn rules_check_summarises_the_shipped_rules() {
    let out = Command::cargo_bin("chronolint")
        .expect("the binary")
        .current_dir(crate::common::root())
        .args(["rules", "check", "rules"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("rules are valid: "), "{stdout}");
    assert!(stdout.contains(" events, ") && stdout.contains(" disputed), "), "{stdout}");
}

#[test]
fn an_events_era_covers_its_reference_dates() {
    let book = shipped();
    let era = |id: &str| book.event(book.find(id).unwrap_or_else(|| panic!("no {id}"))).era();
    assert_eq!(era("russo-japanese-war"), Some((1904, 1905)));
    assert_eq!(era("anglo-japanese-alliance"), Some((1902, 1923)));
    assert_eq!(era("boxer-rebellion"), Some((1899, 1901)));
}

/// The rules built into the binary are the shipped `rules/` folder: every rule file, with
/// the same text, read in the same order (the two books hash alike, so a cache filled
/// with one serves the other).
#[test]
fn the_built_in_rules_are_the_shipped_folder() {
    let folder = crate::common::at("rules");
    let mut on_disk: Vec<(String, String)> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let rel = e.path().strip_prefix(&folder).expect("under rules/").to_string_lossy().into_owned();
            (rel, std::fs::read_to_string(e.path()).expect("a rule file"))
        })
        .collect();
    on_disk.sort();
    let mut built_in: Vec<(String, String)> = chronolint::rules::built_in_files()
        .map(|(path, text)| {
            let rel = path.strip_prefix(chronolint::rules::BUILT_IN).expect("under <built-in>");
            (rel.to_string_lossy().into_owned(), text.to_string())
        })
        .collect();
    built_in.sort();
    let names = |v: &[(String, String)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&built_in),
        names(&on_disk),
        "add a new rule file to BUILT_IN_FILES in src/rules/load.rs"
    );
    assert!(built_in == on_disk, "a built-in rule file differs from rules/ (rebuild)");
    let book = chronolint::rules::load_dirs(&[std::path::PathBuf::from(chronolint::rules::BUILT_IN)])
        .expect("the built-in rules load");
    assert_eq!(book.hash, shipped().hash);
    assert_eq!(book.events.len(), shipped().events.len());
}

/// `check` in a folder with no config and no rules/ folder checks against the built-in
/// timeline, and says so.
#[test]
fn a_corpus_without_rules_is_checked_against_the_built_in_timeline() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("a.txt"), "The Treaty of Portsmouth was signed in 1906.\n")
        .expect("write");
    let out = Command::cargo_bin("chronolint")
        .expect("the binary")
        .current_dir(dir.path())
        .args(["check", ".", "--format", "json"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the rules built into chronolint"), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["reference-mismatch"]);
}

/// `rules check` with no folder, where there is no ./rules, checks the built-in rules.
#[test]
fn rules_check_without_a_rules_folder_checks_the_built_in_rules() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = Command::cargo_bin("chronolint")
        .expect("the binary")
        .current_dir(dir.path())
        .args(["rules", "check"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let events = shipped().events.len();
    assert!(stdout.starts_with(&format!("rules are valid: {events} events, ")), "{stdout}");
}

/// `rules init DIR` writes the built-in rules, which then check as valid and hold every
/// shipped event; a second `init` over them refuses and changes nothing.
#[test]
fn rules_init_writes_the_built_in_rules_once() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let run = |args: &[&str]| {
        Command::cargo_bin("chronolint")
            .expect("the binary")
            .current_dir(dir.path())
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["rules", "init", "mine"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let book = load_dir(&dir.path().join("mine")).expect("the written rules load");
    assert_eq!(book.events.len(), shipped().events.len());
    assert_eq!(book.hash, shipped().hash, "the same files under the same paths");
    let edited = dir.path().join("mine/events/china.toml");
    std::fs::write(&edited, "# edited\n").expect("write");
    let out = run(&["rules", "init", "mine"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exist"));
    assert_eq!(std::fs::read_to_string(&edited).expect("read"), "# edited\n", "nothing overwritten");
}

/// A config can keep the built-in timeline and add its own rule folder: events from both
/// are known, and a missing folder named next to it is still an error.
#[test]
fn a_config_adds_its_rules_to_the_built_in_ones() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path();
    std::fs::create_dir(root.join("extra")).expect("mkdir");
    std::fs::write(
        root.join("extra/berlin.toml"),
        r#"[[event]]
id = "treaty-of-berlin-1878"
name = "the Treaty of Berlin (1878)"
aliases = ["Treaty of Berlin"]
kind = "treaty"
date = [{ role = "point", value = "1878-07-13", source = "Encyclopaedia Britannica, 'Congress of Berlin'" }]
"#,
    )
    .expect("write");
    std::fs::write(root.join("chronolint.toml"), "rules = [\"<built-in>\", \"extra\"]\n").expect("write");
    std::fs::write(
        root.join("a.txt"),
        "The Treaty of Berlin was signed in 1879.\n\nThe Treaty of Portsmouth was signed in 1906.\n",
    )
    .expect("write");
    let run = |config: &str| {
        std::fs::write(root.join("chronolint.toml"), config).expect("write");
        Command::cargo_bin("chronolint")
            .expect("the binary")
            .current_dir(root)
            .args(["check", "a.txt", "--format", "json"])
            .output()
            .expect("runs")
    };
    let out = run("rules = [\"<built-in>\", \"extra\"]\n");
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let events: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "reference-mismatch")
        .filter_map(|d| d["event"].as_str())
        .collect();
    assert_eq!(events, ["treaty-of-berlin-1878", "treaty-of-portsmouth"]);
    let out = run("rules = [\"<built-in>\", \"missing\"]\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("missing") && stderr.contains("invalid-rule"), "{stderr}");
}

#[test]
fn a_time_is_outside_an_event_only_before_every_start_or_after_every_end() {
    use chronolint::rules::Side;
    use chronolint::time::TimeValue;
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(
        dir.path().join("events.toml"),
        r#"
[[event]]
id = "started"
name = "the started"
kind = "war"
date = [{ role = "start", value = "1904-02-08", source = "S" }]

[[event]]
id = "ended"
name = "the ended"
kind = "war"
date = [{ role = "end", value = "1905-09", source = "S" }]

[[event]]
id = "spanned"
name = "the spanned"
kind = "war"
date = [{ role = "span", value = "1894/1895", source = "S" }]

[[event]]
id = "open"
name = "the open"
kind = "war"
date = [{ role = "span", value = "1898/..", source = "S" }]

[[event]]
id = "disputed"
name = "the disputed"
kind = "war"
[[event.date]]
role = "start"
disputed = true
[[event.date.view]]
value = "1899-FA"
source = "S"
[[event.date.view]]
value = "1900-06"
source = "T"
"#,
    )
    .expect("writes");
    let book = load_dir(dir.path()).unwrap_or_else(|e| panic!("{e:#?}"));
    let side = |id: &str, v: TimeValue| book.outside(book.find(id).expect(id), &v).map(|(s, r)| (s, r.role));
    // Wholly before the start, or touching it.
    assert_eq!(side("started", TimeValue::year(1903)), Some((Side::Before, Role::Start)));
    assert_eq!(side("started", TimeValue::year(1904)), None);
    assert_eq!(side("started", TimeValue::year(1950)), None, "no end is known");
    // Wholly after the end.
    assert_eq!(side("ended", TimeValue::month(1905, 10)), Some((Side::After, Role::End)));
    assert_eq!(side("ended", TimeValue::year(1800)), None, "no start is known");
    // Either side of a span.
    assert_eq!(side("spanned", TimeValue::year(1893)), Some((Side::Before, Role::Span)));
    assert_eq!(side("spanned", TimeValue::year(1896)), Some((Side::After, Role::Span)));
    assert_eq!(side("spanned", TimeValue::year(1895)), None);
    // An open end bounds nothing on that side.
    assert_eq!(side("open", TimeValue::year(1950)), None);
    assert_eq!(side("open", TimeValue::year(1897)), Some((Side::Before, Role::Span)));
    // Before every view of a disputed start, not just one of them.
    assert_eq!(side("disputed", TimeValue::month(1899, 10)), None);
    assert_eq!(side("disputed", TimeValue::month(1899, 8)), Some((Side::Before, Role::Start)));
}
