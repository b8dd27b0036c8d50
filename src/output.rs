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

/// An error for the final `newsclean: ...` line. A bare io error, with no context naming a file,
/// can only come from writing stdout (every other io error is given its path where it happens),
/// so it is told as such, in the lowercase path-first form: `stdout: cannot write: no space left
/// on device`, not `No space left on device (os error 28)`.
pub fn describe(err: &anyhow::Error) -> String {
    if err.chain().count() == 1 {
        let io = err
            .downcast_ref::<io::Error>()
            .map(|e| (e.kind(), e.to_string()));
        let js = err
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| e.io_error_kind().map(|k| (k, e.to_string())));
        if let Some((kind, text)) = io.or(js) {
            let reason = crate::cmd::io_reason(&io::Error::new(kind, text));
            return format!("stdout: cannot write: {reason}");
        }
    }
    crate::cmd::one_line(err)
}
