//! Publication times as pages show them: relative ages (`3 hours ago`, `a day ago`), dd-mm-yyyy
//! dates (Daily8 always writes them day first), and spelled-out dates from site stamps
//! (`14 Feb 2025 09:15pm`, `Fri, Feb 14, 2025`, `March 3, 2025`), each to a `Published`. Month
//! names are the rules' `months` (English and Malay built in).

use std::ops::RangeInclusive;

use regex::Regex;

use super::gated::Gated;
use crate::article::Published;
use crate::rules::CompiledRules;

/// The units of a relative age, singular (`3 hours ago` drops the `s`).
const AGE_UNITS: &[&str] = &[
    "sec", "second", "min", "minute", "hr", "hour", "day", "week", "month", "year",
];
/// The words that count an age (`an hour ago`), longest first for a search from the end.
const AGE_COUNT_WORDS: &[&str] = &["one", "an", "a"];

/// Whether `word` is an age unit, singular or plural, in any ASCII case.
fn is_age_unit(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    AGE_UNITS.contains(&word.strip_suffix('s').unwrap_or(&word))
}

/// Spelled-out dates all end in a four-digit year.
fn has_year(t: &str) -> bool {
    t.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

// Month and day names match in any ASCII case (`(?i-u)`); whitespace and word boundaries stay
// Unicode (`(?u:...)`), as everywhere else.

/// `14 Feb 2025`, `14 February 2025 09:15pm`.
static D_MON_Y: Gated = Gated::new(has_year, || {
    Regex::new(
        r"(?i-u)^(?:[a-z]{3,9},?(?u:\s)+)?([0-9]{1,2})(?:st|nd|rd|th)?(?u:\s)+([a-z]{3,9})\.?,?(?u:\s)+([0-9]{4})(?u:\b)",
    )
    .unwrap()
});
/// `Fri, Feb 14, 2025`, `March 3, 2025`, `Feb. 14 2025`.
static MON_D_Y: Gated = Gated::new(has_year, || {
    Regex::new(
        r"(?i-u)^(?:[a-z]{3,9},?(?u:\s)+)?([a-z]{3,9})\.?(?u:\s)+([0-9]{1,2})(?:st|nd|rd|th)?,?(?u:\s)+([0-9]{4})(?u:\b)",
    )
    .unwrap()
});
/// A date and maybe a time, the whole string (its whitespace made ASCII first, by
/// [`ascii_spaces`]: ASCII `\s` compiles in two thirds of the time of Unicode's): `14 Feb 2025 09:15pm`, `Tue, Mar 04, 2025`,
/// `June 28, 2022 11:10:18 am`, `August 7, 2023 | 11:01am`, `Jan 12, 2024 - 11:24 PM` (listing
/// stamps), and the time first, as Yonhap writes it: `11:27 November 28, 2022`.
static STAMP: Gated = Gated::new(has_year, || {
    Regex::new(r"(?i-u)^(?:[0-9]{1,2}[:.][0-9]{2}\s+)?(?:[a-z]{3,9},?\s+)?(?:[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{1,2}\s+[a-z]{3,9}\.?,?\s+[0-9]{4}|[a-z]{3,9}\.?\s+[0-9]{1,2},?\s+[0-9]{4})(?:(?:,?\s+|\s*\|\s*|\s+(?:-|–)\s+)(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?)?$").unwrap()
});

/// `s` after a leading `11:27 ` or `6:40pm, ` (Yonhap and SCMP put the time before the
/// date), else `s`.
fn after_leading_time(s: &str) -> &str {
    let b = s.as_bytes();
    let hours = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    let time = (1..=2).contains(&hours)
        && matches!(b.get(hours), Some(b':' | b'.'))
        && b.get(hours + 1..hours + 3)
            .is_some_and(|m| m.iter().all(u8::is_ascii_digit));
    let Some(rest) = s.get(hours + 3..).filter(|_| time) else {
        return s;
    };
    // `6:40pm, 12 Mar 2024`, as SCMP writes its stamps.
    let rest = ["am", "pm", "AM", "PM"]
        .iter()
        .find_map(|m| rest.strip_prefix(m))
        .unwrap_or(rest);
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    if rest.starts_with(char::is_whitespace) {
        rest.trim_start()
    } else {
        s
    }
}

/// Whether `s` (trimmed) is a relative age (`3 hours ago`, `an hour ago`, `just now`,
/// `yesterday`, words in any ASCII case, one space between them) or a dd-mm-yyyy date.
pub(crate) fn is_age(s: &str) -> bool {
    let s = s.trim();
    if s.eq_ignore_ascii_case("just now")
        || s.eq_ignore_ascii_case("yesterday")
        || dashed_numbers(s, [1..=2, 1..=2, 4..=4]).is_some()
    {
        return true;
    }
    let mut words = s.split(' ');
    let (Some(count), Some(unit), Some(ago), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    let count_ok = ((1..=4).contains(&count.len()) && count.bytes().all(|b| b.is_ascii_digit()))
        || AGE_COUNT_WORDS
            .iter()
            .any(|w| count.eq_ignore_ascii_case(w));
    count_ok && is_age_unit(unit) && ago.eq_ignore_ascii_case("ago")
}

/// Where an age or a dd-mm-yyyy date glued to the end of `t` is cut off, the whitespace before
/// it going with the age: `The Star3 hours ago` gives 8, `CNA 14-02-2025` gives 3. Something
/// that does not start with whitespace must stand before it; a number takes at most four
/// digits, and as many as it can (`Star2024 hours ago` gives 4).
pub(crate) fn age_tail_start(t: &str) -> Option<usize> {
    if t.is_empty() || t.starts_with(char::is_whitespace) {
        return None;
    }
    let tail = if t.ends_with(|c: char| c.is_ascii_digit()) {
        let date = t.len().checked_sub(10)?;
        t.get(date..)
            .and_then(|d| dashed_numbers(d, [2..=2, 2..=2, 4..=4]))?;
        date
    } else {
        let before_ago = t.len().checked_sub(4)?;
        if !t.as_bytes()[before_ago..].eq_ignore_ascii_case(b" ago") {
            return None;
        }
        let (rest, unit) = t[..before_ago].rsplit_once(' ')?;
        if !is_age_unit(unit) {
            return None;
        }
        let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            // The text before the number may not be empty: `12 hours ago` is `1` glued to `2`.
            (rest.len() - digits.min(4)).max(1)
        } else {
            let word = AGE_COUNT_WORDS.iter().find(|w| {
                rest.len() >= w.len()
                    && rest.as_bytes()[rest.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            })?;
            rest.len() - word.len()
        }
    };
    let end = t[..tail].trim_end().len();
    (end > 0).then_some(end)
}

/// `s` as three runs of ASCII digits joined by `-`, each of a length in its range:
/// `14-02-2025`, `2025-02-14`.
fn dashed_numbers(s: &str, lens: [RangeInclusive<usize>; 3]) -> Option<[&str; 3]> {
    let mut parts = s.split('-');
    let mut out = [""; 3];
    for (slot, len) in out.iter_mut().zip(lens) {
        let part = parts.next()?;
        if !len.contains(&part.len()) || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part;
    }
    parts.next().is_none().then_some(out)
}

fn iso(y: &str, m: u32, d: &str) -> Option<String> {
    let y: u32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    let days = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The ISO date of an absolute date string, or None for ages and anything unrecognised.
pub(crate) fn iso_date(s: &str, rules: &CompiledRules) -> Option<String> {
    let s = after_leading_time(s.trim());
    if let Some([d, m, y]) = dashed_numbers(s, [1..=2, 1..=2, 4..=4]) {
        return iso(y, m.parse().ok()?, d);
    }
    if let Some([y, m, d]) = dashed_numbers(s, [4..=4, 2..=2, 2..=2]) {
        return iso(y, m.parse().ok()?, d);
    }
    // `19/09/2017 14:57 MYT`: day first, as in the dashed dates.
    if let Some(first) = s.split_whitespace().next().filter(|w| w.contains('/')) {
        let dashed = first.replace('/', "-");
        if let Some([d, m, y]) = dashed_numbers(&dashed, [1..=2, 1..=2, 4..=4]) {
            // Day first, as Daily8 writes dates; month first where day first cannot be
            // (`10/21/2024`, as US sites write them).
            return iso(y, m.parse().ok()?, d).or_else(|| iso(y, d.parse().ok()?, m));
        }
    }
    if let Some(c) = D_MON_Y.captures(s) {
        if let Some(m) = rules.month_number(&c[2]) {
            return iso(&c[3], m, &c[1]);
        }
    }
    if let Some(c) = MON_D_Y.captures(s) {
        if let Some(m) = rules.month_number(&c[1]) {
            return iso(&c[3], m, &c[2]);
        }
    }
    None
}

pub(crate) fn published(text: &str, rules: &CompiledRules) -> Published {
    let text = text.trim();
    Published {
        text: text.to_string(),
        date: iso_date(text, rules),
    }
}

/// A site stamp that is only a date and maybe a time: `14 Feb 2025 09:15pm`.
pub(crate) fn is_date_stamp(s: &str, rules: &CompiledRules) -> bool {
    STAMP.is_match(&ascii_spaces(s.trim())) && iso_date(s, rules).is_some()
}

/// `s` with every Unicode space (a no-break space, an em space) made an ASCII one: a pattern
/// whose only non-ASCII class was Unicode `\s` then needs ASCII `\s` only.
fn ascii_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return s.into();
    }
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    static RULES: std::sync::LazyLock<CompiledRules> =
        std::sync::LazyLock::new(|| crate::rules::Rules::builtin().compile().unwrap());

    fn iso_date(s: &str) -> Option<String> {
        super::iso_date(s, &RULES)
    }

    fn is_date_stamp(s: &str) -> bool {
        super::is_date_stamp(s, &RULES)
    }

    #[test]
    fn gates_pass_every_date() {
        D_MON_Y.assert_sound("D_MON_Y");
        MON_D_Y.assert_sound("MON_D_Y");
        STAMP.assert_sound("STAMP");
    }

    /// The regex `is_age` replaced, made ASCII case-blind: the oracle.
    const AGE: &str = r"(?i-u)^(?:(?:[0-9]{1,4}|an?|one) (?:sec(?:ond)?|min(?:ute)?|hr|hour|day|week|month|year)s? ago|just now|yesterday|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})$";

    /// The regex `age_tail_start` replaced, made ASCII case-blind: the oracle (the end of `pub`).
    const PUBLISHER_STAMP: &str = r"^(?P<pub>\S.*?)\s*(?i-u:(?:(?:[0-9]{1,4}|an|a|one) (?:sec(?:ond)?|min(?:ute)?|hr|hour|day|week|month|year)s? ago|[0-9]{2}-[0-9]{2}-[0-9]{4})$)";

    fn stamp_by_regex(re: &Regex, t: &str) -> Option<usize> {
        re.captures(t).map(|c| c.name("pub").unwrap().end())
    }

    #[test]
    fn age_tail_start_is_the_regex_on_texts_made_from_it() {
        let re = Regex::new(PUBLISHER_STAMP).unwrap();
        let texts = crate::parser::gated::sample_texts(PUBLISHER_STAMP, 300);
        let found = texts.iter().filter(|t| age_tail_start(t).is_some()).count();
        for t in &texts {
            assert_eq!(age_tail_start(t), stamp_by_regex(&re, t), "{t:?}");
        }
        for t in [
            "12 hours ago",
            "Star2024 hours ago",
            "Star12345 hours ago",
            "an hour ago",
            "Malaysiakinian hour ago",
            "X one day ago",
            "CNA 14-02-2025",
            "14-02-2025",
            "The Star\u{a0}3 HOURS AGO",
        ] {
            assert_eq!(age_tail_start(t), stamp_by_regex(&re, t), "{t:?}");
        }
        assert!(found > 200, "only {found} stamps in the samples");
    }

    #[test]
    fn is_age_is_the_regex_on_texts_made_from_it() {
        let re = Regex::new(AGE).unwrap();
        let texts = crate::parser::gated::sample_texts(AGE, 300);
        let ages = texts.iter().filter(|t| is_age(t)).count();
        for t in &texts {
            assert_eq!(is_age(t), re.is_match(t.trim()), "{t:?}");
        }
        assert!(ages > 200, "only {ages} ages in the samples");
    }

    /// `STAMP` as it was, with Unicode whitespace: the oracle for [`ascii_spaces`] + ASCII `\s`.
    const STAMP_UNICODE: &str = r"(?i-u)^(?:[0-9]{1,2}[:.][0-9]{2}(?u:\s)+)?(?:[a-z]{3,9},?(?u:\s)+)?(?:[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{1,2}(?u:\s)+[a-z]{3,9}\.?,?(?u:\s)+[0-9]{4}|[a-z]{3,9}\.?(?u:\s)+[0-9]{1,2},?(?u:\s)+[0-9]{4})(?:(?:,?(?u:\s)+|(?u:\s)*\|(?u:\s)*|(?u:\s)+(?:-|(?u:–))(?u:\s)+)(?:at(?u:\s)+)?[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?u:\s)*(?:[ap]\.?m\.?)?(?:(?u:\s)*\(?[A-Z]{2,4}\)?)?)?$";

    proptest::proptest! {
        #[test]
        fn stamp_on_ascii_spaces_is_the_unicode_regex(words in proptest::collection::vec(proptest::sample::select(vec![
            " ", "\u{a0}", "\u{2003}", "\u{3000}", "\t", "14", "9", "2025", "09:15", "11.27", ":00",
            "Feb", "february", "Tue", ",", ".", "/", "|", "at", "pm", "a.m.", "(MYT)", "SGT", "é", "x",
        ]), 0..10)) {
            let text = words.concat();
            let re = Regex::new(STAMP_UNICODE).unwrap();
            let t = text.trim();
            proptest::prop_assert_eq!(STAMP.is_match(&ascii_spaces(t)), re.is_match(t), "{:?}", text);
        }

        /// Stamp-shaped texts, so that most match: every slot from a few forms, every gap
        /// one of several spaces.
        #[test]
        fn stamp_on_ascii_spaces_is_the_unicode_regex_on_stamps(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "", "09:15", "Tue,", "14", "Feb", "Feb.", "2025", "14/02/2025", "|", "at", "9.05",
                "pm", "(MYT)", "x", "-", "–",
            ]), 0..8),
            gaps in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\u{a0}", "\u{2003}", "  ", "", "\u{a0} ",
            ]), 8),
        ) {
            let text: String = parts.iter().zip(&gaps).map(|(p, g)| format!("{p}{g}")).collect();
            let re = Regex::new(STAMP_UNICODE).unwrap();
            let t = text.trim();
            proptest::prop_assert_eq!(STAMP.is_match(&ascii_spaces(t)), re.is_match(t), "{:?}", text);
        }

        #[test]
        fn is_age_is_the_regex_on_word_soup(words in proptest::collection::vec(proptest::sample::select(vec![
            " ", "  ", "\u{a0}", "3", "12", "12345", "a", "An", "one", "hour", "Hours", "hrs", "sec",
            "seconds", "mins", "s", "ago", "AGO", "just", "now", "Yesterday", "-", "2025", "x",
        ]), 0..6)) {
            let text = words.concat();
            let re = Regex::new(AGE).unwrap();
            proptest::prop_assert_eq!(is_age(&text), re.is_match(text.trim()), "{:?}", text);
        }

        #[test]
        fn age_tail_start_is_the_regex_on_word_soup(words in proptest::collection::vec(proptest::sample::select(vec![
            " ", "  ", "\u{a0}", "3", "12", "12345", "a", "An", "one", "hour", "Hours", "hrs", "sec",
            "ago", "AGO", "-", "2025", "14-02-", "x", "The Star", "é",
        ]), 0..8)) {
            let text = words.concat();
            let re = Regex::new(PUBLISHER_STAMP).unwrap();
            proptest::prop_assert_eq!(age_tail_start(&text), stamp_by_regex(&re, &text), "{:?}", text);
        }


        /// `dashed_numbers` reads what `^([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})$` and
        /// `^([0-9]{4})-([0-9]{2})-([0-9]{2})$` read.
        #[test]
        fn dashed_numbers_are_the_regex_captures(s in "[0-9]{0,5}(-[0-9a]{0,5}){0,3}") {
            for (pattern, lens) in [
                (r"^([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})$", [1..=2, 1..=2, 4..=4]),
                (r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$", [4..=4, 2..=2, 2..=2]),
            ] {
                let want = Regex::new(pattern).unwrap().captures(&s).map(|c| [1, 2, 3].map(|i| c.get(i).unwrap().as_str().to_string()));
                proptest::prop_assert_eq!(dashed_numbers(&s, lens).map(|p| p.map(str::to_string)), want);
            }
        }
    }

    #[test]
    fn spelled_out_dates_take_unicode_spaces_and_ascii_case() {
        assert_eq!(iso_date("14\u{a0}Feb 2025").as_deref(), Some("2025-02-14"));
        assert_eq!(iso_date("FRI, FEB 14, 2025").as_deref(), Some("2025-02-14"));
        assert!(is_date_stamp("Tue,\u{2009}Mar 04, 2025"));
        // A word boundary is still Unicode: a letter glued to the year is no date.
        assert_eq!(iso_date("14 Feb 2025é"), None);
    }

    #[test]
    fn numeric_dates_need_their_exact_shape() {
        for s in ["1-2-2025", "01-02-2025"] {
            assert_eq!(iso_date(s).as_deref(), Some("2025-02-01"), "{s}");
        }
        for s in [
            "001-02-2025",
            "01-02-25",
            "01-02-2025-1",
            "2025-2-14",
            "a1-02-2025",
            "--",
        ] {
            assert_eq!(iso_date(s), None, "{s}");
        }
    }

    #[test]
    fn ages_and_dates_are_recognised() {
        for s in [
            "3 hours ago",
            "an hour ago",
            "a day ago",
            "11 minutes ago",
            "14-02-2025",
        ] {
            assert!(is_age(s), "{s}");
        }
        assert!(!is_age("3 hours"));
        assert!(!is_age("The Star3 hours ago"));
    }

    #[test]
    fn absolute_dates_become_iso() {
        assert_eq!(iso_date("14-02-2025").as_deref(), Some("2025-02-14"));
        assert_eq!(iso_date("2025-03-05").as_deref(), Some("2025-03-05"));
        assert_eq!(
            iso_date("14 Feb 2025 09:15pm").as_deref(),
            Some("2025-02-14")
        );
        assert_eq!(iso_date("Fri, Feb 14, 2025").as_deref(), Some("2025-02-14"));
        assert_eq!(iso_date("March 3, 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(iso_date("3 hours ago"), None);
        assert_eq!(iso_date("31-02-2025"), None);
    }

    #[test]
    fn date_stamps_are_only_dates() {
        assert!(is_date_stamp("19/09/2017 14:57 MYT"));
        assert_eq!(
            iso_date("19/09/2017 14:57 MYT").as_deref(),
            Some("2017-09-19")
        );
        assert!(is_date_stamp("14 Feb 2025 09:15pm"));
        assert!(is_date_stamp("Tue, Mar 04, 2025"));
        assert!(!is_date_stamp("14 Feb 2025 was a Friday"));
        assert!(is_date_stamp("June 28, 2022 11:10:18 am"));
        assert!(is_date_stamp("August 7, 2023 | 11:01am"));
        assert!(is_date_stamp("11:27 November 28, 2022"));
        assert!(!is_date_stamp("11:27 November 28, 2022 was late"));
        assert!(is_date_stamp("Jan 12, 2024 - 11:24 PM"));
        assert!(is_date_stamp("6 Dec 2025 - 6:00PM"));
        assert!(is_date_stamp("Mar. 04, 2025 21:10 PM EST"));
        assert!(!is_date_stamp("Jan 12, 2024 - a busy day"));
        // Month first only where day first cannot be.
        assert_eq!(iso_date("10/21/2024").as_deref(), Some("2024-10-21"));
        assert_eq!(iso_date("11/04/2024").as_deref(), Some("2024-04-11"));
        assert_eq!(
            iso_date("11:27 November 28, 2022").as_deref(),
            Some("2022-11-28")
        );
        assert_eq!(iso_date("11:27").as_deref(), None);
        assert_eq!(
            iso_date("6:40pm, 12 Mar 2024").as_deref(),
            Some("2024-03-12")
        );
    }
}
