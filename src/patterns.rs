//! A list of the rules' regexes (chrome patterns, glued chrome, related headings), each compiled
//! on first use, behind the literals every one of its matches must start with.
//!
//! Compiling the rules' patterns was most of a one-file run: a hundred patterns, several
//! milliseconds, against well under one for parsing a typical dump. Most patterns open with a
//! literal (`^Save [0-9]+%`, `^(?:Cancel anytime|Auto-renewal)`), and a line that does not
//! start with it cannot match; so each pattern's possible first literals are read off its
//! source, indexed by first byte, and a pattern is compiled only when a line first passes its
//! gate. Patterns whose opening the reader does not take apart (a class first, a case-folding
//! flag, an alternation at the top) are compiled on first use and asked of every line. Only the
//! syntax is checked up front, with regex-syntax's parser (no Unicode tables: cheap).
//!
//! A pattern is first compiled light (regex-automata's meta engine without its lazy DFA, which
//! needs a reverse automaton too: a third of the compile time), which answers the few lines a
//! one-file run asks of it; once it has been asked `FULL_AFTER` times it is compiled again in
//! full, and a batch gets the lazy DFA's speed on its many lines. Both are the same regex, with
//! the same syntax and the same leftmost-first matches; tests hold each to the other.
//!
//! The gate is a necessary condition by construction, so the matches are those of the plain
//! regexes; `tests` hold the set to a `RegexSet` of the same patterns on every line of every
//! fixture and on generated texts.

use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use regex_automata::meta::{Config, Regex};

/// How many times a pattern answers on its light compile before it is compiled in full.
const FULL_AFTER: u32 = 64;

/// One pattern, its gate and its regex once compiled.
#[derive(Debug)]
struct Pattern {
    source: String,
    uses: AtomicU32,
    light: OnceLock<Option<Regex>>,
    full: OnceLock<Option<Regex>>,
}

impl Pattern {
    fn new(source: &str) -> Pattern {
        Pattern {
            source: source.to_owned(),
            uses: AtomicU32::new(0),
            light: OnceLock::new(),
            full: OnceLock::new(),
        }
    }

    /// The regex to ask now: the full one once it is built or due, else the light one.
    fn regex(&self) -> Option<&Regex> {
        if let Some(re) = self.full.get() {
            return re.as_ref();
        }
        if self.uses.fetch_add(1, Ordering::Relaxed) >= FULL_AFTER {
            return self
                .full
                .get_or_init(|| compile(&self.source, true))
                .as_ref();
        }
        self.light
            .get_or_init(|| compile(&self.source, false))
            .as_ref()
    }
}

/// `source` compiled with the syntax of the `regex` crate, in full or light.
fn compile(source: &str, full: bool) -> Option<Regex> {
    let config = if full {
        Config::new()
    } else {
        Config::new().hybrid(false).dfa(false)
    };
    Regex::builder().configure(config).build(source).ok()
}

/// How a pattern's matches begin, when that can be known from its syntax.
#[derive(Debug)]
enum Gate {
    /// Anchored at the start: the text starts with one of these.
    StartsWith(Vec<Vec<u8>>),
    /// Anchored at the start, case folded: the text starts with one of these (ASCII lower
    /// case) in any ASCII case.
    StartsWithFold(Vec<Vec<u8>>),
    /// Anywhere: the text contains one of these.
    Contains(Vec<Vec<u8>>),
    /// Nothing known: always asked.
    Open,
}

/// The most first literals a gate keeps; past that the pattern is always asked.
const MAX_LITERALS: usize = 96;

/// A list of patterns, in order.
#[derive(Debug)]
pub(crate) struct Patterns {
    patterns: Vec<Pattern>,
    /// For each first byte of an anchored literal: (pattern, literal, case folded) triples.
    by_first_byte: Vec<Vec<(usize, Vec<u8>, bool)>>,
    /// Patterns whose matches may start anywhere, with their literals' searchers (built once:
    /// `str::contains` sets up its searcher on every call).
    contains: Vec<(usize, Vec<memchr::memmem::Finder<'static>>)>,
    /// Patterns with no gate.
    open: Vec<usize>,
}

impl Patterns {
    /// Reads the patterns; a syntax error gives the index of the pattern and the message. The
    /// syntax of the first `checked` is known to be good (built-in patterns, compiled by a
    /// test). Nothing is compiled yet.
    pub(crate) fn new(sources: &[String], checked: usize) -> Result<Patterns, (usize, String)> {
        let mut set = Patterns {
            patterns: Vec::with_capacity(sources.len()),
            by_first_byte: vec![Vec::new(); 256],
            contains: Vec::new(),
            open: Vec::new(),
        };
        for (k, source) in sources.iter().enumerate() {
            if k >= checked {
                regex_syntax::ast::parse::Parser::new()
                    .parse(source)
                    .map_err(|e| (k, e.to_string()))?;
            }
            let g = match gate(source) {
                Gate::Open => {
                    required_literal(source).map_or(Gate::Open, |l| Gate::Contains(vec![l]))
                }
                g => g,
            };
            match g {
                Gate::StartsWith(lits) => {
                    for lit in lits {
                        set.by_first_byte[usize::from(lit[0])].push((k, lit, false));
                    }
                }
                Gate::StartsWithFold(lits) => {
                    for lit in lits {
                        let (lower, upper) = (lit[0], lit[0].to_ascii_uppercase());
                        set.by_first_byte[usize::from(lower)].push((k, lit.clone(), true));
                        if upper != lower {
                            set.by_first_byte[usize::from(upper)].push((k, lit, true));
                        }
                    }
                }
                Gate::Contains(lits) => {
                    let finders = lits
                        .iter()
                        .map(|l| memchr::memmem::Finder::new(l).into_owned())
                        .collect();
                    set.contains.push((k, finders));
                }
                Gate::Open => set.open.push(k),
            }
            set.patterns.push(Pattern::new(source));
        }
        Ok(set)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Pattern `k`, compiled now if it was not yet; `None` if it does not compile (its syntax
    /// was checked, so only a size limit can do that: `Rules::validate` compiles a user's
    /// patterns before any parsing, and a test the built-in ones). It then matches nothing.
    pub(crate) fn regex(&self, k: usize) -> Option<&Regex> {
        self.patterns[k].regex()
    }

    /// Where pattern `k` matches `text`: its first group when it has one (the group is what
    /// the pattern names, the rest of the match its context), else the whole match.
    pub(crate) fn find_named(&self, k: usize, text: &str) -> Option<Range<usize>> {
        let re = self.regex(k)?;
        if re.group_info().group_len(regex_automata::PatternID::ZERO) > 1 {
            let mut caps = re.create_captures();
            re.captures(text, &mut caps);
            caps.get_group(1).map(|g| g.range())
        } else {
            re.find(text).map(|m| m.range())
        }
    }

    /// The patterns `text` passes the gate of, in order: those that may match it.
    pub(crate) fn candidates(&self, text: &str) -> Vec<usize> {
        let b = text.as_bytes();
        let mut out: Vec<usize> = Vec::with_capacity(self.open.len() + 4);
        out.extend_from_slice(&self.open);
        if let Some(&first) = b.first() {
            out.extend(
                self.by_first_byte[usize::from(first)]
                    .iter()
                    .filter(|(_, lit, fold)| {
                        if *fold {
                            b.get(..lit.len())
                                .is_some_and(|h| h.eq_ignore_ascii_case(lit))
                        } else {
                            b.starts_with(lit)
                        }
                    })
                    .map(|(k, _, _)| *k),
            );
        }
        out.extend(
            self.contains
                .iter()
                .filter(|(_, finders)| finders.iter().any(|f| f.find(b).is_some()))
                .map(|(k, _)| *k),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The first pattern (lowest index) that matches `text`.
    pub(crate) fn first_match(&self, text: &str) -> Option<usize> {
        self.candidates(text)
            .into_iter()
            .find(|&k| self.regex(k).is_some_and(|re| re.is_match(text)))
    }

    /// Whether any pattern matches `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.first_match(text).is_some()
    }
}

/// The gate of a pattern: the literals every match starts with, read off the source's
/// opening: `^`, then literal characters, or a group of literal alternatives (`(?:A|B)`),
/// followed by more literal characters. Anything else ends the literal; a quantifier after
/// the last character takes that character back. An empty literal, or a `|` outside groups
/// (the opening then holds for one branch only), gives no gate.
fn gate(source: &str) -> Gate {
    if top_level_alternation(source) {
        return Gate::Open;
    }
    // Case folding for the whole pattern, or for an opening group (`^(?i:also read|related)`):
    // the group's literals in any case (what follows the group is not needed for a gate).
    if let Some(after) = source.strip_prefix("(?i)") {
        return match gate(after) {
            Gate::StartsWith(l) | Gate::StartsWithFold(l) => folded(l),
            _ => Gate::Open,
        };
    }
    if let Some(group) = source.strip_prefix("^(?i:") {
        return match literal_group(&format!("(?:{group}")) {
            Some((alts, len)) if !group[len - 3..].starts_with(['?', '*', '{']) => folded(alts),
            _ => Gate::Open,
        };
    }
    let anchored = source.starts_with('^');
    let rest = source.strip_prefix('^').unwrap_or(source);
    // An optional first character (`^~?(?:RM|S\$)`): the literals, with and without it.
    let mut first = rest.chars();
    if let (Some(c), Some('?')) = (first.next(), first.next()) {
        if anchored && !is_meta(c) && c != '\\' {
            let without = gate(&format!("^{}", first.as_str()));
            return match without {
                Gate::StartsWith(l) => {
                    let mut buf = [0; 4];
                    let c = c.encode_utf8(&mut buf).as_bytes();
                    let with: Vec<Vec<u8>> = l.iter().map(|l| [c, l].concat()).collect();
                    Gate::StartsWith(l.into_iter().chain(with).collect())
                }
                _ => Gate::Open,
            };
        }
    }
    // A word boundary first is zero-width: the literal after it still opens every match.
    for b in ["(?-u:\\b)", "\\b"] {
        if let Some(after) = rest.strip_prefix(b) {
            return match gate(after) {
                Gate::StartsWith(l) | Gate::Contains(l) => Gate::Contains(l),
                Gate::StartsWithFold(_) | Gate::Open => Gate::Open,
            };
        }
    }
    // The promo lines' optional bullet (`(?:\* ?)?`): the literal, with and without it.
    if let Some(after) = rest.strip_prefix("(?:\\* ?)?") {
        let again = if anchored {
            format!("^{after}")
        } else {
            after.to_string()
        };
        return match gate(&again) {
            Gate::StartsWith(l) => Gate::StartsWith(bulleted(l)),
            Gate::Contains(l) => Gate::Contains(bulleted(l)),
            Gate::StartsWithFold(_) | Gate::Open => Gate::Open,
        };
    }
    let mut lits: Vec<Vec<u8>> = vec![Vec::new()];
    let mut chars = rest.chars().peekable();
    if rest.starts_with("(?:") {
        let Some(alts) = literal_group(rest) else {
            return Gate::Open;
        };
        let group_len = alts.1;
        // An optional group (`(?:x)?`) may be skipped: no gate.
        if rest[group_len..].starts_with(['?', '*', '{']) {
            return Gate::Open;
        }
        lits = alts.0;
        chars = rest[group_len..].chars().peekable();
    }
    // A class first (`[0-9]`, `[A-Za-z]`), taken at least once: each of its characters.
    if lits == [Vec::<u8>::new()] && rest.starts_with('[') {
        return match leading_class(rest) {
            Some(class) if anchored => Gate::StartsWith(class),
            Some(class) => Gate::Contains(class),
            None => Gate::Open,
        };
    }
    let mut tail = Vec::new();
    while let Some(c) = chars.next() {
        let lit = match c {
            '\\' => match chars.next() {
                Some(e) if e.is_ascii_punctuation() => e,
                _ => break,
            },
            c if is_meta(c) => break,
            c => c,
        };
        if chars.peek().is_some_and(|n| matches!(n, '?' | '*' | '{')) {
            break;
        }
        let mut buf = [0; 4];
        tail.extend_from_slice(lit.encode_utf8(&mut buf).as_bytes());
    }
    for l in &mut lits {
        l.extend_from_slice(&tail);
    }
    if lits.iter().any(Vec::is_empty) || lits.len() > MAX_LITERALS {
        return Gate::Open;
    }
    if anchored {
        Gate::StartsWith(lits)
    } else {
        Gate::Contains(lits)
    }
}

/// Characters that are syntax, not text, outside a class.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$'
    )
}

/// Case-folded literals as a gate: each lower-cased and cut before its first character that is
/// not ASCII or that Unicode folds to a character outside ASCII (`k` to the Kelvin sign, `s` to
/// the long s), since `(?i)` matches those too. No gate if one comes out empty.
fn folded(lits: Vec<Vec<u8>>) -> Gate {
    let cut: Vec<Vec<u8>> = lits
        .into_iter()
        .map(|l| {
            l.iter()
                .map(u8::to_ascii_lowercase)
                .take_while(|b| b.is_ascii() && !matches!(b, b'k' | b's'))
                .collect()
        })
        .collect();
    if cut.is_empty() || cut.iter().any(Vec::is_empty) || cut.len() > MAX_LITERALS {
        Gate::Open
    } else {
        Gate::StartsWithFold(cut)
    }
}

/// The longest run of literal characters that every match holds, read off the pattern's top
/// level and the groups every match passes through once (no `|` directly inside, no quantifier
/// after), outside classes, with no case folding: `^\S*&w=[0-9]+` holds `&w=`, and
/// `\s(\* (?:Follow|Do))` holds `* `. A quantifier after a character takes it out of the run.
fn required_literal(source: &str) -> Option<Vec<u8>> {
    if top_level_alternation(source) || source.contains("(?i") {
        return None;
    }
    let mut best = Vec::new();
    let mut run = Vec::new();
    literal_runs(source, &mut run, &mut best)?;
    flush(&mut run, &mut best);
    (!best.is_empty()).then_some(best)
}

/// Ends the current run of literal text, keeping it if it is the longest yet.
fn flush(run: &mut Vec<u8>, best: &mut Vec<u8>) {
    if run.len() > best.len() {
        *best = std::mem::take(run);
    }
    run.clear();
}

/// `required_literal`'s scan of one sequence; `None` when the syntax is not read (an unclosed
/// group or class).
fn literal_runs(s: &str, run: &mut Vec<u8>, best: &mut Vec<u8>) -> Option<()> {
    let quantified = |rest: &str| rest.starts_with(['?', '*', '{', '+']);
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let next = i + c.len_utf8();
        match c {
            '\\' => {
                let e = s[next..].chars().next()?;
                let after = next + e.len_utf8();
                if e.is_ascii_punctuation() && !s[after..].starts_with(['?', '*', '{']) {
                    run.push(e as u8);
                } else {
                    flush(run, best);
                }
                i = after;
            }
            '[' => {
                flush(run, best);
                i = next + class_len(&s[next..])?;
            }
            '(' => {
                let close = next + group_len(&s[next..])?;
                let inner = &s[next..close];
                // The group's own prefix: `?:`, `?P<name>`, `?<name>`, flags (`?-u:`).
                let body = match inner.strip_prefix('?') {
                    Some(r) if r.starts_with('P') || r.starts_with('<') => &r[r.find('>')? + 1..],
                    Some(r) => &r[r.find(':').filter(|&k| !r[..k].contains(')'))? + 1..],
                    None => inner,
                };
                if top_level_alternation(body) || quantified(&s[close + 1..]) {
                    flush(run, best);
                } else {
                    literal_runs(body, run, best)?;
                }
                i = close + 1;
            }
            '{' => {
                // A counted repetition's bounds are no text.
                flush(run, best);
                i = next + s[next..].find('}')? + 1;
            }
            c if is_meta(c) => {
                flush(run, best);
                i = next;
            }
            c => {
                if s[next..].starts_with(['?', '*', '{']) {
                    flush(run, best);
                } else {
                    let mut buf = [0; 4];
                    run.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                i = next;
            }
        }
    }
    Some(())
}

/// The length of a class's body after its `[`, closing `]` included (a `]` first is part of
/// it).
fn class_len(s: &str) -> Option<usize> {
    let mut first = true;
    let mut it = s.char_indices();
    while let Some((k, c)) = it.next() {
        match c {
            '\\' => {
                it.next();
            }
            ']' if !first => return Some(k + 1),
            _ => {}
        }
        first = false;
    }
    None
}

/// The byte offset of the `)` closing a group whose body starts `s` (after its `(`).
fn group_len(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = 0;
    while let Some(c) = s[k..].chars().next() {
        match c {
            '\\' => k += 1 + s[k + 1..].chars().next().map_or(0, char::len_utf8),
            '[' => k += 1 + class_len(&s[k + 1..])?,
            '(' => {
                depth += 1;
                k += 1;
            }
            ')' if depth == 0 => return Some(k),
            ')' => {
                depth -= 1;
                k += 1;
            }
            c => k += c.len_utf8(),
        }
        if k > s.len() {
            return None;
        }
    }
    None
}

/// The characters of a leading class (`[0-9]`, `[/-]`, `["“”\[\]]`) when it is not negated,
/// not optional and has few enough characters, one literal each (a character's UTF-8 bytes).
/// Ranges are read between ASCII characters only; an escape other than punctuation (`\s`),
/// a nested class or a non-ASCII range gives none.
fn leading_class(s: &str) -> Option<Vec<Vec<u8>>> {
    let body = s.strip_prefix('[')?;
    if body.starts_with('^') || body.starts_with(']') {
        return None;
    }
    // The class's characters, escapes read, up to its closing bracket.
    let mut spec = Vec::new();
    let mut it = body.char_indices();
    let close = loop {
        match it.next()? {
            (_, '\\') => {
                let e = it
                    .next()
                    .map(|(_, e)| e)
                    .filter(char::is_ascii_punctuation)?;
                spec.push((e, true));
            }
            (_, '[') => return None,
            (i, ']') => break i,
            (_, c) => spec.push((c, false)),
        }
    };
    let after = &body[close + 1..];
    if after.starts_with(['?', '*']) || after.starts_with("{0") || spec.is_empty() {
        return None;
    }
    let mut chars: Vec<char> = Vec::new();
    let mut k = 0;
    while k < spec.len() {
        // An escaped `-` (`\-`) is the character, never a range.
        if k + 2 < spec.len() && spec[k + 1] == ('-', false) {
            let (lo, hi) = (spec[k].0, spec[k + 2].0);
            if !lo.is_ascii() || !hi.is_ascii() {
                return None;
            }
            chars.extend(lo..=hi);
            k += 3;
        } else {
            chars.push(spec[k].0);
            k += 1;
        }
    }
    chars.sort_unstable();
    chars.dedup();
    (chars.len() <= MAX_LITERALS).then(|| {
        chars
            .into_iter()
            .map(|c| c.to_string().into_bytes())
            .collect()
    })
}

/// Each literal, and the same after `*` and after `* `.
fn bulleted(lits: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let mut out = lits.clone();
    for l in lits {
        out.push([b"*".as_slice(), &l].concat());
        out.push([b"* ".as_slice(), &l].concat());
    }
    out
}

/// `(?:Cancel anytime|Auto-renewal)...`: the alternatives when each is plain literal text,
/// and the byte length of the group.
fn literal_group(s: &str) -> Option<(Vec<Vec<u8>>, usize)> {
    let body = &s[3..];
    let close = body.find(')')?;
    let inner = &body[..close];
    // Plain text, or escaped punctuation (`S\$`) standing for itself.
    let mut alts = Vec::new();
    for a in inner.split('|') {
        let mut lit = Vec::new();
        let mut it = a.chars();
        while let Some(c) = it.next() {
            let c = match c {
                '\\' => it.next().filter(char::is_ascii_punctuation)?,
                '(' | '[' | '.' | '+' | '*' | '?' | '{' | '}' | '^' | '$' => return None,
                c => c,
            };
            let mut buf = [0; 4];
            lit.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
        alts.push(lit);
    }
    Some((alts, 3 + close + 1))
}

/// Whether `|` stands outside every group (or class) somewhere in the pattern.
fn top_level_alternation(s: &str) -> bool {
    let mut depth = 0i32;
    let mut class = false;
    let mut escaped = false;
    for c in s.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !class => class = true,
            ']' if class => class = false,
            _ if class => {}
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use proptest::prelude::*;
    use regex::RegexSet;

    fn builtin() -> (Vec<String>, Patterns, RegexSet) {
        let r = Rules::builtin();
        let mut all = r.chrome_patterns.clone();
        all.extend(r.glued_chrome.clone());
        all.extend(r.related_headings.clone());
        let p = Patterns::new(&all, 0).unwrap();
        let set = RegexSet::new(&all).unwrap();
        (all, p, set)
    }

    fn agree(p: &Patterns, set: &RegexSet, text: &str) {
        let want: Vec<usize> = set.matches(text).iter().collect();
        let got: Vec<usize> = (0..p.len())
            .filter(|k| p.candidates(text).contains(k) && p.regex(*k).unwrap().is_match(text))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn every_builtin_pattern_compiles() {
        let (_, p, _) = builtin();
        for k in 0..p.len() {
            assert!(p.regex(k).is_some(), "{k}");
        }
    }

    #[test]
    fn gated_matches_are_the_regex_set_on_every_fixture_line() {
        let (_, p, set) = builtin();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut lines = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                for line in text.lines() {
                    agree(&p, &set, line.trim());
                    lines += 1;
                }
            }
        }
        assert!(lines > 1000);
    }

    #[test]
    fn light_and_full_compiles_find_the_same_matches() {
        let (all, _, _) = builtin();
        let light: Vec<Regex> = all.iter().map(|s| compile(s, false).unwrap()).collect();
        let full: Vec<Regex> = all.iter().map(|s| compile(s, true).unwrap()).collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                for line in text.lines() {
                    for (l, f) in light.iter().zip(&full) {
                        assert_eq!(l.find(line), f.find(line), "{line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_pattern_is_compiled_in_full_once_it_has_answered_often() {
        let p = Pattern::new("^Advertisement$");
        for _ in 0..FULL_AFTER {
            assert!(p.regex().unwrap().is_match("Advertisement"));
        }
        assert!(p.full.get().is_none() && p.light.get().is_some());
        assert!(p.regex().unwrap().is_match("Advertisement"));
        assert!(p.full.get().is_some());
    }

    #[test]
    fn gated_matches_are_the_regex_set_on_texts_made_from_each_pattern() {
        let (all, p, set) = builtin();
        for source in &all {
            for text in crate::parser::sample_texts_for(source, 40) {
                agree(&p, &set, &text);
            }
        }
    }

    #[test]
    fn gates_read_the_opening_literals() {
        let lits = |s: &str| match gate(s) {
            Gate::StartsWith(l) => ("start", l),
            Gate::StartsWithFold(l) => ("fold", l),
            Gate::Contains(l) => ("contains", l),
            Gate::Open => ("open", vec![]),
        };
        let b = |v: &[&str]| v.iter().map(|s| s.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(lits("^Save [0-9]+%"), ("start", b(&["Save "])));
        assert_eq!(
            lits("^(?:Cancel|Auto)-x"),
            ("start", b(&["Cancel-x", "Auto-x"]))
        );
        assert_eq!(lits("^Showing? x"), ("start", b(&["Showin"])));
        assert_eq!(lits("^Showing\\? x"), ("start", b(&["Showing? x"])));
        assert_eq!(
            lits("(?-u:\\b)Text Size:\\s*$"),
            ("contains", b(&["Text Size:"]))
        );
        assert_eq!(lits("»\\s*READ"), ("contains", b(&["»"])));
        assert_eq!(lits("^a|b"), ("open", vec![]));
        assert_eq!(
            lits("^(?:\\* ?)?Stay"),
            ("start", b(&["Stay", "*Stay", "* Stay"]))
        );
        assert_eq!(lits("(?i)^Xy"), ("fold", b(&["xy"])));
        assert_eq!(lits("^(?i:Ab|Cd)e"), ("fold", b(&["ab", "cd"])));
        // Unicode case folding maps k to the Kelvin sign and s to the long s: the literal
        // stops before them.
        assert_eq!(lits("(?i)^ask"), ("fold", b(&["a"])));
        assert_eq!(lits("^~?Ad"), ("start", b(&["Ad", "~Ad"])));
        assert_eq!(lits("^[\"“]Q"), ("start", b(&["\"", "“"])));
        assert_eq!(lits("^[0-2]{1,2}:"), ("start", b(&["0", "1", "2"])));
        assert_eq!(lits("^[0-9]*x"), ("open", vec![]));
        assert_eq!(lits("^(?:RM|S\\$)\\s?"), ("start", b(&["RM", "S$"])));
        let req = |s: &str| required_literal(s).map(|l| String::from_utf8(l).unwrap());
        assert_eq!(req("^\\S*&w=[0-9]+&q=[0-9]+"), Some("&w=".into()));
        assert_eq!(
            req("^(?:[A-Z]+\\s){0,3}[A-Z]+\\s*\\|\\s+"),
            Some("|".into())
        );
        assert_eq!(req("^[0-9]+ jobs hiring"), Some(" jobs hiring".into()));
        assert_eq!(req("a|b"), None);
        assert_eq!(req("^x?y"), Some("y".into()));
        assert_eq!(
            req("[\\s.!?](Watch the full video)"),
            Some("Watch the full video".into())
        );
        assert_eq!(req("(ab|cd)e"), Some("e".into()));
    }

    #[test]
    fn a_syntax_error_names_its_pattern() {
        let e = Patterns::new(&["^ok".into(), "(".into()], 0).unwrap_err();
        assert_eq!(e.0, 1);
    }

    proptest! {
        #[test]
        fn gated_matches_are_the_regex_set_on_word_soup(words in proptest::collection::vec(proptest::sample::select(vec![
            "Save ", "30%", "Follow", " us ", "on ", "Facebook", "Stay ", "tuned", "RM", "12", "/month", "#", "tag",
            " , ", "Text Size:", "Advertisement", " ", "READ MORE", "»", "Next In ", "Nation", "Related News", "x",
            "COMMENT | ", "Opinion | ", "é", "\u{a0}", "-", "—", "July 8, 2025", "@", "a.b", "Watch the full video",
        ]), 0..8)) {
            let (_, p, set) = builtin();
            let text = words.concat();
            let want: Vec<usize> = set.matches(&text).iter().collect();
            let got: Vec<usize> = (0..p.len()).filter(|k| p.candidates(&text).contains(k) && p.regex(*k).unwrap().is_match(&text)).collect();
            prop_assert_eq!(got, want, "{:?}", text);
        }
    }
}
