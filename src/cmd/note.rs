use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::model::EventKind;
use crate::render;
use crate::session::{self, Verb};
use crate::store::{ItemRow, NewCommand, NewEvent, Store};
use crate::views::{NoteView, RecordedEvent};
use anyhow::Result;
use std::io::IsTerminal;

pub fn run(args: NoteArgs, ctx: &Context) -> Result<()> {
    let at = match &args.at {
        Some(text) => ctx.time_flag("--at", text)?,
        None => ctx.now,
    };
    let spent = super::sessions::spent_flag(args.spent.as_deref(), EventKind::Note, 1)?;
    let mut store = ctx.store()?;
    let item = super::resolve_item(&store, &args.item, args.all)?;
    if args.edit || args.rm {
        return supersede(args, ctx, &mut store, item);
    }
    let text = if args.text.is_empty() {
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(usage("give the note text: mlpath note ITEM TEXT..."));
        }
        crate::editor::note_draft(&item.slug, "write", "", "no note added")?
    } else {
        args.text.join(" ")
    };
    if text.trim().is_empty() {
        if ctx.json {
            return Ok(render::emit(&render::json(&NoteView { event: None })?)?);
        }
        return Ok(render::line("empty note; nothing added")?);
    }
    let mut events = vec![NewEvent {
        item_id: item.id,
        kind: EventKind::Note,
        at,
        note: Some(text),
        rating: None,
        spent_s: None,
        supersedes: None,
    }];
    // `note --spent` records a session with the note, as one command (one undo).
    let plan = session::plan(None, Verb::Other, &[item.id], at, spent, 0);
    events.extend(super::sessions::events(&plan));
    let ids = store.append_events(&NewCommand::typed("note", ctx.now), &events)?;
    if ctx.json {
        let note = events.swap_remove(0);
        let recorded = RecordedEvent {
            id: ids.first().copied().unwrap_or_default(),
            slug: item.slug,
            title: item.title,
            kind: note.kind,
            at: note.at,
            note: note.note,
            supersedes: None,
        };
        let view = NoteView {
            event: Some(recorded),
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    let added = format!("{}: note added · {}", item.slug, item.title);
    let mut lines = vec![render::marks::fitted(&added, &item.title, ctx.out.width)];
    let report = super::sessions::report(&store, None, &plan)?;
    lines.extend(render::marks::session_lines(&report, ctx.now));
    Ok(render::line(lines.join("\n"))?)
}

/// `note --edit` and `note --rm`: records a note that corrects or withdraws the item's latest
/// note, dated like it, as one command that `undo` reverts.
fn supersede(args: NoteArgs, ctx: &Context, store: &mut Store, item: ItemRow) -> Result<()> {
    let doing = if args.rm { "withdraw" } else { "edit" };
    let Some(latest) = store.latest_note(item.id)? else {
        return Err(usage(format!(
            "{} has no note to {doing}; add one with: mlpath note {} TEXT",
            item.slug, item.slug
        )));
    };
    let text = if args.rm {
        None
    } else if args.text.is_empty() {
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(usage(format!(
                "give the corrected text: mlpath note {} --edit TEXT...",
                item.slug
            )));
        }
        let old = latest.note.as_deref().unwrap_or("");
        Some(crate::editor::note_draft(
            &item.slug,
            "correct",
            old,
            "the note is unchanged",
        )?)
    } else {
        Some(args.text.join(" "))
    };
    if let Some(text) = &text {
        let unchanged = if text.trim().is_empty() {
            "empty note; the note is unchanged (--rm withdraws it)"
        } else if Some(text) == latest.note.as_ref() {
            "same text; the note is unchanged"
        } else {
            ""
        };
        if !unchanged.is_empty() {
            if ctx.json {
                return Ok(render::emit(&render::json(&NoteView { event: None })?)?);
            }
            return Ok(render::line(unchanged)?);
        }
    }
    let command = NewCommand::typed("note", ctx.now);
    let Some(id) = store.supersede_note(&command, &latest, text.clone())? else {
        return Err(failure(
            "another mlpath changed the item's notes meanwhile; run the command again",
        ));
    };
    if ctx.json {
        let recorded = RecordedEvent {
            id,
            slug: item.slug,
            title: item.title,
            kind: EventKind::Note,
            at: latest.at,
            note: text,
            supersedes: Some(latest.id),
        };
        let view = NoteView {
            event: Some(recorded),
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    let what = if args.rm { "withdrawn" } else { "corrected" };
    Ok(render::line(format!(
        "{}: note of {} {what} · `mlpath undo` brings it back",
        item.slug,
        crate::render::local_time(latest.at)
    ))?)
}
