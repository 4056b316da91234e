use crate::cli::{EditArgs, RmArgs};
use crate::context::Context;
use crate::error::usage;
use crate::render;
use crate::store::{ItemEdit, ItemRow, NewCommand, Store};
use anyhow::Result;

/// Changes an item added by hand; an item from a list is changed in its file.
pub fn edit(args: EditArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let item = super::resolve_item(&store, &args.item, args.all)?;
    refuse_list_item(&store, &item)?;
    let change = ItemEdit {
        title: args
            .title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
        url: match args.url.as_deref() {
            Some(text) => Some(crate::text::normalize_url(text).ok_or_else(|| {
                usage(format!(
                    "'{text}' is not a URL; give one such as https://arxiv.org/abs/2303.06865"
                ))
            })?),
            None => None,
        },
        section: match args.section.as_deref() {
            Some(text) => Some(super::hand_added::section_path(&store, text)?),
            None => None,
        },
        kind: args.kind,
        venue: args.venue,
    };
    if change == ItemEdit::default() {
        return Err(usage(
            "nothing to change; pass --title, --url, --section, --kind or --venue",
        ));
    }
    if let Some(u) = &change.url {
        super::hand_added::refuse_taken_url(&store, u, Some(&item.slug))?;
    }
    store.edit_item(item.id, &change, ctx.now)?;
    if ctx.json {
        let row = store.item_by_id(item.id)?.unwrap_or(item);
        return Ok(render::emit(&render::json(&super::item_view(
            &store, row, ctx.now,
        )?)?)?);
    }
    Ok(render::line(format!("{}: changed", item.slug))?)
}

/// Removes items added by hand (hidden, their events kept).
pub fn rm(args: RmArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let mut items: Vec<ItemRow> = Vec::new();
    for query in &args.items {
        let item = super::resolve_item(&store, query, false)?;
        refuse_list_item(&store, &item)?;
        if !items.iter().any(|i| i.id == item.id) {
            items.push(item);
        }
    }
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    store.remove_by_hand(&NewCommand::typed("rm", ctx.now), &ids)?;
    if ctx.json {
        let mut views = Vec::new();
        for item in items {
            let row = store.item_by_id(item.id)?.unwrap_or(item);
            views.push(super::item_view(&store, row, ctx.now)?);
        }
        return Ok(render::emit(&render::json(&views)?)?);
    }
    let slugs: Vec<&str> = items.iter().map(|i| i.slug.as_str()).collect();
    Ok(render::line(format!(
        "removed {} (history kept; `mlpath list --all` shows {}, `mlpath undo` brings {} back)",
        slugs.join(", "),
        if slugs.len() == 1 { "it" } else { "them" },
        if slugs.len() == 1 { "it" } else { "them" }
    ))?)
}

/// An item a list holds is changed by editing the list: exit 2, naming the file and line.
fn refuse_list_item(store: &Store, item: &ItemRow) -> Result<()> {
    let places = store.places_of(item.id)?;
    let Some(place) = places.first() else {
        return Ok(());
    };
    if place.path.starts_with("embedded:") {
        return Err(usage(format!(
            "{} comes from the built-in list, which mlpath keeps: only items added with `mlpath add` are edited or removed here (import your own list file to change its items there)",
            item.slug
        )));
    }
    let file = crate::listfile::file_name(&place.path);
    let line = place.line.map(|l| format!(" line {l}")).unwrap_or_default();
    Err(usage(format!(
        "{} comes from {file}{line}: edit it there",
        item.slug
    )))
}
