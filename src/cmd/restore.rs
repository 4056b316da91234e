use crate::cli::RestoreArgs;
use crate::context::Context;
use crate::error::failure;
use crate::export::Document;
use crate::files;
use crate::render;
use crate::views::RestoreView;
use anyhow::Result;

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

pub fn run(args: RestoreArgs, ctx: &Context) -> Result<()> {
    let file = args.file.display();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| failure(format!("cannot read {file}: {}", files::io_reason(&e))))?;
    if bytes.starts_with(SQLITE_HEADER) {
        return Err(failure(format!(
            "{file} is an SQLite database (a backup?), not a JSON export; use it with --db {file}, or copy it into place"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        failure(format!(
            "{file} is not an mlpath JSON export (not UTF-8 text)"
        ))
    })?;
    let mut doc: Document = serde_json::from_str(&text)
        .map_err(|e| failure(format!("{file} is not an mlpath JSON export: {e}")))?;
    if let Some(item) = doc
        .items
        .iter()
        .find(|i| !crate::slug::is_well_formed(&i.slug))
    {
        return Err(failure(format!(
            "{file} gives item {} ('{}') the slug '{}', which is not a slug (lower-case letters, digits, single hyphens); fix it in the export",
            item.id,
            render::safe(&item.title, false),
            item.slug.escape_default()
        )));
    }
    let bad_uid = doc.items.iter().find_map(|i| {
        i.events
            .iter()
            .find(|e| {
                e.uid
                    .as_deref()
                    .is_some_and(|u| !crate::journal::is_uuid(u))
            })
            .map(|e| (i, e))
    });
    if let Some((item, event)) = bad_uid {
        return Err(failure(format!(
            "{file} gives event {} of item {} a uid that is not a UUID; fix it in the export or remove the uid",
            event.id, item.slug
        )));
    }
    let mut store = ctx.store_unseeded()?;
    doc.rate_unrated();
    let unheld = doc.drop_unheld_lists();
    let count = store.restore(&doc, ctx.now)?;
    for line in render::restore::unheld_lines(&file.to_string(), &unheld) {
        render::warn(format!("warning: {line}"));
    }
    if ctx.json {
        let view = RestoreView {
            database: ctx.db_path.display().to_string(),
            items: count,
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::line(format!(
        "restored {count} items into {}",
        ctx.db_path.display()
    ))?)
}
