//! `newsclean stream` end to end: the one-line-in, one-line-out contract that Spark, Hadoop
//! Streaming and GNU parallel rely on (SPEC, `stream`).
//!
//! These tests hold whatever the parser makes of a text: they check positions, ids, statuses and
//! pass-through keys, and compare ok records with what `parse -c` makes of the same text, never
//! with hand-written headlines.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command as StdCommand, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command;
use serde_json::{json, Value};

/// The keys stream appends after the record's own.
const APPENDED: [&str; 4] = ["id", "status", "error", "metadata"];

fn stream(args: &[&str], input: impl Into<Vec<u8>>) -> std::process::Output {
    Command::cargo_bin("newsclean")
        .unwrap()
        .arg("stream")
        .args(args)
        .write_stdin(input.into())
        .output()
        .unwrap()
}

/// Runs stream, insists on exit 0 and a quiet stderr, and returns the output lines as JSON.
fn stream_ok(args: &[&str], input: impl Into<Vec<u8>>) -> Vec<Value> {
    let out = stream(args, input);
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("stream output is UTF-8");
    assert!(text.is_empty() || text.ends_with('\n'));
    text.lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn dump(i: usize) -> String {
    format!(
        "\nCouncil approves plan number {i}\nKUALA LUMPUR: The council approved plan {i} today.\n\
         Work starts next month, officials said.\n"
    )
}

fn jsonl(values: &[Value]) -> String {
    values.iter().map(|v| format!("{v}\n")).collect()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn two_thousand_records_with_one_malformed_line_come_back_in_order() {
    let bad = 1234; // 1-based
    let mut input = String::new();
    for i in 1..=2000 {
        if i == bad {
            input.push_str("{\"id\": 1234, \"text\": \"cut off\n");
        } else {
            input.push_str(&json!({"id": i, "text": dump(i)}).to_string());
            input.push('\n');
        }
    }
    let lines = stream_ok(&["-j2"], input);
    assert_eq!(lines.len(), 2000);
    for (at, line) in lines.iter().enumerate() {
        let i = at + 1;
        if i == bad {
            assert_eq!(line["status"], "error");
            assert_eq!(line["input"], "1234");
            assert_eq!(line["id"], Value::Null);
            let error = line["error"].as_str().unwrap();
            assert!(error.starts_with("not valid JSON"), "error: {error}");
        } else {
            assert_eq!(line["status"], "ok", "line {i}: {line}");
            assert_eq!(line["id"], json!(i));
            assert_eq!(line["input"], i.to_string());
        }
    }
    let errors = lines.iter().filter(|l| l["status"] == "error").count();
    assert_eq!(errors, 1);
}

#[test]
fn ids_are_echoed_with_their_types() {
    let input = jsonl(&[
        json!({"id": 7, "text": dump(1)}),
        json!({"id": "pages/a.txt", "text": dump(2)}),
        json!({"text": dump(3)}),
        json!({"id": null, "text": dump(4)}),
        json!({"id": -3, "text": dump(5)}),
    ]);
    let lines = stream_ok(&[], input);
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &json!(7),
            &json!("pages/a.txt"),
            &Value::Null,
            &Value::Null,
            &json!(-3)
        ]
    );
    let inputs: Vec<&str> = lines.iter().map(|l| l["input"].as_str().unwrap()).collect();
    // Without an id, `input` is the 1-based line number.
    assert_eq!(inputs, ["7", "pages/a.txt", "3", "4", "-3"]);
    assert!(lines.iter().all(|l| l["status"] == "ok"));
}

#[test]
fn other_keys_are_passed_through_in_metadata_in_their_order() {
    let input = "{\"url\": \"https://example.com/a\", \"text\": \"Head\\nBody.\", \"zeta\": 1, \
                 \"id\": 3, \"alpha\": {\"nested\": [1, 2]}}\n{\"text\": \"Head\\nBody.\"}\n";
    let lines = stream_ok(&[], input);
    let meta = &lines[0]["metadata"];
    assert_eq!(
        meta,
        &json!({"url": "https://example.com/a", "zeta": 1, "alpha": {"nested": [1, 2]}})
    );
    assert_eq!(keys(meta), ["url", "zeta", "alpha"]);
    assert_eq!(lines[1]["metadata"], json!({}));
}

#[test]
fn ok_records_are_parse_records_followed_by_the_stream_keys() {
    let text = dump(9);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, &text).unwrap();
    for explain in [false, true] {
        let mut parse = Command::cargo_bin("newsclean").unwrap();
        parse.arg("parse").arg("-c").arg(&file);
        let mut args = vec![];
        if explain {
            parse.arg("--explain");
            args.push("--explain");
        }
        let parsed = parse.output().unwrap();
        assert!(parsed.status.success());
        let mut expected: Value = serde_json::from_slice(&parsed.stdout).unwrap();

        let lines = stream_ok(&args, format!("{}\n", json!({"id": "a", "text": text})));
        let mut got = lines[0].clone();
        let mut got_keys = keys(&got);
        let tail = got_keys.split_off(got_keys.len() - APPENDED.len());
        assert_eq!(tail, APPENDED);
        assert_eq!(
            got_keys,
            keys(&expected),
            "the record's keys, in SPEC order"
        );
        assert_eq!(got["error"], Value::Null);
        for k in APPENDED {
            got.as_object_mut().unwrap().remove(k);
        }
        expected["input"] = json!("a");
        assert_eq!(got, expected, "explain: {explain}");
    }
}

#[test]
fn bad_lines_become_error_records_and_the_stream_goes_on() {
    let mut input = Vec::new();
    let mut push = |line: &[u8]| {
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    push(br#"{"id": 1, "text": "Head\nBody."}"#);
    push(br#"{"id": 2, "url": "u"}"#); // missing text
    push(br#"["not", "an", "object"]"#);
    push(b""); // blank
    push(b"   \t ");
    push(br#"{"id": 6, "text": "Head\u0000Body"}"#); // NUL in the text
    push(br#"{"id": 7, "text": ""}"#);
    push(br#"{"id": 8, "text": "  \n  "}"#);
    push(br#"{"id": 9, "text": 42}"#);
    push(br#"{"id": [9], "text": "Head"}"#);
    push(b"{\"id\": 11, \"text\": \"caf\xe9\"}"); // invalid UTF-8
    push(b"not json at all");
    push(br#"{"id": 13, "text": "Head\nLast."}"#);

    let lines = stream_ok(&[], input);
    assert_eq!(lines.len(), 13);
    let status: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(status[0], "ok");
    assert_eq!(status[12], "ok");
    assert!(status[1..12].iter().all(|s| *s == "error"), "{status:?}");

    let error = |i: usize| lines[i]["error"].as_str().unwrap().to_string();
    assert_eq!(error(1), "no `text` key");
    assert_eq!(lines[1]["metadata"], json!({"url": "u"}));
    assert_eq!(lines[1]["id"], json!(2));
    assert_eq!(error(2), "not a JSON object (found an array)");
    assert_eq!(error(3), "blank line");
    assert_eq!(error(4), "blank line");
    assert_eq!(error(5), "not text (contains NUL bytes)");
    assert_eq!(error(6), "empty input");
    assert!(error(7).starts_with("blank input"), "{}", error(7));
    assert_eq!(error(8), "`text` must be a string, not a number");
    assert_eq!(error(9), "`id` must be a number or a string, not an array");
    assert_eq!(lines[9]["id"], json!([9]), "a bad id is still echoed");
    assert!(error(10).starts_with("not valid UTF-8"));
    assert!(error(11).starts_with("not valid JSON"));

    // An error record is the five keys every line has, and nothing else.
    for line in &lines[1..12] {
        assert_eq!(keys(line), ["input", "id", "status", "error", "metadata"]);
    }
    // Where there is an id, it names the input; otherwise the line number does.
    assert_eq!(lines[5]["input"], "6");
    assert_eq!(lines[2]["input"], "3");
    assert_eq!(lines[9]["input"], "10");
}

#[test]
fn crlf_lines_a_byte_order_mark_and_a_last_line_without_newline_are_read() {
    let input = b"\xef\xbb\xbf{\"id\": 1, \"text\": \"Head\"}\r\n{\"id\": 2, \"text\": \"Head\"}";
    let lines = stream_ok(&[], input.to_vec());
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["status"] == "ok"));
}

#[test]
fn an_empty_stream_gives_no_output_and_success() {
    assert!(stream_ok(&[], "").is_empty());
}

#[test]
fn a_very_long_line_is_one_record() {
    let text = format!("Head\n{}\n", "word ".repeat(400_000)); // 2 MB, past the read buffer
    let input = jsonl(&[
        json!({"id": 1, "text": text}),
        json!({"id": 2, "text": "Head\nBody."}),
    ]);
    let lines = stream_ok(&["-j2"], input);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[1]["id"], 2);
}

#[test]
fn one_job_and_four_jobs_give_identical_bytes() {
    let mut input = String::new();
    for i in 0..2500 {
        match i % 97 {
            13 => input.push_str("{broken\n"),
            50 => input.push('\n'),
            _ => {
                input.push_str(&json!({"id": i, "text": dump(i), "n": i * 2}).to_string());
                input.push('\n');
            }
        }
    }
    let one = stream(&["-j1"], input.clone());
    let four = stream(&["-j4"], input);
    assert!(one.status.success() && four.status.success());
    assert_eq!(one.stdout.iter().filter(|&&b| b == b'\n').count(), 2500);
    assert!(one.stdout == four.stdout, "-j1 and -j4 differ");
}

#[test]
fn a_closed_stdout_ends_quietly_with_success() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    // Far more output than a pipe holds, so the writer must meet the closed end.
    for i in 0..20_000 {
        writeln!(file, "{}", json!({"id": i, "text": dump(i)})).unwrap();
    }
    drop(file);

    let mut child = StdCommand::new(cargo_bin("newsclean"))
        .args(["stream", "-j2"])
        .stdin(std::fs::File::open(&path).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\"input\":\"0\""), "{first}");
    drop(reader);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_caller_that_waits_for_each_answer_gets_it_before_sending_more() {
    let child = StdCommand::new(cargo_bin("newsclean"))
        .args(["stream", "-j1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let child = Arc::new(Mutex::new(child));
    let (mut stdin, stdout) = {
        let mut c = child.lock().unwrap();
        (c.stdin.take().unwrap(), c.stdout.take().unwrap())
    };
    // A stream that waited for a full chunk would hang here; kill it rather than the test run.
    let watchdog = {
        let child = Arc::clone(&child);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(60));
            let _ = child.lock().unwrap().kill();
        })
    };
    let mut reader = BufReader::new(stdout);
    for i in 0..3 {
        writeln!(stdin, "{}", json!({"id": i, "text": dump(i)})).unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let v: Value = serde_json::from_str(&line).expect("an answer, not a hang");
        assert_eq!(v["id"], i);
    }
    drop(stdin);
    let status = child.lock().unwrap().wait().unwrap();
    assert!(status.success());
    drop(watchdog); // detached; it finds the child already gone
}

#[test]
fn a_custom_rules_file_is_used_and_a_bad_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = Command::cargo_bin("newsclean")
        .unwrap()
        .arg("rules")
        .output()
        .unwrap();
    assert!(rules.status.success());
    let good = dir.path().join("rules.json");
    std::fs::write(&good, &rules.stdout).unwrap();
    let good = good.to_str().unwrap();
    let lines = stream_ok(&["--rules", good], "{\"text\": \"Head\\nBody.\"}\n");
    assert_eq!(lines[0]["status"], "ok");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{not json").unwrap();
    let out = stream(
        &["--rules", bad.to_str().unwrap()],
        "{\"text\": \"Head\"}\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("newsclean: ") && err.contains("bad.json"),
        "{err}"
    );
}

#[test]
fn an_unreadable_stdin_exits_with_two() {
    let dir = tempfile::tempdir().unwrap();
    let out = StdCommand::new(cargo_bin("newsclean"))
        .arg("stream")
        .stdin(std::fs::File::open(dir.path()).unwrap()) // a directory: read fails
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("newsclean: stdin: cannot read"), "{err}");
}

#[test]
fn a_line_with_an_id_gives_the_same_bytes_wherever_it_falls() {
    // What lets `parallel --pipe` and Spark split a stream anywhere without changing the output.
    let lines = [
        json!({"id": "x", "text": dump(1)}).to_string(),
        json!({"id": "bad", "text": " "}).to_string(),
    ];
    let alone = stream(&[], format!("{}\n{}\n", lines[0], lines[1]));
    let filler: String = (0..1500)
        .map(|i| format!("{}\n", json!({"id": i, "text": dump(i)})))
        .collect();
    let later = stream(&[], format!("{filler}{}\n{}\n", lines[0], lines[1]));
    let alone = String::from_utf8(alone.stdout).unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    assert!(later.ends_with(&alone));
    assert!(alone.contains("\"status\":\"error\""));
}
