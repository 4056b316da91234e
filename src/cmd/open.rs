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
    let list_dir = store
        .meta("list_source")?
        .filter(|s| !s.starts_with("embedded:"))
        .and_then(|s| PathBuf::from(s).parent().map(PathBuf::from));
    let target = target::resolve(&url, list_dir.as_deref()).map_err(usage)?;
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

/// $BROWSER (a command, with its own arguments) gets the link as its last argument; without it
/// the system's default handler opens it. No shell is involved. The error says what to do.
fn launch(target: &Target) -> Result<(), String> {
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
