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
    /// An outlet's listing whose stories are dated (a date line under each title, or under its
    /// one-sentence summary): there only a dated line is a title.
    pub dated_titles: bool,
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
        let titles = (start == Start::Plain && kind == PageKind::Article)
            .then(|| outlet_listing(page, rules))
            .flatten();
        let (kind, cards) = if titles.is_some() {
            (PageKind::Listing { topic: None }, CardShape::Titles)
        } else {
            (kind, cards)
        };
        let dated_titles = titles == Some(true);
        let standfirst_outlet = page.crawler_prefix
            || opening
                .iter()
                .any(|&i| names_standfirst_outlet(page.t(i), rules));
        Layout {
            start,
            kind,
            cards,
            standfirst_outlet,
            dated_titles,
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
/// sentence, followed by a date line or by a summary of some length. A title dated by the next
/// line may be shorter (`Filipino or Pilipino?` over `by Name - date`). A headline under a
/// bare rank number (`1`, `2`: a most-read box) is no title of the page's own list.
pub(crate) fn is_listed_title(page: &Page<'_>, rules: &CompiledRules, i: usize) -> bool {
    let t = page.t(i);
    let words = super::text::word_count_to(t, MAX_TITLE_WORDS + 1);
    if !(2..=MAX_TITLE_WORDS).contains(&words)
        || t.ends_with(['.', ',', ';', ':'])
        || super::text::starts_lowercase(t)
        || page.is_chrome(i, rules)
        || dated_header(t, rules).is_some()
        || t.starts_with(['•', '-', '–', '—', '*', '»', '>'])
        || page.credit(i, rules).is_some()
        // `... on Sunday. (AFP)`: a caption or a paragraph signed by a wire, no title.
        || (t.ends_with(')') && super::signoff::at_end(t, rules).is_some())
        || page.prev_nonblank(i).is_some_and(|j| is_rank(page.t(j)))
    {
        return false;
    }
    let next = (i + 1..page.len()).find(|&j| !page.is_blank(j) && !page.is_chrome(j, rules));
    let dated_by = next.and_then(|j| dated_header(page.t(j), rules));
    let fewest = match dated_by {
        Some(DatedHeader::Byline { .. }) => 2,
        Some(_) => 3,
        None => 4,
    };
    if words < fewest {
        return false;
    }
    let dated_before = page
        .prev_nonblank(i)
        .is_some_and(|j| dated_header(page.t(j), rules).is_some());
    dated_by.is_some()
        || next.is_some_and(|j| {
            let n = page.t(j);
            super::text::word_count_to(n, 13) >= 12 || super::text::same_headline(n, t)
        })
        || (next.is_none() && dated_before)
}

/// A bare rank number, as a most-read box prints it over each headline: `1` to `99`.
fn is_rank(t: &str) -> bool {
    (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// A date line as listings show them: `Mar 31, 2015`, `30 Jul 2020`, `3 hours ago`.
pub(crate) fn is_date_line(t: &str, rules: &CompiledRules) -> bool {
    dates::is_date_stamp(t, rules) || dates::is_age(t)
}

/// A listing card's line that dates it, as [`dated_header`] splits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DatedHeader<'t> {
    /// A date line alone.
    Date,
    /// `DefenseMay 12, 2021`: the card's section glued to its date.
    Category { category: &'t str, date: &'t str },
    /// `by Jo Tan - May 3, 2021 - 12:00am`, `Jo Tan - @handle 10/16/2020`: the author (maybe
    /// after a byline label, maybe with a handle after the dash) and the date.
    Byline { names: &'t str, date: &'t str },
}

/// The most bytes a card's dated header line has.
const MAX_DATED_HEADER_BYTES: usize = 160;

/// Whether `t` is a listing card's dated header line, and how it splits.
pub(crate) fn dated_header<'t>(t: &'t str, rules: &CompiledRules) -> Option<DatedHeader<'t>> {
    // Every header ends in a year or a time: a digit, or `am`/`pm`/a zone after one.
    if t.len() > MAX_DATED_HEADER_BYTES || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if is_date_line(t, rules) {
        return Some(DatedHeader::Date);
    }
    glued_category_date(t, rules).or_else(|| dated_byline(t, rules))
}

/// `Social AffairsMay 12, 2021`: up to three words, the last run straight into a date.
fn glued_category_date<'t>(t: &'t str, rules: &CompiledRules) -> Option<DatedHeader<'t>> {
    let b = t.as_bytes();
    let at = (1..b.len()).find(|&k| b[k - 1].is_ascii_lowercase() && b[k].is_ascii_uppercase())?;
    let (category, date) = t.split_at(at);
    (super::text::word_count_to(category, 4) <= 3 && dates::is_date_stamp(date, rules))
        .then_some(DatedHeader::Category { category, date })
}

/// `by Jo Tan - May 3, 2021 - 12:00am`, `Jo Tan - @handle 10/16/2020`.
fn dated_byline<'t>(t: &'t str, rules: &CompiledRules) -> Option<DatedHeader<'t>> {
    let (who, rest) = t.split_once(" - ")?;
    let rest = rest.trim();
    let date = match rest.strip_prefix('@') {
        Some(_) => rest.split_once(char::is_whitespace)?.1.trim(),
        None => rest,
    };
    if !dates::is_date_stamp(date, rules) {
        return None;
    }
    let names = super::head::split_byline_label(who, rules).map_or(who, |(_, names)| names.trim());
    (super::head::looks_like_names(names, rules) && super::text::word_count_to(names, 7) <= 6)
        .then_some(DatedHeader::Byline { names, date })
}

/// An outlet's listing: at least three titles (two, when each is dated), the first among the
/// first text lines or under a page header of at most one sentence (a section's tagline, a
/// topic's description, a most-read box), and between two titles at most one line of some
/// length (a summary; a dated card may add a caption): an article runs several paragraphs
/// under its headline.
///
/// Returns whether most titles are dated, or None for no listing.
fn outlet_listing(page: &Page<'_>, rules: &CompiledRules) -> Option<bool> {
    if (0..page.len()).any(|i| rules.is_block_line(page.t(i))) {
        return None;
    }
    // Up to a list of other stories under a heading: an article's own list is no listing. A
    // heading above any text (`Most Popular` over a ranked box) opens the page, not such a list.
    let opens = page.next_nonblank(0, page.len()).unwrap_or(0);
    let text: Vec<usize> = (0..page.len())
        .take_while(|&i| i == opens || !rules.is_related_heading(page.t(i)))
        .filter(|&i| !page.is_blank(i) && !page.is_chrome(i, rules))
        .take(200)
        .collect();
    let titles: Vec<usize> = (0..text.len())
        .filter(|&k| is_listed_title(page, rules, text[k]))
        .collect();
    let dated = |k: usize| is_dated_title(page, rules, &text, k);
    let n_dated = titles.iter().filter(|&&k| dated(k)).count();
    let enough = titles.len() >= 3 || (titles.len() == 2 && n_dated == 2);
    if !enough {
        return None;
    }
    let above = &text[..titles[0]];
    // `Updated` / `Published` over the first title: an article's own publication header, so
    // the titles are its items (a briefing), not a listing's stories.
    let published_header = above
        .iter()
        .any(|&i| super::head::published_on_line(page.t(i), rules).is_some());
    if published_header || (titles[0] > 3 && !is_page_header(page, above)) {
        return None;
    }
    // Text lines of some length between consecutive titles (and after the last one).
    let long = |from: usize, to: usize| {
        (from..to)
            .filter(|&k| super::text::word_count_to(page.t(text[k]), 13) >= 12)
            .count()
    };
    // A dated card may also show its photo's caption under the summary.
    let ends = titles.iter().skip(1).copied().chain([text.len()]);
    titles
        .iter()
        .zip(ends)
        .all(|(&a, b)| long(a + 1, b) <= 1 + usize::from(dated(a)))
        .then_some(2 * n_dated >= titles.len())
}

/// Whether the title at `text[k]` (text line indices) is dated: a dated header right under it,
/// or under its summary (a sentence, or longer than any title: cut mid-word).
pub(crate) fn is_dated_title(
    page: &Page<'_>,
    rules: &CompiledRules,
    text: &[usize],
    k: usize,
) -> bool {
    let dated = |m: usize| {
        text.get(m)
            .is_some_and(|&j| dated_header(page.t(j), rules).is_some())
    };
    let summary = |t: &str| {
        t.ends_with('.') || super::text::word_count_to(t, MAX_TITLE_WORDS + 1) > MAX_TITLE_WORDS
    };
    dated(k + 1) || (text.get(k + 1).is_some_and(|&j| summary(page.t(j))) && dated(k + 2))
}

/// The most text lines a listing's page header holds above its first story.
const MAX_HEADER_LINES: usize = 24;

/// Whether these text lines can be a listing's page header: not many, and at most one of them
/// a sentence of some length (a tagline or a description), where an article's lines are prose.
fn is_page_header(page: &Page<'_>, lines: &[usize]) -> bool {
    lines.len() <= MAX_HEADER_LINES
        && lines
            .iter()
            .filter(|&&i| {
                let t = page.t(i);
                super::text::ends_terminal(t) && super::text::word_count_to(t, 13) >= 12
            })
            .count()
            <= 1
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
        // A listed story's date line over its datelined summary titles nothing.
        || dated_header(t, rules).is_some()
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
