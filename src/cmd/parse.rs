//! `newsclean parse [FILE]...`: each input to one record on stdout, in argument order.
//!
//! A bad input is reported on stderr and skipped; the others are still printed, and the exit
//! code is 1 (SPEC). Pretty records follow one another as jq prints a stream.
//!
//! Decisions a user can see:
//! - `--files-from LIST` adds the files LIST names (one a line, or NUL-separated with `-0`)
//!   after the FILE arguments; `--files-from -` reads the list from stdin.
//! - stdin can be read once: `-` given twice (or `-` with `--files-from -`) is a usage error,
//!   not a second, empty input.
//! - On a terminal, reading stdin first says so on stderr (as `jq` and `rg` do), so a bare
//!   `newsclean` does not look hung.
//! - `ls *.txt | newsclean` parses the list as one article, which is never what was meant: when
//!   every line of stdin names an existing file, a warning says how to parse those files. The
//!   record is still printed (a dump could be a list of paths), and the exit code is unchanged.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ParseArgs;
use crate::cmd::{build_parser, one_line, read_file_list, read_input};
use crate::diag;
use crate::output::write_record;

pub fn run(args: ParseArgs) -> Result<ExitCode> {
    let (parser, _) = build_parser(&args.opts)?;
    let mut files = args.files.clone();
    if let Some(list) = &args.files_from {
        files.extend(read_file_list(list, args.null)?);
    } else if files.is_empty() {
        files.push(PathBuf::from("-"));
    }
    let reads_stdin = files.iter().filter(|p| p.as_os_str() == "-").count()
        + usize::from(
            args.files_from
                .as_ref()
                .is_some_and(|l| l.as_os_str() == "-"),
        );
    if reads_stdin > 1 {
        anyhow::bail!(
            "stdin ('-') given more than once; it can be read only once. For more, try \
             'newsclean parse --help'"
        );
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in &files {
        let is_stdin = path.as_os_str() == "-";
        if is_stdin && io::stdin().is_terminal() {
            diag::say(
                "newsclean: reading a dump from stdin (end it with Ctrl-D; \
                 'newsclean --help' for usage)",
            );
        }
        let article = read_input(path).and_then(|bytes| {
            if is_stdin {
                warn_if_file_list(&bytes);
            }
            parser
                .parse_bytes(&bytes, args.opts.explain)
                .map_err(anyhow::Error::from)
        });
        match article {
            Ok(mut article) => {
                article.input = diag::input_name(path);
                write_record(&mut out, &article, args.compact)?;
            }
            Err(e) => {
                failed += 1;
                // Flush first so records and errors interleave in argument order on a terminal.
                out.flush()?;
                diag::error(path, one_line(&e));
            }
        }
    }
    out.flush()?;
    // The process ends next: freeing the compiled rules one by one cost 5% of a one-dump run.
    std::mem::forget(parser);
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Lines of stdin beyond which it is not looked at as a file list (each line costs a `stat`).
const MAX_LIST_LINES: usize = 10_000;

/// Warns when stdin is nothing but names of existing files: `ls *.txt | newsclean`.
fn warn_if_file_list(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .take(MAX_LIST_LINES + 1)
        .collect();
    if lines.is_empty() || lines.len() > MAX_LIST_LINES {
        return;
    }
    if lines.iter().all(|l| Path::new(l).is_file()) {
        diag::say(
            "newsclean: -: warning: stdin is a list of file names, parsed as one dump; to parse \
             those files: newsclean --files-from - (or pass them as arguments)",
        );
    }
}
