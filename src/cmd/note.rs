//! `mlpath note ITEM TEXT`: a note on an item (the editor opens without TEXT); `--edit` and
//! `--rm` correct or withdraw the latest note (see `note_correction`).

use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::usage;
use crate::model::EventKind;
use crate::render;
use crate::session::{self, Verb};
use crate::store::{NewCommand, NewEvent};
use crate::views::RecordedEvent;
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
        return super::note_correction::run(args, ctx, &mut store, item);
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
        return match ctx.json {
            true => render::marks::note_json(None),
            false => Ok(render::line("empty note; nothing added")?),
        };
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
        return render::marks::note_json(Some(recorded));
    }
    let added = format!("{}: note added · {}", item.slug, item.title);
    let mut lines = vec![render::marks::fitted(&added, &item.title, ctx.out.width)];
    let report = super::sessions::report(&store, None, &plan)?;
    lines.extend(render::marks::session_lines(&report, ctx.now));
    Ok(render::line(lines.join("\n"))?)
}
