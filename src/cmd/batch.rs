//! `newsclean batch <DIR> (--out OUT | --jsonl FILE)`: every `*.txt` under a folder, in parallel.
//!
//! The run has three phases, so that the expensive middle one never stops for a bad file:
//!
//! 1. **Preparation**, where anything wrong is fatal (exit 2) because nothing could be done: DIR
//!    must be a readable folder; OUT is created, cleaned of temporary files a killed run left
//!    behind, and probed with a temporary file of our own, so an unwritable OUT is found before
//!    any parsing rather than once per input.
//! 2. **The walk**: every regular file whose name ends in `.txt` (case-sensitive, as the shell's
//!    `*.txt`), recursively, following symbolic links. Hidden files and folders are skipped,
//!    symlink loops are skipped silently, and OUT (or the JSON Lines file) is never read as input
//!    when it lies inside DIR. Paths are sorted component by component, which is the path order
//!    `--jsonl` promises.
//! 3. **Parsing** on a rayon pool of its own (`-j`), so the thread count is the user's and not a
//!    global. A file that cannot be read, is empty, blank or binary, vanished since the walk, or
//!    whose output cannot be written, is reported as `newsclean: <path>: <reason>` and counted as
//!    failed; the run goes on. The summary line on stderr ends the run.
//!
//! Decisions a user can see:
//! - A record's `input` is the path as the user would see it: DIR as typed on the command line
//!   joined with the file's path below it (`newsclean batch ./pages` gives `./pages/a/b.txt`), the
//!   same as `newsclean parse ./pages/a/b.txt` would print.
//! - `--out`: `a/b.txt` becomes `OUT/a/b.json`, pretty unless `-c`. An input is "up to date",
//!   and skipped, when its output's modification time is strictly newer than its own (as `make`
//!   does, but erring towards redoing when the two are equal); `--force` redoes everything.
//!   Outputs whose input failed or disappeared are left alone: the run never deletes records.
//! - `--jsonl`: one compact record per line, in path order, byte-identical whatever `-j`. It is
//!   always remade in full (there is no per-record "up to date" inside one file). Records are
//!   parsed in parallel a chunk at a time and written in order, so memory stays bounded by the
//!   chunk, not by the number of inputs. The file appears, atomically, only when complete; if it
//!   cannot be written (a full disk) the run ends with exit 2 and no file.
//! - `-j 0` means all cores, as GNU parallel's `-j0` and xargs' `-P 0`.
//! - Exit code 0 when every input parsed or was up to date (including an empty DIR), 1 when any
//!   failed, 2 when nothing could be done.

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
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
use walkdir::WalkDir;

use crate::atomic;
use crate::cli::BatchArgs;
use crate::cmd::{build_parser, io_reason, one_line, read_input};
use crate::output::write_record;

/// Inputs parsed in parallel before their records are written, in `--jsonl` mode. Big enough to
/// keep every core busy across uneven file sizes, small enough that a chunk's records (a few KB
/// each) stay in the tens of megabytes.
const JSONL_CHUNK: usize = 2048;

pub fn run(args: BatchArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let parser = build_parser(&args.opts)?;
    let dir = &args.dir;
    check_input_folder(dir)?;

    let (destination, exclude) = match (&args.out, &args.jsonl) {
        (Some(out), _) => {
            prepare_out_folder(out)?;
            let exclude = Exclude::folder(dir, out);
            (Destination::Tree(out.clone()), exclude)
        }
        (None, Some(file)) => {
            check_jsonl_target(file)?;
            (Destination::Jsonl(file.clone()), Exclude::file(file))
        }
        // clap requires one of the two; this keeps the error honest if that ever changes.
        (None, None) => anyhow::bail!("batch needs --out DIR or --jsonl FILE"),
    };

    let walk = find_inputs(dir, &exclude);
    let bar = progress_bar(walk.inputs.len() as u64, &args);
    let run = Run {
        parser: &parser,
        args: &args,
        bar: &bar,
        tally: Tally::default(),
    };
    for (path, reason) in &walk.problems {
        run.fail(path, reason);
    }

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .thread_name(|i| format!("newsclean-{i}"))
        .build()
        .map_err(|e| anyhow!("cannot start worker threads: {e}"))?;

    let result = match &destination {
        Destination::Tree(out) => {
            pool.install(|| {
                walk.inputs
                    .par_iter()
                    .for_each(|rel| run.parse_to_tree(rel, out))
            });
            Ok(())
        }
        Destination::Jsonl(file) => run.parse_to_jsonl(&walk.inputs, file, &pool),
    };
    bar.finish_and_clear();
    result?;

    let tally = &run.tally;
    let failed = tally.failed.load(Ordering::Relaxed);
    eprintln!(
        "batch: {} parsed, {} failed, {} up to date in {}",
        thousands(tally.parsed.load(Ordering::Relaxed)),
        thousands(failed),
        thousands(tally.up_to_date.load(Ordering::Relaxed)),
        seconds(started.elapsed()),
    );
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

enum Destination {
    Tree(PathBuf),
    Jsonl(PathBuf),
}

/// DIR must exist, be a folder and be listable; otherwise there is nothing to do (exit 2).
fn check_input_folder(dir: &Path) -> Result<()> {
    let meta = fs::metadata(dir).map_err(|e| anyhow!("{}: {}", dir.display(), io_reason(&e)))?;
    if !meta.is_dir() {
        anyhow::bail!("{}: not a directory", dir.display());
    }
    fs::read_dir(dir).map_err(|e| anyhow!("{}: cannot read: {}", dir.display(), io_reason(&e)))?;
    Ok(())
}

/// Creates OUT, removes temporary files a killed run left in it, and proves it writable.
fn prepare_out_folder(out: &Path) -> Result<()> {
    let shown = out.display();
    fs::create_dir_all(out)
        .map_err(|e| anyhow!("{shown}: cannot create output folder: {}", io_reason(&e)))?;
    atomic::remove_stale(out).map_err(|e| {
        anyhow!(
            "{shown}: cannot remove stale temporary files: {}",
            io_reason(&e)
        )
    })?;
    // The probe is named like any other temporary file, so even a kill right here leaves nothing
    // the next run would not clean; dropping it removes it.
    atomic::temp_beside(&out.join("probe"))
        .map_err(|e| anyhow!("{shown}: cannot write: {}", io_reason(&e)))?;
    Ok(())
}

/// The JSON Lines target must not be a folder, and its folder must take a temporary file.
fn check_jsonl_target(file: &Path) -> Result<()> {
    let shown = file.display();
    if file.is_dir() {
        anyhow::bail!("{shown}: is a directory");
    }
    atomic::remove_stale_beside(file)
        .map_err(|e| anyhow!("{shown}: cannot write: {}", io_reason(&e)))?;
    atomic::temp_beside(file).map_err(|e| anyhow!("{shown}: cannot write: {}", io_reason(&e)))?;
    Ok(())
}

/// What the walk must never take as input: the output folder or file, when it lies inside DIR.
/// Compared by canonical path, so `pages/out` and `./pages/../pages/out` (or a symlink to it)
/// are the same folder.
#[derive(Default)]
struct Exclude {
    folder: Option<PathBuf>,
    file: Option<PathBuf>,
}

impl Exclude {
    fn folder(dir: &Path, out: &Path) -> Exclude {
        let out = fs::canonicalize(out).ok();
        // `--out DIR` (records beside their dumps) is allowed; excluding DIR itself would leave
        // nothing to do, and the `.json` records and hidden temp files are never inputs anyway.
        if out.is_none() || out == fs::canonicalize(dir).ok() {
            return Exclude::default();
        }
        Exclude {
            folder: out,
            file: None,
        }
    }

    fn file(file: &Path) -> Exclude {
        // Only a `.txt` target could ever be taken for input.
        if !is_dump(file) {
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

/// The walk's result: input paths relative to DIR, sorted, and what could not be walked.
struct Walk {
    inputs: Vec<PathBuf>,
    problems: Vec<(PathBuf, String)>,
}

fn find_inputs(dir: &Path, exclude: &Exclude) -> Walk {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !(is_hidden(e.file_name()) || exclude.excludes_folder(e))
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file()
                    && is_dump(entry.path())
                    && !exclude.excludes_file(&entry)
                {
                    // Every entry's path starts with DIR as given, so this cannot fail.
                    if let Ok(rel) = entry.path().strip_prefix(dir) {
                        inputs.push(rel.to_path_buf());
                    }
                }
            }
            Err(err) => {
                if let Some((path, reason)) = walk_problem(&err) {
                    problems.push((path, reason));
                }
            }
        }
    }
    inputs.sort();
    Walk { inputs, problems }
}

/// Which walk errors are worth a `newsclean: <path>: <reason>` line and a failure: an unreadable
/// folder, or a `.txt` that cannot be followed (a dangling symlink is a dump that cannot be
/// read). Symlink loops and things that would have been skipped anyway are not.
fn walk_problem(err: &walkdir::Error) -> Option<(PathBuf, String)> {
    if err.loop_ancestor().is_some() {
        return None;
    }
    let path = err.path()?;
    if path.file_name().is_some_and(is_hidden) {
        return None;
    }
    let is_dangling_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && fs::metadata(path).is_err();
    if is_dangling_link && !is_dump(path) {
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

fn is_dump(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "txt")
}

#[derive(Default)]
struct Tally {
    parsed: AtomicUsize,
    failed: AtomicUsize,
    up_to_date: AtomicUsize,
}

/// What every worker shares: the parser, the options, the bar and the counts.
struct Run<'a> {
    parser: &'a Parser,
    args: &'a BatchArgs,
    bar: &'a ProgressBar,
    tally: Tally,
}

impl Run<'_> {
    /// Reports one failed input without tearing the progress bar.
    fn fail(&self, path: &Path, reason: &str) {
        self.tally.failed.fetch_add(1, Ordering::Relaxed);
        self.bar
            .suspend(|| eprintln!("newsclean: {}: {reason}", path.display()));
    }

    /// Reads and parses `DIR/rel`, with `input` set to that path as the user would see it.
    fn parse_one(&self, input: &Path) -> Result<Article, String> {
        let bytes = read_input(input).map_err(|e| one_line(&e))?;
        let mut article = self
            .parser
            .parse_bytes(&bytes, self.args.opts.explain)
            .map_err(|e| e.to_string())?;
        article.input = input.display().to_string();
        Ok(article)
    }

    fn parse_to_tree(&self, rel: &Path, out: &Path) {
        let input = self.args.dir.join(rel);
        let output = out.join(rel).with_extension("json");
        if !self.args.force && is_up_to_date(&input, &output) {
            self.tally.up_to_date.fetch_add(1, Ordering::Relaxed);
        } else {
            match self
                .parse_one(&input)
                .and_then(|article| self.write_tree_record(&article, &output))
            {
                Ok(()) => {
                    self.tally.parsed.fetch_add(1, Ordering::Relaxed);
                }
                Err(reason) => self.fail(&input, &reason),
            }
        }
        self.bar.inc(1);
    }

    fn write_tree_record(&self, article: &Article, output: &Path) -> Result<(), String> {
        let cannot_write =
            |e: io::Error| format!("cannot write {}: {}", output.display(), io_reason(&e));
        let compact = self.args.opts.compact;
        let write =
            || atomic::write_atomically(output, |mut w| write_record(&mut w, article, compact));
        // Folders are made when a write finds one missing: the first record of a folder pays
        // for it, not every record (a `create_dir_all` each was two system calls a file).
        match (write(), output.parent()) {
            (Err(e), Some(folder)) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(folder).map_err(cannot_write)?;
                write().map_err(cannot_write)
            }
            (result, _) => result.map_err(cannot_write),
        }
    }

    /// Parses a chunk at a time in parallel and writes each chunk's records in path order, so the
    /// file is the same bytes whatever the pool's size, and so are the error lines on stderr.
    ///
    /// A writer thread writes chunk N while the pool parses chunk N+1: written inline, the pool
    /// stood idle for every write, which kept `-j2` well short of twice `-j1`. The channel holds
    /// one chunk, so at most three chunks of records are in memory whatever the number of inputs.
    fn parse_to_jsonl(
        &self,
        inputs: &[PathBuf],
        file: &Path,
        pool: &rayon::ThreadPool,
    ) -> Result<()> {
        let cannot_write =
            |e: io::Error| anyhow!("{}: cannot write: {}", file.display(), io_reason(&e));
        let tmp = atomic::temp_beside(file).map_err(cannot_write)?;
        let w = std::thread::scope(|scope| {
            let (parsed, to_write) = mpsc::sync_channel::<(&[PathBuf], Vec<Parsed>)>(1);
            let writer = scope.spawn(move || -> Result<_> {
                let mut w = BufWriter::with_capacity(1 << 20, tmp);
                for (chunk, lines) in to_write {
                    for (rel, line) in chunk.iter().zip(lines) {
                        match line {
                            Ok(line) => {
                                w.write_all(&line).map_err(cannot_write)?;
                                self.tally.parsed.fetch_add(1, Ordering::Relaxed);
                            }
                            Err(reason) => self.fail(&self.args.dir.join(rel), &reason),
                        }
                    }
                }
                Ok(w)
            });
            for chunk in inputs.chunks(JSONL_CHUNK) {
                let lines =
                    pool.install(|| chunk.par_iter().map(|rel| self.jsonl_line(rel)).collect());
                // The writer only hangs up on a write error, which its result reports.
                if parsed.send((chunk, lines)).is_err() {
                    break;
                }
            }
            drop(parsed);
            writer
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        // A failure past this point drops the temporary file, which removes it.
        let tmp = w.into_inner().map_err(|e| cannot_write(e.into_error()))?;
        tmp.as_file().sync_all().map_err(cannot_write)?;
        atomic::persist(tmp, file).map_err(cannot_write)
    }

    /// One input's compact record, newline included, or why it failed.
    fn jsonl_line(&self, rel: &Path) -> Parsed {
        let line = self.parse_one(&self.args.dir.join(rel)).map(|article| {
            let mut line = Vec::with_capacity(4096);
            // Writing into a Vec cannot fail.
            let _ = write_record(&mut line, &article, true);
            line
        });
        self.bar.inc(1);
        line
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
/// `--no-progress`. Forced onto a pipe or a log file, it prints a plain line every second
/// instead of redrawing in place, since cursor movements would only litter the log.
fn progress_bar(len: u64, args: &BatchArgs) -> ProgressBar {
    let on_terminal = io::stderr().is_terminal();
    let show = !args.no_progress && (args.progress || on_terminal);
    if !show {
        return ProgressBar::hidden();
    }
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

/// A draw target for a stderr that is not a terminal: each draw becomes one finished line.
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
            writeln!(io::stderr().lock(), "{text}")?;
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
    fn only_txt_files_are_dumps() {
        assert!(is_dump(Path::new("a/b.txt")));
        assert!(!is_dump(Path::new("a/b.json")));
        assert!(!is_dump(Path::new("a/b.TXT")));
        assert!(!is_dump(Path::new("a/txt")));
    }
}
