use crate::cli::ListArgs;
use crate::context::Context;
use crate::model::section_matches;
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
    items.retain(|i| section_matches(&i.section, args.section.as_deref()));
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

/// Columns in the order they are given up when the terminal is narrow: the title is cut to fit
/// first, then section, changed and kind go, in that order.
const COLUMNS: [&str; 6] = ["slug", "title", "section", "kind", "status", "changed"];
const DROP_ORDER: [usize; 3] = [2, 5, 3];
const MIN_TITLE: usize = 16;

/// One line per item, fitted to the terminal width.
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
    let mut widths: [usize; 6] = std::array::from_fn(|col| {
        rows.iter()
            .map(|r| text_width(&r[col]))
            .chain([COLUMNS[col].len()])
            .max()
            .unwrap_or(0)
    });
    widths[2] = widths[2].min(usize::from(ctx.width) / 6).max(7);
    let mut shown: Vec<usize> = (0..6).collect();
    let title_room = |shown: &[usize]| {
        let others: Vec<usize> = shown
            .iter()
            .filter(|&&c| c != 1)
            .map(|&c| widths[c])
            .collect();
        render::flexible_width(ctx.width, &others)
    };
    for column in DROP_ORDER {
        if title_room(&shown) >= MIN_TITLE {
            break;
        }
        shown.retain(|&c| c != column);
    }
    let title_width = title_room(&shown).max(MIN_TITLE);
    let header: Vec<&str> = shown.iter().map(|&c| COLUMNS[c]).collect();
    let mut table = render::table(ctx, &header);
    for row in rows {
        let cells = shown
            .iter()
            .map(|&c| match c {
                1 => render::truncate(&row[1], title_width),
                2 => render::keep_end(&row[2], widths[2]),
                _ => row[c].clone(),
            })
            .collect();
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
