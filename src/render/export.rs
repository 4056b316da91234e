//! Export documents written from the store's rows as it reads them (JSON, CSV, markdown), so
//! memory stays flat however long the list is.

use super::json;
use crate::cli::ExportFormat;
use crate::error::failure;
use crate::export::{CsvWriter, Document, MarkdownWriter, Row};
use crate::model::section_label;
use crate::store::{ItemFilter, Store};
use crate::views;
use anyhow::Result;
use std::io::Write;

/// Writes every item (or those of one list: its id and name) in `format` to `out`, row by row
/// as the store reads them: memory stays flat however long the list is.
pub fn write_export(
    format: ExportFormat,
    store: &Store,
    only: Option<(i64, &str)>,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = ItemFilter {
        list: only.map(|(id, _)| id),
        ..ItemFilter::default()
    };
    // Standard output is line-buffered; rows go out in blocks.
    let mut out = std::io::BufWriter::new(out);
    match format {
        ExportFormat::Json => write_json(store, only, &mut out)?,
        ExportFormat::Csv => write_csv(store, &filter, &mut out)?,
        ExportFormat::Markdown => {
            let title = markdown_title(store, only.map(|(_, name)| name))?;
            write_markdown(store, &filter, &title, &mut out)?
        }
    }
    Ok(out.flush()?)
}

/// The list's own name when the export holds one list, else a plain title.
fn markdown_title(store: &Store, only: Option<&str>) -> Result<String> {
    if let Some(name) = only {
        return Ok(name.to_string());
    }
    Ok(match store.lists()?.as_slice() {
        [one] => one.name.clone(),
        _ => "Study list (exported by mlpath)".to_string(),
    })
}

/// The whole document, or with `only` the named list alone: its record, its items with their
/// place in it, and its path as `list_source`, so that the document restores on its own.
fn write_json(store: &Store, only: Option<(i64, &str)>, out: &mut dyn Write) -> Result<()> {
    let mut header = store.export_header()?;
    if let Some((id, name)) = only {
        header.lists.retain(|l| l.name == name);
        header.list_source = header.lists.first().map(|l| l.path.clone());
        if store.list_borrows_names(id)? {
            // Some of its items have an earlier list's title: without a hash, the first refresh
            // after a restore reads the file and gives them this list's own.
            header.lists.iter_mut().for_each(|l| l.hash = None);
        }
    }
    let only = only.map(|(_, name)| name);
    let items = json::Stream::new(|push| {
        store.each_export_item(|item| match only {
            None => push(&item),
            Some(name) => item.only_in(name).map_or(Ok(()), |item| push(&item)),
        })
    });
    let document = Document {
        format: header.format,
        version: header.version,
        list_source: header.list_source,
        lists: header.lists,
        items: &items,
    };
    json::write_streamed(out, &document, &items)
}

fn write_csv(store: &Store, filter: &ItemFilter, out: &mut dyn Write) -> Result<()> {
    let mut csv = CsvWriter::new(out);
    let cannot = |e: csv::Error| failure(format!("cannot write CSV: {e}"));
    store.each_item(filter, false, |i, _links, _lists| {
        let row = Row {
            slug: i.slug,
            title: i.title,
            section: section_label(&i.section),
            kind: i.kind,
            status: i.state.status,
            started_at: i.state.started_at,
            done_at: i.state.done_at,
            reviewed_at: i.state.reviewed_at,
            review_count: i.state.review_count,
            url: i.url,
        };
        csv.write(&row).map_err(cannot)
    })?;
    Ok(csv.finish()?)
}

fn write_markdown(
    store: &Store,
    filter: &ItemFilter,
    title: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let mut markdown = MarkdownWriter::new(out, title)?;
    let mut notes = store.all_notes()?;
    // Markdown cannot leave a section once its heading is out: items without one come first.
    for sectionless in [true, false] {
        store.each_item(filter, false, |i, links, _lists| {
            if i.section.is_empty() != sectionless {
                return Ok(());
            }
            let notes = notes.remove(&i.id).unwrap_or_default();
            Ok::<_, anyhow::Error>(markdown.write(&views::markdown_item(i, links, notes))?)
        })?;
    }
    Ok(())
}
