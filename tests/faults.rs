//! `newsclean batch` when the machine misbehaves mid-run: the output folder deleted while
//! records are being written, a file-size limit reached (as a full disk would stop writes), an
//! input deleted between the walk and its reading, and the run stopped by SIGINT or SIGKILL.
//!
//! The contract (SPEC): no panic, every problem reported as `newsclean: <path>: <reason>`, no
//! half-written `.json` ever, no temporary file left after the next run, and a re-run finishes
//! the job. tests/batch.rs already covers an OUT that cannot be created, an output path taken
//! by a folder, a dangling symlink, stale temporary files and SIGKILL with `--out`; these tests
//! add what needs timing or process limits, so they are Linux-only.
//!
//! Timing is made deterministic where it can be: a fault is injected only once the first
//! record exists (so the walk is over and parsing has begun), in runs of thousands of inputs
//! that take seconds, so the fault always lands mid-run.
#![cfg(target_os = "linux")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

mod support;

use support::files_below;

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

/// Inputs in a "large" batch: enough for a debug build to take a few seconds at `-j1`.
const COUNT: usize = 3000;

fn sample(n: usize) -> String {
    format!(
        "\nHeadline number {n}\nKUALA LUMPUR: Body sentence {n} of the story, which goes on for \
         a while so that the record is a few hundred bytes long.\n— Bernama\n"
    )
}

/// `COUNT` dumps under `root/pages`, spread over ten folders, named so that path order is
/// numeric order.
fn pages(root: &Path) -> PathBuf {
    let dir = root.join("pages");
    for n in 0..COUNT {
        let sub = dir.join(format!("d{}", n % 10));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("p{n:05}.txt")), sample(n)).unwrap();
    }
    dir
}

fn batch(args: &[&std::ffi::OsStr]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("batch").arg("--no-progress").args(args);
    cmd
}

/// `batch -j1 DIR --out OUT`, started.
fn spawn_tree_run(dir: &Path, out: &Path) -> Child {
    spawn(batch(&[
        "-j1".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]))
}

fn spawn(mut cmd: Command) -> Child {
    cmd.stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until some file under `root` ends in `.json`, i.e. the run is past its walk and
/// writing records. Panics after 60 s.
fn wait_for_first_record(root: &Path) {
    let started = Instant::now();
    while files_below(root).iter().all(|f| !f.ends_with(".json")) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no record after 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A count as the summary line shows it: `2,999`.
fn commas(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every stderr line is an error line or the summary: no panic message, no backtrace.
fn assert_only_reports(stderr: &str) {
    for line in stderr.lines() {
        assert!(
            line.starts_with("newsclean: ") || line.starts_with("batch: "),
            "unexpected stderr line {line:?} in:\n{stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The records under `out`: every file is a `.json` that parses, and there are `count`.
fn assert_complete_tree(out: &Path, count: usize) {
    let files = files_below(out);
    for rel in &files {
        assert!(rel.ends_with(".json"), "leftover file {rel}");
        let text = fs::read_to_string(out.join(rel)).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"));
    }
    assert_eq!(files.len(), count, "records missing");
}

/// Every `.json` present is whole (temporary files may remain: the next run removes them).
fn assert_no_partial_record(out: &Path) {
    for rel in files_below(out) {
        if rel.ends_with(".json") {
            let text = fs::read_to_string(out.join(&rel)).unwrap();
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{rel} is a partial record: {e}"));
        }
    }
}

#[test]
fn output_folder_deleted_midway_is_reported_without_panic_and_a_rerun_completes() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(tmp.path());
    let out = tmp.path().join("out");
    let child = spawn_tree_run(&dir, &out);
    wait_for_first_record(&out);
    // Writers keep adding files while we delete: retry until the folder is gone once.
    let started = Instant::now();
    while out.exists() && fs::remove_dir_all(&out).is_err() {
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    let output = child.wait_with_output().unwrap();
    let stderr = stderr_of(&output);
    // Records whose folder vanished under them fail (exit 1); the run goes on and recreates
    // the folders it needs, so it may also end cleanly (exit 0). It never dies.
    assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
    assert_only_reports(&stderr);
    assert!(stderr.lines().last().unwrap().starts_with("batch: "));
    for line in stderr.lines().filter(|l| l.starts_with("newsclean: ")) {
        assert!(line.contains(": cannot write "), "{line}");
    }

    let rerun = batch(&[dir.as_os_str(), "--out".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr_of(&rerun));
    assert_complete_tree(&out, COUNT);
}

/// `ulimit -f BLOCKS` (1 KiB blocks in bash), then `exec newsclean ARGS`.
fn with_file_size_limit(blocks: u32, args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(format!("ulimit -f {blocks} && exec \"$0\" \"$@\""))
        .arg(BIN)
        .arg("batch")
        .arg("--no-progress")
        .args(args);
    cmd.output().unwrap()
}

#[test]
fn a_file_size_limit_ends_a_jsonl_run_with_exit_2_and_no_file_instead_of_a_signal_death() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    for n in 0..200 {
        fs::write(dir.join(format!("p{n:03}.txt")), sample(n)).unwrap();
    }
    let jsonl = tmp.path().join("all.jsonl");
    // 8 KiB: a few dozen records fit, then writing fails as on a full disk. Without SIGXFSZ
    // handled, the kernel kills the process here (exit 153, no message, temp file left).
    let output = with_file_size_limit(8, &[dir.as_os_str(), "--jsonl".as_ref(), jsonl.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        stderr,
        format!(
            "newsclean: {}: cannot write: file too large\n",
            jsonl.display()
        )
    );
    assert_eq!(
        files_below(tmp.path())
            .iter()
            .filter(|f| !f.starts_with("pages"))
            .count(),
        0,
        "no JSON Lines file and no temporary file"
    );

    let rerun = batch(&[dir.as_os_str(), "--jsonl".as_ref(), jsonl.as_os_str()])
        .output()
        .unwrap();
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr_of(&rerun));
    assert_eq!(fs::read_to_string(&jsonl).unwrap().lines().count(), 200);
}

#[test]
fn a_file_size_limit_fails_only_the_records_too_big_for_it() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("small.txt"), sample(1)).unwrap();
    // A record bigger than 4 KiB: its write hits the limit.
    let big = format!(
        "\nA long story\nIPOH: {}\n",
        "The state will also provide quarters. ".repeat(200)
    );
    fs::write(dir.join("big.txt"), big).unwrap();
    let out = tmp.path().join("out");
    let output = with_file_size_limit(4, &[dir.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_only_reports(&stderr);
    assert!(
        stderr.contains(&format!(
            "newsclean: {}: cannot write {}: file too large",
            dir.join("big.txt").display(),
            out.join("big.json").display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("batch: 1 parsed, 1 failed, 0 up to date"),
        "{stderr}"
    );
    assert_eq!(files_below(&out), ["small.json"], "no temporary file left");
}

#[test]
fn an_input_deleted_after_the_walk_is_reported_and_the_rest_are_written() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(tmp.path());
    let out = tmp.path().join("out");
    // With one job, inputs are parsed in path order: the last one is read seconds after the
    // first record appears, and is deleted in between.
    let last = dir.join(format!("d9/p{:05}.txt", COUNT - 1));
    let child = spawn_tree_run(&dir, &out);
    wait_for_first_record(&out);
    fs::remove_file(&last).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_only_reports(&stderr);
    assert!(
        stderr.contains(&format!(
            "newsclean: {}: no such file or directory\n",
            last.display()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "batch: {} parsed, 1 failed, 0 up to date",
            commas(COUNT - 1)
        )),
        "{stderr}"
    );
    assert_complete_tree(&out, COUNT - 1);
}

/// Sends `signal` (a `kill -s` name) to the child once its first record exists.
fn interrupt(mut child: Child, watch: &Path, signal: &str) {
    wait_for_first_record(watch);
    let status = Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "the run finished before the signal");
}

#[test]
fn sigint_midway_leaves_no_partial_record_and_a_rerun_completes_the_rest() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(tmp.path());
    let out = tmp.path().join("out");
    let child = spawn_tree_run(&dir, &out);
    interrupt(child, &out, "INT");
    assert_no_partial_record(&out);
    let done_before = files_below(&out)
        .iter()
        .filter(|f| f.ends_with(".json"))
        .count();
    assert!(done_before < COUNT);

    let rerun = batch(&[dir.as_os_str(), "--out".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    let stderr = stderr_of(&rerun);
    assert_eq!(rerun.status.code(), Some(0), "{stderr}");
    // Only what was left is parsed; what was written before the signal is up to date.
    assert!(
        stderr.contains(&format!(
            "batch: {} parsed, 0 failed, {} up to date",
            commas(COUNT - done_before),
            commas(done_before)
        )),
        "{stderr}"
    );
    assert_complete_tree(&out, COUNT);
}

#[test]
fn a_killed_jsonl_run_leaves_no_jsonl_file_and_the_next_run_cleans_up() {
    for signal in ["INT", "KILL"] {
        let tmp = TempDir::new().unwrap();
        let dir = pages(tmp.path());
        let jsonl = tmp.path().join("all.jsonl");
        let child = spawn(batch(&[
            "-j1".as_ref(),
            dir.as_os_str(),
            "--jsonl".as_ref(),
            jsonl.as_os_str(),
        ]));
        // The JSON Lines file only appears when complete; wait for its temporary file to grow.
        let started = Instant::now();
        while !files_below(tmp.path()).iter().any(|f| {
            f.starts_with(".all.jsonl.")
                && fs::metadata(tmp.path().join(f)).is_ok_and(|m| m.len() > 0)
        }) {
            assert!(started.elapsed() < Duration::from_secs(60));
            std::thread::sleep(Duration::from_millis(5));
        }
        let mut child = child;
        Command::new("kill")
            .args(["-s", signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(!child.wait().unwrap().success(), "{signal}: finished first");
        assert!(!jsonl.exists(), "{signal}: a partial JSON Lines file");

        let rerun = batch(&[dir.as_os_str(), "--jsonl".as_ref(), jsonl.as_os_str()])
            .output()
            .unwrap();
        assert_eq!(rerun.status.code(), Some(0), "{}", stderr_of(&rerun));
        assert_eq!(fs::read_to_string(&jsonl).unwrap().lines().count(), COUNT);
        let leftovers: Vec<String> = files_below(tmp.path())
            .into_iter()
            .filter(|f| !f.starts_with("pages") && f != "all.jsonl")
            .collect();
        assert!(leftovers.is_empty(), "{signal}: left {leftovers:?}");
    }
}

/// A 256 KiB tmpfs mounted for one test and unmounted when dropped: a real full disk (ENOSPC),
/// where `ulimit -f` gives EFBIG. Mounting needs root, which the CI machine has; elsewhere the
/// tests that use it say so on stderr and return.
struct SmallDisk {
    path: PathBuf,
    _tmp: TempDir,
}

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let uid = Command::new("id").arg("-u").output().ok()?;
        if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
            eprintln!("not root: skipping the tmpfs test (run as root to include it)");
            return None;
        }
        let tmp = TempDir::new().unwrap();
        let path = tmp.path().join("disk");
        fs::create_dir(&path).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(&path)
            .status()
            .unwrap();
        // As root, a failed mount is a failure, not a skip: the test must be able to fail.
        assert!(status.success(), "mount -t tmpfs failed as root");
        Some(SmallDisk { path, _tmp: tmp })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn a_full_disk_ends_a_jsonl_run_with_exit_2_and_fails_only_unwritten_records_in_a_tree() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    // About 1,000 records of a few hundred bytes: well over 256 KiB.
    for n in 0..1000 {
        fs::write(dir.join(format!("p{n:04}.txt")), sample(n)).unwrap();
    }

    let jsonl = disk.path.join("all.jsonl");
    let output = batch(&[dir.as_os_str(), "--jsonl".as_ref(), jsonl.as_os_str()])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "newsclean: {}: cannot write: no space left on device\n",
            jsonl.display()
        )
    );
    assert_eq!(
        files_below(&disk.path),
        Vec::<String>::new(),
        "a file was left"
    );

    let out = disk.path.join("out");
    let output = batch(&[dir.as_os_str(), "--out".as_ref(), out.as_os_str()])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_only_reports(&stderr);
    let failed = stderr
        .lines()
        .filter(|l| l.starts_with("newsclean: "))
        .inspect(|l| assert!(l.ends_with(": no space left on device"), "{l}"))
        .count();
    assert!(failed > 0, "the disk never filled");
    // Whatever was written is whole, and no temporary file is left behind.
    assert_complete_tree(&out, 1000 - failed);
}

#[test]
fn check_bless_into_a_read_only_folder_exits_2_as_batch_does() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let fixture = support::fixture("02-");
    fs::copy(&fixture, disk.path.join("a.txt")).unwrap();
    fs::write(disk.path.join("a.json"), "{}\n").unwrap();
    let status = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.path)
        .status()
        .unwrap();
    assert!(status.success(), "remount read-only failed as root");
    let output = Command::new(BIN)
        .args(["check", "--bless"])
        .arg(&disk.path)
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "newsclean: {}: cannot write: read-only file system\n",
            disk.path.join("a.json").display()
        )
    );
    assert!(String::from_utf8_lossy(&output.stdout).ends_with("0 passed, 1 failed\n"));
}
