//! The exit policy: parse arguments, dispatch to a subcommand, print `newsclean: ...` errors and
//! pick the exit code (SPEC: 0 all good, 1 some input failed, 2 nothing could be done).

mod atomic;
mod cli;
mod cmd;
mod output;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    survive_file_size_limit();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version to stdout with success; usage errors get code 2.
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsclean: {}", cmd::one_line(&err));
            ExitCode::from(2)
        }
    }
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
