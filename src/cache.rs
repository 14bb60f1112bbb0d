//! A cache of per-document results, keyed by what decides them: the document's bytes and
//! path, its source metadata and trust policy, the `ignore` patterns, the rules' hash, and
//! this build of the tool. One JSON record per document under the cache folder, written
//! atomically; an index maps each path to its size, modification time and key, so an
//! unchanged file is not even read. Deleting the folder is always safe.

use crate::engine::DocRecord;
use crate::rules::RuleBook;
use crate::wire::{WireRecord, FORMAT};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;
use xxhash_rust::xxh3::Xxh3;

/// The running executable's bytes, hashed once per run: between two releases of one
/// version, a build that reads text otherwise (a new date form, a narrower rule of
/// attachment) must not take what an older build cached for what it found. Unreadable,
/// it is 0 and the version alone keys the cache, as before.
static BUILD: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
    std::env::current_exe().and_then(std::fs::read).map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
});

/// What the index remembers of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    len: u64,
    mtime_ns: u128,
    /// Hash of everything but the bytes (metadata, rules, version).
    context: u64,
    key: u64,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    format: u32,
    files: BTreeMap<String, Seen>,
}

/// An open cache folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    index: Mutex<Index>,
    /// How many documents came from the cache, and how many were processed.
    pub hits: std::sync::atomic::AtomicUsize,
    pub misses: std::sync::atomic::AtomicUsize,
}

impl Cache {
    /// Opens (or starts) the cache in `dir`; an unreadable or foreign index starts afresh.
    pub fn open(dir: &Path) -> Cache {
        let index = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
            .filter(|i| i.format == FORMAT)
            .unwrap_or(Index { format: FORMAT, files: BTreeMap::new() });
        Cache { dir: dir.to_path_buf(), index: Mutex::new(index), hits: 0.into(), misses: 0.into() }
    }

    /// The hash of everything besides a file's bytes that decides its record (of the
    /// settings: the trust policy and the `ignore` patterns).
    pub fn context(
        path: &str,
        meta: &crate::corpus::SourceMeta,
        settings: &crate::config::Settings,
        rules: &RuleBook,
    ) -> u64 {
        let policy = &settings.policy;
        let mut h = Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&FORMAT.to_le_bytes());
        h.update(&BUILD.to_le_bytes());
        h.update(&rules.hash.to_le_bytes());
        h.update(path.as_bytes());
        h.update(format!("{meta:?}{policy:?}").as_bytes());
        // What is not read changes what is found; each pattern with its length, so that
        // ["ab", "c"] and ["a", "bc"] differ.
        for r in &settings.ignore {
            h.update(&r.as_str().len().to_le_bytes());
            h.update(r.as_str().as_bytes());
        }
        h.digest()
    }

    /// The record of `path` if its size, modification time and context are unchanged.
    pub fn by_stat(&self, path: &Path, shown: &str, context: u64, rules: &RuleBook) -> Option<DocRecord> {
        let (len, mtime_ns) = stat(path)?;
        let key = {
            let index = self.index.lock().ok()?;
            let seen = index.files.get(shown)?;
            (seen.len == len && seen.mtime_ns == mtime_ns && seen.context == context).then_some(seen.key)?
        };
        self.read(key, rules)
    }

    /// The record for these bytes, if one was stored.
    pub fn by_content(
        &self,
        path: &Path,
        shown: &str,
        bytes: &[u8],
        context: u64,
        rules: &RuleBook,
    ) -> (u64, Option<DocRecord>) {
        let key = key_of(bytes, context);
        let found = self.read(key, rules);
        if found.is_some() {
            self.remember(path, shown, context, key);
        }
        (key, found)
    }

    /// Stores a freshly made record under `key`.
    pub fn store(
        &self,
        path: &Path,
        shown: &str,
        context: u64,
        key: u64,
        record: &DocRecord,
        rules: &RuleBook,
    ) {
        let wire = WireRecord::from_record(record, rules);
        let target = self.record_path(key);
        // The cache folder and its fan-out folders are made on first use: `--cache-dir`
        // may name a folder that does not exist yet (or was deleted, which is safe).
        let folder = target.parent().map(std::fs::create_dir_all);
        if let (Ok(json), Some(Ok(()))) = (serde_json::to_vec(&wire), folder) {
            if crate::fsutil::write_atomic(&target, &json).is_ok() {
                self.remember(path, shown, context, key);
            }
        }
        self.misses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// Writes the index; call once at the end of a run.
    pub fn save(&self) -> std::io::Result<()> {
        let index = self.index.lock().map_err(|_| std::io::Error::other("cache index lock poisoned"))?;
        let json = serde_json::to_vec(&*index).map_err(std::io::Error::other)?;
        std::fs::create_dir_all(&self.dir)?;
        crate::fsutil::write_atomic(&self.dir.join("index.json"), &json)
    }

    fn read(&self, key: u64, rules: &RuleBook) -> Option<DocRecord> {
        let bytes = std::fs::read(self.record_path(key)).ok()?;
        let wire: WireRecord = serde_json::from_slice(&bytes).ok()?;
        let record = wire.into_record(rules).ok()?;
        self.hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(record)
    }

    fn remember(&self, path: &Path, shown: &str, context: u64, key: u64) {
        if let (Some((len, mtime_ns)), Ok(mut index)) = (stat(path), self.index.lock()) {
            index.files.insert(shown.to_string(), Seen { len, mtime_ns, context, key });
        }
    }

    fn record_path(&self, key: u64) -> PathBuf {
        self.dir.join(format!("{:02x}", key >> 56)).join(format!("{key:016x}.json"))
    }
}

/// The cache key of a file's bytes in a context.
pub fn key_of(bytes: &[u8], context: u64) -> u64 {
    let mut h = Xxh3::new();
    h.update(&context.to_le_bytes());
    h.update(bytes);
    h.digest()
}

fn stat(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    let mtime = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    Some((m.len(), mtime))
}
