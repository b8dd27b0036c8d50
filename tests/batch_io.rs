//! Where `batch` writes and what it takes in, as a user types it: `--jsonl -`, FIFOs, devices,
//! symlinks and process substitution as targets; an `--out` that is the input folder; the OUT
//! manifest (foreign `.json` refused, records remade when options change); failed inputs as
//! error records and `--report`; FIFOs in a folder; two runs into one file; `--glob`, `.gz`,
//! several folders, `--files-from`, `-j` beyond the inputs; and odd file names.
#![cfg(unix)]

use std::fs;
use std::io::Read;
use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

mod support;

use support::{files_below, newsclean, run, summary, Output, MANIFEST};

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

fn sample(n: usize) -> String {
    format!("\nHeadline number {n}\nKUALA LUMPUR: Body sentence {n} of the story.\n")
}

/// Writes `root/rel`, dated an hour ago, so that records written later are strictly newer.
fn dump(root: &Path, rel: &str, text: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    path
}

fn pages(tmp: &TempDir, count: usize) -> PathBuf {
    let dir = tmp.path().join("pages");
    for n in 0..count {
        dump(
            &dir,
            &format!("d{}/p{n:04}.txt", n % 3),
            sample(n).as_bytes(),
        );
    }
    dir
}

fn batch(args: &[&std::ffi::OsStr]) -> Output {
    run(newsclean().arg("batch").arg("--no-progress").args(args))
}

fn jsonl_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The reference bytes: `--jsonl` into a regular file.
fn jsonl_file_bytes(dir: &Path, tmp: &TempDir) -> Vec<u8> {
    let file = tmp.path().join("reference.jsonl");
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), file.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    fs::read(file).unwrap()
}

#[test]
fn jsonl_dash_streams_the_records_to_stdout() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 30);
    let out = newsclean()
        .args(["batch", "--no-progress"])
        .arg(&dir)
        .args(["--jsonl", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, jsonl_file_bytes(&dir, &tmp));
    assert!(!tmp.path().join("-").exists(), "a file named '-' was made");
}

#[test]
fn jsonl_into_a_fifo_is_written_straight_into_it() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 10);
    let fifo = tmp.path().join("records.fifo");
    assert!(StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = Vec::new();
            fs::File::open(fifo)
                .unwrap()
                .read_to_end(&mut text)
                .unwrap();
            text
        })
    };
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), fifo.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(reader.join().unwrap(), jsonl_file_bytes(&dir, &tmp));
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn jsonl_into_a_process_substitution_works() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 10);
    let copy = tmp.path().join("copy.jsonl");
    let status = StdCommand::new("bash")
        .arg("-c")
        .arg(r#""$0" batch --no-progress "$1" --jsonl >(cat > "$2"); wait"#)
        .arg(BIN)
        .arg(&dir)
        .arg(&copy)
        .status()
        .unwrap();
    assert!(status.success());
    // The substituted process may finish just after bash.
    for _ in 0..100 {
        if fs::metadata(&copy).is_ok_and(|m| m.len() > 0) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(fs::read(&copy).unwrap(), jsonl_file_bytes(&dir, &tmp));
}

#[test]
fn dev_stdout_redirected_to_a_file_fills_that_file() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 10);
    let redirected = tmp.path().join("redirected.jsonl");
    let out = StdCommand::new(BIN)
        .args(["batch", "--no-progress"])
        .arg(&dir)
        .args(["--jsonl", "/dev/stdout"])
        .stdout(fs::File::create(&redirected).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(fs::symlink_metadata("/dev/stdout")
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read(&redirected).unwrap(), jsonl_file_bytes(&dir, &tmp));
}

#[test]
fn a_device_node_is_written_into_not_replaced() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 5);
    let node = tmp.path().join("null");
    // A private /dev/null (needs root); elsewhere, say so and skip.
    let made = StdCommand::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: cannot mknod (not root)");
        return;
    }
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), node.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::metadata(&node).unwrap().file_type().is_char_device());
}

#[test]
fn a_symlinked_target_is_followed_and_the_link_kept() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 5);
    let real = tmp.path().join("real.jsonl");
    fs::write(&real, "old\n").unwrap();
    let link = tmp.path().join("link.jsonl");
    symlink("real.jsonl", &link).unwrap();
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), link.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read(&real).unwrap(), jsonl_file_bytes(&dir, &tmp));

    // A dangling link: its target is created.
    let dangling = tmp.path().join("dangling.jsonl");
    symlink("new.jsonl", &dangling).unwrap();
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), dangling.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::symlink_metadata(&dangling)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read(tmp.path().join("new.jsonl")).unwrap(),
        fs::read(&real).unwrap()
    );
}

#[test]
fn out_that_is_the_input_folder_is_refused() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("fixtures");
    dump(&dir, "a.txt", sample(1).as_bytes());
    fs::write(dir.join("a.json"), "{\"hand\": \"written\"}\n").unwrap();
    symlink("fixtures", tmp.path().join("alias")).unwrap();
    for out_dir in [dir.clone(), tmp.path().join("alias"), dir.join(".")] {
        let out = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("--out is the input folder"),
            "{}",
            out.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("a.json")).unwrap(),
        "{\"hand\": \"written\"}\n"
    );
    assert_eq!(files_below(&dir), ["a.json", "a.txt"]);
}

#[test]
fn foreign_json_in_out_is_refused_unless_force() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 3);
    let out_dir = tmp.path().join("out");
    fs::create_dir_all(out_dir.join("d0")).unwrap();
    fs::write(out_dir.join("d0/p0000.json"), "{\"golden\": true}\n").unwrap();

    let out = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim_end(),
        format!(
            "newsclean: {}: holds 1 .json file newsclean did not write (such as d0/p0000.json), \
             which a run would overwrite; choose another folder, or --force to overwrite them",
            out_dir.display()
        )
    );
    assert_eq!(
        fs::read_to_string(out_dir.join("d0/p0000.json")).unwrap(),
        "{\"golden\": true}\n"
    );

    let forced = batch(&[
        "--force".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    // Now the record is newsclean's: a plain re-run accepts the folder.
    let again = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        summary(&again.stderr),
        "batch: 0 parsed, 0 failed, 3 up to date"
    );
}

#[test]
fn a_report_kept_in_out_is_not_foreign() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 2);
    let out_dir = tmp.path().join("out");
    let report = out_dir.join("run.json");
    for _ in 0..2 {
        let out = batch(&[
            dir.as_os_str(),
            "--out".as_ref(),
            out_dir.as_os_str(),
            "--report".as_ref(),
            report.as_os_str(),
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    // Without --report naming it, it is a .json newsclean's manifest does not list.
    let out = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("(such as run.json)"), "{}", out.stderr);
}

#[test]
fn changed_options_or_rules_remake_records_that_are_newer_than_their_dumps() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 3);
    let out_dir = tmp.path().join("out");
    let go = |extra: &[&str]| {
        let mut args: Vec<&std::ffi::OsStr> = extra.iter().map(|a| a.as_ref()).collect();
        args.extend([dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
        batch(&args)
    };
    assert_eq!(go(&[]).code, 0);
    assert_eq!(
        summary(&go(&[]).stderr),
        "batch: 0 parsed, 0 failed, 3 up to date"
    );

    let compact = go(&["-c"]);
    assert_eq!(compact.code, 0, "{}", compact.stderr);
    assert_eq!(
        summary(&compact.stderr),
        "batch: 0 parsed, 0 failed, 0 up to date, 3 remade (options changed)"
    );
    let record = fs::read_to_string(out_dir.join("d0/p0000.json")).unwrap();
    assert_eq!(record.lines().count(), 1, "not remade compact");
    assert_eq!(
        summary(&go(&["-c"]).stderr),
        "batch: 0 parsed, 0 failed, 3 up to date"
    );

    let rules = tmp.path().join("rules.json");
    fs::write(&rules, r#"{"chrome_lines": ["Share this article"]}"#).unwrap();
    let with_rules = go(&["-c", "--rules", rules.to_str().unwrap()]);
    assert_eq!(
        summary(&with_rules.stderr),
        "batch: 0 parsed, 0 failed, 0 up to date, 3 remade (options changed)"
    );

    let manifest = fs::read_to_string(out_dir.join(MANIFEST)).unwrap();
    let entries: Vec<Value> = jsonl_lines(&manifest)[1..].to_vec();
    assert_eq!(entries.len(), 3, "{manifest}");
    let made_with = entries[0]["made_with"].as_str().unwrap();
    assert!(made_with.starts_with("newsclean "), "{made_with}");
    assert!(made_with.contains("; compact"), "{made_with}");
}

/// The keys `stream` gives an error line, in its order.
const ERROR_KEYS: [&str; 5] = ["input", "id", "status", "error", "metadata"];

#[test]
fn failed_inputs_are_error_records_in_jsonl_and_listed_in_the_report() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, "b.txt", b"");
    dump(
        &dir,
        "c.txt",
        b"Only a line that starts mid-page and goes on\n",
    );
    let jsonl = tmp.path().join("all.jsonl");
    let report = tmp.path().join("report.json");
    let out = batch(&[
        dir.as_os_str(),
        "--jsonl".as_ref(),
        jsonl.as_os_str(),
        "--report".as_ref(),
        report.as_os_str(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = fs::read_to_string(&jsonl).unwrap();
    let lines = jsonl_lines(&text);
    assert_eq!(lines.len(), 3);
    let error = lines[1].as_object().unwrap();
    assert_eq!(error.keys().collect::<Vec<_>>(), ERROR_KEYS);
    assert_eq!(error["input"], dir.join("b.txt").display().to_string());
    assert_eq!(error["status"], "error");
    assert_eq!(error["error"], "empty input");
    assert_eq!(error["id"], Value::Null);

    let report: Value = serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["inputs"], 3);
    assert_eq!(report["parsed"], 2);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["up_to_date"], 0);
    assert_eq!(
        report["failures"],
        serde_json::json!([{"input": dir.join("b.txt").display().to_string(), "error": "empty input"}])
    );
    assert!(report["seconds"].is_number());
    let warned: u64 = report["warnings"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    let expected: usize = lines
        .iter()
        .filter_map(|l| l["warnings"].as_array())
        .map(Vec::len)
        .sum();
    assert_eq!(warned as usize, expected);
    assert!(report["newsclean"].as_str().unwrap().contains("rules "));
}

#[test]
fn fifos_in_a_folder_are_reported_and_counted_not_read() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 2);
    let fifo = dir.join("stuck.txt");
    assert!(StdCommand::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let out_dir = tmp.path().join("out");
    let out = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "newsclean: {}: not a regular file (a FIFO, socket or device); not read",
            fifo.display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        summary(&out.stderr),
        "batch: 2 parsed, 1 failed, 0 up to date"
    );
}

#[test]
fn two_jsonl_runs_into_one_file_both_finish_whole() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 1500);
    let want = jsonl_file_bytes(&dir, &tmp);
    let jsonl = tmp.path().join("shared.jsonl");
    for _ in 0..3 {
        let start = || {
            StdCommand::new(BIN)
                .args(["batch", "--no-progress", "-j1"])
                .arg(&dir)
                .arg("--jsonl")
                .arg(&jsonl)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (start(), start());
        for child in [first, second] {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(fs::read(&jsonl).unwrap() == want, "the file is not whole");
    }
    let leftovers: Vec<String> = files_below(tmp.path())
        .into_iter()
        .filter(|f| f.contains("newsclean-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn glob_chooses_the_dumps_and_gz_dumps_are_taken_by_default() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    dump(&dir, "a.txt", sample(1).as_bytes());
    dump(&dir, "UPPER.TXT", sample(2).as_bytes());
    dump(&dir, "noext", sample(3).as_bytes());
    let gz = dump(&dir, "z.txt", sample(4).as_bytes());
    assert!(StdCommand::new("gzip").arg(&gz).status().unwrap().success());

    let out_dir = tmp.path().join("out");
    let out = batch(&[dir.as_os_str(), "--out".as_ref(), out_dir.as_os_str()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(files_below(&out_dir), ["a.json", "z.json"]);
    let record: Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("z.json")).unwrap()).unwrap();
    assert_eq!(record["input"], dir.join("z.txt.gz").display().to_string());

    let all = tmp.path().join("all");
    let out = batch(&[
        dir.as_os_str(),
        "--glob".as_ref(),
        "*.TXT".as_ref(),
        "--glob".as_ref(),
        "noext".as_ref(),
        "--out".as_ref(),
        all.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(files_below(&all), ["UPPER.json", "noext.json"]);
}

#[test]
fn several_folders_go_in_argument_order_and_never_overwrite_each_other() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    dump(&a, "x.txt", sample(1).as_bytes());
    dump(&a, "only-a.txt", sample(2).as_bytes());
    dump(&b, "x.txt", sample(3).as_bytes());
    let jsonl = tmp.path().join("all.jsonl");
    let out = batch(&[
        b.as_os_str(),
        a.as_os_str(),
        "--jsonl".as_ref(),
        jsonl.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let inputs: Vec<String> = jsonl_lines(&fs::read_to_string(&jsonl).unwrap())
        .iter()
        .map(|r| r["input"].as_str().unwrap().to_string())
        .collect();
    let shown = |p: PathBuf| p.display().to_string();
    assert_eq!(
        inputs,
        [
            shown(b.join("x.txt")),
            shown(a.join("only-a.txt")),
            shown(a.join("x.txt"))
        ]
    );

    let out_dir = tmp.path().join("out");
    let out = batch(&[
        b.as_os_str(),
        a.as_os_str(),
        "--out".as_ref(),
        out_dir.as_os_str(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "newsclean: {}: another input also writes x.json; not overwritten",
            a.join("x.txt").display()
        )),
        "{}",
        out.stderr
    );
    let record: Value =
        serde_json::from_str(&fs::read_to_string(out_dir.join("x.json")).unwrap()).unwrap();
    assert_eq!(record["input"], shown(b.join("x.txt")));
}

#[test]
fn files_from_feeds_batch_a_list() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 4);
    let list = "pages/d1/p0001.txt\0pages/d0/p0000.txt\0";
    let jsonl = tmp.path().join("listed.jsonl");
    let out = run(newsclean()
        .current_dir(tmp.path())
        .args([
            "batch",
            "--no-progress",
            "--files-from",
            "-",
            "-0",
            "--jsonl",
        ])
        .arg(&jsonl)
        .write_stdin(list));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let inputs: Vec<Value> = jsonl_lines(&fs::read_to_string(&jsonl).unwrap())
        .iter()
        .map(|r| r["input"].clone())
        .collect();
    assert_eq!(inputs, ["pages/d1/p0001.txt", "pages/d0/p0000.txt"]);

    let out_dir = tmp.path().join("out");
    let out = run(newsclean()
        .current_dir(tmp.path())
        .args(["batch", "--no-progress", "--files-from", "-", "--out"])
        .arg(&out_dir)
        .write_stdin(format!(
            "pages/d0/p0000.txt\n{}\n",
            dir.join("d1/p0001.txt").display()
        )));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(files_below(&out_dir), ["pages/d0/p0000.json"]);
    assert!(
        out.stderr.contains("no place under --out"),
        "{}",
        out.stderr
    );
}

#[test]
fn jobs_beyond_the_inputs_start_no_more_threads_than_inputs() {
    let tmp = TempDir::new().unwrap();
    let dir = pages(&tmp, 1);
    let jsonl = tmp.path().join("one.jsonl");
    // Uncapped, a pool of a million threads cannot even start.
    let out = batch(&[
        "-j".as_ref(),
        "1000000".as_ref(),
        dir.as_os_str(),
        "--jsonl".as_ref(),
        jsonl.as_os_str(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        summary(&out.stderr),
        "batch: 1 parsed, 0 failed, 0 up to date"
    );
}

#[test]
fn odd_file_names_are_escaped_in_messages_and_kept_apart_in_input() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("bad\nname\x1b[31m.txt"), b"").unwrap();
    fs::write(dir.join(OsStr::from_bytes(b"caf\xe9.txt")), sample(1)).unwrap();
    fs::write(dir.join(OsStr::from_bytes(b"caf\xe8.txt")), sample(2)).unwrap();
    let jsonl = tmp.path().join("all.jsonl");
    let out = batch(&[dir.as_os_str(), "--jsonl".as_ref(), jsonl.as_os_str()]);
    assert_eq!(out.code, 1);
    let errors: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{:?}", out.stderr);
    assert_eq!(
        errors[0],
        format!(
            "newsclean: {}/bad\\nname\\x1b[31m.txt: empty input",
            dir.display()
        )
    );
    assert!(!out.stderr.contains('\x1b'));
    let inputs: Vec<String> = jsonl_lines(&fs::read_to_string(&jsonl).unwrap())
        .iter()
        .map(|r| r["input"].as_str().unwrap().to_string())
        .collect();
    let d = dir.display();
    assert_eq!(
        inputs,
        [
            format!("{d}/bad\nname\x1b[31m.txt"),
            format!("{d}/caf\\xe8.txt"),
            format!("{d}/caf\\xe9.txt"),
        ]
    );
}
