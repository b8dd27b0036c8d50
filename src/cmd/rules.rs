//! `newsclean rules`: the built-in rules, printed in the format `--rules FILE` reads, so a user
//! can copy them, keep the keys they want to extend, and pass the file back.
//!
//! `newsclean rules --suggest DIR...`: a site's chrome learned from a folder of its pages (see
//! `newsclean::suggest`). The rules file goes to stdout, ready for `--rules`; the review table
//! to stderr (articles, share, an example file, the line), so `> site-rules.json` keeps the
//! two apart. Dumps are parsed in parallel; the output is the same whatever the thread count.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{bail, Result};
use newsclean::suggest::{self, Suggestion, Thresholds};
use newsclean::{Article, Rules};
use rayon::prelude::*;
use serde_json::json;

use super::batch::dumps_under;
use super::{build_parser, one_line, read_input};
use crate::cli::{CommonOpts, RulesArgs};
use crate::diag::{self, input_name};

pub fn run(args: RulesArgs) -> Result<ExitCode> {
    if !args.suggest.is_empty() {
        return suggest_from(args);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "{}", Rules::builtin().to_json_pretty())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn suggest_from(args: RulesArgs) -> Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.min_share) {
        bail!(
            "--min-share {}: expected a share from 0 to 1",
            args.min_share
        );
    }
    let opts = CommonOpts {
        rules: args.rules.clone(),
        explain: false,
    };
    let (parser, _) = build_parser(&opts)?;
    let dumps = dumps_under(&args.suggest, &args.glob)?;
    // Parsed in parallel, collected in path order; failed dumps are reported in that order.
    let parsed: Vec<Result<Article, String>> = dumps
        .par_iter()
        .map(|(path, problem)| {
            if let Some(p) = problem {
                return Err(p.clone());
            }
            let bytes = read_input(path).map_err(|e| one_line(&e))?;
            let mut article = parser
                .parse_bytes(&bytes, false)
                .map_err(|e| e.to_string())?;
            article.input = input_name(path);
            // Only what the counting reads is kept, so a big folder stays small in memory.
            article.boilerplate.clear();
            for t in article.related.iter_mut().chain(article.items.iter_mut()) {
                t.body.clear();
                t.images.clear();
            }
            Ok(article)
        })
        .collect();
    let mut records = Vec::with_capacity(parsed.len());
    let mut failed = 0;
    for ((path, _), result) in dumps.iter().zip(parsed) {
        match result {
            Ok(a) => records.push(a),
            Err(reason) => {
                failed += 1;
                diag::error(path, reason);
            }
        }
    }
    let s = suggest::suggest(
        &records,
        Thresholds {
            min_articles: args.min_articles,
            min_share: args.min_share,
        },
    );
    let rules = json!({
        "chrome_lines": s.lines.iter().map(|l| &l.line).collect::<Vec<_>>(),
        "chrome_patterns": s.patterns.iter().filter_map(|p| p.pattern.as_ref()).collect::<Vec<_>>(),
    });
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "{}", serde_json::to_string_pretty(&rules)?)?;
    out.flush()?;
    review(&s.lines, &s.patterns, records.len(), s.articles);
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The review table on stderr: one row a suggestion, then a summary line.
fn review(lines: &[Suggestion], patterns: &[Suggestion], dumps: usize, articles: usize) {
    if !lines.is_empty() || !patterns.is_empty() {
        diag::say(format_args!(
            "{:>8}  {:>6}  {:<32}  line",
            "articles", "share", "example"
        ));
    }
    for s in patterns.iter().chain(lines) {
        let shown = match &s.pattern {
            Some(p) => format!("{p}   (e.g. {})", diag::shown_text(&s.line)),
            None => diag::shown_text(&s.line),
        };
        diag::say(format_args!(
            "{:>8}  {:>5.1}%  {:<32}  {}",
            s.articles,
            100.0 * s.share,
            diag::shown_text(&s.example),
            shown
        ));
    }
    diag::say(format_args!(
        "rules: {dumps} dumps, {articles} distinct articles; {} lines and {} patterns suggested",
        lines.len(),
        patterns.len()
    ));
}
