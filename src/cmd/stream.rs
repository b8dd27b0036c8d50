//! `newsclean stream`: JSON Lines in, JSON Lines out, one output line per input line, in order.
//!
//! This is the contract that Spark's `rdd.pipe`, Hadoop Streaming and GNU parallel `--pipe` need
//! (SPEC, `stream`): they cut a big input into pieces, pipe each piece through one process and
//! match outputs to inputs by position, so a process must never drop, add or reorder a line, and
//! must exit 0 whatever the data held (a non-zero exit fails the whole task).
//!
//! Each input line is an object `{"text": "<the dump>", "id": 42 or "a/b.txt", ...}`; `id` is
//! optional and every other key is passed through in `metadata`, in the order given.
//!
//! An **ok** line is the record exactly as `parse -c` makes it, with four keys appended:
//!
//! ```text
//! {"input":"42","kind":"article",...,"warnings":[],"id":42,"status":"ok","error":null,"metadata":{"url":"..."}}
//! ```
//!
//! An **error** line has only the five keys that every line has:
//!
//! ```text
//! {"input":"7","id":null,"status":"error","error":"not valid JSON: expected value at column 1","metadata":{}}
//! ```
//!
//! Decisions, all chosen so that a line's output depends on that line alone (and, for a line
//! without an id, on its number), whatever the chunking, the thread count or the engine's split:
//! - `input` is the `id` as a string (`42` gives `"42"`); without a usable id it is the 1-based
//!   line number, counted over the stream this process reads. Under `parallel --pipe` or Spark
//!   every process sees only its own slice, so line numbers restart per slice: give ids.
//! - `id` is echoed as given: a number stays a number, a string a string; `null` when absent or
//!   given as `null`. A bad id (array, object, boolean) makes an error record and is still echoed,
//!   so the line can be found. Integer ids round-trip exactly within 64 bits; other numbers go
//!   through a double, as in every JSON tool without arbitrary precision.
//! - `error` is always present: `null` on ok lines, so every line has the same keys and a
//!   columnar reader (Spark, pandas) infers one schema. It holds the reason only, not the line
//!   number, so that an error record is the same bytes in one process or split across many.
//! - Error lines: a blank line, invalid UTF-8, invalid JSON, a value that is not an object, a
//!   missing or non-string `text`, a bad `id`, a line over the size limit, and a `text` that
//!   `parse` refuses (empty, blank, NUL bytes), in parse's words. The stream always goes on.
//! - Per-line errors are data, not diagnostics: they go to stdout only, never to stderr, so an
//!   engine's task logs stay quiet. The exit code is 2 only when stdin cannot be read or stdout
//!   cannot be written; a closed stdout ends quietly with 0.
//! - A trailing `\r` (CRLF files) and a UTF-8 byte-order mark on the first line are tolerated.
//!   There is no `-c/--compact`: stream output is always one line per record.
//! - A `text` with a lone surrogate escape (`"\ud800"`, which JavaScript and Python write for
//!   broken UTF-16) is not rejected: each lone surrogate becomes U+FFFD and the record gets the
//!   warning files get when decoded lossily, so a line is treated as its file would be.
//!
//! Memory stays bounded whatever the stream's length: lines are read into reused buffers in
//! chunks of at most [`CHUNK_LINES`] lines or about [`CHUNK_BYTES`] bytes, parsed in parallel
//! (rayon keeps the order), written and flushed before the next chunk is read. A chunk also ends
//! when no more input is waiting, so a caller that writes one line and waits for its answer gets
//! it at once instead of deadlocking on a half-full chunk.

use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use newsclean::input::MAX_INPUT_BYTES;
use newsclean::{Article, Parser};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::StreamArgs;
use crate::cmd::{build_parser, io_reason};

/// Lines per chunk; also the SPEC's "flushed at least every 1,000 records".
pub const CHUNK_LINES: usize = 1_000;

/// A chunk also ends once its lines add up to this many bytes, so a stream of huge dumps does not
/// hold a thousand of them at once.
pub const CHUNK_BYTES: usize = 32 * 1024 * 1024;

/// A line longer than this becomes an error record; its bytes are skipped, not stored. It is
/// twice parse's size limit for a dump, room for JSON escaping of any text parse would accept
/// short of one made mostly of control characters.
const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES as usize;

/// A line buffer whose capacity grew past this is dropped after its chunk, rather than kept for
/// reuse, so that one huge line does not pin its memory for the rest of the stream.
const KEEP_CAPACITY: usize = 4 * 1024 * 1024;

pub fn run(args: StreamArgs) -> Result<ExitCode> {
    let (parser, _) = build_parser(&args.opts)?;
    let pool = rayon::ThreadPoolBuilder::new()
        // 0 lets rayon pick: RAYON_NUM_THREADS, else every core. A chunk never holds more than
        // CHUNK_LINES lines, so more threads than that would have nothing to do.
        .num_threads(args.jobs.unwrap_or(0).min(CHUNK_LINES))
        .thread_name(|i| format!("newsclean-stream-{i}"))
        .build()
        .context("cannot start worker threads")?;
    let explain = args.opts.explain;

    let stdin = io::stdin();
    // A large buffer so that a fast producer always has lines waiting and chunks stay full.
    let mut input = BufReader::with_capacity(1024 * 1024, stdin.lock());
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());

    let mut slots: Vec<RawLine> = Vec::new();
    let mut next_number: u64 = 1;
    loop {
        let used = read_chunk(&mut input, &mut slots, &mut next_number)
            .map_err(|e| anyhow::anyhow!("stdin: cannot read: {}", io_reason(&e)))?;
        if used == 0 {
            break;
        }
        let rendered: Vec<Result<Vec<u8>>> = pool.install(|| {
            slots[..used]
                .par_iter()
                .map(|line| render(&parser, explain, line))
                .collect()
        });
        for line in rendered {
            out.write_all(&line?)?;
        }
        out.flush()?;
        for slot in &mut slots[..used] {
            if slot.bytes.capacity() > KEEP_CAPACITY {
                slot.bytes = Vec::new();
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One input line as read: its 1-based number and bytes (without the newline), or, for a line
/// over [`MAX_LINE_BYTES`], only its length.
#[derive(Debug, Default)]
struct RawLine {
    number: u64,
    bytes: Vec<u8>,
    too_long: Option<usize>,
}

/// Fills `slots` with the next chunk of lines, reusing their buffers, and returns how many it
/// filled; 0 means the end of the stream.
fn read_chunk<R: io::Read>(
    input: &mut BufReader<R>,
    slots: &mut Vec<RawLine>,
    next_number: &mut u64,
) -> io::Result<usize> {
    let mut used = 0;
    let mut bytes = 0;
    while used < CHUNK_LINES && bytes < CHUNK_BYTES {
        if used == slots.len() {
            slots.push(RawLine::default());
        }
        let slot = &mut slots[used];
        slot.bytes.clear();
        let Some(len) = read_line_bounded(input, &mut slot.bytes, MAX_LINE_BYTES)? else {
            break;
        };
        slot.number = *next_number;
        slot.too_long = (len > MAX_LINE_BYTES).then_some(len);
        *next_number += 1;
        used += 1;
        bytes += slot.bytes.len();
        // Nothing more already buffered: answer what we have before the next read can block.
        if input.buffer().is_empty() {
            break;
        }
    }
    Ok(used)
}

/// Reads one line into `buf` without its `\n`, keeping at most `limit` bytes of it, and returns
/// the line's full length (more than `limit` means it was cut and `buf` is empty); `None` at the
/// end of the stream. A last line without a newline is still a line.
fn read_line_bounded<R: BufRead>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<usize>> {
    let mut total = 0usize;
    let mut seen_any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        seen_any = true;
        let (piece, found_newline) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        let piece_len = piece.len();
        total = total.saturating_add(piece_len);
        if total <= limit {
            buf.extend_from_slice(piece);
        } else if !buf.is_empty() {
            // Over the limit: stop storing and free what was kept; only the length matters now.
            *buf = Vec::new();
        }
        input.consume(piece_len + usize::from(found_newline));
        if found_newline {
            break;
        }
    }
    Ok(seen_any.then_some(total))
}

/// The output line (with its newline) for one input line. Only serialising can fail, and it
/// cannot for these types; the error is passed up rather than unwrapped all the same.
fn render(parser: &Parser, explain: bool, line: &RawLine) -> Result<Vec<u8>> {
    let mut out = match handle(parser, explain, line) {
        Ok(ok) => serde_json::to_vec(&ok),
        Err(failed) => serde_json::to_vec(&failed),
    }
    .with_context(|| format!("line {}: cannot serialise the record", line.number))?;
    out.push(b'\n');
    Ok(out)
}

/// What one line asked for, and the record made of it.
#[derive(Serialize)]
struct OkLine {
    #[serde(flatten)]
    record: Article,
    id: Value,
    status: &'static str,
    error: Option<String>,
    metadata: Map<String, Value>,
}

/// The shape every failed line takes: the keys every output line has, and nothing else.
#[derive(Serialize)]
struct ErrorLine {
    input: String,
    id: Value,
    status: &'static str,
    error: String,
    metadata: Map<String, Value>,
}

impl ErrorLine {
    fn new(number: u64, id: Value, input: Option<String>, reason: &str) -> Box<ErrorLine> {
        ErrorLine::with_metadata(number, id, input, reason, Map::new())
    }

    fn with_metadata(
        number: u64,
        id: Value,
        input: Option<String>,
        reason: &str,
        metadata: Map<String, Value>,
    ) -> Box<ErrorLine> {
        Box::new(ErrorLine {
            input: input.unwrap_or_else(|| number.to_string()),
            id,
            status: "error",
            error: reason.to_string(),
            metadata,
        })
    }
}

fn handle(parser: &Parser, explain: bool, line: &RawLine) -> Result<OkLine, Box<ErrorLine>> {
    let n = line.number;
    if let Some(len) = line.too_long {
        let reason = format!("line too long ({len} bytes; the limit is {MAX_LINE_BYTES} bytes)");
        return Err(ErrorLine::new(n, Value::Null, None, &reason));
    }
    let mut bytes = line.bytes.as_slice();
    if n == 1 {
        bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    }
    if bytes.trim_ascii().is_empty() {
        return Err(ErrorLine::new(n, Value::Null, None, "blank line"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let reason = format!("not valid UTF-8 (at byte {})", e.valid_up_to() + 1);
        ErrorLine::new(n, Value::Null, None, &reason)
    })?;
    let mut lossy = false;
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            let repaired = replace_lone_surrogates(text);
            match repaired.as_deref().map(serde_json::from_str::<Value>) {
                Some(Ok(value)) => {
                    lossy = true;
                    value
                }
                _ => {
                    let reason = format!("not valid JSON: {}", json_reason(&e));
                    return Err(ErrorLine::new(n, Value::Null, None, &reason));
                }
            }
        }
    };
    let Value::Object(object) = value else {
        let reason = format!("not a JSON object (found {})", type_name(&value));
        return Err(ErrorLine::new(n, Value::Null, None, &reason));
    };

    // Walk the keys rather than removing `text` and `id`: removal from an order-preserving map
    // would move the last key into the gap and scramble `metadata`'s order.
    let mut text = None;
    let mut id = Value::Null;
    let mut metadata = Map::new();
    for (key, value) in object {
        match key.as_str() {
            "text" => text = Some(value),
            "id" => id = value,
            _ => {
                metadata.insert(key, value);
            }
        }
    }

    let input = match &id {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(num) => Some(num.to_string()),
        other => {
            let reason = format!(
                "`id` must be a number or a string, not {}",
                type_name(other)
            );
            return Err(ErrorLine::with_metadata(n, id, None, &reason, metadata));
        }
    };
    let text = match text {
        Some(Value::String(s)) => s,
        Some(other) => {
            let reason = format!("`text` must be a string, not {}", type_name(&other));
            return Err(ErrorLine::with_metadata(n, id, input, &reason, metadata));
        }
        None => {
            return Err(ErrorLine::with_metadata(
                n,
                id,
                input,
                "no `text` key",
                metadata,
            ))
        }
    };
    // The same checks as a file: empty, blank and NUL-bearing texts are refused in the same words.
    match parser.parse_bytes(text.as_bytes(), explain) {
        Ok(mut record) => {
            record.input = input.unwrap_or_else(|| n.to_string());
            if lossy && !record.warnings.iter().any(|w| w == LOSSY_WARNING) {
                record.warnings.insert(0, LOSSY_WARNING.to_string());
            }
            Ok(OkLine {
                record,
                id,
                status: "ok",
                error: None,
                metadata,
            })
        }
        Err(e) => Err(ErrorLine::with_metadata(
            n,
            id,
            input,
            &e.to_string(),
            metadata,
        )),
    }
}

/// The warning a lossily decoded file gets (the parser's words), given to a line whose lone
/// surrogates were replaced.
const LOSSY_WARNING: &str = "input is not valid UTF-8; decoded lossily";

/// The line with every lone surrogate escape (`\ud800` not followed by a low surrogate, or a
/// `\udc00` not preceded by a high one) replaced by `\ufffd`; `None` when it has none, so the
/// caller reports the original JSON error. One pass: escapes only occur inside strings, so every
/// backslash starts one, and `\\` is skipped as a whole.
fn replace_lone_surrogates(line: &str) -> Option<String> {
    let bytes = line.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    let mut i = 0;
    let mut changed = false;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xd800..=0xdbff) => {
                if matches!(unit(i + 6), Some(0xdc00..=0xdfff)) {
                    i += 12;
                } else {
                    out.push_str(&line[last..i]);
                    out.push_str("\\ufffd");
                    i += 6;
                    last = i;
                    changed = true;
                }
            }
            Some(0xdc00..=0xdfff) => {
                out.push_str(&line[last..i]);
                out.push_str("\\ufffd");
                i += 6;
                last = i;
                changed = true;
            }
            Some(_) => i += 6,
            None => i += 2,
        }
    }
    out.push_str(&line[last..]);
    changed.then_some(out)
}

/// serde_json's message without its `at line 1 column N` tail (a stream line is always line 1).
fn json_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&tail) {
        Some(msg) => format!("{msg} at column {}", e.column()),
        None => full,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8], limit: usize) -> Vec<(Vec<u8>, usize)> {
        let mut reader = BufReader::with_capacity(4, input);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(len) = read_line_bounded(&mut reader, &mut buf, limit).unwrap() {
            out.push((std::mem::take(&mut buf), len));
        }
        out
    }

    #[test]
    fn a_last_line_without_newline_is_still_a_line() {
        let got = lines_of(b"ab\n\ncd", 100);
        assert_eq!(
            got,
            vec![(b"ab".to_vec(), 2), (Vec::new(), 0), (b"cd".to_vec(), 2)]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_measured_but_not_kept() {
        let got = lines_of(b"0123456789\nok\n", 5);
        assert_eq!(got, vec![(Vec::new(), 10), (b"ok".to_vec(), 2)]);
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let fixed = |s: &str| replace_lone_surrogates(s);
        assert_eq!(
            fixed(r#"{"text":"a\ud800b"}"#).unwrap(),
            r#"{"text":"a\ufffdb"}"#
        );
        assert_eq!(
            fixed(r#"{"text":"\udc00"}"#).unwrap(),
            r#"{"text":"\ufffd"}"#
        );
        // A pair is kept, an escaped backslash is no escape, and nothing to fix gives None.
        assert_eq!(fixed(r#"{"text":"\ud83d\ude00 \\ud800"}"#), None);
        assert_eq!(
            fixed(r#"{"text":"\ud83d\ud83d\ude00"}"#).unwrap(),
            r#"{"text":"\ufffd\ud83d\ude00"}"#
        );
    }

    #[test]
    fn json_errors_name_the_column_not_line_one() {
        let e = serde_json::from_str::<Value>("{\"a\": }").unwrap_err();
        assert_eq!(json_reason(&e), "expected value at column 7");
    }
}
