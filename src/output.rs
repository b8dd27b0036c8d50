//! Writing records to stdout: locked, buffered, and quiet when the reader goes away.
//!
//! `newsclean big.txt | head` must end with code 0 and no message, so every command writes
//! through these helpers and `main` asks [`is_broken_pipe`] before reporting an error.

use std::io::{self, Write};

use newsclean::Article;

/// Writes one record: pretty (followed by a newline) or, with `compact`, one JSON line.
pub fn write_record<W: Write>(w: &mut W, article: &Article, compact: bool) -> io::Result<()> {
    if compact {
        serde_json::to_writer(&mut *w, article)?;
    } else {
        serde_json::to_writer_pretty(&mut *w, article)?;
    }
    w.write_all(b"\n")
}

/// Whether an error, anywhere in its chain, is a closed pipe. serde_json wraps io errors in its
/// own type and hides them from `source()`, so that type is asked for its io kind explicitly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return io.kind() == io::ErrorKind::BrokenPipe;
        }
        if let Some(js) = e.downcast_ref::<serde_json::Error>() {
            return js.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
        }
        false
    })
}
