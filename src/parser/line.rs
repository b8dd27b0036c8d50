//! What the classification pass returns: one [`Line`] per input line, with its zone, class, the
//! [`Rule`] that decided it and the parts it was cut into. The record is assembled from these
//! values alone, and `--explain` prints them, so the ledger a user reads is the structure the
//! record was built from.
//!
//! A line's parts are byte ranges of the raw line, in order, each with a [`Role`]: which field
//! its text goes to, or that it is chrome. Parts need not cover white space and separators
//! (`:` after a dateline, ` > ` between round-up items), but every word of a non-blank line is
//! in some part: that is how "no word is lost" holds by construction.

use std::ops::Range;

use super::rule::Rule;
use crate::article::Dateline;

/// The part of the page a line stands in, decided before any line is classified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Zone {
    /// Headline and its copies, stamps, byline, standfirst, alt text, captions before the lead;
    /// a listing's header.
    Head,
    /// From the lead to the last paragraph.
    Body,
    /// Sign-offs and promo lines after the last paragraph.
    Tail,
    /// Daily8's chrome block after the article (`Hashtags` ... `Related Articles`).
    ChromeBlock,
    /// Related-article cards, or a listing's items.
    Cards,
}

impl Zone {
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Head => "head",
            Zone::Body => "body",
            Zone::Tail => "tail",
            Zone::ChromeBlock => "chrome-block",
            Zone::Cards => "cards",
        }
    }
}

/// What a line was classified as (`--explain`'s `class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Blank,
    Chrome,
    Headline,
    HeadlineCopy,
    Standfirst,
    Byline,
    Publisher,
    Dateline,
    Caption,
    Body,
    Subheading,
    SignOff,
    Topic,
    TeaserHeader,
    TeaserHeadline,
    TeaserBody,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Blank => "blank",
            Class::Chrome => "chrome",
            Class::Headline => "headline",
            Class::HeadlineCopy => "headline-copy",
            Class::Standfirst => "standfirst",
            Class::Byline => "byline",
            Class::Publisher => "publisher",
            Class::Dateline => "dateline",
            Class::Caption => "caption",
            Class::Body => "body",
            Class::Subheading => "subheading",
            Class::SignOff => "sign-off",
            Class::Topic => "topic",
            Class::TeaserHeader => "teaser-header",
            Class::TeaserHeadline => "teaser-headline",
            Class::TeaserBody => "teaser-body",
        }
    }
}

/// A single-valued field of the record (or of a teaser, in the cards zone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Headline,
    Standfirst,
    Byline,
    Publisher,
    Published,
    Category,
    Caption,
    Subheading,
    Topic,
    Source,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Headline => "headline",
            Field::Standfirst => "standfirst",
            Field::Byline => "byline",
            Field::Publisher => "publisher",
            Field::Published => "published",
            Field::Category => "category",
            Field::Caption => "caption",
            Field::Subheading => "subheading",
            Field::Topic => "topic",
            Field::Source => "source",
        }
    }
}

/// How a paragraph part relates to the paragraph before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Glue {
    /// A paragraph of its own.
    New,
    /// The same paragraph, after a space (link text split onto its own line).
    Space,
    /// The same paragraph, with no space (`MySejahtera` + `.`, `Boustead` + `'s yard`).
    Tight,
}

/// What a part of a line is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Page chrome: recorded verbatim in `boilerplate`.
    Chrome,
    /// The text of a field (or a piece of it: a headline wrapped over two lines).
    Field(Field),
    /// A field's value read off text that a `Chrome` part of the same line records (the date in
    /// `Published on: Fri, Feb 14, 2025`).
    Value(Field),
    /// The dateline, as shown.
    Dateline(Box<Dateline>),
    /// A photo-credit marker, recorded in `boilerplate`; the supplier goes to the image whose
    /// caption comes before it (on this line or the one above). `Image` with no caption before
    /// it makes an image with a null caption (`PHOTO: Screengrab/Facebook`).
    Credit(Option<String>),
    /// Body text.
    Paragraph(Glue),
}

/// A piece of a line: a byte range of the raw line and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Part {
    pub role: Role,
    pub span: Range<usize>,
}

impl Part {
    pub fn new(role: Role, span: Range<usize>) -> Part {
        Part { role, span }
    }
}

/// One classified input line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub zone: Zone,
    pub class: Class,
    pub rule: Rule,
    /// For `Rule::ChromePattern`: the index of the pattern in the rules.
    pub pattern: Option<usize>,
    /// In the cards zone: which card, from 0.
    pub card: usize,
    pub parts: Vec<Part>,
}

impl Line {
    pub fn blank(zone: Zone) -> Line {
        Line {
            zone,
            class: Class::Blank,
            rule: Rule::Blank,
            pattern: None,
            card: 0,
            parts: Vec::new(),
        }
    }

    pub fn has_field(&self, field: Field) -> bool {
        self.parts
            .iter()
            .any(|p| matches!(p.role, Role::Field(f) | Role::Value(f) if f == field))
    }
}

/// A rule's decision about one line, before the driver stamps it with zone and card.
#[derive(Clone, Debug)]
pub(crate) struct Claim {
    pub class: Class,
    pub rule: Rule,
    pub pattern: Option<usize>,
    pub parts: Vec<Part>,
}

impl Claim {
    pub fn new(class: Class, rule: Rule, parts: Vec<Part>) -> Claim {
        Claim {
            class,
            rule,
            pattern: None,
            parts,
        }
    }

    /// The whole of `span` is one part with `role`.
    pub fn whole(class: Class, rule: Rule, role: Role, span: Range<usize>) -> Claim {
        Claim::new(class, rule, vec![Part::new(role, span)])
    }

    /// The whole line is chrome, by `rule`.
    pub fn chrome(rule: Rule, span: Range<usize>) -> Claim {
        Claim::whole(Class::Chrome, rule, Role::Chrome, span)
    }
}
