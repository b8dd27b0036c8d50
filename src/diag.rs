//! Messages on stderr, and paths as they are shown in messages and in a record's `input`.
//!
//! stderr is where a run tells what went wrong, so losing it must never lose the run: `eprintln!`
//! panics when stderr is closed (`2>&1 | head -1`) or full (`2>/dev/full`), which turned one
//! unwritable message into exit 101 and a half-done batch. Every message goes through [`say`],
//! which ignores a failed write: the run goes on and ends with the exit code SPEC gives.
//!
//! File names are bytes, and scrapers name files after whatever the page had. Printed raw, a
//! newline in a name split an error line in two (the second looking like a summary) and escape
//! sequences reached the terminal; decoded lossily, two names differing only in their invalid
//! bytes got the same `input`. So:
//! - [`input_name`] (a record's `input`) keeps a name that is valid UTF-8 and has no backslash as
//!   it is. Any other name is escaped: each byte that is not UTF-8 as `\xNN` and a backslash as
//!   `\\`. Names with a backslash are escaped too, so the mapping is one to one: an `input` with
//!   a backslash in it is always an escaped name.
//! - [`shown`] (a name inside a message) escapes the same way, and also control characters
//!   (`\n`, `\t`, `\x1b`, ...), so a message is always one line with no terminal codes.

use std::fmt::Display;
use std::io::Write;
use std::path::Path;

/// Writes one line to stderr, ignoring a failed write (closed or full stderr).
pub fn say(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// `newsclean: <path>: <reason>`, on stderr.
pub fn error(path: &Path, reason: impl Display) {
    say(format_args!("newsclean: {}: {reason}", shown(path)));
}

/// A path as a record's `input` shows it (see the module comment).
pub fn input_name(path: &Path) -> String {
    escape(path.as_os_str().as_encoded_bytes(), false)
}

/// A path as a message shows it: one line, no terminal codes (see the module comment).
pub fn shown(path: &Path) -> String {
    escape(path.as_os_str().as_encoded_bytes(), true)
}

/// A text that is not a path (an `id`, a reason quoting input) made safe for one message line.
pub fn shown_text(text: &str) -> String {
    escape(text.as_bytes(), true)
}

fn is_control(c: char) -> bool {
    c.is_control()
}

fn escape(bytes: &[u8], controls: bool) -> String {
    let plain = match std::str::from_utf8(bytes) {
        Ok(s) => !(s.contains('\\') || controls && s.chars().any(is_control)),
        Err(_) => false,
    };
    if plain {
        // Checked just above.
        return String::from_utf8_lossy(bytes).into_owned();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' if controls => out.push_str("\\n"),
                '\r' if controls => out.push_str("\\r"),
                '\t' if controls => out.push_str("\\t"),
                c if controls && is_control(c) => {
                    let n = c as u32;
                    if n < 0x100 {
                        out.push_str(&format!("\\x{n:02x}"));
                    } else {
                        out.push_str(&format!("\\u{{{n:x}}}"));
                    }
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_kept_as_they_are() {
        assert_eq!(input_name(Path::new("pages/a b.txt")), "pages/a b.txt");
        assert_eq!(shown(Path::new("pages/é.txt")), "pages/é.txt");
    }

    #[test]
    fn control_characters_are_escaped_in_messages_only() {
        assert_eq!(shown(Path::new("a\nb\x1b[31m.txt")), "a\\nb\\x1b[31m.txt");
        assert_eq!(input_name(Path::new("a\nb.txt")), "a\nb.txt");
    }

    #[cfg(unix)]
    #[test]
    fn invalid_bytes_stay_distinguishable() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = input_name(Path::new(OsStr::from_bytes(b"caf\xe9.txt")));
        let b = input_name(Path::new(OsStr::from_bytes(b"caf\xe8.txt")));
        assert_eq!(a, "caf\\xe9.txt");
        assert_ne!(a, b);
        // A valid name spelling the escape is escaped in turn, so it cannot collide.
        assert_eq!(input_name(Path::new("caf\\xe9.txt")), "caf\\\\xe9.txt");
    }
}
