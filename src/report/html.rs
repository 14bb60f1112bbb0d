//! `--html F`: one self-contained HTML page for editors, for `check` and `audit`.
//!
//! The page holds, in order: a summary (counts by severity and code, files, claims), one
//! timeline per event that has a finding (inline SVG: a shared axis with year ticks, one
//! row per document, each claim a bar for an interval or a dot for a day, findings in red,
//! the reference dates as bands whose `<title>` names the source, disputed views in amber),
//! the findings with their passages in context (the span in `<mark>`), and one section per
//! document listing its claims and findings. Checkboxes filter the findings by code and
//! severity; they need the small inline script, and without it everything is shown.
//!
//! Nothing is fetched: no external script, style, font or image. Corpus and rule text is
//! untrusted and is escaped (`& < > " '`) everywhere, SVG text and attributes included.
//! The output is deterministic: no timestamp, everything sorted.
//!
//! What the page quotes of each file (passages, the sentences of timeline claims, the
//! line and words of listed claims) is asked for first and gathered a file at a time
//! (`Wanted::gather`), so memory holds quotations, not the corpus.

use crate::audit::{Audit, Evidence, Verdict};
use crate::claims::Claim;
use crate::diagnostic::Severity;
use crate::engine::Run;
use crate::rules::{EventId, RuleBook};
use crate::span::Span;
use crate::text::LineIndex;
use crate::time::{days_from_civil, year_of_day, Day};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

mod assets;
mod layout;

/// Escapes text for HTML content and attribute values (double- or single-quoted).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes `html` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write(path: &Path, html: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(html.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A finding or an audited claim, as the page lists it.
struct Item {
    /// Filter key: the check code, or the audit verdict.
    code: String,
    /// `error`, `warning`, `info`.
    severity: &'static str,
    message: String,
    event: Option<String>,
    /// (file, span, label, primary).
    passages: Vec<(String, Span, String, bool)>,
    /// Reference dates quoted as text ("reference: 1895 (source: ...)").
    quotes: Vec<String>,
    help: Option<String>,
    notes: Vec<String>,
    /// Listing order: lower first, then as given.
    rank: u8,
}

/// One mark on a timeline row.
struct Mark {
    earliest: Day,
    latest: Day,
    /// The date as shown ("1894", "8–9 February 1904").
    shown: String,
    /// The date in EDTF (`1904-02-08/1904-02-09`), for scripts and tests reading the page.
    edtf: String,
    tooltip: String,
    /// `conflict`, `other`, `warn`, `claim`, `new`.
    class: &'static str,
    href: Option<String>,
    /// How many claims the mark stands for (more than one in the folded row).
    count: usize,
}

/// A row of a timeline: one document.
struct Row {
    label: String,
    href: String,
    marks: Vec<Mark>,
}

/// A reference view drawn as a band.
struct Band {
    earliest: Day,
    latest: Day,
    label: String,
    tooltip: String,
    disputed: bool,
}

struct Timeline {
    name: String,
    id: String,
    rows: Vec<Row>,
    bands: Vec<Band>,
}

/// A claim row in a document's section.
struct ClaimRow {
    span: Span,
    event: String,
    shown: String,
    what: String,
    class: &'static str,
}

struct DocSection {
    file: String,
    meta: String,
    claims: Vec<ClaimRow>,
    /// Indexes into the page's items.
    items: Vec<usize>,
    note: Option<String>,
}

struct Page<'t> {
    title: String,
    intro: String,
    /// Rows of the summary table: (name, value).
    summary: Vec<(String, String)>,
    /// Extra summary tables, already rendered.
    tables: String,
    timelines: Vec<Timeline>,
    items: Vec<Item>,
    docs: Vec<DocSection>,
    quotes: &'t Quotes,
    /// What the items are called ("findings", "claims").
    items_name: &'static str,
    /// What an item's last line is ("help", "why").
    help_name: &'static str,
    /// The timeline legend: (mark class, meaning).
    legend: &'static [(&'static str, &'static str)],
}

const CHECK_LEGEND: &[(&str, &str)] = &[
    ("conflict", "finding (error)"),
    ("warn", "finding (warning)"),
    ("other", "the passage it disagrees with"),
    ("claim", "other claim"),
    ("band", "reference date"),
    ("disputed", "disputed view"),
];

const AUDIT_LEGEND: &[(&str, &str)] = &[
    ("conflict", "new: conflicts"),
    ("warn", "new: unsupported"),
    ("agree", "new: agrees"),
    ("new", "new: not in the corpus"),
    ("claim", "corpus claim"),
    ("band", "reference date"),
    ("disputed", "disputed view"),
];

/// The HTML report of a `check` run.
pub fn render_check(run: &Run) -> String {
    let items: Vec<Item> = run
        .diagnostics
        .iter()
        .map(|d| Item {
            code: d.code.to_string(),
            severity: d.severity.as_str(),
            message: d.message.clone(),
            event: d.event.clone(),
            passages: std::iter::once((
                d.primary.file.clone(),
                d.primary.span,
                d.primary.message.clone(),
                true,
            ))
            .chain(d.related.iter().map(|r| (r.file.clone(), r.span, r.message.clone(), false)))
            .collect(),
            quotes: Vec::new(),
            help: d.help.clone(),
            notes: d.notes.clone(),
            rank: 0,
        })
        .collect();

    // Which claims the findings point at: primary labels are the findings, related ones
    // the other side.
    let mut flagged: BTreeMap<(&str, Span), (&'static str, usize)> = BTreeMap::new();
    for (i, d) in run.diagnostics.iter().enumerate() {
        let class = if d.severity == Severity::Error { "conflict" } else { "warn" };
        flagged.insert((d.primary.file.as_str(), d.primary.span), (class, i));
        for r in &d.related {
            flagged.entry((r.file.as_str(), r.span)).or_insert(("other", i));
        }
    }

    let events: BTreeSet<EventId> = run
        .diagnostics
        .iter()
        .filter_map(|d| d.event.as_deref())
        .filter_map(|id| run.rules.find(id))
        .collect();

    // What the page quotes: the passages of the findings, the sentences of the claims on
    // the timelines, the line and words of every claim. Gathered first, a file at a time:
    // any file of the corpus may be quoted, and holding them all is what the memory
    // budget forbids.
    let mut wanted = Wanted::default();
    for it in &items {
        for (file, span, label, _) in &it.passages {
            wanted.file(file).passages.insert((*span, label.clone()));
        }
    }
    for c in &run.index.claims {
        let Some(doc) = run.docs.get(c.doc) else { continue };
        let w = wanted.file(&doc.path);
        w.claims.insert(c.span());
        if events.contains(&c.event) {
            w.excerpts.insert((c.sentence, c.span()));
        }
    }
    let quotes = wanted.gather(|file| {
        Some(match run.sources.get(file) {
            Some(text) => Cow::Borrowed(text.as_str()),
            None => Cow::Owned(crate::corpus::load(Path::new(file)).unwrap_or_default()),
        })
    });

    let mut timelines = Vec::new();
    for &eid in &events {
        let mut rows: BTreeMap<usize, Row> = BTreeMap::new();
        for c in run.index.about(eid) {
            let Some(doc) = run.docs.get(c.doc) else { continue };
            let (class, href) = match flagged.get(&(doc.path.as_str(), c.span())) {
                Some((class, i)) => (*class, Some(format!("#f{i}"))),
                None => ("claim", None),
            };
            let row = rows.entry(c.doc).or_insert_with(|| Row {
                label: doc.path.clone(),
                href: format!("#d{}", c.doc),
                marks: Vec::new(),
            });
            if let Some(m) = claim_mark(c, class, href, &quotes, &doc.path) {
                row.marks.push(m);
            }
        }
        timelines.push(timeline(&run.rules, eid, rows.into_values().collect()));
    }

    // The claims moved into the index; group them by document once.
    let mut by_doc: BTreeMap<usize, Vec<&Claim>> = BTreeMap::new();
    for c in &run.index.claims {
        by_doc.entry(c.doc).or_default().push(c);
    }
    let docs = run
        .docs
        .iter()
        .map(|d| {
            let mine = by_doc.remove(&d.doc).unwrap_or_default();
            let meta = meta_line(&d.meta, mine.len());
            let claims = mine
                .into_iter()
                .map(|c| {
                    let class = flagged.get(&(d.path.as_str(), c.span())).map_or("claim", |(k, _)| *k);
                    claim_row(&run.rules, c, class)
                })
                .collect();
            let items = run
                .diagnostics
                .iter()
                .enumerate()
                .filter(|(_, x)| x.primary.file == d.path)
                .map(|(i, _)| i)
                .collect();
            DocSection { file: d.path.clone(), meta, claims, items, note: None }
        })
        .collect();

    let mut summary =
        vec![("files".to_string(), run.files.to_string()), ("claims".to_string(), run.claims.to_string())];
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        summary.push((s.as_str().to_string(), run.count(s).to_string()));
    }
    let mut by_code: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for d in &run.diagnostics {
        *by_code.entry((d.code, d.severity.as_str())).or_default() += 1;
    }
    let mut tables = String::new();
    if !by_code.is_empty() {
        tables.push_str("<table class=\"counts\"><thead><tr><th>code</th><th>severity</th><th>findings</th></tr></thead><tbody>");
        for ((code, sev), n) in &by_code {
            let _ = write!(
                tables,
                "<tr><td><code>{}</code></td><td><span class=\"sev {s}\">{s}</span></td><td class=\"n\">{n}</td></tr>",
                escape(code),
                s = escape(sev)
            );
        }
        tables.push_str("</tbody></table>");
    }
    let intro = if run.diagnostics.is_empty() {
        "No findings: every dated claim agrees with the others and with the reference timeline.".to_string()
    } else {
        "Each timeline shows every dated claim about one event, one row per document; red marks are findings. Click a mark or a finding to jump to its passage.".to_string()
    };
    render(&Page {
        title: "chronolint report".to_string(),
        intro,
        summary,
        tables,
        timelines,
        items,
        docs,
        quotes: &quotes,
        items_name: "findings",
        help_name: "help",
        legend: CHECK_LEGEND,
    })
}

/// The HTML report of an audit.
pub fn render_audit(a: &Audit) -> String {
    let r = &a.report;
    let rules = &a.corpus.rules;
    let mut items = Vec::new();
    // (file, span) of every new claim -> item index.
    let mut item_of: BTreeMap<(&str, Span), usize> = BTreeMap::new();
    let mut docs = Vec::new();
    for d in &r.documents {
        let mut ids = Vec::new();
        let mut claims = Vec::new();
        for c in &d.claims {
            let severity = match c.verdict {
                Verdict::Conflicts => "error",
                Verdict::Unsupported => "warning",
                Verdict::Agrees | Verdict::New => "info",
            };
            let mut passages = vec![(d.file.clone(), c.span, format!("{} here", c.shown), true)];
            let mut quotes = Vec::new();
            for (side, list) in [("against", &c.against), ("agrees with", &c.supported_by)] {
                for e in list {
                    match e {
                        Evidence::Reference { shown, source, .. } => {
                            quotes.push(format!("{side} the reference: {shown} (source: {source})"));
                        }
                        Evidence::Passage { file, span, shown, .. } => {
                            passages.push((file.clone(), *span, format!("{side}: {shown} here"), false));
                        }
                    }
                }
            }
            let mut notes = Vec::new();
            if c.more > 0 {
                notes.push(format!("{} more corpus passages are not shown", c.more));
            }
            item_of.insert((d.file.as_str(), c.span), items.len());
            ids.push(items.len());
            items.push(Item {
                code: c.verdict.as_str().to_string(),
                severity,
                message: format!("{}, dated {} in {}", capitalize(&c.event_name), c.shown, d.file),
                event: Some(c.event.clone()),
                passages,
                quotes,
                help: Some(c.reason.clone()),
                notes,
                rank: match c.verdict {
                    Verdict::Conflicts => 0,
                    Verdict::Unsupported => 1,
                    Verdict::New => 2,
                    Verdict::Agrees => 3,
                },
            });
            claims.push(ClaimRow {
                span: c.span,
                event: c.event_name.clone(),
                shown: c.shown.clone(),
                what: c.verdict.as_str().to_string(),
                class: verdict_class(c.verdict),
            });
        }
        docs.push(DocSection {
            file: d.file.clone(),
            meta: "new document".to_string(),
            claims,
            items: ids,
            note: d.error.as_ref().map(|e| format!("could not be read: {e}")),
        });
    }

    // Timelines for events with a conflicting or unsupported claim: corpus rows first.
    let flagged_events: BTreeSet<&str> = r
        .documents
        .iter()
        .flat_map(|d| &d.claims)
        .filter(|c| matches!(c.verdict, Verdict::Conflicts | Verdict::Unsupported))
        .map(|c| c.event.as_str())
        .collect();
    let verdicts: BTreeMap<(&str, Span), Verdict> = r
        .documents
        .iter()
        .flat_map(|d| d.claims.iter().map(move |c| ((d.file.as_str(), c.span), c.verdict)))
        .collect();
    // What the page quotes: the audit holds the new documents and the corpus passages it
    // compared them with; the other corpus documents on the timelines are read again.
    let mut wanted = Wanted::default();
    for it in &items {
        for (file, span, label, _) in &it.passages {
            wanted.file(file).passages.insert((*span, label.clone()));
        }
    }
    for d in &docs {
        wanted.file(&d.file).claims.extend(d.claims.iter().map(|c| c.span));
    }
    for eid in flagged_events.iter().filter_map(|id| rules.find(id)) {
        for c in a.corpus.index.about(eid).filter(|c| c.is_assertion()) {
            let Some(doc) = a.corpus.docs.get(c.doc) else { continue };
            wanted.file(&doc.path).excerpts.insert((c.sentence, c.span()));
        }
        for d in &a.batch {
            for c in d.claims.iter().filter(|c| c.event == eid && c.is_assertion()) {
                wanted.file(&d.path).excerpts.insert((c.sentence, c.span()));
            }
        }
    }
    let quotes = wanted.gather(|file| match a.texts.get(file) {
        Some(text) => Some(Cow::Borrowed(text.as_str())),
        None => crate::corpus::load(Path::new(file)).ok().map(Cow::Owned),
    });

    let mut timelines = Vec::new();
    for id in flagged_events {
        let Some(eid) = rules.find(id) else { continue };
        let mut rows: BTreeMap<(u8, usize), Row> = BTreeMap::new();
        for c in a.corpus.index.about(eid).filter(|c| c.is_assertion()) {
            let Some(doc) = a.corpus.docs.get(c.doc) else { continue };
            let row = rows.entry((0, c.doc)).or_insert_with(|| Row {
                label: doc.path.clone(),
                href: String::new(),
                marks: Vec::new(),
            });
            if let Some(m) = claim_mark(c, "claim", None, &quotes, &doc.path) {
                row.marks.push(m);
            }
        }
        for (n, d) in a.batch.iter().enumerate() {
            for c in d.claims.iter().filter(|c| c.event == eid && c.is_assertion()) {
                let key = (d.path.as_str(), c.span());
                let class = verdicts.get(&key).map_or("claim", |v| verdict_class(*v));
                let href = item_of.get(&key).map(|i| format!("#f{i}"));
                let row = rows.entry((1, n)).or_insert_with(|| Row {
                    label: format!("new: {}", d.path),
                    href: format!("#d{n}"),
                    marks: Vec::new(),
                });
                if let Some(m) = claim_mark(c, class, href, &quotes, &d.path) {
                    row.marks.push(m);
                }
            }
        }
        timelines.push(timeline(rules, eid, rows.into_values().collect()));
    }

    let mut summary = vec![
        ("new documents".to_string(), r.documents.len().to_string()),
        (
            "corpus".to_string(),
            format!("{} ({} files, {} claims)", r.corpus.path, r.corpus.files, r.corpus.claims),
        ),
    ];
    for v in Verdict::ALL {
        summary.push((v.as_str().to_string(), r.counts.get(v).to_string()));
    }
    summary.push(("skipped (not asserted, or no year)".to_string(), r.counts.skipped.to_string()));
    let mut tables = String::new();
    let head = "<th>agrees</th><th>conflicts</th><th>new</th><th>unsupported</th>";
    let _ = write!(tables, "<table class=\"counts\"><thead><tr><th>document</th>{head}</tr></thead><tbody>");
    for (n, d) in r.documents.iter().enumerate() {
        let _ = write!(
            tables,
            "<tr><td><a href=\"#d{n}\">{}</a></td>{}</tr>",
            escape(&d.file),
            count_cells(&d.counts)
        );
    }
    tables.push_str("</tbody></table>");
    let _ = write!(
        tables,
        "<table class=\"counts\"><thead><tr><th>event</th>{head}<th>corpus claims</th></tr></thead><tbody>"
    );
    for e in &r.events {
        let _ = write!(
            tables,
            "<tr><td>{}</td>{}<td class=\"n\">{}</td></tr>",
            escape(&e.name),
            count_cells(&e.counts),
            e.corpus_claims
        );
    }
    tables.push_str("</tbody></table>");

    render(&Page {
        title: "chronolint audit".to_string(),
        intro: "How the new documents agree with the established corpus. Each timeline shows one event: the corpus's claims in grey, the new documents' claims coloured by verdict (red: conflicts, amber: unsupported, green: agrees, blue: new).".to_string(),
        summary,
        tables,
        timelines,
        items,
        docs,
        quotes: &quotes,
        items_name: "claims of the new documents",
        help_name: "why",
        legend: AUDIT_LEGEND,
    })
}

fn count_cells(c: &crate::audit::Counts) -> String {
    Verdict::ALL
        .iter()
        .map(|v| {
            let n = c.get(*v);
            let class = if n > 0 { verdict_class(*v) } else { "zero" };
            format!("<td class=\"n {class}\">{n}</td>")
        })
        .collect()
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Conflicts => "conflict",
        Verdict::Unsupported => "warn",
        Verdict::Agrees => "agree",
        Verdict::New => "new",
    }
}

fn meta_line(meta: &crate::corpus::SourceMeta, claims: usize) -> String {
    let mut parts =
        vec![format!("{:?}", meta.genre).to_lowercase(), format!("trust {:?}", meta.trust).to_lowercase()];
    if let Some(p) = &meta.published {
        parts.push(format!("published {p}"));
    }
    parts.push(format!("{claims} claims"));
    parts.join(" · ")
}

fn claim_row(rules: &RuleBook, c: &Claim, class: &'static str) -> ClaimRow {
    let flags = c.not_asserted();
    let what = if flags.is_empty() {
        c.role.as_str().to_string()
    } else {
        format!("{} ({})", c.role.as_str(), flags.join(", "))
    };
    ClaimRow {
        span: c.span(),
        event: rules.events.get(c.event).map_or_else(String::new, |e| e.name.clone()),
        shown: c.time.value.to_string(),
        what,
        class,
    }
}

fn claim_mark(
    c: &Claim,
    class: &'static str,
    href: Option<String>,
    quotes: &Quotes,
    file: &str,
) -> Option<Mark> {
    let v = &c.time.value;
    let (earliest, latest) = (v.earliest?, v.latest?);
    let sentence = quotes.excerpt(file, c.sentence, c.span());
    let mut tooltip = format!("{file}: {v}\n{sentence}");
    if !c.is_assertion() {
        tooltip.push_str("\n(quoted, hypothetical or repeated: not an assertion)");
    }
    Some(Mark {
        earliest,
        latest,
        shown: v.to_string(),
        edtf: v.edtf.clone(),
        tooltip,
        class,
        href,
        count: 1,
    })
}

/// Above this many rows, the rows with nothing flagged are folded into one.
const MAX_ROWS: usize = 24;

/// Keeps every row with a flagged mark and folds the others into one row whose marks
/// count the documents giving each date, so a timeline over hundreds of documents stays
/// readable.
fn fold_rows(rows: Vec<Row>) -> Vec<Row> {
    if rows.len() <= MAX_ROWS {
        return rows;
    }
    let (mut kept, plain): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| r.marks.iter().any(|m| m.class != "claim"));
    if plain.is_empty() {
        return kept;
    }
    let mut by_value: BTreeMap<(Day, Day), (String, String, Vec<String>)> = BTreeMap::new();
    for r in &plain {
        for m in &r.marks {
            let e = by_value
                .entry((m.earliest, m.latest))
                .or_insert_with(|| (m.shown.clone(), m.edtf.clone(), Vec::new()));
            e.2.push(r.label.clone());
        }
    }
    let marks = by_value
        .into_iter()
        .map(|((earliest, latest), (shown, edtf, files))| {
            let mut names: Vec<&str> = files.iter().map(String::as_str).collect();
            names.dedup();
            let listed = names.iter().take(12).copied().collect::<Vec<_>>().join("\n");
            let more =
                if names.len() > 12 { format!("\n… and {} more", names.len() - 12) } else { String::new() };
            Mark {
                earliest,
                latest,
                tooltip: format!("{} claims give {shown}:\n{listed}{more}", files.len()),
                shown,
                edtf,
                class: "claim",
                href: None,
                count: files.len(),
            }
        })
        .collect();
    kept.push(Row { label: format!("{} other documents", plain.len()), href: String::new(), marks });
    kept
}

fn timeline(rules: &RuleBook, eid: EventId, rows: Vec<Row>) -> Timeline {
    let rows = fold_rows(rows);
    let Some(event) = rules.events.get(eid) else {
        return Timeline { name: String::new(), id: String::new(), rows, bands: Vec::new() };
    };
    let mut bands = Vec::new();
    for d in &event.dates {
        for v in &d.views {
            let (Some(earliest), Some(latest)) = (v.value.earliest, v.value.latest) else { continue };
            let role = if d.role == crate::rules::Role::Point {
                String::new()
            } else {
                format!("{}: ", d.role.as_str())
            };
            let note = v.note.as_ref().map(|n| format!("\n{n}")).unwrap_or_default();
            let kind = if d.is_disputed() { "disputed view" } else { "reference" };
            bands.push(Band {
                earliest,
                latest,
                label: format!("{role}{}", v.value),
                tooltip: format!("{kind}: {role}{}\nsource: {}{note}", v.value, v.source),
                disputed: d.is_disputed(),
            });
        }
    }
    Timeline { name: event.name.clone(), id: event.id.clone(), rows, bands }
}

/// Year ticks: a step of 1, 2, 5, 10, 20, 50, ... years giving at most 12 ticks.
fn tick_step(years: i64) -> i64 {
    let mut step = 1;
    for m in [2, 5, 10, 20, 50, 100, 200, 500, 1000] {
        if years / step <= 12 {
            break;
        }
        step = m;
    }
    step
}

const SVG_WIDTH: i64 = 1000;
const LABEL_WIDTH: i64 = 240;
const ROW_HEIGHT: i64 = 30;
/// Lines of words above the plot (reference labels) and below a row's marks, apart by
/// more than a line's height (13.1 units for 11px text in Chromium).
const LINE: i64 = 14;
/// The size of the reference and date labels (`text.val`, `.band text` in the CSS).
const SMALL: f64 = 11.0;
/// The right end of the plot.
const PLOT_END: i64 = SVG_WIDTH - 20;
/// The room kept between a label and its mark, and between two labels on one line.
const PAD: f64 = 4.0;
/// The most lines of date labels below a row's marks: a label that finds no room on them
/// is left to the mark's tooltip, so a row of hundreds of close dates stays a row.
const MOST_BELOW: usize = 4;

/// A word placed by `layout`: where it starts (anchored at its start) and its line.
struct Placed {
    x: f64,
    lane: usize,
}

/// A row's marks with the place of each one's date label, and how many lines of labels
/// the row needs below its marks.
struct RowLayout<'m> {
    /// `None`: a mark of the same dates and label already shows it, or there was no room.
    marks: Vec<(&'m Mark, Option<Placed>)>,
    below: usize,
}

/// The radius of a dot, the mark of a time too short to draw as a bar.
const DOT: f64 = 6.0;

/// How a mark is drawn: a dot at its centre for a time narrower than 8 units, else a bar
/// from its first day to the end of its last. Layout and drawing both read it.
enum Shape {
    Dot(f64),
    Bar(f64, f64),
}

impl Shape {
    fn of(m: &Mark, x: &impl Fn(Day) -> f64) -> Shape {
        let (x0, x1) = (x(m.earliest), x(m.latest.saturating_add(1)));
        if x1 - x0 < 8.0 {
            Shape::Dot((x0 + x1) / 2.0)
        } else {
            Shape::Bar(x0, x1)
        }
    }

    /// Where it lies along the row.
    fn extent(&self) -> (f64, f64) {
        match *self {
            Shape::Dot(c) => (c - DOT, c + DOT),
            Shape::Bar(x0, x1) => (x0, x1),
        }
    }
}

/// The label a mark shows: its date, and how many claims give it in a folded row.
fn mark_text(m: &Mark) -> String {
    if m.count > 1 {
        format!("{} ×{}", m.shown, m.count)
    } else {
        m.shown.clone()
    }
}

/// Places the date labels of one row (see `html::layout`): beside the mark on the marks'
/// own line, right of it or else left, where the label covers no mark and no other label
/// and stays inside the plot; else on the first line below the marks where it covers no
/// other label, starting under its mark. Findings are placed before plain claims, so they
/// get the places beside their marks.
fn layout_row<'m>(row: &'m Row, x: &impl Fn(Day) -> f64) -> RowLayout<'m> {
    let (lo, hi) = (LABEL_WIDTH as f64 + 2.0, PLOT_END as f64);
    let extent = |m: &Mark| Shape::of(m, x).extent();
    let mut lanes = layout::Lanes::default();
    for m in &row.marks {
        let (a, b) = extent(m);
        lanes.put(0, a, b);
    }
    let mut order: Vec<&Mark> = row.marks.iter().collect();
    order.sort_by_key(|m| (m.class == "claim", m.earliest, m.latest));
    let mut marks = Vec::new();
    let mut shown: BTreeSet<(Day, Day, String)> = BTreeSet::new();
    for m in order {
        let text = mark_text(m);
        // Two claims of one document giving the same dates: one label says it.
        if !shown.insert((m.earliest, m.latest, text.clone())) {
            marks.push((m, None));
            continue;
        }
        let (a, b) = extent(m);
        let w = layout::text_width(&text, SMALL);
        let right = (b + PAD, b + PAD + w);
        let left = (a - PAD - w, a - PAD);
        let beside =
            [right, left].into_iter().find(|&(la, lb)| la >= lo && lb <= hi && lanes.free(0, la, lb));
        let placed = match beside {
            Some((la, lb)) => {
                lanes.put(0, la, lb);
                Some(Placed { x: la, lane: 0 })
            }
            None => {
                let la = layout::clamped(a + w / 2.0, w, lo, hi);
                lanes.first_free(1..=MOST_BELOW, la - PAD, la + w + PAD).map(|lane| Placed { x: la, lane })
            }
        };
        marks.push((m, placed));
    }
    // Drawn as before: plain claims first, findings last, on top.
    marks.sort_by_key(|(m, _)| (m.class != "claim", m.earliest, m.latest));
    RowLayout { marks, below: lanes.count().saturating_sub(1) }
}

fn svg(t: &Timeline, prefix: &str) -> String {
    let days = t
        .rows
        .iter()
        .flat_map(|r| r.marks.iter().flat_map(|m| [m.earliest, m.latest]))
        .chain(t.bands.iter().flat_map(|b| [b.earliest, b.latest]));
    let (lo, hi) = days.fold((Day::MAX, Day::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    if lo > hi {
        return "<p class=\"muted\">No dated claim to draw.</p>".to_string();
    }
    // Whole years, one year of margin on each side.
    let y0 = year_of_day(lo).saturating_sub(1);
    let y1 = year_of_day(hi).saturating_add(2);
    let (d0, d1) = (days_from_civil(y0, 1, 1), days_from_civil(y1, 1, 1));
    let span = (d1 - d0).max(1);
    let plot = PLOT_END - LABEL_WIDTH;
    let x = |d: Day| -> f64 { LABEL_WIDTH as f64 + (d - d0) as f64 * plot as f64 / span as f64 };

    // Reference labels: centred over their bands, on as many lines as they need.
    let mut band_lanes = layout::Lanes::default();
    let band_labels: Vec<Placed> = t
        .bands
        .iter()
        .map(|b| {
            let (bx0, bx1) = (x(b.earliest), x(b.latest.saturating_add(1)));
            let w = layout::text_width(&b.label, SMALL);
            let la = layout::clamped((bx0 + bx1.max(bx0 + 3.0)) / 2.0, w, 2.0, SVG_WIDTH as f64 - 2.0);
            // As many lines as labels at most, so there is always one free.
            let lane = band_lanes.first_free(0..=t.bands.len(), la - PAD, la + w + PAD).unwrap_or(0);
            Placed { x: la, lane }
        })
        .collect();
    // The first line's baseline at 12, the plot's top a line below the last.
    let axis_top = 12 + LINE * (band_lanes.count().max(2) as i64 - 1) + 10;
    let rows: Vec<RowLayout<'_>> = t.rows.iter().map(|r| layout_row(r, &x)).collect();
    let heights: Vec<i64> = rows.iter().map(|r| ROW_HEIGHT + LINE * r.below as i64).collect();
    let height = axis_top + heights.iter().sum::<i64>().max(ROW_HEIGHT) + 26;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SVG_WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\">",
        escape(&format!("timeline of {}", t.name))
    );
    let _ = write!(s, "<title>{}</title>", escape(&format!("Every dated claim about {}", t.name)));
    let bottom = height - 22;
    // Reference bands under everything.
    for (b, placed) in t.bands.iter().zip(&band_labels) {
        let (bx0, bx1) = (x(b.earliest), x(b.latest.saturating_add(1)));
        let w = (bx1 - bx0).max(3.0);
        let class = if b.disputed { "band disputed" } else { "band" };
        let _ = write!(
            s,
            "<g class=\"{class}\"><title>{}</title><rect x=\"{bx0:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"/><text x=\"{:.1}\" y=\"{}\">{}</text></g>",
            escape(&b.tooltip),
            axis_top - 8,
            bottom - axis_top + 8,
            placed.x,
            12 + LINE * placed.lane as i64,
            escape(&b.label)
        );
    }
    // Year ticks and grid.
    let step = tick_step(y1 - y0);
    let first = if y0.rem_euclid(step) == 0 { y0 } else { y0 + step - y0.rem_euclid(step) };
    let mut y = first;
    while y <= y1 {
        let tx = x(days_from_civil(y, 1, 1));
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{axis_top}\" y2=\"{bottom}\"/><text class=\"tick\" x=\"{tx:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            bottom + 16,
            escape(&crate::time::format_year(y))
        );
        y += step;
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{LABEL_WIDTH}\" x2=\"{PLOT_END}\" y1=\"{bottom}\" y2=\"{bottom}\"/>"
    );
    let mut top = axis_top;
    for ((row, layout), row_height) in t.rows.iter().zip(&rows).zip(&heights) {
        let cy = top + ROW_HEIGHT / 2;
        top += row_height;
        let label = fit_label(&strip_prefix(&row.label, prefix));
        let _ =
            write!(s, "<line class=\"row\" x1=\"{LABEL_WIDTH}\" x2=\"{PLOT_END}\" y1=\"{cy}\" y2=\"{cy}\"/>");
        let text = format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            LABEL_WIDTH - 8,
            cy + 4,
            escape(&row.label),
            escape(&label)
        );
        if row.href.is_empty() {
            s.push_str(&text);
        } else {
            let _ = write!(s, "<a href=\"{}\">{text}</a>", escape(&row.href));
        }
        for (m, placed) in &layout.marks {
            let shape = match Shape::of(m, &x) {
                Shape::Dot(c) => format!("<circle cx=\"{c:.1}\" cy=\"{cy}\" r=\"{DOT}\"/>"),
                Shape::Bar(mx0, mx1) => format!(
                    "<rect x=\"{mx0:.1}\" y=\"{}\" width=\"{:.1}\" height=\"12\" rx=\"3\"/>",
                    cy - 6,
                    mx1 - mx0
                ),
            };
            // The marks' own line, or a line below them.
            let text = placed.as_ref().map_or(String::new(), |p| {
                let baseline = if p.lane == 0 { cy + 4 } else { cy + 6 + LINE * p.lane as i64 - 2 };
                format!(
                    "<text class=\"val\" x=\"{:.1}\" y=\"{baseline}\">{}</text>",
                    p.x,
                    escape(&mark_text(m))
                )
            });
            let mark = format!(
                "<g class=\"mark {}\" data-date=\"{}\"><title>{}</title>{shape}{text}</g>",
                m.class,
                escape(&m.edtf),
                escape(&m.tooltip),
            );
            match &m.href {
                Some(h) => {
                    let _ = write!(s, "<a href=\"{}\">{mark}</a>", escape(h));
                }
                None => s.push_str(&mark),
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// A row's label cut (in the middle) to at most 34 characters and to the room left of
/// the plot (it ends 8 units before it, in regular 12px type).
fn fit_label(label: &str) -> String {
    let room = (LABEL_WIDTH - 8 - 2) as f64;
    let mut n = 34;
    let mut cut = shorten(label, n);
    while n > 8 && layout::text_width(&cut, 12.0) * layout::REGULAR > room {
        n -= 2;
        cut = shorten(label, n);
    }
    cut
}

/// The folder every path shares, with its final `/` ("" if none).
fn common_dir<'a>(mut paths: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = paths.next() else { return String::new() };
    let mut common = first.rfind('/').map_or("", |i| first.get(..=i).unwrap_or(""));
    for p in paths {
        while !p.starts_with(common) {
            let trimmed = common.get(..common.len().saturating_sub(1)).unwrap_or("");
            common = trimmed.rfind('/').map_or("", |i| trimmed.get(..=i).unwrap_or(""));
        }
    }
    common.to_string()
}

/// `label` without `prefix`, keeping a leading `new: `.
fn strip_prefix(label: &str, prefix: &str) -> String {
    match label.strip_prefix("new: ") {
        Some(rest) => format!("new: {}", rest.strip_prefix(prefix).unwrap_or(rest)),
        None => label.strip_prefix(prefix).unwrap_or(label).to_string(),
    }
}

/// What a page quotes of each file, asked for before the page is drawn.
#[derive(Default)]
struct Wanted {
    files: BTreeMap<String, WantedOf>,
}

/// What a page quotes of one file.
#[derive(Default)]
struct WantedOf {
    /// Passages of items, with their labels.
    passages: BTreeSet<(Span, String)>,
    /// Claims on timelines: (sentence, claim span).
    excerpts: BTreeSet<(Span, Span)>,
    /// Claims listed under their document.
    claims: BTreeSet<Span>,
}

impl Wanted {
    fn file(&mut self, file: &str) -> &mut WantedOf {
        self.files.entry(file.to_string()).or_default()
    }

    /// Reads each file once (in parallel, a file per task), quotes what is wanted of it
    /// and lets the text go. `text_of` gives a file's text, or `None` when there is none
    /// to quote.
    fn gather<'t>(self, text_of: impl Fn(&str) -> Option<Cow<'t, str>> + Sync) -> Quotes {
        use rayon::prelude::*;
        let files: Vec<(String, WantedOf)> = self.files.into_iter().collect();
        let quoted = files
            .into_par_iter()
            .map(|(file, want)| {
                let Some(text) = text_of(&file) else { return (file, None) };
                let lines = LineIndex::new(&text);
                let of = QuotedOf {
                    passages: want
                        .passages
                        .into_iter()
                        .map(|(span, label)| {
                            let html = context(&text, span, &label, &lines);
                            ((span, label), html)
                        })
                        .collect(),
                    excerpts: want
                        .excerpts
                        .into_iter()
                        .map(|(sentence, span)| {
                            ((sentence, span), crate::audit::excerpt(&text, sentence, span))
                        })
                        .collect(),
                    claims: want
                        .claims
                        .into_iter()
                        .map(|span| (span, claim_cells(&text, &lines, span)))
                        .collect(),
                };
                (file, Some(of))
            })
            .collect();
        Quotes { files: quoted }
    }
}

/// What a page quotes of one file, gathered.
struct QuotedOf {
    passages: BTreeMap<(Span, String), String>,
    excerpts: BTreeMap<(Span, Span), String>,
    claims: BTreeMap<Span, (usize, String)>,
}

/// A page's quotations, gathered ahead (`Wanted::gather`); `None` for a file with no text.
struct Quotes {
    files: BTreeMap<String, Option<QuotedOf>>,
}

impl Quotes {
    fn of(&self, file: &str) -> Option<&QuotedOf> {
        self.files.get(file).and_then(Option::as_ref)
    }

    /// A passage in context (`context`), or `None` when the file has no text.
    fn passage(&self, file: &str, span: Span, label: &str) -> Option<String> {
        self.of(file)?.passages.get(&(span, label.to_string())).cloned()
    }

    /// The words around a claim for its tooltip (`audit::excerpt`; empty without a text).
    fn excerpt(&self, file: &str, sentence: Span, span: Span) -> String {
        self.of(file).and_then(|of| of.excerpts.get(&(sentence, span)).cloned()).unwrap_or_default()
    }

    /// A claim's line and its words, shortened (`claim_cells`; line 0 without a text).
    fn claim(&self, file: &str, span: Span) -> (usize, String) {
        self.of(file).and_then(|of| of.claims.get(&span).cloned()).unwrap_or_default()
    }
}

/// A claim's line and its words (white space made single spaces, cut to 80 characters),
/// as the document's table of claims shows them.
fn claim_cells(text: &str, lines: &LineIndex, span: Span) -> (usize, String) {
    let words = span.slice(text).split_whitespace().collect::<Vec<_>>().join(" ");
    (lines.line_col(text, span.start).0, shorten(&words, 80))
}

/// At most `n` characters, cut in the middle with `…`.
fn shorten(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let head: String = s.chars().take(n / 3).collect();
    let tail: String = s.chars().skip(count - (n - n / 3 - 1)).collect();
    format!("{head}…{tail}")
}

/// A passage in context: up to two lines before and after, each cut to a few hundred
/// characters around the span, the span in `<mark>`.
fn context(text: &str, span: Span, label: &str, lines: &LineIndex) -> String {
    const AROUND: usize = 280;
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    let floor = |i: usize| crate::text::floor_boundary(text, i);
    let ceil = |i: usize| crate::text::ceil_boundary(text, i);
    let (start, end) = (floor(start), ceil(end));
    // Two line breaks back and forth, but no more than AROUND bytes each way.
    let before_limit = floor(start.saturating_sub(AROUND));
    let mut from = start;
    let mut breaks = 0;
    for (i, c) in text.get(before_limit..start).unwrap_or("").char_indices().rev() {
        if c == '\n' {
            breaks += 1;
            if breaks == 3 {
                break;
            }
        }
        from = before_limit + i;
    }
    let after_limit = ceil(end.saturating_add(AROUND).min(text.len()));
    let mut to = end;
    let mut breaks = 0;
    for (i, c) in text.get(end..after_limit).unwrap_or("").char_indices() {
        if c == '\n' {
            breaks += 1;
            if breaks == 3 {
                break;
            }
        }
        to = end + i + c.len_utf8();
    }
    let (line, column) = lines.line_col(text, start);
    let cut_before = from > 0 && text.get(..from).is_some_and(|t| !t.ends_with('\n'));
    let cut_after = to < text.len() && text.get(to..).is_some_and(|t| !t.starts_with('\n'));
    format!(
        "<div class=\"ctx\"><div class=\"where\">line {line}, column {column}: {}</div><pre>{}{}<mark title=\"{}\">{}</mark>{}{}</pre></div>",
        escape(label),
        if cut_before { "… " } else { "" },
        escape(text.get(from..start).unwrap_or("")),
        escape(label),
        escape(text.get(start..end).unwrap_or("")),
        escape(text.get(end..to).unwrap_or("")),
        if cut_after { " …" } else { "" },
    )
}

fn render(p: &Page<'_>) -> String {
    let prefix = common_dir(
        p.docs.iter().map(|d| d.file.as_str()).chain(
            p.timelines
                .iter()
                .flat_map(|t| &t.rows)
                .filter(|r| !r.label.ends_with(" other documents"))
                .map(|r| r.label.strip_prefix("new: ").unwrap_or(&r.label)),
        ),
    );
    let doc_anchor: BTreeMap<&str, usize> =
        p.docs.iter().enumerate().map(|(i, d)| (d.file.as_str(), i)).collect();
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        assets::JS_SHA256,
        escape(&p.title),
        assets::CSS
    );
    let _ = write!(h, "<header><h1>{}</h1><p class=\"intro\">{}</p>", escape(&p.title), escape(&p.intro));
    h.push_str("<nav><a href=\"#summary\">Summary</a> · <a href=\"#timelines\">Timelines</a> · ");
    let _ = write!(
        h,
        "<a href=\"#findings\">{}</a> · <a href=\"#documents\">Documents</a></nav></header>\n<main>\n",
        escape(&capitalize(p.items_name))
    );

    // Summary.
    h.push_str("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
    for (k, v) in &p.summary {
        let class = match k.as_str() {
            "error" | "conflicts" => "card error",
            "warning" | "unsupported" => "card warning",
            _ if v.chars().count() > 12 => "card wide",
            _ => "card",
        };
        let _ = write!(
            h,
            "<div class=\"{class}\"><div class=\"v\">{}</div><div class=\"k\">{}</div></div>",
            escape(v),
            escape(k)
        );
    }
    h.push_str("</div>");
    h.push_str(&p.tables);
    h.push_str("</section>\n");

    // Timelines.
    h.push_str("<section id=\"timelines\"><h2>Timelines</h2>");
    if p.timelines.is_empty() {
        h.push_str("<p class=\"muted\">No event has a finding, so no timeline is drawn.</p>");
    } else {
        h.push_str("<p class=\"legend\">");
        for (class, text) in p.legend {
            let _ = write!(h, "<span class=\"key {class}\"></span> {} ", escape(text));
        }
        h.push_str("· Hover a mark for its passage; click it to jump to it.</p>");
    }
    for (i, t) in p.timelines.iter().enumerate() {
        let _ = write!(
            h,
            "<figure class=\"tl\" id=\"e{i}\" data-event=\"{}\"><figcaption>{} <code>{}</code></figcaption>{}",
            escape(&t.id),
            escape(&capitalize(&t.name)),
            escape(&t.id),
            svg(t, &prefix)
        );
        if !t.bands.is_empty() {
            h.push_str("<ul class=\"refs\">");
            for b in &t.bands {
                let _ = write!(h, "<li>{}</li>", escape(&b.tooltip.replace('\n', " — ")));
            }
            h.push_str("</ul>");
        }
        h.push_str("</figure>\n");
    }
    h.push_str("</section>\n");

    // Findings, with filters.
    let _ = write!(h, "<section id=\"findings\"><h2>{}</h2>", escape(&capitalize(p.items_name)));
    let codes: BTreeMap<&str, usize> = p.items.iter().fold(BTreeMap::new(), |mut m, i| {
        *m.entry(i.code.as_str()).or_default() += 1;
        m
    });
    let sevs: BTreeMap<&str, usize> = p.items.iter().fold(BTreeMap::new(), |mut m, i| {
        *m.entry(i.severity).or_default() += 1;
        m
    });
    if !p.items.is_empty() {
        h.push_str("<form class=\"filters\" hidden><strong>Show:</strong> ");
        for (kind, map) in [("severity", &sevs), ("code", &codes)] {
            let _ = write!(h, "<span class=\"group\">{kind}: ");
            for (v, n) in map {
                let _ = write!(
                    h,
                    "<label><input type=\"checkbox\" checked data-filter=\"{kind}\" value=\"{}\"> {} ({n})</label> ",
                    escape(v),
                    escape(v)
                );
            }
            h.push_str("</span>");
        }
        h.push_str("<span class=\"shown\"></span></form>");
    } else {
        h.push_str("<p class=\"muted\">Nothing to list.</p>");
    }
    let mut order: Vec<(usize, &Item)> = p.items.iter().enumerate().collect();
    order.sort_by_key(|(i, it)| (it.rank, *i));
    for (i, it) in order {
        let _ = write!(
            h,
            "<article class=\"item {sev}\" id=\"f{i}\" data-code=\"{}\" data-severity=\"{sev}\"><h3><span class=\"sev {sev}\">{sev}</span> <code>{}</code> {}</h3>",
            escape(&it.code),
            escape(&it.code),
            escape(&it.message),
            sev = it.severity
        );
        for (file, span, label, primary) in &it.passages {
            let file_link = match doc_anchor.get(file.as_str()) {
                Some(n) => format!("<a href=\"#d{n}\">{}</a>", escape(file)),
                None => escape(file),
            };
            let _ = write!(
                h,
                "<div class=\"passage{}\"><div class=\"file\">{file_link}</div>",
                if *primary { " primary" } else { "" }
            );
            match p.quotes.passage(file, *span, label) {
                Some(html) => h.push_str(&html),
                None => h.push_str("<p class=\"muted\">(text not available)</p>"),
            }
            h.push_str("</div>");
        }
        for q in &it.quotes {
            let _ = write!(h, "<p class=\"quote\">{}</p>", escape(q));
        }
        for n in &it.notes {
            let _ = write!(h, "<p class=\"note\">note: {}</p>", escape(n));
        }
        if let Some(help) = &it.help {
            let _ = write!(h, "<p class=\"help\"><strong>{}:</strong> {}</p>", p.help_name, escape(help));
        }
        if let Some(ev) = &it.event {
            if let Some(t) = p.timelines.iter().position(|t| &t.id == ev) {
                let _ = write!(
                    h,
                    "<p class=\"jump\"><a href=\"#e{t}\">see the timeline of {}</a></p>",
                    escape(ev)
                );
            }
        }
        h.push_str("</article>\n");
    }
    h.push_str("</section>\n");

    // Documents.
    h.push_str("<section id=\"documents\"><h2>Documents</h2>");
    for (n, d) in p.docs.iter().enumerate() {
        let _ = write!(h, "<details class=\"doc\" id=\"d{n}\"{}><summary><strong>{}</strong> <span class=\"muted\">{}</span>", if d.items.is_empty() { "" } else { " open" }, escape(&d.file), escape(&d.meta));
        if !d.items.is_empty() {
            let _ = write!(
                h,
                " <span class=\"badge\">{} {}</span>",
                d.items.len(),
                if d.items.len() == 1 { "item" } else { "items" }
            );
        }
        h.push_str("</summary>");
        if let Some(note) = &d.note {
            let _ = write!(h, "<p class=\"note\">{}</p>", escape(note));
        }
        if !d.items.is_empty() {
            h.push_str("<ul class=\"doc-items\">");
            for &i in &d.items {
                if let Some(it) = p.items.get(i) {
                    let _ = write!(
                        h,
                        "<li class=\"item\" data-code=\"{}\" data-severity=\"{sev}\"><a href=\"#f{i}\"><span class=\"sev {sev}\">{sev}</span> <code>{}</code> {}</a></li>",
                        escape(&it.code),
                        escape(&it.code),
                        escape(&it.message),
                        sev = it.severity
                    );
                }
            }
            h.push_str("</ul>");
        }
        if d.claims.is_empty() {
            h.push_str("<p class=\"muted\">No dated claim about a known event.</p>");
        } else {
            h.push_str("<table class=\"claims\"><thead><tr><th>line</th><th>event</th><th>date</th><th>role / verdict</th><th>words</th></tr></thead><tbody>");
            for c in &d.claims {
                let (line, words) = p.quotes.claim(&d.file, c.span);
                let _ = write!(
                    h,
                    "<tr class=\"{}\"><td class=\"n\">{line}</td><td>{}</td><td>{}</td><td>{}</td><td><q>{}</q></td></tr>",
                    c.class,
                    escape(&c.event),
                    escape(&c.shown),
                    escape(&c.what),
                    escape(&words)
                );
            }
            h.push_str("</tbody></table>");
        }
        h.push_str("</details>\n");
    }
    h.push_str("</section>\n</main>\n");
    let _ = write!(
        h,
        "<footer>Made by chronolint {}.</footer>\n<script>{}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        assets::JS
    );
    h
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_the_five_characters() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("plain é"), "plain é");
    }

    #[test]
    fn tick_step_keeps_at_most_twelve_ticks() {
        for (years, step) in [(3, 1), (12, 1), (13, 2), (30, 5), (100, 10), (400, 50)] {
            assert_eq!(tick_step(years), step, "{years} years");
        }
    }

    #[test]
    fn context_marks_the_span_and_escapes_around_it() {
        let text = "one\ntwo <b>\nthe 1894 war\nfour\nfive\nsix\nseven";
        let ix = LineIndex::new(text);
        let start = text.find("1894").unwrap_or(0);
        let html = context(text, Span::new(start, start + 4), "dated 1894 here", &ix);
        assert!(html.contains("<mark title=\"dated 1894 here\">1894</mark>"), "{html}");
        assert!(html.contains("two &lt;b&gt;"), "{html}");
        assert!(html.contains("line 3, column 5"), "{html}");
        // Two lines on each side, no more.
        assert!(html.contains("one") && html.contains("five") && !html.contains("six"), "{html}");
    }

    #[test]
    fn context_survives_spans_off_char_boundaries_and_out_of_range() {
        let text = "ééé 1894 ééé";
        let ix = LineIndex::new(text);
        let _ = context(text, Span::new(1, 3), "x", &ix);
        let _ = context(text, Span::new(500, 900), "x", &ix);
    }

    #[test]
    fn common_dir_is_the_shared_folder() {
        assert_eq!(common_dir(["a/b/c.txt", "a/b/d/e.txt"].into_iter()), "a/b/");
        assert_eq!(common_dir(["a/bc.txt", "a/bd.txt"].into_iter()), "a/");
        assert_eq!(common_dir(["x.txt", "a/b.txt"].into_iter()), "");
        assert_eq!(strip_prefix("new: a/b/c.txt", "a/b/"), "new: c.txt");
    }

    fn row(label: &str, dates: &[(Day, &'static str)]) -> Row {
        let marks = dates
            .iter()
            .map(|&(d, class)| Mark {
                earliest: d,
                latest: d,
                shown: d.to_string(),
                edtf: d.to_string(),
                tooltip: String::new(),
                class,
                href: None,
                count: 1,
            })
            .collect();
        Row { label: label.into(), href: String::new(), marks }
    }

    #[test]
    fn long_timelines_fold_the_unflagged_rows_into_one() {
        let few: Vec<Row> = (0..3).map(|i| row(&format!("d{i}"), &[(10, "claim")])).collect();
        assert_eq!(fold_rows(few).len(), 3, "short timelines keep one row per document");

        let mut many: Vec<Row> = (0..30).map(|i| row(&format!("d{i}"), &[(10, "claim")])).collect();
        many.push(row("bad", &[(12, "conflict")]));
        many.push(row("odd", &[(11, "claim")]));
        let folded = fold_rows(many);
        let labels: Vec<&str> = folded.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["bad", "31 other documents"]);
        let counts: Vec<(Day, usize)> = folded[1].marks.iter().map(|m| (m.earliest, m.count)).collect();
        assert_eq!(counts, [(10, 30), (11, 1)]);
    }

    #[test]
    fn timelines_draw_disputed_views_and_escape_their_sources() {
        let day = |y| days_from_civil(y, 1, 1);
        let band = |y: i64, source: &str| Band {
            earliest: day(y),
            latest: day(y) + 364,
            label: y.to_string(),
            tooltip: format!("disputed view: {y}\nsource: {source}"),
            disputed: true,
        };
        let t = Timeline {
            name: "the <Boxer> Rising".into(),
            id: "boxer-rising".into(),
            rows: vec![row("a.txt", &[(day(1900), "conflict")])],
            bands: vec![band(1899, "Esherick & \"Cohen\""), band(1900, "Cohen")],
        };
        let svg = svg(&t, "");
        assert_eq!(svg.matches("<g class=\"band disputed\">").count(), 2, "{svg}");
        assert!(svg.contains("source: Esherick &amp; &quot;Cohen&quot;"), "{svg}");
        assert!(svg.contains("the &lt;Boxer&gt; Rising") && !svg.contains("<Boxer>"), "{svg}");
        // Ticks cover the years drawn, with a year of margin.
        for y in ["1898", "1899", "1900", "1901", "1902"] {
            assert!(svg.contains(&format!(">{y}</text>")), "tick {y}: {svg}");
        }
    }

    #[test]
    fn crowded_rows_keep_their_labels_apart_inside_the_plot_and_their_height_bounded() {
        // 200 claims on 200 days in a row, a finding every seventh: the labels cannot all
        // be drawn.
        let first = days_from_civil(1904, 1, 1);
        let dates: Vec<(Day, &'static str)> =
            (0..200).map(|i| (first + i, if i % 7 == 0 { "conflict" } else { "claim" })).collect();
        let r = row("a.txt", &dates);
        let (d0, d1) = (days_from_civil(1903, 1, 1), days_from_civil(1906, 1, 1));
        let x = |d: Day| {
            LABEL_WIDTH as f64 + (d - d0) as f64 * (PLOT_END - LABEL_WIDTH) as f64 / (d1 - d0) as f64
        };
        let layout = layout_row(&r, &x);
        assert_eq!(layout.marks.len(), 200, "every mark is drawn");
        assert!(layout.below <= MOST_BELOW, "{} lines below", layout.below);
        let placed: Vec<(usize, f64, f64, &str)> = layout
            .marks
            .iter()
            .filter_map(|(m, p)| {
                let p = p.as_ref()?;
                Some((p.lane, p.x, p.x + layout::text_width(&mark_text(m), SMALL), m.class))
            })
            .collect();
        assert!(placed.len() > 10 && placed.len() < 200, "{} labels placed", placed.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(a.1 >= LABEL_WIDTH as f64 && a.2 <= PLOT_END as f64, "inside the plot: {a:?}");
            for b in placed.get(i + 1..).unwrap_or_default() {
                assert!(a.0 != b.0 || a.2 <= b.1 || b.2 <= a.1, "{a:?} overlaps {b:?}");
            }
        }
        // Findings are placed first, so some of them keep a label.
        assert!(placed.iter().any(|p| p.3 == "conflict"));
        let t = Timeline { name: "x".into(), id: "x".into(), rows: vec![r], bands: Vec::new() };
        let height: i64 = svg(&t, "")
            .split("viewBox=\"0 0 1000 ")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .and_then(|h| h.parse().ok())
            .unwrap();
        assert!(height <= 36 + ROW_HEIGHT + LINE * MOST_BELOW as i64 + 26, "height {height}");
    }

    #[test]
    fn shorten_cuts_in_the_middle() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("abcdefghijkl", 6), "ab…jkl");
    }
}
