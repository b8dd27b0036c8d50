//! Every rule that can decide a line, by name: `--explain` prints these names, and tests check
//! that each one is produced by some fixture or test. The names are kebab-case and stable.

macro_rules! rules {
    ($( $( #[doc = $doc:literal] )+ $name:ident = $text:literal, )*) => {
        /// The rule that decided a line.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum Rule {
            $( $( #[doc = $doc] )+ $name, )*
        }

        impl Rule {
            /// Every rule, in declaration order.
            #[allow(dead_code)]
            pub const ALL: &'static [Rule] = &[$( Rule::$name, )*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( Rule::$name => $text, )*
                }
            }
        }
    };
}

rules! {
    /// A line with nothing on it.
    Blank = "blank",
    /// A line that held only chrome glued to text that is not there (a crawler prefix alone).
    GluedChrome = "glued-chrome",
    /// A whole line listed in the rules' `chrome_lines` (or `chrome_block`, `related_marker`).
    ChromeLine = "chrome-line",
    /// A line one of the rules' `chrome_patterns` matches.
    ChromePattern = "chrome-pattern",
    /// A line of the rules' `separators` (`----------`).
    Separator = "separator",
    /// `Latest news with #TAG`: a listing's topic.
    ListingTopic = "listing-topic",
    /// A short label above the headline: the page's section.
    SectionLabel = "section-label",
    /// The first content line, repeated on the next: the headline.
    HeadlineRepeated = "headline-repeated",
    /// The first content line, reading like a headline.
    HeadlineFirstLine = "headline-first-line",
    /// The headline's second half, wrapped onto the next line.
    HeadlineWrappedLine = "headline-wrapped-line",
    /// A headline glued to its lead (`Is the Bridge Safe?Engineers say`).
    HeadlineGluedToLead = "headline-glued-to-lead",
    /// A copy of the headline.
    HeadlineCopy = "headline-copy",
    /// `Published on: <date>`: chrome giving the date.
    PublishedOnHeader = "published-on-header",
    /// `Published on: <date> By: <names>`.
    PublishedOnHeaderWithByline = "published-on-header-with-byline",
    /// The date alone under a bare `Published on:`.
    PublishedOnDate = "published-on-date",
    /// `The Star3 hours ago`: the outlet glued to its age or date.
    PublisherStamp = "publisher-glued-to-date",
    /// A publisher stamp after the page already named its outlet or date.
    SecondStamp = "second-stamp",
    /// `KYODO NEWS - 2 hours ago - 18:40 | All, Japan`: a source site's stamp.
    SiteStamp = "site-stamp",
    /// `14 Feb 2025 09:15pm`: a site stamp that is only a date.
    SiteDateStamp = "site-date-stamp",
    /// `By:` alone, the names on the next line.
    BylineLabel = "byline-label",
    /// The names after a `By:` line.
    BylineAfterLabel = "byline-after-label",
    /// `By: Farid Osman`, `From Haziq Ismail`.
    BylineByOrFrom = "byline-by-or-from",
    /// `By Jane Roe | 3 hours ago`: a byline and the time.
    BylineWithDate = "byline-with-date",
    /// `Names - The Outlet`, or `Name, desk@outlet.com`.
    BylineWithOutlet = "byline-with-outlet",
    /// `AMIR HALIM and MEI LING TAN`.
    BylineAllCapsNames = "byline-all-caps-names",
    /// `AFP`, `The Associated Press` alone on a head line next to the headline or a date.
    BylineAgency = "byline-agency",
    /// A digest's intro line, before its first separator.
    DigestIntro = "digest-intro",
    /// A digest item's headline, after a separator: a subheading.
    DigestItemHeadline = "digest-item-headline",
    /// FMT's place alone on its line (`PUTRAJAYA:`), the lead on the next.
    DatelineAlone = "dateline-alone-on-its-line",
    /// FMT's alt text before a caption (`kl tower`).
    AltText = "alt-text-before-caption",
    /// A credit alone on its line, completing the caption above.
    CreditAlone = "credit-alone-on-its-line",
    /// A caption closed by its credit.
    CaptionWithCredit = "caption-with-credit",
    /// A gallery's last caption, cut at the end of the dump before its credit.
    CaptionCutOff = "caption-cut-off",
    /// The body's only line, a headline of another story running into the chrome block.
    StrayHeadline = "stray-headline",
    /// A caption before the lead closed by an agency with no photo word (`— Bernama`,
    /// `... on March 3. AFP`): no sign-off stands before the story, so it is the photo's credit.
    CaptionWithWireCredit = "caption-with-wire-credit",
    /// An outlet or agency named alone on a line above the story's first paragraph, a
    /// caption under it: the credit of that photo, set above its caption.
    CreditAboveCaption = "credit-above-caption",
    /// The caption under a credit set above it.
    CaptionUnderCredit = "caption-under-credit",
    /// A line of text with a credit alone on the next line.
    CaptionBeforeCredit = "caption-before-credit",
    /// A line above the lead opening as photo captions do (`FILE - `, `A file photo of`).
    CaptionByOpening = "caption-by-opening",
    /// A line above the lead closing as opinion pieces' captions do (`..., says the writer.`).
    CaptionByEnding = "caption-by-ending",
    /// `Jo Tan` alone right under the headline: a byline with no label.
    BylineUnderHeadline = "byline-under-headline",
    /// `Jakarta` alone between a byline and a date stamp: the header's place tag.
    PlaceTag = "place-tag-over-date",
    /// `• Point one`, `- Point two`: a deck of bullets under the headline, one standfirst.
    DeckBullet = "deck-bullet",
    /// `Jo Tan and Lee Wong` over an `Updated:` or `Published` line: a byline.
    BylineAboveStamp = "byline-above-stamp",
    /// The first text line between the headline and the lead.
    Standfirst = "standfirst-before-lead",
    /// A later text line between the headline and the lead: a caption with no credit.
    CaptionBeforeLead = "caption-before-lead",
    /// The lead, opening with its dateline.
    LeadWithDateline = "lead-with-dateline",
    /// The lead after FMT's place-alone dateline line.
    LeadAfterDatelineLine = "lead-after-dateline-line",
    /// The lead after a caption and its credit on the same line.
    LeadAfterCaption = "lead-after-caption",
    /// The lead after a glued byline (`Compiled by ...`).
    LeadAfterCompiledBy = "lead-after-compiled-by",
    /// A caption with no credit, then the dateline and the lead, on one line.
    BareCaptionThenDateline = "bare-caption-then-dateline",
    /// A paragraph after a caption and its credit on the same line.
    ParagraphAfterCaption = "paragraph-after-caption",
    /// A line of body text.
    Paragraph = "paragraph",
    /// The body's last paragraph, with its sign-off glued on (or the last-but-one, before
    /// one short sentence a reposting site added).
    ParagraphWithSignOff = "paragraph-with-sign-off",
    /// The body's last paragraph, with a byline glued on (`― By ALISA IDRIS`).
    ParagraphWithByline = "paragraph-with-byline",
    /// A few lower-case words finishing the chrome line above them, which a link split.
    ChromeContinued = "chrome-continued",
    /// A short line labelling the headline in the body: a section word above a copy of it, or
    /// the show's name it opens with.
    HeadlineLabel = "headline-label",
    /// A headline copy glued to the text after it.
    HeadlineCopyGlued = "headline-copy-glued",
    /// Link text split onto its own line, rejoined into its sentence.
    LinkTextRejoined = "link-text-rejoined",
    /// The first letter of the story alone on its line, a drop cap.
    DropCap = "drop-cap-initial",
    /// The rest of the first paragraph after its drop cap, joined to it with no space.
    DropCapRest = "drop-cap-rest",
    /// A round-up item's title (a most-read list, a playlist): a subheading.
    ItemTitle = "item-title",
    /// A round-up's `> ` item.
    RoundUpItem = "round-up-item",
    /// A short line between paragraphs: a section head.
    Subheading = "short-line-between-paragraphs",
    /// A line that is only a sign-off (`-- BERNAMA`).
    SignOffLine = "sign-off-line",
    /// A line of Daily8's chrome block (`Hashtags`, `Comments`, ...).
    ChromeBlockLine = "chrome-block",
    /// A chrome-block line the scraper cut off at the end of the dump (`Explore wha`).
    ChromeCutOff = "chrome-cut-off",
    /// Any other line inside the chrome block.
    InsideChromeBlock = "inside-chrome-block",
    /// The heading of a list of other stories (`Next In Nation`).
    RelatedHeading = "related-heading",
    /// A story's headline in a list of other stories.
    ListedHeadline = "listed-headline",
    /// A longer line under a listed headline: its summary.
    ListedSummary = "listed-summary",
    /// The section name alone in a list of other stories whose headlines it is glued to.
    ListedSection = "listed-section-line",
    /// `ALSO READ: <headline>`: another story named inline.
    AlsoRead = "also-read",
    /// A line before the first card, belonging to none.
    BeforeFirstCard = "before-first-card",
    /// A card's headline.
    CardHeadline = "card-headline",
    /// A copy of a card's headline.
    CardHeadlineCopy = "card-headline-copy",
    /// A card's publisher line.
    CardPublisher = "card-publisher",
    /// A card's age or date (`time3 hours ago`).
    CardTime = "card-time",
    /// `DefenseMay 12, 2021`: a listed story's section glued to its date.
    CardCategoryDate = "card-category-glued-to-date",
    /// `by Jo Tan - May 3, 2021 - 12:00am`: a listed story's author and date.
    CardBylineDate = "card-byline-with-date",
    /// A card's `- Category` / `• Publisher` item.
    CardHeaderItem = "card-header-item",
    /// A card header item that is neither category nor publisher.
    CardHeaderItemUnplaced = "card-header-item-unplaced",
    /// A card's one-line body.
    CardBody = "card-body",
    /// More body after a card's body line.
    CardBodyContinued = "card-body-continued",
}
