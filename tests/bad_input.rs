//! Bad input end to end, through the binary: what `newsclean parse` and `newsclean batch` do
//! with files that are empty, blank, binary, missing, folders, not UTF-8, saved with other line
//! endings or a BOM, and with bad `--rules` files.
//!
//! SPEC fixes the contract checked here: each failure is one lowercase stderr line
//! `newsclean: <path>: <reason>`; exit 1 when an input failed (the others are still printed),
//! 2 for usage and rules errors; text that is not UTF-8 is decoded lossily with a warning and is
//! not a failure; the line endings and BOM a page was saved with do not change its record.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

/// A real fixture, rich in layout features (logo header, link split, cards cut after a time
/// line), as the base text for the line-ending tests.
const BASE_FIXTURE: &str = "fixtures/02-logo-malaymail-ipoh-link-split-cards-cut-after-time.txt";

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn newsclean(args: &[&std::ffi::OsStr]) -> Output {
    let out = Command::new(BIN).args(args).output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// `newsclean parse -c FILE...`.
fn parse(files: &[&Path]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["parse".as_ref(), "-c".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    newsclean(&args)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON record"))
        .collect()
}

/// Asserts that stderr is exactly one error line for `path`, in SPEC's shape, whose reason
/// contains `reason`.
fn assert_one_error(stderr: &str, path: &Path, reason: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "expected one error line, got:\n{stderr}");
    assert_error_line(lines[0], path, reason);
}

fn assert_error_line(line: &str, path: &Path, reason: &str) {
    let prefix = format!("newsclean: {}: ", path.display());
    let got = line
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{line:?} does not start with {prefix:?}"));
    assert!(got.contains(reason), "{line:?} does not say {reason:?}");
    assert!(
        got.chars().next().is_some_and(|c| !c.is_uppercase()),
        "reason not lowercase: {line:?}"
    );
    assert!(!got.contains("os error"), "raw io error text: {line:?}");
    assert!(!got.ends_with('.'), "trailing period: {line:?}");
}

/// A good dump beside each bad one shows that a failure skips only that input.
fn good(dir: &Path) -> PathBuf {
    write(
        dir,
        "good.txt",
        b"\nMinister opens bridge\nKUALA LUMPUR: The bridge opened today.\n",
    )
}

fn assert_fails_alone(name: &str, bytes: &[u8], reason: &str) {
    let tmp = TempDir::new().unwrap();
    let bad = write(tmp.path(), name, bytes);
    let good = good(tmp.path());
    let out = parse(&[&bad, &good]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_one_error(&out.stderr, &bad, reason);
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 1, "the good input is still printed");
    assert_eq!(recs[0]["input"], good.display().to_string());
}

#[test]
fn an_empty_file_fails_with_exit_1_and_the_others_are_printed() {
    assert_fails_alone("empty.txt", b"", "empty input");
}

#[test]
fn a_blank_only_file_fails_as_blank() {
    assert_fails_alone("blank.txt", b" \n\t\n\r\n  \n", "blank input");
}

#[test]
fn a_bom_followed_by_blanks_is_blank() {
    assert_fails_alone("bom.txt", b"\xef\xbb\xbf\n  \n", "blank input");
}

#[test]
fn nul_bytes_make_a_file_not_text() {
    assert_fails_alone(
        "nul.txt",
        b"Headline\nKUALA LUMPUR: text\0more\n",
        "not text",
    );
}

#[test]
fn a_binary_file_is_not_text() {
    // The start of a PNG: binary files carry NUL bytes early.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    assert_fails_alone("picture.txt", png, "not text");
}

#[test]
fn a_missing_path_fails_with_exit_1() {
    let tmp = TempDir::new().unwrap();
    let missing = tmp.path().join("missing.txt");
    let good = good(tmp.path());
    let out = parse(&[&missing, &good]);
    assert_eq!(out.code, 1);
    assert_one_error(&out.stderr, &missing, "no such file or directory");
    assert_eq!(records(&out.stdout).len(), 1);
}

#[test]
fn a_directory_given_as_a_file_fails_with_exit_1() {
    let tmp = TempDir::new().unwrap();
    let folder = tmp.path().join("folder.txt");
    fs::create_dir(&folder).unwrap();
    let good = good(tmp.path());
    let out = parse(&[&good, &folder]);
    assert_eq!(out.code, 1);
    assert_one_error(&out.stderr, &folder, "is a directory");
    assert_eq!(records(&out.stdout).len(), 1);
}

#[test]
fn every_failed_input_gets_its_own_line_in_argument_order() {
    let tmp = TempDir::new().unwrap();
    let empty = write(tmp.path(), "a.txt", b"");
    let good = good(tmp.path());
    let nul = write(tmp.path(), "b.txt", b"x\0y");
    let out = parse(&[&empty, &good, &nul]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stderr);
    assert_error_line(lines[0], &empty, "empty input");
    assert_error_line(lines[1], &nul, "not text");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_and_exit_0() {
    let tmp = TempDir::new().unwrap();
    // Latin-1 bytes in a UTF-8 page: `café` and `Pérez`.
    let bad = write(
        tmp.path(),
        "latin1.txt",
        b"\nCaf\xe9 owners meet minister\nKUALA LUMPUR: P\xe9rez said the caf\xe9 would reopen.\n",
    );
    let out = parse(&[&bad]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let rec = &records(&out.stdout)[0];
    let warnings = rec["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("not valid UTF-8")),
        "{warnings:?}"
    );
    assert!(out.stdout.contains("P\u{fffd}rez"), "{}", out.stdout);
}

/// The record of `path` without `input`, the only field allowed to differ.
fn record_without_input(path: &Path) -> Value {
    let out = parse(&[path]);
    assert_eq!(out.code, 0, "{}: {}", path.display(), out.stderr);
    let mut rec = records(&out.stdout).remove(0);
    rec.as_object_mut().unwrap().remove("input");
    rec
}

fn assert_same_record_as_lf(name: &str, convert: impl Fn(&[u8]) -> Vec<u8>) {
    let tmp = TempDir::new().unwrap();
    let lf = fs::read(BASE_FIXTURE).unwrap();
    assert!(!lf.contains(&b'\r'), "the base fixture must be LF-only");
    let variant = write(tmp.path(), name, &convert(&lf));
    assert_ne!(fs::read(&variant).unwrap(), lf, "the variant must differ");
    assert_eq!(
        record_without_input(&variant),
        record_without_input(Path::new(BASE_FIXTURE))
    );
}

#[test]
fn crlf_line_endings_give_the_same_record_as_lf() {
    assert_same_record_as_lf("crlf.txt", |lf| {
        String::from_utf8_lossy(lf)
            .replace('\n', "\r\n")
            .into_bytes()
    });
}

#[test]
fn cr_only_line_endings_give_the_same_record_as_lf() {
    assert_same_record_as_lf("cr.txt", |lf| {
        lf.iter()
            .map(|&b| if b == b'\n' { b'\r' } else { b })
            .collect()
    });
}

#[test]
fn a_utf8_bom_gives_the_same_record_as_without() {
    assert_same_record_as_lf("bom.txt", |lf| [b"\xef\xbb\xbf", lf].concat());
}

#[test]
fn a_bom_with_crlf_gives_the_same_record_as_lf() {
    assert_same_record_as_lf("bom-crlf.txt", |lf| {
        let crlf = String::from_utf8_lossy(lf).replace('\n', "\r\n");
        [b"\xef\xbb\xbf", crlf.as_bytes()].concat()
    });
}

#[test]
fn batch_reports_bad_files_and_decodes_bad_utf8_with_a_warning() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    write(
        &dir,
        "latin1.txt",
        b"\nCaf\xe9 reopens\nIPOH: The caf\xe9 reopened.\n",
    );
    fs::create_dir(dir.join("folder.txt")).unwrap();
    let crlf = String::from_utf8_lossy(&fs::read(BASE_FIXTURE).unwrap()).replace('\n', "\r\n");
    write(&dir, "crlf.txt", crlf.as_bytes());
    let jsonl = tmp.path().join("all.jsonl");
    let out = newsclean(&[
        "batch".as_ref(),
        dir.as_os_str(),
        "--jsonl".as_ref(),
        jsonl.as_os_str(),
    ]);
    // A folder named like a dump is not a dump: skipped, not failed.
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = records(&fs::read_to_string(&jsonl).unwrap());
    assert_eq!(recs.len(), 2);
    let mut crlf_rec = recs[0].clone();
    assert!(recs[1]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("not valid UTF-8"));
    crlf_rec.as_object_mut().unwrap().remove("input");
    assert_eq!(crlf_rec, record_without_input(Path::new(BASE_FIXTURE)));
}

/// Runs `parse --rules RULES` on a good dump and `batch --rules RULES`; both must refuse with
/// exit 2, print nothing on stdout, write no output, and say `newsclean: RULES: ...` with every
/// one of `says` on one line.
fn assert_rules_refused(rules_json: Option<&str>, says: &[&str]) {
    let tmp = TempDir::new().unwrap();
    let rules = tmp.path().join("my-rules.json");
    if let Some(json) = rules_json {
        fs::write(&rules, json).unwrap();
    }
    let good = good(tmp.path());
    let out_dir = tmp.path().join("out");
    let runs = [
        newsclean(&[
            "parse".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            good.as_os_str(),
        ]),
        newsclean(&[
            "batch".as_ref(),
            "--rules".as_ref(),
            rules.as_os_str(),
            tmp.path().as_os_str(),
            "--out".as_ref(),
            out_dir.as_os_str(),
        ]),
    ];
    for out in runs {
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_eq!(out.stdout, "");
        let line = out.stderr.trim_end();
        assert!(!line.contains('\n'), "more than one line:\n{}", out.stderr);
        assert_error_line(line, &rules, "");
        for word in says {
            assert!(line.contains(word), "{line:?} does not say {word:?}");
        }
    }
    assert!(!out_dir.exists(), "batch did something despite bad rules");
}

#[test]
fn a_rules_file_that_is_not_json_exits_2_naming_the_file() {
    assert_rules_refused(Some("chrome_lines = [\"x\"]\n"), &["not valid JSON"]);
}

#[test]
fn a_rules_file_that_is_not_an_object_exits_2() {
    assert_rules_refused(Some("[\"Advertisement\"]"), &["expected a JSON object"]);
}

#[test]
fn an_unknown_rules_key_exits_2_naming_the_key() {
    assert_rules_refused(
        Some(r#"{"chrome_line": ["Subscribe now"]}"#),
        &["chrome_line:", "unknown key", "chrome_lines"],
    );
}

#[test]
fn a_rules_key_of_the_wrong_type_exits_2_naming_the_key() {
    assert_rules_refused(
        Some(r#"{"agencies": "Reuters"}"#),
        &["agencies:", "expected a list of strings"],
    );
}

#[test]
fn a_rules_item_of_the_wrong_type_exits_2_naming_its_index() {
    assert_rules_refused(
        Some(r#"{"publishers": ["The Star", 7]}"#),
        &["publishers[1]:", "expected a string"],
    );
}

#[test]
fn an_invalid_regex_exits_2_naming_the_key_and_its_index_in_the_file() {
    assert_rules_refused(
        Some(r#"{"chrome_patterns": ["^Subscribe", "^(Share|Tweet"]}"#),
        &[
            "chrome_patterns[1]:",
            "invalid regex",
            "^(Share|Tweet",
            "unclosed group",
        ],
    );
}

#[test]
fn an_invalid_glued_chrome_regex_exits_2_naming_the_key() {
    assert_rules_refused(
        Some(r#"{"glued_chrome": ["[unclosed"]}"#),
        &["glued_chrome[0]:", "invalid regex"],
    );
}

#[test]
fn a_missing_rules_file_exits_2() {
    assert_rules_refused(
        None,
        &["cannot read rules file", "no such file or directory"],
    );
}

#[test]
fn a_good_rules_file_is_used() {
    let tmp = TempDir::new().unwrap();
    let rules = write(
        tmp.path(),
        "rules.json",
        br#"{"chrome_lines": ["Subscribe to our newsletter"]}"#,
    );
    let dump = write(
        tmp.path(),
        "a.txt",
        b"\nMinister opens bridge\nKUALA LUMPUR: The bridge opened today.\nSubscribe to our newsletter\n",
    );
    let out = newsclean(&[
        "parse".as_ref(),
        "-c".as_ref(),
        "--rules".as_ref(),
        rules.as_os_str(),
        dump.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rec = &records(&out.stdout)[0];
    assert_eq!(
        rec["boilerplate"],
        serde_json::json!(["Subscribe to our newsletter"])
    );
}
