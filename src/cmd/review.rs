//! `review`: record rated reviews, suspend or resume them, or write an item's review file.

use crate::cli::ReviewArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::model::EventKind;
use crate::render::{self, safe};
use crate::review_file::{self, TemplateItem};
use crate::store::{ItemRow, Store};
use anyhow::Result;
use std::path::{Path, PathBuf};

pub fn run(args: ReviewArgs, ctx: &Context) -> Result<()> {
    if args.suspend {
        return super::mark::run(EventKind::Suspend, args.mark, None, ctx);
    }
    if args.resume {
        return super::mark::run(EventKind::Resume, args.mark, None, ctx);
    }
    if !args.edit && !args.print_path {
        return super::mark::run(EventKind::Review, args.mark, Some(args.rating), ctx);
    }
    let flag = if args.edit { "--edit" } else { "--print-path" };
    let [query] = args.mark.items.as_slice() else {
        return Err(usage(format!("{flag} takes one item")));
    };
    let store = ctx.store()?;
    let item = super::resolve_item(&store, query, args.mark.all)?;
    let path = file_of(&store, &item, ctx)?;
    if args.print_path {
        return Ok(render::line(safe(&path.display().to_string(), false))?);
    }
    let editor = crate::editor::configured().ok_or_else(|| {
        usage("--edit needs $VISUAL or $EDITOR; `mlpath review ITEM --print-path` names the file")
    })?;
    let created = !path.exists();
    let new_folder = path.parent().filter(|folder| !folder.exists());
    if created {
        create(&path, &template(&store, &item)?)?;
    }
    let before = read(&path)?;
    let edited = crate::editor::edit(&editor, &path, "no review recorded");
    let after = read(&path)?;
    if created && after == before {
        // Only the template: leave no file behind, as if --edit had not run.
        let _ = std::fs::remove_file(&path);
        // And no empty reviews/ folder: remove_dir leaves one that holds anything.
        if let Some(folder) = new_folder {
            let _ = std::fs::remove_dir(folder);
        }
    }
    edited?;
    if after == before {
        return Ok(render::line(format!(
            "{}: the review file did not change; no review recorded",
            item.slug
        ))?);
    }
    drop(store);
    super::mark::run(EventKind::Review, args.mark, Some(args.rating), ctx)
}

/// The item's review file (see `review_file::path`): beside the first list file that holds the
/// item, else in the data folder (the built-in list, items added by hand).
pub(super) fn file_of(store: &Store, item: &ItemRow, ctx: &Context) -> Result<PathBuf> {
    let list_dir = store
        .places_of(item.id)?
        .into_iter()
        .find(|p| !p.path.starts_with("embedded:"))
        .and_then(|p| Path::new(&p.path).parent().map(Path::to_path_buf))
        .or_else(|| ctx.db_path.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let links = store.links_of(item.id)?;
    review_file::path(&links, &list_dir, &item.slug).map_err(usage)
}

fn template(store: &Store, item: &ItemRow) -> Result<String> {
    let links = store.links_of(item.id)?;
    Ok(review_file::template(
        &TemplateItem {
            title: &item.title,
            links: &links,
            url: item.url.as_deref(),
            venue: item.venue.as_deref(),
            year: item.year,
            state: &item.state,
        },
        render::local_date,
    ))
}

fn create(path: &Path, text: &str) -> Result<()> {
    let fail = |e: std::io::Error| {
        failure(format!(
            "cannot create {}: {}",
            path.display(),
            crate::files::io_reason(&e)
        ))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    std::fs::write(path, text).map_err(fail)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        failure(format!(
            "cannot read {}: {}; no review recorded",
            path.display(),
            crate::files::io_reason(&e)
        ))
    })
}
