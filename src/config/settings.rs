//! Validated configuration.

use super::{Level, RawConfig};
use crate::corpus::SourceMeta;
use crate::span::Span;
use crate::time::{parse_date, parse_month_day, TimeValue};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The most an `ignore` pattern may compile to (the regex crate's `size_limit`; its default
/// is 10 MiB). 1 MiB is 170 times what the ignore-block pattern of the docs takes (6 KB)
/// and leaves room for `.{0,1000}` or `[a-z]{1000}` (72 KB), but stops a counted repetition
/// of a Unicode class, compiled as that many copies (`\w` is 50 KB, `\w{5000}` 250 MB),
/// before it costs memory and time in every document.
pub const IGNORE_SIZE_LIMIT: usize = 1 << 20;

/// The cache of the lazy DFA an `ignore` pattern searches with, per pattern and thread (the
/// regex crate's `dfa_size_limit`): 2 MiB, the crate's default, stated so it cannot grow
/// unseen. A search that outgrows it goes on with a slower engine; it never fails.
pub const IGNORE_DFA_SIZE_LIMIT: usize = 2 << 20;

/// A problem in the config file, with where it is.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    pub file: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
}

/// The validated configuration of a run.
#[derive(Debug, Default)]
pub struct Settings {
    /// The config file, if one was found.
    pub file: Option<PathBuf>,
    /// Folder the globs are relative to.
    pub root: PathBuf,
    pub rules: Vec<PathBuf>,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    pub levels: BTreeMap<String, Level>,
    overrides: Vec<(GlobSet, BTreeMap<String, Level>)>,
    sources: Vec<(GlobSet, SourcePatch)>,
    /// Citation policy per trust tier.
    pub policy: super::TrustPolicies,
    /// The `ignore` patterns, compiled: text they match is not read (`prose`).
    pub ignore: Vec<regex::Regex>,
    /// Levels from the command line (`--deny`, `--warn`): over every level in the file.
    pub forced: BTreeMap<String, Level>,
}

#[derive(Debug, Clone, Default)]
struct SourcePatch {
    genre: Option<crate::corpus::Genre>,
    trust: Option<crate::corpus::Trust>,
    published: Option<TimeValue>,
    day_anchor: Option<(u8, u8)>,
    calendar: Option<crate::time::Calendar>,
}

impl Settings {
    /// Defaults for a run with no config file, rooted at `root`: the rules of
    /// `rules::default_dir`.
    pub fn defaults(root: &Path) -> Settings {
        let rules = crate::rules::default_dir(root);
        Settings { root: root.to_path_buf(), rules: vec![rules], ..Settings::default() }
    }

    /// Reads and validates a config file, collecting every problem.
    pub fn read(file: &Path) -> Result<Settings, Vec<ConfigError>> {
        if file.is_dir() {
            let message = "this is a folder, not a config file".to_string();
            let help = Some(format!("pass the file: --config {}", file.join(super::FILE_NAME).display()));
            return Err(vec![ConfigError { file: file.to_path_buf(), span: None, message, help }]);
        }
        let text = std::fs::read_to_string(file).map_err(|e| {
            vec![ConfigError { file: file.to_path_buf(), span: None, message: e.to_string(), help: None }]
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| {
            vec![ConfigError {
                file: file.to_path_buf(),
                span: e.span().map(|r| Span::new(r.start, r.end)),
                message: e.message().to_string(),
                help: None,
            }]
        })?;
        Settings::from_raw(file, raw)
    }

    /// Validates a config as written.
    pub fn from_raw(file: &Path, raw: RawConfig) -> Result<Settings, Vec<ConfigError>> {
        let root = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut errors = Vec::new();
        let err = |span: std::ops::Range<usize>, message: String, help: Option<String>| ConfigError {
            file: file.to_path_buf(),
            span: Some(Span::new(span.start, span.end)),
            message,
            help,
        };
        let globs = |list: &[toml::Spanned<String>], errors: &mut Vec<ConfigError>| -> Option<GlobSet> {
            let mut b = GlobSetBuilder::new();
            for g in list {
                match Glob::new(g.get_ref()) {
                    Ok(glob) => {
                        b.add(glob);
                    }
                    Err(e) => errors.push(err(g.span(), format!("invalid glob: {e}"), None)),
                }
            }
            b.build().ok()
        };
        let levels_of = |map: &BTreeMap<toml::Spanned<String>, toml::Spanned<Level>>,
                         errors: &mut Vec<ConfigError>| {
            let mut out = BTreeMap::new();
            for (code, level) in map {
                if crate::checks::find(code.get_ref()).is_none() {
                    let near = crate::checks::nearest(code.get_ref());
                    errors.push(err(
                        code.span(),
                        format!("unknown check code `{}`", code.get_ref()),
                        near.map(|n| format!("did you mean `{n}`?")),
                    ));
                } else {
                    out.insert(code.get_ref().clone(), *level.get_ref());
                }
            }
            out
        };
        let rules = if raw.rules.is_empty() {
            vec![root.join("rules")]
        } else {
            // `"<built-in>"` is not a folder under the root.
            let folder = |r: &String| {
                if crate::rules::is_built_in(Path::new(r)) {
                    PathBuf::from(r)
                } else {
                    root.join(r)
                }
            };
            raw.rules.iter().map(|r| folder(r.get_ref())).collect()
        };
        let include = if raw.include.is_empty() { None } else { globs(&raw.include, &mut errors) };
        let exclude = if raw.exclude.is_empty() { None } else { globs(&raw.exclude, &mut errors) };
        let levels = levels_of(&raw.severity, &mut errors);
        let mut ignore = Vec::new();
        for written in &raw.ignore {
            match ignore_pattern(written) {
                Ok(r) => ignore.push(r),
                Err((at, message, help)) => errors.push(err(at, message, Some(help))),
            }
        }
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let g = globs(&o.paths, &mut errors);
            let l = levels_of(&o.severity, &mut errors);
            if let Some(g) = g {
                overrides.push((g, l));
            }
        }
        let mut sources = Vec::new();
        for s in &raw.sources {
            let Some(g) = globs(&s.paths, &mut errors) else { continue };
            let mut patch = SourcePatch {
                genre: s.genre.as_ref().map(|v| *v.get_ref()),
                trust: s.trust.as_ref().map(|v| *v.get_ref()),
                calendar: s.calendar.as_ref().map(|v| *v.get_ref()),
                ..SourcePatch::default()
            };
            if let Some(c) = s.calendar.as_ref().filter(|c| *c.get_ref() == crate::time::Calendar::Lunisolar)
            {
                // Lunar dates are read where a text names their era; a month name in a
                // source is never one.
                errors.push(err(
                    c.span(),
                    "a source's calendar cannot be `lunisolar`".into(),
                    Some(
                        "write gregorian, julian or unknown; lunar dates are read where an era names them"
                            .into(),
                    ),
                ));
                patch.calendar = None;
            }
            if let Some(p) = &s.published {
                match parse_date(p.get_ref()) {
                    Some(v) => patch.published = Some(v),
                    None => errors.push(err(
                        p.span(),
                        format!("invalid date `{}`", p.get_ref()),
                        Some("write YYYY, YYYY-MM or YYYY-MM-DD (years 1–9999)".into()),
                    )),
                }
            }
            if let Some(a) = &s.day_anchor {
                match parse_month_day(a.get_ref()) {
                    Some(v) => patch.day_anchor = Some(v),
                    None => errors.push(err(
                        a.span(),
                        format!("invalid day anchor `{}`", a.get_ref()),
                        Some("write MM-DD, e.g. \"02-06\" for Feb 6".into()),
                    )),
                }
            }
            sources.push((g, patch));
        }
        let mut policy = super::TrustPolicies::default();
        let tiers = [
            (&raw.trust.low, &mut policy.low),
            (&raw.trust.medium, &mut policy.medium),
            (&raw.trust.high, &mut policy.high),
        ];
        for (written, tier) in tiers {
            if let Some(p) = written {
                tier.cite = p.cite.unwrap_or(tier.cite);
                tier.establishes = p.establishes.unwrap_or(tier.establishes);
            }
        }
        if errors.is_empty() {
            Ok(Settings {
                forced: BTreeMap::new(),
                policy,
                ignore,
                file: Some(file.to_path_buf()),
                root,
                rules,
                include,
                exclude,
                levels,
                overrides,
                sources,
            })
        } else {
            Err(errors)
        }
    }

    /// A document's text as claims are read from it: what the `ignore` patterns
    /// match blanked, then character references written as characters. Every reader of a
    /// document for its claims goes through here, so that they all read the same text.
    pub fn prose(&self, text: &mut String) {
        prose(&self.ignore, text);
    }

    /// Which files of a folder are candidates for `includes`: with `include` globs, every
    /// file (the globs name the documents, `**/*.html` among them); without, those with a
    /// document extension.
    pub fn documents(&self) -> crate::corpus::Found {
        match self.include {
            Some(_) => crate::corpus::Found::Every,
            None => crate::corpus::Found::Documents,
        }
    }

    /// Whether a discovered file is a document of this corpus.
    pub fn includes(&self, path: &Path) -> bool {
        // Without globs every file is: no path to work out (a corpus of 20,000 files spent
        // about 10 ms of one thread on them before any was read).
        if self.include.is_none() && self.exclude.is_none() {
            return true;
        }
        let rel = self.relative(path);
        self.include.as_ref().is_none_or(|g| g.is_match(&rel))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(&rel))
    }

    /// The source metadata for a file.
    pub fn meta_for(&self, path: &Path) -> SourceMeta {
        let mut meta = SourceMeta::default();
        if self.sources.is_empty() {
            return meta;
        }
        let rel = self.relative(path);
        for (g, p) in &self.sources {
            if g.is_match(&rel) {
                if let Some(v) = p.genre {
                    meta.genre = v;
                }
                if let Some(v) = p.trust {
                    meta.trust = v;
                }
                if let Some(v) = &p.published {
                    meta.published = Some(v.clone());
                }
                if let Some(v) = p.day_anchor {
                    meta.day_anchor = Some(v);
                }
                if let Some(v) = p.calendar {
                    meta.calendar = v;
                }
            }
        }
        meta
    }

    /// The level of `code` for `path`: overrides, then global levels, then `default`.
    pub fn level_for(&self, code: &str, path: &Path, default: Level) -> Level {
        if let Some(level) = self.forced.get(code) {
            return *level;
        }
        // The path relative to the root, worked out only if an override sets this code.
        let mut rel = None;
        for (g, l) in self.overrides.iter().rev() {
            if let Some(level) = l.get(code) {
                if g.is_match(rel.get_or_insert_with(|| self.relative(path))) {
                    return *level;
                }
            }
        }
        self.levels.get(code).copied().unwrap_or(default)
    }

    fn relative(&self, path: &Path) -> PathBuf {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let root = std::path::absolute(&self.root).unwrap_or_else(|_| self.root.clone());
        abs.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// `Settings::prose` with the compiled `ignore` patterns: for the cross-document stage,
/// which reads a file again and must see it as the per-document stage did. The patterns
/// are written against the file, so they are matched before references are replaced,
/// which keeps every offset (`corpus::unescape_entities`).
pub fn prose(patterns: &[regex::Regex], text: &mut String) {
    blank_matches(patterns, text);
    crate::corpus::unescape_entities(text);
}

/// Blanks the text the compiled `ignore` `patterns` match, in place, so that it is not
/// read: every byte of every match becomes an ASCII space, but line breaks stay. Byte
/// offsets, lines and columns stay those of the file and the text stays UTF-8. Matches are
/// found in the text as written (one pattern's blanks do not hide text from another).
/// Without patterns, no work.
fn blank_matches(patterns: &[regex::Regex], text: &mut String) {
    if patterns.is_empty() {
        return;
    }
    let regions: Vec<Range<usize>> =
        patterns.iter().flat_map(|r| r.find_iter(text).map(|m| m.range())).collect();
    crate::corpus::blank(text, regions);
}

/// Where a bad `ignore` pattern is (a span in the file), what is wrong, and what to do.
type PatternError = (Range<usize>, String, String);

/// Compiles one `ignore` pattern: valid syntax, not matching the empty string, at most
/// `IGNORE_SIZE_LIMIT` compiled.
fn ignore_pattern(written: &Spanned<String>) -> Result<regex::Regex, PatternError> {
    const SYNTAX: &str = "write it in the regex crate's syntax (docs.rs/regex: no look-around, no \
        back-references), in 'single quotes' so that TOML keeps its backslashes";
    let pattern = written.get_ref();
    let syntax = |what: String| format!("invalid regular expression: {what}");
    // regex-syntax is the regex crate's own parser: same errors, plus where they are.
    let hir = regex_syntax::parse(pattern).map_err(|e| {
        let (part, what) = match &e {
            regex_syntax::Error::Parse(e) => (Some(e.span()), e.kind().to_string()),
            regex_syntax::Error::Translate(e) => (Some(e.span()), e.kind().to_string()),
            _ => (None, useful_lines(&e.to_string())),
        };
        let at = part.map_or_else(|| written.span(), |p| within(written, p.start.offset..p.end.offset));
        (at, syntax(what), SYNTAX.to_string())
    })?;
    if hir.properties().minimum_len() == Some(0) {
        return Err((
            written.span(),
            "this pattern can match the empty string".to_string(),
            "that is surely a mistake (a `*` or `?` where `+` was meant, or an empty alternative \
             as in `a|`): make every match take at least one character, e.g. `x+` for `x*`"
                .to_string(),
        ));
    }
    regex::RegexBuilder::new(pattern)
        .size_limit(IGNORE_SIZE_LIMIT)
        .dfa_size_limit(IGNORE_DFA_SIZE_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(_) => (
                written.span(),
                format!("this pattern compiles to more than {} MiB (the limit)", IGNORE_SIZE_LIMIT >> 20),
                "simplify it: a counted repetition is compiled as that many copies, and the Unicode \
                 class `\\w` alone takes 50 KB; match between delimiters with `+`, `*` or `.*?` \
                 (`<ref>.*?</ref>`), lower the count, or use ASCII classes (`[a-z]`, `(?-u:\\w)`)"
                    .to_string(),
            ),
            other => (written.span(), syntax(useful_lines(&other.to_string())), SYNTAX.to_string()),
        })
}

/// The span of `part` (byte offsets into the pattern) in the file: exact when the pattern
/// is written as it reads, between one quote each side (a TOML escape or a multi-line
/// string's quotes make the written string longer), else the whole string.
fn within(written: &Spanned<String>, part: Range<usize>) -> Range<usize> {
    let whole = written.span();
    let plain = whole.len() == written.get_ref().len() + 2;
    if plain && part.start <= part.end && part.end <= written.get_ref().len() {
        whole.start + 1 + part.start..whole.start + 1 + part.end
    } else {
        whole
    }
}

/// What a regex error says is wrong (its `error: ` lines), without its copy of the pattern
/// and the caret under it, which the config error's label shows in the file instead.
fn useful_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("error: ")).collect();
    if lines.is_empty() {
        text.trim().to_string()
    } else {
        lines.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(toml: &str) -> Result<Settings, Vec<ConfigError>> {
        let raw: RawConfig = toml::from_str(toml).expect("parses as TOML");
        Settings::from_raw(Path::new("chronolint.toml"), raw)
    }

    /// Each `ignore` pattern (as written in TOML), what the error says, and the part of the
    /// line its span covers; `None` for a pattern that is accepted.
    #[test]
    fn ignore_patterns_table() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (r"'(?s)<!--\s*chronolint-ignore-start\s*-->.*?<!--\s*chronolint-ignore-end\s*-->'", None),
            (r"'\{\{cite[^}]*\}\}'", None),
            (r"'\w+'", None),
            (r"'[a-z]{1000}'", None),
            // Syntax errors point at the fault inside a pattern written as it reads...
            (r"'(unclosed'", Some(("invalid regular expression: unclosed group", "("))),
            (r"'a{2,1}'", Some(("invalid repetition count range", "{2,1}"))),
            (r"'(?<n>a)(?<n>b)'", Some(("duplicate capture group name", "n"))),
            (r"'a(?=b)'", Some(("look-around", "(?="))),
            // ...and at the whole string when escapes make the file differ from the pattern.
            (r#""\\p{Foo}""#, Some(("Unicode property not found", r#""\\p{Foo}""#))),
            (r"'x*'", Some(("can match the empty string", "'x*'"))),
            (r"'a|'", Some(("can match the empty string", "'a|'"))),
            (r"'\b'", Some(("can match the empty string", r"'\b'"))),
            (r"'(?:<!--)?'", Some(("can match the empty string", "'(?:<!--)?'"))),
            (
                r"'(?:a{1000}){1000}'",
                Some(("compiles to more than 1 MiB (the limit)", "'(?:a{1000}){1000}'")),
            ),
            (r"'\w{5000}\w{5000}'", Some(("compiles to more than 1 MiB (the limit)", r"'\w{5000}\w{5000}'"))),
        ];
        for (written, want) in cases {
            let toml = format!("ignore = [{written}]\n");
            match (settings(&toml), want) {
                (Ok(s), None) => assert_eq!(s.ignore.len(), 1, "{written}"),
                (Err(errors), Some((message, under))) => {
                    assert_eq!(errors.len(), 1, "{written}: {errors:?}");
                    let e = &errors[0];
                    assert!(e.message.contains(message), "{written}: {}", e.message);
                    assert!(e.help.is_some(), "{written}: help says what to do");
                    let span = e.span.expect("a span");
                    assert_eq!(toml.get(span.start..span.end), Some(*under), "{written}: span");
                }
                (got, _) => panic!("{written}: {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn every_bad_pattern_is_reported_with_the_other_problems() {
        let errors =
            settings("ignore = ['(a', 'ok+', 'b*']\ninclude = ['[']\n[severity]\ndate-conflit = 'warn'\n")
                .expect_err("invalid");
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("unclosed group")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("empty string")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("invalid glob")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("date-conflit")), "{messages:?}");
    }

    #[test]
    fn blank_matches_blanks_every_match_of_every_pattern_in_the_text_as_written() {
        let s =
            settings(r"ignore = ['\{\{cite[^}]*\}\}', '(?s)<!-- skip -->.*?<!-- /skip -->', '\d{4}\{\{']")
                .expect("valid");
        let text = "In 1895{{cite|Hay}} peace.\n<!-- skip -->\nIn 1894 – é\n<!-- /skip -->\nIn 1905.";
        let mut got = text.to_string();
        blank_matches(&s.ignore, &mut got);
        // Each byte but a line break is a space: `In 1894 – é` is 14 bytes (– has 3, é 2).
        // The third pattern matches `1895{{` in the text as written, where the first
        // pattern's blanks would hide it.
        let want = format!(
            "In {}peace.\n{}\n{}\n{}\nIn 1905.",
            " ".repeat("1895{{cite|Hay}} ".len()),
            " ".repeat("<!-- skip -->".len()),
            " ".repeat(14),
            " ".repeat("<!-- /skip -->".len()),
        );
        assert_eq!(got, want);
        assert_eq!(got.len(), text.len());
        let mut none = text.to_string();
        blank_matches(&Settings::default().ignore, &mut none);
        assert_eq!(none, text, "no patterns, no change");
    }

    #[test]
    fn useful_lines_keeps_what_the_regex_error_says_is_wrong() {
        #[allow(clippy::invalid_regex)] // invalid on purpose
        let e = regex::Regex::new("(unclosed").expect_err("invalid");
        assert_eq!(useful_lines(&e.to_string()), "unclosed group", "{e}");
        assert_eq!(useful_lines("something else\n"), "something else");
    }
}
