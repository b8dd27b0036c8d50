//! The exit policy: parse arguments, dispatch to a subcommand, print `newsclean: ...` errors and
//! pick the exit code (SPEC: 0 all good, 1 some input failed, 2 nothing could be done).

mod atomic;
mod cli;
mod cmd;
mod output;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
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
