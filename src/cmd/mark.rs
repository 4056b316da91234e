//! start / done / review / skip / reset / suspend / resume: one event per item, all in one
//! transaction, with the study sessions they close or open.

use super::sessions;
use crate::cli::MarkArgs;
use crate::context::Context;
use crate::model::{EventKind, Rating};
use crate::render::{self, marks, safe};
use crate::session::{self, Verb};
use crate::state;
use crate::store::{ItemRow, NewCommand, NewEvent};
use crate::views::MarkOutcome;
use anyhow::Result;

/// `rating` goes with done and review.
pub fn run(kind: EventKind, args: MarkArgs, rating: Option<Rating>, ctx: &Context) -> Result<()> {
    let at = match &args.at {
        Some(text) => ctx.time_flag("--at", text)?,
        None => ctx.now,
    };
    let note = args.note.clone().filter(|n| !n.trim().is_empty());
    let spent = sessions::spent_flag(args.spent.as_deref(), kind, args.items.len())?;
    let mut store = ctx.store()?;
    let mut targets: Vec<ItemRow> = Vec::new();
    for query in &args.items {
        let item = super::resolve_item(&store, query, args.all)?;
        if !targets.iter().any(|t| t.id == item.id) {
            targets.push(item);
        }
    }
    // Sessions close before the stage they end is recorded, so they sort before it.
    let open = store.open_session()?;
    let ids: Vec<i64> = targets.iter().map(|t| t.id).collect();
    let max_s = sessions::session_max(&store)?;
    let plan = session::plan(open, Verb::of(kind), &ids, at, spent, max_s);
    let mut events = sessions::events(&plan);
    let session_count = events.len();
    events.extend(targets.iter().map(|item| NewEvent {
        item_id: item.id,
        kind,
        at,
        note: note.clone(),
        rating,
        spent_s: None,
        supersedes: None,
    }));
    // The store decides what changes, inside its write lock.
    let command = NewCommand::typed(verb(kind), ctx.now);
    let update = sessions::update(open, &plan);
    let mut results = store.append_changes_and_session(&command, &events, update.as_ref())?;
    let session_ids: Vec<(i64, i64)> = plan
        .closes
        .iter()
        .zip(results.drain(..session_count))
        .filter_map(|(c, recorded)| Some((c.item_id, recorded.ok()?)))
        .collect();
    let mut report = sessions::report(&store, open, &plan)?;
    if let Some(kept) = open.filter(|o| kind == EventKind::Start && plan.next == Some(*o)) {
        let slug = targets.iter().find(|t| t.id == kept.item_id);
        report.kept = slug.map(|t| (t.slug.clone(), kept.since));
    }
    let changed: Vec<i64> = targets
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.is_ok())
        .map(|(t, _)| t.id)
        .collect();
    super::writeback::after_change(&mut store, &changed)?;
    let settings = store.review_settings()?;
    let mut outcomes = Vec::new();
    for (item, recorded) in targets.into_iter().zip(results) {
        let after = store.item_by_id(item.id)?.unwrap_or_else(|| item.clone());
        let due_at = after
            .schedule
            .due_at()
            .filter(|_| settings.schedules(after.kind));
        let message = match &recorded {
            Err(reason) => {
                let in_session = plan.closes.iter().any(|c| c.item_id == item.id)
                    || plan.next.is_some_and(|n| n.item_id == item.id);
                marks::unchanged_message(&item.slug, reason, in_session)
            }
            Ok(_) => {
                if let Some(earlier) = state::dated_before_earlier_stage(&item.state, kind, at) {
                    marks::warn_out_of_order(&item.slug, kind, at, earlier);
                    // That one line already says the command is dated before the item's start.
                    if report.ended_before_start.as_ref().map(|e| &e.0) == Some(&item.slug) {
                        report.ended_before_start = None;
                    }
                }
                marks::changed_message(&item, &after, due_at, ctx.now)
            }
        };
        outcomes.push(MarkOutcome {
            changed: recorded.is_ok(),
            event_id: recorded.ok(),
            session_event_id: session_ids.iter().find(|(i, _)| *i == item.id).map(|p| p.1),
            due_at,
            slug: after.slug,
            title: after.title,
            status: after.state.status,
            message,
        });
    }
    // Built before the JSON answer too: a session cut at session.max is also a warning.
    let session_lines = marks::session_lines(&report, ctx.now);
    if ctx.json {
        return Ok(render::emit(&render::json(&outcomes)?)?);
    }
    let lines: Vec<String> = outcomes
        .iter()
        .map(|o| marks::fitted(&o.message, &o.title, ctx.out.width))
        .chain(session_lines.iter().map(|m| safe(m, false)))
        .collect();
    Ok(render::line(lines.join("\n"))?)
}

/// The command's name: suspend and resume are `review --suspend` and `review --resume`.
fn verb(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Suspend | EventKind::Resume => "review",
        kind => kind.as_str(),
    }
}
