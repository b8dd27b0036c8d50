//! One made-up dump for every [`Rule`]: the line it decides, with the class and rule the
//! ledger must show. A test fails when a rule has no case here, so a new rule comes with one.

use super::line::Class;
use super::rule::Rule;
use crate::rules::Rules;

/// (dump, 1-based line, class, rule).
type Case = (&'static str, usize, Class, Rule);

const CASES: &[Case] = &[
    ("\nBridge reopens\n\nIPOH: It reopened.", 3, Class::Blank, Rule::Blank),
    (" date 2025-03-14 ", 1, Class::Chrome, Rule::GluedChrome),
    ("\nBridge reopens\nIPOH: It reopened.\nAdvertisement", 4, Class::Chrome, Rule::ChromeLine),
    ("\nBridge reopens\nIPOH: It reopened.\n#Ipoh #Perak", 4, Class::Chrome, Rule::ChromePattern),
    ("\nBridge reopens\nIPOH: It reopened.\n----------\nMore text here.", 4, Class::Chrome, Rule::Separator),
    ("logo\n#\nLatest news with #Ipoh\n\nThe Star\n\ntime3 hours ago", 3, Class::Topic, Rule::ListingTopic),
    ("logo\nBridge reopens in Ipoh\n\nBridge reopens in Ipoh\n\nIPOH: It reopened.", 2, Class::Headline, Rule::HeadlineRepeated),
    ("\nBridge reopens in Ipoh\nIPOH: It reopened.", 2, Class::Headline, Rule::HeadlineFirstLine),
    ("\nState approves RM2m for new fibreglass boats\nfor coastal fishermen\nIPOH: The state approved it.", 3, Class::Headline, Rule::HeadlineWrappedLine),
    ("Is the Bridge Safe?Engineers say the old bridge needs new piers, and the council has asked the state for money to build them before the monsoon season begins in November this year.", 1, Class::Headline, Rule::HeadlineGluedToLead),
    ("logo\nBridge reopens in Ipoh\n\nBridge reopens in Ipoh\n\nIPOH: It reopened.", 4, Class::HeadlineCopy, Rule::HeadlineCopy),
    ("\nBridge reopens in Ipoh\nPublished on: Fri, Feb 14, 2025\nIPOH: It reopened.", 3, Class::Chrome, Rule::PublishedOnHeader),
    ("\nBridge reopens in Ipoh\nPublished on: Fri, Feb 14, 2025 By: Farid Osman\nIPOH: It reopened.", 3, Class::Byline, Rule::PublishedOnHeaderWithByline),
    ("\nBridge reopens in Ipoh\nPublished on:\nFri, Feb 14, 2025\nIPOH: It reopened.", 4, Class::Chrome, Rule::PublishedOnDate),
    ("logo\nBridge reopens in Ipoh\n\nThe Star3 hours ago\nIPOH: It reopened.", 4, Class::Publisher, Rule::PublisherStamp),
    ("logo\nBridge reopens in Ipoh\n\nThe Star3 hours ago\nMalay Mail5 hours ago\nIPOH: It reopened.", 5, Class::Publisher, Rule::SecondStamp),
    ("logo\nBridge reopens in Ipoh\nKYODO NEWS - 2 hours ago - 18:40 | All, Japan\nIPOH: It reopened.", 3, Class::Chrome, Rule::SiteStamp),
    ("logo\nBridge reopens in Ipoh\n14 Feb 2025 09:15pm\nIPOH: It reopened.", 3, Class::Chrome, Rule::SiteDateStamp),
    ("\nBridge reopens in Ipoh\nBy:\nFarid Osman\nIPOH: It reopened.", 3, Class::Chrome, Rule::BylineLabel),
    ("\nBridge reopens in Ipoh\nBy:\nFarid Osman\nIPOH: It reopened.", 4, Class::Byline, Rule::BylineAfterLabel),
    ("\nBridge reopens in Ipoh\nBy Farid Osman\nIPOH: It reopened.", 3, Class::Byline, Rule::BylineByOrFrom),
    ("\nBridge reopens in Ipoh\nAMIR HALIM and MEI LING TAN\nIPOH: It reopened.", 3, Class::Byline, Rule::BylineAllCapsNames),
    ("Bridge reopens in Ipoh\n• Repairs took a month and cost more than planned\n• Ferries will stop running next week\nJo Tan and Lee Wong\nUpdated: 9:15pm, 3 Mar, 2025\nThe bridge reopened today after a month of repairs.", 2, Class::Standfirst, Rule::DeckBullet),
    ("Bridge reopens in Ipoh\n• Repairs took a month and cost more than planned\n• Ferries will stop running next week\nJo Tan and Lee Wong\nUpdated: 9:15pm, 3 Mar, 2025\nThe bridge reopened today after a month of repairs.", 4, Class::Byline, Rule::BylineAboveStamp),
    ("\nBridge reopens in Ipoh\nFILE - The old bridge in Ipoh, May 3, 2020.\nIPOH: It reopened.", 3, Class::Caption, Rule::CaptionByOpening),
    ("\nBridge reopens in Ipoh\nThe new deck is wider and stronger than the old one, says the writer.\nIPOH: It reopened.", 3, Class::Caption, Rule::CaptionByEnding),
    ("\nBridge reopens in Ipoh\nThe Associated Press\nMay 3, 2024\nIPOH (AP) — It reopened.", 3, Class::Byline, Rule::BylineAgency),
    ("AFP\nMay 3, 2024\nBridge reopens in Ipoh\nIPOH (AP) — It reopened.", 1, Class::Byline, Rule::BylineAgency),
    ("Bridge reopens in Ipoh\nJane Roe and John Doe - The Kite Courier\nThe bridge reopened today after a month of repairs.", 2, Class::Byline, Rule::BylineWithOutlet),
    ("Bridge reopens in Ipoh\nBy Jane Roe | 3 hours ago\nThe bridge reopened today after a month of repairs.", 2, Class::Byline, Rule::BylineWithDate),
    ("Politics\nBridge reopens in Ipoh after long repairs\nThe bridge reopened today after a month of repairs.", 1, Class::Chrome, Rule::SectionLabel),
    ("\nTeko News Digest: March 3, 2025\nHere is our digest of the day.\n----------\nBridge reopens\nIPOH - It reopened.\n----------\nMarket opens\nKUANTAN - It opened.", 3, Class::Chrome, Rule::DigestIntro),
    ("\nTeko News Digest: March 3, 2025\nHere is our digest of the day.\n----------\nBridge reopens\nIPOH - It reopened.\n----------\nMarket opens\nKUANTAN - It opened.", 5, Class::Subheading, Rule::DigestItemHeadline),
    ("Bridge reopens in Ipoh\n\nIPOH:\nThe bridge reopened today.", 3, Class::Dateline, Rule::DatelineAlone),
    ("Bridge reopens in Ipoh\n\nipoh bridge\n\nThe bridge at dusk on Monday. (Bernama pic)\n\nIPOH: The bridge reopened today.", 3, Class::Chrome, Rule::AltText),
    ("\nBridge reopens in Ipoh\nThe bridge at dusk on Monday.\n— Reuters pic\nIPOH: The bridge reopened today.", 4, Class::Chrome, Rule::CreditAlone),
    ("\nBridge reopens in Ipoh\nThe bridge at dusk on Monday. (Bernama pic)\nIPOH: The bridge reopened today.", 3, Class::Caption, Rule::CaptionWithCredit),
    ("\nBridge reopens in Ipoh\nThe bridge at dusk on Monday. — Bernama\nIPOH: The bridge reopened today.", 3, Class::Caption, Rule::CaptionWithWireCredit),
    ("\nBridge reopens in Ipoh\nThe Star\nWorkers on the bridge at dusk on Monday.\nThe bridge reopened today, the council said.", 3, Class::Chrome, Rule::CreditAboveCaption),
    ("\nBridge reopens in Ipoh\nThe Star\nWorkers on the bridge at dusk on Monday.\nThe bridge reopened today, the council said.", 4, Class::Caption, Rule::CaptionUnderCredit),
    ("\nBridge reopens in Ipoh\nThe bridge reopened today, the council said.\nThe bridge at dusk on Monday.\nImage: Jane Roe\nTraffic was light.", 4, Class::Caption, Rule::CaptionBeforeCredit),
    ("Bridge reopens in Ipoh\n\nThe council says the repairs cost RM2 million.\n\nIPOH: The bridge reopened today.", 3, Class::Standfirst, Rule::Standfirst),
    ("Bridge reopens in Ipoh\n\nThe council says the repairs cost RM2 million.\n\nThe bridge at dusk on Monday.\n\nIPOH: The bridge reopened today.", 5, Class::Caption, Rule::CaptionBeforeLead),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.", 3, Class::Body, Rule::LeadWithDateline),
    ("Bridge reopens in Ipoh\n\nIPOH:\nThe bridge reopened today.", 4, Class::Body, Rule::LeadAfterDatelineLine),
    ("\nBridge reopens in Ipoh\nThe bridge at dusk. (Bernama pic) IPOH: The bridge reopened today.", 3, Class::Body, Rule::LeadAfterCaption),
    ("\nPress round-up\nCompiled by A. RAJ and L. WONG KUALA LUMPUR: The papers said it rained.", 3, Class::Body, Rule::LeadAfterCompiledBy),
    ("\nBridge reopens in Ipoh\nRescuers at the river yesterday. SANDAKAN: The search went on today.", 3, Class::Body, Rule::BareCaptionThenDateline),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nThe bridge at dusk on Monday. (Bernama pic) Traffic was light, police said.", 4, Class::Body, Rule::ParagraphAfterCaption),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nTraffic was light.\nShops opened early.", 4, Class::Body, Rule::Paragraph),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nTraffic was light, police said. — Reuters", 4, Class::Body, Rule::ParagraphWithSignOff),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nTraffic was light, police said. ― By JANE ROE", 4, Class::Body, Rule::ParagraphWithByline),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today after talks with\nthe state government\nended in agreement.", 4, Class::Body, Rule::LinkTextRejoined),
    ("\nPress round-up\nKUALA LUMPUR: Here is the round-up.\n> The Star: Rain fell.\n> Sin Chew: Prices rose.", 4, Class::Body, Rule::RoundUpItem),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nWhat happens next\nThe council will inspect it in a month.", 4, Class::Subheading, Rule::Subheading),
    ("\nOur most read stories this week\nHere are the stories read most.\nBridge reopens after long repairs\nIPOH - The bridge reopened.\nMarket returns to the river bank\nKUANTAN - The market returned.", 4, Class::Subheading, Rule::ItemTitle),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\n-- BERNAMA", 4, Class::SignOff, Rule::SignOffLine),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nSubscribe to our newsletter to read\nmore", 5, Class::Chrome, Rule::ChromeContinued),
    ("\nPhotos of the day\nA heron fishes at dawn. Photograph: Ana Cruz/AP\nA boy flies a kite on the beach. Photograph: Li Wei/Reuters\nA farmer herds goats across the", 5, Class::Caption, Rule::CaptionCutOff),
    ("logo\nBridge reopens in Ipoh\n\nBridge reopens in Ipoh\n\nThe Star2 hours ago\n\nFloods close three roads in Perak after heavy rain\n\nOrange background\n\nTry Our AI Features\n\nComments", 8, Class::Chrome, Rule::StrayHeadline),
    ("logo\nMorning Brief - Bridge reopens\n\nMorning Brief - Bridge reopens\n\nThe Star2 hours ago\nMorning Brief\nThe bridge in Ipoh reopened today after a month of repairs.", 7, Class::Chrome, Rule::HeadlineLabel),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nBridge reopens in IpohTraffic was light on the first day.", 4, Class::Body, Rule::HeadlineCopyGlued),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nALSO READ: Floods close three roads in Perak", 4, Class::TeaserHeadline, Rule::AlsoRead),
    ("Bridge reopens in Ipoh\nThe bridge reopened today after a month of repairs.\nNext In Nation\nFloods close three roads in Perak", 3, Class::Chrome, Rule::RelatedHeading),
    ("Bridge reopens in Ipoh\nThe bridge reopened today after a month of repairs.\nNext In Nation\nFloods close three roads in Perak", 4, Class::TeaserHeadline, Rule::ListedHeadline),
    ("\nBridge reopens in Ipoh\n\nT\n\nhe bridge reopened today after a month of repairs.", 4, Class::Body, Rule::DropCap),
    ("\nBridge reopens in Ipoh\n\nT\n\nhe bridge reopened today after a month of repairs.", 6, Class::Body, Rule::DropCapRest),
    ("Bridge reopens in Ipoh\n\nJo Tan\n\nWho pays for the repairs?\n\nIPOH, Malaysia – The bridge reopened today after a month of repairs.", 3, Class::Byline, Rule::BylineUnderHeadline),
    ("Bridge reopens in Ipoh\nJo Tan (The Jakarta Post)\nPremium\nIpoh\nMon, March 3, 2025\nThe bridge reopened today after a month of repairs.", 4, Class::Chrome, Rule::PlaceTag),
    ("Bridge reopens in Ipoh\nJo Tan (The Jakarta Post)\nIpoh\nMon, March 3, 2025\nThe bridge reopened today after a month of repairs.", 3, Class::Chrome, Rule::PlaceTag),
    ("Bridge reopens in Ipoh\nThe bridge reopened today after a month of repairs.\nMore from Teko\nHome News\nHome NewsFloods close three roads\nHome NewsMarket opens early", 4, Class::Chrome, Rule::ListedSection),
    ("Bridge reopens in Ipoh\nThe bridge reopened today after a month of repairs.\nRelated News\nFloods close three roads\nThe rain that fell over three days in Perak closed three roads in the state, and the public works department said the roads would reopen once the water level had fallen and engineers had inspected them.", 5, Class::TeaserBody, Rule::ListedSummary),
    ("\nBridge reopens in Ipoh\nIPOH: The bridge reopened today.\nThe above article is compiled from th", 4, Class::Chrome, Rule::ChromeCutOff),
    ("\nBridge reopens\nIPOH: It reopened today.\nHashtags\n\nTry Our AI Features\nComments", 4, Class::Chrome, Rule::ChromeBlockLine),
    ("\nBridge reopens\nIPOH: It reopened today.\nHashtags\n#Ipoh\nWidget of the day\nTry Our AI Features\nComments", 6, Class::Chrome, Rule::InsideChromeBlock),
    (CARDS_COMPACT, 9, Class::TeaserHeader, Rule::CardPublisher),
    (CARDS_COMPACT, 10, Class::TeaserHeader, Rule::CardTime),
    (CARDS_COMPACT, 11, Class::TeaserHeader, Rule::CardHeaderItem),
    (CARDS_COMPACT, 12, Class::TeaserHeadline, Rule::CardHeadline),
    (CARDS_COMPACT, 13, Class::TeaserBody, Rule::CardBody),
    (CARDS_COMPACT, 14, Class::TeaserBody, Rule::CardBodyContinued),
    (CARDS_LOGO, 10, Class::HeadlineCopy, Rule::CardHeadlineCopy),
    (CARDS_LOGO, 8, Class::Chrome, Rule::BeforeFirstCard),
    (CARDS_LOGO, 18, Class::Chrome, Rule::CardHeaderItemUnplaced),
    ("Bridge reopens after long repairs\nThe bridge in Ipoh reopened today after a month of repairs, the council said on Monday.\nNationMay 12, 2021\n-\nMarket returns to the river bank\nThe market in Kuantan returned to the river bank after the floods, traders said on Monday.\nNationMay 11, 2021", 3, Class::TeaserHeader, Rule::CardCategoryDate),
    ("Rain, roads and reasons\nby Jo Tan - November 18, 2024 - 12:00am\nEvery monsoon the road floods.\nThe budget we deserve\nby Jo Tan - November 11, 2024 - 12:00am\nFew promises touched the cost of work.\nWho audits the auditors?\nby Jo Tan - November 4, 2024 - 12:00am\nHow did a firm win the contract?", 2, Class::TeaserHeader, Rule::CardBylineDate),
];

/// Compact cards: publisher, age, `- Publisher`, headline, body, more body.
const CARDS_COMPACT: &str = "\nBridge reopens\nIPOH: It reopened today.\nHashtags\n\nTry Our AI Features\nComments\nRelated Articles\nThe Star\n2 hours ago\n- The Star\nFloods close three roads\nKUANTAN: Three roads closed after heavy rain, the department said.\nThe roads will reopen once the water falls, it said.";

/// Logo cards, the first cut at its top: a stray line, then headline twice, publisher, time,
/// bullets (one naming another outlet), headline, body.
const CARDS_LOGO: &str = "logo\nBridge reopens\n\nBridge reopens\n\nIPOH: It reopened today.\nRelated Articles\nstray fragment of a cut card\nFloods close three roads\nFloods close three roads\n\nThe Star\n\ntime2 hours ago\n\n  • Nation\n\n  • Malay Mail\n\n  • The Star\n\nFloods close three roads\n\nKUANTAN: Three roads closed after heavy rain, the department said.";

#[test]
fn every_rule_has_a_case_and_each_case_holds() {
    let parser = crate::Parser::new(Rules::builtin()).unwrap();
    let mut failures = Vec::new();
    for (dump, line, class, rule) in CASES {
        let lines = parser.parse_explained(dump).lines.unwrap();
        let note = &lines[line - 1];
        if note.class != class.as_str() || note.rule.split(':').next() != Some(rule.as_str()) {
            failures.push(format!(
                "{rule:?}: line {line} of {dump:?} is {}/{}",
                note.class, note.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    let missing: Vec<&Rule> = Rule::ALL
        .iter()
        .filter(|r| !CASES.iter().any(|c| c.3 == **r))
        .collect();
    assert!(missing.is_empty(), "rules with no case: {missing:?}");
}
