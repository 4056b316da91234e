//! The only place that knows about tables, colours, JSON writing and safe terminal text.
//! Commands build a view and hand it here with the output's [`Output`] settings.

pub mod due;
pub mod export;
mod fit;
mod heatmap;
pub mod html;
pub mod imports;
pub mod json;
pub mod list;
pub(crate) mod lists;
pub mod log;
pub mod man;
pub mod marks;
pub mod next;
pub mod restore;
mod safe;
mod safe_writer;
pub mod show;
pub mod stats;
pub mod status;
pub mod sync;
mod table;
mod time;
pub mod writeback;

pub use safe::safe;
pub use safe_writer::SafeWriter;
pub use time::{local_clock, local_date, local_time, relative};

use anyhow::Context as _;
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// Where text goes and how it may look: colour, and the width to fit (`None`: nothing is cut).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Output {
    pub color: bool,
    pub width: Option<usize>,
}

impl Output {
    /// Colour as anstream decides for stdout (`NO_COLOR`, `CLICOLOR`, `CLICOLOR_FORCE`, a
    /// terminal or not); the width from `COLUMNS`, else the terminal's; piped output without
    /// `COLUMNS` is not cut, so `mlpath list | grep` sees whole titles.
    pub fn detect() -> Output {
        let stdout = std::io::stdout();
        let color = anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&w| w >= 20);
        let terminal = || {
            stdout
                .is_terminal()
                .then(|| terminal_size::terminal_size_of(&stdout))
                .flatten()
                .map(|(w, _)| usize::from(w.0))
        };
        Output {
            color,
            width: columns.or_else(terminal),
        }
    }
}

/// What reports say when no item is left to report on (every list stopped, or none imported).
pub const NO_ITEMS: &str = "no items yet: `mlpath import FILE` adds your list";

/// An event's note column: a session's length, then its note.
pub fn event_note(note: Option<&str>, spent_s: Option<u32>) -> String {
    match (
        spent_s.map(|s| crate::session::format_duration(s.into())),
        note,
    ) {
        (Some(length), Some(note)) => format!("{length} · {note}"),
        (Some(length), None) => length,
        (None, note) => note.unwrap_or("").to_string(),
    }
}

/// A section path for people: `Papers / LLM`, or `(no section)`.
pub fn section(path: &[String]) -> String {
    if path.is_empty() {
        "(no section)".into()
    } else {
        safe(&crate::model::section_label(path), false)
    }
}

/// Pretty JSON with a trailing newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(value).context("writing JSON")?;
    text.push('\n');
    Ok(text)
}

/// Writes to stdout as it is (JSON, exports, text already made safe); a closed pipe
/// (`mlpath list | head`) is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Lets `write` stream to stdout through a buffer, so that output of any length never sits in
/// memory; a closed pipe (`mlpath list --json | head`) is not an error.
pub fn emit_with(write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write(&mut out).and_then(|()| Ok(out.flush()?));
    match written {
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// A message for people on stdout, through the sanitizer (its own line breaks stay).
pub fn line(text: impl AsRef<str>) -> std::io::Result<()> {
    emit(&format!("{}\n", safe(text.as_ref(), true)))
}

/// A warning: one line on stderr, after `mlpath: `, made safe for the terminal.
pub fn warn(text: impl AsRef<str>) {
    eprintln!("mlpath: {}", safe(text.as_ref(), false));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn json_that_cannot_be_written_is_an_error_not_null() {
        // JSON object keys must be strings: serde_json refuses a map keyed by pairs.
        let map: BTreeMap<(i32, i32), i32> = [((1, 2), 3)].into();
        assert!(json(&map).is_err());
        assert_eq!(json(&[1, 2]).unwrap(), "[\n  1,\n  2\n]\n");
    }
}
