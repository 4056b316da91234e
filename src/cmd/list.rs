use crate::cli::ListArgs;
use crate::context::Context;
use crate::model::section_matches;
use crate::render;
use crate::store::{ItemFilter, ItemRow};
use crate::views::ItemView;
use anyhow::Result;

pub fn run(args: ListArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let filter = ItemFilter {
        include_removed: args.all,
        statuses: args.status.clone(),
        kind: args.kind,
        list: super::resolve_list(&store, args.list.as_deref())?,
    };
    let mut items = store.items(&filter)?;
    items.retain(|i| section_matches(&i.section, args.section.as_deref()));
    if let Some(words) = &args.search {
        let notes = store.notes_by_item()?;
        items.retain(|i| matches_search(i, notes.get(&i.id).map(String::as_str), words));
    }
    let review = (&store.review_settings()?, ctx.now);
    if ctx.json {
        let mut links = store.all_links()?;
        let mut lists = store.list_names_by_item()?;
        let views: Vec<ItemView> = items
            .into_iter()
            .map(|i| {
                let l = links.remove(&i.id).unwrap_or_default();
                let names = lists.remove(&i.id).unwrap_or_default();
                ItemView::new(i, l, names, review)
            })
            .collect();
        return Ok(render::emit(&render::json(&views)?)?);
    }
    let views: Vec<ItemView> = items
        .into_iter()
        .map(|i| ItemView::new(i, Vec::new(), Vec::new(), review))
        .collect();
    Ok(render::emit(&render::list::table(
        &views, ctx.now, &ctx.out,
    ))?)
}

/// Every word of the query appears (as a substring, any case) in the title, venue or notes.
fn matches_search(item: &ItemRow, notes: Option<&str>, words: &str) -> bool {
    let haystack = format!(
        "{} {} {}",
        item.title,
        item.venue.as_deref().unwrap_or(""),
        notes.unwrap_or("")
    )
    .to_lowercase();
    words
        .split_whitespace()
        .all(|w| haystack.contains(&w.to_lowercase()))
}
