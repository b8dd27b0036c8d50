//! `newsclean schema` against what `newsclean parse` really prints.
//!
//! The schema is derived from the Rust types, so these tests are what keeps it honest: every
//! fixture's record (plain and `--explain`) must validate against the printed schema, and a record
//! with a key removed, a key added or a value of the wrong type must not. Without the second half
//! a schema of `{}` would pass.

use assert_cmd::Command;
use serde_json::{json, Value};
use support::{fixtures, parse_records, KEYS};

mod support;

/// The compact records `newsclean parse -c [extra] fixtures/*.txt` prints, one per fixture.
fn fixture_records(extra: &[&str]) -> Vec<Value> {
    parse_records(extra, &fixtures())
}

fn schema() -> Value {
    let out = Command::cargo_bin("newsclean")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success(), "exit {:?}", out.status);
    assert!(out.stderr.is_empty());
    serde_json::from_slice(&out.stdout).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, record: &Value) -> Vec<String> {
    validator
        .iter_errors(record)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn schema_is_draft_2020_12_and_valid_against_its_meta_schema() {
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("the schema is not a valid draft 2020-12 schema: {e}");
    }
}

#[test]
fn schema_requires_every_key_and_only_lines_is_optional() {
    let schema = schema();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required is a list")
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(required, KEYS);
    let properties: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    assert_eq!(properties.len(), KEYS.len() + 1);
    assert!(properties.iter().any(|k| *k == "lines"));
    assert_eq!(schema["additionalProperties"], false);
    let description = schema["description"].as_str().unwrap();
    for key in ["stream", "`id`", "`status`", "`error`", "`metadata`"] {
        assert!(description.contains(key), "description lacks {key}");
    }
}

#[test]
fn schema_numbers_are_counts_and_minutes() {
    let stats = &schema()["$defs"]["Stats"];
    for count in ["paragraphs", "sentences", "words", "characters"] {
        assert_eq!(stats["properties"][count]["type"], "integer", "{count}");
        assert_eq!(stats["properties"][count]["minimum"], 0, "{count}");
    }
    assert_eq!(stats["properties"]["reading_minutes"]["type"], "number");
}

#[test]
fn every_fixture_record_validates() {
    let validator = validator();
    for record in fixture_records(&[]) {
        let errs = errors(&validator, &record);
        assert!(errs.is_empty(), "{}: {errs:#?}", record["input"]);
        assert!(record.get("lines").is_none());
    }
}

#[test]
fn every_explained_fixture_record_validates() {
    let validator = validator();
    for record in fixture_records(&["--explain"]) {
        let errs = errors(&validator, &record);
        assert!(errs.is_empty(), "{}: {errs:#?}", record["input"]);
        assert!(record["lines"].is_array());
    }
}

/// A record with a related card, a dateline and a published object, so tampering reaches the
/// nested types too.
fn rich_record() -> Value {
    fixture_records(&[])
        .into_iter()
        .find(|r| {
            r["related"].as_array().is_some_and(|a| !a.is_empty())
                && r["dateline"].is_object()
                && r["published"].is_object()
        })
        .expect("some fixture has a dateline, a published time and related cards")
}

/// One way of breaking a valid record.
type Tamper = Box<dyn Fn(&mut Value)>;

#[test]
fn tampered_records_are_rejected() {
    let validator = validator();
    let good = rich_record();
    assert!(validator.is_valid(&good));

    let tampered: Vec<(&str, Tamper)> = vec![
        (
            "headline removed",
            Box::new(|r| {
                r.as_object_mut().unwrap().remove("headline");
            }),
        ),
        (
            "warnings removed",
            Box::new(|r| {
                r.as_object_mut().unwrap().remove("warnings");
            }),
        ),
        ("stray key", Box::new(|r| r["extra"] = json!(1))),
        ("headline a number", Box::new(|r| r["headline"] = json!(7))),
        ("body a string", Box::new(|r| r["body"] = json!("text"))),
        (
            "truncated a string",
            Box::new(|r| r["truncated"] = json!("no")),
        ),
        ("kind unknown", Box::new(|r| r["kind"] = json!("blog"))),
        (
            "words a string",
            Box::new(|r| r["stats"]["words"] = json!("12")),
        ),
        (
            "words negative",
            Box::new(|r| r["stats"]["words"] = json!(-1)),
        ),
        (
            "words fractional",
            Box::new(|r| r["stats"]["words"] = json!(1.5)),
        ),
        (
            "dateline place a number",
            Box::new(|r| r["dateline"]["place"] = json!(3)),
        ),
        (
            "published date removed",
            Box::new(|r| {
                r["published"].as_object_mut().unwrap().remove("date");
            }),
        ),
        (
            "teaser category removed",
            Box::new(|r| {
                r["related"][0].as_object_mut().unwrap().remove("category");
            }),
        ),
        ("lines null", Box::new(|r| r["lines"] = Value::Null)),
        (
            "line note without rule",
            Box::new(|r| r["lines"] = json!([{"line": 1, "class": "blank"}])),
        ),
    ];
    for (what, tamper) in tampered {
        let mut record = good.clone();
        tamper(&mut record);
        assert!(!validator.is_valid(&record), "accepted: {what}");
    }
}

#[test]
fn null_is_allowed_where_the_spec_allows_it() {
    let validator = validator();
    let mut record = rich_record();
    for key in [
        "topic",
        "headline",
        "standfirst",
        "byline",
        "publisher",
        "published",
        "dateline",
        "source",
        "source_id",
    ] {
        record[key] = Value::Null;
    }
    record["related"][0]["published"] = Value::Null;
    record["stats"]["reading_minutes"] = json!(0);
    let errs = errors(&validator, &record);
    assert!(errs.is_empty(), "{errs:#?}");
}
