//! The pipeline: text in, `Article` out, no I/O.
//!
//! PLACEHOLDER: the real pipeline is being written; this stub keeps the crate building.

use crate::article::Article;
use crate::input::{self, InputError};
use crate::rules::{CompiledRules, Rules, RulesError};

/// A parser built from a set of rules. Building compiles every pattern once; parsing is then
/// pure and cheap, and one `Parser` can be shared by many threads.
#[derive(Debug)]
pub struct Parser {
    rules: CompiledRules,
}

impl Parser {
    /// Compiles `rules` (usually `Rules::builtin()`, maybe extended with a user's file).
    pub fn new(rules: Rules) -> Result<Parser, RulesError> {
        Ok(Parser {
            rules: rules.compile()?,
        })
    }

    /// Parses one dump. `input` is left empty for the caller to fill.
    pub fn parse(&self, text: &str) -> Article {
        self.run(text, false)
    }

    /// Parses one dump and records, in `lines`, how each input line was classified.
    pub fn parse_explained(&self, text: &str) -> Article {
        self.run(text, true)
    }

    /// Checks and decodes raw bytes (see [`crate::input::decode`]), then parses them. A lossy
    /// decode adds a warning to the record.
    pub fn parse_bytes(&self, bytes: &[u8], explain: bool) -> Result<Article, InputError> {
        let decoded = input::decode(bytes)?;
        let mut article = self.run(&decoded.text, explain);
        if decoded.lossy {
            article
                .warnings
                .insert(0, "input is not valid UTF-8; decoded lossily".to_string());
        }
        Ok(article)
    }

    fn run(&self, text: &str, explain: bool) -> Article {
        let _ = (&self.rules, explain);
        Article {
            headline: text.lines().find(|l| !l.trim().is_empty()).map(|l| l.trim().to_string()),
            ..Article::default()
        }
    }
}
