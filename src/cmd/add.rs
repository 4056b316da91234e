use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::markdown::venue_year;
use crate::model::{Kind, section_label};
use crate::render::{self, safe};
use crate::slug;
use crate::store::NewItem;
use crate::sync::normalize_title;
use crate::text::normalize_url;
use anyhow::Result;

/// `Papers / LLM` as a section path.
pub(super) fn section_path(text: &str) -> Vec<String> {
    text.split(" / ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

pub fn run(args: AddArgs, ctx: &Context) -> Result<()> {
    let title = crate::text::collapse(&args.title);
    if title.is_empty() {
        return Err(usage("the title is empty"));
    }
    let section: Vec<String> = args
        .section
        .as_deref()
        .map(section_path)
        .unwrap_or_default();
    let url = args.url.as_deref().and_then(normalize_url);
    let mut store = ctx.store()?;
    if let Some(u) = &url
        && let Some(existing) = store.item_with_url(u)?
    {
        return Err(usage(format!("{u} is already an item: {existing}")));
    }
    if !args.force {
        let wanted = normalize_title(&title);
        if let Some((existing, _)) = store
            .titles()?
            .into_iter()
            .find(|(_, t)| !wanted.is_empty() && normalize_title(t) == wanted)
        {
            return Err(usage(format!(
                "'{}' is already an item: {existing}; add --force to add it anyway",
                safe(&title, false)
            )));
        }
    }
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
