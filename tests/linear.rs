//! Linear time on pathological shapes: each test doubles an input's size and fails when the time
//! grows much faster than the input (a quadratic step takes four times as long, a linear one
//! twice). It compares times, never a time against a limit, so it holds on a slow or busy
//! machine: each size is timed several times and the fastest run kept (noise only ever adds
//! time), and the size first grows until one run takes long enough to measure.
//!
//! Shapes come from the faults found on purpose (issue 14): runs of white space or closing
//! characters in one paragraph (`ascii_sentences` scanned back at every position), dashes,
//! colons, digits and capitals (what the dateline, credit and sign-off recognisers look for),
//! blank lines, one huge line, very many short lines, a huge rules list, and `check`'s diff of
//! many changed lines.

use std::fs;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use newsclean::{Parser, Rules};

/// The time of the fastest of `runs` runs of `f`.
fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// Long enough to measure on a busy machine, short enough to keep the suite quick.
const MEASURABLE: Duration = Duration::from_millis(60);

/// time(2n) / time(n) above this fails: linear is about 2, quadratic about 4.
const MAX_RATIO: f64 = 3.0;

/// Grows `n` from `start` until `work(n)` takes [`MEASURABLE`], then compares `work(2n)` with
/// `work(n)`. `work` builds its input outside the timed part, through `prepare`.
fn assert_linear<T>(name: &str, start: usize, prepare: impl Fn(usize) -> T, work: impl Fn(&T)) {
    let mut n = start;
    loop {
        let input = prepare(n);
        if fastest(1, || work(&input)) >= MEASURABLE || n >= start << 12 {
            break;
        }
        n *= 2;
    }
    let (small, large) = (prepare(n), prepare(2 * n));
    let mut ratio = f64::INFINITY;
    // A second try absorbs one unlucky spell of a shared machine.
    for _ in 0..2 {
        let t1 = fastest(3, || work(&small));
        let t2 = fastest(3, || work(&large));
        ratio = ratio.min(t2.as_secs_f64() / t1.as_secs_f64());
        if ratio < MAX_RATIO {
            return;
        }
    }
    panic!("{name}: doubling the input from n = {n} made it {ratio:.1} times slower");
}

/// A dump whose one body paragraph holds `run` between two sentences.
fn paragraph_with(run: &str) -> String {
    format!("\nBridge reopens\nKUALA LUMPUR: The bridge reopened.{run}Traffic was light.\n")
}

fn parse_shape(name: &str, piece: &'static str) {
    assert_linear(
        name,
        1_000,
        |n| paragraph_with(&piece.repeat(n)),
        |text| {
            black_box(newsclean::parse(text));
        },
    );
}

/// The counts alone, the part of a parse that `ascii_sentences` was quadratic in.
fn stats_shape(name: &str, piece: &'static str) {
    assert_linear(
        name,
        1_000,
        |n| vec![format!("It rained.{}Roads flooded.", piece.repeat(n))],
        |paragraphs| {
            black_box(newsclean::stats::of_paragraphs(paragraphs));
        },
    );
}

#[test]
fn sentence_counts_are_linear_in_runs_of_spaces_and_closers() {
    for (name, piece) in [
        ("spaces", " "),
        ("tabs", "\t"),
        ("open brackets", "("),
        ("close brackets", ")"),
        ("double quotes", "\""),
        ("single quotes", "'"),
        ("square brackets", "]"),
        ("braces", "}"),
        ("full stops", "."),
        ("closer then space", ") "),
    ] {
        stats_shape(name, piece);
    }
}

#[test]
fn word_counts_are_linear() {
    for (name, piece) in [("letters", "a"), ("digits", "7"), ("mid-number", "1,")] {
        stats_shape(name, piece);
    }
}

#[test]
fn parse_is_linear_in_runs_of_spaces() {
    parse_shape("spaces", " ");
}

#[test]
fn parse_is_linear_in_runs_of_brackets_and_quotes() {
    parse_shape("open brackets", "(");
    parse_shape("double quotes", "\"");
}

#[test]
fn parse_is_linear_in_runs_of_dashes_and_colons() {
    parse_shape("dashes", "-");
    parse_shape("colons", ":");
}

#[test]
fn parse_is_linear_in_digits_and_capitals() {
    parse_shape("digits", "7");
    parse_shape("capitals", "A");
    parse_shape("capital words", "PUTRAJAYA ");
}

#[test]
fn parse_is_linear_in_blank_lines() {
    assert_linear(
        "blank lines",
        1_000,
        |n| {
            format!(
                "\nBridge reopens\nIPOH: It opened.\n{}Traffic was light.\n",
                "\n".repeat(n)
            )
        },
        |text| {
            black_box(newsclean::parse(text));
        },
    );
}

#[test]
fn parse_is_linear_in_one_huge_line() {
    assert_linear(
        "one huge line",
        100,
        |n| paragraph_with(&" The ministry said 1,240 flood victims were moved.".repeat(n)),
        |text| {
            black_box(newsclean::parse(text));
        },
    );
}

#[test]
fn parse_is_linear_in_many_short_lines() {
    assert_linear(
        "many short lines",
        1_000,
        |n| format!("\nBridge reopens\n{}", "IPOH: It opened.\n".repeat(n)),
        |text| {
            black_box(newsclean::parse(text));
        },
    );
}

/// Rules with `n` chrome lines, run over a dump of `n` lines: linear in each means the run is
/// linear in their sum, which doubling both at once checks.
#[test]
fn parse_is_linear_in_a_huge_rules_list() {
    assert_linear(
        "huge rules list",
        500,
        |n| {
            let mut rules = Rules::builtin();
            rules.chrome_lines = (0..n).map(|i| format!("Promo line number {i}")).collect();
            rules.chrome_block = (0..n).map(|i| format!("Block opener {i}")).collect();
            let parser = Parser::new(rules).unwrap();
            let text = format!("\nBridge reopens\n{}", "IPOH: It opened today.\n".repeat(n));
            (parser, text)
        },
        |(parser, text)| {
            black_box(parser.parse(text));
        },
    );
}

/// `check` on one fixture whose expected record differs in `n` lines of its body.
#[test]
fn check_diff_is_linear_in_changed_lines() {
    let tmp = tempfile::TempDir::new().unwrap();
    assert_linear(
        "check diff",
        // Below a few thousand changed lines the parse, not the diff, is most of the time.
        8_000,
        |n| {
            let dir = tmp.path().join(format!("n{n}"));
            fs::create_dir_all(&dir).unwrap();
            let body: String = (0..n)
                .map(|i| format!("Paragraph {i} of the report was read.\n"))
                .collect();
            fs::write(dir.join("a.txt"), format!("\nA report\n{body}")).unwrap();
            let mut expected: serde_json::Value = serde_json::from_slice(
                &Command::new(env!("CARGO_BIN_EXE_newsclean"))
                    .arg(dir.join("a.txt"))
                    .output()
                    .unwrap()
                    .stdout,
            )
            .unwrap();
            // Every other paragraph changed, so the changes interleave with what matches.
            for (i, p) in expected["body"]
                .as_array_mut()
                .unwrap()
                .iter_mut()
                .enumerate()
            {
                if i % 2 == 0 {
                    *p = format!("Changed {i}").into();
                }
            }
            fs::write(
                dir.join("a.json"),
                serde_json::to_string_pretty(&expected).unwrap(),
            )
            .unwrap();
            dir
        },
        |dir| {
            let out = Command::new(env!("CARGO_BIN_EXE_newsclean"))
                .arg("check")
                .arg(dir)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(1));
        },
    );
}
