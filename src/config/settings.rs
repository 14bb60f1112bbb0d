//! Validated configuration.

use super::{Level, RawConfig};
use crate::corpus::SourceMeta;
use crate::span::Span;
use crate::time::TimeValue;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    /// Defaults for a run with no config file, rooted at `root`.
    pub fn defaults(root: &Path) -> Settings {
        Settings { root: root.to_path_buf(), rules: vec![root.join("rules")], ..Settings::default() }
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
            raw.rules.iter().map(|r| root.join(r.get_ref())).collect()
        };
        let include = if raw.include.is_empty() { None } else { globs(&raw.include, &mut errors) };
        let exclude = if raw.exclude.is_empty() { None } else { globs(&raw.exclude, &mut errors) };
        let levels = levels_of(&raw.severity, &mut errors);
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
            if let Some(p) = &s.published {
                match parse_date(p.get_ref()) {
                    Some(v) => patch.published = Some(v),
                    None => errors.push(err(
                        p.span(),
                        format!("invalid date `{}`", p.get_ref()),
                        Some("write YYYY, YYYY-MM or YYYY-MM-DD".into()),
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

    /// Whether a discovered file is a document of this corpus.
    pub fn includes(&self, path: &Path) -> bool {
        let rel = self.relative(path);
        self.include.as_ref().is_none_or(|g| g.is_match(&rel))
            && !self.exclude.as_ref().is_some_and(|g| g.is_match(&rel))
    }

    /// The source metadata for a file.
    pub fn meta_for(&self, path: &Path) -> SourceMeta {
        let rel = self.relative(path);
        let mut meta = SourceMeta::default();
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
        let rel = self.relative(path);
        for (g, l) in self.overrides.iter().rev() {
            if let Some(level) = l.get(code) {
                if g.is_match(&rel) {
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

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<TimeValue> {
    let parts: Vec<&str> = s.split('-').collect();
    let y: i64 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some(TimeValue::year(y)),
        2 => {
            let m: u8 = parts[1].parse().ok()?;
            (1..=12).contains(&m).then(|| TimeValue::month(y, m))
        }
        3 => {
            let m: u8 = parts[1].parse().ok()?;
            let d: u8 = parts[2].parse().ok()?;
            (d >= 1 && d <= crate::time::days_in_month(y, m)).then(|| TimeValue::day(y, m, d))
        }
        _ => None,
    }
}

fn parse_month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && d >= 1 && d <= crate::time::days_in_month(2000, m)).then_some((m, d))
}
