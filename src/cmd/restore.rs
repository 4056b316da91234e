use crate::cli::RestoreArgs;
use crate::context::Context;
use crate::error::failure;
use crate::export::Document;
use crate::render;
use anyhow::Result;

pub fn run(args: RestoreArgs, ctx: &Context) -> Result<()> {
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| failure(format!("cannot read {}: {e}", args.file.display())))?;
    let doc: Document = serde_json::from_str(&text).map_err(|e| {
        failure(format!(
            "{} is not an mlpath JSON export: {e}",
            args.file.display()
        ))
    })?;
    let mut store = ctx.store_unseeded()?;
    let count = store.restore(&doc, ctx.now)?;
    Ok(render::line(format!(
        "restored {count} items into {}",
        ctx.db_path.display()
    ))?)
}
