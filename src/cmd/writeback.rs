use crate::cli::WritebackArgs;
use crate::context::Context;
use crate::error::usage;
use crate::render::{self, safe};
use crate::writeback::{self, ListWriteback};
use anyhow::Result;

/// `writeback`: each item's status into its list files (or the one `--list` names) as boxes.
pub fn run(args: WritebackArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let lists = match &args.list {
        Some(name) => {
            let id = super::resolve_list(&store, Some(name))?;
            let list = store.lists()?.into_iter().filter(|l| Some(l.id) == id);
            let list: Vec<_> = list.collect();
            if list.iter().any(|l| !l.is_file()) {
                return Err(usage(format!(
                    "'{}' is the built-in list, which has no file to write to; import your own list first",
                    safe(name, false)
                )));
            }
            list
        }
        None => store.lists()?.into_iter().filter(|l| l.is_file()).collect(),
    };
    if lists.is_empty() {
        return Err(usage(
            "no list file is recorded; import one first: mlpath import README.md",
        ));
    }
    let mut done: Vec<ListWriteback> = Vec::new();
    for list in &lists {
        done.push(writeback::write_list(
            &mut store,
            list,
            None,
            args.add_boxes,
            args.dry_run,
        )?);
    }
    if ctx.json {
        return Ok(render::emit(&render::json(&done)?)?);
    }
    let lines: Vec<String> = done
        .iter()
        .map(|w| render::writeback::line(w, args.dry_run))
        .collect();
    Ok(render::line(lines.join("\n"))?)
}
