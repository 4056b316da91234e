//! `mlpath open ITEM [LINK]`: opens (or prints) an item's URL or one of its links.

use crate::cli::OpenArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::render::{self, safe};
use crate::target;
use crate::views::OpenView;
use anyhow::Result;

/// Opens (or prints) an item's primary URL or one of its links. Status does not change.
pub fn run(args: OpenArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let item = super::resolve_item(&store, &args.item, args.all)?;
    let url = match &args.link {
        None => item.url.clone().ok_or_else(|| {
            usage(format!(
                "{} has no URL; `mlpath show {}` lists its links",
                item.slug, item.slug
            ))
        })?,
        Some(label) => {
            let links = store.links_of(item.id)?;
            let wanted = label.to_lowercase();
            let link = links
                .iter()
                .find(|l| l.label.to_lowercase() == wanted)
                .ok_or_else(|| {
                    let labels: Vec<&str> = links.iter().map(|l| l.label.as_str()).collect();
                    usage(format!(
                        "{} has no '{label}' link; its links are: {}",
                        item.slug,
                        labels.join(", ")
                    ))
                })?;
            link.url
                .clone()
                .ok_or_else(|| usage(format!("the '{label}' link of {} is empty", item.slug)))?
        }
    };
    let target = target::resolve_in(&url, &store.open_folders(item.id)?).map_err(usage)?;
    let view = |opened| OpenView {
        slug: item.slug.clone(),
        url: target.as_arg(),
        opened,
    };
    if args.print {
        return print(&view(false), ctx);
    }
    if let Err(why) = target::launch(&target) {
        // Without a browser the link is still what the user came for: print it to copy.
        print(&view(false), ctx)?;
        return Err(failure(why));
    }
    if ctx.json {
        return print(&view(true), ctx);
    }
    Ok(render::line(format!(
        "opened {}",
        safe(&target.as_arg(), false)
    ))?)
}

/// The link on a line of its own, or as JSON.
fn print(view: &OpenView, ctx: &Context) -> Result<()> {
    if ctx.json {
        return Ok(render::emit(&render::json(view)?)?);
    }
    Ok(render::line(safe(&view.url, false))?)
}
