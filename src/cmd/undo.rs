use crate::cli::UndoArgs;
use crate::context::Context;
use crate::render::{self, safe};
use anyhow::Result;

pub fn run(args: UndoArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let item_id = match &args.item {
        Some(query) => Some(super::resolve_item(&store, query, args.all)?.id),
        None => None,
    };
    let Some(event) = store.undo_last(item_id, ctx.now)? else {
        return Ok(render::line("nothing to undo")?);
    };
    let after = store.item_by_id(event.item_id)?;
    let note = event
        .note
        .as_deref()
        .map(|n| format!(" \"{}\"", safe(n, false)))
        .unwrap_or_default();
    let status = after
        .map(|i| i.state.status.to_string())
        .unwrap_or_default();
    Ok(render::line(format!(
        "undid {} of {} at {}{note}; {} is now {status}",
        event.kind,
        event.slug,
        render::local_time(event.at),
        event.slug
    ))?)
}
