use crate::cli::{ListsArgs, ListsCommand};
use crate::context::Context;
use crate::error::usage;
use crate::progress::Counts;
use crate::render::{self, lists::ListView};
use crate::views::{ListRemovedView, RemovedItem};
use anyhow::Result;

pub fn run(args: ListsArgs, ctx: &Context) -> Result<()> {
    if let Some(ListsCommand::Rm { name }) = args.command {
        return remove(&name, ctx);
    }
    let store = ctx.store()?;
    let views: Vec<ListView> = store
        .list_counts()?
        .into_iter()
        .map(|c| {
            let counts = Counts {
                total: c.items as u64,
                done: c.done as u64,
                skipped: c.skipped as u64,
                ..Counts::default()
            };
            ListView {
                percent: counts.percent(),
                name: c.list.name,
                path: c.list.path,
                items: c.items,
                done: c.done,
                imported_at: c.list.imported_at,
            }
        })
        .collect();
    if ctx.json {
        return Ok(render::emit(&render::json(&views)?)?);
    }
    if views.is_empty() {
        return Ok(render::line(
            "no list is recorded; `mlpath import FILE` adds one",
        )?);
    }
    Ok(render::emit(&render::lists::lists_table(&views, &ctx.out))?)
}

fn remove(query: &str, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    // Named as `--list NAME` is: exactly, else in any case, else close names are suggested.
    let list = super::resolve_list_record(&store, Some(query))?
        .ok_or_else(|| usage(format!("no list is named '{query}'")))?;
    let name = list.name.as_str();
    let Some(removed) = store.remove_list(name)? else {
        return Err(usage(format!("no list is named '{name}'")));
    };
    for heir in &removed.heirs {
        crate::refresh::reread_heir(&mut store, heir, name, ctx.now);
    }
    let hidden = removed.hidden;
    if ctx.json {
        let view = ListRemovedView {
            list: name.to_string(),
            removed: hidden
                .into_iter()
                .map(|(slug, status)| RemovedItem { slug, status })
                .collect(),
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    for (slug, status) in &hidden {
        eprintln!(
            "mlpath: {} ({status}) is no longer in any list; its history is kept (`mlpath list --all` shows it)",
            render::safe(slug, false)
        );
    }
    Ok(render::line(format!(
        "stopped following '{}'",
        render::safe(name, false)
    ))?)
}
