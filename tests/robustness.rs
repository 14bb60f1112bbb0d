//! Hostile input: every bad file is a finding with its reason, the run goes on, and a run
//! that cannot be made as asked exits 2 with a clear message.

use assert_cmd::Command;
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use std::fs;
use std::path::Path;

fn chronolint() -> Command {
    Command::cargo_bin("chronolint").expect("binary builds")
}

/// A corpus folder with an empty rules folder, so findings come only from loading.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("rules")).expect("rules dir");
    fs::write(dir.path().join("chronolint.toml"), "rules = [\"rules\"]\n").expect("config");
    fs::write(dir.path().join("good.txt"), "In 1895 the powers intervened.\n").expect("doc");
    dir
}

fn json(dir: &Path) -> serde_json::Value {
    let out = chronolint().args(["check", "--format", "json"]).arg(dir).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn messages_for(v: &serde_json::Value, file_suffix: &str) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(file_suffix)))
        .map(|d| format!("{}: {}", d["code"].as_str().unwrap_or(""), d["message"].as_str().unwrap_or("")))
        .collect()
}

#[test]
fn each_unreadable_file_is_a_finding_and_the_run_goes_on() {
    let dir = corpus();
    let p = dir.path();
    fs::write(p.join("latin1.txt"), b"Caf\xe9 de la Paix, 1895\n").unwrap();
    fs::write(p.join("cp1252.txt"), b"\x93Port Arthur\x94 fell in 1905\n").unwrap();
    fs::write(p.join("utf16.txt"), b"\xff\xfeI\x00n\x00 \x001\x008\x009\x005\x00").unwrap();
    fs::write(p.join("binary.txt"), b"GIF89a\x00\x01\x02").unwrap();
    fs::write(p.join("empty.txt"), b"").unwrap();
    let v = json(p);
    let cases = [
        ("latin1.txt", "Latin-1 or Windows-1252"),
        ("cp1252.txt", "Latin-1 or Windows-1252"),
        ("utf16.txt", "UTF-16"),
        ("binary.txt", "NUL byte at offset 6"),
        ("empty.txt", "the file is empty"),
    ];
    for (file, want) in cases {
        let got = messages_for(&v, file);
        assert_eq!(got.len(), 1, "{file}: {got:?}");
        assert!(got[0].starts_with("unreadable-source: ") && got[0].contains(want), "{file}: {got:?}");
    }
    assert!(messages_for(&v, "good.txt").is_empty());
    assert_eq!(v["summary"]["files"], 6, "all six files counted, the good one read");
}

#[test]
fn unreadable_sources_do_not_fail_the_run_by_default() {
    let dir = corpus();
    fs::write(dir.path().join("empty.txt"), b"").unwrap();
    chronolint().arg("check").arg(dir.path()).assert().code(0).stdout(contains("the file is empty"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_and_a_dangling_link_are_reported_not_followed_forever() {
    let dir = corpus();
    let p = dir.path();
    fs::create_dir(p.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", p.join("sub").join("up")).unwrap();
    // A file that vanished between listing and reading looks like this to the loader.
    std::os::unix::fs::symlink(p.join("gone.txt"), p.join("vanished.txt")).unwrap();
    let v = json(p);
    let all = messages_for(&v, "");
    assert!(all.iter().any(|m| m.contains("symbolic link loop")), "{all:?}");
    assert!(messages_for(&v, "vanished.txt").iter().any(|m| m.contains("No such file")), "{all:?}");
}

#[cfg(unix)]
#[test]
fn a_folder_reached_by_many_links_is_read_once() {
    // Two links to the level below on each of 24 levels: 2^25 paths to one file. Each
    // folder and file is read once, under the first path that reaches it.
    let dir = corpus();
    let p = dir.path();
    fs::create_dir(p.join("l0")).unwrap();
    fs::write(p.join("l0").join("doc.txt"), "The powers met in 1895.\n").unwrap();
    for i in 1..=24 {
        fs::create_dir(p.join(format!("l{i}"))).unwrap();
        for link in ["a", "b"] {
            std::os::unix::fs::symlink(format!("../l{}", i - 1), p.join(format!("l{i}")).join(link)).unwrap();
        }
    }
    let v = json(p);
    assert_eq!(v["summary"]["files"], 2, "good.txt and l0/doc.txt: {}", v["summary"]);
    // Given twice, and as a link: still one document.
    std::os::unix::fs::symlink(p.join("good.txt"), p.join("alias.txt")).unwrap();
    let out =
        chronolint().args(["check", "--format", "json"]).arg(p).arg(p.join("good.txt")).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 2, "{}", v["summary"]);
}

#[test]
fn a_deep_directory_tree_is_walked() {
    let dir = corpus();
    let mut deep = dir.path().to_path_buf();
    for i in 0..120 {
        deep.push(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("deep.txt"), b"").unwrap();
    let v = json(dir.path());
    assert_eq!(messages_for(&v, "deep.txt").len(), 1, "the empty file at depth 120 was found");
}

#[test]
fn byte_order_mark_and_line_ends_keep_spans_right() {
    // The suppression comment is the only finding we can place without rules: its span
    // and line must count the BOM as bytes and CRLF / lone CR as line ends.
    for (name, text, line) in [
        ("bom.txt", "\u{feff}first\n<!-- chronolint-disable-next-line date-conflict -- test -->\nx\n", 2),
        (
            "crlf.txt",
            "first\r\nsecond\r\n<!-- chronolint-disable-next-line date-conflict -- test -->\r\nx\r\n",
            3,
        ),
        (
            "cr.txt",
            "first\rsecond\rthird\r<!-- chronolint-disable-next-line date-conflict -- test -->\rx\r",
            4,
        ),
    ] {
        let dir = corpus();
        fs::write(dir.path().join(name), text).unwrap();
        let v = json(dir.path());
        let d = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "unused-suppression")
            .unwrap_or_else(|| panic!("{name}: no unused-suppression in {v}"));
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        assert_eq!(start, text.find("<!--").unwrap(), "{name}: byte offset into the file as stored");
        assert_eq!(d["span"]["line"], line, "{name}");
        assert_eq!(d["span"]["column"], 1, "{name}");
    }
}

/// A file whose lines end in a lone "\r" (old Mac files) is read as its twin with "\n":
/// the shipped corpus so written gives the same findings, at the same lines and columns,
/// in JSON and in the human report, whose passages are then shown line by line (before,
/// the searches for headings, tables and quotations looked for "\n" only, and the report
/// showed each such file as one line holding raw carriage returns).
#[test]
fn lone_carriage_returns_end_lines_as_newlines_do() {
    let rules = crate::common::at("rules");
    let config = fs::read_to_string(crate::common::at("corpus/chronolint.toml")).unwrap();
    let config =
        config.replace("rules = [\"../rules\"]", &format!("rules = [{:?}]", rules.display().to_string()));
    assert!(config.contains(&rules.display().to_string()), "the config names its rules as the corpus's does");
    let twin = |ends: &str| {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("chronolint.toml"), &config).unwrap();
        for entry in walkdir::WalkDir::new(crate::common::at("corpus")) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(crate::common::at("corpus")).unwrap();
            if entry.file_type().is_file() && rel.extension().is_some_and(|e| e == "txt" || e == "md") {
                let text = fs::read_to_string(entry.path()).unwrap();
                fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
                fs::write(dir.path().join(rel), text.replace('\n', ends)).unwrap();
            }
        }
        let run = |format: &str| {
            let out = chronolint()
                .current_dir(dir.path())
                .args(["check", "--format", format, "."])
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        };
        (run("json"), run("human"))
    };
    let (lf_json, lf_human) = twin("\n");
    let (cr_json, cr_human) = twin("\r");
    let v: serde_json::Value = serde_json::from_str(&lf_json).unwrap();
    assert!(v["diagnostics"].as_array().unwrap().len() >= 5, "{lf_json}");
    assert!(
        lf_human.contains("anachronism") && lf_human.contains("feb-06-end-of-negotiations.txt:"),
        "{lf_human}"
    );
    assert_eq!(cr_json, lf_json);
    assert_eq!(cr_human, lf_human);
    assert!(!cr_human.contains('\r'));
}

#[test]
fn no_documents_at_all_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.pdf"), b"%PDF").unwrap();
    chronolint().arg("check").arg(dir.path()).assert().code(2).stderr(contains("no documents"));
}

#[test]
fn include_globs_name_documents_of_any_extension() {
    // The same dated sentence in an HTML page, a text file and a config file.
    let dir = tempfile::tempdir().unwrap();
    let page = "<p>The <b>Treaty of Portsmouth</b> was signed in 1906.</p>\n";
    fs::write(dir.path().join("page.html"), page).unwrap();
    fs::write(dir.path().join("notes.txt"), "The Treaty of Portsmouth was signed in 1906.\n").unwrap();
    let files = |config: &str| {
        fs::write(dir.path().join("chronolint.toml"), config).unwrap();
        let out = chronolint().args(["check", "--format", "json"]).arg(dir.path()).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        let mut files: Vec<String> = v["diagnostics"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|d| d["file"].as_str())
            .map(|f| Path::new(f).file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        files.dedup();
        (files, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    // Without `include`, the documents are the .txt and .md files.
    assert_eq!(files("rules = [\"<built-in>\"]\n").0, ["notes.txt"]);
    // With it, what its globs name, whatever the extension: the page, not the notes.
    assert_eq!(files("rules = [\"<built-in>\"]\ninclude = [\"**/*.html\"]\n").0, ["page.html"]);
    // Globs that name nothing: the message says what a document is.
    let (found, stderr) = files("rules = [\"<built-in>\"]\ninclude = [\"**/*.rst\"]\n");
    assert!(found.is_empty());
    assert!(stderr.contains("no documents") && stderr.contains("`include`"), "{stderr}");
}

#[test]
fn character_references_read_as_the_characters_they_stand_for() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<p>The Russo-Japanese War (1904&ndash;1905) was fought in Manchuria.</p>\n\
        <p>The Treaty&nbsp;of&nbsp;Portsmouth was signed in 1906.</p>\n";
    fs::write(dir.path().join("page.txt"), page).unwrap();
    let out =
        chronolint().args(["claims", "--format", "jsonl"]).arg(dir.path().join("page.txt")).output().unwrap();
    let claims: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let found: Vec<(&str, &str)> =
        claims.iter().map(|c| (c["event"].as_str().unwrap(), c["time"]["value"].as_str().unwrap())).collect();
    // The range, and the name its no-break spaces join.
    assert_eq!(found, [("russo-japanese-war", "1904/1905"), ("treaty-of-portsmouth", "1906")]);
    // Offsets are the file's: the treaty's claim runs from its name to its year as written.
    let (start, end) =
        (claims[1]["start"].as_u64().unwrap() as usize, claims[1]["end"].as_u64().unwrap() as usize);
    assert_eq!(&page[start..end], "Treaty&nbsp;of&nbsp;Portsmouth was signed in 1906");
}

#[test]
fn a_missing_path_exits_2() {
    chronolint()
        .args(["check", "/nonexistent/corpus"])
        .assert()
        .code(2)
        .stderr(contains("no such file or folder"));
}

/// A corpus read with the shipped rules: a good document and one in Latin-1, and the
/// configured level of `unreadable-source`, if any.
fn listing_corpus(level: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut config = format!("rules = [{:?}]\n", rules.display().to_string());
    if let Some(level) = level {
        config.push_str(&format!("[severity]\nunreadable-source = \"{level}\"\n"));
    }
    fs::write(dir.path().join("chronolint.toml"), config).expect("config");
    fs::write(dir.path().join("good.txt"), "In 1895 the Triple Intervention forced Japan's hand.\n").unwrap();
    fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 de la Paix, 1895\n").unwrap();
    dir
}

#[test]
fn the_listing_commands_tell_of_an_unreadable_file_and_list_the_others() {
    let dir = listing_corpus(None);
    let p = dir.path();
    let commands: [(&[&str], &str); 3] = [
        (&["dates"], "\"value\":\"1895\""),
        (&["claims"], "\"event\":\"triple-intervention\""),
        (&["timeline", "triple-intervention"], "good.txt:1"),
    ];
    for (args, listed) in commands {
        let out = chronolint().args(args).arg(p).output().expect("runs");
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(0), "{args:?}: a warning by default\n{stderr}");
        assert!(stdout.contains(listed), "{args:?}: the good file is listed\n{stdout}");
        assert!(!stdout.contains("latin1.txt"), "{args:?}\n{stdout}");
        assert!(
            stderr.contains("latin1.txt") && stderr.contains("Latin-1 or Windows-1252"),
            "{args:?}: the bad file is told of, with why\n{stderr}"
        );
    }
    // Named one by one, the bad file first: the good one is still listed.
    chronolint()
        .arg("dates")
        .arg(p.join("latin1.txt"))
        .arg(p.join("good.txt"))
        .assert()
        .code(0)
        .stdout(contains("good.txt").and(contains("\"value\":\"1895\"")))
        .stderr(contains("latin1.txt"));
}

#[test]
fn the_listing_commands_follow_the_configured_level_of_unreadable_sources() {
    let denied = listing_corpus(Some("deny"));
    for args in [&["dates"][..], &["claims"], &["timeline", "triple-intervention"]] {
        chronolint().args(args).arg(denied.path()).assert().code(1).stderr(contains("latin1.txt"));
    }
    let allowed = listing_corpus(Some("allow"));
    for args in [&["dates"][..], &["claims"], &["timeline", "triple-intervention"]] {
        chronolint().args(args).arg(allowed.path()).assert().code(0).stderr(contains("latin1.txt").not());
    }
}

#[test]
fn a_folder_where_a_file_is_expected_exits_2() {
    let dir = corpus();
    chronolint()
        .arg("check")
        .arg("--config")
        .arg(dir.path())
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("is a folder"));
}

#[test]
fn a_file_where_a_folder_is_expected_is_checked_as_one_document() {
    let dir = corpus();
    let v = {
        let out = chronolint()
            .args(["check", "--format", "json"])
            .arg(dir.path().join("good.txt"))
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn same_bytes_whatever_the_order_the_paths_are_given_in() {
    // The shipped corpus, its folders and files named in opposite orders: documents are
    // numbered and reported in path order, not in argument order.
    let root = crate::common::root();
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("corpus"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.path().strip_prefix(&root).expect("inside the root").display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    let run = |paths: &[String], format: &str| {
        let out = chronolint()
            .current_dir(&root)
            .args(["check", "--format", format])
            .args(paths)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let reversed: Vec<String> = files.iter().rev().cloned().collect();
    let folders: Vec<String> =
        ["corpus/today-in-history", "corpus/blog", "corpus/forum", "corpus/encyclopedia"]
            .map(String::from)
            .to_vec();
    let mut folders_sorted = folders.clone();
    folders_sorted.sort();
    for format in ["json", "human"] {
        let forward = run(&files, format);
        assert_eq!(forward, run(&reversed, format), "{format}: files reversed");
        assert_eq!(run(&folders, format), run(&folders_sorted, format), "{format}: folders reordered");
    }
}

/// A bare file name has the empty path for a parent: the config must still be found in
/// the current folder (it was not, and the defaults were used).
#[test]
fn a_bare_file_name_finds_the_config_in_the_current_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("custom-rules")).expect("rules dir");
    fs::write(dir.path().join("chronolint.toml"), "rules = [\"custom-rules\"]\n").expect("config");
    fs::write(dir.path().join("good.txt"), "In 1895 the powers intervened.\n").expect("doc");
    // Without the config the default rules folder, ./rules, is missing: exit 2.
    let out = chronolint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "good.txt"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["summary"]["files"], 1);
}

/// A folder with one document and a config whose one `[[source]]` (line 3) has `setting`
/// (line 4).
fn with_a_source_setting(setting: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The Boxer Protocol was signed in 1901. Today it is old.\n").unwrap();
    let config = format!("rules = [\"<built-in>\"]\n[[source]]\npaths = [\"*.txt\"]\n{setting}\n");
    fs::write(dir.path().join("chronolint.toml"), config).unwrap();
    dir
}

/// `check` over `dir` stops on its config, saying `what` at the setting's line.
fn config_refused(dir: &tempfile::TempDir, what: &str) {
    chronolint()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains(what).and(contains("chronolint.toml:4")));
}

#[test]
fn a_source_cannot_be_set_to_the_lunisolar_calendar() {
    // Lunar dates are read where an era names them ("the 5th moon of the 9th year of Hsuan
    // Tung"); a source whose month names were lunar is not something the tagger can read.
    config_refused(&with_a_source_setting("calendar = \"lunisolar\""), "cannot be `lunisolar`");
}

#[test]
fn a_publication_date_or_anchor_outside_the_years_one_to_9999_is_refused_where_it_is_written() {
    // Rule files, `published` and `--anchor` read dates with one function. A year of eleven
    // digits or a signed one used to pass here (and "today" was then clamped to the year
    // 2,147,483,647 with no word said), though a rule file refused it.
    for published in ["99999999999", "+190", "0000", "1905-3"] {
        let dir = with_a_source_setting(&format!("published = \"{published}\""));
        config_refused(&dir, &format!("invalid date `{published}`"));
        chronolint()
            .args(["dates", "--anchor", published])
            .arg(dir.path().join("a.txt"))
            .assert()
            .code(2)
            .stderr(contains(format!("invalid --anchor `{published}`")));
    }
    let dir = with_a_source_setting("published = \"1905-03\"");
    chronolint().arg("check").arg(dir.path()).assert().code(0);
    chronolint()
        .args(["dates", "--anchor", "1905-03"])
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(0)
        .stdout(contains("1905-03"));
}
