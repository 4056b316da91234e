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
    let notes = match &args.search {
        Some(_) => Some(store.notes_by_item()?),
        None => None,
    };
    let keep = |i: &ItemRow| {
        section_matches(&i.section, args.section.as_deref())
            && args.search.as_ref().is_none_or(|words| {
                let note = notes.as_ref().and_then(|n| n.get(&i.id));
                matches_search(i, note.map(String::as_str), words)
            })
    };
    let review = (&store.review_settings()?, ctx.now);
    if ctx.json {
        // Streamed: a long list is written row by row, never held whole.
        return render::emit_with(|out| {
            render::json::write_array(out, |push| {
                store.each_item(&filter, true, |item, links, names| match keep(&item) {
                    true => push(&ItemView::new(item, links, names, review)),
                    false => Ok(()),
                })
            })
        });
    }
    let mut items = store.items(&filter)?;
    items.retain(keep);
    if items.is_empty() && !store.has_live_items()? {
        return Ok(render::line(render::NO_ITEMS)?);
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
