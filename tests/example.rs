//! The one real Daily8 page we have, checked field by field.
//!
//! The page is not ours to publish, so it is never copied into this repository: it is read from
//! `../shared/examples/` beside the checkout when that folder is there, and the test says it
//! skipped otherwise. Everything else in `fixtures/` is made up.

use std::path::PathBuf;

use support::parse_records;

mod support;
use serde_json::Value;

/// Daily8's chrome lines on this page; none may survive outside `boilerplate`.
const CHROME: [&str; 6] = [
    "Hashtags",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
];

/// The parsed record of the real page, or `None` (with a note) when the page is not there.
fn record() -> Option<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("examples")
        .join("daily8-korea-japan.txt");
    if !path.is_file() {
        eprintln!(
            "note: {} is not here; skipping the real-page test",
            path.display()
        );
        return None;
    }
    parse_records(&[], &[path]).pop()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// Every string in `v`, with the JSON path it sits at.
fn all_strings<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((at, s)),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                all_strings(x, format!("{at}[{i}]"), out);
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                all_strings(x, format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn korea_japan_main_article() {
    let Some(r) = record() else { return };
    assert_eq!(
        r["headline"],
        "South Korea's new President Lee, Japan's Ishiba agree to boost ties"
    );
    assert_eq!(r["dateline"]["place"], "SEOUL");
    assert_eq!(r["dateline"]["date"], "June 9");
    assert_eq!(r["source"], "Reuters");
    let body = strings(&r["body"]);
    assert_eq!(body.len(), 7, "{body:#?}");
    assert_eq!(
        body[6],
        "The call lasted for about 25 minutes, the ministry said."
    );
    assert!(
        !body[0].starts_with("SEOUL"),
        "dateline left in: {}",
        body[0]
    );
}

#[test]
fn korea_japan_related_cards() {
    let Some(r) = record() else { return };
    let related = r["related"].as_array().unwrap();
    assert_eq!(related.len(), 3);
    for (card, place) in related.iter().zip(["TAIPEI", "SEOUL", "TOKYO"]) {
        let headline = &card["headline"];
        assert_eq!(card["publisher"], "Free Malaysia Today", "{headline}");
        assert_eq!(card["published"]["text"], "5 hours ago", "{headline}");
        let images = card["images"].as_array().unwrap();
        assert_eq!(images.len(), 1, "{headline}");
        assert_eq!(images[0]["credit"], "EPA Images", "{headline}");
        assert_eq!(card["dateline"]["place"], place, "{headline}");
        let body = strings(&card["body"]);
        assert!(!body.is_empty(), "{headline}");
        assert!(
            !body[0].trim_start().starts_with(place),
            "{headline}: dateline left in the body: {}",
            body[0]
        );
    }
}

#[test]
fn korea_japan_chrome_only_in_boilerplate() {
    let Some(r) = record() else { return };
    let boilerplate = strings(&r["boilerplate"]);
    for line in CHROME {
        assert!(boilerplate.contains(&line), "{line:?} not in boilerplate");
    }
    let mut found = Vec::new();
    for (key, value) in r.as_object().unwrap() {
        if key != "boilerplate" {
            all_strings(value, key.clone(), &mut found);
        }
    }
    for (at, s) in found {
        for line in CHROME {
            assert!(!s.contains(line), "{at} contains chrome {line:?}: {s:?}");
        }
    }
}
