//! One exchange with a sync folder: append this device's new records to its own journal, then
//! read every other device's journal from where it stopped and merge what is new. The order of
//! steps is what makes an interrupted sync safe: lines are written (and flushed) before the
//! database remembers them, and what is read is stored together with the new read positions.

pub mod git;

use crate::journal::read::{self, Position};
use crate::journal::{self, line::short, write};
use crate::store::{Incoming, Received, Store};
use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::path::Path;

/// What an exchange did.
#[derive(Debug, Default)]
pub struct Exchanged {
    /// Lines this device appended to its journal.
    pub written: usize,
    /// The other devices' journals found.
    pub devices: usize,
    pub received: Received,
    /// One line per damaged journal line: file, line number and why.
    pub damaged: Vec<String>,
}

/// This device's journal file in `dir`.
pub fn own_journal(store: &Store, dir: &Path) -> Result<std::path::PathBuf> {
    Ok(dir.join(journal::file_name(&store.device_id()?)))
}

/// Appends this device's unwritten records to its journal in `dir` (no reading of others):
/// what `sync.auto` does after each write, and the first half of `exchange`.
pub fn write_own(store: &mut Store, dir: &Path, notes: bool, now: DateTime<Utc>) -> Result<usize> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the sync folder {}", dir.display()))?;
    let dir_text = dir.to_string_lossy().into_owned();
    if store.journal_dir()?.as_deref() != Some(dir_text.as_str()) {
        store.start_journal_dir(&dir_text)?;
    }
    store.assign_keys(now)?;
    let me = store.device_id()?;
    let name = journal::file_name(&me);
    let path = dir.join(&name);
    let io = |e: std::io::Error| {
        anyhow::anyhow!(
            "cannot write {}: {}",
            path.display(),
            crate::files::io_reason(&e)
        )
    };
    // Two mlpath processes of this device (a sync and a `sync.auto` append) take turns: each
    // reads what the other wrote before appending.
    let _turn = write::lock(&path).map_err(io)?;
    write::repair_tail(&path).map_err(io)?;
    let kept = store.journal_positions()?.remove(&name).unwrap_or_default();
    // Our journal no longer holds what we wrote where we left it: replaced or cut (a new
    // folder, a restore of the folder). `read_from` then reads it all, and whatever of ours it
    // lacks is written again.
    let since = read::read_from(&path, &me, kept).map_err(io)?;
    let from_start = since.restarted;
    let uids: Vec<&str> = since.lines.iter().map(|l| l.id.as_str()).collect();
    let ours = store.own_records(&uids)?;
    let strangers = ours.iter().filter(|o| !**o).count();
    if strangers > 0 {
        anyhow::bail!(
            "{} has {strangers} line(s) this database did not write: another database has its \
             device id {} (one is a copy of the other, and it synced first); keep syncing only \
             one of them, or give this one a journal of its own with `mlpath sync --new-device`",
            path.display(),
            short(&me)
        );
    }
    let present: HashSet<&str> = uids.into_iter().collect();
    let out = store.outgoing(notes, from_start)?;
    let mut lines = Vec::with_capacity(out.lines.len());
    for line in out
        .lines
        .iter()
        .filter(|l| !present.contains(l.id.as_str()))
    {
        lines.extend(fitting(line));
    }
    let end = write::append(&path, &lines).map_err(io)?;
    let at = Position {
        offset: end,
        line: since.end.line + lines.len() as u64,
        tail: match lines.last() {
            Some(last) => read::Tail::of(format!("{last}\n").as_bytes()),
            None => since.end.tail,
        },
    };
    // A sync with nothing new writes nothing to the database either.
    if out.considered > 0 || at != kept {
        store.mark_written(out.marks, (&name, at))?;
    }
    Ok(lines.len())
}

/// The journal line for `line`, made to fit: other devices skip a line longer than
/// `MAX_LINE` as damaged on every sync, so a note that long stays on this device (the event
/// travels without it) and anything else that long is not written; either is said once.
fn fitting(line: &journal::line::Line) -> Option<String> {
    use journal::line::{Body, MAX_LINE};
    let json = line.to_json();
    if json.len() <= MAX_LINE {
        return Some(json);
    }
    let what = format!("{} of {}", line.at.format("%Y-%m-%d %H:%M"), line.item());
    if let Body::Event(event) = &line.body {
        let mut short = line.clone();
        if let Body::Event(e) = &mut short.body {
            e.note = None;
        }
        let json = short.to_json();
        if event.note.is_some() && json.len() <= MAX_LINE {
            crate::render::warn(format!(
                "the note of the {} at {what} is longer than {} MiB: it stays on this device",
                event.kind,
                MAX_LINE >> 20
            ));
            return Some(json);
        }
    }
    crate::render::warn(format!(
        "the record at {what} is longer than {} MiB, more than a journal line holds: it stays \
         on this device",
        MAX_LINE >> 20
    ));
    None
}

/// A full exchange with `dir` (see the module comment).
pub fn exchange(
    store: &mut Store,
    dir: &Path,
    notes: bool,
    now: DateTime<Utc>,
) -> Result<Exchanged> {
    let written = write_own(store, dir, notes, now)?;
    let me = store.device_id()?;
    let positions = store.journal_positions()?;
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the sync folder {}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| journal::device_of(name).is_some_and(|d| d != me))
        .collect();
    // The same order on every device, for the same merge.
    names.sort();
    let mut batches = Vec::with_capacity(names.len());
    let mut damaged = Vec::new();
    for name in &names {
        let device = journal::device_of(name).unwrap_or_default();
        let path = dir.join(name);
        let from = positions.get(name).copied().unwrap_or_default();
        let chunk = read_journal(&path, device, from)?;
        damaged.extend(chunk.damaged.iter().map(|d| {
            format!(
                "{name}: line {} skipped ({}); it is read again next time",
                d.line, d.reason
            )
        }));
        if chunk.next != from || !chunk.lines.is_empty() {
            batches.push(Incoming {
                file: name.clone(),
                lines: chunk.lines,
                next: chunk.next,
            });
        }
    }
    let received = store.receive(&batches, now)?;
    Ok(Exchanged {
        written,
        devices: names.len(),
        received,
        damaged,
    })
}

/// Makes sure `.gitattributes` in `dir` merges journals by union: a safety net, since no two
/// devices write one file. Returns its path.
pub fn ensure_gitattributes(dir: &Path) -> Result<std::path::PathBuf> {
    const RULE: &str = "*.jsonl merge=union";
    let path = dir.join(".gitattributes");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if !text.lines().any(|l| l.trim() == RULE) {
        let mut text = text;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(RULE);
        text.push('\n');
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(path)
}

/// This machine's name, for commit messages: the host name, else "a device".
pub fn device_name() -> String {
    let name = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    // One line of plain text: a commit message is shown by other tools.
    name.map(|n| crate::render::safe(&n, false).replace(['\n', '\r'], " "))
        .unwrap_or_else(|| "a device".into())
}

/// `device`'s journal at `path` from `from` (see `read::read_from`), or why it cannot be read.
fn read_journal(path: &Path, device: &str, from: Position) -> Result<read::Chunk> {
    read::read_from(path, device, from).map_err(|e| {
        anyhow::anyhow!(
            "cannot read {}: {}",
            path.display(),
            crate::files::io_reason(&e)
        )
    })
}

/// Gives a copied database a device id of its own (see `Store::become_new_device`).
pub fn new_device(store: &mut Store, dir: &Path) -> Result<()> {
    let me = store.device_id()?;
    let path = dir.join(journal::file_name(&me));
    let chunk = read_journal(&path, &me, Position::default())?;
    let written: Vec<String> = chunk.lines.into_iter().map(|l| l.id).collect();
    store.become_new_device(&written)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::fitting;
    use crate::journal::line::{Body, EventBody, ItemBody, ItemFields, Line, MAX_LINE};
    use crate::model::{EventKind, Kind};
    use chrono::{TimeZone, Utc};

    fn line(body: Body) -> Line {
        Line {
            id: "01937c4e-8a1b-7cc3-9d2e-0123456789ac".into(),
            device: "01937c4e-8a1b-7cc3-9d2e-0123456789ab".into(),
            at: Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap(),
            body,
        }
    }

    fn done(note: &str) -> Line {
        line(Body::Event(EventBody {
            item: "https://arxiv.org/abs/1".into(),
            kind: EventKind::Done,
            note: Some(note.into()),
            rating: None,
            spent_s: None,
            undoes: None,
            supersedes: None,
        }))
    }

    #[test]
    fn a_line_too_long_for_a_journal_travels_without_its_note_or_not_at_all() {
        let short = done("fine");
        assert_eq!(fitting(&short), Some(short.to_json()));
        let json = fitting(&done(&"x".repeat(MAX_LINE))).expect("the done travels");
        let Body::Event(back) = Line::parse(&json, &short.device).unwrap().body else {
            panic!("an event reads back as an event");
        };
        assert_eq!((back.kind, back.note), (EventKind::Done, None));
        let item = line(Body::Item(ItemBody {
            item: "added#huge".into(),
            fields: ItemFields {
                slug: "huge".into(),
                title: "t".repeat(MAX_LINE),
                section: Vec::new(),
                kind: Kind::Other,
                url: None,
                venue: None,
                year: None,
                removed: false,
            },
        }));
        assert_eq!(fitting(&item), None);
    }
}
