//! Sentences, their flags and citations, on passages from the corpus and period texts.

use chronolint::text::{find_citations, segment, text_key, CitationKind, Sentence};

fn texts(text: &str) -> Vec<&str> {
    segment(text).iter().map(|s| s.span.slice(text)).collect()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(crate::common::at(rel)).expect("corpus file")
}

/// The sentence of `text` that starts with `prefix`.
fn sentence<'s>(text: &str, all: &'s [Sentence], prefix: &str) -> &'s Sentence {
    all.iter()
        .find(|s| s.span.slice(text).starts_with(prefix))
        .unwrap_or_else(|| panic!("no sentence starts with {prefix:?}"))
}

#[test]
fn segmentation_keeps_initials_abbreviations_and_urls_inside_sentences() {
    let cases: &[(&str, &[&str])] = &[
        (
            "In 1905 U.S. President Theodore Roosevelt mediated peace. In the Treaty of Portsmouth both sides agreed.",
            &[
                "In 1905 U.S. President Theodore Roosevelt mediated peace.",
                "In the Treaty of Portsmouth both sides agreed.",
            ],
        ),
        (
            "By Dale L. Walker HEN Jack London boarded the S. S. Siberia on January 7, 1904, bound for Yokohama.",
            &["By Dale L. Walker HEN Jack London boarded the S. S. Siberia on January 7, 1904, bound for Yokohama."],
        ),
        (
            "consider reading \"The Russo-Japanese War 1904-1905\" by Ian A. Nish and another.",
            &["consider reading \"The Russo-Japanese War 1904-1905\" by Ian A. Nish and another."],
        ),
        (
            "Here, Dr Philip Towle from the University of Cambridge tells you. It was c. 1900 in Vol. 5, No. 3 of it.",
            &["Here, Dr Philip Towle from the University of Cambridge tells you.", "It was c. 1900 in Vol. 5, No. 3 of it."],
        ),
        (
            "He went to St. Petersburg in 1902. It failed.",
            &["He went to St. Petersburg in 1902.", "It failed."],
        ),
        (
            "For starters, we need a POD. https://en.wikipedia.org/wiki/Roman_Rosen apparently tried to avoid the war.",
            &["For starters, we need a POD.", "https://en.wikipedia.org/wiki/Roman_Rosen apparently tried to avoid the war."],
        ),
        (
            "France says \"No. We are not at war with China.\"",
            &["France says \"No.", "We are not at war with China.\""],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(texts(text), *want, "{text}");
    }
}

#[test]
fn headings_bullets_and_question_answer_lines_are_their_own_sentences() {
    let text = "War with Russia 1904-1905\n\nIn 1895, Japan felt robbed.\n  • Japanese control of greater Korea - Imperial Russia does not need it.\n  • Limited Russian naval presence in Asia - fine.\n\nQ: When and why did the Russo-Japanese War break out?\n\nA:\u{a0}It broke out on 8 February 1904.";
    assert_eq!(
        texts(text),
        vec![
            "War with Russia 1904-1905",
            "In 1895, Japan felt robbed.",
            "• Japanese control of greater Korea - Imperial Russia does not need it.",
            "• Limited Russian naval presence in Asia - fine.",
            "Q: When and why did the Russo-Japanese War break out?",
            "A:\u{a0}It broke out on 8 February 1904.",
        ]
    );
}

#[test]
fn hard_wrapped_lines_join_into_one_sentence() {
    // Period books are wrapped at ~70 columns: a line break is not a sentence end.
    let body = "The Japan-Russia War goes into history as the greatest military\nstruggle the world has known. Its story, therefore, rivals in interest\n";
    let text = body.repeat(6);
    let got = texts(&text);
    assert_eq!(
        got.first().copied(),
        Some(
            "The Japan-Russia War goes into history as the greatest military\nstruggle the world has known."
        )
    );
}

#[test]
fn a_paragraph_is_named_by_the_offset_where_it_starts() {
    let text = "First paragraph. Still first.\n\nSecond paragraph.";
    let p: Vec<usize> = segment(text).iter().map(|s| s.paragraph).collect();
    assert_eq!(p, vec![0, 0, text.find("Second").expect("in the text")]);
    // Unwrapped text (web pages, forum posts): each line is a paragraph of its own.
    let text = "A post. Its second sentence.\nAnother line here.\nA third one.";
    let p: Vec<usize> = segment(text).iter().map(|s| s.paragraph).collect();
    assert_eq!(p, vec![0, 0, text.find("Another").expect("in"), text.find("A third").expect("in")]);
}

#[test]
fn a_quotation_introduced_by_a_link_is_quoted_and_attributed_to_it() {
    let text = read("corpus/forum/russo-japanese-alliance.txt");
    let all = segment(&text);
    let s = sentence(&text, &all, "He assisted Japanese former Prime Minister");
    assert!(s.quoted);
    assert_eq!(s.attributed_to.as_deref(), Some("https://en.wikipedia.org/wiki/Alexander_Izvolsky"));
    // The first sentence of the quotation starts with the quotation mark.
    assert!(sentence(&text, &all, "\"While in Tokyo, Izvolsky").quoted);
}

#[test]
fn scare_quotes_do_not_make_reported_speech() {
    let text = read("corpus/forum/russo-japanese-alliance.txt");
    let all = segment(&text);
    let s = sentence(&text, &all, "That’s true but one of the main negative factors was NII");
    assert!(!s.quoted, "“the monkeys” is a scare quote");
}

#[test]
fn counterfactual_talk_is_hypothetical_and_statements_of_fact_are_not() {
    let cases: &[(&str, &str, bool)] = &[
        ("corpus/forum/sino-japanese-alliance.txt", "WI: Sino-Japanese alliance?", true),
        ("corpus/forum/sino-japanese-alliance.txt", "Alliance would happen in 1920s.", true),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "In OTL, Wang Jingwei had lost control of the KMT",
            false,
        ),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "What if someone from Chiang's camp had approached Wang",
            true,
        ),
        ("corpus/forum/sino-japanese-alliance.txt", "He signed an alliance pact with Japan.", true),
        ("corpus/forum/sino-japanese-alliance.txt", "There would be no Mukden incident.", true),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "You'd have to go back further, don't forget the first Sino Japanese war",
            false,
        ),
        ("corpus/forum/sino-japanese-alliance.txt", "Perhaps they do well in the Sino-French War.", true),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "Let's say Japan bring in the neutrality declaration",
            true,
        ),
        ("corpus/forum/sino-japanese-alliance.txt", "Japan ends up as a cobeligerent with China", true),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "IOTL it was itching to take advantage of a distracted China",
            false,
        ),
        ("corpus/forum/sino-japanese-alliance.txt", "NATO happened between former belligerents.", false),
        (
            "corpus/forum/sino-japanese-alliance.txt",
            "It shouldn't be impossible with 20th century PoDs",
            true,
        ),
        ("corpus/forum/russo-japanese-alliance.txt", "Best POD is that Nicolas dies", true),
        (
            "corpus/forum/russo-japanese-alliance.txt",
            "If Britain could see a way to deal with Japan in 1902",
            true,
        ),
        (
            "corpus/forum/russo-japanese-alliance.txt",
            "In OTL, AFAIK, Russia tended to rely upon the agreements",
            false,
        ),
        (
            "corpus/forum/russo-japanese-alliance.txt",
            "https://en.wikipedia.org/wiki/Roman_Rosen apparently tried",
            false,
        ),
        // Future in the past in a history text is an assertion.
        (
            "corpus/encyclopedia/japan-russia-relations.txt",
            "In 1902 Japan and the British Empire forged the Anglo-Japanese Alliance",
            false,
        ),
        (
            "corpus/encyclopedia/japan-russia-relations.txt",
            "This view would change when Japan started and won",
            false,
        ),
    ];
    for (file, prefix, want) in cases {
        let text = read(file);
        let all = segment(&text);
        assert_eq!(sentence(&text, &all, prefix).hypothetical, *want, "{file}: {prefix}");
    }
}

#[test]
fn forum_replies_that_copy_a_post_point_at_its_first_copy() {
    let text = read("corpus/forum/sino-japanese-alliance.txt");
    let all = segment(&text);
    let prefix = "You'd have to go back further";
    let copies: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.slice(&text).starts_with(prefix))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(copies.len(), 2);
    assert_eq!(all[copies[0]].repeat_of, None);
    assert_eq!(all[copies[1]].repeat_of, Some(copies[0]));
    // Short lines ("Top", a user name) are not repeats.
    assert!(all.iter().filter(|s| s.span.slice(&text) == "Top").all(|s| s.repeat_of.is_none()));
}

#[test]
fn text_key_ignores_case_punctuation_and_line_breaks() {
    assert_eq!(text_key("The city surrendered, in the end."), text_key("the city\nsurrendered in the END"));
    assert_ne!(text_key("The city surrendered."), text_key("The city held."));
}

#[test]
fn each_citation_kind_is_found() {
    let cases: &[(&str, CitationKind, &str)] = &[
        ("See https://en.wikipedia.org/wiki/Alexander_Izvolsky.", CitationKind::Url, "https://en.wikipedia.org/wiki/Alexander_Izvolsky"),
        ("The treaty was signed in 1875.[3] Then it held.", CitationKind::Footnote, "3"),
        ("The treaty was signed.[note 2]", CitationKind::Footnote, "note 2"),
        (
            "Relations were good 1905-1917, as the two countries divided up Manchuria and Outer Mongolia.David J. Dallin, The Rise of Russia in Asia '' pp 87-122./ref>",
            CitationKind::RefTag,
            "David J. Dallin, The Rise of Russia in Asia '' pp 87-122",
        ),
        ("It was signed.<ref>Nish, Origins, p. 25</ref>", CitationKind::RefTag, "Nish, Origins, p. 25"),
        ("The intervention came in 1895 (Nish 1985).", CitationKind::AuthorYear, "Nish 1985"),
        (
            "Historian George E. Mowry concludes that Roosevelt handled the arbitration well.",
            CitationKind::Attribution,
            "George E. Mowry",
        ),
        ("The war began in 1904, according to Ian Nish.", CitationKind::Attribution, "Ian Nish"),
        ("By Richard Cavendish Published in History Today Volume 54 Issue 2 … Continue reading", CitationKind::Publication, "History Today 54(2)"),
        ("Publication: Eurasia Daily Monitor Volume: 11 Issue: 175", CitationKind::Publication, "Eurasia Daily Monitor 11(175)"),
        (
            "despite previous wishes for such a trip by both sides (Asahi Shimbun AJW, September 24).",
            CitationKind::Publication,
            "Asahi Shimbun AJW, September 24",
        ),
    ];
    for (text, kind, target) in cases {
        let sentences = segment(text);
        let found = find_citations(text, &sentences);
        assert!(
            found.iter().any(|c| c.kind == *kind && c.target == *target),
            "{text}: wanted {kind:?} {target:?}, found {found:?}"
        );
    }
}

#[test]
fn a_broken_ref_tag_far_into_a_long_line_keeps_its_reference() {
    // The look-back for the sentence end glued to the reference is bounded; the reference
    // is still the text after it, and without one, the words just before the tag.
    let long = "word ".repeat(2_000);
    let text = format!(
        "{long}Manchuria and Outer Mongolia.David J. Dallin, The Rise of Russia in Asia pp 87-122./ref> and {long}Nish, Origins, p. 25./ref>"
    );
    let found = find_citations(&text, &segment(&text));
    let targets: Vec<&str> =
        found.iter().filter(|c| c.kind == CitationKind::RefTag).map(|c| c.target.as_str()).collect();
    assert_eq!(
        targets.first(),
        Some(&"David J. Dallin, The Rise of Russia in Asia pp 87-122"),
        "{targets:?}"
    );
    let last = targets.get(1).expect("the second tag");
    assert!(last.ends_with("word Nish, Origins, p. 25") && last.len() <= 1024, "{last:?}");
    assert!(last.starts_with("word"), "starts at a word: {last:?}");
}

/// A publication named in parentheses before its date is at most 51 characters: a longer
/// run of words is a remark, not a name.
#[test]
fn a_publication_name_in_parentheses_is_short() {
    let name = "Asahi Shimbun AJW and a great many other newspapers of the day";
    let text = format!("Both sides wished for the trip ({name}, September 24).");
    let found = find_citations(&text, &segment(&text));
    assert!(found.iter().all(|c| c.kind != CitationKind::Publication), "{found:?}");
    let short = "Both sides wished for the trip (Asahi Shimbun AJW of Tokyo, September 24).";
    let found = find_citations(short, &segment(short));
    assert!(found.iter().any(|c| c.kind == CitationKind::Publication), "{found:?}");
}

#[test]
fn dates_in_parentheses_are_not_author_year_citations() {
    let text = "Abe will meet Putin at the conference, [this] month (November 2014), in Beijing.";
    let found = find_citations(text, &segment(text));
    assert!(
        found.iter().all(|c| c.kind != CitationKind::AuthorYear && c.kind != CitationKind::Publication),
        "{found:?}"
    );
}

/// Found by the `pipeline` fuzz target: a title's citation swallowed the blank line and
/// the chapter heading after it. A citation stays inside its block of lines.
#[test]
fn a_citation_does_not_run_on_past_a_blank_line() {
    let text = "For more, consider reading \"The Dawn of the Modern World: A History of the War\" by Go\n\n\
                XII. \"THE THIRD REVOLUTION\" by Smith.";
    let found = find_citations(text, &segment(text));
    assert!(!found.is_empty(), "the title and its author are a citation");
    assert!(found.iter().all(|c| !c.target.contains('\n')), "{found:?}");
    let blank = text.find("\n\n").expect("a blank line");
    assert!(found.iter().all(|c| c.span.end <= blank || c.span.start > blank), "{found:?}");
}
