//! Helpers for the integration tests that drive the binary over the golden fixtures: the record's
//! keys in SPEC order, the fixture list, and `newsclean parse -c` over many files at once.
//!
//! Kept apart from `tests/common` (the word definition), which the fuzz target also compiles and
//! which therefore cannot use assert_cmd. Not every test file uses every helper.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// Every key of a record, in SPEC order.
pub const KEYS: [&str; 19] = [
    "input",
    "kind",
    "topic",
    "headline",
    "standfirst",
    "byline",
    "publisher",
    "published",
    "dateline",
    "source",
    "images",
    "subheadings",
    "body",
    "related",
    "items",
    "stats",
    "boilerplate",
    "truncated",
    "warnings",
];

/// Every `fixtures/*.txt`, sorted.
pub fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    paths
}

/// The fixture whose file name starts with `prefix` (`02-`).
pub fn fixture(prefix: &str) -> PathBuf {
    fixtures()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no fixture {prefix}*.txt"))
}

/// The records `newsclean parse -c [extra] PATHS...` prints, one per path, in argument order
/// (one process for all of them); insists on exit 0.
pub fn parse_records(extra: &[&str], paths: &[PathBuf]) -> Vec<Value> {
    let out = Command::cargo_bin("newsclean")
        .unwrap()
        .args(["parse", "-c"])
        .args(extra)
        .args(paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), paths.len());
    records
}
