//! `mlpath open ITEM [LINK]`: opens (or prints) an item's URL or one of its links.

use crate::cli::OpenArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::render::{self, safe};
use crate::store::{ItemRow, Store};
use crate::target::{self, Target};
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
        Some(label) if is_review(label) && in_no_list_file(&store, item.id)? => {
            return open_review_file(&store, &item, &args, ctx);
        }
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
    show(target, &item.slug, &args, ctx)
}

/// Opens or prints a resolved target; without a browser, prints it and fails.
fn show(target: Target, slug: &str, args: &OpenArgs, ctx: &Context) -> Result<()> {
    let view = |opened| OpenView {
        slug: slug.to_string(),
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

fn is_review(label: &str) -> bool {
    label.eq_ignore_ascii_case("review")
}

/// Items of the built-in list and items added by hand have their review files in the data
/// folder (see `review --print-path`), a folder of the user's own: opening one there is safe.
fn in_no_list_file(store: &Store, item_id: i64) -> Result<bool> {
    let places = store.places_of(item_id)?;
    Ok(places.iter().all(|p| p.path.starts_with("embedded:")))
}

/// The review file `review ITEM --edit` writes, once it exists.
fn open_review_file(store: &Store, item: &ItemRow, args: &OpenArgs, ctx: &Context) -> Result<()> {
    let path = super::review::file_of(store, item, ctx)?;
    if !path.is_file() {
        return Err(usage(format!(
            "{} has no review file yet ({}); `mlpath review {} --edit` writes one",
            item.slug,
            path.display(),
            item.slug
        )));
    }
    show(Target::File(path), &item.slug, args, ctx)
}
