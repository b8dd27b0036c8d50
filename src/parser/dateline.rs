//! Datelines: the `PLACE, Date (Agency) — ` that opens a lead paragraph.
//!
//! The grammar covers every style seen in real dumps: `KUALA LUMPUR: `, `PETALING JAYA : `,
//! `IPOH, March 3 — `, `PUTRAJAYA, March 3 (Bernama) -- `, `BUSAN, South Korea (AP) — `,
//! `LONDON/PARIS -- `, `OSAKA (Kyodo) -- `, `SANDAKAN (March 3): `, `MANILA - ` and mixed-case
//! `Kota Kinabalu: `. Place and date are kept as written. Malaysian leads often open with an
//! all-caps word (`THE ministry has ...`); without a separator after it that is not a dateline,
//! and the grammar needs one, so the rule falls out of the pattern rather than a special case.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use super::text::{opens_in_caps, word_count_to};
use crate::article::Dateline;
use crate::rules::CompiledRules;

/// An upper-case place of one to four words, possibly `A/B` (`LONDON/PARIS`, `KOTA KINABALU`).
const CAPS_PLACE: &str = r"[A-Z][A-Z'’.\-]+(?:(?:\s|/)[A-Z][A-Z'’.\-]*){0,3}";
/// A mixed-case place of one to three words (`Kuala Lumpur`, `Ranau`).
const MIXED_PLACE: &str = r"[A-Z][a-z'’\-]+(?:\s[A-Z][a-z'’\-]+){0,2}";
/// A country or state after the place: `, South Korea`, `, Indonesia`, `, GA.`.
const REGION: &str = r"(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}|[A-Z]{2}\.)";
const DASH: &str = r"(?:--|—|–|-|‒|―)";

/// The four dateline shapes, in the order [`at_start`] tries them, and the FMT place alone.
/// `months` is the rules' month names, joined by `|` (`March|Mar|...`).
fn patterns(months: &str) -> [String; 4] {
    let month = format!(r"(?:{months})\.?");
    // `March 3`, `Sept 3`, `March 3, 2025`, and day-first `3 March`.
    let date = format!(
        r"(?:{month}\s[0-9]{{1,2}}(?:,\s[0-9]{{4}})?|[0-9]{{1,2}}\s{month}(?:\s[0-9]{{4}})?)"
    );
    // Empty brackets are an agency the scraper lost (`ABILENE, Texas () –`).
    let agency = r"\((?P<agency>[A-Z][A-Za-z.]*(?:(?:[\-/ ]|,\s)[A-Z][A-Za-z.]*){0,3})?\)";
    // CAPS[, Region][, Date][ (Agency)] then — / -- / – / -. The region is tried first, and
    // given up again when `, March 3` turns out to be a date.
    let caps_dashed = format!(
        r"^((?P<place>{CAPS_PLACE}(?:,\s{REGION})?)(?:,?\s(?P<date>{date}))?(?:\s{agency})?\s*{DASH}\s*)\S",
    );
    // Mixed-case places with a dash need a date or an agency: `Meanwhile - ` is not a dateline.
    let agency2 = agency.replace("agency", "agency2");
    let mixed_dashed = format!(
        r"^((?P<place>{MIXED_PLACE}(?:,\s{REGION})?)(?:,\s(?P<date>{date})(?:\s{agency})?|\s{agency2})\s*{DASH}\s*)\S",
    );
    // PLACE[, Region][ (Date)| (Agency)| , Date[ (Agency)]] : (`KUCHING, April 10: `, Borneo
    // papers' style).
    let coloned = format!(
        r"^((?P<place>{CAPS_PLACE}(?:,\s{REGION})?|{MIXED_PLACE})(?:\s\((?P<date>{date})\)|\s{agency}|,\s(?P<date2>{date})(?:\s{agency2})?)?\s?:\s*)[^\s/]"
    );
    // The FMT style: the place alone on its own line, the lead on the next.
    let alone =
        format!(r"^((?P<place>{CAPS_PLACE}|{MIXED_PLACE})(?:\s\((?P<date>{date})\))?\s?:)$");
    [caps_dashed, mixed_dashed, coloned, alone]
}

/// The shapes, as indices into `patterns()` and `CompiledRules::datelines`.
const CAPS_DASHED: usize = 0;
const MIXED_DASHED: usize = 1;
const COLONED: usize = 2;
const ALONE: usize = 3;

/// Any word a month name can be when `CompiledRules::month_words` is set.
const MONTH_WORD: &str = "[A-Z][a-z]{2,8}";

/// Shape `k`'s captures in `text`, when its gate passes.
///
/// Compiling the month names into a shape costs about as much as the rest of it, and a typical
/// dump compiles two shapes at start-up. So when every month name is a `MONTH_WORD`, the shape
/// is first matched with that word in place of the names. Its language holds the spelled-out
/// shape's, so no match means none. A match whose date (if any) names a month is the one the
/// spelled-out shape gives: both try the same paths in the same order, the month token always
/// spans a whole word (a `.` or a space must follow it), and every path tried before this one
/// failed with the wider word, so failed with the names too. Only a date on another word
/// (`(Monday 3)`) is asked of the spelled-out shape. A test holds the two to each other.
fn shape<'h>(rules: &CompiledRules, k: usize, text: &'h str) -> Option<Captures<'h>> {
    if !GATES[k](text) {
        return None;
    }
    if let Some(months) = &rules.month_words {
        let c = compiled(&rules.datelines[k], MONTH_WORD, k).captures(text)?;
        let names_a_month = |d: regex::Match| {
            let word = d
                .as_str()
                .trim_start_matches(|c: char| !c.is_ascii_alphabetic());
            let end = word
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(word.len());
            months.contains(&word[..end])
        };
        if c.name("date").or(c.name("date2")).is_none_or(names_a_month) {
            return Some(c);
        }
    }
    compiled(&rules.datelines_spelled[k], &rules.month_alternation, k).captures(text)
}

fn compiled<'a>(cell: &'a OnceLock<Regex>, months: &str, k: usize) -> &'a Regex {
    cell.get_or_init(|| Regex::new(&patterns(months)[k]).unwrap())
}

/// `Kuala Lumpur`: a capital and a second letter of MIXED_PLACE.
fn mixed_start(t: &str) -> bool {
    let b = t.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1)
            .is_some_and(|&c| c.is_ascii_lowercase() || b"'-\xE2".contains(&c))
}

/// Whether `stop` comes before anything a place, region, date or agency cannot hold: a
/// character other than ASCII letters and digits, whitespace and `'’.-/,()`, or a word that
/// starts in lower case (`The minister said`). A paragraph's first colon or dash is then its
/// dateline's separator, if it has one.
fn opening_reaches(t: &str, stop: impl Fn(char) -> bool) -> bool {
    let mut prev = ' ';
    for c in t.chars() {
        if stop(c) {
            return true;
        }
        let held = c.is_ascii_alphanumeric() || c.is_whitespace() || "'’.-/,()".contains(c);
        let lower_word = c.is_ascii_lowercase()
            && !(prev.is_ascii_alphabetic() || matches!(prev, '.' | '\'' | '’' | '-'));
        if !held || lower_word {
            return false;
        }
        prev = c;
    }
    false
}

fn is_dash(c: char) -> bool {
    super::signoff::is_dash(c)
}

// Each shape has its own gate, so a paragraph that cannot open with one (no capital, or a
// lower-case word before any dash or colon) costs no compilation. A mixed-case place needs a
// date (digits) or an agency (a bracket) before its dash.
const GATES: [fn(&str) -> bool; 4] = [
    |t| opens_in_caps(t) && opening_reaches(t, is_dash),
    |t| {
        mixed_start(t)
            && opening_reaches(t, is_dash)
            && t.contains(|c: char| c == '(' || c.is_ascii_digit())
    },
    |t| (opens_in_caps(t) || mixed_start(t)) && opening_reaches(t, |c| c == ':'),
    |t| {
        (opens_in_caps(t) || mixed_start(t)) && t.ends_with(':') && opening_reaches(t, |c| c == ':')
    },
];

/// A dateline at the very start of `text`, and the byte length it occupies (separator and the
/// spaces after it included).
pub(crate) fn at_start(text: &str, rules: &CompiledRules) -> Option<(Dateline, usize)> {
    if let Some(found) = wire_alone(text, rules) {
        return Some(found);
    }
    for k in [CAPS_DASHED, MIXED_DASHED, COLONED] {
        if let Some(c) = shape(rules, k, text) {
            let whole = c.get(1).unwrap();
            let place = c.name("place").unwrap().as_str().trim();
            if !plausible_place(place, rules) || joins_a_compound(text, whole.end()) {
                continue;
            }
            // A bracketed word before the dash is an agency when the rules know it, or when it
            // is short enough to be one (`(AP)`, `(Xinhua)`); longer brackets are not datelines.
            let agency = c.name("agency").or(c.name("agency2")).map(|m| m.as_str());
            if agency.is_some_and(|a| !rules.is_agency(a) && a.len() > 20) {
                continue;
            }
            return Some((
                Dateline {
                    text: whole.as_str().trim().to_string(),
                    place: Some(place.to_string()),
                    date: c
                        .name("date")
                        .or(c.name("date2"))
                        .map(|m| m.as_str().to_string()),
                    agency: agency.map(str::to_string),
                    agency_id: None,
                },
                whole.end(),
            ));
        }
    }
    None
}

/// `(Reuters) - U.S. President ...`: a known wire in brackets and a dash, no place, as copies
/// of wire stories on portals (Yahoo) open. A dateline with a null place.
fn wire_alone(text: &str, rules: &CompiledRules) -> Option<(Dateline, usize)> {
    let inner = text.strip_prefix('(')?;
    let close = inner
        .get(..40.min(inner.len()))
        .unwrap_or(inner)
        .find(')')?;
    let agency = &inner[..close];
    let after = &inner[close + 1..];
    let sep = after.trim_start();
    let dash = ["--", "—", "–", "-", "‒", "―"]
        .iter()
        .find(|d| sep.starts_with(**d))?;
    let rest = sep[dash.len()..].trim_start();
    if !rules.is_agency(agency) || !rest.starts_with(|c: char| !c.is_whitespace()) {
        return None;
    }
    let end = text.len() - rest.len();
    Some((
        Dateline {
            text: text[..end].trim().to_string(),
            place: None,
            date: None,
            agency: Some(agency.to_string()),
            agency_id: None,
        },
        end,
    ))
}

/// A line that is only a dateline (`PUTRAJAYA:`), FMT's style.
pub(crate) fn alone(line: &str, rules: &CompiledRules) -> Option<Dateline> {
    let c = shape(rules, ALONE, line.trim())?;
    let place = c.name("place").unwrap().as_str().trim();
    if !plausible_place(place, rules) {
        return None;
    }
    Some(Dateline {
        text: c[1].to_string(),
        place: Some(place.to_string()),
        date: c.name("date").map(|m| m.as_str().to_string()),
        agency: None,
        agency_id: None,
    })
}

/// Whether the dateline ending at `end` ends in a hyphen between two letters: that joins a
/// compound (`KL-born baker`, `EAST-WEST RAIL`), it separates nothing.
fn joins_a_compound(text: &str, end: usize) -> bool {
    let (before, after) = text.split_at(end);
    let mut back = before.chars().rev();
    back.next() == Some('-')
        && back.next().is_some_and(char::is_alphanumeric)
        && after.starts_with(char::is_alphabetic)
}

fn plausible_place(place: &str, rules: &CompiledRules) -> bool {
    let lower = place.to_lowercase();
    if rules.not_places.contains(&lower) {
        return false;
    }
    if lower
        .split([' ', '/', ','])
        .any(|w| rules.label_words.contains(w))
    {
        return false;
    }
    // One capital letter alone (`A:`) is a list marker, not a place.
    place.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Where a dateline starts inside `text` after a caption with no credit: a sentence end, one
/// space, then a dateline (`...at the site yesterday. SANDAKAN: Rescuers ...`). Only the first
/// 60 words are searched: a caption is short, and a later match would be a sentence, not a lead.
pub(crate) fn after_bare_caption(
    text: &str,
    rules: &CompiledRules,
) -> Option<(usize, Dateline, usize)> {
    let mut words = 0;
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        if ch == ' ' {
            words += 1;
            if words > 60 {
                return None;
            }
            if i < 10 {
                continue;
            }
            let prev = text[..i].chars().last().unwrap_or(' ');
            if !matches!(prev, '.' | '!' | '?' | '\'' | '"' | '”' | '’' | ')') {
                continue;
            }
            let start = i + 1;
            if start >= bytes.len() || !bytes[start].is_ascii_uppercase() {
                continue;
            }
            if let Some((d, len)) = at_start(&text[start..], rules) {
                // Mixed-case places mid-line are too easily a quoted speaker (`Najib: ...`):
                // only take them when the caption before is a full sentence of some length.
                let mixed = d
                    .place
                    .as_deref()
                    .unwrap_or("")
                    .chars()
                    .any(char::is_lowercase);
                if mixed && word_count_to(&text[..i], 6) < 5 {
                    continue;
                }
                return Some((i, d, start + len));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    static RULES: std::sync::LazyLock<CompiledRules> =
        std::sync::LazyLock::new(|| crate::rules::Rules::builtin().compile().unwrap());

    #[test]
    fn gates_pass_every_dateline() {
        let months = &RULES.month_alternation;
        for (k, name) in ["CAPS_DASHED", "MIXED_DASHED", "COLONED", "ALONE"]
            .iter()
            .enumerate()
        {
            let re = Regex::new(&patterns(months)[k]).unwrap();
            crate::parser::gated::assert_gate_sound(name, GATES[k], &re);
        }
    }

    /// Every group's span, as `shape` gives it and as the spelled-out shape does.
    fn spans(c: Option<Captures>) -> Option<Vec<Option<(usize, usize)>>> {
        c.map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
    }

    #[test]
    fn the_month_word_shortcut_is_the_spelled_out_shape() {
        assert!(
            RULES.month_words.is_some(),
            "the built-in months fit MONTH_WORD"
        );
        let spelled = patterns(&RULES.month_alternation).map(|p| Regex::new(&p).unwrap());
        let wide = patterns(MONTH_WORD).map(|p| Regex::new(&p).unwrap());
        let mut texts: Vec<String> = Vec::new();
        for k in 0..4 {
            // Texts from both: the spelled-out shape's matches, and the wider shape's, whose
            // date words are mostly not months.
            texts.extend(crate::parser::gated::sample_texts(spelled[k].as_str(), 300));
            texts.extend(crate::parser::gated::sample_texts(wide[k].as_str(), 300));
        }
        texts.extend(
            [
                "SEOUL (Monday 3): The",
                "IPOH, Sept. 3 — The",
                "IPOH, Monday 3 (Reuters) — The",
                "Ipoh, Marching 3 — x",
                "SANDAKAN (3 Mac): The",
                "PUTRAJAYA, 3 Disember 2024 (Bernama) -- The",
            ]
            .map(String::from),
        );
        let mut months_seen = 0;
        for text in &texts {
            for k in 0..4 {
                let want = if GATES[k](text) {
                    spelled[k].captures(text)
                } else {
                    None
                };
                months_seen += usize::from(want.as_ref().is_some_and(|c| c.name("date").is_some()));
                assert_eq!(
                    spans(shape(&RULES, k, text)),
                    spans(want),
                    "shape {k}: {text:?}"
                );
            }
        }
        assert!(
            months_seen > 50,
            "only {months_seen} dated matches: the check is too weak"
        );
    }

    /// The dateline's fields and the text after it.
    type Parts = (String, String, Option<String>, Option<String>, String);

    fn dl(s: &str) -> Option<Parts> {
        at_start(s, &RULES).map(|(d, n)| {
            (
                d.text,
                d.place.unwrap_or_default(),
                d.date,
                d.agency,
                s[n..].to_string(),
            )
        })
    }

    #[test]
    fn every_listed_style_is_a_dateline() {
        let cases = [
            ("KUALA LUMPUR: The", "KUALA LUMPUR", None, None),
            ("Kuala Lumpur: The", "Kuala Lumpur", None, None),
            ("PETALING JAYA : The", "PETALING JAYA", None, None),
            ("IPOH, March 3 — The", "IPOH", Some("March 3"), None),
            (
                "PUTRAJAYA, March 3 (Bernama) – The",
                "PUTRAJAYA",
                Some("March 3"),
                Some("Bernama"),
            ),
            (
                "PUTRAJAYA, March 3 (Bernama) -- The",
                "PUTRAJAYA",
                Some("March 3"),
                Some("Bernama"),
            ),
            (
                "OSAKA, March 3 (Bernama-Kyodo) -- The",
                "OSAKA",
                Some("March 3"),
                Some("Bernama-Kyodo"),
            ),
            (
                "BUSAN, South Korea (AP) — The",
                "BUSAN, South Korea",
                None,
                Some("AP"),
            ),
            ("LONDON/PARIS -- The", "LONDON/PARIS", None, None),
            ("OSAKA (Kyodo) -- The", "OSAKA", None, Some("Kyodo")),
            ("SANDAKAN (March 3): The", "SANDAKAN", Some("March 3"), None),
            ("MANILA - The", "MANILA", None, None),
            ("SEOUL, June 9 — South", "SEOUL", Some("June 9"), None),
            ("MATSUYAMA, Japan - A ferry", "MATSUYAMA, Japan", None, None),
            (
                "HONG KONG, Sept 3 (Reuters) - Shares",
                "HONG KONG",
                Some("Sept 3"),
                Some("Reuters"),
            ),
            (
                "IPOH, March 3, 2025 — The",
                "IPOH",
                Some("March 3, 2025"),
                None,
            ),
            (
                "KUALA LUMPUR, 3 March — The",
                "KUALA LUMPUR",
                Some("3 March"),
                None,
            ),
            ("TAIPEI : Taiwan's", "TAIPEI", None, None),
            (
                "KUCHING, April 10: Since",
                "KUCHING",
                Some("April 10"),
                None,
            ),
            (
                "MIRI, 3 Mac (Bernama): The",
                "MIRI",
                Some("3 Mac"),
                Some("Bernama"),
            ),
        ];
        for (text, place, date, agency) in cases {
            let got = dl(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(got.1, place, "{text}");
            assert_eq!(got.2.as_deref(), date, "{text}");
            assert_eq!(got.3.as_deref(), agency, "{text}");
            assert!(
                got.4.starts_with(|c: char| c.is_uppercase()),
                "{text}: rest {:?}",
                got.4
            );
        }
    }

    #[test]
    fn an_all_caps_first_word_is_not_a_dateline() {
        assert!(dl("THE ministry has ordered a review.").is_none());
        assert!(dl("MORE than 200 people attended.").is_none());
        assert!(dl("Update: the road is open").is_none());
        // A hyphen between letters joins a compound; with a space, or after a bracket, it
        // separates.
        assert!(dl("KL-born baker wins a pastry prize.").is_none());
        assert_eq!(
            dl("(Reuters) - U.S. stocks rose."),
            Some((
                "(Reuters) -".into(),
                String::new(),
                None,
                Some("Reuters".into()),
                "U.S. stocks rose.".into()
            ))
        );
        assert!(dl("(Updated) - The road is open.").is_none());
        assert!(dl("EAST-WEST RAIL LINK reopens").is_none());
        assert_eq!(dl("MANILA - The").unwrap().1, "MANILA");
        assert_eq!(dl("SEOUL (Yonhap)-The").unwrap().1, "SEOUL");
    }

    #[test]
    fn the_fmt_place_alone_on_its_line() {
        assert_eq!(
            alone("PUTRAJAYA:", &RULES).unwrap().place.as_deref(),
            Some("PUTRAJAYA")
        );
        assert_eq!(alone("KANGAR:", &RULES).unwrap().text, "KANGAR:");
        assert!(alone("Note:", &RULES).is_none());
    }

    #[test]
    fn parties_and_agencies_in_the_rules_are_not_places() {
        assert!(dl("UMNO: We will contest every seat.").is_none());
        assert!(dl("MACC - The commission opened an inquiry.").is_none());
        assert!(alone("Amanah:", &RULES).is_none());
        // A user's rules extend the list.
        let mut rules = crate::rules::Rules::builtin();
        assert!(at_start("TEKO: It rained.", &rules.compile().unwrap()).is_some());
        rules.not_places.push("Teko".into());
        assert!(at_start("TEKO: It rained.", &rules.compile().unwrap()).is_none());
    }

    #[test]
    fn a_dateline_right_after_a_caption() {
        let s = "Rescuers at the site yesterday. SANDAKAN: Rescuers searched.";
        let (cut, d, rest) = after_bare_caption(s, &RULES).unwrap();
        assert_eq!(&s[..cut], "Rescuers at the site yesterday.");
        assert_eq!(d.place.as_deref(), Some("SANDAKAN"));
        assert_eq!(&s[rest..], "Rescuers searched.");
    }
}
