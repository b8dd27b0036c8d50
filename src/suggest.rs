//! Learning a site's chrome from a folder of its pages (`newsclean rules --suggest DIR`).
//!
//! Every site has furniture nobody has listed yet, and it repeats from page to page, while a
//! story's own lines do not. So: for every line the parser put into a content field of a main
//! article (body, standfirst, caption, subheading, byline), count in how many *distinct
//! articles* it stands. The same story republished in several dumps is one article (it is
//! known by its headline and its longest paragraph), so a story's lines never add up. A line
//! in at least `min_articles` articles and at least `min_share` of them is suggested; lines that
//! differ only in numbers or in capitalised names are suggested together as one pattern.
//! Headlines (the pages' own and their teasers') are never suggested, so neither are teaser
//! headlines that repeat across pages when a list was not recognised.
//!
//! Pure: records in, suggestions out, in a deterministic order.

use std::collections::{BTreeMap, BTreeSet};

use crate::article::{Article, Kind};

/// How often a line must recur to be suggested.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    /// In at least this many distinct articles.
    pub min_articles: usize,
    /// In at least this share (0 to 1) of the distinct articles.
    pub min_share: f64,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            min_articles: 3,
            min_share: 0.1,
        }
    }
}

/// A suggested chrome line or pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The line as found (for a pattern, one of the lines it takes).
    pub line: String,
    /// The pattern, when several lines differing in numbers or names are suggested together.
    pub pattern: Option<String>,
    /// In how many distinct articles it stands.
    pub articles: usize,
    /// That count over all distinct articles.
    pub share: f64,
    /// The `input` of one record it stands in.
    pub example: String,
}

/// What the records showed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Suggestions {
    /// Distinct articles among the records (listings do not count).
    pub articles: usize,
    pub lines: Vec<Suggestion>,
    pub patterns: Vec<Suggestion>,
}

/// Lines longer than this are paragraphs: never furniture worth a rule.
const MAX_LINE_CHARS: usize = 400;

/// Counts the records' content lines and suggests the recurring ones.
pub fn suggest(records: &[Article], t: Thresholds) -> Suggestions {
    let mut headlines = BTreeSet::new();
    for r in records {
        headlines.extend(r.headline.as_deref().map(norm));
        for teaser in r.related.iter().chain(&r.items) {
            headlines.extend(teaser.headline.as_deref().map(norm));
        }
    }
    // Article fingerprint -> its number; line -> (articles it stands in, first example).
    let mut articles: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut seen: BTreeMap<String, (BTreeSet<usize>, String)> = BTreeMap::new();
    for r in records.iter().filter(|r| r.kind == Kind::Article) {
        let longest = r
            .body
            .iter()
            .max_by_key(|p| p.chars().count())
            .map(|p| norm(p))
            .unwrap_or_default();
        let key = (r.headline.as_deref().map(norm).unwrap_or_default(), longest);
        let next = articles.len();
        let id = *articles.entry(key).or_insert(next);
        for line in content_lines(r) {
            let line = norm(line);
            if line.is_empty() || line.chars().count() > MAX_LINE_CHARS || headlines.contains(&line)
            {
                continue;
            }
            let entry = seen
                .entry(line)
                .or_insert_with(|| (BTreeSet::new(), r.input.clone()));
            entry.0.insert(id);
        }
    }
    let total = articles.len();
    let enough =
        |n: usize| n >= t.min_articles && total > 0 && n as f64 / total as f64 >= t.min_share;
    let mut out = Suggestions {
        articles: total,
        ..Suggestions::default()
    };
    let mut taken = BTreeSet::new();
    // Patterns first: lines that differ in numbers or names, which alone may not recur.
    let mut shapes: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for line in seen.keys() {
        if let Some(p) = shape(line) {
            shapes.entry(p).or_default().push(line);
        }
    }
    for (pattern, lines) in &shapes {
        if lines.len() < 2 {
            continue;
        }
        let union: BTreeSet<usize> = lines
            .iter()
            .flat_map(|l| seen[*l].0.iter().copied())
            .collect();
        if enough(union.len()) {
            let first = lines[0];
            out.patterns.push(Suggestion {
                line: first.clone(),
                pattern: Some(pattern.clone()),
                articles: union.len(),
                share: union.len() as f64 / total as f64,
                example: seen[first].1.clone(),
            });
            taken.extend(lines.iter().map(|l| (*l).clone()));
        }
    }
    for (line, (ids, example)) in &seen {
        if !taken.contains(line) && enough(ids.len()) {
            out.lines.push(Suggestion {
                line: line.clone(),
                pattern: None,
                articles: ids.len(),
                share: ids.len() as f64 / total as f64,
                example: example.clone(),
            });
        }
    }
    let order = |a: &Suggestion, b: &Suggestion| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.line.cmp(&b.line))
    };
    out.lines.sort_by(order);
    out.patterns.sort_by(order);
    out
}

/// The main article's content lines: where chrome that no rule knows ends up.
fn content_lines(r: &Article) -> impl Iterator<Item = &str> {
    r.body
        .iter()
        .map(String::as_str)
        .chain(r.standfirst.as_deref())
        .chain(r.byline.as_deref())
        .chain(r.images.iter().filter_map(|i| i.caption.as_deref()))
        .chain(r.subheadings.iter().map(|s| s.text.as_str()))
}

/// White space collapsed, ends trimmed.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The longest line a pattern is made for.
const MAX_PATTERN_WORDS: usize = 12;

/// A capitalised name: one to four capitalised words.
const NAME: &str = r"[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}";

/// The pattern a line belongs to when its numbers and capitalised names vary: `Posted 3 hours
/// ago by Jane Roe` gives `^Posted\s+[0-9]+\s+hours\s+ago\s+by\s+NAME$`. None when nothing in
/// the line varies, or when too little of it would stay literal to be safe.
fn shape(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split(' ').collect();
    // Furniture that varies is short; longer lines that differ only in numbers are templated
    // stories (a market report), not chrome.
    if words.len() > MAX_PATTERN_WORDS {
        return None;
    }
    let mut out = Vec::new();
    let mut literal = 0;
    let mut varied = false;
    let mut k = 0;
    while k < words.len() {
        let w = words[k];
        if w.bytes().any(|b| b.is_ascii_digit()) {
            out.push(digits(w));
            varied = true;
            k += 1;
        } else if k > 0 && w.starts_with(|c: char| c.is_uppercase()) {
            // A run of capitalised words after the line's first word: a name.
            let run = words[k..]
                .iter()
                .take(4)
                .take_while(|x| x.starts_with(|c: char| c.is_uppercase()))
                .count();
            out.push(NAME.to_string());
            varied = true;
            k += run;
        } else {
            out.push(regex::escape(w));
            literal += 1;
            k += 1;
        }
    }
    (varied && literal >= 2).then(|| format!(r"^{}$", out.join(r"\s+")))
}

/// A word with its digit runs made `[0-9]+`, the rest escaped.
fn digits(w: &str) -> String {
    let mut out = String::new();
    let mut lit = String::new();
    let mut in_digits = false;
    for c in w.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push_str(&regex::escape(&lit));
                lit.clear();
                out.push_str("[0-9]+");
                in_digits = true;
            }
        } else {
            in_digits = false;
            lit.push(c);
        }
    }
    out.push_str(&regex::escape(&lit));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(input: &str, headline: &str, body: &[&str]) -> Article {
        Article {
            input: input.into(),
            headline: Some(headline.into()),
            body: body.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn recurring_lines_are_suggested_and_a_republished_story_counts_once() {
        let promo = "Join our reader panel and win vouchers";
        let mut records = Vec::new();
        for k in 0..5 {
            let story = format!("Story number {k} tells of a long event in a small town far away.");
            records.push(article(
                &format!("{k}.txt"),
                &format!("Headline {k}"),
                &[&story, promo],
            ));
        }
        // One story in ten dumps: its line stands in one article only.
        let repeated = "A quote that the same story carries in every copy, word for word, as told.";
        for k in 0..10 {
            records.push(article(&format!("copy{k}.txt"), "Same story", &[repeated]));
        }
        let s = suggest(&records, Thresholds::default());
        assert_eq!(s.articles, 6);
        let lines: Vec<&str> = s.lines.iter().map(|l| l.line.as_str()).collect();
        assert_eq!(lines, [promo]);
        assert_eq!(s.lines[0].articles, 5);
    }

    #[test]
    fn lines_differing_in_numbers_or_names_make_one_pattern() {
        let mut records = Vec::new();
        for (k, who) in ["Jane Roe", "John Doe", "Ali Baba", "Mei Ling Tan"]
            .iter()
            .enumerate()
        {
            let story = [
                "Rain fell.",
                "The bridge opened.",
                "Stalls closed early.",
                "Prices rose.",
            ][k];
            let body = [format!("Posted {k} hours ago by {who}"), story.to_string()];
            let body: Vec<&str> = body.iter().map(String::as_str).collect();
            records.push(article(
                &format!("{k}.txt"),
                &format!("Headline {k}"),
                &body,
            ));
        }
        let s = suggest(&records, Thresholds::default());
        assert_eq!(s.patterns.len(), 1, "{s:#?}");
        let re = regex::Regex::new(s.patterns[0].pattern.as_ref().unwrap()).unwrap();
        assert!(re.is_match("Posted 11 hours ago by Sam Lee"));
        assert!(!re.is_match("Posted yesterday"));
        assert!(s.lines.is_empty());
    }

    #[test]
    fn a_line_that_is_a_headline_elsewhere_is_never_suggested() {
        let mut records = Vec::new();
        for k in 0..6 {
            let mut a = article(
                &format!("{k}.txt"),
                &format!("Headline {k}"),
                &["Floods close schools in the north", "Only here."],
            );
            a.body.push(format!("Different text {k}."));
            records.push(a);
        }
        records.push(article(
            "x.txt",
            "Floods close schools in the north",
            &["Body of that story."],
        ));
        let s = suggest(
            &records,
            Thresholds {
                min_articles: 3,
                min_share: 0.5,
            },
        );
        let lines: Vec<&str> = s.lines.iter().map(|l| l.line.as_str()).collect();
        assert_eq!(lines, ["Only here."]);
    }
}
