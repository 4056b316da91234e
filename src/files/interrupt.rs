//! Ctrl-C (and SIGTERM, SIGHUP) while a temporary file exists: remove it, then exit 130.
//! Without this, the process would die between creating the file and renaming it, and leave
//! `.export.json.XXXXXX.tmp` files behind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once};

static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set while a child (the editor) owns the terminal: Ctrl-C is for it, as in git.
static SHIELDED: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// Creates a temporary file with `create` and removes it if the process is interrupted before
/// the returned guard is dropped. Creating under the lock leaves no moment when the file exists
/// but the handler does not know it.
pub(super) fn create_removed_on_interrupt(
    create: impl FnOnce() -> std::io::Result<tempfile::NamedTempFile>,
) -> std::io::Result<(tempfile::NamedTempFile, Pending)> {
    install();
    let mut pending = lock();
    let temp = create()?;
    let path = temp.path().to_path_buf();
    pending.push(path.clone());
    Ok((temp, Pending(path)))
}

/// Removes `path` (which may not exist yet) if the process is interrupted before the returned
/// guard is dropped.
pub(super) fn remove_on_interrupt(path: &Path) -> Pending {
    install();
    lock().push(path.to_path_buf());
    Pending(path.to_path_buf())
}

/// Runs `f` (which waits for a child on the terminal) with Ctrl-C left to the child.
pub fn ignoring_interrupts<T>(f: impl FnOnce() -> T) -> T {
    install();
    SHIELDED.store(true, Ordering::SeqCst);
    let result = f();
    SHIELDED.store(false, Ordering::SeqCst);
    result
}

pub(super) struct Pending(PathBuf);

impl Drop for Pending {
    fn drop(&mut self) {
        lock().retain(|p| p != &self.0);
    }
}

fn lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn install() {
    INSTALL.call_once(|| {
        // If another handler is already set (never in mlpath), interrupts keep their default.
        let _ = ctrlc::set_handler(|| {
            if SHIELDED.load(Ordering::SeqCst) {
                return;
            }
            // Holding the lock to the end: no new temporary file is registered meanwhile.
            let pending = lock();
            for path in pending.iter() {
                let _ = std::fs::remove_file(path);
            }
            std::process::exit(130);
        });
    });
}
