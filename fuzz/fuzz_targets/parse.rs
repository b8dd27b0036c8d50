//! Arbitrary bytes through the parser: it must never panic or hang, its record must serialise
//! to JSON, and no word of the input may be lost (SPEC's guarantees, with the word as defined
//! in `tests/common/mod.rs`, which this target shares by path so both check the same thing).
//!
//! Both entry points are fed: `Parser::parse_bytes` (the CLI's path: input checks, lossy
//! decoding, `--explain` ledger) and `newsclean::parse` on the lossily decoded text, which
//! skips the input checks and so also sees empty, blank and NUL-bearing text.
#![no_main]

use std::sync::LazyLock;

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

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(article) = PARSER.parse_bytes(bytes, true) {
        check(&text, &article);
    }
    check(&text, &newsclean::parse(&text));
});
