//! The command line, as clap derive types. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turn scraped news-page dumps into clean JSON records.
///
/// With no subcommand, `newsclean [FILE]...` is `newsclean parse [FILE]...`: no FILE, or `-`,
/// reads stdin.
#[derive(Debug, Parser)]
#[command(name = "newsclean", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub parse: ParseArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse dumps (files, or stdin) into records on stdout.
    Parse(ParseArgs),
    /// Parse every *.txt under a folder, in parallel, into mirrored .json files or one JSON Lines file.
    Batch(BatchArgs),
    /// Compare fixtures (name.txt + name.json) with what the parser makes of them.
    Check(CheckArgs),
    /// JSON Lines in ({"id", "text", ...}), JSON Lines out, one record per input line.
    Stream(StreamArgs),
    /// Print the JSON Schema (draft 2020-12) of a record.
    Schema,
    /// Print the built-in rules, in the format --rules reads.
    Rules,
}

/// Options every parsing command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonOpts {
    /// One record per line (JSON Lines) instead of pretty-printed JSON.
    #[arg(short, long)]
    pub compact: bool,

    /// A JSON rules file that extends the built-in rules (see `newsclean rules`).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Add `lines` to each record: every input line's class and the rule that decided it.
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct ParseArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// Dumps to parse; `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args, Clone)]
pub struct BatchArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// The folder of dumps (every *.txt below it, recursively).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Write OUT/a/b.json for DIR/a/b.txt.
    #[arg(long, value_name = "DIR", required_unless_present = "jsonl", conflicts_with = "jsonl")]
    pub out: Option<PathBuf>,

    /// Write one JSON Lines file of all records, in path order.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,

    /// Parallel jobs (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Redo inputs whose output is already newer.
    #[arg(long)]
    pub force: bool,

    /// Show a progress bar even when stderr is not a terminal.
    #[arg(long, conflicts_with = "no_progress")]
    pub progress: bool,

    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub opts: CommonOpts,

    /// Fixture files (name.txt) or folders of them.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Write or rewrite the expected name.json files from the parser's output.
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
