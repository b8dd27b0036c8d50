//! The page's layout, detected once from its evidence before any line is classified: how the
//! dump opens, what kind of page it is, the shape of its cards, and whether it comes from an
//! outlet that puts a standfirst under its headlines. Every later pass asks the layout instead
//! of guessing from side effects, and a new layout is a new variant here.

use super::dates;
use super::page::Page;
use crate::rules::CompiledRules;

/// How the dump opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Start {
    /// A blank line, then the headline (Daily8's compact layout).
    Compact,
    /// `logo`, the headline, a blank line, the headline again (Daily8's logo layout).
    Logo,
    /// FMT's crawler prefix (` date 2025-03-14 `) glued to the first line.
    Crawler,
    /// Text on the first line, with no mark of any layout.
    Plain,
}

/// What kind of page it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageKind {
    /// One main article, maybe followed by related cards.
    Article,
    /// A digest: items separated by `----------` lines.
    Digest,
    /// A round-up of several stories with no separators (a most-read list, a daily round-up, a
    /// video playlist): each story's title, then its text.
    Roundup,
    /// A topic or hashtag page that lists teasers. `topic` says whether the header's
    /// `Latest news with #TAG` line is there (a cut header starts straight at a card).
    Listing { topic: Option<usize> },
}

/// The shape of the page's related cards or listing items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CardShape {
    /// `Publisher`, an age, `- Publisher`, the headline, the one-line body.
    Compact,
    /// The headline twice, `Publisher`, `time3 hours ago`, `  • Publisher`, the headline, the
    /// one-line body.
    Logo,
    /// An outlet's own section, tag or search page: each story's title, maybe a date or a
    /// category line, and a summary.
    Titles,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    pub start: Start,
    pub kind: PageKind,
    pub cards: CardShape,
    /// The page comes from an outlet that puts a standfirst under its headline (FMT): the
    /// crawler prefix, or a stamp naming one of the rules' `standfirst_outlets`.
    pub standfirst_outlet: bool,
}

/// How many of the first lines the detector looks at.
const LOOK: usize = 8;

impl Layout {
    pub fn detect(page: &Page<'_>, rules: &CompiledRules) -> Layout {
        let first = page.next_nonblank(0, page.len());
        let start = match first {
            _ if page.crawler_prefix => Start::Crawler,
            Some(i) if page.t(i) == "logo" => Start::Logo,
            Some(i) if i > 0 => Start::Compact,
            _ => Start::Plain,
        };
        let cards = if start == Start::Logo {
            CardShape::Logo
        } else {
            CardShape::Compact
        };
        let opening: Vec<usize> = (0..page.len())
            .filter(|&i| !page.is_blank(i))
            .take(LOOK)
            .collect();
        let kind =
            listing(page, rules, &opening).unwrap_or_else(|| digest_or_article(page, rules, first));
        let kind = if kind == PageKind::Article && roundup(page, rules, first) {
            PageKind::Roundup
        } else {
            kind
        };
        let titles =
            start == Start::Plain && kind == PageKind::Article && outlet_listing(page, rules);
        let (kind, cards) = if titles {
            (PageKind::Listing { topic: None }, CardShape::Titles)
        } else {
            (kind, cards)
        };
        let standfirst_outlet = page.crawler_prefix
            || opening
                .iter()
                .any(|&i| names_standfirst_outlet(page.t(i), rules));
        Layout {
            start,
            kind,
            cards,
            standfirst_outlet,
        }
    }

    /// Whether the page's own structure puts the headline on its first content line (the
    /// compact layout's leading blank line, the logo layout's `logo`): a headline there may end
    /// with a full stop and run longer.
    pub fn headline_by_position(&self) -> bool {
        matches!(self.start, Start::Compact | Start::Logo)
    }

    pub fn is_listing(&self) -> bool {
        matches!(self.kind, PageKind::Listing { .. })
    }

    pub fn is_digest(&self) -> bool {
        self.kind == PageKind::Digest
    }

    pub fn is_roundup(&self) -> bool {
        self.kind == PageKind::Roundup
    }
}

/// A listing opens with `logo`, `#` and `Latest news with #TAG`, or, when its header was cut
/// off, straight at a card's age line (`3 hours ago`, `time3 hours ago`).
fn listing(page: &Page<'_>, rules: &CompiledRules, opening: &[usize]) -> Option<PageKind> {
    for &i in opening.iter().take(4) {
        let t = page.t(i);
        if is_listing_topic(t, rules) {
            return Some(PageKind::Listing { topic: Some(i) });
        }
        if t == "logo" || t == "#" {
            continue;
        }
        if dates::is_age(t) || super::cards::glued_time(t).is_some_and(dates::is_age) {
            return Some(PageKind::Listing { topic: None });
        }
        return None;
    }
    None
}

/// `Latest news with #Badminton`, `Latest from The Star`: a listing header (the rules'
/// `listing_headers`) and a tag or a known publisher (a publisher's own page of cards).
pub(crate) fn is_listing_topic(t: &str, rules: &CompiledRules) -> bool {
    listing_topic(t, rules).is_some()
}

/// The tag of a listing's topic line.
pub(crate) fn listing_topic<'t>(t: &'t str, rules: &CompiledRules) -> Option<&'t str> {
    rules.listing_headers.iter().find_map(|h| {
        let rest = t.strip_prefix(h.as_str())?;
        let tag = rest.trim();
        let hashtag = tag.starts_with('#') && tag.len() > 1 && !tag.contains(char::is_whitespace);
        (rest.starts_with(char::is_whitespace) && (hashtag || rules.is_publisher(tag)))
            .then_some(tag)
    })
}

/// A digest has items separated by `----------`: two separators, or one under a headline that
/// says it is a digest.
fn digest_or_article(page: &Page<'_>, rules: &CompiledRules, first: Option<usize>) -> PageKind {
    let seps = (0..page.len())
        .filter(|&i| rules.is_separator(page.t(i)))
        .take(2)
        .count();
    let headline = first
        .map(|i| page.t(i))
        .filter(|t| *t != "logo")
        .or_else(|| first.and_then(|i| page.next_nonblank(i + 1, page.len()).map(|j| page.t(j))));
    let says_digest = headline.is_some_and(|h| h.contains("Digest"));
    if seps >= 2 || (seps == 1 && says_digest) {
        PageKind::Digest
    } else {
        PageKind::Article
    }
}

/// Whether line `i` is a story's title on an outlet's listing page: a short line that ends no
/// sentence, followed by a date line or by a summary of some length.
pub(crate) fn is_listed_title(page: &Page<'_>, rules: &CompiledRules, i: usize) -> bool {
    let t = page.t(i);
    let words = super::text::word_count_to(t, MAX_TITLE_WORDS + 1);
    if !(4..=MAX_TITLE_WORDS).contains(&words)
        || t.ends_with(['.', ',', ';', ':'])
        || super::text::starts_lowercase(t)
        || page.is_chrome(i, rules)
        || is_date_line(t, rules)
        || t.starts_with(['•', '-', '–', '—', '*', '»', '>'])
        || page.credit(i, rules).is_some()
        // `... on Sunday. (AFP)`: a caption or a paragraph signed by a wire, no title.
        || (t.ends_with(')') && super::signoff::at_end(t, rules).is_some())
    {
        return false;
    }
    let next = (i + 1..page.len()).find(|&j| !page.is_blank(j) && !page.is_chrome(j, rules));
    let dated_before = page
        .prev_nonblank(i)
        .is_some_and(|j| is_date_line(page.t(j), rules));
    next.is_some_and(|j| {
        let n = page.t(j);
        is_date_line(n, rules)
            || super::text::word_count_to(n, 13) >= 12
            || super::text::same_headline(n, t)
    }) || (next.is_none() && dated_before)
}

/// A date line as listings show them: `Mar 31, 2015`, `30 Jul 2020`, `3 hours ago`.
pub(crate) fn is_date_line(t: &str, rules: &CompiledRules) -> bool {
    dates::is_date_stamp(t, rules) || dates::is_age(t)
}

/// An outlet's listing: at least three titles, the first among the first text lines, and
/// between two titles at most one line of some length (a summary): an article runs several
/// paragraphs under its headline.
fn outlet_listing(page: &Page<'_>, rules: &CompiledRules) -> bool {
    if (0..page.len()).any(|i| rules.is_block_line(page.t(i))) {
        return false;
    }
    // Up to a list of other stories under a heading: an article's own list is no listing.
    let text: Vec<usize> = (0..page.len())
        .take_while(|&i| !rules.is_related_heading(page.t(i)))
        .filter(|&i| !page.is_blank(i) && !page.is_chrome(i, rules))
        .take(200)
        .collect();
    let titles: Vec<usize> = (0..text.len())
        .filter(|&k| is_listed_title(page, rules, text[k]))
        .collect();
    if titles.len() < 3 || titles[0] > 3 {
        return false;
    }
    // Text lines of some length between consecutive titles (and after the last one).
    let long = |from: usize, to: usize| {
        (from..to)
            .filter(|&k| super::text::word_count_to(page.t(text[k]), 13) >= 12)
            .count()
    };
    let ends = titles.iter().skip(1).copied().chain([text.len()]);
    titles.iter().zip(ends).all(|(&a, b)| long(a + 1, b) <= 1)
}

/// The most words an item title in a round-up has.
const MAX_TITLE_WORDS: usize = 25;

/// Whether line `i` is a round-up item's title: a short line that does not end a sentence,
/// numbered (`3. Hawker couple closes stall`), or followed by the item's datelined text or by
/// a video's duration line (`01:10 - Source: CNN`).
pub(crate) fn is_item_title(page: &Page<'_>, rules: &CompiledRules, i: usize) -> bool {
    let t = page.t(i);
    let words = super::text::word_count_to(t, MAX_TITLE_WORDS + 1);
    if !(3..=MAX_TITLE_WORDS).contains(&words)
        || t.ends_with(['.', ',', ';', ':'])
        || page.is_chrome(i, rules)
    {
        return false;
    }
    let numbered = t
        .split_once(". ")
        .is_some_and(|(n, _)| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    let Some(j) = page.next_nonblank(i + 1, page.len()) else {
        return false;
    };
    let next = page.t(j);
    let duration = page.is_chrome(j, rules) && next.contains(" - Source: ");
    (numbered && super::text::word_count(next) > words)
        || (page.datelined(j, rules) && !page.datelined(i, rules))
        || duration
}

/// A round-up holds at least two item titles after its headline, before Daily8's chrome
/// block (a card's headline is followed by its datelined body too).
fn roundup(page: &Page<'_>, rules: &CompiledRules, first: Option<usize>) -> bool {
    let Some(first) = first else { return false };
    (first + 1..page.len())
        .take_while(|&i| !rules.is_block_line(page.t(i)))
        .filter(|&i| !page.is_blank(i) && is_item_title(page, rules, i))
        .nth(1)
        .is_some()
}

/// A publisher stamp or site stamp naming an outlet that puts standfirsts under headlines.
fn names_standfirst_outlet(t: &str, rules: &CompiledRules) -> bool {
    let named = super::head::publisher_stamp(t, rules)
        .map(|(p, _)| p)
        .or_else(|| super::head::site_stamp_publisher(t));
    named.is_some_and(|p| rules.standfirst_outlets.contains(&p.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn a_listing_topic_is_a_tag_or_a_known_publisher() {
        let rules = Rules::builtin().compile().unwrap();
        let topic = |t| listing_topic(t, &rules);
        assert_eq!(topic("Latest news with #Ipoh"), Some("#Ipoh"));
        assert_eq!(
            topic("Latest from Free Malaysia Today"),
            Some("Free Malaysia Today")
        );
        // Not a publisher the rules know: a heading of the article, not a listing's topic.
        assert_eq!(topic("Latest from the flood zone"), None);
        assert_eq!(topic("Latest news with two words"), None);
    }
}
