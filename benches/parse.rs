//! `cargo bench --bench parse`: `newsclean::parse` on a small, a typical and a large dump, with
//! throughput in bytes, so a change to the parser shows up as MB/s rather than as nanoseconds of
//! a page nobody can picture.
//!
//! The dumps are read from `fixtures/` when the bench starts, so they follow the fixtures as the
//! parser's owners add layouts:
//! - small: the shortest fixture (a cut compact page, a few hundred bytes);
//! - typical: the fixture of median size (about 1.5 KB, the size of most scraped pages);
//! - large: the typical page with every body paragraph of every fixture spliced into its body,
//!   repeated until it passes 64 KB (about 100 KB: a long-read, or a badly scraped page that
//!   swallowed its neighbours).

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// Every fixture dump, smallest first (ties broken by name, so the choice is stable).
fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut dumps: Vec<(String, String)> = fs::read_dir(&dir)
        .expect("fixtures/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    dumps.sort_by(|a, b| (a.1.len(), &a.0).cmp(&(b.1.len(), &b.0)));
    dumps
}

/// A body-looking line: long prose ending a sentence, as the corpus generator picks them.
fn is_paragraph(line: &str) -> bool {
    line.len() > 80 && line.ends_with(['.', '"', '\'', '’', '”']) && line.contains(' ')
}

/// The typical page with paragraphs from all fixtures spliced in after its first paragraph.
fn large_dump(typical: &str, all: &[(String, String)]) -> String {
    let paragraphs: Vec<&str> = all
        .iter()
        .flat_map(|(_, t)| t.lines())
        .filter(|l| is_paragraph(l))
        .collect();
    let lines: Vec<&str> = typical.lines().collect();
    let at = lines
        .iter()
        .position(|l| is_paragraph(l))
        .map_or(lines.len(), |i| i + 1);
    let mut out = lines[..at].join("\n");
    out.push('\n');
    while out.len() < 64 * 1024 {
        for p in &paragraphs {
            out.push_str(p);
            out.push('\n');
        }
    }
    out.push_str(&lines[at..].join("\n"));
    out
}

fn parse(c: &mut Criterion) {
    let all = fixtures();
    let (small_name, small) = all.first().expect("at least one fixture").clone();
    let (typical_name, typical) = all[all.len() / 2].clone();
    let large = large_dump(&typical, &all);
    eprintln!("small: {small_name}; typical: {typical_name}; large: typical + paragraphs");

    let mut group = c.benchmark_group("parse");
    for (name, text) in [("small", &small), ("typical", &typical), ("large", &large)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new(name, text.len()), text, |b, text| {
            b.iter(|| newsclean::parse(black_box(text)))
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
