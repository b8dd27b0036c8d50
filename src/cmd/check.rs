//! `newsclean check`: not written yet.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::CheckArgs;

pub fn run(_args: CheckArgs) -> Result<ExitCode> {
    anyhow::bail!("check: not implemented yet")
}
