//! `newsclean check <PATH>... [--bless]`: golden tests for the parser, usable by anyone.
//!
//! A fixture is a dump `name.txt` and its expected record `name.json` beside it. A PATH is a
//! fixture (its `.txt`, or its `.json` for convenience) or a folder searched recursively, in
//! sorted path order, hidden entries skipped. Each dump is parsed and compared with its expected
//! record as JSON values, so key order and white space in a hand-edited file do not matter.
//!
//! Decisions a user can see:
//! - `input` is ignored when comparing: it is where the dump lives, not what the parser made of
//!   it. Blessed files set it to the fixture's file name (`name.txt`), never to a path, so they
//!   are the same bytes whichever folder `check` ran from.
//! - `lines` (`--explain`) is compared only when asked for: with `--explain`, or when the
//!   expected file already has a `lines` key. A fixture can thus pin how lines are classified,
//!   while the others do not break whenever a rule is renamed.
//! - Both sides go through the same JSON text (serialised, then parsed) before comparing, so a
//!   float such as `reading_minutes` compares equal whatever the parser's last-digit rounding.
//! - A mismatch prints the fixture's path and a unified diff of the two pretty records, `-` for
//!   expected and `+` for actual, three lines of context, coloured when stdout is a terminal
//!   (and `NO_COLOR` is unset). A missing `name.json` or a dump that is not a valid input (empty,
//!   blank, binary) fails with `newsclean: <path>: <reason>` on stderr.
//! - `--bless` writes the expected file of every fixture that is missing or differs, atomically,
//!   and says `created <path>` or `updated <path>`; a fixture that already matches is not
//!   rewritten, so its modification time and `git status` stay quiet. A blessed fixture counts as
//!   passed.
//! - There is no `-c/--compact`: expected files are always pretty, to be read in a diff.
//! - A fixture's two files must be regular files: a FIFO or a device in a fixtures folder would
//!   block the run or feed it forever, so it fails that fixture instead. Both are read within the
//!   size limit.
//! - The diff gives up refining after [`DIFF_TIMEOUT`]: Myers' algorithm is quadratic in the
//!   number of changed lines (20,000 of them took 13 s), and past that a coarser diff (whole
//!   blocks removed and added) says the same thing.
//! - The last line on stdout is `N passed, M failed`. Exit 0 when all passed, 1 when any failed,
//!   2 (with no summary) when a PATH does not exist or no fixture was found at all, and 2 (after
//!   the summary) when `--bless` could not write an expected file: nothing could be done there,
//!   as with an unwritable `batch --out`.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use newsclean::Parser;
use serde_json::Value;
use similar::{Algorithm, ChangeTag, TextDiff};
use walkdir::WalkDir;

use crate::atomic;
use crate::cli::CheckArgs;
use crate::cmd::{build_parser, io_reason, one_line, read_input, read_limited_file};
use crate::diag::{self, shown};
use crate::output::write_record;

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let (parser, _) = build_parser(&args.opts)?;

    // A mistyped PATH is a usage error: better to say so than to report a suite that silently
    // checked less than the user asked for.
    let mut any_missing = false;
    for path in &args.paths {
        if let Err(e) = fs::metadata(path) {
            diag::error(path, io_reason(&e));
            any_missing = true;
        }
    }
    if any_missing {
        return Ok(ExitCode::from(2));
    }

    let found = find_fixtures(&args.paths);
    if found.fixtures.is_empty() && found.problems.is_empty() {
        diag::say("newsclean: no fixtures (name.txt + name.json) found");
        return Ok(ExitCode::from(2));
    }

    let mut out = BufWriter::new(io::stdout().lock());
    let colour =
        io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut passed = 0usize;
    let mut failed = 0usize;
    let mut unwritable = false;
    for (path, reason) in &found.problems {
        failed += 1;
        report(&mut out, path, reason)?;
    }
    for fixture in &found.fixtures {
        match check_fixture(&parser, fixture, &args) {
            Verdict::Passed => passed += 1,
            Verdict::Blessed { created } => {
                passed += 1;
                let verb = if created { "created" } else { "updated" };
                writeln!(out, "{verb} {}", shown(&fixture.expected))?;
            }
            Verdict::Mismatch { expected, actual } => {
                failed += 1;
                write_mismatch(&mut out, fixture, &expected, &actual, colour)?;
            }
            Verdict::Failed { path, reason } => {
                failed += 1;
                report(&mut out, &path, &reason)?;
            }
            Verdict::Unwritable { path, reason } => {
                failed += 1;
                unwritable = true;
                report(&mut out, &path, &reason)?;
            }
        }
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    out.flush()?;
    Ok(if unwritable {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A dump and the file holding its expected record.
struct Fixture {
    dump: PathBuf,
    expected: PathBuf,
}

impl Fixture {
    fn from_path(path: &Path) -> Fixture {
        // `check fixtures/a.json` means the fixture whose expectation that is.
        let dump = if path.extension().is_some_and(|e| e == "json") {
            path.with_extension("txt")
        } else {
            path.to_path_buf()
        };
        let expected = dump.with_extension("json");
        Fixture { dump, expected }
    }
}

struct Found {
    fixtures: Vec<Fixture>,
    problems: Vec<(PathBuf, String)>,
}

fn find_fixtures(paths: &[PathBuf]) -> Found {
    let mut fixtures = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if !path.is_dir() {
            fixtures.push(Fixture::from_path(path));
            continue;
        }
        let walker = WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_dump = entry.path().extension().is_some_and(|e| e == "txt");
                    if entry.file_type().is_file() && is_dump {
                        fixtures.push(Fixture::from_path(entry.path()));
                    }
                }
                // A symlink loop only repeats fixtures already found.
                Err(err) if err.loop_ancestor().is_some() => {}
                Err(err) => {
                    let reason = match err.io_error() {
                        Some(e) => io_reason(e),
                        None => err.to_string(),
                    };
                    problems.push((err.path().unwrap_or(path).to_path_buf(), reason));
                }
            }
        }
    }
    Found { fixtures, problems }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

enum Verdict {
    Passed,
    Blessed {
        created: bool,
    },
    /// The two records as pretty JSON, without `input`.
    Mismatch {
        expected: String,
        actual: String,
    },
    Failed {
        path: PathBuf,
        reason: String,
    },
    /// `--bless` could not write the expected file.
    Unwritable {
        path: PathBuf,
        reason: String,
    },
}

fn check_fixture(parser: &Parser, fixture: &Fixture, args: &CheckArgs) -> Verdict {
    let failed = |path: &Path, reason: String| Verdict::Failed {
        path: path.to_path_buf(),
        reason,
    };
    for path in [&fixture.dump, &fixture.expected] {
        if let Ok(meta) = fs::metadata(path) {
            if !meta.is_file() {
                return failed(path, "not a regular file".to_string());
            }
        }
    }
    let expected = match read_expected(&fixture.expected) {
        Ok(text) => match serde_json::from_str::<Value>(&text) {
            Ok(value) => Some(value),
            // A broken expectation is exactly what --bless is for.
            Err(_) if args.bless => None,
            Err(e) => return failed(&fixture.expected, format!("not valid JSON: {e}")),
        },
        Err(None) => None,
        Err(Some(reason)) => return failed(&fixture.expected, reason),
    };
    let explain = args.opts.explain || expected.as_ref().is_some_and(|v| v.get("lines").is_some());

    let article = read_input(&fixture.dump).and_then(|bytes| {
        parser
            .parse_bytes(&bytes, explain)
            .map_err(anyhow::Error::from)
    });
    let mut article = match article {
        Ok(article) => article,
        Err(e) => return failed(&fixture.dump, one_line(&e)),
    };
    article.input = fixture
        .dump
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let actual = match serde_json::to_string(&article).map(|s| serde_json::from_str::<Value>(&s)) {
        Ok(Ok(value)) => value,
        Ok(Err(e)) | Err(e) => {
            return failed(&fixture.dump, format!("cannot serialise record: {e}"))
        }
    };

    let differs = match &expected {
        Some(expected) => without_input(expected) != without_input(&actual),
        None => true,
    };
    if !differs {
        return Verdict::Passed;
    }
    if args.bless {
        let existed = fixture.expected.exists();
        let written = atomic::write_atomically(&fixture.expected, |mut w| {
            write_record(&mut w, &article, false)
        });
        return match written {
            Ok(()) => Verdict::Blessed { created: !existed },
            Err(e) => Verdict::Unwritable {
                path: fixture.expected.clone(),
                reason: format!("cannot write: {}", io_reason(&e)),
            },
        };
    }
    match expected {
        None => {
            let name = fixture
                .expected
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            failed(
                &fixture.dump,
                format!("missing {name}; run with --bless to create it"),
            )
        }
        Some(expected) => Verdict::Mismatch {
            expected: pretty(&without_input(&expected)),
            actual: pretty(&without_input(&actual)),
        },
    }
}

/// An expected file's text; `Err(None)` when there is none, `Err(Some(reason))` when it cannot
/// be read.
fn read_expected(path: &Path) -> Result<String, Option<String>> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(None),
        _ => {}
    }
    let bytes = read_limited_file(path, newsclean::input::MAX_INPUT_BYTES, "expected file")
        .map_err(|e| Some(one_line(&e)))?;
    String::from_utf8(bytes).map_err(|_| Some("not valid UTF-8".to_string()))
}

fn without_input(value: &Value) -> Value {
    let mut value = value.clone();
    if let Some(object) = value.as_object_mut() {
        // shift_remove keeps the other keys in order, so the diff reads like the files.
        object.shift_remove("input");
    }
    value
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A failure that is not a diff: on stderr, after flushing stdout so that the two streams
/// interleave in fixture order on a terminal.
fn report<W: Write>(out: &mut W, path: &Path, reason: &str) -> io::Result<()> {
    out.flush()?;
    diag::error(path, reason);
    Ok(())
}

/// How long the diff may refine a mismatch before it settles for a coarser one.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The fixture's path, then a unified diff: `-` expected, `+` actual.
fn write_mismatch<W: Write>(
    out: &mut W,
    fixture: &Fixture,
    expected: &str,
    actual: &str,
    colour: bool,
) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    writeln!(
        out,
        "{}",
        paint(BOLD, &format!("FAIL {}", shown(&fixture.dump)))
    )?;
    writeln!(
        out,
        "{}",
        paint(RED, &format!("--- {} (expected)", shown(&fixture.expected)))
    )?;
    writeln!(
        out,
        "{}",
        paint(GREEN, &format!("+++ {} (actual)", shown(&fixture.dump)))
    )?;
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_lines(expected, actual);
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        writeln!(out, "{}", paint(CYAN, &hunk.header().to_string()))?;
        for change in hunk.iter_changes() {
            let text = change.value().trim_end_matches('\n');
            let line = match change.tag() {
                ChangeTag::Delete => paint(RED, &format!("-{text}")),
                ChangeTag::Insert => paint(GREEN, &format!("+{text}")),
                ChangeTag::Equal => format!(" {text}"),
            };
            writeln!(out, "{line}")?;
        }
    }
    writeln!(out)
}
