//! `newsclean batch <DIR>... (--out OUT | --jsonl FILE)`: every dump under some folders (and in
//! a `--files-from` list), in parallel.
//!
//! The run has three phases, so that the expensive middle one never stops for a bad file:
//!
//! 1. **Preparation**, where anything wrong is fatal (exit 2) because nothing could be done: each
//!    DIR must be a readable folder; OUT must not be one of them, is created, locked against a
//!    second run, cleaned of temporary files a killed run left behind, checked for `.json` files
//!    newsclean did not write (refused unless `--force`: see [`super::manifest`]), and probed
//!    with a temporary file, so an unwritable OUT is found before any parsing.
//! 2. **The walk**: every file whose name matches `--glob` (default `*.txt` and `*.txt.gz`,
//!    case-sensitive as the shell's globs), recursively, following symbolic links. Hidden files
//!    and folders are skipped, symlink loops are skipped silently, and OUT (or the JSON Lines
//!    file) is never read as input when it lies inside a DIR. A matching name that is a FIFO, a
//!    socket or a device is reported and counted as failed, not read (a FIFO would block the
//!    run). Paths are sorted component by component within each DIR, DIRs in argument order,
//!    then the `--files-from` list in its order: that is the path order `--jsonl` promises.
//!    `--jsonl` walks as it parses, a chunk at a time, so its memory stays flat; `--out`
//!    collects the walk first, to find two inputs that would write the same record.
//! 3. **Parsing** on a rayon pool of its own (`-j`, never more threads than inputs). A file that
//!    cannot be read, is empty, blank or binary, vanished since the walk, or whose output cannot
//!    be written, is reported as `newsclean: <path>: <reason>` and counted as failed; the run
//!    goes on. The summary line on stderr ends the run.
//!
//! Decisions a user can see:
//! - A record's `input` is the path as the user would see it: DIR as typed joined with the file's
//!   path below it, the same as `newsclean parse` would print for that file.
//! - `--out`: `a/b.txt` (or `a/b.txt.gz`) becomes `OUT/a/b.json`, pretty unless `-c`; with
//!   several DIRs their trees are merged, and a second input that would write the same record
//!   fails rather than overwrite the first. An input is "up to date", and skipped, when the
//!   manifest says its record was made the way this run would make it and the record's
//!   modification time is strictly newer than the dump's; a record made another way is remade.
//!   `--force` redoes everything and may overwrite foreign `.json` files. Records whose input
//!   failed or disappeared are left alone: the run never deletes records.
//! - `--jsonl`: one compact record per line, in path order, byte-identical whatever `-j`; a failed
//!   input is a line too, with the keys of `stream`'s error lines (`input`, `id`, `status`,
//!   `error`, `metadata`). It is always remade in full. A regular file (or a path that does not
//!   exist yet) is written to a temporary file beside it and renamed into place when complete; a
//!   symlink is followed and its target replaced, never the link. Anything else (`-` for
//!   stdout, a FIFO, a device, a process substitution, `/dev/stdout`) is written straight into,
//!   in order, as records are made.
//! - `-j 0` means all cores, as GNU parallel's `-j0` and xargs' `-P 0`.
//! - Exit code 0 when every input parsed or was up to date (including an empty DIR), 1 when any
//!   failed, 2 when nothing could be done.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, Result};
use indicatif::{
    HumanCount, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle, TermLike,
};
use newsclean::{Article, Parser};
use rayon::prelude::*;
use serde_json::json;
use walkdir::WalkDir;

use super::manifest::{self, Manifest};
use crate::atomic;
use crate::cli::BatchArgs;
use crate::cmd::{build_parser, io_reason, one_line, read_file_list, read_input, VERSION};
use crate::diag::{self, input_name, shown};
use crate::output::write_record;

/// Inputs parsed in parallel before their records are written, in `--jsonl` mode. Big enough to
/// keep every core busy across uneven file sizes, small enough that a chunk's records (a few KB
/// each) stay in the tens of megabytes.
const JSONL_CHUNK: usize = 2048;

/// The file names taken as dumps when no `--glob` is given.
const DEFAULT_GLOBS: [&str; 2] = ["*.txt", "*.txt.gz"];

pub fn run(args: BatchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let (parser, rules_digest) = build_parser(&args.opts)?;
    let globs = Globs::new(&args.glob)?;
    for dir in &args.dirs {
        check_input_folder(dir)?;
    }
    let jsonl_stdout = args.jsonl.as_ref().is_some_and(|f| f.as_os_str() == "-");
    let report_stdout = args.report.as_ref().is_some_and(|f| f.as_os_str() == "-");
    if jsonl_stdout && report_stdout {
        anyhow::bail!(
            "--jsonl - and --report - would both write stdout; give one of them a file. \
             For more, try 'newsclean batch --help'"
        );
    }

    let made_with = format!(
        "newsclean {}; rules {rules_digest}; {}{}",
        VERSION.as_str(),
        if args.compact { "compact" } else { "pretty" },
        if args.opts.explain { "; explain" } else { "" },
    );
    let (destination, exclude) = match (&args.out, &args.jsonl) {
        (Some(out), _) => {
            refuse_out_in_place_of_input(&args.dirs, out)?;
            let tree = prepare_out_folder(out, &globs, args.force, args.report.as_deref())?;
            (Destination::Tree(tree), Exclude::folder(out))
        }
        (None, Some(file)) => {
            let target = JsonlTarget::resolve(file)?;
            let exclude = match &target {
                JsonlTarget::Atomic(real) => Exclude::file(real, &globs),
                _ => Exclude::default(),
            };
            (Destination::Jsonl(target), exclude)
        }
        // clap requires one of the two; this keeps the error honest if that ever changes.
        (None, None) => anyhow::bail!("batch needs --out DIR or --jsonl FILE"),
    };

    let listed = listed_inputs(&args)?;
    let listed_len = listed.len();
    let mut found = walk(&args.dirs, &globs, &exclude).chain(listed);
    // `--out` needs every input at once to find two that would write one record; `--jsonl`
    // takes a chunk at a time, and knows its total only when the first chunk is short or a
    // progress bar asks for it (a second walk that only counts).
    let (first, total) = match &destination {
        Destination::Tree(_) => {
            let mut all: Vec<Input> = found.by_ref().collect();
            mark_collisions(&mut all);
            let n = all.len();
            (all, Some(n))
        }
        Destination::Jsonl(_) => {
            let first: Vec<Input> = found.by_ref().take(JSONL_CHUNK).collect();
            let total = if first.len() < JSONL_CHUNK {
                Some(first.len())
            } else if progress_shown(&args) {
                Some(walk(&args.dirs, &globs, &exclude).count() + listed_len)
            } else {
                None
            };
            (first, total)
        }
    };

    let bar = progress_bar(total.unwrap_or(0) as u64, &args);
    let run = Run {
        parser: &parser,
        args: &args,
        bar: &bar,
        made_with: &made_with,
        tally: Tally::default(),
        failures: Mutex::new(Vec::new()),
        warnings: Mutex::new(BTreeMap::new()),
    };

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = match args.jobs {
        None | Some(0) => cores,
        Some(n) => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.min(total.unwrap_or(usize::MAX)).max(1))
        .thread_name(|i| format!("newsclean-{i}"))
        .build()
        .map_err(|e| anyhow!("cannot start worker threads: {e}"))?;

    let result = match destination {
        Destination::Tree(tree) => {
            let inputs = first;
            for input in inputs.iter().filter(|i| i.problem.is_some()) {
                run.fail(input, input.problem.as_deref().unwrap_or_default());
                bar.inc(1);
            }
            pool.install(|| {
                inputs
                    .par_iter()
                    .filter(|i| i.problem.is_none())
                    .for_each(|input| run.parse_to_tree(input, &tree))
            });
            bar.finish_and_clear();
            // Nothing to report when the rewrite fails: see `Manifest::finish`.
            let _ = tree.manifest.finish();
            Ok(())
        }
        Destination::Jsonl(target) => {
            let result = run.parse_to_jsonl(first, found, &target, &pool);
            bar.finish_and_clear();
            result
        }
    };
    result?;

    let tally = &run.tally;
    let failed = tally.failed.load(Ordering::Relaxed);
    let remade = tally.remade.load(Ordering::Relaxed);
    let remade_note = if remade > 0 {
        format!(", {} remade (options changed)", thousands(remade))
    } else {
        String::new()
    };
    let elapsed = started.elapsed();
    diag::say(format_args!(
        "batch: {} parsed, {} failed, {} up to date{remade_note} in {}",
        thousands(tally.parsed.load(Ordering::Relaxed)),
        thousands(failed),
        thousands(tally.up_to_date.load(Ordering::Relaxed)),
        seconds(elapsed),
    ));
    if let Some(report) = &args.report {
        run.write_report(report, elapsed)?;
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--files-from` list as inputs, in its order; a listed path has a place under OUT when it
/// is relative and stays below the current folder.
fn listed_inputs(args: &BatchArgs) -> Result<Vec<Input>> {
    let Some(list) = &args.files_from else {
        return Ok(Vec::new());
    };
    Ok(read_file_list(list, args.null)?
        .into_iter()
        .map(|path| {
            let rel_skip = mirrored(&path).map(|_| {
                path.components()
                    .take_while(|c| matches!(c, Component::CurDir))
                    .count()
            });
            Input {
                path,
                rel_skip,
                problem: None,
            }
        })
        .collect())
}

/// Which file names are dumps: shell-style globs matched against the name alone.
struct Globs(Vec<Vec<u8>>);

impl Globs {
    fn new(given: &[String]) -> Result<Globs> {
        let patterns: Vec<Vec<u8>> = if given.is_empty() {
            DEFAULT_GLOBS
                .iter()
                .map(|g| g.as_bytes().to_vec())
                .collect()
        } else {
            given.iter().map(|g| g.as_bytes().to_vec()).collect()
        };
        for (text, pattern) in given.iter().zip(&patterns) {
            if pattern.contains(&b'/') {
                anyhow::bail!(
                    "--glob '{}': matches file names, not paths (no '/')",
                    diag::shown_text(text)
                );
            }
            if !brackets_close(pattern) {
                anyhow::bail!("--glob '{}': unclosed '['", diag::shown_text(text));
            }
        }
        Ok(Globs(patterns))
    }

    fn matches(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return false;
        };
        let name = name.as_encoded_bytes();
        self.0.iter().any(|p| glob_match(p, name))
    }
}

fn brackets_close(pattern: &[u8]) -> bool {
    let mut i = 0;
    while i < pattern.len() {
        if pattern[i] == b'[' {
            match class_end(pattern, i) {
                Some(end) => i = end,
                None => return false,
            }
        }
        i += 1;
    }
    true
}

/// The index of the `]` closing the class that opens at `open`. A `]` right after `[` (or after
/// `[!`) is a member, as in the shell.
fn class_end(pattern: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    if matches!(pattern.get(i), Some(b'!' | b'^')) {
        i += 1;
    }
    if pattern.get(i) == Some(&b']') {
        i += 1;
    }
    while i < pattern.len() {
        if pattern[i] == b']' {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether the class `pattern[open..=end]` holds `c`.
fn class_matches(pattern: &[u8], open: usize, end: usize, c: u8) -> bool {
    let mut i = open + 1;
    let negated = matches!(pattern[i], b'!' | b'^');
    if negated {
        i += 1;
    }
    let mut found = false;
    let mut first = true;
    while i < end || (first && i == end) {
        first = false;
        let lo = pattern[i];
        if i + 2 < end && pattern[i + 1] == b'-' {
            found |= (lo..=pattern[i + 2]).contains(&c);
            i += 3;
        } else {
            found |= lo == c;
            i += 1;
        }
    }
    found != negated
}

/// Shell glob matching of a whole name: `*` any run, `?` any one byte, `[a-z]`, `[!x]`. Greedy
/// with backtracking to the last `*` only, so it is linear in practice and never exponential.
fn glob_match(pattern: &[u8], name: &[u8]) -> bool {
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        let step = match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, n));
                p += 1;
                continue;
            }
            Some(b'?') => Some(p + 1),
            Some(b'[') => class_end(pattern, p)
                .filter(|&end| class_matches(pattern, p, end, name[n]))
                .map(|end| end + 1),
            Some(&c) if c == name[n] => Some(p + 1),
            _ => None,
        };
        match (step, star) {
            (Some(next), _) => {
                p = next;
                n += 1;
            }
            (None, Some((sp, sn))) => {
                p = sp + 1;
                n = sn + 1;
                star = Some((sp, sn + 1));
            }
            (None, None) => return false,
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

enum Destination {
    Tree(Tree),
    Jsonl(JsonlTarget),
}

/// An output folder, ready to be written: locked, cleaned, checked against its manifest.
struct Tree {
    out: PathBuf,
    manifest: Manifest,
    /// Held for the run: a second `batch` into the same OUT is refused while this one runs.
    _lock: Option<fs::File>,
}

/// Where `--jsonl` writes (see the module comment).
enum JsonlTarget {
    Stdout,
    /// Not a regular file: written straight into, as `>` would.
    Direct(PathBuf),
    /// A regular file or a new one (a symlink's final target): temporary file, then rename.
    Atomic(PathBuf),
}

impl JsonlTarget {
    fn resolve(file: &Path) -> Result<JsonlTarget> {
        if file.as_os_str() == "-" {
            return Ok(JsonlTarget::Stdout);
        }
        let cannot_write =
            |e: io::Error| anyhow!("{}: cannot write: {}", shown(file), io_reason(&e));
        match fs::metadata(file) {
            Ok(meta) if meta.is_dir() => anyhow::bail!("{}: is a directory", shown(file)),
            Ok(meta) if !meta.is_file() => return Ok(JsonlTarget::Direct(file.to_path_buf())),
            _ => {}
        }
        let (real, magic) = follow_links(file).map_err(cannot_write)?;
        // `/dev/stdout` redirected to a file, `/proc/self/fd/N`: the shell opened it; replacing
        // the file would leave the shell's descriptor on the old one.
        if magic {
            return Ok(JsonlTarget::Direct(file.to_path_buf()));
        }
        atomic::remove_stale_beside(&real).map_err(cannot_write)?;
        atomic::temp_beside(&real).map_err(cannot_write)?;
        Ok(JsonlTarget::Atomic(real))
    }
}

/// The path a chain of symbolic links ends at (which may not exist yet), and whether the chain
/// passes through `/proc` or `/dev/fd`, whose links name open descriptors, not paths.
fn follow_links(path: &Path) -> io::Result<(PathBuf, bool)> {
    let mut path = path.to_path_buf();
    let is_magic = |p: &Path| p.starts_with("/proc") || p.starts_with("/dev/fd");
    for _ in 0..40 {
        if is_magic(&path) {
            return Ok((path, true));
        }
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            _ => return Ok((path, false)),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Each DIR must exist, be a folder and be listable; otherwise there is nothing to do (exit 2).
fn check_input_folder(dir: &Path) -> Result<()> {
    let meta = fs::metadata(dir).map_err(|e| anyhow!("{}: {}", shown(dir), io_reason(&e)))?;
    if !meta.is_dir() {
        anyhow::bail!("{}: not a directory", shown(dir));
    }
    fs::read_dir(dir).map_err(|e| anyhow!("{}: cannot read: {}", shown(dir), io_reason(&e)))?;
    Ok(())
}

/// `--out DIR` wrote `a.json` beside `a.txt`: in a fixtures folder that overwrote every golden
/// file. OUT inside DIR stays allowed (the walk skips it).
fn refuse_out_in_place_of_input(dirs: &[PathBuf], out: &Path) -> Result<()> {
    let Ok(out_real) = fs::canonicalize(out) else {
        return Ok(());
    };
    for dir in dirs {
        if fs::canonicalize(dir).is_ok_and(|d| d == out_real) {
            anyhow::bail!(
                "{}: --out is the input folder {}; records would be written beside the dumps \
                 (choose another folder, e.g. {}-records)",
                shown(out),
                shown(dir),
                shown(dir).trim_end_matches('/'),
            );
        }
    }
    Ok(())
}

/// Creates OUT, locks it, removes temporary files a killed run left in it, refuses it when it
/// holds `.json` files newsclean did not write (unless `force`; a `--report` kept in OUT is
/// newsclean's too), and proves it writable.
fn prepare_out_folder(
    out: &Path,
    globs: &Globs,
    force: bool,
    report: Option<&Path>,
) -> Result<Tree> {
    let shown_out = shown(out);
    fs::create_dir_all(out).map_err(|e| {
        anyhow!(
            "{shown_out}: cannot create output folder: {}",
            io_reason(&e)
        )
    })?;
    let lock = lock_folder(out)?;
    let manifest = Manifest::open(out).map_err(|e| {
        anyhow!(
            "{shown_out}/{}: cannot write: {}",
            manifest::NAME,
            io_reason(&e)
        )
    })?;

    let report = report.and_then(|r| fs::canonicalize(r).ok());
    let mut foreign = Vec::new();
    let walker = WalkDir::new(out)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.file_name()) || atomic::is_temp_name(e.file_name()));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        if atomic::is_temp_name(entry.file_name()) {
            atomic::remove_if_stale(entry.path()).map_err(|e| {
                anyhow!(
                    "{shown_out}: cannot remove stale temporary files: {}",
                    io_reason(&e)
                )
            })?;
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else {
            continue;
        };
        let is_record = rel.extension().is_some_and(|e| e == "json");
        // Dumps lying in OUT are inputs of nobody's and never overwritten; only records are.
        let is_report = report
            .as_ref()
            .is_some_and(|r| fs::canonicalize(entry.path()).is_ok_and(|p| p == *r));
        if is_record
            && !is_report
            && !globs.matches(rel)
            && manifest.made_with(&record_key(rel)).is_none()
        {
            foreign.push(rel.to_path_buf());
        }
    }
    if !foreign.is_empty() && !force {
        anyhow::bail!(
            "{shown_out}: holds {} .json file{} newsclean did not write (such as {}), which a \
             run would overwrite; choose another folder, or --force to overwrite them",
            thousands(foreign.len()),
            if foreign.len() == 1 { "" } else { "s" },
            shown(&foreign[0]),
        );
    }
    // The probe is named like any other temporary file, so even a kill right here leaves nothing
    // the next run would not clean; dropping it removes it.
    atomic::temp_beside(&out.join("probe"))
        .map_err(|e| anyhow!("{shown_out}: cannot write: {}", io_reason(&e)))?;
    Ok(Tree {
        out: out.to_path_buf(),
        manifest,
        _lock: lock,
    })
}

/// An exclusive lock on the folder itself, held for the run, so two runs never race on one
/// manifest. Where folders cannot be opened or locked (Windows, some network file systems)
/// the run goes on unlocked.
fn lock_folder(out: &Path) -> Result<Option<fs::File>> {
    let Ok(folder) = fs::File::open(out) else {
        return Ok(None);
    };
    match folder.try_lock() {
        Ok(()) => Ok(Some(folder)),
        Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
            "{}: another newsclean batch is writing into this folder; wait for it to finish",
            shown(out)
        ),
        Err(fs::TryLockError::Error(_)) => Ok(None),
    }
}

/// A record's path relative to OUT as the manifest keys it: `/`-separated, escaped like
/// `input` so that every path has a key of its own.
fn record_key(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| input_name(Path::new(c.as_os_str())))
        .collect();
    parts.join("/")
}

/// The record's path below OUT for a dump's path below its DIR: `a/b.txt` and `a/b.txt.gz` give
/// `a/b.json`.
fn record_rel(rel: &Path) -> PathBuf {
    let rel = if rel.extension().is_some_and(|e| e == "gz") {
        rel.with_extension("")
    } else {
        rel.to_path_buf()
    };
    rel.with_extension("json")
}

/// Where a `--files-from` path is mirrored under OUT: itself, when it is relative and stays
/// below the current folder; `None` otherwise (there is no folder to mirror it from).
fn mirrored(path: &Path) -> Option<PathBuf> {
    let ok = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    ok.then(|| {
        path.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .collect()
    })
}

/// What the walk must never take as input: the output folder or file, when it lies inside a
/// DIR. Compared by canonical path, so `pages/out` and `./pages/../pages/out` (or a symlink to
/// it) are the same folder.
#[derive(Default)]
struct Exclude {
    folder: Option<PathBuf>,
    file: Option<PathBuf>,
}

impl Exclude {
    fn folder(out: &Path) -> Exclude {
        Exclude {
            folder: fs::canonicalize(out).ok(),
            file: None,
        }
    }

    fn file(file: &Path, globs: &Globs) -> Exclude {
        // Only a target whose name is a dump's could ever be taken for input.
        if !globs.matches(file) {
            return Exclude::default();
        }
        let folder = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let file = match (fs::canonicalize(folder), file.file_name()) {
            (Ok(folder), Some(name)) => Some(folder.join(name)),
            _ => None,
        };
        Exclude { folder: None, file }
    }

    fn excludes_folder(&self, entry: &walkdir::DirEntry) -> bool {
        match &self.folder {
            Some(out) => {
                entry.file_type().is_dir()
                    && fs::canonicalize(entry.path()).is_ok_and(|p| p == *out)
            }
            None => false,
        }
    }

    fn excludes_file(&self, entry: &walkdir::DirEntry) -> bool {
        match &self.file {
            Some(file) => {
                file.file_name() == Some(entry.file_name())
                    && fs::canonicalize(entry.path()).is_ok_and(|p| p == *file)
            }
            None => false,
        }
    }
}

/// One input: the path read (and shown as `input`), where its record goes below OUT (`None`
/// when it has no place there), and a problem that fails it before it is read.
struct Input {
    path: PathBuf,
    /// How many leading components of `path` are the folder it was found under (the leading
    /// `.` of a listed file): the rest is its place under OUT. None: it has no place there.
    /// A count rather than a second path: on 100,000 inputs the copies were 10 MB.
    rel_skip: Option<usize>,
    problem: Option<String>,
}

impl Input {
    /// The input's path below the folder it was found under.
    fn rel(&self) -> Option<&Path> {
        let n = self.rel_skip?;
        let mut rest = self.path.components();
        for _ in 0..n {
            rest.next();
        }
        Some(rest.as_path())
    }
}

/// The dumps under `dirs` as `batch` walks them (`--glob` patterns, hidden files and symlink
/// loops skipped), in path order, each with the problem that fails it before it is read.
/// `rules --suggest` reads the same folders the same way.
pub(super) fn dumps_under(
    dirs: &[PathBuf],
    glob: &[String],
) -> Result<Vec<(PathBuf, Option<String>)>> {
    let globs = Globs::new(glob)?;
    for dir in dirs {
        check_input_folder(dir)?;
    }
    Ok(walk(dirs, &globs, &Exclude::default())
        .map(|i| (i.path, i.problem))
        .collect())
}

/// The dumps under `dirs`, in path order, found as they are asked for: `--jsonl` walks and
/// parses a chunk at a time, so its memory stays flat however many files the folders hold
/// (collected first, 100,000 inputs took 16 MB more than 10,000).
fn walk<'a>(
    dirs: &'a [PathBuf],
    globs: &'a Globs,
    exclude: &'a Exclude,
) -> impl Iterator<Item = Input> + 'a {
    dirs.iter().flat_map(move |dir| {
        let skip = dir.components().count();
        // Siblings sorted by name give the walk in path order (a folder's entries right after
        // it, as component-wise path comparison orders them): no sort of the whole list after.
        WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |e| {
                e.depth() == 0 || !(is_hidden(e.file_name()) || exclude.excludes_folder(e))
            })
            .filter_map(move |entry| {
                let (path, problem) = match entry {
                    Ok(entry) => {
                        let kind = entry.file_type();
                        if kind.is_dir()
                            || !globs.matches(entry.path())
                            || exclude.excludes_file(&entry)
                        {
                            return None;
                        }
                        let problem = (!kind.is_file()).then(|| {
                            "not a regular file (a FIFO, socket or device); not read".into()
                        });
                        (entry.into_path(), problem)
                    }
                    Err(err) => walk_problem(&err, globs).map(|(p, r)| (p, Some(r)))?,
                };
                // Every entry's path starts with DIR as given, so this cannot fail.
                let rel_skip = path.strip_prefix(dir).is_ok().then_some(skip);
                Some(Input {
                    path,
                    rel_skip,
                    problem,
                })
            })
    })
}

/// In `--out` mode, an input with no place under OUT, or whose record another input already
/// writes, fails rather than overwrite it.
fn mark_collisions(inputs: &mut [Input]) {
    let mut taken = HashSet::new();
    for input in inputs.iter_mut().filter(|i| i.problem.is_none()) {
        match input.rel() {
            None => {
                input.problem = Some(
                    "no place under --out for an absolute path or one with '..' (use --jsonl, \
                     or list paths relative to here)"
                        .into(),
                )
            }
            Some(rel) => {
                let record = record_rel(rel);
                if !taken.insert(record.clone()) {
                    input.problem = Some(format!(
                        "another input also writes {}; not overwritten",
                        shown(&record)
                    ));
                }
            }
        }
    }
}

/// Which walk errors are worth a `newsclean: <path>: <reason>` line and a failure: an unreadable
/// folder, or a dump that cannot be followed (a dangling symlink is a dump that cannot be
/// read). Symlink loops and things that would have been skipped anyway are not.
fn walk_problem(err: &walkdir::Error, globs: &Globs) -> Option<(PathBuf, String)> {
    if err.loop_ancestor().is_some() {
        return None;
    }
    let path = err.path()?;
    if path.file_name().is_some_and(is_hidden) {
        return None;
    }
    let is_dangling_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && fs::metadata(path).is_err();
    if is_dangling_link && !globs.matches(path) {
        return None;
    }
    let reason = match err.io_error() {
        Some(e) if is_dangling_link => format!("cannot read: {}", io_reason(e)),
        Some(e) => io_reason(e),
        None => err.to_string(),
    };
    Some((path.to_path_buf(), reason))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

#[derive(Default)]
struct Tally {
    parsed: AtomicUsize,
    remade: AtomicUsize,
    failed: AtomicUsize,
    up_to_date: AtomicUsize,
}

/// What every worker shares: the parser, the options, the bar, the counts and what the report
/// gathers.
struct Run<'a> {
    parser: &'a Parser,
    args: &'a BatchArgs,
    bar: &'a ProgressBar,
    made_with: &'a str,
    tally: Tally,
    failures: Mutex<Vec<(String, String)>>,
    warnings: Mutex<BTreeMap<String, usize>>,
}

impl Run<'_> {
    /// Reports one failed input without tearing the progress bar.
    fn fail(&self, input: &Input, reason: &str) {
        self.tally.failed.fetch_add(1, Ordering::Relaxed);
        if self.args.report.is_some() {
            if let Ok(mut failures) = self.failures.lock() {
                failures.push((input_name(&input.path), reason.to_string()));
            }
        }
        self.bar.suspend(|| diag::error(&input.path, reason));
    }

    /// Reads and parses one input, with `input` set to its path as the user would see it.
    fn parse_one(&self, input: &Input) -> Result<Article, String> {
        let bytes = read_input(&input.path).map_err(|e| one_line(&e))?;
        let mut article = self
            .parser
            .parse_bytes(&bytes, self.args.opts.explain)
            .map_err(|e| e.to_string())?;
        article.input = input_name(&input.path);
        if self.args.report.is_some() && !article.warnings.is_empty() {
            if let Ok(mut warnings) = self.warnings.lock() {
                for w in &article.warnings {
                    *warnings.entry(w.clone()).or_default() += 1;
                }
            }
        }
        Ok(article)
    }

    fn parse_to_tree(&self, input: &Input, tree: &Tree) {
        // Inputs without a place under OUT were failed before parsing began.
        let Some(rel) = input.rel() else { return };
        let record = record_rel(rel);
        let key = record_key(&record);
        let output = tree.out.join(&record);
        let before = tree.manifest.made_with(&key);
        let same_making = before == Some(self.made_with);
        if !self.args.force && same_making && is_up_to_date(&input.path, &output) {
            self.tally.up_to_date.fetch_add(1, Ordering::Relaxed);
        } else {
            let remade = !self.args.force && before.is_some() && !same_making && output.exists();
            match self
                .parse_one(input)
                .and_then(|article| self.write_tree_record(&article, &output, &key, tree))
            {
                Ok(()) if remade => {
                    self.tally.remade.fetch_add(1, Ordering::Relaxed);
                }
                Ok(()) => {
                    self.tally.parsed.fetch_add(1, Ordering::Relaxed);
                }
                Err(reason) => self.fail(input, &reason),
            }
        }
        self.bar.inc(1);
    }

    fn write_tree_record(
        &self,
        article: &Article,
        output: &Path,
        key: &str,
        tree: &Tree,
    ) -> Result<(), String> {
        let cannot_write =
            |e: io::Error| format!("cannot write {}: {}", shown(output), io_reason(&e));
        let compact = self.args.compact;
        let write = || {
            let mut tmp = atomic::temp_beside(output)?;
            {
                let mut w = BufWriter::new(tmp.as_file_mut());
                write_record(&mut w, article, compact)?;
                w.flush()?;
            }
            // In the manifest before it is in place: a kill between the two leaves a known record.
            tree.manifest.note(key, Some(self.made_with))?;
            atomic::persist(tmp, output)
        };
        // Folders are made when a write finds one missing: the first record of a folder pays
        // for it, not every record (a `create_dir_all` each was two system calls a file).
        let result = match (write(), output.parent()) {
            (Err(e), Some(folder)) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(folder).map_err(cannot_write)?;
                write().map_err(cannot_write)
            }
            (result, _) => result.map_err(cannot_write),
        };
        if result.is_err() && tree.manifest.made_with(key).is_some() {
            // Whatever stands there now was not made by this run.
            let _ = tree.manifest.note(key, None);
        }
        result
    }

    /// Parses a chunk at a time in parallel and writes each chunk's records in path order, so the
    /// file is the same bytes whatever the pool's size, and so are the error lines on stderr.
    ///
    /// A writer thread writes chunk N while the pool parses chunk N+1: written inline, the pool
    /// stood idle for every write, which kept `-j2` well short of twice `-j1`. The channel holds
    /// one chunk, so at most three chunks of records are in memory whatever the number of inputs.
    fn parse_to_jsonl(
        &self,
        first: Vec<Input>,
        mut rest: impl Iterator<Item = Input>,
        target: &JsonlTarget,
        pool: &rayon::ThreadPool,
    ) -> Result<()> {
        std::thread::scope(|scope| {
            let (parsed, to_write) = mpsc::sync_channel::<(Vec<Input>, Vec<Parsed>)>(1);
            let writer = scope.spawn(move || self.write_jsonl(target, to_write));
            let mut chunk = first;
            while !chunk.is_empty() {
                let lines = pool.install(|| {
                    chunk
                        .par_iter()
                        .map(|input| self.jsonl_line(input))
                        .collect()
                });
                // The writer only hangs up on a write error, which its result reports.
                if parsed.send((chunk, lines)).is_err() {
                    break;
                }
                chunk = rest.by_ref().take(JSONL_CHUNK).collect();
            }
            drop(parsed);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }

    /// The writer thread: opens the target, writes the lines as chunks arrive, and completes it.
    fn write_jsonl(
        &self,
        target: &JsonlTarget,
        to_write: mpsc::Receiver<(Vec<Input>, Vec<Parsed>)>,
    ) -> Result<()> {
        match target {
            JsonlTarget::Stdout => {
                let mut w = BufWriter::with_capacity(1 << 16, io::stdout().lock());
                let stdout_error =
                    |e: io::Error| anyhow::Error::new(e).context("stdout: cannot write");
                self.write_lines(&mut w, to_write, stdout_error)?;
                w.flush().map_err(stdout_error)
            }
            JsonlTarget::Direct(path) => {
                let cannot_write =
                    |e: io::Error| anyhow!("{}: cannot write: {}", shown(path), io_reason(&e));
                // Append, not truncate: a descriptor the shell opened with `>>` keeps its meaning.
                let file = fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(cannot_write)?;
                let mut w = BufWriter::with_capacity(1 << 16, file);
                self.write_lines(&mut w, to_write, cannot_write)?;
                w.flush().map_err(cannot_write)
            }
            JsonlTarget::Atomic(path) => {
                let cannot_write =
                    |e: io::Error| anyhow!("{}: cannot write: {}", shown(path), io_reason(&e));
                let tmp = atomic::temp_beside(path).map_err(cannot_write)?;
                let mut w = BufWriter::with_capacity(1 << 20, tmp);
                self.write_lines(&mut w, to_write, cannot_write)?;
                // A failure past this point drops the temporary file, which removes it.
                let tmp = w.into_inner().map_err(|e| cannot_write(e.into_error()))?;
                tmp.as_file().sync_all().map_err(cannot_write)?;
                atomic::persist(tmp, path).map_err(cannot_write)
            }
        }
    }

    fn write_lines<W: Write>(
        &self,
        w: &mut W,
        to_write: mpsc::Receiver<(Vec<Input>, Vec<Parsed>)>,
        cannot_write: impl Fn(io::Error) -> anyhow::Error,
    ) -> Result<()> {
        for (chunk, lines) in to_write {
            for (input, line) in chunk.iter().zip(lines) {
                match line {
                    Ok(line) => {
                        w.write_all(&line).map_err(&cannot_write)?;
                        self.tally.parsed.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(reason) => {
                        let record = json!({
                            "input": input_name(&input.path),
                            "id": null,
                            "status": "error",
                            "error": reason,
                            "metadata": {},
                        });
                        writeln!(w, "{record}").map_err(&cannot_write)?;
                        self.fail(input, &reason);
                    }
                }
            }
        }
        Ok(())
    }

    /// One input's compact record, newline included, or why it failed.
    fn jsonl_line(&self, input: &Input) -> Parsed {
        let line = match &input.problem {
            Some(problem) => Err(problem.clone()),
            None => self.parse_one(input).map(|article| {
                let mut line = Vec::with_capacity(4096);
                // Writing into a Vec cannot fail.
                let _ = write_record(&mut line, &article, true);
                line
            }),
        };
        self.bar.inc(1);
        line
    }

    /// `--report FILE`: the run as JSON, written atomically (or to stdout for `-`).
    fn write_report(&self, path: &Path, elapsed: Duration) -> Result<()> {
        let tally = &self.tally;
        let count = |n: &AtomicUsize| n.load(Ordering::Relaxed);
        let mut failures = self.failures.lock().map(|f| f.clone()).unwrap_or_default();
        failures.sort();
        let warnings = self.warnings.lock().map(|w| w.clone()).unwrap_or_default();
        let report = json!({
            "newsclean": VERSION.as_str(),
            "inputs": count(&tally.parsed) + count(&tally.remade) + count(&tally.failed)
                + count(&tally.up_to_date),
            "parsed": count(&tally.parsed),
            "remade": count(&tally.remade),
            "failed": count(&tally.failed),
            "up_to_date": count(&tally.up_to_date),
            "seconds": (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
            "failures": failures
                .iter()
                .map(|(input, error)| json!({"input": input, "error": error}))
                .collect::<Vec<_>>(),
            "warnings": warnings,
        });
        let text = format!("{}\n", serde_json::to_string_pretty(&report)?);
        if path.as_os_str() == "-" {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes())?;
            return Ok(out.flush()?);
        }
        let cannot_write =
            |e: io::Error| anyhow!("{}: cannot write: {}", shown(path), io_reason(&e));
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => anyhow::bail!("{}: is a directory", shown(path)),
            Ok(meta) if !meta.is_file() => {
                let mut file = fs::OpenOptions::new()
                    .append(true)
                    .open(path)
                    .map_err(cannot_write)?;
                file.write_all(text.as_bytes()).map_err(cannot_write)
            }
            _ => {
                let (real, _) = follow_links(path).map_err(cannot_write)?;
                atomic::write_atomically(&real, |w| w.write_all(text.as_bytes()))
                    .map_err(cannot_write)
            }
        }
    }
}

/// A record as a JSON line, or the reason its input failed.
type Parsed = Result<Vec<u8>, String>;

/// Whether `output` is a file modified strictly after `input`. Any doubt (a missing file, a
/// folder in the record's place, a file system without modification times) means the input is
/// parsed again.
fn is_up_to_date(input: &Path, output: &Path) -> bool {
    let modified = |p: &Path| {
        fs::metadata(p)
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
    };
    match (modified(input), modified(output)) {
        (Some(input), Some(output)) => output > input,
        _ => false,
    }
}

/// The progress bar: on stderr when it is a terminal, or always with `--progress`; never with
/// `--no-progress` (the last of the two given wins). Forced onto a pipe or a log file, it
/// prints a plain line every second instead of redrawing in place, since cursor movements would
/// only litter the log.
fn progress_bar(len: u64, args: &BatchArgs) -> ProgressBar {
    if !progress_shown(args) {
        return ProgressBar::hidden();
    }
    let on_terminal = io::stderr().is_terminal();
    let target = if on_terminal {
        ProgressDrawTarget::stderr_with_hz(10)
    } else {
        ProgressDrawTarget::term_like_with_hz(Box::new(LogLines::default()), 1)
    };
    let style =
        ProgressStyle::with_template("{wide_bar} {human_pos}/{human_len}  {rate}  ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            // indicatif's own `per_sec` prints a float with many decimals; whole files a second suffice.
            .with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{} files/s", HumanCount(state.per_sec() as u64));
                },
            )
            .progress_chars("=> ");
    ProgressBar::with_draw_target(Some(len), target).with_style(style)
}

/// Whether a progress bar is drawn.
fn progress_shown(args: &BatchArgs) -> bool {
    !args.no_progress && (args.progress || io::stderr().is_terminal())
}

/// A draw target for a stderr that is not a terminal: each draw becomes one finished line. A
/// failed write (stderr closed or full) is ignored, as for every message.
#[derive(Debug, Default)]
struct LogLines {
    line: Mutex<String>,
}

impl TermLike for LogLines {
    fn width(&self) -> u16 {
        100
    }

    fn move_cursor_up(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_down(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_right(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn move_cursor_left(&self, _: usize) -> io::Result<()> {
        Ok(())
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.write_str(s)?;
        self.flush()
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        if let Ok(mut line) = self.line.lock() {
            line.push_str(s.trim_start_matches('\r'));
        }
        Ok(())
    }

    fn clear_line(&self) -> io::Result<()> {
        Ok(())
    }

    fn flush(&self) -> io::Result<()> {
        let Ok(mut line) = self.line.lock() else {
            return Ok(());
        };
        let text = line.trim_end();
        if !text.is_empty() {
            diag::say(text);
        }
        line.clear();
        Ok(())
    }
}

/// `9812` as `9,812`, as the summary line shows counts.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Elapsed time as the summary line shows it: `4.1 s`.
fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(185), "185");
        assert_eq!(thousands(9812), "9,812");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn elapsed_time_has_one_decimal() {
        assert_eq!(seconds(Duration::from_millis(4120)), "4.1 s");
        assert_eq!(seconds(Duration::ZERO), "0.0 s");
    }

    #[test]
    fn default_globs_take_txt_and_txt_gz_only() {
        let globs = Globs::new(&[]).unwrap();
        assert!(globs.matches(Path::new("a/b.txt")));
        assert!(globs.matches(Path::new("a/b.txt.gz")));
        assert!(!globs.matches(Path::new("a/b.json")));
        assert!(!globs.matches(Path::new("a/b.TXT")));
        assert!(!globs.matches(Path::new("a/txt")));
    }

    #[test]
    fn globs_match_like_the_shell() {
        for (pattern, name, expected) in [
            ("*.TXT", "A.TXT", true),
            ("*", "README", true),
            ("p?.txt", "p1.txt", true),
            ("p?.txt", "p12.txt", false),
            ("[a-c]*.txt", "b.txt", true),
            ("[!a-c]*.txt", "b.txt", false),
            ("[]]x", "]x", true),
            ("*a*b*c", "xaxbxc", true),
            ("*a*b*c", "xaxbx", false),
            ("*.txt", ".txt", true),
        ] {
            assert_eq!(
                glob_match(pattern.as_bytes(), name.as_bytes()),
                expected,
                "{pattern} on {name}"
            );
        }
        assert!(Globs::new(&["[ab".to_string()]).is_err());
        assert!(Globs::new(&["a/*.txt".to_string()]).is_err());
    }

    #[test]
    fn gz_dumps_get_the_record_name_of_their_txt() {
        assert_eq!(record_rel(Path::new("a/b.txt.gz")), Path::new("a/b.json"));
        assert_eq!(record_rel(Path::new("a/b.txt")), Path::new("a/b.json"));
        assert_eq!(record_rel(Path::new("README")), Path::new("README.json"));
    }

    #[test]
    fn only_relative_paths_below_here_are_mirrored() {
        assert_eq!(
            mirrored(Path::new("./a/b.txt")),
            Some(PathBuf::from("a/b.txt"))
        );
        assert_eq!(mirrored(Path::new("/a/b.txt")), None);
        assert_eq!(mirrored(Path::new("a/../b.txt")), None);
    }
}
