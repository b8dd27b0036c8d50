//! The classification driver: every line of a zone goes through that zone's ordered rule table,
//! and the first rule that claims it decides its class, its [`Rule`] and its parts.
//!
//! A rule is a pure function of the page, the layout, the zone plan and the lines classified
//! before it (`Cx::done`, summarised in [`Seen`]): it reads, it never writes. What used to be
//! state threaded through a loop (has a paragraph been seen, was the last line a paragraph) is
//! read off the earlier lines, so a rule's decision can be explained from the ledger alone.

use std::ops::Range;

use super::layout::Layout;
use super::line::{Claim, Field, Line, Role, Zone};
use super::page::Page;
use super::rule::Rule;
use super::zones::Plan;
use crate::rules::CompiledRules;

/// A rule: claims line `i`, or passes.
pub(crate) type Matcher = fn(&Cx<'_, '_>, usize) -> Option<Claim>;

/// What the lines classified so far hold, kept up to date by the driver so rules need not
/// search `done` for it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Seen {
    pub paragraph: bool,
    pub dateline: bool,
    pub standfirst: bool,
    pub byline: bool,
    pub image: bool,
    /// The main article's outlet, from a stamp.
    pub publisher: bool,
    /// Its publication time, from a stamp, a header or the crawler prefix.
    pub published: bool,
}

impl Seen {
    pub fn add(&mut self, line: &Line) {
        for p in &line.parts {
            match &p.role {
                Role::Paragraph(_) => self.paragraph = true,
                Role::Dateline(_) => self.dateline = true,
                Role::Credit(_) | Role::Field(Field::Caption) => self.image = true,
                Role::Field(f) | Role::Value(f) => match f {
                    Field::Standfirst => self.standfirst = true,
                    Field::Byline => self.byline = true,
                    Field::Publisher => self.publisher = true,
                    Field::Published => self.published = true,
                    _ => {}
                },
                Role::Chrome => {}
            }
        }
    }
}

/// What a rule may read.
pub(crate) struct Cx<'a, 't> {
    pub page: &'a Page<'t>,
    pub rules: &'a CompiledRules,
    pub layout: &'a Layout,
    pub plan: &'a Plan,
    /// The lines before the one being classified.
    pub done: &'a [Line],
    pub seen: &'a Seen,
}

impl<'a, 't> Cx<'a, 't> {
    /// The context for classifying the line after `done`.
    pub fn new(
        page: &'a Page<'t>,
        rules: &'a CompiledRules,
        layout: &'a Layout,
        plan: &'a Plan,
        done: &'a [Line],
        seen: &'a Seen,
    ) -> Self {
        Cx {
            page,
            rules,
            layout,
            plan,
            done,
            seen,
        }
    }

    /// The trimmed text of line `i` still to be placed.
    pub fn t(&self, i: usize) -> &'t str {
        self.page.t(i)
    }

    /// The last non-blank line before `i`, with its index.
    pub fn prev(&self, i: usize) -> Option<(usize, &Line)> {
        let j = self.page.prev_nonblank(i)?;
        self.done.get(j).map(|l| (j, l))
    }

    /// The rule of the last non-blank line before `i`.
    pub fn prev_rule(&self, i: usize) -> Option<Rule> {
        self.prev(i).map(|(_, l)| l.rule)
    }

    /// The next non-blank line after `i` within the article (before the chrome block or cards).
    pub fn next(&self, i: usize) -> Option<usize> {
        self.page.next_nonblank(i + 1, self.plan.article_end)
    }

    pub fn next_text(&self, i: usize) -> Option<&'t str> {
        self.next(i).map(|j| self.t(j))
    }

    /// The headline as the plan found it, wrapped halves joined.
    pub fn headline(&self) -> Option<&str> {
        self.plan.headline.as_ref().map(|h| h.text.as_str())
    }
}

/// Classifies lines `range` of zone `zone` with `table`, appending to `lines`. A line no rule
/// claims gets `fallback`'s claim.
#[allow(clippy::too_many_arguments)]
pub(crate) fn classify(
    page: &Page<'_>,
    rules: &CompiledRules,
    layout: &Layout,
    plan: &Plan,
    range: Range<usize>,
    zone: Zone,
    table: &[Matcher],
    fallback: Matcher,
    lines: &mut Vec<Line>,
    seen: &mut Seen,
) {
    for i in range {
        let claim = if page.is_blank(i) {
            None
        } else {
            let cx = Cx::new(page, rules, layout, plan, lines, seen);
            Some(
                first_claim(&cx, i, table)
                    .or_else(|| fallback(&cx, i))
                    .expect("the fallback claims every line"),
            )
        };
        let line = finish(page, i, zone, claim);
        seen.add(&line);
        lines.push(line);
    }
}

/// The claim of the first rule in `table` that takes line `i`.
pub(crate) fn first_claim(cx: &Cx<'_, '_>, i: usize, table: &[Matcher]) -> Option<Claim> {
    table.iter().find_map(|rule| rule(cx, i))
}

/// The line made of a claim: the chrome glued inside it (cut off before classification) joins
/// its parts, in byte order.
pub(crate) fn finish(page: &Page<'_>, i: usize, zone: Zone, claim: Option<Claim>) -> Line {
    let glued = &page.glued[i];
    let Some(claim) = claim else {
        let mut line = Line::blank(zone);
        if !glued.is_empty() {
            // Only glued chrome on the line (a crawler prefix with nothing after it).
            line.class = super::line::Class::Chrome;
            line.rule = Rule::GluedChrome;
            line.parts = glued.clone();
        }
        return line;
    };
    let mut parts = claim.parts;
    if !glued.is_empty() {
        parts.extend(glued.iter().cloned());
        parts.sort_by_key(|p| p.span.start);
    }
    Line {
        zone,
        class: claim.class,
        rule: claim.rule,
        pattern: claim.pattern,
        card: 0,
        parts,
    }
}
