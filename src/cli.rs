//! The command line, as clap derive types. Doc comments here are the `--help` text; the examples
//! and exit codes shown after it are the `*_HELP` constants below.
//!
//! Paired flags (`--progress` / `--no-progress`) override each other, the last one winning, as in
//! ripgrep; a flag that would do nothing somewhere is not offered there (`-c` is only on `parse`
//! and `batch`, whose output it shapes; `--force` is refused with `--jsonl`, which is always
//! remade).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn scraped news-page dumps into clean JSON records.
///
/// With no subcommand, `newsclean [FILE]...` is `newsclean parse [FILE]...`: no FILE, or `-`,
/// reads stdin.
#[derive(Debug, Parser)]
#[command(
    name = "newsclean",
    about,
    args_conflicts_with_subcommands = true,
    after_help = MAIN_HELP,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub parse: ParseArgs,
}

/// Examples and exit codes, after `newsclean --help`.
const MAIN_HELP: &str = "\
Examples:
  newsclean page.txt                          one pretty record on stdout
  newsclean -c dumps/*.txt > records.jsonl    one record per line
  newsclean batch scrapes/ --out records/     scrapes/a/b.txt -> records/a/b.json
  newsclean batch scrapes/ --jsonl - | gzip > records.jsonl.gz
  newsclean check fixtures/                   golden tests; --bless to update

Exit codes:
  0  every input parsed (check: every fixture matched)
  1  at least one input failed; the others were still written (check: a mismatch)
  2  usage error, or nothing could be done (unreadable folder, unwritable output, bad rules)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse dumps (files, or stdin) into records on stdout.
    #[command(after_help = PARSE_HELP)]
    Parse(ParseArgs),
    /// Parse every *.txt under folders, in parallel, into mirrored .json files or one JSON Lines file.
    #[command(after_help = BATCH_HELP)]
    Batch(BatchArgs),
    /// Compare fixtures (name.txt + name.json) with what the parser makes of them.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// JSON Lines in ({"id", "text", ...}), JSON Lines out, one record per input line.
    #[command(after_help = STREAM_HELP)]
    Stream(StreamArgs),
    /// Print the JSON Schema (draft 2020-12) of a record.
    Schema,
    /// Print the built-in rules, in the format --rules reads; with --suggest, rules for a site's
    /// chrome learned from a folder of its pages.
    #[command(after_help = RULES_HELP)]
    Rules(RulesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `newsclean man | man -l -`.
    Man,
}

const RULES_HELP: &str = "\
Examples:
  newsclean rules > my-rules.json                       the built-in rules, to copy and extend
  newsclean rules --suggest scrapes/ > site-rules.json  chrome lines that recur across a site's pages
  newsclean batch scrapes/ --jsonl out.jsonl --rules site-rules.json

--suggest prints a rules file on stdout and a review table on stderr: read the table, delete
what is not chrome, then pass the file with --rules.";

const PARSE_HELP: &str = "\
Examples:
  newsclean parse page.txt
  newsclean parse -c a.txt b.txt.gz > records.jsonl
  find dumps -name '*.txt' -print0 | newsclean parse -c --files-from - -0
  newsclean parse --explain page.txt            every line's class and rule

Exit codes: 0 all parsed, 1 an input failed (the others were printed), 2 usage or rules error.";

const BATCH_HELP: &str = "\
Examples:
  newsclean batch scrapes/ --out records/           mirrored tree; a re-run redoes only what changed
  newsclean batch a/ b/ --jsonl all.jsonl -j 4      several folders, one file in path order
  newsclean batch scrapes/ --jsonl - | jq -c 'select(.status == \"error\")'
  newsclean batch scrapes/ --glob '*.TXT' --glob '*.txt' --out records/
  newsclean batch --files-from list.txt --jsonl all.jsonl --report run.json

Exit codes: 0 all parsed or up to date, 1 an input failed (the rest were written),
2 nothing could be done (unreadable folder, unwritable output, bad rules, foreign .json in OUT).";

const CHECK_HELP: &str = "\
Examples:
  newsclean check fixtures/
  newsclean check fixtures/02-*.txt --bless        write the expected .json, then review git diff

Exit codes: 0 every fixture matched, 1 a mismatch or a bad fixture, 2 no fixture found,
a PATH missing, or a --bless that could not write.";

const STREAM_HELP: &str = "\
Example:
  printf '%s\\n' '{\"id\": \"a\", \"text\": \"Headline\\nKUALA LUMPUR: Body.\"}' | newsclean stream

Exit codes: 0 once the whole stream was read (bad lines are error records), 2 when stdin
cannot be read or stdout cannot be written.";

const COMPLETIONS_HELP: &str = "\
Examples:
  newsclean completions bash > ~/.local/share/bash-completion/completions/newsclean
  newsclean completions zsh > ~/.zfunc/_newsclean
  newsclean completions fish > ~/.config/fish/completions/newsclean.fish";

/// Options every parsing command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonOpts {
    /// A JSON rules file that extends the built-in rules (see `newsclean rules`).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Add `lines` to each record: every input line's class and the rule that decided it.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct RulesArgs {
    /// Learn chrome from the dumps under these folders (the same walk as `batch`): lines the
    /// parser put into articles' text that recur across many distinct articles.
    #[arg(long, value_name = "DIR", num_args = 1..)]
    pub suggest: Vec<PathBuf>,

    /// With --suggest: a line must stand in at least N distinct articles.
    #[arg(long, value_name = "N", default_value_t = 3, requires = "suggest")]
    pub min_articles: usize,

    /// With --suggest: and in at least this share (0 to 1) of them.
    #[arg(long, value_name = "P", default_value_t = 0.1, requires = "suggest")]
    pub min_share: f64,

    /// With --suggest: which files are dumps (as in `batch`).
    #[arg(long, value_name = "PATTERN", requires = "suggest")]
    pub glob: Vec<String>,

    /// With --suggest: parse with these rules too, so only what they miss is suggested.
    #[arg(long, value_name = "FILE", requires = "suggest")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ParseArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// One record per line (JSON Lines) instead of pretty-printed JSON.
    #[arg(short, long)]
    pub compact: bool,

    /// Also parse the files listed in FILE, one a line (`-`: read the list from stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// The --files-from list is NUL-separated (`find -print0`), not one name a line.
    #[arg(short = '0', long = "null", requires = "files_from")]
    pub null: bool,

    /// Dumps to parse (`.gz` is decompressed); `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args, Clone)]
#[command(group(clap::ArgGroup::new("destination").required(true).args(["out", "jsonl"])))]
#[command(group(clap::ArgGroup::new("inputs").required(true).multiple(true).args(["dirs", "files_from"])))]
pub struct BatchArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// One record per line in each --out file (--jsonl is always one record per line).
    #[arg(short, long)]
    pub compact: bool,

    /// Folders of dumps: every file below them whose name matches --glob, recursively.
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Also parse the files listed in FILE, one a line (`-`: read the list from stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    /// The --files-from list is NUL-separated (`find -print0`), not one name a line.
    #[arg(short = '0', long = "null", requires = "files_from")]
    pub null: bool,

    /// Which file names are dumps (repeatable; `*`, `?` and `[abc]`, case-sensitive).
    /// Default: `*.txt` and `*.txt.gz`.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Write OUT/a/b.json for DIR/a/b.txt (OUT must not be DIR itself).
    #[arg(long, value_name = "OUT")]
    pub out: Option<PathBuf>,

    /// Write one JSON Lines file of all records, in path order (`-`: stdout).
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,

    /// Write a JSON summary of the run to FILE: counts, failures with reasons, warnings.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Parallel jobs (default, or 0: all cores; never more than the inputs). The output is the
    /// same whatever N.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Redo every input, and write over .json files in OUT that newsclean did not write.
    #[arg(long, conflicts_with = "jsonl")]
    pub force: bool,

    /// Show a progress bar even when stderr is not a terminal.
    #[arg(long, overrides_with = "no_progress")]
    pub progress: bool,

    /// Never show a progress bar.
    #[arg(long, overrides_with = "progress")]
    pub no_progress: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// Fixture files (name.txt) or folders of them.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Write the expected name.json of every fixture that is missing or differs, and say which.
    #[arg(long)]
    pub bless: bool,
}

#[derive(Debug, Args, Clone)]
pub struct StreamArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// Parallel jobs inside this process (default: all cores); output order is input order.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
