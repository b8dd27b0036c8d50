//! The rules that change with websites: chrome lines and patterns, agencies, photo-credit words,
//! outlets, words that are no places, month names, byline labels and the like.
//!
//! They are data, not code: the built-in set is `rules.json` beside this file, embedded in the
//! binary and printed by `newsclean rules`. A user's `--rules FILE` has the same shape and
//! *extends* the built-in set (lists are appended, maps are merged), so a site that starts a new
//! promo line needs a one-line JSON file, not a release.
//!
//! Every key is declared once, in the `rules_fields!` table at the bottom of this file: its
//! name, what kind of value it holds and its documentation. The table drives reading a file,
//! merging, printing, the error text for an unknown key and compiling, so adding a key is one
//! entry there plus the code that uses it.

use std::collections::{BTreeMap, HashSet};

/// A set of the rules' words or lines. Lines are looked up tens of times per dump, so the
/// hasher is foldhash's (already in the tree through serde_json) rather than SipHash: the sets
/// are built from the rules alone, so hash flooding by input text cannot slow them down.
pub type Set = HashSet<String, foldhash::fast::FixedState>;
use std::fmt;
use std::sync::OnceLock;

use regex::Regex;

use crate::patterns::Patterns;
use serde_json::Value;

/// The built-in rules, as shipped.
pub const BUILTIN_JSON: &str = include_str!("rules.json");

/// The built-in rules, read once per process. The embedded file is checked by a unit test, so
/// this cannot fail at run time.
static BUILTIN: std::sync::LazyLock<Rules> = std::sync::LazyLock::new(|| {
    Rules::from_json(BUILTIN_JSON).expect("built-in rules.json is valid")
});

/// How many of `mine` are the built-in `shipped` patterns, in order: a unit test compiles
/// those, so their syntax need not be checked again at start-up (a third of a one-file run's
/// start-up was spent parsing them).
fn shipped_prefix(mine: &[String], shipped: &[String]) -> usize {
    if mine.starts_with(shipped) {
        shipped.len()
    } else {
        0
    }
}

/// Why a rules file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulesError {
    /// The key the problem is under (`chrome_patterns[3]`), or empty for the whole file.
    pub key: String,
    /// What is wrong, lowercase.
    pub problem: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.key, self.problem)
        }
    }
}

impl std::error::Error for RulesError {}

fn error(key: impl Into<String>, problem: impl Into<String>) -> RulesError {
    RulesError {
        key: key.into(),
        problem: problem.into(),
    }
}

/// What a rules key holds, and so how it is read, merged and compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Whole lines, compared exactly after trimming.
    Lines,
    /// Words or names, compared without regard to case.
    Words,
    /// Regular expressions.
    Patterns,
    /// An object from a name to an identifier (`"Associated Press": "ap"`).
    Ids,
    /// An object from a month's name to its number, 1 to 12.
    Months,
}

/// One rules key: its name, kind and documentation, as the table declares it.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    pub key: &'static str,
    pub kind: FieldKind,
    pub doc: &'static str,
}

/// A mutable view of one key's value, for the generic reading and merging code.
enum Slot<'a> {
    List(&'a mut Vec<String>),
    Ids(&'a mut BTreeMap<String, String>),
    Months(&'a mut BTreeMap<String, u8>),
}

/// Declares the rules keys once: the `Rules` struct, the `FIELDS` table and the accessors the
/// generic code uses. Each entry is `doc, key: Kind`, in the order `newsclean rules` prints.
macro_rules! rules_fields {
    ($( $( #[doc = $doc:literal] )+ $key:ident : $kind:ident ),* $(,)?) => {
        /// A rules file. Every key is optional in a user's file; a missing key adds nothing.
        /// The keys and their meanings are listed in [`FIELDS`] (and in the README).
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Rules {
            $( $( #[doc = $doc] )+ pub $key: rules_fields!(@type $kind), )*
        }

        /// Every rules key, in file order.
        pub const FIELDS: &[FieldInfo] = &[
            $( FieldInfo { key: stringify!($key), kind: FieldKind::$kind, doc: concat!($($doc),+).trim_ascii() }, )*
        ];

        impl Rules {
            fn slot(&mut self, key: &str) -> Option<Slot<'_>> {
                match key {
                    $( stringify!($key) => Some(rules_fields!(@slot $kind, &mut self.$key)), )*
                    _ => None,
                }
            }

            fn value_of(&self, key: &str) -> Value {
                match key {
                    $( stringify!($key) => serde_json::to_value(&self.$key).expect("rules serialise"), )*
                    _ => Value::Null,
                }
            }
        }
    };
    (@type Lines) => { Vec<String> };
    (@type Words) => { Vec<String> };
    (@type Patterns) => { Vec<String> };
    (@type Ids) => { BTreeMap<String, String> };
    (@type Months) => { BTreeMap<String, u8> };
    (@slot Lines, $e:expr) => { Slot::List($e) };
    (@slot Words, $e:expr) => { Slot::List($e) };
    (@slot Patterns, $e:expr) => { Slot::List($e) };
    (@slot Ids, $e:expr) => { Slot::Ids($e) };
    (@slot Months, $e:expr) => { Slot::Months($e) };
}

rules_fields! {
    /// Whole lines that are page chrome, compared after trimming. A line at the very end of a
    /// dump that is a cut-off prefix of a chrome-block line (`Explore wha`) is chrome too.
    chrome_lines: Lines,
    /// Lines that open the chrome block after an article (`Hashtags`, `Orange background`,
    /// `Try Our AI Features`, ...): from the first of them on, nothing is article text.
    chrome_block: Lines,
    /// The line after which related-article cards follow (`Related Articles`).
    related_marker: Lines,
    /// Regexes for the heading of a list of other stories after an article on an outlet's own
    /// page (`Next In Nation`, `Related News`, `Others Also Read`): the heading is chrome, the
    /// lines under it are teasers with a headline only.
    related_headings: Patterns,
    /// Labels that open a line naming another story inline (`ALSO READ: <headline>`): the
    /// label is chrome, the headline a teaser.
    teaser_labels: Words,
    /// Regexes: a line any of them matches is chrome.
    chrome_patterns: Patterns,
    /// Regexes for chrome glued inside a line (`Advertisement ` at the start, `Text Size:` at
    /// the end): the matched fragment is removed and recorded, the rest of the line is kept.
    /// When the pattern has a group, the group is the fragment and the rest of the match only
    /// its context (`[.!?](Watch the full video.*)$` leaves the full stop in the text).
    glued_chrome: Patterns,
    /// Regexes for the line that separates a digest's items (`----------`), matched against the
    /// whole line and, between spaces, inside a one-line card.
    separators: Patterns,
    /// What opens a listing page's topic line: `Latest news with #Badminton`.
    listing_headers: Lines,
    /// Wire agencies, for sign-offs (`— Reuters`, `-- BERNAMA-KYODO`) and dateline agencies.
    agencies: Words,
    /// An agency's identifier for grouping (`source_id`, `dateline.agency_id`): a name (any
    /// case) to an id. Names not listed get their own name, lower-cased, as id.
    agency_ids: Ids,
    /// Words that mark a photo credit, before or after the supplier: `(Photo by X)`,
    /// `(X pic)`, `- X photo`, `- Photo by X`, `PHOTO: X`.
    credit_words: Words,
    /// Credits that name nobody (`(File pic)`, `Illustrative photo`): an image with a null credit.
    unnamed_credits: Words,
    /// Notices that may close a dashed credit: `-- fotoBERNAMA (2025) COPYRIGHT RESERVED`.
    copyright_notices: Words,
    /// Photo suppliers recognised in a bare credit with no marker word (`-- fotoBERNAMA`).
    credit_sources: Words,
    /// Known outlets, for card publisher lines, glued publisher stamps and outlet sign-offs.
    publishers: Words,
    /// Outlets whose pages put a standfirst under the headline (FMT, the Straits Times): a
    /// stamp naming one of them is evidence for a standfirst.
    standfirst_outlets: Words,
    /// Words that open a paragraph with a colon or a dash but are not places: parties and
    /// agencies quoted like a dateline (`UMNO: We will ...`), labels (`Update:`), pronouns.
    not_places: Words,
    /// Words that make an opener a label rather than a place wherever they stand in it
    /// (`Breaking News:`, `LIVE UPDATES:`).
    label_words: Words,
    /// Month names and abbreviations, to their number: datelines (`IPOH, March 3 —`) and
    /// spelled-out dates (`14 Feb 2025`).
    months: Months,
    /// Labels that open a byline line (`By:`, `From`).
    byline_labels: Words,
    /// Labels that open a publication-time line (`Published on:`, `Updated:`, Malay
    /// `Artikel ini disiarkan pada :`).
    published_labels: Words,
    /// Labels that open a byline glued before the lead (`Compiled by A. RAJ KUALA LUMPUR: ...`).
    compiled_by_labels: Words,
    /// Lower-case words a person's name may hold (`bin`, `binti`, `a/l`, `van`).
    name_particles: Words,
    /// Words that cannot end a sentence: a paragraph ending in one was cut by a link split and
    /// goes on in the next line (`talks with` / `South Korea` / `ended`).
    unfinished_words: Words,
    /// Openings that make a line above the lead a photo caption with no credit (`FILE -`,
    /// `A file photo of`), compared in any case.
    caption_openings: Words,
    /// Endings that make a line above the lead a photo caption with no credit (an opinion
    /// piece's `..., says the writer.`), compared in any case.
    caption_endings: Words,
}

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        BUILTIN.clone()
    }

    /// Reads a rules file's text. Unknown keys and wrong types are errors naming the key. A
    /// leading byte order mark is ignored.
    pub fn from_json(text: &str) -> Result<Rules, RulesError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value =
            serde_json::from_str(text).map_err(|e| error("", format!("not valid JSON: {e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| error("", "expected a JSON object with rule lists"))?;
        let mut rules = Rules::default();
        for (key, v) in obj {
            let Some(slot) = rules.slot(key) else {
                let known: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
                return Err(error(
                    key.clone(),
                    format!("unknown key (expected one of {})", known.join(", ")),
                ));
            };
            read_slot(key, v, slot)?;
        }
        Ok(rules)
    }

    /// Appends `other`'s entries to this set, skipping exact duplicates; map entries of `other`
    /// replace this set's entries for the same name.
    pub fn extend(&mut self, mut other: Rules) {
        for field in FIELDS {
            let (Some(into), Some(from)) = (self.slot(field.key), other.slot(field.key)) else {
                continue;
            };
            match (into, from) {
                (Slot::List(into), Slot::List(from)) => {
                    let seen: HashSet<String> = into.iter().cloned().collect();
                    into.extend(
                        std::mem::take(from)
                            .into_iter()
                            .filter(|s| !seen.contains(s)),
                    );
                }
                (Slot::Ids(into), Slot::Ids(from)) => into.append(from),
                (Slot::Months(into), Slot::Months(from)) => into.append(from),
                _ => unreachable!("a key has one kind"),
            }
        }
    }

    /// The rules as pretty JSON, in the format `from_json` reads, keys in table order.
    pub fn to_json_pretty(&self) -> String {
        let mut obj = serde_json::Map::new();
        for field in FIELDS {
            obj.insert(field.key.to_string(), self.value_of(field.key));
        }
        serde_json::to_string_pretty(&Value::Object(obj)).expect("rules serialise")
    }

    /// Checks that every pattern of this set compiles, so a user's file is blamed with the index
    /// of the entry in *that* file, before it is merged into the built-in set.
    pub fn validate(&self) -> Result<(), RulesError> {
        // Parsing compiles patterns on first use only: compile a user's now, so that every
        // error is found before any dump is read.
        compile_each("chrome_patterns", &self.chrome_patterns)?;
        compile_each("glued_chrome", &self.glued_chrome)?;
        compile_each("related_headings", &self.related_headings)?;
        self.compile().map(|_| ())
    }

    /// Compiles every pattern; an invalid regex is an error naming its key and index.
    pub(crate) fn compile(&self) -> Result<CompiledRules, RulesError> {
        // Patterns are compiled on first use, behind their first literals (`patterns.rs`):
        // here only their syntax is checked.
        let b = &*BUILTIN;
        let chrome_set = lazy(
            "chrome_patterns",
            &self.chrome_patterns,
            shipped_prefix(&self.chrome_patterns, &b.chrome_patterns),
        )?;
        let glued = lazy(
            "glued_chrome",
            &self.glued_chrome,
            shipped_prefix(&self.glued_chrome, &b.glued_chrome),
        )?;
        let related_headings = lazy(
            "related_headings",
            &self.related_headings,
            shipped_prefix(&self.related_headings, &b.related_headings),
        )?;
        compile_each("separators", &self.separators)?;
        // The same patterns, for a whole line and for a separator inside a one-line card.
        let alternation = self
            .separators
            .iter()
            .map(|p| format!("(?:{p})"))
            .collect::<Vec<_>>()
            .join("|");
        let (separator_line, separator_inline) = if self.separators.is_empty() {
            (None, None)
        } else {
            let build = |p: String| Regex::new(&p).map_err(|e| error("separators", e.to_string()));
            (
                Some(build(format!("^(?:{alternation})$"))?),
                Some(build(format!(r"\s+(?:{alternation})\s+"))?),
            )
        };
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<Set>();
        let trimmed = |v: &[&Vec<String>]| {
            v.iter()
                .flat_map(|l| l.iter())
                .map(|s| s.trim().to_string())
                .collect::<Set>()
        };
        let longest_first = |v: &[String]| {
            let mut w: Vec<String> = v.iter().map(|s| s.to_lowercase()).collect();
            w.sort_by_key(|s| std::cmp::Reverse(s.len()));
            w.dedup();
            w
        };
        // A month's names, longest first, for the dateline patterns' alternation.
        let mut month_names: Vec<&String> = self.months.keys().collect();
        month_names.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let month_alternation = month_names
            .iter()
            .map(|m| regex::escape(m))
            .collect::<Vec<_>>()
            .join("|");
        Ok(CompiledRules {
            chrome_lines: trimmed(&[&self.chrome_lines, &self.chrome_block, &self.related_marker]),
            chrome_block: trimmed(&[&self.chrome_block]),
            glued_prefixes: glued_prefixes(&self.chrome_lines),
            chrome_block_list: self
                .chrome_block
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            related_marker: trimmed(&[&self.related_marker]),
            chrome_set,
            chrome_patterns: self.chrome_patterns.clone(),
            related_headings,
            teaser_labels: longest_first(&self.teaser_labels),
            glued,
            separator_line,
            separator_inline,
            listing_headers: self
                .listing_headers
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            agencies: lower(&self.agencies),
            agency_ids: self
                .agency_ids
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.clone()))
                .collect(),
            credit_pre: marker_phrases(self.credit_words.iter()),
            credit_post: marker_phrases(
                self.credit_words
                    .iter()
                    .filter(|w| w.split_whitespace().count() == 1)
                    .chain(&self.unnamed_credits),
            ),
            credit_words: longest_first(&self.credit_words),
            unnamed_credits: lower(&self.unnamed_credits),
            copyright_notices: self
                .copyright_notices
                .iter()
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .collect(),
            credit_sources: lower(&self.credit_sources),
            publishers: lower(&self.publishers),
            standfirst_outlets: lower(&self.standfirst_outlets),
            not_places: lower(&self.not_places),
            label_words: lower(&self.label_words),
            months: self
                .months
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), *v))
                .collect(),
            month_alternation,
            byline_labels: longest_first(&self.byline_labels),
            compiled_by_labels: longest_first(&self.compiled_by_labels),
            published_labels: longest_first(&self.published_labels),
            name_particles: lower(&self.name_particles),
            unfinished_words: lower(&self.unfinished_words),
            caption_openings: longest_first(&self.caption_openings),
            caption_endings: longest_first(&self.caption_endings),
            month_words: self
                .months
                .keys()
                .all(|m| {
                    let b = m.as_bytes();
                    (3..=9).contains(&b.len())
                        && b[0].is_ascii_uppercase()
                        && b[1..].iter().all(u8::is_ascii_lowercase)
                })
                .then(|| self.months.keys().cloned().collect()),
            datelines: Default::default(),
            datelines_spelled: Default::default(),
        })
    }
}

/// Reads one key's JSON value into its slot, checking every entry.
fn read_slot(key: &str, v: &Value, slot: Slot<'_>) -> Result<(), RulesError> {
    // The entry's name (`key[3]`, `key.name`) is made only for an error: formatted for every
    // entry, it was a fifth of reading the built-in rules.
    let text = |k: &dyn Fn() -> String, item: &Value| -> Result<String, RulesError> {
        let s = item
            .as_str()
            .ok_or_else(|| error(k(), "expected a string"))?;
        if s.trim().is_empty() {
            return Err(error(k(), "empty string"));
        }
        Ok(s.to_string())
    };
    match slot {
        Slot::List(list) => {
            let items = v
                .as_array()
                .ok_or_else(|| error(key, "expected a list of strings"))?;
            for (i, item) in items.iter().enumerate() {
                list.push(text(&|| format!("{key}[{i}]"), item)?);
            }
        }
        Slot::Ids(map) => {
            let obj = v
                .as_object()
                .ok_or_else(|| error(key, "expected an object of names to ids"))?;
            for (name, id) in obj {
                map.insert(name.clone(), text(&|| format!("{key}.{name}"), id)?);
            }
        }
        Slot::Months(map) => {
            let obj = v
                .as_object()
                .ok_or_else(|| error(key, "expected an object of month names to numbers"))?;
            for (name, n) in obj {
                let n = n
                    .as_u64()
                    .filter(|n| (1..=12).contains(n))
                    .ok_or_else(|| error(format!("{key}.{name}"), "expected a number 1 to 12"))?;
                map.insert(name.clone(), n as u8);
            }
        }
    }
    Ok(())
}

/// Marker phrases as lists of lower-cased words, longest first, without repeats.
fn marker_phrases<'a>(phrases: impl Iterator<Item = &'a String>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = phrases
        .map(|s| s.split_whitespace().map(str::to_lowercase).collect())
        .collect();
    // Longest first; equal lengths alphabetically, so repeats are neighbours. The key is built
    // once a phrase, not twice a comparison.
    out.sort_by_cached_key(|words| {
        let joined = words.join(" ");
        (std::cmp::Reverse(joined.len()), joined)
    });
    out.dedup();
    out
}

/// The patterns under `key`, the first `shipped` of them built in (their syntax is not checked).
fn lazy(key: &str, pats: &[String], shipped: usize) -> Result<Patterns, RulesError> {
    Patterns::new(pats, shipped).map_err(|(i, e)| {
        error(
            format!("{key}[{i}]"),
            format!(
                "invalid regex {:?}: {}",
                pats[i],
                first_line(&e).trim_start_matches("error: ")
            ),
        )
    })
}

fn compile_each(key: &str, pats: &[String]) -> Result<Vec<Regex>, RulesError> {
    pats.iter()
        .enumerate()
        .map(|(i, p)| {
            Regex::new(p).map_err(|e| {
                error(
                    format!("{key}[{i}]"),
                    format!(
                        "invalid regex {p:?}: {}",
                        first_line(&e.to_string()).trim_start_matches("error: ")
                    ),
                )
            })
        })
        .collect()
}

/// The chrome lines that may be glued to the start of a text line: a single word (`Play`,
/// `Home`) could be the start of a name (`PlayStation`), so only phrases qualify.
fn glued_prefixes(lines: &[String]) -> Vec<String> {
    let mut v: Vec<String> = lines
        .iter()
        .map(|s| s.trim())
        .filter(|s| s.contains(' ') && s.ends_with(|c: char| c.is_lowercase()))
        .map(str::to_string)
        .collect();
    // By first byte, so a line is compared with its own few (every line is asked), and the
    // longest first within, so a phrase wins over a shorter one it starts with.
    v.sort_by(|a, b| {
        (a.as_bytes()[0], std::cmp::Reverse(a.len()), a).cmp(&(
            b.as_bytes()[0],
            std::cmp::Reverse(b.len()),
            b,
        ))
    });
    v.dedup();
    v
}

fn first_line(s: &str) -> &str {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
}

/// Rules ready for matching: sets for the lists, compiled patterns, lower-cased names.
#[derive(Debug)]
pub(crate) struct CompiledRules {
    /// `chrome_lines`, `chrome_block` and `related_marker`, trimmed: all whole chrome lines.
    pub chrome_lines: Set,
    pub chrome_block: Set,
    /// The chrome lines of two words or more that end in a lower-case letter: the ones a
    /// scrape glues, with no space, to the text after them (`View all search resultsThe`).
    /// Sorted by first byte, longest first within.
    pub glued_prefixes: Vec<String>,
    /// `chrome_block` in file order, for the cut-off-prefix test.
    pub chrome_block_list: Vec<String>,
    pub related_marker: Set,
    pub chrome_set: Patterns,
    pub chrome_patterns: Vec<String>,
    pub related_headings: Patterns,
    /// Lower-cased, longest first.
    pub teaser_labels: Vec<String>,
    pub glued: Patterns,
    pub separator_line: Option<Regex>,
    pub separator_inline: Option<Regex>,
    pub listing_headers: Vec<String>,
    pub agencies: Set,
    pub agency_ids: BTreeMap<String, String>,
    /// Lower-cased, longest first, so `photo credit` is tried before `photo`.
    pub credit_words: Vec<String>,
    pub unnamed_credits: Set,
    /// Each notice split into its words.
    pub copyright_notices: Vec<Vec<String>>,
    /// The marker phrases a dashed credit's name may follow (every credit word: `photo by`,
    /// `pic`) and precede (the one-word credit words and the unnamed credits: `pic`,
    /// `file photo`), lower-cased, split into words, longest first.
    pub credit_pre: Vec<Vec<String>>,
    pub credit_post: Vec<Vec<String>>,
    pub credit_sources: Set,
    pub publishers: Set,
    pub standfirst_outlets: Set,
    pub not_places: Set,
    pub label_words: Set,
    /// ASCII-lower-cased month names to their numbers.
    pub months: BTreeMap<String, u8>,
    /// The month names as written, longest first, escaped and joined by `|`.
    pub month_alternation: String,
    /// Lower-cased, longest first.
    pub byline_labels: Vec<String>,
    pub compiled_by_labels: Vec<String>,
    pub published_labels: Vec<String>,
    pub name_particles: Set,
    pub unfinished_words: Set,
    /// Lower-cased, longest first.
    pub caption_openings: Vec<String>,
    /// Lower-cased, longest first.
    pub caption_endings: Vec<String>,
    /// The month names as written, when every one is a capital and two to eight lower-case
    /// ASCII letters (`Mar`, `Disember`): the dateline shapes can then match any such word and
    /// check it here, a much smaller regex (see `parser::dateline`).
    pub month_words: Option<Set>,
    /// The dateline shapes, built on first use: with a generic month word when `month_words`
    /// allows, and with the month names spelled out (see `parser::dateline`).
    pub datelines: [OnceLock<Regex>; 4],
    pub datelines_spelled: [OnceLock<Regex>; 4],
}

/// Which chrome rule a line matched: a listed line, or the pattern at this index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChromeHit {
    Line,
    Pattern(usize),
}

impl CompiledRules {
    /// Which chrome rule a whole (trimmed) line matches, if any.
    pub fn chrome_hit(&self, line: &str) -> Option<ChromeHit> {
        let t = line.trim();
        if t.is_empty() {
            return None;
        }
        if self.chrome_lines.contains(t) {
            return Some(ChromeHit::Line);
        }
        // The first match wins: the lowest index, as the rules file lists them.
        self.chrome_set.first_match(t).map(ChromeHit::Pattern)
    }

    /// Whether a whole (trimmed) line is chrome by the rules.
    pub fn is_chrome(&self, line: &str) -> bool {
        self.chrome_hit(line).is_some()
    }

    pub fn is_agency(&self, s: &str) -> bool {
        let l = s.trim().to_lowercase();
        if self.agencies.contains(&l) {
            return true;
        }
        // Joint credits: `BERNAMA-KYODO`, `Bernama/Xinhua`, `Reuters/AFP`, `REUTERS, AFP`.
        let parts: Vec<&str> = l.split(['-', '/', ',']).map(str::trim).collect();
        parts.len() > 1 && parts.iter().all(|p| self.agencies.contains(*p))
    }

    /// The grouping id of an agency or outlet as written: `BERNAMA` gives `bernama`, the joint
    /// `Bernama-Kyodo` gives `bernama-kyodo`, `Associated Press` gives `ap` (by `agency_ids`).
    pub fn agency_id(&self, s: &str) -> Option<String> {
        let l = s
            .trim()
            .trim_start_matches(['-', '—', '–', ' '])
            .trim()
            .to_lowercase();
        if l.is_empty() {
            return None;
        }
        if let Some(id) = self.agency_ids.get(&l) {
            return Some(id.clone());
        }
        let parts: Vec<&str> = l.split(['-', '/']).map(str::trim).collect();
        if parts.len() > 1 && parts.iter().all(|p| !p.is_empty()) {
            let ids: Vec<String> = parts
                .iter()
                .map(|p| self.agency_ids.get(*p).cloned().unwrap_or_else(|| slug(p)))
                .collect();
            return Some(ids.join("-"));
        }
        Some(slug(&l))
    }

    pub fn is_block_line(&self, line: &str) -> bool {
        self.chrome_block.contains(line.trim())
    }

    /// Whether a line heads a list of other stories (`Next In Nation`).
    pub fn is_related_heading(&self, line: &str) -> bool {
        self.related_headings.is_match(line.trim())
    }

    pub fn is_related_marker(&self, line: &str) -> bool {
        self.related_marker.contains(line.trim())
    }

    /// The length of a chrome phrase glued to the start of `t` with no separator: the phrase
    /// ends in a lower-case letter and the text after it opens with a capital, a digit or a
    /// quote (`View all search resultsCan't find`), a case break no word of text has.
    pub fn glued_chrome_prefix(&self, t: &str) -> Option<usize> {
        let first = *t.as_bytes().first()?;
        let from = self
            .glued_prefixes
            .partition_point(|p| p.as_bytes()[0] < first);
        let to = self
            .glued_prefixes
            .partition_point(|p| p.as_bytes()[0] <= first);
        self.glued_prefixes[from..to].iter().find_map(|p| {
            let rest = t.strip_prefix(p.as_str())?;
            let next = rest.chars().next()?;
            (next.is_uppercase() || next.is_ascii_digit() || "\"“‘'".contains(next))
                .then_some(p.len())
        })
    }

    /// A cut-off prefix of a chrome line or a block line, long enough not to be a word of
    /// text: the dump's last line when the scraper cut inside one.
    pub fn is_cut_chrome_line(&self, line: &str) -> bool {
        let t = line.trim();
        t.len() >= 12
            && (self.is_cut_block_line(t)
                || self
                    .chrome_lines
                    .iter()
                    .any(|c| c.len() > t.len() && c.starts_with(t)))
    }

    /// A cut-off prefix of a block line (`Explore wha`), as the scraper leaves at the very end.
    pub fn is_cut_block_line(&self, line: &str) -> bool {
        let t = line.trim();
        t.len() >= 3
            && self
                .chrome_block_list
                .iter()
                .any(|c| c.len() > t.len() && c.starts_with(t))
    }

    /// Whether `s` names a known photo source, agency or outlet: who may be credited for a
    /// photo (`Bloomberg`, `Reuters`, `The Star`, `EPA`).
    pub fn is_known_source(&self, s: &str) -> bool {
        let s = s.trim();
        self.credit_sources.contains(&s.to_lowercase()) || self.is_agency(s) || self.is_publisher(s)
    }

    pub fn is_publisher(&self, s: &str) -> bool {
        self.publishers.contains(&s.trim().to_lowercase())
    }

    /// The number of a month's name or abbreviation (`Feb`, `February`, `Feb.`), in any ASCII
    /// case.
    pub fn month_number(&self, name: &str) -> Option<u32> {
        let n = name.trim_end_matches('.').to_ascii_lowercase();
        self.months.get(&n).map(|&m| u32::from(m))
    }

    /// Whether `line` separates a digest's items.
    pub fn is_separator(&self, line: &str) -> bool {
        self.separator_line
            .as_ref()
            .is_some_and(|re| re.is_match(line.trim()))
    }
}

/// An identifier made of a name: lower case, runs of other characters than letters and digits
/// made one `-`.
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_rules_parse_and_compile() {
        let r = Rules::builtin();
        assert!(r.chrome_block.iter().any(|l| l == "Try Our AI Features"));
        r.compile().unwrap();
    }

    #[test]
    fn builtin_rules_round_trip_through_their_printed_form() {
        let r = Rules::builtin();
        assert_eq!(Rules::from_json(&r.to_json_pretty()).unwrap(), r);
    }

    #[test]
    fn every_key_of_the_table_is_in_the_builtin_file_in_table_order() {
        let v: Value = serde_json::from_str(BUILTIN_JSON).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let table: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(keys, table);
        assert!(FIELDS.iter().all(|f| !f.doc.is_empty()));
    }

    #[test]
    fn every_key_has_its_row_in_the_readme() {
        let readme = include_str!("../README.md");
        for f in FIELDS {
            assert!(
                readme.contains(&format!("| `{}` |", f.key)),
                "README lacks {}",
                f.key
            );
        }
    }

    #[test]
    fn unknown_key_is_named_with_the_known_ones() {
        let e = Rules::from_json(r#"{"chrome_line": ["x"]}"#).unwrap_err();
        assert_eq!(e.key, "chrome_line");
        assert!(e.problem.contains("chrome_lines"), "{e}");
        assert!(e.problem.contains("unfinished_words"), "{e}");
    }

    #[test]
    fn wrong_type_is_named_with_its_index() {
        let e = Rules::from_json(r#"{"agencies": ["AFP", 3]}"#).unwrap_err();
        assert_eq!(e.key, "agencies[1]");
        assert!(e.problem.contains("string"));
        let e = Rules::from_json(r#"{"months": {"Janvier": 13}}"#).unwrap_err();
        assert_eq!(e.key, "months.Janvier");
        let e = Rules::from_json(r#"{"agency_ids": ["ap"]}"#).unwrap_err();
        assert_eq!(e.key, "agency_ids");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let r = Rules::from_json("\u{feff}{\"agencies\": [\"Teko\"]}").unwrap();
        assert_eq!(r.agencies, ["Teko"]);
    }

    #[test]
    fn maps_merge_and_lists_append() {
        let mut r = Rules::builtin();
        r.extend(
            Rules::from_json(
                r#"{"months": {"Janvier": 1}, "agency_ids": {"Bernama": "bnm"}, "agencies": ["Teko", "AFP"]}"#,
            )
            .unwrap(),
        );
        let c = r.compile().unwrap();
        assert_eq!(c.month_number("janvier"), Some(1));
        assert_eq!(c.agency_id("BERNAMA").as_deref(), Some("bnm"));
        assert_eq!(r.agencies.iter().filter(|a| *a == "AFP").count(), 1);
        assert!(c.is_agency("teko"));
    }

    #[test]
    fn invalid_regex_is_named_with_its_index() {
        let mut r = Rules::builtin();
        r.extend(Rules::from_json(r#"{"chrome_patterns": ["(unclosed"]}"#).unwrap());
        let e = r.compile().unwrap_err();
        assert!(e.key.starts_with("chrome_patterns["), "{e}");
        assert!(e.problem.contains("invalid regex"), "{e}");
    }

    #[test]
    fn a_files_invalid_regex_is_named_with_its_index_in_that_file() {
        let rules = Rules::from_json(r#"{"glued_chrome": ["^ok", "(unclosed"]}"#).unwrap();
        let e = rules.validate().unwrap_err();
        assert_eq!(e.key, "glued_chrome[1]");
        assert_eq!(e.problem, r#"invalid regex "(unclosed": unclosed group"#);
    }

    #[test]
    fn joint_agencies_are_agencies_and_get_joint_ids() {
        let c = Rules::builtin().compile().unwrap();
        assert!(c.is_agency("BERNAMA-KYODO"));
        assert!(c.is_agency("Reuters"));
        assert!(!c.is_agency("Some Name"));
        assert_eq!(
            c.agency_id("BERNAMA-KYODO").as_deref(),
            Some("bernama-kyodo")
        );
        assert_eq!(c.agency_id("-- BERNAMA").as_deref(), Some("bernama"));
        assert_eq!(c.agency_id("Bernama").as_deref(), Some("bernama"));
    }

    #[test]
    fn cut_chrome_is_a_prefix_of_a_chrome_line() {
        let c = Rules::builtin().compile().unwrap();
        assert!(c.is_cut_block_line("Explore wha"));
        assert!(!c.is_cut_block_line("Explore the island"));
    }

    #[test]
    fn months_match_in_any_ascii_case_with_a_full_stop() {
        let c = Rules::builtin().compile().unwrap();
        assert_eq!(c.month_number("Feb."), Some(2));
        assert_eq!(c.month_number("SEPT"), Some(9));
        assert_eq!(c.month_number("Ogos"), Some(8));
        assert_eq!(c.month_number("Febr"), None);
    }
}
