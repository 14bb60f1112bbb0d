//! `chronolint timeline EVENT [PATHS]`: every claim about one event next to the
//! reference dates, expectations written by hand from the fixture text
//! (tests/fixtures/html/crowded/) and rules/.

fn timeline(args: &[&str]) -> (Option<i32>, String, String) {
    let out = crate::common::run(&[&["timeline"], args].concat());
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).expect("UTF-8");
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_timeline_lists_the_references_then_each_claim_once_in_date_order() {
    let (code, out, err) = timeline(&["siege-of-port-arthur", "tests/fixtures/html/crowded"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&"the siege of Port Arthur (siege-of-port-arthur)"));
    // The three reference dates of rules/, each with its source.
    let references: Vec<&str> = lines.iter().copied().filter(|l| l.contains("reference: ")).collect();
    assert_eq!(references.len(), 3, "{out}");
    assert!(references.iter().all(|l| l.contains("Kowner") || l.contains("Warner")), "{out}");
    // Claims: a date line, then the words of its sentence. "Port Arthur surrendered on
    // January 3, 1905" names the surrender (the end of the siege, by the rules) and the
    // siege: one row.
    let rows: Vec<&str> =
        lines.iter().copied().filter(|l| l.starts_with("  ") && !l.starts_with("      ")).skip(3).collect();
    let dates: Vec<&str> = rows.iter().map(|r| r.split("  ").nth(1).unwrap_or("").trim()).collect();
    assert_eq!(
        dates,
        ["December 1904", "20 December 1904", "1 January 1905", "2 January 1905", "3 January 1905"],
        "{out}"
    );
    assert_eq!(out.matches("Port Arthur surrendered on January 3, 1905.").count(), 1, "{out}");
    assert!(rows.iter().all(|r| r.contains(" end ")), "every claim is about the end: {out}");
    // The role column lines up across references and claims.
    let role_at: Vec<Option<usize>> = lines
        .iter()
        .skip(1)
        .filter(|l| !l.starts_with("      "))
        .map(|l| {
            let at =
                ["start ", "end ", "span ", "point "].iter().filter_map(|r| l.find(&format!("  {r}"))).min();
            at.map(|i| l[..i].chars().count()) // columns, not bytes ("–" is three)
        })
        .collect();
    assert!(role_at.iter().all(|&a| a.is_some() && a == role_at[0]), "{role_at:?}\n{out}");
}

#[test]
fn an_event_is_found_by_a_name_and_an_unknown_one_is_an_error_with_near_ids() {
    let (code, out, _) = timeline(&["Triple Intervention", "corpus"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("the Triple Intervention (triple-intervention)\n"), "{out}");
    // The corpus dates it 1894 and 1895; the reference, 23 April 1895.
    assert!(out.contains("23 April 1895") && out.contains("Ian Nish"), "{out}");
    assert!(out.find("\n  1894 ").unwrap() < out.find("\n  1895 ").unwrap(), "{out}");

    let (code, _, err) = timeline(&["siege of port artur", "corpus"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no event `siege of port artur`") && err.contains("siege-of-port-"), "{err}");
}
