use crate::cli::UndoArgs;
use crate::context::Context;
use crate::history::{self, Touched};
use crate::model::Status;
use crate::render::{self, safe};
use crate::store::{EventRow, Store};
use crate::views::{RecordedEvent, UndoView, UndoneEvent};
use anyhow::Result;

/// `undo`: the whole last command typed here; `undo ITEM`: that item's latest event.
pub fn run(args: UndoArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let open_before = store.open_session()?;
    let events = match &args.item {
        Some(query) => {
            let item = super::resolve_item(&store, query, args.all)?;
            let events = store.undo_item(item.id, ctx.now)?;
            if events.is_empty() && item.state.last_event_at.is_some() && !ctx.json {
                // Its history came from other devices (or is undone already): say why.
                return Ok(render::line(render::marks::nothing_here(&item.slug))?);
            }
            events
        }
        None => store.undo_last_command(ctx.now)?,
    };
    let changed: Vec<i64> = events.iter().map(|e| e.item_id).collect();
    super::writeback::after_change(&mut store, &changed)?;
    report("undo", &events, &store, ctx)?;
    if let Some(open) = open_before.filter(|_| store.open_session().ok().flatten().is_none()) {
        let slug = store.item_by_id(open.item_id)?.map(|i| i.slug);
        render::warn(render::marks::session_dropped(&slug.unwrap_or_default()));
    }
    Ok(())
}

/// Tells what an undo (`action` "undo") or redo ("redo") changed, in one line or as JSON.
pub(super) fn report(
    action: &'static str,
    events: &[EventRow],
    store: &Store,
    ctx: &Context,
) -> Result<()> {
    let mut views = Vec::new();
    for e in events {
        let status = store
            .item_by_id(e.item_id)?
            .map_or(Status::Todo, |i| i.state.status);
        let event = RecordedEvent {
            id: e.id,
            slug: e.slug.clone(),
            title: e.title.clone(),
            kind: e.kind,
            at: e.at,
            note: e.note.clone(),
            supersedes: e.supersedes,
        };
        views.push(UndoneEvent { event, status });
    }
    let touched: Vec<Touched> = views
        .iter()
        .map(|v| Touched {
            slug: v.event.slug.clone(),
            kind: v.event.kind,
            at: v.event.at,
            note: v.event.note.clone(),
            supersedes: v.event.supersedes.is_some(),
            status: v.status,
        })
        .collect();
    let did = if action == history::REDO {
        "redid"
    } else {
        "undid"
    };
    let message = history::describe(did, &touched, render::local_time);
    if ctx.json {
        let outcome = UndoView {
            action,
            events: views,
            message,
        };
        return Ok(render::emit(&render::json(&outcome)?)?);
    }
    Ok(render::line(safe(&message, false))?)
}
