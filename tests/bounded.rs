//! Bounded work: inputs that would make a careless pipeline superlinear still finish.
//! (How fast is the benchmark's business; these only have to end, and stay correct.)

use assert_cmd::Command;
use std::fs;

fn corpus_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("rules")).unwrap();
    fs::copy(
        crate::common::at("tests/fixtures/shard/rules/events.toml"),
        dir.path().join("rules/events.toml"),
    )
    .unwrap();
    fs::write(dir.path().join("chronolint.toml"), "rules = [\"rules\"]\n").unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

/// `corpus_with`, and the repository's entities (place names and when they held) for
/// `anachronism`.
fn corpus_with_entities(name: &str, text: &str) -> tempfile::TempDir {
    let dir = corpus_with(name, text);
    fs::copy(crate::common::at("rules/entities.toml"), dir.path().join("rules/entities.toml")).unwrap();
    dir
}

/// A folder holding `text` as `name`, checked with the repository's rules.
fn with_repository_rules(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = crate::common::at("rules");
    fs::write(dir.path().join("chronolint.toml"), format!("rules = [{:?}]\n", rules.display().to_string()))
        .unwrap();
    fs::write(dir.path().join(name), text).unwrap();
    dir
}

/// A distinct word for each `i` (a repeated sentence is judged once).
fn word(mut i: usize) -> String {
    (0..5)
        .map(|_| {
            let c = char::from(b'a' + (i % 26) as u8);
            i /= 26;
            c
        })
        .collect()
}

/// Adds the siege of Port Arthur to the rules of `dir`: `extra` lines of its event table
/// (a description), and one date.
fn siege_rule(dir: &std::path::Path, extra: &str, role: &str, value: &str) {
    let rule = format!(
        "[[event]]\nid = \"siege-of-port-arthur\"\nname = \"the siege of Port Arthur\"\nkind = \"siege\"\n{extra}\n\n\
         [[event.date]]\nrole = \"{role}\"\nvalue = \"{value}\"\nsource = \"a test date\"\n"
    );
    fs::write(dir.join("rules/siege.toml"), rule).unwrap();
}

fn anachronisms(v: &serde_json::Value) -> usize {
    v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "anachronism").count()
}

fn summary(dir: &std::path::Path) -> serde_json::Value {
    let out = Command::cargo_bin("chronolint")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v
}

#[test]
fn thousands_of_dates_and_names_in_one_sentence() {
    // One sentence (no full stop) of 20,000 dated names: every time used to be compared
    // with every name of its sentence.
    let text = "The Treaty of Portsmouth was signed in 1905, ".repeat(20_000);
    let dir = corpus_with("one-sentence.txt", &text);
    let v = summary(dir.path());
    // A run of "X in 1905, X in 1905, ..." reads as a list, whose dates claim assembly
    // does not hand out (precision first); the point here is that the run ends.
    assert!(v["summary"]["claims"].as_u64().unwrap() >= 1, "{}", v["summary"]);
    assert_eq!(v["summary"]["error"], 0, "they all agree with the reference");
}

#[test]
fn thousands_of_conflicting_claims_about_one_event_are_summarised() {
    // 3,000 claims, three distinct dates: one finding per distinct wrong date, not per pair.
    let mut text = String::new();
    for i in 0..3_000 {
        let year = [1905, 1906, 1907][i % 3];
        text.push_str(&format!("Note {i}. The Treaty of Portsmouth was signed in {year}.\n"));
    }
    let dir = corpus_with("many.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 3_000);
    let conflicts =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "date-conflict").count();
    assert_eq!(conflicts, 2, "1906 and 1907 against the 1905 the reference admits");
}

#[test]
fn a_100_mb_file_on_one_line_is_read() {
    // 100 MB with no line break and no full stop: one line, one paragraph, and sentences
    // only where the text gives them.
    let chunk = "the powers met again and talked at length about the terms; nothing was signed that day, ";
    let mut text = String::with_capacity(101 << 20);
    while text.len() < 100 << 20 {
        text.push_str(&chunk.repeat(20));
        text.push_str("The Treaty of Portsmouth was signed in 1905, ");
    }
    let dir = corpus_with("one-line.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["files"], 1);
    assert!(v["summary"]["claims"].as_u64().unwrap() > 50_000, "{}", v["summary"]);
}

#[test]
fn a_paragraph_of_a_hundred_thousand_citations() {
    // Each find was compared with every citation kept before it: a page of links and
    // footnotes (here with a dated claim, so the paragraph is searched) never ended.
    let mut text = String::from("The Treaty of Portsmouth was signed in 1905 [1]");
    for i in 0..100_000 {
        text.push_str(&format!(" https://example.org/p{i} [{}]", i % 900 + 2));
    }
    text.push_str(".\n");
    let dir = corpus_with("links.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 1, "{}", v["summary"]);
}

#[test]
fn a_line_of_broken_ref_tags() {
    // Each broken `ref>` read its whole line back to the start, and kept it as its target:
    // 40,000 of them on a 1.5 MB line took minutes and tens of GB of copying.
    let text = format!(
        "The Treaty of Portsmouth was signed in 1905 {}.\n",
        "and some words here about it all ref> ".repeat(40_000)
    );
    let dir = corpus_with("refs.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["files"], 1, "{}", v["summary"]);
}

#[test]
fn a_sentence_of_unknown_event_names() {
    // Each name a head word ("War") found counted the words of the whole sentence (the
    // title-case test): 125,000 names in one sentence took minutes.
    let dir = corpus_with("names.txt", &"the Foo War ".repeat(125_000));
    let v = summary(dir.path());
    assert_eq!(v["summary"]["files"], 1, "{}", v["summary"]);
}

#[test]
fn a_document_of_anniversaries() {
    // Each anniversary phrase looked through every mention and every time of the
    // document for those of its sentence.
    let text: String = (0..40_000)
        .map(|i| {
            format!(
                "Today is the {}th anniversary of the Treaty of Portsmouth, said speaker {i}. ",
                i % 150 + 4
            )
        })
        .collect();
    let dir = corpus_with("anniversaries.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["files"], 1, "{}", v["summary"]);
}

#[test]
fn a_paragraph_of_quotations() {
    // Every quotation tested every sentence of its paragraph: 80,000 quotations on one
    // line took 11 s.
    let dir = corpus_with("quotes.txt", &"“The Treaty of Portsmouth was signed in 1907.” ".repeat(80_000));
    let v = summary(dir.path());
    assert_eq!(v["summary"]["files"], 1, "{}", v["summary"]);
    assert_eq!(v["summary"]["error"], 0, "a quoted 1907 is not the author's claim: {}", v["summary"]);
}

#[test]
fn a_page_of_forty_thousand_quoted_posts() {
    // Each quoted post, in every markup, holds a wrong date and a reply its own: the
    // blocks are swept once as the sentences go forward, not read for each sentence.
    let post = "[quote=\"Ivan\"]The Treaty of Portsmouth was signed in 1907.[/quote] The Treaty of Portsmouth was signed in 1905.\n\
        <blockquote>The Treaty of Portsmouth was signed in 1907.</blockquote> The Treaty of Portsmouth was signed in 1905.\n\
        Olga said:\nThe Treaty of Portsmouth was signed in 1907.\nClick to expand...\nThe Treaty of Portsmouth was signed in 1905.\n\
        > The Treaty of Portsmouth was signed in 1907.\n\nThe Treaty of Portsmouth was signed in 1905.\n\n";
    let dir = corpus_with("forum.txt", &post.repeat(10_000));
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 80_000, "{}", v["summary"]);
    assert_eq!(v["summary"]["error"], 0, "a quoted 1907 is not the author's claim: {}", v["summary"]);
}

#[test]
fn a_line_of_two_hundred_thousand_dated_sentences() {
    // Each sentence's line was found from the sentence back to the line's start (is it a
    // `>` line?): a megabyte-long line was read again for each of its sentences.
    let dir = corpus_with("line.txt", &"The Treaty of Portsmouth was signed in 1905. ".repeat(200_000));
    assert_eq!(summary(dir.path())["summary"]["claims"], 200_000);
}

#[test]
fn thousands_of_findings_in_one_file_in_every_format() {
    // Each finding's line and column were counted from the start of its line (JSON), and
    // miette read the file from its start for each (human): 17,000 findings in a 0.4 MB
    // file took 12 s in the human format; 24,000 on one line, 21 s in JSON.
    let per_line = "<!-- chronolint-disable-next-line nope -->\n".repeat(17_000);
    let one_line = "<!-- chronolint-disable-next-line date-conflict -- why --> ".repeat(24_000);
    for (name, text) in [("lines.txt", per_line), ("line.txt", one_line)] {
        let dir = corpus_with(name, &text);
        for format in ["json", "human"] {
            let out = Command::cargo_bin("chronolint")
                .unwrap()
                .args(["check", "--format", format])
                .arg(dir.path())
                .output()
                .unwrap();
            let report = String::from_utf8_lossy(&out.stdout);
            let findings =
                report.matches("invalid-suppression").count() + report.matches("unused-suppression").count();
            assert!(findings >= 17_000, "{name} {format}: {findings} findings");
        }
    }
}

/// 30,000 copies of `row`, one claim each, in one sentence (no full stop): each time used
/// to read the rest of the sentence for the end of its clause, and the sentence from its
/// start for a comma (13 to 16 s each in a release build; 0.2 to 0.3 s now).
fn thirty_thousand_claims_in_one_sentence(name: &str, row: &str) {
    let dir = corpus_with(name, &row.repeat(30_000));
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 30_000, "{}", v["summary"]);
}

#[test]
fn a_sentence_of_thirty_thousand_dated_names_with_no_comma() {
    thirty_thousand_claims_in_one_sentence("run-on.txt", "the Treaty of Portsmouth in 1905 ");
}

#[test]
fn thirty_thousand_question_prefixes_in_one_sentence() {
    // "WI:" (a wiki heading's initials) joins nothing: still one sentence.
    thirty_thousand_claims_in_one_sentence("wi.txt", "WI: the Treaty of Portsmouth in 1905 ");
}

#[test]
fn thirty_thousand_corrections_in_one_sentence() {
    // Each denied date was read with the whole sentence around it.
    thirty_thousand_claims_in_one_sentence(
        "denied.txt",
        "the Treaty of Portsmouth was signed in 1905, not 1906; ",
    );
}

#[test]
fn a_markdown_table_of_thirty_thousand_dated_rows() {
    // Rows with no full stop.
    thirty_thousand_claims_in_one_sentence("table.md", "| 1905 | Treaty of Portsmouth signed |\n");
}

#[test]
fn a_headed_table_of_thirty_thousand_rows_is_read_by_its_header_once() {
    // Each row's year and name are in different cells, so each asks what the header calls
    // the name's column: the document's tables are found once, not per row.
    let rows = "| 1905 | Treaty of Portsmouth signed |\n".repeat(30_000);
    let dir = corpus_with("timeline.md", &format!("| year | event |\n|---|---|\n{rows}"));
    assert_eq!(summary(dir.path())["summary"]["claims"], 30_000);
    // A list of books about it: the year is the book's, the event its topic.
    let rows = "| Smith | 1906 | Treaty of Portsmouth |\n".repeat(30_000);
    let dir = corpus_with("books.md", &format!("| author | year | topic |\n|---|---|---|\n{rows}"));
    assert_eq!(summary(dir.path())["summary"]["claims"], 0);
}

#[test]
fn eighty_thousand_sentences_naming_a_place() {
    // Every name was judged against all the document's dates (9.2 s in a release build,
    // 0.4 s now); one sentence in ten dates Port Arthur before it had the name (1860).
    let text: String = (0..80_000)
        .map(|i| {
            format!(
                "Port Arthur was held in {} by the {} army.\n",
                if i % 10 == 0 { 1850 } else { 1900 },
                word(i)
            )
        })
        .collect();
    let dir = corpus_with_entities("places.txt", &text);
    let v = summary(dir.path());
    assert_eq!(anachronisms(&v), 8_000, "{}", v["summary"]);
}

#[test]
fn one_sentence_naming_a_place_twenty_thousand_times() {
    // No stop: each name looked at every date of the sentence and searched all of it for
    // a gloss ("now", "renamed"): 41 s in a release build, 0.5 s now.
    let text: String =
        (0..20_000).map(|i| format!("Port Arthur was held in 1850 by the {} army\n", word(i))).collect();
    let dir = corpus_with_entities("places.txt", &text);
    let v = summary(dir.path());
    assert_eq!(anachronisms(&v), 20_000, "{}", v["summary"]);
}

#[test]
fn twenty_thousand_sentences_after_mojibake_quotes() {
    // A C1 control character (the middle of a UTF-8 curly quote read as Latin-1) before
    // each sentence keeps them from being split: one sentence, as above (46 s in a
    // release build, 0.6 s now).
    let text: String = (0..20_000)
        .map(|i| format!("\u{e2}\u{80}\u{9c}Port Arthur was held in 1850 by the {} army.\n", word(i)))
        .collect();
    let dir = corpus_with_entities("mojibake.txt", &text);
    let v = summary(dir.path());
    assert_eq!(anachronisms(&v), 20_000, "{}", v["summary"]);
}

#[test]
fn a_paragraph_of_day_dates_for_one_event() {
    // Each pair of days twelve or thirteen days apart read the whole file again, and
    // searched it for its paragraph's ends and for Russia: 1.5 MB of such lines in one
    // paragraph took 47 s (this one, 7 s in a release build). With the shipped rules,
    // where the war has a day.
    // Many distinct days (a fixed pseudo-random walk), so many pairs an offset apart,
    // written as messages write them ("23 April 1895").
    let mut x: u64 = 7;
    let text: String = (0..12_000)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let day = chronolint::time::TimeValue::day(
                1880 + ((x >> 48) % 46) as i64,
                ((x >> 40) % 12 + 1) as u8,
                ((x >> 33) % 28 + 1) as u8,
            );
            format!("The Russo-Japanese War began on {day}.\n")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let rules = crate::common::at("rules");
    fs::write(dir.path().join("chronolint.toml"), format!("rules = ['{}']\n", rules.display())).unwrap();
    fs::write(dir.path().join("days.txt"), text).unwrap();
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 12_000, "{}", v["summary"]);
}

#[test]
fn a_paragraph_of_attributed_claims() {
    // Every claim carried every citation of its paragraph: 20,000 attributed claims in one
    // paragraph made 400 million citations (gigabytes). Now the nearest few.
    let text: String = (0..20_000)
        .map(|i| format!("According to Scholar{i} Writer, the Treaty of Portsmouth was signed in 1905.\n"))
        .collect();
    let dir = corpus_with("according.txt", &text);
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 20_000, "{}", v["summary"]);
}

#[test]
fn a_description_and_forty_thousand_times_in_one_sentence() {
    // Every time of a sentence was compared with each description in it by reading the
    // words between the two: a run-on line of them read the line once per time.
    let dir = corpus_with("run-on.txt", &"Port Arthur was besieged in 1904 and ".repeat(40_000));
    siege_rule(dir.path(), "describe = [[\"Port Arthur\", \"besieged|siege\"]]", "start", "1904-08-01");
    let v = summary(dir.path());
    // One description per sentence, from its first words: only the time beside it is
    // near enough to date it.
    assert_eq!(v["summary"]["claims"], 1, "{}", v["summary"]);
}

#[test]
fn a_place_and_its_verb_deep_in_a_sentence_of_megabytes() {
    // A sentence longer than the part `find_seen` folds at a time, naming its place only
    // after two megabytes: the place and its verb are looked for a part at a time (the
    // whole sentence used to be folded into one copy of its length).
    let filler = "the garrison waited and the guns were silent for many days, ".repeat(40_000);
    let text = format!("{filler}and at last Port Arthur fell in 1904, {filler}");
    let dir = corpus_with("siege.txt", &text);
    siege_rule(dir.path(), "", "end", "1905-01-02");
    let v = summary(dir.path());
    assert_eq!(v["summary"]["claims"], 1, "{}", v["summary"]);
    let mismatches: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "reference-mismatch").collect();
    assert_eq!(mismatches.len(), 1, "{}", v["diagnostics"]);
    assert!(mismatches[0]["message"].as_str().unwrap().contains("siege of Port Arthur"), "{}", mismatches[0]);
}

#[test]
fn twenty_thousand_distinct_misspelt_event_names() {
    // Each distinct unknown name was compared with every word of every event's names
    // (about 13 µs a byte with the repository's rules): now with an index of their words.
    // Every name here is another misspelling of Portsmouth (two letters changed), heading a
    // conference (a kind of event a treaty can be mistaken for).
    let letters: Vec<char> = ('a'..='z').collect();
    let names: Vec<String> = (0..20_000)
        .map(|i| {
            let mut w: Vec<char> = "Portsmouth".chars().collect();
            let (a, b) = (1 + i % 9, 1 + (i / 9) % 9);
            let b = if b == a { 1 + (b % 9) } else { b };
            for (at, k) in [(a, i / 81), (b, i / 81 / 26 + 7)] {
                let c = letters[k % 26];
                w[at] = if c == w[at] { letters[(k + 1) % 26] } else { c };
            }
            w.into_iter().collect()
        })
        .collect();
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    let text: String = names.iter().map(|n| format!("the {n} Conference and ")).collect();
    let dir = with_repository_rules("names.txt", &text);
    let v = summary(dir.path());
    let unknown: Vec<&serde_json::Value> =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "unknown-event").collect();
    // Each distinct name is reported once in the document, as a slip for the Treaty of
    // Portsmouth: a word of ten letters two edits from "Portsmouth".
    assert_eq!(unknown.len(), distinct.len(), "{}", v["summary"]);
    assert!(distinct.len() > 5_000, "{}", distinct.len());
    assert!(unknown.iter().all(|d| d["help"].as_str().is_some_and(|h| h.contains("Treaty of Portsmouth"))));
}

#[test]
fn an_unknown_name_in_twenty_thousand_sentences_copied_in_lowercase_before() {
    // Each sentence naming the unknown event has a copy further back in lowercase, in a
    // block nothing makes the extract split: the sentences were asked about one per
    // round, and each round searched the text.
    let n = 20_000;
    let sentence =
        |i: usize| format!("The Russo-China War was fought by soldier {} and many others.", word(i));
    let low: Vec<String> = (0..n).map(|i| sentence(i).to_lowercase()).collect();
    let high: Vec<String> = (0..n).map(sentence).collect();
    let text = [low, high].concat().join("\n\n");
    let dir = with_repository_rules("copies.txt", &text);
    let v = summary(dir.path());
    // Every sentence naming it repeats one before it, so none is reported.
    let unknown =
        v["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "unknown-event").count();
    assert_eq!(unknown, 0, "{}", v["summary"]);
}

#[test]
fn a_date_page_of_twenty_thousand_entries() {
    // Each entry's second sentence is dated by the year heading its line: the heading is
    // found by a look back over that line only, not over the page.
    let text: String = (0..20_000)
        .map(|i| {
            format!(
                "{} – The envoys arrived. They recalled the {} minister from Moscow.\n",
                1850 + i % 50,
                word(i)
            )
        })
        .collect();
    let dir = corpus_with_entities("page.txt", &text);
    let v = summary(dir.path());
    assert_eq!(anachronisms(&v), 20_000, "{}", v["summary"]);
}
