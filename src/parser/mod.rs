//! The pipeline: text in, `Article` out, no I/O.
//!
//! Classify, then assemble. The dump is split into lines and every pass records, for each line
//! it claims, a class and the name of the rule that decided it (`--explain` prints exactly that
//! ledger). The passes run top to bottom over the page's parts:
//!
//! 1. glued chrome is cut off inside lines (crawler prefix, `Advertisement `, `Text Size:`);
//! 2. the page is split into article, chrome block and cards (or a listing's items);
//! 3. the headline block, then the body, are read from the article part;
//! 4. the cards become teasers;
//! 5. statistics, truncation and the boilerplate list are settled.
//!
//! Every fragment removed as chrome goes through the ledger, so `boilerplate` is complete and in
//! input order, which is what makes SPEC's "no word is lost" hold by construction.

mod body;
mod boilerplate;
mod caption;
mod dateline;
mod dates;
mod gated;
mod header;
mod lines;
mod related;
mod signoff;

use crate::article::{Article, Kind, LineNote};
use crate::input::{self, InputError};
use crate::rules::{CompiledRules, Rules, RulesError};
use crate::stats;

use lines::{ends_finished, Class, Doc};

/// A parser built from a set of rules. Building compiles every pattern once; parsing is then
/// pure and cheap, and one `Parser` can be shared by many threads.
#[derive(Debug)]
pub struct Parser {
    rules: CompiledRules,
}

impl Parser {
    /// Compiles `rules` (usually `Rules::builtin()`, maybe extended with a user's file).
    pub fn new(rules: Rules) -> Result<Parser, RulesError> {
        Ok(Parser {
            rules: rules.compile()?,
        })
    }

    /// Parses one dump. `input` is left empty for the caller to fill.
    pub fn parse(&self, text: &str) -> Article {
        self.run(text, false)
    }

    /// Parses one dump and records, in `lines`, how each input line was classified.
    pub fn parse_explained(&self, text: &str) -> Article {
        self.run(text, true)
    }

    /// Checks and decodes raw bytes (see [`crate::input::decode`]), then parses them. A lossy
    /// decode adds a warning to the record.
    pub fn parse_bytes(&self, bytes: &[u8], explain: bool) -> Result<Article, InputError> {
        let decoded = input::decode(bytes)?;
        let mut article = self.run(&decoded.text, explain);
        if decoded.lossy {
            article
                .warnings
                .insert(0, "input is not valid UTF-8; decoded lossily".to_string());
        }
        Ok(article)
    }

    fn run(&self, text: &str, explain: bool) -> Article {
        let rules = &self.rules;
        let text = lines::normalise(text);
        let mut doc = Doc::new(&text);
        let mut art = Article {
            published: boilerplate::cut_glued(&mut doc, rules),
            ..Article::default()
        };
        let regions = boilerplate::regions(&mut doc, rules);
        let mut truncated = regions.cut_in_chrome;

        if let Some(topic) = regions.listing.clone() {
            art.kind = Kind::Listing;
            art.topic = topic;
        } else {
            let head = header::headline(&mut doc, rules, regions.article_end, &mut art);
            // The crawler's `date` prefix is the mark of FMT's own pages.
            let fmt_page = art.published.is_some();
            body::body(
                &mut doc,
                rules,
                head.body_from,
                regions.article_end,
                fmt_page,
                &mut art,
            );
            if let Some(i) = head.glued {
                doc.renote(i, Class::Headline, "headline-glued-to-lead");
            }
            if regions.cards_start.is_none() && !regions.cut_in_chrome {
                // The page ends inside the article: cut if the last text is unfinished.
                truncated = last_text_unfinished(&doc, regions.article_end, rules);
            }
        }
        if let Some(start) = regions.cards_start {
            let end = doc.len();
            let logo_page = doc.t((0..end).find(|&i| !doc.is_blank(i)).unwrap_or(0)) == "logo";
            let (teasers, cut) = related::cards(&mut doc, rules, start, end, logo_page);
            truncated = truncated || cut;
            match art.kind {
                Kind::Listing => art.items = teasers,
                Kind::Article => art.related = teasers,
            }
        }
        if art.kind == Kind::Article && art.headline.is_none() && art.body.is_empty() {
            art.warnings.push("no article text found".into());
        }

        art.truncated = truncated;
        art.stats = stats::of_paragraphs(&art.body);
        art.boilerplate = doc.take_boilerplate();
        if explain {
            art.lines = Some(
                doc.take_notes()
                    .into_iter()
                    .enumerate()
                    .map(|(i, (class, rule))| LineNote {
                        line: i + 1,
                        class: class.as_str().to_string(),
                        rule: rule.into_owned(),
                    })
                    .collect(),
            );
        }
        art
    }
}

/// Whether the last non-blank line before `end` is text the scraper cut (no closing
/// punctuation). Chrome and headers that end a page legitimately do not count.
fn last_text_unfinished(doc: &Doc<'_>, end: usize, rules: &CompiledRules) -> bool {
    let Some(last) = (0..end).rev().find(|&i| !doc.is_blank(i)) else {
        return false;
    };
    match doc.class(last) {
        Some(Class::Body | Class::Caption | Class::Standfirst | Class::Subheading) | None => {
            !ends_finished(doc.raw[last], rules)
        }
        _ => false,
    }
}
