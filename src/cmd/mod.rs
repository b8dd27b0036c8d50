//! One module per subcommand, each with `run(args) -> anyhow::Result<ExitCode>`, plus the few
//! helpers they share: loading rules and reading one input.

mod batch;
mod check;
mod parse;
mod rules;
mod schema;
mod stream;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use newsclean::{input::MAX_INPUT_BYTES, Parser, Rules};

use crate::cli::{Cli, Command, CommonOpts};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => parse::run(cli.parse),
        Some(Command::Parse(args)) => parse::run(args),
        Some(Command::Batch(args)) => batch::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Stream(args)) => stream::run(args),
        Some(Command::Schema) => schema::run(),
        Some(Command::Rules) => rules::run(),
    }
}

/// An error chain on one lowercase line: `pages/a.txt: empty input`.
pub fn one_line(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The parser for these options: the built-in rules, extended by `--rules FILE` if given.
pub fn build_parser(opts: &CommonOpts) -> Result<Parser> {
    let mut rules = Rules::builtin();
    if let Some(path) = &opts.rules {
        let text = fs::read_to_string(path).map_err(|e| {
            anyhow::anyhow!(
                "{}: cannot read rules file: {}",
                path.display(),
                io_reason(&e)
            )
        })?;
        let extra = Rules::from_json(&text).with_context(|| format!("{}", path.display()))?;
        extra
            .validate()
            .with_context(|| format!("{}", path.display()))?;
        rules.extend(extra);
    }
    Parser::new(rules).with_context(|| match &opts.rules {
        Some(p) => format!("{}", p.display()),
        None => "built-in rules".to_string(),
    })
}

/// Reads one input's bytes (`-` is stdin), refusing folders and files over the size limit before
/// reading them. The error text is lowercase and does not repeat the path; callers add it.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| anyhow::anyhow!("cannot read: {}", io_reason(&e)))?;
        return Ok(buf);
    }
    let meta = fs::metadata(path).map_err(|e| anyhow::anyhow!("{}", io_reason(&e)))?;
    if meta.is_dir() {
        anyhow::bail!("is a directory, not a dump");
    }
    if meta.len() > MAX_INPUT_BYTES {
        anyhow::bail!(
            "input too large ({} bytes; the limit is {MAX_INPUT_BYTES} bytes)",
            meta.len()
        );
    }
    fs::read(path).map_err(|e| anyhow::anyhow!("cannot read: {}", io_reason(&e)))
}

/// An io error as a short lowercase reason, without the `(os error N)` tail.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}
