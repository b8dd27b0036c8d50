//! The pipeline: text in, `Article` out, no I/O. Each pass returns data the next one reads:
//!
//! 1. **Page** (`page.rs`): the text normalised into lines, chrome glued inside lines cut off
//!    (crawler prefix, `Advertisement `, `Text Size:`).
//! 2. **Layout** (`layout.rs`): how the dump opens, what kind of page it is, its card shape,
//!    detected once from the evidence.
//! 3. **Zones** (`zones.rs`): the article, the chrome block and the cards; in the article, the
//!    headline slot, the lead (the head ends there) and the tail.
//! 4. **Classification** (`classify.rs`): every line of a zone through that zone's ordered rule
//!    table (`head.rs`, `body.rs`, `block.rs`, `cards.rs`), into a [`line::Line`]: zone, class,
//!    [`rule::Rule`] and the parts the line was cut into.
//! 5. **Assembly** (`assemble.rs`): the record built from those lines alone.
//!
//! `--explain` prints the lines of step 4, so the ledger a user reads is what the record was
//! built from; and since every word of a line is in one of its parts, and assembly puts every
//! part somewhere, "no word is lost" holds by construction.

mod assemble;
mod block;
mod body;
mod caption;
mod cards;
mod classify;
mod dateline;
mod dates;
mod gated;
mod head;
mod layout;
mod lead;
mod line;
mod page;
mod rule;
mod signoff;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) use gated::sample_texts as sample_texts_for;
mod text;
mod zones;

use crate::article::{Article, LineNote, LinePart};
use crate::input::{self, InputError};
use crate::rules::{CompiledRules, Rules, RulesError};

use classify::{classify, Seen};
use layout::Layout;
use line::{Line, Role, Zone};
use page::Page;

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
        let text = page::normalise(text);
        let page = Page::new(&text, rules);
        let layout = Layout::detect(&page, rules);
        let plan = zones::plan(&page, rules, &layout);
        let lines = lines(&page, rules, &layout, &plan);
        let mut art = assemble::article(&page, rules, &layout, &plan, &lines);
        if explain {
            art.lines = Some(explain_lines(&page, rules, &lines));
        }
        art
    }
}

/// Classifies every line, zone by zone.
fn lines(page: &Page<'_>, rules: &CompiledRules, layout: &Layout, plan: &zones::Plan) -> Vec<Line> {
    let n = page.len();
    let mut lines = Vec::with_capacity(n);
    let mut seen = Seen::default();
    let lead = plan.lead.unwrap_or(plan.article_end).min(plan.article_end);
    let tail = plan.tail.clamp(lead, plan.article_end);
    let block_start = plan.list.as_ref().map_or(plan.article_end, |l| l.end);
    let block_end = plan.cards_start.unwrap_or(n).max(block_start);
    let zones: [(
        std::ops::Range<usize>,
        Zone,
        &[classify::Matcher],
        classify::Matcher,
    ); 4] = [
        // The head's placement rules take every text line before the lead; the fallback is a
        // guard only.
        (0..lead, Zone::Head, head::HEAD, body::paragraph),
        (lead..tail, Zone::Body, body::BODY, body::paragraph),
        (
            tail..plan.article_end,
            Zone::Tail,
            body::TAIL,
            body::paragraph,
        ),
        (
            block_start..block_end,
            Zone::ChromeBlock,
            block::BLOCK,
            block::inside,
        ),
    ];
    let mut teasers = 0;
    for (k, (range, zone, table, fallback)) in zones.into_iter().enumerate() {
        // A list of other stories stands between the article and the chrome block.
        if k == 3 {
            if let Some(list) = &plan.list {
                teasers = cards::classify_list(page, rules, list.clone(), &mut lines);
            }
        }
        classify(
            page, rules, layout, plan, range, zone, table, fallback, &mut lines, &mut seen,
        );
    }
    if let Some(start) = plan.cards_start {
        cards::classify(page, rules, layout, start, teasers, &mut lines);
    }
    lines
}

/// The lines as `--explain` prints them.
fn explain_lines(page: &Page<'_>, rules: &CompiledRules, lines: &[Line]) -> Vec<LineNote> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let raw = page.raw[i];
            let rule = match l.pattern {
                Some(k) => format!("{}:{}", l.rule.as_str(), rules.chrome_patterns[k]),
                None => l.rule.as_str().to_string(),
            };
            let whole = l.parts.len() == 1 && &raw[l.parts[0].span.clone()] == raw.trim();
            let parts = if whole {
                Vec::new()
            } else {
                l.parts
                    .iter()
                    .map(|p| LinePart {
                        role: role_name(&p.role).to_string(),
                        text: raw[p.span.clone()].to_string(),
                    })
                    .collect()
            };
            LineNote {
                line: i + 1,
                zone: l.zone.as_str().to_string(),
                class: l.class.as_str().to_string(),
                rule,
                text: raw.to_string(),
                parts,
            }
        })
        .collect()
}

fn role_name(role: &Role) -> &'static str {
    match role {
        Role::Chrome => "chrome",
        Role::Field(f) | Role::Value(f) => f.as_str(),
        Role::Dateline(_) => "dateline",
        Role::Credit(_) => "credit",
        Role::Paragraph(_) => "body",
    }
}
