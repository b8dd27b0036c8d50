//! One module per subcommand, each with `run(args) -> anyhow::Result<ExitCode>`, plus the few
//! helpers they share: loading rules, reading one input within the size limit, file lists, and
//! the version string.

mod batch;
mod check;
mod manifest;
mod parse;
mod rules;
mod schema;
mod stream;

use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::LazyLock;

use anyhow::{anyhow, Context, Result};
use clap::CommandFactory;
use newsclean::{input::MAX_INPUT_BYTES, Parser, Rules};

use crate::cli::{Cli, Command, CommonOpts};
use crate::diag::shown;

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => parse::run(cli.parse),
        Some(Command::Parse(args)) => parse::run(args),
        Some(Command::Batch(args)) => batch::run(args),
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Stream(args)) => stream::run(args),
        Some(Command::Schema) => schema::run(),
        Some(Command::Rules(args)) => rules::run(args),
        Some(Command::Completions(args)) => {
            let mut cmd = command();
            let mut out = io::stdout().lock();
            clap_complete::generate(args.shell, &mut cmd, "newsclean", &mut out);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man) => {
            let mut out = io::stdout().lock();
            clap_mangen::Man::new(command()).render(&mut out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The clap command with the version filled in (it is only known at run time: the rules part
/// is a digest of the embedded rules).
pub fn command() -> clap::Command {
    Cli::command().version(VERSION.as_str())
}

/// The commit newsclean was built from (build.rs), empty outside a git checkout.
const COMMIT: &str = env!("NEWSCLEAN_COMMIT");

/// `0.1.0 (commit 2ef5d8a1b2c3, rules 9c1e03aa)`: what `--version` prints after the name, and
/// what a batch manifest records as the version that made a record.
pub static VERSION: LazyLock<String> = LazyLock::new(|| {
    let rules = &digest(&[newsclean::rules::BUILTIN_JSON.as_bytes()])[..8];
    if COMMIT.is_empty() {
        format!("{} (rules {rules})", env!("CARGO_PKG_VERSION"))
    } else {
        format!(
            "{} (commit {COMMIT}, rules {rules})",
            env!("CARGO_PKG_VERSION")
        )
    }
});

/// A 64-bit FNV-1a digest of some byte strings (each followed by a 0xff separator, so that
/// `["ab", "c"]` and `["a", "bc"]` differ), as 16 hex digits. Not cryptographic: it tells
/// versions of a rules file apart, and is stable across Rust releases, unlike std's hasher.
pub fn digest(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// An error chain on one lowercase line: `pages/a.txt: empty input`.
pub fn one_line(err: &anyhow::Error) -> String {
    err.chain()
        .map(|e| match e.downcast_ref::<io::Error>() {
            Some(io) => io_reason(io),
            None => e.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// A rules file larger than this is refused (the built-in set is a few KB; a list of 100,000
/// chrome lines is a few MB).
const MAX_RULES_BYTES: u64 = 64 * 1024 * 1024;

/// The parser for these options and the digest of the rules it runs (built-in and `--rules`),
/// which a batch manifest records.
pub fn build_parser(opts: &CommonOpts) -> Result<(Parser, String)> {
    let mut rules = Rules::builtin();
    let mut user_text = String::new();
    if let Some(path) = &opts.rules {
        let bytes = read_limited_file(path, MAX_RULES_BYTES, "rules file")
            .map_err(|e| anyhow!("{}: {e}", shown(path)))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!("{}: rules file is not valid UTF-8", shown(path)))?;
        // Windows editors save JSON with a BOM; serde_json would call it an unexpected character.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let extra = Rules::from_json(&text).with_context(|| shown(path))?;
        extra.validate().with_context(|| shown(path))?;
        rules.extend(extra);
        user_text = text;
    }
    let digest = digest(&[
        newsclean::rules::BUILTIN_JSON.as_bytes(),
        user_text.as_bytes(),
    ]);
    let parser = Parser::new(rules).with_context(|| match &opts.rules {
        Some(p) => shown(p),
        None => "built-in rules".to_string(),
    })?;
    Ok((parser, digest))
}

/// Reads a file that must be data (not a folder), at most `limit` bytes: the size is checked
/// while reading, so a pipe or a device (`/dev/zero`) cannot grow memory past the limit.
pub fn read_limited_file(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| anyhow!("cannot read {what}: {}", io_reason(&e)))?;
    if meta.is_dir() {
        anyhow::bail!("{what} is a directory");
    }
    if meta.is_file() && meta.len() > limit {
        anyhow::bail!(
            "{what} too large ({} bytes; the limit is {limit} bytes)",
            meta.len()
        );
    }
    let file =
        fs::File::open(path).map_err(|e| anyhow!("cannot read {what}: {}", io_reason(&e)))?;
    let mut buf = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| anyhow!("cannot read {what}: {}", io_reason(&e)))?;
    if buf.len() as u64 > limit {
        anyhow::bail!("{what} too large (more than the limit of {limit} bytes)");
    }
    Ok(buf)
}

/// The gzip magic: an input starting with it is decompressed, whatever its name.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Reads one input's bytes (`-` is stdin), refusing folders, and decompressing gzip (detected by
/// its first bytes, so `page.txt.gz` and a gzipped stdin both work). At most the size limit is
/// read, whatever the input is: a regular file over it is refused before reading, a pipe or
/// device or a gzip stream once it passes it. The error text is lowercase and does not repeat
/// the path; callers add it.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        return read_stream(io::stdin().lock());
    }
    let meta = fs::metadata(path).map_err(|e| anyhow!("{}", io_reason(&e)))?;
    if meta.is_dir() {
        anyhow::bail!(
            "is a directory, not a dump (for every dump in it: newsclean batch {} --jsonl -)",
            shown(path)
        );
    }
    if meta.is_file() && meta.len() > MAX_INPUT_BYTES {
        anyhow::bail!(
            "input too large ({} bytes; the limit is {MAX_INPUT_BYTES} bytes)",
            meta.len()
        );
    }
    let file = fs::File::open(path).map_err(|e| anyhow!("cannot read: {}", io_reason(&e)))?;
    read_stream(file)
}

fn read_stream<R: Read>(reader: R) -> Result<Vec<u8>> {
    let cannot_read = |e: io::Error| anyhow!("cannot read: {}", io_reason(&e));
    let mut reader = io::BufReader::new(reader);
    // Two bytes for the magic; a pipe may hand them over one at a time.
    let mut head = Vec::with_capacity(2);
    while head.len() < 2 {
        let got = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(cannot_read(e)),
        };
        if got.is_empty() {
            break;
        }
        let take = got.len().min(2 - head.len());
        head.extend_from_slice(&got[..take]);
        reader.consume(take);
    }
    let whole = io::Cursor::new(head.clone()).chain(reader);
    let mut buf = Vec::new();
    if head == GZIP_MAGIC {
        flate2::read::MultiGzDecoder::new(whole)
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| anyhow!("cannot decompress (gzip): {}", io_reason(&e)))?;
    } else {
        whole
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(cannot_read)?;
    }
    if buf.len() as u64 > MAX_INPUT_BYTES {
        anyhow::bail!("input too large (more than the limit of {MAX_INPUT_BYTES} bytes)");
    }
    Ok(buf)
}

/// The paths a `--files-from` list names: one a line (a trailing `\r` dropped, empty lines
/// skipped), or NUL-separated with `-0`. `-` reads the list from stdin.
pub fn read_file_list(list: &Path, null: bool) -> Result<Vec<PathBuf>> {
    let bytes = if list.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| anyhow!("stdin: cannot read the file list: {}", io_reason(&e)))?;
        buf
    } else {
        read_limited_file(list, MAX_INPUT_BYTES, "file list")
            .map_err(|e| anyhow!("{}: {e}", shown(list)))?
    };
    let sep = if null { b'\0' } else { b'\n' };
    Ok(bytes
        .split(|&b| b == sep)
        .map(|name| {
            if null {
                name
            } else {
                name.strip_suffix(b"\r").unwrap_or(name)
            }
        })
        .filter(|name| !name.is_empty())
        .map(path_from_bytes)
        .collect())
}

#[cfg(unix)]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

/// An io error as a short lowercase reason, without the `(os error N)` tail.
pub fn io_reason(e: &io::Error) -> String {
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
