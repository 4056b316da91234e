use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::error::failure;
use crate::export::{self, MarkdownItem, Row};
use crate::files;
use crate::model::{Status, section_label};
use crate::render;
use crate::store::ItemFilter;
use anyhow::Result;

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let text = match args.format {
        ExportFormat::Json => render::json(&store.export_document()?)?,
        ExportFormat::Csv => {
            let rows: Vec<Row> = store
                .items(&ItemFilter::default())?
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
                .items(&ItemFilter::default())?
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
    match &args.output {
        None => Ok(render::emit(&text)?),
        Some(path) => match files::write_output(path, |w| w.write_all(text.as_bytes()))? {
            Some(written) => Ok(render::line(format!("wrote {}", written.display()))?),
            None => Ok(()),
        },
    }
}
