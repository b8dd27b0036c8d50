//! Normalising a dump into numbered lines, and the ledger every later pass writes into: one
//! class and rule per line (what `--explain` prints) and the chrome fragments removed, kept in
//! input order so `boilerplate` reads like the page.
//!
//! Line endings are folded (CRLF and lone CR become LF) and a byte order mark is dropped, so the
//! same page saved on Windows or by an old Mac tool gives the same record.

use std::borrow::Cow;

/// What a line was classified as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Blank,
    Chrome,
    Headline,
    HeadlineCopy,
    Standfirst,
    Byline,
    Publisher,
    Dateline,
    Caption,
    Body,
    Subheading,
    SignOff,
    Topic,
    TeaserHeader,
    TeaserHeadline,
    TeaserBody,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Blank => "blank",
            Class::Chrome => "chrome",
            Class::Headline => "headline",
            Class::HeadlineCopy => "headline-copy",
            Class::Standfirst => "standfirst",
            Class::Byline => "byline",
            Class::Publisher => "publisher",
            Class::Dateline => "dateline",
            Class::Caption => "caption",
            Class::Body => "body",
            Class::Subheading => "subheading",
            Class::SignOff => "sign-off",
            Class::Topic => "topic",
            Class::TeaserHeader => "teaser-header",
            Class::TeaserHeadline => "teaser-headline",
            Class::TeaserBody => "teaser-body",
        }
    }
}

/// The text with line endings folded and the BOM dropped.
pub(crate) fn normalise(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// One dump being parsed: its lines and the ledger of decisions about them.
pub(crate) struct Doc<'t> {
    /// The raw lines, as split on LF.
    pub raw: Vec<&'t str>,
    /// The part of each line still to be placed, after glued chrome (a crawler prefix, a leading
    /// `Advertisement `, a trailing `Text Size:`) was cut off. Always a sub-slice of `raw`.
    pub text: Vec<&'t str>,
    notes: Vec<Option<(Class, Cow<'static, str>)>>,
    chrome: Vec<(usize, usize, String)>,
}

impl<'t> Doc<'t> {
    pub fn new(text: &'t str) -> Doc<'t> {
        let raw: Vec<&str> = text.split('\n').collect();
        let n = raw.len();
        Doc {
            text: raw.clone(),
            raw,
            notes: vec![None; n],
            chrome: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// The trimmed remaining text of line `i`.
    pub fn t(&self, i: usize) -> &'t str {
        self.text[i].trim()
    }

    pub fn is_blank(&self, i: usize) -> bool {
        self.text[i].trim().is_empty()
    }

    /// Records the class of line `i`, unless an earlier pass already placed it.
    pub fn note(&mut self, i: usize, class: Class, rule: impl Into<Cow<'static, str>>) {
        if self.notes[i].is_none() {
            self.notes[i] = Some((class, rule.into()));
        }
    }

    /// Records the class of line `i`, replacing any earlier note.
    pub fn renote(&mut self, i: usize, class: Class, rule: impl Into<Cow<'static, str>>) {
        self.notes[i] = Some((class, rule.into()));
    }

    pub fn class(&self, i: usize) -> Option<Class> {
        self.notes[i].as_ref().map(|(c, _)| *c)
    }

    /// Records a fragment `frag` of line `i` as removed chrome. `frag` must be a sub-slice of the
    /// raw line, or any string when `offset` is given explicitly via `chrome_at`.
    pub fn chrome_fragment(&mut self, i: usize, frag: &str) {
        let off = offset_in(self.raw[i], frag);
        self.chrome_at(i, off, frag);
    }

    pub fn chrome_at(&mut self, i: usize, offset: usize, frag: &str) {
        let frag = frag.trim();
        if !frag.is_empty() {
            self.chrome.push((i, offset, frag.to_string()));
        }
    }

    /// The whole remaining text of line `i` is chrome.
    pub fn chrome_line(&mut self, i: usize, rule: impl Into<Cow<'static, str>>) {
        let t = self.text[i];
        self.chrome_fragment(i, t);
        self.note(i, Class::Chrome, rule);
    }

    /// Cuts a glued fragment off the start or end of line `i`'s remaining text and records it.
    pub fn cut_glued(&mut self, i: usize, start: usize, end: usize) {
        let t = self.text[i];
        let frag = &t[start..end];
        self.chrome_fragment(i, frag);
        self.text[i] = if start == 0 { &t[end..] } else { &t[..start] };
    }

    /// The boilerplate list, in input order.
    pub fn take_boilerplate(&mut self) -> Vec<String> {
        let mut c = std::mem::take(&mut self.chrome);
        c.sort_by_key(|(line, off, _)| (*line, *off));
        c.into_iter().map(|(_, _, s)| s).collect()
    }

    /// One note per line; lines no pass claimed are blank or, defensively, body.
    pub fn take_notes(&mut self) -> Vec<(Class, Cow<'static, str>)> {
        (0..self.len())
            .map(|i| match self.notes[i].take() {
                Some(n) => n,
                None if self.is_blank(i) => (Class::Blank, Cow::Borrowed("blank")),
                None => (Class::Body, Cow::Borrowed("unplaced")),
            })
            .collect()
    }
}

/// Byte offset of `part` inside `whole` when it is a sub-slice of it, else 0.
pub(crate) fn offset_in(whole: &str, part: &str) -> usize {
    let w = whole.as_ptr() as usize;
    let p = part.as_ptr() as usize;
    if p >= w && p + part.len() <= w + whole.len() {
        p - w
    } else {
        0
    }
}

/// Whether text ends like a finished sentence or a closed quote (so the scraper did not cut it
/// and a following line is not its continuation).
pub(crate) fn ends_terminal(s: &str) -> bool {
    let s = s.trim_end();
    match s.chars().last() {
        None => false,
        Some(c) => {
            matches!(
                c,
                '.' | '!' | '?' | ':' | ';' | '\'' | '"' | '”' | '’' | ')' | ']' | '…' | '»'
            ) || is_emoji_like(c)
        }
    }
}

fn is_emoji_like(c: char) -> bool {
    let u = c as u32;
    (0x1F000..=0x1FAFF).contains(&u) || (0x2600..=0x27BF).contains(&u)
}

/// Whether text reads as finished: closing punctuation, or a sign-off after a finished sentence
/// (`... the ministry said. — Reuters` ends in a letter but was not cut).
pub(crate) fn ends_finished(s: &str, rules: &crate::rules::CompiledRules) -> bool {
    if ends_terminal(s) {
        return true;
    }
    match super::signoff::at_end(s, rules) {
        Some((at, _)) => {
            let before = s[..at].trim_end();
            before.is_empty() || ends_terminal(before)
        }
        None => false,
    }
}

/// Whether two lines are the same headline as a reader compares them: curly quotes and
/// straight ones alike, dashes alike, runs of white space alike. It walks both strings once
/// without allocating, since the body pass asks it of every line.
pub(crate) fn same_headline(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        let mut words = s.split_whitespace();
        let first = words.next();
        first
            .into_iter()
            .flat_map(str::chars)
            .chain(words.flat_map(|w| std::iter::once(' ').chain(w.chars())))
            .map(|c| match c {
                '‘' | '’' | '`' | '´' => '\'',
                '“' | '”' => '"',
                '–' | '—' => '-',
                c => c,
            })
    }
    let (a, b) = (a.trim(), b.trim());
    // Quotes change a line's length by two bytes each; a line much longer or shorter than the
    // headline cannot be a copy of it.
    if a == b {
        return true;
    }
    if a.len().abs_diff(b.len()) > 24 {
        return false;
    }
    norm(a).eq(norm(b))
}

/// Number of white-space separated words.
pub(crate) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}
