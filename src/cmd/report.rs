//! `mlpath report`: the HTML page of charts and items, written to a file (or stdout).

use crate::cli::ReportArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::files;
use crate::progress;
use crate::render::{self, html};
use crate::stats;
use crate::store::Pool;
use crate::target::Target;
use crate::views::{LogEntry, ReportView};
use anyhow::Result;
use chrono::Local;
use std::path::Path;

/// The bar charts show at most this many sections; more are rolled up to the top level.
const CHART_SECTIONS: usize = 24;
/// Events in the page's recent log.
const RECENT: usize = 15;

pub fn run(args: ReportArgs, ctx: &Context) -> Result<()> {
    let to_stdout = args.output == Path::new("-");
    if to_stdout && args.open {
        return Err(usage(
            "--open needs a file to open; give -o FILE rather than -o -",
        ));
    }
    if to_stdout {
        super::refuse_json(ctx, "a report on standard output; give -o FILE")?;
    }
    let store = ctx.store()?;
    let record = super::resolve_list_record(&store, args.list.as_deref())?;
    let list = record.as_ref().map(|l| l.id);
    let subject = match record {
        Some(l) => l.name,
        None => html::subject(&store.lists()?),
    };
    let pool = Pool {
        list,
        ..Pool::default()
    };
    let groups = store.status_groups(&pool, &store.section_paths()?)?;
    let (totals, sections) = progress::by_section(&groups, None);
    let weeks = (1, html::CALENDAR_WEEKS as usize);
    let summary = super::stats::summary(&store, list, sections.clone(), weeks, ctx.now)?;
    let (sections, left_out) = progress::for_charts(&groups, sections, CHART_SECTIONS);
    let today = ctx.now.with_timezone(&Local).date_naive();
    let finished = stats::by_local_day(store.finished_by_minute(list)?, &Local);
    let recent: Vec<LogEntry> = store
        .recent_events(None, RECENT, false, list)?
        .into_iter()
        .map(LogEntry::from)
        .collect();
    let page = html::Page {
        subject: &subject,
        now: ctx.now,
        today,
        totals: &totals,
        sections: &sections,
        sections_left_out: left_out,
        stats: &summary,
        finished_by_day: &finished,
        recent: &recent,
        notes: args.notes,
    };
    let written = files::write_output(&args.output, |out| {
        html::write_report(&store, &page, list, args.notes, out)
    })?;
    let Some(path) = written else { return Ok(()) };
    let path = std::path::absolute(&path).unwrap_or(path);
    if args.open
        && let Err(why) = crate::target::launch(&Target::File(path.clone()))
    {
        // The page is written: say where, so that it can be opened by hand.
        answer(ctx, &path, false)?;
        return Err(failure(why));
    }
    answer(ctx, &path, args.open)
}

/// "wrote PATH", or the JSON answer.
fn answer(ctx: &Context, path: &Path, opened: bool) -> Result<()> {
    if ctx.json {
        let view = ReportView {
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
            path: path.display().to_string(),
            opened,
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    let verb = if opened { "wrote and opened" } else { "wrote" };
    Ok(render::line(format!("{verb} {}", path.display()))?)
}
