//! `newsclean parse [FILE]...`: each input to one record on stdout, in argument order.
//!
//! A bad input is reported on stderr and skipped; the others are still printed, and the exit
//! code is 1 (SPEC). Pretty records follow one another as jq prints a stream.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ParseArgs;
use crate::cmd::{build_parser, read_input};
use crate::output::write_record;

pub fn run(args: ParseArgs) -> Result<ExitCode> {
    let parser = build_parser(&args.opts)?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for path in &files {
        let shown = path.display().to_string();
        let article = read_input(path).and_then(|bytes| {
            parser
                .parse_bytes(&bytes, args.opts.explain)
                .map_err(anyhow::Error::from)
        });
        match article {
            Ok(mut article) => {
                article.input = shown;
                write_record(&mut out, &article, args.opts.compact)?;
            }
            Err(e) => {
                failed += 1;
                // Flush first so records and errors interleave in argument order on a terminal.
                out.flush()?;
                eprintln!("newsclean: {shown}: {}", crate::cmd::one_line(&e));
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
