//! Leaf text helpers every pass uses: how a line ends, how many words it has, whether two lines
//! are the same headline. They know nothing of layouts or rules, and import no other parser
//! module, so any recogniser can use them without a cycle.

use std::ops::Range;

/// Whether text ends like a finished sentence or a closed quote (so the scraper did not cut it
/// and a following line is not its continuation).
pub(crate) fn ends_terminal(s: &str) -> bool {
    match s.trim_end().chars().last() {
        None => false,
        Some(c) => {
            matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '\'' | '"' | '”' | '’' | ')' | ']' | '…' | '»'
            ) || is_emoji_like(c)
        }
    }
}

fn is_emoji_like(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u) || (0x2600..=0x27BF).contains(&u)
}

/// Whether two lines are the same headline as a reader compares them: curly quotes and
/// straight ones alike, dashes alike, runs of white space alike. It walks both strings once
/// without allocating, since the body pass asks it of every line.
pub(crate) fn same_headline(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut words = s.split_whitespace();
        let first = words.next();
        first
            .into_iter()
            .flat_map(str::chars)
            .chain(words.flat_map(|w| std::iter::once(' ').chain(w.chars())))
            .map(|c| match c {
                '‘' | '’' | '`' | '´' => '\'',
                '“' | '”' => '"',
                '–' | '—' => '-',
                c => c,
            })
    }
    let (a, b) = (a.trim(), b.trim());
    if a == b {
        return true;
    }
    // Quotes change a line's length by two bytes each; a line much longer or shorter than the
    // headline cannot be a copy of it.
    if a.is_empty() || b.is_empty() || a.len().abs_diff(b.len()) > 24 {
        return false;
    }
    norm(a).eq(norm(b)) || same_under_mojibake(a, b)
}

/// Whether `a` and `b` differ only where one was decoded with the wrong character set: a
/// copy of the headline with `’` turned into `â€™` or `â` and two replacement characters.
/// Only asked when one of them shows such a mark, and then compared on their ASCII characters.
fn same_under_mojibake(a: &str, b: &str) -> bool {
    let marked = |s: &str| s.contains(['\u{FFFD}', 'â', 'Ã']);
    if !(marked(a) || marked(b)) {
        return false;
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_ascii() && !c.is_whitespace())
            .collect::<String>()
    };
    let (x, y) = (letters(a), letters(b));
    x.len() >= 12 && x == y
}

/// Number of white-space separated words.
/// The number of words of `s`, counted no further than `cap`: `word_count_to(t, 9) > 8` asks
/// whether a line has more than eight words without counting a long paragraph to its end.
pub(crate) fn word_count_to(s: &str, cap: usize) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().take(cap).count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        if !space && !in_word {
            if words == cap {
                break;
            }
            words += 1;
        }
        in_word = !space;
    }
    words
}

pub(crate) fn word_count(s: &str) -> usize {
    // Asked of nearly every line by several rules: ASCII text is counted over its bytes, as
    // `split_whitespace` would count it (the ASCII white space is `char::is_whitespace`'s).
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Whether `text` opens like an all-caps word (`KUALA`, `O'NEILL`, `A.B.`): a capital, then a
/// capital, `.`, `'`, `’` or `-`.
pub(crate) fn opens_in_caps(text: &str) -> bool {
    let b = text.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1)
            .is_some_and(|&c| c.is_ascii_uppercase() || b"'.-\xE2".contains(&c))
}

/// Whether `text` starts with `prefix`, ASCII letters compared without case.
pub(crate) fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The byte range of `part` inside `whole`, when `part` is a sub-slice of it.
pub(crate) fn span_in(whole: &str, part: &str) -> Option<Range<usize>> {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    (p >= w && p + part.len() <= w + whole.len()).then(|| p - w..p - w + part.len())
}

/// `range` with the white space at both of its ends in `text` left out.
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

/// The last word of `s`, without the punctuation around it, lower-cased.
pub(crate) fn last_word_lower(s: &str) -> String {
    s.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// A paragraph that is one token: a URL, a handle, an address or a timestamp.
pub(crate) fn is_bare_token(p: &str) -> bool {
    let t = p.trim();
    if t.contains(char::is_whitespace) {
        // `10:42 AM`, `3 hours ago`: a time left on its own.
        return t.len() <= 12
            && t.starts_with(|c: char| c.is_ascii_digit())
            && (t.contains(':') || is_age_like(t));
    }
    t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
        || (t.starts_with('@') && t.len() > 1)
        || (t.contains('@') && t.contains('.'))
        || (t.contains(':') && t.bytes().all(|b| b.is_ascii_digit() || b == b':'))
}

/// `3 hours ago`, `an hour ago`: a number or `a`/`an`, a word, `ago`.
fn is_age_like(t: &str) -> bool {
    let w: Vec<&str> = t.split_whitespace().collect();
    w.len() == 3 && w[2].eq_ignore_ascii_case("ago")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_copies_match_across_quote_and_dash_styles() {
        assert!(same_headline(
            "‘Stay calm’ – minister",
            "'Stay calm' - minister"
        ));
        assert!(same_headline("  a  b ", "a b"));
        assert!(!same_headline("a b", "a c"));
        assert!(!same_headline("", "a"));
        // A copy decoded with the wrong character set is still a copy; a different headline
        // with the same marks is not.
        assert!(same_headline(
            "Council\u{2019}s vote on new bridge delayed",
            "Council\u{e2}\u{fffd}\u{fffd}s vote on new bridge delayed"
        ));
        assert!(same_headline(
            "Council\u{2019}s vote on new bridge delayed",
            "Council\u{e2}\u{20ac}\u{2122}s vote on new bridge delayed"
        ));
        assert!(!same_headline(
            "Council\u{2019}s vote on new bridge delayed",
            "Council\u{e2}\u{fffd}\u{fffd}s vote on old bridge delayed"
        ));
    }

    #[test]
    fn spans_and_trimmed_ranges() {
        let s = "  ab cd ";
        assert_eq!(span_in(s, &s[2..4]), Some(2..4));
        assert_eq!(span_in(s, "ab"), None);
        assert_eq!(trim_range(s, 0..s.len()), 2..7);
        assert_eq!(trim_range(s, 0..2), 2..2);
    }

    #[test]
    fn case_blind_affixes() {
        assert!(starts_with_ignore_case("FROM: x", "from"));
        assert!(!starts_with_ignore_case("Fr", "from"));
        assert!(opens_in_caps("KUALA"));
        assert!(!opens_in_caps("Kuala"));
    }

    proptest::proptest! {
        #[test]
        fn word_count_is_split_whitespace(s in "[a. \t\n\r\u{0b}\u{0c}\u{a0}\u{2003}é-]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count());
            for cap in 0..6 {
                proptest::prop_assert_eq!(word_count_to(&s, cap), word_count(&s).min(cap));
            }
        }
    }
}
