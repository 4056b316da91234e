use crate::cli::StatsArgs;
use crate::context::Context;
use crate::progress;
use crate::progress::SectionProgress;
use crate::render;
use crate::stats::{self, Input, Summary};
use crate::store::{Pool, Store};
use anyhow::Result;
use chrono::{DateTime, Local, NaiveDate, Utc};

pub fn run(args: StatsArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let list = super::resolve_list(&store, args.list.as_deref())?;
    let pool = Pool {
        list,
        ..Pool::default()
    };
    let (_, sections) =
        progress::by_section(&store.status_groups(&pool, &store.section_paths()?)?, None);
    let weeks = (args.weeks.into(), stats::HEATMAP_WEEKS);
    let summary = summary(&store, list, sections, weeks, ctx.now)?;
    if ctx.json {
        return Ok(render::emit(&render::json(&summary)?)?);
    }
    Ok(render::emit(&render::stats::report(&summary, &ctx.out))?)
}

/// Streaks, weeks, the calendar's days, pace, ETA and goal of the list with id `list` (or of
/// all), for `stats` and the report: `weeks` is (weeks in the table, weeks in the calendar).
pub(super) fn summary(
    store: &Store,
    list: Option<i64>,
    sections: Vec<SectionProgress>,
    weeks: (usize, usize),
    now: DateTime<Utc>,
) -> Result<Summary> {
    let input = Input {
        now,
        activity: store.activity(list, stats::bucket_minute(&Local, now))?,
        sections,
        goal: goal(store)?,
        weeks: weeks.0,
        heatmap_weeks: weeks.1,
    };
    Ok(stats::summarize(&input, &Local))
}

/// `goal.date`, when one is set (a stored value that does not read counts as none).
fn goal(store: &Store) -> Result<Option<NaiveDate>> {
    Ok(stats::parse_goal(&store.setting_value("goal.date")?).unwrap_or(None))
}
