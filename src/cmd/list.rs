use crate::cli::ListArgs;
use crate::context::Context;
use crate::model::section_label;
use crate::render::{self, safe, text_width};
use crate::store::{ItemFilter, ItemRow};
use crate::views::ItemView;
use anyhow::Result;

pub fn run(args: ListArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let filter = ItemFilter {
        include_removed: args.all,
        statuses: args.status.clone(),
        kind: args.kind,
    };
    let mut items = store.items(&filter)?;
    if let Some(text) = &args.section {
        let needle = text.to_lowercase();
        items.retain(|i| section_label(&i.section).to_lowercase().contains(&needle));
    }
    if let Some(words) = &args.search {
        let notes = store.notes_by_item()?;
        items.retain(|i| matches_search(i, notes.get(&i.id).map(String::as_str), words));
    }
    if ctx.json {
        let mut links = store.all_links()?;
        let views: Vec<ItemView> = items
            .into_iter()
            .map(|i| {
                let l = links.remove(&i.id).unwrap_or_default();
                ItemView::new(i, l)
            })
            .collect();
        return Ok(render::emit(&render::json(&views))?);
    }
    if items.is_empty() {
        return Ok(render::line("no items match")?);
    }
    Ok(render::emit(&table(&items, ctx))?)
}

/// One line per item: the title is cut to fit; the section column goes when space is short.
fn table(items: &[ItemRow], ctx: &Context) -> String {
    let rows: Vec<[String; 6]> = items
        .iter()
        .map(|item| {
            let mut status = item.state.status.to_string();
            if item.removed {
                status.push_str(" (removed)");
            }
            [
                item.slug.clone(),
                safe(&item.title, false),
                render::section(&item.section),
                item.kind.to_string(),
                status,
                item.state
                    .last_event_at
                    .map(|t| render::relative(t, ctx.now))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let widest = |col: usize, header: &str| {
        rows.iter()
            .map(|r| text_width(&r[col]))
            .chain([header.len()])
            .max()
            .unwrap_or(0)
    };
    let fixed = [
        widest(0, "slug"),
        widest(3, "kind"),
        widest(4, "status"),
        widest(5, "changed"),
    ];
    let section_width = widest(2, "section").min(usize::from(ctx.width) / 6).max(7);
    let with_section: Vec<usize> = fixed.iter().copied().chain([section_width]).collect();
    let show_section = render::flexible_width(ctx.width, &with_section) >= 20;
    let title_width = if show_section {
        render::flexible_width(ctx.width, &with_section)
    } else {
        render::flexible_width(ctx.width, &fixed)
    }
    .max(12);
    let header: &[&str] = if show_section {
        &["slug", "title", "section", "kind", "status", "changed"]
    } else {
        &["slug", "title", "kind", "status", "changed"]
    };
    let mut table = render::table(ctx, header);
    for [slug, title, section, kind, status, changed] in rows {
        let mut cells = vec![slug, render::truncate(&title, title_width)];
        if show_section {
            cells.push(render::keep_end(&section, section_width));
        }
        cells.extend([kind, status, changed]);
        table.add_row(cells);
    }
    render::table_text(&table)
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
