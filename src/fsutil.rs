//! Atomic file writes: the bytes go to a temporary file in the same folder, are synced to
//! disk, then renamed over the target, so a reader (or a crash) never sees half a file.
//! Used for `--output`, baselines, the GitHub step summary, caches and shards. Knows
//! nothing of formats.
//!
//! Temporary files in flight are registered, so an interrupted run (SIGINT, SIGTERM) can
//! remove them before it exits: the previous file stays intact and nothing stray is left.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Temporary files being written now.
static IN_FLIGHT: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes every temporary file being written; for the interrupt handler, before exit.
pub fn remove_in_flight() {
    if let Ok(mut list) = IN_FLIGHT.lock() {
        for tmp in list.drain(..) {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Installs the SIGINT/SIGTERM handler: remove temporary files, exit 130. Once per process.
pub fn remove_temporaries_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        remove_in_flight();
        std::process::exit(130);
    });
}

fn track(tmp: &Path) {
    if let Ok(mut list) = IN_FLIGHT.lock() {
        list.push(tmp.to_path_buf());
    }
}

fn untrack(tmp: &Path) {
    if let Ok(mut list) = IN_FLIGHT.lock() {
        list.retain(|p| p != tmp);
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, `fsync`, `rename`.
/// On any error the temporary file is removed and the target is left as it was.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, format!("not a file path: {}", path.display()))
    })?;
    let (file, tmp) = create_temp(&dir, &name.to_string_lossy())?;
    track(&tmp);
    let written = write_and_sync(file, bytes).and_then(|()| {
        if let Ok(meta) = fs::metadata(path) {
            // Keep the target's permissions (a summary file made by the runner, say).
            let _ = fs::set_permissions(&tmp, meta.permissions());
        }
        pause_for_tests();
        fs::rename(&tmp, path)
    });
    untrack(&tmp);
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
        return written;
    }
    // Make the rename itself durable; not every platform can open a folder, so best effort.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Appends `bytes` to `path` (created if missing) by rewriting it atomically.
pub fn append_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut all = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    all.extend_from_slice(bytes);
    write_atomic(path, &all)
}

/// A failpoint for the interruption tests: `CHRONOLINT_TEST_PAUSE_BEFORE_RENAME_MS` holds
/// the written temporary file that long before the rename, so a signal can land there.
fn pause_for_tests() {
    if let Some(ms) =
        std::env::var("CHRONOLINT_TEST_PAUSE_BEFORE_RENAME_MS").ok().and_then(|v| v.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(fs::File, PathBuf)> {
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1_000_000 => continue,
            Err(e) => return Err(e),
        }
    }
}

fn write_and_sync(mut file: fs::File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.sarif");
        fs::write(&f, "old").unwrap();
        write_atomic(&f, b"new").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(names(dir.path()), vec!["out.sarif"]);
    }

    #[test]
    fn append_keeps_what_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("summary.md");
        append_atomic(&f, b"one\n").unwrap();
        append_atomic(&f, b"two\n").unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "one\ntwo\n");
        assert_eq!(names(dir.path()), vec!["summary.md"]);
    }

    #[test]
    fn a_failed_write_leaves_the_target_alone() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails, the folder and nothing else remain.
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("x"), "x").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(names(dir.path()), vec!["taken"]);
    }
}
