//! The zone pass: where the page's parts are, decided before any line is classified for good.
//!
//! 1. **Regions**: the article, Daily8's chrome block, and the cards (or a listing's items).
//!    The chrome block is found by its first line *followed by another block line*, so a lone
//!    `Comments` that happens to be a subheading cannot end an article early; everything from
//!    the block to the related-cards marker is chrome, even lines no rule knows yet.
//! 2. **Headline**: the slot is decided by position, before any dateline rule: the first content
//!    line when it is repeated below or reads like a headline, else none (the dump starts
//!    mid-page), or a headline glued to its lead.
//! 3. **Lead**: the head ends at the lead. When a datelined paragraph stands within the first
//!    few text lines, that is the lead, and what stands between the headline and it is head
//!    material (standfirst, alt text, captions). Else the lead is the first line that reads as
//!    text, except that a line followed by FMT's alt text or a caption is a standfirst.
//! 4. **Tail**: sign-off and promo lines after the last paragraph.

use super::classify::{finish, first_claim, Cx, Seen};
use super::head::{self, HEAD};
use super::layout::{Layout, PageKind, Start};
use super::lead;
use super::line::{Class, Line, Zone};
use super::page::Page;
use super::rule::Rule;
use super::text::{
    ends_terminal, opens_in_caps, same_headline, starts_lowercase, word_count, word_count_to,
};
use crate::rules::CompiledRules;

/// Where the headline is.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeadlineAt {
    pub line: usize,
    /// The line holding the headline's second half, when the scraper wrapped it.
    pub wrapped: Option<usize>,
    /// Where in the line the lead starts, when the headline is glued to it.
    pub glued_at: Option<usize>,
    /// The page repeats the headline on the next content line.
    pub repeated: bool,
    /// The headline's text, halves joined.
    pub text: String,
}

/// The zone plan.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    /// The article's text runs from line 0 up to here (exclusive).
    pub article_end: usize,
    /// A list of other stories under a heading (`Next In Nation`) after the article, on an
    /// outlet's own page: these lines, the heading first.
    pub list: Option<std::ops::Range<usize>>,
    /// The first line of related cards (after `Related Articles`), or of a listing's items.
    pub cards_start: Option<usize>,
    /// The dump ends inside the chrome block (`Explore wha`).
    pub cut_in_chrome: bool,
    pub headline: Option<HeadlineAt>,
    /// The first body line; `None` while the head is being read.
    pub lead: Option<usize>,
    /// The first tail line (sign-offs and promo lines after the last paragraph).
    pub tail: usize,
    /// The last non-blank line of the body: where a sign-off may be glued to the text.
    pub last_text: Option<usize>,
}

/// How many text lines may stand between the headline and a datelined lead.
const MAX_HEAD_TEXT_LINES: usize = 4;
/// A line longer than this is a paragraph, never head material.
const MAX_HEAD_TEXT_WORDS: usize = 80;

/// The whole zone plan of a page.
pub(crate) fn plan(page: &Page<'_>, rules: &CompiledRules, layout: &Layout) -> Plan {
    let mut plan = regions(page, rules, layout);
    if !layout.is_listing() {
        plan.headline = headline(page, rules, layout, plan.article_end);
        plan.lead = Some(find_lead(page, rules, layout, &plan));
    } else {
        plan.lead = Some(plan.article_end);
    }
    plan.list = related_list(page, rules, &plan);
    if let Some(list) = &plan.list {
        plan.article_end = list.start;
    }
    plan.tail = tail_start(page, rules, &plan);
    plan.last_text = plan
        .lead
        .and_then(|lead| (lead..plan.tail).rev().find(|&i| !page.is_blank(i)));
    plan
}

/// The list of other stories after the article: from the first related heading after the
/// lead to the end of the article region.
fn related_list(
    page: &Page<'_>,
    rules: &CompiledRules,
    plan: &Plan,
) -> Option<std::ops::Range<usize>> {
    let lead = plan.lead?;
    let h = (lead + 1..plan.article_end)
        .find(|&i| !page.is_blank(i) && rules.is_related_heading(page.t(i)))?;
    Some(h..plan.article_end)
}

/// Finds the article, the chrome block and the cards.
fn regions(page: &Page<'_>, rules: &CompiledRules, layout: &Layout) -> Plan {
    let n = page.len();
    let mut plan = Plan {
        article_end: n,
        tail: n,
        ..Plan::default()
    };
    if let PageKind::Listing { topic } = layout.kind {
        // The header ends at the topic line, or (cut) before the first card's age line.
        let first_card = match topic {
            Some(t) => t + 1,
            None => (0..n)
                .find(|&i| {
                    let t = page.t(i);
                    !page.is_blank(i) && t != "logo" && t != "#"
                })
                .unwrap_or(n),
        };
        plan.article_end = first_card;
        plan.cards_start = Some(first_card);
        return plan;
    }
    let nonblank: Vec<usize> = (0..n).filter(|&i| !page.is_blank(i)).collect();
    let Some(start) = chrome_block_start(page, rules, &nonblank) else {
        // No block, but cards: a scrape that lost the chrome still shows the cards' own
        // header, `Publisher` / age / `- Publisher` (or the logo shape's `time…` line).
        if let Some(card) = first_card_without_block(page, &nonblank) {
            plan.article_end = card;
            plan.cards_start = Some(card);
            return plan;
        }
        // No block: the dump may still end in a block line cut short.
        if let Some(&last) = nonblank.last() {
            let prev_is_chrome =
                nonblank.len() >= 2 && page.is_chrome(nonblank[nonblank.len() - 2], rules);
            let t = page.t(last);
            if rules.is_cut_block_line(t) && (prev_is_chrome || t.len() >= 6) {
                plan.cut_in_chrome = true;
                plan.article_end = last;
            }
        }
        return plan;
    };
    plan.article_end = start;
    for &i in nonblank.iter().filter(|&&i| i >= start) {
        let t = page.t(i);
        if rules.is_related_marker(t) {
            plan.cards_start = Some(i + 1);
            return plan;
        }
        if nonblank.last() == Some(&i) && !rules.is_block_line(t) && rules.is_cut_block_line(t) {
            plan.cut_in_chrome = true;
        }
    }
    plan
}

/// The chrome block's first line: a block line with another block line (or a cut-off one at the
/// end of the dump) among the next few lines, or a block line that ends the dump. The window
/// lets `Hashtags` be followed by the tags themselves before `Try Our AI Features`.
fn chrome_block_start(page: &Page<'_>, rules: &CompiledRules, nonblank: &[usize]) -> Option<usize> {
    const WINDOW: usize = 8;
    nonblank.iter().enumerate().find_map(|(k, &i)| {
        if !rules.is_block_line(page.t(i)) {
            return None;
        }
        // `Related Articles` needs no company: nothing after it is article text.
        if k + 1 == nonblank.len() || rules.is_related_marker(page.t(i)) {
            return Some(i);
        }
        let ahead = &nonblank[k + 1..nonblank.len().min(k + 1 + WINDOW)];
        let confirmed = ahead.iter().enumerate().any(|(m, &j)| {
            let next = page.t(j);
            rules.is_block_line(next)
                || (k + 2 + m == nonblank.len() && rules.is_cut_block_line(next))
        });
        confirmed.then_some(i)
    })
}

/// The first line of a related card in a dump with no chrome block: a publisher line followed
/// by an age and by `- Publisher` repeating it (compact), or by a `time…` line and a bullet
/// repeating it (logo). The repetition makes it safe: body text never has that shape.
fn first_card_without_block(page: &Page<'_>, nonblank: &[usize]) -> Option<usize> {
    use super::cards::glued_time;
    use super::dates::is_age;
    nonblank.windows(3).find_map(|w| {
        let (p, age, item) = (page.t(w[0]), page.t(w[1]), page.t(w[2]));
        let compact = is_age(age) && item.strip_prefix("- ").is_some_and(|x| x.trim() == p);
        let logo = glued_time(age).is_some_and(is_age)
            && item
                .trim_start()
                .strip_prefix('•')
                .is_some_and(|x| x.trim() == p);
        (compact || logo).then_some(w[0])
    })
}

/// The headline slot: the first content line after leading chrome.
fn headline(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    end: usize,
) -> Option<HeadlineAt> {
    let i = headline_slot(page, rules, layout, end)?;
    let first = page.t(i);
    let next = page.next_nonblank(i + 1, end);
    let repeated = next.is_some_and(|j| same_headline(page.t(j), first));
    let mut h = HeadlineAt {
        line: i,
        repeated,
        text: first.to_string(),
        ..HeadlineAt::default()
    };
    // FMT's crawler prefix glues the headline or, on pages that lost it, the standfirst: only a
    // repeated line is the headline there.
    let by_position = layout.headline_by_position();
    let crawled_summary =
        layout.start == Start::Crawler && !repeated && crawled_summary(page, rules, i, end);
    if repeated || (!crawled_summary && head::looks_like_headline(first, rules, by_position)) {
        // The wrapped half is the very next line: a blank line between ends the headline.
        if let Some(k) = next
            .filter(|&k| k == i + 1 && !repeated && head::wraps_headline(first, page.t(k), rules))
        {
            h.wrapped = Some(k);
            h.text.push(' ');
            h.text.push_str(page.t(k));
        }
        return Some(h);
    }
    let cut = head::glued_headline(first)?;
    h.glued_at = Some(cut);
    h.text = first[..cut].trim().to_string();
    Some(h)
}

/// The first content line: after leading chrome and, on a page with no Daily8 layout, after
/// what outlets put above a headline: date lines, `Published:` stamps, site stamps and short
/// section labels (`Politics`, `Headlines`) followed by a longer line.
fn headline_slot(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    end: usize,
) -> Option<usize> {
    let content: Vec<usize> = (0..end)
        .filter(|&i| {
            !page.is_blank(i) && !page.is_chrome(i, rules) && !is_photo_line(page, rules, i)
        })
        .take(8)
        .collect();
    if layout.headline_by_position() {
        return content.first().copied();
    }
    let above = |k: usize| {
        let t = page.t(content[k]);
        // A byline some sites print above the headline (`By Jo Tan`).
        head::is_labelled_byline(t, rules)
            || head::is_stamp_above_headline(t, rules)
            // A wire named as the author above the headline, its date under it.
            || (head::is_agency_alone(t, rules)
                && content
                    .get(k + 1)
                    .is_some_and(|&j| head::is_stamp_above_headline(page.t(j), rules)))
            || (is_section_label(t)
                && content[k + 1..]
                    .iter()
                    .take(3)
                    // ... a headline's, not the lead's: a short headline straight above a
                    // datelined lead is no label.
                    .any(|&j| word_count_to(page.t(j), 5) >= 4 && !page.datelined(j, rules)))
    };
    (0..content.len()).find(|&k| !above(k)).map(|k| content[k])
}

/// A line no headline is: a credit alone (`Photo : KBS News`), or a caption of a sentence or
/// more closed by its credit (`... briefs reporters. (Live video by Jo Cruz/INQUIRER.net)`).
fn is_photo_line(page: &Page<'_>, rules: &CompiledRules, i: usize) -> bool {
    let t = page.t(i);
    let found = page.credit(i, rules);
    if lead::credit_alone_by(t, found.cloned(), rules).is_some() {
        return true;
    }
    found.is_some_and(|cr| {
        let caption = t[..cr.start].trim();
        // Headlines practically never end in a full stop: a short caption that does is one;
        // one that ends in `?`, `!` or a quote must be a long sentence.
        let words = if caption.ends_with('.') { 5 } else { 12 };
        t[cr.end..].trim().is_empty()
            && ends_terminal(caption)
            && word_count_to(caption, words) >= words
    })
}

/// A section label above a headline: one or two words (up to four in lower case), not a
/// sentence.
pub(crate) fn is_section_label(t: &str) -> bool {
    // A label set in lower case (`flood control`) may run to four words: no headline starts so.
    let most = if starts_lowercase(t) { 4 } else { 2 };
    word_count_to(t, most + 1) <= most && !ends_terminal(t) && !t.ends_with(',')
}

/// On a crawler-prefixed page, whether the first line is the summary before a datelined lead
/// rather than a headline: a finished sentence, or a caption, with the lead right after it.
fn crawled_summary(page: &Page<'_>, rules: &CompiledRules, i: usize, end: usize) -> bool {
    let t = page.t(i);
    let next_is_lead = page
        .next_nonblank(i + 1, end)
        .is_some_and(|j| page.datelined(j, rules));
    next_is_lead && (ends_terminal(t) || page.credit(i, rules).is_some())
}

/// Finds the lead by reading the head: the head table's furniture rules (stamps, bylines,
/// captions with credits, FMT's place-alone dateline ...) claim what they recognise, and the
/// lines left over are text. See the module doc for how the lead is chosen among them.
fn find_lead(page: &Page<'_>, rules: &CompiledRules, layout: &Layout, plan: &Plan) -> usize {
    let end = plan.article_end;
    // A round-up's text starts at once: its item titles and their datelines are body.
    if layout.is_roundup() {
        let from = plan
            .headline
            .as_ref()
            .map_or(0, |h| h.wrapped.unwrap_or(h.line) + 1);
        return next_text_after(page, rules, layout, plan, from).unwrap_or(end);
    }
    let (lines, text) = match scan_head(page, rules, layout, plan) {
        HeadScan::Lead(i) => return i,
        HeadScan::Text { lines, text } => (lines, text),
    };
    let Some(&first) = text.first() else {
        return end;
    };
    // No datelined lead: the first text line is the lead, unless it is a standfirst: FMT's
    // markers after it (a lower-case alt-text line, or on an FMT page a caption with a
    // credit), or the summary the crawler glued to the first line, a paragraph of its own.
    let after = page.next_nonblank(first + 1, end);
    // An outlet's deck: the line between the headline and its byline or date stamp.
    let before_byline = after.and_then(|j| lines.get(j)).is_some_and(|l| {
        matches!(l.class, Class::Byline | Class::Publisher)
            || matches!(
                l.rule,
                Rule::SiteStamp
                    | Rule::SiteDateStamp
                    | Rule::PublishedOnHeader
                    | Rule::PublishedOnDate
            )
    });
    if plan.headline.is_some() && before_byline && is_deck_shape(page.t(first), rules) {
        return next_text_after(page, rules, layout, plan, first + 1).unwrap_or(end);
    }
    if plan.headline.is_some() {
        if let Some(lead) = lead_under_deck(page, rules, layout, plan, first) {
            return lead;
        }
    }
    if is_standfirst_shape(page.t(first), rules) {
        let marked = after.is_some_and(|j| {
            let n = page.t(j);
            let credited = layout.standfirst_outlet
                && (page.credit(j, rules).is_some_and(|c| c.start > 0)
                    || head::is_caption_by_ending(n, rules));
            is_alt_shape(n) || credited
        });
        let crawled = layout.start == Start::Crawler
            && page.next_nonblank(0, end) == Some(first)
            && first + 1 < end
            && page.is_blank(first + 1);
        if (marked && plan.headline.is_some()) || crawled {
            return next_text_after(page, rules, layout, plan, first + 1).unwrap_or(end);
        }
    }
    first
}

/// What the walk over the head found: a datelined lead (or the line after a dateline alone),
/// or the head's classified lines and its unclaimed text lines, for the no-dateline cases.
enum HeadScan {
    Lead(usize),
    Text { lines: Vec<Line>, text: Vec<usize> },
}

/// Walks the head with its rule table until a datelined lead, or until the text lines stop
/// looking like head material.
fn scan_head(page: &Page<'_>, rules: &CompiledRules, layout: &Layout, plan: &Plan) -> HeadScan {
    let end = plan.article_end;
    let mut lines: Vec<Line> = Vec::new();
    let mut seen = Seen::default();
    // Text lines (no furniture rule took them), and whether each is followed by furniture
    // that marks it a standfirst.
    let mut text: Vec<usize> = Vec::new();
    let below_headline = |i: usize| plan.headline.as_ref().is_some_and(|h| h.line < i);
    for i in 0..end {
        // A drop cap opens the lead, even where the letter alone is a chrome line too.
        if below_headline(i) && super::body::is_drop_cap(page, i, end) {
            return HeadScan::Lead(i);
        }
        let claim = if page.is_blank(i) {
            None
        } else {
            let cx = Cx::new(page, rules, layout, plan, &lines, &seen);
            first_claim(&cx, i, HEAD)
        };
        let unclaimed = claim.is_none() && !page.is_blank(i);
        let line = finish(page, i, Zone::Head, claim);
        if line.rule == Rule::DatelineAlone {
            // The lead is the next text line.
            return HeadScan::Lead(page.next_nonblank(i + 1, end).unwrap_or(end));
        }
        seen.add(&line);
        lines.push(line);
        if !unclaimed {
            continue;
        }
        if page.datelined(i, rules) {
            return HeadScan::Lead(i);
        }
        text.push(i);
        if text.len() > MAX_HEAD_TEXT_LINES || !can_be_head_text(page.t(i)) {
            break;
        }
    }
    HeadScan::Text { lines, text }
}

/// On an outlet's own page, the lead when the first text line under the headline is a deck or
/// a summary rather than the lead, though no dateline follows: a deck with no full stop and then
/// prose (maybe after one short caption line) or a photo; a summary sentence and then a photo or
/// a lead that opens in capitals. None when neither holds.
fn lead_under_deck(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    plan: &Plan,
    first: usize,
) -> Option<usize> {
    let end = plan.article_end;
    let t = page.t(first);
    let open_deck = is_open_deck(t, rules);
    let summary = layout.start == Start::Plain && is_standfirst_shape(t, rules);
    if !open_deck && !summary {
        return None;
    }
    // A credit, found by the scanners or alone on its line (`Photo: Jo Tan`).
    let credited = |k: usize| {
        page.credit(k, rules).is_some() || lead::credit_alone_by(page.t(k), None, rules).is_some()
    };
    // A photo at line j: a caption with its credit, or a line (alt text, a caption) before it.
    let photo = |j: usize| credited(j) || page.next_nonblank(j + 1, end).is_some_and(&credited);
    // The first text after the photo at line j.
    let after_photo = |j: usize| {
        let last = if credited(j) {
            j
        } else {
            page.next_nonblank(j + 1, end).unwrap_or(j)
        };
        next_text_after(page, rules, layout, plan, last + 1).unwrap_or(end)
    };
    // The next two lines that are not chrome, to ask cheaply whether prose or a photo follows
    // before the head rules are run over what follows.
    let text_after =
        |j: usize| (j + 1..end).find(|&k| !page.is_blank(k) && !page.is_chrome(k, rules));
    let raw = text_after(first);
    let raw2 = raw.and_then(text_after);
    let photo_next = raw.is_some_and(photo);
    let prose_near = [raw, raw2]
        .into_iter()
        .flatten()
        .any(|j| is_prose(page.t(j)));
    if open_deck && (photo_next || prose_near) {
        let next = next_text_after(page, rules, layout, plan, first + 1);
        if let Some(next) = next.filter(|&j| is_prose(page.t(j))) {
            return Some(next);
        }
        // One short line between, a caption with no credit (`... at dusk. 14MAR25`).
        let then = next.and_then(|j| next_text_after(page, rules, layout, plan, j + 1));
        let short = next.is_some_and(|j| word_count_to(page.t(j), 41) <= 40);
        if let Some(then) = then.filter(|&k| short && is_prose(page.t(k))) {
            return Some(then);
        }
        // The photo's lines may be claimed already (alt text, a caption with its credit).
        return next
            .filter(|&j| photo(j))
            .or(raw.filter(|&j| photo(j)))
            .map(after_photo);
    }
    // A lead in the house style that opens on a word in capitals (`LIMA kisah ...`,
    // `MALAYSIA has ...`): what stands above it is no lead.
    let caps_lead = raw.filter(|&j| caps_opening(page.t(j)) && is_prose(page.t(j)));
    if summary && !photo_next {
        return caps_lead;
    }
    if summary {
        let next = next_text_after(page, rules, layout, plan, first + 1);
        return next
            .filter(|&j| photo(j) && !is_prose_with_credit(page, rules, j))
            .map(after_photo);
    }
    None
}

/// The first line after `from` that no head furniture rule claims.
fn next_text_after(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    plan: &Plan,
    from: usize,
) -> Option<usize> {
    let lines: Vec<Line> = (0..from).map(|_| Line::blank(Zone::Head)).collect();
    let seen = Seen::default();
    (from..plan.article_end).find(|&i| {
        let cx = Cx::new(page, rules, layout, plan, &lines, &seen);
        !page.is_blank(i) && !is_alt_shape(page.t(i)) && first_claim(&cx, i, HEAD).is_none()
    })
}

/// Whether a text line can stand between the headline and the lead: not paragraph-long, and
/// not the middle of a sentence (a dump that starts mid-page), unless it is alt text.
fn can_be_head_text(t: &str) -> bool {
    word_count_to(t, MAX_HEAD_TEXT_WORDS + 1) <= MAX_HEAD_TEXT_WORDS
        && (!starts_lowercase(t) || is_alt_shape(t))
}

/// FMT's alt text: a few lower-case words with no closing punctuation (`kl tower`).
pub(crate) fn is_alt_shape(t: &str) -> bool {
    starts_lowercase(t) && word_count_to(t, 9) <= 8 && !ends_terminal(t)
}

/// An outlet's deck: a summary of a sentence or two, maybe without a full stop.
fn is_deck_shape(t: &str, rules: &CompiledRules) -> bool {
    (4..=80).contains(&word_count_to(t, 80 + 1))
        && !starts_lowercase(t)
        && super::dateline::at_start(t, rules).is_none()
}

/// A deck that does not end its sentence (`Authorities begin to bury the dead as toll exceeds
/// 800`): a summary under a headline, never a lead.
fn is_open_deck(t: &str, rules: &CompiledRules) -> bool {
    (5..=40).contains(&word_count_to(t, 41))
        && !ends_terminal(t)
        && !t.ends_with([':', ',', ';', '-', '—', '–'])
        && is_deck_shape(t, rules)
        && super::caption::find_credit(t, rules).is_none()
}

/// A paragraph that carries a credit inside it (`... said. (Bernama pic) KUCHING: ...`): the
/// lead itself, not a photo under a standfirst.
fn is_prose_with_credit(page: &Page<'_>, rules: &CompiledRules, j: usize) -> bool {
    let t = page.t(j);
    page.credit(j, rules)
        .is_some_and(|c| word_count_to(&t[c.end..], 12) >= 12)
}

/// A sentence opening on a word in capitals and then a word in lower case (`THE ministry`,
/// `LIMA kisah`), the house style of many leads; `US officials` is an acronym, not that.
fn caps_opening(t: &str) -> bool {
    let mut words = t.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    opens_in_caps(first)
        && !first.chars().any(char::is_lowercase)
        && second.starts_with(|c: char| c.is_lowercase())
}

/// A paragraph of the article: a dozen words or more that end a sentence.
fn is_prose(t: &str) -> bool {
    ends_terminal(t) && word_count_to(t, 12) >= 12
}

/// A standfirst is one summary sentence.
fn is_standfirst_shape(t: &str, rules: &CompiledRules) -> bool {
    let words = word_count(t);
    (5..=60).contains(&words)
        && ends_terminal(t)
        && !starts_lowercase(t)
        && super::dateline::at_start(t, rules).is_none()
        && super::caption::find_credit(t, rules).is_none()
}

/// The tail: the trailing run of the article's non-blank lines that are chrome by the rules or
/// sign-off lines, after the last line of text.
fn tail_start(page: &Page<'_>, rules: &CompiledRules, plan: &Plan) -> usize {
    let lead = plan.lead.unwrap_or(plan.article_end);
    let mut tail = plan.article_end;
    for i in (lead..plan.article_end).rev() {
        if page.is_blank(i) {
            continue;
        }
        let t = page.t(i);
        let signs_off = lead::signed_off(t, rules).is_some_and(|(before, _)| before.is_empty());
        let cut = i + 1 == page.len() && rules.is_cut_chrome_line(t);
        // Some outlets print the publication time at the bottom.
        let stamp = head::published_on_line(t, rules).is_some_and(|p| !p.date.is_empty());
        if !(signs_off || cut || stamp || page.is_chrome(i, rules) || rules.is_separator(t)) {
            break;
        }
        tail = i;
    }
    // The lead itself is never tail: a page of one sign-off line still has it in its body.
    tail.max(lead + 1).min(plan.article_end).max(lead)
}
