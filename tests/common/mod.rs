//! Helpers shared by the integration tests (and by the fuzz target, which includes this file by
//! path): chiefly the project's definition of a *word*, on which SPEC's "no word is lost"
//! guarantee rests.
//!
//! Not every test file uses every helper, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::collections::BTreeSet;

use unicode_segmentation::UnicodeSegmentation;

/// The words of `text`, as the "no word is lost" guarantee counts them.
///
/// A word is a Unicode word (UAX #29, `unicode_words()` of unicode-segmentation) of the text
/// after the parser's own normalisation (a leading BOM dropped, CRLF and lone CR folded to LF;
/// invalid UTF-8 already decoded lossily), further split wherever a letter meets a digit.
/// The split is there because scrapers glue a publisher to its age or date (`The Star3 hours
/// ago`, `time5 hours ago`, `CNA14-02-2025`) and the record rightly gives `The Star` and
/// `3 hours ago` as two strings: `Star3` is then the words `Star` and `3` on both sides. A
/// lower-case letter before a capital splits a word as well: FMT pages glue a caption to its
/// dateline (`Nadwa FikriPETALING JAYA:`). So does a run of capitals before a capitalised word
/// (`UTCFloods` gives `UTC` and `Floods`): a list of other stories glues a clock time's zone to
/// the headline after it.
///
/// A colon, a full stop or an apostrophe inside a word splits it too, although UAX #29 lets
/// them join letters (`c:a`, `e.g`, `year's`): scrapers drop the space after a dateline's colon,
/// a sentence's full stop or a closing quote (Daily8 turns `’` into `'`), as in
/// `Kuala Lumpur:The`, `yesterday.SANDAKAN:`, `last year'As`, and the record rightly cuts there.
/// A comma inside a number (`1,240`) splits it as well: rejoining a link split whose next line
/// starts with a comma (`rise to 102` + `,4 ...`) rightly leaves no space before the comma, and
/// UAX #29 then reads `102,4` as one number.
/// Both sides are split alike, so `year's` is `year` and `s` in the input and in the record.
///
/// A word starts with a letter or a digit: what comes before the first one is dropped. UAX #29
/// attaches a combining mark to whatever precedes it and joins `_` into words, so a stray mark
/// after a space or a dash (`  \u{2dff}`, `—\u{dd0}`) or a run of underscores (`___atures`, all
/// only ever seen in fuzzed bytes) would otherwise make white space or punctuation part of a
/// word. A semicolon inside a number (`20;25`) splits it, like a comma, and so does any change
/// between digits and non-digits (`Malaysi׳9`, a Hebrew geresh before an age).
///
/// Words are compared exactly (case-sensitively): the parser never changes a word's case.
///
/// One more glue cannot be seen from the input alone: a relative age spelled with a letter runs
/// into the outlet or `time` before it (`New Straits Timesan hour ago`, `timea day ago`,
/// `Barnamaa day ago`). [`lost_words`] therefore also accepts an input word that is a record
/// word followed by `a` or `an` (the only letter-initial ages, FORMATS.md §3) when the record
/// has both halves as words.
pub fn words(text: &str) -> BTreeSet<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = BTreeSet::new();
    for word in text.unicode_words() {
        for part in word
            .split([':', '.', '\'', '’', ',', ';'])
            .map(|p| p.trim_start_matches(|c: char| !c.is_alphanumeric()))
            .filter(|p| !p.is_empty())
        {
            for piece in split_letters_from_digits(part) {
                out.insert(piece.to_string());
            }
        }
    }
    out
}

/// `Star3` gives `Star` and `3`; `14th` gives `14` and `th`; `COVID-19` was already two words;
/// `FikriPETALING` gives `Fikri` and `PETALING`; `UTCFloods` gives `UTC` and `Floods`; `CNAan`
/// stays one word (see `lost_words`' glued ages).
fn split_letters_from_digits(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if let Some(p) = prev {
            // A lower-case letter runs into a capital where a scraper dropped the space between
            // a caption and its dateline (`Nadwa FikriPETALING JAYA:`); a run of capitals into
            // a capitalised word where a list glued a time zone to a headline (`UTCFloods`).
            // The word must go on for three lower-case letters or more: an outlet ending in a
            // capital glued to an age (`CNAan hour ago`) is `CNA` and `an`, not `CN` and `Aan`.
            let caps_into_word = p.is_uppercase()
                && c.is_uppercase()
                && next.is_some_and(char::is_lowercase)
                && i - start >= 2
                && word[i + c.len_utf8()..]
                    .chars()
                    .take_while(|ch| ch.is_lowercase())
                    .count()
                    >= 3;
            let boundary = p.is_numeric() != c.is_numeric()
                || (p.is_lowercase() && c.is_uppercase())
                || caps_into_word;
            if boundary {
                pieces.push(&word[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    pieces.push(&word[start..]);
    pieces
}

/// Keys whose strings are the parser's own words, not the input's, so they cannot vouch for an
/// input word: `input` (a path or id), `kind`, `warnings`, the `--explain` ledger `lines` (whose
/// rule names quote chrome lines) and the ISO `date` of `published` (digits re-ordered). Leaving
/// them out keeps the property able to fail.
const NOT_FROM_THE_INPUT: &[&str] = &["input", "kind", "warnings", "lines"];

/// The words of every string in a record (any depth; `boilerplate` included), except those
/// under [`NOT_FROM_THE_INPUT`] keys.
pub fn record_words(record: &serde_json::Value) -> BTreeSet<String> {
    let mut strings = Vec::new();
    collect_strings(record, None, &mut strings);
    let mut out = BTreeSet::new();
    for s in strings {
        out.extend(words(&s));
    }
    out
}

fn collect_strings(v: &serde_json::Value, parent: Option<&str>, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => {
            for item in items {
                collect_strings(item, parent, out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let skip = NOT_FROM_THE_INPUT.contains(&key.as_str())
                    || (key == "date" && parent == Some("published"));
                if !skip {
                    collect_strings(value, Some(key), out);
                }
            }
        }
        _ => {}
    }
}

/// The input words that no string of the record carries, in sorted order; empty when the
/// guarantee holds.
pub fn lost_words(input: &str, record: &serde_json::Value) -> Vec<String> {
    let kept = record_words(record);
    // Ages are matched without regard to case (`aN hour ago` is an age), so the glued `a`/`an`
    // is too.
    let glued_age = |w: &str| {
        ["an", "a"].iter().any(|age| {
            let n = age.len();
            w.len() > n
                && w.is_char_boundary(w.len() - n)
                && w[w.len() - n..].eq_ignore_ascii_case(age)
                && kept.contains(&w[..w.len() - n])
                && kept.contains(&w[w.len() - n..])
        })
    };
    // A combining mark that opens a word (`:\u{5bc}auseway` after a cut dateline, a mark after a
    // line break) attaches, by UAX #29, to whatever precedes it, so the same text segments
    // differently at the start of a record string. Such words (only ever seen in fuzzed bytes)
    // are kept when they appear in some string of the record, SPEC's own wording.
    let mut strings = Vec::new();
    collect_strings(record, None, &mut strings);
    // The same mark can also end up glued to the front of the word in the record instead
    // (`OUTES` + `:ּauseway` rejoined as a split link): `auseway` is then kept as `ּauseway`.
    let appears = |w: &str| {
        (!w.is_ascii() && strings.iter().any(|s| s.contains(w)))
            || kept
                .iter()
                .any(|k| k.len() > w.len() && k.ends_with(w) && !k[..k.len() - w.len()].is_ascii())
    };
    let input_words = words(input);
    // A drop cap: the lead's first letter set alone on a line (`T` / `his week ...`) is
    // rejoined to the rest of its word (`This`), which is then the record's word for both.
    let capital = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
    };
    let drop_cap = |w: &str| {
        kept.iter().any(|k| {
            let whole_cap = capital(w)
                && k.len() > w.len()
                && k.starts_with(w)
                && input_words.contains(&k[w.len()..]);
            let rest = k.len() > w.len()
                && k.ends_with(w)
                && k.is_char_boundary(k.len() - w.len())
                && capital(&k[..k.len() - w.len()])
                && input_words.contains(&k[..k.len() - w.len()]);
            whole_cap || rest
        })
    };
    input_words
        .iter()
        .filter(|w| !kept.contains(*w) && !glued_age(w) && !appears(w) && !drop_cap(w))
        .cloned()
        .collect()
}
