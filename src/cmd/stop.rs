//! `mlpath stop`, and the session bookkeeping `start`, `done`, `review`, `skip` and `note` share.

use crate::cli::StopArgs;
use crate::context::Context;
use crate::error::usage;
use crate::model::EventKind;
use crate::render;
use crate::session::{self, Plan, Verb};
use crate::store::{NewCommand, NewEvent, SessionUpdate, Store};
use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub fn run(args: StopArgs, ctx: &Context) -> Result<()> {
    let at = match &args.at {
        Some(text) => ctx.time_flag("--at", text)?,
        None => ctx.now,
    };
    let mut store = ctx.store()?;
    let Some(open) = store.open_session()? else {
        if ctx.json {
            return Ok(render::emit(&render::json(&StopView { session: None })?)?);
        }
        return Ok(render::line(
            "no study session is open; `mlpath start ITEM` opens one",
        )?);
    };
    let plan = session::plan(
        Some(open),
        Verb::Ends,
        &[open.item_id],
        at,
        None,
        super::session_max(&store)?,
    );
    let events = session_events(&plan);
    store.append_changes_and_session(
        &NewCommand::typed("stop", ctx.now),
        &events,
        update(Some(open), &plan).as_ref(),
    )?;
    if ctx.json {
        let slug = store.item_by_id(open.item_id)?.map(|i| i.slug);
        let session = plan.closes.first().map(|c| ClosedView {
            slug: slug.unwrap_or_default(),
            started_at: c.end - chrono::Duration::seconds(i64::from(c.spent_s)),
            ended_at: c.end,
            spent_s: c.spent_s,
            cut: c.cut,
        });
        return Ok(render::emit(&render::json(&StopView { session })?)?);
    }
    let mut lines = plan_lines(&store, Some(open), &plan)?;
    if lines.is_empty() {
        // A session under a minute is not recorded: say so rather than print nothing.
        let slug = store.item_by_id(open.item_id)?.map(|i| i.slug);
        lines.push(format!(
            "{}: the session lasted under a minute; nothing recorded",
            slug.unwrap_or_default()
        ));
    }
    Ok(render::line(lines.join("\n"))?)
}

/// `stop --json`: the session recorded, or null when none was open (or it lasted under a minute).
#[derive(Serialize)]
struct StopView {
    session: Option<ClosedView>,
}

#[derive(Serialize)]
struct ClosedView {
    slug: String,
    started_at: DateTime<Utc>,
    ended_at: DateTime<Utc>,
    spent_s: u32,
    cut: bool,
}

/// `--spent TEXT` read, refused where it means nothing, and for one item only (the time of a
/// session is not shared out between items).
pub(super) fn spent_flag(text: Option<&str>, kind: EventKind, items: usize) -> Result<Option<u32>> {
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

/// What a marking command does to sessions.
pub(super) fn verb_of(kind: EventKind) -> Verb {
    match kind {
        EventKind::Start => Verb::Start,
        EventKind::Done | EventKind::Review | EventKind::Skip => Verb::Ends,
        _ => Verb::Other,
    }
}

/// The session events a plan records.
pub(super) fn session_events(plan: &Plan) -> Vec<NewEvent> {
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
pub(super) fn update(open: Option<session::OpenSession>, plan: &Plan) -> Option<SessionUpdate> {
    (plan.next != open).then_some(SessionUpdate {
        expected: open,
        next: plan.next,
    })
}

/// One line per session recorded, opened or given up; a cut session is also a warning.
pub(super) fn plan_lines(
    store: &Store,
    open: Option<session::OpenSession>,
    plan: &Plan,
) -> Result<Vec<String>> {
    let slug = |id: i64| -> Result<String> {
        Ok(store
            .item_by_id(id)?
            .map_or_else(|| format!("item {id}"), |i| i.slug))
    };
    let mut lines = Vec::new();
    for c in &plan.closes {
        let start = c.end - chrono::Duration::seconds(c.spent_s as i64);
        lines.push(format!(
            "{}: {} studied ({} – {})",
            slug(c.item_id)?,
            session::format_duration(c.spent_s.into()),
            render::local_time(start),
            clock(c.end)
        ));
        if c.cut {
            render::warn(format!(
                "{}: the session open since {} was cut at {} (session.max); `mlpath undo` reverts it, `--spent` records the real time",
                slug(c.item_id)?,
                render::local_time(start),
                session::format_duration(c.spent_s.into())
            ));
        }
    }
    if let Some(dropped) = plan.dropped {
        lines.push(format!(
            "{}: the session open since {} is replaced by --spent",
            slug(dropped.item_id)?,
            render::local_time(dropped.since)
        ));
    }
    if let Some(next) = plan.next.filter(|n| Some(*n) != open) {
        lines.push(format!(
            "{}: session started at {}; `mlpath stop` ends it",
            slug(next.item_id)?,
            clock(next.since)
        ));
    }
    Ok(lines)
}

fn clock(t: DateTime<Utc>) -> String {
    render::local_clock(t)
}
