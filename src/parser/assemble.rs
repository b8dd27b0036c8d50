//! The last pass: the record built from the classified lines alone.
//!
//! Each part of each line goes where its role says, in input order; the cards zone's parts go
//! to their card's teaser. A record field holds one value, so when a page gives two (a second
//! byline, an earlier sign-off), one stands and the other's text goes to `boilerplate`, so that
//! no word is lost:
//! - the first headline, standfirst, byline, publisher, publication time and dateline stand;
//! - the last sign-off stands (a page carrying two stories ends with the second's credit), and
//!   without one, the dateline's agency is the source.

use super::layout::Layout;
use super::lead;
use super::line::{Class, Field, Glue, Line, Role, Zone};
use super::page::Page;
use super::rule::Rule;
use super::zones::Plan;
use crate::article::{Article, Dateline, Image, Kind, Published, Subheading, Teaser};
use crate::rules::CompiledRules;
use crate::stats;

/// The fields one story (the article, or a teaser) collects.
#[derive(Default)]
struct Story {
    headline: Option<String>,
    standfirst: Option<String>,
    byline: Option<String>,
    publisher: Option<String>,
    published: Option<Published>,
    category: Option<String>,
    topic: Option<String>,
    dateline: Option<Dateline>,
    source: Option<String>,
    /// What to record in `boilerplate` if a later sign-off replaces `source`: where it stood
    /// and its text (the whole line, for a sign-off line).
    source_at: Option<(usize, usize, String)>,
    images: Vec<Image>,
    /// How many paragraphs the body had when the last image was placed: a credit line
    /// completes that image only when no paragraph came between.
    image_at: usize,
    subheadings: Vec<Subheading>,
    body: Vec<String>,
}

/// What the assembler collects besides the stories: chrome, in input order.
struct Sink<'p, 't> {
    page: &'p Page<'t>,
    rules: &'p CompiledRules,
    /// (line, byte offset, text).
    chrome: Vec<(usize, usize, String)>,
}

impl Sink<'_, '_> {
    fn chrome(&mut self, i: usize, span: &std::ops::Range<usize>) {
        let text = self.page.raw[i][span.clone()].trim();
        if !text.is_empty() {
            self.chrome.push((i, span.start, text.to_string()));
        }
    }

    /// Puts `text` (from line `i`) into a single-valued slot; a second, different value is
    /// recorded as chrome.
    fn fill(&mut self, slot: &mut Option<String>, i: usize, span: &std::ops::Range<usize>) {
        let text = self.page.raw[i][span.clone()].trim();
        match slot {
            None => *slot = Some(text.to_string()),
            Some(kept) if kept == text => {}
            Some(_) => self.chrome(i, span),
        }
    }
}

/// The record of a page.
pub(crate) fn article(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    plan: &Plan,
    lines: &[Line],
) -> Article {
    let mut sink = Sink {
        page,
        rules,
        chrome: Vec::new(),
    };
    let (main, stories) = distribute(&mut sink, lines);
    let mut art = Article::default();
    if layout.is_listing() {
        art.kind = Kind::Listing;
    }
    art.truncated = plan.cut_in_chrome || truncated(page, rules, plan, lines);
    let teasers: Vec<Teaser> = stories.into_iter().map(|s| teaser(s, rules)).collect();
    match art.kind {
        Kind::Listing => art.items = teasers,
        Kind::Article => art.related = teasers,
    }
    let main = finish(main, rules);
    art.topic = main.topic;
    art.headline = main.headline;
    art.standfirst = main.standfirst;
    art.byline = main.byline;
    art.publisher = main.publisher;
    art.published = main.published;
    art.dateline = main.dateline;
    art.source_id = main.source.as_deref().and_then(|a| rules.agency_id(a));
    art.source = main.source;
    art.images = main.images;
    art.body = main.body;
    let n = art.body.len();
    art.subheadings = main
        .subheadings
        .into_iter()
        .map(|s| Subheading {
            before: s.before.min(n),
            ..s
        })
        .collect();
    art.stats = stats::of_paragraphs(&art.body);
    if art.kind == Kind::Article {
        art.warnings = warnings(&art, layout, rules, plan);
    }
    sink.chrome.sort_by_key(|(line, off, _)| (*line, *off));
    art.boilerplate = sink.chrome.into_iter().map(|(_, _, s)| s).collect();
    art
}

/// Hands each classified line to the story it belongs to: the main article, a card or listed
/// story (by its number), or an inline `ALSO READ:` teaser; the teasers come back in page order.
fn distribute(sink: &mut Sink<'_, '_>, lines: &[Line]) -> (Story, Vec<Story>) {
    let mut main = Story::default();
    // Teasers with the line each starts on, to put them in page order: cards and listed
    // stories by their number, inline `ALSO READ:` lines one each.
    let mut cards: Vec<(usize, Story)> = Vec::new();
    let mut inline: Vec<(usize, Story)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let story = if line.rule == Rule::AlsoRead {
            inline.push((i, Story::default()));
            &mut inline.last_mut().unwrap().1
        } else if line.zone == Zone::Cards && !matches!(line.class, Class::Chrome | Class::Blank) {
            // A blank line opens no card: a related heading with nothing under it (the list
            // cut or never loaded) must not give an empty teaser.
            while cards.len() <= line.card {
                cards.push((usize::MAX, Story::default()));
            }
            let (start, story) = &mut cards[line.card];
            *start = (*start).min(i);
            story
        } else {
            &mut main
        };
        place(sink, story, i, line);
    }
    cards.extend(inline);
    cards.sort_by_key(|(start, _)| *start);
    (main, cards.into_iter().map(|(_, s)| s).collect())
}

/// An article's warnings: the missing parts first, then the shapes [`diagnose`] finds.
fn warnings(art: &Article, layout: &Layout, rules: &CompiledRules, plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if plan.headline.is_none() {
        out.push("no headline found (the dump starts mid-page)".into());
    }
    if art.headline.is_none() && art.body.is_empty() {
        out.push("no article text found".into());
    }
    out.extend(diagnose(art, layout, rules).into_iter().map(str::to_string));
    out
}

/// What the parser is unsure of, as fixed phrases (one each, so they can be counted across a
/// folder with `jq`): shapes that a right parse rarely leaves in a body.
pub(crate) const WARNINGS: [&str; 5] = [
    "a line that looks like a dateline is left in the body",
    "a paragraph is only a URL, handle, email or timestamp",
    "a paragraph repeats the one before it",
    "a paragraph is cut mid-sentence by a line break",
    "captions or subheadings but no body",
];

fn diagnose(art: &Article, layout: &Layout, rules: &CompiledRules) -> Vec<&'static str> {
    let mut out = Vec::new();
    let body = &art.body;
    let in_items = layout.is_digest();
    if !in_items
        && body
            .iter()
            .any(|p| super::dateline::at_start(p, rules).is_some())
    {
        out.push(WARNINGS[0]);
    }
    if body.iter().any(|p| super::text::is_bare_token(p)) {
        out.push(WARNINGS[1]);
    }
    if body.windows(2).any(|w| w[0] == w[1]) {
        out.push(WARNINGS[2]);
    }
    let cut = body
        .windows(2)
        .any(|w| !super::text::ends_terminal(&w[0]) && super::text::starts_lowercase(&w[1]));
    if cut {
        out.push(WARNINGS[3]);
    }
    if body.is_empty()
        && (!art.subheadings.is_empty() || art.images.iter().any(|i| i.caption.is_some()))
    {
        out.push(WARNINGS[4]);
    }
    out
}

/// Places the parts of line `i` into `story`.
fn place(sink: &mut Sink<'_, '_>, story: &mut Story, i: usize, line: &Line) {
    let page = sink.page;
    for part in &line.parts {
        let span = &part.span;
        let text = page.raw[i][span.clone()].trim();
        match &part.role {
            Role::Chrome => sink.chrome(i, span),
            Role::Credit(credit) => {
                sink.chrome(i, span);
                let body_len = story.body.len();
                let image_at = story.image_at;
                match story.images.last_mut() {
                    Some(img) if img.credit.is_none() && image_at == body_len => {
                        img.credit = credit.clone()
                    }
                    // `PHOTO: Screengrab/Facebook`: a credit with no caption before it.
                    _ => {
                        story.images.push(Image {
                            caption: None,
                            credit: credit.clone(),
                        });
                        story.image_at = body_len;
                    }
                }
            }
            Role::Paragraph(glue) => match (glue, story.body.last_mut()) {
                (Glue::Space, Some(p)) => {
                    p.push(' ');
                    p.push_str(text);
                }
                (Glue::Tight, Some(p)) => p.push_str(text),
                _ => story.body.push(text.to_string()),
            },
            Role::Dateline(d) => {
                if story.dateline.is_none() {
                    story.dateline = Some((**d).clone());
                } else {
                    sink.chrome(i, span);
                }
            }
            Role::Field(field) => field_text(sink, story, i, span, *field, line),
            Role::Value(field) => value_text(sink, story, text, *field),
        }
    }
}

/// A field's text, placed in its slot.
fn field_text(
    sink: &mut Sink<'_, '_>,
    story: &mut Story,
    i: usize,
    span: &std::ops::Range<usize>,
    field: Field,
    line: &Line,
) {
    let text = sink.page.raw[i][span.clone()].trim();
    match field {
        Field::Headline => match &mut story.headline {
            // The second half of a wrapped headline.
            Some(h) if line.rule == Rule::HeadlineWrappedLine => {
                h.push(' ');
                h.push_str(text);
            }
            slot => sink.fill(slot, i, span),
        },
        Field::Standfirst => match &mut story.standfirst {
            // A deck of bullets is one standfirst, a line for each point, as printed (the
            // points seldom end in a full stop, so a space would run them together).
            Some(s) if line.rule == Rule::DeckBullet => {
                s.push('\n');
                s.push_str(text);
            }
            slot => sink.fill(slot, i, span),
        },
        Field::Byline => sink.fill(&mut story.byline, i, span),
        Field::Publisher => sink.fill(&mut story.publisher, i, span),
        Field::Category => sink.fill(&mut story.category, i, span),
        Field::Topic => sink.fill(&mut story.topic, i, span),
        Field::Published => {
            if story.published.is_none() {
                story.published = Some(super::dates::published(text, sink.rules));
            } else {
                sink.chrome(i, span);
            }
        }
        Field::Caption => {
            // Under a credit set above it: the caption of that credit's photo.
            let above = story.images.last_mut().filter(|img| {
                line.rule == Rule::CaptionUnderCredit
                    && img.caption.is_none()
                    && story.image_at == story.body.len()
            });
            if let Some(img) = above {
                img.caption = Some(text.to_string());
                return;
            }
            story.images.push(Image {
                caption: Some(text.to_string()),
                credit: None,
            });
            story.image_at = story.body.len();
        }
        Field::Subheading => story.subheadings.push(Subheading {
            before: story.body.len(),
            text: text.to_string(),
        }),
        Field::Source => {
            // The last sign-off stands; an earlier one is kept in `boilerplate`.
            story.source = Some(text.to_string());
            let shown = if line.rule == Rule::SignOffLine {
                sink.page.t(i)
            } else {
                text
            };
            let at = (i, span.start, shown.to_string());
            if let Some(earlier) = story.source_at.replace(at) {
                sink.chrome.push(earlier);
            }
        }
    }
}

/// A field's value read off a chrome part (already recorded there).
fn value_text(sink: &mut Sink<'_, '_>, story: &mut Story, text: &str, field: Field) {
    match field {
        Field::Published => {
            story
                .published
                .get_or_insert_with(|| super::dates::published(text, sink.rules));
        }
        Field::Publisher => {
            story.publisher.get_or_insert_with(|| text.to_string());
        }
        Field::Byline => {
            story.byline.get_or_insert_with(|| text.to_string());
        }
        Field::Topic => {
            story.topic.get_or_insert_with(|| text.to_string());
        }
        _ => {}
    }
}

/// Settles what depends on the whole story: the source falls back to the dateline's agency,
/// and both get their grouping ids.
fn finish(mut story: Story, rules: &CompiledRules) -> Story {
    if story.source.is_none() {
        story.source = story.dateline.as_ref().and_then(|d| d.agency.clone());
    }
    if let Some(d) = &mut story.dateline {
        d.agency_id = d.agency.as_deref().and_then(|a| rules.agency_id(a));
    }
    story
}

fn teaser(story: Story, rules: &CompiledRules) -> Teaser {
    let s = finish(story, rules);
    Teaser {
        publisher: s.publisher,
        published: s.published,
        category: s.category,
        headline: s.headline,
        standfirst: s.standfirst,
        dateline: s.dateline,
        source_id: s.source.as_deref().and_then(|a| rules.agency_id(a)),
        source: s.source,
        images: s.images,
        stats: stats::of_paragraphs(&s.body),
        body: s.body,
    }
}

/// Whether the dump's last line ends in leftover script cut off as glued chrome (`() => { ...`)
/// that opens more braces than it closes: the scraper stopped inside the script.
fn ends_in_open_script(page: &Page<'_>) -> bool {
    let Some(last) = page.prev_nonblank(page.len()) else {
        return false;
    };
    let raw = page.raw[last];
    let end = raw.trim_end().len();
    page.glued[last].iter().any(|g| {
        let frag = &raw[g.span.clone()];
        let count = |c: u8| frag.bytes().filter(|&b| b == c).count();
        g.span.end == end && frag.contains('{') && count(b'{') > count(b'}')
    })
}

/// Whether the dump ends before the page does: inside the last card (between its header lines,
/// or in a body that does not end its sentence), or, with no cards, in the article's last text.
fn truncated(page: &Page<'_>, rules: &CompiledRules, plan: &Plan, lines: &[Line]) -> bool {
    if ends_in_open_script(page) {
        return true;
    }
    if plan.cards_start.is_none() && plan.list.is_some() {
        // A list of other stories ends the page; its lines show no cut.
        return false;
    }
    if plan.cards_start.is_some() {
        let last_card = lines
            .iter()
            .filter(|l| {
                l.zone == Zone::Cards && l.class != Class::Chrome && l.class != Class::Blank
            })
            .map(|l| l.card)
            .max();
        let Some(card) = last_card else {
            return false;
        };
        let body = lines.iter().enumerate().rev().find(|(_, l)| {
            l.zone == Zone::Cards
                && l.card == card
                && matches!(l.rule, Rule::CardBody | Rule::CardBodyContinued)
        });
        return match body {
            Some((i, _)) => !lead::ends_finished(page.t(i), rules),
            None => true,
        };
    }
    let Some(last) = (0..plan.article_end).rev().find(|&i| !page.is_blank(i)) else {
        return false;
    };
    if lines[last].rule == Rule::ChromeCutOff {
        return true;
    }
    matches!(
        lines[last].class,
        Class::Body | Class::Caption | Class::Standfirst | Class::Subheading
    ) && !lead::ends_finished(page.raw[last], rules)
}
