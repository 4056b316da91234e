//! What commands hand to `render`: serializable views, the public JSON shapes, from which the
//! tables and text are drawn too.

use crate::model::{EventKind, Kind, Link, Status};
use crate::progress::{Counts, SectionProgress};
use crate::rank::{Reason, Terms};
use crate::schedule::{CardState, ReviewSettings};
use crate::state::ItemState;
use crate::store::{EventRow, ItemRow};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

/// One item as `mlpath list --json` prints it. Keep field names stable: scripts read them.
/// The state's fields (`status`, `started_at`, `done_at`, `reviewed_at`, `review_count`,
/// `note_count`, `last_event_at`) sit at the top level beside the item's.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub kind: Kind,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub position: i64,
    pub removed: bool,
    pub manual: bool,
    /// The names of the lists that hold the item (none for one added by hand or removed).
    pub lists: Vec<String>,
    #[serde(flatten)]
    pub state: ItemState,
    /// When the item's next review is due; null when it is not scheduled (never rated, reset,
    /// suspended, or of a kind that `review.kinds` leaves out).
    pub due_at: Option<DateTime<Utc>>,
    /// The chance of remembering it now, 0–1 (null when not scheduled).
    pub retrievability: Option<f64>,
    #[serde(skip)]
    pub card: Option<CardState>,
    #[serde(skip)]
    pub suspended: bool,
}

impl ItemView {
    pub fn new(
        row: ItemRow,
        links: Vec<Link>,
        lists: Vec<String>,
        review: (&ReviewSettings, DateTime<Utc>),
    ) -> ItemView {
        let (settings, now) = review;
        let scheduled = settings.schedules(row.kind) && !row.schedule.suspended;
        let card = row.schedule.card.filter(|_| settings.schedules(row.kind));
        let live = card.as_ref().filter(|_| scheduled);
        ItemView {
            due_at: live.map(|c| c.due_at),
            retrievability: live.map(|c| c.retrievability(now)),
            suspended: row.schedule.suspended,
            card,
            id: row.id,
            slug: row.slug,
            title: row.title,
            section: row.section,
            kind: row.kind,
            url: row.url,
            links,
            venue: row.venue,
            year: row.year,
            position: row.position,
            removed: row.removed,
            manual: row.manual,
            lists,
            state: row.state,
        }
    }
}

/// The public JSON shape of `mlpath status --json`: the totals at the top level.
#[derive(Debug, Serialize)]
pub struct StatusView {
    #[serde(flatten)]
    pub totals: Counts,
    pub percent: f64,
    pub streak_days: u32,
    pub last_activity: Option<DateTime<Utc>>,
    /// Reviews due now (`mlpath due` lists them), of the `--list` list, whatever the other filters.
    pub due: usize,
    pub sections: Vec<SectionProgress>,
}

/// The public JSON shape of one `mlpath next --json` suggestion.
#[derive(Debug, Serialize)]
pub struct Suggestion {
    pub slug: String,
    pub title: String,
    pub kind: Kind,
    pub section: Vec<String>,
    pub status: Status,
    /// What to do with it: continue a started item, start a todo one, review a due one.
    pub action: Action,
    pub score: f64,
    pub reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<Terms>,
}

/// What `next` suggests doing with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Continue,
    Start,
    Review,
}

impl Action {
    /// The action for an item in this status, due for review or not.
    pub fn for_item(status: Status, review_due: bool) -> Action {
        match (review_due, status) {
            (true, _) => Action::Review,
            (false, Status::Started) => Action::Continue,
            (false, _) => Action::Start,
        }
    }
}

/// Why an item is suggested, in words. The section is not repeated: it is a field of its own.
pub fn reason_text(reason: &Reason, previous_slug: Option<&str>, now: DateTime<Utc>) -> String {
    match reason {
        Reason::InProgressSince(t) => format!("in progress since {}", day_word_of(*t, now)),
        Reason::InProgress => "in progress".into(),
        Reason::NextInList => "next in the list".into(),
        Reason::NextInSection => "next in its section".into(),
        Reason::After { .. } => format!("after {}", previous_slug.unwrap_or("an earlier item")),
        Reason::ReviewDue(due) => format!(
            "review due since {} (recall {:.0}%)",
            day_word_of(due.due_at, now),
            due.retrievability * 100.0
        ),
    }
}

/// `today`, `yesterday`, the weekday (`Wed`) within the last week, else the date: local days.
fn day_word_of(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&Local).date_naive();
    crate::when::day_word(day(t), day(now))
}

/// The public JSON shape of one `mlpath log --json` entry.
#[derive(Debug, Serialize)]
pub struct LogEntry {
    pub at: DateTime<Utc>,
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
    pub note: Option<String>,
    /// For done and review: again, hard, good or easy (null for a box ticked in the list).
    pub rating: Option<crate::model::Rating>,
    /// A session's length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent_s: Option<u32>,
}

impl From<EventRow> for LogEntry {
    fn from(e: EventRow) -> LogEntry {
        LogEntry {
            at: e.at,
            slug: e.slug,
            title: e.title,
            kind: e.kind,
            note: e.note,
            rating: e.rating,
            spent_s: e.spent_s,
        }
    }
}

/// One event of `mlpath show --json`.
#[derive(Debug, Serialize)]
pub struct EventView {
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// For done and review: again, hard, good or easy (null for a box ticked in the list).
    pub rating: Option<crate::model::Rating>,
    /// A session's length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spent_s: Option<u32>,
}

/// The public JSON shape of `mlpath show --json`: the item with its events.
#[derive(Debug, Serialize)]
pub struct ShowView {
    #[serde(flatten)]
    pub item: ItemView,
    /// Reviews rated `again` (they count in `review_count` too).
    pub lapses: u32,
    /// Whether `review --suspend` stopped its reviews.
    pub suspended: bool,
    pub events: Vec<EventView>,
}

impl ShowView {
    pub fn new(item: ItemView, events: Vec<EventRow>) -> ShowView {
        let events = events
            .into_iter()
            .map(|e| EventView {
                kind: e.kind,
                at: e.at,
                note: e.note,
                rating: e.rating,
                spent_s: e.spent_s,
            })
            .collect();
        ShowView {
            lapses: item.card.as_ref().map_or(0, |c| c.lapses),
            suspended: item.suspended,
            item,
            events,
        }
    }
}

/// The public JSON shape of one `mlpath due --json` entry. Keep field names stable.
#[derive(Debug, Serialize)]
pub struct DueEntry {
    pub slug: String,
    pub title: String,
    pub due_at: DateTime<Utc>,
    /// The chance of remembering it now (FSRS's forgetting curve), 0–1.
    pub retrievability: f64,
    pub reviews: u32,
    pub last_review_at: Option<DateTime<Utc>>,
}

/// One event a command recorded, as `note --json` prints it.
#[derive(Debug, Serialize)]
pub struct RecordedEvent {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// For `note --edit` and `note --rm`: the id of the note corrected or withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<i64>,
}

/// The public JSON shape of `mlpath note --json`; `event` is `null` when the note was empty
/// and nothing was recorded.
#[derive(Debug, Serialize)]
pub struct NoteView {
    pub event: Option<RecordedEvent>,
}

/// The public JSON shape of `mlpath backup --json`: the database copied, and the copy.
#[derive(Debug, Serialize)]
pub struct BackupView {
    pub database: String,
    pub path: String,
    pub bytes: u64,
}

/// The public JSON shape of `mlpath export --format json -o FILE --json`: the file written
/// (the file a symlink at FILE points to). To standard output the export itself is printed.
#[derive(Debug, Serialize)]
pub struct ExportView {
    pub format: &'static str,
    pub path: String,
    pub bytes: u64,
}

/// The public JSON shape of `mlpath open --json`: the link, and whether a browser was started
/// (`false` with `--print`).
#[derive(Debug, Serialize)]
pub struct OpenView {
    pub slug: String,
    pub url: String,
    pub opened: bool,
}

/// The public JSON shape of `mlpath restore --json`.
#[derive(Debug, Serialize)]
pub struct RestoreView {
    pub database: String,
    pub items: usize,
}

/// The public JSON shape of `mlpath relink OLD NEW --json`: the events copied to NEW (none when
/// it already had them all) and NEW's status afterwards.
#[derive(Debug, Serialize)]
pub struct RelinkView {
    pub old: String,
    pub new: String,
    pub events: Vec<RecordedEvent>,
    pub status: Status,
}

/// The public JSON shape of `mlpath lists rm NAME --json`: the list no longer followed, and the
/// items that left with it (no other list holds them; their history is kept).
#[derive(Debug, Serialize)]
pub struct ListRemovedView {
    pub list: String,
    pub removed: Vec<RemovedItem>,
}

#[derive(Debug, Serialize)]
pub struct RemovedItem {
    pub slug: String,
    pub status: Status,
}

/// One item as the markdown export writes it: dates as local calendar days, as the importer
/// reads them back.
pub fn markdown_item(
    item: ItemRow,
    links: Vec<Link>,
    notes: Vec<(DateTime<Utc>, String)>,
) -> crate::export::MarkdownItem {
    let day = |t: DateTime<Utc>| t.with_timezone(&Local).format("%Y-%m-%d").to_string();
    crate::export::MarkdownItem {
        links,
        title: item.title,
        section: item.section,
        url: item.url,
        venue: item.venue,
        status: item.state.status,
        started: item.state.started_at.map(day),
        done: item.state.done_at.map(day),
        reviewed: item.state.reviewed_at.map(day),
        notes: notes
            .into_iter()
            .map(|(at, note)| (day(at), note))
            .collect(),
    }
}

/// What `mlpath sync` did.
#[derive(Debug, Clone, Serialize)]
pub struct SyncView {
    pub dir: String,
    /// Lines this device appended to its journal.
    pub written: usize,
    /// Events received from other devices.
    pub received: usize,
    /// Items added or changed by hand on other devices, changed here.
    pub items: usize,
    /// Lines kept for later: they name items this device does not have (yet).
    pub held: usize,
    /// Other devices' journals in the folder.
    pub devices: usize,
    /// `null` without git; else whether this sync committed and pushed.
    pub git: Option<SyncGitView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncGitView {
    pub committed: bool,
    pub pushed: bool,
}

/// The public JSON shape of `mlpath report --json`: the page written, and whether a browser
/// was started with it.
#[derive(Debug, Serialize)]
pub struct ReportView {
    pub path: String,
    pub bytes: u64,
    pub opened: bool,
}

/// One item's answer to start / done / review / skip / reset / suspend / resume
/// (`--json` prints a list of them).
#[derive(Debug, Serialize)]
pub struct MarkOutcome {
    pub slug: String,
    pub title: String,
    pub changed: bool,
    pub status: Status,
    /// When the item is next due for review (null when it is not scheduled).
    pub due_at: Option<DateTime<Utc>>,
    pub message: String,
    /// The event recorded for the item (null when nothing changed).
    pub event_id: Option<i64>,
    /// The study session of the item that the command closed and recorded, if any.
    pub session_event_id: Option<i64>,
}

/// What a command did to study sessions, told under its answer.
#[derive(Debug, Default)]
pub struct SessionReport {
    /// Sessions recorded by the command.
    pub recorded: Vec<RecordedSession>,
    /// An open session given up because `--spent` gives that item's time: (slug, since).
    pub replaced: Option<(String, DateTime<Utc>)>,
    /// The session the command opened: (slug, since).
    pub opened: Option<(String, DateTime<Utc>)>,
    /// The open session that `start` of its own item leaves going: (slug, since).
    pub kept: Option<(String, DateTime<Utc>)>,
    /// An open session closed, unrecorded, by a command dated before it opened: (slug, since).
    pub ended_before_start: Option<(String, DateTime<Utc>)>,
}

/// A study session recorded (`stop --json` prints it).
#[derive(Debug, Serialize)]
pub struct RecordedSession {
    pub slug: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub spent_s: u32,
    /// Whether it was cut at `session.max`.
    pub cut: bool,
}

/// What `undo --json` and `redo --json` print. `events` are the events cancelled (undo) or
/// recorded again (redo), each with its item's status afterwards; empty when nothing changed.
#[derive(Serialize)]
pub struct UndoView {
    pub action: &'static str,
    pub events: Vec<UndoneEvent>,
    pub message: String,
}

/// An event undone (or redone), with its item's status afterwards.
#[derive(Serialize)]
pub struct UndoneEvent {
    /// For redo, `id` is that of the event that was undone and is now recorded again.
    #[serde(flatten)]
    pub event: RecordedEvent,
    pub status: Status,
}
