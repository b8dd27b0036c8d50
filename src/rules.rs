//! The rules that change with websites: chrome lines and patterns, agency names, photo-credit
//! words and known publishers.
//!
//! They are data, not code: the built-in set is `rules.json` beside this file, embedded in the
//! binary and printed by `newsclean rules`. A user's `--rules FILE` has the same shape and
//! *extends* the built-in set (lists are appended), so a site that starts a new promo line needs a
//! one-line JSON file, not a release. Every pattern is compiled once, when a `Parser` is built.

use std::collections::HashSet;
use std::fmt;

use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

/// The built-in rules, as shipped.
pub const BUILTIN_JSON: &str = include_str!("rules.json");

/// A rules file. Every key is optional in a user's file; missing keys add nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// Whole lines that are page chrome, compared after trimming. A line at the very end of a
    /// dump that is a cut-off prefix of one of these (`Explore wha`) is chrome too.
    pub chrome_lines: Vec<String>,
    /// Lines that open the chrome block after an article (`Hashtags`, `Orange background`,
    /// `Try Our AI Features`, ...): from the first of them on, nothing is article text.
    pub chrome_block: Vec<String>,
    /// The line after which related-article cards follow (`Related Articles`).
    pub related_marker: Vec<String>,
    /// Regexes: a line any of them matches is chrome.
    pub chrome_patterns: Vec<String>,
    /// Regexes for chrome glued inside a line (`Advertisement ` at the start, `Text Size:` at the
    /// end): the matched fragment is removed and recorded, the rest of the line is kept.
    pub glued_chrome: Vec<String>,
    /// Wire agencies, for sign-offs (`— Reuters`, `-- BERNAMA-KYODO`) and dateline agencies.
    pub agencies: Vec<String>,
    /// Words that mark a photo credit (`pic`, `Photo Credit`, `photo by`).
    pub credit_words: Vec<String>,
    /// Photo suppliers recognised in a bare credit with no marker word (`-- fotoBERNAMA`).
    pub credit_sources: Vec<String>,
    /// Known outlets, for card publisher lines and glued publisher stamps.
    pub publishers: Vec<String>,
    /// Words that open a paragraph with a colon or a dash but are not places: parties and
    /// agencies quoted like a dateline (`UMNO: We will ...`), compared without case.
    pub not_places: Vec<String>,
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

impl Rules {
    /// The built-in rules.
    pub fn builtin() -> Rules {
        // The embedded file is checked by a unit test, so this cannot fail at run time.
        Rules::from_json(BUILTIN_JSON).expect("built-in rules.json is valid")
    }

    /// Reads a rules file's text. Unknown keys and wrong types are errors naming the key.
    pub fn from_json(text: &str) -> Result<Rules, RulesError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| RulesError {
            key: String::new(),
            problem: format!("not valid JSON: {e}"),
        })?;
        let obj = value.as_object().ok_or_else(|| RulesError {
            key: String::new(),
            problem: "expected a JSON object with rule lists".into(),
        })?;
        let mut rules = Rules::default();
        for (key, v) in obj {
            let slot = match key.as_str() {
                "chrome_lines" => &mut rules.chrome_lines,
                "chrome_block" => &mut rules.chrome_block,
                "related_marker" => &mut rules.related_marker,
                "chrome_patterns" => &mut rules.chrome_patterns,
                "glued_chrome" => &mut rules.glued_chrome,
                "agencies" => &mut rules.agencies,
                "credit_words" => &mut rules.credit_words,
                "credit_sources" => &mut rules.credit_sources,
                "publishers" => &mut rules.publishers,
                "not_places" => &mut rules.not_places,
                other => {
                    return Err(RulesError {
                        key: other.to_string(),
                        problem: "unknown key (expected one of chrome_lines, chrome_block, \
                                  related_marker, chrome_patterns, glued_chrome, agencies, credit_words, credit_sources, publishers, \
                                  not_places)"
                            .into(),
                    })
                }
            };
            let items = v.as_array().ok_or_else(|| RulesError {
                key: key.clone(),
                problem: "expected a list of strings".into(),
            })?;
            for (i, item) in items.iter().enumerate() {
                let s = item.as_str().ok_or_else(|| RulesError {
                    key: format!("{key}[{i}]"),
                    problem: "expected a string".into(),
                })?;
                if s.trim().is_empty() {
                    return Err(RulesError {
                        key: format!("{key}[{i}]"),
                        problem: "empty string".into(),
                    });
                }
                slot.push(s.to_string());
            }
        }
        Ok(rules)
    }

    /// Appends `other`'s entries to this set, skipping exact duplicates.
    pub fn extend(&mut self, other: Rules) {
        fn add(into: &mut Vec<String>, from: Vec<String>) {
            let seen: HashSet<String> = into.iter().cloned().collect();
            into.extend(from.into_iter().filter(|s| !seen.contains(s)));
        }
        add(&mut self.chrome_lines, other.chrome_lines);
        add(&mut self.chrome_block, other.chrome_block);
        add(&mut self.related_marker, other.related_marker);
        add(&mut self.chrome_patterns, other.chrome_patterns);
        add(&mut self.glued_chrome, other.glued_chrome);
        add(&mut self.agencies, other.agencies);
        add(&mut self.credit_words, other.credit_words);
        add(&mut self.credit_sources, other.credit_sources);
        add(&mut self.publishers, other.publishers);
        add(&mut self.not_places, other.not_places);
    }

    /// The rules as pretty JSON, in the format `from_json` reads.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("rules serialise")
    }

    /// Checks that every pattern of this set compiles, so a user's file is blamed with the index
    /// of the entry in *that* file, before it is merged into the built-in set.
    pub fn validate(&self) -> Result<(), RulesError> {
        self.compile().map(|_| ())
    }

    /// Compiles every pattern; an invalid regex is an error naming its key and index.
    pub(crate) fn compile(&self) -> Result<CompiledRules, RulesError> {
        let check = |key: &str, pats: &[String]| -> Result<Vec<Regex>, RulesError> {
            pats.iter()
                .enumerate()
                .map(|(i, p)| {
                    Regex::new(p).map_err(|e| RulesError {
                        key: format!("{key}[{i}]"),
                        problem: format!(
                            "invalid regex {p:?}: {}",
                            first_line(&e.to_string()).trim_start_matches("error: ")
                        ),
                    })
                })
                .collect()
        };
        // The set is what runs; only when it does not compile are the patterns compiled one by
        // one, to name the entry at fault (compiling both would double the start-up cost).
        let chrome_set = match RegexSet::new(&self.chrome_patterns) {
            Ok(set) => set,
            Err(e) => {
                check("chrome_patterns", &self.chrome_patterns)?;
                return Err(RulesError {
                    key: "chrome_patterns".into(),
                    problem: first_line(&e.to_string()).to_string(),
                });
            }
        };
        let glued = check("glued_chrome", &self.glued_chrome)?;
        let lower = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
        Ok(CompiledRules {
            chrome_lines: self
                .chrome_lines
                .iter()
                .chain(&self.chrome_block)
                .chain(&self.related_marker)
                .map(|s| s.trim().to_string())
                .collect(),
            chrome_block: self
                .chrome_block
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            related_marker: self
                .related_marker
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            chrome_set,
            chrome_patterns: self.chrome_patterns.clone(),
            glued,
            agencies: lower(&self.agencies),
            credit_words: {
                // Longest first, so `Photo Credit` wins over `Photo`.
                let mut w: Vec<String> =
                    self.credit_words.iter().map(|s| s.to_lowercase()).collect();
                w.sort_by_key(|s| std::cmp::Reverse(s.len()));
                w
            },
            credit_sources: lower(&self.credit_sources),
            publishers: lower(&self.publishers),
            not_places: lower(&self.not_places),
        })
    }
}

fn first_line(s: &str) -> &str {
    s.lines()
        .rfind(|l| !l.trim().is_empty())
        .unwrap_or(s)
        .trim()
}

/// Rules ready for matching.
#[derive(Debug)]
pub(crate) struct CompiledRules {
    pub chrome_lines: Vec<String>,
    pub chrome_block: Vec<String>,
    pub related_marker: Vec<String>,
    pub chrome_set: RegexSet,
    pub chrome_patterns: Vec<String>,
    pub glued: Vec<Regex>,
    pub agencies: HashSet<String>,
    pub credit_words: Vec<String>,
    pub credit_sources: HashSet<String>,
    pub publishers: HashSet<String>,
    pub not_places: HashSet<String>,
}

impl CompiledRules {
    /// The name of the chrome rule a whole (trimmed) line matches, if any.
    pub fn chrome_rule(&self, line: &str) -> Option<String> {
        let t = line.trim();
        if t.is_empty() {
            return None;
        }
        if self.chrome_lines.iter().any(|c| c == t) {
            return Some(format!("chrome-line:{t}"));
        }
        // Nearly every line is no chrome: `is_match` says so and stops at the first pattern that
        // matches, where `matches` runs every pattern to its end (an overlapping search).
        if !self.chrome_set.is_match(t) {
            return None;
        }
        // The first match wins: the lowest index, as the rules file lists them.
        self.chrome_set
            .matches(t)
            .iter()
            .next()
            .map(|k| format!("chrome-pattern:{}", self.chrome_patterns[k]))
    }

    pub fn is_agency(&self, s: &str) -> bool {
        let l = s.trim().to_lowercase();
        if self.agencies.contains(&l) {
            return true;
        }
        // Joint credits: `BERNAMA-KYODO`, `Bernama/Xinhua`, `Reuters/AFP`.
        let parts: Vec<&str> = l.split(['-', '/']).map(str::trim).collect();
        parts.len() > 1 && parts.iter().all(|p| self.agencies.contains(*p))
    }

    pub fn is_block_line(&self, line: &str) -> bool {
        let t = line.trim();
        self.chrome_block.iter().any(|c| c == t)
    }

    pub fn is_related_marker(&self, line: &str) -> bool {
        let t = line.trim();
        self.related_marker.iter().any(|c| c == t)
    }

    /// A cut-off prefix of a block line (`Explore wha`), as the scraper leaves at the very end.
    pub fn is_cut_block_line(&self, line: &str) -> bool {
        let t = line.trim();
        t.len() >= 3
            && self
                .chrome_block
                .iter()
                .any(|c| c.len() > t.len() && c.starts_with(t))
    }

    pub fn is_publisher(&self, s: &str) -> bool {
        self.publishers.contains(&s.trim().to_lowercase())
    }
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
    fn unknown_key_is_named() {
        let e = Rules::from_json(r#"{"chrome_line": ["x"]}"#).unwrap_err();
        assert_eq!(e.key, "chrome_line");
    }

    #[test]
    fn wrong_type_is_named_with_its_index() {
        let e = Rules::from_json(r#"{"agencies": ["AFP", 3]}"#).unwrap_err();
        assert_eq!(e.key, "agencies[1]");
        assert!(e.problem.contains("string"));
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
    fn joint_agencies_are_agencies() {
        let c = Rules::builtin().compile().unwrap();
        assert!(c.is_agency("BERNAMA-KYODO"));
        assert!(c.is_agency("Reuters"));
        assert!(!c.is_agency("Some Name"));
    }

    #[test]
    fn cut_chrome_is_a_prefix_of_a_chrome_line() {
        let c = Rules::builtin().compile().unwrap();
        assert!(c.is_cut_block_line("Explore wha"));
        assert!(!c.is_cut_block_line("Explore the island"));
    }
}
