//! Study-session bookkeeping that start, done, review, skip, note and stop share: `--spent`,
//! the events a session plan records, the store update it makes and the report of what happened.

use crate::error::usage;
use crate::model::EventKind;
use crate::session::{self, OpenSession, Plan};
use crate::store::{NewEvent, SessionUpdate, Store};
use crate::views::{RecordedSession, SessionReport};
use anyhow::Result;
use chrono::Duration;

/// `--spent TEXT` read, refused where it means nothing, and for one item only (the time of a
/// session is not shared out between items).
pub fn spent_flag(text: Option<&str>, kind: EventKind, items: usize) -> Result<Option<u32>> {
    let Some(text) = text else { return Ok(None) };
    if matches!(
        kind,
        EventKind::Reset | EventKind::Skip | EventKind::Suspend | EventKind::Resume
    ) {
        return Err(usage(format!(
            "--spent is for start, done, review and note, not {kind}"
        )));
    }
    if items > 1 {
        return Err(usage(
            "--spent gives the time of one item; run the command once per item",
        ));
    }
    Ok(Some(
        session::parse_duration(text).map_err(|e| usage(format!("--spent: {e}")))?,
    ))
}

/// `session.max` in seconds: the stored value when it reads, else the default.
pub fn session_max(store: &Store) -> Result<u32> {
    session::parse_duration(&store.setting_value("session.max")?).map_err(usage)
}

/// The session events a plan records.
pub fn events(plan: &Plan) -> Vec<NewEvent> {
    plan.closes
        .iter()
        .map(|c| NewEvent {
            item_id: c.item_id,
            kind: EventKind::Session,
            at: c.end,
            note: None,
            rating: None,
            spent_s: Some(c.spent_s),
            supersedes: None,
        })
        .collect()
}

/// The store update for a plan, when it changes the open session.
pub fn update(open: Option<OpenSession>, plan: &Plan) -> Option<SessionUpdate> {
    (plan.next != open).then_some(SessionUpdate {
        expected: open,
        next: plan.next,
    })
}

/// What the plan recorded, opened and gave up, with the items' slugs.
pub fn report(store: &Store, open: Option<OpenSession>, plan: &Plan) -> Result<SessionReport> {
    let slug = |id: i64| -> Result<String> {
        Ok(store
            .item_by_id(id)?
            .map_or_else(|| format!("item {id}"), |i| i.slug))
    };
    let mut report = SessionReport::default();
    for c in &plan.closes {
        report.recorded.push(RecordedSession {
            slug: slug(c.item_id)?,
            started_at: c.end - Duration::seconds(i64::from(c.spent_s)),
            ended_at: c.end,
            spent_s: c.spent_s,
            cut: c.cut,
        });
    }
    if let Some(early) = plan.ended_before_start {
        report.ended_before_start = Some((slug(early.item_id)?, early.since));
    }
    if let Some(dropped) = plan.dropped {
        report.replaced = Some((slug(dropped.item_id)?, dropped.since));
    }
    if let Some(next) = plan.next.filter(|n| Some(*n) != open) {
        report.opened = Some((slug(next.item_id)?, next.since));
    }
    Ok(report)
}
