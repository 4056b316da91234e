//! Running the user's editor ($VISUAL, else $EDITOR) on a file: `note` drafts and review files.

use crate::error::{failure, usage};
use crate::files;
use crate::render::safe;
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

/// Opens $VISUAL or $EDITOR on a note draft for the item `slug` (a header line saying what to
/// `doing`, "write" or "correct", then `text`) in a private folder and returns the note written
/// there, without the header and the newline the editor adds at the end. `nothing` ends the error
/// messages ("no note added").
pub fn note_draft(slug: &str, doing: &str, text: &str, nothing: &str) -> Result<String> {
    let header = draft_header(slug, doing);
    let editor = configured().ok_or_else(|| {
        usage("no note text and neither $VISUAL nor $EDITOR is set; pass the text as arguments")
    })?;
    // A folder of its own (0700) holding a 0600 file: a note is as private as a shell history.
    let folder = tempfile::Builder::new()
        .prefix("mlpath-note-")
        .tempdir()
        .map_err(|e| failure(format!("cannot create a folder for the draft: {e}")))?;
    let path = folder.path().join("note.md");
    files::make_folder_private(folder.path())
        .and_then(|()| files::create_private(&path))
        .and_then(|()| std::fs::write(&path, format!("{header}{text}\n")))
        .map_err(|e| failure(format!("cannot create {}: {e}", path.display())))?;
    edit(&editor, &path, nothing)?;
    let draft = std::fs::read_to_string(&path).map_err(|e| {
        failure(format!(
            "cannot read the note the editor wrote ({e}); {nothing}"
        ))
    })?;
    Ok(note_from_draft(&draft, &header))
}

/// The draft's first line; `doing` is "write" or "correct".
fn draft_header(slug: &str, doing: &str) -> String {
    format!(
        "<!-- mlpath: {doing} the note for {} below; this line is removed -->\n",
        safe(slug, false)
    )
}

/// The note in a draft: the header lines left out, trailing newlines and blank lines trimmed.
fn note_from_draft(draft: &str, header: &str) -> String {
    let header_lines: Vec<&str> = header.lines().collect();
    let kept: Vec<&str> = draft
        .lines()
        .filter(|line| !header_lines.contains(&line.trim_end()))
        .collect();
    let text = kept.join("\n");
    text.trim_start_matches(['\n', '\r'])
        .trim_end_matches(['\n', '\r'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_and_the_editors_newline_are_not_part_of_the_note() {
        let header = draft_header("orca", "write");
        let cases = [
            (format!("{header}good paper\n"), "good paper"),
            (
                format!("{header}\n# Heading\n\nline two\n\n"),
                "# Heading\n\nline two",
            ),
            (format!("kept above\n{header}"), "kept above"),
            (
                "header deleted by hand\r\n".to_string(),
                "header deleted by hand",
            ),
            (header.clone(), ""),
            ("  indented stays\n".to_string(), "  indented stays"),
        ];
        for (draft, note) in cases {
            assert_eq!(note_from_draft(&draft, &header), note, "{draft:?}");
        }
    }
}
