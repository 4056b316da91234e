use crate::cli::ShowArgs;
use crate::context::Context;
use crate::model::{EventKind, section_label};
use crate::render::{self, safe};
use crate::views::ItemView;
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Serialize)]
struct EventView {
    kind: EventKind,
    at: DateTime<Utc>,
    note: Option<String>,
}

#[derive(Serialize)]
struct ShowView {
    #[serde(flatten)]
    item: ItemView,
    events: Vec<EventView>,
}

pub fn run(args: ShowArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let row = super::resolve_item(&store, &args.item, args.all)?;
    let links = store.links_of(row.id)?;
    let events: Vec<EventView> = store
        .events_of(row.id)?
        .into_iter()
        .map(|e| EventView {
            kind: e.kind,
            at: e.at,
            note: e.note,
        })
        .collect();
    let view = ShowView {
        item: ItemView::new(row, links),
        events,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&view))?);
    }
    Ok(render::emit(&details(&view, ctx))?)
}

fn details(view: &ShowView, ctx: &Context) -> String {
    let item = &view.item;
    let mut out = format!("{}\n", safe(&item.title, false));
    let mut field =
        |name: &str, value: String| out.push_str(&format!("  {name:<9}{}\n", safe(&value, false)));
    field("slug", format!("{} (id {})", item.slug, item.id));
    field("section", section_label(&item.section));
    field("kind", item.kind.to_string());
    if let Some(venue) = &item.venue {
        field("venue", venue.clone());
    }
    if let Some(year) = item.year {
        field("year", year.to_string());
    }
    let mut status = item.state.status.to_string();
    if item.state.review_count > 1 {
        status.push_str(&format!(" ({} reviews)", item.state.review_count));
    }
    if item.removed {
        status.push_str(" (no longer in the list)");
    }
    field("status", status);
    if let Some(url) = &item.url {
        field("url", url.clone());
    }
    for link in &item.links {
        field(
            "link",
            format!(
                "{}: {}",
                link.label,
                link.url.as_deref().unwrap_or("(empty)")
            ),
        );
    }
    if view.events.is_empty() {
        out.push_str("\nno events yet\n");
        return out;
    }
    let mut table = render::table(ctx, &["when", "event", "note"]);
    for event in &view.events {
        table.add_row(vec![
            render::local_time(event.at),
            event.kind.to_string(),
            safe(event.note.as_deref().unwrap_or(""), true),
        ]);
    }
    out.push('\n');
    out.push_str(&render::table_text(&table));
    out
}
