//! Word, sentence and reading-time counts over a body, by Unicode segmentation (UAX #29), so
//! that `RM46,000`, `don't` and `e-hailing` count as one word each, as a reader would count them.
//!
//! Paragraphs in ASCII, or in ASCII plus the few other characters news copy is full of (curly
//! quotes, dashes, the ellipsis, the no-break space, Latin-1 letters), are counted by
//! `ascii_words` and `ascii_sentences`: the UAX #29 rules written out for the ASCII categories,
//! over the paragraph's bytes with each of those characters standing as the ASCII character of
//! the same word and sentence categories (`stand_in`). The general segmenter looks every
//! character up in the full Unicode tables and was a third of the parse time. Property tests hold
//! the two to the same counts, stand-ins included; any other character takes the general path.

use unicode_segmentation::UnicodeSegmentation;

use crate::article::Stats;

/// Reading speed used for `reading_minutes`.
pub const WORDS_PER_MINUTE: f64 = 230.0;

/// Counts over a list of paragraphs.
pub fn of_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Stats {
    let mut s = Stats {
        paragraphs: paragraphs.len(),
        ..Stats::default()
    };
    for p in paragraphs {
        let p = p.as_ref();
        if p.is_ascii() {
            s.words += ascii_words(p.as_bytes());
            s.sentences += ascii_sentences(p.as_bytes());
            s.characters += p.len();
        } else if let Some(ascii) = stand_in(p) {
            s.words += ascii_words(&ascii);
            s.sentences += ascii_sentences(&ascii);
            s.characters += p.chars().count();
        } else {
            s.words += p.unicode_words().count();
            s.sentences += p
                .unicode_sentences()
                .filter(|x| x.chars().any(char::is_alphanumeric))
                .count();
            s.characters += p.chars().count();
        }
    }
    s.reading_minutes = (s.words as f64 / WORDS_PER_MINUTE * 10.0).round() / 10.0;
    s
}

/// `p` with each non-ASCII character replaced by an ASCII character of the same UAX #29 word
/// and sentence categories, or `None` when `p` holds a character with no such stand-in.
fn stand_in(p: &str) -> Option<Vec<u8>> {
    p.chars()
        .map(|c| match c {
            _ if c.is_ascii() => Some(c as u8),
            // MidNumLet for words, Close for sentences: as the apostrophe.
            '\u{2018}' | '\u{2019}' => Some(b'\''),
            // Other for words, Close for sentences: as the straight double quote.
            '\u{201C}' | '\u{201D}' => Some(b'"'),
            // Other for words, SContinue for sentences: as the hyphen-minus.
            '\u{2013}' | '\u{2014}' => Some(b'-'),
            // Other for both: as `#`.
            '\u{2026}' | '\u{2022}' => Some(b'#'),
            // Other for words, Sp for sentences: as the space.
            '\u{00A0}' => Some(b' '),
            // Latin-1 letters: ALetter for words; Upper or Lower for sentences.
            '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00DE}' => Some(b'A'),
            '\u{00DF}'..='\u{00F6}' | '\u{00F8}'..='\u{00FF}' => Some(b'a'),
            _ => None,
        })
        .collect()
}

/// UAX #29 word categories of the ASCII characters that matter for counting words (spaces,
/// line breaks and the rest are `Other`: a segment of them holds no letter or digit).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wb {
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNumLet,
    SingleQuote,
    MidNum,
    Other,
}

const fn word_category(b: u8) -> Wb {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Wb::Letter,
        b'0'..=b'9' => Wb::Numeric,
        b'_' => Wb::ExtendNumLet,
        b':' => Wb::MidLetter,
        b'.' => Wb::MidNumLet,
        b'\'' => Wb::SingleQuote,
        b',' | b';' => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// The number of UAX #29 words (segments with a letter or digit) in ASCII text: the same count
/// as `unicode_words().count()`, which looks every character up in the full Unicode tables and
/// was a quarter of `batch`'s time. Rule numbers are the standard's; WB4 (Extend, Format) and the
/// Katakana and Hebrew rules never apply to ASCII.
fn ascii_words(text: &[u8]) -> usize {
    use Wb::*;
    let at = |i: usize| text.get(i).map_or(Other, |&b| WORD[usize::from(b)]);
    let mid_num_let_q = |c: Wb| matches!(c, MidNumLet | SingleQuote);
    // A window over the categories at i-2, i-1, i and i+1, each byte looked up once.
    let (mut before, mut a, mut b) = (Other, Other, at(0));
    let mut words = 0;
    let mut has_alnum = false;
    for i in 0..text.len() {
        let after = at(i + 1);
        let joins = i > 0
            && match (a, b) {
                (Letter | Numeric, Letter | Numeric) => true, // WB5, WB8, WB9, WB10
                (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true, // WB13a
                (ExtendNumLet, Letter | Numeric) => true,     // WB13b
                (Letter, m) if (m == MidLetter || mid_num_let_q(m)) && after == Letter => true, // WB6
                (m, Letter) if (m == MidLetter || mid_num_let_q(m)) && before == Letter => true, // WB7
                (Numeric, m) if (m == MidNum || mid_num_let_q(m)) && after == Numeric => true, // WB12
                (m, Numeric) if (m == MidNum || mid_num_let_q(m)) && before == Numeric => true, // WB11
                _ => false,
            };
        if i > 0 && !joins {
            words += usize::from(has_alnum);
            has_alnum = false;
        }
        has_alnum |= matches!(b, Letter | Numeric);
        (before, a, b) = (a, b, after);
    }
    words + usize::from(has_alnum)
}

/// `word_category` of every byte, looked up rather than matched.
static WORD: [Wb; 256] = {
    let mut t = [Wb::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = word_category(b as u8);
        b += 1;
    }
    t
};

/// `category` of every byte, looked up rather than matched.
static SENTENCE: [Sb; 256] = {
    let mut t = [Sb::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = category(b as u8);
        b += 1;
    }
    t
};

/// UAX #29 sentence categories of the ASCII characters (those not named are `Other`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

const fn category(b: u8) -> Sb {
    match b {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0b | 0x0c | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// The number of UAX #29 sentences with a letter or digit in them, in ASCII text: the same count
/// as `unicode_sentences()` (rule numbers are the standard's; ASCII has no Extend, Format, Sep or
/// OLetter characters, so SB5 never applies).
///
/// Linear in the text: the two contexts the rules look at beyond the pair being split, the
/// `SATerm Close* Sp*` run before it (SB8 to SB11) and the next letter, terminator or break after
/// it (SB8), are carried forward and precomputed backward, never searched for at each position.
/// Searching them was quadratic on a run of spaces or closing brackets (100k `(` took seconds).
fn ascii_sentences(text: &[u8]) -> usize {
    let cat = |i: usize| SENTENCE[usize::from(text[i])];
    let len = text.len();
    let para_sep = |c: Sb| matches!(c, Sb::Cr | Sb::Lf);
    let sa_term = |c: Sb| matches!(c, Sb::ATerm | Sb::STerm);
    // SB8's look-ahead: whether the first letter, terminator or break at or after i is lower
    // case. The position of that character is kept: it answers for every i up to it, so the
    // text is scanned once however often the question is asked.
    let decisive = |c: Sb| {
        matches!(
            c,
            Sb::Lower | Sb::Upper | Sb::ATerm | Sb::STerm | Sb::Cr | Sb::Lf
        )
    };
    let mut next_decisive: Option<usize> = None;
    let mut lower_next = |i: usize| {
        let at = match next_decisive {
            Some(at) if at >= i => at,
            _ => {
                let at = (i..len).find(|&j| decisive(cat(j))).unwrap_or(len);
                next_decisive = Some(at);
                at
            }
        };
        at < len && cat(at) == Sb::Lower
    };
    // The context before position i, carried forward: the terminator that opens a trailing
    // `SATerm Close*` (`close_term`) and a trailing `SATerm Close* Sp*` (`term`), and how many
    // spaces end it.
    let mut close_term: Option<Sb> = None;
    let mut term: Option<Sb> = None;
    let mut spaces = 0usize;
    let mut count = 0;
    let mut start = 0;
    for i in 1..=len {
        let before = cat(i - 1);
        match before {
            Sb::ATerm | Sb::STerm => {
                close_term = Some(before);
                term = close_term;
                spaces = 0;
            }
            Sb::Close => {
                term = close_term;
                spaces = 0;
            }
            Sb::Sp => {
                close_term = None;
                spaces += 1;
            }
            _ => {
                close_term = None;
                term = None;
                spaces = 0;
            }
        }
        let is_break = i == len || {
            let after = cat(i);
            if before == Sb::Cr && after == Sb::Lf {
                false // SB3
            } else if para_sep(before) {
                true // SB4
            } else if let Some(term) = term.filter(|&t| sa_term(t)) {
                sentence_ends(text, i, term, spaces, &mut lower_next)
            } else {
                false // SB998: no `SATerm Close* Sp*` ends just before i
            }
        };
        if is_break {
            if text[start..i].iter().any(u8::is_ascii_alphanumeric) {
                count += 1;
            }
            start = i;
        }
    }
    count
}

/// SB6 to SB11 at position `i` of `text`, which follows `term Close* Sp*` with `spaces` spaces
/// at its end; `lower_next` is SB8's look-ahead.
fn sentence_ends(
    text: &[u8],
    i: usize,
    term: Sb,
    spaces: usize,
    lower_next: &mut impl FnMut(usize) -> bool,
) -> bool {
    let cat = |i: usize| SENTENCE[usize::from(text[i])];
    let (before, after) = (cat(i - 1), cat(i));
    let para_sep = |c: Sb| matches!(c, Sb::Cr | Sb::Lf);
    if before == Sb::ATerm && after == Sb::Numeric {
        return false; // SB6
    }
    if before == Sb::ATerm
        && after == Sb::Upper
        && i >= 2
        && matches!(cat(i - 2), Sb::Upper | Sb::Lower)
    {
        return false; // SB7
    }
    if term == Sb::ATerm && lower_next(i) {
        return false; // SB8
    }
    if matches!(after, Sb::SContinue | Sb::ATerm | Sb::STerm) {
        return false; // SB8a
    }
    if spaces == 0 && (after == Sb::Close || after == Sb::Sp || para_sep(after)) {
        return false; // SB9
    }
    if after == Sb::Sp || para_sep(after) {
        return false; // SB10
    }
    true // SB11
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unicode_count(s: &str) -> usize {
        if s.is_empty() {
            return 0; // the segmenter's size_hint underflows on "" in debug builds
        }
        s.unicode_sentences()
            .filter(|x| x.chars().any(char::is_alphanumeric))
            .count()
    }

    fn unicode_words_count(s: &str) -> usize {
        if s.is_empty() {
            return 0; // as above
        }
        s.unicode_words().count()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn ascii_words_agree_with_the_unicode_segmenter(
            s in "[aZ7_.:',; \t\r\n!-]{0,24}"
        ) {
            prop_assert_eq!(ascii_words(s.as_bytes()), unicode_words_count(&s));
        }

        #[test]
        fn ascii_words_agree_on_prose(
            words in prop::collection::vec("(U\\.S|e\\.g|can't|[A-Z][a-z]{0,6}|[a-z]{1,6}|[0-9]{1,3}([.,;:][0-9]{1,3})?|RM[0-9]{1,3}|a_b|[a-z]:[a-z])[.!?,;:]?['\")]?", 0..20)
        ) {
            let s = words.join(" ");
            prop_assert_eq!(ascii_words(s.as_bytes()), unicode_words_count(&s));
        }

        #[test]
        fn ascii_sentences_agree_with_the_unicode_segmenter(
            s in "[aZ7.!? \t\"'(),;:#\r\n-]{0,24}"
        ) {
            prop_assert_eq!(ascii_sentences(s.as_bytes()), unicode_count(&s));
        }

        #[test]
        fn ascii_sentences_agree_across_long_runs(
            runs in prop::collection::vec(("[aZ7.!? \t\"'(),;:\r\n-]", 1..40usize), 0..12)
        ) {
            let s: String = runs.iter().map(|(c, n)| c.repeat(*n)).collect();
            prop_assert_eq!(ascii_sentences(s.as_bytes()), unicode_count(&s));
        }

        #[test]
        fn ascii_sentences_agree_on_prose(
            words in prop::collection::vec("(Mr|U\\.S|e\\.g|[A-Z][a-z]{0,6}|[a-z]{1,6}|[0-9]{1,3}([.,][0-9]{1,3})?)[.!?,;:]?['\")]?", 0..20)
        ) {
            let s = words.join(" ");
            prop_assert_eq!(ascii_sentences(s.as_bytes()), unicode_count(&s));
        }
    }

    /// Paragraphs over ASCII and the stand-in characters, counted both ways.
    fn counts_agree(s: &str) -> Result<(), TestCaseError> {
        let fast = of_paragraphs(&[s]);
        prop_assert_eq!(fast.words, unicode_words_count(s), "words of {:?}", s);
        prop_assert_eq!(fast.sentences, unicode_count(s), "sentences of {:?}", s);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn stand_ins_agree_with_the_unicode_segmenter(
            s in "[aZ7_.:',; !?\"()\r\n\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{2022}\u{00A0}\u{00C9}\u{00E9}\u{00DF}\u{00FF}\u{00C0}-]{0,24}"
        ) {
            counts_agree(&s)?;
        }

        #[test]
        fn stand_ins_agree_on_prose(
            words in prop::collection::vec("(\u{201C}|\u{2018})?(Mr|U\\.S|can\u{2019}t|caf\u{00E9}|\u{00C9}cole|[A-Z][a-z]{0,6}|[a-z]{1,6}|[0-9]{1,3}([.,][0-9]{1,3})?)([.!?,;:]|\u{2026})?(\u{2019}|\u{201D}|\")?( \u{2014}| \u{2013}|\u{00A0}\u{2022})?", 0..20)
        ) {
            counts_agree(&words.join(" "))?;
        }
    }

    #[test]
    fn other_characters_take_the_general_path() {
        assert_eq!(
            stand_in("Kuala Lumpur \u{2014} \u{201C}ok\u{201D}"),
            Some(b"Kuala Lumpur - \"ok\"".to_vec())
        );
        assert_eq!(stand_in("\u{4E2D}\u{6587}"), None);
        assert_eq!(
            of_paragraphs(&["\u{4E2D}\u{6587}\u{3002}\u{4E2D}\u{6587}\u{3002}"]).sentences,
            2
        );
    }

    #[test]
    fn ascii_sentences_of_news_copy() {
        for s in [
            "It rained. Roads flooded.",
            "He said: 'We will go.' Then he left.",
            "Shares closed 2.1 per cent higher at RM1.46. — Reuters",
            "The U.S. and Malaysia signed it on Jan. 5. it was late",
            "Why? Because (he said) it was \"late.\" Really!",
            "",
            "...",
        ] {
            if s.is_ascii() {
                assert_eq!(ascii_sentences(s.as_bytes()), unicode_count(s), "{s:?}");
            }
        }
    }

    #[test]
    fn counts_words_sentences_and_characters() {
        let s = of_paragraphs(&["It rained. Roads flooded.", "Schools closed — again."]);
        assert_eq!(s.paragraphs, 2);
        assert_eq!(s.sentences, 3);
        assert_eq!(s.words, 7);
        assert_eq!(s.characters, 25 + 23);
    }

    #[test]
    fn reading_minutes_are_words_over_230_to_a_tenth() {
        let para = "word ".repeat(460);
        assert_eq!(of_paragraphs(&[para]).reading_minutes, 2.0);
        assert_eq!(of_paragraphs::<&str>(&[]).reading_minutes, 0.0);
    }
}
