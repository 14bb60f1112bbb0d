//! `chronolint audit`: a batch of new documents against a fixture corpus, expectations
//! written by hand from the fixture text (tests/fixtures/audit/).

use assert_cmd::Command;
use std::collections::BTreeSet;

const CORPUS: &str = "tests/fixtures/audit/corpus";
const NEW: &str = "tests/fixtures/audit/new";

fn chronolint() -> Command {
    let mut cmd = Command::cargo_bin("chronolint").unwrap();
    cmd.current_dir(crate::common::root());
    cmd
}

fn audit_json(extra: &[&str]) -> (Option<i32>, serde_json::Value) {
    let out = chronolint()
        .args(["audit", NEW, "--against", CORPUS, "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).expect("valid JSON");
    (out.status.code(), v)
}

/// (file name, event, value, verdict) of every audited claim.
fn verdicts(v: &serde_json::Value) -> BTreeSet<(String, String, String, String)> {
    let mut out = BTreeSet::new();
    for d in v["documents"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
        for c in d["claims"].as_array().unwrap() {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            out.insert((file.clone(), s("event"), s("value"), s("verdict")));
        }
    }
    out
}

#[test]
fn audit_classifies_each_claim_of_the_new_documents() {
    let (code, v) = audit_json(&[]);
    let t = |f: &str, e: &str, y: &str, verdict: &str| (f.into(), e.into(), y.into(), verdict.into());
    let expected: BTreeSet<(String, String, String, String)> = [
        // Agrees with the reference (1895) and with corpus/history.txt.
        t("agrees.txt", "triple-intervention", "1895", "agrees"),
        // No reference: both corpus passages say 1901.
        t("agrees.txt", "boxer-protocol", "1901", "agrees"),
        // The reference says 1895.
        t("conflicts.txt", "triple-intervention", "1894", "conflicts"),
        // No reference, but the corpus says 1901 twice.
        t("conflicts.txt", "boxer-protocol", "1900", "conflicts"),
        t("conflicts.txt", "treaty-of-portsmouth", "1905", "agrees"),
        // The rules know the event but give no date, and the corpus never mentions it.
        t("fresh.txt", "dogger-bank-incident", "1904", "new"),
    ]
    .into_iter()
    .collect();
    assert_eq!(verdicts(&v), expected);
    assert_eq!(code, Some(1), "a conflict fails the audit");
    assert_eq!(v["version"], 1);
    assert_eq!(v["corpus"]["files"], 2);
    assert_eq!(v["counts"]["agrees"], 3);
    assert_eq!(v["counts"]["conflicts"], 2);
    assert_eq!(v["counts"]["new"], 1);
    assert_eq!(v["counts"]["unsupported"], 0);
}

#[test]
fn a_conflict_quotes_the_reference_and_the_corpus_passage() {
    let (_, v) = audit_json(&[]);
    let doc = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("conflicts.txt"));
    let claims = doc.unwrap()["claims"].as_array().unwrap().clone();
    let ti = claims.iter().find(|c| c["event"] == "triple-intervention").unwrap();
    assert_eq!(ti["text"], "The Triple Intervention of 1894 humiliated Japan.");
    assert_eq!(ti["span"]["line"], 1);
    let against = ti["against"].as_array().unwrap();
    assert!(against.iter().any(|e| e["kind"] == "reference" && e["value"] == "1895-04-23"), "{against:?}");
    let passage = against.iter().find(|e| e["kind"] == "passage").expect("a corpus passage");
    assert!(passage["file"].as_str().unwrap().ends_with("corpus/history.txt"));
    assert_eq!(
        passage["text"],
        "The Triple Intervention of 1895 forced Japan to return the Liaodong Peninsula."
    );
    assert_eq!(passage["span"]["line"], 1);

    let bp = claims.iter().find(|c| c["event"] == "boxer-protocol").unwrap();
    let files: Vec<&str> =
        bp["against"].as_array().unwrap().iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(files.len(), 2, "both corpus passages dating it 1901: {files:?}");
    assert!(files[1].ends_with("notes.txt") && files[0].ends_with("history.txt"), "{files:?}");
}

#[test]
fn audit_passes_when_nothing_conflicts() {
    chronolint()
        .args(["audit", "tests/fixtures/audit/new/agrees.txt", "tests/fixtures/audit/new/fresh.txt"])
        .args(["--against", CORPUS])
        .assert()
        .code(0);
}

#[test]
fn audit_rejects_bad_arguments_with_status_2() {
    chronolint().args(["audit", NEW]).assert().code(2);
    chronolint().args(["audit", NEW, "--against", "tests/fixtures/audit/no-such-corpus"]).assert().code(2);
    chronolint().args(["audit", NEW, "--against", CORPUS, "--format", "yaml"]).assert().code(2);
}

#[test]
fn audit_output_is_the_same_with_one_thread_or_eight() {
    let run = |threads: &str| {
        chronolint()
            .env("RAYON_NUM_THREADS", threads)
            .args(["audit", NEW, "--against", CORPUS])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("8"));
}

#[test]
fn audit_html_has_a_timeline_per_event_with_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("audit.html");
    chronolint().args(["audit", NEW, "--against", CORPUS, "--html"]).arg(&page).assert().code(1);
    let html = std::fs::read_to_string(&page).unwrap();
    // The Boxer Protocol and the Triple Intervention have conflicts; Portsmouth and
    // Dogger Bank do not.
    assert_eq!(html.matches("<svg class=\"timeline\"").count(), 2);
    assert!(
        html.contains("data-event=\"boxer-protocol\"") && html.contains("data-event=\"triple-intervention\"")
    );
    assert!(!html.contains("data-event=\"treaty-of-portsmouth\""));
    // Self-contained: nothing to fetch.
    for needle in ["<link", " src=", "@import", "url(", "https://"] {
        assert!(!html.contains(needle), "the page must not fetch anything ({needle})");
    }
    // Only the page itself is left in the folder: the temporary file was renamed.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn audit_text_report() {
    let out = chronolint().args(["audit", NEW, "--against", CORPUS]).output().unwrap();
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn an_unreadable_new_document_is_reported_and_the_audit_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.txt"), b"The Boxer Protocol of 1900 \xff\xfe").unwrap();
    std::fs::write(dir.path().join("fine.txt"), "The Boxer Protocol of 1901 was harsh.\n").unwrap();
    let out = chronolint()
        .args(["audit"])
        .arg(dir.path())
        .args(["--against", CORPUS, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the unreadable 1900 is not a conflict");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert!(docs[0]["error"].as_str().unwrap().contains("UTF-8"), "{}", docs[0]);
    assert_eq!(docs[1]["claims"][0]["verdict"], "agrees");
}

#[test]
fn new_claims_are_compared_as_the_corpus_claims_are() {
    // Against the shipped corpus and rules. "Port Arthur surrendered" names the surrender
    // of Port Arthur, which the rules make the end of the siege (`same-as`), and the
    // siege itself: one claim, the end of the siege, against the reference's 2 January.
    // A year inside the Boxer Rebellion, which the rules date as a span, falls inside it.
    let (code, v) = audit_compared();
    assert_eq!(code, Some(1), "a conflict fails the audit");
    let doc = document(&v, "surrender.txt");
    let claims: Vec<(&str, &str, &str, &str)> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap();
            (s("event"), s("role"), s("value"), s("verdict"))
        })
        .collect();
    assert_eq!(
        claims,
        [
            ("siege-of-port-arthur", "end", "1905-01-03", "conflicts"),
            ("boxer-rebellion", "span", "1900", "agrees"),
        ]
    );
    // The counts are those of the claims listed.
    assert_eq!(doc["counts"]["conflicts"], 1);
    assert_eq!(doc["counts"]["agrees"], 1);
    assert_eq!(doc["counts"]["new"], 0);
}

/// tests/fixtures/audit/compared audited against the shipped corpus and rules, as JSON.
fn audit_compared() -> (Option<i32>, serde_json::Value) {
    let out = chronolint()
        .args(["audit", "tests/fixtures/audit/compared", "--against", "corpus", "--format", "json"])
        .output()
        .unwrap();
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("valid JSON"))
}

/// The audit of the new document whose path ends in `name`.
fn document<'v>(v: &'v serde_json::Value, name: &str) -> &'v serde_json::Value {
    v["documents"].as_array().unwrap().iter().find(|d| d["file"].as_str().unwrap().ends_with(name)).unwrap()
}

/// (verdict, reason) of the audited claim about `event` in one document's audit.
fn verdict_of(doc: &serde_json::Value, event: &str) -> (String, String) {
    let claims = doc["claims"].as_array().unwrap();
    let c = claims.iter().find(|c| c["event"] == event).unwrap_or_else(|| panic!("{event}: {doc}"));
    (c["verdict"].as_str().unwrap().to_string(), c["reason"].as_str().unwrap().to_string())
}

#[test]
fn a_time_without_a_year_is_skipped_and_new_says_what_the_rules_do_date() {
    // "On March 1st" with no year before it cannot be set against a date; "the March
    // First Movement, 1919" is a point the rules do not give (they date its start), which
    // the corpus does not date either: new, and the reason says what the rules give.
    let (_, v) = audit_compared();
    let doc = document(&v, "korea.txt");
    assert_eq!(doc["counts"]["skipped"], 1, "{doc}");
    assert_eq!(doc["counts"]["new"], 1, "{doc}");
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{doc}");
    assert_eq!(claims[0]["value"], "1919");
    let reason = claims[0]["reason"].as_str().unwrap();
    assert!(
        reason.starts_with(
            "the rules give no single date for the March First Movement, only its start 1 March 1919"
        ),
        "{reason}"
    );
}

#[test]
fn a_time_before_an_event_began_conflicts_though_the_rules_give_no_date_of_its_role() {
    // The rules date the Hibiya riots and the March First Movement only by their starts (5
    // September 1905, 1 March 1919). "The Hibiya riots of 1904" is before the riots
    // began: a conflict with the reference. "The March First Movement of 1920" may be
    // true: new.
    let (_, v) = audit_compared();
    let doc = document(&v, "before-it-began.txt");
    let verdict = |event: &str| verdict_of(doc, event);
    let (riots, why) = verdict("hibiya-riots");
    assert_eq!(riots, "conflicts");
    assert!(
        why.starts_with(
            "this date is before the start of the Hibiya riots, which the reference timeline dates 5 September 1905"
        ),
        "{why}"
    );
    assert_eq!(verdict("march-first-movement").0, "new");
}

#[test]
fn a_point_between_the_start_and_end_the_rules_give_agrees_with_them() {
    // The rules date the Twenty-One Demands by a start (18 January 1915) and an end
    // (25 May 1915), with no single date: "the Twenty-One Demands of 1915" falls in that
    // course and agrees, with both ends as its support. A point after the end conflicts;
    // one inside an end the sources dispute (the Trans-Siberian's 1904 or 1916) stays new.
    let (_, v) = audit_compared();
    let doc = document(&v, "course.txt");
    let of = |event: &str| verdict_of(doc, event);
    let (demands, why) = of("twenty-one-demands");
    assert_eq!(demands, "agrees", "{why}");
    assert_eq!(
        why,
        "the reference timeline dates the start of the Twenty-One Demands 18 January 1915 and its end \
         25 May 1915 (source: Encyclopaedia Britannica, 'Twenty-One Demands'); this date falls in that course"
    );
    let claim =
        doc["claims"].as_array().unwrap().iter().find(|c| c["event"] == "twenty-one-demands").unwrap();
    let support: Vec<&str> =
        claim["supported_by"].as_array().unwrap().iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(support, ["1915-01-18", "1915-05-25"], "{claim}");
    let (revolution, why) = of("february-revolution");
    assert_eq!(revolution, "conflicts", "{why}");
    assert!(why.starts_with("this date is after the end of the February Revolution"), "{why}");
    let (railway, why) = of("trans-siberian-railway");
    assert_eq!(railway, "new", "{why}");
}

#[test]
fn a_start_compared_with_the_start_of_a_span_says_the_rules_give_the_span() {
    // The rules date the Taiping Rebellion 1850–1864 and the Gabo Reform July 1894 –
    // February 1896, neither with a start of its own. A start is set against the span's
    // start, and the reason quotes the span the rules give, not a start they do not.
    let (_, v) = audit_compared();
    let doc = document(&v, "span-ends.txt");
    let of = |event: &str| verdict_of(doc, event);
    assert!(doc["claims"].as_array().unwrap().iter().all(|c| c["role"] == "start"), "{doc}");
    let (taiping, why) = of("taiping-rebellion");
    assert_eq!(taiping, "agrees");
    assert!(
        why.starts_with("the reference timeline dates the Taiping Rebellion 1850–1864 (source: "),
        "{why}"
    );
    assert!(why.ends_with("): its start is 1850"), "{why}");
    let (gabo, why) = of("gabo-reform");
    assert_eq!(gabo, "conflicts");
    assert!(
        why.starts_with("the reference timeline dates the Gabo Reform July 1894 – February 1896 (source: "),
        "{why}"
    );
    assert!(why.ends_with("): its start is July 1894"), "{why}");
}
