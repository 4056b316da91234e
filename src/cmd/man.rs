//! `mlpath man`: one manual page, generated from the clap definitions, with every command.

use crate::context::Context;
use crate::render;
use anyhow::Result;

pub fn run(ctx: &Context) -> Result<()> {
    super::refuse_json(ctx, "man: it prints a manual page (roff)")?;
    Ok(render::emit(&render::man::manual_page()?)?)
}
