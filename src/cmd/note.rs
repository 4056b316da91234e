use crate::cli::NoteArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::model::EventKind;
use crate::render::{self, safe};
use crate::store::{NewCommand, NewEvent};
use anyhow::Result;
use std::io::IsTerminal;

pub fn run(args: NoteArgs, ctx: &Context) -> Result<()> {
    let at = match &args.at {
        Some(text) => ctx.time_flag("--at", text)?,
        None => ctx.now,
    };
    let mut store = ctx.store()?;
    let item = super::resolve_item(&store, &args.item, args.all)?;
    let text = if args.text.is_empty() {
        if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
            return Err(usage("give the note text: mlpath note ITEM TEXT..."));
        }
        edit_note()?
    } else {
        args.text.join(" ")
    };
    if text.trim().is_empty() {
        return Ok(render::line("empty note; nothing added")?);
    }
    let event = NewEvent {
        item_id: item.id,
        kind: EventKind::Note,
        at,
        note: Some(text),
    };
    store.append_events(&NewCommand::typed("note", ctx.now), &[event])?;
    Ok(render::line(format!(
        "{}: note added · {}",
        item.slug,
        safe(&item.title, false)
    ))?)
}

/// Opens $VISUAL or $EDITOR on a temporary file and returns what was written.
fn edit_note() -> Result<String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .ok_or_else(|| {
            usage("no note text and neither $VISUAL nor $EDITOR is set; pass the text as arguments")
        })?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let path = std::env::temp_dir().join(format!("mlpath-note-{}-{nanos}.md", std::process::id()));
    std::fs::write(&path, "")
        .map_err(|e| failure(format!("cannot create {}: {e}", path.display())))?;
    // Through the shell, so that EDITOR="code --wait" works as it does for git.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("mlpath-editor")
        .arg(&path)
        .status();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let _ = std::fs::remove_file(&path);
    match status {
        Ok(s) if s.success() => Ok(text),
        Ok(s) => Err(failure(format!(
            "the editor '{editor}' exited with {s}; no note added"
        ))),
        Err(e) => Err(failure(format!("cannot run the editor '{editor}': {e}"))),
    }
}
