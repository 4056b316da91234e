//! The lines that start, done, review, skip, reset, note and stop answer with.

use super::{local_clock, local_time, safe, warn};
use crate::model::{EventKind, Status};
use crate::session::format_duration;
use crate::store::ItemRow;
use crate::views::SessionReport;
use chrono::{DateTime, Utc};

/// What happened to an item: `flexgen: todo → done · next review in 3 days · FlexGen: …`.
pub fn changed_message(
    before: &ItemRow,
    after: &ItemRow,
    due_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    let next = match due_at {
        Some(due) if before.schedule != after.schedule || !before.schedule.suspended => {
            format!(" · next review {}", super::due::due_date(due, now))
        }
        _ => String::new(),
    };
    if after.schedule.suspended && !before.schedule.suspended {
        return format!("{}: reviews suspended · {}", after.slug, after.title);
    }
    if before.schedule.suspended && !after.schedule.suspended {
        return format!("{}: reviews resumed{next} · {}", after.slug, after.title);
    }
    let status = match after.state.status {
        Status::Reviewed if after.state.review_count > 1 => {
            format!("reviewed ({} reviews)", after.state.review_count)
        }
        s if s == before.state.status => format!("still {s}"),
        s => format!("{} → {s}", before.state.status),
    };
    format!("{}: {status}{next} · {}", after.slug, after.title)
}

/// A line of [`changed_message`] (or `note`'s) made safe and fitted to `width`: the title at
/// its end is cut, or left out, so that the line fits a narrow terminal; other lines as they are.
pub fn fitted(message: &str, title: &str, width: Option<usize>) -> String {
    let (message, title) = (safe(message, false), safe(title, false));
    match message
        .strip_suffix(&title)
        .and_then(|m| m.strip_suffix(" · "))
    {
        Some(head) => super::fit::cut_tail(head, &title, width),
        None => message,
    }
}

/// An item the store left unchanged, with its reason; in a session, the session line says the rest.
pub fn unchanged_message(slug: &str, reason: &str, in_session: bool) -> String {
    if in_session {
        format!("{slug} {reason}")
    } else {
        format!("{slug} {reason}; nothing changed")
    }
}

/// Stages only advance, so an event dated before an earlier stage of its item (`done --at 08:00`
/// after a start at 19:00) is kept, but said to be unlikely.
pub fn warn_out_of_order(
    slug: &str,
    kind: EventKind,
    at: DateTime<Utc>,
    earlier: (EventKind, DateTime<Utc>),
) {
    let (stage, stage_at) = earlier;
    warn(format!(
        "{slug}: {kind} at {} is before its {stage} at {}; recorded anyway (`mlpath undo` reverts it)",
        local_time(at),
        local_time(stage_at)
    ));
}

/// One line per session recorded, opened, kept or given up; a cut session is also a warning.
pub fn session_lines(report: &SessionReport, now: DateTime<Utc>) -> Vec<String> {
    let mut lines = Vec::new();
    for s in &report.recorded {
        lines.push(format!(
            "{}: {} studied ({} – {})",
            s.slug,
            format_duration(s.spent_s.into()),
            local_time(s.started_at),
            end_clock(s.started_at, s.ended_at)
        ));
        if s.cut {
            warn(format!(
                "{}: the session open since {} was cut at {} (session.max); `mlpath undo` reverts it, `--spent` records the real time",
                s.slug,
                local_time(s.started_at),
                format_duration(s.spent_s.into())
            ));
        }
    }
    if let Some((slug, since)) = &report.ended_before_start {
        warn(format!(
            "{slug}: the session open since {} would end before it began (this command is \
             dated earlier); nothing recorded, `--spent` records a length",
            local_time(*since)
        ));
    }
    if let Some((slug, since)) = &report.replaced {
        lines.push(format!(
            "{slug}: the session open since {} is replaced by --spent",
            local_time(*since)
        ));
    }
    if let Some((slug, since)) = &report.opened {
        lines.push(format!(
            "{slug}: session started {}; `mlpath stop` ends it",
            day_and_clock(*since, now)
        ));
    }
    if let Some((slug, since)) = &report.kept {
        lines.push(format!(
            "{slug}: the session open since {} goes on",
            local_time(*since)
        ));
    }
    lines
}

/// `stop` of a session under a minute, which is not recorded.
pub fn too_short(slug: &str) -> String {
    format!("{slug}: the session lasted under a minute; nothing recorded")
}

/// `at 09:00` today, else `yesterday at 09:00`, `Wed at 09:00` or the date: `--at` may open a
/// session on another day.
fn day_and_clock(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&chrono::Local).date_naive();
    match crate::when::day_word(day(t), day(now)).as_str() {
        "today" => format!("at {}", local_clock(t)),
        word => format!("{word} at {}", local_clock(t)),
    }
}

/// The end of a session: its clock time, with the date when it ended on another day.
fn end_clock(start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let day = |t: DateTime<Utc>| t.with_timezone(&chrono::Local).date_naive();
    if day(start) == day(end) {
        local_clock(end)
    } else {
        local_time(end)
    }
}

/// `undo` of the `start` that opened the session: the session goes with it, unrecorded.
pub fn session_dropped(slug: &str) -> String {
    format!("{slug}: the study session its start opened is closed too; no time recorded")
}

/// `undo ITEM` when none of the item's events in force were recorded on this device.
pub fn nothing_here(slug: &str) -> String {
    format!(
        "nothing of {slug} to undo here: undo reverts only what this device recorded (events synced from another device are undone there)"
    )
}

/// `note --json`: the note event recorded, or null when nothing was.
pub fn note_json(event: Option<crate::views::RecordedEvent>) -> anyhow::Result<()> {
    let view = crate::views::NoteView { event };
    Ok(super::emit(&super::json(&view)?)?)
}
