//! The shipped corpus, end to end through the binary.

use assert_cmd::Command;

#[test]
fn check_corpus_runs_and_prints_json() {
    let out = Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["check", "corpus", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files"], 5);
}
