use super::stop;
use crate::cli::MarkArgs;
use crate::context::Context;
use crate::model::{EventKind, Rating, Status};
use crate::render::{self, safe};
use crate::schedule::ReviewSettings;
use crate::session;
use crate::state;
use crate::store::{ItemRow, NewCommand, NewEvent};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Serialize)]
struct Outcome {
    slug: String,
    title: String,
    changed: bool,
    status: Status,
    /// When the item is next due for review (null when it is not scheduled).
    due_at: Option<DateTime<Utc>>,
    message: String,
    /// The event recorded for the item (null when nothing changed).
    event_id: Option<i64>,
    /// The study session of the item that the command closed and recorded, if any.
    session_event_id: Option<i64>,
}

/// start / done / review / skip / reset / suspend / resume: one event per item, all in one
/// transaction. `rating` goes with done and review.
pub fn run(kind: EventKind, args: MarkArgs, rating: Option<Rating>, ctx: &Context) -> Result<()> {
    let at = match &args.at {
        Some(text) => ctx.time_flag("--at", text)?,
        None => ctx.now,
    };
    let note = args.note.clone().filter(|n| !n.trim().is_empty());
    let spent = super::stop::spent_flag(args.spent.as_deref(), kind, args.items.len())?;
    let mut store = ctx.store()?;
    let mut targets: Vec<ItemRow> = Vec::new();
    for query in &args.items {
        let item = super::resolve_item(&store, query, args.all)?;
        if !targets.iter().any(|t| t.id == item.id) {
            targets.push(item);
        }
    }
    let mut events: Vec<NewEvent> = targets
        .iter()
        .map(|item| NewEvent {
            item_id: item.id,
            kind,
            at,
            note: note.clone(),
            rating,
            spent_s: None,
            supersedes: None,
        })
        .collect();
    // Sessions close before the stage they end is recorded, so they sort before it.
    let open = store.open_session()?;
    let ids: Vec<i64> = targets.iter().map(|t| t.id).collect();
    let max_s = super::session_max(&store)?;
    let plan = session::plan(open, stop::verb_of(kind), &ids, at, spent, max_s);
    let sessions = stop::session_events(&plan);
    let session_count = sessions.len();
    events.splice(0..0, sessions);
    // The store decides what changes, inside its write lock.
    let command = NewCommand::typed(verb(kind), ctx.now);
    let mut results =
        store.append_changes_and_session(&command, &events, stop::update(open, &plan).as_ref())?;
    let session_ids: Vec<(i64, i64)> = plan
        .closes
        .iter()
        .zip(results.drain(..session_count))
        .filter_map(|(c, recorded)| Some((c.item_id, recorded.ok()?)))
        .collect();
    let settings = store.review_settings()?;
    let mut session_lines = stop::plan_lines(&store, open, &plan)?;
    if let Some(kept) = open.filter(|o| kind == EventKind::Start && plan.next == Some(*o)) {
        let slug = targets
            .iter()
            .find(|t| t.id == kept.item_id)
            .map(|t| t.slug.clone());
        if let Some(slug) = slug {
            session_lines.push(format!(
                "{slug}: the session open since {} goes on",
                render::local_time(kept.since)
            ));
        }
    }
    let mut skipped: Vec<(i64, String)> = Vec::new();
    let mut event_ids: Vec<(i64, i64)> = Vec::new();
    for (item, recorded) in targets.iter().zip(results) {
        match recorded {
            Err(reason) => skipped.push((item.id, reason)),
            Ok(id) => {
                event_ids.push((item.id, id));
                out_of_order_warning(item, kind, at)
                    .iter()
                    .for_each(render::warn)
            }
        }
    }
    let id_of = |ids: &[(i64, i64)], item: i64| ids.iter().find(|(i, _)| *i == item).map(|p| p.1);
    let changed: Vec<i64> = targets
        .iter()
        .map(|t| t.id)
        .filter(|id| !skipped.iter().any(|(s, _)| s == id))
        .collect();
    super::writeback::after_change(&mut store, &changed)?;
    let mut outcomes = Vec::new();
    for item in targets {
        let after = store.item_by_id(item.id)?.unwrap_or_else(|| item.clone());
        let in_session = plan.closes.iter().any(|c| c.item_id == item.id)
            || plan.next.is_some_and(|n| n.item_id == item.id);
        let message = match skipped.iter().find(|(id, _)| *id == item.id) {
            Some((_, reason)) if in_session => format!("{} {reason}", item.slug),
            Some((_, reason)) => format!("{} {reason}; nothing changed", item.slug),
            None => changed_message(&item, &after, &settings, ctx.now),
        };
        outcomes.push(Outcome {
            event_id: id_of(&event_ids, item.id),
            session_event_id: id_of(&session_ids, item.id),
            changed: !skipped.iter().any(|(id, _)| *id == item.id),
            due_at: due_at(&after, &settings),
            slug: after.slug,
            title: after.title,
            status: after.state.status,
            message,
        });
    }
    if ctx.json {
        return Ok(render::emit(&render::json(&outcomes)?)?);
    }
    let lines: Vec<String> = outcomes
        .iter()
        .map(|o| &o.message)
        .chain(&session_lines)
        .map(|m| safe(m, false))
        .collect();
    Ok(render::line(lines.join("\n"))?)
}

/// The command's name: suspend and resume are `review --suspend` and `review --resume`.
fn verb(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Suspend | EventKind::Resume => "review",
        kind => kind.as_str(),
    }
}

fn due_at(item: &ItemRow, settings: &ReviewSettings) -> Option<DateTime<Utc>> {
    item.schedule
        .due_at()
        .filter(|_| settings.schedules(item.kind))
}

fn changed_message(
    before: &ItemRow,
    after: &ItemRow,
    settings: &ReviewSettings,
    now: DateTime<Utc>,
) -> String {
    let next = match due_at(after, settings) {
        Some(due) if before.schedule != after.schedule || !before.schedule.suspended => {
            format!(" · next review {}", render::due::due_date(due, now))
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

/// Stages only advance, so an event dated before an earlier stage of its item (`done --at 08:00`
/// after a start at 19:00) is kept, but said to be unlikely.
fn out_of_order_warning(item: &ItemRow, kind: EventKind, at: DateTime<Utc>) -> Option<String> {
    let (stage, stage_at) = state::dated_before_earlier_stage(&item.state, kind, at)?;
    Some(format!(
        "{}: {kind} at {} is before its {stage} at {}; recorded anyway (`mlpath undo` reverts it)",
        item.slug,
        render::local_time(at),
        render::local_time(stage_at)
    ))
}
