//! Stable fingerprints for findings: what baselines and SARIF `partialFingerprints` key on.
//!
//! A fingerprint hashes what a finding is about, not where it sits: its code, its event,
//! the primary label's file (relative to the config file's folder, `/`-separated, so
//! `check corpus` and `check ./corpus/` agree) and the words under that label,
//! whitespace-folded. Related labels are left out on purpose: which passage a conflict is
//! shown against may change when another document is added or edited (a check picks the
//! best attested date), and the finding on this passage is still the same finding.
//! Text inserted above a finding, or edits in other files, leave it unchanged. Only
//! findings with the same hash are told apart, by their order in their own file: an
//! unrelated finding appearing elsewhere cannot shift that counter.

use crate::diagnostic::{Diagnostic, Label};
use std::collections::BTreeMap;
use std::path::Path;

/// The words of a passage, whitespace-folded: what a fingerprint hashes of it.
pub fn folded_words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets `fingerprint` on every diagnostic. `diagnostics` must be in report order (file,
/// start, code); `words` gives the folded words under a primary label (`folded_words`);
/// `name` the name of a file relative to the root (`Names`).
pub fn assign(
    diagnostics: &mut [Diagnostic],
    words: &dyn Fn(&Label) -> String,
    name: &dyn Fn(&str) -> String,
) {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeMap<u64, u32> = BTreeMap::new();
    for d in diagnostics.iter_mut() {
        let base =
            base(d, words, &mut |f: &str| names.entry(f.to_string()).or_insert_with(|| name(f)).clone());
        let n = seen.entry(base).or_default();
        d.fingerprint = format!("{:016x}", fnv1a(&[&base.to_le_bytes()[..], &n.to_le_bytes()[..]]));
        *n += 1;
    }
}

/// The hash of what a finding is about (without the occurrence counter).
fn base(d: &Diagnostic, words: &dyn Fn(&Label) -> String, name: &mut dyn FnMut(&str) -> String) -> u64 {
    let parts: Vec<String> = vec![
        d.code.to_string(),
        d.event.clone().unwrap_or_default(),
        name(&d.primary.file),
        words(&d.primary),
    ];
    let bytes: Vec<&[u8]> = parts.iter().map(|s| s.as_bytes()).collect();
    fnv1a(&bytes)
}

/// File names relative to a root, as fingerprints hash them (`Names::of`), the root's
/// real path worked out once: a run with findings in a thousand files asks for a thousand
/// names (in parallel, as it reads those files again).
#[derive(Debug, Clone)]
pub struct Names {
    root: Option<std::path::PathBuf>,
}

impl Names {
    /// Names relative to `root` (its real path, where it has one).
    pub fn new(root: &Path) -> Names {
        Names { root: real_path(root) }
    }

    /// `file` relative to the root, `/`-separated; the path as given when it is not under
    /// it.
    pub fn of(&self, file: &str) -> String {
        let rel = match (real_path(Path::new(file)), self.root.as_deref()) {
            (Some(f), Some(b)) => f.strip_prefix(b).map(Path::to_path_buf).ok(),
            _ => None,
        };
        let shown = match &rel {
            Some(r) => r.to_string_lossy().into_owned(),
            None => file.to_string(),
        };
        let shown = shown.replace('\\', "/");
        shown.strip_prefix("./").map(str::to_string).unwrap_or(shown)
    }
}

/// The real path of `path` (links resolved), or its absolute path where it has none.
fn real_path(path: &Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).ok()
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions of std.
pub fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn finding(file: &str, start: usize, end: usize) -> Diagnostic {
        Diagnostic::new("date-conflict", Label::new(file, Span::new(start, end), "dated 1894 here"), "m")
            .event("triple-intervention")
    }

    fn prints(diags: &mut [Diagnostic], sources: &BTreeMap<String, String>) -> Vec<String> {
        diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let words = |l: &Label| folded_words(sources.get(&l.file).map_or("", |t| l.span.slice(t)));
        let names = Names::new(Path::new("/nonexistent-root"));
        assign(diags, &words, &|f| names.of(f));
        diags.iter().map(|d| d.fingerprint.clone()).collect()
    }

    #[test]
    fn text_inserted_above_keeps_the_fingerprint() {
        let before = "In 1894 the Triple Intervention came.\n";
        let after = "A new opening paragraph.\n\nIn 1894 the Triple Intervention came.\n";
        let s1 = BTreeMap::from([("a.txt".to_string(), before.to_string())]);
        let s2 = BTreeMap::from([("a.txt".to_string(), after.to_string())]);
        let at = after.find("In 1894").unwrap();
        let f1 = prints(&mut [finding("a.txt", 3, 31)], &s1);
        let f2 = prints(&mut [finding("a.txt", at + 3, at + 31)], &s2);
        assert_eq!(f1, f2);
    }

    #[test]
    fn an_unrelated_finding_does_not_shift_the_counter() {
        // Two identical passages in b.txt: told apart by the counter, which only counts
        // findings with the same hash.
        let b = "1894 the Triple Intervention. 1894 the Triple Intervention.";
        let a = "Something else: 1895 the Triple Intervention.";
        let sources =
            BTreeMap::from([("a.txt".to_string(), a.to_string()), ("b.txt".to_string(), b.to_string())]);
        let alone = prints(&mut [finding("b.txt", 0, 28), finding("b.txt", 30, 58)], &sources);
        assert_ne!(alone[0], alone[1]);
        let with_other = prints(
            &mut [finding("a.txt", 16, 44), finding("b.txt", 0, 28), finding("b.txt", 30, 58)],
            &sources,
        );
        assert_eq!(&with_other[1..], &alone[..]);
        // Another finding in b.txt itself, above both, with other words: no shift either.
        let b2 = format!("1893 the Triple Intervention. {b}");
        let s2 = BTreeMap::from([("b.txt".to_string(), b2)]);
        let shifted =
            prints(&mut [finding("b.txt", 0, 28), finding("b.txt", 30, 58), finding("b.txt", 60, 88)], &s2);
        assert_eq!(&shifted[1..], &alone[..]);
    }

    #[test]
    fn the_passage_shown_against_does_not_change_the_fingerprint() {
        let sources = BTreeMap::from([
            ("a.txt".to_string(), "In 1894 the Triple Intervention.".to_string()),
            ("b.txt".to_string(), "In 1895 the Triple Intervention.".to_string()),
            ("c.txt".to_string(), "The Triple Intervention, 1895.".to_string()),
        ]);
        let against = |file: &str| {
            finding("a.txt", 3, 31).related(Label::new(file, Span::new(0, 20), "dated 1895 here"))
        };
        assert_eq!(prints(&mut [against("b.txt")], &sources), prints(&mut [against("c.txt")], &sources));
        // Another code or another passage is another finding.
        let other = Diagnostic::new("reference-mismatch", Label::new("a.txt", Span::new(3, 31), "x"), "m")
            .event("triple-intervention");
        assert_ne!(prints(&mut [other], &sources), prints(&mut [against("b.txt")], &sources));
        assert_ne!(
            prints(&mut [finding("a.txt", 0, 31)], &sources),
            prints(&mut [finding("a.txt", 3, 31)], &sources)
        );
    }

    #[test]
    fn names_are_relative_to_the_root_and_slash_separated() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("blog")).unwrap();
        std::fs::write(dir.path().join("blog/a.txt"), "x").unwrap();
        let via_dot = format!("{}/./blog/a.txt", dir.path().display());
        let names = Names::new(dir.path());
        assert_eq!(names.of(&via_dot), "blog/a.txt");
        assert_eq!(names.of("./elsewhere/b.txt"), "elsewhere/b.txt");
    }
}
