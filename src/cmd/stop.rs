//! `mlpath stop`: ends the open study session and records it.

use super::sessions;
use crate::cli::StopArgs;
use crate::context::Context;
use crate::error::usage;
use crate::render;
use crate::session::{self, Verb};
use crate::store::NewCommand;
use crate::views::RecordedSession;
use anyhow::Result;
use serde::Serialize;

/// `stop --json`: the session recorded, or null when none was open (or it lasted under a minute).
#[derive(Serialize)]
struct StopView {
    session: Option<RecordedSession>,
}

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
    if at < open.since {
        return Err(usage(format!(
            "--at {} is before the session opened ({}); give a later time",
            render::local_time(at),
            render::local_time(open.since)
        )));
    }
    let max_s = sessions::session_max(&store)?;
    let plan = session::plan(Some(open), Verb::Ends, &[open.item_id], at, None, max_s);
    store.append_changes_and_session(
        &NewCommand::typed("stop", ctx.now),
        &sessions::events(&plan),
        sessions::update(Some(open), &plan).as_ref(),
    )?;
    let mut report = sessions::report(&store, Some(open), &plan)?;
    if ctx.json {
        let session = report.recorded.pop();
        return Ok(render::emit(&render::json(&StopView { session })?)?);
    }
    let mut lines = render::marks::session_lines(&report, ctx.now);
    if lines.is_empty() {
        // A session under a minute is not recorded: say so rather than print nothing.
        let slug = store.item_by_id(open.item_id)?.map(|i| i.slug);
        lines.push(render::marks::too_short(&slug.unwrap_or_default()));
    }
    Ok(render::line(lines.join("\n"))?)
}
