//! `due`: the items whose review is due, most overdue first.

use crate::cli::DueArgs;
use crate::context::Context;
use crate::render;
use crate::views::DueEntry;
use anyhow::Result;

pub fn run(args: DueArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let list = super::resolve_list(&store, args.list.as_deref())?;
    let entries: Vec<DueEntry> = store
        .due_items(ctx.now, args.n.unwrap_or(usize::MAX), list)?
        .into_iter()
        .map(|d| DueEntry {
            retrievability: d.card.retrievability(ctx.now),
            due_at: d.card.due_at,
            slug: d.slug,
            title: d.title,
            reviews: d.review_count,
            last_review_at: d.reviewed_at,
        })
        .collect();
    if ctx.json {
        return Ok(render::emit(&render::json(&entries)?)?);
    }
    Ok(render::emit(&render::due::table(
        &entries, ctx.now, &ctx.out,
    ))?)
}
