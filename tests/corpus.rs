//! The shipped corpus, end to end through the binary: the acceptance points of the core
//! pipeline, reference and provenance issues, asserted on codes, files and spans.

use assert_cmd::Command;
use serde_json::Value;
use std::sync::OnceLock;

const ENCYCLOPEDIA: &str = "corpus/encyclopedia/japan-russia-relations.txt";
const BLOG: &str = "corpus/blog/russo-japanese-war-news.txt";
const TODAY: &str = "corpus/today-in-history/feb-06-end-of-negotiations.txt";

fn run_json(threads: Option<&str>) -> (i32, Vec<u8>) {
    let mut cmd = Command::cargo_bin("chronolint").expect("binary");
    cmd.current_dir(crate::common::root()).args(["check", "corpus", "--format", "json"]);
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    let out = cmd.output().expect("runs");
    (out.status.code().unwrap_or(-1), out.stdout)
}

/// One run of `check corpus --format json`, shared by the tests.
fn report() -> &'static (i32, Value) {
    static REPORT: OnceLock<(i32, Value)> = OnceLock::new();
    REPORT.get_or_init(|| {
        let (code, out) = run_json(None);
        (code, serde_json::from_slice(&out).expect("valid JSON"))
    })
}

fn text(file: &str) -> String {
    std::fs::read_to_string(crate::common::at(file)).expect("corpus file")
}

/// The text under a JSON span, checked against the file as stored.
fn under(span: &Value, file: &str) -> String {
    let t = text(file);
    let (s, e) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    t.get(s..e).unwrap_or_else(|| panic!("span {s}..{e} not on char boundaries of {file}")).to_string()
}

fn findings(code: &str) -> Vec<&'static Value> {
    report().1["diagnostics"].as_array().expect("array").iter().filter(|d| d["code"] == code).collect()
}

fn sentence_of(file: &str, span: &Value) -> String {
    let t = text(file);
    let s = span["start"].as_u64().unwrap() as usize;
    let from = t[..s].rfind(['.', '\n']).map_or(0, |i| i + 1);
    let to = t[s..].find(['\n']).map_or(t.len(), |i| s + i);
    t[from..to].to_string()
}

#[test]
fn the_corpus_has_errors_so_check_exits_1() {
    assert_eq!(report().0, 1);
    assert_eq!(report().1["version"], 1);
    assert_eq!(report().1["summary"]["files"], 5);
}

#[test]
fn triple_intervention_1894_conflicts_with_1895_and_the_reference() {
    let conflict = findings("date-conflict")
        .into_iter()
        .find(|d| d["event"] == "triple-intervention")
        .expect("a date-conflict about the Triple Intervention");
    assert_eq!(conflict["file"], ENCYCLOPEDIA);
    assert!(under(&conflict["span"], ENCYCLOPEDIA).contains("1894"), "{conflict}");
    assert!(sentence_of(ENCYCLOPEDIA, &conflict["span"]).contains("Russia joined Germany and France"));
    let related = &conflict["related"][0];
    assert_eq!(related["file"], ENCYCLOPEDIA);
    assert!(under(&related["span"], ENCYCLOPEDIA).contains("1895"), "{related}");
    assert!(sentence_of(ENCYCLOPEDIA, &related["span"]).contains("revised the Treaty of Shimonoseki"));

    let mismatch = findings("reference-mismatch")
        .into_iter()
        .find(|d| d["event"] == "triple-intervention")
        .expect("a reference-mismatch about the Triple Intervention");
    assert_eq!(mismatch["span"]["start"], conflict["span"]["start"]);
    let help = mismatch["help"].as_str().unwrap();
    assert!(help.contains("23 April 1895") && help.contains("source"), "{help}");
}

#[test]
fn port_arthur_surrender_end_of_december_conflicts_with_january_1905() {
    let conflict = findings("date-conflict")
        .into_iter()
        .find(|d| d["file"] == BLOG && d["event"].as_str().is_some_and(|e| e.contains("port-arthur")))
        .expect("a date-conflict about Port Arthur's surrender");
    let mut both = vec![under(&conflict["span"], BLOG), under(&conflict["related"][0]["span"], BLOG)];
    both.sort();
    assert!(both.iter().any(|t| t.contains("end of December")), "{both:?}");
    assert!(both.iter().any(|t| t.contains("January 1905")), "{both:?}");
}

#[test]
fn agreeing_dates_ranges_and_non_dates_are_not_reported() {
    let all = report().1["diagnostics"].as_array().unwrap();
    for d in all {
        let file = d["file"].as_str().unwrap();
        if !file.starts_with("corpus/") || d["code"] == "unused-suppression" {
            continue;
        }
        let words = under(&d["span"], file);
        for not_a_date in ["25,000", "US$18.00", "39th parallel", "Volume 54", "11 Western", "2:32", "1,823"]
        {
            assert!(!words.contains(not_a_date), "{}: flagged a non-date: {words:?}", d["code"]);
        }
        // February 8, 1904 and 8 February 1904 agree; 1894 - 1895 is the war's right span.
        assert!(!words.contains("8 February 1904") && !words.contains("February 8, 1904"), "{d}");
        assert!(!words.contains("1894 - 1895"), "{d}");
    }
}

#[test]
fn a_repeated_forum_quote_gives_no_second_finding() {
    let all = report().1["diagnostics"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for d in all.iter().filter(|d| d["file"].as_str().is_some_and(|f| f.contains("/forum/"))) {
        let words = under(&d["span"], d["file"].as_str().unwrap());
        assert!(seen.insert((d["code"].to_string(), words.clone())), "reported twice: {words:?}");
    }
}

#[test]
fn output_bytes_do_not_depend_on_the_thread_count() {
    let (_, one) = run_json(Some("1"));
    let (_, two) = run_json(Some("2"));
    let (_, eight) = run_json(Some("8"));
    let (_, default) = run_json(None);
    assert_eq!(one, default);
    assert_eq!(two, default);
    assert_eq!(eight, default);
}

#[test]
fn every_span_lies_on_char_boundaries_and_line_column_match_the_offset() {
    for d in report().1["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        let t = text(file);
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let before = &t[..start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        assert_eq!(
            (d["span"]["line"].as_u64().unwrap() as usize, d["span"]["column"].as_u64().unwrap() as usize),
            (line, column),
            "{d}"
        );
        let _ = under(&d["span"], file);
    }
}

#[test]
fn recalling_diplomats_from_moscow_in_1904_is_an_anachronism() {
    let d = findings("anachronism")
        .into_iter()
        .find(|d| d["file"] == TODAY)
        .expect("an anachronism in the today-in-history page");
    assert!(under(&d["span"], TODAY).contains("Moscow"), "{d}");
    let said = format!("{} {}", d["message"], d["help"]);
    assert!(said.contains("St. Petersburg") || said.contains("Saint Petersburg"), "{said}");
}

#[test]
fn the_1894_triple_intervention_is_an_order_violation_linked_to_its_conflict() {
    let d = findings("order-violation")
        .into_iter()
        .find(|d| d["event"] == "triple-intervention")
        .expect("an order-violation for the Triple Intervention");
    let conflict =
        findings("date-conflict").into_iter().find(|c| c["event"] == "triple-intervention").unwrap();
    assert_eq!(d["span"]["start"], conflict["span"]["start"], "same passage");
    let said = format!("{} {}", d["notes"], d["message"]);
    assert!(said.contains("Shimonoseki"), "{said}");
    assert!(said.contains("date-conflict"), "linked to its date-conflict: {said}");
}

#[test]
fn port_arthur_conflict_carries_the_old_style_explanation() {
    let conflict = findings("date-conflict")
        .into_iter()
        .find(|d| d["file"] == BLOG && d["event"].as_str().is_some_and(|e| e.contains("port-arthur")))
        .unwrap();
    let said = format!("{} {} {}", conflict["message"], conflict["notes"], conflict["help"]);
    assert!(said.contains("Old Style") || said.contains("O.S."), "{said}");
    assert!(said.contains("20 December 1904"), "{said}");
}

#[test]
fn the_blogs_110th_and_111th_anniversaries_are_consistent() {
    assert!(findings("anniversary-arithmetic").iter().all(|d| {
        let w = sentence_of(d["file"].as_str().unwrap(), &d["span"]);
        !w.contains("110th") && !w.contains("111th") && !w.contains("110 Years")
    }));
}

#[test]
fn the_boxer_rebellion_breaking_out_in_1899_is_unsupported() {
    let d = findings("unsupported-claim")
        .into_iter()
        .find(|d| d["event"] == "boxer-rebellion")
        .expect("unsupported-claim on the Boxer Rebellion's start");
    assert_eq!(d["file"], ENCYCLOPEDIA);
    assert!(sentence_of(ENCYCLOPEDIA, &d["span"]).contains("In 1899 the Boxer Rebellion broke out"));
}

#[test]
fn uncited_but_uncontested_dates_are_not_unsupported() {
    for d in findings("unsupported-claim") {
        let s = sentence_of(d["file"].as_str().unwrap(), &d["span"]);
        assert!(!s.contains("Treaty of Saint Petersburg"), "{s}");
        assert!(!s.contains("Anglo-Japanese Alliance"), "{s}");
    }
}

#[test]
fn the_russo_china_war_is_unknown_and_suggests_the_first_sino_japanese_war() {
    let d = findings("unknown-event")
        .into_iter()
        .find(|d| d["file"] == BLOG && under(&d["span"], BLOG).contains("Russo-China War"))
        .expect("unknown-event for the Russo-China War");
    assert!(d["help"].as_str().unwrap().contains("First Sino-Japanese War"), "{d}");
}

#[test]
fn counterfactual_passages_give_no_findings() {
    for d in report().1["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        if !file.contains("/forum/") {
            continue;
        }
        let s = sentence_of(file, &d["span"]);
        for marker in ["would", "POD", "What if", "Let's say", "Alliance would happen"] {
            assert!(!s.contains(marker), "finding from a counterfactual passage: {} in {s:?}", d["code"]);
        }
    }
}

#[test]
fn the_quoted_izvolsky_passage_is_attributed_to_its_linked_source() {
    let out = Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["claims", "corpus/forum/russo-japanese-alliance.txt", "--format", "jsonl"])
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    let claim = lines
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .find(|c| c.to_string().contains("1902") && c.to_string().contains("Izvolsky"))
        .unwrap_or_else(|| panic!("no 1902 claim attributed to Izvolsky in:\n{lines}"));
    assert_eq!(claim["quoted"], true, "{claim}");
}

#[test]
fn human_output_for_the_corpus() {
    // cargo runs tests from the package root, so "corpus" is the path as a user types it.
    let run = chronolint::check_paths(&["corpus"], &chronolint::Options::for_tests()).expect("runs");
    insta::assert_snapshot!(chronolint::report::human::plain(&run));
}

/// The JSON document of DESIGN.md's contract, field by field, built by hand.
fn json_contract(run: &chronolint::Run) -> Value {
    use chronolint::diagnostic::Severity;
    let loc = chronolint::report::Locator::new(run);
    let diagnostics: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<Value> = d
                .related
                .iter()
                .map(|r| serde_json::json!({"file": r.file, "span": loc.position(&r.file, r.span), "label": r.message}))
                .collect();
            serde_json::json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": d.primary.file,
                "span": loc.position(&d.primary.file, d.primary.span),
                "label": d.primary.message,
                "related": related,
                "event": d.event,
                "help": d.help,
                "notes": d.notes,
                "fingerprint": d.fingerprint,
            })
        })
        .collect();
    serde_json::json!({
        "version": 1,
        "diagnostics": diagnostics,
        "summary": {
            "files": run.files,
            "claims": run.claims,
            "error": run.count(Severity::Error),
            "warning": run.count(Severity::Warning),
            "info": run.count(Severity::Info),
        }
    })
}

#[test]
fn the_json_and_sarif_reports_are_their_values_pretty_printed() {
    // `render` writes the findings one at a time. The JSON must be the contract's fields
    // built by hand, and SARIF its `to_value` tree, byte for byte, with and without the
    // texts kept.
    for quoted in [chronolint::engine::Quoted::Text, chronolint::engine::Quoted::Positions] {
        let options = chronolint::Options { quoted, ..chronolint::Options::for_tests() };
        let run = chronolint::check_paths(&["corpus"], &options).expect("runs");
        assert!(run.diagnostics.iter().any(|d| !d.related.is_empty() && d.help.is_some()));
        assert!(run.diagnostics.iter().any(|d| d.event.is_none() || d.notes.is_empty()));
        let value = json_contract(&run);
        assert_eq!(chronolint::report::json::to_value(&run), value);
        let expected = format!("{}\n", serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(chronolint::report::json::render(&run), expected);
        // The same for SARIF, written a result at a time.
        let value = chronolint::report::sarif::to_value(&run);
        let expected = format!("{}\n", serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(chronolint::report::sarif::render(&run), expected);
    }
}
