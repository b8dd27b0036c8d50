//! `newsclean rules --suggest DIR` on a generated folder of a made-up site: the site's furniture
//! is suggested (lines, and a pattern where the lines differ in numbers and names), a story
//! republished in many dumps and teaser headlines that repeat across pages are not, the output
//! is the same bytes run after run and whatever the thread count, and the suggested file, passed
//! back with `--rules`, takes the furniture out of the records.

use std::fs;
use std::path::Path;

use serde_json::Value;
use support::{newsclean, run};

mod support;

const PROMO: &str = "Tip us off: message the Kite Courier desk any time.";
const REPUBLISHED: &str =
    "The lantern parade drew a record crowd of ten thousand on Sunday, organisers said.";

/// Sixteen pages of the made-up Kite Courier, in two folders: each with a byline line that
/// varies, the promo line, and an unrecognised `Trending now` list of three other stories'
/// headlines; plus one story republished in six dumps.
fn make_site(root: &Path) {
    let names = ["Jane Roe", "Amir Halim", "Mei Ling Tan", "Sam Lee"];
    let headline = |k: usize| format!("Town council backs plan {k} for a riverside night market");
    for k in 0..16 {
        let teasers: Vec<String> = (1..=3).map(|d| headline((k + d * 5) % 16)).collect();
        let story: Vec<String> = (0..3)
            .map(|j| {
                format!(
                    "Paragraph {j} of a story about stall {k}, whose owner said the scheme \
                     {} would help traders at the market.",
                    ["surely", "perhaps", "in time"][j]
                )
            })
            .collect();
        let page = format!(
            "{}\nBy {} | {} hours ago\n{}\n{PROMO}\nThis story was read {} times by {} readers today\nTrending now\n{}",
            headline(k),
            names[k % 4],
            k + 1,
            story.join("\n"),
            100 + 37 * k,
            ["Kuching", "Sibu Town", "Miri"][k % 3],
            teasers.join("\n")
        );
        let dir = root.join(if k % 2 == 0 { "news" } else { "metro" });
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(format!("page{k:02}.txt")), page).unwrap();
    }
    for c in 0..6 {
        let page = format!("Lantern parade breaks its record\n{REPUBLISHED}\n{PROMO}");
        fs::write(root.join(format!("news/copy{c}.txt")), page).unwrap();
    }
}

fn suggested(root: &Path, threads: &str) -> (String, String) {
    let out = run(newsclean()
        .env("RAYON_NUM_THREADS", threads)
        .args(["rules", "--suggest"])
        .arg(root));
    assert_eq!(out.code, 0, "{}", out.stderr);
    (out.stdout, out.stderr)
}

#[test]
fn a_sites_furniture_is_suggested_and_its_stories_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(tmp.path());
    let (stdout, stderr) = suggested(tmp.path(), "2");
    let rules: Value = serde_json::from_str(&stdout).unwrap();
    let lines: Vec<&str> = rules["chrome_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(lines.contains(&PROMO), "{lines:?}");
    assert!(lines.contains(&"Trending now"), "{lines:?}");
    // Neither the republished story's line nor any page's headline (as listed teasers).
    assert!(!stdout.contains(REPUBLISHED), "{stdout}");
    assert!(!stdout.contains("night market"), "{stdout}");
    assert!(!stdout.contains("Paragraph"), "{stdout}");
    // The counter lines differ in numbers and names: one pattern takes them all.
    let patterns = rules["chrome_patterns"].as_array().unwrap();
    assert_eq!(patterns.len(), 1, "{stdout}");
    let re = regex::Regex::new(patterns[0].as_str().unwrap()).unwrap();
    assert!(re.is_match("This story was read 9 times by Bintulu readers today"));
    // The review table names each suggestion with its count and an example file.
    assert!(stderr.contains("17 distinct articles"), "{stderr}");
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(PROMO) && l.contains("17")),
        "{stderr}"
    );
}

#[test]
fn suggestions_are_the_same_bytes_whatever_the_threads() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(tmp.path());
    let one = suggested(tmp.path(), "1");
    assert_eq!(one, suggested(tmp.path(), "2"));
    assert_eq!(one, suggested(tmp.path(), "2"));
}

#[test]
fn the_suggested_rules_take_the_furniture_out_of_the_records() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    make_site(&site);
    let (stdout, _) = suggested(&site, "2");
    let rules = tmp.path().join("site-rules.json");
    fs::write(&rules, stdout).unwrap();
    let jsonl = tmp.path().join("out.jsonl");
    let out = run(newsclean()
        .args(["batch", "--rules"])
        .arg(&rules)
        .arg(&site)
        .arg("--jsonl")
        .arg(&jsonl));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in fs::read_to_string(&jsonl).unwrap().lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        let body = r["body"].to_string();
        assert!(
            !body.contains(PROMO) && !body.contains("This story was read"),
            "{body}"
        );
        assert!(r["boilerplate"].to_string().contains(PROMO));
    }
}

#[test]
fn thresholds_are_checked_and_change_what_is_suggested() {
    let tmp = tempfile::tempdir().unwrap();
    make_site(tmp.path());
    let out = run(newsclean()
        .args(["rules", "--min-share", "2", "--suggest"])
        .arg(tmp.path()));
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("newsclean: "), "{}", out.stderr);
    let out = run(newsclean()
        .args(["rules", "--min-articles", "100", "--suggest"])
        .arg(tmp.path()));
    assert_eq!(out.code, 0);
    let rules: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rules["chrome_lines"], serde_json::json!([]));
}
