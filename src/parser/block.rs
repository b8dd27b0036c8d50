//! The chrome-block zone: Daily8's furniture between the article and its cards (`Hashtags`,
//! `Try Our AI Features`, ..., `Related Articles`). Every line here is chrome, including lines
//! no rule knows yet: a new widget there must not leak into a field.

use super::classify::{Cx, Matcher};
use super::line::Claim;
use super::rule::Rule;

/// The chrome block's rules, in the order they are tried; `inside` takes the rest.
pub(crate) const BLOCK: &[Matcher] = &[block_line, cut_off, super::head::chrome];

fn chrome(cx: &Cx<'_, '_>, i: usize, rule: Rule) -> Claim {
    Claim::chrome(rule, cx.page.span(i, cx.t(i)))
}

/// A line of the block (`Hashtags`, `Orange background`, `Related Articles`).
fn block_line(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    cx.rules
        .is_block_line(cx.t(i))
        .then(|| chrome(cx, i, Rule::ChromeBlockLine))
}

/// A block line the scraper cut off: the dump's last line, a prefix of one (`Explore wha`).
fn cut_off(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let last = cx.page.next_nonblank(i + 1, cx.page.len()).is_none();
    (last && cx.rules.is_cut_block_line(cx.t(i))).then(|| chrome(cx, i, Rule::ChromeCutOff))
}

/// Whatever else stands inside the block.
pub(crate) fn inside(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    Some(chrome(cx, i, Rule::InsideChromeBlock))
}
