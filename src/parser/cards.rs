//! The cards zone: related-article cards and listing items, each a teaser.
//!
//! Two card shapes exist ([`CardShape`]). Compact: `Publisher`, an age or dd-mm-yyyy date,
//! `- Publisher` (a listing adds `- Category` first), the headline, then the whole teaser on one
//! line. Logo: the headline twice, `Publisher`, `time3 hours ago`, `  • Publisher` (a listing
//! adds `  • Category`), the headline a third time, then the one-line teaser.
//!
//! Cards are found by their anchor, the age line (`time…` in the logo shape), because it is the
//! one header line that cannot be mistaken for text. Each card is then read slot by slot, in
//! the order [`read_card`] lists them; the last card is often cut anywhere, even between its
//! header lines, and keeps what it shows. The teaser's one-line body is split by the same lead
//! rules as the article's (`lead.rs`): caption and credit, dateline, sign-off.

use regex::Regex;

use super::dates;
use super::gated::Gated;
use super::layout::{CardShape, Layout};
use super::lead;
use super::line::{Claim, Class, Field, Glue, Line, Part, Role, Zone};
use super::page::Page;
use super::rule::Rule;
use super::text::{ends_terminal, same_headline, word_count_to};
use crate::rules::CompiledRules;

/// What follows `time` glued to it (`time3 hours ago`, the logo layout's card ages), if `t`
/// starts so.
pub(crate) fn glued_time(t: &str) -> Option<&str> {
    t.strip_prefix("time")
        .filter(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

fn time_age(t: &str) -> Option<&str> {
    let age = glued_time(t)?;
    dates::is_age(age).then_some(age)
}

/// The item after a `•` bullet (logo cards) or a `- ` dash (compact cards), if `t` is one.
fn bulleted(t: &str, shape: CardShape) -> Option<&str> {
    let rest = match shape {
        CardShape::Titles => return None,
        CardShape::Logo => t.trim_start().strip_prefix('•')?,
        CardShape::Compact => t
            .strip_prefix('-')
            .filter(|r| r.starts_with(char::is_whitespace))?,
    };
    Some(rest.trim_start()).filter(|r| !r.is_empty())
}

/// A header item is a name, not a sentence.
fn header_item(t: &str, shape: CardShape) -> Option<&str> {
    let item = bulleted(t, shape)?.trim();
    (word_count_to(item, 7) <= 6 && !item.ends_with('.')).then_some(item)
}

fn is_anchor(t: &str, shape: CardShape) -> bool {
    match shape {
        CardShape::Titles => false,
        CardShape::Logo => time_age(t).is_some(),
        CardShape::Compact => dates::is_age(t),
    }
}

/// The most words a listed story's headline has.
const MAX_LISTED_HEADLINE_WORDS: usize = 30;

/// Classifies a list of other stories under a heading (`Next In Nation`, `Related News`),
/// lines `range`, appending to `lines`: headings and chrome lines are chrome, every other line
/// a teaser's headline (a longer line is the summary of the story above it). Returns how many
/// teasers the list holds.
pub(crate) fn classify_list(
    page: &Page<'_>,
    rules: &CompiledRules,
    range: std::ops::Range<usize>,
    lines: &mut Vec<Line>,
) -> usize {
    let mut teasers = 0;
    let section = list_section(page, range.clone());
    for i in range {
        let t = page.t(i);
        let (claim, card) = if page.is_blank(i) {
            (None, 0)
        } else if section == Some(t) {
            let claim = whole(page, i, Class::Chrome, Rule::ListedSection, Role::Chrome);
            (Some(claim), 0)
        } else if rules.is_related_heading(t) {
            (
                Some(whole(
                    page,
                    i,
                    Class::Chrome,
                    Rule::RelatedHeading,
                    Role::Chrome,
                )),
                0,
            )
        } else if let Some(c) = chrome_claim(page, i, rules) {
            (Some(c), 0)
        } else if teasers > 0
            && (word_count_to(t, MAX_LISTED_HEADLINE_WORDS + 1) > MAX_LISTED_HEADLINE_WORDS
                || (t.ends_with('.') && after_listed_headline(lines)))
        {
            let role = Role::Paragraph(Glue::New);
            (
                Some(whole(page, i, Class::TeaserBody, Rule::ListedSummary, role)),
                teasers - 1,
            )
        } else {
            teasers += 1;
            let claim = section
                .and_then(|name| sectioned_headline(page, i, t, name))
                .unwrap_or_else(|| listed_headline(page, i, t));
            (Some(claim), teasers - 1)
        };
        let mut line = super::classify::finish(page, i, Zone::Cards, claim);
        line.card = card;
        lines.push(line);
    }
    teasers
}

/// The section name a list of other stories glues in front of its headlines
/// (`World NewsFloods close ...`, `World News · 10:05 AM UTCFloods close ...`): a name of one
/// to four capitalised words that is also a line of its own in the list (the section's
/// heading), or that opens two lines or more, each time glued to a capital or set before ` · `.
fn list_section<'t>(page: &Page<'t>, range: std::ops::Range<usize>) -> Option<&'t str> {
    let mut found: Option<(&str, usize)> = None;
    for i in range.clone() {
        let Some(name) = glued_section(page.t(i)) else {
            continue;
        };
        match found {
            Some((n, k)) if n == name => found = Some((n, k + 1)),
            Some(_) => return None,
            None => found = Some((name, 1)),
        }
    }
    let (name, count) = found?;
    let alone = range.into_iter().any(|i| page.t(i) == name);
    (count >= 2 || (count == 1 && alone)).then_some(name)
}

/// The section name glued in front of `t`, if `t` opens with one: capitalised words up to a
/// lower-case letter running into a capital (`PacificFloods`) or up to ` · `.
fn glued_section(t: &str) -> Option<&str> {
    let head = t.get(..t.len().min(48)).unwrap_or(t);
    // The byte test first: a glued name runs a lower-case ASCII letter into a capital.
    let at = head.find(" · ").or_else(|| {
        head.as_bytes()
            .windows(2)
            .position(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
            .map(|k| k + 1)
    })?;
    let name = &t[..at];
    let capitalised = name.split(' ').all(|w| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w[1..].bytes().all(|b| b.is_ascii_lowercase())
    });
    let words = name.split(' ').count();
    (capitalised && (1..=4).contains(&words) && at + 1 < t.len()).then_some(name)
}

/// A listed headline with the list's section name glued in front, maybe with a time after a
/// ` · ` (`10:05 AM UTC`): the name is the teaser's category, the time its `published`.
fn sectioned_headline(page: &Page<'_>, i: usize, t: &str, name: &str) -> Option<Claim> {
    let rest = t.strip_prefix(name)?;
    // `name` may be another line's text: the part is cut from this line's own.
    let mut parts = vec![page.part(i, Role::Field(Field::Category), &t[..name.len()])];
    let headline = match rest.strip_prefix(" · ") {
        Some(after) => {
            let time = glued_clock(after)?;
            // The dot as a slice of this line (a literal would not be one: see `Page::span`).
            let dot = &rest[1..rest.len() - after.len() - 1];
            parts.push(page.part(i, Role::Chrome, dot));
            parts.push(page.part(i, Role::Field(Field::Published), &after[..time]));
            &after[time..]
        }
        None => rest,
    };
    if !headline.starts_with(char::is_uppercase) {
        return None;
    }
    parts.push(page.part(i, Role::Field(Field::Headline), headline.trim()));
    Some(Claim::new(
        Class::TeaserHeadline,
        Rule::ListedHeadline,
        parts,
    ))
}

/// The length of a clock time glued to the headline after it (`10:05 AM UTCFloods`, `9:30
/// PMFloods`): digits, `:`, digits, ` AM`/` PM`, maybe a zone in capitals; the capital that
/// opens the headline's first word is not the zone's.
fn glued_clock(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let m = b
        .get(h + 1..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if !(1..=2).contains(&h) || b[h] != b':' || m != 2 {
        return None;
    }
    let mut end = h + 1 + m;
    let meridiem = t[end..]
        .strip_prefix(' ')
        .filter(|r| r.starts_with("AM") || r.starts_with("PM"));
    if meridiem.is_some() {
        end += 3;
    }
    if t[end..].starts_with(' ') {
        let caps = b[end + 1..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let lower_after = b.get(end + 1 + caps).is_some_and(u8::is_ascii_lowercase);
        let zone = if lower_after {
            caps.saturating_sub(1)
        } else {
            caps
        };
        if zone >= 2 {
            end += 1 + zone;
        }
    }
    Some(end)
}

/// Whether the last line classified that is not blank is a listed headline: a sentence right
/// under one is its blurb (a headline ends on no full stop).
fn after_listed_headline(lines: &[Line]) -> bool {
    lines
        .iter()
        .rev()
        .find(|l| l.class != Class::Blank)
        .is_some_and(|l| l.rule == Rule::ListedHeadline)
}

/// A listed story's headline; a numbered list's marker (`1. `, `2) `) is chrome, not a word
/// of the headline.
fn listed_headline(page: &Page<'_>, i: usize, t: &str) -> Claim {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let marked = (1..=2).contains(&digits)
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].starts_with(char::is_whitespace)
        && !t[digits + 1..].trim().is_empty();
    if !marked {
        let role = Role::Field(Field::Headline);
        return Claim::whole(
            Class::TeaserHeadline,
            Rule::ListedHeadline,
            role,
            page.span(i, t),
        );
    }
    let (marker, rest) = t.split_at(digits + 1);
    Claim::new(
        Class::TeaserHeadline,
        Rule::ListedHeadline,
        vec![
            page.part(i, Role::Chrome, marker),
            page.part(i, Role::Field(Field::Headline), rest),
        ],
    )
}

/// Classifies the cards zone, lines `start..`, appending to `lines`; the cards are numbered
/// from `first_card` (after the teasers of a list above them).
pub(crate) fn classify(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    start: usize,
    first_card: usize,
    lines: &mut Vec<Line>,
) {
    let end = page.len();
    let mut claims: Vec<Option<(usize, Claim)>> = vec![None; end - start];
    // Chrome can follow the cards too (a second `More Like This`, `READ MORE`); it is never part
    // of a card.
    let mut text = Vec::new();
    for i in start..end {
        if page.is_blank(i) {
            continue;
        }
        match chrome_claim(page, i, rules) {
            Some(claim) => claims[i - start] = Some((0, claim)),
            None => text.push(i),
        }
    }
    if !text.is_empty() && card_shape(page, layout, &text) == CardShape::Titles {
        for (i, card, claim) in read_titles(page, rules, layout, &text, first_card) {
            claims[i - start] = Some((card, claim));
        }
    } else if !text.is_empty() {
        let shape = card_shape(page, layout, &text);
        let starts = card_starts(page, shape, &text);
        for &i in &text[..starts[0]] {
            let c = Claim::whole(
                Class::Chrome,
                Rule::BeforeFirstCard,
                Role::Chrome,
                page.span(i, page.t(i)),
            );
            claims[i - start] = Some((0, c));
        }
        let mut card = first_card;
        for (s, &from) in starts.iter().enumerate() {
            let to = starts.get(s + 1).copied().unwrap_or(text.len());
            let mut k = from;
            while k < to {
                let read = read_card(page, rules, shape, &text[k..to]);
                let used = read.len().max(1);
                for (i, claim) in read {
                    claims[i - start] = Some((card, claim));
                }
                card += 1;
                k += used;
            }
        }
    }
    for (off, claim) in claims.into_iter().enumerate() {
        let i = start + off;
        let (card, claim) = match claim {
            Some((card, c)) => (card, Some(c)),
            None => (0, None),
        };
        let mut line = super::classify::finish(page, i, Zone::Cards, claim);
        line.card = card;
        lines.push(line);
    }
}

/// A chrome line among the cards: chrome by the rules, a separator, a listing's topic line.
fn chrome_claim(page: &Page<'_>, i: usize, rules: &CompiledRules) -> Option<Claim> {
    let t = page.t(i);
    let (rule, pattern) = match page.chrome_hit(i, rules) {
        Some(crate::rules::ChromeHit::Line) => (Rule::ChromeLine, None),
        Some(crate::rules::ChromeHit::Pattern(k)) => (Rule::ChromePattern, Some(k)),
        None if rules.is_separator(t) => (Rule::Separator, None),
        None if super::layout::is_listing_topic(t, rules) => (Rule::ListingTopic, None),
        None => return None,
    };
    let mut c = Claim::chrome(rule, page.span(i, t));
    c.pattern = pattern;
    Some(c)
}

/// The card shape follows the page's (an outlet's listing has its own): a logo page has logo cards even when the only card left
/// was cut before its time line; a headline given twice in a row is a logo card too.
fn card_shape(page: &Page<'_>, layout: &Layout, text: &[usize]) -> CardShape {
    if layout.cards == CardShape::Titles {
        return CardShape::Titles;
    }
    let logo = layout.cards == CardShape::Logo
        || text.iter().any(|&i| {
            time_age(page.t(i)).is_some() || bulleted(page.t(i), CardShape::Logo).is_some()
        })
        || (text.len() >= 2 && page.t(text[0]) == page.t(text[1]));
    if logo {
        CardShape::Logo
    } else {
        CardShape::Compact
    }
}

/// An outlet's listing, line by line: a title opens a teaser (a date line or a short category
/// line just before it belongs to it), a copy of the title is chrome, a date line after it is
/// its time, other lines are its summary. Lines before the first title belong to no teaser.
fn read_titles(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    text: &[usize],
    first_card: usize,
) -> Vec<(usize, usize, Claim)> {
    let mut out: Vec<(usize, usize, Claim)> = Vec::with_capacity(text.len());
    let mut card: Option<usize> = None;
    let mut title: Option<&str> = None;
    // On a listing of dated stories, only a dated line is a title.
    let is_title = |k: usize| {
        super::layout::is_listed_title(page, rules, text[k])
            && (!layout.dated_titles || super::layout::is_dated_title(page, rules, text, k))
    };
    for (k, &i) in text.iter().enumerate() {
        let t = page.t(i);
        let next_is_title = k + 1 < text.len() && is_title(k + 1);
        if is_title(k) && !title.is_some_and(|h| same_headline(h, t)) {
            // A date or category line just before the title was read as the previous teaser's;
            // it opens this one instead.
            let c = card.map_or(first_card, |c| c + 1);
            if let Some(last) = out.last_mut() {
                let just_before = k > 0 && last.0 == text[k - 1];
                if just_before && matches!(last.2.rule, Rule::CardTime | Rule::CardHeaderItem) {
                    last.1 = c;
                }
            }
            card = Some(c);
            title = Some(t);
            out.push((
                i,
                c,
                whole(
                    page,
                    i,
                    Class::TeaserHeadline,
                    Rule::CardHeadline,
                    Role::Field(Field::Headline),
                ),
            ));
            continue;
        }
        let Some(c) = card else {
            out.push((
                i,
                first_card,
                before_first_title(page, rules, i, next_is_title),
            ));
            continue;
        };
        let claim = under_title(page, rules, i, title.unwrap_or_default(), next_is_title);
        out.push((i, c, claim));
    }
    out
}

/// A whole line as one part.
fn whole_part(page: &Page<'_>, i: usize, role: Role) -> Part {
    page.part(i, role, page.t(i))
}

/// A whole line claimed as one part.
fn whole(page: &Page<'_>, i: usize, class: Class, rule: Rule, role: Role) -> Claim {
    Claim::whole(class, rule, role, page.span(i, page.t(i)))
}

/// A listed teaser's short category line, just above its title.
fn card_category(page: &Page<'_>, i: usize) -> Claim {
    let role = Role::Field(Field::Category);
    whole(page, i, Class::TeaserHeader, Rule::CardHeaderItem, role)
}

/// A listing line before the first title: a date or a category that opens it, or chrome. The
/// page's first line heads the page (`Latest Sarawak News`), not its first story.
fn before_first_title(
    page: &Page<'_>,
    rules: &CompiledRules,
    i: usize,
    next_is_title: bool,
) -> Claim {
    let t = page.t(i);
    let heads_page = page.next_nonblank(0, i + 1) == Some(i);
    if let Some(claim) = dated_claim(page, rules, i).filter(|_| next_is_title) {
        claim
    } else if next_is_title && !heads_page && word_count_to(t, 4) <= 3 {
        card_category(page, i)
    } else {
        whole(page, i, Class::Chrome, Rule::BeforeFirstCard, Role::Chrome)
    }
}

/// A listing line under a title: a copy of it (chrome), its time, the next teaser's category,
/// or its summary.
fn under_title(
    page: &Page<'_>,
    rules: &CompiledRules,
    i: usize,
    title: &str,
    next_is_title: bool,
) -> Claim {
    let t = page.t(i);
    if same_headline(title, t) {
        whole(
            page,
            i,
            Class::HeadlineCopy,
            Rule::CardHeadlineCopy,
            Role::Chrome,
        )
    } else if let Some(claim) = dated_claim(page, rules, i) {
        claim
    } else if next_is_title && word_count_to(t, 4) <= 3 && !ends_terminal(t) {
        card_category(page, i)
    } else {
        // Caption and credit, dateline and sign-off, as in any teaser's body.
        Claim::new(
            Class::TeaserBody,
            Rule::CardBody,
            teaser_body(page, rules, i),
        )
    }
}

/// A listed story's dated header line: its time, maybe with its section glued before it or
/// its author (a byline label and a handle are chrome).
fn dated_claim(page: &Page<'_>, rules: &CompiledRules, i: usize) -> Option<Claim> {
    use super::layout::DatedHeader;
    let published = Role::Field(Field::Published);
    let claim = match super::layout::dated_header(page.t(i), rules)? {
        DatedHeader::Date => whole(page, i, Class::TeaserHeader, Rule::CardTime, published),
        DatedHeader::Category { category, date } => Claim::new(
            Class::TeaserHeader,
            Rule::CardCategoryDate,
            vec![
                page.part(i, Role::Field(Field::Category), category),
                page.part(i, published, date),
            ],
        ),
        DatedHeader::Byline { names, date } => {
            // A teaser has no byline: the line is recorded whole, the names read as the byline
            // and the date as the time.
            let parts = vec![
                whole_part(page, i, Role::Chrome),
                page.part(i, Role::Value(Field::Byline), names),
                page.part(i, Role::Value(Field::Published), date),
            ];
            Claim::new(Class::TeaserHeader, Rule::CardBylineDate, parts)
        }
    };
    Some(claim)
}

/// Where each card starts, as indices into `text`: a little before its anchor (the publisher
/// line, and in the logo shape the headline copies before that).
fn card_starts(page: &Page<'_>, shape: CardShape, text: &[usize]) -> Vec<usize> {
    let t = |k: usize| page.t(text[k]);
    let mut starts: Vec<usize> = Vec::new();
    for a in (0..text.len()).filter(|&k| is_anchor(t(k), shape)) {
        let floor = starts.last().map_or(0, |&s| s + 1);
        let mut s = a;
        if a > floor {
            s = a - 1; // the publisher
            if shape == CardShape::Logo && s > floor {
                let h = t(s - 1);
                let mut c = s - 1;
                while c > floor && t(c - 1) == h && s - c < 3 {
                    c -= 1;
                }
                if s - c >= 2 || (word_count_to(h, 31) <= 30 && !h.ends_with('.')) {
                    s = c;
                }
            }
        }
        starts.push(s.max(floor));
    }
    if starts.is_empty() {
        starts.push(0);
    }
    starts
}

/// Reads one card from the front of `lines` (non-blank line indices), slot by slot, in this
/// order: headline and copies (logo), publisher, time, header items, headline (again, or the
/// only one), body, more body. Returns the claims of the lines it used, in order.
fn read_card(
    page: &Page<'_>,
    rules: &CompiledRules,
    shape: CardShape,
    lines: &[usize],
) -> Vec<(usize, Claim)> {
    let mut r = CardReader {
        page,
        rules,
        shape,
        lines,
        k: 0,
        out: Vec::new(),
        headline: None,
        publisher: None,
    };
    r.headline_and_copies();
    r.publisher();
    r.time();
    r.header_items();
    r.headline_again();
    r.body();
    r.out
}

/// A card being read: where the reader is, and what the card has shown so far.
struct CardReader<'a, 't> {
    page: &'a Page<'t>,
    rules: &'a CompiledRules,
    shape: CardShape,
    lines: &'a [usize],
    k: usize,
    out: Vec<(usize, Claim)>,
    headline: Option<&'t str>,
    publisher: Option<&'t str>,
}

impl<'t> CardReader<'_, 't> {
    fn t(&self, k: usize) -> &'t str {
        self.page.t(self.lines[k])
    }

    fn more(&self) -> bool {
        self.k < self.lines.len()
    }

    fn anchor_at(&self, k: usize) -> bool {
        k < self.lines.len() && is_anchor(self.t(k), self.shape)
    }

    fn opens_header(&self, k: usize) -> bool {
        self.anchor_at(k) || header_item(self.t(k), self.shape).is_some()
    }

    /// Claims the current line whole and moves on.
    fn take(&mut self, class: Class, rule: Rule, role: Role) {
        let i = self.lines[self.k];
        let claim = Claim::whole(class, rule, role, self.page.span(i, self.t(self.k)));
        self.out.push((i, claim));
        self.k += 1;
    }

    /// Logo cards open with the headline and its copies, unless the card starts at its
    /// publisher or its time line.
    fn headline_and_copies(&mut self) {
        if self.shape != CardShape::Logo
            || !self.more()
            || self.opens_header(self.k)
            || self.anchor_at(self.k + 1)
        {
            return;
        }
        let h = self.t(self.k);
        self.headline = Some(h);
        self.take(
            Class::TeaserHeadline,
            Rule::CardHeadline,
            Role::Field(Field::Headline),
        );
        while self.more() && same_headline(self.t(self.k), h) {
            self.take(Class::HeadlineCopy, Rule::CardHeadlineCopy, Role::Chrome);
        }
    }

    fn publisher(&mut self) {
        let logo_publisher = self.anchor_at(self.k + 1) || self.headline.is_some();
        if self.more()
            && !self.opens_header(self.k)
            && (self.shape == CardShape::Compact || logo_publisher)
        {
            self.publisher = Some(self.t(self.k));
            self.take(
                Class::TeaserHeader,
                Rule::CardPublisher,
                Role::Field(Field::Publisher),
            );
        }
    }

    /// The anchor: `3 hours ago`, or `time3 hours ago` (the glued `time` is the clock icon's
    /// alt text).
    fn time(&mut self) {
        if !self.anchor_at(self.k) {
            return;
        }
        let raw = self.t(self.k);
        let age = time_age(raw).unwrap_or(raw);
        let i = self.lines[self.k];
        let mut parts = Vec::with_capacity(2);
        if age.len() < raw.len() {
            parts.push(
                self.page
                    .part(i, Role::Chrome, &raw[..raw.len() - age.len()]),
            );
        }
        parts.push(self.page.part(i, Role::Field(Field::Published), age));
        self.out
            .push((i, Claim::new(Class::TeaserHeader, Rule::CardTime, parts)));
        self.k += 1;
    }

    /// Up to three `- Category` / `• Publisher` items, placed by [`assign_items`].
    fn header_items(&mut self) {
        let from = self.k;
        let mut items = Vec::new();
        while self.more() && items.len() < 3 {
            match header_item(self.t(self.k), self.shape) {
                Some(item) => items.push(item),
                None => break,
            }
            self.k += 1;
        }
        for (m, place) in assign_items(self.publisher, &items).into_iter().enumerate() {
            let i = self.lines[from + m];
            let part = |role| vec![self.page.part(i, role, items[m])];
            let (class, rule, parts) = match place {
                Item::Category => (
                    Class::TeaserHeader,
                    Rule::CardHeaderItem,
                    part(Role::Field(Field::Category)),
                ),
                Item::Publisher => (
                    Class::TeaserHeader,
                    Rule::CardHeaderItem,
                    part(Role::Field(Field::Publisher)),
                ),
                // The publisher line's words are in the record already.
                Item::Copy => (Class::TeaserHeader, Rule::CardHeaderItem, Vec::new()),
                Item::Unplaced => (
                    Class::Chrome,
                    Rule::CardHeaderItemUnplaced,
                    part(Role::Chrome),
                ),
            };
            self.out.push((i, Claim::new(class, rule, parts)));
        }
    }

    /// The headline again, in the logo shape; the only copy in the compact one.
    fn headline_again(&mut self) {
        if !self.more() {
            return;
        }
        match self.headline {
            Some(h) if same_headline(h, self.t(self.k)) => {
                self.take(Class::HeadlineCopy, Rule::CardHeadlineCopy, Role::Chrome)
            }
            Some(_) => {}
            None => self.take(
                Class::TeaserHeadline,
                Rule::CardHeadline,
                Role::Field(Field::Headline),
            ),
        }
    }

    /// The one-line body. In the compact shape a card with no blank lines runs straight into
    /// the next one's publisher; anything after the body line that is not more body is left for
    /// the next card.
    fn body(&mut self) {
        if !self.more() {
            return;
        }
        let i = self.lines[self.k];
        let parts = teaser_body(self.page, self.rules, i);
        self.out
            .push((i, Claim::new(Class::TeaserBody, Rule::CardBody, parts)));
        self.k += 1;
        while self.more() && !starts_new_card(self.t(self.k), self.shape) {
            let i = self.lines[self.k];
            let mut parts = Vec::with_capacity(2);
            closing_parts(self.page, self.rules, i, self.t(self.k), &mut parts);
            self.out.push((
                i,
                Claim::new(Class::TeaserBody, Rule::CardBodyContinued, parts),
            ));
            self.k += 1;
        }
    }
}

/// After a card's body line, does this line open another (cut-off) card rather than carry on
/// the body? In the logo shape every card is one body line, so yes; in the compact shape only
/// a short name-like line (a publisher) does.
fn starts_new_card(t: &str, shape: CardShape) -> bool {
    shape == CardShape::Logo || (word_count_to(t, 7) <= 6 && !ends_terminal(t))
}

/// Where a card header item goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    Category,
    Publisher,
    /// It repeats the card's publisher line word for word.
    Copy,
    /// Neither category nor publisher: chrome, kept so that its words are not lost (a third
    /// item, or an item naming another outlet than the publisher line, or the same in another
    /// case).
    Unplaced,
}

/// `- Category`, `- Publisher`: places a card's header items. With two items the first is the
/// category and the last the publisher; with one, it is the publisher when it repeats the card's
/// publisher line, else a listing's category, or the publisher when the card showed none.
fn assign_items(publisher: Option<&str>, items: &[&str]) -> Vec<Item> {
    let as_publisher = |s: &str| match publisher {
        None => Item::Publisher,
        Some(p) if p == s => Item::Copy,
        Some(_) => Item::Unplaced,
    };
    match items {
        [] => Vec::new(),
        [one] if publisher.is_some_and(|p| p.eq_ignore_ascii_case(one)) => vec![as_publisher(one)],
        [_] if publisher.is_none() => vec![Item::Publisher],
        [_] => vec![Item::Category],
        [.., last] => {
            let mut places = vec![Item::Category];
            places.extend((2..items.len()).map(|_| Item::Unplaced));
            places.push(as_publisher(last));
            places
        }
    }
}

/// A teaser's one-line body: caption and credit, dateline, paragraphs and sign-off run
/// together. Round-up items (` > `) and digest items (` ---------- `) split it into paragraphs.
fn teaser_body(page: &Page<'_>, rules: &CompiledRules, i: usize) -> Vec<Part> {
    let line = page.t(i);
    let mut out = Vec::with_capacity(4);
    if let Some(items) = digest_items(line, rules) {
        digest_parts(page, rules, i, line, &items, &mut out);
        return out;
    }
    let o = lead::opening(line, rules, false);
    if let Some(c) = &o.captioned {
        lead::caption_parts(page, i, c, &mut out);
    }
    if let Some(d) = &o.datelined {
        lead::datelined_parts(page, i, d, &mut out);
    }
    round_up_parts(page, rules, i, o.rest, &mut out);
    out
}

/// The body after the opening: round-up items (` > `, closed by a disclaimer about the `>`
/// sign, which is chrome) split it; the sign-off closes it.
fn round_up_parts(
    page: &Page<'_>,
    rules: &CompiledRules,
    i: usize,
    text: &str,
    out: &mut Vec<Part>,
) {
    if !text.contains(" > ") {
        closing_parts(page, rules, i, text, out);
        return;
    }
    let (body, disclaimer) = match roundup_disclaimer(text) {
        Some(at) => (&text[..at], Some(&text[at..])),
        None => (text, None),
    };
    let items: Vec<&str> = body
        .split(" > ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    for (k, item) in items.iter().enumerate() {
        if k + 1 == items.len() && disclaimer.is_none() {
            closing_parts(page, rules, i, item, out);
        } else {
            out.push(page.part(i, Role::Paragraph(Glue::New), item));
        }
    }
    if let Some(d) = disclaimer {
        out.push(page.part(i, Role::Chrome, d));
    }
}

/// A teaser's last text, with its sign-off split off as the source.
fn closing_parts(
    page: &Page<'_>,
    rules: &CompiledRules,
    i: usize,
    text: &str,
    out: &mut Vec<Part>,
) {
    if text.trim().is_empty() {
        return;
    }
    match lead::signed_off(text, rules) {
        Some((before, agency)) => {
            if !before.is_empty() {
                out.push(page.part(i, Role::Paragraph(Glue::New), before));
            }
            out.push(page.part(i, Role::Field(Field::Source), agency));
        }
        None => out.push(page.part(i, Role::Paragraph(Glue::New), text)),
    }
}

static ROUNDUP_DISCLAIMER: Gated = Gated::new(
    |t| t.contains("marked with "),
    || {
        Regex::new(
            r"(?:^|[.!?'’]\s+)(?P<d>[^.!?]*\bmarked with (?:the |a )?>\s*(?:sign|symbol)[^>]*)$",
        )
        .unwrap()
    },
);

/// Where a round-up's closing disclaimer starts: the sentence saying what the `>` sign marks.
fn roundup_disclaimer(text: &str) -> Option<usize> {
    ROUNDUP_DISCLAIMER
        .captures(text)
        .map(|c| c.name("d").unwrap().start())
}

/// A digest card's items: the intro before the first separator, then each item.
struct DigestItems<'t> {
    intro: &'t str,
    separators: Vec<&'t str>,
    items: Vec<&'t str>,
}

fn digest_items<'t>(text: &'t str, rules: &CompiledRules) -> Option<DigestItems<'t>> {
    let re = rules.separator_inline.as_ref()?;
    let seps: Vec<_> = re.find_iter(text).collect();
    let first = seps.first()?;
    let items = seps
        .iter()
        .enumerate()
        .map(|(k, sep)| {
            let next = seps.get(k + 1).map_or(text.len(), |n| n.start());
            &text[sep.end()..next]
        })
        .collect();
    Some(DigestItems {
        intro: &text[..first.start()],
        separators: seps.iter().map(|m| m.as_str()).collect(),
        items,
    })
}

/// A digest card as parts: the intro and separators are chrome; each item is `Headline PLACE -
/// text`, its headline a paragraph of its own; the first item's dateline is the teaser's.
fn digest_parts(
    page: &Page<'_>,
    rules: &CompiledRules,
    i: usize,
    _line: &str,
    d: &DigestItems<'_>,
    out: &mut Vec<Part>,
) {
    if !d.intro.trim().is_empty() {
        out.push(page.part(i, Role::Chrome, d.intro));
    }
    for (n, item) in d.items.iter().enumerate() {
        out.push(page.part(i, Role::Chrome, d.separators[n]));
        let mut item: &str = item;
        if n == 0 {
            if let Some(c) = lead::captioned(item, rules) {
                lead::caption_parts(page, i, &c, out);
                item = c.rest;
            }
        }
        match find_inner_dateline(item, rules) {
            Some((at, dl, shown, rest)) => {
                let head = item[..at].trim();
                if !head.is_empty() {
                    out.push(page.part(i, Role::Paragraph(Glue::New), head));
                }
                if n == 0 {
                    out.push(page.part(i, Role::Dateline(Box::new(dl)), shown));
                    closing_parts(page, rules, i, rest, out);
                } else {
                    closing_parts(page, rules, i, &item[at..], out);
                }
            }
            None => closing_parts(page, rules, i, item, out),
        }
    }
}

/// `Tokyo hospitals report rise in pollen allergy visits TOKYO - Clinics ...`: where the item's
/// dateline starts inside it, searched at word starts within the first 40 words.
fn find_inner_dateline<'t>(
    item: &'t str,
    rules: &CompiledRules,
) -> Option<(usize, crate::article::Dateline, &'t str, &'t str)> {
    if let Some(d) = lead::datelined(item, rules, false) {
        return Some((0, d.dateline, d.shown, d.rest));
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
        if let Some(d) = lead::datelined(rest, rules, false) {
            let place = d.dateline.place.as_deref().unwrap_or("");
            if !place.chars().any(char::is_lowercase) || place.contains(',') {
                return Some((at, d.dateline, d.shown, d.rest));
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
    fn the_gate_passes_every_disclaimer() {
        ROUNDUP_DISCLAIMER.assert_sound("ROUNDUP_DISCLAIMER");
    }

    proptest! {
        /// The item scanner takes what `^\s*•\s*(\S.*)$` and `^-\s+(\S.*)$` took.
        #[test]
        fn bulleted_items_are_the_regex_captures(t in "[ \u{a0}•\\-ab]{0,8}") {
            let bullet = Regex::new(r"^\s*•\s*(\S.*)$").unwrap();
            let dash = Regex::new(r"^-\s+(\S.*)$").unwrap();
            let want = |re: &Regex| re.captures(&t).map(|c| c.get(1).unwrap().as_str().to_string());
            prop_assert_eq!(bulleted(&t, CardShape::Logo).map(str::to_string), want(&bullet));
            prop_assert_eq!(bulleted(&t, CardShape::Compact).map(str::to_string), want(&dash));
        }

        /// `glued_time` takes what `^time(\S.*)$` took.
        #[test]
        fn glued_time_is_the_regex_capture(t in "(time)?[ \u{a0}3a]{0,4}") {
            let re = Regex::new(r"^time(\S.*)$").unwrap();
            let want = re.captures(&t).map(|c| c.get(1).unwrap().as_str().to_string());
            prop_assert_eq!(glued_time(&t).map(str::to_string), want);
        }
    }
}
