//! The head zone: everything above the lead. Its rule table, read top to bottom, is the order
//! in which a head line is recognised: chrome, the headline and its copies, stamps, bylines,
//! digest furniture, FMT's place-alone dateline, alt text and captions; then the two placement
//! rules, which need to know where the lead is: what is left between the headline and the lead
//! is head material, the standfirst first and captions after it.
//!
//! The recognisers for head lines (publisher stamps, site stamps, `Published on:` headers,
//! bylines) live here too; the body pass does not use them: a stamp below the lead is text.

use regex::Regex;

use super::classify::{Cx, Matcher};
use super::dateline;
use super::dates;
use super::gated::Gated;
use super::layout;
use super::lead;
use super::line::{Claim, Class, Field, Part, Role};
use super::rule::Rule;
use super::text::{
    ends_terminal, opens_in_caps, same_headline, starts_lowercase, starts_with_ignore_case,
    word_count, word_count_to,
};
use crate::rules::CompiledRules;

/// The head zone's rules, in the order they are tried.
pub(crate) const HEAD: &[Matcher] = &[
    // Before chrome: a `Published on:` header is chrome too, but it also holds the date and
    // the byline.
    published_on,
    published_on_date,
    chrome,
    separator,
    listing_topic,
    section_label,
    headline,
    headline_wrapped,
    headline_copy,
    byline_with_date,
    publisher_stamp_line,
    site_stamp,
    date_stamp,
    byline_label,
    byline_after_label,
    byline_by_or_from,
    byline_caps_names,
    byline_with_outlet,
    byline_agency,
    byline_above_stamp,
    place_tag,
    byline_under_headline,
    deck_bullet,
    digest_intro,
    digest_item_headline,
    dateline_alone,
    alt_text,
    credit_alone,
    caption_with_credit,
    caption_by_opening,
    caption_by_ending,
    caption_with_wire_credit,
    // Placement: only once the plan knows where the lead is.
    alt_text_before_lead,
    standfirst,
    caption_before_lead,
];

/// A chrome line by the rules (`logo`, `#`, image-URL debris, promo lines).
pub(crate) fn chrome(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let hit = cx.page.chrome_hit(i, cx.rules)?;
    let (rule, pattern) = match hit {
        crate::rules::ChromeHit::Line => (Rule::ChromeLine, None),
        crate::rules::ChromeHit::Pattern(k) => (Rule::ChromePattern, Some(k)),
    };
    let mut claim = Claim::chrome(rule, cx.page.span(i, t));
    claim.pattern = pattern;
    Some(claim)
}

/// `----------`: what separates a digest's items; chrome on any page.
pub(crate) fn separator(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    cx.rules
        .is_separator(t)
        .then(|| Claim::chrome(Rule::Separator, cx.page.span(i, t)))
}

/// `Latest news with #Badminton`: a listing's topic. The line is chrome and the tag the topic.
fn listing_topic(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let tag = layout::listing_topic(t, cx.rules)?;
    Some(Claim::new(
        Class::Topic,
        Rule::ListingTopic,
        vec![
            cx.page.part(i, Role::Chrome, t),
            cx.page.part(i, Role::Value(Field::Topic), tag),
        ],
    ))
}

/// A short label above the headline (`Politics`, `Headlines`): the section the page sits in.
fn section_label(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let h = cx.plan.headline.as_ref()?;
    let t = cx.t(i);
    let label = super::zones::is_section_label(t)
        && !is_stamp_above_headline(t, cx.rules)
        && !is_agency_alone(t, cx.rules);
    (i < h.line && label).then(|| Claim::chrome(Rule::SectionLabel, cx.page.span(i, t)))
}

/// A date line or stamp an outlet puts above its headline.
pub(crate) fn is_stamp_above_headline(t: &str, rules: &CompiledRules) -> bool {
    dates::is_date_stamp(t, rules)
        || published_on_line(t, rules).is_some()
        || SITE_STAMP.is_match(t)
}

/// The headline, where the plan put it: repeated below, read as one by its shape, or glued to
/// the lead (`Is the Bridge Safe?Engineers say ...`).
fn headline(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let h = cx.plan.headline.as_ref().filter(|h| h.line == i)?;
    let t = cx.t(i);
    let Some(cut) = h.glued_at else {
        let rule = if h.repeated {
            Rule::HeadlineRepeated
        } else {
            Rule::HeadlineFirstLine
        };
        return Some(Claim::whole(
            Class::Headline,
            rule,
            Role::Field(Field::Headline),
            cx.page.span(i, t),
        ));
    };
    let mut parts = vec![cx.page.part(i, Role::Field(Field::Headline), &t[..cut])];
    parts.extend(lead::opening(&t[cut..], cx.rules, !cx.seen.byline).parts(cx.page, i));
    Some(Claim::new(
        Class::Headline,
        Rule::HeadlineGluedToLead,
        parts,
    ))
}

/// The second half of a headline the scraper wrapped onto the next line.
fn headline_wrapped(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    cx.plan.headline.as_ref().filter(|h| h.wrapped == Some(i))?;
    Some(Claim::whole(
        Class::Headline,
        Rule::HeadlineWrappedLine,
        Role::Field(Field::Headline),
        cx.page.span(i, cx.t(i)),
    ))
}

/// A copy of the headline (the logo layout repeats it; some pages three times).
pub(crate) fn headline_copy(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let h = cx.headline()?;
    // An image's alt text may repeat the headline with the image's number (`Headline - 1`).
    let numbered = t.rsplit_once(" - ").is_some_and(|(copy, n)| {
        (1..=2).contains(&n.len())
            && n.bytes().all(|b| b.is_ascii_digit())
            && same_headline(h, copy)
    });
    (numbered || same_headline(h, t)).then(|| {
        Claim::whole(
            Class::HeadlineCopy,
            Rule::HeadlineCopy,
            Role::Chrome,
            cx.page.span(i, t),
        )
    })
}

/// `Published on: Fri, Feb 14, 2025 By: Farid Osman`: the label and date (recorded as chrome),
/// the date, and the byline's label and names when the line carries one.
pub(crate) struct PublishedOn<'t> {
    pub head: &'t str,
    pub date: &'t str,
    pub by: Option<(&'t str, &'t str)>,
}

/// Reads a `Published on:` line: one of the rules' `published_labels` (any case), maybe `on`,
/// a colon (or the date straight after the label, or nothing: the date on the next line).
pub(crate) fn published_on_line<'t>(t: &'t str, rules: &CompiledRules) -> Option<PublishedOn<'t>> {
    let label = rules
        .published_labels
        .iter()
        .find(|l| starts_with_ignore_case(t, l))?;
    let mut at = label.len();
    let rest = &t[at..];
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':')) {
        return None;
    }
    let trimmed = rest.trim_start();
    if starts_with_ignore_case(trimmed, "on") && !trimmed[2..].starts_with(char::is_alphanumeric) {
        at = t.len() - trimmed.len() + 2;
    }
    let rest = t[at..].trim_start();
    let colon = rest.starts_with(':');
    let after = if colon { rest[1..].trim_start() } else { rest };
    let (date, by) = match by_label(after) {
        Some(k) => (after[..k].trim(), Some(&after[k..])),
        None => (after.trim(), None),
    };
    // Without a colon the date must read as one (`Published 14 Feb 2025`), so that a sentence
    // opening with `Updated` stays text.
    if !colon && !date.is_empty() && dates::iso_date(date, rules).is_none() && !dates::is_age(date)
    {
        return None;
    }
    let head_end = t.len() - after.len() + date.len();
    let by = by.map(|b| {
        let label_len = 2
            + (b[2..].len()
                - b[2..]
                    .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
                    .len());
        (b[..label_len].trim_end(), b[label_len..].trim())
    });
    Some(PublishedOn {
        head: t[..head_end].trim_end(),
        date,
        by,
    })
}

/// Where a `By` word starts in `s` (after white space or at the start, before a colon, white
/// space or the end).
fn by_label(s: &str) -> Option<usize> {
    s.match_indices("By").map(|(k, _)| k).find(|&k| {
        let before_ok = k == 0 || s[..k].ends_with(char::is_whitespace);
        let after = &s[k + 2..];
        before_ok
            && (after.is_empty()
                || after.starts_with(':')
                || after.starts_with(char::is_whitespace))
    })
}

/// `Published on: Fri, Feb 14, 2025 By: Farid Osman` (the `Text Size:` tail already cut):
/// chrome that gives the date and maybe the byline.
pub(crate) fn published_on(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let p = published_on_line(t, cx.rules)?;
    let mut parts = vec![cx.page.part(i, Role::Chrome, p.head)];
    if !p.date.is_empty() && !cx.seen.published {
        parts.push(cx.page.part(i, Role::Value(Field::Published), p.date));
    }
    let mut rule = Rule::PublishedOnHeader;
    let mut class = Class::Chrome;
    if let Some((label, name)) = p.by {
        parts.push(cx.page.part(i, Role::Chrome, label));
        if !name.is_empty() {
            parts.push(byline_part(cx, i, name));
            rule = Rule::PublishedOnHeaderWithByline;
            class = Class::Byline;
        }
    }
    Some(Claim::new(class, rule, parts))
}

/// A byline's names: the byline, or chrome when the page already gave a different one (the
/// first byline stands; the words of the second are kept in `boilerplate`).
fn byline_part(cx: &Cx<'_, '_>, i: usize, names: &str) -> Part {
    let role = if cx.seen.byline {
        Role::Chrome
    } else {
        Role::Field(Field::Byline)
    };
    cx.page.part(i, role, names.trim())
}

/// The date alone under a `Published on:` split over two lines.
fn published_on_date(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let (j, prev) = cx.prev(i)?;
    let t = cx.t(i);
    let bare_label =
        prev.rule == Rule::PublishedOnHeader && !cx.done[j].has_field(Field::Published);
    (bare_label && dates::iso_date(t, cx.rules).is_some()).then(|| {
        let mut parts = vec![cx.page.part(i, Role::Chrome, t)];
        if !cx.seen.published {
            parts.push(cx.page.part(i, Role::Value(Field::Published), t));
        }
        Claim::new(Class::Chrome, Rule::PublishedOnDate, parts)
    })
}

/// `The Star3 hours ago`, `CNA14-02-2025`: the outlet glued to its age or date. A second stamp
/// is recorded whole; the first one's values stand.
fn publisher_stamp_line(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let (publisher, age) = publisher_stamp(t, cx.rules)?;
    if cx.seen.publisher || cx.seen.published {
        // The values already read stand; the line is recorded whole, and gives the outlet only
        // when none was named yet (after a crawler date).
        let mut parts = vec![cx.page.part(i, Role::Chrome, t)];
        if !cx.seen.publisher {
            parts.push(cx.page.part(i, Role::Value(Field::Publisher), publisher));
        }
        return Some(Claim::new(Class::Publisher, Rule::SecondStamp, parts));
    }
    Some(Claim::new(
        Class::Publisher,
        Rule::PublisherStamp,
        vec![
            cx.page.part(i, Role::Field(Field::Publisher), publisher),
            cx.page.part(i, Role::Field(Field::Published), age),
        ],
    ))
}

/// `By Jane Roe | 3 hours ago`, `Jane Roe | March 4, 2025 @ 10:15 am`: a byline and the time,
/// apart by a bar.
fn byline_with_date(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if let Some(claim) = byline_then_published(cx, i) {
        return Some(claim);
    }
    let (who, when) = t.split_once(" | ")?;
    let when = when.trim();
    let date_part = when.split(" @ ").next().unwrap_or(when);
    if dates::iso_date(date_part, cx.rules).is_none() && !dates::is_age(when) {
        return None;
    }
    let (label, names) = split_byline_label(who, cx.rules).unwrap_or(("", who));
    if !looks_like_names(names, cx.rules) {
        return None;
    }
    let mut parts = Vec::with_capacity(3);
    if !label.is_empty() {
        parts.push(cx.page.part(i, Role::Chrome, label));
    }
    parts.push(byline_part(cx, i, names));
    let role = if cx.seen.published {
        Role::Chrome
    } else {
        Role::Field(Field::Published)
    };
    parts.push(cx.page.part(i, role, when));
    Some(Claim::new(Class::Byline, Rule::BylineWithDate, parts))
}

/// `Jo Tan (@jotan) Published April 21, 2022 | 05:00 PM`: names, maybe a handle, then one of
/// the rules' `published_labels` and a date. The handle and the label are chrome.
fn byline_then_published(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    // Every head line is asked: a byline and a date are short and hold a digit.
    if t.len() > 200 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (at, p) = t.match_indices(' ').map(|(k, _)| k + 1).find_map(|at| {
        let rest = &t[at..];
        let labelled = cx
            .rules
            .published_labels
            .iter()
            .any(|l| starts_with_ignore_case(rest, l) && rest[l.len()..].starts_with(' '));
        let p = labelled.then(|| published_on_line(rest, cx.rules))??;
        (!p.date.is_empty() && p.by.is_none()).then_some((at, p))
    })?;
    let who = t[..at].trim_end();
    let (names, handle) = match who.rsplit_once(" (@") {
        Some((n, h)) if h.ends_with(')') && !h.contains(char::is_whitespace) => (n, Some(h)),
        _ => (who, None),
    };
    if !looks_like_names(names, cx.rules) || word_count_to(names, 10) > 9 {
        return None;
    }
    let mut parts = vec![byline_part(cx, i, names)];
    if handle.is_some() {
        parts.push(cx.page.part(i, Role::Chrome, who[names.len()..].trim()));
    }
    let label = &t[at..at + (p.head.len() - p.date.len())];
    parts.push(cx.page.part(i, Role::Chrome, label.trim()));
    let role = if cx.seen.published {
        Role::Chrome
    } else {
        Role::Field(Field::Published)
    };
    parts.push(cx.page.part(i, role, p.date));
    Some(Claim::new(Class::Byline, Rule::BylineWithDate, parts))
}

/// The longest outlet name `publisher_stamp` takes before a glued age.
const MAX_STAMP_PUBLISHER_CHARS: usize = 61;

/// `The Star3 hours ago` / `CNA14-02-2025`: an outlet glued to an age or a date, as the outlet
/// and the age.
pub(crate) fn publisher_stamp<'t>(t: &'t str, rules: &CompiledRules) -> Option<(&'t str, &'t str)> {
    let end = dates::age_tail_start(t)?;
    let publisher = t[..end].trim();
    let age = t[end..].trim();
    if t[..end].chars().count() > MAX_STAMP_PUBLISHER_CHARS
        || publisher.is_empty()
        || word_count_to(publisher, 7) > 6
        || ends_terminal(publisher)
        || publisher.contains('|')
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
    (rules.is_publisher(publisher) || name_like).then_some((publisher, age))
}

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

/// The outlet a site stamp names.
pub(crate) fn site_stamp_publisher(t: &str) -> Option<&str> {
    SITE_STAMP
        .captures(t)
        .map(|c| c.name("pub").unwrap().as_str().trim())
}

fn site_stamp(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let c = SITE_STAMP.captures(t)?;
    let mut parts = vec![cx.page.part(i, Role::Chrome, t)];
    if !cx.seen.publisher {
        let publisher = c.name("pub").unwrap().as_str();
        parts.push(cx.page.part(i, Role::Value(Field::Publisher), publisher));
    }
    if !cx.seen.published {
        let age = c.name("age").unwrap().as_str();
        parts.push(cx.page.part(i, Role::Value(Field::Published), age));
    }
    Some(Claim::new(Class::Chrome, Rule::SiteStamp, parts))
}

/// `14 Feb 2025 09:15pm`: a site stamp that is only a date.
fn date_stamp(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if !dates::is_date_stamp(t, cx.rules) {
        return None;
    }
    let mut parts = vec![cx.page.part(i, Role::Chrome, t)];
    if !cx.seen.published {
        parts.push(cx.page.part(i, Role::Value(Field::Published), t));
    }
    Some(Claim::new(Class::Chrome, Rule::SiteDateStamp, parts))
}

/// Whether `t` is a byline: one of the rules' `byline_labels` (`By`, `Oleh`), then names.
pub(crate) fn is_labelled_byline(t: &str, rules: &CompiledRules) -> bool {
    split_byline_label(t, rules).is_some_and(|(_, names)| looks_like_names(names.trim(), rules))
}

/// `By Jo Tan`, `Oleh: Jo Tan`: the rules' byline label opening `t` (any case; a space or a
/// colon after it) and what follows it.
pub(crate) fn split_byline_label<'t>(
    t: &'t str,
    rules: &CompiledRules,
) -> Option<(&'t str, &'t str)> {
    rules.byline_labels.iter().find_map(|l| {
        let labelled = starts_with_ignore_case(t, l) && t[l.len()..].starts_with([' ', ':']);
        labelled.then(|| (&t[..l.len()], t[l.len()..].trim_start_matches([' ', ':'])))
    })
}

/// Whether `t` is a byline label alone (`By:`).
fn is_byline_label(t: &str, rules: &CompiledRules) -> bool {
    let t = t.strip_suffix(':').unwrap_or(t).trim();
    rules
        .byline_labels
        .iter()
        .any(|l| t.eq_ignore_ascii_case(l))
}

/// `By:` alone, the names on the next line.
fn byline_label(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let names_next = cx
        .next_text(i)
        .is_some_and(|n| looks_like_names(n, cx.rules));
    (is_byline_label(t, cx.rules) && names_next)
        .then(|| Claim::chrome(Rule::BylineLabel, cx.page.span(i, t)))
}

fn byline_after_label(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    (cx.prev_rule(i) == Some(Rule::BylineLabel)).then(|| {
        Claim::new(
            Class::Byline,
            Rule::BylineAfterLabel,
            vec![byline_part(cx, i, cx.t(i))],
        )
    })
}

/// `By: Farid Osman`, `From Haziq Ismail`, `Compiled by A. RAJ and LEE K.`: a label, then
/// names.
fn byline_by_or_from(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let label = cx
        .rules
        .compiled_by_labels
        .iter()
        .chain(&cx.rules.byline_labels)
        .find(|l| starts_with_ignore_case(t, l))?;
    let after = &t[label.len()..];
    let label_end = label.len()
        + (after.len()
            - after
                .trim_start_matches(|c: char| c == ':' || c.is_whitespace())
                .len());
    let rest = &t[label_end..];
    let separated = t[label.len()..label_end].contains(char::is_whitespace) || after.is_empty();
    if !separated || !(looks_like_names(rest, cx.rules)) || rest.trim().is_empty() {
        return None;
    }
    Some(Claim::new(
        Class::Byline,
        Rule::BylineByOrFrom,
        vec![
            cx.page.part(i, Role::Chrome, &t[..label_end]),
            byline_part(cx, i, rest),
        ],
    ))
}

/// `Ricky Roe and Helen Doe - The Philippine Star`: names, then the outlet they write for;
/// `Jane Roe, reporters@example.com`: a name and the desk's address.
fn byline_with_outlet(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if t.ends_with(')') {
        return byline_outlet_in_brackets(cx, i, t);
    }
    if let Some((names, outlet)) = t.split_once(" - ") {
        let outlet_like = cx.rules.is_publisher(outlet)
            || (word_count_to(outlet, 6) <= 5
                && outlet
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase)));
        if looks_like_names(names, cx.rules) && outlet_like && !cx.seen.byline {
            let mut parts = vec![byline_part(cx, i, names)];
            let role = if cx.seen.publisher {
                Role::Chrome
            } else {
                Role::Field(Field::Publisher)
            };
            parts.push(cx.page.part(i, role, outlet));
            return Some(Claim::new(Class::Byline, Rule::BylineWithOutlet, parts));
        }
    }
    let (names, address) = t.split_once(", ")?;
    let is_address =
        !address.contains(char::is_whitespace) && address.contains('@') && address.contains('.');
    (is_address && looks_like_names(names, cx.rules)).then(|| {
        Claim::new(
            Class::Byline,
            Rule::BylineWithOutlet,
            vec![
                byline_part(cx, i, names),
                cx.page.part(i, Role::Chrome, address),
            ],
        )
    })
}

/// `Jo Tan (The Teko Post)`: names, then the outlet they write for in round brackets (a known
/// outlet or agency): the byline, and the outlet the publisher.
fn byline_outlet_in_brackets(cx: &Cx<'_, '_>, i: usize, t: &str) -> Option<Claim> {
    let (names, outlet) = t.strip_suffix(')')?.rsplit_once(" (")?;
    let known = cx.rules.is_publisher(outlet) || cx.rules.is_agency(outlet);
    if cx.seen.byline || !known || !looks_like_names(names, cx.rules) {
        return None;
    }
    let role = if cx.seen.publisher {
        Role::Chrome
    } else {
        Role::Field(Field::Publisher)
    };
    Some(Claim::new(
        Class::Byline,
        Rule::BylineWithOutlet,
        vec![byline_part(cx, i, names), cx.page.part(i, role, outlet)],
    ))
}

/// `Jo Tan` or `Jo Tan and Lee Wong` alone right under the headline, with text after it: the
/// byline with no label. Two to six words, each capitalised (or a name particle), no outlet,
/// agency or label word among them.
fn byline_under_headline(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    // The byte test first: short, a capital first, no digit or sentence mark.
    if t.len() > 60
        || !t.starts_with(|c: char| c.is_uppercase())
        || t.bytes()
            .any(|b| b.is_ascii_digit() || b":;!?|()\"".contains(&b))
    {
        return None;
    }
    let h = cx.plan.headline.as_ref()?;
    let headline_end = h.wrapped.unwrap_or(h.line);
    let words = word_count_to(t, 7);
    let plain = t.split_whitespace().all(|w| {
        let w = w.to_lowercase();
        !cx.rules.label_words.contains(&w) && !cx.rules.not_places.contains(&w)
    });
    let fits = (2..=6).contains(&words)
        && plain
        && !cx.seen.byline
        && cx.page.prev_nonblank(i) == Some(headline_end)
        && looks_like_names(t, cx.rules)
        && !cx.rules.is_known_source(t)
        && cx.next_text(i).is_some();
    fits.then(|| byline_claim(cx, i, Rule::BylineUnderHeadline))
}

/// `Jakarta` alone between a byline (or the chrome under it) and a date stamp, below the
/// headline: the header's place tag, chrome. It is no dateline (the lead does not open with
/// it) and no subheading.
fn place_tag(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    // The byte test first: a few letters, a capital first.
    if t.len() > 40 || !t.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let shaped = t.split(' ').count() <= 3
        && t.split(' ').all(|w| {
            w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
        });
    let below_headline = cx.plan.headline.as_ref().is_some_and(|h| h.line < i);
    if !shaped || !below_headline {
        return None;
    }
    let date_next = cx
        .next_text(i)
        .is_some_and(|n| dates::is_date_stamp(n, cx.rules));
    let prev = cx.page.prev_nonblank(i)?;
    // Under the byline as a rule read it (`Jo Tan (The Teko Post)`), or under names alone, or
    // under chrome (`Premium`).
    let after_byline = cx.page.is_chrome(prev, cx.rules)
        || cx.prev(i).is_some_and(|(_, l)| l.class == Class::Byline)
        || looks_like_names(cx.t(prev), cx.rules);
    (date_next && after_byline).then(|| Claim::chrome(Rule::PlaceTag, cx.page.span(i, t)))
}

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

/// An all-caps names line. A video page's section head is all caps too, so the line must read
/// as a list of names or stand before a dateline.
fn byline_caps_names(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if !CAPS_NAMES.is_match(t) || word_count_to(t, 11) > 10 {
        return None;
    }
    let listy = t.contains(" and ") || t.contains(" & ") || t.contains(',') || t.contains(" dan ");
    let before_dateline = cx.next_text(i).is_some_and(|n| {
        dateline::at_start(n, cx.rules).is_some() || dateline::alone(n, cx.rules).is_some()
    });
    (listy || before_dateline).then(|| {
        Claim::new(
            Class::Byline,
            Rule::BylineAllCapsNames,
            vec![byline_part(cx, i, t)],
        )
    })
}

/// `AFP` or `The Associated Press` alone: a wire credited as the author, as outlets print it
/// above or under the headline, mostly with a date line next to it. A wire's name alone
/// elsewhere in the head may be a photo's credit, so it needs the headline or a date beside it.
fn byline_agency(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if t.len() > 40 || !is_agency_alone(t, cx.rules) {
        return None;
    }
    let by_headline = cx.prev_rule(i).is_some_and(|r| {
        matches!(
            r,
            Rule::HeadlineFirstLine | Rule::HeadlineRepeated | Rule::HeadlineCopy
        )
    });
    let copy = copies_prev(cx, i, Rule::BylineAgency);
    (by_headline || copy || stamp_follows(cx, i)).then(|| byline_claim(cx, i, Rule::BylineAgency))
}

/// `Jo Tan and Lee Wong`, alone over an `Updated: ...` or `Published ...` line: names with no
/// label, which outlets print between the deck and the date.
fn byline_above_stamp(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let below_headline = cx.plan.headline.as_ref().is_some_and(|h| h.line < i);
    if !below_headline || t.len() > 80 || word_count_to(t, 10) > 9 {
        return None;
    }
    if cx.seen.byline && !copies_prev(cx, i, Rule::BylineAboveStamp) {
        return None;
    }
    (stamp_follows(cx, i) && looks_like_names(t, cx.rules))
        .then(|| byline_claim(cx, i, Rule::BylineAboveStamp))
}

/// Line `i` as a byline by `rule` (chrome when the byline is already known).
fn byline_claim(cx: &Cx<'_, '_>, i: usize, rule: Rule) -> Claim {
    Claim::new(Class::Byline, rule, vec![byline_part(cx, i, cx.t(i))])
}

/// Whether line `i` repeats the line before it, which `rule` took.
fn copies_prev(cx: &Cx<'_, '_>, i: usize, rule: Rule) -> bool {
    cx.prev(i)
        .is_some_and(|(j, l)| l.rule == rule && cx.t(j) == cx.t(i))
}

/// Whether a date line or a `Published`/`Updated` line follows line `i`, past one copy of it.
fn stamp_follows(cx: &Cx<'_, '_>, i: usize) -> bool {
    next_past_copy(cx, i).is_some_and(|n| is_stamp_above_headline(n, cx.rules))
}

/// `• Point one` or `- Point two` straight under the headline or another such line: a deck
/// set as bullets, SCMP's style. The bullet is chrome; the points make one standfirst.
fn deck_bullet(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let rest = t
        .strip_prefix(['•', '-', '–'])
        .filter(|r| r.starts_with(char::is_whitespace))?
        .trim_start();
    let under = cx.prev_rule(i).is_some_and(|r| {
        matches!(
            r,
            Rule::HeadlineFirstLine | Rule::HeadlineRepeated | Rule::HeadlineWrappedLine
        ) || (r == Rule::DeckBullet)
    });
    if !under || word_count_to(rest, 4) < 4 || cx.seen.paragraph {
        return None;
    }
    let parts = vec![
        cx.page.part(i, Role::Chrome, &t[..t.len() - rest.len()]),
        cx.page.part(i, Role::Field(Field::Standfirst), rest),
    ];
    Some(Claim::new(Class::Standfirst, Rule::DeckBullet, parts))
}

/// The next text line after `i`, past one copy of line `i` (SCMP prints the byline twice over
/// its date).
fn next_past_copy<'t>(cx: &Cx<'_, 't>, i: usize) -> Option<&'t str> {
    let j = cx.next(i)?;
    if cx.t(j) == cx.t(i) {
        cx.next_text(j)
    } else {
        Some(cx.t(j))
    }
}

/// A wire's name alone on a line, `The` before it or not.
pub(crate) fn is_agency_alone(t: &str, rules: &CompiledRules) -> bool {
    let t = t.trim();
    let bare = t.strip_prefix("The ").unwrap_or(t);
    rules.is_agency(t) || rules.is_agency(bare)
}

/// A digest's intro line, between its headline and the first separator.
fn digest_intro(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    if !cx.layout.is_digest() || cx.done.iter().any(|l| l.rule == Rule::Separator) {
        return None;
    }
    let t = cx.t(i);
    Some(Claim::chrome(Rule::DigestIntro, cx.page.span(i, t)))
}

/// The headline of a digest item, the line after a separator: a subheading.
pub(crate) fn digest_item_headline(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    (cx.layout.is_digest() && cx.prev_rule(i) == Some(Rule::Separator)).then(|| {
        Claim::whole(
            Class::Subheading,
            Rule::DigestItemHeadline,
            Role::Field(Field::Subheading),
            cx.page.span(i, cx.t(i)),
        )
    })
}

/// FMT's place alone on its line (`PUTRAJAYA:`): the dateline of the lead on the next line.
fn dateline_alone(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if cx.seen.dateline {
        return None;
    }
    let d = dateline::alone(t, cx.rules)?;
    Some(Claim::whole(
        Class::Dateline,
        Rule::DatelineAlone,
        Role::Dateline(Box::new(d)),
        cx.page.span(i, t),
    ))
}

/// FMT's alt text: a short line before a caption, lower case (`kl tower`) or repeating a name
/// the caption carries (portraits).
pub(crate) fn alt_text(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let j = cx.next(i)?;
    is_alt_text(t, cx.t(j), cx.page.credit(j, cx.rules).cloned())
        .then(|| Claim::chrome(Rule::AltText, cx.page.span(i, t)))
}

pub(crate) fn is_alt_text(t: &str, next: &str, credit: Option<super::caption::Credit>) -> bool {
    if t.len() > 80 || word_count_to(t, 9) > 8 || ends_terminal(t) {
        return false;
    }
    let Some(cr) = credit else {
        return false;
    };
    let cap = next[..cr.start].to_lowercase();
    starts_lowercase(t) || cap.contains(&t.to_lowercase())
}

/// A credit alone on its line (`— Reuters pic`): it completes the caption above.
pub(crate) fn credit_alone(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let cr = lead::credit_alone_by(t, cx.page.credit(i, cx.rules).cloned(), cx.rules)?;
    Some(Claim::whole(
        Class::Chrome,
        Rule::CreditAlone,
        Role::Credit(cr.credit),
        cx.page.span(i, t),
    ))
}

/// A caption closed by its credit, alone on its line.
fn caption_with_credit(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let cr = cx.page.credit(i, cx.rules)?.clone();
    let t = cx.t(i);
    let c = lead::captioned_by(t, cr, cx.rules).filter(|c| c.rest.is_empty())?;
    // The same caption twice in a row (Sinar Daily; the first maybe after the crawler's
    // prefix): the second is the image's alt text repeated, as in the body.
    let copy = cx.prev(i).is_some_and(|(j, l)| {
        cx.t(j) == t
            || (l.rule == Rule::CaptionWithCredit
                && cx.t(j).ends_with(t)
                && cx.t(j).len() - t.len() < 40)
    });
    if copy {
        return Some(Claim::chrome(Rule::AltText, cx.page.span(i, t)));
    }
    let mut parts = Vec::with_capacity(3);
    // A copy of the headline glued in front of the caption (`Headline? Workers at ...`).
    let copy = cx
        .headline()
        .filter(|h| word_count_to(h, 4) >= 3)
        .and_then(|h| Some((h, c.caption.strip_prefix(h)?)))
        .filter(|(_, rest)| {
            rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase)
        });
    let mut c = c;
    if let Some((h, rest)) = copy {
        parts.push(cx.page.part(i, Role::Chrome, &c.caption[..h.len()]));
        c.caption = rest.trim_start();
    }
    lead::caption_parts(cx.page, i, &c, &mut parts);
    Some(Claim::new(Class::Caption, Rule::CaptionWithCredit, parts))
}

/// `FILE - Workers repair ...`, `A file photo of ...`: a caption with no credit, which would
/// otherwise take the standfirst's place. Its copy straight after it is alt text.
fn caption_by_opening(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let opens = cx
        .rules
        .caption_openings
        .iter()
        .any(|o| starts_with_ignore_case(t, o));
    if !opens || cx.plan.lead.is_some_and(|lead| i >= lead) {
        return None;
    }
    let copy = copies_prev(cx, i, Rule::CaptionByOpening);
    Some(if copy {
        Claim::chrome(Rule::AltText, cx.page.span(i, t))
    } else {
        Claim::whole(
            Class::Caption,
            Rule::CaptionByOpening,
            Role::Field(Field::Caption),
            cx.page.span(i, t),
        )
    })
}

/// `..., says the writer.`: a caption with no credit that closes as an opinion piece's photo
/// caption does (the rules' `caption_endings`), above the lead.
fn caption_by_ending(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if cx.plan.lead.is_some_and(|lead| i >= lead) || !is_caption_by_ending(t, cx.rules) {
        return None;
    }
    Some(Claim::whole(
        Class::Caption,
        Rule::CaptionByEnding,
        Role::Field(Field::Caption),
        cx.page.span(i, t),
    ))
}

/// Whether `t` ends as the rules' `caption_endings` (any ASCII case), after a few words.
pub(crate) fn is_caption_by_ending(t: &str, rules: &CompiledRules) -> bool {
    // Every head line is asked: the endings close on a full stop.
    if !t.ends_with('.') {
        return false;
    }
    rules.caption_endings.iter().any(|e| {
        t.len() > e.len()
            && t.is_char_boundary(t.len() - e.len())
            && t.as_bytes()[t.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
            && word_count_to(&t[..t.len() - e.len()], 4) >= 4
    })
}

/// `Rescuers at the jetty. — Bernama` between the headline and the lead: what would close the
/// story as its sign-off credits the photo above the story instead.
fn caption_with_wire_credit(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    // Its copy straight after it: the image's alt text.
    if copies_prev(cx, i, Rule::CaptionWithWireCredit) {
        return Some(Claim::chrome(Rule::AltText, cx.page.span(i, t)));
    }
    // Before the lead is known, only a line repeated on the next one (a caption and its alt
    // text) is taken: a story of one paragraph signs off the same way.
    match cx.plan.lead {
        Some(lead) if i >= lead => return None,
        None if cx.next_text(i) != Some(t) => return None,
        _ => {}
    }
    let (caption, agency) = lead::signed_off(t, cx.rules)?;
    if word_count_to(caption, 4) < 3 {
        return None;
    }
    let marker = t[caption.len()..].trim();
    let parts = vec![
        cx.page.part(i, Role::Field(Field::Caption), caption),
        cx.page
            .part(i, Role::Credit(Some(agency.to_string())), marker),
    ];
    Some(Claim::new(
        Class::Caption,
        Rule::CaptionWithWireCredit,
        parts,
    ))
}

/// A lower-case alt-text line between the headline and the lead (`kl tower`), with no caption
/// under it to confirm it.
fn alt_text_before_lead(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    (i < cx.plan.lead? && super::zones::is_alt_shape(t))
        .then(|| Claim::chrome(Rule::AltText, cx.page.span(i, t)))
}

/// The first text line between the headline and the lead: the standfirst.
fn standfirst(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let lead = cx.plan.lead?;
    if i >= lead || cx.seen.standfirst || cx.seen.image || credit_follows(cx, i) {
        return None;
    }
    let t = cx.t(i);
    // A deck set as a bullet (`• Extra sailings ...`): the bullet is chrome.
    if let Some(rest) = t
        .strip_prefix('•')
        .map(str::trim_start)
        .filter(|r| !r.is_empty())
    {
        let parts = vec![
            cx.page.part(i, Role::Chrome, &t[..t.len() - rest.len()]),
            cx.page.part(i, Role::Field(Field::Standfirst), rest),
        ];
        return Some(Claim::new(Class::Standfirst, Rule::Standfirst, parts));
    }
    if let Some((deck, label, names)) = standfirst_byline(t, cx.rules).filter(|_| !cx.seen.byline) {
        let parts = vec![
            cx.page.part(i, Role::Field(Field::Standfirst), deck),
            cx.page.part(i, Role::Chrome, label),
            cx.page.part(i, Role::Field(Field::Byline), names),
        ];
        return Some(Claim::new(Class::Standfirst, Rule::Standfirst, parts));
    }
    Some(Claim::whole(
        Class::Standfirst,
        Rule::Standfirst,
        Role::Field(Field::Standfirst),
        cx.page.span(i, t),
    ))
}

/// `... five years. By SINAR DAILY REPORTER`: a byline in capitals (one of the rules'
/// `byline_labels`, then names) glued after the standfirst's last sentence: the deck, the label,
/// the names.
fn standfirst_byline<'t>(t: &'t str, rules: &CompiledRules) -> Option<(&'t str, &'t str, &'t str)> {
    // Labels match in any case, as everywhere; glued here, the label must be capitalised.
    let lower = t.to_ascii_lowercase();
    let (at, label) = rules
        .byline_labels
        .iter()
        .filter_map(|l| {
            let at = lower.rfind(&format!(" {} ", l.to_ascii_lowercase()))? + 1;
            t[at..]
                .starts_with(char::is_uppercase)
                .then_some((at, l.len()))
        })
        .max()?;
    let deck = t[..at].trim_end();
    let names = t[at + label..].trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let caps = (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase));
    (ends_terminal(deck) && caps).then(|| (deck, &t[at..at + label], names))
}

/// Whether the next line is a credit alone: line `i` is then the caption it credits.
pub(crate) fn credit_follows(cx: &Cx<'_, '_>, i: usize) -> bool {
    cx.next(i).is_some_and(|j| {
        lead::credit_alone_by(cx.t(j), cx.page.credit(j, cx.rules).cloned(), cx.rules).is_some()
    })
}

/// Text lines between the headline and the lead after the standfirst: captions with no credit.
fn caption_before_lead(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let lead = cx.plan.lead?;
    (i < lead).then(|| {
        Claim::whole(
            Class::Caption,
            Rule::CaptionBeforeLead,
            Role::Field(Field::Caption),
            cx.page.span(i, cx.t(i)),
        )
    })
}

/// A person's name or a short list of them: capitalised words and connectors, no sentence.
pub(crate) fn looks_like_names(s: &str, rules: &CompiledRules) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    // A full stop may only close an initial (`R.`) or `Jr.`, never a sentence.
    let last = words.last().copied().unwrap_or("");
    let initial = last.len() <= 3 && last.ends_with('.');
    if words.is_empty() || words.len() > 9 || (s.ends_with(['.', '?', '!']) && !initial) {
        return false;
    }
    words.iter().all(|w| {
        w.starts_with(|c: char| c.is_uppercase())
            || rules.name_particles.contains(&w.to_lowercase())
    })
}

/// Whether the first content line reads like a headline: short, not a finished sentence, and
/// not something else that can open a dump.
///
/// `by_position` is true when the page's own structure puts a headline there (the layout's
/// leading blank line or `logo`): then a headline that happens to end with a full stop is still
/// taken, as long as it is not paragraph-long.
pub(crate) fn looks_like_headline(t: &str, rules: &CompiledRules, by_position: bool) -> bool {
    let words = word_count(t);
    let max_words = if by_position { 40 } else { 30 };
    if words == 0 || words > max_words || t.len() > 300 || starts_lowercase(t) {
        return false;
    }
    // A finished sentence is the lead of a page whose headline was lost. Headlines end in `?`,
    // `!`, a quote or `]` (`[WATCH]`), but practically never in a full stop.
    if t.ends_with('.') && !t.ends_with("...") && !(by_position && words < 15) {
        return false;
    }
    // `Explainer: ...`, `MACC: Graft cases ...`: a kicker before a colon reads like a dateline,
    // so only a long line that opens with one is taken for a lead.
    if (words > 15 && dateline::at_start(t, rules).is_some())
        || super::caption::find_credit(t, rules).is_some()
        || dates::is_age(t)
    {
        return false;
    }
    !t.starts_with(['\'', '‘', '"', '“']) || !t.contains(" said")
}

/// Where a headline glued to its lead ends: punctuation straight before a capital letter
/// (`Safe?Engineers`), early in a line too long to be a headline.
pub(crate) fn glued_headline(t: &str) -> Option<usize> {
    if word_count_to(t, 31) <= 30 && !t.ends_with('.') {
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

/// A headline wrapped by the scraper: the second half starts in lower case and is not a
/// sentence of its own (`... fibreglass boats` / `under state aid programme`).
pub(crate) fn wraps_headline(first: &str, cont: &str, rules: &CompiledRules) -> bool {
    starts_lowercase(cont)
        && !rules.is_chrome(cont)
        && word_count_to(cont, 16) <= 15
        && !cont.ends_with('.')
        && word_count(first) + word_count_to(cont, 41) <= 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_pass_every_header_line() {
        SITE_STAMP.assert_sound("SITE_STAMP");
        CAPS_NAMES.assert_sound("CAPS_NAMES");
    }

    #[test]
    fn publisher_stamps_split_outlet_and_age() {
        let r = crate::rules::Rules::builtin().compile().unwrap();
        assert_eq!(
            publisher_stamp("The Star3 hours ago", &r),
            Some(("The Star", "3 hours ago"))
        );
        assert_eq!(
            publisher_stamp("CNA14-02-2025", &r),
            Some(("CNA", "14-02-2025"))
        );
        assert_eq!(publisher_stamp("It happened 3 days ago", &r), None);
    }
}
