//! `newsclean rules`: the built-in rules, printed in the format `--rules FILE` reads, so a user
//! can copy them, keep the keys they want to extend, and pass the file back.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;
use newsclean::Rules;

pub fn run() -> Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "{}", Rules::builtin().to_json_pretty())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
