//! `mlpath add TITLE`: an item added by hand, placed at the end of its section.

use super::hand_added;
use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::markdown::venue_year;
use crate::model::{Kind, section_label};
use crate::render::{self, safe};
use crate::slug;
use crate::store::NewItem;
use crate::text::normalize_url;
use anyhow::Result;

pub fn run(args: AddArgs, ctx: &Context) -> Result<()> {
    let title = crate::text::collapse(&args.title);
    if title.is_empty() {
        return Err(usage("the title is empty"));
    }
    let url = args.url.as_deref().and_then(normalize_url);
    let mut store = ctx.store()?;
    let section = match args.section.as_deref() {
        Some(text) => hand_added::section_path(&store, text)?,
        None => Vec::new(),
    };
    hand_added::refuse_double(&store, url.as_deref(), &title, args.force)?;
    let kind = args.kind.unwrap_or_else(|| {
        section
            .iter()
            .rev()
            .find_map(|s| Kind::from_section_name(s))
            .unwrap_or_else(|| url.as_deref().map_or(Kind::Other, Kind::from_url))
    });
    let mut taken: slug::Taken = store.all_slugs()?.into_iter().collect();
    let item = NewItem {
        slug: slug::unique(&slug::base(&title), &mut taken),
        title,
        section,
        kind,
        url,
        year: args.venue.as_deref().and_then(venue_year),
        venue: args.venue.filter(|v| !v.trim().is_empty()),
    };
    let id = store.add_item(&item, ctx.now)?;
    if ctx.json {
        let row = store
            .item_by_id(id)?
            .ok_or_else(|| failure(format!("the new item {} cannot be read back", item.slug)))?;
        return Ok(render::emit(&render::json(&super::item_view(
            &store, row, ctx.now,
        )?)?)?);
    }
    let place = if item.section.is_empty() {
        "at the end of the list".to_string()
    } else {
        format!("at the end of {}", section_label(&item.section))
    };
    Ok(render::line(format!(
        "added {} · {} ({}, {})",
        item.slug,
        safe(&item.title, false),
        item.kind,
        safe(&place, false)
    ))?)
}
