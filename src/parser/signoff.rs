//! Sign-offs: the wire credit closing an article (`— Reuters`, ` - Reuters` glued to the last
//! sentence, `-- BERNAMA-KYODO` on its own line).
//!
//! Only a dash followed by an agency the rules know (or a joint credit of known agencies) is a
//! sign-off. That keeps a flattened tweet's `— Some Name (@handle) March 3, 2025` in the body,
//! where SPEC wants it, without a special case for tweets.

use super::text::ends_terminal;
use crate::rules::CompiledRules;

/// Where a sign-off starts in `text` (the dash; the caller trims what is left) and the agency as
/// written, when `text` ends with one.
pub(crate) fn at_end<'t>(text: &'t str, rules: &CompiledRules) -> Option<(usize, &'t str)> {
    let t = text.trim_end();
    // Agencies are short: looking at the last 60 bytes keeps this linear on one-line dumps.
    let floor = t.len().saturating_sub(60);
    let mut found = None;
    for (i, ch) in t.char_indices().rev() {
        if i < floor {
            break;
        }
        if !is_dash(ch) {
            continue;
        }
        // The dash must stand apart from the word before it (`BERNAMA-KYODO` is one credit).
        let mut start = i;
        let before = &t[..i];
        if ch == '-' && before.ends_with('-') {
            start = i - 1;
        }
        let prev = t[..start].chars().last();
        if prev.is_some_and(|c| {
            !c.is_whitespace() && !matches!(c, '.' | '!' | '?' | '\'' | '"' | '”' | '’' | ')')
        }) {
            continue;
        }
        let tail = t[i + ch.len_utf8()..].trim().trim_end_matches('.');
        if tail.is_empty() {
            continue;
        }
        // An outlet (`— The Star`) signs off too, but only after a finished sentence or on a
        // line of its own, where it cannot be the end of a sentence about that outlet.
        let before = t[..start].trim_end();
        let apart = before.is_empty() || ends_terminal(before);
        if rules.is_agency(tail)
            || (apart && (rules.is_publisher(tail) || run_together(tail, rules)))
            || (apart && initialled(tail, rules))
            || (apart && networked(tail, rules))
        {
            found = Some((start, tail));
        }
    }
    found
        .or_else(|| bracketed(t, rules))
        .or_else(|| glued(t, rules))
}

/// `... to be decided first.Yonhap`: an agency glued to the last sentence's full stop, as some
/// sites' markup leaves it; or set after it with a space and no dash (`... on March 3. AFP`,
/// `... dubbed “Iron Gate 24.” REUTERS`), as wire copy and its captions are signed.
fn glued<'t>(t: &'t str, rules: &CompiledRules) -> Option<(usize, &'t str)> {
    // Every agency name ends in a letter or a digit (a test holds the rules to that), and most
    // lines end in a full stop: those are done with here.
    if !t.ends_with(char::is_alphanumeric) {
        return None;
    }
    let dot = t.rfind('.')?;
    let tail = &t[dot + 1..];
    let before = t[..dot].chars().last()?;
    let glued = !tail.is_empty()
        && before.is_lowercase()
        && tail.starts_with(|c: char| c.is_uppercase())
        && rules.is_agency(tail);
    glued
        .then_some((dot + 1, tail))
        .or_else(|| after_sentence(t, rules))
}

/// `... on March 3. AFP`: a known agency, capitalised, after a space that follows a finished
/// sentence (its stop maybe inside a closing quote). The longest such agency wins
/// (`Kyodo News`, not `News`).
fn after_sentence<'t>(t: &'t str, rules: &CompiledRules) -> Option<(usize, &'t str)> {
    let floor = t.len().saturating_sub(40);
    t.char_indices()
        .filter(|&(i, c)| i >= floor && c.is_whitespace())
        .map(|(i, c)| i + c.len_utf8())
        .find_map(|k| {
            let tail = &t[k..];
            let before = t[..k].trim_end();
            (tail.starts_with(|c: char| c.is_uppercase())
                && rules.is_agency(tail)
                && sentence_closed(before))
            .then_some((k, tail))
        })
}

/// Whether `s` ends a sentence: `.`, `!`, `?` or `…`, maybe inside closing quotes.
fn sentence_closed(s: &str) -> bool {
    s.trim_end_matches(['"', '\'', '”', '’'])
        .ends_with(['.', '!', '?', '…'])
}

/// `-TekoGazette`: an outlet the rules know as `Teko Gazette`, its words run together into
/// one brand token, as outlets sign their own copy.
fn run_together(tail: &str, rules: &CompiledRules) -> bool {
    if tail.contains(char::is_whitespace) || !tail.starts_with(char::is_uppercase) {
        return false;
    }
    let l = tail.to_lowercase();
    rules.publishers.iter().any(|p| {
        p.contains(' ') && p.len() == l.len() + p.matches(' ').count() && p.replace(' ', "") == l
    })
}

/// The dashes a sign-off may open with: hyphen, en and em dashes, the figure dash and the
/// horizontal bar some outlets use.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-' | '‒' | '―')
}

/// `The Straits Times/ANN`: an outlet credited through a news network or agency, the outlet a
/// name of one to five capitalised words.
fn networked(tail: &str, rules: &CompiledRules) -> bool {
    let Some((outlet, network)) = tail.rsplit_once('/') else {
        return false;
    };
    let words: Vec<&str> = outlet.split_whitespace().collect();
    rules.is_agency(network)
        && (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// `RF, GMA Integrated News`: an editor's initials, then the outlet or agency.
fn initialled(tail: &str, rules: &CompiledRules) -> bool {
    let Some((initials, outlet)) = tail.split_once(", ") else {
        return false;
    };
    let caps = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase());
    initials.split('/').all(caps) && (rules.is_agency(outlet) || rules.is_publisher(outlet))
}

/// `... Kang added. (Yonhap)`: an agency in brackets after the last finished sentence.
fn bracketed<'t>(t: &'t str, rules: &CompiledRules) -> Option<(usize, &'t str)> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let agency = inner[open + 1..].trim();
    let before = t[..open].trim_end();
    (!before.is_empty() && ends_terminal(before) && rules.is_agency(agency))
        .then_some((open, agency))
}

/// Whether text reads as finished: closing punctuation, or a sign-off after a finished sentence
/// (`... the ministry said. — Reuters` ends in a letter but was not cut).
pub(crate) fn ends_finished(s: &str, rules: &CompiledRules) -> bool {
    if ends_terminal(s) {
        return true;
    }
    match at_end(s, rules) {
        Some((at, _)) => {
            let before = s[..at].trim_end();
            before.is_empty() || ends_terminal(before)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn so(s: &str) -> Option<(String, String)> {
        let r = Rules::builtin().compile().unwrap();
        at_end(s, &r).map(|(i, a)| (s[..i].trim_end().to_string(), a.to_string()))
    }

    #[test]
    fn every_agency_ends_in_a_letter_or_digit() {
        // `glued` relies on it to pass over lines that end in punctuation.
        for a in &Rules::builtin().agencies {
            assert!(a.ends_with(char::is_alphanumeric), "{a:?}");
        }
    }

    #[test]
    fn sign_offs_in_every_style() {
        assert_eq!(
            so("It rained. — Reuters"),
            Some(("It rained.".into(), "Reuters".into()))
        );
        assert_eq!(
            so("It rained. - Reuters"),
            Some(("It rained.".into(), "Reuters".into()))
        );
        assert_eq!(
            so("-- BERNAMA-KYODO"),
            Some(("".into(), "BERNAMA-KYODO".into()))
        );
        assert_eq!(so("-- BERNAMA"), Some(("".into(), "BERNAMA".into())));
        assert_eq!(
            so("It rained on March 3. AFP"),
            Some(("It rained on March 3.".into(), "AFP".into()))
        );
        assert_eq!(
            so("The drill was dubbed “Iron Gate 24.” REUTERS"),
            Some((
                "The drill was dubbed “Iron Gate 24.”".into(),
                "REUTERS".into()
            ))
        );
        assert_eq!(
            so("It rained. Kyodo News"),
            Some(("It rained.".into(), "Kyodo News".into()))
        );
        assert_eq!(so("He joined Reuters"), None);
        assert_eq!(so("Who broke it? Not Reuters"), None);
        assert_eq!(
            so("It rained. — AFP"),
            Some(("It rained.".into(), "AFP".into()))
        );
    }

    #[test]
    fn bracketed_agencies_and_initialled_outlets_sign_off() {
        assert_eq!(
            so("It rained, he added. (Yonhap)"),
            Some(("It rained, he added.".into(), "Yonhap".into()))
        );
        assert_eq!(so("The bridge (AFP) opened"), None);
        let r = Rules::builtin().compile().unwrap();
        let mut rules = Rules::builtin();
        rules.publishers.push("Teko News".into());
        let c = rules.compile().unwrap();
        assert!(at_end("It rained. —RF, Teko News", &r).is_none());
        assert_eq!(
            at_end("It rained. -TekoNews", &c).map(|(_, a)| a),
            Some("TekoNews")
        );
        assert!(at_end("It rained. -TekoNews", &r).is_none());
        assert!(at_end("It rained -TekoNews", &c).is_none());
        assert_eq!(
            at_end("It rained. —RF, Teko News", &c).map(|(_, a)| a),
            Some("RF, Teko News")
        );
    }

    #[test]
    fn a_flattened_tweet_is_not_a_sign_off() {
        assert_eq!(
            so("Stay safe. — Aina Rahman (@ainarahman) March 3, 2025"),
            None
        );
        assert_eq!(
            so("A well-known brand - Reuters"),
            Some(("A well-known brand".into(), "Reuters".into()))
        );
        assert_eq!(so("The price was up year-on-year"), None);
    }
}
