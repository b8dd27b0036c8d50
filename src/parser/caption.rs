//! Photo captions and their credits.
//!
//! A caption is a sentence or two about a photo, closed by a credit in one of the styles seen in
//! real dumps: `(Bernama pic)`, `(EPA Images pic)`, `(Photo Credit Kyodo)`,
//! `(Jane Roe/Pool Photo via AP)`, `-- fotoBERNAMA (2025) COPYRIGHT RESERVED`, `- Bernama pic`,
//! `— Bernama photo`, `- Photo by Bernama`. The credit keeps only who supplied the photo. In-text
//! markers such as `( pic )` or `(picture)` name nobody and are left in their sentence. A dash
//! followed by an agency and nothing else (`— Reuters`) is a sign-off, never a photo credit.

use regex::Regex;

use super::gated::Gated;
use crate::rules::CompiledRules;

/// A credit found inside a text: the byte range of the marker as written and the supplier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Credit {
    pub start: usize,
    pub end: usize,
    /// Who supplied the photo; None for a marker that names nobody (`(File pic)`).
    pub credit: Option<String>,
}

/// A bracketed note, `(EPA Images pic)`. Only notes of 1 to 80 characters are credits; the
/// bound is checked in `find_credit` rather than written `{1,80}`, which would compile 80 copies
/// of the Unicode class (a third of a millisecond at start-up) for the same matches, since
/// bracket groups without inner brackets never overlap.
const MAX_PAREN_CHARS: usize = 80;

/// The byte ranges of the bracket groups in `text` that hold no bracket inside, brackets
/// included, left to right: `((a) b)` gives `(a)`.
fn paren_groups(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let open = from + text[from..].find('(')?;
        let close = open + 1 + text[open + 1..].find(['(', ')'])?;
        if text.as_bytes()[close] == b')' && close > open + 1 {
            from = close + 1;
            return Some((open, close + 1));
        }
        from = close;
    })
}

/// Whether a dash of any width stands at the start of `text` or after whitespace: where a
/// dashed credit can begin (a hyphen inside a word cannot).
fn has_spaced_dash(text: &str) -> bool {
    let mut prev = None;
    text.chars().any(|c| {
        let hit = matches!(c, '-' | '–' | '—') && prev.map_or(true, char::is_whitespace);
        prev = Some(c);
        hit
    })
}
/// A dash, then maybe `Photo by`, a name of one to four words, maybe `pic`/`photo`, maybe a
/// year and a copyright notice. The marker words end at a word boundary: without it, `- Bernama
/// pictures show ...` lost `pic` and left `tures show ...` in the body.
static DASHED: Gated = Gated::new(has_spaced_dash, || {
    Regex::new(
        r"(?:^|\s)(?:--|—|–|-)\s*(?P<pre>(?i:photo\s+credit:?|photos?\s+by:?|pic\s+by:?|pictures?\s+by:?|photo:|pic:)\s+)?(?P<name>[A-Za-z][^\s()]*(?:[ \-/][A-Z][^\s()]*){0,3})(?P<post>\s+(?i:file\s+pic|file\s+photo|pics?|photos?|pictures?)\b)?(?P<year>\s+\([0-9]{4}\))?(?P<copy>\s+(?:COPYRIGHT\s+RESERVED|HAK\s+CIPTA\s+TERPELIHARA|ALL\s+RIGHTS\s+RESERVED)\b)?",
    )
    .unwrap()
});

/// The earliest photo credit in `text`, if any.
pub(crate) fn find_credit(text: &str, rules: &CompiledRules) -> Option<Credit> {
    // Every credit has a bracket or a dash: a byte scan is far cheaper than running the two
    // patterns on a line that has neither (this is asked of nearly every line, twice).
    let has_paren = text.contains('(');
    let has_dash = DASHED.may_match(text);
    if !has_paren && !has_dash {
        return None;
    }
    let mut best: Option<Credit> = None;
    for (start, end) in paren_groups(text).take_while(|_| has_paren) {
        let inner = &text[start + 1..end - 1];
        if inner.chars().count() > MAX_PAREN_CHARS {
            continue;
        }
        if let Some(credit) = paren_credit(inner, rules) {
            best = Some(Credit { start, end, credit });
            break;
        }
    }
    for c in DASHED.regex().captures_iter(text).take_while(|_| has_dash) {
        let m = c.get(0).unwrap();
        if best.as_ref().is_some_and(|b| b.start <= m.start()) {
            break;
        }
        let name = c.name("name").unwrap();
        let marked =
            c.name("pre").is_some() || c.name("post").is_some() || c.name("copy").is_some();
        let known = rules.credit_sources.contains(&name.as_str().to_lowercase());
        if !(marked || known)
            || !name
                .as_str()
                .starts_with(|ch: char| ch.is_uppercase() || ch == 'f')
        {
            continue;
        }
        let mut end = m.end();
        let mut credit = Some(name.as_str().to_string());
        // `Photo by Bernama Kota Kinabalu: ...`: the name runs into a mixed-case dateline.
        // Keep the shortest name after which a dateline or the end of the text follows.
        if c.name("pre").is_some() && c.name("post").is_none() && c.name("copy").is_none() {
            let words: Vec<(usize, &str)> = word_spans(name.as_str());
            for (k, (off, w)) in words.iter().enumerate() {
                let cut = name.start() + off + w.len();
                let rest = text[cut..].trim_start();
                if rest.is_empty()
                    || k + 1 == words.len()
                    || super::dateline::at_start(rest, |a| rules.is_agency(a)).is_some()
                {
                    end = cut;
                    credit = Some(text[name.start()..cut].to_string());
                    break;
                }
            }
        }
        let start = m.start() + (m.as_str().len() - m.as_str().trim_start().len());
        best = Some(Credit { start, end, credit });
        break;
    }
    best
}

fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in s.char_indices() {
        if ch == ' ' {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// The supplier named inside brackets, or None when the brackets are not a photo credit.
fn paren_credit(inner: &str, rules: &CompiledRules) -> Option<Option<String>> {
    let t = inner.trim();
    let lower = t.to_lowercase();
    // `(File pic)`, `(Filepic)`: a photo from the archive, supplier unnamed.
    if matches!(
        lower.as_str(),
        "file pic" | "filepic" | "file photo" | "file picture" | "file image"
    ) {
        return Some(None);
    }
    // `(Jane Roe/Pool Photo via AP)`: the whole wire convention is the credit.
    if lower.contains(" via ") && (lower.contains("photo") || lower.contains("pic")) {
        return Some(Some(t.to_string()));
    }
    for w in &rules.credit_words {
        // `(Photo Credit Kyodo)`, `(Photo by Jane Roe)`.
        if let Some(rest) = lower.strip_prefix(w.as_str()) {
            if rest.starts_with([' ', ':']) {
                let name = t[w.len()..].trim_start_matches([' ', ':']).trim();
                if !name.is_empty() && name.starts_with(char::is_uppercase) {
                    return Some(Some(name.to_string()));
                }
            }
        }
        // `(EPA Images pic)`, `(Bernama file pic)`.
        if let Some(rest) = lower.strip_suffix(w.as_str()) {
            if rest.ends_with(' ') {
                let name = t[..rest.len()].trim();
                let name = name
                    .strip_suffix(" file")
                    .or_else(|| name.strip_suffix(" File"))
                    .unwrap_or(name)
                    .trim();
                if !name.is_empty() && name.starts_with(char::is_uppercase) && name.len() <= 60 {
                    return Some(Some(name.to_string()));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use proptest::prelude::*;

    #[test]
    fn the_gate_passes_every_dashed_credit() {
        DASHED.assert_sound("DASHED");
    }

    proptest! {
        /// The scanner finds what `\(([^()]+)\)` finds.
        #[test]
        fn paren_groups_are_the_regex_matches(text in "[()a é]{0,24}") {
            let re = Regex::new(r"\(([^()]+)\)").unwrap();
            let want: Vec<_> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(paren_groups(&text).collect::<Vec<_>>(), want);
        }
    }

    fn credit(s: &str) -> Option<(String, String)> {
        let r = Rules::builtin().compile().unwrap();
        find_credit(s, &r).map(|c| (s[c.start..c.end].to_string(), c.credit.unwrap_or_default()))
    }

    #[test]
    fn every_credit_style_names_its_supplier() {
        let cases = [
            ("A man. (Bernama pic)", "(Bernama pic)", "Bernama"),
            (
                "A man. (EPA Images pic) TAIPEI : x",
                "(EPA Images pic)",
                "EPA Images",
            ),
            (
                "A man. (Photo Credit Kyodo)",
                "(Photo Credit Kyodo)",
                "Kyodo",
            ),
            (
                "A man. (Jane Roe/Pool Photo via AP)",
                "(Jane Roe/Pool Photo via AP)",
                "Jane Roe/Pool Photo via AP",
            ),
            (
                "A man today. -- fotoBERNAMA (2025) COPYRIGHT RESERVED",
                "-- fotoBERNAMA (2025) COPYRIGHT RESERVED",
                "fotoBERNAMA",
            ),
            (
                "A man. - Bernama pic Kota Kinabalu: x",
                "- Bernama pic",
                "Bernama",
            ),
            (
                "A man. — Bernama photo PULAU INDAH: x",
                "— Bernama photo",
                "Bernama",
            ),
            ("A man. - Photo by Bernama", "- Photo by Bernama", "Bernama"),
            (
                "A man. (Pic courtesy of Sabah Fire Department)",
                "(Pic courtesy of Sabah Fire Department)",
                "Sabah Fire Department",
            ),
            ("A man. (Pic credit: Bomba)", "(Pic credit: Bomba)", "Bomba"),
            (
                "A man. -- fotoBERNAMA (2024) HAK CIPTA TERPELIHARA",
                "-- fotoBERNAMA (2024) HAK CIPTA TERPELIHARA",
                "fotoBERNAMA",
            ),
            ("A man. (File pic)", "(File pic)", ""),
            ("A man. (Bernama file pic)", "(Bernama file pic)", "Bernama"),
        ];
        for (text, marker, who) in cases {
            assert_eq!(
                credit(text),
                Some((marker.to_string(), who.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn in_text_markers_and_sign_offs_are_not_credits() {
        assert_eq!(credit("The sign ( pic ) was removed."), None);
        assert_eq!(credit("He showed a drawing (picture) to us."), None);
        assert_eq!(credit("The talks ended. — Reuters"), None);
        assert_eq!(credit("Prices rose 5% - the highest ever."), None);
    }
}
