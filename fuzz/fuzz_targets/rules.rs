//! Fuzzes the rule loader: any bytes as a rule file must give a rule book or errors, never a
//! panic, and every error span must lie inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile_dir() else { return };
    let file = dir.join("events.toml");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    if let Err(errors) = chronolint::rules::load_dir(&dir) {
        for e in errors {
            if let Some(span) = e.span {
                assert!(span.start <= span.end && span.end <= data.len(), "{e:?}");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
});

/// A fresh folder per input, so files do not leak between runs.
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("chronolint-fuzz-rules-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
