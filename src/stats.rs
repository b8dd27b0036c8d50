//! Word, sentence and reading-time counts over a body, by Unicode segmentation (UAX #29), so
//! that `RM46,000`, `don't` and `e-hailing` count as one word each, as a reader would count them.

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
        s.words += p.unicode_words().count();
        s.sentences += p
            .unicode_sentences()
            .filter(|x| x.chars().any(char::is_alphanumeric))
            .count();
        s.characters += p.chars().count();
    }
    s.reading_minutes = (s.words as f64 / WORDS_PER_MINUTE * 10.0).round() / 10.0;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

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
