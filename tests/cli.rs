//! `newsclean parse` as a user at a shell meets it: stdin and `-`, several files as a stream of
//! pretty records (as jq prints them), `-c` as JSON Lines, keys in SPEC order, a reader that goes
//! away (`| head`), and rules files: `newsclean rules` reads back in, and a user's chrome line
//! moves out of the body.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command;
use serde_json::Value;
use support::{fixture, KEYS};

mod support;

/// A teaser's keys, in SPEC order.
const TEASER_KEYS: [&str; 10] = [
    "publisher",
    "published",
    "category",
    "headline",
    "standfirst",
    "dateline",
    "source",
    "images",
    "body",
    "stats",
];

const DUMP: &str = "\nBridge reopens after repairs\nKUALA LUMPUR: The bridge reopened today \
                    after six months of repairs.\nTraffic was light, police said.\n";

fn newsclean() -> Command {
    Command::cargo_bin("newsclean").unwrap()
}

/// Runs the command, insists on exit 0 and an empty stderr, and returns stdout.
fn ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

/// Every JSON value in a stream of concatenated (pretty or compact) records.
fn records(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .map(|r| r.expect("a stream of JSON records"))
        .collect()
}

fn record(text: &str) -> Value {
    let mut all = records(text);
    assert_eq!(all.len(), 1, "one record expected");
    all.remove(0)
}

/// The top-level keys of a pretty record, read from the raw text (two-space indented lines), so
/// the order is the printed one whatever map type a JSON library would use.
fn top_level_keys(pretty: &str) -> Vec<String> {
    pretty
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn stdin_with_no_argument_and_with_dash_give_the_same_record() {
    let none = ok(newsclean().arg("parse").write_stdin(DUMP));
    let dash = ok(newsclean().args(["parse", "-"]).write_stdin(DUMP));
    let bare = ok(newsclean().write_stdin(DUMP));
    assert_eq!(none, dash);
    assert_eq!(none, bare);
    let r = record(&none);
    assert_eq!(r["input"], "-");
    assert_eq!(r["headline"], "Bridge reopens after repairs");
    assert_eq!(r["body"].as_array().unwrap().len(), 2);
}

#[test]
fn several_files_give_pretty_records_in_argument_order() {
    let paths = [fixture("11-"), fixture("02-"), fixture("24-")];
    let text = ok(newsclean().arg("parse").args(&paths));
    let all = records(&text);
    assert_eq!(all.len(), 3);
    for (r, path) in all.iter().zip(&paths) {
        assert_eq!(r["input"], path.display().to_string());
    }
    // Pretty: records span many lines, each closes with `}` alone on a line.
    assert!(text.lines().count() > 3 * KEYS.len());
    assert_eq!(text.lines().filter(|l| *l == "}").count(), 3);
    assert!(text.ends_with("}\n"));
    // The same records as parsing each file alone.
    for (r, path) in all.iter().zip(&paths) {
        assert_eq!(*r, record(&ok(newsclean().arg("parse").arg(path))));
    }
}

#[test]
fn compact_gives_one_line_per_record() {
    let paths = [fixture("11-"), fixture("02-"), fixture("24-")];
    let pretty = records(&ok(newsclean().arg("parse").args(&paths)));
    for flag in ["-c", "--compact"] {
        let text = ok(newsclean().args(["parse", flag]).args(&paths));
        assert!(text.ends_with('\n'));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), paths.len());
        for (line, expected) in lines.iter().zip(&pretty) {
            let r: Value = serde_json::from_str(line).expect("each line is one record");
            assert_eq!(r, *expected);
        }
    }
}

#[test]
fn every_key_is_present_in_spec_order() {
    // A page with cards and one without any: null, [] and 0 keys are printed all the same.
    for text in [
        ok(newsclean().arg("parse").arg(fixture("02-"))),
        ok(newsclean().arg("parse").write_stdin(DUMP)),
    ] {
        assert_eq!(top_level_keys(&text), KEYS);
    }
    let explained = ok(newsclean().args(["parse", "--explain"]).write_stdin(DUMP));
    let mut with_lines = KEYS.to_vec();
    with_lines.push("lines");
    assert_eq!(top_level_keys(&explained), with_lines);

    // Teasers: the compact text of the first card, keys in order.
    let compact = ok(newsclean().args(["parse", "-c"]).arg(fixture("02-")));
    let card_start = compact
        .find("\"related\":[{")
        .expect("fixture 02 has cards")
        + 12;
    let mut at = card_start;
    for key in TEASER_KEYS {
        let found = compact[at..]
            .find(&format!("\"{key}\":"))
            .unwrap_or_else(|| panic!("teaser key {key} missing or out of order"));
        at += found;
    }
}

/// Writes `text` to a file in a new temporary folder and returns both.
fn temp_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn closed_stdout_ends_quietly_with_code_0() {
    // Far more output than a pipe holds, so the writer is still writing when the reader leaves.
    let mut big = String::from("\nCouncil publishes its long report\n");
    for i in 0..20_000 {
        big.push_str(&format!(
            "Paragraph {i} of the report says the council met its targets, officials said.\n"
        ));
    }
    let (_dir, path) = temp_file("big.txt", &big);
    let mut child = StdCommand::new(cargo_bin("newsclean"))
        .arg("parse")
        .arg(&path)
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 100];
    stdout.read_exact(&mut head).unwrap();
    assert!(head.starts_with(b"{"));
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "exit {status:?}, stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
}

#[test]
fn printed_rules_read_back_and_change_nothing() {
    let rules = ok(newsclean().arg("rules"));
    let _: Value = serde_json::from_str(&rules).expect("rules are JSON");
    let (_dir, rules_file) = temp_file("rules.json", &rules);
    let paths = [
        fixture("02-"),
        fixture("04-"),
        fixture("10-"),
        fixture("24-"),
    ];
    let plain = ok(newsclean().args(["parse", "-c"]).args(&paths));
    let with_rules = ok(newsclean()
        .args(["parse", "-c", "--rules"])
        .arg(&rules_file)
        .args(&paths));
    assert_eq!(plain, with_rules);
}

/// A made-up promo line no built-in rule knows. It ends like a sentence so that, without the
/// rule, it is a paragraph (a short unpunctuated line would be taken for a subheading).
const PROMO: &str = "Scan the QR code to join our newsletter and never miss a story.";

fn promo_dump() -> String {
    format!(
        "\nState opens three new clinics in rural districts\n\
         KOTA BHARU: The state government opened three new clinics today, officials said.\n\
         {PROMO}\n\
         The clinics will serve about 12,000 residents, the health department said.\n"
    )
}

#[test]
fn a_user_chrome_line_moves_from_the_body_to_boilerplate() {
    let dump = promo_dump();
    let before = record(&ok(newsclean()
        .args(["parse", "-c"])
        .write_stdin(dump.clone())));
    let body = before["body"].as_array().unwrap();
    assert!(
        body.iter().any(|p| p.as_str().unwrap().contains(PROMO)),
        "without the rule, the promo line is body text: {body:#?}"
    );

    let rules = format!("{{\"chrome_lines\": [\"{PROMO}\"]}}");
    let (_dir, rules_file) = temp_file("my-rules.json", &rules);
    let after = record(&ok(newsclean()
        .args(["parse", "-c", "--explain", "--rules"])
        .arg(&rules_file)
        .write_stdin(dump.clone())));
    let body: Vec<&str> = after["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(body.iter().all(|p| !p.contains(PROMO)), "{body:#?}");
    assert_eq!(body.len(), 2, "{body:#?}");
    let boilerplate: Vec<&str> = after["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(boilerplate.contains(&PROMO), "{boilerplate:#?}");
    // --explain names the line as chrome.
    let promo_line = dump.split('\n').position(|l| l == PROMO).unwrap();
    assert_eq!(after["lines"][promo_line]["class"], "chrome");
    // Everything else about the record is as before.
    assert_eq!(after["headline"], before["headline"]);
    assert_eq!(after["dateline"], before["dateline"]);
}

#[test]
fn a_bad_rules_file_is_named_and_exits_2() {
    let (_dir, rules_file) = temp_file("bad.json", "{\"chrome_lines\": \"not a list\"}");
    let out = newsclean()
        .args(["parse", "--rules"])
        .arg(&rules_file)
        .write_stdin(DUMP)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("newsclean: "), "{stderr}");
    assert!(stderr.contains("bad.json"), "{stderr}");
    assert!(stderr.contains("chrome_lines"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}
