use crate::cli::LogArgs;
use crate::context::Context;
use crate::model::EventKind;
use crate::render::{self, safe};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The public JSON shape of one `mlpath log --json` entry.
#[derive(Serialize)]
struct LogEntry {
    at: DateTime<Utc>,
    slug: String,
    title: String,
    kind: EventKind,
    note: Option<String>,
}

pub fn run(args: LogArgs, ctx: &Context) -> Result<()> {
    let since = match &args.since {
        Some(text) => Some(ctx.time_flag("--since", text)?),
        None => None,
    };
    let store = ctx.store()?;
    let entries: Vec<LogEntry> = store
        .recent_events(since, args.n, args.all)?
        .into_iter()
        .map(|e| LogEntry {
            at: e.at,
            slug: e.slug,
            title: e.title,
            kind: e.kind,
            note: e.note,
        })
        .collect();
    if ctx.json {
        return Ok(render::emit(&render::json(&entries))?);
    }
    if entries.is_empty() {
        return Ok(render::line("no events yet")?);
    }
    let slug_width = entries.iter().map(|e| e.slug.len()).max().unwrap_or(4);
    let note_width = render::flexible_width(ctx.width, &[16, slug_width, 6]).max(10);
    let mut table = render::table(ctx, &["when", "item", "event", "note"]);
    for e in &entries {
        let note = safe(e.note.as_deref().unwrap_or(""), false);
        table.add_row(vec![
            render::local_time(e.at),
            e.slug.clone(),
            e.kind.to_string(),
            render::truncate(&note, note_width),
        ]);
    }
    Ok(render::emit(&render::table_text(&table))?)
}
