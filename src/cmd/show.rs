use crate::cli::ShowArgs;
use crate::context::Context;
use crate::render;
use crate::views::ShowView;
use anyhow::Result;

pub fn run(args: ShowArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let row = super::resolve_item(&store, &args.item, args.all)?;
    let events = store.events_of(row.id)?;
    let view = ShowView::new(super::item_view(&store, row, ctx.now)?, events);
    if ctx.json {
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::emit(&render::show::details(
        &view, ctx.now, &ctx.out,
    ))?)
}
