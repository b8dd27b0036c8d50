//! The golden fixtures: every `fixtures/name.txt` parsed by the binary must equal its
//! `fixtures/name.json`, through `newsclean check fixtures`, exactly as CI and users run it.
//!
//! `BLESS=1 cargo test --test fixtures` rewrites the expectations instead (review them with
//! `git diff fixtures/` before committing; never bless in CI).

use std::path::Path;
use std::process::Command;

#[test]
fn every_fixture_matches_its_expected_record() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("fixtures");
    let count = std::fs::read_dir(&fixtures)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert!(count >= 30, "expected at least 30 fixtures, found {count}");

    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsclean"));
    cmd.arg("check").arg(&fixtures);
    let bless = std::env::var_os("BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    if bless {
        cmd.arg("--bless");
    }
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stdout.lines().last().unwrap_or("");
    assert!(
        out.status.success(),
        "newsclean check fixtures failed:\n{stdout}\n{stderr}"
    );
    assert_eq!(last, format!("{count} passed, 0 failed"));
}
