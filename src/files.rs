//! Reading and writing files safely: exports and backups appear whole or not at all, through
//! symlinks, never over a device or a FIFO; new files are private (0600); list files are read
//! only when they are regular files of a sane size.

mod interrupt;

pub use interrupt::ignoring_interrupts;

use crate::error::{failure, usage};
use anyhow::Result;
use std::fs::{File, Permissions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The largest list `import` reads; real lists are a few megabytes.
pub const MAX_LIST_BYTES: u64 = 256 * 1024 * 1024;

/// Mode of every file mlpath creates: notes and progress are as private as a shell history.
#[cfg(unix)]
const PRIVATE: u32 = 0o600;

/// Writes what `fill` produces to `path`, or to standard output when `path` is `-`.
/// Returns the file written, `None` for standard output. `fill` runs while the temporary file
/// exists, so an export can stream its rows into it.
pub fn write_output(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<Option<PathBuf>> {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        let result = fill(&mut out).and_then(|()| Ok(out.flush()?));
        return match result {
            Err(e) if is_broken_pipe(&e) => Ok(None),
            Err(e) => Err(with_path(e, Path::new("standard output"))),
            Ok(()) => Ok(None),
        };
    }
    write_atomically(path, fill).map(Some)
}

/// Replaces the regular file at `path` (or the file a symlink there points to) with what `fill`
/// writes: a temporary file in the same folder, renamed over the target at the end, so readers
/// see the old file or the new one. The target's mode is kept; a new file is private. Returns
/// the path actually written.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<PathBuf> {
    let (target, mode) = writable_target(path)?;
    folder_exists(&target)?;
    let cannot = |e: std::io::Error| failure(format!("cannot write {}: {e}", path.display()));
    let (temp, _pending) =
        interrupt::create_removed_on_interrupt(|| temp_beside(&target)).map_err(cannot)?;
    let mut writer = BufWriter::new(temp.as_file());
    fill(&mut writer)
        .and_then(|()| Ok(writer.flush()?))
        .map_err(|e| with_path(e, path))?;
    drop(writer);
    if let Some(mode) = mode {
        temp.as_file().set_permissions(mode).map_err(cannot)?;
    }
    temp.as_file().sync_all().map_err(cannot)?;
    temp.persist(&target).map_err(|e| cannot(e.error))?;
    Ok(target)
}

/// An IO error while writing names the file; other errors (the store's) speak for themselves.
fn with_path(err: anyhow::Error, path: &Path) -> anyhow::Error {
    match err.downcast::<std::io::Error>() {
        Ok(io) => failure(format!("cannot write {}: {io}", path.display())),
        Err(other) => other,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Creates the new file `path` through `fill`, which gets the path of a private temporary file
/// in the same folder (for SQLite's backup, which writes by path). Nothing appears at `path`
/// unless `fill` succeeds; an existing `path` is never replaced.
pub fn create_atomically(path: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    folder_exists(path)?;
    let (temp, _pending) = interrupt::create_removed_on_interrupt(|| temp_beside(path))
        .map_err(|e| failure(format!("cannot write {}: {e}", path.display())))?;
    // SQLite keeps a rollback journal beside the file while it writes.
    let mut journal = temp.path().as_os_str().to_owned();
    journal.push("-journal");
    let _journal = interrupt::remove_on_interrupt(Path::new(&journal));
    fill(temp.path())?;
    temp.as_file()
        .sync_all()
        .and_then(|()| temp.persist_noclobber(path).map(drop).map_err(|e| e.error))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => usage(format!(
                "{} already exists; choose another path",
                path.display()
            )),
            _ => failure(format!("cannot write {}: {e}", path.display())),
        })
}

/// Creates `path` empty and private if nothing is there yet, so that SQLite, which creates
/// files readable by everyone, finds it (its WAL files copy its mode). An existing file is
/// left as it is.
pub fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    match options.open(path) {
        Ok(file) => set_private(&file),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Creates the folder `dir` and its parents; the folders made are private (0700).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dir(parent)?;
    }
    match std::fs::create_dir(dir) {
        Ok(()) => make_folder_private(dir),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sets `dir` to 0700, explicitly: a mode given at creation is cut by the umask.
pub fn make_folder_private(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Reads a list file: a regular file (not a device, FIFO or folder) of at most
/// `MAX_LIST_BYTES`.
pub fn read_list(path: &Path) -> Result<Vec<u8>> {
    let cannot = |reason: String| failure(format!("cannot read {}: {reason}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| cannot(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(cannot("it is a folder".into()));
    }
    if !meta.is_file() {
        return Err(cannot(
            "it is not a regular file (a device, FIFO or socket); save the list to a file first"
                .into(),
        ));
    }
    let too_big = || {
        failure(format!(
            "{} is larger than {} MB; mlpath reads lists up to that size",
            path.display(),
            MAX_LIST_BYTES / (1024 * 1024)
        ))
    };
    if meta.len() > MAX_LIST_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    File::open(path)
        .and_then(|f| f.take(MAX_LIST_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot(io_reason(&e)))?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > MAX_LIST_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// What stands in for `path`: the file at the end of its symlinks, and that file's mode when
/// it exists. Anything but a regular file or nothing is refused, without opening it (a FIFO
/// would block, a device would be replaced).
fn writable_target(path: &Path) -> Result<(PathBuf, Option<Permissions>)> {
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((target, None)),
            Err(e) => {
                return Err(failure(format!("cannot write {}: {e}", path.display())));
            }
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&target)
                    .map_err(|e| failure(format!("cannot write {}: {e}", path.display())))?;
                target = match target.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(meta) if meta.is_file() => return Ok((target, Some(meta.permissions()))),
            Ok(_) => {
                return Err(usage(format!(
                    "{} is not a regular file; write to a file path, or to - for standard output",
                    path.display()
                )));
            }
        }
    }
    Err(usage(format!(
        "{} is a loop of symlinks; write to a file path",
        path.display()
    )))
}

/// The folder `target` goes in, or "." for a bare file name.
fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Refuses a target whose folder does not exist (mlpath creates no folders but its own).
fn folder_exists(target: &Path) -> Result<()> {
    let dir = folder_of(target);
    if dir.is_dir() {
        return Ok(());
    }
    Err(usage(format!(
        "the folder {} does not exist; create it first",
        dir.display()
    )))
}

/// A private temporary file with a random name in `target`'s folder, removed when dropped.
fn temp_beside(target: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map_or("mlpath".into(), |n| n.to_string_lossy().into_owned());
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    set_private(temp.as_file())?;
    Ok(temp)
}

fn set_private(file: &File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(Permissions::from_mode(PRIVATE))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// The reason an IO error gives, in the words a user expects.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests;
