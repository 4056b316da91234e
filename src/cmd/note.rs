use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::files;
use crate::model::EventKind;
use crate::render::{self, safe};
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
        edit_note(&draft_header(&item.slug, "write"), "", "no note added")?
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
    let mut lines = vec![format!(
        "{}: note added · {}",
        item.slug,
        safe(&item.title, false)
    )];
    let report = super::sessions::report(&store, None, &plan)?;
    lines.extend(render::marks::session_lines(&report));
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
        let header = draft_header(&item.slug, "correct");
        Some(edit_note(&header, old, "the note is unchanged")?)
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

/// Opens $VISUAL or $EDITOR on a draft (`header`, then `text`) in a private folder and returns
/// the note written there, without the draft's header and the newline the editor adds at the
/// end. `nothing` ends the error messages ("no note added").
fn edit_note(header: &str, text: &str, nothing: &str) -> Result<String> {
    let editor = crate::editor::configured().ok_or_else(|| {
        usage("no note text and neither $VISUAL nor $EDITOR is set; pass the text as arguments")
    })?;
    // A folder of its own (0700) holding a 0600 file: a note is as private as a shell history.
    let folder = tempfile::Builder::new()
        .prefix("mlpath-note-")
        .tempdir()
        .map_err(|e| failure(format!("cannot create a folder for the draft: {e}")))?;
    let path = folder.path().join("note.md");
    files::make_folder_private(folder.path())
        .and_then(|()| files::create_private(&path))
        .and_then(|()| std::fs::write(&path, format!("{header}{text}\n")))
        .map_err(|e| failure(format!("cannot create {}: {e}", path.display())))?;
    crate::editor::edit(&editor, &path, nothing)?;
    let draft = std::fs::read_to_string(&path).map_err(|e| {
        failure(format!(
            "cannot read the note the editor wrote ({e}); {nothing}"
        ))
    })?;
    Ok(note_from_draft(&draft, header))
}

/// The draft's first line; `doing` is "write" or "correct".
fn draft_header(slug: &str, doing: &str) -> String {
    format!(
        "<!-- mlpath: {doing} the note for {} below; this line is removed -->\n",
        safe(slug, false)
    )
}

/// The note in a draft: the header lines left out, trailing newlines and blank lines trimmed.
fn note_from_draft(draft: &str, header: &str) -> String {
    let header_lines: Vec<&str> = header.lines().collect();
    let kept: Vec<&str> = draft
        .lines()
        .filter(|line| !header_lines.contains(&line.trim_end()))
        .collect();
    let text = kept.join("\n");
    text.trim_start_matches(['\n', '\r'])
        .trim_end_matches(['\n', '\r'])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_and_the_editors_newline_are_not_part_of_the_note() {
        let header = draft_header("orca", "write");
        let cases = [
            (format!("{header}good paper\n"), "good paper"),
            (
                format!("{header}\n# Heading\n\nline two\n\n"),
                "# Heading\n\nline two",
            ),
            (format!("kept above\n{header}"), "kept above"),
            (
                "header deleted by hand\r\n".to_string(),
                "header deleted by hand",
            ),
            (header.clone(), ""),
            ("  indented stays\n".to_string(), "  indented stays"),
        ];
        for (draft, note) in cases {
            assert_eq!(note_from_draft(&draft, &header), note, "{draft:?}");
        }
    }
}
