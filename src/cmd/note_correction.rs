//! `mlpath note ITEM --edit [TEXT]` and `note ITEM --rm`: correcting or withdrawing a note.

use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::model::EventKind;
use crate::render;
use crate::store::{ItemRow, NewCommand, Store};
use crate::views::RecordedEvent;
use anyhow::Result;
use std::io::IsTerminal;

/// `note --edit` and `note --rm`: records a note that corrects or withdraws the item's latest
/// note, dated like it, as one command that `undo` reverts.
pub(super) fn run(args: NoteArgs, ctx: &Context, store: &mut Store, item: ItemRow) -> Result<()> {
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
            return match ctx.json {
                true => render::marks::note_json(None),
                false => Ok(render::line(unchanged)?),
            };
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
        return render::marks::note_json(Some(recorded));
    }
    let what = if args.rm { "withdrawn" } else { "corrected" };
    Ok(render::line(format!(
        "{}: note of {} {what} · `mlpath undo` brings it back",
        item.slug,
        crate::render::local_time(latest.at)
    ))?)
}
