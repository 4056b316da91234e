//! Commands, undo and redo: which command `redo` re-applies, and how a reverted command is told.
//! Pure.
//!
//! Every event belongs to the command that recorded it. `undo` cancels the events of the last
//! command typed on this device that still has events in force; `redo` records again the events
//! the last undo cancelled (copies with their original times, so the log stays append-only and
//! "in force" never depends on chains of undos). A command typed after an undo clears the redo
//! chain, as in an editor.

use crate::model::{EventKind, Status};
use chrono::{DateTime, Utc};
use std::fmt;

/// Where a command came from (the `command_origins` of 0002_commands.sql). Plain `undo` only
/// reverts `Typed` commands. Sync (issue 14) adds an origin for commands received from another
/// device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Run by a person on this device.
    Typed,
    /// An import (the done events of `- [x]` boxes).
    Import,
    /// The automatic re-import of a list file that changed (its `- [x]` boxes' dones).
    Refresh,
    /// The history loaded by `restore`.
    Restore,
    /// Events received from another device by `sync`: never reverted here.
    Sync,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Typed => "typed",
            Origin::Import => "import",
            Origin::Refresh => "refresh",
            Origin::Restore => "restore",
            Origin::Sync => "sync",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The verbs of the two commands that revert.
pub const UNDO: &str = "undo";
pub const REDO: &str = "redo";

/// A typed command as the redo walk needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Typed {
    pub id: i64,
    pub verb: String,
    /// For a redo: the undo it re-applied.
    pub reverts: Option<i64>,
}

/// The undo that `redo` re-applies, given the typed commands newest first: the newest undo not
/// yet redone, provided no other command was typed after it. `None` when there is nothing to
/// redo. Only as many commands are read as needed.
pub fn redo_target(newest_first: impl IntoIterator<Item = Typed>) -> Option<i64> {
    let mut redone = Vec::new();
    for command in newest_first {
        match command.verb.as_str() {
            REDO => redone.extend(command.reverts),
            UNDO if redone.contains(&command.id) => {}
            UNDO => return Some(command.id),
            // A command typed after the undos: the redo chain is gone.
            _ => return None,
        }
    }
    None
}

/// One event that an undo cancelled or a redo recorded again.
#[derive(Debug, Clone, PartialEq)]
pub struct Touched {
    pub slug: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// Whether the event corrects (with a note) or withdraws (without) an earlier note.
    pub supersedes: bool,
    /// The item's status afterwards.
    pub status: Status,
}

impl Touched {
    /// What the event was: its kind, or which change of a note.
    fn what(&self) -> String {
        match (self.supersedes, &self.note) {
            (true, Some(_)) => "note correction".into(),
            (true, None) => "note withdrawal".into(),
            (false, _) => self.kind.to_string(),
        }
    }
}

/// One line saying what came back: `undid review of a, b, c at 2026-11-28 09:00; a, b and c are
/// now done`. `did` is "undid" or "redid"; `time` formats a timestamp for the reader. Text is
/// returned as stored: the caller makes it safe for a terminal.
pub fn describe(did: &str, touched: &[Touched], time: impl Fn(DateTime<Utc>) -> String) -> String {
    let Some(first) = touched.first() else {
        return format!("nothing to {}", if did == "redid" { REDO } else { UNDO });
    };
    let mut what: Vec<(String, Vec<&str>)> = Vec::new();
    for t in touched {
        let kind = t.what();
        match what.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, slugs)) => push_once(slugs, &t.slug),
            None => what.push((kind, vec![&t.slug])),
        }
    }
    let what: Vec<String> = what
        .iter()
        .map(|(kind, slugs)| format!("{kind} of {}", slugs.join(", ")))
        .collect();
    let mut line = format!("{did} {}", what.join(", "));
    if touched.iter().all(|t| t.at == first.at) {
        line.push_str(&format!(" at {}", time(first.at)));
    }
    if let [only] = touched
        && let Some(note) = &only.note
    {
        line.push_str(&format!(" \"{}\"", one_line(note)));
    }
    line.push_str("; ");
    line.push_str(&now_statuses(touched));
    line
}

/// `a is now done`, `a and b are now done, c is now started`.
fn now_statuses(touched: &[Touched]) -> String {
    let mut by_status: Vec<(Status, Vec<&str>)> = Vec::new();
    for t in touched {
        match by_status.iter_mut().find(|(s, _)| *s == t.status) {
            Some((_, slugs)) => push_once(slugs, &t.slug),
            None => by_status.push((t.status, vec![&t.slug])),
        }
    }
    let parts: Vec<String> = by_status
        .iter()
        .map(|(status, slugs)| match slugs.as_slice() {
            [one] => format!("{one} is now {status}"),
            [rest @ .., last] => format!("{} and {last} are now {status}", rest.join(", ")),
            [] => String::new(),
        })
        .collect();
    parts.join(", ")
}

fn push_once<'a>(slugs: &mut Vec<&'a str>, slug: &'a str) {
    if !slugs.contains(&slug) {
        slugs.push(slug);
    }
}

/// A note on one line: its line breaks become `⏎`.
fn one_line(note: &str) -> String {
    note.trim_end()
        .replace("\r\n", "\n")
        .replace(['\n', '\r'], "⏎")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn typed(id: i64, verb: &str, reverts: Option<i64>) -> Typed {
        Typed {
            id,
            verb: verb.into(),
            reverts,
        }
    }

    /// Commands are given oldest first here, for reading; the walk gets them newest first.
    fn target(oldest_first: &[Typed]) -> Option<i64> {
        redo_target(oldest_first.iter().rev().cloned())
    }

    #[test]
    fn redo_follows_the_undos_back_and_stops_at_a_new_command() {
        let review = typed(1, "review", None);
        let done = typed(2, "done", None);
        assert_eq!(target(&[review.clone(), done.clone()]), None);
        let undo_done = typed(3, UNDO, Some(2));
        assert_eq!(
            target(&[review.clone(), done.clone(), undo_done.clone()]),
            Some(3)
        );
        let undo_review = typed(4, UNDO, Some(1));
        let both = [review, done, undo_done, undo_review];
        assert_eq!(target(&both), Some(4), "the last undo first");
        let mut redone_once = both.to_vec();
        redone_once.push(typed(5, REDO, Some(4)));
        assert_eq!(target(&redone_once), Some(3), "then the one before");
        redone_once.push(typed(6, REDO, Some(3)));
        assert_eq!(target(&redone_once), None, "both redone");
        let mut new_command = both.to_vec();
        new_command.push(typed(5, "start", None));
        assert_eq!(target(&new_command), None, "a new command clears the chain");
    }

    #[test]
    fn an_undo_of_a_redo_can_be_redone() {
        let commands = [
            typed(1, "done", None),
            typed(2, UNDO, Some(1)),
            typed(3, REDO, Some(2)),
            typed(4, UNDO, Some(3)),
        ];
        assert_eq!(target(&commands), Some(4));
        assert_eq!(target(&commands[..3]), None);
    }

    fn touched(slug: &str, kind: EventKind, status: Status) -> Touched {
        Touched {
            slug: slug.into(),
            kind,
            at: Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap(),
            note: None,
            supersedes: false,
            status,
        }
    }

    fn describe_utc(did: &str, touched: &[Touched]) -> String {
        describe(did, touched, |t| t.format("%Y-%m-%d %H:%M").to_string())
    }

    #[test]
    fn one_line_names_every_item_and_where_it_stands() {
        let three = [
            touched("a", EventKind::Review, Status::Done),
            touched("b", EventKind::Review, Status::Done),
            touched("c", EventKind::Review, Status::Reviewed),
        ];
        assert_eq!(
            describe_utc("undid", &three),
            "undid review of a, b, c at 2026-11-28 09:00; a and b are now done, c is now reviewed"
        );
        let mut one = touched("orca", EventKind::Done, Status::Started);
        one.note = Some("read it\ntwice\n".into());
        assert_eq!(
            describe_utc("redid", &[one]),
            "redid done of orca at 2026-11-28 09:00 \"read it⏎twice\"; orca is now started"
        );
        assert_eq!(describe_utc("redid", &[]), "nothing to redo");
        assert_eq!(describe_utc("undid", &[]), "nothing to undo");
    }

    #[test]
    fn a_note_correction_and_withdrawal_are_named_as_such() {
        let mut corrected = touched("orca", EventKind::Note, Status::Done);
        corrected.supersedes = true;
        corrected.note = Some("fixed".into());
        assert_eq!(
            describe_utc("undid", &[corrected.clone()]),
            "undid note correction of orca at 2026-11-28 09:00 \"fixed\"; orca is now done"
        );
        corrected.note = None;
        assert_eq!(
            describe_utc("redid", &[corrected]),
            "redid note withdrawal of orca at 2026-11-28 09:00; orca is now done"
        );
    }

    #[test]
    fn different_times_and_kinds_are_each_named() {
        let mut later = touched("b", EventKind::Start, Status::Todo);
        later.at += chrono::Duration::hours(1);
        let mixed = [touched("a", EventKind::Done, Status::Todo), later];
        assert_eq!(
            describe_utc("undid", &mixed),
            "undid done of a, start of b; a and b are now todo"
        );
    }
}
