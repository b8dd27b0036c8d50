//! How a lead opens and how a story closes, for the main article and for teasers alike: a
//! photo caption and its credit, a byline glued before the lead (`Compiled by ...`), the
//! dateline, and the sign-off at the end.
//!
//! Both the body pass and the card pass call these, so a fix to the lead lands in both. Each
//! function returns slices of the text it was given; the caller turns them into a line's parts.

use super::caption::{self, Credit};
use super::dateline;
use super::line::{Glue, Part, Role};
use super::page::Page;
use super::signoff;
use super::text::{ends_terminal, starts_lowercase, starts_with_ignore_case, word_count_to};
use crate::article::Dateline;
use crate::rules::CompiledRules;

/// A caption longer than this many words is a paragraph that happens to hold a credit.
const MAX_CAPTION_WORDS: usize = 80;

/// A photo caption closed by its credit, and what follows on the line.
#[derive(Debug)]
pub(crate) struct Captioned<'t> {
    pub caption: &'t str,
    pub marker: &'t str,
    pub credit: Option<String>,
    pub rest: &'t str,
}

/// `Rescuers at the site. (Bernama pic) KUCHING: ...`: a caption with a credit, when what
/// follows the credit can open a paragraph (nothing, a dateline, or anything after a finished
/// caption sentence of some length).
pub(crate) fn captioned<'t>(t: &'t str, rules: &CompiledRules) -> Option<Captioned<'t>> {
    captioned_by(t, caption::find_credit(t, rules)?, rules)
}

/// [`captioned`], with the credit of `t` already found.
pub(crate) fn captioned_by<'t>(
    t: &'t str,
    cr: Credit,
    rules: &CompiledRules,
) -> Option<Captioned<'t>> {
    let cap = t[..cr.start].trim();
    let rest = t[cr.end..].trim();
    let rest_opens = rest.is_empty()
        || dateline::at_start(rest, rules).is_some()
        || (ends_terminal(cap) && word_count_to(cap, 4) >= 3);
    (!cap.is_empty()
        && word_count_to(cap, MAX_CAPTION_WORDS + 1) <= MAX_CAPTION_WORDS
        && rest_opens)
        .then(|| Captioned {
            caption: cap,
            marker: &t[cr.start..cr.end],
            credit: cr.credit,
            rest,
        })
}

/// A line that is only a credit (`— Reuters pic`, `PHOTO: Screengrab/Facebook`,
/// `Image: Jane Roe`): it completes the caption above it, or stands for a photo shown with no
/// caption.
#[cfg(test)]
pub(crate) fn credit_alone(t: &str, rules: &CompiledRules) -> Option<Credit> {
    credit_alone_by(t, caption::find_credit(t, rules), rules)
}

/// `credit_alone`, with the credit of `t` already found: a line that is only a credit.
pub(crate) fn credit_alone_by(
    t: &str,
    found: Option<Credit>,
    rules: &CompiledRules,
) -> Option<Credit> {
    found
        .filter(|cr| t[..cr.start].trim().is_empty() && t[cr.end..].trim().is_empty())
        .or_else(|| labelled_credit(t, rules))
        .or_else(|| slashed_credit(t, rules))
}

/// The most words of a photographer's name before the slash of a credit line.
const MAX_SLASHED_NAME_WORDS: usize = 4;

/// `Jo Tan/Bloomberg`: a photographer and the agency, outlet or photo source they shoot for,
/// alone on a line.
fn slashed_credit(t: &str, rules: &CompiledRules) -> Option<Credit> {
    let t = t.trim();
    let (who, from) = t.split_once('/')?;
    let from = from.trim();
    let known = rules.is_known_source(from);
    let words: Vec<&str> = who.split_whitespace().collect();
    let named = (1..=MAX_SLASHED_NAME_WORDS).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !ends_terminal(who);
    (known && named).then(|| Credit {
        start: 0,
        end: t.len(),
        credit: Some(t.to_string()),
    })
}

/// The most words a labelled credit names.
const MAX_LABELLED_CREDIT_WORDS: usize = 8;

/// `PHOTO: Screengrab/Facebook`, `Image: Jane Roe`, `Top photo from Jane Roe`: a credit word
/// and a colon (or a credit phrase ending in `from`/`by`/`of`), then who supplied the photo.
fn labelled_credit(t: &str, rules: &CompiledRules) -> Option<Credit> {
    rules.credit_words.iter().find_map(|w| {
        if !starts_with_ignore_case(t, w) {
            return None;
        }
        let rest = t.get(w.len()..)?;
        let phrase = w.ends_with(" from") || w.ends_with(" by") || w.ends_with(" of");
        let colon = rest.trim_start().starts_with(':');
        if !(colon || (phrase && rest.starts_with(char::is_whitespace))) {
            return None;
        }
        let name = rest.trim_start().trim_start_matches(':').trim();
        let fits = !name.is_empty()
            && word_count_to(name, MAX_LABELLED_CREDIT_WORDS + 1) <= MAX_LABELLED_CREDIT_WORDS
            && !name.ends_with('.');
        let credit =
            (!rules.unnamed_credits.contains(&name.to_lowercase())).then(|| name.to_string());
        fits.then_some(Credit {
            start: 0,
            end: t.len(),
            credit,
        })
    })
}

/// A byline glued before the lead: its label, the names, and the rest of the line.
#[derive(Debug)]
pub(crate) struct GluedByline<'t> {
    pub label: &'t str,
    pub names: &'t str,
    /// Chrome between the names and the rest (Daily Express's `Text Size:`).
    pub trailer: Option<&'t str>,
    pub rest: &'t str,
}

/// `Compiled by A. RAJ and L. WONG KUALA LUMPUR: ...`: the names end where a dateline or an
/// ordinary sentence starts.
pub(crate) fn glued_byline<'t>(t: &'t str, rules: &CompiledRules) -> Option<GluedByline<'t>> {
    let label = rules
        .compiled_by_labels
        .iter()
        .find(|l| starts_with_ignore_case(t, l))?;
    let mut end = label.len();
    if t[end..].starts_with(':') {
        end += 1;
    }
    let after = &t[end..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let (names, rest) = split_names(after.trim_start(), rules)?;
    Some(GluedByline {
        label: &t[..end],
        names,
        trailer: None,
        rest,
    })
}

/// Daily Express's header run into its lead (`By: Rina Abu Text Size: Workers at the jetty.`,
/// then the credit, the dateline and the lead): the byline, the `Text Size:` control, then the
/// rest.
pub(crate) fn header_byline<'t>(t: &'t str, rules: &CompiledRules) -> Option<GluedByline<'t>> {
    const CONTROL: &str = "Text Size:";
    let at = t.find(CONTROL)?;
    let label = rules
        .byline_labels
        .iter()
        .find(|l| starts_with_ignore_case(t, l) && t[l.len()..].starts_with(':'))?;
    let names = t[label.len() + 1..at].trim();
    if names.is_empty() || !super::head::looks_like_names(names, rules) {
        return None;
    }
    Some(GluedByline {
        label: &t[..label.len() + 1],
        names,
        trailer: Some(&t[at..at + CONTROL.len()]),
        rest: t[at + CONTROL.len()..].trim_start(),
    })
}

fn split_names<'a>(rest: &'a str, rules: &CompiledRules) -> Option<(&'a str, &'a str)> {
    let ends = rest.match_indices(' ').map(|(i, _)| i).chain([rest.len()]);
    for e in ends {
        let names = rest[..e].trim();
        let after = rest[e..].trim_start();
        if !super::head::looks_like_names(names, rules) {
            break;
        }
        let next_word = after.split_whitespace().next().unwrap_or("");
        // An initial (`L.`) is followed by the surname it abbreviates.
        let ends_in_initial = names
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.len() == 2 && w.ends_with('.'));
        if names.ends_with(" and")
            || ends_in_initial
            || matches!(next_word, "and" | "&" | "dan")
            || next_word.ends_with('.') && next_word.len() <= 3
        {
            continue;
        }
        let caps_names = names
            .split_whitespace()
            .filter(|w| !matches!(*w, "and" | "dan" | "&"))
            .all(|w| !w.chars().any(char::is_lowercase));
        let lead_starts = after.is_empty()
            || dateline::at_start(after, rules).is_some()
            || (caps_names && next_word.chars().any(char::is_lowercase))
            || starts_lowercase(after);
        if lead_starts {
            return Some((names, after));
        }
    }
    None
}

/// A dateline opening `t`, maybe after a caption with no credit (`...at the site yesterday.
/// SANDAKAN: Rescuers ...`), and the text after it.
#[derive(Debug)]
pub(crate) struct Datelined<'t> {
    pub bare_caption: Option<&'t str>,
    pub shown: &'t str,
    pub dateline: Dateline,
    pub rest: &'t str,
}

pub(crate) fn datelined<'t>(
    t: &'t str,
    rules: &CompiledRules,
    bare_caption: bool,
) -> Option<Datelined<'t>> {
    if let Some((d, len)) = dateline::at_start(t, rules) {
        return Some(Datelined {
            bare_caption: None,
            shown: t[..len].trim(),
            dateline: d,
            rest: &t[len..],
        });
    }
    if !bare_caption {
        return None;
    }
    if let Some(d) = glued_dateline(t, rules) {
        return Some(d);
    }
    let (cut, d, rest) = dateline::after_bare_caption(t, rules)?;
    let shown_start = cut + (t[cut..].len() - t[cut..].trim_start().len());
    Some(Datelined {
        bare_caption: Some(t[..cut].trim()),
        shown: t[shown_start..rest].trim(),
        dateline: d,
        rest: &t[rest..],
    })
}

/// How far into a line a glued dateline is looked for.
const MAX_GLUED_PREFIX: usize = 80;

/// `Fadiah Nadwa FikriPETALING JAYA: ...`, `river-clean-up-1KUALA LUMPUR: ...`: a caption with
/// no credit, or an image's file name, glued to an all-caps dateline with no space.
fn glued_dateline<'t>(t: &'t str, rules: &CompiledRules) -> Option<Datelined<'t>> {
    let b = t.as_bytes();
    let end = t.len().min(MAX_GLUED_PREFIX);
    (2..end).find_map(|p| {
        let glued = (b[p - 1].is_ascii_lowercase() || b[p - 1].is_ascii_digit())
            && b[p].is_ascii_uppercase()
            && b.get(p + 1).is_some_and(u8::is_ascii_uppercase);
        if !glued {
            return None;
        }
        // The glued word is a name or a file name (`Fikri`, `clean-up-1`), and the dateline
        // has FMT's colon: `bERNAMA-KYODO` is no caption and dateline.
        let word = t[..p].rsplit(char::is_whitespace).next().unwrap_or("");
        let named = word.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && word.starts_with(|c: char| c.is_uppercase());
        if !named {
            return None;
        }
        let (d, len) = dateline::at_start(&t[p..], rules)?;
        let coloned = t[p..p + len].trim_end().ends_with(':');
        (coloned
            && !d
                .place
                .as_deref()
                .unwrap_or("")
                .chars()
                .any(char::is_lowercase))
        .then(|| Datelined {
            bare_caption: Some(&t[..p]),
            shown: t[p..p + len].trim(),
            dateline: d,
            rest: &t[p + len..],
        })
    })
}

/// An image's file name (`river-clean-up-1`, `Minister_visit_600`): one token of words joined
/// by `-` or `_`.
fn is_file_name(s: &str) -> bool {
    !s.contains(char::is_whitespace) && (s.contains('_') || s.matches('-').count() >= 2)
}

/// What opens a lead line, in the order it can stand: a captioned photo, a glued byline, a
/// dateline (after a bare caption when there was no credited one), then the lead's text.
#[derive(Debug, Default)]
pub(crate) struct Opening<'t> {
    pub captioned: Option<Captioned<'t>>,
    pub byline: Option<GluedByline<'t>>,
    pub datelined: Option<Datelined<'t>>,
    pub rest: &'t str,
}

/// Reads the opening of `t`. `byline` says whether a glued byline may stand there (not on a
/// page that already has one, and not in a teaser).
pub(crate) fn opening<'t>(t: &'t str, rules: &CompiledRules, byline: bool) -> Opening<'t> {
    let mut o = Opening {
        rest: t,
        ..Opening::default()
    };
    if byline {
        if let Some(b) = header_byline(t, rules) {
            o.rest = b.rest;
            o.byline = Some(b);
        }
    }
    if let Some(c) = captioned(o.rest, rules) {
        o.rest = c.rest;
        o.captioned = Some(c);
    }
    if byline && o.byline.is_none() {
        if let Some(b) = glued_byline(o.rest, rules) {
            o.rest = b.rest;
            o.byline = Some(b);
        }
    }
    if let Some(d) = datelined(o.rest, rules, o.captioned.is_none()) {
        o.rest = d.rest;
        o.datelined = Some(d);
    }
    o
}

impl Opening<'_> {
    /// Whether anything opened the line besides its text.
    pub fn is_empty(&self) -> bool {
        self.captioned.is_none() && self.byline.is_none() && self.datelined.is_none()
    }

    /// The opening as parts of line `i`, the text as a new paragraph.
    pub fn parts(&self, page: &Page<'_>, i: usize) -> Vec<Part> {
        let mut out = Vec::with_capacity(5);
        if let Some(c) = &self.captioned {
            caption_parts(page, i, c, &mut out);
        }
        if let Some(b) = &self.byline {
            out.push(page.part(i, Role::Chrome, b.label));
            out.push(page.part(i, Role::Field(super::line::Field::Byline), b.names));
            if let Some(tr) = b.trailer {
                out.push(page.part(i, Role::Chrome, tr));
            }
        }
        if let Some(d) = &self.datelined {
            datelined_parts(page, i, d, &mut out);
        }
        if !self.rest.trim().is_empty() {
            out.push(page.part(i, Role::Paragraph(Glue::New), self.rest));
        }
        // In the order they stand in the line: a header byline comes before the caption.
        out.sort_by_key(|p| p.span.start);
        out
    }
}

/// A captioned photo as parts: the caption, then its credit marker.
pub(crate) fn caption_parts(page: &Page<'_>, i: usize, c: &Captioned<'_>, out: &mut Vec<Part>) {
    out.push(page.part(i, Role::Field(super::line::Field::Caption), c.caption));
    out.push(page.part(i, Role::Credit(c.credit.clone()), c.marker));
}

/// A dateline (and the bare caption before it) as parts.
pub(crate) fn datelined_parts(page: &Page<'_>, i: usize, d: &Datelined<'_>, out: &mut Vec<Part>) {
    if let Some(cap) = d.bare_caption {
        let role = if is_file_name(cap) {
            Role::Chrome
        } else {
            Role::Field(super::line::Field::Caption)
        };
        out.push(page.part(i, role, cap));
    }
    out.push(page.part(i, Role::Dateline(Box::new(d.dateline.clone())), d.shown));
}

/// A sign-off closing `t` (`... the ministry said. — Reuters`): the text before it and the
/// agency as written.
pub(crate) fn signed_off<'t>(t: &'t str, rules: &CompiledRules) -> Option<(&'t str, &'t str)> {
    let (at, agency) = signoff::at_end(t, rules)?;
    Some((t[..at].trim_end(), agency))
}

/// Whether `t` reads as finished (see [`signoff::ends_finished`]).
pub(crate) fn ends_finished(t: &str, rules: &CompiledRules) -> bool {
    signoff::ends_finished(t, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    static RULES: std::sync::LazyLock<CompiledRules> =
        std::sync::LazyLock::new(|| Rules::builtin().compile().unwrap());

    #[test]
    fn caption_credit_and_dateline_open_one_line() {
        let o = opening(
            "Rescuers at the site. (Bernama pic) KUCHING: The search went on.",
            &RULES,
            true,
        );
        let c = o.captioned.as_ref().unwrap();
        assert_eq!(c.caption, "Rescuers at the site.");
        assert_eq!(c.credit.as_deref(), Some("Bernama"));
        assert_eq!(o.datelined.as_ref().unwrap().shown, "KUCHING:");
        assert_eq!(o.rest, "The search went on.");
    }

    #[test]
    fn a_bare_caption_before_a_dateline() {
        let o = opening(
            "Rescuers at the site yesterday. SANDAKAN: Rescuers searched.",
            &RULES,
            false,
        );
        let d = o.datelined.unwrap();
        assert_eq!(d.bare_caption, Some("Rescuers at the site yesterday."));
        assert_eq!(d.dateline.place.as_deref(), Some("SANDAKAN"));
        assert_eq!(o.rest, "Rescuers searched.");
    }

    #[test]
    fn a_glued_byline_ends_where_the_dateline_starts() {
        let b = glued_byline(
            "Compiled by A. RAJ and L. WONG KUALA LUMPUR: The papers said.",
            &RULES,
        )
        .unwrap();
        assert_eq!(b.label, "Compiled by");
        assert_eq!(b.names, "A. RAJ and L. WONG");
        assert!(b.rest.starts_with("KUALA LUMPUR:"));
    }

    #[test]
    fn labelled_credit_lines_are_credits() {
        let who = |t: &str| credit_alone(t, &RULES).map(|c| c.credit);
        assert_eq!(
            who("PHOTO: Screengrab/Facebook"),
            Some(Some("Screengrab/Facebook".into()))
        );
        assert_eq!(who("Image: Jane Roe"), Some(Some("Jane Roe".into())));
        assert_eq!(who("Photo: File pic"), Some(None));
        assert_eq!(who("Photo: The minister said the photo was old."), None);
        assert_eq!(who("Photographs of the site"), None);
        assert_eq!(
            who("Photo courtesy of Teko Rescue"),
            Some(Some("Teko Rescue".into()))
        );
        assert_eq!(
            who("Jo Tan/Bloomberg"),
            Some(Some("Jo Tan/Bloomberg".into()))
        );
        assert_eq!(who("Jo Tan/Teko Weekly"), None);
        assert_eq!(
            who("Bloomberg/Reuters"),
            Some(Some("Bloomberg/Reuters".into()))
        );
    }

    #[test]
    fn sign_offs_close_the_text() {
        assert_eq!(
            signed_off("It rained. — Reuters", &RULES),
            Some(("It rained.", "Reuters"))
        );
        assert_eq!(signed_off("It rained.", &RULES), None);
    }
}
