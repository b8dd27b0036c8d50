//! Helpers for the integration tests that drive the binary: running it and reading what it
//! printed, the files a run wrote, the record's keys in SPEC order, the golden fixture list, and
//! `newsclean parse -c` over many files at once.
//!
//! Kept apart from `tests/common` (the word definition), which the fuzz target also compiles and
//! which therefore cannot use assert_cmd. Not every test file uses every helper.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The binary under test.
pub fn newsclean() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
}

/// How a run ended and what it printed.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

/// The summary line (`batch: 3 parsed, ...`), without its timing.
pub fn summary(stderr: &str) -> &str {
    let last = last_line(stderr);
    last.rsplit_once(" in ").map_or(last, |(counts, _)| counts)
}

/// The manifest `batch --out` keeps in OUT (see tests/batch.rs for what it holds).
pub const MANIFEST: &str = ".newsclean-manifest";

/// Every file below `root`, as relative paths with `/`, sorted, except a batch manifest at the
/// top (tests of the tree look at records). Folders may vanish while a test looks (fault tests
/// delete them): whatever cannot be read is skipped.
pub fn files_below(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) => {
                    let rel = path.strip_prefix(root).unwrap();
                    if rel.as_os_str() != MANIFEST {
                        found.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
                Err(_) => {}
            }
        }
    }
    found.sort();
    found
}

/// Every key of a record, in SPEC order.
pub const KEYS: [&str; 20] = [
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
    "source_id",
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
    let out = newsclean()
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
