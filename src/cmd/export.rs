use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::error::failure;
use crate::export::{self, MarkdownItem, Row};
use crate::files;
use crate::model::{Status, section_label};
use crate::render;
use crate::store::{ItemFilter, Store};
use anyhow::Result;
use std::io::Write;
use std::path::Path;

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let list = super::resolve_list(&store, args.list.as_deref())?;
    let only = list.zip(args.list.as_deref());
    let output = args.output.as_deref().unwrap_or(Path::new("-"));
    // The rows are read while the temporary file exists: Ctrl-C meanwhile removes it.
    let written = files::write_output(output, |out| write_export(args.format, &store, only, out))?;
    match written {
        Some(path) => Ok(render::line(format!("wrote {}", path.display()))?),
        None => Ok(()),
    }
}

/// Writes every item (or those of one list: its id and name) in `format` to `out`.
fn write_export(
    format: ExportFormat,
    store: &Store,
    only: Option<(i64, &str)>,
    out: &mut dyn Write,
) -> Result<()> {
    let filter = ItemFilter {
        list: only.map(|(id, _)| id),
        ..ItemFilter::default()
    };
    let text = match format {
        ExportFormat::Json => {
            let mut doc = store.export_document()?;
            if let Some((_, name)) = only {
                doc.lists.retain(|l| l.name == name);
                doc.items
                    .retain(|i| i.memberships.iter().any(|m| m.list == name));
            }
            render::json(&doc)?
        }
        ExportFormat::Csv => {
            let rows: Vec<Row> = store
                .items(&filter)?
                .into_iter()
                .map(|i| Row {
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
                })
                .collect();
            export::to_csv(&rows).map_err(|e| failure(format!("cannot write CSV: {e}")))?
        }
        ExportFormat::Markdown => {
            let mut links = store.all_links()?;
            let items: Vec<MarkdownItem> = store
                .items(&filter)?
                .into_iter()
                .map(|i| {
                    let date = match i.state.status {
                        Status::Reviewed => i.state.reviewed_at,
                        Status::Done => i.state.done_at,
                        Status::Started => i.state.started_at,
                        _ => None,
                    };
                    MarkdownItem {
                        links: links.remove(&i.id).unwrap_or_default(),
                        title: i.title,
                        section: i.section,
                        url: i.url,
                        venue: i.venue,
                        status: i.state.status,
                        status_date: date.map(render::local_date),
                    }
                })
                .collect();
            export::to_markdown("Study list (exported by mlpath)", &items)
        }
    };
    Ok(out.write_all(text.as_bytes())?)
}
