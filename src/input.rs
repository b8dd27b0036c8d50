//! Turning the bytes of one dump into text the parser can trust, or a typed reason why not.
//!
//! This is the only place that decides what counts as a bad input (SPEC: empty, blank, not text),
//! so `parse`, `batch`, `check` and `stream` all refuse the same files with the same words.
//! Invalid UTF-8 is not an error: scrapers save whatever the page had, so it is decoded lossily
//! and the record carries a warning.

use std::fmt;

/// Dumps larger than this are refused rather than parsed: no real page comes near it, and it
/// keeps one stray multi-gigabyte file from exhausting memory in a batch run.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Why a dump cannot be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Zero bytes.
    Empty,
    /// Only white space.
    Blank,
    /// Contains NUL bytes: a binary file, not a text dump.
    Binary,
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge(u64),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => write!(f, "empty input"),
            InputError::Blank => write!(f, "blank input (only white space)"),
            InputError::Binary => write!(f, "not text (contains NUL bytes)"),
            InputError::TooLarge(n) => write!(
                f,
                "input too large ({n} bytes; the limit is {MAX_INPUT_BYTES} bytes)"
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// A dump decoded to text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with invalid UTF-8 replaced by U+FFFD.
    pub text: String,
    /// Whether any bytes had to be replaced.
    pub lossy: bool,
}

/// Checks and decodes one dump.
pub fn decode(bytes: &[u8]) -> Result<Decoded, InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.contains(&0) {
        return Err(InputError::Binary);
    }
    let (text, lossy) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    };
    // A BOM alone, or a BOM and white space, is as blank as white space.
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(InputError::Blank);
    }
    Ok(Decoded { text, lossy })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_blank_and_binary_are_refused() {
        assert_eq!(decode(b""), Err(InputError::Empty));
        assert_eq!(decode(b" \n\t\r\n"), Err(InputError::Blank));
        assert_eq!(decode(b"\xef\xbb\xbf \n"), Err(InputError::Blank));
        assert_eq!(decode(b"head\0line"), Err(InputError::Binary));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let d = decode(b"caf\xe9 opens").unwrap();
        assert!(d.lossy);
        assert_eq!(d.text, "caf\u{fffd} opens");
    }
}
