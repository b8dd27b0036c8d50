//! Regexes compiled on first use, behind a cheap test that every match must pass.
//!
//! Compiling the parser's patterns was most of a one-file run (issue 7): about 25M instructions
//! at start-up, against about 1M for parsing a typical dump. Most lines cannot match most
//! patterns, and a byte test shows it: a `PLACE:` dateline needs a colon, a `By:` line starts
//! with `by`. A [`Gated`] pattern is compiled only when a line first passes its gate, and a run
//! over dumps that never need it never pays for it. (The patterns needed on nearly every dump,
//! dashed photo credits, relative ages and publisher stamps glued to an age, became small
//! scanners instead, in `caption.rs` and `dates.rs`, each tested against the regex it replaced.)
//!
//! A gate must pass every text the pattern matches, or lines would change class. The test
//! helper `Gated::assert_sound` holds each gate to that with texts generated from the
//! pattern itself (`sample_texts`), Unicode whitespace and all.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A regex and a necessary condition for it to match.
pub(crate) struct Gated {
    gate: fn(&str) -> bool,
    re: LazyLock<Regex>,
}

impl Gated {
    /// `gate` must return true for every text that `build()`'s regex matches.
    pub(crate) const fn new(gate: fn(&str) -> bool, build: fn() -> Regex) -> Gated {
        Gated {
            gate,
            re: LazyLock::new(build),
        }
    }

    /// Whether `text` may match: when false, it certainly does not.
    pub(crate) fn may_match(&self, text: &str) -> bool {
        (self.gate)(text)
    }

    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.re.is_match(text)
    }

    pub(crate) fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        if self.may_match(text) {
            self.re.captures(text)
        } else {
            None
        }
    }

    /// Checks the gate against texts generated from the pattern (see [`sample_texts`]). Panics
    /// on a matching text the gate rejects, and when too few generated texts match for the
    /// check to mean anything.
    #[cfg(test)]
    pub(crate) fn assert_sound(&self, name: &str) {
        assert_gate_sound(name, self.gate, &self.re);
    }
}

/// Checks `gate` against texts generated from `re` (see [`sample_texts`]): for patterns built
/// at run time from the rules, which a [`Gated`] cannot hold.
#[cfg(test)]
pub(crate) fn assert_gate_sound(name: &str, gate: fn(&str) -> bool, re: &Regex) {
    let texts = sample_texts(re.as_str(), 400);
    let mut matched = 0;
    for text in &texts {
        if re.is_match(text) {
            matched += 1;
            assert!(
                gate(text),
                "{name}: the gate rejects {text:?}, which the pattern matches"
            );
        }
    }
    assert!(
        matched * 20 >= texts.len(),
        "{name}: only {matched} of {} generated texts match; the check is too weak",
        texts.len()
    );
}

/// Texts made from `pattern`, `count` of them each alone, after other text, before other text
/// and inside other text, from a fixed seed. Anchors are dropped and word boundaries made
/// spaces for the generator, so some texts do not match the pattern itself.
#[cfg(test)]
pub(crate) fn sample_texts(pattern: &str, count: usize) -> Vec<String> {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    let generator = pattern
        .replace("(?-u:\\b)", " ")
        .replace("\\b", " ")
        .replace("[^", "[\u{0}")
        .replace('^', "")
        .replace("[\u{0}", "[^")
        .replace('$', "");
    let strategy = proptest::string::string_regex(&generator)
        .unwrap_or_else(|e| panic!("cannot generate from {generator:?}: {e}"));
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let mut texts = Vec::with_capacity(count * 4);
    for _ in 0..count {
        let core = strategy.new_tree(&mut runner).unwrap().current();
        texts.push(format!("Said he {core}"));
        texts.push(format!("{core} and more"));
        texts.push(format!("x\u{a0}— {core}\tx"));
        texts.push(core);
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    static DIGITS: Gated = Gated::new(
        |t| t.bytes().any(|b| b.is_ascii_digit()),
        || Regex::new(r"[0-9]{2,}").unwrap(),
    );
    static WRONG: Gated = Gated::new(|t| t.starts_with('a'), || Regex::new(r"b+").unwrap());

    #[test]
    fn a_sound_gate_passes_and_filters() {
        DIGITS.assert_sound("DIGITS");
        assert!(DIGITS.is_match("a 12"));
        assert!(!DIGITS.is_match("a 1"));
        assert!(DIGITS.captures("no digits").is_none());
    }

    #[test]
    #[should_panic(expected = "the gate rejects")]
    fn an_unsound_gate_is_caught() {
        WRONG.assert_sound("WRONG");
    }
}
