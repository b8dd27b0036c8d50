//! The body and tail zones: paragraphs, captions, subheadings, round-up items, rejoined link
//! text, the lead's opening and the sign-off.
//!
//! The body table's order is deliberate: chrome before anything (a promo line is never a
//! paragraph); captions before sign-offs (`— Reuters pic` is a credit, `— Reuters` a sign-off);
//! rejoining split link text before subheadings (a fragment like `Sabah Ports and Harbours
//! Department` is short and unpunctuated too, but it follows an unfinished sentence, which a
//! subheading never does); the lead, then plain paragraphs, last.

use super::classify::{Cx, Matcher};
use super::head;
use super::lead;
use super::line::{Claim, Class, Field, Glue, Part, Role};
use super::rule::Rule;
use super::text::{
    ends_terminal, last_word_lower, same_headline, starts_lowercase, word_count, word_count_to,
};

/// The body zone's rules, in the order they are tried.
pub(crate) const BODY: &[Matcher] = &[
    also_read,
    drop_cap,
    drop_cap_rest,
    head::chrome,
    head::separator,
    chrome_cut_off,
    chrome_continued,
    head::headline_copy,
    headline_label,
    headline_copy_glued,
    head::digest_item_headline,
    head::alt_text,
    head::credit_alone,
    credit_above_caption,
    caption_under_credit,
    caption,
    caption_cut_off,
    stray_headline,
    caption_before_credit,
    sign_off_line,
    round_up_item,
    item_title,
    link_text_rejoined,
    subheading,
    lead_line,
];

/// The tail zone's rules: by construction every tail line is chrome or a sign-off.
pub(crate) const TAIL: &[Matcher] = &[
    also_read,
    head::published_on,
    head::chrome,
    head::separator,
    chrome_cut_off,
    sign_off_line,
];

/// `ALSO READ: Floods close three roads`: another story named inline: the label is chrome,
/// the headline a teaser's.
fn also_read(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let label = cx.rules.teaser_labels.iter().find(|l| {
        super::text::starts_with_ignore_case(t, l) && t[l.len()..].trim_start().starts_with(':')
    })?;
    let colon = label.len() + t[label.len()..].find(':')? + 1;
    let headline = t[colon..].trim();
    if headline.is_empty() || word_count_to(headline, 31) > 30 {
        return None;
    }
    Some(Claim::new(
        Class::TeaserHeadline,
        Rule::AlsoRead,
        vec![
            cx.page.part(i, Role::Chrome, &t[..colon]),
            cx.page.part(i, Role::Field(Field::Headline), headline),
        ],
    ))
}

/// A drop cap: the first letter of the story alone on its line (`T`), the rest of its word
/// opening the next line in lower case (`his week ...`). The letter starts the paragraph
/// (the story's first, or one a misread head put before it).
/// It comes before chrome: a letter alone can be a chrome line too (a text-size button `A`).
fn drop_cap(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    is_drop_cap(cx.page, i, cx.plan.article_end).then(|| {
        Claim::whole(
            Class::Body,
            Rule::DropCap,
            Role::Paragraph(Glue::New),
            cx.page.span(i, t),
        )
    })
}

/// Whether line `i` is a capital letter alone with a line opening in lower case after it (the
/// next line before `end`).
pub(crate) fn is_drop_cap(page: &super::page::Page<'_>, i: usize, end: usize) -> bool {
    let t = page.t(i);
    let mut chars = t.chars();
    let letter = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    letter
        && page
            .next_nonblank(i + 1, end)
            .is_some_and(|j| page.t(j).starts_with(char::is_lowercase))
}

/// The rest of the first paragraph after its drop cap, joined to the letter with no space.
fn drop_cap_rest(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    if cx.prev_rule(i) != Some(Rule::DropCap) {
        return None;
    }
    let mut parts = Vec::with_capacity(1);
    let rule = text_parts(cx, i, cx.t(i), Glue::Tight, &mut parts);
    Some(Claim::new(
        Class::Body,
        rule.unwrap_or(Rule::DropCapRest),
        parts,
    ))
}

/// The dump's last line, cut inside a chrome line (`The above article is compiled from th`).
pub(crate) fn chrome_cut_off(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let last = cx.page.next_nonblank(i + 1, cx.page.len()).is_none();
    (last && cx.rules.is_cut_chrome_line(t))
        .then(|| Claim::chrome(Rule::ChromeCutOff, cx.page.span(i, t)))
}

/// The rest of a chrome line a link split (`... please consider` / `subscribing`): a few
/// lower-case words after an unfinished chrome line; or, after a chrome line that ends on a
/// word no sentence ends on (`... email us at` / `[email protected] or fill in` / `this form.`),
/// or after such a continuation, any line that does not open a sentence of its own.
fn chrome_continued(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let (j, prev) = cx.prev(i)?;
    let pt = cx.t(j);
    // A continued line that still ends no sentence hangs too: the promo runs on.
    let hanging = (cx.rules.unfinished_words.contains(&last_word_lower(pt))
        || prev.rule == Rule::ChromeContinued)
        && !t.starts_with(char::is_uppercase);
    let continues = matches!(
        prev.rule,
        Rule::ChromeLine | Rule::ChromePattern | Rule::ChromeContinued
    ) && !ends_terminal(pt)
        && (hanging || (starts_lowercase(t) && word_count_to(t, 5) <= 4));
    continues.then(|| Claim::chrome(Rule::ChromeContinued, cx.page.span(i, t)))
}

/// A short line that labels the headline, not the text: a section word right above a copy of
/// the headline (`News`), or the show's or series' name the headline opens with (`Evening
/// Report` under `Evening Report - 3 June`). A video page puts both above its description.
fn headline_label(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let h = cx.headline()?;
    if word_count_to(t, 5) > 4 || ends_terminal(t) || t.ends_with(',') || same_headline(h, t) {
        return None;
    }
    let next = cx.page.next_nonblank(i + 1, cx.page.len());
    let above_copy =
        super::zones::is_section_label(t) && next.is_some_and(|j| same_headline(h, cx.t(j)));
    let opens_headline = h.strip_prefix(t).is_some_and(|rest| {
        [" - ", " | ", ": ", " – ", " — "]
            .iter()
            .any(|s| rest.starts_with(s))
    });
    (above_copy || opens_headline).then(|| Claim::chrome(Rule::HeadlineLabel, cx.page.span(i, t)))
}

/// The dump's last line, cut short, on a page whose text so far is only credited captions (a
/// photo gallery): the cut last caption, its credit lost with the rest of it, not a paragraph.
fn caption_cut_off(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if cx.seen.paragraph
        || ends_terminal(t)
        || cx.page.next_nonblank(i + 1, cx.page.len()).is_some()
    {
        return None;
    }
    let captions = cx
        .done
        .iter()
        .filter(|l| l.rule == Rule::CaptionWithCredit)
        .count();
    (captions >= 2 && cx.prev_rule(i) == Some(Rule::CaptionWithCredit)).then(|| {
        Claim::whole(
            Class::Caption,
            Rule::CaptionCutOff,
            Role::Field(Field::Caption),
            cx.page.span(i, t),
        )
    })
}

/// The body's only line, shaped like a headline (a few words, no full stop, no dateline, not
/// ending on a word a cut sentence stops on) and running straight into the chrome block: a
/// teaser of another story the scrape left behind, not the article's text.
fn stray_headline(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let into_block = cx.plan.article_end < cx.page.len() && cx.next(i).is_none();
    let shaped = (4..=20).contains(&word_count_to(t, 21))
        && t.starts_with(char::is_uppercase)
        && !t.contains(". ")
        && !ends_terminal(t)
        && !t.ends_with([',', ':', ';'])
        && !cx.rules.unfinished_words.contains(&last_word_lower(t));
    let only = !cx.seen.paragraph && !cx.seen.dateline && !cx.page.datelined(i, cx.rules);
    (into_block && shaped && only).then(|| Claim::chrome(Rule::StrayHeadline, cx.page.span(i, t)))
}

/// A copy of the headline glued to the text after it (`Is Anwar Still the Best
/// Choice?Former minister ...`).
fn headline_copy_glued(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let h = cx.headline()?;
    let rest = t.strip_prefix(h)?;
    if !rest.trim_start().starts_with(|c: char| c.is_uppercase()) || word_count_to(h, 4) < 3 {
        return None;
    }
    let mut parts = vec![cx.page.part(i, Role::Chrome, &t[..h.len()])];
    if cx.seen.paragraph {
        text_parts(cx, i, rest.trim_start(), Glue::New, &mut parts);
    } else {
        parts.extend(lead::opening(rest.trim_start(), cx.rules, !cx.seen.byline).parts(cx.page, i));
    }
    Some(Claim::new(Class::Body, Rule::HeadlineCopyGlued, parts))
}

/// A body line nothing else claimed: a paragraph.
pub(crate) fn paragraph(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let mut parts = Vec::with_capacity(2);
    let rule = text_parts(cx, i, cx.t(i), Glue::New, &mut parts);
    Some(Claim::new(
        Class::Body,
        rule.unwrap_or(Rule::Paragraph),
        parts,
    ))
}

/// Body text of line `i` as parts; on the body's last line, a sign-off glued to the text
/// (`... the ministry said. — Reuters`) is split off as the source. Returns the rule that names
/// a split, if there was one.
pub(crate) fn text_parts(
    cx: &Cx<'_, '_>,
    i: usize,
    text: &str,
    glue: Glue,
    out: &mut Vec<Part>,
) -> Option<Rule> {
    if penultimate_signed(cx, i, text) {
        if let Some((before, agency)) = lead::signed_off(text, cx.rules) {
            out.push(cx.page.part(i, Role::Paragraph(glue), before));
            out.push(cx.page.part(i, Role::Field(Field::Source), agency));
            return Some(Rule::ParagraphWithSignOff);
        }
    }
    if cx.plan.last_text == Some(i) {
        if let Some((before, label, names)) = trailing_byline(text, cx.rules) {
            out.push(cx.page.part(i, Role::Paragraph(glue), before));
            out.push(cx.page.part(i, Role::Chrome, label));
            out.push(cx.page.part(i, Role::Field(Field::Byline), names));
            return Some(Rule::ParagraphWithByline);
        }
        if let Some((before, agency)) = lead::signed_off(text, cx.rules) {
            if !before.is_empty() {
                out.push(cx.page.part(i, Role::Paragraph(glue), before));
            }
            out.push(cx.page.part(i, Role::Field(Field::Source), agency));
            return Some(Rule::ParagraphWithSignOff);
        }
    }
    out.push(cx.page.part(i, Role::Paragraph(glue), text));
    None
}

/// The most words of a last paragraph an aggregator adds after the wire's sign-off.
const MAX_AFTER_SIGN_OFF_WORDS: usize = 30;

/// Whether line `i` is the last-but-one text line, closed by a dash and an agency
/// (`... the campaign. - Bernama`), with one short sentence and no sign-off after it: a
/// reposting site's line of its own added under the wire story, which signed off above it.
fn penultimate_signed(cx: &Cx<'_, '_>, i: usize, text: &str) -> bool {
    let Some(last) = cx.plan.last_text else {
        return false;
    };
    if cx.page.prev_nonblank(last) != Some(i) {
        return false;
    }
    let after = cx.t(last);
    let one_sentence = after
        .trim_end_matches(['.', '!', '?'])
        .matches(['.', '!', '?'])
        .count()
        == 0;
    let short = word_count_to(after, MAX_AFTER_SIGN_OFF_WORDS + 1) <= MAX_AFTER_SIGN_OFF_WORDS;
    let dashed = super::signoff::at_end(text, cx.rules).is_some_and(|(at, agency)| {
        text[at..].starts_with(super::signoff::is_dash) && cx.rules.is_agency(agency)
    });
    dashed
        && short
        && one_sentence
        && after
            .trim_end_matches(['"', '\'', '”', '’'])
            .ends_with(['.', '!', '?'])
        && !ends_terminal(text)
        && super::signoff::at_end(after, cx.rules).is_none()
}

/// `... Esther Ng. ― By ALISA IDRIS`: a byline glued after the last sentence: the text, the
/// dash and label, the names.
fn trailing_byline<'t>(
    t: &'t str,
    rules: &crate::rules::CompiledRules,
) -> Option<(&'t str, &'t str, &'t str)> {
    let floor = t.len().saturating_sub(80);
    let (at, dash) = t
        .char_indices()
        .rev()
        .take_while(|&(k, _)| k >= floor)
        .find(|&(_, c)| super::signoff::is_dash(c))?;
    let before = t[..at].trim_end();
    let after = t[at + dash.len_utf8()..].trim_start();
    let label = rules
        .byline_labels
        .iter()
        .find(|l| super::text::starts_with_ignore_case(after, l))?;
    let names = after[label.len()..].trim_start_matches(':').trim();
    let label_end = t.len() - after.len() + label.len();
    let sentence_before = ends_terminal(before) && !before.is_empty();
    (sentence_before && !names.is_empty() && head::looks_like_names(names, rules))
        .then(|| (before, &t[at..label_end], names))
}

/// A caption closed by its credit. Alone on its line it is only a caption; with text after it,
/// that text is the lead (before the first paragraph: maybe with a dateline) or a paragraph.
fn caption(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    // The article's last line closed by an agency or a network is signed off, not credited.
    if cx.plan.last_text == Some(i) && cx.seen.paragraph && lead::signed_off(t, cx.rules).is_some()
    {
        return None;
    }
    let c = lead::captioned_by(t, cx.page.credit(i, cx.rules)?.clone(), cx.rules)?;
    // The same caption twice in a row: the second is the image's alt text repeated.
    if c.rest.is_empty() && cx.page.prev_nonblank(i).is_some_and(|j| cx.t(j) == t) {
        return Some(Claim::chrome(Rule::AltText, cx.page.span(i, t)));
    }
    if c.rest.is_empty() {
        let mut parts = Vec::with_capacity(2);
        lead::caption_parts(cx.page, i, &c, &mut parts);
        return Some(Claim::new(Class::Caption, Rule::CaptionWithCredit, parts));
    }
    if !cx.seen.paragraph {
        let o = lead::opening(t, cx.rules, !cx.seen.byline && !cx.seen.dateline);
        return Some(Claim::new(
            Class::Body,
            Rule::LeadAfterCaption,
            o.parts(cx.page, i),
        ));
    }
    let mut parts = Vec::with_capacity(3);
    lead::caption_parts(cx.page, i, &c, &mut parts);
    text_parts(cx, i, c.rest, Glue::New, &mut parts);
    Some(Claim::new(Class::Body, Rule::ParagraphAfterCaption, parts))
}

/// The fewest words of a caption under a credit set above it.
const MIN_CAPTION_UNDER_CREDIT_WORDS: usize = 6;

/// `The Teko Herald` alone above `Ministers arrive at the ... on Tuesday.`, before the story's
/// first paragraph: some outlets set a photo's credit above its caption. The line under it
/// must read as a caption (a sentence of some length, not a date or an age) and text must
/// follow it, or the outlet is a publisher line over the lead.
fn credit_above_caption(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    if cx.seen.paragraph || !cx.rules.is_known_source(t) {
        return None;
    }
    let j = cx.next(i)?;
    let cap = cx.t(j);
    let caption_like = cap.starts_with(char::is_uppercase)
        && word_count_to(cap, MIN_CAPTION_UNDER_CREDIT_WORDS) >= MIN_CAPTION_UNDER_CREDIT_WORDS
        && word_count_to(cap, 81) <= 80
        && cx.page.credit(j, cx.rules).is_none()
        && super::dateline::at_start(cap, cx.rules).is_none();
    (caption_like && cx.next(j).is_some()).then(|| {
        Claim::whole(
            Class::Chrome,
            Rule::CreditAboveCaption,
            Role::Credit(Some(t.to_string())),
            cx.page.span(i, t),
        )
    })
}

/// The caption under a credit set above it.
fn caption_under_credit(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    (cx.prev_rule(i) == Some(Rule::CreditAboveCaption)).then(|| {
        Claim::whole(
            Class::Caption,
            Rule::CaptionUnderCredit,
            Role::Field(Field::Caption),
            cx.page.span(i, cx.t(i)),
        )
    })
}

/// A line of text with a credit alone on the next line: a caption.
fn caption_before_credit(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    (head::credit_follows(cx, i) && word_count_to(t, 81) <= 80).then(|| {
        Claim::whole(
            Class::Caption,
            Rule::CaptionBeforeCredit,
            Role::Field(Field::Caption),
            cx.page.span(i, t),
        )
    })
}

/// A line that is only a sign-off (`-- BERNAMA-KYODO`).
pub(crate) fn sign_off_line(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let (before, agency) = lead::signed_off(t, cx.rules)?;
    before.is_empty().then(|| {
        Claim::new(
            Class::SignOff,
            Rule::SignOffLine,
            vec![cx.page.part(i, Role::Field(Field::Source), agency)],
        )
    })
}

/// `> The Star: ...`: a vernacular press round-up's item, a paragraph of its own.
fn round_up_item(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let item = t.strip_prefix("> ").or_else(|| t.strip_prefix(">\u{a0}"))?;
    let mut parts = Vec::with_capacity(1);
    text_parts(cx, i, item.trim(), Glue::New, &mut parts);
    Some(Claim::new(Class::Body, Rule::RoundUpItem, parts))
}

/// A round-up item's title (see `layout::is_item_title`): a subheading.
fn item_title(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    (cx.layout.is_roundup() && super::layout::is_item_title(cx.page, cx.rules, i)).then(|| {
        Claim::whole(
            Class::Subheading,
            Rule::ItemTitle,
            Role::Field(Field::Subheading),
            cx.page.span(i, cx.t(i)),
        )
    })
}

/// The text of the paragraph the last body line before `i` ended, if that line was body text
/// (chrome lines between do not count: a promo line inside a split sentence is skipped).
fn paragraph_before<'t>(cx: &Cx<'_, 't>, i: usize) -> Option<&'t str> {
    let mut j = i;
    loop {
        let (k, line) = cx.prev(j)?;
        if matches!(line.class, Class::Chrome | Class::HeadlineCopy) {
            j = k;
            continue;
        }
        let last = line.parts.last()?;
        return matches!(last.role, Role::Paragraph(_)).then(|| &cx.page.raw[k][last.span.clone()]);
    }
}

/// Link text split onto its own line: the paragraph before is unfinished, and this line (or
/// the one after) carries on the sentence.
fn link_text_rejoined(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let prev = paragraph_before(cx, i)?;
    let t = cx.t(i);
    if !should_join(cx, prev, t, cx.next_text(i)) {
        return None;
    }
    // Link text split off before punctuation or a possessive rejoins without a space:
    // `MySejahtera` + `.`, `Boustead` + `'s yard`.
    let tight = t.starts_with(['.', ',', ';', ':', '!', '?', ')', '%'])
        || t.starts_with("'s ")
        || t.starts_with("’s ")
        || t == "'s"
        || t == "’s";
    let glue = if tight { Glue::Tight } else { Glue::Space };
    let mut parts = Vec::with_capacity(1);
    text_parts(cx, i, t, glue, &mut parts);
    Some(Claim::new(Class::Body, Rule::LinkTextRejoined, parts))
}

fn should_join(cx: &Cx<'_, '_>, prev: &str, t: &str, next: Option<&str>) -> bool {
    if ends_terminal(prev) {
        return false;
    }
    starts_lowercase(t)
        || t.starts_with([',', ';', ')', '.', ':', '’', '\''])
        || cx.rules.unfinished_words.contains(&last_word_lower(prev))
        || (next.is_some_and(starts_lowercase) && word_count_to(t, 9) <= 8 && !ends_terminal(t))
}

/// A short unpunctuated line between finished paragraphs, followed by more text; before the
/// first paragraph, only an all-caps one (a video page's section head).
fn subheading(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    let t = cx.t(i);
    let before = if cx.seen.paragraph {
        Some(paragraph_before_any(cx, i)?)
    } else {
        None
    };
    is_subheading(cx, t, before, cx.next_text(i)).then(|| {
        Claim::whole(
            Class::Subheading,
            Rule::Subheading,
            Role::Field(Field::Subheading),
            cx.page.span(i, t),
        )
    })
}

/// The end of the last paragraph before `i`, wherever it stands.
fn paragraph_before_any<'t>(cx: &Cx<'_, 't>, i: usize) -> Option<&'t str> {
    cx.done[..i].iter().enumerate().rev().find_map(|(k, line)| {
        line.parts
            .iter()
            .rev()
            .find(|p| matches!(p.role, Role::Paragraph(_)))
            .map(|p| &cx.page.raw[k][p.span.clone()])
    })
}

fn is_subheading(cx: &Cx<'_, '_>, t: &str, prev: Option<&str>, next: Option<&str>) -> bool {
    if t.len() > 90 {
        return false;
    }
    // A head set in quotes (`‘Rise with me’`), a phrase and no sentence: the words inside it.
    let t = quoted_head(t).unwrap_or(t);
    let words = word_count(t);
    if words == 0 || words > 10 || starts_lowercase(t) {
        return false;
    }
    if t.ends_with(['.', ',', ';', ':', '-', '—'])
        || t.starts_with(['\'', '"', '‘', '“', '(', '-', '—', '•', '*', '·', '>'])
    {
        return false;
    }
    // A list item (`1. Apply online`, `2) Pay the fee`) is a paragraph, not a head.
    let first_word = t.split_whitespace().next().unwrap_or("");
    let numbered = first_word.len() <= 4
        && first_word.ends_with(['.', ')'])
        && first_word
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit());
    // A question of some length between paragraphs is the writer asking it, not a head; a
    // line ending in `the` or `of` is the start of a sentence a link split.
    let question = t.ends_with('?') && words >= 5;
    if cx.rules.unfinished_words.contains(&last_word_lower(t)) {
        return false;
    }
    if numbered || question || !t.chars().any(char::is_alphabetic) || super::text::is_bare_token(t)
    {
        return false;
    }
    let all_caps = !t.chars().any(char::is_lowercase);
    match prev {
        Some(p) if !ends_terminal(p) => return false,
        None if !all_caps => return false,
        _ => {}
    }
    next.is_some_and(|n| {
        !cx.rules.is_chrome(n)
            && (word_count(n) > words || ends_terminal(n))
            && !(all_caps && word_count_to(n, 11) <= 10 && !n.chars().any(char::is_lowercase))
    })
}

/// The words of a head set wholly in one pair of quotes (`‘Rise with me’`, `"A new start"`):
/// two words or more, no other quote and no sentence ending inside.
fn quoted_head(t: &str) -> Option<&str> {
    let open = t.chars().next()?;
    let close = match open {
        '‘' => '’',
        '“' => '”',
        '\'' | '"' => open,
        _ => return None,
    };
    let inner = t[open.len_utf8()..].strip_suffix(close)?;
    // An apostrophe inside a word (`Don’t`, `Rosli's`) is no closing quote.
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let quotes_inside = inner
        .match_indices(['‘', '’', '“', '”', '"', '\''])
        .any(|(k, q)| {
            let apostrophe = matches!(q, "’" | "'")
                && word(inner[..k].chars().next_back())
                && word(inner[k + q.len()..].chars().next());
            !apostrophe
        });
    let clean = !quotes_inside
        && !inner.contains(['.', '!', '?', ',', ';', ':'])
        && !inner.starts_with(char::is_whitespace)
        && word_count_to(inner, 2) >= 2;
    clean.then_some(inner)
}

/// The lead: the first paragraph, which may open with a glued byline, a dateline, or a bare
/// caption and a dateline. After FMT's place-alone dateline it is plain text.
fn lead_line(cx: &Cx<'_, '_>, i: usize) -> Option<Claim> {
    // A round-up's items keep their datelines in their text: the page has none of its own.
    if cx.seen.paragraph || cx.layout.is_roundup() {
        return None;
    }
    let t = cx.t(i);
    if cx.seen.dateline {
        let mut parts = Vec::with_capacity(1);
        let rule = text_parts(cx, i, t, Glue::New, &mut parts);
        return Some(Claim::new(
            Class::Body,
            rule.unwrap_or(Rule::LeadAfterDatelineLine),
            parts,
        ));
    }
    let o = lead::opening(t, cx.rules, !cx.seen.byline);
    if o.is_empty() {
        return None;
    }
    let (rule, class) = match (&o.byline, &o.datelined) {
        (Some(_), _) if o.rest.trim().is_empty() && o.datelined.is_none() => {
            (Rule::LeadAfterCompiledBy, Class::Byline)
        }
        (Some(_), _) => (Rule::LeadAfterCompiledBy, Class::Body),
        (None, Some(d)) if d.bare_caption.is_some() => (Rule::BareCaptionThenDateline, Class::Body),
        (None, Some(_)) if o.rest.trim().is_empty() => (Rule::LeadWithDateline, Class::Dateline),
        _ => (Rule::LeadWithDateline, Class::Body),
    };
    let mut parts = o.parts(cx.page, i);
    // The lead's text is the body's last line on a one-paragraph page: its sign-off too.
    if let Some(last) = parts.pop() {
        if matches!(last.role, Role::Paragraph(_)) {
            text_parts(
                cx,
                i,
                &cx.page.raw[i][last.span.clone()],
                Glue::New,
                &mut parts,
            );
        } else {
            parts.push(last);
        }
    }
    Some(Claim::new(class, rule, parts))
}
