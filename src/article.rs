//! The record newsclean prints: one `Article` per dump, as `../shared/SPEC.md` fixes it.
//!
//! Field order here is the key order in the JSON, and every key is always present (`null`, `[]`
//! or `0` where the dump does not show it), so these structs never skip a field. The JSON Schema
//! printed by `newsclean schema` is derived from these same types, so the two cannot drift.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One cleaned dump: the record `newsclean parse` prints.
///
/// Every key is always present, in this order; `lines` only with `--explain`. Records are closed
/// objects: no other key appears, except that `newsclean stream` appends four keys after the
/// record's own, `id`, `status`, `error` and `metadata`, which this schema does not describe.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Article {
    /// The path as given, `-` for stdin, the `id` in stream mode.
    pub input: String,
    /// `article`, or `listing` for a topic/hashtag page that only lists teasers.
    pub kind: Kind,
    /// A listing's topic, e.g. `#PermatangPauh`.
    pub topic: Option<String>,
    /// The main headline, once, trimmed.
    pub headline: Option<String>,
    /// The summary line between headline and body, where the layout has one.
    pub standfirst: Option<String>,
    /// The author line, without `By:` / `From`.
    pub byline: Option<String>,
    /// The outlet of the main article, where the page names it near the top.
    pub publisher: Option<String>,
    /// When the main article was published, as shown and as an ISO date where one is given.
    pub published: Option<Published>,
    /// The dateline that opened the lead paragraph.
    pub dateline: Option<Dateline>,
    /// The wire credit as written: a sign-off wins over the dateline's agency.
    pub source: Option<String>,
    /// `source` normalised for grouping: `bernama` for `Bernama`, `BERNAMA`, `-- BERNAMA`;
    /// `bernama-kyodo` for the joint credit (the rules' `agency_ids` table), or null.
    pub source_id: Option<String>,
    /// Photo captions of the main article.
    pub images: Vec<Image>,
    /// Section heads inside the body.
    pub subheadings: Vec<Subheading>,
    /// The paragraphs.
    pub body: Vec<String>,
    /// An article's related-article cards, in page order.
    pub related: Vec<Teaser>,
    /// A listing's items, in page order.
    pub items: Vec<Teaser>,
    /// Counts over the body.
    pub stats: Stats,
    /// Every line or fragment removed as page chrome, verbatim, in input order.
    pub boilerplate: Vec<String>,
    /// The dump ends mid-text (a scraper's cut).
    pub truncated: bool,
    /// What the parser could not settle.
    pub warnings: Vec<String>,
    /// One entry per input line, with `--explain` only (absent otherwise, never null).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Vec<LineNote>")]
    pub lines: Option<Vec<LineNote>>,
}

/// What sort of page a dump is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A page with one main article.
    #[default]
    Article,
    /// A topic or hashtag page that only lists teasers.
    Listing,
}

/// A publication time as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Published {
    /// As shown: `3 hours ago`, `14-02-2025`, `Fri, Feb 14, 2025`.
    pub text: String,
    /// `YYYY-MM-DD` for absolute dates; null for relative ages.
    pub date: Option<String>,
}

/// The place/date/agency opening of a lead paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Dateline {
    /// As shown, separator included: `IPOH, March 4 —`.
    pub text: String,
    /// As written: `BUSAN, South Korea`, `LONDON/PARIS`; null for a wire's credit alone
    /// (`(Reuters) - `), as copies that lost the place show it.
    pub place: Option<String>,
    /// As shown (`March 3`), or null.
    pub date: Option<String>,
    /// The agency in brackets (`Bernama`, `AP`), or null.
    pub agency: Option<String>,
    /// `agency` normalised for grouping, as `source_id` is, or null.
    pub agency_id: Option<String>,
}

/// A photo caption and who supplied the photo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Image {
    /// The caption text, without its credit; null for a credit shown with no caption
    /// (`PHOTO: Screengrab/Facebook`).
    pub caption: Option<String>,
    /// The supplier, without brackets, dashes, `pic` or copyright notes: `EPA Images`.
    pub credit: Option<String>,
}

/// A section head inside the body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Subheading {
    /// Index into `body` of the paragraph the head comes before (`body.len()` if none follows).
    pub before: usize,
    /// The head's text.
    pub text: String,
}

/// Counts over a body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Stats {
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of sentences (Unicode sentence boundaries).
    pub sentences: usize,
    /// Number of words (Unicode word boundaries).
    pub words: usize,
    /// Number of characters (Unicode scalar values) in the paragraphs.
    pub characters: usize,
    /// Words divided by 230 (words a minute), rounded to a tenth of a minute.
    pub reading_minutes: f64,
}

/// A related-article card or a listing item.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Teaser {
    /// The card's outlet.
    pub publisher: Option<String>,
    /// The card's age or date.
    pub published: Option<Published>,
    /// The category line of a listing card.
    pub category: Option<String>,
    /// The card's headline, once.
    pub headline: Option<String>,
    /// A summary line, where the card has one.
    pub standfirst: Option<String>,
    /// The dateline that opened the card's body.
    pub dateline: Option<Dateline>,
    /// The card's wire credit.
    pub source: Option<String>,
    /// `source` normalised for grouping.
    pub source_id: Option<String>,
    /// The card's photo captions.
    pub images: Vec<Image>,
    /// The card's paragraphs.
    pub body: Vec<String>,
    /// Counts over the card's body.
    pub stats: Stats,
}

/// How one input line was classified (`--explain`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LineNote {
    /// 1-based line number in the input.
    pub line: usize,
    /// The zone the line stands in: `head`, `body`, `tail`, `chrome-block` or `cards`.
    pub zone: String,
    /// The class the line was given: `headline`, `body`, `chrome`, `teaser-header`, ...
    pub class: String,
    /// The name of the rule that decided it; for a rules pattern, `chrome-pattern:` and the
    /// pattern.
    pub rule: String,
    /// The line as read (after line-ending normalisation).
    pub text: String,
    /// The pieces the line was cut into, when it holds more than one thing or less than the
    /// whole line (a caption and its credit, a dateline and the lead): each piece's role and
    /// text. Empty when the line went whole to one place.
    pub parts: Vec<LinePart>,
}

/// A piece of an explained line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LinePart {
    /// Where the piece went: `chrome`, `body`, `dateline`, `credit`, or a field's name
    /// (`headline`, `caption`, `source`, ...).
    pub role: String,
    /// The piece as written.
    pub text: String,
}
