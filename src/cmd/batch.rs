//! `newsclean batch`: not written yet.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::BatchArgs;

pub fn run(_args: BatchArgs) -> Result<ExitCode> {
    anyhow::bail!("batch: not implemented yet")
}
