//! The article body: paragraphs, captions, the lead's dateline, subheadings and the sign-off.
//!
//! One pass over the lines between the headline and the chrome block. While no paragraph has
//! been seen, header rules (stamps, bylines, the standfirst, FMT's place-alone dateline) are
//! tried first; after that only body rules apply. Order matters and is deliberate: chrome before
//! anything (a promo line is never a paragraph), rejoining split link text before subheadings (a
//! fragment like `Sabah Ports and Harbours Department` is short and unpunctuated too, but it
//! follows an unfinished sentence, which a subheading never does).

use regex::Regex;

use super::caption;
use super::dateline;
use super::gated::Gated;
use super::header::{self, looks_like_names};
use super::lines::{ends_terminal, same_headline, starts_lowercase, word_count, Class, Doc};
use super::signoff;
use crate::article::{Article, Image, Subheading};
use crate::rules::CompiledRules;

static COMPILED_BY: Gated = Gated::new(
    |t| {
        ["Compiled", "Reported", "Written", "Edited"]
            .iter()
            .any(|w| t.starts_with(w))
    },
    || {
        Regex::new(r"^(?P<label>(?:Compiled|Reported|Written|Edited) by:?)\s+(?P<rest>.+)$")
            .unwrap()
    },
);

/// `----------` alone: what separates a digest's items.
fn is_separator(t: &str) -> bool {
    t.len() >= 5 && t.bytes().all(|b| b == b'-')
}

/// Whether the article is a news digest: items separated by `----------`.
pub(crate) fn is_digest(doc: &Doc<'_>, from: usize, end: usize, headline: Option<&str>) -> bool {
    let seps = (from..end).filter(|&i| is_separator(doc.t(i))).count();
    seps >= 2 || (seps >= 1 && headline.is_some_and(|h| h.contains("Digest")))
}

#[derive(PartialEq)]
enum Last {
    Nothing,
    Paragraph,
    Other,
}

pub(crate) fn body(
    doc: &mut Doc<'_>,
    rules: &CompiledRules,
    from: usize,
    end: usize,
    fmt_page: bool,
    art: &mut Article,
) {
    let digest = is_digest(doc, from, end, art.headline.as_deref());
    let lines: Vec<usize> = (from..end)
        .filter(|&i| !doc.is_blank(i) && doc.class(i).is_none())
        .collect();

    let mut paras: Vec<(String, usize)> = Vec::new();
    let mut pending_dateline = None;
    let mut seen_para = false;
    let mut seen_separator = false;
    let mut item_head_next = false;
    let mut last = Last::Nothing;
    let mut signed_off = false;
    let mut sign_off_line = None;

    for (k, &i) in lines.iter().enumerate() {
        // An earlier line may have claimed this one (`Published on:` takes the date below it).
        if doc.class(i).is_some() {
            continue;
        }
        let t = doc.t(i);
        let next = lines.get(k + 1).copied();
        let next_text = next.map(|j| doc.t(j));

        // Header lines come first: a `Published on:` header is chrome too, but it also holds
        // the date and the byline.
        let in_digest_intro = digest && !seen_separator;
        if !seen_para && header::header_line(doc, i, next, rules, art) {
            last = Last::Other;
            continue;
        }
        if let Some(rule) = rules.chrome_rule(t) {
            if digest && is_separator(t) {
                seen_separator = true;
                item_head_next = true;
            }
            doc.chrome_line(i, rule);
            continue;
        }
        if art.headline.as_deref().is_some_and(|h| same_headline(h, t)) {
            doc.chrome_line(i, "headline-copy");
            doc.renote(i, Class::HeadlineCopy, "same-as-headline");
            continue;
        }
        if in_digest_intro {
            doc.chrome_line(i, "digest-intro");
            continue;
        }
        if item_head_next {
            item_head_next = false;
            subheading(doc, i, art, paras.len(), "digest-item-headline");
            last = Last::Other;
            continue;
        }
        if let Some(nt) = next_text {
            if is_alt_text(t, nt, rules) {
                doc.chrome_line(i, "alt-text-before-caption");
                continue;
            }
        }

        let mut text: &str = t;
        let mut rule = "paragraph";
        if let Some(cr) = caption::find_credit(t, rules) {
            // A credit alone on its line (`— Reuters pic`) belongs to the caption above it.
            if t[..cr.start].trim().is_empty() && t[cr.end..].trim().is_empty() {
                if let Some(img) = art.images.last_mut().filter(|im| im.credit.is_none()) {
                    img.credit = cr.credit.clone();
                }
                doc.chrome_line(i, "credit-alone-on-its-line");
                continue;
            }
            let cap = t[..cr.start].trim();
            let rest = t[cr.end..].trim();
            let rest_is_lead = rest.is_empty()
                || dateline::at_start(rest, rules).is_some()
                || (ends_terminal(cap) && word_count(cap) >= 3);
            if !cap.is_empty() && word_count(cap) <= 80 && rest_is_lead {
                art.images.push(Image {
                    caption: cap.to_string(),
                    credit: cr.credit.clone(),
                });
                doc.chrome_fragment(i, &t[cr.start..cr.end]);
                doc.note(i, Class::Caption, "caption-with-credit");
                last = Last::Other;
                if rest.is_empty() {
                    continue;
                }
                text = rest;
                rule = "lead-after-caption";
            }
        }
        if text == t {
            if art.dateline.is_none() && pending_dateline.is_none() && paras.len() <= 1 {
                if let Some(d) = dateline::alone(t, rules) {
                    // FMT's place-alone dateline opens the lead, so a single paragraph before
                    // it was the standfirst the headline block did not recognise.
                    if let Some((p, j)) = paras.pop() {
                        if art.standfirst.is_none() && art.headline.is_some() {
                            art.standfirst = Some(p);
                            doc.renote(j, Class::Standfirst, "summary-before-dateline-line");
                        } else {
                            paras.push((p, j));
                        }
                    }
                    seen_para = !paras.is_empty();
                    pending_dateline = Some(d);
                    doc.note(i, Class::Dateline, "dateline-alone-on-its-line");
                    continue;
                }
            }
            if let Some((0, agency)) = signoff::at_end(t, rules) {
                art.source = Some(agency);
                signed_off = true;
                supersede_sign_off(doc, &mut sign_off_line, i);
                doc.note(i, Class::SignOff, "sign-off-line");
                last = Last::Other;
                continue;
            }
            if !seen_para
                && art.headline.is_some()
                && art.standfirst.is_none()
                && art.images.is_empty()
                && pending_dateline.is_none()
                && is_standfirst(t, next_text, fmt_page || is_fmt(art), rules)
            {
                art.standfirst = Some(t.to_string());
                doc.note(i, Class::Standfirst, "summary-before-lead");
                last = Last::Other;
                continue;
            }
            if let Some(item) = t.strip_prefix("> ").or_else(|| t.strip_prefix(">\u{a0}")) {
                paras.push((item.trim().to_string(), i));
                seen_para = true;
                doc.note(i, Class::Body, "round-up-item");
                last = Last::Paragraph;
                continue;
            }
            if last == Last::Paragraph {
                if let Some((prev, _)) = paras.last_mut() {
                    if should_join(prev, t, next_text) {
                        // Link text split off before punctuation or a possessive rejoins
                        // without a space: `MySejahtera` + `.`, `Boustead` + `'s yard`.
                        let tight = t.starts_with(['.', ',', ';', ':', '!', '?', ')', '%'])
                            || t.starts_with("'s ")
                            || t.starts_with("’s ")
                            || t == "'s"
                            || t == "’s";
                        if !tight {
                            prev.push(' ');
                        }
                        prev.push_str(t);
                        doc.note(i, Class::Body, "link-text-rejoined");
                        continue;
                    }
                }
            }
            let prev = paras.last().map(|(p, _)| p.as_str());
            if is_subheading(t, prev, next_text, seen_para, rules) {
                subheading(doc, i, art, paras.len(), "short-line-between-paragraphs");
                last = Last::Other;
                continue;
            }
        }

        if !seen_para {
            // With a byline already read (`By: ...` in a header), the names would have nowhere
            // to go: the line is then left whole, as a paragraph.
            let compiled_by = match art.byline {
                None => COMPILED_BY.captures(text),
                Some(_) => None,
            };
            if let Some(c) = compiled_by {
                let rest_all = c.name("rest").unwrap().as_str();
                if let Some((names, rest)) = split_compiled_by(rest_all, rules) {
                    let label = c.name("label").unwrap();
                    doc.chrome_fragment(i, &text[label.start()..label.end()]);
                    art.byline.get_or_insert(names);
                    text = rest;
                    rule = "lead-after-compiled-by";
                }
            }
            if let Some(d) = pending_dateline.take() {
                art.dateline = Some(d);
                rule = "lead-after-dateline-line";
            } else if art.dateline.is_none() {
                if let Some((d, len)) = dateline::at_start(text, rules) {
                    art.dateline = Some(d);
                    text = &text[len..];
                    rule = "lead-with-dateline";
                } else if let Some((cut, d, rest)) = dateline::after_bare_caption(text, rules) {
                    art.images.push(Image {
                        caption: text[..cut].trim().to_string(),
                        credit: None,
                    });
                    art.dateline = Some(d);
                    text = &text[rest..];
                    rule = "bare-caption-then-dateline";
                }
            }
        }
        if text.trim().is_empty() {
            // The line held only a byline or a dateline; the lead is on a later line.
            let class = if rule == "lead-after-compiled-by" {
                Class::Byline
            } else {
                Class::Dateline
            };
            doc.note(i, class, rule);
            continue;
        }
        seen_para = true;
        paras.push((text.trim().to_string(), i));
        doc.note(i, Class::Body, rule);
        last = Last::Paragraph;
    }

    // A glued sign-off on the last paragraph: `... the ministry said. — Reuters`.
    if let Some((text, i)) = paras.last_mut() {
        if let Some((at, agency)) = signoff::at_end(text, rules) {
            text.truncate(at);
            let kept = text.trim_end().len();
            text.truncate(kept);
            art.source = Some(agency);
            signed_off = true;
            supersede_sign_off(doc, &mut sign_off_line, *i);
            doc.renote(*i, Class::Body, "paragraph-with-sign-off");
            if text.is_empty() {
                doc.renote(*i, Class::SignOff, "sign-off-line");
                paras.pop();
            }
        }
    }
    if !signed_off {
        art.source = art.dateline.as_ref().and_then(|d| d.agency.clone());
    }
    if let Some(d) = pending_dateline {
        art.dateline.get_or_insert(d);
    }
    let n = paras.len();
    for s in &mut art.subheadings {
        s.before = s.before.min(n);
    }
    art.body = paras.into_iter().map(|(p, _)| p).collect();
}

/// Only the last sign-off is the record's `source`; an earlier sign-off line it replaces (a
/// page carrying two stories, `— Reuters` then `-- BERNAMA-KYODO`) is recorded in `boilerplate`
/// so that its agency is not lost.
fn supersede_sign_off(doc: &mut Doc<'_>, last: &mut Option<usize>, i: usize) {
    if let Some(earlier) = last.replace(i) {
        if earlier != i {
            doc.chrome_line(earlier, "superseded-sign-off");
            doc.renote(earlier, Class::Chrome, "superseded-sign-off");
        }
    }
}

/// Line `i` is a section head before paragraph `before`.
fn subheading(doc: &mut Doc<'_>, i: usize, art: &mut Article, before: usize, rule: &'static str) {
    art.subheadings.push(Subheading {
        before,
        text: doc.t(i).to_string(),
    });
    doc.note(i, Class::Subheading, rule);
}

/// `Compiled by A. RAJ and L. WONG KUALA LUMPUR: ...`: the names, then the lead. The names end
/// where a dateline or an ordinary sentence starts.
fn split_compiled_by<'a>(rest: &'a str, rules: &CompiledRules) -> Option<(String, &'a str)> {
    let mut ends: Vec<usize> = rest.match_indices(' ').map(|(i, _)| i).collect();
    ends.push(rest.len());
    for &e in &ends {
        let names = rest[..e].trim();
        let after = rest[e..].trim_start();
        if !looks_like_names(names) {
            break;
        }
        let next_word = after.split_whitespace().next().unwrap_or("");
        if names.ends_with(" and")
            || matches!(next_word, "and" | "&" | "dan")
            || next_word.ends_with('.') && next_word.len() <= 3
        {
            continue;
        }
        let caps_names = names
            .split_whitespace()
            .filter(|w| !matches!(*w, "and" | "dan" | "&"))
            .all(|w| !w.chars().any(char::is_lowercase));
        let lead_starts = after.is_empty()
            || dateline::at_start(after, rules).is_some()
            || (caps_names && next_word.chars().any(char::is_lowercase))
            || starts_lowercase(after);
        if lead_starts {
            return Some((names.to_string(), after));
        }
    }
    None
}

/// FMT's alt text: a short line before a caption, lower case (`kl tower`) or repeating a name
/// the caption carries (portraits).
fn is_alt_text(t: &str, next: &str, rules: &CompiledRules) -> bool {
    if word_count(t) > 8 || ends_terminal(t) || t.len() > 80 {
        return false;
    }
    let Some(cr) = caption::find_credit(next, rules) else {
        return false;
    };
    let cap = next[..cr.start].to_lowercase();
    starts_lowercase(t) || cap.contains(&t.to_lowercase())
}

/// FMT is the outlet that puts a standfirst under its headlines.
fn is_fmt(art: &Article) -> bool {
    art.publisher
        .as_deref()
        .is_some_and(|p| p.eq_ignore_ascii_case("Free Malaysia Today") || p == "FMT")
}

/// The standfirst sits between the headline and a lead that visibly starts. FMT's own markers
/// after it (a lower-case alt-text line, the place alone on its line) settle it on any page; a
/// caption or a datelined lead only on an FMT page, because elsewhere the line before them is
/// just as often the lead of an article whose dateline comes later, or a caption.
fn is_standfirst(t: &str, next: Option<&str>, fmt: bool, rules: &CompiledRules) -> bool {
    let words = word_count(t);
    if !(5..=60).contains(&words) || !ends_terminal(t) || starts_lowercase(t) {
        return false;
    }
    if dateline::at_start(t, rules).is_some() || caption::find_credit(t, rules).is_some() {
        return false;
    }
    let Some(n) = next else { return false };
    let fmt_marker = dateline::alone(n, rules).is_some()
        || (starts_lowercase(n) && word_count(n) <= 8 && !ends_terminal(n));
    fmt_marker
        || (fmt
            && (dateline::at_start(n, rules).is_some()
                || caption::find_credit(n, rules).is_some_and(|c| c.start > 0)))
}

const UNFINISHED: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "with",
    "to",
    "on",
    "at",
    "in",
    "for",
    "from",
    "by",
    "via",
    "as",
    "into",
    "onto",
    "about",
    "between",
    "under",
    "over",
    "near",
    "than",
    "said",
    "says",
    "told",
    "called",
    "named",
    "including",
    "like",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "at",
    "visit",
    "see",
    "follow",
    "through",
    "under",
    "per",
];

/// Link text split onto its own line: the paragraph before is unfinished, and this line (or
/// the one after) carries on the sentence.
fn should_join(prev: &str, t: &str, next: Option<&str>) -> bool {
    if ends_terminal(prev) {
        return false;
    }
    let last_word = prev
        .split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    starts_lowercase(t)
        || t.starts_with([',', ';', ')', '.', ':', '’', '\''])
        || UNFINISHED.contains(&last_word.as_str())
        || (next.is_some_and(starts_lowercase) && word_count(t) <= 8 && !ends_terminal(t))
}

/// A short unpunctuated line between finished paragraphs, followed by more text.
fn is_subheading(
    t: &str,
    prev: Option<&str>,
    next: Option<&str>,
    seen_para: bool,
    rules: &CompiledRules,
) -> bool {
    let words = word_count(t);
    if words == 0 || words > 10 || t.len() > 90 || starts_lowercase(t) {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':', '-', '—'])
        || t.starts_with(['\'', '"', '‘', '“', '(', '-', '—', '•', '*', '·', '>'])
    {
        return false;
    }
    // A list item (`1. Apply online`, `2) Pay the fee`) is a paragraph, not a head.
    let first_word = t.split_whitespace().next().unwrap_or("");
    let numbered = first_word.len() <= 4
        && first_word.ends_with(['.', ')'])
        && first_word
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit());
    if numbered {
        return false;
    }
    if !t.chars().any(char::is_alphabetic) {
        return false;
    }
    let all_caps = !t.chars().any(char::is_lowercase);
    if seen_para {
        if !prev.is_some_and(ends_terminal) {
            return false;
        }
    } else if !all_caps {
        return false;
    }
    match next {
        Some(n) => {
            rules.chrome_rule(n).is_none()
                && (word_count(n) > words || ends_terminal(n))
                && !(all_caps && word_count(n) <= 10 && !n.chars().any(char::is_lowercase))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_gate_passes_every_compiled_by() {
        COMPILED_BY.assert_sound("COMPILED_BY");
    }

    proptest! {
        #[test]
        fn separators_are_what_the_regex_matched(t in "[-a ]{0,7}") {
            let re = Regex::new(r"^-{5,}$").unwrap();
            prop_assert_eq!(is_separator(&t), re.is_match(&t));
        }
    }
}
