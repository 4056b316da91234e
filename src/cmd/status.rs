use crate::cli::StatusArgs;
use crate::context::Context;
use crate::model::section_matches;
use crate::progress;
use crate::render;
use crate::store::Pool;
use crate::views::StatusView;
use anyhow::Result;
use chrono::Local;

pub fn run(args: StatusArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let pool = Pool {
        kind: args.kind,
        section_words: section_words(args.section.as_deref()),
    };
    let mut groups = store.status_groups(&pool)?;
    groups.retain(|g| section_matches(&g.section, args.section.as_deref()));
    let (totals, sections) = progress::by_section(&groups, args.depth.map(usize::from));
    let view = StatusView {
        percent: totals.percent(),
        totals,
        streak_days: progress::walk_streak(ctx.now, &Local, |t| {
            store.latest_event_before(Some(t))
        })?,
        last_activity: store.last_activity()?,
        sections,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::emit(&render::status::report(
        &view, ctx.now, &ctx.out,
    ))?)
}

/// `--section` words as they appear inside the stored section path.
pub fn section_words(section: Option<&str>) -> Vec<String> {
    section
        .map(|s| {
            s.split('/')
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default()
}
