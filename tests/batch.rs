//! `newsclean batch` end to end: the mirrored tree, the JSON Lines file, bad inputs, exit codes,
//! re-runs, and what an interrupted run leaves behind.
//!
//! The parser is being rewritten, so no test here depends on what a record says: outputs are
//! compared with `newsclean parse` of the same file, or only checked to be JSON.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, SystemTime};

use tempfile::TempDir;

mod support;

use support::{files_below, newsclean, run, summary, Output};

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

/// A small made-up dump; `n` makes each one different.
fn sample(n: usize) -> String {
    format!("\nHeadline number {n}\nKUALA LUMPUR: Body sentence {n} of the story.\n")
}

/// Writes `root/rel` with `text`, dated an hour ago, so that outputs written by a run are always
/// strictly newer whatever the file system's timestamp granularity.
fn dump(root: &Path, rel: &str, text: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    set_mtime(&path, SystemTime::now() - Duration::from_secs(3600));
    path
}

fn set_mtime(path: &Path, when: SystemTime) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(when).unwrap();
}

/// `newsclean batch FLAGS... DIR TO TARGET`, where TO is `--out` or `--jsonl`.
fn batch(flags: &[&str], dir: &Path, to: &str, target: &Path) -> Output {
    run(newsclean()
        .arg("batch")
        .args(flags)
        .arg(dir)
        .arg(to)
        .arg(target))
}

fn batch_out(dir: &Path, out: &Path) -> Output {
    batch(&[], dir, "--out", out)
}

fn batch_jsonl(dir: &Path, file: &Path) -> Output {
    batch(&[], dir, "--jsonl", file)
}

fn parse_stdout(path: &Path, compact: bool) -> Vec<u8> {
    let mut cmd = newsclean();
    cmd.arg("parse");
    if compact {
        cmd.arg("-c");
    }
    cmd.arg(path).output().unwrap().stdout
}

#[test]
fn out_mirrors_the_tree_with_the_records_parse_prints() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "x.txt", sample(1).as_bytes());
    dump(&dir, "a/b.txt", sample(2).as_bytes());
    dump(&dir, "a/c/d.txt", sample(3).as_bytes());

    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stdout, "");
    assert_eq!(files_below(&out), ["a/b.json", "a/c/d.json", "x.json"]);
    for rel in ["x", "a/b", "a/c/d"] {
        let written = fs::read(out.join(format!("{rel}.json"))).unwrap();
        let parsed = parse_stdout(&dir.join(format!("{rel}.txt")), false);
        assert_eq!(written, parsed, "{rel}.json differs from `newsclean parse`");
    }
    assert_eq!(
        summary(&result.stderr),
        "batch: 3 parsed, 0 failed, 0 up to date"
    );
}

#[test]
fn compact_flag_writes_one_line_records() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    let input = dump(&dir, "a.txt", sample(1).as_bytes());
    let result = batch(&["-c"], &dir, "--out", &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        fs::read(out.join("a.json")).unwrap(),
        parse_stdout(&input, true)
    );
}

#[test]
fn jsonl_lists_records_in_path_order() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let jsonl = tmp.path().join("all.jsonl");
    // Walk order and creation order both differ from path order here.
    let rels = ["b.txt", "a/z.txt", "a.txt", "a/b/c.txt"];
    for (n, rel) in rels.iter().enumerate() {
        dump(&dir, rel, sample(n).as_bytes());
    }
    let result = batch_jsonl(&dir, &jsonl);
    assert_eq!(result.code, 0, "{}", result.stderr);

    let mut expected = Vec::new();
    for rel in ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt"] {
        expected.extend(parse_stdout(&dir.join(rel), true));
    }
    assert_eq!(
        String::from_utf8(fs::read(&jsonl).unwrap()).unwrap(),
        String::from_utf8(expected).unwrap()
    );
    assert_eq!(
        files_below(tmp.path()).len(),
        rels.len() + 1,
        "a temp file was left"
    );
}

#[test]
fn jsonl_is_byte_identical_whatever_the_job_count() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    // More than one chunk of parallel work, in nested folders.
    for n in 0..2500 {
        dump(&dir, &format!("d{}/p{n}.txt", n % 7), sample(n).as_bytes());
    }
    let one = tmp.path().join("one.jsonl");
    let four = tmp.path().join("four.jsonl");
    let r1 = batch(&["-j1"], &dir, "--jsonl", &one);
    let r4 = batch(&["-j4"], &dir, "--jsonl", &four);
    assert_eq!((r1.code, r4.code), (0, 0), "{}{}", r1.stderr, r4.stderr);
    // A drawn progress bar makes the run count its inputs first: the records stay the same.
    let barred = tmp.path().join("barred.jsonl");
    let rb = batch(&["-j2", "--progress"], &dir, "--jsonl", &barred);
    assert_eq!(rb.code, 0, "{}", rb.stderr);
    assert!(
        rb.stderr.contains("/2,500 "),
        "the bar has no total: {}",
        rb.stderr
    );
    let (one, four) = (fs::read(&one).unwrap(), fs::read(&four).unwrap());
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 2500);
    assert!(one == four, "-j1 and -j4 wrote different bytes");
    assert!(
        one == fs::read(&barred).unwrap(),
        "--progress changed the records"
    );
    // Walked a chunk at a time, the records are still in path order across chunk boundaries.
    let inputs: Vec<PathBuf> = String::from_utf8(one)
        .unwrap()
        .lines()
        .map(|l| {
            PathBuf::from(
                serde_json::from_str::<serde_json::Value>(l).unwrap()["input"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert!(inputs.windows(2).all(|w| w[0] < w[1]), "not in path order");
    assert_eq!(
        summary(&r4.stderr),
        "batch: 2,500 parsed, 0 failed, 0 up to date"
    );
}

#[cfg(unix)]
#[test]
fn bad_files_are_named_and_counted_but_do_not_stop_the_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "good1.txt", sample(1).as_bytes());
    dump(&dir, "sub/good2.txt", sample(2).as_bytes());
    dump(&dir, "empty.txt", b"");
    dump(&dir, "blank.txt", b"  \n\t\n");
    dump(&dir, "sub/binary.txt", b"head\0line\n");
    std::os::unix::fs::symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();

    // chmod 000 stops everyone but root, who reads anything: only count it when it bites.
    let locked = dump(&dir, "locked.txt", sample(3).as_bytes());
    let locked_is_unreadable = lock(&locked);

    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let shown = |rel: &str| format!("newsclean: {}: ", dir.join(rel).display());
    for (rel, reason) in [
        ("empty.txt", "empty input"),
        ("blank.txt", "blank input"),
        ("sub/binary.txt", "not text"),
        ("dangling.txt", ""),
    ] {
        let line = result
            .stderr
            .lines()
            .find(|l| l.starts_with(&shown(rel)))
            .unwrap_or_else(|| panic!("{rel} not reported in:\n{}", result.stderr));
        assert!(line.contains(reason), "{line}");
    }
    let (parsed, failed) = if locked_is_unreadable {
        assert!(result
            .stderr
            .contains(&format!("{}permission denied", shown("locked.txt"))));
        (2, 5)
    } else {
        (3, 4)
    };
    assert_eq!(
        summary(&result.stderr),
        format!("batch: {parsed} parsed, {failed} failed, 0 up to date")
    );
    assert!(out.join("good1.json").is_file());
    assert!(out.join("sub/good2.json").is_file());
    assert!(!out.join("empty.json").exists());
    // Inputs are never modified.
    assert_eq!(fs::read(dir.join("empty.txt")).unwrap(), b"");
    unlock(&locked);
}

#[cfg(unix)]
fn lock(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
    fs::read(path).is_err()
}

#[cfg(unix)]
fn unlock(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn missing_dir_exits_2() {
    let tmp = TempDir::new().unwrap();
    let result = batch_out(&tmp.path().join("nope"), &tmp.path().join("out"));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.starts_with("newsclean: "),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("no such file or directory"));
}

#[test]
fn dir_that_is_a_file_exits_2() {
    let tmp = TempDir::new().unwrap();
    let file = dump(tmp.path(), "a.txt", sample(1).as_bytes());
    let result = batch_out(&file, &tmp.path().join("out"));
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("not a directory"),
        "{}",
        result.stderr
    );
}

#[test]
fn out_that_cannot_be_created_exits_2_before_parsing() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    dump(&dir, "a.txt", sample(1).as_bytes());
    let out = tmp.path().join("taken");
    fs::write(&out, "a file, not a folder").unwrap();
    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("cannot create output folder"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.contains("batch:"),
        "no summary when nothing was done"
    );
}

#[test]
fn jsonl_in_a_missing_folder_exits_2() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    dump(&dir, "a.txt", sample(1).as_bytes());
    let jsonl = tmp.path().join("no/such/folder/all.jsonl");
    let result = batch_jsonl(&dir, &jsonl);
    assert_eq!(result.code, 2);
    assert!(result.stderr.contains("cannot write"), "{}", result.stderr);
}

#[test]
fn batch_needs_out_or_jsonl() {
    let tmp = TempDir::new().unwrap();
    let result = run(newsclean().arg("batch").arg(tmp.path()));
    assert_eq!(result.code, 2);
}

#[test]
fn an_output_that_cannot_be_written_fails_that_input_only() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, "b.txt", sample(2).as_bytes());
    // A folder where a.json should go: the rename over it fails, as a full disk would.
    fs::create_dir_all(out.join("a.json/inside")).unwrap();
    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 1, "{}", result.stderr);
    let prefix = format!("newsclean: {}: cannot write ", dir.join("a.txt").display());
    assert!(result.stderr.contains(&prefix), "{}", result.stderr);
    assert_eq!(
        summary(&result.stderr),
        "batch: 1 parsed, 1 failed, 0 up to date"
    );
    assert_eq!(files_below(&out), ["b.json"], "a temp file was left");
}

#[test]
fn rerun_skips_outputs_newer_than_inputs() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, "b/c.txt", sample(2).as_bytes());
    dump(&dir, "d.txt", sample(3).as_bytes());
    assert_eq!(batch_out(&dir, &out).code, 0);

    let again = batch_out(&dir, &out);
    assert_eq!(again.code, 0);
    assert_eq!(
        summary(&again.stderr),
        "batch: 0 parsed, 0 failed, 3 up to date"
    );

    // An input edited after its output was written is parsed again.
    fs::write(dir.join("d.txt"), sample(4)).unwrap();
    set_mtime(
        &dir.join("d.txt"),
        SystemTime::now() + Duration::from_secs(60),
    );
    let edited = batch_out(&dir, &out);
    assert_eq!(
        summary(&edited.stderr),
        "batch: 1 parsed, 0 failed, 2 up to date"
    );
    assert_eq!(
        fs::read(out.join("d.json")).unwrap(),
        parse_stdout(&dir.join("d.txt"), false)
    );
}

#[test]
fn force_redoes_up_to_date_inputs() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, "b.txt", sample(2).as_bytes());
    assert_eq!(batch_out(&dir, &out).code, 0);
    let forced = batch(&["--force"], &dir, "--out", &out);
    assert_eq!(forced.code, 0);
    assert_eq!(
        summary(&forced.stderr),
        "batch: 2 parsed, 0 failed, 0 up to date"
    );
}

#[test]
fn jsonl_is_always_remade() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let jsonl = tmp.path().join("all.jsonl");
    dump(&dir, "a.txt", sample(1).as_bytes());
    for _ in 0..2 {
        let result = batch_jsonl(&dir, &jsonl);
        assert_eq!(
            summary(&result.stderr),
            "batch: 1 parsed, 0 failed, 0 up to date"
        );
    }
}

#[test]
fn out_inside_dir_is_never_read_as_input() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = dir.join("out");
    dump(&dir, "a.txt", sample(1).as_bytes());
    // Someone left a dump in the output folder; it must not become out/out/planted.json.
    dump(&out, "planted.txt", sample(2).as_bytes());
    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(
        summary(&result.stderr),
        "batch: 1 parsed, 0 failed, 0 up to date"
    );
    assert_eq!(files_below(&out), ["a.json", "planted.txt"]);

    let again = batch_out(&dir, &out);
    assert_eq!(
        summary(&again.stderr),
        "batch: 0 parsed, 0 failed, 1 up to date"
    );
}

#[test]
fn hidden_files_folders_and_other_extensions_are_skipped() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, ".hidden.txt", sample(2).as_bytes());
    dump(&dir, ".git/objects/b.txt", sample(3).as_bytes());
    dump(&dir, "notes.md", sample(4).as_bytes());
    dump(&dir, "c.txt.bak", sample(5).as_bytes());
    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(files_below(&out), ["a.json"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_skipped() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a/b.txt", sample(1).as_bytes());
    std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(files_below(&out), ["a/b.json"]);
}

#[test]
fn stale_temp_files_are_removed_by_the_next_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    dump(&dir, "a/b.txt", sample(1).as_bytes());
    fs::create_dir_all(out.join("a")).unwrap();
    fs::write(out.join("a/.b.json.newsclean-tmp-x1y2z3"), "{\"half").unwrap();
    let jsonl = tmp.path().join("all.jsonl");
    fs::write(
        tmp.path().join(".all.jsonl.newsclean-tmp-q9w8e7"),
        "{\"half",
    )
    .unwrap();

    assert_eq!(batch_out(&dir, &out).code, 0);
    assert_eq!(files_below(&out), ["a/b.json"]);

    let result = batch_jsonl(&dir, &jsonl);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(!tmp.path().join(".all.jsonl.newsclean-tmp-q9w8e7").exists());
}

#[test]
fn killed_run_leaves_no_partial_or_temp_file_after_the_next_run() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    let out = tmp.path().join("out");
    const COUNT: usize = 3000;
    for n in 0..COUNT {
        dump(&dir, &format!("d{}/p{n}.txt", n % 10), sample(n).as_bytes());
    }
    let mut child = StdCommand::new(BIN)
        .arg("batch")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    // SIGKILL on unix: no chance to clean up, as after a crash or the OOM killer.
    let _ = child.kill();
    child.wait().unwrap();

    let result = batch_out(&dir, &out);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let files = files_below(&out);
    assert_eq!(files.len(), COUNT, "missing outputs or leftover temp files");
    for rel in &files {
        assert!(rel.ends_with(".json"), "unexpected file {rel}");
        let text = fs::read_to_string(out.join(rel)).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"));
    }
}

#[test]
fn progress_can_be_forced_onto_a_pipe_without_hiding_the_summary() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    dump(&dir, "a.txt", sample(1).as_bytes());
    let result = batch(&["--progress"], &dir, "--out", &tmp.path().join("out"));
    assert_eq!(result.code, 0);
    assert_eq!(
        summary(&result.stderr),
        "batch: 1 parsed, 0 failed, 0 up to date"
    );
    assert!(
        !result.stderr.contains('\x1b'),
        "cursor codes in a log: {:?}",
        result.stderr
    );
}
