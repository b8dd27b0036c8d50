//! `newsclean stream`: not written yet.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::StreamArgs;

pub fn run(_args: StreamArgs) -> Result<ExitCode> {
    anyhow::bail!("stream: not implemented yet")
}
