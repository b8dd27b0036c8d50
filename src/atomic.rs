//! Writing a file so that readers only ever see the old version or the whole new one.
//!
//! `batch` and `check --bless` write into folders that other tools read (a downstream job picking
//! up `*.json`, a `git diff` of fixtures), so a killed run must never leave half a record behind.
//! Every write goes to a temporary file in the target's own folder (a rename across file systems
//! would not be atomic) and is then renamed over the target. The temporary name starts with a dot
//! and does not end in `.json` (`.b.json.newsclean-tmp-Xa3k9Q`), so globbing for records or hidden
//! file filters never pick it up, and [`remove_if_stale`] can recognise leftovers of a killed run.
//!
//! This protects against an interrupted process, not against power loss: nothing is fsynced per
//! file, since doing so would make a batch of many small files many times slower.
//!
//! Two runs may write beside the same target (two `--jsonl` runs into one file): each holds an
//! exclusive lock on its temporary file for as long as it exists, and [`remove_if_stale`] removes
//! only files nobody holds, so a second run's clean-up never deletes the first run's file in
//! flight. A killed process loses its locks with its descriptors, so its leftovers are stale at
//! once. (The last run to finish wins the target, as with two `>` redirections.)

use std::ffi::OsStr;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use tempfile::NamedTempFile;

/// What every temporary file's name contains, after the target's name.
const TEMP_MARKER: &str = ".newsclean-tmp-";

/// Whether a file name is one of ours: `.<target name>.newsclean-tmp-<random>`.
pub fn is_temp_name(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') && name.contains(TEMP_MARKER)
}

/// Whether a file name is a temporary file for the target named `target_name`.
pub fn is_temp_name_for(name: &OsStr, target_name: &OsStr) -> bool {
    let prefix = format!(".{}{TEMP_MARKER}", target_name.to_string_lossy());
    name.to_string_lossy().starts_with(&prefix)
}

/// Creates an empty temporary file beside `target`, to be filled and then [`persist`]ed.
pub fn temp_beside(target: &Path) -> io::Result<NamedTempFile> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or(OsStr::new("output"));
    let prefix = format!(".{}{TEMP_MARKER}", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(6);
    // tempfile's default mode is 0600; records are ordinary files, so let the umask decide, as it
    // would for `> out.json`.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Another run's clean-up may see the file between its creation and its lock, and remove it:
    // a file still at its path once locked is ours for good.
    for _ in 0..8 {
        let tmp = builder.tempfile_in(folder)?;
        match tmp.as_file().try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => continue,
            Err(fs::TryLockError::Error(e)) if is_unsupported(&e) => return Ok(tmp),
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if same_file(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
    Err(io::Error::other(
        "cannot create a temporary file that stays put",
    ))
}

/// File systems without locks (some network mounts) still get atomic writes, unguarded.
fn is_unsupported(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::Unsupported)
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Removes a leftover temporary file unless a running process holds it (see the module comment).
/// Returns whether it was removed.
pub fn remove_if_stale(path: &Path) -> io::Result<bool> {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => return Ok(false),
        Err(fs::TryLockError::Error(e)) if is_unsupported(&e) => {}
        Err(fs::TryLockError::Error(e)) => return Err(e),
    }
    match fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Renames a filled temporary file over `target`. On failure the temporary file is removed.
pub fn persist(tmp: NamedTempFile, target: &Path) -> io::Result<()> {
    // A failed persist hands the file back; dropping it deletes it.
    tmp.persist(target).map(drop).map_err(|e| e.error)
}

/// Writes `target` atomically with whatever `fill` writes. If `fill` or the rename fails (a full
/// disk, a vanished folder), the temporary file is removed and `target` is left as it was.
pub fn write_atomically<F>(target: &Path, fill: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let mut tmp = temp_beside(target)?;
    {
        let mut w = BufWriter::new(tmp.as_file_mut());
        fill(&mut w)?;
        w.flush()?;
    }
    persist(tmp, target)
}

/// Removes temporary files for `target` left in its folder by a run that was killed.
pub fn remove_stale_beside(target: &Path) -> io::Result<usize> {
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Some(name) = target.file_name() else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if is_temp_name_for(&entry.file_name(), name)
            && entry.file_type()?.is_file()
            && remove_if_stale(&entry.path())?
        {
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_hidden_and_never_end_in_json() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.json");
        let tmp = temp_beside(&target).unwrap();
        let name = tmp.path().file_name().unwrap();
        assert!(is_temp_name(name));
        assert!(is_temp_name_for(name, OsStr::new("b.json")));
        assert!(!is_temp_name_for(name, OsStr::new("c.json")));
        assert!(name.to_string_lossy().starts_with(".b.json."));
        assert!(!name.to_string_lossy().ends_with(".json"));
    }

    #[test]
    fn a_failed_fill_leaves_neither_target_nor_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.json");
        let err = write_atomically(&target, |w| {
            w.write_all(b"{\"half\":")?;
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_temp_file_in_use_is_not_stale() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("all.jsonl");
        let held = temp_beside(&target).unwrap();
        assert_eq!(remove_stale_beside(&target).unwrap(), 0);
        assert!(held.path().exists());
        let path = held.path().to_path_buf();
        // Dropping the handle without removing the file is what a killed run leaves.
        let (_, kept) = held.keep().unwrap();
        assert_eq!(remove_stale_beside(&target).unwrap(), 1);
        assert!(!kept.exists() && !path.exists());
    }

    #[test]
    fn stale_temp_files_are_removed_and_records_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/b.json"), "{}").unwrap();
        fs::write(dir.path().join("a/.b.json.newsclean-tmp-abc123"), "{").unwrap();
        assert!(remove_if_stale(&dir.path().join("a/.b.json.newsclean-tmp-abc123")).unwrap());
        assert!(dir.path().join("a/b.json").exists());
        assert!(!dir.path().join("a/.b.json.newsclean-tmp-abc123").exists());
    }
}
