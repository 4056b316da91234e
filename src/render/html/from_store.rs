//! The report page written from the store: its items streamed in list order.

use super::{ItemLine, Page, PageWriter};
use crate::model::Status;
use crate::store::{ItemFilter, ListRecord, Store};
use anyhow::Result;
use std::io::Write;

/// The page, its items streamed from the store in list order.
pub fn write_report(
    store: &Store,
    page: &Page,
    list: Option<i64>,
    with_notes: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let settings = store.review_settings()?;
    let mut page_writer = PageWriter::begin(out, page)?;
    let filter = ItemFilter {
        list,
        ..ItemFilter::default()
    };
    let mut notes_by_item = match with_notes {
        true => store.all_notes()?,
        false => Default::default(),
    };
    store.each_item(&filter, false, |item, _links, _lists| {
        let notes = notes_by_item.remove(&item.id).unwrap_or_default();
        let s = &item.state;
        let line = ItemLine {
            slug: &item.slug,
            title: &item.title,
            url: item.url.as_deref(),
            section: &item.section,
            status: s.status,
            started_at: s.started_at,
            finished_at: s.done_at.or(s.reviewed_at),
            review_count: s.review_count,
            time_spent_s: s.time_spent_s,
            next_review: item
                .schedule
                .due_at()
                .filter(|_| settings.schedules(item.kind) && s.status != Status::Skipped),
            notes: &notes,
        };
        Ok::<_, anyhow::Error>(page_writer.item(&line)?)
    })?;
    Ok(page_writer.finish()?)
}

/// What the page is about: the one list's name, or every list's.
pub fn subject(lists: &[ListRecord]) -> String {
    let names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
    match names.len() {
        0 => "items added by hand".to_string(),
        1..=3 => names.join(", "),
        n => format!("{n} lists"),
    }
}
