//! The manifest `batch --out OUT` keeps in `OUT/.newsclean-manifest`: which records newsclean
//! wrote there, and what made each one (version and commit, rules digest, output options).
//!
//! It answers the two questions file times cannot:
//! - **Is this `.json` ours?** A `.json` in OUT that the manifest does not list was written by
//!   someone else (a hand-made golden file, another tool's output, `--out` pointed at the wrong
//!   folder), and a run refuses to touch such an OUT unless `--force`.
//! - **Was it made the way this run would make it?** A record made by another version, other
//!   rules or other options is remade even when it is newer than its dump, and the summary says
//!   `N remade (options changed)`.
//!
//! The file is JSON Lines, one `{"record": "a/b.json", "made_with": "..."}` per record, after a
//! header line. During a run every record's line is appended *before* its file is renamed into
//! place, so a run killed at any point leaves no record the manifest does not know; at the end
//! the file is rewritten, one line per record, atomically. Lines that do not parse (a torn last
//! line after a kill) are ignored; a later line for a record wins over an earlier one.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::atomic;

/// The manifest's name inside OUT: hidden, and not ending in `.json`, so that no glob for
/// records and no hidden-file filter picks it up.
pub const NAME: &str = ".newsclean-manifest";

const HEADER: &str = r#"{"newsclean_manifest":1,"about":"the records newsclean batch wrote in this folder and what made them; remove this file and its records together, or not at all"}"#;

/// The records listed, and the journal this run appends to.
pub struct Manifest {
    path: PathBuf,
    /// What the manifest listed when the run started, by record path relative to OUT.
    pub before: BTreeMap<String, String>,
    /// What this run wrote (`None`: a write that failed, so the old entry no longer holds).
    written: Mutex<BTreeMap<String, Option<String>>>,
    journal: Mutex<Option<fs::File>>,
}

impl Manifest {
    /// Reads `OUT/.newsclean-manifest` (missing: nothing was written here yet) and opens it for
    /// appending.
    pub fn open(out: &Path) -> io::Result<Manifest> {
        let path = out.join(NAME);
        let before = match fs::read_to_string(&path) {
            Ok(text) => parse(&text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(e),
        };
        let mut journal = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        if journal.metadata()?.len() == 0 {
            journal.write_all(format!("{HEADER}\n").as_bytes())?;
        }
        Ok(Manifest {
            path,
            before,
            written: Mutex::new(BTreeMap::new()),
            journal: Mutex::new(Some(journal)),
        })
    }

    /// Whether the record at `rel` was made with `made_with`, as far as the manifest knows.
    pub fn made_with(&self, rel: &str) -> Option<&str> {
        self.before.get(rel).map(String::as_str)
    }

    /// Notes, before its file is renamed into place, that the record at `rel` is being written
    /// with `made_with` (`None` after a write that failed). When the note cannot be written (a
    /// full disk), the record must not be put in place either: it would be foreign next time.
    pub fn note(&self, rel: &str, made_with: Option<&str>) -> io::Result<()> {
        let line = json!({"record": rel, "made_with": made_with});
        let mut journal = self
            .journal
            .lock()
            .map_err(|_| io::Error::other("manifest journal poisoned"))?;
        if let Some(file) = journal.as_mut() {
            file.write_all(format!("{line}\n").as_bytes())?;
        }
        if let Ok(mut written) = self.written.lock() {
            written.insert(rel.to_string(), made_with.map(str::to_string));
        }
        Ok(())
    }

    /// Rewrites the manifest: what it listed, updated with what this run wrote. If that fails
    /// (a full disk), the journal still lists every record this run put in place, so the
    /// manifest is only longer than it needs to be, not wrong.
    pub fn finish(self) -> io::Result<()> {
        drop(self.journal.into_inner().ok());
        let mut entries = self.before;
        for (rel, made_with) in self.written.into_inner().unwrap_or_default() {
            match made_with {
                Some(m) => entries.insert(rel, m),
                None => entries.remove(&rel),
            };
        }
        let write = || {
            atomic::write_atomically(&self.path, |w| {
                writeln!(w, "{HEADER}")?;
                for (rel, made_with) in &entries {
                    writeln!(w, "{}", json!({"record": rel, "made_with": made_with}))?;
                }
                Ok(())
            })
        };
        match (write(), self.path.parent()) {
            // OUT deleted mid-run: records are remade in its place, and so is the manifest.
            (Err(e), Some(out)) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(out)?;
                write()
            }
            (result, _) => result,
        }
    }
}

fn parse(text: &str) -> BTreeMap<String, String> {
    let mut entries = BTreeMap::new();
    for line in text.lines() {
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let Some(rel) = value.get("record").and_then(Value::as_str) else {
            continue;
        };
        match value.get("made_with") {
            Some(Value::String(m)) => entries.insert(rel.to_string(), m.clone()),
            _ => entries.remove(rel),
        };
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_lines_win_and_torn_lines_are_ignored() {
        let text = format!(
            "{HEADER}\n{}\n{}\n{}\n{{\"record\":\"c.js",
            r#"{"record":"a.json","made_with":"v1"}"#,
            r#"{"record":"a.json","made_with":"v2"}"#,
            r#"{"record":"b.json","made_with":null}"#,
        );
        let entries = parse(&text);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries["a.json"], "v2");
    }

    #[test]
    fn a_run_adds_to_what_was_listed() {
        let dir = tempfile::tempdir().unwrap();
        let m = Manifest::open(dir.path()).unwrap();
        m.note("a.json", Some("v1")).unwrap();
        m.note("b.json", Some("v1")).unwrap();
        m.finish().unwrap();
        let m = Manifest::open(dir.path()).unwrap();
        assert_eq!(m.made_with("a.json"), Some("v1"));
        m.note("a.json", Some("v2")).unwrap();
        m.note("b.json", None).unwrap();
        m.finish().unwrap();
        let m = Manifest::open(dir.path()).unwrap();
        assert_eq!(m.made_with("a.json"), Some("v2"));
        assert_eq!(m.made_with("b.json"), None);
    }
}
