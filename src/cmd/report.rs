//! `mlpath report`: the HTML page of charts and items, written to a file (or stdout).

use crate::cli::ReportArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::files;
use crate::model::Status;
use crate::progress::{self, SectionProgress};
use crate::render::{self, html};
use crate::stats::{self, Summary};
use crate::store::{ItemFilter, Pool, Store};
use crate::target::Target;
use crate::views::{LogEntry, ReportView};
use anyhow::Result;
use chrono::{DateTime, Local, NaiveDate, Utc};
use std::io::Write;
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
        None => subject_of(&store)?,
    };
    let pool = Pool {
        list,
        ..Pool::default()
    };
    let groups = store.status_groups(&pool)?;
    let (totals, sections) = progress::by_section(&groups, None);
    let summary = summarize(&store, list, sections.clone(), ctx.now)?;
    let (sections, left_out) = chart_sections(&groups, sections);
    let today = ctx.now.with_timezone(&Local).date_naive();
    let finished = by_local_day(store.finished_by_minute(list)?);
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
        write_page(&store, &page, list, args.notes, out)
    })?;
    let Some(path) = written else { return Ok(()) };
    let path = std::path::absolute(&path).unwrap_or(path);
    if args.open
        && let Err(why) = super::open::launch(&Target::File(path.clone()))
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

/// The page, its items streamed from the store in list order.
fn write_page(
    store: &Store,
    page: &html::Page,
    list: Option<i64>,
    with_notes: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let settings = store.review_settings()?;
    let mut page_writer = html::PageWriter::begin(out, page)?;
    let filter = ItemFilter {
        list,
        ..ItemFilter::default()
    };
    store.each_item(&filter, false, |item, _links, _lists| {
        let notes = match with_notes {
            true => store.notes_of(item.id)?,
            false => Vec::new(),
        };
        let s = &item.state;
        let line = html::ItemLine {
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

/// Streaks, the calendar's days, pace, ETA and goal, as `mlpath stats` computes them.
fn summarize(
    store: &Store,
    list: Option<i64>,
    sections: Vec<SectionProgress>,
    now: DateTime<Utc>,
) -> Result<Summary> {
    let input = stats::Input {
        now,
        activity: store.activity(list, stats::bucket_minute(&Local, now))?,
        sections,
        goal: super::stats::goal(store)?,
        weeks: 1,
        heatmap_weeks: html::CALENDAR_WEEKS as usize,
    };
    Ok(stats::summarize(&input, &Local))
}

/// The sections the charts show: every section when they are few, else the top-level ones
/// (the first CHART_SECTIONS of them), and how many more there are.
fn chart_sections(
    groups: &[progress::Group],
    all: Vec<SectionProgress>,
) -> (Vec<SectionProgress>, usize) {
    let mut sections = match all.len() > CHART_SECTIONS {
        true => progress::by_section(groups, Some(1)).1,
        false => all,
    };
    let left_out = sections.len().saturating_sub(CHART_SECTIONS);
    sections.truncate(CHART_SECTIONS);
    (sections, left_out)
}

/// What the page is about: the one list's name, or every list's.
fn subject_of(store: &Store) -> Result<String> {
    let names: Vec<String> = store.lists()?.into_iter().map(|l| l.name).collect();
    Ok(match names.len() {
        0 => "items added by hand".to_string(),
        1..=3 => names.join(", "),
        n => format!("{n} lists"),
    })
}

/// Counts per minute added up per local day, in date order.
fn by_local_day(minutes: Vec<(DateTime<Utc>, u64)>) -> Vec<(NaiveDate, u64)> {
    let mut days: Vec<(NaiveDate, u64)> = Vec::new();
    for (minute, n) in minutes {
        let day = minute.with_timezone(&Local).date_naive();
        match days.last_mut() {
            Some((last, count)) if *last == day => *count += n,
            _ => days.push((day, n)),
        }
    }
    days
}
