//! Arbitrary bytes through the parser: it must never panic or hang, its record must serialise
//! to JSON, and no word of the input may be lost (SPEC's guarantees, with the word as defined
//! in `tests/common/mod.rs`, which this target shares by path so both check the same thing).
//!
//! Both entry points are fed: `Parser::parse_bytes` (the CLI's path: input checks, lossy
//! decoding, `--explain` ledger) and `newsclean::parse` on the lossily decoded text, which
//! skips the input checks and so also sees empty, blank and NUL-bearing text.
//!
//! Each input also has a time budget, proportional to its length (see [`budget`]): a parse that
//! goes quadratic on some shape (a run of spaces or brackets once took seconds for 100 KB) fails
//! here as a finding, long before libFuzzer's own `-timeout` (20 minutes by default) would fire.
#![no_main]

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use newsclean::{Article, Parser, Rules};

#[path = "../../tests/common/mod.rs"]
mod common;

static PARSER: LazyLock<Parser> =
    LazyLock::new(|| Parser::new(Rules::builtin()).expect("built-in rules compile"));

fn check(text: &str, article: &Article) {
    let json = serde_json::to_string(article).expect("a record serialises");
    let value: serde_json::Value = serde_json::from_str(&json).expect("a record is valid JSON");
    let lost = common::lost_words(text, &value);
    assert!(lost.is_empty(), "words lost: {lost:?}\nrecord: {json}");
}

/// What both parses of one input may take: generous for a sanitizer build on a busy machine
/// (a typical 4 KB input parses in well under a millisecond there), tight enough that a
/// quadratic shape of a few KB goes over it.
fn budget(len: usize) -> Duration {
    Duration::from_millis(250) + Duration::from_micros(50) * len as u32
}

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let started = Instant::now();
    let explained = PARSER.parse_bytes(bytes, true);
    let plain = newsclean::parse(&text);
    let took = started.elapsed();
    assert!(
        took <= budget(bytes.len()),
        "{} bytes took {took:?}, over the budget of {:?}",
        bytes.len(),
        budget(bytes.len())
    );
    if let Ok(article) = explained {
        check(&text, &article);
    }
    check(&text, &plain);
});
