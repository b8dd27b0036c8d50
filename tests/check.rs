//! `newsclean check` end to end: passing, failing with a diff, missing expectations, `--bless`,
//! exit codes and the last line.
//!
//! Expected records are always made by `--bless` and then tampered with, so these tests hold
//! whatever the parser (being rewritten) makes of the made-up dumps.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

mod support;

use support::{last_line, newsclean, run, Output};

fn check(args: &[&Path], bless: bool) -> Output {
    let mut cmd = newsclean();
    cmd.arg("check").args(args);
    if bless {
        cmd.arg("--bless");
    }
    run(&mut cmd)
}

/// A folder with two fixture dumps (one in a subfolder) and no expectations yet.
fn fixtures() -> TempDir {
    let tmp = TempDir::new().unwrap();
    fs::create_dir_all(tmp.path().join("sub")).unwrap();
    fs::write(
        tmp.path().join("a.txt"),
        "\nHeadline here\nKUALA LUMPUR: Body sentence one.\n",
    )
    .unwrap();
    fs::write(
        tmp.path().join("sub/b.txt"),
        "\nAnother headline\nIPOH: Body sentence two. And three.\n",
    )
    .unwrap();
    tmp
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap() + "\n").unwrap();
}

#[test]
fn bless_creates_expected_files_then_check_passes() {
    let tmp = fixtures();
    let blessed = check(&[tmp.path()], true);
    assert_eq!(blessed.code, 0, "{}", blessed.stderr);
    let a_json = tmp.path().join("a.json");
    let b_json = tmp.path().join("sub/b.json");
    assert!(blessed
        .stdout
        .contains(&format!("created {}", a_json.display())));
    assert!(blessed
        .stdout
        .contains(&format!("created {}", b_json.display())));
    assert_eq!(last_line(&blessed.stdout), "2 passed, 0 failed");

    let checked = check(&[tmp.path()], false);
    assert_eq!(checked.code, 0, "{}{}", checked.stdout, checked.stderr);
    assert_eq!(checked.stdout, "2 passed, 0 failed\n");
}

#[test]
fn blessed_files_name_the_fixture_not_the_path() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let text = fs::read_to_string(tmp.path().join("sub/b.json")).unwrap();
    assert!(text.ends_with("}\n"), "pretty JSON with a trailing newline");
    assert!(text.starts_with("{\n  \"input\": \"b.txt\","), "{text}");
}

#[test]
fn tampered_expectation_fails_with_a_diff() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let a_json = tmp.path().join("a.json");
    let mut expected = read_json(&a_json);
    expected["headline"] = Value::from("Tampered headline");
    write_json(&a_json, &expected);

    let result = check(&[tmp.path()], false);
    assert_eq!(result.code, 1);
    let a_txt = tmp.path().join("a.txt");
    assert!(
        result.stdout.contains(&format!("FAIL {}", a_txt.display())),
        "{}",
        result.stdout
    );
    let lines: Vec<&str> = result.stdout.lines().collect();
    assert!(
        lines.contains(&"-  \"headline\": \"Tampered headline\","),
        "{}",
        result.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("+  \"headline\": ")),
        "{}",
        result.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("@@ ")),
        "a unified diff hunk header"
    );
    assert!(
        !result.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert_eq!(last_line(&result.stdout), "1 passed, 1 failed");
}

#[test]
fn input_key_is_ignored_when_comparing() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let a_json = tmp.path().join("a.json");
    let mut expected = read_json(&a_json);
    expected["input"] = Value::from("somewhere/else.txt");
    write_json(&a_json, &expected);
    let result = check(&[tmp.path()], false);
    assert_eq!(result.code, 0, "{}", result.stdout);
}

#[test]
fn key_order_and_white_space_do_not_matter() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let a_json = tmp.path().join("a.json");
    // Compact, and with `headline` moved to the end.
    let mut expected = read_json(&a_json);
    let headline = expected
        .as_object_mut()
        .unwrap()
        .shift_remove("headline")
        .unwrap();
    expected["headline"] = headline;
    fs::write(&a_json, serde_json::to_string(&expected).unwrap()).unwrap();
    let result = check(&[tmp.path()], false);
    assert_eq!(result.code, 0, "{}", result.stdout);
}

#[test]
fn missing_expectation_fails_and_suggests_bless() {
    let tmp = fixtures();
    let result = check(&[&tmp.path().join("a.txt")], false);
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stderr.trim_end(),
        format!(
            "newsclean: {}: missing a.json; run with --bless to create it",
            tmp.path().join("a.txt").display()
        )
    );
    assert_eq!(result.stdout, "0 passed, 1 failed\n");
}

#[test]
fn bless_updates_a_tampered_expectation_and_leaves_matching_ones_alone() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let a_json = tmp.path().join("a.json");
    let b_json = tmp.path().join("sub/b.json");
    let mut expected = read_json(&a_json);
    expected["body"] = Value::from(vec!["Not what the parser says."]);
    write_json(&a_json, &expected);
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&b_json)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();

    let result = check(&[tmp.path()], true);
    assert_eq!(result.code, 0);
    assert_eq!(
        result.stdout,
        format!("updated {}\n2 passed, 0 failed\n", a_json.display())
    );
    let b_modified = fs::metadata(&b_json).unwrap().modified().unwrap();
    assert_eq!(
        b_modified, an_hour_ago,
        "a matching expectation was rewritten"
    );
    assert_eq!(check(&[tmp.path()], false).code, 0);
    // No temporary file is left beside the fixtures.
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 3);
}

#[test]
fn a_fixture_can_be_named_by_its_json() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let result = check(&[&tmp.path().join("sub/b.json")], false);
    assert_eq!(result.code, 0);
    assert_eq!(result.stdout, "1 passed, 0 failed\n");
}

#[test]
fn bad_dump_fails_with_its_reason() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    fs::write(tmp.path().join("empty.txt"), "").unwrap();
    let result = check(&[tmp.path()], true);
    assert_eq!(result.code, 1);
    let empty = tmp.path().join("empty.txt");
    assert!(
        result
            .stderr
            .contains(&format!("newsclean: {}: empty input", empty.display())),
        "{}",
        result.stderr
    );
    assert!(!tmp.path().join("empty.json").exists());
    assert_eq!(last_line(&result.stdout), "2 passed, 1 failed");
}

#[test]
fn invalid_expected_json_fails_and_bless_repairs_it() {
    let tmp = fixtures();
    check(&[tmp.path()], true);
    let a_json = tmp.path().join("a.json");
    fs::write(&a_json, "{ not json").unwrap();
    let result = check(&[tmp.path()], false);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("not valid JSON"),
        "{}",
        result.stderr
    );
    let blessed = check(&[tmp.path()], true);
    assert!(blessed
        .stdout
        .contains(&format!("updated {}", a_json.display())));
    assert_eq!(check(&[tmp.path()], false).code, 0);
}

#[test]
fn hidden_fixtures_are_skipped() {
    let tmp = fixtures();
    fs::create_dir_all(tmp.path().join(".cache")).unwrap();
    fs::write(tmp.path().join(".cache/c.txt"), "Headline\n").unwrap();
    fs::write(tmp.path().join(".d.txt"), "Headline\n").unwrap();
    let result = check(&[tmp.path()], true);
    assert_eq!(last_line(&result.stdout), "2 passed, 0 failed");
}

#[test]
fn missing_path_exits_2() {
    let tmp = fixtures();
    let result = check(&[tmp.path(), &tmp.path().join("nope")], false);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("nope: no such file or directory"));
    assert_eq!(result.stdout, "");
}

#[test]
fn folder_without_fixtures_exits_2() {
    let tmp = TempDir::new().unwrap();
    let result = check(&[tmp.path()], false);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("no fixtures"), "{}", result.stderr);
}
