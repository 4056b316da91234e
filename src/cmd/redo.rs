use crate::context::Context;
use anyhow::Result;

/// `redo`: records again what the last undo reverted, unless a command was typed since.
pub fn run(ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let events = store.redo(ctx.now)?;
    let changed: Vec<i64> = events.iter().map(|e| e.item_id).collect();
    super::writeback::after_change(&mut store, &changed)?;
    super::undo::report("redo", &events, &store, ctx)
}
