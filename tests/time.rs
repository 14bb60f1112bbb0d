//! The temporal grammar against hand-annotated sentences (tests/fixtures/time/cases.tsv),
//! a held-out set scored for span F1 and value accuracy (heldout.tsv), property tests of
//! the EDTF values and calendars, and the `dates` command.

use chronolint::time::{
    gregorian_to_julian, julian_to_gregorian, tag, Calendar, PartOf, TagContext, TimeExpr, TimeValue,
};
use proptest::prelude::*;

/// One expected expression: its text, EDTF value, part and written (Old Style) date.
#[derive(Debug, Clone, PartialEq)]
struct Want {
    text: String,
    value: String,
    part: Option<PartOf>,
    written: Option<String>,
}

/// One line of a case table.
struct Case {
    line: usize,
    cx: TagContext,
    sentence: String,
    want: Vec<Want>,
}

fn read_cases(name: &str) -> Vec<Case> {
    let path = crate::common::at(format!("tests/fixtures/time/{name}"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "{name}:{}: three tab-separated columns", n + 1);
        cases.push(Case {
            line: n + 1,
            cx: context(cols[0]),
            sentence: cols[1].to_string(),
            want: wants(cols[2]),
        });
    }
    cases
}

fn context(s: &str) -> TagContext {
    let mut cx = TagContext::default();
    for item in s.split(',').filter(|i| *i != "-") {
        match item.split_once('=') {
            Some(("doc", v)) => cx.document_date = Some(TimeValue::parse_edtf(v).expect("a valid doc date")),
            Some(("day", v)) => {
                let (m, d) = v.split_once('-').expect("day=MM-DD");
                cx.day_anchor = Some((m.parse().expect("month"), d.parse().expect("day")));
            }
            Some(("cal", "julian")) => cx.calendar = Calendar::Julian,
            None if item == "narrative" => cx.narrative = true,
            _ => panic!("unknown context item {item}"),
        }
    }
    cx
}

fn wants(s: &str) -> Vec<Want> {
    if s == "-" {
        return Vec::new();
    }
    s.split(" | ")
        .map(|item| {
            let (text, rest) = item.split_once(" => ").expect("span => value");
            let mut words = rest.split(' ');
            let value = words.next().expect("a value").to_string();
            let mut want = Want { text: text.to_string(), value, part: None, written: None };
            for w in words {
                match w {
                    "@START" => want.part = Some(PartOf::Start),
                    "@MID" => want.part = Some(PartOf::Mid),
                    "@END" => want.part = Some(PartOf::End),
                    _ => want.written = Some(w.strip_prefix("written=").expect("written=").to_string()),
                }
            }
            want
        })
        .collect()
}

fn got(sentence: &str, found: &[TimeExpr]) -> Vec<Want> {
    found
        .iter()
        .map(|t| Want {
            text: t.span.slice(sentence).to_string(),
            value: t.value.edtf.clone(),
            part: t.value.part,
            written: t.written.clone(),
        })
        .collect()
}

#[test]
fn case_table_has_enough_cases_and_negatives() {
    let cases = read_cases("cases.tsv");
    let negatives = cases.iter().filter(|c| c.want.is_empty()).count();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    assert!(negatives >= 60, "{negatives} negatives");
}

#[test]
fn case_table_spans_and_values() {
    let mut failures = Vec::new();
    let cases = read_cases("cases.tsv");
    for case in &cases {
        let found = got(&case.sentence, &tag(&case.sentence, &case.cx));
        if found != case.want {
            failures.push(format!(
                "cases.tsv:{}: {:?}\n    want {:?}\n    got  {:?}",
                case.line, case.sentence, case.want, found
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Relaxed span match: the two spans overlap.
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Where `text` occurs in `sentence` at or after byte `after` (gold spans are in order).
fn span_of(sentence: &str, text: &str, after: usize) -> (usize, usize) {
    let at = sentence.get(after..).and_then(|rest| rest.find(text)).map(|p| p + after);
    let at = at.unwrap_or_else(|| panic!("{text:?} is not in {sentence:?}"));
    (at, at + text.len())
}

#[test]
#[allow(clippy::print_stderr)] // the scores are the point of the test
fn heldout_span_f1_and_value_accuracy() {
    let cases = read_cases("heldout.tsv");
    assert!(cases.len() >= 150, "{} held-out sentences", cases.len());
    let (mut tp, mut fp, mut fn_, mut right) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for case in &cases {
        let found = tag(&case.sentence, &case.cx);
        let mut after = 0;
        let mut gold: Vec<((usize, usize), &str)> = Vec::new();
        for w in &case.want {
            let span = span_of(&case.sentence, &w.text, after);
            after = span.1;
            gold.push((span, w.value.as_str()));
        }
        let mut used = vec![false; found.len()];
        for (span, value) in &gold {
            let hit = found
                .iter()
                .enumerate()
                .find(|(k, t)| !used[*k] && overlaps(*span, (t.span.start, t.span.end)));
            match hit {
                Some((k, t)) => {
                    used[k] = true;
                    tp += 1;
                    if t.value.edtf == *value {
                        right += 1;
                    } else {
                        misses.push(format!("heldout.tsv:{}: value {} for {value}", case.line, t.value.edtf));
                    }
                }
                None => {
                    fn_ += 1;
                    misses.push(format!("heldout.tsv:{}: missed {value}", case.line));
                }
            }
        }
        for (k, t) in found.iter().enumerate() {
            if !used[k] {
                fp += 1;
                misses.push(format!(
                    "heldout.tsv:{}: spurious {:?}",
                    case.line,
                    t.span.slice(&case.sentence)
                ));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let accuracy = right as f64 / tp.max(1) as f64;
    eprintln!(
        "held-out: {} sentences, P {precision:.3} R {recall:.3} F1 {f1:.3}, value accuracy {accuracy:.3} ({right}/{tp})\n{}",
        cases.len(),
        misses.join("\n")
    );
    assert!(f1 >= 0.90, "span F1 {f1:.3} < 0.90");
    assert!(accuracy >= 0.88, "value accuracy {accuracy:.3} < 0.88");
}

#[test]
fn spans_never_include_a_locating_preposition() {
    for s in ["in 1894", "on 8 February 1904", "during the summer of 1900", "In May 1905"] {
        let found = tag(s, &TagContext::default());
        assert_eq!(found.len(), 1, "{s}");
        let text = found[0].span.slice(s).to_ascii_lowercase();
        assert!(
            !text.starts_with("in ") && !text.starts_with("on ") && !text.starts_with("during "),
            "{s}: {text}"
        );
    }
}

#[test]
fn previous_anchor_is_recorded() {
    let s = "On February 8, 1904, the Japanese attacked. The city surrendered in the end of December.";
    let found = tag(s, &TagContext::default());
    let end = found.last().expect("two expressions");
    assert_eq!(end.anchor, Some(chronolint::time::Anchor::Previous("1904-02-08".to_string())));
    let feb = tag("Feb 6", &TagContext::default());
    assert_eq!(feb[0].anchor, Some(chronolint::time::Anchor::None));
}

/// The values `tag` gives the expressions of `text` whose words are `want`.
fn values_of(text: &str, want: &str) -> Vec<String> {
    let cx = TagContext { narrative: true, ..TagContext::default() };
    tag(text, &cx)
        .into_iter()
        .filter(|t| &text[t.span.start..t.span.end] == want)
        .map(|t| t.value.edtf)
        .collect()
}

#[test]
fn a_signed_date_closing_a_preface_is_not_where_the_story_is() {
    // After a signed preface, the story's first days and counts are not read in the year
    // the preface was written (Sakurai, Semenoff).
    let book = "INTRODUCTION\n\nThe war of 1904 is at an end.\n\n  SHIGENOBU OKUMA.\n\n_April, 1906._\n\n\n\
                CHAPTER I\n\nOn 26th May the fleet sailed. The army landed on the battle-ground of ten years before.\n";
    assert_eq!(values_of(book, "ten years before"), ["1894"]);
    assert_eq!(values_of(book, "26th May"), ["1904-05-26"]);
    let translated =
        "TRANSLATOR'S PREFACE\n\nThe narrative commences on 25th May 1905.\n\n            A. B. L.\n\n\
                      _7th November 1906._\n\n\nCONTENTS\n\n  Manoeuvres on 26th May--Dawn on 27th May\n";
    assert_eq!(values_of(translated, "27th May"), ["1905-05-27"]);
    // A decree or letter quoted in the story, signed and dated, is a time the story has
    // reached (Reed).
    let decree = "CHAPTER XII\n\nThe peasants are summoned to take the power.\n\n      V. ULIANOV (LENIN).\n\n\
                  Petrograd, November 18th, 1917.\n\nThe Congress of Peasants' Soviets met about a week later.\n";
    assert_eq!(values_of(decree, "about a week later"), ["1917-11-25~"]);
    // A heading over a dated letter or diary entry has no period: the entry's date is the story's.
    let letters = "PREFACE\n\nThese letters were written in 1900.\n\nFRAGMENTS\n\n12th May, 1900.\n\nTwo days later the guards came.\n";
    assert_eq!(values_of(letters, "Two days later"), ["1900-05-14"]);
}

/// A control character left between words by a bad conversion (a NUL, a BEL) separates
/// them as a space does; a mark of punctuation does not.
#[test]
fn control_characters_between_the_words_of_a_date_read_as_spaces() {
    for text in ["It fell on February\u{0}19, 1904.", "It fell on February\u{7}19,\u{1}1904."] {
        let read: Vec<String> = tag(text, &TagContext::default()).into_iter().map(|t| t.value.edtf).collect();
        assert_eq!(read, ["1904-02-19"], "{text:?}");
    }
    let read: Vec<String> =
        tag("It fell on February$19.", &TagContext::default()).into_iter().map(|t| t.value.edtf).collect();
    assert!(!read.contains(&"XXXX-02-19".to_string()), "{read:?}");
}

#[test]
fn dates_command_prints_json_lines_with_metadata() {
    let out = assert_cmd::Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["dates", "corpus/blog/russo-japanese-war-news.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let by_text = |t: &str| lines.iter().find(|l| l["text"] == t).unwrap_or_else(|| panic!("{t} not found"));
    // The blog is published in 2015 (corpus/chronolint.toml).
    assert_eq!(by_text("September 5")["value"], "2015-09-05");
    assert_eq!(by_text("September 5")["anchor"]["kind"], "document");
    assert_eq!(by_text("February 8, 1904")["value"], "1904-02-08");
    assert_eq!(by_text("the end of December")["value"], "1904-12");
    assert_eq!(by_text("the end of December")["mod"], "END");
    assert_eq!(by_text("two centuries ago")["value"], "18XX");
    for key in ["file", "start", "end", "text", "value", "granularity", "calendar", "written", "anchor"] {
        assert!(lines[0].get(key).is_some(), "{key}");
    }
    let text = assert_cmd::Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args([
            "dates",
            "--format",
            "text",
            "--anchor",
            "1905-09-06",
            "corpus/blog/russo-japanese-war-news.txt",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.lines().any(|l| l.ends_with("\tSeptember 5\t1905-09-05")), "{text}");
}

#[test]
fn dates_command_refuses_a_bad_anchor() {
    assert_cmd::Command::cargo_bin("chronolint")
        .unwrap()
        .current_dir(crate::common::root())
        .args(["dates", "--anchor", "nope", "corpus/blog/russo-japanese-war-news.txt"])
        .assert()
        .code(2);
}

/// Canonical EDTF strings the grammar produces, for the round trip.
fn edtf_strategy() -> impl Strategy<Value = String> {
    let year = -2000i64..=2099;
    prop_oneof![
        year.clone().prop_map(chronolint::time::format_year),
        (year.clone(), 1u8..=12).prop_map(|(y, m)| format!("{}-{m:02}", chronolint::time::format_year(y))),
        (year.clone(), 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| format!("{}-{m:02}-{d:02}", chronolint::time::format_year(y))),
        (year.clone(), prop::sample::select(vec!["SP", "SU", "FA", "WI"]))
            .prop_map(|(y, s)| format!("{}-{s}", chronolint::time::format_year(y))),
        (100i64..=209).prop_map(|d| format!("{d}X")),
        (10i64..=20).prop_map(|c| format!("{c}XX")),
        (1u8..=12, 1u8..=28).prop_map(|(m, d)| format!("XXXX-{m:02}-{d:02}")),
        (year.clone(), 0i64..50).prop_map(|(y, n)| format!(
            "{}/{}",
            chronolint::time::format_year(y),
            chronolint::time::format_year(y + n)
        )),
        year.clone().prop_map(|y| format!("{}/..", chronolint::time::format_year(y))),
        year.clone().prop_map(|y| format!("../{}", chronolint::time::format_year(y))),
        year.prop_map(|y| format!("{}~", chronolint::time::format_year(y))),
    ]
}

proptest! {
    #[test]
    fn edtf_render_then_parse_is_the_same_value(s in edtf_strategy()) {
        let v = TimeValue::parse_edtf(&s).expect("canonical EDTF parses");
        prop_assert_eq!(&v.edtf, &s);
        let again = TimeValue::parse_edtf(&v.edtf).expect("rendered EDTF parses");
        prop_assert_eq!(again, v);
    }

    #[test]
    fn julian_gregorian_round_trip(y in -3000i64..3000, m in 1u8..=12, d in 1u8..=28) {
        let g = julian_to_gregorian(y, m, d).expect("valid Julian date");
        prop_assert_eq!(gregorian_to_julian(g.0, g.1, g.2), Some((y, m, d)));
    }

    #[test]
    fn tagging_any_text_keeps_the_invariants(s in "\\PC{0,200}") {
        check_invariants(&s);
    }

    #[test]
    fn tagging_relative_phrases_keeps_the_invariants(
        s in "((the|that|same|following|next|previous|preceding|of|this|last|year|month|spring|winter|May|March|December|[0-9]{1,2}(st|th|d)|eighth|twenty|-|first|thirtieth|and|or|on|by|morning|born|not|until|some|about|less|than|weeks?|fortnight|later|before|ago|part|half|early|latter|1[5-9][0-9]{2}|[,.]) ){0,16}"
    ) {
        check_invariants(&s);
    }

    #[test]
    fn tagging_date_like_text_keeps_the_invariants(
        s in "((in|the|since|until|from|to|early|late|mid|c\\.|O\\.S\\.|BC|A\\.D\\.|January|May|Feb\\.|year|day|century|following|ago|later|[0-9]{1,5}|[0-9]{1,2}(st|th)|[-–/,.()]) ){0,14}"
    ) {
        check_invariants(&s);
    }
}

fn check_invariants(s: &str) {
    for cx in [
        TagContext::default(),
        TagContext {
            document_date: TimeValue::parse_edtf("2015-09-06"),
            day_anchor: Some((2, 6)),
            calendar: Calendar::Julian,
            narrative: false,
        },
    ] {
        let found = tag(s, &cx);
        let mut last_end = 0;
        for t in &found {
            assert!(t.span.start < t.span.end && t.span.end <= s.len(), "{s:?}: span {:?}", t.span);
            assert!(s.get(t.span.start..t.span.end).is_some(), "{s:?}: span off a char boundary");
            assert!(t.span.start >= last_end, "{s:?}: overlapping spans");
            last_end = t.span.end;
            if let (Some(a), Some(b)) = (t.value.earliest, t.value.latest) {
                assert!(a <= b, "{s:?}: earliest after latest in {}", t.value.edtf);
            }
            assert!(!t.value.edtf.is_empty());
        }
    }
}
