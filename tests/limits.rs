//! Faults found on purpose, each reproduced as a user would type it: pipes and devices read
//! within the size limit, a FIFO or device where `check` expects a `.json`, `--rules` from a
//! device or with a BOM, stderr closed or full, stdout full, and a lone surrogate in `stream`.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use newsclean::input::MAX_INPUT_BYTES;
use tempfile::TempDir;

mod support;

use support::fixture;

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

const DUMP: &str = "\nBridge reopens after repairs\nKUALA LUMPUR: The bridge reopened today \
                    after six months of repairs.\nTraffic was light, police said.\n";

/// Runs a bash command line (`$NEWSCLEAN` is the binary), killed after `deadline`.
fn sh(script: &str, deadline: Duration) -> Output {
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("NEWSCLEAN", BIN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("`{script}` still running after {deadline:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_device_or_pipe_is_read_only_up_to_the_limit() {
    let too_large = format!("input too large (more than the limit of {MAX_INPUT_BYTES} bytes)");
    // /dev/zero never ends: without a limit while reading, memory grows until allocation fails.
    let out = sh(
        "\"$NEWSCLEAN\" /dev/zero; echo \"exit $?\"",
        Duration::from_secs(60),
    );
    assert_eq!(text(&out.stdout), "exit 1\n");
    assert_eq!(
        text(&out.stderr),
        format!("newsclean: /dev/zero: {too_large}\n")
    );

    // A process substitution is a pipe whose size is unknown until it ends.
    let out = sh(
        "\"$NEWSCLEAN\" -c <(head -c 268435457 /dev/zero | tr '\\0' a) >/dev/null; echo \"exit $?\"",
        Duration::from_secs(60),
    );
    assert_eq!(text(&out.stdout), "exit 1\n");
    assert!(
        text(&out.stderr).ends_with(&format!(": {too_large}\n")),
        "{}",
        text(&out.stderr)
    );

    // Over-limit stdin says it is over the limit, not "limit + 1 bytes".
    let out = sh(
        "head -c 268435457 /dev/zero | tr '\\0' a | \"$NEWSCLEAN\"; echo \"exit $?\"",
        Duration::from_secs(60),
    );
    assert_eq!(text(&out.stdout), "exit 1\n");
    assert_eq!(text(&out.stderr), format!("newsclean: -: {too_large}\n"));
}

#[test]
fn a_gzip_bomb_stops_at_the_limit() {
    let tmp = TempDir::new().unwrap();
    let bomb = tmp.path().join("bomb.txt.gz");
    let status = Command::new("bash")
        .arg("-c")
        .arg("head -c 300000000 /dev/zero | tr '\\0' a | gzip -1 > \"$0\"")
        .arg(&bomb)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(fs::metadata(&bomb).unwrap().len() < 2_000_000);
    let out = Command::new(BIN).arg(&bomb).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).ends_with(&format!(
            "input too large (more than the limit of {MAX_INPUT_BYTES} bytes)\n"
        )),
        "{}",
        text(&out.stderr)
    );
}

/// A fixture folder with one good fixture and `odd` as the other's expected file.
fn fixtures_with(odd: impl FnOnce(&Path)) -> TempDir {
    let tmp = TempDir::new().unwrap();
    fs::copy(fixture("02-"), tmp.path().join("a.txt")).unwrap();
    let out = Command::new(BIN)
        .args(["check", "--bless"])
        .arg(tmp.path().join("a.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    fs::copy(fixture("26-"), tmp.path().join("b.txt")).unwrap();
    odd(&tmp.path().join("b.json"));
    tmp
}

#[test]
fn check_fails_a_fifo_or_device_json_instead_of_hanging_or_reading_forever() {
    for (what, make) in [
        (
            "fifo",
            Box::new(|p: &Path| {
                assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
            }) as Box<dyn Fn(&Path)>,
        ),
        (
            "/dev/zero",
            Box::new(|p: &Path| symlink("/dev/zero", p).unwrap()),
        ),
    ] {
        let tmp = fixtures_with(|p| make(p));
        let script = format!("\"$NEWSCLEAN\" check {}", tmp.path().display());
        let out = sh(&script, Duration::from_secs(30));
        assert_eq!(out.status.code(), Some(1), "{what}: {}", text(&out.stderr));
        assert_eq!(
            text(&out.stderr),
            format!(
                "newsclean: {}: not a regular file\n",
                tmp.path().join("b.json").display()
            ),
            "{what}"
        );
        assert!(
            text(&out.stdout).ends_with("1 passed, 1 failed\n"),
            "{what}"
        );
    }
}

#[test]
fn rules_from_a_device_are_refused_at_the_limit_and_a_bom_is_accepted() {
    let out = sh(
        "\"$NEWSCLEAN\" --rules /dev/zero /dev/null; echo \"exit $?\"",
        Duration::from_secs(30),
    );
    assert_eq!(text(&out.stdout), "exit 2\n");
    assert!(
        text(&out.stderr).starts_with("newsclean: /dev/zero: rules file too large (more than"),
        "{}",
        text(&out.stderr)
    );

    let tmp = TempDir::new().unwrap();
    let rules = tmp.path().join("rules.json");
    fs::write(
        &rules,
        "\u{feff}{\"chrome_lines\": [\"Traffic was light, police said.\"]}",
    )
    .unwrap();
    let page = tmp.path().join("page.txt");
    fs::write(&page, DUMP).unwrap();
    let out = Command::new(BIN)
        .args(["-c", "--rules"])
        .arg(&rules)
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        record["boilerplate"],
        serde_json::json!(["Traffic was light, police said."])
    );
}

#[test]
fn a_full_stderr_loses_messages_not_records() {
    let tmp = TempDir::new().unwrap();
    let good = tmp.path().join("good.txt");
    fs::write(&good, DUMP).unwrap();
    let bad = tmp.path().join("bad.txt");
    fs::write(&bad, "").unwrap();
    let out = Command::new(BIN)
        .arg("-c")
        .args([&good, &bad, &good, &good])
        .stderr(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 3);

    // A bad rules file is still exit 2, not a panic's 101.
    let rules = tmp.path().join("rules.json");
    fs::write(&rules, "{").unwrap();
    let out = Command::new(BIN)
        .arg("--rules")
        .arg(&rules)
        .arg(&good)
        .stderr(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));

    // check still prints its summary.
    let fixtures = fixtures_with(|p| fs::write(p, "{}").unwrap());
    fs::write(fixtures.path().join("c.txt"), "").unwrap();
    let out = Command::new(BIN)
        .arg("check")
        .arg(fixtures.path())
        .stderr(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).ends_with("1 passed, 2 failed\n"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_closed_stderr_does_not_stop_a_batch() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    for n in 0..300 {
        fs::write(dir.join(format!("empty{n:03}.txt")), "").unwrap();
    }
    for n in 0..20 {
        fs::write(dir.join(format!("good{n:02}.txt")), DUMP).unwrap();
    }
    for progress in ["--no-progress", "--progress"] {
        let out_dir = tmp.path().join(format!("out{progress}"));
        // `2>&1 | head -1`: the reader of stderr goes away after the first line.
        let script = format!(
            "\"$NEWSCLEAN\" batch {progress} {} --out {} 2>&1 | head -1 >/dev/null; \
             echo \"exit ${{PIPESTATUS[0]}}\"",
            dir.display(),
            out_dir.display()
        );
        let out = sh(&script, Duration::from_secs(60));
        assert_eq!(
            text(&out.stdout),
            "exit 1\n",
            "{progress}: {}",
            text(&out.stderr)
        );
        assert_eq!(support::files_below(&out_dir).len(), 20, "{progress}");
    }
}

#[test]
fn a_full_stdout_is_one_lowercase_line_naming_stdout() {
    let out = Command::new(BIN)
        .arg(fixture("02-"))
        .stdout(fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "newsclean: stdout: cannot write: no space left on device\n"
    );
}

#[test]
fn stream_decodes_a_lone_surrogate_lossily_as_files_are() {
    let line = r#"{"id": "a", "text": "\nBridge reopens\nKUALA LUMPUR: The bridge \ud800 reopened today.\n"}"#;
    let out = support::run(
        support::newsclean()
            .arg("stream")
            .write_stdin(format!("{line}\n")),
    );
    assert_eq!(out.code, 0);
    let record: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(record["status"], "ok", "{record}");
    assert!(record["body"][0].as_str().unwrap().contains('\u{fffd}'));
    assert_eq!(
        record["warnings"][0],
        "input is not valid UTF-8; decoded lossily"
    );
}
