//! Related-article cards and listing items: teasers.
//!
//! Two card shapes exist. Compact: `Publisher`, an age or dd-mm-yyyy date, `- Publisher` (a
//! listing adds `- Category` first), the headline, then the whole teaser on one line. Logo: the
//! headline twice, `Publisher`, `time3 hours ago`, `  • Publisher` (a listing adds
//! `  • Category`), the headline a third time, then the one-line teaser. Cards are found by their
//! anchor, the age line (`time…` in the logo shape), because it is the one header line that
//! cannot be mistaken for text; each card is then read field by field around its anchor. The
//! last card is often cut anywhere, even between its header lines, and keeps what it shows.

use regex::Regex;

use super::boilerplate::glued_time;
use super::caption;
use super::dateline;
use super::dates;
use super::gated::Gated;
use super::lines::same_headline;
use super::lines::{ends_finished, ends_terminal, offset_in, word_count, Class, Doc};
use super::signoff;
use crate::article::{Image, Teaser};
use crate::rules::CompiledRules;
use crate::stats;

static INLINE_SEPARATOR: Gated = Gated::new(
    |t| t.contains("-----"),
    || Regex::new(r"\s+-{5,}\s+").unwrap(),
);
static ROUNDUP_DISCLAIMER: Gated = Gated::new(
    |t| t.contains("marked with "),
    || {
        Regex::new(
            r"(?:^|[.!?'’]\s+)(?P<d>[^.!?]*\bmarked with (?:the |a )?>\s*(?:sign|symbol)[^>]*)$",
        )
        .unwrap()
    },
);

fn time_age(t: &str) -> Option<&str> {
    let age = glued_time(t)?;
    dates::is_age(age).then_some(age)
}

/// The item after a `•` bullet (logo cards) or a `- ` dash (compact cards), if `t` is one.
fn bulleted(t: &str, logo: bool) -> Option<&str> {
    let rest = if logo {
        t.trim_start().strip_prefix('•')?
    } else {
        t.strip_prefix('-')
            .filter(|r| r.starts_with(char::is_whitespace))?
    };
    Some(rest.trim_start()).filter(|r| !r.is_empty())
}

fn header_item(t: &str, logo: bool) -> Option<&str> {
    let item = bulleted(t, logo)?.trim();
    // A header item is a name, not a sentence.
    (word_count(item) <= 6 && !item.ends_with('.')).then_some(item)
}

/// Cards found between `start` and `end`. Returns them and whether the last was cut off.
pub(crate) fn cards(
    doc: &mut Doc<'_>,
    rules: &CompiledRules,
    start: usize,
    end: usize,
    logo_page: bool,
) -> (Vec<Teaser>, bool) {
    // Chrome can follow the cards too (a second `More Like This`, `READ MORE`); it is never part
    // of a card.
    let mut lines = Vec::new();
    for i in start..end {
        if doc.is_blank(i) {
            continue;
        }
        match rules.chrome_rule(doc.t(i)) {
            Some(rule) => doc.chrome_line(i, rule),
            None => lines.push(i),
        }
    }
    if lines.is_empty() {
        return (Vec::new(), false);
    }
    // The card shape follows the page's: a logo page has logo cards even when the only card
    // left was cut before its time line; a headline given twice in a row is a logo card too.
    let logo = logo_page
        || lines
            .iter()
            .any(|&i| time_age(doc.t(i)).is_some() || bulleted(doc.t(i), true).is_some())
        || (lines.len() >= 2 && doc.t(lines[0]) == doc.t(lines[1]));
    let is_anchor = |t: &str| {
        if logo {
            time_age(t).is_some()
        } else {
            dates::is_age(t)
        }
    };
    let anchors: Vec<usize> = (0..lines.len())
        .filter(|&k| is_anchor(doc.t(lines[k])))
        .collect();

    // Each card starts a little before its anchor: the publisher line, and in the logo shape
    // the headline copies before that.
    let mut starts = Vec::new();
    for &a in &anchors {
        let floor = starts.last().map_or(0, |&s: &usize| s + 1);
        let mut s = a;
        if a > floor {
            s = a - 1; // the publisher
            if logo && s > floor {
                let h = doc.t(lines[s - 1]);
                let mut c = s - 1;
                while c > floor && doc.t(lines[c - 1]) == h && s - c < 3 {
                    c -= 1;
                }
                let copies = s - c;
                if copies >= 2 || (word_count(h) <= 30 && !h.ends_with('.')) {
                    s = c;
                }
            }
        }
        starts.push(s.max(floor));
    }
    if starts.is_empty() {
        starts.push(0);
    } else if starts[0] > 0 {
        // Lines before the first card belong to no card: a card cut at its very top.
        for &i in &lines[..starts[0]] {
            doc.chrome_line(i, "before-first-card");
        }
    }

    let mut teasers = Vec::new();
    let mut cut = false;
    let mut s = 0;
    while s < starts.len() {
        let from = starts[s];
        let to = starts.get(s + 1).copied().unwrap_or(lines.len());
        let segment = &lines[from..to];
        let mut k = 0;
        while k < segment.len() {
            let (teaser, used, complete) = card(doc, rules, &segment[k..], logo);
            teasers.push(teaser);
            cut = !complete;
            k += used.max(1);
        }
        s += 1;
    }
    (teasers, cut)
}

/// Reads one card from the front of `lines`; returns it, how many lines it used, and whether
/// it reached a finished body.
fn card(
    doc: &mut Doc<'_>,
    rules: &CompiledRules,
    lines: &[usize],
    logo: bool,
) -> (Teaser, usize, bool) {
    let mut t = Teaser::default();
    let mut k = 0;
    let n = lines.len();
    fn text<'t>(doc: &Doc<'t>, lines: &[usize], k: usize) -> &'t str {
        doc.t(lines[k])
    }
    let is_anchor = |s: &str| {
        if logo {
            time_age(s).is_some()
        } else {
            dates::is_age(s)
        }
    };

    if logo {
        // Headline copies, unless the card starts at its publisher or its time line.
        if k < n
            && !is_anchor(text(doc, lines, k))
            && header_item(text(doc, lines, k), true).is_none()
        {
            let starts_at_publisher = k + 1 < n && is_anchor(text(doc, lines, k + 1));
            if !starts_at_publisher {
                let h = text(doc, lines, k).to_string();
                doc.note(lines[k], Class::TeaserHeadline, "card-headline");
                k += 1;
                while k < n && same_headline(text(doc, lines, k), &h) {
                    doc.chrome_line(lines[k], "card-headline-copy");
                    doc.renote(lines[k], Class::HeadlineCopy, "card-headline-copy");
                    k += 1;
                }
                t.headline = Some(h);
            }
        }
        if k < n
            && !is_anchor(text(doc, lines, k))
            && header_item(text(doc, lines, k), true).is_none()
        {
            t.publisher = Some(text(doc, lines, k).to_string());
            doc.note(lines[k], Class::TeaserHeader, "card-publisher");
            k += 1;
        }
    } else if k < n && !is_anchor(text(doc, lines, k)) {
        t.publisher = Some(text(doc, lines, k).to_string());
        doc.note(lines[k], Class::TeaserHeader, "card-publisher");
        k += 1;
    }
    if k < n && is_anchor(text(doc, lines, k)) {
        let raw = text(doc, lines, k);
        let age = time_age(raw).unwrap_or(raw);
        if logo {
            // `time3 hours ago`: the glued `time` is the clock icon's alt text.
            doc.chrome_at(lines[k], offset_in(doc.raw[lines[k]], raw), "time");
        }
        t.published = Some(dates::published(age));
        doc.note(lines[k], Class::TeaserHeader, "card-time");
        k += 1;
    }
    let mut items = Vec::new();
    let mut item_lines = Vec::new();
    while k < n && items.len() < 3 {
        match header_item(text(doc, lines, k), logo) {
            Some(item) => {
                items.push(item.to_string());
                item_lines.push(lines[k]);
                doc.note(lines[k], Class::TeaserHeader, "card-header-item");
                k += 1;
            }
            None => break,
        }
    }
    // A header item that is neither the category nor the publisher would otherwise vanish.
    for unplaced in assign_items(&mut t, items) {
        let i = item_lines[unplaced];
        doc.chrome_line(i, "card-header-item-unplaced");
        doc.renote(i, Class::Chrome, "card-header-item-unplaced");
    }

    // The headline (again, in the logo shape; the only copy in the compact one).
    if k < n {
        let h = text(doc, lines, k).to_string();
        match &t.headline {
            Some(known) if same_headline(known, &h) => {
                doc.chrome_line(lines[k], "card-headline-copy");
                doc.renote(lines[k], Class::HeadlineCopy, "card-headline-copy");
                k += 1;
            }
            Some(_) => {}
            None => {
                t.headline = Some(h);
                doc.note(lines[k], Class::TeaserHeadline, "card-headline");
                k += 1;
            }
        }
    }
    // The one-line body. In the compact shape a card with no blank lines runs straight into the
    // next one's publisher; anything after the body line that is not another body is left for
    // the next card.
    let mut complete = false;
    if k < n {
        let i = lines[k];
        teaser_body(doc, rules, i, &mut t);
        complete = ends_finished(doc.t(i), rules);
        k += 1;
        while k < n && !starts_new_card(doc.t(lines[k]), logo) {
            let i = lines[k];
            let extra = doc.t(i).to_string();
            doc.note(i, Class::TeaserBody, "card-body-continued");
            t.body.push(extra);
            complete = ends_finished(doc.t(i), rules);
            k += 1;
        }
    }
    t.stats = stats::of_paragraphs(&t.body);
    (t, k, complete)
}

/// After a card's body line, does this line open another (cut-off) card rather than carry on
/// the body? In the logo shape every card is one body line, so yes; in the compact shape only
/// a short name-like line (a publisher) does.
fn starts_new_card(t: &str, logo: bool) -> bool {
    logo || (word_count(t) <= 6 && !ends_terminal(t))
}

/// `- Category`, `- Publisher`: with two items the first is the category; with one, it is the
/// publisher when it repeats the card's publisher line, else a listing's category.
/// Places a card's header items as its category and publisher, and returns the indices of the
/// items that found no place and do not repeat the publisher word for word (a third item, or a
/// last item naming another outlet than the publisher line), so the caller can record them.
fn assign_items(t: &mut Teaser, mut items: Vec<String>) -> Vec<usize> {
    let repeats = |t: &Teaser, s: &str| {
        t.publisher
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    };
    let copies = |t: &Teaser, s: &str| t.publisher.as_deref() == Some(s);
    let mut unplaced = Vec::new();
    match items.len() {
        0 => {}
        1 => {
            let item = items.pop().unwrap();
            if repeats(t, &item) {
                // `- The Star` under `The Star`: the header repeats itself.
                if !copies(t, &item) {
                    unplaced.push(0);
                }
            } else if t.publisher.is_none() {
                t.publisher = Some(item);
            } else {
                t.category = Some(item);
            }
        }
        n => {
            let publisher = items.pop().unwrap();
            t.category = Some(items.remove(0));
            unplaced.extend(1..n - 1);
            if t.publisher.is_none() {
                t.publisher = Some(publisher);
            } else if !copies(t, &publisher) {
                unplaced.push(n - 1);
            }
        }
    }
    unplaced
}

/// A teaser's one-line body: caption and credit, dateline, paragraphs and sign-off run
/// together. Round-up items (` > `) and digest items (` ---------- `) split it into paragraphs.
pub(crate) fn teaser_body(doc: &mut Doc<'_>, rules: &CompiledRules, i: usize, t: &mut Teaser) {
    let line = doc.t(i);
    doc.note(i, Class::TeaserBody, "card-body");
    let mut text: &str = line;

    // Digest cards: the intro, then items behind `----------`.
    let mut digest_items: Vec<&str> = Vec::new();
    if INLINE_SEPARATOR.may_match(text) {
        // One search: the separators give the intro (before the first) and the items.
        let seps: Vec<_> = INLINE_SEPARATOR.regex().find_iter(text).collect();
        if let Some(first) = seps.first() {
            doc.chrome_fragment(i, &text[..first.start()]);
            for (k, sep) in seps.iter().enumerate() {
                doc.chrome_fragment(i, sep.as_str());
                let next = seps.get(k + 1).map_or(text.len(), |n| n.start());
                digest_items.push(&text[sep.end()..next]);
            }
            text = digest_items[0];
        }
    }

    // Caption and credit first, then the dateline that follows them.
    if let Some(cr) = caption::find_credit(text, rules) {
        let cap = text[..cr.start].trim();
        if !cap.is_empty() && word_count(cap) <= 80 {
            t.images.push(Image {
                caption: cap.to_string(),
                credit: cr.credit.clone(),
            });
            doc.chrome_fragment(i, &text[cr.start..cr.end]);
            text = text[cr.end..].trim_start();
        }
    }
    if digest_items.len() > 1 || !digest_items.is_empty() {
        // An item is `Headline PLACE - text`: the headline becomes its own paragraph.
        let mut paras = Vec::new();
        for (n, item) in digest_items.iter().enumerate() {
            let item = if n == 0 { text } else { item };
            match find_inner_dateline(item, rules) {
                Some((at, d, rest)) => {
                    let head = item[..at].trim();
                    if !head.is_empty() {
                        paras.push(head.to_string());
                    }
                    if n == 0 {
                        t.dateline = Some(d);
                        paras.push(item[rest..].trim().to_string());
                    } else {
                        paras.push(item[at..].trim().to_string());
                    }
                }
                None => paras.push(item.trim().to_string()),
            }
        }
        t.body = paras.into_iter().filter(|p| !p.is_empty()).collect();
        finish_teaser(t, rules);
        return;
    }
    if let Some((d, len)) = dateline::at_start(text, rules) {
        t.dateline = Some(d);
        text = &text[len..];
    } else if t.images.is_empty() {
        if let Some((cut, d, rest)) = dateline::after_bare_caption(text, rules) {
            t.images.push(Image {
                caption: text[..cut].trim().to_string(),
                credit: None,
            });
            t.dateline = Some(d);
            text = &text[rest..];
        }
    }
    // Round-ups: ` > ` items, closed by a disclaimer about the `>` sign (chrome).
    if text.contains(" > ") {
        let mut body = text;
        if let Some(c) = ROUNDUP_DISCLAIMER.captures(text) {
            let d = c.name("d").unwrap();
            doc.chrome_fragment(i, d.as_str());
            body = &text[..d.start()];
        }
        t.body = body
            .split(" > ")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
    } else if !text.trim().is_empty() {
        t.body = vec![text.trim().to_string()];
    }
    finish_teaser(t, rules);
}

fn finish_teaser(t: &mut Teaser, rules: &CompiledRules) {
    let mut signed = None;
    if let Some(last) = t.body.last_mut() {
        if let Some((at, agency)) = signoff::at_end(last, rules) {
            last.truncate(at);
            let keep = last.trim_end().len();
            last.truncate(keep);
            signed = Some(agency);
            if last.is_empty() {
                t.body.pop();
            }
        }
    }
    t.source = signed.or_else(|| t.dateline.as_ref().and_then(|d| d.agency.clone()));
}

/// `Tokyo hospitals report rise in pollen allergy visits TOKYO - Clinics ...`: where the item's
/// dateline starts inside it, searched at word starts within the first 40 words.
fn find_inner_dateline(
    item: &str,
    rules: &CompiledRules,
) -> Option<(usize, crate::article::Dateline, usize)> {
    if let Some((d, len)) = dateline::at_start(item, rules) {
        return Some((0, d, len));
    }
    let mut words = 0;
    for (i, ch) in item.char_indices() {
        if ch != ' ' {
            continue;
        }
        words += 1;
        if words > 40 {
            break;
        }
        let at = i + 1;
        let rest = &item[at..];
        if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            continue;
        }
        // Only an all-caps place counts here: `Tokyo hospitals report` has mixed-case words
        // that a mixed-case dateline pattern could take for a place.
        if let Some((d, len)) = dateline::at_start(rest, rules) {
            if !d.place.chars().any(char::is_lowercase) || d.place.contains(',') {
                return Some((at, d, at + len));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn gates_pass_every_card_pattern() {
        INLINE_SEPARATOR.assert_sound("INLINE_SEPARATOR");
        ROUNDUP_DISCLAIMER.assert_sound("ROUNDUP_DISCLAIMER");
    }

    proptest! {
        /// The item scanner takes what `^\s*•\s*(\S.*)$` and `^-\s+(\S.*)$` took.
        #[test]
        fn bulleted_items_are_the_regex_captures(t in "[ \u{a0}•\\-ab]{0,8}") {
            let bullet = Regex::new(r"^\s*•\s*(\S.*)$").unwrap();
            let dash = Regex::new(r"^-\s+(\S.*)$").unwrap();
            let want = |re: &Regex| re.captures(&t).map(|c| c.get(1).unwrap().as_str().to_string());
            prop_assert_eq!(bulleted(&t, true).map(str::to_string), want(&bullet));
            prop_assert_eq!(bulleted(&t, false).map(str::to_string), want(&dash));
        }
    }
}
