//! Claim assembly on corpus sentences: event, role and time, with the test rulebook in
//! tests/fixtures/rules/ (and descriptions built in code until the loader reads them).

use chronolint::claims::assemble::{assemble, Input};
use chronolint::claims::{extract, Matcher, MentionTarget};
use chronolint::corpus::{Document, SourceMeta};
use chronolint::rules::{load_dir, Description, Role, RuleBook};
use chronolint::span::Span;
use chronolint::text::{find_citations, segment};
use chronolint::time::{TimeExpr, TimeValue};

/// A claim as the tests compare it: event id, role, EDTF value.
type Found = (String, Role, String);

/// A sentence, its times as (words, value), and the claims expected.
type Case<'a> = (&'a str, &'a [(&'a str, TimeValue)], Vec<Found>);

fn book() -> RuleBook {
    load_dir(&crate::common::at("tests/fixtures/rules")).expect("the test rulebook loads")
}

/// Each case's claims, with `rules`, are what it wants.
fn assert_cases(cases: &[Case<'_>], rules: &RuleBook) {
    for (text, times, want) in cases {
        assert_eq!(&claims_with(text, times, rules), want, "{text}");
    }
}

/// The rules the project ships, in rules/.
fn shipped_rules() -> RuleBook {
    load_dir(&crate::common::at("rules")).expect("the shipped rules load")
}

fn days(y: i64, m: u8, d: u8) -> i64 {
    chronolint::time::days_from_civil(y, m, d)
}

/// A range of whole years, as the tagger gives "1899–1901".
fn years(a: i64, b: i64) -> TimeValue {
    TimeValue {
        earliest: Some(days(a, 1, 1)),
        latest: Some(days(b, 12, 31)),
        edtf: format!("{a}/{b}"),
        ..TimeValue::year(a)
    }
}

/// Claims of `text` as (event id, role, EDTF), with the times given as (words, value).
fn claims_with(text: &str, times: &[(&str, TimeValue)], rules: &RuleBook) -> Vec<Found> {
    let sentences = segment(text);
    let times: Vec<TimeExpr> = times
        .iter()
        .map(|(words, value)| {
            let at = text.find(words).unwrap_or_else(|| panic!("{words:?} not in {text:?}"));
            TimeExpr {
                span: Span::new(at, at + words.len()),
                value: value.clone(),
                written: None,
                anchor: None,
            }
        })
        .collect();
    let matcher = Matcher::new(rules);
    let mentions = matcher.find(text, &sentences);
    let citations = find_citations(text, &sentences);
    let input = Input {
        doc: 0,
        text,
        sentences: &sentences,
        times: &times,
        mentions: &mentions,
        citations: &citations,
        rules,
    };
    assemble(&input)
        .into_iter()
        .map(|c| (rules.event(c.event).id.clone(), c.role, c.time.value.edtf.clone()))
        .collect()
}

/// "the 1890s": one period of ten years.
fn decade(d: i64) -> TimeValue {
    TimeValue {
        earliest: Some(days(d * 10, 1, 1)),
        latest: Some(days(d * 10 + 9, 12, 31)),
        granularity: chronolint::time::Granularity::Decade,
        edtf: format!("{d}X"),
        ..TimeValue::year(d * 10)
    }
}

/// "until 1923": open at the start.
fn until(y: i64) -> TimeValue {
    TimeValue { earliest: None, edtf: format!("../{y}"), ..TimeValue::year(y) }
}

/// "since 1603": open at the end.
fn since(y: i64) -> TimeValue {
    TimeValue { latest: None, edtf: format!("{y}/.."), ..TimeValue::year(y) }
}

fn one(id: &str, role: Role, edtf: &str) -> Vec<Found> {
    vec![(id.to_string(), role, edtf.to_string())]
}

#[test]
fn roles_come_from_the_words_around_the_time() {
    let rules = book();
    let cases: &[Case<'_>] = &[
        (
            "In 1875, the Treaty of Saint Petersburg gave Russia territorial control over all of Sakhalin.",
            &[("1875", TimeValue::year(1875))],
            one("treaty-of-saint-petersburg-1875", Role::Point, "1875"),
        ),
        (
            "In 1899 the Boxer Rebellion broke out with Chinese attacks on all foreigners.",
            &[("1899", TimeValue::year(1899))],
            one("boxer-rebellion", Role::Start, "1899"),
        ),
        (
            "The Boxer Rebellion of 1899–1901 saw Japan and Russia as allies who fought together against the Chinese.",
            &[("1899–1901", years(1899, 1901))],
            one("boxer-rebellion", Role::Span, "1899/1901"),
        ),
        (
            "In the 1890s the Boxer Rebellion was still to come.",
            &[("the 1890s", decade(189))],
            one("boxer-rebellion", Role::Point, "189X"),
        ),
        (
            "War with Russia 1904-1905",
            &[("1904-1905", years(1904, 1905))],
            one("russo-japanese-war", Role::Span, "1904/1905"),
        ),
        (
            "These first sparked into war in the 1904-1905 Russo-Japanese war.",
            &[("1904-1905", years(1904, 1905))],
            one("russo-japanese-war", Role::Span, "1904/1905"),
        ),
        (
            "In 1902 Japan and the British Empire forged the Anglo-Japanese Alliance, which would last until 1923.",
            &[("1902", TimeValue::year(1902)), ("until 1923", until(1923))],
            vec![
                ("anglo-japanese-alliance".to_string(), Role::Point, "1902".to_string()),
                ("anglo-japanese-alliance".to_string(), Role::End, "../1923".to_string()),
            ],
        ),
        // Two times of one name in two roles: the farther is no less a claim (Tyler: the
        // battle of Liaoyang began on August 29, and continued until September 1).
        (
            "The Boxer Rebellion began in 1899, and continued until 1901.",
            &[("1899", TimeValue::year(1899)), ("until 1901", until(1901))],
            vec![
                ("boxer-rebellion".to_string(), Role::Start, "1899".to_string()),
                ("boxer-rebellion".to_string(), Role::End, "../1901".to_string()),
            ],
        ),
        // ... but a time that is part of the name dates the event (Brinkley: "Saigo
        // Takamori, the leader of the Satsuma rebellion of 1877").
        (
            "Li Lai-chung, a leader of the Boxer Rebellion of 1899, fled to the hills.",
            &[("1899", TimeValue::year(1899))],
            one("boxer-rebellion", Role::Point, "1899"),
        ),
        // A time in the name tells which event is meant, not when it ended or began: the
        // war "of 1904" ended in 1905. Only the name's own words give it a role.
        (
            "The Russo-Japanese War of 1904 ended with the Treaty of Portsmouth.",
            &[("1904", TimeValue::year(1904))],
            one("russo-japanese-war", Role::Point, "1904"),
        ),
        (
            "The Taiping Rebellion (1850) came to an end with the fall of Nanking.",
            &[("1850", TimeValue::year(1850))],
            one("taiping-rebellion", Role::Point, "1850"),
        ),
        // An open range's bound that a ", when" clause names the event at (Brown: "confined
        // to the ports named till 1858, when the treaty of Tien-tsin opened other cities").
        (
            "The armies faced each other till 1905, when the Treaty of Portsmouth ended the war.",
            &[("till 1905", until(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        (
            "Eagerly they looked inland, but they were confined to the ports till 1905, when the Treaty of Portsmouth opened others.",
            &[("till 1905", until(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        (
            "Between the Treaty of Shimonoseki (1895) and the Boxer Rebellion lay five years.",
            &[("1895", TimeValue::year(1895))],
            one("treaty-of-shimonoseki", Role::Point, "1895"),
        ),
        (
            "The Sino-Japanese War of 1894 ended with the Treaty of Shimonoseki.",
            &[("1894", TimeValue::year(1894))],
            one("first-sino-japanese-war", Role::Point, "1894"),
        ),
        (
            "It was President Theodore Roosevelt who convened the Treaty of Portsmouth talks that brought the Russo-Japanese War to a close in September 1905.",
            &[("September 1905", TimeValue::month(1905, 9))],
            one("russo-japanese-war", Role::End, "1905-09"),
        ),
        // A rising is ended by being put down (Giles: "No sooner was the great rebellion
        // entirely suppressed (1864), than another rising broke out").
        (
            "The Taiping Rebellion was entirely suppressed in 1864.",
            &[("1864", TimeValue::year(1864))],
            one("taiping-rebellion", Role::End, "1864"),
        ),
        (
            "The Boxer Rebellion was crushed in 1901 by the allied armies.",
            &[("1901", TimeValue::year(1901))],
            one("boxer-rebellion", Role::End, "1901"),
        ),
        (
            "Tseng's army put down the Taiping Rebellion in 1864.",
            &[("1864", TimeValue::year(1864))],
            one("taiping-rebellion", Role::End, "1864"),
        ),
        (
            "By 1864 the Taiping Rebellion had been quelled.",
            &[("1864", TimeValue::year(1864))],
            one("taiping-rebellion", Role::End, "1864"),
        ),
        // The verb of another clause is not the rising's.
        (
            "The Boxer Rebellion broke out in 1899; the allies crushed it two years later.",
            &[("1899", TimeValue::year(1899))],
            one("boxer-rebellion", Role::Start, "1899"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: a name that says how the event began or ended keeps that role
/// with a time in it (Putnam Weale: "until the Boxer outbreak of 1900 carried him to"),
/// and a name between curly quotation marks is found as between straight ones (White:
/// "the \u{201c}Satsuma rebellion\u{201d} of 1877").
#[test]
fn a_name_with_its_time_in_it_takes_its_role_from_its_own_words() {
    let rules = shipped_rules();
    let cases: &[Case<'_>] = &[
        (
            "He lived at the Lakes until the Boxer outbreak of 1900 carried him to Peking.",
            &[("1900", TimeValue::year(1900))],
            one("boxer-rebellion", Role::Start, "1900"),
        ),
        (
            "The Russo-Japanese War of 1904 ended with the Treaty of Portsmouth.",
            &[("1904", TimeValue::year(1904))],
            one("russo-japanese-war", Role::Point, "1904"),
        ),
        (
            "The mainspring of the \u{201c}Satsuma rebellion\u{201d} of 1877 was the official act of friendship by treaty.",
            &[("1877", TimeValue::year(1877))],
            one("satsuma-rebellion", Role::Point, "1877"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: an alliance begins when it is made, so the time a making verb
/// governs is its start (Tyler: "of Great Britain to Japan under the Treaty of Alliance
/// concluded in 1901"; Brinkley: "an alliance between England and Japan, signed on January
/// 30, 1902"); a verb that governs something else leaves the time a point.
#[test]
fn the_time_an_alliance_is_made_is_its_start() {
    let rules = shipped_rules();
    let cases: &[Case<'_>] = &[
        (
            "France was bound to Russia, and Great Britain to Japan under the Treaty of Alliance concluded in 1901.",
            &[("1901", TimeValue::year(1901))],
            one("anglo-japanese-alliance", Role::Start, "1901"),
        ),
        (
            "The second incident was an alliance between England and Japan, signed on January 30, 1902.",
            &[("January 30, 1902", TimeValue::day(1902, 1, 30))],
            one("anglo-japanese-alliance", Role::Start, "1902-01-30"),
        ),
        (
            "The Anglo-Japanese Alliance made Japan bold in 1904.",
            &[("1904", TimeValue::year(1904))],
            one("anglo-japanese-alliance", Role::Point, "1904"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: times that date what was told, remembered or done with an
/// event afterwards, or the one who wrote of it, or a name used as a kind after "a".
#[test]
fn a_time_of_the_telling_or_of_a_kind_makes_no_claim() {
    let rules = shipped_rules();
    let cases: &[(&str, &str, TimeValue)] = &[
        (
            "The memory of the Boxer Rebellion still haunted the legations in 1910.",
            "1910",
            TimeValue::year(1910),
        ),
        (
            "The causes of the Taiping Rebellion were studied by Meadows in 1856.",
            "1856",
            TimeValue::year(1856),
        ),
        (
            "Historians writing in 1920 saw the Russo-Japanese War as a turning point.",
            "1920",
            TimeValue::year(1920),
        ),
        (
            "The Treaty of Portsmouth was ratified by the Japanese Privy Council in October 1905.",
            "October 1905",
            TimeValue::month(1905, 10),
        ),
        ("Japan waged a great war against China in 1894.", "1894", TimeValue::year(1894)),
        (
            "The great war of 1894 between China and Japan ended at Shimonoseki.",
            "1894",
            TimeValue::year(1894),
        ),
        (
            "The twenty-fifth anniversary of the Meiji Restoration fell in 1893.",
            "1893",
            TimeValue::year(1893),
        ),
        ("The centenary of the Battle of Tsushima was kept in 2005.", "2005", TimeValue::year(2005)),
    ];
    for (text, words, value) in cases {
        assert_eq!(claims_with(text, &[(words, value.clone())], &rules), vec![], "{text}");
    }
    // What is told of the event may still date it, in the event's own words (Semenoff's
    // translator: "The following account of the battle of Tsu-shima, fought on 27th May
    // 1905, is a translation").
    // A name written lowercase with a year of the event's own is the event: "the great war
    // of 1914", "the boxer rising of 1900".
    let war = "In the great war of 1914 Japan seized Tsingtao.";
    assert_eq!(
        claims_with(war, &[("1914", TimeValue::year(1914))], &rules),
        one("world-war-i", Role::Point, "1914")
    );
    let told = "The following account of the battle of Tsu-shima, fought on 27th May 1905, is a translation.";
    assert_eq!(
        claims_with(told, &[("27th May 1905", TimeValue::day(1905, 5, 27))], &rules),
        one("battle-of-tsushima", Role::Point, "1905-05-27")
    );
}

#[test]
fn a_time_about_something_else_makes_no_claim() {
    let rules = book();
    let cases: &[(&str, &[(&str, TimeValue)])] = &[
        // A film shown in 2015 is not a date of the war.
        (
            "Film about the treaty that ended the Russo-Japanese War to be shown August 22, 2015",
            &[("August 22, 2015", TimeValue::day(2015, 8, 22))],
        ),
        // The steamer's sailing is another sentence than the war's name.
        (
            "About the build-up to the Russo-Japanese War.   By Dale L. Walker HEN Jack London boarded the S. S. Siberia on January 7, 1904, bound for Yokohama.",
            &[("January 7, 1904", TimeValue::day(1904, 1, 7))],
        ),
        // An index line: the time belongs to another entry.
        (
            "treaty revision, 1894 abolishes consular jurisdiction after 1899; Anglo-Japanese alliance, 460",
            &[("1894", TimeValue::year(1894)), ("1899", TimeValue::year(1899))],
        ),
        // Questions ask.
        ("Did the Boxer Rebellion break out in 1899?", &[("1899", TimeValue::year(1899))]),
        // A clause of its own after ", and", with its own subject (Putnam Weale: the
        // annexation of Korea and Japan's practice "until September, 1915").
        (
            "The Treaty of Portsmouth did not affect this agreement, and as a matter of practice Japan has adhered to it until 1915.",
            &[("until 1915", until(1915))],
        ),
        // A list's next item (realtext's README: "the 1915 Sino-Japanese treaties ("Twenty-One
        // Demands"), the 1913–15 Russo-Chinese and Mongolian agreements").
        (
            "The volume prints the Treaty of Shimonoseki, the 1896 Russo-Chinese agreements and the Cassini Convention.",
            &[("1896", TimeValue::year(1896))],
        ),
        // An open range read by its known end: "since 1842" is half a century before the
        // treaty, the start of what it undid (Putnam Weale: the Restoration of 1868 gave
        // back what had been in other hands "since 1603").
        (
            "Although the Treaty of Shimonoseki nominally gave back all it had been forced to leave in other hands since 1842, that transfer of power was imaginary.",
            &[("since 1842", since(1842))],
        ),
        // Another clause, after ", but" (realtext's Martin: the Viceroy's proclamation).
        (
            "Accounts of the Boxer Rebellion caused some excitement, but the proclamation of 2 July 1900 restored calm.",
            &[("2 July 1900", TimeValue::day(1900, 7, 2))],
        ),
        // The event as the time something else began (Boulger: Prince Kung's fall).
        (
            "In July, 1884, he fell from power, having been the first man in China since the Treaty of Portsmouth.",
            &[("July, 1884", TimeValue::month(1884, 7))],
        ),
        // The event as the frame of what is dated (Brinkley: the convention of 1906).
        (
            "On July 30, 1906, they signed a convention to respect the rights accruing under the Treaty of Portsmouth.",
            &[("July 30, 1906", TimeValue::day(1906, 7, 30))],
        ),
        // A time counted from the one written (Putnam Weale: the abdication, two years before).
        (
            "In February the Empress, who two years previously had sanctioned the Treaty of Portsmouth, expired.",
            &[("February", TimeValue::month(1914, 2))],
        ),
        // A clause on what came of the event (Brinkley: the lease of the Liaotung).
        (
            "The Treaty of Shimonoseki gave Japan the peninsula, from which she was driven in 1896.",
            &[("1896", TimeValue::year(1896))],
        ),
        // An aim, not a deed (Tyler: Stackelberg, sent to raise the siege, defeated on June 14-15).
        (
            "In December 1903 the envoys were sent to Saint Petersburg to prevent the Russo-Japanese War.",
            &[("December 1903", TimeValue::month(1903, 12))],
        ),
        // An order or a plan (White: "About the 1st of December General Nogi's brigade left
        // Kinchow, with orders from Marshal Oyama to attack Foochow").
        (
            "About the 1st of December, 1904, the brigade left Dalny, with orders from Marshal Oyama to begin the Siege of Port Arthur.",
            &[("the 1st of December, 1904", TimeValue::day(1904, 12, 1))],
        ),
        // Still to come (Wallace: "in 1859, that the emancipation of the serfs was at hand").
        (
            "When it became evident, in 1905, that the Treaty of Portsmouth was at hand, the markets rose.",
            &[("1905", TimeValue::year(1905))],
        ),
        // A person known by the event (Putnam Weale: "General Chang Cheng-wu, one of the
        // 'heroes' of the original Wuchang rising", shot on 15 August 1912).
        (
            "On 15 August 1906, General Kuroki, one of the \"heroes\" of the Russo-Japanese War, was received at court.",
            &[("15 August 1906", TimeValue::day(1906, 8, 15))],
        ),
        // What came of what is dated (Tyler: battles between June 17 and July 31, "which
        // compelled the concentration of the Russians at Liaoyang, and precipitated the
        // great battle there").
        (
            "In 1903 the envoys quarrelled at Saint Petersburg, which precipitated the Russo-Japanese War.",
            &[("1903", TimeValue::year(1903))],
        ),
        // Just before the event (Boulger: "It was in June, 1870, on the eve of the outbreak
        // of the Franco-Prussian War, that the foreign settlements were startled").
        (
            "It was in January, 1904, on the eve of the outbreak of the Russo-Japanese War, that the settlements were startled.",
            &[("January, 1904", TimeValue::month(1904, 1))],
        ),
        // Another struggle between the two (Tyler: "the fighting in the Franco-German War, or
        // the bloody combats around Plevna in the great struggle between Turkey and Russia
        // nearly thirty years ago").
        (
            "It recalled the fighting in the Russo-Japanese War, or the bloody combats around Plevna in the great struggle between Turkey and Russia in 1877.",
            &[("1877", TimeValue::year(1877))],
        ),
        // A period counted from the event (White: "in the summer following the conclusion
        // of the treaty of Peking, 1861, the emperor, Hien Feng, breathed his last").
        (
            "Meanwhile in the summer following the conclusion of the Treaty of Portsmouth, 1906, the emperor breathed his last.",
            &[("1906", TimeValue::year(1906))],
        ),
        // Past a nearer time (Brown: the Ussuri district in 1860, the railway in 1896).
        (
            "Russia obtained the Lower Amur in 1855, the Ussuri district in 1860 and finally, by the Cassini Convention of September, 1896, the right to a railway that the Boxer Rebellion cut.",
            &[("1855", TimeValue::year(1855)), ("1860", TimeValue::year(1860)), ("September, 1896", TimeValue::month(1896, 9))],
        ),
        // A time in brackets labels the words before it: a life (Brinkley: "Hisamitsu or
        // Saburo (1820-87), feudatory of Satsuma, in Namamugi incident"), a reign (Wallace:
        // "the assassination of Alexander II. prepared the way for Alexander III.'s reign
        // (1881-94)").
        (
            "Saigo Takamori (1828-77), leader of the Satsuma clan, in the Boxer Rebellion",
            &[("1828-77", years(1828, 1877))],
        ),
        (
            "The horror excited by the Boxer Rebellion prepared the way for the Empress Dowager's regency (1900-08), a period of stagnation.",
            &[("1900-08", years(1900, 1908))],
        ),
        // The date of a letter (Brown: "It is dated May 24, 1901, and, after discussing
        // the question of the responsibility for the Boxer uprising, the letter continues";
        // Coltman: "The letter of July 4 gave details of the siege").
        (
            "It is dated May 24, 1901, and, after discussing the responsibility for the Boxer Uprising, the letter continues.",
            &[("May 24, 1901", TimeValue::day(1901, 5, 24))],
        ),
        (
            "(The letter of July 4 gave details of the Siege of Port Arthur up to that date.)",
            &[("July 4", TimeValue::day(1904, 7, 4))],
        ),
        (
            "A telegram dated the 3rd of August told of the Siege of Port Arthur.",
            &[("the 3rd of August", TimeValue::day(1904, 8, 3))],
        ),
        // Words about the event (Trotsky: "principles which were put forth on the 25th of
        // December by Mr. von Kuehlmann as a parody on the Russian revolution").
        (
            "The principles put forth on the 25th of December by the envoy as a parody on the Boxer Rebellion were mocked.",
            &[("the 25th of December", TimeValue::day(1900, 12, 25))],
        ),
        (
            "On 2 November 1904 the bishop preached a sermon on the Siege of Port Arthur.",
            &[("2 November 1904", TimeValue::day(1904, 11, 2))],
        ),
        // Another deed, after the event and right before the time (Brown: "including the
        // capture of Peking and the flight of the Emperor, that the people of Paoting-fu
        // had half forgotten the murder of a few missionaries in June").
        (
            "After the Siege of Port Arthur and the flight of the garrison, the people had half forgotten the murder of a few missionaries in June.",
            &[("June", TimeValue::month(1904, 6))],
        ),
        (
            "The Boxer Rebellion went on, and the Emperor had heard of the death of his minister on the 20th of June.",
            &[("the 20th of June", TimeValue::day(1900, 6, 20))],
        ),
        // A time that names another event ("the war of 1894") is not the treaty's after it.
        ("The war of 1894 ended with the Treaty of Shimonoseki.", &[("1894", TimeValue::year(1894))]),
        ("The rising of 1900 was settled by the Boxer Protocol.", &[("1900", TimeValue::year(1900))]),
        // A time after both ends of an interval dates the interval.
        (
            "Between the Treaty of Shimonoseki and the Boxer Rebellion lay five years, from 1895 to 1900.",
            &[("from 1895 to 1900", years(1895, 1900))],
        ),
        // An event named in a clause set aside by commas is not what the main clause after
        // the aside dates.
        (
            "Count Witte, who had made the Treaty of Shimonoseki, went to Portsmouth in 1905.",
            &[("1905", TimeValue::year(1905))],
        ),
        // The year of a work cited in brackets.
        (
            "The Treaty of Portsmouth (see Dennett, 1925, p. 112) ended the war.",
            &[("1925", TimeValue::year(1925))],
        ),
        (
            "The Battle of Tsushima [cf. Corbett 1914: 45] decided the war.",
            &[("1914", TimeValue::year(1914))],
        ),
        (
            "The Treaty of Portsmouth (Dennett, 1925, pp. 112-14) ended the war.",
            &[("1925", TimeValue::year(1925))],
        ),
        // The year of a book cited after its author, whose title names the event.
        (
            "Roosevelt brokered the peace (Dennett, Roosevelt and the Russo-Japanese War, 1925).",
            &[("1925", TimeValue::year(1925))],
        ),
        (
            "Japan struck first [see Kowner, Historical Dictionary of the Russo-Japanese War, 2006, p. 12].",
            &[("2006", TimeValue::year(2006))],
        ),
        (
            "Japan struck first (Nish and Kowner, _The Boxer Rebellion_, 1910).",
            &[("1910", TimeValue::year(1910))],
        ),
    ];
    for (text, times) in cases {
        assert_eq!(claims_with(text, times, &rules), vec![], "{text}");
    }
}

/// A time in brackets right after the event's name, or a few words after it, is the
/// event's (Putnam Weale: "Under Article IV of the Treaty of Shimonoseki (April, 1895)";
/// Brinkley's index: "Tonghak rebellion in Korea (1894)").
#[test]
fn a_time_in_brackets_after_the_name_dates_the_event() {
    let rules = book();
    let text =
        "Under Article IV of the Treaty of Shimonoseki (April, 1895) China had agreed to pay an indemnity.";
    assert_eq!(
        claims_with(text, &[("April, 1895", TimeValue::month(1895, 4))], &rules),
        one("treaty-of-shimonoseki", Role::Point, "1895-04")
    );
    let text = "Boxer Rebellion in North China (1900), legations besieged";
    assert_eq!(
        claims_with(text, &[("1900", TimeValue::year(1900))], &rules),
        one("boxer-rebellion", Role::Point, "1900")
    );
}

/// What the tests of brackets and asides above turn away, they turn away only there: a
/// bracket that cites the event itself, a time right after an aside, a bracket of two
/// years after the name.
#[test]
fn a_cited_event_and_a_time_after_an_aside_keep_their_claims() {
    let rules = book();
    let cases: &[Case] = &[
        (
            "Its terms were those of the peace (see the Treaty of Portsmouth, 1905).",
            &[("1905", TimeValue::year(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        (
            "The next period dates from the Treaty of Shimonoseki, which put an end to the first Sino Japanese war, in 1895.",
            &[("1895", TimeValue::year(1895))],
            one("first-sino-japanese-war", Role::Point, "1895"),
        ),
        (
            "The war ended with the Treaty of Portsmouth (1905, in September).",
            &[("1905", TimeValue::year(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        // A bracket that names a place, not an author, before the event.
        (
            "Its terms were those of the peace (Portsmouth, the Treaty of Portsmouth, 1905).",
            &[("1905", TimeValue::year(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// An aside set off by commas after the event's name ("The Treaty of Shimonoseki, which
/// put an end to the war, was signed in 1895") can be dropped without changing what the
/// main clause dates: the name that heads the clause takes the time, even when the aside
/// names another event, and the aside's verbs give it no role. A name deep in a clause
/// is no head, and a name inside the aside dates nothing after it.
#[test]
fn an_aside_after_the_name_leaves_the_time_to_the_name() {
    let rules = book();
    let cases: &[Case] = &[
        (
            "The Treaty of Shimonoseki, which put an end to the first Sino Japanese war, was signed in 1895.",
            &[("1895", TimeValue::year(1895))],
            one("treaty-of-shimonoseki", Role::Point, "1895"),
        ),
        (
            "The Treaty of Portsmouth, which closed the Russo-Japanese War, was signed on September 5, 1905.",
            &[("September 5, 1905", TimeValue::day(1905, 9, 5))],
            one("treaty-of-portsmouth", Role::Point, "1905-09-05"),
        ),
        // The aside's "ended" is the treaty's deed, not the war's end.
        (
            "In the Russo-Japanese War, which the Treaty of Portsmouth ended, Japan took Port Arthur in 1905.",
            &[("1905", TimeValue::year(1905))],
            one("russo-japanese-war", Role::Point, "1905"),
        ),
        // The head is a bank, no event; the war's name is deep in its clause.
        (
            "The bank, which was the agent of Russia in all the years of the Russo-Japanese War, which the Treaty of Portsmouth ended, was absorbed in 1910.",
            &[("1910", TimeValue::year(1910))],
            vec![],
        ),
        (
            "Japan, which had won the first Sino Japanese war, took a lease of nothing in 1898.",
            &[("1898", TimeValue::year(1898))],
            vec![],
        ),
    ];
    assert_cases(cases, &rules);
}

/// A time that opens a clause after a semicolon governs that clause, as one that opens
/// the sentence does: Wallace's list of Russia's cessions ("...; in 1856, by the Treaty of
/// Paris, she gave up the mouths of the Danube and part of Bessarabia; in 1867 ...").
#[test]
fn a_time_opening_a_clause_after_a_semicolon_dates_the_clause() {
    let rules = book();
    let cases: &[Case] = &[
        (
            "Japan took Formosa, with the Pescadores, in 1895; in 1905, by the Treaty of Portsmouth, she gained the lease of Port Arthur.",
            &[("in 1895", TimeValue::year(1895)), ("in 1905", TimeValue::year(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        // Deep in its clause, past a comma, a time still does not reach across the comma.
        (
            "Japan took Formosa from China; she was, in 1905, by the Treaty of Portsmouth, given the lease.",
            &[("in 1905", TimeValue::year(1905))],
            vec![],
        ),
    ];
    assert_cases(cases, &rules);
}

/// "The Treaty of Paris" names the peaces of 1814, 1815, 1856 and 1898: the time tells
/// which, and a time none of them admits (the peace of 1919, as writers of 1920 call it)
/// makes no claim.
#[test]
fn the_treaty_of_paris_is_the_one_whose_date_admits_the_time() {
    let rules = shipped_rules();
    let cases: &[Case] = &[
        (
            "Russia ceded Kuldja, which she had held for ten years, in 1881; in 1856, by the Treaty of Paris, she gave up the mouths of the Danube.",
            &[("in 1881", TimeValue::year(1881)), ("in 1856", TimeValue::year(1856))],
            one("treaty-of-paris-1856", Role::Point, "1856"),
        ),
        (
            "The Treaty of Paris, signed in December 1898, gave the Philippines to the United States.",
            &[("in December 1898", TimeValue::month(1898, 12))],
            one("treaty-of-paris-1898", Role::Point, "1898-12"),
        ),
        (
            "The Treaty of Paris was signed on 30 May 1814.",
            &[("on 30 May 1814", TimeValue::day(1814, 5, 30))],
            one("treaty-of-paris-1814", Role::Point, "1814-05-30"),
        ),
        ("The Treaty of Paris was signed in 1919.", &[("in 1919", TimeValue::year(1919))], vec![]),
    ];
    assert_cases(cases, &rules);
}

/// "Not until 1905 did the war end": it ended in 1905, not at some time up to 1905; the
/// verb, not the "until", gives the role. A plain "until 1905" stays an open end.
#[test]
fn a_time_not_until_which_something_happened_is_when_it_happened() {
    let rules = book();
    let until = |y: &str| TimeValue::parse_edtf(&format!("../{y}")).expect("an open range");
    let cases: &[Case] = &[
        (
            "The Russo-Japanese War did not end until 1905.",
            &[("until 1905", until("1905"))],
            one("russo-japanese-war", Role::End, "1905"),
        ),
        (
            "It was not until 1905 that the Russo-Japanese War ended.",
            &[("until 1905", until("1905"))],
            one("russo-japanese-war", Role::End, "1905"),
        ),
        (
            "The Treaty of Portsmouth was not signed until September 1905.",
            &[("until September 1905", until("1905-09"))],
            one("treaty-of-portsmouth", Role::Point, "1905-09"),
        ),
        (
            "The Russo-Japanese War went on until 1905.",
            &[("until 1905", until("1905"))],
            one("russo-japanese-war", Role::End, "../1905"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// Another deed before the event leaves the event's time to it: only one between the
/// event and the time dates the time (see `a_time_about_something_else_makes_no_claim`).
#[test]
fn a_deed_told_before_the_event_leaves_its_time_alone() {
    let rules = book();
    let text = "After the murder of a few missionaries, the Boxer Rebellion broke out in 1899.";
    let claims = claims_with(text, &[("1899", TimeValue::year(1899))], &rules);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert!(claims.iter().all(|c| c.0 == "boxer-rebellion" && c.2 == "1899"), "{claims:?}");
}

/// Words about an event whose name holds its time date the event all the same.
#[test]
fn words_about_a_dated_name_date_the_event() {
    let rules = book();
    let text = "He wrote a pamphlet on the Boxer Rebellion of 1900 for the mission board.";
    assert_eq!(
        claims_with(text, &[("1900", TimeValue::year(1900))], &rules),
        one("boxer-rebellion", Role::Point, "1900")
    );
}

/// A document that is the event keeps its date: the time after "note of" dates the note,
/// and the note is what is named.
#[test]
fn a_document_that_is_the_event_is_dated_by_its_date() {
    let mut rules = book();
    rules.events.push(undated_event("open-door-note", "the Open Door note", &[], "diplomatic"));
    let text = "The Open Door note of September 6, 1899 asked the powers to respect the treaty ports.";
    assert_eq!(
        claims_with(text, &[("September 6, 1899", TimeValue::day(1899, 9, 6))], &rules),
        vec![("open-door-note".to_string(), Role::Point, "1899-09-06".to_string())]
    );
}

#[test]
fn the_city_that_surrendered_is_the_port_named_before() {
    let rules = book();
    let blog = "On February 8, 1904, the Japanese attacked Russian fleet in Port Arthur (now Lushun, in North-East China). The attack was successful and made headlines around the world. For the next year, Port Arthur became a battleground, which cost great many lives to both sides. The city surrendered to the Japanese in the end of December.";
    let got = claims_with(
        blog,
        &[
            ("February 8, 1904", TimeValue::day(1904, 2, 8)),
            ("the end of December", TimeValue::month(1904, 12)),
        ],
        &rules,
    );
    assert_eq!(
        got,
        vec![
            ("battle-of-port-arthur".to_string(), Role::Point, "1904-02-08".to_string()),
            ("siege-of-port-arthur".to_string(), Role::End, "1904-12".to_string()),
        ]
    );
    let guide = "Eventually the fleet was destroyed by the Japanese forces besieging Port Arthur from the landside, and the port itself surrendered in January 1905.";
    let got = claims_with(guide, &[("January 1905", TimeValue::month(1905, 1))], &rules);
    assert_eq!(got, one("siege-of-port-arthur", Role::End, "1905-01"));
}

/// An event with no reference dates, for a rule the test rulebook lacks.
fn undated_event(id: &str, name: &str, aliases: &[&str], kind: &str) -> chronolint::rules::Event {
    chronolint::rules::Event {
        id: id.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        descriptions: Vec::new(),
        kind: kind.into(),
        dates: Vec::new(),
        origin: Default::default(),
    }
}

/// Adds a description to event `id` of `rules`: groups of alternative words.
fn describe(rules: &mut RuleBook, id: &str, groups: &[&[&str]]) {
    let e = rules.find(id).expect("in the test rulebook");
    let all_of = groups.iter().map(|g| g.iter().map(|w| w.to_string()).collect()).collect();
    rules.events[e].descriptions.push(Description { all_of });
}

/// A kind of event and a time ("revolution of 1911") after a qualifier the event's names do
/// not have is another event (Thomson: "In the Mexican revolution of 1911, Chinese lives and
/// property were destroyed").
#[test]
fn a_qualifier_the_names_lack_makes_another_event() {
    let mut rules = book();
    rules.events.push(undated_event(
        "xinhai-revolution",
        "the Chinese Revolution of 1911",
        &["Revolution of 1911", "Wuchang Uprising"],
        "revolution",
    ));
    let year = |text: &str| claims_with(text, &[("1911", TimeValue::year(1911))], &rules);
    assert_eq!(year("In the Mexican revolution of 1911, Chinese lives and property were destroyed."), vec![]);
    for text in [
        "During the revolution of 1911 the court fled.",
        "Their revolution of 1911 made the generals known.",
        "After the Wuchang revolution of 1911 the court fled.",
    ] {
        assert_eq!(year(text), one("xinhai-revolution", Role::Point, "1911"), "{text}");
    }
}

/// A word for an event between a time and a mention is another event's ("In 1904 the war
/// ... the Boxer Rebellion"), unless the mention is that word's name (Parmele: "In 1900
/// the anti-foreign insurrection known as the "Boxer war" broke out in China").
#[test]
fn a_word_the_mention_names_is_the_mention_own() {
    let rules = book();
    let year = |text: &str| claims_with(text, &[("1900", TimeValue::year(1900))], &rules);
    for text in [
        "In 1900 the anti-foreign insurrection known as the \"Boxer Rebellion\" broke out in China.",
        "In 1900 the rising commonly called the Boxer Uprising broke out in China.",
        "In 1900 the rising (called the Boxer Uprising) broke out in China.",
        "In 1900 the rebellion since termed the Boxer Rebellion broke out in China.",
    ] {
        assert_eq!(year(text), one("boxer-rebellion", Role::Start, "1900"), "{text}");
    }
    for text in [
        "In 1900 the war in the south outlasted the rebellion known as the Boxer Rebellion.",
        "In 1900 the war was called a sequel of the Boxer Rebellion.",
    ] {
        assert_eq!(year(text), vec![], "{text}");
    }
}

/// A cue noun after "a" or "an" is an event that may come, not the one that came (White:
/// "The march upon helpless Peking or a surrender of China to her foe"; Brinkley: "a base
/// presenting incalculable advantages for the prosecution of an attack upon Port Arthur").
#[test]
fn a_cue_after_an_indefinite_article_names_no_event() {
    let rules = book();
    let may_come = "In December 1904 the Russians at Port Arthur feared a surrender within the month.";
    assert_eq!(claims_with(may_come, &[("December 1904", TimeValue::month(1904, 12))], &rules), vec![]);
    let came = "In December 1904 the Russians at Port Arthur surrendered.";
    assert_eq!(
        claims_with(came, &[("December 1904", TimeValue::month(1904, 12))], &rules),
        one("siege-of-port-arthur", Role::End, "1904-12")
    );
}

#[test]
fn descriptions_name_events_without_their_names() {
    let mut rules = book();
    describe(&mut rules, "triple-intervention", &[&["Russia"], &["Germany"], &["France"], &["peace terms"]]);
    describe(
        &mut rules,
        "russo-japanese-war",
        &[&["opened hostilities"], &["Japanese", "Japan"], &["Russian", "Russia"]],
    );
    let text = "Witte chose the second policy and in 1894 Russia joined Germany and France in forcing Japan to soften the peace terms it imposed on China.";
    assert_eq!(
        claims_with(text, &[("1894", TimeValue::year(1894))], &rules),
        one("triple-intervention", Role::Point, "1894")
    );
    let text = "After negotiations broke down in 1904, the Japanese Navy opened hostilities by attacking the Russian Eastern Fleet at Port Arthur, China, in a surprise attack.";
    let got = claims_with(text, &[("1904", TimeValue::year(1904))], &rules);
    assert!(got.contains(&("russo-japanese-war".to_string(), Role::Start, "1904".to_string())), "{got:?}");
    assert!(got.contains(&("battle-of-port-arthur".to_string(), Role::Point, "1904".to_string())), "{got:?}");
}

/// A description's word in italics is a ship's name or a title, not the word (Tyler: the
/// battleship _Czarevitch_ holed in the attack on Port Arthur is not the attack on the
/// Tsarevich at Ōtsu); the same word in roman still describes.
#[test]
fn a_description_word_in_italics_names_a_ship() {
    let mut rules = book();
    describe(&mut rules, "otsu-incident", &[&["Czarevitch", "Tsarevich"], &["attack", "attacked"]]);
    let ship = "On May 11, 1891, the battleships _Retvisan_ and _Czarevitch_ were holed in a sudden attack.";
    assert_eq!(claims_with(ship, &[("May 11, 1891", TimeValue::day(1891, 5, 11))], &rules), vec![]);
    let man = "On May 11, 1891, the Czarevitch was attacked by a policeman.";
    assert_eq!(
        claims_with(man, &[("May 11, 1891", TimeValue::day(1891, 5, 11))], &rules),
        one("otsu-incident", Role::Point, "1891-05-11")
    );
}

#[test]
fn unknown_named_events_are_kept_as_written() {
    let text = "The Koreans have not forgiven Japan for acquiring the Korean peninsula in the Russo-China War and the Russo-Japanese War.";
    let sentences = segment(text);
    let mentions = Matcher::new(&book()).find(text, &sentences);
    let unknown: Vec<String> = mentions
        .iter()
        .filter_map(|m| match &m.target {
            MentionTarget::Unknown(n) => Some(n.clone()),
            MentionTarget::Known(_) => None,
        })
        .collect();
    assert_eq!(unknown, vec!["the Russo-China War".to_string()]);
}

#[test]
fn claims_carry_the_flags_of_their_sentence() {
    let rules = book();
    let path = crate::common::at("corpus/forum/sino-japanese-alliance.txt");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let doc =
        Document { id: 0, path: path.to_string_lossy().into_owned(), text, meta: SourceMeta::default() };
    let out = extract(&doc, &rules, &Matcher::new(&rules));
    let first_war: Vec<_> = out
        .claims
        .iter()
        .filter(|c| rules.event(c.event).id == "first-sino-japanese-war" && c.time.value.edtf == "1894/1895")
        .collect();
    // Said once, then copied in a reply: the copy is a repeat, neither is hypothetical.
    assert_eq!(first_war.len(), 2);
    assert!(first_war.iter().all(|c| !c.hypothetical && !c.quoted));
    assert_eq!(first_war.iter().map(|c| c.repeated).collect::<Vec<_>>(), vec![false, true]);
    assert_eq!(first_war[0].text_key, first_war[1].text_key);
}

#[test]
fn the_izvolsky_passage_is_reported_as_its_links_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = crate::common::at("tests/fixtures/rules");
    std::fs::write(
        dir.path().join("chronolint.toml"),
        format!(
            "rules = [{:?}]\n\n[[source]]\npaths = [\"**\"]\ngenre = \"forum\"\ntrust = \"low\"\n",
            rules
        ),
    )
    .expect("config");
    std::fs::copy(
        crate::common::at("corpus/forum/russo-japanese-alliance.txt"),
        dir.path().join("russo-japanese-alliance.txt"),
    )
    .expect("copy");
    let out = assert_cmd::Command::cargo_bin("chronolint")
        .expect("binary")
        .arg("claims")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let izvolsky: Vec<&serde_json::Value> =
        lines.iter().filter(|v| v["event"] == "ito-visit-to-st-petersburg").collect();
    // Said in the first post and copied in a reply: both quoted, from the link.
    assert_eq!(izvolsky.len(), 2, "{lines:?}");
    for v in &izvolsky {
        assert_eq!(v["time"]["value"], "1902");
        assert_eq!(v["quoted"], true);
        assert_eq!(v["attributed_to"], "https://en.wikipedia.org/wiki/Alexander_Izvolsky");
        assert_eq!(v["trust"], "low");
    }
    let at: Vec<&serde_json::Value> = izvolsky.iter().map(|v| &v["line"]).collect();
    assert_eq!(at, vec![14, 23]);
}

/// `claims` prints a guessed year as the checks read it, settled by the reference: "On
/// September 5" after "December 30, 1904" is the Treaty of Portsmouth of 1905; "On
/// September 15", which no year makes agree, keeps its guess.
#[test]
fn claims_print_a_guessed_year_as_the_checks_read_it() {
    let out = assert_cmd::Command::cargo_bin("chronolint")
        .expect("binary")
        .arg("claims")
        .arg(crate::common::at("tests/fixtures/checks/reference-mismatch/guessed-year"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let values: Vec<(String, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON line"))
        .filter(|v| v["event"] == "treaty-of-portsmouth")
        .map(|v| {
            let file = v["file"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
            (file, v["time"]["value"].as_str().unwrap_or("").to_string())
        })
        .collect();
    assert_eq!(
        values,
        [
            ("encyclopedia-a.txt".to_string(), "1905-09-05".to_string()),
            ("encyclopedia-b.txt".to_string(), "1904-09-15".to_string())
        ]
    );
}

#[test]
fn an_answer_about_it_dates_the_questions_event() {
    let rules = book();
    let text = "Q: When and why did the Russo-Japanese War break out?\n\nA:\u{a0}It broke out on 8 February 1904. The Russians and Japanese had been jostling for some years.";
    let got = claims_with(text, &[("8 February 1904", TimeValue::day(1904, 2, 8))], &rules);
    assert_eq!(got, one("russo-japanese-war", Role::Start, "1904-02-08"));
}

#[test]
fn claims_of_a_missing_path_exit_with_status_2() {
    assert_cmd::Command::cargo_bin("chronolint")
        .expect("binary")
        .args(["claims", "no/such/folder"])
        .assert()
        .code(2);
}

#[test]
fn claims_table_lists_one_row_per_claim() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = crate::common::at("tests/fixtures/rules");
    std::fs::write(dir.path().join("chronolint.toml"), format!("rules = [{rules:?}]\n")).expect("config");
    std::fs::write(
        dir.path().join("a.txt"),
        "In 1875, the Treaty of Saint Petersburg gave Russia Sakhalin.\n\nIn 1899 the Boxer Rebellion broke out.\n",
    )
    .expect("doc");
    let out = assert_cmd::Command::cargo_bin("chronolint")
        .expect("binary")
        .args(["claims", "--format", "table"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<Vec<&str>> = stdout.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    assert_eq!(rows[0][1..4], ["treaty-of-saint-petersburg-1875", "point", "1875"]);
    assert_eq!(rows[1][1..4], ["boxer-rebellion", "start", "1899"]);
}

/// The per-document stage segments only the blocks that hold a time or a name
/// (`segment_hot`), and looks for names and descriptions, and sets sentence flags, only
/// in the sentences that can use them (`relevant_sentences`; a dated sentence only where
/// it holds the words some event's name, description or place needs): on the
/// shipped corpus, the head of every realtext book and a text built to reach each reason a
/// sentence is relevant, `extract` must give the same claims and the same per-document
/// findings as segmenting and matching everywhere.
#[test]
fn working_only_where_it_is_read_changes_nothing() {
    use chronolint::claims::DocExtract;
    let (rules, matcher) = shipped();
    let mut texts: Vec<(String, String)> = Vec::new();
    for dir in ["blog", "encyclopedia", "forum", "today-in-history"] {
        for entry in std::fs::read_dir(crate::common::at("corpus").join(dir)).expect("corpus folder") {
            let path = entry.expect("entry").path();
            texts.push((path.display().to_string(), std::fs::read_to_string(&path).expect("utf-8")));
        }
    }
    let realtext = crate::common::shared("realtext");
    let mut books: Vec<_> =
        std::fs::read_dir(&realtext).expect("realtext").map(|e| e.expect("entry").path()).collect();
    books.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    books.sort();
    assert!(books.len() >= 10, "realtext holds {} books", books.len());
    for path in books {
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let mut end = 120_000.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        texts.push((path.display().to_string(), text[..end].to_string()));
    }
    texts.push((
        "built".into(),
        "Q: When did the Russo-Japanese War begin?\nA: It broke out on 8 February 1904.\n\n\
         Q: When was the Boxer Protocol signed?\nA: It was signed on 7 September 1901.\n\n\
         The Treaty of Portsmouth was a famous peace. Its centenary was marked two years ago.\n\n\
         \"Japan recalled its diplomats from Moscow,\" he wrote, \"and war came in 1904.\"\n\n\
         Nobody dated the Russo-China War here. The Boxer Rebellion was long."
            .into(),
    ));
    // Blocks that only a time makes hot, and that name nothing, are left whole: unless the
    // next block opens with an answer or a quotation, whose question or speaker they
    // hold, or a dated sentence of theirs names an entity (no dominant year here) or may
    // name an event past an abbreviation ("St. Petersburg") or a closer.
    texts.push((
        "time-only".into(),
        "Q: What happened in the spring of 1904?\n\n\
         A: The Russo-Japanese War broke out on 8 February 1904.\n\n\
         The consul wrote in March 1905 from the coast:\n\n\
         \"The Treaty of Portsmouth was signed on 5 September 1905, and the war was over.\"\n\n\
         In 1911 the harvest failed. In 1912 it failed again.\n\n\
         On 3 May 1906 the envoys left for Leningrad by the night train.\n\n\
         The ships lay at St. Petersburg in 1905. \"Then,\" he said, \"the Treaty of Portsmouth was signed in 1905.\"\n\n\
         In 1907 nothing at all happened here. Mr. Witte (of the Treaty of Portsmouth, 1905) returned in 1906.\n"
            .into(),
    ));
    // An undated quotation naming an entity: its flags are read by `anachronism` alone.
    texts.push((
        "quoted-entity".into(),
        "In 1904 the talks failed. In 1904 the fleet sailed. In 1904 the envoys argued.\n\n\
         \"Japan recalled its diplomats from Moscow without any delay,\" the paper wrote.\n"
            .into(),
    ));
    let policy = chronolint::config::TrustPolicies::default();
    let mut claims_seen = 0;
    for (name, text) in &texts {
        let meta = SourceMeta { genre: chronolint::corpus::Genre::Book, ..SourceMeta::default() };
        let findings = |extract: &DocExtract| {
            let cx = chronolint::checks::DocContext { text, extract, rules: &rules, policy: &policy };
            format!("{:?}", chronolint::checks::run_per_doc(&cx))
        };
        let doc = Document { id: 0, path: name.clone(), text: text.clone(), meta: meta.clone() };
        let scoped = extract(&doc, &rules, &matcher);
        // Everything, everywhere: every sentence's flags, names in every sentence.
        let everywhere = chronolint::claims::extract_everywhere(&doc, &rules, &matcher);
        let json = chronolint::claims::claims_for_comparison;
        assert_eq!(json(&scoped), json(&everywhere), "claims differ in {name}");
        assert_eq!(findings(&scoped), findings(&everywhere), "per-document findings differ in {name}");
        claims_seen += everywhere.claims.len();
    }
    // The comparison means something only if there were claims to compare.
    assert!(claims_seen > 40, "only {claims_seen} claims");
}

/// A dated sentence is matched against the event names only if it holds the words one of
/// them needs (`Matcher::may_name`): every sentence in which matching everywhere finds a
/// known event must hold them, in the shipped corpus and in every realtext book whole.
#[test]
fn every_sentence_naming_a_known_event_holds_the_words_it_needs() {
    let (_, matcher) = shipped();
    let mut texts: Vec<String> = Vec::new();
    for dir in ["blog", "encyclopedia", "forum", "today-in-history"] {
        for entry in std::fs::read_dir(crate::common::at("corpus").join(dir)).expect("corpus folder") {
            texts.push(std::fs::read_to_string(entry.expect("entry").path()).expect("utf-8"));
        }
    }
    for entry in std::fs::read_dir(crate::common::shared("realtext")).expect("realtext") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path).expect("utf-8"));
        }
    }
    let mut naming = 0;
    for text in &texts {
        // Where Unicode case folding finds more than ASCII, nothing is ruled out.
        let folds = !text.contains('\u{17f}') && !text.contains('\u{212a}');
        let sentences = segment(text);
        let mut known: Vec<usize> = matcher
            .find(text, &sentences)
            .iter()
            .filter(|m| matches!(m.target, MentionTarget::Known(_)))
            .map(|m| m.sentence)
            .collect();
        known.dedup();
        for s in known {
            let body = sentences[s].span.slice(text);
            assert!(matcher.may_name(&body.to_ascii_lowercase(), folds), "needs not met in {body:?}");
            naming += 1;
        }
    }
    assert!(naming > 1000, "only {naming} sentences name a known event");
}

/// The test of words `Matcher::may_name` makes is one of the words a text holds, so it
/// can only pass more often on more text: a window that fails holds no sentence that
/// passes, and a window holding a sentence that passes passes. The per-document stage
/// takes a window's answer for the sentences it settles (`claims::extract`). Checked on
/// every sentence of the realtext books and the window of it and the next sentence.
#[test]
fn the_words_test_of_a_window_settles_the_sentences_inside_it() {
    let (_, matcher) = shipped();
    let (mut windows, mut passing) = (0, 0);
    for entry in std::fs::read_dir(crate::common::shared("realtext")).expect("realtext") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("utf-8");
        let folds = !text.contains('\u{17f}') && !text.contains('\u{212a}');
        let lower = text.to_ascii_lowercase();
        let sentences = segment(&text);
        let may_name = |start: usize, end: usize| matcher.may_name(&lower[start..end], folds);
        for pair in sentences.windows(2) {
            let (a, b) = (pair[0].span, pair[1].span);
            let window = may_name(a.start, b.end);
            for s in [a, b] {
                let sentence = may_name(s.start, s.end);
                assert!(window || !sentence, "{:?} passes, its window fails", &text[s.start..s.end]);
            }
            windows += 1;
            passing += usize::from(window);
        }
    }
    // Both answers must have been seen for the check to mean anything.
    assert!(windows > 10_000 && passing > 500 && passing < windows, "{passing} of {windows} windows pass");
}

/// An undated name in a block without a time is judged by the document's dominant year,
/// so such a block is segmented only when the document has one; either way the fast path
/// finds what the slow one does.
#[test]
fn an_undated_name_is_judged_by_the_dominant_year_only_when_there_is_one() {
    let (rules, matcher) = shipped();
    let policy = chronolint::config::TrustPolicies::default();
    let undated = "The envoys sent their report to Leningrad without delay.";
    // (dates, how many anachronisms): with no dominant year, a name is still judged in a
    // dated block (it is searched for once the hot blocks are known), never in another.
    let cases = [
        ("In 1904 the talks failed. In 1904 the fleet sailed. In 1905 the envoys argued.", 1),
        ("In 1850 the talks failed. In 1904 the fleet sailed. In 1950 the envoys argued.", 0),
        ("In 1850 the talks failed. In 1904 the fleet sailed to Leningrad. In 1950 the envoys argued.", 1),
        // Two in three near one year are not enough: a dominant year takes three.
        ("In 1904 the talks failed. In 1904 the fleet sailed. In 1850 the envoys argued.", 0),
        // Days whose year no date gives are dates in no known year: three of them outweigh
        // the three years, and the document has no dominant year. Two do not.
        (
            "On November 7th the talks failed. On November 8th the envoys met. On November 9th they parted. In 1904 the talks failed. In 1904 the fleet sailed. In 1905 the envoys argued.",
            0,
        ),
        (
            "On November 7th the talks failed. On November 8th the envoys met. In 1904 the talks failed. In 1904 the fleet sailed. In 1905 the envoys argued.",
            1,
        ),
    ];
    for (dates, flagged) in cases {
        let text = format!("{dates}\n\n{undated}\n");
        let meta = SourceMeta { genre: chronolint::corpus::Genre::Book, ..SourceMeta::default() };
        let doc = Document { id: 0, path: "doc.txt".into(), text: text.clone(), meta };
        let findings = |extract: &chronolint::claims::DocExtract| {
            let cx = chronolint::checks::DocContext { text: &text, extract, rules: &rules, policy: &policy };
            chronolint::checks::run_per_doc(&cx)
        };
        let fast = findings(&extract(&doc, &rules, &matcher));
        let slow = findings(&chronolint::claims::extract_everywhere(&doc, &rules, &matcher));
        assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{dates}");
        let names =
            |f: &[chronolint::diagnostic::Diagnostic]| f.iter().filter(|d| d.code == "anachronism").count();
        assert_eq!(names(&fast), flagged, "{dates}: {fast:?}");
    }
}

/// A sentence naming an entity out of its time is a repeat, and not reported, where a copy
/// of it written with other separators between the name's words ("Theodore-Roosevelt",
/// where the name search finds no name) lies further back, in a block the fast way leaves
/// whole: comparing every sentence finds the copy, and so must the fast way. Without the
/// copy, the name is reported either way.
#[test]
fn an_earlier_copy_with_other_separators_makes_a_named_sentence_a_repeat() {
    let (rules, matcher) = shipped();
    let policy = chronolint::config::TrustPolicies::default();
    let dated = "In 1893 the empire was at peace. A treaty was signed in April 1893. Trade grew in 1893.";
    let later = "In May 1893 the harvest failed. Prices rose in June 1893.";
    let named = |sep: &str| {
        format!(
            "Newsreel footage announcing President Theodore{sep}Roosevelt and his success ended the film."
        )
    };
    let findings = |text: &str| {
        let doc =
            Document { id: 0, path: "doc.txt".into(), text: text.to_string(), meta: SourceMeta::default() };
        let run = |extract: &chronolint::claims::DocExtract| {
            let cx = chronolint::checks::DocContext { text, extract, rules: &rules, policy: &policy };
            chronolint::checks::run_per_doc(&cx).iter().filter(|d| d.code == "anachronism").count()
        };
        (
            run(&extract(&doc, &rules, &matcher)),
            run(&chronolint::claims::extract_everywhere(&doc, &rules, &matcher)),
        )
    };
    for sep in ["-", "\u{1}", "/", "\u{2014}"] {
        let text = format!("{dated}\n\n{}\n\n{later}\n\n{}\n", named(sep), named(" "));
        assert_eq!(findings(&text), (0, 0), "{sep:?}");
    }
    let text = format!("{dated}\n\n{later}\n\n{}\n", named(" "));
    assert_eq!(findings(&text), (1, 1));
}

/// Inputs the `pipeline` fuzz target found (tests/fixtures/fuzz/): each must give what
/// segmenting and matching everything gives. The first: a publication citation ran on
/// past a blank line in the whole-text search ("... History of the Russo-Japanese War"
/// by Go\n\nXII.) but not in the per-block one; citations now stay inside a block.
/// Another: where a claim is attributed to a quotation's source, the citations outside
/// every sentence (kept for that source) lay among a paragraph's, and a claim lost the
/// link of its own paragraph ("paragraph-citations-among-outside-ones.txt"). Another: a
/// sentence that takes up a heading's event, copied further on, was a repeat only where
/// everything was flagged ("heading-repeat.txt"). Another: such a sentence's block was not
/// searched for citations, so its claim lost the address in its paragraph
/// ("heading-bare-address.txt"). Another: the copy of such a sentence before it, with no
/// heading above, lay in a block left whole, so only the slow way found the sentence a
/// repeat ("heading-copy-in-a-whole-block.txt"). Another: a sentence over two short lines
/// was a heading to the slow way, while the fast way keeps only a block of one line above
/// a dated one ("heading-over-two-lines.txt"); a heading is now one line either way.
/// Another: a match over a blank line hid the name after it from the slow way, which
/// searches the whole text at once ("name-over-a-sentence-end.txt"). Another: a sentence
/// whose year its context made no time of ("in$1904") lay in a block left whole, so only
/// the slow way found its copy with the year read ("in 1904") a repeat
/// ("repeat-of-a-sentence-whose-year-is-money.txt"). Another: a description's word over a
/// sentence's end ("Siege-1910 Port" / "Arthur") was found by the slow way's search of the
/// whole text and not by the fast way's search of the sentences that may name an event
/// ("siege-year-across-a-line-break.txt"); a word, like a name, now stays in its sentence.
/// Another: a copy with NUL and control bytes for spaces read no date ("February\019"),
/// so nothing made it a candidate copy and only the slow way found the later sentence a
/// repeat ("repeat-flag-with-control-bytes.txt"); a control byte now parts a date's words
/// as a space does. Another: a copy whose quotation mark kept its date from being read
/// ("in the end of\"December.") lay in a block split for another date, but nothing made it
/// a candidate copy, so only the slow way found the later sentence ("in the end of
/// December.") a repeat ("repeat-of-a-sentence-split-for-another.txt"); a sentence whose
/// flags are read and that no candidate repeats is now compared with the split sentences
/// before it whose first and last words are its own. Another: a heading's noun joined to
/// another word by a hyphen ("H-TREATY OF PORTSMOUTH") was no word of the heading to the
/// fast way's test of the heading and the block under it, while the slow way took the
/// noun from the name it found in the heading ("heading-noun-joined-by-a-hyphen.txt"); the
/// test now takes every run of letters. Another: a sentence naming an entity out of its
/// time had a copy further back with control bytes between the name's words ("Theodore
/// \u{1}\u{8} Roosevelt"), which the name search does not find, in a block the fast way
/// left whole, so only the slow way found the later sentence a repeat
/// ("named-sentence-copied-with-control-bytes.txt"); `anachronism` now asks, of what it
/// would report, whether a copy lies anywhere before (`claims::Copies`). Three more, found
/// by reading the code rather than by the fuzzer, of the class the 46th session left open
/// (a copy whose punctuation or case keeps its date or name from being found, in a block
/// left whole): a claim's sentence copied with slashes in its date ("the 5th/of/June",
/// "claim-copied-with-slashes-in-its-date.txt"), a sentence naming an unknown event copied
/// in lowercase, so with no capitalised head word ("unknown-name-copied-in-lowercase.txt"),
/// and a year copied with an apostrophe after it ("1904's",
/// "year-copied-with-an-apostrophe.txt"). The extract now asks about the sentences whose
/// repeat flag a claim or `unknown-event` reads (`mark_copies_left_whole`), and notes a
/// year with anything glued after it as unread. Two more pin that step since the 51st
/// session, when a head word that heads no name stopped making its block hot: each copy
/// above with "War followed." after it ("claim-copied-beside-a-head-word-heading-no-name.txt",
/// "unknown-name-copied-beside-a-head-word-heading-no-name.txt"); before, the head word
/// had its block split and the copy compared. Another pins the comparison of each read
/// sentence with the split ones before it, since the 51st session also leaves sentences
/// that only hold a head word, an anniversary word or a year left unread unkeyed: a claim
/// copied earlier, with slashes in its date, in a sentence holding "War" in a block split
/// for "The Boxer War" ("claim-copied-in-a-sentence-with-a-head-word.txt"). Another pins
/// `anachronism`'s own search for copies, since the extract no longer keys sentences that
/// only name an entity: "Japan recalled its minister from Moscow" in a document of 1904,
/// copied from an entry of a list dated 1920, where it is no anachronism
/// ("entity-sentence-copied-from-a-dated-list-entry.txt"). One more pins the search of
/// blocks left whole since the 52nd session, when a head word stopped making its block
/// hot where every name through it holds a word no event's name holds: an unknown name
/// copied in lowercase beside "the Peloponnesian War", whose block was split before
/// ("unknown-name-copied-beside-a-name-no-event-holds.txt"). Two more, found by reading
/// the code in the 52nd session: a claim whose time holds a year was not asked about,
/// since its copy's window passes the same test of words, but a copy with a control byte
/// or a bullet between the event's words ("Meiji\u{1}Restoration",
/// "Meiji•Restoration") is a copy to the repeat key and names nothing to the matcher
/// ("claim-copied-with-a-control-byte-in-its-event-name.txt",
/// "claim-copied-with-a-bullet-in-its-event-name.txt"); such a claim is now asked about in
/// a text holding such a character (`mentions::words_alike`). Since anniversary words make
/// a block split only where their window may name an event, a sentence
/// `anniversary-arithmetic` reads is asked about as such a claim is: one copied with a
/// bullet in its event's name ("anniversary-copied-with-a-bullet-in-its-event-name.txt").
/// The last, of the 64th session: a heading line holding a lone carriage return ("H\rTREATY
/// OF PORTSMOUTH") was two lines to the segmenter, so no heading to the fast way, and one
/// line with a heading's shape to the slow way's search of lines by "\n"
/// ("heading-over-a-lone-carriage-return.txt"); a lone "\r" is now made "\n" as a file is
/// read (`corpus::mend_line_ends`), and the fixtures are read so.
#[test]
fn fuzz_finds_give_the_same_claims_and_findings_as_the_slow_reference() {
    let (rules, matcher) = shipped();
    let policy = chronolint::config::TrustPolicies::default();
    let dir = crate::common::at("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        // As the fuzz target gives it: line ends mended as the engine's `decode` does.
        let mut bytes = std::fs::read(&path).expect("fixture");
        let _ = chronolint::corpus::mend_line_ends(&mut bytes);
        let text = String::from_utf8(bytes).expect("utf-8");
        let doc =
            Document { id: 0, path: "fuzz.txt".into(), text: text.clone(), meta: SourceMeta::default() };
        let fast = extract(&doc, &rules, &matcher);
        let slow = chronolint::claims::extract_everywhere(&doc, &rules, &matcher);
        let json = chronolint::claims::claims_for_comparison;
        assert_eq!(json(&fast), json(&slow), "{}", path.display());
        let findings = |e: &chronolint::claims::DocExtract| {
            let cx =
                chronolint::checks::DocContext { text: &text, extract: e, rules: &rules, policy: &policy };
            format!("{:?}", chronolint::checks::run_per_doc(&cx))
        };
        assert_eq!(findings(&fast), findings(&slow), "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 1, "no fixtures in {}", dir.display());
}

/// "The city surrendered" refers back to the latest place of its paragraph, even when the
/// sentence naming it holds no date (and so is not itself searched for mentions); a place
/// named in another paragraph is not referred to.
#[test]
fn an_anaphor_refers_back_to_a_place_named_in_an_undated_sentence_of_its_paragraph() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    let same = "The Japanese besieged Port Arthur for months. Its defenders held out bravely. \
                The city surrendered on 2 January 1905.";
    assert_eq!(claims_of(same), ["siege-of-port-arthur"]);
    let apart = "The Japanese besieged Port Arthur for months.\n\n\
                 Its defenders held out bravely. The city surrendered on 2 January 1905.";
    assert!(claims_of(apart).is_empty());
}

/// "Rice riots" alone is no name: the rice riots of 1918 were Japan's, and China had its
/// own (realtext's Thomson, 1913, dates those of Hangchow 1906 and Changsha 1910, which
/// were claimed as the 1918 riots and flagged three times).
#[test]
fn rice_riots_are_those_of_1918_only_in_japan_or_by_that_name() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    assert!(claims_of("I instance the fierce Hangchow rice riots of July, 1906.").is_empty());
    assert_eq!(claims_of("The rice riots broke out in Japan in August 1918."), ["rice-riots-1918"]);
    assert_eq!(claims_of("The 1918 rice riots began in August 1918."), ["rice-riots-1918"]);
}

/// "Japanese", "attack" and "Port Arthur" in one sentence described the night attack of
/// February 1904, and so every attack of the siege and Japan's capture of 1894 (realtext:
/// Nanshan on 26 May 1904, Brinkley's 1894); words of the night attack, or Togo's fleet,
/// still do.
#[test]
fn only_the_night_attack_or_togo_describes_the_attack_on_port_arthur() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    let nanshan = "On May 26th, 1904, the Japanese Second Army, which had been landed at Petsewo Bay, \
                   attacked the first line of defense at Nanshan, eighteen miles north of Port Arthur.";
    assert!(!claims_of(nanshan).contains(&"attack-on-port-arthur".to_string()), "{nanshan}");
    let night = "On 8 February 1904 Japanese destroyers struck the Russian fleet at Port Arthur.";
    assert_eq!(claims_of(night), ["attack-on-port-arthur"]);
    let togo = "On 9 February 1904 Admiral Togo opened his broadsides on the fleet at Port Arthur and resumed the attack.";
    assert_eq!(claims_of(togo), ["attack-on-port-arthur"]);
}

/// Port Arthur was besieged from August 1904 to January 1905: a battle word near it at a
/// time the siege's dates hold ("the Port Arthur Squadron, which escaped after the battle
/// of 10 August 1904") is one of the siege's many attacks, not the attack of February 1904,
/// and "the first blow fell upon Port Arthur" is that attack, not the fall (realtext's
/// Tyler and Barry: eight false findings). The attack's own date, and a wrong one no
/// event there admits, still claim.
#[test]
fn a_verb_by_a_besieged_place_is_the_event_whose_dates_hold_the_time() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    let attack = "attack-on-port-arthur".to_string();
    let squadron =
        "The cruiser Novik, of the Port Arthur Squadron, escaped after the battle of 10 August 1904 \
                    and was beached off Sakhalin.";
    assert!(!claims_of(squadron).contains(&attack), "{squadron}");
    let assaults = "The Japanese closed on Port Arthur. Between May 30 and November 30, 1904, they took \
                    positions from which the attack on the main defenses of the fortress could be directed.";
    assert!(!claims_of(assaults).contains(&attack), "{assaults}");
    let night = "On February 8, 1904, the Japanese attacked the Russian fleet in Port Arthur.";
    assert_eq!(claims_of(night), ["attack-on-port-arthur"]);
    let wrong = "On February 8, 1903, the Japanese attacked the Russian fleet in Port Arthur.";
    assert_eq!(claims_of(wrong), ["attack-on-port-arthur"]);
    let blow = "On February 8, 1904, the first blow fell upon Port Arthur in that famous night attack.";
    assert!(!claims_of(blow).contains(&"surrender-of-port-arthur".to_string()), "{blow}");
    assert_eq!(claims_of("Port Arthur fell on 2 January 1905."), ["surrender-of-port-arthur"]);
    // A description ("besieged ... Port Arthur") too, where the other event at the place
    // is named with its year, "the capture of Port Arthur (1894)" (Barry: Nogi in 1894).
    let siege = "siege-of-port-arthur".to_string();
    let nogi = "In 1894 Nogi saw the Chinese besieged and Port Arthur taken by a feint.";
    assert!(!claims_of(nogi).contains(&siege), "{nogi}");
    // Without a year the place cannot tell the events there apart: no claim.
    assert!(claims_of("Port Arthur fell on January 1.").is_empty());
    // "The fall of Port Arthur" is the capture of 1894 and the surrender of 1905.
    assert_eq!(
        claims_of("The fall of Port Arthur in November 1894 shocked Peking."),
        ["capture-of-port-arthur-1894"]
    );
    let surrender = claims_of("The fall of Port Arthur on 2 January 1905 shocked Petersburg.");
    assert!(surrender.contains(&"surrender-of-port-arthur".to_string()), "{surrender:?}");
    assert!(claims_of("The fall of Port Arthur on January 2 shocked Petersburg.").is_empty());
    assert_eq!(claims_of("In 1904 the Japanese besieged Port Arthur."), ["siege-of-port-arthur"]);
    // "Ten years ago" in a book of 1905 may be November 1894: another event at the place.
    let book = SourceMeta {
        genre: chronolint::corpus::Genre::Book,
        published: Some(TimeValue::year(1905)),
        ..SourceMeta::default()
    };
    let barry = "Ten years ago, when the Japanese took Port Arthur from the Chinese in a day, one fort held \
                 out until the last, and the rest fell at the first assault.";
    assert_eq!(claimed_in(&rules, &matcher, barry, book), Vec::<String>::new(), "{barry}");
    assert_eq!(claims_of("In 1899 the Japanese besieged Port Arthur."), ["siege-of-port-arthur"]);
}

/// A description whose words stand on both sides of a time is as far from it as its last
/// word, across what lies between: in an index line a clause boundary (Brinkley's index:
/// "Liaotung peninsula, ... fighting in 1894 in; Russian lease of" dated the lease 1894).
#[test]
fn a_description_around_a_time_is_read_from_its_last_word() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    let index = "Liaotung peninsula, Chinese forces in, (1592), defeated by Japanese; fighting in 1894 in; \
                 Russian lease of";
    assert!(claims_of(index).is_empty(), "{index}");
    let told = "In 1898 Russia obtained a lease of Port Arthur and the Liaotung peninsula.";
    assert_eq!(claims_of(told), ["russian-lease-of-port-arthur"]);
    // Its words around a time that another event's name holds: the time is that event's.
    let korea = "Group V repeated the measures undertaken in Korea after the Russo-Japanese war of 1905 \
                 as a forerunner to annexation.";
    assert!(!claims_of(korea).contains(&"annexation-of-korea".to_string()), "{korea}");
    // Its words on both sides of a time counted from another.
    let edicts = "In February 1914 the Empress Lun Yi, widow of the Emperor Kwang Hsu, who two years \
                  previously had sanctioned the Abdication Edicts, expired.";
    assert!(claims_of(edicts).is_empty(), "{edicts}");
}

/// A name two dated events share is a claim about the one whose dates admit the time, and
/// about none when neither does (the shipped rules give "the battle of the Yalu" to the
/// naval battle of 1894 and the land battle of 1904).
#[test]
fn a_shared_name_is_the_event_whose_dates_admit_the_time() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    assert_eq!(
        claims_of("The Battle of the Yalu was fought on 17 September 1894."),
        ["battle-of-the-yalu-river-1894"]
    );
    assert_eq!(
        claims_of("The battle of the Yalu was fought on 1 May 1904."),
        ["battle-of-the-yalu-river-1904"]
    );
    assert!(claims_of("The battle of the Yalu was fought in 1899.").is_empty());
    // One event's name and another's alias: "the Battle of the Yellow Sea".
    let sea = "The Battle of the Yellow Sea was fought on";
    assert_eq!(claims_of(&format!("{sea} 17 September 1894.")), ["battle-of-the-yalu-river-1894"]);
    assert_eq!(claims_of(&format!("{sea} 10 August 1904.")), ["battle-of-the-yellow-sea"]);
    let mut tientsin = claims_of("China, ignoring the treaty of Tien-tsin of 1885, sent troops to Corea.");
    tientsin.sort();
    assert_eq!(tientsin, ["convention-of-tientsin-1885", "treaty-of-tientsin-1885"]);
    // McKenzie: "In the early summer of 1907 the Emperor thought that he saw his chance ...
    // through the Hague Conference".
    let hague = "In the early summer of 1907 the Emperor saw his chance through the Hague Conference.";
    assert_eq!(claims_of(hague), ["second-hague-conference"]);
    assert_eq!(claims_of("In 1899 the Tsar called the Hague Conference."), ["first-hague-conference"]);
    // Reed and Ransome, writing New Style: "the November Revolution" of 1917.
    let reed = "On November 7, 1917, the November Revolution placed the power in the hands of the Soviets.";
    assert_eq!(claims_of(reed), ["october-revolution"]);
    let kiel = "In November 1918 the November Revolution swept away the Kaiser.";
    assert_eq!(claims_of(kiel), ["german-revolution-1918"]);
}

/// The repository's rules and their matcher.
fn shipped() -> (RuleBook, Matcher) {
    let rules = shipped_rules();
    let matcher = Matcher::new(&rules);
    (rules, matcher)
}

/// The events `text` makes claims about (ids, in order), the fast per-document stage
/// checked against segmenting and matching everything.
fn claimed(rules: &RuleBook, matcher: &Matcher, text: &str) -> Vec<String> {
    claimed_in(rules, matcher, text, SourceMeta::default())
}

/// `claimed` in a source described by `meta`.
fn claimed_in(rules: &RuleBook, matcher: &Matcher, text: &str, meta: SourceMeta) -> Vec<String> {
    extracted(rules, matcher, text, meta).claims.iter().map(|c| rules.events[c.event].id.clone()).collect()
}

/// The claims of `text`: event id, role and EDTF time of each.
fn roles_of(rules: &RuleBook, matcher: &Matcher, text: &str) -> Vec<(String, Role, String)> {
    extracted(rules, matcher, text, SourceMeta::default())
        .claims
        .iter()
        .map(|c| (rules.events[c.event].id.clone(), c.role, c.time.value.edtf.clone()))
        .collect()
}

/// The per-document stage over `text`, checked against segmenting and matching everything.
fn extracted(
    rules: &RuleBook,
    matcher: &Matcher,
    text: &str,
    meta: SourceMeta,
) -> chronolint::claims::DocExtract {
    let doc = Document { id: 0, path: "t.txt".into(), text: text.into(), meta };
    let fast = extract(&doc, rules, matcher);
    let slow = chronolint::claims::extract_everywhere(&doc, rules, matcher);
    let json = chronolint::claims::claims_for_comparison;
    assert_eq!(json(&fast), json(&slow), "{text}");
    fast
}

#[test]
fn file_names_make_no_claim() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    // The same words in prose are a claim: what follows tests the file names and cells,
    // not a name or a year the rules lack.
    assert_eq!(claims_of("The Battle of Tsushima was fought in 1905."), ["battle-of-tsushima"]);
    // A book list names its files: "1906" dates the book, and the slug names no battle.
    for text in [
        "See `pg57324-semenoff-battle-of-tsushima-1906.txt` for the Russian side.",
        "## pg57324-semenoff-battle-of-tsushima-1906.txt\n\n- Title: a book.",
        "The notes of 1906 are in /home/me/battle-of-tsushima.md now.",
        "(Saved as Battle-of-Tsushima-1905.PDF.)",
    ] {
        assert!(claims_of(text).is_empty(), "{text}");
    }
    // A file named in a timeline's table leaves the row's own claim alone.
    assert_eq!(claims_of("| 1905 | Battle of Tsushima | `tsushima-notes.md` |"), ["battle-of-tsushima"]);
}

#[test]
fn web_addresses_without_a_scheme_are_links_not_prose() {
    let (rules, matcher) = shipped();
    let extract_of = |text: &str| {
        let doc = Document { id: 0, path: "t.md".into(), text: text.into(), meta: SourceMeta::default() };
        let fast = extract(&doc, &rules, &matcher);
        let slow = chronolint::claims::extract_everywhere(&doc, &rules, &matcher);
        let json = chronolint::claims::claims_for_comparison;
        assert_eq!(json(&fast), json(&slow), "{text}");
        fast
    };
    // The year and the words of an address's path are the page's label.
    for text in [
        "Read more at example.com/history/1906-battle-of-tsushima and nowhere else.",
        "The archive copy is kept at archive.org/details/treaty-of-portsmouth-1906 for reference.",
        "(see en.wikipedia.org/wiki/Battle_of_Tsushima_1906)",
    ] {
        assert!(extract_of(text).claims.is_empty(), "{text}");
    }
    // An address backs what its sentence says, as one with a scheme does.
    let cited =
        extract_of("The Battle of Tsushima was fought in 1905 (britannica.com/event/Battle-of-Tsushima).");
    let [claim] = cited.claims.as_slice() else { panic!("one claim: {:?}", cited.claims) };
    assert_eq!(claim.time.value.edtf, "1905");
    assert_eq!(
        claim.citations.iter().map(|c| c.target.as_str()).collect::<Vec<_>>(),
        ["britannica.com/event/Battle-of-Tsushima"]
    );
}

/// "event-id time-as-written" of each claim of `text` (`flagged`).
fn event_years(rules: &RuleBook, matcher: &Matcher, text: &str) -> Vec<String> {
    flagged(rules, matcher, text).into_iter().map(|(event, year, _, _)| format!("{event} {year}")).collect()
}

/// The claims of `text` as (event, year as written, quoted, whose words), the fast
/// per-document stage checked against the slow one.
fn flagged(rules: &RuleBook, matcher: &Matcher, text: &str) -> Vec<(String, String, bool, Option<String>)> {
    let doc = Document { id: 0, path: "t.md".into(), text: text.into(), meta: SourceMeta::default() };
    let fast = extract(&doc, rules, matcher);
    let slow = chronolint::claims::extract_everywhere(&doc, rules, matcher);
    let json = chronolint::claims::claims_for_comparison;
    assert_eq!(json(&fast), json(&slow), "{text}");
    fast.claims
        .iter()
        .map(|c| {
            let year = c.time.span.slice(text).to_string();
            (rules.events[c.event].id.clone(), year, c.quoted, c.attributed_to.clone())
        })
        .collect()
}

#[test]
fn quotations_set_off_by_markup_are_quoted() {
    let (rules, matcher) = shipped();
    let of = |text: &str| flagged(&rules, &matcher, text);
    let own = |year: &str| ("triple-intervention".to_string(), year.to_string(), false, None);
    let by = |year: &str, who: &str| {
        ("triple-intervention".to_string(), year.to_string(), true, Some(who.to_string()))
    };
    // A forum's BBCode, with the reply after the closing tag on the same line.
    assert_eq!(
        of("[quote=\"Ivan, post: 12\"]The Triple Intervention came in 1894.[/quote] No: the Triple Intervention was in 1895."),
        [by("1894", "Ivan"), own("1895")]
    );
    // A forum page saved as text.
    assert_eq!(
        of("Ivan said:\nThe Triple Intervention came in 1894.\nClick to expand...\nNo: the Triple Intervention was in 1895.\n"),
        [by("1894", "Ivan"), own("1895")]
    );
    // HTML, and the quoted lines of Markdown and mail.
    let html = of("<blockquote>The Triple Intervention came in 1894.</blockquote>\n<p>It was 1895.</p>");
    assert_eq!(html.first().map(|c| c.2), Some(true));
    assert_eq!(
        of("Ivan wrote:\n> The Triple Intervention came in 1894.\n\nNo: the Triple Intervention was in 1895.\n"),
        [by("1894", "Ivan"), own("1895")]
    );
    // Not quotations: mail transport's ">From" in a book, and a GitHub alert.
    assert_eq!(of(">From the Triple Intervention of 1895 on, Japan armed.\n"), [own("1895")]);
    assert_eq!(of("> [!NOTE]\n> The Triple Intervention came in 1895.\n"), [own("1895")]);
}

#[test]
fn dates_a_sentence_denies_make_no_claim() {
    let (rules, matcher) = shipped();
    let years = |text: &str| event_years(&rules, &matcher, text);
    assert_eq!(
        years("The Battle of Tsushima did not take place in 1904 but in 1905."),
        ["battle-of-tsushima 1905"]
    );
    assert_eq!(
        years("The Treaty of Portsmouth was signed in 1905, not 1906."),
        ["treaty-of-portsmouth 1905"]
    );
    assert_eq!(
        years("The Treaty of Shimonoseki, often misdated to 1896, was signed in 1895."),
        ["treaty-of-shimonoseki 1895"]
    );
    for text in [
        "It is a myth that the Treaty of Portsmouth was signed in 1906.",
        "Some claim the Battle of Mukden was fought in 1906, but that is wrong.",
        "The Triple Intervention wasn't in 1894.",
    ] {
        assert!(years(text).is_empty(), "{text}");
    }
    // A date the negation bounds is the writer's.
    assert_eq!(
        years("It was not until 1905 that the Treaty of Portsmouth was signed."),
        ["treaty-of-portsmouth until 1905"]
    );
}

#[test]
fn an_alternate_timeline_is_hypothetical_and_ours_is_not() {
    let (rules, matcher) = shipped();
    let hypothetical = |text: &str| -> Vec<bool> {
        let doc = Document { id: 0, path: "t.md".into(), text: text.into(), meta: SourceMeta::default() };
        let fast = extract(&doc, &rules, &matcher);
        let slow = chronolint::claims::extract_everywhere(&doc, &rules, &matcher);
        let json = chronolint::claims::claims_for_comparison;
        assert_eq!(json(&fast), json(&slow), "{text}");
        fast.claims.iter().map(|c| c.hypothetical).collect()
    };
    for text in [
        "In an alternate timeline, the Triple Intervention happens in 1894.",
        "In this timeline the Triple Intervention comes in 1894.",
        "An alternative history: the Triple Intervention of 1894 fails.",
    ] {
        assert_eq!(hypothetical(text), [true], "{text}");
    }
    assert_eq!(hypothetical("In our timeline the Triple Intervention came in 1895."), [false]);
}

#[test]
fn two_readings_of_one_date_for_one_event_are_one_claim() {
    // "Port Arthur surrendered on January 3, 1905" names the surrender of Port Arthur
    // (which the rules make the end of the siege) and the siege (its place and verb): the
    // extraction reads the date twice, the checks count it once. Two dates in one
    // sentence stay two claims.
    let fixture = crate::common::at("tests/fixtures/audit/compared/surrender.txt");
    let out = crate::common::run(&["claims", "tests/fixtures/audit/compared/surrender.txt"]);
    let raw: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let on_line_1: Vec<&str> =
        raw.iter().filter(|c| c["line"] == 1).map(|c| c["event"].as_str().unwrap()).collect();
    assert_eq!(on_line_1, ["surrender-of-port-arthur", "siege-of-port-arthur"], "{raw:?}");

    let options = chronolint::Options { config: None, ..Default::default() };
    let run = chronolint::check_paths(&[&fixture], &options).expect("runs");
    let ends: Vec<String> = run
        .index
        .claims
        .iter()
        .filter(|c| c.role == Role::End)
        .map(|c| format!("{} {}", run.rules.event(c.event).id, c.time.value.edtf))
        .collect();
    assert_eq!(ends, ["siege-of-port-arthur 1905-01-03"]);
    assert_eq!(run.claims, raw.len() - 1);

    let text =
        "The Treaty of Portsmouth was signed in 1905, and the Treaty of Portsmouth was signed in 1905.";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("twice.txt"), text).unwrap();
    let run = chronolint::check_paths(&[dir.path()], &options).expect("runs");
    assert_eq!(run.claims, 2, "two time expressions, two claims");
}

#[test]
fn a_time_before_and_or_a_comma_dates_the_clause_it_ends() {
    // Each treaty has its own date, though the second one's name is nearer the first
    // date than the first one's is: a conjunction after a time opens the next clause, and
    // only a sentence-initial time ("In 1875, the ...") reaches across a comma to a name.
    let (rules, matcher) = shipped();
    let dated = |text: &str| event_years(&rules, &matcher, text);
    for text in [
        "The Treaty of Portsmouth was signed in 1905 and the Boxer Protocol was signed in 1901.",
        "The Treaty of Portsmouth was signed in 1905, and the Boxer Protocol was signed in 1901.",
        "The Treaty of Portsmouth was signed in 1905, the Boxer Protocol in 1901.",
        "The Treaty of Portsmouth was signed in 1905, while the Boxer Protocol was signed in 1901.",
    ] {
        assert_eq!(dated(text), ["treaty-of-portsmouth 1905", "boxer-protocol 1901"], "{text}");
    }
    assert_eq!(
        dated("The Treaty of Portsmouth was signed in 1905, and the Boxer Protocol was signed later."),
        ["treaty-of-portsmouth 1905"]
    );
    assert_eq!(
        dated("In 1875, the Treaty of Saint Petersburg was signed."),
        ["treaty-of-saint-petersburg-1875 1875"]
    );
}

#[test]
fn an_event_something_else_is_placed_against_is_not_dated_by_its_time() {
    // "before", "after", "prior to", "following": the event is the point something else
    // is placed against, and a time outside its phrase is that something's; a time inside
    // it ("after the Treaty of Shimonoseki in 1895") is the event's. So is one in a
    // relative clause about the event, and not one about what belongs to it.
    let (rules, matcher) = shipped();
    let dated = |text: &str| event_years(&rules, &matcher, text);
    for text in [
        "In 1904, before the Treaty of Portsmouth, Japan attacked.",
        "In 1898, long before the Boxer Protocol, Russia built railways.",
        "Long before the Boxer Protocol, Russia had built railways in 1898.",
        "Shortly after the Treaty of Portsmouth, in 1906, Japan set up the railway company.",
        "The Boxer Protocol, whose indemnity was remitted by America in 1908, was harsh.",
    ] {
        assert_eq!(dated(text), Vec::<String>::new(), "{text}");
    }
    assert_eq!(
        dated("Japan prepared for a decade after the Treaty of Shimonoseki in 1895."),
        ["treaty-of-shimonoseki 1895"]
    );
    assert_eq!(
        dated("After the Battle of Mukden in March 1905, the Japanese halted."),
        ["battle-of-mukden March 1905"]
    );
    assert_eq!(
        dated("Before the Treaty of Portsmouth (1905) the war went on."),
        ["treaty-of-portsmouth 1905"]
    );
    assert_eq!(
        dated("After the Boxer Rebellion of 1900, the Boxer Protocol was signed in 1901."),
        ["boxer-rebellion 1900", "boxer-protocol 1901"]
    );
    assert_eq!(
        dated("Kuroki rested after the Battle of Liaoyang, which took place in August 1904."),
        ["battle-of-liaoyang August 1904"]
    );
    // A period counted from the event: a time in the event's phrase is still the event's,
    // one after "in" may be the period's.
    assert_eq!(
        dated("Six days after the Treaty of Shimonoseki of 17 April 1895, the powers intervened."),
        ["treaty-of-shimonoseki 17 April 1895"]
    );
    assert_eq!(
        dated("Two years after the Treaty of Shimonoseki in 1897, Korea became an empire."),
        Vec::<String>::new()
    );
}

#[test]
fn what_was_done_with_an_event_later_does_not_date_it() {
    // A debate, a confirmation, a memorial, a cancelled indemnity, a negotiator's death:
    // each time is that deed's, not the event's, which stays dated where the text dates it.
    let (rules, matcher) = shipped();
    for text in [
        "Historians writing in 1920 judged the Treaty of Portsmouth harshly.",
        "A memorial to the Battle of Tsushima was unveiled in 1925.",
        "The Triple Intervention was debated again in the Diet in 1897.",
        "The Boxer Protocol's indemnity was cancelled in 1917.",
        "Witte, who negotiated the Treaty of Portsmouth, died in 1915.",
        "In 1907 Japan and Russia signed a convention that confirmed the Treaty of Portsmouth.",
        "Twenty years later, in 1925, the Treaty of Portsmouth was still resented.",
        // A relative clause's time dates what the clause tells of.
        "The war that began in 1904 ended with the Treaty of Portsmouth.",
        "The negotiations which opened in August 1905 produced the Treaty of Portsmouth.",
    ] {
        assert_eq!(event_years(&rules, &matcher, text), Vec::<String>::new(), "{text}");
    }
    assert_eq!(
        event_years(&rules, &matcher, "The Boxer Protocol, which was signed in 1901, was harsh."),
        ["boxer-protocol 1901"]
    );
    // A relative clause that goes on past its time dates what it names there (the corpus).
    assert_eq!(
        event_years(
            &rules,
            &matcher,
            "Russia concluded an alliance with China, which led in 1898 to an occupation and administration of the entire Liaodong Peninsula and to a fortification of the ice-free Port Arthur."
        ),
        ["russian-lease-of-port-arthur 1898"]
    );
    // What was done later in another clause leaves the time alone.
    assert_eq!(
        event_years(&rules, &matcher, "In 1905 the Treaty of Portsmouth was signed and later debated."),
        ["treaty-of-portsmouth 1905"]
    );
    assert_eq!(
        event_years(&rules, &matcher, "The Treaty of Portsmouth was signed in 1905."),
        ["treaty-of-portsmouth 1905"]
    );
}

#[test]
fn a_footnote_mark_after_a_sentence_ends_it() {
    // Wikipedia-style text: "began in 1899 in Shandong.[1] By June 1900 ..." is two
    // sentences, and "By June 1900" does not end the rebellion of the first.
    let (rules, matcher) = shipped();
    let text =
        "The Boxer Rebellion began in 1899 in Shandong.[1] By June 1900 the Boxers had reached Peking.";
    assert_eq!(event_years(&rules, &matcher, text), ["boxer-rebellion 1899"]);
}

#[test]
fn the_time_heading_a_list_entry_dates_the_entry_across_its_dash() {
    let rules = book();
    let y = |n| TimeValue::year(n);
    let cases: &[Case<'_>] = &[
        // A "today in history" list: the dash marks off the label, not a clause.
        (
            "February 8\n\n1904 – The Battle of Port Arthur opens the war.\n",
            &[("1904", y(1904))],
            one("battle-of-port-arthur", Role::Point, "1904"),
        ),
        (
            "* 1905 - The Treaty of Portsmouth is signed.",
            &[("1905", y(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        (
            "September 5, 1905 — The Treaty of Portsmouth is signed.",
            &[("September 5, 1905", TimeValue::day(1905, 9, 5))],
            one("treaty-of-portsmouth", Role::Point, "1905-09-05"),
        ),
        // A topic before a colon is the entry's story: the time dates the entry's event,
        // not the topic (an entry of 1906 may sit under a war that ended in 1905).
        (
            "1905 – Russo-Japanese War: The Battle of Mukden is fought.",
            &[("1905", y(1905))],
            one("battle-of-mukden", Role::Point, "1905"),
        ),
        ("1906 – Russo-Japanese War: Japan celebrates the victory.", &[("1906", y(1906))], vec![]),
        // Inside a sentence a dash still sets a clause apart.
        ("In 1905 – a year of upheaval – the Treaty of Portsmouth was signed.", &[("1905", y(1905))], vec![]),
    ];
    assert_cases(cases, &rules);
}

#[test]
fn a_date_page_in_the_historical_present_makes_the_claims_its_past_tense_would() {
    let (rules, matcher) = shipped();
    let page = "February 8 – Events\n\n\
        1905 – Russo-Japanese War: Port Arthur surrenders to the Japanese.\n\
        1910 – Japan annexes Korea.\n\
        1912 – Puyi abdicates, ending the Qing dynasty.\n\
        1896 – King Gojong flees to the Russian legation.\n\
        1905 – The Russo-Japanese War ends.\n\
        1904 – Japan severs diplomatic relations with Russia.\n\
        1894 – Japan declares war on China.\n\
        1904 – Japan attacks Port Arthur.\n\
        1875 – Treaty of Saint Petersburg: Japan gives up Sakhalin for the Kurils.\n";
    let found: Vec<(String, Role, String)> = extracted(&rules, &matcher, page, SourceMeta::default())
        .claims
        .iter()
        .map(|c| (rules.events[c.event].id.clone(), c.role, c.time.value.edtf.clone()))
        .collect();
    // The heading says the page is about 8 February: the year heading an entry is that day.
    let want = [
        ("surrender-of-port-arthur", Role::End, "1905-02-08"),
        ("annexation-of-korea", Role::Point, "1910-02-08"),
        ("abdication-of-puyi", Role::Point, "1912-02-08"),
        ("royal-refuge-at-the-russian-legation", Role::Point, "1896-02-08"),
        ("russo-japanese-war", Role::End, "1905-02-08"),
        ("rupture-of-russo-japanese-negotiations", Role::Point, "1904-02-08"),
        ("first-sino-japanese-war", Role::Start, "1894-02-08"),
        ("attack-on-port-arthur", Role::Point, "1904-02-08"),
        // An entry that dates nothing of its own words is about its topic, where that
        // is an event of a day: a treaty, a battle.
        ("treaty-of-saint-petersburg-1875", Role::Point, "1875-02-08"),
    ];
    for (id, role, edtf) in want {
        assert!(
            found.iter().any(|(i, r, e)| i == id && *r == role && e == edtf),
            "{id} {role:?} {edtf} not among {found:?}"
        );
    }
    // The topic ("Russo-Japanese War:") is the entry's story, not a claim of 1905 ...
    // though the line that says the war ends is one.
    assert_eq!(found.iter().filter(|(i, _, _)| i == "russo-japanese-war").count(), 1, "{found:?}");
    // "ends" as a noun is no end.
    let noun = "In 1904 both ends of the Trans-Siberian Railway were busy with the Russo-Japanese War.";
    assert!(extracted(&rules, &matcher, noun, SourceMeta::default())
        .claims
        .iter()
        .all(|c| c.role != Role::End));
}

#[test]
fn completing_ends_a_work_and_what_ends_something_else_is_not_ended() {
    let (rules, matcher) = shipped();
    let roles = |text: &str| roles_of(&rules, &matcher, text);
    let railway =
        |role: Role, edtf: &str| vec![("trans-siberian-railway".to_string(), role, edtf.to_string())];
    // Finishing a work is its end: these are the dates the reference's end disputes.
    assert_eq!(
        roles("In the year 1900 the Trans-Siberian Railway was completed."),
        railway(Role::End, "1900")
    );
    assert_eq!(
        roles("The Trans-Siberian Railway, finished in 1899, brought Moscow within reach of the coast."),
        railway(Role::End, "1899")
    );
    assert_eq!(
        roles("The completion of the Trans-Siberian Railway in 1904 changed Asia."),
        railway(Role::End, "1904")
    );
    // A cue that runs into the mention through "with" or "by" ends something else: the
    // revolution's date (the sentence does not name it) is not the abdication's end, and
    // the abdication keeps the date written beside it.
    let revolution = "The revolution which broke out in China on the 10th October, 1911, \
        and which was completed with the abdication of the Manchu Dynasty on the 12th February, \
        1912, was acclaimed.";
    assert_eq!(
        roles(revolution),
        [("abdication-of-puyi".to_string(), Role::Point, "1912-02-12".to_string())]
    );
    // The cue still decides the role of the event before it.
    assert_eq!(
        roles("The Trans-Siberian Railway was completed in 1904 with the Circum-Baikal line."),
        railway(Role::End, "1904")
    );
    // The time of that ending or beginning is the mention's too, though another event's
    // noun lies between them.
    for (text, id, edtf) in [
        ("In 1905 the war ended with the Treaty of Portsmouth.", "treaty-of-portsmouth", "1905"),
        ("In 1904 the war began with the attack on Port Arthur.", "attack-on-port-arthur", "1904"),
        ("In 1900 the rising was brought to an end by the Boxer Protocol.", "boxer-protocol", "1900"),
    ] {
        assert_eq!(roles(text), [(id.to_string(), Role::Point, edtf.to_string())], "{text}");
    }
    // Not when the other event's clause goes on: the time is its own.
    assert!(roles("In 1894 the war broke out in Korea, and was ended by the Treaty of Shimonoseki.")
        .iter()
        .all(|(id, _, _)| id != "treaty-of-shimonoseki"));
    // Coming or drawing to a close is an ending, as coming to an end is.
    for text in [
        "The Boxer Rebellion came to a close in 1901 with the signing of the protocol.",
        "In 1901 the Boxer Rebellion drew to a close.",
        "The Boxer Rebellion had come to a close in 1901.",
    ] {
        assert_eq!(roles(text), [("boxer-rebellion".to_string(), Role::End, "1901".to_string())], "{text}");
    }
}

#[test]
fn a_battle_that_begins_or_ends_in_so_many_words_has_a_start_or_an_end() {
    let (rules, matcher) = shipped();
    let roles = |text: &str| roles_of(&rules, &matcher, text);
    let one = |id: &str, role: Role, edtf: &str| vec![(id.to_string(), role, edtf.to_string())];
    // Tyler 1905: "The Russian losses to March 13, when the Battle of Mukden actually came
    // to a close, were 175,000 men".
    assert_eq!(
        roles(
            "The losses to March 13, 1905, when the Battle of Mukden actually came to a close, were heavy."
        ),
        one("battle-of-mukden", Role::End, "1905-03-13")
    );
    assert_eq!(
        roles("The Battle of Mukden ended on 10 March 1905."),
        one("battle-of-mukden", Role::End, "1905-03-10")
    );
    assert_eq!(
        roles("The Battle of Liaoyang began on 24 August 1904, in heavy rain."),
        one("battle-of-liaoyang", Role::Start, "1904-08-24")
    );
    // What ends or begins something else leaves the battle a point.
    for text in [
        "The Battle of Mukden ended the fighting on land in March 1905.",
        "In March 1905 the fighting in Manchuria ended at the Battle of Mukden.",
        "The war began in 1904 and the Battle of Liaoyang was fought in August 1904.",
    ] {
        let found = roles(text);
        assert!(
            !found.is_empty() && found.iter().all(|(_, role, _)| *role == Role::Point),
            "{text}: {found:?}"
        );
    }
}

/// A sentence that says when an event began and when it ended: each time takes the role
/// of the verb it hangs on, not a point for both (the first) and none for the second.
#[test]
fn began_in_one_year_and_ended_in_another_is_a_start_and_an_end() {
    let (rules, matcher) = shipped();
    let roles = |text: &str| roles_of(&rules, &matcher, text);
    let pair = |id: &str, start: &str, end: &str| {
        vec![(id.to_string(), Role::Start, start.to_string()), (id.to_string(), Role::End, end.to_string())]
    };
    assert_eq!(
        roles("The Russo-Japanese War began in 1904 and ended in 1905."),
        pair("russo-japanese-war", "1904", "1905")
    );
    assert_eq!(
        roles("The Russo-Japanese War, which began in 1904, ended in 1905."),
        pair("russo-japanese-war", "1904", "1905")
    );
    assert_eq!(
        roles("The Battle of Liaoyang began on 24 August 1904 and ended on 4 September 1904."),
        pair("battle-of-liaoyang", "1904-08-24", "1904-09-04")
    );
    assert_eq!(
        roles("The Boxer Rebellion broke out early in 1899 and ended in 1901."),
        pair("boxer-rebellion", "1899", "1901")
    );
    // A time no verb comes right before is still no start or end of its own.
    let found = roles("In 1904, when it began and ended, the Russo-Japanese War was short.");
    assert!(!found.is_empty() && found.iter().all(|(_, role, _)| *role == Role::Point), "{found:?}");
}

#[test]
fn a_participle_that_tells_of_the_deed_names_it_and_a_refusal_does_not() {
    let (rules, matcher) = shipped();
    let claims_of = |text: &str| claimed(&rules, &matcher, text);
    assert_eq!(claims_of("1910 – Japan signs the treaty, annexing Korea."), ["annexation-of-korea"]);
    assert_eq!(
        claims_of(
            "The Japanese went on, Port Arthur surrendering to its besiegers on the opening day of 1905."
        ),
        ["surrender-of-port-arthur"]
    );
    assert_eq!(
        claims_of("1900 – Russian troops pour into Manchuria, occupying Mukden."),
        ["russian-invasion-of-manchuria"]
    );
    assert!(claims_of("On January 21st, 1912, the Manchus persisted in not abdicating.").is_empty());
}

/// With the shipped rules: in a chronology whose years stand in a column at the right
/// (Thomson's "China-Japan war over Korea; Formosa lost; indemnity also paid ... 1894"),
/// the year dates the entry's event though semicolons part the entry, and however long
/// the entry is. In running text a semicolon still ends the clause the event is in, and a
/// name far from the year is out of its reach.
#[test]
fn a_year_in_a_chronologys_column_dates_the_whole_entry() {
    let rules = shipped_rules();
    let entry = "  China-Japan war over Korea; Formosa lost; indemnity\n    also paid                                                     1894\n";
    let running = "It was the China-Japan war over Korea; Formosa was lost; an indemnity was paid in 1894.";
    let late = "  China-Japan war over Korea; Formosa lost; indemnity also paid 1894, and more\n";
    // The whole entry is the year's reach, however long: the name is 180 bytes from it.
    let long = "  Opium war between England and China, in which\n    old China received the soundest thrashing she ever\n    received from any foreign nation; many engagements;\n    many ports taken                                              1840\n";
    let run_on = format!("{}.", long.split_whitespace().collect::<Vec<_>>().join(" "));
    let cases: &[Case<'_>] = &[
        (entry, &[("1894", TimeValue::year(1894))], one("first-sino-japanese-war", Role::Point, "1894")),
        (long, &[("1840", TimeValue::year(1840))], one("first-opium-war", Role::Point, "1840")),
        // The same words run together as a sentence: the year is too far from the name.
        (&run_on, &[("1840", TimeValue::year(1840))], vec![]),
        (running, &[("1894", TimeValue::year(1894))], vec![]),
        // A year with words after it on its line is no column's.
        (late, &[("1894", TimeValue::year(1894))], vec![]),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: a chronology's entry led by its year and a period ("1905.
/// Portsmouth Treaty--...") is one sentence, dated by its label; in a wrapped paragraph a
/// year that happens to lead a line ends its sentence as any year does.
#[test]
fn a_year_label_leading_an_entry_dates_the_entry() {
    let rules = shipped_rules();
    let entry =
        "     1905. Portsmouth Treaty (Russia-Japan)--Japan takes Korea and\n     part of Manchuria.\n";
    let bullet = "* 1905. Portsmouth Treaty signed.\n";
    let listed = "1899. Britain-Russia--Britain not to interfere in the Yangtze valley.\n\
                  1905. Portsmouth Treaty (Russia-Japan)--Japan takes Korea.\n";
    let unwrapped = "The long negotiations between the two empires came to nothing, and\n\
                     the war that followed was fought on land and sea until the autumn of\n\
                     1905. The Portsmouth Treaty was a surprise to the Russian public.\n";
    // Eight lines or more, wrapped: the line breaks are soft.
    let wrapped = format!(
        "{}{unwrapped}",
        "The long negotiations between the two empires came to nothing, and\n".repeat(6)
    );
    let cases: &[Case<'_>] = &[
        (entry, &[("1905", TimeValue::year(1905))], one("treaty-of-portsmouth", Role::Point, "1905")),
        (bullet, &[("1905", TimeValue::year(1905))], one("treaty-of-portsmouth", Role::Point, "1905")),
        (
            listed,
            &[("1899", TimeValue::year(1899)), ("1905", TimeValue::year(1905))],
            one("treaty-of-portsmouth", Role::Point, "1905"),
        ),
        (unwrapped, &[("1905", TimeValue::year(1905))], vec![]),
        (&wrapped, &[("1905", TimeValue::year(1905))], vec![]),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: the first sentence under a heading that names an event may take
/// the event up by a noun of its name ("the Constitution", "the treaty"), and is then
/// read as if it named it. Not a noun that names another event ("the Boxer war", "the war
/// with China"), not a later sentence, not under a line that is a sentence itself.
#[test]
fn the_first_sentence_under_a_heading_takes_up_the_event_the_heading_names() {
    let rules = shipped_rules();
    let cases: &[Case<'_>] = &[
        (
            "PROMULGATION OF THE CONSTITUTION\n\nOn the 11th of February, 1889, the Constitution was promulgated amid\nsigns of universal rejoicing.",
            &[("the 11th of February, 1889", TimeValue::day(1889, 2, 11))],
            one("meiji-constitution", Role::Point, "1889-02-11"),
        ),
        (
            "## The Treaty of Portsmouth\n\nThe treaty was signed on September 5, 1905.",
            &[("September 5, 1905", TimeValue::day(1905, 9, 5))],
            one("treaty-of-portsmouth", Role::Point, "1905-09-05"),
        ),
        (
            "THE RUSSO-JAPANESE WAR\n\nThe war broke out on 8 February 1904.",
            &[("8 February 1904", TimeValue::day(1904, 2, 8))],
            one("russo-japanese-war", Role::Start, "1904-02-08"),
        ),
        (
            "THE RUSSO-JAPANESE WAR\n\nIn 1894 Japan had won the war with China.",
            &[("1894", TimeValue::year(1894))],
            vec![],
        ),
        (
            "THE RUSSO-JAPANESE WAR\n\nIn 1900 the Boxer war broke out in China.",
            &[("1900", TimeValue::year(1900))],
            one("boxer-rebellion", Role::Start, "1900"),
        ),
        (
            "THE TREATY OF PORTSMOUTH\n\nIt was a hot summer. The treaty was signed on September 5, 1904.",
            &[("September 5, 1904", TimeValue::day(1904, 9, 5))],
            vec![],
        ),
        (
            "The Treaty of Portsmouth ended the war.\n\nThe treaty was signed on September 5, 1904.",
            &[("September 5, 1904", TimeValue::day(1904, 9, 5))],
            vec![],
        ),
        (
            "THE TREATY OF PORTSMOUTH\nAND AFTER\nThe treaty was signed on September 5, 1904.",
            &[("September 5, 1904", TimeValue::day(1904, 9, 5))],
            vec![],
        ),
    ];
    assert_cases(cases, &rules);
}

/// With the shipped rules: the talks or preparations for an event have their own time
/// ("The negotiations for the Treaty of Portsmouth began on August 9, 1905").
#[test]
fn the_negotiations_for_a_treaty_are_not_the_treaty() {
    let rules = shipped_rules();
    let cases: &[Case<'_>] = &[
        (
            "The negotiations for the Treaty of Portsmouth began on August 9, 1905.",
            &[("August 9, 1905", TimeValue::day(1905, 8, 9))],
            vec![],
        ),
        (
            "Preparations for the siege of Port Arthur were made in May 1904.",
            &[("May 1904", TimeValue::month(1904, 5))],
            vec![],
        ),
        (
            "The Treaty of Portsmouth was signed on September 5, 1905, after long negotiations.",
            &[("September 5, 1905", TimeValue::day(1905, 9, 5))],
            one("treaty-of-portsmouth", Role::Point, "1905-09-05"),
        ),
    ];
    assert_cases(cases, &rules);
}

/// A state proclaimed is described by the verb and the state's name, in either order
/// ("King Gojong proclaimed the Korean Empire"; "the Korean Empire, proclaimed thirteen
/// years earlier", dated from the year before it); a sentence about the empire that
/// proclaims nothing makes no claim about its proclamation.
#[test]
fn the_korean_empire_proclaimed_is_its_proclamation() {
    let (rules, matcher) = shipped();
    let event = "proclamation-of-the-korean-empire".to_string();
    assert_eq!(
        roles_of(&rules, &matcher, "In October 1897 King Gojong proclaimed the Korean Empire."),
        [(event.clone(), Role::Point, "1897-10".to_string())]
    );
    // (Only the proclamation's claims: the annexation is another event's.)
    let proclaimed = |text: &str| -> Vec<(String, Role, String)> {
        roles_of(&rules, &matcher, text).into_iter().filter(|(id, _, _)| *id == event).collect()
    };
    assert_eq!(
        proclaimed("In 1910 Japan annexed the Korean Empire, proclaimed thirteen years earlier."),
        [(event.clone(), Role::Point, "1897".to_string())]
    );
    assert!(proclaimed("In 1905 Japan made a protectorate of the Korean Empire.").is_empty());
    // The empire's name stands for Korea in the annexation's description too.
    assert!(roles_of(&rules, &matcher, "In August 1910 Japan annexed the Korean Empire.").contains(&(
        "annexation-of-korea".to_string(),
        Role::Point,
        "1910-08".to_string()
    )));
}

/// A name runs over no sentence's end, and a match that would hides none after it: under
/// the heading "Portsmouth" the sentence "Treaty of Portsmouth signed ..." names the treaty
/// (the two lines read on as "Portsmouth Treaty", an alias, which starts in the heading).
/// The slow way, which searches the whole text at once, missed it.
#[test]
fn a_name_over_a_sentence_end_hides_no_name_after_it() {
    let (rules, matcher) = shipped();
    for text in [
        "PORTSMOUTH\nTreaty of Portsmouth signed on 5 September 1905.\n",
        "Portsmouth\n\nTreaty of Portsmouth signed on 5 September 1905.\n",
    ] {
        assert_eq!(claimed(&rules, &matcher, text), ["treaty-of-portsmouth"], "{text:?}");
    }
}

/// Only the sentences read for what they found are keyed for repeats (here the one that
/// takes up its heading's event), yet one repeats an earlier copy that nothing reads (a
/// dated sentence whose words name no known event): the copy is found among the other
/// split sentences, as splitting and comparing everything finds it. Without the copy,
/// the claim is no repeat.
#[test]
fn a_read_sentence_repeats_an_earlier_copy_that_nothing_reads() {
    let (rules, matcher) = shipped();
    let treaty = rules.find("treaty-of-portsmouth").expect("the treaty is in the rules");
    let copy = "The treaty was signed on September 5, 1905.";
    let repeated = |first: &str| {
        let text = format!(
            "In 1900 the Boxer Rebellion broke out. {first}\n\n## The Treaty of Portsmouth\n\n{copy}\n"
        );
        let doc = Document { id: 0, path: "doc.txt".into(), text, meta: SourceMeta::default() };
        let of = |x: &chronolint::claims::DocExtract| -> Vec<bool> {
            x.claims.iter().filter(|c| c.event == treaty).map(|c| c.repeated).collect()
        };
        (
            of(&extract(&doc, &rules, &matcher)),
            of(&chronolint::claims::extract_everywhere(&doc, &rules, &matcher)),
        )
    };
    assert_eq!(repeated(copy), (vec![true], vec![true]));
    assert_eq!(repeated("The harvest failed in 1900."), (vec![false], vec![false]));
}
