//! Page chrome: finding where the article ends and the page's own furniture begins, and cutting
//! chrome glued inside lines.
//!
//! Daily8 closes every article with the same block (`Hashtags`, `Try Our AI Features`, ...,
//! `Related Articles`) in one of three shapes; the block lines themselves are rules data. The
//! block is found by its first line *followed by another block line*, so a lone `Comments` that
//! happens to be a subheading cannot end an article early. Everything from the block to the
//! related-cards marker is chrome, including lines no rule knows yet: a new widget there must not
//! leak into a field.

use regex::Regex;

use super::dates;
use super::gated::Gated;
use super::lines::{Class, Doc};
use crate::article::Published;
use crate::rules::CompiledRules;

/// Where the parts of a page are, as line indices.
#[derive(Debug, Default)]
pub(crate) struct Regions {
    /// The article runs from 0 up to here (exclusive).
    pub article_end: usize,
    /// The first line of related cards (after `Related Articles`), or of a listing's items.
    pub cards_start: Option<usize>,
    /// A listing page: its topic (`#Badminton`), if the header shows one.
    pub listing: Option<Option<String>>,
    /// The dump ends inside the chrome block (`Explore wha`).
    pub cut_in_chrome: bool,
}

static CRAWLER_DATE: Gated = Gated::new(
    |t| t.trim_start().starts_with("date"),
    || Regex::new(r"^\s*(date\s+([0-9]{4}-[0-9]{2}-[0-9]{2}))\s+").unwrap(),
);
static LISTING_TOPIC: Gated = Gated::new(
    |t| t.starts_with("Latest news with"),
    || Regex::new(r"^Latest news with\s+(#\S+)$").unwrap(),
);

/// What follows `time` glued to it (`time3 hours ago`, the logo layout's card ages), if `t`
/// starts so.
pub(crate) fn glued_time(t: &str) -> Option<&str> {
    t.strip_prefix("time")
        .filter(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// Cuts chrome glued inside lines: the crawler's `date 2025-03-14` prefix on the first line
/// (FMT dumps; it also gives the publication date), and the rules' glued fragments
/// (`Advertisement ` opening a sentence, `Text Size:` closing a header line).
pub(crate) fn cut_glued(doc: &mut Doc<'_>, rules: &CompiledRules) -> Option<Published> {
    let mut published = None;
    if let Some(first) = (0..doc.len()).find(|&i| !doc.is_blank(i)) {
        let t = doc.text[first];
        if let Some(c) = CRAWLER_DATE.captures(t) {
            let whole = c.get(0).unwrap();
            let frag = c.get(1).unwrap();
            published = Some(dates::published(&c[2]));
            doc.chrome_fragment(first, frag.as_str());
            doc.text[first] = &t[whole.end()..];
        }
    }
    for i in 0..doc.len() {
        // A fragment may reveal another (`Advertisement Advertisement text`); a few rounds
        // suffice and keep a pathological line linear.
        for _ in 0..4 {
            let t = doc.text[i];
            if t.trim().is_empty() {
                break;
            }
            let mut cut = false;
            for re in &rules.glued {
                if let Some(m) = re.find(t) {
                    let at_start = t[..m.start()].trim().is_empty();
                    let at_end = t[m.end()..].trim().is_empty();
                    if m.start() == m.end() || !(at_start || at_end) || (at_start && at_end) {
                        continue;
                    }
                    if at_start {
                        doc.cut_glued(i, 0, m.end());
                    } else {
                        doc.cut_glued(i, m.start(), t.len());
                    }
                    cut = true;
                    break;
                }
            }
            if !cut {
                break;
            }
        }
    }
    published
}

/// Finds the article, the chrome block and the cards, and marks the chrome block's lines.
pub(crate) fn regions(doc: &mut Doc<'_>, rules: &CompiledRules) -> Regions {
    let n = doc.len();
    let nonblank: Vec<usize> = (0..n).filter(|&i| !doc.is_blank(i)).collect();
    let mut r = Regions {
        article_end: n,
        ..Regions::default()
    };

    // A listing opens with `logo`, `#` and `Latest news with #TAG`, or, when its header was
    // cut off, straight at a card's time line.
    for (k, &i) in nonblank.iter().enumerate().take(4) {
        let t = doc.t(i);
        if let Some(c) = LISTING_TOPIC.captures(t) {
            for &j in &nonblank[..k] {
                doc.chrome_line(j, "listing-header");
            }
            doc.chrome_line(i, "listing-topic");
            doc.renote(i, Class::Topic, "latest-news-with");
            r.listing = Some(Some(c[1].to_string()));
            r.article_end = i + 1;
            r.cards_start = Some(i + 1);
            return r;
        }
        if t == "logo" || t == "#" {
            continue;
        }
        if dates::is_age(t) || glued_time(t).is_some_and(dates::is_age) {
            for &j in &nonblank[..k] {
                doc.chrome_line(j, "listing-header");
            }
            r.listing = Some(None);
            r.article_end = i;
            r.cards_start = Some(i);
            return r;
        }
        break;
    }

    // The chrome block: a block line with another block line (or a cut-off one at the end of
    // the dump) among the next few lines, or a block line that ends the dump. The window lets
    // `Hashtags` be followed by the tags themselves before `Try Our AI Features`.
    const WINDOW: usize = 8;
    let block_start = nonblank.iter().enumerate().find_map(|(k, &i)| {
        if !rules.is_block_line(doc.t(i)) {
            return None;
        }
        // `Related Articles` needs no company: nothing after it is article text.
        if k + 1 == nonblank.len() || rules.is_related_marker(doc.t(i)) {
            return Some(i);
        }
        let ahead = &nonblank[k + 1..nonblank.len().min(k + 1 + WINDOW)];
        let confirmed = ahead.iter().enumerate().any(|(m, &j)| {
            let next = doc.t(j);
            rules.is_block_line(next)
                || (k + 2 + m == nonblank.len() && rules.is_cut_block_line(next))
        });
        confirmed.then_some(i)
    });
    let Some(start) = block_start else {
        // No block, but cards: a scrape that lost the chrome still shows the cards' own
        // header, `Publisher` / age / `- Publisher` (or the logo shape's `time…` line).
        if let Some(card) = first_card_without_block(doc, &nonblank) {
            r.article_end = card;
            r.cards_start = Some(card);
            return r;
        }
        // No block: the dump may still end in a block line cut short.
        if let Some(&last) = nonblank.last() {
            let prev_is_chrome = nonblank
                .len()
                .checked_sub(2)
                .and_then(|k| nonblank.get(k))
                .is_some_and(|&p| rules.chrome_rule(doc.t(p)).is_some());
            if rules.is_cut_block_line(doc.t(last)) && (prev_is_chrome || doc.t(last).len() >= 6) {
                doc.chrome_line(last, "chrome-cut-off");
                r.cut_in_chrome = true;
                r.article_end = last;
            }
        }
        return r;
    };
    r.article_end = start;
    let mut i = start;
    while i < n {
        if doc.is_blank(i) {
            i += 1;
            continue;
        }
        let t = doc.t(i);
        if rules.is_related_marker(t) {
            doc.chrome_line(i, format!("chrome-block:{t}"));
            r.cards_start = Some(i + 1);
            return r;
        }
        let is_last = nonblank.last() == Some(&i);
        if rules.is_block_line(t) {
            doc.chrome_line(i, format!("chrome-block:{t}"));
        } else if is_last && rules.is_cut_block_line(t) {
            doc.chrome_line(i, "chrome-cut-off");
            r.cut_in_chrome = true;
        } else {
            let rule = rules
                .chrome_rule(t)
                .unwrap_or_else(|| "inside-chrome-block".into());
            doc.chrome_line(i, rule);
        }
        i += 1;
    }
    r
}

/// The first line of a related card in a dump with no chrome block: a publisher line followed
/// by an age and by `- Publisher` repeating it (compact), or by a `time…` line and a bullet
/// repeating it (logo). The repetition makes it safe: body text never has that shape.
fn first_card_without_block(doc: &Doc<'_>, nonblank: &[usize]) -> Option<usize> {
    nonblank.windows(3).find_map(|w| {
        let (p, age, item) = (doc.t(w[0]), doc.t(w[1]), doc.t(w[2]));
        let compact = dates::is_age(age) && item.strip_prefix("- ").is_some_and(|x| x.trim() == p);
        let logo = glued_time(age).is_some_and(dates::is_age)
            && item
                .trim_start()
                .strip_prefix('•')
                .is_some_and(|x| x.trim() == p);
        (compact || logo).then_some(w[0])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn gates_pass_every_header_pattern() {
        CRAWLER_DATE.assert_sound("CRAWLER_DATE");
        LISTING_TOPIC.assert_sound("LISTING_TOPIC");
    }

    proptest! {
        /// `glued_time` takes what `^time(\S.*)$` took.
        #[test]
        fn glued_time_is_the_regex_capture(t in "(time)?[ \u{a0}3a]{0,4}") {
            let re = Regex::new(r"^time(\S.*)$").unwrap();
            let want = re.captures(&t).map(|c| c.get(1).unwrap().as_str().to_string());
            prop_assert_eq!(glued_time(&t).map(str::to_string), want);
        }
    }
}
