use crate::cli::OpenArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::render::{self, safe};
use crate::target::{self, Target};
use crate::views::OpenView;
use anyhow::Result;
use std::path::PathBuf;

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
    let target = resolve_in(&url, &store.open_folders(item.id)?).map_err(usage)?;
    let view = |opened| OpenView {
        slug: item.slug.clone(),
        url: target.as_arg(),
        opened,
    };
    if args.print {
        return print(&view(false), ctx);
    }
    if let Err(why) = launch(&target) {
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

/// Resolves `url` in the first folder that holds it; failing all, the first folder's reason.
fn resolve_in(url: &str, folders: &[PathBuf]) -> Result<Target, String> {
    let mut first = None;
    for dir in folders {
        match target::resolve(url, Some(dir)) {
            Ok(target) => return Ok(target),
            Err(why) => {
                first.get_or_insert(why);
            }
        }
    }
    first.map_or_else(|| target::resolve(url, None), Err)
}

/// $BROWSER (a command, with its own arguments) gets the link as its last argument; without it
/// the system's default handler opens it. No shell is involved. The error says what to do.
pub(super) fn launch(target: &Target) -> Result<(), String> {
    let arg = target.as_arg();
    match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => {
            let mut words = browser.split_whitespace();
            let program = words.next().unwrap_or_default();
            let status = std::process::Command::new(program)
                .args(words)
                .arg(&arg)
                .status()
                .map_err(|e| {
                    format!("cannot run $BROWSER '{browser}' ({e}); the link is printed above")
                })?;
            if !status.success() {
                return Err(format!(
                    "$BROWSER '{browser}' did not open the link; it is printed above"
                ));
            }
            Ok(())
        }
        // `open` tries every launcher the system has; failing, none could open a browser.
        None => open::that(&arg).map_err(|_| {
            "no browser found; the link is printed above (set $BROWSER to open it)".to_string()
        }),
    }
}
