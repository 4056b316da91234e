use crate::cli::StatsArgs;
use crate::context::Context;
use crate::progress;
use crate::render;
use crate::stats::{self, Input};
use crate::store::{Pool, Store};
use anyhow::Result;
use chrono::{Local, NaiveDate};

pub fn run(args: StatsArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let list = super::resolve_list(&store, args.list.as_deref())?;
    let pool = Pool {
        list,
        ..Pool::default()
    };
    let (_, sections) = progress::by_section(&store.status_groups(&pool)?, None);
    let input = Input {
        now: ctx.now,
        activity: store.activity(list, stats::bucket_minute(&Local, ctx.now))?,
        sections,
        goal: goal(&store)?,
        weeks: args.weeks.into(),
        heatmap_weeks: stats::HEATMAP_WEEKS,
    };
    let summary = stats::summarize(&input, &Local);
    if ctx.json {
        return Ok(render::emit(&render::json(&summary)?)?);
    }
    Ok(render::emit(&render::stats::report(&summary, &ctx.out))?)
}

/// `goal.date`, when one is set (a stored value that does not read counts as none).
pub(super) fn goal(store: &Store) -> Result<Option<NaiveDate>> {
    Ok(stats::parse_goal(&store.setting_value("goal.date")?).unwrap_or(None))
}
