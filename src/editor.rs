//! Running the user's editor ($VISUAL, else $EDITOR) on a file: for `note` drafts and review files.

use crate::error::failure;
use crate::files;
use anyhow::Result;
use std::path::Path;

/// The editor command the user set, if any.
pub fn configured() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|v| !v.trim().is_empty())
}

/// Runs `editor` on `path` and waits for it. Through the shell, so that EDITOR="code --wait"
/// works as it does for git; Ctrl-C is the editor's while it runs. `nothing` ends the error
/// message ("no note added").
pub fn edit(editor: &str, path: &Path, nothing: &str) -> Result<()> {
    let status = files::ignoring_interrupts(|| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("mlpath-editor")
            .arg(path)
            .status()
    });
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(failure(format!(
            "the editor '{editor}' exited with {s}; {nothing}"
        ))),
        Err(e) => Err(failure(format!("cannot run the editor '{editor}': {e}"))),
    }
}
