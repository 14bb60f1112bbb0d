//! `--html F`: the report rendered in headless Chromium. The DOM after scripts ran is
//! checked for timelines, both sides of a conflict, and planted markup shown as text.
//!
//! Chromium is required: these tests fail, never skip, when it is missing
//! (`apt-get install -y chromium`; `.ci/run` installs it).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium() -> PathBuf {
    let path = PathBuf::from(CHROMIUM);
    assert!(
        path.is_file(),
        "{CHROMIUM} is missing: install it with `apt-get update && apt-get install -y chromium`"
    );
    path
}

/// Runs headless Chromium on a page with `extra` arguments, returns stdout.
fn browse(page: &Path, profile: &Path, extra: &[String]) -> String {
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 DOM")
}

/// The DOM after scripts ran, and a screenshot next to the page.
fn render(page: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let dom = browse(page, &dir.path().join("dom"), &["--dump-dom".to_string()]);
    let png = page.with_extension("png");
    browse(
        page,
        &dir.path().join("shot"),
        &[format!("--screenshot={}", png.display()), "--window-size=1400,2000".to_string()],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "the screenshot is a PNG");
    dom
}

fn write_report(paths: &[&str], page: &Path) -> serde_json::Value {
    let out = Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .arg("check")
        .args(paths)
        .args(["--format", "json", "--html"])
        .arg(page)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A path under the target folder's test scratch space, kept after the run so a person
/// can open the page and its screenshot (`<target>/tmp/html-report/*.html|png`).
fn kept(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The text of the page's own `<title>` (the first one, in `<head>`).
fn head_title(dom: &str) -> &str {
    let head = dom.split("</head>").next().unwrap_or("");
    head.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("")
}

#[test]
fn corpus_report_has_one_timeline_per_event_with_a_finding() {
    let page = kept("corpus.html");
    let json = write_report(&["corpus"], &page);
    let mut events: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["event"].as_str().map(str::to_string))
        .collect();
    events.sort();
    events.dedup();

    let dom = render(&page);
    assert_eq!(head_title(&dom), "chronolint report");
    assert_eq!(dom.matches("<svg class=\"timeline\"").count(), events.len(), "{events:?}");
    for e in &events {
        assert!(dom.contains(&format!("data-event=\"{e}\"")), "a timeline for {e}");
    }
    let files = json["summary"]["files"].as_u64().unwrap() as usize;
    assert_eq!(dom.matches("<details class=\"doc\"").count(), files, "one section per document");
}

#[test]
fn planted_markup_is_shown_as_text_and_both_dates_are_on_the_timeline() {
    let page = kept("fixture.html");
    let json = write_report(&["tests/fixtures/html/corpus"], &page);
    assert!(json["summary"]["error"].as_u64().unwrap() >= 1, "the fixture has a date conflict");

    let dom = render(&page);
    // The planted script did not run: it would have renamed the page and added a paragraph.
    assert_eq!(head_title(&dom), "chronolint report");
    assert!(!dom.contains("<p id=\"planted\">"), "the planted script ran");
    // Nor was any of the planted markup made an element.
    for element in ["<script>document", "<img", "<b>admin"] {
        assert!(!dom.contains(element), "planted markup became an element: {element}");
    }
    // It is shown as text instead, as are the other tags of the forum post.
    assert!(dom.contains("&lt;script&gt;document.title='pwned';"), "planted script shown as text");
    assert!(dom.contains("&lt;b&gt;admin&lt;/b&gt;"));
    assert!(dom.contains("&lt;img src=x onerror="));
    // The rule source with markup is text too, inside the SVG tooltip as well.
    assert!(dom.contains("p. 25 &lt;i&gt;&amp;amp;&lt;/i&gt;"));
    // Our own script did run: the filters are shown and counted.
    assert!(dom.contains("<form class=\"filters\">"), "filters are visible after the script ran");
    assert!(dom.contains("2 of 2 shown"));

    // One timeline (the Triple Intervention), holding both conflicting dates and the reference.
    assert_eq!(dom.matches("<svg class=\"timeline\"").count(), 1);
    let svg = dom.split("<svg class=\"timeline\"").nth(1).and_then(|s| s.split("</svg>").next()).unwrap();
    assert!(svg.contains("data-date=\"1894\""), "the forum's 1894");
    assert!(svg.contains("data-date=\"1895-SP\""), "the encyclopedia's spring of 1895");
    assert!(svg.contains("class=\"mark conflict\""), "the finding is marked");
    assert!(svg.contains("class=\"band\""), "the reference date is drawn");
    assert!(svg.contains("source: Ian Nish"), "the reference's source is in its tooltip");
    // The passage is highlighted in context.
    assert!(dom.contains("<mark title=\"dated 1894 here\">Triple Intervention of 1894</mark>"));
}

#[test]
fn html_output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.html"), dir.path().join("b.html"));
    write_report(&["tests/fixtures/html/corpus"], &a);
    write_report(&["tests/fixtures/html/corpus"], &b);
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn audit_report_shows_planted_markup_as_text_and_the_conflicting_dates() {
    let page = kept("audit.html");
    let out = Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["audit", "tests/fixtures/html/new", "--against", "tests/fixtures/html/corpus", "--html"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "1896 conflicts with the reference's 1895");

    let dom = render(&page);
    assert_eq!(head_title(&dom), "chronolint audit");
    assert!(
        !dom.contains("<p id=\"planted\">") && !dom.contains("<em>guest"),
        "planted markup became elements"
    );
    assert!(dom.contains("&lt;script&gt;document.title='pwned';"));
    assert!(dom.contains("&lt;em&gt;guest&lt;/em&gt; &amp; \"friends\""));
    assert_eq!(dom.matches("<svg class=\"timeline\"").count(), 1);
    let svg = dom.split("<svg class=\"timeline\"").nth(1).and_then(|s| s.split("</svg>").next()).unwrap();
    // The new document's 1896 against the corpus's 1894 and 1895.
    for year in ["1894", "1895-SP", "1896"] {
        assert!(svg.contains(&format!("data-date=\"{year}\"")), "{year} on the timeline");
    }
    assert!(svg.contains("class=\"mark conflict\""));
}

#[test]
fn every_listed_claim_shows_its_line_and_words_whatever_the_run_kept() {
    // The page reads again the files it quotes: claims of documents with no finding, whose
    // text the run never kept, are listed with their line and words too, and the page is
    // the same whether or not the run kept the quoted files.
    use chronolint::engine::Quoted;
    let corpus = crate::common::at("corpus");
    let page = |quoted| {
        let run = chronolint::check_paths(&[&corpus], &chronolint::Options { quoted, ..Default::default() })
            .expect("runs");
        (chronolint::report::html::render_check(&run), run)
    };
    let (html, run) = page(Quoted::Text);
    assert_eq!(html, page(Quoted::Positions).0);
    let quoted_files: std::collections::BTreeSet<&str> =
        run.diagnostics.iter().map(|d| d.primary.file.as_str()).collect();
    let claimed: std::collections::BTreeSet<&str> =
        run.index.claims.iter().filter_map(|c| run.docs.get(c.doc)).map(|d| d.path.as_str()).collect();
    assert!(
        claimed.iter().any(|f| !quoted_files.contains(f)),
        "the corpus has a document with claims and no finding: {claimed:?}"
    );
    let rows: Vec<&str> = html.split("<tr class=\"").skip(1).filter(|r| r.contains("<q>")).collect();
    assert_eq!(rows.len(), run.claims, "one row per claim");
    for row in rows {
        let line: usize = row
            .split("<td class=\"n\">")
            .nth(1)
            .and_then(|r| r.split('<').next())
            .and_then(|n| n.parse().ok())
            .expect("a line number");
        let words = row.split("<q>").nth(1).and_then(|r| r.split("</q>").next()).unwrap_or_default();
        assert!(line >= 1 && !words.trim().is_empty(), "{row}");
    }
}

/// Measures every word of every timeline as Chromium sets it and lists, in
/// `<pre id="layout-check">`, the words that overlap one another, the date labels that
/// cover another claim's mark, and the words outside the picture; first the number of
/// words measured.
const LAYOUT_CHECK: &str = r#"<script>
(function () {
  var problems = [], words = 0;
  function box(b) { return { x0: b.x, x1: b.x + b.width, y0: b.y, y1: b.y + b.height }; }
  function over(a, b) {
    return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1;
  }
  document.querySelectorAll('svg.timeline').forEach(function (svg) {
    var name = svg.getAttribute('aria-label'), view = svg.viewBox.baseVal;
    var texts = Array.prototype.map.call(svg.querySelectorAll('text'), function (t) {
      var b = box(t.getBBox());
      b.node = t;
      b.words = t.lastChild.textContent;
      return b;
    });
    words += texts.length;
    texts.forEach(function (a, i) {
      if (a.x0 < -0.5 || a.x1 > view.width + 0.5 || a.y0 < -0.5 || a.y1 > view.height + 0.5) {
        problems.push(name + ': "' + a.words + '" is outside the picture');
      }
      for (var j = i + 1; j < texts.length; j++) {
        if (over(a, texts[j])) problems.push(name + ': "' + a.words + '" overlaps "' + texts[j].words + '"');
      }
    });
    svg.querySelectorAll('g.mark').forEach(function (g) {
      var shape = box(g.querySelector('rect, circle').getBBox());
      texts.forEach(function (a) {
        if (a.node.classList.contains('val') && a.node.parentNode !== g && over(a, shape)) {
          problems.push(name + ': "' + a.words + '" covers the mark of ' + g.getAttribute('data-date'));
        }
      });
    });
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-check';
  pre.textContent = ['words ' + words].concat(problems).join('\n');
  document.body.appendChild(pre);
})();
</script>"#;

/// What `LAYOUT_CHECK` finds on `page`: the number of timeline words, and the problems.
fn layout_problems(page: &Path) -> (usize, Vec<String>) {
    let html = std::fs::read_to_string(page).unwrap();
    // The page's policy runs its own script only (by hash): the copy measured drops it.
    let policy = html.find("<meta http-equiv=\"Content-Security-Policy\"").expect("the page has a policy");
    let end = policy + html[policy..].find('>').unwrap() + 1;
    let html = format!("{}{}", &html[..policy], &html[end..]);
    assert!(html.contains("</body>"));
    let checked = page.with_extension("layout.html");
    std::fs::write(&checked, html.replace("</body>", &format!("{LAYOUT_CHECK}</body>"))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dom = browse(&checked, dir.path(), &["--dump-dom".to_string()]);
    let report = dom
        .split("<pre id=\"layout-check\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .expect("the layout check ran");
    let mut lines = report.lines();
    let words = lines.next().and_then(|l| l.strip_prefix("words ")).and_then(|n| n.parse().ok()).unwrap();
    (words, lines.map(str::to_string).collect())
}

#[test]
fn timeline_words_overlap_nothing_and_stay_in_the_picture() {
    // The corpus, and a fixture crowding close dates of two events into three documents,
    // one with a file name too long for the room left of the plot.
    for (name, path) in
        [("layout-corpus.html", "corpus"), ("layout-crowded.html", "tests/fixtures/html/crowded")]
    {
        let page = kept(name);
        let json = write_report(&[path], &page);
        let events: std::collections::BTreeSet<&str> =
            json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["event"].as_str()).collect();
        assert!(events.len() >= 2, "{path}: timelines to draw: {events:?}");
        let (words, problems) = layout_problems(&page);
        // Each timeline has at least its row labels, a date and its year ticks.
        assert!(words >= 5 * events.len(), "{path}: {words} words measured");
        assert!(problems.is_empty(), "{path}:\n{}", problems.join("\n"));
    }
}
