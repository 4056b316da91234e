use crate::cli::RelinkArgs;
use crate::context::Context;
use crate::error::usage;
use crate::model::EventKind;
use crate::render::{self, safe};
use crate::store::{NewCommand, NewEvent};
use crate::views::{RecordedEvent, RelinkView};
use anyhow::Result;

/// Gives NEW the history of the removed item OLD (renamed in its list: title and URL both
/// changed), as one command that `undo` reverts. OLD keeps its events as they were: the log is
/// append-only; it stays removed.
pub fn run(args: RelinkArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let old = super::resolve_item(&store, &args.old, true)?;
    let new = super::resolve_item(&store, &args.new, false)?;
    if old.id == new.id {
        return Err(usage(format!(
            "'{}' is both OLD and NEW; name two items",
            old.slug
        )));
    }
    if !old.removed {
        return Err(usage(format!(
            "'{}' is still in a list; relink gives the history of a removed item (`mlpath list --all` shows them) to the item that replaced it",
            old.slug
        )));
    }
    let already = store.events_of(new.id)?;
    let copies: Vec<NewEvent> = store
        .events_of(old.id)?
        .into_iter()
        // The removal of a hand-added OLD is OLD's, not part of the history NEW takes.
        .filter(|e| e.kind != EventKind::Remove)
        // Relinking twice copies nothing twice.
        .filter(|e| {
            !already
                .iter()
                .any(|a| a.kind == e.kind && a.at == e.at && a.note == e.note)
        })
        .map(|e| NewEvent {
            item_id: new.id,
            kind: e.kind,
            at: e.at,
            note: e.note,
            rating: e.rating,
            spent_s: e.spent_s,
            // Only notes in force are copied: a correction arrives as the note it became.
            supersedes: None,
        })
        .collect();
    if copies.is_empty() && !ctx.json {
        return Ok(render::line(format!(
            "{} has no history that {} lacks; nothing changed",
            old.slug, new.slug
        ))?);
    }
    let ids = store.append_events(&NewCommand::typed("relink", ctx.now), &copies)?;
    let after = store.item_by_id(new.id)?.unwrap_or(new);
    if ctx.json {
        let events = ids
            .into_iter()
            .zip(copies)
            .map(|(id, e)| RecordedEvent {
                id,
                slug: after.slug.clone(),
                title: after.title.clone(),
                kind: e.kind,
                at: e.at,
                note: e.note,
                supersedes: None,
            })
            .collect();
        let view = RelinkView {
            old: old.slug,
            new: after.slug,
            events,
            status: after.state.status,
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::line(format!(
        "{} now has the history of {} ({} event{}): {}; `mlpath undo` reverts this",
        after.slug,
        old.slug,
        copies.len(),
        if copies.len() == 1 { "" } else { "s" },
        safe(&after.state.status.to_string(), false)
    ))?)
}
