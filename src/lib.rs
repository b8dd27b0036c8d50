//! newsclean: scraped news-page dumps in, clean JSON records out.
//!
//! The library is the parser without any I/O, so other Rust programs can embed it:
//!
//! ```
//! let article = newsclean::parse("\nMinister opens bridge\nKUALA LUMPUR: The bridge opened today.\n");
//! assert_eq!(article.headline.as_deref(), Some("Minister opens bridge"));
//! assert_eq!(article.dateline.unwrap().place.as_deref(), Some("KUALA LUMPUR"));
//! ```
//!
//! For custom rules, build a [`Parser`] from [`Rules`]: `Rules::builtin()` extended with a user's
//! rules file. The record types live in [`article`]; bad inputs are typed in [`input`].

pub mod article;
pub mod input;
mod parser;
mod patterns;
pub mod rules;
pub mod stats;
pub mod suggest;

pub use article::{Article, Dateline, Image, Kind, LineNote, Published, Stats, Subheading, Teaser};
pub use input::{Decoded, InputError};
pub use parser::Parser;
pub use rules::{Rules, RulesError};

use std::sync::LazyLock;

static DEFAULT_PARSER: LazyLock<Parser> =
    LazyLock::new(|| Parser::new(Rules::builtin()).expect("built-in rules compile"));

/// Parses one dump with the built-in rules. `input` is left empty for the caller to fill.
pub fn parse(text: &str) -> Article {
    DEFAULT_PARSER.parse(text)
}
