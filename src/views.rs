//! Serializable views of items: the public JSON shape of `list --json` and `show --json`.

use crate::model::{Kind, Link, Status};
use crate::store::ItemRow;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One item as `mlpath list --json` prints it. Keep field names stable: scripts read them.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub kind: Kind,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub status: Status,
    pub position: i64,
    pub removed: bool,
    pub manual: bool,
    pub started_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_count: u32,
    pub note_count: u32,
    pub last_event_at: Option<DateTime<Utc>>,
}

impl ItemView {
    pub fn new(row: ItemRow, links: Vec<Link>) -> ItemView {
        ItemView {
            id: row.id,
            slug: row.slug,
            title: row.title,
            section: row.section,
            kind: row.kind,
            url: row.url,
            links,
            venue: row.venue,
            year: row.year,
            status: row.state.status,
            position: row.position,
            removed: row.removed,
            manual: row.manual,
            started_at: row.state.started_at,
            done_at: row.state.done_at,
            reviewed_at: row.state.reviewed_at,
            review_count: row.state.review_count,
            note_count: row.state.note_count,
            last_event_at: row.state.last_event_at,
        }
    }
}
