//! The first pass: a dump normalised into numbered lines, and the chrome glued inside lines cut
//! off them (the crawler's `date 2025-03-14` prefix, a leading `Advertisement `, a trailing
//! `Text Size:`, image-URL debris).
//!
//! Line endings are folded (CRLF and lone CR become LF) and a byte order mark is dropped, so the
//! same page saved on Windows or by an old Mac tool gives the same record. A final line break
//! ends the last line; it does not open an empty one (`a\nb\n` has two lines).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use regex::Regex;

use super::caption::Credit;
use super::gated::Gated;
use super::line::{Field, Part, Role};
use super::text::{span_in, trim_range};
use crate::rules::{ChromeHit, CompiledRules};

/// The text with line endings folded and the BOM dropped.
pub(crate) fn normalise(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

static CRAWLER_DATE: Gated = Gated::new(
    |t| t.trim_start().starts_with("date"),
    || Regex::new(r"^\s*(date\s+([0-9]{4}-[0-9]{2}(?:-[0-9]{2})?))\s+").unwrap(),
);

/// One dump's lines, and what is left of each once glued chrome is cut off.
pub(crate) struct Page<'t> {
    /// The lines as split on LF.
    pub raw: Vec<&'t str>,
    /// The byte range of each line still to be placed, trimmed.
    core: Vec<Range<usize>>,
    /// The glued chrome cut off each line (and, for the crawler prefix, the date it gives).
    pub glued: Vec<Vec<Part>>,
    /// Whether the first line carried FMT's crawler prefix.
    pub crawler_prefix: bool,
    /// Which chrome rule each line matches, asked once: many passes ask.
    chrome: Vec<OnceCell<Option<ChromeHit>>>,
    /// The photo credit each line holds, asked once.
    credit: Vec<OnceCell<Option<Credit>>>,
    /// Whether each line opens with a dateline (maybe after a caption or a glued byline).
    datelined: Vec<OnceCell<bool>>,
}

impl<'t> Page<'t> {
    pub fn new(text: &'t str, rules: &CompiledRules) -> Page<'t> {
        let mut raw: Vec<&str> = text.split('\n').collect();
        if raw.len() > 1 && raw.last() == Some(&"") {
            raw.pop();
        }
        let n = raw.len();
        let mut page = Page {
            core: raw.iter().map(|l| trim_range(l, 0..l.len())).collect(),
            raw,
            glued: vec![Vec::new(); n],
            crawler_prefix: false,
            chrome: vec![OnceCell::new(); n],
            credit: vec![OnceCell::new(); n],
            datelined: vec![OnceCell::new(); n],
        };
        page.cut_crawler_prefix();
        for i in 0..n {
            page.cut_glued(i, rules);
        }
        page
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// The trimmed text of line `i` still to be placed.
    pub fn t(&self, i: usize) -> &'t str {
        &self.raw[i][self.core[i].clone()]
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.core[i].is_empty()
    }

    /// The chrome rule line `i` matches (`CompiledRules::chrome_hit` of its text), once.
    pub fn chrome_hit(&self, i: usize, rules: &CompiledRules) -> Option<ChromeHit> {
        *self.chrome[i].get_or_init(|| rules.chrome_hit(self.t(i)))
    }

    pub fn is_chrome(&self, i: usize, rules: &CompiledRules) -> bool {
        self.chrome_hit(i, rules).is_some()
    }

    /// The earliest photo credit in line `i` (`caption::find_credit` of its text), once.
    pub fn credit(&self, i: usize, rules: &CompiledRules) -> Option<&Credit> {
        self.credit[i]
            .get_or_init(|| super::caption::find_credit(self.t(i), rules))
            .as_ref()
    }

    /// Whether line `i` opens with a dateline, maybe after a caption or a glued byline, once.
    pub fn datelined(&self, i: usize, rules: &CompiledRules) -> bool {
        *self.datelined[i].get_or_init(|| {
            super::lead::opening(self.t(i), rules, true)
                .datelined
                .is_some()
        })
    }

    /// The byte range, in raw line `i`, of `sub`, a slice of that line's text.
    pub fn span(&self, i: usize, sub: &str) -> Range<usize> {
        span_in(self.raw[i], sub).unwrap_or_else(|| {
            debug_assert!(false, "not a slice of line {i}: {sub:?}");
            0..0
        })
    }

    /// A part of line `i` covering `sub` (a slice of its text), trimmed.
    pub fn part(&self, i: usize, role: Role, sub: &str) -> Part {
        let span = trim_range(self.raw[i], self.span(i, sub));
        Part::new(role, span)
    }

    /// The index of the first non-blank line at or after `from`, before `end`.
    pub fn next_nonblank(&self, from: usize, end: usize) -> Option<usize> {
        (from..end.min(self.len())).find(|&k| !self.is_blank(k))
    }

    /// The index of the last non-blank line before `before`.
    pub fn prev_nonblank(&self, before: usize) -> Option<usize> {
        (0..before.min(self.len()))
            .rev()
            .find(|&k| !self.is_blank(k))
    }

    /// The crawler's ` date 2025-03-14 ` prefix on the first line (FMT dumps): chrome that also
    /// gives the publication date.
    fn cut_crawler_prefix(&mut self) {
        let Some(first) = (0..self.len()).find(|&i| !self.is_blank(i)) else {
            return;
        };
        let line = self.raw[first];
        let Some(c) = CRAWLER_DATE.captures(line) else {
            return;
        };
        let (whole, label, date) = (c.get(0).unwrap(), c.get(1).unwrap(), c.get(2).unwrap());
        self.glued[first].push(Part::new(Role::Chrome, label.range()));
        self.glued[first].push(Part::new(Role::Value(Field::Published), date.range()));
        self.core[first] = trim_range(line, whole.end()..line.len());
        self.crawler_prefix = true;
    }

    /// The rules' glued fragments (`Advertisement ` opening a sentence, `Text Size:` closing a
    /// header line), at the start or the end of what is left of the line.
    fn cut_glued(&mut self, i: usize, rules: &CompiledRules) {
        // A fragment may reveal another (`Advertisement Advertisement text`); a few rounds
        // suffice and keep a pathological line linear.
        for _ in 0..4 {
            let core = self.core[i].clone();
            if core.is_empty() {
                return;
            }
            let t = &self.raw[i][core.clone()];
            let cut = rules.glued.candidates(t).into_iter().find_map(|k| {
                // With a group, the group is the chrome and the rest of the match its context
                // (`rice.Watch the full ...`: the full stop stays with the sentence).
                let m = rules.glued.find_named(k, t)?;
                let at_start = t[..m.start].trim().is_empty();
                let at_end = t[m.end..].trim().is_empty();
                (m.start != m.end && (at_start != at_end)).then_some((m, at_start))
            });
            // A chrome phrase glued to the text with no space (`View all search resultsThe`).
            let cut = cut.or_else(|| {
                let len = rules.glued_chrome_prefix(t)?;
                Some((0..len, true))
            });
            let Some((m, at_start)) = cut else { return };
            let frag = trim_range(self.raw[i], core.start + m.start..core.start + m.end);
            if !frag.is_empty() {
                self.glued[i].push(Part::new(Role::Chrome, frag));
            }
            self.core[i] = if at_start {
                trim_range(self.raw[i], core.start + m.end..core.end)
            } else {
                trim_range(self.raw[i], core.start..core.start + m.start)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn the_gate_passes_every_crawler_prefix() {
        CRAWLER_DATE.assert_sound("CRAWLER_DATE");
    }

    fn page(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let rules = Rules::builtin().compile().unwrap();
        let p = Page::new(text, &rules);
        let texts = (0..p.len()).map(|i| p.t(i).to_string()).collect();
        let glued = (0..p.len())
            .map(|i| {
                p.glued[i]
                    .iter()
                    .map(|g| p.raw[i][g.span.clone()].to_string())
                    .collect()
            })
            .collect();
        (texts, glued)
    }

    #[test]
    fn a_final_line_break_opens_no_line() {
        assert_eq!(page("a\nb\n").0, ["a", "b"]);
        assert_eq!(page("a\nb").0, ["a", "b"]);
        assert_eq!(page("a\n\n").0, ["a", ""]);
        assert_eq!(page("\n").0, [""]);
    }

    #[test]
    fn glued_chrome_is_cut_and_kept() {
        let (t, g) = page(" date 2025-03-14 Headline here\nAdvertisement Advertisement The text.\nBy: X Text Size:");
        assert_eq!(t, ["Headline here", "The text.", "By: X"]);
        assert_eq!(g[0], ["date 2025-03-14", "2025-03-14"]);
        assert_eq!(g[1], ["Advertisement", "Advertisement"]);
        assert_eq!(g[2], ["Text Size:"]);
    }

    #[test]
    fn a_chrome_phrase_glued_with_no_space_is_cut_at_the_case_break() {
        let (t, g) = page("View all search resultsCan't find it?\nView all search resultsThe text.\nPlayStation sales rose.\nView all search resultsare here");
        assert_eq!(
            t,
            [
                "Can't find it?",
                "The text.",
                "PlayStation sales rose.",
                "View all search resultsare here"
            ]
        );
        assert_eq!(g[1], ["View all search results"]);
        assert!(g[2].is_empty() && g[3].is_empty());
    }
}
