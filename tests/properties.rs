//! Properties of the parser over generated dumps and over every fixture: it never panics, its
//! record is valid JSON, no word of the input is lost (SPEC's guarantee, with the word defined
//! in `tests/common/mod.rs`), and the same input gives the same bytes whatever the thread count.
//!
//! The generator builds dumps the way real ones look, by mixing the layout pieces FORMATS.md
//! catalogues (starts, headline copies, publisher stamps, datelines of every style, captions,
//! link splits, sign-offs, promo tails, the three chrome block shapes, compact and logo cards,
//! listing headers, digests and round-ups), then damages them as scrapers and disks do: cut at
//! any character, random piece lines inserted anywhere, random bytes flipped (so the text may
//! stop being UTF-8 or gain NUL bytes; it then goes through `parse_bytes` like a file would).
//! Pure random bytes would rarely reach the layout rules; fully random layouts would rarely be
//! damaged in interesting places: this mixes the two.

mod common;

use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use newsclean::{InputError, Parser, Rules};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

const HEADLINES: &[&str] = &[
    "Minister opens new bridge in Kuching",
    "‘Stay calm': minister urges traders",
    "Flood victims in Kota Tinggi rise to 1,240",
    "Is the Bridge Safe?Engineers say",
    "Perak to hire 300 contract teachers – state exco [WATCH]",
    "Kyodo News Digest: March 3, 2025",
    "Vernacular press round-up: SPM results day, tuition fees",
    "𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: rail link delayed again",
];

const PUBLISHERS: &[&str] = &[
    "The Star",
    "Malay Mail",
    "New Straits Times",
    "Free Malaysia Today",
    "CNA",
    "Kyodo News",
    "Barnama",
    "Bernama",
    "Yahoo",
];

const AGES: &[&str] = &[
    "3 hours ago",
    "11 minutes ago",
    "an hour ago",
    "a day ago",
    "5 days ago",
    "14-02-2025",
];

const DATELINES: &[&str] = &[
    "KUALA LUMPUR: ",
    "Kuala Lumpur: ",
    "PETALING JAYA : ",
    "IPOH, March 3 — ",
    "PUTRAJAYA, March 3 (Bernama) – ",
    "PUTRAJAYA, March 3 (Bernama) -- ",
    "OSAKA, March 3 (Bernama-Kyodo) -- ",
    "BUSAN, South Korea (AP) — ",
    "LONDON/PARIS -- ",
    "OSAKA (Kyodo) -- ",
    "SANDAKAN (March 3): ",
    "MANILA - ",
    "THE ",
    "",
];

const SENTENCES: &[&str] = &[
    "The ministry has approved RM2.5 million for repairs, he said.",
    "the bridge will reopen on March 20 after tests, officials said.",
    "Rescuers found 14 people near the site at 9.15pm yesterday.",
    "Readers can write to [email protected] or visit https://example.my/news.",
    "'We are ready,' she told reporters 🙂",
    "Talks with a ' firm mandate ', he said, would continue.",
    "COVID-19 cases rose to 3,350 in the week ending Feb 14.",
    "Prices of durian fell 20pc in Raub this season",
    "He said the state would also build quarters for 300 teachers",
];

const CREDITS: &[&str] = &[
    "(Bernama pic)",
    "(Facebook pic)",
    "(EPA Images pic)",
    "(Photo Credit Kyodo)",
    "(Jane Roe/Pool Photo via AP)",
    "-- fotoBERNAMA (2025) COPYRIGHT RESERVED",
    "- Bernama pic",
    "— Bernama photo",
    "- Photo by Bernama",
];

const CHROME_LINES: &[&str] = &[
    "logo",
    "#",
    "Hashtags",
    "Orange background",
    "Try Our AI Features",
    "Explore what Daily8 AI can do for you:",
    "Comments",
    "No comments yet...",
    "Related Articles",
    "More Like This",
    "Keywords: floods, Johor",
    "Advertisement",
    "READ MORE",
    "bootstrap slideshow",
    "----------",
    "Explore wha",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    select(list)
}

/// One layout piece: a few whole lines, each ending in `\n`.
fn piece() -> impl Strategy<Value = String> {
    let h = || pick(HEADLINES);
    let s = || pick(SENTENCES);
    let p = || pick(PUBLISHERS);
    let a = || pick(AGES);
    prop_oneof![
        // Starts: compact, logo, plain, mid-page, crawler prefix.
        h().prop_map(|h| format!("\n{h}\n")),
        h().prop_map(|h| format!("logo\n{h}\n\n{h}\n\n")),
        h().prop_map(|h| format!("{h}\n")),
        s().prop_map(|s| format!("he said {s}\n")),
        Just("&w=3840&q=100)\n".to_string()),
        s().prop_map(|s| format!(" date 2025-03-14 {s}\n")),
        // Publisher stamps and site stamps.
        (p(), a()).prop_map(|(p, a)| format!("{p}{a}\n\n")),
        Just("14 Feb 2025 09:15pm\n".to_string()),
        Just("KYODO NEWS - 2 hours ago - 18:40 | All, Japan\n".to_string()),
        Just("Published on: Fri, Feb 14, 2025 By: Farid Osman Text Size:\n".to_string()),
        Just("Published on:\nFri, Feb 14, 2025\nBy: Farid Osman\n".to_string()),
        // Bylines and standfirsts.
        select(
            &[
                "AMIR HALIM and MEI LING TAN\n",
                "From Farid Osman\n",
                "By: Farid Osman\n",
                "The minister says the new rules will take effect before the monsoon season.\n",
            ][..]
        )
        .prop_map(str::to_string),
        (pick(DATELINES), s())
            .prop_map(|(d, s)| format!("Compiled by A. RAJ and L. WONG {d}{s}\n")),
        // Datelines starting the lead, or alone on their line.
        (pick(DATELINES), s()).prop_map(|(d, s)| format!("{d}{s}\n")),
        s().prop_map(|s| format!("PUTRAJAYA:\n{s}\n")),
        // Captions, with credits, alt text, or glued before a dateline.
        (s(), pick(CREDITS)).prop_map(|(s, c)| format!("{s} {c}\n")),
        (s(), pick(CREDITS)).prop_map(|(s, c)| format!("kl tower\n{s} {c}\n")),
        (s(), s()).prop_map(|(c, s)| format!("{c} SANDAKAN: {s}\n")),
        // Body lines, blank-separated or not, link splits, subheadings, tweets, round-ups.
        s().prop_map(|s| format!("{s}\n")),
        s().prop_map(|s| format!("\n{s}\n")),
        Just("Talks with\nSouth Korea\nended without a deal.\n".to_string()),
        Just("What happens next\n".to_string()),
        Just("FLOODS\n".to_string()),
        s().prop_map(|s| format!("{s} — Some Name (@handle) March 3, 2025\n")),
        s().prop_map(|s| format!("> {s}\n")),
        Just(
            "News items marked with the > sign are taken from vernacular newspapers.\n".to_string()
        ),
        s().prop_map(|s| format!("Advertisement {s}\n")),
        // Sign-offs and promo tails.
        select(
            &[
                "— Reuters\n",
                "-- BERNAMA-KYODO\n",
                "— AFP\n",
                "* Follow us on our official WhatsApp channel for breaking news alerts!\n",
                "Stay up-to-date by following Daily Express's Telegram channel.\n",
                "That's all for News@9.\n",
                "#Floods #Johor\n",
            ][..]
        )
        .prop_map(str::to_string),
        s().prop_map(|s| format!("{s} - Reuters\n")),
        // Digest pieces.
        s().prop_map(|s| format!("----------\n{s}\nMANILA - {s}\n")),
        // The three chrome block shapes.
        Just(
            "Hashtags\n\nTry Our AI Features\nExplore what Daily8 AI can do for you:\nComments\n\
             No comments yet...\nRelated Articles\n\n\n"
                .to_string()
        ),
        Just(
            "\n\nTry Our AI Features\nExplore what Daily8 AI can do for you:\nComments\n\
             No comments yet...\nRelated Articles\n\n\n"
                .to_string()
        ),
        Just(
            "More Like This\n\nOrange background\n\nHashtags\n\nTry Our AI Features\n\n\
             Explore what Daily8 AI can do for you:\n\nComments\n\nNo comments yet...\n\n\
             Related Articles\n\n"
                .to_string()
        ),
        pick(CHROME_LINES).prop_map(|c| format!("{c}\n")),
        // Cards: compact, logo, and listing versions with a category.
        (p(), a(), h(), pick(DATELINES), s(), s())
            .prop_map(|(p, a, h, d, s1, s2)| format!("{p}\n{a}\n- {p}\n{h}\n{d}{s1} {s2}\n")),
        (p(), a(), h(), s(), pick(CREDITS)).prop_map(|(p, a, h, s, c)| format!(
            "{h}\n{h}\n\n{p}\n\ntime{a}\n\n  • {p}\n\n{h}\n\n{s} {c} KUALA LUMPUR: {s}\n\n"
        )),
        (p(), a(), h(), s())
            .prop_map(|(p, a, h, s)| format!("{p}\n{a}\n- Politics\n- {p}\n{h}\n{s} > {s}\n\n")),
        (p(), a(), h(), s()).prop_map(|(p, a, h, s)| format!(
            "{h}\n{h}\n\n{p}\n\ntime{a}\n\n  • Nation\n\n  • {p}\n\n{h}\n\n{s}\n\n"
        )),
        // Listing headers.
        Just("\nLatest news with #PermatangPauh\n\n".to_string()),
        Just("logo\n#\nLatest news with #JohorFloods\n\n".to_string()),
    ]
}

/// Damage done to a generated dump, applied in order.
#[derive(Clone, Debug)]
enum Damage {
    /// Truncate at this fraction (per mille) of the text, on a char boundary.
    Cut(u16),
    /// Insert one line of a piece before this line (modulo the line count).
    Insert(usize, String),
    /// XOR the byte at this position (modulo the length) with a non-zero value.
    Flip(usize, u8),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (0u16..=1000).prop_map(Damage::Cut),
        (any::<usize>(), piece(), any::<usize>()).prop_map(|(at, p, k)| {
            let lines: Vec<&str> = p.lines().collect();
            Damage::Insert(at, lines[k % lines.len()].to_string())
        }),
        (any::<usize>(), 1u8..=255).prop_map(|(at, x)| Damage::Flip(at, x)),
    ]
}

fn apply(pieces: &[String], damages: &[Damage]) -> Vec<u8> {
    let mut text = pieces.concat();
    let mut flips = Vec::new();
    for d in damages {
        match d {
            Damage::Cut(per_mille) => {
                let mut at = text.len() * usize::from(*per_mille) / 1000;
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                text.truncate(at);
            }
            Damage::Insert(at, line) => {
                let mut lines: Vec<&str> = text.split('\n').collect();
                let at = at % lines.len();
                lines.insert(at, line);
                text = lines.join("\n");
            }
            Damage::Flip(at, x) => flips.push((*at, *x)),
        }
    }
    let mut bytes = text.into_bytes();
    if !bytes.is_empty() {
        for (at, x) in flips {
            let at = at % bytes.len();
            bytes[at] ^= x;
        }
    }
    bytes
}

fn dump() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(piece(), 1..25),
        prop::collection::vec(damage(), 0..4),
    )
        .prop_map(|(pieces, damages)| apply(&pieces, &damages))
}

/// One parser for every case: compiling the rules is most of the cost of a small parse.
fn parser() -> &'static Parser {
    static PARSER: LazyLock<Parser> = LazyLock::new(|| Parser::new(Rules::builtin()).unwrap());
    &PARSER
}

/// Parses `bytes` as a file would be, and checks everything SPEC guarantees for the record.
fn check_dump(parser: &Parser, bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let article = match parser.parse_bytes(bytes, true) {
        Ok(article) => article,
        // Refused inputs are only these; nothing else may be refused.
        Err(InputError::Empty | InputError::Blank | InputError::Binary) => {
            let refusable = bytes.is_empty()
                || text.trim_start_matches('\u{feff}').trim().is_empty()
                || bytes.contains(&0);
            prop_assert!(refusable, "a good input was refused");
            return Ok(());
        }
        Err(e) => return Err(TestCaseError::fail(format!("refused: {e}"))),
    };
    let json = serde_json::to_string(&article).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json)
        .map_err(|e| TestCaseError::fail(format!("not valid JSON: {e}")))?;
    let lost = common::lost_words(&text, &value);
    prop_assert!(
        lost.is_empty(),
        "words lost: {lost:?}\ninput: {text:?}\nrecord: {json}"
    );
    Ok(())
}

/// 1,024 cases by default (a few seconds in a debug build); `PROPTEST_CASES=100000` for a
/// longer hunt.
fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    Config {
        cases,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_dumps_never_panic_give_json_and_lose_no_word(bytes in dump()) {
        check_dump(parser(), &bytes)?;
    }
}

fn fixture_dumps() -> Vec<std::path::PathBuf> {
    let mut paths: Vec<_> = fs::read_dir("fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 50, "fixtures missing");
    paths
}

#[test]
fn no_word_of_any_fixture_is_lost() {
    let mut failures = Vec::new();
    for path in fixture_dumps() {
        let bytes = fs::read(&path).unwrap();
        if let Err(e) = check_dump(parser(), &bytes) {
            failures.push(format!("{}: {e}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The word definition itself (tests/common), which every no-word-lost check rests on.
#[test]
fn the_word_definition_splits_glued_ages_datelines_quotes_and_numbers() {
    let words = common::words(
        "The Star3 hours ago time5 hours ago CNA14-02-2025 COVID-19 \
         Kuala Lumpur:The yesterday.SANDAKAN last year'As rise to 102,4",
    );
    for w in [
        "Star",
        "3",
        "time",
        "5",
        "CNA",
        "14",
        "02",
        "2025",
        "COVID",
        "19",
        "Lumpur",
        "The",
        "yesterday",
        "SANDAKAN",
        "year",
        "As",
        "102",
        "4",
    ] {
        assert!(words.contains(w), "{w} missing from {words:?}");
    }
    for glued in [
        "Star3",
        "time5",
        "Lumpur:The",
        "yesterday.SANDAKAN",
        "year'As",
        "102,4",
    ] {
        assert!(!words.contains(glued), "{glued} not split");
    }
    // A time zone glued to a headline splits; an outlet ending in a capital glued to an age
    // stays whole, for the glued-age allowance to read (`CNA` + `an hour ago`).
    let glued = common::words("UTCFloods CNAan");
    assert!(
        glued.contains("UTC") && glued.contains("Floods"),
        "{glued:?}"
    );
    assert!(
        glued.contains("CNAan") && !glued.contains("Aan"),
        "{glued:?}"
    );
    let record = serde_json::json!({"publisher": "CNA", "published": {"text": "an hour ago"}});
    assert_eq!(
        common::lost_words("CNAan hour ago", &record),
        Vec::<String>::new()
    );
}

/// Writes `count` generated dumps (undamaged by byte flips, so every one parses) into `dir`,
/// the same ones every time.
fn generated_folder(dir: &Path, count: usize) {
    let strategy = (
        prop::collection::vec(piece(), 1..25),
        prop::collection::vec(prop_oneof![(0u16..=1000).prop_map(Damage::Cut)], 0..2),
    );
    let mut runner = TestRunner::deterministic();
    for n in 0..count {
        let (pieces, damages) = strategy.new_tree(&mut runner).unwrap().current();
        let sub = dir.join(format!("d{}", n % 7));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("p{n}.txt")), apply(&pieces, &damages)).unwrap();
    }
}

#[test]
fn batch_jsonl_is_byte_identical_across_thread_counts_and_runs() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("pages");
    generated_folder(&dir, 300);
    let run = |jobs: &str, name: &str| {
        let jsonl = tmp.path().join(name);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_newsclean"))
            .args(["batch", "-j", jobs, "--no-progress"])
            .arg(&dir)
            .arg("--jsonl")
            .arg(&jsonl)
            .output()
            .unwrap();
        // Some generated dumps are cut to nothing and fail (exit 1); the rest must agree.
        assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let errors: Vec<String> = stderr
            .lines()
            .filter(|l| l.starts_with("newsclean: "))
            .map(str::to_string)
            .collect();
        (fs::read(&jsonl).unwrap(), errors)
    };
    let (one, one_errors) = run("1", "j1.jsonl");
    let (two, two_errors) = run("2", "j2.jsonl");
    let (again, _) = run("2", "j2-again.jsonl");
    assert!(
        one.iter().filter(|&&b| b == b'\n').count() > 250,
        "too few records"
    );
    assert!(one == two, "-j1 and -j2 differ");
    assert!(two == again, "two runs with -j2 differ");
    assert_eq!(
        one_errors, two_errors,
        "error lines differ in order or text"
    );
}
