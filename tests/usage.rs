//! The command line as a user meets it before any parsing: mistyped subcommands and flags,
//! usage errors on one `newsclean: ...` line, `--help` with examples and exit codes, `--version`,
//! shell completions, the man page, stdin read twice or from a terminal, a file list piped in as
//! a dump, `--files-from`, and gzipped inputs.

use std::fs;
use std::io::Write;
use std::path::Path;

use tempfile::TempDir;

mod support;

use support::{fixture, newsclean, run};

const DUMP: &str = "\nBridge reopens after repairs\nKUALA LUMPUR: The bridge reopened today \
                    after six months of repairs.\nTraffic was light, police said.\n";

/// A usage error is exactly one stderr line, `newsclean: ...`, pointing to `--help`, exit 2.
fn assert_one_line_usage_error(out: &support::Output, help: &str) {
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{:?}", out.stderr);
    assert!(out.stderr.starts_with("newsclean: "), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("try '{help}'")),
        "{}",
        out.stderr
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn a_mistyped_subcommand_gets_a_suggestion_not_a_file_error() {
    let tmp = TempDir::new().unwrap();
    let out = run(newsclean().current_dir(tmp.path()).args(["bacth", "dir"]));
    assert_one_line_usage_error(&out, "newsclean --help");
    assert!(
        out.stderr.contains("did you mean 'batch'?"),
        "{}",
        out.stderr
    );
    for (typo, meant) in [
        ("chekc", "check"),
        ("stram", "stream"),
        ("schmea", "schema"),
    ] {
        let out = run(newsclean().current_dir(tmp.path()).arg(typo));
        assert!(
            out.stderr.contains(&format!("did you mean '{meant}'?")),
            "{typo}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_file_named_like_a_typo_is_still_parsed() {
    let tmp = TempDir::new().unwrap();
    fs::write(tmp.path().join("bacth"), DUMP).unwrap();
    let out = run(newsclean().current_dir(tmp.path()).arg("bacth"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("\"input\": \"bacth\""),
        "{}",
        out.stdout
    );
}

#[test]
fn a_folder_given_to_parse_points_to_batch() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    let out = run(newsclean().arg(&dir));
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.trim_end(),
        format!(
            "newsclean: {0}: is a directory, not a dump (for every dump in it: newsclean batch \
             {0} --jsonl -)",
            dir.display()
        )
    );
}

#[test]
fn usage_errors_are_one_line_with_the_tip_and_a_pointer_to_help() {
    let out = run(newsclean().args(["batch", "x", "--out", "y", "--progres"]));
    assert_one_line_usage_error(&out, "newsclean batch --help");
    assert!(
        out.stderr
            .contains("a similar argument exists: '--progress'"),
        "{}",
        out.stderr
    );

    let out = run(newsclean().args(["batch", "x"]));
    assert_one_line_usage_error(&out, "newsclean batch --help");
    assert!(
        out.stderr.contains("--out <OUT>|--jsonl <FILE>"),
        "{}",
        out.stderr
    );

    let out = run(newsclean().args(["completions", "tcsh"]));
    assert_one_line_usage_error(&out, "newsclean completions --help");
    assert!(
        out.stderr.contains("possible values: bash"),
        "{}",
        out.stderr
    );
}

#[test]
fn flags_that_would_do_nothing_are_refused() {
    let tmp = TempDir::new().unwrap();
    for args in [
        &["check", "-c", "fixtures"][..],
        &["stream", "--compact"],
        &["batch", "pages", "--jsonl", "x.jsonl", "--force"],
    ] {
        let out = run(newsclean().current_dir(tmp.path()).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
    }
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let out = run(newsclean().arg("--help"));
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
    assert!(out.stdout.contains("Exit codes:"), "{}", out.stdout);
    for sub in ["parse", "batch", "check", "stream"] {
        let out = run(newsclean().args([sub, "--help"]));
        assert_eq!(out.code, 0, "{sub}");
        assert!(out.stdout.contains("Exit codes"), "{sub}: {}", out.stdout);
        assert!(out.stdout.contains("newsclean "), "{sub}: {}", out.stdout);
    }
}

#[test]
fn version_names_the_rules_digest_and_the_commit_when_built_from_git() {
    let out = run(newsclean().arg("--version"));
    assert_eq!(out.code, 0);
    let line = out.stdout.trim_end();
    let rest = line
        .strip_prefix(&format!("newsclean {} (", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{line}"));
    let rules = rest.rsplit_once("rules ").unwrap().1.trim_end_matches(')');
    assert_eq!(rules.len(), 8, "{line}");
    assert!(rules.chars().all(|c| c.is_ascii_hexdigit()), "{line}");
    let in_git = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert_eq!(rest.starts_with("commit "), in_git, "{line}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef newsclean"),
        ("fish", "complete -c newsclean"),
    ] {
        let out = run(newsclean().args(["completions", shell]));
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}");
        assert!(out.stdout.contains("batch"), "{shell}: no subcommands");
        assert!(out.stdout.contains("files-from"), "{shell}: no flags");
    }
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let out = run(newsclean().arg("man"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with(".ie") || out.stdout.contains(".TH newsclean"));
    for sub in ["parse", "batch", "check", "stream", "completions"] {
        assert!(out.stdout.contains(sub), "{sub} missing");
    }
}

#[test]
fn stdin_given_twice_is_a_usage_error_not_an_empty_input() {
    let out = run(newsclean().args(["parse", "-", "-"]).write_stdin(DUMP));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("newsclean: stdin ('-') given more than once"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_file_list_piped_in_as_a_dump_gets_a_warning() {
    let list = format!(
        "{}\n{}\n",
        fixture("02-").display(),
        fixture("26-").display()
    );
    let out = run(newsclean().write_stdin(list));
    assert!(
        out.stderr
            .contains("stdin is a list of file names, parsed as one dump"),
        "{}",
        out.stderr
    );
    // A dump is no list: no warning.
    let out = run(newsclean().write_stdin(DUMP));
    assert_eq!(out.stderr, "");
}

#[cfg(unix)]
#[test]
fn stdin_on_a_terminal_says_what_it_waits_for() {
    // `script` gives the command a terminal; Ctrl-D (EOT) ends the dump at once.
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: no `script` (util-linux) to give newsclean a terminal");
        return;
    }
    let out = std::process::Command::new("script")
        .args(["-qec"])
        .arg(format!("{} parse", env!("CARGO_BIN_EXE_newsclean")))
        .arg("/dev/null")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(b"\x04")?;
            child.wait_with_output()
        })
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("reading a dump from stdin (end it with Ctrl-D"),
        "{text}"
    );
}

#[test]
fn files_from_reads_a_list_and_nul_separated_with_0() {
    let tmp = TempDir::new().unwrap();
    let a = fixture("02-");
    let b = fixture("26-");
    let expected = support::parse_records(&[], &[a.clone(), b.clone()]);

    let list = tmp.path().join("list.txt");
    fs::write(&list, format!("{}\n\n{}\r\n", a.display(), b.display())).unwrap();
    let out = run(newsclean().args(["parse", "-c", "--files-from"]).arg(&list));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(records(&out.stdout), expected);

    let nul = format!("{}\0{}\0", a.display(), b.display());
    let out = run(newsclean()
        .args(["parse", "-c", "--files-from", "-", "-0"])
        .write_stdin(nul));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(records(&out.stdout), expected);
}

fn records(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn gzip(path: &Path) -> std::path::PathBuf {
    let status = std::process::Command::new("gzip")
        .arg("-k")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
    path.with_extension("txt.gz")
}

#[test]
fn gzipped_dumps_give_the_record_of_the_plain_dump() {
    let tmp = TempDir::new().unwrap();
    let plain = tmp.path().join("page.txt");
    fs::write(&plain, DUMP).unwrap();
    let gz = gzip(&plain);
    let mut want = support::parse_records(&[], std::slice::from_ref(&plain)).remove(0);
    let mut got = support::parse_records(&[], std::slice::from_ref(&gz)).remove(0);
    assert_eq!(got["input"], gz.display().to_string());
    want.as_object_mut().unwrap().remove("input");
    got.as_object_mut().unwrap().remove("input");
    assert_eq!(got, want);

    // Detected by its bytes, so a gzipped stdin works too.
    let out = run(newsclean()
        .args(["parse", "-c"])
        .write_stdin(fs::read(&gz).unwrap()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut piped: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
    piped.as_object_mut().unwrap().remove("input");
    assert_eq!(piped, want);
}

#[test]
fn a_corrupt_gzip_fails_that_input_only() {
    let tmp = TempDir::new().unwrap();
    let bad = tmp.path().join("bad.txt.gz");
    fs::write(&bad, b"\x1f\x8b\x08\x00garbage").unwrap();
    let good = tmp.path().join("good.txt");
    fs::write(&good, DUMP).unwrap();
    let out = run(newsclean().arg("-c").arg(&bad).arg(&good));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout.lines().count(), 1);
    assert!(
        out.stderr.starts_with(&format!(
            "newsclean: {}: cannot decompress (gzip): ",
            bad.display()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn paired_progress_flags_let_the_last_one_win() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("a.txt"), DUMP).unwrap();
    let jsonl = tmp.path().join("all.jsonl");
    let with = |flags: [&str; 2]| {
        run(newsclean()
            .arg("batch")
            .args(flags)
            .arg(&dir)
            .arg("--jsonl")
            .arg(&jsonl))
    };
    // Forced onto a pipe, the bar prints a plain `... 1/1 ...` line before the summary.
    let shown = with(["--no-progress", "--progress"]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(shown.stderr.lines().count() >= 2, "{}", shown.stderr);
    assert!(support::last_line(&shown.stderr).starts_with("batch: 1 parsed"));
    let hidden = with(["--progress", "--no-progress"]);
    assert_eq!(hidden.code, 0, "{}", hidden.stderr);
    assert_eq!(hidden.stderr.lines().count(), 1, "{}", hidden.stderr);
}

#[test]
fn the_readme_stands_alone() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for outside in ["SPEC", "FORMATS.md", "../shared"] {
        assert!(!readme.contains(outside), "README refers to {outside}");
    }
    assert!(readme.contains("cargo install --locked --path ."));
    let first_screen: String = readme.lines().take(40).collect::<Vec<_>>().join("\n");
    assert!(
        !first_screen.contains("cargo run -q"),
        "a first command that compiles silently"
    );
}
