//! The exit policy: parse arguments, dispatch to a subcommand, print `newsclean: ...` errors and
//! pick the exit code (SPEC: 0 all good, 1 some input failed, 2 nothing could be done).
//!
//! Usage errors are one line in the same `newsclean: ...` form as every other error, with clap's
//! tip (a similar flag) kept and a pointer to `--help`, rather than clap's multi-line block:
//! scripts grep stderr for `newsclean:` lines, and one line is what SPEC promises.

mod atomic;
mod cli;
mod cmd;
mod diag;
mod output;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::FromArgMatches as _;

/// The subcommands, for "did you mean" on a mistyped one.
const SUBCOMMANDS: [&str; 9] = [
    "parse",
    "batch",
    "check",
    "stream",
    "schema",
    "rules",
    "completions",
    "man",
    "help",
];

fn main() -> ExitCode {
    survive_file_size_limit();
    let args: Vec<OsString> = std::env::args_os().collect();
    if let Some(code) = mistyped_subcommand(&args) {
        return code;
    }
    let matches = match cmd::command().try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => return usage_error(e, &args),
    };
    let cli = match cli::Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e, &args),
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            diag::say(format_args!("newsclean: {}", output::describe(&err)));
            ExitCode::from(2)
        }
    }
}

/// `newsclean bacth dir` would parse a file named `bacth`: when the first argument is no file,
/// not a flag, and close to a subcommand's name, say so instead (exit 2).
fn mistyped_subcommand(args: &[OsString]) -> Option<ExitCode> {
    let first = args.get(1)?.to_str()?;
    if first.starts_with('-') || SUBCOMMANDS.contains(&first) {
        return None;
    }
    if std::fs::symlink_metadata(first).is_ok() {
        return None;
    }
    let best = SUBCOMMANDS
        .iter()
        .filter(|name| **name != "help")
        .map(|name| (edit_distance(first, name), *name))
        .min()?;
    // One or two edits (a swap counts as one) for names of five letters or more, one for shorter.
    let allowed = if first.chars().count() >= 5 { 2 } else { 1 };
    if best.0 > allowed {
        return None;
    }
    diag::say(format_args!(
        "newsclean: unrecognized subcommand '{}' (no such file either); did you mean '{}'? \
         For more, try 'newsclean --help'",
        diag::shown_text(first),
        best.1
    ));
    Some(ExitCode::from(2))
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours (`bacth` is one edit from `batch`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// A clap error on one line: `newsclean: <what clap said> (<tip>); for more, try '... --help'`.
/// Help and version are not errors: they go to stdout with code 0, as clap prints them.
fn usage_error(e: clap::Error, args: &[OsString]) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    // clap's block: `error: <what>`, maybe indented details (the missing arguments, the
    // possible values) and `tip:` lines, then `Usage:` and a pointer to --help.
    let mut first = String::new();
    let mut details = Vec::new();
    let mut tips = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("Usage:") || trimmed.starts_with("For more information") {
            break;
        }
        if let Some(what) = trimmed.strip_prefix("error: ") {
            first = what.trim_end_matches(':').to_string();
        } else if let Some(tip) = trimmed.strip_prefix("tip: ") {
            tips.push(tip.trim_end_matches('.').to_string());
        } else if !trimmed.is_empty() {
            details.push(trimmed.to_string());
        }
    }
    if first.is_empty() {
        first = "invalid arguments".to_string();
    }
    if !details.is_empty() {
        first = format!("{first}: {}", details.join(", "));
    }
    let subcommand = args
        .get(1)
        .and_then(|a| a.to_str())
        .filter(|a| SUBCOMMANDS.contains(a) && *a != "help");
    let help = match subcommand {
        Some(name) => format!("newsclean {name} --help"),
        None => "newsclean --help".to_string(),
    };
    let mut line = format!("newsclean: {first}");
    for tip in tips {
        line.push_str(&format!(" ({tip})"));
    }
    line.push_str(&format!("; for more, try '{help}'"));
    diag::say(line);
    ExitCode::from(2)
}

/// A write past a file-size limit (`ulimit -f`, a quota enforced that way) sends SIGXFSZ, whose
/// default action kills the process on the spot: no error line, no summary, and a `--jsonl`
/// temporary file left for the next run to clean. With a handler installed the write fails with
/// EFBIG instead, which takes the ordinary path: `newsclean: <path>: cannot write: file too
/// large`, the temporary file removed, the exit code SPEC gives. (Rust already does the same
/// for SIGPIPE.) The handler only sets a flag nobody reads.
fn survive_file_size_limit() {
    #[cfg(unix)]
    {
        use std::sync::{atomic::AtomicBool, Arc};
        // Failing to install it only leaves the default behaviour; not worth refusing to run.
        let _ = signal_hook::flag::register(
            signal_hook::consts::SIGXFSZ,
            Arc::new(AtomicBool::new(false)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_is_one_edit() {
        assert_eq!(edit_distance("bacth", "batch"), 1);
        assert_eq!(edit_distance("parse", "parse"), 0);
        assert_eq!(edit_distance("chekc", "check"), 1);
        assert_eq!(edit_distance("stram", "stream"), 1);
        assert_eq!(edit_distance("page", "parse"), 2);
    }
}
