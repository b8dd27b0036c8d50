//! `newsclean schema`: the JSON Schema (draft 2020-12) of a record, derived from the Rust types
//! in `article.rs` by schemars, so it cannot drift from what `parse` prints.
//!
//! The schema describes what newsclean *writes*, so it is generated for serialization: by
//! default schemars describes what serde would *accept*, where an `Option` field may be missing.
//! SPEC says every key is always present, so with the serialize contract every field is
//! `required`, `Option` fields stay nullable, and only `lines` (skipped unless `--explain`) is
//! optional. Every object is closed (`additionalProperties: false`, from
//! `#[schemars(deny_unknown_fields)]` on the types), so a renamed or stray key fails validation.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;
use newsclean::Article;
use schemars::generate::SchemaSettings;

pub fn run() -> Result<ExitCode> {
    let schema = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Article>();
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
