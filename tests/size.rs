//! Big inputs, through the binary: a ~20 MB dump on one line, a 200,000-line dump, a 100 MB dump
//! (ignored by default, see below), and a file over the 256 MiB input cap.
//!
//! Each run is watched by a deadline and killed when it passes it, so a parser that turns
//! quadratic on long lines or many lines fails the test instead of hanging the suite. The
//! deadlines are generous for a debug build on a shared two-core machine (the 20 MB and 200k-line
//! cases take about 10 s each there); a linear parser is far inside them, a quadratic one far
//! outside (20 MB squared is hours).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use newsclean::input::MAX_INPUT_BYTES;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_newsclean");

/// A sentence of ordinary words, digits, a dateline-looking caps word and punctuation, so the
/// big dumps exercise the same rules as real text rather than one trivial path.
const SENTENCE: &str = "The ministry said 1,240 flood victims in Kota Tinggi were moved to \
                        relief centres, and PUTRAJAYA would review the plan. ";

struct Finished {
    status: ExitStatus,
    took: Duration,
    stderr: String,
}

/// Runs `newsclean args...` with stdout to `stdout_path`; kills it after `deadline`.
fn run_with_deadline(
    args: &[&std::ffi::OsStr],
    stdout_path: &Path,
    deadline: Duration,
) -> Finished {
    let started = Instant::now();
    let stderr_path = stdout_path.with_extension("stderr");
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .stdout(File::create(stdout_path).unwrap())
        .stderr(File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newsclean {args:?} still running after {deadline:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Finished {
        status,
        took: started.elapsed(),
        stderr: fs::read_to_string(stderr_path).unwrap(),
    }
}

/// Parses `dump` with `parse -c` under the deadline and returns its one record.
fn parse_big(dump: &Path, deadline: Duration) -> serde_json::Value {
    let out = dump.with_extension("json");
    let run = run_with_deadline(
        &["parse".as_ref(), "-c".as_ref(), dump.as_os_str()],
        &out,
        deadline,
    );
    assert!(run.status.success(), "{:?}: {}", run.status, run.stderr);
    eprintln!("{}: parsed in {:.1?}", dump.display(), run.took);
    let text = fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 1, "one record, one line");
    serde_json::from_str(&text).expect("the record is valid JSON")
}

fn body_chars(record: &serde_json::Value) -> usize {
    record["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().len())
        .sum()
}

#[test]
fn a_20_mb_dump_on_one_line_finishes_with_valid_json() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("one-line.txt");
    let mut w = BufWriter::new(File::create(&path).unwrap());
    write!(
        w,
        "\nFlood victims in Kota Tinggi rise to 1,240\nKUALA LUMPUR: "
    )
    .unwrap();
    let mut written = 0;
    while written < 20_000_000 {
        w.write_all(SENTENCE.as_bytes()).unwrap();
        written += SENTENCE.len();
    }
    writeln!(w).unwrap();
    drop(w);

    let record = parse_big(&path, Duration::from_secs(60));
    assert_eq!(record["body"].as_array().unwrap().len(), 1);
    assert!(body_chars(&record) >= 19_000_000, "the line was not kept");
}

#[test]
fn a_200_000_line_dump_finishes_with_valid_json() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("many-lines.txt");
    let mut w = BufWriter::new(File::create(&path).unwrap());
    write!(w, "\nFlood victims in Kota Tinggi rise to 1,240\n").unwrap();
    for n in 0..200_000 {
        // Every third line is unfinished, so link-text rejoining runs all along the body, and
        // every fifth is blank, as on FMT pages.
        match n % 5 {
            0 => writeln!(w).unwrap(),
            1 => writeln!(w, "Line {n} ends in the middle of a sentence with").unwrap(),
            _ => writeln!(w, "{n}: {SENTENCE}").unwrap(),
        }
    }
    drop(w);

    let record = parse_big(&path, Duration::from_secs(60));
    let paragraphs = record["body"].as_array().unwrap().len();
    assert!(paragraphs > 100_000, "only {paragraphs} paragraphs");
}

/// 100 MB as the issue asks: about 50 s in a debug build on two shared cores (measured), which
/// would take this file past its one-minute budget on every `cargo test`. Run it with
/// `cargo test --test size -- --ignored` (add `--release` for a quick run).
#[test]
#[ignore = "about 50 s in a debug build: run with -- --ignored"]
fn a_100_mb_dump_finishes_with_valid_json() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("huge.txt");
    let mut w = BufWriter::new(File::create(&path).unwrap());
    write!(w, "logo\nBig page\n\nBig page\n\nThe Star3 hours ago\n\n").unwrap();
    let mut written = 0;
    let mut n = 0;
    while written < 100_000_000 {
        // Long paragraphs, blank-line separated: 100 MB in about 200,000 lines.
        let para = SENTENCE.repeat(4);
        writeln!(w, "{para}\n").unwrap();
        written += para.len() + 2;
        n += 1;
    }
    drop(w);

    let record = parse_big(&path, Duration::from_secs(300));
    assert_eq!(record["body"].as_array().unwrap().len(), n);
}

#[test]
fn a_file_over_the_input_cap_is_refused_before_it_is_read() {
    let tmp = TempDir::new().unwrap();
    // A sparse file: 256 MiB + 1 byte long, no disk used. It reads as NUL bytes, so a reader
    // that did not check the size first would say `not text` (after reading 256 MiB) instead.
    let path = tmp.path().join("huge.txt");
    File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES + 1)
        .unwrap();
    let good = tmp.path().join("good.txt");
    fs::write(
        &good,
        "\nBridge opens\nKUALA LUMPUR: The bridge opened today.\n",
    )
    .unwrap();

    let out = tmp.path().join("out.json");
    let run = run_with_deadline(
        &[
            "parse".as_ref(),
            "-c".as_ref(),
            path.as_os_str(),
            good.as_os_str(),
        ],
        &out,
        Duration::from_secs(20),
    );
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "newsclean: {}: input too large ({} bytes; the limit is {MAX_INPUT_BYTES} bytes)\n",
            path.display(),
            MAX_INPUT_BYTES + 1
        )
    );
    assert_eq!(
        fs::read_to_string(&out).unwrap().lines().count(),
        1,
        "the good input is printed"
    );
    assert!(
        run.took < Duration::from_secs(5),
        "took {:?}: was it read?",
        run.took
    );
}

#[test]
fn a_file_at_the_input_cap_is_not_refused_for_its_size() {
    let tmp = TempDir::new().unwrap();
    // Exactly at the cap is allowed; being sparse, it then fails as NUL bytes, which proves the
    // size check let it through (and reading 256 MiB of zeros takes well under the deadline).
    let path = tmp.path().join("at-cap.txt");
    File::create(&path)
        .unwrap()
        .set_len(MAX_INPUT_BYTES)
        .unwrap();
    let run = run_with_deadline(
        &["parse".as_ref(), path.as_os_str()],
        &tmp.path().join("out.json"),
        Duration::from_secs(60),
    );
    assert_eq!(run.status.code(), Some(1));
    assert!(
        run.stderr.ends_with(": not text (contains NUL bytes)\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn batch_refuses_a_file_over_the_cap_and_parses_the_rest() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    File::create(dir.join("huge.txt"))
        .unwrap()
        .set_len(MAX_INPUT_BYTES + 1)
        .unwrap();
    fs::write(dir.join("good.txt"), "\nBridge opens\nIPOH: It opened.\n").unwrap();
    let jsonl = tmp.path().join("all.jsonl");
    let run = run_with_deadline(
        &[
            "batch".as_ref(),
            "--no-progress".as_ref(),
            dir.as_os_str(),
            "--jsonl".as_ref(),
            jsonl.as_os_str(),
        ],
        &tmp.path().join("stdout"),
        Duration::from_secs(20),
    );
    assert_eq!(run.status.code(), Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "newsclean: {}: input too large",
            dir.join("huge.txt").display()
        )),
        "{}",
        run.stderr
    );
    // The good record, and an error record for the huge one, in path order.
    let text = fs::read_to_string(&jsonl).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], serde_json::Value::Null);
    assert_eq!(lines[1]["status"], "error");
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .starts_with("input too large"));
}
