//! The corpus: which files (discover, with walkdir), their text (load, strict UTF-8) and
//! their source metadata (from the config, by glob). Leaves reading the text to `text/`.

use crate::time::{Calendar, TimeValue};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A document's position in the sorted list of the run's documents.
pub type DocId = usize;

/// What kind of source a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Genre {
    Encyclopedia,
    Forum,
    Blog,
    TodayInHistory,
    Book,
    News,
    Reference,
    #[default]
    Other,
}

impl Genre {
    /// Whether the source tells a story of past years (a book, an encyclopedia, a
    /// reference work) rather than speaking from its own date (news, a blog, a forum, a
    /// day page): partial dates resolve differently (`TagContext::narrative`).
    pub fn is_narrative(self) -> bool {
        matches!(self, Genre::Book | Genre::Encyclopedia | Genre::Reference)
    }
}

/// How far a source is trusted on its own.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Trust {
    Low,
    #[default]
    Medium,
    High,
}

/// A document's source metadata, from `chronolint.toml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceMeta {
    pub genre: Genre,
    pub trust: Trust,
    /// Publication date, when known.
    pub published: Option<TimeValue>,
    /// A day header with no year ("Feb 6"): (month, day).
    pub day_anchor: Option<(u8, u8)>,
    /// The calendar the source writes in.
    pub calendar: Calendar,
}

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    /// The path as reached from the paths given on the command line.
    pub path: String,
    pub text: String,
    pub meta: SourceMeta,
}

/// Why a file could not be read as a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("could not read the file: {0}")]
    Io(String),
    #[error("this is a folder, not a file")]
    IsFolder,
    #[error("the file is empty")]
    Empty,
    #[error("the file is not valid UTF-8: byte {offset} (line {line}) starts an invalid sequence{hint}")]
    NotUtf8 { offset: usize, line: usize, hint: &'static str },
    #[error("the file is UTF-16 ({endian}, by its byte-order mark); chronolint reads UTF-8")]
    Utf16 { endian: &'static str },
    #[error("the file looks binary: a NUL byte at offset {offset}")]
    Binary { offset: usize },
}

mod entities;
pub use entities::unescape as unescape_entities;

/// Reads one file as UTF-8 text.
pub fn load(path: &Path) -> Result<String, LoadError> {
    decode(read(path)?)
}

/// Reads one file's bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, LoadError> {
    // Whether it is a folder is asked only when the read fails: a `stat` of every file
    // beforehand cost about 1% of a run over a corpus of book-length files.
    std::fs::read(path).map_err(|e| {
        if path.is_dir() {
            LoadError::IsFolder
        } else {
            LoadError::Io(e.to_string())
        }
    })
}

/// Decodes file bytes as a document's text. The text is kept byte for byte (a UTF-8
/// byte-order mark included), so spans stay offsets into the file as stored, but for a
/// lone "\r", which becomes "\n" (`mend_line_ends`).
pub fn decode(mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => return Err(LoadError::Utf16 { endian: "little-endian" }),
        Some([0xFE, 0xFF]) => return Err(LoadError::Utf16 { endian: "big-endian" }),
        _ => {}
    }
    if let Some(offset) = mend_line_ends(&mut bytes) {
        return Err(LoadError::Binary { offset });
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes.get(..offset).map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
        // Bytes 0x80-0x9F are C1 controls in Latin-1 but letters and quotes in Windows-1252;
        // either way the file is in a single-byte legacy encoding, not UTF-8.
        let legacy = bytes.iter().any(|&b| (0x80..=0xFF).contains(&b));
        let hint = if legacy { " (it looks like Latin-1 or Windows-1252: re-save it as UTF-8)" } else { "" };
        LoadError::NotUtf8 { offset, line, hint }
    })
}

/// Makes each lone "\r" of `bytes` (the line end of old Mac files) a "\n", and returns
/// the offset of the first NUL byte, if there is one (`decode` calls such a file binary):
/// one pass for both. The segmenter and the line numbers of findings take a lone "\r"
/// for a line end, but the searches for headings, tables, quotations and labels look
/// for "\n"; with this, every reader of a text meets only "\n" and "\r\n", at the
/// offsets of the file as stored (one ASCII byte for another, so UTF-8 stays UTF-8), and
/// a file of lone "\r"s reads as its twin with "\n"s does.
pub fn mend_line_ends(bytes: &mut [u8]) -> Option<usize> {
    let mut nul = None;
    let mut from = 0;
    // NUL bytes are looked for only until the first: a binary file may hold millions.
    let next = |rest: &[u8], nul: Option<usize>| match nul {
        None => memchr::memchr2(0, b'\r', rest),
        Some(_) => memchr::memchr(b'\r', rest),
    };
    while let Some(i) = bytes.get(from..).and_then(|rest| next(rest, nul)).map(|p| from + p) {
        if bytes.get(i) == Some(&0) {
            nul = Some(i);
        } else if bytes.get(i + 1) != Some(&b'\n') {
            if let Some(b) = bytes.get_mut(i) {
                *b = b'\n';
            }
        }
        from = i + 1;
    }
    nul
}

/// Blanks `regions` of `text` (byte ranges, in any order, overlapping or not): every byte
/// becomes an ASCII space but `\n` and `\r`, so offsets, lines and columns stay, and so
/// does UTF-8 (a multi-byte character becomes as many spaces as it had bytes). A region
/// that does not start and end on character boundaries is left as it is.
pub fn blank(text: &mut String, mut regions: Vec<std::ops::Range<usize>>) {
    regions.sort_by_key(|r| r.start);
    let mut done = 0; // blanked up to here (an end of a region: a character boundary)
    for r in regions {
        let r = r.start.max(done)..r.end;
        let Some(part) = text.get(r.clone()).filter(|p| !p.is_empty()) else { continue };
        let spaces: String =
            part.bytes().map(|b| if b == b'\n' || b == b'\r' { b as char } else { ' ' }).collect();
        text.replace_range(r.clone(), &spaces);
        done = r.end;
    }
}

/// What discovery found: documents, and places it could not look into.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Document files, sorted, each once.
    pub files: Vec<PathBuf>,
    /// Paths that could not be walked, with why (permission denied, a symlink loop).
    pub problems: Vec<(PathBuf, String)>,
}

/// The files under `paths` with a document extension (`.txt`, `.md`), sorted, each once.
/// A file named directly is taken whatever its extension. Symbolic links are followed;
/// loops are reported, not followed forever.
pub fn discover(paths: &[PathBuf]) -> Discovered {
    discover_with(paths, Found::Documents)
}

/// Which files of a folder `discover_with` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Those with a document extension: `.txt` and `.md`.
    Documents,
    /// Every file: the caller chooses (a configuration's `include` globs name the
    /// documents, whatever their extension).
    Every,
}

/// `discover`, taking the files of folders that `found` says.
pub fn discover_with(paths: &[PathBuf], found_files: Found) -> Discovered {
    let mut found = Discovered::default();
    // Folders already walked, by their real path: one reached again through a symbolic
    // link (two links to one folder, nested twenty deep, make a million paths to it) is
    // walked once.
    let mut walked = std::collections::HashSet::new();
    // Whether a symbolic link was followed: only then can two paths name one file.
    let mut linked = false;
    for root in paths {
        if root.is_file() {
            found.files.push(root.clone());
            continue;
        }
        // In order of file name, compared as whole paths: the entries of one folder share
        // its path up to their names, so the order is the same, and a comparison is one
        // `memcmp`, where `sort_by_file_name` parses each path for its last component
        // (about 10 ms of one thread for a corpus of 20,000 files, before any is read).
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
            .into_iter();
        for entry in walker.filter_entry(|e| {
            linked |= e.path_is_symlink();
            !e.file_type().is_dir() || walked.insert(identity(e.path()))
        }) {
            match entry {
                Ok(e)
                    if e.file_type().is_file() && (found_files == Found::Every || is_document(e.path())) =>
                {
                    found.files.push(e.into_path())
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let why = if e.loop_ancestor().is_some() {
                        "a symbolic link loop: this folder links back to one of its ancestors".to_string()
                    } else {
                        e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
                    };
                    found.problems.push((path, why));
                }
            }
        }
    }
    found.files.sort();
    found.files.dedup();
    // A file reached by two paths (a link to it, or to its folder) is one document: the
    // first path in order names it.
    if linked || paths.len() > 1 {
        let mut real = std::collections::HashSet::new();
        found.files.retain(|f| real.insert(identity(f)));
    }
    found
}

/// What a file or folder is, whatever path reaches it: its device and inode where there
/// are such (one `stat`; resolving the real path of a folder nested a thousand deep took
/// a thousand), else its real path.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Identity {
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return Identity::Inode(m.dev(), m.ino());
        }
    }
    Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn is_document(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_carriage_returns_become_newlines_and_the_first_nul_is_found() {
        let mended = |text: &[u8]| {
            let mut bytes = text.to_vec();
            let nul = mend_line_ends(&mut bytes);
            (bytes, nul)
        };
        assert_eq!(mended(b"a\rb\r\nc\r"), (b"a\nb\r\nc\n".to_vec(), None));
        assert_eq!(mended(b"\r\r\n\n\r"), (b"\n\r\n\n\n".to_vec(), None));
        // The first NUL, with carriage returns mended on both sides of it and of later NULs.
        assert_eq!(mended(b"a\rb\0c\r\0\rd"), (b"a\nb\0c\n\0\nd".to_vec(), Some(3)));
        assert_eq!(mended(b""), (Vec::new(), None));
        // Bytes beyond ASCII are left whole: a text stays UTF-8.
        let (bytes, _) = mended("é\r日本\r".as_bytes());
        assert_eq!(String::from_utf8(bytes).as_deref(), Ok("é\n日本\n"));
        assert_eq!(
            decode(b"In 1895\rthe powers\r\nintervened.".to_vec()).as_deref(),
            Ok("In 1895\nthe powers\r\nintervened.")
        );
        assert!(matches!(decode(b"\r\r\0".to_vec()), Err(LoadError::Binary { offset: 2 })));
    }

    #[test]
    fn decode_table() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "empty"),
            (b"\xFF\xFEa\x00b\x00", "UTF-16"),
            (b"\xFE\xFF\x00a", "UTF-16"),
            (b"abc\x00def", "NUL byte at offset 3"),
            (b"caf\xe9 in 1895", "Latin-1 or Windows-1252"),
            (b"line one\n\x93quoted\x94", "(line 2)"),
        ];
        for (bytes, want) in cases {
            let err = decode(bytes.to_vec()).expect_err("must fail");
            assert!(err.to_string().contains(want), "{bytes:?}: {err}");
        }
        assert_eq!(decode(b"\xEF\xBB\xBFIn 1895".to_vec()).as_deref(), Ok("\u{feff}In 1895"));
    }

    #[test]
    fn blank_keeps_offsets_line_breaks_and_utf8() {
        #[allow(clippy::single_range_in_vec_init)] // a list of one region, not of 8..16 offsets
        let cases: &[(&str, &[std::ops::Range<usize>], &str)] = &[
            ("in 1894 {{cite}} in 1895", &[8..16], "in 1894          in 1895"),
            // Line breaks stay, CRLF included: lines and columns after the region are kept.
            ("a <!--\r\nx\n-->b", &[2..13], "a     \r\n \n   b"),
            // A character of two, three and four bytes becomes as many spaces.
            ("é—𝔄 1895", &[0..9], "          1895"),
            // Overlapping, out of order, nested, and empty regions.
            ("abcdefgh", &[4..7, 1..5, 2..3, 6..6], "a      h"),
            // A region that splits a character is left alone; the others are blanked.
            ("é1895 x", &[1..3, 7..8], "é1895  "),
            ("no regions", &[], "no regions"),
        ];
        for (text, regions, want) in cases {
            let mut got = text.to_string();
            blank(&mut got, regions.to_vec());
            assert_eq!(got, *want, "{text:?} {regions:?}");
            assert_eq!(got.len(), text.len(), "{text:?}: same length in bytes");
        }
    }
}
