//! `newsclean schema`: the JSON Schema (draft 2020-12) of a record, derived from the Rust types
//! in `article.rs` by schemars, so it cannot drift from what `parse` prints.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;
use newsclean::Article;

pub fn run() -> Result<ExitCode> {
    let schema = schemars::schema_for!(Article);
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
