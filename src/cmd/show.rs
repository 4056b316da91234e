use crate::cli::ShowArgs;
use crate::context::Context;
use crate::render;
use crate::views::{ItemView, ShowView};
use anyhow::Result;

pub fn run(args: ShowArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let row = super::resolve_item(&store, &args.item, args.all)?;
    let links = store.links_of(row.id)?;
    let lists = store
        .places_of(row.id)?
        .into_iter()
        .map(|p| p.list)
        .collect();
    let events = store.events_of(row.id)?;
    let settings = store.review_settings()?;
    let view = ShowView::new(
        ItemView::new(row, links, lists, (&settings, ctx.now)),
        events,
    );
    if ctx.json {
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::emit(&render::show::details(
        &view, ctx.now, &ctx.out,
    ))?)
}
