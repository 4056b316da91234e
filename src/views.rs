//! Serializable views of items: the public JSON shape of `list --json` and `show --json`.

use crate::model::{Kind, Link};
use crate::state::ItemState;
use crate::store::ItemRow;
use serde::Serialize;

/// One item as `mlpath list --json` prints it. Keep field names stable: scripts read them.
/// The state's fields (`status`, `started_at`, `done_at`, `reviewed_at`, `review_count`,
/// `note_count`, `last_event_at`) sit at the top level beside the item's.
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
    pub position: i64,
    pub removed: bool,
    pub manual: bool,
    #[serde(flatten)]
    pub state: ItemState,
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
            position: row.position,
            removed: row.removed,
            manual: row.manual,
            state: row.state,
        }
    }
}
