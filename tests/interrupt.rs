//! An interrupted run leaves the previous output intact and no temporary file behind.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[cfg(unix)]
fn interrupt_while_writing(signal: &str) {
    let out_dir = tempfile::tempdir().unwrap();
    let report = out_dir.path().join("report.json");
    std::fs::write(&report, "previous report\n").unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("chronolint"))
        .args(["check", "--format", "json", "--output"])
        .arg(&report)
        .arg(crate::common::at("tests/fixtures/shard"))
        .env("CHRONOLINT_TEST_PAUSE_BEFORE_RENAME_MS", "20000")
        .spawn()
        .unwrap();
    // Wait until the new report sits in its temporary file, then interrupt.
    let start = Instant::now();
    while temporaries(out_dir.path()).is_empty() {
        assert!(start.elapsed() < Duration::from_secs(60), "no temporary file appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{signal}: {status:?}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "previous report\n", "{signal}");
    assert!(temporaries(out_dir.path()).is_empty(), "{signal}: {:?}", temporaries(out_dir.path()));
}

#[cfg(unix)]
#[test]
fn sigint_while_writing_keeps_the_previous_file() {
    interrupt_while_writing("INT");
}

#[cfg(unix)]
#[test]
fn sigterm_while_writing_keeps_the_previous_file() {
    interrupt_while_writing("TERM");
}
