//! `newsclean parse --explain` end to end: one note per input line, with a class from the
//! documented set and a rule name, for every fixture; and a few classes checked by hand on
//! fixtures whose layout is known, so a wrong ledger cannot hide behind a right-looking record.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use support::{fixture, fixtures, parse_records};

mod support;

/// The explained records of these paths, in argument order (one process for all of them).
fn explained(paths: &[PathBuf]) -> Vec<Value> {
    parse_records(&["--explain"], paths)
}

/// The classes `--explain` may give a line (README, `lines`).
const CLASSES: [&str; 16] = [
    "blank",
    "chrome",
    "headline",
    "headline-copy",
    "standfirst",
    "byline",
    "publisher",
    "dateline",
    "caption",
    "body",
    "subheading",
    "sign-off",
    "topic",
    "teaser-header",
    "teaser-headline",
    "teaser-body",
];

/// The input lines as the parser counts them: lossy UTF-8, BOM dropped, CRLF and lone CR folded
/// to LF, split on LF; a final line break ends the last line rather than opening an empty one.
fn input_lines(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.strip_suffix('\n').unwrap_or(&text);
    text.split('\n').map(str::to_string).collect()
}

/// `(class, rule)` of each line, indexed from 0.
fn notes(record: &Value) -> Vec<(String, String)> {
    record["lines"]
        .as_array()
        .expect("lines is present with --explain")
        .iter()
        .map(|n| {
            (
                n["class"].as_str().unwrap().to_string(),
                n["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_fixture_has_one_note_per_input_line_in_order() {
    let paths = fixtures();
    for (path, record) in paths.iter().zip(explained(&paths)) {
        let name = path.file_name().unwrap().to_string_lossy();
        let lines = input_lines(path);
        let notes = record["lines"].as_array().unwrap();
        assert_eq!(notes.len(), lines.len(), "{name}: notes per input line");
        for (i, note) in notes.iter().enumerate() {
            assert_eq!(note["line"], i + 1, "{name}: numbering");
            let class = note["class"].as_str().unwrap();
            let rule = note["rule"].as_str().unwrap();
            assert!(
                CLASSES.contains(&class),
                "{name}:{}: unknown class {class:?}",
                i + 1
            );
            assert!(!rule.trim().is_empty(), "{name}:{}: empty rule", i + 1);
        }
    }
}

#[test]
fn blank_lines_are_class_blank_and_only_they_are() {
    let paths = fixtures();
    for (path, record) in paths.iter().zip(explained(&paths)) {
        let name = path.file_name().unwrap().to_string_lossy();
        for (i, (line, (class, _))) in input_lines(path).iter().zip(notes(&record)).enumerate() {
            let blank = line.trim().is_empty();
            assert_eq!(
                class == "blank",
                blank,
                "{name}:{}: {line:?} is {class}",
                i + 1
            );
        }
    }
}

#[test]
fn no_chrome_line_ends_up_in_a_body() {
    let paths = fixtures();
    for (path, record) in paths.iter().zip(explained(&paths)) {
        let name = path.file_name().unwrap().to_string_lossy();
        let mut bodies: Vec<&str> = record["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        for teaser in record["related"]
            .as_array()
            .unwrap()
            .iter()
            .chain(record["items"].as_array().unwrap())
        {
            bodies.extend(
                teaser["body"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap()),
            );
        }
        for (line, (class, rule)) in input_lines(path).iter().zip(notes(&record)) {
            let text = line.trim();
            if class != "chrome" || text.is_empty() {
                continue;
            }
            // A one-word chrome line (`logo`, `Comments`) may be an ordinary word of a
            // paragraph; a longer one may not appear anywhere in a body.
            let found = if text.split_whitespace().count() >= 3 {
                bodies.iter().find(|p| p.contains(text))
            } else {
                bodies.iter().find(|p| p.trim() == text)
            };
            assert!(
                found.is_none(),
                "{name}: chrome line {text:?} ({rule}) is in the body: {found:?}"
            );
        }
    }
}

/// The class of the first line whose trimmed text is `text`, and its 1-based number.
fn class_of<'a>(lines: &[String], notes: &'a [(String, String)], text: &str) -> (usize, &'a str) {
    let i = lines
        .iter()
        .position(|l| l.trim() == text)
        .unwrap_or_else(|| panic!("no line {text:?}"));
    (i + 1, notes[i].0.as_str())
}

/// Asserts the class of the first line reading `text` in the fixture starting with `prefix`.
fn assert_classes(prefix: &str, expected: &[(&str, &str)]) {
    let path = fixture(prefix);
    let lines = input_lines(&path);
    let record = &explained(std::slice::from_ref(&path))[0];
    let notes = notes(record);
    let mut wrong = HashMap::new();
    for (text, class) in expected {
        let (n, got) = class_of(&lines, &notes, text);
        if got != *class {
            wrong.insert(format!("{n}: {text}"), format!("{got}, expected {class}"));
        }
    }
    assert!(wrong.is_empty(), "{}: {wrong:#?}", path.display());
}

#[test]
fn logo_page_classes_headline_copies_chrome_and_card_headers() {
    let headline = "Perak to hire 300 contract teachers for rural schools facing shortage";
    let path = fixture("02-");
    let lines = input_lines(&path);
    let notes = notes(&explained(std::slice::from_ref(&path))[0]);
    // The headline is printed twice; the first is the headline, the second its copy.
    let copies: Vec<&str> = lines
        .iter()
        .zip(&notes)
        .filter(|(l, _)| l.trim() == headline)
        .map(|(_, (c, _))| c.as_str())
        .collect();
    assert_eq!(copies, ["headline", "headline-copy"]);

    assert_classes(
        "02-",
        &[
            ("logo", "chrome"),
            ("Malay Mail11 minutes ago", "publisher"),
            ("Orange background", "chrome"),
            ("Hashtags", "chrome"),
            ("No comments yet...", "chrome"),
            ("Related Articles", "chrome"),
            (
                "Kedah schools turn to retired teachers as stopgap",
                "teaser-headline",
            ),
            ("The Star", "teaser-header"),
            ("time2 hours ago", "teaser-header"),
            ("• The Star", "teaser-header"),
            ("Perak Education Department", "body"),
            ("time5 hours ago", "teaser-header"),
        ],
    );
}

#[test]
fn fmt_page_classes_standfirst_alt_text_caption_dateline_and_subheading() {
    assert_classes(
        "04-",
        &[
            (
                "Civil servants in three ministries to get flexible hours in pilot scheme",
                "headline-copy",
            ),
            ("putrajaya government offices", "chrome"),
            ("PUTRAJAYA:", "dateline"),
            ("Counter services unaffected", "subheading"),
        ],
    );
    let path = fixture("04-");
    let lines = input_lines(&path);
    let notes = notes(&explained(std::slice::from_ref(&path))[0]);
    let class_starting = |start: &str| {
        let i = lines.iter().position(|l| l.starts_with(start)).unwrap();
        notes[i].0.clone()
    };
    assert_eq!(
        class_starting("The scheme lets staff start work"),
        "standfirst"
    );
    assert_eq!(class_starting("Some 4,500 civil servants"), "caption");
}

#[test]
fn slideshow_page_classes_byline_caption_and_sign_off() {
    assert_classes(
        "10-",
        &[
            ("bootstrap slideshow", "chrome"),
            ("From Haziq Ismail", "byline"),
            ("-- BERNAMA", "sign-off"),
            ("Hashtags", "chrome"),
        ],
    );
}

#[test]
fn listing_page_classes_topic_and_card_lines() {
    assert_classes(
        "24-",
        &[
            ("Latest news with #SPM", "topic"),
            ("The Star", "teaser-header"),
            ("2 hours ago", "teaser-header"),
            ("- Nation", "teaser-header"),
            ("SPM results to be announced on March 20", "teaser-headline"),
        ],
    );
}

#[test]
fn crlf_and_lone_cr_end_one_line_each() {
    // No fixture is saved with CRLF, so the folding is checked on stdin.
    let dump = "\r\nBridge reopens after repairs\r\n\r\nKUALA LUMPUR: The bridge reopened today.\r\
                Traffic was light, police said.\r\n";
    let out = Command::cargo_bin("newsclean")
        .unwrap()
        .args(["parse", "-c", "--explain"])
        .write_stdin(dump)
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let classes: Vec<String> = notes(&record).into_iter().map(|(c, _)| c).collect();
    // Six line ends, the last one closing the last line: five lines.
    assert_eq!(classes.len(), 5, "{classes:?}");
    assert_eq!(classes[0], "blank");
    assert_eq!(classes[1], "headline");
    assert_eq!(classes[2], "blank");
    assert_eq!(classes[4], "body");
}

#[test]
fn a_final_line_break_opens_no_phantom_line() {
    for (dump, n) in [
        ("Bridge opens\nIPOH: It opened.\n", 2),
        ("Bridge opens\nIPOH: It opened.", 2),
        ("Bridge opens\nIPOH: It opened.\n\n", 3),
    ] {
        let out = Command::cargo_bin("newsclean")
            .unwrap()
            .args(["parse", "-c", "--explain"])
            .write_stdin(dump)
            .output()
            .unwrap();
        let record: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(record["lines"].as_array().unwrap().len(), n, "{dump:?}");
    }
}

#[test]
fn every_note_carries_its_zone_and_its_text_as_read() {
    let paths = fixtures();
    for (path, record) in paths.iter().zip(explained(&paths)) {
        let name = path.file_name().unwrap().to_string_lossy();
        for (line, note) in input_lines(path)
            .iter()
            .zip(record["lines"].as_array().unwrap())
        {
            assert_eq!(note["text"], line.as_str(), "{name}");
            let zone = note["zone"].as_str().unwrap();
            assert!(
                ["head", "body", "tail", "chrome-block", "cards"].contains(&zone),
                "{name}: zone {zone:?}"
            );
            // A line cut into parts shows every piece, each a piece of the line.
            for part in note["parts"].as_array().unwrap() {
                assert!(
                    line.contains(part["text"].as_str().unwrap()),
                    "{name}: {part}"
                );
            }
        }
    }
}

#[test]
fn a_caption_credit_and_dateline_line_shows_each_part() {
    let dump = "\nRiver rises in Kuching\nRescuers at the river. (Bernama pic) KUCHING: The river rose overnight, officials said.\n";
    let out = Command::cargo_bin("newsclean")
        .unwrap()
        .args(["parse", "-c", "--explain"])
        .write_stdin(dump)
        .output()
        .unwrap();
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let note = &record["lines"][2];
    assert_eq!(note["zone"], "body");
    assert_eq!(note["rule"], "lead-after-caption");
    let roles: Vec<&str> = note["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["caption", "credit", "dateline", "body"]);
}
