//! The headline block and the lines that sit between it and the body: headline copies,
//! publisher stamps (`The Star3 hours ago`), site stamps, `Published on:` headers and bylines.
//!
//! The headline is the first content line when it reads like one (short, not a finished
//! sentence, not a dateline or caption) or when the page repeats it. A dump that starts mid-page
//! has no headline, and inventing one from its first sentence would be worse than a null and a
//! warning.

use regex::Regex;

use super::caption;
use super::dateline;
use super::dates;
use super::gated::{opens_in_caps, starts_with_ignore_case, Gated};
use super::lines::{ends_terminal, same_headline, starts_lowercase, word_count, Class, Doc};
use crate::article::{Article, Published};
use crate::rules::CompiledRules;

/// The result of reading the top of the article region.
pub(crate) struct Head {
    /// The first line index the body pass should look at.
    pub body_from: usize,
    /// The line whose start was the headline and whose rest is the lead, if glued.
    pub glued: Option<usize>,
}

/// Reads the headline and its copies. Returns where the body pass starts.
pub(crate) fn headline(
    doc: &mut Doc<'_>,
    rules: &CompiledRules,
    end: usize,
    art: &mut Article,
) -> Head {
    let mut i = 0;
    // Leading chrome: `logo`, image-URL debris, a stray `#`.
    while i < end {
        if doc.is_blank(i) {
            i += 1;
            continue;
        }
        match rules.chrome_rule(doc.t(i)) {
            Some(rule) => {
                doc.chrome_line(i, rule);
                i += 1;
            }
            None => break,
        }
    }
    if i >= end {
        return Head {
            body_from: end,
            glued: None,
        };
    }
    let first = doc.t(i);
    let next = next_nonblank(doc, i + 1, end);
    let repeated = next.is_some_and(|j| same_headline(doc.t(j), first));
    // The compact layout opens with a blank line and the logo layout with `logo`; a dump cut
    // mid-page opens straight with text.
    let by_layout = i > 0;
    if repeated || looks_like_headline(first, rules, by_layout) {
        let mut headline = first.to_string();
        doc.note(
            i,
            Class::Headline,
            if repeated {
                "headline-repeated"
            } else {
                "headline-first-line"
            },
        );
        let mut j = i + 1;
        // A headline wrapped by the scraper: the second half starts in lower case and is not
        // a sentence of its own (`... fibreglass boats` / `under state aid programme`).
        if !repeated {
            if let Some(k) = next {
                let cont = doc.t(k);
                if starts_lowercase(cont)
                    && rules.chrome_rule(cont).is_none()
                    && word_count(cont) <= 15
                    && !cont.ends_with('.')
                    && word_count(first) + word_count(cont) <= 40
                {
                    headline.push(' ');
                    headline.push_str(cont);
                    doc.note(k, Class::Headline, "headline-wrapped-line");
                    j = k + 1;
                }
            }
        }
        // Copies: the logo layout repeats it after a blank line, FMT right after the crawler
        // line; some pages show it three times.
        let mut copies = 0;
        while let Some(k) = next_nonblank(doc, j, end) {
            if copies < 3 && same_headline(doc.t(k), &headline) {
                doc.chrome_line(k, "headline-copy");
                doc.renote(k, Class::HeadlineCopy, "same-as-headline");
                copies += 1;
                j = k + 1;
            } else {
                break;
            }
        }
        art.headline = Some(headline);
        return Head {
            body_from: j,
            glued: None,
        };
    }
    // `Is the Bridge Safe?Engineers say ...`: the headline glued to the lead.
    if let Some(cut) = glued_headline(first) {
        let t = doc.text[i];
        let lead = t.len() - t.trim_start().len();
        art.headline = Some(t[lead..lead + cut].trim().to_string());
        // The body pass places the rest of the line; the ledger then names it a headline line.
        doc.text[i] = &t[lead + cut..];
        return Head {
            body_from: i,
            glued: Some(i),
        };
    }
    art.warnings
        .push("no headline found (the dump starts mid-page)".into());
    Head {
        body_from: i,
        glued: None,
    }
}

pub(crate) fn next_nonblank(doc: &Doc<'_>, from: usize, end: usize) -> Option<usize> {
    (from..end).find(|&k| !doc.is_blank(k))
}

/// Short, not a finished sentence, and not something else that can open a dump.
///
/// `by_layout` is true when the page's own structure puts a headline here (the compact layout's
/// leading blank line, the logo layout's `logo`): then a headline that happens to end with a
/// full stop is still taken, as long as it is not paragraph-long.
fn looks_like_headline(t: &str, rules: &CompiledRules, by_layout: bool) -> bool {
    let words = word_count(t);
    let max_words = if by_layout { 40 } else { 30 };
    if words == 0 || words > max_words || t.len() > 300 || starts_lowercase(t) {
        return false;
    }
    // A finished sentence is the lead of a page whose headline was lost. Headlines end in `?`,
    // `!`, a quote or `]` (`[WATCH]`), but practically never in a full stop.
    if t.ends_with('.') && !t.ends_with("...") && !(by_layout && words <= 20) {
        return false;
    }
    // `Explainer: ...`, `MACC: Graft cases ...`: a kicker before a colon reads like a dateline,
    // so only a long line that opens with one is taken for a lead.
    if (words > 15 && dateline::at_start(t, rules).is_some())
        || caption::find_credit(t, rules).is_some()
        || dates::is_age(t)
    {
        return false;
    }
    !t.starts_with(['\'', '‘', '"', '“']) || !t.contains(" said")
}

/// Where a headline glued to its lead ends: punctuation straight before a capital letter
/// (`Safe?Engineers`), early in a line too long to be a headline.
fn glued_headline(t: &str) -> Option<usize> {
    if word_count(t) <= 30 && !t.ends_with('.') {
        return None;
    }
    let mut words = 0;
    let mut prev = ' ';
    for (i, ch) in t.char_indices() {
        if ch.is_whitespace() {
            words += 1;
            if words > 25 {
                return None;
            }
        }
        if ch.is_uppercase()
            && matches!(prev, '?' | '!' | '\'' | '"' | '”' | '’' | ']')
            && words >= 2
        {
            return Some(i);
        }
        prev = ch;
    }
    None
}

/// The longest outlet name `publisher_stamp` takes before a glued age.
const MAX_STAMP_PUBLISHER_CHARS: usize = 61;
/// `KYODO NEWS - 2 hours ago - 18:40 | All, Japan`: a source site's own stamp.
/// Its gate: the outlet (letters, `.`, `&`, `'`, spaces) and whitespace up to the first dash.
static SITE_STAMP: Gated = Gated::new(
    |t| {
        t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.find('-').is_some_and(|dash| {
                t[..dash]
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || ".&' ".contains(c) || c.is_whitespace())
            })
    },
    || {
        Regex::new(r"^(?P<pub>[A-Z][A-Za-z.&' ]{1,40}?)\s+-\s+(?P<age>(?:[0-9]{1,3}|an?)\s+[a-z]+\s+ago|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{1,2}\s+[A-Z][a-z]{2,8}\s+[0-9]{4})(?:\s+-\s+[0-9]{1,2}:[0-9]{2}(?:\s*[ap]m)?)?(?:\s*\|.*)?$").unwrap()
    },
);
static PUBLISHED_ON: Gated = Gated::new(
    |t| t.starts_with("Published") || t.starts_with("Updated"),
    || {
        Regex::new(r"^(?P<label>(?:Published|Updated)(?:\s+on)?\s*:)\s*(?P<date>.*?)(?:\s*(?P<by>\bBy\b\s*:?)\s*(?P<name>.*))?$").unwrap()
    },
);
static BY_LINE: Gated = Gated::new(
    |t| starts_with_ignore_case(t, "by") || starts_with_ignore_case(t, "from"),
    || Regex::new(r"^(?P<label>(?i:by|from)\s*:?)\s+(?P<name>\S.*)$").unwrap(),
);
/// `AMIR HALIM and MEI LING TAN`: names in capitals. Its gate: a capital start, and no character
/// the pattern cannot take.
static CAPS_NAMES: Gated = Gated::new(
    |t| {
        opens_in_caps(t)
            && t.chars()
                .all(|c| c.is_ascii_uppercase() || ".'’-,&and".contains(c) || c.is_whitespace())
    },
    || Regex::new(r"^[A-Z][A-Z.'’\-]+(?:,?\s+(?:[A-Z][A-Z.'’\-]*|and|dan|&))+$").unwrap(),
);

/// A header line above the body, if `t` is one; fills the article and records chrome.
/// Returns false when the line is something else (the caller goes on with body rules).
pub(crate) fn header_line(
    doc: &mut Doc<'_>,
    i: usize,
    next: Option<usize>,
    rules: &CompiledRules,
    art: &mut Article,
) -> bool {
    let t = doc.t(i);
    // `Published on: Fri, Feb 14, 2025 By: Farid Osman` (the `Text Size:` tail is already cut).
    if let Some(c) = PUBLISHED_ON.captures(t) {
        let date = c.name("date").map_or("", |m| m.as_str()).trim();
        let head_end = c.name("by").map_or(t.len(), |m| m.start());
        let head = &t[..head_end];
        doc.chrome_fragment(i, head);
        doc.note(i, Class::Chrome, "published-on-header");
        if !date.is_empty() && art.published.is_none() {
            art.published = Some(dates::published(date));
        }
        if let (Some(by), Some(name)) = (c.name("by"), c.name("name")) {
            doc.chrome_fragment(i, &t[by.start()..by.end()]);
            if !name.as_str().trim().is_empty() {
                let name = name.as_str().trim();
                fill_or_record(doc, i, &mut art.byline, name);
                doc.renote(i, Class::Byline, "published-on-header-with-byline");
            }
        }
        // Split over lines: `Published on:` then the date alone.
        if date.is_empty() {
            if let Some(j) = next.filter(|&j| dates::iso_date(doc.t(j)).is_some()) {
                art.published
                    .get_or_insert_with(|| dates::published(doc.t(j)));
                doc.chrome_line(j, "published-on-date");
            }
        }
        return true;
    }
    if let Some(stamp) = publisher_stamp(t, rules) {
        if art.publisher.is_some() || art.published.is_some() {
            // A second stamp: the first one's values stand, this one is recorded whole.
            doc.chrome_fragment(i, doc.text[i]);
        }
        art.publisher.get_or_insert(stamp.0);
        if art.published.is_none() {
            art.published = Some(stamp.1);
        }
        doc.note(i, Class::Publisher, "publisher-glued-to-date");
        return true;
    }
    if let Some(c) = SITE_STAMP.captures(t) {
        art.publisher
            .get_or_insert_with(|| c["pub"].trim().to_string());
        if art.published.is_none() {
            art.published = Some(dates::published(&c["age"]));
        }
        doc.chrome_line(i, "site-stamp");
        return true;
    }
    if dates::is_date_stamp(t) {
        if art.published.is_none() {
            art.published = Some(dates::published(t));
        }
        doc.chrome_line(i, "site-date-stamp");
        return true;
    }
    // `By:` alone, the name on the next line.
    if matches!(t, "By:" | "By" | "BY:") {
        if let Some(j) = next.filter(|&j| looks_like_names(doc.t(j))) {
            doc.chrome_line(i, "byline-label");
            fill_or_record(doc, j, &mut art.byline, doc.t(j));
            doc.note(j, Class::Byline, "byline-after-label");
            return true;
        }
    }
    if let Some(c) = BY_LINE.captures(t) {
        let name = c["name"].trim();
        if looks_like_names(name) {
            let label = c.name("label").unwrap();
            doc.chrome_fragment(i, &t[label.start()..label.end()]);
            fill_or_record(doc, i, &mut art.byline, name);
            doc.note(i, Class::Byline, "byline-by-or-from");
            return true;
        }
    }
    // `AMIR HALIM and MEI LING TAN`: an all-caps names line. A video page's section head is
    // all caps too, so the line must read as a list of names or stand before a dateline.
    if CAPS_NAMES.is_match(t) && word_count(t) <= 10 {
        let listy =
            t.contains(" and ") || t.contains(" & ") || t.contains(',') || t.contains(" dan ");
        let before_dateline = next.is_some_and(|j| {
            dateline::at_start(doc.t(j), rules).is_some()
                || dateline::alone(doc.t(j), rules).is_some()
        });
        if listy || before_dateline {
            fill_or_record(doc, i, &mut art.byline, t);
            doc.note(i, Class::Byline, "byline-all-caps-names");
            return true;
        }
    }
    false
}

/// Puts `value` in an empty `slot`. A page that gives a second, different one (two bylines)
/// keeps the first; the second `value` (a slice of line `i`) is then recorded as chrome, so that
/// its words are not lost.
fn fill_or_record(doc: &mut Doc<'_>, i: usize, slot: &mut Option<String>, value: &str) {
    match slot {
        None => *slot = Some(value.to_string()),
        Some(kept) if kept == value => {}
        Some(_) => doc.chrome_fragment(i, value),
    }
}

/// `The Star3 hours ago` / `CNA14-02-2025`: an outlet glued to an age or a date.
pub(crate) fn publisher_stamp(t: &str, rules: &CompiledRules) -> Option<(String, Published)> {
    let end = dates::age_tail_start(t)?;
    let publisher = t[..end].trim();
    let age = &t[end..];
    if t[..end].chars().count() > MAX_STAMP_PUBLISHER_CHARS
        || publisher.is_empty()
        || word_count(publisher) > 6
        || ends_terminal(publisher)
        || !publisher.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit())
        || publisher.ends_with(char::is_numeric)
    {
        return None;
    }
    // An unknown outlet is accepted when it reads like a name (every word capitalised), so a
    // misspelt `Barnama` still splits; a sentence ending in `3 days ago` does not.
    let name_like = publisher.split_whitespace().all(|w| {
        w.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit()) || w.len() <= 3
    });
    if !(rules.is_publisher(publisher) || name_like) {
        return None;
    }
    Some((publisher.to_string(), dates::published(age)))
}

/// A person's name or a short list of them: capitalised words and connectors, no sentence.
pub(crate) fn looks_like_names(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    // A full stop may only close an initial (`R.`) or `Jr.`, never a sentence.
    let last = words.last().copied().unwrap_or("");
    let initial = last.len() <= 3 && last.ends_with('.');
    if words.is_empty() || words.len() > 9 || (s.ends_with(['.', '?', '!']) && !initial) {
        return false;
    }
    words.iter().all(|w| {
        w.starts_with(|c: char| c.is_uppercase())
            || matches!(
                *w,
                "and"
                    | "&"
                    | "bin"
                    | "binti"
                    | "bt"
                    | "bte"
                    | "a/l"
                    | "a/p"
                    | "d/o"
                    | "s/o"
                    | "van"
                    | "de"
                    | "al"
                    | "dan"
                    | "@"
                    | "von"
                    | "la"
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_pass_every_header_line() {
        SITE_STAMP.assert_sound("SITE_STAMP");
        PUBLISHED_ON.assert_sound("PUBLISHED_ON");
        BY_LINE.assert_sound("BY_LINE");
        CAPS_NAMES.assert_sound("CAPS_NAMES");
    }
}
